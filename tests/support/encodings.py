"""Test input in legacy encodings."""

from __future__ import annotations

import unicodedata

# Marks that change a letter's shape; windows-1258 has these letters
# precomposed (â ê ô ơ ư ă), while tones are separate combining bytes.
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")


def encode_windows_1258(text: str) -> bytes:
    """Encode Vietnamese ``text`` as windows-1258 wrote it.

    Python's cp1258 codec only maps base letters and the combining tone
    marks, so each letter is split into its shaped base (composed) and its
    tone (combining) before encoding.
    """
    pieces = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0] + "".join(mark for mark in decomposed[1:] if mark in _SHAPE_MARKS)
        tones = "".join(mark for mark in decomposed[1:] if mark not in _SHAPE_MARKS)
        pieces.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(pieces).encode("cp1258")
