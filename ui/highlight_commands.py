"""Highlights and notes from the window: make, annotate, recolour, remove, show.

Every read and write runs in the interactive pool; a write also reads the
open article's highlights and the sidebar's new contents there, so what
lands on the GUI thread only paints. The reader anchors a selection in its
document's text (``ArticleReader.selected_quote``); storage finds the quote
again in the article's own text and stores it anchored there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.anchoring import HIGHLIGHT_COLORS, TextQuote
from core.imported import Highlight
from storage import Library
from ui.collaborators import Feedback
from ui.highlights_pane import HighlightRow, HighlightsPane
from ui.library_watch import LibraryWatcher
from ui.prompt_bar import PromptBar
from ui.reader import ArticleReader
from ui.sidebar import SidebarView
from ui.sidebar_model import Sections, read_sidebar
from ui.workers import Pool, TaskRunner

LOAD_SLOT = "article-highlights"
QUOTE_IN_PROMPT = 48


@dataclass(frozen=True)
class _Changed:
    article_id: int | None
    highlights: list[Highlight]
    sidebar: Sections


def _shortened(text: str, length: int = QUOTE_IN_PROMPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class HighlightCommands(QObject):
    highlights_shown = Signal()
    """The open article's highlights were (re)painted: the pane may show or hide."""
    changed = Signal()
    """A highlight or note was added, changed or removed."""

    def __init__(
        self,
        runner: TaskRunner,
        *,
        reader: ArticleReader,
        pane: HighlightsPane,
        sidebar: SidebarView,
        prompt: PromptBar,
        feedback: Feedback,
        watcher: LibraryWatcher,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reader = reader
        self._pane = pane
        self._sidebar = sidebar
        self._prompt = prompt
        self._feedback = feedback
        self._watcher = watcher

    def _open_id(self) -> int | None:
        article = self._reader.article
        return article.id if article is not None else None

    # -- showing -----------------------------------------------------------

    def load(self, article_id: int, *, focus: int | None = None) -> None:
        """Read and paint the open article's highlights; ``focus``: a highlight
        to bring into view once they are painted."""

        def job(library: Library) -> list[Highlight]:
            return library.highlights(article_id)

        def done(highlights: list[Highlight]) -> None:
            self._show(article_id, highlights, focus)

        def failed(message: str) -> None:
            self._feedback.notify_error(
                QCoreApplication.translate("HighlightCommands", "Could not read the highlights: ")
                + message
            )

        self._runner.submit(job, done, failed, pool=Pool.INTERACTIVE, slot=LOAD_SLOT)

    def clear(self) -> None:
        """No article is open."""
        self._runner.cancel_slot(LOAD_SLOT)
        self._reader.show_highlights([])
        self._pane.show_rows([])
        self.highlights_shown.emit()

    def _show(self, article_id: int | None, highlights: list[Highlight], focus: int | None) -> None:
        if article_id is None or self._open_id() != article_id:
            return  # another article was opened meanwhile
        self._reader.show_highlights(highlights)
        self._pane.show_rows([HighlightRow.placed(item) for item in self._reader.placed_highlights])
        self.highlights_shown.emit()
        if focus is not None:
            self._reader.scroll_to_highlight(focus)
            self._pane.list.select_highlight(focus)

    def reveal(self, row: HighlightRow) -> None:
        """A row of the pane was chosen: bring its quote into view."""
        if not self._reader.scroll_to_highlight(row.highlight.id) and not row.is_note:
            self._feedback.say(
                QCoreApplication.translate(
                    "HighlightCommands", "This highlight is no longer in the article's text."
                )
            )

    # -- changing ----------------------------------------------------------

    def highlight_selection(self, color: str = HIGHLIGHT_COLORS[0], note: str = "") -> None:
        """H: highlight the reader's selection (an existing highlight it
        touches takes the colour instead of a second one being made)."""
        article_id = self._open_id()
        quote = self._reader.selected_quote()
        if article_id is None or quote is None:
            self._feedback.say(
                QCoreApplication.translate(
                    "HighlightCommands", "Select some text in the article to highlight it."
                )
            )
            return
        touched = self._reader.highlight_under_cursor()
        if touched is not None and not note:
            self.recolor(touched.id, color)
            return
        self._add(article_id, quote, color, note)

    def _add(self, article_id: int, quote: TextQuote, color: str, note: str) -> None:
        def change(library: Library) -> None:
            library.add_highlight(
                article_id,
                quote.quote,
                prefix=quote.prefix,
                suffix=quote.suffix,
                start=quote.start,
                end=quote.end,
                color=color,
                note=note,
            )

        self._reader.clear_selection()
        self._change(
            change, QCoreApplication.translate("HighlightCommands", "Could not highlight: ")
        )

    def ask_note(self, highlight: Highlight | None = None) -> None:
        """N: the note of ``highlight``, else of the highlight under the
        cursor or selection; a selection that is no highlight is highlighted
        with the note; with neither, a note on the whole article."""
        article_id = self._open_id()
        if article_id is None:
            return
        highlight = highlight or self._reader.highlight_under_cursor()
        if highlight is not None:
            self._ask_highlight_note(highlight)
            return
        quote = self._reader.selected_quote()
        if quote is not None:
            self._prompt.ask_text(
                QCoreApplication.translate("HighlightCommands", "Note on “%1”:").replace(
                    "%1", _shortened(quote.quote)
                ),
                lambda text: self._add(article_id, quote, HIGHLIGHT_COLORS[0], text),
                accept_label=QCoreApplication.translate("HighlightCommands", "Highlight"),
            )
            return
        self._prompt.ask_text(
            QCoreApplication.translate("HighlightCommands", "Note on the article:"),
            lambda text: self.add_note(article_id, text),
            accept_label=QCoreApplication.translate("HighlightCommands", "Add Note"),
        )

    def _ask_highlight_note(self, highlight: Highlight) -> None:
        is_note = highlight.kind == "note"
        label = (
            QCoreApplication.translate("HighlightCommands", "Note on the article:")
            if is_note
            else QCoreApplication.translate("HighlightCommands", "Note on “%1”:").replace(
                "%1", _shortened(highlight.quote)
            )
        )
        self._prompt.ask_text(
            label,
            lambda text: self.set_note(highlight.id, text),
            accept_label=QCoreApplication.translate("HighlightCommands", "Save Note"),
            initial=highlight.note,
            # An empty answer takes a highlight's note away; a note on the
            # article is nothing without its text (remove it instead).
            allow_empty=not is_note,
        )

    def add_note(self, article_id: int, text: str) -> None:
        self._change(
            lambda library: library.add_note(article_id, text),
            QCoreApplication.translate("HighlightCommands", "Could not add the note: "),
        )

    def set_note(self, highlight_id: int, text: str) -> None:
        self._change(
            lambda library: library.set_highlight_note(highlight_id, text),
            QCoreApplication.translate("HighlightCommands", "Could not save the note: "),
        )

    def recolor(self, highlight_id: int, color: str) -> None:
        self._change(
            lambda library: library.set_highlight_color(highlight_id, color),
            QCoreApplication.translate("HighlightCommands", "Could not change the colour: "),
        )

    def remove(self, highlight_id: int) -> None:
        self._change(
            lambda library: library.delete_highlight(highlight_id),
            QCoreApplication.translate("HighlightCommands", "Could not remove the highlight: "),
        )

    def remove_under_cursor(self) -> None:
        highlight = self._reader.highlight_under_cursor()
        if highlight is None:
            self._feedback.say(
                QCoreApplication.translate(
                    "HighlightCommands", "Put the cursor in a highlight to remove it."
                )
            )
            return
        self.remove(highlight.id)

    def _change(self, change: Callable[[Library], object], failure: str) -> None:
        """Make a change in the interactive pool, reading there the open
        article's highlights and the sidebar's counts as they now are."""
        article_id = self._open_id()

        def job(library: Library) -> _Changed:
            change(library)
            highlights = library.highlights(article_id) if article_id is not None else []
            return _Changed(article_id, highlights, read_sidebar(library))

        def landed(result: _Changed) -> None:
            # This window's own change: no need for the watcher to refresh again.
            self._watcher.note_version()
            self._sidebar.show_contents(result.sidebar)
            self._show(result.article_id, result.highlights, None)
            self.changed.emit()

        self._runner.submit(
            job,
            landed,
            lambda message: self._feedback.notify_error(failure + message),
            pool=Pool.INTERACTIVE,
        )
