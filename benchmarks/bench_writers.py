"""How long each writer takes to render a brief, beside the bare library it is built on.

For every format the whole entry list is rendered COUNT times, alternating with the
library call alone on input prepared beforehand (so both see the same machine load):

* bibtex, biblatex: bibtexparser's ``write_string`` on a ready ``Library``;
* ris: ``rispy.dumps`` on ready record dicts;
* csl-json: ``json.dumps`` on ready CSL items.

It prints the median time per rendering and the ratio of medians (target: at most 2x).
Entries are the sample brief's when the reader can read it, else synthetic ones.

    python benchmarks/bench_writers.py [COUNT]     # COUNT defaults to 1000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import rispy
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import peerbrief
from peerbrief.model import Entry
from peerbrief.writers import render, to_csl_items
from peerbrief.writers.bibtex import FLAVOURS, _bib_entry
from peerbrief.writers.keys import citation_keys
from peerbrief.writers.ris import _record

TARGET_RATIO = 2.0


def bare_calls(entries: Sequence[Entry]) -> dict[str, Callable[[], object]]:
    """The library call of each format on input built before timing starts."""
    keys = citation_keys(entries)

    def library(flavour: str) -> Library:
        chosen = FLAVOURS[flavour]
        return Library([_bib_entry(e, k, chosen) for e, k in zip(entries, keys, strict=True)])

    bibtex, biblatex = library("bibtex"), library("biblatex")
    records = [_record(entry, key) for entry, key in zip(entries, keys, strict=True)]
    items = to_csl_items(entries)
    return {
        # The default unparse stack copies each entry, so the prepared library survives.
        "bibtex": lambda: write_string(bibtex),
        "biblatex": lambda: write_string(biblatex),
        "ris": lambda: rispy.dumps(records),
        "csl-json": lambda: json.dumps(items, ensure_ascii=False, indent=2),
    }


def seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(
    ours: Callable[[], object], bare: Callable[[], object], count: int
) -> tuple[float, float]:
    """Median seconds of each, the two interleaved call by call."""
    ours(), bare()  # warm caches; not counted
    ours_times, bare_times = [], []
    for _ in range(count):
        ours_times.append(seconds(ours))
        bare_times.append(seconds(bare))
    return statistics.median(ours_times), statistics.median(bare_times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=1000, help="renderings per format")
    count = parser.parse_args(argv).count
    source, entries = "sample brief", list(peerbrief.read(peerbrief.sample_path()).entries)
    print(f"{len(entries)} entries ({source}), {count} renderings per format, medians")
    print(f"{'format':<10} {'peerbrief':>12} {'bare library':>14} {'ratio':>7}")
    worst = 0.0
    for fmt, bare in bare_calls(entries).items():
        ours_median, bare_median = measure(partial(render, entries, fmt), bare, count)
        ratio = ours_median / bare_median
        worst = max(worst, ratio)
        print(
            f"{fmt:<10} {ours_median * 1e3:>9.2f} ms {bare_median * 1e3:>11.2f} ms {ratio:>6.2f}x"
        )
    print(f"worst ratio {worst:.2f}x (target {TARGET_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
