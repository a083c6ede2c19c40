"""What happens to a bug in the window: its traceback is logged, and the
person sees one non-modal notice saying something went wrong and where the
log is, so it can go with a bug report.

``install_exception_hooks`` replaces ``sys.excepthook`` (an exception escaping
a Qt slot or event handler on the GUI thread ends up there) and
``threading.excepthook`` (one escaping a plain thread). The thread hook runs
in the failing thread, so the notice is sent to the GUI thread through a
queued signal of a QObject that lives there.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.logs import log_dir

logger = logging.getLogger(__name__)


def something_went_wrong(error: BaseException | None) -> str:
    """The notice for a bug: what it was, and where its traceback went."""
    if error is None:
        message = QCoreApplication.translate(
            "Diagnostics", "Something went wrong. The details are in the log in {folder}."
        )
    else:
        message = QCoreApplication.translate(
            "Diagnostics", "Something went wrong ({error}). The details are in the log in {folder}."
        )
    return message.format(error=f"{type(error).__name__}: {error}", folder=log_dir())


class CrashReporter(QObject):
    """Lives on the GUI thread; shows each logged bug with ``show``."""

    crashed = Signal(str)

    def __init__(self, show: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.crashed.connect(show)

    def excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        logger.critical("unhandled exception", exc_info=(kind, error, traceback))
        self.crashed.emit(something_went_wrong(error))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        thread = args.thread.name if args.thread is not None else "a thread"
        logger.critical(
            "unhandled exception in %s",
            thread,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self.crashed.emit(something_went_wrong(args.exc_value))


def install_exception_hooks(reporter: CrashReporter) -> Callable[[], None]:
    """Send unhandled exceptions to ``reporter``; returns what puts the old hooks back."""
    previous = (sys.excepthook, threading.excepthook)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous

    return restore
