"""A real importing process for the crash-safety test.

Run as ``python -m tests.storage.crash_importer LIBRARY TOTAL``. It resumes
where an earlier (killed) run stopped: it saves the last saved article again
and goes on until TOTAL articles exist, updating an earlier article every
third step so that kills also land in the middle of updates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storage import ArticleRecord, ImageRecord, Library, RelatedRecord

SENTENCE = (
    "Hà Nội tổ chức hội nghị tổng kết công tác bảo đảm an ninh trật tự trong dịp bầu cử"
    " đại biểu Quốc hội và Hội đồng nhân dân các cấp nhiệm kỳ mới với nhiều kết quả tích cực"
)
WORDS = SENTENCE.split(" ")


def title_word(number: int) -> str:
    """A word only article ``number`` has, to find it by search."""
    return f"maso{number}x"


def expected_shape(number: int) -> tuple[int, int, list[str]]:
    """How many images and related stories, and which tags, article ``number`` has."""
    return number % 4, number % 3 + 1, sorted({f"Chủ đề {number % 5}", "Kiểm thử"})


def make_record(number: int, revision: int = 0) -> ArticleRecord:
    images, related, tags = expected_shape(number)
    body = "\n\n".join(
        " ".join(WORDS[(number + revision + p + w) % len(WORDS)] for w in range(60))
        for p in range(6)
    )
    return ArticleRecord(
        title=f"Bài số {number} {title_word(number)} về bầu cử",
        url=f"https://example.test/bai/{number}",
        lead=f"TTTĐ - Tóm tắt bài {number}.",
        body_text=body,
        images=[
            ImageRecord(
                caption=f"Ảnh {k} của bài {number}",
                data=bytes([k]) * 2048,
                mime="image/png",
                width=10,
                height=10,
            )
            for k in range(images)
        ],
        related=[
            RelatedRecord("listed", f"Tin liên quan {k}", url=f"https://example.test/bai/{k}")
            for k in range(related)
        ],
        tags=tags,
        source=body.encode(),
        source_type="text/plain",
    )


def main() -> None:
    path, total = Path(sys.argv[1]), int(sys.argv[2])
    library = Library(path)
    start = library.count_articles()
    print("started", start, flush=True)
    for number in range(max(start - 1, 0), total):
        library.save_article(make_record(number))
        if number % 3 == 0 and number > 0:
            # An update rewrites images, related rows and index entries.
            library.save_article(make_record(number - 1, revision=number))
    library.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
