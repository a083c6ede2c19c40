"""Every control reachable by Tab with a name, and the window in its language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory, reader_controls
from ui.app import window_language
from ui.i18n import LANGUAGE_ENV, remove_translations
from ui.main_window import MainWindow

MAX_TABS = 80


def tab_round(window: MainWindow, qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited: list[QWidget] = []
    for _ in range(MAX_TABS):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return visited
        visited.append(now)
    raise AssertionError(f"Tab never came back: {[w.objectName() for w in visited]}")


def test_tab_reaches_every_reader_control_and_each_has_a_name(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    window.resize(1366, 768)
    buttons = [
        button
        for button in window.reader_toolbar.findChildren(QToolButton)
        if button.defaultAction() is not None and button.isVisible()
    ]
    commands = window.commands
    assert {button.defaultAction() for button in buttons} >= set(reader_controls(window))
    visited = tab_round(window, qtbot, window.search_field)
    for button in buttons:
        assert button in visited, button.defaultAction().text()
        assert button.accessibleName()
        assert "&" not in button.accessibleName()
    names = {button.defaultAction(): button.accessibleName() for button in buttons}
    assert names[commands.smaller_font] == "Smaller Text (A−)"
    assert names[commands.serif] == "Serif"
    # The everyday places are on the round too.
    assert window.article_list in visited
    assert window.reader in visited
    # The main toolbar's buttons as well.
    toolbar_buttons = [
        button
        for button in window.toolbar.findChildren(QToolButton)
        if button.defaultAction() is not None and button.isVisible()
    ]
    assert toolbar_buttons and all(button in visited for button in toolbar_buttons)


@pytest.fixture
def vietnamese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    monkeypatch.setenv(LANGUAGE_ENV, "vi")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield window_language(app, reads_settings=False)
    remove_translations(app)


def test_readshelf_lang_puts_the_window_in_vietnamese(
    vietnamese: str, make_window: WindowFactory, seeded_path: Path
) -> None:
    assert vietnamese == "vi"
    window = make_window(seeded_path)
    assert window.commands.highlights_pane.text() == "Ngăn &tô sáng"
    assert window.commands.views["highlights"].text() == "&Tô sáng"
