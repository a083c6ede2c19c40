"""What a page says about its article: title, site, byline, date, section, tags.

Each field is read from the most reliable place that has it: schema.org
JSON-LD first, then Open Graph / article meta tags, then the page's own
markup (``rel=author``, ``time[datetime]``, breadcrumbs, tag lists), then
visible text. Values are NFC, trimmed, and never the site's own name posing
as an author.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from capture.dates import find_visible_date, parse_visible_date
from capture.dom import (
    LabelIndex,
    absolute_url,
    class_tokens,
    find_labels,
    folded,
    holds,
    is_link_list,
    iter_elements,
    label_key,
    text_of,
)
from core.text import collapse_whitespace, nfc

ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
     "scholarlyarticle", "techarticle", "report", "posting", "socialmediaposting"}
)  # fmt: skip
# Class words of a container of topic links under an article.
TAG_CLASS_TOKENS = frozenset({"tags", "topics", "keywords", "tagcloud", "taglist"})
# The address of a site's tag or topic page ("/tag/hanoi", "/chu-de/giao-thong-123"):
# a list of links that all lead to such pages is the article's topics,
# whatever its class and with no label.
TAG_PATH = re.compile(
    r"/(?:tags?|topics?|chu-de|tu-khoa|keywords?|themen?|thema|schlagworte?|sujets?|"
    r"temas?|etiquetas?|argomenti)/[^/?#]",
    re.IGNORECASE,
)
TAG_LIST_TAGS = ("div", "ul", "p", "section", "span", "nav")
MIN_TAG_PATH_LINKS = 2
# A site's menu of its topic pages, or the cloud of all its tags, is not the
# article's topics: it sits in the page's header, or in an element classed
# as a menu, a sidebar or a widget, and a cloud holds more than MAX_TAGS.
MENU_TOKENS = frozenset(
    {"menu", "nav", "navbar", "navigation", "megamenu", "breadcrumb", "sidebar", "widget",
     "cloud", "tagcloud"}
)  # fmt: skip
TAG_LABELS = frozenset(
    {"tag", "tags", "tu khoa", "topics", "topic", "keywords", "chu de"}
) | frozenset(
    # Other languages, folded the way labels are looked up ("タグ" becomes "タク").
    label_key(label)
    for label in ("schlagworte", "schlagwörter", "mots-clés", "étiquettes", "etiquetas",
                  "palabras clave", "parole chiave", "タグ", "标签", "標籤", "태그")
)  # fmt: skip
BYLINE_TOKENS = frozenset(
    {"byline", "author", "authors", "writer", "reporter", "tacgia", "contributor", "creator"}
)
DATE_TOKENS = frozenset(
    {"date", "time", "datetime", "published", "publish", "pubdate", "timestamp", "posted",
     "dateline", "ngay", "thoigian", "postdate"}
)  # fmt: skip
SECTION_TOKENS = frozenset({"category", "categories", "cat", "section", "chuyenmuc", "kicker"})
# Where a byline or a date found in markup is somebody else's: a commenter's
# name, a related story's date.
FOREIGN_TOKENS = frozenset(
    {"comment", "comments", "binhluan", "reply", "related", "relatedposts", "mostread",
     "popular", "recommend", "recommended", "lienquan", "xemnhieu"}
)  # fmt: skip
FOREIGN_TAGS = ("footer", "aside", "nav")
HOME_LABELS = frozenset({"home", "trang chu", "homepage", "front page", "index"})
TITLE_SEPARATORS = re.compile(r"\s+[-|–—·:»]{1,2}\s+")
BYLINE_PREFIX = re.compile(
    r"^(?:by|bởi|tác giả|written by|posted by|story by|von|par|por|door|af|av|di|da|przez)"
    r"\s*:?\s+",
    re.IGNORECASE,
)
# A byline that is only one of these is a label, not a name (or a date's
# label left behind once its date is taken out: "Last Updated").
BYLINE_LABELS = frozenset(
    {"by", "boi", "tac gia", "von", "par", "por", "door", "af", "av", "di", "da", "przez",
     "author", "authors", "autor", "auteur", "autore", "written by", "posted by", "staff",
     "updated", "last updated", "published", "posted", "posted on", "phong vien"}
) | frozenset(
    # Chinese, Japanese and Korean labels, folded the way labels are looked up.
    label_key(label) for label in ("作者", "记者", "記者", "文", "编辑", "責任編輯", "责任编辑",
                                   "執筆", "著者", "기자", "글")
)  # fmt: skip
# Words of page chrome ("Themen bearbeiten", "Follow", "Share") and picture
# credits that land in author elements; no person is named by them.
NOT_NAME_WORDS = frozenset(
    {"image", "images", "photo", "photos", "getty", "shutterstock", "istock", "reuters",
     "bearbeiten", "edit", "follow", "folgen", "share", "teilen", "subscribe", "abonnieren",
     "menu", "login", "anmelden", "newsletter", "themen", "more", "mehr", "contact", "anh",
     "nguon", "credit", "copyright", "alamy", "afp", "dpa", "epa",
     # A weekday is a date's, never a name's ("Joe Wee Monday, February 3").
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"}
)  # fmt: skip
# Author meta tags, best first: the creator declared for citation, the
# generic author tag, then those of analytics and newsroom systems.
AUTHOR_METAS = (
    "dc:creator", "dcterms:creator", "dc.creator", "dcterms.creator", "citation_author",
    "author", "article:author", "parsely-author", "byl", "sailthru.author",
)  # fmt: skip
_EMAIL = re.compile(r"\S+@\S+\.\w+")
ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})
# Internal codes posing as tags: "ECONEWS2024" (capitals and digits, no
# separator, so "COVID-19" and "G20" stay), a UUID, "Partner: Factiva".
TAG_CODE = re.compile(r"^(?=(?:.*\d){2})(?=(?:.*[A-Z]){3})[A-Z0-9_]{6,}$|^[A-Za-z]+:\s*\S")
TAG_UUID = re.compile(r"^[0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12}$", re.IGNORECASE)
# What some pages wrap their JSON-LD in, for old parsers: "<![CDATA[ ... ]]>",
# "//<![CDATA[", "<!-- ... -->".
JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
# A heading found inside a declared title is the headline when the rest of
# that title is no longer than it ("Story" of "Story | Site"; not "Site" of
# "Site: Story"), give or take the separator's characters.
SEPARATOR_SLACK = 3
# The visible headline is an article's title when it is this short.
MAX_HEADLINE_WORDS = 40
# A document title's last part after a separator is the site's name when it
# is this short and what comes before it is a headline of this many words.
MAX_DECORATION_WORDS = 4
MIN_HEADLINE_WORDS = 3
# Labels of a host name shorter than this ("co" of bbc.co.uk) name no site.
MIN_SITE_LABEL_CHARS = 3
# Titles declared for citation and analytics name the article itself; the
# Open Graph and Twitter ones are written for sharing and may be a teaser.
CITATION_TITLE_METAS = (
    "dc:title", "dcterms:title", "dc.title", "dcterms.title", "citation_title", "parsely-title"
)  # fmt: skip
SOCIAL_TITLE_METAS = ("og:title", "twitter:title")
# Signs of a heading's own permalink: pilcrow, section sign, link symbols.
PERMALINK_SIGNS = "¶§🔗⚓"
# ...and shares this many words (of three letters or more) with a declared title.
HEADLINE_SHARED_WORDS = 3
MAX_TAGS = 30
MAX_TAG_CHARS = 60
MAX_BYLINE_CHARS = 100
MAX_BYLINE_WORDS = 12


@dataclass
class PageMetadata:
    """The article's metadata as read from one page."""

    title: str | None = None
    site: str | None = None
    byline: str | None = None
    """From JSON-LD, ``rel``/``itemprop`` author or a byline block."""
    meta_author: str | None = None
    """``meta[name=author]``: the weakest source, used only as a last resort."""
    published: str | None = None
    section: str | None = None
    topics: list[str] = field(default_factory=list)
    """The page's own keywords for the story: the article's topics."""
    description: str | None = None
    canonical: str | None = None
    language: str | None = None
    tag_lists: list[HtmlElement] = field(default_factory=list)
    """The page's labelled tag lists and breadcrumbs, to keep out of the body."""


@dataclass
class _Sources:
    """Everything the field readers look at, gathered once."""

    root: HtmlElement
    base_url: str | None
    meta: dict[str, list[str]]
    article: dict[str, Any]
    breadcrumb: list[str]
    publisher: str | None


def read_metadata(
    root: HtmlElement,
    base_url: str | None,
    default_offset: str | None = None,
    labels: LabelIndex | None = None,
) -> PageMetadata:
    """Read every metadata field of the page rooted at ``root``."""
    objects = list(_json_ld_objects(root))
    sources = _Sources(
        root=root,
        base_url=base_url,
        meta=_meta_tags(root),
        article=_article_object(objects),
        breadcrumb=_json_ld_breadcrumb(objects),
        publisher=None,
    )
    site = _site_name(sources)
    sources.publisher = site
    topics, tag_lists = _topics(sources, labels)
    breadcrumbs = _breadcrumb_elements(root)
    return PageMetadata(
        title=_title(sources, site),
        site=site,
        byline=_byline(sources, site),
        meta_author=_meta_author(sources, site),
        published=_published(sources, default_offset),
        section=_section(sources, breadcrumbs),
        topics=topics,
        description=_description(sources),
        canonical=_canonical(sources),
        language=_html_language(root),
        tag_lists=tag_lists + breadcrumbs,
    )


def clean_person_name(text: str) -> str:
    """A byline without "By", label colons or surrounding punctuation, each
    name once ("X, X" as some bylines repeat it)."""
    text = collapse_whitespace(nfc(text))
    text = BYLINE_PREFIX.sub("", text)
    text = text.strip(" ,;|-–—:：").strip()
    names = _unique(name.strip() for name in text.split(","))
    return ", ".join(name for name in names if name)


def is_site_name(name: str, site: str | None, host: str | None = None) -> bool:
    """Whether ``name`` is just the site's own name (or its host)."""
    key = folded(name).replace(" ", "")
    for other in (site, host):
        if other and key and key == folded(other).replace(" ", "").removeprefix("www."):
            return True
    return False


def normalize_timestamp(value: str, default_offset: str | None = None) -> str | None:
    """An ISO 8601 timestamp as stored: minutes precision unless seconds matter,
    with the page's offset, or a plain date; None when unreadable."""
    text = value.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text[:11] else text)
    except ValueError:
        return parse_visible_date(text, default_offset)
    if len(text) <= 10:
        return moment.date().isoformat()
    if moment.tzinfo is None and default_offset is not None:
        moment = datetime.fromisoformat(moment.isoformat() + default_offset)
    spec = "minutes" if moment.second == 0 and moment.microsecond == 0 else "seconds"
    return moment.isoformat(timespec=spec)


# --------------------------------------------------------------------------
# Gathering
# --------------------------------------------------------------------------


def _json_ld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, ``@graph`` members included."""
    for script in iter_elements(root, "script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(JSON_WRAPPER.sub("", script.text or ""), strict=False)
        except ValueError:
            continue
        yield from _flatten(_unescaped(data))


def unescape_entities(text: str) -> str:
    """Text with its HTML entities decoded, twice encoded ones too
    (``Swift&amp;#8217;s`` in a meta tag reads ``Swift’s``)."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


def _unescaped(data: Any) -> Any:
    """A JSON-LD value with every string's HTML entities decoded."""
    if isinstance(data, str):
        return unescape_entities(data)
    if isinstance(data, list):
        return [_unescaped(item) for item in data]
    if isinstance(data, dict):
        return {key: _unescaped(value) for key, value in data.items()}
    return data


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-LD value, descending into lists and ``@graph``."""
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _types(item: dict[str, Any]) -> set[str]:
    """The lower-cased ``@type`` names of a JSON-LD object."""
    kind = item.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return {name.lower() for name in names if isinstance(name, str)}


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object describing the article itself, or an empty dict."""
    for item in objects:
        if _types(item) & ARTICLE_TYPES:
            return item
    return {}


def _json_ld_breadcrumb(objects: list[dict[str, Any]]) -> list[str]:
    """The names of a JSON-LD BreadcrumbList, in order."""
    for item in objects:
        if "breadcrumblist" in _types(item):
            elements = item.get("itemListElement")
            names = []
            for entry in elements if isinstance(elements, list) else []:
                if isinstance(entry, dict):
                    name = entry.get("name") or _name_of(entry.get("item"))
                    if isinstance(name, str) and name.strip():
                        names.append(collapse_whitespace(nfc(name)))
            return names
    return []


def _meta_tags(root: HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased name/property, in page order."""
    found: dict[str, list[str]] = {}
    for meta in iter_elements(root, "meta"):
        keys = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if keys and content and content.strip():
            value = collapse_whitespace(nfc(unescape_entities(content)))
            # RDFa lets one tag declare several properties: "og:title twitter:title".
            for key in keys.lower().split():
                found.setdefault(key, []).append(value)
    return found


def _first_meta(sources: _Sources, *names: str) -> str | None:
    """The first non-empty content among the named meta tags."""
    for name in names:
        values = sources.meta.get(name)
        if values:
            return values[0]
    return None


def _name_of(value: Any) -> str | None:
    """A JSON-LD value's name: a string itself, or an object's ``name``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    return None


def _text_value(value: Any) -> str | None:
    """A JSON-LD string (or the first string of a list), cleaned."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    if isinstance(value, str) and value.strip():
        return collapse_whitespace(nfc(value))
    return None


def _is_foreign(element: HtmlElement) -> bool:
    """Whether ``element`` sits in comments, related lists or page furniture.

    A ``footer`` inside an ``article`` is the article's own (WordPress puts
    the byline and date there); only the page's footer is furniture.
    """
    in_article = False
    for ancestor in reversed(list(element.iterancestors())):
        if ancestor.tag == "article":
            in_article = True
        if ancestor.tag in FOREIGN_TAGS and not (ancestor.tag == "footer" and in_article):
            return True
        if class_tokens(ancestor) & FOREIGN_TOKENS:
            return True
    return False


def _host(sources: _Sources) -> str | None:
    """The page's host name, for telling the site's name from a person's."""
    if not sources.base_url:
        return None
    return urlsplit(sources.base_url).hostname


# --------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------


def _site_name(sources: _Sources) -> str | None:
    """og:site_name, the JSON-LD publisher, application-name, else the host."""
    publisher = _name_of(sources.article.get("publisher"))
    for value in (
        _first_meta(sources, "og:site_name"),
        publisher,
        _first_meta(sources, "application-name", "twitter:site"),
    ):
        if value and value.strip():
            return collapse_whitespace(nfc(value)).lstrip("@")
    host = _host(sources)
    return host.removeprefix("www.") if host else None


def _title(sources: _Sources, site: str | None) -> str | None:
    """The headline: the page's h1 when it matches the declared title."""
    host = _host(sources)
    document_title = _document_title(sources.root)
    declared = [
        _text_value(sources.article.get("headline")),
        _first_meta(sources, *CITATION_TITLE_METAS),
        _first_meta(sources, *SOCIAL_TITLE_METAS),
    ]
    candidates = [_strip_site(value, site, host) for value in declared if value]
    if document_title:
        # The tab's title carries the site's name even where the page never
        # says what its site is called: "Story – My website".
        candidates.append(_strip_decoration(_strip_site(document_title, site, host)))
    headings = [
        text
        for heading in sources.root.xpath(_HEADLINE_XPATH)
        if not _is_foreign(heading) and (text := headline_text(heading))
    ]
    for text in headings:
        if _matches_any(text, candidates):
            return text
    # A visible headline that no declared title matches: the declared ones
    # are the social or search variants ("You won't believe..."), the page
    # shows its readers the real one.
    for text in headings:
        if _is_headline(text, site, candidates):
            return text
    if candidates:
        return candidates[0]
    heading = next(iter_elements(sources.root, "h1"), None)
    return text_of(heading) or None if heading is not None else None


# The page's visible headlines: its h1 elements and what microdata marks as
# the headline (an h2 or a div on some sites), in page order.
_HEADLINE_XPATH = (
    "//h1 | //*[contains(concat(' ', normalize-space(@itemprop), ' '), ' headline ')]"
    "[not(self::meta)]"
)


def headline_text(heading: HtmlElement) -> str:
    """A headline element's text without the permalink sign documentation
    generators put after it ("Installation¶")."""
    return text_of(heading).rstrip(PERMALINK_SIGNS).rstrip()


def _is_headline(text: str, site: str | None, declared: list[str]) -> bool:
    """Whether a page's only ``h1`` reads as this article's headline: not
    the site's name or a short section heading, and about the same story as
    a declared title (sharing some of its words)."""
    if is_site_name(text, site):
        return False
    if not MIN_HEADLINE_WORDS <= len(text.split()) <= MAX_HEADLINE_WORDS:
        return False
    words = _words(text)
    # The main part of each declared title: "Story | Site" gives "Story".
    mains = [TITLE_SEPARATORS.split(title)[0] for title in declared]
    if any(_words(title) == words for title in declared):
        return False  # the same headline, only its quotes or dashes differ
    return any(len(words & _words(main)) >= HEADLINE_SHARED_WORDS for main in mains)


def _words(text: str) -> set[str]:
    """The folded words of three letters or more of ``text``."""
    return set(re.findall(r"\w{3,}", folded(text)))


def _document_title(root: HtmlElement) -> str | None:
    """The ``<title>`` text, if any."""
    title = next(iter_elements(root, "title"), None)
    return text_of(title) or None if title is not None else None


def _strip_site(title: str, site: str | None, host: str | None) -> str:
    """A title without its " - Site name" or "Site | " decoration, the site
    named as it calls itself or as its address does ("| The Verge" on
    theverge.com)."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_keys = _site_keys(site, host)
    if folded(parts[-1]).replace(" ", "") in site_keys:
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if folded(parts[0]).replace(" ", "") in site_keys:
        return title[len(parts[0]) :].lstrip(" -|–—·:»")
    return title


def _site_keys(site: str | None, host: str | None) -> set[str]:
    """The folded, space-free names a site goes by: its own name and the
    words of its address ("theverge" of www.theverge.com), not the domain
    ending."""
    keys = {folded(site).replace(" ", "")} if site else set()
    if host:
        labels = host.lower().removeprefix("www.").split(".")
        keys.update(label for label in labels[:-1] if len(label) >= MIN_SITE_LABEL_CHARS)
        keys.add(host.lower().removeprefix("www."))
    return keys - {""}


def _strip_decoration(title: str) -> str:
    """A document title without a short last part after a separator
    ("Story words here – My website"), when the rest reads as a headline."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    last = parts[-1]
    head = title[: title.rindex(last)].rstrip(" -|–—·:»")
    if len(last.split()) <= MAX_DECORATION_WORDS and len(head.split()) >= MIN_HEADLINE_WORDS:
        return head
    return title


def _matches_any(text: str, candidates: list[str]) -> bool:
    """Whether a heading is the same headline as one of the declared titles:
    one holds the other, and a heading held in a declared title is the main
    part of it (not the site's name of "Site: Story")."""
    key = folded(text)
    if not key:
        return False
    for other in map(folded, candidates):
        # The rest of the declared title ("Site: " or " | Site") is no longer
        # than the heading itself, separators aside.
        if other in key or (key in other and len(key) >= len(other) - len(key) - SEPARATOR_SLACK):
            return True
    return False


def _byline(sources: _Sources, site: str | None) -> str | None:
    """JSON-LD author, rel/itemprop author, byline blocks, then meta author."""
    host = _host(sources)
    # A JSON-LD Person is a person even when the site bears their name (a
    # personal blog): only other sources can be the site's name posing as one.
    people = clean_person_name(", ".join(_json_ld_people(sources.article.get("author"))))
    if is_plausible_byline(people):
        return people
    for name in _byline_candidates(sources):
        cleaned = clean_person_name(_without_date(name))
        if is_plausible_byline(cleaned) and not is_site_name(cleaned, site, host):
            return cleaned
    return None


def _json_ld_people(value: Any) -> list[str]:
    """Names of the JSON-LD ``author`` items typed ``Person``."""
    items = value if isinstance(value, list) else [value]
    people = [item for item in items if isinstance(item, dict) and "person" in _types(item)]
    return _json_ld_authors(people) if len(people) == len(items) else []


def is_plausible_byline(text: str | None) -> bool:
    """Whether ``text`` can be a person's name (or a few): not a label alone,
    an e-mail or web address, a picture credit, page chrome, a number or a date."""
    if not text or len(text) > MAX_BYLINE_CHARS or len(text.split()) > MAX_BYLINE_WORDS:
        return False
    if "://" in text or _EMAIL.search(text) or any(char.isdigit() for char in text):
        return False
    key = label_key(text)
    if key in BYLINE_LABELS or not any(char.isalpha() for char in text):
        return False
    if set(re.findall(r"\w+", key)) & NOT_NAME_WORDS:
        return False
    return find_visible_date(text) is None


def _byline_candidates(sources: _Sources) -> Iterator[str]:
    """Author names, best source first."""
    names = _json_ld_authors(sources.article.get("author"))
    if names:
        yield ", ".join(names)
    linked = _unique(
        text_of(element)
        for element in iter_elements(sources.root, "a", "span", "div", "p", "address")
        if _names_author(element) and not _is_foreign(element)
    )
    if linked:
        yield ", ".join(_author_names(sources, linked))
    blocks = [
        element
        for element in iter_elements(sources.root, "div", "span", "p", "address", "a", "strong")
        if class_tokens(element) & BYLINE_TOKENS
    ]
    for element in blocks:
        # "<div class=byline><span class=contributor>By X</span><span>Role</span>":
        # the innermost author element names the person, the block adds roles.
        if any(other is not element and element in other.iterancestors() for other in blocks):
            continue
        if not _is_foreign(element):
            text = text_of(element)
            if text:
                yield text


def _names_author(element: HtmlElement) -> bool:
    """Whether ``rel`` or ``itemprop`` says the element is the author; both
    hold lists of words ("author creator")."""
    return any(
        "author" in (element.get(attribute) or "").lower().split()
        for attribute in ("rel", "itemprop")
    )


def _without_date(text: str) -> str:
    """A byline block's text without the date printed in it."""
    found = find_visible_date(text)
    if found is None:
        return text
    return f"{text[: found.start]} {text[found.end :]}".strip(" |,·-–—")


def _meta_author(sources: _Sources, site: str | None) -> str | None:
    """``meta[name=author]`` unless it is just the site's name or an address."""
    meta = _first_meta(sources, *AUTHOR_METAS)
    if meta is None:
        return None
    cleaned = clean_person_name(meta)
    if not is_plausible_byline(cleaned) or is_site_name(cleaned, site, _host(sources)):
        return None
    return cleaned


def _author_names(sources: _Sources, texts: list[str]) -> list[str]:
    """Person names from author elements (itemprop=name wins when present)."""
    names = [
        text_of(element)
        for element in sources.root.xpath("//*[@itemprop='name']")
        if any(_names_author(ancestor) for ancestor in element.iterancestors())
    ]
    return _unique(names) or texts


def _json_ld_authors(value: Any) -> list[str]:
    """Names of the JSON-LD ``author`` value (a string, an object or a list)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and _types(item) & ORGANIZATION_TYPES:
            continue  # the outlet signing as author: not a byline
        name = _name_of(item)
        if name and name.strip():
            names.append(collapse_whitespace(nfc(name)))
    return _unique(names)


def _published(sources: _Sources, default_offset: str | None) -> str | None:
    """The publication time: structured data first; a visible date with a
    time of day next (on the structured date's day, when there is one), so
    a site header's bare "today" never wins over the article's timestamp."""
    day = None
    for raw in _structured_dates(sources):
        value = normalize_timestamp(raw, default_offset)
        if value is not None and "T" in value:
            return value
        day = day or value
    first_visible = None
    for raw in _visible_dates(sources.root):
        value = normalize_timestamp(raw, default_offset)
        if value is None:
            continue
        if "T" in value and (day is None or value.startswith(day)):
            return value
        first_visible = first_visible or value
    return day or first_visible


def _structured_dates(sources: _Sources) -> Iterator[str]:
    """Publication dates from markup meant for machines, best source first."""
    value = _text_value(sources.article.get("datePublished"))
    if value:
        yield value
    for name in ("article:published_time", "og:published_time", "datepublished",
                 "pubdate", "publishdate", "date", "dc.date", "dc.date.issued"):  # fmt: skip
        yield from sources.meta.get(name, [])
    for element in iter_elements(sources.root, "time"):
        stamp = element.get("datetime")
        if stamp and not _is_foreign(element):
            yield stamp
    for element in sources.root.xpath("//*[@itemprop='datePublished']"):
        stamp = element.get("content") or element.get("datetime")
        if stamp:
            yield stamp


def _visible_dates(root: HtmlElement) -> Iterator[str]:
    """Short texts in date-looking elements, in page order."""
    for element in iter_elements(root, "span", "div", "p", "time", "li", "small", "em"):
        if class_tokens(element) & DATE_TOKENS and not _is_foreign(element):
            text = text_of(element)
            if 6 <= len(text) <= 120:
                yield text


def _section(sources: _Sources, breadcrumbs: list[HtmlElement]) -> str | None:
    """JSON-LD articleSection, article:section, breadcrumb, category links."""
    return (
        _text_value(sources.article.get("articleSection"))
        or _first_meta(sources, "article:section")
        or _breadcrumb_section(sources, breadcrumbs)
        or _category_link(sources.root)
    )


def _breadcrumb_section(sources: _Sources, breadcrumbs: list[HtmlElement]) -> str | None:
    """The breadcrumb's last item that is neither home nor the article itself."""
    names = sources.breadcrumb or _markup_breadcrumb(breadcrumbs)
    title_keys = {
        folded(value)
        for value in (
            _text_value(sources.article.get("headline")),
            _first_meta(sources, "og:title"),
            _document_title(sources.root),
        )
        if value
    }
    for name in reversed(names):
        key = label_key(name)
        if key in HOME_LABELS or not key or any(key in title for title in title_keys):
            continue
        return name
    return None


# Breadcrumbs by class, id, ARIA label or microdata type, in any case: the
# XPath finds the elements with one of these attributes in C, Python looks
# for the word (faster than XPath's ``contains`` on every element).
_BREADCRUMB_ATTRIBUTES = ("class", "id", "aria-label", "itemtype")
_MAY_BE_BREADCRUMB = etree.XPath(
    ".//*[" + " or ".join(f"@{name}" for name in _BREADCRUMB_ATTRIBUTES) + "]"
)


def _breadcrumb_elements(root: HtmlElement) -> list[HtmlElement]:
    """Breadcrumb containers, outermost only, in document order."""
    found: list[HtmlElement] = []
    for element in _MAY_BE_BREADCRUMB(root):
        if not any(_names_breadcrumb(element.get(name)) for name in _BREADCRUMB_ATTRIBUTES):
            continue
        if not any(ancestor in found for ancestor in element.iterancestors()):
            found.append(element)
    return found


def _names_breadcrumb(value: str | None) -> bool:
    """Whether an attribute value names a breadcrumb ("breadcrumb", "BREADCRUMB")."""
    return value is not None and ("readcrumb" in value or "READCRUMB" in value)


def _markup_breadcrumb(breadcrumbs: list[HtmlElement]) -> list[str]:
    """Item texts of the first breadcrumb in the markup."""
    for element in breadcrumbs:
        items = [text_of(link) for link in iter_elements(element, "a")]
        tail = [text_of(item) for item in iter_elements(element, "li", "span") if len(item) == 0]
        names = [name for name in items if name]
        if tail and tail[-1] and tail[-1] not in names:
            names.append(tail[-1])
        if names:
            return names
    return []


def _category_link(root: HtmlElement) -> str | None:
    """The text of the first category link of the article."""
    for link in iter_elements(root, "a"):
        rel = (link.get("rel") or "").lower().split()
        if "category" in rel or (class_tokens(link) & SECTION_TOKENS and not _is_foreign(link)):
            text = text_of(link)
            if text and len(text) <= MAX_TAG_CHARS:
                return text
    return None


def _topics(sources: _Sources, labels: LabelIndex | None) -> tuple[list[str], list[HtmlElement]]:
    """Topic names from every source (JSON-LD, ``article:tag``, tag links,
    labelled tag lists, then the keywords meta tags), and the labelled tag
    lists."""
    names: list[str] = []
    names.extend(_split_keywords(sources.article.get("keywords")))
    for value in sources.meta.get("article:tag", []):
        names.extend(_split_keywords(value))
    for link in iter_elements(sources.root, "a"):
        rel = (link.get("rel") or "").lower().split()
        if "tag" in rel and "category" not in rel:
            names.append(text_of(link))
    lists = _tag_lists(sources.root, labels)
    for container in lists:
        names.extend(text_of(link) for link in iter_elements(container, "a"))
    names.extend(_split_keywords(_first_meta(sources, "news_keywords")))
    names.extend(_split_keywords(_first_meta(sources, "keywords")))
    return _clean_tags(names), lists


def _tag_lists(root: HtmlElement, labels: LabelIndex | None) -> list[HtmlElement]:
    """Containers of tag links headed by "Tags", "Từ khóa", "Topics"..."""
    containers = [
        element
        for element in root.xpath(".//*[@class]")
        if class_tokens(element) & TAG_CLASS_TOKENS
        and element.tag in TAG_LIST_TAGS
        and not _is_foreign(element)
        and _is_tag_list(element)
    ]
    for container in _tag_path_lists(root):
        if not any(holds(found, container) for found in containers):
            containers.append(container)
    for label in find_labels(root, TAG_LABELS, labels):
        container = label
        while container is not None and not any(True for _ in iter_elements(container, "a")):
            container = container.getparent()
        if container is None or container.tag in ("body", "html"):
            continue
        if container not in containers and _is_tag_list(container):
            containers.append(container)
    return containers


def _tag_path_lists(root: HtmlElement) -> list[HtmlElement]:
    """Containers whose links all lead to the site's tag or topic pages
    (at least two of them), outside comments, related lists and furniture."""
    found: dict[HtmlElement, None] = {}
    for link in iter_elements(root, "a"):
        if not TAG_PATH.search(link.get("href") or ""):
            continue
        container = next(
            (parent for parent in link.iterancestors() if parent.tag in TAG_LIST_TAGS), None
        )
        if container is not None and container not in found:
            found[container] = None
    return [
        container
        for container in found
        if _links_lead_to_tags(container)
        and not _is_foreign(container)
        and not _is_menu(container)
        and _is_tag_list(container)
    ]


def _is_menu(element: HtmlElement) -> bool:
    """Whether ``element`` is (in) a menu, a sidebar, a widget or the page's
    header (an article's own header is not the page's)."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.tag == "article":
            return False
        if ancestor.tag == "header" or class_tokens(ancestor) & MENU_TOKENS:
            return True
    return False


def _links_lead_to_tags(container: HtmlElement) -> bool:
    hrefs = [link.get("href") or "" for link in iter_elements(container, "a")]
    return MIN_TAG_PATH_LINKS <= len(hrefs) <= MAX_TAGS and all(
        TAG_PATH.search(href) for href in hrefs
    )


def _is_tag_list(container: HtmlElement) -> bool:
    """A list of short links (topic names), not prose or a list of stories."""
    links = list(iter_elements(container, "a"))
    return (
        bool(links)
        and is_link_list(container)
        and all(len(text_of(link)) <= MAX_TAG_CHARS for link in links)
    )


def _split_keywords(value: Any) -> list[str]:
    """Keywords from a comma-separated string or a list of strings."""
    if isinstance(value, list):
        return [part for item in value for part in _split_keywords(item)]
    if isinstance(value, str):
        return [part for part in re.split(r"[,;]", value) if part.strip()]
    return []


def _is_code(tag: str) -> bool:
    """An internal code rather than a topic (all-capital with digits, a UUID,
    a "Partner: Factiva" label)."""
    return bool(TAG_CODE.match(tag) or TAG_UUID.match(tag))


def _clean_tags(names: list[str]) -> list[str]:
    """Trimmed, deduplicated (ignoring case and diacritics) tag names."""
    seen: set[str] = set()
    tags = []
    for name in names:
        tag = collapse_whitespace(nfc(name)).strip(" #,;")
        key = folded(tag)
        if not tag or key in seen or len(tag) > MAX_TAG_CHARS or _is_code(tag):
            continue
        seen.add(key)
        tags.append(tag)
    return tags[:MAX_TAGS]


def _description(sources: _Sources) -> str | None:
    """The page's own summary: JSON-LD, og:description or meta description."""
    return _text_value(sources.article.get("description")) or _first_meta(
        sources, "og:description", "description", "twitter:description"
    )


def _canonical(sources: _Sources) -> str | None:
    """The canonical address: link rel=canonical, og:url, JSON-LD url."""
    for link in iter_elements(sources.root, "link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found = absolute_url(link.get("href"), sources.base_url)
            if found:
                return found
    for value in (_first_meta(sources, "og:url"), _text_value(sources.article.get("url"))):
        found = absolute_url(value, sources.base_url)
        if found:
            return found
    return None


def _html_language(root: HtmlElement) -> str | None:
    """The primary subtag of ``<html lang>`` ("vi-VN" gives "vi")."""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        return None
    primary = lang.strip().split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _unique(values: Iterator[str] | list[str]) -> list[str]:
    """Non-empty values in order, without repeats."""
    seen: set[str] = set()
    result = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            result.append(value)
    return result
