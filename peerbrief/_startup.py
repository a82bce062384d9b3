"""Ctrl-C while the ``peerbrief`` command starts: one line and exit 130, no traceback.

The command's own handling (:func:`peerbrief.cli.main`) begins only once the package is
imported, which takes a noticeable time (attrs, the reader's patterns); an interrupt
before that would print the traceback of whatever import it hit. The package imports
this module first, and importing it, when the process is the ``peerbrief`` command — the console
script or ``python -m peerbrief`` — SIGINT ends it quietly until ``main()`` takes over.
Imported as a library, peerbrief leaves signal handling alone.

Ending with ``os._exit`` is safe here: before ``main()`` nothing has been written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from types import FrameType

__all__ = ["INTERRUPTED_LINE", "is_start_guard"]

COMMAND = "peerbrief"
INTERRUPTED_LINE = f"{COMMAND}: error: interrupted"
_INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED; errors is not imported this early


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


_guard_command_start()
