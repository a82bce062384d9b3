"""Time and peak memory of hostile and oversized inputs, each against a bare baseline
measured in the same run.

Every case runs in a fresh process (so peak RSS is its own) as ``peerbrief check``
would read it; the baseline process only reads the same bytes and splits them into
lines. Cases:

- a text brief of n and 4n bytes (the sample's references repeated under unique
  titles): the 4n/n time ratio is 4 for linear reading;
- the sample with hostile content on every line (a bidirectional override, a NUL, a
  ``javascript:`` link on every title) against the clean sample: the cost of cleaning;
- as many lines as the line cap allows, all but one empty: the cost of lines alone;
- one reference listed many times, and 4x as often: the cost of de-duplication;
- ``/dev/zero`` (a device that never ends) under the default cap: refused at the cap;
- with ``--cap``, the largest text brief the default caps allow (64 MiB in under
  200,000 lines): the slowest input the limits allow. This takes a minute and a GB.

    python benchmarks/bench_hostile.py [--size MIB] [--copies N] [--cap]
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
from peerbrief.inputs import MAX_INPUT_BYTES, MAX_INPUT_LINES

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
try:
    # VmHWM is this program's own peak; ru_maxrss keeps the parent's across exec().
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    peak = int(line.split()[1]) * 1024
except OSError:
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


def _brief(copies: int, factor: int = 1) -> bytes:
    """The sample's references repeated ``copies`` times, each copy's titles made unique
    (so that de-duplication has nothing to merge, as in a real long brief), each
    abstract-length line said ``factor`` times over."""
    head, references, tail = _parts()
    longer = "\n".join(
        " ".join([line] * factor) if len(line) > 200 else line for line in references.split("\n")
    )
    body = [re.sub(r"\]\(#\)", f" {copy}](#)", longer) for copy in range(copies)]
    return "\n".join([head, *body, tail]).encode("utf-8")


def _brief_of_size(size: int) -> bytes:
    """A brief of about ``size`` bytes, its lines as long as the sample's."""
    _, references, _ = _parts()
    return _brief(max(1, size // len(references.encode("utf-8"))))


def _largest_brief() -> bytes:
    """As much as both caps allow: just under 64 MiB in under 200,000 lines, with
    abstracts lengthened as far as needed to stay under the line cap."""
    for factor in range(1, 1000):
        data = _brief(1, factor)
        copies = (MAX_INPUT_BYTES - MIB) // len(data)
        if copies * data.count(b"\n") < MAX_INPUT_LINES * 0.95:
            return _brief(copies, factor)
    raise AssertionError("no brief fits the caps")


def _brief_at_the_line_cap() -> bytes:
    """As many lines as the line cap allows, as long as the sample's."""
    _, references, _ = _parts()
    return _brief(int(MAX_INPUT_LINES * 0.95) // references.count("\n"))


def _duplicated_titles(count: int) -> bytes:
    """One short reference listed ``count`` times: a few hundred KB for de-duplication
    to merge into one work."""
    head, _, tail = _parts()
    reference = "[A title listed again](#)\n\nAuthor(s): Smith et al.\n\nSource: BMJ 1(2)\n"
    return "\n".join([head, reference * count, tail]).encode("utf-8")


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
    parser.add_argument(
        "--copies", type=int, default=500, help="listings of one reference (default 500)"
    )
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
        empty = folder / "empty-lines.txt"
        empty.write_bytes(b"Evidence Brief: x" + b"\n" * (MAX_INPUT_LINES - 1))
        rows.append(_row(f"{MAX_INPUT_LINES} lines, all but one empty", empty))
        for label, count in (
            (f"a reference listed {args.copies} times", args.copies),
            ("... listed 4x as often", 4 * args.copies),
        ):
            path = folder / f"duplicates-{count}.txt"
            path.write_bytes(_duplicated_titles(count))
            rows.append(_row(label, path))
        if Path("/dev/zero").exists():
            label = f"/dev/zero, capped at {MAX_INPUT_BYTES // MIB} MiB"
            rows.append(_row(label, Path("/dev/zero")))
        if args.cap:
            most_lines = folder / "most-lines.txt"
            most_lines.write_bytes(_brief_at_the_line_cap())
            rows.append(_row(f"text brief just under {MAX_INPUT_LINES} lines", most_lines))
            largest = folder / "largest.txt"
            largest.write_bytes(_largest_brief())
            label = f"text brief under {MAX_INPUT_BYTES // MIB} MiB and {MAX_INPUT_LINES} lines"
            rows.append(_row(label, largest))
    _print(rows)
    first, second = (float(str(read["seconds"])) for _, _, read in rows[:2])
    print(f"\ntext brief 4n/n time: {second / first:.1f} (4.0 is linear)")
    duplicates = [float(str(read["seconds"])) for label, _, read in rows if "listed" in label]
    print(f"duplicated reference 4x/1x time: {duplicates[1] / duplicates[0]:.1f} (4.0 is linear)")


if __name__ == "__main__":
    main()
