"""From the bytes of a feed document to its text, and the charset that read it.

The charsets a feed names are tried in turn, strictly: the HTTP header's,
then the XML declaration's, then the byte-order mark's. Two exceptions:
UTF-8 goes first whenever any of them names it (servers send
``charset=iso-8859-1`` by default, which would decode anything), and a
UTF-16/32 byte-order mark decides alone (no ASCII-based charset reads
those bytes). A document naming no charset is UTF-8, as XML says.

When none of them reads the bytes, the feed is still read, and says how:

* bytes that are UTF-8 but for a few stray ones (a feed pasted together
  from two sources) stay UTF-8, the stray bytes replaced: detecting a
  charset for the whole document would turn every other word to mojibake;
* otherwise charset-normalizer detects the charset.

``DecodedFeed.mismatch`` says what was wrong, ``repaired`` how it was read.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from capture.encoding import decode_cut_short, looks_binary
from capture.feed_model import FeedFormatError

# The XML declaration sits within the first bytes, after any junk a
# server printed before it (a PHP warning, blank lines).
DECLARATION_BYTES = 1024
# Stray bytes tolerated in a UTF-8 document: at most one per this many
# well-formed non-ASCII characters.
MIN_UTF8_CHARS_PER_STRAY_BYTE = 20

# Share of non-ASCII characters that must be Vietnamese letters for a
# windows-1258 reading to count as Vietnamese.
MIN_VIETNAMESE_SHARE = 0.9
# Shape marks (circumflex, breve, horn) and the letters that take them;
# tone marks (grave, acute, tilde, hook above, dot below) go on any vowel.
_SHAPE_MARKS = {"\u0302": "aeoAEO", "\u0306": "aA", "\u031b": "ouOU"}
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE_BOM_CODECS = frozenset({"utf-16", "utf-32"})
_XML_DECLARATION = re.compile(
    rb"""<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE
)


@dataclass(frozen=True)
class DecodedFeed:
    """A feed document's text (NFC) and how it was read."""

    text: str
    charset: str
    """The Python codec that decoded the bytes."""
    mismatch: str | None = None
    """What was wrong with the named charset ("the feed declares utf-8, but
    its bytes are not that"); None when it read the bytes."""
    repaired: str | None = None
    """The mismatch and how the bytes were read instead, for the user."""


def decode_feed(body: bytes, http_charset: str | None = None) -> DecodedFeed:
    """Decode a feed document; ``FeedFormatError`` only for binary data."""
    if looks_binary(body):
        raise FeedFormatError("not a text file: it looks binary")
    bom_codec = next((codec for bom, codec in _BOMS if body.startswith(bom)), None)
    xml_match = _XML_DECLARATION.search(body[:DECLARATION_BYTES])
    xml_charset = xml_match.group(1).decode("ascii") if xml_match else None
    named = list(dict.fromkeys(name for name in (http_charset, xml_charset) if name))
    known = [codec for name in named if (codec := known_codec(name))]
    unknown = [name for name in named if not known_codec(name)]
    if bom_codec in _WIDE_BOM_CODECS:
        candidates = [bom_codec]
    else:
        candidates = [*known, *([bom_codec] if bom_codec else [])] or ["utf-8"]
        if any(codec.startswith("utf-8") for codec in candidates):
            candidates.insert(0, "utf-8-sig" if bom_codec else "utf-8")
    for codec in dict.fromkeys(candidates):
        try:
            # A feed cut short mid-character is refused as invalid XML, not as
            # a wrong charset: its last, partial character is dropped here.
            text = decode_cut_short(body, codec)
        except UnicodeDecodeError:
            continue
        mismatch = f"unknown charset {unknown[0]!r}" if unknown and not known else None
        repaired = f"{mismatch}: read as {_label(codec)}" if mismatch else None
        return DecodedFeed(_finish(text), _label(codec), mismatch, repaired)
    mismatch = _mismatch(bom_codec, named, known, unknown)
    if bom_codec in _WIDE_BOM_CODECS:
        text = body.decode(bom_codec, errors="replace")
        return DecodedFeed(
            _finish(text), bom_codec, mismatch, f"{mismatch}: unreadable characters replaced"
        )
    return _decode_undeclared(body, mismatch)


def known_codec(name: str) -> str | None:
    """Python's codec for a charset label, or None for an unknown label."""
    try:
        return codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return None


def _mismatch(bom_codec: str | None, named: list[str], known: list[str], unknown: list[str]) -> str:
    """What was wrong with the charsets the feed named, in one phrase."""
    if bom_codec in _WIDE_BOM_CODECS:
        return f"its byte-order mark says {bom_codec}, but its bytes are not that"
    if known:
        said = " / ".join(named)
        return f"the feed declares {said}, but its bytes are not that"
    if unknown:
        return f"unknown charset {unknown[0]!r}, and its bytes are not UTF-8"
    return "no charset declared, and its bytes are not UTF-8"


def _decode_undeclared(body: bytes, mismatch: str) -> DecodedFeed:
    """Read bytes that no charset the feed named reads: UTF-8 with its stray
    bytes replaced when that is what it mostly is, else detected."""
    lenient = body.decode("utf-8", errors="replace")
    stray = lenient.count("\ufffd") - body.count("\ufffd".encode())
    well_formed = sum(1 for char in lenient if ord(char) > 0x7F) - lenient.count("\ufffd")
    if well_formed >= stray * MIN_UTF8_CHARS_PER_STRAY_BYTE:
        return DecodedFeed(
            _finish(lenient),
            "utf-8",
            mismatch,
            f"{mismatch}: read as UTF-8, {stray} stray bytes replaced",
        )
    vietnamese = _vietnamese_windows_1258(body)
    if vietnamese is not None:
        return DecodedFeed(vietnamese, "cp1258", mismatch, f"{mismatch}: read as cp1258 (detected)")
    best = from_bytes(body).best()
    if best is None:
        raise FeedFormatError(f"wrong charset: {mismatch}, and no charset reads it")
    codec = _label(known_codec(best.encoding) or best.encoding)
    reason = f"{mismatch}: read as {codec} (detected)"
    return DecodedFeed(_finish(str(best)), codec, mismatch, reason)


def _vietnamese_windows_1258(body: bytes) -> str | None:
    """The windows-1258 reading of ``body`` when it is Vietnamese text.

    charset-normalizer knows windows-1258 poorly (short Vietnamese text
    comes out as hp-roman8), and Vietnamese is this reader's first language:
    the reading counts when nearly all its non-ASCII letters are Vietnamese.
    """
    try:
        text = _finish(body.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    wide = [char for char in text if ord(char) > 0x7F]
    vietnamese = sum(_is_vietnamese_letter(char) for char in wide)
    return text if wide and vietnamese >= len(wide) * MIN_VIETNAMESE_SHARE else None


def _is_vietnamese_letter(char: str) -> bool:
    """Whether a character is a letter of the Vietnamese alphabet with its
    marks (an ASCII base letter with Vietnamese shape and tone marks, or đ)."""
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not (base.isascii() and base.isalpha()) or len(marks) > 2:
        return False
    return all(mark in _TONE_MARKS or base in _SHAPE_MARKS.get(mark, "") for mark in marks)


def _label(codec: str) -> str:
    """A codec as people name it: ``utf-8``, not ``utf-8-sig``."""
    return "utf-8" if codec == "utf-8-sig" else codec


def _finish(text: str) -> str:
    """NFC (legacy Vietnamese charsets write tones as combining marks),
    without the byte-order mark."""
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))
