"""What a blob of image bytes is, and how big, from its header alone.

Only raster formats a reader can show safely are recognised (PNG, JPEG, GIF,
WebP, AVIF). Anything else, including SVG, which can carry scripts, is "not
an image" for storage purposes: it is never stored as image data.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

# Images at or below this size on both sides are tracking pixels or spacers.
TRACKING_PIXEL_MAX_SIDE = 2
# Pictures this small on either side are icons, bullets or buttons.
ICON_MAX_SIDE = 48

_JPEG_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset(range(0xD0, 0xD9)) | {0x01}


class ImageInfo(NamedTuple):
    """The media type and pixel size read from an image's header."""

    mime: str
    width: int | None
    height: int | None


def sniff_image(data: bytes) -> ImageInfo | None:
    """Return the type and size of ``data``, or None if it is not an image we keep."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _gif(data)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp(data)
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return _avif(data)
    return None


def is_decoration(width: int | None, height: int | None) -> bool:
    """Whether a picture of this size is a tracking pixel or an icon."""
    sides = [side for side in (width, height) if side is not None]
    return bool(sides) and min(sides) <= ICON_MAX_SIDE


def _png(data: bytes) -> ImageInfo:
    """PNG: width and height are the first fields of the IHDR chunk."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return ImageInfo("image/png", None, None)
    width, height = struct.unpack(">II", data[16:24])
    return ImageInfo("image/png", width, height)


def _gif(data: bytes) -> ImageInfo:
    """GIF: the logical screen size follows the signature, little-endian."""
    if len(data) < 10:
        return ImageInfo("image/gif", None, None)
    width, height = struct.unpack("<HH", data[6:10])
    return ImageInfo("image/gif", width, height)


def _jpeg(data: bytes) -> ImageInfo:
    """JPEG: walk the segments to the first start-of-frame marker."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker in _JPEG_STANDALONE:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_SOF_MARKERS and position + 9 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return ImageInfo("image/jpeg", width, height)
        position += 2 + length
    return ImageInfo("image/jpeg", None, None)


def _webp(data: bytes) -> ImageInfo:
    """WebP: lossy (VP8), lossless (VP8L) and extended (VP8X) headers."""
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return ImageInfo("image/webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return ImageInfo("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageInfo("image/webp", width, height)
    return ImageInfo("image/webp", None, None)


def _avif(data: bytes) -> ImageInfo:
    """AVIF: the first image spatial extent ('ispe') property, when present."""
    found = data.find(b"ispe", 0, 4096)
    if found < 0 or found + 16 > len(data):
        return ImageInfo("image/avif", None, None)
    width, height = struct.unpack(">II", data[found + 8 : found + 16])
    return ImageInfo("image/avif", width, height)
