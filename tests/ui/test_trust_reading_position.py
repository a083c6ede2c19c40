"""Trust: the reading position survives a restart and is never overwritten by 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import WindowFactory, plain_article

LONG_BODY = " ".join(f"Câu số {number} kể chuyện phố cổ Hà Nội mùa thu." for number in range(900))


@pytest.fixture
def long_library(library_path: Path) -> Path:
    """A library with a long article (id 1) and a short one (id 2)."""
    with Library(library_path) as library:
        library.save_article(
            plain_article(
                1,
                body_text=LONG_BODY,
                reader_html="".join(
                    f"<p>Câu số {number} kể chuyện phố cổ Hà Nội mùa thu.</p>"
                    for number in range(900)
                ),
            )
        )
        library.save_article(plain_article(2))
    return library_path


def stored_position(path: Path, article_id: int) -> float:
    with Library(path) as library:
        return library.get_article(article_id).reading_position


def test_position_survives_closing_the_window(
    make_window: WindowFactory, long_library: Path, qtbot: QtBot
) -> None:
    first = make_window(long_library, open_initial=False)
    first.resize(1200, 700)
    first.open_article(1)
    reader = first.reader
    qtbot.waitUntil(lambda: reader.verticalScrollBar().maximum() > 0)
    reader.set_reading_position(0.48)
    first.close()
    assert stored_position(long_library, 1) == pytest.approx(0.48, abs=0.01)

    second = make_window(long_library)  # reopens the last article read
    second.resize(1200, 700)
    assert second.current_article is not None and second.current_article.id == 1
    qtbot.waitUntil(lambda: second.reader.settled())
    qtbot.waitUntil(lambda: second.reader.verticalScrollBar().maximum() > 0)
    assert second.reader.reading_position() == pytest.approx(0.48, abs=0.02)
    second.open_article(2)
    assert stored_position(long_library, 1) == pytest.approx(0.48, abs=0.02)


def test_position_survives_reopening_in_a_new_window(
    make_window: WindowFactory, long_library: Path, qtbot: QtBot
) -> None:
    with Library(long_library) as library:
        library.set_reading_position(1, 0.48)
    window = make_window(long_library, open_initial=False)
    window.resize(900, 640)
    window.open_article(1)
    qtbot.waitUntil(lambda: window.reader.settled())
    assert window.reader.reading_position() == pytest.approx(0.48, abs=0.02)


def test_an_unrendered_document_never_writes_a_position(
    make_window: WindowFactory, long_library: Path
) -> None:
    with Library(long_library) as library:
        library.set_reading_position(1, 0.48)
    # Never shown: the reader has no real size, so nothing it reports is a position.
    window = make_window(long_library, open_initial=False, show=False)
    window.open_article(1)
    window.open_article(2)
    assert stored_position(long_library, 1) == pytest.approx(0.48, abs=0.001)
    window.open_article(1)
    window.close()
    assert stored_position(long_library, 1) == pytest.approx(0.48, abs=0.001)


def test_leaving_an_article_before_it_is_laid_out_keeps_its_position(
    make_window: WindowFactory, long_library: Path
) -> None:
    with Library(long_library) as library:
        library.set_reading_position(1, 0.48)
    window = make_window(long_library, open_initial=False)
    window.resize(900, 640)  # the new size is not laid out yet when the article opens
    window.open_article(1)
    window.open_article(2)
    assert stored_position(long_library, 1) == pytest.approx(0.48, abs=0.001)


@pytest.mark.parametrize("position", [0.0, 0.48])
def test_a_long_article_is_laid_out_once_where_it_opens(
    make_window: WindowFactory, long_library: Path, qtbot: QtBot, position: float
) -> None:
    # Laying a very long article out takes seconds: once is the most it
    # may cost. A scroll bar appearing after the first layout used to make
    # the column narrower and the whole article laid out again.
    with Library(long_library) as library:
        library.set_reading_position(1, position)
    window = make_window(long_library, open_initial=False)
    window.resize(900, 640)
    qtbot.waitUntil(lambda: window.reader.settled())
    window.open_article(1)
    renders: list[None] = []
    window.reader.document().contentsChanged.connect(lambda: renders.append(None))
    qtbot.wait(400)  # longer than the reader's refit delay
    assert renders == []
    assert window.reader.reading_position() == pytest.approx(position, abs=0.02)
