"""Language guess: Vietnamese, English, or no opinion."""

from __future__ import annotations

from pathlib import Path

import pytest

from capture.language import guess_language

FIXTURES = Path(__file__).parent.parent / "fixtures" / "text"


def test_vietnamese_article_is_vi() -> None:
    text = (FIXTURES / "tttd_cong_an_ha_noi.txt").read_text(encoding="utf-8")
    assert guess_language(text) == "vi"


def test_english_article_is_en() -> None:
    text = (FIXTURES / "guardian_farmers_paris.txt").read_text(encoding="utf-8")
    assert guess_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Công an Hà Nội có vai trò to lớn góp phần làm nên thành công", "vi"),
        ("Người dân được mời cùng chăm sóc cây xanh đô thị", "vi"),
        ("The Senate passed a stopgap spending bill late on Thursday.", "en"),
        ("Farmers are angry about the cost of diesel and the rules.", "en"),
    ],
)
def test_short_sentences(text: str, expected: str) -> None:
    assert guess_language(text) == expected


def test_vietnamese_in_decomposed_form_is_recognised() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Người dân được mời cùng chăm sóc cây xanh đô thị")
    assert guess_language(text) == "vi"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345 67890",
        "Hello",
        # French shares é, à, ô with Vietnamese but not ơ, ư, ă, đ or ạ-ỹ.
        "Le gouvernement a présenté mercredi un projet de loi sur l'été prochain à Paris.",
        "Informações sobre a situação econômica são importantes para o país.",
        # Vietnamese typed without diacritics carries no signal we trust.
        "Cong an Ha Noi co vai tro to lon",
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.",
    ],
)
def test_other_text_gets_no_guess(text: str) -> None:
    assert guess_language(text) is None


def test_only_the_start_is_read() -> None:
    text = "Người dân được mời cùng chăm sóc cây xanh. " * 200 + "The end of the story. " * 5000
    assert guess_language(text) == "vi"
