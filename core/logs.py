"""Diagnostics: where Readshelf writes its log, and how logging is set up.

Every part of the program logs through the standard ``logging`` module with
``logging.getLogger(__name__)``. The entry points (the window, the command
line) call ``setup_logging`` once; it sends records to a rotating file in the
platform's log folder (``platformdirs.user_log_path``), so a desktop user's
tracebacks are kept and can be attached to a bug report.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Readshelf"
LOG_DIR_ENV = "READSHELF_LOG_DIR"
LOG_FILE_NAME = "readshelf.log"
MAX_LOG_BYTES = 1024 * 1024
LOG_BACKUPS = 3

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"


def log_dir() -> Path:
    """The folder holding the log files (``READSHELF_LOG_DIR`` overrides it)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def log_file() -> Path:
    """The current log file."""
    return log_dir() / LOG_FILE_NAME


def setup_logging(*, verbose: bool = False) -> Path | None:
    """Log INFO and above to the rotating file (DEBUG with ``verbose``);
    ``verbose`` also echoes records to stderr. Returns the file's path, or
    None when the log folder cannot be written (logging then goes to stderr
    only, and the program runs on). Calling it again replaces the handlers.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_readshelf", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter(_FORMAT)
    path: Path | None = log_file()
    handlers: list[logging.Handler] = []
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        )
    except OSError:
        path = None
    if verbose or path is None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(stream)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._readshelf = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return path
