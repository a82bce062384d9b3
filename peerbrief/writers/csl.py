"""CSL-JSON, the input format of citeproc (pandoc, Zotero, Mendeley, citeproc-py).

Items validate against the official CSL data schema (``peerbrief/data/csl-data.json``).
JSON can carry any character, so text needs no escaping; as in the other formats, it is
put on one line and control characters are dropped (citeproc copies them into HTML or
LaTeX, where they do harm).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import OutputError
from ..vocabulary import CSL_RAW_SEASONS
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

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from ..model import Date, Entry, Pages, Person

__all__ = [
    "CSL_CONTAINED_TYPES",
    "CSL_TEXT_FIELDS",
    "CSL_TYPES",
    "KEYWORD_SEPARATOR",
    "TRUNCATED",
    "to_csl_items",
    "to_csl_json",
    "validate_csl",
]

CSL_TYPES: Mapping[str, str] = {
    "journal-article": "article-journal",
    "report": "report",
    "video": "motion_picture",
}
"""Kind (its value) → CSL ``type``."""

CSL_CONTAINED_TYPES: Mapping[str, str] = {"report": "chapter"}
"""CSL ``type`` → the type written instead for a work inside a larger one (an entry with
a container title: a report's book section, as BibTeX's ``@incollection``). The styles'
report layouts print no container: IEEE and the AMA's style left the book out."""

CSL_TEXT_FIELDS: Mapping[str, str] = {
    "title": "title",
    "container_title": "container-title",
    "volume": "volume",
    "issue": "issue",
    "publisher": "publisher",
    "place": "publisher-place",
    "abstract": "abstract",
    "access": "annote",
    "status": "status",
    "url": "URL",
    "doi": "DOI",
}
"""Entry attribute → CSL variable, for the attributes written as plain text.

The access note goes in ``annote``, which CSL styles print only in annotated
bibliographies; ``note`` is printed by many styles (and Zotero imports it as Extra).
Zotero's CSL-JSON import has no field for ``annote`` (zotero-schema ``csl.fields.text``
maps ``note`` → extra and nothing to ``annote``): RIS carries the note into Zotero."""

KEYWORD_SEPARATOR = "; "
"""CSL's ``keyword`` is one string. Section names contain commas ("Health, wellbeing,
and work-life balance"), so tags are joined with semicolons instead."""

TRUNCATED = "authors-truncated"
"""The ``custom`` key that says the author list ends in "et al.".

CSL-JSON's usual ``{"literal": "others"}`` becomes a creator named "others" in Zotero
(zotero/utilities utilities_item.js ``itemFromCSLJSON``: a name with a ``literal``
becomes ``{lastName: literal, fieldMode: 1}``) and in citeproc-js; only pandoc prints
it as "et al." (jgm/citeproc Eval.hs ``finalNameIsOthers``). ``custom`` is the CSL
schema's place for data without a variable, and every consumer ignores it."""


def _csl_name(person: Person) -> dict[str, str]:
    """A person's CSL name as Zotero writes one: a non-dropping particle inside the family
    name (``van der Berg``), a dropping one after the given name (``Helmut von`` +
    ``Moltke``).

    Zotero's CSL-JSON import reads only ``family``, ``given`` and ``literal``
    (zotero/utilities utilities_item.js ``itemFromCSLJSON``: ``lastName = family``), so
    the particle written apart (``non-dropping-particle``) was lost: "de Vries" arrived
    as "Vries". citeproc-js (``parse-names``, on by default) and pandoc (jgm/citeproc)
    take both particles out of these names and print and sort them as with the parts
    apart; for citeproc-py, which does not, :mod:`peerbrief.cite` writes them apart."""
    if is_corporate(person):
        return {"literal": person.family}
    parts = name_parts(person)
    if parts.dropping and person.given is not None:
        return {"family": parts.family, "given": f"{person.given} {parts.particle}"}
    name = {"family": person.family}
    if person.given is not None:
        name["given"] = person.given
    return name


def _csl_authors(entry: Entry) -> list[dict[str, str]]:
    return [_csl_name(person) for person in one_line_people(entry.authors)]


def _csl_page(pages: Pages) -> str:
    return "-".join(part for part in (one_line(pages.first), one_line(pages.last or "")) if part)


def _date_parts(date: Date) -> list[int]:
    parts = [date.year, date.month, date.day]
    return [part for part in parts if part is not None]


def _csl_date(date: Date) -> dict[str, Any]:
    """``issued`` (and ``accessed``): one ``date-parts`` array, two for a range; a season
    as CSL's 1-4, and the date as text in ``raw`` as well.

    CSL has one season per date, so a season range (Spring-Summer 2018) keeps the start's
    in ``season``. Zotero's CSL-JSON import writes a numeric season before the date ("1
    2018"; utilities_item.js ``itemFromCSLJSON``: ``date = newDate.season+" "+date``)
    but takes ``raw`` first and keeps it as the date text ("Spring 2018"), which it reads
    correctly; pandoc also reads ``raw`` first ("Spring 2018" → the season) and
    citeproc-js and citeproc-py read ``date-parts`` and ``season``.

    ``raw`` names seasons as pandoc's date parser knows them (:data:`CSL_RAW_SEASONS`:
    "Fall 2021", since it reads "Autumn 2021" as no date at all) and writes each end of a
    range in full ("Spring 2018 - Summer 2018"; it reads no "Spring-Summer 2018").
    """
    points = [date] if date.end is None else [date, date.end]
    issued: dict[str, Any] = {"date-parts": [_date_parts(point) for point in points]}
    if date.season is not None:
        issued["season"] = date.season
        issued["raw"] = " - ".join(_raw_point(point) for point in points)
    return issued


def _raw_point(date: Date) -> str:
    if date.season is not None:
        return f"{CSL_RAW_SEASONS[date.season]} {date.year}"
    return str(attrs.evolve(date, end=None))


CSL_ORDER = (
    "id", "citation-key", "type", "author", "title", "container-title", "issued", "status",
    "volume", "issue", "page", "publisher", "publisher-place", "abstract", "annote",
    "keyword", "URL", "accessed", "DOI", "custom",
)  # fmt: skip
"""The order variables are written in; JSON readers ignore it, people reading do not."""


def _csl_item(entry: Entry, key: str) -> dict[str, Any]:
    csl_type = CSL_TYPES[entry.kind.value]
    if entry.container_title and one_line(entry.container_title):
        csl_type = CSL_CONTAINED_TYPES.get(csl_type, csl_type)
    item: dict[str, Any] = {"id": key, "citation-key": key, "type": csl_type}
    if authors := _csl_authors(entry):
        item["author"] = authors
    if entry.date is not None:
        item["issued"] = _csl_date(entry.date)
    if entry.accessed is not None:
        item["accessed"] = _csl_date(entry.accessed)
    for attribute, variable in CSL_TEXT_FIELDS.items():
        value = getattr(entry, attribute)
        if value is not None and (text := one_line(value)):
            item[variable] = text
    if entry.pages is not None and (page := _csl_page(entry.pages)):
        item["page"] = page
    if keywords := tags(entry):
        item["keyword"] = KEYWORD_SEPARATOR.join(keywords)
    if entry.authors_truncated and "author" in item:
        item["custom"] = {TRUNCATED: True}
    return in_order(item, CSL_ORDER)


def to_csl_items(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """CSL-JSON items, one per entry, with the citation keys as ids."""
    entries = with_web_links(entries)
    keys = citation_keys(entries)
    return [_csl_item(entry, key) for entry, key in zip(entries, keys, strict=True)]


def to_csl_json(entries: Sequence[Entry]) -> str:
    """A CSL-JSON document: a UTF-8 JSON array, indented, ending with a newline."""
    return json.dumps(to_csl_items(entries), ensure_ascii=False, indent=2) + "\n"


@cache
def _validator() -> Validator:
    # Imported here: jsonschema costs ~30 ms of start-up, and only validation needs it.
    import jsonschema

    schema_file = resources.files("peerbrief") / "data" / "csl-data.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


def validate_csl(items: Sequence[Mapping[str, Any]]) -> None:
    """Check ``items`` against the official CSL data schema.

    Raises OutputError naming the most relevant error and where it is
    (``/3/issued/date-parts``).
    """
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(items))
    if error is not None:
        where = "/" + "/".join(str(step) for step in error.absolute_path)
        raise OutputError(f"invalid CSL-JSON at {where}: {one_line(error.message)[:200]}")
