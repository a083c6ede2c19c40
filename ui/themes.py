"""Reader themes (light, sepia, dark) and the window palette that goes with them.

A theme's colours live in ``resources/styles/<name>.css``, the stylesheet of
the reader's document. The reader's margins and the space below a short
article are painted by the widget, not the document, so the widget palette is
taken from the same file's ``body`` rule: one place to change a colour.
Highlights are painted over the document, not by it, so their tints come
from the file's ``.highlight-<colour>`` rules the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from core.anchoring import HIGHLIGHT_COLORS

THEME_NAMES: tuple[str, ...] = ("light", "sepia", "dark")
THEME_LABELS: dict[str, str] = {
    "light": str(QT_TRANSLATE_NOOP("ReaderTheme", "Light")),
    "sepia": str(QT_TRANSLATE_NOOP("ReaderTheme", "Sepia")),
    "dark": str(QT_TRANSLATE_NOOP("ReaderTheme", "Dark")),
}
"""Each theme's name as written in the code; ``theme_label`` gives it translated."""
DEFAULT_THEME = "light"

_FALLBACK_HIGHLIGHT = "#ffe58a"
_DECLARATION = re.compile(r"([\w-]+)\s*:\s*([^;]+);?")


def theme_label(name: str) -> str:
    """A theme's name as shown to a person, in the window's language."""
    return QCoreApplication.translate("ReaderTheme", THEME_LABELS.get(name, name))


@dataclass(frozen=True)
class ReaderTheme:
    name: str
    stylesheet: str
    background: QColor
    text: QColor
    accent: QColor
    """Links, and the reader's progress bar: the stylesheet's ``a`` colour."""
    highlights: dict[str, QColor] = field(compare=False, hash=False)
    """The tint behind highlighted text, by highlight colour name."""

    def highlight_color(self, name: str | None) -> QColor:
        """The tint for a highlight colour; an unknown or missing one is the first."""
        return QColor(self.highlights.get(name or "", self.highlights[HIGHLIGHT_COLORS[0]]))

    @property
    def label(self) -> str:
        # Translated when asked, never cached with the theme: the theme is
        # loaded once, the language may be installed after.
        return theme_label(self.name)

    @property
    def is_dark(self) -> bool:
        return self.background.lightnessF() < 0.5


def _rule_declarations(css: str, selector: str) -> dict[str, str]:
    rule = re.compile(rf"(?:^|}})\s*{re.escape(selector)}\s*{{([^}}]*)}}", re.MULTILINE)
    match = rule.search(css)
    if match is None:
        return {}
    return {name.strip(): value.strip() for name, value in _DECLARATION.findall(match.group(1))}


def _body_colours(css: str) -> dict[str, str]:
    return _rule_declarations(css, "body")


def _highlight_colours(css: str) -> dict[str, QColor]:
    found: dict[str, QColor] = {}
    for name in HIGHLIGHT_COLORS:
        value = _rule_declarations(css, f".highlight-{name}").get("background-color")
        found[name] = QColor(value or _FALLBACK_HIGHLIGHT)
    return found


@cache
def load_theme(name: str) -> ReaderTheme:
    """The theme called ``name``; an unknown name gives the default theme."""
    if name not in THEME_NAMES:
        name = DEFAULT_THEME
    css = (resources.files("resources") / "styles" / f"{name}.css").read_text(encoding="utf-8")
    body = _body_colours(css)
    return ReaderTheme(
        name=name,
        stylesheet=css,
        background=QColor(body.get("background-color", "#ffffff")),
        text=QColor(body.get("color", "#000000")),
        accent=QColor(_rule_declarations(css, "a").get("color", "#1a5aa6")),
        highlights=_highlight_colours(css),
    )


SWATCH_RING_ALPHA = 150
"""How strongly a swatch's ring (the theme's text colour) shows, of 255."""


def theme_swatch(name: str, size: int, pixel_ratio: float) -> QIcon:
    """A round swatch of a theme's page, ringed in its text colour: the
    theme's button in the reader's toolbar, narrower than its name."""
    theme = load_theme(name)
    pixmap = QPixmap(round(size * pixel_ratio), round(size * pixel_ratio))
    pixmap.setDevicePixelRatio(pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ring = QColor(theme.text)
    ring.setAlpha(SWATCH_RING_ALPHA)
    painter.setPen(QPen(ring, 1.0))
    painter.setBrush(theme.background)
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1.0, size - 1.0))
    painter.end()
    return QIcon(pixmap)


def dark_palette() -> QPalette:
    """A calm dark palette for the whole window, matching the dark reader."""
    palette = QPalette()
    window = QColor("#25272b")
    base = QColor("#1c1d20")
    text = QColor("#dcdcd7")
    muted = QColor("#8e9196")
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#222428"))
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, QColor("#2d3035"))
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.BrightText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#35598a"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2d3035"))
    palette.setColor(QPalette.ColorRole.ToolTipText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, muted)
    palette.setColor(QPalette.ColorRole.Link, QColor("#8cb8f5"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#3d4046"))
    palette.setColor(QPalette.ColorRole.Dark, QColor("#151618"))
    palette.setColor(QPalette.ColorRole.Light, QColor("#3a3d42"))
    palette.setColor(QPalette.ColorRole.Midlight, QColor("#33363b"))
    palette.setColor(QPalette.ColorRole.Shadow, QColor("#0c0c0d"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6c6f74"))
    return palette


_system_palette: list[QPalette] = []


def apply_window_palette(theme: ReaderTheme) -> None:
    """Dark reader, dark window; the other themes keep the system's look."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _system_palette:
        # Remembered once, before we change it, so "light" can go back to it.
        _system_palette.append(QPalette(app.palette()))
    app.setPalette(dark_palette() if theme.is_dark else _system_palette[0])


def accent_color(palette: QPalette) -> QColor:
    """Links and saved stories: a calm blue that reads on light and dark bases."""
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return QColor("#8cb8f5" if dark else "#1a5aa6")


def muted_color(palette: QPalette) -> QColor:
    """Secondary text: half-way between the text and its background."""
    return muted_color_between(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    )


def muted_color_between(text: QColor, base: QColor) -> QColor:
    """Secondary text on ``base``: most of the way from it to ``text``."""
    return QColor(
        (text.red() * 3 + base.red() * 2) // 5,
        (text.green() * 3 + base.green() * 2) // 5,
        (text.blue() * 3 + base.blue() * 2) // 5,
    )
