"""Reading a bundle's ``readshelf.json`` one entry at a time, safely.

A manifest can be larger than memory is worth (every article's text), and a
crafted one can nest arrays a hundred thousand deep, spell numbers that
overflow to infinity, or say ``NaN``. ``read_entries`` walks the top-level
object itself and hands out each element of its big lists (``articles``,
``feeds``, ``tags``) as a separate parsed value, so only one article is in
memory at a time. Before any value is parsed, its nesting is measured with a
regular expression (strings skipped whole): deeper than ``MAX_DEPTH`` is
refused without recursing. Numbers must be finite; ``NaN`` and ``Infinity``
are refused. Every failure is a one-line BundleError.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from storage.bundle.model import MANIFEST, BundleError

MAX_DEPTH = 16
"""Deepest nesting a manifest value may have; a bundle needs 6 below the top
(the pictures of an article's versions)."""

STREAMED_LISTS = frozenset({"tags", "articles", "feeds"})
"""Top-level lists whose elements are handed out one at a time."""

_CHUNK = 1 << 20

# A whole string, an unfinished one (a lone quote: the buffer ends inside it),
# or a bracket. Strings are matched whole so brackets inside them never count.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[\]{}]', re.DOTALL)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SCALAR = re.compile(r"[^\s,\]}:]+")
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class Entry:
    """A top-level value (``item`` False) or one element of a streamed list."""

    key: str
    value: Any
    item: bool


def _damaged(reason: str) -> BundleError:
    return BundleError(f"{MANIFEST} is damaged: {reason}")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _damaged(f"the number {text[:40]} is too large")
    return value


def _no_constant(text: str) -> Any:
    raise _damaged(f"{text} is not a number JSON allows")


def parse_value(text: str) -> Any:
    """One JSON value whose nesting was already measured, strictly."""
    try:
        return json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise _damaged(f"{error.msg}") from error
    except ValueError as error:  # an integer of more digits than Python converts
        raise _damaged(str(error).split(";")[0]) from error


def loads_limited(text: str) -> Any:
    """A complete JSON text (a column holding JSON), its nesting measured first."""
    depth = 0
    for token in _TOKEN.finditer(text):
        if token.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _damaged(f"values nest deeper than {MAX_DEPTH} levels")
        elif token.group() in "]}":
            depth -= 1
    return parse_value(text)


class _Reader:
    """A window on the manifest's text that grows only as far as one value."""

    def __init__(self, file: IO[str]) -> None:
        self.file = file
        self.buffer = ""
        self.position = 0
        self.offset = 0  # characters dropped from the buffer's front so far
        self.ended = False

    def more(self) -> bool:
        """Read further (at least as much again as is buffered, so a long
        value is rescanned a bounded number of times); False at the end."""
        if self.ended:
            return False
        try:
            chunk = self.file.read(max(_CHUNK, len(self.buffer) - self.position))
        except UnicodeDecodeError as error:
            raise _damaged("it is not UTF-8 text") from error
        except OSError as error:
            raise BundleError(f"cannot read {MANIFEST}: {error.strerror or error}") from error
        self.offset += self.position
        self.buffer = self.buffer[self.position :] + chunk
        self.position = 0
        self.ended = not chunk
        return bool(chunk)

    def where(self) -> str:
        return f"character {self.offset + self.position + 1}"

    def peek(self) -> str:
        """The next character after white space; "" at the end of the text."""
        while True:
            match = _SPACE.match(self.buffer, self.position)
            self.position = match.end() if match else self.position
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if not self.more():
                return ""

    def expect(self, characters: str) -> str:
        found = self.peek()
        if not found or found not in characters:
            wanted = " or ".join(repr(character) for character in characters)
            raise _damaged(f"expected {wanted} at {self.where()}")
        self.position += 1
        return found

    def value_end(self) -> int:
        """Where the value starting at ``position`` ends, reading as needed."""
        while True:
            end = self._scan(self.position)
            if end is not None:
                return end
            if not self.more():
                raise _damaged(f"it ends in the middle of a value at {self.where()}")

    def _scan(self, start: int) -> int | None:
        """The end of the value at ``start``, or None if the buffer stops
        first; refuses nesting deeper than MAX_DEPTH."""
        first = self.buffer[start]
        if first == '"':
            string = _STRING.match(self.buffer, start)
            return string.end() if string else None
        if first not in "[{":
            scalar = _SCALAR.match(self.buffer, start)
            end = scalar.end() if scalar else start
            # A number cut by the buffer's end could go on in the next chunk.
            return end if end < len(self.buffer) or self.ended else None
        depth = 0
        for token in _TOKEN.finditer(self.buffer, start):
            text = token.group()
            if text == '"':
                return None
            if text in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise _damaged(f"values nest deeper than {MAX_DEPTH} levels")
            elif text in "]}":
                depth -= 1
                if depth == 0:
                    return token.end()
        return None

    def value(self) -> Any:
        """The next value, parsed."""
        if not self.peek():
            raise _damaged(f"a value is missing at {self.where()}")
        end = self.value_end()
        text = self.buffer[self.position : end]
        self.position = end
        return parse_value(text)

    def key(self) -> str:
        if self.peek() != '"':
            raise _damaged(f"expected a name in quotes at {self.where()}")
        name = self.value()
        assert isinstance(name, str)
        self.expect(":")
        return name


def read_entries(path: Path) -> Iterator[Entry]:
    """Each top-level value of the manifest at ``path``, and each element of
    its streamed lists, in the order they are written."""
    try:
        file = open(path, encoding="utf-8", errors="strict", newline="")  # noqa: SIM115
    except OSError as error:
        raise BundleError(f"cannot read {path}: {error.strerror or error}") from error
    with file:  # opened apart: only the opening's failure is "cannot read"
        reader = _Reader(file)
        if reader.peek() == "\ufeff":
            reader.position += 1
        if reader.peek() != "{":
            raise _damaged("the top level should be an object")
        reader.expect("{")
        seen: set[str] = set()
        if reader.peek() == "}":
            reader.position += 1
        else:
            while True:
                name = reader.key()
                if name in seen:
                    raise _damaged(f"{name!r} appears twice")
                seen.add(name)
                if name in STREAMED_LISTS and reader.peek() == "[":
                    yield from _list_items(reader, name)
                else:
                    yield Entry(name, reader.value(), item=False)
                if reader.expect(",}") == "}":
                    break
        if reader.peek():
            raise _damaged(f"there is more after the end at {reader.where()}")


def _list_items(reader: _Reader, name: str) -> Iterator[Entry]:
    """The elements of the list starting at the reader's position."""
    reader.expect("[")
    if reader.peek() == "]":
        reader.position += 1
        return
    while True:
        yield Entry(name, reader.value(), item=True)
        if reader.expect(",]") == "]":
            return
