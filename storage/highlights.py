"""Highlights and notes of articles (the ``highlights`` table).

A highlight keeps its quote the way the W3C Web Annotation model anchors
one: the exact text with a little before and after it, and its position in
the article's body text when known, so it can find its place again in a
re-extracted text (``reanchor``, run by every write that replaces an
article's text, in the same transaction). One whose quote the new text no
longer holds is kept with ``found`` 0 and no position, never dropped. A
highlight without a position and still ``found`` is one imported into an
article whose text was not fetched yet: it is anchored when the text comes.

A note on the whole article has kind ``note`` and no quote. Deleting an
article deletes its highlights (ON DELETE CASCADE); triggers keep the
``highlight_search`` index in step with every change (storage.migrations).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from core.anchoring import HIGHLIGHT_COLORS, locate, quote_at
from core.imported import Highlight, HighlightListing, ImportedHighlight
from core.text import nfc
from storage.db import Store
from storage.errors import ArticleNotFoundError, LibraryError

_COLUMNS = (
    'id, article_id, kind, quote, prefix, suffix, start, "end", note, color, created, origin, found'
)
_QUALIFIED = ", ".join(f"h.{name.strip()}" for name in _COLUMNS.split(","))


def add(
    conn: sqlite3.Connection,
    article_id: int,
    highlights: Iterable[ImportedHighlight],
    *,
    origin: str | None,
    now: str,
) -> int:
    """Add highlights to an article inside a write; one the article already
    has (the same kind, quote and note) is not added twice. Returns how many
    were added."""
    added = 0
    text = _body_text(conn, article_id)
    for highlight in highlights:
        quote, note = nfc(highlight.quote), nfc(highlight.note)
        prefix, suffix = nfc(highlight.prefix), nfc(highlight.suffix)
        start = highlight.start
        end = highlight.end if start is not None and highlight.end is not None else None
        found = True
        if quote and text:
            # Anchor it in the text the article has: an importer's position
            # counts in another program's text, if it has one at all.
            span = locate(text, quote, prefix, suffix, start)
            found = span is not None
            if span is None:
                start = end = None
            else:
                anchored = quote_at(text, *span)
                quote, prefix, suffix = anchored.quote, anchored.prefix, anchored.suffix
                start, end = anchored.start, anchored.end
        known = conn.execute(
            "SELECT 1 FROM highlights WHERE article_id = ? AND kind = ? AND quote IN (?, ?)"
            " AND note = ?",
            (article_id, highlight.kind, nfc(highlight.quote), quote, note),
        ).fetchone()
        if known is not None:
            continue
        conn.execute(
            'INSERT INTO highlights (article_id, kind, quote, prefix, suffix, start, "end",'
            " note, color, created, origin, found) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                highlight.kind,
                quote,
                prefix,
                suffix,
                start,
                end,
                note,
                highlight.color,
                highlight.created or now,
                origin,
                int(found),
            ),
        )
        added += 1
    return added


def of_article(store: Store, article_id: int) -> list[Highlight]:
    """An article's highlights in reading order (by position, then by age),
    then its notes."""
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM highlights WHERE article_id = ?"
        " ORDER BY kind = 'note', start IS NULL, start, created, id",
        (article_id,),
    )
    return [_highlight(row) for row in rows]


def count(store: Store) -> int:
    row = store.row("SELECT count(*) FROM highlights")
    return 0 if row is None else int(row[0])


# ----------------------------------------------------------------------
# Made here: one highlight or note at a time, each its own transaction
# ----------------------------------------------------------------------


def _highlight(row: sqlite3.Row | tuple[object, ...]) -> Highlight:
    (id_, article_id, kind, quote, prefix, suffix, start, end, note, color, created, origin,
     found) = tuple(row)  # fmt: skip
    return Highlight(id_, article_id, kind, quote, prefix, suffix, start, end, note, color,
                     created, origin, found=bool(found))  # fmt: skip


def _body_text(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute("SELECT body_text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ArticleNotFoundError(f"no article with id {article_id}")
    return str(row[0])


def _check_color(color: str) -> None:
    if color not in HIGHLIGHT_COLORS:
        raise LibraryError(
            f"unknown highlight colour {color!r}: use one of {', '.join(HIGHLIGHT_COLORS)}"
        )


def _get(conn: sqlite3.Connection, highlight_id: int) -> Highlight:
    row = conn.execute(f"SELECT {_COLUMNS} FROM highlights WHERE id = ?", (highlight_id,))
    found = row.fetchone()
    if found is None:
        raise LibraryError(f"no highlight with id {highlight_id}")
    return _highlight(found)


def add_highlight(
    store: Store,
    article_id: int,
    quote: str,
    *,
    prefix: str,
    suffix: str,
    start: int | None,
    color: str,
    note: str,
    now: str,
) -> Highlight:
    """Highlight ``quote`` in the article's text (see ``Library.add_highlight``)."""
    _check_color(color)
    quote = nfc(quote)
    if not quote.strip():
        raise LibraryError("a highlight needs some text to quote")
    with store.write() as conn:
        text = _body_text(conn, article_id)
        span = locate(text, quote, nfc(prefix), nfc(suffix), start)
        if span is None:
            raise LibraryError(f"the article {article_id} has no text {_shortened(quote)!r}")
        anchored = quote_at(text, *span)
        cursor = conn.execute(
            'INSERT INTO highlights (article_id, kind, quote, prefix, suffix, start, "end",'
            " note, color, created) VALUES (?, 'highlight', ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                anchored.quote,
                anchored.prefix,
                anchored.suffix,
                anchored.start,
                anchored.end,
                nfc(note).strip(),
                color,
                now,
            ),
        )
        assert cursor.lastrowid is not None
        return _get(conn, cursor.lastrowid)


def _shortened(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def add_note(store: Store, article_id: int, text: str, now: str) -> Highlight:
    """A note on the article as a whole."""
    text = nfc(text).strip()
    if not text:
        raise LibraryError("a note needs some text")
    with store.write() as conn:
        _body_text(conn, article_id)
        cursor = conn.execute(
            "INSERT INTO highlights (article_id, kind, note, created) VALUES (?, 'note', ?, ?)",
            (article_id, text, now),
        )
        assert cursor.lastrowid is not None
        return _get(conn, cursor.lastrowid)


def set_note(store: Store, highlight_id: int, note: str, now: str) -> Highlight:
    """Change a highlight's note (empty: none); a note on the article needs text."""
    note = nfc(note).strip()
    with store.write() as conn:
        if _get(conn, highlight_id).kind == "note" and not note:
            raise LibraryError("a note needs some text: delete it instead")
        conn.execute(
            "UPDATE highlights SET note = ?, updated = ? WHERE id = ?", (note, now, highlight_id)
        )
        return _get(conn, highlight_id)


def set_color(store: Store, highlight_id: int, color: str, now: str) -> Highlight:
    _check_color(color)
    with store.write() as conn:
        _get(conn, highlight_id)
        conn.execute(
            "UPDATE highlights SET color = ?, updated = ? WHERE id = ?", (color, now, highlight_id)
        )
        return _get(conn, highlight_id)


def delete(store: Store, highlight_id: int) -> None:
    with store.write() as conn:
        cursor = conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
        if cursor.rowcount == 0:
            raise LibraryError(f"no highlight with id {highlight_id}")


def recent(store: Store, *, limit: int, before_id: int | None) -> list[HighlightListing]:
    """Highlights and notes newest first (by when made, then by id), with
    their article's title and site. ``before_id`` is the last one of the
    previous page: the page continues after it (keyset paging)."""
    after = ""
    params: list[object] = []
    with store.read() as conn:
        if before_id is not None:
            _get(conn, before_id)
            after = "WHERE (h.created, h.id) < (SELECT created, id FROM highlights WHERE id = ?)"
            params.append(before_id)
        rows = conn.execute(
            f"SELECT {_QUALIFIED}, a.title, coalesce(a.site, '')"
            f" FROM highlights h JOIN articles a ON a.id = h.article_id {after}"
            " ORDER BY h.created DESC, h.id DESC LIMIT ?",
            (*params, limit),
        ).fetchall()
    return [
        HighlightListing(_highlight(row[:-2]), article_title=row[-2], article_site=row[-1])
        for row in rows
    ]


def reanchor(conn: sqlite3.Connection, article_id: int) -> None:
    """Find each highlight of an article again in its text, just replaced,
    inside the caller's write: its quote, context and position follow the
    text; one the text no longer holds is kept, marked not found."""
    text = _body_text(conn, article_id)
    if not text:
        return  # nothing to anchor to (a pending copy): keep the anchors as they are
    rows = conn.execute(
        "SELECT id, quote, prefix, suffix, start FROM highlights"
        " WHERE article_id = ? AND kind = 'highlight'",
        (article_id,),
    ).fetchall()
    for highlight_id, quote, prefix, suffix, start in rows:
        span = locate(text, quote, prefix, suffix, start)
        if span is None:
            conn.execute(
                'UPDATE highlights SET found = 0, start = NULL, "end" = NULL WHERE id = ?',
                (highlight_id,),
            )
            continue
        anchored = quote_at(text, *span)
        if (anchored.quote, anchored.prefix, anchored.suffix, anchored.start) == (
            quote,
            prefix,
            suffix,
            start,
        ):
            conn.execute(
                "UPDATE highlights SET found = 1 WHERE id = ? AND found = 0", (highlight_id,)
            )
            continue
        conn.execute(
            'UPDATE highlights SET quote = ?, prefix = ?, suffix = ?, start = ?, "end" = ?,'
            " found = 1 WHERE id = ?",
            (
                anchored.quote,
                anchored.prefix,
                anchored.suffix,
                anchored.start,
                anchored.end,
                highlight_id,
            ),
        )
