"""The English sentences that say why an article is listed as related.

The only place where the similarity engine writes words for people: the
engine itself returns structured reasons (``SimilarArticle.shared_tags``,
``shared_terms``, ``score``; a related story's ``kind``), and these
functions turn them into the ``why`` the window shows. A UI that wants its
own wording (or another language) builds it from those fields instead.
"""

from __future__ import annotations

from collections.abc import Sequence

LINK_WHY = {"listed": "on the page's related list", "inline": "linked from the text"}


def similar_why(tags: Sequence[str], words: Sequence[str]) -> str:
    """Shared tags, then shared words: ``tag economy · words: rice, export``."""
    parts = [", ".join(f"tag {name}" for name in tags)] if tags else []
    if words:
        parts.append("words: " + ", ".join(words))
    return " · ".join(parts)


def copy_why(shared: float) -> str:
    """A saved copy of the same text, with the estimated share in common (0..1)."""
    return f"the same text ({round(shared * 100)}% shared)"


def link_why(kind: str) -> str | None:
    """A story the page itself links to, by how it links."""
    return LINK_WHY.get(kind)
