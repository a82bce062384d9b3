"""Stage 1: input text → lines with provenance.

Every later stage works on :class:`Line` objects, whatever the input was. A line is
one paragraph of the brief in the markdown dialect of the text export: a linked
title reads ``[Title](URL)`` (``#`` when the export lost the target). The PDF reader
(:mod:`peerbrief.pdf`) produces the same kind of lines, with page numbers.
"""

from __future__ import annotations

import re

from attrs import field, frozen

__all__ = ["Line", "split_lines"]

# Characters that look like a space in a PDF or a word processor's export.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@frozen
class Line:
    """One line (paragraph) of the input. ``number`` is 1-based; ``page`` is a PDF page."""

    number: int
    text: str
    page: int | None = None
    numbers: tuple[int, ...] = field(default=())
    """Every physical line this paragraph was joined from (PDF); empty means just ``number``."""

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def source_lines(self) -> tuple[int, ...]:
        return self.numbers or (self.number,)


def normalise(text: str) -> str:
    """Make look-alike spaces plain, drop invisible characters; keep TAB (the Contents uses it)."""
    if text.isprintable():
        # Fast path: every character the three patterns replace is non-printable (a
        # space separator other than " ", a format or a control character).
        return text.rstrip()
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return text.rstrip()


def split_lines(text: str) -> list[Line]:
    """Split decoded text on any newline convention (CRLF, CR, LF) into numbered lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(number, normalise(raw)) for number, raw in enumerate(text.split("\n"), start=1)]
