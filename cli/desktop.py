"""``install-desktop``: Readshelf in the desktop's menus, file associations and
``readshelf://`` links, for this user (freedesktop systems: Linux, the BSDs).

It copies the desktop file, the icons and the AppStream metainfo from
``resources/`` into the user's XDG data folder, with the desktop file's
``Exec`` pointing at how Readshelf is started here; ``--uninstall`` removes
those same files and nothing else.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import click

from cli.context import emit_json, fail

APP_ID = "io.github.readshelf.Readshelf"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
SCHEME_MIME = "x-scheme-handler/readshelf"
TOOL_TIMEOUT_SECONDS = 20
# Characters that make a desktop file's Exec argument need quoting, and the
# ones to escape inside quotes (Desktop Entry Specification, "The Exec key").
_NEEDS_QUOTES = re.compile(r"""[\s"'\\><~|&;$*?#()`=%]""")
_ESCAPE_IN_QUOTES = re.compile(r"""(["`$\\])""")


@dataclass(frozen=True)
class DesktopFile:
    """One file ``install-desktop`` puts in place: where from, where to."""

    source: str
    """Its path under ``resources/``."""
    target: Path


def xdg_data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    # The spec: a relative path is invalid and ignored.
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def desktop_files(data_home: Path) -> list[DesktopFile]:
    """Every file the installation consists of, in ``data_home``."""
    icons = data_home / "icons" / "hicolor"
    files = [
        DesktopFile(f"desktop/{DESKTOP_FILE}", data_home / "applications" / DESKTOP_FILE),
        DesktopFile(f"desktop/{METAINFO_FILE}", data_home / "metainfo" / METAINFO_FILE),
        DesktopFile(f"icons/{APP_ID}.svg", icons / "scalable" / "apps" / f"{APP_ID}.svg"),
    ]
    files += [
        DesktopFile(
            f"icons/{APP_ID}-{size}.png", icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        )
        for size in ICON_SIZES
    ]
    return files


def launch_command() -> list[str]:
    """How this installation starts Readshelf: the installed ``readshelf``
    script beside this Python, or this Python running ``main.py``."""
    script = Path(sys.executable).parent / "readshelf"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    main = Path(__file__).resolve().parents[1] / "main.py"
    return [sys.executable, str(main)]


def exec_argument(argument: str) -> str:
    """One argument of a desktop file's ``Exec``, quoted when needed."""
    if not _NEEDS_QUOTES.search(argument):
        return argument
    quoted = '"' + _ESCAPE_IN_QUOTES.sub(r"\\\1", argument) + '"'
    # The desktop file's own string escaping applies on top of Exec's.
    return quoted.replace("\\", "\\\\")


def desktop_entry(template: str, command: list[str]) -> str:
    """The desktop file with ``Exec`` and ``TryExec`` pointing at ``command``."""
    exec_line = " ".join(exec_argument(part) for part in command) + " %U"
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            line = f"TryExec={exec_argument(command[0])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(data_home: Path, command: list[str]) -> list[Path]:
    """Copy the files into ``data_home``; returns where they went."""
    package = resources.files("resources")
    written = []
    for item in desktop_files(data_home):
        item.target.parent.mkdir(parents=True, exist_ok=True)
        data = package.joinpath(item.source).read_bytes()
        if item.target.name == DESKTOP_FILE:
            data = desktop_entry(data.decode("utf-8"), command).encode("utf-8")
        item.target.write_bytes(data)
        written.append(item.target)
    return written


def uninstall(data_home: Path) -> list[Path]:
    """Remove the installed files (only ours); returns those that were there."""
    removed = []
    for item in desktop_files(data_home):
        try:
            item.target.unlink()
        except FileNotFoundError:
            continue
        removed.append(item.target)
    return removed


def run_tool(*command: str) -> bool:
    """Run a desktop helper if it is installed; whether it succeeded. Never
    fails: without it, the desktop picks the files up at its next scan."""
    if shutil.which(command[0]) is None:
        return False
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=TOOL_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def refresh_desktop(data_home: Path, *, register_scheme: bool) -> list[str]:
    """Tell the desktop about the change; the helpers that ran."""
    ran = []
    if run_tool("update-desktop-database", "-q", str(data_home / "applications")):
        ran.append("update-desktop-database")
    if register_scheme and run_tool("xdg-mime", "default", DESKTOP_FILE, SCHEME_MIME):
        ran.append("xdg-mime")
    if run_tool("gtk-update-icon-cache", "-q", "-t", str(data_home / "icons" / "hicolor")):
        ran.append("gtk-update-icon-cache")
    return ran


@click.command("install-desktop")
@click.option("--uninstall", "remove", is_flag=True, help="Remove what install-desktop put.")
@click.option("--json", "as_json", is_flag=True, help="Print the files as JSON.")
def install_desktop(remove: bool, as_json: bool) -> None:
    """Add Readshelf to the desktop's menus, web-page files and readshelf:// links.

    For this user only: the files go to $XDG_DATA_HOME (~/.local/share).
    """
    if platform.system() in ("Windows", "Darwin"):
        fail("install-desktop is for Linux and other freedesktop desktops")
    data_home = xdg_data_home()
    try:
        if remove:
            files = uninstall(data_home)
        else:
            command = launch_command()
            files = install(data_home, command)
    except OSError as error:
        fail(f"cannot write to {data_home}: {error.strerror or error}")
    helpers = refresh_desktop(data_home, register_scheme=not remove)
    if as_json:
        emit_json(
            {
                "action": "uninstall" if remove else "install",
                "files": [str(path) for path in files],
                "helpers": helpers,
            }
        )
        return
    if remove:
        click.echo(f"removed {len(files)} files from {data_home}")
        return
    click.echo(f"installed {len(files)} files under {data_home}; starts with: {' '.join(command)}")


COMMANDS = [install_desktop]
