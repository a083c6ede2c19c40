"""Pages of the article list: filters, sort orders and keyset paging.

Every sort order has an index ending in the rowid (migrations 001 and 004),
so a page - by OFFSET or by an ``after`` cursor - walks an index instead of
sorting the whole table (tests/storage/test_query_plans.py holds us to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from core.models import ArticleStatus, ArticleSummary
from core.text import collapse_whitespace, fold_vietnamese
from storage.articles import reading_minutes
from storage.db import Store
from storage.errors import ArticleNotFoundError

SortKey = Literal["date", "saved", "title", "site", "section", "reading", "status"]
SORT_COLUMNS: dict[str, str] = {
    "date": "sort_date",
    "saved": "saved",
    "title": "title_key",
    "site": "coalesce(site, '')",
    "section": "coalesce(section, '')",
    "reading": "word_count",
    "status": "status",
}

_SUMMARY_COLUMNS = (
    "id, title, site, section, published, saved, word_count, status, favorite, capture_status,"
    " reading_position"
)


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list shows. ``None`` fields do not filter."""

    status: ArticleStatus | None = None
    tag: str | None = None
    topic: str | None = None
    favorite: bool | None = None
    pending: bool | None = None
    feed_id: int | None = None
    ids: tuple[int, ...] | None = None


EVERY_ARTICLE = ArticleFilter()
"""The filter that keeps every article."""


def _listed_from(where: ArticleFilter) -> str:
    """The FROM of a list page's ids or a count. For a tag, its articles'
    sort keys (or a topic's) are looked up in the compact articles_list_keys index: the
    planner would otherwise read each article's (large) row by its id."""
    if (
        (where.tag is not None or where.topic is not None)
        and where.favorite is None
        and where.pending is None
    ):
        return "articles INDEXED BY articles_list_keys"
    return "articles"


def _where(where: ArticleFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.status is not None:
        clauses.append("status = ?")
        params.append(where.status)
    if where.favorite is not None:
        clauses.append("favorite = ?")
        params.append(int(where.favorite))
    if where.pending is not None:
        clauses.append(
            "capture_status = 'pending'" if where.pending else "capture_status = 'complete'"
        )
    if where.tag is not None:
        clauses.append(
            "id IN (SELECT at.article_id FROM article_tags at JOIN tags t"
            " ON t.id = at.tag_id WHERE t.key = ?)"
        )
        params.append(fold_vietnamese(collapse_whitespace(where.tag)))
    if where.topic is not None:
        clauses.append(
            "id IN (SELECT ap.article_id FROM article_topics ap JOIN topics p"
            " ON p.id = ap.topic_id WHERE p.key = ?)"
        )
        params.append(fold_vietnamese(collapse_whitespace(where.topic)))
    if where.feed_id is not None:
        clauses.append("id IN (SELECT article_id FROM feed_entries WHERE feed_id = ?)")
        params.append(where.feed_id)
    if where.ids is not None:
        clauses.append(f"id IN ({', '.join('?' * len(where.ids))})")
        params.extend(where.ids)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_articles(
    store: Store,
    where: ArticleFilter,
    *,
    sort: SortKey,
    descending: bool,
    limit: int,
    offset: int,
    after: int | None,
) -> list[ArticleSummary]:
    """One page of article summaries (see ``Library.list_articles``)."""
    clause, params = _where(where)
    column = SORT_COLUMNS[sort]
    direction = "DESC" if descending else "ASC"
    order = f"{column} {direction}, id {direction}"
    if after is not None:
        page = _ids_after(store, where, column, descending, after, limit + offset)[offset:]
        rows = store.rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles"
            f" WHERE id IN ({', '.join('?' * len(page))}) ORDER BY {order}",
            page,
        )
    else:
        # The page's ids first, from indexes alone, then only those rows
        # are read: a tag's articles are sorted without visiting each
        # article's row (see _listed_from).
        rows = store.rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id IN ("
            f" SELECT id FROM {_listed_from(where)}{clause} ORDER BY {order}"
            " LIMIT ? OFFSET ?)"
            f" ORDER BY {order}",
            [*params, limit, offset],
        )
    return [
        ArticleSummary(
            id=row["id"],
            title=row["title"],
            site=row["site"],
            section=row["section"],
            published=row["published"],
            saved=row["saved"],
            word_count=row["word_count"],
            reading_minutes=reading_minutes(row["word_count"]),
            status=row["status"],
            favorite=bool(row["favorite"]),
            capture_status=row["capture_status"],
            reading_position=float(row["reading_position"]),
        )
        for row in rows
    ]


def _ids_after(
    store: Store, where: ArticleFilter, column: str, descending: bool, after: int, count: int
) -> list[int]:
    """Ids of up to ``count`` articles that follow ``after`` in list order.

    Two seeks instead of one row-value range: first the rest of the
    anchor's own sort key (key = K, then by id), then the keys past it.
    SQLite seeks (key, rowid) only on an equality on the key, and a sort
    key with few values (status, site) would otherwise be walked through.
    """
    anchor = store.row(f"SELECT {column} FROM articles WHERE id = ?", (after,))
    if anchor is None:
        raise ArticleNotFoundError(f"no article with id {after}")
    key = anchor[0]
    clause, params = _where(where)
    joiner = " AND " if clause else " WHERE "
    source = f"{_listed_from(where)}{clause}{joiner}"
    far, direction = ("<", "DESC") if descending else (">", "ASC")
    same = store.rows(
        f"SELECT id FROM {source}{column} = ? AND id {far} ? ORDER BY id {direction} LIMIT ?",
        [*params, key, after, count],
    )
    ids = [int(row[0]) for row in same]
    if len(ids) < count:
        rest = store.rows(
            f"SELECT id FROM {source}{column} {far} ?"
            f" ORDER BY {column} {direction}, id {direction} LIMIT ?",
            [*params, key, count - len(ids)],
        )
        ids += [int(row[0]) for row in rest]
    return ids


def count_articles(store: Store, where: ArticleFilter) -> int:
    clause, params = _where(where)
    row = store.row(f"SELECT count(*) FROM {_listed_from(where)}{clause}", params)
    assert row is not None
    return int(row[0])
