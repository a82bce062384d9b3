"""How long reading the sample brief takes, as a ratio to a bare baseline in the same run.

The baseline reads the file and splits it into lines: the least any reader must do.
Target: peerbrief.read ≤ 20× the baseline.

    python benchmarks/bench_read.py [--repeat N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import median_seconds

import peerbrief


def _bare_baseline(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    path = peerbrief.sample_path()
    peerbrief.read(path)  # warm imports and caches before timing
    baseline = median_seconds(lambda: _bare_baseline(path), args.repeat)
    rows = [
        ("read + split lines (baseline)", baseline),
        (
            "peerbrief.read(dedupe=False)",
            median_seconds(lambda: peerbrief.read(path, dedupe=False), args.repeat),
        ),
        ("peerbrief.read()", median_seconds(lambda: peerbrief.read(path), args.repeat)),
    ]
    print(f"sample brief, {args.repeat} runs each, median per read")
    for label, seconds in rows:
        print(f"  {label:32} {seconds * 1000:9.3f} ms  {seconds / baseline:7.1f}x baseline")
    print("target: peerbrief.read() <= 20x baseline")


if __name__ == "__main__":
    main()
