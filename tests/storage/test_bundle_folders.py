"""Where an export goes (issue 12, item 9): built beside the bundle and
swapped in, so what an interrupted export leaves is found and cleaned up.

The real interruption (SIGKILL of a running export) is in
test_bundle_crash.py; these set up each state it can leave directly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from storage import Library
from storage.bundle import MANIFEST, export_bundle, import_bundle, library_digest
from storage.bundle.folders import NEW_SUFFIX, OLD_SUFFIX
from tests.storage.test_bundle import bundle_dir, rich, template_dir

__all__ = ["bundle_dir", "rich", "template_dir"]  # fixtures shared with test_bundle


def digest_of_import(folder: Path, target: Path) -> str:
    with Library(target) as library:
        import_bundle(library, folder)
        return library_digest(library)


def siblings(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.parent.iterdir() if folder.name in path.name)


def test_an_unfinished_new_folder_is_removed_by_the_next_export(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    unfinished = bundle_dir.with_name(f".{bundle_dir.name}{NEW_SUFFIX}")
    (unfinished / "sources").mkdir(parents=True)
    (unfinished / "sources" / "1.txt.zlib").write_bytes(b"half")
    with Library(rich[0]) as library:
        library.set_reading_position(rich[1]["seed"], 0.9)
        export_bundle(library, bundle_dir)
        digest = library_digest(library)
    assert siblings(bundle_dir) == ["bundle"]
    assert digest_of_import(bundle_dir, tmp_path / "copy.sqlite") == digest


def test_a_bundle_set_aside_mid_swap_still_imports_and_is_put_back(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    with Library(rich[0]) as library:
        digest = library_digest(library)
    # Killed between setting the earlier bundle aside and renaming the new one in.
    aside = bundle_dir.with_name(f".{bundle_dir.name}{OLD_SUFFIX}")
    bundle_dir.rename(aside)
    shutil.copytree(aside, bundle_dir.with_name(f".{bundle_dir.name}{NEW_SUFFIX}"))
    assert digest_of_import(bundle_dir, tmp_path / "copy.sqlite") == digest
    with Library(rich[0]) as library:
        export_bundle(library, bundle_dir)
    assert siblings(bundle_dir) == ["bundle"]
    assert digest_of_import(bundle_dir, tmp_path / "again.sqlite") == digest


def test_a_bundle_left_beside_a_finished_swap_is_removed(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    shutil.copytree(bundle_dir, bundle_dir.with_name(f".{bundle_dir.name}{OLD_SUFFIX}"))
    with Library(rich[0]) as library:
        export_bundle(library, bundle_dir)
    assert siblings(bundle_dir) == ["bundle"]


def test_an_empty_folder_and_a_link_to_a_bundle_are_exported_into(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    link = tmp_path / "link"
    link.symlink_to(bundle_dir)
    with Library(rich[0]) as library:
        assert export_bundle(library, empty).directory == empty
        result = export_bundle(library, link)
    assert result.directory == link
    assert link.is_symlink() and (bundle_dir / MANIFEST).is_file()
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def test_unchanged_files_of_the_earlier_bundle_are_reused_not_copied(
    rich: tuple[Path, dict[str, int]], bundle_dir: Path
) -> None:
    picture = next((bundle_dir / "images").iterdir())
    before = picture.stat().st_ino
    with Library(rich[0]) as library:
        export_bundle(library, bundle_dir)
    assert picture.stat().st_ino == before  # the same file, linked into the new folder
