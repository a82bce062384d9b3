"""Errors a user can act on.

The CLI prints ``str(error)`` as one line and exits with the error's ``exit_code``.
"""

from __future__ import annotations

import errno
import os

__all__ = [
    "ExitCode",
    "InputError",
    "MissingInputError",
    "OutputError",
    "PeerbriefError",
    "UsageError",
    "printable",
]


class ExitCode:
    """The documented exit codes of the ``peerbrief`` command."""

    OK = 0
    UNEXPLAINED = 1
    """The input was read, but some of its lines were not understood (see the report)."""
    BAD_INPUT = 2
    """The input is unreadable, or is not an evidence brief."""
    BAD_OUTPUT = 3
    """The output could not be written; nothing was left half-written."""
    USAGE = 64
    """The command line itself is wrong."""
    INTERNAL_ERROR = 70
    """A bug in peerbrief: reported in one line, please report it upstream."""
    INTERRUPTED = 130
    """Interrupted by Ctrl-C."""
    BROKEN_PIPE = 141
    """Whoever read standard output went away (``peerbrief convert … | head``)."""


class PeerbriefError(Exception):
    """Base class of every error peerbrief raises on purpose. Its message is one line
    whatever it quotes (a library's message, a file name): see :func:`printable`."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


class InputError(PeerbriefError, ValueError):
    """The input cannot be read as an evidence brief (empty, binary, bad encoding, broken PDF…)."""

    exit_code = ExitCode.BAD_INPUT


class MissingInputError(InputError, FileNotFoundError):
    """The input file does not exist.

    Both peerbrief's own error (one line, exit code 2) and a ``FileNotFoundError``, so
    ``except FileNotFoundError`` works as it does for ``open()``; ``errno`` and
    ``filename`` are set as ``open()`` sets them.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(f"{os.fspath(path)}: no such file")
        self.errno = errno.ENOENT
        self.filename = os.fspath(path)

    def __str__(self) -> str:
        # OSError's own __str__ would print "[Errno 2] …" once errno is set.
        return str(self.args[0])


class UsageError(PeerbriefError, ValueError):
    """peerbrief was asked for something it does not take: a wrong command line (exit
    code 64), or in Python an argument out of range or of the wrong type (a year
    ``"abc"``, ``max_bytes=0``, ``format="rtf"``). Also a ``ValueError``, so ``except
    ValueError`` catches it as it caught Python's own."""

    exit_code = ExitCode.USAGE


class OutputError(PeerbriefError):
    """An output file could not be written, or a value cannot be represented in the format."""

    exit_code = ExitCode.BAD_OUTPUT


def printable(text: str) -> str:
    """``text`` safe to show inside a one-line message: every character that is not
    printable (a line break, a terminal escape, a bidirectional override that would
    reorder the line, an undecodable byte of a file name) is written as a Python escape.

    File names and other values quoted in errors go through this one function.
    """
    if text.isprintable():
        return text
    # repr() writes exactly the non-printable characters as escapes (\n, \x1b, \u202e).
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
