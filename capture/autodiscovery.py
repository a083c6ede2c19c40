"""Finding a site's feeds from one of its pages.

Pages announce their feeds with ``<link rel="alternate" type="...">`` in
the head; the types taken are RSS, Atom and JSON Feed, in page order.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
from lxml import etree

FEED_LINK_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json"}
)


def find_feed_links(html: str, page_url: str) -> list[str]:
    """The feed addresses a page links to, absolute, each once, in order."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = _base_url(root, page_url)
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_LINK_TYPES or not href:
            continue
        try:
            address = urljoin(base, href)
        except ValueError:
            continue
        if address.lower().startswith(("http://", "https://")) and address not in found:
            found.append(address)
    return found


def _base_url(root: lxml.html.HtmlElement, page_url: str) -> str:
    """What relative links resolve against: ``<base href>``, else the page."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            try:
                return str(urljoin(page_url, href))
            except ValueError:
                break
    return page_url
