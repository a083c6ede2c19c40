"""Highlights and notes made here: anchored in the text, found again when
the text changes, kept when it cannot be, listed and searched (issue 15)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from core.models import ArticleRecord
from storage import Library, LibraryError
from storage.errors import ArticleNotFoundError

URL = "https://bao.example/mua-thu-ha-noi"
PARAGRAPHS = [
    "Hà Nội vào thu, những con đường rợp bóng cây và hoa sữa nồng nàn.",
    "Người Hà Nội đi chậm hơn, ngồi lâu hơn bên những quán nước vỉa hè.",
    "Mùa thu Hà Nội là mùa của cốm làng Vòng gói trong lá sen.",
]
LIBRARIES = Path(__file__).parents[1] / "fixtures" / "libraries"


def _save(library: Library, paragraphs: list[str], *, url: str = URL) -> int:
    text = "\n\n".join(paragraphs)
    record = ArticleRecord(title="Mùa thu Hà Nội", url=url, body_text=text, arrived_by="url")
    return library.save_article(record).id


def _integrity(library: Library) -> None:
    """The highlight index agrees with the highlights table."""
    with library.store.write() as conn:
        conn.execute("INSERT INTO highlight_search (highlight_search) VALUES ('integrity-check')")


def test_a_highlight_is_anchored_where_its_quote_is(library: Library) -> None:
    article_id = _save(library, PARAGRAPHS)
    text = library.get_article(article_id).body_text

    made = library.add_highlight(article_id, "cốm làng  Vòng", color="green", note=" ngon ")

    assert made.quote == "cốm làng Vòng"  # as the text has it
    assert made.start is not None and made.end is not None
    assert text[made.start : made.end] == made.quote
    assert text[: made.start].endswith(made.prefix) and text[made.end :].startswith(made.suffix)
    assert (made.kind, made.color, made.note, made.found) == ("highlight", "green", "ngon", True)
    assert library.highlights(article_id) == [made]


def test_of_two_places_the_context_picks_one(library: Library) -> None:
    article_id = _save(library, PARAGRAPHS)
    text = library.get_article(article_id).body_text
    second = text.index("Hà Nội", text.index("Người"))

    made = library.add_highlight(article_id, "Hà Nội", prefix="Người ", suffix=" đi chậm")

    assert made.start == second


def test_mistakes_are_one_clear_error(library: Library) -> None:
    article_id = _save(library, PARAGRAPHS)
    with pytest.raises(ArticleNotFoundError, match="no article with id 99"):
        library.add_highlight(99, "Hà Nội")
    with pytest.raises(LibraryError, match="needs some text"):
        library.add_highlight(article_id, "  ")
    with pytest.raises(LibraryError, match="has no text 'tuyết rơi'"):
        library.add_highlight(article_id, "tuyết rơi")
    with pytest.raises(LibraryError, match="unknown highlight colour 'red'"):
        library.add_highlight(article_id, "Hà Nội", color="red")
    with pytest.raises(LibraryError, match="a note needs some text"):
        library.add_note(article_id, "\n")
    with pytest.raises(LibraryError, match="no highlight with id 7"):
        library.set_highlight_note(7, "x")
    with pytest.raises(LibraryError, match="no highlight with id 7"):
        library.set_highlight_color(7, "blue")
    with pytest.raises(LibraryError, match="no highlight with id 7"):
        library.delete_highlight(7)
    assert library.highlights(article_id) == []


def test_notes_colours_and_deleting(library: Library) -> None:
    article_id = _save(library, PARAGRAPHS)
    highlight = library.add_highlight(article_id, "hoa sữa")
    note = library.add_note(article_id, "Đọc lại vào tháng Mười")

    assert (note.kind, note.quote, note.start, note.note) == (
        "note",
        "",
        None,
        "Đọc lại vào tháng Mười",
    )
    assert library.set_highlight_note(highlight.id, "thơm").note == "thơm"
    assert library.set_highlight_color(highlight.id, "pink").color == "pink"
    assert library.set_highlight_note(highlight.id, "").note == ""
    with pytest.raises(LibraryError, match="delete it instead"):
        library.set_highlight_note(note.id, "")
    assert [h.id for h in library.highlights(article_id)] == [highlight.id, note.id]

    library.delete_highlight(highlight.id)
    assert [h.id for h in library.highlights(article_id)] == [note.id]
    _integrity(library)


def test_the_library_wide_list_is_newest_first_in_pages(library: Library) -> None:
    first = _save(library, PARAGRAPHS)
    second = _save(library, ["Sài Gòn mưa chiều, nắng sớm."], url="https://bao.example/sg")
    made = [
        library.add_highlight(first, "hoa sữa"),
        library.add_note(second, "Sài Gòn"),
        library.add_highlight(second, "nắng sớm"),
        library.add_highlight(first, "cốm"),
    ]
    expected = [h.id for h in reversed(made)]  # made within one second: by id

    page = library.recent_highlights(limit=3)
    rest = library.recent_highlights(limit=3, before_id=page[-1].highlight.id)

    assert [item.highlight.id for item in page + rest] == expected
    assert page[0].article_title == "Mùa thu Hà Nội" and page[0].article_site == ""
    with pytest.raises(LibraryError, match="no highlight with id 999"):
        library.recent_highlights(before_id=999)


def test_a_new_text_moves_highlights_and_keeps_lost_ones(library: Library) -> None:
    article_id = _save(library, PARAGRAPHS)
    kept = library.add_highlight(article_id, "cốm làng Vòng", note="nhớ")
    lost = library.add_highlight(article_id, "quán nước vỉa hè")
    note = library.add_note(article_id, "Cả bài hay")

    # A re-save: a new first paragraph moves everything; the second is gone.
    rewritten = ["Lời tòa soạn: bài viết được cập nhật.", PARAGRAPHS[0], PARAGRAPHS[2]]
    library.save_article(
        ArticleRecord(title="Mùa thu Hà Nội", url=URL, body_text="\n\n".join(rewritten))
    )

    text = library.get_article(article_id).body_text
    after = {h.id: h for h in library.highlights(article_id)}
    assert set(after) == {kept.id, lost.id, note.id}  # nothing dropped
    moved = after[kept.id]
    assert moved.found and moved.start is not None and moved.start != kept.start
    assert moved.prefix != kept.prefix and text[: moved.start].endswith(moved.prefix)
    assert moved.end is not None and text[moved.start : moved.end] == "cốm làng Vòng"
    assert moved.note == "nhớ"
    gone = after[lost.id]
    assert (gone.found, gone.start, gone.end, gone.quote) == (False, None, None, "quán nước vỉa hè")
    assert after[note.id].found

    # Reverting to the first text finds the lost one again.
    replaced = library.versions(article_id)[-1]
    library.revert_article(article_id, replaced.number)
    back = {h.id: h for h in library.highlights(article_id)}
    assert back[lost.id].found and back[lost.id].start == lost.start
    assert back[kept.id].start == kept.start


def test_search_finds_an_article_by_its_notes_and_highlights(library: Library) -> None:
    noted = _save(library, PARAGRAPHS)
    other = _save(library, ["Đà Lạt sương mù buổi sớm."], url="https://bao.example/dl")
    library.add_note(noted, "Gửi cho Đức đọc về ẩm thực")
    library.add_highlight(other, "sương mù", note="giống London")

    by_note = library.search("duc am thuc")
    assert [hit.id for hit in by_note] == [noted]
    assert "\x02ẩm\x03 \x02thực\x03" in by_note[0].snippet
    assert [hit.id for hit in library.search("london")] == [other]
    # An article matching in its text and in a highlight is listed once.
    assert [hit.id for hit in library.search("sương")] == [other]
    # Matching a highlight ranks with the title's words, above the body.
    assert library.search("mù OR nồng")[0].id == other


def test_deleting_an_article_takes_its_highlights_out_of_search(library: Library) -> None:
    article_id = _save(library, PARAGRAPHS)
    library.add_note(article_id, "ngựa vằn")
    library.delete_articles([article_id])
    assert library.search("ngua van") == []
    assert library.count_highlights() == 0
    _integrity(library)


def test_a_library_with_imported_highlights_upgrades_to_searchable_ones(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / "v7.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO highlights (article_id, kind, quote, note, created, origin)"
            " VALUES (1, 'note', '', 'Ghi chú từ Omnivore về Đảng bộ', '2026-01-01T00:00:00+00:00',"
            " 'omnivore')"
        )
    conn.close()
    with Library(path) as library:
        assert library.highlights(1)[0].found
        assert [hit.id for hit in library.search("omnivore dang bo")] == [1]
        _integrity(library)
