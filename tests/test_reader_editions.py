"""Briefs of the series that deviate from the sample in ways a real series has: an older
edition's names and front matter, sections without works, publishers whose names read
like journals', author lists cut short in words, links written out after the labels, a
date that says there is none, a table of works.
Every value lands in its field or is reported; no work is merged with another or split.
(The whole of such a brief, ``fixtures/briefs/dental-nurses.txt``, is read field by
field in ``test_briefs_more.py``.)"""

from __future__ import annotations

import pytest
from hostile_oracle import assert_lines_accounted_for

import peerbrief
from peerbrief import Kind, Person, Reason, Section
from peerbrief.fields import classify_source

_CONTENTS = """\
Evidence Brief: Dental Nurses

Contents

Key publications – the big picture\t3
HEE Star\t5
Statistics\t5
HEE National Data Programme\t5
Published Peer Reviewed Research\t6
*Help accessing articles or papers\t12

Produced by the HEE Knowledge Management team

Evidence Briefs offer a quick overview of the published reports, research, and evidence on a workforce-related topic.

Date of publication: June 2022

"""

_WORK = "[{title}](#)\n\nSource: Health Education England\n\nPublication date: 2022\n\n{title} in a sentence.\n\n"


def _reasons(brief: peerbrief.Brief) -> dict[str, Reason]:
    return {item.text: item.reason for item in brief.report}


def test_an_older_editions_names_of_the_templates_sections_are_the_templates() -> None:
    """Health Education England's briefs name the Star and the data programme after it:
    the data programme's work was filed under a sub-section "HEE National Data Programme"
    of Statistics, and the Star's prose under Statistics' neighbour (silently)."""
    body = (
        "HEE Star\n\nMore resources and tools are available in the HEE Star\n\n"
        f"Statistics\n\n{_WORK.format(title='Dental statistics')}"
        f"HEE National Data Programme\n\n{_WORK.format(title='Dental dashboard')}"
    )
    brief = peerbrief.parse(_CONTENTS + body, dedupe=False)
    assert [entry.sections for entry in brief.entries] == [
        (Section("Statistics"),),
        (Section("National Data Programme"),),
    ]
    assert Section("The Star for workforce redesign") in brief.sections
    reasons = _reasons(brief)
    assert reasons["HEE National Data Programme"] is Reason.HEADING
    assert reasons["More resources and tools are available in the HEE Star"] is (
        Reason.SECTION_PROSE
    )


def test_a_short_front_matter_line_after_the_contents_is_no_heading() -> None:
    """The closing section ends the Contents: ``Produced by the HEE Knowledge Management
    team`` alone on its line after it was read as a Contents heading."""
    brief = peerbrief.parse(_CONTENTS + _WORK.format(title="A review"), dedupe=False)
    assert _reasons(brief)["Produced by the HEE Knowledge Management team"] is (Reason.FRONT_MATTER)
    assert all("Produced" not in section.top for section in brief.sections)


def test_a_contents_heading_without_its_number_before_the_closing_section_is_kept() -> None:
    brief = peerbrief.parse(
        "Evidence Brief: X\n\nContents\n\nStatistics\nOral health\n"
        "*Help accessing articles or papers\t12\n\nOral health\n\n"
        + _WORK.format(title="A review"),
        dedupe=False,
    )
    [entry] = brief.entries
    assert entry.sections == (Section("Oral health"),)


@pytest.mark.parametrize(
    ("source", "publisher", "place"),
    [
        ("British Dental Association", "British Dental Association", None),
        ("British Medical Association, London", "British Medical Association", "London"),
        ("British Psychological Society", "British Psychological Society", None),
        ("American Psychological Association", "American Psychological Association", None),
        ("Royal Society of Medicine", "Royal Society of Medicine", None),
    ],
)
def test_a_body_named_for_an_association_or_society_is_the_publisher(
    source: str, publisher: str, place: str | None
) -> None:
    """Subject words (medical, psychological, british) made these journals: the work an
    article, the body its journal, its publisher and place lost (silently)."""
    text = f"[A survey](#)\n\nSource: {source}\n\nPublication date: 2021\n\nA survey.\n"
    [entry] = peerbrief.parse(text, dedupe=False).entries
    assert (entry.kind, entry.container_title) == (Kind.REPORT, None)
    assert (entry.publisher, entry.place) == (publisher, place)


@pytest.mark.parametrize(
    "name",
    [
        "Journal of the American Medical Association",
        "Health, Risk & Society",
        "Psychiatric Services",
        "Nursing Forum",
    ],
)
def test_a_journal_named_with_an_organisation_word_stays_a_journal(name: str) -> None:
    assert classify_source(name) == "journal"


@pytest.mark.parametrize(
    ("value", "authors"),
    [
        ("Kaur and colleagues", (Person("Kaur"),)),
        ("Kaur & colleagues", (Person("Kaur"),)),
        ("Smith, Jane and colleagues", (Person("Smith", "Jane"),)),
        (
            "Smith, Jane, Patel, Raj and colleagues.",
            (Person("Smith", "Jane"), Person("Patel", "Raj")),
        ),
    ],
)
def test_and_colleagues_cuts_the_list_short_as_et_al_does(
    value: str, authors: tuple[Person, ...]
) -> None:
    """``Kaur and colleagues`` was two people, the second named "colleagues"."""
    text = f"[A paper](#)\n\nAuthor(s): {value}\n\nSource: Dental Nursing 3(2)\n\nAn abstract.\n"
    [entry] = peerbrief.parse(text, dedupe=False).entries
    assert (entry.authors, entry.authors_truncated) == (authors, True)


_LINKED_OUT = """\
[A paper]({target})

Author(s): Lefèvre, Hélène

Source: Annales Pharmaceutiques Françaises 80(4)

Publication date: 2022

{link}

Text in French.
"""


@pytest.mark.parametrize(
    "link", ["https://doi.org/10.1016/j.pharma.2022.01.003", "doi:10.1016/j.pharma.2022.01.003"]
)
def test_a_link_written_out_after_the_labels_is_the_works_link(link: str) -> None:
    """A DOI's address alone after the labels was the abstract's first words, and the work
    had no DOI (silently)."""
    brief = peerbrief.parse(_LINKED_OUT.format(target="#", link=link), dedupe=False)
    [entry] = brief.entries
    assert entry.doi == "10.1016/j.pharma.2022.01.003"
    assert entry.abstract == "Text in French."
    assert brief.unexplained == ()
    assert 9 in entry.provenance[0].lines


def test_a_dois_address_after_a_title_linked_elsewhere_gives_the_doi() -> None:
    target = "https://www.example.org/paper"
    text = _LINKED_OUT.format(target=target, link="https://doi.org/10.1016/j.x.2022.01.003")
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    assert (entry.url, entry.doi, entry.abstract) == (
        target,
        "10.1016/j.x.2022.01.003",
        "Text in French.",
    )
    assert brief.unexplained == ()


def test_the_titles_own_link_written_out_again_is_used() -> None:
    target = "https://www.example.org/paper"
    brief = peerbrief.parse(_LINKED_OUT.format(target=target, link=target), dedupe=False)
    [entry] = brief.entries
    assert (entry.url, entry.abstract, brief.report) == (target, "Text in French.", ())


def test_a_second_other_link_written_out_is_reported() -> None:
    """A work has one link field: another address has none, and is reported rather than
    made the abstract's first words."""
    text = _LINKED_OUT.format(
        target="https://doi.org/10.1016/j.x.1", link="https://www.example.org/summary"
    )
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    assert (entry.url, entry.abstract) == ("https://doi.org/10.1016/j.x.1", "Text in French.")
    [item] = brief.unexplained
    assert (item.line, item.reason) == (9, Reason.UNEXPLAINED)


def test_a_link_inside_the_abstract_stays_in_it() -> None:
    text = _LINKED_OUT.format(target="#", link="Text in English.") + (
        "\nhttps://www.example.org/more\n"
    )
    [entry] = peerbrief.parse(text, dedupe=False).entries
    assert entry.url is None
    assert entry.abstract == "Text in English. Text in French. https://www.example.org/more"


def test_a_section_without_works_in_a_brief_without_contents_is_a_heading() -> None:
    """Without a Contents, a heading is known by the reference after it; an empty
    section's heading stands before the next heading, and became the last words of the
    abstract before it (silently)."""
    text = (
        "Evidence Brief: Dental Nurses\n\nPublished Peer Reviewed Research\n\n"
        "Extended duties\n\n"
        + _WORK.format(title="Skill mix")
        + "Oral health education\n\nWellbeing\n\n"
        + _WORK.format(title="Back pain")
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert [entry.abstract for entry in brief.entries] == [
        "Skill mix in a sentence.",
        "Back pain in a sentence.",
    ]
    assert [entry.sections for entry in brief.entries] == [
        (Section("Published Peer Reviewed Research", "Extended duties"),),
        (Section("Published Peer Reviewed Research", "Wellbeing"),),
    ]
    assert _reasons(brief)["Oral health education"] is Reason.HEADING


def test_more_links_after_a_title_keep_where_they_led() -> None:
    """A web page lists a work's summary and full report beside it: the text after the
    title was kept and reported as ``Summary Full report``, and where the links led was
    lost (silently)."""
    summary, full = "https://www.example.org/summary", "https://www.example.org/report.pdf"
    text = (
        f"[Where next?](https://www.example.org/where-next) [Summary]({summary}) | "
        f"[Full report]({full}) [Easy read](#)\n\nSource: The King's Fund\n\nA report.\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    kept = f"Summary <{summary}> | Full report <{full}> Easy read"
    assert (entry.url, entry.unparsed) == ("https://www.example.org/where-next", {"access": kept})
    [item] = brief.unexplained
    assert (item.line, item.reason, item.text) == (1, Reason.TEXT_AFTER_TITLE, kept)


@pytest.mark.parametrize(
    ("after", "access"),
    [
        ("[Easy read version]({easy})", None),
        ("[Easy read version]({easy}) Abstract only*", "Abstract only"),
        ("Full text available with NHS OpenAthens account* | [Easy read version]({easy})",
         "Full text available with NHS OpenAthens account"),
    ],
)  # fmt: skip
def test_another_link_after_a_title_is_reported_as_such(after: str, access: str | None) -> None:
    """A second link on the title's line (an easy-read version, a summary) has no field:
    it failed the check as text after the title, unexplained, though nothing of the
    title or its note was in doubt. It is taken and reported with its own reason, which
    says where it led; the title's link and access note are read."""
    easy = "https://www.example.org/guide-easy-read.pdf"
    text = (
        f"[A guide](https://www.example.org/guide.pdf) {after.format(easy=easy)}\n\n"
        "Source: NHS England\n\nPublication date: 2022\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    assert (entry.title, entry.url, entry.access) == (
        "A guide",
        "https://www.example.org/guide.pdf",
        access,
    )
    assert (entry.unparsed, brief.unexplained) == ({}, ())
    [item] = [item for item in brief.report if item.reason.is_removal]
    assert (item.line, item.reason, item.text) == (
        1, Reason.OTHER_LINK, f"Easy read version <{easy}>"
    )  # fmt: skip
    assert item.reason.explained


def test_another_link_after_words_that_go_on_with_the_title_is_no_part_of_it() -> None:
    """Words in lower case after a title's link go on with the title; the link after them
    went in too, its text as the title's last words and where it led lost, silently."""
    text = (
        "[A guide](https://www.example.org/guide.pdf) for managers "
        "[Easy read](https://www.example.org/easy.pdf)\n\nSource: NHS England\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert brief.entries[0].title == "A guide for managers"
    removed = [(item.reason, item.text) for item in brief.report if item.reason.is_removal]
    assert removed == [(Reason.OTHER_LINK, "Easy read <https://www.example.org/easy.pdf>")]
    assert brief.unexplained == ()


def test_another_link_beside_words_after_a_title_is_text_after_it() -> None:
    """Words beside the other link may be the title's (a subtitle left out of its link):
    the line is still reported as text after the title, which fails a check."""
    text = (
        "[A guide](https://www.example.org/guide.pdf) Part 2 "
        "[Easy read](https://www.example.org/easy.pdf)\n\nSource: NHS England\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert [item.reason for item in brief.unexplained] == [Reason.TEXT_AFTER_TITLE]


@pytest.mark.parametrize("value", ["n.d.", "[no date]", "(n.d.)", "Undated", "**n.d.**"])
def test_a_date_that_says_there_is_none_is_read(value: str) -> None:
    """``n.d.`` was a value not understood: reported, so that a check of a brief that
    says plainly its work has no date failed."""
    text = f"[A guide](#)\n\nSource: NHS England\n\nPublication date: {value}\n\nA guide.\n"
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    assert (entry.date, entry.unparsed, brief.unexplained) == (None, {}, ())
    assert entry.provenance[0].fields["date"] == (5,)


def test_section_prose_without_its_full_stop_before_a_heading_stays_prose() -> None:
    text = (
        "Evidence Brief: Dental Nurses\n\nThe Star for workforce redesign\n\n"
        "More resources and tools are available in the Dental section of the Star\n\n"
        "Statistics\n\n" + _WORK.format(title="Dental statistics")
    )
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    assert entry.sections == (Section("Statistics"),)
    assert _reasons(brief)[
        "More resources and tools are available in the Dental section of the Star"
    ] is (Reason.SECTION_PROSE)


_TABLE = """\
Evidence Brief: Dental Nurses

Key publications – the big picture

| **Title** | Source | Publication date |
|:---|---|---|
| [Dental workforce review](#) | NHS England | 2023 |
| [Dental nursing careers](#) | British Dental Association | |
{row}
Statistics

[NHS dental statistics](#)

Source: NHS Digital
"""


def test_a_table_of_works_reads_as_its_references() -> None:
    """A web page's table of works, its head naming the labels: the head row was a
    sub-section ("Title Source Publication date") of every work under it (silently), and
    each row's values text after its title."""
    brief = peerbrief.parse(_TABLE.format(row=""), dedupe=False)
    key = Section("Key publications – the big picture")
    found = [(e.title, e.kind, e.publisher, e.date, e.sections) for e in brief.entries]
    assert found == [
        ("Dental workforce review", Kind.REPORT, "NHS England", peerbrief.Date(2023), (key,)),
        ("Dental nursing careers", Kind.REPORT, "British Dental Association", None, (key,)),
        ("NHS dental statistics", Kind.REPORT, "NHS Digital", None, (Section("Statistics"),)),
    ]
    assert brief.unexplained == ()
    assert [entry.provenance[0].fields["publisher"] for entry in brief.entries[:2]] == [(7,), (8,)]


def test_a_row_that_does_not_fit_its_tables_head_is_reported_not_read_in_part() -> None:
    row = "| [A third report](#) | NHS England | 2021 | (PDF, 2 MB) |\n"
    brief = peerbrief.parse(_TABLE.format(row=row), dedupe=False)
    third = brief.entries[2]
    assert (third.title, third.publisher) == ("A third report", None)
    assert third.unparsed == {"access": "NHS England 2021"}  # the file's size reported
    assert [item.line for item in brief.unexplained] == [9]


@pytest.mark.parametrize(
    "row",
    [
        "",
        "| [A third report](#) | NHS England | sometime soon |\n",
        "| [A third report](#) | NHS England | 2021 | (PDF, 2 MB) |\n",
    ],
)
def test_each_line_of_a_table_of_works_is_used_or_reported(row: str) -> None:
    """The fuzz oracle's count: a row is one line split into a line per value, so it is
    used (its title) and may also be reported (a value not understood), once per part."""
    text = _TABLE.format(row=row)
    assert_lines_accounted_for(text, peerbrief.parse(text, dedupe=False))


def test_an_older_name_the_contents_does_not_list_is_no_section() -> None:
    """The sample's abstract ends "… available alongside this summary on HEE Star": wrapped
    so that "HEE Star" stood alone before the next title, it opened the Star's section, and
    the works after it were filed there (silently)."""
    text = (
        "Evidence Brief: X\n\nContents\n\nPublished Peer Reviewed Research\t6\nReviews\t7\n\n"
        "Published Peer Reviewed Research\n\nReviews\n\n"
        + _WORK.format(title="A summary").replace(
            "A summary in a sentence.", "Details are available alongside this summary on\nHEE Star"
        )
        + _WORK.format(title="A review")
    )
    brief = peerbrief.parse(text, dedupe=False)
    reviews = (Section("Published Peer Reviewed Research", "Reviews"),)
    assert [entry.sections for entry in brief.entries] == [reviews, reviews]
    assert brief.entries[0].abstract == "Details are available alongside this summary on HEE Star"


@pytest.mark.parametrize(
    "first", ["Publication date: June 2022", "Source: Community Dental Health"]
)
def test_a_title_that_lost_its_link_is_one_whatever_label_comes_first(first: str) -> None:
    """A work whose labels come in another order (the date first), in a copy whose titles
    lost their links (a PDF printed again, a 2-up handout, a PostScript round trip): its
    title and labels were read as the abstract's of the work before, five lines not
    understood and that work's abstract replaced by the next one's."""
    labels = [
        "Publication date: June 2022",
        "Source: Community Dental Health",
        "Author(s): Rhian Llewelyn and Dafydd ap Gruffydd",
    ]
    labels.remove(first)
    text = (
        "Evidence Brief: Dental Nurses\n\nPublished Peer Reviewed Research\n\n"
        "Why do dental nurses leave the profession? A mixed methods study\n\n"
        "Author(s): Davies et al.\n\nSource: British Dental Journal 232(5)\n\n"
        "Publication date: 2022\n\n"
        "Low pay and a lack of career progression were the reasons nurses gave for leaving.\n\n"
        "Recruiting dental nurses in rural Wales: a survey\n\n"
        + "\n\n".join([first, *labels])
        + "\n\nPractice managers described recruiting dental nurses as their hardest task.\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert brief.unexplained == ()
    assert [(entry.title, entry.abstract) for entry in brief.entries] == [
        (
            "Why do dental nurses leave the profession? A mixed methods study",
            "Low pay and a lack of career progression were the reasons nurses gave for leaving.",
        ),
        (
            "Recruiting dental nurses in rural Wales: a survey",
            "Practice managers described recruiting dental nurses as their hardest task.",
        ),
    ]
    assert_lines_accounted_for(text, brief)


@pytest.mark.parametrize(
    ("source", "publisher", "thesis"),
    [
        ("Source: Thesis (PhD), University of Leeds", "University of Leeds", "Thesis (PhD)"),
        ("Source: PhD thesis. University of Manchester", "University of Manchester", "PhD thesis"),
        ("Source: MSc dissertation, King's College London", "King's College London",
         "MSc dissertation"),
        ("Source: (Doctoral dissertation, University of York)", "University of York",
         "Doctoral dissertation"),
        ("Publisher: Unpublished doctoral thesis, Cardiff University", "Cardiff University",
         "Unpublished doctoral thesis"),
        ("Source: University of Nottingham (Doctoral thesis)", "University of Nottingham",
         "Doctoral thesis"),
        ("Source: University of Leeds, PhD thesis", "University of Leeds", "PhD thesis"),
        ("Publication Details: Thesis (PhD), University of Leeds", "University of Leeds",
         "Thesis (PhD)"),
    ],
)  # fmt: skip
def test_the_kind_of_thesis_before_its_university_is_taken_off_the_publisher(
    source: str, publisher: str, thesis: str
) -> None:
    """The university was read with the degree as its name (``Thesis (PhD), University
    of Leeds`` the publisher, silently): the university is the publisher (BibTeX's school,
    RIS PB, CSL publisher) of a report, and the degree, which no field holds, is reported."""
    text = f"[Peer support in rural services](#)\n\nAuthor(s): Jane Smith\n\n{source}\n"
    brief = peerbrief.parse(text, dedupe=False)
    [entry] = brief.entries
    assert (entry.publisher, entry.kind, entry.container_title) == (publisher, Kind.REPORT, None)
    [item] = [item for item in brief.report if item.reason.is_removal]
    assert (item.line, item.reason, item.text) == (5, Reason.THESIS, thesis)
    assert item.reason.explained and brief.unexplained == ()


@pytest.mark.parametrize(
    "source", ["University of Leeds", "Sheffield thesis", "Thesis Whisperer", "Leeds, The Thesis"]
)
def test_a_publisher_that_names_no_kind_of_thesis_is_as_written(source: str) -> None:
    brief = peerbrief.parse(f"[A report](#)\n\nSource: {source}\n", dedupe=False)
    assert brief.entries[0].publisher == source
    assert [item.reason for item in brief.report if item.reason.is_removal] == []
