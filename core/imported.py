"""What an export file from another reader holds, as plain records.

``capture.importers`` reads a Pocket, Instapaper, Omnivore, Wallabag,
Readwise Reader or browser bookmarks file into an ``ImportedFile``;
``services.importing`` saves it. A highlight is kept the way the W3C Web
Annotation model anchors a quote (``TextQuoteSelector``: the exact text,
a little before and after it; ``TextPositionSelector``: its start and end
in the article's text when known), so it can find its place again in a
text extracted anew.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from core.errors import CaptureError
from core.models import ArticleStatus

ImportFormat = Literal["pocket", "instapaper", "omnivore", "wallabag", "readwise", "bookmarks"]
IMPORT_FORMATS: tuple[str, ...] = (
    "pocket",
    "instapaper",
    "omnivore",
    "wallabag",
    "readwise",
    "bookmarks",
)
FORMAT_NAMES: dict[str, str] = {
    "pocket": "Pocket",
    "instapaper": "Instapaper",
    "omnivore": "Omnivore",
    "wallabag": "Wallabag",
    "readwise": "Readwise Reader",
    "bookmarks": "browser bookmarks",
}
"""How each format is named to a person."""

HighlightKind = Literal["highlight", "note"]
"""A ``highlight`` marks a quote (with an optional note); a ``note`` is about
the article as a whole and quotes nothing."""

IMPORTED_BY = "import"
"""``arrived_by`` of every article an import added."""
NOT_FETCHED_YET = "not fetched yet: imported"
"""``capture_error`` of an imported article whose page was never fetched: the
fetch queue is every pending article still carrying it."""


class ImportFileError(CaptureError):
    """A file that is not an export this version reads, or is damaged: one
    line saying why; nothing was imported."""


@dataclass(frozen=True, slots=True)
class ImportedHighlight:
    """A highlight (or a note) as another reader exported it."""

    quote: str
    """The exact text highlighted; empty for a note on the article."""
    note: str = ""
    prefix: str = ""
    """A little of the text right before the quote, when the file has it."""
    suffix: str = ""
    start: int | None = None
    """Where the quote starts in the article's text, when the file says."""
    end: int | None = None
    color: str | None = None
    created: str | None = None
    """When it was made (ISO 8601 UTC), when the file says."""

    @property
    def kind(self) -> HighlightKind:
        return "highlight" if self.quote else "note"


@dataclass(slots=True)
class ImportedArticle:
    """One saved article of another reader."""

    url: str
    title: str = ""
    saved: str | None = None
    """When it was saved there (ISO 8601 UTC): its saved date here."""
    tags: tuple[str, ...] = ()
    """Its tags, labels and folders."""
    status: ArticleStatus = "unread"
    favorite: bool = False
    reading_progress: float = 0.0
    """How far it was read, 0..1."""
    highlights: tuple[ImportedHighlight, ...] = ()
    content_html: str | None = None
    """The article's HTML when the file carries it (Wallabag, Omnivore)."""
    byline: str | None = None
    published: str | None = None


@dataclass(slots=True)
class ImportedFile:
    """Everything read from one export file."""

    format: ImportFormat
    articles: list[ImportedArticle] = field(default_factory=list)
    skipped: int = 0
    """Entries left out because they have no web address to save."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A stored highlight or note of an article."""

    id: int
    article_id: int
    kind: HighlightKind
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    note: str
    color: str | None
    created: str
    origin: str | None
    """Where it came from (``omnivore``, ``instapaper``…); None when made here."""
    found: bool = True
    """False once a new text of the article no longer holds the quote: the
    highlight is kept ("no longer in the text"), with its last position."""


@dataclass(frozen=True, slots=True)
class HighlightListing:
    """A highlight or note with the article it belongs to, for the
    library-wide list of highlights."""

    highlight: Highlight
    article_title: str
    article_site: str
    """The article's site, or empty when unknown."""


ImportChange = Literal["added", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What importing one article did to the library."""

    article_id: int
    change: ImportChange
    """``added``; ``updated`` (an article already saved gained tags, a state,
    highlights); or ``unchanged`` (it had all of it already)."""
    highlights_added: int
    pending: bool
    """Whether the article is pending: saved without its text yet."""
