"""Exporting the whole library to a folder (a *bundle*) and importing it back.

A bundle is a folder a person can read and any program can parse::

    DIR/readshelf.json     format, versions, export time, tags, articles, feeds
    DIR/images/<sha256>.<ext>      each picture once, named by its bytes
    DIR/sources/<id>.<ext>.zlib    each article's original, as stored (zlib)

Articles carry every column of their row (ids, states, dates, capture
status), their tags by name, their images (metadata plus file path and
SHA-256), related stories and the path of their source file. Feeds carry
their row and their entries. Columns are read with ``PRAGMA table_info``, so a
column another migration adds travels without changes here.

Import into an empty library restores every row as it was, ids included.
Import into a library that already has articles merges: each article is
matched the way saving matches (canonical URL, or the text's hash without a
URL) and is added or updated, never copied twice. Either way the import is
one transaction, and every check fails it whole. Every entry of the manifest
is checked against a JSON Schema (types, ranges, dates, text UTF-8 can hold,
nesting depth) before anything is written; file hashes as files are read.

Both directions stream: an export writes, and an import reads, one article
at a time, so memory does not grow with the library. An export is built in
a new folder beside the bundle and swapped in at the end: an interrupted
export never damages the earlier bundle.

Derived tables (the search index and its shadow tables, ``library_state``,
the migration log, similarity tables) are never exported: the library
rebuilds them. ``library_digest`` fingerprints everything else, which is how
the tests prove a round trip loses nothing.

Modules: ``model`` (constants and records), ``tables`` (which tables hold
the person's data; the digest), ``files`` (writing export files),
``folders`` (the new folder and the swap), ``export``, ``jsonstream``
(reading the manifest an entry at a time, depth-limited), ``schema`` (the
JSON Schema), ``manifest`` (reading a bundle) and ``importing``.
"""

from core.files import IMAGES_DIR, image_file_name
from storage.bundle.export import export_bundle
from storage.bundle.files import check_export_folder, write_atomically
from storage.bundle.importing import import_bundle
from storage.bundle.manifest import bundle_articles, bundle_feeds, bundle_file, read_bundle
from storage.bundle.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    SOURCES_DIR,
    Bundle,
    BundleArticle,
    BundleError,
    BundleFeed,
    BundleImage,
    BundleSource,
    ExportResult,
    ImportResult,
)
from storage.bundle.tables import EXPORTED_TABLES, content_tables, library_digest, table_columns

__all__ = [
    "EXPORTED_TABLES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "IMAGES_DIR",
    "MANIFEST",
    "SOURCES_DIR",
    "Bundle",
    "BundleArticle",
    "BundleError",
    "BundleFeed",
    "BundleImage",
    "BundleSource",
    "ExportResult",
    "ImportResult",
    "bundle_articles",
    "bundle_feeds",
    "bundle_file",
    "check_export_folder",
    "content_tables",
    "export_bundle",
    "image_file_name",
    "import_bundle",
    "library_digest",
    "read_bundle",
    "table_columns",
    "write_atomically",
]
