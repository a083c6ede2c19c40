from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.models import ArticleRecord
from storage import Library
from storage.errors import SearchSyntaxError
from storage.search import compile_query


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("hà nội", '"hà" AND "nội"'),
        ('"Hà Nội"', '"Hà Nội"'),
        ("bau*", '"bau"*'),
        ("đường", '"dường"'),
        ("a OR b", '"a" OR "b"'),
        ("x NOT y", '"x" NOT "y"'),
        ("(a OR b) c", '( "a" OR "b" ) AND "c"'),
        ("a AND", '"a"'),
        ("((a", '( ( "a" ) )'),
        ('say "unterminated', '"say" AND "unterminated"'),
        ('col:umn "x""y"', '"col:umn" AND "x" AND "y"'),
    ],
)
def test_compile_query(query: str, expression: str) -> None:
    assert compile_query(query) == expression


@pytest.mark.parametrize("query", ["", "   ", "***", "()", "- ,"])
def test_empty_query_is_a_clear_error(query: str) -> None:
    with pytest.raises(SearchSyntaxError, match="nothing to search for"):
        compile_query(query)


def test_leading_not_is_a_clear_error() -> None:
    with pytest.raises(SearchSyntaxError, match="NOT needs a word before it"):
        compile_query("NOT bầu cử")


@given(st.text())
def test_compile_query_raises_only_search_syntax_errors(text: str) -> None:
    with contextlib.suppress(SearchSyntaxError):
        compile_query(text)


# -- ranking keeps the operators' meaning -------------------------------------

OPERATOR_QUERIES = [
    "ha noi",
    '"Hà Nội"',
    "hà nội",
    "ha*",
    "gia va*",
    "vàng OR dầu",
    "gia vang NOT bitcoin",
    "(vang OR dau) NOT bitcoin",
    '("ha noi" OR hue) gia',
    "noi ha",
]


@pytest.fixture(scope="module")
def ranked_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = Library(tmp_path_factory.mktemp("operators") / "library.sqlite")
    texts = [
        ("Giá vàng hôm nay ở Hà Nội", "Giá vàng tăng."),
        ("Giá dầu và bitcoin", "Giá vàng, giá dầu."),
        ("Huế mùa mưa", "Giá rau ở Huế tăng, còn hà nơi khác thì không."),
        ("Tin tức", "Nội hà. Giá cả ở Hà Nội."),
        ("Vàng miếng", "Bitcoin và vàng."),
        ("Hà nơi tôi sống", "Chuyện làng."),
    ]
    for number, (title, body) in enumerate(texts * 3):
        record = ArticleRecord(
            title, f"https://example.com/{number}", body_text=f"{body} Số {number}."
        )
        lib.save_article(record)
    yield lib
    lib.close()


def fts_matches(library: Library, query: str) -> set[int]:
    rows = library.store.connection.execute(
        "SELECT rowid FROM article_search WHERE article_search MATCH ?", (compile_query(query),)
    )
    return {row[0] for row in rows}


@pytest.mark.parametrize("very_common", [False, True], ids=["ranked", "in_parts"])
@pytest.mark.parametrize("query", OPERATOR_QUERIES)
def test_ranking_returns_exactly_what_the_query_matches(
    ranked_library: Library, monkeypatch: pytest.MonkeyPatch, query: str, very_common: bool
) -> None:
    expected = fts_matches(ranked_library, query)
    assert expected  # each query matches something here
    if very_common:
        monkeypatch.setattr("storage.search.RANK_EVERY_MATCH_UP_TO", 2)
    hits = ranked_library.search(query, limit=100)
    assert len(hits) == len({hit.id for hit in hits})
    assert {hit.id for hit in hits} == expected
    paged = [
        hit.id
        for start in range(0, 20, 4)
        for hit in ranked_library.search(query, limit=4, offset=start)
    ]
    # Pages never overlap nor skip a hit (typed diacritics reorder each page within itself).
    assert sorted(paged) == sorted(hit.id for hit in hits)
