"""What a drop or a paste holds that can be saved: links, files, an HTML selection.

Browsers and file managers offer the same thing under several MIME types at
once; ``read_mime`` picks the most precise one and never returns the same
link twice. It is pure parsing: saving is ``ui.saver``'s job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QMimeData, QUrl

ARTICLE_IDS_MIME = "application/x-readshelf-article-ids"
"""Articles dragged out of our own list (onto a tag)."""

URI_LIST = "text/uri-list"
MOZ_URL = "text/x-moz-url"  # UTF-16: "url\ntitle\n" pairs
NETSCAPE_URL = "_NETSCAPE_URL"  # "url\ntitle"
MOZ_URL_PRIV = "text/x-moz-url-priv"  # Firefox: the page a selection came from
CHROMIUM_SOURCE_URL = "chromium/x-source-url"  # Chromium: the same
HTML = "text/html"

SAVABLE_SUFFIXES = frozenset({".html", ".htm", ".mhtml", ".mht", ".txt", ".md", ".markdown"})
SUBSCRIPTION_LIST_SUFFIX = ".opml"
EXPORT_SUFFIXES = frozenset({".zip", ".csv"})
"""Other readers' exports (Pocket, Instapaper, Omnivore, Readwise Reader)."""
BOOKMARKS_SIGNATURE = b"NETSCAPE-Bookmark-file-1"
"""How every browser's exported bookmarks file begins (give or take a BOM)."""
FEED_FILE_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".json"})
"""A feed *file* has no address to check again, so it is neither saved nor
subscribed to: the refusal says to subscribe by its web address."""

_WEB_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_BARE_ADDRESS = re.compile(r"^(www\.|[\w-]+(\.[\w-]+)*\.[a-z]{2,}/)\S*$", re.IGNORECASE)
"""An address typed without its scheme: ``www.…``, or a host and a path
(``vnexpress.net/thoi-su/…``). A bare ``name.tld`` is not one: it is as
likely a file's name (``notes.md``)."""
# Addresses that are probably feeds: …/feed, …/feeds/…, …/rss, ….rss/.atom/.xml,
# and WordPress's ?feed=rss2.
_FEED_PATH = re.compile(r"(/(feeds?|rss)(/|\.|$))|\.(rss|atom|xml)$", re.IGNORECASE)
_FEED_QUERY = re.compile(r"(^|&)feed=", re.IGNORECASE)
# Windows' clipboard HTML format carries its source page in a header.
_CF_HTML_SOURCE = re.compile(r"^SourceURL:(\S+)", re.MULTILINE)

ItemKind = Literal["url", "file", "html"]


@dataclass(frozen=True)
class DropItem:
    """One thing to save."""

    kind: ItemKind
    value: str
    """The URL, the file path, or the HTML."""
    source_url: str | None = None
    """For an HTML selection: the page it was taken from, when known."""
    title: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "file":
            return Path(self.value).name
        if self.kind == "html":
            if self.source_url:
                return QCoreApplication.translate("Drops", "selection from {address}").format(
                    address=self.source_url
                )
            return QCoreApplication.translate("Drops", "HTML selection")
        return self.title or self.value


@dataclass
class DropContent:
    """Everything savable in one drop, and what was left out and why."""

    items: list[DropItem] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """One line per dropped thing that cannot be saved."""
    article_ids: list[int] = field(default_factory=list)
    """Our own articles, dragged from the list."""
    opml_files: list[str] = field(default_factory=list)
    """Subscription lists (OPML files) to import feeds from."""
    export_files: list[str] = field(default_factory=list)
    """Other readers' exports and bookmark files to import articles from."""

    def __bool__(self) -> bool:
        return bool(
            self.items or self.refused or self.article_ids or self.opml_files or self.export_files
        )

    def summary(self) -> str:
        """``2 links and 1 file``: what the drop will save."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        parts = [_counted(kind, count) for kind, count in counts.items()]
        if self.opml_files:
            parts.append(_counted("opml", len(self.opml_files)))
        if self.export_files:
            parts.append(_counted("export", len(self.export_files)))
        if not parts:
            return QCoreApplication.translate("Drops", "nothing to save")
        if len(parts) == 1:
            return parts[0]
        return QCoreApplication.translate("Drops", "{items} and {last}").format(
            items=", ".join(parts[:-1]), last=parts[-1]
        )


def _counted(kind: str, count: int) -> str:
    """``1 link``, ``2 files``... for a drop's summary."""
    if kind == "url":
        return QCoreApplication.translate("Drops", "%n link(s)", "", count)
    if kind == "file":
        return QCoreApplication.translate("Drops", "%n file(s)", "", count)
    if kind == "html":
        return QCoreApplication.translate("Drops", "%n selection(s)", "", count)
    if kind == "export":
        return QCoreApplication.translate("Drops", "%n export(s) to import", "", count)
    return QCoreApplication.translate("Drops", "%n feed list(s)", "", count)


def is_web_url(text: str) -> bool:
    return bool(_WEB_URL.match(text.strip()))


def web_address(text: str) -> str | None:
    """The http(s) address ``text`` gives: as it is, or with ``https://``
    before one typed without a scheme; None when it is not an address."""
    stripped = text.strip()
    if is_web_url(stripped):
        return stripped
    if _BARE_ADDRESS.match(stripped):
        return f"https://{stripped}"
    return None


def looks_like_feed_url(url: str) -> bool:
    """Whether a web address is probably a feed rather than a page (a guess:
    it decides only whether to offer subscribing, never what a drop does)."""
    if not is_web_url(url):
        return False
    parsed = QUrl(url.strip())
    return bool(_FEED_PATH.search(parsed.path()) or _FEED_QUERY.search(parsed.query()))


def _decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace").replace("\x00", "")


def _moz_urls(data: bytes) -> list[tuple[str, str | None]]:
    """``text/x-moz-url``: UTF-16 lines alternating URL and title."""
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
    lines = _decode(data, encoding).splitlines()
    pairs: list[tuple[str, str | None]] = []
    for index in range(0, len(lines), 2):
        url = lines[index].strip()
        if url:
            title = lines[index + 1].strip() if index + 1 < len(lines) else None
            pairs.append((url, title or None))
    return pairs


def _netscape_url(data: bytes) -> list[tuple[str, str | None]]:
    lines = _decode(data, "utf-8").splitlines()
    if not lines or not lines[0].strip():
        return []
    title = lines[1].strip() if len(lines) > 1 else None
    return [(lines[0].strip(), title or None)]


def is_export_file(path: Path) -> bool:
    """Whether ``path`` looks like another reader's export or a bookmarks
    file (the importer checks it properly and says why when it is not)."""
    suffix = path.suffix.lower()
    if suffix in EXPORT_SUFFIXES:
        return path.is_file()
    if suffix not in (".html", ".htm") or not path.is_file():
        return False
    try:
        with path.open("rb") as file:
            head = file.read(512)
    except OSError:
        return False
    return BOOKMARKS_SIGNATURE in head


def _file_item(path: Path) -> tuple[DropItem | None, str | None]:
    if path.is_dir():
        return None, QCoreApplication.translate(
            "Drops", "{name}: folders cannot be saved; drop the files inside"
        ).format(name=path.name)
    suffix = path.suffix.lower()
    if suffix in FEED_FILE_SUFFIXES:
        return None, QCoreApplication.translate(
            "Drops",
            "{name}: cannot save files of type {suffix}"
            " (to follow a feed, subscribe to its web address)",
        ).format(name=path.name, suffix=suffix)
    if suffix not in SAVABLE_SUFFIXES:
        if not suffix:
            return None, QCoreApplication.translate(
                "Drops", "{name}: cannot save files without an extension"
            ).format(name=path.name)
        return None, QCoreApplication.translate(
            "Drops", "{name}: cannot save files of type {suffix}"
        ).format(name=path.name, suffix=suffix)
    return DropItem("file", str(path)), None


def _link_items(links: list[tuple[str, str | None]], content: DropContent) -> None:
    seen = {item.value for item in content.items}
    for text, title in links:
        url = QUrl(text)
        if url.isLocalFile() and url.toLocalFile().lower().endswith(SUBSCRIPTION_LIST_SUFFIX):
            if url.toLocalFile() not in content.opml_files:
                content.opml_files.append(url.toLocalFile())
            continue
        if url.isLocalFile() and is_export_file(Path(url.toLocalFile())):
            if url.toLocalFile() not in content.export_files:
                content.export_files.append(url.toLocalFile())
            continue
        if url.isLocalFile():
            item, refusal = _file_item(Path(url.toLocalFile()))
            if refusal is not None:
                content.refused.append(refusal)
        elif is_web_url(text):
            item = DropItem("url", text.strip(), title=title)
        else:
            content.refused.append(
                QCoreApplication.translate("Drops", "{text}: not a web address or a file").format(
                    text=text[:80]
                )
            )
            continue
        if item is not None and item.value not in seen:
            seen.add(item.value)
            content.items.append(item)


def _source_of_selection(mime: QMimeData, html: str) -> str | None:
    for name, encoding in ((MOZ_URL_PRIV, "utf-16-le"), (CHROMIUM_SOURCE_URL, "utf-8")):
        if mime.hasFormat(name):
            raw = bytes(mime.data(name).data())
            if name == MOZ_URL_PRIV and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
                encoding = "utf-16"
            text = _decode(raw, encoding).strip().splitlines()
            if text and is_web_url(text[0]):
                return text[0].strip()
    match = _CF_HTML_SOURCE.search(html[:2000])
    if match and is_web_url(match.group(1)):
        return match.group(1)
    return None


def _is_just_a_link(html: str) -> bool:
    """Whether HTML is only the ``<a>`` a browser adds when a link is dragged."""
    stripped = re.sub(r"<meta[^>]*>", "", html, flags=re.IGNORECASE).strip()
    return bool(re.fullmatch(r"<a\s[^>]*>.*?</a>", stripped, flags=re.IGNORECASE | re.DOTALL))


def read_article_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(ARTICLE_IDS_MIME):
        return []
    try:
        values = json.loads(bytes(mime.data(ARTICLE_IDS_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    return [int(value) for value in values if isinstance(value, int)]


def write_article_ids(mime: QMimeData, ids: list[int]) -> None:
    mime.setData(ARTICLE_IDS_MIME, json.dumps(ids).encode("utf-8"))


def read_mime(mime: QMimeData) -> DropContent:
    """Everything savable in a drop or the clipboard, most precise form first.

    Links (``text/uri-list``, ``text/x-moz-url``, ``_NETSCAPE_URL``) and files
    win over ``text/html``: a dragged link also carries an ``<a>`` as HTML.
    An HTML selection counts only when no link came with it. Plain text
    counts when every line of it is a web address.
    """
    content = DropContent()
    content.article_ids = read_article_ids(mime)
    if content.article_ids:
        return content
    if mime.hasFormat(URI_LIST):
        _link_items([(url.toString(), None) for url in mime.urls() if not url.isEmpty()], content)
    if not content.items and mime.hasFormat(MOZ_URL):
        _link_items(_moz_urls(bytes(mime.data(MOZ_URL).data())), content)
    if not content.items and mime.hasFormat(NETSCAPE_URL):
        _link_items(_netscape_url(bytes(mime.data(NETSCAPE_URL).data())), content)
    if content.items or content.refused or content.opml_files or content.export_files:
        return content
    if mime.hasHtml():
        html = mime.html()
        if html.strip() and not _is_just_a_link(html):
            content.items.append(
                DropItem("html", html, source_url=_source_of_selection(mime, html))
            )
            return content
    if mime.hasText():
        lines = [line.strip() for line in mime.text().splitlines() if line.strip()]
        if (lines and all(is_web_url(line) for line in lines)) or (
            lines and all(line.startswith("file://") for line in lines)
        ):
            _link_items([(line, None) for line in lines], content)
    return content
