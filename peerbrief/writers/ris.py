"""RIS, the tagged format of EndNote, Zotero, Mendeley and the databases, written by rispy.

RIS has no escaping: one tag per line, and a line that starts like a tag is a tag. So
every value goes on one line (:func:`.common.one_line` removes CR, LF and every other
line or paragraph separator), and no value can forge an ``ER``/``TY`` line.

Lines end with CRLF, as EndNote's RIS documentation asks; Zotero, Mendeley and rispy
(``newline="\\r\\n"``) read it too. The file is UTF-8 without a byte-order mark.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import rispy

from ..vocabulary import NAME_COMMA, SEASONS
from .common import is_corporate, one_line, one_line_people, tags, with_web_links
from .keys import citation_keys

if TYPE_CHECKING:
    from ..model import Date, Entry, Person

__all__ = ["NAME_COMMA", "NEWLINE", "RIS_CONTAINED_TYPES", "RIS_FIELDS", "RIS_TYPES", "to_ris"]

NEWLINE = "\r\n"

RIS_TYPES: Mapping[str, str] = {"journal-article": "JOUR", "report": "RPRT", "video": "VIDEO"}
"""Kind (its value) → ``TY``."""

RIS_CONTAINED_TYPES: Mapping[str, str] = {"RPRT": "CHAP"}
"""``TY`` → the type written instead for a work inside a larger one (an entry with a
container title: a report's book section). Zotero reads a report's ``T2`` as its series
title; a ``CHAP``'s as its book (pandoc: ``container-title``)."""


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy ships no type hints
    """rispy's writer without its ``1.``, ``2.`` … counter lines (no RIS reader needs
    them) and with CRLF line ends."""

    NEWLINE = NEWLINE

    def set_header(self, count: int) -> str:
        return ""


def _ris_name(person: Person) -> str:
    r"""``Family, Given``, or the family name alone; an organisation ends with a comma
    (``Public Health England,``), EndNote's mark for a corporate author, which Zotero and
    pandoc also read as one name rather than given names + surname.

    RIS has no quoting, and readers split a name at every comma: Zotero's RIS import
    (``value.split(/\s*,\s*/)``) made ``University of X, School of Y`` the person
    "School of Y University of X", pandoc its family name and suffix. So a comma inside
    a name is written as :data:`NAME_COMMA` (U+201A), which prints alike."""
    family = person.family.replace(",", NAME_COMMA)
    if is_corporate(person):
        return family + ","
    return f"{family}, {person.given.replace(',', NAME_COMMA)}" if person.given else family


def _ris_date(date: Date) -> str:
    """``DA``: ``YYYY/MM/DD/other`` with blank unknown parts (``2012/04//``); a season goes
    in the "other" part (``2018///Spring``). A range keeps its start: RIS has no ranges."""
    month = f"{date.month:02d}" if date.month is not None else ""
    day = f"{date.day:02d}" if date.day is not None else ""
    season = SEASONS[date.season] if date.season is not None else ""
    return f"{date.year:04d}/{month}/{day}/{season}"


def _keywords(entry: Entry) -> list[str]:
    """One ``KW`` per tag. Zotero splits the value of a record's only ``KW`` line at
    commas; a lone tag with a comma is therefore written twice (Zotero then keeps one)."""
    keywords = list(tags(entry))
    if len(keywords) == 1 and "," in keywords[0]:
        keywords.append(keywords[0])
    return keywords


def _text(attribute: str) -> Callable[[Entry], str | None]:
    """The getter of one text attribute, on one line."""
    get = attrgetter(attribute)

    def text(entry: Entry) -> str | None:
        value = get(entry)
        return one_line(value) if value is not None else None

    return text


def _listed(attribute: str) -> Callable[[Entry], list[str] | None]:
    """The getter of one text attribute as rispy's list value (a list tag)."""
    text = _text(attribute)

    def listed(entry: Entry) -> list[str] | None:
        value = text(entry)
        return [value] if value else None

    return listed


def _authors(entry: Entry) -> list[str]:
    return [_ris_name(person) for person in one_line_people(entry.authors)]


def _year(entry: Entry) -> str | None:
    return f"{entry.date.year:04d}" if entry.date is not None else None


def _date(entry: Entry) -> str | None:
    return _ris_date(entry.date) if entry.date is not None else None


def _accessed(entry: Entry) -> str | None:
    return _ris_date(entry.accessed) if entry.accessed is not None else None


def _start_page(entry: Entry) -> str | None:
    return one_line(entry.pages.first) if entry.pages is not None else None


def _end_page(entry: Entry) -> str | None:
    return one_line(entry.pages.last) if entry.pages and entry.pages.last else None


RIS_FIELDS: tuple[tuple[str, Callable[[Entry], object]], ...] = (
    ("authors", _authors),  # AU, one line per author
    ("title", _text("title")),  # TI
    ("secondary_title", _text("container_title")),  # T2
    ("year", _year),  # PY
    ("date", _date),  # DA
    ("volume", _text("volume")),  # VL
    ("number", _text("issue")),  # IS
    ("start_page", _start_page),  # SP
    ("end_page", _end_page),  # EP
    ("publisher", _text("publisher")),  # PB
    ("place_published", _text("place")),  # CY
    ("abstract", _text("abstract")),  # AB
    ("notes", _listed("access")),  # N1
    ("keywords", _keywords),  # KW, one line per tag
    ("urls", _listed("url")),  # UR
    ("access_date", _accessed),  # Y2
    ("doi", _text("doi")),  # DO
)
"""rispy key (RIS tag in the comment) and how to get its value, in the order written
after ``TY`` and ``ID``. An empty value writes no line.

The access date goes in ``Y2``, in ``DA``'s form: EndNote's RIS reference types give
``Y2`` as "Access Date" for journal articles, reports and book sections, and Zotero's
RIS import (translators' RIS.js) reads ``Y2`` as the access date of every item type.
The status (``In press``) is not written: RIS has no tag for it. ``RP`` is EndNote's
"Reprint Status" (``IN FILE``, ``NOT IN FILE``, ``ON REQUEST``: whether one holds a
reprint, not where the work is on its way to print), and Zotero's RIS import knows no
``RP`` (an unknown tag, which it drops by default: ``ignoreUnknown``)."""


def _record(entry: Entry, key: str) -> dict[str, Any]:
    ris_type = RIS_TYPES[entry.kind.value]
    if entry.container_title and one_line(entry.container_title):
        ris_type = RIS_CONTAINED_TYPES.get(ris_type, ris_type)
    record: dict[str, Any] = {"type_of_reference": ris_type, "id": key}
    for name, value_of in RIS_FIELDS:
        if value := value_of(entry):
            record[name] = value
    return record


def to_ris(entries: Sequence[Entry]) -> str:
    """The entries as RIS records, with the citation keys as ``ID``."""
    entries = with_web_links(entries)
    keys = citation_keys(entries)
    records = [_record(entry, key) for entry, key in zip(entries, keys, strict=True)]
    text: str = rispy.dumps(records, implementation=_RisWriter)
    return text
