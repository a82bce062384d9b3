"""The sample brief printed by three producers (reportlab, LibreOffice, Chromium) and read
back with ``pdf_lines``: one Line per paragraph, in the text export's dialect."""

from __future__ import annotations

import re

import pytest
from fixtures import pdf_samples
from fixtures.pdf_samples import PRODUCERS, TOPIC_HEADER
from pypdf import PdfReader

from peerbrief.lines import Line

_LINK_TEXT_SPECIALS = re.compile(r"([\\\[\]()])")


def _markdown_link(text: str, url: str) -> str:
    """How a link reads in the export's dialect: brackets and parentheses in its text escaped."""
    escaped = _LINK_TEXT_SPECIALS.sub(r"\\\1", text)
    return f"[{escaped}]({url})"


def _spans_a_page_break(line: Line) -> bool:
    """Its physical lines are not consecutive: a footer or header came in between."""
    numbers = line.source_lines
    return numbers[-1] - numbers[0] + 1 != len(numbers)


def _annotation_pages(producer: str) -> dict[str, list[int]]:
    pages: dict[str, list[int]] = {}
    reader = PdfReader(pdf_samples.path(producer))
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                pages.setdefault(str(action["/URI"]), []).append(number)
    return pages


@pytest.mark.parametrize("producer", PRODUCERS)
def test_paragraphs_are_the_exports_lines(producer: str) -> None:
    """Each PDF paragraph is one line of the export. The export cut some paragraphs at
    the original's page breaks; a PDF paragraph that itself runs over a page break may
    hold two such pieces, once at most."""
    expected = list(pdf_samples.export_paragraphs())
    found = [line for line in pdf_samples.lines(producer) if line.text != TOPIC_HEADER]
    at, joined = 0, 0
    for line in found:
        text = pdf_samples.pdf_paragraph(line.text)
        if text == expected[at]:
            at += 1
            continue
        rejoined = " ".join(expected[at : at + 2])
        assert text == rejoined and _spans_a_page_break(line), (
            f"line {line.number} (page {line.page}) differs:\n  pdf:    {text}\n"
            f"  export: {expected[at]}"
        )
        at, joined = at + 2, joined + 1
    assert at == len(expected)
    assert joined <= 1


@pytest.mark.parametrize("producer", PRODUCERS)
def test_every_link_is_written_with_its_url(producer: str) -> None:
    text = "\n".join(line.text for line in pdf_samples.lines(producer))
    missing = [
        link["text"]
        for link in pdf_samples.truth(producer)
        if _markdown_link(link["text"], link["url"]) not in text
    ]
    assert missing == []
    assert text.count("](") == len(pdf_samples.truth(producer))


@pytest.mark.parametrize("producer", PRODUCERS)
def test_internal_links_stay_plain_text(producer: str) -> None:
    """The Contents entries are links within the document: no URL to write."""
    contents = [line for line in pdf_samples.lines(producer) if "\t" in line.text]
    assert len(contents) == 32
    assert all("](" not in line.text for line in contents)
    assert "Case Studies.....\t4" in [line.text for line in contents]


@pytest.mark.parametrize("producer", PRODUCERS)
def test_a_title_starts_on_the_page_of_its_link(producer: str) -> None:
    pages = _annotation_pages(producer)
    for line in pdf_samples.lines(producer):
        for url in re.findall(r"\]\(((?:[^()\s]|\([^()\s]*\))*)\)", line.text):
            assert line.page in pages[url], (line.text, pages[url])


def test_a_title_broken_across_a_page_is_one_link() -> None:
    pages = _annotation_pages("reportlab")
    links = pdf_samples.truth("reportlab")
    listed_once = [
        link for link in links if [other["url"] for other in links].count(link["url"]) == 1
    ]
    broken = [link for link in listed_once if len(set(pages[link["url"]])) > 1]
    assert broken, "the fixture must break a title across a page"
    for link in broken:
        holder = next(
            line
            for line in pdf_samples.lines("reportlab")
            if _markdown_link(link["text"], link["url"]) in line.text
        )
        assert _spans_a_page_break(holder)
        assert holder.text.count(link["url"]) == 1


@pytest.mark.parametrize("producer", PRODUCERS)
def test_running_headers_are_lines_of_their_own(producer: str) -> None:
    found = pdf_samples.lines(producer)
    headers = [line for line in found if line.text == TOPIC_HEADER]
    page_count = len(PdfReader(pdf_samples.path(producer)).pages)
    assert len(headers) >= page_count - 1
    assert all(len(line.source_lines) == 1 for line in headers)
    # Only the brief's own citation starts like the header and goes on.
    inside = [line.text for line in found if TOPIC_HEADER in line.text and line not in headers]
    assert inside == [
        "Evidence Brief: Peer Support Workers. Katie Nicholas. (15 November 2023). UK: "
        "Workforce, Training and Education Knowledge Management Team"
    ]


@pytest.mark.parametrize("producer", PRODUCERS)
def test_page_number_footers_are_dropped(producer: str) -> None:
    assert not [line.text for line in pdf_samples.lines(producer) if line.text.isdigit()]


@pytest.mark.parametrize("producer", PRODUCERS)
def test_lines_are_numbered_through_the_document(producer: str) -> None:
    found = pdf_samples.lines(producer)
    numbers = [number for line in found for number in line.source_lines]
    assert len(numbers) == len(set(numbers))
    assert [line.number for line in found] == sorted(line.number for line in found)
    assert all(list(line.source_lines) == sorted(line.source_lines) for line in found)
    assert all(line.number == line.source_lines[0] for line in found)
    pages = [line.page or 0 for line in found]
    assert pages == sorted(pages)
    assert pages[0] == 1
    assert pages[-1] == len(PdfReader(pdf_samples.path(producer)).pages)
