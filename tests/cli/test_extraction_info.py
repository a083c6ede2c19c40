"""Each saved page says how its body was extracted (issue 11)."""

from __future__ import annotations

from pathlib import Path

from core.models import EXTRACTOR_VERSION
from tests.conftest import FIXTURES
from tests.support.cli import invoke_json

WHOLE = FIXTURES / "html" / "whole"


def test_show_json_names_the_extractor_and_its_warnings(library_path: Path) -> None:
    (plain,) = invoke_json("add", FIXTURES / "html" / "guardian_style.html", library=library_path)
    (guarded,) = invoke_json("add", WHOLE / "guard_hidden_article.html", library=library_path)

    shown = invoke_json("show", str(plain["id"]), library=library_path)
    assert shown["extraction"] == {"version": EXTRACTOR_VERSION, "warnings": []}

    fallen_back = invoke_json("show", str(guarded["id"]), library=library_path)
    assert fallen_back["extraction"]["version"] == EXTRACTOR_VERSION
    assert any("trafilatura" in warning for warning in fallen_back["extraction"]["warnings"])


def test_a_text_file_records_its_extraction_too(library_path: Path, seed_path: Path) -> None:
    # One version for every extraction (pages, selections, text files), so
    # reextract --all can tell what an older one wrote.
    (added,) = invoke_json("add", seed_path, library=library_path)
    shown = invoke_json("show", str(added["id"]), library=library_path)
    assert shown["extraction"] == {"version": EXTRACTOR_VERSION, "warnings": []}
