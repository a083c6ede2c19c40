"""Every schema version ever released upgrades to the current one, losing nothing.

tests/fixtures/libraries/vN.sqlite was written by the code of the commit that
introduced schema version N (see make_library.sh there), and vN.json is what
that version's ``show --json`` printed for each article.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.articles import article_json
from storage import Library
from storage.backups import list_backups
from storage.maintenance import check_library
from storage.migrations import current_version

LIBRARIES = Path(__file__).parents[1] / "fixtures" / "libraries"
VERSIONS = sorted(int(path.stem[1:]) for path in LIBRARIES.glob("v*.sqlite"))

# Fields whose value may legitimately change on upgrade.
VOLATILE = {"updated"}


def test_there_is_a_fixture_for_every_schema_version() -> None:
    # A new migration needs its fixture: run make_library.sh on its commit.
    every_version = list(range(1, current_version() + 1))
    assert every_version == VERSIONS


@pytest.mark.parametrize("version", VERSIONS)
def test_upgrading_keeps_every_article_whole(version: int, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / f"v{version}.sqlite", path)
    before = json.loads((LIBRARIES / f"v{version}.json").read_text(encoding="utf-8"))

    with Library(path) as library:
        assert library.schema_version() == current_version()
        assert check_library(library).ok
        for old in before:
            new = article_json(library.get_article(old["id"]))
            for key, value in old.items():
                if key not in VOLATILE:
                    assert new[key] == value, (version, old["id"], key)
            first_word = old["title"].split()[0]
            assert old["id"] in {hit.id for hit in library.search(first_word, limit=50)}
        assert [t.name for t in library.list_tags()] == sorted(
            {tag for old in before for tag in old["tags"]}, key=Library.tag_key
        )

    if version < current_version():
        assert list_backups(path, f"pre-migration-v{version}"), "upgrade kept the old file"


def test_an_upgrade_that_fails_is_one_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    import sqlite3

    from storage import LibraryError

    path = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / "v3.sqlite", path)
    with sqlite3.connect(path) as conn:  # a stray table the next migration creates
        conn.execute("CREATE TABLE similar_docs (x)")

    def contents() -> list[str]:
        with sqlite3.connect(path) as conn:
            return list(conn.iterdump())

    before = contents()
    with pytest.raises(LibraryError, match="cannot upgrade this library"):
        Library(path)
    assert contents() == before  # every table and row as it was
    assert "001_initial" in "".join(before) and "004_similarity" not in "".join(before)
