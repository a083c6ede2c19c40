"""Commands on saved articles: show, list, search, tag, untag, delete, mark."""

from __future__ import annotations

from typing import Any

import click

from cli.context import app_context, emit_json, fail
from core.models import ArticleSummary, Version
from storage import SNIPPET_END, SNIPPET_START, Article, ArticleFilter


def _mark_snippet(snippet: str) -> str:
    return snippet.replace(SNIPPET_START, "[").replace(SNIPPET_END, "]")


def article_json(article: Article) -> dict[str, Any]:
    """The ``show --json`` shape of an article."""
    return {
        "id": article.id,
        "url": article.url,
        "kind": article.kind,
        "page_url": article.page_url,
        "clip_of": article.clip_of,
        "clips": list(article.clips),
        "title": article.title,
        "byline": article.byline,
        "site": article.site,
        "section": article.section,
        "published": article.published,
        "saved": article.saved,
        "lead": article.lead,
        "text": article.body_text,
        "html": article.reader_html,
        "language": article.language,
        "word_count": article.word_count,
        "reading_minutes": article.reading_minutes,
        "status": article.status,
        "favorite": article.favorite,
        "pending": article.capture_status == "pending",
        "error": article.capture_error,
        "extraction": (
            None
            if article.extraction is None
            else {"version": article.extraction.version, "warnings": article.extraction.warnings}
        ),
        "tags": list(article.tags),
        "topics": list(article.topics),
        "images": [
            {
                "position": image.position,
                "alt": image.alt,
                "caption": image.caption,
                "credit": image.credit,
                "src": image.src,
                "has_data": image.has_data,
                "mime": image.mime,
                "width": image.width,
                "height": image.height,
            }
            for image in article.images
        ],
        "related": [
            {
                "kind": link.kind,
                "title": link.title,
                "url": link.url,
                "section": link.section,
                "summary": link.summary,
                "article_id": link.target_id,
            }
            for link in article.related
        ],
    }


def summary_json(summary: ArticleSummary) -> dict[str, Any]:
    """The ``list --json`` shape of one article."""
    return {
        "id": summary.id,
        "title": summary.title,
        "site": summary.site,
        "section": summary.section,
        "published": summary.published,
        "saved": summary.saved,
        "status": summary.status,
        "favorite": summary.favorite,
        "reading_minutes": summary.reading_minutes,
        "pending": summary.capture_status == "pending",
    }


def _print_article(article: Article) -> None:
    click.echo(article.title)
    meta = [part for part in (article.section, article.published, article.byline) if part]
    if meta:
        click.echo(" · ".join(meta))
    if article.tags:
        click.echo("Tags: " + ", ".join(article.tags))
    if article.topics:
        click.echo("Topics: " + ", ".join(article.topics))
    click.echo()
    if article.lead:
        click.echo(article.lead + "\n")
    click.echo(article.body_text)
    for image in article.images:
        credit = f" ({image.credit})" if image.credit else ""
        click.echo(f"\n[Image {image.position + 1}] {image.caption or image.alt}{credit}")
    if article.related:
        click.echo("\nRelated:")
        for link in article.related:
            saved = f" (saved as {link.target_id})" if link.target_id else ""
            click.echo(f"  - {link.title}{saved}")


@click.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
def show(article_id: int, as_json: bool) -> None:
    """Show one article."""
    article = app_context().library().get_article(article_id)
    if as_json:
        emit_json(article_json(article))
    else:
        _print_article(article)


STATUS_CHOICES = ("unread", "read", "archived", "favorite", "pending")


@click.command(name="list")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--topic", help="Only articles on this topic (one of the sites' keywords).")
@click.option("--status", type=click.Choice(STATUS_CHOICES), help="Only articles in this state.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_articles(tag: str | None, topic: str | None, status: str | None, as_json: bool) -> None:
    """List articles, newest first."""
    library = app_context().library()
    where = ArticleFilter(
        tag=tag,
        topic=topic,
        status=status if status in ("unread", "read", "archived") else None,  # type: ignore[arg-type]
        favorite=True if status == "favorite" else None,
        pending=True if status == "pending" else None,
    )
    page_size = 500
    rows: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = library.list_articles(where, limit=page_size, offset=offset)
        for summary in page:
            if as_json:
                rows.append(summary_json(summary))
            else:
                mark = "*" if summary.status == "unread" else " "
                date = (summary.published or summary.saved)[:10]
                click.echo(f"{summary.id:>6} {mark} {date}  {summary.title}")
        if len(page) < page_size:
            break
        offset += page_size
    if as_json:
        emit_json(rows)


@click.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def search(query: str, limit: int, as_json: bool) -> None:
    """Full-text search, ignoring case and diacritics (duong finds đường).

    Quotes make a phrase, a trailing * a prefix; AND, OR, NOT combine.
    """
    hits = app_context().library().search(query, limit=limit)
    if as_json:
        emit_json(
            [
                {
                    "id": hit.id,
                    "title": hit.title,
                    "snippet": _mark_snippet(hit.snippet),
                    "score": hit.score,
                }
                for hit in hits
            ]
        )
        return
    for hit in hits:
        snippet = " ".join(_mark_snippet(hit.snippet).split())
        click.echo(f"{hit.id:>6}  {hit.title}\n        {snippet}")


@click.command()
@click.argument("article_id", type=int)
@click.argument("tags", nargs=-1, required=True)
def tag(article_id: int, tags: tuple[str, ...]) -> None:
    """Add tags to an article."""
    app_context().library().add_tags(article_id, tags)


@click.command()
@click.argument("article_id", type=int)
@click.argument("tags", nargs=-1, required=True)
def untag(article_id: int, tags: tuple[str, ...]) -> None:
    """Remove tags from an article."""
    app_context().library().remove_tags(article_id, tags)


@click.command()
@click.argument("article_ids", type=int, nargs=-1, required=True)
def delete(article_ids: tuple[int, ...]) -> None:
    """Delete articles with their images, tags and related stories."""
    library = app_context().library()
    missing = [article_id for article_id in article_ids if not library.article_exists(article_id)]
    library.delete_articles(article_ids)
    if missing:
        fail("no article with id " + ", ".join(str(article_id) for article_id in missing))


@click.command()
@click.argument("article_ids", type=int, nargs=-1, required=True)
@click.option("--read", "status", flag_value="read", help="Mark as read.")
@click.option("--unread", "status", flag_value="unread", help="Mark as unread.")
@click.option("--archived", "status", flag_value="archived", help="Move to the archive.")
@click.option("--favorite/--unfavorite", default=None, help="Mark or unmark as a favourite.")
def mark(article_ids: tuple[int, ...], status: str | None, favorite: bool | None) -> None:
    """Change an article's state: read, unread, archived, favourite."""
    if status is None and favorite is None:
        fail("say how to mark: --read, --unread, --archived, --favorite or --unfavorite")
    library = app_context().library()
    for article_id in article_ids:
        if status is not None:
            library.set_status(article_id, status)  # type: ignore[arg-type]
        if favorite is not None:
            library.set_favorite(article_id, favorite)


# What each reason a version was kept says in ``history``.
VERSION_REASONS = {
    "replaced": "replaced by a newer save",
    "reverted": "replaced by a revert",
    "shorter": "not used: much shorter than the saved text",
    "retitled": "not used: another title",
}


def version_json(version: Version) -> dict[str, Any]:
    """The ``history --json`` shape of one version."""
    return {
        "number": version.number,
        "title": version.title,
        "word_count": version.word_count,
        "saved": version.saved,
        "kept": version.kept,
        "extractor": version.extractor,
        "reason": version.reason,
        "stored_bytes": version.stored_bytes,
    }


@click.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def history(article_id: int, as_json: bool) -> None:
    """List an article's kept versions: earlier texts, and newer ones not used."""
    library = app_context().library()
    versions = library.versions(article_id)
    if as_json:
        current = library.get_article(article_id)
        emit_json(
            {
                "id": article_id,
                "current": {
                    "title": current.title,
                    "word_count": current.word_count,
                    "updated": current.updated,
                },
                "versions": [version_json(version) for version in versions],
            }
        )
        return
    if not versions:
        click.echo(f"{article_id} has no other versions")
        return
    for version in versions:
        click.echo(
            f"{version.number:>4}  {version.saved[:16].replace('T', ' ')}"
            f"  {version.word_count:>6} words  {version.title}"
            f"  ({VERSION_REASONS[version.reason]})"
        )


@click.command()
@click.argument("article_id", type=int)
@click.argument("version", type=int)
def revert(article_id: int, version: int) -> None:
    """Make a kept version the article's text again (the current one is kept)."""
    kept = app_context().library().revert_article(article_id, version)
    click.echo(
        f"reverted {article_id} to version {version}; the text it had is version {kept.number}"
    )


COMMANDS = [show, list_articles, search, tag, untag, delete, mark, history, revert]

__all__ = ["COMMANDS", "article_json", "summary_json", "version_json"]
