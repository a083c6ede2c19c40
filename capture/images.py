"""Giving each picture found in a page its bytes, or keeping it pending.

Bytes are looked up in order through *lookups*: an MHTML file's parts, a
saved page's ``NAME_files/`` folder, the copies an article already has in
the library, and (unless offline) the network. Whatever comes back must
sniff as a real image (PNG, JPEG, GIF, WebP, AVIF) to be stored; anything
else leaves the picture pending with its address, and a picture that turns
out to be a tracking pixel or an icon is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import httpx

from capture.fetch import ACCEPT_IMAGE, FetchError, fetch
from capture.figures import FoundImage
from capture.image_data import is_decoration, sniff_image
from capture.mhtml import Resource
from core.limits import Limits
from core.models import ImageRecord

ImageLookup = Callable[[FoundImage], bytes | None]
"""Returns a picture's bytes, or None when this source does not have them."""


def resolve_images(
    found: list[FoundImage], lookups: Sequence[ImageLookup], limits: Limits
) -> list[ImageRecord | None]:
    """One record per found picture (None to drop it), at most
    ``limits.max_images_per_article`` kept."""
    records: list[ImageRecord | None] = []
    kept = 0
    for image in found:
        if kept >= limits.max_images_per_article:
            records.append(None)
            continue
        record = _resolve_one(image, lookups, limits)
        records.append(record)
        if record is not None:
            kept += 1
    return records


def _resolve_one(
    image: FoundImage, lookups: Sequence[ImageLookup], limits: Limits
) -> ImageRecord | None:
    """The record of one picture: with data when a lookup has real image bytes."""
    record = ImageRecord(src=image.url, alt=image.alt, caption=image.caption, credit=image.credit)
    for lookup in lookups:
        data = lookup(image)
        if data is None:
            continue
        info = sniff_image(data)
        if info is None or len(data) > limits.max_image_bytes:
            continue  # not an image (an error page, an SVG): try elsewhere, else pending
        if is_decoration(info.width, info.height) and not (image.caption or image.credit):
            return None
        record.data, record.mime = data, info.mime
        record.width, record.height = info.width, info.height
        return record
    if not image.url.lower().startswith(("http://", "https://")) and not (
        image.caption or image.credit
    ):
        return None  # no bytes, no address to fetch later, nothing to show
    return record


def resource_lookup(resources: Mapping[str, Resource]) -> ImageLookup:
    """Pictures from an MHTML file's parts, by the address the page used."""

    def lookup(image: FoundImage) -> bytes | None:
        for key in (image.raw, image.url, *image.alternates):
            resource = resources.get(key)
            if resource is not None:
                return resource.data
        return None

    return lookup


def stored_lookup(stored: Mapping[str, bytes]) -> ImageLookup:
    """Pictures an article already has in the library, by their address."""

    def lookup(image: FoundImage) -> bytes | None:
        return stored.get(image.url) or stored.get(image.raw)

    return lookup


def network_lookup(client: httpx.Client, limits: Limits) -> ImageLookup:
    """Pictures fetched over http(s) within the image size limit.

    A failure leaves the picture pending: the article is still worth saving.
    """

    def lookup(image: FoundImage) -> bytes | None:
        if not image.url.lower().startswith(("http://", "https://")):
            return None
        try:
            return fetch(
                client, image.url, limits.max_image_bytes, limits, accept=ACCEPT_IMAGE
            ).body
        except FetchError:
            return None

    return lookup
