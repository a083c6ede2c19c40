"""SIGKILL a real process re-exporting into an earlier bundle (issue 12, item 9).

An export used to rewrite the earlier bundle's files in place before writing
the new manifest: killed in between, the old bundle no longer imported ("does
not match its SHA-256"). Now the export is built beside the folder and
swapped in. After every kill the folder (or the earlier bundle set aside
while the swap ran) must import and give exactly the library it was
exported from, and exporting again into whatever the kill left must work.

Seeded, so a failure can be replayed. The child is this module, run as
``python -m tests.storage.test_bundle_crash LIBRARY FOLDER``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import Library
from storage.bundle import export_bundle, import_bundle, library_digest
from tests.storage.crash_importer import make_record
from tests.support.cli import ROOT

ARTICLES = 100
TRIALS = 10
SEED = 20261206


def build(path: Path, revision: int) -> str:
    """A library whose every article (and so every source file) depends on
    ``revision``; returns its digest."""
    with Library(path) as library:
        for number in range(ARTICLES):
            library.save_article(make_record(number, revision=revision))
        return library_digest(library)


def start_exporter(library: Path, folder: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.test_bundle_crash", str(library), str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("started")
    return process


def imported_digest(folder: Path, scratch: Path) -> str:
    """The digest of a new library the bundle at ``folder`` is imported into."""
    target = scratch / f"check-{time.monotonic_ns()}.sqlite"
    with Library(target) as library:
        import_bundle(library, folder)
        digest = library_digest(library)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return digest


@pytest.mark.slow
def test_sigkill_during_a_re_export_never_damages_the_earlier_bundle(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    first_digest, second_digest = build(first, 0), build(second, 1)
    assert first_digest != second_digest
    folder = tmp_path / "bundle"

    finishing = start_exporter(second, folder)
    assert finishing.wait(timeout=120) == 0
    assert finishing.stdout is not None
    export_seconds = float(finishing.stdout.read().split()[1])
    finishing.stdout.close()
    outcomes = []
    for _ in range(TRIALS):
        # The folder holds the first library's bundle; the re-export writes
        # the second's (every source file differs) and is killed midway.
        shutil.rmtree(folder, ignore_errors=True)
        with Library(first) as library:
            export_bundle(library, folder)
        process = start_exporter(second, folder)
        time.sleep(rng.uniform(0.0, export_seconds))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.stdout is not None
        process.stdout.close()
        digest = imported_digest(folder, tmp_path)
        assert digest in (first_digest, second_digest)
        outcomes.append("earlier" if digest == first_digest else "new")
        # Exporting again into what the kill left works, and leaves nothing beside it.
        with Library(first) as library:
            export_bundle(library, folder)
        assert imported_digest(folder, tmp_path) == first_digest
        assert sorted(path.name for path in tmp_path.iterdir() if "bundle" in path.name) == [
            "bundle"
        ]
    assert outcomes.count("earlier") >= TRIALS // 2, f"too few kills hit an export: {outcomes}"


def main() -> None:
    library, folder = Path(sys.argv[1]), Path(sys.argv[2])
    with Library(library) as opened:
        print("started", flush=True)
        started = time.monotonic()
        export_bundle(opened, folder)
    print("done", time.monotonic() - started, flush=True)


if __name__ == "__main__":
    main()
