"""The JSON Schema every part of a bundle's manifest must meet.

Checked before anything is written, so a crafted bundle cannot store a value
the rest of Readshelf cannot read back: a word count of ``1e999`` or
``"zz"``, a title with a lone surrogate (``\\ud800``, which no UTF-8 can
hold), a date nothing parses, a feed folder 3000 levels deep or an
``extraction`` record that is not one.

Each known column has its type and range; a column this version does not
know (a bundle from a newer Readshelf) may be any short text, number or
null, and is reported and left out by the import. Strings carry the custom
format ``text`` (encodable as UTF-8); dates the format ``moment``
(``datetime.fromisoformat`` reads it). Columns that hold JSON of their own
(``feeds.folder``, ``articles.extraction``) are parsed, depth-limited, and
checked against their own small schemas.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from storage import versions
from storage.bundle.jsonstream import loads_limited
from storage.bundle.model import MANIFEST, BundleError

INT64 = {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}
ROW_ID = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
COUNT = {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}
FLAG = {"type": "integer", "enum": [0, 1]}
SHORT_TEXT_CHARS = 100_000
LONG_TEXT_CHARS = 200_000_000
MAX_FOLDER_DEPTH = 64
"""Most folders a feed may sit in (an OPML outline nests them)."""
MAX_LIST_ITEMS = 100_000
"""Most pictures, related stories, tags or warnings one entry may list."""


# Nullable values list "null" among their types rather than using anyOf:
# the same meaning (format, length and range keywords ignore a null), and a
# fraction of the work per value, which counts at 100,000 articles.


def _text(limit: int = SHORT_TEXT_CHARS, *, nullable: bool = False, **more: Any) -> dict[str, Any]:
    kind: str | list[str] = ["string", "null"] if nullable else "string"
    return {"type": kind, "format": "text", "maxLength": limit, **more}


def _moment(*, nullable: bool = False) -> dict[str, Any]:
    return _text(100, nullable=nullable, format="moment")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


SHA256 = {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}
# What a column this version does not know may hold.
UNKNOWN_COLUMN = {
    "type": ["string", "number", "null"],
    "format": "text",
    "maxLength": SHORT_TEXT_CHARS,
    "maximum": 2**63 - 1,
}


def _row(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": UNKNOWN_COLUMN,
        # Unknown names are only reported (escaped), never stored; checking
        # each name here would cost a third of the validation.
        "maxProperties": 500,
    }


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items, "maxItems": MAX_LIST_ITEMS}


IMAGE = _row(
    {
        "id": ROW_ID,
        "position": COUNT,
        "alt": _text(),
        "caption": _text(),
        "credit": _text(),
        "src": _text(nullable=True),
        "mime": _text(200, nullable=True),
        "width": _nullable(COUNT),
        "height": _nullable(COUNT),
        "file": _text(1000, nullable=True),
        "sha256": _nullable(SHA256),
        "size": _nullable(COUNT),
    },
    ["position"],
)
IMAGE["if"] = {"properties": {"file": {"type": "string"}}, "required": ["file"]}
IMAGE["then"] = {"required": ["sha256"], "properties": {"sha256": SHA256}}

SOURCE = _row(
    {
        "media_type": _text(200, nullable=True),
        "compression": _text(50),
        "original_size": COUNT,
        "file": _text(1000),
        "sha256": SHA256,
    },
    ["compression", "file", "sha256"],
)

RELATED = _row(
    {
        "id": ROW_ID,
        "position": COUNT,
        "kind": {"enum": ["listed", "inline"]},
        "title": _text(),
        "title_key": _text(),
        "url": _text(nullable=True),
        "section": _text(nullable=True),
        "summary": _text(nullable=True),
        "target_id": _nullable(ROW_ID),
    },
    ["position", "kind", "title", "title_key"],
)

FILE = {
    "type": "object",
    "properties": {"file": _text(1000), "sha256": SHA256},
    "required": ["file", "sha256"],
    "additionalProperties": False,
}

# The only compression ``storage.versions`` reads back; anything else would
# store a version nobody can open.
VERSION_COMPRESSION = {"enum": [versions.COMPRESSION]}
# Most bytes a version's packed content may unpack to (text, reader HTML,
# lead: each at most LONG_TEXT_CHARS, up to 4 UTF-8 bytes a character).
MAX_UNPACKED_BYTES = 16 * LONG_TEXT_CHARS

VERSION = _row(
    {
        "id": ROW_ID,
        "number": ROW_ID,
        "reason": {"enum": ["replaced", "shorter", "retitled", "reverted"]},
        "title": _text(),
        "word_count": COUNT,
        "saved": _moment(),
        "kept": _moment(),
        "extractor": _text(200, nullable=True),
        "compression": VERSION_COMPRESSION,
        "original_size": {**COUNT, "maximum": MAX_UNPACKED_BYTES},
        "source_media_type": _text(200, nullable=True),
        "source_compression": {"enum": [versions.COMPRESSION, None]},
        "source_size": _nullable({**COUNT, "maximum": MAX_UNPACKED_BYTES}),
        "content": FILE,
        "source": _nullable(FILE),
        "images": _list(IMAGE),
    },
    ["number", "reason", "title", "word_count", "saved", "kept", "compression",
     "original_size", "content"],
)  # fmt: skip
# Source bytes need to say how they are compressed, and the other way round.
VERSION["if"] = {"properties": {"source": {"type": "object"}}, "required": ["source"]}
VERSION["then"] = {
    "required": ["source_compression", "source_size"],
    "properties": {"source_compression": VERSION_COMPRESSION, "source_size": COUNT},
}

HIGHLIGHT = _row(
    {
        "id": ROW_ID,
        "kind": {"enum": ["highlight", "note"]},
        "quote": _text(LONG_TEXT_CHARS),
        "prefix": _text(),
        "suffix": _text(),
        "start": _nullable(COUNT),
        "end": _nullable(COUNT),
        "note": _text(LONG_TEXT_CHARS),
        "color": _text(100, nullable=True),
        "created": _moment(),
        "updated": _moment(nullable=True),
        "origin": _text(200, nullable=True),
        "found": FLAG,
    },
    ["kind", "created"],
)

ARTICLE = _row(
    {
        "id": ROW_ID,
        "url": _text(nullable=True),
        "title": _text(),
        "title_key": _text(),
        "byline": _text(nullable=True),
        "site": _text(nullable=True),
        "section": _text(nullable=True),
        "published": _text(200, nullable=True),
        "sort_date": _moment(),
        "saved": _moment(),
        "updated": _moment(),
        "lead": _text(LONG_TEXT_CHARS, nullable=True),
        "body_text": _text(LONG_TEXT_CHARS),
        "reader_html": _text(LONG_TEXT_CHARS),
        "language": _text(100, nullable=True),
        "word_count": COUNT,
        "status": {"enum": ["unread", "read", "archived"]},
        "favorite": FLAG,
        "reading_position": {"type": "number", "minimum": 0, "maximum": 1},
        "content_hash": _text(200),
        "arrived_by": _text(200),
        "source_name": _text(nullable=True),
        "capture_status": {"enum": ["complete", "pending"]},
        "capture_error": _text(nullable=True),
        "extraction": _text(nullable=True, format="extraction"),
        "kind": {"enum": ["article", "clip"]},
        "clip_of": _nullable(ROW_ID),
        "page_url": _text(nullable=True),
        "tags": _list(_text(1000)),
        "topics": _list(_text(1000)),
        "images": _list(IMAGE),
        "related": _list(RELATED),
        "source": _nullable(SOURCE),
        "versions": _list(VERSION),
        "highlights": _list(HIGHLIGHT),
    },
    ["id", "title", "title_key", "sort_date", "saved", "updated", "content_hash", "arrived_by"],
)

# What a version's ``content`` file unpacks to (``storage.versions``): the
# article's content columns, each as strict as in an article entry, and its
# related stories.
VERSION_CONTENT = {
    "type": "object",
    "properties": {
        "columns": {
            "type": "object",
            "properties": {
                column: ARTICLE["properties"][column] for column in versions.CONTENT_COLUMNS
            },
            "required": list(versions.CONTENT_COLUMNS),
        },
        "related": _list(
            {
                "type": "object",
                "properties": {
                    "kind": RELATED["properties"]["kind"],
                    "title": _text(),
                    "url": _text(nullable=True),
                    "section": _text(nullable=True),
                    "summary": _text(nullable=True),
                },
                "required": ["kind", "title", "url", "section", "summary"],
                "additionalProperties": False,
            }
        ),
    },
    "required": ["columns", "related"],
}

FEED_ENTRY = _row(
    {
        "entry_key": _text(),
        "article_id": _nullable(ROW_ID),
        "seen": _moment(),
    },
    ["entry_key", "seen"],
)

FEED = _row(
    {
        "id": ROW_ID,
        "url": _text(),
        "title": _text(nullable=True),
        "site_url": _text(nullable=True),
        "tag": _text(1000, nullable=True),
        "folder": _text(nullable=True, format="folder"),
        "mode": {"enum": ["full", "feed"]},
        "entry_tags": FLAG,
        "etag": _text(nullable=True),
        "last_modified": _text(200, nullable=True),
        "last_checked": _moment(nullable=True),
        "last_status": _nullable(INT64),
        "error": _text(nullable=True),
        "failures": COUNT,
        "next_check": _moment(nullable=True),
        "created": _moment(),
        "repaired": _text(nullable=True),
        "charset": _text(200, nullable=True),
        "entries": _list(FEED_ENTRY),
    },
    ["url", "created"],
)

TAG = _row({"id": ROW_ID, "name": _text(1000), "key": _text(1000)}, ["id", "name", "key"])

# The top level, without its three lists (read one element at a time).
HEADER = {
    "type": "object",
    "properties": {
        "format": {"const": "readshelf-bundle"},
        "format_version": {"type": "integer", "minimum": 1},
        "schema_version": _nullable(COUNT),
        "exported": _moment(nullable=True),
        # Present here only when they are not lists (lists are read apart).
        "tags": {"type": "array"},
        "articles": {"type": "array"},
        "feeds": {"type": "array"},
    },
    "required": ["format", "format_version"],
}

# The JSON stored in a feed's ``folder`` and an article's ``extraction``.
FOLDER_PATH = {"type": "array", "items": _text(1000), "maxItems": MAX_FOLDER_DEPTH}
EXTRACTION_RECORD = {
    "type": "object",
    "properties": {"version": _text(200), "warnings": _list(_text(1000))},
}

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("text", raises=UnicodeEncodeError)
def _is_text(value: object) -> bool:
    """Whether a string can be stored: UTF-8 holds no lone surrogate."""
    if isinstance(value, str):
        value.encode("utf-8")
    return True


@_FORMATS.checks("moment", raises=ValueError)
def _is_moment(value: object) -> bool:
    if isinstance(value, str):
        datetime.fromisoformat(value)
    return True


def _embedded(schema: Mapping[str, Any]) -> Any:
    validator = Draft202012Validator(schema, format_checker=_FORMATS)

    def check(value: object) -> bool:
        if not isinstance(value, str):
            return True
        try:
            parsed = loads_limited(value)
        except BundleError as error:
            raise ValueError(str(error).removeprefix(f"{MANIFEST} is damaged: ")) from error
        wrong = next(iter(validator.iter_errors(parsed)), None)
        if wrong is not None:
            raise ValueError(f"{_path('', wrong)} {_reason(wrong)}".strip())
        return True

    return check


_FORMATS.checks("folder", raises=ValueError)(_embedded(FOLDER_PATH))
_FORMATS.checks("extraction", raises=ValueError)(_embedded(EXTRACTION_RECORD))

_VALIDATORS = {
    name: Draft202012Validator(schema, format_checker=_FORMATS)
    for name, schema in {
        "header": HEADER,
        "tags": TAG,
        "articles": ARTICLE,
        "feeds": FEED,
        "version content": VERSION_CONTENT,
    }.items()
}
for _validator in _VALIDATORS.values():
    Draft202012Validator.check_schema(_validator.schema)


def _path(where: str, error: ValidationError) -> str:
    parts = [where]
    for part in error.absolute_path:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(parts)


_KIND_NAMES = {
    "array": "a list",
    "object": "an object",
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "null": "null",
}


def _kinds(schema: Any) -> str:
    """What a schema's ``type`` accepts, in words."""
    kinds = schema.get("type") if isinstance(schema, Mapping) else None
    listed = kinds if isinstance(kinds, list) else [kinds]
    return " or ".join(_KIND_NAMES.get(str(kind), "something else") for kind in listed)


def _reason(error: ValidationError) -> str:
    """A short, one-line reason (long or control-character values elided)."""
    if error.validator == "format":
        cause = error.cause
        detail = f": {cause}" if isinstance(cause, ValueError) and str(cause) else ""
        names = {"text": "is not valid Unicode text", "moment": "is not an ISO 8601 date"}
        reason = names.get(str(error.validator_value), f"is not a valid {error.validator_value}")
        return f"{reason}{detail}"
    if error.validator in ("maxLength", "maxItems"):
        return f"is longer than {error.validator_value}"
    if error.validator == "type":
        return f"should be {_kinds(error.schema)}"
    if error.validator == "required":
        return error.message.replace(" is a required property", " is missing")
    return error.message if len(error.message) <= 120 else "is out of range"


def _short(value: Any) -> str:
    text = ascii(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validate(kind: str, value: Any, where: str, document: str = MANIFEST) -> None:
    """Check one part of a manifest (``header``, or an element of ``tags``,
    ``articles`` or ``feeds``) or of another ``document`` of the bundle
    (``version content``); a BundleError names the first wrong field."""
    error = min(
        _VALIDATORS[kind].iter_errors(value),
        key=lambda found: len(found.absolute_path),
        default=None,
    )
    if error is not None and error.validator in ("enum", "const"):
        allowed = error.validator_value
        expected = ", ".join(map(str, allowed)) if isinstance(allowed, list) else str(allowed)
        raise BundleError(
            f"the bundle does not fit this library: {_path(where, error)} is"
            f" {_short(error.instance)}, not one of: {expected}"
        )
    if error is not None:
        reason = " ".join(_reason(error).split())
        raise BundleError(f"{document} is damaged: {_path(where, error)} {reason}")
