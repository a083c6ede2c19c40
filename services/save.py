"""Saving articles: from an address or a file, from a selection, again
(retry a pending one), and anew from the kept original (re-extract).

The window and the command line both call these functions with a library
they opened (on the thread that opened it); capture does the reading,
storage the keeping. Each save is one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from core.errors import CaptureError
from core.limits import Limits
from core.models import ArticleRecord, SaveResult
from storage import ArticleFilter, Library

PAGE_SIZE = 500

SaveStatus = Literal["added", "updated", "pending", "completed", "kept"]

CaptureSource = Callable[[str], ArticleRecord]
"""An address or a file path -> a record."""
CaptureFragment = Callable[[str, str | None], ArticleRecord]
"""An HTML selection and the page it came from -> a record."""


@dataclass(frozen=True)
class Capturers:
    """The capture functions a save calls. The window's tests pass slow ones
    to see the window stay responsive; everyone else uses ``default_capturers``."""

    source: CaptureSource
    fragment: CaptureFragment


def default_capturers(limits: Limits | None = None, *, offline: bool = False) -> Capturers:
    """The real capture functions. Imported here, not at the top: capture pulls
    in the HTML and network stack, which commands that only read never need."""
    from capture.sources import capture_fragment, capture_source

    chosen = limits or Limits.from_env()
    return Capturers(
        source=lambda source: capture_source(source, chosen, offline=offline),
        fragment=lambda html, url: capture_fragment(html, url, limits=chosen, offline=offline),
    )


@dataclass(frozen=True)
class SaveReport:
    """What saving one thing gave."""

    id: int
    title: str
    status: SaveStatus
    """``added`` or ``updated`` for a save, ``pending`` when the page could not be
    fetched and was kept to fetch later, ``completed`` for a successful retry,
    ``kept`` when a re-extraction would have lost words and the saved text stays."""
    pending_reason: str | None = None
    held_back: int | None = None
    """The version number this save's text was kept as, when it did not
    replace the saved text (much shorter, or another title)."""
    notice: str | None = None
    """One line saying so, for the person: the saved text stayed current."""


def held_back_notice(library: Library, saved: SaveResult) -> str | None:
    """The line telling the person a save was kept as a version, not used."""
    held = saved.held_back
    if held is None:
        return None
    current = library.get_article(saved.id)
    if held.reason == "shorter":
        why = f"the new text has {held.word_count} words, the saved one {current.word_count}"
    else:
        why = f"the new text has another title, \u201c{held.title}\u201d"
    return (
        f"kept the saved text of {saved.id}: {why}; the new one is version {held.number}"
        f" (readshelf revert {saved.id} {held.number} to use it)"
    )


def _report(
    library: Library, record: ArticleRecord, saved: SaveResult, status: SaveStatus
) -> SaveReport:
    if record.capture_status == "pending":
        reason = record.capture_error or "the page could not be fetched"
        return SaveReport(saved.id, record.title, "pending", reason)
    if saved.held_back is not None:
        return SaveReport(
            saved.id,
            library.get_article(saved.id).title,
            status,
            held_back=saved.held_back.number,
            notice=held_back_notice(library, saved),
        )
    return SaveReport(saved.id, library.get_article(saved.id).title, status)


def is_web_address(source: str) -> bool:
    """Whether a source a person names is an http(s) address, not a file."""
    return source.strip().lower().startswith(("http://", "https://"))


def save_source(
    library: Library, source: str, *, tags: Sequence[str] = (), capturers: Capturers | None = None
) -> SaveReport:
    """Save a file path or an http(s) address. An address that cannot be
    fetched now is kept as a pending article (status ``pending``).

    A file's address (its canonical link, a "saved from" comment, an MHTML
    snapshot address) is only declared: it identifies the article only when
    plausible and the same story (see ``storage.articles.save``)."""
    record = (capturers or default_capturers()).source(source)
    record.url_declared = not is_web_address(source)
    saved = library.save_article(record, tags=tags)
    return _report(library, record, saved, saved.outcome)


def save_selection(
    library: Library,
    html: str,
    source_url: str | None,
    *,
    tags: Sequence[str] = (),
    capturers: Capturers | None = None,
) -> SaveReport:
    """Save an HTML selection taken from ``source_url`` (when known) as a
    clip: its own article, linked to the page's article when that is saved,
    which it never updates."""
    record = (capturers or default_capturers()).fragment(html, source_url)
    record.kind = "clip"
    saved = library.save_article(record, tags=tags)
    return _report(library, record, saved, saved.outcome)


def _all_ids(library: Library, where: ArticleFilter) -> Iterator[int]:
    """Every article id matching ``where``, a page at a time (keyset)."""
    after: int | None = None
    while True:
        page = library.list_articles(where, limit=PAGE_SIZE, after=after)
        yield from (summary.id for summary in page)
        if len(page) < PAGE_SIZE:
            return
        after = page[-1].id


def pending_ids(library: Library) -> list[int]:
    """Every pending article, newest first."""
    return list(_all_ids(library, ArticleFilter(pending=True)))


def retry(library: Library, article_id: int, limits: Limits | None = None) -> SaveReport:
    """Fetch one pending article's address again and save it in place.
    Still unreachable: it stays pending (status ``pending``, with the reason)."""
    from capture.sources import capture_url

    article = library.get_article(article_id)
    if article.capture_status != "pending":
        raise CaptureError("not pending: it was saved complete already")
    if not article.url:
        raise CaptureError("it has no web address to fetch")
    record = capture_url(article.url, limits or Limits.from_env())
    saved = library.save_article(record, into=article_id)
    return _report(library, record, saved, "completed")


def ids_with_source(library: Library) -> list[int]:
    """Every article whose original bytes were kept."""
    return [
        article_id
        for article_id in _all_ids(library, ArticleFilter())
        if library.article_source(article_id) is not None
    ]


def reextract(library: Library, article_id: int, limits: Limits | None = None) -> SaveReport:
    """Run extraction again on one article's kept original (no network) and
    save it in place, keeping its id, state, favourite mark and tags."""
    from capture.guard import is_worse_extraction
    from capture.sources import recapture

    article = library.get_article(article_id)
    kept = library.article_source(article_id)
    if kept is None:
        raise CaptureError("its original was not kept, nothing to re-extract")
    data, media_type = kept
    stored: dict[str, bytes] = {}
    for image in article.images:
        found = library.image_data(article_id, image.position) if image.has_data else None
        if found is not None and image.src:
            stored[image.src] = found[0]
    # A clip's page address is in page_url: its own url is empty.
    address = article.url or article.page_url
    record = recapture(
        data, media_type, url=address, stored_images=stored, limits=limits or Limits.from_env()
    )
    record.url = address if article.kind == "clip" else record.url or address
    record.url_declared = article.url is None
    record.source_name = article.source_name
    record.arrived_by = article.arrived_by
    if is_worse_extraction(article.body_text, article.lead, record.body_text, record.lead):
        # Never replace a saved body with one that keeps fewer of its words.
        return SaveReport(
            article_id,
            article.title,
            "kept",
            notice="kept the saved text: the new extraction would lose some of its words",
        )
    saved = library.save_article(record, into=article_id)
    report = _report(library, record, saved, "updated")
    gained = library.get_article(article_id).word_count - article.word_count
    if report.notice is None and saved.held_back is None and gained > 0:
        return dataclasses.replace(report, notice=f"re-extraction found {gained} more words")
    return report
