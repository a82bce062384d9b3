"""The timer every benchmark uses: the median of repeated runs, in wall or CPU time; and
the environment a timed ``python`` process runs in.

Imported by the ``bench_*.py`` scripts, which run as ``python benchmarks/bench_x.py``
(so this folder is on the path)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["bytecode_environment", "median_seconds"]


def median_seconds(job: Callable[[], object], repeat: int, *, cpu: bool = False) -> float:
    """The median time of ``repeat`` runs of ``job``: wall-clock time, or with ``cpu``
    this process's CPU time (other work on a shared machine does not count)."""
    clock = time.process_time if cpu else time.perf_counter
    times = []
    for _ in range(repeat):
        start = clock()
        job()
        times.append(clock() - start)
    return statistics.median(times)


def bytecode_environment(cache: Path) -> dict[str, str]:
    """This environment with byte-code caching on, as it is after ``pip install``, the
    caches in ``cache`` (not the work tree): with PYTHONDONTWRITEBYTECODE set, every timed
    process would compile peerbrief from source. Run each command once untimed first."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**environment, "PYTHONPYCACHEPREFIX": str(cache)}
