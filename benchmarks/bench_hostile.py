"""Time and peak memory of hostile and oversized inputs, each against a bare baseline
measured in the same run.

Every case runs in a fresh process (so peak RSS is its own) as ``peerbrief check``
would read it; the baseline process only reads the same bytes and splits them into
lines. Cases:

- a text brief of n and 4n bytes (the sample's references repeated under unique
  titles): the 4n/n time ratio is 4 for linear reading;
- the sample with hostile content on every line (a bidirectional override, a NUL, a
  ``javascript:`` link on every title) against the clean sample: the cost of cleaning;
- ``/dev/zero`` (a device that never ends) under the default cap: refused at the cap;
- with ``--cap``, the largest text brief the default cap allows (200 MiB): the slowest
  input the limits allow. This takes minutes and gigabytes.

    python benchmarks/bench_hostile.py [--size MIB] [--cap]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import peerbrief
from peerbrief.inputs import MAX_INPUT_BYTES

MIB = 1024 * 1024

# A child process: read the input as the command does (or, for the baseline, only read
# and split it), then report seconds and peak RSS as JSON on stdout.
_CHILD = """
import json, resource, sys, time
path, mode = sys.argv[1], sys.argv[2]
if mode != "baseline":
    import peerbrief  # before the clock starts: start-up is bench_startup.py's
start = time.perf_counter()
if mode == "baseline":
    with open(path, "rb") as file:
        size = 0
        lines = 0
        while chunk := file.read(1 << 20):
            size += len(chunk)
            lines += chunk.count(b"\\n")
            if size > %(cap)d:
                break
    outcome = f"{lines} lines"
else:
    try:
        brief = peerbrief.read(path)
        outcome = f"{len(brief.entries)} entries, {len(brief.report)} report items"
    except peerbrief.InputError as error:
        outcome = "refused: " + str(error)[:60]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "outcome": outcome}))
"""


def _measure(path: Path, mode: str) -> dict[str, object]:
    code = _CHILD % {"cap": MAX_INPUT_BYTES}
    result = subprocess.run(
        [sys.executable, "-c", code, str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, object] = json.loads(result.stdout)
    return measured


def _parts() -> tuple[str, str, str]:
    """The sample as front matter, references, and closing boilerplate."""
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    start = text.index("Key publications – the big picture\n\n[")
    end = text.rindex("*Help accessing articles or papers")
    return text[:start], text[start:end], text[end:]


def _brief_of_size(size: int) -> bytes:
    """A brief of about ``size`` bytes: the sample's references repeated, each copy's
    titles made unique (so that de-duplication has nothing to merge, as in a real long
    brief)."""
    head, references, tail = _parts()
    copies = max(1, size // len(references.encode("utf-8")))
    body = [re.sub(r"\]\(#\)", f" {copy}](#)", references) for copy in range(copies)]
    return "\n".join([head, *body, tail]).encode("utf-8")


def _hostile_sample() -> bytes:
    lines = peerbrief.sample_path().read_text(encoding="utf-8").split("\n")
    hostile = []
    for line in lines:
        if line.startswith("[") and "](#)" in line:
            line = line.replace("](#)", "](javascript:alert(1))", 1)
        half = len(line) // 2
        hostile.append(line[:half] + "\u202e\x00" + line[half:] if line else line)
    return "\n".join(hostile).encode("utf-8")


def _row(label: str, path: Path) -> tuple[str, dict[str, object], dict[str, object]]:
    return label, _measure(path, "baseline"), _measure(path, "read")


def _print(rows: list[tuple[str, dict[str, object], dict[str, object]]]) -> None:
    print(f"{'input':44} {'seconds':>8} {'x base':>7} {'peak MB':>8}  outcome")
    for label, base, read in rows:
        seconds, base_seconds = float(str(read["seconds"])), float(str(base["seconds"]))
        ratio = seconds / base_seconds if base_seconds else float("inf")
        peak = int(str(read["peak"])) / MIB
        print(f"{label:44} {seconds:8.2f} {ratio:7.0f} {peak:8.0f}  {read['outcome']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=2.0, help="n, in MiB (default 2)")
    parser.add_argument("--cap", action="store_true", help="also the largest brief allowed")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        n = int(args.size * MIB)
        for label, size in ((f"text brief, n = {args.size:g} MiB", n), ("text brief, 4n", 4 * n)):
            path = folder / f"brief-{size}.txt"
            path.write_bytes(_brief_of_size(size))
            rows.append(_row(label, path))
        clean = folder / "sample.txt"
        clean.write_bytes(peerbrief.sample_path().read_bytes())
        rows.append(_row("sample, clean", clean))
        hostile = folder / "hostile.txt"
        hostile.write_bytes(_hostile_sample())
        rows.append(_row("sample, hostile content on every line", hostile))
        if Path("/dev/zero").exists():
            label = f"/dev/zero, capped at {MAX_INPUT_BYTES // MIB} MiB"
            rows.append(_row(label, Path("/dev/zero")))
        if args.cap:
            largest = folder / "largest.txt"
            largest.write_bytes(_brief_of_size(MAX_INPUT_BYTES - MIB))
            rows.append(_row(f"text brief just under {MAX_INPUT_BYTES // MIB} MiB", largest))
    _print(rows)
    first, second = (float(str(read["seconds"])) for _, _, read in rows[:2])
    print(f"\ntext brief 4n/n time: {second / first:.1f} (4.0 is linear)")


if __name__ == "__main__":
    main()
