"""Building blocks of the reader HTML that every capture path produces.

The reader shows a small, fixed vocabulary: paragraphs, headings, quotes and
figures. Producing it from these helpers keeps text dumps and HTML pages
rendering alike, and keeps escaping in one place: every piece of text passes
through ``html.escape``, so a caption can never inject markup.

Figures point at their picture as ``image:N``, N being the picture's position
(from 0) in ``ArticleRecord.images``; the reader resolves it from the library,
so the HTML never embeds bytes or remote addresses.
"""

from __future__ import annotations

from html import escape

from core.models import ImageRecord

IMAGE_SCHEME = "image:"

# The reader's whole vocabulary. capture.sanitize stores nothing else, the
# HTML export keeps nothing else, and the window's renderer draws nothing else.
READER_TAGS = frozenset(
    {
        "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
        "figure", "figcaption", "img", "a", "strong", "em", "b", "i", "u",
        "sub", "sup", "br", "span", "code", "pre",
    }
)  # fmt: skip
READER_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
}
READER_CLASSES: dict[str, frozenset[str]] = {"span": frozenset({"credit"})}
"""The only class: captions style their credit."""
LINK_SCHEMES = ("http:", "https:", "mailto:")
"""Where a link in the reader may point."""
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript"}
)
"""Elements removed together with everything inside them."""


def paragraph(text: str) -> str:
    """Return ``text`` as one escaped ``<p>`` element."""
    return f"<p>{escape(text)}</p>"


def heading(text: str, level: int = 2) -> str:
    """Return ``text`` as an escaped ``<hN>`` element.

    ``level`` is clamped to 2..6: the article title is the page's only
    ``<h1>``, and HTML has nothing below ``<h6>``.
    """
    level = min(max(level, 2), 6)
    return f"<h{level}>{escape(text)}</h{level}>"


def quote(text: str) -> str:
    """Return ``text`` as a block quotation holding one paragraph."""
    return f"<blockquote>{paragraph(text)}</blockquote>"


def image_src(position: int) -> str:
    """Return the ``image:N`` address of the picture at ``position``."""
    if position < 0:
        raise ValueError(f"image position must be >= 0, got {position}")
    return f"{IMAGE_SCHEME}{position}"


def figcaption(caption: str, credit: str) -> str:
    """Return the ``<figcaption>`` for a caption and a credit, or "" if both are empty."""
    parts = []
    if caption:
        parts.append(escape(caption))
    if credit:
        parts.append(f'<span class="credit">{escape(credit)}</span>')
    if not parts:
        return ""
    return f"<figcaption>{' '.join(parts)}</figcaption>"


def figure(position: int, image: ImageRecord) -> str:
    """Return the ``<figure>`` showing the picture at ``position`` of the article.

    The ``alt`` attribute is always written, empty when unknown: an ``<img>``
    without one makes screen readers spell out the address instead.
    """
    img = f'<img src="{image_src(position)}" alt="{escape(image.alt)}">'
    return f"<figure>{img}{figcaption(image.caption, image.credit)}</figure>"
