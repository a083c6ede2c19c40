"""Shared fixtures. Tests run with no display: Qt renders offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Library
from tests.support.loopback import LoopbackServer, serve

# Must be set before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test touch the person's real library or settings.
os.environ.pop("READSHELF_LIBRARY", None)

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "text" / "tttd_cong_an_ha_noi.txt"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the user data and config folders at a temporary home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    lib = Library(library_path)
    yield lib
    lib.close()


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1 that records every request."""
    yield from serve()
