"""``highlight``, ``highlights``, ``note``, ``unhighlight`` through the real
entry point, and highlights surviving a real ``reextract`` (issue 15)."""

from __future__ import annotations

from pathlib import Path

from storage import ArticleRecord, Library
from tests.support.cli import invoke_cli, invoke_json

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Mưa ở Hà Nội</title></head>"
    "<body><article><h1>Mưa ở Hà Nội</h1>"
    + "".join(
        f"<p>Đoạn {n}: mưa lớn kéo dài ở Hà Nội khiến nhiều tuyến phố ngập sâu, "
        "người dân phải dắt xe qua những đoạn đường thấp.</p>"
        for n in range(8)
    )
    + "</article></body></html>"
).encode()
SAVED_TEXT = "Đoạn 3: mưa lớn kéo dài ở Hà Nội."


def _saved(path: Path, body: str = SAVED_TEXT) -> int:
    """An article whose kept page holds more than its saved text."""
    with Library(path) as library:
        record = ArticleRecord(
            title="Mưa ở Hà Nội",
            url="https://bao.example/mua-ha-noi",
            body_text=body,
            source=PAGE,
            source_type="text/html",
        )
        return library.save_article(record).id


def test_highlight_note_list_and_unhighlight(library_path: Path) -> None:
    article_id = _saved(library_path)

    made = invoke_json(
        "highlight", str(article_id), "--quote", "mưa lớn  kéo dài", "--note", "ướt",
        "--color", "blue", library=library_path,
    )  # fmt: skip
    assert (made["quote"], made["note"], made["color"], made["found"]) == (
        "mưa lớn kéo dài", "ướt", "blue", True,
    )  # fmt: skip
    assert SAVED_TEXT[made["start"] : made["end"]] == "mưa lớn kéo dài"
    assert SAVED_TEXT[: made["start"]].endswith(made["prefix"])

    noted = invoke_cli("note", str(article_id), "Đọc lại khi trời mưa", library=library_path)
    assert noted.returncode == 0
    note_id = int(noted.stdout)

    listed = invoke_json("highlights", str(article_id), library=library_path)
    assert [(item["id"], item["kind"]) for item in listed] == [
        (made["id"], "highlight"),
        (note_id, "note"),
    ]
    everywhere = invoke_json("highlights", library=library_path)
    assert [item["id"] for item in everywhere] == [note_id, made["id"]]
    assert everywhere[0]["article_title"] == "Mưa ở Hà Nội"
    text = invoke_cli("highlights", str(article_id), library=library_path).stdout
    assert "[blue] “mưa lớn kéo dài”" in text and "note: ướt" in text
    assert "note: Đọc lại khi trời mưa" in text

    assert invoke_cli("unhighlight", str(made["id"]), library=library_path).returncode == 0
    assert [item["id"] for item in invoke_json("highlights", library=library_path)] == [note_id]


def test_mistakes_exit_1_with_one_line(library_path: Path) -> None:
    article_id = _saved(library_path)
    for args, message in [
        (("highlight", str(article_id), "--quote", "tuyết rơi"), "has no text 'tuyết rơi'"),
        (("highlight", "42", "--quote", "mưa"), "no article with id 42"),
        (("highlights", "42"), "no article with id 42"),
        (("note", str(article_id), "  "), "a note needs some text"),
        (("unhighlight", "9"), "no highlight with id 9"),
    ]:
        done = invoke_cli(*args, library=library_path)
        assert done.returncode == 1, args
        assert done.stderr.strip().splitlines() == [f"error: {done.stderr.strip()[7:]}"]
        assert message in done.stderr, (args, done.stderr)
    bad_colour = invoke_cli("highlight", str(article_id), "--quote", "mưa", "--color", "red",
                            library=library_path)  # fmt: skip
    assert bad_colour.returncode != 0 and "Traceback" not in bad_colour.stderr


def test_highlights_survive_a_reextraction_that_moves_their_text(library_path: Path) -> None:
    # The saved text is one paragraph of the kept page; re-extracting finds
    # all eight, so the highlighted words move (a re-extraction never loses
    # words: a highlight whose text is gone is tested in tests/storage).
    article_id = _saved(library_path, "Đoạn 3: mưa lớn kéo dài ở Hà Nội khiến nhiều tuyến phố.")
    made = invoke_json("highlight", str(article_id), "--quote", "mưa lớn kéo dài",
                       "--note", "ướt", library=library_path)  # fmt: skip
    assert made["start"] == len("Đoạn 3: ")

    done = invoke_cli("reextract", str(article_id), library=library_path)
    assert done.returncode == 0, done.stderr

    with Library(library_path) as library:
        text = library.get_article(article_id).body_text
        [again] = library.highlights(article_id)
    assert "Đoạn 7" in text  # the new text replaced the saved one
    assert again.found and again.start is not None and again.end is not None
    assert text[again.start : again.end] == "mưa lớn kéo dài"
    assert text[: again.start].endswith("Đoạn 3: ") and again.start > made["start"]
    assert (again.id, again.note) == (made["id"], "ướt")
