"""The library schema, as an ordered list of migrations.

A migration is never edited once released: change the schema by appending a
new one. A migration is also *frozen*: it holds every statement it runs and
calls no live code, which may change after it is released. Tables derived
from the articles (the similarity index) are only created here and marked
stale in ``library_state``; ``Library`` then fills them, in the same
transaction, with the live code that also reads them.

``Library`` applies pending migrations when it opens a file, inside one
write transaction, so two programs opening a new library at once cannot
both create it.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import unicodedata
import zlib

from sqlite_utils import Database, Migrations

MIGRATION_SET = "readshelf"
migrations = Migrations(MIGRATION_SET)

# FTS5 indexes folded text (see core.text.fold_for_index) but reads the
# original text from this view when it builds snippets, so snippets keep every
# diacritic. The view must return exactly what was indexed: storage updates the
# index itself, from this same view, whenever an article, its images or its
# tags change.
_SEARCH_SOURCE_VIEW = """
CREATE VIEW article_search_source AS
SELECT
    a.id AS id,
    a.title AS title,
    coalesce(a.lead, '') AS lead,
    a.body_text AS body,
    coalesce((
        SELECT group_concat(text, ' ') FROM (
            SELECT CASE
                WHEN i.alt = '' OR instr(i.caption, i.alt) > 0 THEN i.caption
                WHEN i.caption = '' THEN i.alt
                ELSE i.caption || ' ' || i.alt
            END AS text
            FROM images i WHERE i.article_id = a.id ORDER BY i.position
        )
    ), '') AS captions,
    coalesce((
        SELECT group_concat(name, ' ') FROM (
            SELECT t.name AS name FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id = a.id ORDER BY t.key
        )
    ), '') AS tags,
    coalesce(a.byline, '') AS byline
FROM articles a
"""

_INITIAL = [
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        byline TEXT,
        site TEXT,
        section TEXT,
        published TEXT,
        sort_date TEXT NOT NULL,
        saved TEXT NOT NULL,
        updated TEXT NOT NULL,
        lead TEXT,
        body_text TEXT NOT NULL DEFAULT '',
        reader_html TEXT NOT NULL DEFAULT '',
        language TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'unread' CHECK (status IN ('unread', 'read', 'archived')),
        favorite INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
        reading_position REAL NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        arrived_by TEXT NOT NULL,
        source_name TEXT,
        capture_status TEXT NOT NULL DEFAULT 'complete'
            CHECK (capture_status IN ('complete', 'pending')),
        capture_error TEXT
    )
    """,
    "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL",
    "CREATE INDEX articles_content_hash ON articles(content_hash)",
    "CREATE INDEX articles_title_key ON articles(title_key)",
    "CREATE INDEX articles_sort_date ON articles(sort_date, id)",
    "CREATE INDEX articles_status_sort_date ON articles(status, sort_date)",
    "CREATE INDEX articles_pending ON articles(capture_status) WHERE capture_status != 'complete'",
    "CREATE INDEX articles_favorite ON articles(sort_date) WHERE favorite = 1",
    """
    CREATE TABLE article_sources (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        media_type TEXT,
        compression TEXT NOT NULL,
        original_size INTEGER NOT NULL,
        data BLOB NOT NULL
    )
    """,
    # ``data`` is the last column so that reading image metadata never has to
    # walk the blob's overflow pages.
    """
    CREATE TABLE images (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        alt TEXT NOT NULL DEFAULT '',
        caption TEXT NOT NULL DEFAULT '',
        credit TEXT NOT NULL DEFAULT '',
        src TEXT,
        mime TEXT,
        width INTEGER,
        height INTEGER,
        data BLOB,
        UNIQUE (article_id, position)
    )
    """,
    """
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE
    )
    """,
    """
    CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id)",
    """
    CREATE TABLE related (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('listed', 'inline')),
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        url TEXT,
        section TEXT,
        summary TEXT,
        target_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        UNIQUE (article_id, position)
    )
    """,
    "CREATE INDEX related_url ON related(url) WHERE url IS NOT NULL",
    "CREATE INDEX related_title_key ON related(title_key) WHERE url IS NULL",
    "CREATE INDEX related_target ON related(target_id) WHERE target_id IS NOT NULL",
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        tag TEXT,
        mode TEXT NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'feed')),
        etag TEXT,
        last_modified TEXT,
        last_checked TEXT,
        last_status INTEGER,
        error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_check TEXT,
        created TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE feed_entries (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        entry_key TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        seen TEXT NOT NULL,
        PRIMARY KEY (feed_id, entry_key)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX feed_entries_article ON feed_entries(article_id)",
    _SEARCH_SOURCE_VIEW,
    """
    CREATE VIRTUAL TABLE article_search USING fts5(
        title, lead, body, captions, tags, byline,
        content='article_search_source', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    )
    """,
]


@migrations(name="001_initial")
def _initial(db: Database) -> None:
    for statement in _INITIAL:
        db.execute(statement)


@migrations(name="002_write_counter")
def _write_counter(db: Database) -> None:
    # Counts committed write transactions. A backup carries the count of the
    # library it copied, so "changed since the last backup" is exact.
    db.execute(
        "CREATE TABLE library_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID"
    )
    db.execute("INSERT INTO library_state (key, value) VALUES ('writes', 0)")


# Feeds: whether entry categories become tags (off unless the person asks),
# and the OPML folder path a feed was imported under, as a JSON list of
# outline titles (outermost first), so an export rebuilds the nesting.
_FEEDS = [
    "ALTER TABLE feeds ADD COLUMN entry_tags INTEGER NOT NULL DEFAULT 0"
    " CHECK (entry_tags IN (0, 1))",
    "ALTER TABLE feeds ADD COLUMN folder TEXT",
]


@migrations(name="003_feeds")
def _feeds(db: Database) -> None:
    for statement in _FEEDS:
        db.execute(statement)


# Similarity engine (storage.similar) and the indexes behind list pages.
# similar_postings and similar_bands are WITHOUT ROWID: their primary key is
# the whole row, so each look-up is one b-tree range with nothing to fetch.
# They have no foreign keys on purpose: a cascade would need an index on
# article_id in each; storage.similar.forget_article removes an article's
# rows, and look-ups skip any article that no longer exists.
_SIMILARITY = [
    """
    CREATE TABLE similar_docs (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        terms BLOB NOT NULL,
        minhash BLOB
    )
    """,
    """
    CREATE TABLE similar_postings (
        term_id INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (term_id, rank, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE TABLE similar_df (term_id INTEGER PRIMARY KEY, df INTEGER NOT NULL)",
    """
    CREATE TABLE similar_bands (
        band_key INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (band_key, article_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE similar_stats (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID
    """,
    # One index per list sort order (storage.listing.SORT_COLUMNS), each
    # ending in the rowid, so a page - by OFFSET or by an ``after`` cursor -
    # walks an index instead of sorting the whole table.
    "CREATE INDEX articles_saved ON articles(saved)",
    "CREATE INDEX articles_site ON articles(coalesce(site, ''))",
    "CREATE INDEX articles_section ON articles(coalesce(section, ''))",
    "CREATE INDEX articles_reading ON articles(word_count)",
    "CREATE INDEX articles_status ON articles(status)",
    # The Pending view and its count. articles_pending (001) is partial on
    # capture_status != 'complete', which "capture_status = 'pending'" does
    # not let SQLite use: it scanned every row, half a second at 100,000.
    "CREATE INDEX articles_capture ON articles(capture_status, sort_date)",
    # Every sort key, and the status, by id: a page of a tag's articles is
    # sorted from this compact index instead of from the articles' rows. Not
    # favorite: counting favourites must keep using their partial index.
    "CREATE INDEX articles_list_keys ON articles(id, sort_date, saved, title_key,"
    " coalesce(site, ''), coalesce(section, ''), word_count, status)",
]


# The key in library_state that asks ``Library`` to build the similarity
# index once the migrations are done.
SIMILARITY_STALE = "similarity_stale"


@migrations(name="004_similarity")
def _similarity(db: Database) -> None:
    for statement in _SIMILARITY:
        db.execute(statement)
    db.execute(
        "INSERT OR REPLACE INTO library_state (key, value) VALUES (?, 1)", [SIMILARITY_STALE]
    )


# What the extraction recorded about an article's body (JSON: {"version",
# "warnings"}), and for feeds why the last document fetched had to be read
# leniently and which charset decoded it.
_EXTRACTION_AND_FEED_REPAIR = [
    "ALTER TABLE articles ADD COLUMN extraction TEXT",
    "ALTER TABLE feeds ADD COLUMN repaired TEXT",
    "ALTER TABLE feeds ADD COLUMN charset TEXT",
]


@migrations(name="005_extraction_and_feed_repair")
def _extraction_and_feed_repair(db: Database) -> None:
    for statement in _EXTRACTION_AND_FEED_REPAIR:
        db.execute(statement)


# Clips and versions.
#
# A clip (kind 'clip') is a selection saved as its own article. Its page's
# address is in page_url, never in url, so it can never be taken for the
# page's article; clip_of links it to the page's article once that is saved.
# page_url also keeps an address a page only declared (its canonical link)
# when that address was not trusted to identify it.
#
# article_versions keeps each earlier text of an article (and each newer one
# held back), never edited: the text, reader HTML and the rest as zlib-packed
# JSON in ``content``; the original source bytes as article_sources keeps
# them (already compressed); the pictures in version_images, copied, so that
# no later save or delete of the article's own images can take them away.
_CLIPS_AND_VERSIONS = [
    "ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article'"
    " CHECK (kind IN ('article', 'clip'))",
    "ALTER TABLE articles ADD COLUMN clip_of INTEGER REFERENCES articles(id) ON DELETE SET NULL",
    "ALTER TABLE articles ADD COLUMN page_url TEXT",
    "CREATE INDEX articles_clip_of ON articles(clip_of) WHERE clip_of IS NOT NULL",
    "CREATE INDEX articles_page_url ON articles(page_url) WHERE page_url IS NOT NULL",
    """
    CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        reason TEXT NOT NULL
            CHECK (reason IN ('replaced', 'shorter', 'retitled', 'reverted')),
        title TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        saved TEXT NOT NULL,
        kept TEXT NOT NULL,
        extractor TEXT,
        compression TEXT NOT NULL,
        original_size INTEGER NOT NULL,
        content BLOB NOT NULL,
        source_media_type TEXT,
        source_compression TEXT,
        source_size INTEGER,
        source_data BLOB,
        UNIQUE (article_id, number)
    )
    """,
    """
    CREATE TABLE version_images (
        version_id INTEGER NOT NULL REFERENCES article_versions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        alt TEXT NOT NULL DEFAULT '',
        caption TEXT NOT NULL DEFAULT '',
        credit TEXT NOT NULL DEFAULT '',
        src TEXT,
        mime TEXT,
        width INTEGER,
        height INTEGER,
        data BLOB,
        PRIMARY KEY (version_id, position)
    )
    """,
]


@migrations(name="006_clips_and_versions")
def _clips_and_versions(db: Database) -> None:
    for statement in _CLIPS_AND_VERSIONS:
        db.execute(statement)


# Highlights and notes (issue 15), and the articles an import brought in.
#
# A highlight is anchored the way the W3C Web Annotation model does it: the
# exact quote with a little text before and after it (TextQuoteSelector),
# and its start and end in the article's body text when known
# (TextPositionSelector), so it finds its place again after a
# re-extraction. A note on the article as a whole has kind 'note' and an
# empty quote. ``origin`` names the reader an imported one came from.
_HIGHLIGHTS_AND_IMPORT = [
    """
    CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'highlight' CHECK (kind IN ('highlight', 'note')),
        quote TEXT NOT NULL DEFAULT '',
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start INTEGER CHECK (start IS NULL OR start >= 0),
        "end" INTEGER CHECK ("end" IS NULL OR "end" >= start),
        note TEXT NOT NULL DEFAULT '',
        color TEXT,
        created TEXT NOT NULL,
        updated TEXT,
        origin TEXT
    )
    """,
    "CREATE INDEX highlights_article ON highlights(article_id, start)",
    "CREATE INDEX highlights_created ON highlights(created)",
    # The import's fetch queue: pending articles an import added, oldest
    # request first, without walking every pending article.
    "CREATE INDEX articles_import_queue ON articles(arrived_by, capture_error, sort_date)"
    " WHERE capture_status = 'pending'",
]


@migrations(name="007_highlights_and_import")
def _highlights_and_import(db: Database) -> None:
    for statement in _HIGHLIGHTS_AND_IMPORT:
        db.execute(statement)


# Highlights found or lost, and searched (issue 15).
#
# ``found`` is 0 once a new text of the article (a re-extraction, a retry, a
# revert) no longer holds a highlight's quote: it is kept, shown as "no
# longer in the text", never dropped. highlight_search indexes the quotes and
# notes the way article_search indexes articles: folded text (đ -> d by
# nested replace(), as core.text.fold_for_index), snippets from the original
# columns of ``highlights``. Triggers keep it in step with every write,
# cascades from a deleted article included, so no code path can forget it.
_FOLD_STROKED = (("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D"),
                 ("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"))  # fmt: skip


def _folded(column: str) -> str:
    for stroked, plain in _FOLD_STROKED:
        column = f"replace({column}, '{stroked}', '{plain}')"
    return column


_HIGHLIGHTS_FOUND_AND_SEARCH = [
    "ALTER TABLE highlights ADD COLUMN found INTEGER NOT NULL DEFAULT 1 CHECK (found IN (0, 1))",
    """
    CREATE VIRTUAL TABLE highlight_search USING fts5(
        quote, note,
        content='highlights', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2"
    )
    """,
    "INSERT INTO highlight_search (rowid, quote, note)"
    f" SELECT id, {_folded('quote')}, {_folded('note')} FROM highlights",
    f"""
    CREATE TRIGGER highlights_search_insert AFTER INSERT ON highlights BEGIN
        INSERT INTO highlight_search (rowid, quote, note)
        VALUES (new.id, {_folded("new.quote")}, {_folded("new.note")});
    END
    """,
    f"""
    CREATE TRIGGER highlights_search_delete AFTER DELETE ON highlights BEGIN
        INSERT INTO highlight_search (highlight_search, rowid, quote, note)
        VALUES ('delete', old.id, {_folded("old.quote")}, {_folded("old.note")});
    END
    """,
    f"""
    CREATE TRIGGER highlights_search_update AFTER UPDATE OF quote, note ON highlights BEGIN
        INSERT INTO highlight_search (highlight_search, rowid, quote, note)
        VALUES ('delete', old.id, {_folded("old.quote")}, {_folded("old.note")});
        INSERT INTO highlight_search (rowid, quote, note)
        VALUES (new.id, {_folded("new.quote")}, {_folded("new.note")});
    END
    """,
]


@migrations(name="008_highlights_found_and_search")
def _highlights_found_and_search(db: Database) -> None:
    for statement in _HIGHLIGHTS_FOUND_AND_SEARCH:
        db.execute(statement)


# Topics (issue 14): the site's own keywords for a story, kept apart from
# the tags a person gives. Until now a page's keywords were saved as tags;
# this moves them to topics, keeping the user's tags as they are.
#
# Which tag of an article was the site's? The library kept no record of it,
# but it kept each article's source: a tag is the site's keyword on an
# article when the article's source names it as one (a keywords meta tag, a
# JSON-LD ``keywords`` entry, a link's whole text, a ``Tags:`` line of a text
# dump). A tag name stays a tag, on every article carrying it, when the user
# applied it by hand anywhere: when some article carries it without its
# source naming it (or without a source to ask), or when it is a feed's
# ``--tag``. Its keyword uses then become topics too. Any other tag - one
# only ever found as the site's keyword - becomes a topic.
#
# The search index reads topics beside tags (its ``tags`` column), so it is
# emptied before the view changes and filled again from the new one.
_TOPICS = [
    """
    CREATE TABLE topics (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE
    )
    """,
    """
    CREATE TABLE article_topics (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, topic_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_topics_topic ON article_topics(topic_id, article_id)",
]

_SEARCH_SOURCE_VIEW_WITH_TOPICS = """
CREATE VIEW article_search_source AS
SELECT
    a.id AS id,
    a.title AS title,
    coalesce(a.lead, '') AS lead,
    a.body_text AS body,
    coalesce((
        SELECT group_concat(text, ' ') FROM (
            SELECT CASE
                WHEN i.alt = '' OR instr(i.caption, i.alt) > 0 THEN i.caption
                WHEN i.caption = '' THEN i.alt
                ELSE i.caption || ' ' || i.alt
            END AS text
            FROM images i WHERE i.article_id = a.id ORDER BY i.position
        )
    ), '') AS captions,
    coalesce((
        SELECT group_concat(name, ' ') FROM (
            SELECT 0 AS part, t.key AS key, t.name AS name
            FROM article_tags at JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id = a.id
            UNION ALL
            SELECT 1, p.key, p.name
            FROM article_topics ap JOIN topics p ON p.id = ap.topic_id
            WHERE ap.article_id = a.id
            ORDER BY 1, 2
        )
    ), '') AS tags,
    coalesce(a.byline, '') AS byline
FROM articles a
"""

_SEARCH_COLUMNS_009 = ("title", "lead", "body", "captions", "tags", "byline")

_META_CONTENT = re.compile(r"<meta\b[^>]*?\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_JSON_KEYWORDS = re.compile(r'"keywords"\s*:\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*")')
_LINK_TEXT = re.compile(r"<a\b[^>]*>([^<]{1,120})</a>", re.I)
_TAGS_LINE_009 = re.compile(
    r"^\s*(?:tags?|từ khóa|từ khoá|chủ đề|topics|keywords|tagged)\s*:\s*(\S.*)$", re.I | re.M
)
_KEYWORD_SEPARATOR = re.compile(r"\s*[,;|·•#]\s*")
_TAG_LABELS = frozenset({"tag", "tags", "tu khoa", "chu de", "topics"})


def _fold_009(text: str) -> str:
    """A tag's key as storage wrote it up to now: case, diacritics and
    white space folded, đ -> d."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    for stroked, plain in _FOLD_STROKED:
        stripped = stripped.replace(stroked, plain)
    return unicodedata.normalize("NFC", stripped)


def _keyword_keys(source: bytes, compression: str, media_type: str | None) -> set[str]:
    """The keys of the names an article's source gives as keywords."""
    try:
        data = zlib.decompress(source) if compression == "zlib" else source
    except zlib.error:
        return set()
    text = html.unescape(data.decode("utf-8", errors="replace"))
    names: list[str] = []
    if (media_type or "").startswith("text/plain") or not text.lstrip().startswith("<"):
        names.extend(
            item for line in _TAGS_LINE_009.findall(text) for item in _KEYWORD_SEPARATOR.split(line)
        )
        lines = [line.strip() for line in text.splitlines()]
        for number, line in enumerate(lines):
            if _fold_009(line) in _TAG_LABELS:
                following = lines[number + 1 : number + 12]
                names.extend(following[: following.index("")] if "" in following else following)
    else:
        for double, single in _META_CONTENT.findall(text):
            names.extend(_KEYWORD_SEPARATOR.split(double or single))
        for found in _JSON_KEYWORDS.findall(text):
            try:
                value = json.loads(found)
            except ValueError:
                continue
            items = value if isinstance(value, list) else [value]
            for item in items:
                names.extend(_KEYWORD_SEPARATOR.split(str(item)))
        names.extend(_LINK_TEXT.findall(text))
    return {_fold_009(name.strip(" #")) for name in names if name.strip(" #")}


@migrations(name="009_topics")
def _topics(db: Database) -> None:
    columns = ", ".join(_SEARCH_COLUMNS_009)
    db.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
    for statement in _TOPICS:
        db.execute(statement)
    tag_keys = {int(row[0]): str(row[1]) for row in db.execute("SELECT id, key FROM tags")}
    carried: dict[int, list[int]] = {}
    for article_id, tag_id in db.execute("SELECT article_id, tag_id FROM article_tags"):
        carried.setdefault(int(article_id), []).append(int(tag_id))
    feed_tags = {
        _fold_009(str(row[0])) for row in db.execute("SELECT tag FROM feeds WHERE tag IS NOT NULL")
    }
    users = {tag_id for tag_id, key in tag_keys.items() if key in feed_tags}
    keyword_uses: list[tuple[int, int]] = []
    for article_id, tag_ids in carried.items():
        row = db.execute(
            "SELECT data, compression, media_type FROM article_sources WHERE article_id = ?",
            [article_id],
        ).fetchone()
        keywords = set() if row is None else _keyword_keys(row[0], row[1], row[2])
        for tag_id in tag_ids:
            if tag_keys[tag_id] in keywords:
                keyword_uses.append((article_id, tag_id))
            else:
                users.add(tag_id)
    for article_id, tag_id in keyword_uses:
        db.execute(
            "INSERT OR IGNORE INTO topics (name, key) SELECT name, key FROM tags WHERE id = ?",
            [tag_id],
        )
        db.execute(
            "INSERT OR IGNORE INTO article_topics (article_id, topic_id)"
            " SELECT ?, p.id FROM topics p JOIN tags t ON t.key = p.key WHERE t.id = ?",
            [article_id, tag_id],
        )
        if tag_id not in users:
            db.execute(
                "DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?", [article_id, tag_id]
            )
    db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")
    db.execute("DROP VIEW article_search_source")
    db.execute(_SEARCH_SOURCE_VIEW_WITH_TOPICS)
    db.execute(
        f"INSERT INTO article_search (rowid, {columns})"
        f" SELECT id, {', '.join(_folded(column) for column in _SEARCH_COLUMNS_009)}"
        " FROM article_search_source ORDER BY id"
    )


def current_version() -> int:
    """How many migrations this build knows: the schema version it writes."""
    return len(migrations.pending(Database(memory=True)))


def applied_count(db: Database) -> int:
    """How many migrations this file has had: its schema version."""
    return len(migrations.applied(db))


def is_pending(db: Database) -> bool:
    return bool(migrations.pending(db))


def similarity_stale(conn: sqlite3.Connection) -> bool:
    """Whether a migration left the similarity index to be built."""
    row = conn.execute("SELECT 1 FROM library_state WHERE key = ?", (SIMILARITY_STALE,))
    return row.fetchone() is not None


def mark_similarity_built(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM library_state WHERE key = ?", (SIMILARITY_STALE,))
