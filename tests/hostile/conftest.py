"""Fixtures of the hostile-input suite: the window fixtures of the ui tests,
and a stand-in for the system browser that catches every scheme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QDesktopServices

from tests.ui.conftest import (  # noqa: F401  (fixtures, re-exported for these tests)
    UrlRecorder,
    _settings_in_tmp,
    make_window,
    settings_file,
)

# Every scheme a hostile article may use: with a handler registered for each,
# nothing the reader passes to QDesktopServices can reach the real system.
CAUGHT_SCHEMES = (
    "http", "https", "mailto", "file", "javascript", "data", "vbscript", "ftp", "about",
    "blob", "readshelf", "image", "qrc",
)  # fmt: skip


@pytest.fixture
def browser() -> Iterator[UrlRecorder]:
    """Records every URL handed to the system, whatever its scheme."""
    recorder = UrlRecorder()
    for scheme in CAUGHT_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, recorder, "open")  # type: ignore[arg-type]
    yield recorder
    for scheme in CAUGHT_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)
