"""When a web page was read (``Accessed: 2 January 2025``) and dates written with a word
before them (``Published: 12 June 2024``): read into their fields, never into the
abstract, and written by every writer whose consumers have a field for them."""

from __future__ import annotations

import json

import attrs
import pytest

import peerbrief
from peerbrief import Date, Reason
from peerbrief.dedupe import dedupe
from peerbrief.fields import strip_markup
from peerbrief.model import Entry, Kind, Provenance
from peerbrief.writers import render

ACCESSED = Date(2025, 1, 2)
ABSTRACT = "The survey counts pharmacists and pharmacy technicians in community pharmacy."


def brief_with(title_line: str, *labels: str) -> str:
    """A brief of one web page: its title line, then ``labels``, then its abstract."""
    lines = [
        "Evidence Brief: Community Pharmacy",
        "Key publications – the big picture",
        title_line,
        "Source: NHS England",
        *labels,
        ABSTRACT,
    ]
    return "\n\n".join(lines) + "\n"


def only_entry(text: str) -> tuple[Entry, peerbrief.Brief]:
    brief = peerbrief.parse(text)
    assert len(brief.entries) == 1
    return brief.entries[0], brief


@pytest.mark.parametrize(
    "line",
    [
        "Accessed: 2 January 2025",
        "Date accessed: 2 January 2025",
        "Date Accessed: 02/01/2025",
        "Last accessed: 2 Jan 2025",
        "Access date: 2025-01-02",
        "**Accessed:** 2 January 2025",
        # Without a label's colon: alone on its line, or in brackets.
        "Last accessed 2 January 2025",
        "Accessed on 2 January 2025.",
        "[Accessed 2 January 2025]",
        "(Accessed: 2 January 2025)",
    ],
)
def test_an_access_date_line_is_the_access_date_not_the_abstract(line: str) -> None:
    entry, brief = only_entry(brief_with("[Survey 2024](https://example.org/s)", line))
    assert entry.accessed == ACCESSED
    assert entry.abstract == ABSTRACT
    assert brief.unexplained == ()
    # Its line is where the field was read from.
    number = brief_with("x", line).splitlines().index(line) + 1
    assert entry.provenance[0].fields["accessed"] == (number,)


LINK = "[Survey 2024](https://example.org/s)"


@pytest.mark.parametrize(
    ("after", "note"),
    [
        ("[Accessed 2 January 2025]", ""),
        ("(accessed 2 Jan 2025)", ""),
        ("Abstract only* [Accessed 2 January 2025]", "Abstract only*"),
        ("(PDF, 2 MB) (Accessed: 2 January 2025)", "(PDF, 2 MB)"),
    ],
)
def test_an_access_date_after_the_title_link_is_read_and_the_rest_as_before(
    after: str, note: str
) -> None:
    entry, brief = only_entry(brief_with(f"{LINK} {after}"))
    assert (entry.title, entry.accessed) == ("Survey 2024", ACCESSED)
    # What stands before the date reads as it does without it.
    without, brief_without = only_entry(brief_with(f"{LINK} {note}".strip()))
    assert (entry.access, entry.unparsed) == (without.access, without.unparsed)
    assert len(brief.unexplained) == len(brief_without.unexplained)


# NLM's (Vancouver's) date a web page was cited, which is when it was read.
CITED = ["[cited 2025 Jan 2]", "[Cited 2 January 2025]", "(cited 2 Jan 2025)"]


@pytest.mark.parametrize("after", CITED)
def test_an_nlm_cited_date_after_the_title_link_is_the_access_date(after: str) -> None:
    entry, brief = only_entry(brief_with(f"{LINK} {after}"))
    assert (entry.title, entry.accessed, entry.unparsed) == ("Survey 2024", ACCESSED, {})
    assert brief.unexplained == ()


@pytest.mark.parametrize("line", [*(f"URL: https://example.org/s {cited}" for cited in CITED[:2])])
def test_an_nlm_cited_date_after_a_link_label_is_read(line: str) -> None:
    entry, brief = only_entry(brief_with("[Survey 2024](#)", line))
    assert (entry.url, entry.accessed) == ("https://example.org/s", ACCESSED)
    assert brief.unexplained == ()


# NLM's update date, in the brackets of the access date: before it or after it.
UPDATED = [
    ("[updated 2024 Dec 1; cited 2025 Jan 2]", "updated 2024 Dec 1"),
    ("[cited 2025 Jan 2; updated 2024 Dec 1]", "updated 2024 Dec 1"),
    ("[Accessed 2 Jan 2025; last updated 1 Dec 2024]", "last updated 1 Dec 2024"),
    ("[modified 2024 Dec 1; cited 2025 Jan 2].", "modified 2024 Dec 1"),
]


@pytest.mark.parametrize(("after", "updated"), UPDATED)
@pytest.mark.parametrize("title", [LINK, "Community pharmacy workforce survey"])
def test_an_nlm_update_date_beside_the_access_date_is_reported_and_the_access_date_read(
    title: str, after: str, updated: str
) -> None:
    # A linked title, and one that lost its link (a plain-text copy).
    entry, brief = only_entry(brief_with(f"{title} {after}"))
    assert entry.title == strip_markup(title).strip()
    assert (entry.accessed, entry.date, entry.unparsed) == (ACCESSED, None, {})
    assert entry.abstract == ABSTRACT
    assert [(item.line, item.text, item.reason) for item in brief.report if item.line == 5] == [
        (5, updated, Reason.UPDATE_DATE)
    ]
    assert brief.unexplained == ()


@pytest.mark.parametrize(("after", "updated"), UPDATED[:2])
@pytest.mark.parametrize("before", ["URL: https://example.org/s ", ""])
def test_an_nlm_update_and_access_date_after_a_link_label_or_alone_are_no_abstract(
    before: str, after: str, updated: str
) -> None:
    entry, brief = only_entry(brief_with("[Survey 2024](https://example.org/s)", before + after))
    assert (entry.url, entry.accessed, entry.abstract) == (
        "https://example.org/s",
        ACCESSED,
        ABSTRACT,
    )
    assert [item.text for item in brief.report if item.reason is Reason.UPDATE_DATE] == [updated]
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    "after",
    [
        "[updated 2024 Dec 1]",  # no access date: the update date alone has no field
        "[cited 2025 Jan 2; see page 4]",  # more than dates
        "[cited 2025 Jan 2; cited 2025 Feb 3]",  # two access dates
    ],
)
def test_brackets_that_give_no_one_access_date_beside_update_dates_stay_reported(
    after: str,
) -> None:
    entry, brief = only_entry(brief_with(f"{LINK} {after}"))
    assert entry.accessed is None
    assert entry.unparsed == {"access": after}
    assert [item.reason for item in brief.unexplained] == [Reason.TEXT_AFTER_TITLE]


@pytest.mark.parametrize("line", ["Cited 2 January 2025", "cited 2025 Jan 2"])
def test_cited_without_brackets_is_no_access_date(line: str) -> None:
    # Only in brackets is "cited" NLM's access date: a sentence may open so.
    entry, _ = only_entry(brief_with("[Survey 2024](#)", line))
    assert entry.accessed is None
    assert entry.abstract == f"{line} {ABSTRACT}"


@pytest.mark.parametrize(
    ("after", "note"),
    [
        ("(accessed 2 Jan 2025)", None),
        ("[Accessed 2 January 2025].", None),
        ("[cited 2025 Jan 2]", None),
        ("Abstract only* [Accessed 2 January 2025]", "Abstract only"),
    ],
)
def test_an_access_date_ending_a_title_that_lost_its_link_is_read(
    after: str, note: str | None
) -> None:
    # A plain-text copy, or a PDF whose links were dropped: the title without its link.
    entry, brief = only_entry(brief_with(f"Community pharmacy workforce survey {after}"))
    assert (entry.title, entry.url) == ("Community pharmacy workforce survey", None)
    assert (entry.accessed, entry.access, entry.unparsed) == (ACCESSED, note, {})
    assert entry.abstract == ABSTRACT
    assert brief.unexplained == ()


@pytest.mark.parametrize("after", ["(accessed 2 Jan 2025)", "[cited 2025 Jan 2]"])
def test_a_title_link_and_access_date_before_an_abstract_alone_is_a_reference(
    after: str,
) -> None:
    # No labels, as the series lists documents: the date is no sentence the link runs on into.
    text = (
        f"Evidence Brief: X\n\nKey publications – the big picture\n\n{LINK} {after}\n\n{ABSTRACT}\n"
    )
    entry, brief = only_entry(text)
    assert (entry.title, entry.accessed, entry.abstract) == ("Survey 2024", ACCESSED, ABSTRACT)
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    "line",
    [
        "URL: https://example.org/s (Accessed: 2 January 2025)",
        "Available at: https://example.org/s [Accessed 2 January 2025]",
    ],
)
def test_an_access_date_after_a_link_label_is_read(line: str) -> None:
    # Harvard's "Available at: URL (Accessed: date)".
    entry, brief = only_entry(brief_with("[Survey 2024](#)", line))
    assert (entry.url, entry.accessed) == ("https://example.org/s", ACCESSED)
    assert entry.abstract == ABSTRACT
    assert brief.unexplained == ()


@pytest.mark.parametrize("value", ["soon", "2-3 January 2025"])
def test_an_access_date_that_is_no_date_is_kept_and_reported(value: str) -> None:
    # A range is no day a page was read on.
    entry, brief = only_entry(brief_with("[Survey 2024](#)", f"Accessed: {value}"))
    assert entry.accessed is None
    assert entry.unparsed == {"accessed": value}
    assert [item.reason for item in brief.unexplained] == [Reason.VALUE_NOT_UNDERSTOOD]
    assert entry.abstract == ABSTRACT


def test_a_second_other_access_date_is_reported_not_read_as_abstract() -> None:
    text = brief_with("[Survey 2024](#) [Accessed 2 January 2025]", "Last accessed 9 March 2025")
    entry, brief = only_entry(text)
    assert entry.accessed == ACCESSED
    assert entry.abstract == ABSTRACT
    assert [item.text for item in brief.unexplained] == ["Last accessed 9 March 2025"]


def test_a_sentence_that_opens_with_accessed_stays_in_the_abstract() -> None:
    sentence = "Accessed: the services were reached by most of those asked in the survey."
    entry, _ = only_entry(brief_with("[Survey 2024](#)", sentence))
    assert entry.accessed is None
    assert entry.abstract == f"{sentence} {ABSTRACT}"


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("Published: 12 June 2024", Date(2024, 6, 12)),
        ("Published 12 June 2024", Date(2024, 6, 12)),
        ("First published: June 2024", Date(2024, 6)),
        # The date of the version listed: the date a style cites a web page by.
        ("Last updated: 3 March 2025", Date(2025, 3, 3)),
        ("Updated 3 March 2025", Date(2025, 3, 3)),
        # Published online first: its online date is its date (APA 7 section 9.14).
        ("Published online 12 May 2021", Date(2021, 5, 12)),
        ("First published online: 12 May 2021", Date(2021, 5, 12)),
        ("Epub 2021 May 12", Date(2021, 5, 12)),  # PubMed's
        ("Epub 2021 May 12.", Date(2021, 5, 12)),
        ("2021 (online)", Date(2021)),
        ("12 May 2021 [Online]", Date(2021, 5, 12)),
        ("2021 May 12 [Epub ahead of print]", Date(2021, 5, 12)),
    ],
)
def test_a_word_before_a_publication_date_is_read_past(value: str, date: Date) -> None:
    entry, brief = only_entry(brief_with("[Survey 2024](#)", f"Publication date: {value}"))
    assert entry.date == date
    assert entry.unparsed == {}
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("value", "date", "status"),
    [
        ("2021 May 12 [Epub ahead of print]", Date(2021, 5, 12), "Epub ahead of print"),
        ("14 March 2025 (Epub ahead of print)", Date(2025, 3, 14), "Epub ahead of print"),
        ("2025 (epub ahead of print)", Date(2025), "epub ahead of print"),
    ],
)
def test_a_status_after_a_publication_date_is_the_entrys_status(
    value: str, date: Date, status: str
) -> None:
    # The words say where the work is on its way to print: the entry's status, as a
    # source's "Epub ahead of print" is (as written), not dropped with the brackets.
    entry, brief = only_entry(brief_with("[Survey 2024](#)", f"Publication date: {value}"))
    assert (entry.date, entry.status) == (date, status)
    assert entry.provenance[0].fields["status"] == (9,)
    assert brief.unexplained == ()


@pytest.mark.parametrize("value", ["2021 (online)", "12 May 2021 [Online]", "Epub 2021 May 12"])
def test_an_online_date_mark_gives_no_status(value: str) -> None:
    entry, _ = only_entry(brief_with("[Survey 2024](#)", f"Publication date: {value}"))
    assert entry.status is None


def test_two_dates_in_one_publication_date_are_still_not_understood() -> None:
    value = "Published 12 June 2024, updated 3 March 2025"
    entry, brief = only_entry(brief_with("[Survey 2024](#)", f"Publication date: {value}"))
    assert entry.date is None
    assert entry.unparsed == {"date": value}
    assert [item.reason for item in brief.unexplained] == [Reason.VALUE_NOT_UNDERSTOOD]


@pytest.mark.parametrize(
    ("value", "date"),
    [("c. 2015", Date(2015)), ("circa 2015", Date(2015)), ("ca. March 1850", Date(1850, 3))],
)
def test_an_approximate_publication_date_is_read_and_its_approximation_reported(
    value: str, date: Date
) -> None:
    # As a library's circa date is: a Date has no approximate mark.
    entry, brief = only_entry(brief_with("[Survey 2024](#)", f"Publication date: {value}"))
    assert (entry.date, entry.unparsed) == (date, {})
    assert brief.unexplained == ()
    approximate = [item for item in brief.report if item.reason is Reason.APPROXIMATE_DATE]
    assert [(item.line, item.text) for item in approximate] == [(9, f"{value}: read as {date}")]
    assert entry.provenance[0].fields["date"] == (9,)


@pytest.mark.parametrize(
    "value",
    [
        # A quarter is the calendar's or the financial year's (NHS England's Q1 is April
        # to June): no one meaning.
        "Q2 2021",
        "1st quarter 2020",
        "c. 2015-2020",  # an approximate range: which end is approximate?
        "Epub ahead of print",
    ],
)
def test_a_publication_date_without_one_meaning_is_still_not_understood(value: str) -> None:
    entry, brief = only_entry(brief_with("[Survey 2024](#)", f"Publication date: {value}"))
    assert entry.date is None
    assert entry.unparsed == {"date": value}
    assert [item.reason for item in brief.unexplained] == [Reason.VALUE_NOT_UNDERSTOOD]


def test_an_access_date_is_no_range() -> None:
    with pytest.raises(ValueError, match="access date"):
        Entry(title="T", accessed=Date(2025, 1, end=Date(2025, 2)))


def copy(entry: Entry, line: int, accessed: Date, status: str | None = None) -> Entry:
    where = (Provenance("b.txt", (line,)),)
    return attrs.evolve(entry, provenance=where, accessed=accessed, status=status)


def test_dedupe_keeps_the_most_precise_then_the_latest_access_date_and_any_status() -> None:
    work = Entry(title="Community pharmacy workforce survey", kind=Kind.REPORT, date=Date(2024))
    copies = [
        copy(work, 1, accessed=Date(2025, 1)),
        copy(work, 2, accessed=Date(2024, 12, 5)),
        copy(work, 3, accessed=Date(2025, 1, 2), status="In press"),
    ]
    (merge,) = dedupe(copies).merges
    assert (merge.entry.accessed, merge.entry.status) == (Date(2025, 1, 2), "In press")
    choices = {choice.field: choice for choice in merge.choices}
    assert not choices["accessed"].conflict
    assert choices["accessed"].over == ("January 2025", "5 December 2024")


WEB_PAGE = Entry(
    title="Community pharmacy workforce survey",
    kind=Kind.REPORT,
    publisher="NHS England",
    date=Date(2024, 6, 12),
    url="https://example.org/survey",
    accessed=ACCESSED,
    status="In press",
)


def test_every_writer_writes_the_access_date_and_the_status_where_it_has_a_field() -> None:
    (item,) = json.loads(render([WEB_PAGE], "csl-json"))
    assert item["accessed"] == {"date-parts": [[2025, 1, 2]]}
    assert item["status"] == "In press"
    ris = render([WEB_PAGE], "ris")
    assert "Y2  - 2025/01/02/\r\n" in ris
    assert "In press" not in ris  # RIS has no tag for it: RP is a reprint's status
    for flavour in ("bibtex", "biblatex"):
        bib = render([WEB_PAGE], flavour)
        assert "urldate = {2025-01-02}" in bib
        assert "pubstate = {inpress}" in bib


def test_cite_prints_the_access_date_where_the_style_does() -> None:
    assert "Accessed: 2 January 2025" in WEB_PAGE.cite("harvard")
    assert "cited 2025 Jan 2" in WEB_PAGE.cite("vancouver")


def test_the_html_view_shows_the_status_and_the_access_date() -> None:
    html = WEB_PAGE._repr_html_()
    assert "Status" in html and "In press" in html
    assert "Accessed" in html and "2 January 2025" in html


@pytest.mark.parametrize(
    "title_line",
    [
        "[Survey 2024](https://example.org/s) Accessed 2 January 2025",
        # A copy that ran the title, its address and the date together.
        "Survey 2024 https://example.org/s Accessed 2 January 2025",
        "Survey 2024 (https://example.org/s) Date accessed 2 January 2025.",
    ],
)
def test_an_access_date_without_brackets_after_a_title_s_link_is_read(title_line: str) -> None:
    """After the title's link, nothing but the date: it was text after the title (the
    check failed), or, the link written out, part of the title with the address."""
    entry, brief = only_entry(brief_with(title_line))
    assert (entry.title, entry.url, entry.accessed) == (
        "Survey 2024",
        "https://example.org/s",
        ACCESSED,
    )
    assert brief.unexplained == ()


def test_an_access_date_without_brackets_after_prose_in_a_title_stays_in_it() -> None:
    # After words, not a link, an access date may be the title's own words.
    entry, _ = only_entry(brief_with("[Why the register was accessed 2 January 2025](#)"))
    assert (entry.title, entry.accessed) == ("Why the register was accessed 2 January 2025", None)
