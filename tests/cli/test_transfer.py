"""``export`` and ``import`` end to end, through the real entry point (in-process) on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage import Library
from storage.bundle import MANIFEST, library_digest
from tests.storage.test_bundle import build_rich_library
from tests.support.cli import CliResult, cli_env, invoke_cli, invoke_json


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path / "home")


@pytest.fixture
def rich_path(tmp_path: Path, seed_path: Path) -> Path:
    path = tmp_path / "rich.sqlite"
    build_rich_library(path, seed_path)
    return path


def digest(path: Path) -> str:
    with Library(path) as library:
        return library_digest(library)


def assert_one_line_error(done: CliResult, fragment: str) -> None:
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: "), done.stderr
    assert fragment in done.stderr


def test_export_then_import_gives_the_same_library(
    tmp_path: Path, rich_path: Path, env: dict[str, str]
) -> None:
    bundle = tmp_path / "bundle"
    exported = invoke_json("export", "--out", bundle, library=rich_path, env=env)
    assert exported == {
        "format": "bundle",
        "directory": str(bundle),
        "articles": 4,
        "images": 2,
        "skipped_tables": [],
    }
    assert json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))["articles"]

    copy = tmp_path / "copy.sqlite"
    imported = invoke_json("import", bundle, library=copy, env=env)
    assert (imported["added"], imported["updated"], imported["merged"]) == (4, 0, False)
    assert imported["feeds_added"] == 1
    assert digest(copy) == digest(rich_path)
    with Library(copy) as library:
        assert [hit.title for hit in library.search('"mùa thu"')] == ["Đường phố Hà Nội mùa thu"]

    again = invoke_cli("import", bundle, library=copy, env=env)
    assert again.returncode == 0, again.stderr
    assert "0 added, 4 updated" in again.stdout
    assert digest(copy) == digest(rich_path)  # merged into itself: no second copy


def test_html_and_markdown_exports(tmp_path: Path, rich_path: Path, env: dict[str, str]) -> None:
    for export_format, suffix in (("html", "html"), ("markdown", "md")):
        directory = tmp_path / export_format
        done = invoke_cli(
            "export", "--format", export_format, "--out", directory, library=rich_path, env=env
        )
        assert done.returncode == 0, done.stderr
        assert "exported 4 articles and 2 pictures" in done.stdout
        pages = [path for path in directory.glob(f"*.{suffix}") if path.stem != "index"]
        assert len(pages) == 4 and (directory / f"index.{suffix}").is_file()
        text = "".join(page.read_text(encoding="utf-8") for page in pages)
        assert "Phố cổ buổi sáng" in text and "Quang cảnh hội nghị" in text
        assert len(list((directory / "images").iterdir())) == 2


def test_refusals_are_one_line_errors_and_change_nothing(
    tmp_path: Path, rich_path: Path, env: dict[str, str]
) -> None:
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    (crowded / "notes.txt").write_text("mine")
    done = invoke_cli("export", "--out", crowded, library=rich_path, env=env)
    assert_one_line_error(done, "not empty")
    assert [path.name for path in crowded.iterdir()] == ["notes.txt"]

    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / MANIFEST).write_text(
        '{"format": "readshelf-bundle", "articles": [', encoding="utf-8"
    )
    before = digest(rich_path)
    assert_one_line_error(invoke_cli("import", damaged, library=rich_path, env=env), "is damaged")
    assert digest(rich_path) == before
