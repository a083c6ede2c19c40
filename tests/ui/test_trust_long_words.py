"""Trust: one unbroken 200 kB word opens in the reader, whole, without hanging layout."""

from __future__ import annotations

import random
import re
from html import escape
from pathlib import Path

from pytestqt.qtbot import QtBot

from storage import ArticleRecord, Library
from tests.conftest import SEED
from tests.ui.conftest import WindowFactory
from ui.reader_document import WORD_BREAK, ShownText, breakable

WORD_LENGTH = 200_000
LONGEST_RUN = 80


def unbroken_word(length: int) -> str:
    generator = random.Random(f"{SEED.name}-long-word")
    letters = "abcdefghijklmnopqrstuvwxyzăâđêôơưáàảãạ0123456789/-_.?=&"
    return "".join(generator.choice(letters) for _ in range(length))


def longest_unbroken_run(text: str) -> int:
    return max((len(run) for run in re.split(rf"[\s{WORD_BREAK}]+", text)), default=0)


def test_an_enormous_word_is_shown_whole_and_wraps(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    word = unbroken_word(WORD_LENGTH)
    with Library(library_path) as library:
        saved = library.save_article(
            ArticleRecord(
                title="Một từ rất dài",
                body_text=f"Mở đầu. {word} Kết thúc.",
                reader_html=f"<p>Mở đầu.</p><p>{escape(word)}</p><p>Kết thúc.</p>",
            )
        )
    window = make_window(library_path, open_initial=False)
    window.resize(1000, 700)
    window.open_article(saved.id)
    qtbot.waitUntil(window.reader.settled, timeout=60_000)
    shown = window.reader.toPlainText()
    assert word in shown.replace(WORD_BREAK, "")
    # The reader only offers places to wrap: what is stored is never touched.
    with Library(library_path) as library:
        assert escape(word) in library.get_article(saved.id).reader_html
    assert longest_unbroken_run(shown) <= LONGEST_RUN
    # Copying gives the word as saved, without the reader's wrap points.
    window.reader.selectAll()
    copied = window.reader.createMimeDataFromSelection()
    assert word in copied.text() and WORD_BREAK not in copied.text()
    assert WORD_BREAK not in copied.html()


def test_breakable_only_touches_overlong_runs() -> None:
    sentence = "Hà Nội mùa thu, phố cổ và hồ Gươm https://example.vn/mot-bai-viet-ngan"
    assert breakable(sentence) == sentence
    word = unbroken_word(1000)
    broken = breakable(f"trước {word} sau")
    assert broken.replace(WORD_BREAK, "") == f"trước {word} sau"
    assert longest_unbroken_run(broken) <= LONGEST_RUN
    assert breakable("") == ""


def test_shown_text_maps_offsets_across_every_wrap_point() -> None:
    # The reader's plain text without its wrap points, and offsets both ways.
    document_text = f"ab{WORD_BREAK}cd{WORD_BREAK}{WORD_BREAK}ef{WORD_BREAK}"
    shown = ShownText(document_text)
    assert shown.text == "abcdef"
    assert [shown.to_document(offset) for offset in range(7)] == [0, 1, 3, 4, 7, 8, 10]
    assert all(shown.from_document(shown.to_document(offset)) == offset for offset in range(7))
    assert ShownText("no breaks here").text == "no breaks here"
