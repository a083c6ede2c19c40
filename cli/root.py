"""The root command group, and ``run``: the command line with its error handling.

Each command lives in a module of this package and is imported only when it
is the one being run (``--help`` imports them all to list them), so a quick
command such as ``tags`` never loads extraction, HTTP or Qt. Command modules
import their shared helpers from ``cli.context``, never from here.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from cli.context import LIBRARY_ENV, AppContext, default_library_path
from core.errors import CaptureError
from core.logs import setup_logging
from storage import LibraryError

logger = logging.getLogger(__name__)

COMMAND_MODULES: dict[str, str] = {
    "add": "cli.capture",
    "retry": "cli.capture",
    "reextract": "cli.capture",
    "show": "cli.articles",
    "list": "cli.articles",
    "search": "cli.articles",
    "tag": "cli.articles",
    "untag": "cli.articles",
    "delete": "cli.articles",
    "mark": "cli.articles",
    "history": "cli.articles",
    "revert": "cli.articles",
    "related": "cli.related",
    "tags": "cli.tags",
    "topics": "cli.tags",
    "feeds": "cli.feeds",
    "backup": "cli.maintenance",
    "restore": "cli.maintenance",
    "check": "cli.maintenance",
    "export": "cli.transfer",
    "import": "cli.importing",
    "gui": "cli.gui",
    "highlight": "cli.highlights",
    "highlights": "cli.highlights",
    "note": "cli.highlights",
    "unhighlight": "cli.highlights",
    "install-desktop": "cli.desktop",
}
"""Every command's name and the module whose ``COMMANDS`` list holds it."""


def load_command(name: str) -> click.Command:
    """Import the module of the command called ``name`` and return the command."""
    module_name = COMMAND_MODULES[name]
    commands: list[click.Command] = importlib.import_module(module_name).COMMANDS
    for command in commands:
        if command.name == name:
            return command
    raise LookupError(f"{module_name}.COMMANDS has no command named {name!r}")


WINDOW_COMMAND = "gui"
"""The command that takes addresses and files to save in the window."""
_ADDRESS = re.compile(r"^([a-z][a-z0-9+.-]*://|www\.|[\w-]+(\.[\w-]+)*\.[a-z]{2,}/)", re.IGNORECASE)


def looks_like_source(argument: str) -> bool:
    """Whether an argument that names no command is something to save: an
    address (``scheme://…``, ``www.…``, ``host.tld/…``) or an existing file.
    A mistyped command (``lsit``) is neither, and stays an error."""
    if _ADDRESS.match(argument):
        return True
    try:
        return Path(argument).expanduser().exists()
    except (OSError, ValueError):
        return False


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is used.

    ``readshelf URL|FILE...`` (a desktop's ``%U``, a ``readshelf://`` link)
    means ``readshelf gui URL|FILE...``: open the window and save them there.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        return load_command(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in COMMAND_MODULES and looks_like_source(args[0]):
            return WINDOW_COMMAND, load_command(WINDOW_COMMAND), list(args)
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--library",
    "library_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=LIBRARY_ENV,
    help=f"Library file to use (default: the user data folder; or set {LIBRARY_ENV}).",
)
@click.option(
    "--verbose",
    is_flag=True,
    help="Log debugging detail to stderr as well as to the log file.",
)
@click.version_option(package_name="readshelf")
@click.pass_context
def cli(ctx: click.Context, library_path: Path | None, verbose: bool) -> None:
    """Readshelf: an offline library of saved articles.

    With no command, opens the window; with addresses or files instead of a
    command, opens it (or the one already open) and saves them there.
    """
    if verbose:
        setup_logging(verbose=True)
    context = AppContext(
        library_path=library_path or default_library_path(),
        is_default=library_path is None,
    )
    logger.debug("library %s, command %s", context.library_path, ctx.invoked_subcommand)
    ctx.obj = context
    ctx.call_on_close(context.close)
    if ctx.invoked_subcommand is None:
        from cli.gui import start_window

        start_window(context)


def error_line(message: str) -> int:
    """Print one ``error:`` line on stderr; returns the exit status, 1."""
    click.echo(f"error: {message}", err=True)
    return 1


def report_bug(error: Exception, argv: Sequence[str], log_path: Path | None) -> int:
    """Log an unexpected exception with its traceback; tell the person in one line."""
    logger.error("unexpected error running %s", " ".join(argv), exc_info=error)
    what = " ".join(f"{type(error).__name__}: {error}".split())
    where = f"details in {log_path}" if log_path is not None else "details above"
    return error_line(f"something went wrong: {what} ({where})")


def run(argv: Sequence[str] | None = None, *, prog_name: str = "readshelf") -> int:
    """Run the command line on ``argv`` and return the exit status.

    Expected failures (bad input, a library that cannot be used, a click
    usage error) are one ``error:`` line; anything else is a bug, logged with
    its traceback and reported in one line naming the log file.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    log_path = setup_logging()
    try:
        # Not standalone: click returns the status of ``--help``/``--version``
        # (its ``Exit``) and raises everything else for the handlers below.
        status = cli.main(args=args, prog_name=prog_name, standalone_mode=False)
    except SystemExit as done:
        return exit_status(done.code)
    except click.Abort:
        return error_line("aborted")
    except click.ClickException as error:
        return error_line(f"{error.format_message()} (see --help)")
    except (LibraryError, CaptureError) as error:
        return error_line(str(error))
    except KeyboardInterrupt:
        return error_line("interrupted")
    except BrokenPipeError:
        return 1
    except Exception as error:
        return report_bug(error, [prog_name, *args], log_path)
    return status if isinstance(status, int) else 0


def exit_status(code: str | int | None) -> int:
    """The status ``sys.exit(code)`` gives the process."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    click.echo(code, err=True)
    return 1


def main() -> NoReturn:
    """Entry point of ``main.py``: run the command line and exit with its status."""
    for stream in (sys.stdout, sys.stderr):
        # JSON and Vietnamese text must come out as UTF-8 whatever the locale.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    sys.exit(run(prog_name=os.path.basename(sys.argv[0]) or "readshelf"))
