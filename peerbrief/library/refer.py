"""Refer/BibIX and EndNote's tagged format (``.enw``): Zotero's "Refer/BibIX" export,
EndNote's import and export format, and what many databases offer as "EndNote".

A record is a run of ``%X value`` lines (one character after ``%``), records apart by
blank lines or started by a ``%0`` type line. A line that is not a tag continues the
value before it (Zotero writes a record's tags as one ``%K`` with a keyword a line); a
blank line inside a value (a paragraph of an abstract) does not end the record unless a
tag follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..limits import Deadline
from ..model import collapse_spaces as one_line
from .endnote_xml import ENDNOTE_KINDS
from .records import (
    Problem,
    Record,
    TaggedLines,
    access_date,
    find_doi,
    given_twice,
    joined_notes,
    kind_of,
    numbered,
    one_of,
    pages_or_article_number,
    people,
    refuse_beyond_starts,
    split_pages,
    status_of_type,
    status_or_unread,
    unread_date,
    written_or_year,
)

REFER_TAGS: Mapping[str, tuple[str, ...]] = {
    "title": ("T",),
    "container_title": ("J", "B"),
    "volume": ("V",),
    "issue": ("N",),
    "publisher": ("I",),
    "place": ("C",),
    "abstract": ("X",),
    "url": ("U",),
    "doi": ("R",),
    # Values built from several tags.
    "access": ("Z",),
    "authors": ("A",),
    "date": ("8", "D"),
    "accessed": ("[",),
    "pages": ("P",),
    "article_number": ("]",),
    "type_of_work": ("9",),
    "tags": ("K",),
    "kind": ("0",),
}
"""Entry field → the tags (the character after ``%``) that fill it, the first given
winning: ``%J`` journal before ``%B`` (EndNote's secondary title: the book of a section,
Zotero's periodical of anything but a journal article); ``%8`` a full date (EndNote:
``March 15``, takes ``%D``'s year) before ``%D`` the year (Zotero: the date as written);
``%]``, a journal article's number, when it has no ``%P``; ``%9``, the type of work,
when it is a status (``Article in Press``); ``%[``, EndNote's access date.
``%R`` is EndNote's DOI and Zotero's report
type: read when it holds a DOI. Editors (``%E``), translators (``%Y``, Zotero's ``%?``),
ISBN/ISSN (``%@``), the label (``%F``) and the like have no place in the model. Type
names (``%0``) are EndNote's: :data:`~peerbrief.library.endnote_xml.ENDNOTE_KINDS`."""

_TAG_LINE = re.compile(r"%([^\s%])(?: (.*)|)")
_TYPE = "0"
"""The type's tag, which starts a record, also one that follows another without a blank
line between them (as some databases write them)."""
_SPLIT_LINES = ("K",)
"""Tags whose value holds one item a line (keywords)."""


def _records(text: str, source: str, problems: list[Problem]) -> Iterator[TaggedLines]:
    values: list[tuple[str, list[str]]] = []  # (tag, parts), continuation lines appended
    first = last = 0
    blank = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        tag = _TAG_LINE.fullmatch(line) if line.startswith("%") else None
        if not line:
            blank = bool(values)
        elif tag is not None:
            if blank or (tag.group(1) == _TYPE and values):
                yield TaggedLines.of(values, first, last)
                values, blank = [], False
            if not values:
                first = number
            values.append((tag.group(1), [tag.group(2) or ""]))
            last = number
        elif values:
            values[-1][1].append(("\n\n" if blank else "\n") + line)
            blank, last = False, number
        else:
            problems.append(Problem(source, 0, "a line outside any record", number))
    if values:
        yield TaggedLines.of(values, first, last)


def _grouped(lines: TaggedLines) -> dict[str, list[str]]:
    """Tag → its values; keywords a line each; other values on one line."""
    grouped: dict[str, list[str]] = {}
    for tag, value in lines.values:
        parts = value.split("\n") if tag in _SPLIT_LINES else [value]
        grouped.setdefault(tag, []).extend(one_line(part) for part in parts)
    return grouped


_READ_ONCE = ("T", "J", "B", "V", "N", "I", "C", "X", "8", "D", "P")
"""Tags read once: of a repeated one the first is read, the next reported."""
_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place",
                "abstract", "url")  # fmt: skip


def _record(lines: TaggedLines, number: int, source: str, problems: list[Problem]) -> Record:
    values = _grouped(lines)
    for tag in _READ_ONCE:
        first, *others = values.get(tag) or [""]
        for value in dict.fromkeys(other for other in others if other not in ("", first)):
            problems.append(Problem(source, number, given_twice(f"%{tag}", value), lines.first))
    text = {field: one_of(values, REFER_TAGS[field]) for field in _TEXT_FIELDS}
    if links := values.get("U"):
        text["url"] = " ".join(links)  # each a link; read in to_entry, the others reported
    text["doi"] = next((value for value in values.get("R", []) if find_doi(value)), None)
    text["access"] = joined_notes(
        note for tag in REFER_TAGS["access"] for note in values.get(tag, [])
    )
    written, year = (one_of(values, (tag,)) for tag in REFER_TAGS["date"])
    date, unread = written_or_year(written, year)
    text["status"], unread = status_or_unread(unread)
    text["status"] = status_of_type(text["status"], one_of(values, REFER_TAGS["type_of_work"]))
    if unread is not None:
        problems.append(Problem(source, number, unread_date(unread), lines.first))
    accessed, unread = access_date(one_of(values, REFER_TAGS["accessed"]))
    if unread is not None:
        problems.append(Problem(source, number, unread, lines.first))
    pages = one_of(values, REFER_TAGS["pages"])
    tags = [tag for name in REFER_TAGS["tags"] for tag in values.get(name, []) if tag]
    type_names = [name for tag in REFER_TAGS["kind"] for name in values.get(tag, [])]
    given = {field: value for field, value in text.items() if value is not None}
    kind = kind_of(type_names[-1] if type_names else "Generic", ENDNOTE_KINDS, given)
    article_number = one_of(values, REFER_TAGS["article_number"])
    return Record(
        number=number,
        lines=lines.line_numbers,
        kind=kind,
        text=given,
        authors=people(name for tag in REFER_TAGS["authors"] for name in values.get(tag, [])),
        date=date,
        accessed=accessed,
        pages=pages_or_article_number(split_pages(pages) if pages else None, article_number, kind),
        tags=tuple(dict.fromkeys(tags)),
    )


# Where a record starts (counted before reading, against ``max_records``): a ``%0``
# line, or another tag line first in the file or after a blank line.
RECORD_START = re.compile(r"^[ \t]*%0 |^[ \t]*\r?\n(?=[ \t]*%(?!0 ))|\A[ \t]*%(?!0 )", re.MULTILINE)


def read_refer(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    refuse_beyond_starts(RECORD_START, text, max_records, source)
    records = [
        _record(lines, number, source, problems)
        for number, lines in numbered(_records(text, source, problems), deadline)
    ]
    return records, len(records)
