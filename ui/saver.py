"""Saving what was dropped, pasted or typed: capture and store, off the GUI thread.

Each item becomes one background task that captures it (``capture_source``
for a link or a file, ``capture_fragment`` for an HTML selection), saves it
with its own Library, and reads back the row the list shows. The window
learns of it through ``started``, ``saved`` and ``failed``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal

from core.models import SaveOutcome
from storage import ArticleFilter, ArticleRecord, ArticleSummary, Library
from ui.drops import DropItem
from ui.workers import TaskRunner

CaptureSource = Callable[[str], ArticleRecord]
CaptureFragment = Callable[[str, str | None], ArticleRecord]


@dataclass(frozen=True)
class Capturers:
    """The capture functions the saver calls; tests may pass slow ones."""

    source: CaptureSource
    fragment: CaptureFragment


def default_capturers() -> Capturers:
    # Imported when first needed: capture pulls in the HTML and network stack.
    from capture.sources import capture_fragment, capture_source

    return Capturers(source=capture_source, fragment=capture_fragment)


@dataclass(frozen=True)
class SavedArticle:
    """What saving one item gave."""

    summary: ArticleSummary
    outcome: SaveOutcome
    pending_reason: str | None
    """Set when the page could not be fetched and was kept to fetch later."""


def _capture(item: DropItem, capturers: Capturers) -> ArticleRecord:
    if item.kind == "html":
        return capturers.fragment(item.value, item.source_url)
    return capturers.source(item.value)


def save_job(
    item: DropItem, tags: Sequence[str], capturers: Capturers
) -> Callable[[Library], SavedArticle]:
    """The background work for one item."""

    def job(library: Library) -> SavedArticle:
        record = _capture(item, capturers)
        result = library.save_article(record, tags=tags)
        summary = library.list_articles(ArticleFilter(ids=(result.id,)), limit=1)[0]
        pending = None
        if record.capture_status == "pending":
            pending = record.capture_error or "the page could not be fetched"
        return SavedArticle(summary, result.outcome, pending)

    return job


class ArticleSaver(QObject):
    started = Signal(int, str)
    """A save began: its token and a label for the "Saving…" row."""
    saved = Signal(int, object)
    """A save finished: its token and a ``SavedArticle``."""
    failed = Signal(int, str, str)
    """A save failed: its token, the item's label and the reason."""

    def __init__(
        self, runner: TaskRunner, capturers: Capturers | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._capturers = capturers
        self._tokens = itertools.count(1)

    @property
    def capturers(self) -> Capturers:
        if self._capturers is None:
            self._capturers = default_capturers()
        return self._capturers

    def save(self, items: Sequence[DropItem], tags: Sequence[str] = ()) -> list[int]:
        """Start saving every item; returns their tokens."""
        tokens = []
        for item in items:
            token = next(self._tokens)
            tokens.append(token)
            label = item.label
            self.started.emit(token, label)
            self._runner.submit(
                save_job(item, tuple(tags), self.capturers),
                partial(self._done, token),
                partial(self._failed, token, label),
                label=f"Saving {label}",
            )
        return tokens

    def _done(self, token: int, result: SavedArticle) -> None:
        self.saved.emit(token, result)

    def _failed(self, token: int, label: str, message: str) -> None:
        self.failed.emit(token, label, message)
