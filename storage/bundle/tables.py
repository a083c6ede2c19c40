"""The library's tables as a bundle sees them: which hold the person's
data, their columns, their rows, and a digest of them all."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from storage import migrations
from storage.library import Library

# The tables a bundle carries. Anything else that holds rows is reported as
# skipped by an export, so a table added later is never lost in silence.
EXPORTED_TABLES = frozenset(
    {"articles", "article_sources", "images", "tags", "article_tags", "topics",
     "article_topics", "related", "feeds", "feed_entries", "article_versions",
     "version_images", "highlights"}
)  # fmt: skip

# Bookkeeping the library keeps for itself: the write counter and the
# migration log (whose applied_at times differ between two equal libraries).
_DERIVED_TABLES = frozenset({"library_state", "_sqlite_migrations"})
# Similarity and term tables are computed from the articles; other parts of
# Readshelf add them under names like these. A migration may also list its
# derived tables in ``migrations.DERIVED_TABLES``.
_DERIVED_NAME = re.compile(r"similar|(?:^|_)terms?(?:_|$)", re.IGNORECASE)

# Article columns that are the person's own marks, not the captured content.


def quoted(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns of ``table`` in schema order; empty if there is no such table."""
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({quoted(table)})")]


def _is_derived(name: str, virtual: set[str]) -> bool:
    """Whether the library rebuilds this table from others (or keeps it
    for its own bookkeeping), so that it is neither exported nor digested."""
    declared = frozenset(getattr(migrations, "DERIVED_TABLES", ()))
    return (
        name.startswith("sqlite_")
        or name in _DERIVED_TABLES
        or name in declared
        or name in virtual
        or any(name.startswith(f"{table}_") for table in virtual)
        or _DERIVED_NAME.search(name) is not None
    )


def content_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table holding the person's data: not derived, by name."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = {
        str(name) for name, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL")
    }
    return sorted(str(name) for name, _ in rows if not _is_derived(str(name), virtual))


def _digest_value(value: Any) -> Any:
    """A value tagged with its SQLite type; blobs by their SHA-256."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return ["b", hashlib.sha256(value).hexdigest()]
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, int):
        return ["i", value]
    return ["s", str(value)]


def _table_digest(conn: sqlite3.Connection, table: str) -> str:
    """A SHA-256 of every row of ``table``, whatever their order on disk."""
    columns = sorted(table_columns(conn, table))
    selected = ", ".join(quoted(column) for column in columns)
    rows = sorted(
        json.dumps([_digest_value(value) for value in row], ensure_ascii=False)
        for row in conn.execute(f"SELECT {selected} FROM {quoted(table)}")
    )
    digest = hashlib.sha256(json.dumps([table, columns]).encode("utf-8"))
    for row in rows:
        digest.update(row.encode("utf-8") + b"\n")
    return digest.hexdigest()


def library_digest(library: Library) -> str:
    """A fingerprint of everything the person has in the library.

    Covers every row of every non-derived table (ids included) and every
    image and source byte; ignores the search index, the write counter and
    other tables the library rebuilds. Two libraries with the same digest
    hold the same articles, states, tags, feeds and pictures.
    """
    with library.store.read() as conn:
        parts = [f"{table}:{_table_digest(conn, table)}" for table in content_tables(conn)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def iter_rows(
    conn: sqlite3.Connection,
    table: str,
    order: str,
    *,
    blob: str | None = None,
    where: tuple[str, Any] | None = None,
) -> Iterator[tuple[dict[str, Any], bytes | None]]:
    """Each row of ``table`` (only those whose column ``where[0]`` equals
    ``where[1]``, if given) as a dict of its columns, with the ``blob``
    column (if named) apart, one row in memory at a time."""
    columns = [column for column in table_columns(conn, table) if column != blob]
    selected = ", ".join(quoted(column) for column in [*columns, *([blob] if blob else [])])
    condition = f" WHERE {quoted(where[0])} = ?" if where else ""
    parameters = (where[1],) if where else ()
    for row in conn.execute(
        f"SELECT {selected} FROM {quoted(table)}{condition} ORDER BY {order}", parameters
    ):
        values = dict(zip(columns, row, strict=False))
        data = row[len(columns)] if blob else None
        yield values, (bytes(data) if data is not None else None)
