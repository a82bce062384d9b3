"""Properties of de-duplication: restyled copies merge, changed ones do not, order is irrelevant."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations
from unittest.mock import patch

import attrs
from hypothesis import given
from hypothesis import strategies as st

from peerbrief.dedupe import (
    Deduplication,
    _disagreement,
    _Nodes,
    _profile,
    _veto,
    dedupe,
    title_key,
)
from peerbrief.model import Date, Entry, Pages, Person, Provenance

# Distinct words: no two fold to the same key, and none is a number.
VOCABULARY = """peer support workers mental health services recovery lived experience roles
teams training evaluation qualitative study review community clinical nurses identity stigma
burnout wellbeing practice framework competences implementation challenges benefits"""
WORDS = tuple(VOCABULARY.split())
FAMILIES = ("Otte", "Gillard", "Byrne", "Moran", "Debyser", "Siantz", "Ehrlich", "Hegedus")
JOURNALS = ("Journal of Mental Health", "BMC Psychiatry", "International Journal of Nursing")
DASHES = (" – ", " — ", " - ", " ‐ ", "-", "–")
QUOTES = (("'", "'"), ("‘", "’"), ('"', '"'), ("“", "”"))
SOURCE = "brief.txt"


def at_line(entry: Entry, line: int) -> Entry:
    return attrs.evolve(entry, provenance=(Provenance(SOURCE, (line,)),))


@st.composite
def works(draw: st.DrawFn) -> Entry:
    """A journal article as a brief lists it, with a year (every base work is dated)."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9))
    title = " ".join(words).capitalize()
    if draw(st.booleans()):
        title += f": part {draw(st.integers(1, 9))}"
    people = draw(st.lists(st.sampled_from(FAMILIES), min_size=1, max_size=4))
    first_page = draw(st.integers(1, 900))
    return Entry(
        title=title,
        authors=tuple(
            Person(family, draw(st.sampled_from((None, "Anna", "J.")))) for family in people
        ),
        container_title=draw(st.sampled_from(JOURNALS)),
        volume=str(draw(st.integers(1, 60))),
        issue=str(draw(st.integers(1, 12))),
        pages=Pages(str(first_page), str(first_page + draw(st.integers(1, 30)))),
        date=Date(draw(st.integers(1990, 2024))),
        provenance=(Provenance(SOURCE, (1,)),),
    )


def restyle_words(title: str, draw: st.DrawFn) -> str:
    """Quote one word and join one pair of words with a dash instead of a space."""
    words = title.split(" ")
    quoted = draw(st.integers(0, len(words) - 1))
    opening, closing = draw(st.sampled_from(QUOTES))
    words[quoted] = f"{opening}{words[quoted]}{closing}"
    joined = draw(st.integers(0, len(words) - 2))
    words[joined : joined + 2] = [words[joined] + draw(st.sampled_from(DASHES)) + words[joined + 1]]
    return " ".join(words)


CASES: tuple[Callable[[str], str], ...] = (str.lower, str.upper, str.title, str.swapcase)


@st.composite
def restyled(draw: st.DrawFn, work: Entry) -> Entry:
    """The same work as another section or metadata style of a brief might list it."""
    title = draw(st.sampled_from(CASES))(restyle_words(work.title, draw))
    title = draw(st.sampled_from(("{}", "{}.", "*{}*", "**{}**", " {} "))).format(title)
    if draw(st.booleans()):
        title = title.replace("e", "é").replace("a", "à")
    copy = attrs.evolve(
        work,
        title=title,
        container_title=draw(st.sampled_from(CASES))(work.container_title or ""),
        provenance=(Provenance(SOURCE, (9,)),),
    )
    if draw(st.booleans()):
        copy = attrs.evolve(copy, authors=(Person(work.authors[0].family),), authors_truncated=True)
    if draw(st.booleans()):
        copy = attrs.evolve(copy, pages=None, issue=None)
    if draw(st.booleans()) and work.date is not None:
        copy = attrs.evolve(copy, date=Date(work.date.year, draw(st.integers(1, 12))))
    return copy


@st.composite
def work_and_copy(draw: st.DrawFn) -> tuple[Entry, Entry]:
    work = draw(works())
    return work, draw(restyled(work))


def count_works(*entries: Entry) -> int:
    return len(dedupe(entries).entries)


@given(work_and_copy())
def test_a_restyled_copy_merges_with_the_original(pair: tuple[Entry, Entry]) -> None:
    work, copy = pair
    result = dedupe([work, copy])
    assert len(result.entries) == 1
    assert result.merges[0].occurrences == (work, copy)
    assert result.entries[0].authors == work.authors  # the full list wins over "et al."


@given(work_and_copy(), st.integers(1, 30), st.booleans())
def test_a_copy_with_another_year_is_another_work(
    pair: tuple[Entry, Entry], offset: int, later: bool
) -> None:
    work, copy = pair
    assert copy.date is not None
    year = copy.date.year + (offset if later else -offset)
    assert count_works(work, attrs.evolve(copy, date=Date(year))) == 2


@given(work_and_copy(), st.integers(1, 99))
def test_a_copy_with_another_part_number_is_another_work(
    pair: tuple[Entry, Entry], number: int
) -> None:
    work, copy = pair
    work = attrs.evolve(work, title=f"{work.title} - Part {number}")
    other = attrs.evolve(copy, title=f"{copy.title} - Part {number + 1}")
    assert count_works(work, other) == 2


@given(works(), st.data())
def test_a_copy_with_another_title_word_is_another_work(work: Entry, data: st.DataObject) -> None:
    words = work.title.split(" ")
    position = data.draw(st.integers(0, len(words) - 1))
    original = words[position].lower().rstrip(":")
    words[position] = data.draw(st.sampled_from([w for w in WORDS if w != original]))
    changed = data.draw(restyled(attrs.evolve(work, title=" ".join(words))))
    assert count_works(work, changed) == 2


# --- Order, and groups that never hold a disagreeing pair ---------------------------------


@st.composite
def crowded_briefs(draw: st.DrawFn) -> list[Entry]:
    """Copies of a few works whose years, DOIs and first authors sometimes agree, sometimes
    disagree and sometimes are missing: every kind of chain the grouping must handle."""
    entries = []
    for _ in range(draw(st.integers(1, 3))):
        work = draw(works())
        for _ in range(draw(st.integers(1, 6))):
            copy = draw(restyled(work))
            year = draw(st.sampled_from((None, 2019, 2020)))
            family = draw(st.sampled_from((None, "Otte", "Byrne")))
            copy = attrs.evolve(
                copy,
                date=Date(year) if year else None,
                doi=draw(st.sampled_from((None, "10.1/x", "10.1/y"))),
                authors=(Person(family),) if family else (),
                authors_truncated=False,
                volume=None,
                pages=None,
            )
            entries.append(copy)
    return [at_line(entry, line) for line, entry in enumerate(entries, 1)]


def groups(result: Deduplication) -> set[frozenset[int]]:
    return {frozenset(p.first_line for p in entry.provenance) for entry in result.entries}


@given(st.data())
def test_the_result_does_not_depend_on_the_input_order(data: st.DataObject) -> None:
    entries = data.draw(crowded_briefs())
    shuffled = data.draw(st.permutations(entries))
    ordered, reordered = dedupe(entries), dedupe(shuffled)
    assert groups(ordered) == groups(reordered)
    assert set(ordered.entries) == set(reordered.entries)
    assert set(ordered.merges) == set(reordered.merges)


@given(crowded_briefs())
def test_no_group_holds_two_copies_that_disagree(entries: list[Entry]) -> None:
    for merge in dedupe(entries).merges:
        for values in (
            {copy.year for copy in merge.occurrences},
            {copy.doi for copy in merge.occurrences},
        ):
            assert len(values - {None}) <= 1, merge.occurrences
        # Two first authors only between copies with one DOI, which decides the rest.
        for one, other in combinations(merge.occurrences, 2):
            if one.first_author and other.first_author and one.doi != other.doi:
                assert one.first_author.family == other.first_author.family


@given(crowded_briefs())
def test_every_copy_ends_in_exactly_one_output_entry(entries: list[Entry]) -> None:
    result = dedupe(entries)
    lines = [p.first_line for entry in result.entries for p in entry.provenance]
    assert sorted(lines) == list(range(1, len(entries) + 1))
    merged_away = sum(len(merge.occurrences) - 1 for merge in result.merges)
    assert len(result.entries) == len(entries) - merged_away


# --- The linear machinery gives what comparing every pair would ---------------------------

JOURNAL_FORMS = ("Journal of Mental Health", "J Ment Health", "BMC Psychiatry", "JMH")


@st.composite
def look_alikes(draw: st.DrawFn) -> list[Entry]:
    """Copies of one title whose every compared value is sometimes missing, sometimes one
    of two: vetoes, chains through missing values and equal DOIs of every sort."""
    work = draw(works())
    entries = []
    for line in range(1, draw(st.integers(2, 9)) + 1):
        family = draw(st.sampled_from((None, "Otte", "Byrne")))
        first_page = draw(st.sampled_from((None, "1", "9")))
        copy = attrs.evolve(
            work,
            date=draw(st.sampled_from((None, Date(2019), Date(2020)))),
            doi=draw(st.sampled_from((None, "10.1/x", "10.1/y"))),
            authors=(Person(family, draw(st.sampled_from((None, "A", "B")))),) if family else (),
            volume=draw(st.sampled_from((None, "3", "3 Suppl 1", "4"))),
            pages=Pages(first_page) if first_page else None,
            container_title=draw(st.none() | st.sampled_from(JOURNAL_FORMS)),
            publisher=draw(st.sampled_from((None, "Mind", "NHS England"))),
            url=draw(st.sampled_from((None, "https://a.org", "https://b.org"))),
            abstract=draw(st.sampled_from((None, "One.", "Two."))),
        )
        entries.append(at_line(copy, line))
    return entries


def all_pairs(self: _Nodes) -> Iterator[tuple[int, int]]:
    return combinations(range(len(self.profiles)), 2)


@given(look_alikes())
def test_blocking_finds_every_pair_comparing_all_would(entries: list[Entry]) -> None:
    blocked = dedupe(entries)
    with patch.object(_Nodes, "candidate_pairs", all_pairs):
        compared = dedupe(entries)
    assert groups(blocked) == groups(compared)


@given(look_alikes())
def test_disagreement_by_distinct_values_is_a_veto_between_some_pair(
    entries: list[Entry],
) -> None:
    profiles = [_profile(entry, title_key(entry.title)) for entry in entries]
    pairwise = any(_veto(a, b) is not None for a, b in combinations(profiles, 2))
    assert _disagreement(profiles) is pairwise


@given(look_alikes())
def test_identical_copies_merge_unless_they_fit_two_works(entries: list[Entry]) -> None:
    doubled = entries + [at_line(entry, 100 + line) for line, entry in enumerate(entries, 1)]
    result = dedupe(doubled)
    for entry in result.entries:
        lines = {p.first_line for p in entry.provenance}
        if len(lines) > 1:
            assert all((line + 100 in lines) == (line in lines) for line in range(1, 10))
    alone = dedupe(entries[:1] * 2)
    assert len(alone.entries) == (1 if title_key(entries[0].title) else 2)
