"""Field accuracy and reading time for every kind of input a brief comes as.

For the sample brief as its text export, as the export with bare titles, as each PDF
fixture (reportlab, LibreOffice, Chromium) read directly, and as each plain-text
rendering of those PDFs (pdftotext plain, ``-layout``, ``-raw``; a viewer's copy), it
prints the share of the export's entry fields read right (title, kind, authors, journal,
volume, issue, pages, date, publisher, place, access note, sections, abstract: see
``tests/fixtures/accuracy.py``), the number of lines not understood, and the median
reading time next to reading and splitting the same text (the bare baseline).

    python benchmarks/bench_accuracy.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures import accuracy, make_plain_text, pdf_samples

import peerbrief


def _median_seconds(job: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _row(name: str, read: Callable[[], peerbrief.Brief], text: str | None, repeat: int) -> None:
    """One input: accuracy, counts, time, and time as a multiple of splitting its text
    into lines (for a PDF, of splitting the export's)."""
    baseline = _split_time(text if text is not None else _export())
    expected = pdf_samples.text_brief().entries
    brief = read()
    loose = name.endswith(".pdftotext")  # pdftotext drops the hyphens it joins words at
    share = accuracy.accuracy(brief.entries, expected, loose_hyphens=loose)
    seconds = _median_seconds(read, repeat)
    print(
        f"  {name:34} {share * 100:8.2f}% {len(brief.entries):5d} {len(brief.unexplained):5d}"
        f" {seconds * 1000:9.1f} ms {seconds / baseline:8.1f}x"
    )


def _export() -> str:
    return peerbrief.sample_path().read_text(encoding="utf-8")


def _split_time(text: str) -> float:
    return _median_seconds(text.splitlines, 200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    export = _export()
    print(f"field accuracy against the text export; time as median of {args.repeat} reads")
    print(f"  {'input':34} {'accuracy':>9} {'works':>5} {'unexp':>5} {'time':>12} {'vs split':>9}")
    _row("text export", lambda: peerbrief.parse(export, dedupe=False), export, args.repeat)
    for producer in pdf_samples.PRODUCERS:
        path = pdf_samples.path(producer)
        _row(
            f"{producer} PDF",
            lambda path=path: peerbrief.read(path, dedupe=False),  # type: ignore[misc]
            None,
            max(1, args.repeat // 5),
        )
    for stem in make_plain_text.stems():
        text = make_plain_text.read(stem)
        _row(
            stem,
            lambda text=text: peerbrief.parse(text, dedupe=False),  # type: ignore[misc]
            text,
            args.repeat,
        )
    print("vs split: the time to split the same text into lines (a PDF: the export's text)")


if __name__ == "__main__":
    main()
