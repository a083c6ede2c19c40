"""Issue 11: extraction that never loses a word.

One fixture page per class of loss found on real pages
(``tests/fixtures/html/whole``), the guard that keeps trafilatura's body
when our passes lose the article, and the check a re-extraction must pass.
Pages are read offline: remote pictures stay pending with their addresses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from capture.dom import word_count
from capture.guard import is_worse_extraction, lost_reference_body, needs_reference, word_counts
from capture.metadata import clean_person_name, is_plausible_byline
from capture.sources import capture_source, decode_html
from core.limits import Limits
from core.models import EXTRACTOR_VERSION, ArticleRecord, ExtractionInfo

WHOLE = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "whole"


def capture(name: str) -> ArticleRecord:
    return capture_source(str(WHOLE / name), Limits(), offline=True)


def captions(record: ArticleRecord) -> list[tuple[str | None, str, str]]:
    return [(image.src, image.caption, image.credit) for image in record.images]


# -- The guard ---------------------------------------------------------------


def test_guard_keeps_trafilaturas_body_when_our_passes_lose_the_article() -> None:
    # The article sits in a box a script reveals (display:none in the HTML):
    # our hidden-element pass takes it out, trafilatura still sees it.
    record = capture("guard_hidden_article.html")
    assert "four degrees below freezing" in record.body_text
    assert "stocks from last year's large harvest" in record.body_text
    assert record.extraction.version == EXTRACTOR_VERSION
    assert len(record.extraction.warnings) == 1
    assert record.extraction.warnings[0].startswith("kept trafilatura's body: ours had ")
    assert record.title == "Orchard growers count the cost of late frost"


def test_a_whole_extraction_records_its_version_and_no_warning() -> None:
    record = capture("02_inline_image.html")
    assert record.extraction == ExtractionInfo(EXTRACTOR_VERSION, [])


def test_records_built_without_extraction_info_get_an_empty_one() -> None:
    assert ArticleRecord(title="t").extraction == ExtractionInfo("", [])


def test_guard_counts_what_we_moved_out_of_the_body() -> None:
    reference = word_counts(["one two three four five six seven eight nine ten " * 5])
    moved = word_counts(["one two three four five " * 5, "six seven eight nine ten " * 5])
    assert lost_reference_body(reference, moved) is None
    share = lost_reference_body(reference, word_counts(["one two three four five"]))
    assert share == pytest.approx(0.1)


def test_a_short_reference_is_no_evidence() -> None:
    assert lost_reference_body(word_counts(["a few words only"]), word_counts([""])) is None


@pytest.mark.parametrize(
    ("saved_body", "saved_lead", "new_body", "new_lead", "worse"),
    [
        ("alpha beta gamma delta " * 10, None, "alpha beta gamma delta " * 10, None, False),
        ("alpha beta gamma delta " * 10, None, "alpha beta " * 10, None, True),
        # Words moved from the body to the lead are not lost.
        ("lead words here. " + "body text goes on " * 10, None,
         "body text goes on " * 10, "lead words here.", False),
        ("alpha beta", None, "alpha beta gamma delta and much more", None, False),
        ("", None, "anything", None, False),
    ],
)  # fmt: skip
def test_is_worse_extraction(
    saved_body: str, saved_lead: str | None, new_body: str, new_lead: str | None, worse: bool
) -> None:
    assert is_worse_extraction(saved_body, saved_lead, new_body, new_lead) is worse


# -- 1. WordPress captions and raw shortcodes --------------------------------


def test_wordpress_caption_and_raw_shortcode_keep_the_whole_post() -> None:
    record = capture("01_wordpress_captions.html")
    paragraphs = record.body_text.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("The wheel at Lower Ashby mill")
    assert paragraphs[-1].endswith("how the old millstones were dressed.")
    assert "[caption" not in record.body_text and "[/caption]" not in record.body_text
    assert captions(record) == [
        ("https://valleynotes.example/wp-content/uploads/2023/11/wheel-before.jpg",
         "The wheel in March, before the volunteers began.", "Photo: Tom Reed"),
        ("https://valleynotes.example/wp-content/uploads/2023/11/paddles.jpg",
         "New oak paddles drying in the barn", ""),
    ]  # fmt: skip
    assert record.extraction.warnings == []


# -- 2. Text after an inline picture ------------------------------------------


def test_text_after_an_inline_picture_is_kept() -> None:
    record = capture("02_inline_image.html")
    assert (
        "A square matrix is Hermitian if and only if it is equal to its adjoint, "
        "that is, its own conjugate transpose." in record.body_text
    )
    assert [image.src for image in record.images] == ["https://e.org/x.png"]


# -- 3. A lying charset ---------------------------------------------------------


def test_valid_utf8_declared_latin1_reads_as_utf8() -> None:
    record = capture("03_lying_charset.html")
    assert record.title == "Neue Regeln für Radwege in München"
    assert "Eine Sanción, wie sie in Spanien üblich ist" in record.body_text
    assert "Ã" not in record.body_text
    assert captions(record)[0][1] == (
        "Ein neuer Radweg an der Ludwigstraße – größer und breiter als früher"
    )


def test_real_latin1_is_still_read_as_latin1() -> None:
    page = '<meta charset="iso-8859-1"><p>für</p>'.encode("latin-1")
    assert "für" in decode_html(page)


def test_the_http_charset_still_wins_over_the_meta_for_8_bit_bytes() -> None:
    page = '<meta charset="utf-8"><p>Größe</p>'.encode("cp1252")
    assert "Größe" in decode_html(page, "windows-1252")


# -- 4. Entities in metadata -----------------------------------------------------


def test_entities_are_decoded_in_meta_tags_and_json_ld() -> None:
    record = capture("04_entities_metadata.html")
    assert record.title == "Taylor Swift’s tour lifts city economies"
    assert record.byline == "Dana O’Connor"
    assert record.section == "Europa News"
    assert "&#" not in record.body_text and "Taylor Swift" not in record.body_text


# -- 5. Bylines --------------------------------------------------------------------


def test_junk_bylines_are_rejected() -> None:
    # "Von" alone, a picture credit in the author element, an e-mail as meta
    # author: no byline is better than any of them.
    assert capture("05_junk_bylines.html").byline is None


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("Harriet Moss", True), ("Lê Phương", True), ("Anna Schmidt, Paul Meier", True),
        ("Von", False), ("By", False), ("redaktion@stadtblatt.example", False),
        ("(Image: Getty Images/Cultura RF)", False), ("Themen bearbeiten", False),
        ("12", False), ("14 May 2024", False), ("https://example.org/me", False),
        ("Joe Wee Monday; February", False), ("June Whitfield", True),
        ("", False), (None, False),
    ],
)  # fmt: skip
def test_is_plausible_byline(text: str | None, plausible: bool) -> None:
    assert is_plausible_byline(text) is plausible


def test_vietnamese_end_signature_is_the_author() -> None:
    record = capture("05_vnexpress_signature.html")
    assert record.byline == "Lê Phương"
    assert "Lê Phương" not in record.body_text


# -- 6. Titles ----------------------------------------------------------------------


def test_the_visible_headline_wins_over_social_and_seo_titles() -> None:
    record = capture("06_visible_headline.html")
    assert record.title == "New river barrier will protect 4,000 homes from floods"
    assert not record.body_text.startswith("New river barrier")


# -- 7. Topics ----------------------------------------------------------------------


def test_keywords_come_from_every_source_without_codes() -> None:
    topics = capture("07_keywords.html").topics
    assert topics[:3] == ["labour unions", "wages", "container shipping"]
    for wanted in ("Hamburg", "Strikes", "Economy", "port strike", "dockworkers", "shipping"):
        assert wanted in topics
    for code in ("ECONEWS2024", "3f2a9c1e-8b7d-4e21-9a6f-0c5d2e7b1a44", "Partner: Factiva"):
        assert code not in topics


def test_meta_keywords_are_read_even_with_a_tag_list() -> None:
    record = capture("05_vnexpress_signature.html")
    assert record.topics == ["buýt điện", "sân bay Nội Bài", "giao thông Hà Nội"]
    assert record.tags == []


def test_links_to_the_sites_tag_pages_are_topics_without_a_label() -> None:
    # A row of links to "/tag/..." pages under the article, with no "Tags"
    # label and no telling class: the topics. The site's menu of "/chu-de/"
    # sections in the page header is not, nor the sidebar's cloud of tags.
    record = capture("14_topic_links_unlabelled.html")
    assert record.topics == ["Giao thông Hà Nội", "xe đạp", "phố Kim Mã"]
    assert record.tags == []
    assert "phố Kim Mã" not in record.body_text.split("\n\n")[-1]
    assert record.body_text.endswith("trong năm sau.")


# -- 8. Captions around pictures -------------------------------------------------------


def test_captions_are_found_beside_pictures() -> None:
    record = capture("08_captions_around.html")
    assert [(caption, credit) for _src, caption, credit in captions(record)] == [
        ("Puffins return to the cliffs at dusk", ""),
        ("The lighthouse keeper's cottage, now a hostel", ""),
        ("Gannets diving off the north point", ""),
        ("A grey seal on the rocks", ""),
        ("The ferry leaving the harbour", ""),
    ]
    assert "A grey seal on the rocks" not in record.body_text
    assert "Puffins return to the cliffs at dusk" not in record.body_text


# -- 9. The lead --------------------------------------------------------------------------


def test_the_lead_comes_from_summary_markup_not_a_sales_pitch() -> None:
    record = capture("09_lead_markup.html")
    assert record.lead == (
        "Ab Dezember fahren wieder Nachtzüge von Berlin nach Paris und Brüssel, "
        "dreimal pro Woche und mit Schlafwagen, Liegewagen und Sitzwagen."
    )
    assert "0,99 €" not in record.body_text
    assert "Ab Dezember fahren" not in record.body_text
    assert record.body_text.startswith("Die Verbindung wird gemeinsam")


# -- 10. Boilerplate ------------------------------------------------------------------------


def test_hidden_elements_and_chrome_are_removed() -> None:
    body = capture("10_boilerplate.html").body_text
    for junk in (
        "Hidden teaser text",
        "Screen decoration",
        "Old version of the paragraph",
        "Invisible tracking label",
        "Duration 2:14",
        "morning briefing",
        "Council approves budget",
        "new fountain",
    ):
        assert junk not in body
    assert body.split("\n\n") and len(body.split("\n\n")) == 4
    assert body.endswith("open on Sundays for the first time in its history.")


# -- Pages without spaces between words ---------------------------------------


def test_a_japanese_related_list_inside_the_article_leaves_the_article_whole() -> None:
    # Japanese has no spaces: its paragraphs are prose by their characters,
    # so the article block holding the "関連記事" list is not the list.
    record = capture("11_cjk_related_in_article.html")
    paragraphs = record.body_text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("梅の木は冬の間に剪定する")
    assert paragraphs[-1].endswith("忘れないようにしましょう。")
    assert "桜の木の病気" not in record.body_text
    assert [story.title for story in record.related] == [
        "桜の木の病気を見分ける五つのポイント",
        "冬のあいだに鉢植えのバラを守る方法",
        "春に植えたい香りのよい花木のまとめ",
    ]
    assert record.extraction.warnings == []


# -- Paragraphs a page repeats ------------------------------------------------

REFRAIN = (
    "We come home with the tide, we come home with the light, "
    "and the harbour keeps our names through the night."
)
TICKETS = (
    "Tickets for the spring concert go on sale on the first Monday of March at the harbour office."
)


def test_a_paragraph_the_page_repeats_keeps_its_repeat() -> None:
    # trafilatura folds a block equal to the one before it; a refrain sung
    # twice, or a notice printed twice inside its own box, is the page's text.
    record = capture("13_repeated_paragraphs.html")
    paragraphs = record.body_text.split("\n\n")
    assert paragraphs.count(REFRAIN) == 2
    assert paragraphs.count(TICKETS) == 2
    assert "\u2063" not in record.body_text
    assert "\u2063" not in (record.reader_html or "")
    assert record.extraction.warnings == []


def test_a_responsive_pair_of_one_paragraph_is_shown_once() -> None:
    # The same teaser twice, classed for a wide and a narrow screen, is one
    # paragraph: here the lead (trafilatura drops blocks classed "teaser").
    record = capture("13_repeated_paragraphs.html")
    teaser = "Every winter the fishermen's choir closes its concert with the same old song"
    assert record.lead is not None and record.lead.startswith(teaser)
    assert teaser not in record.body_text


@pytest.mark.parametrize(
    ("text", "words"),
    [("plain words here", 3), ("梅の木は冬", 2), ("Kindle for PCの設定", 4)],
)
def test_word_count_counts_chinese_and_japanese_by_characters(text: str, words: int) -> None:
    assert word_count(text) == words


def test_the_guard_asks_for_trafilaturas_body_only_when_paragraph_words_are_missing() -> None:
    paragraphs = word_counts(["alpha beta gamma delta epsilon " * 25])
    assert not needs_reference(paragraphs, word_counts(["alpha beta gamma delta epsilon " * 25]))
    assert needs_reference(paragraphs, word_counts(["alpha beta " * 25]))
    # Too few paragraph words to vouch for anything: always checked.
    assert needs_reference(word_counts(["alpha beta"]), word_counts(["alpha beta"]))
    # Paragraphs the page hides count as accounted for, while enough is shown.
    shown, hidden = "alpha beta gamma delta epsilon " * 12, "zeta eta theta iota kappa " * 13
    both = word_counts([shown, hidden])
    assert not needs_reference(both, word_counts([shown]), word_counts([hidden]))
    assert needs_reference(both, word_counts(["alpha"]), word_counts([hidden]))


# -- Metadata of a personal blog ------------------------------------------------


def test_a_personal_blog_keeps_its_headline_and_its_author() -> None:
    # The JSON-LD sits in a CDATA wrapper; the site is named after its
    # author; the page's h1 is the blog's name, which the <title> starts with.
    record = capture("12_personal_blog_metadata.html")
    assert record.title == "Rebuilding a 1970s synthesizer keyboard, one contact at a time"
    assert record.byline == "Maren Holt"
    assert record.body_text.startswith("The keyboard came out of a loft")


def test_a_byline_names_each_person_once() -> None:
    assert clean_person_name("By Gina Roberts-Grey, Gina Roberts-Grey") == "Gina Roberts-Grey"
    assert clean_person_name("By Stella Kim, Jennifer Jett") == "Stella Kim, Jennifer Jett"


def test_hidden_text_accounts_for_missing_words_only_when_the_page_shows_enough() -> None:
    reference = word_counts(["shown words stay here " * 10, "hidden copy of text " * 10])
    kept = word_counts(["shown words stay here " * 10])
    hidden = word_counts(["hidden copy of text " * 10])
    assert lost_reference_body(reference, kept) == pytest.approx(0.5)
    # Half the reference is shown: the rest is a hidden copy, not a loss.
    assert lost_reference_body(reference, kept, hidden) is None
    # A page that shows almost nothing hides its article: keep trafilatura's.
    little = word_counts(["shown words"])
    assert lost_reference_body(reference, little, hidden + kept) is not None
