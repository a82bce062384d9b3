"""Zotero's CSV export (File › Export Library… › CSV), and the same file saved again by a
spreadsheet.

Zotero writes a UTF-8 BOM, a header row of column names (``"Key","Item Type",
"Publication Year","Author","Title",…``: its fields' names split into words), then an
item a row, every value quoted, newlines within a value made spaces; several values in
one column (authors, tags, notes) are ``; `` apart, a name is ``Family, Given`` (an
organisation's is one name). Notes and attachments are not rows. A spreadsheet saving
it again may write it ``;``- or tab-separated (Excel, in a language whose decimal mark
is a comma; "Unicode text"), quote only values that need it, and let a value run over
lines: the separator is taken from the header row, values are read by their column's
name, so columns moved or deleted are still read.

Read with the standard library's ``csv`` module (which reads quoted values over lines
and doubled quotes as Excel writes them).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence

from attrs import frozen

from ..errors import InputError
from ..limits import Deadline
from ..model import Kind
from .records import (
    Problem,
    Record,
    access_date,
    joined_notes,
    kind_of,
    numbered,
    people,
    refuse_beyond,
    split_pages,
    status_or_unread,
    unread_date,
    website_as_publisher,
    written_or_year,
)

ZOTERO_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        ("journalArticle", "magazineArticle", "newspaperArticle", "preprint"),
        Kind.JOURNAL_ARTICLE,
    ),
    **dict.fromkeys(("videoRecording", "film", "tvBroadcast", "radioBroadcast"), Kind.VIDEO),
}
"""Zotero's item types (CSV's ``Item Type``, RDF's ``z:itemType``) → kind, as Zotero's
CSL export types them (``preprint`` is CSL's ``article``, a broadcast CSL's
``broadcast``); every other type (report, book, bookSection, webpage, thesis…) is a
report, as the brief's own item types are. ``document`` is classified as RIS's ``GEN``
is."""

ZOTERO_AUTHOR_TYPES = ("author", "contributor", "director", "presenter", "interviewee",
                       "artist", "sponsor", "inventor", "cartographer", "performer",
                       "podcaster", "programmer")  # fmt: skip
"""Zotero's creator types that are a work's authors: its ``author``, and those its CSV
export writes as authors (a video's director, a podcast's podcaster…). Editors, series
editors, translators and book authors are not."""

ZOTERO_CSV_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "title": ("Title",),
    "container_title": ("Publication Title", "Journal Abbreviation"),
    "volume": ("Volume",),
    "issue": ("Issue",),
    "publisher": ("Publisher",),
    "place": ("Place",),
    "abstract": ("Abstract Note",),
    "url": ("Url",),
    "doi": ("DOI",),
    # Values built from several columns, or split.
    "access": ("Notes", "Extra"),
    "authors": ("Author",),
    "date": ("Date", "Publication Year"),
    "accessed": ("Access Date",),
    "pages": ("Pages",),
    "tags": ("Manual Tags", "Automatic Tags"),
    "kind": ("Item Type",),
}
"""Entry field → the columns that fill it, the first given winning: ``Publication Title``
(a journal's, a website's, a book's for a section) before ``Journal Abbreviation``;
``Date`` (Zotero writes it as ISO ``2018-08-15``, ``2018-08``, or as entered when it
cannot) before ``Publication Year``. Every note and the Extra field are read (Zotero's
notes are HTML; Extra last), a ``DOI: 10.…`` line of Extra as the DOI when the ``DOI``
column is empty (see :data:`ZOTERO_EXTRA_FIELDS`). ``Publisher`` holds a report's
institution and a video's studio too. The key, ISBN, ISSN, dates added, modified and
accessed, the number of pages, series, language, rights, the report's or thesis's type
and number, archive, call number, attachments, editors and other creators have no place
in the model, or say nothing about which work a row is."""

ZOTERO_EXTRA_FIELDS: Mapping[str, tuple[str, str]] = {"DOI": ("doi", r"10\.\d{4,9}/\S+")}
"""Keys of Zotero's Extra field (``Key: value`` lines, Zotero's place for a field an
item type lacks) → the entry field their value fills when the item's own field is
empty, and the form of a value read so: Zotero keeps a report's, book's or web page's
DOI as ``DOI: 10.…`` there (those types have no DOI field; older versions did so for
every type but journal articles; citeproc-js's older ``{:DOI: 10.…}`` is read too).
Other Extra lines (``PMID: …``, ``tex.…``, a ``DOI:`` that holds no DOI) stay a note."""

_EXTRA_LINE = re.compile(
    "|".join(
        rf"(?:^|(?<=\s))(?P<{field}_braced>\{{:)?(?P<{field}>{re.escape(key)}):[ \t]*"
        rf"(?P<{field}_value>{value})(?({field}_braced)\}})"
        for key, (field, value) in ZOTERO_EXTRA_FIELDS.items()
    ),
    re.IGNORECASE,
)  # a line's start, or a space: Zotero's CSV writes Extra's line breaks as spaces. Also
# citeproc-js's older form, {:DOI: 10.…}, which Zotero's Extra field took before its lines.
_EXTRA_NAMES = tuple(field for field, _ in ZOTERO_EXTRA_FIELDS.values())


def extra_fields(extra: str, given: Mapping[str, str | None]) -> tuple[dict[str, str], str]:
    """The values Extra's ``Key: value`` lines give for fields ``given`` leaves empty,
    and the rest of Extra (a key whose field is given stays in it, as written)."""
    found: dict[str, str] = {}

    def taken(match: re.Match[str]) -> str:
        field = next(name for name in _EXTRA_NAMES if match[name] is not None)
        if given.get(field) or field in found:
            return match[0]
        found[field] = match[f"{field}_value"]
        return ""

    rest = _EXTRA_LINE.sub(taken, extra)
    return found, " ".join(rest.split()) if found else extra


VALUE_SEPARATOR = "; "
"""Between the values of one column: Zotero's ``valueSeparator``."""

HEADER_START = re.compile(r'"?Key"?([,;\t])"?Item Type"?\1')
"""The start of Zotero's header row, and the separator its columns have."""

_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place",
                "abstract", "url", "doi")  # fmt: skip


@frozen
class _Row:
    """One row's fields, and the lines it spans (a quoted value may span several)."""

    fields: tuple[str, ...]
    first: int
    last: int


def _rows(text: str, delimiter: str) -> Iterator[_Row]:
    """Every row that is not blank, the header first, with its lines. Not strict, the
    csv module reads any text (a stray quote is kept, an unclosed one takes the rest of
    the file into its value); only a value past its size limit would stop it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = 0
    for fields in reader:
        first, last = last + 1, reader.line_num
        if any(field.strip() for field in fields):  # a blank line is no record
            yield _Row(tuple(fields), first, last)


@frozen
class _Header:
    """The header row: column name (case folded) → its index, the first of a name given
    twice; and how many fields it has."""

    indexes: Mapping[str, int]
    width: int

    @classmethod
    def of(cls, fields: Sequence[str]) -> _Header:
        indexes: dict[str, int] = {}
        for index, name in enumerate(fields):
            indexes.setdefault(name.strip().casefold(), index)
        return cls(indexes, len(fields))


class _Columns:
    """A row's values by column name (a column the file does not have is empty)."""

    def __init__(self, indexes: Mapping[str, int], fields: Sequence[str]) -> None:
        self.indexes = indexes
        self.fields = fields

    def value(self, column: str) -> str:
        index = self.indexes.get(column.casefold())
        return self.fields[index].strip() if index is not None else ""

    def first(self, field: str) -> str | None:
        """The first non-blank value of the columns that fill ``field``."""
        return next(
            (value for column in ZOTERO_CSV_COLUMNS[field] if (value := self.value(column))),
            None,
        )

    def split(self, field: str) -> list[str]:
        """Every value of the columns that fill ``field``, each column's split at ``; ``."""
        return [
            part.strip()
            for column in ZOTERO_CSV_COLUMNS[field]
            for part in self.value(column).split(VALUE_SEPARATOR)
            if part.strip()
        ]


def _record(
    row: _Row, number: int, header: _Header, source: str, problems: list[Problem]
) -> Record | None:
    if len(row.fields) != header.width:
        reason = (
            f"a row of {len(row.fields)} fields where the header has {header.width}"
            f"{_span(row)}: not read (a value's quotes or separators broken?)"
        )
        problems.append(Problem(source, number, reason, row.first))
        return None
    columns = _Columns(header.indexes, row.fields)
    text = {field: columns.first(field) for field in _TEXT_FIELDS}
    *notes, extra = (columns.value(column) for column in ZOTERO_CSV_COLUMNS["access"])
    from_extra, extra = extra_fields(extra, text)
    text |= from_extra
    text["access"] = joined_notes([*notes, extra])
    written, year = (columns.value(column) or None for column in ZOTERO_CSV_COLUMNS["date"])
    date, unread = written_or_year(written, year)
    text["status"], unread = status_or_unread(unread)
    if unread is not None:
        problems.append(Problem(source, number, unread_date(unread), row.first))
    type_name = columns.first("kind") or ""
    given = website_as_publisher(
        type_name, {field: value for field, value in text.items() if value is not None}
    )
    pages = columns.first("pages")
    accessed, unread = access_date(columns.first("accessed"))
    if unread is not None:
        problems.append(Problem(source, number, unread, row.first))
    return Record(
        number=number,
        lines=tuple(range(row.first, row.last + 1)),
        kind=kind_of(type_name, ZOTERO_KINDS, given),
        text=given,
        authors=people(columns.split("authors")),
        date=date,
        accessed=accessed,
        pages=split_pages(pages) if pages else None,
        tags=tuple(dict.fromkeys(columns.split("tags"))),
    )


def _span(row: _Row) -> str:
    return f" (lines {row.first}-{row.last})" if row.last > row.first else ""


def read_zotero_csv(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    start = HEADER_START.match(text.lstrip("\ufeff \t\r\n"))  # the first line not blank
    if start is None:
        raise InputError(f'{source}: not a Zotero CSV export (no "Key","Item Type" header row)')
    # A value may be as long as the file (an abstract pasted whole); the csv module's
    # limit (128 KiB) would refuse it. The file's own size is capped already.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        rows = list(_rows(text.lstrip("\ufeff"), start.group(1)))
    finally:
        csv.field_size_limit(limit)
    header, *rows = rows  # the header, which HEADER_START found
    refuse_beyond(len(rows), max_records, source)
    columns = _Header.of(header.fields)
    if not any(name.casefold() in columns.indexes for name in ZOTERO_CSV_COLUMNS["title"]):
        raise InputError(f"{source}: a Zotero CSV export without its Title column")
    records = [
        _record(row, number, columns, source, problems) for number, row in numbered(rows, deadline)
    ]
    return [record for record in records if record is not None], len(rows)
