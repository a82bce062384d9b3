"""PostScript made into PDF by Ghostscript's pdfwrite, as groff's ``pdfroff`` (pandoc's
``-t ms`` PDFs), ``ps2pdf`` and printing to PDF through CUPS make it, read by every
backend. Needs Ghostscript (Debian: ``apt-get install --no-install-recommends
ghostscript``); a test takes a tenth of a second."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures import make_ghostscript_pdf

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


# a2ps re-encodes its fonts with PostScript's ISOLatin1Encoding, which names the code of
# the keyboard's hyphen-minus /minus (its /hyphen is at the soft hyphen's, 173). Page 2
# draws a hyphen and a minus sign in the standard encoding, where "-" is /hyphen.
_LATIN1_REENCODED = b"""%!PS
/Courier findfont dup length dict begin
  { 1 index /FID ne { def } { pop pop } ifelse } forall
  /Encoding ISOLatin1Encoding def
  currentdict end /Courier-Latin1 exch definefont pop
/Courier-Latin1 findfont 10 scalefont setfont
72 700 moveto (Author: Lloyd-Jones, R.) show
72 688 moveto (Burnout: a cross-sectional survey) show
72 676 moveto (Protective factors were:) show
72 664 moveto (- regular supervision) show
showpage
/Times-Roman findfont 10 scalefont setfont
72 700 moveto (Staff well-being fell by ) show /minus glyphshow (0.5 points.) show
showpage
"""


def _pdfwrite(tmp_path_factory: pytest.TempPathFactory, postscript: bytes) -> bytes:
    folder = tmp_path_factory.mktemp("postscript")
    source, target = folder / "brief.ps", folder / "brief.pdf"
    source.write_bytes(postscript)
    make_ghostscript_pdf.rewrite(source, target)
    return Path(target).read_bytes()


@pytest.fixture(scope="module")
def groff_like_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _pdfwrite(tmp_path_factory, _GROFF_LIKE)


@pytest.fixture(scope="module")
def latin1_reencoded_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _pdfwrite(tmp_path_factory, _LATIN1_REENCODED)


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


@pytest.mark.parametrize("backend", BACKENDS)
def test_hyphens_a_latin1_reencoded_font_names_minus_signs_are_hyphens(
    latin1_reencoded_pdf: bytes, backend: str
) -> None:
    """Both read ``Lloyd−Jones`` and ``− regular`` with a minus sign (U+2212). A page
    that joins its compounds with hyphens keeps its minus signs. (The lines, evenly
    spaced, are one paragraph.)"""
    lines = pdf_lines(latin1_reencoded_pdf, "brief.pdf", backend=backend)
    assert " ".join(line.text for line in lines) == (
        "Author: Lloyd-Jones, R. Burnout: a cross-sectional survey Protective factors were: "
        "- regular supervision Staff well-being fell by \u22120.5 points."
    )
