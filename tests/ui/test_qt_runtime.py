"""A canary for the Qt binding itself.

PySide6 6.12.0 on Python 3.11 drops a reference to None/True/False on many
calls and aborts the process after a few thousand ("deallocating None").
pyproject.toml pins below it; this fails if an upgrade brings the bug back.
"""

from __future__ import annotations

import subprocess
import sys

LOOP = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    ping = Signal(bool)

app = QApplication([])
label, emitter = QLabel("x"), Emitter()
for _ in range(30_000):
    label.setEnabled(True)
    emitter.ping.emit(False)
print("survived")
"""


def test_many_qt_calls_do_not_free_none_or_the_booleans() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOOP], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "survived"
