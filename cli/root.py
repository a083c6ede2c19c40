"""The root command group, the library it opens, and shared output helpers."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
import platformdirs

from storage import Library, LibraryError

APP_NAME = "Readshelf"
LIBRARY_ENV = "READSHELF_LIBRARY"


def default_library_path() -> Path:
    """Where the library lives unless told otherwise: the user data folder."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "library.sqlite"


@dataclass
class AppContext:
    """What every command shares: the library path and, once opened, the library."""

    library_path: Path
    is_default: bool
    _library: Library | None = field(default=None, repr=False)

    def library(self) -> Library:
        """Open the library on first use. A brand-new default library gets
        the bundled samples, so a newcomer has something to read."""
        if self._library is None:
            try:
                library = Library(self.library_path)
            except LibraryError as error:
                fail(f"cannot open library {self.library_path}: {error}")
            if self.is_default and library.created:
                from services.samples import import_samples

                import_samples(library)
            if library.notice:
                click.echo(f"note: {library.notice}", err=True)
            library.backup_if_due()
            self._library = library
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit with status 1."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def emit_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def app_context() -> AppContext:
    context = click.get_current_context().find_object(AppContext)
    assert context is not None, "commands run under the root group"
    return context


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--library",
    "library_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=LIBRARY_ENV,
    help=f"Library file to use (default: the user data folder; or set {LIBRARY_ENV}).",
)
@click.version_option(package_name="readshelf")
@click.pass_context
def cli(ctx: click.Context, library_path: Path | None) -> None:
    """Readshelf: an offline library of saved articles.

    With no command, opens the window.
    """
    context = AppContext(
        library_path=library_path or default_library_path(),
        is_default=library_path is None,
    )
    ctx.obj = context
    ctx.call_on_close(context.close)
    if ctx.invoked_subcommand is None:
        from cli.gui import start_window

        start_window(context)


def _register_commands() -> None:
    from cli import articles, capture, feeds, gui, maintenance, related, tags, transfer

    for module in (capture, articles, related, tags, feeds, maintenance, transfer, gui):
        for command in module.COMMANDS:
            cli.add_command(command)


_register_commands()


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point: run the CLI; errors are one line on stderr and exit 1."""
    for stream in (sys.stdout, sys.stderr):
        # JSON and Vietnamese text must come out as UTF-8 whatever the locale.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    try:
        cli.main(
            args=argv, prog_name=os.path.basename(sys.argv[0]) or "readshelf", standalone_mode=False
        )
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        fail("aborted")
    except click.ClickException as error:
        fail(f"{error.format_message()} (see --help)")
    except LibraryError as error:
        fail(str(error))
    except KeyboardInterrupt:
        fail("interrupted")
    except BrokenPipeError:
        sys.exit(1)
    sys.exit(0)
