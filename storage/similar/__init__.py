"""The similarity engine: which saved articles tell the same story.

Everything slow is done once, when an article is saved, so that asking for
an article's similar stories is a handful of indexed look-ups even in a
library of 100,000 articles. Three structures are kept (tables made by the
``004_similarity`` migration in storage.migrations):

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

Modules: ``terms`` (the computations, no SQL), ``index`` (what a save, a
delete or a rebuild stores), ``ranking`` (the look-ups) and ``why`` (the
sentences shown to people). They speak SQL on the connection they are
given, inside the caller's transaction, and never open or commit one.
"""

from storage.similar.index import (
    SIMILARITY_TABLES,
    footprint,
    forget_article,
    forget_articles,
    index_article,
    rebuild,
)
from storage.similar.ranking import find_similar, near_duplicates, related_stories
from storage.similar.terms import (
    StoredTerm,
    count_terms,
    estimated_jaccard,
    minhash_signature,
    pack_terms,
    split_field,
    unpack_terms,
)

__all__ = [
    "SIMILARITY_TABLES",
    "StoredTerm",
    "count_terms",
    "estimated_jaccard",
    "find_similar",
    "footprint",
    "forget_article",
    "forget_articles",
    "index_article",
    "minhash_signature",
    "near_duplicates",
    "pack_terms",
    "rebuild",
    "related_stories",
    "split_field",
    "unpack_terms",
]
