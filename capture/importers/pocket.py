"""Pocket's exports.

* Since 2025, a zip of ``part_000000.csv``, ``part_000001.csv``… with the
  columns ``title,url,time_added,cursor,tags,status`` (older CSVs lack
  ``cursor``): ``time_added`` a Unix time, ``tags`` separated by ``|``,
  ``status`` ``unread`` or ``archive``. A lone CSV is read the same way.
* Before, ``ril_export.html``: ``<h1>Unread</h1>`` and ``<h1>Read Archive</h1>``
  each followed by a list of ``<a href time_added tags>`` links, tags
  separated by commas.
"""

from __future__ import annotations

from html.parser import HTMLParser

from capture.importers.common import (
    Members,
    clean_tags,
    clean_title,
    csv_header,
    csv_rows,
    decode_text,
    from_epoch,
    natural_key,
    require_columns,
    web_address,
)
from core.imported import ImportedArticle, ImportedFile, ImportFileError

CSV_COLUMNS = ("title", "url", "time_added", "tags", "status")


def is_pocket_part(name: str) -> bool:
    base = name.rsplit("/", 1)[-1].lower()
    return base.startswith("part_") and base.endswith(".csv")


def parse_zip(archive: Members) -> ImportedFile:
    parts = sorted((name for name in archive.names if is_pocket_part(name)), key=natural_key)
    if not parts:
        raise ImportFileError(f"{archive.name} holds no part_*.csv: not a Pocket export")
    imported = ImportedFile("pocket")
    for part in parts:
        _read_csv(archive.text(part), part, imported)
    return imported


def parse_csv(text: str, name: str) -> ImportedFile:
    imported = ImportedFile("pocket")
    _read_csv(text, name, imported)
    return imported


def _read_csv(text: str, name: str, into: ImportedFile) -> None:
    require_columns(csv_header(text), CSV_COLUMNS, name)
    for row in csv_rows(text, name):
        url = web_address(row["url"])
        if url is None:
            into.skipped += 1
            continue
        into.articles.append(
            ImportedArticle(
                url=url,
                title=clean_title(row["title"]),
                saved=from_epoch(row["time_added"]),
                tags=clean_tags(row["tags"].split("|")),
                status="archived" if row["status"].strip().lower() == "archive" else "unread",
            )
        )


class _RilExport(HTMLParser):
    """Reads ``ril_export.html``: the ``<h1>`` before a link is its list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.in_heading = False
        self.heading: list[str] = []
        self.link: dict[str, str | None] | None = None
        self.text: list[str] = []
        self.found = ImportedFile("pocket")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.in_heading, self.heading = True, []
        elif tag == "a":
            self.link, self.text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.in_heading:
            self.in_heading = False
            self.section = "".join(self.heading).strip().lower()
        elif tag == "a" and self.link is not None:
            self._add(self.link, "".join(self.text))
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.heading.append(data)
        elif self.link is not None:
            self.text.append(data)

    def _add(self, link: dict[str, str | None], text: str) -> None:
        url = web_address(link.get("href"))
        if url is None:
            self.found.skipped += 1
            return
        self.found.articles.append(
            ImportedArticle(
                url=url,
                title=clean_title(text),
                saved=from_epoch(link.get("time_added")),
                tags=clean_tags((link.get("tags") or "").split(",")),
                status="archived" if "archive" in self.section else "unread",
            )
        )


def looks_like_ril_export(text: str) -> bool:
    head = text[:4096].lower()
    return "time_added=" in head or "<title>pocket export</title>" in head


def parse_html(data: bytes, name: str) -> ImportedFile:
    text = decode_text(data, name)
    if not looks_like_ril_export(text):
        raise ImportFileError(f"{name} is not a Pocket export (ril_export.html)")
    reader = _RilExport()
    reader.feed(text)
    reader.close()
    return reader.found
