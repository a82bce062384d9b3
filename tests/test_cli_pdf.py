"""The command's PDF options: backend, limits and page progress, on a committed fixture."""

from __future__ import annotations

import importlib
import sys
from typing import NoReturn

import pytest
from fixtures import pdf_samples

from peerbrief.cli import main
from peerbrief.errors import InputError

PDF = pdf_samples.path("libreoffice")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([*argv])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_either_backend_can_be_chosen(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    """The chosen backend's first page read fails on purpose: its message comes out."""
    module = importlib.import_module(f"peerbrief.pdf.{backend}")
    document = next(value for name, value in vars(module).items() if name.endswith("Document"))

    def fail(_self: object, _number: int) -> NoReturn:
        raise InputError(f"{backend} was asked")

    monkeypatch.setattr(document, "page", fail)
    code, err = run(capsys, "check", "--pdf-backend", backend, str(PDF))
    assert (code, err.strip()) == (2, f"peerbrief: error: {backend} was asked")


def test_progress_counts_pages_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, err = run(capsys, "check", str(PDF))
    pages = pdf_samples.lines("libreoffice")[-1].page
    assert f"reading 1/1: {PDF} (page 1/{pages})" in err
    assert f"(page {pages}/{pages})" in err


@pytest.mark.parametrize("terminal", [True, False])
def test_no_progress_when_quiet_or_not_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    _, err = run(capsys, "check", *(["--quiet"] if terminal else []), str(PDF))
    assert "page" not in err


def test_max_pages_refuses_a_longer_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "check", "--max-pages", "3", str(PDF))
    assert code == 2
    assert err.strip().endswith("(PdfLimits.max_pages, --max-pages)")


def test_timeout_bounds_reading(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "check", "--timeout", "1e-9", str(PDF))
    assert code == 2
    assert "took longer than 1e-09 s (PdfLimits.max_seconds, --timeout)" in err


@pytest.mark.parametrize(
    "option",
    [["--max-pages", "0"], ["--timeout", "-1"], ["--timeout", "nan"], ["--pdf-backend", "mupdf"]],
)
def test_bad_pdf_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    code, err = run(capsys, "check", *option, str(PDF))
    assert code == 64
    assert len(err.splitlines()) == 1
