"""The sample brief as its authors write it, in Word (python-docx with Word's built-in
styles, a TOC field, ``w:hyperlink`` titles, bold labels, ``List Bullet``, a running
header and a PAGE field: ``tests/fixtures/make_docx.py``), saved by LibreOffice as PDF
and as plain text, reads to the export's entries; the .docx itself is refused by name."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import accuracy, make_docx, pdf_samples

import peerbrief

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None and shutil.which("libreoffice") is None,
        reason="LibreOffice (soffice) is not installed",
    ),
]


@pytest.fixture(scope="module")
def word_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_docx.build(tmp_path_factory.mktemp("docx") / "brief.docx")


@pytest.fixture(scope="module")
def word_pdf(word_brief: Path) -> Path:
    return make_docx.export(word_brief, "pdf", word_brief.parent)


@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_words_brief_saved_as_pdf_reads_to_the_exports_entries_with_its_links(
    word_brief: Path, word_pdf: Path, backend: str
) -> None:
    brief = peerbrief.read(word_pdf, dedupe=False, pdf_backend=backend)
    assert accuracy.mismatches(brief.entries, pdf_samples.text_brief().entries) == []
    truth = json.loads(word_brief.with_suffix(".json").read_text(encoding="utf-8"))
    urls = {link["text"]: link["url"] for link in truth if link["role"] != "navigation"}
    assert {entry.title: entry.url for entry in brief.entries} == {
        entry.title: urls[entry.title] for entry in brief.entries
    }


def test_words_brief_saved_as_plain_text_reads_to_the_exports_entries(word_brief: Path) -> None:
    """Plain text has no superscripts: ``practice,1,2 research``, ``Adj R2 =``."""
    text = make_docx.export(word_brief, "txt", word_brief.parent)
    assert "practice,1,2 research" in text.read_text(encoding="utf-8-sig")
    brief = peerbrief.read(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, pdf_samples.text_brief().entries) == []


@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_a_header_with_a_date_at_its_right_is_not_the_briefs_title(
    tmp_path: Path, backend: str
) -> None:
    """Word's header: the title, then the date at the right tab stop. The first page's
    header stands above the title."""
    source = make_docx.build(tmp_path / "dated.docx", header_note="November 2023")
    pdf = make_docx.export(source, "pdf", tmp_path)
    brief = peerbrief.read(pdf, dedupe=False, pdf_backend=backend)
    assert brief.title == "Evidence Brief: Peer Support Workers"
    assert accuracy.mismatches(brief.entries, pdf_samples.text_brief().entries) == []


@pytest.mark.parametrize(
    ("target", "named"),
    [
        (None, "a Word document (.docx)"),
        ("doc", "a Word 97-2003 document (.doc)"),
        ("rtf", "a Rich Text Format document (.rtf)"),
        ("odt", "an OpenDocument text (.odt)"),
        ("fodt", "an OpenDocument flat XML document (.fodt)"),
    ],
)
def test_the_word_processors_own_files_are_named_and_pdf_advised(
    word_brief: Path, target: str | None, named: str
) -> None:
    source = make_docx.export(word_brief, target, word_brief.parent) if target else word_brief
    result = subprocess.run(
        [sys.executable, "-m", "peerbrief", "convert", str(source), "--to", "ris"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert named in result.stderr and "save it as PDF" in result.stderr
    assert result.stdout == ""
