"""Text normalisation shared by storage and capture.

Vietnamese is first-class: searching ``duong`` must find ``đường``. SQLite's
``unicode61 remove_diacritics 2`` tokenizer folds case and combining marks but
treats ``đ``/``Đ`` as letters of their own, so we fold those before indexing.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that carry a stroke rather than a combining mark: NFD does not
# decompose them, so folding must map them explicitly.
# Letters with a stroke, which Unicode does not decompose into a base letter
# and a mark, so no diacritic folding removes it: each with its plain letter.
STROKED_LETTERS = (
    ("đ", "d"),
    ("Đ", "D"),
    ("ð", "d"),
    ("Ð", "D"),
    ("ł", "l"),
    ("Ł", "L"),
    ("ø", "o"),
    ("Ø", "O"),
)
_STROKED = str.maketrans(dict(STROKED_LETTERS))


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def fold_for_index(text: str) -> str:
    """Prepare text for the FTS5 index.

    Only the stroked letters are mapped; the tokenizer folds case and
    diacritics itself. The mapping is one character for one, so token
    positions stay aligned with the original text, which is what lets FTS5
    build snippets from the unfolded original.
    """
    # str.replace per letter, not str.translate: translate with a dict walks
    # every character in Python-level lookups (4.7 s for 5,000 bodies), while
    # replace on a letter that is absent costs one C-speed scan.
    for stroked, plain in STROKED_LETTERS:
        if stroked in text:
            text = text.replace(stroked, plain)
    return text


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table for fold_vietnamese, filled the first time
    each character is seen, so folding runs at C speed: it runs on every
    save (content hash, tag keys, similarity terms)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.combining(char):
            folded = ""
        else:
            base = unicodedata.normalize("NFD", char.translate(_STROKED))[0]
            lowered = base.lower()
            folded = lowered if len(lowered) == 1 else base
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_vietnamese(text: str) -> str:
    """Fold case and every diacritic, including đ -> d.

    ``fold_vietnamese("Đường Hà Nội") == "duong ha noi"``. Used for tag keys,
    titles and similarity terms; combining marks left over after NFC are
    dropped. Each character maps to at most one character.
    """
    return unicodedata.normalize("NFC", text).translate(_FOLD)


_WHITESPACE_RUN = re.compile(r"\s+")
# Above this length, splitting into a list of words costs far more memory
# than the text itself (a 19 MB line is 3 million word objects).
_SPLIT_JOIN_LIMIT = 10_000


def collapse_whitespace(text: str) -> str:
    """Collapse runs of white space to one space and strip the ends."""
    if len(text) <= _SPLIT_JOIN_LIMIT:
        return " ".join(text.split())  # the fastest way for the usual short text
    return _WHITESPACE_RUN.sub(" ", text).strip()


_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    """The number of white-space separated words, without a list of them for long text."""
    if len(text) <= _SPLIT_JOIN_LIMIT:
        return len(text.split())
    return sum(1 for _ in _WORD.finditer(text))
