"""Benchmark: Readshelf's HTML extraction beside trafilatura alone. Prints JSON.

    .venv/bin/python -m bench.extraction [--runs 3] [--corpus PATH]

(a) The fixture pages of ``tests/fixtures/html`` against their exact
    expected values (``expected.json``): accuracy of title, byline, date,
    section; recall of captions (with their credits), tags and related
    titles. trafilatura alone gets the same pages with its metadata on. A
    caption counts when it is kept with its picture (for trafilatura: in the
    picture's alt/title or the block right after it; for us: the exact
    caption and credit pair); ``captions_in_text`` is laxer and counts a
    caption found anywhere in the extracted text. A related title counts
    for trafilatura when its text appears anywhere in what it extracted.
(b) The public Zyte article benchmark in ``../shared/corpora`` (skipped
    with a message when absent): body F1 with the scorer its README
    describes (4-word shingles, averaged precision and recall), and pages
    per second, the median of ``--runs`` runs. Our text is the lead plus
    the body, which is what the reader shows; the body alone is reported
    too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import trafilatura
from lxml import etree
from trafilatura.settings import Document

from capture.dom import folded
from capture.html_page import extract_page, finish_article
from capture.images import resolve_images
from capture.mhtml import parse_mhtml
from capture.sources import capture_source, decode_html
from core.limits import Limits
from core.models import ArticleRecord

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "html"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "zyte-article-benchmark"
DEFAULT_RUNS = 3
SHINGLE = 4
_WORD = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


# --------------------------------------------------------------------------
# (a) Fixture pages
# --------------------------------------------------------------------------


def fixture_scores() -> dict[str, Any]:
    """Field accuracy and recall on the fixture pages, ours and trafilatura's."""
    expected: dict[str, dict[str, Any]] = json.loads((FIXTURES / "expected.json").read_text())
    ours: dict[str, list[float]] = {}
    theirs: dict[str, list[float]] = {}
    for name, truth in expected.items():
        _add(ours, _score_ours(capture_source(str(FIXTURES / name), Limits(), offline=True), truth))
        _add(theirs, _score_trafilatura(name, truth))
    return {
        "pages": len(expected),
        "readshelf": _summarise(ours),
        "trafilatura": _summarise(theirs),
    }


def _score_ours(record: ArticleRecord, truth: dict[str, Any]) -> dict[str, list[float]]:
    """Per-field hits (1.0/0.0) of one of our records against the truth."""
    pairs = {(i.caption, i.credit) for i in record.images}
    tags = {folded(tag) for tag in record.tags}
    titles = {folded(story.title) for story in record.related}
    return {
        "title": [float(record.title == truth["title"])],
        "byline": [float(record.byline == truth["byline"])],
        "date": [float(record.published == truth["published"])],
        "date_day": [float((record.published or "")[:10] == (truth["published"] or "")[:10])],
        "section": [float(record.section == truth["section"])],
        "captions": [float((i["caption"], i["credit"]) in pairs) for i in _captioned(truth)],
        "captions_in_text": [
            float((i["caption"], i["credit"]) in pairs) for i in _captioned(truth)
        ],
        "tags": [float(folded(tag) in tags) for tag in truth["tags"]],
        "related_titles": [float(folded(r["title"]) in titles) for r in truth["related"]],
    }


def _score_trafilatura(name: str, truth: dict[str, Any]) -> dict[str, list[float]]:
    """Per-field hits of trafilatura alone (metadata on, images on)."""
    html = _fixture_html(name)
    found = trafilatura.bare_extraction(
        html, url=truth["url"], with_metadata=True, include_images=True
    )
    document = found if isinstance(found, Document) else Document()
    text = folded(document.text or "")
    author, date = document.author, document.date
    categories = document.categories or []
    tags = {folded(tag) for tag in document.tags or []}
    beside = _texts_beside_pictures(html, truth["url"])
    return {
        "title": [float(document.title == truth["title"])],
        "byline": [float(author == truth["byline"])],
        "date": [float(date == truth["published"])],
        "date_day": [float((date or "")[:10] == (truth["published"] or "")[:10])],
        "section": [float(bool(categories) and categories[0] == truth["section"])],
        "captions": [float(_caption_in(beside, i)) for i in _captioned(truth)],
        "captions_in_text": [float(_caption_in(text, i)) for i in _captioned(truth)],
        "tags": [float(folded(tag) in tags) for tag in truth["tags"]],
        "related_titles": [float(folded(r["title"]) in text) for r in truth["related"]],
    }


def _texts_beside_pictures(html: str, url: str | None) -> str:
    """What trafilatura keeps with each picture: its alt and title, and the
    block right after it (where a caption would follow), folded."""
    xml = trafilatura.extract(html, url=url, output_format="xml", include_images=True)
    if not xml:
        return ""
    texts: list[str] = []
    for graphic in etree.fromstring(xml.encode("utf-8")).iter("graphic"):
        texts += [graphic.get("alt") or "", graphic.get("title") or ""]
        following = graphic.getnext()
        if following is not None:
            texts.append("".join(following.itertext()))
        texts.append(graphic.tail or "")
    return folded(" | ".join(texts))


def _fixture_html(name: str) -> str:
    """A fixture page's HTML, decoded the way Readshelf decodes it."""
    data = (FIXTURES / name).read_bytes()
    if name.endswith(".mhtml"):
        archive = parse_mhtml(data, Limits())
        return decode_html(archive.html, archive.charset)
    return decode_html(data)


def _captioned(truth: dict[str, Any]) -> list[dict[str, str]]:
    """The expected pictures that have a caption or a credit."""
    return [image for image in truth["images"] if image["caption"] or image["credit"]]


def _caption_in(text: str, image: dict[str, str]) -> bool:
    """Whether trafilatura's text keeps a picture's caption (or lone credit)."""
    wanted = image["caption"] or image["credit"]
    return folded(wanted) in text


def _add(totals: dict[str, list[float]], scores: dict[str, list[float]]) -> None:
    """Append one page's hits to the running lists."""
    for field, hits in scores.items():
        totals.setdefault(field, []).extend(hits)


def _summarise(totals: dict[str, list[float]]) -> dict[str, float]:
    """Mean of each field's hits, rounded for reading."""
    return {field: round(sum(hits) / len(hits), 3) for field, hits in totals.items() if hits}


# --------------------------------------------------------------------------
# (b) The public benchmark
# --------------------------------------------------------------------------


def zyte_scores(corpus: Path, runs: int) -> dict[str, Any]:
    """Body F1 and speed on the Zyte benchmark, or a skip message."""
    truth_file = corpus / "ground-truth.json"
    if not truth_file.is_file():
        return {"skipped": f"corpus not found at {corpus}; see ../shared/corpora/README.md"}
    truth: dict[str, dict[str, str]] = json.loads(truth_file.read_text("utf-8"))
    pages = [
        (gzip.decompress((corpus / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8"),
         item["url"], item["articleBody"])
        for pid, item in truth.items()
    ]  # fmt: skip
    extractors: dict[str, Extractor] = {
        "readshelf": _ours_with_lead,
        "trafilatura": _trafilatura_defaults,
    }
    speeds: dict[str, list[float]] = {name: [] for name in extractors}
    outputs: dict[str, list[str]] = {}
    for _ in range(runs):
        for name, extract in extractors.items():
            started = time.perf_counter()
            outputs[name] = [extract(html, url) for html, url, _body in pages]
            speeds[name].append(len(pages) / (time.perf_counter() - started))
    truths = [body for _html, _url, body in pages]
    result: dict[str, Any] = {"pages": len(pages), "runs": runs}
    for name in extractors:
        result[name] = {**_f1(outputs[name], truths),
                        "pages_per_second": round(statistics.median(speeds[name]), 1)}  # fmt: skip
    result["readshelf_body_only"] = _f1([_ours_body(h, u) for h, u, _ in pages], truths)
    result["trafilatura_no_comments"] = _f1(
        [trafilatura.extract(h, url=u, include_comments=False) or "" for h, u, _ in pages], truths
    )
    result["speed_ratio"] = round(
        result["readshelf"]["pages_per_second"] / result["trafilatura"]["pages_per_second"], 2
    )
    return result


def _ours(html: str, url: str) -> ArticleRecord | None:
    """Our full extraction of one page (reader HTML included), no network."""
    try:
        page = extract_page(html, url)
    except Exception:  # a page we cannot read scores as empty, like a crash would
        return None
    return finish_article(page, lambda found: resolve_images(found, [], Limits()))


def _ours_with_lead(html: str, url: str) -> str:
    """What the reader shows as text: the lead, then the body."""
    record = _ours(html, url)
    if record is None:
        return ""
    return "\n\n".join(part for part in (record.lead, record.body_text) if part)


def _ours_body(html: str, url: str) -> str:
    """Our body text alone."""
    record = _ours(html, url)
    return record.body_text if record is not None else ""


def _trafilatura_defaults(html: str, url: str) -> str:
    """trafilatura's own text extraction, default settings."""
    return trafilatura.extract(html, url=url) or ""


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    """Every run of four consecutive lower-cased word tokens, with multiplicity."""
    tokens = [token.lower() for token in _WORD.findall(text)]
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def _f1(extracted: Sequence[str], truths: Sequence[str]) -> dict[str, float]:
    """Averaged precision and recall over pages, and F1 of the averages."""
    precisions, recalls = [], []
    for text, truth in zip(extracted, truths, strict=True):
        got, want = _shingles(text), _shingles(truth)
        hits = sum((got & want).values())
        false_pos, false_neg = sum((got - want).values()), sum((want - got).values())
        precisions.append(hits / (hits + false_pos) if hits + false_pos else 1.0)
        recalls.append(hits / (hits + false_neg) if hits + false_neg else 1.0)
    precision, recall = statistics.mean(precisions), statistics.mean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main(argv: list[str] | None = None) -> int:
    """Run both parts and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs (median)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    result = {"fixtures": fixture_scores(), "zyte": zyte_scores(args.corpus, max(1, args.runs))}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
