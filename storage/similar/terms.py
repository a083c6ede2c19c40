"""Terms, shingles and stored profiles: the pure computations of the
similarity engine (see storage.similar), with no SQL."""

from __future__ import annotations

import hashlib
import heapq
import math
import operator
import re
import struct
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

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
# library also holds (see idf).
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
RANK_SCALE = 65534
SIGNATURE = struct.Struct(f"<{SIGNATURE_SIZE}I")


def term_id(term: str) -> int:
    """A stable 48-bit id for a folded term: six bytes in SQLite, and
    collisions stay unlikely among millions of terms."""
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=_TERM_BYTES).digest()
    return int.from_bytes(digest, "little", signed=True)


# Longer fields are compared by their beginning only (see split_field).
MAX_FIELD_CHARS = 250_000

# Stands for punctuation between words: no term spans it.
_BREAK = "\x00"


@dataclass
class FieldWords:
    """A field's words, lower-cased, beside their folded forms (same
    positions; ``_BREAK`` where punctuation parts them)."""

    words: list[str]
    folded: list[str]


@dataclass
class TermCounts:
    """Weighted frequencies of an article's terms, and the words they came
    from, to show a term with its diacritics."""

    weights: dict[str, float] = field(default_factory=dict)
    fields: dict[str, FieldWords] = field(default_factory=dict)

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


def split_field(text: str) -> FieldWords:
    """Tokenise once, fold once: folding maps one character to one (NFC
    text has no stray combining marks inside words), so the folded string
    splits into the same positions."""
    if len(text) > MAX_FIELD_CHARS:
        # Similarity needs an article's vocabulary, not every one of its
        # words: a book-length text is compared by its first 40,000 or so.
        # Its whole text is still saved and searchable.
        text = text[: text.rfind(" ", 0, MAX_FIELD_CHARS) + 1 or MAX_FIELD_CHARS]
    lowered = unicodedata.normalize("NFC", text).lower()
    words = [token if token[0].isalnum() else _BREAK for token in _WORD.findall(lowered)]
    folded = fold_vietnamese(" ".join(words)).split(" ") if words else []
    if len(folded) != len(words):
        folded = [fold_vietnamese(word) or _BREAK for word in words]
    return FieldWords(words, folded)


def count_terms(fields: dict[str, str]) -> TermCounts:
    """Words and two-word terms of an article's fields, weighted by field."""
    counts = TermCounts()
    weights = counts.weights
    for name, text in fields.items():
        source = split_field(text)
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


def minhash_signature(source: Sequence[FieldWords]) -> tuple[int, ...] | None:
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


def text_signature(counts: TermCounts) -> tuple[int, ...] | None:
    """The signature of the lead and body: a new title or captions do not
    make a copy a different text."""
    return minhash_signature(
        [counts.fields[name] for name in ("lead", "body") if name in counts.fields]
    )


def estimated_jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """The share of shingles two signatures' texts have in common, estimated."""
    equal: int = sum(map(operator.eq, first, second))
    return equal / SIGNATURE_SIZE


def is_copy(first: Sequence[int] | None, second: Sequence[int]) -> bool:
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
        return 0.0 if self.rank == 0 else (65535 - self.rank) / RANK_SCALE


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


def posting_rank(weight: float) -> int:
    """Posting order key: 1 for the heaviest possible weight, 65535 for none."""
    return 65535 - round(min(max(weight, 0.0), 1.0) * RANK_SCALE)


def idf(documents: int, frequency: int) -> float:
    """Inverse document frequency, as if the library also held
    PRIOR_DOCUMENTS articles without the term: in a young library every
    shared word would otherwise look common, and only one-off words count."""
    return math.log(1.0 + (documents + PRIOR_DOCUMENTS) / max(frequency, 1))


def marks(count: int) -> str:
    """``?, ?, ?``: placeholders for ``count`` values."""
    return ", ".join("?" * count)
