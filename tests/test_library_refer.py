"""Refer/BibIX and EndNote tagged (``.enw``) libraries: the fixtures written in Zotero's
and EndNote's shapes (see ``tests/fixtures/libraries/SOURCES.md``), one tag at a time,
and arbitrary text.

Expected values are copied by hand from the fixtures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Bibliography, Date, Kind, Pages, Person, Section
from peerbrief.errors import InputError

LIBRARIES = Path(__file__).parent / "fixtures" / "libraries"


def read(text: str) -> Bibliography:
    return peerbrief.read_bibliography(text.encode("utf-8"), name="lib.enw")


def one(lines: str) -> peerbrief.Entry:
    library = read(f"%0 Journal Article\n%T A title\n{lines}\n")
    assert library.problems == ()
    (entry,) = library.entries
    return entry


def test_zoteros_refer_export_reads_every_field_the_model_has() -> None:
    library = peerbrief.read_bibliography(LIBRARIES / "zotero.txt")
    assert (library.format, len(library), library.problems) == ("refer", 5, ())
    cleary = library.entries[0]
    assert cleary.title.startswith("'Walking the tightrope': The role")
    assert cleary.container_title == "International Journal of Mental Health Nursing"  # %J
    assert (cleary.volume, cleary.issue, cleary.pages) == ("27", "4", Pages("1266", "1272"))
    assert cleary.date == Date(2018, 8)  # %D 2018-08, the date as Zotero holds it
    assert len(cleary.authors) == 5 and cleary.authors[0] == Person("Cleary", "Michelle")
    assert cleary.sections == (
        Section("Decision-making"),
        Section("Peer support"),
    )  # %K, a line each
    assert cleary.provenance[0].lines == tuple(range(1, 19))
    edwards = library.entries[1]
    assert edwards.abstract == "Peer support workers' job satisfaction. Data from 2019 and 2020."
    plan = library.entries[2]
    assert (plan.kind, plan.authors, plan.date) == (
        Kind.REPORT,
        (Person("NHS England"),),
        Date(2023, 6, 30),
    )
    assert plan.doi is None  # %R is Zotero's report type here
    assert library.entries[3].kind is Kind.VIDEO  # %0 Film or Broadcast


def test_endnotes_enw_export_reads_every_field_the_model_has() -> None:
    library = peerbrief.read_bibliography(LIBRARIES / "endnote.enw", name="endnote.enw")
    assert (library.format, len(library), library.records) == ("refer", 5, 6)
    work_life = library.entries[0]
    assert work_life.title.startswith("Work-life boundary")  # no BOM in it
    assert work_life.date == Date(2023, 1, 12)  # %8 Jan 12, %D's year
    assert work_life.doi == "10.1186/s12889-023-15014-8"  # %R
    assert work_life.access == "Accession Number: 36635700"  # %Z
    assert work_life.sections == (Section("Peer support"), Section("COVID-19"))
    assert library.entries[2].doi == "10.1037/ser0000482"  # %R doi:10.…
    assert library.entries[2].container_title == "Psychol Serv"
    framework = library.entries[3]
    assert (framework.kind, framework.authors) == (
        Kind.REPORT,
        (Person("Health Education England", organisation=True),),
    )
    assert [str(problem) for problem in library.problems] == [
        "endnote.enw record 5 (line 54): no title",
    ]
    assert (library.entries[4].date, library.entries[4].status) == (None, "forthcoming")


@pytest.mark.parametrize(
    ("name", "held"),
    [("zotero.txt", {1, 2, 3, 4}), ("endnote.enw", {1, 2, 3})],  # as their RIS twins
)
def test_each_refer_library_holds_the_brief_works_it_has(
    sample: peerbrief.Brief, name: str, held: set[int]
) -> None:
    holdings = peerbrief.against(sample, peerbrief.read_bibliography(LIBRARIES / name))
    assert {r.provenance[0].record for m in holdings.held for r in m.records} == held


@pytest.mark.parametrize(
    ("type_name", "kind"),
    [
        ("Journal Article", Kind.JOURNAL_ARTICLE),
        ("Electronic Article", Kind.JOURNAL_ARTICLE),
        ("Film or Broadcast", Kind.VIDEO),
        ("Report", Kind.REPORT),
        ("Book", Kind.REPORT),
        ("Government Document", Kind.REPORT),
        ("Web Page", Kind.REPORT),
    ],
)
def test_type_names(type_name: str, kind: Kind) -> None:
    assert read(f"%0 {type_name}\n%T A title\n").entries[0].kind is kind


def test_no_type_is_generic_and_classified_by_its_values() -> None:
    assert read("%T A title\n%J J Ment Health\n%V 3\n").entries[0].kind is Kind.JOURNAL_ARTICLE
    assert read("%T Video: A title\n%I Someone\n").entries[0].kind is Kind.VIDEO
    assert read("%T A title\n%I Someone\n").entries[0].kind is Kind.REPORT


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        ("%D 2015", Date(2015)),
        ("%D 2015\n%8 March 2015", Date(2015, 3)),
        ("%D 2015\n%8 Mar", Date(2015, 3)),
        ("%D 2015\n%8 2015/03/01", Date(2015, 3, 1)),
        ("%D 2015-03-01", Date(2015, 3, 1)),
        ("%D March 15, 2015", Date(2015, 3, 15)),
        ("%D 2015\n%8 Epub ahead of print", Date(2015)),
    ],
)
def test_dates(lines: str, date: Date) -> None:
    assert one(lines).date == date


def test_plain_tags() -> None:
    entry = one(
        "%A Byrne, Louise\n%A NHS England\n%E Editor, Ed\n%Y Translator, T\n%B A Book\n"
        "%V 12\n%N 3\n%P 451-460\n%I NHS England\n%C London\n%X An abstract\n"
        "%U https://example.org/\n%R 10.1000/x1\n%Z One note\n%Z Another\n%@ 1234-5678\n%F key"
    )
    assert entry.authors == (Person("Byrne", "Louise"), Person("NHS England"))
    assert (entry.container_title, entry.volume, entry.issue) == ("A Book", "12", "3")
    assert (entry.pages, entry.publisher, entry.place) == (
        Pages("451", "460"),
        "NHS England",
        "London",
    )
    assert (entry.abstract, entry.url, entry.doi) == (
        "An abstract",
        "https://example.org/",
        "10.1000/x1",
    )
    assert entry.access == "One note; Another"


def test_journal_before_secondary_title() -> None:
    assert one("%B BMC Public Health\n%J BMC Public Health (Online)").container_title == (
        "BMC Public Health (Online)"
    )


def test_continuation_lines_and_paragraphs_stay_in_their_value() -> None:
    entry = one("%X First paragraph\ncontinued.\n\nSecond paragraph.\n%K one\ntwo\n%K three")
    assert entry.abstract == "First paragraph continued. Second paragraph."
    assert [section.top for section in entry.sections] == ["one", "two", "three"]


def test_blank_lines_separate_records_and_stray_lines_are_problems() -> None:
    library = read("Exported from somewhere\n%0 Book\n%T One\n\n\n%0 Book\n%T Two\n%T\n")
    assert [entry.title for entry in library] == ["One", "Two"]
    assert [(p.record, p.line, p.reason) for p in library.problems] == [
        (0, 1, "a line outside any record")
    ]


def test_bibtex_comments_are_not_refer() -> None:
    text = "% Encoding: UTF-8\n\n@article{a, title = {One}}\n"
    assert peerbrief.read_bibliography(text.encode(), name="x").format == "bibtex"


TAGS = list("0ABCDEIJKNPRTUVXZ8@!")
VALUES = st.text(max_size=20) | st.sampled_from(
    ["2020", "Mar", "2020/13/40", "-", "1-", ",", "Journal Article", "Film or Broadcast", "%"]
)


@given(st.lists(st.tuples(st.sampled_from(TAGS), VALUES) | st.text(max_size=10), max_size=20))
def test_hostile_refer_reads_or_is_refused(lines: list[tuple[str, str] | str]) -> None:
    text = "\n".join(f"%{line[0]} {line[1]}" if isinstance(line, tuple) else line for line in lines)
    try:
        library = peerbrief.read_bibliography(
            ("%0 Book\n" + text).encode("utf-8", "surrogatepass"), name="hostile", format="refer"
        )
    except InputError as error:
        assert "\n" not in str(error)
        return
    for problem in library.problems:
        assert problem.source == "hostile" and "\n" not in str(problem)
