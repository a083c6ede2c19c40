"""Turn a text dump of an article page into an ``ArticleRecord``.

A text dump is what "select all, copy" or "save as text" gives for a news
page: the visible text, one block per line, with the page furniture mixed in.
Its usual shape, top to bottom:

* breadcrumbs or a lone ``Tag`` (noise, but a breadcrumb names the section);
* the title;
* ``<section> <date> <time>`` (or a ``By …`` line and a date, in English);
* font-size buttons (``aa``, ``A- A+``; noise);
* the lead, opening with the outlet's initials and a dash (``TTTĐ - …``),
  possibly followed in the same block by a teaser link to another story;
* pictures, each as its alt text and then its caption (often the same
  words), or as a caption carrying a credit (``… (Ảnh: Minh Anh)``);
* body paragraphs separated by blank lines, short lines among them being
  sub-headings;
* the author's name alone on a line;
* a "read more" list (``Đọc thêm``, ``Related``…) whose items may repeat
  their title with and without the section, then give a summary;
* a trailing ``Xem thêm`` button.

The parser reads the dump as lines grouped into blocks (runs of non-blank
lines) and classifies each line by shape. The rules are deliberately about
shapes, not about any one outlet: see the module constants for each one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from capture.dates import find_visible_date
from capture.language import guess_language
from core.errors import CaptureError
from core.models import (
    EXTRACTOR_VERSION,
    ArticleRecord,
    ExtractionInfo,
    ImageRecord,
    RelatedRecord,
)
from core.reader_html import figure, heading, paragraph
from core.text import collapse_whitespace, fold_vietnamese, nfc

VIETNAM_OFFSET = "+07:00"

# Characters that take no room on screen; a line holding only these is blank.
INVISIBLE = ("\u200b", "\u2060", "\ufeff")

# --- Line shapes -----------------------------------------------------------

# Font-size buttons: "aa", "A A", "A- A+", "Aa", "A+ A-".
_FONT_CONTROL = re.compile(r"(?:A[-+−]?\s?){1,3}", re.IGNORECASE)
# Share and print buttons, and footers, compared after fold_vietnamese.
_NOISE_LINES = frozenset(
    {
        "share",
        "chia se",
        "in bai",
        "in bai viet",
        "print",
        "share on facebook",
        "share on twitter",
        "share via email",
        "luu bai viet",
        "save",
        "copy link",
        "sao chep lien ket",
        "advertisement",
        "quang cao",
    }
)
_FOOTER = re.compile(r"(?:©|copyright\b)", re.IGNORECASE)
# Lines before the title that are neither title nor section.
_PAGE_FURNITURE = frozenset(
    {
        "tag",
        "tags",
        "home",
        "trang chu",
        "menu",
        "search",
        "tim kiem",
        "dang nhap",
        "sign in",
        "log in",
        "subscribe",
        "advertisement",
        "quang cao",
        "tu khoa",
        "topics",
    }
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*[›»→]\s*|\s+[>/]\s+")
_BREADCRUMB_ROOTS = frozenset({"home", "trang chu", "homepage", "news", "tin tuc"})

_RELATED_HEADERS = frozenset(
    {
        "doc them",
        "tin lien quan",
        "bai lien quan",
        "tin cung chuyen muc",
        "xem them",
        "tin khac",
        "cac tin khac",
        "read more",
        "related",
        "related stories",
        "related articles",
        "related content",
        "more on this story",
        "see also",
        "see more",
        "more stories",
        "most viewed",
    }
)
_INLINE_RELATED = re.compile(
    r"^(?:>>|»|›|→)?\s*(?:(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|read more"
    r"|related|see also|also read|read also)\s*[:>»|]|>>|»)\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
_TAGS_LINE = re.compile(
    r"^(?:tags?|từ khóa|từ khoá|chủ đề|topics|keywords|tagged)\s*:\s*(?P<items>\S.*)$",
    re.IGNORECASE,
)
_TAG_SEPARATOR = re.compile(r"\s*[,;|·•#]\s*")

# "By Jane Doe", "Theo TTXVN", "Bài, ảnh: Minh Anh"; checked before credits,
# which share the "ảnh:" marker.
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|theo|tác giả\s*:|bài\s*(?:,|và|/|&)\s*ảnh\s*:|bài\s*:"
    r"|text and photos?\s*:|words and pictures?\s*:)\s*(?P<name>\S.*)$",
    re.IGNORECASE,
)
# "Jane Doe in Paris": the place is not part of the name.
_BYLINE_PLACE = re.compile(r"\s+(?:in|at|ở|tại)\s+[A-ZĐÀ-Ỹ][^,]*$")
_NAME_CONNECTORS = frozenset({"-", "–", "—", "&", "và", "and", ","})
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_.'’-]*(?:[.'’-][^\W\d_]*)*\.?")
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 5
MAX_NAMES_WORDS = 8

# Photo credits: "(Ảnh: X)" at the end, "… Photograph: X", or "Ảnh: X" alone;
# the credit keeps its label.
_CREDIT_MARKER = r"(?:ảnh|photo(?:graph)?s?|credit|nguồn|image|picture)"
_CREDIT_IN_PARENS = re.compile(
    rf"^(?P<caption>.*?)\s*\(\s*(?P<marker>{_CREDIT_MARKER})\s*:\s*(?P<credit>[^()]+?)\s*\)\s*\.?$",
    re.IGNORECASE,
)
_CREDIT_TRAILING = re.compile(
    r"^(?P<caption>.*?)(?:^|\s[-–—|]\s|\s)"
    r"(?P<marker>Ảnh|ẢNH|Photo(?:graph)?s?|PHOTO|Credit|Nguồn|Image|Picture)"
    r"\s*:\s*(?P<credit>\S.*)$"
)
# Agency style, no colon: "… (AP Photo/Jacquelyn Martin)".
_CREDIT_AGENCY = re.compile(
    r"^(?P<caption>.*?)\s*\((?P<credit>[^()]*\bPhoto/[^()]+?)\s*\)\s*\.?$", re.IGNORECASE
)
MAX_CREDIT_WORDS = 10
MAX_CAPTION_WORDS = 60
# An alt text or a caption with its credit is never longer than this; the
# credit patterns are not run over whole paragraphs.
MAX_FIGURE_LINE_CHARS = 2_000

# The lead opens with the outlet's initials and a dash: "TTTĐ - ",
# "(Dân trí) - ", "HÀ NỘI (TTXVN) - ".
# Spaces around the dash (or a closing parenthesis before it) keep
# "COVID-19 cases…" from reading as a marker.
_MARKER_DASH = re.compile(r"\s+[-–—]\s+|(?<=\))\s*[-–—]\s*")
MAX_MARKER_WORDS = 4
MAX_MARKER_CHARS = 30
MIN_LEAD_WORDS = 8
LEAD_SEARCH_LINES = 4

_TERMINAL = ".,;:!…"
_SENTENCE_END = '.!?…:;"”’)»'
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 40
SYNTHETIC_TITLE_WORDS = 12
MAX_SHORT_LINE_CHARS = 200
# Lines longer than this are read as several paragraphs (see _pieces).
MAX_LINE_CHARS = 20_000
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
MAX_KICKER_WORDS = 3
MAX_SECTION_WORDS = 4
MAX_SECTION_CHARS = 40
MAX_DATE_LINE_CHARS = 120
MAX_DATE_LINE_EXTRA_WORDS = 6
MIN_STANDFIRST_WORDS = 6
MIN_SUMMARY_CHARS = 60
LONG_SUMMARY_CHARS = 160
MIN_PAIR_WORDS = 2
MIN_PAIR_OVERLAP = 0.8
MIN_PAIR_LENGTH_RATIO = 0.5
_DATE_LABELS = frozenset(
    {"on", "at", "ngay", "luc", "vao", "published", "updated", "posted", "modified", "dang"}
)


@dataclass(frozen=True)
class _Line:
    """One non-blank line: its text, its block and its place in the input."""

    text: str
    block: int
    number: int


@dataclass
class _Paragraph:
    """Body text from one line (``single``), alone in its block or not."""

    text: str
    single: bool
    heading: bool = False


@dataclass
class _Figure:
    index: int


@dataclass
class _Dump:
    """Everything learned so far while reading one dump."""

    lines: list[_Line]
    block_sizes: Counter[int]
    pos: int = 0
    title: str = ""
    date_text: str | None = None
    date_section: str | None = None
    crumb_section: str | None = None
    kicker_section: str | None = None
    byline: str | None = None
    lead: str | None = None
    lead_at: int | None = None
    topics: list[str] = field(default_factory=list)
    images: list[ImageRecord] = field(default_factory=list)
    related: list[RelatedRecord] = field(default_factory=list)
    flow: list[_Paragraph | _Figure] = field(default_factory=list)

    def line(self, index: int) -> _Line | None:
        """The line at ``index``, or None past the end."""
        return self.lines[index] if 0 <= index < len(self.lines) else None

    def same_block(self, first: int, second: int) -> bool:
        """Whether two line indexes exist and sit in one block."""
        a, b = self.line(first), self.line(second)
        return a is not None and b is not None and a.block == b.block


def parse_text_dump(text: str, *, source_name: str | None = None) -> ArticleRecord:
    """Read a decoded text dump of an article page into an ``ArticleRecord``.

    Raises ``CaptureError`` when the text holds no article (nothing but a
    title, or nothing at all).
    """
    lines = _split_lines(text)
    if not lines:
        raise CaptureError("no article text found: the text is empty")
    dump = _Dump(lines, Counter(line.block for line in lines))
    _read_header(dump)
    _read_lead(dump)
    _read_body(dump)
    _take_trailing_byline(dump)
    return _build_record(dump, text, source_name)


# --- Lines -------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    """Normalise ``text`` and cut it into non-blank, non-noise lines."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    for char in INVISIBLE:
        text = text.replace(char, "")
    lines: list[_Line] = []
    block = 0
    for number, raw in enumerate(text.split("\n")):
        if len(raw) > MAX_LINE_CHARS:
            # A paragraph this long is never a title, caption or button:
            # reading it in pieces keeps every word while the shape rules,
            # the reader's layout and the search index each see a bounded
            # piece instead of one line the size of the file.
            lines.extend(_Line(piece, block, number) for piece in _pieces(raw))
            continue
        line = collapse_whitespace(raw)
        if not line:
            block += 1
        elif not _is_noise(line):
            lines.append(_Line(line, block, number))
    return lines


def _pieces(line: str) -> list[str]:
    """Cut an overlong line into paragraphs of at most ``MAX_LINE_CHARS``
    with their white space collapsed: after a sentence when one ends in the
    second half of the piece, else at a space, else (one enormous "word")
    anywhere. Nothing but white space is dropped."""
    pieces: list[str] = []
    start = 0
    while start < len(line):
        cut = len(line)
        if cut - start > MAX_LINE_CHARS:
            limit = start + MAX_LINE_CHARS
            half = start + MAX_LINE_CHARS // 2
            cut = max(line.rfind(f"{mark} ", half, limit) for mark in ".!?…") + 2
            if cut < half:
                cut = max(line.rfind(space, half, limit) for space in " \t\u00a0") + 1
            if cut <= half:
                cut = limit
        piece = collapse_whitespace(line[start:cut])
        if piece:
            pieces.append(piece)
        start = cut
    return pieces


def _is_noise(line: str) -> bool:
    """Font-size and share buttons, and copyright footers."""
    if _FONT_CONTROL.fullmatch(line):
        return True
    return _fold(line) in _NOISE_LINES or bool(_FOOTER.match(line))


def _fold(text: str) -> str:
    """Fold case and diacritics and drop a trailing colon, for comparisons."""
    return collapse_whitespace(fold_vietnamese(text)).rstrip(" :")


def _words(text: str) -> list[str]:
    return text.split()


def _ends_unpunctuated(text: str) -> bool:
    """Whether ``text`` ends without a sentence or clause mark."""
    return not text.endswith(tuple(_TERMINAL))


# --- Header ------------------------------------------------------------------


def _read_header(dump: _Dump) -> None:
    """Read breadcrumbs, title, date line, byline and standfirst."""
    _skip_before_title(dump)
    first = dump.line(dump.pos)
    if first is None:
        raise CaptureError("no article text found")
    if _title_like(first.text):
        dump.title = first.text
        dump.pos += 1
    else:
        # No title line: name the article after its opening words, which
        # stay in the body.
        dump.title = _synthetic_title(first.text)
    _read_after_title(dump)


def _skip_before_title(dump: _Dump) -> None:
    """Skip breadcrumbs, kickers and dates above the title, keeping what they tell."""
    while (line := dump.line(dump.pos)) is not None and dump.line(dump.pos + 1) is not None:
        crumbs = _breadcrumb_items(line.text)
        if crumbs is not None:
            dump.crumb_section = dump.crumb_section or (crumbs[-1] if crumbs else None)
        elif _is_date_line(line.text):
            _take_date_line(dump, line.text)
        elif _is_kicker(line.text):
            if _fold(line.text) not in _PAGE_FURNITURE:
                dump.kicker_section = dump.kicker_section or line.text
        else:
            return
        dump.pos += 1


def _breadcrumb_items(text: str) -> list[str] | None:
    """The items of a ``Home › World › Europe`` line, root dropped; else None."""
    items = [item for item in _BREADCRUMB_SEPARATOR.split(text) if item]
    if len(items) < 2 or len(text) > MAX_SHORT_LINE_CHARS:
        return None
    if any(len(_words(item)) > MAX_SECTION_WORDS or not _ends_unpunctuated(item) for item in items):
        return None
    return [item for item in items if _fold(item) not in _BREADCRUMB_ROOTS]


def _is_kicker(text: str) -> bool:
    """A lone short label above the title (``Tag``, ``Thời sự``)."""
    return len(_words(text)) <= MAX_KICKER_WORDS and _ends_unpunctuated(text)


def _title_like(text: str) -> bool:
    """Whether a line can be a title rather than a whole paragraph."""
    return len(text) <= MAX_TITLE_CHARS and len(_words(text)) <= MAX_TITLE_WORDS


def _synthetic_title(text: str) -> str:
    """A title from the first words of the first sentence of ``text``."""
    sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
    words = _words(sentence)
    if len(words) <= SYNTHETIC_TITLE_WORDS:
        return sentence
    return " ".join(words[:SYNTHETIC_TITLE_WORDS]).rstrip(" -–—,;:") + "…"


def _read_after_title(dump: _Dump) -> None:
    """Consume date lines, bylines and a standfirst right under the title."""
    while (line := dump.line(dump.pos)) is not None:
        text = line.text
        if _is_date_line(text):
            _take_date_line(dump, text)
        elif (name := _prefixed_byline(text)) is not None:
            dump.byline = dump.byline or name
        elif _is_name(text) and _date_line_beside(dump, dump.pos, before_too=True):
            dump.byline = dump.byline or text
        elif _is_kicker(text) and _date_line_beside(dump, dump.pos):
            dump.kicker_section = dump.kicker_section or text
        elif dump.lead is None and _is_standfirst(dump, dump.pos):
            dump.lead, dump.lead_at = text, dump.pos
        else:
            return
        dump.pos += 1


def _is_standfirst(dump: _Dump, index: int) -> bool:
    """A sentence under the title followed by the byline or the date."""
    line, after = dump.line(index), dump.line(index + 1)
    if line is None or after is None or len(_words(line.text)) < MIN_STANDFIRST_WORDS:
        return False
    if _is_date_line(after.text) or _prefixed_byline(after.text) is not None:
        return True
    return _is_name(after.text) and _date_line_beside(dump, index + 1)


def _date_line_beside(dump: _Dump, index: int, *, before_too: bool = False) -> bool:
    """Whether the line after ``index`` (or, optionally, before it) is a date line."""
    neighbours = (index + 1, index - 1) if before_too else (index + 1,)
    return any(
        (line := dump.line(other)) is not None and _is_date_line(line.text) for other in neighbours
    )


def _is_date_line(text: str) -> bool:
    """A short line that is mostly a date (``Tin tức 19/06/2021 16:33``)."""
    if len(text) > MAX_DATE_LINE_CHARS:
        return False
    found = find_visible_date(text)
    if found is None:
        return False
    rest = text[: found.start] + " " + text[found.end :]
    return len(_words(rest)) <= MAX_DATE_LINE_EXTRA_WORDS


def _take_date_line(dump: _Dump, text: str) -> None:
    """Keep the first date line, and the section written before its date."""
    if dump.date_text is not None:
        return  # later ones are "updated" stamps
    found = find_visible_date(text)
    if found is None:
        return
    dump.date_text = text[found.start : found.end]
    dump.date_section = _section_before_date(text[: found.start])


def _section_before_date(prefix: str) -> str | None:
    """The section in ``Thời sự | 19/6/2021``; None for labels like ``Updated:``."""
    raw = prefix.strip()
    if not raw or raw.endswith(":"):
        return None
    words = _words(raw.strip(" |-–—·•,"))
    if not words or _fold(words[-1]) in _DATE_LABELS:
        return None
    section = " ".join(words)
    return section if _section_like(section) else None


def _section_like(text: str) -> bool:
    """A short unpunctuated name starting with a capital (``Tin tức``)."""
    words = _words(text)
    return (
        0 < len(words) <= MAX_SECTION_WORDS
        and len(text) <= MAX_SECTION_CHARS
        and text[0].isupper()
        and _ends_unpunctuated(text)
        and not any(char.isdigit() for char in text)
    )


# --- Bylines -----------------------------------------------------------------


def _prefixed_byline(text: str) -> str | None:
    """The name in ``By Jane Doe`` / ``Theo TTXVN`` / ``Bài, ảnh: X``, else None."""
    match = _BYLINE_PREFIX.match(text)
    if match is None:
        return None
    name = match.group("name").strip()
    # A sentence ("Theo Bộ Y tế, số ca mắc giảm.") is not a credit line.
    if re.search(r"[;:!?…]|[^\W\d_]{2}\.$", name):
        return None
    name = _BYLINE_PLACE.sub("", name).strip(" .")
    if not name or len(_words(name)) > MAX_NAMES_WORDS or not name[0].isupper():
        return None
    return name


def _is_name(text: str) -> bool:
    """2-5 capitalised words (or a few names joined by "và", "-", "and")."""
    if not _ends_unpunctuated(text.rstrip(".")) or len(text) > MAX_SECTION_CHARS * 2:
        return False
    tokens = text.replace(",", " , ").split()
    names = [token for token in tokens if token not in _NAME_CONNECTORS]
    if not all(_NAME_WORD.fullmatch(name) and name[0].isupper() for name in names):
        return False
    limit = MAX_NAMES_WORDS if len(names) < len(tokens) else MAX_NAME_WORDS
    return MIN_NAME_WORDS <= len(names) <= limit


def _take_trailing_byline(dump: _Dump) -> None:
    """Move a name on its own line at the end of the body into ``byline``."""
    paragraphs = [item for item in dump.flow if isinstance(item, _Paragraph)]
    if not paragraphs:
        return
    last = paragraphs[-1]
    name = _prefixed_byline(last.text)
    if name is None and dump.byline is None and last.single and _is_name(last.text):
        name = last.text
    if name is None:
        return
    dump.byline = dump.byline or name
    dump.flow.remove(last)


# --- Lead --------------------------------------------------------------------


def _read_lead(dump: _Dump) -> None:
    """Find the lead: the first line opening with the outlet's marker."""
    if dump.lead is not None:
        return
    for index in range(dump.pos, dump.pos + LEAD_SEARCH_LINES):
        line = dump.line(index)
        if line is None:
            return
        if _has_outlet_marker(line.text) and len(_words(line.text)) >= MIN_LEAD_WORDS:
            dump.lead, dump.lead_at = line.text, index
            return


def _has_outlet_marker(text: str) -> bool:
    """Whether ``text`` opens with ``TTTĐ -``, ``(Dân trí) -`` or ``HÀ NỘI -``."""
    parts = _MARKER_DASH.split(text, maxsplit=1)
    if len(parts) != 2 or not parts[1]:
        return False
    marker = parts[0]
    if not marker or len(marker) > MAX_MARKER_CHARS:
        return False
    if marker.startswith("(") and marker.endswith(")"):
        return len(_words(marker)) <= MAX_MARKER_WORDS
    words = re.sub(r"\([^()]*\)", "", marker).split()
    return 0 < len(words) <= MAX_MARKER_WORDS and all(word.isupper() for word in words)


# --- Body --------------------------------------------------------------------


def _read_body(dump: _Dump) -> None:
    """Classify the remaining lines into paragraphs, figures and links."""
    while (line := dump.line(dump.pos)) is not None:
        if dump.pos == dump.lead_at:
            dump.pos += 1
        elif _fold(line.text) in _RELATED_HEADERS:
            _read_related(dump)
        elif _read_tags(dump) or _read_figure(dump) or _read_inline_related(dump):
            continue
        else:
            _read_paragraph(dump)


def _read_tags(dump: _Dump) -> bool:
    """Read ``Tags: a, b`` or a lone ``Tags`` label followed by short lines."""
    line = dump.lines[dump.pos]
    match = _TAGS_LINE.match(line.text)
    if match is not None:
        _add_topics(dump, _TAG_SEPARATOR.split(match.group("items")))
        dump.pos += 1
        return True
    if _fold(line.text) not in {"tag", "tags", "tu khoa", "chu de", "topics"}:
        return False
    dump.pos += 1
    while dump.same_block(dump.pos - 1, dump.pos) and _is_kicker(dump.lines[dump.pos].text):
        _add_topics(dump, [dump.lines[dump.pos].text])
        dump.pos += 1
    return True


def _add_topics(dump: _Dump, names: list[str]) -> None:
    """Add topic names, skipping blanks and repeats."""
    known = {_fold(tag) for tag in dump.topics}
    for name in names:
        name = name.strip(" #")
        if name and _fold(name) not in known:
            dump.topics.append(name)
            known.add(_fold(name))


def _read_figure(dump: _Dump) -> bool:
    """Read a picture: alt + caption pair, caption + credit line, or credited caption."""
    index = dump.pos
    text = dump.lines[index].text
    if len(text) > MAX_FIGURE_LINE_CHARS or _prefixed_byline(text) is not None:
        return False
    caption, credit = _split_credit(text)
    following = dump.line(index + 1) if dump.same_block(index, index + 1) else None
    if following is not None and _similar(caption, _split_credit(following.text)[0]):
        caption, credit = _split_credit(following.text)
        _add_figure(dump, ImageRecord(alt=_split_credit(text)[0], caption=caption, credit=credit))
        dump.pos += 2
    elif following is not None and _is_credit_only(following.text) and _caption_like(text):
        _add_figure(dump, ImageRecord(caption=text, credit=_split_credit(following.text)[1]))
        dump.pos += 2
    elif credit and (not caption or _caption_like(caption)):
        # A bare "Ảnh: X" line is a picture shown without a caption.
        _add_figure(dump, ImageRecord(caption=caption, credit=credit))
        dump.pos += 1
    else:
        return False
    _read_credit_line(dump)
    return True


def _read_credit_line(dump: _Dump) -> None:
    """Give the picture just read the credit on the next line, if any."""
    line = dump.line(dump.pos)
    image = dump.images[-1]
    if line is None or image.credit or not dump.same_block(dump.pos - 1, dump.pos):
        return
    if _is_credit_only(line.text):
        image.credit = _split_credit(line.text)[1]
        dump.pos += 1


def _add_figure(dump: _Dump, image: ImageRecord) -> None:
    dump.flow.append(_Figure(len(dump.images)))
    dump.images.append(image)


def _split_credit(text: str) -> tuple[str, str]:
    """Split ``text`` into caption and photo credit (credit "" when none)."""
    match = (
        _CREDIT_IN_PARENS.match(text) or _CREDIT_AGENCY.match(text) or _CREDIT_TRAILING.match(text)
    )
    if match is None:
        return text, ""
    credit = match.group("credit").strip().rstrip(".")
    if not credit or len(_words(credit)) > MAX_CREDIT_WORDS:
        return text, ""
    # The credit keeps the page's label ("Ảnh: Minh Anh"): it says what the
    # name did.
    marker = match.groupdict().get("marker")
    if marker:
        credit = f"{marker}: {credit}"
    return match.group("caption").strip().rstrip("-–—|").strip(), credit


def _is_credit_only(text: str) -> bool:
    """A line that is nothing but a credit (``Ảnh: Minh Anh``)."""
    caption, credit = _split_credit(text)
    return bool(credit) and not caption


def _caption_like(text: str) -> bool:
    """Short enough to be a caption rather than a paragraph."""
    return bool(text) and len(_words(text)) <= MAX_CAPTION_WORDS


def _similar(first: str, second: str) -> bool:
    """Whether two lines say the same thing (an alt text and its caption)."""
    if not first or not second:
        return False
    if _fold(first) == _fold(second):
        return True
    a, b = re.findall(r"\w+", _fold(first)), re.findall(r"\w+", _fold(second))
    if min(len(a), len(b)) < MIN_PAIR_WORDS:
        return False
    if min(len(a), len(b)) / max(len(a), len(b)) < MIN_PAIR_LENGTH_RATIO:
        return False
    shared = len(set(a) & set(b))
    return shared / min(len(set(a)), len(set(b))) >= MIN_PAIR_OVERLAP


def _read_inline_related(dump: _Dump) -> bool:
    """Read a teaser link: ``Xem thêm: …`` in the body, or a bare title by the lead."""
    line = dump.lines[dump.pos]
    match = _INLINE_RELATED.match(line.text)
    if match is not None:
        title = match.group("title").strip()
    elif _beside_lead(dump, dump.pos) and _short_unpunctuated(line.text):
        title = line.text
    else:
        return False
    dump.related.append(RelatedRecord(kind="inline", title=title))
    dump.pos += 1
    return True


def _beside_lead(dump: _Dump, index: int) -> bool:
    """Whether the line at ``index`` hangs on the lead: same block, no body yet."""
    if dump.lead_at is None or not dump.same_block(dump.lead_at, index):
        return False
    return not any(isinstance(item, _Paragraph) for item in dump.flow)


def _short_unpunctuated(text: str) -> bool:
    """A title-shaped line: a few words, no closing punctuation."""
    return (
        len(text) <= MAX_SHORT_LINE_CHARS
        and len(_words(text)) >= MIN_PAIR_WORDS
        and _ends_unpunctuated(text)
    )


def _read_paragraph(dump: _Dump) -> None:
    """Read one paragraph, joining hard-wrapped continuation lines."""
    first = dump.lines[dump.pos]
    parts = [first.text]
    dump.pos += 1
    while _continues(dump, dump.pos):
        parts.append(dump.lines[dump.pos].text)
        dump.pos += 1
    text = " ".join(parts)
    standalone = len(parts) == 1 and dump.block_sizes[first.block] == 1
    dump.flow.append(_Paragraph(text, len(parts) == 1, standalone and _heading_like(text)))


def _continues(dump: _Dump, index: int) -> bool:
    """Whether the line at ``index`` carries on the one before (hard wrap)."""
    line, before = dump.line(index), dump.line(index - 1)
    if line is None or before is None or line.number != before.number + 1:
        return False
    if before.text.endswith(tuple(_SENTENCE_END)):
        return False
    return line.text[0].islower()


def _heading_like(text: str) -> bool:
    """A short line ending in a letter, digit or question mark.

    Quotation marks at either end mean a short quote, not a heading.
    """
    return (
        len(_words(text)) <= MAX_HEADING_WORDS
        and len(text) <= MAX_HEADING_CHARS
        and (text[-1].isalnum() or text[-1] == "?")
        and (text[0].isupper() or text[0].isdigit())
    )


# --- Related stories ---------------------------------------------------------


def _read_related(dump: _Dump) -> None:
    """Read a "read more" section from its header until its items stop."""
    dump.pos += 1
    while (line := dump.line(dump.pos)) is not None:
        if _fold(line.text) in _RELATED_HEADERS:
            dump.pos += 1
        elif not (_read_tags(dump) or _read_related_item(dump)):
            return


def _read_related_item(dump: _Dump) -> bool:
    """Read one item: ``<title> <section>`` / ``<title>`` / summary, or simpler."""
    line = dump.lines[dump.pos]
    following = dump.line(dump.pos + 1)
    section: str | None = None
    if following is not None and following.text == line.text:
        title, dump.pos = line.text, dump.pos + 2
    elif following is not None and (section := _section_suffix(line.text, following.text)):
        title, dump.pos = following.text, dump.pos + 2
    elif _related_title_like(line.text):
        title, dump.pos = line.text, dump.pos + 1
    else:
        return False
    summary = _related_summary(dump)
    dump.related.append(RelatedRecord(kind="listed", title=title, section=section, summary=summary))
    return True


def _section_suffix(line: str, title: str) -> str | None:
    """``Tin tức`` when ``line`` is ``title`` followed by a section name."""
    if not line.startswith(title + " "):
        return None
    rest = line[len(title) :].strip()
    return rest if _section_like(rest) else None


def _related_title_like(text: str) -> bool:
    """A headline: not too long, no final full stop, not a summary."""
    return (
        _title_like(text)
        and len(_words(text)) >= MIN_PAIR_WORDS
        and _ends_unpunctuated(text)
        and not _has_outlet_marker(text)
    )


def _related_summary(dump: _Dump) -> str | None:
    """The summary under an item's title, if the next line is one."""
    line = dump.line(dump.pos)
    if line is None:
        return None
    marked = _has_outlet_marker(line.text)
    adjacent = dump.same_block(dump.pos - 1, dump.pos) and (
        len(line.text) >= LONG_SUMMARY_CHARS
        or (len(line.text) >= MIN_SUMMARY_CHARS and line.text.endswith((".", "…")))
    )
    if not (marked or adjacent) or _fold(line.text) in _RELATED_HEADERS:
        return None
    dump.pos += 1
    return line.text


# --- Record ------------------------------------------------------------------


def _build_record(dump: _Dump, text: str, source_name: str | None) -> ArticleRecord:
    """Assemble the record from what the reading found."""
    paragraphs = [item.text for item in dump.flow if isinstance(item, _Paragraph)]
    if not paragraphs and dump.lead is None:
        raise CaptureError("no article text found: only a title")
    body_text = "\n\n".join(paragraphs)
    language = guess_language("\n".join([dump.title, dump.lead or "", body_text]))
    return ArticleRecord(
        title=dump.title,
        byline=dump.byline,
        section=dump.date_section or dump.crumb_section or dump.kicker_section,
        published=_published(dump.date_text, language),
        lead=dump.lead,
        body_text=body_text,
        reader_html=_reader_html(dump),
        language=language,
        topics=dump.topics,
        images=dump.images,
        related=dump.related,
        arrived_by="text",
        # Callers that hold the file's original bytes may replace these; the
        # UTF-8 text is enough to parse the dump again.
        source=text.encode("utf-8", errors="replace"),
        source_type="text/plain",
        source_name=source_name,
        extraction=ExtractionInfo(EXTRACTOR_VERSION, []),
    )


def _published(date_text: str | None, language: str | None) -> str | None:
    """ISO date of the date line; Vietnamese outlets print local time (UTC+7)."""
    if date_text is None:
        return None
    offset = VIETNAM_OFFSET if language == "vi" else None
    found = find_visible_date(date_text, offset)
    return found.iso if found else None


def _reader_html(dump: _Dump) -> str:
    """The body as reader HTML: paragraphs, headings and figures in flow order."""
    parts = []
    for item in dump.flow:
        if isinstance(item, _Figure):
            parts.append(figure(item.index, dump.images[item.index]))
        elif item.heading:
            parts.append(heading(item.text))
        else:
            parts.append(paragraph(item.text))
    return "\n".join(parts)
