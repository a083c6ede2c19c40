"""The bundled sample articles a new library starts with."""

from __future__ import annotations

from importlib import resources

from capture.sources import capture_text_bytes
from core.languages import ENGLISH, VIETNAMESE
from storage import Library

SAMPLES_TAG = {ENGLISH: "Samples", VIETNAMESE: "Bài mẫu"}
"""The samples' tag, in the language the person starts in: it is the first
tag a newcomer sees, beside a window in that language."""


def import_samples(library: Library, language: str = ENGLISH) -> list[int]:
    """Save every bundled sample into ``library``, tagged in ``language``;
    returns their ids."""
    tag = SAMPLES_TAG.get(language, SAMPLES_TAG[ENGLISH])
    ids = []
    folder = resources.files("resources") / "samples"
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".txt"):
            record = capture_text_bytes(entry.read_bytes(), source_name=entry.name)
            record.arrived_by = "sample"
            saved = library.save_article(record, tags=[tag])
            ids.append(saved.id)
    return ids
