"""Text dumps of article pages: the seed, our own fixtures, and the rules."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capture.encoding import decode_bytes
from capture.textdump import INVISIBLE, parse_text_dump
from core.errors import CaptureError
from core.models import ArticleRecord, ImageRecord, RelatedRecord
from core.reader_html import figure, heading, paragraph, quote
from core.text import collapse_whitespace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "text"


def load(name: str) -> ArticleRecord:
    """Decode and parse a fixture the way an import would."""
    return parse_text_dump(decode_bytes((FIXTURES / name).read_bytes()), source_name=name)


def paragraphs(record: ArticleRecord) -> list[str]:
    return record.body_text.split("\n\n") if record.body_text else []


def flat(text: str) -> str:
    """The input as the parser compares it: NFC, visible, one space between words."""
    text = unicodedata.normalize("NFC", text)
    for char in INVISIBLE:
        text = text.replace(char, "")
    return collapse_whitespace(text)


def assert_plain_text_record(record: ArticleRecord, source: str) -> None:
    """What every text dump record shares, whatever its content."""
    assert record.arrived_by == "text"
    assert record.source_type == "text/plain"
    assert record.capture_status == "complete"
    assert record.capture_error is None
    assert record.url is None
    assert record.site is None
    assert all(image.data is None and image.src is None for image in record.images)
    for text in paragraphs(record):
        assert text and text in flat(source)
    assert record.reader_html.count("<figure>") == len(record.images)
    for position in range(len(record.images)):
        assert record.reader_html.count(f'src="image:{position}"') == 1


# --- The seed ----------------------------------------------------------------

SEED = "tttd_cong_an_ha_noi.txt"
SEED_LISTED = [
    ("Tỉnh Lào Cai: Tăng tốc chuẩn bị Đại hội điểm xã Yên Bình nhiệm kỳ 2025 - 2030", "Tin tức"),
    ("Tháo gỡ khó khăn để vận hành hiệu quả chính quyền hai cấp", "Tin tức"),
    ("Quyết liệt chống hàng giả để tạo cơ hội cho doanh nghiệp chân chính", "Tin tức"),
    ('"Sức khoẻ" doanh nghiệp phản ánh chất lượng nền kinh tế', "Tin tức"),
    ("Đẩy mạnh tuyên truyền về các hoạt động kỷ niệm Quốc khánh 2/9", "Thời sự"),
    ("Tiếp tục đổi mới hoạt động, đáp ứng thực tiễn Thủ đô", "Tin tức"),
    ("Tăng cường giám sát quản lý tài sản công và hoạt động cấp xã", "Tin tức"),
    ("Vị thế của Thủ đô là tiên phong hiện thực hoá chủ trương lớn", "Tin tức"),
    ("Đảm bảo 126 xã, phường hoạt động thông suốt", "Tin tức"),
    ("Các nghị quyết phải có tầm nhìn dài hạn, người dân là trung tâm", "Tin tức"),
]


@pytest.fixture(scope="module")
def seed() -> ArticleRecord:
    return load(SEED)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return (FIXTURES / SEED).read_text(encoding="utf-8").splitlines()


def test_seed_header(seed: ArticleRecord) -> None:
    assert seed.title == (
        "Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử"
    )
    assert seed.section == "Tin tức"
    assert seed.published == "2021-06-19T16:33+07:00"
    assert seed.language == "vi"
    assert seed.byline == "Lam Dương"
    assert seed.topics == []
    assert seed.source_name == SEED
    assert seed.source == (FIXTURES / SEED).read_bytes()
    assert_plain_text_record(seed, (FIXTURES / SEED).read_text(encoding="utf-8"))


def test_seed_lead_is_the_whole_lead_line(seed: ArticleRecord, seed_lines: list[str]) -> None:
    assert seed.lead is not None
    assert seed.lead.startswith("TTTĐ - Ngày 19/6, Công an thành phố Hà Nội")
    assert seed.lead == seed_lines[6]
    assert seed.lead not in seed.body_text


def test_seed_images(seed: ArticleRecord) -> None:
    assert seed.images == [
        ImageRecord(
            alt="Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố Nguyễn Ngọc Tuấn phát biểu tại hội nghị",
            caption=(
                "Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố Hà Nội Nguyễn Ngọc Tuấn "
                "phát biểu tại hội nghị"
            ),
        ),
        ImageRecord(alt="Quang cảnh hội nghị", caption="Quang cảnh hội nghị"),
    ]


def test_seed_related(seed: ArticleRecord, seed_lines: list[str]) -> None:
    inline = RelatedRecord(
        kind="inline",
        title=(
            "Hà Nội gắn kết cùng báo chí Hà Nội và câu chuyện thực hiện “mục tiêu kép”, "
            "đạt thành tích kép"
        ),
    )
    listed = []
    for title, section in SEED_LISTED:
        # The summary is the line two below the bare title (a blank between).
        summary = seed_lines[seed_lines.index(title) + 2]
        assert summary.startswith("TTTĐ - ")
        listed.append(RelatedRecord(kind="listed", title=title, section=section, summary=summary))
    assert seed.related == [inline, *listed]


def test_seed_body(seed: ArticleRecord, seed_lines: list[str]) -> None:
    body = paragraphs(seed)
    assert len(body) == 11
    assert body[0].startswith("Dự và chỉ đạo Hội nghị")
    assert body[-1].startswith("Thay mặt Đảng ủy")
    # Every paragraph is a whole line of the dump, in order.
    positions = [seed_lines.index(text) for text in body]
    assert positions == sorted(positions)
    noise = {"Tag", "aa", "Lam Dương", "Đọc thêm", "Xem thêm", "Quang cảnh hội nghị"}
    assert not noise & set(body)
    for related in seed.related:
        assert related.title not in seed.body_text
    for image in seed.images:
        assert image.caption not in body


def test_seed_reader_html_places_figures_in_the_flow(seed: ArticleRecord) -> None:
    body = paragraphs(seed)
    expected = [
        figure(0, seed.images[0]),
        *(paragraph(text) for text in body[:6]),
        figure(1, seed.images[1]),
        *(paragraph(text) for text in body[6:]),
    ]
    assert seed.reader_html == "\n".join(expected)


def _without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def _messy(text: str) -> str:
    """CRLF, a BOM, tab indents, trailing blanks, and extra blank lines."""
    lines = [f"\t{line}  " if len(line) > 80 else line for line in text.split("\n")]
    return "\ufeff" + "\r\n".join(lines).replace("\r\n\r\n", "\r\n \r\n\t\r\n\r\n")


@pytest.mark.parametrize("variant", [_without_blank_lines, _messy])
def test_seed_variants_give_the_same_record(
    seed: ArticleRecord, variant: Callable[[str], str]
) -> None:
    text = variant((FIXTURES / SEED).read_text(encoding="utf-8"))
    record = parse_text_dump(text, source_name=SEED)
    record.source = seed.source
    assert record == seed


# --- Our fixtures --------------------------------------------------------------


def test_ktdt_paren_credits_caption_without_alt_and_tin_lien_quan() -> None:
    name = "ktdt_cay_xanh_do_thi.txt"
    record = load(name)
    assert_plain_text_record(record, (FIXTURES / name).read_text(encoding="utf-8"))
    assert record.title == "Hà Nội đặt mục tiêu trồng mới 120.000 cây xanh đô thị trong năm 2024"
    assert record.section == "Đô thị"
    assert record.published == "2024-10-14T10:25+07:00"
    assert record.language == "vi"
    assert record.byline == "Hoàng Lan"
    assert record.topics == []
    assert record.lead is not None
    assert record.lead.startswith("KTĐT - Sở Xây dựng Hà Nội cho biết")
    assert record.lead.endswith("theo kế hoạch đã đề ra.")
    assert record.images == [
        ImageRecord(
            caption=(
                "Công nhân Công ty TNHH MTV Công viên cây xanh Hà Nội trồng cây "
                "trên phố Trần Duy Hưng"
            ),
            credit="Ảnh: Minh Khôi",
        ),
        ImageRecord(
            alt="Cây sưa đỏ được trồng dọc tuyến đường Võ Chí Công",
            caption="Cây sưa đỏ được trồng dọc tuyến đường Võ Chí Công, quận Tây Hồ",
            credit="Ảnh: Minh Khôi",
        ),
    ]
    teaser = "Hà Nội công bố danh mục 25 loài cây khuyến khích trồng trên đường phố"
    assert record.related == [
        RelatedRecord(kind="inline", title=teaser),
        RelatedRecord(kind="listed", title=teaser),
        RelatedRecord(kind="listed", title="Quận Long Biên cải tạo 12 vườn hoa phục vụ người dân"),
        RelatedRecord(
            kind="listed",
            title="Hàng cây sưa trên phố Hoàng Diệu được gắn mã định danh",
            summary=(
                "KTĐT - Toàn bộ 160 cây sưa trên phố Hoàng Diệu đã được gắn biển và mã QR "
                "để người dân tra cứu thông tin."
            ),
        ),
        RelatedRecord(kind="listed", title="Cận cảnh tuyến đường ven hồ Tây sau khi chỉnh trang"),
        RelatedRecord(
            kind="listed",
            title="Thành phố lấy ý kiến người dân về quy hoạch công viên Thống Nhất",
        ),
    ]
    body = paragraphs(record)
    assert len(body) == 11
    assert body[0].startswith("Theo báo cáo của Sở Xây dựng")
    assert body[-1].startswith("Sở Xây dựng cũng đang hoàn thiện")
    assert heading("Nguồn cây giống phải rõ ràng") in record.reader_html
    assert heading("Người dân được mời cùng chăm sóc cây") in record.reader_html
    assert '<span class="credit">Ảnh: Minh Khôi</span>' in record.reader_html


def test_guardian_english_article() -> None:
    name = "guardian_farmers_paris.txt"
    record = load(name)
    assert_plain_text_record(record, (FIXTURES / name).read_text(encoding="utf-8"))
    assert record.title == (
        "French farmers block motorways around Paris as protest over fuel costs spreads"
    )
    assert record.section == "Europe"
    # An English page's time without a zone stays naive; this one says GMT.
    assert record.published == "2024-03-14T08:05+00:00"
    assert record.language == "en"
    assert record.byline == "Claire Martin"
    assert record.lead == (
        "Convoys of tractors closed several main roads into the capital on Thursday, as farmers "
        "demanded cuts to diesel taxes and simpler rules on land use"
    )
    assert record.topics == []
    assert record.images == [
        ImageRecord(
            caption=(
                "Farmers drive their tractors on the A6 motorway near Chilly-Mazarin, "
                "south of Paris, on Thursday."
            ),
            credit="Photograph: Ludovic Marin/AFP/Getty Images",
        ),
        ImageRecord(
            caption="A farmer sprays manure outside a prefecture building in Agen, in the south-west.",
            credit="Photograph: Thibaud Moritz/AFP/Getty Images",
        ),
    ]
    assert record.related == [
        RelatedRecord(kind="inline", title="Why are farmers across Europe protesting?"),
        RelatedRecord(
            kind="listed",
            title="How the EU’s green rules became a target for angry farmers",
            summary=(
                "The bloc’s environmental policies have become the focus of protests from Poland "
                "to Portugal, but the causes run deeper than regulation."
            ),
        ),
        RelatedRecord(
            kind="listed",
            title="Farmers’ protests: what are the main demands in each country?",
            summary=(
                "From diesel subsidies to cheap imports, the grievances differ from one capital "
                "to the next."
            ),
        ),
        RelatedRecord(kind="listed", title="Dutch farmers’ party wins provincial elections"),
        RelatedRecord(kind="listed", title="Spanish farmers block ports in protest over imports"),
    ]
    body = paragraphs(record)
    assert len(body) == 11
    assert body[0].startswith("Hundreds of French farmers blocked motorways")
    assert body[-1].startswith("Public support for the protests remains high.")
    assert "What the farmers want" in body
    assert heading("What the farmers want") in record.reader_html
    assert not {"Share", "See more", "Related", "More on this story"} & set(body)
    assert record.reader_html.startswith("<figure>")


def test_no_related_section_and_no_date_line() -> None:
    name = "dantri_gom_bat_trang.txt"
    record = load(name)
    assert_plain_text_record(record, (FIXTURES / name).read_text(encoding="utf-8"))
    assert record.title == "Làng gốm Bát Tràng giữ lửa nghề qua nhiều thế hệ"
    assert record.section == "Di sản"  # from the breadcrumb
    assert record.published is None
    assert record.language == "vi"
    assert record.byline == "Thu Trang"  # "Bài, ảnh: Thu Trang"
    assert record.topics == ["Bát Tràng", "gốm sứ", "làng nghề truyền thống"]
    assert record.tags == []
    assert record.lead is not None
    assert record.lead.startswith("(Dân trí) - Nằm bên bờ tả ngạn sông Hồng")
    assert record.related == []
    assert record.images == [
        ImageRecord(
            caption="Nghệ nhân Nguyễn Văn Bình vuốt cốt một chiếc bình gốm trên bàn xoay",
            credit="Ảnh: Thu Trang",
        ),
        ImageRecord(
            alt="Những chiếc bình men lam đang được phơi trước khi đưa vào lò nung",
            caption="Những chiếc bình men lam đang được phơi trước khi đưa vào lò nung",
        ),
    ]
    body = paragraphs(record)
    assert len(body) == 11
    assert body[0].startswith("Mỗi sáng, khi sương còn phủ mặt sông")
    assert body[-1].startswith("Dù vậy, nhiều nghệ nhân vẫn lo lắng")
    assert heading("Từ đất sét đến sản phẩm") in record.reader_html
    assert heading("Giữ nghề trong thời hội nhập") in record.reader_html
    assert "Ảnh: Thu Trang" not in record.body_text
    assert "Từ khóa" not in record.body_text


def test_crlf_bom_and_tabs() -> None:
    name = "vov_bong_da_crlf_bom.txt"
    raw = (FIXTURES / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\t" in raw
    record = load(name)
    assert_plain_text_record(record, raw.decode("utf-8-sig"))
    assert record.title == "Câu lạc bộ Hà Nội ngược dòng thắng 2-1 trên sân Hàng Đẫy"
    assert record.section == "Bóng đá"
    assert record.published == "2023-11-20T21:45+07:00"
    assert record.language == "vi"
    assert record.byline == "Minh Quân"
    assert record.topics == []
    assert record.lead is not None
    assert record.lead.startswith("VOV.VN - Bị dẫn bàn ngay từ phút thứ 8")
    assert record.images == [
        ImageRecord(
            alt="Các cầu thủ Hà Nội ăn mừng bàn gỡ hòa",
            caption="Các cầu thủ Hà Nội ăn mừng bàn gỡ hòa 1-1",
        )
    ]
    assert record.related == [
        RelatedRecord(
            kind="listed",
            title="Thanh Hóa giữ vững ngôi đầu sau trận hòa kịch tính",
            section="Bóng đá",
            summary=(
                "VOV.VN - Dù chỉ có một điểm trên sân khách, Thanh Hóa vẫn giữ vững vị trí "
                "dẫn đầu bảng xếp hạng V-League sau vòng 5."
            ),
        ),
        RelatedRecord(
            kind="listed",
            title="Tuyển nữ Việt Nam hội quân chuẩn bị cho vòng loại Olympic",
            section="Bóng đá",
            summary=(
                "VOV.VN - 26 cầu thủ đã có mặt tại Trung tâm đào tạo bóng đá trẻ Việt Nam "
                "để bắt đầu đợt tập trung kéo dài ba tuần."
            ),
        ),
    ]
    body = paragraphs(record)
    assert len(body) == 7
    assert body[0].startswith("Trận đấu trên sân Hàng Đẫy tối 20/11")
    assert body[-1].startswith("Với chiến thắng này, Hà Nội có 10 điểm")
    assert all("\t" not in text and text == text.strip() for text in body)
    # The same dump handed over as text (BOM and CRLF still in it) parses alike.
    again = parse_text_dump(raw.decode("utf-8"), source_name=name)
    assert (again.title, again.body_text, again.images, again.related) == (
        record.title,
        record.body_text,
        record.images,
        record.related,
    )


def test_utf16_file() -> None:
    name = "vnexpress_diem_chuan_utf16.txt"
    raw = (FIXTURES / name).read_bytes()
    assert raw.startswith(b"\xff\xfe")
    record = load(name)
    assert_plain_text_record(record, raw.decode("utf-16"))
    assert record.title == "Hà Nội công bố điểm chuẩn vào lớp 10 công lập năm 2025"
    assert record.section == "Giáo dục"  # the lone label above the title
    assert record.published == "2025-07-08T09:15+07:00"
    assert record.language == "vi"
    assert record.byline == "Thanh Hằng"
    # No outlet marker and no date under the title: nothing marks a lead.
    assert record.lead is None
    assert record.topics == []
    assert record.images == [
        ImageRecord(
            caption="Thí sinh làm thủ tục dự thi tại điểm thi Trường THPT Chu Văn An, sáng 7/6.",
            credit="Ảnh: Thanh Hằng",
        ),
        ImageRecord(
            caption="Phụ huynh chờ con trước cổng điểm thi ở quận Cầu Giấy.",
            credit="Ảnh: Thanh Hằng",
        ),
    ]
    assert record.related == [
        RelatedRecord(kind="listed", title="Hơn 120.000 thí sinh Hà Nội thi vào lớp 10"),
        RelatedRecord(kind="listed", title="Đề thi Toán vào lớp 10 Hà Nội được đánh giá vừa sức"),
        RelatedRecord(kind="listed", title="Hà Nội tăng chỉ tiêu lớp 10 công lập thêm 7.000"),
    ]
    body = paragraphs(record)
    assert len(body) == 8
    assert body[0].startswith("Sở Giáo dục và Đào tạo Hà Nội công bố điểm chuẩn")
    assert body[-1].startswith("Trước đó, Sở đã khuyến cáo thí sinh")


def test_windows_1258_file() -> None:
    name = "sgtt_gia_lua_cp1258.txt"
    raw = (FIXTURES / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    record = load(name)
    assert_plain_text_record(record, decode_bytes(raw))
    assert record.title == "Giá lúa tại Đồng bằng sông Cửu Long tăng nhẹ đầu vụ đông xuân"
    assert unicodedata.is_normalized("NFC", record.title)
    assert record.section == "Kinh tế"
    assert record.published == "2012-03-05T08:30+07:00"
    assert record.language == "vi"
    assert record.byline == "Ngọc Ánh"
    assert record.topics == []
    assert record.lead is not None
    assert record.lead.startswith("SGTT - Những ngày đầu tháng 3, giá lúa tươi")
    assert record.images == [
        ImageRecord(
            alt="Nông dân huyện Thoại Sơn thu hoạch lúa đông xuân",
            caption="Nông dân huyện Thoại Sơn thu hoạch lúa đông xuân",
            credit="Ảnh: Văn Nam",
        )
    ]
    assert record.related == [
        RelatedRecord(kind="listed", title="Xuất khẩu gạo hai tháng đầu năm đạt hơn 800.000 tấn"),
        RelatedRecord(
            kind="listed", title="Doanh nghiệp được vay vốn ưu đãi để mua tạm trữ lúa gạo"
        ),
    ]
    body = paragraphs(record)
    assert len(body) == 4
    assert body[0].startswith("Tại các huyện Thoại Sơn, Châu Thành")
    assert body[-1].startswith("Tuy vậy, các chuyên gia khuyến cáo")


def test_agency_style_english_article() -> None:
    name = "ap_senate_budget.txt"
    record = load(name)
    assert_plain_text_record(record, (FIXTURES / name).read_text(encoding="utf-8"))
    assert record.title == "Senate passes stopgap spending bill hours before shutdown deadline"
    assert record.section == "Politics"
    assert record.published == "2024-03-14T20:05-05:00"
    assert record.language == "en"
    assert record.byline == "Sam Lee and Ana Ruiz"
    assert record.topics == []
    assert record.lead is not None
    assert record.lead.startswith("WASHINGTON (AP) — The Senate passed a stopgap spending bill")
    assert record.images == [
        ImageRecord(
            caption="Senate Majority Leader speaks to reporters at the Capitol on Thursday.",
            credit="AP Photo/Jacquelyn Martin",
        ),
        ImageRecord(
            caption=(
                "Visitors walk past the Lincoln Memorial in Washington, "
                "which would have closed in a shutdown."
            ),
            credit="AP Photo/Mark Schiefelbein",
        ),
    ]
    assert record.related == [
        RelatedRecord(
            kind="inline", title="What happens to federal workers during a government shutdown"
        ),
        RelatedRecord(
            kind="listed", title="Federal workers brace for uncertainty as shutdown deadline nears"
        ),
        RelatedRecord(
            kind="listed", title="House approves temporary funding with bipartisan support"
        ),
    ]
    body = paragraphs(record)
    assert len(body) == 10
    assert body[0].startswith("The measure, which passed 77-21")
    assert body[-1].startswith("Budget analysts note")
    assert heading("Where The Talks Stand") in record.reader_html
    assert heading("What Comes Next") in record.reader_html


# --- Rules, one at a time -------------------------------------------------------

LEAD = (
    "TTTĐ - Sáng 8/7, Hội đồng nhân dân thành phố Hà Nội khai mạc kỳ họp thường lệ "
    "giữa năm với nhiều nội dung quan trọng."
)
BODY_1 = "Các đại biểu đã thảo luận về tình hình kinh tế - xã hội trong sáu tháng đầu năm."
BODY_2 = "Kỳ họp dự kiến kéo dài ba ngày, xem xét và thông qua nhiều nghị quyết quan trọng."


def dump(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_breadcrumb_gives_the_section_without_a_date_line() -> None:
    record = parse_text_dump(
        dump(
            "Trang chủ > Thời sự > Chính trị",
            "",
            "Hà Nội khai mạc kỳ họp HĐND",
            "",
            LEAD,
            "",
            BODY_1,
        )
    )
    assert record.section == "Chính trị"
    assert record.published is None
    assert record.title == "Hà Nội khai mạc kỳ họp HĐND"


def test_date_line_section_wins_over_breadcrumb() -> None:
    record = parse_text_dump(
        dump("Home › World", "", "Title of the story here", "Asia 19/06/2021 16:33", "", BODY_1)
    )
    assert record.section == "Asia"


@pytest.mark.parametrize("control", ["aa", "A A", "A- A+", "Aa", "A+ A-"])
def test_font_size_controls_are_noise(control: str) -> None:
    record = parse_text_dump(
        dump("Hà Nội khai mạc kỳ họp HĐND", "Thời sự 08/07/2025 09:00", control, LEAD, "", BODY_1)
    )
    assert record.lead == LEAD
    assert paragraphs(record) == [BODY_1]


def test_published_offset_only_for_vietnamese() -> None:
    english = parse_text_dump(
        dump(
            "Council opens its summer session",
            "News 08/07/2025 09:00",
            "",
            "The council met on Tuesday to discuss the budget and the plans for the year.",
        )
    )
    assert english.language == "en"
    assert english.published == "2025-07-08T09:00"
    vietnamese = parse_text_dump(
        dump("Hà Nội khai mạc kỳ họp HĐND", "Thời sự 08/07/2025 09:00", "", LEAD, "", BODY_1)
    )
    assert vietnamese.published == "2025-07-08T09:00+07:00"


def test_label_before_date_is_not_a_section() -> None:
    record = parse_text_dump(
        dump(
            "Council opens its summer session",
            "Updated: 08/07/2025 09:00",
            "",
            "The council met on Tuesday to discuss the budget and the plans for the year.",
        )
    )
    assert record.section is None
    assert record.published == "2025-07-08T09:00"


def test_trailing_names_and_source_lines_are_bylines() -> None:
    record = parse_text_dump(
        dump("Hà Nội khai mạc kỳ họp HĐND", "", BODY_1, "", BODY_2, "", "Theo TTXVN")
    )
    assert record.byline == "TTXVN"
    assert paragraphs(record) == [BODY_1, BODY_2]


def test_a_closing_sentence_is_not_a_byline() -> None:
    closing = "Theo Bộ Y tế, số ca mắc đã giảm mạnh trong tuần qua."
    record = parse_text_dump(dump("Hà Nội khai mạc kỳ họp HĐND", "", BODY_1, "", closing))
    assert record.byline is None
    assert paragraphs(record) == [BODY_1, closing]


def test_two_authors_joined_by_va() -> None:
    record = parse_text_dump(
        dump(
            "Hà Nội khai mạc kỳ họp HĐND",
            "",
            BODY_1,
            "",
            "Minh Anh - Hoàng Nam",
            "",
            "Đọc thêm",
            "Một tin khác",
        )
    )
    assert record.byline == "Minh Anh - Hoàng Nam"


def test_inline_prefixed_links_leave_the_body() -> None:
    record = parse_text_dump(
        dump(
            "Hà Nội khai mạc kỳ họp HĐND",
            "",
            BODY_1,
            "",
            "Đọc thêm: Hà Nội thông qua 12 nghị quyết",
            "",
            ">> Kỳ họp thứ 25 thành công tốt đẹp",
            "",
            BODY_2,
        )
    )
    assert [(item.kind, item.title) for item in record.related] == [
        ("inline", "Hà Nội thông qua 12 nghị quyết"),
        ("inline", "Kỳ họp thứ 25 thành công tốt đẹp"),
    ]
    assert paragraphs(record) == [BODY_1, BODY_2]


def test_related_box_in_the_middle_then_body_resumes() -> None:
    record = parse_text_dump(
        dump(
            "Hà Nội khai mạc kỳ họp HĐND",
            "",
            BODY_1,
            "",
            "Tin liên quan",
            "Hà Nội thông qua 12 nghị quyết",
            "Kỳ họp thứ 25 thành công tốt đẹp",
            "",
            BODY_2,
        )
    )
    assert [item.title for item in record.related] == [
        "Hà Nội thông qua 12 nghị quyết",
        "Kỳ họp thứ 25 thành công tốt đẹp",
    ]
    assert paragraphs(record) == [BODY_1, BODY_2]


def test_trailing_see_more_alone_is_noise() -> None:
    record = parse_text_dump(dump("Council opens its summer session", "", BODY_1, "", "See more"))
    assert record.related == []
    assert paragraphs(record) == [BODY_1]


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    record = parse_text_dump(
        dump(
            "Council opens its summer session",
            "",
            "The council met on Tuesday to discuss the budget",
            "and the plans for the coming year, officials said.",
            "",
            "A second paragraph follows here.",
        )
    )
    assert paragraphs(record) == [
        "The council met on Tuesday to discuss the budget and the plans for the coming year, "
        "officials said.",
        "A second paragraph follows here.",
    ]


def test_short_standalone_lines_are_headings_but_quotes_are_not() -> None:
    record = parse_text_dump(
        dump(
            "Hà Nội khai mạc kỳ họp HĐND",
            "",
            BODY_1,
            "",
            "Những việc cần làm ngay",
            "",
            "“Chúng tôi rất phấn khởi”",
            "",
            BODY_2,
        )
    )
    assert paragraphs(record) == [
        BODY_1,
        "Những việc cần làm ngay",
        "“Chúng tôi rất phấn khởi”",
        BODY_2,
    ]
    assert record.reader_html == "\n".join(
        [
            paragraph(BODY_1),
            heading("Những việc cần làm ngay"),
            paragraph("“Chúng tôi rất phấn khởi”"),
            paragraph(BODY_2),
        ]
    )


def test_tags_line() -> None:
    record = parse_text_dump(
        dump("Hà Nội khai mạc kỳ họp HĐND", "", BODY_1, "", "Tags: HĐND; kỳ họp | Hà Nội, HĐND")
    )
    assert record.topics == ["HĐND", "kỳ họp", "Hà Nội"]
    assert paragraphs(record) == [BODY_1]


def test_credit_only_line_is_a_picture_without_caption() -> None:
    record = parse_text_dump(
        dump("Hà Nội khai mạc kỳ họp HĐND", "", BODY_1, "", "Ảnh: Minh Anh", "", BODY_2)
    )
    assert record.images == [ImageRecord(credit="Ảnh: Minh Anh")]
    assert paragraphs(record) == [BODY_1, BODY_2]


def test_missing_title_is_made_from_the_first_sentence() -> None:
    long_line = " ".join([BODY_1] * 6)
    record = parse_text_dump(long_line)
    assert record.title == "Các đại biểu đã thảo luận về tình hình kinh tế…"
    assert paragraphs(record) == [long_line]


def test_body_text_and_html_are_escaped_not_interpreted() -> None:
    record = parse_text_dump(
        dump("Tags & <b>markup</b> in a title", "", 'Use <script> & "quotes" well.')
    )
    assert record.body_text == 'Use <script> & "quotes" well.'
    assert record.reader_html == "<p>Use &lt;script&gt; &amp; &quot;quotes&quot; well.</p>"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("\n\n \t\n", "empty"),
        ("Only a title here", "only a title"),
        ("Tag\n\nOnly a title here\n\nXem thêm\n", "only a title"),
    ],
)
def test_no_article_text(text: str, reason: str) -> None:
    with pytest.raises(CaptureError, match=f"no article text found.*{reason}"):
        parse_text_dump(text)


# --- Reader HTML building blocks ------------------------------------------------


def test_reader_html_blocks() -> None:
    assert paragraph("a < b & c") == "<p>a &lt; b &amp; c</p>"
    assert heading("Kết quả") == "<h2>Kết quả</h2>"
    assert heading("Deep", level=9) == "<h6>Deep</h6>"
    assert heading("Top", level=1) == "<h2>Top</h2>"
    assert quote("“Xin chào”") == "<blockquote><p>“Xin chào”</p></blockquote>"


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        (
            ImageRecord(alt='A "quoted" alt', caption="Cap <i>", credit="Ảnh: X & Y"),
            '<figure><img src="image:3" alt="A &quot;quoted&quot; alt"><figcaption>Cap &lt;i&gt; '
            '<span class="credit">Ảnh: X &amp; Y</span></figcaption></figure>',
        ),
        (
            ImageRecord(caption="Only caption"),
            '<figure><img src="image:3" alt=""><figcaption>Only caption</figcaption></figure>',
        ),
        (
            ImageRecord(credit="Reuters"),
            '<figure><img src="image:3" alt=""><figcaption><span class="credit">Reuters</span>'
            "</figcaption></figure>",
        ),
        (ImageRecord(alt="Just alt"), '<figure><img src="image:3" alt="Just alt"></figure>'),
    ],
)
def test_figure(image: ImageRecord, expected: str) -> None:
    assert figure(3, image) == expected


def test_figure_position_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="position"):
        figure(-1, ImageRecord())


# --- Properties -------------------------------------------------------------------

# Lines of the shapes the parser cares about, to push it through every branch.
_LINES = st.sampled_from(
    [
        "",
        "",
        "Tag",
        "aa",
        "A- A+",
        "Trang chủ > Thời sự > Chính trị",
        "Home › World",
        "Tin tức 19/06/2021 16:33",
        "Thu 14 Mar 2024 08.05 GMT",
        "By Jane Doe",
        "Lam Dương",
        "Theo TTXVN",
        LEAD,
        BODY_1,
        BODY_2,
        "Quang cảnh hội nghị",
        "Quang cảnh hội nghị (Ảnh: Minh Anh)",
        "Farmers on the road. Photograph: Jane Doe/AFP",
        "Ảnh: Minh Anh",
        "Đọc thêm",
        "Xem thêm",
        "Tin liên quan",
        "Related",
        "Xem thêm: Hà Nội thông qua 12 nghị quyết",
        "Hà Nội thông qua 12 nghị quyết Tin tức",
        "Hà Nội thông qua 12 nghị quyết",
        "Tags: a, b",
        "continued in lower case",
        "\t  ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_only_capture_error(text: str) -> None:
    try:
        record = parse_text_dump(text)
    except CaptureError:
        return
    for body_paragraph in paragraphs(record):
        assert body_paragraph in flat(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=40),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_dump_shaped_text_keeps_its_paragraphs(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    try:
        record = parse_text_dump(text)
    except CaptureError:
        return
    assert record.title
    for body_paragraph in paragraphs(record):
        assert body_paragraph in flat(text)
    assert unicodedata.is_normalized("NFC", record.body_text)
