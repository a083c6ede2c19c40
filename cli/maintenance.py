"""Keeping the library safe: backup, restore, check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.context import app_context, emit_json
from storage.maintenance import check_library, rebuild_search_index, restore_library


@click.command()
@click.argument("destination", required=False, type=click.Path(dir_okay=False, path_type=Path))
def backup(destination: Path | None) -> None:
    """Copy the library safely, even while the window is using it.

    Without DESTINATION the copy goes to the backups folder beside the library.
    """
    click.echo(f"backed up to {app_context().library().backup(destination)}")


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
def restore(source: Path) -> None:
    """Replace the library with a backup (the current one is kept first).

    Works on a library too damaged to open: it is moved aside, not deleted.
    """
    context = app_context()
    saved = restore_library(context.library_path, source)
    click.echo(f"restored from {source}; the library as it was is in {saved}")


@click.command()
@click.option("--repair", is_flag=True, help="Rebuild the search index if it is out of step.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(repair: bool, as_json: bool) -> None:
    """Check the library file, its links and its search index."""
    library = app_context().library()
    report = check_library(library)
    repaired = 0
    if repair and report.search_index and not report.integrity:
        repaired = rebuild_search_index(library)
        after = check_library(library)
    else:
        after = report
    if as_json:
        emit_json(
            {
                "ok": after.ok,
                "problems": report.problems(),
                "reindexed": repaired,
                "remaining": after.problems(),
                "notes": after.notes,
                "versions_bytes": library.versions_size(),
            }
        )
    else:
        for note in after.notes:
            click.echo(f"note: {note}", err=True)
        for problem in report.problems():
            click.echo(problem, err=not repair)
        if repaired:
            click.echo(f"rebuilt the search index for {repaired} articles")
        versions_bytes = library.versions_size()
        if versions_bytes:
            click.echo(f"earlier versions of articles take {versions_bytes / 1_048_576:.1f} MB")
        click.echo("ok" if after.ok else f"{len(after.problems())} problems remain")
    if not after.ok:
        sys.exit(1)


COMMANDS = [backup, restore, check]
