"""How good "similar" is, on a labelled synthetic library.

The library: 30 stories (15 Vietnamese, 15 English), each told by 6
articles in their own words; for each of them a *sibling* story on the same
subject (same section, a shared place and two shared key terms) told by 3
articles, the hardest kind of wrong answer; a syndicated copy of one
article in 10 of the stories; and unrelated filler. Articles are saved in a
random order, as a real library fills up.

Reported, over every original article of the 30 labelled stories:

* ``precision_at_5``: the share of its top 5 similar articles that tell the
  same story (each story has 5 other tellings, so 1.0 is reachable);
* ``duplicates_in_top5``: top-5 lists holding a copy of the article itself,
  or two copies of one text (must be 0: copies are grouped instead);
* ``duplicate_recall``: syndicated copies found by ``near_duplicates``;
* ``false_duplicates``: articles wrongly called a copy of another.

Run: ``python -m bench.related_quality [--json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import Corpus, GeneratedArticle
from storage import Library

STORIES = 30
TELLINGS = 6
SIBLING_TELLINGS = 3
SYNDICATED = 10
FILLER = 400
TOP = 5
TARGET_PRECISION = 0.8


@dataclass
class Labelled:
    """The generated articles and the labels quality is judged by."""

    articles: list[GeneratedArticle]
    labelled_stories: set[int]


def labelled_articles(seed: int) -> Labelled:
    """The labelled library's articles, shuffled into saving order."""
    corpus = Corpus(seed)
    articles: list[GeneratedArticle] = []
    labelled: set[int] = set()
    for index in range(STORIES):
        story = corpus.story("vi" if index % 2 == 0 else "en", size=TELLINGS)
        labelled.add(story.id)
        tellings = corpus.story_articles(story, syndicate=0.0)
        if index < SYNDICATED:
            copy = corpus.syndicated(tellings[0].record, story)
            tellings.append(GeneratedArticle(copy, story.id, copy_of=0))
        articles += _with_absolute_copies(articles, tellings)
        sibling = corpus.sibling(story)
        sibling.size = SIBLING_TELLINGS
        articles += _with_absolute_copies(articles, corpus.story_articles(sibling, syndicate=0.0))
    articles += _with_absolute_copies(articles, list(corpus.articles(FILLER)))
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    return Labelled(_shuffled(articles, order), labelled)


def _with_absolute_copies(
    before: list[GeneratedArticle], made: list[GeneratedArticle]
) -> list[GeneratedArticle]:
    """Make ``copy_of`` point into the whole list instead of one story's."""
    for generated in made:
        if generated.copy_of is not None:
            generated.copy_of += len(before)
    return made


def _shuffled(articles: list[GeneratedArticle], order: list[int]) -> list[GeneratedArticle]:
    """Reorder, keeping ``copy_of`` pointing at the same article."""
    position = {old: new for new, old in enumerate(order)}
    shuffled = [articles[old] for old in order]
    for generated in shuffled:
        if generated.copy_of is not None:
            generated.copy_of = position[generated.copy_of]
    return shuffled


def measure_quality(library: Library, labelled: Labelled) -> dict[str, Any]:
    """Save the labelled articles into ``library`` and judge "similar"."""
    ids = [library.save_article(generated.record).id for generated in labelled.articles]
    story_of = {ids[i]: generated.story for i, generated in enumerate(labelled.articles)}
    copies = {
        ids[i]: ids[generated.copy_of]
        for i, generated in enumerate(labelled.articles)
        if generated.copy_of is not None
    }
    twins = {**copies, **{original: copy for copy, original in copies.items()}}
    precisions: list[float] = []
    duplicate_lists = 0
    started = time.perf_counter()
    asked = 0
    for index, generated in enumerate(labelled.articles):
        article_id = ids[index]
        if generated.story not in labelled.labelled_stories or article_id in copies:
            continue
        top = [found.id for found in library.similar_articles(article_id, limit=TOP)]
        asked += 1
        precisions.append(sum(story_of[other] == generated.story for other in top) / TOP)
        texts = [twins.get(other, other) for other in top]
        if twins.get(article_id) in top or len(set(texts)) != len(texts):
            duplicate_lists += 1
    elapsed = time.perf_counter() - started
    found_copies = sum(
        original in {copy.id for copy in library.near_duplicates(copy_id)}
        for copy_id, original in copies.items()
    )
    false_duplicates = sum(
        any(copy.id != twins.get(article_id) for copy in library.near_duplicates(article_id))
        for article_id in ids
    )
    precision = sum(precisions) / len(precisions)
    return {
        "articles": len(ids),
        "judged": len(precisions),
        "precision_at_5": round(precision, 3),
        "target_precision_at_5": TARGET_PRECISION,
        "precision_met": precision >= TARGET_PRECISION,
        "duplicates_in_top5": duplicate_lists,
        "duplicate_recall": round(found_copies / max(len(copies), 1), 3),
        "false_duplicates": false_duplicates,
        "similar_ms_mean": round(elapsed / max(asked, 1) * 1000, 2),
    }


def run(seed: int = 6) -> dict[str, Any]:
    """Build the labelled library in a scratch folder and measure it."""
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "quality.sqlite")
        try:
            return measure_quality(library, labelled_articles(seed))
        finally:
            library.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    result = run(args.seed)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")
    return 0 if result["precision_met"] and result["duplicates_in_top5"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
