"""The body of an article as a list of blocks, and its two renderings.

Blocks come from trafilatura's output tree (``p``, ``head``, ``quote``,
``list``, ``table`` with ``hi``/``ref``/``lb`` inside) or, for a dropped
selection, straight from HTML. Each block renders to reader HTML (inline
bold, italics and http(s)/mailto links kept, everything escaped) and to
plain text (paragraphs separated by one blank line).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from html import escape
from typing import Literal

from lxml.html import Element, HtmlElement

from capture.dom import absolute_url, is_web_address, remove_keeping_tail
from capture.figures import MARKER_PATTERN, FoundImage
from core import reader_html
from core.models import ImageRecord
from core.text import collapse_whitespace, nfc

BlockKind = Literal["paragraph", "heading", "quote", "list", "code", "figure"]

# trafilatura's rend values (and plain HTML tags) for inline emphasis.
INLINE_TAGS = {
    "#b": "strong", "#i": "em", "#u": "u", "#sub": "sub", "#sup": "sup", "#t": "code",
    "b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "sub": "sub",
    "sup": "sup", "code": "code", "kbd": "code", "tt": "code",
}  # fmt: skip
LINK_SCHEMES = ("http://", "https://", "mailto:")
LIST_BULLET = "• "
# What a list holds as items (a nested list outside any item is flattened).
LIST_ITEM_TAGS = frozenset({"item", "list"})
# The parts of a quote put on lines of their own.
QUOTE_PART_TAGS = frozenset({"p", "quote", "list", "head"})


@dataclass
class Inline:
    """A run of inline content: its reader HTML and its plain text."""

    html: str
    text: str


@dataclass
class Block:
    """One block of the body. ``items`` for lists; ``figure`` for pictures."""

    kind: BlockKind
    content: Inline = field(default_factory=lambda: Inline("", ""))
    level: int = 2
    items: list[Inline] = field(default_factory=list)
    figure: FoundImage | None = None

    @property
    def text(self) -> str:
        """The block's plain text (a list's items one per line)."""
        if self.kind == "list":
            return "\n".join(LIST_BULLET + item.text for item in self.items)
        return self.content.text


def render_inline(element: HtmlElement, base_url: str | None) -> Inline:
    """Reader HTML and plain text of an element's inline content."""
    html_parts: list[str] = []
    text_parts: list[str] = []
    _inline_into(element, base_url, html_parts, text_parts, top=True)
    return Inline(_tidy_html("".join(html_parts)), _tidy_text("".join(text_parts)))


def _inline_into(
    element: HtmlElement,
    base_url: str | None,
    html_parts: list[str],
    text_parts: list[str],
    *,
    top: bool = False,
) -> None:
    """Append one element's content (and, unless top, its tail) to the parts."""
    tag = element.tag if isinstance(element.tag, str) else ""
    wrapper = None if top else _inline_wrapper(element, tag, base_url)
    if tag in ("lb", "br") and not top:
        html_parts.append("<br>")
        text_parts.append("\n")
    elif isinstance(element.tag, str):
        if wrapper:
            html_parts.append(wrapper[0])
        _append_text(element.text, html_parts, text_parts)
        for child in element:
            _inline_into(child, base_url, html_parts, text_parts)
        if wrapper:
            html_parts.append(wrapper[1])
    if not top:
        _append_text(element.tail, html_parts, text_parts)


def _inline_wrapper(element: HtmlElement, tag: str, base_url: str | None) -> tuple[str, str] | None:
    """Opening and closing reader tags for an inline element, if it has any."""
    name = INLINE_TAGS.get(element.get("rend", "") if tag == "hi" else tag)
    if name:
        return f"<{name}>", f"</{name}>"
    if tag in ("ref", "a"):
        target = absolute_url(element.get("target") or element.get("href"), base_url)
        if target and (is_web_address(target) or target.startswith("mailto:")):
            return f'<a href="{escape(target)}">', "</a>"
    return None


def _append_text(text: str | None, html_parts: list[str], text_parts: list[str]) -> None:
    """Append a text run, white space collapsed to single spaces."""
    if not text:
        return
    run = nfc(" ".join(text.split()) if text.strip() else " ")
    if text[:1].isspace() and not run.startswith(" "):
        run = " " + run
    if text[-1:].isspace() and not run.endswith(" "):
        run = run + " "
    html_parts.append(escape(run, quote=False))
    text_parts.append(run)


def _tidy_text(text: str) -> str:
    """Trim each line of a paragraph and drop empty ones."""
    lines = (collapse_whitespace(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _tidy_html(html: str) -> str:
    """Trim white space at the ends of a paragraph's HTML."""
    return html.strip()


# --------------------------------------------------------------------------
# From trafilatura's output tree
# --------------------------------------------------------------------------


# Elements of trafilatura's output that are blocks; containers among them
# (a "wild text" result can come wrapped in divs) are walked into.
OUTPUT_BLOCK_TAGS = frozenset(
    {"p", "head", "list", "quote", "table", "code", "graphic", "div", "section", "article",
     "body", "main"}
)  # fmt: skip
OUTPUT_CONTAINERS = frozenset({"div", "section", "article", "body", "main"})


def blocks_from_extraction(body: HtmlElement, base_url: str | None) -> list[Block]:
    """Blocks from trafilatura's body element, in order."""
    blocks: list[Block] = []
    for element in grouped_children(body, OUTPUT_BLOCK_TAGS):
        if element.tag in OUTPUT_CONTAINERS and any(
            isinstance(child.tag, str) and child.tag in OUTPUT_BLOCK_TAGS for child in element
        ):
            blocks.extend(blocks_from_extraction(element, base_url))
        else:
            blocks.extend(_extracted_block(element, base_url))
    return blocks


def grouped_children(container: HtmlElement, block_tags: frozenset[str]) -> Iterator[HtmlElement]:
    """The block children of ``container`` in order, with each run of loose
    inline content (text, emphasis, links) between them wrapped in a new ``p``."""
    loose: HtmlElement = Element("p")
    loose.text = container.text
    for child in container:
        if isinstance(child.tag, str) and child.tag in block_tags:
            if _has_text(loose):
                yield loose
            loose = Element("p")
            loose.text = child.tail
            yield child
        elif isinstance(child.tag, str):
            loose.append(deepcopy(child))
        elif child.tail:  # a comment: keep the text after it
            _append_loose_text(loose, child.tail)
    if _has_text(loose):
        yield loose


def _has_text(element: HtmlElement) -> bool:
    """Whether an element has any non-blank text."""
    return bool("".join(element.itertext()).strip())


def _append_loose_text(loose: HtmlElement, text: str) -> None:
    """Add text at the end of a loose run."""
    if len(loose):
        loose[-1].tail = (loose[-1].tail or "") + text
    else:
        loose.text = (loose.text or "") + text


def _extracted_block(element: HtmlElement, base_url: str | None) -> Iterator[Block]:
    """The block(s) one element of trafilatura's output stands for."""
    tag = element.tag
    if tag == "head":
        rend = element.get("rend") or "h2"
        level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        yield Block("heading", render_inline(element, base_url), level=level)
    elif tag == "list":
        items = [render_inline(item, base_url) for item in _list_items(element)]
        yield Block("list", items=[item for item in items if item.text])
    elif tag == "quote":
        yield Block("quote", _joined(element, base_url))
    elif tag == "table":
        for row in element.iter("row"):
            cells = [render_inline(cell, base_url) for cell in row.iter("cell")]
            cells = [cell for cell in cells if cell.text]
            if cells:
                yield Block(
                    "paragraph",
                    Inline(" | ".join(c.html for c in cells), " | ".join(c.text for c in cells)),
                )
    elif tag == "code":
        text = "".join(element.itertext()).strip("\n")
        yield Block("code", Inline(escape(text, quote=False), text))
    elif tag != "graphic":
        yield Block("paragraph", render_inline(element, base_url))


def _list_items(element: HtmlElement) -> Iterator[HtmlElement]:
    """A list's items, nested lists flattened into the same sequence. Text
    a page put in a list outside any item (``<ul><i>quote</i></ul>``) is an
    item of its own, not lost."""
    for item in grouped_children(element, LIST_ITEM_TAGS):
        if item.tag == "list":
            yield from _list_items(item)
            continue
        nested = [child for child in item if child.tag == "list"]
        for child in nested:
            remove_keeping_tail(child)  # the item's text after it stays
        yield item
        for child in nested:
            yield from _list_items(child)


def _joined(element: HtmlElement, base_url: str | None) -> Inline:
    """A quote's paragraphs (and lists, and the text between them) as one
    inline run, separated by line breaks."""
    if not any(child.tag in QUOTE_PART_TAGS for child in element):
        return render_inline(element, base_url)
    rendered: list[Inline] = []
    for part in grouped_children(element, QUOTE_PART_TAGS):
        if part.tag == "list":
            rendered.extend(render_inline(item, base_url) for item in _list_items(part))
        else:
            rendered.append(render_inline(part, base_url))
    rendered = [part for part in rendered if part.text]
    return Inline("<br>".join(p.html for p in rendered), "\n".join(p.text for p in rendered))


# --------------------------------------------------------------------------
# Figures and output
# --------------------------------------------------------------------------


def place_figures(blocks: list[Block], figures: dict[str, FoundImage]) -> list[Block]:
    """Turn figure markers into figure blocks; a marker inside other text is
    taken out of it and its figure placed right after that block."""
    placed: list[Block] = []
    for block in blocks:
        texts = [item.text for item in block.items] if block.kind == "list" else [block.text]
        markers = [m.group(0) for text in texts for m in MARKER_PATTERN.finditer(text)]
        if not markers:
            placed.append(block)
            continue
        _strip_markers(block)
        if block.text.strip():
            placed.append(block)
        placed.extend(Block("figure", figure=figures[m]) for m in markers if m in figures)
    return placed


def _strip_markers(block: Block) -> None:
    """Remove marker tokens from a block's text and HTML."""

    def strip(run: Inline) -> Inline:
        return Inline(
            MARKER_PATTERN.sub("", run.html).strip(), _tidy_text(MARKER_PATTERN.sub("", run.text))
        )

    block.content = strip(block.content)
    block.items = [item for item in (strip(item) for item in block.items) if item.text]


def body_text(blocks: list[Block]) -> str:
    """The body as plain text: blocks separated by one blank line."""
    return "\n\n".join(block.text for block in blocks if block.kind != "figure" and block.text)


def reader_body(
    blocks: list[Block], image_of: Callable[[FoundImage], int | None], images: list[ImageRecord]
) -> str:
    """The reader HTML of the blocks; ``image_of`` gives a figure's position."""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "figure":
            position = image_of(block.figure) if block.figure is not None else None
            if position is not None:
                parts.append(reader_html.figure(position, images[position]))
        elif block.kind == "heading":
            parts.append(reader_html.heading(block.text, block.level))
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{block.content.html}</p></blockquote>")
        elif block.kind == "list":
            items = "".join(f"<li>{item.html}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        elif block.kind == "code":
            parts.append(f"<pre><code>{block.content.html}</code></pre>")
        elif block.content.html:
            parts.append(f"<p>{block.content.html}</p>")
    return "\n".join(parts)
