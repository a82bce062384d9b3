"""The timer every benchmark uses: the median of repeated runs, in wall or CPU time.

Imported by the ``bench_*.py`` scripts, which run as ``python benchmarks/bench_x.py``
(so this folder is on the path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

__all__ = ["median_seconds"]


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
