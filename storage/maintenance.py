"""Checking a library file and repairing its search index.

SQLite's own checks cover the file (``integrity_check``) and the links
between tables (``foreign_key_check``). The search index needs one more: it
holds folded text we put there ourselves (see core.text.fold_for_index),
so "in sync" means every article is indexed, nothing else is, and each
indexed row has the token counts its current text gives.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from core.text import fold_for_index
from storage import backups, search_index
from storage.db import primary_code
from storage.errors import NotALibraryError
from storage.library import Library

_BATCH = 500


@dataclass(frozen=True)
class CheckReport:
    """What ``check_library`` found. ``ok`` when every list of problems is
    empty; ``notes`` say what could not be checked, and why."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    search_index: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_keys or self.search_index)

    def problems(self) -> list[str]:
        return [*self.integrity, *self.foreign_keys, *self.search_index]


def check_library(library: Library) -> CheckReport:
    """Run every check; never changes the library (works on a read-only one)."""
    conn = library.store.connection
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    foreign_keys = [
        f"{table} row {rowid} points at a missing {parent} row"
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
    ]
    notes: list[str] = []
    return CheckReport(
        integrity=[] if integrity == ["ok"] else integrity,
        foreign_keys=foreign_keys,
        search_index=search_index_problems(library, notes) if integrity == ["ok"] else [],
        notes=notes,
    )


def search_index_problems(library: Library, notes: list[str] | None = None) -> list[str]:
    """Ways the search index disagrees with the articles, as sentences.
    What could not be checked is added to ``notes``."""
    conn = library.store.connection
    problems: list[str] = []
    try:
        # FTS5's own structure check is run as a write statement, though it
        # changes nothing: a read-only library cannot run it.
        conn.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")
    except sqlite3.Error as error:
        if primary_code(error) != sqlite3.SQLITE_READONLY:
            problems.append(f"search index is damaged: {error}")
            return problems
        if notes is not None:
            notes.append(
                "the search index's inner structure was not checked: the library is read-only"
            )
    try:
        articles = {row[0] for row in conn.execute("SELECT id FROM articles")}
        indexed = {row[0] for row in conn.execute("SELECT id FROM article_search_docsize")}
        stale = _stale_ids(library, sorted(articles & indexed))
    except sqlite3.DatabaseError as error:  # reading every entry finds damage too
        problems.append(f"search index is damaged: {error}")
        return problems
    problems += [
        f"article {i} is missing from the search index" for i in sorted(articles - indexed)
    ]
    problems += [f"search index holds deleted article {i}" for i in sorted(indexed - articles)]
    problems += [f"search index is out of date for article {i}" for i in stale]
    return problems


# A per-document fingerprint of the index: which tokens stand in which column
# at which offset. Computed in SQL over an fts5vocab "instance" table.
_FINGERPRINT = (
    "SELECT doc, count(*), total((unicode(term) + 31 * length(term)"
    " + 977 * unicode(substr(term, -1))) * (offset + 1) * (col + 1))"
    " FROM {vocab} GROUP BY doc"
)


def _fingerprints(library: Library, vocab: str) -> dict[int, tuple[int, float]]:
    return {
        row[0]: (row[1], row[2])
        for row in library.store.connection.execute(_FINGERPRINT.format(vocab=vocab))
    }


def _stale_ids(library: Library, article_ids: list[int]) -> list[int]:
    """Articles whose indexed tokens differ from what their text gives.

    Their text is indexed again into a scratch FTS5 table with the same
    tokenizer, and the token instances of both indexes compared per article.
    """
    conn = library.store.connection
    columns = ", ".join(search_index.SEARCH_COLUMNS)
    marks = ", ".join("?" * len(search_index.SEARCH_COLUMNS))
    conn.execute(
        f"CREATE VIRTUAL TABLE temp.search_check USING fts5({columns},"
        ' tokenize="unicode61 remove_diacritics 2")'
    )
    conn.execute(
        "CREATE VIRTUAL TABLE temp.check_vocab USING fts5vocab(temp, search_check, instance)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE temp.index_vocab USING fts5vocab(main, article_search, instance)"
    )
    try:
        for start in range(0, len(article_ids), _BATCH):
            batch = article_ids[start : start + _BATCH]
            batch_marks = ", ".join("?" * len(batch))
            rows = conn.execute(
                f"SELECT id, {columns} FROM article_search_source WHERE id IN ({batch_marks})",
                batch,
            ).fetchall()
            conn.executemany(
                f"INSERT INTO temp.search_check (rowid, {columns}) VALUES (?, {marks})",
                [(row[0], *(fold_for_index(value) for value in row[1:])) for row in rows],
            )
        expected = _fingerprints(library, "temp.check_vocab")
        actual = _fingerprints(library, "temp.index_vocab")
    finally:
        for table in ("index_vocab", "check_vocab", "search_check"):
            conn.execute(f"DROP TABLE temp.{table}")
    return [i for i in article_ids if expected.get(i) != actual.get(i)]


def rebuild_search_index(library: Library) -> int:
    """Index every article again from its current text; returns how many."""
    with library.store.write() as conn:
        return search_index.rebuild(conn)


def restore_library(library_path: Path, source: Path) -> Path | None:
    """Replace the library at ``library_path`` with the backup ``source``.

    ``source`` is checked first (a read-only open: intact, a Readshelf
    library, not from a newer version); nothing changes if it fails. A
    library that still opens is restored in place through the backup API
    (its contents first saved as a pre-restore backup, whose path is
    returned). One too damaged to open is moved aside with its ``-wal`` as
    ``NAME.damaged-TIME`` (that path is returned) and the backup copied in.
    Either way, if anything fails once the library was replaced, the
    previous one is put back.
    """
    backups.verify_library_file(source)
    try:
        library = Library(library_path)
    except NotALibraryError:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        aside = library_path.with_name(f"{library_path.name}.damaged-{stamp}")
        moved = [(library_path, aside)] + [
            (Path(f"{library_path}{suffix}"), Path(f"{aside}{suffix}"))
            for suffix in ("-wal", "-shm")
            if Path(f"{library_path}{suffix}").exists()
        ]
        for place, away in moved:
            place.replace(away)
        try:
            origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            try:
                backups.copy_database(origin, library_path)
            finally:
                origin.close()
            Library(library_path).close()  # brings an older backup's schema up to date
        except BaseException:
            # What the failed copy left beside it is no part of the old library.
            for suffix in ("-wal", "-shm"):
                Path(f"{library_path}{suffix}").unlink(missing_ok=True)
            for place, away in moved:
                away.replace(place)
            raise
        return aside
    with library:
        return library.restore(source)
