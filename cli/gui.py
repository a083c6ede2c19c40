"""``gui``: the window, or an offscreen screenshot of it."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from cli.context import AppContext, app_context, fail

THEMES = ("light", "sepia", "dark")


def has_display() -> bool:
    """Whether Qt can open a window here (or has been told to go offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if platform.system() in ("Windows", "Darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


X11_PACKAGES = "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"


def xcb_plugin_path() -> Path:
    """Where PySide6 keeps Qt's X11 platform plugin."""
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def missing_x11_library(plugin: Path) -> str | None:
    """Why Qt's X11 plugin at ``plugin`` cannot load here, or None.

    Qt aborts the whole process, with a message naming no fix, when the
    plugin's system libraries are missing; loading it ourselves first turns
    that into one clear line.
    """
    if not plugin.exists():
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as error:
        return str(error).split(": ", 1)[-1]
    if ctypes.util.find_library("xcb-cursor") is None:  # Qt >= 6.5 needs it too
        return "libxcb-cursor.so.0: not found"
    return None


def uses_x11() -> bool:
    return (
        platform.system() == "Linux"
        and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb"
        and bool(os.environ.get("DISPLAY"))
        and not os.environ.get("WAYLAND_DISPLAY")
    )


NO_DISPLAY_HELP = (
    "no display to open the window on. Use the command line instead"
    " (python main.py --help), or render the window offscreen:"
    " QT_QPA_PLATFORM=offscreen python main.py gui --screenshot shot.png"
)


def start_window(
    context: AppContext,
    *,
    sources: Sequence[str] = (),
    open_article: int | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
    theme: str | None = None,
) -> None:
    """Open the window on the context's library and exit with its status.

    ``sources`` (addresses, files, ``readshelf://`` links) are saved in the
    window; when a window is already open on this library, it gets them (and
    any start with no screenshot) and comes to the front instead.
    """
    if screenshot is not None and sources:
        fail("a screenshot saves nothing: give no addresses or files with --screenshot")
    if screenshot is not None and not os.environ.get("QT_QPA_PLATFORM"):
        # A screenshot needs no screen: render offscreen unless told otherwise.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not has_display():
        fail(NO_DISPLAY_HELP)
    problem = missing_x11_library(xcb_plugin_path()) if uses_x11() else None
    if problem is not None:
        fail(
            f"cannot open a window: Qt's X11 support is missing a system library ({problem})."
            f" On Debian or Ubuntu: sudo apt install {X11_PACKAGES}."
            " Meanwhile use the command line (python main.py --help) or render offscreen:"
            " QT_QPA_PLATFORM=offscreen python main.py gui --screenshot shot.png"
        )
    # Opening here imports the samples into a brand-new default library and
    # reports a bad library file as one line before any window appears.
    context.library()
    context.close()
    from ui.app import run_window

    sys.exit(
        run_window(
            context.library_path,
            sources=sources,
            open_article=open_article,
            screenshot=screenshot,
            size=size,
            theme=theme,
        )
    )


def _parse_size(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise click.BadParameter("give the size as WIDTHxHEIGHT, like 1280x800") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise click.BadParameter("the size must be between 320x240 and 8000x8000")
    return width, height


@click.command()
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Render the window offscreen, write this PNG and exit.",
)
@click.option("--open", "open_article", type=int, help="Open this article id.")
@click.option("--size", callback=_parse_size, help="Window size as WIDTHxHEIGHT.")
@click.option("--theme", type=click.Choice(THEMES), help="Reader theme.")
@click.argument("sources", nargs=-1)
def gui(
    sources: tuple[str, ...],
    screenshot: Path | None,
    open_article: int | None,
    size: tuple[int, int] | None,
    theme: str | None,
) -> None:
    """Open the window (the default when no command is given).

    SOURCES are web addresses, files or readshelf:// links to save in it; if
    the window is already open on this library, they go to that window.
    """
    start_window(
        app_context(),
        sources=sources,
        open_article=open_article,
        screenshot=screenshot,
        size=size,
        theme=theme,
    )


COMMANDS = [gui]
