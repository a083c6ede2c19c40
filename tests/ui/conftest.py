"""Fixtures for the window tests: real libraries in tmp_path, real widgets.

QSettings is pointed at a temporary folder for every test, so nothing here
can read or write the person's real settings.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QObject,
    QSettings,
    QUrl,
    Slot,
)
from PySide6.QtGui import QAction, QColor, QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from capture.sources import capture_source
from services.save import Capturers
from storage import ArticleRecord, ImageRecord, Library, RelatedRecord
from tests.conftest import SEED
from ui.app import GUI_BUSY_TIMEOUT_SECONDS
from ui.i18n import ENGLISH, LANGUAGE_ENV, VIETNAMESE, install_translations, remove_translations
from ui.main_window import MainWindow
from ui.settings import WindowSettings
from ui.themes import apply_window_palette, load_theme

WindowFactory = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    folder = tmp_path / "qsettings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))


@pytest.fixture(scope="session")
def translations_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compiled translations, once for the whole session."""
    return tmp_path_factory.mktemp("i18n")


@pytest.fixture(autouse=True)
def _english_window(
    qapp: QApplication, translations_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The window in English as people see it: with the English translation
    installed, which gives "%n article(s)" its singular and plural forms.
    Tests that want Vietnamese install it over this one."""
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert install_translations(qapp, ENGLISH, cache_dir=translations_cache) == ENGLISH
    yield
    remove_translations(qapp)


@pytest.fixture
def vietnamese(
    qapp: QApplication, translations_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The window in Vietnamese, installed over the English every UI test
    starts with; build the window after asking for this."""
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    language = install_translations(qapp, VIETNAMESE, cache_dir=translations_cache)
    assert language == VIETNAMESE
    yield language
    remove_translations(qapp)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "window.ini"


def png_bytes(width: int, height: int, color: str = "#3a7") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    painter = QPainter(image)
    painter.setPen(QColor("white"))
    painter.drawLine(0, 0, width, height)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def picture_article(title: str = "Ảnh: Mùa lúa chín", **fields: object) -> ArticleRecord:
    """An article with one real picture, one without bytes, and a credit."""
    values: dict[str, object] = {
        "url": "https://example.vn/mua-lua-chin",
        "site": "example.vn",
        "section": "Du lịch",
        "byline": "Nguyễn Văn A",
        "published": "2024-09-20T08:00:00+07:00",
        "lead": "Ruộng bậc thang vàng óng khắp sườn núi.",
        "body_text": "Mù Cang Chải vào mùa. " * 40,
        "reader_html": (
            "<p>Mù Cang Chải vào mùa lúa chín.</p>"
            '<figure><img src="image:0" alt="Ruộng"><figcaption>Ruộng bậc thang ở La Pán Tẩn'
            ' <span class="credit">Ảnh: Trần B</span></figcaption></figure>'
            "<p>" + "Nội dung bài viết. " * 80 + "</p>"
            '<figure><img src="image:1" alt=""><figcaption>Chợ phiên Tú Lệ</figcaption></figure>'
        ),
        "images": [
            ImageRecord(
                caption="Ruộng bậc thang ở La Pán Tẩn",
                credit="Ảnh: Trần B",
                data=png_bytes(1200, 800),
                mime="image/png",
                width=1200,
                height=800,
            ),
            ImageRecord(caption="Chợ phiên Tú Lệ"),
        ],
        "related": [
            RelatedRecord(
                "listed",
                "Lễ hội cốm Tú Lệ",
                url="https://example.vn/le-hoi-com",
                section="Văn hóa",
                summary="Mùa cốm mới.",
            ),
        ],
        "language": "vi",
    }
    values.update(fields)
    return ArticleRecord(title=title, **values)  # type: ignore[arg-type]


def plain_article(number: int, **fields: object) -> ArticleRecord:
    values: dict[str, object] = {
        "body_text": f"Bài số {number}. Hà Nội mùa thu, phố cổ và hồ Gươm.",
        "reader_html": f"<p>Bài số {number}. Hà Nội mùa thu, phố cổ và hồ Gươm.</p>",
        "site": "example.vn",
        "section": "Tin tức",
        "published": f"2024-01-{1 + number % 28:02d}T09:00:00+07:00",
    }
    values.update(fields)
    return ArticleRecord(title=f"Bài viết số {number:03d}", **values)  # type: ignore[arg-type]


def reader_controls(window: MainWindow) -> list[QAction]:
    """Every command the reader's toolbar has a button for, in its order."""
    commands = window.commands
    return [
        commands.smaller_font,
        commands.larger_font,
        commands.serif,
        commands.sans,
        *commands.themes.values(),
        commands.highlights_pane,
        commands.related,
    ]


def write_note(path: Path, title: str = "Ghi chú về chợ Đồng Xuân") -> Path:
    """A small text dump: a title and two paragraphs."""
    path.write_text(
        f"{title}\n\nChợ Đồng Xuân là chợ lớn nhất trong khu phố cổ Hà Nội, bên phố Hàng Đào."
        "\n\nNgười bán hàng mở cửa từ sáng sớm, bày vải vóc, đồ khô và hàng mã.\n",
        encoding="utf-8",
    )
    return path


def save_seed(library: Library, tags: tuple[str, ...] = ()) -> int:
    return library.save_article(capture_source(str(SEED)), tags=tags).id


@pytest.fixture
def seeded_path(library_path: Path) -> Path:
    """A library holding the seed article (id 1) and a picture article (id 2)."""
    with Library(library_path) as library:
        save_seed(library, tags=("Thời sự",))
        library.save_article(picture_article(), tags=["Du lịch"])
    return library_path


@pytest.fixture
def make_window(qtbot: QtBot, settings_file: Path) -> Iterator[WindowFactory]:
    """Opens a real window on a library path; closes everything afterwards."""
    opened: list[tuple[MainWindow, Library]] = []

    def factory(
        path: Path,
        *,
        capturers: Capturers | None = None,
        theme: str | None = None,
        open_initial: bool = True,
        show: bool = True,
    ) -> MainWindow:
        library = Library(path, busy_timeout=GUI_BUSY_TIMEOUT_SECONDS)
        settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        window = MainWindow(library, settings, capturers=capturers, theme=theme)
        opened.append((window, library))
        qtbot.addWidget(window)
        if open_initial:
            window.open_initial_article(None)
        if show:
            window.show()
            qtbot.waitExposed(window)
            # Window shortcuts only fire in the active window.
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
        return window

    yield factory
    for window, library in opened:
        window.close()
        window.deleteLater()
        library.close()
    # Delete the windows here, on the GUI thread: left to Python's cycle collector
    # they could be destroyed later from whichever thread triggers a collection.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    apply_window_palette(load_theme("light"))


class UrlRecorder(QObject):
    """Stands in for the system browser: QDesktopServices hands it the URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def browser() -> Iterator[UrlRecorder]:
    recorder = UrlRecorder()
    for scheme in ("http", "https", "mailto"):
        QDesktopServices.setUrlHandler(scheme, recorder, "open")
    yield recorder
    for scheme in ("http", "https", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)
