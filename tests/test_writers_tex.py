"""The real thing: bibtex (plain.bst) and biber read the .bib files without a warning, and
pdflatex typesets the result without an error. Skipped where TeX is not installed
(Debian: texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from peerbrief.model import Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.writers import write

needs_tex = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdflatex", "bibtex", "biber")),
    reason="pdflatex, bibtex and biber are needed",
)

TRICKY = [
    Entry(
        title="A {broken} title } with 50% R&D, $5, #1, a_b, ~x^2, \\, <<q>>, x--y, ``q'' é ü ß",
        authors=[
            Person("Hegedüs", "Anna"),
            Person("van der Berg", "Jan"),
            Person("Smith, Jr", "Ann & Bob"),
            Person("Public Health England", organisation=True),
            Person("others"),
            Person("{Brace", "Open_Given"),
        ],
        authors_truncated=True,
        container_title="Journal of R&D {and} 100% things",
        volume="27 Suppl 1",
        issue="3",
        pages=Pages("451", "460"),
        date=Date(2012, 4, end=Date(2012, 6)),
        abstract="Results: 50% ^ ~ \\ { } $ # _ & – — … “quotes” ’",
        access="Full text available with NHS OpenAthens account*",
        sections=[Section("Published Peer Reviewed Research", "Health, wellbeing, and balance")],
        provenance=[Provenance("x.txt", [1], brief="Evidence Brief: Peer Support Workers")],
        url="https://example.org/a_b%20c?x=1&y=~z#frag",
        doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
    ),
    Entry(
        title="NHS Long Term Workforce Plan",
        kind=Kind.REPORT,
        publisher="NHS England",
        place="London",
        date=Date(2018, season=1),
    ),
    Entry(title="A report with no date or publisher", kind=Kind.REPORT),
    Entry(title="Video: Peer Support", kind=Kind.VIDEO, date=Date(2020, 2, 3)),
    Entry(title="An article missing its journal", authors=[Person("Page")], pages=Pages("e1")),
]

BIBTEX_DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""

BIBLATEX_DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[backend=biber]{biblatex}
% The standard styles have no driver for @video.
\DeclareBibliographyAlias{video}{misc}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


def run(tool: str, *args: str, cwd: Path) -> None:
    subprocess.run(
        [tool, *args],
        cwd=cwd,
        check=False,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def latex_errors(directory: Path) -> list[str]:
    log = (directory / "doc.log").read_text(encoding="latin-1")
    return [line for line in log.splitlines() if line.startswith("!")]


def sample_entries() -> list[Entry]:
    import peerbrief

    if not hasattr(peerbrief, "read"):
        return []
    return list(peerbrief.read(peerbrief.sample_path()).entries)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return TRICKY + sample_entries()


@needs_tex
def test_bibtex_plain_reads_every_entry_without_a_warning(
    tmp_path: Path, entries: list[Entry]
) -> None:
    write(entries, tmp_path / "refs.bib", "bibtex")
    (tmp_path / "doc.tex").write_text(BIBTEX_DOCUMENT)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    run("bibtex", "doc", cwd=tmp_path)
    blg = (tmp_path / "doc.blg").read_text(encoding="latin-1")
    assert "Database file #1: refs.bib" in blg
    # bibtex reports "Warning--empty journal in …" and "(There were 2 warnings)".
    assert [line for line in blg.splitlines() if "Warning--" in line or "(There w" in line] == []
    assert (tmp_path / "doc.bbl").read_text(encoding="latin-1").count(r"\bibitem") == len(entries)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    assert latex_errors(tmp_path) == []


@needs_tex
def test_biber_reads_every_entry_without_a_warning(tmp_path: Path, entries: list[Entry]) -> None:
    write(entries, tmp_path / "refs.bib", "biblatex")
    (tmp_path / "doc.tex").write_text(BIBLATEX_DOCUMENT)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    run("biber", "doc", cwd=tmp_path)
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8")
    assert [line for line in blg.splitlines() if "WARN" in line or "ERROR" in line] == []
    assert (tmp_path / "doc.bbl").read_text(encoding="utf-8").count(r"\entry{") == len(entries)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    assert latex_errors(tmp_path) == []
