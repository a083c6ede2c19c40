"""Browser bookmarks in the Netscape bookmark format Firefox, Chrome, Edge
and Safari export::

    <!DOCTYPE NETSCAPE-Bookmark-file-1>
    <DL><p>
      <DT><H3 ADD_DATE="…" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
      <DL><p>
        <DT><A HREF="https://…" ADD_DATE="1700000000" TAGS="a,b">Title</A>
        <DD>A description
      </DL><p>
    </DL>

Each link keeps its ``ADD_DATE`` (Unix seconds) as its saved date, its
``TAGS`` and the folders it sits in as tags, except the browsers' own top
folders (the toolbar, the menu, "Other bookmarks"). Read as a stream of tags,
so the unclosed ``<DT>`` and ``<p>`` of real files do not matter.
"""

from __future__ import annotations

from html.parser import HTMLParser

from capture.importers.common import clean_tags, clean_title, decode_text, from_epoch, web_address
from core.imported import ImportedArticle, ImportedFile, ImportFileError

DOCTYPE = "NETSCAPE-Bookmark-file-1"
# Folders every browser makes: where a bookmark is, not what it is about.
BROWSER_FOLDERS = frozenset(
    {
        "bookmarks bar", "bookmarks toolbar", "bookmarks menu", "other bookmarks",
        "mobile bookmarks", "favorites bar", "favourites bar", "other favorites", "favorites",
        "bookmarks", "imported", "reading list", "menu", "toolbar", "unfiled bookmarks",
    }
)  # fmt: skip
_ROOT_ATTRIBUTES = ("personal_toolbar_folder", "unfiled_bookmarks_folder")


class _Bookmarks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.path: list[str | None] = []
        """The folder of each open ``<DL>``; None for one that is no tag."""
        self.folder: str | None = None
        """The ``<H3>`` just read: the folder of the next ``<DL>``."""
        self.heading: list[str] | None = None
        self.heading_is_root = False
        self.link: dict[str, str | None] | None = None
        self.text: list[str] = []
        self.found = ImportedFile("bookmarks")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self.heading = []
            self.heading_is_root = any(name in _ROOT_ATTRIBUTES for name, _ in attrs)
        elif tag == "dl":
            self.path.append(self.folder)
            self.folder = None
        elif tag == "a":
            self.link, self.text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self.heading is not None:
            name = clean_title("".join(self.heading))
            root = self.heading_is_root or name.lower() in BROWSER_FOLDERS
            self.folder = None if root or not name else name
            self.heading = None
        elif tag == "dl" and self.path:
            self.path.pop()
        elif tag == "a" and self.link is not None:
            self._add(self.link, "".join(self.text))
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        elif self.link is not None:
            self.text.append(data)

    def _add(self, link: dict[str, str | None], text: str) -> None:
        url = web_address(link.get("href"))
        if url is None:
            self.found.skipped += 1
            return
        folders = [name for name in self.path if name]
        tags = (link.get("tags") or "").split(",")
        self.found.articles.append(
            ImportedArticle(
                url=url,
                title=clean_title(text),
                saved=from_epoch(link.get("add_date")),
                tags=clean_tags([*folders, *tags]),
            )
        )


def looks_like_bookmarks(text: str) -> bool:
    return DOCTYPE.lower() in text[:1024].lower()


def parse(data: bytes, name: str) -> ImportedFile:
    text = decode_text(data, name)
    if not looks_like_bookmarks(text):
        raise ImportFileError(f"{name} is not a bookmarks file (no {DOCTYPE} line)")
    reader = _Bookmarks()
    reader.feed(text)
    reader.close()
    return reader.found
