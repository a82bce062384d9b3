"""What the ``peerbrief`` command sets for its process as it starts: Ctrl-C is one line
and exit 130, no traceback; the garbage collector runs less often.

The command's own handling (:func:`peerbrief.cli.main`) begins only once the package is
imported, which takes a noticeable time (attrs, the reader's patterns); an interrupt
before that would print the traceback of whatever import it hit. The package imports
this module first, and importing it, when the process is the ``peerbrief`` command — the console
script or ``python -m peerbrief`` — SIGINT ends it quietly until ``main()`` takes over.
Imported as a library, peerbrief leaves signal handling alone.

Ending with ``os._exit`` is safe here: before ``main()`` nothing has been written.

Reading a PDF makes hundreds of thousands of small objects (glyph runs, lines, words)
that hold no reference cycles; Python's default collector thresholds (a collection
every 700 new objects) make it scan them again and again, about 25 ms of a Chromium
brief's half second. The command collects every :data:`GC_THRESHOLD` new objects
instead: the peak memory measured the same. A program that imports peerbrief keeps
its own settings.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from pathlib import Path
from types import FrameType

__all__ = ["GC_THRESHOLD", "INTERRUPTED_LINE", "is_start_guard"]

COMMAND = "peerbrief"
INTERRUPTED_LINE = f"{COMMAND}: error: interrupted"
_INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED; errors is not imported this early
GC_THRESHOLD = 10_000


def _is_the_command() -> bool:
    """True in the console script and under ``python -m peerbrief``, where runpy sets
    ``sys.argv[0]`` to ``-m`` while it imports the package."""
    if sys.argv and sys.argv[0] == "-m":
        argv = sys.orig_argv
        return any(
            (arg == "-m" and argv[i + 1 : i + 2] == [COMMAND]) or arg == f"-m{COMMAND}"
            for i, arg in enumerate(argv)
        )
    return bool(sys.argv) and Path(sys.argv[0]).stem in (COMMAND, f"{COMMAND}-script")


def _end_quietly(_signal: int, _frame: FrameType | None) -> None:
    os.write(2, f"{INTERRUPTED_LINE}\n".encode())
    os._exit(_INTERRUPTED)


def is_start_guard(handler: object) -> bool:
    """True for the handler this module installs."""
    return handler is _end_quietly


def _guard_command_start() -> None:
    """Make Ctrl-C end the ``peerbrief`` command quietly until ``main()`` runs; nothing
    when peerbrief is imported as a library, or Python's default handler was replaced."""
    if not _is_the_command() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    with contextlib.suppress(ValueError):  # not the main thread: signals are not ours
        signal.signal(signal.SIGINT, _end_quietly)


def _collect_less_often() -> None:
    if _is_the_command():
        gc.set_threshold(GC_THRESHOLD, 10, 10)


_guard_command_start()
_collect_less_often()
