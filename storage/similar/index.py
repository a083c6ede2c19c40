"""Writing the similarity index: what a save, a delete and a rebuild store
(tables of the ``004_similarity`` migration, storage.migrations).

These functions speak SQL on the connection they are given, inside the
caller's write transaction; they never open or commit one themselves.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from storage.similar.terms import (
    KEPT_TERMS,
    SIGNATURE,
    StoredTerm,
    TermCounts,
    band_keys,
    candidate_terms,
    count_terms,
    idf,
    marks,
    pack_terms,
    posting_rank,
    term_id,
    text_signature,
    unpack_terms,
)


def article_fields(conn: sqlite3.Connection, article_id: int) -> dict[str, str] | None:
    row = conn.execute(
        "SELECT title, lead, body, captions FROM article_search_source WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return {"title": row[0], "lead": row[1], "body": row[2], "captions": row[3]}


def document_count(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM similar_stats WHERE name = 'documents'").fetchone()
    return 0 if row is None else int(row[0])


def _add_documents(conn: sqlite3.Connection, change: int) -> None:
    conn.execute(
        "INSERT INTO similar_stats (name, value) VALUES ('documents', max(?, 0))"
        " ON CONFLICT (name) DO UPDATE SET value = max(value + ?, 0)",
        (change, change),
    )


def _count_candidates(conn: sqlite3.Connection, ids: list[int]) -> dict[int, int]:
    """Add one to each term's document frequency; returns the new counts."""
    if not ids:
        return {}
    values = ", ".join("(?, 1)" for _ in ids)
    rows = conn.execute(
        f"INSERT INTO similar_df (term_id, df) VALUES {values}"
        " ON CONFLICT (term_id) DO UPDATE SET df = df + 1 RETURNING term_id, df",
        ids,
    ).fetchall()
    return {int(row[0]): int(row[1]) for row in rows}


def keep_terms(
    counts: TermCounts,
    candidates: list[tuple[str, float]],
    frequencies: dict[int, int],
    documents: int,
) -> list[StoredTerm]:
    """Choose the kept terms (heaviest by tf-idf), weights normalised to length 1."""
    scored = []
    for term, frequency in candidates:
        identifier = term_id(term)
        scored.append(
            (
                term,
                identifier,
                frequency,
                frequency * idf(documents, frequencies.get(identifier, 1)),
            )
        )
    kept = sorted(scored, key=lambda item: (-item[3], item[0]))[:KEPT_TERMS]
    norm = math.sqrt(sum(item[3] ** 2 for item in kept)) or 1.0
    weights = {item[0]: item[3] / norm for item in kept}
    return [
        StoredTerm(identifier, frequency, posting_rank(weights[term]), counts.display(term))
        if term in weights
        else StoredTerm(identifier, frequency, 0)
        for term, identifier, frequency, _ in scored
    ]


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Store an article's terms, postings and signature, replacing any it had.

    Called by ``Library.save_article`` inside its transaction, after the
    article, its images and tags are written.
    """
    fields = article_fields(conn, article_id)
    if fields is None:
        return
    if not _forget_stored(conn, article_id):
        _add_documents(conn, 1)
    counts = count_terms(fields)
    candidates = candidate_terms(counts)
    frequencies = _count_candidates(conn, [term_id(term) for term, _ in candidates])
    stored = keep_terms(counts, candidates, frequencies, document_count(conn))
    _store_profile(conn, article_id, counts, stored)


def _forget_stored(conn: sqlite3.Connection, article_id: int) -> bool:
    """Undo what ``index_article`` stored for an article; False if nothing was."""
    row = conn.execute(
        "SELECT terms, minhash FROM similar_docs WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return False
    terms = unpack_terms(row[0])
    ids = [term.term_id for term in terms]
    if ids:
        conn.execute(f"UPDATE similar_df SET df = df - 1 WHERE term_id IN ({marks(len(ids))})", ids)
        conn.execute(
            f"DELETE FROM similar_df WHERE term_id IN ({marks(len(ids))}) AND df <= 0", ids
        )
    conn.executemany(
        "DELETE FROM similar_postings WHERE term_id = ? AND rank = ? AND article_id = ?",
        [(term.term_id, term.rank, article_id) for term in terms if term.rank],
    )
    if row[1] is not None:
        conn.executemany(
            "DELETE FROM similar_bands WHERE band_key = ? AND article_id = ?",
            [(key, article_id) for key in band_keys(SIGNATURE.unpack(row[1]))],
        )
    conn.execute("DELETE FROM similar_docs WHERE article_id = ?", (article_id,))
    return True


def forget_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article from the similarity index. Called by delete paths
    inside their transaction, before the article row goes."""
    if _forget_stored(conn, article_id):
        _add_documents(conn, -1)


def forget_articles(conn: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Remove several articles from the similarity index (see forget_article)."""
    forgotten = sum(_forget_stored(conn, article_id) for article_id in article_ids)
    if forgotten:
        _add_documents(conn, -forgotten)


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute the whole similarity index from the articles; returns how
    many were indexed. Two passes, so every article is weighed with the
    document frequencies of the whole library."""
    for table in ("similar_docs", "similar_postings", "similar_df", "similar_bands"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM similar_stats")
    ids = [int(row[0]) for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    for article_id in ids:
        fields = article_fields(conn, article_id)
        if fields is not None:
            _count_candidates(
                conn, [term_id(term) for term, _ in candidate_terms(count_terms(fields))]
            )
    documents = len(ids)
    for article_id in ids:
        fields = article_fields(conn, article_id)
        if fields is None:
            continue
        counts = count_terms(fields)
        candidates = candidate_terms(counts)
        identifiers = [term_id(term) for term, _ in candidates]
        frequencies = term_frequencies(conn, identifiers)
        stored = keep_terms(counts, candidates, frequencies, documents)
        _store_profile(conn, article_id, counts, stored)
    _add_documents(conn, documents)
    return documents


def term_frequencies(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT term_id, df FROM similar_df WHERE term_id IN ({marks(len(ids))})",
        list(ids),
    )
    return {int(row[0]): int(row[1]) for row in rows}


def _store_profile(
    conn: sqlite3.Connection,
    article_id: int,
    counts: TermCounts,
    stored: list[StoredTerm],
) -> None:
    """Write an article's postings, bands and profile row."""
    conn.executemany(
        "INSERT OR IGNORE INTO similar_postings (term_id, rank, article_id) VALUES (?, ?, ?)",
        [(term.term_id, term.rank, article_id) for term in stored if term.rank],
    )
    signature = text_signature(counts)
    if signature is not None:
        conn.executemany(
            "INSERT OR IGNORE INTO similar_bands (band_key, article_id) VALUES (?, ?)",
            [(key, article_id) for key in band_keys(signature)],
        )
    conn.execute(
        "INSERT OR REPLACE INTO similar_docs (article_id, terms, minhash) VALUES (?, ?, ?)",
        (
            article_id,
            pack_terms(stored),
            None if signature is None else SIGNATURE.pack(*signature),
        ),
    )


SIMILARITY_TABLES = ("similar_docs", "similar_postings", "similar_df", "similar_bands")


def footprint(path: Path) -> dict[str, int]:
    """Bytes each similarity table takes in a library file (SQLite's dbstat),
    read over a connection of its own; used by the benchmark."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = marks(len(SIMILARITY_TABLES))
        rows = conn.execute(
            f"SELECT name, sum(pgsize) FROM dbstat WHERE name IN ({names}) GROUP BY name",
            SIMILARITY_TABLES,
        ).fetchall()
        total = conn.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0]
    finally:
        conn.close()
    sizes = {str(name): int(size) for name, size in rows}
    sizes["similarity_total"] = sum(sizes.values())
    sizes["database_total"] = int(total or 0)
    return sizes
