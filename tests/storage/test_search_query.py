from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.errors import SearchSyntaxError
from storage.search import compile_query


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("hà nội", '"hà" AND "nội"'),
        ('"Hà Nội"', '"Hà Nội"'),
        ("bau*", '"bau"*'),
        ("đường", '"dường"'),
        ("a OR b", '"a" OR "b"'),
        ("x NOT y", '"x" NOT "y"'),
        ("(a OR b) c", '( "a" OR "b" ) AND "c"'),
        ("a AND", '"a"'),
        ("((a", '( ( "a" ) )'),
        ('say "unterminated', '"say" AND "unterminated"'),
        ('col:umn "x""y"', '"col:umn" AND "x" AND "y"'),
    ],
)
def test_compile_query(query: str, expression: str) -> None:
    assert compile_query(query) == expression


@pytest.mark.parametrize("query", ["", "   ", "***", "()", "- ,"])
def test_empty_query_is_a_clear_error(query: str) -> None:
    with pytest.raises(SearchSyntaxError, match="nothing to search for"):
        compile_query(query)


def test_leading_not_is_a_clear_error() -> None:
    with pytest.raises(SearchSyntaxError, match="NOT needs a word before it"):
        compile_query("NOT bầu cử")


@given(st.text())
def test_compile_query_raises_only_search_syntax_errors(text: str) -> None:
    with contextlib.suppress(SearchSyntaxError):
        compile_query(text)
