"""Regenerate the translation sources from the code: ``python -m resources.i18n.update``.

1. ``pyside6-lupdate`` reads every ``translate``/``tr``/``QT_TRANSLATE_NOOP``
   under ``ui/`` into ``readshelf_vi.ts``; a Python scan of the same files
   adds any call lupdate's Python parser skipped (it drops a call whose
   count argument is an expression such as ``len(ids)``).
2. Every message is filled from ``resources/i18n/vi.py``; a source with
   ``%n`` is marked numerus (Vietnamese has one plural form).
3. ``readshelf_en.ts`` gets the English plural forms of sources written as
   ``"%n article(s)"``.
4. It reports what is left untranslated, and translations whose
   placeholders (``{name}``, ``%n``, ``%1``) differ from their source's.

``--check`` changes nothing and exits 1 when the ``.ts`` files are out of
date, a string is untranslated or a placeholder is wrong.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import PySide6

from resources.i18n import vi

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ROOT / "ui"
VI_TS = HERE / "readshelf_vi.ts"
EN_TS = HERE / "readshelf_en.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%L?n|%\d")
PLURAL_MARK = re.compile(r"\((s|es)\)")
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


@dataclass(frozen=True)
class Found:
    """A translatable call found in the code."""

    context: str
    source: str
    path: Path
    line: int


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def scan(path: Path) -> list[Found]:
    """The literal ``translate``, ``tr`` and ``QT_TRANSLATE_NOOP`` calls of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[Found] = []

    def visit(node: ast.AST, owner: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            owner = node.name
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else node.func.id
                if isinstance(node.func, ast.Name)
                else ""
            )
            args = [_literal(argument) for argument in node.args[:2]]
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(args) == 2:
                context, source = args
                if context is not None and source is not None:
                    found.append(Found(context, source, path, node.lineno))
            elif name == "tr" and owner is not None and args and args[0] is not None:
                found.append(Found(owner, args[0], path, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, owner)

    visit(tree, None)
    return found


def _lupdate() -> str:
    bundled = Path(PySide6.__file__).parent / "lupdate"
    tool = str(bundled) if bundled.is_file() else shutil.which("pyside6-lupdate")
    if tool is None:
        sys.exit("error: pyside6-lupdate not found (it comes with PySide6)")
    return tool


def run_lupdate(target: Path) -> None:
    subprocess.run(
        [
            _lupdate(),
            "-silent",
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "vi_VN",
            str(SOURCES),
            "-ts",
            str(target),
        ],
        check=True,
    )


def _messages(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    messages: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message
    return messages


def add_missed(root: ET.Element, found: list[Found]) -> list[Found]:
    """Add the calls lupdate skipped; returns them."""
    known = _messages(root)
    contexts = {context.findtext("name"): context for context in root.iter("context")}
    missed = []
    for item in found:
        if (item.context, item.source) in known:
            continue
        context = contexts.get(item.context)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = item.context
            contexts[item.context] = context
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = item.source
        ET.SubElement(message, "translation")
        known[(item.context, item.source)] = message
        missed.append(item)
    return missed


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%Ln", "%n")))


def fill(root: ET.Element) -> tuple[list[tuple[str, str]], list[str]]:
    """Fill every message from ``vi``; returns (untranslated, placeholder errors)."""
    untranslated: list[tuple[str, str]] = []
    errors: list[str] = []
    for (context, source), message in _messages(root).items():
        text = vi.BY_CONTEXT.get((context, source), vi.TRANSLATIONS.get(source))
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.clear()
        numerus = "%n" in source or "%Ln" in source
        if numerus:
            message.set("numerus", "yes")
        if text is None:
            translation.set("type", "unfinished")
            if numerus:
                ET.SubElement(translation, "numerusform")
            untranslated.append((context, source))
            continue
        if placeholders(text) != placeholders(source):
            errors.append(f"{context}: {source!r} → {text!r}: placeholders differ")
        if numerus:
            ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = text
    return untranslated, errors


def english_plurals(vi_root: ET.Element) -> ET.Element:
    """``%n article(s)`` → ``%n article`` / ``%n articles``, for English."""
    root = ET.Element("TS", {"version": "2.1", "language": "en_US", "sourcelanguage": "en"})
    contexts: dict[str, ET.Element] = {}
    for (context, source), _message in sorted(_messages(vi_root).items()):
        if "%n" not in source or not PLURAL_MARK.search(source):
            continue
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        message = ET.SubElement(contexts[context], "message", {"numerus": "yes"})
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        ET.SubElement(translation, "numerusform").text = PLURAL_MARK.sub("", source)
        ET.SubElement(translation, "numerusform").text = PLURAL_MARK.sub(r"\1", source)
    return root


def serialized(root: ET.Element) -> str:
    ET.indent(root, space="    ")
    return HEADER + ET.tostring(root, encoding="unicode") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if stale")
    arguments = parser.parse_args(argv)

    # A fresh file: every translation comes from vi.py. Without source
    # locations, so the file changes only when the strings do.
    with tempfile.TemporaryDirectory() as scratch:
        generated = Path(scratch) / VI_TS.name
        run_lupdate(generated)
        root = ET.parse(generated).getroot()
    found = [item for path in sorted(SOURCES.rglob("*.py")) for item in scan(path)]
    missed = add_missed(root, found)
    untranslated, errors = fill(root)
    vi_text = serialized(root)
    en_text = serialized(english_plurals(root))

    for item in missed:
        where = item.path.relative_to(ROOT)
        print(f"lupdate missed {item.context}: {item.source!r} ({where}:{item.line}); added")
    for context, source in untranslated:
        print(f"untranslated {context}: {source!r}")
    for error in errors:
        print(f"error: {error}")
    stale = [
        path.name
        for path, text in ((VI_TS, vi_text), (EN_TS, en_text))
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    count = len(_messages(root))
    print(f"{count} strings, {count - len(untranslated)} translated, {len(untranslated)} not")
    if arguments.check:
        for name in stale:
            print(f"error: {name} is out of date: run python -m resources.i18n.update")
        return 1 if stale or untranslated or errors else 0
    VI_TS.write_text(vi_text, encoding="utf-8")
    EN_TS.write_text(en_text, encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
