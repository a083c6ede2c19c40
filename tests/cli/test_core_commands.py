"""The command line end to end, through the real entry point (in-process) on real library files.

Covers issue 2's "Done when": the seed's exact record, re-adding it, and the
searches that must (and must not) find it.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from tests.support.cli import cli_env, invoke_cli, invoke_json
from tests.support.encodings import encode_windows_1258

SEED_RELATED = [
    (
        "Tỉnh Lào Cai: Tăng tốc chuẩn bị Đại hội điểm xã Yên Bình nhiệm kỳ 2025 - 2030",
        "Tin tức",
        "TTTĐ - Chiều 8/7, đồng chí Nguyễn Tuấn Anh - Phó Bí thư Tỉnh ủy, Tổ trưởng Tổ công tác của Ban Thường vụ Tỉnh ủy Lào Cai đã đi kiểm tra công tác chuẩn bị Đại hội điểm tại Đảng bộ xã Yên Bình, nhiệm kỳ 2025 - 2030; làm việc với Ban Thường vụ Đảng ủy xã về một số nội dung quan trọng liên quan đến tổ chức Đại hội đại biểu Đảng bộ cấp xã nhiệm kỳ 2025 - 2030.",
    ),
    (
        "Tháo gỡ khó khăn để vận hành hiệu quả chính quyền hai cấp",
        "Tin tức",
        "TTTĐ - TP cần đẩy nhanh sớm ổn định chính quyền địa phường hai cấp, đặc biệt là cấp xã, phường, nhất là việc phân cấp, để giảm bớt gánh nặng cho cấp TP, tạo điều kiện cho cấp dưới được giải quyết công việc thuận lợi",
    ),
    (
        "Quyết liệt chống hàng giả để tạo cơ hội cho doanh nghiệp chân chính",
        "Tin tức",
        "TTTĐ - Sau khi thành phố quyết tâm dẹp hàng giả, hàng nhái, nhiều cá nhân, tổ chức kinh doanh đã tạm dừng hoạt động. Theo đại biểu HĐND TP Hà Nội, việc này cần phải đánh giá thực chất, các cá nhân tạm dừng kinh doanh để tránh sự kiểm tra của cơ quan chức năng chứ không phải né thuế hay do các chính sách mới về thuế...",
    ),
    (
        '"Sức khoẻ" doanh nghiệp phản ánh chất lượng nền kinh tế',
        "Tin tức",
        'TTTĐ - Thảo luận về nhiệm vụ trọng tâm phát triển kinh tế - xã hội Thủ đô, đại biểu HĐND TP Hà Nội đề nghị TP cần quan tâm tới "sức khoẻ" doanh nghiệp, bởi đây là vấn đề ảnh hưởng lớn đến GRDP và phản ánh chất lượng của nền kinh tế...',
    ),
    (
        "Đẩy mạnh tuyên truyền về các hoạt động kỷ niệm Quốc khánh 2/9",
        "Thời sự",
        "TTTĐ - UBND thành phố Hà Nội vừa ban hành Kế hoạch số 178/KH-UBND về thông tin, tuyên truyền trên địa bàn thành phố Hà Nội nhân dịp kỷ niệm 80 năm Cách mạng Tháng Tám thành công (19/8/1945 -19/8/2025) và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (2/9/1945 - 2/9/2025).",
    ),
    (
        "Tiếp tục đổi mới hoạt động, đáp ứng thực tiễn Thủ đô",
        "Tin tức",
        "TTTĐ - HĐND TP Hà Nội sẽ tiếp tục đổi mới, nâng cao hiệu quả hoạt động để đáp ứng yêu cầu, đòi hỏi ngày càng cao của công tác quản lý Nhà nước và tình hình thực tiễn của Thủ đô.",
    ),
    (
        "Tăng cường giám sát quản lý tài sản công và hoạt động cấp xã",
        "Tin tức",
        "TTTĐ - HĐND TP Hà Nội cần tăng cường giám sát, tái giám sát đối với các lĩnh vực: Quy hoạch đô thị; triển khai các dự án, đặc biệt là dự án treo, chậm tiến độ; việc thực hiện chế độ chính sách với cán bộ dôi dư, quản lý tài sản công…",
    ),
    (
        "Vị thế của Thủ đô là tiên phong hiện thực hoá chủ trương lớn",
        "Tin tức",
        "TTTĐ - Sáng 8/7, tại kỳ họp thường lệ giữa năm 2025 (Kỳ họp thứ 25) của HĐND TP Hà Nội, Ủy viên Trung ương Đảng, Phó Chủ tịch Quốc hội Vũ Hồng Thanh nhấn mạnh, vị thế của Thủ đô không chỉ là nơi thực thi mà còn là nơi tiên phong, đi đầu và là hình mẫu trong việc hiện thực hóa các chủ trương lớn của Đảng và Nhà nước…",
    ),
    (
        "Đảm bảo 126 xã, phường hoạt động thông suốt",
        "Tin tức",
        "TTTĐ - Phó Chủ tịch UBND TP Hà Nội Trương Việt Dũng khẳng định, TP sẽ đảm bảo hoạt động thông suốt của 126 xã, phường mới; lấy sự hài lòng của người dân, doanh nghiệp là thước đo chất lượng và hiệu quả hoạt động của chính quyền hai cấp...",
    ),
    (
        "Các nghị quyết phải có tầm nhìn dài hạn, người dân là trung tâm",
        "Tin tức",
        "TTTĐ - Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài đề nghị các vị đại biểu HĐND khi thảo luận, xem xét các nghị quyết cần phải đặt trong tầm nhìn dài hạn, với tư duy dám nghĩ, dám làm, dám chịu trách nhiệm. Đồng thời, các nghị quyết phải đặt người dân và doanh nghiệp vào vị trí trung tâm…",
    ),
]

SEED_BODY_STARTS = (
    "Dự và chỉ đạo Hội nghị",
    "Trung tướng Nguyễn Hải Trung, Ủy viên",
    "Chủ động đánh giá đúng",
    "“Việc tổ chức hội nghị",
    "Phát biểu tại hội nghị, Chủ tịch",
    "Đáng lưu ý",
    "Về nhiệm vụ thời gian tới",
    "Đồng chí Nguyễn Ngọc Tuấn cũng",
    "Phát biểu chỉ đạo tại hội nghị",
    "Cùng với đó",
    "Thay mặt Đảng ủy",
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path / "home")


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return tmp_path / "lib.sqlite"


def seed_paragraphs(seed_path: Path) -> list[str]:
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().startswith(SEED_BODY_STARTS)]


def test_add_seed_then_show_gives_the_exact_record(
    lib: Path, env: dict[str, str], seed_path: Path
) -> None:
    (added,) = invoke_json("add", seed_path, library=lib, env=env)
    assert added["status"] == "added" and added["error"] is None
    article = invoke_json("show", str(added["id"]), library=lib, env=env)

    assert article["title"] == (
        "Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử"
    )
    assert article["section"] == "Tin tức"
    assert article["published"] == "2021-06-19T16:33+07:00"
    assert article["lead"].startswith("TTTĐ - Ngày 19/6, Công an thành phố Hà Nội")
    assert article["lead"].endswith("nhiệm kỳ 2021-2026.")
    assert article["byline"] == "Lam Dương"
    assert article["language"] == "vi"
    assert article["url"] is None
    assert article["status"] == "unread" and article["favorite"] is False
    assert article["tags"] == []

    assert [(i["alt"], i["caption"], i["has_data"]) for i in article["images"]] == [
        (
            "Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố Nguyễn Ngọc Tuấn phát biểu tại hội nghị",
            "Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố Hà Nội Nguyễn Ngọc Tuấn phát biểu tại"
            " hội nghị",
            False,
        ),
        ("Quang cảnh hội nghị", "Quang cảnh hội nghị", False),
    ]

    inline = [r for r in article["related"] if r["kind"] == "inline"]
    listed = [r for r in article["related"] if r["kind"] == "listed"]
    assert [r["title"] for r in inline] == [
        "Hà Nội gắn kết cùng báo chí Hà Nội và câu chuyện thực hiện “mục tiêu kép”,"
        " đạt thành tích kép"
    ]
    assert [(r["title"], r["section"], r["summary"]) for r in listed] == SEED_RELATED

    paragraphs = article["text"].split("\n\n")
    assert paragraphs == seed_paragraphs(seed_path)
    for noise in ("Tag", "aa", "Lam Dương", "Đọc thêm", "Xem thêm", "Quang cảnh hội nghị"):
        assert noise not in paragraphs
    assert "mục tiêu kép”, đạt thành tích kép" not in article["text"]
    assert not any(title in article["text"] for title, _, _ in SEED_RELATED)
    assert article["word_count"] > 500 and article["reading_minutes"] >= 3
    assert "<figure>" in article["html"] and 'src="image:1"' in article["html"]


def test_adding_the_seed_again_updates_the_one_article(
    lib: Path, env: dict[str, str], seed_path: Path
) -> None:
    (first,) = invoke_json("add", seed_path, library=lib, env=env)
    (second,) = invoke_json("add", seed_path, library=lib, env=env)
    assert second["status"] == "updated"
    assert second["id"] == first["id"]
    assert len(invoke_json("list", library=lib, env=env)) == 1


@pytest.mark.parametrize("query", ["dai bieu", "DANG", "ha noi", "bau*", "Hà Nội", '"Hà Nội"'])
def test_search_finds_the_seed_whatever_the_diacritics(
    lib: Path, env: dict[str, str], seed_path: Path, query: str
) -> None:
    (added,) = invoke_json("add", seed_path, library=lib, env=env)
    hits = invoke_json("search", query, library=lib, env=env)
    assert [hit["id"] for hit in hits] == [added["id"]]
    assert "[" in hits[0]["snippet"] and hits[0]["score"] > 0


def test_search_does_not_find_what_the_seed_does_not_say(
    lib: Path, env: dict[str, str], seed_path: Path
) -> None:
    invoke_json("add", seed_path, library=lib, env=env)
    assert invoke_json("search", "tàu hoả", library=lib, env=env) == []


def test_tags_marks_list_and_delete(lib: Path, env: dict[str, str], seed_path: Path) -> None:
    (added,) = invoke_json("add", seed_path, "--tag", "Bầu cử", library=lib, env=env)
    article_id = str(added["id"])
    assert invoke_cli("tag", article_id, "Hà Nội", "thời sự", library=lib, env=env).returncode == 0
    assert invoke_json("tags", library=lib, env=env) == [
        {"name": "Bầu cử", "count": 1},
        {"name": "Hà Nội", "count": 1},
        {"name": "thời sự", "count": 1},
    ]
    assert invoke_cli("untag", article_id, "THOI SU", library=lib, env=env).returncode == 0
    assert [t["name"] for t in invoke_json("tags", library=lib, env=env)] == ["Bầu cử", "Hà Nội"]
    assert [a["id"] for a in invoke_json("list", "--tag", "bau cu", library=lib, env=env)] == [
        added["id"]
    ]

    assert (
        invoke_cli("mark", article_id, "--read", "--favorite", library=lib, env=env).returncode == 0
    )
    shown = invoke_json("show", article_id, library=lib, env=env)
    assert (shown["status"], shown["favorite"]) == ("read", True)
    assert invoke_json("list", "--status", "unread", library=lib, env=env) == []
    assert len(invoke_json("list", "--status", "favorite", library=lib, env=env)) == 1
    assert (
        invoke_cli(
            "mark", article_id, "--archived", "--unfavorite", library=lib, env=env
        ).returncode
        == 0
    )
    assert len(invoke_json("list", "--status", "archived", library=lib, env=env)) == 1

    assert invoke_cli("tags", "rename", "Hà Nội", "Thủ đô", library=lib, env=env).returncode == 0
    assert (
        invoke_cli("tags", "merge", "Bầu cử", "--into", "Thủ đô", library=lib, env=env).returncode
        == 0
    )
    assert invoke_json("tags", library=lib, env=env) == [{"name": "Thủ đô", "count": 1}]
    assert [h["id"] for h in invoke_json("search", "thu do", library=lib, env=env)] == [added["id"]]

    assert invoke_cli("delete", article_id, library=lib, env=env).returncode == 0
    assert invoke_json("list", library=lib, env=env) == []
    assert invoke_json("tags", library=lib, env=env) == []


def test_text_output_is_one_line_per_source(
    lib: Path, env: dict[str, str], seed_path: Path
) -> None:
    done = invoke_cli("add", seed_path, library=lib, env=env)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "added 1: Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử"
    ]


# -- bad input ----------------------------------------------------------------------


def library_state(lib: Path, env: dict[str, str]) -> str:
    """Everything a person could see of the library, to compare before and after."""
    articles = invoke_json("list", library=lib, env=env)
    shown = [invoke_json("show", str(a["id"]), library=lib, env=env) for a in articles]
    return json.dumps([articles, shown, invoke_json("tags", library=lib, env=env)], sort_keys=True)


def unix_socket(path: Path) -> Path:
    """A path that exists but that open() refuses, even for root."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))  # the socket file outlives the socket
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: (d / "empty.txt", b""), "empty file"),
        (lambda d: (d / "blank.txt", b"  \n\r\n\t\n"), "empty file"),
        (
            lambda d: (
                d / "image.txt",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
            ),
            "not a text file",
        ),
        (
            lambda d: (d / "big.txt", "Tiêu đề\n\nNội dung.\n".encode() * 1500),
            "over the 20.0 KB limit",
        ),
        (lambda d: (d / "missing.txt", None), "no such file"),
        (lambda d: (d / "folder.txt", "dir"), "is a folder"),
        (lambda d: (d / "socket.txt", "socket"), "not a regular file"),
        (lambda d: (d / "pipe.txt", "fifo"), "not a regular file"),
    ],
    ids=["empty", "blank", "binary", "too-big", "missing", "folder", "socket", "fifo"],
)
def test_bad_sources_fail_with_one_line_and_change_nothing(
    tmp_path: Path, lib: Path, seed_path: Path, make: object, reason: str
) -> None:
    env = cli_env(tmp_path / "home", READSHELF_MAX_FILE_BYTES="20480")
    path, content = make(tmp_path)  # type: ignore[operator]
    if content == "dir":
        path.mkdir()
    elif content == "socket":
        unix_socket(path)
    elif content == "fifo":
        os.mkfifo(path)  # nobody writes to it: reading would block forever
    elif content is not None:
        path.write_bytes(content)
    env_big = cli_env(tmp_path / "home")
    (seed,) = invoke_json("add", seed_path, "--tag", "Giữ", library=lib, env=env_big)
    before = library_state(lib, env_big)

    done = invoke_cli("add", path, seed_path, "--json", library=lib, env=env)

    assert done.returncode == 1
    error_lines = done.stderr.strip().splitlines()
    assert len(error_lines) == 1, done.stderr
    assert reason in error_lines[0] and "Traceback" not in done.stderr
    results = json.loads(done.stdout)
    assert results[0]["status"] == "failed" and reason in results[0]["error"]
    # One bad source never stops the others: the seed after it still saves.
    assert results[1]["status"] == "updated" and results[1]["id"] == seed["id"]
    assert library_state(lib, env_big) == before


def test_utf16_and_windows_1258_files_decode_to_nfc(
    tmp_path: Path, lib: Path, env: dict[str, str]
) -> None:
    text = "Bầu cử ở Thủ đô\n\nThời sự 19/06/2021 16:33\n\nNgười dân đi bỏ phiếu đông đủ.\n"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(encode_windows_1258(text))
    results = invoke_json("add", utf16, legacy, library=lib, env=env)
    assert [r["status"] for r in results] == ["added", "updated"]
    shown = invoke_json("show", str(results[0]["id"]), library=lib, env=env)
    assert shown["title"] == "Bầu cử ở Thủ đô"
    assert "Người dân đi bỏ phiếu đông đủ." in shown["text"]


def test_unknown_command_and_bad_id_are_one_line_errors(lib: Path, env: dict[str, str]) -> None:
    for args in (("frobnicate",), ("show", "999"), ("mark", "1", "--read"), ("search", "NOT x")):
        done = invoke_cli(*args, library=lib, env=env)
        assert done.returncode == 1, args
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith("error: ")


def test_a_file_that_is_not_a_library_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 50)
    done = invoke_cli("list", library=notes, env=env)
    assert done.returncode == 1
    assert "not a Readshelf library" in done.stderr
    assert notes.read_text() == "not a database\n" * 50


# -- the default library -----------------------------------------------------------------


def test_first_run_on_the_default_library_imports_the_samples(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    articles = invoke_json("list", env=env)
    assert [a["title"] for a in articles] == [
        "Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử"
    ]
    assert (tmp_path / "home" / "data" / "Readshelf" / "library.sqlite").exists()
    invoke_cli("delete", str(articles[0]["id"]), env=env)
    assert invoke_json("list", env=env) == [], "samples come once, not back after deleting them"


@pytest.mark.parametrize(
    ("locale", "tag"),
    [("vi_VN.UTF-8", "Bài mẫu"), ("en_GB.UTF-8", "Samples"), ("C.UTF-8", "Samples")],
)
def test_the_samples_are_tagged_in_the_language_the_person_starts_in(
    tmp_path: Path, locale: str, tag: str
) -> None:
    env = cli_env(tmp_path / "home", LANG=locale, LC_ALL="", LC_MESSAGES="", READSHELF_LANG="")
    (article,) = invoke_json("list", env=env)
    assert invoke_json("show", str(article["id"]), env=env)["tags"] == [tag]


def test_library_from_the_environment(tmp_path: Path, seed_path: Path) -> None:
    target = tmp_path / "elsewhere" / "mine.sqlite"
    env = cli_env(tmp_path / "home", READSHELF_LIBRARY=str(target))
    invoke_json("add", seed_path, env=env)
    assert target.exists()
    assert len(invoke_json("list", library=target, env=env)) == 1


def test_no_display_says_how_to_run_offscreen(tmp_path: Path) -> None:
    done = invoke_cli(library=tmp_path / "lib.sqlite", env=cli_env(tmp_path / "home"))
    assert done.returncode == 1
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr and "--help" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_library_without_wal_support_gets_a_one_line_note(
    tmp_path: Path, seed_path: Path
) -> None:
    env = cli_env(tmp_path / "home", READSHELF_SQLITE_VFS="unix-dotfile")
    lib = tmp_path / "share" / "lib.sqlite"
    done = invoke_cli("add", seed_path, library=lib, env=env)
    assert done.returncode == 0
    assert done.stderr.startswith("note: ") and "network share" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "share" / "lib.sqlite-wal").exists()


def test_site_keywords_are_topics_and_a_typed_tag_keeps_its_spelling(
    lib: Path, env: dict[str, str], tmp_path: Path
) -> None:
    paragraph = "<p>" + "Du khách đổ về bãi biển Nha Trang trong dịp nghỉ lễ năm nay. " * 8 + "</p>"
    page = tmp_path / "bien.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><title>Biển Nha Trang đông khách</title>'
        '<meta name="keywords" content="du lịch, Khánh Hòa"></head>'
        f"<body><article><h1>Biển Nha Trang đông khách</h1>{paragraph * 3}</article></body></html>",
        encoding="utf-8",
    )
    (added,) = invoke_json("add", page, "--tag", "Du lịch", library=lib, env=env)
    shown = invoke_json("show", str(added["id"]), library=lib, env=env)
    assert (shown["tags"], shown["topics"]) == (["Du lịch"], ["du lịch", "Khánh Hòa"])
    assert invoke_json("tags", library=lib, env=env) == [{"name": "Du lịch", "count": 1}]
    assert invoke_json("topics", library=lib, env=env) == [
        {"name": "du lịch", "count": 1},
        {"name": "Khánh Hòa", "count": 1},
    ]
    listed = invoke_json("list", "--topic", "khanh hoa", library=lib, env=env)
    assert [row["id"] for row in listed] == [added["id"]]
    assert [hit["id"] for hit in invoke_json("search", "Khánh", library=lib, env=env)] == [
        added["id"]
    ]
    text = invoke_cli("show", str(added["id"]), library=lib, env=env).stdout
    assert "Tags: Du lịch" in text and "Topics: du lịch, Khánh Hòa" in text
