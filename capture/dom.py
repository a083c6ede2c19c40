"""Small helpers over lxml trees shared by the HTML extraction passes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from core.text import collapse_whitespace, fold_vietnamese, nfc

# Class and id names are split on these to get words: "article__sapo",
# "box-tin-lien-quan" and "mostRead" become tokens we can match exactly, so
# "ads" never matches "heads" and "lead" never matches "leaderboard".
_TOKEN_SPLIT = re.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")


def class_tokens(element: HtmlElement) -> frozenset[str]:
    """The lower-cased words of an element's class and id attributes."""
    return _tokens(element.get("class") or "", element.get("id") or "")


@lru_cache(maxsize=8192)
def _tokens(class_attribute: str, id_attribute: str) -> frozenset[str]:
    """Words of class and id values; pages repeat the same few, hence the cache."""
    raw = f"{class_attribute} {id_attribute}"
    return frozenset(token.lower() for token in _TOKEN_SPLIT.split(raw) if token)


def class_names(element: HtmlElement) -> frozenset[str]:
    """The element's class names as written, lower-cased (not split further)."""
    return _names(element.get("class") or "")


@lru_cache(maxsize=8192)
def _names(class_attribute: str) -> frozenset[str]:
    """Lower-cased class names of a class attribute value."""
    return frozenset(name.lower() for name in class_attribute.split())


def has_class(element: HtmlElement, *names: str) -> bool:
    """Whether any of ``names`` is one of the element's class names (any case)."""
    present = class_names(element)
    return any(name.lower() in present for name in names)


def text_of(element: HtmlElement) -> str:
    """The element's visible text: NFC, white space collapsed."""
    return collapse_whitespace(nfc(element.text_content()))


def folded(text: str) -> str:
    """Text folded for comparing: no case, no diacritics, single spaces."""
    return collapse_whitespace(fold_vietnamese(text))


def remove_keeping_tail(element: HtmlElement) -> None:
    """Remove ``element`` from its tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def replace_with(element: HtmlElement, replacement: HtmlElement) -> None:
    """Put ``replacement`` where ``element`` is, keeping the text after it."""
    replacement.tail = element.tail
    parent = element.getparent()
    if parent is not None:
        parent.replace(element, replacement)


def is_inside(element: HtmlElement, tags: Iterable[str]) -> bool:
    """Whether ``element`` has an ancestor with one of these tag names."""
    wanted = set(tags)
    return any(ancestor.tag in wanted for ancestor in element.iterancestors())


def absolute_url(href: str | None, base_url: str | None) -> str | None:
    """``href`` resolved against ``base_url``; None for empty or script links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "data:")):
        return None
    if base_url:
        try:
            return urljoin(base_url, href)
        except ValueError:
            return None
    return href


def is_web_address(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) address."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def classed_elements(root: HtmlElement) -> list[HtmlElement]:
    """Every element below ``root`` with a class or an id (found in C, not Python)."""
    found: list[HtmlElement] = root.xpath(".//*[@class or @id]")
    return found


def iter_elements(root: HtmlElement, *tags: str) -> Iterator[HtmlElement]:
    """Every element below ``root`` (tags optional), skipping comments and PIs."""
    for element in root.iter(*tags):
        if isinstance(element.tag, str):
            yield element


# Chinese and Japanese write no spaces between words: their characters are
# counted instead, two to a word (about the length of a word in either).
_CJK_CHARACTER = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_CHARACTERS_PER_WORD = 2


def word_count(text: str) -> int:
    """How many words ``text`` has: white-space separated ones, and Chinese
    or Japanese ones by their characters."""
    if text.isascii():
        return len(text.split())
    characters = len(_CJK_CHARACTER.findall(text))
    if not characters:
        return len(text.split())
    return len(_CJK_CHARACTER.sub(" ", text).split()) + characters // CJK_CHARACTERS_PER_WORD


# Elements that can hold a block's label ("Tin liên quan", "Tags:").
LABEL_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "header", "label", "dt"}
)
MAX_LABEL_CHARS = 40
_LABEL_TRIM = " :：»›>-–—|•·\u00a0"


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A label folded for lookup: "Từ khoá:" and "TỪ KHÓA" both give "tu khoa"."""
    return folded(text).strip(_LABEL_TRIM).strip()


class LabelIndex:
    """Every short-text element of a page with its folded text, gathered in
    one pass so each label lookup ("Tags", "Tin liên quan", "Most read")
    does not walk the whole page again."""

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self.entries: list[tuple[HtmlElement, str]] = []
        for element in root.iter(*LABEL_TAGS):
            own = element.text
            if len(element) > 3 or (own is not None and len(own) > MAX_LABEL_CHARS * 2):
                continue
            text = element.text_content()
            if len(text) <= MAX_LABEL_CHARS * 2:
                self.entries.append((element, label_key(text)))

    def find(self, labels: frozenset[str]) -> list[HtmlElement]:
        """The outermost elements still in the page whose text is one of ``labels``.

        Labels inside links or buttons are skipped: "Xem thêm" on a button
        leads to a section page, it does not head a list.
        """
        found: list[HtmlElement] = []
        for element, key in self.entries:
            if key not in labels or element.getroottree().getroot() is not self.root:
                continue
            if is_inside(element, ("a", "button")):
                continue
            # The outer element of "<h3><span>Tags</span></h3>" is the label.
            if found and any(ancestor is element for ancestor in found[-1].iterancestors()):
                continue
            found.append(element)
        return found


def find_labels(
    root: HtmlElement, labels: frozenset[str], index: LabelIndex | None = None
) -> list[HtmlElement]:
    """The outermost elements whose whole text is one of ``labels`` (folded)."""
    return (index if index is not None and index.root is root else LabelIndex(root)).find(labels)


# A block is a list of links (not prose) when it has at least this many
# links per thousand characters of text outside links, or little such text.
LINKS_PER_THOUSAND_CHARS = 2.5
MAX_PROSE_CHARS_IN_LIST = 400


# A Chinese or Japanese character says about as much as this many letters.
CJK_CHARACTER_WEIGHT = 3


def text_length(text: str) -> int:
    """The length of ``text`` in letters, a Chinese or Japanese character
    weighing as much as the letters of a short word."""
    if text.isascii():
        return len(text)
    return len(text) + len(_CJK_CHARACTER.findall(text)) * (CJK_CHARACTER_WEIGHT - 1)


def is_link_list(element: HtmlElement) -> bool:
    """Whether an element is mostly links (a list of stories), not prose."""
    links = [link for link in iter_elements(element, "a") if link.get("href")]
    if not links:
        return False
    link_chars = sum(text_length(text_of(link)) for link in links)
    prose_chars = max(0, text_length(text_of(element)) - link_chars)
    if prose_chars <= MAX_PROSE_CHARS_IN_LIST:
        return True
    return len(links) * 1000 / prose_chars >= LINKS_PER_THOUSAND_CHARS


# A paragraph of at least this many words is running text, not a label.
PROSE_WORDS = 12
# The body container holds at least this many paragraphs of running text.
MIN_BODY_PARAGRAPHS = 3


def is_prose(paragraph: HtmlElement) -> bool:
    """A paragraph of running text rather than a label or a link: a ``p``, or
    a ``div`` starting with text of its own (some CMSs write no ``p``)."""
    if paragraph.tag == "p":
        return word_count(text_of(paragraph)) >= PROSE_WORDS
    if paragraph.tag == "div":
        return word_count(paragraph.text or "") >= PROSE_WORDS
    return False


def prose_count(element: HtmlElement, enough: int = MIN_BODY_PARAGRAPHS) -> int:
    """How many prose paragraphs ``element`` holds (counting stops at ``enough``)."""
    found = 0
    for paragraph in iter_elements(element, "p", "div"):
        if is_prose(paragraph):
            found += 1
            if found >= enough:
                break
    return found


def main_text_container(root: HtmlElement) -> HtmlElement | None:
    """The element whose prose paragraphs (direct children) hold the most
    words: the article body, which no removal pass may take out whole."""
    best: HtmlElement | None = None
    best_words = 0
    seen: set[HtmlElement] = set()
    for paragraph in iter_elements(root, "p", "div"):
        parent = paragraph.getparent()
        if parent is None or parent in seen:
            continue
        seen.add(parent)
        prose = [child for child in parent if is_prose(child)]
        words = sum(word_count(child.text_content()) for child in prose)
        if len(prose) >= MIN_BODY_PARAGRAPHS and words > best_words:
            best, best_words = parent, words
    return best


def holds(container: HtmlElement, element: HtmlElement | None) -> bool:
    """Whether ``element`` is ``container`` or inside it."""
    if element is None:
        return False
    return element is container or any(a is container for a in element.iterancestors())


def document_order(root: HtmlElement) -> dict[HtmlElement, int]:
    """Each element's position in document order.

    Keyed by the elements themselves, which keeps their Python proxies
    alive: lxml creates proxies on demand, so ``id()`` of a dropped one can
    be reused by another element.
    """
    return {element: index for index, element in enumerate(root.iter())}


def prose_words(element: HtmlElement) -> int:
    """Words in the prose paragraphs below ``element``."""
    total = 0
    for paragraph in iter_elements(element, "p", "div"):
        if is_prose(paragraph):
            text = paragraph.text_content() if paragraph.tag == "p" else paragraph.text or ""
            total += word_count(text)
    return total


class BodyGuard:
    """Keeps removal passes off the article's text.

    A "related" or "most read" block, a tag list or a share bar is never
    removed when it holds the main text container, or a third of the page's
    prose: a misplaced label or class name must not cost the body.
    """

    # Related lists with summaries are prose too, but never this much of a page.
    MAX_SHARE = 1 / 3

    def __init__(self, root: HtmlElement) -> None:
        self.body = main_text_container(root)
        self.total_words = prose_words(root)

    def protects(self, element: HtmlElement) -> bool:
        """Whether removing ``element`` would take the article's text with it."""
        if holds(element, self.body):
            return True
        return self.total_words > 0 and prose_words(element) >= self.total_words * self.MAX_SHARE
