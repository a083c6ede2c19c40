"""What every command shares: the library it opens and the output helpers.

Command modules import from here, never from ``cli.root``: the root group
imports the command modules (lazily), so this module must not import them
or the root, and nothing here may import capture, HTTP, extraction or Qt.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
import platformdirs

from core.languages import environment_language
from storage import Library, LibraryError

logger = logging.getLogger(__name__)

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
                # Imported here: capturing the samples needs the extraction
                # libraries, which no other listing or reading command loads.
                from services.samples import import_samples

                import_samples(library, environment_language())
            if library.notice:
                click.echo(f"note: {library.notice}", err=True)
            self._library = library
            daily_backup(library)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


def daily_backup(library: Library) -> None:
    """Make the daily backup if one is due. A backup never makes a command
    fail: one that cannot be written (a full disk, a read-only folder) is a
    logged warning and one ``note:`` line, and the next command tries again."""
    try:
        library.backup_if_due()
    except LibraryError as error:
        logger.warning("skipped the daily backup of %s: %s", library.path, error)
        click.echo(f"note: skipped today's backup: {error}", err=True)


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit with status 1."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def emit_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def app_context() -> AppContext:
    """The running command's ``AppContext``, set up by the root group."""
    context = click.get_current_context().find_object(AppContext)
    assert context is not None, "commands run under the root group"
    return context
