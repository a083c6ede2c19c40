"""Library calls on the GUI thread: a failure is one line in the notice area.

The window writes small things on the GUI thread (read, favourite, archive,
tags, deleting). Any of them can meet a library that another program keeps
busy past the wait (``LibraryLockedError``) or a full disk (``DiskFullError``):
the person gets a one-line notice and the window keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from storage import LibraryError
from ui.workers import describe_failure


@contextmanager
def reported(report: Callable[[str], None], failure: str) -> Iterator[None]:
    """Run the block; a LibraryError becomes ``report("<failure>: <reason>")``."""
    try:
        yield
    except LibraryError as error:
        report(f"{failure}: {describe_failure(error)}")
