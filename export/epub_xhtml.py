"""Reader HTML as the XHTML an EPUB chapter holds.

EPUB readers parse chapters as XML and check them against HTML's content
model, where a browser forgives anything. Stored reader HTML is sanitized
again (the allow-lists of ``core.reader_html``), parsed into a small tree
and written back as XHTML that is well-formed and valid:

* every element closed, ``<img/>`` and ``<br/>`` self-closed, text and
  attributes escaped, characters XML 1.0 forbids removed;
* a block (paragraph, list, figure...) found where only text may stand, as
  a paragraph inside a link inside a heading, gives up its tag, never its
  words; list items outside a list are gathered into one; anything but an
  item inside a list becomes one; a figure's caption that is not its first
  or last child becomes a paragraph;
* ``image:N`` becomes the address of the picture's file in the book, or the
  ``<img>`` is left out (its figure keeps the caption);
* links keep only web and mail addresses, percent-encoded where a URL
  needs it, so nothing points at a file the book does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

import nh3

from core.reader_html import (
    DROPPED_WITH_CONTENT,
    IMAGE_SCHEME,
    LINK_SCHEMES,
    READER_ATTRIBUTES,
    READER_CLASSES,
    READER_TAGS,
)

PictureHref = Callable[[int], str | None]
"""A picture's position in the article -> its file's address from the
chapter, or None when the book has no file for it."""

_VOID = frozenset({"img", "br"})
# The reader's elements that are phrasing content: what a paragraph, a
# heading or a link inside them may hold. (A highlight's <mark> joins them.)
_PHRASING = frozenset(
    {"a", "strong", "em", "b", "i", "u", "sub", "sup", "br", "span", "code", "img", "mark"}
)
# Elements whose children are phrasing content only.
_PHRASING_PARENTS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "pre"}) | _PHRASING
_LISTS = frozenset({"ul", "ol"})
_URL_SCHEMES = frozenset(scheme.rstrip(":") for scheme in (*LINK_SCHEMES, IMAGE_SCHEME))
# Characters XML 1.0 forbids, and the C1 controls and noncharacters it
# discourages: mis-decoded bytes, never words.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What a URL may hold as it is: the rest is percent-encoded (UTF-8).
_URL_SAFE = "/:?#[]@!$&'()*+,;=-._~%"


@dataclass
class Element:
    """One element of a chapter's body: its tag, attributes and children."""

    tag: str
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)


def xml_text(text: str) -> str:
    """Text escaped for an XML element, without the characters XML forbids."""
    cleaned = _NOT_XML.sub("", text)
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(text: str) -> str:
    """Text escaped for a double-quoted XML attribute."""
    return xml_text(text).replace('"', "&quot;")


def link_address(url: str | None) -> str | None:
    """``url`` as a link the book may hold: a web or mail address only,
    with spaces and other characters a URL cannot hold percent-encoded;
    None for anything else."""
    value = _NOT_XML.sub("", (url or "").strip())
    if not value.lower().startswith(LINK_SCHEMES):
        return None
    return quote(_BARE_PERCENT.sub("%25", value), safe=_URL_SAFE)


def _image_position(src: str) -> int | None:
    """N for an ``image:N`` address, None for anything else."""
    number = src.strip()[len(IMAGE_SCHEME) :]
    return int(number) if src.strip().startswith(IMAGE_SCHEME) and number.isdigit() else None


class _TreeBuilder(HTMLParser):
    """Sanitized reader HTML (well nested, as nh3 writes it) into a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("body")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def reader_tree(html: str) -> Element:
    """Stored reader HTML sanitized again and parsed: a ``body`` element
    holding the reader's vocabulary only. ``image:N`` sources are kept for
    ``body_xhtml`` to resolve."""
    cleaned = nh3.clean(
        html,
        tags=READER_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=READER_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        url_relative="deny",
        link_rel=None,
        allowed_classes=READER_CLASSES,
        strip_comments=True,
    )
    builder = _TreeBuilder()
    builder.feed(cleaned)
    builder.close()
    return builder.root


def body_xhtml(root: Element, picture_href: PictureHref) -> str:
    """The children of ``root`` (a block container) as valid XHTML."""
    writer = _XhtmlWriter(picture_href)
    writer.flow_children(root.children)
    return "".join(writer.out)


def _is_blank(node: Element | str) -> bool:
    return isinstance(node, str) and not node.strip()


def _list_items(children: list[Element | str]) -> Iterator[Element | str]:
    """A list's children as items: whitespace between them kept, anything
    else that is not an ``<li>`` wrapped in one."""
    for child in children:
        if _is_blank(child) or (isinstance(child, Element) and child.tag == "li"):
            yield child
        else:
            yield Element("li", children=[child])


def _gathered_items(children: list[Element | str]) -> Iterator[Element | str]:
    """Block children with each run of stray ``<li>`` gathered into a ``<ul>``."""
    run: list[Element | str] = []
    for child in children:
        is_item = isinstance(child, Element) and child.tag == "li"
        if is_item or (run and _is_blank(child)):
            run.append(child)
        else:
            if run:
                yield Element("ul", children=run)
                run = []
            yield child
    if run:
        yield Element("ul", children=run)


def _figure_children(children: list[Element | str]) -> list[Element | str]:
    """A figure's children with one caption at most, first or last: any
    other caption becomes a paragraph."""
    solid = [index for index, child in enumerate(children) if not _is_blank(child)]
    ends = {solid[0], solid[-1]} if solid else set()
    kept_caption = False
    result: list[Element | str] = []
    for index, child in enumerate(children):
        if isinstance(child, Element) and child.tag == "figcaption":
            if index in ends and not kept_caption:
                kept_caption = True
            else:
                child = Element("p", children=child.children)
        result.append(child)
    return result


class _XhtmlWriter:
    """Writes a tree as XHTML, keeping HTML's content model (see module)."""

    def __init__(self, picture_href: PictureHref) -> None:
        self.picture_href = picture_href
        self.out: list[str] = []

    def flow_children(
        self, children: list[Element | str], *, in_link: bool = False, in_figure: bool = False
    ) -> None:
        for child in _gathered_items(children):
            if isinstance(child, Element) and child.tag == "figcaption" and not in_figure:
                child = Element("p", children=child.children)  # a caption with no figure
            self.node(child, phrasing=False, in_link=in_link)

    def phrasing_children(self, children: list[Element | str], *, in_link: bool) -> None:
        for child in children:
            self.node(child, phrasing=True, in_link=in_link)

    def node(self, node: Element | str, *, phrasing: bool, in_link: bool) -> None:
        if isinstance(node, str):
            self.out.append(xml_text(node))
            return
        tag = node.tag
        if tag == "img":
            self.image(node)
        elif tag == "br":
            self.out.append("<br/>")
        elif (phrasing and tag not in _PHRASING) or (in_link and tag == "a"):
            # A block where only text may stand, or a link in a link: the
            # tag goes, the words stay, set apart by a space.
            self.out.append(" ")
            self.phrasing_children(node.children, in_link=in_link)
            self.out.append(" ")
        elif tag == "figcaption" or tag == "li":
            # Reached only inside a figure or a list (see flow_children, element).
            self.element(node, node.children, phrasing=False, in_link=in_link)
        elif tag in _LISTS:
            self.element(node, list(_list_items(node.children)), phrasing=False, in_link=in_link)
        elif tag == "figure":
            self.element(node, _figure_children(node.children), phrasing=False, in_link=in_link)
        else:
            # A link is transparent: it holds what its parent may hold.
            phrasing_inside = tag in _PHRASING_PARENTS and not (tag == "a" and not phrasing)
            self.element(
                node, node.children, phrasing=phrasing_inside, in_link=in_link or tag == "a"
            )

    def element(
        self, node: Element, children: list[Element | str], *, phrasing: bool, in_link: bool
    ) -> None:
        self.out.append(f"<{node.tag}{self.attributes(node)}>")
        if phrasing:
            self.phrasing_children(children, in_link=in_link)
        elif node.tag in _LISTS:
            for child in children:
                self.node(child, phrasing=False, in_link=in_link)
        else:
            self.flow_children(children, in_link=in_link, in_figure=node.tag == "figure")
        self.out.append(f"</{node.tag}>")

    def attributes(self, node: Element) -> str:
        if node.tag == "a":
            href = link_address(node.attributes.get("href"))
            return f' href="{xml_attribute(href)}"' if href else ""
        if node.tag == "span" and node.attributes.get("class") == "credit":
            return ' class="credit"'
        return ""

    def image(self, node: Element) -> None:
        position = _image_position(node.attributes.get("src", ""))
        href = self.picture_href(position) if position is not None else None
        if href is not None:
            alt = xml_attribute(node.attributes.get("alt", ""))
            self.out.append(f'<img src="{xml_attribute(href)}" alt="{alt}"/>')
