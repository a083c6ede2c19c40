"""A cheap guess at an article's language: Vietnamese, English, or unknown.

Only the two languages the reader treats specially are recognised. The guess
looks at letters, not words, for Vietnamese: its tone marks and the letters
ă â đ ê ô ơ ư are everywhere in real text (roughly one letter in four), while
the letters only Vietnamese uses (ơ ư ă đ and the precomposed block
U+1EA0..U+1EF9) tell it apart from French or Portuguese, which share é à ô.
"""

from __future__ import annotations

import re
import unicodedata

SAMPLE_CHARS = 5000

# Letters no other major Latin-script language uses.
_VIETNAMESE_ONLY = frozenset("ăĂđĐơƠưƯ") | frozenset(chr(code) for code in range(0x1EA0, 0x1EFA))
# Letters Vietnamese shares with other languages; they count towards the
# density of marks but cannot decide the language alone.
_VIETNAMESE_SHARED = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")

# The commonest English function words: in running English prose they make up
# a quarter or more of the words, in other languages almost none.
_ENGLISH_FUNCTION_WORDS_TEXT = """
a an the and or but of to in on at by for from with as is are was were be been
it its this that these those he she they we you i his her their our not no
has have had will would can could there which who what when than so if into
about after over said
"""
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

MIN_VIETNAMESE_MARKED_SHARE = 0.08
MIN_VIETNAMESE_ONLY_LETTERS = 2
MIN_ENGLISH_ASCII_SHARE = 0.95
MIN_ENGLISH_FUNCTION_SHARE = 0.12
MIN_ENGLISH_FUNCTION_WORDS = 3
MIN_WORDS = 3


def guess_language(text: str) -> str | None:
    """Return "vi", "en" or None for ``text`` (only its start is examined)."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS])
    if _looks_vietnamese(sample):
        return "vi"
    if _looks_english(sample):
        return "en"
    return None


def _looks_vietnamese(sample: str) -> bool:
    """Whether Vietnamese letters are frequent enough in ``sample``."""
    letters = [char for char in sample if char.isalpha()]
    if not letters:
        return False
    only = sum(1 for char in letters if char in _VIETNAMESE_ONLY)
    shared = sum(1 for char in letters if char in _VIETNAMESE_SHARED)
    if only < MIN_VIETNAMESE_ONLY_LETTERS:
        return False
    return (only + shared) / len(letters) >= MIN_VIETNAMESE_MARKED_SHARE


def _looks_english(sample: str) -> bool:
    """Whether ``sample`` is mostly ASCII words with English function words."""
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return False
    letters = [char for word in words for char in word if char.isalpha()]
    ascii_share = sum(1 for char in letters if char.isascii()) / len(letters)
    if ascii_share < MIN_ENGLISH_ASCII_SHARE:
        return False
    function = [word.lower() for word in words if word.lower() in _ENGLISH_FUNCTION_WORDS]
    # Several different ones: "an" and "to" alone also spell unaccented Vietnamese.
    if len(set(function)) < MIN_ENGLISH_FUNCTION_WORDS:
        return False
    return len(function) / len(words) >= MIN_ENGLISH_FUNCTION_SHARE
