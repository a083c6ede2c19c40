"""Issue 11: the guard must not trade our article for trafilatura's bigger one.

In its full mode trafilatura sometimes takes a larger container than the
article: the post and, after it, the excerpts of other posts ("Você pode
gostar...") in sibling ``article`` elements. Those words are still on the
page after our passes, beside the element holding our body, so they are not
words a pass lost. Fixtures in ``tests/fixtures/html/body``.
"""

from __future__ import annotations

from pathlib import Path

import trafilatura

from capture.guard import lost_reference_body, word_counts
from capture.sources import capture_source
from core.limits import Limits

BODY = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "body"
ARTICLE = "alpha beta gamma delta epsilon zeta eta theta iota kappa " * 12
TEASERS = "lambda mu nu xi omicron pi rho sigma tau upsilon " * 30


def test_other_posts_beside_the_article_do_not_replace_it() -> None:
    page = BODY / "guard_other_posts_beside.html"
    # trafilatura alone keeps the other posts' excerpts with the article.
    alone = trafilatura.extract(page.read_text("utf-8")) or ""
    assert "A vida requer da gente otimismo" in alone
    record = capture_source(str(page), Limits(), offline=True)
    assert record.body_text.startswith("Viver uma verdadeira experiência amorosa")
    assert record.body_text.endswith(
        "Só quem se ama pode encontrar em sua vida um amor de verdade."
    )
    assert "A vida requer da gente otimismo" not in record.body_text
    assert record.extraction.warnings == []


def test_words_beside_our_body_account_for_a_reference_that_extends_it() -> None:
    reference = word_counts([ARTICLE, TEASERS])
    kept = word_counts([ARTICLE])
    assert lost_reference_body(reference, kept) is not None
    assert lost_reference_body(reference, kept, beside=word_counts([TEASERS])) is None


def test_words_beside_do_not_excuse_a_body_the_reference_does_not_hold() -> None:
    # Our passes broke the page and we kept its footer: the article is still
    # on the page beside it, but the reference is the article, not our text.
    reference = word_counts([TEASERS])
    footer = word_counts(["copyright all rights reserved terms privacy contact " * 15])
    assert lost_reference_body(reference, footer, beside=word_counts([TEASERS])) is not None


def test_words_beside_do_not_excuse_a_body_too_short_to_be_the_article() -> None:
    # A kicker, title and teaser are held by the reference but are no article.
    teaser = "omega kicker title teaser words here " * 3
    reference = word_counts([teaser, TEASERS])
    beside = word_counts([TEASERS])
    assert lost_reference_body(reference, word_counts([teaser]), beside=beside) is not None
