"""Starting the window: the checks that run before Qt can abort the process."""

from __future__ import annotations

from pathlib import Path

from cli.gui import missing_x11_library, xcb_plugin_path


def test_a_plugin_that_cannot_load_is_named_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    problem = missing_x11_library(broken)
    # The loader's own reason ("file too short", "invalid ELF header"), without the path.
    assert problem and str(tmp_path) not in problem


def test_no_plugin_means_nothing_to_check(tmp_path: Path) -> None:
    assert missing_x11_library(tmp_path / "missing.so") is None


def test_the_installed_plugin_is_where_we_look() -> None:
    assert xcb_plugin_path().exists()
