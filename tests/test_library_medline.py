"""PubMed's MEDLINE format (``.nbib``) as a library: the fixture written as PubMed writes
it (``tests/fixtures/libraries/realistic/pubmed.nbib``, see SOURCES.md there), one tag at
a time, and arbitrary text.

Expected values are copied by hand from the fixture.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from fixtures.cli import Run
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Bibliography, Brief, Date, Kind, Pages, Person, Section
from peerbrief.errors import InputError

PUBMED = Path(__file__).parent / "fixtures" / "libraries" / "realistic" / "pubmed.nbib"


def read(text: str) -> Bibliography:
    return peerbrief.read_bibliography(text.encode("utf-8"), name="lib.nbib")


def one(lines: str) -> peerbrief.Entry:
    library = read(f"PMID- 1\nTI  - A title\n{lines}\n")
    assert library.problems == ()
    (entry,) = library.entries
    return entry


def test_pubmeds_export_reads_every_tag_the_model_has() -> None:
    library = peerbrief.read_bibliography(PUBMED, name="pubmed.nbib")
    assert (library.format, library.records, len(library)) == ("medline", 12, 11)
    otte = library.entries[0]
    assert otte.title == (  # over three lines
        "Challenges faced by peer support workers during the integration into hospital-based "
        "mental health-care teams: Results from a qualitative interview study."
    )
    assert otte.kind is Kind.JOURNAL_ARTICLE
    assert otte.authors[:2] == (Person("Otte", "Ilona"), Person("Werning", "Anna"))  # FAU
    assert len(otte.authors) == 6
    assert (otte.container_title, otte.volume, otte.issue, otte.pages) == (
        "The International journal of social psychiatry",  # JT before TA
        "66",
        "3",
        Pages("263", "269"),
    )
    assert (otte.date, otte.doi, otte.place) == (Date(2020, 5), "10.1177/0020764020904764", None)
    assert otte.abstract is not None and otte.abstract.endswith(
        "during their integration into teams."
    )
    assert otte.sections[:2] == (Section("Humans"), Section("*Mental Health Services"))  # MH, OT
    assert otte.provenance[0].lines == tuple(range(2, 57))
    costa = library.entries[4]
    assert (costa.pages, costa.doi) == (Pages("e025166"), "10.1136/bmjopen-2018-025166")  # [pii]
    chinman = library.entries[5]
    assert chinman.authors[:2] == (Person("Chinman", "M"), Person("McInnes", "DK"))  # AU
    assert chinman.pages == Pages("955", "7")  # as written
    book = library.entries[8]
    assert (book.kind, book.title, book.authors, book.publisher, book.place) == (
        Kind.REPORT,
        "Peer specialists in suicide prevention",  # BTI
        (Person("National Action Alliance for Suicide Prevention"),),  # CN
        "Substance Abuse and Mental Health Services Administration (US)",
        "Rockville (MD)",
    )
    edwards = library.entries[10]  # ahead of print: PST, and DEP beside DP
    assert (edwards.date, edwards.status, edwards.volume) == (
        Date(2023, 5, 4),
        "Epub ahead of print",
        None,
    )
    assert otte.status is None  # PST ppublish
    assert [str(problem) for problem in library.problems] == [
        "pubmed.nbib record 10 (line 215): date not understood: '2020 1st Quarter'",
        "pubmed.nbib record 10 (line 215): no DOI in the DOI field: 'S0000-0000(20)00000-0'",
        "pubmed.nbib record 11 (line 227): no title",
    ]


def test_check_against_pubmeds_export(run: Run, sample: Brief) -> None:
    result = run("check", "--sample", "--against", PUBMED)
    assert result.code == 1
    assert f"Against {PUBMED} (12 records, 3 problems):" in result.out
    works = len(sample.entries)
    assert f"  {works} works: 7 held, {works - 7} new" in result.out


@pytest.mark.parametrize(
    ("types", "kind"),
    [
        ("PT  - Journal Article\nPT  - Review", Kind.JOURNAL_ARTICLE),
        ("PT  - Review", Kind.JOURNAL_ARTICLE),  # PubMed's records are articles
        ("PT  - Journal Article\nPT  - Video-Audio Media", Kind.VIDEO),  # the last named
        ("PT  - Technical Report", Kind.REPORT),
        ("PT  - Book", Kind.REPORT),
    ],
)
def test_publication_types(types: str, kind: Kind) -> None:
    assert one(types).kind is kind


def test_a_chapter_is_part_of_its_book_and_a_journals_country_is_no_place() -> None:
    chapter = one("BTI - The book\nPB  - A press\nPL  - London\nPT  - Book Chapter")
    assert (chapter.container_title, chapter.publisher, chapter.place) == (
        "The book",
        "A press",
        "London",
    )
    assert one("TA  - J Ment Health\nPL  - England").place is None
    assert one("TA  - J Ment Health").container_title == "J Ment Health"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2019 Mar", Date(2019, 3)),
        ("2017 Mar 1", Date(2017, 3, 1)),
        ("2018 Spring", Date(2018, season=1)),
        ("2012 Apr-Jun", Date(2012, 4, end=Date(2012, 6))),
    ],
)
def test_dates(date: str, expected: Date) -> None:
    assert one(f"DP  - {date}").date == expected


def test_a_tag_given_twice_is_reported() -> None:
    library = read("PMID- 1\nTI  - One\nTI  - Two\n")
    assert [entry.title for entry in library] == ["One"]
    assert [problem.reason for problem in library.problems] == [
        "TI given twice: only the first is read, not the next ('Two')"
    ]


def test_records_apart_by_blank_lines_or_pmid_and_crlf() -> None:
    library = read("\r\nPMID- 1\r\nTI  - One\r\nPMID- 2\r\nTI  - Two\r\n      continued\r\n\r\n")
    assert [entry.title for entry in library] == ["One", "Two continued"]
    assert [entry.provenance[0].lines for entry in library] == [(2, 3), (4, 5, 6)]


def test_detected_by_its_first_lines_even_with_an_abstract_like_other_formats() -> None:
    text = "PMID- 1\nTI  - A title\nAB  - One line\n      TY  - not RIS\n      %0 not Refer\n"
    library = read(text)
    assert (library.format, library.entries[0].abstract) == (
        "medline",
        "One line TY - not RIS %0 not Refer",
    )


def test_a_medline_record_limit_is_kept() -> None:
    data = "".join(f"PMID- {n}\nTI  - T{n}\n\n" for n in range(3)).encode()
    assert len(peerbrief.read_bibliography(data, max_records=3)) == 3
    with pytest.raises(InputError, match="more than 2 records"):
        peerbrief.read_bibliography(data, max_records=2)


TAGS = ["PMID", "TI", "BTI", "FAU", "AU", "CN", "TA", "JT", "DP", "VI", "IP", "PG", "AID",
        "LID", "AB", "PT", "MH", "OT", "PB", "PL", "XX"]  # fmt: skip
VALUES = st.text(max_size=20) | st.sampled_from(
    ["2020", "2020 Mar", "2020 13", "-", "1-", "e1 [pii]", "x [doi]", "10.1/x [doi]", ",",
     "Video-Audio Media", "Book", "Otte I", "      continued"]
)  # fmt: skip


@given(st.lists(st.tuples(st.sampled_from(TAGS), VALUES) | st.text(max_size=10), max_size=20))
def test_hostile_medline_reads_or_is_refused(lines: list[tuple[str, str] | str]) -> None:
    text = "\n".join(
        f"{line[0]:<4}- {line[1]}" if isinstance(line, tuple) else line for line in lines
    )
    try:
        library = peerbrief.read_bibliography(
            ("PMID- 1\n" + text).encode("utf-8", "surrogatepass"), name="hostile"
        )
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert library.format == "medline"
    for problem in library.problems:
        assert problem.source == "hostile" and "\n" not in str(problem)


@pytest.mark.parametrize(
    ("lines", "date", "status"),
    [
        ("DEP - 20190312", Date(2019, 3, 12), None),  # no DP: the electronic date
        ("DP  - 2019 May\nDEP - 20190312", Date(2019, 5), None),  # DP, the issue's, first
        ("DP  - 2019 Mar 12\nDEP - 20190312\nPST - aheadofprint", Date(2019, 3, 12),
         "Epub ahead of print"),
        ("DP  - 2019 May\nPST - ppublish", Date(2019, 5), None),
        ("DP  - 2019 May\nPST - epublish", Date(2019, 5), None),
    ],
)  # fmt: skip
def test_the_electronic_date_and_the_publication_status(
    lines: str, date: Date, status: str | None
) -> None:
    entry = one(lines)
    assert (entry.date, entry.status) == (date, status)


def test_an_electronic_date_or_status_not_understood_is_reported() -> None:
    library = read("PMID- 1\nTI  - T\nDEP - 2019031\nPST - inprocess\n")
    assert library.entries[0].date is None
    assert [problem.reason for problem in library.problems] == [
        "DEP date not understood: '2019031'",
        "publication status not understood: 'inprocess'",
    ]


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_any_electronic_date_is_read_when_there_is_no_dp(day: datetime.date) -> None:
    entry = one(f"DEP - {day:%Y%m%d}")
    assert entry.date == Date(day.year, day.month, day.day)
