"""Kept versions (with their pictures and sources) and highlights travel in a
bundle: a round trip into an empty library is identical, a merge renumbers
versions after the library's own and never adds a highlight twice, and a
crafted version or highlight is refused whole (issues 12 and 15)."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.imported import ImportedHighlight
from storage import ArticleRecord, ImageRecord, Library
from storage import highlights as stored_highlights
from storage.bundle import (
    MANIFEST,
    BundleError,
    export_bundle,
    import_bundle,
    library_digest,
)
from storage.maintenance import check_library

URL = "https://example.vn/pho-co"
WORDS = [
    "Phố",
    "cổ",
    "Hà",
    "Nội",
    "có",
    "ba",
    "mươi",
    "sáu",
    "phố",
    "phường",
    "đông",
    "vui",
    "buổi",
    "sáng",
]


def _body(seed: int, words: int = 60) -> str:
    """A deterministic Vietnamese text, different for each seed."""
    return " ".join(WORDS[(seed * 7 + index) % len(WORDS)] + str(seed) for index in range(words))


def _picture(seed: int) -> ImageRecord:
    data = b"\x89PNG\r\n\x1a\n" + hashlib.sha256(str(seed).encode()).digest()
    return ImageRecord(src=f"https://example.vn/{seed}.png", alt=f"ảnh {seed}", data=data,
                       mime="image/png", width=10 + seed, height=20)  # fmt: skip


def _save(library: Library, seed: int, *, title: str = "Phố cổ", words: int = 60) -> int:
    record = ArticleRecord(
        title=title,
        url=URL,
        body_text=_body(seed, words),
        reader_html=f"<p>{_body(seed, words)}</p>",
        images=[_picture(seed), _picture(seed + 100)],
        source=f"<html>{_body(seed, words)}</html>".encode(),
        source_type="text/html",
        arrived_by="url",
    )
    return library.save_article(record).id


def _highlight(library: Library, article_id: int, quote: str, note: str = "") -> None:
    with library.store.write() as conn:
        stored_highlights.add(
            conn,
            article_id,
            [ImportedHighlight(quote=quote, note=note, prefix="Phố", start=3, end=3 + len(quote))],
            origin=None,
            now="2026-06-01T08:00:00+00:00",
        )


def _with_history(path: Path) -> tuple[Library, int]:
    """A library whose article has three versions: two replaced texts and a
    much shorter one held back, each with pictures and a source; two
    highlights and a note; and a second article without any."""
    library = Library(path)
    article_id = _save(library, 1)
    _save(library, 2)
    _save(library, 3)
    _save(library, 4, words=10)  # much shorter: held back as a version
    _highlight(library, article_id, _body(3).split()[0], "đẹp")
    _highlight(library, article_id, _body(3).split()[1])
    _highlight(library, article_id, "", "Ghi chú về cả bài")
    library.save_article(ArticleRecord(title="Khác", body_text="Bài khác, không có phiên bản."))
    return library, article_id


def _history(library: Library, article_id: int) -> tuple[Any, ...]:
    """Everything the person can read of an article's versions and highlights."""
    kept = library.versions(article_id)
    texts = [library.article_version(article_id, version.number) for version in kept]
    pictures = [
        library.version_image_data(article_id, version.number, image.position)
        for version, text in zip(kept, texts, strict=True)
        for image in text.images
    ]
    return kept, texts, pictures, library.highlights(article_id)


def test_versions_and_highlights_round_trip_identically(tmp_path: Path) -> None:
    library, article_id = _with_history(tmp_path / "mine.sqlite")
    with library:
        assert [v.number for v in library.versions(article_id)] == [1, 2, 3]
        assert len(library.article_version(article_id, 1).images) == 2
        assert len(library.highlights(article_id)) == 3
        result = export_bundle(library, tmp_path / "bundle")
        assert result.skipped_tables == ()
        digest = library_digest(library)
        history = _history(library, article_id)
    with Library(tmp_path / "copy.sqlite") as copy:
        imported = import_bundle(copy, tmp_path / "bundle")
        assert not imported.merged and imported.ignored_columns == ()
        assert library_digest(copy) == digest
        assert _history(copy, article_id) == history
        assert copy.versions_size() > 0
        assert check_library(copy).ok


def test_version_pictures_are_stored_once_by_their_bytes(tmp_path: Path) -> None:
    library, _ = _with_history(tmp_path / "mine.sqlite")
    with library:
        export_bundle(library, tmp_path / "bundle")
    files = sorted(path.name for path in (tmp_path / "bundle" / "images").iterdir())
    # Seeds 1..4 and 101..104: each picture once, whether an article's or a version's.
    assert len(files) == 8 == len(set(files))
    data = json.loads((tmp_path / "bundle" / MANIFEST).read_text(encoding="utf-8"))
    [first] = [entry for entry in data["articles"] if entry["versions"]]
    assert [version["number"] for version in first["versions"]] == [1, 2, 3]
    assert all(version["content"]["file"].startswith("versions/") for version in first["versions"])


def test_a_merge_renumbers_versions_after_the_librarys_own(tmp_path: Path) -> None:
    library, _ = _with_history(tmp_path / "mine.sqlite")
    with library:
        export_bundle(library, tmp_path / "bundle")
        bundle_texts = [
            library.article_version(1, n).body_text for n in (1, 2, 3)
        ]  # fmt: skip
    with Library(tmp_path / "other.sqlite") as other:
        own = _save(other, 11)
        _save(other, 12)
        own_versions = other.versions(own)
        own_text = other.get_article(own).body_text
        assert [v.number for v in own_versions] == [1]
        result = import_bundle(other, tmp_path / "bundle")
        assert result.merged and result.updated == 1
        kept = other.versions(own)
        # The library's own version stays 1; its current text (replaced by
        # the bundle's) is kept as 2; the bundle's three come after.
        assert [v.number for v in kept] == [1, 2, 3, 4, 5]
        assert kept[0] == own_versions[0]
        texts = [other.article_version(own, v.number).body_text for v in kept]
        assert texts[1] == own_text
        assert texts[2:] == bundle_texts
        assert other.get_article(own).body_text == _body(3)
        assert check_library(other).ok


def test_importing_twice_adds_no_highlight_nor_version_twice(tmp_path: Path) -> None:
    library, article_id = _with_history(tmp_path / "mine.sqlite")
    with library:
        export_bundle(library, tmp_path / "bundle")
        highlights = library.highlights(article_id)
    with Library(tmp_path / "other.sqlite") as other:
        other.save_article(ArticleRecord(title="Của tôi", body_text="riêng"))
        import_bundle(other, tmp_path / "bundle")
        page = other.find_article_id(URL)
        assert page is not None
        first = (other.versions(page), other.highlights(page), library_digest(other))
        assert [(h.quote, h.note) for h in first[1]] == [(h.quote, h.note) for h in highlights]
        import_bundle(other, tmp_path / "bundle")
        assert (other.versions(page), other.highlights(page), library_digest(other)) == first


def _load(directory: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    return data


def _first_version(data: dict[str, Any]) -> dict[str, Any]:
    version: dict[str, Any] = next(a for a in data["articles"] if a["versions"])["versions"][0]
    return version


def _rewrite_content(directory: Path, version: dict[str, Any], packed: bytes) -> None:
    """Put other packed bytes in a version's content file, its hash updated."""
    (directory / version["content"]["file"]).write_bytes(packed)
    version["content"]["sha256"] = hashlib.sha256(packed).hexdigest()


def _bad_number(directory: Path, data: dict[str, Any]) -> None:
    _first_version(data)["number"] = -1


def _other_article(directory: Path, data: dict[str, Any]) -> None:
    _first_version(data)["article_id"] = 999


def _unknown_compression(directory: Path, data: dict[str, Any]) -> None:
    _first_version(data)["compression"] = "lzma"


def _not_zlib(directory: Path, data: dict[str, Any]) -> None:
    _rewrite_content(directory, _first_version(data), b"not zlib at all")


def _wrong_size(directory: Path, data: dict[str, Any]) -> None:
    _first_version(data)["original_size"] += 1


def _bad_packed_column(directory: Path, data: dict[str, Any]) -> None:
    version = _first_version(data)
    packed = zlib.decompress((directory / version["content"]["file"]).read_bytes())
    content = json.loads(packed)
    content["columns"]["word_count"] = "zz"
    text = json.dumps(content, ensure_ascii=False).encode()
    version["original_size"] = len(text)
    _rewrite_content(directory, version, zlib.compress(text))


def _bad_highlight(directory: Path, data: dict[str, Any]) -> None:
    next(a for a in data["articles"] if a["highlights"])["highlights"][0]["start"] = -5


def _missing_source_file(directory: Path, data: dict[str, Any]) -> None:
    (directory / _first_version(data)["source"]["file"]).unlink()


@pytest.mark.parametrize(
    ("craft", "words"),
    [
        (_bad_number, "number"),
        (_other_article, "article_id"),
        (_unknown_compression, "compression"),
        (_not_zlib, "damaged"),
        (_wrong_size, "size"),
        (_bad_packed_column, "word_count"),
        (_bad_highlight, "start"),
        (_missing_source_file, "missing"),
    ],
)
def test_a_crafted_version_or_highlight_is_one_error_and_changes_nothing(
    tmp_path: Path, craft: Callable[[Path, dict[str, Any]], None], words: str
) -> None:
    library, _ = _with_history(tmp_path / "mine.sqlite")
    with library:
        export_bundle(library, tmp_path / "bundle")
    data = _load(tmp_path / "bundle")
    craft(tmp_path / "bundle", data)
    (tmp_path / "bundle" / MANIFEST).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    for name in ("empty.sqlite", "full.sqlite"):
        with Library(tmp_path / name) as target:
            if name == "full.sqlite":
                _save(target, 21)
                _save(target, 22)
            before = library_digest(target)
            with pytest.raises(BundleError) as raised:
                import_bundle(target, tmp_path / "bundle")
            message = str(raised.value)
            assert "\n" not in message and words in message, message
            assert library_digest(target) == before


def test_highlights_made_here_and_lost_ones_round_trip_and_stay_searchable(
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "mine.sqlite") as library:
        article_id = _save(library, 1)
        words = _body(1).split()
        library.add_highlight(article_id, " ".join(words[5:8]), color="blue", note="mất")
        library.add_note(article_id, "Ghi chú riêng về ngựa vằn")
        _save(library, 2)  # a new text, without the quote: kept, marked lost
        highlights = library.highlights(article_id)
        assert [(h.kind, h.found, h.color) for h in highlights] == [
            ("highlight", False, "blue"),
            ("note", True, None),
        ]
        export_bundle(library, tmp_path / "bundle")
        digest = library_digest(library)
    with Library(tmp_path / "copy.sqlite") as copy:
        import_bundle(copy, tmp_path / "bundle")
        assert copy.highlights(article_id) == highlights
        assert library_digest(copy) == digest
        assert [hit.id for hit in copy.search("ngua van")] == [article_id]
        assert [hit.id for hit in copy.search("mat")] == [article_id]
