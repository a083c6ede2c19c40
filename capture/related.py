"""The stories a page points to: its "read more" lists and inline teasers.

A *listed* related story comes from a block headed "Đọc thêm", "Tin liên
quan", "Xem thêm", "Bài liên quan", "Related", "More on this story", "Read
more" (or a known container: Jetpack related posts, ``aside.article-related``).
An *inline* one is a teaser link standing alone between two paragraphs of
the body. Both leave the tree, so neither ends up in the body text.
Site-wide "most read" lists are page furniture: removed, never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

from capture.dom import (
    BodyGuard,
    LabelIndex,
    absolute_url,
    class_tokens,
    classed_elements,
    document_order,
    find_labels,
    folded,
    has_class,
    is_link_list,
    is_prose,
    is_web_address,
    iter_elements,
    label_key,
    prose_count,
    remove_keeping_tail,
    text_of,
    word_count,
)
from core.models import RelatedRecord
from core.text import collapse_whitespace

RELATED_LABELS = frozenset(
    {"doc them", "tin lien quan", "xem them", "bai lien quan", "bai viet lien quan",
     "tin cung chu de", "related", "related stories", "related articles", "related posts",
     "related content", "related coverage", "more on this story", "read more", "also read",
     "see also", "more on this topic"}
) | frozenset(
    # Other languages, folded the way labels are looked up ("à lire aussi"
    # becomes "a lire aussi", "関連記事" stays as it is).
    label_key(label)
    for label in ("verwandte artikel", "mehr zum thema", "weitere artikel", "à lire aussi",
                  "lire aussi", "sur le même sujet", "noticias relacionadas",
                  "artículos relacionados", "te puede interesar", "articoli correlati",
                  "leggi anche", "leia também", "veja também", "notícias relacionadas",
                  "gerelateerde artikelen", "関連記事", "関連ニュース", "相关文章", "相關文章",
                  "相关新闻", "相關新聞", "관련 기사", "관련기사")
)  # fmt: skip
# Labels that also name buttons (expand the article, go to a section).
AMBIGUOUS_LABELS = frozenset({"read more", "xem them", "more", "see also"})
BUTTON_TOKENS = frozenset({"button", "btn", "toggle", "expand", "more", "cta", "readmore"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"})
MOST_READ_LABELS = frozenset(
    {"xem nhieu", "xem nhieu nhat", "doc nhieu", "doc nhieu nhat", "tin xem nhieu",
     "tin doc nhieu", "most read", "most viewed", "most popular", "popular", "trending",
     "most shared", "tin moi nhat", "tin moi", "latest news", "moi nhat"}
)  # fmt: skip
MOST_READ_TOKENS = frozenset(
    {"mostread", "mostviewed", "mostpopular", "popular", "trending", "xemnhieu", "docnhieu"}
)
RELATED_CONTAINER_IDS = frozenset({"jp-relatedposts"})
RELATED_CONTAINER_CLASSES = ("article-related", "jp-relatedposts", "related-posts")
RELATED_TYPES = frozenset({"relatedonenews", "relatednewsbox"})
SECTION_TOKENS = frozenset(
    {"cat", "category", "section", "kicker", "label", "chuyenmuc", "eyebrow", "topic",
     "context"}
)  # fmt: skip
SUMMARY_TOKENS = frozenset(
    {"sapo", "summary", "desc", "description", "excerpt", "lead", "teaser", "standfirst",
     "trailtext", "intro"}
)  # fmt: skip
TITLE_TOKENS = frozenset({"title", "headline", "tieude", "heading"})
SKIP_TOKENS = frozenset({"date", "time", "timestamp", "meta", "comment", "count"})
# "Read more" buttons and the like: link texts that are not story titles.
BUTTON_TEXTS = RELATED_LABELS | frozenset({"xem tiep", "chi tiet", "continue reading", "more"})
# Prefixes of an inline teaser's paragraph: "Xem thêm: <link>", ">> <link>".
TEASER_PREFIX = re.compile(
    r"^\s*(?:>>|»|►|▶|→)?\s*(?:(?:đọc|xem)\s+thêm|tin\s+liên\s+quan|bài\s+liên\s+quan|"
    r"related|read\s+more|also\s+read|see\s+also|read)?\s*[:>»\-–—]*\s*",
    re.IGNORECASE,
)
CONTEXT_SECTION = re.compile(r"^(?:in|trong)\s+[\"“'‘](?P<name>.+?)[\"”'’]$", re.IGNORECASE)
# Author and tag pages are not stories.
NOT_STORY_PATH = re.compile(r"/(?:tag|tags|author|authors|tac-gia|profile|topic)/", re.IGNORECASE)
MIN_TEASER_WORDS = 3
MAX_SECTION_WORDS = 4
MIN_PARAGRAPH_WORDS = 8
MIN_BODY_PARAGRAPHS = 3
MAX_TEASER_CHARS = 600


@dataclass
class _Story:
    """A related story being gathered from one list."""

    url: str
    title: str
    section: str | None
    summary: str | None


def take_inline_teasers(
    root: HtmlElement, base_url: str | None, page_url: str | None
) -> list[RelatedRecord]:
    """Remove lone teaser links standing between paragraphs; return them in order."""
    found: list[RelatedRecord] = []
    for block in _teaser_candidates(root):
        if block.getparent() is None:
            continue
        story = _teaser_story(block, base_url, page_url)
        if story is not None:
            found.append(
                RelatedRecord("inline", story.title, _web(story.url), story.section, story.summary)
            )
            remove_keeping_tail(block)
    return found


def _teaser_candidates(root: HtmlElement) -> list[HtmlElement]:
    """Short ``p``/``div`` blocks with a link, among enough prose siblings."""
    bodies: dict[HtmlElement, int] = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None and is_prose(paragraph):
            bodies[parent] = bodies.get(parent, 0) + 1
    candidates = []
    for parent, count in bodies.items():
        if count < MIN_BODY_PARAGRAPHS:
            continue
        candidates += [
            child
            for child in parent
            if child.tag in ("p", "div")
            and len(child.text_content()) <= MAX_TEASER_CHARS
            and any(True for _ in child.iter("a"))
        ]
    # Vietnamese CMSs mark their teaser boxes; those need no prose around them.
    for box in root.xpath(".//*[@type]"):
        if (box.get("type") or "").lower() in RELATED_TYPES and box not in candidates:
            candidates.append(box)
    return candidates


def take_related_lists(
    root: HtmlElement,
    base_url: str | None,
    page_url: str | None,
    guard: BodyGuard | None = None,
    labels: LabelIndex | None = None,
) -> list[RelatedRecord]:
    """Remove the page's related-story blocks; return their stories in order.

    A block ``guard`` protects (it holds the article's text) is never a
    list, whatever its label says.
    """
    regions = [
        region
        for region in _related_regions(root, labels)
        if guard is None or not guard.protects(region)
    ]
    stories: list[RelatedRecord] = []
    seen: set[str] = set()
    for region in regions:
        for story in _stories_in(region, base_url, page_url):
            if story.url not in seen:
                seen.add(story.url)
                stories.append(
                    RelatedRecord(
                        "listed", story.title, _web(story.url), story.section, story.summary
                    )
                )
    for region in regions:
        remove_keeping_tail(region)
    return stories


def remove_most_read(
    root: HtmlElement, guard: BodyGuard | None = None, labels: LabelIndex | None = None
) -> None:
    """Drop site-wide "most read"/"latest" lists: they are not about this story
    (never a block ``guard`` protects)."""
    regions = [_list_region(label) for label in find_labels(root, MOST_READ_LABELS, labels)]
    for element in classed_elements(root):
        if class_tokens(element) & MOST_READ_TOKENS and is_link_list(element):
            regions.append(element)
    kept = [
        region
        for region in regions
        if region is not None and (guard is None or not guard.protects(region))
    ]
    for region in _outermost(kept):
        remove_keeping_tail(region)


# --------------------------------------------------------------------------
# Finding the blocks
# --------------------------------------------------------------------------


def _related_regions(root: HtmlElement, labels: LabelIndex | None) -> list[HtmlElement]:
    """Related-story containers: known ones, then those headed by a label."""
    regions: list[HtmlElement] = []
    for element in classed_elements(root):
        if element.get("id") in RELATED_CONTAINER_IDS or has_class(
            element, *RELATED_CONTAINER_CLASSES
        ):
            regions.append(element)
    for label in find_labels(root, RELATED_LABELS, labels):
        if not _heads_a_list(label):
            continue
        region = _list_region(label)
        if region is not None and not _is_inline_teaser(region):
            regions.append(region)
    return _outermost(regions)


def _heads_a_list(label: HtmlElement) -> bool:
    """Whether a label is a list's heading rather than a "Read more" button.

    Buttons give themselves away by class; "Read more" and "Xem thêm" also
    label buttons that expand the article, so those must look like headings.
    """
    if class_tokens(label) & BUTTON_TOKENS:
        return False
    if label_key(text_of(label)) not in AMBIGUOUS_LABELS:
        return True
    return (
        label.tag in HEADING_TAGS
        or bool(class_tokens(label) & TITLE_TOKENS)
        or any(ancestor.tag in HEADING_TAGS for ancestor in label.iterancestors())
    )


def _is_inline_teaser(region: HtmlElement) -> bool:
    """A "Xem thêm: <link>" paragraph in the body: inline, not a list."""
    urls = {link.get("href") for link in iter_elements(region, "a") if link.get("href")}
    return region.tag in ("p", "div") and len(urls) == 1 and _among_paragraphs(region)


def _list_region(label: HtmlElement) -> HtmlElement | None:
    """The block of links a label heads: the smallest ancestor holding links
    besides the label when it reads as a list, else the label with the link
    lists right after it (a heading and a list inside the article)."""
    node = label
    while True:
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        links = [link for link in iter_elements(parent, "a") if not _within(link, label)]
        if links:
            # A block with paragraphs of prose is the article (or wraps it):
            # the list is the label and what follows it, not the block.
            if is_link_list(parent) and prose_count(parent) < MIN_BODY_PARAGRAPHS:
                return parent
            return _wrap_following_lists(node)
        node = parent


def _wrap_following_lists(heading: HtmlElement) -> HtmlElement | None:
    """Group ``heading`` and the link lists following it in one new ``div``."""
    following = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if is_link_list(sibling):
            following.append(sibling)
        elif text_of(sibling):
            break
    if not following:
        return None
    parent = heading.getparent()
    assert parent is not None
    wrapper: HtmlElement = lxml.html.Element("div")
    parent.insert(parent.index(heading), wrapper)
    for element in [heading, *following]:
        tail = element.tail
        wrapper.append(element)
        element.tail = tail
    return wrapper


def _within(element: HtmlElement, container: HtmlElement) -> bool:
    """Whether ``element`` is ``container`` or below it."""
    return element is container or any(a is container for a in element.iterancestors())


def _outermost(regions: list[HtmlElement]) -> list[HtmlElement]:
    """Regions not inside another one, in document order, without repeats."""
    chosen: list[HtmlElement] = []
    for region in regions:
        if any(_within(region, other) for other in chosen):
            continue
        chosen = [other for other in chosen if not _within(other, region)]
        chosen.append(region)
    if not chosen:
        return chosen
    order = document_order(chosen[0].getroottree().getroot())
    return sorted(chosen, key=lambda element: order.get(element, 0))


# --------------------------------------------------------------------------
# Reading stories out of a block
# --------------------------------------------------------------------------


def _stories_in(region: HtmlElement, base_url: str | None, page_url: str | None) -> list[_Story]:
    """Each distinct story a related block links to, with section and summary."""
    links: dict[str, list[HtmlElement]] = {}
    for link in iter_elements(region, "a"):
        url = _story_url(link, base_url, page_url)
        if url is not None and not _is_section_link(link):
            links.setdefault(url, []).append(link)
    stories = []
    for url, group in links.items():
        # An image link and a headline link often point to the same story:
        # the title is the first real link text, an image's alt text or a
        # title attribute only when no link has text.
        title = next((text for text in map(_link_text, group) if text), "") or next(
            (text for text in map(_link_title, group) if text), ""
        )
        if not title or label_key(title) in BUTTON_TEXTS:
            continue
        item = _item_box(group[0], region, url, base_url)
        stories.append(_Story(url, title, _item_section(item), _item_summary(item, title)))
    return stories


def _web(url: str) -> str | None:
    """A story's address for the record: None when it is only a relative path."""
    return url if is_web_address(url) else None


def _story_url(link: HtmlElement, base_url: str | None, page_url: str | None) -> str | None:
    """The address a link points to, if it can be another story: absolute,
    or as written when the page has no address to resolve it against."""
    url = absolute_url(link.get("href"), base_url)
    if url is None or NOT_STORY_PATH.search(url):
        return None
    if not is_web_address(url) and (base_url is not None or ":" in url.split("/")[0]):
        return None
    if page_url and url.split("#")[0].rstrip("/") == page_url.split("#")[0].rstrip("/"):
        return None
    return url


def _is_section_link(link: HtmlElement) -> bool:
    """A category link inside a related item ("Thế giới", "In “Travel”")."""
    text = text_of(link)
    if not text or word_count(text) > MAX_SECTION_WORDS or class_tokens(link) & TITLE_TOKENS:
        return False
    if class_tokens(link) & SECTION_TOKENS:
        return True
    parent = link.getparent()
    return parent is not None and bool(class_tokens(parent) & SECTION_TOKENS) and len(parent) == 1


def _link_text(link: HtmlElement) -> str:
    """A link's title as its own text gives it (headline element or text)."""
    return _link_title(link, fallback=False)


def _link_title(link: HtmlElement, *, fallback: bool = True) -> str:
    """A story's title from its link: a headline element inside, else its text,
    else (with ``fallback``) its ``title`` attribute or its image's alt text."""
    for element in iter_elements(link):
        if element is not link and class_tokens(element) & TITLE_TOKENS:
            text = text_of(element)
            if text:
                return text
    parts = [
        text_of(element) for element in iter_elements(link)
        if element is not link and class_tokens(element) & SECTION_TOKENS
    ]  # fmt: skip
    text = text_of(link)
    for part in parts:
        text = collapse_whitespace(text.replace(part, "", 1)) if part else text
    if text or not fallback:
        return text
    return collapse_whitespace(link.get("title") or "") or next(
        (
            collapse_whitespace(image.get("alt") or "")
            for image in iter_elements(link, "img")
            if image.get("alt")
        ),
        "",
    )


def _item_box(
    link: HtmlElement, region: HtmlElement, url: str, base_url: str | None
) -> HtmlElement:
    """The largest element around ``link`` (below ``region``) about this story only."""
    box = link
    while True:
        parent = box.getparent()
        if parent is None or parent is region:
            return box
        others = [
            other for other in iter_elements(parent, "a")
            if absolute_url(other.get("href"), base_url) not in (url, None)
            and not _is_section_link(other)
        ]  # fmt: skip
        if others:
            return box
        box = parent


def _item_section(item: HtmlElement) -> str | None:
    """The section an item names (a kicker, category link or context line)."""
    for element in iter_elements(item):
        tokens = class_tokens(element)
        if tokens & SECTION_TOKENS and not tokens & TITLE_TOKENS:
            text = text_of(element)
            context = CONTEXT_SECTION.match(text)
            if context:
                return context.group("name").strip()
            if text and word_count(text) <= MAX_SECTION_WORDS:
                return text
    return None


def _item_summary(item: HtmlElement, title: str) -> str | None:
    """An item's summary: a summary-classed element, else its leftover text."""
    for element in iter_elements(item):
        if class_tokens(element) & SUMMARY_TOKENS:
            text = text_of(element)
            if text and text != title:
                return text
    for element in iter_elements(item, "p", "div", "span"):
        if element.get("title"):
            continue
        tokens = class_tokens(element)
        if tokens & (SECTION_TOKENS | SKIP_TOKENS | TITLE_TOKENS) or any(
            True for _ in iter_elements(element, "a")
        ):
            continue
        text = text_of(element)
        if word_count(text) >= MIN_PARAGRAPH_WORDS and folded(title) not in folded(text):
            return text
    return None


# --------------------------------------------------------------------------
# Inline teasers
# --------------------------------------------------------------------------


def _teaser_story(block: HtmlElement, base_url: str | None, page_url: str | None) -> _Story | None:
    """The story a lone teaser block links to, if ``block`` is one.

    The block's text must be the link's title, optionally behind a "Xem
    thêm:" label and followed by the teaser's own summary, and the block must
    stand among the paragraphs of a body.
    """
    links = list(iter_elements(block, "a"))
    if not links or any(child.tag in ("p", "ul", "ol", "table", "figure") for child in block):
        return None
    urls = {_story_url(link, base_url, page_url) for link in links}
    url = urls.pop() if len(urls) == 1 else None
    if url is None:
        return None
    title = max((_link_title(link) for link in links), key=len)
    marked = (block.get("type") or "").lower() in RELATED_TYPES
    if word_count(title) < MIN_TEASER_WORDS or not (marked or _among_paragraphs(block)):
        return None
    rest = text_of(block).replace(title, " ", 1)
    leftover = TEASER_PREFIX.sub("", collapse_whitespace(rest), count=1).strip()
    summary = None
    if leftover:
        summary = _teaser_summary(block, title)
        if summary is None or leftover.replace(summary, "").strip(" :>»-–—"):
            return None
    return _Story(url, title, None, summary)


def _teaser_summary(block: HtmlElement, title: str) -> str | None:
    """The summary line of a teaser box (Vietnamese CMS "RelatedOneNews")."""
    for element in iter_elements(block):
        if class_tokens(element) & SUMMARY_TOKENS:
            text = text_of(element)
            if text and text != title:
                return text
    return None


def _among_paragraphs(block: HtmlElement) -> bool:
    """Whether ``block`` stands between paragraphs of prose in a body.

    A neighbour must be a prose paragraph, and the block's siblings must
    hold a few more: a listing's "title + summary" item has only one.
    """
    parent = block.getparent()
    if parent is None:
        return False
    prose = sum(1 for sibling in parent if sibling is not block and _is_prose(sibling))
    if prose < MIN_BODY_PARAGRAPHS:
        return False
    return any(
        sibling is not None and _is_prose(sibling)
        for sibling in (_neighbour(block, before=True), _neighbour(block, before=False))
    )


def _is_prose(element: HtmlElement) -> bool:
    """A paragraph of running text, not a link or a list of links."""
    if element.tag != "p" or not is_prose(element):
        return False
    text = text_of(element)
    links = sum(len(text_of(link)) for link in iter_elements(element, "a"))
    return word_count(text) >= MIN_PARAGRAPH_WORDS and links < len(text) / 2


def _neighbour(block: HtmlElement, *, before: bool) -> HtmlElement | None:
    """The nearest element sibling on one side with any text."""
    siblings = block.itersiblings(preceding=before)
    for sibling in siblings:
        if isinstance(sibling.tag, str) and text_of(sibling):
            return sibling
    return None
