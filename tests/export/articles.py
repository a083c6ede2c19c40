"""Articles built by hand as ``core.models`` values, and their picture bytes,
for testing the writers without a library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.imported import Highlight
from core.models import Article, ArticleSummary, Image, RelatedLink
from export.pages import PageFormat, PagesWriter, PagesWritten
from tests.support.images import png

RED, GREEN = png(1, 1, (200, 30, 30)), png(1, 1, (30, 200, 30))

STREET, BRIDGE, PLAIN = 7, 12, 30


def image(article_id: int, position: int, **fields: Any) -> Image:
    blank = Image(
        id=article_id * 100 + position,
        article_id=article_id,
        position=position,
        alt="",
        caption="",
        credit="",
        src=None,
        has_data=False,
        mime=None,
        width=None,
        height=None,
    )
    return replace(blank, **fields)


def related(article_id: int, position: int, title: str, **fields: Any) -> RelatedLink:
    blank = RelatedLink(
        id=article_id * 100 + position,
        article_id=article_id,
        position=position,
        kind="listed",
        title=title,
        url=None,
        section=None,
        summary=None,
        target_id=None,
    )
    return replace(blank, **fields)


def highlight(article_id: int, quote: str, **fields: Any) -> Highlight:
    blank = Highlight(
        id=0,
        article_id=article_id,
        kind="highlight",
        quote=quote,
        prefix="",
        suffix="",
        start=None,
        end=None,
        note="",
        color="yellow",
        created="2024-10-02T09:00:00Z",
        origin=None,
    )
    return replace(blank, **fields)


def article(article_id: int, title: str, **fields: Any) -> Article:
    blank = Article(
        id=article_id,
        url=None,
        title=title,
        byline=None,
        site=None,
        section=None,
        published=None,
        saved="2024-10-02T09:00:00Z",
        updated="2024-10-02T09:00:00Z",
        lead=None,
        body_text="",
        reader_html="",
        language=None,
        word_count=0,
        reading_minutes=0,
        status="unread",
        favorite=False,
        reading_position=0.0,
        content_hash="hash",
        arrived_by="web",
        source_name=None,
        capture_status="complete",
        capture_error=None,
        tags=(),
        images=(),
        related=(),
    )
    return replace(blank, **fields)


def summary(of: Article) -> ArticleSummary:
    return ArticleSummary(
        id=of.id,
        title=of.title,
        site=of.site,
        section=of.section,
        published=of.published,
        saved=of.saved,
        word_count=of.word_count,
        reading_minutes=of.reading_minutes,
        status=of.status,
        favorite=of.favorite,
        capture_status=of.capture_status,
    )


def street() -> Article:
    """Two pictures with bytes (one shown in the body), one without, tags,
    topics, a lead, and related stories: one exported, one elsewhere, one title only."""
    return article(
        STREET,
        "Đường phố Hà Nội mùa thu",
        url="https://example.vn/pho",
        byline="Lam Dương",
        site="Ví dụ",
        section="Đời sống",
        published="2024-10-01T08:00+07:00",
        lead="Hà Nội vào thu, lá vàng rơi.",
        body_text="Phố cổ đông vui.\n\nHồ Gươm lặng gió.",
        reader_html=(
            "<p>Phố cổ đông vui.</p>"
            '<figure><img src="image:0" alt="Phố cổ"><figcaption>Phố cổ buổi sáng'
            ' <span class="credit">Ảnh: Lam Dương</span></figcaption></figure>'
            "<p>Hồ Gươm lặng gió.</p>"
        ),
        language="vi",
        favorite=True,
        tags=("Hà Nội", "Thời sự"),
        topics=("mùa thu", "du lịch"),
        images=(
            image(
                STREET,
                0,
                alt="Phố cổ",
                caption="Phố cổ buổi sáng",
                credit="Ảnh: Lam Dương",
                has_data=True,
                mime="image/png",
            ),
            image(STREET, 1, caption="Hồ Gươm chiều thu", has_data=True, mime="image/png"),
            image(STREET, 2, caption="Ảnh chưa tải", src="https://cdn.example.vn/missing.jpg"),
        ),
        related=(
            related(
                STREET,
                0,
                "Cầu Long Biên",
                url="https://example.vn/cau",
                section="Du lịch",
                target_id=BRIDGE,
            ),
            related(STREET, 1, "Ở nơi khác", url="https://other.vn/x", summary="Tóm tắt"),
            related(STREET, 2, "Chỉ có tên", kind="inline"),
        ),
    )


def bridge() -> Article:
    """An article whose only picture has the same bytes as the street's first."""
    return article(
        BRIDGE,
        "Cầu Long Biên",
        url="https://example.vn/cau",
        body_text="Cây cầu trăm tuổi.",
        images=(image(BRIDGE, 0, caption="Cầu lúc hoàng hôn", has_data=True, mime="image/png"),),
    )


PICTURES: dict[tuple[int, int], tuple[bytes, str | None]] = {
    (STREET, 0): (RED, "image/png"),
    (STREET, 1): (GREEN, "image/png"),
    (BRIDGE, 0): (RED, "image/png"),
}


def picture_bytes(article_id: int, position: int) -> tuple[bytes, str | None] | None:
    return PICTURES.get((article_id, position))


def write(directory: Path, page_format: PageFormat, articles: Sequence[Article]) -> PagesWritten:
    """Export ``articles`` in ``page_format`` into ``directory``."""
    writer = PagesWriter(directory, page_format)
    return writer.write([summary(each) for each in articles], articles, picture_bytes)
