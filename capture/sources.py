"""From a source a person names (a file path, later a URL) to an article record."""

from __future__ import annotations

from pathlib import Path

from capture.encoding import decode_bytes
from capture.errors import CaptureError
from capture.limits import Limits, format_size
from capture.textdump import parse_text_dump
from storage.models import ArticleRecord

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})


def read_file(path: Path, limits: Limits) -> bytes:
    """Read a whole file, refusing what is missing, unreadable or too large.

    Reasons do not repeat the path: the caller says which source failed.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CaptureError("no such file") from None
    except PermissionError:
        raise CaptureError("permission denied") from None
    except OSError as error:
        raise CaptureError(f"cannot read it: {error.strerror or error}") from None
    if path.is_dir():
        raise CaptureError("is a folder, not a file")
    if info.st_size > limits.max_file_bytes:
        raise CaptureError(
            f"file is {format_size(info.st_size)}, over the"
            f" {format_size(limits.max_file_bytes)} limit"
        )
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew after stat()
            # (or a device that lies about its size) is still refused.
            data = handle.read(limits.max_file_bytes + 1)
    except PermissionError:
        raise CaptureError("permission denied") from None
    except OSError as error:
        raise CaptureError(f"cannot read it: {error.strerror or error}") from None
    if len(data) > limits.max_file_bytes:
        raise CaptureError(f"file is over the {format_size(limits.max_file_bytes)} limit")
    return data


def capture_text_bytes(data: bytes, *, source_name: str | None = None) -> ArticleRecord:
    """An article from the bytes of a plain-text dump."""
    record = parse_text_dump(decode_bytes(data), source_name=source_name)
    record.source = data
    record.source_type = "text/plain"
    return record


def capture_file(path: Path, limits: Limits | None = None) -> ArticleRecord:
    """An article from a file on disk, by its kind."""
    limits = limits or Limits.from_env()
    data = read_file(path, limits)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return capture_text_bytes(data, source_name=path.name)
    raise CaptureError(f"unsupported file type {suffix!r}")


def is_web_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL rather than a file path."""
    return source.lower().startswith(("http://", "https://"))


def capture_source(
    source: str, limits: Limits | None = None, *, offline: bool = False
) -> ArticleRecord:
    """An article from what a person named on the command line or dropped:
    a file path or an http(s) URL.

    A URL that cannot be fetched still gives a record, with
    ``capture_status="pending"`` and the reason in ``capture_error``, so that
    nothing a person saved is lost.
    """
    if is_web_url(source):
        raise CaptureError("saving web pages is not supported yet")
    return capture_file(Path(source).expanduser(), limits)


def capture_fragment(html: str, source_url: str | None = None) -> ArticleRecord:
    """An article from an HTML selection dropped from a browser."""
    raise CaptureError("saving an HTML selection is not supported yet")
