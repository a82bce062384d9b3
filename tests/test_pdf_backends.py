"""Both PDF backends give identical lines, hence identical entries, on every PDF fixture.

This is the one place the slow pure-Python backend reads the whole sample brief; every
other test of a whole brief uses the default backend. Where the backends differ by
design (malformed operators, page trees, soft hyphens at line ends) the hostile-file
and rule tests say so case by case.
"""

from __future__ import annotations

import sys

import pytest
from fixtures import pdf_samples
from fixtures.pdf_samples import PRODUCERS
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)
from test_pdf_post_processing import one_page_pdf

import peerbrief
import peerbrief.pdf
from peerbrief.errors import InputError, UsageError
from peerbrief.pdf import BACKENDS, PdfLimits, default_backend


@pytest.mark.parametrize("producer", PRODUCERS)
def test_the_backends_give_identical_lines(producer: str) -> None:
    pdfium, pypdf = (pdf_samples.lines(producer, backend) for backend in BACKENDS)
    assert len(pdfium) == len(pypdf)
    for ours, theirs in zip(pdfium, pypdf, strict=True):
        assert ours == theirs


@pytest.mark.parametrize("producer", PRODUCERS)
def test_the_backends_give_identical_entries(producer: str) -> None:
    pdfium, pypdf = (pdf_samples.brief(producer, backend) for backend in BACKENDS)
    assert pdfium.entries == pypdf.entries
    assert pdfium.report == pypdf.report
    assert len(pdfium.entries) == 116


def test_pdfium_is_the_default_and_pypdf_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_backend() == "pdfium"
    monkeypatch.setitem(sys.modules, "peerbrief.pdf.pdfium", None)  # as if it failed to import
    assert default_backend() == "pypdf"
    data = pdf_samples.path("reportlab").read_bytes()
    assert peerbrief.pdf.pdf_lines(data, "brief.pdf") == list(pdf_samples.lines("reportlab"))


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(UsageError, match="unknown PDF backend 'mupdf'"):
        peerbrief.pdf.pdf_lines(b"%PDF-1.7\n%%EOF", "brief.pdf", backend="mupdf")


@pytest.mark.parametrize("backend", BACKENDS)
def test_read_passes_the_backend_and_limits_on(backend: str) -> None:
    path = pdf_samples.path("libreoffice")
    with pytest.raises(InputError, match=r"more than 3 pages \(PdfLimits.max_pages, --max-pages\)"):
        peerbrief.read(path, pdf_backend=backend, limits=PdfLimits(max_pages=3))


def test_read_reports_progress_page_by_page() -> None:
    seen: list[tuple[int, int]] = []
    brief = peerbrief.read(pdf_samples.path("libreoffice"), progress=lambda *at: seen.append(at))
    assert len(brief.entries) < 116  # de-duplicated
    assert seen == [(page, seen[-1][1]) for page in range(1, seen[-1][1] + 1)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_word_space_drawn_as_a_gap_stays_in_the_run(backend: str) -> None:
    """Chromium draws every glyph alone and body text without spaces: a line in one style
    is still one run (not a run a word), each gap a space from one word to the next."""
    from peerbrief.pdf import _open

    data = pdf_samples.path("chromium").read_bytes()
    limits = PdfLimits()
    document = _open(backend, data, "brief.pdf", limits, limits.deadline("brief.pdf"))
    try:
        runs = document.page(5).runs
    finally:
        document.close()
    words = sum(len(run.text.split()) for run in runs)
    assert words > 300 and len(runs) * 5 < words
    spanning_gaps = [
        index
        for run in runs
        for index in range(1, len(run.text) - 1)
        if run.text[index] == " "
        and run.lefts[index] == run.rights[index - 1] < run.rights[index] == run.lefts[index + 1]
    ]
    assert len(spanning_gaps) > 200


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_glyph_name_with_a_suffix_reads_as_its_glyph(backend: str) -> None:
    """TeX's fonts (LuaTeX, dvips and Ghostscript) name the straight quote
    ``quotesingle.ts1``: by the Adobe Glyph List's rules, a quote, not the name."""
    encoding = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): ArrayObject(
                [NumberObject(39), NameObject("/quotesingle.ts1")]
            ),
        }
    )
    data = one_page_pdf(
        b"BT /F1 10 Tf 72 600 Td (Peer Support Workers' Benchmarking report) Tj ET",
        encoding=encoding,
    )
    lines = peerbrief.pdf.pdf_lines(data, "quote.pdf", backend=backend)
    assert [line.text for line in lines] == ["Peer Support Workers' Benchmarking report"]


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_pdfium_reads_a_page_alike_in_any_chunks(
    producer: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pdfium backend asks PDFium about a chunk of characters at once; a text object
    cut by a chunk's end (one glyph of Chromium's, a line of a word processor's) is read
    as if it were whole."""
    from peerbrief.pdf import pdfium

    data = pdf_samples.path(producer).read_bytes()
    limits = PdfLimits()

    def runs() -> list[tuple[str, list[float], list[float], float, float, bool]]:
        document = pdfium.PdfiumDocument(data, "brief.pdf", limits, limits.deadline("brief.pdf"))
        try:
            page = document.page(2)
        finally:
            document.close()
        return [(run.text, run.lefts, run.rights, run.y, run.size, run.bold) for run in page.runs]

    whole = runs()
    monkeypatch.setattr(pdfium, "_CHECK_EVERY", chunk)
    assert runs() == whole
    assert sum(len(run[0]) for run in whole) > 1000
