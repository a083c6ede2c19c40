"""DOM passes that take pieces out of a page before its body is extracted.

trafilatura finds the body well, but it keeps a few things a reader should
not see as body text (the lead, the author's name in bold at the end of a
Vietnamese article, newsletter and share boxes inside the article) and it
cannot tell us what they were. These passes take them out first and say
what they found.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from capture.dom import (
    BodyGuard,
    class_tokens,
    document_order,
    is_inside,
    is_prose,
    iter_elements,
    prose_count,
    remove_keeping_tail,
    text_of,
    word_count,
)

# Classes of a lead ("sapo" in Vietnamese CMSs, "standfirst" in British
# papers). Strong names are tried before weak ones, which also name
# summaries elsewhere on a page. A lead classed "teaser" must be taken here:
# trafilatura drops every block so classed.
STRONG_LEAD_TOKENS = frozenset({"sapo", "standfirst", "lead", "dek", "deck", "chapeau", "lede"})
WEAK_LEAD_TOKENS = frozenset({"description", "summary", "excerpt", "intro", "subtitle", "teaser"})
LEAD_TAGS = ("p", "h2", "h3", "div", "span", "section", "strong")
# Only these can be classed like a lead or be ``itemprop=description``; the
# XPath finds them in C, in document order.
_LEAD_CANDIDATES = etree.XPath(
    " | ".join(f".//{tag}[@class or @id or @itemprop]" for tag in LEAD_TAGS)
)
MIN_LEAD_WORDS = 8
MAX_LEAD_CHARS = 1200
MAX_LEAD_LINK_SHARE = 0.3
# What a box classed like a lead holds when it is not the lead: the lead
# picture with its caption, or the byline line as a list ("by X / date").
NOT_LEAD_TAGS = ("figure", "figcaption", "img", "picture", "video", "li")
BYLINE_START = re.compile(r"^(?:by|von|par|por|di|door|theo)\s", re.IGNORECASE)

# Boxes inside an article that are not the article.
CLUTTER_TOKENS = frozenset(
    {"newsletter", "newsletters", "subscribe", "subscription", "signup", "share", "sharing",
     "social", "socials", "sharebar", "advert", "advertisement", "advertising", "ads", "ad",
     "adsbygoogle", "sponsor", "sponsored", "promo", "comments", "comment", "binhluan",
     "cookie", "cookies", "consent", "print", "toolbar", "player", "vjs", "jwplayer",
     "messenger", "zalo", "telegram", "whatsapp"}
)  # fmt: skip
# Class words naming the next article appended by infinite scroll: removed
# even when it holds prose, unless it holds the article's own text.
NEXT_ARTICLE_PAIRS = (
    frozenset({"next", "article"}), frozenset({"next", "story"}), frozenset({"next", "post"}),
    frozenset({"up", "next"}), frozenset({"read", "next"}),
)  # fmt: skip
NEXT_ARTICLE_TOKENS = frozenset({"infinite", "upnext", "nextarticle", "nextstory", "nextpost"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
CLUTTER_TAGS = ("nav", "form", "button", "iframe", "template", "noscript")
# An element holding this many paragraphs of prose is the article (or wraps
# it), whatever its class says ("post has-share-bar").
MIN_PROSE_TO_KEEP = 3

# The Vietnamese habit of signing an article with the author's name alone,
# in bold, as its last line.
MAX_SIGNATURE_WORDS = 6
MAX_SIGNATURE_CHARS = 60
NOT_A_NAME = re.compile(r"^(?:theo|nguồn|source|ảnh|photo)\b|[.?!:;\"“”()\d]", re.IGNORECASE)


def take_lead(
    root: HtmlElement, title_element: HtmlElement | None, body: HtmlElement | None = None
) -> str | None:
    """Remove the article's lead paragraph from the tree and return its text.

    The lead sits between the headline and the body's first paragraph;
    ``body`` is the body's container, when known.
    """
    order = document_order(root)
    title_at = order.get(title_element, -1) if title_element is not None else -1
    body_at = _first_prose_position(body, order)
    # Nothing is removed before the lead is found: both rounds read the
    # candidates' class words once.
    candidates = [(element, class_tokens(element)) for element in _LEAD_CANDIDATES(root)]
    for tokens in (STRONG_LEAD_TOKENS, WEAK_LEAD_TOKENS):
        for element, classes in candidates:
            if not classes & tokens and not _is_description_prop(element, tokens):
                continue
            if is_inside(element, ("header", "nav", "footer", "aside", "li", "a")) and not (
                title_element is not None and _shares_header(element, title_element)
            ):
                continue
            if not title_at <= order.get(element, 0) <= body_at:
                continue
            text = text_of(element)
            if _reads_as_lead(element, text):
                remove_keeping_tail(element)
                return text
    return None


def _first_prose_position(body: HtmlElement | None, order: dict[HtmlElement, int]) -> int:
    """Where the body's first prose paragraph is (the end of the page if unknown)."""
    if body is not None:
        for child in body:
            if is_prose(child):
                return order.get(child, len(order))
    return len(order)


def _reads_as_lead(element: HtmlElement, text: str) -> bool:
    """A lead is one paragraph of prose, not a box of links or paragraphs,
    nor a lead picture or a byline line in a box classed like a lead."""
    if not word_count(text) >= MIN_LEAD_WORDS or len(text) > MAX_LEAD_CHARS:
        return False
    if BYLINE_START.match(text) or any(True for _ in iter_elements(element, *NOT_LEAD_TAGS)):
        return False
    if prose_count(element, enough=2) > 1:
        return False
    links = sum(len(text_of(link)) for link in iter_elements(element, "a"))
    return links <= len(text) * MAX_LEAD_LINK_SHARE


def _is_description_prop(element: HtmlElement, tokens: frozenset[str]) -> bool:
    """``itemprop=description`` counts as a weak lead class."""
    return tokens is WEAK_LEAD_TOKENS and element.get("itemprop") == "description"


def _shares_header(element: HtmlElement, title_element: HtmlElement) -> bool:
    """Whether the lead sits in the same ``header`` as the headline."""
    headers = [a for a in title_element.iterancestors() if a.tag == "header"]
    return any(header in element.iterancestors() for header in headers)


def take_signature(body: HtmlElement | None) -> str | None:
    """Remove a closing author signature (a bold name as the last paragraph
    of ``body``, the article's main text container) and return the name."""
    if body is None:
        return None
    last = _last_text_child(body)
    if last is None or last.tag not in ("p", "div"):
        return None
    text = text_of(last)
    bold = "".join(text_of(element) for element in iter_elements(last, "strong", "b"))
    if (
        not text
        or " ".join(bold.split()) != text
        or word_count(text) > MAX_SIGNATURE_WORDS
        or len(text) > MAX_SIGNATURE_CHARS
        or NOT_A_NAME.search(text)
        or not all(word[:1].isupper() for word in text.replace("-", " ").split())
    ):
        return None
    remove_keeping_tail(last)
    return text


def _last_text_child(container: HtmlElement) -> HtmlElement | None:
    """The last child of ``container`` that has any text."""
    for child in reversed(container):
        if isinstance(child.tag, str) and text_of(child):
            return child
    return None


def remove_hidden(root: HtmlElement) -> list[str]:
    """Remove what the page never shows: the ``hidden`` attribute,
    ``aria-hidden="true"``, ``display:none`` and ``visibility:hidden``, and
    return the text removed.

    A page that hides its article until a script shows it loses nothing:
    the guard compares the body with trafilatura's, which still saw it.
    """
    doomed = [
        element
        for element in root.xpath(".//*[@hidden or @aria-hidden or @style]")
        if element.tag not in ("html", "body")
        and (
            element.get("hidden") is not None
            or (element.get("aria-hidden") or "").strip().lower() == "true"
            or HIDDEN_STYLE.search(element.get("style") or "")
        )
    ]
    # An element inside another hidden one is counted with it, not twice.
    removed = [element.text_content() for element in doomed if not _inside_any(element, doomed)]
    for element in doomed:
        remove_keeping_tail(element)
    return removed


def _inside_any(element: HtmlElement, containers: list[HtmlElement]) -> bool:
    """Whether ``element`` lies below one of ``containers``."""
    ancestors = set(element.iterancestors())
    return any(container in ancestors for container in containers)


def remove_next_articles(root: HtmlElement, guard: BodyGuard) -> None:
    """Remove the next story an infinite-scroll page appends after the article."""
    for element in list(root.xpath(".//*[@class or @id or @data-infinite-scroll]")):
        tokens = class_tokens(element)
        if not (
            tokens & NEXT_ARTICLE_TOKENS
            or any(pair <= tokens for pair in NEXT_ARTICLE_PAIRS)
            or element.get("data-infinite-scroll") is not None
        ):
            continue
        if element.getparent() is not None and not guard.protects(element):
            remove_keeping_tail(element)


def remove_clutter(root: HtmlElement, guard: BodyGuard | None = None) -> None:
    """Remove share bars, newsletter boxes, ads and comment sections (never
    an element ``guard`` protects)."""
    doomed: list[HtmlElement] = []
    # One XPath union: C-fast, and its results come in document order.
    tags = " | ".join(f".//{tag}" for tag in CLUTTER_TAGS)
    for element in root.xpath(f"{tags} | .//*[@class or @id]"):
        if element.tag in ("html", "body"):
            continue
        if element.tag in CLUTTER_TAGS or class_tokens(element) & CLUTTER_TOKENS:
            if any(ancestor in doomed for ancestor in element.iterancestors()):
                continue
            if prose_count(element) < MIN_PROSE_TO_KEEP and not (
                guard is not None and guard.protects(element)
            ):
                doomed.append(element)
    for element in doomed:
        remove_keeping_tail(element)
