"""A web page saved by a browser as "Web page, complete": ``NAME.html`` plus
a ``NAME_files/`` folder holding its pictures.

The page's own address is usually in it (``<link rel=canonical>``, or the
``<!-- saved from url=(0047)https://... -->`` comment browsers write); its
pictures point into the folder with relative paths. Only files inside the
page's own folder are ever read, however the page spells their paths.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from capture.figures import FoundImage
from capture.images import ImageLookup
from core.limits import Limits

SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(?P<url>\S+?)\s*-->", re.IGNORECASE)
SAVED_FROM_SEARCH_CHARS = 4096


def saved_from_url(html: str) -> str | None:
    """The address in a browser's "saved from url" comment, if the page has one."""
    match = SAVED_FROM.search(html[:SAVED_FROM_SEARCH_CHARS])
    if match is None:
        return None
    url = match.group("url")
    return url if url.lower().startswith(("http://", "https://")) else None


def folder_lookup(page: Path, limits: Limits) -> ImageLookup:
    """Pictures from the files next to a saved page (its ``NAME_files/``)."""
    folder = page.parent.resolve()

    def lookup(image: FoundImage) -> bytes | None:
        for reference in [image.raw, *image.alternates]:
            path = local_path(reference, folder)
            if path is None:
                continue
            try:
                if path.stat().st_size <= limits.max_image_bytes:
                    return path.read_bytes()
            except OSError:
                continue
        return None

    return lookup


def local_path(reference: str, folder: Path) -> Path | None:
    """The file a page's relative (or ``file:``) reference names inside ``folder``.

    None for web addresses, for missing files and for anything outside the
    folder (``../../etc/passwd`` in a hostile page).
    """
    parts = urlsplit(reference.strip())
    if parts.scheme not in ("", "file") or (parts.scheme == "" and parts.netloc):
        return None
    relative = unquote(parts.path)
    if not relative:
        return None
    candidate = Path(relative) if parts.scheme == "file" else folder / relative
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(folder) or not resolved.is_file():
        return None
    return resolved
