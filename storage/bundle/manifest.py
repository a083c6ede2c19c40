"""Reading a bundle folder: its manifest, checked, and its files' bytes."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from storage.bundle.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    Bundle,
    BundleArticle,
    BundleError,
    BundleFeed,
    BundleImage,
    BundleSource,
    Scalar,
)


def _object(value: Any, where: str) -> dict[str, Any]:
    """``value`` if it is a JSON object, else a BundleError naming ``where``."""
    if not isinstance(value, dict):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be an object")
    return value


def _array(value: Any, where: str) -> list[Any]:
    """``value`` if it is a JSON array (a missing one is empty)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be a list")
    return value


def _integer(value: Any, where: str) -> int:
    """``value`` if it is a whole number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be a whole number")
    return value


def _text(value: Any, where: str) -> str:
    """``value`` if it is a string."""
    if not isinstance(value, str):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be text")
    return value


def _scalars(entry: dict[str, Any], where: str, nested: Sequence[str] = ()) -> dict[str, Scalar]:
    """The column values of an entry: every key but ``nested``, each one text,
    a number or null."""
    columns: dict[str, Scalar] = {}
    for key, value in entry.items():
        if key in nested:
            continue
        if value is not None and not isinstance(value, str | int | float):
            raise BundleError(f"{MANIFEST} is damaged: {where}.{key} should be text or a number")
        columns[key] = value
    return columns


def _escapes(relative: str) -> bool:
    """Whether a path from the manifest could point outside the bundle."""
    posix = PurePosixPath(relative)
    windows = PureWindowsPath(relative)
    return (
        not relative
        or "\\" in relative
        or "\x00" in relative
        or posix.is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or ".." in posix.parts
    )


def bundle_file(directory: Path, relative: Any, where: str) -> Path:
    """The file a manifest path names, refusing paths that leave the bundle
    (``../``, absolute, or through a link) and files that are not there."""
    text = _text(relative, f"{where}.file")
    if _escapes(text):
        raise BundleError(f"{where} points outside the bundle: {text!r}")
    path = directory / PurePosixPath(text)
    try:
        inside = path.resolve().is_relative_to(directory.resolve())
    except OSError as error:
        raise BundleError(f"{where}: cannot read {text!r}: {error.strerror or error}") from error
    if not inside:
        raise BundleError(f"{where} points outside the bundle: {text!r}")
    if not path.is_file():
        raise BundleError(f"{where}: the file {text!r} is missing from the bundle")
    return path


def _sha256_field(value: Any, where: str) -> str:
    """A hex SHA-256 from the manifest."""
    text = _text(value, f"{where}.sha256").lower()
    if not re.fullmatch(r"[0-9a-f]{64}", text):
        raise BundleError(f"{MANIFEST} is damaged: {where}.sha256 is not a SHA-256")
    return text


def _read_image(directory: Path, value: Any, where: str) -> BundleImage:
    """One picture entry of an article."""
    entry = _object(value, where)
    columns = _scalars(entry, where, ("file", "sha256", "size"))
    _integer(columns.get("position"), f"{where}.position")
    if entry.get("file") is None:
        return BundleImage(columns=columns, file=None, sha256=None)
    path = bundle_file(directory, entry["file"], where)
    return BundleImage(columns, path, _sha256_field(entry.get("sha256"), where))


def _read_source(directory: Path, value: Any, where: str) -> BundleSource | None:
    """An article's source entry, if it has one."""
    if value is None:
        return None
    entry = _object(value, where)
    path = bundle_file(directory, entry.get("file"), where)
    return BundleSource(
        _scalars(entry, where, ("file", "sha256")), path, _sha256_field(entry.get("sha256"), where)
    )


def _read_article(directory: Path, value: Any, where: str) -> BundleArticle:
    """One article entry with its pictures, related stories and source."""
    entry = _object(value, where)
    nested = ("tags", "images", "related", "source")
    return BundleArticle(
        id=_integer(entry.get("id"), f"{where}.id"),
        columns=_scalars(entry, where, nested),
        tags=[
            _text(name, f"{where}.tags[{index}]")
            for index, name in enumerate(_array(entry.get("tags"), f"{where}.tags"))
        ],
        images=[
            _read_image(directory, image, f"{where}.images[{index}]")
            for index, image in enumerate(_array(entry.get("images"), f"{where}.images"))
        ],
        related=[
            _scalars(_object(story, f"{where}.related[{index}]"), f"{where}.related[{index}]")
            for index, story in enumerate(_array(entry.get("related"), f"{where}.related"))
        ],
        source=_read_source(directory, entry.get("source"), f"{where}.source"),
    )


def _read_feed(value: Any, where: str) -> BundleFeed:
    """One feed entry with its seen entries."""
    entry = _object(value, where)
    _text(entry.get("url"), f"{where}.url")
    return BundleFeed(
        columns=_scalars(entry, where, ("entries",)),
        entries=[
            _scalars(_object(item, f"{where}.entries[{index}]"), f"{where}.entries[{index}]")
            for index, item in enumerate(_array(entry.get("entries"), f"{where}.entries"))
        ],
    )


def _load_manifest(directory: Path) -> dict[str, Any]:
    """The parsed ``readshelf.json`` of a bundle folder."""
    if not directory.is_dir():
        raise BundleError(f"{directory} is not a folder")
    path = directory / MANIFEST
    if not path.is_file():
        raise BundleError(f"{directory} holds no {MANIFEST}: it is not a Readshelf bundle")
    try:
        value = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise BundleError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise BundleError(f"{path} is damaged: it is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise BundleError(
            f"{path} is damaged: {error.msg} at line {error.lineno} column {error.colno}"
        ) from error
    return _object(value, "the top level")


def _check_format(manifest: dict[str, Any]) -> int:
    """The manifest's format version, if this Readshelf can read it."""
    if manifest.get("format") != FORMAT_NAME:
        raise BundleError(f"{MANIFEST} is not a Readshelf bundle (no format {FORMAT_NAME!r})")
    version = _integer(manifest.get("format_version"), "format_version")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"the bundle was made by a newer Readshelf (bundle format {version});"
            f" this version reads format {FORMAT_VERSION} and older: update Readshelf first"
        )
    if version < 1:
        raise BundleError(f"{MANIFEST} is damaged: format_version {version} does not exist")
    return version


def read_bundle(directory: Path) -> Bundle:
    """Read and check a bundle's manifest; raises BundleError with a
    one-line reason for anything that would stop an import."""
    manifest = _load_manifest(directory)
    version = _check_format(manifest)
    schema_version = manifest.get("schema_version")
    bundle = Bundle(
        directory=directory,
        format_version=version,
        schema_version=schema_version if isinstance(schema_version, int) else None,
        exported=manifest.get("exported") if isinstance(manifest.get("exported"), str) else None,
        tags=[
            _scalars(_object(tag, f"tags[{index}]"), f"tags[{index}]")
            for index, tag in enumerate(_array(manifest.get("tags"), "tags"))
        ],
        articles=[
            _read_article(directory, article, f"articles[{index}]")
            for index, article in enumerate(_array(manifest.get("articles"), "articles"))
        ],
        feeds=[
            _read_feed(feed, f"feeds[{index}]")
            for index, feed in enumerate(_array(manifest.get("feeds"), "feeds"))
        ],
    )
    ids = [article.id for article in bundle.articles]
    if len(set(ids)) != len(ids):
        raise BundleError(f"{MANIFEST} is damaged: two articles share an id")
    return bundle


def verified_bytes(path: Path, sha256: str, directory: Path) -> bytes:
    """A bundle file's bytes, refused unless they match their SHA-256."""
    relative = path.relative_to(directory).as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleError(f"cannot read {relative!r}: {error.strerror or error}") from error
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BundleError(f"{relative!r} does not match its SHA-256: the bundle is damaged")
    return data
