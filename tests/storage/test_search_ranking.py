"""Search ranks the article a person remembers first (issue 17).

Tiers first, bm25 inside each: the query's words as a phrase in the title,
then all of them in the title, then as a phrase in the lead or body, then
the rest. Every test saves real articles in a real library file, and gives
the lower tiers the stronger bm25 (more, denser mentions), so only the tiers
can put the expected article first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.models import ArticleRecord
from storage import Library

FILLER = "Bản tin sáng nay có nhiều nội dung khác về kinh tế và xã hội."


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library(tmp_path / "library.sqlite")
    # Unrelated articles, so the query's words are rare and bm25 means something.
    for number in range(20):
        lib.save_article(
            ArticleRecord(
                f"Thể thao số {number}",
                f"https://sport.example/{number}",
                body_text=f"Bóng đá trận {number}.",
            )
        )
    yield lib
    lib.close()


def save(library: Library, title: str, body: str = FILLER, lead: str = "", **fields: object) -> int:
    """Save a new article (its own address, so no two are taken as copies)."""
    url = f"https://example.com/{library.count_articles() + 1}"
    record = ArticleRecord(title=title, url=url, body_text=body, lead=lead or None, **fields)  # type: ignore[arg-type]
    return library.save_article(record).id


def ids(library: Library, query: str, limit: int = 50) -> list[int]:
    return [hit.id for hit in library.search(query, limit=limit)]


def test_each_tier_ranks_above_the_next(library: Library) -> None:
    # Saved worst first, so neither saving order nor rowid can explain the result.
    far_apart = save(library, "Thị trường", "Giá cả tăng nhanh, còn vàng thì sao? " * 8)
    phrase_in_body = save(library, "Tin kinh tế", "Giá vàng. " * 30)
    words_in_title = save(library, "Vàng miếng và giá cả hôm nay")
    phrase_in_title = save(library, "Giá vàng hôm nay")
    hits = library.search("gia vang")
    assert [hit.id for hit in hits] == [phrase_in_title, words_in_title, phrase_in_body, far_apart]
    # bm25 alone would rank the body with eight phrases above the title.
    assert hits[2].score > hits[0].score


def test_bm25_orders_articles_within_a_tier(library: Library) -> None:
    once = save(library, "Giá vàng hôm nay tăng mạnh sau nhiều phiên giảm liên tiếp")
    often = save(library, "Giá vàng", "Giá vàng, giá vàng và giá vàng nữa.")
    assert ids(library, "gia vang") == [often, once]


def test_words_in_the_title_in_another_order_are_the_second_tier(library: Library) -> None:
    in_body = save(library, "Tin tức", "Vàng giá rẻ. " * 10)
    reversed_order = save(library, "Giá vàng hôm nay")
    in_order = save(library, "Vàng giá rẻ")
    assert ids(library, "vang gia") == [in_order, reversed_order, in_body]


def test_the_issue_example_ha_noi_finds_the_title_first(library: Library) -> None:
    # As in issue 17: articles that mention Hà Nội only in their bodies,
    # some often, were ranked above the one with Hà Nội in its title.
    bodies = [
        save(library, f"Tin ngắn số {number}", "Người dân Hà Nội đi làm sớm. " * 3 * number)
        for number in range(1, 6)
    ]
    title = save(
        library,
        "Công an Hà Nội có vai trò quan trọng trong việc bảo đảm an ninh",
        "Lực lượng công an thành phố đã triển khai nhiều phương án. " * 30,
    )
    found = ids(library, "ha noi")
    assert found[0] == title
    assert sorted(found[1:]) == sorted(bodies)


def test_adjacent_words_rank_above_the_same_words_far_apart(library: Library) -> None:
    far = save(library, "Chuyện ở làng", "Bà hà kể rằng nơi này đẹp. Hà ở nơi xa. " * 6)
    near = save(library, "Chuyện phố phường", "Chúng tôi đến Hà Nội vào mùa thu.")
    assert ids(library, "ha noi") == [near, far]
    # A phrase in the lead counts like one in the body.
    in_lead = save(library, "Tin chiều", lead="Mưa lớn ở Hà Nội.")
    assert ids(library, "ha noi")[-1] == far
    assert set(ids(library, "ha noi")[:2]) == {near, in_lead}


def test_proximity_needs_the_words_in_the_order_typed(library: Library) -> None:
    reversed_words = save(library, "Chuyện làng", "Nội hà. Xin chào. " * 6)
    in_order = save(library, "Chuyện phố", "Thủ đô Hà Nội.")
    assert ids(library, "ha noi") == [in_order, reversed_words]
    assert ids(library, "noi ha") == [reversed_words, in_order]


def test_typed_diacritics_are_a_preference(library: Library) -> None:
    exact = save(library, "Giao thông Hà Nội sau cơn mưa lớn chiều qua")
    # A shorter title, so bm25 (blind to diacritics) prefers it.
    near_miss = save(library, "Hà nơi tôi sống")
    assert ids(library, "hà nội") == [exact, near_miss]
    assert ids(library, '"Hà Nội"') == [exact, near_miss]
    # Without diacritics both are alike: bm25 decides.
    assert ids(library, "ha noi") == [near_miss, exact]


def test_typed_diacritics_are_checked_in_the_lead_below_the_title_tiers(library: Library) -> None:
    exact = save(library, "Tin sáng", lead="Đường phố Hà Nội đông đúc từ rất sớm, xe nối đuôi.")
    near_miss = save(library, "Tin chiều", lead="Hà nơi đây.")
    assert ids(library, "hà nội") == [exact, near_miss]
    assert ids(library, "ha noi") == [near_miss, exact]


def test_diacritics_preference_never_crosses_tiers(library: Library) -> None:
    body_exact = save(library, "Tin ngắn", "Hà Nội mùa thu.")
    title_near_miss = save(library, "Hà nơi tôi sống")
    assert ids(library, "hà nội") == [title_near_miss, body_exact]


def test_the_preference_keeps_pages_apart(library: Library) -> None:
    for number in range(12):
        save(library, f"Hà nơi số {number}")
        save(library, f"Hà Nội số {number} " + "và nhiều chữ khác " * (number % 3))
    everything = ids(library, "hà nội", limit=100)
    assert len(everything) == 24
    titles = [library.get_article(article_id).title for article_id in everything]
    assert all(title.startswith("Hà Nội") for title in titles[:12])
    # Each page is reordered within itself: no hit twice, none skipped.
    for size in (5, 7):
        paged = [
            hit.id
            for start in range(0, 24, size)
            for hit in library.search("hà nội", limit=size, offset=start)
        ]
        assert sorted(paged) == sorted(everything)


def test_a_prefix_takes_part_in_the_phrase(library: Library) -> None:
    in_body = save(library, "Tin tức", "Giá vàng giá vàng. " * 6)
    in_title = save(library, "Giá vàng hôm nay")
    assert ids(library, "gia va*") == [in_title, in_body]


def test_not_and_or_keep_their_meaning_and_the_tiers(library: Library) -> None:
    excluded = save(library, "Giá vàng và bitcoin")
    body = save(library, "Tin tức", "Giá vàng lại tăng. " * 6)
    title = save(library, "Giá vàng hôm nay")
    assert ids(library, "gia vang NOT bitcoin") == [title, body]
    other = save(library, "Giá dầu giảm")
    # With OR there is no one phrase: a title match ranks first.
    found = ids(library, "vang OR dau")
    assert set(found) == {excluded, body, title, other}
    assert found[-1] == body
    assert ids(library, "(vang OR dau) NOT bitcoin")[-1] == body


def test_a_very_common_query_keeps_the_tiers_in_its_parts(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    far_apart = save(library, "Thị trường", "Giá cả tăng nhanh, còn vàng thì sao? " * 8)
    tagged = save(library, "Tin sáng", "Vàng và giá cả.", tags=["Giá vàng"])
    phrase_in_body = save(library, "Tin kinh tế", "Giá vàng lại tăng. " * 8)
    words_in_title = save(library, "Vàng miếng và giá cả hôm nay")
    phrase_in_title = save(library, "Giá vàng hôm nay")
    exact = ids(library, "gia vang")
    assert exact == [phrase_in_title, words_in_title, phrase_in_body, tagged, far_apart]
    monkeypatch.setattr("storage.search.RANK_EVERY_MATCH_UP_TO", 2)
    # Past the limit, tag matches are ranked with the title matches and come
    # right after the title's; phrases in the body follow, newest first.
    expected = [phrase_in_title, words_in_title, tagged, phrase_in_body, far_apart]
    assert ids(library, "gia vang") == expected
    for size in (1, 2, 3):
        paged = [
            hit.id
            for start in range(0, 6, size)
            for hit in library.search("gia vang", limit=size, offset=start)
        ]
        assert paged == expected
    assert ids(library, "gia vang NOT thi") == [
        phrase_in_title,
        words_in_title,
        tagged,
        phrase_in_body,
    ]
