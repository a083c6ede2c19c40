"""Reading copies as static HTML pages.

Each page is a whole, self-contained document: no script, and a
Content-Security-Policy that forbids loading anything remote. The stored
reader HTML is sanitized again on the way out, with ``image:N`` pointing at
the exported picture files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

import nh3

from core.imported import Highlight
from core.models import Article, ArticleSummary, Image
from core.reader_html import (
    DROPPED_WITH_CONTENT,
    IMAGE_SCHEME,
    LINK_SCHEMES,
    READER_ATTRIBUTES,
    READER_CLASSES,
    READER_TAGS,
)
from export.pages import (
    PageFormat,
    day,
    image_position,
    is_link,
    related_target,
)

HTML_MARKER = '<meta name="generator" content="Readshelf html export">'

# nh3 leaves an <img> whose src it dropped; without a picture it is noise.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_URL_SCHEMES = frozenset(scheme.rstrip(":") for scheme in (*LINK_SCHEMES, IMAGE_SCHEME))

_CSP = "default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'"
_STYLE = """
body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; font: 1.1rem/1.6 Georgia, serif;
       color: #222; background: #fdfcf8; }
h1 { font-size: 1.8rem; line-height: 1.25; margin-bottom: .4rem; }
.kicker, .meta, .tags, .topics, .back, figcaption, .related .section { font-family: sans-serif; }
.kicker { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #666; }
.meta, .tags, .topics { font-size: .85rem; color: #555; }
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
  .kicker, .meta, .tags, .topics, figcaption, .credit, .related p { color: #aaa; }
  a { color: #8bb8ff; }
}
"""


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
            position = image_position(value.strip())
            if position is None:
                return None
            shown.add(position)
            return files.get(position)
        if tag == "a" and attribute == "href":
            return value if is_link(value) else None
        return value

    cleaned = nh3.clean(
        html,
        tags=READER_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=READER_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=_URL_SCHEMES,
        url_relative="pass_through",
        link_rel="noopener noreferrer",
        allowed_classes=READER_CLASSES,
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
    facts = [escape(part) for part in (article.byline, day(article.published)) if part]
    facts.append(f"saved {escape(day(article.saved))}")
    if article.url and is_link(article.url):
        facts.append(f'<a href="{escape(article.url)}" rel="noopener noreferrer">original</a>')
    parts = [
        f'<p class="kicker">{kicker}</p>' if kicker else "",
        f"<h1>{escape(article.title)}</h1>",
        f'<p class="meta">{" · ".join(facts)}</p>',
    ]
    if article.tags:
        parts.append(f'<p class="tags">Tags: {escape(", ".join(article.tags))}</p>')
    if article.topics:
        parts.append(f'<p class="topics">Topics: {escape(", ".join(article.topics))}</p>')
    if article.capture_status == "pending":
        reason = f": {escape(article.capture_error)}" if article.capture_error else ""
        parts.append(f'<p class="missing">Not captured yet{reason}</p>')
    return "\n".join(part for part in parts if part)


def _related_html(article: Article, names: dict[int, str]) -> str:
    """The related stories as a list, linked to exported pages where saved."""
    if not article.related:
        return ""
    items = []
    for link in article.related:
        target = related_target(link, names)
        title = escape(link.title)
        text = f'<a href="{escape(target)}">{title}</a>' if target else title
        if link.section:
            text += f' <span class="section">· {escape(link.section)}</span>'
        if link.summary:
            text += f"<p>{escape(link.summary)}</p>"
        items.append(f"<li>{text}</li>")
    listed = "\n".join(items)
    return f'<section class="related">\n<h2>Related stories</h2>\n<ul>\n{listed}\n</ul>\n</section>'


def _highlights_html(highlights: Sequence[Highlight]) -> str:
    """The reader's highlights, each marked with its note beneath, then the
    notes on the whole article."""
    items = []
    for highlight in highlights:
        if highlight.kind == "highlight":
            gone = "" if highlight.found else ' <span class="gone">(no longer in the text)</span>'
            item = f"<blockquote><mark>{escape(highlight.quote)}</mark>{gone}</blockquote>"
        else:
            item = ""
        if highlight.note:
            item += f'<p class="note">{escape(highlight.note)}</p>'
        items.append(item)
    if not items:
        return ""
    listed = "\n".join(items)
    return f'<section class="highlights">\n<h2>Highlights and notes</h2>\n{listed}\n</section>'


def article_html(
    article: Article,
    files: dict[int, str],
    names: dict[int, str],
    highlights: Sequence[Highlight] = (),
) -> str:
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
    parts = [
        _heading_html(article),
        lead,
        body,
        "\n".join(others),
        _highlights_html(highlights),
        _related_html(article, names),
    ]
    content = "\n".join(part for part in parts if part)
    back = '<p class="back"><a href="index.html">All articles</a></p>'
    return _html_page(article.title, f"<article>\n{content}\n</article>\n{back}", article.language)


def index_html(summaries: Sequence[ArticleSummary], names: dict[int, str]) -> str:
    """The list of every exported article."""
    items = []
    for summary in summaries:
        facts = " · ".join(
            escape(part) for part in (summary.site, day(summary.published or summary.saved)) if part
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


HTML = PageFormat(
    name="html",
    kind="HTML export",
    suffix="html",
    marker=HTML_MARKER,
    render_article=article_html,
    render_index=index_html,
)
"""Every article as an HTML page, with ``index.html`` and ``images/``."""
