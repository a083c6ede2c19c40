"""Benchmark: does search find the article a person remembers? Prints JSON.

    .venv/bin/python -m bench.search_ranking [--articles 30000] [--library PATH]

One run, three rankings side by side on the same libraries and queries:
``readshelf`` (storage.search: tiers, then bm25), ``before`` (the ranking
Readshelf had before issue 17, kept here for the comparison) and
``raw_fts5`` (SQLite FTS5's bm25 with the title weighted 10, the other
columns 1).

(a) Known items on real pages: every page of the public Zyte and
    Readability sets in ``../shared/corpora`` (skipped with a message when
    absent) is captured as web capture does (``capture_fetched``) and saved
    in one library. Each article is then looked for by two or three words
    of its title typed without diacritics, leaving out words common to more
    than 2% of the titles ("the", "và"): next to each other once those are
    left out (``adjacent``), or picked anywhere in title order
    (``scattered``). Scored: success@1, success@3 and MRR over the first
    100 hits; a hit with the same title as the article counts as finding it
    (a few pages share a title).
(b) Title words on a synthetic Vietnamese and English library (bench.corpus,
    ``--articles``, built by the bulk path or reused with ``--library``):
    for sampled articles, two or three title words; counted, among the
    first 100 hits, articles whose title lacks a query word ranked above one
    whose title holds them all (target 0). Known-item success too.
(c) Speed on the synthetic library: p50/p95 of a first page of 20 hits with
    snippets, for the scale bench's query set (bench.run.SEARCHES) and for
    the title-word queries, Readshelf and ``before`` interleaved; wall time,
    and this process's CPU time beside it (steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Corpus
from bench.extraction import CORPORA, Page, readability_pages, zyte_pages
from bench.run import REPEATS, SEARCHES, build, summary_ms
from capture.fetch import Fetched
from capture.sources import capture_fetched
from core.errors import CaptureError
from core.limits import Limits
from storage import Library
from storage.search import SNIPPET_END, SNIPPET_START, compile_query

DEPTH = 100  # hits looked at per query
PAGE = 20  # hits per timed search, as the scale bench asks
COMMON_SHARE = 0.02  # a word in more of the titles than this is left out of queries
_WORD = re.compile(r"\w+")
Ranking = Callable[[Library, str, int], list[int]]


# --------------------------------------------------------------------------
# The rankings compared
# --------------------------------------------------------------------------


def readshelf_ids(library: Library, query: str, limit: int) -> list[int]:
    return [hit.id for hit in library.search(query, limit=limit)]


def raw_fts5_ids(library: Library, query: str, limit: int) -> list[int]:
    """FTS5's bm25 alone, the title weighted 10."""
    rows = library.store.rows(
        "SELECT rowid FROM article_search WHERE article_search MATCH ?"
        " ORDER BY bm25(article_search, 10.0, 1.0, 1.0, 1.0, 1.0, 1.0), rowid LIMIT ?",
        (compile_query(query), limit),
    )
    return [int(row[0]) for row in rows]


# The ranking before issue 17: bm25 with these weights for up to 10,000
# matches; past that, title and tag matches by bm25, then the rest newest first.
_BEFORE_WEIGHTS = "10.0, 4.0, 1.0, 2.0, 5.0, 2.0"
_BEFORE_RANK_UP_TO = 10_000
_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def before_ids(library: Library, query: str, limit: int) -> list[int]:
    """The ids the ranking before issue 17 listed first."""
    expression = compile_query(query)
    with library.store.read():
        return _before_page(library, expression, limit)


def before_search(library: Library, query: str, limit: int) -> list[tuple[int, str]]:
    """The search before issue 17 as the window ran it: a page, with snippets."""
    expression = compile_query(query)
    with library.store.read():
        ids = _before_page(library, expression, limit)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        if "*" in expression:
            where = f"article_search.rowid BETWEEN ? AND ? AND +article_search.rowid IN ({marks})"
            params: list[object] = [min(ids), max(ids), *ids]
        else:
            where = f"article_search.rowid IN ({marks})"
            params = list(ids)
        rows = library.store.rows(
            "SELECT a.id,"
            f" snippet(article_search, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 24)"
            " FROM article_search JOIN articles a ON a.id = article_search.rowid"
            f" WHERE article_search MATCH ? AND {where}",
            (expression, *params),
        )
        found = {int(row[0]): str(row[1]) for row in rows}
        return [(i, found[i]) for i in ids if i in found]


def _before_page(library: Library, expression: str, limit: int) -> list[int]:
    loosened = _QUOTED.sub(lambda match: _loosened(match[0]), expression)
    counted = library.store.row(
        "SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ? LIMIT ?)",
        (loosened, _BEFORE_RANK_UP_TO + 1),
    )
    assert counted is not None
    if int(counted[0]) <= _BEFORE_RANK_UP_TO:
        return _before_ranked(library, expression, limit)
    weighty = f"{{title tags}} : ({expression})"
    strong = f"({expression}) AND ({weighty})" if " NOT " in expression else weighty
    page = _before_ranked(library, strong, limit)
    rows = library.store.rows(
        "SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ?",
        (f"({expression}) NOT ({weighty})", limit - len(page)),
    )
    return page + [int(row[0]) for row in rows]


def _before_ranked(library: Library, expression: str, limit: int) -> list[int]:
    rows = library.store.rows(
        f"SELECT rowid, bm25(article_search, {_BEFORE_WEIGHTS}) AS rank FROM article_search"
        " WHERE article_search MATCH ? ORDER BY rank, rowid LIMIT ?",
        (expression, limit),
    )
    return [int(row[0]) for row in rows]


def _loosened(quoted: str) -> str:
    words = quoted[1:-1].split()
    if len(words) < 2:
        return quoted
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


RANKINGS: dict[str, Ranking] = {
    "readshelf": readshelf_ids,
    "before": before_ids,
    "raw_fts5": raw_fts5_ids,
}


# --------------------------------------------------------------------------
# Queries and scores
# --------------------------------------------------------------------------


def title_words(title: str) -> list[str]:
    """A title's words as a person types them without diacritics: lower
    case, đ as d, and the marks on Latin letters dropped (a Russian or
    Japanese reader still types й or ド)."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", title.lower().replace("đ", "d")):
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue
        kept.append(char)
    return _WORD.findall(unicodedata.normalize("NFC", "".join(kept)))


def _is_latin(char: str) -> bool:
    return char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def common_words(titles: Sequence[str]) -> set[str]:
    """Words in more than COMMON_SHARE of the titles ("the", "và"): nobody
    remembers an article by them, so queries leave them out."""
    seen = Counter(word for title in titles for word in set(title_words(title)))
    return {word for word, count in seen.items() if count > COMMON_SHARE * len(titles)}


def title_queries(title: str, common: set[str], rng: random.Random) -> dict[str, str] | None:
    """Two or three of a title's words that are not common: next to each
    other once common words are left out (``adjacent``), and picked
    anywhere in title order (``scattered``). None for a title with fewer
    than two such words."""
    words = list(dict.fromkeys(word for word in title_words(title) if word not in common))
    if len(words) < 2:
        return None
    count = min(rng.choice((2, 3)), len(words))
    start = rng.randrange(len(words) - count + 1)
    picked = sorted(rng.sample(range(len(words)), count))
    return {
        "adjacent": " ".join(words[start : start + count]),
        "scattered": " ".join(words[i] for i in picked),
    }


def known_item(ranks: Sequence[int | None]) -> dict[str, float]:
    """success@1, success@3 and MRR of 1-based ranks (None: not in the first DEPTH)."""
    count = max(len(ranks), 1)
    return {
        "success_at_1": round(sum(rank == 1 for rank in ranks) / count, 4),
        "success_at_3": round(sum(rank is not None and rank <= 3 for rank in ranks) / count, 4),
        "mrr": round(sum(1 / rank for rank in ranks if rank) / count, 4),
    }


def rank_of(found: list[int], target: int, titles: dict[int, str]) -> int | None:
    """Where the target (or an article of the same title) is listed, from 1."""
    wanted = title_words(titles[target])
    for position, article_id in enumerate(found, start=1):
        if article_id == target or title_words(titles.get(article_id, "")) == wanted:
            return position
    return None


def title_violations(found: list[int], query: str, titles: dict[int, str]) -> int:
    """Hits whose title lacks a query word listed above the last hit whose
    title holds every query word."""
    wanted = set(title_words(query))
    holds = [wanted <= set(title_words(titles[article_id])) for article_id in found]
    if True not in holds:
        return 0
    last = len(holds) - 1 - holds[::-1].index(True)
    return sum(1 for has_all in holds[:last] if not has_all)


# --------------------------------------------------------------------------
# (a) Real pages
# --------------------------------------------------------------------------


def real_pages(corpora: Path, seed: int) -> dict[str, Any]:
    pages = {
        "zyte": zyte_pages(corpora / "zyte-article-benchmark"),
        "readability": readability_pages(corpora / "readability-test-pages"),
    }
    present = [(name, page) for name, found in pages.items() for page in found or []]
    result: dict[str, Any] = {
        name: {"skipped": "corpus not found; see ../shared/corpora/README.md"}
        for name, found in pages.items()
        if found is None
    }
    if not present:
        return result
    with tempfile.TemporaryDirectory(prefix="readshelf-ranking-") as folder:
        library = Library(Path(folder) / "library.sqlite")
        try:
            titles = _save_pages(library, present)
            result.update(_known_items(library, titles, random.Random(seed)))
        finally:
            library.close()
    return result


def _save_pages(library: Library, pages: list[tuple[str, Page]]) -> dict[int, str]:
    """Capture and save every page; returns the saved titles by id."""
    titles: dict[int, str] = {}
    for set_name, page in pages:
        # The Readability pages share one address: give each its own, as
        # separate pages of the web would have.
        url = page.url if set_name == "zyte" else f"http://fakehost/{page.name}/page.html"
        fetched = Fetched(url, url, page.html.encode("utf-8"), "text/html", "utf-8")
        try:
            record = capture_fetched(fetched, Limits(), [])
        except CaptureError:
            continue
        saved = library.save_article(record)
        titles[saved.id] = record.title
    return titles


def _known_items(library: Library, titles: dict[int, str], rng: random.Random) -> dict[str, Any]:
    common = common_words(list(titles.values()))
    queries = {
        article_id: made
        for article_id, title in sorted(titles.items())
        if (made := title_queries(title, common, rng)) is not None
    }
    result: dict[str, Any] = {"articles": len(titles), "queries_per_kind": len(queries)}
    for kind in ("adjacent", "scattered"):
        scores: dict[str, Any] = {}
        for name, ranking in RANKINGS.items():
            ranks = [
                rank_of(ranking(library, made[kind], DEPTH), article_id, titles)
                for article_id, made in queries.items()
            ]
            scores[name] = known_item(ranks)
        scores["missed_at_1_by_readshelf"] = [
            {"query": made[kind], "title": titles[article_id]}
            for article_id, made in queries.items()
            if rank_of(readshelf_ids(library, made[kind], DEPTH), article_id, titles) != 1
        ][:10]
        result[kind] = scores
    result["targets"] = {"success_at_1": 0.97, "mrr": 0.98}
    return result


# --------------------------------------------------------------------------
# (b) and (c) The synthetic library
# --------------------------------------------------------------------------


@contextmanager
def _library_at(given: Path | None) -> Iterator[Path]:
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="readshelf-ranking-") as folder:
        yield Path(folder) / "library.sqlite"


def synthetic(articles: int, given: Path | None, seed: int, sample: int) -> dict[str, Any]:
    with _library_at(given) as path:
        library = Library(path)
        try:
            existing = library.count_articles()
            started = time.perf_counter()
            if existing < articles:
                build(library, Corpus(seed), articles - existing, 0)
            built = {
                "articles": library.count_articles(),
                "build_seconds": round(time.perf_counter() - started, 1),
                "reused": existing >= articles,
            }
            return {**built, **_synthetic_scores(library, seed, sample)}
        finally:
            library.close()


def _all_titles(library: Library) -> dict[int, str]:
    titles: dict[int, str] = {}
    after: int | None = None
    while page := library.list_articles(limit=1000, after=after):
        titles.update((summary.id, summary.title) for summary in page)
        after = page[-1].id
    return titles


def _synthetic_scores(library: Library, seed: int, sample: int) -> dict[str, Any]:
    titles = _all_titles(library)
    rng = random.Random(seed)
    targets = rng.sample(sorted(titles), min(sample, len(titles)))
    common = common_words(list(titles.values()))
    queries = {
        article_id: made
        for article_id in targets
        if (made := title_queries(titles[article_id], common, rng)) is not None
    }
    quality: dict[str, Any] = {}
    for kind in ("adjacent", "scattered"):
        scores: dict[str, Any] = {}
        for name, ranking in RANKINGS.items():
            ranks: list[int | None] = []
            violations: list[int] = []
            for article_id, made in queries.items():
                found = ranking(library, made[kind], DEPTH)
                ranks.append(rank_of(found, article_id, titles))
                violations.append(title_violations(found, made[kind], titles))
            scores[name] = {
                **known_item(ranks),
                "title_lacks_a_word_ranked_above_title_with_all": sum(violations),
                "queries_with_such_a_hit": sum(1 for count in violations if count),
            }
        quality[kind] = scores
    scale_queries = [query for queries_of_kind in SEARCHES.values() for query in queries_of_kind]
    corpus = Corpus(seed)
    rare = random.Random(1)
    scale_queries += [rare.choice(corpus.story().terms) for _ in range(5)]
    title_word_queries = [made["adjacent"] for made in list(queries.values())[:30]]
    return {
        "queries_per_kind": len(queries),
        "quality": quality,
        "target_violations": 0,
        "latency_scale_bench_queries": _latency(library, scale_queries),
        "latency_title_word_queries": _latency(library, title_word_queries),
    }


def _latency(library: Library, queries: list[str]) -> dict[str, Any]:
    """A first page of PAGE hits with snippets, each query warmed once, then
    REPEATS times each, the two searches interleaved."""
    searches: dict[str, Callable[[str], object]] = {
        "readshelf": lambda query: library.search(query, limit=PAGE),
        "before": lambda query: before_search(library, query, PAGE),
    }
    times: dict[str, list[float]] = {name: [] for name in searches}
    cpu: dict[str, list[float]] = {name: [] for name in searches}
    slowest: dict[str, tuple[float, str]] = {}
    for query in queries:
        for action in searches.values():
            action(query)
        for _ in range(REPEATS):
            for name, action in searches.items():
                started, started_cpu = time.perf_counter(), time.process_time()
                action(query)
                elapsed = time.perf_counter() - started
                cpu[name].append(time.process_time() - started_cpu)
                times[name].append(elapsed)
                slowest[name] = max(slowest.get(name, (0.0, "")), (elapsed, query))
    return {
        "queries": len(queries),
        **{name: summary_ms(found) for name, found in times.items()},
        # CPU time of this process: steadier than wall time on a shared machine.
        "cpu": {name: summary_ms(found) for name, found in cpu.items()},
        "slowest_query": {name: query for name, (_, query) in slowest.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search ranking beside raw FTS5, in one run.")
    parser.add_argument("--articles", type=int, default=30_000, help="synthetic library size")
    parser.add_argument("--library", type=Path, help="keep (or reuse) the synthetic library here")
    parser.add_argument("--queries", type=int, default=300, help="title-word queries sampled")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args(argv)
    result = {
        "real_pages": real_pages(args.corpora, args.seed),
        "synthetic": synthetic(args.articles, args.library, args.seed, args.queries),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
