"""De-duplication of the whole sample brief: 116 listed references are 114 works.

Expected values are copied by hand from ``peer-support-workers.txt`` (line numbers are
the lines of each reference's title link).
"""

from __future__ import annotations

from collections import Counter

import pytest
from fixtures import pdf_samples

import peerbrief
from peerbrief import Date, Entry, Pages, Person, Section
from peerbrief.dedupe import Deduplication, dedupe
from peerbrief.views import describe_merge as describe

PPRR = "Published Peer Reviewed Research"
EX_IN = (
    "Peer support worker training: Results of the evaluation of the Experienced Involvement "
    "training programme in Switzerland and Germany"
)
EHRLICH = (
    "What happens when peer support workers are introduced as members of community-based "
    "clinical mental health service delivery teams: a qualitative study"
)


@pytest.fixture(scope="module")
def listed() -> tuple[Entry, ...]:
    return peerbrief.read(peerbrief.sample_path(), dedupe=False).entries


@pytest.fixture(scope="module")
def result(listed: tuple[Entry, ...]) -> Deduplication:
    return dedupe(listed)


def merged_titled(result: Deduplication, title: str) -> Entry:
    found = [merge.entry for merge in result.merges if merge.entry.title == title]
    assert len(found) == 1
    return found[0]


def test_116_listed_references_are_114_works(
    listed: tuple[Entry, ...], result: Deduplication
) -> None:
    assert len(listed) == 116
    assert len(result.entries) == 114


def test_exactly_the_two_known_duplicates_are_merged(result: Deduplication) -> None:
    title_lines = [
        (merge.entry.title, [p.first_line for p in merge.entry.provenance])
        for merge in result.merges
    ]
    assert title_lines == [(EX_IN, [499, 513]), (EHRLICH, [655, 875])]
    assert all(merge.conflicts == () for merge in result.merges)


def test_the_ex_in_evaluation_keeps_the_richest_of_both_styles(result: Deduplication) -> None:
    work = merged_titled(result, EX_IN)
    assert [person.family for person in work.authors] == [
        "Hegedus",
        "Burr",
        "Pfluger",
        "Sieg",
        "Nienaber",
        "Schulz",
    ]
    assert work.authors[0] == Person("Hegedus", "Anna")
    assert work.authors_truncated is False
    assert work.container_title == "International Journal of Mental Health Nursing"
    assert (work.volume, work.issue, work.pages) == ("30", "2", Pages("451", "460"))
    assert work.date == Date(2021)
    assert work.place == "Australia"
    assert work.sections == (Section(PPRR, "Education and training"),)


def test_the_ehrlich_paper_gains_pages_months_and_both_sections(result: Deduplication) -> None:
    work = merged_titled(result, EHRLICH)
    assert work.pages == Pages("107", "115")
    assert work.date == Date(2020, 1, end=Date(2020, 2))
    assert (work.volume, work.issue) == ("34", "1")
    assert work.sections == (
        Section(PPRR, "Implementation and evaluation"),
        Section(PPRR, "Place in integrated/ multidisciplinary teams"),
    )


def test_look_alikes_stay_apart(result: Deduplication) -> None:
    frameworks = [e.title for e in result.entries if e.title.startswith("The Competence Framework")]
    assert frameworks == [
        "The Competence Framework - Part 1 - Supporting document",
        "The Competence Framework - Part 2 - Full list of competences",
        "The Competence Framework - Part 3 - Curriculum",
    ]
    first_authors = Counter(e.first_author.family for e in result.entries if e.first_author)
    # The sample's "Author(s):" lines: Byrne at 257, 463, 813, 823, 1342; Gillard at 367,
    # 583, 695, 719; Moran at 391, 413, 569; Siantz at 899, 911; Debyser at 427, 1276.
    names = ("Byrne", "Gillard", "Moran", "Siantz", "Debyser")
    assert [first_authors[name] for name in names] == [5, 4, 3, 2, 2]


def test_reading_the_sample_reversed_finds_the_same_works(
    listed: tuple[Entry, ...], result: Deduplication
) -> None:
    reversed_result = dedupe(reversed(listed))
    assert set(reversed_result.entries) == set(result.entries)
    assert set(reversed_result.merges) == set(result.merges)


def test_the_merge_report_names_both_copies_of_each_work(result: Deduplication) -> None:
    ex_in, ehrlich = (describe(merge) for merge in result.merges)
    assert "lines 499-" in ex_in and "lines 513-" in ex_in
    assert 'authors: "Hegedus, Anna; Burr, Christian' in ex_in
    assert "lines 655-" in ehrlich and "lines 875-" in ehrlich
    assert "multidisciplinary teams" in ehrlich


def test_reading_with_dedupe_gives_the_same_works(result: Deduplication) -> None:
    brief = peerbrief.read(peerbrief.sample_path())
    assert brief.entries == result.entries
    assert brief.merges == result.merges


def test_the_pdf_and_the_text_export_of_one_brief_are_its_works(sample: peerbrief.Brief) -> None:
    # The PDF's entries carry the links the text export lost; a link on one copy only
    # is no disagreement.
    pdf = pdf_samples.brief("chromium")  # every listing, read once per test session
    result = dedupe([*pdf.entries, *sample.entries])
    assert len(result) == len(sample.entries)
    assert result.copies_merged == len(pdf.entries)
