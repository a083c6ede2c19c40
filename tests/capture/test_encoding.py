"""Decoding saved files: marks, declarations, UTF-8, detection, windows-1258."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capture.encoding import decode_bytes, looks_binary
from core.errors import CaptureError
from tests.support.encodings import encode_windows_1258

FIXTURES = Path(__file__).parent.parent / "fixtures" / "text"
SEED = FIXTURES / "tttd_cong_an_ha_noi.txt"

VIETNAMESE = (
    "Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử.\n"
    "Người dân được mời cùng chăm sóc cây xanh đô thị; “mục tiêu kép” đạt được.\n"
)


def test_cp1258_helper_writes_combining_tone_bytes() -> None:
    data = encode_windows_1258("Hội")
    assert data == b"H\xf4\xf2i"  # ô, then the dot below as its own byte


def test_utf8_passes_through_as_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", VIETNAMESE)
    assert decode_bytes(decomposed.encode("utf-8")) == VIETNAMESE


def test_seed_file_decodes() -> None:
    assert decode_bytes(SEED.read_bytes()) == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_byte_order_marks(encoding: str, bom: bytes) -> None:
    assert decode_bytes(bom + VIETNAMESE.encode(encoding)) == VIETNAMESE


def test_byte_order_mark_beats_the_declared_charset() -> None:
    data = codecs.BOM_UTF16_LE + VIETNAMESE.encode("utf-16-le")
    assert decode_bytes(data, declared="iso-8859-1") == VIETNAMESE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_mark_is_recognised(encoding: str) -> None:
    assert decode_bytes(VIETNAMESE.encode(encoding)) == VIETNAMESE


def test_declared_charset_is_used_when_it_fits() -> None:
    text = "Café crème, déjà vu.\n"
    assert decode_bytes(text.encode("cp1252"), declared="windows-1252") == text
    # Both readings are valid; the declaration decides.
    assert decode_bytes(text.encode("utf-8"), declared="latin-1") == "CafÃ© crÃ¨me, dÃ©jÃ\xa0 vu.\n"


@pytest.mark.parametrize("declared", ["no-such-charset", "base64", "", "utf-8"])
def test_unknown_or_wrong_declarations_are_ignored(declared: str) -> None:
    data = encode_windows_1258(VIETNAMESE * 3)
    assert decode_bytes(data, declared=declared) == VIETNAMESE * 3


def test_windows_1258_comes_out_as_nfc() -> None:
    text = SEED.read_text(encoding="utf-8")
    decoded = decode_bytes(encode_windows_1258(text))
    assert decoded == text
    assert unicodedata.is_normalized("NFC", decoded)


@pytest.mark.parametrize(
    "line", ["Tin tức 19/06/2021 16:33", "Đọc thêm", "Lương Tam Quang phát biểu", "Ngày 19/6"]
)
def test_short_windows_1258_lines(line: str) -> None:
    assert decode_bytes(encode_windows_1258(line)) == line


def _fake_detector(monkeypatch: pytest.MonkeyPatch, data: bytes, encoding: str) -> None:
    """Make charset-normalizer answer ``encoding`` for ``data``."""

    class Guess:
        def __str__(self) -> str:
            return data.decode(encoding)

    class Matches:
        def best(self) -> Guess:
            return Guess()

    monkeypatch.setattr("capture.encoding.from_bytes", lambda _data: Matches())


def test_windows_1258_preferred_over_a_western_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    # Detectors often read cp1258 tone bytes as cp1252 letters ("HôÒi").
    data = encode_windows_1258(VIETNAMESE)
    _fake_detector(monkeypatch, data, "cp1252")
    assert decode_bytes(data) == VIETNAMESE


@pytest.mark.parametrize(
    "text",
    [
        # Portuguese "não" in cp1252 reads "năo" in cp1258: shaped letters alone
        # must not decide.
        "A situação econômica não melhorou, e as informações são poucas.\n",
        # Italian "può" has a 0xF2 byte that cp1258 would read as a tone mark.
        "Non si può dire però che la città sia cambiata così tanto.\n",
        "Größe, Übermaß und Straße.\n",
    ],
)
def test_western_guess_kept_for_western_text(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    data = text.encode("cp1252")
    _fake_detector(monkeypatch, data, "cp1252")
    assert decode_bytes(data) == text


def test_line_ends_become_lf() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_empty_files(data: bytes) -> None:
    with pytest.raises(CaptureError, match=r"^empty file$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        b"hello\x00world\x00\x01\x02\x03\x04\xfe",
        bytes(range(1, 9)) * 50,
    ],
)
def test_binary_files_are_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(CaptureError, match=r"^not a text file: it looks binary$"):
        decode_bytes(data)


def test_mostly_control_characters_after_decoding_is_binary() -> None:
    data = codecs.BOM_UTF8 + bytes(range(1, 9)) * 20 + b"abc"
    with pytest.raises(CaptureError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        VIETNAMESE.encode("utf-8"),
        codecs.BOM_UTF16_LE + VIETNAMESE.encode("utf-16-le"),
        VIETNAMESE.encode("utf-16-be"),
        b"plain ascii\twith \x1b[1mANSI\x1b[0m bold\n",
    ],
)
def test_text_does_not_look_binary(data: bytes) -> None:
    assert not looks_binary(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "cp1258", "utf-16", "bogus"]))
def test_decode_bytes_raises_only_capture_error(data: bytes, declared: str | None) -> None:
    try:
        text = decode_bytes(data, declared)
    except CaptureError:
        return
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert text.strip()


@settings(max_examples=150, deadline=None)
@given(
    # Text files hold no control characters (NUL would make UTF-8 look like UTF-16).
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=300),
    st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_text_round_trips_through_unicode_encodings(text: str, encoding: str) -> None:
    expected = unicodedata.normalize("NFC", text)
    try:
        decoded = decode_bytes(text.encode(encoding))
    except CaptureError:
        assert not text.strip()
        return
    assert decoded == expected.removeprefix("\ufeff")
