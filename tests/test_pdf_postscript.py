"""PostScript made into PDF by Ghostscript's pdfwrite, as groff's ``pdfroff`` (pandoc's
``-t ms`` PDFs), ``ps2pdf`` and printing to PDF through CUPS make it, read by every
backend. Needs Ghostscript (Debian: ``apt-get install --no-install-recommends
ghostscript``); a test takes a tenth of a second."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from peerbrief.pdf import BACKENDS, pdf_lines

pytestmark = pytest.mark.skipif(
    shutil.which("gs") is None, reason="needs Ghostscript (apt-get install ghostscript)"
)

# groff's PostScript re-encodes its text fonts with the ligatures in codes 140 and 141,
# and sets a word gap after a word's last letter as the spacing of that letter and the
# next word's first (``2.5(ef)-.18 G``: ``ashow``), which pdfwrite writes as ``Tc``.
_GROFF_LIKE = b"""%!PS
/Palatino-Roman findfont dup length dict begin
  { 1 index /FID ne { def } { pop pop } ifelse } forall
  /Encoding ISOLatin1Encoding 256 array copy dup 140 /fi put dup 141 /fl put def
  currentdict end /Brief-Roman exch definefont pop
/Brief-Roman findfont 10 scalefont setfont
72 700 moveto (Exploring the in\\215uence of bene\\214ts) show
72 680 moveto (Source: Centr) show 2.5 0 (ef) ashow -2.5 0 rmoveto (or Mental Health) show
showpage
"""


@pytest.fixture(scope="module")
def groff_like_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("postscript")
    source, target = folder / "brief.ps", folder / "brief.pdf"
    source.write_bytes(_GROFF_LIKE)
    subprocess.run(
        [
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=pdfwrite",
            f"-sOutputFile={target}",
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Path(target).read_bytes()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ligatures_and_word_gaps_as_ghostscript_writes_them(
    groff_like_pdf: bytes, backend: str
) -> None:
    """The ligature in 141, a code WinAnsiEncoding leaves unused, is the one the font's
    /Differences name, not a bullet (the pypdf backend read ``in•uence``); the word gap
    drawn as character spacing is a space (both read ``Centrefor``)."""
    lines = pdf_lines(groff_like_pdf, "brief.pdf", backend=backend)
    assert [line.text for line in lines] == [
        "Exploring the influence of benefits",
        "Source: Centre for Mental Health",
    ]
