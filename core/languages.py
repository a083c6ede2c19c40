"""The languages Readshelf speaks, and how a language name is read.

The window translates itself with Qt (``ui.i18n``); a few things are named in
the person's language before any window exists, such as the tag of the
samples a new library starts with. Both read language names here.
"""

from __future__ import annotations

import os

LANGUAGE_ENV = "READSHELF_LANG"
"""Overrides every other choice of language (tests, screenshots, a try-out)."""
SYSTEM = "system"
ENGLISH = "en"
VIETNAMESE = "vi"
LANGUAGES: dict[str, str] = {ENGLISH: "English", VIETNAMESE: "Tiếng Việt"}
"""The languages Readshelf speaks, each named in itself (never translated)."""
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where the environment names its locale, first found first."""


def normalized_language(name: str | None) -> str | None:
    """``vi_VN.UTF-8``, ``vi-VN`` or ``VI`` → ``vi``; None for an empty name or
    "system"; a language Readshelf does not speak → ``en``."""
    if not name or name.strip().lower() == SYSTEM:
        return None
    code = name.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else ENGLISH


def environment_language() -> str:
    """The language a person starts in, before choosing one in the window:
    ``READSHELF_LANG``, else the locale the environment names; English when
    that is not a language Readshelf speaks."""
    for variable in (LANGUAGE_ENV, *LOCALE_VARIABLES):
        language = normalized_language(os.environ.get(variable))
        if language is not None:
            return language
    return ENGLISH
