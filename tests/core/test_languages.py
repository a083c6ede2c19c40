"""Reading language names, and the language a person starts in."""

from __future__ import annotations

import pytest

from core.languages import LANGUAGE_ENV, environment_language, normalized_language


@pytest.mark.parametrize(
    ("name", "language"),
    [("vi_VN.UTF-8", "vi"), ("vi-VN", "vi"), ("VI", "vi"), ("en_US", "en"), ("fr_FR", "en"),
     ("C.UTF-8", "en"), ("", None), ("system", None), (None, None)],
)  # fmt: skip
def test_normalized_language(name: str | None, language: str | None) -> None:
    assert normalized_language(name) == language


def test_readshelf_lang_then_the_locale_variables_in_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in (LANGUAGE_ENV, "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert environment_language() == "en"
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert environment_language() == "vi"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL wins over LANG
    assert environment_language() == "en"
    monkeypatch.setenv(LANGUAGE_ENV, "vi")
    assert environment_language() == "vi"
