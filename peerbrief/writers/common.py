"""What every writer shares: one-line text, tags, clean names, corporate authors, key order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

import attrs

from ..links import web_link
from ..vocabulary import DROPPING_PARTICLES, NAME_PARTICLES

if TYPE_CHECKING:
    from ..model import Entry, Person

V = TypeVar("V")

__all__ = [
    "NameParts",
    "QuoteMark",
    "in_order",
    "is_corporate",
    "name_parts",
    "nfc",
    "one_line",
    "one_line_people",
    "quote_marks",
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
    """True for an organisation as author (``Public Health England``), as the reader
    decided when it parsed the name (``Person.organisation``)."""
    return person.organisation


class NameParts(NamedTuple):
    """A person's family name as citation processors take it apart (CSL's name parts,
    BibTeX's "von" part)."""

    particle: str | None
    """The lower-case particle before the family name (``van der``, ``de``, ``von``)."""
    family: str
    """The family name after it (``Berg``)."""
    dropping: bool
    """The particle is CSL's *dropping* one (``vocabulary.DROPPING_PARTICLES``)."""


def name_parts(person: Person) -> NameParts:
    """``van der Berg`` → (``van der``, ``Berg``): the family name's leading lower-case
    particles apart, as pandoc takes them from a CSL-JSON family name and citeproc-py
    does not (so it sorted and printed them as part of the name in every style).

    A capitalised particle is part of the name (``De Vries`` sorts under D, as APA
    asks), and so is the last word: ``de la`` alone is a family name."""
    words = person.family.split(" ")
    count = 0
    while count < len(words) - 1 and words[count].islower() and words[count] in NAME_PARTICLES:
        count += 1
    if person.organisation or not count or words[count].lower() in NAME_PARTICLES:
        return NameParts(None, person.family, dropping=False)
    particle = " ".join(words[:count])
    return NameParts(particle, " ".join(words[count:]), words[0] in DROPPING_PARTICLES)


def nfc(value: str) -> str:
    """``value`` in composed form, so that ``e`` + combining acute and ``é`` write alike."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def in_order(mapping: Mapping[str, V], order: Sequence[str]) -> dict[str, V]:
    """``mapping`` with its keys in ``order``; keys not in ``order`` follow, as they were."""
    ordered = {key: mapping[key] for key in order if key in mapping}
    if len(ordered) < len(mapping):
        ordered.update(mapping)  # keys already placed keep their place
    return ordered


class QuoteMark(NamedTuple):
    """A straight quote character that opens or closes a quotation."""

    position: int
    role: Literal["open", "close"]


# Hand-written because no library here pairs quotes: smartypants-style converters
# guess each mark from its neighbours alone, and an unpaired guess (a trailing
# apostrophe taken for a closing quote) is what must not happen here.
_OPENS_AFTER = frozenset(" \t([{<\u2013\u2014-/\"'")
"""What may stand before an opening quote (besides the start of the text)."""


def _can_open(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1 : index + 2]
    return before in _OPENS_AFTER and bool(after) and not after.isspace()


def _can_close(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1 : index + 2]
    if before.isspace():
        return False
    # A single quote between two letters is an apostrophe (don't, peer's).
    return text[index] == '"' or not (after.isalnum() and before.isalnum())


def quote_marks(text: str) -> list[QuoteMark]:
    """The straight quotes of ``text`` that pair up as quotation marks, in order.

    ``"…"`` and ``'…'`` nest; a mark opens where a quotation can start (at the start,
    after a space or an opening bracket) and closes the innermost open quotation of the
    same character. What does not pair — apostrophes (``workers' role``, ``don't``) and
    stray marks — is left out, so callers keep it as it is.
    """
    if '"' not in text and "'" not in text:
        return []
    open_marks: list[tuple[str, int]] = []
    pairs: list[QuoteMark] = []
    for index, character in enumerate(text):
        if character not in "\"'":
            continue
        innermost = next(
            (i for i, (c, _) in enumerate(reversed(open_marks)) if c == character), None
        )
        position = len(open_marks) - 1 - innermost if innermost is not None else -1
        if (
            innermost is not None
            and index > open_marks[position][1] + 1
            and _can_close(text, index)
        ):
            pairs.append(QuoteMark(open_marks[position][1], "open"))
            pairs.append(QuoteMark(index, "close"))
            del open_marks[position:]
        elif _can_open(text, index):
            open_marks.append((character, index))
    return sorted(pairs)


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
