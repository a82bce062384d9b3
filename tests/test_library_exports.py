"""What reference managers and databases really write that a first reader misses: a
record with a repeated field or citation key, DOIs and links not written bare, ``%`` in
a BibTeX title, Refer records without a blank line between them, Web of Science
seasons, HTML notes, CSL dates as strings. Each library is a few lines written here
after the exporter's convention."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from factories import article
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Bibliography, Brief, Date, Person
from peerbrief.errors import InputError
from peerbrief.vocabulary import SEASON_ABBREVIATIONS
from peerbrief.writers import write


def read(text: str, name: str = "library") -> Bibliography:
    return peerbrief.read_bibliography(text.encode("utf-8"), name=name)


# --- A repeated field or citation key ----------------------------------------------------

ZOTERO_TWO_NOTES = """@article{jacobson_what_2012,
\ttitle = {What do peer support workers do? {A} job description},
\tjournal = {BMC Health Services Research},
\tauthor = {Jacobson, Nora},
\tyear = {2012},
\tannote = {Key paper for chapter 2},
\tannote = {Compare with Gillard 2013},
}
"""


def test_a_record_with_two_notes_is_read_with_both() -> None:
    library = read(ZOTERO_TWO_NOTES)
    [entry] = library
    assert entry.title == "What do peer support workers do? A job description"
    assert entry.access == "Key paper for chapter 2; Compare with Gillard 2013"
    assert library.problems == ()


def test_a_repeated_field_keeps_its_first_value_and_reports_the_other() -> None:
    library = read("@article{k,\n title = {First},\n Title = {Second},\n year = 2020,\n}\n")
    [entry] = library
    assert entry.title == "First"
    [problem] = library.problems
    assert problem.record == 1 and "title given twice" in problem.reason
    assert "Second" in problem.reason


def test_records_sharing_a_citation_key_are_all_read() -> None:
    text = (
        "@article{Byrne2019, title = {Taking a gamble for high rewards?}, year = {2018}}\n"
        "@article{Byrne2019, title = {You don't know what you don't know}, year = {2019}}\n"
        "@article{Byrne2019, title = {A third one}, year = {2020}, note = {x}, note = {y}}\n"
    )
    library = read(text)
    assert [entry.title for entry in library] == [
        "Taking a gamble for high rewards?",
        "You don't know what you don't know",
        "A third one",
    ]
    assert [entry.provenance[0].record for entry in library] == [1, 2, 3]
    assert library.entries[2].access == "x; y"
    assert library.problems == ()


BIB_KEYS = ["title", "Title", "note", "annote", "journal", "year"]


@given(st.lists(st.lists(st.sampled_from(BIB_KEYS), max_size=6), min_size=1, max_size=4))
def test_repeats_never_cost_a_record(records: list[list[str]]) -> None:
    text = "".join(
        "@article{same,\n" + "".join(f" {key} = {{v{i}}},\n" for i, key in enumerate(keys)) + "}\n"
        for keys in records
    )
    library = read(text)
    titled = [keys for keys in records if any(key.lower() == "title" for key in keys)]
    assert len(library) == len(titled)
    untitled = [problem for problem in library.problems if problem.reason == "no title"]
    assert len(untitled) == len(records) - len(titled)


# --- DOIs not written bare -----------------------------------------------------------------

WORK = article(title="The challenges of inter-role conflicts", doi="10.1176/appi.ps.202000890",
               container_title="Psychiatric Services", volume="73", date=Date(2022))  # fmt: skip
DOI = "10.1176/appi.ps.202000890"


def ris(doi: str) -> str:
    return f"TY  - JOUR\nTI  - The Challenges of Inter-role Conflicts\nPY  - 2022\nDO  - {doi}\nER  - \n"


@pytest.mark.parametrize(
    "text",
    [
        f"@article{{WOS:1,\nTitle = {{{{The Challenges of Inter-role Conflicts}}}},\n"
        f"Year = {{{{2022}}}},\nDOI = {{{{{DOI}}}}},\n}}\n",  # Web of Science
        ris(f"DOI {DOI}"),  # EndNote
        ris(f"https://psychiatryonline.org/doi/full/{DOI}"),  # a publisher's link
        ris(f"doi:{DOI}"),
        ris(f"https://doi.org/{DOI}"),
        f"%0 Journal Article\n%T The Challenges of Inter-role Conflicts\n%D 2022\n%R DOI {DOI}\n",
        '[{"type": "article-journal", "title": "The Challenges of Inter-role Conflicts", '
        f'"issued": {{"date-parts": [[2022]]}}, "DOI": "https://dx.doi.org/{DOI}"}}]',
    ],
)
def test_a_doi_however_written_is_the_doi(text: str) -> None:
    library = read(text)
    [entry] = library
    assert entry.doi is not None and entry.doi.casefold() == DOI
    assert library.problems == ()
    assert len(peerbrief.against([WORK], library).held) == 1


def test_a_doi_field_holding_no_doi_is_reported_and_does_not_rule_a_match_out() -> None:
    library = read(ris("see the publisher's site"))
    [entry] = library
    assert entry.doi is None
    [problem] = library.problems
    assert "no DOI" in problem.reason and "publisher's site" in problem.reason
    assert len(peerbrief.against([WORK], library).held) == 1


# --- "%" in a BibTeX field -------------------------------------------------------------------


def test_a_percent_sign_in_a_bibtex_field_is_a_character_as_bibtex_reads_it() -> None:
    library = read(
        "@Article{Salzer2013,\n"
        "  title    = {Benefits of working as a peer specialist: 50% of peers report gains},\n"
        "  abstract = {Objective: 50% of CPSs reported benefits;\n 30\\% reported none.},\n"
        "  year     = {2013},\n}\n"
    )
    [entry] = library
    assert entry.title == "Benefits of working as a peer specialist: 50% of peers report gains"
    assert entry.abstract == "Objective: 50% of CPSs reported benefits; 30% reported none."


@given(st.text(alphabet="ab %\n"))
def test_percent_signs_never_cut_a_title(words: str) -> None:
    title = f"T {words} end"
    [entry] = read(f"@misc{{k, title = {{{title}}}}}\n")
    assert entry.title == " ".join(title.split())


# --- Refer records without a blank line between them --------------------------------------


def test_a_type_line_starts_a_refer_record_without_a_blank_line_before_it() -> None:
    library = read(
        "%0 Journal Article\n%T The Challenges of Inter-role Conflicts\n%A Janoušková, Miroslava\n"
        "%D 2022\n%0 Journal Article\n%T What do peer support workers do?\n%A Jacobson, Nora\n"
        "%D 2012\n"
    )
    assert [(entry.title, entry.authors[0].family, entry.date) for entry in library] == [
        ("The Challenges of Inter-role Conflicts", "Janoušková", Date(2022)),
        ("What do peer support workers do?", "Jacobson", Date(2012)),
    ]
    assert [entry.provenance[0].lines for entry in library] == [(1, 2, 3, 4), (5, 6, 7, 8)]


# --- A month not understood -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "season"),
    list(SEASON_ABBREVIATIONS.items()),
)
def test_web_of_science_seasons_are_seasons(month: str, season: int) -> None:
    text = f"@article{{WOS:1,\nTitle = {{{{T}}}},\nYear = {{{{2012}}}},\nMonth = {{{{{month.upper()}}}}},\n}}"
    library = read(text)
    assert library.entries[0].date == Date(2012, season=season)
    assert library.problems == ()


@pytest.mark.parametrize("month", ["{Twelfth}", 'dec # "~" # {the first}'])
def test_a_month_not_understood_keeps_the_year_and_is_reported(month: str) -> None:
    library = read(f"@article{{k, title = {{T}}, year = 2012, month = {month}}}")
    assert library.entries[0].date == Date(2012)
    [problem] = library.problems
    assert problem.reason.startswith("month not understood")


@pytest.mark.parametrize("month", ["{²}", "{٣}"])
def test_a_month_of_other_digits_than_asciis_is_read_without_failing(month: str) -> None:
    """str.isdigit takes them and int() refuses them: bibtexparser's month step raised."""
    library = read(f"@article{{k, title = {{T}}, year = 2012, month = {month}}}")
    assert [entry.date.year for entry in library.entries if entry.date] == [2012]


@pytest.mark.parametrize(("field", "value"), [("day", "{²}"), ("year", "{²⁰²⁰}")])
def test_other_digits_in_a_day_or_year_do_not_stop_the_library(field: str, value: str) -> None:
    """records.to_int and the year's check took them for numbers, and int() raised."""
    fields = {"year": "2012", "month": "jan", field: value}
    body = ", ".join(f"{key} = {text}" for key, text in fields.items())
    library = read(f"@article{{k, title = {{T}}, {body}}}")
    assert len(library.entries) == 1


@pytest.mark.parametrize(
    ("fields", "date"),
    [
        ("month = sep, day = {first}", Date(2012, 9)),
        ("month = sep, day = {²}", Date(2012, 9)),
        ("month = feb, day = {31}", Date(2012, 2)),  # a day February does not have
        ("day = {12}", Date(2012)),  # a day without a month
    ],
)
def test_a_day_not_understood_keeps_the_rest_of_the_date_and_is_reported(
    fields: str, date: Date
) -> None:
    """A day that is no day of the month was dropped without a word (or kept: 31 February)."""
    library = read(f"@article{{k, title = {{T}}, year = 2012, {fields}}}")
    assert library.entries[0].date == date
    assert any(problem.reason.startswith("day not understood") for problem in library.problems)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@article{k, title = {T}, date = {2012-02-30}}", "library.bib"),
        (
            '[{"id": "k", "type": "book", "title": "T", "issued": {"date-parts": [[2012, 2, 30]]}}]',
            "l.json",
        ),
        ("TY  - JOUR\nTI  - T\nDA  - 2012/02/30/\nER  - \n", "library.ris"),
        ("TY  - JOUR\nTI  - T\nDA  - 2012//12/\nER  - \n", "library.ris"),
    ],
)
def test_a_day_the_month_does_not_have_is_reported_not_kept(text: str, name: str) -> None:
    """``Date`` takes any day up to 31: 30 February was read as a date."""
    library = read(text, name)
    assert [entry.date for entry in library.entries] == [None]
    [problem] = library.problems
    assert problem.reason.startswith("date not understood")


ENDNOTE_DATE = (
    '<xml><records><record><ref-type name="Report">27</ref-type><titles><title>T</title>'
    "</titles><dates><year>2021</year><pub-dates><date>{}</date></pub-dates></dates>"
    "</record></records></xml>"
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (ENDNOTE_DATE.format("31/02/2021"), "library.xml"),  # a day February lacks
        (ENDNOTE_DATE.format("February 31"), "library.xml"),
        (ENDNOTE_DATE.format("first of June"), "library.xml"),
        ("%0 Report\n%T T\n%D 2021\n%8 first of June\n", "library.enw"),
        ("TY  - RPRT\nTI  - T\nPY  - 2021\nDA  - first of June\nER  - \n", "library.ris"),
        ("TY  - RPRT\nTI  - T\nPY  - 2021\nDA  - 2021///online first\nER  - \n", "l.ris"),
    ],
)
def test_a_written_date_not_understood_beside_a_year_is_reported(text: str, name: str) -> None:
    """EndNote's written date (RIS ``DA``, ``%8``) gave way to the year without a word, or
    lost a day its month does not have."""
    library = read(text, name)
    assert [entry.date for entry in library.entries] == [Date(2021)]
    [problem] = library.problems
    assert problem.reason.startswith("date not understood")


# --- NLM abbreviations of a title's first part -------------------------------------------

ADM = "Administration and Policy in Mental Health and Mental Health Services Research"


@pytest.mark.parametrize(
    ("full", "abbreviated", "same"),
    [
        (ADM, "Adm Policy Ment Health", True),  # NLM's title stops at the second "and"
        (ADM, "Adm Policy Ment Health Ment Health Serv Res", True),
        (
            "Journal of Child Psychology and Psychiatry, and Allied Disciplines",
            "J Child Psychol Psychiatry",
            True,
        ),
        # One word after the "and" makes another journal.
        ("International Journal of Mental Health and Addiction", "Int J Ment Health", False),
        ("Journal of Mental Health Policy and Economics", "J Ment Health", False),
        ("Administration in Mental Health", "Adm Policy Ment Health", False),
        # A name written out in full is not an abbreviation.
        (ADM, "Administration and Policy in Mental Health", False),
    ],
)
def test_an_nlm_abbreviation_of_a_titles_first_part_is_the_journal(
    full: str, abbreviated: str, same: bool
) -> None:
    def copy(journal: str) -> peerbrief.Entry:
        return article(container_title=journal, doi=None)

    for work, record in ((full, abbreviated), (abbreviated, full)):
        assert bool(peerbrief.against([copy(work)], [copy(record)]).held) is same


# --- Not a library at all -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>",
        b"\xef\xbb\xbf\n<html lang='en'><body>Session expired</body></html>",
    ],
)
def test_a_web_page_saved_as_a_library_is_named_with_advice(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^library.bib: an HTML page, not a bibliography .*"
                       r"export the library as RIS"):  # fmt: skip
        peerbrief.read_bibliography(data, name="library.bib")


# --- Links ------------------------------------------------------------------------------------

PUBMED = "http://www.ncbi.nlm.nih.gov/pubmed/22812608"
PUBLISHER = "http://bmchealthservres.biomedcentral.com/articles/10.1186/1472-6963-12-205"
PMC = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3464702"


@pytest.mark.parametrize(
    "text",
    [
        f"@article{{J2012, title = {{T}}, year = {{2012}}, url = {{{PUBMED} {PUBLISHER} {PMC}}}}}",
        f"TY  - JOUR\nTI  - T\nPY  - 2012\nUR  - {PUBMED}\nUR  - {PUBLISHER}\nUR  - {PMC}\nER  - \n",
    ],
)
def test_of_several_links_the_first_is_read_and_the_others_reported(text: str) -> None:
    """The first link is the entry's; a further one holding a DOI gives the DOI of a
    record that has none; any other is reported."""
    library = read(text)
    assert (library.entries[0].url, library.entries[0].doi) == (PUBMED, "10.1186/1472-6963-12-205")
    [problem] = library.problems
    assert problem.reason == f"more than one link: the first is read, not {PMC!r}"


def test_web_of_science_braces_around_a_link_are_not_part_of_it() -> None:
    text = "@article{ WOS:1,\nTitle = {{T}},\nYear = {{2012}},\nURL = {{https://example.org/x}},\n}"
    assert read(text).entries[0].url == "https://example.org/x"


# --- Zotero's HTML notes ------------------------------------------------------------------


def test_an_html_note_over_several_lines_is_one_note_as_text() -> None:
    library = read(
        "TY  - JOUR\nTI  - What do peer support workers do?\nPY  - 2012\n"
        'N1  - <div data-schema-version="8"><p>Key paper for <strong>chapter 3</strong></p>\n'
        "<p>See also Byrne &amp; Wang</p>\n</div>\nN1  - Plain note, p < 0.05\nER  - \n"
    )
    assert library.entries[0].access == (
        "Key paper for chapter 3 See also Byrne & Wang; Plain note, p < 0.05"
    )


@given(st.text(alphabet="<>/ap &;\n", max_size=30))
def test_any_note_is_read_without_error(note: str) -> None:
    library = read(f"TY  - JOUR\nTI  - T\nN1  - <p>{note}\nER  - \n")
    assert len(library) == 1


# --- CSL-JSON dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "date"),
    [
        ({"date-parts": [["2012"]], "season": "1"}, Date(2012, season=1)),
        ({"date-parts": [[2012]], "season": 3}, Date(2012, season=3)),
        ("2012", Date(2012)),
        ("March 2012", Date(2012, 3)),
        ({"date-parts": [["2012", "", ""]]}, Date(2012)),
        ({"date-parts": [["2012", "3", ""]]}, Date(2012, 3)),
        ({"raw": "2012-03"}, Date(2012, 3)),
        ({"literal": "Spring 2012"}, Date(2012, season=1)),
    ],
)
def test_csl_dates_as_exporters_write_them(issued: object, date: Date) -> None:
    library = read(json.dumps([{"type": "article-journal", "title": "T", "issued": issued}]))
    assert library.entries[0].date == date
    assert library.problems == ()


@pytest.mark.parametrize(
    "issued",
    ["someday", [2012], {"date-parts": [[2012]], "season": "monsoon"}],
)
def test_a_csl_date_not_understood_is_reported(issued: object) -> None:
    library = read(json.dumps([{"type": "article-journal", "title": "T", "issued": issued}]))
    [problem] = library.problems
    assert problem.reason.startswith("date not understood")


@pytest.mark.parametrize("circa", [True, 1, "1", "true"])
def test_a_circa_csl_date_keeps_its_year_and_reports_it_as_approximate(circa: object) -> None:
    """The model has no approximate date: "circa" was dropped without a word."""
    issued = {"date-parts": [[2019]], "circa": circa}
    library = read(json.dumps([{"type": "book", "title": "T", "issued": issued}]))
    assert [entry.date for entry in library] == [Date(2019)]
    assert [problem.reason for problem in library.problems] == [
        "date is approximate (circa), which is not kept: read as 2019"
    ]


@pytest.mark.parametrize("circa", [False, 0, "", None])
def test_a_csl_date_not_circa_is_read_without_a_word(circa: object) -> None:
    issued = {"date-parts": [[2019, 5]], "circa": circa}
    library = read(json.dumps([{"type": "book", "title": "T", "issued": issued}]))
    assert ([entry.date for entry in library], library.problems) == ([Date(2019, 5)], ())


@pytest.mark.parametrize(
    ("date", "read_as"),
    [
        ("2019~", Date(2019)),
        ("2019?", Date(2019)),
        ("2019-03%", Date(2019, 3)),
        ("2019?/2020~", Date(2019, end=Date(2020))),
    ],
)
def test_an_approximate_or_uncertain_biblatex_date_keeps_its_value_and_is_reported(
    date: str, read_as: Date
) -> None:
    """EDTF's qualifiers (biblatex's ``\\ifdatecirca``, ``\\ifdateuncertain``): ``~`` was
    dropped silently, ``?`` lost the whole date."""
    library = read(f"@book{{k, title = {{T}}, date = {{{date}}}}}")
    assert [entry.date for entry in library] == [read_as]
    assert [problem.reason for problem in library.problems] == [
        f"date {date!r} is approximate or uncertain, which is not kept: read as {read_as}"
    ]


# --- Organisations as authors -----------------------------------------------------------------


def test_an_organisation_as_author_is_read_as_one() -> None:
    ris_text = "TY  - RPRT\nTI  - T\nAU  - Equal Vision,\nAU  - Skipper\nER  - \n"
    assert read(ris_text).entries[0].authors == (
        Person("Equal Vision", organisation=True),
        Person("Skipper"),
    )
    csl = [{"title": "T", "author": [{"literal": "NHS England"}, {"family": "Page"}]}]
    assert read(json.dumps(csl)).entries[0].authors == (
        Person("NHS England", organisation=True),
        Person("Page"),
    )


@pytest.mark.parametrize("fmt", ["ris", "csl-json"])
def test_an_organisation_written_is_read_back_as_one(fmt: str, tmp_path: Path) -> None:
    authors = (Person("NHS England", organisation=True), Person("Skipper"))
    path = tmp_path / f"library.{'json' if fmt == 'csl-json' else fmt}"
    write([article(authors=authors, authors_truncated=False)], path)
    assert peerbrief.read_bibliography(path).entries[0].authors == authors


# --- A publication status ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("%0 Journal Article\n%T T\n%D 2015\n%8 Epub ahead of print\n", "library.enw"),
        ("TY  - JOUR\nTI  - T\nPY  - 2015\nDA  - Epub ahead of print\nER  - \n", "library.ris"),
        (
            '<xml><records><record><ref-type name="Journal Article">17</ref-type><titles><title>T'
            "</title></titles><dates><year>2015</year><pub-dates><date>Epub ahead of print</date>"
            "</pub-dates></dates></record></records></xml>",
            "library.xml",
        ),
        ("@article{k, title = {T}, year = 2015, pubstate = {Epub ahead of print}}", "l.bib"),
        (
            '[{"id": "k", "type": "article-journal", "title": "T", "issued": {"date-parts": '
            '[[2015]]}, "status": "Epub ahead of print"}]',
            "library.json",
        ),
    ],
)
def test_a_publication_status_is_the_entrys_status(text: str, name: str) -> None:
    """EndNote keeps PubMed's "Epub ahead of print" as the written date: it was dropped."""
    library = read(text, name)
    assert [(entry.date, entry.status) for entry in library.entries] == [
        (Date(2015), "Epub ahead of print")
    ]
    assert library.problems == ()


# --- A tag given twice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "reasons"),
    [
        (
            "TY  - JOUR\nTI  - First\nTI  - Second\nVL  - 1\nVL  - 1\nPY  - 2020\nPY  - 2021\n"
            "ER  - \n",
            "library.ris",
            ["TI given twice: only the first is read, not the next ('Second')",
             "PY given twice: only the first is read, not the next ('2021')"],
        ),
        (
            "%0 Journal Article\n%T First\n%T Second\n%V 1\n%V 1\n%D 2020\n%D 2021\n",
            "library.enw",
            ["%T given twice: only the first is read, not the next ('Second')",
             "%D given twice: only the first is read, not the next ('2021')"],
        ),
        (
            "%0 Journal Article\n%T First\n%D 2020\n%U https://a.example/\n%U https://b.example/\n",
            "library.enw",
            ["more than one link: the first is read, not 'https://b.example/'"],
        ),
    ],
)  # fmt: skip
def test_a_tag_read_once_given_again_is_reported(text: str, name: str, reasons: list[str]) -> None:
    """rispy keeps the first of a repeated tag, and so did the Refer reader: the next
    value went without a word (a repeated BibTeX field was already reported)."""
    library = read(text, name)
    assert [(entry.title, entry.date) for entry in library.entries] == [("First", Date(2020))]
    assert [problem.reason for problem in library.problems] == reasons


@pytest.mark.parametrize(
    "parts", [[[2021, 1], [2021, 2, 30]], [[2021, 1], ["soon"]], [[2021, 1], [2021, 3], [2022]]]
)
def test_a_csl_range_end_not_read_keeps_the_start_and_is_reported(
    parts: list[list[object]],
) -> None:
    """An end that is no date (30 February), or a third date, was dropped without a word."""
    item = {"id": "k", "type": "report", "title": "T", "issued": {"date-parts": parts}}
    library = read(json.dumps([item]), "library.json")
    assert [entry.date for entry in library.entries] == [Date(2021, 1)]
    [problem] = library.problems
    assert problem.reason.startswith("date not understood")


@pytest.mark.parametrize("date", ["2021-03/", "2021-03/..", "2021-03/ "])
def test_an_open_ended_biblatex_range_keeps_its_start_and_is_reported(date: str) -> None:
    """The whole date was "not understood", the year lost with it."""
    library = read(f"@article{{k, title = {{T}}, date = {{{date}}}}}")
    assert [entry.date for entry in library.entries] == [Date(2021, 3)]
    [problem] = library.problems
    assert "open-ended" in problem.reason


def test_a_biblatex_subtitle_is_part_of_the_title_and_the_work_is_held(sample: Brief) -> None:
    """biblatex keeps a subtitle apart (``subtitle``); it was dropped unreported, and the
    shortened title held no work of the brief."""
    text = (
        "@report{s, title = {Supported self-management}, subtitle = {Peer support guide},"
        " institution = {NHS England}, date = {2023-09}}"
    )
    library = read(text)
    assert [entry.title for entry in library] == ["Supported self-management: Peer support guide"]
    [held] = peerbrief.against(sample, library).held
    assert held.entry.title == "Supported self-management: peer support guide"
    [asked] = read("@article{k, title = {Why peers?}, subtitle = {A review}}").entries
    assert asked.title == "Why peers? A review"


WEB_PAGE_TITLE = (
    "Peer Support Workers use lived experience to support mental health service users'"
    " recovery in the community"
)


@pytest.mark.parametrize(
    "text",
    [
        f"TY  - ELEC\nTI  - {WEB_PAGE_TITLE}\nT2  - NHS England\nUR  - https://x.org/p\nER  - \n",
        json.dumps(
            [{"type": "webpage", "title": WEB_PAGE_TITLE, "container-title": "NHS England"}]
        ),
    ],
)
def test_a_web_pages_website_is_its_publisher_when_none_is_named(text: str, sample: Brief) -> None:
    """Zotero saves a page of NHS England's site as a web page whose website title is
    "NHS England" (RIS ``T2``, CSL ``container-title``): read as a container, it held
    none of the brief's works, which name the site's owner as publisher."""
    [entry] = read(text)
    assert (entry.publisher, entry.container_title) == ("NHS England", None)
    [held] = peerbrief.against(sample, [entry]).held
    assert held.entry.title == WEB_PAGE_TITLE


def test_zoteros_bibtex_web_page_has_its_website_as_publisher(sample: Brief) -> None:
    """Zotero's BibTeX export writes a web page as ``@misc`` with its website title as
    ``journal`` (its ``publicationTitle``)."""
    text = (
        f"@misc{{nhs, title = {{{WEB_PAGE_TITLE}}}, url = {{https://www.england.nhs.uk/p}},"
        " journal = {NHS England}, urldate = {2024-01-15}}"
    )
    [entry] = read(text)
    assert (entry.publisher, entry.container_title) == ("NHS England", None)
    assert len(peerbrief.against(sample, [entry]).held) == 1


def test_a_web_pages_named_publisher_wins_over_its_website() -> None:
    text = "TY  - ELEC\nTI  - Page\nT2  - Peer Support Hub\nPB  - National Voices\nER  - \n"
    [entry] = read(text)
    assert (entry.publisher, entry.container_title) == ("National Voices", "Peer Support Hub")


# --- Zotero's text-mode symbols --------------------------------------------------------------


def test_zoteros_escaped_html_in_a_bibtex_note_and_title_is_read() -> None:
    """pylatexenc drops \\textless and \\textgreater: a note read "pRead this first/p"."""
    text = (
        "@article{k, title = {{\\textless}i{\\textgreater}Peer{\\textless}/i{\\textgreater} "
        "support {\\textbar} a {\\textquotedbl}guide{\\textquotedbl} {\\textunderscore}1}, "
        "annote = {{\\textless}p{\\textgreater}Read this first{\\textless}/p{\\textgreater}}}"
    )
    [entry] = read(text).entries
    assert entry.title == '<i>Peer</i> support | a "guide" _1'
    assert entry.access == "Read this first"


def test_biblatexs_extended_name_format_is_read() -> None:
    """Better BibLaTeX writes a name with a particle so, beside names written as BibTeX's
    (retorquere/zotero-better-bibtex#3281, #2470): bibtexparser refused a name of three
    commas (the record not read) and read one of two as "Last, Jr, First"."""
    text = (
        "@article{k,\n  title = {Peer Workers},\n  author = {family=Meij, given=Vincent, "
        "prefix=van der, useprefix=true and Guo, Difeng and family=Rehman, given={Naveed "
        'Ur} and "family={Ó Briain}, given-i=L, given=Laura"},\n  date = {2021},\n}\n'
    )
    library = read(text)
    assert library.problems == ()
    assert [(p.family, p.given) for p in library.entries[0].authors] == [
        ("van der Meij", "Vincent"),
        ("Guo", "Difeng"),
        ("Rehman", "Naveed Ur"),
        ("Ó Briain", "Laura"),
    ]


def test_biblatex_quotation_macros_keep_their_quotation_marks() -> None:
    """Better BibLaTeX writes a title's “…” as \\mkbibquote{…} (retorquere/zotero-better-
    bibtex#1573), csquotes users \\enquote{…}: pylatexenc read the words without their
    quotation marks, silently."""
    text = (
        "@article{k,\n  title = {\\mkbibquote{Walking the Tightrope}: {{Peer}} Workers},\n"
        "  note = {Cited as \\enquote{very much evolving}},\n}\n"
    )
    [entry] = read(text).entries
    assert entry.title == "“Walking the Tightrope”: Peer Workers"
    assert entry.access == "Cited as “very much evolving”"


def test_a_csl_variable_as_a_list_or_an_object_is_read_or_reported() -> None:
    """Crossref's JSON writes titles as lists (["…"]): the title was "no title", and a
    journal or DOI of another shape was dropped without a word."""
    item = {"id": "k", "type": "article-journal", "title": ["One title"],
            "container-title": ["J One", "J Two"], "DOI": {"value": "10.1000/x"}}  # fmt: skip
    library = read(json.dumps([item]), "library.json")
    assert [(e.title, e.container_title, e.doi) for e in library.entries] == [
        ("One title", "J One", None)
    ]
    assert [problem.reason for problem in library.problems] == [
        "container-title given 2 times: the first is read, not ['J Two']",
        'DOI not read: {"value": "10.1000/x"}',
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            '[{"id": "a", "type": "report", "title": "T",'
            ' "accessed": {"date-parts": [[2025, 1, 2], [2025, 1, 5]]}}]',
            "library.json",
        ),
        ("@online{a, title = {T}, urldate = {2025-01-02/2025-01-05}}", "library.bib"),
    ],
)
def test_an_access_date_given_as_a_range_is_reported_as_a_range(text: str, name: str) -> None:
    # One day is when a page was read: a range is reported as such in every format.
    library = read(text, name)
    assert [entry.accessed for entry in library.entries] == [None]
    [problem] = library.problems
    assert problem.reason.startswith("access date is a range, not one day: ")
    assert "2025" in problem.reason


# --- BibTeX's macros, concatenations and sorting trick ------------------------------------


@pytest.mark.parametrize(
    ("month", "date"),
    [
        ('apr # "-" # jun', Date(2019, 4, end=Date(2019, 6))),
        ('apr # "--" # jun', Date(2019, 4, end=Date(2019, 6))),
        ('nov # "~1"', Date(2019, 11, 1)),
        ('"1~" # nov', Date(2019, 11, 1)),
        ("{Spring} # { }", Date(2019, season=1)),
    ],
)
def test_a_month_joined_by_concatenation_is_read_as_bibtex_prints_it(
    month: str, date: Date
) -> None:
    """bibtexparser 2.1 leaves a "#" expression as written (the month not understood)."""
    library = read(f"@article{{k, title = {{T}}, year = 2019, month = {month}}}")
    assert (library.entries[0].date, library.problems) == (date, ())


MACROS = """@STRING(ijmhn = "International Journal of " # "Mental Health Nursing")
@string{IJ = ijmhn}
@article{k, title = {T}, year = 2019, journal = Ij # " Supplement", publisher = ijmhn}
"""


def test_string_macros_and_their_concatenations_resolve_as_bibtex_does() -> None:
    """A definition may use an earlier one; names in any case; a concatenation of a
    macro and text (bibtexparser 2.1 read the journal as ``Ij # " Supplement"``)."""
    library = read(MACROS)
    [entry] = library.entries
    assert entry.container_title == "International Journal of Mental Health Nursing Supplement"
    assert (entry.publisher, library.problems) == (
        "International Journal of Mental Health Nursing",
        (),
    )


@pytest.mark.parametrize("journal", ["ieeepami", 'ieeepami # " (Suppl)"'])
def test_a_macro_no_string_defines_is_read_as_its_name_and_reported(journal: str) -> None:
    library = read(f"@article{{k, title = {{T}}, year = 2019, journal = {journal}}}")
    assert library.entries[0].container_title == journal.replace(' # " (Suppl)"', " (Suppl)")
    [problem] = library.problems
    assert (
        problem.reason == "journal: @string 'ieeepami' is not defined in the file; read as its name"
    )


def test_macros_doubling_their_length_are_reported_beyond_the_cap() -> None:
    """Each ``@string`` twice the one before: 2^60 characters, were they expanded."""
    strings = "\n".join(f"@string{{s{n + 1} = s{n} # s{n}}}" for n in range(60))
    library = read(f"@string{{s0 = {{ab}}}}\n{strings}\n@misc{{k, title = {{T}}, note = s60}}")
    assert library.entries[0].access is None
    [problem] = library.problems
    assert problem.reason == "note: not read: its macros make more than 100,000 characters"


@pytest.mark.parametrize(
    "preamble",
    [
        "",
        r'@preamble{"\newcommand{\noopsort}[1]{}"}',
        r'@preamble{"\providecommand*{\SortKey}[1]{ }"}',
        r'@preamble{"\def\SortKey#1{}"}',
    ],
)
def test_a_sorting_macro_prints_nothing(preamble: str) -> None:
    """``{\noopsort{a}}The title`` sorts the entry under "a" and prints "The title"; so
    does a macro ``@preamble`` defines as printing nothing under another name."""
    macro = "SortKey" if "SortKey" in preamble else "noopsort"
    library = read(f"{preamble}\n@misc{{k, title = {{{{\\{macro}{{0001}}}}The title}}}}")
    assert (library.entries[0].title, library.problems) == ("The title", ())


def test_bibdesks_link_is_read_and_its_file_alias_passed_over() -> None:
    library = read(
        "@article{Gaiser:2021aa,\n\ttitle = {T},\n\tbdsk-file-1 = {YnBsaXN0MDDSAQIDBFxy},"
        "\n\tbdsk-url-1 = {https://example.org/a_b?x=1%20},\n\tbdsk-url-2 = {https://doi.org/10.1/x}}"
    )
    assert (library.entries[0].url, library.problems) == ("https://example.org/a_b?x=1%20", ())


@pytest.mark.parametrize(
    ("item", "doi", "note"),
    [
        ({"note": "tex.ids: W1\nDOI: 10.1000/a.1"}, "10.1000/a.1", "tex.ids: W1"),
        ({"note": "DOI: 10.1000/a.1", "DOI": "10.1000/b.2"}, "10.1000/b.2", "DOI: 10.1000/a.1"),
        ({"note": "DOI: pending"}, None, "DOI: pending"),
    ],
)
def test_a_csl_notes_doi_line_is_the_doi_when_none_is_given(
    item: dict[str, str], doi: str | None, note: str
) -> None:
    """Zotero keeps a report's DOI in Extra (``DOI: 10.…``), which its CSL JSON writes as
    ``note``."""
    library = read(json.dumps([{"type": "report", "title": "T", **item}]))
    [entry] = library.entries
    assert (entry.doi, entry.access) == (doi, note)


def test_a_csl_date_that_is_a_status_is_the_status() -> None:
    """``{"literal": "in press"}``, as the other readers read a date that is a status."""
    library = read(
        json.dumps([{"type": "article-journal", "title": "T", "issued": {"literal": "in press"}}])
    )
    [entry] = library.entries
    assert (entry.date, entry.status, library.problems) == (None, "in press", ())


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        ("2019-04-15T00:00:00Z", Date(2019, 4, 15)),
        ("2019-04-15T23:30:00+01:00", Date(2019, 4, 15)),
        ("2019-04-15 10:11", Date(2019, 4, 15)),
    ],
)
def test_a_csl_raw_date_with_its_time_is_its_day(raw: str, date: Date) -> None:
    """An ISO date-time (an API's timestamp copied into ``raw``) was a date not
    understood, its year lost."""
    library = read(json.dumps([{"type": "report", "title": "T", "issued": {"raw": raw}}]))
    assert (library.entries[0].date, library.problems) == (date, ())


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.times(),
    st.sampled_from(["Z", "+01:00", "-0500", ""]),
)
def test_any_iso_date_time_in_csl_is_its_day(
    day: datetime.date, time: datetime.time, zone: str
) -> None:
    stamp = f"{day.isoformat()}T{time.isoformat()}{zone}"
    library = read(json.dumps([{"type": "report", "title": "T", "issued": {"raw": stamp}}]))
    expected = Date(day.year, day.month, day.day)
    assert (library.entries[0].date, library.problems) == (expected, ())


def test_citeproc_js_braced_doi_in_a_csl_note_is_the_doi() -> None:
    """citeproc-js's older form of an Extra field's variable, ``{:DOI: 10.…}``, stayed in
    the note and the record had no DOI."""
    item = {"type": "report", "title": "T", "note": "Read {:DOI: 10.1000/xyz.1} {:PMID: 12}"}
    [entry] = read(json.dumps([item])).entries
    assert (entry.doi, entry.access) == ("10.1000/xyz.1", "Read {:PMID: 12}")


def test_a_bare_crossref_key_is_no_undefined_macro() -> None:
    """``crossref = parent``, unbraced, is read as the key; it was also reported as an
    @string not defined in the file."""
    library = read(
        "@inproceedings{child, title = {T}, crossref = parent, pages = {1--10}}\n"
        "@proceedings{parent, title = {Proceedings}, year = {2019}, publisher = {NHS}}"
    )
    assert (library.entries[0].container_title, library.problems) == ("Proceedings", ())
    missing = read("@inproceedings{child, title = {T}, crossref = nope}")
    assert [problem.reason for problem in missing.problems] == [
        "crossref 'nope': no entry of that key in the file; nothing inherited"
    ]


@pytest.mark.parametrize(
    ("links", "doi", "unread"),
    [
        ("http://a.org/1 https://doi.org/10.1000/x.1", "10.1000/x.1", None),
        (
            "http://a.org/1 https://doi.org/10.1000/x.1 http://b.org/2",
            "10.1000/x.1",
            "http://b.org/2",
        ),
        ("http://a.org/1 http://b.org/2", None, "http://b.org/2"),
    ],
)
def test_a_further_link_holding_a_doi_is_the_doi(
    links: str, doi: str | None, unread: str | None
) -> None:
    """Mendeley writes every link of a record into ``url``, the DOI's among them: that one
    is the DOI of a record giving none (it was reported as a link not read); any other
    is still reported."""
    library = read(f"@article{{k, title = {{T}}, journal = {{J}}, year = 2020, url = {{{links}}}}}")
    [entry] = library.entries
    assert (entry.url, entry.doi) == ("http://a.org/1", doi)
    reasons = [problem.reason for problem in library.problems]
    assert reasons == ([f"more than one link: the first is read, not {unread!r}"] if unread else [])


def test_a_biblatex_eprint_of_type_doi_is_the_doi() -> None:
    """``eprint = {10.…}, eprinttype = {doi}`` was passed over silently."""
    text = "@article{k, title = {T}, eprint = {10.1007/s1-2}, eprinttype = {doi}, date = {2016}}"
    assert read(text).entries[0].doi == "10.1007/s1-2"
    pubmed = "@article{k, title = {T}, eprint = {23705767}, eprinttype = {pmid}, doi = {10.1000/a}}"
    assert read(pubmed).entries[0].doi == "10.1000/a"


@pytest.mark.parametrize(
    ("doi", "reported"),
    [
        ("10.1000/other", True),  # another DOI: the record's stays, the eprint is reported
        ("https://doi.org/10.1007/S1-2", False),  # the same DOI, as a link, in capitals
    ],
)
def test_a_biblatex_eprint_doi_beside_another_doi_is_reported(doi: str, reported: bool) -> None:
    """An eprint DOI beside a ``doi`` field giving another was dropped silently."""
    text = f"@article{{k, title = {{T}}, eprint = {{10.1007/s1-2}}, eprinttype = {{doi}}, doi = {{{doi}}}}}"
    library = read(text)
    assert library.entries[0].doi == doi.removeprefix("https://doi.org/")
    expected = ["eprint not read: the doi field gives another ('10.1007/s1-2')"]
    assert [problem.reason for problem in library.problems] == (expected if reported else [])


def test_biblatex_addendum_is_read_as_a_note() -> None:
    """biblatex's ``addendum`` (JabRef's biblatex mode offers it) was passed over silently."""
    text = "@online{k, title = {T}, addendum = {Accessed via the NHS Knowledge Hub}}"
    assert read(text).entries[0].access == "Accessed via the NHS Knowledge Hub"


def test_zotero_web_apis_csl_json_wrapper_is_read() -> None:
    """Zotero's web API (``format=csljson``) wraps its items as ``{"items": […]}``
    (zotero/dataserver#119); the file was read as one item with no title."""
    item = {"id": "1/AB", "type": "report", "title": "T", "issued": {"date-parts": [[2020]]}}
    library = read(json.dumps({"items": [item, {**item, "title": "U"}]}))
    assert ([entry.title for entry in library], library.problems) == (["T", "U"], ())
    lone = read(json.dumps({"type": "report", "title": "Items", "items": ["x"]}))
    assert [entry.title for entry in lone] == ["Items"]  # an item with an "items" variable
