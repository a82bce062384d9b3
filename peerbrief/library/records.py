"""What every format shares: a record's values → an entry, and the result's types."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html.parser import HTMLParser
from itertools import islice
from typing import Any, TypeVar

import attrs
from attrs import frozen

from ..errors import InputError
from ..fields import doi_from_url, is_video_link
from ..fields import parse_date as parse_brief_date
from ..limits import Deadline
from ..model import Date, Entry, EntrySequence, Kind, Pages, Person, Provenance, Section
from ..model import collapse_spaces as one_line
from ..vocabulary import (
    BRIEF_TITLE_PREFIX,
    ITEM_TYPES,
    NAME_COMMA,
    PUBLICATION_STATUSES,
    SEASON_WORDS,
    TOP_LEVEL_SECTIONS,
    VIDEO_TITLE_PREFIXES,
)

EXPORT_HINT = "export the library as RIS, BibTeX or CSL JSON (Zotero: File > Export Library...)"
"""What to do with a library in a format that is not read."""

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
class Bibliography(EntrySequence):
    """The records of one bibliography file as entries, and what could not be read.

    It is the sequence of its entries: ``peerbrief.against(brief, bibliography)``,
    ``write(bibliography, "copy.ris")``.
    """

    source: str
    format: str
    """``ris``, ``bibtex`` (BibTeX or biblatex), ``csl-json``, ``endnote-xml``, ``refer``,
    ``zotero-csv``, ``zotero-rdf`` or ``medline``."""
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = ()
    records: int = 0
    """How many records the file holds, read or not."""


GENERIC_TYPES = frozenset({"GEN", "misc", "document", "Generic"})
"""RIS, BibTeX, CSL and EndNote types that say nothing about the work (BibTeX writes videos and
entries missing a required field as ``@misc``). Such a record is classified as the
brief's own sources are: a subtype naming an item type (biblatex's ``entrysubtype =
{video}``) or a title naming a video (``Video: …``) makes a video; a journal with a
volume or issue, a journal article; anything else, a report. In a generic BibTeX entry
that names no publisher, ``howpublished`` is the publisher (the journal, when a volume
or issue says it is a periodical), and so is the ``journal`` Zotero writes as a web
page's website title."""


WEB_PAGE_TYPES = frozenset(
    {"ELEC", "WEB", "BLOG", "webpage", "post-weblog", "blogPost", "online", "www", "Web Page"}
)
"""RIS, CSL, Zotero, biblatex and EndNote types of a web page (Zotero's ``webpage`` is
CSL's), whose container (``T2``, ``container-title``, ``Publication Title``) is the
website's title: Zotero saves a page of NHS England's site with the website "NHS
England". A brief names a web page's owner as its publisher, so the website is the
publisher when the record names none (see :func:`website_as_publisher`). A web page that
is a film (a link to a video site, a title ``Video: …``) is a video, as a brief's is."""


def website_as_publisher(type_name: str, text: Mapping[str, str]) -> dict[str, str]:
    """A web page's text fields with its website as the publisher, if it names none."""
    fields = dict(text)
    if type_name in WEB_PAGE_TYPES and "publisher" not in fields and "container_title" in fields:
        fields["publisher"] = fields.pop("container_title")
    return fields


@frozen
class Record:
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
    accessed: Date | None = None


_TOP_LEVEL = frozenset(TOP_LEVEL_SECTIONS)


@frozen
class TaggedLines:
    """One record of a tagged format (Refer, MEDLINE): its tags' values in order, and the
    lines it spans."""

    values: tuple[tuple[str, str], ...]
    first: int
    last: int

    @classmethod
    def of(cls, values: Iterable[tuple[str, Sequence[str]]], first: int, last: int) -> TaggedLines:
        """The record of ``values``, (tag, parts) pairs built as lines are read: a value's
        continuation lines are appended to its parts, joined once here (adding each to a
        string would copy the value again for every line, quadratic in a long value)."""
        return cls(tuple((tag, "".join(parts)) for tag, parts in values), first, last)

    @property
    def line_numbers(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


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


def kind_of(
    type_name: str, kinds: Mapping[str, Kind], text: Mapping[str, str], subtype: str = ""
) -> Kind:
    """The kind a record's type names; for a generic type, see :data:`GENERIC_TYPES`; a
    web page may be a video (see :data:`WEB_PAGE_TYPES`)."""
    if type_name not in GENERIC_TYPES:
        kind = kinds.get(type_name, Kind.REPORT)
        return Kind.VIDEO if type_name in WEB_PAGE_TYPES and _names_a_video(text) else kind
    if named := ITEM_TYPES.get(subtype.strip().lower()):  # biblatex's entrysubtype = {video}
        return Kind(named)
    if _names_a_video(text):
        return Kind.VIDEO
    if text.get("container_title") and (text.get("volume") or text.get("issue")):
        return Kind.JOURNAL_ARTICLE
    return Kind.REPORT


def _names_a_video(text: Mapping[str, str]) -> bool:
    """A title naming a video (``Video: …``), or a first link to a video site, as in a
    brief."""
    links = text.get("url", "").split()
    return bool(_VIDEO_TITLE.match(text.get("title", ""))) or is_video_link(
        links[0] if links else None
    )


def refuse_beyond(count: int, max_records: int, source: str) -> None:
    """Refuse a library of more than ``max_records`` records, before they are read: each
    costs about 1.5 KB of memory and 40 µs however short it is written (``@a{`` is a
    BibTeX record), so 1 MB can hold hours of work (see ``MAX_LIBRARY_RECORDS``)."""
    if count > max_records:
        raise InputError(
            f"{source}: more than {max_records} records, the limit on one library "
            "(max_records, --max-library-records); a library of 50,000 records is a large one"
        )


_Item = TypeVar("_Item")


def numbered(items: Iterable[_Item], deadline: Deadline) -> Iterator[tuple[int, _Item]]:
    """``items`` numbered from 1, the library's deadline checked before each (a record
    costs about 40 µs, one a hostile file makes far more: see ``read_bibliography``'s
    ``max_seconds``)."""
    for number, item in enumerate(items, 1):
        deadline.check()
        yield number, item


def refuse_beyond_starts(starts: re.Pattern[str], text: str, max_records: int, source: str) -> None:
    """:func:`refuse_beyond` with the records that ``starts`` finds begun in ``text``
    (counted to ``max_records`` + 1 at most), before the parser reads them."""
    begun = sum(1 for _ in islice(starts.finditer(text), max_records + 1))
    refuse_beyond(begun, max_records, source)


def to_entry(record: Record, source: str, problems: list[Problem]) -> Entry | None:
    text = dict(record.text)
    title = text.pop("title", "")
    if not title.strip():
        problems.append(Problem(source, record.number, "no title", first_line(record.lines)))
        return None
    sections, brief = _sections_and_brief(record.tags)
    links = (text.get("url") or "").split()
    url, other_links = (links[0], links[1:]) if links else (None, [])
    if not text.get("doi") and (doi_link := first_doi_link(other_links)):
        text["doi"] = doi_link  # Mendeley's links: the publisher's, then doi.org's
        other_links.remove(doi_link)
    if other_links:  # Mendeley writes a record's links into one field, a space apart
        reason = f"more than one link: the first is read, not {' '.join(other_links)!r}"
        problems.append(Problem(source, record.number, reason, first_line(record.lines)))
    doi = find_doi(text["doi"]) if text.get("doi") else None
    if doi is None and text.get("doi"):  # not a reason to tell this record from a brief's
        reason = f"no DOI in the DOI field: {one_line(text['doi'])!r}"
        problems.append(Problem(source, record.number, reason, first_line(record.lines)))
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
            status=text.get("status"),
            accessed=record.accessed,
            url=url,
            doi=doi,
        )
    except ValueError as error:  # a value the model refuses: reported, never fatal
        reason = f"not read: {one_line(str(error))}"
        problems.append(Problem(source, record.number, reason, first_line(record.lines)))
        return None


def first_doi_link(links: Sequence[str]) -> str | None:
    """The first of a record's further links that holds a DOI (``https://doi.org/10.…``, a
    publisher's ``…/doi/full/10.…``), read as the DOI of a record that gives none: of
    several links only one can be the entry's, and the DOI is what matching uses most."""
    return next((link for link in links if doi_from_url(link)), None)


class _NoteText(HTMLParser):
    """The text of an HTML note, a space for each paragraph or line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")  # <p>, <br>, <li>: words apart; inline tags: harmless

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


# The tags a note written as HTML opens with: Zotero's <div data-schema-version>, an older
# note's <p>, a heading or list. Any other "<" starts text ("<5 years", "<?>").
_HTML_NOTE = re.compile(
    r"<(?:div|p|span|h[1-6]|ul|ol|blockquote|pre|table|html|body)(?=[\s/>])", re.IGNORECASE
)


def joined_notes(notes: Iterable[str | None]) -> str | None:
    """A record's notes as one value, ``; `` between them. Zotero's notes are HTML
    (``<div data-schema-version="8"><p>…``): a note opening with a block tag is read as
    HTML (the standard library's parser), its text kept; one whose HTML holds no text
    (``<P>``) is kept as written, not lost."""
    texts = []
    for note in notes:
        if note and _HTML_NOTE.match(note.lstrip()):
            parser = _NoteText()
            parser.feed(note)
            parser.close()
            text = "".join(parser.parts)
            note = text if text.strip() else note
        if note and note.strip():
            texts.append(one_line(note))
    return "; ".join(texts) or None


def given_twice(name: str, value: object) -> str:
    """Why a repeated field's next value is not read (the model has one place for it)."""
    dropped = f" ({one_line(value)!r})" if isinstance(value, str) else ""
    return f"{name} given twice: only the first is read, not the next{dropped}"


def first_line(lines: Sequence[int]) -> int | None:
    return lines[0] if lines else None


def one_of(values: Mapping[str, Sequence[str]], names: Iterable[str]) -> str | None:
    """The first non-blank value of the first of ``names`` that has one."""
    for name in names:
        for value in values.get(name, ()):
            if value.strip():
                return value
    return None


def date_of(
    year: int | None, month: int | None = None, day: int | None = None, season: int | None = None
) -> Date | None:
    """A Date, or None when the parts cannot make one (a month 13, a day 31 of April)."""
    if year is None or (day is not None and month is None):
        return None
    try:
        if day is not None and month is not None and day > calendar.monthrange(year, month)[1]:
            return None
        return Date(year, month, day, season if not month else None)
    except ValueError:
        return None


_PAGE_DASHES = re.compile(r"[-–—]+")


def split_pages(text: str) -> Pages | None:
    """``451-460``, ``451–460``, ``451--460``, or a single page or article number."""
    text = text.strip()
    dashes = _PAGE_DASHES.search(text, 1)  # a range has a first page before its dash
    if dashes is not None:
        first, last = text[: dashes.start()].strip(), text[dashes.end() :].strip()
        if first and last:
            return Pages(first, last)
    return Pages(text) if text else None


NO_NAME = frozenset({"null", "undefined"})
"""What exporters write for a given name they do not have: Mendeley's RIS gives ``van den
Hoven, null`` (a JavaScript null written as text, passed on by what imports it);
``undefined`` is its sibling (RefWorks writes it into notes so). Such a given name is no
given name (it would make an initial ``n`` that another record's ``R.`` disagrees
with)."""


def pages_or_article_number(pages: Pages | None, number: str | None, kind: Kind) -> Pages | None:
    """A journal article's pages, else its article number (EndNote's "Article Number"
    field: RIS ``C7``, XML ``custom7``, tagged ``%]``; an e-only article's number, which
    a brief gives as its page: ``e25528``). EndNote's other types use that field for
    other things, so only a journal article's is read."""
    if pages is not None or kind is not Kind.JOURNAL_ARTICLE or not (number or "").strip():
        return pages
    return Pages((number or "").strip())


def to_person(family: str, given: str | None) -> Person | None:
    family, given = family.strip(), (given or "").strip()
    if given in NO_NAME:
        given = ""
    if not family:
        return Person(given) if given else None  # a name with nothing before its comma
    return Person(family, given or None)


_NUMBER = re.compile(r"\d+")


# A day written in numbers, the year last: the UK writes the day first, the US the month.
_NUMERIC_DAY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def either_way_year(text: str) -> Date | None:
    """The year of a day written in numbers that reads as two days (``08/01/2018``: 8
    January in the UK, 1 August in the US), which a library does not guess between (a
    brief's reader takes the UK's order); None for any other text."""
    match = _NUMERIC_DAY.fullmatch(text.strip())
    if match is None:
        return None
    first, second, year = map(int, match.groups())
    return (
        date_of(year)
        if first != second and 1 <= min(first, second) <= max(first, second) <= 12
        else None
    )


def unread_date(text: str) -> str:
    """Why a date's text was not read whole: it reads as two days (its year is read, see
    :func:`either_way_year`), or it was not understood."""
    if either_way_year(text) is not None:
        return f"date {text.strip()!r} reads as day/month or month/day: its year alone is read"
    return f"date not understood: {text!r}"


def parse_date(text: str) -> Date | None:
    """A written date, as a brief's are read (an ISO date-time, ``2019-04-15T00:00:00Z``,
    a CSL ``raw`` date copied from an API's timestamp, as its day: the model has no
    time, see :data:`_TIMED_DAY`), except that one whose day the month does not have
    (``31/02/2021``, ``February 31 2021``) is not a date: the brief's reader drops that
    day and keeps the month, which a library reports instead; nor is one that reads as
    two days (:func:`either_way_year`)."""
    if either_way_year(text) is not None:
        return None
    if timed := _TIMED_DAY.fullmatch(text.strip()):  # "2019-04-15T00:00:00Z": the day
        text = timed[1]
    found = parse_brief_date(text)
    if found is None or found.month is None or found.day is not None or found.end is not None:
        return found
    numbers = [int(number) for number in _NUMBER.findall(text)]
    if found.year in numbers:
        numbers.remove(found.year)
    if found.month in numbers:  # a month written as a number (11/2023)
        numbers.remove(found.month)
    return None if any(1 <= number <= 31 for number in numbers) else found


def with_year(text: str, year: Date | None) -> Date | None:
    """A date written without its year (EndNote's ``DA  - April 15``), given one elsewhere."""
    return parse_date(f"{text} {year.year}") if year is not None else None


def written_or_year(written: str | None, year_text: str | None) -> tuple[Date | None, str | None]:
    """EndNote's two dates: one as written (``2015/03/01``, ``March 2015``, or ``Mar 12``,
    which takes the year's year), else the year alone; and the text of one that was not
    understood (a written date that is not one gives way to a year, and is reported; one
    that reads as two days gives its own year, see :func:`either_way_year`)."""
    year = slashed_date(year_text) if year_text else None
    if year_text and year is None:
        return either_way_year(year_text), year_text
    if written:
        found = slashed_date(written) or with_year(written, year)
        if found is not None:
            return found, None
        return either_way_year(written) or year, written
    return year, None


# Zotero writes an access date with its time (``2019-03-04 15:12:33`` in CSV and RDF,
# ``2019/03/04/15:12:33`` in RIS's last part, ``2019-03-04T15:12:33Z`` in its API's JSON),
# ISO 8601 with an offset too (``+01:00``): the day is read as written, the time has no
# place.
_TIMED_DAY = re.compile(
    r"(\d{4}[-/]\d{1,2}[-/]\d{1,2})[T /]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


def access_date(text: str | None) -> tuple[Date | None, str | None]:
    """An access date as reference managers write it (``2019-03-04 15:12:33``,
    ``2019/03/04/15:12:33``, ``2019/03/04``, ``4 March 2019``), and why one given was not
    read (not a date, or a range: an access date is one day)."""
    if text is None or not text.strip():
        return None, None
    timed = _TIMED_DAY.fullmatch(text.strip())
    found = slashed_date(timed[1] if timed else text)
    if found is None:
        return None, f"access date not understood: {one_line(text)!r}"
    if found.end is not None:
        return None, access_range(text)
    return found, None


def access_range(text: str) -> str:
    """Why an access date given as a range (``text``, as written) is not read."""
    return f"access date is a range, not one day: {one_line(text)!r}"


def status_or_unread(unread: str | None) -> tuple[str | None, str | None]:
    """A date's text that was not understood: the entry's publication status when it is
    one (EndNote keeps PubMed's ``Epub ahead of print`` as the date), else still unread."""
    if unread is not None and unread.strip().rstrip(".").casefold() in PUBLICATION_STATUSES:
        return unread.strip(), None
    return None, unread


def status_of_type(status: str | None, type_of_work: str | None) -> str | None:
    """The status, else EndNote's type of work when it is one (``Article in Press``: RIS
    ``M3``, XML ``work-type``, tagged ``%9``); another type of work (``Article``,
    ``Erratum``) says nothing the model keeps."""
    if status is not None or not type_of_work:
        return status
    return status_or_unread(type_of_work)[0]


def people(names: Iterable[str]) -> tuple[Person, ...]:
    """``Family, Given`` names; a name without a comma is one name (``Skipper``); one
    ending in a comma is an organisation's, as EndNote (and peerbrief) write them
    (``NHS England,``)."""
    found = (_person(*name.partition(",")) for name in names)
    return tuple(person for person in found if person is not None)


def _person(family: str, comma: str, given: str) -> Person | None:
    # (A comma the RIS writer set inside a name, as peerbrief's RIS comes back.)
    family, given = family.replace(NAME_COMMA, ","), given.replace(NAME_COMMA, ",")
    if comma and family.strip() and not given.strip():
        return Person(family.strip(), organisation=True)
    return to_person(family, given)


MAX_DIGITS = 18
"""The most digits read as a number: no year, day or season has more, and int() raises
ValueError on a string of more than 4,300 digits, which a hostile library may hold."""


def to_int(value: Any) -> int | None:
    """A whole number written as digits (``"2020"``, ``3``), else None."""
    text = str(value or "").strip()
    # (ASCII only: str.isdigit also takes "²", which int() refuses.)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS else None


_WRITTEN_DOI = re.compile(
    r"(?:doi:?\s*|https?://(?:www\.)?(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.IGNORECASE
)


def find_doi(value: str) -> str | None:
    """The DOI a library's DOI field holds, however written: bare, ``doi:``, EndNote's
    ``DOI 10.…``, a ``doi.org`` link (each kept as written), or a publisher's link
    holding one (``…/doi/full/10.…``: read as a brief's links are); None when it holds
    none (Zotero's Refer ``%R`` holds a report's type)."""
    if match := _WRITTEN_DOI.fullmatch(value.strip()):
        return match[1]
    return doi_from_url(value)


_SLASHED_DATE = re.compile(r"(\d{4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?")


def slashed_date(text: str) -> Date | None:
    """RIS's and EndNote's ``2012/04//``, ``2018///Spring``, ``2015/03/01``, ``2021``; else
    any date peerbrief reads."""
    if match := _SLASHED_DATE.fullmatch(text.strip()):
        year, month, day, other = match.groups()
        season = SEASON_WORDS.get((other or "").strip().lower())
        if (other or "").strip() and season is None:
            return None  # other text than a season ("2021///online"): not read whole
        return date_of(int(year), int(month) if month else None, int(day) if day else None, season)
    return parse_date(text) if text.strip() else None
