"""Moving the whole library out to a folder and back in.

Export writes one of three formats:

* ``bundle``: everything (articles, pictures, sources, states, tags, feeds),
  for ``import_library``; written by ``storage.bundle``.
* ``html`` and ``markdown``: reading copies for people; the articles are
  read from the library here, page by page, and handed to the writers of
  ``export/``, which never open the library themselves.

Import reads a bundle back, all of it or nothing (``storage.bundle``).
Subscription lists (OPML) are imported by ``services.feed_subscribe``.

Expected failures are ``LibraryError`` (``BundleError`` among them) from
storage and ``ExportError`` from the reading-copy writers, each with a
one-line message to show as is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.models import Article, ArticleSummary
from export.folder import ExportError
from export.html import HTML
from export.markdown import MARKDOWN
from export.pages import PageFormat, PagesWriter
from storage import Library
from storage.bundle import BundleError, ExportResult, ImportResult, export_bundle, import_bundle

__all__ = [
    "EXPORT_FORMATS",
    "SUMMARY_PAGE",
    "ExportError",
    "ExportResult",
    "ImportResult",
    "export_library",
    "import_library",
]

EXPORT_FORMATS: tuple[str, ...] = ("bundle", "html", "markdown")

SUMMARY_PAGE = 500
"""Summaries read per query while listing the articles to export."""

_PAGE_FORMATS: dict[str, PageFormat] = {HTML.name: HTML, MARKDOWN.name: MARKDOWN}


def export_library(
    library: Library, directory: Path, export_format: str, *, page_size: int = SUMMARY_PAGE
) -> ExportResult:
    """Export every article into ``directory`` as a bundle, HTML or Markdown.

    The folder must be new, empty or an earlier export of the same format,
    which is brought up to date. ``page_size`` is how many summaries each
    query reads while listing the articles of a reading copy.
    """
    if export_format == "bundle":
        return export_bundle(library, directory)
    page_format = _PAGE_FORMATS.get(export_format)
    if page_format is None:
        raise BundleError(
            f"unknown export format {export_format!r}: use {', '.join(EXPORT_FORMATS)}"
        )
    writer = PagesWriter(directory, page_format)  # refuses a wrong folder before any reading
    summaries = list(_summaries(library, page_size))
    written = writer.write(summaries, _articles(library, summaries), library.image_data)
    return ExportResult(
        directory=written.directory,
        format=page_format.name,
        articles=written.articles,
        images=written.images,
    )


def import_library(library: Library, directory: Path) -> ImportResult:
    """Import a bundle made by ``export_library``: all of it, or nothing.

    Into an empty library everything comes back as it was, ids included;
    otherwise articles already saved are updated, never copied twice.
    """
    return import_bundle(library, directory)


def _summaries(library: Library, page_size: int) -> Iterator[ArticleSummary]:
    """Every article, newest first as the index lists them, read one keyset
    page at a time so no query grows with the library."""
    after: int | None = None
    while True:
        page = library.list_articles(limit=page_size, after=after)
        yield from page
        if len(page) < page_size or not page:
            return
        after = page[-1].id


def _articles(library: Library, summaries: list[ArticleSummary]) -> Iterator[Article]:
    """The full article of each summary, one in memory at a time."""
    for summary in summaries:
        yield library.get_article(summary.id)
