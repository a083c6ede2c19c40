"""The HTML the reader shows for one article, and its stylesheet.

Stored ``reader_html`` is a small, sanitized vocabulary (paragraphs, headings,
quotes, lists, ``<figure>`` with ``<img src="image:N">`` and ``<figcaption>``).
Qt's rich-text engine knows no ``<figure>``, so figures are rewritten here into
what it lays out well: the picture in a centred paragraph with its caption
(and credit, smaller) under it, or, for a picture the library has no bytes
for, a quiet box holding the caption. Any other ``<img>`` (a remote address
that slipped through) becomes such a box too: the reader never fetches.

Words longer than ``LONGEST_UNBROKEN`` characters (a pasted URL, a hash, a
file of one enormous line) get a zero-width space every ``BREAK_EVERY``
characters in the shown text, never in the stored one: Qt lays out a word
that has nowhere to wrap in time that grows with the square of its length.

Nothing here lays out or paints: sizes come in as plain numbers, and Qt is
used only to translate the labels (``ReaderDocument`` context), dates
following ``ui.locale_format``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html import escape
from html.parser import HTMLParser

from PySide6.QtCore import QCoreApplication

from storage import Article, Image
from ui.formatting import long_date, short_date

IMAGE_SCHEME = "image"
ARTICLE_LINK_PREFIX = "readshelf:article/"

WORD_BREAK = "\u200b"
"""Zero-width space: a place to wrap that shows nothing."""
LONGEST_UNBROKEN = 80
BREAK_EVERY = 40
_OVERLONG_WORD = re.compile(rf"[^\s{WORD_BREAK}]{{{LONGEST_UNBROKEN + 1},}}")

MIN_FONT_PT = 9.0
MAX_FONT_PT = 28.0
DEFAULT_FONT_PT = 13.0

# Elements whose content is never shown (sanitized HTML has none; belt and braces).
_DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "object",
        "template",
        "link",
        "meta",
        "base",
        "embed",
        "input",
        "form",
        "svg",
        "video",
        "audio",
    }
)
_VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "wbr",
        "source",
        "col",
        "link",
        "meta",
        "base",
        "embed",
        "input",
        "area",
        "param",
        "track",
    }
)
_KEPT_ATTRIBUTES = frozenset(
    {"href", "title", "class", "colspan", "rowspan", "start", "lang", "dir", "id", "name"}
)


LINE_WIDTHS: dict[str, int] = {"narrow": 600, "medium": 720, "wide": 860}
"""The widest the text column gets, in pixels, by line width name."""
DEFAULT_LINE_WIDTH = "medium"
LINE_SPACINGS: dict[str, int] = {"compact": 140, "normal": 160, "relaxed": 185}
"""A paragraph's line height, in percent of its font size, by line spacing name."""
DEFAULT_LINE_SPACING = "normal"


@dataclass(frozen=True)
class Typography:
    """The reader's type: a size in points, a family kind, how wide the text
    column gets and how far apart its lines are. An unknown width or spacing
    (an old or hand-edited setting) reads as the default."""

    size_pt: float = DEFAULT_FONT_PT
    family: str = "serif"  # "serif" or "sans"
    line_width: str = DEFAULT_LINE_WIDTH  # a key of LINE_WIDTHS
    line_spacing: str = DEFAULT_LINE_SPACING  # a key of LINE_SPACINGS

    def resized(self, steps: int) -> Typography:
        size = min(max(self.size_pt + steps, MIN_FONT_PT), MAX_FONT_PT)
        return replace(self, size_pt=size)

    @property
    def column_max_width(self) -> int:
        return LINE_WIDTHS.get(self.line_width, LINE_WIDTHS[DEFAULT_LINE_WIDTH])

    @property
    def line_height_percent(self) -> int:
        return LINE_SPACINGS.get(self.line_spacing, LINE_SPACINGS[DEFAULT_LINE_SPACING])


def _broken_word(match: re.Match[str]) -> str:
    word = match.group()
    return WORD_BREAK.join(word[at : at + BREAK_EVERY] for at in range(0, len(word), BREAK_EVERY))


def breakable(text: str) -> str:
    """``text`` with a place to wrap in every run of over ``LONGEST_UNBROKEN`` characters."""
    return _OVERLONG_WORD.sub(_broken_word, text)


class ShownText:
    """The reader document's plain text as the article has it: without the
    wrap points the reader added to overlong words. Highlights are anchored
    in this text; ``to_document`` and ``from_document`` convert its offsets
    to and from positions in the document."""

    def __init__(self, document_text: str) -> None:
        self.text = document_text.replace(WORD_BREAK, "")
        # find() in a loop, not a scan in Python: a 19 MB article takes 2 ms, not 2 s.
        breaks: list[int] = []
        at = document_text.find(WORD_BREAK)
        while at != -1:
            breaks.append(at)
            at = document_text.find(WORD_BREAK, at + 1)
        self._breaks = breaks
        """Document positions of the wrap points, in order."""
        self._gaps = [at - count for count, at in enumerate(breaks)]
        """Offsets in ``text`` where each wrap point sits (before that character)."""

    def to_document(self, offset: int, *, end: bool = False) -> int:
        """The document position of ``offset``; an ``end`` offset stays before
        a wrap point right after it, so a range never takes one in."""
        passed = bisect_left(self._gaps, offset) if end else bisect_right(self._gaps, offset)
        return offset + passed

    def from_document(self, position: int) -> int:
        return position - bisect_left(self._breaks, position)


def shown(text: str) -> str:
    """Plain text made ready for the reader's HTML: escaped and breakable."""
    return escape(breakable(text), quote=False)


def image_position(src: str) -> int | None:
    """N for an ``image:N`` address, None for anything else."""
    scheme, _, rest = src.partition(":")
    if scheme.strip().lower() != IMAGE_SCHEME or not rest.isdigit():
        return None
    return int(rest)


HEADLINE_FACTOR = 1.55
"""The headline's size, in body sizes, in a column at least ``HEADLINE_FULL_COLUMN`` wide."""
HEADLINE_NARROW_FACTOR = 1.2
"""... and in one at most ``HEADLINE_NARROW_COLUMN`` wide: a twelve-word
title keeps to two or three lines in a 480-pixel reader."""
HEADLINE_FULL_COLUMN = 680
HEADLINE_NARROW_COLUMN = 360


def headline_factor(column: int) -> float:
    """The headline's size for a text column ``column`` pixels wide (0: unknown,
    the full size), growing in step with the column between the two bounds."""
    if column <= 0:
        return HEADLINE_FACTOR
    share = (column - HEADLINE_NARROW_COLUMN) / (HEADLINE_FULL_COLUMN - HEADLINE_NARROW_COLUMN)
    share = min(max(share, 0.0), 1.0)
    return HEADLINE_NARROW_FACTOR + (HEADLINE_FACTOR - HEADLINE_NARROW_FACTOR) * share


def typography_css(typography: Typography, column: int = 0) -> str:
    """Sizes and spacing for a text column ``column`` pixels wide; the theme
    stylesheet adds the colours.

    Qt's CSS has no ``em``, so every size is computed from the base size here
    and the document is re-rendered when the size or the column changes.
    """
    size = typography.size_pt
    gap = round(size * 1.0)
    line_height = typography.line_height_percent

    def pt(factor: float) -> str:
        return f"{size * factor:.1f}pt"

    return f"""
p, li {{ line-height: {line_height}%; margin-top: 0px; margin-bottom: {gap}px; }}
h1 {{ font-size: {pt(headline_factor(column))}; font-weight: 700; line-height: 125%;
      margin-top: 0px; margin-bottom: {round(gap * 0.6)}px; }}
h2 {{ font-size: {pt(1.3)}; font-weight: 700; line-height: 130%;
      margin-top: {round(gap * 1.4)}px; margin-bottom: {round(gap * 0.5)}px; }}
h3 {{ font-size: {pt(1.15)}; font-weight: 700; margin-top: {gap}px; margin-bottom: 4px; }}
h4, h5, h6 {{ font-size: {pt(1.0)}; font-weight: 700; margin-top: {gap}px; margin-bottom: 4px; }}
blockquote {{ margin-left: {round(gap * 1.5)}px; margin-right: {gap}px; font-style: italic; }}
.kicker {{ font-size: {pt(0.8)}; font-weight: 600; margin-bottom: 6px; line-height: 120%; }}
.meta {{ font-size: {pt(0.82)}; margin-bottom: {round(gap * 1.4)}px; line-height: 140%; }}
.lead {{ font-size: {pt(1.0)}; font-weight: 700; line-height: 160%;
         margin-bottom: {round(gap * 1.4)}px; }}
p.figure {{ line-height: 100%; margin-top: {round(gap * 0.4)}px; margin-bottom: 6px; }}
.caption {{ font-size: {pt(0.82)}; line-height: 140%; margin-bottom: {round(gap * 1.5)}px; }}
.credit {{ font-size: {pt(0.72)}; }}
table.placeholder {{ margin-top: {round(gap * 0.4)}px; margin-bottom: {round(gap * 1.5)}px;
                     border-style: solid; }}
.placeholder-label {{ font-size: {pt(0.7)}; line-height: 120%; margin-bottom: 4px; }}
.placeholder-caption {{ font-size: {pt(0.85)}; line-height: 140%; margin-bottom: 0px; }}
.notice {{ font-size: {pt(0.85)}; line-height: 140%; }}
.end-note {{ font-size: {pt(0.8)}; line-height: 140%; margin-top: {gap * 2}px; }}
"""


@dataclass
class _Figure:
    src: str | None = None
    alt: str = ""
    caption: list[str] = field(default_factory=list)
    credit: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Picture:
    """What the reader knows about the N-th image of the article."""

    image: Image | None
    display_size: tuple[int, int] | None
    narrow: bool = False
    """Much narrower than the text column: its caption is centred under it."""


# A picture narrower than this share of the column gets a centred caption.
NARROW_SHARE = 0.8


# A credit that says what the name did: "Ảnh: …", "Ảnh minh họa: …",
# "Photo: …", "(Nguồn: …)", "© …". Up to three words before the colon.
_LABELLED_CREDIT = re.compile(r"^\s*(?:[(\[]?\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*:|©|\(c\))")


def labelled_credit(credit: str) -> str:
    """A picture credit with a label before the name: as saved when it has
    one (capture keeps the page's own), else "Photo: name" in the window's
    language, so the name never reads as part of the caption."""
    credit = credit.strip()
    if not credit or _LABELLED_CREDIT.match(credit):
        return credit
    return QCoreApplication.translate("ReaderDocument", "Photo: {name}").format(name=credit)


def _figure_html(
    picture: _Picture | None, caption: str, credit: str, alt: str, position: int | None
) -> str:
    caption_html = shown(caption)
    credit = labelled_credit(credit)
    if credit:
        # Two no-break spaces: the credit reads as a separate, smaller note.
        gap = "&nbsp;&nbsp;" if caption_html else ""
        caption_html += f'{gap}<span class="credit">{shown(credit)}</span>'
    if picture is not None and picture.display_size is not None and position is not None:
        width, height = picture.display_size
        html = (
            f'<p class="figure" align="center"><img src="{IMAGE_SCHEME}:{position}"'
            f' width="{width}" height="{height}" alt="{escape(alt)}"></p>'
        )
        if caption_html:
            align = ' align="center"' if picture.narrow else ""
            html += f'<p class="caption"{align}>{caption_html}</p>'
        else:
            # No caption: keep the space a caption would have left below.
            html += '<p class="caption"></p>'
        return html
    label = (
        QCoreApplication.translate("ReaderDocument", "Picture not saved")
        if picture is None or picture.image is None or not (picture.image.has_data)
        else QCoreApplication.translate("ReaderDocument", "Picture cannot be shown")
    )
    text = (
        caption_html
        or shown(alt)
        or escape(QCoreApplication.translate("ReaderDocument", "No caption"))
    )
    return (
        '<table class="placeholder" width="100%" border="1" cellspacing="0" cellpadding="14">'
        f'<tr><td><p class="placeholder-label">{escape(label)}</p>'
        f'<p class="placeholder-caption">{text}</p></td></tr></table>'
    )


class _BodyRewriter(HTMLParser):
    """Re-serializes sanitized reader HTML, turning figures into Qt-friendly blocks."""

    def __init__(self, pictures: Mapping[int, _Picture]) -> None:
        super().__init__(convert_charrefs=True)
        self._pictures = pictures
        self.out: list[str] = []
        self._figure: _Figure | None = None
        self._in_caption = 0
        self._in_credit = 0
        self._dropping = 0

    # -- figures ------------------------------------------------------
    def _emit_figure(self, figure: _Figure) -> None:
        position = image_position(figure.src) if figure.src else None
        picture = self._pictures.get(position) if position is not None else None
        caption = " ".join("".join(figure.caption).split())
        credit = " ".join("".join(figure.credit).split())
        if picture is not None and picture.image is not None and not caption and not credit:
            caption, credit = picture.image.caption, picture.image.credit
        alt = figure.alt or (picture.image.alt if picture and picture.image else "")
        self.out.append(_figure_html(picture, caption, credit, alt, position))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping or tag in _DROPPED_WITH_CONTENT:
            if tag not in _VOID:
                self._dropping += 1
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "figure":
            self._figure = _Figure()
            return
        if self._figure is not None:
            if tag == "img" and self._figure.src is None:
                self._figure.src = values.get("src", "")
                self._figure.alt = values.get("alt", "")
            elif tag == "figcaption":
                self._in_caption += 1
            elif tag == "span" and "credit" in values.get("class", "").split():
                self._in_credit += 1
            return
        if tag == "img":
            self._emit_figure(_Figure(src=values.get("src", ""), alt=values.get("alt", "")))
            return
        if tag == "h1":
            tag = "h2"  # the title is the document's only h1
        kept = "".join(
            f' {name}="{escape(value)}"'
            for name, value in values.items()
            if name in _KEPT_ATTRIBUTES
        )
        self.out.append(f"<{tag}{kept}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            if tag in _DROPPED_WITH_CONTENT or tag not in _VOID:
                self._dropping -= 1
            return
        if self._figure is not None:
            if tag == "figure":
                figure, self._figure = self._figure, None
                self._in_caption = self._in_credit = 0
                self._emit_figure(figure)
            elif tag == "figcaption":
                self._in_caption = max(0, self._in_caption - 1)
            elif tag == "span" and self._in_credit:
                self._in_credit -= 1
            return
        if tag in _VOID:
            return
        self.out.append(f"</{'h2' if tag == 'h1' else tag}>")

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if self._figure is not None:
            if self._in_credit:
                self._figure.credit.append(data)
            elif self._in_caption:
                self._figure.caption.append(data)
            return
        self.out.append(shown(data))

    def finish(self) -> str:
        self.close()
        if self._figure is not None:
            figure, self._figure = self._figure, None
            self._emit_figure(figure)
        return "".join(self.out)


def body_html(
    reader_html: str,
    images: tuple[Image, ...],
    display_sizes: Mapping[int, tuple[int, int]],
    column: int = 0,
) -> str:
    """``reader_html`` rewritten for Qt: figures laid out, foreign images boxed."""
    pictures = {
        image.position: _Picture(
            image,
            display_sizes.get(image.position),
            display_sizes.get(image.position, (column, 0))[0] < column * NARROW_SHARE,
        )
        for image in images
    }
    rewriter = _BodyRewriter(pictures)
    rewriter.feed(reader_html)
    return rewriter.finish()


def _header_html(article: Article) -> str:
    parts: list[str] = []
    kicker = [part for part in (article.section, article.site) if part]
    if kicker:
        parts.append(f'<p class="kicker">{shown(" · ".join(kicker))}</p>')
    parts.append(f"<h1>{shown(article.title)}</h1>")
    meta = [
        part
        for part in (
            article.byline,
            long_date(article.published),
            QCoreApplication.translate("ReaderDocument", "%n min read", "", article.reading_minutes)
            if article.reading_minutes
            else "",
        )
        if part
    ]
    lines = [shown(" · ".join(meta))] if meta else []
    if article.topics:
        # The site's own keywords, quieter than the byline: they are the
        # site's filing, not the user's tags.
        topics = QCoreApplication.translate("ReaderDocument", "Topics: ") + " · ".join(
            article.topics
        )
        lines.append(f'<span class="topics">{shown(topics)}</span>')
    if lines:
        parts.append(f'<p class="meta">{"<br>".join(lines)}</p>')
    if article.capture_status == "pending":
        reason = article.capture_error or QCoreApplication.translate(
            "ReaderDocument", "the page could not be fetched"
        )
        where = f' <a href="{escape(article.url)}">{shown(article.url)}</a>' if article.url else ""
        not_saved = escape(QCoreApplication.translate("ReaderDocument", "Not saved yet."))
        parts.append(
            '<table class="notice" width="100%" cellpadding="12" cellspacing="0"><tr><td>'
            f"<b>{not_saved}</b> {shown(reason.rstrip('.'))}.{where}</td></tr></table><p></p>"
        )
    if article.lead:
        parts.append(f'<p class="lead">{shown(article.lead)}</p>')
    return "".join(parts)


def _end_note_html(article: Article) -> str:
    notes: list[str] = []
    if article.tags:
        notes.append(
            escape(QCoreApplication.translate("ReaderDocument", "Tags: "))
            + ", ".join(shown(tag) for tag in article.tags)
        )
    if article.capture_status != "pending":
        # A pending article is not saved yet: its notice above says so.
        notes.append(_saved_note(article))
    if article.word_count:
        notes.append(
            escape(
                QCoreApplication.translate("ReaderDocument", "%n word(s)", "", article.word_count)
            )
        )
    if not notes:
        return ""
    return f'<p class="end-note">{" · ".join(notes)}</p>'


def _saved_note(article: Article) -> str:
    date = escape(short_date(article.saved))
    if article.url:
        source = f'<a href="{escape(article.url)}">{shown(article.site or article.url)}</a>'
    elif article.source_name:
        source = shown(article.source_name)
    else:
        return escape(QCoreApplication.translate("ReaderDocument", "Saved {date}")).format(
            date=date
        )
    return escape(
        QCoreApplication.translate("ReaderDocument", "Saved {date} from {source}")
    ).format(date=date, source=source)


def article_html(
    article: Article, display_sizes: Mapping[int, tuple[int, int]], column: int = 0
) -> str:
    """The whole reader page: header, lead, body and a closing note."""
    return (
        "<html><body>"
        + _header_html(article)
        + body_html(article.reader_html, article.images, display_sizes, column)
        + _end_note_html(article)
        + "</body></html>"
    )


def empty_html(title: str, message: str) -> str:
    """What the reader shows with no article open."""
    return (
        f'<html><body><p class="kicker">Readshelf</p><h1>{escape(title)}</h1>'
        f'<p class="meta">{escape(message)}</p></body></html>'
    )
