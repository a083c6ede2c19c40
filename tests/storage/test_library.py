from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import (
    ArticleFilter,
    ArticleNotFoundError,
    ArticleRecord,
    ImageRecord,
    Library,
    NotALibraryError,
    RelatedRecord,
    SearchSyntaxError,
    TagNotFoundError,
)
from storage.library import SNIPPET_END, SNIPPET_START
from storage.migrations import current_version


def record(title: str = "Công an Hà Nội bảo đảm bầu cử", **fields: object) -> ArticleRecord:
    values: dict[str, object] = {
        "body_text": "Đại biểu Quốc hội khóa XV.\n\nĐảng ủy chỉ đạo công tác bầu cử.",
        "lead": "TTTĐ - Ngày 19/6, Công an thành phố Hà Nội tổ chức hội nghị.",
        "images": [
            ImageRecord(alt="Quang cảnh", caption="Quang cảnh hội nghị", credit="Lam Dương")
        ],
        "related": [RelatedRecord("listed", "Tin khác", section="Tin tức", summary="Tóm tắt")],
        "tags": ["Thời sự"],
        "source": b"original bytes",
        "source_type": "text/plain",
    }
    values.update(fields)
    return ArticleRecord(title=title, **values)  # type: ignore[arg-type]


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "articles",
                "images",
                "related",
                "article_tags",
                "tags",
                "article_sources",
            )
        }


# -- opening -----------------------------------------------------------------


def test_new_library_is_wal_with_foreign_keys_and_current_schema(library: Library) -> None:
    assert library.created
    assert library.journal_mode == "wal"
    assert library.schema_version() == current_version()
    conn = library.store.connection
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_reopening_keeps_articles_and_does_not_migrate_again(library_path: Path) -> None:
    with Library(library_path) as first:
        first.save_article(record())
    with Library(library_path) as second:
        assert not second.created
        assert second.count_articles() == 1
        assert second.schema_version() == current_version()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"just some text, not a database" * 100)
    with pytest.raises(NotALibraryError, match="not a Readshelf library"):
        Library(path)
    assert path.read_bytes() == b"just some text, not a database" * 100


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(NotALibraryError, match="not a Readshelf library"):
        Library(path)


# -- saving and duplicates -----------------------------------------------------


def test_save_and_read_back_every_part(library: Library) -> None:
    result = library.save_article(record(published="2021-06-19T16:33+07:00"), tags=["Bầu cử"])
    assert result.outcome == "added"
    article = library.get_article(result.id)
    assert article.title == "Công an Hà Nội bảo đảm bầu cử"
    assert article.published == "2021-06-19T16:33+07:00"
    assert article.tags == ("Bầu cử", "Thời sự")
    assert [(i.position, i.caption, i.credit, i.has_data) for i in article.images] == [
        (0, "Quang cảnh hội nghị", "Lam Dương", False)
    ]
    assert [(r.kind, r.title, r.section) for r in article.related] == [
        ("listed", "Tin khác", "Tin tức")
    ]
    assert article.word_count == 28  # body and lead
    assert article.reading_minutes == 1
    assert article.status == "unread"
    assert library.article_source(result.id) == (b"original bytes", "text/plain")


def test_image_bytes_are_stored_and_served(library: Library) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    saved = library.save_article(
        record(images=[ImageRecord(caption="c", data=png, mime="image/png")])
    )
    assert library.image_data(saved.id, 0) == (png, "image/png")
    assert library.image_data(saved.id, 1) is None
    assert library.get_article(saved.id).images[0].has_data


@pytest.mark.parametrize(
    "second_url",
    [
        "https://example.com/tin/a.html",
        "HTTPS://EXAMPLE.com/tin/a.html#comments",
        "https://example.com/tin/a.html?utm_source=fb&utm_medium=social",
        "https://example.com/tin/a.html/?fbclid=abc",
    ],
)
def test_same_canonical_url_updates_instead_of_duplicating(
    library: Library, second_url: str
) -> None:
    first = library.save_article(record(url="https://example.com/tin/a.html"))
    edited = "Đại biểu Quốc hội khóa XV.\n\nĐảng ủy chỉ đạo công tác bầu cử ở mọi phường."
    second = library.save_article(record(body_text=edited, url=second_url))
    assert (second.id, second.outcome) == (first.id, "updated")
    assert library.count_articles() == 1
    assert library.get_article(first.id).body_text == edited
    # The text it replaced is kept as a version, never lost.
    assert [version.number for version in library.versions(first.id)] == [1]


def test_same_text_without_url_updates(library: Library) -> None:
    first = library.save_article(record())
    second = library.save_article(record())
    assert (second.id, second.outcome) == (first.id, "updated")
    other = library.save_article(record(body_text="Một bài hoàn toàn khác."))
    assert other.outcome == "added"
    assert library.count_articles() == 2


def test_update_keeps_what_the_person_did(library: Library) -> None:
    saved = library.save_article(record(url="https://example.com/a"))
    library.set_status(saved.id, "archived")
    library.set_favorite(saved.id, True)
    library.set_reading_position(saved.id, 0.4)
    library.add_tags(saved.id, ["Đọc sau"])
    library.save_article(record(url="https://example.com/a", tags=[]))
    article = library.get_article(saved.id)
    assert (article.status, article.favorite, article.reading_position) == ("archived", True, 0.4)
    assert "Đọc sau" in article.tags


def test_a_save_that_fails_halfway_changes_nothing(library: Library, library_path: Path) -> None:
    library.save_article(record(url="https://example.com/kept"))
    before = counts(library_path)
    # The related row is written after the article, its source and its
    # images; its CHECK constraint fails, so the whole save must roll back.
    broken = record(
        title="Bài hỏng",
        url="https://example.com/broken",
        images=[ImageRecord(caption="ảnh một"), ImageRecord(caption="ảnh hai")],
        related=[RelatedRecord("listed", "ok"), RelatedRecord("bogus", "bad")],  # type: ignore[arg-type]
    )
    with pytest.raises(sqlite3.IntegrityError):
        library.save_article(broken)
    assert counts(library_path) == before
    assert library.search("hỏng") == []
    assert not library.store.connection.in_transaction


def test_a_failed_update_keeps_the_old_version(library: Library) -> None:
    saved = library.save_article(record(url="https://example.com/a"))
    broken = record(
        body_text="Đại biểu Quốc hội khóa XV.\n\nPhiên bản mới: Đảng ủy chỉ đạo công tác bầu cử.",
        url="https://example.com/a",
        related=[RelatedRecord("bogus", "bad")],  # type: ignore[arg-type]
    )
    with pytest.raises(sqlite3.IntegrityError):
        library.save_article(broken)
    article = library.get_article(saved.id)
    assert article.title == "Công an Hà Nội bảo đảm bầu cử"
    assert len(article.images) == 1
    assert [hit.id for hit in library.search("bảo đảm")] == [saved.id]
    assert library.search("phiên bản") == []


def test_save_into_a_given_article(library: Library) -> None:
    saved = library.save_article(record())
    text = "Văn bản trích lại: Đại biểu Quốc hội khóa XV, Đảng ủy chỉ đạo công tác bầu cử."
    again = library.save_article(record(body_text=text), into=saved.id)
    assert (again.id, again.outcome) == (saved.id, "updated")
    assert library.get_article(saved.id).body_text == text
    with pytest.raises(ArticleNotFoundError):
        library.save_article(record(), into=999)


# -- related stories ---------------------------------------------------------


def test_related_resolves_whichever_is_saved_first(library: Library) -> None:
    target_first = library.save_article(record("Đích", url="https://e.com/target", body_text="x"))
    pointing = library.save_article(
        record(
            "Nguồn",
            url="https://e.com/source",
            related=[
                RelatedRecord("listed", "Đích", url="https://e.com/target?utm_source=a"),
                RelatedRecord("inline", "Sau", url="https://e.com/later"),
            ],
        )
    )
    links = library.related_links(pointing.id)
    assert links[0].target_id == target_first.id
    assert links[1].target_id is None
    later = library.save_article(record("Sau", url="https://e.com/later#x", body_text="y"))
    assert library.related_links(pointing.id)[1].target_id == later.id


def test_related_without_url_resolves_by_title(library: Library) -> None:
    pointing = library.save_article(
        record(related=[RelatedRecord("listed", "Tháo gỡ khó khăn để vận hành")])
    )
    target = library.save_article(record("Tháo gỡ khó khăn để vận hành", body_text="khác"))
    assert library.related_links(pointing.id)[0].target_id == target.id


def test_deleting_a_target_unlinks_related(library: Library) -> None:
    target = library.save_article(record("Đích", url="https://e.com/t", body_text="x"))
    pointing = library.save_article(
        record(
            url="https://e.com/s", related=[RelatedRecord("listed", "Đích", url="https://e.com/t")]
        )
    )
    library.delete_articles([target.id])
    assert library.related_links(pointing.id)[0].target_id is None


# -- search -------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "dai bieu",
        "DANG",
        "ha noi",
        '"Hà Nội"',
        "bau*",
        "đảng ủy",
        "quang canh",
        "thoi su",
        "lam duong",
    ],
)
def test_search_folds_case_and_diacritics_including_d(library: Library, query: str) -> None:
    saved = library.save_article(record(byline="Lam Dương"))
    assert [hit.id for hit in library.search(query)] == [saved.id]


def test_search_does_not_find_what_is_not_there(library: Library) -> None:
    library.save_article(record())
    assert library.search("tàu hoả") == []
    assert library.search('"hội Hà"') == []


def test_search_operators(library: Library) -> None:
    a = library.save_article(record("Bầu cử ở Hà Nội", body_text="cử tri đi bầu"))
    b = library.save_article(record("Dịch Covid ở Huế", body_text="phòng chống dịch", tags=[]))
    found = lambda query: sorted(hit.id for hit in library.search(query))  # noqa: E731
    assert found("bầu OR covid") == sorted([a.id, b.id])
    assert found("ở NOT covid") == [a.id]
    assert found("(huế OR nội) dịch") == [b.id]


def test_title_matches_rank_above_body_matches(library: Library) -> None:
    body_hit = library.save_article(
        record("Tin chung", body_text="Nhắc qua về giao thông một lần trong bài dài " * 3, tags=[])
    )
    title_hit = library.save_article(
        record("Giao thông Hà Nội", body_text="Nội dung khác", tags=[])
    )
    assert [hit.id for hit in library.search("giao thông")] == [title_hit.id, body_hit.id]


def test_snippet_keeps_original_diacritics_and_marks_matches(library: Library) -> None:
    library.save_article(record())
    (hit,) = library.search("dang uy")
    assert f"{SNIPPET_START}Đảng{SNIPPET_END} {SNIPPET_START}ủy{SNIPPET_END}" in hit.snippet
    assert hit.score > 0


def test_search_follows_updates_and_deletes(library: Library) -> None:
    saved = library.save_article(record(url="https://e.com/a"))
    library.save_article(
        record(url="https://e.com/a", body_text="Hoàn toàn mới: lũ lụt miền Trung")
    )
    assert library.search("đại biểu") == []
    assert [hit.id for hit in library.search("lu lut")] == [saved.id]
    library.delete_articles([saved.id])
    assert library.search("lu lut") == []


def test_bad_query_is_a_search_syntax_error(library: Library) -> None:
    with pytest.raises(SearchSyntaxError):
        library.search("NOT x")


# -- listing and state ----------------------------------------------------------


def test_list_pages_filters_and_sorts(library: Library) -> None:
    ids = [
        library.save_article(
            record(
                f"Bài {n}", body_text=f"nội dung {n}", published=f"2024-01-{n + 1:02d}T08:00+07:00"
            )
        ).id
        for n in range(5)
    ]
    newest_first = [a.id for a in library.list_articles(limit=3)]
    assert newest_first == ids[::-1][:3]
    assert [a.id for a in library.list_articles(limit=3, offset=3)] == ids[::-1][3:]
    library.set_status(ids[0], "read")
    library.set_favorite(ids[1], True)
    assert library.count_articles(ArticleFilter(status="unread")) == 4
    assert [a.id for a in library.list_articles(ArticleFilter(favorite=True))] == [ids[1]]
    by_title = [a.title for a in library.list_articles(sort="title", descending=False)]
    assert by_title == sorted(by_title)


def test_pending_articles_are_listed_apart(library: Library) -> None:
    library.save_article(record())
    pending = library.save_article(
        ArticleRecord(
            title="https://e.com/x",
            url="https://e.com/x",
            capture_status="pending",
            capture_error="connection refused",
            arrived_by="url",
        )
    )
    assert [a.id for a in library.list_articles(ArticleFilter(pending=True))] == [pending.id]
    assert library.get_article(pending.id).capture_error == "connection refused"


def test_state_changes_on_a_missing_article_are_clear_errors(library: Library) -> None:
    with pytest.raises(ArticleNotFoundError, match="no article with id 42"):
        library.set_status(42, "read")
    with pytest.raises(ArticleNotFoundError):
        library.get_article(42)


def test_delete_removes_everything_the_article_owns(library: Library, library_path: Path) -> None:
    saved = library.save_article(record())
    assert library.delete_articles([saved.id]) == 1
    assert counts(library_path) == dict.fromkeys(
        ("articles", "images", "related", "article_tags", "tags", "article_sources"), 0
    )


# -- tags ------------------------------------------------------------------------


def test_tags_are_unique_ignoring_case_and_diacritics(library: Library) -> None:
    a = library.save_article(record("A", body_text="a", tags=["Thời sự"]))
    library.save_article(record("B", body_text="b", tags=["thoi su", "THỜI SỰ"]))
    library.add_tags(a.id, ["Đường phố"])
    assert [(t.name, t.count) for t in library.list_tags()] == [("Đường phố", 1), ("Thời sự", 2)]


def test_remove_rename_merge_delete_tags(library: Library) -> None:
    a = library.save_article(record("A", body_text="a", tags=["Kinh tế", "Xã hội"]))
    b = library.save_article(record("B", body_text="b", tags=["Kinh te"]))
    library.remove_tags(a.id, ["xa hoi"])
    assert library.article_tags(a.id) == ["Kinh tế"]
    assert [t.name for t in library.list_tags()] == ["Kinh tế"]

    library.rename_tag("kinh te", "Kinh tế vĩ mô")
    assert {hit.id for hit in library.search("vi mo")} == {a.id, b.id}

    library.add_tags(b.id, ["Tài chính"])
    library.merge_tags(["Tài chính"], into="Kinh tế vĩ mô")
    assert [(t.name, t.count) for t in library.list_tags()] == [("Kinh tế vĩ mô", 2)]

    library.rename_tag("Kinh tế vĩ mô", "Tiền")
    library.add_tags(a.id, ["Vàng"])
    library.rename_tag("Vàng", "tien")  # onto an existing tag: merge
    assert [(t.name, t.count) for t in library.list_tags()] == [("Tiền", 2)]

    library.delete_tag("TIỀN")
    assert library.list_tags() == []
    assert library.count_articles() == 2
    assert library.search("tien") == []
    with pytest.raises(TagNotFoundError):
        library.delete_tag("không có")


def test_list_by_tag_folds_the_name(library: Library) -> None:
    saved = library.save_article(record(tags=["Bầu cử"]))
    library.save_article(record("Khác", body_text="khác", tags=[]))
    assert [a.id for a in library.list_articles(ArticleFilter(tag="bau cu"))] == [saved.id]


def test_similar_articles_share_words_or_tags(library: Library) -> None:
    def plain(title: str, body: str, tags: list[str]) -> ArticleRecord:
        return ArticleRecord(title=title, body_text=body, tags=tags)

    base = library.save_article(plain("Bầu cử đại biểu Quốc hội", "a", ["Bầu cử"]))
    close = library.save_article(plain("Kết quả bầu cử đại biểu", "b", []))
    tagged = library.save_article(plain("Chuyện khác hẳn", "c", ["Bầu cử"]))
    library.save_article(plain("Thời tiết miền Bắc", "d", []))
    similar = library.similar_articles(base.id)
    assert {s.id for s in similar} == {close.id, tagged.id}
    assert "tag Bầu cử" in next(s.why for s in similar if s.id == tagged.id)


def test_a_file_system_without_wal_falls_back_and_says_so(library_path: Path) -> None:
    # The unix-dotfile VFS has no shared memory, like many network shares.
    with Library(library_path, vfs="unix-dotfile") as library:
        assert library.journal_mode == "delete"
        assert library.notice is not None and "network share" in library.notice
        saved = library.save_article(record())
    with Library(library_path, vfs="unix-dotfile") as again:
        assert again.get_article(saved.id).title == "Công an Hà Nội bảo đảm bầu cử"
        assert [hit.id for hit in again.search("bau cu")] == [saved.id]


def test_a_normal_file_system_uses_wal_silently(library: Library) -> None:
    assert (library.journal_mode, library.notice) == ("wal", None)


def test_find_article_id_compares_addresses_canonically(library: Library) -> None:
    saved = library.save_article(record(url="https://example.com/tin/a.html"))
    assert library.find_article_id("HTTPS://example.com/tin/a.html?utm_source=x#top") == saved.id
    assert library.find_article_id("https://example.com/tin/b.html") is None
    assert library.find_article_id("javascript:alert(1)") is None


def test_a_failed_fetch_never_replaces_an_article_saved_whole(library: Library) -> None:
    saved = library.save_article(record(url="https://e.com/a"))
    pending = ArticleRecord(
        title="https://e.com/a",
        url="https://e.com/a",
        capture_status="pending",
        capture_error="connection refused",
        arrived_by="url",
        tags=["Đọc sau"],
    )
    again = library.save_article(pending)
    assert (again.id, again.outcome) == (saved.id, "updated")
    article = library.get_article(saved.id)
    assert article.title == "Công an Hà Nội bảo đảm bầu cử"
    assert article.capture_status == "complete" and len(article.images) == 1
    assert "Đọc sau" in article.tags
    assert [hit.id for hit in library.search("doc sau")] == [saved.id]


def test_data_version_changes_when_another_connection_writes(library_path: Path) -> None:
    with Library(library_path) as window, Library(library_path) as command_line:
        before = window.data_version()
        window.set_favorite(window.save_article(record()).id, True)
        assert window.data_version() == before, "our own writes do not count"
        command_line.save_article(record("Bài khác", body_text="khác"))
        assert window.data_version() != before


def test_a_short_busy_timeout_gives_up_quickly_with_a_clear_error(library_path: Path) -> None:
    import time

    from storage import LibraryLockedError

    Library(library_path).close()
    holder = sqlite3.connect(library_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Library(library_path, busy_timeout=0.2) as window:
            started = time.monotonic()
            with pytest.raises(LibraryLockedError, match="busy in another program"):
                window.save_article(record())
            assert time.monotonic() - started < 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_backup_that_cannot_be_written_is_a_library_error(
    library: Library, tmp_path: Path
) -> None:
    from storage import LibraryError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    with pytest.raises(LibraryError, match="cannot write the backup"):
        library.backup(blocker / "copy.sqlite")
