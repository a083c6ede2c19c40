"""A highlight's anchor finds its quote again in a changed text (issue 15)."""

from __future__ import annotations

import random
import time
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from core.anchoring import HIGHLIGHT_COLORS, locate, quote_at

TEXT = (
    "Hà Nội mùa thu. Cây bàng lá đỏ. Hà Nội mùa thu, mùa thu Hà Nội "
    "là mùa của những con đường vắng và hàng hoa sữa."
)


def test_quote_at_takes_the_quote_and_its_context() -> None:
    start = TEXT.index("Cây bàng")
    anchored = quote_at(TEXT, start, start + len("Cây bàng"), context=5)
    assert (anchored.quote, anchored.prefix, anchored.suffix) == ("Cây bàng", "thu. ", " lá đ")
    assert TEXT[anchored.start : anchored.end] == "Cây bàng"
    at_the_start = quote_at(TEXT, 0, 6, context=10)
    assert at_the_start.prefix == "" and at_the_start.quote == "Hà Nội"


def test_an_unchanged_text_gives_the_same_place() -> None:
    start = TEXT.index("con đường")
    anchored = quote_at(TEXT, start, start + len("con đường"))
    assert locate(TEXT, anchored.quote, anchored.prefix, anchored.suffix, anchored.start) == (
        anchored.start,
        anchored.end,
    )


def test_of_repeated_quotes_the_context_picks_the_right_one() -> None:
    # "Hà Nội mùa thu" occurs twice; the second is followed by ", mùa thu".
    second = TEXT.index("Hà Nội mùa thu", 1)
    anchored = quote_at(TEXT, second, second + len("Hà Nội mùa thu"))
    moved = "Lời mở đầu mới, dài hơn trước. " + TEXT
    shift = len("Lời mở đầu mới, dài hơn trước. ")
    # Without a position, only the context tells them apart.
    assert locate(moved, anchored.quote, anchored.prefix, anchored.suffix) == (
        second + shift,
        anchored.end + shift,
    )
    # A stale position does not outweigh the context.
    assert locate(moved, anchored.quote, anchored.prefix, anchored.suffix, 0) == (
        second + shift,
        anchored.end + shift,
    )


def test_without_context_the_nearest_to_the_old_position_wins() -> None:
    first = TEXT.index("mùa thu")
    later = TEXT.index("mùa thu", TEXT.index("Hà Nội mùa thu, ") + 10)
    assert locate(TEXT, "mùa thu", start=later - 2) == (later, later + len("mùa thu"))
    assert locate(TEXT, "mùa thu") == (first, first + len("mùa thu"))


def test_white_space_and_normal_form_may_differ() -> None:
    rewrapped = TEXT.replace("Cây bàng lá đỏ", "Cây\n  bàng lá\tđỏ")
    span = locate(rewrapped, "Cây bàng lá đỏ", " thu. ", ".")
    assert span is not None
    assert " ".join(rewrapped[span[0] : span[1]].split()) == "Cây bàng lá đỏ"
    decomposed = unicodedata.normalize("NFD", "con đường")
    start = TEXT.index("con đường")
    assert locate(TEXT, decomposed) == (start, start + len("con đường"))


def test_a_quote_the_text_no_longer_holds_is_not_found() -> None:
    assert locate(TEXT, "hoa sữa nở muộn") is None
    assert locate(TEXT, "   ") is None
    assert locate("", "Hà Nội") is None


@given(st.text(min_size=1, max_size=200), st.data())
def test_any_quote_of_a_text_is_found_where_it_is(text: str, data: st.DataObject) -> None:
    text = unicodedata.normalize("NFC", text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    anchored = quote_at(text, start, end)
    span = locate(text, anchored.quote, anchored.prefix, anchored.suffix, anchored.start)
    assert span is not None
    assert text[span[0] : span[1]] == anchored.quote


def test_two_hundred_highlights_of_a_long_article_are_found_fast() -> None:
    rng = random.Random(15)
    words = ["đường", "phố", "Hà", "Nội", "mùa", "thu", "cây", "lá", "người", "xe"]
    text = " ".join(rng.choice(words) + str(rng.randrange(500)) for _ in range(20_000))
    anchors = []
    for _ in range(200):
        start = rng.randrange(len(text) - 200)
        anchors.append(quote_at(text, start, start + rng.randrange(20, 120)))
    changed = "Một đoạn mở đầu mới.\n\n" + text.replace(" ", "  ", 300)

    began = time.process_time()
    spans = [locate(changed, a.quote, a.prefix, a.suffix, a.start) for a in anchors]
    spent = time.process_time() - began

    for anchor, span in zip(anchors, spans, strict=True):
        assert span is not None
        assert " ".join(changed[span[0] : span[1]].split()) == " ".join(anchor.quote.split())
    # A generous bound (the target is well under 0.1 s): catches a quadratic
    # slip, not a busy machine.
    assert spent < 2.0


def test_there_are_four_colours_yellow_first() -> None:
    assert HIGHLIGHT_COLORS == ("yellow", "green", "blue", "pink")
