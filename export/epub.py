"""Saved articles as one EPUB 3 book for an e-reader.

The book holds a contents page, then one chapter per article (its section
and site, title, author, date and address, lead, body, pictures with their
captions and credits, related stories), a navigation document
(``nav.xhtml``) and, for readers older than EPUB 3, ``toc.ncx``. Pictures
are made fit for e-readers (``export.epub_pictures``); one that cannot be
decoded is left out and its figure keeps the caption.

It is written with ``zipfile`` as EPUB requires (``mimetype`` first, stored
uncompressed) article by article: a chapter and its pictures go into the
archive as soon as they are made, a few articles at most are read ahead
(``READ_AHEAD``) so their pictures are made on every core meanwhile, and
only the chapters' names and titles are kept for the contents, navigation
and package documents written last. The file
appears under its name only once whole (written beside it, then renamed).

Like the other writers, it is handed plain ``core.models`` values and a
callable for picture bytes, and never opens the library itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from core.files import temporary_path
from core.imported import Highlight
from core.models import Article, ArticleSummary, Image, RelatedLink
from export.epub_pictures import FitPicture, fit_picture
from export.epub_xhtml import (
    Element,
    body_xhtml,
    link_address,
    reader_tree,
    xml_attribute,
    xml_text,
)
from export.folder import ExportError
from export.pages import ArticleHighlights, PictureBytes, day

MEDIA_TYPE = "application/epub+zip"
ROOT = "OEBPS"
"""The folder of the archive holding the book's files."""

READ_AHEAD = 4
"""Articles read before the oldest one's chapter is written: enough to keep
every core making pictures, few enough to keep memory bounded."""
_PICTURE_WORKERS = min(4, os.cpu_count() or 1)
_PICTURES_IN_FLIGHT = 2 * _PICTURE_WORKERS
"""Pictures read and not yet in the book, at most (unless one article has more)."""

Progress = Callable[[int, int], None]
"""``(articles written, articles in the book)``, called after each chapter."""

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_UNDETERMINED = "und"
_XHTML_NAMESPACES = 'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

# Plain and small: e-readers bring their own fonts, margins and night mode,
# and override most of what a book says.
_STYLE = """body { margin: 0 0.5em; line-height: 1.45; }
h1 { font-size: 1.5em; line-height: 1.2; margin: 0.3em 0 0.4em; }
h2 { font-size: 1.2em; }
.kicker, .meta, .address, .tags, .topics, figcaption, .contents .meta { font-size: 0.8em; }
.kicker { text-transform: uppercase; letter-spacing: 0.04em; margin: 0; }
.meta, .address, .tags, .topics { margin: 0.2em 0; }
.address { overflow-wrap: break-word; word-wrap: break-word; }
.lead { font-weight: bold; }
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption { text-align: left; font-style: italic; margin-top: 0.3em; }
.credit { font-style: normal; }
.missing { font-style: italic; }
.contents { list-style: none; padding: 0; }
.contents li { margin: 0 0 0.7em; }
header { margin-bottom: 1em; }
"""


@dataclass(frozen=True)
class BookInfo:
    """What the book says about itself."""

    title: str
    """"Readshelf — Du lịch — 6/12/2026"."""
    identifier: str
    """A stable ``urn:uuid:``: the same selection exported again is the same
    book to a reader, which replaces it rather than keeping two."""
    made: datetime
    """When it was made (UTC): its date and modification time."""


@dataclass(frozen=True)
class EpubWritten:
    """What an EPUB export wrote."""

    path: Path
    articles: int
    pictures: int
    """Picture files in the book (a picture shared by articles counts once)."""
    pictures_left_out: int
    """Pictures with bytes that could not be decoded: their captions stayed."""
    language: str


@dataclass
class _Chapter:
    """What the book keeps of a written chapter for its closing documents."""

    id: str
    href: str
    title: str
    facts: str
    language: str | None


@dataclass
class _Manifest:
    """Every file of the book so far, for the package document."""

    items: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, href, media type)."""
    pictures: dict[str, str | None] = field(default_factory=dict)
    """Picture href by the SHA-256 of the library's bytes; None when they
    could not be decoded."""
    left_out: int = 0
    making: dict[str, Future[FitPicture | None]] = field(default_factory=dict)
    """Pictures being made fit, by the SHA-256 of the library's bytes."""


@dataclass
class _Waiting:
    """An article read, its pictures being made fit, its chapter not written."""

    article: Article
    pictures: dict[int, str] = field(default_factory=dict)
    """The SHA-256 of each picture's bytes, by position."""


def _chapter(article: Article, href: str) -> _Chapter:
    return _Chapter(
        id=f"a{article.id}",
        href=href,
        title=_title(article.title),
        facts=" · ".join(_facts(article)),
        language=language_tag(article.language),
    )


def is_epub(path: Path) -> bool:
    """Whether ``path`` is an EPUB (a zip archive whose first entry says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            return (
                bool(names)
                and names[0] == "mimetype"
                and archive.read("mimetype") == (MEDIA_TYPE.encode("ascii"))
            )
    except (OSError, zipfile.BadZipFile, KeyError):
        return False


def language_tag(value: str | None) -> str | None:
    """``value`` when it is a well-formed language tag (``vi``, ``en-GB``)."""
    return value if value and _LANGUAGE_TAG.fullmatch(value) else None


def chapter_name(article_id: int) -> str:
    """A chapter's file inside ``ROOT``."""
    return f"text/a{article_id}.xhtml"


class EpubWriter:
    """Writes one EPUB file.

    Creating it claims the target (a new file, or an EPUB to replace, else
    ``ExportError``), so a wrong path is refused before any article is read.
    ``write`` then takes every article of the book.
    """

    def __init__(self, path: Path, book: BookInfo) -> None:
        if path.is_dir():
            raise ExportError(f"{path} is a folder: give the name of the .epub file to write")
        if path.exists() and not is_epub(path):
            raise ExportError(f"{path} exists and is not an EPUB; choose another name")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or error
            raise ExportError(f"cannot write to {path.parent}: {reason}") from error
        self.path = path
        self.book = book

    def write(
        self,
        summaries: Sequence[ArticleSummary],
        articles: Iterable[Article],
        picture_bytes: PictureBytes,
        progress: Progress | None = None,
        highlights: ArticleHighlights = lambda _article_id: (),
    ) -> EpubWritten:
        """Write the book: a chapter for each of ``articles`` (the full
        articles of ``summaries``, in their order), then the contents page,
        navigation and package documents.

        ``articles`` may be a generator: one article is in memory at a time.
        """
        temporary = temporary_path(self.path)
        try:
            written = self._write_archive(
                temporary, summaries, articles, picture_bytes, progress, highlights
            )
            os.replace(temporary, self.path)
        except OSError as error:
            raise ExportError(f"cannot write {self.path}: {error.strerror or error}") from error
        finally:
            temporary.unlink(missing_ok=True)
        return written

    def _write_archive(
        self,
        temporary: Path,
        summaries: Sequence[ArticleSummary],
        articles: Iterable[Article],
        picture_bytes: PictureBytes,
        progress: Progress | None,
        highlights: ArticleHighlights,
    ) -> EpubWritten:
        in_book = {summary.id: chapter_name(summary.id) for summary in summaries}
        chapters: list[_Chapter] = []
        manifest = _Manifest()
        made = self.book.made.astimezone(UTC)
        stamp = (made.year, made.month, made.day, made.hour, made.minute, made.second)

        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:

            def add(name: str, data: bytes | str, compress: int = zipfile.ZIP_DEFLATED) -> None:
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.compress_type = compress
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, data)

            add("mimetype", MEDIA_TYPE, zipfile.ZIP_STORED)  # first, uncompressed: EPUB says so
            add("META-INF/container.xml", _CONTAINER)
            add(f"{ROOT}/style.css", _STYLE)
            with ThreadPoolExecutor(max_workers=_PICTURE_WORKERS) as pool:
                waiting: deque[_Waiting] = deque()

                def write_oldest() -> None:
                    done = waiting.popleft()
                    pictures = self._add_pictures(done, manifest, add)
                    href = in_book[done.article.id]
                    marked = highlights(done.article.id)
                    add(f"{ROOT}/{href}", chapter_xhtml(done.article, pictures, in_book, marked))
                    chapters.append(_chapter(done.article, href))
                    if progress is not None:
                        progress(len(chapters), len(summaries))

                for article in articles:
                    waiting.append(self._start_pictures(article, picture_bytes, manifest, pool))
                    while len(waiting) > READ_AHEAD or (
                        len(waiting) > 1
                        and sum(len(each.pictures) for each in waiting) > _PICTURES_IN_FLIGHT
                    ):
                        write_oldest()
                while waiting:
                    write_oldest()
            language = book_language(chapter.language for chapter in chapters)
            add(f"{ROOT}/contents.xhtml", self._contents_xhtml(chapters, language))
            add(f"{ROOT}/nav.xhtml", self._nav_xhtml(chapters, language))
            add(f"{ROOT}/toc.ncx", self._ncx(chapters, language))
            add(f"{ROOT}/content.opf", self._package(chapters, manifest, language))
        return EpubWritten(
            path=self.path,
            articles=len(chapters),
            pictures=sum(1 for href in manifest.pictures.values() if href),
            pictures_left_out=manifest.left_out,
            language=language,
        )

    def _start_pictures(
        self,
        article: Article,
        picture_bytes: PictureBytes,
        manifest: _Manifest,
        pool: ThreadPoolExecutor,
    ) -> _Waiting:
        """Read an article's pictures (here: the library belongs to this
        thread) and start making each new one fit (on the pool: Pillow
        lets go of the GIL, so pictures are made on every core)."""
        waiting = _Waiting(article)
        for image in article.images:
            found = picture_bytes(article.id, image.position) if image.has_data else None
            if found is None:
                continue
            digest = hashlib.sha256(found[0]).hexdigest()
            if digest not in manifest.pictures and digest not in manifest.making:
                manifest.making[digest] = pool.submit(fit_picture, found[0])
            waiting.pictures[image.position] = digest
        return waiting

    def _add_pictures(
        self, waiting: _Waiting, manifest: _Manifest, add: Callable[[str, bytes, int], None]
    ) -> dict[int, str]:
        """Put an article's pictures in the book (each distinct one once);
        their addresses from its chapter, by position."""
        hrefs: dict[int, str] = {}
        for position, digest in waiting.pictures.items():
            making = manifest.making.pop(digest, None)
            if making is not None:
                fit = making.result()
                if fit is None:
                    manifest.pictures[digest] = None
                else:
                    href = f"images/{digest}.{fit.extension}"
                    add(f"{ROOT}/{href}", fit.data, zipfile.ZIP_STORED)  # already compressed
                    manifest.items.append((f"p{digest[:20]}", href, fit.media_type))
                    manifest.pictures[digest] = href
            href_in_book = manifest.pictures[digest]
            if href_in_book is None:
                manifest.left_out += 1
            else:
                hrefs[position] = f"../{href_in_book}"
        return hrefs

    def _contents_xhtml(self, chapters: list[_Chapter], language: str) -> str:
        items = "\n".join(
            f'<li><a href="{chapter.href}">{xml_text(chapter.title)}</a>'
            + (f'<br/><span class="meta">{xml_text(chapter.facts)}</span>' if chapter.facts else "")
            + "</li>"
            for chapter in chapters
        )
        count = f"{len(chapters)} article{'s' if len(chapters) != 1 else ''}"
        body = (
            f'<section epub:type="toc">\n<h1>{xml_text(self.book.title)}</h1>\n'
            f'<p class="meta">{count}</p>\n<ol class="contents">\n{items}\n</ol>\n</section>'
        )
        return xhtml_page("Contents", body, language, "style.css")

    def _nav_xhtml(self, chapters: list[_Chapter], language: str) -> str:
        items = "\n".join(
            f'<li><a href="{chapter.href}">{xml_text(chapter.title)}</a></li>'
            for chapter in chapters
        )
        first = chapters[0].href if chapters else "contents.xhtml"
        body = (
            f'<nav epub:type="toc" id="toc">\n<h1>{xml_text(self.book.title)}</h1>\n<ol>\n'
            f'<li><a href="contents.xhtml">Contents</a></li>\n{items}\n</ol>\n</nav>\n'
            '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<ol>\n'
            '<li><a epub:type="toc" href="contents.xhtml">Contents</a></li>\n'
            f'<li><a epub:type="bodymatter" href="{first}">Articles</a></li>\n</ol>\n</nav>'
        )
        return xhtml_page("Contents", body, language, "style.css")

    def _ncx(self, chapters: list[_Chapter], language: str) -> str:
        entries = [("contents", "contents.xhtml", "Contents")]
        entries += [(chapter.id, chapter.href, chapter.title) for chapter in chapters]
        points = "\n".join(
            f'<navPoint id="n-{entry_id}" playOrder="{order}">'
            f"<navLabel><text>{xml_text(label)}</text></navLabel>"
            f'<content src="{href}"/></navPoint>'
            for order, (entry_id, href, label) in enumerate(entries, start=1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"'
            f' xml:lang="{language}">\n<head>\n'
            f'<meta name="dtb:uid" content="{xml_attribute(self.book.identifier)}"/>\n'
            '<meta name="dtb:depth" content="1"/>\n'
            '<meta name="dtb:totalPageCount" content="0"/>\n'
            '<meta name="dtb:maxPageNumber" content="0"/>\n</head>\n'
            f"<docTitle><text>{xml_text(self.book.title)}</text></docTitle>\n"
            f"<navMap>\n{points}\n</navMap>\n</ncx>\n"
        )

    def _package(self, chapters: list[_Chapter], manifest: _Manifest, language: str) -> str:
        made = self.book.made.astimezone(UTC)
        items = [
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
            '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
            '<item id="style" href="style.css" media-type="text/css"/>',
            '<item id="contents" href="contents.xhtml" media-type="application/xhtml+xml"/>',
        ]
        items += [
            f'<item id="{chapter.id}" href="{chapter.href}" media-type="application/xhtml+xml"/>'
            for chapter in chapters
        ]
        items += [
            f'<item id="{item_id}" href="{href}" media-type="{media_type}"/>'
            for item_id, href, media_type in manifest.items
        ]
        spine = ['<itemref idref="contents"/>'] + [
            f'<itemref idref="{chapter.id}"/>' for chapter in chapters
        ]
        newline = "\n"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
            f' unique-identifier="book-id" xml:lang="{language}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<dc:identifier id="book-id">{xml_text(self.book.identifier)}</dc:identifier>\n'
            f"<dc:title>{xml_text(self.book.title)}</dc:title>\n"
            f"<dc:language>{language}</dc:language>\n"
            "<dc:creator>Readshelf</dc:creator>\n"
            f"<dc:date>{made.strftime('%Y-%m-%d')}</dc:date>\n"
            f'<meta property="dcterms:modified">{made.strftime("%Y-%m-%dT%H:%M:%SZ")}</meta>\n'
            "</metadata>\n"
            f"<manifest>\n{newline.join(items)}\n</manifest>\n"
            f'<spine toc="ncx">\n{newline.join(spine)}\n</spine>\n'
            "</package>\n"
        )


def book_language(languages: Iterable[str | None]) -> str:
    """The book's language: the one most of its articles are in (the first
    seen wins a tie), ``und`` (undetermined) when none says."""
    counted = Counter(language for language in languages if language)
    return counted.most_common(1)[0][0] if counted else _UNDETERMINED


def xhtml_page(title: str, body: str, language: str | None, stylesheet: str) -> str:
    """A whole XHTML content document of the book; ``stylesheet`` is the
    style sheet's address from it."""
    lang = f' lang="{language}" xml:lang="{language}"' if language else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f"<html {_XHTML_NAMESPACES}{lang}>\n<head>\n"
        f"<title>{xml_text(title)}</title>\n"
        f'<link rel="stylesheet" type="text/css" href="{stylesheet}"/>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _title(title: str) -> str:
    """A title to show: never empty (an empty one is invalid in the book)."""
    return " ".join(title.split()) or "Untitled"


def _site(article: Article) -> str | None:
    """The site's name, else the host of its address."""
    if article.site:
        return article.site
    return urlsplit(article.url).hostname if article.url else None


def _facts(article: Article) -> list[str]:
    """Site, author and date, for the contents page."""
    date = day(article.published) or f"saved {day(article.saved)}"
    return [part for part in (_site(article), article.byline, date) if part]


def _figure_xhtml(image: Image, href: str | None) -> str:
    """A picture the body does not show, with its caption and credit; ""
    when it has neither a file in the book nor a caption."""
    picture = f'<img src="{xml_attribute(href)}" alt="{xml_attribute(image.alt)}"/>' if href else ""
    caption = xml_text(image.caption)
    if image.credit:
        caption += f' <span class="credit">{xml_text(image.credit)}</span>'
    caption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f"<figure>{picture}{caption}</figure>" if picture or caption else ""


def _heading_xhtml(article: Article) -> str:
    """Section and site, title, author and dates, tags, topics, original address."""
    kicker = " · ".join(xml_text(part) for part in (article.section, _site(article)) if part)
    facts = [xml_text(part) for part in (article.byline, day(article.published)) if part]
    facts.append(f"saved {xml_text(day(article.saved))}")
    parts = [
        f'<p class="kicker">{kicker}</p>' if kicker else "",
        f"<h1>{xml_text(_title(article.title))}</h1>",
        f'<p class="meta">{" · ".join(facts)}</p>',
    ]
    address = link_address(article.url)
    if address:
        parts.append(
            f'<p class="address"><a href="{xml_attribute(address)}">'
            f"{xml_text(article.url or '')}</a></p>"
        )
    if article.tags:
        parts.append(f'<p class="tags">Tags: {xml_text(", ".join(article.tags))}</p>')
    if article.topics:
        parts.append(f'<p class="topics">Topics: {xml_text(", ".join(article.topics))}</p>')
    if article.capture_status == "pending":
        reason = f": {xml_text(article.capture_error)}" if article.capture_error else ""
        parts.append(f'<p class="missing">Not captured yet{reason}</p>')
    return "<header>\n" + "\n".join(part for part in parts if part) + "\n</header>"


def _related_xhtml(links: Sequence[RelatedLink], in_book: dict[int, str]) -> str:
    """The related stories, linked to their chapter when the book has it."""
    items = []
    for link in links:
        if link.target_id is not None and link.target_id in in_book:
            target: str | None = in_book[link.target_id].removeprefix("text/")
        else:
            target = link_address(link.url)
        title = xml_text(_title(link.title))
        text = f'<a href="{xml_attribute(target)}">{title}</a>' if target else title
        if link.section:
            text += f" · {xml_text(link.section)}"
        if link.summary:
            text += f"<br/>{xml_text(link.summary)}"
        items.append(f"<li>{text}</li>")
    if not items:
        return ""
    listed = "\n".join(items)
    return f'<section class="related">\n<h2>Related stories</h2>\n<ul>\n{listed}\n</ul>\n</section>'


# Elements whose text is one run of prose: a quote is found within one of
# them, never across two (their texts are not joined).
QUOTE_BLOCKS = frozenset(
    {"p", "li", "blockquote", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th",
     "dd", "dt", "pre", "div", "section", "article", "body", "figure", "ul", "ol", "table"}
)  # fmt: skip


@dataclass
class _TextRun:
    """One string of a block's text: where it sits and where it starts."""

    parent: Element
    index: int
    start: int
    text: str


def mark_quotes(root: Element, quotes: list[str]) -> None:
    """Wrap the first occurrence of each quote in ``<mark>``: one mark per
    run of text it covers, so a quote crossing a link or bold text is marked
    in every piece (``<mark>a </mark><a><mark>link</mark></a>``), and one
    overlapping an earlier quote nests its marks in that quote's."""
    for quote in quotes:
        if not quote:
            continue
        for block in _blocks(root):
            runs = list(_text_runs(block))
            at = "".join(run.text for run in runs).find(quote)
            if at >= 0:
                _wrap(runs, at, at + len(quote))
                break


def _blocks(root: Element) -> Iterator[Element]:
    """``root`` and every block element under it, in document order."""
    if root.tag in QUOTE_BLOCKS:
        yield root
    for child in root.children:
        if isinstance(child, Element):
            yield from _blocks(child)


def _text_runs(block: Element, start: int = 0) -> Iterator[_TextRun]:
    """The strings of ``block``'s own text, inline elements included,
    nested blocks left out (they are blocks of their own)."""
    for index, child in enumerate(block.children):
        if isinstance(child, str):
            yield _TextRun(block, index, start, child)
            start += len(child)
        elif child.tag not in QUOTE_BLOCKS:
            for run in _text_runs(child, start):
                yield run
                start = run.start + len(run.text)


def _wrap(runs: list[_TextRun], start: int, end: int) -> None:
    """Mark the characters ``start:end`` of the block the runs make up.
    Last run first: splitting a string shifts its later siblings' indexes."""
    for run in reversed(runs):
        first, last = max(start, run.start), min(end, run.start + len(run.text))
        if first >= last:
            continue
        cut_from, cut_to = first - run.start, last - run.start
        pieces: list[Element | str] = [
            run.text[:cut_from],
            Element("mark", children=[run.text[cut_from:cut_to]]),
            run.text[cut_to:],
        ]
        run.parent.children[run.index : run.index + 1] = [piece for piece in pieces if piece != ""]


def _highlights_xhtml(highlights: Sequence[Highlight]) -> str:
    """The reader's highlights, each marked with its note beneath, then the
    notes on the whole article."""
    items = []
    for highlight in highlights:
        item = ""
        if highlight.kind == "highlight":
            item = f"<blockquote><p><mark>{xml_text(highlight.quote)}</mark></p></blockquote>"
        if highlight.note:
            item += f'<p class="note">{xml_text(highlight.note)}</p>'
        items.append(item)
    if not items:
        return ""
    listed = "\n".join(items)
    return f'<section class="highlights">\n<h2>Highlights and notes</h2>\n{listed}\n</section>'


def chapter_xhtml(
    article: Article,
    pictures: dict[int, str],
    in_book: dict[int, str],
    highlights: Sequence[Highlight] = (),
) -> str:
    """One article as a chapter: ``pictures`` are its pictures' addresses
    from the chapter by position, ``in_book`` every chapter by article id,
    ``highlights`` its highlights and notes (marked in the text and listed
    at the end)."""
    tree = reader_tree(article.reader_html)
    mark_quotes(
        tree, [each.quote for each in highlights if each.kind == "highlight" and each.found]
    )
    shown: set[int] = set()

    def picture_href(position: int) -> str | None:
        shown.add(position)
        return pictures.get(position)

    body = body_xhtml(tree, picture_href)
    if not body.strip() and article.body_text:
        body = "\n".join(
            f"<p>{xml_text(paragraph)}</p>"
            for paragraph in article.body_text.split("\n\n")
            if paragraph.strip()
        )
    others = [
        _figure_xhtml(image, pictures.get(image.position))
        for image in article.images
        if image.position not in shown
    ]
    lead = f'<p class="lead">{xml_text(article.lead)}</p>' if article.lead else ""
    parts = [
        _heading_xhtml(article),
        lead,
        body,
        "\n".join(other for other in others if other),
        _highlights_xhtml(highlights),
        _related_xhtml(article.related, in_book),
    ]
    content = "\n".join(part for part in parts if part)
    section = f'<section epub:type="chapter">\n{content}\n</section>'
    return xhtml_page(
        _title(article.title), section, language_tag(article.language), "../style.css"
    )
