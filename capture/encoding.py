"""Turn the bytes of a saved text file into clean Unicode.

The order of trust: a byte-order mark, then the charset the source declared,
then strict UTF-8 (which random legacy bytes almost never pass), then
statistical detection. Detection is weakest exactly where Vietnamese needs it
most: legacy windows-1258 files write tones as separate combining bytes, and
detectors may read those bytes as Western European letters ("Hôòi" for
"Hội"). So a windows-1258 reading is tried too, and kept when its tone marks
sit on vowels and it yields more letters only Vietnamese uses (ơ ư ă đ ạ..ỹ,
which no Western code page can produce) than the detector's reading.

Whatever the route, the result is NFC with LF line ends.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from core.errors import CaptureError

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Formats people drop by mistake; their headers are recognisable even when
# the first kilobytes hold no NUL byte.
_BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"MZ\x90\x00",
    b"RIFF",
    b"\xd0\xcf\x11\xe0",
)

# Control bytes that never occur in text; tab, line feed, vertical tab, form
# feed, carriage return and escape (ANSI colours) do.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS

SAMPLE_BYTES = 8192
# How codecs say the data ended inside a character, and how long one can be.
_CUT_SHORT = frozenset({"truncated data", "unexpected end of data"})
_MAX_CHAR_BYTES = 4
MAX_CONTROL_SHARE = 0.3
# In UTF-16 text without a mark, the high byte of every ASCII letter, digit
# and space is NUL: at least this share of one parity's bytes.
MIN_WIDE_NUL_SHARE = 0.3
# ... and the low byte is almost never NUL.
MAX_WIDE_LOW_NUL_SHARE = 0.1
# Characters beyond U+FFFF (emoji) are rare; below it UTF-32's second byte is NUL.
MIN_UTF32_PLANE0_SHARE = 0.5

# Vietnamese vowels take at most one shape mark (â ê ô, ă, ơ ư) and one tone.
_SHAPE_MARKS = {"\u0302": "aeoAEO", "\u0306": "aA", "\u031b": "ouOU"}
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _is_vietnamese_letter(char: str) -> bool:
    """A vowel with Vietnamese marks only (à ạ ơ ữ…), or đ."""
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    shapes = [mark for mark in marks if mark in _SHAPE_MARKS]
    tones = [mark for mark in marks if mark in _TONE_MARKS]
    return (
        base in "aeiouyAEIOUY"
        and 0 < len(marks) == len(shapes) + len(tones)
        and len(shapes) <= 1
        and len(tones) <= 1
        and all(base in _SHAPE_MARKS[mark] for mark in shapes)
    )


_VIETNAMESE_ONLY = frozenset("ăĂđĐơƠưƯ") | frozenset(chr(code) for code in range(0x1EA0, 0x1EFA))
_VIETNAMESE_LETTERS = frozenset(
    chr(code) for code in range(0xC0, 0x1EFA) if _is_vietnamese_letter(chr(code))
)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to NFC text with LF line ends.

    ``declared`` is a charset the source named (an HTTP header, a ``<meta>``);
    a byte-order mark overrides it, and an unknown or wrong one is ignored.
    Raises ``CaptureError`` for empty or binary data.
    """
    if not data.strip():
        raise CaptureError("empty file")
    text = _decode_with_bom(data)
    if text is None:
        if looks_binary(data):
            raise CaptureError("not a text file: it looks binary")
        text = _decode_declared(data, declared)
    if text is None:
        text = _decode_utf8(data)
    if text is None:
        text = _decode_detected(data)
    return _finish(text)


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is clearly not text in any encoding we read.

    NUL bytes betray binary data unless the text is UTF-16 or UTF-32 (with a
    byte-order mark, or shaped like it); so do known file headers and a
    high share of control bytes.
    """
    sample = data[:SAMPLE_BYTES]
    if not sample or any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    if sample.startswith(_BINARY_MAGIC):
        return True
    if _wide_codec(sample) is not None:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls / len(sample) > MAX_CONTROL_SHARE


def _decode_with_bom(data: bytes) -> str | None:
    """Decode by the byte-order mark, or None if there is none (or it lies)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return decode_cut_short(data, codec)
            except UnicodeDecodeError:
                continue  # a UTF-16 mark may begin a UTF-32 file, and vice versa
    return None


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    """Decode with the declared charset when Python knows it and it fits.

    NULs laid out like UTF-16/32 overrule the declaration: no 8-bit charset
    produces them, and a page saved as UTF-16 keeps its old ``<meta>``.
    """
    codec = _wide_codec(data[:SAMPLE_BYTES]) or _known_codec(declared)
    if codec is None:
        return None
    try:
        return decode_cut_short(data, codec)
    except UnicodeDecodeError:
        return None


def decode_cut_short(data: bytes, codec: str) -> str:
    """Decode strictly, except that a file cut short may end in part of a
    character (a UTF-16 file of odd length): that last part is dropped."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        cut_short = error.reason in _CUT_SHORT and error.end == len(data)
        if not cut_short or error.start < len(data) - _MAX_CHAR_BYTES:
            raise
        return data[: error.start].decode(codec)


def _known_codec(name: str | None) -> str | None:
    """Python's name for a charset label, or None if it is not a text codec."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    # Labels like "base64" or "rot13" name codecs, but not text encodings.
    return info.name if info._is_text_encoding else None


def _wide_codec(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` when NULs fall like wide text."""
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    return _utf32_codec(sample) or _utf16_codec(sample)


def _utf32_codec(sample: bytes) -> str | None:
    """UTF-32 keeps its top byte NUL, and the next one too for all but emoji."""
    usable = sample[: len(sample) - len(sample) % 4]
    columns = [_nul_share(usable, 4, offset) for offset in range(4)]
    if columns[3] == 1.0 and columns[2] >= MIN_UTF32_PLANE0_SHARE and columns[0] < 1.0:
        return "utf-32-le"
    if columns[0] == 1.0 and columns[1] >= MIN_UTF32_PLANE0_SHARE and columns[3] < 1.0:
        return "utf-32-be"
    return None


def _utf16_codec(sample: bytes) -> str | None:
    """UTF-16 has NUL high bytes for ASCII, at odd (LE) or even (BE) offsets."""
    usable = sample[: len(sample) - len(sample) % 2]
    even, odd = _nul_share(usable, 2, 0), _nul_share(usable, 2, 1)
    if odd >= MIN_WIDE_NUL_SHARE and even < MAX_WIDE_LOW_NUL_SHARE:
        return "utf-16-le"
    if even >= MIN_WIDE_NUL_SHARE and odd < MAX_WIDE_LOW_NUL_SHARE:
        return "utf-16-be"
    return None


def _nul_share(sample: bytes, width: int, offset: int) -> float:
    """Share of NUL bytes among those at ``offset`` within each ``width`` group."""
    column = sample[offset::width]
    return column.count(0) / len(column) if column else 0.0


def _decode_utf8(data: bytes) -> str | None:
    """Decode strict UTF-8, or None when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_detected(data: bytes) -> str:
    """Decode with charset-normalizer's best guess, corrected for windows-1258."""
    best = from_bytes(data).best()
    detected = str(best) if best is not None else None
    vietnamese = _decode_cp1258(data)
    if vietnamese is not None and (
        detected is None or _vietnamese_score(vietnamese) > _vietnamese_score(detected)
    ):
        return vietnamese
    if detected is not None:
        return detected
    # Nothing fits: keep what is readable rather than refuse the file.
    return data.decode("utf-8", errors="replace")


def _decode_cp1258(data: bytes) -> str | None:
    """The windows-1258 reading of ``data`` if it looks like Vietnamese.

    The telltale is tone bytes (0xCC 0xEC 0xD2 0xDE 0xF2) right after
    vowels, where Vietnamese puts its tones. Shaped letters alone would not
    do (Portuguese "não" in windows-1252 reads "năo"), nor would any tone
    byte (Italian "però", "così" put them after consonants).
    """
    try:
        raw = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    on_vowels = misplaced = 0
    previous = ""
    for char in raw:
        if unicodedata.combining(char):
            if previous and unicodedata.normalize("NFD", previous)[0] in "aeiouyAEIOUY":
                on_vowels += 1
            else:
                misplaced += 1
        previous = char
    if on_vowels < 1 or misplaced * 10 > on_vowels:
        return None
    return unicodedata.normalize("NFC", raw)


def _vietnamese_score(text: str) -> tuple[int, int]:
    """How Vietnamese ``text`` reads: letters only Vietnamese uses, then all
    Vietnamese letters.

    The first count is what tells a real reading from a Western one: no
    Western code page produces ơ, ư, ă, đ or ạ..ỹ, while à, ì, ò and õ are
    what windows-1252 makes of Vietnamese tone bytes.
    """
    letters = [char for char in unicodedata.normalize("NFC", text) if char in _VIETNAMESE_LETTERS]
    return sum(1 for char in letters if char in _VIETNAMESE_ONLY), len(letters)


def _finish(text: str) -> str:
    """NFC, LF line ends, no stray mark; reject empty or control-ridden text."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CaptureError("empty file")
    sample = text[:SAMPLE_BYTES]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and not char.isspace()
    )
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise CaptureError("not a text file: it looks binary")
    return text
