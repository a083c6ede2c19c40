"""The Vietnamese interface: the language chosen, the translations compiled and
installed, and every visible string of the real window translated.

``test_window_in_vietnamese_shows_no_english`` walks the whole window with
``vi`` installed (widgets, actions, menus and submenus, tooltips, placeholder
texts, models' headers and rows, the Subscribe dialog, a prompt, a tag's
menu) and fails on any text that is a ``<source>`` left unfinished in
``readshelf_vi.ts``, or that is plain English: ASCII words only, not in the
allowlist of things that stay (Readshelf, addresses, shortcuts, numbers,
file patterns). All of them are listed in one message, by the ui file they
come from.
"""

from __future__ import annotations

import ast
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui.i18n import (
    LANGUAGE_ENV,
    LANGUAGE_KEY,
    compile_translation,
    install_translations,
    language_menu,
    remove_translations,
    resolve_language,
    saved_language,
    translation_source,
)
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

# What stays as it is in any language.
KEPT_WORDS = {
    "Readshelf",
    "Aa",  # the reader's typeface buttons, each in its face
    "OK",
    "HTML",
    "MHTML",
    "OPML",
    "RSS",
    "Markdown",
    "JavaScript",
    "English",
    "READSHELF_LANG",
    "Ctrl",
    "Shift",
    "Alt",
}
KEPT_PATTERNS = (
    re.compile(r"https?://\S*"),
    re.compile(r"\b[\w.-]+\.(?:vn|com|net|org|xml|html?|txt|md|opml|json)\b\S*", re.IGNORECASE),
    re.compile(r"\*\.\w+"),  # file patterns
    re.compile(r"\b(?:Ctrl|Shift|Alt|Meta)\+\S+"),  # shortcuts
    re.compile(r"\bF\d{1,2}\b"),
    re.compile(r"\bA[+−]"),  # the reader's text size buttons
)
WORD = re.compile(r"[A-Za-z]{2,}")
ACCELERATOR = re.compile(r"&(?=\S)")


@pytest.fixture
def no_language_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)


# -- the translation file ----------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translation: str
    finished: bool


def ts_entries() -> list[Entry]:
    root = ET.parse(translation_source("vi")).getroot()
    entries = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = forms[0] if forms else (translation.text or "")
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            entries.append(
                Entry(name, message.findtext("source") or "", text, finished and bool(text))
            )
    return entries


def test_translations_keep_their_placeholders() -> None:
    placeholder = re.compile(r"\{[a-z_]+\}|%L?n|%\d")
    wrong = [
        f"{entry.context}: {entry.source!r} → {entry.translation!r}"
        for entry in ts_entries()
        if entry.finished
        and sorted(placeholder.findall(entry.source))
        != sorted(placeholder.findall(entry.translation))
    ]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_ts_files_are_up_to_date_and_complete() -> None:
    """Fails when ui/ has a string the .ts lacks, or one left untranslated:
    ``python -m resources.i18n.update`` regenerates them and lists what is missing."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "resources.i18n.update", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- choosing and installing the language ---------------------------------------------


def test_the_language_comes_from_the_environment_then_the_saved_choice_then_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, "vi_VN.UTF-8")
    assert resolve_language("en") == "vi"
    monkeypatch.setenv(LANGUAGE_ENV, "")
    assert resolve_language("vi") == "vi"
    assert resolve_language("en") == "en"
    monkeypatch.delenv(LANGUAGE_ENV)
    assert resolve_language("fr") == "en"  # a language we do not speak: English
    system = QLocale.system().name().split("_")[0]
    assert resolve_language(None) == ("vi" if system == "vi" else "en")


def test_compiling_happens_once_per_version_of_the_ts(tmp_path: Path) -> None:
    source = tmp_path / "readshelf_xx.ts"
    source.write_bytes(translation_source("vi").read_bytes())
    cache = tmp_path / "cache"
    first = compile_translation(source, cache)
    assert first is not None and first.stat().st_size > 0
    stamp = first.stat().st_mtime_ns
    assert compile_translation(source, cache) == first
    assert first.stat().st_mtime_ns == stamp  # not compiled again

    source.write_text(source.read_text(encoding="utf-8").replace("Hoàn tác", "Hủy bỏ"))
    second = compile_translation(source, cache)
    assert second is not None and second != first
    assert sorted(cache.iterdir()) == [second]  # the stale one is gone


def test_vietnamese_translates_ours_and_qts_own_buttons(vietnamese: str) -> None:
    assert vietnamese == "vi"
    assert QLocale().language() == QLocale.Language.Vietnamese
    translate = QCoreApplication.translate
    assert translate("ArticleCommands", "Undo") == "Hoàn tác"
    # One plural form: "bài viết" whatever the count.
    for count in (1, 5, 21):
        deleted = translate("ArticleCommands", "Deleted %n article(s).", "", count)
        assert deleted == f"Đã xóa {count} bài viết."
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Open
    )
    assert sorted(button.text() for button in buttons.buttons()) == ["Hủy", "Lưu", "Mở", "OK"]


def test_english_plurals_of_sources_written_with_s_in_brackets(
    qapp: QApplication, tmp_path: Path, no_language_override: None
) -> None:
    assert install_translations(qapp, "en", cache_dir=tmp_path) == "en"
    try:
        source = "%n highlight(s) and note(s)"
        assert QCoreApplication.translate("MainWindow", source, "", 1) == "1 highlight and note"
        assert QCoreApplication.translate("MainWindow", source, "", 3) == "3 highlights and notes"
        assert QCoreApplication.translate("ArticleCommands", "Undo") == "Undo"
    finally:
        remove_translations(qapp)


def test_the_language_menu_saves_the_choice_for_the_next_start(
    tmp_path: Path, qtbot: QtBot, no_language_override: None
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    parent = QWidget()
    qtbot.addWidget(parent)
    said: list[str] = []
    menu = language_menu(parent, settings, said.append)
    actions = menu.actions()
    assert [action.text() for action in actions] == ["System Language", "English", "Tiếng Việt"]
    assert actions[0].isChecked()  # nothing saved: the system's language

    actions[2].trigger()
    assert saved_language(settings) == "vi"
    assert settings.value(LANGUAGE_KEY) == "vi"
    assert said == ["The new language is used the next time Readshelf starts."]
    assert [action.isChecked() for action in actions] == [False, False, True]

    actions[0].trigger()
    assert saved_language(settings) is None
    assert resolve_language(saved_language(settings)) == resolve_language(None)


# -- the whole window, in Vietnamese -------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    text: str
    where: str


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return ACCELERATOR.sub("", text).strip()


def _model_texts(model: QAbstractItemModel, where: str) -> Iterator[Shown]:
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
    # A list model's columnCount is private in PySide: it has one column.
    list_model = isinstance(model, QAbstractListModel)

    def columns(parent: QModelIndex) -> int:
        return 1 if list_model else model.columnCount(parent)

    for section in range(columns(QModelIndex())):
        for role in roles:
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield Shown(value, f"{where} header {section}")

    def rows(parent: QModelIndex, depth: int) -> Iterator[Shown]:
        for row in range(min(model.rowCount(parent), 60)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = index.data(role)
                    if isinstance(value, str):
                        yield Shown(value, f"{where} row {row}")
            if depth < 3:
                yield from rows(model.index(row, 0, parent), depth + 1)

    yield from rows(QModelIndex(), 0)


def _action_texts(action: QAction, where: str) -> Iterator[Shown]:
    for text in (action.text(), action.toolTip(), action.statusTip(), action.whatsThis()):
        yield Shown(text, f"action {action.text()!r} in {where}")
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from _menu_texts(menu, where)


def _menu_texts(menu: QMenu, where: str) -> Iterator[Shown]:
    title = menu.title() or menu.objectName()
    yield Shown(menu.title(), f"menu {title!r}")
    for action in menu.actions():
        yield from _action_texts(action, f"{where} ▸ {title}")


def widget_texts(top: QWidget) -> Iterator[Shown]:
    """Everything a person (or a screen reader) is shown by ``top``."""
    yield Shown(top.windowTitle(), "window title")
    for widget in [top, *top.findChildren(QWidget)]:
        where = type(widget).__name__ + (f" #{widget.objectName()}" if widget.objectName() else "")
        for text in (
            widget.toolTip(),
            widget.statusTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
        ):
            yield Shown(text, where)
        empty = getattr(widget, "empty_message", None)
        if isinstance(empty, str):
            yield Shown(empty, f"{where} (empty message)")
        if isinstance(widget, QLabel):
            yield Shown(widget.text(), where)
        if isinstance(widget, QAbstractButton):
            yield Shown(widget.text(), where)
        if isinstance(widget, QLineEdit):
            yield Shown(widget.placeholderText(), f"{where} (placeholder)")
        if isinstance(widget, QTextEdit):
            yield Shown(widget.placeholderText(), f"{where} (placeholder)")
            for line in widget.toPlainText().splitlines():
                yield Shown(line, f"{where} (text)")
        if isinstance(widget, QGroupBox):
            yield Shown(widget.title(), where)
        if isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                yield Shown(widget.tabText(tab), where)
                yield Shown(widget.tabToolTip(tab), where)
        if isinstance(widget, QComboBox):
            for item in range(widget.count()):
                yield Shown(widget.itemText(item), where)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(widget.model(), where)
        if isinstance(widget, QMenu):
            yield from _menu_texts(widget, where)
        for action in widget.actions():
            yield from _action_texts(action, where)


def is_english(text: str, kept: set[str]) -> bool:
    """ASCII words only, once what stays in every language is taken out."""
    if text in kept:
        return False
    for pattern in KEPT_PATTERNS:
        text = pattern.sub(" ", text)
    if any(ord(character) > 127 and character.isalpha() for character in text):
        return False  # Vietnamese (or an article's own words)
    return any(word not in KEPT_WORDS for word in WORD.findall(text))


def _plain_literals(path: Path) -> str:
    """The string literals of a file that do not go through translation (not
    in a ``translate``/``tr``/``QT_TRANSLATE_NOOP`` call, not a docstring),
    accelerators taken out: where an English text on screen can come from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    translated: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("translate", "tr", "QT_TRANSLATE_NOOP"):
                translated.update(id(argument) for argument in node.args)
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            translated.add(id(body[0].value))  # a docstring
    literals = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in translated
    ]
    return "\n".join(literals).replace("&", "")


def ui_sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): _plain_literals(path) for path in sorted(UI.rglob("*.py"))}


def ui_origins(text: str, sources: dict[str, str]) -> list[str]:
    """The ui files whose code holds ``text`` as a string literal, else its
    longest piece that any file holds (a shown text may be composed)."""
    quoted = [name for name, code in sources.items() if text in code.splitlines()]
    if quoted:
        return quoted
    pieces = re.split(r"\{[^}]*\}|\d+|“[^”]*”|\S*/\S*|, |: | · ", text)
    words = text.split()
    pieces += [" ".join(words[1:]), " ".join(words[:-1])]  # "{name} reader theme"
    for piece in sorted((piece.strip() for piece in pieces), key=len, reverse=True):
        if len(piece) < 4:
            break
        found = [name for name, code in sources.items() if piece in code]
        if found:
            return found
    return []


def untranslated_texts(shown: list[Shown]) -> dict[str, list[str]]:
    """What is shown in English, grouped by the ui file it comes from: one
    line per text, with the first place it was seen and how many others."""
    entries = ts_entries()
    unfinished = {entry.source for entry in entries if not entry.finished}
    # A translation is Vietnamese even when all its letters are ASCII ("&Xem"), as shown.
    kept = {_plain(entry.translation) for entry in entries if entry.finished}
    places: dict[str, list[str]] = {}
    reasons: dict[str, str] = {}
    for item in shown:
        text = _plain(item.text)
        if not text:
            continue
        if text in unfinished or item.text in unfinished:
            reasons[text] = "unfinished in readshelf_vi.ts"
        elif is_english(text, kept):
            reasons.setdefault(text, "no translation")
        else:
            continue
        places.setdefault(text, []).append(item.where)
    sources = ui_sources()
    missing: dict[str, list[str]] = {}
    for text, where in places.items():
        origin = ", ".join(ui_origins(text, sources)) or "(composed; origin not found in ui/)"
        others = f" and {len(where) - 1} more places" if len(where) > 1 else ""
        missing.setdefault(origin, []).append(f"  {text!r}: {reasons[text]}; {where[0]}{others}")
    return missing


def test_window_in_vietnamese_shows_no_english(
    vietnamese: str, make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(seeded_path)
    window.open_article(2)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    shown = list(widget_texts(window))
    shown += [Shown(window.statusBar().currentMessage(), "status bar")]
    shown += list(_menu_texts(window.sidebar.tag_menu("Du lịch"), "the tag's menu"))

    window.article_commands.ask_add_tag()  # the prompt bar, with its placeholder
    shown += list(widget_texts(window.prompt))
    window.prompt.cancel()
    window.feed_commands.ask_subscribe()
    dialog = window.feed_commands.dialog
    assert dialog is not None
    shown += list(widget_texts(dialog))
    dialog.reject()

    # The walk saw the window in Vietnamese at all (the test itself works).
    texts = {_plain(item.text) for item in shown}
    assert {"Bài viết", "Tiêu đề", "Tin liên quan"} <= texts

    missing = untranslated_texts(shown)
    report = "\n".join(
        f"{origin}:\n" + "\n".join(lines) for origin, lines in sorted(missing.items())
    )
    count = sum(len(lines) for lines in missing.values())
    assert not missing, f"{count} visible strings are not in Vietnamese, by file:\n{report}"
