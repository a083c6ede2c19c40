"""Reading a bundle folder: its manifest, checked entry by entry against the
schema (``storage.bundle.schema``) before anything is written, then read
again one article at a time for the import; and its files' bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from storage.bundle.folders import set_aside_bundle
from storage.bundle.jsonstream import Entry, read_entries
from storage.bundle.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    Bundle,
    BundleArticle,
    BundleError,
    BundleFeed,
    BundleFile,
    BundleImage,
    BundleSource,
    BundleVersion,
    Scalar,
)
from storage.bundle.schema import validate


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
    if not isinstance(relative, str):
        raise BundleError(f"{MANIFEST} is damaged: {where}.file should be text")
    text = relative
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


def _read_image(directory: Path, entry: dict[str, Any], where: str) -> BundleImage:
    """One picture entry of an article (already checked against the schema)."""
    columns = _columns(entry, ("file", "sha256", "size"))
    if entry.get("file") is None:
        return BundleImage(columns=columns, file=None, sha256=None)
    path = bundle_file(directory, entry["file"], where)
    return BundleImage(columns, path, str(entry["sha256"]).lower())


def _read_source(directory: Path, entry: dict[str, Any] | None, where: str) -> BundleSource | None:
    """An article's source entry, if it has one."""
    if entry is None:
        return None
    path = bundle_file(directory, entry["file"], where)
    return BundleSource(_columns(entry, ("file", "sha256")), path, str(entry["sha256"]).lower())


def _columns(entry: dict[str, Any], nested: tuple[str, ...] = ()) -> dict[str, Scalar]:
    """The column values of a checked entry: every key but ``nested``."""
    return {key: value for key, value in entry.items() if key not in nested}


def _read_file(directory: Path, entry: dict[str, Any], where: str) -> BundleFile:
    """A checked ``{"file", "sha256"}`` entry, its file there."""
    return BundleFile(bundle_file(directory, entry["file"], where), str(entry["sha256"]).lower())


def _read_version(directory: Path, entry: dict[str, Any], where: str) -> BundleVersion:
    """One checked version entry of an article with its files and pictures."""
    source = entry.get("source")
    return BundleVersion(
        columns=_columns(entry, ("content", "source", "images")),
        content=_read_file(directory, entry["content"], f"{where}.content"),
        source=None if source is None else _read_file(directory, source, f"{where}.source"),
        images=[
            _read_image(directory, image, f"{where}.images[{index}]")
            for index, image in enumerate(entry.get("images") or [])
        ],
    )


def _check_owner(entry: dict[str, Any], where: str) -> None:
    """Refuse a version or highlight naming another article than the one it
    is listed under (the import gives it its article's library id)."""
    for key in ("versions", "highlights"):
        for index, owned in enumerate(entry.get(key) or []):
            owner = owned.get("article_id", entry["id"])
            if owner != entry["id"]:
                raise BundleError(
                    f"{MANIFEST} is damaged: {where}.{key}[{index}].article_id is"
                    f" {str(owner)[:40]!r}, not the id of its article ({entry['id']})"
                )


def _read_article(directory: Path, entry: dict[str, Any], where: str) -> BundleArticle:
    """One checked article entry with its pictures, related stories, source,
    versions and highlights."""
    _check_owner(entry, where)
    return BundleArticle(
        id=int(entry["id"]),
        columns=_columns(
            entry, ("tags", "topics", "images", "related", "source", "versions", "highlights")
        ),
        tags=[str(name) for name in entry.get("tags") or []],
        topics=[str(name) for name in entry.get("topics") or []],
        images=[
            _read_image(directory, image, f"{where}.images[{index}]")
            for index, image in enumerate(entry.get("images") or [])
        ],
        related=[_columns(story) for story in entry.get("related") or []],
        source=_read_source(directory, entry.get("source"), f"{where}.source"),
        versions=[
            _read_version(directory, version, f"{where}.versions[{index}]")
            for index, version in enumerate(entry.get("versions") or [])
        ],
        highlights=[_columns(highlight) for highlight in entry.get("highlights") or []],
    )


def _read_feed(entry: dict[str, Any]) -> BundleFeed:
    """One checked feed entry with its seen entries."""
    return BundleFeed(
        columns=_columns(entry, ("entries",)),
        entries=[_columns(item) for item in entry.get("entries") or []],
    )


def _manifest_path(directory: Path) -> Path:
    """The ``readshelf.json`` of a bundle folder (or of the earlier bundle an
    interrupted export set aside, when the folder itself is gone)."""
    folder = directory
    if not folder.exists():
        folder = set_aside_bundle(directory) or directory
    if not folder.is_dir():
        raise BundleError(f"{directory} is not a folder")
    path = folder / MANIFEST
    if not path.is_file():
        raise BundleError(f"{directory} holds no {MANIFEST}: it is not a Readshelf bundle")
    return path


def _check_format(header: dict[str, Any]) -> int:
    """The manifest's format version, if this Readshelf can read it."""
    if header.get("format") != FORMAT_NAME:
        raise BundleError(f"{MANIFEST} is not a Readshelf bundle (no format {FORMAT_NAME!r})")
    version = header.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise BundleError(
            f"the bundle was made by a newer Readshelf (bundle format {version});"
            f" this version reads format {FORMAT_VERSION} and older: update Readshelf first"
        )
    validate("header", header, "the top level")
    return int(version)  # type: ignore[arg-type]


def _stamp(path: Path) -> tuple[int, int, int, int]:
    """What changes whenever the file is written (its change time can not
    be set back by a program)."""
    try:
        status = path.stat()
    except OSError as error:
        raise BundleError(f"cannot read {path}: {error.strerror or error}") from error
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


@dataclass
class _Checked:
    """What the checking pass gathered while reading every entry once."""

    header: dict[str, Any] = field(default_factory=dict)
    tags: list[dict[str, Scalar]] = field(default_factory=list)
    article_ids: set[int] = field(default_factory=set)
    feeds: int = 0
    problem: BundleError | None = None


def _check_entry(checked: _Checked, directory: Path, entry: Entry) -> None:
    """Check one list element: its schema, then its paths and files."""
    if entry.key == "tags":
        where = f"tags[{len(checked.tags)}]"
        validate("tags", entry.value, where)
        checked.tags.append(_columns(entry.value))
    elif entry.key == "articles":
        where = f"articles[{len(checked.article_ids)}]"
        validate("articles", entry.value, where)
        article = _read_article(directory, entry.value, where)
        if article.id in checked.article_ids:
            raise BundleError(f"{MANIFEST} is damaged: two articles share the id {article.id}")
        checked.article_ids.add(article.id)
    else:
        validate("feeds", entry.value, f"feeds[{checked.feeds}]")
        checked.feeds += 1


def read_bundle(directory: Path) -> Bundle:
    """Read and check a bundle's whole manifest, one entry at a time, before
    anything is written; raises BundleError with a one-line reason for
    anything that would stop an import. A wrong format is reported before
    any problem in the entries."""
    path = _manifest_path(directory)
    stamp = _stamp(path)
    checked = _Checked()
    for entry in read_entries(path):
        if not entry.item:
            checked.header[entry.key] = entry.value
        elif checked.problem is None:
            try:
                _check_entry(checked, path.parent, entry)
            except BundleError as problem:
                checked.problem = problem
    version = _check_format(checked.header)
    if checked.problem is not None:
        raise checked.problem
    if _stamp(path) != stamp:
        raise BundleError(f"{MANIFEST} changed while it was read: try again")
    schema_version = checked.header.get("schema_version")
    exported = checked.header.get("exported")
    return Bundle(
        directory=path.parent,
        manifest=path,
        stamp=stamp,
        format_version=version,
        schema_version=schema_version if isinstance(schema_version, int) else None,
        exported=exported if isinstance(exported, str) else None,
        tags=checked.tags,
        article_ids=frozenset(checked.article_ids),
        feed_count=checked.feeds,
    )


def _entries(bundle: Bundle, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The elements of one list of a bundle checked before. The file must be
    the one checked: validating every entry twice would double the import's
    cost, and a change stops the import (its transaction is rolled back)."""
    index = 0
    for entry in read_entries(bundle.manifest):
        if _stamp(bundle.manifest) != bundle.stamp:
            raise BundleError(f"{MANIFEST} changed while it was imported: nothing was imported")
        if entry.item and entry.key == key:
            yield index, entry.value
            index += 1


def bundle_articles(bundle: Bundle) -> Iterator[BundleArticle]:
    """Each article of a checked bundle, one in memory at a time."""
    for index, value in _entries(bundle, "articles"):
        yield _read_article(bundle.directory, value, f"articles[{index}]")


def bundle_feeds(bundle: Bundle) -> Iterator[BundleFeed]:
    """Each feed of a checked bundle with its entries."""
    for _, value in _entries(bundle, "feeds"):
        yield _read_feed(value)


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
