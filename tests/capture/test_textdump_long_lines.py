"""A text file that is one enormous line (issue 12, item 14): every word is
kept, read as bounded paragraphs, without the shape rules running over the
whole file."""

from __future__ import annotations

import random

from capture.textdump import MAX_LINE_CHARS, parse_text_dump
from storage.similar.terms import MAX_FIELD_CHARS, split_field

WORDS = ["Hà", "Nội", "đại", "biểu", "bầu", "cử.", "người", "dân", "thành", "phố", "news"]


def one_line(word_count: int, seed: int = 7) -> str:
    chooser = random.Random(seed)
    return " ".join(chooser.choice(WORDS) for _ in range(word_count))


def test_a_one_line_file_keeps_every_word_in_bounded_paragraphs() -> None:
    text = "Tiêu đề của bài\n\n" + one_line(60_000)
    record = parse_text_dump(text)
    paragraphs = record.body_text.split("\n\n")
    assert len(paragraphs) > 10
    assert max(map(len, paragraphs)) <= MAX_LINE_CHARS
    assert record.body_text.split() == text.split("\n\n", 1)[1].split()
    # Pieces end after a sentence where one is near the limit.
    assert sum(paragraph.endswith(".") for paragraph in paragraphs[:-1]) == len(paragraphs) - 1


def test_one_enormous_word_is_cut_but_never_shortened() -> None:
    word = "x" * (3 * MAX_LINE_CHARS + 17)
    record = parse_text_dump(f"A title\n\nSome text before it.\n\n{word}")
    pieces = [part for part in record.body_text.split("\n\n") if part.startswith("x")]
    assert len(pieces) == 4
    assert "".join(pieces) == word


def test_similarity_reads_only_the_beginning_of_a_book_length_field() -> None:
    text = one_line(200_000)
    assert len(text) > MAX_FIELD_CHARS
    words = split_field(text).words
    assert 0 < len(words) < len(text.split()) / 2
    whole = split_field(text[:2_000]).words
    assert words[:100] == whole[:100]
