"""``export --format notes``: one Markdown file per article with highlights
or notes, for Obsidian and Logseq (issue 15), checked against a fixture."""

from __future__ import annotations

import os
from pathlib import Path

from export.notes import front_matter
from storage import Library
from tests.export.articles import street
from tests.support.cli import invoke_cli

EXPECTED = Path(__file__).parent.parent / "fixtures" / "notes" / "seed.md"


def _seed_with_highlights(library_path: Path, seed_path: Path) -> int:
    added = invoke_cli("add", str(seed_path), "--tag", "Bầu cử", library=library_path)
    assert added.returncode == 0, added.stderr
    with Library(library_path) as library:
        (summary,) = library.list_articles(limit=5)
        library.add_highlight(summary.id, "Cuộc bầu cử đại biểu Quốc hội khóa XV", color="green")
        library.add_highlight(summary.id, "không ít thách thức đan xen", note="So với bầu cử 2016?")
        library.add_note(summary.id, "Đọc cùng bài tổng kết của Bộ Công an.")
        return summary.id


def test_notes_export_matches_the_fixture(
    library_path: Path, seed_path: Path, tmp_path: Path
) -> None:
    _seed_with_highlights(library_path, seed_path)
    out = tmp_path / "vault"
    exported = invoke_cli("export", "--format", "notes", "--out", str(out), library=library_path)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"exported the highlights and notes of 1 articles to {out}"
    files = sorted(path.name for path in out.glob("*.md"))
    assert len(files) == 1
    written = (out / files[0]).read_text(encoding="utf-8")
    saved_line = next(line for line in written.splitlines() if line.startswith("saved: "))
    expected = EXPECTED.read_text(encoding="utf-8").replace('saved: "SAVED"', saved_line)
    if os.environ.get("READSHELF_WRITE_FIXTURES"):
        EXPECTED.write_text(written.replace(saved_line, 'saved: "SAVED"'), encoding="utf-8")
    assert written == expected


def test_a_second_export_updates_and_never_touches_the_users_files(
    library_path: Path, seed_path: Path, tmp_path: Path
) -> None:
    article_id = _seed_with_highlights(library_path, seed_path)
    out = tmp_path / "vault"
    assert (
        invoke_cli(
            "export", "--format", "notes", "--out", str(out), library=library_path
        ).returncode
        == 0
    )
    mine = out / "My own note.md"
    mine.write_text("mine", encoding="utf-8")
    with Library(library_path) as library:
        library.add_note(article_id, "Một ghi chú nữa.")
    again = invoke_cli("export", "--format", "notes", "--out", str(out), library=library_path)
    assert again.returncode == 0, again.stderr
    assert mine.read_text(encoding="utf-8") == "mine"
    (notes,) = [path for path in out.glob("*.md") if path != mine]
    assert "Một ghi chú nữa." in notes.read_text(encoding="utf-8")


def test_a_folder_of_other_files_is_refused_with_one_line(
    library_path: Path, seed_path: Path, tmp_path: Path
) -> None:
    _seed_with_highlights(library_path, seed_path)
    out = tmp_path / "elsewhere"
    out.mkdir()
    (out / "keep.txt").write_text("x", encoding="utf-8")
    refused = invoke_cli("export", "--format", "notes", "--out", str(out), library=library_path)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"error: {out} is not empty and is not an earlier Readshelf notes export;"
        " choose a new or empty folder"
    ]
    assert sorted(path.name for path in out.iterdir()) == ["keep.txt"]


def test_html_and_markdown_exports_carry_highlights_and_notes(
    library_path: Path, seed_path: Path, tmp_path: Path
) -> None:
    article_id = _seed_with_highlights(library_path, seed_path)
    for export_format, marked in (
        ("html", "<mark>không ít thách thức đan xen</mark>"),
        ("markdown", "> ==không ít thách thức đan xen=="),
    ):
        out = tmp_path / export_format
        done = invoke_cli(
            "export", "--format", export_format, "--out", str(out), library=library_path
        )
        assert done.returncode == 0, done.stderr
        (page,) = [
            path
            for path in out.iterdir()
            if path.name.endswith(f"-{article_id}.{'html' if export_format == 'html' else 'md'}")
        ]
        text = page.read_text(encoding="utf-8")
        assert marked in text
        assert "So với bầu cử 2016?" in text
        assert "Đọc cùng bài tổng kết của Bộ Công an." in text


def test_front_matter_lists_topics_apart_from_tags() -> None:
    lines = front_matter(street()).splitlines()
    assert 'tags: ["Hà Nội", "Thời sự"]' in lines
    assert 'topics: ["mùa thu", "du lịch"]' in lines
