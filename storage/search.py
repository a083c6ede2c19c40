"""Full-text search: what a person types, as a safe FTS5 query, and the
ranked page of hits with snippets.

People type ``hà nội``, ``"Hà Nội"``, ``bau*``, ``covid OR cúm``,
``bầu cử NOT quốc hội``. FTS5's own syntax treats many characters as
operators and errors on them, so every term is quoted; only AND, OR, NOT (in
capitals), parentheses, quotes and a trailing ``*`` keep their meaning.

Most searches look for one article the person remembers, by a few words of
its title typed without diacritics. Hits are therefore ranked in tiers, and
by bm25 inside each tier:

1. the query's words in the title as a phrase, in order (``ha noi`` in
   "Công an Hà Nội có vai trò…");
2. the query matched by the title alone (every word in the title, in any
   order);
3. the query's words as a phrase in the lead or body;
4. everything else (words far apart, captions, tags, byline).

Tiers 1 and 3 are the proximity rule: words typed next to each other rank
higher where they stand next to each other. They apply to a query of two or
more words or phrases joined by AND (with any NOT after them); with OR or
parentheses a query has no one phrase, and ranks by tiers 2 and 4. Diacritics
the person typed are a preference: within each page of hits, those whose
title (or lead) holds the words exactly as typed come first within their
tier, so ``hà nội`` lists "Hà Nội" before "hà nơi", while ``ha noi`` treats
both alike. (The index holds folded text; the page's original titles are
re-read for this, which costs little for one page.)

Highlights and notes are the person's own words on an article: the query
also runs over ``highlight_search`` (their quotes and notes, indexed the
same way), and an article one of them matches ranks in tier 2 with the
title's words, even when nothing else of it matches; its snippet is then
the matching highlight's or note's. The query must match within one
highlight or note: ``a b`` with ``a`` in the body and ``b`` in a note finds
nothing through the note.
"""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
from dataclasses import dataclass

from core.models import SearchHit
from core.text import fold_for_index, fold_vietnamese, nfc
from storage.db import IDS, Store, id_list, primary_code
from storage.errors import SearchSyntaxError
from storage.search_index import SEARCH_COLUMNS

# bm25() weights, in the order of search_index.SEARCH_COLUMNS: a hit in the
# title matters most, then tags and the lead, then captions and byline, then body.
_BM25_WEIGHTS = dict(zip(SEARCH_COLUMNS, (10.0, 4.0, 1.0, 2.0, 5.0, 2.0), strict=True))

# The tiers, best first (see the module's docstring).
TITLE_PHRASE = 1
TITLE_WORDS = 2
TEXT_PHRASE = 3
ELSEWHERE = 4
# The columns of the title tier. A match in a highlight or a note ranks
# here too (see the module's docstring).
_TITLE_TIER_COLUMNS = ("title",)
# Where a phrase of the query's words ranks in tier 3.
_TEXT_COLUMNS = ("lead", "body")
# Tier and bm25 as one sort key: tiers this far apart, much more than any
# bm25 score (about -26 per phrase at most), so FTS5 sorts once.
_TIER_SPAN = 1_000_000.0

# Search ranks every match by tier and bm25 up to this many; past it, see search().
RANK_EVERY_MATCH_UP_TO = 10_000
# At most this many highlights and notes take part in one search, best first.
HIGHLIGHT_MATCHES_UP_TO = 10_000
# The columns whose matches rank first for a very common query.
_WEIGHTY_COLUMNS = ("title", "tags")
# A quoted term or phrase in a compiled FTS5 expression.
_QUOTED = re.compile(r'"(?:[^"]|"")*"')
_WORD = re.compile(r"\w+")

# Markers around matched words in a snippet; rendered by SearchHit users.
SNIPPET_START = "\x02"
SNIPPET_END = "\x03"

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = ("AND", "OR", "NOT")


@dataclass(frozen=True)
class _Piece:
    """One piece of a compiled query: a quoted term or phrase (``typed``
    holds what the person typed for it), an operator or a bracket."""

    fts: str
    typed: str = ""
    prefix: bool = False

    @property
    def is_term(self) -> bool:
        return self.fts.startswith('"')


@dataclass(frozen=True)
class _Query:
    """A compiled query and what ranking needs to know about it."""

    expression: str
    phrase: str | None
    """The positive terms as one FTS5 phrase, for the proximity tiers."""
    typed_words: tuple[str, ...]
    """Words typed with diacritics (lower case), preferred as typed."""

    @property
    def has_not(self) -> bool:
        return " NOT " in self.expression


@dataclass(frozen=True)
class _Noted:
    """The articles whose highlights or notes match a query."""

    snippets: dict[int, str]
    """Each article's best-matching highlight or note, as a snippet."""
    only: tuple[int, ...]
    """Those the article index does not match at all."""


_NOTHING_NOTED = _Noted({}, ())


@dataclass(frozen=True)
class _Ranked:
    """One hit of a page before its snippet: id, tier and bm25 score."""

    id: int
    tier: int
    score: float


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _lex(query: str) -> list[_Piece]:
    """Split a query into FTS5 pieces: quoted terms, operators, parentheses."""
    pieces: list[_Piece] = []
    # FTS5 reads a NUL as the end of the query, leaving a quote open.
    for match in _TOKEN.finditer(nfc(query).replace("\x00", " ")):
        if match.group("open"):
            pieces.append(_Piece("("))
        elif match.group("close"):
            pieces.append(_Piece(")"))
        elif match.group("phrase") is not None:
            phrase = " ".join(match.group("phrase").split())
            if _has_word(phrase):
                pieces.append(_Piece(_quote(fold_for_index(phrase)), phrase))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                pieces.append(_Piece(word))
                continue
            prefix = word.endswith("*")
            term = word.rstrip("*")
            if _has_word(term):
                fts = _quote(fold_for_index(term)) + ("*" if prefix else "")
                pieces.append(_Piece(fts, term, prefix))
    return pieces


def _is_operand_end(piece: str) -> bool:
    return piece not in _OPERATORS and piece != "("


def _is_operand_start(piece: str) -> bool:
    return piece not in _OPERATORS and piece != ")"


def _compile(query: str) -> list[_Piece]:
    """The pieces of a well-formed FTS5 expression (see compile_query)."""
    output: list[_Piece] = []
    depth = 0
    for piece in _lex(query):
        last = output[-1].fts if output else None
        if piece.fts == ")":
            if depth == 0 or last is None or not _is_operand_end(last):
                continue  # an unmatched or empty group: ignore the stray bracket
            depth -= 1
            output.append(piece)
            continue
        if piece.fts in _OPERATORS:
            if last is None or last == "(":
                if piece.fts == "NOT":
                    raise SearchSyntaxError("NOT needs a word before it, as in: hà nội NOT bầu cử")
                continue
            if last in _OPERATORS:
                output[-1] = piece  # "a AND OR b": the last operator wins
            else:
                output.append(piece)
            continue
        if last is not None and _is_operand_end(last) and _is_operand_start(piece.fts):
            output.append(_Piece("AND"))
        if piece.fts == "(":
            depth += 1
        output.append(piece)
    while output and (output[-1].fts in _OPERATORS or output[-1].fts == "("):
        if output.pop().fts == "(":
            depth -= 1
    output.extend(_Piece(")") for _ in range(depth))
    if not any(piece.is_term for piece in output):
        raise SearchSyntaxError("nothing to search for: type a word")
    return output


def compile_query(query: str) -> str:
    """Compile a person's query to an FTS5 MATCH expression.

    Raises SearchSyntaxError for a query with nothing to search for or one
    FTS5 cannot express (a NOT with nothing before it).
    """
    return " ".join(piece.fts for piece in _compile(query))


def _plan(query: str) -> _Query:
    """The compiled query, with its phrase and typed diacritics when it is
    a plain conjunction (no OR, no parentheses)."""
    pieces = _compile(query)
    expression = " ".join(piece.fts for piece in pieces)
    if any(piece.fts in ("OR", "(") for piece in pieces):
        return _Query(expression, None, ())
    # NOT binds tighter than AND in FTS5: the term right after it is excluded.
    positive = [
        piece
        for before, piece in zip([None, *pieces], pieces, strict=False)
        if piece.is_term and (before is None or before.fts != "NOT")
    ]
    phrase = " + ".join(piece.fts for piece in positive) if len(positive) > 1 else None
    typed = (
        word
        for piece in positive
        if not piece.prefix
        for word in _WORD.findall(piece.typed.lower())
        if fold_vietnamese(word) != word
    )
    return _Query(expression, phrase, tuple(dict.fromkeys(typed)))


def search(store: Store, query: str, *, limit: int, offset: int) -> list[SearchHit]:
    """Full-text search, best match first (see ``Library.search``).

    Up to RANK_EVERY_MATCH_UP_TO matches are all ranked by tier and bm25.
    A query matching more (a common syllable in a big library) lists first
    the articles that match in the title (by tier and bm25) or the tags (by
    bm25), found through FTS5's column filter; then, newest first with
    score 0, those holding the query's words as a phrase in the lead or
    body, then the rest: bm25 costs about a microsecond per match, too much
    for 50,000 of them within a keystroke's time.
    """
    plan = _plan(query)
    try:
        with store.read():
            noted = _noted(store, plan.expression)
            page = _page(store, plan, noted, limit, offset)
            if plan.typed_words:
                page = _prefer_typed(store, plan, page)
            return _hits(store, plan.expression, page, noted)
    except sqlite3.OperationalError as error:
        # compile_query quotes every term, so this is rare: a query whose
        # structure FTS5 still refuses (e.g. "a NOT (NOT b)").
        if primary_code(error) != sqlite3.SQLITE_ERROR:
            raise
        raise SearchSyntaxError(f"cannot search for {query!r}: {error}") from error


def _noted(store: Store, expression: str) -> _Noted:
    """The articles the query matches through a highlight or a note.

    Highlights are few next to articles (a reader makes hundreds, not
    hundreds of thousands), so every match is read, best first.
    """
    rows = store.rows(
        "SELECT h.article_id,"
        f" snippet(highlight_search, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 24)"
        " FROM highlight_search JOIN highlights h ON h.id = highlight_search.rowid"
        " WHERE highlight_search MATCH ? ORDER BY bm25(highlight_search), h.id LIMIT ?",
        (expression, HIGHLIGHT_MATCHES_UP_TO),
    )
    if not rows:
        return _NOTHING_NOTED
    snippets: dict[int, str] = {}
    for article_id, snippet in rows:
        snippets.setdefault(int(article_id), str(snippet))
    only = store.rows(
        "SELECT value FROM json_each(?) WHERE value NOT IN"
        " (SELECT rowid FROM article_search(?)) ORDER BY value",
        (id_list(list(snippets)), expression),
    )
    return _Noted(snippets, tuple(int(row[0]) for row in only))


def _page(store: Store, plan: _Query, noted: _Noted, limit: int, offset: int) -> list[_Ranked]:
    if _may_match_more(store, plan.expression, RANK_EVERY_MATCH_UP_TO):
        return _tiered_page(store, plan, noted, limit, offset)
    return _ranked(store, plan.expression, _tiers(plan), ELSEWHERE, limit, offset, noted)


def _count(store: Store, sql: str, params: tuple[object, ...]) -> int:
    row = store.row(sql, params)
    assert row is not None
    return int(row[0])


def _loosened(quoted: str) -> str:
    """A quoted FTS5 phrase as the AND of its words; a single word as is."""
    words = quoted[1:-1].split()
    if len(words) < 2:
        return quoted
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


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


def _in_columns(columns: tuple[str, ...], expression: str) -> str:
    return "{" + " ".join(columns) + "} : (" + expression + ")"


def _within(plan: _Query, expression: str) -> str:
    """``expression`` among the query's matches. Without NOT, a match in
    some columns is a match: no need to AND the whole query again (each
    phrase would be counted twice)."""
    return f"({plan.expression}) AND ({expression})" if plan.has_not else expression


def _tiers(plan: _Query) -> list[tuple[int, str]]:
    """The FTS5 expression of each tier above ELSEWHERE, best first."""
    tiers = [(TITLE_WORDS, _within(plan, _in_columns(_TITLE_TIER_COLUMNS, plan.expression)))]
    if plan.phrase is not None:
        tiers.insert(0, (TITLE_PHRASE, _within(plan, _in_columns(("title",), plan.phrase))))
        tiers.append((TEXT_PHRASE, _within(plan, _in_columns(_TEXT_COLUMNS, plan.phrase))))
    return tiers


def _ranked(
    store: Store,
    expression: str,
    tiers: list[tuple[int, str]],
    otherwise: int,
    limit: int,
    offset: int,
    noted: _Noted = _NOTHING_NOTED,
) -> list[_Ranked]:
    """One page of an expression's matches by tier, then bm25 (no snippets).

    A match's tier is the first of ``tiers`` whose expression it matches
    (each tier's matches are found once, by FTS5), else ``otherwise``. The
    articles a highlight or note matches rank in tier 2 or better; those
    the article index does not match at all come at the end of tier 2.
    """
    weights = ", ".join(str(weight) for weight in _BM25_WEIGHTS.values())
    conditions = [
        (tier, "article_search.rowid IN (SELECT rowid FROM article_search(?))", tier_expression)
        for tier, tier_expression in tiers
    ]
    if noted.snippets:
        conditions.append(
            (
                TITLE_WORDS,
                "article_search.rowid IN (SELECT value FROM json_each(?))",
                id_list(list(noted.snippets)),
            )
        )
        conditions.sort(key=lambda condition: condition[0])  # stable: FTS tiers first
    cases = " ".join(f"WHEN {condition} THEN {tier}" for tier, condition, _ in conditions)
    tier_sql = f"(CASE {cases} ELSE {otherwise} END)" if conditions else str(otherwise)
    matches = (
        f"SELECT rowid, {tier_sql} * {_TIER_SPAN} + bm25(article_search, {weights}) AS rank"
        " FROM article_search WHERE article_search MATCH ?"
    )
    params: list[object] = [*(parameter for _, _, parameter in conditions), expression]
    if noted.only:
        matches += f" UNION ALL SELECT value, {TITLE_WORDS * _TIER_SPAN} FROM json_each(?)"
        params.append(id_list(noted.only))
    rows = store.rows(
        f"SELECT rowid, rank FROM ({matches}) ORDER BY rank, rowid LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    page = []
    for row in rows:
        tier = math.ceil(float(row[1]) / _TIER_SPAN)
        page.append(_Ranked(int(row[0]), tier, tier * _TIER_SPAN - float(row[1])))
    return page


def _dated(store: Store, expression: str, tier: int, limit: int, offset: int) -> list[_Ranked]:
    """One page of an expression's matches newest first, with score 0:
    bm25 here would recount each phrase's documents over the whole index."""
    rows = store.rows(
        "SELECT rowid FROM article_search"
        " WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?",
        (expression, limit, offset),
    )
    return [_Ranked(int(row[0]), tier, 0.0) for row in rows]


@dataclass(frozen=True)
class _Part:
    """One part of a very common query's hits: its matches ranked (by
    ``tiers``, else ``tier``, then bm25) or newest first (all ``tier``)."""

    expression: str
    tier: int
    ranked: bool
    tiers: tuple[tuple[int, str], ...] = ()
    noted: _Noted = _NOTHING_NOTED

    def page(self, store: Store, limit: int, offset: int) -> list[_Ranked]:
        if self.ranked:
            return _ranked(
                store, self.expression, list(self.tiers), self.tier, limit, offset, self.noted
            )
        return _dated(store, self.expression, self.tier, limit, offset)

    def count(self, store: Store) -> int:
        matches = _count(
            store,
            "SELECT count(*) FROM article_search WHERE article_search MATCH ?",
            (self.expression,),
        )
        return matches + len(self.noted.only)


def _parts(plan: _Query, noted: _Noted) -> list[_Part]:
    """A very common query's hits in order (see ``search``). Each part is
    an FTS5 query with a column filter: only the title and tag matches (and
    the articles only a highlight or note matches) are ranked, the rest is
    read newest first and stops at the page."""
    expression = plan.expression
    weighty = _within(plan, _in_columns(_WEIGHTY_COLUMNS, expression))
    title_tiers = tuple(tier for tier in _tiers(plan) if tier[0] != TEXT_PHRASE)
    ranked = _Part(weighty, ELSEWHERE, ranked=True, tiers=title_tiers, noted=noted)
    if plan.phrase is None:
        return [ranked, _Part(f"({expression}) NOT ({weighty})", ELSEWHERE, ranked=False)]
    in_text = _in_columns(_TEXT_COLUMNS, plan.phrase)
    return [
        ranked,
        _Part(f"(({expression}) AND ({in_text})) NOT ({weighty})", TEXT_PHRASE, ranked=False),
        _Part(f"({expression}) NOT (({weighty}) OR ({in_text}))", ELSEWHERE, ranked=False),
    ]


def _tiered_page(
    store: Store, plan: _Query, noted: _Noted, limit: int, offset: int
) -> list[_Ranked]:
    """One page of a very common query: its parts one after another."""
    page: list[_Ranked] = []
    skip = offset
    for part in _parts(plan, noted):
        if len(page) == limit:
            break
        found = part.page(store, limit - len(page), skip)
        if found:
            page += found
            skip = 0
        elif skip:
            skip = max(skip - part.count(store), 0)
    return page


def _prefer_typed(store: Store, plan: _Query, page: list[_Ranked]) -> list[_Ranked]:
    """The page with, inside each run of one tier, the hits that hold the
    words typed with diacritics exactly as typed first (otherwise in order).

    The index holds folded text, so this looks at the original title (and,
    below the title tiers, the lead) of the page's articles only. Each page
    is reordered within itself, so pages never overlap nor skip a hit; the
    window asks for 100 hits a page (ui.article_model.PAGE_SIZE).
    """
    if not page:
        return page
    ids = [hit.id for hit in page]
    rows = store.rows(
        f"SELECT id, title, coalesce(lead, '') AS lead FROM articles"
        f" WHERE id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    texts = {row["id"]: (row["title"], row["lead"]) for row in rows}
    wanted = set(plan.typed_words)

    def misses(hit: _Ranked) -> bool:
        title, lead = texts.get(hit.id, ("", ""))
        text = title if hit.tier <= TITLE_WORDS else f"{title} {lead}"
        return not wanted <= set(_WORD.findall(nfc(text).lower()))

    preferred: list[_Ranked] = []
    for _, run in itertools.groupby(page, key=lambda hit: hit.tier):
        preferred += sorted(run, key=misses)  # sorted() is stable: bm25 order within
    return preferred


def _hits(store: Store, expression: str, page: list[_Ranked], noted: _Noted) -> list[SearchHit]:
    """Titles and snippets for a page of ranked ids, in page order.

    Built for the page only: a snippet re-reads and re-tokenises its
    article. No bm25() here: restricted to a list of rowids, FTS5 would
    recount every phrase's documents once per rowid. An article matched
    through a highlight or note shows that one's snippet, unless its own
    snippet marks a match.
    """
    if not page:
        return []
    ids = [hit.id for hit in page]
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
    found = {row["id"]: (row["title"], row["snippet"]) for row in rows}
    if noted.only:
        titles = store.rows(
            f"SELECT id, title FROM articles WHERE id IN {IDS}", (id_list(noted.only),)
        )
        found.update((row["id"], (row["title"], "")) for row in titles)
    hits = []
    for hit in page:
        if hit.id not in found:
            continue
        title, snippet = found[hit.id]
        if hit.id in noted.snippets and SNIPPET_START not in snippet:
            snippet = noted.snippets[hit.id]
        hits.append(SearchHit(id=hit.id, title=title, snippet=snippet, score=hit.score))
    return hits
