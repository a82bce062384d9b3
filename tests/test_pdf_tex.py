"""A classic TeX PDF read through every backend: Computer Modern in the OT1 encoding,
without a ToUnicode map (as pdfTeX wrote PDFs before LaTeX asked it for one).

OT1 puts TeX's quotes, dashes and ligatures where ASCII has other characters (the
closing quote ’ at 0x27, the en dash at 0x7B, fi at 0x0C), and the font's built-in
encoding names each glyph. A reader must go by those names, as pdftotext does: 0x27 is
the glyph ``quoteright``, U+2019, what the page shows, never the ASCII quote of its code.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from peerbrief.pdf import BACKENDS, pdf_lines

_DOCUMENT = r"""\pdfgentounicode=0
\documentclass{article}
\begin{document}
\pagestyle{empty}
Workers' first office--floor effect---``fluffy'' affliction.
\end{document}
"""


@pytest.fixture(scope="module")
def ot1_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        pytest.skip("pdflatex (TeX Live) is not installed")
    work: Path = tmp_path_factory.mktemp("ot1")
    (work / "brief.tex").write_text(_DOCUMENT, encoding="ascii")
    subprocess.run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "brief.tex"],
        cwd=work,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (work / "brief.pdf").read_bytes()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ot1_glyphs_read_by_their_names(ot1_pdf: bytes, backend: str) -> None:
    resources = PdfReader(io.BytesIO(ot1_pdf)).pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    assert not any("/ToUnicode" in font.get_object() for font in fonts.values())
    texts = [line.text for line in pdf_lines(ot1_pdf, "brief.pdf", backend=backend)]
    assert texts == [
        "Workers\u2019 first office\u2013floor effect\u2014\u201cfluffy\u201d affliction."
    ]
