"""Moving the whole library out to a folder and back in.

Export writes one of three formats:

* ``bundle``: everything (articles, pictures, sources, states, tags, feeds),
  for ``import_library``; written by ``storage.bundle``.
* ``html`` and ``markdown``: reading copies for people; the articles are
  read from the library here, page by page, and handed to the writers of
  ``export/``, which never open the library themselves.

``export_epub`` makes one EPUB book of the articles a ``BookSelection``
picks (given ids, a tag, a status, saved since a day), for e-readers; the
book is written by ``export.epub``, the articles read here a keyset page at
a time and handed over one at a time.

Import reads a bundle back, all of it or nothing (``storage.bundle``).
Subscription lists (OPML) are imported by ``services.feed_subscribe``.

Expected failures are ``LibraryError`` (``BundleError`` among them) from
storage and ``ExportError`` from the reading-copy writers, each with a
one-line message to show as is.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from core.imported import Highlight
from core.models import Article, ArticleStatus, ArticleSummary
from export.epub import BookInfo, EpubWriter, Progress
from export.folder import ExportError
from export.html import HTML
from export.markdown import MARKDOWN
from export.notes import write_notes
from export.pages import PageFormat, PagesWriter
from storage import ArticleFilter, Library
from storage.bundle import BundleError, ExportResult, ImportResult, export_bundle, import_bundle

__all__ = [
    "EXPORT_FORMATS",
    "SUMMARY_PAGE",
    "BookSelection",
    "EpubResult",
    "ExportError",
    "ExportResult",
    "ImportResult",
    "export_epub",
    "export_library",
    "import_library",
]

EXPORT_FORMATS: tuple[str, ...] = ("bundle", "html", "markdown", "notes", "epub")
"""Every format ``export`` writes: ``epub`` by ``export_epub``, to a file;
the others by ``export_library``, to a folder."""

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
    if export_format == "notes":
        notes = write_notes(directory, _with_highlights(library, _summaries(library, page_size)))
        return ExportResult(
            directory=notes.directory, format="notes", articles=notes.articles, images=0
        )
    page_format = _PAGE_FORMATS.get(export_format)
    if page_format is None:
        raise BundleError(
            f"unknown export format {export_format!r}: use bundle, html, markdown or notes"
        )
    writer = PagesWriter(directory, page_format)  # refuses a wrong folder before any reading
    summaries = list(_summaries(library, page_size))
    written = writer.write(
        summaries, _articles(library, summaries), library.image_data, library.highlights
    )
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


def _with_highlights(
    library: Library, summaries: Iterable[ArticleSummary]
) -> Iterator[tuple[Article, list[Highlight]]]:
    """Each article that has highlights or notes, with them, one at a time."""
    for summary in summaries:
        highlights = library.highlights(summary.id)
        if highlights:
            yield library.get_article(summary.id), highlights


def _articles(library: Library, summaries: list[ArticleSummary]) -> Iterator[Article]:
    """The full article of each summary, one in memory at a time."""
    for summary in summaries:
        yield library.get_article(summary.id)


# --------------------------------------------------------------------------
# EPUB: a book of chosen articles for an e-reader
# --------------------------------------------------------------------------

BOOK_NAMESPACE = uuid.UUID("8f0d5c52-5b0e-4d8e-9a55-2f3c1e7a9b61")
"""Namespace of the books' identifiers (UUID 5 of what they hold)."""


@dataclass(frozen=True)
class BookSelection:
    """Which articles a book holds: those given by id (in that order), else
    every article; narrowed by each filter set. Newest first unless ids."""

    ids: tuple[int, ...] = ()
    tag: str | None = None
    status: ArticleStatus | None = None
    since: date | None = None
    """Saved on or after this day (UTC)."""

    def label(self) -> str:
        """What the book is, for its title: "Du lịch", "Unread", "3 articles"."""
        parts = []
        if self.tag:
            parts.append(self.tag)
        if self.status:
            parts.append(self.status.capitalize())
        if self.since:
            parts.append(f"since {_day_month_year(self.since)}")
        if self.ids and not parts:
            parts.append(f"{len(self.ids)} article{'s' if len(self.ids) != 1 else ''}")
        return " · ".join(parts) or "All articles"

    def identifier(self) -> str:
        """A ``urn:uuid:`` that stays the same for the same selection, so a
        reader replaces an earlier copy of the book instead of keeping two."""
        key = repr((self.ids, (self.tag or "").casefold(), self.status, self.since))
        return f"urn:uuid:{uuid.uuid5(BOOK_NAMESPACE, key)}"


@dataclass(frozen=True)
class EpubResult:
    """What ``export_epub`` wrote."""

    path: Path
    title: str
    language: str
    articles: int
    pictures: int
    pictures_left_out: int
    """Pictures that could not be decoded: left out, their captions kept."""


def export_epub(
    library: Library,
    out_path: Path,
    selection: BookSelection | None = None,
    *,
    progress: Progress | None = None,
    made: datetime | None = None,
    page_size: int = SUMMARY_PAGE,
) -> EpubResult:
    """Write the articles ``selection`` picks (every article by default) as
    one EPUB book at ``out_path``, replacing an EPUB already there.

    ``progress(done, total)`` is called after each chapter (a worker thread
    forwards it to the window); ``made`` is the book's date (now by default).
    Raises ``ExportError`` (nothing to export, a wrong path, a write that
    failed) and ``LibraryError`` (an id that is not saved, a locked library).
    """
    chosen = selection or BookSelection()
    moment = (made or datetime.now(UTC)).astimezone(UTC)
    title = f"Readshelf — {chosen.label()} — {_day_month_year(moment.date())}"
    writer = EpubWriter(out_path, BookInfo(title, chosen.identifier(), moment))
    summaries = _chosen_summaries(library, chosen, page_size)
    if not summaries:
        raise ExportError(f"nothing to export: no article matches ({chosen.label()})")
    written = writer.write(
        summaries,
        _articles(library, summaries),
        library.image_data,
        progress=progress,
        highlights=library.highlights,
    )
    return EpubResult(
        path=written.path,
        title=title,
        language=written.language,
        articles=written.articles,
        pictures=written.pictures,
        pictures_left_out=written.pictures_left_out,
    )


def _day_month_year(day: date) -> str:
    """6/12/2026: the order Vietnamese readers write a date in."""
    return f"{day.day}/{day.month}/{day.year}"


def _chosen_summaries(
    library: Library, selection: BookSelection, page_size: int
) -> list[ArticleSummary]:
    """The summaries of the articles ``selection`` picks, in book order."""
    where = ArticleFilter(tag=selection.tag, status=selection.status)
    since = selection.since.isoformat() if selection.since else None
    if selection.ids:
        return _summaries_of_ids(library, selection.ids, where, since, page_size)
    chosen: list[ArticleSummary] = []
    after: int | None = None
    # Sorted by the day saved when filtering by it: the walk stops at the
    # first article saved before, instead of reading the whole library.
    while True:
        page = library.list_articles(
            where, sort="saved" if since else "date", limit=page_size, after=after
        )
        for summary in page:
            if since and summary.saved[:10] < since:
                return chosen
            chosen.append(summary)
        if len(page) < page_size or not page:
            return chosen
        after = page[-1].id


def _summaries_of_ids(
    library: Library,
    ids: Sequence[int],
    where: ArticleFilter,
    since: str | None,
    page_size: int,
) -> list[ArticleSummary]:
    """The given articles that pass the filters, in the order given (each
    once); an id that is not saved is an error, not a shorter book."""
    unique = list(dict.fromkeys(ids))
    missing = [article_id for article_id in unique if not library.article_exists(article_id)]
    if missing:
        listed = ", ".join(str(article_id) for article_id in missing)
        raise ExportError(f"no saved article has the id {listed}")
    found: dict[int, ArticleSummary] = {}
    for start in range(0, len(unique), page_size):
        chunk = tuple(unique[start : start + page_size])
        page = library.list_articles(
            ArticleFilter(tag=where.tag, status=where.status, ids=chunk), limit=len(chunk)
        )
        found.update((summary.id, summary) for summary in page)
    return [
        found[article_id]
        for article_id in unique
        if article_id in found and not (since and found[article_id].saved[:10] < since)
    ]
