"""Field accuracy and reading time for every kind of input a brief comes as.

For the sample brief as its text export, as the export with bare titles, as each PDF
fixture (reportlab, LibreOffice, Chromium) read directly, and as each plain-text
rendering of those PDFs (pdftotext plain, ``-layout``, ``-raw``; a viewer's copy), it
prints the share of the export's entry fields read right (title, kind, authors, journal,
volume, issue, pages, date, publisher, place, access note, sections, abstract: see
``tests/fixtures/accuracy.py``), the number of lines not understood, and the median
reading time next to reading and splitting the same text (the bare baseline).

Then for synthetic briefs nobody has seen (``tests/fixtures/synthetic.py``, seeds 0 to
N-1), per rendering (the text export; the reportlab PDF and its pdftotext renderings,
also with a running footer; Chromium's and LibreOffice's PDFs and their pdftotext
renderings, when they are installed): the mean and the least field accuracy against the
briefs' truth, the references found, the values wrong without a report near them
(silent) and those of them whose words are nowhere in their entry (lost), the lines not
understood, and the median reading time per brief.

    python benchmarks/bench_accuracy.py [--repeat N] [--seeds N] [--without PRODUCER]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures import accuracy, make_plain_text, pdf_samples, synthetic
from timing import median_seconds

import peerbrief


def _row(name: str, read: Callable[[], peerbrief.Brief], text: str | None, repeat: int) -> None:
    """One input: accuracy, counts, time, and time as a multiple of splitting its text
    into lines (for a PDF, of splitting the export's)."""
    baseline = _split_time(text if text is not None else _export())
    expected = pdf_samples.text_brief().entries
    brief = read()
    loose = name.endswith(".pdftotext")  # pdftotext drops the hyphens it joins words at
    share = accuracy.accuracy(brief.entries, expected, loose_hyphens=loose)
    seconds = median_seconds(read, repeat)
    print(
        f"  {name:34} {share * 100:8.2f}% {len(brief.entries):5d} {len(brief.unexplained):5d}"
        f" {seconds * 1000:9.1f} ms {seconds / baseline:8.1f}x"
    )


def _export() -> str:
    return peerbrief.sample_path().read_text(encoding="utf-8")


def _split_time(text: str) -> float:
    return median_seconds(text.splitlines, 200)


# --- synthetic briefs --------------------------------------------------------------------

_PDFTOTEXT = {"pdftotext": [], "pdftotext -layout": ["-layout"], "pdftotext -raw": ["-raw"]}


def _pdftotext(pdf: Path, options: list[str]) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


_PRODUCERS: dict[str, Callable[[str, Path, str], Path]] = {
    "chromium": synthetic.render_chromium_pdf,
    "libreoffice": synthetic.render_libreoffice_pdf,
}
_PROGRAMS = {
    "chromium": ("chromium", "chromium-browser"),
    "libreoffice": ("soffice", "libreoffice"),
}


def _renderings(
    text: str, folder: Path, seed: int, producers: list[str]
) -> Iterator[tuple[str, str | Path]]:
    """(rendering, what to read: text, or a PDF's path) for one synthetic brief."""
    yield "text export", text
    pdf = synthetic.render_pdf(text, folder, f"brief-{seed}")
    yield "reportlab PDF", pdf
    if shutil.which("pdftotext"):
        for name, options in _PDFTOTEXT.items():
            yield f"reportlab {name}", _pdftotext(pdf, options)
    footed = synthetic.render_pdf(text, folder, f"brief-{seed}-footer", synthetic.FOOTER)
    yield "reportlab PDF, footer", footed
    if shutil.which("pdftotext"):
        yield "reportlab pdftotext, footer", _pdftotext(footed, [])
    for producer in producers:
        render = _PRODUCERS[producer]
        printed = render(text, folder, f"brief-{seed}")
        yield f"{producer} PDF", printed
        if shutil.which("pdftotext"):
            for name, options in _PDFTOTEXT.items():
                yield f"{producer} {name}", _pdftotext(printed, options)


class _Tally:
    """One rendering's results over the briefs."""

    def __init__(self) -> None:
        self.accuracy: list[float] = []
        self.found = self.references = self.silent = self.lost = self.unexplained = 0
        self.seconds: list[float] = []

    def add(
        self, source: str | Path, truth: list[synthetic.Expected], name: str, repeat: int
    ) -> None:
        def read() -> peerbrief.Brief:
            if isinstance(source, Path):
                return peerbrief.read(source, dedupe=False)
            return peerbrief.parse(source, dedupe=False)

        brief = read()
        loose = name.split(",")[0].endswith(" pdftotext")  # drops hyphens it joins words at
        score = synthetic.score(brief, truth, loose_hyphens=loose)
        self.accuracy.append(score["overall"])
        self.found += round(score["found"] * len(truth))
        self.references += len(truth)
        self.silent += len(synthetic.silent(brief, truth, loose_hyphens=loose))
        self.lost += len(synthetic.lost(brief, truth, loose_hyphens=loose))
        self.unexplained += len(brief.unexplained)
        self.seconds.append(median_seconds(read, repeat))

    def row(self, name: str) -> str:
        mean = statistics.fmean(self.accuracy)
        return (
            f"  {name:28} {mean * 100:8.2f}% {min(self.accuracy) * 100:7.2f}%"
            f" {self.found:5d}/{self.references:<5d} {self.silent:6d} {self.lost:5d}"
            f" {self.unexplained:6d} {statistics.median(self.seconds) * 1000:8.1f} ms"
        )


def synthetic_rows(seeds: int, producers: list[str], repeat: int) -> None:
    print(f"\nsynthetic briefs, seeds 0-{seeds - 1}: field accuracy against their truth")
    print(
        f"  {'rendering':28} {'mean':>9} {'least':>8} {'found':>11} {'silent':>6} {'lost':>5}"
        f" {'unexp':>6} {'time/brief':>11}"
    )
    tallies: dict[str, _Tally] = {}
    with tempfile.TemporaryDirectory() as work:
        for seed in range(seeds):
            text, truth = synthetic.generate(seed)
            for name, source in _renderings(text, Path(work), seed, producers):
                tallies.setdefault(name, _Tally()).add(source, truth, name, repeat)
    for name, tally in tallies.items():
        print(tally.row(name))
    print("silent: values wrong (or references missed) with no unexplained line near them")
    print("lost: of those, the ones whose words are nowhere in their entry")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seeds", type=int, default=20, help="synthetic briefs to read")
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        choices=sorted(_PRODUCERS),
        help="skip a producer's PDFs (Chromium: about 1.5 s a brief, LibreOffice: 1 s)",
    )
    args = parser.parse_args()
    export = _export()
    print(f"field accuracy against the text export; time as median of {args.repeat} reads")
    print(f"  {'input':34} {'accuracy':>9} {'works':>5} {'unexp':>5} {'time':>12} {'vs split':>9}")
    _row("text export", lambda: peerbrief.parse(export, dedupe=False), export, args.repeat)
    for producer in pdf_samples.PRODUCER_NAMES:
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
    producers = [
        producer
        for producer, programs in _PROGRAMS.items()
        if producer not in args.without and any(map(shutil.which, programs))
    ]
    synthetic_rows(args.seeds, producers, max(1, args.repeat // 5))


if __name__ == "__main__":
    main()
