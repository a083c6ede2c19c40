"""Every size and time limit capture obeys, with its default, in one place.

Each limit can be changed with an environment variable named
``READSHELF_`` + the field name in capitals (``READSHELF_MAX_FILE_BYTES``).
The README's "Limits" table lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much outside material capture accepts, and how long it waits."""

    max_file_bytes: int = 20 * MB
    """A file given to ``add`` or dropped on the window."""
    max_page_bytes: int = 20 * MB
    """A fetched web page, after decompression."""
    max_image_bytes: int = 15 * MB
    """One image; a larger one is kept as a link only."""
    max_images_per_article: int = 200
    max_feed_bytes: int = 10 * MB
    """A feed document, after decompression."""
    max_decoded_bytes: int = 50 * MB
    """Any compressed body (gzip, MHTML part) once inflated."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_redirects: int = 10

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Defaults, overridden by any ``READSHELF_<NAME>`` variables set."""
        env = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        for field in fields(cls):
            raw = env.get(f"READSHELF_{field.name.upper()}")
            if raw is None:
                continue
            kind = float if field.type in ("float", float) else int
            try:
                value = kind(raw)
            except ValueError:
                raise ValueError(
                    f"READSHELF_{field.name.upper()} must be a number, not {raw!r}"
                ) from None
            if value <= 0:
                raise ValueError(f"READSHELF_{field.name.upper()} must be above zero")
            changes[field.name] = value
        return replace(cls(), **changes)


def format_size(size: int) -> str:
    """A byte count as a person reads it: 512 B, 3.4 KB, 25.3 MB."""
    if size < 1024:
        return f"{size} B"
    if size < MB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MB:.1f} MB"
