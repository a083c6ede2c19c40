"""Feed subscriptions in the library: rows, checks, entries, counts, removal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.models import FeedCheck
from storage import ArticleFilter, ArticleRecord, Library, LibraryError
from storage.errors import FeedExistsError, FeedNotFoundError
from storage.migrations import current_version


def article(library: Library, url: str, arrived_by: str = "feed") -> int:
    record = ArticleRecord(
        title=f"Bài {url}", url=url, body_text="Nội dung.", arrived_by=arrived_by
    )
    return library.save_article(record).id


def test_a_new_library_has_the_feed_columns(library: Library) -> None:
    assert library.schema_version() == current_version()
    feed = library.add_feed(
        "https://bao.example.vn/rss", entry_tags=True, folder=("Tin", "Thế giới")
    )
    assert (feed.entry_tags, feed.folder, feed.mode, feed.failures) == (
        True,
        ("Tin", "Thế giới"),
        "full",
        0,
    )


def test_add_get_list_and_duplicates(library: Library) -> None:
    first = library.add_feed(" https://a.example/feed ", title="A", tag="Tin", mode="feed")
    second = library.add_feed("https://b.example/feed")
    assert first.url == "https://a.example/feed"
    assert [feed.id for feed in library.list_feeds()] == [first.id, second.id]
    assert library.feed_by_url("https://a.example/feed") == first
    assert library.feed_by_url("https://c.example/feed") is None
    with pytest.raises(FeedExistsError, match="already subscribed"):
        library.add_feed("https://a.example/feed")
    with pytest.raises(FeedNotFoundError):
        library.get_feed(999)
    with pytest.raises(LibraryError, match="unknown feed mode"):
        library.add_feed("https://c.example/feed", mode="everything")  # type: ignore[arg-type]


def test_update_settings(library: Library) -> None:
    feed = library.add_feed("https://a.example/feed", tag="Cũ", folder=("Cũ",))
    changed = library.update_feed(feed.id, tag="Mới", mode="feed", entry_tags=True)
    assert (changed.tag, changed.folder, changed.mode, changed.entry_tags) == (
        "Mới",
        (),
        "feed",
        True,
    )
    assert library.update_feed(feed.id, clear_tag=True).tag is None
    assert library.update_feed(feed.id).mode == "feed"  # nothing asked, nothing changed
    with pytest.raises(FeedNotFoundError):
        library.update_feed(999, mode="full")


def test_record_checks_keep_validators_only_when_asked(library: Library) -> None:
    feed = library.add_feed("https://a.example/feed")
    library.record_feed_check(
        feed.id,
        FeedCheck(
            checked="2025-09-01T08:00:00+00:00",
            status=200,
            error=None,
            failures=0,
            update_validators=True,
            etag='"v1"',
            last_modified="Mon, 01 Sep 2025 08:00:00 GMT",
            title="Báo A",
            site_url="https://a.example/",
        ),
    )
    failed = library.record_feed_check(
        feed.id,
        FeedCheck(
            checked="2025-09-01T09:00:00+00:00",
            status=500,
            error="HTTP 500 Internal Server Error",
            failures=1,
            next_check="2025-09-01T09:10:00+00:00",
            etag='"ignored"',
        ),
    )
    assert (failed.etag, failed.last_modified) == ('"v1"', "Mon, 01 Sep 2025 08:00:00 GMT")
    assert (failed.title, failed.site_url) == ("Báo A", "https://a.example/")
    assert (failed.last_status, failed.error, failed.failures) == (
        500,
        "HTTP 500 Internal Server Error",
        1,
    )
    assert failed.next_check == "2025-09-01T09:10:00+00:00"


def test_a_move_onto_another_subscription_keeps_the_old_address(library: Library) -> None:
    old = library.add_feed("https://a.example/old")
    library.add_feed("https://a.example/new")
    check = FeedCheck(checked="2025-09-01T08:00:00+00:00", status=200, error=None, failures=0)
    taken = library.record_feed_check(old.id, replace(check, new_url="https://a.example/new"))
    assert taken.url == "https://a.example/old"
    moved = library.record_feed_check(old.id, replace(check, new_url="https://a.example/newer"))
    assert moved.url == "https://a.example/newer"


def test_entries_link_articles_and_count_unread(library: Library) -> None:
    feed = library.add_feed("https://a.example/feed")
    one = article(library, "https://a.example/1")
    two = article(library, "https://a.example/2")
    library.link_feed_entry(feed.id, "guid-1", one)
    library.link_feed_entry(feed.id, "guid-2", two)
    library.link_feed_entry(feed.id, "guid-3", None)  # seen, nothing to save
    library.link_feed_entry(feed.id, "guid-1", None)  # seen again: the link stays
    library.set_status(two, "read")
    counted = library.get_feed(feed.id)
    assert (counted.entries, counted.unread) == (2, 1)
    assert library.feed_entry_keys(feed.id) == {"guid-1", "guid-2", "guid-3"}
    assert library.count_articles(ArticleFilter(feed_id=feed.id)) == 2
    assert library.find_article_id("https://A.example/1?utm_source=rss#top") == one
    assert library.find_article_id("not a url") is None
    # A deleted article leaves its entry behind, so it is never saved again.
    library.delete_articles([one])
    assert library.get_feed(feed.id).entries == 1
    assert "guid-1" in library.feed_entry_keys(feed.id)


def test_removing_a_feed_takes_only_what_it_alone_brought(library: Library) -> None:
    feed = library.add_feed("https://a.example/feed")
    other = library.add_feed("https://b.example/feed")
    alone = article(library, "https://a.example/alone")
    favourite = article(library, "https://a.example/favourite")
    shared = article(library, "https://a.example/shared")
    by_hand = article(library, "https://a.example/by-hand", arrived_by="web")
    library.set_favorite(favourite, True)
    library.add_tags(alone, ["Chỉ ở đây"])
    for key, article_id in (("1", alone), ("2", favourite), ("3", shared), ("4", by_hand)):
        library.link_feed_entry(feed.id, key, article_id)
    library.link_feed_entry(other.id, "x", shared)

    assert library.remove_feed(feed.id) == 1

    assert not library.article_exists(alone)
    assert all(library.article_exists(kept) for kept in (favourite, shared, by_hand))
    # The similarity index forgets it too, as when deleting an article.
    indexed = {
        row[0] for row in library.store.connection.execute("SELECT article_id FROM similar_docs")
    }
    assert indexed == {favourite, shared, by_hand}
    assert [tag.name for tag in library.list_tags()] == []
    assert library.search("alone") == []
    assert [f.id for f in library.list_feeds()] == [other.id]
    with pytest.raises(FeedNotFoundError):
        library.remove_feed(feed.id)


def test_removing_a_feed_can_keep_its_articles(library: Library) -> None:
    feed = library.add_feed("https://a.example/feed")
    kept = article(library, "https://a.example/1")
    library.link_feed_entry(feed.id, "1", kept)
    assert library.remove_feed(feed.id, keep_articles=True) == 0
    assert library.article_exists(kept)
    assert library.feeds_of_article(kept) == []


def test_feeds_survive_reopening(library_path: Path) -> None:
    with Library(library_path) as library:
        feed_id = library.add_feed("https://a.example/feed", tag="Tin").id
    with Library(library_path) as library:
        assert library.get_feed(feed_id).tag == "Tin"
