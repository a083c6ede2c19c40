"""From the HTML of a web page (or a dropped selection) to an article record.

The extraction runs in two stages so that image bytes can come from
anywhere (the network, a saved page's folder, an MHTML part, the library):

1. ``extract_page`` / ``extract_fragment`` read the HTML: metadata, related
   stories, lead, signature, figures, then the body through trafilatura.
   Our own DOM passes run first and take out what trafilatura would keep
   in the body or lose (see ``cleanup``, ``related``, ``figures``).
2. ``finish_article`` receives the images (bytes or pending) and writes the
   reader HTML, in which the n-th kept image is ``image:n``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura import bare_extraction
from trafilatura.metadata import extract_author
from trafilatura.settings import Document
from trafilatura.utils import is_dubious_html, repair_faulty_html

from capture.blocks import (
    Block,
    blocks_from_extraction,
    body_text,
    grouped_children,
    place_figures,
    reader_body,
    render_inline,
)
from capture.cleanup import (
    remove_clutter,
    remove_hidden,
    remove_next_articles,
    take_lead,
    take_signature,
)
from capture.dom import (
    BodyGuard,
    LabelIndex,
    document_order,
    folded,
    holds,
    is_web_address,
    iter_elements,
    remove_keeping_tail,
    text_of,
)
from capture.figures import FoundImage, take_figures
from capture.guard import keeps_main_text, lost_reference_body, needs_reference, word_counts
from capture.language import guess_language
from capture.metadata import PageMetadata, headline_text, is_plausible_byline, read_metadata
from capture.related import remove_most_read, take_inline_teasers, take_related_lists
from capture.repeats import mark_repeats, unmark_repeats
from capture.sanitize import sanitize_reader_html
from core.errors import CaptureError
from core.models import (
    EXTRACTOR_VERSION,
    ArticleRecord,
    ExtractionInfo,
    ImageRecord,
    RelatedRecord,
)
from core.text import collapse_whitespace

# Vietnam keeps one time zone all year: a Vietnamese page's clock times
# without an offset are local time.
VIETNAM_OFFSET = "+07:00"
LANGUAGE_SAMPLE_CHARS = 3000
# How much of the paragraph after a dropped figure locates it in the body.
ANCHOR_CHARS = 60
FRAGMENT_TITLE_WORDS = 12
# A first paragraph is the lead the description summarises only when it is
# about as long: descriptions are often the first paragraph cut short.
LEAD_LENGTH_RATIO = 1.5
LEAD_LENGTH_SLACK = 40
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Characters XML (and so lxml's tree API) does not allow in text.
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SCRIPT_TAGS = ("script", "style", "template")
# trafilatura's parser settings, with a class lookup done in C.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
    remove_pis=True,
)  # fmt: skip
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
# Blocks a selection is split into; other elements are inline content.
FRAGMENT_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre", "table",
     "div", "section", "article", "main", "header", "footer", "aside", "figure", "dl",
     "li", "tr", "center", "hr", "address", "details"}
)  # fmt: skip


@dataclass
class ExtractedPage:
    """What the HTML gave, before images are resolved."""

    record: ArticleRecord
    blocks: list[Block]
    figures: list[FoundImage] = field(default_factory=list)


ImageResolver = Callable[[list[FoundImage]], list[ImageRecord | None]]
"""Gives each found picture its record (bytes or pending), or None to drop it."""


def extract_page(html: str, page_url: str | None = None) -> ExtractedPage:
    """Extract the article of a whole page. ``page_url`` is where it came from.

    Raises ``CaptureError`` when the page holds no article text.
    """
    root = _parse(html)
    base_url = _base_url(root, page_url)
    language = _page_language(root)
    labels = LabelIndex(root)
    meta = read_metadata(root, base_url, VIETNAM_OFFSET if language == "vi" else None, labels)
    link_base = base_url or meta.canonical
    # The page's own address, else the one it claims: only ever a web address
    # (a saved page's canonical link may be ``javascript:`` or a bare path).
    url = page_url if is_web_address(page_url) else meta.canonical
    url = url if is_web_address(url) else None
    title_element = _title_element(root, meta.title)

    # trafilatura's author when the page's own markup names nobody (checked
    # like ours: its XPaths also pick up labels and picture credits).
    fallback_author = None
    if meta.byline is None and meta.meta_author is None:
        found = extract_author(root)
        fallback_author = found if is_plausible_byline(found) else None
    _strip_scripts(root)
    # The words of every paragraph before our passes (hidden ones too): what
    # the guard first checks our extraction against.
    paragraph_words = word_counts(["\n".join(p.text_content() for p in iter_elements(root, "p"))])
    hidden = word_counts(remove_hidden(root))
    guard = BodyGuard(root)
    # The main text container's words and its parent's paragraphs before our
    # passes edit them: the guard's second cheap check (folded only if needed).
    container_text, around_text = _container_texts(guard.body)
    remove_next_articles(root, guard)
    remove_most_read(root, guard, labels)
    related = take_related_lists(root, link_base, url, guard, labels)
    for container in meta.tag_lists:
        if not guard.protects(container):
            remove_keeping_tail(container)
    lead = take_lead(root, title_element, guard.body)
    inline = take_inline_teasers(root, link_base, url)
    signature = take_signature(guard.body)
    figures = take_figures(root, link_base)
    remove_clutter(root, guard)

    body = _extracted_body(root, link_base, fast=True)
    blocks = [] if body is None else blocks_from_extraction(body, link_base)
    blocks = place_figures(blocks, {f.marker: f for f in figures})
    warnings: list[str] = []
    kept = word_counts(
        [body_text(blocks), lead, signature]
        + [f"{f.caption} {f.credit}" for f in figures]
        + [f"{story.title} {story.summary or ''}" for story in [*related, *inline]]
    )
    if needs_reference(paragraph_words, kept, hidden) and not keeps_main_text(
        word_counts([container_text]), word_counts([around_text]), kept
    ):
        # trafilatura's body for the page as it came, before our passes.
        reference = _extracted_body(_parse(html), link_base, fast=False)
        reference_text = "" if reference is None else "\n".join(reference.itertext())
        share = lost_reference_body(
            word_counts([reference_text]), kept, hidden, _left_beside(root, body)
        )
        if reference is not None and share is not None:
            blocks = blocks_from_extraction(reference, link_base)
            warnings.append(f"kept trafilatura's body: ours had {share:.0%} of its words")
    blocks = _rescue_figures(root, figures, blocks, title_element, guard.body)
    blocks = _drop_repeats(blocks, meta, lead)
    if lead is None:
        lead, blocks = _lead_from_description(blocks, meta.description)
    if not any(block.kind != "figure" and block.text for block in blocks):
        raise CaptureError("no article text found on the page")
    record = ArticleRecord(
        title=meta.title or _first_heading(blocks) or (url or "(untitled)"),
        url=url,
        byline=meta.byline or signature or meta.meta_author or fallback_author,
        site=meta.site,
        section=meta.section,
        published=meta.published,
        lead=lead,
        body_text=body_text(blocks),
        language=language,
        topics=meta.topics,
        related=_merge_related(related, inline),
        arrived_by="web",
        extraction=ExtractionInfo(EXTRACTOR_VERSION, warnings),
    )
    return ExtractedPage(record, blocks, _used(blocks))


def extract_fragment(html: str, source_url: str | None = None) -> ExtractedPage:
    """Extract a selection dropped from a browser: all of its text is kept."""
    # lxml parses control characters into text but refuses them when the
    # tree is edited (a terminal's ESC in a pasted selection): drop them first.
    html = _NOT_XML_TEXT.sub("", html)
    try:
        container = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError, AssertionError):
        # lxml asserts on an <html> with no body ("too many bodies").
        raise CaptureError("the dropped selection holds no text") from None
    _strip_scripts(container)
    base_url = source_url if is_web_address(source_url) else None
    figures = take_figures(container, base_url)
    blocks = place_figures(_fragment_blocks(container, base_url), {f.marker: f for f in figures})
    if not any(block.kind != "figure" and block.text for block in blocks):
        raise CaptureError("the dropped selection holds no text")
    title = _first_heading(blocks)
    if title:
        blocks = _without_first_heading(blocks)
    text = body_text(blocks)
    host = urlsplit(base_url).hostname if base_url else None
    record = ArticleRecord(
        title=title or _title_from_text(text),
        url=base_url,
        site=host.removeprefix("www.") if host else None,
        body_text=text,
        language=guess_language(text),
        arrived_by="selection",
        extraction=ExtractionInfo(EXTRACTOR_VERSION, []),
    )
    return ExtractedPage(record, blocks, _used(blocks))


def finish_article(page: ExtractedPage, resolve: ImageResolver) -> ArticleRecord:
    """Resolve the page's pictures and write its sanitized reader HTML."""
    resolved = resolve(page.figures)
    images: list[ImageRecord] = []
    positions: dict[str, int] = {}
    for figure, image in zip(page.figures, resolved, strict=True):
        if image is not None:
            positions[figure.marker] = len(images)
            images.append(image)
    record = page.record
    record.images = images
    html = reader_body(page.blocks, lambda figure: positions.get(figure.marker), images)
    record.reader_html = sanitize_reader_html(html)
    return record


# --------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------


def _parse(html: str) -> HtmlElement:
    """Parse a page the way trafilatura does, so both see the same tree, but
    with every element an ``HtmlElement`` chosen in C: lxml.html's Python
    class lookup would run for each element every pass walks."""
    if not html.strip():
        raise CaptureError("not an HTML page: nothing could be parsed")
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        root = lxml.html.fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        root = None
    except lxml.etree.ParserError:  # "Document is empty": nothing but a stray end tag
        root = None
    if root is None or len(root) < 1:
        try:
            root = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except (ValueError, lxml.etree.ParserError):
            root = None
    if root is None or (is_dubious_html(beginning) and len(root) < 2):
        raise CaptureError("not an HTML page: nothing could be parsed")
    return root


def _base_url(root: HtmlElement, page_url: str | None) -> str | None:
    """The address relative links resolve against: ``<base href>``, else the page's."""
    for base in iter_elements(root, "base"):
        href = (base.get("href") or "").strip()
        if href:
            resolved = urljoin(page_url, href) if page_url else href
            if is_web_address(resolved):
                return resolved
    return page_url if is_web_address(page_url) else None


def _page_language(root: HtmlElement) -> str | None:
    """The page's language from a sample of its paragraphs, else ``<html lang>``."""
    sample: list[str] = []
    size = 0
    for paragraph in iter_elements(root, "p"):
        text = paragraph.text_content()
        sample.append(text)
        size += len(text)
        if size > LANGUAGE_SAMPLE_CHARS:
            break
    guessed = guess_language(" ".join(sample))
    if guessed:
        return guessed
    lang = (root.get("lang") or "").split("-")[0].lower()
    return lang or None


def _strip_scripts(root: HtmlElement) -> None:
    """Remove scripts and styles once metadata has read the JSON-LD: their
    text would otherwise count as page text in every pass."""
    for element in list(iter_elements(root, *SCRIPT_TAGS)):
        remove_keeping_tail(element)


def _title_element(root: HtmlElement, title: str | None) -> HtmlElement | None:
    """The page's headline element, if one shows the title."""
    if not title:
        return None
    key = folded(title)
    for heading in iter_elements(root, *HEADING_TAGS):
        if folded(headline_text(heading)) == key:
            return heading
    return None


def _extracted_body(root: HtmlElement, base_url: str | None, *, fast: bool) -> HtmlElement | None:
    """trafilatura's body element for ``root`` (which it edits). ``fast``
    skips its comparison with other extractors. A paragraph the page repeats
    keeps its repeat (see ``capture.repeats``)."""
    marked = mark_repeats(root)
    document = bare_extraction(
        root,
        url=base_url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=True,
        include_links=True,
        with_metadata=False,
    )
    if not isinstance(document, Document) or document.body is None:
        return None
    body: HtmlElement = document.body
    if marked:
        unmark_repeats(body)
    return body


def _container_texts(container: HtmlElement | None) -> tuple[str, str]:
    """The text of the main text container and of its parent's paragraphs."""
    if container is None:
        return "", ""
    parent = container.getparent()
    around = container if parent is None else parent
    return container.text_content(), "\n".join(p.text_content() for p in iter_elements(around, "p"))


def _left_beside(root: HtmlElement, body: HtmlElement | None) -> Counter[str]:
    """The words the page still holds after our passes outside the element
    that holds our body (found by its paragraphs' text), which trafilatura
    left out of it: other stories' teasers and the like, not words a pass lost."""
    if body is None:
        return Counter()
    # trafilatura's body is a plain lxml element: no ``text_content``.
    texts = {collapse_whitespace("".join(p.itertext())) for p in body.iter("p")}
    texts.discard("")
    holders = [
        p for p in iter_elements(root, "p") if collapse_whitespace(p.text_content()) in texts
    ]
    if not holders:
        return Counter()
    container = holders[0]
    for holder in holders[1:]:
        while not holds(container, holder):
            parent = container.getparent()
            if parent is None:
                return Counter()
            container = parent
    return word_counts([root.text_content()]) - word_counts([container.text_content()])


def _rescue_figures(
    root: HtmlElement,
    figures: list[FoundImage],
    blocks: list[Block],
    title_element: HtmlElement | None,
    body: HtmlElement | None,
) -> list[Block]:
    """Put back captioned figures the body extractor dropped but that lie
    within the article (between the headline and the end of the body): a
    lead picture above the text is part of the story.

    Each goes before the first block that starts with the text following it
    on the page, or first when it precedes the body.
    """
    placed = {block.figure.marker for block in blocks if block.figure is not None}
    lost = [f for f in figures if f.marker not in placed and (f.caption or f.credit)]
    if not lost or body is None:
        return blocks
    order = document_order(root)
    start = order.get(title_element, -1) if title_element is not None else order.get(body, 0)
    end = max((order.get(element, 0) for element in body.iterdescendants()), default=0)
    markers = {text_of(p): p for p in root.xpath(".//p[starts-with(., 'READSHELFFIGURE')]")}
    for figure in lost:
        element = markers.get(figure.marker)
        if element is None or not start <= order.get(element, -1) <= end:
            continue
        blocks = _insert_before_anchor(blocks, Block("figure", figure=figure), element)
    return blocks


def _insert_before_anchor(blocks: list[Block], figure: Block, marker: HtmlElement) -> list[Block]:
    """Insert ``figure`` before the block that begins with the text after ``marker``."""
    anchor = _following_text(marker)
    if anchor:
        for index, block in enumerate(blocks):
            if block.kind != "figure" and folded(block.text).startswith(anchor):
                return [*blocks[:index], figure, *blocks[index:]]
    return [figure, *blocks]


def _following_text(marker: HtmlElement) -> str:
    """The folded start of the first paragraph after a figure marker."""
    for element in marker.itersiblings():
        if isinstance(element.tag, str):
            text = text_of(element)
            if text and not text.startswith("READSHELFFIGURE"):
                return folded(text)[:ANCHOR_CHARS]
    parent = marker.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        return _following_text(parent)
    return ""


def _drop_repeats(blocks: list[Block], meta: PageMetadata, lead: str | None) -> list[Block]:
    """Remove the headline, lead and byline where the body repeats them."""
    values = [value for value in (meta.title, lead, meta.byline) if value]
    if meta.byline:
        values.append(f"by {meta.byline}")
    repeated = {folded(value) for value in values}
    lengths = {len(value) for value in values}

    def repeats(block: Block) -> bool:
        # Folding is slow: only texts as long as a repeated value can match it.
        text = block.text
        return len(text) in lengths and folded(text) in repeated

    return [block for block in blocks if block.kind in ("figure", "list") or not repeats(block)]


def _lead_from_description(
    blocks: list[Block], description: str | None
) -> tuple[str | None, list[Block]]:
    """Take the first paragraph as the lead when the page's description is it."""
    if not description:
        return None, blocks
    for index, block in enumerate(blocks):
        if block.kind == "figure":
            continue
        rest = blocks[:index] + blocks[index + 1 :]
        if (
            block.kind == "paragraph"
            and _same_text(block.text, description)
            and any(other.kind != "figure" for other in rest)
        ):
            return block.text, rest
        break
    return None, blocks


def _same_text(text: str, description: str) -> bool:
    """Whether a paragraph and a description say the same (a cut description counts)."""
    paragraph, summary = folded(text), folded(description).rstrip(". …")
    if not summary or len(paragraph) > len(summary) * LEAD_LENGTH_RATIO + LEAD_LENGTH_SLACK:
        return False
    return paragraph == summary or paragraph.startswith(summary)


def _merge_related(listed: list[RelatedRecord], inline: list[RelatedRecord]) -> list[RelatedRecord]:
    """Inline teasers first (they are part of the story), then the listed ones,
    each story once."""
    merged: list[RelatedRecord] = []
    seen: set[str] = set()
    for story in [*inline, *listed]:
        key = story.url or folded(story.title)
        if key not in seen:
            seen.add(key)
            merged.append(story)
    return merged


def _used(blocks: list[Block]) -> list[FoundImage]:
    """The figures that made it into the body, in body order."""
    return [block.figure for block in blocks if block.kind == "figure" and block.figure]


def _first_heading(blocks: list[Block]) -> str | None:
    """The text of the first heading block, if the body starts with one."""
    for block in blocks:
        if block.kind == "heading" and block.text:
            return block.text
        if block.kind != "figure":
            return None
    return None


def _without_first_heading(blocks: list[Block]) -> list[Block]:
    """The blocks without the heading used as the title."""
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def _title_from_text(text: str) -> str:
    """A title for an untitled selection: its first words."""
    words = collapse_whitespace(text.split("\n")[0]).split()
    title = " ".join(words[:FRAGMENT_TITLE_WORDS])
    return title + "…" if len(words) > FRAGMENT_TITLE_WORDS else title


# --------------------------------------------------------------------------
# Selections
# --------------------------------------------------------------------------


def _fragment_blocks(container: HtmlElement, base_url: str | None) -> list[Block]:
    """Blocks of a selection: block elements in order, loose inline runs as
    paragraphs."""
    blocks: list[Block] = []
    for element in grouped_children(container, FRAGMENT_BLOCK_TAGS):
        blocks.extend(_fragment_block(element, base_url))
    return blocks


def _fragment_block(element: HtmlElement, base_url: str | None) -> list[Block]:
    """The block(s) of one block-level element of a selection."""
    tag = element.tag
    if tag in HEADING_TAGS:
        return [Block("heading", render_inline(element, base_url), level=int(tag[1]))]
    if tag == "blockquote":
        return [Block("quote", render_inline(element, base_url))]
    if tag in ("ul", "ol"):
        items = [render_inline(item, base_url) for item in iter_elements(element, "li")]
        return [Block("list", items=[item for item in items if item.text])]
    if tag == "pre":
        content = render_inline(element, base_url)
        return [Block("code", content)]
    if tag == "p" or not any(
        isinstance(child.tag, str) and child.tag in FRAGMENT_BLOCK_TAGS for child in element
    ):
        content = render_inline(element, base_url)
        return [Block("paragraph", content)] if content.text else []
    return _fragment_blocks(element, base_url)
