"""RIS (Zotero, EndNote, Mendeley, RefWorks…): split into records here, each record's tags
read by rispy."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from attrs import frozen

from ..limits import Deadline
from ..model import Date, Kind, Pages
from .records import (
    Problem,
    Record,
    access_date,
    either_way_year,
    find_doi,
    first_doi_link,
    given_twice,
    joined_notes,
    kind_of,
    numbered,
    one_of,
    pages_or_article_number,
    people,
    refuse_beyond_starts,
    slashed_date,
    split_pages,
    status_of_type,
    status_or_unread,
    unread_date,
    website_as_publisher,
    with_year,
)

RIS_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        ("JOUR", "JFULL", "EJOUR", "ABST", "MGZN", "NEWS", "INPR"), Kind.JOURNAL_ARTICLE
    ),
    **dict.fromkeys(("VIDEO", "MPCT", "ADVS", "MULTI"), Kind.VIDEO),
}
"""``TY`` → kind; every other type (report, book, web page, generic…) is a report, as
the brief's own item types are (periodicals' articles count as journal articles)."""

RIS_TAGS: Mapping[str, tuple[str, ...]] = {
    "title": ("TI", "T1", "CT"),
    "container_title": ("T2", "JF", "JO", "JA", "J2", "J1"),
    "volume": ("VL",),
    "issue": ("IS",),
    "publisher": ("PB",),
    "place": ("CY", "PP"),
    "abstract": ("AB", "N2"),
    "access": ("N1",),
    "url": ("UR",),
    "doi": ("DO",),
    # Values built from several tags.
    "authors": ("AU", "A1"),
    "date": ("DA", "Y1", "PY"),
    "accessed": ("Y2",),
    "pages": ("SP", "EP"),
    "article_number": ("C7",),
    "tags": ("KW",),
    "kind": ("TY",),
}
"""Entry field → the RIS tags that fill it, the first given winning (``C7``, a journal
article's number, only when it has no pages); ``M3`` (EndNote's
type of work) holds a DOI in EndNote's exports and is read when ``DO`` is missing, or a
publication status (``Article in Press``), read as the status when the date gives
none; another type of work (``Article``, ``Erratum``) is not read. ``Y2`` is the access
date (EndNote's "Access Date"; Zotero writes ``2019-03-04 15:12:33``)."""

_RIS_REPEATABLE = ("AU", "A1", "KW", "UR", "N1")
_FULL_TEXT_LINKS = "L2"
"""Links to a work's full text (Zotero imports each as an attachment, not as the item's
URL; Citavi writes PubMed's, PMC's and doi.org's here): only one holding a DOI is read,
as the DOI of a record that gives none, as it is among a record's further ``UR`` links."""
_RIS_READ_ONCE = frozenset(tag for tags in RIS_TAGS.values() for tag in tags) - {
    *_RIS_REPEATABLE,
    "TY",
}
"""Tags read once: rispy keeps the first of a repeated one, and the next is reported."""
_RIS_TAG = re.compile(r"([A-Z][A-Z0-9])  -(?: |$)")


def _rispy_parser() -> Any:
    import rispy  # imported here: only RIS files need it

    tags = {tag for names in RIS_TAGS.values() for tag in names} | {"M3", _FULL_TEXT_LINKS}
    return rispy.RisParser(
        mapping={tag: tag for tag in (*tags, "ER")},
        list_tags=[*_RIS_REPEATABLE, _FULL_TEXT_LINKS],
        delimiter_tags_mapping={},  # a URL may hold ";"
        skip_unknown_tags=True,  # fields the model has no place for
    )


@frozen
class _RisLines:
    """One record's lines, from its ``TY`` line to its ``ER`` line (if it has one); ``early``
    names the tags written before its ``TY`` line, if any."""

    lines: tuple[str, ...]
    first: int
    last: int
    ended: bool
    early: str = ""


def _ris_records(text: str, source: str, problems: list[Problem]) -> Iterator[_RisLines]:
    """Split the file into records. rispy alone would merge a record missing its ``ER``
    into the next one, and drop a last one."""
    # Each line as a list of parts, the lines continuing its value appended and joined
    # once at the record's end (adding each to a string would be quadratic in them).
    # Tags a writer put before a record's TY line are held for that record.
    collected: list[list[str]] = []
    start = number = 0
    typed, early = False, ""
    for number, line in enumerate(text.splitlines(), 1):
        if line[:1].isspace() and _RIS_TAG.match(line.lstrip()):
            line = line.lstrip()  # Zotero reads tags after leading spaces too
        head = line[:5]
        if head == "TY  -":
            if typed:
                yield _RisLines(_joined(collected), start, number - 1, ended=False, early=early)
                collected = []
            if not collected:
                start = number
            early = _tags_of(collected)
            collected.append([line])
            typed = True
        elif not collected:
            if _RIS_TAG.match(line) and head != "ER  -":
                collected, start = [[line]], number
        elif _ends_record(line):
            if typed:
                ending = (*_joined(collected), "ER  - ")
                yield _RisLines(ending, start, number, ended=True, early=early)
            else:
                _report_untyped(collected, start, source, problems)
            collected, typed = [], False
        elif not _RIS_TAG.match(line) and (joiner := _continuation(collected[-1][0][:2])):
            collected[-1].append(joiner + (line if joiner == "\n" else line.strip()))
        else:
            collected.append([line])
    if typed:
        yield _RisLines(_joined(collected), start, number, ended=False, early=early)
    elif collected:
        _report_untyped(collected, start, source, problems)


def _ends_record(line: str) -> bool:
    """``ER  - ``, or a line that is ``ER`` alone (as Web of Science ends its records, and
    as an ``ER  - `` whose dash was cut off ends up): no value's line reads so."""
    return (line[:5] == "ER  -" and _RIS_TAG.match(line) is not None) or line.rstrip() == "ER"


def _tags_of(collected: list[list[str]]) -> str:
    return ", ".join(dict.fromkeys(parts[0][:2] for parts in collected))


def _report_untyped(
    collected: list[list[str]], start: int, source: str, problems: list[Problem]
) -> None:
    """Tags with no TY line before the next record's end: no record to read them into."""
    reason = f"tags outside any record ({_tags_of(collected)}): no TY line before its end"
    problems.append(Problem(source, 0, reason, start))


def _continuation(tag: str) -> str | None:
    """What joins a line without a tag to the value of ``tag`` before it: a note's is a
    line of it (rispy would make it another note, as for every repeatable tag; Zotero's
    HTML notes run over lines); another value read once takes it after a space, as rispy
    does, which copies the value again for each line (quadratic in them). None: the line
    is another value of a repeatable tag, as rispy makes it."""
    if tag in RIS_TAGS["access"]:
        return "\n"
    return None if tag in _RIS_REPEATABLE else " "


def _joined(collected: list[list[str]]) -> tuple[str, ...]:
    return tuple("".join(parts) for parts in collected)


def _ris_date(values: Mapping[str, Sequence[str]]) -> tuple[Date | None, str | None]:
    """The date from ``DA``, ``Y1`` or ``PY``, and the text of one that was not understood.
    The first of ``Y1`` and ``PY`` that holds a date lends its year to a date written
    without one (EndNote: ``DA  - Sep`` beside ``Y1  - 2023`` or ``PY  - 2023``)."""
    _, *year_tags = RIS_TAGS["date"]
    found = (slashed_date(one_of(values, (tag,)) or "") for tag in year_tags)
    year = next((date for date in found if date is not None), None)
    for tag in RIS_TAGS["date"]:
        text = one_of(values, (tag,))
        if text is None:
            continue
        date = slashed_date(text) or with_year(text, year)
        if date is not None:
            return date, None
        # this one's year if it reads as two days (DA's wins, as in Zotero), else the
        # year another tag gives, if any; and this one reported
        return either_way_year(text) or year, text
    return year, None


def _ris_pages(values: Mapping[str, Sequence[str]]) -> Pages | None:
    start, end = RIS_TAGS["pages"]
    first, last = one_of(values, (start,)), one_of(values, (end,))
    if first is None:
        return Pages(last) if last else None
    return Pages(first, last) if last else split_pages(first)


def _all_of(values: Mapping[str, Sequence[str]], field: str) -> list[str]:
    """Every value of the tags of one field (several notes, every keyword)."""
    return [value for tag in RIS_TAGS[field] for value in values.get(tag, [])]


_RIS_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place",
                    "abstract", "url", "doi")  # fmt: skip


def _repeated_tags(lines: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Tags read once, given again with another value: (tag, the value not read)."""
    read_once = [line for line in lines if line[:2] in _RIS_READ_ONCE]
    if len({line[:2] for line in read_once}) == len(read_once):
        return  # none repeated, as in nearly every record: found without a loop in Python
    seen: dict[str, str] = {}
    for line in read_once:
        if line[2:5] == "  -":  # a tag line (_RIS_TAG), not a continuation
            tag, value = line[:2], line[5:].strip()
            if seen.setdefault(tag, value) != value and value:
                yield tag, value


def _type_first(lines: _RisLines) -> Sequence[str]:
    """The record's lines, its TY line first (rispy reads a record from it on)."""
    if not lines.early:
        return lines.lines
    at = next(number for number, line in enumerate(lines.lines) if line[:5] == "TY  -")
    return (lines.lines[at], *lines.lines[:at], *lines.lines[at + 1 :])


def _ris_record(
    lines: _RisLines, number: int, parser: Any, source: str, problems: list[Problem]
) -> Record:
    for tag, value in _repeated_tags(lines.lines):
        problems.append(Problem(source, number, given_twice(tag, value), lines.first))
    ending = () if lines.ended else ("ER  - ",)
    parsed = parser.parse_lines(iter([*_type_first(lines), *ending]))[0]
    values = {tag: value if isinstance(value, list) else [value] for tag, value in parsed.items()}
    text = {field: one_of(values, RIS_TAGS[field]) for field in _RIS_TEXT_FIELDS}
    m3 = one_of(values, ("M3",))
    if text["doi"] is None and m3 and find_doi(m3):
        text["doi"] = m3
    if text["doi"] is None:
        text["doi"] = first_doi_link(values.get(_FULL_TEXT_LINKS, []))
    if links := _all_of(values, "url"):
        text["url"] = " ".join(links)  # each a link; read in to_entry
    text["access"] = joined_notes(_all_of(values, "access"))
    date, unread = _ris_date(values)
    text["status"], unread = status_or_unread(unread)
    text["status"] = status_of_type(text["status"], m3)
    if unread is not None:
        problems.append(Problem(source, number, unread_date(unread), lines.first))
    accessed, unread = access_date(one_of(values, RIS_TAGS["accessed"]))
    if unread is not None:
        problems.append(Problem(source, number, unread, lines.first))
    type_name = (one_of(values, RIS_TAGS["kind"]) or "").strip().upper()
    given = website_as_publisher(
        type_name, {field: value for field, value in text.items() if value is not None}
    )
    kind = kind_of(type_name, RIS_KINDS, given)
    article_number = one_of(values, RIS_TAGS["article_number"])
    return Record(
        number=number,
        lines=tuple(range(lines.first, lines.last + 1)),
        kind=kind,
        text=given,
        authors=people(next((values[tag] for tag in RIS_TAGS["authors"] if values.get(tag)), [])),
        date=date,
        pages=pages_or_article_number(_ris_pages(values), article_number, kind),
        tags=tuple(dict.fromkeys(tag.strip() for tag in _all_of(values, "tags") if tag.strip())),
        accessed=accessed,
    )


# Where a record starts (counted before reading, against ``max_records``); whitespace
# but newlines after ^, which holds after each newline (a \s* would be quadratic). One
# space before the dash is read as two (see _with_two_spaces).
RECORD_START = re.compile(r"^[^\S\n]*TY {1,2}-", re.MULTILINE)
_TWO_SPACED_START = re.compile(r"^[^\S\n]*TY  -", re.MULTILINE)
_ONE_SPACED_TAG = re.compile(r"^([^\S\n]*[A-Z][A-Z0-9]) -(?= |$)", re.MULTILINE)


def _with_two_spaces(text: str) -> str:
    """A file whose records start ``TY - JOUR``, one space before the dash (Open Journal
    Systems' citation plugin wrote its RIS so; Zotero's RIS.js reads ``{1,2}`` spaces),
    with every tag written as RIS spells it. A file spelling its tags with two spaces is
    left alone: there, a value's line running on as ``UK - based…`` is no tag."""
    if _TWO_SPACED_START.search(text):
        return text
    return _ONE_SPACED_TAG.sub(r"\1  -", text)


def read_ris(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    refuse_beyond_starts(RECORD_START, text, max_records, source)
    text = _with_two_spaces(text)
    parser = _rispy_parser()
    records = []
    number = 0
    for number, lines in numbered(_ris_records(text, source, problems), deadline):
        if not lines.ended:
            reason = "no ER line at its end; read up to the next record"
            problems.append(Problem(source, number, reason, lines.first))
        if lines.early:
            reason = f"tags before its TY line ({lines.early}), read as the record's"
            problems.append(Problem(source, number, reason, lines.first))
        records.append(_ris_record(lines, number, parser, source, problems))
    return records, number
