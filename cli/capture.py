"""Commands that bring articles in: add, retry, reextract."""

from __future__ import annotations

import sys
from typing import Any

import click

from capture.sources import capture_source, capture_url, recapture
from cli.root import app_context, emit_json
from core.errors import CaptureError
from core.limits import Limits
from core.models import ArticleRecord
from storage import ArticleFilter, Library, LibraryError

PAGE_SIZE = 500


def _result(source: str | int) -> dict[str, Any]:
    """A fresh result row for one source or article id."""
    return {"source": source, "id": None, "title": None, "status": "failed", "error": None}


def _report(results: list[dict[str, Any]], as_json: bool) -> None:
    """Print the JSON list if asked; exit 1 if anything failed or is still pending."""
    if as_json:
        emit_json(results)
    if any(result["status"] in ("failed", "pending") for result in results):
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
    fetched now is kept as a pending article; `retry` fetches it again.
    """
    library = app_context().library()
    limits = Limits.from_env()
    results: list[dict[str, Any]] = []
    for source in sources:
        result = _result(source)
        try:
            record = capture_source(source, limits, offline=offline)
            saved = library.save_article(record, tags=tags)
        except (CaptureError, LibraryError) as error:
            result["error"] = str(error)
            click.echo(f"failed {source}: {error}", err=True)
        else:
            status = "pending" if record.capture_status == "pending" else saved.outcome
            result.update(
                id=saved.id, title=record.title, status=status, error=record.capture_error
            )
            if not as_json:
                _echo_saved(status, saved.id, record)
        results.append(result)
    if as_json:
        emit_json(results)
    # A pending URL is saved, not lost: only real failures make the exit status 1.
    if any(result["status"] == "failed" for result in results):
        sys.exit(1)


def _echo_saved(status: str, article_id: int, record: ArticleRecord) -> None:
    """One line for a saved article; a pending one says why it waits."""
    if status == "pending":
        click.echo(f"pending {article_id}: {record.title} ({record.capture_error})")
    else:
        click.echo(f"{status} {article_id}: {record.title}")


def _pending_ids(library: Library) -> list[int]:
    """Every pending article, newest first."""
    ids: list[int] = []
    while True:
        page = library.list_articles(ArticleFilter(pending=True), limit=PAGE_SIZE, offset=len(ids))
        ids.extend(summary.id for summary in page)
        if len(page) < PAGE_SIZE:
            return ids


@click.command()
@click.argument("article_ids", type=int, nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def retry(article_ids: tuple[int, ...], as_json: bool) -> None:
    """Fetch pending articles again (all of them when no id is given)."""
    library = app_context().library()
    limits = Limits.from_env()
    results: list[dict[str, Any]] = []
    for article_id in article_ids or tuple(_pending_ids(library)):
        result = _result(article_id)
        try:
            record = _retry_one(library, article_id, limits)
        except (CaptureError, LibraryError) as error:
            result["error"] = str(error)
            click.echo(f"failed {article_id}: {error}", err=True)
        else:
            status = "pending" if record.capture_status == "pending" else "completed"
            result.update(
                id=article_id, title=record.title, status=status, error=record.capture_error
            )
            if status == "pending":
                click.echo(f"still pending {article_id}: {record.capture_error}", err=True)
            elif not as_json:
                click.echo(f"completed {article_id}: {record.title}")
        results.append(result)
    _report(results, as_json)


def _retry_one(library: Library, article_id: int, limits: Limits) -> ArticleRecord:
    """Fetch one pending article's URL again and save the result in place."""
    article = library.get_article(article_id)
    if article.capture_status != "pending":
        raise CaptureError("not pending: it was saved complete already")
    if not article.url:
        raise CaptureError("it has no web address to fetch")
    record = capture_url(article.url, limits)
    library.save_article(record, into=article_id)
    return record


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
    library = app_context().library()
    limits = Limits.from_env()
    ids = list(article_ids) or _ids_with_source(library)
    results: list[dict[str, Any]] = []
    for article_id in ids:
        result = _result(article_id)
        try:
            record = _reextract_one(library, article_id, limits)
        except (CaptureError, LibraryError) as error:
            result["error"] = str(error)
            click.echo(f"failed {article_id}: {error}", err=True)
        else:
            result.update(id=article_id, title=record.title, status="updated")
            if not as_json:
                click.echo(f"updated {article_id}: {record.title}")
        results.append(result)
    _report(results, as_json)


def _ids_with_source(library: Library) -> list[int]:
    """Every article whose original bytes were kept."""
    ids: list[int] = []
    offset = 0
    while True:
        page = library.list_articles(ArticleFilter(), limit=PAGE_SIZE, offset=offset)
        ids.extend(s.id for s in page if library.article_source(s.id) is not None)
        if len(page) < PAGE_SIZE:
            return ids
        offset += PAGE_SIZE


def _reextract_one(library: Library, article_id: int, limits: Limits) -> ArticleRecord:
    """Re-run extraction on one article's kept source and save it in place."""
    article = library.get_article(article_id)
    kept = library.article_source(article_id)
    if kept is None:
        raise CaptureError("its original was not kept, nothing to re-extract")
    data, media_type = kept
    stored: dict[str, bytes] = {}
    for image in article.images:
        found = library.image_data(article_id, image.position) if image.has_data else None
        if found is not None and image.src:
            stored[image.src] = found[0]
    record = recapture(data, media_type, url=article.url, stored_images=stored, limits=limits)
    record.url = record.url or article.url
    record.source_name = article.source_name
    record.arrived_by = article.arrived_by
    library.save_article(record, into=article_id)
    return record


COMMANDS = [add, retry, reextract]
