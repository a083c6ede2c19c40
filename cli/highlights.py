"""``highlight``, ``highlights``, ``note``, ``unhighlight``: highlights and
notes of saved articles (issue 15)."""

from __future__ import annotations

from typing import Any

import click

from cli.context import app_context, emit_json, fail
from core.anchoring import HIGHLIGHT_COLORS
from core.imported import Highlight, HighlightListing


def highlight_json(highlight: Highlight) -> dict[str, Any]:
    """The ``--json`` shape of a highlight or note."""
    return {
        "id": highlight.id,
        "article_id": highlight.article_id,
        "kind": highlight.kind,
        "quote": highlight.quote,
        "prefix": highlight.prefix,
        "suffix": highlight.suffix,
        "start": highlight.start,
        "end": highlight.end,
        "note": highlight.note,
        "color": highlight.color,
        "created": highlight.created,
        "origin": highlight.origin,
        "found": highlight.found,
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _describe(highlight: Highlight) -> str:
    """A highlight as one line (and its note on the next, indented)."""
    if highlight.kind == "note":
        return f"{highlight.id:>6}  note: {_one_line(highlight.note)}"
    lost = "" if highlight.found else " (no longer in the text)"
    line = (
        f"{highlight.id:>6}  [{highlight.color or 'yellow'}] “{_one_line(highlight.quote)}”{lost}"
    )
    if highlight.note:
        line += f"\n        note: {_one_line(highlight.note)}"
    return line


@click.command()
@click.argument("article_id", type=int)
@click.option("--quote", required=True, help="The text to highlight, as the article has it.")
@click.option("--note", default="", help="A note on the highlight.")
@click.option(
    "--color",
    type=click.Choice(HIGHLIGHT_COLORS),
    default=HIGHLIGHT_COLORS[0],
    show_default=True,
    help="Its colour.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the highlight as JSON.")
def highlight(article_id: int, quote: str, note: str, color: str, as_json: bool) -> None:
    """Highlight a quote of an article's text (found where it is, white space
    aside); exits 1 if the text does not hold it."""
    made = app_context().library().add_highlight(article_id, quote, color=color, note=note)
    if as_json:
        emit_json(highlight_json(made))
    else:
        click.echo(made.id)


@click.command()
@click.argument("article_id", type=int, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def highlights(article_id: int | None, as_json: bool) -> None:
    """List an article's highlights and notes in reading order; without an
    id, every article's, newest first."""
    library = app_context().library()
    if article_id is not None:
        if not library.article_exists(article_id):
            fail(f"no article with id {article_id}")
        listed = library.highlights(article_id)
        if as_json:
            emit_json([highlight_json(item) for item in listed])
            return
        for item in listed:
            click.echo(_describe(item))
        return
    everything: list[HighlightListing] = []
    before: int | None = None
    while page := library.recent_highlights(before_id=before):
        everything += page
        before = page[-1].highlight.id
    if as_json:
        emit_json(
            [
                {
                    **highlight_json(listing.highlight),
                    "article_title": listing.article_title,
                    "article_site": listing.article_site,
                }
                for listing in everything
            ]
        )
        return
    for listing in everything:
        where = f"#{listing.highlight.article_id} {listing.article_title}"
        click.echo(f"{_describe(listing.highlight)}\n        in {where}")


@click.command()
@click.argument("article_id", type=int)
@click.argument("text")
def note(article_id: int, text: str) -> None:
    """Add a note on an article as a whole; prints its id."""
    click.echo(app_context().library().add_note(article_id, text).id)


@click.command()
@click.argument("highlight_id", type=int)
def unhighlight(highlight_id: int) -> None:
    """Delete a highlight or a note."""
    app_context().library().delete_highlight(highlight_id)


COMMANDS = [highlight, highlights, note, unhighlight]
