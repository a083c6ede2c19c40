"""Markdown notes for note-taking apps: ``export --format notes``.

One Markdown file per article that has highlights or notes, the layout
Obsidian and Logseq import: YAML front matter (title, author, site, url,
saved, tags), then each highlight as a ``>`` quote with its note beneath,
then the notes on the article as a whole. The folder must be new, empty or
an earlier notes export (recognised by its marker file), whose files are
brought up to date. Nothing else in the folder is ever removed: people keep
these files in their own vaults beside notes of their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.files import write_atomically
from core.imported import Highlight
from core.models import Article
from export.folder import ExportError

MARKER_FILE = ".readshelf-notes"
MARKER = "Readshelf notes export\n"
MAX_NAME_CHARS = 80
# Characters no file system or note app accepts in a file name, and the ones
# Obsidian reserves for links.
_UNSAFE = re.compile(r'[\x00-\x1f\\/:*?"<>|#^\[\]]+')


@dataclass(frozen=True)
class NotesResult:
    directory: Path
    articles: int
    highlights: int


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(article: Article) -> str:
    lines = ["---", f"title: {yaml_string(article.title)}"]
    if article.byline:
        lines.append(f"author: {yaml_string(article.byline)}")
    if article.site:
        lines.append(f"site: {yaml_string(article.site)}")
    if article.url:
        lines.append(f"url: {yaml_string(article.url)}")
    lines.append(f"saved: {yaml_string(article.saved)}")
    lines.append(f"tags: [{', '.join(yaml_string(tag) for tag in article.tags)}]")
    if article.topics:
        lines.append(f"topics: [{', '.join(yaml_string(topic) for topic in article.topics)}]")
    lines.append("---")
    return "\n".join(lines)


def quoted(text: str) -> str:
    """``text`` as a Markdown block quote, every line marked."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def article_notes(article: Article, highlights: Sequence[Highlight]) -> str:
    """The whole Markdown file of one article."""
    parts = [front_matter(article), f"# {article.title}"]
    for highlight in highlights:
        if highlight.kind != "highlight":
            continue
        block = quoted(highlight.quote)
        if not highlight.found:
            block += "\n>\n> *(no longer in the text)*"
        if highlight.note:
            block += f"\n\n{highlight.note}"
        parts.append(block)
    notes = [highlight.note for highlight in highlights if highlight.kind == "note"]
    if notes:
        parts.append("## Notes\n\n" + "\n\n".join(notes))
    return "\n\n".join(parts) + "\n"


def file_name(article: Article, taken: set[str]) -> str:
    """A safe name from the title; the article's id is added only when two
    titles would share a name."""
    stem = " ".join(_UNSAFE.sub(" ", article.title).split())[:MAX_NAME_CHARS].strip(" .")
    stem = stem or f"Article {article.id}"
    name = f"{stem}.md"
    if name.casefold() in taken:
        name = f"{stem} ({article.id}).md"
    taken.add(name.casefold())
    return name


def _prepare(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory} is a file, not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        earlier = (directory / MARKER_FILE).is_file()
        crowded = not earlier and any(directory.iterdir())
    except OSError as error:
        raise ExportError(f"cannot write to {directory}: {error.strerror or error}") from error
    if crowded:
        raise ExportError(
            f"{directory} is not empty and is not an earlier Readshelf notes export;"
            " choose a new or empty folder"
        )


def write_notes(
    directory: Path, articles: Iterable[tuple[Article, Sequence[Highlight]]]
) -> NotesResult:
    """Write one file per article with highlights or notes into ``directory``."""
    _prepare(directory)
    taken: set[str] = set()
    count = highlights_written = 0
    try:
        write_atomically(directory / MARKER_FILE, MARKER.encode("utf-8"))
        for article, highlights in articles:
            if not highlights:
                continue
            name = file_name(article, taken)
            write_atomically(directory / name, article_notes(article, highlights).encode("utf-8"))
            count += 1
            highlights_written += len(highlights)
    except OSError as error:
        raise ExportError(f"cannot write to {directory}: {error.strerror or error}") from error
    return NotesResult(directory, count, highlights_written)
