"""The similarity engine: distinctive terms, near-duplicates, related stories,
and the precomputed index staying exact through saves, updates and deletes."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.corpus import Corpus
from core.models import ImageRecord
from storage import ArticleNotFoundError, ArticleRecord, Library, RelatedRecord, similar

ELECTION_BODY = (
    "Cuộc bầu cử đại biểu Quốc hội tại Hà Nội diễn ra an toàn. Cử tri Hà Nội đi bầu cử"
    " từ sáng sớm, các tổ bầu cử kiểm phiếu ngay trong đêm.\n\nỦy ban bầu cử thành phố"
    " Hà Nội cho biết tỷ lệ cử tri đi bầu cử đạt cao nhất từ trước đến nay."
)


def _paragraphs(corpus: Corpus, count: int) -> list[str]:
    story = corpus.story("vi")
    return [corpus.article(story).body_text for _ in range(count)]


def _record(title: str, body: str, **fields: object) -> ArticleRecord:
    return ArticleRecord(title=title, body_text=body, **fields)  # type: ignore[arg-type]


def _raw(library: Library) -> sqlite3.Connection:
    return library.store.connection


# --- Terms ---------------------------------------------------------------


def test_vietnamese_two_syllable_words_are_terms_with_their_diacritics() -> None:
    counts = similar.count_terms(
        {"title": "Bầu cử ở Hà Nội", "lead": "", "body": ELECTION_BODY, "captions": ""}
    )
    assert "bau cu" in counts.weights
    assert "ha noi" in counts.weights
    assert counts.display("bau cu") == "bầu cử"
    assert counts.display("ha noi") == "hà nội"
    # Function words are not terms, alone or in a pair.
    assert "cua" not in counts.weights
    assert not any(term.startswith("o ") or term.endswith(" o") for term in counts.weights)
    # Punctuation parts words: no term spans a sentence end.
    assert "dem uy" not in counts.weights


def test_the_title_weighs_more_than_the_body() -> None:
    in_title = similar.count_terms({"title": "nông dân", "body": "thời tiết"})
    assert in_title.weights["nong dan"] > in_title.weights["thoi tiet"]


@given(
    st.lists(
        st.tuples(
            st.integers(-(2**47), 2**47 - 1),
            st.floats(0, 600, allow_nan=False),
            st.integers(0, 65535),
            st.text(alphabet="abcđêố ", min_size=1, max_size=12).map(str.strip).filter(bool),
        ),
        max_size=64,
    )
)
def test_stored_terms_round_trip(entries: list[tuple[int, float, int, str]]) -> None:
    terms = [
        similar.StoredTerm(ident, freq, rank, word if rank else "")
        for ident, freq, rank, word in entries
    ]
    back = similar.unpack_terms(similar.pack_terms(terms))
    assert [(t.term_id, t.rank, t.word) for t in back] == [
        (t.term_id, t.rank, t.word) for t in terms
    ]
    assert all(
        abs(a.frequency - min(b.frequency, 655.35)) <= 0.006
        for a, b in zip(back, terms, strict=True)
    )


def test_minhash_estimates_shared_text() -> None:
    corpus = Corpus(3)
    first, second = _paragraphs(corpus, 2)

    def signature(text: str) -> tuple[int, ...]:
        found = similar.minhash_signature([similar.split_field(text)])
        assert found is not None
        return found

    same = signature(first)
    assert similar.estimated_jaccard(same, signature(first)) == 1.0
    assert similar.estimated_jaccard(same, signature(second)) < 0.2
    assert similar.minhash_signature([similar.split_field("quá ngắn để so")]) is None


# --- Finding similar articles and copies -----------------------------------


@pytest.fixture
def stories(library: Library) -> dict[str, list[int]]:
    """Two stories told three times each, a copy of one telling, filler."""
    corpus = Corpus(11)
    saved: dict[str, list[int]] = {"a": [], "b": [], "filler": []}
    story_a = corpus.story("vi", size=3)
    story_b = corpus.sibling(story_a)
    for key, story in (("a", story_a), ("b", story_b)):
        for _ in range(3):
            saved[key].append(library.save_article(corpus.article(story)).id)
    first = library.get_article(saved["a"][0])
    copy = corpus.syndicated(
        ArticleRecord(
            title=first.title,
            body_text=first.body_text,
            lead=first.lead,
            byline=first.byline,
            published=first.published,
        ),
        story_a,
    )
    saved["copy"] = [library.save_article(copy).id]
    for generated in corpus.articles(12):
        saved["filler"].append(library.save_article(generated.record).id)
    return saved


def test_similar_ranks_the_same_story_first(
    library: Library, stories: dict[str, list[int]]
) -> None:
    found = library.similar_articles(stories["a"][1], limit=5)
    assert {item.id for item in found[:2]} <= set(stories["a"])
    assert found[0].score >= found[-1].score
    assert found[0].shared_terms and found[0].why.startswith(("words: ", "tag "))


def test_copies_are_duplicates_not_similar(library: Library, stories: dict[str, list[int]]) -> None:
    original, copy = stories["a"][0], stories["copy"][0]
    duplicates = library.near_duplicates(original)
    assert [item.id for item in duplicates] == [copy]
    assert 0.4 <= duplicates[0].score <= 1.0
    assert "same text" in duplicates[0].why
    assert copy not in {item.id for item in library.similar_articles(original)}
    # Asked from another telling, the two copies come as one entry.
    ids = [item.id for item in library.similar_articles(stories["a"][1])]
    assert not {original, copy} <= set(ids)
    grouped = [item for item in library.similar_articles(stories["a"][1]) if item.duplicates]
    assert grouped and {grouped[0].id, *grouped[0].duplicates} == {original, copy}


def test_related_stories_come_in_display_order(library: Library) -> None:
    corpus = Corpus(5)
    story = corpus.story("en", size=3)
    listed = library.save_article(corpus.article(story))
    target = library.get_article(listed.id)
    record = corpus.article(story)
    record.related = [
        RelatedRecord(kind="listed", title=target.title, url=target.url),
        RelatedRecord(kind="inline", title="Not saved anywhere"),
    ]
    main = library.save_article(record)
    copy = library.save_article(corpus.syndicated(record, story))
    other = library.save_article(corpus.article(story))
    items = library.related_stories(main.id, limit=5)
    assert [item.kind for item in items[:3]] == ["listed", "inline", "duplicate"]
    assert items[0].article_id == listed.id and items[0].score is None
    assert items[1].article_id is None
    assert items[2].article_id == copy.id and items[2].score is not None
    similar_ids = [item.article_id for item in items if item.kind == "similar"]
    assert other.id in similar_ids
    assert listed.id not in similar_ids  # already named by the page itself
    assert all(item.why for item in items)
    assert library.related_stories(main.id, limit=0)[-1].kind != "similar"


def test_why_names_shared_tags_and_terms(library: Library) -> None:
    first = library.save_article(_record("Bầu cử ở Hà Nội", ELECTION_BODY, tags=["Bầu cử"]))
    second = library.save_article(
        _record(
            "Hà Nội công bố kết quả bầu cử",
            "Kết quả bầu cử ở Hà Nội được công bố chiều qua. Hội đồng bầu cử Hà Nội xác nhận"
            " danh sách người trúng cử.",
            tags=["Bầu cử", "Thủ đô"],
        )
    )
    found = library.similar_articles(first.id)
    assert [item.id for item in found] == [second.id]
    assert found[0].shared_tags == ("Bầu cử",)
    assert "bầu cử" in found[0].shared_terms
    assert found[0].why.startswith("tag Bầu cử · words: ")
    assert "hà nội" in found[0].why


def test_unknown_articles_raise(library: Library) -> None:
    for ask in (library.similar_articles, library.near_duplicates, library.related_stories):
        with pytest.raises(ArticleNotFoundError):
            ask(404)


def test_an_article_without_a_stored_profile_is_still_compared(
    library: Library, stories: dict[str, list[int]]
) -> None:
    asked = stories["a"][1]

    def top_two() -> list[set[int]]:
        found = library.similar_articles(asked)[:2]
        return [{item.id, *item.duplicates} for item in found]

    before = top_two()
    _raw(library).execute("DELETE FROM similar_docs WHERE article_id = ?", (asked,))
    assert top_two() == before


# --- The index stays exact ---------------------------------------------------


def _snapshot(library: Library) -> dict[str, object]:
    """What a rebuild must reproduce exactly, whatever order saves came in:
    document frequencies, the documents, signatures and bands."""
    conn = _raw(library)
    return {
        "df": sorted(conn.execute("SELECT term_id, df FROM similar_df")),
        "docs": sorted(conn.execute("SELECT article_id, minhash FROM similar_docs")),
        "bands": sorted(conn.execute("SELECT band_key, article_id FROM similar_bands")),
        "postings": sorted(conn.execute("SELECT DISTINCT article_id FROM similar_postings")),
        "documents": conn.execute("SELECT value FROM similar_stats").fetchall(),
    }


def test_saves_updates_and_deletes_keep_the_index_exact(library: Library) -> None:
    corpus = Corpus(21)
    ids = [library.save_article(g.record).id for g in corpus.articles(8)]
    changed = library.get_article(ids[2])
    library.save_article(
        ArticleRecord(title=changed.title, url=changed.url, body_text=ELECTION_BODY),
    )
    library.add_tags(ids[3], ["Bầu cử"])
    library.delete_articles([ids[0], ids[5]])
    incremental = _snapshot(library)
    assert incremental["documents"] == [(6,)]
    assert library.rebuild_similarity() == 6
    assert _snapshot(library) == incremental


def test_delete_leaves_nothing_behind(library: Library) -> None:
    saved = library.save_article(_record("Bầu cử ở Hà Nội", ELECTION_BODY))
    library.delete_articles([saved.id])
    conn = _raw(library)
    for table in ("similar_docs", "similar_postings", "similar_df", "similar_bands"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


def test_captions_count_as_text(library: Library) -> None:
    pictured = _record(
        "Ảnh", "Không có gì.", images=[ImageRecord(caption="Cử tri Hà Nội đi bầu cử sớm")]
    )
    first = library.save_article(pictured)
    second = library.save_article(replace(pictured, body_text="Khác hẳn."))
    assert "bầu cử" in library.similar_articles(first.id)[0].shared_terms
    assert library.similar_articles(first.id)[0].id == second.id


def test_migration_backfills_an_existing_library(library_path: Path) -> None:
    with Library(library_path) as library:
        first = library.save_article(_record("Bầu cử ở Hà Nội", ELECTION_BODY)).id
        second = library.save_article(_record("Hà Nội đi bầu cử", ELECTION_BODY + " Thêm.")).id
        conn = _raw(library)
        for table in ("similar_docs", "similar_postings", "similar_df", "similar_bands"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP TABLE similar_stats")
        for index in ("saved", "site", "section", "reading", "status", "capture", "list_keys"):
            conn.execute(f"DROP INDEX articles_{index}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '004_similarity'")
    with Library(library_path) as library:
        assert library.near_duplicates(first)[0].id == second
        assert _raw(library).execute("SELECT count(*) FROM similar_docs").fetchone() == (2,)
