"""Commands that bring articles in: add, retry, reextract.

Each is a loop over ``services.save``; one bad source never stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from cli.context import app_context, emit_json
from core.errors import CaptureError
from core.limits import Limits
from services import save
from storage import Library, LibraryError


def _run_each(
    items: list[Any],
    action: Callable[[Any], save.SaveReport],
    as_json: bool,
    *,
    echo: Callable[[save.SaveReport], None],
) -> list[dict[str, Any]]:
    """Run ``action`` on each item, printing one line per item; returns the
    JSON result rows."""
    results: list[dict[str, Any]] = []
    for item in items:
        result: dict[str, Any] = {
            "source": item,
            "id": None,
            "title": None,
            "status": "failed",
            "error": None,
            "held_back": None,
            "notice": None,
        }
        try:
            report = action(item)
        except (CaptureError, LibraryError) as error:
            result["error"] = str(error)
            click.echo(f"failed {item}: {error}", err=True)
        else:
            result.update(
                id=report.id,
                title=report.title,
                status=report.status,
                error=report.pending_reason,
                held_back=report.held_back,
                notice=report.notice,
            )
            if not as_json or report.status == "pending":
                echo(report)
            if report.notice:
                # The saved text stayed current: say so, whatever the format.
                click.echo(f"note: {report.notice}", err=True)
        results.append(result)
    if as_json:
        emit_json(results)
    return results


def _exit_if(results: list[dict[str, Any]], statuses: tuple[str, ...]) -> None:
    if any(result["status"] in statuses for result in results):
        sys.exit(1)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--tag", "tags", multiple=True, help="Tag every added article (repeatable).")
@click.option(
    "--offline",
    is_flag=True,
    help="Never touch the network: URLs are kept pending, remote pictures as links.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def add(sources: tuple[str, ...], tags: tuple[str, ...], offline: bool, as_json: bool) -> None:
    """Save articles from files (text, HTML, MHTML) and web addresses.

    One bad source never stops the others. A web address that cannot be
    fetched now is kept as a pending article; `retry` fetches it again. The
    exit status is 1 when any source failed or was kept pending.
    """
    library = app_context().library()
    capturers = save.default_capturers(Limits.from_env(), offline=offline)

    def echo(report: save.SaveReport) -> None:
        if report.status == "pending":
            click.echo(f"pending {report.id}: {report.title} ({report.pending_reason})", err=True)
        else:
            click.echo(f"{report.status} {report.id}: {report.title}")

    results = _run_each(
        list(sources),
        lambda source: save.save_source(library, source, tags=tags, capturers=capturers),
        as_json,
        echo=echo,
    )
    # A pending URL is kept, but its page was not fetched: scripts must
    # notice, as for every other source that failed.
    _exit_if(results, ("failed", "pending"))


@click.command()
@click.argument("article_ids", type=int, nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def retry(article_ids: tuple[int, ...], as_json: bool) -> None:
    """Fetch pending articles again (all of them when no id is given)."""
    library = app_context().library()
    limits = Limits.from_env()

    def echo(report: save.SaveReport) -> None:
        if report.status == "pending":
            click.echo(f"still pending {report.id}: {report.pending_reason}", err=True)
        else:
            click.echo(f"completed {report.id}: {report.title}")

    ids = list(article_ids) or save.pending_ids(library)
    results = _run_each(
        ids, lambda article_id: save.retry(library, article_id, limits), as_json, echo=echo
    )
    _exit_if(results, ("failed", "pending"))


@click.command()
@click.argument("article_ids", type=int, nargs=-1)
@click.option("--all", "every", is_flag=True, help="Re-extract every article with a kept source.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def reextract(article_ids: tuple[int, ...], every: bool, as_json: bool) -> None:
    """Extract articles again from their kept original bytes (no network).

    Keeps each article's id, read state, favourite mark and tags.
    """
    if not article_ids and not every:
        raise click.UsageError("name the articles to re-extract, or give --all")
    library: Library = app_context().library()
    limits = Limits.from_env()
    ids = list(article_ids) or save.ids_with_source(library)
    results = _run_each(
        ids,
        lambda article_id: save.reextract(library, article_id, limits),
        as_json,
        echo=lambda report: click.echo(f"{report.status} {report.id}: {report.title}"),
    )
    _exit_if(results, ("failed", "pending"))


COMMANDS = [add, retry, reextract]
