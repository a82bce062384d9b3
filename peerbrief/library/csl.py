"""CSL-JSON (Zotero, Mendeley, pandoc, citation.js…)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import InputError
from ..limits import Deadline
from ..model import Date, Kind, Person
from ..model import collapse_spaces as one_line
from ..vocabulary import DROPPING_PARTICLES, SEASON_WORDS, SEASONS
from .records import (
    ET_AL,
    MAX_DIGITS,
    Problem,
    Record,
    access_range,
    date_of,
    either_way_year,
    joined_notes,
    kind_of,
    numbered,
    one_of,
    parse_date,
    refuse_beyond,
    split_pages,
    status_or_unread,
    to_int,
    to_person,
    unread_date,
    website_as_publisher,
)
from .zotero_csv import extra_fields

CSL_KINDS: Mapping[str, Kind] = {
    **dict.fromkeys(
        ("article-journal", "article-magazine", "article-newspaper", "article", "periodical"),
        Kind.JOURNAL_ARTICLE,
    ),
    **dict.fromkeys(("motion_picture", "broadcast"), Kind.VIDEO),
}
"""CSL ``type`` → kind; every other type is a report."""


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
    "status": ("status",),
}
"""Entry field → the CSL variables that fill it, the first given winning (of the notes,
every one, joined: Zotero writes its Extra field as ``note``, a report's DOI there as a
``DOI: 10.…`` line, read as the DOI when ``DOI`` is not given). Built from
several: ``author``, ``issued``, ``page``/``page-first``, ``keyword``, ``type``; the
access date is ``accessed``, a date as ``issued`` is."""


def _csl_text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


_READ = frozenset(name for names in CSL_FIELDS.values() for name in names) | {
    "page",
    "page-first",
}
"""The variables read as text (one value each)."""


def _csl_texts(value: Any) -> list[str]:
    """A variable's text; a list of texts as Crossref's JSON writes titles (``"title":
    ["…"]``), the first read and the others reported."""
    if (text := _csl_text(value)) is not None:
        return [text]
    if isinstance(value, list):
        return [text for item in value if (text := _csl_text(item)) is not None]
    return []


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
        family = _csl_text(name.get("family"))
        literal = _csl_text(name.get("literal"))
        given = _csl_text(name.get("given"))
        if family is None and literal is not None:  # a name not in parts: an organisation's
            person = Person(literal.strip(), organisation=True) if literal.strip() else None
        else:
            given, dropping = _given_and_particle(given)
            family = " ".join(part for part in (dropping, particle, family) if part)
            person = to_person(family, given)
        if person is not None:
            people.append(person)
    return tuple(people), truncated


def _given_and_particle(given: str | None) -> tuple[str | None, str]:
    """``Helmut von`` → (``Helmut``, ``von``): the dropping particle a given name ends with,
    where Zotero (and peerbrief's export) keep it and citeproc-js finds it; it belongs
    to the family name (``von Moltke``)."""
    words = given.split(" ") if given else []
    start = len(words)
    while start > 1 and words[start - 1] in DROPPING_PARTICLES:
        start -= 1
    if start == len(words):
        return given, ""
    return " ".join(words[:start]), " ".join(words[start:])


def _csl_point(parts: Any, season: int | None) -> Date | None:
    """A date's parts; empty trailing ones (``["2019", "", ""]``, a month and day left
    blank, as some exporters write them) are not there."""
    if isinstance(parts, list):
        while parts and parts[-1] == "":
            parts = parts[:-1]
    numbers = [to_int(part) for part in parts] if isinstance(parts, list) else []
    if not numbers or None in numbers:
        return None
    year, month, day = [*numbers, None, None][:3]
    return date_of(year, month, day, season)


def _csl_season(season: Any) -> int | None:
    """``1``..``4``, also written as a string (``"1"``, as Zotero's and citeproc-js's
    exports do), or a season's name."""
    if isinstance(season, str):
        return to_int(season) or SEASON_WORDS.get(season.strip().lower())
    return season if isinstance(season, int) and not isinstance(season, bool) else None


def _circa(issued: Any) -> bool:
    """Whether a date says it is approximate: ``"circa"`` true, ``1`` or a string
    (the schema allows each), except ``"0"`` and ``"false"``."""
    circa = issued.get("circa") if isinstance(issued, dict) else None
    if isinstance(circa, str):
        return circa.strip().lower() not in ("", "0", "false")
    return bool(circa)


def _csl_date(issued: Any) -> tuple[Date | None, str | None]:
    """The date, and the text of one not understood (as written, or the JSON it is in)."""
    if isinstance(issued, (str, int)) and not isinstance(issued, bool):  # "issued": "2012"
        found = parse_date(str(issued))
        return (found, None) if found else (either_way_year(str(issued)), str(issued))
    if not isinstance(issued, dict):
        return None, None if issued is None else json.dumps(issued)
    parts = issued.get("date-parts")
    season = _csl_season(issued.get("season"))
    if issued.get("season") not in (None, "") and season not in SEASONS:
        return _csl_date({**issued, "season": None})[0], json.dumps(issued)
    if isinstance(parts, list) and parts:
        start = _csl_point(parts[0], season)
        end = _csl_point(parts[1], None) if len(parts) > 1 else None
        if start is not None and (len(parts) > 2 or (len(parts) == 2 and end is None)):
            return start, json.dumps(issued)  # an end not read, or more than one: reported
        if start is not None:
            return (attrs.evolve(start, end=end) if end else start), None
    text = _csl_text(issued.get("raw")) or _csl_text(issued.get("literal"))
    if text:
        found = parse_date(text)
        return (found, None) if found else (either_way_year(text), text)
    return None, json.dumps(issued) if parts else None


def _csl_record(item: Any, number: int, source: str, problems: list[Problem]) -> Record | None:
    if not isinstance(item, dict):
        problems.append(Problem(source, number, "not a CSL-JSON item (an object)"))
        return None
    values = {key: _csl_texts(value) for key, value in item.items() if key in _READ}
    for key, value in item.items():
        if key not in _READ or value in (None, "") or len(values[key]) == 1:
            continue
        if values[key]:
            reason = (
                f"{key} given {len(values[key])} times: the first is read, not {values[key][1:]}"
            )
        else:
            reason = f"{key} not read: {one_line(json.dumps(value, ensure_ascii=False))}"
        problems.append(Problem(source, number, reason))
    text = {field: one_of(values, names) for field, names in CSL_FIELDS.items()}
    notes = [value for name in CSL_FIELDS["access"] for value in values.get(name, ())[:1]]
    if note := one_of(values, ("note",)):  # Zotero's Extra: its "DOI: 10.…" line the DOI
        from_extra, rest = extra_fields(note, text)
        text |= from_extra
        notes = [rest if value == note else value for value in notes]
    text["access"] = joined_notes(dict.fromkeys(notes))  # every note, not the first only
    people, truncated = _csl_people(item.get("author"))
    custom = item.get("custom")
    truncated = truncated or (isinstance(custom, dict) and custom.get(CSL_TRUNCATED) is True)
    date, unread = _csl_date(item.get("issued"))
    if unread is not None and text["status"] is None:  # {"literal": "in press"}
        text["status"], unread = status_or_unread(unread)
    if unread is not None:
        problems.append(Problem(source, number, unread_date(unread)))
    elif date is not None and _circa(item.get("issued")):  # the model has no approximate date
        reason = f"date is approximate (circa), which is not kept: read as {date}"
        problems.append(Problem(source, number, reason))
    accessed, unread = _csl_date(item.get("accessed"))
    if unread is not None:
        problems.append(Problem(source, number, f"access date not understood: {unread!r}"))
        accessed = None
    elif accessed is not None and accessed.end is not None:  # two dates: no day read on
        problems.append(Problem(source, number, access_range(json.dumps(item["accessed"]))))
        accessed = None
    page = one_of(values, ("page", "page-first"))
    keywords = _csl_text(item.get("keyword")) or ""
    type_name = str(item.get("type", ""))
    given = website_as_publisher(
        type_name, {field: value for field, value in text.items() if value is not None}
    )
    return Record(
        number=number,
        kind=kind_of(type_name, CSL_KINDS, given),
        text=given,
        authors=people,
        truncated=truncated,
        date=date,
        pages=split_pages(page) if page else None,
        tags=tuple(dict.fromkeys(tag.strip() for tag in keywords.split(";") if tag.strip())),
        accessed=accessed,
    )


def _json_int(digits: str) -> int | str:
    """A JSON integer, or its digits when it has more than :data:`MAX_DIGITS`: a value
    not understood, reported as any other (int() raises on more than 4,300 digits)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else digits


# A JSON escape of a UTF-16 surrogate: a pair is a character; one alone (a high one not
# followed by a low one, a low one not after a high one) is no character, which no writer
# can encode. An escaped backslash is matched as such, so that `\\ud800` stays text.
_SURROGATE_ESCAPE = re.compile(
    r"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
    r"|\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _without_lone_surrogate_escapes(text: str, source: str, problems: list[Problem]) -> str:
    """``text`` with each JSON escape of a lone surrogate made U+FFFD's, and a problem
    saying how many (as a lone surrogate the file encoded, see
    :func:`peerbrief.library.read_bibliography`)."""
    count = 0

    def replaced(escape: re.Match[str]) -> str:
        nonlocal count
        if escape[0] == "\\\\" or len(escape[0]) == 12:
            return escape[0]
        count += 1
        return "\\ufffd"

    text = _SURROGATE_ESCAPE.sub(replaced, text) if "\\u" in text else text
    if count:
        problems.append(Problem(source, 0, f"{count} lone surrogate(s) replaced by U+FFFD"))
    return text


def _items(data: Any) -> list[Any]:
    """The items of a CSL-JSON file: a list of them, one alone, or a list under
    ``"items"`` with no item's variables beside it (Zotero's web API's ``format=csljson``
    wraps its items so; read as one item, it was a record with no title)."""
    if isinstance(data, list):
        return data
    wrapper = isinstance(data, dict) and not {"type", "title", "id"} & data.keys()
    if wrapper and isinstance(data.get("items"), list):
        return list(data["items"])
    return [data]


ZOTERO_JSON_REFUSAL = (
    "Zotero's own JSON (itemType, creators), not CSL JSON, which is not read; ask Zotero's "
    "web API for format=csljson, or export the library as CSL JSON (Zotero: File > "
    "Export Library...)"
)
"""Why a file of Zotero's own JSON items is refused: its fields are not CSL's (an item
read as CSL JSON kept its title alone, its creators and date lost unreported)."""


def _zotero_item(item: Any) -> bool:
    """Whether an item is Zotero's own JSON: a translator's (``itemType`` at its top, no
    CSL ``type``) or its web API's ``format=json`` (the fields under ``data``)."""
    if not isinstance(item, dict) or "type" in item:
        return False
    data = item.get("data")
    return "itemType" in item or (isinstance(data, dict) and "itemType" in data)


def read_csl(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    text = _without_lone_surrogate_escapes(text, source, problems)
    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:  # the decoder recurses once for each level of nesting
        raise InputError(f"{source}: refused, the JSON nests too deeply to read") from None
    items = _items(data)
    if items and all(_zotero_item(item) for item in items):
        raise InputError(f"{source}: {ZOTERO_JSON_REFUSAL}")
    refuse_beyond(len(items), max_records, source)  # (json parses in C: the records cost)
    records = [
        _csl_record(item, number, source, problems) for number, item in numbered(items, deadline)
    ]
    return [record for record in records if record is not None], len(items)
