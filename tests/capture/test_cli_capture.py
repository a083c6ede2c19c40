"""``add``, ``retry`` and ``reextract`` through the real entry point (in-process), against the
loopback server (the only address any of these tests touch)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import cli_env, invoke_cli, invoke_json
from tests.support.images import png
from tests.support.loopback import LoopbackServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
PROSE = " ".join(["This sentence is long enough to read as running prose in a paragraph."] * 2)
HTML = {"Content-Type": "text/html; charset=utf-8"}


def story(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p>"
        '<figure><img src="/photo.png" alt="photo"><figcaption>A photo. Ảnh: Lan</figcaption>'
        f"</figure><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    ).encode()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    # Small timeouts keep the failure cases quick.
    return cli_env(tmp_path / "home", READSHELF_READ_TIMEOUT="2", READSHELF_CONNECT_TIMEOUT="2")


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return tmp_path / "lib.sqlite"


def show(lib: Path, env: dict[str, str], article_id: int) -> Any:
    return invoke_json("show", str(article_id), library=lib, env=env)


def test_add_a_url_saves_text_and_pictures(
    loopback: LoopbackServer, lib: Path, env: dict[str, str]
) -> None:
    url = loopback.route("/story", body=story("Fetched story"), headers=HTML)
    loopback.route("/photo.png", body=png(320, 200), headers={"Content-Type": "image/png"})
    [result] = invoke_json("add", url, library=lib, env=env)
    assert (result["status"], result["title"]) == ("added", "Fetched story")
    article = show(lib, env, result["id"])
    assert article["url"] == url
    assert article["pending"] is False
    assert [(i["caption"], i["credit"], i["has_data"], i["width"], i["height"])
            for i in article["images"]] == [("A photo.", "Ảnh: Lan", True, 320, 200)]  # fmt: skip
    assert '<img src="image:0" alt="photo">' in article["html"]


def test_add_a_saved_complete_page_uses_its_files(lib: Path, env: dict[str, str]) -> None:
    [result] = invoke_json("add", FIXTURES / "tuoitre_saved.html", library=lib, env=env)
    article = show(lib, env, result["id"])
    assert article["title"] == "Cầu Thủ Thiêm 2 hợp long, sẵn sàng thông xe"
    assert [(i["has_data"], i["mime"]) for i in article["images"]] == [
        (True, "image/png"), (True, "image/png")
    ]  # fmt: skip


def test_add_an_mhtml_file(lib: Path, env: dict[str, str]) -> None:
    [result] = invoke_json("add", FIXTURES / "dantri.mhtml", "--offline", library=lib, env=env)
    article = show(lib, env, result["id"])
    assert article["byline"] == "Hoài Sơn"
    assert [i["has_data"] for i in article["images"]] == [True, True]
    assert [r["kind"] for r in article["related"]] == ["inline", "listed", "listed"]


def test_add_offline_never_touches_the_network(
    loopback: LoopbackServer, lib: Path, env: dict[str, str]
) -> None:
    url = loopback.route("/story", body=story("Offline"), headers=HTML)
    done = invoke_cli(
        "add", "--offline", url, FIXTURES / "intl_news.html", "--json", library=lib, env=env
    )
    assert done.returncode == 1, "a page kept pending was not fetched"
    results = json.loads(done.stdout)
    assert [r["status"] for r in results] == ["pending", "added"]
    assert f"pending {results[0]['id']}: {url} (" in done.stderr
    assert loopback.requests == []
    article = show(lib, env, results[1]["id"])
    assert [(i["has_data"], i["src"][:8]) for i in article["images"]] == [
        (False, "https://"), (False, "https://")
    ]  # fmt: skip


def test_a_url_that_404s_stays_pending_until_retry_completes_it(
    loopback: LoopbackServer, lib: Path, env: dict[str, str]
) -> None:
    url = loopback.route("/later", status=404, body=b"not yet", headers=HTML)
    done = invoke_cli("add", url, library=lib, env=env)
    assert done.returncode == 1, "scripts notice the page was not fetched"
    assert done.stdout == ""
    assert f"pending 1: {url} (HTTP 404 Not Found)" in done.stderr
    [pending] = invoke_json("list", "--status", "pending", library=lib, env=env)
    assert (pending["title"], pending["pending"]) == (url, True)
    assert show(lib, env, pending["id"])["error"] == "HTTP 404 Not Found"

    still = invoke_cli("retry", library=lib, env=env)
    assert still.returncode == 1
    assert f"still pending {pending['id']}: HTTP 404 Not Found" in still.stderr

    loopback.route("/later", body=story("Now it is here"), headers=HTML)
    loopback.route("/photo.png", body=png(64, 64), headers={"Content-Type": "image/png"})
    [retried] = invoke_json("retry", str(pending["id"]), library=lib, env=env)
    assert (retried["id"], retried["status"]) == (pending["id"], "completed")
    assert invoke_json("list", "--status", "pending", library=lib, env=env) == []
    article = show(lib, env, pending["id"])
    assert (article["title"], article["pending"], article["error"]) == (
        "Now it is here",
        False,
        None,
    )


def test_reextract_keeps_the_id_and_the_pictures(lib: Path, env: dict[str, str]) -> None:
    [first] = invoke_json("add", FIXTURES / "tuoitre_saved.html", library=lib, env=env)
    invoke_cli("tag", str(first["id"]), "đọc sau", library=lib, env=env)
    before = show(lib, env, first["id"])
    [again] = invoke_json("reextract", str(first["id"]), library=lib, env=env)
    assert (again["id"], again["status"]) == (first["id"], "updated")
    after = show(lib, env, first["id"])
    assert {k: v for k, v in after.items() if k != "saved"} == {
        k: v for k, v in before.items() if k != "saved"
    }
    assert "đọc sau" in after["tags"]
    assert [i["has_data"] for i in after["images"]] == [True, True]
    everything = invoke_json("reextract", "--all", library=lib, env=env)
    assert [r["id"] for r in everything] == [first["id"]]


def test_reextract_needs_ids_or_all(lib: Path, env: dict[str, str]) -> None:
    done = invoke_cli("reextract", library=lib, env=env)
    assert done.returncode == 1
    assert "--all" in done.stderr


def test_a_page_with_no_article_fails_and_saves_nothing(lib: Path, env: dict[str, str]) -> None:
    done = invoke_cli("add", FIXTURES / "nothing_extractable.html", library=lib, env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"failed {FIXTURES / 'nothing_extractable.html'}: no article text found on the page"
    )
    assert json.loads(invoke_cli("list", "--json", library=lib, env=env).stdout) == []
