"""OPML subscription lists: reading them (import) and writing them (export).

An outline with an ``xmlUrl`` is a feed; an outline without one that holds
other outlines is a folder. Nested folders are kept as the feed's folder
path, and the innermost folder's name becomes the feed's tag, so an export
writes the same nesting back.

The file is parsed by lxml with entities left unresolved, no DTD loading
and no network, after the same entity-declaration check as feeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from capture.feed_charset import decode_feed
from capture.feed_model import FeedFormatError, clean_text
from capture.feeds import refuse_entity_declarations
from core.errors import CaptureError

OPML_VERSION = "2.0"
EXPORT_TITLE = "Readshelf feeds"


@dataclass(frozen=True)
class OpmlFeed:
    """One feed listed in an OPML file."""

    url: str
    title: str | None = None
    site_url: str | None = None
    folder: tuple[str, ...] = ()
    """Outline titles from the outermost folder in."""

    @property
    def tag(self) -> str | None:
        """The innermost folder's name: the tag the feed's articles get."""
        return self.folder[-1] if self.folder else None


@dataclass
class _Folder:
    """A folder of the export tree: its feeds, then its subfolders by name."""

    feeds: list[OpmlFeed] = field(default_factory=list)
    folders: dict[str, _Folder] = field(default_factory=dict)


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds of an OPML document, in document order, each address once.

    Raises ``CaptureError`` for a document that is not OPML.
    """
    try:
        text = decode_feed(data).text
    except FeedFormatError as error:
        raise CaptureError(f"not an OPML file: {error}") from None
    refuse_entity_declarations(text)
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        root = etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise CaptureError(f"not an OPML file: invalid XML: {error}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise CaptureError("not an OPML file: its root element is not <opml>")
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise CaptureError("not an OPML file: it has no <body>")
    feeds: dict[str, OpmlFeed] = {}
    for feed in _walk(body, ()):
        feeds.setdefault(feed.url, feed)
    return list(feeds.values())


def _walk(element: etree._Element, folder: tuple[str, ...]) -> Iterable[OpmlFeed]:
    """The feeds under ``element``, depth first, with their folder paths."""
    for outline in element:
        if _local(outline) != "outline":
            continue
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        name = clean_text(outline.get("title")) or clean_text(outline.get("text"))
        if url.lower().startswith(("http://", "https://")):
            yield OpmlFeed(
                url=url,
                title=name,
                site_url=(outline.get("htmlUrl") or "").strip() or None,
                folder=folder,
            )
        elif len(outline):
            yield from _walk(outline, (*folder, name) if name else folder)


def _local(element: etree._Element) -> str:
    """An element's tag without namespace, lower case ("" for comments)."""
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def write_opml(feeds: Sequence[OpmlFeed], title: str = EXPORT_TITLE) -> bytes:
    """An OPML 2.0 document listing ``feeds``, nested by their folders."""
    root = etree.Element("opml", version=OPML_VERSION)
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    tree = _Folder()
    for feed in feeds:
        node = tree
        for name in feed.folder:
            node = node.folders.setdefault(name, _Folder())
        node.feeds.append(feed)
    _write_folder(body, tree)
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document


def _write_folder(parent: etree._Element, folder: _Folder) -> None:
    """Write a folder's feeds, then its subfolders as nested outlines."""
    for feed in folder.feeds:
        name = feed.title or feed.url
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        etree.SubElement(parent, "outline", attributes)
    for name, child in folder.folders.items():
        outline = etree.SubElement(parent, "outline", text=name, title=name)
        _write_folder(outline, child)
