"""The layout holds: every import follows the contracts in pyproject.toml.

``ui, cli -> services -> capture, storage, export -> core``, no import cycles
inside a package, the window never imports capture, only storage speaks SQL,
Qt stays in the window. import-linter checks them; this test makes a broken
contract fail ``make test`` with the offending imports listed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from importlinter.api import read_configuration

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
# The venv's own executable, next to the interpreter running the tests.
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

LAYERS = ["ui | cli", "services", "capture | storage | export", "core"]
# Packages of ours that hold no code the layers speak of.
NOT_LAYERED = {"tests", "bench", "resources"}


def _contracts() -> list[dict[str, Any]]:
    options: list[dict[str, Any]] = read_configuration(str(PYPROJECT))["contracts_options"]
    return options


def test_imports_keep_every_contract() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(PYPROJECT)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"lint-imports exited {result.returncode}: move the code, not the contract.\n"
            f"{result.stdout.strip()}\n{result.stderr.strip()}",
            pytrace=False,
        )


def test_every_package_of_ours_is_checked() -> None:
    """A new top-level package cannot slip past the contracts."""
    session = read_configuration(str(PYPROJECT))["session_options"]
    packages = {init.parent.name for init in REPO.glob("*/__init__.py")}
    assert set(session["root_packages"]) == packages - NOT_LAYERED


def test_the_contracts_state_the_designed_layers() -> None:
    """The layers are the design card's; a change to them is a change of design."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for contract in _contracts():
        by_type.setdefault(contract["type"], []).append(contract)
    (layers,) = by_type["layers"]
    assert layers["layers"] == LAYERS
    # Each exception is one import, named whole, with its reason beside it.
    assert all("*" not in rule for rule in layers.get("ignore_imports", []))
    (acyclic,) = by_type["acyclic_siblings"]
    session = read_configuration(str(PYPROJECT))["session_options"]
    assert set(acyclic["ancestors"]) == set(session["root_packages"])
