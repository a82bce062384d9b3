"""How long a formatted reference list takes, beside pandoc's citeproc on the same data.

For each style (APA, Vancouver, Harvard) the sample brief's list is formatted REPEAT
times by ``peerbrief.cite.format_references`` in this process, alternating with
``pandoc --citeproc`` given the same CSL-JSON and style (so both see the same machine
load). pandoc's time is a whole process (start-up included), the reference a user
would compare with; peerbrief's is the call alone, in wall time and CPU time (CPU time
does not grow when the machine is busy). Then the whole command, ``peerbrief cite
--sample`` (start-up, reading the brief, formatting), against ``python -c pass``.

It prints medians and ratios. Without pandoc (``pip install pypandoc-binary``) the
pandoc column is left out.

    python benchmarks/bench_cite.py [REPEAT]     # REPEAT defaults to 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import peerbrief
from peerbrief.cite import citeproc_items, format_references, style_path

STYLES = {"apa": "en-US", "vancouver": "en-US", "harvard": "en-GB"}


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return None


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU: this process and the children it waited for)."""
    wall, cpu = time.perf_counter(), time.process_time()
    children = _children_cpu()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu + _children_cpu() - children


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeat", nargs="?", type=int, default=5)
    args = parser.parse_args()
    entries = peerbrief.read(peerbrief.sample_path()).entries
    pandoc = pandoc_path()
    format_references(entries[:2], "apa")  # imports and first-use set-up, not measured
    print(f"{len(entries)} works, median of {args.repeat}; wall s (CPU s)")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "refs.json"
        data.write_text(json.dumps(citeproc_items(entries)), encoding="utf-8")
        for style, locale in STYLES.items():
            ours, theirs = [], []
            document = Path(folder) / "doc.md"
            document.write_text(f'---\nnocite: "@*"\nlang: {locale}\n---\n', encoding="utf-8")
            command = [
                pandoc or "",
                str(document),
                "--citeproc",
                f"--bibliography={data}",
                f"--csl={style_path(style)}",
                "-t",
                "plain",
            ]
            for _ in range(args.repeat):
                ours.append(timed(partial(format_references, entries, style)))
                if pandoc:
                    theirs.append(
                        timed(partial(subprocess.run, command, capture_output=True, check=True))
                    )
            line = f"{style:10} peerbrief {_median(ours)}"
            if theirs:
                ratio = statistics.median(w for w, _ in ours) / statistics.median(
                    w for w, _ in theirs
                )
                line += f"   pandoc {_median(theirs)}   ratio {ratio:.2f}"
            print(line)
    whole = [
        timed(lambda: subprocess.run([sys.executable, "-m", "peerbrief", "cite", "--sample"],
                                     capture_output=True, check=True))
        for _ in range(args.repeat)
    ]  # fmt: skip
    bare = [
        timed(
            lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
        )
        for _ in range(args.repeat)
    ]
    ratio = statistics.median(w for w, _ in whole) / statistics.median(w for w, _ in bare)
    print(f"peerbrief cite --sample {_median(whole)}   python -c pass {_median(bare)}")
    print(f"ratio to a bare interpreter: {ratio:.1f}")
    return 0


def _median(times: list[tuple[float, float]]) -> str:
    wall = statistics.median(w for w, _ in times)
    cpu = statistics.median(c for _, c in times)
    return f"{wall:.3f} ({cpu:.3f})"


if __name__ == "__main__":
    sys.exit(main())
