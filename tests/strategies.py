"""Hypothesis strategies for model objects, for any test that needs arbitrary entries.

``entries()`` builds valid :class:`peerbrief.model.Entry` objects with hostile text:
LaTeX specials, RIS tag lookalikes, quotes, commas, every kind of line break, control
characters and any Unicode character a decoded file can hold (no lone surrogates).

>>> from strategies import entries, texts
>>> @given(entries(text=texts(alphabet=LATIN)))   # doctest: +SKIP
"""

from __future__ import annotations

import re
import string

from hypothesis import strategies as st

from peerbrief.model import Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.vocabulary import PUBLICATION_STATUSES, PUBSTATE_KEYS

__all__ = [
    "LATIN",
    "TRICKY_SNIPPETS",
    "UNICODE",
    "dates",
    "dois",
    "entries",
    "expected_tags",
    "normalise",
    "pages",
    "persons",
    "points",
    "sections",
    "texts",
    "urls",
]

TRICKY_SNIPPETS = (
    *"&%$#_{}~^\\\"@,;'`<>|-",
    "--",
    "---",
    "''",
    "``",
    "{NHS}",
    " and ",
    "others",
    "\n",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x85",
    "\nER  - \nTY  - JOUR",
    "\r\nER  - ",
    "COVID-19",
    "eHealth",
    "é",
    "Æ",
)
"""Pieces of text that have broken some bibliography writer somewhere."""

UNICODE = st.characters(exclude_categories=["Cs"])
"""Any character a decoded text file can hold."""

LATIN = st.characters(
    codec="latin-1",
    exclude_categories=["Cc"],
) | st.sampled_from(list(string.printable))
"""Latin-1 and ASCII, which classic BibTeX writes as LaTeX macros, or as UTF-8 where no
macro reads back right (``peerbrief.writers.latex.KEPT_AS_UTF8``)."""


def texts(
    alphabet: st.SearchStrategy[str] = UNICODE,
    snippets: tuple[str, ...] = TRICKY_SNIPPETS,
    max_pieces: int = 6,
) -> st.SearchStrategy[str]:
    """Text that is not blank once whitespace is collapsed (as the model requires)."""
    pieces = st.sampled_from(snippets) | st.text(alphabet, min_size=1, max_size=8)
    return (
        st.lists(pieces, min_size=1, max_size=max_pieces)
        .map("".join)
        .filter(lambda text: bool(text.split()))
    )


def persons(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Person]:
    """People with or without a given name, and organisations (which have none)."""
    text = text if text is not None else texts()
    return st.builds(Person, family=text, given=st.none() | text) | st.builds(
        Person, family=text, organisation=st.just(True)
    )


@st.composite
def _date_point(draw: st.DrawFn, min_year: int = 1000) -> Date:
    year = draw(st.integers(min_year, 9999))
    precision = draw(st.sampled_from(("year", "season", "month", "day")))
    if precision == "season":
        return Date(year, season=draw(st.integers(1, 4)))
    if precision == "year":
        return Date(year)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28)) if precision == "day" else None
    return Date(year, month, day)


def points() -> st.SearchStrategy[Date]:
    """A date that is no range (an access date)."""
    return _date_point()


@st.composite
def dates(draw: st.DrawFn) -> Date:
    """A date as precise as a brief gives them, sometimes a range ending no earlier."""
    start = draw(_date_point())
    if not draw(st.booleans()):
        return start
    end = draw(_date_point(min_year=start.year))
    return Date(start.year, start.month, start.day, start.season, end=end)


def pages(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Pages]:
    text = text if text is not None else texts(max_pieces=2)
    return st.builds(Pages, first=text, last=st.none() | text)


def sections(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Section]:
    text = text if text is not None else texts()
    return st.builds(Section, top=text, sub=st.none() | text)


_URL_CHARACTERS = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%"


def urls() -> st.SearchStrategy[str]:
    """URLs as they are written in links: no whitespace, braces or backslashes."""
    return st.builds(
        lambda host, rest: f"https://{host}.org/{rest}",
        st.text(string.ascii_lowercase, min_size=1, max_size=10),
        st.text(_URL_CHARACTERS, max_size=30),
    )


_DOI_SUFFIX_CHARACTERS = string.ascii_letters + string.digits + "-._;()/:<>[]#%&+"


def dois() -> st.SearchStrategy[str]:
    """Bare DOIs (``10.1000/…``), including the punctuation old SICI DOIs carry."""
    return st.builds(
        lambda registrant, suffix: f"10.{registrant}/{suffix}",
        st.integers(1000, 99999),
        st.text(_DOI_SUFFIX_CHARACTERS, min_size=1, max_size=25),
    )


def entries(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Entry]:
    """Arbitrary valid entries: every optional field sometimes missing."""
    text = text if text is not None else texts()

    def maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
        return st.none() | strategy

    provenance = st.builds(
        Provenance,
        source=st.just("brief.txt"),
        lines=st.lists(st.integers(1, 2000), max_size=3),
        brief=maybe(text),
    )
    return st.builds(
        Entry,
        title=text,
        kind=st.sampled_from(Kind),
        authors=st.lists(persons(text), max_size=4),
        authors_truncated=st.booleans(),
        container_title=maybe(text),
        volume=maybe(text),
        issue=maybe(text),
        pages=maybe(pages(text)),
        date=maybe(dates()),
        publisher=maybe(text),
        place=maybe(text),
        abstract=maybe(text),
        access=maybe(text),
        sections=st.lists(sections(text), max_size=3),
        url=maybe(urls()),
        doi=maybe(dois()),
        # A status as sources write it (biblatex writes some as its keys), or any text.
        status=maybe(
            st.sampled_from([*PUBLICATION_STATUSES, *PUBSTATE_KEYS]).map(str.capitalize) | text
        ),
        accessed=maybe(points()),
        provenance=st.lists(provenance, max_size=2),
    )


# What the writers promise to keep of any text, written out independently of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def normalise(text: str | None) -> str:
    """All but control characters, with each run of whitespace or line breaks one space."""
    return " ".join(_CONTROL.sub("", text or "").split())


def expected_tags(entry: Entry) -> list[str]:
    """Section names, then the brief's title, normalised, each once, none empty."""
    names = [*entry.keywords]
    if entry.provenance and entry.provenance[0].brief:
        names.append(entry.provenance[0].brief)
    return list(dict.fromkeys(name for name in map(normalise, names) if name))
