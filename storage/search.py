"""Turn what a person types into a safe FTS5 query.

People type ``hà nội``, ``"Hà Nội"``, ``bau*``, ``covid OR cúm``,
``bầu cử NOT quốc hội``. FTS5's own syntax treats many characters as
operators and errors on them, so every term is quoted; only AND, OR, NOT (in
capitals), parentheses, quotes and a trailing ``*`` keep their meaning.
"""

from __future__ import annotations

import re

from core.text import fold_for_index, nfc
from storage.errors import SearchSyntaxError

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = ("AND", "OR", "NOT")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _lex(query: str) -> list[str]:
    """Split a query into FTS5 pieces: quoted terms, operators, parentheses."""
    pieces: list[str] = []
    # FTS5 reads a NUL as the end of the query, leaving a quote open.
    for match in _TOKEN.finditer(nfc(query).replace("\x00", " ")):
        if match.group("open"):
            pieces.append("(")
        elif match.group("close"):
            pieces.append(")")
        elif match.group("phrase") is not None:
            phrase = " ".join(match.group("phrase").split())
            if _has_word(phrase):
                pieces.append(_quote(fold_for_index(phrase)))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                pieces.append(word)
                continue
            prefix = word.endswith("*")
            term = word.rstrip("*")
            if _has_word(term):
                pieces.append(_quote(fold_for_index(term)) + ("*" if prefix else ""))
    return pieces


def _is_operand_end(piece: str) -> bool:
    return piece not in _OPERATORS and piece != "("


def _is_operand_start(piece: str) -> bool:
    return piece not in _OPERATORS and piece != ")"


def compile_query(query: str) -> str:
    """Compile a person's query to an FTS5 MATCH expression.

    Raises SearchSyntaxError for a query with nothing to search for or one
    FTS5 cannot express (a NOT with nothing before it).
    """
    output: list[str] = []
    depth = 0
    for piece in _lex(query):
        if piece == ")":
            if depth == 0 or not output or not _is_operand_end(output[-1]):
                continue  # an unmatched or empty group: ignore the stray bracket
            depth -= 1
            output.append(piece)
            continue
        if piece in _OPERATORS:
            if not output or output[-1] == "(":
                if piece == "NOT":
                    raise SearchSyntaxError("NOT needs a word before it, as in: hà nội NOT bầu cử")
                continue
            if output[-1] in _OPERATORS:
                output[-1] = piece  # "a AND OR b": the last operator wins
            else:
                output.append(piece)
            continue
        if output and _is_operand_end(output[-1]) and _is_operand_start(piece):
            output.append("AND")
        if piece == "(":
            depth += 1
        output.append(piece)
    while output and (output[-1] in _OPERATORS or output[-1] == "("):
        if output.pop() == "(":
            depth -= 1
    output.extend(")" * depth)
    if not any(piece.startswith('"') for piece in output):
        raise SearchSyntaxError("nothing to search for: type a word")
    return " ".join(output)
