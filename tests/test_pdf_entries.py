"""The sample brief's PDFs give the same references as its text export, plus their links."""

from __future__ import annotations

import pytest
from fixtures import pdf_samples
from fixtures.accuracy import FIELDS
from fixtures.pdf_samples import PRODUCERS

import peerbrief
from peerbrief.fields import doi_from_url


@pytest.mark.parametrize("producer", PRODUCERS)
def test_every_field_matches_the_text_export(producer: str) -> None:
    from_pdf = pdf_samples.brief(producer).entries
    from_text = pdf_samples.text_brief().entries
    assert len(from_pdf) == len(from_text) == 116
    for pdf_entry, text_entry in zip(from_pdf, from_text, strict=True):
        for name in FIELDS:
            assert getattr(pdf_entry, name) == getattr(text_entry, name), (name, text_entry.title)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_every_line_is_understood(producer: str) -> None:
    assert pdf_samples.brief(producer).unexplained == ()


@pytest.mark.parametrize("producer", PRODUCERS)
def test_every_linked_title_has_its_url_and_doi(producer: str) -> None:
    by_title = {
        link["text"]: link
        for link in pdf_samples.truth(producer)
        if link["role"] in ("title", "document")
    }
    entries = pdf_samples.brief(producer).entries
    assert {entry.title for entry in entries} <= set(by_title)
    for entry in entries:
        link = by_title[entry.title]
        assert entry.url == link["url"]
        assert entry.doi == (link["doi"].lower() if link["doi"] else None)
    assert sum(1 for entry in entries if entry.doi) == 96


def test_the_fixtures_dois_are_what_doi_from_url_finds() -> None:
    for link in pdf_samples.truth("reportlab"):
        assert doi_from_url(link["url"]) == link["doi"]


@pytest.mark.parametrize("producer", PRODUCERS)
def test_entries_know_their_pages(producer: str) -> None:
    for entry in pdf_samples.brief(producer).entries:
        pages = entry.provenance[0].pages
        assert pages, entry.title
        title_line = min(entry.provenance[0].lines)
        title_page = next(
            line.page for line in pdf_samples.lines(producer) if title_line in line.source_lines
        )
        assert title_page == pages[0]


def test_read_recognises_a_pdf_by_its_content() -> None:
    data = pdf_samples.path("reportlab").read_bytes()
    brief = peerbrief.read(data, dedupe=False)
    assert len(brief.entries) == 116
