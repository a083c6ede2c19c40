"""The dataclasses that cross the storage boundary.

Two families live here:

* *Records* (``ArticleRecord``, ``ImageRecord``, ``RelatedRecord``) are what
  ``capture`` produces from outside material and what ``Library.save_article``
  accepts. They carry no ids.
* *Stored objects* (``Article``, ``ArticleSummary``, ``Image``, ``Tag``,
  ``RelatedLink``, ``SearchHit``, ``SaveResult``) are what ``Library`` returns.
  They are plain values: no cursors, no lazy database access.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RelatedKind = Literal["listed", "inline"]
RelatedItemKind = Literal["listed", "inline", "duplicate", "similar"]
ArticleStatus = Literal["unread", "read", "archived"]
CaptureStatus = Literal["complete", "pending"]
SaveOutcome = Literal["added", "updated"]
ArticleKind = Literal["article", "clip"]
"""An ``article`` is a whole page; a ``clip`` is a selection taken from one."""
ARTICLE_KINDS: tuple[str, ...] = ("article", "clip")

ARTICLE_STATUSES: tuple[str, ...] = ("unread", "read", "archived")


# --------------------------------------------------------------------------
# Records: capture -> storage
# --------------------------------------------------------------------------


@dataclass
class ImageRecord:
    """One picture of an article, with its caption, as found by capture.

    ``data`` is None for an image whose bytes are not (yet) in hand: a text
    dump names its pictures only by their captions, and an offline capture
    keeps remote images as pending with their ``src``.
    """

    src: str | None = None
    alt: str = ""
    caption: str = ""
    credit: str = ""
    data: bytes | None = None
    mime: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass
class RelatedRecord:
    """A story the page itself points to: its "read more" list (``listed``)
    or a teaser link between paragraphs (``inline``)."""

    kind: RelatedKind
    title: str
    url: str | None = None
    section: str | None = None
    summary: str | None = None


EXTRACTOR_VERSION = "readshelf-extract/3"
"""The version of the extraction (web pages, selections, text files) that
wrote an article's body. Raised whenever the extraction changes in a way a
re-extraction could improve."""


@dataclass
class ExtractionInfo:
    """How an article's body was extracted: by which version of the
    extraction, and what it had to give up or fall back on (one line each,
    e.g. "kept trafilatura's body: ours had 12% of its words")."""

    version: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ArticleRecord:
    """Everything capture learned about one article, ready to be saved.

    ``reader_html`` is sanitized body HTML in which the n-th image is
    referenced as ``image:n`` (its position in ``images``). ``body_text`` is
    the same body as plain text, paragraphs separated by one blank line, and
    without the lead. ``published`` is ISO 8601, with an offset when known.
    ``source`` holds the original bytes so the article can be re-extracted.
    """

    title: str
    url: str | None = None
    byline: str | None = None
    site: str | None = None
    section: str | None = None
    published: str | None = None
    lead: str | None = None
    body_text: str = ""
    reader_html: str = ""
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    """The person's tags for the article, saved as given."""
    topics: list[str] = field(default_factory=list)
    """The site's own keywords for the story: saved as the article's topics,
    never as tags."""
    images: list[ImageRecord] = field(default_factory=list)
    related: list[RelatedRecord] = field(default_factory=list)
    arrived_by: str = "text"
    source: bytes | None = None
    source_type: str | None = None
    source_name: str | None = None
    capture_status: CaptureStatus = "complete"
    capture_error: str | None = None
    extraction: ExtractionInfo = field(default_factory=ExtractionInfo)
    kind: ArticleKind = "article"
    """``clip`` for a selection: its own article, linked to the page at ``url``
    (which it never updates) rather than identified by it."""
    url_declared: bool = False
    """Whether ``url`` is only what the page declares (``<link rel=canonical>``,
    a saved page's "saved from" comment, an MHTML snapshot address) rather
    than the address it was fetched from. A declared address identifies an
    article only when it is plausible and the text is the same story."""


# --------------------------------------------------------------------------
# Stored objects: storage -> callers
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Image:
    """Metadata of a stored image; the bytes come from ``Library.image_data``."""

    id: int
    article_id: int
    position: int
    alt: str
    caption: str
    credit: str
    src: str | None
    has_data: bool
    mime: str | None
    width: int | None
    height: int | None


@dataclass(frozen=True)
class RelatedLink:
    id: int
    article_id: int
    position: int
    kind: RelatedKind
    title: str
    url: str | None
    section: str | None
    summary: str | None
    target_id: int | None


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    count: int


@dataclass(frozen=True)
class Topic:
    """One of the sites' keywords, with how many articles carry it."""

    id: int
    name: str
    count: int


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list needs for one row: no body, no images."""

    id: int
    title: str
    site: str | None
    section: str | None
    published: str | None
    saved: str
    word_count: int
    reading_minutes: int
    status: ArticleStatus
    favorite: bool
    capture_status: CaptureStatus
    reading_position: float = 0.0
    """How far the reader got, 0..1 (the share of the body scrolled past)."""


@dataclass(frozen=True)
class Article:
    id: int
    url: str | None
    title: str
    byline: str | None
    site: str | None
    section: str | None
    published: str | None
    saved: str
    updated: str
    lead: str | None
    body_text: str
    reader_html: str
    language: str | None
    word_count: int
    reading_minutes: int
    status: ArticleStatus
    favorite: bool
    reading_position: float
    content_hash: str
    arrived_by: str
    source_name: str | None
    capture_status: CaptureStatus
    capture_error: str | None
    tags: tuple[str, ...]
    images: tuple[Image, ...]
    related: tuple[RelatedLink, ...]
    extraction: ExtractionInfo | None = None
    """How the body was extracted; None for articles saved before it was recorded."""
    kind: ArticleKind = "article"
    clip_of: int | None = None
    """For a clip: the saved article of the page it was taken from, if saved."""
    page_url: str | None = None
    """The address of the page this came from when that address does not
    identify it: a clip's page, or an address the page declared that belongs
    to another saved story (or to a home or listing page)."""
    clips: tuple[int, ...] = ()
    """The ids of the clips taken from this article's page, oldest first."""
    topics: tuple[str, ...] = ()
    """The site's own keywords for the story (its topics), apart from
    ``tags``, which are the user's."""


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    snippet: str
    score: float


VersionReason = Literal["replaced", "shorter", "retitled", "reverted"]
"""Why a version was kept: its text was ``replaced`` by a newer save or by a
``reverted`` one; or it is a newer save held back because it was much
``shorter`` than the saved text or ``retitled``."""


@dataclass(frozen=True)
class Version:
    """An earlier (or a held-back newer) text of an article, kept on a re-save."""

    article_id: int
    number: int
    """Numbers grow with each version kept and are never reused."""
    title: str
    word_count: int
    saved: str
    """When this text was saved (ISO UTC)."""
    kept: str
    """When it stopped being (or was held back from being) the current text."""
    extractor: str | None
    """The extraction version that wrote it; None for text dumps and old saves."""
    reason: VersionReason
    stored_bytes: int
    """Space it takes in the library: compressed text, source and pictures."""


@dataclass(frozen=True)
class ArticleVersion:
    """A version's content, to read it: pictures via ``Library.version_image_data``."""

    version: Version
    title: str
    byline: str | None
    lead: str | None
    body_text: str
    reader_html: str
    language: str | None
    images: tuple[Image, ...]


@dataclass(frozen=True)
class SaveResult:
    id: int
    outcome: SaveOutcome
    previous_version: Version | None = None
    """The text this save replaced, kept as a version."""
    held_back: Version | None = None
    """This save's text, kept as a version instead of replacing the saved text
    (much shorter, or another title): the saved text stays current."""


@dataclass(frozen=True)
class SimilarArticle:
    """A saved article like another one, with the reason it was picked."""

    id: int
    title: str
    site: str | None
    section: str | None
    published: str | None
    score: float
    why: str
    """Why it was picked, for a tooltip: the shared tags and top shared terms."""
    url: str | None = None
    shared_tags: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()
    """Shared distinctive terms, heaviest first, with their diacritics."""
    duplicates: tuple[int, ...] = ()
    """Other saved copies of this same text, grouped under it."""


@dataclass(frozen=True)
class RelatedItem:
    """One entry of an article's related stories, in the order they are shown:

    * ``listed``/``inline``: the page's own "read more" list and teaser links,
      ``article_id`` set when the story is saved too; no score;
    * ``duplicate``: another saved copy of the same text (the same story saved
      twice, or syndicated), shown as "Also saved as …"; ``score`` is the
      estimated share of text in common (0..1);
    * ``similar``: a different article on the same story or subject;
      ``score`` is the similarity (text cosine plus tag, section, site and
      time rewards), ``why`` names the shared tags and terms.
    """

    kind: RelatedItemKind
    title: str
    url: str | None
    section: str | None
    summary: str | None
    article_id: int | None
    score: float | None
    why: str | None


# Feeds ------------------------------------------------------------------

FeedMode = Literal["full", "feed"]
FEED_MODES: tuple[str, ...] = ("full", "feed")


@dataclass(frozen=True)
class Feed:
    """One subscription, with its last check and its article counts."""

    id: int
    url: str
    title: str | None
    site_url: str | None
    tag: str | None
    folder: tuple[str, ...]
    """The OPML outline path the feed was imported under (outermost first)."""
    mode: FeedMode
    entry_tags: bool
    """Whether entry categories become article tags."""
    etag: str | None
    last_modified: str | None
    last_checked: str | None
    last_status: int | None
    error: str | None
    failures: int
    """Checks in a row that failed; 0 after any success."""
    next_check: str | None
    """No check before this instant (ISO UTC): Retry-After or backoff."""
    created: str
    entries: int
    """Entries of this feed that are articles in the library."""
    unread: int
    repaired: str | None = None
    """Why the last document fetched had to be read leniently; None when it
    parsed as it declares itself."""
    charset: str | None = None
    """The codec that decoded the last document fetched."""


@dataclass(frozen=True)
class FeedCheck:
    """What one check of a feed found, to be recorded on its row."""

    checked: str
    status: int | None
    error: str | None
    failures: int
    next_check: str | None = None
    update_validators: bool = False
    """Store ``etag``/``last_modified``: only once every entry was handled,
    or a 304 would hide the entries left over."""
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_url: str | None = None
    new_url: str | None = None
    """The address the feed moved to permanently."""
    repaired: str | None = None
    """Why the document fetched (status 200) was read leniently: invalid XML
    ("invalid XML at line 3, column 9: not well-formed (invalid token)"), a
    charset detected; None when it parsed as it declares itself. Meaningless
    with any other status: a 304 leaves the last one standing."""
    charset: str | None = None
    """The codec that decoded the document fetched (status 200)."""
