"""Shared fixtures. Tests run with no display: Qt renders offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from storage import Library
from tests.support.loopback import LoopbackServer, serve

# Must be set before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test touch the person's real library or settings.
os.environ.pop("READSHELF_LIBRARY", None)

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE. Loaded here, before any
# test module is imported, because a test's own @settings(...) takes whatever
# it does not set from the profile active when the module is imported.
#   dev (the default) and ci: derandomized, so `make test` on a fresh clone
#     tries the same examples on every run and on every machine; ci also
#     prints the blob that replays a failure with @reproduce_failure.
#   explore: random examples and more of them, failures kept in .hypothesis/
#     for replay; `HYPOTHESIS_PROFILE=explore make test` hunts for new bugs.
#     Keep what it finds as an @example on the property that found it.
# Timing must never decide a result: no deadline, no too_slow health check.
_DETERMINISTIC = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", _DETERMINISTIC)
settings.register_profile("ci", _DETERMINISTIC, print_blob=True)
settings.register_profile(
    "explore",
    derandomize=False,
    deadline=None,
    max_examples=1000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

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
