"""Stage 3: reference blocks → typed entries, recording which lines gave each field.

A block is a title line, then optional access-note pieces, labelled metadata in one of
the three styles of the series, and an abstract (prose up to the next reference).
Which label feeds which field is data (:data:`LABELS`), as in rispy's tag maps.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

import attrs
from attrs import frozen

from .blocks import RefBlock
from .fields import (
    LIST_MARK,
    AccessDate,
    BookSource,
    Source,
    apply_supplement,
    classify_source,
    date_value_status,
    doi_from_url,
    doi_locator_link,
    is_access_fragment,
    is_bare_link,
    is_video_link,
    is_year_like,
    label_of,
    link_targets,
    note_begun_before,
    opens_with_date_word,
    parse_access_note,
    parse_accessed,
    parse_accessed_date,
    parse_book_source,
    parse_circa,
    parse_date,
    parse_date_value,
    parse_journal_line,
    parse_journal_source,
    parse_people,
    parse_publication_details,
    source_marks,
    spell_out_links,
    split_details_publisher,
    split_edition,
    split_names_year,
    split_place_publisher,
    split_series,
    split_title_line,
    split_trailing_link,
    stated_family_names,
    states_no_author,
    states_no_date,
    strip_markup,
    take_accessed,
    take_kind_of_work,
    take_medium,
    take_other_links,
    take_thesis_type,
    targets_written_out,
    written_link,
)
from .lines import Line, heading_key
from .links import web_link
from .model import Date, Entry, Kind, Pages, Person, Provenance, Reason, ReportItem
from .vocabulary import BULLETS, ITEM_TYPES, SAME_FIELD, VIDEO_TITLE_PREFIXES

__all__ = ["BriefEvidence", "brief_evidence", "build_entry"]

_BULLET = re.compile(r"^\s*" + LIST_MARK)
_DIGIT = re.compile(r"\d")

_VIDEO_TITLE = re.compile(
    r"^(?:" + "|".join(map(re.escape, VIDEO_TITLE_PREFIXES)) + r")\s*:", re.IGNORECASE
)
_NO_SOURCE = Source()  # frozen: one empty source serves every supplement test


@frozen
class BriefEvidence:
    """What the whole brief says that one reference may not."""

    journals: frozenset[str] = frozenset()
    """Heading keys of the names the brief gives with a volume, issue or pages: journals,
    also where a ``Source:`` names one alone (``Human Resources for Health``)."""
    families: frozenset[str] = frozenset()
    """Family names of several words the brief states as such (``Bankovska Motlova,
    Lucie``): they split a name written given-first (``Lucie Bankovska Motlova``)."""


_SOURCE_PARSERS: dict[str, Callable[[str], Source]] = {
    "source": parse_journal_source,
    "journal": parse_journal_line,
    "details": lambda value: parse_publication_details(value)[0],
}


def brief_evidence(blocks: Sequence[RefBlock]) -> BriefEvidence:
    """Read what every reference's labels say about journals and names."""
    families: set[str] = set()
    bare: set[str] = set()
    """Keys of the source values without a digit: the names that may need evidence."""
    numbered: list[tuple[str, str, str]] = []
    """(label, the value up to its first digit, the value) of the other source values."""
    for block in blocks:
        for label in block.labels:
            if label is None:
                continue
            name, value = label
            if name == "authors":
                families |= stated_family_names(value)
            elif name in _SOURCE_PARSERS:
                digit = _DIGIT.search(value)
                if digit is None:
                    bare.add(heading_key(value))
                else:
                    numbered.append((name, value[: digit.start()], value))
    # Only a name also written bare needs its numbers read (the cheap test first).
    journals = {
        key
        for name, before, value in numbered
        if (key := heading_key(before)) in bare and _gives_numbers(name, value)
    }
    return BriefEvidence(frozenset(journals), frozenset(families))


@attrs.define
class _Draft:
    """The entry being read from one block, typed as :class:`Entry` is, every field
    optional; :func:`_freeze` makes the Entry from it, field by field."""

    title: str
    authors: tuple[Person, ...] = ()
    authors_truncated: bool = False
    container_title: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: Pages | None = None
    date: Date | None = None
    publisher: str | None = None
    place: str | None = None
    access: str | None = None
    url: str | None = None
    doi: str | None = None
    status: str | None = None
    accessed: Date | None = None
    unparsed: dict[str, str] = attrs.field(factory=dict)
    """Field name → a labelled value as written, when it could not be read."""
    lines: defaultdict[str, list[int]] = attrs.field(factory=lambda: defaultdict(list))
    access_parts: list[str] = attrs.field(factory=list)
    abstract_parts: list[str] = attrs.field(factory=list)
    source_text: str | None = None
    source: Source | None = None
    """``source_text`` read as a journal source (whether it names one is decided later)."""
    source_line: Line | None = None
    label_lines: dict[str, Line] = attrs.field(factory=dict)
    """Field name → the line of the label that gave it alone (``Issue:``, ``Publisher:``),
    to weigh against the source, which may give the same field."""
    supplement: str | None = None
    item_type: str | None = None
    in_book: bool = False
    """The source named the book the work is in (``In: …``): a book section, a report."""
    line_reports: list[ReportItem] = attrs.field(factory=list)
    """What is reported of a line the entry still uses: a link target refused by
    :func:`peerbrief.links.web_link` (never kept), text after a title that is no access
    note (kept in ``unparsed``)."""
    evidence: BriefEvidence = BriefEvidence()

    def mark(self, name: str, line: Line) -> None:
        """Record that ``line`` gave field ``name``."""
        self.lines[name].extend(line.source_lines)

    def report_taken(self, line: Line, text: str, reason: Reason) -> None:
        """Report ``text``, taken from ``line`` (which the entry still uses) for ``reason``."""
        self.line_reports.append(ReportItem(line.number, text, reason, line.page))


def _read_title(block: RefBlock, draft: _Draft) -> None:
    _title, url, note, rest = block.title
    draft.mark("title", block.title_line)
    _link(draft, url, block.title_line)
    rest, accessed = take_accessed(rest)
    if accessed is not None:  # "[Title](…) [Accessed 2 January 2025]"
        draft.accessed = accessed.date
        draft.mark("accessed", block.title_line)
        _report_update(draft, accessed, block.title_line)
    rest = _take_medium(draft, rest, block.title_line)  # "[Title](…) [Internet]"
    # "[Title [Online]](…)"; a title that is a designator alone stays a title.
    draft.title = _take_medium(draft, draft.title, block.title_line, alone=False)
    if not note:
        note, rest = _continue_title(draft, url, rest)
    rest = _take_other_links(draft, url, rest, block.title_line)  # "[Easy read version](…)"
    if note:
        draft.access = note
        draft.mark("access", block.title_line)
    elif is_access_fragment(strip_markup(rest).strip()):
        draft.access_parts.append(rest.strip())  # a note the next paragraph ends
        draft.mark("access", block.title_line)
    elif any(char.isalnum() for char in rest):
        # (Punctuation alone after the link is the sentence's end, no note: ``[Title](…).``)
        # (Other links there keep where they led: ``[Summary](…)`` beside the title's.)
        _unread_title_note(draft, strip_markup(spell_out_links(rest)).strip(), block.title_line)


def _take_medium(draft: _Draft, text: str, line: Line, *, alone: bool = True) -> str:
    """``text`` without the medium designator it ends with (``[Internet]``, ``(PDF, 2
    MB)``), which no field holds: reported as taken from the title's line. ``alone``
    False: a designator that is the whole text is kept."""
    before, medium = take_medium(text)
    if medium is None or not (alone or before):
        return text
    draft.report_taken(line, medium, Reason.MEDIUM)
    return before


# What may stand between links on a line (``[Summary](…) | [Full report](…)``), not the
# ``*`` that ends an access note.
_BETWEEN_LINKS = "".join(sorted(set(string.punctuation + string.whitespace) - {"*"}))


def _take_other_links(draft: _Draft, url: str, rest: str, line: Line) -> str:
    """``rest`` without the links to other targets that follow the title's link on its
    line (``[Easy read version](…)``, ``[Summary](…)``): another version or part of the
    work, which no field holds (an entry has one link), reported with its text and
    target. Taken only where nothing but an access note or punctuation is left beside
    them; words there may be the title's, and the line is reported as text after it."""
    if url in ("", "#") or "](" not in rest:
        return rest
    links, left = take_other_links(rest, url)
    left = left.strip(_BETWEEN_LINKS)
    if not links or (any(char.isalnum() for char in left) and not is_access_fragment(left)):
        return rest
    for link in links:
        draft.report_taken(line, link, Reason.OTHER_LINK)
    return left


def _unread_title_note(draft: _Draft, text: str, line: Line) -> None:
    """Text after a title's link that is no access note (``(video)``, words of a subtitle
    left out of the link): the format puts nothing
    there but the note, so it is kept as written in ``unparsed`` and reported, no longer
    taken for the access note (which a reference manager shows as a note about access)."""
    draft.unparsed["access"] = text
    # (Text taken from a line the entry uses: reported as what was taken, as a removal is.)
    draft.report_taken(line, text, Reason.TEXT_AFTER_TITLE)


_SENTENCE_ENDS = (".", "?", "!")
# Links to one target a title may be split into (one a line); more are not read as one
# title, so that a line of thousands of links costs no more than a few.
_TITLE_PIECES = 8


def _continue_title(draft: _Draft, url: str, rest: str) -> tuple[str | None, str]:
    """Move into the title what follows its link on the title line and goes on with it;
    return (the access note, the rest) of what is left.

    A link may cover only part of its title: a PDF whose title broke over a page or a
    column may link only the first piece, and a converter may link each line of a title
    apart (``[Peer support in](u) [mental health care](u)``). So a link to the same target
    goes on with the title, and so do words that go on mid-phrase (a lower-case word after
    a title with no sentence end), up to an access note or the first piece of one."""
    for _ in range(_TITLE_PIECES):
        parts = split_title_line(rest) if rest.startswith("[") else None
        if parts is not None:
            if parts[1] != url or url == "#":  # another link (the export's are all "#")
                return None, rest
            draft.title = f"{draft.title} {parts[0]}"
            note, rest = parts[2], parts[3]
            if note:
                return note, rest
            continue
        # (Up to another link: its words are no part of the title, ``… for managers
        # [Easy read](…)``, and where it leads stays with it.)
        link_at = rest.find("[")
        if link_at < 0 or "](" not in rest[link_at:]:
            link_at = len(rest)
        words = strip_markup(rest[:link_at]).split()
        if not words or not words[0][0].islower() or draft.title.endswith(_SENTENCE_ENDS):
            return None, rest
        cut = next(
            (at for at in range(1, len(words)) if is_access_fragment(" ".join(words[at:]))),
            len(words),
        )
        draft.title = " ".join([draft.title, *words[:cut]])
        rest = " ".join([*words[cut:], rest[link_at:]]).strip()
        note = parse_access_note(rest)
        return note, "" if note else rest
    return None, rest


# A handler reads one labelled value into the draft and says whether it could: a value
# it cannot read is kept as written and reported, never dropped.
_Handler = Callable[[_Draft, str, Line], bool]


def _set_journal(draft: _Draft, source: Source, line: Line) -> bool:
    """Take a journal source's parts; whether it had any. A name alone that reads as an
    organisation's (``Publication Details: Elsevier, , United Kingdom:``) is the
    publisher: a book's details name no journal."""
    name = source.container_title
    if (
        name
        and not (source.volume or source.issue or source.pages)
        and classify_source(name) == "organisation"
        and draft.publisher is None
    ):
        # (a thesis's university; a place after the name, as a Source: writes it)
        place, draft.publisher = split_place_publisher(_without_thesis_type(draft, name, line))
        draft.mark("publisher", line)
        if place is not None and draft.place is None:
            draft.place = place
            draft.mark("place", line)
        _set_read_source_extras(draft, source, line)
        return True
    found = False
    for name in ("container_title", "volume", "issue", "pages"):
        value = getattr(source, name)
        if value is not None:
            setattr(draft, name, value)
            draft.mark(name, line)
            found = True
    _set_read_source_extras(draft, source, line)
    return found


def _set_read_source_extras(draft: _Draft, source: Source, line: Line) -> None:
    """A source read with its label, in the order written: its status replaces one
    given before; a DOI given before stays, with its link."""
    _set_source_extras(draft, source, line.source_lines, replace_status=True, link_known_doi=False)


def _set_source_extras(
    draft: _Draft,
    source: Source,
    lines: Sequence[int],
    *,
    replace_status: bool,
    link_known_doi: bool,
) -> None:
    """A date, status or DOI written inside a source (Vancouver order, ``In press``),
    credited to ``lines``. A date is taken where it refines the entry's, a DOI where the
    entry has none. ``replace_status``: the source's status replaces one the entry has.
    ``link_known_doi``: where the entry already has the source's DOI, the source's link
    for it (a fragment or query) is still kept."""
    if source.date is not None and _refines(draft.date, source.date):
        draft.date = source.date
        draft.lines["date"].extend(lines)
    if source.status is not None and (replace_status or draft.status is None):
        draft.status = source.status
        draft.lines["status"].extend(lines)
    if source.doi is None:
        return
    if draft.doi is None:
        draft.doi = source.doi
        draft.lines["doi"].extend(lines)
    elif not (link_known_doi and draft.doi == source.doi):
        return
    _keep_doi_link(draft, source.doi_link, lines)


def _authors(draft: _Draft, value: str, line: Line) -> bool:
    value, year = split_names_year(value)
    if year is not None and draft.date is not None and draft.date.year != year.year:
        return False  # a year the date contradicts: kept as written and reported
    if states_no_author(value):
        # No author, as CSL and Zotero keep such a work: read, and the words reported.
        draft.mark("authors", line)
        draft.report_taken(line, value.strip(), Reason.NO_AUTHOR)
        return True
    people, truncated = parse_people(value, draft.evidence.families)
    if not people:
        return False
    draft.authors, draft.authors_truncated = people, truncated
    draft.mark("authors", line)
    draft.mark("authors_truncated", line)
    if year is not None and draft.date is None:
        draft.date = year
        draft.mark("date", line)
    return True


def _source(draft: _Draft, value: str, line: Line) -> bool:
    value, accessed = take_accessed(value)  # "… Available at: https://… [Accessed 2 May 2025]"
    if accessed is not None and not _set_accessed(draft, accessed, line):
        return False  # a second, other date: the value is not understood
    value = _take_trailing_link(draft, value, line)
    if not value:
        return True  # the source was a link alone, now the entry's link
    if (book := parse_book_source(value)) is not None:
        return _set_book(draft, book, line)
    value, kind = take_kind_of_work(value)  # "… (conference abstract)"
    if kind is not None:
        draft.report_taken(line, kind, Reason.KIND_OF_WORK)
    value, series = split_series(value)
    if series is not None:
        draft.report_taken(line, series, Reason.SERIES)
    value, edition = split_edition(value)
    if edition is not None:
        draft.report_taken(line, edition, Reason.EDITION)
    source = parse_journal_source(value)
    if not strip_markup(value) or _has_unread_pages(source):
        return False
    draft.source_text, draft.source, draft.source_line = value, source, line
    draft.mark("source", line)
    _report_source_marks(draft, value, line)
    return True


def _report_source_marks(draft: _Draft, value: str, line: Line) -> None:
    """Report the marks a source kept is read without (:func:`~.fields.source_marks`):
    ``[online]`` as a medium, ``(preprint)`` as a kind of work (the server is the journal)."""
    media, preprints = source_marks(value)
    for medium in media:
        draft.report_taken(line, medium, Reason.MEDIUM)
    for preprint in preprints:
        draft.report_taken(line, preprint.strip("()[]"), Reason.KIND_OF_WORK)


def _take_trailing_link(draft: _Draft, value: str, line: Line) -> str:
    """A source ending in a web address (``NHS England. Available at: https://…``): the
    address is the link, where the entry has none or has the same; another is reported
    (:attr:`~peerbrief.model.Reason.OTHER_LINK`: it was the publisher's name, or in it)."""
    head, link = split_trailing_link(strip_markup(value))
    if link is None:
        return value
    if draft.url is not None and (target := web_link(link)) != draft.url:
        if target is None:
            return value  # (an address refused as unsafe stays in the text, as written)
        draft.report_taken(line, link, Reason.OTHER_LINK)
        return head
    _link(draft, link, line)
    return head


def _date(draft: _Draft, value: str, line: Line) -> bool:
    if states_no_date(value):
        draft.mark("date", line)  # read: the brief says there is none
        return True
    date = parse_date_value(value)
    if date is None and (date := parse_circa(value)) is not None:
        # (Read as a library's circa date is: the date, and the approximation reported.)
        draft.report_taken(line, f"{value.strip()}: read as {date}", Reason.APPROXIMATE_DATE)
    if date is None:
        return False
    draft.date = date
    draft.mark("date", line)
    if (status := date_value_status(value)) is not None and draft.status is None:
        draft.status = status
        draft.mark("status", line)
    return True


def _accessed(draft: _Draft, value: str, line: Line) -> bool:
    date = parse_accessed_date(value)
    if date is None:
        return False
    draft.accessed = date
    draft.mark("accessed", line)
    return True


# A page marker and its page (a number, a locator, roman numerals) left in a journal's name:
# pages the grammar could not place, so the value as a whole is not understood (kept and
# reported, not half-read).
_UNREAD_PAGES = re.compile(r"\bpp?\.\s*[^\W_]")


def _has_unread_pages(source: Source) -> bool:
    return bool(source.container_title and _UNREAD_PAGES.search(source.container_title))


# A ``Publication Details:`` value that is a name and the country's colon alone
# (``Australia:``): a text extraction (pdfminer's of a justified PDF) set the journal,
# numbers and comma elsewhere. Journal or country, the name cannot be told.
_DETAILS_NAME_ALONE = re.compile(r"^[^\d,:]+:$")


def _details(draft: _Draft, value: str, line: Line) -> bool:
    if (book := parse_book_source(value)) is not None:
        return _set_book(draft, book, line)
    value, publisher = split_details_publisher(strip_markup(value))
    if _DETAILS_NAME_ALONE.match(value.strip()):
        return False
    source, place = parse_publication_details(value)
    if _has_unread_pages(source):
        return False
    found = _set_journal(draft, source, line)
    if place is not None:
        draft.place = place
        draft.mark("place", line)
    if publisher is not None:
        draft.publisher = publisher
        draft.mark("publisher", line)
    if found or place is not None:
        _report_source_marks(draft, value, line)
        return True
    return False


def _set_book(draft: _Draft, book: BookSource, line: Line) -> bool:
    """A book section's source: the book is the container, with its place, publisher and
    pages; its editors, which no field holds, are reported."""
    draft.in_book = True
    values = {"container_title": book.book, "place": book.place, "publisher": book.publisher}
    for name, value in (*values.items(), ("pages", book.pages)):
        if value is not None:
            setattr(draft, name, value)
            draft.mark(name, line)
    if book.editors is not None:
        draft.report_taken(line, book.editors, Reason.BOOK_EDITORS)
    if book.edition is not None:
        draft.report_taken(line, book.edition, Reason.EDITION)
    return True


def _journal(draft: _Draft, value: str, line: Line) -> bool:
    if (book := parse_book_source(value)) is not None:
        return _set_book(draft, book, line)
    source = parse_journal_line(value)
    if _has_unread_pages(source) or not _set_journal(draft, source, line):
        return False
    _report_source_marks(draft, value, line)
    return True


def _item_type(draft: _Draft, value: str, line: Line) -> bool:
    if strip_markup(value).lower() not in ITEM_TYPES:
        return False  # the kind then follows the other fields' evidence
    draft.item_type = value
    draft.mark("kind", line)
    return True


def _abstract(draft: _Draft, value: str, line: Line) -> bool:
    draft.abstract_parts.append(value)
    draft.mark("abstract", line)
    return True


def _text_field(name: str) -> _Handler:
    """A handler for a field that holds its text as written (publisher, place, volume…)."""

    def read(draft: _Draft, value: str, line: Line) -> bool:
        text = strip_markup(value)
        if not text:
            return False
        setattr(draft, name, text)
        draft.mark(name, line)
        draft.label_lines[name] = line
        return True

    return read


_publisher_text = _text_field("publisher")


def _publisher(draft: _Draft, value: str, line: Line) -> bool:
    """``Publisher: London: The King's Fund``: the place too, unless another gave it."""
    place, publisher = split_place_publisher(_without_thesis_type(draft, strip_markup(value), line))
    if not _publisher_text(draft, publisher, line):
        return False
    if place is not None and draft.place is None:
        draft.place = place
        draft.mark("place", line)
    return True


def _without_thesis_type(draft: _Draft, value: str, line: Line) -> str:
    """A publisher's value without the kind of thesis it opens with (``Thesis (PhD),
    University of Leeds``): no field holds it, so it is reported as taken from the line."""
    publisher, thesis = take_thesis_type(value)
    if thesis is not None:
        draft.report_taken(line, thesis, Reason.THESIS)
    return publisher


def _pages(draft: _Draft, value: str, line: Line) -> bool:
    source = parse_journal_source(f"pp. {value}")
    if source.pages is None or source.container_title:
        return False
    draft.pages = source.pages
    draft.mark("pages", line)
    draft.label_lines["pages"] = line
    return True


def _doi(draft: _Draft, value: str, line: Line) -> bool:
    text = strip_markup(value)
    doi = doi_from_url(text)
    if doi is None:
        return False
    draft.doi = doi
    draft.mark("doi", line)
    _keep_doi_link(draft, doi_locator_link(text), line.source_lines)
    # A second DOI (an erratum's, a preprint's): no field holds it. (Each written DOI is
    # compared with the work's, read above, which may be written encoded: ``10.1000%2Fabc``.)
    starts = [found.start() for found in _DOI_START.finditer(text)]
    for start, stop in pairwise([*starts, len(text)]):
        other = text[start:stop].split(maxsplit=1)[0].rstrip(".,;")
        if doi_from_url(other) != doi:
            draft.report_taken(line, other, Reason.IDENTIFIER)
    if words := _words_beside_dois(text):
        # (``10.1016/S0140- 6736(23)…``, a DOI broken at a line end, leaves its tail here)
        draft.report_taken(line, words, Reason.UNEXPLAINED)
    return True


_DOI_START = re.compile(r"\b10\.\d{4,9}/")
_DOI_JOINERS = frozenset({"", "doi", "and", "or", "&", "|"})


def _words_beside_dois(text: str) -> str:
    """The words of a ``DOI:`` value that are neither a DOI (with its link or ``doi:``)
    nor what joins several: ``10.1/x Epub`` → ``Epub``; empty when there are none."""
    return " ".join(
        word
        for word in text.split()
        if word.strip(".,;:()[]").lower() not in _DOI_JOINERS and doi_from_url(word) is None
    )


def _identifier(draft: _Draft, value: str, line: Line) -> bool:
    """``PMID: 37012345``: an identifier no field holds, reported with its label."""
    draft.report_taken(line, strip_markup(line.text.strip()), Reason.IDENTIFIER)
    return True


def _keep_doi_link(draft: _Draft, link: str | None, lines: Sequence[int]) -> None:
    """A DOI written with a fragment or query (``10.1136/x#supplementary``) says more than
    the DOI field holds: its link becomes the url where there is none, or where the url
    is the same DOI's link with nothing after it, so that the fragment is not lost."""
    if link is None:
        return
    if draft.url is None or (doi_from_url(draft.url) == draft.doi and not _has_locator(draft.url)):
        draft.url = link
        draft.lines["url"].extend(lines)


def _has_locator(url: str) -> bool:
    return "#" in url or "?" in url


def _url(draft: _Draft, value: str, line: Line) -> bool:
    # (A link's target, not its words: ``URL: [the report](https://…)`` gives the address.)
    first, others = _links_listed(strip_markup(targets_written_out(value)))
    target = written_link(first)
    if not target:
        return False
    _link(draft, target, line)
    for other in others:  # "https://…/report and https://…/summary": another version
        draft.report_taken(line, other, Reason.OTHER_LINK)
    return True


_LINK_JOINERS = frozenset({"and", "or", "&", ";", ","})


def _links_listed(value: str) -> tuple[str, list[str]]:
    """``https://a and https://b``, ``https://a; https://b`` → (``https://a``, the other
    addresses): links listed with nothing but joining words between them (no field holds
    the others); (``value``, []) for any other value."""
    words = [word.rstrip(",;") for word in value.split()]
    words = [word for word in words if word and word.lower() not in _LINK_JOINERS]
    if len(words) < 2 or not all(is_bare_link(word) for word in words):
        return value, []
    return words[0], [written_link(word) for word in words[1:]]


def _link(draft: _Draft, target: str, line: Line) -> None:
    """A web address or DOI becomes the url (and gives the DOI in it, unless the entry
    has one); any other target (``javascript:``, ``file:``…) is reported and dropped.
    ``#`` is no link at all."""
    if target.strip() in ("", "#"):
        return
    url = web_link(target)
    if url is None:
        clipped = target if len(target) <= _SHOWN_TARGET else target[:_SHOWN_TARGET] + "…"
        draft.report_taken(line, clipped, Reason.UNSAFE_LINK)
        return
    draft.url = url
    draft.mark("url", line)
    doi = doi_from_url(url)
    if draft.doi is None and doi is not None:
        draft.doi = doi
        draft.mark("doi", line)


_SHOWN_TARGET = 200
"""A dropped target longer than this (a ``data:`` URL) is reported by its start."""


_HANDLERS: dict[str, _Handler] = {
    "authors": _authors,
    "source": _source,
    "date": _date,
    "accessed": _accessed,
    "details": _details,
    "journal": _journal,
    "item_type": _item_type,
    "abstract": _abstract,
    "publisher": _publisher,
    "place": _text_field("place"),
    "volume": _text_field("volume"),
    "issue": _text_field("issue"),
    "pages": _pages,
    "doi": _doi,
    "identifier": _identifier,
    "url": _url,
}

# Where a label's value is kept as written when it cannot be read.
_UNPARSED_NAMES = {"item_type": "kind", "details": "source", "journal": "source"}


def _report(report: list[ReportItem], line: Line, reason: Reason) -> None:
    item = ReportItem(line.number, line.text.strip(), reason, line.page, line.numbers)
    if not report or report[-1] != item:  # (a value's run-on text after it, on its line: once)
        report.append(item)


_KEPT = (
    *("authors", "container_title", "volume", "issue", "pages", "date", "publisher"),
    *("place", "url", "doi", "status", "accessed"),
)
"""The fields a label may not change once another label gave them."""
_RESTORED = (*_KEPT, "authors_truncated")


def _read_label(draft: _Draft, name: str, value: str, line: Line, report: list[ReportItem]) -> None:
    if not value:
        return  # a label with nothing after it: no value to read, none lost
    before = [getattr(draft, field) for field in _RESTORED]
    marks = [len(draft.lines.get(field, ())) for field in _RESTORED]
    label_lines = dict(draft.label_lines)
    if not _HANDLERS[name](draft, value, line):
        draft.unparsed[_UNPARSED_NAMES.get(name, name)] = value
        _report(report, line, Reason.VALUE_NOT_UNDERSTOOD)
        return
    _report_unkept_links(draft, value, line)
    earlier = before[_KEPT.index("date")]
    if earlier is not None and draft.date is not None and _refines(draft.date, earlier):
        draft.date = earlier  # the year alone again: the date it refines stands, no conflict
    if any(_replaced(field, old, getattr(draft, field)) for field, old in _given(_KEPT, before)):
        # A second value (``Issue: 4`` after ``Journal: Name 30(2)``): the first stays,
        # and the line is reported, as a repeated label is.
        for field, old, count in zip(_RESTORED, before, marks, strict=True):
            setattr(draft, field, old)
            if field in draft.lines:
                del draft.lines[field][count:]
        draft.label_lines = label_lines
        _report(report, line, Reason.UNEXPLAINED)


def _report_unkept_links(draft: _Draft, value: str, line: Line) -> None:
    """Report where the links in a labelled value led that no field took: a publisher's
    name linked to its site (``Source: [NHS England](https://…)``), an author's to a
    profile. The value is read without them (its markup is no part of it)."""
    reported = {item.text for item in draft.line_reports}
    for target in link_targets(value):
        if target in ("", "#") or target in reported:
            continue
        address = web_link(target)
        if address is None:
            draft.report_taken(line, target, Reason.UNSAFE_LINK)
        elif address != draft.url and not (draft.doi and doi_from_url(address) == draft.doi):
            draft.report_taken(line, target, Reason.OTHER_LINK)


def _replaced(field: str, old: object, new: object) -> bool:
    """Whether a label replaced a field's value, rather than left or refined it (a month
    for a year alone)."""
    if field == "date" and isinstance(old, Date) and isinstance(new, Date):
        return new != old and not _refines(old, new)
    if field == "url" and isinstance(old, str) and isinstance(new, str):
        return new != old and not _points_within(old, new)
    return new != old


def _points_within(url: str, link: str) -> bool:
    """Whether ``link`` is ``url`` with a fragment or query added (a DOI's ``#section``)."""
    return link.startswith(url) and link[len(url) : len(url) + 1] in ("#", "?")


def _given(fields: Sequence[str], values: Sequence[object]) -> Iterator[tuple[str, object]]:
    """The fields that had a value (of ``values``, in the order of ``_RESTORED``)."""
    given = zip(fields, values[: len(fields)], strict=True)
    return ((field, value) for field, value in given if value not in (None, ()))


def _read_stray(draft: _Draft, text: str, line: Line, report: list[ReportItem]) -> None:
    """A line that stands between a reference's labels and is none of them: an access
    note or a link is kept; anything else is reported, never run into the abstract."""
    if draft.access is None and (is_access_fragment(text) or _ends_note(draft, text)):
        draft.access_parts.append(text)
        draft.mark("access", line)
    elif is_bare_link(text):
        _read_bare_link(draft, text, line, report)
    else:
        _report(report, line, Reason.UNEXPLAINED)


def _read_bare_link(draft: _Draft, text: str, line: Line, report: list[ReportItem]) -> None:
    """A web address or DOI alone on a line among the metadata: the work's link where it
    has none, its DOI where the title links elsewhere; the same link again is used; a
    second, other link has no field and is reported, never run into the abstract."""
    if draft.url is None:
        _url(draft, text, line)
        return
    target = written_link(strip_markup(text))
    url = web_link(target) if target else None
    doi = doi_from_url(url) if url else None
    if draft.doi is None and doi is not None:
        draft.doi = doi
        draft.mark("doi", line)
    elif url is not None and (url == draft.url or (doi is not None and doi == draft.doi)):
        draft.mark("url", line)
    else:
        _report(report, line, Reason.UNEXPLAINED)


def _ends_note(draft: _Draft, text: str) -> bool:
    """``account``, without its ``*``: the last word of the note begun before it (and not
    yet whole: punctuation after a whole note is no part of it)."""
    parts = " ".join(draft.access_parts)
    return (
        bool(parts)
        and text.isalpha()
        and parse_access_note(parts) is None
        and parse_access_note(f"{parts} {text}") is not None
    )


def _read_body(block: RefBlock, draft: _Draft, report: list[ReportItem]) -> None:
    """Labels are metadata wherever they stand; unlabelled lines before the last label
    are strays, and those after it are the abstract (or access note, or supplement)."""
    labels = block.labels or tuple(label_of(line.text) for line in block.body)
    last_label = max(
        (at for at, label in enumerate(labels) if label and label[0] != "abstract"), default=-1
    )
    seen: set[str] = set()
    abstract_labelled = False
    for at, (line, label) in enumerate(zip(block.body, labels, strict=True)):
        text = line.text.strip()
        stray = at < last_label and not abstract_labelled
        if label is not None and label[0] != "abstract":
            name, value = label
            field = SAME_FIELD.get(name, name)
            # A label with nothing after it gives no value and loses none: it neither
            # counts as the field given nor, repeated, as a second value.
            given = bool(value.strip())
            # A second value must not replace the first unseen (an identifier replaces none).
            if given and field in seen and field != "identifier":
                _report(report, line, Reason.UNEXPLAINED)
                continue
            if given:
                seen.add(field)
            abstract_labelled = False
            value, run_on = _split_run_on(name, value, len(line.source_lines) > 1)
            _read_label(draft, name, value, line, report)
            if run_on:
                _read_unlabelled(draft, run_on, line, at < last_label, report)
        elif label is not None:
            # "Abstract:" opens the abstract; a second one inside it is its text.
            _abstract(draft, text if draft.abstract_parts else label[1], line)
            abstract_labelled = True
        else:
            _read_unlabelled(draft, text, line, stray, report)


def _read_unlabelled(
    draft: _Draft, text: str, line: Line, stray: bool, report: list[ReportItem]
) -> None:
    """A line without label: a supplement, a stray (before a label), an access note, or
    the abstract."""
    if _is_supplement(draft, text):
        # Only recognised here; _resolve_source applies it to the source.
        draft.supplement = text
        draft.mark("supplement", line)
    elif (accessed := parse_accessed(text)) is not None:
        _read_accessed(draft, accessed, line, report)
    elif stray:
        _read_stray(draft, text, line, report)
    elif not draft.abstract_parts and is_bare_link(text):
        _read_bare_link(draft, text, line, report)  # written out after the labels
    elif draft.access is None and not draft.abstract_parts and is_access_fragment(text):
        draft.access_parts.append(text)
        draft.mark("access", line)
    elif draft.access is None and not draft.access_parts and _is_starred_note(text):
        draft.access_parts.append(text)  # a whole note set after the abstract
        draft.mark("access", line)
    else:
        _abstract(draft, text, line)


def _read_accessed(
    draft: _Draft, accessed: AccessDate, line: Line, report: list[ReportItem]
) -> None:
    """An access date written without a label (``Last accessed 2 January 2025`` on its
    own line, ``(Accessed: 2 January 2025)`` after a link), wherever it stands: never
    part of the abstract. A second, other date has no field and is reported."""
    if not _set_accessed(draft, accessed, line):
        _report(report, line, Reason.UNEXPLAINED)


def _set_accessed(draft: _Draft, accessed: AccessDate, line: Line) -> bool:
    """The entry's access date from ``line`` (its update date reported); False, nothing
    set, where the entry has another already (a second date, which no field holds)."""
    if draft.accessed not in (None, accessed.date):
        return False
    draft.accessed = accessed.date
    draft.mark("accessed", line)
    _report_update(draft, accessed, line)
    return True


def _report_update(draft: _Draft, accessed: AccessDate, line: Line) -> None:
    """NLM's update date beside the access date (``[updated 2024 Dec 1; cited 2025 Jan
    2]``): no field holds it, so it is reported as taken from the line."""
    if accessed.updated is not None:
        draft.report_taken(line, accessed.updated, Reason.UPDATE_DATE)


def _is_starred_note(text: str) -> bool:
    """``Abstract only*`` whole, with its star: an access note wherever it stands, as no
    sentence of an abstract is."""
    return text.rstrip().endswith("*") and parse_access_note(text) is not None


# Where a value may have run on into the text after it: after its last number, before a
# capitalised word ("… 32(7), pp. 834-852 Semi-structured interviews were …").
_RUN_ON = re.compile(r"(?<=\d)[).,]?\s+(?=[A-Z][a-z]+\b)")
_SHORTEST_RUN_ON = 3  # words: a supplement ("Supplement 3") is part of a source


def _gives_numbers(name: str, value: str) -> bool:
    """Whether a source value gives a volume, issue or pages (a year is no volume)."""
    source = _year_for_volume(_SOURCE_PARSERS[name](value))
    return bool(source.volume or source.issue or source.pages)


def _reads_whole(name: str, value: str) -> bool:
    """Whether a source gives its numbers, or a date is one."""
    return parse_date_value(value) is not None if name == "date" else _gives_numbers(name, value)


def _split_run_on(name: str, value: str, wrapped: bool) -> tuple[str, str]:
    """(value, text that ran on after it). Where a page break or a full line joined the
    line after a source or a date to it (a PDF's or plain text's paragraphs), the value
    that does not read whole reads whole up to its last number: the rest is what follows
    (the abstract), and is read as such instead of spoiling the value. ``wrapped``: the
    value's paragraph was joined from several lines of a copy."""
    if name in _LINK_FIELDS:
        return _split_link_run_on(name, value, wrapped)
    if name != "date" and name not in _SOURCE_PARSERS:
        return value, ""
    if _RUN_ON.search(value) is None or _reads_whole(name, value):
        return value, ""  # (the cheap test first: most values have no such place)
    for match in _RUN_ON.finditer(value):
        head, tail = value[: match.start() + len(match[0].rstrip())].strip(), value[match.end() :]
        if name == "date" and opens_with_date_word(tail):
            continue  # ("2021 Jun. Epub 2021 May 12": not understood whole, not cut)
        if len(tail.split()) >= _SHORTEST_RUN_ON and _reads_whole(name, head):
            return head, tail
    return value, ""


_LINK_FIELDS = frozenset({"url", "doi"})


def _split_link_run_on(name: str, value: str, wrapped: bool) -> tuple[str, str]:
    """A link has no spaces: words after it (two or more, or a bracketed note such as
    ``(PDF)``) are the text that ran on (``… 01194-7 GPs valued ACPs``); one word after
    it, in a paragraph a copy joined
    from its lines, is the rest of the link, which the copy wrapped (``…?utm_sou`` /
    ``rce=brief``, ``…/s12875-022-`` / ``01234-5``), and goes back to it without the
    space that joined the lines."""
    link, _, tail = value.strip().partition(" ")
    words = tail.split()
    if _links_listed(value)[1]:
        return value, ""  # links listed, with "and" between them: the label's, no prose
    # (A bracket opens a note after the link: "(PDF)". What is no link ran on from
    # nothing: the whole value is not understood, reported once, not a part twice.)
    if (len(words) >= 2 or tail.lstrip().startswith(("(", "["))) and _reads_as_link(name, link):
        return link, tail.strip()
    if wrapped and words and not link.endswith((";", ",")):
        return link + words[0], ""
    return value, ""  # (after a ";" the next is a second link: "10.1/a;" / "10.1/a.corr")


def _reads_as_link(name: str, text: str) -> bool:
    """Whether ``text`` is a value the ``name`` label reads (see :func:`_doi`, :func:`_url`)."""
    text = strip_markup(text)
    return doi_from_url(text) is not None if name == "doi" else bool(written_link(text))


def _is_supplement(draft: _Draft, text: str) -> bool:
    """``Supplement 3`` on its own line after the source, before the abstract."""
    return (
        draft.source_text is not None
        and draft.supplement is None
        and not draft.abstract_parts
        and apply_supplement(_NO_SOURCE, text) is not None
    )


def _is_journal(draft: _Draft, source: Source) -> bool:
    """Decide whether a ``Source:`` names a journal or the organisation that published."""
    if source.volume or source.issue or source.pages:
        return True
    if heading_key(source.container_title or draft.source_text or "") in draft.evidence.journals:
        return True  # the brief gives this name with numbers elsewhere
    verdict = classify_source(draft.source_text or "")
    if verdict != "unknown":
        return verdict == "journal"
    # An unknown name: a truncated author list or a database access note mark a paper.
    return draft.authors_truncated or bool(draft.access_parts) or draft.access is not None


def _year_for_volume(source: Source) -> Source:
    """``Source: NHS England 2019``: an organisation's name and a year, not a volume."""
    if (
        source.volume is not None
        and is_year_like(source.volume)
        and not (source.issue or source.pages)
        and classify_source(source.container_title or "") == "organisation"
    ):
        return attrs.evolve(source, volume=None, date=source.date or parse_date(source.volume))
    return source


def _resolve_source(draft: _Draft, report: list[ReportItem]) -> None:
    if draft.source_text is None or draft.source is None or draft.source_line is None:
        return
    lines = draft.lines["source"]
    source = _year_for_volume(draft.source)
    if draft.supplement is not None:
        source = apply_supplement(source, draft.supplement) or source
    if draft.container_title is not None or _is_journal(draft, source):
        parts = {
            name: getattr(source, name) for name in ("container_title", "volume", "issue", "pages")
        }
    else:
        place, publisher = split_place_publisher(
            _without_thesis_type(
                draft, source.container_title or strip_markup(draft.source_text), draft.source_line
            )
        )
        parts = {"publisher": publisher, "place": place}
    if not _source_agrees(draft, parts, report):
        return
    for name, value in parts.items():
        if value is not None and getattr(draft, name) is None:
            setattr(draft, name, value)
            draft.lines[name].extend(lines)
    # Every label is read by now: a status or DOI one gave stays.
    _set_source_extras(draft, source, lines, replace_status=False, link_known_doi=True)


def _refines(date: Date | None, written: Date) -> bool:
    """Whether a date written in the source (``Int J Nurs Stud. 2022 Jan;125:…``) is to be
    taken: where none was given, or where the one given is its year alone."""
    return date is None or (
        date == Date(date.year) and written.year == date.year and written != date
    )


def _source_agrees(draft: _Draft, parts: dict[str, object], report: list[ReportItem]) -> bool:
    """Whether the source may give its parts. Where a label gave one of them alone and
    differently (``Source: Name 30(2)`` and ``Issue: 4``), the line written first wins and
    the later one is reported, unused: False when that is the source."""
    assert draft.source_line is not None
    clashes = [
        name
        for name, value in parts.items()
        if value is not None
        and getattr(draft, name) not in (None, value)
        and name in draft.label_lines
    ]
    if not clashes:
        return True
    if any(draft.label_lines[name].number < draft.source_line.number for name in clashes):
        _report(report, draft.source_line, Reason.UNEXPLAINED)
        del draft.lines["source"]
        return False
    for name in clashes:
        label_line = draft.label_lines.pop(name)
        setattr(draft, name, None)  # the source's value follows
        draft.lines[name] = [n for n in draft.lines[name] if n not in label_line.source_lines]
        _report(report, label_line, Reason.UNEXPLAINED)
    return True


def _resolve_kind(draft: _Draft) -> Kind:
    if draft.item_type is not None:
        return Kind(ITEM_TYPES[strip_markup(draft.item_type).lower()])
    if draft.in_book:
        return Kind.REPORT  # a book section, as an Item Type "Book Section" is
    if _VIDEO_TITLE.match(draft.title) or is_video_link(draft.url):
        return Kind.VIDEO
    if draft.container_title is not None:
        return Kind.JOURNAL_ARTICLE
    return Kind.REPORT


def _journal_as_publisher(draft: _Draft) -> None:
    """A report or book (so its ``Item Type:`` says) has no journal: the name a
    ``Journal:`` label gave it, without numbers, is its publisher, and a place after it
    (``Institute for Employment Studies, Brighton``) the place, as in a ``Source:``."""
    if draft.container_title is None or draft.publisher is not None or draft.in_book:
        return
    if draft.volume or draft.issue or draft.pages:
        return  # numbers say journal, whatever the item type: kept as written
    lines = draft.lines.pop("container_title", [])
    place, draft.publisher = split_place_publisher(draft.container_title)
    draft.container_title = None
    draft.lines["publisher"].extend(lines)
    if place is not None and draft.place is None:
        draft.place = place
        draft.lines["place"].extend(lines)


def _clean_abstract(parts: list[str]) -> str | None:
    # A list's glyph alone on its line (pdftotext sets a list's glyphs apart, before its
    # items) is a mark, as one before its item is: no word of the abstract.
    words = [part for part in parts if not (len(part.strip()) == 1 and part.strip() in BULLETS)]
    # Markup is stripped from the whole: a copy wrapped by hand may break a paragraph
    # inside an emphasis (``with *caring`` / ``responsibilities*``). A link keeps where it
    # led, written out (``the toolkit <https://…>``): no field holds it, and the abstract
    # is text for a person to read.
    text = strip_markup(spell_out_links(" ".join(_BULLET.sub("", part) for part in words)))
    return text or None


def _resolve_access(draft: _Draft) -> None:
    if draft.access_parts and draft.access is None:
        joined = " ".join(draft.access_parts)
        note = parse_access_note(joined) or _note_begun_in_title(draft, joined)
        # Text after a title link that is no known access note is still kept, as written.
        draft.access = note or strip_markup(joined)


def _note_begun_in_title(draft: _Draft, rest: str) -> str | None:
    """A plain-text copy wrapped the note after its first words (``… nurses Abstract`` /
    ``only*``), which stayed in the title: the note, with those words taken out of it."""
    words = draft.title.split()
    count = note_begun_before(" ".join(words[1:]), rest)  # (the first word stays a title)
    if not count:
        return None
    draft.title = " ".join(words[:-count])
    return parse_access_note(" ".join([*words[-count:], rest]))


def _freeze(
    draft: _Draft, kind: Kind, abstract: str | None, block: RefBlock, where: Provenance
) -> Entry:
    return Entry(
        title=draft.title,
        kind=kind,
        authors=draft.authors,
        authors_truncated=draft.authors_truncated,
        container_title=draft.container_title,
        volume=draft.volume,
        issue=draft.issue,
        pages=draft.pages,
        date=draft.date,
        publisher=draft.publisher,
        place=draft.place,
        abstract=abstract,
        access=draft.access,
        sections=(block.section,),
        url=draft.url,
        doi=draft.doi,
        status=draft.status,
        accessed=draft.accessed,
        unparsed=draft.unparsed,
        provenance=(where,),
    )


def build_entry(
    block: RefBlock, source: str, brief: str | None, evidence: BriefEvidence = BriefEvidence()
) -> tuple[Entry, list[ReportItem]]:
    """Read one reference block into an Entry; lines it cannot place go to the report.
    ``evidence``: what the whole brief says (:func:`brief_evidence`)."""
    draft = _Draft(title=block.title[0], evidence=evidence)
    report: list[ReportItem] = []
    _read_title(block, draft)
    _read_body(block, draft, report)
    _resolve_access(draft)
    _resolve_source(draft, report)
    kind = _resolve_kind(draft)
    if kind is Kind.REPORT:
        _journal_as_publisher(draft)
    draft.mark("kind", block.title_line)
    unused = {item.line for item in report}
    used = [block.title_line, *(line for line in block.body if line.number not in unused)]
    provenance = Provenance(
        source=source,
        lines=sorted({number for line in used for number in line.source_lines}),
        pages=sorted({line.page for line in used if line.page is not None}),
        fields={name: sorted(set(numbers)) for name, numbers in draft.lines.items()},
        brief=brief,
    )
    entry = _freeze(draft, kind, _clean_abstract(draft.abstract_parts), block, provenance)
    return entry, [*report, *draft.line_reports]
