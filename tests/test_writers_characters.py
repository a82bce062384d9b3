"""Classic BibTeX's characters: each one written as a LaTeX macro reads back as itself in
pylatexenc, pandoc's BibTeX reader and bibtex + pdflatex; every other one is written as
UTF-8, never as math or as another letter (QA: ű came back ú, ð and € empty, ï as ı̈,
capital Epsilon as Latin E)."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import _uni2latexmap

from peerbrief.model import Date, Entry, Person
from peerbrief.writers import render, write
from peerbrief.writers.common import one_line
from peerbrief.writers.latex import KEPT_AS_UTF8, MACRO_CHARACTERS, latex_name, latex_text

# Latin-1 Supplement, Latin Extended-A and every character pylatexenc has a macro for,
# less those a one-line field does not keep (spaces, controls).
CHARACTERS = sorted(
    character
    for character in {chr(code) for code in range(0xA0, 0x180)}
    | {chr(code) for code in _uni2latexmap.uni2latex if code > 127}
    | MACRO_CHARACTERS
    if one_line(character) == character and unicodedata.category(character)[0] != "C"
)
AS_MACROS = [
    character for character in CHARACTERS if latex_text(character, ascii_only=True).isascii()
]


def test_every_character_is_a_macro_that_decodes_back_or_stays_utf8() -> None:
    decode = LatexNodes2Text().latex_to_text
    wrong = {}
    for character in CHARACTERS:
        latex = latex_text(character, ascii_only=True)
        written = unicodedata.normalize("NFC", character)  # Ω for the ohm sign Ω
        if latex != written and decode(latex) != written:
            wrong[character] = latex
    assert wrong == {}


def test_macros_are_written_for_european_letters_only() -> None:
    # Besides the NFC forms of the angstrom and Kelvin signs, Å and K; ſ and ¸ have no macro.
    macros = MACRO_CHARACTERS.intersection(CHARACTERS) - KEPT_AS_UTF8 - {"ſ", "¸"}
    assert set(AS_MACROS) == macros | {"\u212a", "\u212b"}
    assert latex_text("Szűcs", ascii_only=True) == r"Sz{\H{u}}cs"
    assert latex_text("Ελ", ascii_only=True) == "Ελ"  # not {E}{\ensuremath{\lambda}}


pypandoc = pytest.importorskip("pypandoc")


@pytest.mark.slow
def test_pandoc_reads_every_character_back() -> None:
    entries = [Entry(title=f"0{character}0") for character in CHARACTERS]
    items = json.loads(pypandoc.convert_text(render(entries, "bibtex"), "csljson", format="bibtex"))
    titles = [item.get("title", "") for item in items]
    written = (unicodedata.normalize("NFC", character) for character in CHARACTERS)
    wrong = {c: t for c, t in zip(written, titles, strict=True) if t != f"0{c}0"}
    assert wrong == {}


ICELAND = Entry(
    title="A 2 × 2 trial costing €5 · naïve in Győr",
    authors=[Person("Guðmundsdóttir", "Þóra"), Person("Đorđević", "Ana")],
    container_title="Journal of Tests",
    date=Date(2020),
)


@pytest.mark.slow
def test_pandoc_reads_names_and_symbols_back() -> None:
    text = render([ICELAND], "bibtex")
    [item] = json.loads(pypandoc.convert_text(text, "csljson", format="bibtex"))
    assert item["title"] == ICELAND.title
    assert item["author"] == [
        {"family": "Guðmundsdóttir", "given": "Þóra"},
        {"family": "Đorđević", "given": "Ana"},
    ]


def test_a_name_keeps_a_utf8_letter_whole_for_bibtex() -> None:
    assert latex_name("Þóra", ascii_only=True) == r"{\relax Þ}{\'o}ra"


DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\begin{document}
\nocite{*}
\bibliographystyle{apalike}
\bibliography{refs}
\end{document}
"""


@pytest.mark.slow
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdflatex", "bibtex")),
    reason="pdflatex and bibtex are needed",
)
def test_bibtex_and_pdflatex_print_every_macro_and_abbreviate_utf8_initials(
    tmp_path: Path,
) -> None:
    printable = "".join(AS_MACROS) + "".join(sorted(KEPT_AS_UTF8 - set("ĦħŦŧĿŀĸŉ")))
    entries = [
        ICELAND,
        Entry(
            title=printable, authors=[Person("Smith", "A")], container_title="J", date=Date(2021)
        ),
    ]
    write(entries, tmp_path / "refs.bib", "bibtex")
    (tmp_path / "doc.tex").write_text(DOCUMENT)
    for command in (["pdflatex", "-interaction=nonstopmode", "doc.tex"], ["bibtex", "doc"]) * 2:
        subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120, check=False)
    log = (tmp_path / "doc.log").read_text(encoding="latin-1")
    assert [line for line in log.splitlines() if line.startswith("!")] == []
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert r"{\relax Þ}." in bbl  # apalike's initial: the whole letter, not its first byte
