"""The data model: what a brief and its references are, independent of any file format.

Every class is a frozen attrs class validated on construction, so an ``Entry``
that exists is an entry that every writer can handle.

The model is the bottom of the package: it imports no other stage. The display,
citation and writing methods of :class:`Entry` and :class:`Brief` hand the work to
:mod:`peerbrief.views`, :mod:`peerbrief.cite` and :mod:`peerbrief.writers`, imported
only when such a method is called; those modules use the model for type checking
only, so the import graph has no cycle and loading the model loads none of them.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

import attrs
from attrs import field, frozen

from .vocabulary import MONTH_NAMES, SEASONS

__all__ = [
    "Brief",
    "Choice",
    "Date",
    "Entry",
    "EntrySequence",
    "Kind",
    "Merge",
    "Pages",
    "Person",
    "Provenance",
    "Reason",
    "ReportItem",
    "Section",
]


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    return collapse_spaces(value) or None


def _nonempty(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def collapse_spaces(value: str) -> str:
    """Each run of whitespace as one space, none at either end (the parsers use it too)."""
    text = str(value)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Fast path for most values, long abstracts too: every whitespace character but
        # " " is non-printable, so such text is already collapsed; no split and join.
        return text
    return " ".join(text.split())


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _unique_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(values))


class Kind(enum.Enum):
    """What sort of work a reference is; writers map each to their own type names."""

    JOURNAL_ARTICLE = "journal-article"
    REPORT = "report"
    VIDEO = "video"


@frozen
class Person:
    """One author: a person, or an organisation as author (``NHS England``).

    ``given`` may be missing (``Skipper and Page`` gives family names only). For an
    organisation ``family`` holds its whole name and ``organisation`` is True: the
    parser decides once, and every writer and view follows its decision.
    """

    family: str = field(converter=_blank_to_none, validator=attrs.validators.instance_of(str))
    given: str | None = field(default=None, converter=_blank_to_none)
    organisation: bool = field(default=False, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.organisation and self.given is not None:
            raise ValueError("an organisation has no given name")

    def __str__(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


def _check_month(_i: object, _a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:
        raise ValueError(f"month must be 1-12, not {value}")


def _check_day(_i: object, _a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1 <= value <= 31:
        raise ValueError(f"day must be 1-31, not {value}")


def _check_season(_i: object, _a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value not in SEASONS:
        raise ValueError(f"season must be 1-4 (spring..winter), not {value}")


def _check_year(_i: object, _a: attrs.Attribute[Any], value: int) -> None:
    if not 1000 <= value <= 9999:
        raise ValueError(f"year must have four digits, not {value}")


@frozen
class Date:
    """A publication date as precise as the brief gives it.

    ``season`` follows CSL (1 spring, 2 summer, 3 autumn, 4 winter). A range such as
    ``April-June 2012`` is the start date with ``end`` set to ``Date(2012, 6)``.
    """

    year: int = field(validator=[attrs.validators.instance_of(int), _check_year])
    month: int | None = field(default=None, validator=_check_month)
    day: int | None = field(default=None, validator=_check_day)
    season: int | None = field(default=None, validator=_check_season)
    end: Date | None = field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.season is not None and self.month is not None:
            raise ValueError("a date has a month or a season, not both")
        if self.end is not None and self.end.end is not None:
            raise ValueError("a range cannot nest")

    @property
    def precision(self) -> int:
        """How much the date says: 0 year only, 1 season, 2 month, 3 day; +1 for a range."""
        level = 3 if self.day else 2 if self.month else 1 if self.season else 0
        return level + (1 if self.end is not None else 0)

    def __str__(self) -> str:
        """``2020``, ``June 2013``, ``Spring 2018``, ``15 November 2023``, ``April-June 2012``."""
        start = self._point()
        if self.end is None:
            return start
        end = self.end._point()
        if self.end.year == self.year and self.day is None and self.end.day is None:
            return f"{start.removesuffix(f' {self.year}')}-{end}"
        return f"{start} - {end}"

    def _point(self) -> str:
        parts: list[str] = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(MONTH_NAMES[self.month - 1])
        elif self.season is not None:
            parts.append(SEASONS[self.season])
        parts.append(str(self.year))
        return " ".join(parts)


def _check_point(_i: object, _a: attrs.Attribute[Any], value: Date | None) -> None:
    if value is not None and value.end is not None:
        raise ValueError(f"an access date is one day, not a range ({value})")


@frozen
class Pages:
    """A page range as printed; ``last`` is None for a single page or article number."""

    first: str = field(converter=str, validator=_nonempty)
    last: str | None = field(default=None, converter=_blank_to_none)

    def __str__(self) -> str:
        return f"{self.first}-{self.last}" if self.last else self.first


@frozen(order=True)
class Section:
    """Where a reference was listed: a top-level section, and its topic sub-section if any."""

    top: str = field(validator=_nonempty)
    sub: str | None = field(default=None, converter=_blank_to_none)

    @property
    def name(self) -> str:
        return self.sub or self.top

    def __str__(self) -> str:
        return f"{self.top} / {self.sub}" if self.sub else self.top


def _freeze_text_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _freeze_field_lines(value: Mapping[str, Iterable[int]]) -> Mapping[str, tuple[int, ...]]:
    return MappingProxyType({name: tuple(lines) for name, lines in value.items()})


@frozen
class Provenance:
    """Where one occurrence of a reference came from.

    ``lines`` are the input's line numbers (1-based) that the entry used; ``fields``
    maps each field name to the lines it was read from; ``pages`` are PDF pages;
    ``record`` is the record's number (1-based) in a bibliography file (a library).
    """

    source: str
    lines: tuple[int, ...] = field(converter=_tuple)
    pages: tuple[int, ...] = field(default=(), converter=_tuple)
    fields: Mapping[str, tuple[int, ...]] = field(
        factory=dict, converter=_freeze_field_lines, eq=False, hash=False
    )
    brief: str | None = None
    record: int | None = None

    @property
    def first_line(self) -> int:
        return min(self.lines) if self.lines else 0


@frozen
class Entry:
    """One reference of a brief, with the provenance of every occurrence it was read from."""

    title: str = field(converter=collapse_spaces, validator=_nonempty)
    kind: Kind = field(default=Kind.JOURNAL_ARTICLE, validator=attrs.validators.instance_of(Kind))
    authors: tuple[Person, ...] = field(default=(), converter=_tuple)
    authors_truncated: bool = False
    container_title: str | None = field(default=None, converter=_blank_to_none)
    volume: str | None = field(default=None, converter=_blank_to_none)
    issue: str | None = field(default=None, converter=_blank_to_none)
    pages: Pages | None = None
    date: Date | None = None
    publisher: str | None = field(default=None, converter=_blank_to_none)
    place: str | None = field(default=None, converter=_blank_to_none)
    abstract: str | None = field(default=None, converter=_blank_to_none)
    access: str | None = field(default=None, converter=_blank_to_none)
    sections: tuple[Section, ...] = field(default=(), converter=_unique_tuple)
    url: str | None = field(default=None, converter=_blank_to_none)
    doi: str | None = field(default=None, converter=_blank_to_none)
    status: str | None = field(default=None, converter=_blank_to_none)
    """Where the work is on its way to print, as the brief says: ``In press``,
    ``Epub ahead of print`` (CSL ``status``, biblatex ``pubstate``)."""
    accessed: Date | None = field(default=None, validator=_check_point)
    """When the brief's authors read the work's web page (``Accessed: 2 January 2025``):
    CSL ``accessed``, RIS ``Y2``, BibTeX and biblatex ``urldate``."""
    unparsed: Mapping[str, str] = field(factory=dict, converter=_freeze_text_mapping, hash=False)
    """Values the brief gives that peerbrief could not read, as written: field name
    (``date``, ``authors``, ``kind``, …) → the text after the label. Each is also in the
    brief's report as "value not understood"; writers can keep them in a note."""
    provenance: tuple[Provenance, ...] = field(default=(), converter=_tuple)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def first_author(self) -> Person | None:
        return self.authors[0] if self.authors else None

    def summary(self) -> str:
        """One line: ``Otte et al. (2020). Title. Journal 66(3).``"""
        from .views import entry_summary

        return entry_summary(self)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        from .views import entry_html

        return entry_html(self)

    def cite(self, style: str = "apa", format: str = "text", locale: str | None = None) -> str:
        """This one work formatted in a citation style (see :func:`peerbrief.cite.cite`);
        ``locale`` (``en-GB``) overrides the style's quotes, punctuation and terms."""
        from .cite import format_references

        return format_references([self], style, format, locale)[0]

    @property
    def keywords(self) -> tuple[str, ...]:
        """Section names as tags: every top-level section and sub-section, each once."""
        names: list[str] = []
        for section in self.sections:
            names.append(section.top)
            if section.sub:
                names.append(section.sub)
        return tuple(dict.fromkeys(names))


class Reason(enum.Enum):
    """Why a line of the input is not part of any entry, or what was removed from a line
    (see :attr:`is_removal`). UNEXPLAINED and VALUE_NOT_UNDERSTOOD fail a check:
    something may have been lost."""

    BLANK = "blank line"
    TITLE = "brief title"
    CONTENTS = "contents list"
    FRONT_MATTER = "front matter"
    CITATION = "the brief's own citation"
    NAVIGATION = "navigation link"
    HEADING = "section heading"
    RUNNING_HEADER = "running page header"
    RUNNING_FOOTER = "running page footer"
    """A line other than the header or a page number that the pages repeat at their top
    or bottom (a publisher's name, a footer)."""
    PAGE_NUMBER = "page number"
    PAGE_OUT_OF_ORDER = "page number lower than the one before it (pages out of order)"
    """A page's number at its foot or head that is lower than the page's before it, where
    the copy's other page numbers count up one by one: its pages were pasted out of order
    (page 3 before page 2), and a reference running across the pages moved is read with
    another's lines. It fails a check: put the pages in order, or copy the whole text."""
    SECTION_PROSE = "section prose without a reference"
    UNLABELLED_REFERENCE = "looks like a reference without labels (not read)"
    """A title-shaped line, then lines that read as metadata (``Smith et al.``,
    ``BMJ Open 12(3)``, ``2022``) without their labels, and the prose after them: the
    format labels a reference's metadata, so these are not read but reported; they fail
    a check, as a reference may be lost."""
    FOOTNOTE = "footnote at a page's foot"
    """A note a page of the PDF set at its foot (``¹ Data from…``, ``* Abstract only…``),
    or the note of a raised citation set after the paragraph citing it (a text whose
    pages are lost): no part of the abstract it follows."""
    BOX = "box between references that the Contents does not list (not read)"
    """A heading the Contents does not list and the list items under it, set between
    references (a ``Key messages`` box): not read into the abstract before it, nor taken
    for a section. It fails a check, as an abstract's own list may be headed so."""
    CAPTION = "caption of a figure, table or image"
    """A paragraph naming a picture or table the page shows (``Figure 1: Starts by
    level``, ``Image: Staff at a hub``): no part of the abstract it follows."""
    TURNED_TEXT = "text set at an angle (not read)"
    """A PDF page's text that is rotated or mirrored while the page's other text is upright
    (its words, in one item a page): never a brief's body, so it is not read; but a margin
    note, or text that a PDF drew in a way the reader mistook, may matter. It fails a
    check, unless it repeats (:attr:`TURNED_FURNITURE`)."""
    TURNED_FURNITURE = "text set at an angle on many pages (a watermark or margin label)"
    """Text set at an angle that recurs on many pages, as a running header does: not read."""
    SIGNATURE = "email signature"
    """An email's signature at the end of a copy pasted into a message: the ``-- `` line
    and the sender's name and role after it."""
    TITLE_ARTIFACT = "repeated title before its reference (conversion artifact)"
    BOOK_EDITORS = "editors of the book a section is in (no field holds them)"
    """The editors a book section's source names (``In: Kuhlmann, Ellen (ed.), Handbook…``):
    an entry has no field for a book's editors, so they are reported, not kept; ``text``
    gives them as written. Explained: the entry still reads the book, place and pages."""
    GARBLING_PRODUCER = "PDF rewritten by a program that garbles quotes, dashes and symbols"
    """A PDF whose producer is known to misread the maps from glyphs to characters of the
    PDF it rewrote (:data:`peerbrief.pdf.GARBLING_PRODUCERS`: Ghostscript 9.56 to 10.01,
    printing or compressing a PDF, made quotes, dashes and symbols of its composite fonts
    other characters, ``“`` ``<``, ``’`` ``9``): nothing tells which characters are wrong, so
    its text is read as it stands and this is reported, with the producer's name as
    ``text``. It fails a check: read the PDF it was made from, where there is one."""
    OCR_TEXT = "PDF text made by OCR from page images: misread characters cannot be told"
    """A PDF whose text is an OCR layer: drawn invisibly over the page images it was
    recognised in (:attr:`peerbrief.pdf.backend.Page.invisible`), some of it where the
    producer or creator is an OCR program (:data:`peerbrief.pdf.OCR_PROGRAMS`), most of it
    where none is named. A misread character (``l`` for ``1``, a lost word) reads like any
    other, so nothing else would report it. Its text is read as it stands and this is
    reported, with the program's name (or that it is unnamed) as ``text``. It fails a
    check: compare the references with the brief, or read the brief's published PDF."""
    UNDECODABLE_GLYPHS = "PDF glyphs whose font maps them to no character (left out)"
    """Glyphs a PDF draws whose font's map to Unicode gives control characters
    (:attr:`peerbrief.pdf.backend.Page.undecodable`), too few for the text to be refused
    as a cipher (:func:`peerbrief.pdf.refuse_undecodable`): the characters they stand for
    are not in the file (``mutool convert`` maps a reportlab subset's ``–`` and ``’``, in
    codes below 32, to those codes), so they are left out, and words or fields lose them
    (``2019/20 2023/24``). ``text`` says how many, and on which pages. It fails a check:
    read the PDF the file was made from, where there is one."""
    BOILERPLATE = "closing boilerplate"
    UNEXPLAINED = "not understood"
    VALUE_NOT_UNDERSTOOD = "value not understood"
    """A recognised label whose value could not be read: the entry keeps the text in
    ``Entry.unparsed``, and the line is reported here instead of counting as used."""
    CONTROL_CHARACTERS = "control characters removed"
    FORMAT_CHARACTERS = "invisible format characters removed"
    LONE_SURROGATES = "lone surrogates replaced by U+FFFD"
    MOJIBAKE_REPAIRED = "UTF-8 read as Windows-1252 repaired"
    """Characters a program the text passed through read byte by byte as Windows-1252
    (``â€™`` for ``’``, ``Ã©`` for ``é``), made the characters they were again; ``text``
    says which."""
    MOJIBAKE = "UTF-8 read as Windows-1252, a byte lost (not repaired)"
    """What is left of a curly quote or dash read as Windows-1252 whose last byte was
    lost (``â€``): ``”`` or another character, no one can tell. It fails a check."""
    UNSAFE_LINK = "link dropped: only http, https and DOI links are kept"
    TEXT_AFTER_TITLE = "text after a title that is no access note (kept in unparsed)"
    """Text after a title's link where the format has only the access note (``(video)``,
    words of a subtitle left out of the link): taken from the title's line, which the
    entry still uses, and kept in ``Entry.unparsed["access"]``. It fails a check, as it
    may be part of the title."""
    OTHER_LINK = "another link than the work's (no field holds it)"
    """A link on a title's line after the title's own, to another target (``[Easy read
    version](…)``, ``[Summary](…)``, a translation), or a web address a ``Source:`` ends
    with where the title links elsewhere: another version, part or page of the work,
    which no field holds (an entry has one link). It is taken from its line and reported;
    ``text`` is the link's text and target, or the address. Explained: the title, its
    link and its access note are read. (A link to nowhere, the export's ``#``, may be
    part of the title: it is :attr:`TEXT_AFTER_TITLE`.)"""
    THESIS = "kind of thesis beside its university (no field holds it)"
    """A publisher's value that opens or ends with the kind of thesis (``Thesis (PhD),
    University of Leeds``, ``PhD thesis. University of X``, ``MSc dissertation, …``,
    ``University of Leeds, PhD thesis``): the university is
    the publisher (BibTeX's ``school``, CSL's and RIS's publisher). The series lists
    articles, reports and videos, so a thesis is read as a report its university issues,
    and no field holds its degree (CSL's ``genre``): taken off and reported; ``text`` is
    the kind of thesis as written. Explained: the publisher is read."""
    MEDIUM = "medium after a title or journal, no part of it (not kept)"
    """A title or a journal followed by the medium the work is in, in brackets (NLM's
    ``[Internet]``, ``[Online]``, ``(PDF, 2 MB)``;
    :data:`peerbrief.vocabulary.MEDIUM_DESIGNATORS`; ``Nursing Times [online] 116(5)``): no
    field holds it, so it is taken from the line and reported. ``text`` is the designator
    as written."""
    APPROXIMATE_DATE = "approximate date read as the date it approximates (circa not kept)"
    """A publication date written as approximate (``c. 2015``): the date is read, and the
    approximation, which a Date cannot hold, is reported (as the library readers report a
    circa date). ``text`` is the value and the date read."""
    NO_AUTHOR = "author given as anonymous or unknown (no author kept)"
    """An author's value that says nobody is known (``Anonymous``, ``Anon.``, ``[No authors
    listed]``): the work has no author, as CSL and Zotero record it, not one named
    "Anonymous"; ``text`` is the value as written."""
    UPDATE_DATE = "date of update beside the access date (no field holds it)"
    """NLM's date a web page was last changed, in the brackets of its access date
    (``[updated 2024 Dec 1; cited 2025 Jan 2]``): the access date is read, and the update
    date, which no field holds (the publication date is another), is reported. ``text``
    is the update date as written."""
    IDENTIFIER = "identifier no field holds (not kept)"
    """A work's identifier other than its DOI (``PMID: 37012345``, ``PMCID: PMC9765432``)
    or a second DOI after the first (an erratum's, ``DOI: 10.1/a; 10.1/a.corr``): no field
    holds it, so it is reported as taken from the line. ``text`` is the identifier as
    written."""
    SERIES = "report series and number after the publisher (no field holds it)"
    """A ``Source:`` that names a body and then its report's series and number
    (``Institute for Employment Studies, Research report 412``; ``vocabulary.SERIES_WORDS``):
    the body is the publisher, and the series, which no field holds, is reported, not
    read as a journal's volume. ``text`` is the series as written."""
    EDITION = "edition after the publisher (no field holds it)"
    """A ``Source:`` that names a body, maybe its place, and then the report's edition
    (``Royal Pharmaceutical Society, London, 3rd edition``; ``vocabulary.EDITION_ORDINALS``):
    the body is the publisher, the place its place, and the edition, which no field holds,
    is reported (it was in the publisher's name). ``text`` is the edition as written."""
    KIND_OF_WORK = "kind of work in brackets after the source (no field holds it)"
    """A ``Source:`` that ends with what the work is, in brackets, as an ``Item Type:``
    names it (``RCN Congress 2024, Liverpool, 19-23 May 2024 (conference abstract)``,
    ``… (poster)``; :data:`peerbrief.vocabulary.ITEM_TYPES`): no part of the publisher's
    or journal's name, which is read without it, and reported. ``text`` is the kind as
    written. (A preprint's server, ``medRxiv (preprint)``, is read as its journal, and
    ``preprint`` reported so.)"""

    @property
    def explained(self) -> bool:
        return self not in _NOT_EXPLAINED

    @property
    def after_the_end(self) -> bool:
        """True for what may follow a text's last words and leave them its end: a blank
        line, a page's furniture, an email's signature, what was removed from a line."""
        return self in _AFTER_THE_END or self.is_removal

    @property
    def is_removal(self) -> bool:
        """True when the item tells what was removed from a line (which an entry may
        still use), not why a whole line was left out."""
        return self in _REMOVALS


_NOT_EXPLAINED = frozenset(
    {
        Reason.UNEXPLAINED,
        Reason.VALUE_NOT_UNDERSTOOD,
        Reason.UNLABELLED_REFERENCE,
        Reason.TURNED_TEXT,
        Reason.TEXT_AFTER_TITLE,
        Reason.MOJIBAKE,
        Reason.BOX,
        Reason.GARBLING_PRODUCER,
        Reason.OCR_TEXT,
        Reason.UNDECODABLE_GLYPHS,
        Reason.PAGE_OUT_OF_ORDER,
    }
)


_AFTER_THE_END = frozenset(
    {
        Reason.BLANK,
        Reason.PAGE_NUMBER,
        Reason.PAGE_OUT_OF_ORDER,
        Reason.RUNNING_HEADER,
        Reason.RUNNING_FOOTER,
        Reason.SIGNATURE,
    }
)


_REMOVALS = frozenset(
    {
        Reason.CONTROL_CHARACTERS,
        Reason.FORMAT_CHARACTERS,
        Reason.LONE_SURROGATES,
        Reason.MOJIBAKE_REPAIRED,
        Reason.MOJIBAKE,
        Reason.UNSAFE_LINK,
        Reason.TEXT_AFTER_TITLE,
        Reason.APPROXIMATE_DATE,
        Reason.MEDIUM,
        Reason.OTHER_LINK,
        Reason.THESIS,
        Reason.UPDATE_DATE,
        Reason.IDENTIFIER,
        Reason.SERIES,
        Reason.KIND_OF_WORK,
        Reason.EDITION,
        Reason.NO_AUTHOR,
        Reason.BOOK_EDITORS,
    }
)


@frozen
class ReportItem:
    """A non-blank line that no entry used, and why. For a removal (``reason.is_removal``)
    ``text`` says what was removed from the line instead."""

    line: int
    text: str
    reason: Reason
    page: int | None = None
    lines: tuple[int, ...] = field(default=(), converter=_tuple)
    """Every physical line of a paragraph joined from several (wrapped text, a PDF);
    empty means just ``line``."""

    @property
    def source_lines(self) -> tuple[int, ...]:
        return self.lines or (self.line,)

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" (page {self.page})" if self.page else "")
        return f"{where}: {self.reason.value}: {self.text}"


@frozen
class Choice:
    """One field of a merged entry: the value kept and the different values passed over."""

    field: str
    chosen: str
    # attrs.field, spelt out: the attribute named ``field`` shadows it in this class body.
    over: tuple[str, ...] = attrs.field(converter=_tuple)
    conflict: bool = False
    """True when the values disagree (two volumes), not merely differ in richness."""


@frozen(repr=False)  # __repr__ below summarises
class Merge:
    """Several occurrences of one work that de-duplication made into one entry."""

    entry: Entry
    occurrences: tuple[Entry, ...] = field(converter=_tuple)
    evidence: tuple[str, ...] = field(converter=_tuple)
    choices: tuple[Choice, ...] = field(default=(), converter=_tuple)

    @property
    def conflicts(self) -> tuple[Choice, ...]:
        return tuple(choice for choice in self.choices if choice.conflict)

    def __str__(self) -> str:
        """Which copies became one entry, on what evidence, and which values were kept."""
        from .views import describe_merge

        return describe_merge(self)

    def __repr__(self) -> str:
        """``<Merge of 2 copies: 'Title…' (Otte et al., 2020)>``: attrs' repr would spell
        out the merged entry and every copy (several kilobytes a merge)."""
        from .views import merge_repr

        return merge_repr(self)

    def _repr_html_(self) -> str:
        from .views import merge_html

        return merge_html(self)


class EntrySequence(Sequence[Entry]):
    """A result that is the sequence of its ``entries`` (de-duplication's, a library's):
    ``len(result)``, ``result[0]``, ``write(result, "a.ris")``."""

    __slots__ = ()
    entries: tuple[Entry, ...]

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)


@frozen(repr=False)  # __repr__ below summarises; attrs' would print every entry
class Brief:
    """A whole evidence brief: its own citation, its sections and its references."""

    title: str
    source: str
    entries: tuple[Entry, ...] = field(converter=_tuple)
    sections: tuple[Section, ...] = field(default=(), converter=_tuple)
    report: tuple[ReportItem, ...] = field(default=(), converter=_tuple)
    authors: tuple[Person, ...] = field(default=(), converter=_tuple)
    date: Date | None = None
    publisher: str | None = None
    place: str | None = None
    citation: str | None = None
    merges: tuple[Merge, ...] = field(default=(), converter=_tuple)

    @property
    def topic(self) -> str:
        return self.title.split(":", 1)[1].strip() if ":" in self.title else self.title

    @property
    def unexplained(self) -> tuple[ReportItem, ...]:
        return tuple(item for item in self.report if not item.reason.explained)

    @property
    def read_from_pages(self) -> bool:
        """Whether the brief was read from pages: a PDF, text copied out of one with its
        page breaks (form feeds), or without them but with the page numbers between its
        lines (pdf.js's, PyMuPDF's, pypdf's or pdfplumber's text), which no export has."""
        paged = any(occurrence.pages for entry in self.entries for occurrence in entry.provenance)
        return paged or any(item.reason is Reason.PAGE_NUMBER for item in self.report)

    def summary(self) -> str:
        """A few lines: the brief's title and citation, then what was read."""
        from .views import brief_summary

        return brief_summary(self)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        """``<Brief 'Evidence Brief: …' from 'brief.pdf': 114 works in 32 sections, …>``:
        attrs' repr would spell out every entry and abstract (hundreds of kilobytes)."""
        from .views import brief_repr

        return brief_repr(self)

    def _repr_html_(self) -> str:
        from .views import brief_html

        return brief_html(self)

    def __len__(self) -> int:
        """The number of works (entries)."""
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        """The entries, in document order: ``for entry in brief``, ``write(brief, …)``."""
        return iter(self.entries)

    def filter(
        self,
        section: str | None = None,
        year: int | str | tuple[int, int] | None = None,
        kind: Kind | str | None = None,
        text: str | None = None,
    ) -> Brief:
        """A copy holding only the entries that match every filter given (see
        :func:`peerbrief.views.select`). The report is kept whole; merges are kept for
        the entries that remain."""
        from .errors import UsageError
        from .views import select

        try:
            entries = tuple(select(self.entries, section=section, year=year, kind=kind, text=text))
        except ValueError as error:  # a year or kind it cannot take
            raise UsageError(str(error)) from None
        merges = tuple(merge for merge in self.merges if merge.entry in entries)
        return attrs.evolve(self, entries=entries, merges=merges)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one row per entry (needs ``pip install 'peerbrief[pandas]'``)."""
        from .views import to_dataframe

        return to_dataframe(self.entries)

    def cite(self, style: str = "apa", format: str = "text", locale: str | None = None) -> str:
        """The reference list in a citation style (see :func:`peerbrief.cite.cite`);
        ``locale`` (``en-GB``) overrides the style's quotes, punctuation and terms."""
        from .cite import cite

        return cite(self.entries, style, format, locale)

    def write(self, path: str | os.PathLike[str], format: str | None = None) -> None:
        """Save the entries to ``path`` (see :func:`peerbrief.writers.write`); the format
        comes from the extension (``.bib``, ``.ris``, ``.json``) unless named."""
        from .writers import write

        write(self.entries, path, format)
