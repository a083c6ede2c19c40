"""``tags``: list tags with counts; rename, merge and delete them.
``topics``: list the sites' keywords with counts."""

from __future__ import annotations

import click

from cli.context import app_context, emit_json


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def tags(ctx: click.Context, as_json: bool) -> None:
    """List tags with how many articles carry each."""
    if ctx.invoked_subcommand is not None:
        return
    listed = app_context().library().list_tags()
    if as_json:
        emit_json([{"name": tag.name, "count": tag.count} for tag in listed])
    else:
        for tag in listed:
            click.echo(f"{tag.count:>6}  {tag.name}")


@tags.command()
@click.argument("old")
@click.argument("new")
def rename(old: str, new: str) -> None:
    """Rename a tag (onto an existing tag: merge them)."""
    app_context().library().rename_tag(old, new)


@tags.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--into", required=True, help="The tag that remains.")
def merge(sources: tuple[str, ...], into: str) -> None:
    """Merge tags into one."""
    app_context().library().merge_tags(sources, into)


@tags.command(name="delete")
@click.argument("name")
def delete_tag(name: str) -> None:
    """Delete a tag; its articles stay."""
    app_context().library().delete_tag(name)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def topics(as_json: bool) -> None:
    """List topics (the sites' own keywords) with how many articles carry each."""
    listed = app_context().library().list_topics()
    if as_json:
        emit_json([{"name": topic.name, "count": topic.count} for topic in listed])
    else:
        for topic in listed:
            click.echo(f"{topic.count:>6}  {topic.name}")


COMMANDS = [tags, topics]
