"""Benchmark: Readshelf's HTML extraction beside trafilatura alone. Prints JSON.

    .venv/bin/python -m bench.extraction [--runs 3] [--corpus PATH]

(a) The fixture pages of ``tests/fixtures/html`` against their exact
    expected values (``expected.json``): accuracy of title, byline, date,
    section; recall of captions (with their credits), topics and related
    titles. trafilatura alone gets the same pages with its metadata on. A
    caption counts when it is kept with its picture (for trafilatura: in the
    picture's alt/title or the block right after it; for us: the exact
    caption and credit pair); ``captions_in_text`` is laxer and counts a
    caption found anywhere in the extracted text. A related title counts
    for trafilatura when its text appears anywhere in what it extracted.
(b) The public Zyte article benchmark in ``../shared/corpora`` (skipped
    with a message when absent): body F1 with the scorer its README
    describes (4-word shingles, averaged precision and recall), and pages
    per second, the median of ``--runs`` runs (each page goes through both
    extractors in turn, so a change in the machine's load hits both alike).
    Our text is the lead plus the body, which is what the reader shows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
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
CORPORA = ROOT.parent / "shared" / "corpora"
# The base URL the Readability test pages are extracted with (their README).
READABILITY_URL = "http://fakehost/test/page.html"
DEFAULT_RUNS = 3
SHINGLE = 4
_WORD = re.compile(r"\w+")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")


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
    topics = {folded(topic) for topic in record.topics}
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
        "topics": [float(folded(topic) in topics) for topic in truth["topics"]],
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
        "topics": [float(folded(topic) in tags) for topic in truth["topics"]],
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
    for name, hits in scores.items():
        totals.setdefault(name, []).extend(hits)


def _summarise(totals: dict[str, list[float]]) -> dict[str, float]:
    """Mean of each field's hits, rounded for reading."""
    return {field: round(sum(hits) / len(hits), 3) for field, hits in totals.items() if hits}


# --------------------------------------------------------------------------
# (b) The public sets
# --------------------------------------------------------------------------


@dataclass
class Page:
    """One page of a public set with what it should give."""

    name: str
    html: str
    url: str
    body: str
    title: str | None = None
    byline: str | None = None


@dataclass
class Extracted:
    """What one extractor gave for one page."""

    text: str
    title: str | None = None
    byline: str | None = None
    warnings: list[str] = field(default_factory=list)


def zyte_pages(corpus: Path) -> list[Page] | None:
    """The Zyte benchmark's pages, or None when the set is absent."""
    truth_file = corpus / "ground-truth.json"
    if not truth_file.is_file():
        return None
    truth: dict[str, dict[str, str]] = json.loads(truth_file.read_text("utf-8"))
    return [
        Page(pid, _gunzip(corpus / "html" / f"{pid}.html.gz"), item["url"], item["articleBody"])
        for pid, item in truth.items()
    ]


def _gunzip(path: Path) -> str:
    """A gzip-compressed UTF-8 file's text."""
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def readability_pages(corpus: Path) -> list[Page] | None:
    """Mozilla Readability's test pages that hold an article, or None when absent."""
    folder = corpus / "pages"
    if not folder.is_dir():
        return None
    pages: list[Page] = []
    for page in sorted(folder.iterdir()):
        meta = json.loads((page / "expected-metadata.json").read_text("utf-8"))
        if meta.get("readerable") is False:
            continue
        expected = _gunzip(page / "expected.html.gz")
        html = _gunzip(page / "source.html.gz")
        pages.append(Page(page.name, html, READABILITY_URL, _html_text(expected),
                          meta.get("title"), meta.get("byline")))  # fmt: skip
    return pages


def _html_text(html: str) -> str:
    """The text of a reference body, block by block."""
    root = lxml.html.fromstring(html) if html.strip() else None
    return "" if root is None else "\n".join(root.itertext())


def public_scores(zyte: Path, readability: Path, runs: int) -> dict[str, Any]:
    """Body F1 (and, where the set has them, title and byline accuracy) of
    both extractors on both public sets, in one run, with the speed over all
    their pages and every page where our body scores below trafilatura's."""
    sets = {"zyte": zyte_pages(zyte), "readability": readability_pages(readability)}
    result: dict[str, Any] = {}
    present = {name: pages for name, pages in sets.items() if pages is not None}
    for name in sets:
        if name not in present:
            result[name] = {"skipped": "corpus not found; see ../shared/corpora/README.md"}
    every = [page for pages in present.values() for page in pages]
    if not every:
        return result
    extractors: dict[str, Callable[[Page], Extracted]] = {
        "readshelf": _ours_extracted,
        "trafilatura": _trafilatura_extracted,
    }
    speeds: dict[str, list[float]] = {name: [] for name in extractors}
    outputs: dict[str, list[Extracted]] = {}
    for _ in range(runs):
        # Page by page, one extractor after the other: a machine whose load
        # changes during the run slows both alike, and the ratio holds.
        seconds = dict.fromkeys(extractors, 0.0)
        outputs = {name: [] for name in extractors}
        for page in every:
            for name, extract in extractors.items():
                started = time.perf_counter()
                outputs[name].append(extract(page))
                seconds[name] += time.perf_counter() - started
        for name in extractors:
            speeds[name].append(len(every) / seconds[name])
    at = 0
    for set_name, pages in present.items():
        scorer = _shingle_scores if set_name == "zyte" else _token_scores
        part: dict[str, Any] = {"pages": len(pages)}
        per_page: dict[str, list[float]] = {}
        for name in extractors:
            got = outputs[name][at : at + len(pages)]
            scores = [scorer(e.text, p.body) for e, p in zip(got, pages, strict=True)]
            per_page[name] = [_page_f1(*score) for score in scores]
            part[name] = _averaged(scores)
            if set_name == "readability":
                part[name]["title_exact"] = _accuracy(
                    [_same_title(e.title, p.title) for e, p in zip(got, pages, strict=True)]
                )
                part[name]["title_headline"] = _accuracy(
                    [_same_headline(e.title, p.title) for e, p in zip(got, pages, strict=True)]
                )
                part[name]["byline"] = _accuracy(
                    [_same_byline(e.byline, p.byline) for e, p in zip(got, pages, strict=True)]
                )
        ours = outputs["readshelf"][at : at + len(pages)]
        part["guard_fallbacks"] = sum(1 for e in ours if e.warnings)
        part["below_trafilatura"] = sorted(
            ({"page": p.name, "readshelf": round(a, 4), "trafilatura": round(b, 4)}
             for p, a, b in zip(pages, per_page["readshelf"], per_page["trafilatura"], strict=True)
             if a < b),
            key=lambda row: row["readshelf"] - row["trafilatura"],
        )  # fmt: skip
        part["more_than_005_below"] = sum(
            1 for row in part["below_trafilatura"] if row["trafilatura"] - row["readshelf"] > 0.05
        )
        result[set_name] = part
        at += len(pages)
    result["speed"] = {
        "pages": len(every),
        "runs": runs,
        **{name: round(statistics.median(speeds[name]), 1) for name in extractors},
    }
    result["speed"]["ratio"] = round(
        statistics.median(
            ours / theirs
            for ours, theirs in zip(speeds["readshelf"], speeds["trafilatura"], strict=True)
        ),
        2,
    )
    return result


def _ours_extracted(page: Page) -> Extracted:
    """Our full extraction: the lead and the body, as the reader shows them."""
    record = _ours(page.html, page.url)
    if record is None:
        return Extracted("")
    text = "\n\n".join(part for part in (record.lead, record.body_text) if part)
    return Extracted(text, record.title, record.byline, record.extraction.warnings)


def _trafilatura_extracted(page: Page) -> Extracted:
    """trafilatura alone, default settings, with its metadata."""
    found = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if not isinstance(found, Document):
        return Extracted("")
    return Extracted(found.text or "", found.title, found.author)


def _same_title(got: str | None, want: str | None) -> bool:
    """Title exact: equal once white space is collapsed."""
    return " ".join((got or "").split()) == " ".join((want or "").split())


_TITLE_SUFFIX = re.compile(r"\s+[|\-–—·»:]{1,2}\s+[^|\-–—·»]{1,60}$")


def _same_headline(got: str | None, want: str | None) -> bool:
    """Title as a headline: exact, or the reference is the title with a site's
    or author's name after a separator ("How to Build a Terrarium | eHow").
    Readability's references copy og:title whole; a reader shows the headline.
    Reported beside ``title_exact``, never instead of it."""
    if _same_title(got, want):
        return True
    shown = " ".join((got or "").split())
    reference = " ".join((want or "").split())
    return bool(shown) and _TITLE_SUFFIX.sub("", reference) == shown


def _same_byline(got: str | None, want: str | None) -> bool:
    """Byline: equal once white space, case and a leading "By" are set aside;
    no byline where the reference has none counts as right."""
    return _byline_key(got) == _byline_key(want)


def _byline_key(byline: str | None) -> str:
    """A byline without its "By" label, case folded, white space collapsed."""
    text = " ".join((byline or "").split()).casefold()
    return re.sub(r"^by\s+", "", text).strip(" ,.|")


def _accuracy(hits: Sequence[bool]) -> float:
    """Share of hits, rounded for reading."""
    return round(sum(hits) / len(hits), 4) if hits else 0.0


def _ours(html: str, url: str) -> ArticleRecord | None:
    """Our full extraction of one page (reader HTML included), no network."""
    try:
        page = extract_page(html, url)
    except Exception:  # a page we cannot read scores as empty, like a crash would
        return None
    return finish_article(page, lambda found: resolve_images(found, [], Limits()))


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    """Every run of four consecutive lower-cased word tokens, with multiplicity."""
    tokens = [token.lower() for token in _WORD.findall(text)]
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def _tokens(text: str) -> Counter[str]:
    """NFC, lower-cased word tokens; Chinese and Japanese one per character."""
    return Counter(token.lower() for token in _TOKEN.findall(unicodedata.normalize("NFC", text)))


def _shingle_scores(text: str, truth: str) -> tuple[float, float]:
    """Precision and recall of 4-word shingles (the Zyte scorer)."""
    return _precision_recall(_shingles(text), _shingles(truth))


def _token_scores(text: str, truth: str) -> tuple[float, float]:
    """Precision and recall of word tokens (the Readability pages' scorer)."""
    return _precision_recall(_tokens(text), _tokens(truth))


def _precision_recall(got: Counter[Any], want: Counter[Any]) -> tuple[float, float]:
    """Precision and recall with multiplicity; an empty side scores 1."""
    hits = sum((got & want).values())
    false_pos, false_neg = sum((got - want).values()), sum((want - got).values())
    precision = hits / (hits + false_pos) if hits + false_pos else 1.0
    recall = hits / (hits + false_neg) if hits + false_neg else 1.0
    return precision, recall


def _page_f1(precision: float, recall: float) -> float:
    """One page's F1."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _averaged(scores: Sequence[tuple[float, float]]) -> dict[str, float]:
    """Averaged precision and recall over pages, and F1 of the averages."""
    precision = statistics.mean(score[0] for score in scores)
    recall = statistics.mean(score[1] for score in scores)
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(_page_f1(precision, recall), 4)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run both parts and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs (median)")
    parser.add_argument("--zyte", type=Path, default=CORPORA / "zyte-article-benchmark")
    parser.add_argument("--readability", type=Path, default=CORPORA / "readability-test-pages")
    parser.add_argument("--no-fixtures", action="store_true", help="public sets only")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {} if args.no_fixtures else {"fixtures": fixture_scores()}
    result.update(public_scores(args.zyte, args.readability, max(1, args.runs)))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
