"""The command's PDF options (backend, limits, page progress), and what it says of a
PDF copy that lost its links, on a committed fixture."""

from __future__ import annotations

import html
import importlib
import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import pytest
from fixtures import make_plain_text, pdf_samples
from pypdf import PdfWriter
from test_pdf_hostile import without_unicode_maps

import peerbrief
from peerbrief.cli import main
from peerbrief.errors import InputError
from peerbrief.views import LOST_LINKS

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
    monkeypatch.setattr(shutil, "get_terminal_size", lambda: os.terminal_size((500, 24)))
    _, err = run(capsys, "check", str(PDF))
    pages = pdf_samples.lines("libreoffice")[-1].page
    assert f"reading 1/1: {PDF} (page 1/{pages})" in err
    assert f"(page {pages}/{pages})" in err


def test_progress_on_a_narrow_terminal_keeps_the_page_count(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda: os.terminal_size((40, 24)))
    _, err = run(capsys, "check", str(PDF))
    pages = pdf_samples.lines("libreoffice")[-1].page
    shown = [line for line in err.split("\r\x1b[K") if line]
    assert all(len(line) <= 39 for line in shown)
    assert shown[-1].startswith("reading 1/1: ")
    assert shown[-1].endswith(f"(page {pages}/{pages})")


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


@pytest.fixture(scope="module")
def printed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture re-saved without its link annotations, as printing it to PDF does."""
    writer = PdfWriter(clone_from=PDF)
    writer.remove_annotations(subtypes="/Link")
    path = tmp_path_factory.mktemp("printed") / "printed.pdf"
    writer.write(path)
    return path


@pytest.mark.parametrize(
    "copy",
    [
        "printed",
        "libreoffice.pdftotext",
        # A viewer's copy has no form feeds: the page numbers between its lines show pages.
        "libreoffice.viewer",
    ],
)
def test_a_copy_that_lost_its_links_is_named_as_such(
    capsys: pytest.CaptureFixture[str], printed_copy: Path, tmp_path: Path, copy: str
) -> None:
    path = printed_copy
    if copy != "printed":
        path = tmp_path / "copy.txt"
        path.write_text(make_plain_text.read(copy), encoding="utf-8")
    code, err = run(capsys, "convert", str(path), "-o", str(tmp_path / "out.ris"))
    assert code == 0
    assert f"warning: {path}: no reference has a link, so no URL or DOI" in err
    assert "UR  - " not in (tmp_path / "out.ris").read_text(encoding="utf-8")
    main(["check", str(path)])
    report = capsys.readouterr().out
    works = len(peerbrief.read(path))
    assert f"works with a link           0 of {works}" in report
    assert "note: no reference has a link" in report


@pytest.mark.parametrize(
    ("path", "linked"), [(PDF, True), (peerbrief.sample_path(), False)], ids=["PDF", "export"]
)
def test_the_published_pdf_and_the_text_export_are_not_warned_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, linked: bool
) -> None:
    """The text export is known to have lost its link targets (``[Title](#)``): the
    count says so, with no warning."""
    main(["convert", str(path), "-o", str(tmp_path / "out.ris")])
    assert "has a link" not in capsys.readouterr().err
    main(["check", str(path)])
    works = len(peerbrief.read(path))
    report = capsys.readouterr().out
    assert f"works with a link           {works if linked else 0} of {works}" in report
    assert "note:" not in report


TITLE = "Strategic storytelling: an exploration of the professional practices of mental health"


@pytest.mark.parametrize("glued", [True, False], ids=["words run together", "spaced"])
def test_a_copy_whose_words_ran_together_is_named_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, glued: bool
) -> None:
    """pypdf's and pdfplumber's text of a PDF set by TeX (which draws no space glyphs)
    leaves out the narrower gaps of a justified line: no rule puts the spaces back, but
    the user is told, by ``convert`` and ``check`` and the brief's summary."""
    text = make_plain_text.read("libreoffice.viewer")
    assert TITLE in text
    if glued:
        head, tail = TITLE.split(" ", 1)
        text = text.replace(TITLE, f"{head} {tail.replace(' ', '')}")
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    note = "words run together in the title or abstract of 1 work: the copy lost the spaces"
    code, err = run(capsys, "convert", str(path), "-o", str(tmp_path / "out.ris"))
    assert code == 0
    assert (f"warning: {path}: {note}" in err) is glued
    main(["check", str(path)])
    assert (f"note: {note}" in capsys.readouterr().out) is glued
    assert (note in peerbrief.read(path).summary()) is glued


def test_a_notebook_names_a_copy_that_lost_its_links(printed_copy: Path) -> None:
    lost, published = peerbrief.read(printed_copy), peerbrief.read(PDF)
    assert lost.summary().splitlines()[-1] == f"Note: {LOST_LINKS}"
    assert f"Note: {html.escape(LOST_LINKS)}" in lost._repr_html_()
    assert "Note:" not in published.summary()
    assert "Note:" not in published._repr_html_()


def test_a_cipher_of_glyph_numbers_is_one_line_and_no_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cipher = tmp_path / "printed.pdf"
    cipher.write_bytes(without_unicode_maps(PDF.read_bytes()))
    output = tmp_path / "out.ris"
    code, err = run(capsys, "convert", str(cipher), "-o", str(output))
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"peerbrief: error: {cipher}: the PDF's text cannot be decoded")
    assert not output.exists()
