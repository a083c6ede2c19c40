"""Saving what was dropped, pasted or typed, off the GUI thread.

The saving itself is ``services.save`` (the same code the command line
runs); this module is its Qt side. Each item becomes one background task that
saves it with its own Library and reads back the row the list shows. The
window learns of it through ``started``, ``saved`` and ``failed``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services import save
from services.save import Capturers, SaveReport
from storage import ArticleFilter, ArticleSummary, Library
from ui.drops import DropItem
from ui.workers import Pool, TaskRunner


@dataclass(frozen=True)
class SavedArticle:
    """What saving one item gave: the service's report and the list's row."""

    summary: ArticleSummary
    report: SaveReport


def _with_summary(report: SaveReport, library: Library) -> SavedArticle:
    summary = library.list_articles(ArticleFilter(ids=(report.id,)), limit=1)[0]
    return SavedArticle(summary, report)


def save_job(
    item: DropItem, tags: Sequence[str], capturers: Capturers | None
) -> Callable[[Library], SavedArticle]:
    """The background work for one dropped, pasted or typed item."""

    def job(library: Library) -> SavedArticle:
        if item.kind == "html":
            report = save.save_selection(
                library, item.value, item.source_url, tags=tags, capturers=capturers
            )
        else:
            report = save.save_source(library, item.value, tags=tags, capturers=capturers)
        return _with_summary(report, library)

    return job


def retry_job(article_id: int) -> Callable[[Library], SavedArticle]:
    """The background work for fetching a pending article again."""
    return lambda library: _with_summary(save.retry(library, article_id), library)


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
        """None: the real capture functions (``services.save.default_capturers``)."""
        self._tokens = itertools.count(1)

    def save(self, items: Sequence[DropItem], tags: Sequence[str] = ()) -> list[int]:
        """Start saving every item; returns their tokens."""
        return [
            self._run(item.label, save_job(item, tuple(tags), self._capturers)) for item in items
        ]

    def retry(self, article_id: int, label: str) -> int:
        """Fetch a pending article again, in place; returns its token."""
        return self._run(label, retry_job(article_id))

    def _run(self, label: str, job: Callable[[Library], SavedArticle]) -> int:
        token = next(self._tokens)
        self.started.emit(token, label)
        self._runner.submit(
            job,
            partial(self.saved.emit, token),
            partial(self.failed.emit, token, label),
            pool=Pool.BACKGROUND,
            label=QCoreApplication.translate("ArticleSaver", "Saving {what}").format(what=label),
        )
        return token
