"""Anchoring a highlight to an article's text, and finding it again.

A highlight is kept the way the W3C Web Annotation model anchors a quote:
a ``TextQuoteSelector`` (the exact text, with a little of the text before
and after it) and a ``TextPositionSelector`` (where it starts and ends).
After a re-extraction or in another version the position may be wrong and
the text around the quote may differ; ``locate`` finds the quote again from
whatever still agrees, or says it is no longer there.

Positions count characters of the text in Unicode NFC, the form every
stored text uses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

HIGHLIGHT_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")
"""The colours a highlight can have; the first is the default."""

QUOTE_CONTEXT = 32
"""How many characters of text before and after a quote anchor it."""

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TextQuote:
    """A quote of a text, anchored: ``text[start:end] == quote``; ``prefix``
    and ``suffix`` are the text right before and after it."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


def quote_at(text: str, start: int, end: int, context: int = QUOTE_CONTEXT) -> TextQuote:
    """The quote ``text[start:end]`` with ``context`` characters either side
    (fewer at the ends of the text). ``start`` and ``end`` are clamped to the text."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return TextQuote(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text`` now, as ``(start, end)``; None when it
    is no longer there.

    Every place the quote occurs is a candidate: exactly, or else with any
    run of white space standing for any other (a re-extraction often
    rewraps a paragraph). The candidate whose surrounding text agrees most
    with ``prefix`` and ``suffix`` wins; then the one closest to the old
    ``start``; then the first. Deterministic, and one pass of C-speed
    searching per call.
    """
    text = _nfc_text(text)
    quote, prefix, suffix = _nfc(quote), _nfc(prefix), _nfc(suffix)
    if not quote.strip():
        return None
    if start is not None:
        # The common case, an unchanged text: the quote is where it was and
        # its context agrees. No need to look anywhere else.
        end = start + len(quote)
        if (
            text.startswith(quote, start)
            and text.endswith(prefix, 0, start)
            and text.startswith(suffix, end)
        ):
            return start, end
    candidates = _exact_matches(text, quote) or _loose_matches(text, quote)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda span: _score(text, span, prefix, suffix, start))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=4)
def _nfc_text(text: str) -> str:
    """``_nfc`` of an article's text, which re-anchoring passes once per
    highlight: checked once, not once per highlight."""
    return _nfc(text)


def _exact_matches(text: str, quote: str) -> list[tuple[int, int]]:
    matches = []
    found = text.find(quote)
    while found != -1:
        matches.append((found, found + len(quote)))
        found = text.find(quote, found + 1)
    return matches


def _loose_matches(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the quote's words occur with any white space between them."""
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    return [match.span() for match in re.finditer(pattern, text)]


def _score(
    text: str, span: tuple[int, int], prefix: str, suffix: str, old_start: int | None
) -> tuple[int, int, int]:
    """How well a candidate agrees: characters of context in common (white
    space compared loosely), then closeness to the old position, then
    earliness. Bigger is better."""
    begin, end = span
    before = _collapse(text[max(0, begin - 2 * len(prefix)) : begin])
    after = _collapse(text[end : end + 2 * len(suffix)])
    agreement = _common_suffix(before, _collapse(prefix)) + _common_prefix(after, _collapse(suffix))
    distance = abs(begin - old_start) if old_start is not None else 0
    return agreement, -distance, -begin


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def _common_prefix(first: str, second: str) -> int:
    length = 0
    for left, right in zip(first, second, strict=False):
        if left != right:
            break
        length += 1
    return length


def _common_suffix(first: str, second: str) -> int:
    return _common_prefix(first[::-1], second[::-1])
