"""What another editor of the series writes: PubMed identifiers and a second DOI on
their own lines, Irish names with a prefix before their capital, an Oxford Academic
article number, a Contents that spells its headings otherwise than the body (a colon
after one, its case), read from the text and from copies of the PDF and web page."""

from __future__ import annotations

import pytest

import peerbrief
from peerbrief import Date, Kind, Pages, Person, Reason, Section
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


@pytest.mark.parametrize(
    "written",
    [
        "https://doi.org/10.1136%2Femermed-2022-212345",  # (no "10.NNNN/" written: it crashed)
        "10.1136/emermed-2022-212345 https://doi.org/10.1136/emermed-2022-212345",
    ],
)
def test_a_doi_written_encoded_or_twice_is_one_doi(written: str) -> None:
    brief = _one(f"DOI: {written}")
    [entry] = brief.entries
    assert entry.doi == "10.1136/emermed-2022-212345"
    assert not [item for item in brief.report if item.reason is Reason.IDENTIFIER]


@pytest.mark.parametrize(
    ("written", "doi", "words"),
    [
        ("10.1136/emermed-2022-212345 Epub", "10.1136/emermed-2022-212345", "Epub"),
        (
            "https://doi.org/10.1136/emermed-2022-212345 corrigendum",
            "10.1136/emermed-2022-212345",
            "corrigendum",
        ),
        # A DOI broken at a line end: its tail is reported, not dropped.
        ("10.1016/S0140- 6736(23)01234-5", "10.1016/s0140-", "6736(23)01234-5"),
    ],
)
def test_words_beside_a_doi_are_not_understood_not_dropped(
    written: str, doi: str, words: str
) -> None:
    """The ``DOI:`` reader took the first DOI of its value and dropped the rest unreported."""
    brief = _one(f"DOI: {written}")
    [entry] = brief.entries
    assert entry.doi == doi
    assert [(item.reason, item.text) for item in brief.unexplained] == [(Reason.UNEXPLAINED, words)]


@pytest.mark.parametrize(
    "written", ["doi: 10.1136/emermed-2022-212345.", "DOI 10.1136/emermed-2022-212345 |"]
)
def test_a_doi_with_its_label_and_full_stop_leaves_no_words(written: str) -> None:
    brief = _one(f"DOI: {written}")
    assert brief.entries[0].doi == "10.1136/emermed-2022-212345"
    assert brief.unexplained == ()


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


def test_irish_family_names_of_three_words_written_given_name_first() -> None:
    """``Seán Mac an tSaoir``: the family name starts at ``Mac an`` (it was ``tSaoir``,
    given names ``Seán Mac an``); ``Nic`` alone stays a given name."""
    people, _ = parse_people("Seán Mac an tSaoir and Bróna Nic Giolla Easpaig")
    assert people == (Person("Mac an tSaoir", "Seán"), Person("Nic Giolla Easpaig", "Bróna"))
    assert parse_people("Nic Jones") == ((Person("Jones", "Nic"),), False)


def test_irish_family_names_of_two_words_written_given_name_first() -> None:
    """``Siobhán Nic Aodha``, ``Seán Mac Mathúna``: after a given name, ``Nic`` and ``Mac``
    open the family name (it was ``Aodha``, given names ``Siobhán Nic``); first, they may
    still be given names (``Nic Jones``, ``Mac Miller``)."""
    people, _ = parse_people("Siobhán Nic Aodha, Seán Mac Mathúna and Úna Mhic Fhearraigh")
    assert people == (
        Person("Nic Aodha", "Siobhán"),
        Person("Mac Mathúna", "Seán"),
        Person("Mhic Fhearraigh", "Úna"),
    )
    assert parse_people("Nic Jones and Mac Miller") == (
        (Person("Jones", "Nic"), Person("Miller", "Mac")),
        False,
    )


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


def test_a_sub_section_is_named_as_the_body_writes_its_heading() -> None:
    """The Contents, typed by hand, spells the headings otherwise (case, a colon); a copy
    of the page names them by the heading, and so does the text."""
    brief = peerbrief.parse(
        _FRONT.replace("Primary care:\t4", "Acute and Community Trusts\t3\nPrimary care:\t4")
        + "Acute and community trusts\n\n[Self-rostering on a medical unit](#)\n\n"
        "Source: NHS Employers\n\nPublication date: 2023\n\n"
        "Primary care\n\n[Flexible sessions for salaried GPs](#)\n\n"
        "Source: British Medical Association\n\nPublication date: 2023\n",
        dedupe=False,
    )
    assert [entry.sections for entry in brief.entries] == [
        (Section("Case Studies", "Acute and community trusts"),),
        (Section("Case Studies", "Primary care"),),
    ]


_REFERENCES = (
    "Case Studies\n[Flexible sessions for salaried GPs](#)\nSource: British Medical "
    "Association\nPublication date: 2023\nPublished Peer Reviewed Research\n"
    "[A study of rotas](#)\nAuthor(s): Smith, Anna\nSource: BMJ Open 13(2) e065432\n"
    "Publication date: 2023\n"
)


def test_a_contents_column_keeps_a_heading_typed_with_a_colon() -> None:
    """pdftotext's copy: the headings in a column, their page numbers in another after it;
    a heading ending with a colon ended the list, and no reference was found."""
    text = (
        "Evidence Brief: Topic\nContents\nCase Studies\nPrimary care:\nStatistics\n"
        "Published Peer Reviewed Research\n*Help accessing articles or papers\n"
        "Produced by the Workforce, Training and Education Knowledge Management team\n\n"
        "3\n4\n5\n6\n9\n\n" + _REFERENCES
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert [entry.title for entry in brief.entries] == [
        "Flexible sessions for salaried GPs",
        "A study of rotas",
    ]
    assert brief.unexplained == ()


def test_a_contents_entry_written_page_first_without_its_link() -> None:
    """pandoc's gfm of a web page whose Contents entry leads nowhere: the page's floated
    number glued to the heading. The list goes on after it, so the heading after a
    reference without an abstract is a heading, not that reference's abstract."""
    text = (
        "**Evidence Brief: Topic**\n\n# **Contents**\n\n3[Case Studies](#h1)\n\n"
        "4Primary care:\n\n5[Published Peer Reviewed Research](#h3)\n\n"
        "6[Late-career flexibility](#h4)\n\n9[\\*Help accessing articles](#h5)\n\n"
        "## **Published Peer Reviewed Research**\n\n[A study of rotas](#)\n\n"
        "Source: BMJ Open 13(2) e065432\n\nPublication date: 2023\n\n"
        "## **Late-career flexibility**\n\n[Working beyond 60](#)\n\n"
        "Source: Health Services Management Research 36(4)\n\nPublication date: 2023\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    first, second = brief.entries
    assert first.abstract is None
    assert second.sections == (
        Section("Published Peer Reviewed Research", "Late-career flexibility"),
    )


def test_a_reports_series_and_number_after_its_publisher_is_reported() -> None:
    """``Source: Body, Research report 412``: the body published a report in a series;
    the number was read as a journal's volume, the series as its name."""
    brief = peerbrief.parse(
        "[Working flexibly in the NHS](#)\n\nAuthor(s): Institute for Employment Studies\n\n"
        "Source: Institute for Employment Studies, Research report 412\n\n"
        "Publication date: 2021\n\n"
        "[Evaluation of the scheme](#)\n\n"
        "Source: National Audit Office, HC 1350, Session 2023–24\n\nPublication date: 2024\n",
        dedupe=False,
    )
    assert [(e.kind, e.publisher, e.container_title, e.volume) for e in brief.entries] == [
        (Kind.REPORT, "Institute for Employment Studies", None, None),
        (Kind.REPORT, "National Audit Office", None, None),
    ]
    assert [(item.reason, item.text) for item in brief.report if item.reason.is_removal] == [
        (Reason.SERIES, "Research report 412"),
        (Reason.SERIES, "HC 1350, Session 2023–24"),
    ]
    assert brief.unexplained == ()


def test_a_reports_edition_after_its_publisher_and_place_is_reported() -> None:
    """``Source: Body, Town, 3rd edition``: the edition was the end of the publisher's
    name, and kept the town there too."""
    brief = peerbrief.parse(
        "[The future of pharmacy technicians](#)\n\n"
        "Source: Royal Pharmaceutical Society, London, 3rd edition\n\nPublication date: 2024\n\n"
        "[A guide](#)\n\nSource: NHS Employers, Second edn.\n\nPublication date: 2021\n",
        dedupe=False,
    )
    assert [(e.publisher, e.place) for e in brief.entries] == [
        ("Royal Pharmaceutical Society", "London"),
        ("NHS Employers", None),
    ]
    assert [(item.reason, item.text) for item in brief.report if item.reason.is_removal] == [
        (Reason.EDITION, "3rd edition"),
        (Reason.EDITION, "Second edn."),
    ]
    assert brief.unexplained == ()


def test_a_sources_address_and_access_date_after_the_publisher_are_read() -> None:
    """``Source: Body [online]. Available at: https://… [Accessed 2 March 2025]``: the
    address is the link and the date the access date (the whole was the publisher)."""
    brief = peerbrief.parse(
        "[Medicines optimisation in care homes](#)\n\n"
        "Source: National Institute for Health and Care Excellence [online]. Available at: "
        "https://www.nice.org.uk/guidance/sc1 [Accessed 2 March 2025]\n\nPublication date: 2015\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert (entry.publisher, entry.url, entry.accessed) == (
        "National Institute for Health and Care Excellence",
        "https://www.nice.org.uk/guidance/sc1",
        Date(2025, 3, 2),
    )
    assert brief.unexplained == ()


def test_a_second_access_date_in_a_source_is_not_understood() -> None:
    brief = peerbrief.parse(
        "[Medicines optimisation](#)\n\nAccessed: 1 March 2025\n\n"
        "Source: NICE. Available at: https://www.nice.org.uk/a [Accessed 2 March 2025]\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert entry.accessed == Date(2025, 3, 1)
    assert [item.reason for item in brief.unexplained] == [Reason.VALUE_NOT_UNDERSTOOD]


@pytest.mark.parametrize("joiner", [" and ", "; ", ", "])
def test_two_addresses_under_one_link_label_give_the_link_and_another(joiner: str) -> None:
    """``Available at: https://…/report and https://…/summary``: the first is the link,
    the second another link, reported (it and "and" were the annotation's first words)."""
    brief = peerbrief.parse(
        "[Career paths](#)\n\nSource: The Health Foundation\n\nPublication date: 2024\n\n"
        f"Available at: https://www.example.org/report{joiner}https://www.example.org/summary\n\n"
        "The report maps four routes.\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert (entry.url, entry.abstract) == (
        "https://www.example.org/report",
        "The report maps four routes.",
    )
    assert [(item.reason, item.text) for item in brief.report if item.reason.is_removal] == [
        (Reason.OTHER_LINK, "https://www.example.org/summary")
    ]


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        (
            "RCN Congress 2024, Liverpool, 19-23 May 2024 (conference abstract)",
            "conference abstract",
        ),
        ("RCN Congress 2024, Liverpool, 19-23 May 2024 [Poster]", "Poster"),
    ],
)
def test_a_kind_of_work_after_a_source_is_reported(source: str, kind: str) -> None:
    """``Source: Meeting, Town, dates (conference abstract)``: the meeting, its town and
    its dates are read; the kind of work, which no field holds, is reported (the whole
    value was the publisher, the dates and the kind with it)."""
    brief = peerbrief.parse(
        f"[Support workers on the ward](#)\n\nAuthor(s): Jones, Sarah\n\nSource: {source}\n\n"
        "Publication date: 2024\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert (entry.publisher, entry.place, entry.date) == (
        "RCN Congress 2024",
        "Liverpool",
        Date(2024, 5, 19, end=Date(2024, 5, 23)),
    )
    assert [(item.reason, item.text) for item in brief.report if item.reason.is_removal] == [
        (Reason.KIND_OF_WORK, kind)
    ]
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("source", "publisher"),
    [
        ("https://www.example.org/our-people/", None),
        ("NHS England. Available at: https://www.example.org/our-people/", "NHS England"),
    ],
)
def test_a_sources_address_other_than_the_titles_link_is_reported(
    source: str, publisher: str | None
) -> None:
    """A title that links one page and a ``Source:`` that ends with another address: the
    work's link is the title's, the other address reported as another link (it was the
    publisher, ``https://…`` written in a reference manager's publisher field)."""
    brief = peerbrief.parse(
        "[Looking after our people](https://www.example.org/people-promise/)\n\n"
        f"Source: {source}\n\nPublication date: 2022\n\nWhat staff said.\n",
        dedupe=False,
    )
    [entry] = brief.entries
    assert (entry.url, entry.publisher) == ("https://www.example.org/people-promise/", publisher)
    reported = [(item.reason, item.text) for item in brief.report if item.reason.is_removal]
    assert reported == [(Reason.OTHER_LINK, "https://www.example.org/our-people/")]
    assert brief.unexplained == ()
