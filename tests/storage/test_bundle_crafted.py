"""Crafted bundles (issue 12, item 11): every field is checked against the
bundle's JSON Schema, with depth limits, before anything is written.

Each case is a real bundle of the rich library with one value changed the
way an attacker (or a broken tool) would. The import must fail with one
clear line, write nothing, and leave the library as it was; and the
library must still list, show and export afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storage import ArticleRecord, Library
from storage.bundle import MANIFEST, BundleError, export_bundle, import_bundle, library_digest
from storage.maintenance import check_library
from tests.storage.test_bundle import bundle_dir, manifest, rich, save_manifest, template_dir

__all__ = ["bundle_dir", "rich", "template_dir"]  # fixtures shared with test_bundle


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set the value at a dotted path (list indexes as numbers)."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _raw(replace: Callable[[str], str]) -> Callable[[Path], None]:
    """Edit the manifest's text itself (what json.dumps cannot write)."""

    def damage(directory: Path) -> None:
        path = directory / MANIFEST
        path.write_text(replace(path.read_text(encoding="utf-8")), encoding="utf-8")

    return damage


def _edited(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def damage(directory: Path) -> None:
        data = manifest(directory)
        change(data)
        save_manifest(directory, data)

    return damage


DEEP = 100_000

CRAFTED: dict[str, tuple[Callable[[Path], None], str]] = {
    "word count 1e999": (
        _raw(lambda text: text.replace('"word_count": ', '"word_count": 1e999, "x": ', 1)),
        "is too large",
    ),
    "word count zz": (_edited(_set("articles.0.word_count", "zz")), "should be a whole number"),
    "negative word count": (_edited(_set("articles.0.word_count", -3)), "word_count"),
    "word count NaN": (
        _raw(lambda text: text.replace('"word_count": ', '"word_count": NaN, "x": ', 1)),
        "not a number JSON allows",
    ),
    "integer of 5000 digits": (
        _raw(lambda text: text.replace('"word_count": ', '"word_count": ' + "9" * 5000 + ", ", 1)),
        "is damaged",
    ),
    "lone surrogate title": (
        _raw(lambda text: text.replace('"title": "', '"title": "\\ud800', 1)),
        "not valid Unicode text",
    ),
    "lone surrogate tag": (
        _raw(lambda text: text.replace('"Bầu cử"', '"\\udc00Bầu cử"', 1)),
        "not valid Unicode text",
    ),
    "100k-deep array": (
        _raw(
            lambda text: text.replace(
                '"articles": [', '"articles": [' + "[" * DEEP + "]" * DEEP + ",", 1
            )
        ),
        "nest deeper than",
    ),
    "100k-deep array in a column": (
        _raw(
            lambda text: text.replace(
                '"lead": ', '"lead": ' + "[" * DEEP + "]" * DEEP + ', "y": ', 1
            )
        ),
        "nest deeper than",
    ),
    "3000-deep feed folder": (
        _edited(_set("feeds.0.folder", json.dumps([f"Thư mục {n}" for n in range(3000)]))),
        "folder",
    ),
    "folder nested in JSON": (
        _edited(_set("feeds.0.folder", "[" * 3000 + "]" * 3000)),
        "folder",
    ),
    "folder that is not a list": (_edited(_set("feeds.0.folder", '{"a": 1}')), "folder"),
    "extraction that is a list": (
        _edited(_set("articles.0.extraction", "[1, 2]")),
        "extraction",
    ),
    "reading position 7": (_edited(_set("articles.0.reading_position", 7)), "reading_position"),
    "saved date zz": (_edited(_set("articles.0.saved", "zz")), "not an ISO 8601 date"),
    "favorite 2": (_edited(_set("articles.0.favorite", 2)), "does not fit this library"),
    "id zero": (_edited(_set("articles.0.id", 0)), "id"),
    "title missing": (
        _edited(lambda data: data["articles"][0].pop("title")),
        "'title' is missing",
    ),
    "object as a column": (_edited(_set("articles.0.mood", {"a": 1})), "mood"),
    "image position text": (
        _edited(_set("articles.2.images.0.position", "first")),
        "position should be a whole number",
    ),
    "duplicate ids": (
        _edited(lambda data: data["articles"][1].update(id=data["articles"][0]["id"])),
        "share the id",
    ),
    "a name twice": (
        _raw(lambda text: text.replace('"tags": [', '"tags": [], "tags": [', 1)),
        "appears twice",
    ),
    "not UTF-8": (
        lambda directory: (directory / MANIFEST).write_bytes(
            (directory / MANIFEST).read_bytes().replace(b'"title": "', b'"title": "\xff', 1)
        ),
        "not UTF-8",
    ),
    "trailing text": (_raw(lambda text: text + "{}"), "more after the end"),
}


@pytest.mark.parametrize("into", ["empty", "with content"])
@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_bundle_is_refused_in_one_line_and_nothing_is_written(
    tmp_path: Path, bundle_dir: Path, case: str, into: str
) -> None:
    damage, message = CRAFTED[case]
    damage(bundle_dir)
    with Library(tmp_path / "target.sqlite") as target:
        if into == "with content":
            target.save_article(ArticleRecord(title="Của tôi", body_text="riêng"), tags=["Riêng"])
        before = library_digest(target)
        writes = target.write_count()
        with pytest.raises(BundleError, match=message) as caught:
            import_bundle(target, bundle_dir)
        assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
        str(caught.value).encode("utf-8")  # printable as is
        assert library_digest(target) == before
        assert target.write_count() == writes
        assert check_library(target).ok
        listed = target.list_articles()
        assert [target.get_article(summary.id).title for summary in listed] == (
            ["Của tôi"] if into == "with content" else []
        )
        export_bundle(target, tmp_path / "after")


def test_a_bundle_in_another_key_order_on_one_line_imports(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    data = manifest(bundle_dir)
    reordered = {key: data[key] for key in ("feeds", "articles", "tags", "exported")}
    reordered.update(format_version=data["format_version"], format=data["format"])
    (bundle_dir / MANIFEST).write_text(
        "\ufeff" + json.dumps(reordered, separators=(",", ":")), encoding="utf-8"
    )
    with Library(rich[0]) as original, Library(tmp_path / "copy.sqlite") as copy:
        import_bundle(copy, bundle_dir)
        assert library_digest(copy) == library_digest(original)


def test_a_newer_format_is_named_even_after_entries_this_version_cannot_read(
    tmp_path: Path, bundle_dir: Path
) -> None:
    data = manifest(bundle_dir)
    data["articles"][0]["word_count"] = "many"
    del data["format_version"]
    data["format_version"] = 99  # written last, after the articles
    save_manifest(bundle_dir, data)
    with Library(tmp_path / "copy.sqlite") as copy, pytest.raises(BundleError, match="newer"):
        import_bundle(copy, bundle_dir)


def test_values_longer_than_a_read_chunk_travel_whole(tmp_path: Path) -> None:
    # Brackets, quotes and escapes straddling the reader's 1 MB windows.
    body = '"[{\\}]" Hà Nội ' * 250_000 + "\n\nkết thúc"
    with Library(tmp_path / "big.sqlite") as library:
        library.save_article(ArticleRecord(title="Dài", body_text=body, source=body.encode()))
        library.save_article(ArticleRecord(title="Ngắn", body_text="ngắn"))
        export_bundle(library, tmp_path / "bundle")
        digest = library_digest(library)
    with Library(tmp_path / "copy.sqlite") as copy:
        import_bundle(copy, tmp_path / "bundle")
        assert library_digest(copy) == digest
