"""Reading the similarity index: similar articles, copies of a text, and
everything related to an article, best first.
"""

from __future__ import annotations

import heapq
import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from core.models import RelatedItem, SimilarArticle
from core.text import fold_vietnamese
from storage.similar.index import (
    article_fields,
    document_count,
    keep_terms,
    term_frequencies,
)
from storage.similar.terms import (
    DUPLICATE_JACCARD,
    MAX_REWARDED_TAGS,
    MIN_TEXT_SCORE,
    POSTINGS_PER_TERM,
    RANK_SCALE,
    SECTION_REWARD,
    SHORTLIST,
    SIGNATURE,
    SITE_REWARD,
    SUMMARY_CHARACTERS,
    TAG_NEIGHBOURS,
    TAG_REWARD,
    TIME_REWARD,
    TIME_SCALE_DAYS,
    WHY_TERMS,
    band_keys,
    candidate_terms,
    count_terms,
    estimated_jaccard,
    is_copy,
    marks,
    term_id,
    text_signature,
    unpack_terms,
)
from storage.similar.why import copy_why, link_why, similar_why
from storage.tags import tag_key


@dataclass(frozen=True)
class _Profile:
    """What a look-up needs of the article it starts from."""

    kept: dict[int, float]
    signature: tuple[int, ...] | None
    words: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Meta:
    """The columns of a candidate article that scoring and output need."""

    id: int
    title: str
    url: str | None
    site: str | None
    section: str | None
    published: str | None
    sort_date: str
    lead: str | None


@dataclass
class _Scored:
    """A candidate on its way to becoming a similar article."""

    article_id: int
    text: float = 0.0
    terms: list[tuple[float, int]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    score: float = 0.0
    duplicates: list[int] = field(default_factory=list)


def _profile(conn: sqlite3.Connection, article_id: int) -> _Profile:
    """The stored profile, or one computed now for an article saved before
    the index existed (read-only: nothing is stored)."""
    row = conn.execute(
        "SELECT terms, minhash FROM similar_docs WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is not None:
        kept = [term for term in unpack_terms(row[0]) if term.rank]
        signature = None if row[1] is None else tuple(SIGNATURE.unpack(row[1]))
        return _Profile(
            {term.term_id: term.weight for term in kept},
            signature,
            {term.term_id: term.word for term in kept},
        )
    fields = article_fields(conn, article_id)
    if fields is None:
        return _Profile({}, None)
    counts = count_terms(fields)
    candidates = candidate_terms(counts)
    frequencies = term_frequencies(conn, [term_id(term) for term, _ in candidates])
    kept = [
        term
        for term in keep_terms(counts, candidates, frequencies, max(document_count(conn), 1))
        if term.rank
    ]
    return _Profile(
        {term.term_id: term.weight for term in kept},
        text_signature(counts),
        {term.term_id: term.word for term in kept},
    )


def _metadata(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, _Meta]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = conn.execute(
        "SELECT id, title, url, site, section, published, sort_date, lead FROM articles"
        f" WHERE id IN ({marks(len(wanted))})",
        wanted,
    )
    return {int(row[0]): _Meta(*row) for row in rows}


def _signatures(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT article_id, minhash FROM similar_docs"
        f" WHERE minhash IS NOT NULL AND article_id IN ({marks(len(ids))})",
        list(ids),
    )
    return {int(row[0]): tuple(SIGNATURE.unpack(row[1])) for row in rows}


def _duplicate_scores(
    conn: sqlite3.Connection, article_id: int, signature: tuple[int, ...] | None
) -> dict[int, float]:
    """Articles whose text is (nearly) this one's, with their estimated
    Jaccard similarity: band look-up first, then signatures compared."""
    if signature is None:
        return {}
    keys = band_keys(signature)
    rows = conn.execute(
        "SELECT DISTINCT article_id FROM similar_bands"
        f" WHERE band_key IN ({marks(len(keys))}) AND article_id != ?",
        [*keys, article_id],
    )
    others = _signatures(conn, [int(row[0]) for row in rows])
    scores = {other: estimated_jaccard(signature, theirs) for other, theirs in others.items()}
    return {other: score for other, score in scores.items() if score >= DUPLICATE_JACCARD}


_Posting = tuple[int, int, int]
"""(term_id, article_id, rank) as read from similar_postings."""


def _text_scores(
    conn: sqlite3.Connection, kept: dict[int, float]
) -> tuple[dict[int, float], list[_Posting]]:
    """The cosine of every article sharing kept terms, from each term's
    heaviest postings only (one statement), and the postings read."""
    if not kept:
        return {}, []
    part = (
        "SELECT * FROM (SELECT term_id, article_id, rank FROM similar_postings"
        " WHERE term_id = ? ORDER BY rank LIMIT ?)"
    )
    params: list[int] = []
    for identifier in kept:
        params += [identifier, POSTINGS_PER_TERM]
    postings: list[_Posting] = conn.execute(
        " UNION ALL ".join([part] * len(kept)), params
    ).fetchall()
    # Plain dict arithmetic: this loop meets every posting read (thousands).
    sums: dict[int, float] = {}
    get = sums.get
    for identifier, other, rank in postings:
        sums[other] = get(other, 0.0) + kept[identifier] * (65535 - rank)
    return {other: total / RANK_SCALE for other, total in sums.items()}, postings


def _attach_terms(chosen: list[_Scored], postings: list[_Posting], kept: dict[int, float]) -> None:
    """Each chosen article's shared terms with their contributions (for ``why``)."""
    by_id = {scored.article_id: scored for scored in chosen}
    for identifier, other, rank in postings:
        scored = by_id.get(other)
        if scored is not None:
            scored.terms.append((kept[identifier] * (65535 - rank) / RANK_SCALE, identifier))


# The person's tags and the sites' topics both say what an article is about:
# (link table, its label column, the label table). Topics came apart from
# tags with migration 009; a shared topic is rewarded as a shared tag is.
_LABELS = (("article_tags", "tag_id", "tags"), ("article_topics", "topic_id", "topics"))
Label = tuple[int, int]
"""A tag or topic: (its index in ``_LABELS``, its id)."""


def _tags_and_neighbours(
    conn: sqlite3.Connection, article_id: int
) -> tuple[dict[Label, str], set[int]]:
    """The article's tags and topics, and the most recent articles sharing each."""
    labels: dict[Label, str] = {}
    neighbours: set[int] = set()
    for kind, (link, column, table) in enumerate(_LABELS):
        rows = conn.execute(
            f"SELECT l.{column}, t.name FROM {link} l JOIN {table} t ON t.id = l.{column}"
            " WHERE l.article_id = ?",
            (article_id,),
        ).fetchall()
        for label_id, name in rows:
            labels[kind, int(label_id)] = str(name)
            neighbours.update(
                int(row[0])
                for row in conn.execute(
                    f"SELECT article_id FROM {link} WHERE {column} = ? AND article_id != ?"
                    " ORDER BY article_id DESC LIMIT ?",
                    (label_id, article_id, TAG_NEIGHBOURS),
                )
            )
    return labels, neighbours


def _mark_shared_tags(
    conn: sqlite3.Connection, shortlist: list[_Scored], labels: dict[Label, str]
) -> None:
    """Note on each shortlisted article the tags and topics it shares (a name
    that is both a tag and a topic counts once)."""
    if not labels or not shortlist:
        return
    by_id = {scored.article_id: scored for scored in shortlist}
    for kind, (link, column, _table) in enumerate(_LABELS):
        ids = [label_id for label_kind, label_id in labels if label_kind == kind]
        if not ids:
            continue
        rows = conn.execute(
            f"SELECT article_id, {column} FROM {link}"
            f" WHERE article_id IN ({marks(len(by_id))}) AND {column} IN ({marks(len(ids))})",
            [*by_id, *ids],
        )
        for other, label_id in rows:
            name = labels[kind, int(label_id)]
            shared = by_id[int(other)].tags
            if tag_key(name) not in {tag_key(known) for known in shared}:
                shared.append(name)
    for scored in shortlist:
        scored.tags.sort(key=fold_vietnamese)


def _days_apart(first: str, second: str) -> float | None:
    try:
        start, end = datetime.fromisoformat(first), datetime.fromisoformat(second)
        return abs((start - end).total_seconds()) / 86400
    except (TypeError, ValueError):
        return None  # a naive and an aware time, or no date at all


@dataclass(frozen=True)
class _Keys:
    """What the smaller rewards compare: folded site and section, and date."""

    site: str
    section: str
    sort_date: str


def _sort_keys(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, _Keys]:
    """Site, section and date of articles, from the compact articles_list_keys
    index rather than the articles' large rows."""
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT id, coalesce(site, ''), coalesce(section, ''), sort_date"
        f" FROM articles INDEXED BY articles_list_keys WHERE id IN ({marks(len(ids))})",
        list(ids),
    )
    return {
        int(row[0]): _Keys(fold_vietnamese(row[1]), fold_vietnamese(row[2]), row[3]) for row in rows
    }


def _final_score(scored: _Scored, mine: _Keys, theirs: _Keys) -> float:
    """Text cosine plus the smaller rewards: tags, section, site, time."""
    score = scored.text + TAG_REWARD * min(len(scored.tags), MAX_REWARDED_TAGS)
    if mine.section and mine.section == theirs.section:
        score += SECTION_REWARD
    if mine.site and mine.site == theirs.site:
        score += SITE_REWARD
    days = _days_apart(mine.sort_date, theirs.sort_date)
    if days is not None:
        score += TIME_REWARD * math.exp(-days / TIME_SCALE_DAYS)
    return score


def _group_duplicates(
    conn: sqlite3.Connection, ranked: list[_Scored], mine: tuple[int, ...] | None, wanted: int
) -> list[_Scored]:
    """The first ``wanted`` candidates that are neither copies of the
    article itself nor of a better-ranked candidate (those are listed as
    its ``duplicates`` instead)."""
    signatures = _signatures(conn, [scored.article_id for scored in ranked])
    chosen: list[_Scored] = []
    for scored in ranked:
        theirs = signatures.get(scored.article_id)
        if theirs is not None and is_copy(mine, theirs):
            continue
        twin = next(
            (
                kept
                for kept in chosen
                if theirs is not None
                and kept.article_id in signatures
                and estimated_jaccard(signatures[kept.article_id], theirs) >= DUPLICATE_JACCARD
            ),
            None,
        )
        if twin is not None:
            twin.duplicates.append(scored.article_id)
        elif len(chosen) < wanted:
            chosen.append(scored)
    return chosen


def _shared_words(scored: _Scored, words: dict[int, str]) -> list[str]:
    """The top shared terms, as written in the article they are shared with;
    a word that is part of a shown two-word term is not repeated."""
    picked: list[str] = []
    for _, identifier in sorted(scored.terms, reverse=True):
        word = words.get(identifier)
        if not word or any(word in other.split() for other in picked if " " in other):
            continue
        if " " in word:
            picked = [other for other in picked if other not in word.split()]
        picked.append(word)
        if len(picked) == WHY_TERMS:
            break
    return picked


def find_similar(conn: sqlite3.Connection, article_id: int, limit: int) -> list[SimilarArticle]:
    """Saved articles most like this one, best first; near-duplicates of it
    are left out, and copies among the results are grouped."""
    return [
        _similar_article(scored, meta, words)
        for scored, meta, words in _ranked_similar(conn, article_id, limit)
    ]


def _ranked_similar(
    conn: sqlite3.Connection,
    article_id: int,
    limit: int,
    exclude: Iterable[int] = (),
    known: tuple[_Profile, dict[int, float]] | None = None,
) -> list[tuple[_Scored, _Meta, list[str]]]:
    """The scored, grouped, described similar articles. ``known`` passes
    the article's profile and copies when the caller has them already."""
    mine = _sort_keys(conn, [article_id]).get(article_id)
    if mine is None or limit <= 0:
        return []
    if known is None:
        profile = _profile(conn, article_id)
        known = profile, _duplicate_scores(conn, article_id, profile.signature)
    profile, copies = known
    text, postings = _text_scores(conn, profile.kept)
    tags, neighbours = _tags_and_neighbours(conn, article_id)
    skip = {article_id, *exclude, *copies}
    best = heapq.nlargest(
        SHORTLIST,
        ((score, other) for other, score in text.items() if other not in skip),
    )
    shortlist = {other: _Scored(other, score) for score, other in best if score >= MIN_TEXT_SCORE}
    for other in neighbours - skip - shortlist.keys():
        shortlist[other] = _Scored(other, text.get(other, 0.0))
    _mark_shared_tags(conn, list(shortlist.values()), tags)
    eligible = [s for s in shortlist.values() if s.text >= MIN_TEXT_SCORE or s.tags]
    keys = _sort_keys(conn, [scored.article_id for scored in eligible])
    eligible = [scored for scored in eligible if scored.article_id in keys]
    for scored in eligible:
        scored.score = _final_score(scored, mine, keys[scored.article_id])
    eligible.sort(key=lambda scored: (-scored.score, scored.article_id))
    chosen = _group_duplicates(conn, eligible[: limit * 2 + 5], profile.signature, limit)
    _attach_terms(chosen, postings, profile.kept)
    metadata = _metadata(conn, [scored.article_id for scored in chosen])
    return [
        (scored, metadata[scored.article_id], _shared_words(scored, profile.words))
        for scored in chosen
        if scored.article_id in metadata
    ]


def _similar_article(scored: _Scored, meta: _Meta, words: list[str]) -> SimilarArticle:
    return SimilarArticle(
        id=meta.id,
        title=meta.title,
        site=meta.site,
        section=meta.section,
        published=meta.published,
        score=round(scored.score, 4),
        why=similar_why(scored.tags, words),
        url=meta.url,
        shared_tags=tuple(scored.tags),
        shared_terms=tuple(words),
        duplicates=tuple(scored.duplicates),
    )


def near_duplicates(conn: sqlite3.Connection, article_id: int) -> list[SimilarArticle]:
    """Other saved copies of this article's text, closest first; ``score``
    is the estimated share of three-word runs they have in common."""
    scores = _duplicate_scores(conn, article_id, _profile(conn, article_id).signature)
    return _copies(conn, scores)


def _copies(conn: sqlite3.Connection, scores: dict[int, float]) -> list[SimilarArticle]:
    """Copies found by ``_duplicate_scores`` as results, closest first."""
    metadata = _metadata(conn, scores)
    ranked = sorted(metadata.values(), key=lambda meta: (-scores[meta.id], meta.id))
    return [
        SimilarArticle(
            id=meta.id,
            title=meta.title,
            site=meta.site,
            section=meta.section,
            published=meta.published,
            score=round(scores[meta.id], 4),
            why=copy_why(scores[meta.id]),
            url=meta.url,
        )
        for meta in ranked
    ]


def _summary(lead: str | None) -> str | None:
    if not lead:
        return None
    text = " ".join(lead.split())
    if len(text) <= SUMMARY_CHARACTERS:
        return text
    return text[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def related_stories(conn: sqlite3.Connection, article_id: int, limit: int) -> list[RelatedItem]:
    """The page's own related stories (resolved to saved articles where
    possible), then other saved copies of this text ("duplicate"), then up
    to ``limit`` similar articles not already named above."""
    items = [
        RelatedItem(
            kind=row[0],
            title=row[1],
            url=row[2],
            section=row[3],
            summary=row[4],
            article_id=row[5],
            score=None,
            why=link_why(row[0]),
        )
        for row in conn.execute(
            "SELECT kind, title, url, section, summary, target_id FROM related"
            " WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    ]
    profile = _profile(conn, article_id)
    scores = _duplicate_scores(conn, article_id, profile.signature)
    duplicates = _copies(conn, scores)
    metadata = _metadata(conn, [copy.id for copy in duplicates])
    items += [
        RelatedItem(
            kind="duplicate",
            title=copy.title,
            url=copy.url,
            section=copy.section,
            summary=_summary(metadata[copy.id].lead),
            article_id=copy.id,
            score=copy.score,
            why=copy.why,
        )
        for copy in duplicates
    ]
    named = {item.article_id for item in items if item.article_id is not None}
    items += [
        RelatedItem(
            kind="similar",
            title=meta.title,
            url=meta.url,
            section=meta.section,
            summary=_summary(meta.lead),
            article_id=meta.id,
            score=round(scored.score, 4),
            why=similar_why(scored.tags, words),
        )
        for scored, meta, words in _ranked_similar(
            conn, article_id, limit, exclude=named, known=(profile, scores)
        )
    ]
    return items
