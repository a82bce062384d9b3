"""EndNote XML (EndNote's File › Export › XML; Zotero's and Mendeley's "EndNote XML").

``<xml><records><record>…`` with one element per field; EndNote wraps each value in
``<style face=… font=… size=…>`` runs (several where the formatting changes), whose text
is joined. Newlines are ``&#xD;``. Parsed safely (:mod:`~peerbrief.library.safexml`).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping, Sequence
from xml.etree.ElementTree import Element

from ..errors import InputError
from ..limits import Deadline
from ..model import Kind
from ..model import collapse_spaces as one_line
from .records import (
    EXPORT_HINT,
    Problem,
    Record,
    access_date,
    find_doi,
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
from .safexml import parse_xml

ENDNOTE_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        (
            "Journal Article",
            "Electronic Article",
            "Magazine Article",
            "Newspaper Article",
            "Serial",
        ),
        Kind.JOURNAL_ARTICLE,
    ),
    **dict.fromkeys(("Film or Broadcast", "Audiovisual Material", "Online Multimedia"), Kind.VIDEO),
}
"""EndNote's reference type names (``<ref-type name=…>``, Refer's ``%0``) → kind; every
other type (Report, Book, Book Section, Government Document, Web Page, Thesis,
Conference Proceedings…) is a report, as the brief's own item types are. ``Generic``
is classified as RIS's ``GEN`` is."""

ENDNOTE_REF_TYPES: Mapping[str, str] = {
    "17": "Journal Article",
    "43": "Electronic Article",
    "19": "Magazine Article",
    "23": "Newspaper Article",
    "21": "Film or Broadcast",
    "3": "Audiovisual Material",
    "48": "Online Multimedia",
    "13": "Generic",
}
"""EndNote's reference type numbers (the text of ``<ref-type>``), for a record whose
``ref-type`` has no ``name``; numbers not listed here are reports."""

ENDNOTE_XML_FIELDS: Mapping[str, tuple[str, ...]] = {
    "title": ("titles/title",),
    "container_title": (
        "titles/secondary-title",
        "periodical/full-title",
        "alt-periodical/full-title",
        "periodical/abbr-1",
        "titles/alt-title",
        "alt-periodical/abbr-1",
    ),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "publisher": ("publisher",),
    "place": ("pub-location",),
    "abstract": ("abstract",),
    "url": ("urls/web-urls/url", "urls/related-urls/url"),
    "doi": ("electronic-resource-num",),
    # Values built from several elements.
    "access": ("notes", "research-notes"),
    "authors": ("contributors/authors/author",),
    "date": ("dates/pub-dates/date", "dates/year"),
    "accessed": ("access-date",),
    "pages": ("pages",),
    "article_number": ("custom7",),
    "type_of_work": ("work-type",),
    "tags": ("keywords/keyword",),
}
"""Entry field → the record's elements (paths below ``<record>``) that fill it, the first
given winning (full journal titles before abbreviations; ``custom7``, a journal
article's number, only when it has no pages; ``work-type``, the type of work, when it is
a status: ``Article in Press``; ``access-date``, the access date).
Editors (``secondary-authors``) are not authors; links
are the ``http(s)`` ones (EndNote puts ``<Go to ISI>://…`` among them, and attachments
in ``pdf-urls``); the DOI is found within ``electronic-resource-num`` (EndNote writes
``DOI 10.…`` there too); the citation key (``label``), ISBN/ISSN, language and the like
have no place in the model."""

_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place", "abstract")
_PATHS = frozenset(path for paths in ENDNOTE_XML_FIELDS.values() for path in paths)
_ON_THE_WAY = frozenset(
    path.rsplit("/", i)[0] for path in _PATHS for i in range(1, path.count("/") + 1)
)
_LINK = re.compile(r"(?:https?|ftp)://\S+", re.IGNORECASE)
_ROOTS = frozenset({"xml", "records"})
"""Root elements of an EndNote XML file with no records (an empty library)."""


def _parse(text: str, source: str, problems: list[Problem]) -> list[tuple[Element, int]]:
    root, records = parse_xml(text, source, problems, lambda tag, _depth: tag == "record")
    if root not in _ROOTS and not records:  # MODS, Word's sources, an SVG…: named
        name = (root or "").rpartition("}")[2]  # without its namespace
        raise InputError(
            f"{source}: XML, but neither EndNote XML (no <records> of <record>s) nor Zotero "
            f"RDF{f' (its root is <{name}>)' if name else ''}; {EXPORT_HINT}"
        )
    return records


def _text(element: Element) -> str:
    """An element's text: its style runs joined."""
    return "".join(element.itertext())


def _values(record: Element) -> dict[str, list[str]]:
    """Path → the text of each element at that path (on one line: EndNote's ``&#xD;``
    newlines become spaces), for every path the table names. One walk through the
    record, into the elements on the way to a named path only (a ``findall`` a path
    costs as much again, per record)."""
    values: dict[str, list[str]] = {path: [] for path in _PATHS}
    pending = deque([(record, "")])  # breadth first: elements of a path in file order
    while pending:
        element, prefix = pending.popleft()
        for child in element:
            path = prefix + child.tag
            if path in _PATHS:
                values[path].append(one_line(_text(child)))
            elif path in _ON_THE_WAY:
                pending.append((child, path + "/"))
    return values


def _all_of(values: Mapping[str, Sequence[str]], field: str) -> list[str]:
    return [v for path in ENDNOTE_XML_FIELDS[field] for v in values[path] if v.strip()]


def _type_name(record: Element) -> str:
    ref_type = record.find("ref-type")
    if ref_type is None:
        return ""
    return ref_type.get("name") or ENDNOTE_REF_TYPES.get(_text(ref_type).strip(), "")


def _record(
    element: Element, line: int, number: int, problems: list[Problem], source: str
) -> Record:
    values = _values(element)
    text = {field: one_of(values, ENDNOTE_XML_FIELDS[field]) for field in _TEXT_FIELDS}
    text["url"] = next((url for url in _all_of(values, "url") if _LINK.fullmatch(url)), None)
    numbers = _all_of(values, "doi")
    # The first that holds a DOI; else the first, which to_entry reports as holding none.
    text["doi"] = next((value for value in numbers if find_doi(value)), next(iter(numbers), None))
    text["access"] = joined_notes(_all_of(values, "access"))
    written, year = (one_of(values, (path,)) for path in ENDNOTE_XML_FIELDS["date"])
    date, unread = written_or_year(written, year)
    text["status"], unread = status_or_unread(unread)
    text["status"] = status_of_type(
        text["status"], one_of(values, ENDNOTE_XML_FIELDS["type_of_work"])
    )
    if unread is not None:
        problems.append(Problem(source, number, unread_date(unread), line or None))
    accessed, unread = access_date(one_of(values, ENDNOTE_XML_FIELDS["accessed"]))
    if unread is not None:
        problems.append(Problem(source, number, unread, line or None))
    pages = one_of(values, ENDNOTE_XML_FIELDS["pages"])
    given = {field: value for field, value in text.items() if value is not None}
    kind = kind_of(_type_name(element), ENDNOTE_KINDS, given)
    article_number = one_of(values, ENDNOTE_XML_FIELDS["article_number"])
    return Record(
        number=number,
        lines=(line,) if line else (),
        kind=kind,
        text=given,
        authors=people(_all_of(values, "authors")),
        date=date,
        pages=pages_or_article_number(split_pages(pages) if pages else None, article_number, kind),
        tags=tuple(dict.fromkeys(_all_of(values, "tags"))),
        accessed=accessed,
    )


# Where a record starts (counted before parsing, against ``max_records``).
RECORD_START = re.compile(r"<record\b")


def read_endnote_xml(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    refuse_beyond_starts(RECORD_START, text, max_records, source)
    elements = _parse(text, source, problems)
    records = [
        _record(element, line, number, problems, source)
        for number, (element, line) in numbered(elements, deadline)
    ]
    return records, len(elements)
