"""The hot queries keep their indexed plans (EXPLAIN QUERY PLAN).

Every SELECT a hot ``Library`` call runs is caught with a trace callback and
explained. A list page must walk an index in list order (no sort of the
whole table, no table scan), search must let FTS5 rank and fetch snippets by
rowid, and similar articles must read postings and bands by primary key:
each of these is what keeps a 100,000-article library within its targets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.corpus import Corpus
from storage import ArticleFilter, ArticleRecord, Library
from storage.library import SortKey
from storage.search import compile_query

SORTS: tuple[SortKey, ...] = ("date", "saved", "title", "site", "section", "reading", "status")
# Tables whose full scan would cost in proportion to the library.
BIG_TABLES = (
    "articles",
    "related",
    "article_tags",
    "images",
    "similar_docs",
    "similar_postings",
    "similar_bands",
    "similar_df",
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path: Path = tmp_path_factory.mktemp("plans") / "library.sqlite"
    lib = Library(path)
    for generated in Corpus(8).articles(60):
        lib.save_article(generated.record, tags=["Đọc sau"])
    for number in range(6):
        # A phrase in some titles and some bodies only, for the tiered search.
        title = f"Police court hearing {number}" if number % 2 else f"Hearing {number}"
        body = f"The police court sat again on day {number}. Nothing else happened."
        lib.save_article(ArticleRecord(title=title, body_text=body))
    lib.set_favorite(3, True)
    yield lib
    lib.close()


def plans(library: Library, action: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """The plan of every SELECT ``action`` runs, with its SQL."""
    statements: list[str] = []
    library.store.connection.set_trace_callback(statements.append)
    try:
        action()
    finally:
        library.store.connection.set_trace_callback(None)
    found = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            rows = library.store.connection.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            found.append((sql, [row[3] for row in rows]))
    return found


def full_scans(details: list[str]) -> list[str]:
    """Plan lines that read a whole big table (an index scan in list order
    stopped by LIMIT is fine; a bare table scan is not)."""
    pattern = re.compile(rf"^SCAN ({'|'.join(BIG_TABLES)})\b(?! USING (COVERING )?INDEX)")
    return [line for line in details if pattern.match(line)]


def list_plans(library: Library, action: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Plans of the statements that pick a page's ids. The page's rows are
    then read by id (a deferred join: ``id IN (page ids)``), and sorting those
    few rows again is fine; the id-picking query is explained on its own."""
    picked = []
    for sql, details in plans(library, action):
        inner = re.search(r"IN \( (SELECT id FROM .*? LIMIT \d+ OFFSET \d+)\)", sql)
        if inner is not None:
            rows = library.store.connection.execute(f"EXPLAIN QUERY PLAN {inner[1]}").fetchall()
            picked.append((inner[1], [row[3] for row in rows]))
        elif re.search(r"WHERE id IN \([\d, ]+\) ORDER BY", sql):
            assert details[0] == "SEARCH articles USING INTEGER PRIMARY KEY (rowid=?)", details
            assert set(details[1:]) <= {"USE TEMP B-TREE FOR ORDER BY"}, (sql, details)
        else:
            picked.append((sql, details))
    return picked


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_list_pages_walk_an_index_in_order(
    library: Library, sort: SortKey, descending: bool
) -> None:
    def pages() -> None:
        first = library.list_articles(sort=sort, descending=descending, limit=10, offset=20)
        library.list_articles(sort=sort, descending=descending, limit=10, after=first[-1].id)

    found = list_plans(library, pages)
    assert len(found) >= 3  # the offset page, the anchor, the cursor's seek(s)
    for sql, details in found:
        assert not any("TEMP B-TREE" in line for line in details), (sql, details)
        assert not full_scans(details), (sql, details)
        if "ORDER BY" in sql:
            assert any("INDEX" in line for line in details), (sql, details)
        if "id < " in sql or "id > " in sql:  # the cursor's seek within its key
            assert any(re.search(r"=\? AND (rowid|id)[<>]\?", line) for line in details), details


@pytest.mark.parametrize(
    "where",
    [ArticleFilter(status="unread"), ArticleFilter(favorite=True), ArticleFilter(pending=False)],
    ids=["unread", "favorite", "complete"],
)
def test_filtered_pages_by_date_use_an_index(library: Library, where: ArticleFilter) -> None:
    def pages() -> None:
        library.list_articles(where, limit=10, offset=5)
        library.list_articles(where, limit=10, after=30)

    for sql, details in list_plans(library, pages):
        assert not any("TEMP B-TREE" in line for line in details), (sql, details)
        assert not full_scans(details), (sql, details)


def test_a_tag_page_sorts_from_the_compact_index(library: Library) -> None:
    # Sorting a tag's own articles is in proportion to the tag, not the
    # library, and reads the sort keys from articles_list_keys, not the rows.
    def pages() -> None:
        first = library.list_articles(ArticleFilter(tag="doc sau"), limit=10)
        library.list_articles(ArticleFilter(tag="doc sau"), limit=10, after=first[-1].id)
        library.count_articles(ArticleFilter(tag="doc sau"))

    found = list_plans(library, pages)
    for sql, details in found:
        assert not full_scans(details), (sql, details)
        if "article_tags" in sql:
            assert any("article_tags_tag" in line for line in details), (sql, details)
            assert any("COVERING INDEX articles_list_keys (id=?" in x for x in details), details


def test_counts_use_an_index(library: Library) -> None:
    for where in (ArticleFilter(), ArticleFilter(status="unread"), ArticleFilter(favorite=True)):
        for sql, details in plans(library, lambda w=where: library.count_articles(w)):
            assert not full_scans(details), (sql, details)


def test_search_ranks_in_fts5_and_builds_snippets_for_the_page_only(library: Library) -> None:
    found = plans(library, lambda: library.search("bau cu OR police", limit=10))
    fts = [(sql, details) for sql, details in found if "article_search" in sql]
    [(ranking, ranked)] = [(sql, d) for sql, d in fts if "ORDER BY rank" in sql]
    assert "LIMIT" in ranking and "snippet(" not in ranking
    assert any(re.search(r"VIRTUAL TABLE INDEX \d+:M", line) for line in ranked), ranked
    [details] = [d for sql, d in fts if "snippet(" in sql]
    # Snippets are made for the page's rowids only (=) within the MATCH (M).
    assert any(":=M" in line for line in details), details
    assert any("SEARCH a USING INTEGER PRIMARY KEY" in line for line in details), details
    for sql, details in found:
        assert not full_scans(details), (sql, details)


@pytest.mark.parametrize("query", ["police", "pol*", '"police court"'])
def test_a_very_common_query_lists_weighty_matches_first_then_the_rest(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    exact = library.search(query, limit=500)
    assert len(exact) > 3
    monkeypatch.setattr("storage.search.RANK_EVERY_MATCH_UP_TO", 2)
    paged = [
        hit for offset in range(0, 500, 3) for hit in library.search(query, limit=3, offset=offset)
    ]
    assert sorted(hit.id for hit in paged) == sorted(hit.id for hit in exact)
    assert len({hit.id for hit in paged}) == len(paged)
    assert all(hit.snippet for hit in paged)
    fts = compile_query(query)
    weighty = {
        row[0]
        for row in library.store.connection.execute(
            "SELECT rowid FROM article_search WHERE article_search MATCH ?",
            (f"{{title tags}} : ({fts})",),
        )
    }
    ranks = [hit.id in weighty for hit in paged]
    assert ranks == sorted(ranks, reverse=True)  # all weighty matches come first
    rest = [hit for hit in paged if hit.id not in weighty]
    assert [hit.id for hit in rest] == sorted((hit.id for hit in rest), reverse=True)
    assert all(hit.score == 0 for hit in rest)  # listed by date, not scored


@pytest.mark.parametrize("call", ["similar_articles", "related_stories", "near_duplicates"])
def test_similarity_reads_by_primary_key(library: Library, call: str) -> None:
    method = getattr(library, call)
    found = plans(library, lambda: method(7))
    assert found
    for sql, details in found:
        assert not full_scans(details), (sql, details)
    joined = [line for _, details in found for line in details]
    if call != "near_duplicates":
        assert any("SEARCH similar_postings USING PRIMARY KEY (term_id=?)" in x for x in joined)
    assert any("SEARCH similar_bands USING PRIMARY KEY (band_key=?)" in x for x in joined)


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_after_cursor_pages_match_offset_pages(
    library: Library, sort: SortKey, descending: bool
) -> None:
    everything = [a.id for a in library.list_articles(sort=sort, descending=descending, limit=500)]
    paged: list[int] = []
    after = None
    while True:
        page = library.list_articles(sort=sort, descending=descending, limit=7, after=after)
        if not page:
            break
        paged += [summary.id for summary in page]
        after = page[-1].id
    assert paged == everything


def test_after_a_missing_article_raises(library: Library) -> None:
    from storage import ArticleNotFoundError

    with pytest.raises(ArticleNotFoundError):
        library.list_articles(after=10_000)


def test_the_pending_view_and_its_count_use_an_index(library: Library) -> None:
    def pending() -> None:
        library.count_articles(ArticleFilter(pending=True))
        library.list_articles(ArticleFilter(pending=True), limit=10)

    for sql, details in list_plans(library, pending):
        assert not full_scans(details), (sql, details)
        assert any("articles_capture" in line for line in details), (sql, details)
