"""Stage 2: lines → the brief's layout: front matter, sections, and one block per reference.

Every non-blank line ends up in exactly one place: a reference block, or the report
with the reason it is not part of any reference. Nothing is dropped silently.

The Contents list is the authority on which lines are headings; the series template
fixes which headings are top-level sections (every other heading is a topic
sub-section of the top-level section before it).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from attrs import field, frozen

from .fields import is_access_fragment, parse_access_note, split_title_line, strip_markup
from .lines import Line
from .model import Reason, ReportItem, Section
from .vocabulary import (
    BRIEF_TITLE_PREFIX,
    CLOSING_SECTION,
    NAVIGATION_PHRASE,
    OPENING_LABELS,
    TOP_LEVEL_SECTIONS,
)

__all__ = ["Layout", "RefBlock", "heading_key", "segment"]

# A Contents line: heading, optional dot leaders, a TAB or spaces, a page number.
_CONTENTS_LINE = re.compile(
    r"^(?P<heading>\S.*?)(?:[ \t]*[.…]{2,}[ \t]*|[ \t]*\t[ \t]*|[ ]+)(?P<page>\d{1,3})$"
)
_CONTENTS_TITLE = re.compile(r"^\W*(contents|table of contents)\W*$", re.IGNORECASE)
_ACKNOWLEDGE = re.compile(r"please acknowledge this work", re.IGNORECASE)
_PUBLICATION_DATE = re.compile(r"^date of publication\s*:", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•▪◦●]|\d+[.)])\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.IGNORECASE)
_NAVIGATION = re.compile(re.escape(NAVIGATION_PHRASE), re.IGNORECASE)
# The labels that open a reference's metadata in the three styles of the series.
_FIRST_LABEL = re.compile(
    r"^[\s*_]*(?:" + "|".join(map(re.escape, sorted(OPENING_LABELS))) + r")[\s*_]*:", re.I
)


_NOT_ALNUM = re.compile(r"[\W_]+")
# The ASCII characters _NOT_ALNUM removes: all but letters and digits.
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


@functools.lru_cache(maxsize=8192)
def heading_key(text: str) -> str:
    """A comparison key that ignores case, accents, punctuation, spacing and markup.

    Cached: segmentation compares every line with the headings and its neighbours.
    """
    if text.isascii():
        # Fast path for most lines, long abstract lines too: NFKD leaves ASCII as it is
        # and casefold() is lower() on it, so deleting bytes gives the same key.
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).lower().decode("ascii")
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())


# No heading, running header or Contents entry is this long; abstracts often are, and
# skipping their keys keeps segmentation linear in practice as well as in theory.
_LONGEST_HEADING = 200


def _short_key(text: str) -> str:
    """The heading key of a line that could be a heading or header; "" for prose."""
    return heading_key(text) if len(text) <= _LONGEST_HEADING else ""


_TOP_LEVEL_KEYS = {heading_key(name): name.lstrip("*") for name in TOP_LEVEL_SECTIONS}
_CLOSING_KEY = heading_key(CLOSING_SECTION)


TitleParts = tuple[str, str, str | None, str]


@frozen
class RefBlock:
    """The lines of one reference: its title line and everything up to the next reference."""

    title_line: Line
    title: TitleParts
    """What the title line says: (title, link target, access note, rest), parsed once."""
    section: Section
    body: tuple[Line, ...] = field(default=())
    bullet: bool = False
    """A bare bullet link (``- [Part 1](#)``): a document listed without metadata."""


@frozen
class Layout:
    """What :func:`segment` found in a brief."""

    title: Line | None
    citation: Line | None
    publication_date: Line | None
    sections: tuple[Section, ...]
    blocks: tuple[RefBlock, ...]
    report: tuple[ReportItem, ...]


class _Report:
    def __init__(self) -> None:
        self.items: list[ReportItem] = []

    def add(self, line: Line, reason: Reason) -> None:
        self.items.append(ReportItem(line.number, line.text.strip(), reason, line.page))


@functools.lru_cache(maxsize=8192)
def _title_parts(text: str) -> TitleParts | None:
    return split_title_line(text)


def _is_title_line(line: Line) -> bool:
    return _title_parts(line.text) is not None


def _is_bullet(line: Line) -> bool:
    return bool(_BULLET.match(line.text))


def _strip_access(text: str) -> str:
    """A title line's text without its link syntax or trailing access note."""
    parsed = _title_parts(text)
    return parsed[0] if parsed else text


def _find_title(lines: Sequence[Line]) -> Line | None:
    for line in lines[:200]:
        if line.text.strip().lower().startswith(BRIEF_TITLE_PREFIX):
            return line
    return None


def _read_contents(
    lines: Sequence[Line], start: int, header_key: str, report: _Report
) -> tuple[list[str], int]:
    """Read the Contents list after its heading; return the headings and where it ended."""
    headings: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text:
            index += 1
            continue
        if header_key and _short_key(text) == header_key:
            report.add(line, Reason.RUNNING_HEADER)
            index += 1
            continue
        match = _CONTENTS_LINE.match(text)
        if not match or _is_title_line(line):
            break
        headings.append(match["heading"].strip().rstrip(".… \t"))
        report.add(line, Reason.CONTENTS)
        index += 1
    return headings, index


class _Sections:
    """Turns heading lines into Sections, following the template's top level."""

    def __init__(self, contents: Sequence[str]) -> None:
        self.known = {heading_key(name): name for name in contents if heading_key(name)}
        self.guess = not self.known
        self.top: str | None = None
        self.found: list[Section] = []

    def recognises(self, line: Line) -> bool:
        """Whether ``line`` is a known heading (changes nothing; for the front matter)."""
        key = _short_key(line.text)
        return (
            bool(key) and (key in _TOP_LEVEL_KEYS or key in self.known) and not _is_title_line(line)
        )

    def match(self, line: Line, following: Line | None = None) -> Section | None:
        key = _short_key(line.text)
        if not key or _is_title_line(line):
            return None
        if self.guess and _looks_like_heading(line, following):
            # No Contents list to consult: a short caption right before a title is a heading.
            self.known[key] = line.text.strip()
        if key in _TOP_LEVEL_KEYS:
            self.top = self.known.get(key, _TOP_LEVEL_KEYS[key]).lstrip("*").strip()
            section = Section(self.top)
        elif key in self.known:
            name = self.known[key].strip()
            section = Section(self.top, name) if self.top else Section(name)
        else:
            return None
        self.found.append(section)
        return section


def _looks_like_heading(line: Line, following: Line | None) -> bool:
    text = line.text.strip()
    return (
        following is not None
        and _is_title_line(following)
        and len(text) <= 80
        and len(text.split()) <= 10
        and text[-1] not in ".:;,!?*"
        and ":" not in text
        and not _is_bullet(line)
        and not is_access_fragment(text)
    )


def join_wrapped_titles(lines: Sequence[Line]) -> list[Line]:
    """Join a title link the export wrapped over several lines (``[Start of`` / ``end](#)``)."""
    joined: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        end = _wrapped_link_end(lines, index)
        if end is None:
            joined.append(line)
            index += 1
            continue
        parts = lines[index : end + 1]
        text = " ".join(part.text.strip() for part in parts)
        numbers = tuple(n for part in parts for n in part.source_lines)
        joined.append(Line(line.number, text, line.page, numbers))
        index = end + 1
    return joined


_OPEN_LINK = re.compile(r"^\s*(?:[-*•]\s+)?\[")


def _wrapped_link_end(lines: Sequence[Line], start: int) -> int | None:
    """Where a link opened but not closed on ``lines[start]`` closes, within three lines."""
    text = lines[start].text
    if not _OPEN_LINK.match(text) or "](" in text:
        return None
    for index in range(start + 1, min(start + 4, len(lines))):
        if lines[index].is_blank:
            return None
        if "](" in lines[index].text:
            return index
    return None


def segment(lines: Sequence[Line]) -> Layout:
    """Find the front matter, the headings and the reference blocks of a brief."""
    # The caches serve the many looks at one line within a read, not later reads.
    heading_key.cache_clear()
    _title_parts.cache_clear()
    report = _Report()
    lines = join_wrapped_titles(lines)
    title = _find_title(lines)
    header_key = heading_key(title.text) if title else ""
    contents: list[str] = []
    citation: Line | None = None
    publication_date: Line | None = None
    sections = _Sections(contents)
    body_start = 0

    # Front matter: everything before the first heading of the body.
    expect_citation = False
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text:
            index += 1
            continue
        if line is title:
            report.add(line, Reason.TITLE)
        elif _CONTENTS_TITLE.match(text) and not contents:
            report.add(line, Reason.CONTENTS)
            contents, index = _read_contents(lines, index + 1, header_key, report)
            sections = _Sections(contents)
            continue
        elif header_key and _short_key(text) == header_key:
            report.add(line, Reason.RUNNING_HEADER)
        elif sections.recognises(line):
            body_start = index
            break
        elif _is_title_line(line) and not _NAVIGATION.search(text):
            body_start = index  # a reference before any heading: the body starts here
            break
        elif expect_citation:
            citation = line
            report.add(line, Reason.CITATION)
            expect_citation = False
        elif _ACKNOWLEDGE.search(text):
            report.add(line, Reason.FRONT_MATTER)
            expect_citation = True
        elif _PUBLICATION_DATE.match(text):
            publication_date = line
            report.add(line, Reason.FRONT_MATTER)
        elif _NAVIGATION.search(text):
            report.add(line, Reason.NAVIGATION)
        else:
            report.add(line, Reason.FRONT_MATTER)
        index += 1
    else:
        body_start = len(lines)

    blocks = _segment_body(lines, body_start, header_key, sections, report)
    return Layout(
        title=title,
        citation=citation,
        publication_date=publication_date,
        sections=tuple(sections.found),
        blocks=tuple(blocks),
        report=tuple(sorted(report.items, key=lambda item: item.line)),
    )


def _is_page_furniture(text: str, header_key: str) -> bool:
    """A running header or a bare page number: never content, never a neighbour."""
    return bool((header_key and _short_key(text) == header_key) or _PAGE_NUMBER.match(text))


def _with_following(lines: Sequence[Line], header_key: str) -> list[tuple[Line, Line | None]]:
    """Each non-blank line with the next line of content after it (one backward pass)."""
    nonblank = [line for line in lines if not line.is_blank]
    paired: list[tuple[Line, Line | None]] = []
    following: Line | None = None
    for line in reversed(nonblank):
        paired.append((line, following))
        if not _is_page_furniture(line.text.strip(), header_key):
            following = line
    paired.reverse()
    return paired


def _is_title_artifact(line: Line, following: Line | None) -> bool:
    """A plain line repeating the next reference's title (an artifact of the export)."""
    if following is None or _is_title_line(line) or not _is_title_line(following):
        return False
    repeated = heading_key(_strip_access(following.text))
    if not repeated or not heading_key(line.text).startswith(repeated):
        return False
    rest = _drop_prefix_by_key(line.text, repeated).strip()
    # Whatever follows the repeated title may only be (part of) an access note.
    return not rest or is_access_fragment(rest)


def _drop_prefix_by_key(text: str, key: str) -> str:
    """Remove the shortest prefix of ``text`` whose heading key is ``key``."""
    for cut in range(len(text) + 1):
        if heading_key(text[:cut]) == key:
            return text[cut:]
    return text


def _unlinked_title(text: str) -> TitleParts:
    """The parts of a title line that lost its link: title, no target, a trailing note."""
    words = text.split()
    for cut in range(max(1, len(words) - 8), len(words)):
        note = parse_access_note(" ".join(words[cut:]))
        if note is not None:
            return strip_markup(" ".join(words[:cut])), "#", note, ""
    return strip_markup(text), "#", None, ""


def _is_unlinked_title(line: Line, following: Line | None, body: Sequence[Line] | None) -> bool:
    """A plain line right before the labels that open a reference's metadata is that
    reference's title, its link lost (an unlinked title in a PDF, a damaged export).

    Only where the current reference already has its metadata (or there is none), so
    a wrapped second line of a title is not taken for a reference of its own.
    """
    text = line.text.strip()
    return (
        following is not None
        and bool(_FIRST_LABEL.match(following.text))
        and not _FIRST_LABEL.match(text)
        and not _is_bullet(line)
        and not is_access_fragment(text)
        and (body is None or any(_FIRST_LABEL.match(other.text) for other in body))
        and bool(_unlinked_title(text)[0])  # "<sup>1</sup>" has no words to be a title
    )


def _segment_body(
    lines: Sequence[Line], start: int, header_key: str, sections: _Sections, report: _Report
) -> list[RefBlock]:
    blocks: list[RefBlock] = []
    opened: tuple[Line, TitleParts] | None = None
    body: list[Line] = []
    bullet = False
    section: Section | None = None
    closing = False

    def close() -> None:
        nonlocal opened
        if opened is not None:
            where = section or Section("Untitled section")
            blocks.append(RefBlock(opened[0], opened[1], where, tuple(body), bullet=bullet))
            opened = None
            body.clear()

    for line, following in _with_following(lines[start:], header_key):
        text = line.text.strip()
        if header_key and _short_key(text) == header_key:
            report.add(line, Reason.RUNNING_HEADER)
            continue
        if closing:
            report.add(line, Reason.BOILERPLATE)
            continue
        heading = sections.match(line, following)
        if heading is not None:
            close()
            report.add(line, Reason.HEADING)
            section = heading
            closing = heading_key(text) == _CLOSING_KEY
            continue
        if _PAGE_NUMBER.match(text):
            report.add(line, Reason.PAGE_NUMBER)
            continue
        parts = _title_parts(line.text)
        if parts is not None:
            if _NAVIGATION.search(text):
                report.add(line, Reason.NAVIGATION)
                continue
            close()
            opened, bullet = (line, parts), _is_bullet(line)
            continue
        if _is_title_artifact(line, following):
            report.add(line, Reason.TITLE_ARTIFACT)
            continue
        if _is_unlinked_title(line, following, body if opened is not None else None):
            close()
            opened, bullet = (line, _unlinked_title(text)), False
            continue
        if opened is None or bullet:
            close()
            report.add(line, Reason.SECTION_PROSE if section else Reason.UNEXPLAINED)
            continue
        body.append(line)
    close()
    return blocks
