"""Stage 1: input text → lines with provenance, and what one line can say on its own.

Every later stage works on :class:`Line` objects, whatever the input was. A line is
one paragraph of the brief in the markdown dialect of the text export: a linked
title reads ``[Title](URL)`` (``#`` when the export lost the target). The PDF reader
(:mod:`peerbrief.pdf`) produces the same kind of lines, with page numbers; plain text
wrapped at a width (``pdftotext``, a copy from a PDF viewer) is made into such lines by
:mod:`peerbrief.paragraphs`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

import attrs
from attrs import field, frozen

__all__ = [
    "Line",
    "clean_line",
    "contents_entry",
    "count_lines",
    "heading_key",
    "is_contents_title",
    "is_page_number",
    "normalise",
    "read_contents",
    "split_lines",
]

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
    """Split decoded text on any newline convention (CRLF, CR, LF) into numbered lines.

    A form feed (``pdftotext`` starts each page with one) starts a new page: the lines of
    such text carry their page number, as a PDF's do.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    if "\f" not in text:
        return [Line(number, normalise(raw)) for number, raw in enumerate(raw_lines, start=1)]
    lines = []
    page = 1
    for number, raw in enumerate(raw_lines, start=1):
        page += raw.count("\f")
        lines.append(Line(number, normalise(raw), page))
    return lines


_NOT_ALNUM = re.compile(r"[\W_]+")
# The ASCII characters _NOT_ALNUM removes: all but letters and digits.
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


@functools.lru_cache(maxsize=8192)
def heading_key(text: str) -> str:
    """A comparison key that ignores case, accents, punctuation, spacing and markup.

    Cached: segmentation compares every line with the headings and its neighbours.
    The key of a text is the keys of its characters, one after the other.
    """
    if text.isascii():
        # Fast path for most lines, long abstract lines too: NFKD leaves ASCII as it is
        # and casefold() is lower() on it, so deleting bytes gives the same key.
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).lower().decode("ascii")
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())


def drop_prefix_by_key(text: str, key: str) -> str | None:
    """``text`` without its shortest prefix whose heading key is ``key``; None if none.

    One pass, character by character, as a key is the keys of its characters.
    """
    if not key:
        return text
    found = 0
    for cut, char in enumerate(text, start=1):
        piece = heading_key(char) if not char.isascii() else char.lower() if char.isalnum() else ""
        if piece:
            if not key.startswith(piece, found):
                return None
            found += len(piece)
            if found == len(key):
                return text[cut:]
    return None


_PAGE_NUMBER = re.compile(r"^(?:page )?\d{1,3}(?: ?(?:of|/) ?\d{1,3})?$", re.IGNORECASE)
_LONGEST_PAGE_NUMBER = 40  # "Page 12 of 52", with room for the spacing of a layout
_PAGE_NUMBER_DASHES = " -–—"


def is_page_number(text: str) -> bool:
    """A page number on a line of its own: ``7``, ``- 7 -``, ``Page 7``, ``7 of 52``,
    ``7/52``."""
    if len(text) > _LONGEST_PAGE_NUMBER:
        return False
    text = " ".join(text.split()).strip(_PAGE_NUMBER_DASHES)
    return _PAGE_NUMBER.match(text) is not None


_CONTENTS_LEADERS = " \t.…"


def contents_entry(text: str) -> tuple[str, str] | None:
    """A Contents line → (heading, page): ``Heading.....\t12``, ``Heading 12``,
    ``Heading ..... 12``; None for other lines.

    Read from the right by hand: the leaders between heading and number may be any run of
    dots, spaces and tabs, and a pattern trying every split of such a run is quadratic.
    """
    text = text.strip()
    head = text.rstrip("0123456789")
    page = text[len(head) :]
    if not 1 <= len(page) <= 3:
        return None
    heading = head.rstrip(_CONTENTS_LEADERS)
    leaders = head[len(heading) :]
    dots = leaders.count(".") + leaders.count("…")
    if not heading or not leaders or heading[0].isspace():
        return None
    if dots >= 2 or "\t" in leaders or leaders.strip(" ") == "":
        return heading, page
    return None


_CONTENTS_TITLE = re.compile(r"^\W*(?:contents|table of contents)\W*$", re.IGNORECASE)
# A Contents heading without its page number is short.
_LONGEST_BARE_HEADING = 12


def is_contents_title(text: str) -> bool:
    """``Contents`` or ``Table of contents``, on a line of its own."""
    return len(text) < 40 and _CONTENTS_TITLE.match(text) is not None


def _could_be_bare_entry(text: str) -> bool:
    """A Contents heading whose page number a PDF's text extraction put on the next line
    (or in a column of its own): a short line that is no sentence, label or link."""
    bare = text.rstrip(_CONTENTS_LEADERS)
    return (
        0 < len(bare.split()) <= _LONGEST_BARE_HEADING
        and (bare[-1] not in ".:;,!?" or len(text) - len(bare) >= 2)
        and "](" not in text
        and ":" not in bare[:40]
    )


ContentsEntry = tuple[str, tuple[int, ...]]
"""A Contents heading and the indices of the lines it was read from."""


def read_contents(
    texts: Sequence[str], start: int, skip: Callable[[str], bool]
) -> tuple[list[ContentsEntry], int]:
    """The Contents list that starts at ``texts[start]`` (after its title): its entries,
    and the index where it ended. Blank lines and lines ``skip`` accepts (a running
    header) are passed over.

    An entry is one line (heading, leaders, page number), or a heading whose page number
    a PDF's text extraction put on the next line or elsewhere. The list ends at the first
    line that is none of these, or that repeats a heading (the body has begun).
    """
    entries: list[ContentsEntry] = []
    seen: set[str] = set()
    index = start
    while index < len(texts):
        text = texts[index].strip()
        if not text or skip(text):
            index += 1
            continue
        entry = contents_entry(text)
        heading = entry[0] if entry is not None else text.rstrip(_CONTENTS_LEADERS)
        key = heading_key(heading)
        if key in seen or (entry is None and not _could_be_bare_entry(text)):
            break
        seen.add(key)
        used = [index]
        index += 1
        if entry is None:
            while index < len(texts) and not texts[index].strip():
                index += 1
            if index < len(texts) and is_page_number(texts[index]):
                used.append(index)
                index += 1
        entries.append((heading, tuple(used)))
    return entries, index
