"""Topics: the sites' own keywords, kept apart from the person's tags (issue 14)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from pathlib import Path

from core.models import ArticleRecord
from storage import ArticleFilter, Library
from storage.bundle import export_bundle, import_bundle
from storage.maintenance import check_library

LIBRARIES = Path(__file__).parents[1] / "fixtures" / "libraries"


def record(title: str, **fields: object) -> ArticleRecord:
    values: dict[str, object] = {
        "body_text": f"{title}. Người dân đổ về bãi biển dịp nghỉ lễ.",
        "url": f"https://example.vn/{abs(hash(title))}.html",
    }
    values.update(fields)
    return ArticleRecord(title=title, **values)  # type: ignore[arg-type]


def test_topics_are_apart_from_tags_and_keep_each_spelling(library: Library) -> None:
    saved = library.save_article(
        record("Biển Nha Trang đông khách", topics=["du lịch", "Khánh Hòa"]), tags=["Du lịch"]
    )
    article = library.get_article(saved.id)
    assert article.tags == ("Du lịch",)
    assert article.topics == ("du lịch", "Khánh Hòa")
    assert [tag.name for tag in library.list_tags()] == ["Du lịch"]
    assert [(topic.name, topic.count) for topic in library.list_topics()] == [
        ("du lịch", 1),
        ("Khánh Hòa", 1),
    ]


def test_a_topic_lists_and_finds_its_articles(library: Library) -> None:
    first = library.save_article(record("Biển Nha Trang đông khách", topics=["Khánh Hòa"])).id
    library.save_article(record("Giá xăng giảm", topics=["Kinh tế"]))
    where = ArticleFilter(topic="khanh hoa")
    assert [summary.id for summary in library.list_articles(where)] == [first]
    assert library.count_articles(where) == 1
    assert [hit.id for hit in library.search("Khánh")] == [first]


def test_deleting_the_last_article_of_a_topic_drops_it(library: Library) -> None:
    saved = library.save_article(record("Biển Nha Trang đông khách", topics=["Khánh Hòa"]))
    library.delete_articles([saved.id])
    assert library.list_topics() == []
    assert library.search("Khánh") == []


def test_a_bundle_round_trip_keeps_topics_and_an_older_bundle_still_imports(
    library: Library, tmp_path: Path
) -> None:
    saved = library.save_article(
        record("Biển Nha Trang đông khách", topics=["Khánh Hòa"]), tags=["Đọc sau"]
    )
    export_bundle(library, tmp_path / "bundle")
    with Library(tmp_path / "copy.sqlite") as copy:
        import_bundle(copy, tmp_path / "bundle")
        article = copy.get_article(saved.id)
        assert (article.tags, article.topics) == (("Đọc sau",), ("Khánh Hòa",))
        assert [hit.id for hit in copy.search("Khánh")] == [saved.id]

    manifest = tmp_path / "bundle" / "readshelf.json"
    older = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in older["articles"]:
        del entry["topics"]
    manifest.write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    with Library(tmp_path / "older.sqlite") as copy:
        import_bundle(copy, tmp_path / "bundle")
        article = copy.get_article(saved.id)
        assert (article.tags, article.topics) == (("Đọc sau",), ())


def _add_v8_article(
    conn: sqlite3.Connection, article_id: int, title: str, source: str | None, tags: list[str]
) -> None:
    conn.execute(
        "INSERT INTO articles (id, title, title_key, sort_date, saved, updated, body_text,"
        " content_hash, arrived_by) VALUES (?, ?, ?, '2024', '2024', '2024', ?, ?, 'url')",
        (article_id, title, title.lower(), f"{title} body", f"hash{article_id}"),
    )
    if source is not None:
        conn.execute(
            "INSERT INTO article_sources (article_id, media_type, compression, original_size,"
            " data) VALUES (?, 'text/html', 'zlib', ?, ?)",
            (article_id, len(source), zlib.compress(source.encode("utf-8"))),
        )
    for name in tags:
        key = Library.tag_key(name)
        conn.execute("INSERT OR IGNORE INTO tags (name, key) VALUES (?, ?)", (name, key))
        conn.execute(
            "INSERT INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE key = ?",
            (article_id, key),
        )


def test_upgrading_moves_site_keywords_to_topics_and_keeps_the_users_tags(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / "v8.sqlite", path)
    page = (
        '<html><head><meta name="keywords" content="du lịch, Khánh Hòa, Thời sự">'
        '<script type="application/ld+json">{"keywords": ["Biển đảo"]}</script></head>'
        "<body><p>Biển Nha Trang</p></body></html>"
    )
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO feeds (url, tag, created) VALUES ('https://x.vn/rss', 'Thời sự', '2024')"
        )
        # Site keywords, and "Đọc sau" given by hand.
        _add_v8_article(
            conn,
            10,
            "Biển Nha Trang",
            page,
            ["du lịch", "Khánh Hòa", "Biển đảo", "Thời sự", "Đọc sau"],
        )
        # "du lịch" given by hand to an article whose page does not name it.
        _add_v8_article(
            conn, 11, "Ghi chép Đà Lạt", "<html><body>Đà Lạt</body></html>", ["du lịch"]
        )
    with Library(path) as library:
        assert check_library(library).ok
        keywords = library.get_article(10)
        assert keywords.tags == ("Đọc sau", "du lịch", "Thời sự")
        assert keywords.topics == ("Biển đảo", "du lịch", "Khánh Hòa", "Thời sự")
        assert library.get_article(11).tags == ("du lịch",)
        assert library.get_article(11).topics == ()
        assert [tag.name for tag in library.list_tags()] == [
            "Bầu cử", "Đô thị", "Đọc sau", "du lịch", "Europe", "Farming", "Thời sự",
        ]  # fmt: skip
        assert [hit.id for hit in library.search("Khánh")] == [10]
        assert library.list_articles(ArticleFilter(topic="Biển đảo"))[0].id == 10


def test_a_shared_topic_makes_articles_similar_as_a_shared_tag_does(library: Library) -> None:
    # Site keywords were tags before migration 009 and counted in similarity;
    # as topics they still do, and a name both a tag and a topic counts once.
    first = library.save_article(
        ArticleRecord(
            title="Giá vàng hôm nay tăng mạnh",
            body_text="Giá vàng miếng trong nước tăng theo thế giới, nhà đầu tư mua vào.",
            url="https://example.vn/gia-vang.html",
            topics=["Kinh tế", "vàng"],
        ),
        tags=["Kinh tế"],
    )
    second = library.save_article(
        ArticleRecord(
            title="Xuất khẩu cà phê lập kỷ lục",
            body_text="Nông dân Tây Nguyên phấn khởi khi giá cà phê robusta lên cao.",
            url="https://example.vn/ca-phe.html",
            topics=["kinh tế"],
        )
    )
    library.save_article(
        ArticleRecord(
            title="Đội tuyển bóng đá thắng trận mở màn",
            body_text="Các cầu thủ thi đấu quyết tâm trước hàng nghìn cổ động viên.",
            url="https://example.vn/bong-da.html",
            topics=["thể thao"],
        )
    )
    found = library.similar_articles(first.id)
    assert [item.id for item in found] == [second.id]
    assert [name.casefold() for name in found[0].shared_tags] == ["kinh tế"]


def test_a_tag_comes_off_many_articles_in_one_go(library: Library) -> None:
    ids = [
        library.save_article(record(f"Bãi biển số {number}"), tags=["Du lịch", "Hè"]).id
        for number in range(3)
    ]
    library.remove_tags_many([*ids[:2], 999], ["du lich"])  # folded, and a gone id skipped
    assert [library.get_article(i).tags for i in ids] == [("Hè",), ("Hè",), ("Du lịch", "Hè")]
    assert [tag.count for tag in library.list_tags() if tag.name == "Du lịch"] == [1]
    # The search index follows: the tag's words no longer find the untagged articles.
    found = {hit.id for hit in library.search('"du lịch"')}
    assert found == {ids[2]}
