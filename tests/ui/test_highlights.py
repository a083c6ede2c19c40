"""Highlights and notes in the window: the reader, the pane, the Highlights view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import WindowFactory, plain_article
from ui.highlights_pane import HighlightRow, HighlightRowsModel
from ui.main_window import MainWindow
from ui.sidebar_model import HIGHLIGHTS_VIEW

QUOTE = "phố cổ và hồ Gươm"
URL = "https://example.vn/ha-noi-mua-thu"


def _article(library: Library, text: str = "Bài số 5. Hà Nội mùa thu, phố cổ và hồ Gươm.") -> int:
    record = plain_article(5, url=URL, body_text=text, reader_html=f"<p>{text}</p>")
    return library.save_article(record).id


def _select(window: MainWindow, text: str) -> int:
    reader = window.reader
    start = reader.shown_text.index(text)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    return start


def _idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)


def test_h_highlights_the_selection_and_draws_it(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    with Library(seeded_path) as library:
        article_id = _article(library)
    window = make_window(seeded_path)
    window.open_article(article_id)
    _idle(qtbot, window)
    before = window.reader.document().toPlainText()
    start = _select(window, QUOTE)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    _idle(qtbot, window)
    with Library(seeded_path) as library:
        stored = library.highlights(article_id)
    assert [item.quote for item in stored] == [QUOTE]
    paint = window.reader.highlight_format_at(start + 3)
    assert paint is not None
    expected = window.reader.theme.highlight_color("yellow")
    assert paint.background().color() == expected
    assert window.reader.highlight_format_at(start + len(QUOTE) + 2) is None
    # Drawing changes nothing in the document's text.
    assert window.reader.document().toPlainText() == before
    # The pane lists it and is shown.
    assert [row.highlight.quote for row in window.highlights_pane.rows()] == [QUOTE]
    assert window.highlights_pane.isVisible()


def test_n_writes_a_note_on_the_highlight_or_the_article(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    with Library(seeded_path) as library:
        article_id = _article(library)
        library.add_highlight(article_id, QUOTE)
    window = make_window(seeded_path)
    window.open_article(article_id)
    _idle(qtbot, window)
    start = window.reader.shown_text.index(QUOTE)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(start + 2)
    window.reader.setTextCursor(cursor)
    window.commands.add_note.trigger()
    assert window.prompt.active
    window.prompt.field.setText("Đẹp nhất tháng chín")
    window.prompt.accept()
    _idle(qtbot, window)
    cursor.setPosition(0)
    window.reader.setTextCursor(cursor)
    window.commands.add_note.trigger()
    window.prompt.field.setText("Đọc lại vào mùa sau")
    window.prompt.accept()
    _idle(qtbot, window)
    with Library(seeded_path) as library:
        stored = library.highlights(article_id)
    assert [(item.kind, item.note) for item in stored] == [
        ("highlight", "Đẹp nhất tháng chín"),
        ("note", "Đọc lại vào mùa sau"),
    ]
    rows = window.highlights_pane.rows()
    assert [row.highlight.note for row in rows] == ["Đẹp nhất tháng chín", "Đọc lại vào mùa sau"]


def test_a_quote_no_longer_in_the_text_is_kept_and_says_so(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    with Library(seeded_path) as library:
        article_id = _article(library)
        library.add_highlight(article_id, QUOTE)
        _article(library, "Bài số 5. Hà Nội mùa thu, phố mới và hồ Tây.")
    window = make_window(seeded_path)
    window.open_article(article_id)
    _idle(qtbot, window)
    rows = window.highlights_pane.rows()
    assert len(rows) == 1 and not rows[0].found
    assert "no longer in the text" in rows[0].status_text().lower()
    assert window.reader.extraSelections() == []
    model = window.highlights_pane.model
    qtmodeltester.check(model, force_py=True)


def test_highlights_view_lists_newest_first_and_opens_the_article(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    with Library(seeded_path) as library:
        article_id = _article(library)
        first = library.add_highlight(article_id, QUOTE)
        second = library.add_highlight(1, "Dự và chỉ đạo Hội nghị")
    window = make_window(seeded_path)
    window.open_article(1)
    _idle(qtbot, window)
    window.show_view(HIGHLIGHTS_VIEW)
    assert window.showing_highlights()
    _idle(qtbot, window)
    model = window.recent_highlights
    qtmodeltester.check(model, force_py=True)
    rows = model.rows()
    assert [row.highlight.id for row in rows] == [second.id, first.id]
    assert rows[1].article_title
    window.highlights_view.activated.emit(model.index(1, 0))
    _idle(qtbot, window)
    assert window.current_article is not None and window.current_article.id == article_id
    current = window.highlights_pane.list.currentIndex()
    row = current.data(Qt.ItemDataRole.UserRole + 2)
    assert isinstance(row, HighlightRow) and row.highlight.id == first.id


def test_row_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = HighlightRowsModel()
    qtmodeltester.check(model, force_py=True)
