"""What every importer shares: reading the file (a zip's members within
limits), dates, tags, addresses, CSV text."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from core.imported import ImportFileError
from core.text import collapse_whitespace, nfc

MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024
"""An export file, or everything its zip holds once inflated: far above any
real export (a 20,000-link Pocket export is 3 MB), far below a zip bomb."""

CSV_FIELD_LIMIT = 64 * 1024 * 1024
"""One CSV field: a selection or a note can be long, not this long."""
csv.field_size_limit(CSV_FIELD_LIMIT)


def read_bytes(path: Path) -> bytes:
    """The whole file, or one line saying why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            raise ImportFileError(f"{path.name} is too large to be an export ({size} bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder") from None
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None


def decode_text(data: bytes, what: str) -> str:
    """Export text is UTF-8 (with or without a byte-order mark); a file in
    Windows' legacy code page is read as that rather than refused."""
    for codec in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"{what} is not text")


class ZipReader:
    """The members of an export zip, each read within ``MAX_EXPORT_BYTES``
    in all, so a zip bomb is refused rather than inflated."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            self.names = [info.filename for info in self.archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise ImportFileError(f"{name} is a damaged zip file: {error}") from None
        self.inflated = 0

    def read(self, member: str) -> bytes:
        try:
            info = self.archive.getinfo(member)
            if self.inflated + info.file_size > MAX_EXPORT_BYTES:
                raise ImportFileError(f"{self.name} holds more than an export could")
            with self.archive.open(info) as handle:
                data = handle.read(MAX_EXPORT_BYTES - self.inflated + 1)
        except ImportFileError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
            raise ImportFileError(f"{self.name} is damaged ({member}): {error}") from None
        self.inflated += len(data)
        if self.inflated > MAX_EXPORT_BYTES:
            raise ImportFileError(f"{self.name} holds more than an export could")
        return data

    def text(self, member: str) -> str:
        return decode_text(self.read(member), member)


def natural_key(name: str) -> list[object]:
    """Sort ``part_2`` before ``part_10``."""
    return [int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", name)]


def csv_rows(text: str, what: str) -> Iterator[dict[str, str]]:
    """The rows of a CSV export as dicts by header, or one line saying where
    it is damaged."""
    reader = csv.DictReader(io.StringIO(text, newline=""), restval="", strict=True)
    try:
        for row in reader:
            if None in row:
                raise ImportFileError(f"{what} is damaged: line {reader.line_num} has extra fields")
            yield {key: (value or "") for key, value in row.items() if key is not None}
    except csv.Error as error:
        raise ImportFileError(f"{what} is damaged: line {reader.line_num}: {error}") from None


def csv_header(text: str) -> list[str]:
    """The first row of a CSV text, or an empty list when it has none."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return next(csv.reader([first]), [])
    except csv.Error:
        return []


def require_columns(header: Iterable[str], needed: Iterable[str], what: str) -> None:
    missing = [column for column in needed if column not in set(header)]
    if missing:
        raise ImportFileError(f"{what} has no {', '.join(missing)} column")


def web_address(raw: str | None) -> str | None:
    """An http(s) address, stripped; None for anything else (``place:``,
    ``javascript:``, a file, an empty cell): those cannot be saved from the web."""
    if not raw:
        return None
    url = raw.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
        return None
    return url


def clean_title(raw: str | None) -> str:
    return collapse_whitespace(nfc(raw or ""))


def clean_tags(names: Iterable[str]) -> tuple[str, ...]:
    """Tags in the order given, each once, blanks left out."""
    seen: dict[str, str] = {}
    for name in names:
        tag = collapse_whitespace(nfc(name))
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())


def iso_utc(moment: datetime) -> str:
    """How saved dates are stored: ISO 8601 UTC to the second. A time
    without an offset is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# Dates before this are not save dates (a zero, a day count, a typo).
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC).timestamp()


def from_epoch(raw: str | int | float | None) -> str | None:
    """A Unix time (seconds, or milliseconds/microseconds by size) as ISO UTC;
    None when absent or not a plausible date."""
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    while value > 1e11:  # milliseconds, microseconds
        value /= 1000
    if value < _EARLIEST:
        return None
    try:
        return iso_utc(datetime.fromtimestamp(value, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def from_iso(raw: object) -> str | None:
    """An ISO 8601 date (``2024-10-30T12:39:28.023Z``, ``2016-04-05T10:20:30+0200``,
    ``2023-09-13 15:19:09+00:00``) as ISO UTC; None when it is not one."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return iso_utc(datetime.fromisoformat(text))
    except ValueError:
        return from_epoch(text) if text.replace(".", "", 1).isdigit() else None


def fraction(raw: object) -> float:
    """A reading progress as 0..1, from ``0.4``, ``40``, ``"40%"``; 0 when unknown."""
    if isinstance(raw, bool):
        return 0.0
    text = str(raw).strip().rstrip("%") if raw is not None else ""
    try:
        value = float(text)
    except ValueError:
        return 0.0
    if value > 1.0:
        value /= 100
    return min(max(value, 0.0), 1.0)


class FolderReader:
    """The files of an unzipped export folder, read like a zip's members."""

    def __init__(self, folder: Path) -> None:
        self.name = folder.name
        self.folder = folder
        self.names = sorted(
            path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
        )

    def read(self, member: str) -> bytes:
        return read_bytes(self.folder / member)

    def text(self, member: str) -> str:
        return decode_text(self.read(member), member)


Members = ZipReader | FolderReader
"""An export made of several files: a zip, or the folder it unzips to."""
