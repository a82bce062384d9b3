"""What every writer shares: one-line text, tags, clean names, corporate authors, key order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from ..links import web_link

if TYPE_CHECKING:
    from ..model import Entry, Person

V = TypeVar("V")

__all__ = [
    "in_order",
    "is_corporate",
    "nfc",
    "one_line",
    "one_line_people",
    "tags",
    "with_web_links",
]

# Characters of category Cc other than whitespace (NUL, ESC, DEL…): no bibliographic
# value, and they break line-based formats and LaTeX alike.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def one_line(value: str) -> str:
    """``value`` on one line: every run of whitespace, line or paragraph separator becomes
    one space and other control characters go.

    ``str.split()`` splits on all of CR, LF, VT, FF, FS-US, NEL, U+2028 and U+2029, so
    nothing a line-based reader takes for a line break survives.
    """
    if value.isprintable():
        if "  " not in value and value[:1] != " " and value[-1:] != " ":
            return value  # the model collapses whitespace already: the common case
    else:
        value = _CONTROL.sub("", value)
    return " ".join(value.split())


def tags(entry: Entry) -> tuple[str, ...]:
    """The entry's tags: its section names (``Entry.keywords``), then the title of the brief
    it came from, each once, on one line.

    The brief's title tells several briefs apart in one library, and it keeps RIS records
    at two or more ``KW`` lines (Zotero splits a lone ``KW`` line at commas).
    """
    names = [one_line(name) for name in entry.keywords]
    if entry.provenance and entry.provenance[0].brief:
        names.append(one_line(entry.provenance[0].brief))
    return tuple(dict.fromkeys(name for name in names if name))


def one_line_people(people: Iterable[Person]) -> list[Person]:
    """The people with their names on one line; a person whose family name was nothing but
    control characters goes, as a name it cannot be written."""
    cleaned = []
    for person in people:
        family = one_line(person.family)
        given = one_line(person.given) if person.given else None
        if family == person.family and given == person.given:
            cleaned.append(person)  # the usual case: nothing to clean, nothing to rebuild
        elif family:
            cleaned.append(attrs.evolve(person, family=family, given=given))
    return cleaned


def is_corporate(person: Person) -> bool:
    """True for an organisation as author (``Public Health England``): a name of several
    words with no given name. A lone family name (``Skipper``) is a person."""
    return person.given is None and len(person.family.split()) > 1


def nfc(value: str) -> str:
    """``value`` in composed form, so that ``e`` + combining acute and ``é`` write alike."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def in_order(mapping: Mapping[str, V], order: Sequence[str]) -> dict[str, V]:
    """``mapping`` with its keys in ``order``; keys not in ``order`` follow, as they were."""
    ordered = {key: mapping[key] for key in order if key in mapping}
    if len(ordered) < len(mapping):
        ordered.update(mapping)  # keys already placed keep their place
    return ordered


def with_web_links(entries: Sequence[Entry]) -> Sequence[Entry]:
    """The entries with every ``url`` passed through :func:`peerbrief.links.web_link`:
    a ``javascript:``, ``file:`` or ``data:`` link is never written, whoever built the
    entry (the reader reports and drops such links; an Entry made in code may hold one)."""
    if all(entry.url is None or web_link(entry.url) == entry.url for entry in entries):
        return entries  # the usual case: nothing to rebuild
    return [
        entry if entry.url is None else attrs.evolve(entry, url=web_link(entry.url))
        for entry in entries
    ]
