"""Turn a brief into a LaTeX bibliography: a biblatex ``.bib`` file and a small document.

The document cites every work (``\\nocite{*}``) and prints them as one
author-year bibliography. If pdflatex and biber are installed it is compiled to
PDF too.

    python examples/latex_bibliography.py OUTPUT_DIR [BRIEF]   # default: the sample brief

Exit codes as for the ``peerbrief`` command: 0 done; 1 done, but some lines of the
brief were not understood (``peerbrief check`` lists them); 2 the brief could not be read;
3 a file could not be written, or LaTeX failed (its log says why); 64 the command line
is wrong.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import peerbrief
from peerbrief.errors import ExitCode, OutputError, PeerbriefError
from peerbrief.model import Brief

PROG = Path(__file__).name


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {message}\n")


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
    brief.write(bib, "biblatex")
    tex = folder / "references.tex"
    try:
        tex.write_text(
            DOCUMENT % {"bib": bib.name, "title": latex_text(brief.title)}, encoding="utf-8"
        )
    except OSError as error:
        raise OutputError(f"{tex}: cannot be written ({error.strerror})") from None
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
        done = subprocess.run(command, cwd=tex.parent, stdout=subprocess.DEVNULL)
        if done.returncode:
            log = tex.with_suffix(".blg" if command[0] == "biber" else ".log")
            raise OutputError(f"{command[0]} failed on {tex} (exit {done.returncode}); see {log}")
    return tex.with_suffix(".pdf")


def run(output: Path, brief_path: Path | None) -> int:
    brief = peerbrief.read(brief_path or peerbrief.sample_path())
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{output}: cannot make this folder ({error.strerror})") from None
    tex = write_document(brief, output)
    print(f"wrote {tex.with_suffix('.bib')} and {tex}")
    pdf = compile_pdf(tex)
    print(
        f"compiled {pdf}" if pdf else "pdflatex or biber not found: compile references.tex yourself"
    )
    if brief.unexplained:
        print(
            f"{PROG}: {len(brief.unexplained)} lines of the brief not understood", file=sys.stderr
        )
        return ExitCode.UNEXPLAINED
    return ExitCode.OK


def main() -> int:
    parser = Parser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for references.bib and references.tex")
    parser.add_argument("brief", nargs="?", type=Path, help="a brief (default: the sample)")
    args = parser.parse_args()
    try:
        return run(args.output, args.brief)
    except PeerbriefError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
