"""The six made-up briefs' PDFs (reportlab's and Chromium's) as more text extractors give
them, committed by ``fixtures/make_extracted_text.py``: pdfminer.six (with and without its
boxes' flow), pdfplumber, MuPDF (``mutool draw -F txt``; PyMuPDF's text sorted and its
blocks), Firefox's pdf.js and pypdf's layout mode. Each reads to the entries of the
brief's clean text, nothing not understood."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixtures import accuracy, make_extracted_text

import peerbrief
from peerbrief import Reason

BRIEFS = Path(__file__).parent / "fixtures" / "briefs"

_UNEXPLAINED_CITATION = (
    "Burnout and intention to leave among hospital nurses: a cross-sectional survey"
)
"""An abstract citing ``hospitals^{1}`` with no note: flattened (``hospitals1.``), the number
stays, as nothing shows it is a citation (a word's digits may be its own: ``covid19``)."""

_RAISED_APART = pytest.mark.xfail(
    strict=True,
    reason="a superscript set on a line of its own above its line (pdfplumber) or a line's "
    "parts set apart around it (pypdf's layout mode): where it cited is lost",
)
_KNOWN = {
    "advanced-clinical-practitioners-chromium.pdfplumber": _RAISED_APART,
    "advanced-clinical-practitioners-reportlab.pdfplumber": _RAISED_APART,
    "advanced-clinical-practitioners-reportlab.pypdf-layout": _RAISED_APART,
    "apprenticeships-chromium.pdfplumber": _RAISED_APART,
    "apprenticeships-reportlab.pdfplumber": _RAISED_APART,
    "apprenticeships-reportlab.pypdf-layout": _RAISED_APART,
    "physician-associates-reportlab.pypdf-layout": _RAISED_APART,
    "retention-of-nurses-chromium.pdfplumber": _RAISED_APART,
    "retention-of-nurses-reportlab.pdfplumber": _RAISED_APART,
    "retention-of-nurses-reportlab.pypdf-layout": _RAISED_APART,
    "retention-of-nurses-chromium.pypdf-layout": _RAISED_APART,
    "retention-of-nurses-chromium.pdfjs": pytest.mark.xfail(
        strict=True,
        reason="a section's prose line that ends with a colon and fills the width runs on "
        "into the unlinked title on the next line (no blank line between them)",
    ),
}


@functools.cache
def _clean(name: str) -> peerbrief.Brief:
    return peerbrief.read(BRIEFS / f"{name}.txt", dedupe=False)


def _as_copied(entry: peerbrief.Entry, text: str) -> peerbrief.Entry:
    if entry.title != _UNEXPLAINED_CITATION or entry.abstract is None:
        return entry
    if "hospitals1." not in text:
        return entry  # (pdfplumber sets the number apart, and it is reported)
    return attrs.evolve(entry, abstract=entry.abstract.replace("hospitals.", "hospitals1."))


def _read(stem: str) -> tuple[peerbrief.Brief, tuple[peerbrief.Entry, ...]]:
    text = make_extracted_text.read(stem)
    brief = peerbrief.parse(text, source=stem, dedupe=False)
    expected = _clean(make_extracted_text.brief_name(stem)).entries
    return brief, tuple(_as_copied(entry, text) for entry in expected)


def _cases() -> list[Any]:
    return [
        pytest.param(stem, marks=[_KNOWN[stem]] if stem in _KNOWN else [])
        for stem in make_extracted_text.stems()
    ]


@pytest.mark.parametrize("stem", _cases())
def test_an_extraction_reads_to_the_clean_texts_entries(stem: str) -> None:
    brief, expected = _read(stem)
    nonblank, accounted = accuracy.accounting(make_extracted_text.read(stem), brief)
    assert accounted == nonblank
    assert [str(item) for item in accuracy.mismatches(brief.entries, expected)] == []
    assert brief.unexplained == ()


def test_a_column_of_page_numbers_before_the_contents_headings_is_the_lists() -> None:
    """pdfminer without its boxes' flow sets a Contents list's page numbers, a column of
    their own, before its headings (and loses the leaders' last dots and the numbers'
    places): the headings are still the Contents', and the numbers reported with them (the
    list was read as ended at its first number, the sections were lost, and with them
    every reference: "not an evidence brief")."""
    stem = "staff-wellbeing-reportlab.pdfminer-noflow"
    text = make_extracted_text.read(stem)
    assert "Contents\n\n3\n5\n6\n" in text
    brief, expected = _read(stem)
    assert [section.name for section in brief.sections] == [
        section.name for section in _clean("staff-wellbeing").sections
    ]
    assert len(brief.entries) == len(expected)
    lines = text.split("\n")  # (report items count lines from 1)
    column = range(lines.index("Contents") + 2, lines.index("Key Publications – the big picture"))
    numbers = [item for item in brief.report if item.line in column]
    assert [item.text for item in numbers] == [
        "3",
        "5",
        "6",
        "6",
        "7",
        "7",
        "9",
        "11",
        "13",
        "15",
        "17",
        "18",
    ]
    assert {item.reason for item in numbers} == {Reason.CONTENTS}


@pytest.mark.parametrize(
    ("stem", "note"),
    [
        # the note after the paragraph, a blank line between (MuPDF's text of reportlab's)
        ("apprenticeships-reportlab.mutool", "¹ Employers"),
        # the note at the next page's top, where Chromium's page set it (pdf.js's copy)
        ("apprenticeships-chromium.pdfjs", "¹ Employers"),
        # a word processor's note, its number flattened too
        ("apprenticeships-reportlab.pdfminer", "1 Employers"),
    ],
)
def test_a_note_of_a_citation_a_copy_flattened_is_the_pages(stem: str, note: str) -> None:
    """A raised citation that a copy set on the line (``employers1 in``) and its note
    (``¹ Employers with …``): the note is reported as the page's footnote, and the number
    leaves the abstract (the note's text was read as the abstract's last sentence, and
    the number as the word's)."""
    text = make_extracted_text.read(stem).replace("¹ Employers", note)
    assert "employers1 in" in text
    brief = peerbrief.parse(text, source=stem, dedupe=False)
    (entry,) = [e for e in brief.entries if e.title.startswith("Apprenticeships in the NHS")]
    assert entry.abstract is not None
    assert entry.abstract.startswith("Levy-paying employers in the NHS")
    assert "pay bill" not in entry.abstract
    (footnote,) = [item for item in brief.report if item.reason is Reason.FOOTNOTE]
    assert footnote.text.startswith(f"{note} with an annual pay bill")


@pytest.mark.parametrize(
    ("stem", "title", "value", "field", "expected"),
    [
        (
            "apprenticeships-reportlab.pdfplumber",
            "Apprenticeships in the NHS: is the levy working?",
            "Publication date: Spring 2022\n1\n",
            "date",
            peerbrief.Date(2022, season=1),
        ),
        (
            "advanced-clinical-practitioners-chromium.pdfplumber",
            "Patient satisfaction with advanced clinical practitioners in primary care: a "
            "cross-sectional survey",
            "Development 21, pp. 1-9\n1,2\n",
            "pages",
            peerbrief.Pages("1", "9"),
        ),
    ],
)
def test_a_citations_mark_set_apart_after_a_values_number_joins_no_number(
    stem: str, title: str, value: str, field: str, expected: object
) -> None:
    """pdfplumber sets a raised citation on a line of its own above the line citing it:
    after a value ending in a number, its digits are no part of that number (they were:
    ``Spring 20221``, ``pp. 1-91,2``, values not understood). The line is the value's
    paragraph's still: nothing is lost."""
    text = make_extracted_text.read(stem)
    assert value in text
    brief = peerbrief.parse(text, source=stem, dedupe=False)
    (entry,) = [entry for entry in brief.entries if entry.title == title]
    assert getattr(entry, field) == expected
    assert entry.unparsed == {}
    nonblank, accounted = accuracy.accounting(text, brief)
    assert accounted == nonblank
