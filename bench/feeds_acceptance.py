"""Benchmark: feeds as sites really publish them (issue 16's acceptance figures).

    .venv/bin/python -m bench.feeds_acceptance [--sdist feedparser-6.0.14.tar.gz]

Prints JSON with four measures:

* ``illformed``: of feedparser's ill-formed test feeds (``../shared/corpora/
  feedparser-illformed/illformed.tar.gz``, read from the archive, never
  unpacked) that feedparser reads with at least one entry, how many
  Readshelf accepts with the same entry count and the same titles. Titles
  differ where feedparser falls back to windows-1252 and Readshelf detects
  the real charset: those are listed apart.
* ``sdist``: the same over a feedparser sdist's ``tests/`` folders when
  ``--sdist`` names one (``pip download --no-binary :all: --no-deps
  feedparser``): its newer ill-formed set, and its well-formed set (every
  file feedparser reads as a feed, entries or not; CDF, which Readshelf does
  not claim, apart).
* ``hostile``: entity attacks (billion laughs, external entities, parameter
  entities, external DTDs), in well-formed and ill-formed documents, and
  bombs (gzip, oversize, deep nesting) served from a loopback server; how
  many were accepted (must be 0).
* ``stop``: a refresh of 20 feeds from a loopback server that trickles one
  byte every 0.2 s; seconds from setting the stop event to the refresh
  returning.

A missing corpus is skipped with a message in the JSON.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import feedparser
import httpx

from capture.feed_fetch import fetch_feed
from capture.feed_model import clean_text
from capture.feeds import parse_feed
from core.errors import CaptureError
from core.limits import MB, Limits
from services.feed_refresh import RefreshOptions, refresh_feeds
from storage import Library

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/feedparser-illformed"
ILLFORMED_ARCHIVE = CORPUS / "illformed.tar.gz"
SLOW_FEEDS = 20
TRICKLE_INTERVAL = 0.2
# Let every worker get its feed's first bytes before stopping.
STOP_AFTER_SECONDS = 1.0
EXAMPLES_KEPT = 10


# --------------------------------------------------------------------------
# feedparser's test feeds
# --------------------------------------------------------------------------


@dataclass
class CorpusScore:
    """How Readshelf reads one set of feedparser's test files."""

    files: int = 0
    eligible: int = 0
    same: int = 0
    better_charset: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    different: list[str] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The score, with a few examples of each miss."""
        accepted = self.same + len(self.better_charset)
        return {
            "files": self.files,
            "feedparser_reads": self.eligible,
            "same_entries_and_titles": self.same,
            "same_entries_charset_detected": len(self.better_charset),
            "accepted_share": round(accepted / self.eligible, 4) if self.eligible else None,
            "same_titles_share": round(self.same / self.eligible, 4) if self.eligible else None,
            "charset_detected": self.better_charset[:EXAMPLES_KEPT],
            "refused": len(self.refused),
            "refused_examples": dict(list(self.refused.items())[:EXAMPLES_KEPT]),
            "different": self.different[:EXAMPLES_KEPT],
            "excluded": self.excluded,
        }


def score_archive(
    archive: Path, folders: tuple[str, ...], *, need_entries: bool, exclude: tuple[str, ...] = ()
) -> CorpusScore:
    """Read every ``.xml`` file under ``folders`` of a tar archive, as
    feedparser and as Readshelf. ``need_entries``: count only feeds
    feedparser reads with at least one entry; else any it reads as a feed."""
    score = CorpusScore()
    with tarfile.open(archive) as tar:
        for member in tar:
            name = member.name
            if not (member.isfile() and name.endswith(".xml")):
                continue
            if not any(f"/{folder}/" in f"/{name}" for folder in folders):
                continue
            excluded = next((part for part in exclude if f"/{part}/" in name), None)
            if excluded:
                score.excluded[excluded] = score.excluded.get(excluded, 0) + 1
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            score.files += 1
            _score_file(score, name, handle.read(), need_entries)
    return score


def _score_file(score: CorpusScore, name: str, data: bytes, need_entries: bool) -> None:
    """Add one test file to the score."""
    expected = feedparser.parse(io.BytesIO(data))
    if not expected.get("version") or (need_entries and not expected.entries):
        return
    score.eligible += 1
    try:
        ours = parse_feed(data)
    except CaptureError as error:
        score.refused[name] = str(error)
        return
    want = [clean_text(entry.get("title")) or "" for entry in expected.entries]
    got = [entry.title for entry in ours.entries]
    if got == want:
        score.same += 1
    elif len(got) == len(want) and ours.charset not in (None, "utf-8") and ours.repaired:
        # feedparser read the bytes as windows-1252; Readshelf detected them.
        score.better_charset.append(f"{name}: {ours.charset}")
    else:
        score.different.append(name)


def corpus_scores(sdist: Path | None) -> dict[str, Any]:
    """The ill-formed corpus and, if given, the sdist's sets."""
    result: dict[str, Any] = {}
    if ILLFORMED_ARCHIVE.exists():
        result["illformed"] = score_archive(
            ILLFORMED_ARCHIVE, ("illformed",), need_entries=True
        ).as_json()
    else:
        result["illformed"] = f"skipped: {ILLFORMED_ARCHIVE} is not there"
    if sdist is not None:
        result["sdist_illformed"] = score_archive(
            sdist, ("tests/illformed", "tests/encoding", "tests/entities"), need_entries=True
        ).as_json()
        result["sdist_wellformed"] = score_archive(
            sdist, ("tests/wellformed",), need_entries=False, exclude=("cdf",)
        ).as_json()
    return result


# --------------------------------------------------------------------------
# Loopback servers
# --------------------------------------------------------------------------


@dataclass
class Answer:
    """A loopback server's answer: its body, headers, and how it is sent."""

    body: bytes
    headers: dict[str, str]
    trickle: float | None = None
    """Seconds between single bytes; None sends the body at once."""


@contextmanager
def serve(answers: dict[str, Answer]) -> Iterator[str]:
    """Serve ``answers`` by path on 127.0.0.1; yields the base URL.

    A trickled body goes out one byte at a time until the client hangs up
    or the server stops.
    """
    closing = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            answer = answers.get(self.path)
            if answer is None:
                self.send_error(404)
                return
            self.send_response(200)
            for name, value in {"Content-Length": str(len(answer.body)), **answer.headers}.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                if answer.trickle is None:
                    self.wfile.write(answer.body)
                    return
                for index in range(len(answer.body)):
                    if closing.wait(answer.trickle):
                        return
                    self.wfile.write(answer.body[index : index + 1])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up: what a stop does

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        closing.set()
        server.shutdown()
        server.server_close()


def slow_feed(number: int) -> bytes:
    """A small RSS feed, to be trickled."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Nguồn chậm {number}</title><item><title>Bài {number}</title>"
        f"<link>http://127.0.0.1/{number}</link></item></channel></rss>"
    ).encode()


def measure_stop(feeds: int = SLOW_FEEDS, stop_after: float = STOP_AFTER_SECONDS) -> dict[str, Any]:
    """Stop a refresh of ``feeds`` trickling feeds; how long the stop took."""
    answers = {
        f"/slow/{number}.xml": Answer(
            slow_feed(number), {"Content-Type": "application/rss+xml"}, TRICKLE_INTERVAL
        )
        for number in range(feeds)
    }
    stop = threading.Event()
    with serve(answers) as base, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.sqlite"
        with Library(path) as library:
            for name in answers:
                library.add_feed(base + name)
        outcomes: list[str] = []
        runner = threading.Thread(
            target=lambda: outcomes.extend(
                result.outcome
                for result in refresh_feeds(
                    path, limits=Limits(), options=RefreshOptions(time_limit=600), stop=stop
                )
            )
        )
        runner.start()
        time.sleep(stop_after)
        stopped = time.perf_counter()
        stop.set()
        runner.join()
        seconds = time.perf_counter() - stopped
        with Library(path) as library:
            failures = sum(feed.failures for feed in library.list_feeds())
    return {
        "feeds": feeds,
        "trickle_seconds_per_byte": TRICKLE_INTERVAL,
        "stop_to_return_seconds": round(seconds, 3),
        "outcomes": {outcome: outcomes.count(outcome) for outcome in sorted(set(outcomes))},
        "failures_recorded": failures,
    }


# --------------------------------------------------------------------------
# Hostile documents
# --------------------------------------------------------------------------

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    + "]>\n"
).replace("&lol0;", "&lol;")


def hostile_documents() -> dict[str, bytes]:
    """Entity attacks, each in a well-formed and an ill-formed (``&``) feed."""

    def rss(head: str, title: str) -> str:
        return (
            f'{head}<rss version="2.0"><channel><title>{title}</title>'
            f"<item><title>{title}</title><link>http://x.example/1</link></item></channel></rss>"
        )

    attacks = {
        "billion laughs": (LAUGHS, "&lol9;"),
        "external entity": ('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
        "parameter entity": (
            '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/e.dtd"> %p;]>',
            "&x;",
        ),
        "external DTD (file)": ('<!DOCTYPE rss SYSTEM "file:///etc/passwd">', "&leak;"),
        "external DTD (http)": (
            '<!DOCTYPE rss PUBLIC "-//X//EN" "http://127.0.0.1:9/e.dtd">',
            "&leak;",
        ),
        "entity in a comment": ('<!-- <!ENTITY x SYSTEM "file:///etc/passwd"> -->', "&x;"),
        "same-line doctype": ('<!DOCTYPE rss [<!ENTITY x "y">]><!-- -->', "&x;"),
    }
    documents: dict[str, bytes] = {}
    for name, (head, title) in attacks.items():
        documents[name] = rss(head, title).encode()
        documents[f"{name}, ill-formed"] = rss(head, f"{title} & co").encode()
        documents[f"{name}, utf-16"] = rss(head, title).encode("utf-16")
    return documents


def hostile_scores() -> dict[str, Any]:
    """How many hostile documents and bombs were accepted (must be 0)."""
    accepted: list[str] = []
    documents = hostile_documents()
    for name, document in documents.items():
        try:
            parse_feed(document)
        except CaptureError:
            continue
        accepted.append(name)
    limits = Limits(read_timeout=5, connect_timeout=2)
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x & y</title>'
    bombs = {
        "/gzip-bomb.xml": Answer(
            gzip.compress(head + b" " * (64 * MB)),
            {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
        ),
        "/oversize.xml": Answer(
            head + b"<item><title>x</title></item>" * (12 * MB // 29),
            {"Content-Type": "application/rss+xml"},
        ),
        "/deep.json": Answer(
            b'{"version": "https://jsonfeed.org/version/1.1", "items": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}",
            {"Content-Type": "application/feed+json"},
        ),
    }
    with serve(bombs) as base, httpx.Client() as client:
        for path in bombs:
            try:
                response = fetch_feed(client, base + path, limits)
                parse_feed(response.body, media_type=response.media_type)
            except CaptureError:
                continue
            accepted.append(path)
    return {"cases": len(documents) + len(bombs), "accepted": len(accepted), "which": accepted}


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, run every measure, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sdist", type=Path, help="a feedparser sdist .tar.gz")
    parser.add_argument("--skip-corpus", action="store_true", help="only hostile and stop")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {}
    if not args.skip_corpus:
        result.update(corpus_scores(args.sdist))
    result["hostile"] = hostile_scores()
    result["stop"] = measure_stop()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
