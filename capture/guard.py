"""The guard that keeps our extraction from losing words trafilatura keeps.

Our DOM passes take pieces out of a page before its body is extracted (the
lead, captions, related stories, the signature, boxes of chrome). When a
pass goes wrong it can take the article with it, silently. So every
extraction is checked against trafilatura's own body for the same page: the
words of that reference body must be found in what we kept, counting what
we moved elsewhere. When they are not, the caller keeps trafilatura's body
and records why.

trafilatura's body costs as much as the rest of the extraction, so it is
computed only when a cheap check cannot vouch for us: when what we kept
holds nearly every word of every paragraph of the page as it came (hidden
ones included), no reference body, which is drawn from those paragraphs
and less, can hold much that we lost. Nor when it holds nearly every word of
the page's main text container and of the paragraphs beside it (its
parent's), found before our passes ran: the paragraphs we left out then lie
away from the article (comments, other stories), which a pass that lost part
of the article would not leave intact. That second check spares the
reference on most pages whose paragraphs are mostly not the article.

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
# Hidden text accounts for words we lack only when what we kept holds at
# least this share of the reference: a page showing less of it hides its
# article (a script reveals it), not a second copy or a collapsed box.
MIN_VISIBLE_SHARE = 0.25
# What the page still holds beside our body accounts for the reference's
# extra words only when our body is an article's worth of words and the
# reference holds it: the reference then extends it with other stories.
MIN_BESIDE_BODY_WORDS = 100
# A reference body this short is no evidence (a teaser page, a lone caption).
MIN_REFERENCE_WORDS = 40
# What we kept must hold this share of the words of every ``p`` of the page
# as it came for the reference body to be skipped ...
MIN_PARAGRAPH_SHARE = 0.8
# ... and the page's paragraphs must say this much: a page whose text is not
# in paragraphs (divs, tables) is always checked against the reference.
MIN_PARAGRAPH_WORDS = 100
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


def needs_reference(
    paragraphs: Counter[str], kept: Counter[str], hidden: Counter[str] | None = None
) -> bool:
    """Whether trafilatura's reference body must be computed to vouch for ``kept``.

    ``paragraphs`` are the words of every paragraph of the page as it came;
    ``hidden`` counts as in ``lost_reference_body``.
    """
    if sum(paragraphs.values()) < MIN_PARAGRAPH_WORDS:
        return True
    share = share_kept(paragraphs, kept)
    if share >= MIN_PARAGRAPH_SHARE:
        return False
    return not (
        hidden
        and share >= MIN_VISIBLE_SHARE
        and share_kept(paragraphs, kept + hidden) >= MIN_PARAGRAPH_SHARE
    )


def keeps_main_text(container: Counter[str], around: Counter[str], kept: Counter[str]) -> bool:
    """Whether ``kept`` holds the page's main text container (``container``:
    its words as the page came, before our passes) and the paragraphs beside
    it (``around``: those of its parent), so the reference need not be computed.

    A container of fewer than ``MIN_PARAGRAPH_WORDS`` words vouches for nothing.
    """
    return (
        sum(container.values()) >= MIN_PARAGRAPH_WORDS
        and share_kept(container, kept) >= MIN_PARAGRAPH_SHARE
        and share_kept(around, kept) >= MIN_PARAGRAPH_SHARE
    )


def lost_reference_body(
    reference: Counter[str],
    kept: Counter[str],
    hidden: Counter[str] | None = None,
    beside: Counter[str] | None = None,
) -> float | None:
    """Our share of trafilatura's body when it is materially short of it, else None.

    ``kept`` is every word we kept anywhere: the body, the lead, captions,
    related stories' titles and the signature. ``hidden`` is the text of
    what the page hides (trafilatura keeps it): it accounts for the missing
    words only while what we kept is a fair share of the reference, since a
    page that shows little of it hides its article until a script shows it.
    ``beside`` is what the page still holds after our passes outside the
    element holding our body: when the reference holds our body and only
    adds such words (trafilatura's full mode took the other posts after the
    article too), no pass lost them.
    """
    if sum(reference.values()) < MIN_REFERENCE_WORDS:
        return None
    share = share_kept(reference, kept)
    if share >= MIN_REFERENCE_SHARE:
        return None
    if (
        beside
        and sum(kept.values()) >= MIN_BESIDE_BODY_WORDS
        and share_kept(kept, reference) >= MIN_REFERENCE_SHARE
        and share_kept(reference, kept + beside) >= MIN_REFERENCE_SHARE
    ):
        return None
    if (
        hidden
        and share >= MIN_VISIBLE_SHARE
        and share_kept(reference, kept + hidden) >= MIN_REFERENCE_SHARE
    ):
        return None
    return share


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
