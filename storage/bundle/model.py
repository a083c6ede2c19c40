"""What a bundle is: its format constants, its records as read from disk,
and what an export or an import reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from storage.errors import LibraryError

FORMAT_NAME = "readshelf-bundle"
FORMAT_VERSION = 2
"""2 added each article's ``versions`` and ``highlights``: a Readshelf that
reads only 1 says to update instead of calling the bundle damaged."""
MANIFEST = "readshelf.json"
SOURCES_DIR = "sources"
VERSIONS_DIR = "versions"

Scalar = str | int | float | None


class BundleError(LibraryError):
    """An export or import that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    directory: Path
    format: str
    articles: int
    images: int
    skipped_tables: tuple[str, ...] = ()
    """Tables with rows this version does not know how to export."""


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    added: int
    updated: int
    feeds_added: int
    feeds_merged: int
    images: int
    merged: bool
    """True when the library had content and the bundle was merged into it."""
    ignored_columns: tuple[str, ...] = ()
    """``table.column`` values in the bundle that this library has no column
    for (a bundle from a newer Readshelf): left out, and worth telling."""


@dataclass
class BundleImage:
    """One picture of an article in a bundle."""

    columns: dict[str, Scalar]
    file: Path | None
    sha256: str | None


@dataclass
class BundleSource:
    """An article's original bytes in a bundle (compressed, as stored)."""

    columns: dict[str, Scalar]
    file: Path
    sha256: str


@dataclass
class BundleFile:
    """A file of a bundle holding one blob, with the SHA-256 it must match."""

    file: Path
    sha256: str


@dataclass
class BundleVersion:
    """One kept version of an article: its row, its packed content, its
    original source bytes (both as stored, compressed) and its pictures."""

    columns: dict[str, Scalar]
    content: BundleFile
    source: BundleFile | None
    images: list[BundleImage]


@dataclass
class BundleArticle:
    """One article of a bundle with everything it owns."""

    id: int
    columns: dict[str, Scalar]
    tags: list[str]
    images: list[BundleImage]
    related: list[dict[str, Scalar]]
    source: BundleSource | None
    versions: list[BundleVersion] = field(default_factory=list)
    highlights: list[dict[str, Scalar]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    """The sites' keywords; bundles written before topics existed have none."""


@dataclass
class BundleFeed:
    """One feed of a bundle with the entries it has seen."""

    columns: dict[str, Scalar]
    entries: list[dict[str, Scalar]]


@dataclass(frozen=True)
class Bundle:
    """A bundle whose whole manifest was checked: every entry meets the
    schema, every path stays inside the folder and every file it names
    exists (hashes are checked as files are read). Its articles and feeds
    are read again one at a time (``manifest.bundle_articles``)."""

    directory: Path
    manifest: Path
    stamp: tuple[int, int, int, int]
    """The manifest's size, times and inode when it was checked."""
    format_version: int
    schema_version: int | None
    exported: str | None
    tags: list[dict[str, Scalar]] = field(default_factory=list)
    article_ids: frozenset[int] = frozenset()
    feed_count: int = 0
