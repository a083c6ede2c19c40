"""``export`` and ``import``: the whole library to a folder and back.

``export --format bundle`` writes everything (articles, pictures, sources,
states, tags, feeds) for ``import``; ``html`` and ``markdown`` write reading
copies for people. The work is done by ``services.transfer``.
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.context import app_context, emit_json, fail
from services.transfer import (
    EXPORT_FORMATS,
    ExportError,
    ExportResult,
    ImportResult,
    export_library,
    import_library,
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


def _import_json(result: ImportResult) -> dict[str, object]:
    """The ``import --json`` shape."""
    return {
        "added": result.added,
        "updated": result.updated,
        "feeds_added": result.feeds_added,
        "feeds_merged": result.feeds_merged,
        "images": result.images,
        "merged": result.merged,
        "ignored_columns": list(result.ignored_columns),
    }


@click.command(name="export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORT_FORMATS),
    default="bundle",
    show_default=True,
    help="bundle: everything, for import; html or markdown: reading copies.",
)
@click.option(
    "--out",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write: new, empty, or an earlier export of the same format.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
def export_command(export_format: str, directory: Path, as_json: bool) -> None:
    """Export every article with its pictures to a folder."""
    try:
        result = export_library(app_context().library(), directory, export_format)
    except ExportError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot export to {directory}: {error.strerror or error}")
    for table in result.skipped_tables:
        # Rows this version cannot carry: say so rather than lose them quietly.
        click.echo(f"warning: the {table} table is not part of the export", err=True)
    if as_json:
        emit_json(_export_json(result))
    else:
        click.echo(
            f"exported {result.articles} articles and {result.images} pictures"
            f" as {result.format} to {result.directory}"
        )


@click.command(name="import")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def import_command(directory: Path, as_json: bool) -> None:
    """Import a bundle made by export: all of it, or nothing.

    Into an empty library everything comes back as it was, ids included;
    otherwise articles already saved are updated, never copied twice.
    """
    try:
        result = import_library(app_context().library(), directory)
    except OSError as error:
        fail(f"cannot import {directory}: {error.strerror or error}")
    if result.ignored_columns:
        # A bundle from a newer Readshelf: say what this version could not keep.
        click.echo(
            "warning: this version has no place for " + ", ".join(result.ignored_columns),
            err=True,
        )
    if as_json:
        emit_json(_import_json(result))
    else:
        click.echo(
            f"imported {result.added + result.updated} articles from {directory}:"
            f" {result.added} added, {result.updated} updated;"
            f" {result.feeds_added} feeds added"
        )


COMMANDS = [export_command, import_command]
