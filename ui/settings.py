"""What the window remembers between runs, over QSettings.

The settings object is passed in, so tests (and the screenshot mode) can use
a file in a temporary folder instead of the person's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ui.reader_document import (
    DEFAULT_FONT_PT,
    DEFAULT_LINE_SPACING,
    DEFAULT_LINE_WIDTH,
    LINE_SPACINGS,
    LINE_WIDTHS,
    MAX_FONT_PT,
    MIN_FONT_PT,
    Typography,
)
from ui.themes import DEFAULT_THEME, THEME_NAMES

ORGANIZATION = "Readshelf"
APPLICATION = "Readshelf"
DEFAULT_FEED_REFRESH_MINUTES = 30.0
VIEW_KINDS = ("view", "feed", "tag", "topic")


def default_settings() -> QSettings:
    """The person's settings file (INI, so QSettings.setPath can redirect it)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


class WindowSettings:
    """Typed access to the few values the window keeps."""

    def __init__(self, settings: QSettings, *, writable: bool = True) -> None:
        self._settings = settings
        self.writable = writable

    def _set(self, key: str, value: object) -> None:
        if self.writable:
            self._settings.setValue(key, value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- window --------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self._set(f"splitters/{name}", value)

    def header(self) -> QByteArray | None:
        return self._bytes("list/header")

    def set_header(self, value: QByteArray) -> None:
        self._set("list/header", value)

    # -- reader ----------------------------------------------------------------

    @property
    def theme(self) -> str:
        value = str(self._settings.value("reader/theme", DEFAULT_THEME))
        return value if value in THEME_NAMES else DEFAULT_THEME

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("reader/theme", value)

    @property
    def typography(self) -> Typography:
        try:
            size = float(str(self._settings.value("reader/font_size", DEFAULT_FONT_PT)))
        except ValueError:
            size = DEFAULT_FONT_PT
        family = str(self._settings.value("reader/font_family", "serif"))
        width = str(self._settings.value("reader/line_width", DEFAULT_LINE_WIDTH))
        spacing = str(self._settings.value("reader/line_spacing", DEFAULT_LINE_SPACING))
        return Typography(
            min(max(size, MIN_FONT_PT), MAX_FONT_PT),
            family if family in ("serif", "sans") else "serif",
            line_width=width if width in LINE_WIDTHS else DEFAULT_LINE_WIDTH,
            line_spacing=spacing if spacing in LINE_SPACINGS else DEFAULT_LINE_SPACING,
        )

    @typography.setter
    def typography(self, value: Typography) -> None:
        self._set("reader/font_size", value.size_pt)
        self._set("reader/font_family", value.family)
        self._set("reader/line_width", value.line_width)
        self._set("reader/line_spacing", value.line_spacing)

    @property
    def qsettings(self) -> QSettings:
        """The settings underneath, for the few helpers that keep their own
        keys (View → Language, ``ui.i18n``)."""
        return self._settings

    @property
    def last_article(self) -> int | None:
        value = self._settings.value("reader/last_article")
        try:
            return int(str(value)) if value not in (None, "") else None
        except ValueError:
            return None

    @last_article.setter
    def last_article(self, value: int | None) -> None:
        self._set("reader/last_article", "" if value is None else value)

    @property
    def related_visible(self) -> bool:
        return str(self._settings.value("reader/related_visible", "true")).lower() == "true"

    @related_visible.setter
    def related_visible(self, value: bool) -> None:
        self._set("reader/related_visible", "true" if value else "false")

    @property
    def related_expanded(self) -> bool:
        """Whether the related panel is open, not just its header line."""
        return str(self._settings.value("reader/related_expanded", "false")).lower() == "true"

    @related_expanded.setter
    def related_expanded(self, value: bool) -> None:
        self._set("reader/related_expanded", "true" if value else "false")

    @property
    def topics_expanded(self) -> bool:
        """Whether the sidebar's Topics section is open (it starts closed)."""
        return str(self._settings.value("sidebar/topics_expanded", "false")).lower() == "true"

    @topics_expanded.setter
    def topics_expanded(self, value: bool) -> None:
        self._set("sidebar/topics_expanded", "true" if value else "false")

    @property
    def highlights_visible(self) -> bool:
        """Whether the highlights pane is on: it shows beside an article that
        has highlights or notes."""
        return str(self._settings.value("reader/highlights_visible", "true")).lower() == "true"

    @highlights_visible.setter
    def highlights_visible(self, value: bool) -> None:
        self._set("reader/highlights_visible", "true" if value else "false")

    @property
    def view(self) -> tuple[str, str]:
        """The sidebar entry last shown: ``("view", "unread")``, ``("tag", name)``,
        ``("feed", "12")``."""
        kind = str(self._settings.value("sidebar/kind", "view"))
        key = str(self._settings.value("sidebar/key", "all"))
        return (kind, key) if kind in VIEW_KINDS else ("view", "all")

    @view.setter
    def view(self, value: tuple[str, str]) -> None:
        self._set("sidebar/kind", value[0])
        self._set("sidebar/key", value[1])

    # -- feeds -------------------------------------------------------------------

    @property
    def feed_refresh_minutes(self) -> float:
        """Minutes between automatic feed refreshes; 0 turns them off. A
        fraction is allowed (a test can ask for a refresh every few ms)."""
        raw = self._settings.value("feeds/refresh_minutes", DEFAULT_FEED_REFRESH_MINUTES)
        try:
            minutes = float(str(raw))
        except ValueError:
            return DEFAULT_FEED_REFRESH_MINUTES
        return minutes if minutes > 0 else 0.0

    def sync(self) -> None:
        if self.writable:
            self._settings.sync()
