"""Full-text search: what a person types, as a safe FTS5 query, and the
ranked page of hits with snippets.

People type ``hà nội``, ``"Hà Nội"``, ``bau*``, ``covid OR cúm``,
``bầu cử NOT quốc hội``. FTS5's own syntax treats many characters as
operators and errors on them, so every term is quoted; only AND, OR, NOT (in
capitals), parentheses, quotes and a trailing ``*`` keep their meaning.
"""

from __future__ import annotations

import re
import sqlite3

from core.models import SearchHit
from core.text import fold_for_index, nfc
from storage.db import Store, primary_code
from storage.errors import SearchSyntaxError
from storage.search_index import SEARCH_COLUMNS

# bm25() weights, in the order of search_index.SEARCH_COLUMNS: a hit in the
# title matters most, then tags and the lead, then captions and byline, then body.
_BM25_WEIGHTS = dict(zip(SEARCH_COLUMNS, (10.0, 4.0, 1.0, 2.0, 5.0, 2.0), strict=True))

# Search ranks every match by bm25 up to this many; past it, see search().
RANK_EVERY_MATCH_UP_TO = 10_000
# The columns whose matches rank first for a very common query.
_WEIGHTY_COLUMNS = ("title", "tags")
# A quoted term or phrase in a compiled FTS5 expression.
_QUOTED = re.compile(r'"(?:[^"]|"")*"')

# Markers around matched words in a snippet; rendered by SearchHit users.
SNIPPET_START = "\x02"
SNIPPET_END = "\x03"

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = ("AND", "OR", "NOT")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _lex(query: str) -> list[str]:
    """Split a query into FTS5 pieces: quoted terms, operators, parentheses."""
    pieces: list[str] = []
    # FTS5 reads a NUL as the end of the query, leaving a quote open.
    for match in _TOKEN.finditer(nfc(query).replace("\x00", " ")):
        if match.group("open"):
            pieces.append("(")
        elif match.group("close"):
            pieces.append(")")
        elif match.group("phrase") is not None:
            phrase = " ".join(match.group("phrase").split())
            if _has_word(phrase):
                pieces.append(_quote(fold_for_index(phrase)))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                pieces.append(word)
                continue
            prefix = word.endswith("*")
            term = word.rstrip("*")
            if _has_word(term):
                pieces.append(_quote(fold_for_index(term)) + ("*" if prefix else ""))
    return pieces


def _is_operand_end(piece: str) -> bool:
    return piece not in _OPERATORS and piece != "("


def _is_operand_start(piece: str) -> bool:
    return piece not in _OPERATORS and piece != ")"


def compile_query(query: str) -> str:
    """Compile a person's query to an FTS5 MATCH expression.

    Raises SearchSyntaxError for a query with nothing to search for or one
    FTS5 cannot express (a NOT with nothing before it).
    """
    output: list[str] = []
    depth = 0
    for piece in _lex(query):
        if piece == ")":
            if depth == 0 or not output or not _is_operand_end(output[-1]):
                continue  # an unmatched or empty group: ignore the stray bracket
            depth -= 1
            output.append(piece)
            continue
        if piece in _OPERATORS:
            if not output or output[-1] == "(":
                if piece == "NOT":
                    raise SearchSyntaxError("NOT needs a word before it, as in: hà nội NOT bầu cử")
                continue
            if output[-1] in _OPERATORS:
                output[-1] = piece  # "a AND OR b": the last operator wins
            else:
                output.append(piece)
            continue
        if output and _is_operand_end(output[-1]) and _is_operand_start(piece):
            output.append("AND")
        if piece == "(":
            depth += 1
        output.append(piece)
    while output and (output[-1] in _OPERATORS or output[-1] == "("):
        if output.pop() == "(":
            depth -= 1
    output.extend(")" * depth)
    if not any(piece.startswith('"') for piece in output):
        raise SearchSyntaxError("nothing to search for: type a word")
    return " ".join(output)


def _loosened(quoted: str) -> str:
    """A quoted FTS5 phrase as the AND of its words; a single word as is."""
    words = quoted[1:-1].split()
    if len(words) < 2:
        return quoted
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


def search(store: Store, query: str, *, limit: int, offset: int) -> list[SearchHit]:
    """Full-text search, best match first (see ``Library.search``).

    Up to RANK_EVERY_MATCH_UP_TO matches are all ranked by bm25. A query
    matching more (a common syllable in a big library) lists first the
    articles that match in the title or tags, ranked by bm25, then the
    others newest first (with score 0): bm25 costs about a microsecond
    per match, too much for 50,000 of them within a keystroke's time.
    """
    expression = compile_query(query)
    try:
        with store.read():
            if _may_match_more(store, expression, RANK_EVERY_MATCH_UP_TO):
                page = _tiered_page(store, expression, limit, offset)
            else:
                page = _ranked_page(store, expression, limit, offset)
            return _hits(store, expression, page)
    except sqlite3.OperationalError as error:
        # compile_query quotes every term, so this is rare: a query whose
        # structure FTS5 still refuses (e.g. "a NOT (NOT b)").
        if primary_code(error) != sqlite3.SQLITE_ERROR:
            raise
        raise SearchSyntaxError(f"cannot search for {query!r}: {error}") from error


def _count(store: Store, sql: str, params: tuple[object, ...]) -> int:
    row = store.row(sql, params)
    assert row is not None
    return int(row[0])


def _may_match_more(store: Store, expression: str, than: int) -> bool:
    """Whether an FTS5 expression may match more than ``than`` articles.

    Counted with each phrase loosened to its words (an upper bound that
    needs no word positions, so a common phrase costs little), and the
    count stops past ``than``.
    """
    loosened = _QUOTED.sub(lambda match: _loosened(match[0]), expression)
    counted = _count(
        store,
        "SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ? LIMIT ?)",
        (loosened, than + 1),
    )
    return counted > than


def _ranked_page(store: Store, expression: str, limit: int, offset: int) -> list[tuple[int, float]]:
    """Ids and scores of one page of matches in bm25 order (no snippets)."""
    weights = ", ".join(str(weight) for weight in _BM25_WEIGHTS.values())
    rows = store.rows(
        f"SELECT rowid, bm25(article_search, {weights}) AS rank FROM article_search"
        " WHERE article_search MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?",
        (expression, limit, offset),
    )
    return [(int(row[0]), -float(row[1])) for row in rows]


def _tiered_page(store: Store, expression: str, limit: int, offset: int) -> list[tuple[int, float]]:
    """One page of a very common query: weighty-column matches ranked,
    then the rest newest first (see ``search``)."""
    columns = "{" + " ".join(_WEIGHTY_COLUMNS) + "}"
    weighty = f"{columns} : ({expression})"
    # Without NOT, a match in those columns is a match: no need to AND
    # the whole expression again (each phrase would be counted twice).
    strong = f"({expression}) AND ({weighty})" if " NOT " in expression else weighty
    page = _ranked_page(store, strong, limit, offset)
    if len(page) == limit:
        return page
    if page:
        skipped = 0
    else:
        counted = _count(
            store, "SELECT count(*) FROM article_search WHERE article_search MATCH ?", (strong,)
        )
        skipped = max(offset - counted, 0)
    # Listed by date, these score 0: bm25 here would recount each
    # phrase's documents over the whole index.
    rows = store.rows(
        "SELECT rowid FROM article_search"
        " WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?",
        (f"({expression}) NOT ({weighty})", limit - len(page), skipped),
    )
    return page + [(int(row[0]), 0.0) for row in rows]


def _hits(store: Store, expression: str, page: list[tuple[int, float]]) -> list[SearchHit]:
    """Titles and snippets for a page of ranked ids, in page order.

    Built for the page only: a snippet re-reads and re-tokenises its
    article. No bm25() here: restricted to a list of rowids, FTS5 would
    recount every phrase's documents once per rowid.
    """
    if not page:
        return []
    ids = [article_id for article_id, _ in page]
    marks = ", ".join("?" * len(ids))
    params: list[object]
    if "*" in expression:
        # A prefix is expanded again for each rowid of an IN list: give
        # FTS5 one rowid range instead, and pick the page's rows after.
        restriction = f"article_search.rowid BETWEEN ? AND ? AND +article_search.rowid IN ({marks})"
        params = [min(ids), max(ids), *ids]
    else:
        restriction = f"article_search.rowid IN ({marks})"
        params = list(ids)
    rows = store.rows(
        "SELECT a.id, a.title,"
        f" snippet(article_search, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 24) AS snippet"
        " FROM article_search JOIN articles a ON a.id = article_search.rowid"
        f" WHERE article_search MATCH ? AND {restriction}",
        (expression, *params),
    )
    found = {row["id"]: row for row in rows}
    return [
        SearchHit(id=i, title=found[i]["title"], snippet=found[i]["snippet"], score=score)
        for i, score in page
        if i in found
    ]
