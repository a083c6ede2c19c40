"""Titles (issue 11): the visible headline, else the title declared for the
article itself, without the site's name wherever the page puts it.

One fixture page per class of miss (``tests/fixtures/html/titles``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from capture.html_page import extract_page

TITLES = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "titles"
HEADLINE = "Council extends the harbour wall after winter floods"


def title_of(name: str, url: str | None = None) -> str:
    return extract_page((TITLES / name).read_text("utf-8"), url).record.title


def test_a_citation_title_wins_over_social_teasers() -> None:
    # Open Graph and Twitter carry a teaser; Dublin Core names the article.
    assert title_of("citation_title.html") == HEADLINE


def test_a_meta_tag_declaring_several_properties_is_read_for_each() -> None:
    # property="og:title twitter:title": RDFa allows a list.
    assert title_of("property_list.html") == HEADLINE


def test_a_document_title_alone_loses_its_site_decoration() -> None:
    # No meta title, no heading, no site name declared: "Story – My blog".
    assert title_of("document_title_only.html") == HEADLINE


def test_the_site_named_by_its_address_is_stripped() -> None:
    url = "https://www.harbourpost.example/news/2024/harbour-wall"
    assert title_of("host_named_site.html", url) == HEADLINE


def test_a_long_last_part_is_kept() -> None:
    # Only a short last part can be a site's name; a subtitle stays.
    html = (
        "<title>Council votes on the wall - and the traders who asked for it for years</title>"
        + (TITLES / "document_title_only.html").read_text("utf-8").split("</title>", 1)[1]
    )
    assert extract_page(html).record.title == (
        "Council votes on the wall - and the traders who asked for it for years"
    )


def test_a_headline_drops_its_permalink_sign() -> None:
    assert title_of("permalink_headline.html") == "Extending the harbour wall"


def test_a_microdata_headline_wins_over_a_social_title() -> None:
    # The only h1 is the site's logo; the headline is an h2 marked itemprop=headline.
    assert title_of("microdata_headline.html") == (
        "Council extends the harbour wall after storms flood the fish market"
    )


@pytest.mark.parametrize("name", sorted(path.name for path in TITLES.glob("*.html")))
def test_titles_never_keep_entities_or_separators_at_their_ends(name: str) -> None:
    title = title_of(name)
    assert title == title.strip(" -|–—·:»¶") and "&#" not in title
