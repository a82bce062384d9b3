"""PubMed's MEDLINE format (Send to › Citation manager: ``.nbib``; "PubMed" format text).

A record is a run of ``TAG - value`` lines, its tag left-justified in four columns
(``PMID- ``, ``TI  - ``, ``FAU - ``), records apart by blank lines and started by
``PMID-``; a value runs on over lines indented six spaces. Tags are those of NLM's
MEDLINE/PubMed data element descriptions; several repeat (``FAU``, ``AU``, ``PT``,
``AID``, ``MH``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..limits import Deadline
from ..model import Date, Kind
from ..model import collapse_spaces as one_line
from .records import (
    Problem,
    Record,
    TaggedLines,
    date_of,
    given_twice,
    kind_of,
    numbered,
    one_of,
    people,
    refuse_beyond_starts,
    slashed_date,
    split_pages,
    status_or_unread,
)

MEDLINE_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        ("Journal Article", "Case Reports", "Newspaper Article", "Preprint"), Kind.JOURNAL_ARTICLE
    ),
    "Video-Audio Media": Kind.VIDEO,
    **dict.fromkeys(("Technical Report", "Book", "Books", "Book Chapter"), Kind.REPORT),
}
"""Publication types (``PT``) → kind, the last of a record's types this table names
winning, as Zotero's MEDLINE import decides (``Journal Article`` then ``Video-Audio
Media`` is a video); a record none of whose types is named is a journal article, as
nearly all of PubMed's are (``Review``, ``Research Support, N.I.H., Extramural``…
describe an article)."""

MEDLINE_TAGS: Mapping[str, tuple[str, ...]] = {
    "title": ("TI", "BTI"),
    "container_title": ("JT", "TA"),
    "volume": ("VI",),
    "issue": ("IP",),
    "publisher": ("PB",),
    "place": ("PL",),
    "abstract": ("AB",),
    "doi": ("AID", "LID"),
    # Values built from several tags.
    "authors": ("FAU", "AU", "CN"),
    "date": ("DP", "DEP"),
    "status": ("PST",),
    "pages": ("PG", "LID"),
    "tags": ("MH", "OT", "KW"),
    "kind": ("PT",),
}
"""Entry field → the tags that fill it, the first given winning: the full author names
(``FAU``, ``Otte, Ilona``) before the short ones (``AU``, ``Otte I``: read as ``Otte,
I``) before a group's name (``CN``); the full journal title (``JT``) before NLM's
abbreviation (``TA``); a book's title (``BTI``) when the record has no ``TI`` (of a
chapter, the book's title is its container). The DOI is the ``AID`` or ``LID`` marked
``[doi]``; the date ``DP`` (the issue's, as a brief cites it), else the electronic
publication date ``DEP`` (``20200315``; beside a ``DP`` it is not read, as the history
dates are not: the model has one date, and an article's online and print years are
matched a year apart); the status ``PST`` (see :data:`MEDLINE_STATUSES`); pages ``PG``
as written (``123-9``), else the ``LID`` marked ``[pii]`` (an e-only article's number).
``PL`` is read only beside a publisher (``PB``, a book's): for an article it is its
journal's country. MeSH headings (``MH``), other terms (``OT``) and keywords are tags.
PMID, PMCID, ISSN, language, grants, affiliations, history dates and the like have no
place in the model."""

MEDLINE_STATUSES: Mapping[str, str | None] = {
    "aheadofprint": "Epub ahead of print",
    "ppublish": None,
    "epublish": None,
    "ecollection": None,
}
"""Publication status codes (``PST``) → the entry's status, as PubMed shows it; the
codes of a published work (in print, online only, in an online issue) give none, which
is an entry's published state. Another code is reported."""

_ELECTRONIC_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
"""``DEP``'s form, YYYYMMDD."""

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)")
_SHORT_NAME = re.compile(r"\s([A-Z]+)$")  # "Otte I": the initials after the family name
_READ_ONCE = ("TI", "BTI", "JT", "VI", "IP", "DP", "DEP", "PST", "PG", "AB", "PB")
"""Tags read once: of a repeated one the first is read, the next reported."""


def _records(text: str, source: str, problems: list[Problem]) -> Iterator[TaggedLines]:
    values: list[tuple[str, list[str]]] = []  # (tag, parts), continuation lines appended
    first = last = 0
    for number, raw in enumerate(text.splitlines(), 1):
        tag = None if raw[:1].isspace() else _TAG_LINE.fullmatch(raw.rstrip())
        if not raw.strip():
            if values:
                yield TaggedLines.of(values, first, last)
                values = []
        elif tag is not None:
            if tag.group(1) == "PMID" and values:  # a record not ended by a blank line
                yield TaggedLines.of(values, first, last)
                values = []
            if not values:
                first = number
            values.append((tag.group(1), [tag.group(2)]))
            last = number
        elif values:
            values[-1][1].append(" " + raw.strip())
            last = number
        else:
            problems.append(Problem(source, 0, "a line outside any record", number))
    if values:
        yield TaggedLines.of(values, first, last)


def _identified(values: Mapping[str, list[str]], field: str, kind: str) -> str | None:
    """The first value of the field's tags marked ``[kind]`` (``10.1/x [doi]``,
    ``e025166 [pii]``), without its mark."""
    mark = f"[{kind}]"
    for tag in MEDLINE_TAGS[field]:
        for value in values.get(tag, ()):
            if value.lower().endswith(mark) and (identifier := value[: -len(mark)].strip()):
                return identifier
    return None


def _names(values: Mapping[str, list[str]]) -> list[str]:
    """The first of the author tags given: ``AU``'s short names with their comma."""
    full, short, group = MEDLINE_TAGS["authors"]
    if names := values.get(full):
        return names
    if names := values.get(short):
        return [_SHORT_NAME.sub(r", \1", name) for name in names]
    return values.get(group, [])


def _date_and_status(
    values: Mapping[str, list[str]], source: str, number: int, line: int, problems: list[Problem]
) -> tuple[Date | None, str | None]:
    """The record's date (``DP``, else ``DEP``) and status (a ``DP`` that is one, else
    ``PST``'s); what is not understood is reported."""
    issue_tag, electronic_tag = MEDLINE_TAGS["date"]
    written = one_of(values, (issue_tag,))
    date = slashed_date(written) if written else None
    status, unread = status_or_unread(written if date is None else None)
    electronic = one_of(values, (electronic_tag,))
    if date is None and electronic is not None:
        found = _ELECTRONIC_DATE.fullmatch(electronic.strip())
        date = date_of(*map(int, found.groups())) if found else None
        if date is None:
            reason = f"{electronic_tag} date not understood: {electronic!r}"
            problems.append(Problem(source, number, reason, line))
    if unread is not None:
        problems.append(Problem(source, number, f"date not understood: {unread!r}", line))
    for code in values.get(MEDLINE_TAGS["status"][0], ())[:1]:
        if code.strip().casefold() not in MEDLINE_STATUSES:
            reason = f"publication status not understood: {code!r}"
            problems.append(Problem(source, number, reason, line))
        elif status is None:
            status = MEDLINE_STATUSES[code.strip().casefold()]
    return date, status


def _record(lines: TaggedLines, number: int, source: str, problems: list[Problem]) -> Record:
    values: dict[str, list[str]] = {}
    for tag, value in lines.values:
        values.setdefault(tag, []).append(one_line(value))
    for tag in _READ_ONCE:
        first, *others = values.get(tag) or [""]
        for value in dict.fromkeys(other for other in others if other not in ("", first)):
            problems.append(Problem(source, number, given_twice(tag, value), lines.first))
    text = {field: one_of(values, MEDLINE_TAGS[field]) for field in _TEXT_FIELDS}
    if values.get("TI") and values.get("BTI") and text["container_title"] is None:
        text["container_title"] = values["BTI"][0]  # a chapter's book
    if text["publisher"] is None:
        text["place"] = None  # a journal's country
    text["doi"] = _identified(values, "doi", "doi")
    date, text["status"] = _date_and_status(values, source, number, lines.first, problems)
    pages_tag, _ = MEDLINE_TAGS["pages"]
    pages = one_of(values, (pages_tag,)) or _identified(values, "pages", "pii")
    types = [name for tag in MEDLINE_TAGS["kind"] for name in values.get(tag, ())]
    named = [name for name in types if name in MEDLINE_KINDS]
    given = {field: value for field, value in text.items() if value is not None}
    return Record(
        number=number,
        lines=lines.line_numbers,
        kind=kind_of(named[-1] if named else "Journal Article", MEDLINE_KINDS, given),
        text=given,
        authors=people(_names(values)),
        date=date,
        pages=split_pages(pages) if pages else None,
        tags=tuple(
            dict.fromkeys(
                tag for name in MEDLINE_TAGS["tags"] for tag in values.get(name, ()) if tag
            )
        ),
    )


_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place", "abstract")

# Where a record starts (counted before reading, against ``max_records``).
RECORD_START = re.compile(r"^PMID- ", re.MULTILINE)


def read_medline(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    refuse_beyond_starts(RECORD_START, text, max_records, source)
    records = [
        _record(lines, number, source, problems)
        for number, lines in numbered(_records(text, source, problems), deadline)
    ]
    return records, len(records)
