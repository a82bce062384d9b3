"""Your own library: RIS, BibTeX/biblatex and CSL-JSON files → the entry model.

``read_bibliography(path)`` reads what Zotero, EndNote, Mendeley and JabRef export, and
what peerbrief writes, into the same :class:`~peerbrief.model.Entry` objects a brief
gives, each with its provenance (the file, the record's number and, for RIS and BibTeX,
its lines). The format is recognised by content: a ``TY  -`` line is RIS, a JSON array
or object is CSL-JSON, an ``@type{`` entry is BibTeX.

A record that cannot be read, and a value that cannot be understood, is reported in
``Bibliography.problems`` as (file, record, reason); reading goes on. Fields the model
has no place for (ISSN, language, access date, call number, attachments…) are not read.

Which tag or field fills which entry field is data (the tables below), read in order:
the first one a record gives wins (``T2`` before ``JF`` before ``JO``…).

* **RIS** (split into records here, each record's tags read by rispy): ``TY``; ``TI``/
  ``T1``; ``AU``/``A1`` (``Family, Given``; no comma: one name, an organisation);
  ``T2``/``JF``/``JO``/``JA``/``J2`` (full titles before abbreviations); ``DA``/``Y1``/
  ``PY`` (``YYYY/MM/DD/other``; EndNote's yearless ``DA`` takes ``PY``'s year); ``SP``
  (EndNote writes ``451-460`` there)/``EP``; ``AB``/``N2``; ``N1``; ``KW``; ``UR``;
  ``DO`` (or a DOI in EndNote's ``M3``).
* **BibTeX and biblatex** (bibtexparser 2 and its middlewares: string and month macros,
  co-authors and name parts, ``and others``; LaTeX decoded field by field, never in
  ``url`` and ``doi``): ``journaltitle``/``journal``/``booktitle``/``howpublished``;
  ``date`` (EDTF: ranges, seasons ``2018-21``) or ``year``/``month``/``day``;
  ``institution``/``publisher``/``organization``/``school``; ``location``/``address``.
* **CSL-JSON**: ``container-title`` (else ``container-title-short``), ``issued``
  (``date-parts``, ``season``, ``raw``, ``literal``), ``{"literal": "others"}``.

Tags (RIS ``KW``, ``keywords``, CSL ``keyword``) become the entry's sections, as
peerbrief writes sections as tags: a tag naming one of the template's top-level
sections starts a section and the tags after it are its sub-sections; the tag that is
an evidence brief's title ("Evidence Brief: …") is the provenance's ``brief``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import attrs
from attrs import frozen

from .errors import InputError
from .fields import parse_date
from .inputs import decode_text
from .model import Date, Entry, Kind, Pages, Person, Provenance, Section
from .model import collapse_spaces as one_line
from .vocabulary import (
    BRIEF_TITLE_PREFIX,
    ITEM_TYPES,
    SEASON_WORDS,
    TOP_LEVEL_SECTIONS,
    VIDEO_TITLE_PREFIXES,
)

__all__ = [
    "BIBTEX_FIELDS",
    "BIBTEX_KINDS",
    "CSL_KINDS",
    "RIS_KINDS",
    "RIS_TAGS",
    "Bibliography",
    "Problem",
    "read_bibliography",
]

ET_AL = "others"
"""BibTeX's ``and others`` and CSL's ``{"literal": "others"}`` ending a name list: "et al."."""


@frozen
class Problem:
    """A record, or a value of one, that could not be read."""

    source: str
    record: int
    """The record's number in the file, from 1; 0 for the file as a whole."""
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f" record {self.record}" if self.record else ""
        line = f" (line {self.line})" if self.line else ""
        return f"{self.source}{where}{line}: {self.reason}"


@frozen
class Bibliography(Sequence[Entry]):
    """The records of one bibliography file as entries, and what could not be read.

    It is the sequence of its entries: ``peerbrief.against(brief, bibliography)``,
    ``write(bibliography, "copy.ris")``.
    """

    source: str
    format: str
    """``ris``, ``bibtex`` (BibTeX or biblatex) or ``csl-json``."""
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = ()
    records: int = 0
    """How many records the file holds, read or not."""

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)


# --- Kinds ---------------------------------------------------------------------------

GENERIC_TYPES = frozenset({"GEN", "misc", "document"})
"""RIS, BibTeX and CSL types that say nothing about the work (BibTeX writes videos and
entries missing a required field as ``@misc``). Such a record is classified as the
brief's own sources are: a subtype naming an item type (biblatex's ``entrysubtype =
{video}``) or a title naming a video (``Video: …``) makes a video; a journal with a
volume or issue, a journal article; anything else, a report. In a generic BibTeX entry
that names no publisher, ``howpublished`` is the publisher (the journal, when a volume
or issue says it is a periodical)."""

RIS_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        ("JOUR", "JFULL", "EJOUR", "ABST", "MGZN", "NEWS", "INPR"), Kind.JOURNAL_ARTICLE
    ),
    **dict.fromkeys(("VIDEO", "MPCT", "ADVS", "MULTI"), Kind.VIDEO),
}
"""``TY`` → kind; every other type (report, book, web page, generic…) is a report, as
the brief's own item types are (periodicals' articles count as journal articles)."""

BIBTEX_KINDS: Mapping[str, Kind] = {
    "article": Kind.JOURNAL_ARTICLE,
    "periodical": Kind.JOURNAL_ARTICLE,
    "video": Kind.VIDEO,
    "movie": Kind.VIDEO,
}
"""Entry type → kind; every other type is a report."""

CSL_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        ("article-journal", "article-magazine", "article-newspaper", "article", "periodical"),
        Kind.JOURNAL_ARTICLE,
    ),
    **dict.fromkeys(("motion_picture", "broadcast"), Kind.VIDEO),
}
"""CSL ``type`` → kind; every other type is a report."""


# --- What every format shares: values → an entry -------------------------------------


@frozen
class _Record:
    """One record's values as read, before they become an entry."""

    number: int
    lines: tuple[int, ...] = ()
    kind: Kind = Kind.REPORT
    text: Mapping[str, str] = attrs.field(factory=dict)
    """Entry field → text, for the fields that are plain text."""
    authors: tuple[Person, ...] = ()
    truncated: bool = False
    date: Date | None = None
    pages: Pages | None = None
    tags: tuple[str, ...] = ()


_TOP_LEVEL = frozenset(TOP_LEVEL_SECTIONS)


def _sections_and_brief(tags: Sequence[str]) -> tuple[list[Section], str | None]:
    """Tags back into sections (see the module doc) and the brief's title, if tagged."""
    brief = next((tag for tag in tags if tag.lower().startswith(BRIEF_TITLE_PREFIX)), None)
    sections: list[Section] = []
    top: str | None = None
    for tag in tags:
        if tag == brief:
            continue
        if tag in _TOP_LEVEL:
            top = tag
            sections.append(Section(tag))
        elif top is None:
            sections.append(Section(tag))
        elif sections[-1] == Section(top):
            sections[-1] = Section(top, tag)
        else:
            sections.append(Section(top, tag))
    return sections, brief


_VIDEO_TITLE = re.compile(
    r"^(?:" + "|".join(map(re.escape, VIDEO_TITLE_PREFIXES)) + r")\s*:", re.IGNORECASE
)


def _kind(
    type_name: str, kinds: Mapping[str, Kind], text: Mapping[str, str], subtype: str = ""
) -> Kind:
    """The kind a record's type names; for a generic type, see :data:`GENERIC_TYPES`."""
    if type_name not in GENERIC_TYPES:
        return kinds.get(type_name, Kind.REPORT)
    if named := ITEM_TYPES.get(subtype.strip().lower()):  # biblatex's entrysubtype = {video}
        return Kind(named)
    if _VIDEO_TITLE.match(text.get("title", "")):
        return Kind.VIDEO
    if text.get("container_title") and (text.get("volume") or text.get("issue")):
        return Kind.JOURNAL_ARTICLE
    return Kind.REPORT


def _entry(record: _Record, source: str, problems: list[Problem]) -> Entry | None:
    text = dict(record.text)
    title = text.pop("title", "")
    if not title.strip():
        problems.append(Problem(source, record.number, "no title", _first(record.lines)))
        return None
    sections, brief = _sections_and_brief(record.tags)
    provenance = Provenance(source, record.lines, brief=brief, record=record.number)
    try:
        return Entry(
            title=title,
            kind=record.kind,
            authors=record.authors,
            authors_truncated=record.truncated and bool(record.authors),
            date=record.date,
            pages=record.pages,
            sections=sections,
            provenance=(provenance,),
            container_title=text.get("container_title"),
            volume=text.get("volume"),
            issue=text.get("issue"),
            publisher=text.get("publisher"),
            place=text.get("place"),
            abstract=text.get("abstract"),
            access=text.get("access"),
            url=text.get("url"),
            doi=text.get("doi"),
        )
    except ValueError as error:  # a value the model refuses: reported, never fatal
        reason = f"not read: {one_line(str(error))}"
        problems.append(Problem(source, record.number, reason, _first(record.lines)))
        return None


def _first(lines: Sequence[int]) -> int | None:
    return lines[0] if lines else None


def _one_of(values: Mapping[str, Sequence[str]], names: Iterable[str]) -> str | None:
    """The first non-blank value of the first of ``names`` that has one."""
    for name in names:
        for value in values.get(name, ()):
            if value.strip():
                return value
    return None


def _date(
    year: int | None, month: int | None = None, day: int | None = None, season: int | None = None
) -> Date | None:
    """A Date, or None when the parts cannot make one (a month 13, a day 31 of April)."""
    if year is None:
        return None
    try:
        return Date(year, month, day if month else None, season if not month else None)
    except ValueError:
        return None


_PAGE_DASHES = re.compile(r"[-–—]+")


def _split_pages(text: str) -> Pages | None:
    """``451-460``, ``451–460``, ``451--460``, or a single page or article number."""
    text = text.strip()
    dashes = _PAGE_DASHES.search(text, 1)  # a range has a first page before its dash
    if dashes is not None:
        first, last = text[: dashes.start()].strip(), text[dashes.end() :].strip()
        if first and last:
            return Pages(first, last)
    return Pages(text) if text else None


def _person(family: str, given: str | None) -> Person | None:
    family, given = family.strip(), (given or "").strip()
    if not family:
        return Person(given) if given else None  # a name with nothing before its comma
    return Person(family, given or None)


def _with_year(text: str, year: Date | None) -> Date | None:
    """A date written without its year (EndNote's ``DA  - April 15``), given one elsewhere."""
    return parse_date(f"{text} {year.year}") if year is not None else None


# --- RIS -------------------------------------------------------------------------------

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
    "pages": ("SP", "EP"),
    "tags": ("KW",),
    "kind": ("TY",),
}
"""Entry field → the RIS tags that fill it, the first given winning; ``M3`` holds a DOI
in EndNote's exports and is read when ``DO`` is missing."""

_RIS_REPEATABLE = ("AU", "A1", "KW", "UR", "N1")
_RIS_TAG = re.compile(r"([A-Z][A-Z0-9])  -(?: |$)")
_RIS_DATE = re.compile(r"(\d{4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?")
_DOI_LIKE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+", re.IGNORECASE)


def _rispy_parser() -> Any:
    import rispy  # imported here: only RIS files need it

    tags = {tag for names in RIS_TAGS.values() for tag in names} | {"M3"}
    return rispy.RisParser(
        mapping={tag: tag for tag in (*tags, "ER")},
        list_tags=list(_RIS_REPEATABLE),
        delimiter_tags_mapping={},  # a URL may hold ";"
        skip_unknown_tags=True,  # fields the model has no place for
    )


@frozen
class _RisLines:
    """One record's lines, from its ``TY`` line to its ``ER`` line (if it has one)."""

    lines: tuple[str, ...]
    first: int
    last: int
    ended: bool


def _ris_records(text: str, source: str, problems: list[Problem]) -> Iterator[_RisLines]:
    """Split the file into records. rispy alone would merge a record missing its ``ER``
    into the next one, and drop a last one."""
    collected: list[str] = []
    start = number = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line[:1].isspace() and _RIS_TAG.match(line.lstrip()):
            line = line.lstrip()  # Zotero reads tags after leading spaces too
        head = line[:5]
        if head == "TY  -":
            if collected:
                yield _RisLines(tuple(collected), start, number - 1, ended=False)
            collected, start = [line], number
        elif not collected:
            if match := _RIS_TAG.match(line):
                reason = f"a {match.group(1)} line outside any record"
                problems.append(Problem(source, 0, reason, number))
        elif head == "ER  -" and _RIS_TAG.match(line):
            yield _RisLines((*collected, line), start, number, ended=True)
            collected = []
        else:
            collected.append(line)
    if collected:
        yield _RisLines(tuple(collected), start, number, ended=False)


def _ris_date(values: Mapping[str, Sequence[str]]) -> tuple[Date | None, str | None]:
    """The date from ``DA``, ``Y1`` or ``PY``, and the text of one that was not understood.
    The last tag (``PY``) is the year, which lends itself to a date written without one."""
    *_, year_tag = RIS_TAGS["date"]
    year = _ris_date_text(_one_of(values, (year_tag,)) or "")
    for tag in RIS_TAGS["date"]:
        text = _one_of(values, (tag,))
        if text is None:
            continue
        date = _ris_date_text(text) or _with_year(text, year)
        if date is not None:
            return date, None
        if tag == year_tag or year is None:
            return None, text
    return year, None


def _ris_date_text(text: str) -> Date | None:
    """``2012/04//``, ``2018///Spring``, ``2021``; else any date peerbrief reads."""
    if match := _RIS_DATE.fullmatch(text.strip()):
        year, month, day, other = match.groups()
        season = SEASON_WORDS.get((other or "").strip().lower())
        return _date(int(year), int(month) if month else None, int(day) if day else None, season)
    return parse_date(text) if text.strip() else None


def _ris_pages(values: Mapping[str, Sequence[str]]) -> Pages | None:
    start, end = RIS_TAGS["pages"]
    first, last = _one_of(values, (start,)), _one_of(values, (end,))
    if first is None:
        return Pages(last) if last else None
    return Pages(first, last) if last else _split_pages(first)


def _all_of(values: Mapping[str, Sequence[str]], field: str) -> list[str]:
    """Every value of the tags of one field (several notes, every keyword)."""
    return [value for tag in RIS_TAGS[field] for value in values.get(tag, [])]


def _ris_authors(values: Mapping[str, Sequence[str]]) -> tuple[Person, ...]:
    names = next((values[tag] for tag in RIS_TAGS["authors"] if values.get(tag)), [])
    people = (_person(*name.partition(",")[::2]) for name in names)
    return tuple(person for person in people if person is not None)


_RIS_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place",
                    "abstract", "url", "doi")  # fmt: skip


def _ris_record(
    lines: _RisLines, number: int, parser: Any, source: str, problems: list[Problem]
) -> _Record:
    ending = () if lines.ended else ("ER  - ",)
    parsed = parser.parse_lines(iter([*lines.lines, *ending]))[0]
    values = {tag: value if isinstance(value, list) else [value] for tag, value in parsed.items()}
    text = {field: _one_of(values, RIS_TAGS[field]) for field in _RIS_TEXT_FIELDS}
    if text["doi"] is None and (m3 := _one_of(values, ("M3",))) and _DOI_LIKE.fullmatch(m3):
        text["doi"] = m3
    if notes := [note for note in _all_of(values, "access") if note.strip()]:
        text["access"] = "; ".join(notes)
    date, unread = _ris_date(values)
    if unread is not None:
        problems.append(Problem(source, number, f"date not understood: {unread!r}", lines.first))
    given = {field: value for field, value in text.items() if value is not None}
    return _Record(
        number=number,
        lines=tuple(range(lines.first, lines.last + 1)),
        kind=_kind((_one_of(values, RIS_TAGS["kind"]) or "").strip().upper(), RIS_KINDS, given),
        text=given,
        authors=_ris_authors(values),
        date=date,
        pages=_ris_pages(values),
        tags=tuple(dict.fromkeys(tag.strip() for tag in _all_of(values, "tags") if tag.strip())),
    )


def _read_ris(text: str, source: str, problems: list[Problem]) -> tuple[list[_Record], int]:
    parser = _rispy_parser()
    records = []
    number = 0
    for number, lines in enumerate(_ris_records(text, source, problems), 1):
        if not lines.ended:
            reason = "no ER line at its end; read up to the next record"
            problems.append(Problem(source, number, reason, lines.first))
        records.append(_ris_record(lines, number, parser, source, problems))
    return records, number


# --- BibTeX and biblatex ----------------------------------------------------------------

BIBTEX_FIELDS: Mapping[str, tuple[str, ...]] = {
    "title": ("title",),
    "container_title": ("journaltitle", "journal", "booktitle", "howpublished", "shortjournal"),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "publisher": ("institution", "publisher", "organization", "school"),
    "place": ("location", "address"),
    "abstract": ("abstract",),
    "access": ("note", "annote", "annotation"),
    "url": ("url",),
    "doi": ("doi",),
}
"""Entry field → the BibTeX and biblatex fields that fill it, the first given winning
(``howpublished`` only when it is not a link). Built from several fields: ``author``,
``date`` or ``year``/``month``/``day``, ``pages``, ``keywords``."""

_SUBTYPES = ("entrysubtype", "type")
"""Fields that may name what a generic entry (``@misc``) is."""

_VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf"})
"""Fields biblatex reads verbatim: ``%`` and ``~`` are characters there, not LaTeX."""
# Text that LaTeX decoding would change: macros, groups, math, comments, ligatures, quotes.
_LATEX_MARKS = re.compile(r"[\\{}$~%`]|--|''")
# TeX's opening single quote, which pylatexenc leaves a backquote (it reads ``…'' as “…”);
# a backquote after a backslash is the grave accent (\`e), two are an opening double quote.
_TEX_OPENING_QUOTE = re.compile(r"(?<![\\`])`(?!`)")
_EDTF_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _split_top_level(value: str, separators: str) -> list[str]:
    """Split at separators outside braces, counting braces as BibTeX does."""
    parts, depth, start = [], 0, 0
    for index, character in enumerate(value):
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
        elif depth == 0 and character in separators:
            parts.append(value[start:index])
            start = index + 1
    return [part.strip() for part in [*parts, value[start:]] if part.strip()]


def _split_page_range(value: str) -> list[str] | None:
    """``451--460`` split at the first ``--`` outside braces; None when there is none."""
    depth = 0
    for index, character in enumerate(value):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0 and value.startswith("--", index):
            return [value[:index].strip(), value[index:].lstrip("-").strip()]
    return None


def _bibtex_stack() -> list[Any]:
    """bibtexparser's middlewares, then LaTeX decoding field by field."""
    from bibtexparser.middlewares import (
        LatexDecodingMiddleware,
        MonthIntMiddleware,
        NormalizeFieldKeys,
        RemoveEnclosingMiddleware,
        ResolveStringReferencesMiddleware,
        SeparateCoAuthors,
        SplitNameParts,
    )

    class DecodeLatex(LatexDecodingMiddleware):
        """bibtexparser's LaTeX decoding, except in verbatim fields; keywords and pages
        are split before decoding (their braces group), names part by part."""

        def decode(self, text: str, *, quotes: bool = False) -> str:
            """``text`` decoded; with ``quotes``, TeX quotation marks read as typographic."""
            if not _LATEX_MARKS.search(text):
                return text  # pylatexenc works character by character, in Python
            if quotes:
                text = _TEX_OPENING_QUOTE.sub("‘", text)
            decoded: str = self._transform_python_value_string(text)[0]
            return decoded

        def transform_entry(self, entry: Any, library: Any) -> Any:
            for field in entry.fields:
                value = field.value
                if field.key in _VERBATIM:
                    continue
                if isinstance(value, list):  # names, split by the middlewares before
                    for name in value:
                        if name.last == [ET_AL] and not (name.first or name.von or name.jr):
                            continue  # "others", unbraced: "et al." ("{others}" is a name)
                        for part in ("first", "von", "last", "jr"):
                            setattr(name, part, [self.decode(word) for word in getattr(name, part)])
                        name.last = [f"{{{word}}}" if word == ET_AL else word for word in name.last]
                elif not isinstance(value, str):
                    continue
                elif field.key == "keywords":
                    field.value = [self.decode(tag) for tag in _split_top_level(value, ",;")]
                elif field.key == "pages":  # "451--460"; EndNote writes "451-460"
                    parts = _split_page_range(value)
                    first, last = map(self.decode, parts) if parts else ("", "")
                    pages = Pages(first, last) if first.strip() else None
                    field.value = pages or _split_pages(self.decode(value))
                else:
                    field.value = self.decode(value, quotes=True)
            return entry

    return [
        NormalizeFieldKeys(),
        ResolveStringReferencesMiddleware(),
        RemoveEnclosingMiddleware(),
        MonthIntMiddleware(),
        SeparateCoAuthors(),
        SplitNameParts(),
        DecodeLatex(),
    ]


def _bibtex_people(names: Sequence[Any]) -> tuple[tuple[Person, ...], bool]:
    """Names from bibtexparser's name parts; a last ``others`` is "et al."."""
    truncated = bool(names) and names[-1].last == [ET_AL] and not names[-1].first
    people = []
    for name in names[: len(names) - truncated]:
        last = [ET_AL if word == f"{{{ET_AL}}}" else word for word in name.last]
        family = " ".join([*name.von, *last])
        given = " ".join([*name.first, *name.jr]) or None
        person = _person(family, given)
        if person is not None:
            people.append(person)
    return tuple(people), truncated


def _edtf(text: str) -> Date | None:
    """biblatex's ``date``: ``2012``, ``2012-04``, ``2012-04-15``, seasons ``2018-21``..``-24``,
    and ranges ``2012-04/2012-06``; anything else as a written date."""
    points = []
    for part in text.strip().split("/"):
        match = _EDTF_POINT.fullmatch(part.strip())
        if match is None:
            return parse_date(text)
        year, month, day = (int(group) if group else None for group in match.groups())
        if month is not None and 21 <= month <= 24:
            points.append(_date(year, season=month - 20))
        else:
            points.append(_date(year, month, day))
    start, *end = points
    if start is None or None in end or len(end) > 1:
        return None
    return attrs.evolve(start, end=end[0]) if end else start


def _bibtex_date(fields: Mapping[str, Any]) -> tuple[Date | None, str | None]:
    if isinstance(date := fields.get("date"), str) and date.strip():
        found = _edtf(date)
        if found is None:
            return None, date
        return _with_seasons(found, str(fields.get("issue", ""))), None
    year = str(fields.get("year", "")).strip()
    if not year:
        return None, None
    month = fields.get("month")
    if isinstance(month, str) and month.strip():  # not a month MonthIntMiddleware knows
        found = parse_date(f"{month} {year}")
    elif year.isdigit() and len(year) == 4:
        found = _date(int(year), month if isinstance(month, int) else None, _int(fields.get("day")))
    else:
        found = parse_date(year)
    return (found, None) if found else (None, f"{month or ''} {year}".strip())


def _howpublished_is_publisher(
    entry_type: str, values: Mapping[str, Sequence[str]], text: Mapping[str, str | None]
) -> bool:
    """See :data:`GENERIC_TYPES`."""
    return (
        entry_type in GENERIC_TYPES
        and not _one_of(values, _SUBTYPES)  # biblatex's @misc videos keep it as the container
        and text["publisher"] is None
        and _one_of(values, BIBTEX_FIELDS["container_title"]) == _one_of(values, ("howpublished",))
        and not (text["volume"] or text["issue"])
    )


def _with_seasons(date: Date, issue: str) -> Date:
    """biblatex's ``issue`` holds the season of a journal's issue ("Spring", "Spring-Summer"),
    its ``date`` the year or years."""
    seasons = _seasons(issue)
    if not seasons or date.month is not None:
        return date
    end = date.end or date
    start = Date(date.year, season=seasons[0])
    if len(seasons) == 1 and date.end is None:
        return start
    return attrs.evolve(start, end=Date(end.year, season=seasons[-1]))


def _seasons(issue: str) -> list[int]:
    """The seasons an issue designation names ("Spring", "Spring-Summer"); none if it is
    anything else."""
    seasons = [SEASON_WORDS.get(word.strip().lower()) for word in issue.split("-")]
    found = [season for season in seasons if season is not None]
    return found if issue.strip() and len(found) == len(seasons) <= 2 else []


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _bibtex_record(block: Any, number: int, source: str, problems: list[Problem]) -> _Record:
    fields = {field.key: field.value for field in block.fields}
    values = {key: [value] for key, value in fields.items() if isinstance(value, str)}
    text = {field: _one_of(values, names) for field, names in BIBTEX_FIELDS.items()}
    container = text["container_title"]
    if container and container.lower().startswith(("http://", "https://")):
        text["url"] = text["url"] or container  # howpublished = {\url{…}}
        text["container_title"] = _one_of(values, ("shortjournal",))
    elif _howpublished_is_publisher(block.entry_type.lower(), values, text):
        text["publisher"], text["container_title"] = text["container_title"], None
    people, truncated = _bibtex_people(fields.get("author") or [])
    if (
        block.entry_type.lower() == "techreport"
        and len(people) == 1
        and not people[0].given
        and people[0].family == text["publisher"]
    ):
        people = ()  # the institution standing in as group author (plain.bst needs one)
    date, unread = _bibtex_date(fields)
    if text["issue"] == fields.get("issue") and _seasons(text["issue"] or ""):
        text["issue"] = None  # biblatex's season of issue, read into the date
    line = block.start_line + 1
    if unread is not None:
        problems.append(Problem(source, number, f"date not understood: {unread!r}", line))
    pages = fields.get("pages")
    given = {field: value for field, value in text.items() if value is not None}
    return _Record(
        number=number,
        lines=(line,),
        kind=_kind(block.entry_type.lower(), BIBTEX_KINDS, given, _one_of(values, _SUBTYPES) or ""),
        text=given,
        authors=people,
        truncated=truncated,
        date=date,
        pages=pages if isinstance(pages, Pages) else None,
        tags=tuple(dict.fromkeys(fields.get("keywords") or ())),
    )


def _read_bibtex(text: str, source: str, problems: list[Problem]) -> tuple[list[_Record], int]:
    # Imported here: only BibTeX files need bibtexparser.
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.model import Entry as BibEntry
    from bibtexparser.model import ParsingFailedBlock

    # bibtexparser logs each block it cannot parse; they are reported below, as values.
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        library = parse_string(text, parse_stack=_bibtex_stack())
    finally:
        logger.setLevel(level)
    blocks = [b for b in library.blocks if isinstance(b, (BibEntry, ParsingFailedBlock))]
    records = []
    for number, block in enumerate(sorted(blocks, key=lambda b: b.start_line or 0), 1):
        if isinstance(block, BibEntry):
            records.append(_bibtex_record(block, number, source, problems))
        else:
            why = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
            reason = f"not read: {one_line(why)}"
            problems.append(Problem(source, number, reason, (block.start_line or 0) + 1))
    return records, len(blocks)


# --- CSL-JSON --------------------------------------------------------------------------

CSL_TRUNCATED = "authors-truncated"
"""The ``custom`` key by which peerbrief says an author list ends in "et al."."""

CSL_FIELDS: Mapping[str, tuple[str, ...]] = {
    "title": ("title",),
    "container_title": ("container-title", "container-title-short", "journalAbbreviation"),
    "volume": ("volume",),
    "issue": ("issue",),
    "publisher": ("publisher",),
    "place": ("publisher-place", "event-place"),
    "abstract": ("abstract",),
    "access": ("annote", "note"),
    "url": ("URL",),
    "doi": ("DOI",),
}
"""Entry field → the CSL variables that fill it, the first given winning. Built from
several: ``author``, ``issued``, ``page``/``page-first``, ``keyword``, ``type``."""


def _csl_text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _csl_people(names: Any) -> tuple[tuple[Person, ...], bool]:
    if not isinstance(names, list):
        return (), False
    truncated = bool(names) and isinstance(names[-1], dict) and names[-1].get("literal") == ET_AL
    people = []
    for name in names[: len(names) - truncated]:
        if not isinstance(name, dict):
            continue
        particle = " ".join(
            str(name[key])
            for key in ("dropping-particle", "non-dropping-particle")
            if name.get(key)
        )
        family = _csl_text(name.get("family")) or _csl_text(name.get("literal")) or ""
        given = _csl_text(name.get("given"))
        person = _person(f"{particle} {family}".strip(), given)
        if person is not None:
            people.append(person)
    return tuple(people), truncated


def _csl_point(parts: Any, season: Any) -> Date | None:
    numbers = [_int(part) for part in parts] if isinstance(parts, list) else []
    if not numbers or None in numbers:
        return None
    year, month, day = [*numbers, None, None][:3]
    if isinstance(season, str):
        season = SEASON_WORDS.get(season.strip().lower())
    return _date(year, month, day, season if isinstance(season, int) else None)


def _csl_date(issued: Any) -> tuple[Date | None, str | None]:
    if not isinstance(issued, dict):
        return None, None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts:
        start = _csl_point(parts[0], issued.get("season"))
        end = _csl_point(parts[1], None) if len(parts) > 1 else None
        if start is not None:
            return (attrs.evolve(start, end=end) if end else start), None
    text = _csl_text(issued.get("raw")) or _csl_text(issued.get("literal"))
    if text:
        found = parse_date(text)
        return (found, None) if found else (None, text)
    return None, json.dumps(issued) if parts else None


def _csl_record(item: Any, number: int, source: str, problems: list[Problem]) -> _Record | None:
    if not isinstance(item, dict):
        problems.append(Problem(source, number, "not a CSL-JSON item (an object)"))
        return None
    values = {
        key: [shown] for key, value in item.items() if (shown := _csl_text(value)) is not None
    }
    text = {field: _one_of(values, names) for field, names in CSL_FIELDS.items()}
    people, truncated = _csl_people(item.get("author"))
    custom = item.get("custom")
    truncated = truncated or (isinstance(custom, dict) and custom.get(CSL_TRUNCATED) is True)
    date, unread = _csl_date(item.get("issued"))
    if unread is not None:
        problems.append(Problem(source, number, f"date not understood: {unread}"))
    page = _one_of(values, ("page", "page-first"))
    keywords = _csl_text(item.get("keyword")) or ""
    given = {field: value for field, value in text.items() if value is not None}
    return _Record(
        number=number,
        kind=_kind(str(item.get("type", "")), CSL_KINDS, given),
        text=given,
        authors=people,
        truncated=truncated,
        date=date,
        pages=_split_pages(page) if page else None,
        tags=tuple(dict.fromkeys(tag.strip() for tag in keywords.split(";") if tag.strip())),
    )


def _read_csl(text: str, source: str, problems: list[Problem]) -> tuple[list[_Record], int]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: not valid JSON (line {error.lineno}: {error.msg})") from None
    items = data if isinstance(data, list) else [data]
    records = [_csl_record(item, number, source, problems) for number, item in enumerate(items, 1)]
    return [record for record in records if record is not None], len(items)


# --- Reading a file --------------------------------------------------------------------

_READERS: Mapping[str, Callable[[str, str, list[Problem]], tuple[list[_Record], int]]] = {
    "ris": _read_ris,
    "bibtex": _read_bibtex,
    "csl-json": _read_csl,
}
_RIS_START = re.compile(r"^\s*TY  -", re.MULTILINE)
_BIBTEX_START = re.compile(r"^\s*@\s*\w+\s*[{(]", re.MULTILINE)


def _format_of(text: str, source: str) -> str:
    """RIS, CSL-JSON or BibTeX, by content (extensions lie: ``.txt`` RIS, ``.bib`` RIS)."""
    if text.lstrip()[:1] in ("[", "{"):
        return "csl-json"
    if _RIS_START.search(text):
        return "ris"
    if _BIBTEX_START.search(text):
        return "bibtex"
    raise InputError(f"{source}: not a RIS, BibTeX or CSL-JSON bibliography")


def read_bibliography(
    source: str | os.PathLike[str] | bytes, *, format: str | None = None, name: str | None = None
) -> Bibliography:
    """Read a reference library exported as RIS, BibTeX/biblatex or CSL-JSON.

    ``format`` (``ris``, ``bibtex``, ``csl-json``) overrides recognition by content;
    ``name`` is what provenance calls the source (by default the path). Records that
    cannot be read are in ``problems``; only a file that cannot be read at all (missing,
    binary, not a bibliography, broken JSON) raises :class:`~peerbrief.errors.InputError`.
    """
    label = name or ("<bytes>" if isinstance(source, bytes) else os.fspath(source))
    text = decode_text(_read(source, label), label, what="a bibliography")
    chosen = format or _format_of(text, label)
    if chosen not in _READERS:
        raise InputError(
            f"unknown bibliography format {chosen!r}; choose one of {', '.join(_READERS)}"
        )
    problems: list[Problem] = []
    records, count = _READERS[chosen](text, label, problems)
    entries = [_entry(record, label, problems) for record in records]
    found = tuple(entry for entry in entries if entry is not None)
    ordered = tuple(sorted(problems, key=lambda problem: (problem.record, problem.line or 0)))
    return Bibliography(label, chosen, found, ordered, count)


def _read(source: str | os.PathLike[str] | bytes, label: str) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise InputError(f"{label}: cannot be read ({error.strerror or error})") from None
