"""The window's language: which one, its translations, and the Language menu.

The language is ``READSHELF_LANG`` if set, else the choice saved from
View → Language, else the system's. Translations live in
``resources/i18n/readshelf_<language>.ts`` (the source, kept in git) and are
compiled with ``lrelease`` (part of the PySide6 wheel) at first use into the
cache folder, under a name carrying a hash of the ``.ts``: a translation
edited in a checkout, or upgraded with the package, is recompiled once, and a
compiled file can never be older than its source. Nothing binary is kept in
git, and there is no build step to forget. If compiling fails (no cache
folder, no lrelease) the window stays in English and the log says why.

English has a translation file too, holding only the English plural forms of
sources written as ``"%n article(s)"``.

Qt ships no Vietnamese for its own words (the standard buttons, the file
dialog, the text fields' context menus), so ``QT_STRINGS`` lists the ones the
window shows; they go through lupdate into our ``.ts`` under Qt's own
contexts, and our translator answers for them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from core.languages import (
    ENGLISH,
    LANGUAGE_ENV,
    LANGUAGES,
    VIETNAMESE,
    normalized_language,
)
from core.logs import APP_NAME

log = logging.getLogger(__name__)

LANGUAGE_KEY = "view/language"
"""QSettings key of the View → Language choice: "en", "vi", or absent (the system's)."""
TRANSLATOR_NAME = "readshelf-translator"
LRELEASE_TIMEOUT_SECONDS = 60

QT_STRINGS = (
    # The standard buttons of QDialogButtonBox and QMessageBox.
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QMessageBox", "Show Details..."),
    QT_TRANSLATE_NOOP("QMessageBox", "Hide Details..."),
    # Qt's own file dialog (File → Import Files…).
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Open"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Save"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Choose"),
    QT_TRANSLATE_NOOP("QFileDialog", "Open"),
    QT_TRANSLATE_NOOP("QFileDialog", "All Files (*)"),
    QT_TRANSLATE_NOOP("QFileDialog", "Back"),
    QT_TRANSLATE_NOOP("QFileDialog", "Forward"),
    QT_TRANSLATE_NOOP("QFileDialog", "Parent Directory"),
    QT_TRANSLATE_NOOP("QFileDialog", "Go back"),
    QT_TRANSLATE_NOOP("QFileDialog", "Go forward"),
    QT_TRANSLATE_NOOP("QFileDialog", "Go to the parent directory"),
    QT_TRANSLATE_NOOP("QFileDialog", "Create New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "Create a New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "List View"),
    QT_TRANSLATE_NOOP("QFileDialog", "Detail View"),
    QT_TRANSLATE_NOOP("QFileDialog", "Change to list view mode"),
    QT_TRANSLATE_NOOP("QFileDialog", "Change to detail view mode"),
    QT_TRANSLATE_NOOP("QFileDialog", "List of places and bookmarks"),
    QT_TRANSLATE_NOOP("QFileDialog", "Sidebar"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files"),
    QT_TRANSLATE_NOOP("QFileDialog", "&New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Rename"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Delete"),
    QT_TRANSLATE_NOOP("QFileDialog", "Show &hidden files"),
    QT_TRANSLATE_NOOP("QFileDialog", "Recent Places"),
    QT_TRANSLATE_NOOP("QFileDialog", "My Computer"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directory:"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Name"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Size"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Type"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Date Modified"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Computer"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    # The context menus of text fields and of the reader's text.
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Redo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Cu&t"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Paste"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Delete"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
    QT_TRANSLATE_NOOP("QScrollBar", "Scroll here"),
    QT_TRANSLATE_NOOP("QScrollBar", "Top"),
    QT_TRANSLATE_NOOP("QScrollBar", "Bottom"),
    QT_TRANSLATE_NOOP("QScrollBar", "Page up"),
    QT_TRANSLATE_NOOP("QScrollBar", "Page down"),
    QT_TRANSLATE_NOOP("QScrollBar", "Scroll up"),
    QT_TRANSLATE_NOOP("QScrollBar", "Scroll down"),
    QT_TRANSLATE_NOOP("QScrollBar", "Left edge"),
    QT_TRANSLATE_NOOP("QScrollBar", "Right edge"),
    QT_TRANSLATE_NOOP("QScrollBar", "Page left"),
    QT_TRANSLATE_NOOP("QScrollBar", "Page right"),
    QT_TRANSLATE_NOOP("QScrollBar", "Scroll left"),
    QT_TRANSLATE_NOOP("QScrollBar", "Scroll right"),
)
"""Qt's own words the window shows, for lupdate: Qt has no Vietnamese of them."""


def saved_language(settings: QSettings) -> str | None:
    """The View → Language choice, None for the system's language."""
    value = settings.value(LANGUAGE_KEY)
    return normalized_language(str(value)) if value else None


def save_language(settings: QSettings, language: str | None) -> None:
    """Remember the View → Language choice (None: follow the system)."""
    if language is None:
        settings.remove(LANGUAGE_KEY)
    else:
        settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def resolve_language(saved: str | None) -> str:
    """``READSHELF_LANG``, else the saved choice, else the system's language."""
    for candidate in (os.environ.get(LANGUAGE_ENV), saved):
        language = normalized_language(candidate)
        if language is not None:
            return language
    return normalized_language(QLocale.system().name()) or ENGLISH


def translation_source(language: str) -> Path:
    """``resources/i18n/readshelf_<language>.ts``."""
    return Path(str(resources.files("resources") / "i18n" / f"readshelf_{language}.ts"))


def default_cache_dir() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "i18n"


def _lrelease() -> str | None:
    bundled = Path(PySide6.__file__).parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
    return str(bundled) if bundled.is_file() else shutil.which("pyside6-lrelease")


def compiled_translation(language: str, cache_dir: Path | None = None) -> Path | None:
    """The ``.qm`` of ``language``'s ``.ts`` in the cache folder (see ``compile_translation``)."""
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    return compile_translation(translation_source(language), folder)


def compile_translation(source: Path, folder: Path) -> Path | None:
    """``source`` (``name.ts``) compiled to ``folder/name-<hash>.qm``, now if
    this version of it was not compiled before, and earlier versions'
    files removed; None (and a logged reason) if that fails."""
    try:
        text = source.read_bytes()
    except OSError as error:
        log.warning("no translation %s: %s", source.name, error)
        return None
    digest = hashlib.sha256(text).hexdigest()[:16]
    compiled = folder / f"{source.stem}-{digest}.qm"
    if compiled.is_file():
        return compiled
    tool = _lrelease()
    if tool is None:
        log.warning("cannot compile %s: lrelease not found", source.name)
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Compiled beside its final name and renamed: two windows starting
        # at once never load a half-written file.
        handle, partial = tempfile.mkstemp(suffix=".qm", dir=folder)
        os.close(handle)
    except OSError as error:
        log.warning("cannot compile %s into %s: %s", source.name, folder, error)
        return None
    try:
        subprocess.run(
            [tool, "-silent", str(source), "-qm", partial],
            check=True,
            capture_output=True,
            timeout=LRELEASE_TIMEOUT_SECONDS,
        )
        os.replace(partial, compiled)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("cannot compile %s into %s: %s", source.name, folder, error)
        Path(partial).unlink(missing_ok=True)
        return None
    for stale in folder.glob(f"{source.stem}-*.qm"):
        if stale != compiled:
            stale.unlink(missing_ok=True)
    return compiled


def _locale(language: str) -> QLocale:
    if language == VIETNAMESE:
        return QLocale("vi_VN")
    system = QLocale.system()
    if system.language() == QLocale.Language.English:
        return system  # en_GB or en_US, as the person set it
    return QLocale("en_US")


def install_translations(
    app: QApplication, language: str | None, *, cache_dir: Path | None = None
) -> str:
    """Put the window in the language ``READSHELF_LANG`` names, else
    ``language`` (the saved View → Language choice; None: the system's).

    Installs our translator and Qt's own translation of its words when Qt has
    one, and makes the language's QLocale the default (dates, digit grouping).
    Call it before building any widget: texts are translated as they are set.
    Calling it again replaces what an earlier call installed. Returns the
    language in effect ("en" or "vi")."""
    chosen = resolve_language(language)
    remove_translations(app)
    QLocale.setDefault(_locale(chosen))
    installed = chosen
    qt_own = QTranslator(app)
    if qt_own.load(
        f"qtbase_{chosen}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        qt_own.setObjectName(TRANSLATOR_NAME)
        app.installTranslator(qt_own)
    else:
        qt_own.setParent(None)
    ours = QTranslator(app)
    compiled = compiled_translation(chosen, cache_dir)
    if compiled is not None and ours.load(str(compiled)):
        ours.setObjectName(TRANSLATOR_NAME)
        app.installTranslator(ours)
    else:
        ours.setParent(None)
        if chosen != ENGLISH:
            log.warning("the window stays in English: no %s translation loaded", chosen)
            QLocale.setDefault(_locale(ENGLISH))
            installed = ENGLISH
    return installed


def remove_translations(app: QApplication) -> None:
    """Undo ``install_translations``: Qt's source English, the system's locale."""
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
    QLocale.setDefault(QLocale.system())


def language_menu(parent: QWidget, settings: QSettings, changed: Callable[[str], None]) -> QMenu:
    """View → Language: System, English, Tiếng Việt. A choice is saved and
    takes effect at the next start (every text is set once, when the window
    is built); ``changed`` is given the sentence that says so."""
    menu = QMenu(QCoreApplication.translate("LanguageMenu", "&Language"), parent)
    menu.setObjectName("language-menu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = saved_language(settings)
    choices: list[tuple[str | None, str]] = [
        (None, QCoreApplication.translate("LanguageMenu", "System Language"))
    ]
    choices += list(LANGUAGES.items())
    for language, label in choices:
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(language == current)
        group.addAction(action)
        action.triggered.connect(
            lambda _checked=False, chosen=language: _choose(settings, chosen, changed)
        )
    return menu


def _choose(settings: QSettings, language: str | None, changed: Callable[[str], None]) -> None:
    save_language(settings, language)
    message = QCoreApplication.translate(
        "LanguageMenu", "The new language is used the next time Readshelf starts."
    )
    override = os.environ.get(LANGUAGE_ENV)
    if override:
        message += " " + QCoreApplication.translate(
            "LanguageMenu", "{variable} is set to “{value}”, and it comes first."
        ).format(variable=LANGUAGE_ENV, value=override)
    changed(message)
