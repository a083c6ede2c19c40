"""Export to a bundle and import it back (issue 7), on real library files.

The round trip is proven with ``library_digest``: every row of every
non-derived table, ids included, and every image and source byte.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from capture.sources import capture_file, pending_record
from storage import ArticleRecord, ImageRecord, Library, RelatedRecord
from storage.bundle import (
    FORMAT_VERSION,
    MANIFEST,
    BundleError,
    export_bundle,
    import_bundle,
    library_digest,
)
from storage.maintenance import check_library
from tests.support.images import png

RED, GREEN, BLUE = png(1, 1, (200, 30, 30)), png(1, 1, (30, 200, 30)), png(1, 1, (30, 30, 200))


def street_record() -> ArticleRecord:
    """An article with two pictures (one shown in its body), tags, a source
    and related stories: one saved later, one never saved, one title only."""
    return ArticleRecord(
        title="Đường phố Hà Nội mùa thu",
        url="https://example.vn/pho?utm_source=rss",
        byline="Lam Dương",
        site="Ví dụ",
        section="Đời sống",
        published="2024-10-01T08:00+07:00",
        lead="Hà Nội vào thu, lá vàng rơi.",
        body_text="Phố cổ đông vui.\n\nHồ Gươm lặng gió.",
        reader_html=(
            "<p>Phố cổ đông vui.</p>"
            '<figure><img src="image:0" alt="Phố cổ"><figcaption>Phố cổ buổi sáng'
            ' <span class="credit">Ảnh: Lam Dương</span></figcaption></figure>'
            "<p>Hồ Gươm lặng gió.</p>"
        ),
        language="vi",
        images=[
            ImageRecord(
                src="https://cdn.example.vn/a.png",
                alt="Phố cổ",
                caption="Phố cổ buổi sáng",
                credit="Ảnh: Lam Dương",
                data=RED,
                mime="image/png",
                width=1,
                height=1,
            ),
            ImageRecord(caption="Hồ Gươm chiều thu", data=GREEN, mime="image/png"),
            ImageRecord(src="https://cdn.example.vn/missing.jpg", caption="Ảnh chưa tải"),
        ],
        related=[
            RelatedRecord(
                "listed", "Cầu Long Biên", url="https://example.vn/cau", section="Du lịch"
            ),
            RelatedRecord("listed", "Ở nơi khác", url="https://other.vn/x", summary="Tóm tắt"),
            RelatedRecord("inline", "Chỉ có tên"),
        ],
        tags=["Thời sự", "Hà Nội"],
        arrived_by="web",
        source=b"<html><body>Ph\xe1\xbb\x91 c\xe1\xbb\x95</body></html>",
        source_type="text/html",
    )


def bridge_record() -> ArticleRecord:
    """The article the street article's first related story points at."""
    return ArticleRecord(
        title="Cầu Long Biên",
        url="https://example.vn/cau",
        body_text="Cây cầu trăm tuổi.",
        images=[ImageRecord(caption="Cầu lúc hoàng hôn", data=RED, mime="image/png")],
        tags=["Du lịch"],
    )


def build_rich_library(path: Path, seed_path: Path) -> dict[str, int]:
    """A library with every kind of row; returns the ids of its articles."""
    with Library(path) as library:
        seed = library.save_article(capture_file(seed_path), tags=["Bầu cử"]).id
        gone = library.save_article(ArticleRecord(title="Sẽ xoá", body_text="tạm")).id
        street = library.save_article(street_record()).id
        bridge = library.save_article(bridge_record()).id
        pending = library.save_article(pending_record("https://example.vn/cho", "mạng bị ngắt")).id
        library.delete_articles([gone])  # a gap in the ids, which must stay
        library.set_favorite(street, True)
        library.set_status(bridge, "archived")
        library.set_status(seed, "read")
        library.set_reading_position(seed, 0.42)
        feed = library.add_feed(
            "https://example.vn/rss", title="Ví dụ", tag="Tin", folder=["Báo", "Hà Nội"]
        )
        library.link_feed_entry(feed.id, "guid-cau", bridge)
        library.link_feed_entry(feed.id, "guid-cu", None)
    return {"seed": seed, "street": street, "bridge": bridge, "pending": pending}


@pytest.fixture(scope="module")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the rich library and its bundle are built once per module."""
    return tmp_path_factory.mktemp("template")


def _copy_library(source: Path, target: Path) -> None:
    """Copy a closed library file (and any WAL left beside it)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


@pytest.fixture
def rich(tmp_path: Path, seed_path: Path, template_dir: Path) -> tuple[Path, dict[str, int]]:
    """A fresh copy of the rich library, and its article ids."""
    template = template_dir / "rich.sqlite"
    ids_file = template_dir / "ids.json"
    if not ids_file.exists():
        ids_file.write_text(json.dumps(build_rich_library(template, seed_path)))
        with Library(template) as library:
            export_bundle(library, template_dir / "bundle")
    path = tmp_path / "rich.sqlite"
    _copy_library(template, path)
    return path, json.loads(ids_file.read_text())


@pytest.fixture
def bundle_dir(tmp_path: Path, rich: tuple[Path, dict[str, int]], template_dir: Path) -> Path:
    """A fresh copy of the rich library's bundle."""
    return Path(shutil.copytree(template_dir / "bundle", tmp_path / "bundle", symlinks=True))


def manifest(directory: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    return value


def save_manifest(directory: Path, value: dict[str, Any]) -> None:
    (directory / MANIFEST).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def similarity_ids(library: Library) -> list[int]:
    """The articles the similarity index knows (a derived table: not digested)."""
    rows = library.store.connection.execute(
        "SELECT article_id FROM similar_docs ORDER BY article_id"
    )
    return [int(row[0]) for row in rows]


# -- the round trip ------------------------------------------------------------


def test_round_trip_into_a_new_library_is_identical(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    path, ids = rich
    with Library(path) as original, Library(tmp_path / "copy.sqlite") as copy:
        result = import_bundle(copy, bundle_dir)
        assert (result.added, result.updated, result.merged) == (4, 0, False)
        assert result.feeds_added == 1
        assert library_digest(copy) == library_digest(original)
        for article_id in ids.values():
            assert copy.get_article(article_id) == original.get_article(article_id)
        street = copy.get_article(ids["street"])
        assert street.favorite and street.tags == ("Hà Nội", "Thời sự")
        assert [link.target_id for link in street.related] == [ids["bridge"], None, None]
        assert copy.image_data(ids["street"], 1) == (GREEN, "image/png")
        assert copy.article_source(ids["street"]) == original.article_source(ids["street"])
        assert copy.get_article(ids["pending"]).capture_status == "pending"
        assert copy.get_article(ids["seed"]).reading_position == 0.42
        assert [hit.id for hit in copy.search('"duong pho"')] == [ids["street"]]
        assert ids["seed"] in [hit.id for hit in copy.search("cong an")]
        assert [hit.id for hit in copy.search("hoang hon")] == [ids["bridge"]]
        assert check_library(copy).ok
        assert similarity_ids(copy) == similarity_ids(original)
        assert copy.similar_articles(ids["street"]) is not None
        [feed] = copy.list_feeds()
        assert feed.folder == ("Báo", "Hà Nội") and feed.entries == 1
        assert copy.feed_entry_keys(feed.id) == {"guid-cau", "guid-cu"}


def test_digest_sees_every_change_but_not_the_search_index(
    rich: tuple[Path, dict[str, int]],
) -> None:
    path, ids = rich
    with Library(path) as library:
        before = library_digest(library)
        library.store.connection.execute(
            "INSERT INTO article_search (article_search) VALUES ('optimize')"
        )
        library.store.connection.execute("UPDATE library_state SET value = value + 5")
        assert library_digest(library) == before
        library.set_reading_position(ids["seed"], 0.5)
        assert library_digest(library) != before
        library.set_reading_position(ids["seed"], 0.42)
        assert library_digest(library) == before
        library.store.connection.execute(
            "UPDATE images SET data = ? WHERE article_id = ? AND position = 1",
            (BLUE, ids["street"]),
        )
        assert library_digest(library) != before


def test_bundle_is_readable_json_with_files_named_by_their_bytes(
    rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    _, ids = rich
    data = manifest(bundle_dir)
    assert data["format"] == "readshelf-bundle"
    assert data["format_version"] == FORMAT_VERSION
    assert isinstance(data["schema_version"], int) and data["exported"]
    by_id = {article["id"]: article for article in data["articles"]}
    assert sorted(by_id) == sorted(ids.values())
    street = by_id[ids["street"]]
    assert street["title"] == "Đường phố Hà Nội mùa thu"
    assert street["tags"] == ["Hà Nội", "Thời sự"]
    assert street["favorite"] == 1 and street["url"] == "https://example.vn/pho"
    files = [image["file"] for image in street["images"]]
    assert files[0] == f"images/{hashlib.sha256(RED).hexdigest()}.png"
    assert files[2] is None  # never downloaded: metadata only
    assert street["images"][0]["caption"] == "Phố cổ buổi sáng"
    assert (bundle_dir / files[1]).read_bytes() == GREEN
    # The bridge's picture has the same bytes: one file serves both.
    assert by_id[ids["bridge"]]["images"][0]["file"] == files[0]
    assert len(list((bundle_dir / "images").iterdir())) == 2
    source = street["source"]
    assert source["file"] == f"sources/{ids['street']}.html.zlib"
    assert zlib.decompress((bundle_dir / source["file"]).read_bytes()) == street_record().source
    assert by_id[ids["pending"]]["source"] is None
    [feed] = data["feeds"]
    assert [entry["entry_key"] for entry in feed["entries"]] == ["guid-cau", "guid-cu"]
    assert "article_search" not in json.dumps(data)


# -- exporting into a folder ------------------------------------------------------


def test_export_refuses_a_folder_holding_other_files(
    tmp_path: Path, rich: tuple[Path, dict[str, int]]
) -> None:
    directory = tmp_path / "notes"
    directory.mkdir()
    (directory / "thesis.txt").write_text("mine")
    with Library(rich[0]) as library, pytest.raises(BundleError, match="not empty") as caught:
        export_bundle(library, directory)
    assert "\n" not in str(caught.value)
    assert sorted(path.name for path in directory.iterdir()) == ["thesis.txt"]


def test_export_refuses_a_file(tmp_path: Path, rich: tuple[Path, dict[str, int]]) -> None:
    # Refusing an HTML or Markdown export's folder: tests/services/test_transfer.py.
    (tmp_path / "file").write_text("x")
    with Library(rich[0]) as library, pytest.raises(BundleError, match="is a file"):
        export_bundle(library, tmp_path / "file")


def test_export_again_updates_an_earlier_bundle_and_drops_stale_files(
    rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    _, ids = rich
    (bundle_dir / "images" / ".x.png.readshelf-tmp").write_bytes(b"half")
    with Library(rich[0]) as library:
        library.delete_articles([ids["street"], ids["bridge"]])
        export_bundle(library, bundle_dir)
        digest = library_digest(library)
    assert not list((bundle_dir / "images").iterdir())
    assert [path.name for path in (bundle_dir / "sources").iterdir()] == [f"{ids['seed']}.txt.zlib"]
    assert not list(bundle_dir.glob("**/*.readshelf-tmp"))
    with Library(bundle_dir.parent / "again.sqlite") as copy:
        import_bundle(copy, bundle_dir)
        assert library_digest(copy) == digest


# -- merging into a library with content --------------------------------------------


def test_import_into_a_library_with_articles_merges_without_copies(
    tmp_path: Path, bundle_dir: Path
) -> None:
    with Library(tmp_path / "mine.sqlite") as mine:
        own = mine.save_article(ArticleRecord(title="Của tôi", body_text="riêng")).id
        older = street_record()
        older.title, older.images, older.tags = "Bản cũ", [], ["Của tôi"]
        mine.save_article(older)  # same address as the bundle's street article
        mine.add_feed("https://example.vn/rss", title="Tên riêng")

        result = import_bundle(mine, bundle_dir)

        assert (result.added, result.updated, result.merged) == (3, 1, True)
        assert (result.feeds_added, result.feeds_merged) == (0, 1)
        assert mine.count_articles() == 5
        street_id = mine.find_article_id("https://example.vn/pho")
        assert street_id is not None
        street = mine.get_article(street_id)
        assert street.title == "Đường phố Hà Nội mùa thu" and street.favorite
        assert set(street.tags) == {"Của tôi", "Hà Nội", "Thời sự"}
        assert len(street.images) == 3
        bridge_id = mine.find_article_id("https://example.vn/cau")
        assert bridge_id is not None
        assert street.related[0].target_id == bridge_id
        assert mine.get_article(bridge_id).status == "archived"
        assert mine.get_article(own).title == "Của tôi"
        [feed] = mine.list_feeds()
        assert feed.title == "Tên riêng" and feed.entries == 1
        assert check_library(mine).ok
        assert similarity_ids(mine) == sorted(article.id for article in mine.list_articles())

        digest = library_digest(mine)
        again = import_bundle(mine, bundle_dir)
        assert (again.added, again.updated) == (0, 4)
        assert library_digest(mine) == digest
        assert check_library(mine).ok
        assert [hit.id for hit in mine.search('"duong pho"')] == [street_id]


def test_a_pending_copy_never_replaces_a_captured_article(tmp_path: Path, bundle_dir: Path) -> None:
    with Library(tmp_path / "mine.sqlite") as mine:
        captured = ArticleRecord(
            title="Đã lưu", url="https://example.vn/cho", body_text="Nội dung đầy đủ."
        )
        article_id = mine.save_article(captured).id
        import_bundle(mine, bundle_dir)
        article = mine.get_article(article_id)
        assert article.capture_status == "complete"
        assert article.body_text == "Nội dung đầy đủ."
        assert check_library(mine).ok


# -- refusals: a clear one-line error and nothing changed ---------------------------


def _newer_format(directory: Path) -> None:
    data = manifest(directory)
    data["format_version"] = FORMAT_VERSION + 1
    save_manifest(directory, data)


def _corrupt_json(directory: Path) -> None:
    text = (directory / MANIFEST).read_text(encoding="utf-8")
    (directory / MANIFEST).write_text(text[: len(text) // 2], encoding="utf-8")


def _missing_json(directory: Path) -> None:
    (directory / MANIFEST).unlink()


def _not_a_bundle(directory: Path) -> None:
    save_manifest(directory, {"format": "something-else", "articles": []})


def _last_image(directory: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    data = manifest(directory)
    article = next(a for a in reversed(data["articles"]) if any(i["file"] for i in a["images"]))
    return data, next(image for image in article["images"] if image["file"])


def _missing_image(directory: Path) -> None:
    # The bridge's picture is the street's too: removing the file breaks both.
    _, image = _last_image(directory)
    (directory / image["file"]).unlink()


def _altered_image(directory: Path) -> None:
    # Checked while importing: every article before it was already inserted.
    data, image = _last_image(directory)
    image["file"] = "images/other.png"
    (directory / "images" / "other.png").write_bytes(BLUE)
    save_manifest(directory, data)


def _altered_source(directory: Path) -> None:
    data = manifest(directory)
    source = next(a["source"] for a in data["articles"] if a["source"])
    (directory / source["file"]).write_bytes(zlib.compress(b"something else"))


def _escaping_path(directory: Path) -> None:
    data, image = _last_image(directory)
    shutil.copy(directory / image["file"], directory.parent / "outside.png")
    image["file"] = "../outside.png"
    save_manifest(directory, data)


def _absolute_path(directory: Path) -> None:
    data, image = _last_image(directory)
    image["file"] = str((directory / image["file"]).resolve())
    save_manifest(directory, data)


def _linked_outside(directory: Path) -> None:
    data, image = _last_image(directory)
    (directory.parent / "elsewhere").mkdir()
    shutil.copy(directory / image["file"], directory.parent / "elsewhere" / "x.png")
    (directory / "images" / "link").symlink_to(directory.parent / "elsewhere")
    image["file"] = "images/link/x.png"
    save_manifest(directory, data)


def _wrong_type(directory: Path) -> None:
    data = manifest(directory)
    data["articles"][-1]["images"] = "none"
    save_manifest(directory, data)


def _constraint(directory: Path) -> None:
    data = manifest(directory)
    data["articles"][-1]["status"] = "lost"
    save_manifest(directory, data)


REFUSALS: dict[str, tuple[Callable[[Path], None], str]] = {
    "newer format": (_newer_format, "newer Readshelf"),
    "corrupt json": (_corrupt_json, "is damaged"),
    "missing json": (_missing_json, "not a Readshelf bundle"),
    "not a bundle": (_not_a_bundle, "not a Readshelf bundle"),
    "missing image": (_missing_image, "missing from the bundle"),
    "altered image": (_altered_image, "does not match its SHA-256"),
    "altered source": (_altered_source, "does not match its SHA-256"),
    "dot-dot path": (_escaping_path, "points outside the bundle"),
    "absolute path": (_absolute_path, "points outside the bundle"),
    "link outside": (_linked_outside, "points outside the bundle"),
    "wrong type": (_wrong_type, "should be a list"),
    "constraint": (_constraint, "does not fit this library"),
}


@pytest.mark.parametrize("into", ["empty", "with content"])
@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_damaged_bundle_is_refused_and_nothing_changes(
    tmp_path: Path, bundle_dir: Path, case: str, into: str
) -> None:
    damage, message = REFUSALS[case]
    damage(bundle_dir)
    with Library(tmp_path / "target.sqlite") as target:
        if into == "with content":
            target.save_article(ArticleRecord(title="Của tôi", body_text="riêng"), tags=["Riêng"])
        before = library_digest(target)
        writes = target.write_count()
        with pytest.raises(BundleError, match=message) as caught:
            import_bundle(target, bundle_dir)
        assert "\n" not in str(caught.value)
        assert library_digest(target) == before
        assert target.write_count() == writes
        assert check_library(target).ok


def test_columns_from_a_newer_schema_are_reported_not_stored(
    tmp_path: Path, bundle_dir: Path
) -> None:
    data = manifest(bundle_dir)
    data["schema_version"] += 1
    data["articles"][0]["mood"] = "vui"
    data["feeds"][0]["colour"] = "đỏ"
    save_manifest(bundle_dir, data)
    with Library(tmp_path / "copy.sqlite") as copy:
        result = import_bundle(copy, bundle_dir)
        assert result.ignored_columns == ("articles.mood", "feeds.colour")
        assert copy.count_articles() == 4


def test_a_folder_that_is_not_there_is_refused(library: Library, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="is not a folder"):
        import_bundle(library, tmp_path / "nowhere")
