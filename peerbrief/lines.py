"""Stage 1: input text → lines with provenance.

Every later stage works on :class:`Line` objects, whatever the input was. A line is
one paragraph of the brief in the markdown dialect of the text export: a linked
title reads ``[Title](URL)`` (``#`` when the export lost the target). The PDF reader
(:mod:`peerbrief.pdf`) produces the same kind of lines, with page numbers.
"""

from __future__ import annotations

import unicodedata

import attrs
from attrs import field, frozen

__all__ = ["Line", "clean_line", "count_lines", "normalise", "split_lines"]

# Characters that are a space, or break a line where a space would do (vertical tab,
# form feed, NEL, the Unicode line and paragraph separators): made plain spaces, which
# loses nothing. TAB stays (the Contents uses it); CR and LF have split the lines already.
_SPACE_CODES = (0x0B, 0x0C, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029)
_SPACES = str.maketrans(dict.fromkeys((*_SPACE_CODES, 0x202F, 0x205F, 0x3000), " "))
_LINE_BREAKS = str.maketrans(dict.fromkeys((0x0A, 0x0D), " "))

# Unicode general category → what replaces such a character in clean_line: controls and
# format characters go; a lone surrogate (from a str built in code, or a file that
# encoded one) becomes U+FFFD, which says a character was there and can be encoded.
_REMOVED_CATEGORIES: dict[str, str | None] = {"Cc": None, "Cf": None, "Cs": "\ufffd"}


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
    """Make look-alike spaces plain and drop trailing spaces; keep TAB (the Contents uses
    it). Control and invisible format characters are left for :func:`clean_line`, which
    removes them and says what it removed."""
    if text.isprintable():
        return text.rstrip()  # every character _SPACES replaces is non-printable
    return text.translate(_SPACES).rstrip()


def clean_line(line: Line) -> tuple[Line, dict[str, int]]:
    """The line without control characters (TAB kept) and invisible format characters
    (bidirectional controls, zero-width characters, soft hyphens…), with each lone
    surrogate replaced by U+FFFD; and what was removed or replaced, counted by character.

    Bidirectional controls can make a line display in another order than it reads
    ("Trojan Source"); the others have no bibliographic value and break pdflatex and
    line-based formats. Private-use and unassigned characters are kept: some fonts map
    real glyphs there.
    """
    text = line.text
    if text.isprintable():
        return line, {}
    table: dict[int, str | None] = {}
    removed: dict[str, int] = {}
    # The distinct characters of a line are few, even when the line is long.
    for char in set(text):
        if char.isprintable() or char == "\t":
            continue
        code = ord(char)
        if code in _SPACES or code in _LINE_BREAKS:
            table[code] = " "
            continue
        category = unicodedata.category(char)
        if category in _REMOVED_CATEGORIES:
            table[code] = _REMOVED_CATEGORIES[category]
            removed[char] = text.count(char)
    if not table:
        return line, {}
    return attrs.evolve(line, text=text.translate(table).rstrip()), removed


def count_lines(text: str) -> int:
    """How many lines :func:`split_lines` would make of ``text``, without making them
    (a line costs far more memory than its characters: a limit is checked first)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def split_lines(text: str) -> list[Line]:
    """Split decoded text on any newline convention (CRLF, CR, LF) into numbered lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(number, normalise(raw)) for number, raw in enumerate(text.split("\n"), start=1)]
