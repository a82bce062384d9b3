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

import peerbrief
import peerbrief.pdf
from peerbrief.errors import InputError
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
    with pytest.raises(ValueError, match="unknown PDF backend 'mupdf'"):
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
