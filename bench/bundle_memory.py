"""Peak memory of a bundle export and import on a large library.

    .venv/bin/python bench/bundle_memory.py --articles 10000 --library /tmp/bundle10k.sqlite

Builds (or reuses) a library the way bench/run.py does (bench.corpus records
through ``Library.save_article``), then runs each step in a fresh process and
reads that process's peak resident memory (``ru_maxrss``), printing one JSON
object:

* ``export``: ``export_bundle`` of the library into a new folder;
* ``reexport``: ``export_bundle`` again into that folder (the swap path);
* ``import``: ``import_bundle`` of the folder into a new, empty library;
* ``identical``: whether the imported library's ``library_digest`` is the
  original's (``--no-digest`` skips it: the digest itself reads every row).

The target is at most ``TARGET_RSS_MB`` for each step at 100,000 articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Corpus
from bench.run import build
from storage import Library

TARGET_RSS_MB = 300.0


def ensure_library(path: Path, articles: int, seed: int) -> dict[str, Any]:
    """Fill the library up to ``articles`` (all by the bulk path)."""
    with Library(path) as library:
        existing = library.count_articles()
        if existing >= articles:
            return {"reused_library_with_articles": existing}
        return build(library, Corpus(seed), articles - existing, 0)


def _peak_rss_mb() -> float:
    """This process's peak resident memory, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)


def probe(step: str, first: Path, second: Path) -> int:
    """In the child process: one step, then its time and peak memory as JSON."""
    from storage.bundle import export_bundle, import_bundle, library_digest

    started = time.perf_counter()
    report: dict[str, Any] = {}
    if step == "export":
        with Library(first) as library:
            report["articles"] = export_bundle(library, second).articles
    elif step == "import":
        with Library(second) as library:
            report["articles"] = import_bundle(library, first).added
    else:
        with Library(first) as library:
            report["digest"] = library_digest(library)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(report), flush=True)
    return 0


def run_step(step: str, first: Path, second: Path) -> dict[str, Any]:
    """Run ``step`` in a fresh process and read its report."""
    command = [sys.executable, str(Path(__file__).resolve()), "--probe", step, str(first)]
    done = subprocess.run([*command, str(second)], capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no report"])[-1]}
    report: dict[str, Any] = json.loads(lines[-1])
    return report


def measure(library: Path, scratch: Path, digest: bool, imports: bool) -> dict[str, Any]:
    """Export, export again, import; each in its own process."""
    bundle = scratch / "bundle"
    copy = scratch / "copy.sqlite"
    results: dict[str, Any] = {
        "export": run_step("export", library, bundle),
        "reexport": run_step("export", library, bundle),
    }
    results["bundle_mb"] = round(
        sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()) / 2**20, 1
    )
    if imports:
        results["import"] = run_step("import", bundle, copy)
    if digest and imports:
        original = run_step("digest", library, library).get("digest")
        imported = run_step("digest", copy, copy).get("digest")
        results["identical"] = original is not None and original == imported
    results["target_rss_mb"] = TARGET_RSS_MB
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Peak memory of bundle export and import.")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--library", type=Path, help="keep (or reuse) the library at this path")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-digest", action="store_true", help="skip the round-trip check")
    parser.add_argument(
        "--no-import",
        action="store_true",
        help="export only (an import rebuilds the similarity index: long at 100,000)",
    )
    parser.add_argument("--probe", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        step, first, second = args.probe
        return probe(step, Path(first), Path(second))
    scratch = Path(tempfile.mkdtemp(prefix="readshelf-bundle-bench-"))
    try:
        library = args.library or scratch / "library.sqlite"
        report: dict[str, Any] = {"articles": args.articles}
        report["build"] = ensure_library(library, args.articles, args.seed)
        report.update(measure(library, scratch, not args.no_digest, not args.no_import))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
