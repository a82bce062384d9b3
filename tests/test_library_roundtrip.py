"""Lossless round trip: what peerbrief writes, ``read_bibliography`` reads back as the same
entries, in every field the format carries (README, "What each format cannot carry").

Text is compared as the writers promise to keep it (``strategies.normalise``: on one line,
no control characters; classic BibTeX also in composed Unicode form). Names and tags hold
no comma or semicolon and page numbers no dash: a reader cannot tell those apart from the
separators (RIS splits a name at its first comma, CSL-JSON joins tags with ";" and pages
with "-").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    LATIN,
    UNICODE,
    entries,
    expected_tags,
    normalise,
    pages,
    persons,
    sections,
    texts,
)

import peerbrief
from peerbrief.model import Date, Entry, Kind, Provenance
from peerbrief.vocabulary import PUBSTATE_KEYS
from peerbrief.writers import render
from peerbrief.writers.common import tags

SEPARATORS = ",;"
DASHES = "-‐‑‒–—―"


def safe_texts(alphabet: st.SearchStrategy[str], avoid: str) -> st.SearchStrategy[str]:
    snippets = tuple(
        s for s in ("&", "{NHS}", "é", "Æ", "'", '"', "\\", "%", "~") if s not in avoid
    )
    return texts(alphabet, snippets).filter(lambda text: not set(text) & set(avoid))


@st.composite
def round_trippable(draw: st.DrawFn, alphabet: st.SearchStrategy[str]) -> Entry:
    """Any entry, with names, tags and pages free of what a format uses as separators."""
    entry = draw(entries(texts(alphabet)))
    names = safe_texts(alphabet, SEPARATORS)
    brief = draw(st.none() | names)
    entry = attrs.evolve(
        entry,
        authors=draw(st.lists(persons(names), max_size=3)),
        sections=draw(st.lists(sections(names), max_size=3)),
        pages=draw(st.none() | pages(safe_texts(alphabet, SEPARATORS + DASHES))),
        provenance=(Provenance("brief.txt", (1,), brief=brief),),
    )
    assume(normalise(entry.title))
    return entry


def read_back(items: list[Entry], fmt: str) -> tuple[list[Entry], str]:
    text = render(items, fmt)
    library = peerbrief.read_bibliography(text.encode("utf-8"), name="written")
    assert library.problems == ()
    assert len(library) == len(items)
    return list(library), text


def text_of(value: str | None, fold: Callable[[str], str]) -> str | None:
    return fold(normalise(value)) or None


def check(original: Entry, read: Entry, *, fold: Callable[[str], str], carries: set[str]) -> None:
    """``read`` equals ``original`` in every field in ``carries`` (and the ones always kept)."""
    assert read.title == fold(normalise(original.title))
    people = [(fold(normalise(p.family)), text_of(p.given, fold)) for p in original.authors]
    people = [(family, given) for family, given in people if family]
    assert [(fold(p.family), p.given and fold(p.given)) for p in read.authors] == people
    if "et al." in carries:
        assert read.authors_truncated == (original.authors_truncated and bool(people))
    for field in ("container_title", "volume", "issue", "abstract", "access"):
        assert getattr(read, field) == text_of(getattr(original, field), fold), field
    for field in ("publisher", "place"):
        expected = text_of(getattr(original, field), fold) if field in carries else None
        assert getattr(read, field) == expected, field
    # A page part that is nothing once on one line is not written; the other stands alone.
    assert written_pages(read, fold) == written_pages(original, fold)
    assert (read.url, read.doi) == (original.url, original.doi)
    assert list(tags(read)) == [fold(tag) for tag in expected_tags(original)]


def pages_of(entry: Entry) -> tuple[str | None, ...]:
    return (entry.pages.first, entry.pages.last) if entry.pages else ()


def written_pages(entry: Entry, fold: Callable[[str], str]) -> tuple[str | None, ...]:
    parts = [text_of(part, fold) for part in pages_of(entry)]
    kept = [part for part in parts if part]
    return (kept[0], kept[1] if len(kept) > 1 else None) if kept else ()


def without_range(date: Date | None) -> Date | None:
    return attrs.evolve(date, end=None) if date else None


@given(st.lists(round_trippable(UNICODE), min_size=1, max_size=4))
def test_ris_round_trip(items: list[Entry]) -> None:
    read, _ = read_back(items, "ris")
    for original, entry in zip(items, read, strict=True):
        assert entry.kind is original.kind
        check(original, entry, fold=str, carries={"publisher", "place"})
        assert entry.date == without_range(original.date)  # RIS has no ranges
        assert entry.accessed == original.accessed
        assert entry.status is None  # RIS has no tag for it


def csl_date(date: Date | None) -> Date | None:
    """CSL has one season per date: a range's end keeps its year, month and day."""
    if date is None or date.end is None:
        return date
    return attrs.evolve(date, end=Date(date.end.year, date.end.month, date.end.day))


@given(st.lists(round_trippable(UNICODE), min_size=1, max_size=4))
def test_csl_json_round_trip(items: list[Entry]) -> None:
    read, _ = read_back(items, "csl-json")
    for original, entry in zip(items, read, strict=True):
        assert entry.kind is original.kind
        check(original, entry, fold=str, carries={"publisher", "place", "et al."})
        assert entry.date == csl_date(original.date)
        assert entry.status == text_of(original.status, str)
        assert entry.accessed == original.accessed


@given(st.lists(round_trippable(UNICODE), min_size=1, max_size=4))
def test_biblatex_round_trip(items: list[Entry]) -> None:
    read, _ = read_back(items, "biblatex")
    for original, entry in zip(items, read, strict=True):
        assert entry.kind is original.kind
        # Articles drop publisher and place (biber warns about them; Zotero drops them).
        carried = set() if original.kind is Kind.JOURNAL_ARTICLE else {"publisher", "place"}
        check(quoted(original), quoted(entry), fold=quotes_folded, carries=carried | {"et al."})
        assert years(entry.date) == years(original.date)
        if not has_season(original.date):
            assert entry.date == original.date
        status = entry.status and quotes_folded(entry.status)
        assert (entry.accessed, status) == bibtex_read(original, quotes_folded)


# BibTeX writes paired straight quotes as TeX quotes, double or single by depth (as
# typesetting does), which read back as straight quotes: every quote mark compares as one.
QUOTES = str.maketrans(dict.fromkeys("\"'`“”‘’", "'"))


def quotes_folded(text: str) -> str:
    return text.translate(QUOTES)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(QUOTES)


def quoted(entry: Entry) -> Entry:
    """The entry with every quote mark of its text folded (see :data:`QUOTES`)."""
    fields = ("title", "container_title", "volume", "issue", "publisher", "place", "abstract",
              "access")  # fmt: skip
    changes = {f: getattr(entry, f).translate(QUOTES) for f in fields if getattr(entry, f)}
    sections = [attrs.evolve(s, top=s.top.translate(QUOTES), sub=s.sub and s.sub.translate(QUOTES))
                for s in entry.sections]  # fmt: skip
    brief = [attrs.evolve(p, brief=p.brief and p.brief.translate(QUOTES)) for p in entry.provenance]
    return attrs.evolve(entry, **changes, sections=sections, provenance=brief)


PRINTED = {key: status for status, key in PUBSTATE_KEYS.items()}
"""biblatex's ``pubstate`` keys → what biblatex prints for each (its English strings)."""


def bibtex_read(entry: Entry, fold: Callable[[str], str]) -> tuple[Date | None, str | None]:
    """The access date and status BibTeX and biblatex give back: ``urldate`` is an ISO
    date (a season's date its year); ``pubstate`` a biblatex key where the status is one,
    which reads back as the words biblatex prints for it (``Article in press``: ``In
    press``)."""
    accessed = entry.accessed
    if accessed is not None and accessed.season is not None:
        accessed = Date(accessed.year)
    status = text_of(entry.status, fold)
    if status is not None:
        status = PUBSTATE_KEYS.get(status.lower(), status)
        printed = PRINTED.get(status.casefold())
        status = printed[:1].upper() + printed[1:] if printed else status
    return accessed, status


def years(date: Date | None) -> tuple[int, ...]:
    return () if date is None else (date.year, date.end.year if date.end else date.year)


def has_season(date: Date | None) -> bool:
    """biblatex writes a date with a season as its years (on an article, the season goes
    in ``issue`` and reads back; the months of a range that mixes both do not)."""
    return date is not None and (date.season is not None or bool(date.end and date.end.season))


def bibtex_date(date: Date | None) -> Date | None:
    """Classic BibTeX: year and month (or a season's name); no day, no range."""
    return Date(date.year, date.month, season=date.season) if date else None


@given(st.lists(round_trippable(LATIN), min_size=1, max_size=4))
def test_classic_bibtex_round_trip(items: list[Entry]) -> None:
    read, text = read_back(items, "bibtex")
    types = re.findall(r"^@(\w+)\{", text, re.MULTILINE)
    for original, entry, written in zip(items, read, types, strict=True):
        if written != "misc":  # a video, or an entry missing a field plain.bst requires
            assert entry.kind is original.kind
        if written == "techreport" and [str(p) for p in original.authors] == [original.publisher]:
            original = attrs.evolve(original, authors=())  # as the group author reads back
        if written == "misc":  # container, publisher and place joined in howpublished
            original = attrs.evolve(original, container_title=None, publisher=None, place=None)
            entry = attrs.evolve(entry, container_title=None, publisher=None, place=None)
        carried = set() if written == "article" else {"publisher", "place"}
        check(quoted(original), quoted(entry), fold=nfc, carries=carried | {"et al."})
        assert entry.date == bibtex_date(original.date)
        assert (entry.accessed, entry.status and nfc(entry.status)) == bibtex_read(original, nfc)


def test_the_sample_round_trips_through_every_format(sample: peerbrief.Brief) -> None:
    for fmt in ("ris", "csl-json", "biblatex", "bibtex"):
        read, _ = read_back(list(sample.entries), fmt)
        fold = quotes_folded if "bib" in fmt else str
        assert [fold(e.title) for e in read] == [fold(e.title) for e in sample.entries]
        assert [entry.authors for entry in read] == [entry.authors for entry in sample.entries]
        assert [entry.doi for entry in read] == [entry.doi for entry in sample.entries]


BRIEFS = sorted((Path(__file__).parent / "fixtures" / "briefs").glob("*.txt"))


@pytest.mark.parametrize("path", BRIEFS, ids=lambda path: path.stem)
@pytest.mark.parametrize("fmt", ["ris", "csl-json", "biblatex", "bibtex"])
def test_the_briefs_round_trip_through_every_format(path: Path, fmt: str) -> None:
    """The six briefs' names (ø ř ş ż ł Ó, Vietnamese, bodies with commas and "and"),
    quoted titles, seasons and book sections come back from each format."""
    entries = list(peerbrief.read(path).entries)
    read, _ = read_back(entries, fmt)
    fold = quotes_folded if "bib" in fmt else str
    assert [fold(e.title) for e in read] == [fold(e.title) for e in entries]
    assert [e.doi for e in read] == [e.doi for e in entries]
    if fmt != "ris":  # RIS splits a name at its comma (no quoting)
        for original, entry in zip(entries, read, strict=True):
            # Classic BibTeX writes a report's publisher as its group author when it names
            # none, so a group author that is the publisher reads back as no author.
            names = [(person.family, person.given) for person in entry.authors]
            expected = [(person.family, person.given) for person in original.authors]
            group_author = [(original.publisher, None)]
            assert names == expected or (
                fmt == "bibtex" and {tuple(names), tuple(expected)} <= {(), tuple(group_author)}
            )
    if fmt != "bibtex":  # classic BibTeX's @misc joins the container into howpublished
        assert [e.container_title for e in read] == [e.container_title for e in entries]


@pytest.mark.parametrize("fmt", ["ris", "csl-json", "biblatex", "bibtex"])
def test_a_library_copy_read_on_another_day_is_still_held(fmt: str) -> None:
    """``check --against``: an access date or status read back does not make a library's
    copy another work (de-duplication merges them as fields, never compares them)."""
    work = Entry(title="Community pharmacy workforce survey", kind=Kind.REPORT,
                 url="https://example.org/survey", publisher="NHS England", date=Date(2024),
                 accessed=Date(2025, 1, 2), status="In press")  # fmt: skip
    copy = attrs.evolve(work, accessed=Date(2023, 6, 1), status="Forthcoming")
    (read,), _ = read_back([copy], fmt)
    assert (read.accessed, read.status) == (copy.accessed, "Forthcoming" if fmt != "ris" else None)
    holdings = peerbrief.against([work], [read])
    assert holdings.new == () and len(holdings.held) == 1


def test_a_month_of_access_read_back_from_biblatex_is_no_range_of_years() -> None:
    """``urldate = {1000-01}``, as the writer gives January 1000, is an ISO month: read as a
    brief's date it was the years 1000-1001, reported as a range (found by the round trip's
    fuzzing)."""
    read = peerbrief.read_bibliography(b"@online{k, title={T}, urldate={1000-01}}", name="lib")
    assert ([entry.accessed for entry in read], read.problems) == ([Date(1000, 1)], ())
