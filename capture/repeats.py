"""Paragraphs a page repeats on purpose survive trafilatura.

trafilatura drops a block whose text equals the block kept just before it:
its own overlapping candidates can yield one paragraph twice. A page that
repeats a paragraph itself (a refrain, a chorus, a notice given twice) would
lose the repeat, silently. Before extraction each such repeat gets an
invisible mark that makes its text differ; after extraction the marks go.

A repeat counts only when it is the next sibling of the same tag with the
same attributes: a responsive page's two renderings of one paragraph
(``class="d-md-none"`` beside ``class="d-none d-md-block"``) differ in their
classes, and are still left to trafilatura to fold into one.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from capture.dom import iter_elements

# U+2063 INVISIBLE SEPARATOR: not white space to trafilatura's text trimming,
# so the marked block's text differs from the block before it.
REPEAT_MARK = "\u2063"
# trafilatura only drops repeats longer than this (its MIN_DUPLICATE_LENGTH);
# shorter ones it keeps on its own.
MIN_REPEAT_CHARS = 50
REPEAT_TAGS = ("p", "div", "blockquote", "pre", "li", "dd", "section")


def mark_repeats(root: HtmlElement) -> bool:
    """Mark every block that repeats its previous sibling word for word;
    whether any was marked."""
    marked = False
    for element in iter_elements(root, *REPEAT_TAGS):
        previous = element.getprevious()
        if previous is None or not _same_shape(previous, element):
            continue
        text = " ".join(element.text_content().split())
        if len(text) > MIN_REPEAT_CHARS and text == " ".join(previous.text_content().split()):
            _mark_first_text(element)
            marked = True
    return marked


def _mark_first_text(element: HtmlElement) -> None:
    """Put the mark before the first words of ``element``, so it lands in the
    innermost block that holds them (``<div><p>words</p></div>``)."""
    for node in element.iter():
        if (node.text or "").strip():
            node.text = REPEAT_MARK + (node.text or "")
            return


def _same_shape(previous: HtmlElement, element: HtmlElement) -> bool:
    """The cheap tests first: same tag, attributes, children and own text."""
    return (
        previous.tag == element.tag
        and len(previous) == len(element)
        and (previous.text or "").strip() == (element.text or "").strip()
        and dict(previous.attrib) == dict(element.attrib)
    )


def unmark_repeats(body: HtmlElement) -> None:
    """Remove the marks from an extracted body."""
    for element in body.iter():
        if element.text and REPEAT_MARK in element.text:
            element.text = element.text.replace(REPEAT_MARK, "")
        if element.tail and REPEAT_MARK in element.tail:
            element.tail = element.tail.replace(REPEAT_MARK, "")
