"""Issue 11: what is taken out of the body as its lead must be the lead.

A box classed like a lead ("summary", "lead") is not always the article's
summary: on some pages it holds the byline line, on others the lead picture.
Taking either as the lead puts a byline or a caption above the article.
Fixtures in ``tests/fixtures/html/body``.
"""

from __future__ import annotations

from pathlib import Path

from capture.sources import capture_source
from core.limits import Limits
from core.models import ArticleRecord

BODY = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "body"


def capture(name: str) -> ArticleRecord:
    return capture_source(str(BODY / name), Limits(), offline=True)


def test_a_byline_list_in_a_summary_box_is_not_the_lead() -> None:
    record = capture("lead_is_byline_list.html")
    assert record.lead is None or "Lighthouse" not in record.lead
    assert record.body_text.startswith("A man in his twenties was arrested")
    assert "Resellers who modify goods" in record.body_text


def test_a_lead_picture_box_is_not_the_lead_and_keeps_its_caption() -> None:
    record = capture("lead_is_picture_box.html")
    assert record.lead is None or "overwhelming consumer demand" not in record.lead
    assert record.body_text.startswith("An executive said overwhelming demand")
    assert [image.caption for image in record.images] == [
        "The company said overwhelming consumer demand led to some problems as it "
        "rolled out the new streaming service."
    ]
