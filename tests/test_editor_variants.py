"""What another editor of the series writes in a reference: PubMed identifiers and a
second DOI on their own lines, Irish names with a prefix before their capital, an Oxford
Academic article number, a Contents heading ending with a colon."""

from __future__ import annotations

import peerbrief
from peerbrief import Pages, Person, Reason, Section
from peerbrief.fields import parse_people

_FRONT = (
    "Evidence Brief: Topic\n\nContents\n\nCase Studies\t3\nPrimary care:\t4\n\nCase Studies\n\n"
)


def _one(metadata: str) -> peerbrief.Brief:
    return peerbrief.parse(
        "[A study of the workforce](#)\n\nAuthor(s): Smith, Anna\n\n"
        f"Source: BMJ Open 13(2) e065432\n\nPublication date: 2023\n\n{metadata}\n\n"
        "The study found what it found.\n",
        dedupe=False,
    )


def test_a_pmid_line_is_reported_not_read_as_the_abstract() -> None:
    brief = _one("PMID: 37012345\n\nPMCID: PMC9765432")
    [entry] = brief.entries
    assert entry.abstract == "The study found what it found."
    reported = [(item.reason, item.text) for item in brief.report if item.reason.is_removal]
    assert reported == [
        (Reason.IDENTIFIER, "PMID: 37012345"),
        (Reason.IDENTIFIER, "PMCID: PMC9765432"),
    ]
    assert brief.unexplained == ()


def test_a_second_doi_is_reported_and_the_first_is_the_works() -> None:
    brief = _one("DOI: 10.1136/emermed-2022-212345; 10.1136/emermed-2022-212345corr1")
    [entry] = brief.entries
    assert entry.doi == "10.1136/emermed-2022-212345"
    reported = [(item.reason, item.text) for item in brief.report if item.reason.is_removal]
    assert reported == [(Reason.IDENTIFIER, "10.1136/emermed-2022-212345corr1")]


def test_irish_names_with_a_prefix_before_their_capital() -> None:
    people, truncated = parse_people(
        "Mac an tSaoir, Seán, Ó hAodha, Liam and Ní hÉigeartaigh, Clíona"
    )
    assert people == (
        Person("Mac an tSaoir", "Seán"),
        Person("Ó hAodha", "Liam"),
        Person("Ní hÉigeartaigh", "Clíona"),
    )
    assert not truncated


def test_an_oxford_article_number_after_the_issue() -> None:
    brief = peerbrief.parse(
        "[Older people](#)\n\nAuthor(s): Smith, Anna\n\n"
        "Source: Age and Ageing 53(2) afae012\n\nPublication date: 2024\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert (entry.container_title, entry.volume, entry.issue, entry.pages) == (
        "Age and Ageing",
        "53",
        "2",
        Pages("afae012"),
    )


def test_a_contents_heading_ending_with_a_colon_names_its_section_without_it() -> None:
    brief = peerbrief.parse(
        _FRONT + "Primary care\n\n[Flexible sessions for salaried GPs](#)\n\n"
        "Source: British Medical Association\n\nPublication date: 2023\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert entry.sections == (Section("Case Studies", "Primary care"),)
