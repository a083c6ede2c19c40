"""The export folder: which folders an export may write into, pictures
written once by their bytes, and files an earlier export left behind."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from core.files import image_file_name
from export.folder import (
    ExportError,
    prepare_export_directory,
    remove_stale_files,
    write_atomically,
    write_image,
)
from tests.support.images import gif, jpeg, png

MARKER = "<!-- test export -->"


def prepare(directory: Path) -> None:
    prepare_export_directory(directory, "index.txt", MARKER, "test export")


def test_a_new_folder_is_created_with_its_images_folder(tmp_path: Path) -> None:
    prepare(tmp_path / "new" / "export")
    assert (tmp_path / "new" / "export" / "images").is_dir()


def test_an_earlier_export_of_the_same_kind_is_accepted(tmp_path: Path) -> None:
    directory = tmp_path / "export"
    directory.mkdir()
    (directory / "index.txt").write_text(f"{MARKER}\nlisted", encoding="utf-8")
    (directory / "page-1.txt").write_text("old page", encoding="utf-8")
    prepare(directory)
    assert (directory / "page-1.txt").read_text(encoding="utf-8") == "old page"


def test_a_folder_of_other_files_is_refused_untouched(tmp_path: Path) -> None:
    directory = tmp_path / "notes"
    directory.mkdir()
    (directory / "thesis.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty and is not an earlier") as caught:
        prepare(directory)
    assert "Readshelf test export" in str(caught.value) and "\n" not in str(caught.value)
    assert [path.name for path in directory.iterdir()] == ["thesis.txt"]


def test_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        prepare(tmp_path / "file")


def test_picture_names_come_from_their_bytes_and_type() -> None:
    red = png(1, 1, (200, 0, 0))
    digest = hashlib.sha256(red).hexdigest()
    assert image_file_name(red, "image/png") == f"images/{digest}.png"
    assert image_file_name(red, "IMAGE/PNG; charset=x") == f"images/{digest}.png"
    assert image_file_name(red, None).endswith(".png")  # sniffed
    assert image_file_name(jpeg(2, 2), None).endswith(".jpg")
    assert image_file_name(gif(), "application/octet-stream").endswith(".gif")
    assert image_file_name(b"not a picture", None).endswith(".bin")


def test_a_picture_is_written_once_and_kept_when_unchanged(tmp_path: Path) -> None:
    prepare(tmp_path)
    red = png(1, 1, (200, 0, 0))
    written: set[str] = set()
    first = write_image(tmp_path, red, "image/png", written)
    assert write_image(tmp_path, red, "image/png", written) == first
    assert written == {first} and (tmp_path / first).read_bytes() == red
    stamp = (tmp_path / first).stat().st_mtime_ns
    again = write_image(tmp_path, red, "image/png", set())
    assert (tmp_path / again).stat().st_mtime_ns == stamp  # same bytes: not rewritten


def test_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_atomically(tmp_path / "page.txt", "Hà Nội".encode(), durable=True)
    assert [path.name for path in tmp_path.iterdir()] == ["page.txt"]
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") == "Hà Nội"


def test_a_failed_write_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "page.txt").mkdir()  # a folder where the file should go
    with pytest.raises(ExportError, match="cannot write") as caught:
        write_atomically(tmp_path / "page.txt", b"x")
    assert "\n" not in str(caught.value)
    assert [path.name for path in tmp_path.iterdir()] == ["page.txt"]


def test_stale_files_go_and_everything_else_stays(tmp_path: Path) -> None:
    for name in ("kept-1.txt", "gone-2.txt", ".x.txt.readshelf-tmp", "notes.md", ".hidden"):
        (tmp_path / name).write_text(name)
    remove_stale_files(tmp_path, {"kept-1.txt"}, re.compile(r"[a-z-]+-\d+\.txt"))
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        ".hidden",
        "kept-1.txt",
        "notes.md",
    ]
    remove_stale_files(tmp_path / "missing", set())  # no folder: nothing to do
