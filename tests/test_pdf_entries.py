"""The sample brief's PDFs give the same references as its text export, plus their links."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fixtures import brief_source, pdf_samples
from fixtures.accuracy import FIELDS, mismatches
from fixtures.pdf_samples import PRODUCERS

import peerbrief
import peerbrief.pdf
from peerbrief.fields import doi_from_url
from peerbrief.pdf import UndecodableText


@pytest.mark.parametrize("producer", PRODUCERS)
def test_every_field_matches_the_text_export(producer: str) -> None:
    """The export's links in prose lead nowhere (``#``); the PDF's lead to their pages,
    which an abstract spells out after their words."""
    from_pdf = pdf_samples.brief(producer).entries
    from_text = _export_linked_as(pdf_samples.truth(producer)).entries
    assert len(from_pdf) == len(from_text) == 116
    for pdf_entry, text_entry in zip(from_pdf, from_text, strict=True):
        for name in FIELDS:
            assert getattr(pdf_entry, name) == getattr(text_entry, name), (name, text_entry.title)


def _export_linked_as(truth: tuple[dict[str, Any], ...]) -> peerbrief.Brief:
    """The text export read with its links in prose leading where the PDF's do."""
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    links = [(link["text"], link["url"], link["role"]) for link in truth]
    return peerbrief.parse(brief_source.prose_linked(text, links), dedupe=False)


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


def _stamped(data: bytes, page: int, text: str) -> bytes:
    """The PDF with ``text`` drawn up the left margin of page ``page`` (1-based)."""
    import io

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[page - 1].mediabox
    overlay = io.BytesIO()
    canvas = Canvas(overlay, pagesize=(float(box.width), float(box.height)), invariant=1)
    canvas.rotate(90)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(100, -30, text)
    canvas.save()
    writer = PdfWriter(clone_from=reader)
    writer.pages[page - 1].merge_page(PdfReader(overlay).pages[0])
    stamped = io.BytesIO()
    writer.write(stamped)
    return stamped.getvalue()


@pytest.mark.parametrize("backend", peerbrief.pdf.BACKENDS)
def test_a_note_set_at_an_angle_is_reported_and_reads_nothing_else_differently(
    backend: str,
) -> None:
    """A note up a page's margin is no part of the brief: the entries stay as they were,
    and the note is reported, failing a check, rather than dropped in silence."""
    note = "Printed copy: check the web page for the latest version of this brief"
    data = _stamped(pdf_samples.path("libreoffice").read_bytes(), 5, note)
    brief = peerbrief.read(data, pdf_backend=backend, dedupe=False)
    unstamped = pdf_samples.brief("libreoffice", backend).entries
    assert len(brief.entries) == len(unstamped)
    for entry, expected in zip(brief.entries, unstamped, strict=True):
        for name in (*FIELDS, "url", "doi"):
            assert getattr(entry, name) == getattr(expected, name), (name, expected.title)
    [item] = brief.unexplained
    assert (item.text, item.page, item.reason) == (note, 5, peerbrief.Reason.TURNED_TEXT)


_MUTOOL = shutil.which("mutool")


@pytest.mark.skipif(_MUTOOL is None, reason="mutool (Debian's mupdf-tools) is not installed")
@pytest.mark.parametrize("backend", peerbrief.pdf.BACKENDS)
@pytest.mark.parametrize("producer", PRODUCERS)
def test_a_pdf_mutool_convert_redrew_is_read_right_refused_or_reported(
    producer: str, backend: str, tmp_path: Path
) -> None:
    """``mutool convert`` redraws a PDF with MuPDF's own font subsets, whose maps to Unicode
    (MuPDF 1.21) keep what the fonts' codes meant as ASCII only: reportlab's subsets put
    ``–`` and ``’`` in codes below 32, and those come out as control characters (48
    fields wrong, 3 works lost, nothing reported, before they were reported); LibreOffice's
    and pdfTeX's text becomes a cipher. A value lands in its field, or the PDF is refused,
    or the loss is reported (which fails a check): never wrong in silence."""
    assert _MUTOOL is not None
    converted = tmp_path / "converted.pdf"
    subprocess.run(
        [_MUTOOL, "convert", "-o", str(converted), str(pdf_samples.path(producer))],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        brief = peerbrief.read(converted, pdf_backend=backend, dedupe=False)
    except UndecodableText:
        return
    expected = _export_linked_as(pdf_samples.truth(producer)).entries
    reported = {item.reason for item in brief.unexplained}
    if peerbrief.Reason.UNDECODABLE_GLYPHS not in reported:
        assert mismatches(brief.entries, expected) == []
        assert brief.unexplained == ()
