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


def _typeset(factory: pytest.TempPathFactory, engine: str, document: str, missing: str) -> bytes:
    """The PDF ``engine`` makes of ``document``; the test skips, saying ``missing``, where
    the engine is not installed or cannot set the document."""
    program = shutil.which(engine)
    if program is None:
        pytest.skip(f"{engine} (TeX Live) is not installed")
    work: Path = factory.mktemp(engine)
    (work / "brief.tex").write_text(document, encoding="ascii")
    made = subprocess.run(
        [program, "-interaction=nonstopmode", "-halt-on-error", "brief.tex"],
        cwd=work,
        check=False,
        capture_output=True,
        timeout=120,
    )
    if made.returncode != 0:
        pytest.skip(f"{engine} cannot set the document ({missing})")
    return (work / "brief.pdf").read_bytes()


@pytest.fixture(scope="module")
def ot1_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _typeset(tmp_path_factory, "pdflatex", _DOCUMENT, "a broken TeX Live")


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


_LUATEX_DOCUMENT = r"""\documentclass[11pt]{article}
\usepackage{fontspec}
\setmainfont{TeX Gyre Pagella}
\pagestyle{empty}
\begin{document}
\noindent\hbox to 16cm{Initial Training for Mental Health Peer Support Workers: Systematized
Review and International}
\end{document}
"""


@pytest.fixture(scope="module")
def luatex_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _typeset(
        tmp_path_factory, "lualatex", _LUATEX_DOCUMENT, "fontspec or the TeX Gyre fonts missing"
    )


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_narrow_word_move_in_luatex_cff_text_is_a_space(luatex_pdf: bytes, backend: str) -> None:
    """LuaTeX sets OpenType CFF fonts as CID fonts that map no code to a space, and a
    line shrunk to fit moves 0.17 em between words: PDFium infers no space before a wide
    letter (``Support`` + ``Workers``), as viewers built on it copy the text."""
    texts = [line.text for line in pdf_lines(luatex_pdf, "brief.pdf", backend=backend)]
    assert texts == [
        "Initial Training for Mental Health Peer Support Workers: Systematized Review and"
        " International"
    ]


_ACCENTS = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\begin{document}
\pagestyle{empty}
H\=enare, Ver\v{s}kait\.e and Mendon\c{c}a wrote about Children\'{}s services.
\end{document}
"""


@pytest.fixture(scope="module")
def accents_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _typeset(tmp_path_factory, "pdflatex", _ACCENTS, "a broken TeX Live")


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_accent_tex_sets_over_a_letter_is_the_accented_letter(
    accents_pdf: bytes, backend: str
) -> None:
    """T1 has no ē or ė: TeX draws the spacing accent and moves back to set the letter
    under it, which read ``H¯enare``, ``Verškait˙e``. An accent typed apart (``´s``) stays."""
    (line,) = pdf_lines(accents_pdf, "accents.pdf", backend=backend)
    assert line.text == "Hēnare, Verškaitė and Mendonça wrote about Children´s services."
