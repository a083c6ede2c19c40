"""The guard that keeps our extraction from losing words trafilatura keeps.

Our DOM passes take pieces out of a page before its body is extracted (the
lead, captions, related stories, the signature, boxes of chrome). When a
pass goes wrong it can take the article with it, silently. So every
extraction is compared with trafilatura's own body for the same page: the
words of that reference body must be found in what we kept, counting what
we moved elsewhere. When they are not, the caller keeps trafilatura's body
and records why.

``is_worse_extraction`` answers the same question for a re-extraction
against the body already saved, for the services layer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from core.text import fold_vietnamese

# Our body, with what we moved out of it, must hold this share of the words
# of trafilatura's body; below it we lost part of the article.
MIN_REFERENCE_SHARE = 0.8
# A reference body this short is no evidence (a teaser page, a lone caption).
MIN_REFERENCE_WORDS = 40
# A re-extraction may drop this share of the saved body's words (a share box
# now recognised as chrome) before it counts as worse.
MAX_REEXTRACTION_LOSS = 0.1

_WORD = re.compile(r"\w+")


def word_counts(texts: Iterable[str | None]) -> Counter[str]:
    """The folded words of ``texts`` with their multiplicity."""
    counts: Counter[str] = Counter()
    for text in texts:
        if text:
            counts.update(_WORD.findall(fold_vietnamese(text)))
    return counts


def share_kept(reference: Counter[str], kept: Counter[str]) -> float:
    """Which share of ``reference``'s words (with multiplicity) ``kept`` holds."""
    total = sum(reference.values())
    if not total:
        return 1.0
    return sum((reference & kept).values()) / total


def lost_reference_body(reference: Counter[str], kept: Counter[str]) -> float | None:
    """Our share of trafilatura's body when it is materially short of it, else None.

    ``kept`` is every word we kept anywhere: the body, the lead, captions,
    related stories' titles and the signature.
    """
    if sum(reference.values()) < MIN_REFERENCE_WORDS:
        return None
    share = share_kept(reference, kept)
    return share if share < MIN_REFERENCE_SHARE else None


def is_worse_extraction(
    saved_body: str, saved_lead: str | None, new_body: str, new_lead: str | None
) -> bool:
    """Whether a new extraction would lose words of the saved one.

    The saved body and lead together are the reference: the new body and
    lead together must keep all but ``MAX_REEXTRACTION_LOSS`` of their
    words. A new extraction that moves words between lead and body loses
    nothing; one that finds more is never worse.
    """
    saved = word_counts((saved_body, saved_lead))
    if not saved:
        return False
    return share_kept(saved, word_counts((new_body, new_lead))) < 1 - MAX_REEXTRACTION_LOSS
