"""Turn a brief into a LaTeX bibliography: a biblatex ``.bib`` file and a small document.

The document cites every work (``\\nocite{*}``) and prints them as one
author-year bibliography. If pdflatex and biber are installed it is compiled to
PDF too.

    python examples/latex_bibliography.py OUTPUT_DIR [BRIEF]   # default: the sample brief
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import peerbrief
from peerbrief.model import Brief
from peerbrief.writers import write

DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[backend=biber, style=authoryear, sorting=nyt, maxbibnames=10]{biblatex}
\usepackage[hidelinks]{hyperref}
\addbibresource{%(bib)s}
\title{%(title)s}
\author{}
\date{}
\begin{document}
\maketitle
\nocite{*}
\printbibliography[title={References}]
\end{document}
"""

LATEX_SPECIALS = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\^{}"}


def latex_text(text: str) -> str:
    """The brief's title is plain text; LaTeX must print it, not interpret it."""
    return "".join(
        LATEX_SPECIALS.get(char, char) for char in text.replace("\\", r"\textbackslash{}")
    )


def write_document(brief: Brief, folder: Path) -> Path:
    bib = folder / "references.bib"
    write(brief.entries, bib, "biblatex")
    tex = folder / "references.tex"
    tex.write_text(DOCUMENT % {"bib": bib.name, "title": latex_text(brief.title)}, encoding="utf-8")
    return tex


def compile_pdf(tex: Path) -> Path | None:
    """pdflatex, biber, pdflatex twice: the usual biblatex round (the last run settles the
    page breaks the bibliography moved). None if the tools are missing."""
    if not (shutil.which("pdflatex") and shutil.which("biber")):
        return None
    stem = tex.stem
    for command in (
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        ["biber", stem],
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
    ):
        subprocess.run(command, cwd=tex.parent, check=True, stdout=subprocess.DEVNULL)
    return tex.with_suffix(".pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for references.bib and references.tex")
    parser.add_argument("brief", nargs="?", type=Path, help="a brief (default: the sample)")
    args = parser.parse_args()

    brief = peerbrief.read(args.brief or peerbrief.sample_path())
    args.output.mkdir(parents=True, exist_ok=True)
    tex = write_document(brief, args.output)
    print(f"wrote {tex.with_suffix('.bib')} and {tex}")
    pdf = compile_pdf(tex)
    print(
        f"compiled {pdf}" if pdf else "pdflatex or biber not found: compile references.tex yourself"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
