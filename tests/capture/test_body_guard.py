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

from capture.guard import keeps_main_text, lost_reference_body, needs_reference, word_counts
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


# The second cheap check: what we kept holds the page's main text container
# and the paragraphs beside it, so trafilatura's reference is not computed.
COMMENTS = "nice post thanks for sharing great read agree disagree " * 40


def test_kept_main_text_vouches_for_a_page_whose_other_paragraphs_are_elsewhere() -> None:
    # The page's paragraphs are mostly comments: the first check cannot vouch.
    container = word_counts([ARTICLE])
    kept = word_counts([ARTICLE])
    assert needs_reference(word_counts([ARTICLE, COMMENTS]), kept)
    assert keeps_main_text(container, around=word_counts([ARTICLE]), kept=kept)


def test_a_lost_part_beside_the_container_needs_the_reference() -> None:
    # An article split in two sibling columns: a pass lost the second one.
    second_part = "lambda mu nu xi omicron pi rho sigma tau upsilon " * 12
    kept = word_counts([ARTICLE])
    around = word_counts([ARTICLE, second_part])
    assert not keeps_main_text(word_counts([ARTICLE]), around=around, kept=kept)


def test_a_container_we_lost_needs_the_reference() -> None:
    kept = word_counts(["kicker title teaser words " * 5])
    container = word_counts([ARTICLE])
    assert not keeps_main_text(container, around=container, kept=kept)


def test_a_small_container_vouches_for_nothing() -> None:
    short = word_counts(["alpha beta gamma delta epsilon " * 10])
    assert not keeps_main_text(short, around=short, kept=short)
