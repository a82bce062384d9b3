"""How long ``peerbrief convert --sample --to ris`` takes as a whole process.

Timed beside a bare ``python -c pass`` in the same run, alternating the two so both
see the same machine load, and printed as a ratio of medians (target: at most 6x).
With ``--importtime`` it also lists the imports that cost the most, from
``python -X importtime``.

Byte-code caching is switched on for the timed processes, as it is after ``pip
install`` (the caches go to a temporary directory, not the work tree): with
PYTHONDONTWRITEBYTECODE set, every run would compile peerbrief from source.

    python benchmarks/bench_startup.py [--runs 21] [--importtime]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from timing import bytecode_environment

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 6.0

BASELINE = "python -c pass"
CONVERT = "convert --sample --to ris"
COMMANDS = {
    BASELINE: [sys.executable, "-c", "pass"],
    CONVERT: [sys.executable, "-m", "peerbrief", "convert", "--sample", "--to", "ris"],
    "--help": [sys.executable, "-m", "peerbrief", "--help"],
}


def elapsed(command: Sequence[str], environment: Mapping[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def measure(runs: int, environment: Mapping[str, str]) -> dict[str, list[float]]:
    """Seconds per run of each command, interleaved run by run."""
    for command in COMMANDS.values():
        elapsed(command, environment)  # warm the file cache, write .pyc files; not counted
    timings: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            timings[name].append(elapsed(command, environment))
    return timings


def import_costs(top: int, environment: Mapping[str, str]) -> list[tuple[int, str]]:
    """The ``top`` modules with the largest cumulative import time (microseconds)."""
    command = [sys.executable, "-X", "importtime", *COMMANDS[CONVERT][1:]]
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    costs = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            _self, cumulative, name = line.removeprefix("import time:").split("|")
            costs.append((int(cumulative), name.rstrip()))
    return sorted(costs, reverse=True)[:top]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    parser.add_argument("--importtime", action="store_true", help="list the costliest imports")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pycache-") as cache:
        environment = bytecode_environment(Path(cache))
        timings = measure(args.runs, environment)
        costs = import_costs(15, environment) if args.importtime else []

    baseline = statistics.median(timings[BASELINE])
    print(f"{args.runs} runs each, median wall time, Python {sys.version.split()[0]}")
    for name, seconds in timings.items():
        median = statistics.median(seconds)
        print(f"  {name:<28} {median * 1000:7.1f} ms  {median / baseline:5.2f}x")
    ratio = statistics.median(timings[CONVERT]) / baseline
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"convert is {ratio:.2f}x a bare interpreter: {verdict} the {TARGET_RATIO:g}x target")
    if costs:
        print("\ncostliest imports (cumulative):")
        for microseconds, name in costs:
            print(f"  {microseconds / 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
