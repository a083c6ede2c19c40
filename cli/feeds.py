"""``feeds``: subscribe, list, refresh, remove, and OPML import/export.

The commands that fetch or parse feeds import ``services.feed_refresh`` and
``services.feed_subscribe`` (HTTP, parsing, extraction) when they run, so
``feeds list``, ``set`` and ``remove`` start as fast as ``tags``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cli.context import app_context, emit_json, fail
from core.errors import CaptureError
from core.limits import Limits
from core.models import FEED_MODES, Feed, FeedMode

if TYPE_CHECKING:
    from services.feed_refresh import FeedRefreshResult


def feed_json(feed: Feed) -> dict[str, Any]:
    """The ``feeds list --json`` shape of one feed."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "site_url": feed.site_url,
        "tag": feed.tag,
        "mode": feed.mode,
        "last_checked": feed.last_checked,
        "last_status": feed.last_status,
        "error": feed.error,
        "repaired": feed.repaired,
        "charset": feed.charset,
        "entries": feed.entries,
        "unread": feed.unread,
    }


def result_json(result: FeedRefreshResult) -> dict[str, Any]:
    """The ``feeds refresh --json`` shape of one feed's refresh."""
    return {
        "id": result.feed_id,
        "url": result.url,
        "title": result.title,
        "outcome": result.outcome,
        "status": result.http_status,
        "added": result.added,
        "linked": result.linked,
        "pending": result.pending,
        "error": result.error,
        "moved_to": result.moved_to,
        "next_check": result.next_check,
        "article_ids": result.article_ids,
    }


def _limits() -> Limits:
    """The capture limits from the environment, or a one-line error."""
    try:
        return Limits.from_env()
    except ValueError as error:
        fail(str(error))


def _report(result: FeedRefreshResult) -> None:
    """One line per feed: what happened on stdout, a failure on stderr."""
    name = result.title or result.url
    if result.failed:
        click.echo(f"failed {result.feed_id} {result.url}: {result.error}", err=True)
        if result.added or result.linked:
            click.echo(f"{result.feed_id}: added {result.added}, linked {result.linked}: {name}")
        return
    if result.outcome == "skipped":
        click.echo(f"skipped {result.feed_id}: {result.error}: {name}")
        return
    if result.outcome == "not-modified":
        click.echo(f"{result.feed_id}: not modified: {name}")
        return
    moved = f" (moved to {result.moved_to})" if result.moved_to else ""
    pending = f" ({result.pending} pending)" if result.pending else ""
    click.echo(
        f"{result.feed_id}: added {result.added}{pending}, linked {result.linked}: {name}{moved}"
    )


def default_time_limit() -> float:
    """The refresh's own time limit, read only when ``refresh`` runs."""
    from services.feed_refresh import DEFAULT_TIME_LIMIT

    return DEFAULT_TIME_LIMIT


@click.group()
def feeds() -> None:
    """Feed subscriptions: RSS, Atom and JSON Feed."""


@feeds.command()
@click.argument("url")
@click.option("--tag", help="Tag every article from this feed.")
@click.option(
    "--mode",
    type=click.Choice(FEED_MODES),
    default="full",
    show_default=True,
    help="full: save each entry's web page; feed: the entry's own content.",
)
@click.option(
    "--entry-tags/--no-entry-tags",
    default=False,
    show_default=True,
    help="Tag articles with the entry's categories.",
)
@click.option("--no-refresh", is_flag=True, help="Subscribe only; save entries later.")
@click.option("--json", "as_json", is_flag=True, help="Print the feed and its first refresh.")
def add(
    url: str, tag: str | None, mode: str, entry_tags: bool, no_refresh: bool, as_json: bool
) -> None:
    """Subscribe to a feed, or to the first feed a web page links to."""
    context = app_context()
    context.library()  # creates and migrates the file before workers open it
    from services.feed_subscribe import subscribe

    feed_mode: FeedMode = "feed" if mode == "feed" else "full"
    try:
        done = subscribe(
            context.library_path,
            url,
            tag=tag,
            mode=feed_mode,
            entry_tags=entry_tags,
            limits=_limits(),
            refresh=not no_refresh,
        )
    except CaptureError as error:
        fail(f"cannot subscribe to {url}: {error}")
    if as_json:
        emit_json(
            {
                **feed_json(done.feed),
                "refresh": None if done.refresh is None else result_json(done.refresh),
            }
        )
    else:
        click.echo(f"subscribed {done.feed.id}: {done.feed.title or done.feed.url}")
    if done.refresh is not None:
        if not as_json:
            _report(done.refresh)
        if done.refresh.failed:
            sys.exit(1)


@feeds.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_feeds(as_json: bool) -> None:
    """List subscriptions with their last check and unread counts."""
    listed = app_context().library().list_feeds()
    if as_json:
        emit_json([feed_json(feed) for feed in listed])
        return
    for feed in listed:
        state = f"error: {feed.error}" if feed.error else f"{feed.unread} unread"
        click.echo(f"{feed.id:>4}  {feed.title or feed.url}  <{feed.url}>  {state}")


@feeds.command()
@click.argument("feed_id", type=int)
@click.option("--keep-articles", is_flag=True, help="Keep the articles the feed brought in.")
def remove(feed_id: int, keep_articles: bool) -> None:
    """Unsubscribe. Articles saved by hand, favourites and articles another
    feed also delivered always stay."""
    deleted = app_context().library().remove_feed(feed_id, keep_articles=keep_articles)
    click.echo(f"removed feed {feed_id} and {deleted} articles")


@feeds.command(name="set")
@click.argument("feed_id", type=int)
@click.option("--tag", help="Tag future articles from this feed.")
@click.option("--no-tag", is_flag=True, help="Stop tagging articles from this feed.")
@click.option("--mode", type=click.Choice(FEED_MODES), help="full or feed.")
@click.option("--entry-tags/--no-entry-tags", default=None, help="Tag by entry categories.")
def set_feed(
    feed_id: int, tag: str | None, no_tag: bool, mode: str | None, entry_tags: bool | None
) -> None:
    """Change a feed's settings."""
    feed_mode: FeedMode | None = None if mode is None else ("feed" if mode == "feed" else "full")
    app_context().library().update_feed(
        feed_id, tag=tag, clear_tag=no_tag, mode=feed_mode, entry_tags=entry_tags
    )


@feeds.command()
@click.argument("feed_ids", nargs=-1, type=int)
@click.option(
    "--force", is_flag=True, help="Check even feeds asked to wait (Retry-After, backoff)."
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    default=default_time_limit,
    show_default=True,
    help="Seconds for the whole refresh.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of results.")
def refresh(feed_ids: tuple[int, ...], force: bool, time_limit: float, as_json: bool) -> None:
    """Fetch new entries of every feed, or of the feeds given."""
    context = app_context()
    context.library()
    from services.feed_refresh import RefreshOptions, refresh_feeds

    results = refresh_feeds(
        context.library_path,
        feed_ids or None,
        limits=_limits(),
        options=RefreshOptions(time_limit=time_limit, force=force),
        progress=None if as_json else lambda result, _done, _total: _report(result),
    )
    if as_json:
        emit_json([result_json(result) for result in results])
        for result in results:
            if result.failed:
                click.echo(f"failed {result.feed_id} {result.url}: {result.error}", err=True)
    if any(result.failed for result in results):
        sys.exit(1)


@feeds.command(name="import-opml")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the feeds added.")
def import_opml_command(path: Path, as_json: bool) -> None:
    """Subscribe to the feeds an OPML file lists; folders become tags."""
    library = app_context().library()
    limits = _limits()
    try:
        if path.stat().st_size > limits.max_file_bytes:
            fail(f"{path} is over the file size limit")
        data = path.read_bytes()
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    from services.feed_subscribe import import_opml

    try:
        done = import_opml(library, data)
    except CaptureError as error:
        fail(f"cannot import {path}: {error}")
    if as_json:
        emit_json({"added": [feed_json(feed) for feed in done.added], "already": done.already})
    else:
        click.echo(f"added {len(done.added)} feeds, {len(done.already)} already subscribed")


@feeds.command(name="export-opml")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def export_opml_command(path: Path) -> None:
    """Write every subscription to an OPML file, folders as nested outlines."""
    listed = app_context().library().list_feeds()
    from services.feed_subscribe import export_opml

    try:
        path.write_bytes(export_opml(listed))
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    click.echo(f"wrote {len(listed)} feeds to {path}")


COMMANDS = [feeds]
