"""``export``: the whole library to a folder, or chosen articles to a book.

``export --format bundle`` writes everything (articles, pictures, sources,
states, tags, feeds) for ``import`` (cli/importing.py); ``html`` and ``markdown`` write reading
copies for people; ``epub`` writes one book of chosen articles for an
e-reader. The work is done by ``services.transfer``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

import click

from cli.context import app_context, emit_json, fail
from core.models import ARTICLE_STATUSES, ArticleStatus
from services.transfer import (
    EXPORT_FORMATS,
    BookSelection,
    EpubResult,
    ExportError,
    ExportResult,
    export_epub,
    export_library,
)


def _export_json(result: ExportResult) -> dict[str, object]:
    """The ``export --json`` shape."""
    return {
        "format": result.format,
        "directory": str(result.directory),
        "articles": result.articles,
        "images": result.images,
        "skipped_tables": list(result.skipped_tables),
    }


def _epub_json(result: EpubResult) -> dict[str, object]:
    """The ``export --format epub --json`` shape."""
    return {
        "format": "epub",
        "file": str(result.path),
        "title": result.title,
        "language": result.language,
        "articles": result.articles,
        "images": result.pictures,
        "images_left_out": result.pictures_left_out,
    }


@click.command(name="export")
@click.argument("ids", nargs=-1, type=int)
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORT_FORMATS),
    default="bundle",
    show_default=True,
    help="bundle: everything, for import; html or markdown: reading copies;"
    " notes: highlights and notes as Markdown for Obsidian or Logseq;"
    " epub: one book for an e-reader.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write (new, empty, or an earlier export of the same format);"
    " for epub, the .epub file.",
)
@click.option("--tag", help="epub: only the articles with this tag.")
@click.option(
    "--status", type=click.Choice(ARTICLE_STATUSES), help="epub: only the articles in this state."
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="epub: only the articles saved on or after this day (YYYY-MM-DD).",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
def export_command(
    ids: tuple[int, ...],
    export_format: str,
    out: Path,
    tag: str | None,
    status: str | None,
    since: datetime | None,
    as_json: bool,
) -> None:
    """Export every article with its pictures to a folder, or chosen ones
    (IDs, a tag, a state, a day) as an EPUB book for an e-reader.

    \b
    readshelf export --format epub --out du-lich.epub --tag "Du lịch"
    readshelf export --format epub --out unread.epub --status unread
    """
    if export_format == "epub":
        selection = BookSelection(
            ids=ids,
            tag=tag,
            status=cast(ArticleStatus | None, status),
            since=since.date() if since else None,
        )
        _export_book(out, selection, as_json)
        return
    if ids or tag or status or since:
        fail("IDs, --tag, --status and --since choose the articles of an --format epub book")
    try:
        result = export_library(app_context().library(), out, export_format)
    except ExportError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot export to {out}: {error.strerror or error}")
    for table in result.skipped_tables:
        # Rows this version cannot carry: say so rather than lose them quietly.
        click.echo(f"warning: the {table} table is not part of the export", err=True)
    if as_json:
        emit_json(_export_json(result))
    elif result.format == "notes":
        click.echo(
            f"exported the highlights and notes of {result.articles} articles to {result.directory}"
        )
    else:
        click.echo(
            f"exported {result.articles} articles and {result.images} pictures"
            f" as {result.format} to {result.directory}"
        )


def _export_book(out: Path, selection: BookSelection, as_json: bool) -> None:
    """``export --format epub``: one book of the chosen articles."""
    try:
        result = export_epub(app_context().library(), out, selection)
    except ExportError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot write {out}: {error.strerror or error}")
    if result.pictures_left_out:
        click.echo(
            f"note: {result.pictures_left_out} pictures could not be decoded:"
            " their captions are in the book",
            err=True,
        )
    if as_json:
        emit_json(_epub_json(result))
    else:
        click.echo(
            f"exported {result.articles} articles and {result.pictures} pictures"
            f" to {result.path} ({result.title})"
        )


COMMANDS = [export_command]
