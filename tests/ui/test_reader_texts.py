"""What the reader writes around an article (issue 14): every label through
Qt's translation, dates in the window's language, picture credits with their
label, a pending article's notice alone, and the site's topics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from storage import Article, ArticleRecord, ImageRecord, Library
from tests.ui.conftest import picture_article, plain_article, png_bytes
from ui.highlights_pane import HighlightsPane
from ui.reader import ArticleReader, color_label
from ui.reader_document import labelled_credit
from ui.themes import THEME_NAMES, load_theme

MARKED = re.compile(r"«[^«»]*»")


class MarkingTranslator(QTranslator):
    """Translates every text to itself between « and »: what shows unmarked
    never went through Qt's translation."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"«{source}»"


class TableTranslator(QTranslator):
    """Translates the texts it has; the others stay in English."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self.table.get(source, "")


@pytest.fixture
def vietnamese_locale() -> Iterator[None]:
    QLocale.setDefault(QLocale("vi_VN"))
    yield
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def marking(qapp: QApplication) -> Iterator[QTranslator]:
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library(library_path) as opened:
        yield opened


@pytest.fixture
def reader(qtbot: QtBot) -> ArticleReader:
    widget = ArticleReader()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def show(reader: ArticleReader, library: Library, article: Article) -> str:
    reader.show_article(article, lambda number: library.image_data(article.id, number))
    return reader.document().toPlainText()


def saved(library: Library, record: ArticleRecord, tags: tuple[str, ...] = ()) -> Article:
    return library.get_article(library.save_article(record, tags=list(tags)).id)


def test_every_label_of_the_reader_goes_through_translation(
    marking: QTranslator, vietnamese_locale: None, reader: ArticleReader, library: Library
) -> None:
    # The translator is installed before the reader is built, as the window does.
    record = picture_article(
        published="2021-06-19T16:33:00+07:00",
        images=[
            ImageRecord(caption="Ruộng bậc thang", credit="Ảnh: Trần B", data=png_bytes(40, 30)),
            ImageRecord(caption="Chợ phiên Tú Lệ"),
        ],
    )
    article = replace(saved(library, record, ("Du lịch",)), topics=("Yên Bái", "lúa chín"))
    text = show(reader, library, article)
    # Dates in the window's language: 19/6/2021 16:33, the day saved as d/m/yyyy.
    assert "19/6/2021 16:33" in text
    assert re.search(r"«Saved \d{1,2}/\d{1,2}/\d{4} from example\.vn»", text)
    assert f"«{article.reading_minutes} min read»" in text
    assert "«Topics: »Yên Bái · lúa chín" in text
    assert "«Tags: »Du lịch" in text
    assert f"«{article.word_count} word(s)»" in text
    assert "«Picture not saved»" in text
    # Nothing English is left outside the marks but the article's own words.
    article_words = " ".join(
        [
            article.title,
            article.reader_html,
            article.lead or "",
            article.section or "",
            article.site or "",
            article.byline or "",
            *article.tags,
            *article.topics,
        ]
    )
    for word in re.findall(r"[A-Za-z]{2,}", MARKED.sub(" ", text)):
        assert word in article_words, f"{word!r} is not translated"

    # The reader's own widgets and menus.
    assert reader.accessibleName() == "«Article»"
    assert reader.progress_bar.accessibleName() == "«Reading progress»"
    assert MARKED.fullmatch(reader.time_left.text())
    assert all(MARKED.fullmatch(load_theme(name).label) for name in THEME_NAMES)
    assert MARKED.fullmatch(color_label("yellow"))
    cursor = reader.textCursor()
    cursor.setPosition(text.index("Mù Cang Chải"))
    cursor.setPosition(text.index("Mù Cang Chải") + 12, cursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    menu = reader.context_menu(reader.cursorRect(cursor).center())
    for action in menu.actions():
        assert action.isSeparator() or MARKED.match(action.text()), action.text()
    pane = HighlightsPane()
    assert MARKED.fullmatch(pane.title.text()) and MARKED.fullmatch(pane.hint.text())
    pane.deleteLater()


def test_picture_credits_keep_their_label_beside_the_caption(
    reader: ArticleReader, library: Library, qapp: QApplication
) -> None:
    html = "".join(
        f'<figure><img src="image:{number}"><figcaption>Chú thích {number}'
        f' <span class="credit">{credit}</span></figcaption></figure>'
        for number, credit in enumerate(
            ["Ảnh: Trần Bình", "Photo: AP", "Ảnh minh họa: Hà An", "Trần Bình"]
        )
    )
    record = plain_article(
        1,
        reader_html=html,
        images=[ImageRecord(data=png_bytes(60, 40), width=60, height=40) for _ in range(4)],
    )
    article = saved(library, record)
    lines = show(reader, library, article).splitlines()

    def caption_line(number: int) -> str:
        # Two no-break spaces apart (plain text writes them as spaces).
        line = next(line for line in lines if line.startswith(f"Chú thích {number}"))
        return line.replace("\u00a0", " ")

    # The credit sits on the caption's line, after it, with its label.
    assert caption_line(0) == "Chú thích 0  Ảnh: Trần Bình"
    assert caption_line(1) == "Chú thích 1  Photo: AP"
    assert caption_line(2) == "Chú thích 2  Ảnh minh họa: Hà An"
    # A credit saved without a label (before capture kept them) gets one.
    assert caption_line(3) == "Chú thích 3  Photo: Trần Bình"
    # ... in the window's language.
    translator = TableTranslator({"Photo: {name}": "Ảnh: {name}"})
    qapp.installTranslator(translator)
    try:
        assert labelled_credit("Trần Bình") == "Ảnh: Trần Bình"
        assert labelled_credit("© Reuters") == "© Reuters"
    finally:
        qapp.removeTranslator(translator)


def test_a_pending_article_says_only_not_saved_yet(reader: ArticleReader, library: Library) -> None:
    record = ArticleRecord(
        title="https://example.vn/bai-chua-tai",
        url="https://example.vn/bai-chua-tai",
        body_text="",
        reader_html="",
        capture_status="pending",
        capture_error="The server answered 503",
    )
    article = saved(library, record)
    assert article.capture_status == "pending"
    text = show(reader, library, article)
    assert "Not saved yet. The server answered 503. https://example.vn/bai-chua-tai" in text
    assert "Saved " not in text
    assert not reader.progress_bar.isVisible() and not reader.time_left.isVisible()


def test_a_saved_article_says_where_it_was_saved_from(
    reader: ArticleReader, library: Library
) -> None:
    text = show(reader, library, saved(library, plain_article(2, url="https://example.vn/a")))
    assert re.search(r"Saved \d{1,2} \w{3} \d{4} from example\.vn", text)
    assert "Not saved yet" not in text


def test_topics_show_as_a_quiet_row_under_the_byline(
    reader: ArticleReader, library: Library
) -> None:
    article = saved(library, plain_article(3, byline="Lam Dương"))
    assert "Topics" not in show(reader, library, article)
    text = show(reader, library, replace(article, topics=("Hà Nội", "Giao thông", "Mưa lớn")))
    lines = text.splitlines()
    meta = next(index for index, line in enumerate(lines) if line.startswith("Lam Dương"))
    assert lines[meta + 1] == "Topics: Hà Nội · Giao thông · Mưa lớn"
    html = reader.toHtml()
    topics_color = load_theme("light").stylesheet.split(".credit, .topics { color: ")[1][:7]
    assert re.search(rf'color:{topics_color};">Topics: Hà Nội', html)
