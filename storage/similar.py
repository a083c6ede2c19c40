"""The similarity engine: which saved articles tell the same story.

Everything slow is done once, when an article is saved, so that asking for
an article's similar stories is a handful of indexed look-ups even in a
library of 100,000 articles. Three structures are kept (tables made by the
``004_similarity`` migration in storage.schema):

* Distinctive terms. An article's title, lead, body and image captions are
  folded (case, diacritics, đ → d) and cut into words and two-word terms.
  Vietnamese writes one syllable per "word", so the two-word terms are what
  make ``bầu cử`` or ``Hà Nội`` count as one unit; in English they catch
  names and phrases (``prime minister``). A term's weight is its sub-linear
  frequency, higher in the title, lead and captions, times its inverse
  document frequency. The article's 64 heaviest terms by frequency are its
  *candidates* (``similar_docs.terms``); document frequencies
  (``similar_df``) count how many articles have a term among their
  candidates, which keeps the cost of a save bounded and lets a delete undo
  exactly what its save did. The 32 candidates heaviest by frequency × idf
  are *kept*: they go into an inverted index (``similar_postings``), ordered
  heaviest first so that a look-up reads only a term's best articles.
* A MinHash signature of the article's three-word shingles, in bands
  (``similar_bands``): two copies of the same text (one story saved twice,
  or syndicated by two outlets) share a band with high probability, and are
  then compared signature to signature. Those are *duplicates*, shown as
  "Also saved as …", never as similar.
* A readable form of each kept term, with its diacritics, stored with the
  terms, for the ``why`` a similar article was picked.

Similarity is the cosine of the kept-term vectors, plus smaller rewards for
shared tags, the same section or site and closeness in time. Term weights
use the document frequencies known when the article was saved; they settle
quickly as a library grows, and ``rebuild`` recomputes them all.

This module speaks SQL on the connection ``Library`` gives it, inside
``Library``'s transactions; it never opens or commits one itself.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import operator
import re
import sqlite3
import struct
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.models import RelatedItem, SimilarArticle
from core.text import fold_vietnamese

# --- Terms ------------------------------------------------------------------

# Candidates per article (document frequencies count these) and how many of
# them are kept in the inverted index. More costs space and save time; fewer
# loses the rarer words that tell one story from another.
CANDIDATE_TERMS = 64
KEPT_TERMS = 32
# Heaviest articles read per kept term when looking for similar ones: the
# rest of a long posting list weighs too little to reach the top anyway.
POSTINGS_PER_TERM = 150

# Articles without a term that inverse document frequencies pretend the
# library also holds (see _idf).
PRIOR_DOCUMENTS = 50
# A word in the title says more about the story than one in the body.
FIELD_WEIGHTS = {"title": 3.0, "lead": 2.0, "captions": 1.5, "body": 1.0}
# Two-word terms are rarer than their words, so plain frequency undersells
# them when candidates are chosen.
BIGRAM_BOOST = 1.5
MIN_WORD_LENGTH = 2

# Function words, folded. A term containing one is not a term: "của Hà" is
# not a unit, "Hà Nội" is. Kept short on purpose: folding merges syllables
# (nội/nơi/nói all fold to "noi"), so a content syllable must not be here.
_STOP_WORD_TEXT = """
    va cua cac nhung duoc trong cho voi la co nay da mot khong cung de den tu tai
    theo ve nhu khi thi ma se dang con ra vao len o ngay thang nhieu rat hon bi
    boi vi neu sau truoc tren duoi gi nao ay do day lai chi moi nhat them viec
    hay hoac nen nguoi nam
    the a an and or of to in on at for with by from as is was were are be been
    has have had it its that this these those which who whom but not he she they
    we you i his her their our said says will would can could also more than
    after before about into over up out there here all one two new year years
    last first
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())

_WORD = re.compile(r"[^\W_]+|[^\w\s]")

# --- Near-duplicates --------------------------------------------------------

SHINGLE_WORDS = 3
SIGNATURE_SIZE = 48
BANDS = 24
ROWS_PER_BAND = SIGNATURE_SIZE // BANDS
# Fewer shingles than this and two texts look alike by chance.
MIN_SHINGLES = 16
# Estimated Jaccard similarity of shingles from which two articles are the
# same text. Retold stories share few three-word runs (under 0.05 in the
# benchmark); a syndicated copy with a new intro and ending shares half or
# more, and the same page saved twice all of them.
DUPLICATE_JACCARD = 0.4

# --- Scoring ----------------------------------------------------------------

TAG_REWARD = 0.12
MAX_REWARDED_TAGS = 2
SECTION_REWARD = 0.03
SITE_REWARD = 0.02
TIME_REWARD = 0.06
TIME_SCALE_DAYS = 14.0
# Below this cosine two articles merely share common words.
MIN_TEXT_SCORE = 0.04
# Articles of a shared tag looked at when the text finds too little.
TAG_NEIGHBOURS = 40
# Candidates given the (costlier) full scoring.
SHORTLIST = 60
WHY_TERMS = 4
SUMMARY_CHARACTERS = 200

_TERM_BYTES = 6
_ENTRY = struct.Struct("<HH")  # frequency x 100, posting rank (0: not kept)
_ENTRY_BYTES = _TERM_BYTES + _ENTRY.size
_RANK_SCALE = 65534
_SIGNATURE = struct.Struct(f"<{SIGNATURE_SIZE}I")


def term_id(term: str) -> int:
    """A stable 48-bit id for a folded term: six bytes in SQLite, and
    collisions stay unlikely among millions of terms."""
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=_TERM_BYTES).digest()
    return int.from_bytes(digest, "little", signed=True)


# Stands for punctuation between words: no term spans it.
_BREAK = "\x00"


@dataclass
class _Field:
    """A field's words, lower-cased, beside their folded forms (same
    positions; ``_BREAK`` where punctuation parts them)."""

    words: list[str]
    folded: list[str]


@dataclass
class TermCounts:
    """Weighted frequencies of an article's terms, and the words they came
    from, to show a term with its diacritics."""

    weights: dict[str, float] = field(default_factory=dict)
    fields: dict[str, _Field] = field(default_factory=dict)

    def display(self, term: str) -> str:
        """The term as first written (lower-cased, diacritics kept)."""
        parts = term.split(" ")
        for source in self.fields.values():
            start = 0
            while True:
                try:
                    index = source.folded.index(parts[0], start)
                except ValueError:
                    break
                if source.folded[index : index + len(parts)] == parts:
                    return " ".join(source.words[index : index + len(parts)])
                start = index + 1
        return term


def _split_field(text: str) -> _Field:
    """Tokenise once, fold once: folding maps one character to one (NFC
    text has no stray combining marks inside words), so the folded string
    splits into the same positions."""
    lowered = unicodedata.normalize("NFC", text).lower()
    words = [token if token[0].isalnum() else _BREAK for token in _WORD.findall(lowered)]
    folded = fold_vietnamese(" ".join(words)).split(" ") if words else []
    if len(folded) != len(words):
        folded = [fold_vietnamese(word) or _BREAK for word in words]
    return _Field(words, folded)


def count_terms(fields: dict[str, str]) -> TermCounts:
    """Words and two-word terms of an article's fields, weighted by field."""
    counts = TermCounts()
    weights = counts.weights
    for name, text in fields.items():
        source = _split_field(text)
        counts.fields[name] = source
        folded = source.folded
        # Inline rather than a function call per word: this is the hot loop
        # of a save. Short numbers (days, counts) say nothing; years might.
        usable = [
            len(word) >= MIN_WORD_LENGTH
            and word not in STOP_WORDS
            and not (word.isdigit() and len(word) < 4)
            for word in folded
        ]
        words = Counter([word for word, ok in zip(folded, usable, strict=True) if ok])
        pairs = Counter(
            [
                f"{first} {second}"
                for first, second, ok, next_ok in zip(
                    folded, folded[1:], usable, usable[1:], strict=False
                )
                if ok and next_ok
            ]
        )
        weight = FIELD_WEIGHTS[name]
        for term, count in words.items():
            weights[term] = weights.get(term, 0.0) + count * weight
        for term, count in pairs.items():
            weights[term] = weights.get(term, 0.0) + count * weight * BIGRAM_BOOST
    return counts


def _sublinear(weight: float) -> float:
    """Damped frequency: the tenth mention adds less than the second."""
    return 1.0 + math.log(weight) if weight >= 1.0 else weight


def candidate_terms(counts: TermCounts) -> list[tuple[str, float]]:
    """The article's heaviest terms by damped frequency, heaviest first."""
    # The damping is monotonic: pick by raw weight, damp only the chosen.
    heaviest = heapq.nlargest(CANDIDATE_TERMS, counts.weights.items(), key=operator.itemgetter(1))
    return [(term, _sublinear(weight)) for term, weight in heaviest]


# --- Shingles and MinHash ---------------------------------------------------


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def minhash_signature(source: Sequence[_Field]) -> tuple[int, ...] | None:
    """A MinHash signature of the fields' three-word shingles, or None for
    a text too short to compare.

    One hash per shingle (one-permutation hashing): the hash picks one of
    SIGNATURE_SIZE bins and the bin keeps its smallest value; an empty bin
    borrows from the next full one, so short texts still compare fairly.
    """
    words = [word for part in source for word in part.folded if word != _BREAK]
    shingles = set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
    if len(shingles) < MIN_SHINGLES:
        return None
    empty = 1 << 32
    bins = [empty] * SIGNATURE_SIZE
    filled = 0
    # CRC-32 runs in C over every shingle; it spreads distinct strings well
    # enough for MinHash, and far faster than a cryptographic hash here.
    for value in sorted(set(map(zlib.crc32, map(str.encode, shingles)))):
        slot = value % SIGNATURE_SIZE
        if bins[slot] == empty:
            bins[slot] = value
            filled += 1
            if filled == SIGNATURE_SIZE:
                break
    for slot in range(SIGNATURE_SIZE):
        step = 1
        while bins[slot] == empty:
            donor = bins[(slot + step) % SIGNATURE_SIZE]
            if donor != empty:
                bins[slot] = (donor + step * 0x9E3779B1) & 0xFFFFFFFF
            step += 1
    return tuple(bins)


def _text_signature(counts: TermCounts) -> tuple[int, ...] | None:
    """The signature of the lead and body: a new title or captions do not
    make a copy a different text."""
    return minhash_signature(
        [counts.fields[name] for name in ("lead", "body") if name in counts.fields]
    )


def estimated_jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """The share of shingles two signatures' texts have in common, estimated."""
    equal: int = sum(map(operator.eq, first, second))
    return equal / SIGNATURE_SIZE


def _is_copy(first: Sequence[int] | None, second: Sequence[int]) -> bool:
    """Whether two signatures belong to (nearly) the same text."""
    return first is not None and estimated_jaccard(first, second) >= DUPLICATE_JACCARD


def band_keys(signature: Sequence[int]) -> list[int]:
    """One 63-bit key per band of the signature (LSH banding)."""
    keys = []
    for band in range(BANDS):
        values = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        data = bytes([band]) + struct.pack(f"<{ROWS_PER_BAND}I", *values)
        keys.append(_hash64(data) >> 1)
    return keys


# --- Stored profiles ------------------------------------------------------


@dataclass(frozen=True)
class StoredTerm:
    """One candidate term as stored: its id, damped frequency and, when kept,
    its rank in the posting list (smaller is heavier)."""

    term_id: int
    frequency: float
    rank: int
    word: str = ""
    """The kept term as written in the article (empty when not kept)."""

    @property
    def weight(self) -> float:
        """The kept term's normalised tf-idf weight (0 when not kept)."""
        return 0.0 if self.rank == 0 else (65535 - self.rank) / _RANK_SCALE


def pack_terms(terms: Sequence[StoredTerm]) -> bytes:
    """The ``similar_docs.terms`` blob: a count, fixed-size entries, then the
    kept terms' readable forms, one per line, in entry order."""
    parts = [bytes([len(terms)])]
    for term in terms:
        parts.append(term.term_id.to_bytes(_TERM_BYTES, "little", signed=True))
        parts.append(_ENTRY.pack(min(round(term.frequency * 100), 65535), term.rank))
    parts.append("\n".join(term.word for term in terms if term.rank).encode("utf-8"))
    return b"".join(parts)


def unpack_terms(blob: bytes) -> list[StoredTerm]:
    """The terms of a ``similar_docs.terms`` blob."""
    count = blob[0]
    words = iter(blob[1 + count * _ENTRY_BYTES :].decode("utf-8").split("\n"))
    terms = []
    for offset in range(1, 1 + count * _ENTRY_BYTES, _ENTRY_BYTES):
        identifier = int.from_bytes(blob[offset : offset + _TERM_BYTES], "little", signed=True)
        frequency, rank = _ENTRY.unpack_from(blob, offset + _TERM_BYTES)
        word = next(words, "") if rank else ""
        terms.append(StoredTerm(identifier, frequency / 100, rank, word))
    return terms


def _rank(weight: float) -> int:
    """Posting order key: 1 for the heaviest possible weight, 65535 for none."""
    return 65535 - round(min(max(weight, 0.0), 1.0) * _RANK_SCALE)


def _idf(documents: int, frequency: int) -> float:
    """Inverse document frequency, as if the library also held
    PRIOR_DOCUMENTS articles without the term: in a young library every
    shared word would otherwise look common, and only one-off words count."""
    return math.log(1.0 + (documents + PRIOR_DOCUMENTS) / max(frequency, 1))


def _marks(count: int) -> str:
    return ", ".join("?" * count)


# --- Writing ------------------------------------------------------------------


def _article_fields(conn: sqlite3.Connection, article_id: int) -> dict[str, str] | None:
    row = conn.execute(
        "SELECT title, lead, body, captions FROM article_search_source WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return {"title": row[0], "lead": row[1], "body": row[2], "captions": row[3]}


def _document_count(conn: sqlite3.Connection) -> int:
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


def _keep(
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
                frequency * _idf(documents, frequencies.get(identifier, 1)),
            )
        )
    kept = sorted(scored, key=lambda item: (-item[3], item[0]))[:KEPT_TERMS]
    norm = math.sqrt(sum(item[3] ** 2 for item in kept)) or 1.0
    weights = {item[0]: item[3] / norm for item in kept}
    return [
        StoredTerm(identifier, frequency, _rank(weights[term]), counts.display(term))
        if term in weights
        else StoredTerm(identifier, frequency, 0)
        for term, identifier, frequency, _ in scored
    ]


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Store an article's terms, postings and signature, replacing any it had.

    Called by ``Library.save_article`` inside its transaction, after the
    article, its images and tags are written.
    """
    fields = _article_fields(conn, article_id)
    if fields is None:
        return
    if not _forget_stored(conn, article_id):
        _add_documents(conn, 1)
    counts = count_terms(fields)
    candidates = candidate_terms(counts)
    frequencies = _count_candidates(conn, [term_id(term) for term, _ in candidates])
    stored = _keep(counts, candidates, frequencies, _document_count(conn))
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
        conn.execute(
            f"UPDATE similar_df SET df = df - 1 WHERE term_id IN ({_marks(len(ids))})", ids
        )
        conn.execute(
            f"DELETE FROM similar_df WHERE term_id IN ({_marks(len(ids))}) AND df <= 0", ids
        )
    conn.executemany(
        "DELETE FROM similar_postings WHERE term_id = ? AND rank = ? AND article_id = ?",
        [(term.term_id, term.rank, article_id) for term in terms if term.rank],
    )
    if row[1] is not None:
        conn.executemany(
            "DELETE FROM similar_bands WHERE band_key = ? AND article_id = ?",
            [(key, article_id) for key in band_keys(_SIGNATURE.unpack(row[1]))],
        )
    conn.execute("DELETE FROM similar_docs WHERE article_id = ?", (article_id,))
    return True


def forget_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article from the similarity index. Called by delete paths
    inside their transaction, before the article row goes."""
    if _forget_stored(conn, article_id):
        _add_documents(conn, -1)


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute the whole similarity index from the articles; returns how
    many were indexed. Two passes, so every article is weighed with the
    document frequencies of the whole library."""
    for table in ("similar_docs", "similar_postings", "similar_df", "similar_bands"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM similar_stats")
    ids = [int(row[0]) for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    for article_id in ids:
        fields = _article_fields(conn, article_id)
        if fields is not None:
            _count_candidates(
                conn, [term_id(term) for term, _ in candidate_terms(count_terms(fields))]
            )
    documents = len(ids)
    for article_id in ids:
        fields = _article_fields(conn, article_id)
        if fields is None:
            continue
        counts = count_terms(fields)
        candidates = candidate_terms(counts)
        identifiers = [term_id(term) for term, _ in candidates]
        frequencies = _frequencies(conn, identifiers)
        stored = _keep(counts, candidates, frequencies, documents)
        _store_profile(conn, article_id, counts, stored)
    _add_documents(conn, documents)
    return documents


def _frequencies(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT term_id, df FROM similar_df WHERE term_id IN ({_marks(len(ids))})", list(ids)
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
    signature = _text_signature(counts)
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
            None if signature is None else _SIGNATURE.pack(*signature),
        ),
    )


# --- Reading ----------------------------------------------------------------


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
        signature = None if row[1] is None else tuple(_SIGNATURE.unpack(row[1]))
        return _Profile(
            {term.term_id: term.weight for term in kept},
            signature,
            {term.term_id: term.word for term in kept},
        )
    fields = _article_fields(conn, article_id)
    if fields is None:
        return _Profile({}, None)
    counts = count_terms(fields)
    candidates = candidate_terms(counts)
    frequencies = _frequencies(conn, [term_id(term) for term, _ in candidates])
    kept = [
        term
        for term in _keep(counts, candidates, frequencies, max(_document_count(conn), 1))
        if term.rank
    ]
    return _Profile(
        {term.term_id: term.weight for term in kept},
        _text_signature(counts),
        {term.term_id: term.word for term in kept},
    )


def _metadata(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, _Meta]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = conn.execute(
        "SELECT id, title, url, site, section, published, sort_date, lead FROM articles"
        f" WHERE id IN ({_marks(len(wanted))})",
        wanted,
    )
    return {int(row[0]): _Meta(*row) for row in rows}


def _signatures(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT article_id, minhash FROM similar_docs"
        f" WHERE minhash IS NOT NULL AND article_id IN ({_marks(len(ids))})",
        list(ids),
    )
    return {int(row[0]): tuple(_SIGNATURE.unpack(row[1])) for row in rows}


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
        f" WHERE band_key IN ({_marks(len(keys))}) AND article_id != ?",
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
    return {other: total / _RANK_SCALE for other, total in sums.items()}, postings


def _attach_terms(chosen: list[_Scored], postings: list[_Posting], kept: dict[int, float]) -> None:
    """Each chosen article's shared terms with their contributions (for ``why``)."""
    by_id = {scored.article_id: scored for scored in chosen}
    for identifier, other, rank in postings:
        scored = by_id.get(other)
        if scored is not None:
            scored.terms.append((kept[identifier] * (65535 - rank) / _RANK_SCALE, identifier))


def _tags_and_neighbours(
    conn: sqlite3.Connection, article_id: int
) -> tuple[dict[int, str], set[int]]:
    """The article's tags by id, and the most recent articles sharing each."""
    tags = {
        int(row[0]): str(row[1])
        for row in conn.execute(
            "SELECT at.tag_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
            " WHERE at.article_id = ?",
            (article_id,),
        )
    }
    neighbours: set[int] = set()
    for tag in tags:
        neighbours.update(
            int(row[0])
            for row in conn.execute(
                "SELECT article_id FROM article_tags WHERE tag_id = ? AND article_id != ?"
                " ORDER BY article_id DESC LIMIT ?",
                (tag, article_id, TAG_NEIGHBOURS),
            )
        )
    return tags, neighbours


def _mark_shared_tags(
    conn: sqlite3.Connection, shortlist: list[_Scored], tags: dict[int, str]
) -> None:
    if not tags or not shortlist:
        return
    by_id = {scored.article_id: scored for scored in shortlist}
    rows = conn.execute(
        "SELECT article_id, tag_id FROM article_tags"
        f" WHERE article_id IN ({_marks(len(by_id))}) AND tag_id IN ({_marks(len(tags))})",
        [*by_id, *tags],
    )
    for other, tag in rows:
        by_id[int(other)].tags.append(tags[int(tag)])
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
        f" FROM articles INDEXED BY articles_list_keys WHERE id IN ({_marks(len(ids))})",
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
        if theirs is not None and _is_copy(mine, theirs):
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


def _why(tags: Sequence[str], words: Sequence[str]) -> str:
    parts = [", ".join(f"tag {name}" for name in tags)] if tags else []
    if words:
        parts.append("words: " + ", ".join(words))
    return " · ".join(parts)


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
        why=_why(scored.tags, words),
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
            why=f"the same text ({round(scores[meta.id] * 100)}% shared)",
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


_LINK_WHY = {"listed": "on the page's related list", "inline": "linked from the text"}


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
            why=_LINK_WHY.get(row[0]),
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
            why=_why(scored.tags, words),
        )
        for scored, meta, words in _ranked_similar(
            conn, article_id, limit, exclude=named, known=(profile, scores)
        )
    ]
    return items


SIMILARITY_TABLES = ("similar_docs", "similar_postings", "similar_df", "similar_bands")


def footprint(path: Path) -> dict[str, int]:
    """Bytes each similarity table takes in a library file (SQLite's dbstat),
    read over a connection of its own; used by the benchmark."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        marks = _marks(len(SIMILARITY_TABLES))
        rows = conn.execute(
            f"SELECT name, sum(pgsize) FROM dbstat WHERE name IN ({marks}) GROUP BY name",
            SIMILARITY_TABLES,
        ).fetchall()
        total = conn.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0]
    finally:
        conn.close()
    sizes = {str(name): int(size) for name, size in rows}
    sizes["similarity_total"] = sum(sizes.values())
    sizes["database_total"] = int(total or 0)
    return sizes
