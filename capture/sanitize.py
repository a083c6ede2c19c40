"""The last gate before reader HTML is stored: an nh3 allow-list.

Reader HTML is assembled from escaped text by ``core.reader_html`` and
``capture.html_page``, so this is a second line of defence: whatever slipped
through, the stored HTML holds only the reader's small vocabulary, links
only to http, https and mailto, and pictures only from the library itself
(``image:N``). Nothing in it can run code or reach the network.
"""

from __future__ import annotations

import re

import nh3

from core.reader_html import IMAGE_SCHEME

READER_TAGS = frozenset(
    {
        "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
        "figure", "figcaption", "img", "a", "strong", "em", "b", "i", "u",
        "sub", "sup", "br", "span", "code", "pre",
    }
)  # fmt: skip
READER_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "img": {"src", "alt"}}
LINK_SCHEMES = ("http:", "https:", "mailto:")
_IMAGE_SRC = re.compile(rf"{IMAGE_SCHEME}\d+")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: which attribute values survive.

    A link keeps only an absolute http(s) or mailto target, and a picture
    only an ``image:N`` source, so nothing in the reader can fetch a remote
    resource or run a ``javascript:`` URL.
    """
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(LINK_SCHEMES) else None
    if tag == "img" and attribute == "src":
        return value if _IMAGE_SRC.fullmatch(value.strip()) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(READER_TAGS),
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
    attributes=READER_ATTRIBUTES,
    attribute_filter=_keep_attribute,
    url_schemes={"http", "https", "mailto", IMAGE_SCHEME.rstrip(":")},
    url_relative="deny",
    allowed_classes={"span": {"credit"}},  # the only class: captions style their credit
    strip_comments=True,
)


def sanitize_reader_html(html: str) -> str:
    """Return ``html`` with everything outside the reader's allow-list removed."""
    return _CLEANER.clean(html)
