"""Each importer on fixtures written in its format's real layout: what it
keeps (addresses, titles, saved dates, tags and folders, states, progress,
highlights, text) and the one line it gives for a damaged file."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from capture.importers.detect import detect_format, read_export
from capture.importers.omnivore import parse_highlights
from core.imported import ImportedArticle, ImportedFile, ImportFileError
from tests.conftest import FIXTURES

IMPORTS = FIXTURES / "imports"


def zipped(folder: Path, destination: Path, *, inside: str = "") -> Path:
    """``folder`` as an export zip (members sorted, so the bytes are the same each run)."""
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, inside + path.relative_to(folder).as_posix())
    return destination


def by_url(imported: ImportedFile) -> dict[str, ImportedArticle]:
    return {article.url: article for article in imported.articles}


def test_pocket_2025_zip_keeps_dates_tags_and_states(tmp_path: Path) -> None:
    export = zipped(IMPORTS / "pocket-2025", tmp_path / "pocket.zip")
    assert detect_format(export) == "pocket"
    imported = read_export(export)
    assert imported.format == "pocket"
    assert imported.skipped == 1  # the file:// address
    assert [article.title for article in imported.articles][:2] == [
        "Phở Hà Nội mùa đông",
        "A title, with a comma",
    ]
    articles = by_url(imported)
    pho = articles["https://vnexpress.example/am-thuc/pho-ha-noi-mua-dong-4701234.html"]
    assert pho.saved == "2023-11-14T22:13:20+00:00"
    assert pho.tags == ("ẩm thực", "Hà Nội")
    assert pho.status == "unread"
    assert articles["https://blog.example.org/posts/title-with-comma"].status == "archived"
    story = articles["https://news.example.com/2023/05/12/story-one?utm_source=pocket_saves"]
    assert story.tags == ("reading", "long read")
    # part_000001.csv is read after part_000000.csv
    assert imported.articles[3].title == "Giá xăng giảm lần thứ ba"
    assert imported.articles[4].title == ""  # no title: the library names it by its address


def test_pocket_zip_in_a_folder_and_unzipped_folder_read_the_same(tmp_path: Path) -> None:
    nested = zipped(IMPORTS / "pocket-2025", tmp_path / "nested.zip", inside="pocket/")
    assert by_url(read_export(nested)).keys() == by_url(read_export(IMPORTS / "pocket-2025")).keys()


def test_pocket_ril_export_html() -> None:
    imported = read_export(IMPORTS / "ril_export.html")
    assert imported.format == "pocket"
    articles = by_url(imported)
    assert articles["https://vnexpress.example/am-thuc/pho-ha-noi-mua-dong-4701234.html"].tags == (
        "ẩm thực",
        "Hà Nội",
    )
    archived = articles["https://blog.example.org/posts/title-with-comma"]
    assert archived.status == "archived"
    assert archived.title == "A title, with a comma & an ampersand"
    assert archived.saved == "2023-07-22T04:26:40+00:00"
    assert articles["https://news.example.com/2023/05/12/story-one"].status == "unread"


def test_instapaper_folders_stars_tags_and_selections() -> None:
    imported = read_export(IMPORTS / "instapaper-export.csv")
    assert imported.format == "instapaper"
    articles = by_url(imported)
    river = articles["https://longform.example/the-river-at-night"]
    assert river.tags == ("essays", "nature")
    assert river.saved == "2024-03-09T16:00:00+00:00"
    assert [h.quote for h in river.highlights] == [
        "The river does not hurry, yet everything is accomplished."
    ]
    assert river.highlights[0].created == river.saved
    assert articles["https://tuoitre.example/gia-xang-giam-lan-thu-ba-2023101.htm"].status == (
        "archived"
    )
    starred = articles["https://blog.example.org/posts/favourite-one"]
    assert (starred.favorite, starred.status, starred.tags) == (True, "unread", ())
    chips = articles["https://news.example.com/tech/chips-2024"]
    assert chips.tags == ("Tech reading", "tech")  # the person's own folder is a tag
    assert chips.highlights[0].quote == 'Demand for chips "outpaced" supply.'


def test_instapaper_old_four_column_export(tmp_path: Path) -> None:
    old = tmp_path / "instapaper-export.csv"
    old.write_text(
        "URL,Title,Selection,Folder\nhttps://a.example/one-1,One,,Archive\n"
        "https://a.example/two-2,Two,,Cooking\n",
        encoding="utf-8",
    )
    articles = read_export(old).articles
    assert [(a.status, a.tags, a.saved) for a in articles] == [
        ("archived", (), None),
        ("unread", ("Cooking",), None),
    ]


def test_omnivore_labels_state_progress_content_and_highlights(tmp_path: Path) -> None:
    export = zipped(IMPORTS / "omnivore-export", tmp_path / "omnivore.zip")
    assert detect_format(export) == "omnivore"
    imported = read_export(export)
    articles = by_url(imported)
    river = articles["https://vnexpress.example/thoi-su/song-hong-mua-lu-4705555.html"]
    assert river.tags == ("thời sự", "Hà Nội")
    assert (river.status, river.reading_progress) == ("archived", 1.0)
    assert river.saved == "2024-08-01T07:30:00+00:00"
    assert river.published == "2024-07-31T23:00:00+00:00"
    assert river.byline == "Nguyễn Văn An"
    assert river.content_html is not None and "Lào Cai" in river.content_html
    assert [(h.quote, h.note) for h in river.highlights] == [
        (
            "Người dân ven sông đã quen với cảnh này, nhưng năm nay nước lên nhanh hơn mọi năm.",
            "Giống năm 2008.",
        ),
        ("Các bãi giữa sông ngập gần hết", ""),
    ]
    quiet = articles["https://quiet.example.org/essays/the-quiet-web"]
    assert (quiet.status, quiet.reading_progress) == ("unread", 0.355)
    assert quiet.saved == "2024-06-15T18:45:10+00:00"
    assert [(h.kind, h.quote, h.note) for h in quiet.highlights] == [
        (
            "highlight",
            "It is simply text, set in a readable size,\n\nwith a few pictures that explain something.",
            "",
        ),
        ("note", "", "Worth sending to Linh."),
    ]
    bare = articles["https://later.example.net/articles/no-content-here"]
    assert (bare.content_html, bare.highlights, bare.tags) == (None, (), ("later",))


def test_omnivore_highlight_markdown_with_labels_and_notes() -> None:
    found = parse_highlights("> first quote \n\n#a #b\n\nmy note\n\n> second\n")
    assert [(h.quote, h.note) for h in found] == [("first quote", "my note"), ("second", "")]


def test_wallabag_content_states_and_annotations() -> None:
    imported = read_export(IMPORTS / "wallabag-export.json")
    assert imported.format == "wallabag"
    hue, pending = imported.articles
    assert (hue.status, hue.favorite) == ("archived", True)
    assert hue.tags == ("du lịch", "Huế")
    assert hue.saved == "2024-03-01T01:15:00+00:00"  # +0700 read as such
    assert hue.byline == "Trần Thị Bình"
    assert hue.content_html is not None and "chợ Đông Ba" in hue.content_html
    assert [(h.quote, h.note, h.created) for h in hue.highlights] == [
        ("bún bò ở chợ Đông Ba", "Phải thử món này.", "2024-03-02T02:10:00+00:00")
    ]
    assert (pending.content_html, pending.status, pending.favorite) == (None, "unread", False)


def test_readwise_locations_progress_and_tags() -> None:
    imported = read_export(IMPORTS / "readwise-reader.csv")
    assert imported.format == "readwise"
    articles = by_url(imported)
    calm = articles["https://calm.example.com/designing-calm-software"]
    assert (calm.tags, calm.reading_progress, calm.status) == (
        ("design", "software"),
        0.45,
        "unread",
    )
    assert calm.saved == "2023-09-13T15:19:09+00:00"
    hoi_an = articles["https://dulich.example.vn/hoi-an-ve-dem-123.html"]
    assert (hoi_an.status, hoi_an.tags) == ("archived", ("du lịch",))
    assert articles["https://long.example.org/shortlisted-read"].favorite is True
    assert articles["https://inbox.example.net/new-item-9"].tags == ()


def test_firefox_bookmarks_folders_tags_and_dates() -> None:
    imported = read_export(IMPORTS / "bookmarks-firefox.html")
    assert imported.format == "bookmarks"
    assert imported.skipped == 1  # the place: query
    articles = by_url(imported)
    hoi_an = articles["https://dulich.example.vn/hoi-an-ve-dem-123.html"]
    assert hoi_an.tags == ("Đọc sau", "du lịch", "Hội An")
    assert hoi_an.saved == "2024-02-01T00:00:00+00:00"
    assert articles["https://food.example.com/recipes/bun-cha-2"].tags == ("Đọc sau", "Recipes")
    # The toolbar is where a bookmark is, not what it is about.
    assert articles["https://calm.example.com/designing-calm-software"].tags == ()


def test_chrome_bookmarks() -> None:
    imported = read_export(IMPORTS / "bookmarks-chrome.html")
    articles = by_url(imported)
    assert articles["https://docs.example.com/guide/getting-started"].tags == ("Work",)
    assert articles["https://news.example.com/tech/chips-2024"].tags == ()
    assert imported.skipped == 1  # the javascript: bookmarklet


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.txt", b"just some notes\nnothing else\n", "not an export Readshelf recognises"),
        ("empty.csv", b"", "not an export Readshelf recognises"),
        ("wallabag.json", b'[{"is_archived": 1, "url": "https://a.example/x-1"', "damaged JSON"),
        ("other.json", b'{"hello": "world"}', "not a wallabag or Omnivore export"),
        ("photo.zip", None, "neither a Pocket export"),
        ("broken.zip", b"PK\x03\x04 this is not really a zip", "damaged zip"),
        ("binary.csv", bytes(range(256)) * 4, "is not text"),
    ],
)
def test_unrecognised_or_damaged_files_get_one_line(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("photo.jpg", b"\xff\xd8\xff")
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFileError, match=reason) as raised:
        read_export(path)
    assert "\n" not in str(raised.value)


def test_damaged_rows_and_members_are_refused_whole(tmp_path: Path) -> None:
    pocket = tmp_path / "pocket.csv"
    pocket.write_text(
        "title,url,time_added,cursor,tags,status\nOk,https://a.example/ok-1,1700000000,c,,unread\n"
        '"unterminated,https://a.example/bad-2,1700000000,c,,unread\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError, match="damaged"):
        read_export(pocket, "pocket")

    omnivore = tmp_path / "omnivore"
    shutil.copytree(IMPORTS / "omnivore-export", omnivore)
    (omnivore / "metadata_3_to_4.json").write_text('[{"url": "https://a.example/x-1",', "utf-8")
    with pytest.raises(ImportFileError, match=r"metadata_3_to_4\.json is damaged"):
        read_export(zipped(omnivore, tmp_path / "omnivore.zip"))

    instapaper = tmp_path / "instapaper.csv"
    instapaper.write_text("URL,Title,Folder\nhttps://a.example/x-1,X,Unread\n", "utf-8")
    with pytest.raises(ImportFileError, match="no Selection column"):
        read_export(instapaper, "instapaper")


def test_a_truncated_zip_is_refused(tmp_path: Path) -> None:
    export = zipped(IMPORTS / "pocket-2025", tmp_path / "pocket.zip")
    export.write_bytes(export.read_bytes()[:-60])
    with pytest.raises(ImportFileError, match="damaged"):
        read_export(export)
