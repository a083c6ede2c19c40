"""The bundled sample articles a new library starts with."""

from __future__ import annotations

from importlib import resources

from capture.sources import capture_text_bytes
from storage import Library


def import_samples(library: Library) -> list[int]:
    """Save every bundled sample into ``library``; returns their ids."""
    ids = []
    folder = resources.files("resources") / "samples"
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".txt"):
            record = capture_text_bytes(entry.read_bytes(), source_name=entry.name)
            record.arrived_by = "sample"
            saved = library.save_article(record, tags=["Samples"])
            ids.append(saved.id)
    return ids
