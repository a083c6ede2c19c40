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

from core.text import STROKED_LETTERS
from storage.db import IDS, id_list

# Column order matters: bm25() weights in storage.search follow it.
SEARCH_COLUMNS = ("title", "lead", "body", "captions", "tags", "byline")


def _folded_sql(column: str) -> str:
    """core.text.fold_for_index spelled in SQL: nested replace() calls over the
    stroked letters. Done in SQL rather than by a Python function so that
    re-indexing thousands of articles (a tag rename) never takes Python's
    interpreter lock, which would starve the window's GUI thread."""
    expression = column
    for stroked, plain in STROKED_LETTERS:
        expression = f"replace({expression}, '{stroked}', '{plain}')"
    return expression


_COLUMNS = ", ".join(SEARCH_COLUMNS)
_FOLDED = ", ".join(_folded_sql(column) for column in SEARCH_COLUMNS)


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
