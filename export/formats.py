"""Exporting the library as reading copies: static HTML pages or Markdown.

Unlike a bundle these are for people, not for importing back: one file per
article named after its title (folded to ASCII) and id, an index, and an
``images/`` folder holding every picture once. Nothing in them fetches from
the network: pictures point at the local files only, pictures the library
has no bytes for keep just their captions, and the HTML pages carry no
script and forbid remote loads with a Content-Security-Policy.

Only the public ``Library`` methods are used here; the files themselves are
written through the helpers of ``storage.bundle``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import nh3

from core.models import Article, ArticleSummary, Image, RelatedLink
from core.text import collapse_whitespace, fold_vietnamese
from storage.bundle import (
    IMAGES_DIR,
    BundleError,
    ExportResult,
    export_bundle,
    prepare_export_directory,
    remove_stale_files,
    write_atomically,
    write_image,
)
from storage.library import Library

ExportFormat = Literal["bundle", "html", "markdown"]
EXPORT_FORMATS: tuple[str, ...] = ("bundle", "html", "markdown")

HTML_MARKER = '<meta name="generator" content="Readshelf html export">'
MARKDOWN_MARKER = "<!-- Readshelf markdown export -->"

# Long enough to tell articles apart in a file list, short enough for every
# file system's name limit once the id and suffix are added.
_SLUG_LENGTH = 60
_IMAGE_FILE = re.compile(r"[0-9a-f]{64}\.[a-z0-9]+")
_LINK_SCHEMES = ("http:", "https:", "mailto:")
_IMAGE_SCHEME = "image:"

# The reader's vocabulary (see capture.sanitize); anything else is dropped.
_READER_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "figure",
    "figcaption", "img", "a", "strong", "em", "b", "i", "u", "sub", "sup", "br",
    "span", "code", "pre",
}  # fmt: skip
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
# nh3 leaves an <img> whose src it dropped; without a picture it is noise.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")

_CSP = "default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'"
_STYLE = """
body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; font: 1.1rem/1.6 Georgia, serif;
       color: #222; background: #fdfcf8; }
h1 { font-size: 1.8rem; line-height: 1.25; margin-bottom: .4rem; }
.kicker, .meta, .tags, .back, figcaption, .related .section { font-family: sans-serif; }
.kicker { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #666; }
.meta, .tags { font-size: .85rem; color: #555; }
.lead { font-weight: bold; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { font-size: .85rem; color: #444; margin-top: .4rem; }
.credit { font-size: .75rem; color: #777; }
.missing { font-style: italic; color: #777; }
.related li { margin-bottom: .6rem; }
.related p { margin: .2rem 0 0; font-size: .9rem; color: #444; }
ul.articles { list-style: none; padding: 0; }
ul.articles li { margin-bottom: .8rem; }
@media (prefers-color-scheme: dark) {
  body { color: #ddd; background: #1d1d1b; }
  .kicker, .meta, .tags, figcaption, .credit, .related p { color: #aaa; }
  a { color: #8bb8ff; }
}
"""


# --------------------------------------------------------------------------
# Shared
# --------------------------------------------------------------------------


def slug(title: str) -> str:
    """The title as a file-name part: Vietnamese folded to ASCII, lower case,
    words joined by hyphens (``Đường Hà Nội`` -> ``duong-ha-noi``)."""
    words = re.findall(r"[a-z0-9]+", fold_vietnamese(title).lower())
    text = "-".join(words)
    if len(text) > _SLUG_LENGTH:
        text = text[:_SLUG_LENGTH].rsplit("-", 1)[0]
    return text


def article_file_name(title: str, article_id: int, suffix: str) -> str:
    """``<slug>-<id>.<suffix>``; the id keeps two equal titles apart."""
    base = slug(title)
    return f"{base}-{article_id}.{suffix}" if base else f"article-{article_id}.{suffix}"


def _all_summaries(library: Library) -> list[ArticleSummary]:
    """Every article, newest first, as the index lists them."""
    return library.list_articles(limit=max(library.count_articles(), 1))


def _write_pictures(
    library: Library, article: Article, directory: Path, written: set[str]
) -> dict[int, str]:
    """Write an article's pictures; their relative paths by position."""
    files: dict[int, str] = {}
    for image in article.images:
        found = library.image_data(article.id, image.position) if image.has_data else None
        if found is not None:
            files[image.position] = write_image(directory, found[0], found[1], written)
    return files


def _image_position(src: str) -> int | None:
    """N for an ``image:N`` address, None for anything else."""
    if not src.startswith(_IMAGE_SCHEME) or not src[len(_IMAGE_SCHEME) :].isdigit():
        return None
    return int(src[len(_IMAGE_SCHEME) :])


def _day(moment: str | None) -> str:
    """The date part of an ISO 8601 time, for display."""
    return (moment or "")[:10]


def _is_link(url: str | None) -> bool:
    """Whether ``url`` may become a clickable link (never a loaded resource)."""
    return bool(url) and str(url).strip().lower().startswith(_LINK_SCHEMES)


def _export_pages(
    library: Library,
    directory: Path,
    suffix: str,
    render: Callable[[Article, dict[int, str], dict[int, str]], str],
    index: Callable[[list[ArticleSummary], dict[int, str]], str],
) -> ExportResult:
    """Write one page per article, the pictures and then the index."""
    summaries = _all_summaries(library)
    names = {
        summary.id: article_file_name(summary.title, summary.id, suffix) for summary in summaries
    }
    written: set[str] = set()
    for summary in summaries:
        article = library.get_article(summary.id)
        files = _write_pictures(library, article, directory, written)
        page = render(article, files, names)
        write_atomically(directory / names[article.id], page.encode("utf-8"))
    index_name = f"index.{suffix}"
    write_atomically(directory / index_name, index(summaries, names).encode("utf-8"), durable=True)
    pages = re.compile(rf"[a-z0-9-]+-\d+\.{suffix}")
    remove_stale_files(directory, set(names.values()), pages)
    prefix = f"{IMAGES_DIR}/"
    remove_stale_files(
        directory / IMAGES_DIR, {name[len(prefix) :] for name in written}, _IMAGE_FILE
    )
    return ExportResult(
        directory=directory,
        format="html" if suffix == "html" else "markdown",
        articles=len(summaries),
        images=len(written),
    )


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def _html_page(title: str, body: str, language: str | None = None) -> str:
    """A whole, self-contained HTML document."""
    lang = (
        language
        if language and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", language)
        else None
    )
    lang_attribute = f' lang="{lang}"' if lang else ""
    return (
        f'<!doctype html>\n<html{lang_attribute}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"{HTML_MARKER}\n<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _reader_body(html: str, files: dict[int, str]) -> tuple[str, set[int]]:
    """Stored reader HTML, sanitized again, with ``image:N`` pointing at
    the exported picture files; also the positions it shows."""
    shown: set[int] = set()

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            position = _image_position(value.strip())
            if position is None:
                return None
            shown.add(position)
            return files.get(position)
        if tag == "a" and attribute == "href":
            return value if _is_link(value) else None
        return value

    cleaned = nh3.clean(
        html,
        tags=_READER_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}, "img": {"src", "alt"}},
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto", _IMAGE_SCHEME.rstrip(":")},
        url_relative="pass_through",
        link_rel="noopener noreferrer",
        allowed_classes={"span": {"credit"}},
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned), shown


def _figure_html(image: Image, file: str | None) -> str:
    """A picture the reader HTML does not show, with its caption and credit."""
    picture = (
        f'<img src="{escape(file)}" alt="{escape(image.alt)}">'
        if file
        else '<p class="missing">(picture not saved)</p>'
    )
    caption = escape(image.caption)
    if image.credit:
        caption += f' <span class="credit">{escape(image.credit)}</span>'
    return f"<figure>{picture}<figcaption>{caption}</figcaption></figure>"


def _heading_html(article: Article) -> str:
    """Section and site, title, byline and dates, tags, original address."""
    kicker = " · ".join(escape(part) for part in (article.section, article.site) if part)
    facts = [escape(part) for part in (article.byline, _day(article.published)) if part]
    facts.append(f"saved {escape(_day(article.saved))}")
    if article.url and _is_link(article.url):
        facts.append(f'<a href="{escape(article.url)}" rel="noopener noreferrer">original</a>')
    parts = [
        f'<p class="kicker">{kicker}</p>' if kicker else "",
        f"<h1>{escape(article.title)}</h1>",
        f'<p class="meta">{" · ".join(facts)}</p>',
    ]
    if article.tags:
        parts.append(f'<p class="tags">Tags: {escape(", ".join(article.tags))}</p>')
    if article.capture_status == "pending":
        reason = f": {escape(article.capture_error)}" if article.capture_error else ""
        parts.append(f'<p class="missing">Not captured yet{reason}</p>')
    return "\n".join(part for part in parts if part)


def _related_target(link: RelatedLink, names: dict[int, str]) -> str | None:
    """Where a related story's link goes: its exported page, else its address."""
    if link.target_id is not None and link.target_id in names:
        return names[link.target_id]
    return link.url if _is_link(link.url) else None


def _related_html(article: Article, names: dict[int, str]) -> str:
    """The related stories as a list, linked to exported pages where saved."""
    if not article.related:
        return ""
    items = []
    for link in article.related:
        target = _related_target(link, names)
        title = escape(link.title)
        text = f'<a href="{escape(target)}">{title}</a>' if target else title
        if link.section:
            text += f' <span class="section">· {escape(link.section)}</span>'
        if link.summary:
            text += f"<p>{escape(link.summary)}</p>"
        items.append(f"<li>{text}</li>")
    listed = "\n".join(items)
    return f'<section class="related">\n<h2>Related stories</h2>\n<ul>\n{listed}\n</ul>\n</section>'


def article_html(article: Article, files: dict[int, str], names: dict[int, str]) -> str:
    """One article as a self-contained HTML page."""
    body, shown = _reader_body(article.reader_html, files)
    if not body.strip() and article.body_text:
        body = "\n".join(
            f"<p>{escape(paragraph)}</p>"
            for paragraph in article.body_text.split("\n\n")
            if paragraph.strip()
        )
    others = [
        _figure_html(image, files.get(image.position))
        for image in article.images
        if image.position not in shown
    ]
    lead = f'<p class="lead">{escape(article.lead)}</p>' if article.lead else ""
    parts = [_heading_html(article), lead, body, "\n".join(others), _related_html(article, names)]
    content = "\n".join(part for part in parts if part)
    back = '<p class="back"><a href="index.html">All articles</a></p>'
    return _html_page(article.title, f"<article>\n{content}\n</article>\n{back}", article.language)


def _index_html(summaries: list[ArticleSummary], names: dict[int, str]) -> str:
    """The list of every exported article."""
    items = []
    for summary in summaries:
        facts = " · ".join(
            escape(part)
            for part in (summary.site, _day(summary.published or summary.saved))
            if part
        )
        items.append(
            f'<li><a href="{escape(names[summary.id])}">{escape(summary.title)}</a>'
            f'<br><span class="meta">{facts}</span></li>'
        )
    body = (
        f'<h1>Saved articles</h1>\n<p class="meta">{len(summaries)} articles</p>\n'
        f'<ul class="articles">\n{chr(10).join(items)}\n</ul>'
    )
    return _html_page("Saved articles", body)


def export_html(library: Library, directory: Path) -> ExportResult:
    """Write every article as an HTML page into ``directory`` (new, empty or
    an earlier HTML export), with ``index.html`` and ``images/``."""
    prepare_export_directory(directory, "index.html", HTML_MARKER, "HTML export")
    return _export_pages(library, directory, "html", article_html, _index_html)


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LINE_START_MARK = re.compile(r"^([#>+=|-]|\d+[.)])")


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as is: its markup characters escaped, and
    ``<`` too, so no HTML in an article can become live HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _guard_line_start(line: str) -> str:
    """Escape a line start that Markdown would read as a heading, quote or
    list item (``# 1``, ``- x``, ``2021. Năm``)."""
    found = _LINE_START_MARK.match(line)
    if found is None:
        return line
    mark = found.group(1)
    if mark[0].isdigit():
        return f"{mark[:-1]}\\{mark[-1]}{line[len(mark) :]}"
    return f"\\{line}"


def _link_destination(url: str) -> str:
    """A URL safe inside Markdown's ``( )``."""
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


class _MarkdownBody(HTMLParser):
    """Reader HTML as Markdown blocks, pictures placed where they stand.

    A ``<figcaption>`` is skipped: the picture's own caption and credit are
    written from the library instead, the same way for every picture.
    """

    _BLOCKS = frozenset(
        {"p", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "figure"}
    )
    _SKIPPED = frozenset({"figcaption", *_DROPPED_WITH_CONTENT})

    def __init__(self, figure: Callable[[int], list[str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.figure = figure
        self.blocks: list[str] = []
        self.shown: set[int] = set()
        self._inline: list[str] = []
        self._heading = 0
        self._quote = 0
        self._lists: list[list[int]] = []  # per open list: [ordered, items so far]
        self._item_mark: str | None = None
        self._links: list[tuple[int, str | None]] = []
        self._skip = 0
        self._code = 0
        self._pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block or an inline mark."""
        if tag in self._SKIPPED:
            self._skip += 1
            return
        if self._skip:
            return
        if tag in self._BLOCKS:
            self.flush()
        attributes = dict(attrs)
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
        elif tag == "blockquote":
            self._quote += 1
        elif tag in ("ul", "ol"):
            self._lists.append([int(tag == "ol"), 0])
        elif tag == "li":
            self._start_item()
        elif tag == "pre":
            self._pre = True
        else:
            self._inline_start(tag, attributes)

    def _inline_start(self, tag: str, attributes: dict[str, str | None]) -> None:
        """Open an inline mark, a link or a picture."""
        if tag in ("strong", "b"):
            self._inline.append("**")
        elif tag in ("em", "i"):
            self._inline.append("*")
        elif tag == "code" and not self._pre:
            self._code += 1
            self._inline.append("`")
        elif tag == "br":
            self._inline.append("\n")
        elif tag == "a":
            self._links.append((len(self._inline), attributes.get("href")))
        elif tag == "img":
            self._picture(attributes.get("src") or "")

    def _start_item(self) -> None:
        """Remember the mark of a new list item for its first line."""
        if not self._lists:
            self._lists.append([0, 0])
        current = self._lists[-1]
        current[1] += 1
        indent = "   " * (len(self._lists) - 1)
        self._item_mark = f"{indent}{current[1]}. " if current[0] else f"{indent}- "

    def _picture(self, src: str) -> None:
        """A picture of the article, as its own blocks."""
        position = _image_position(src.strip())
        if position is None:
            return
        self.flush()
        self.shown.add(position)
        self.blocks.extend(self.figure(position))

    def handle_endtag(self, tag: str) -> None:
        """Close a block or an inline mark."""
        if tag in self._SKIPPED:
            self._skip = max(self._skip - 1, 0)
            return
        if self._skip:
            return
        if tag in ("strong", "b"):
            self._inline.append("**")
        elif tag in ("em", "i"):
            self._inline.append("*")
        elif tag == "code" and self._code:
            self._code -= 1
            self._inline.append("`")
        elif tag == "a" and self._links:
            self._end_link()
        elif tag in self._BLOCKS:
            self._end_block(tag)

    def _end_block(self, tag: str) -> None:
        """Write the finished block and leave its context."""
        self.flush()
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            self._heading = 0
        elif tag == "blockquote":
            self._quote = max(self._quote - 1, 0)
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "pre":
            self._pre = False

    def _end_link(self) -> None:
        """Turn the text since the link opened into ``[text](href)``."""
        start, href = self._links.pop()
        text = "".join(self._inline[start:])
        del self._inline[start:]
        if href and _is_link(href) and text.strip():
            self._inline.append(f"[{text.strip()}]({_link_destination(href)})")
        else:
            self._inline.append(text)

    def handle_data(self, data: str) -> None:
        """Text, escaped unless it is code."""
        if self._skip:
            return
        self._inline.append(data if self._pre or self._code else markdown_escape(data))

    def flush(self) -> None:
        """Write the text gathered so far as one block."""
        text = "".join(self._inline)
        self._inline = []
        if self._pre:
            if text.strip():
                fence = "````" if "```" in text else "```"
                self.blocks.append(f"{fence}\n{text.strip(chr(10))}\n{fence}")
            return
        lines = [collapse_whitespace(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        if self._heading:
            self.blocks.append(f"{'#' * self._heading} {' '.join(lines)}")
            return
        lines[0] = _guard_line_start(lines[0])
        block = "\\\n".join(lines)
        if self._item_mark is not None:
            block = self._item_mark + block
            self._item_mark = None
        elif self._lists:
            block = "   " * len(self._lists) + block
        if self._quote:
            block = "\n".join("> " * self._quote + line for line in block.split("\n"))
        self.blocks.append(block)


def _figure_markdown(image: Image, file: str | None) -> list[str]:
    """A picture as Markdown: the image, then its caption and credit lines."""
    label = markdown_escape(collapse_whitespace(image.caption or image.alt) or "picture")
    blocks = [f"![{label}]({file})" if file else "*(picture not saved)*"]
    if image.caption.strip():
        blocks.append(f"*{markdown_escape(collapse_whitespace(image.caption))}*")
    if image.credit.strip():
        blocks.append(f"Credit: {markdown_escape(collapse_whitespace(image.credit))}")
    return blocks


def _front_matter(article: Article) -> str:
    """Header lines in YAML form (every value JSON-quoted, which YAML reads)."""
    fields: list[tuple[str, object]] = [
        ("title", article.title),
        ("id", article.id),
        ("url", article.url),
        ("site", article.site),
        ("section", article.section),
        ("byline", article.byline),
        ("published", article.published),
        ("saved", article.saved),
        ("language", article.language),
        ("status", article.status),
        ("favorite", article.favorite),
        ("tags", list(article.tags)),
    ]
    if article.capture_status == "pending":
        fields.append(("pending", article.capture_error or True))
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields]
    return "---\n" + "\n".join(lines) + "\n---"


def _related_markdown(article: Article, names: dict[int, str]) -> list[str]:
    """The related stories as a list, linked to exported pages where saved."""
    if not article.related:
        return []
    items = []
    for link in article.related:
        target = _related_target(link, names)
        title = markdown_escape(collapse_whitespace(link.title))
        line = f"- [{title}]({_link_destination(target)})" if target else f"- {title}"
        if link.section:
            line += f" · {markdown_escape(link.section)}"
        if link.summary:
            line += f"\\\n  {markdown_escape(collapse_whitespace(link.summary))}"
        items.append(line)
    return ["## Related stories", "\n".join(items)]


def _body_markdown(article: Article, files: dict[int, str]) -> list[str]:
    """The body blocks with pictures in place, then any picture not placed."""
    by_position = {image.position: image for image in article.images}

    def figure(position: int) -> list[str]:
        image = by_position.get(position)
        return [] if image is None else _figure_markdown(image, files.get(position))

    writer = _MarkdownBody(figure)
    writer.feed(article.reader_html)
    writer.close()
    writer.flush()
    blocks = writer.blocks
    if not blocks and article.body_text.strip():
        blocks = [
            _guard_line_start(markdown_escape(collapse_whitespace(paragraph)))
            for paragraph in article.body_text.split("\n\n")
            if paragraph.strip()
        ]
    for image in article.images:
        if image.position not in writer.shown:
            blocks.extend(_figure_markdown(image, files.get(image.position)))
    return blocks


def article_markdown(article: Article, files: dict[int, str], names: dict[int, str]) -> str:
    """One article as a Markdown file."""
    blocks = [_front_matter(article), f"# {markdown_escape(article.title)}"]
    if article.lead:
        blocks.append(f"**{markdown_escape(collapse_whitespace(article.lead))}**")
    blocks.extend(_body_markdown(article, files))
    blocks.extend(_related_markdown(article, names))
    return "\n\n".join(blocks) + "\n"


def _index_markdown(summaries: list[ArticleSummary], names: dict[int, str]) -> str:
    """The list of every exported article."""
    lines = [MARKDOWN_MARKER, "", "# Saved articles", ""]
    for summary in summaries:
        facts = ", ".join(
            part for part in (summary.site, _day(summary.published or summary.saved)) if part
        )
        title = markdown_escape(summary.title)
        lines.append(
            f"- [{title}]({names[summary.id]})" + (f" — {markdown_escape(facts)}" if facts else "")
        )
    return "\n".join(lines) + "\n"


def export_markdown(library: Library, directory: Path) -> ExportResult:
    """Write every article as a Markdown file into ``directory`` (new, empty
    or an earlier Markdown export), with ``index.md`` and ``images/``."""
    prepare_export_directory(directory, "index.md", MARKDOWN_MARKER, "Markdown export")
    return _export_pages(library, directory, "md", article_markdown, _index_markdown)


# --------------------------------------------------------------------------
# Any format
# --------------------------------------------------------------------------

EXPORTERS: dict[str, Callable[[Library, Path], ExportResult]] = {
    "bundle": export_bundle,
    "html": export_html,
    "markdown": export_markdown,
}


def export_library(library: Library, directory: Path, export_format: str) -> ExportResult:
    """Export the library into ``directory`` as a bundle, HTML or Markdown."""
    exporter = EXPORTERS.get(export_format)
    if exporter is None:
        raise BundleError(
            f"unknown export format {export_format!r}: use {', '.join(EXPORT_FORMATS)}"
        )
    return exporter(library, directory)
