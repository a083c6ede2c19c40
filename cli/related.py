"""``related``: an article's related stories, copies and similar articles."""

from __future__ import annotations

from typing import Any

import click

from cli.context import app_context, emit_json
from core.models import RelatedItem

HEADINGS = {
    "listed": "Related on the page",
    "inline": "Linked from the text",
    "duplicate": "Also saved as",
    "similar": "Similar in your library",
}


def related_json(item: RelatedItem) -> dict[str, Any]:
    """The ``related --json`` shape of one entry."""
    return {
        "kind": item.kind,
        "title": item.title,
        "url": item.url,
        "section": item.section,
        "summary": item.summary,
        "article_id": item.article_id,
        "score": item.score,
        "why": item.why,
    }


def _print_items(items: list[RelatedItem]) -> None:
    """Entries under one heading per kind, in the order they came."""
    heading = None
    for item in items:
        if item.kind != heading:
            if heading is not None:
                click.echo()
            heading = item.kind
            click.echo(f"{HEADINGS[item.kind]}:")
        saved = f" [{item.article_id}]" if item.article_id is not None else ""
        click.echo(f"  - {item.title}{saved}")
        if item.kind in ("similar", "duplicate") and item.why:
            click.echo(f"      {item.why}")


@click.command()
@click.argument("article_id", type=int)
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(0, 100),
    help="Most similar articles to list (the page's own list and copies always come whole).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def related(article_id: int, limit: int, as_json: bool) -> None:
    """An article's related stories: the page's own list first (with the id
    of each story that is saved too), then other saved copies of the same
    text ("duplicate"), then similar articles from the library, best first.
    """
    items = app_context().library().related_stories(article_id, limit=limit)
    if as_json:
        emit_json([related_json(item) for item in items])
    elif items:
        _print_items(items)
    else:
        click.echo("Nothing related saved yet.")


COMMANDS = [related]
