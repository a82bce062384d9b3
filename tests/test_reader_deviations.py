"""A brief that deviates from the template loses nothing silently: every labelled value is
read or kept as written and reported; labels are metadata wherever they stand."""

from __future__ import annotations

from pathlib import Path

import pytest

import peerbrief
from peerbrief import Date, Kind, Pages, Person, Reason, Section
from peerbrief.cli import main
from peerbrief.writers import render


def _one(text: str) -> tuple[peerbrief.Entry, peerbrief.Brief]:
    brief = peerbrief.parse(text, dedupe=False)
    (entry,) = brief.entries
    return entry, brief


def _reasons(brief: peerbrief.Brief) -> dict[str, Reason]:
    return {item.text: item.reason for item in brief.report}


# --- failures are values ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "field", "raw"),
    [
        ("Publication date: forthcoming", "date", "forthcoming"),
        ("Publication date: 2020 or 2021", "date", "2020 or 2021"),
        ("Date: sometime last spring", "date", "sometime last spring"),
        ("Author(s): 1234", "authors", "1234"),
        ("Item Type: Patent", "kind", "Patent"),
        ("DOI: not available", "doi", "not available"),
        ("Pages: many", "pages", "many"),
    ],
)
def test_a_value_not_understood_is_kept_and_reported(line: str, field: str, raw: str) -> None:
    text = f"[A paper](#)\n\nSource: Journal of Things 3(2)\n\n{line}\n\nAn abstract.\n"
    entry, brief = _one(text)
    assert entry.unparsed == {field: raw}
    (item,) = brief.unexplained
    assert (item.line, item.reason, item.text) == (5, Reason.VALUE_NOT_UNDERSTOOD, line)
    assert 5 not in entry.provenance[0].lines  # reported, so not counted as used too
    assert (entry.container_title, entry.volume, entry.abstract) == (
        "Journal of Things",
        "3",
        "An abstract.",
    )


@pytest.mark.parametrize(
    "line",
    [
        "Source: Journal of Things 3(2) pp. 12 to 15",
        # Page numbers the grammar could not place are no journal's name.
        "Publication Details: Journal of Things, 3, (2) pp.12-15 of 40:",
        "Journal: Journal of Things pp. 12-15, 3 extra",
        # Pages in roman numerals after "pp." are still pages, not a journal's name.
        "Source: Journal of Things 3(2), pp. iv-x",
        # pdfminer's text of a justified PDF set the journal, its numbers and the comma
        # elsewhere: the name left before the country's colon may be either.
        "Publication Details: Australia:",
    ],
)
def test_a_source_whose_numbers_cannot_be_read_is_reported_not_half_read(line: str) -> None:
    entry, brief = _one(f"[A paper](#)\n\n{line}\n\nAn abstract.\n")
    assert entry.unparsed == {"source": line.partition(": ")[2]}
    assert (entry.container_title, entry.volume, entry.publisher) == (None, None, None)
    (item,) = brief.unexplained
    assert (item.line, item.reason) == (3, Reason.VALUE_NOT_UNDERSTOOD)


@pytest.mark.parametrize(
    "second", ["Publication Details: Other, 5, (1) pp.1-2.", "Journal: Other 5(1)"]
)
def test_a_second_source_under_another_label_is_reported_not_put_in_place_of_the_first(
    second: str,
) -> None:
    text = f"[A paper](#)\n\nSource: Journal of Things 3(2)\n\n{second}\n\nAn abstract.\n"
    entry, brief = _one(text)
    assert (entry.container_title, entry.volume) == ("Journal of Things", "3")
    (item,) = brief.unexplained
    assert (item.line, item.reason, item.text) == (5, Reason.UNEXPLAINED, second)


@pytest.mark.parametrize("after", ["(video)", "(2 MB)", "[Updated]", "*PDF*", "- a guide"])
def test_text_after_a_title_that_is_no_access_note_is_kept_and_reported(after: str) -> None:
    """The format puts an access note after a title's link, or nothing: other text there
    was kept as the access note (written to RIS N1, BibTeX annote) and never reported."""
    entry, brief = _one(f"[A report](#) {after}\nSource: NHS England\nPublication date: 2021\n")
    assert entry.access is None
    assert entry.unparsed == {"access": after.strip("*")}
    (item,) = brief.unexplained
    assert (item.line, item.reason, item.text) == (1, Reason.TEXT_AFTER_TITLE, after.strip("*"))
    assert item.reason.is_removal  # (the title line is used: accounted for once)
    assert 1 in entry.provenance[0].lines  # the title line is still used
    assert (entry.title, entry.publisher) == ("A report", "NHS England")


def test_a_link_opening_a_sentence_of_prose_is_no_reference() -> None:
    """A converter's link over a sentence's first words (pymupdf4llm): what follows it on
    the line is a sentence of its own, capitalised (``(NDL) SharePoint …``), so the
    paragraph is prose, no reference with that sentence as its access note. A short
    note after a title without labels (``(PDF, 2 MB)``) still leaves a reference."""
    prose = (
        "[Staff can look at the National Data Warehouse](https://example.org/x) (NDL) "
        "SharePoint site to find out more about datasets and products.\n\n"
        "[A report](#) (PDF, 2 MB)\n"
    )
    brief = peerbrief.parse(f"Evidence Brief: X\n\nStatistics\n\n{prose}", dedupe=False)
    assert [entry.title for entry in brief.entries] == ["A report"]
    assert [item.reason for item in brief.report if item.line == 5] == [Reason.SECTION_PROSE]
    assert [(item.line, item.reason) for item in brief.report[-1:]] == [(7, Reason.MEDIUM)]


@pytest.mark.parametrize(
    ("title_line", "medium"),
    [
        ("[A report](https://example.org/r) [Internet]", "[Internet]"),
        ("[A report](https://example.org/r) [Online].", "[Online]"),
        ("[A report](https://example.org/r) (PDF, 2 MB)", "(PDF, 2 MB)"),
        ("[A report](https://example.org/r) [pdf 345KB]", "[pdf 345KB]"),
        ("[A report [electronic resource]](https://example.org/r)", "[electronic resource]"),
        ("[A report](https://example.org/r) [Internet] [cited 2025 Jan 2]", "[Internet]"),
        # A title that lost its link, as NLM writes it: the label before the address too.
        ("A report [Internet]. Available from: https://example.org/r", "[Internet]"),
        ("A report [Internet] https://example.org/r", "[Internet]"),
    ],
)
def test_a_medium_after_a_title_is_no_part_of_it_and_is_reported(
    title_line: str, medium: str
) -> None:
    """NLM's ``[Internet]``, Harvard's ``[Online]``, a web page's ``(PDF, 2 MB)``: the
    medium the work is in, which no field holds. It was the title's last words (a title
    that lost its link) or text after the title that failed a check."""
    text = f"{title_line}\nSource: NHS England\nPublication date: 2021\n\nAn abstract.\n"
    entry, brief = _one(text)
    assert (entry.title, entry.url, entry.publisher) == (
        "A report",
        "https://example.org/r",
        "NHS England",
    )
    assert (entry.access, entry.unparsed) == (None, {})
    assert brief.unexplained == ()
    (item,) = (item for item in brief.report if item.reason is Reason.MEDIUM)
    assert (item.line, item.text, item.reason.is_removal) == (1, medium, True)
    assert 1 in entry.provenance[0].lines


@pytest.mark.parametrize(
    ("title_line", "next_line", "note"),
    [
        ("[A paper](#) Abstract only*", "", "Abstract only"),
        ("[A paper](#) Full text available with NHS", "OpenAthens account*",
         "Full text available with NHS OpenAthens account"),
    ],
)  # fmt: skip
def test_an_access_note_after_a_title_is_still_the_note(
    title_line: str, next_line: str, note: str
) -> None:
    entry, brief = _one(f"{title_line}\n\n{next_line}\n\nSource: Journal of Things 3(2)\n")
    assert (entry.access, entry.unparsed, brief.unexplained) == (note, {}, ())


def test_an_unknown_item_type_falls_back_to_the_evidence() -> None:
    entry, _ = _one("[A paper](#)\nItem Type: Patent\nSource: Journal of Things 3(2)\n")
    assert entry.kind is Kind.JOURNAL_ARTICLE
    assert entry.unparsed == {"kind": "Patent"}


def test_an_empty_label_carries_nothing_to_lose() -> None:
    entry, brief = _one("[A report](#)\nAuthor(s):\nSource: NHS England\n")
    assert entry.authors == ()
    assert entry.unparsed == {}
    assert brief.unexplained == ()


def test_check_lists_a_value_not_understood_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Evidence Brief: X\n\n[A](#)\n\nSource: NHS England\n\nDate: forthcoming\n")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "report lines unexplained    1" in out
    assert "line 7: value not understood: Date: forthcoming" in out


# --- labels wherever they stand ------------------------------------------------------


SAMPLE_STYLE = """\
[Peer workers in teams](#)

Author(s): Otte et al.

Source: The International Journal of Social Psychiatry 66(3)

{stray}Publication date: March 2015

Background: the first sentence. Methods: a survey.

Results: more.
"""


@pytest.mark.parametrize(
    "stray",
    [
        "Free to read online here\n\n",
        "This paper was suggested by a colleague.\n\n",
        "2015 (see note)\n\n",
    ],
)
def test_a_stray_line_between_labels_is_reported_and_the_label_kept(stray: str) -> None:
    entry, brief = _one(SAMPLE_STYLE.format(stray=stray))
    assert entry.date == Date(2015, 3)
    assert entry.authors == (Person("Otte"),)
    assert entry.abstract == "Background: the first sentence. Methods: a survey. Results: more."
    assert _reasons(brief) == {stray.strip(): Reason.UNEXPLAINED}


def test_a_stray_access_note_or_link_between_labels_is_kept() -> None:
    text = SAMPLE_STYLE.format(stray="Full text available via OpenAthens account*\n\n")
    entry, brief = _one(text)
    assert entry.access == "Full text available via OpenAthens account"
    assert brief.report == ()
    text = SAMPLE_STYLE.format(stray="https://doi.org/10.1177/0020764020904764\n\n")
    entry, brief = _one(text)
    assert (entry.url, entry.doi) == (
        "https://doi.org/10.1177/0020764020904764",
        "10.1177/0020764020904764",
    )
    assert entry.date == Date(2015, 3)
    assert brief.report == ()


def test_a_label_after_the_abstract_is_still_metadata() -> None:
    text = (
        "[A report](#)\nSource: NHS England\nA first paragraph.\nPublished: 2019\nThe abstract.\n"
    )
    entry, brief = _one(text)
    assert entry.date == Date(2019)
    assert entry.publisher == "NHS England"
    assert entry.abstract == "The abstract."
    assert _reasons(brief) == {"A first paragraph.": Reason.UNEXPLAINED}


def test_a_dash_inside_a_word_ends_no_label() -> None:
    # Only a dash set apart by spaces stands for the colon: "Date-stamped …" is prose.
    entry, brief = _one("[A work](#)\nSource: Journal of Things\nDate-stamped records were read.\n")
    assert (entry.date, entry.abstract) == (None, "Date-stamped records were read.")
    assert brief.report == ()


def test_abstract_sub_headings_and_labels_inside_prose_stay_abstract() -> None:
    text = (
        "[A paper](#)\nAuthor(s): Otte et al.\nSource: Journal of Things 3(2)\n"
        "AIM: to see. Background: none.\n"
        "The data came from the Source: field of the survey, dated Date: unknown.\n"
        "Conclusions: done.\n"
    )
    entry, brief = _one(text)
    assert entry.abstract is not None
    assert entry.abstract.startswith("AIM: to see.")
    assert "Source: field" in entry.abstract
    assert entry.abstract.endswith("Conclusions: done.")
    assert brief.report == ()


def test_an_explicit_abstract_label_opens_the_abstract_before_later_labels() -> None:
    text = (
        "[A paper](#)\nAuthor: Smith, Ann\nAbstract: It starts here.\nand goes on.\n"
        "Publication Details: Journal of Things, 3, (2) pp.1-9. , Ireland:\n"
    )
    entry, brief = _one(text)
    assert entry.abstract == "It starts here. and goes on."
    assert (entry.container_title, entry.pages, entry.place) == (
        "Journal of Things",
        Pages("1", "9"),
        "Ireland",
    )
    assert brief.report == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 2019", ("date", Date(2019))),
        ("Date: March 2015", ("date", Date(2015, 3))),
        ("Date of publication: Spring 2018", ("date", Date(2018, season=1))),
        (
            "Authors: Smith, Ann and Jones, Bo",
            ("authors", (Person("Smith", "Ann"), Person("Jones", "Bo"))),
        ),
        ("Author (s): Smith et al.", ("authors", (Person("Smith"),))),
        ("**Published by:** Skills for Care", ("publisher", "Skills for Care")),
        ("Place of publication: Leeds", ("place", "Leeds")),
        ("Link: https://example.org/a", ("url", "https://example.org/a")),
        ("Volume: 12", ("volume", "12")),
        ("Issue: 3", ("issue", "3")),
        ("Pages: 45-7", ("pages", Pages("45", "47"))),
        ("Type: Report", ("kind", Kind.REPORT)),
        ("Publication date – March 2015", ("date", Date(2015, 3))),
        ("Published - 2019", ("date", Date(2019))),
        ("Place of publication — Leeds", ("place", "Leeds")),
        ("Place of publication：Leeds", ("place", "Leeds")),
    ],
)
def test_label_variants(line: str, expected: tuple[str, object]) -> None:
    entry, brief = _one(f"[A work](#)\nSource: Journal of Things\n{line}\n")
    name, value = expected
    assert getattr(entry, name) == value
    assert brief.report == ()


# --- sources ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fields"),
    [
        ("Primary Care Research 22 e45", ("Primary Care Research", "22", None, Pages("e45"))),
        ("BMJ Open 13:e068123", ("BMJ Open", "13", None, Pages("e068123"))),
        ("Journal of Things 9 (1) e12", ("Journal of Things", "9", "1", Pages("e12"))),
        ("J Ment Health. 2020;12(3):45-67", ("J Ment Health", "12", "3", Pages("45", "67"))),
        ("Nurse Educ Today 2019 Mar;74:1-7", ("Nurse Educ Today", "74", None, Pages("1", "7"))),
        (
            "Journal of Things, vol. 12, no. 3, pp. 45–67",
            ("Journal of Things", "12", "3", Pages("45", "67")),
        ),
    ],
)
def test_journal_source_forms(source: str, fields: tuple[object, ...]) -> None:
    entry, brief = _one(f"[A paper](#)\nSource: {source}\n")
    assert (entry.container_title, entry.volume, entry.issue, entry.pages) == fields
    assert entry.kind is Kind.JOURNAL_ARTICLE
    assert brief.report == ()


def test_a_vancouver_source_gives_the_date_unless_the_brief_does() -> None:
    entry, _ = _one("[A paper](#)\nSource: Nurse Educ Today 2019 Mar;74:1-7\n")
    assert entry.date == Date(2019, 3)
    assert entry.provenance[0].fields["date"] == (2,)
    text = "[A paper](#)\nSource: Nurse Educ Today 2019 Mar;74:1-7\nPublication date: 2018\n"
    entry, _ = _one(text)
    assert entry.date == Date(2018)


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("Journal of Things. Epub ahead of print", "Epub ahead of print"),
        ("Journal of Things 12(3) [Epub ahead of print]", "Epub ahead of print"),
        ("Journal of Things, In press", "In press"),
        ("Journal of Things (forthcoming)", "forthcoming"),
    ],
)
def test_a_publication_status_in_a_source(source: str, status: str) -> None:
    entry, brief = _one(f"[A paper](#)\nSource: {source}\n")
    assert entry.container_title == "Journal of Things"
    assert entry.status == status
    assert brief.report == ()


def test_an_organisation_and_a_year_is_a_publisher_and_a_date() -> None:
    entry, _ = _one("[A report](#)\nSource: NHS England 2019\n")
    assert (entry.publisher, entry.date, entry.volume, entry.kind) == (
        "NHS England",
        Date(2019),
        None,
        Kind.REPORT,
    )


# --- people and organisations --------------------------------------------------------


def test_the_reader_decides_organisation_or_person_once() -> None:
    entry, _ = _one(
        "[A paper](#)\nAuthor(s): Smith, John and England, Mary\nSource: Journal of Things\n"
    )
    assert entry.authors == (Person("Smith", "John"), Person("England", "Mary"))
    entry, _ = _one("[A paper](#)\nAuthor(s): van der Berg et al.\nSource: Journal of Things\n")
    assert entry.authors == (Person("van der Berg"),)
    assert not entry.authors[0].organisation
    entry, _ = _one("[A report](#)\nAuthor: Public Health England\nSource: NHS England\n")
    assert entry.authors == (Person("Public Health England", organisation=True),)


def test_writers_follow_the_readers_decision() -> None:
    entry, _ = _one(
        "[A paper](#)\nAuthor(s): van der Berg, Jan and Public Health England and Church\n"
        "Source: Journal of Things 3(2)\nPublication date: 2020\n"
    )
    csl = render([entry], "csl-json")
    assert '"family": "van der Berg"' in csl
    assert '"literal": "Public Health England"' in csl
    assert '"family": "Church"' in csl


# --- what the whole brief says ---------------------------------------------------------


def test_a_name_the_brief_gives_with_numbers_elsewhere_is_a_journal() -> None:
    # "Human Resources for Health" reads like a body ("… for …"); the brief also gives it
    # a volume and issue, so alone it names the journal too.
    two = (
        "[A paper](#)\nAuthor(s): Otte\nSource: Human Resources for Health 12(3)\n\n"
        "[Another paper](#)\nAuthor(s): Byrne\nSource: Human Resources for Health\n"
    )
    _first, second = peerbrief.parse(two, dedupe=False).entries
    assert (second.kind, second.container_title, second.publisher) == (
        Kind.JOURNAL_ARTICLE,
        "Human Resources for Health",
        None,
    )
    alone, _ = _one("[Another paper](#)\nAuthor(s): Byrne\nSource: Human Resources for Health\n")
    assert (alone.kind, alone.publisher) == (Kind.REPORT, "Human Resources for Health")


def test_a_family_name_the_brief_states_elsewhere_splits_a_given_first_name() -> None:
    two = (
        "[A paper](#)\nAuthor: Bankovska Motlova, Lucie and Chen, Li\nSource: Journal 1(2)\n\n"
        "[Another paper](#)\nAuthor(s): Lucie Bankovska Motlova\nSource: Journal 3(4)\n"
    )
    _first, second = peerbrief.parse(two, dedupe=False).entries
    assert second.authors == (Person("Bankovska Motlova", "Lucie"),)


# --- a value that ran on into the text after it ----------------------------------------


@pytest.mark.parametrize(
    ("value", "fields"),
    [
        (
            "Journal: Primary Health Care 32(7), pp. 834-852",
            {"container_title": "Primary Health Care", "volume": "32", "issue": "7"},
        ),
        (
            "Source: Nurse Education Today 120 pp. 105-9",
            {"container_title": "Nurse Education Today", "volume": "120"},
        ),
        ("Publication date: May 2020", {"date": Date(2020, 5)}),
    ],
)
def test_a_value_that_ran_on_into_the_abstract_is_read_apart(
    value: str, fields: dict[str, object]
) -> None:
    # A page break or a full line of a PDF's text joined the abstract to its label's line.
    abstract = "Semi-structured interviews were held with 24 staff in 3 trusts."
    entry, brief = _one(f"[A paper](#)\nAuthor(s): Otte et al.\n{value} {abstract}\n")
    assert {name: getattr(entry, name) for name in fields} == fields
    assert entry.abstract == abstract
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    "value", ["2021 Jun. Epub 2021 May 12", "2019 Winter. Published online 2019 Nov 3"]
)
def test_a_date_that_goes_on_with_another_is_no_run_on(value: str) -> None:
    """PubMed's print date then its online date: the words after the year are more of a
    date, not the abstract; the value, not read whole, is reported, never cut silently."""
    entry, brief = _one(f"[A paper](#)\nPublication date: {value}\nAn abstract.\n")
    assert (entry.date, entry.abstract, entry.unparsed["date"]) == (None, "An abstract.", value)
    assert [item.reason for item in brief.unexplained] == [Reason.VALUE_NOT_UNDERSTOOD]


def test_a_source_with_a_supplement_after_its_numbers_is_no_run_on() -> None:
    entry, _ = _one("[A paper](#)\nSource: Journal of Things 54(6) Supplement 3\n")
    assert (entry.volume, entry.issue, entry.abstract) == ("54", "6 Supplement 3", None)


def test_a_repeated_title_ending_in_a_quote_is_the_artifact() -> None:
    title = 'Barriers to retention: "we just get on with it"'
    brief = peerbrief.parse(
        f"Case Studies\n\n{title}\n\n[{title}](#)\n\nAuthor(s): Otte et al.\nSource: Journal 1(2)\n",
        dedupe=False,
    )
    (entry,) = brief.entries
    assert entry.title == title
    assert _reasons(brief)[title] is Reason.TITLE_ARTIFACT


def test_a_repeated_title_shaped_like_a_heading_is_the_artifact_not_a_section() -> None:
    """Without an access note or closing punctuation, the repeated line looks like an
    unlisted heading: it must neither open a section nor take the reference's title."""
    title = "Workplace supervision for trainees"
    brief = peerbrief.parse(
        "Contents\n\nPublished Peer Reviewed Research\t3\nTraining\t3\n\n"
        f"Published Peer Reviewed Research\n\nTraining\n\n{title}\n\n[{title}](#)\n\n"
        "Source: Health Education England\n\nPublication date: 2020\n",
        dedupe=False,
    )
    (entry,) = brief.entries
    assert entry.title == title
    assert [(s.top, s.sub) for s in entry.sections] == [
        ("Published Peer Reviewed Research", "Training")
    ]
    assert _reasons(brief)[title] is Reason.TITLE_ARTIFACT


def test_an_unlisted_heading_before_a_repeated_title_opens_its_section() -> None:
    """Where the Contents does not list a heading (a copy that mangled it), the heading is
    recognised by the title after it; the export's plain copy of that title in between
    belongs to neither and does not hide it: the heading is no abstract's last words."""
    title = "Preceptorship and retention: a national evaluation"
    brief = peerbrief.parse(
        "Published Peer Reviewed Research\n\nFlexible working\n\n[Self-rostering](#)\n\n"
        "Author(s): Patel et al.\n\nSource: Nursing Management 27(6)\n\n"
        "Rotas were set by the nurses themselves.\n\n"
        f"Early career nurses\n\n{title} Abstract only*\n\n[{title}](#) Abstract only*\n\n"
        "Author(s): Whitehead et al.\n\nSource: Nurse Education Today 110\n",
        dedupe=False,
    )
    first, second = brief.entries
    assert first.abstract == "Rotas were set by the nurses themselves."
    assert second.sections == (Section("Published Peer Reviewed Research", "Early career nurses"),)
    assert _reasons(brief)["Early career nurses"] is Reason.HEADING
    assert _reasons(brief)[f"{title} Abstract only*"] is Reason.TITLE_ARTIFACT


_EDITED = (
    "Contents\n\nPublished Peer Reviewed Research\t3\nRetention\t4\n{listed}\n"
    "Published Peer Reviewed Research\n\nRetention\n\n[A first paper on things](#)\n\n"
    "Author(s): Smith et al.\n\nSource: BMJ Open 12(3)\n\nPublication date: 2022\n\n"
    "First abstract.\n\n{line}\n\n[A second paper on things](#)\n\n"
    "Author(s): Jones et al.\n\nSource: BMJ Open 13(3)\n\nPublication date: 2023\n\n"
    "Second abstract.\n"
)


@pytest.mark.parametrize(
    "mark", ["NEW", "TBC", "Added March 2024", "UPDATED", "**Updated 12/03/2024**"]
)
def test_an_editor_s_mark_between_references_is_no_heading(mark: str) -> None:
    """A mark someone editing the list put on a line of its own between two references:
    shaped as a heading the Contents does not list, it named a sub-section of its own, the
    works after it were tagged with it and the check passed. It is not understood."""
    brief = peerbrief.parse(_EDITED.format(listed="", line=mark), dedupe=False)
    retention = Section("Published Peer Reviewed Research", "Retention")
    assert [entry.sections for entry in brief.entries] == [(retention,), (retention,)]
    assert [entry.abstract for entry in brief.entries] == ["First abstract.", "Second abstract."]
    assert [(item.text, item.reason) for item in brief.unexplained] == [(mark, Reason.UNEXPLAINED)]


@pytest.mark.parametrize(
    ("listed", "line"), [("", "Workforce planning"), ("Updated\t5\n", "Updated")]
)
def test_a_heading_the_contents_lacks_or_lists_still_opens_its_section(
    listed: str, line: str
) -> None:
    """A heading is no editor's mark: one the Contents lacks (a few capitalised words
    after a paragraph, before a title), or one it lists, opens its section."""
    brief = peerbrief.parse(_EDITED.format(listed=listed, line=line), dedupe=False)
    assert brief.entries[1].sections == (Section("Published Peer Reviewed Research", line),)
    assert brief.unexplained == ()


def test_emphasis_broken_over_two_lines_of_a_wrapped_abstract_goes() -> None:
    """A copy wrapped by hand may break a paragraph inside ``*…*``: the markup still goes."""
    entry, _ = _one(
        "[A paper](#)\n\nSource: Journal of Things 3(2)\n\n"
        "Nurses with *caring\nresponsibilities* and **night\nshifts** stayed.\n"
    )
    assert entry.abstract == "Nurses with caring responsibilities and night shifts stayed."


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("URL: https://example.org/articles/s12875-020-01194-7", "url"),
        ("DOI: 10.1186/s12875-020-01194-7", "doi"),
    ],
)
def test_prose_run_on_to_a_link_is_the_abstract_not_part_of_the_link(line: str, field: str) -> None:
    entry, brief = _one(
        f"[A paper](#)\n\nSource: Journal of Things 3(2)\n\n{line} GPs valued the role (n = 21).\n"
    )
    assert getattr(entry, field) == line.partition(": ")[2]
    assert entry.abstract == "GPs valued the role (n = 21)."
    assert brief.unexplained == ()


def test_words_after_a_doi_that_is_none_are_its_value_reported_once() -> None:
    """``DOI: g 2 2``: the first word was taken for the DOI and the rest for text that ran
    on after it, so the line was reported twice (a value not understood, and a stray),
    with the DOI's value cut to its first word."""
    entry, brief = _one("[A paper](#)\n\nSource: NHS England\n\nDOI: not yet given\n")
    assert entry.unparsed == {"doi": "not yet given"}
    assert [(item.line, item.reason) for item in brief.unexplained] == [
        (5, Reason.VALUE_NOT_UNDERSTOOD)
    ]


@pytest.mark.parametrize("gap", [" ", "\n"])
def test_the_briefs_citation_run_on_after_as_is_read(gap: str) -> None:
    """A copy whose paragraphs were rebuilt joins the citation to the line asking for it;
    the paragraph after it is not the citation then."""
    brief = peerbrief.parse(
        "Evidence Brief: Retention of Nurses\n\nPlease acknowledge this work in any resulting "
        f"paper or presentation as:{gap}Evidence Brief: Retention of Nurses. Jane Doe. "
        "(4 March 2024). UK: Workforce, Training and Education Knowledge Management Team\n\n"
        "There may have been an update to this Evidence Brief.\n\n"
        "Key publications – the big picture\n\n[A report](#)\n\nSource: NHS England\n"
    )
    assert brief.authors == (Person("Doe", "Jane"),)
    assert brief.date == Date(2024, 3, 4)
    assert (brief.place, brief.publisher) == (
        "UK",
        "Workforce, Training and Education Knowledge Management Team",
    )


@pytest.mark.parametrize(
    ("lines", "publisher"),
    [
        # A book's details name its publisher, not a journal.
        (["Author: Smith, Jane", "Publication Details: Elsevier, , United Kingdom:"], "Elsevier"),
        (["Author: Smith, Jane", "Journal: Policy Press"], "Policy Press"),
        # A report or book, by its item type, has no journal: the name is its publisher.
        (
            ["Item Type: Book", "Authors: Kowalski, Ryszard", "Journal: Hogrefe Verlag"],
            "Hogrefe Verlag",
        ),
    ],
)
def test_a_books_publisher_named_where_a_journal_stands_is_the_publisher(
    lines: list[str], publisher: str
) -> None:
    body = "\n\n".join(lines)
    entry, brief = _one(f"[A handbook](#)\n\n{body}\n\nPublication Date: 2019\n")
    assert (entry.kind, entry.publisher, entry.container_title) == (Kind.REPORT, publisher, None)
    assert brief.unexplained == ()


@pytest.mark.parametrize("item_type", ["Item Type: Report\n\n", ""])
def test_a_place_after_a_publisher_named_where_a_journal_stands_is_the_place(
    item_type: str,
) -> None:
    entry, brief = _one(
        f"[A report](#)\n\n{item_type}Authors: Institute for Employment Studies\n\n"
        "Journal: Institute for Employment Studies, Brighton\n\nPublication Date: 2023\n"
    )
    assert (entry.publisher, entry.place, entry.container_title) == (
        "Institute for Employment Studies",
        "Brighton",
        None,
    )
    assert brief.unexplained == ()


def test_an_item_type_report_with_a_journals_numbers_keeps_the_journal() -> None:
    entry, _ = _one(
        "[A paper](#)\n\nItem Type: Report\n\nJournal: Nursing Times 119(5)\n\nPublication Date: 2023\n"
    )
    assert (entry.container_title, entry.volume, entry.publisher) == ("Nursing Times", "119", None)


@pytest.mark.parametrize(
    ("lines", "kept", "reported"),
    [
        # A label that would change what the source gave: the source's value stays.
        (["Source: Journal of Things 30(2)", "Issue: 4"], ("issue", "2"), "Issue: 4"),
        (
            ["Source: NHS England", "Publisher: Health Education England"],
            ("publisher", "NHS England"),
            "Publisher: Health Education England",
        ),
        # ... and the other way round: the line written first wins.
        (
            ["Issue: 4", "Source: Journal of Things 30(2)"],
            ("issue", "4"),
            "Source: Journal of Things 30(2)",
        ),
        # A title link's URL is not replaced by a URL label's.
        (
            ["URL: https://example.org/b"],
            ("url", "https://example.org/a"),
            "URL: https://example.org/b",
        ),
    ],
)
def test_a_second_value_for_a_field_is_reported_not_put_in_place_of_the_first(
    lines: list[str], kept: tuple[str, str], reported: str
) -> None:
    body = "\n\n".join(lines)
    entry, brief = _one(f"[A paper](https://example.org/a)\n\n{body}\n\nPublication date: 2022\n")
    field, value = kept
    assert getattr(entry, field) == value
    (item,) = brief.unexplained
    assert (item.text, item.reason) == (reported, Reason.UNEXPLAINED)
    assert item.line not in entry.provenance[0].lines


@pytest.mark.parametrize(
    "lines",
    [
        # An empty label left after the value (a hand-edited brief): nothing to report.
        ["Publication date: 2022", "Source: Journal of Things 30(2)", "Publication date:"],
        # An empty label before the value: the value is still read, not a second one.
        ["Publication date:", "Source: Journal of Things 30(2)", "Publication date: 2022"],
        ["Source:", "Source: Journal of Things 30(2)", "Publication date: 2022"],
    ],
)
def test_a_label_with_no_value_is_no_value_given(lines: list[str]) -> None:
    body = "\n\n".join(lines)
    entry, brief = _one(f"[A paper](#)\n\n{body}\n\nThe abstract.\n")
    assert (entry.date, entry.container_title, entry.volume) == (
        Date(2022),
        "Journal of Things",
        "30",
    )
    assert (entry.abstract, brief.unexplained) == ("The abstract.", ())


def test_the_same_value_given_twice_is_no_conflict() -> None:
    entry, brief = _one(
        "[A paper](#)\n\nSource: Journal of Things 30(2)\n\nIssue: 2\n\nPublication date: 2022\n"
    )
    assert (entry.issue, brief.unexplained) == ("2", ())


@pytest.mark.parametrize(
    "sentence",
    [
        "Issue: Nurses are leaving early in their careers.",
        "Link: The link between staffing and retention is strong.",
    ],
)
def test_a_sentence_opening_with_a_widened_labels_word_is_the_abstract(sentence: str) -> None:
    entry, brief = _one(
        f"[A paper](#)\n\nSource: Journal of Things 30\n\nPublication date: 2022\n\n{sentence}\n"
    )
    assert (entry.issue, entry.url, entry.abstract) == (None, None, sentence)
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    "line", ["Source: London: The King's Fund", "Publisher: London: The King's Fund"]
)
def test_a_place_before_the_publisher_is_the_place(line: str) -> None:
    entry, brief = _one(f"[A report](#)\n\n{line}\n\nPublication date: 2022\n")
    assert (entry.publisher, entry.place) == ("The King's Fund", "London")
    assert brief.unexplained == ()


def test_a_body_before_a_colon_is_no_place() -> None:
    entry, _ = _one(
        "[A report](#)\n\nSource: NHS England: Workforce Team\n\nPublication date: 2022\n"
    )
    assert (entry.publisher, entry.place) == ("NHS England: Workforce Team", None)


@pytest.mark.parametrize(
    ("value", "publisher", "place"),
    [
        ("The King's Fund, London", "The King's Fund", "London"),
        ("Nuffield Trust, London, UK", "Nuffield Trust", "London, UK"),
        (
            "Public Health Agency, Belfast, Northern Ireland",
            "Public Health Agency",
            "Belfast, Northern Ireland",
        ),
        (
            "World Health Organization, Geneva, Switzerland",
            "World Health Organization",
            "Geneva, Switzerland",
        ),
        ("The Health Foundation, UK", "The Health Foundation", "UK"),
        # A town no list names, one capitalised word after a body's name.
        ("College of Paramedics, Bridgwater", "College of Paramedics", "Bridgwater"),
        ("The Cavell Nurses' Trust, Taunton", "The Cavell Nurses' Trust", "Taunton"),
        ("Staffordshire University, Stoke-on-Trent", "Staffordshire University", "Stoke-on-Trent"),
        # The tail could be (part of) the body's name: it stays.
        ("NHS England, Midlands", "NHS England, Midlands", None),
        (
            "Health Education England, Thames Valley",
            "Health Education England, Thames Valley",
            None,
        ),
        ("Nuffield Trust, Briefing", "Nuffield Trust, Briefing", None),
        ("NHS Employers, Summary", "NHS Employers, Summary", None),
        # A region named in one word looks like a town: the body's local team, no place.
        ("Health Education England, Wessex", "Health Education England, Wessex", None),
        ("NHS England, Cumbria", "NHS England, Cumbria", None),
        ("Gender, Work and Organization", "Gender, Work and Organization", None),
        ("University of London", "University of London", None),
        ("London School of Economics", "London School of Economics", None),
        ("Greater London Authority", "Greater London Authority", None),
        ("Birkbeck, University of London", "Birkbeck, University of London", None),
        ("Department of Health, Northern Ireland", "Department of Health, Northern Ireland", None),
        ("Royal College of Nursing, Wales", "Royal College of Nursing, Wales", None),
        (
            "Tees, Esk and Wear Valleys NHS Foundation Trust",
            "Tees, Esk and Wear Valleys NHS Foundation Trust",
            None,
        ),
    ],
)
@pytest.mark.parametrize("label", ["Source", "Publisher"])
def test_a_place_after_the_publisher_is_the_place(
    label: str, value: str, publisher: str, place: str | None
) -> None:
    entry, brief = _one(f"[A report](#)\n\n{label}: {value}\n\nPublication date: 2022\n")
    # (A name the word lists read as a journal's stays whole too.)
    assert (entry.publisher or entry.container_title, entry.place) == (publisher, place)
    assert brief.unexplained == ()


@pytest.mark.parametrize("order", ["date first", "source first"])
def test_a_month_in_a_vancouver_source_refines_a_bare_year(order: str) -> None:
    lines = ["Publication date: 2022", "Source: Int J Nurs Stud. 2022 Jan;125:104100"]
    if order == "source first":
        lines.reverse()
    body = "\n\n".join(lines)
    entry, brief = _one(f"[A paper](#)\n\nAuthor(s): Smith et al.\n\n{body}\n")
    assert (entry.date, entry.volume, brief.unexplained) == (Date(2022, 1), "125", ())


def test_a_bare_year_after_a_sources_full_date_is_no_conflict() -> None:
    entry, brief = _one(
        "[A paper](#)\n\nJournal: Int J Nurs Stud. 2022 Jan;125:104100\n\nPublication date: 2022\n"
    )
    assert (entry.date, brief.unexplained) == (Date(2022, 1), ())


def test_a_sources_full_date_after_a_bare_year_refines_it() -> None:
    entry, brief = _one(
        "[A paper](#)\n\nPublication date: 2022\n\nJournal: Int J Nurs Stud. 2022 Jan;125:104100\n"
    )
    assert (entry.date, entry.volume, brief.unexplained) == (Date(2022, 1), "125", ())


def test_parse_counts_lines_as_wc_does() -> None:
    """A newline at the very end ends the last line; it starts no other."""
    text = "Evidence Brief: T\n\nKey publications – the big picture\n\n[A report](#)\n"
    assert text.count("\n") == 5
    assert peerbrief.parse(text, max_lines=5).entries[0].title == "A report"


@pytest.mark.parametrize(
    ("title", "item_type"),
    [("Webinar: Retaining nurses", None), ("Retaining nurses", "Webinar")],
)
def test_a_webinar_is_a_video(title: str, item_type: str | None) -> None:
    typed = f"Item Type: {item_type}\n\n" if item_type else ""
    entry, brief = _one(f"[{title}](#)\n\n{typed}Source: NHS Employers\n\nPublication date: 2021\n")
    assert (entry.kind, brief.unexplained) == (Kind.VIDEO, ())


@pytest.mark.parametrize("stray", [":", "account"])
def test_a_stray_after_a_whole_access_note_is_reported_not_taken_into_it(stray: str) -> None:
    """(Found by test_reader_mutations: a ":" was taken as the note's last piece.)"""
    entry, brief = _one(
        f"[A paper](#)\n\nAbstract only*\n\nAuthor(s): Smith et al.\n\n{stray}\n\n"
        "Source: Journal of Things 3(2)\n"
    )
    assert entry.access == "Abstract only"
    assert [(item.text, item.reason) for item in brief.report if item.line == 7] == [
        (stray, Reason.UNEXPLAINED)
    ]


# --- links and DOIs ------------------------------------------------------------------


def test_a_link_target_in_angle_brackets_is_read_whole() -> None:
    """A SICI (Wiley's DOIs before 2000) holds angle brackets; a target in markdown's
    ``<…>`` ended at the first ``>`` and the DOI came out cut and wrong."""
    sici = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    entry, brief = _one(
        f"[A paper](<https://doi.org/{sici}>)\n\nSource: Journal of Things 49(8)\n\nAn abstract.\n"
    )
    assert entry.doi == sici.lower()
    assert entry.url == "https://doi.org/" + sici.replace("<", "%3C").replace(">", "%3E")
    assert not brief.unexplained


@pytest.mark.parametrize(
    ("title_link", "doi_line"),
    [
        ("#", "DOI: 10.1136/bmjopen-2018-025166#supplementary"),
        ("#", "Source: BMJ Open 9 e025166 doi:10.1136/bmjopen-2018-025166#supplementary"),
        # The title's link to the same DOI says less than the DOI line.
        (
            "https://doi.org/10.1136/bmjopen-2018-025166",
            "DOI: 10.1136/bmjopen-2018-025166#supplementary",
        ),
    ],
)
def test_a_dois_fragment_is_kept_in_the_link(title_link: str, doi_line: str) -> None:
    """A DOI field holds no fragment; the fragment was dropped without a word."""
    source = "" if doi_line.startswith("Source:") else "Source: BMJ Open 9 e025166\n\n"
    entry, brief = _one(f"[A paper]({title_link})\n\n{source}{doi_line}\n\nAn abstract.\n")
    assert entry.doi == "10.1136/bmjopen-2018-025166"
    assert entry.url == "https://doi.org/10.1136/bmjopen-2018-025166#supplementary"
    assert (entry.container_title, entry.volume, entry.pages) == (
        "BMJ Open",
        "9",
        Pages("e025166"),
    )
    assert not brief.unexplained


def test_a_dois_fragment_leaves_a_link_to_elsewhere_alone() -> None:
    entry, _ = _one(
        "[A paper](https://example.org/paper)\n\nSource: BMJ Open 9 e025166\n\n"
        "DOI: 10.1136/bmjopen-2018-025166#supplementary\n"
    )
    assert (entry.url, entry.doi) == ("https://example.org/paper", "10.1136/bmjopen-2018-025166")


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("URL: <https://x.org/a/(b)/?q=1#frag>.", "https://x.org/a/(b)/?q=1#frag"),
        ("Available from: https://x.org/staff-wellbeing/.", "https://x.org/staff-wellbeing/"),
    ],
)
def test_a_link_label_takes_the_link_without_the_prose_around_it(line: str, url: str) -> None:
    """``<…>`` made the link one that was dropped (reported); the sentence's full stop
    went into the link (silently)."""
    entry, brief = _one(f"[A report](#)\n\nSource: NHS England\n\n{line}\n")
    assert entry.url == url
    assert not brief.unexplained
    assert not any(item.reason.is_removal for item in brief.report)


@pytest.mark.parametrize(
    "line", ["Back to contents", "[Back to top](#contents)", "↑ Return to contents"]
)
def test_a_line_leading_back_through_the_document_is_navigation(line: str) -> None:
    """It became the abstract of the reference before it, or a reference of its own."""
    text = (
        "Evidence Brief: Nursing Associates\n\nCase Studies\n\n[A report](#)\n\n"
        f"Source: NHS England\n\nPublication date: 2021\n\n{line}\n\nStatistics\n\n"
        "[Another report](#)\n\nSource: NHS England\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert [entry.title for entry in brief.entries] == ["A report", "Another report"]
    assert brief.entries[0].abstract is None
    assert _reasons(brief)[line] == Reason.NAVIGATION


def test_punctuation_after_a_title_link_is_no_access_note() -> None:
    """``[Title](…).`` gave the access note ``.``."""
    entry, brief = _one("[A report](https://x.org/report).\n\nSource: NHS England\n")
    assert (entry.title, entry.url, entry.access) == ("A report", "https://x.org/report", None)
    assert not brief.unexplained


@pytest.mark.parametrize(
    ("title_link", "url"),
    [("#", "https://x.org/report"), ("https://x.org/report", "https://x.org/report")],
)
def test_a_web_address_at_the_end_of_a_source_is_the_link(title_link: str, url: str) -> None:
    """It was read as part of the publisher's name (silently)."""
    entry, brief = _one(
        f"[A report]({title_link})\n\nSource: NHS England. Available at: https://x.org/report\n"
    )
    assert (entry.publisher, entry.url) == ("NHS England", url)
    assert not brief.unexplained


@pytest.mark.parametrize(
    "line",
    [
        "Source: data from the NHS Staff Survey 2019 were analysed.",
        "Author: the first author is a lecturer in nursing.",
    ],
)
def test_a_naming_labels_word_before_a_sentence_in_an_abstract_stays_abstract(line: str) -> None:
    """It opened a reference of its own, titled by the abstract's line before it, the rest
    of the abstract its abstract (silently)."""
    text = (
        "[A paper](#)\n\nAuthor(s): Smith et al.\n\nSource: Journal of Things 3(2)\n\n"
        f"Publication date: 2020\n\nBackground: staff surveys matter.\n\n{line}\n\n"
        "Results: burnout rose.\n"
    )
    entry, brief = _one(text)
    assert entry.abstract == f"Background: staff surveys matter. {line} Results: burnout rose."
    assert brief.unexplained == ()


def test_an_authors_value_opening_with_particles_is_still_a_value() -> None:
    entry, _ = _one(
        "[A paper](#)\n\nAuthor(s): van der Berg, Anna and de Silva, Rui Manuel\n\n"
        "Publication date: 2020\n"
    )
    assert [person.family for person in entry.authors] == ["van der Berg", "de Silva"]


_CITED = (
    "Please acknowledge this work in any resulting paper or presentation as:\n"
    "Evidence Brief: Staff Wellbeing. Siân Llewellyn. (4 March 2024). UK: Knowledge Team\n\n"
    "Published Peer Reviewed Research\n\n[A paper](#)\n\nSource: Journal of Things 3(2)\n"
)


@pytest.mark.parametrize("dash", ["–", "-", "—"])
def test_a_title_line_with_a_dash_for_its_colon_is_the_title(dash: str) -> None:
    """It was taken for a running header, and the brief had no title of its own."""
    brief = peerbrief.parse(f"Evidence Brief {dash} Staff Wellbeing\n\n{_CITED}")
    assert brief.title == f"Evidence Brief {dash} Staff Wellbeing"
    assert _reasons(brief)[f"Evidence Brief {dash} Staff Wellbeing"] == Reason.TITLE


def test_a_brief_without_its_title_line_takes_no_citation_for_its_title() -> None:
    """The citation, which starts as the title does, was taken for the title line: the
    brief's title was the whole citation, and its authors, date and publisher were lost."""
    brief = peerbrief.parse(_CITED)
    assert brief.title == "Evidence Brief: Staff Wellbeing"
    assert brief.authors == (Person("Llewellyn", "Siân"),)
    assert (brief.date, brief.publisher) == (Date(2024, 3, 4), "Knowledge Team")
    assert brief.citation is not None


@pytest.mark.parametrize(
    ("text", "abstract"),
    [
        ("[A paper](#)\n\nSource: J 1(2)\n\nAn abstract.\n\nAbstract only*\n", "An abstract."),
        ("[A paper](#) - Abstract only*\n\nSource: J 1(2)\n", None),
        ("[A paper](#) – Abstract only*\n\nSource: J 1(2)\n", None),
    ],
)
def test_an_access_note_after_the_abstract_or_a_dash_is_the_note(
    text: str, abstract: str | None
) -> None:
    """After the abstract it was the abstract's last words; after a dash, the note was
    kept as written (``- Abstract only*``)."""
    entry, brief = _one(text)
    assert (entry.access, entry.abstract) == ("Abstract only", abstract)
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("link", "item_type", "kind"),
    [
        ("https://www.youtube.com/watch?v=abc123&t=30s", None, Kind.VIDEO),
        ("https://youtu.be/abc123", None, Kind.VIDEO),
        ("https://vimeo.com/123456", None, Kind.VIDEO),
        ("https://notyoutube.com/watch", None, Kind.REPORT),
        ("https://www.youtube.com/watch?v=abc123", "Report", Kind.REPORT),
    ],
)
def test_a_work_linked_to_a_video_site_is_a_video(
    link: str, item_type: str | None, kind: Kind
) -> None:
    """It was a report; an ``Item Type:`` still decides."""
    typed = f"Item Type: {item_type}\n\n" if item_type else ""
    entry, _ = _one(f"[Retaining nurses]({link})\n\n{typed}Source: NHS Employers\n")
    assert entry.kind == kind


def test_publication_details_naming_a_publisher_after_the_country_are_read() -> None:
    """The whole value was not understood: journal, numbers and country reported unread."""
    entry, brief = _one(
        "[A paper](#)\n\nAuthor: Smith, J.\n\nPublication Date: 2020\n\nPublication Details: "
        "Journal of Nursing Management, 28, (4) pp.812-820. , England: Wiley-Blackwell\n"
    )
    assert (entry.container_title, entry.volume, entry.issue, entry.pages) == (
        "Journal of Nursing Management",
        "28",
        "4",
        Pages("812", "820"),
    )
    assert (entry.place, entry.publisher, brief.unexplained) == ("England", "Wiley-Blackwell", ())


@pytest.mark.parametrize(("top", "sub"), [("4. ", "4.1 "), ("4) ", "4.1. "), ("", "")])
def test_numbered_headings_are_the_templates_sections(top: str, sub: str) -> None:
    """Numbered, the top-level section was not the template's: its sub-sections stood
    alone, and every keyword lost its top level (silently)."""
    text = (
        "Evidence Brief: Retention\n\nContents\n\n"
        f"{top}Published Peer Reviewed Research\t5\n{sub}Governance\t5\n\n"
        f"{top}Published Peer Reviewed Research\n\n{sub}Governance\n\n"
        "[A paper](#)\n\nSource: Journal of Things 3(2)\n"
    )
    brief = peerbrief.parse(text)
    assert brief.entries[0].sections == (Section("Published Peer Reviewed Research", "Governance"),)
    assert brief.unexplained == ()


def test_a_heading_whose_first_word_is_a_number_keeps_it() -> None:
    text = (
        "Evidence Brief: Retention\n\nContents\n\n10 Steps to retention\t5\n\n"
        "10 Steps to retention\n\n[A paper](#)\n\nSource: Journal of Things 3(2)\n"
    )
    assert peerbrief.parse(text).entries[0].sections == (Section("10 Steps to retention"),)


@pytest.mark.parametrize(
    "line",
    [
        "**[A paper](https://x.org/paper)** Abstract only*",
        "*[A paper](https://x.org/paper)* Abstract only*",
        "[A paper](https://x.org/paper){.underline} Abstract only*",
    ],
)
def test_a_title_link_in_emphasis_or_with_attributes_keeps_its_link(line: str) -> None:
    """In emphasis, the title was read as one that lost its link, and the link was lost
    (silently); pandoc's attributes became the access note."""
    entry, brief = _one(f"{line}\n\nSource: Journal of Things 3(2)\n")
    assert (entry.title, entry.url, entry.access) == (
        "A paper",
        "https://x.org/paper",
        "Abstract only",
    )
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("labels", "date", "unexplained"),
    [
        (
            "Author(s): Smith et al. (2020)\n\nSource: J 1(2)\n\nPublication date: May 2020",
            Date(2020, 5),
            [],
        ),
        ("Author(s): Smith et al. (2020)\n\nSource: J 1(2)", Date(2020), []),
        (
            "Author(s): Smith et al. (2020)\n\nSource: J 1(2)\n\nPublication date: 2019",
            Date(2020),
            ["Publication date: 2019"],
        ),
    ],
)
def test_a_year_after_the_names_is_the_date(
    labels: str, date: Date, unexplained: list[str]
) -> None:
    """``Smith et al. (2020)`` was one person, family name ``(2020)`` (silently)."""
    entry, brief = _one(f"[A paper](#)\n\n{labels}\n")
    assert (entry.authors, entry.authors_truncated, entry.date) == ((Person("Smith"),), True, date)
    assert [item.text for item in brief.unexplained] == unexplained


def test_et_al_before_a_group_on_whose_behalf_closes_the_names() -> None:
    """``Smith et al. on behalf of the RETAIN Group`` gave a person ``al.``, given ``Smith et``."""
    entry, _ = _one(
        "[A paper](#)\n\nAuthor(s): Smith et al. on behalf of the RETAIN Group\n\nSource: J 1(2)\n"
    )
    assert entry.authors == (Person("Smith"), Person("RETAIN Group", organisation=True))
    assert entry.authors_truncated


def test_a_bracketed_note_after_a_link_label_is_no_part_of_the_link() -> None:
    """``(PDF)`` went into the link, percent-encoded (``…report.pdf%20(PDF)``)."""
    entry, _ = _one("[A report](#)\n\nSource: NHS England\n\nURL: https://x.org/report.pdf (PDF)\n")
    assert entry.url == "https://x.org/report.pdf"
    assert entry.abstract == "(PDF)"


@pytest.mark.parametrize("value", ["https://x.org/report", "Available at: https://x.org/report"])
def test_a_source_that_is_a_link_alone_is_the_link(value: str) -> None:
    """It was the publisher's name (silently)."""
    entry, brief = _one(f"[A report](#)\n\nSource: {value}\n\nPublication date: 2020\n")
    assert (entry.url, entry.publisher, entry.container_title) == (
        "https://x.org/report",
        None,
        None,
    )
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("title_line", "note"),
    [
        ("[Peer support in mental](https://x.org/p) health care settings", None),
        (
            "[Peer support in mental](https://x.org/p) health care settings Abstract only*",
            "Abstract only",
        ),
        ("[Peer support in mental](https://x.org/p) *health care settings*", None),
        ("[Peer support in mental](https://x.org/p) [health care settings](https://x.org/p)", None),
        (
            "[Peer support in](https://x.org/p) [mental](https://x.org/p) health care settings "
            "Full text available with NHS OpenAthens account*",
            "Full text available with NHS OpenAthens account",
        ),
    ],
)
def test_a_title_its_link_covers_only_in_part_goes_on_after_the_link(
    title_line: str, note: str | None
) -> None:
    """A PDF whose title broke over a page or column may link only its first piece, and a
    converter may link each line of a title apart: the words after the link that go on
    with it were taken for the access note."""
    entry, brief = _one(f"{title_line}\n\nAuthor(s): Otte et al.\n\nPublication date: 2020\n")
    assert entry.title == "Peer support in mental health care settings"
    assert (entry.url, entry.access) == ("https://x.org/p", note)
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    "title_line",
    [
        "[Is peer support good value?](https://x.org/p) see the summary",
        "[Peer support](https://x.org/p) Summary for boards",
        "[Peer support](https://x.org/p) [the guide](https://x.org/other)",
    ],
)
def test_what_follows_a_whole_title_link_stays_out_of_the_title(title_line: str) -> None:
    entry, _ = _one(f"{title_line}\n\nAuthor(s): Otte et al.\n\nPublication date: 2020\n")
    assert entry.title == title_line[1 : title_line.index("]")]


@pytest.mark.parametrize("source", ["medRxiv (preprint)", "medRxiv", "bioRxiv [Preprint]", "SSRN"])
def test_a_preprint_servers_source_is_its_container(source: str) -> None:
    """A preprint is an article of its server, as ``Item Type: Preprint`` with ``Journal:
    medRxiv`` reads: ``Source: medRxiv (preprint)`` was a report published by "medRxiv
    (preprint)", ``Source: medRxiv`` with its authors in full one published by medRxiv."""
    entry, brief = _one(
        f"[A preprint](#)\n\nAuthor(s): Chen, Li and Osei, Kwame\n\nSource: {source}\n\n"
        "Publication date: 2024\n"
    )
    server, _, mark = source.partition(" ")
    assert (entry.kind, entry.container_title, entry.publisher) == (
        Kind.JOURNAL_ARTICLE,
        server,
        None,
    )
    assert brief.unexplained == ()
    # The mark, which no field holds, is reported, not dropped.
    reported = [(item.reason, item.text) for item in brief.report if item.reason.is_removal]
    assert reported == ([(Reason.KIND_OF_WORK, mark[1:-1])] if mark else [])


@pytest.mark.parametrize(
    ("label", "value", "field", "expected"),
    [
        ("Source", "Nursing Times [online] 116(5)", "container_title", "Nursing Times"),
        ("Source", "BMJ Open [Internet]", "container_title", "BMJ Open"),
        ("Source", "NHS England [online]", "publisher", "NHS England"),
        (
            "Journal",
            "Nursing Times [Online], 116(5), pp. 20-23",
            "container_title",
            "Nursing Times",
        ),
        (
            "Publication Details",
            "Nursing Times [online], 116, (5) pp.20-23. , England:",
            "container_title",
            "Nursing Times",
        ),
    ],
)
def test_a_medium_in_a_source_is_no_part_of_it_and_is_reported(
    label: str, value: str, field: str, expected: str
) -> None:
    """``Nursing Times [online]``: the medium, as NLM and Harvard write it after the
    journal's name, is read as no part of it, and reported (it was dropped unreported)."""
    entry, brief = _one(f"[A study](#)\n\n{label}: {value}\n\nPublication date: 2020\n")
    assert getattr(entry, field) == expected
    assert brief.unexplained == ()
    medium = value[value.index("[") : value.index("]") + 1]
    (item,) = (item for item in brief.report if item.reason is Reason.MEDIUM)
    assert (item.line, item.text) == (3, medium)


def test_labelled_values_outside_any_reference_are_not_understood_not_prose() -> None:
    """A section whose reference lost its title line altogether: its labelled values
    (``Source:``, ``Publication date:``) were reported as the section's prose, an
    explained reason, and the check passed. Labels are metadata wherever they stand: such
    a line is a work's value the reader could not place, and fails a check."""
    text = (
        "Evidence Brief: Nursing Associates\n\nKey publications – the big picture\n\n"
        "[A linked report](https://example.org/a)\n\nSource: NHS England\n\n"
        "Publication date: 2023\n\nStatistics\n\nSource: NHS Digital\n\n"
        "Publication date: 2024\n\nThe figures are published monthly.\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert [entry.title for entry in brief.entries] == ["A linked report"]
    assert [(item.line, item.reason) for item in brief.report if item.line > 11] == [
        (13, Reason.UNEXPLAINED),
        (15, Reason.UNEXPLAINED),
        (17, Reason.SECTION_PROSE),
    ]


def test_a_link_in_an_abstract_keeps_where_it_led() -> None:
    """A link in an abstract (the published PDF's to a toolkit, a glossary) kept its words
    and lost its address unreported; it is written out after them, as in an access note.
    A link to nowhere (``#``, the export's placeholder) stays its words."""
    entry, brief = _one(
        "[A study](https://example.org/a)\n\nPublication date: 2020\n\n"
        "The study (see [the toolkit](https://example.org/toolkit)) found [more](#).\n"
    )
    assert entry.abstract == "The study (see the toolkit <https://example.org/toolkit>) found more."
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("label", "value", "field", "read"),
    [
        ("Source", "[NHS England](https://www.england.nhs.uk/)", "publisher", "NHS England"),
        ("Author(s)", "[Smith, Anna](https://orcid.org/0000-0002-1825-0097)", "authors",
         (Person("Smith", "Anna"),)),
        ("Journal", "[BMJ Open](https://bmjopen.bmj.com/) 13(2)", "container_title", "BMJ Open"),
    ],
)  # fmt: skip
def test_a_link_in_a_labelled_value_is_reported_where_no_field_takes_it(
    label: str, value: str, field: str, read: object
) -> None:
    """A publisher's name linked to its site, an author's to a profile: the value is read
    without the link, and where it led is reported (it was dropped unreported)."""
    entry, brief = _one(f"[A study](https://example.org/a)\n\n{label}: {value}\n\nAn abstract.\n")
    assert getattr(entry, field) == read
    target = value[value.index("](") + 2 : value.index(")", value.index("]("))]
    assert [(item.reason, item.text) for item in brief.report] == [(Reason.OTHER_LINK, target)]
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("URL: [the report](https://example.org/a)", "url", "https://example.org/a"),
        ("DOI: [10.1136/bmj.n1](https://doi.org/10.1136/bmj.n1)", "doi", "10.1136/bmj.n1"),
    ],
)
def test_a_labelled_link_a_field_takes_is_not_reported(line: str, field: str, value: str) -> None:
    """(``URL: [the report](…)`` gave the link's words as the address, reported unsafe.)"""
    entry, brief = _one(f"[A study](#)\n\n{line}\n\nAn abstract.\n")
    assert getattr(entry, field) == value
    assert brief.report == ()


def test_an_unsafe_link_in_a_labelled_value_is_reported_as_such() -> None:
    _entry, brief = _one("[A study](#)\n\nSource: [NHS England](javascript:alert(1))\n")
    assert [(item.reason, item.text) for item in brief.report] == [
        (Reason.UNSAFE_LINK, "javascript:alert(1)")
    ]
