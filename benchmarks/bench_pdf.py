"""How long reading the sample brief's PDF takes, beside pypdf's bare text extraction.

For each sample PDF (typeset by reportlab, exported by LibreOffice, printed by
Chromium) these are timed COUNT times each, interleaved so that all see the same
machine load:

* bare: ``PdfReader`` + ``page.extract_text()`` over every page (pypdf alone);
* pdf_lines: ``peerbrief.pdf.pdf_lines`` (glyph positions, links, paragraphs);
* read: ``peerbrief.read`` (the above, then the brief's references, de-duplicated);
* pdftotext: poppler's ``pdftotext`` command, as an outside reference, if installed.

It prints the median of each and its ratio to bare (target for pdf_lines: at most 1.5x).

    python benchmarks/bench_pdf.py [COUNT]     # COUNT defaults to 5
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures import make_reportlab_pdf

import peerbrief
from peerbrief.pdf import pdf_lines

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5


def bare(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        page.extract_text()


def calls(path: Path) -> dict[str, Callable[[], object]]:
    data = path.read_bytes()
    timed: dict[str, Callable[[], object]] = {
        "bare": lambda: bare(data),
        "pdf_lines": lambda: pdf_lines(data, path.name),
        "read": lambda: peerbrief.read(data),
    }
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        timed["pdftotext"] = lambda: subprocess.run(
            [pdftotext, "-q", str(path), "-"], check=True, capture_output=True
        )
    return timed


def medians(timed: dict[str, Callable[[], object]], count: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(count):
        for name, call in timed.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def report(label: str, result: dict[str, float]) -> bool:
    base = result["bare"]
    print(f"\n{label}")
    for name, seconds in result.items():
        print(f"  {name:<10} {seconds * 1000:8.1f} ms   {seconds / base:5.2f}x bare")
    ratio = result["pdf_lines"] / base
    print(f"  pdf_lines / bare = {ratio:.2f} (target <= {TARGET_RATIO})")
    return ratio <= TARGET_RATIO


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=5)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as work:
        samples = {
            "reportlab": make_reportlab_pdf.build(Path(work) / "sample-reportlab.pdf"),
            "libreoffice": ROOT / "tests" / "fixtures" / "sample-libreoffice.pdf",
            "chromium": ROOT / "tests" / "fixtures" / "sample-chromium.pdf",
        }
        pages = {name: len(PdfReader(path).pages) for name, path in samples.items()}
        print(f"median of {count} runs; sample brief, {pages['reportlab']} pages")
        within = [
            report(
                f"{name} ({pages[name]} pages, {path.stat().st_size // 1024} KiB)",
                medians(calls(path), count),
            )
            for name, path in samples.items()
        ]
    return 0 if all(within) else 1


if __name__ == "__main__":
    sys.exit(main())
