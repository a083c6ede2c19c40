"""Commands that bring articles in: add."""

from __future__ import annotations

import sys
from typing import Any

import click

from capture.errors import CaptureError
from capture.sources import capture_source
from cli.root import app_context, emit_json
from storage import LibraryError


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--tag", "tags", multiple=True, help="Tag every added article (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def add(sources: tuple[str, ...], tags: tuple[str, ...], as_json: bool) -> None:
    """Save articles from files. One bad source never stops the others."""
    library = app_context().library()
    results: list[dict[str, Any]] = []
    for source in sources:
        result: dict[str, Any] = {
            "source": source,
            "id": None,
            "title": None,
            "status": "failed",
            "error": None,
        }
        try:
            record = capture_source(source)
            saved = library.save_article(record, tags=tags)
        except (CaptureError, LibraryError) as error:
            result["error"] = str(error)
            click.echo(f"failed {source}: {error}", err=True)
        else:
            result.update(id=saved.id, title=record.title, status=saved.outcome)
            if not as_json:
                click.echo(f"{saved.outcome} {saved.id}: {record.title}")
        results.append(result)
    if as_json:
        emit_json(results)
    if any(result["status"] == "failed" for result in results):
        sys.exit(1)


COMMANDS = [add]
