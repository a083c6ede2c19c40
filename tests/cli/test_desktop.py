"""The desktop files: they validate, ``install-desktop`` puts them in the
user's XDG folders pointing at this Readshelf, and ``--uninstall`` takes back
exactly those; and ``readshelf URL|FILE`` versus a mistyped command."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cli.desktop import APP_ID, exec_argument, launch_command
from tests.support.cli import ROOT, cli_env, invoke_cli, invoke_json

DESKTOP = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"


def validate(*command: str) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (Debian: desktop-file-utils, appstream)")
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_desktop_file_validates() -> None:
    validate("desktop-file-validate", str(DESKTOP))


def test_the_metainfo_validates_and_names_this_version() -> None:
    validate("appstreamcli", "validate", "--no-net", str(METAINFO))
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    assert releases[0].get("version") == version


def test_install_and_uninstall(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = cli_env(tmp_path / "home", XDG_DATA_HOME=str(data))
    mine = data / "applications" / "someone-else.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Desktop Entry]\n")
    installed = invoke_json("install-desktop", env=env)
    files = [Path(path) for path in installed["files"]]
    assert all(path.is_file() and data in path.parents for path in files)
    desktop = data / "applications" / f"{APP_ID}.desktop"
    assert desktop in files
    assert data / "icons/hicolor/256x256/apps" / f"{APP_ID}.png" in files
    assert data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg" in files
    assert data / "metainfo" / f"{APP_ID}.metainfo.xml" in files
    exec_line = next(line for line in desktop.read_text().splitlines() if line.startswith("Exec="))
    command = launch_command()
    assert exec_line == "Exec=" + " ".join(exec_argument(part) for part in command) + " %U"
    assert Path(command[0]).is_file()
    if shutil.which("desktop-file-validate"):
        validate("desktop-file-validate", str(desktop))
    removed = invoke_json("install-desktop", "--uninstall", env=env)
    assert sorted(removed["files"]) == sorted(installed["files"])
    assert not any(path.exists() for path in files)
    assert mine.read_text() == "[Desktop Entry]\n"


def test_exec_arguments_are_quoted_when_needed() -> None:
    assert exec_argument("/usr/bin/readshelf") == "/usr/bin/readshelf"
    # Quoted for Exec, then the backslash doubled for the desktop file's own escaping.
    assert exec_argument('/home/a b/$x"') == '"/home/a b/\\\\$x\\\\""'


def test_a_mistyped_command_is_still_an_error(tmp_path: Path) -> None:
    done = invoke_cli("lsit", library=tmp_path / "lib.sqlite", env=cli_env(tmp_path / "home"))
    assert done.returncode == 1
    assert "No such command 'lsit'" in done.stderr


def test_a_refused_link_is_one_line(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", QT_QPA_PLATFORM="offscreen")
    done = invoke_cli(
        "readshelf://save?url=javascript%3Aalert(1)", library=tmp_path / "lib.sqlite", env=env
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: cannot save javascript:alert(1): only http and https addresses can be saved"
    ]


def test_help_lists_the_commands(tmp_path: Path) -> None:
    done = invoke_cli("--help", env=cli_env(tmp_path / "home"))
    assert done.returncode == 0
    assert "install-desktop" in done.stdout
