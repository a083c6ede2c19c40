"""Pictures made fit for an e-reader: JPEG or PNG, 1600 px at most.

E-readers show JPEG and PNG (many neither WebP nor AVIF), have screens of
about 1000 to 1900 px, and little memory: a picture larger than that only
slows the page. Pillow decodes whatever the page served and writes it back
small. A picture already fit (JPEG or PNG, small enough, upright, RGB or
grey) is kept byte for byte; one that cannot be decoded gives None, and the
chapter keeps its caption without it.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

MAX_SIDE = 1600
"""The long side of a picture in the book, in pixels."""

MAX_PIXELS = 40_000_000
"""A larger picture is not decoded (it would take hundreds of MB): it is
left out. No photograph on a web page comes near it."""

JPEG_QUALITY = 85

# Formats with lossless pictures (drawings, charts, screenshots): they stay
# PNG. Photographs (JPEG, WebP, AVIF...) become JPEG unless transparent.
_LOSSLESS_SOURCES = frozenset({"PNG", "GIF", "BMP", "TIFF", "ICO", "PPM"})
# Modes e-readers show as they are.
_PLAIN_MODES = frozenset({"RGB", "L"})
_EXIF_ORIENTATION = 0x0112
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png"}
# What a broken or hostile file makes Pillow's decoders raise.
_UNDECODABLE = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


@dataclass(frozen=True)
class FitPicture:
    """A picture as the book holds it."""

    data: bytes
    media_type: str
    """``image/jpeg`` or ``image/png``."""
    extension: str
    width: int
    height: int


def fit_picture(data: bytes) -> FitPicture | None:
    """``data`` as a JPEG or PNG of at most ``MAX_SIDE`` px on its long side,
    turned upright; None when it cannot be decoded (or is absurdly large)."""
    try:
        with warnings.catch_warnings():
            # A picture past Pillow's own pixel limit warns before it fails.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                return _fit(picture, data)
    except _UNDECODABLE:
        return None


def _fit(picture: Image.Image, data: bytes) -> FitPicture | None:
    if picture.width * picture.height > MAX_PIXELS or min(picture.size) < 1:
        return None
    source_format = picture.format or ""
    source_size = picture.size
    if source_format == "JPEG":
        # Decode at a reduced scale straight away (1/2, 1/4 or 1/8, no less
        # than the size the picture is made): much less memory and time.
        picture.draft("L" if picture.mode == "L" else "RGB", _fit_size(source_size))
    picture.load()  # a truncated or corrupt file fails here, not in the book
    if _already_fit(picture, source_format, source_size):
        return FitPicture(
            data, f"image/{source_format.lower()}", _EXTENSIONS[source_format], *source_size
        )
    # Each step below changes the picture in place or only when it must:
    # a copy of a large picture is tens of MB.
    ImageOps.exif_transpose(picture, in_place=True)
    transparent = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    lossless = source_format in _LOSSLESS_SOURCES or transparent
    grey = picture.mode in ("L", "1", "I;16", "I")
    mode = "RGBA" if transparent else "L" if grey else "RGB"
    frame = picture if picture.mode == mode else picture.convert(mode)
    frame.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BICUBIC, reducing_gap=2.0)
    out = io.BytesIO()
    if lossless:
        frame.save(out, "PNG")
        return FitPicture(out.getvalue(), "image/png", "png", frame.width, frame.height)
    frame.save(out, "JPEG", quality=JPEG_QUALITY)
    return FitPicture(out.getvalue(), "image/jpeg", "jpg", frame.width, frame.height)


def _fit_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled down to ``MAX_SIDE`` on its long side (never up)."""
    scale = min(1.0, MAX_SIDE / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _already_fit(picture: Image.Image, source_format: str, source_size: tuple[int, int]) -> bool:
    """Whether the file as it is suits an e-reader: a JPEG or PNG small
    enough, upright, not animated, in colours every reader shows."""
    modes = _PLAIN_MODES | {"RGBA", "LA", "P"} if source_format == "PNG" else _PLAIN_MODES
    return (
        source_format in _EXTENSIONS
        and max(source_size) <= MAX_SIDE
        and picture.mode in modes
        and picture.getexif().get(_EXIF_ORIENTATION, 1) in (0, 1)
        and not getattr(picture, "is_animated", False)
    )
