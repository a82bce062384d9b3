"""BibTeX and biblatex, built as a bibtexparser library and written by bibtexparser.

Two flavours:

* ``bibtex``: for BibTeX and its ``.bst`` styles (plain, apalike…) and for older tools.
  LaTeX macros for European accents (other characters UTF-8, see :mod:`.latex`),
  ``year`` + ``month`` macros, ``@techreport`` and
  ``@misc``. bibtex must run without warnings, so: a report that names no author has
  its publisher as group author (the organisation is the author, as in APA style); an
  entry still lacking a field that plain.bst requires for its type (an author, a
  journal, an institution, a year) is written as ``@misc``, which requires none and
  prints ``howpublished`` (so the publisher goes there); an entry without authors gets
  a ``key`` field, which the styles sort by and apalike prints in the author's place.
* ``biblatex``: for biber. UTF-8, an EDTF ``date`` (ranges), ``journaltitle``,
  ``institution``, ``location``, ``@report`` (with the ``type`` biblatex requires) and,
  for videos, ``@misc`` with ``entrysubtype = {video}`` (the standard styles have no
  ``@video`` driver), its publisher in ``organization``: no preamble needed.

Both flavours keep an access note in ``annote``, which reference managers import as a
note and no standard style prints (biblatex maps it to ``annotation``), the date a web
page was read in ``urldate`` and the status in ``pubstate`` (see :func:`_when_read`);
organisation names in list fields are braced whole, so no consumer splits "Tyne and
Wear" at "and".

Text fields are LaTeX-encoded one by one (see :mod:`.latex`); ``url`` and ``doi`` are
verbatim fields and are never encoded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from attrs import frozen
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field
from bibtexparser.writer import BibtexFormat

from ..errors import OutputError
from ..vocabulary import PUBSTATE_KEYS, SEASONS
from .common import (
    in_order,
    is_corporate,
    name_parts,
    one_line,
    one_line_people,
    tags,
    with_web_links,
)
from .keys import citation_keys
from .latex import latex_name, latex_text, latex_title

if TYPE_CHECKING:
    from ..model import Date, Entry, Pages, Person

__all__ = ["FLAVOURS", "BibFlavour", "Flavour", "to_bibtex"]

Flavour = Literal["bibtex", "biblatex"]

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""BibTeX's predefined month strings; styles print them in the document's language."""

FIELD_ORDER = (
    "author", "title", "journal", "journaltitle", "booktitle", "howpublished", "year", "month",
    "date", "pubstate", "volume", "issue", "number", "pages", "type", "entrysubtype",
    "institution", "organization", "publisher",
    "address", "location", "annote", "abstract", "keywords", "url", "urldate", "doi", "key",
    "options",
)  # fmt: skip
"""The order fields are written in: who, what, where, when, then the rest.

``issue`` (biblatex's season of an article, "Autumn") before ``number``: Zotero's BibTeX
import (translators' BibTeX.js ``processField``) makes both the article's Issue, the
later one replacing the earlier, and the number is the issue."""

COMMON_FIELDS: Mapping[str, str] = {"abstract": "abstract", "access": "annote"}
r"""Entry attribute → field, the same in every entry type of both flavours (besides the
title, which is case-protected, and the fields built from several attributes).

The access note goes in ``annote``: bibtex's styles and biblatex's standard styles do
not print it (``note`` they print inside the reference), Zotero's BibTeX import makes
it a child note (translators' BibTeX.js reads ``annote``, not ``annotation``), pandoc
reads it as CSL ``annote``, and biblatex maps it to ``annotation`` (biblatex.def,
``\DeclareDriverSourcemap``: ``fieldsource=annote, fieldtarget=annotation``)."""

LIST_FIELDS = frozenset({"institution", "organization", "publisher", "address", "location"})
"""Fields biber, pandoc and citation-js read as lists split at " and ": their value is
one name, so it is braced whole (``{{Tyne and Wear}}``)."""

VERBATIM_FIELDS: Mapping[str, str] = {"url": "url", "doi": "doi"}
"""Entry attribute → field for values written as they are (biblatex reads them verbatim)."""


@frozen
class BibFlavour:
    """How one flavour maps entries: all of it data, read by one function."""

    name: Flavour
    types: Mapping[str, str]
    """Kind (its value) → entry type."""
    contained: Mapping[str, str]
    """Entry type → the type written instead for a work inside a larger one (an entry with
    a container title: a report's book section). The standard styles' report drivers print
    no ``howpublished`` or ``booktitle``: ``@incollection`` prints "In: <book>"."""
    fields: Mapping[str, Mapping[str, str]]
    """Entry type → (entry attribute → field) for the attributes whose field varies by type.
    ``publisher`` and ``place`` are absent from ``article``: biber warns about them there and
    Zotero drops them."""
    joined: Mapping[str, Mapping[str, tuple[str, ...]]]
    """Entry type → (field → entry attributes) for fields that print several attributes,
    joined by commas: what a type without a publisher field prints in its place."""
    constants: Mapping[str, Mapping[str, str]]
    """Entry type → fields with a fixed value."""
    required: Mapping[str, frozenset[str]]
    """Entry type → fields whose absence makes the style warn."""
    fallback_type: str
    """The type written when a required field is missing."""
    group_author: frozenset[str]
    """Entry types whose publisher stands in as author when the entry names no one."""
    sort_key: bool
    """Give author-less entries a ``key`` field (what .bst styles sort and label them by)."""
    ascii_only: bool
    """Encode European letters as LaTeX macros (classic BibTeX is 8-bit and unaware of UTF-8)."""
    date_fields: Callable[[Date, str], list[Field]]
    """The date (and the entry type) as fields: ``year`` + ``month``, or ``date``."""
    prefix_option: bool
    """Say in ``options`` whether a name's particle ("von" part) sorts and prints with the
    family name (biblatex's ``useprefix``): see :func:`_useprefix`."""


def _year_month(date: Date, _entry_type: str) -> list[Field]:
    """``year`` and, for a month, the month macro (``month = apr``, unquoted).

    A season is written as text (``month = {Spring}``), which plain.bst prints before the
    year. BibTeX has no ranges: April-June 2012 keeps its start, April 2012.
    """
    fields = [Field("year", str(date.year))]
    if date.month is not None:
        fields.append(Field("month", MONTH_MACROS[date.month - 1], enclosing="no-enclosing"))
    elif date.season is not None:
        fields.append(Field("month", SEASONS[date.season]))
    return fields


def _edtf_date(date: Date, entry_type: str) -> list[Field]:
    """biblatex's ``date``: EDTF, ``2012-04/2012-06`` for a range.

    A date with a season is written as its year (or years), and on an article the
    season goes in ``issue`` too, the field biblatex has for it ("Spring"). EDTF's
    ``2018-21`` is what biber reads as spring, but Zotero's BibTeX import keeps it as the
    text "2018-21", and its newer EDTF reading (zotero/utilities date.js ``parseEDTF``:
    "condensed ranges ... 2021-22") takes it for the years 2018-2021: a wrong date is
    worse than a less precise one.
    """
    points = [date] if date.end is None else [date, date.end]
    seasons = [SEASONS[point.season] for point in points if point.season is not None]
    if not seasons:
        return [Field("date", "/".join(_edtf(point) for point in points))]
    years = dict.fromkeys(f"{point.year:04d}" for point in points)
    fields = [Field("date", "/".join(years))]
    if entry_type == "article":
        fields.append(Field("issue", "-".join(seasons)))
    return fields


def _edtf(date: Date) -> str:
    if date.month is not None:
        day = f"-{date.day:02d}" if date.day is not None else ""
        return f"{date.year:04d}-{date.month:02d}{day}"
    return f"{date.year:04d}"


# Reports and videos: the container title, if any, says how they were published.
_NON_ARTICLE_FIELDS = {"container_title": "howpublished", "volume": "volume", "issue": "number"}
# A report inside a book: the book's title, its publisher.
_IN_COLLECTION_FIELDS = {
    "container_title": "booktitle", "volume": "volume", "issue": "number", "publisher": "publisher",
}  # fmt: skip

BIBTEX = BibFlavour(
    name="bibtex",
    types={"journal-article": "article", "report": "techreport", "video": "misc"},
    contained={"techreport": "incollection"},
    fields={
        "article": {"container_title": "journal", "volume": "volume", "issue": "number"},
        "techreport": {**_NON_ARTICLE_FIELDS, "publisher": "institution", "place": "address"},
        "incollection": {**_IN_COLLECTION_FIELDS, "place": "address"},
        # The place in address too (which @misc does not print), to be read back apart.
        "misc": {"volume": "volume", "issue": "number", "place": "address"},
    },
    # plain.bst and apalike.bst print no publisher or address in @misc, only howpublished.
    joined={"misc": {"howpublished": ("container_title", "publisher", "place")}},
    constants={"techreport": {"type": "Report"}},  # else plain.bst prints "Technical Report"
    # What plain.bst checks with output.check (and format.date) for each type.
    required={
        "article": frozenset({"author", "title", "journal", "year"}),
        "techreport": frozenset({"author", "title", "institution", "year"}),
        "incollection": frozenset({"author", "title", "booktitle", "publisher", "year"}),
    },
    fallback_type="misc",
    group_author=frozenset({"techreport"}),
    sort_key=True,
    ascii_only=True,
    date_fields=_year_month,
    prefix_option=False,
)

BIBLATEX = BibFlavour(
    name="biblatex",
    # The standard styles have no @video driver: they print one with the @misc driver
    # and a warning ("No driver for 'video'"). @misc prints every field of a video
    # without a preamble alias; entrysubtype, which no standard style prints, says what
    # it is.
    types={"journal-article": "article", "report": "report", "video": "misc"},
    contained={"report": "incollection"},
    fields={
        "article": {"container_title": "journaltitle", "volume": "volume", "issue": "number"},
        "report": {**_NON_ARTICLE_FIELDS, "publisher": "institution", "place": "location"},
        "incollection": {**_IN_COLLECTION_FIELDS, "place": "location"},
        # @misc prints the organization, not the publisher.
        "misc": {**_NON_ARTICLE_FIELDS, "publisher": "organization", "place": "location"},
    },
    joined={},
    # biblatex's @report requires a type; "Report" is printed as it is.
    constants={"report": {"type": "Report"}, "misc": {"entrysubtype": "video"}},
    # biber checks no required fields unless asked to (--validate-datamodel).
    required={},
    fallback_type="misc",
    group_author=frozenset(),
    sort_key=False,
    ascii_only=False,
    date_fields=_edtf_date,
    prefix_option=True,
)

FLAVOURS: Mapping[str, BibFlavour] = {flavour.name: flavour for flavour in (BIBTEX, BIBLATEX)}

# Characters that cannot stand in a verbatim field: BibTeX counts every brace, and
# whitespace ends a URL. RFC 3986 allows none of them raw in a URI, so their
# percent-encoded forms denote the same resource.
_UNSAFE_IN_VERBATIM = re.compile(r"[{}\\\s]")


def _verbatim(value: str) -> str:
    return _UNSAFE_IN_VERBATIM.sub(lambda match: f"%{ord(match.group()):02X}", value)


def _name(person: Person, ascii_only: bool) -> str:
    if is_corporate(person) or (person.given is None and " " in person.family):
        # Braced whole, or BibTeX reads "Public Health England" (or a family name alone,
        # "Bankovska Motlova") as given names + surname. "van der Berg" alone is braced
        # too, particle and all: unbraced, Zotero's BibTeX import made "van der" its given
        # name, and the way to say "no given name" (a trailing comma) makes biber warn.
        return "{" + latex_text(person.family, ascii_only=ascii_only, quotes=False) + "}"
    family = latex_name(person.family, ascii_only=ascii_only)
    if _opens_with_hyphened_lower_word(person.family) and not family.startswith("{"):
        family = "{" + family + "}"
    if person.given is None:
        return family
    return f"{family}, {latex_name(person.given, ascii_only=ascii_only)}"


def _opens_with_hyphened_lower_word(family: str) -> bool:
    """``al-Haddad``, ``el-Sayed``: BibTeX splits a name at hyphens too, takes the
    lower-case word for the "von" part and prints a tie where the hyphen was
    (``Omar al~Haddad``); braced, the family name is one part. biber reads it whole
    either way."""
    first, hyphen, _rest = family.partition(" ")[0].partition("-")
    return bool(hyphen) and first[:1].islower()


def _author(people: list[Person], truncated: bool, ascii_only: bool) -> str:
    names = [_name(person, ascii_only) for person in people]
    if truncated and names:
        names.append("others")  # BibTeX's own "et al.", which styles check for.
    return " and ".join(names)


def _useprefix(people: Sequence[Person]) -> str | None:
    """biblatex's ``useprefix`` for the entry, from its first name with a particle: true
    for a non-dropping particle ("van der Berg, J.", sorted as the style says), false for
    a dropping one ("Moltke, H. von"). biber's default (false) treats every "von" part
    as dropping and biblatex-apa's (true) none; pandoc reads ``useprefix=true`` as CSL's
    ``non-dropping-particle``, else ``dropping-particle``. biblatex sets it per entry,
    so an entry mixing both kinds follows its first."""
    for person in people:
        parts = name_parts(person)
        if parts.particle is not None:
            return "useprefix=false" if parts.dropping else "useprefix=true"
    return None


def _pages(pages: Pages, ascii_only: bool) -> str:
    """``451--460``, or the one page. A hyphen beside the ``--`` separator is set off with
    an empty group, or TeX would print a longer dash and readers split elsewhere."""
    first, last = (
        latex_text(part or "", ascii_only=ascii_only) for part in (pages.first, pages.last)
    )
    if not (first and last):
        return first or last
    if first.endswith("-"):
        first += "{}"
    if last.startswith("-"):
        last = "{}" + last
    return f"{first}--{last}"


def _keywords(entry: Entry, ascii_only: bool) -> str:
    """Tags joined by commas, the separator biblatex and Zotero split ``keywords`` at.

    A tag with a comma is braced: biber then keeps it one keyword. Zotero strips the
    braces and splits it anyway (it has no escape for commas).
    """
    encoded = (latex_text(tag, ascii_only=ascii_only) for tag in tags(entry))
    return ", ".join("{" + tag + "}" if "," in tag else tag for tag in encoded)


def _fields_for(entry: Entry, key: str, entry_type: str, flavour: BibFlavour) -> dict[str, Field]:
    ascii_only = flavour.ascii_only
    fields: dict[str, Field] = {}

    def put(name: str, value: str) -> None:
        if value:
            fields[name] = Field(name, "{" + value + "}" if name in LIST_FIELDS else value)

    people = one_line_people(entry.authors)
    if people:
        put("author", _author(people, entry.authors_truncated, ascii_only))
        if flavour.prefix_option:
            put("options", _useprefix(people) or "")
    elif entry_type in flavour.group_author and entry.publisher:
        put("author", "{" + latex_text(entry.publisher, ascii_only=ascii_only) + "}")
    quoted = flavour.name == "biblatex" and entry_type == "article"
    put("title", latex_title(entry.title, ascii_only=ascii_only, quoted=quoted))
    for attribute, name in {**flavour.fields[entry_type], **COMMON_FIELDS}.items():
        value = getattr(entry, attribute)
        if value is not None:
            put(name, latex_text(value, ascii_only=ascii_only))
    for name, attributes in flavour.joined.get(entry_type, {}).items():
        values = (getattr(entry, attribute) for attribute in attributes)
        put(name, latex_text(", ".join(value for value in values if value), ascii_only=ascii_only))
    for name, value in flavour.constants.get(entry_type, {}).items():
        put(name, value)
    if entry.date is not None:
        fields.update((field.key, field) for field in flavour.date_fields(entry.date, entry_type))
    if entry.pages is not None:
        put("pages", _pages(entry.pages, ascii_only))
    for name, value in _when_read(entry).items():
        put(name, latex_text(value, ascii_only=ascii_only))
    put("keywords", _keywords(entry, ascii_only))
    for attribute, name in VERBATIM_FIELDS.items():
        value = getattr(entry, attribute)
        if value is not None:
            put(name, _verbatim(one_line(value)))
    if "author" not in fields and flavour.sort_key:
        put("key", latex_text(_sort_key(entry), ascii_only=ascii_only) or key)
    return fields


def _when_read(entry: Entry) -> dict[str, str]:
    """``pubstate`` and ``urldate``, the same in both flavours.

    ``urldate`` is an ISO date (``2025-01-02``; a season's date as its year, as in
    :func:`_edtf_date`): biblatex's field, which biber reads and the standard styles
    print ("visited on"). Classic BibTeX has no access date field: its styles ignore
    fields they do not know without a warning, Zotero's BibTeX import reads ``urldate``
    (or ``lastchecked``) as the access date and writes ``urldate`` itself (translators'
    BibTeX.js), and pandoc reads it as CSL's ``accessed``. So both flavours write it.

    ``pubstate`` holds the status as one of biblatex's localisation keys where it is one
    (:data:`PUBSTATE_KEYS`: ``inpress``, printed "in press"), else as written. Classic
    BibTeX writes it too: its styles and Zotero's BibTeX import pass it over (Zotero has
    no status field), and pandoc reads it as CSL's ``status`` in both of its BibTeX
    readers. ``note``, which the styles print, is left alone: Zotero makes it a child
    note and pandoc CSL's ``note``, neither of them a status.
    """
    fields: dict[str, str] = {}
    if entry.status is not None:
        fields["pubstate"] = PUBSTATE_KEYS.get(one_line(entry.status).lower(), entry.status)
    if entry.accessed is not None:
        fields["urldate"] = _edtf(entry.accessed)
    return fields


def _sort_key(entry: Entry) -> str:
    """What an entry without authors is sorted and labelled by: its publisher, else the
    first words of its title.

    plain.bst sorts by ``key`` when there is no author (and warns when both are missing);
    apalike.bst also prints ``key`` where the author goes and makes the citation label
    from it. The full title there would print the title twice, so a title stands in
    shortened, as APA cites a work without author by the first words of its title: up
    to its first colon, dash or full stop, at most :data:`SHORT_TITLE_WORDS` words.
    """
    if entry.publisher and (publisher := one_line(entry.publisher)):
        return publisher
    title = one_line(entry.title)
    words = _TITLE_BREAK.split(title, maxsplit=1)[0].split() or title.split()
    return " ".join(words[:SHORT_TITLE_WORDS])


SHORT_TITLE_WORDS = 4
_TITLE_BREAK = re.compile(r"[:.?!;]\s| [-–—] ")


def _bib_entry(entry: Entry, key: str, flavour: BibFlavour) -> BibEntry:
    entry_type = flavour.types[entry.kind.value]
    if entry.container_title and one_line(entry.container_title):
        entry_type = flavour.contained.get(entry_type, entry_type)
    fields = _fields_for(entry, key, entry_type, flavour)
    if flavour.required.get(entry_type, frozenset()) - fields.keys():
        entry_type = flavour.fallback_type
        fields = _fields_for(entry, key, entry_type, flavour)
    return BibEntry(entry_type, key, list(in_order(fields, FIELD_ORDER).values()))


def _format() -> BibtexFormat:
    layout = BibtexFormat()  # type: ignore[no-untyped-call]  # bibtexparser leaves it unannotated
    layout.indent = "  "
    layout.block_separator = "\n"
    return layout


def to_bibtex(entries: Sequence[Entry], flavour: Flavour = "bibtex") -> str:
    """The entries as a ``.bib`` file, in the ``bibtex`` or ``biblatex`` flavour."""
    try:
        chosen = FLAVOURS[flavour]
    except KeyError:
        raise OutputError(
            f"unknown BibTeX flavour {flavour!r}; choose {' or '.join(FLAVOURS)}"
        ) from None
    entries = with_web_links(entries)
    library = Library(
        [
            _bib_entry(entry, key, chosen)
            for entry, key in zip(entries, citation_keys(entries), strict=True)
        ]
    )
    # The library is ours and thrown away after writing: let the enclosing middleware
    # work in place instead of deep-copying every entry.
    stack = default_unparse_stack(allow_inplace_modification=True)
    return write_string(library, unparse_stack=stack, bibtex_format=_format())
