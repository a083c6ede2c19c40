"""``import``: a Readshelf bundle, or the export of another reader.

A bundle (a folder made by ``export``) comes back through
``services.transfer``, as it always has. An export of Pocket, Instapaper,
Omnivore, wallabag, Readwise Reader or a browser's bookmarks goes through
``services.importing``: its articles are saved, then the pages the file did
not carry are fetched with a progress bar (unless ``--no-fetch``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cli.context import app_context, emit_json, fail
from core.imported import ImportFileError
from services import importing
from services.transfer import ImportResult, import_library
from storage import Library

SOURCES = ("pocket", "instapaper", "omnivore", "wallabag", "readwise", "bookmarks", "bundle")
"""Every ``--from``: ``capture.importers.detect.SOURCES``, spelled out so that
``--help`` does not load the importers."""
WORKERS_ENV = "READSHELF_IMPORT_WORKERS"
HOST_DELAY_ENV = "READSHELF_IMPORT_HOST_DELAY"


def _bundle_json(result: ImportResult) -> dict[str, object]:
    """The ``import --json`` shape for a bundle."""
    return {
        "added": result.added,
        "updated": result.updated,
        "feeds_added": result.feeds_added,
        "feeds_merged": result.feeds_merged,
        "images": result.images,
        "merged": result.merged,
        "ignored_columns": list(result.ignored_columns),
    }


def _import_bundle(library: Library, directory: Path, as_json: bool) -> None:
    try:
        result = import_library(library, directory)
    except OSError as error:
        fail(f"cannot import {directory}: {error.strerror or error}")
    if result.ignored_columns:
        # A bundle from a newer Readshelf: say what this version could not keep.
        click.echo(
            "warning: this version has no place for " + ", ".join(result.ignored_columns),
            err=True,
        )
    if as_json:
        emit_json(_bundle_json(result))
    else:
        click.echo(
            f"imported {result.added + result.updated} articles from {directory}:"
            f" {result.added} added, {result.updated} updated;"
            f" {result.feeds_added} feeds added"
        )


def _setting(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        fail(f"{name} must be a number, not {raw!r}")
    if value < 0:
        fail(f"{name} must not be negative")
    return value


def _fetch(library: Library) -> importing.FetchReport:
    """Run the fetch queue with a progress bar on stderr."""
    workers = int(_setting(WORKERS_ENV, importing.FETCH_WORKERS)) or 1
    delay = _setting(HOST_DELAY_ENV, importing.HOST_DELAY)
    total = len(library.import_queue())
    with click.progressbar(length=total, label="fetching pages", file=sys.stderr) as bar:
        shown = 0

        def advance(done: int, _total: int) -> None:
            nonlocal shown
            bar.update(done - shown)
            shown = done

        return importing.fetch_imported(
            library, workers=workers, host_delay=delay, progress=advance
        )


@click.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(SOURCES),
    help="What SOURCE is (detected from its contents when not given).",
)
@click.option(
    "--no-fetch",
    is_flag=True,
    help="Leave the articles the file has no text for pending (`retry` fetches them later).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def import_command(source: Path, source_format: str | None, no_fetch: bool, as_json: bool) -> None:
    """Import a Readshelf bundle, or the export of another reader.

    \b
    Bundles (a folder made by `export`) come back whole, or not at all.
    Exports of Pocket (the zip of part_*.csv, or ril_export.html),
    Instapaper (CSV), Omnivore (the zip), wallabag (JSON), Readwise Reader
    (CSV) and browser bookmarks (HTML) keep each article's address, title,
    saved date, tags, folders, state, reading progress and highlights.
    Pages the file does not carry are then fetched, a few at a time and
    politely per site; quitting loses nothing: import again, or `retry`,
    to carry on. Importing a file twice adds nothing.
    """
    library = app_context().library()
    try:
        chosen = source_format or importing.detect_source(source)
    except ImportFileError as error:
        fail(str(error))
    if chosen == "bundle":
        _import_bundle(library, source, as_json)
        return
    try:
        report = importing.import_export(library, source, chosen)
    except ImportFileError as error:
        fail(str(error))
    if report.skipped:
        click.echo(
            f"note: {report.skipped} entries have no web address and were left out", err=True
        )
    if not as_json:
        click.echo(
            f"imported {report.articles} articles from {report.format_name} ({source.name}):"
            f" {report.added} added, {report.updated} updated,"
            f" {report.unchanged} already saved; {report.highlights} highlights and notes;"
            f" {report.with_text} saved with the text the file carries"
        )
    fetched = importing.FetchReport(fetched=0, failed=0, left=report.pending)
    if report.pending and not no_fetch:
        fetched = _fetch(library)
    pending = len(library.import_queue()) + fetched.failed
    if as_json:
        emit_json(
            {
                "format": report.format,
                "articles": report.articles,
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": report.skipped,
                "highlights": report.highlights,
                "with_text": report.with_text,
                "fetched": fetched.fetched,
                "fetch_failed": fetched.failed,
                "pending": pending,
            }
        )
        return
    if fetched.fetched or fetched.failed:
        click.echo(f"fetched {fetched.fetched} pages; {fetched.failed} could not be fetched")
    if pending:
        click.echo(
            f"{pending} articles wait for their page: `readshelf retry` fetches them,"
            " or import the file again to carry on politely"
        )


COMMANDS = [import_command]
