"""Reading copies as Markdown files.

Each file starts with the article's facts as YAML front matter, then the
title, lead and body, pictures where they stand in the text with their
captions and credits, and the related stories. Text is escaped so nothing
in an article (not even ``<script>``) becomes live Markdown or HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser

from core.imported import Highlight
from core.models import Article, ArticleSummary, Image
from core.reader_html import DROPPED_WITH_CONTENT
from core.text import collapse_whitespace
from export.pages import (
    PageFormat,
    day,
    image_position,
    is_link,
    related_target,
)

MARKDOWN_MARKER = "<!-- Readshelf markdown export -->"

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
    _SKIPPED = frozenset({"figcaption", *DROPPED_WITH_CONTENT})

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
        position = image_position(src.strip())
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
        if href and is_link(href) and text.strip():
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
        ("topics", list(article.topics)),
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
        target = related_target(link, names)
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


def _highlights_markdown(highlights: Sequence[Highlight]) -> list[str]:
    """Each highlight as a quote marked ``==…==`` (Obsidian's highlight), its
    note beneath; then the notes on the whole article."""
    blocks = []
    for highlight in highlights:
        if highlight.kind == "highlight":
            quote = markdown_escape(collapse_whitespace(highlight.quote))
            gone = "" if highlight.found else " *(no longer in the text)*"
            blocks.append(f"> =={quote}=={gone}")
        if highlight.note:
            blocks.append(markdown_escape(highlight.note))
    return ["## Highlights and notes", *blocks] if blocks else []


def article_markdown(
    article: Article,
    files: dict[int, str],
    names: dict[int, str],
    highlights: Sequence[Highlight] = (),
) -> str:
    """One article as a Markdown file."""
    blocks = [_front_matter(article), f"# {markdown_escape(article.title)}"]
    if article.lead:
        blocks.append(f"**{markdown_escape(collapse_whitespace(article.lead))}**")
    blocks.extend(_body_markdown(article, files))
    blocks.extend(_highlights_markdown(highlights))
    blocks.extend(_related_markdown(article, names))
    return "\n\n".join(blocks) + "\n"


def index_markdown(summaries: Sequence[ArticleSummary], names: dict[int, str]) -> str:
    """The list of every exported article."""
    lines = [MARKDOWN_MARKER, "", "# Saved articles", ""]
    for summary in summaries:
        facts = ", ".join(
            part for part in (summary.site, day(summary.published or summary.saved)) if part
        )
        title = markdown_escape(summary.title)
        lines.append(
            f"- [{title}]({names[summary.id]})" + (f" — {markdown_escape(facts)}" if facts else "")
        )
    return "\n".join(lines) + "\n"


MARKDOWN = PageFormat(
    name="markdown",
    kind="Markdown export",
    suffix="md",
    marker=MARKDOWN_MARKER,
    render_article=article_markdown,
    render_index=index_markdown,
)
"""Every article as a Markdown file, with ``index.md`` and ``images/``."""
