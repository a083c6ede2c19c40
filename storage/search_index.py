"""Keeping the full-text index in step with the articles.

``article_search`` is an external-content FTS5 table over the view
``article_search_source`` (storage.migrations). It indexes *folded* text
(core.text.fold_for_index) while snippets read the original text from the
view, so storage writes the index itself: an article leaves the index with
exactly the values it was indexed with, and comes back with its new ones.

Every function works on a set of articles in one statement, inside the
caller's write transaction: re-indexing the 5,000 articles of a renamed tag
is two INSERT ... SELECT statements, not 10,000 round trips.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator

from core.text import fold_for_index
from storage.db import IDS, id_list

# Column order matters: bm25() weights in storage.search follow it.
SEARCH_COLUMNS = ("title", "lead", "body", "captions", "tags", "byline")

# The SQL name of fold_for_index on a library's connection.
FOLD_FUNCTION = "readshelf_fold"

_COLUMNS = ", ".join(SEARCH_COLUMNS)
_FOLDED = ", ".join(f"{FOLD_FUNCTION}({column})" for column in SEARCH_COLUMNS)


def register_functions(conn: sqlite3.Connection) -> None:
    """Give the connection the folding the index is written with."""
    conn.create_function(FOLD_FUNCTION, 1, fold_for_index, deterministic=True)


def index(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Add these articles to the index, from their current text."""
    conn.execute(
        f"INSERT INTO article_search (rowid, {_COLUMNS})"
        f" SELECT id, {_FOLDED} FROM article_search_source WHERE id IN {IDS} ORDER BY id",
        (id_list(sorted(set(article_ids))),),
    )


def unindex(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Take these articles out of the index, before their text changes.

    An external-content FTS5 table forgets a row only when told the exact
    values it indexed; they come from the same view, folded the same way.
    """
    conn.execute(
        f"INSERT INTO article_search (article_search, rowid, {_COLUMNS})"
        f" SELECT 'delete', id, {_FOLDED} FROM article_search_source WHERE id IN {IDS}"
        " ORDER BY id",
        (id_list(sorted(set(article_ids))),),
    )


@contextlib.contextmanager
def reindexed(conn: sqlite3.Connection, article_ids: Iterable[int]) -> Iterator[None]:
    """Keep the index in step with a change to these articles' text."""
    ids = sorted(set(article_ids))
    unindex(conn, ids)
    yield
    index(conn, ids)


def rebuild(conn: sqlite3.Connection) -> int:
    """Index every article again from its current text; returns how many.

    FTS5's own 'rebuild' would index the unfolded text of the view and lose
    the đ -> d folding, so the index is emptied and filled here instead.
    """
    conn.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
    cursor = conn.execute(
        f"INSERT INTO article_search (rowid, {_COLUMNS})"
        f" SELECT id, {_FOLDED} FROM article_search_source ORDER BY id"
    )
    return cursor.rowcount
