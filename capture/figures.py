"""Pictures and their captions, found in a page and paired.

Before the body is extracted, every picture of the page that could belong to
the article (with its caption and credit) is taken out of the tree and a
marker paragraph is left in its place. The body extractor keeps or drops
markers along with the text around them, so a picture survives exactly when
its place in the article does, and lands between the right paragraphs.
Captions leave the tree with their picture, so they never leak into the body.

Recognised shapes: ``figure``/``figcaption``; ``picture`` and ``srcset``;
lazy images (``data-src``, ``data-original``, ``data-lazy-src``, and a
``noscript`` copy), ignoring placeholder ``data:`` GIFs; the Vietnamese CMS
patterns (an image row and a caption row in a table, ``p.Image``,
``.PhotoCMS_Caption``, ``figure.tplCaption``); WordPress ``div.wp-caption``
and the raw ``[caption]...[/caption]`` shortcode. Tracking pixels, hidden
images and icons are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count
from urllib.parse import urlsplit

import lxml.html
from lxml.html import HtmlElement

from capture.dom import (
    absolute_url,
    class_tokens,
    has_class,
    iter_elements,
    remove_keeping_tail,
    replace_with,
    text_of,
)
from capture.image_data import ICON_MAX_SIDE, TRACKING_PIXEL_MAX_SIDE
from core.text import collapse_whitespace, nfc

MARKER_PREFIX = "READSHELFFIGURE"
MARKER_PATTERN = re.compile(rf"{MARKER_PREFIX}(\d+)X")

# Lazy-loading scripts keep the real address in one of these, in this order.
LAZY_SRC_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-url", "data-lazy")
LAZY_SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset")
# A srcset candidate this wide is plenty for a reading column on any screen;
# wider ones only cost storage.
PREFERRED_WIDTH = 1280

# Words in a class/id or in an address that mark a picture as decoration.
DECORATION_TOKENS = frozenset(
    {"icon", "icons", "logo", "avatar", "emoji", "sprite", "pixel", "tracking", "spacer",
     "badge", "gravatar"}
)  # fmt: skip
DECORATION_URL = re.compile(
    r"(?:^|/)(?:pixel|beacon|spacer|tracking|tracker|1x1|blank|transparent|clear)"
    r"(?:\.(?:gif|png)|/|\?|$)|/ads?/|doubleclick|facebook\.com/tr|/emoji/|/icons?/",
    re.IGNORECASE,
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

CAPTION_TOKENS = frozenset(
    {"caption", "figcaption", "photocms", "image", "desc", "description", "legend", "chuthich"}
)
CREDIT_TOKENS = frozenset(
    {"credit", "credits", "copyright", "photographer", "source", "attribution", "author"}
)
CREDIT_LABEL = (
    r"(?:ảnh(?:\s+minh\s+họa)?|photo(?:graph|graphy|s)?|foto(?:s|grafie|grafía|grafia)?|bild"
    r"|credit(?:s)?|nguồn|image|picture|pictures)"
)
# A credit at the end of a caption: "... Ảnh: Giang Huy", "... (Photo: AP)",
# "... Photograph: Jane Doe/Reuters". The credit keeps the page's label
# ("Ảnh: Giang Huy"): it says what the name did.
TRAILING_CREDIT = re.compile(
    rf"(?:^|(?<=[\s.,;:!?\-–—(\[|/]))[(\[]?\s*(?P<label>{CREDIT_LABEL})\s*:\s*"
    r"(?P<name>[^()\[\]]*?[^\s()\[\].])\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
LEADING_CREDIT_LABEL = re.compile(rf"^\s*(?P<label>{CREDIT_LABEL})\s*:\s*", re.IGNORECASE)
CAPTION_TRIM = " \t\n-–—|(/"
# "./Page_files/photo.jpg": a browser's "save page, complete" folder.
SAVED_FOLDER_REFERENCE = re.compile(r"^(?:\./)?[^/?#:]+_files/")
# Where a picture outside any caption shape keeps its caption.
CAPTION_ATTRIBUTES = ("data-caption", "data-title", "title")
MAX_CAPTION_CHARS = 600
# Blocks whose running text may hold a picture mid-sentence.
INLINE_PICTURE_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class FoundImage:
    """A picture of the page: where it is, what it says, and its marker.

    ``raw`` is the address as the page wrote it (a saved page's local file,
    an MHTML part); ``url`` is the same resolved against the page's base.
    """

    url: str
    raw: str
    alt: str
    caption: str
    credit: str
    marker: str
    alternates: list[str] = field(default_factory=list)
    """Every address the page gives for the picture, best first (``raw``
    included): a saved page keeps its local copy in ``src`` while a lazy
    attribute still names the web address."""


class _Collector:
    """Numbers markers and keeps the pictures found, in page order."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.found: list[FoundImage] = []
        self._numbers = count()

    def add(self, picture: HtmlElement, raw: str, caption: str, credit: str) -> HtmlElement:
        """Record one picture and return the marker paragraph to put in its place."""
        marker = f"{MARKER_PREFIX}{next(self._numbers):04d}X"
        # A saved page's own folder is not on the site: never resolve it there.
        url = raw if SAVED_FOLDER_REFERENCE.match(raw) else absolute_url(raw, self.base_url) or raw
        alt = collapse_whitespace(nfc(_img_of(picture).get("alt") or ""))
        alternates = _pick_sources(picture)
        self.found.append(FoundImage(url, raw, alt, caption, credit, marker, alternates))
        paragraph: HtmlElement = lxml.html.Element("p")
        paragraph.text = marker
        return paragraph


def take_figures(root: HtmlElement, base_url: str | None) -> list[FoundImage]:
    """Find the page's pictures, replace each with a marker, return them in order."""
    collector = _Collector(base_url)
    _take_shortcodes(root, collector)
    for find in (_wp_captions, _figures, _photocms_boxes, _caption_tables, _image_paragraphs):
        for container, image, caption in find(root):
            _replace(container, image, caption, collector)
    _take_standalone_images(root, collector)
    ordered = {found.marker: found for found in collector.found}
    return [ordered[marker] for marker in _markers_in_order(root) if marker in ordered]


def split_credit(text: str) -> tuple[str, str]:
    """Split a caption into (caption, credit) at a trailing "Ảnh:"/"Photo:"
    label; the credit keeps its label ("Ảnh: Giang Huy")."""
    text = collapse_whitespace(nfc(text))
    match = TRAILING_CREDIT.search(text)
    if match is None:
        return text, ""
    caption = text[: match.start()].rstrip(CAPTION_TRIM).strip()
    return caption, f"{match.group('label')}: {match.group('name').strip()}"


def credit_text(text: str) -> str:
    """A credit element's text, its label written "Label: name" ("Photo : AP"
    becomes "Photo: AP")."""
    text = collapse_whitespace(nfc(text))
    match = LEADING_CREDIT_LABEL.match(text)
    if match is None:
        return text.strip()
    return f"{match.group('label')}: {text[match.end() :].strip()}"


def markers_in(text: str) -> list[str]:
    """Every figure marker in ``text``, in order."""
    return [match.group(0) for match in MARKER_PATTERN.finditer(text)]


# --------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------

Found = tuple[HtmlElement, HtmlElement, HtmlElement | None]
"""(the element the figure occupies, its picture element, its caption element)."""


def _wp_captions(root: HtmlElement) -> list[Found]:
    """WordPress ``div.wp-caption`` with ``.wp-caption-text``."""
    found = []
    for box in root.xpath(".//div[contains(@class, 'wp-caption')]"):
        if has_class(box, "wp-caption"):
            image = _first_picture(box)
            if image is not None:
                caption = _first_with_class(box, "wp-caption-text")
                found.append((box, image, caption))
    return found


def _figures(root: HtmlElement) -> list[Found]:
    """``figure`` elements with a ``figcaption`` or a CMS caption inside."""
    found = []
    for figure in iter_elements(root, "figure"):
        image = _first_picture(figure)
        if image is None:
            continue
        caption = next(iter_elements(figure, "figcaption"), None)
        if caption is None:
            caption = _caption_inside(figure, image)
        found.append((figure, image, caption))
    return found


def _photocms_boxes(root: HtmlElement) -> list[Found]:
    """Vietnamese CMS boxes: a picture and a ``.PhotoCMS_Caption`` sibling."""
    found = []
    for caption in root.xpath(".//*[contains(@class, 'PhotoCMS_Caption')]"):
        if not has_class(caption, "PhotoCMS_Caption"):
            continue
        box = caption.getparent()
        while box is not None and _first_picture(box) is None:
            box = box.getparent()
        if box is not None:
            image = _first_picture(box)
            if image is not None:
                found.append((box, image, caption))
    return found


def _caption_tables(root: HtmlElement) -> list[Found]:
    """A small table with an image row and a caption row (Vietnamese CMSs)."""
    found = []
    for table in iter_elements(root, "table"):
        rows = list(iter_elements(table, "tr"))
        if not 1 <= len(rows) <= 3 or any(True for _ in table.iterdescendants("table")):
            continue
        image = _first_picture(table)
        if image is None:
            continue
        captions = [row for row in rows if _first_picture(row) is None and text_of(row)]
        if len(captions) > 1 or (not captions and not has_class(table, "tplCaption", "picture")):
            continue
        caption = captions[0] if captions else None
        if caption is not None:
            marked = _first_with_class(caption, "Image")
            caption = marked if marked is not None else caption
        found.append((table, image, caption))
    return found


def _image_paragraphs(root: HtmlElement) -> list[Found]:
    """A paragraph holding only a picture, followed by ``p.Image`` (its caption)."""
    found = []
    for caption in iter_elements(root, "p"):
        if not has_class(caption, "Image"):
            continue
        before = caption.getprevious()
        if before is not None and not text_of(before):
            image = _first_picture(before)
            if image is not None:
                found.append((before, image, caption))
    return found


def _take_shortcodes(root: HtmlElement, collector: _Collector) -> None:
    """Unrendered ``[caption]<img> text[/caption]`` shortcodes, as left by a bad export.

    Only the shortcode itself is replaced: the text before ``[caption ...]``
    and after ``[/caption]`` stays where it is, so a shortcode written
    straight into the article's container never takes the article with it.
    """
    for image in list(iter_elements(root, "img")):
        outer = _lone_holder(image) if image.getparent() is not None else image
        tail = outer.tail or ""
        end = tail.find("[/caption]")
        if outer.getparent() is None or end < 0:
            continue
        previous = outer.getprevious()
        before = (previous.tail if previous is not None else outer.getparent().text) or ""
        start = before.lower().rfind("[caption")
        if start < 0 or "]" not in before[start:]:
            continue
        caption, credit = split_credit(tail[:end])
        if previous is not None:
            previous.tail = before[:start]
        else:
            outer.getparent().text = before[:start]
        outer.tail = tail[end + len("[/caption]") :]
        picked = _pick_source(image)
        if picked is None or _is_decoration(image, picked):
            remove_keeping_tail(outer)
            continue
        replace_with(outer, collector.add(image, picked, caption, credit))


# --------------------------------------------------------------------------
# Replacing a shape with its marker
# --------------------------------------------------------------------------


def _replace(
    container: HtmlElement,
    image: HtmlElement,
    caption: HtmlElement | None,
    collector: _Collector,
) -> None:
    """Swap ``container`` for a marker, or drop it when its picture is decoration."""
    if container.getparent() is None or not _still_in_tree(image, container):
        return
    picked = _pick_source(image)
    if picked is None or _is_decoration(image, picked):
        if caption is None:
            remove_keeping_tail(container)
        return
    text, credit = _caption_and_credit(caption)
    replace_with(container, collector.add(image, picked, text, credit))


def _still_in_tree(image: HtmlElement, container: HtmlElement) -> bool:
    """Whether ``image`` is still below ``container`` (not taken by an earlier shape)."""
    return any(ancestor is container for ancestor in image.iterancestors()) or image is container


def _caption_and_credit(caption: HtmlElement | None) -> tuple[str, str]:
    """Caption text and credit, from credit elements or a trailing label."""
    if caption is None:
        return "", ""
    copy = lxml.html.fromstring(lxml.html.tostring(caption, encoding="unicode"))
    credits = []
    for element in list(iter_elements(copy)):
        if element is copy or element.getparent() is None:
            continue
        if _is_screen_reader_only(element):
            remove_keeping_tail(element)  # "Image caption, " for screen readers
            continue
        if class_tokens(element) & CREDIT_TOKENS:
            credits.append(credit_text(text_of(element)))
            remove_keeping_tail(element)
    text, trailing = split_credit(text_of(copy))
    credit = " ".join(part for part in credits if part) or trailing
    if not text and not credit:
        return "", ""
    if not text and LEADING_CREDIT_LABEL.match(text_of(caption)):
        return "", credit_text(text_of(caption))
    return text, credit


def _is_screen_reader_only(element: HtmlElement) -> bool:
    """Text hidden from sight and meant for screen readers only."""
    tokens = class_tokens(element)
    return "hidden" in tokens or {"sr", "only"} <= tokens or {"screen", "reader"} <= tokens


def _take_standalone_images(root: HtmlElement, collector: _Collector) -> None:
    """Pictures outside any caption shape: kept uncaptioned, decoration dropped."""
    for element in list(iter_elements(root, "picture", "img")):
        if element.getparent() is None or (element.tag == "img" and _in_picture(element)):
            continue
        picked = _pick_source(element)
        if picked is None or _is_decoration(element, picked):
            remove_keeping_tail(element)
            continue
        holder = _lone_holder(element)
        caption, credit = _caption_around(element, holder)
        marker = collector.add(element, picked, caption, credit)
        block = _running_text_block(holder)
        if block is None:
            replace_with(holder, marker)
        else:
            # A picture inside a sentence: the sentence stays whole and the
            # picture follows its paragraph.
            remove_keeping_tail(holder)
            block.addnext(marker)
            marker.tail, block.tail = block.tail, None


def _caption_around(image: HtmlElement, holder: HtmlElement) -> tuple[str, str]:
    """The caption of a picture outside any known caption shape: a caption
    element right after it (a gallery's ``span.gallery-caption``, a
    ``div.photo-caption`` beside it in their box), else its ``data-caption``
    or ``title``. A caption element found is taken out of the page, so its
    text does not stay in the body as well."""
    following = holder.getnext()
    if (
        following is not None
        and isinstance(following.tag, str)
        and class_tokens(following) & CAPTION_TOKENS
        and _first_picture(following) is None
        and 0 < len(text_of(following)) <= MAX_CAPTION_CHARS
    ):
        found = _caption_and_credit(following)
        remove_keeping_tail(following)
        return found
    img = _img_of(image)
    for attribute in CAPTION_ATTRIBUTES:
        value = collapse_whitespace(nfc(img.get(attribute) or holder.get(attribute) or ""))
        if value and len(value) <= MAX_CAPTION_CHARS:
            return split_credit(value)
    return "", ""


def _running_text_block(holder: HtmlElement) -> HtmlElement | None:
    """The paragraph (or list item, heading, cell) whose text runs around
    ``holder``, or None when the picture stands alone."""
    block = holder.getparent()
    while block is not None and block.tag in ("a", "span", "em", "strong", "b", "i", "u"):
        block = block.getparent()
    if block is None or block.tag not in INLINE_PICTURE_BLOCKS or block.getparent() is None:
        return None
    return block if text_of(block) else None


def _lone_holder(element: HtmlElement) -> HtmlElement:
    """The outermost link/paragraph/div wrapping only this picture."""
    holder = element
    parent = holder.getparent()
    while (
        parent is not None
        and parent.tag in ("a", "p", "div", "span", "center")
        and not text_of(parent)
        and len(parent) == 1
    ):
        holder = parent
        parent = holder.getparent()
    return holder


def _markers_in_order(root: HtmlElement) -> list[str]:
    """The markers left in the tree, in document order."""
    return markers_in(" ".join(root.itertext()))


# --------------------------------------------------------------------------
# Picking the address of a picture
# --------------------------------------------------------------------------


def _first_picture(element: HtmlElement) -> HtmlElement | None:
    """The first ``picture`` or ``img`` below ``element`` (itself included)."""
    if element.tag in ("picture", "img"):
        return element
    for found in iter_elements(element, "picture", "img"):
        return found
    for noscript in iter_elements(element, "noscript"):
        inner = _noscript_image(noscript)
        if inner is not None:
            return inner
    return None


def _noscript_image(noscript: HtmlElement) -> HtmlElement | None:
    """The ``img`` a lazy-loading page keeps inside ``noscript`` for old browsers."""
    markup = noscript.text or ""
    if "<img" not in markup:
        return None
    try:
        parsed = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return None
    image = next(iter_elements(parsed, "img"), None)
    if image is not None:
        noscript.append(image)  # keep it in the tree so ancestry checks hold
    return image


def _img_of(element: HtmlElement) -> HtmlElement:
    """The ``img`` of a ``picture`` (for its alt text), or the element itself."""
    if element.tag == "img":
        return element
    return next(iter_elements(element, "img"), element)


def _in_picture(image: HtmlElement) -> bool:
    """Whether an ``img`` is the fallback of a ``picture`` element."""
    parent = image.getparent()
    return parent is not None and parent.tag == "picture"


def _pick_source(element: HtmlElement) -> str | None:
    """The best address for a picture: lazy attributes, srcset, then src."""
    sources = _pick_sources(element)
    return sources[0] if sources else None


def _pick_sources(element: HtmlElement) -> list[str]:
    """Every real address of a picture, best first, without repeats."""
    image = _img_of(element)
    candidates: list[str | None] = [image.get(name) for name in LAZY_SRC_ATTRIBUTES]
    srcsets = [image.get(name) for name in (*LAZY_SRCSET_ATTRIBUTES, "srcset")]
    if element.tag == "picture":
        # The source without a media query is the one every screen may use.
        sources = sorted(iter_elements(element, "source"), key=lambda s: s.get("media") is not None)
        for source in sources:
            if (source.get("type") or "image/").startswith("image/"):
                srcsets.extend(source.get(name) for name in (*LAZY_SRCSET_ATTRIBUTES, "srcset"))
    for srcset in srcsets:
        candidates.append(pick_from_srcset(srcset) if srcset else None)
    candidates.append(image.get("src"))
    found: list[str] = []
    for candidate in candidates:
        if candidate and _is_real_address(candidate.strip()) and candidate.strip() not in found:
            found.append(candidate.strip())
    return found


def pick_from_srcset(srcset: str) -> str | None:
    """The candidate of a ``srcset`` closest to a reading column's width.

    The widest one no wider than ``PREFERRED_WIDTH`` (or the narrowest when
    all are wider); for density descriptors, the largest up to 2x.
    """
    widths: list[tuple[float, str]] = []
    densities: list[tuple[float, str]] = []
    for entry in _srcset_entries(srcset):
        parts = entry.split()
        if not parts or not _is_real_address(parts[0]):
            continue
        descriptor = parts[1].lower() if len(parts) > 1 else "1x"
        try:
            value = float(descriptor[:-1])
        except ValueError:
            continue
        (widths if descriptor.endswith("w") else densities).append((value, parts[0]))
    if widths:
        fitting = [item for item in widths if item[0] <= PREFERRED_WIDTH]
        return max(fitting)[1] if fitting else min(widths)[1]
    if densities:
        fitting = [item for item in densities if item[0] <= 2]
        return max(fitting)[1] if fitting else min(densities)[1]
    return None


def _srcset_entries(srcset: str) -> list[str]:
    """Split a srcset on the commas between candidates, not those inside URLs."""
    return [entry.strip() for entry in re.split(r",\s+|,(?=\s*(?:https?:|/|\.))", srcset)]


def _is_real_address(value: str) -> bool:
    """Whether an image address is worth keeping (not a data: placeholder)."""
    if not value or value.startswith(("data:", "about:", "javascript:", "#")):
        return False
    return not value.lower().startswith("blob:")


def _is_decoration(element: HtmlElement, address: str) -> bool:
    """Tracking pixels, hidden images, icons and logos."""
    image = _img_of(element)
    for candidate in (image, element):
        if candidate.get("hidden") is not None or HIDDEN_STYLE.search(candidate.get("style") or ""):
            return True
        if class_tokens(candidate) & DECORATION_TOKENS:
            return True
    width, height = _declared_size(image)
    sides = [side for side in (width, height) if side is not None]
    if sides and max(sides) <= TRACKING_PIXEL_MAX_SIDE:
        return True
    if sides and min(sides) <= ICON_MAX_SIDE:
        return True
    path = urlsplit(address).path.lower()
    return bool(DECORATION_URL.search(address)) or path.endswith((".svg", ".ico"))


def _declared_size(image: HtmlElement) -> tuple[int | None, int | None]:
    """The ``width`` and ``height`` attributes, when they are plain numbers."""
    sizes: list[int | None] = []
    for name in ("width", "height"):
        value = (image.get(name) or "").strip().removesuffix("px")
        sizes.append(int(value) if value.isdigit() else None)
    return sizes[0], sizes[1]


def _caption_inside(container: HtmlElement, image: HtmlElement) -> HtmlElement | None:
    """A caption-looking element inside a figure that has no ``figcaption``."""
    for element in iter_elements(container):
        if element is image or element is container or _first_picture(element) is not None:
            continue
        if has_class(element, "Image", "PhotoCMS_Caption") or (
            class_tokens(element) & CAPTION_TOKENS and text_of(element)
        ):
            return element
    return None


def _first_with_class(element: HtmlElement, name: str) -> HtmlElement | None:
    """The first element below ``element`` with class ``name``."""
    for found in iter_elements(element):
        if has_class(found, name):
            return found
    return None
