"""Reading copies: one page per article, an index and the pictures.

Unlike a bundle these are for people, not for importing back: one file per
article named after its title (folded to ASCII) and id, an index, and an
``images/`` folder holding every picture once. Nothing in them fetches from
the network: pictures point at the local files only, and pictures without
bytes keep just their captions.

``PagesWriter`` does the part every format shares (the folder, file names,
pictures, stale files); a ``PageFormat`` (``export.html.HTML``,
``export.markdown.MARKDOWN``) says how one article and the index read. The
writer is handed plain ``core.models`` values and a callable for picture
bytes: it never opens the library itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.files import IMAGES_DIR
from core.imported import Highlight
from core.models import Article, ArticleSummary, RelatedLink
from core.reader_html import IMAGE_SCHEME, LINK_SCHEMES
from core.text import fold_vietnamese
from export.folder import (
    IMAGE_FILE,
    prepare_export_directory,
    remove_stale_files,
    write_atomically,
    write_image,
)

PictureBytes = Callable[[int, int], tuple[bytes, str | None] | None]
"""``(article id, picture position) -> (bytes, MIME type)``, or None when the
library has no bytes for it: ``Library.image_data`` fits."""

RenderArticle = Callable[[Article, dict[int, str], dict[int, str], Sequence[Highlight]], str]
"""One article's page from the article, its pictures' files by position,
every exported article's page name by id, and its highlights and notes."""

ArticleHighlights = Callable[[int], Sequence[Highlight]]
"""``article id -> its highlights and notes``: ``Library.highlights`` fits."""

RenderIndex = Callable[[Sequence[ArticleSummary], dict[int, str]], str]
"""The index page from every exported article and their page names by id."""

# Long enough to tell articles apart in a file list, short enough for every
# file system's name limit once the id and suffix are added.
_SLUG_LENGTH = 60


@dataclass(frozen=True)
class PageFormat:
    """How one kind of reading copy is written."""

    name: str
    """The format's name as the user chooses it (``html``, ``markdown``)."""
    kind: str
    """What the folder holds, for messages ("HTML export")."""
    suffix: str
    """The pages' file suffix, without the dot."""
    marker: str
    """Text in the index that marks the folder as an earlier export of this kind."""
    render_article: RenderArticle
    render_index: RenderIndex

    @property
    def index_name(self) -> str:
        return f"index.{self.suffix}"


@dataclass(frozen=True)
class PagesWritten:
    """What a reading-copy export wrote."""

    directory: Path
    articles: int
    images: int


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


def image_position(src: str) -> int | None:
    """N for an ``image:N`` address, None for anything else."""
    if not src.startswith(IMAGE_SCHEME) or not src[len(IMAGE_SCHEME) :].isdigit():
        return None
    return int(src[len(IMAGE_SCHEME) :])


def day(moment: str | None) -> str:
    """The date part of an ISO 8601 time, for display."""
    return (moment or "")[:10]


def is_link(url: str | None) -> bool:
    """Whether ``url`` may become a clickable link (never a loaded resource)."""
    return bool(url) and str(url).strip().lower().startswith(LINK_SCHEMES)


def related_target(link: RelatedLink, names: dict[int, str]) -> str | None:
    """Where a related story's link goes: its exported page, else its address."""
    if link.target_id is not None and link.target_id in names:
        return names[link.target_id]
    return link.url if is_link(link.url) else None


class PagesWriter:
    """Writes one reading copy of the library into a folder.

    Creating it claims the folder (new, empty, or an earlier export of the
    same format, else ``ExportError``), so a wrong folder is refused before
    any article is read. ``write`` then takes every article to export.
    """

    def __init__(self, directory: Path, page_format: PageFormat) -> None:
        prepare_export_directory(
            directory, page_format.index_name, page_format.marker, page_format.kind
        )
        self.directory = directory
        self.format = page_format

    def write(
        self,
        summaries: Sequence[ArticleSummary],
        articles: Iterable[Article],
        picture_bytes: PictureBytes,
        highlights: ArticleHighlights = lambda _article_id: (),
    ) -> PagesWritten:
        """Write a page for each of ``articles`` (the full articles of
        ``summaries``, which the index lists in their order), their pictures,
        then the index; remove what an earlier export had and this one has not.

        ``articles`` may be a generator: one article is in memory at a time.
        """
        suffix = self.format.suffix
        names = {
            summary.id: article_file_name(summary.title, summary.id, suffix)
            for summary in summaries
        }
        written: set[str] = set()
        for article in articles:
            files = self._write_pictures(article, picture_bytes, written)
            page = self.format.render_article(article, files, names, highlights(article.id))
            write_atomically(self.directory / names[article.id], page.encode("utf-8"))
        index = self.format.render_index(summaries, names)
        write_atomically(
            self.directory / self.format.index_name, index.encode("utf-8"), durable=True
        )
        remove_stale_files(
            self.directory, set(names.values()), re.compile(rf"[a-z0-9-]+-\d+\.{suffix}")
        )
        prefix = f"{IMAGES_DIR}/"
        remove_stale_files(
            self.directory / IMAGES_DIR, {name[len(prefix) :] for name in written}, IMAGE_FILE
        )
        return PagesWritten(directory=self.directory, articles=len(summaries), images=len(written))

    def _write_pictures(
        self, article: Article, picture_bytes: PictureBytes, written: set[str]
    ) -> dict[int, str]:
        """Write an article's pictures; their relative paths by position."""
        files: dict[int, str] = {}
        for image in article.images:
            found = picture_bytes(article.id, image.position) if image.has_data else None
            if found is not None:
                files[image.position] = write_image(self.directory, found[0], found[1], written)
        return files
