"""How the plain text of each PDF text extractor a user may copy with reads.

For each PDF — the sample's fixtures (LibreOffice, Chromium, pdfTeX) and the two other
briefs of ``tests/fixtures/briefs/`` typeset by the same fixture makers, where their
tools are installed — and each extractor installed here (pdfminer.six's ``pdf2txt.py``
and ``extract_text()``; PyMuPDF's ``get_text()``, plain and its blocks joined; pypdf's
``extract_text()``, plain and ``extraction_mode="layout"``; pdfplumber's
``extract_text()``; ``mutool draw -F txt`` and ``mutool convert -F text``; pdf.js as
Firefox's "select all, copy" joins its text items, with ``--pdfjs DIR``, a folder whose
``node_modules`` holds ``pdfjs-dist``), it prints the works read against the text
export's, the export's fields read otherwise (see ``tests/fixtures/accuracy.py``, and the
DOI), the report items not understood, and the notes peerbrief gives about the copy (lost
links, words run together). None of the extractors is a dependency: those missing are
named and skipped.

    python benchmarks/bench_extractors.py [--pdfjs DIR]
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures import (
    accuracy,
    make_chromium_pdf,
    make_libreoffice_pdf,
    make_pdftex_pdf,
    pdf_samples,
)

import peerbrief
from peerbrief.views import copy_notes

BRIEFS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "briefs"
_MAKERS: dict[str, tuple[str, Callable[[Path, Path], Path]]] = {
    "libreoffice": ("soffice", make_libreoffice_pdf.build),
    "chromium": ("chromium", make_chromium_pdf.build),
    "pdftex": ("pdflatex", make_pdftex_pdf.build),
}

# Firefox's "select all, copy" is pdf.js's PDFViewer.getAllText: each page's text items
# joined, a newline where an item ends its line (hasEOL), pages joined by newlines.
_PDFJS_COPY = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [library, pdf] = process.argv.slice(1);
const { getDocument } = await import(pathToFileURL(library).href);
const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
const texts = [];
for (let number = 1; number <= doc.numPages; ++number) {
  const { items } = await (await doc.getPage(number)).getTextContent();
  texts.push(items.map((item) => (item.str ?? "") + (item.hasEOL ? "\\n" : "")).join(""));
}
process.stdout.write(texts.join("\\n").replaceAll("\\x00", ""));
"""

Extractor = Callable[[Path], str]


def _module(name: str) -> Any:
    """The module, or None where it is not installed (none is a dependency)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")


def _mutool_convert(pdf: Path) -> str:
    with tempfile.TemporaryDirectory() as work:  # (it writes no text to standard output)
        out = Path(work) / "text.txt"
        subprocess.run(
            ["mutool", "convert", "-F", "text", "-o", str(out), str(pdf)],
            capture_output=True,
            check=True,
        )
        return out.read_text(encoding="utf-8")


def extractors(pdfjs: Path | None) -> tuple[dict[str, Extractor], list[str]]:
    """The extractors installed here, and the names of those that are not."""
    found: dict[str, Extractor] = {}
    missing: list[str] = []
    miner = _module("pdfminer.high_level")
    # pdfminer.six installs pdf2txt.py as a script, beside this Python's own.
    script = shutil.which("pdf2txt.py") or str(Path(sys.executable).parent / "pdf2txt.py")
    if miner is not None and Path(script).exists():
        found["pdfminer pdf2txt.py"] = lambda pdf: _run(sys.executable, script, str(pdf))
        found["pdfminer extract_text"] = lambda pdf: str(miner.extract_text(str(pdf)))
    else:
        missing.append("pdfminer.six")
    mupdf = _module("pymupdf")
    if mupdf is not None:

        def pymupdf_text(pdf: Path) -> str:
            with mupdf.open(pdf) as document:
                return "".join(page.get_text() for page in document)

        def pymupdf_blocks(pdf: Path) -> str:
            with mupdf.open(pdf) as document:
                blocks = (block for page in document for block in page.get_text("blocks"))
                return "\n".join(block[4] for block in blocks if block[6] == 0)  # text

        found["pymupdf get_text"] = pymupdf_text
        found["pymupdf blocks"] = pymupdf_blocks
    else:
        missing.append("pymupdf")
    pypdf = importlib.import_module("pypdf")  # (a dependency of peerbrief)
    found["pypdf"] = lambda pdf: "\n".join(
        page.extract_text() for page in pypdf.PdfReader(pdf).pages
    )
    found["pypdf layout"] = lambda pdf: "\n".join(
        page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(pdf).pages
    )
    plumber = _module("pdfplumber")
    if plumber is not None:

        def pdfplumber_text(pdf: Path) -> str:
            with plumber.open(pdf) as document:
                return "\n".join(page.extract_text() for page in document.pages)

        found["pdfplumber"] = pdfplumber_text
    else:
        missing.append("pdfplumber")
    if shutil.which("mutool"):
        found["mutool draw -F txt"] = lambda pdf: _run(
            "mutool", "draw", "-q", "-F", "txt", str(pdf)
        )
        found["mutool convert -F text"] = _mutool_convert
    else:
        missing.append("mutool")
    library = (
        pdfjs / "node_modules" / "pdfjs-dist" / "legacy" / "build" / "pdf.mjs" if pdfjs else None
    )
    if library is not None and library.exists() and shutil.which("node"):
        found["pdf.js (Firefox's copy)"] = lambda pdf: _run(
            "node", "--input-type=module", "-e", _PDFJS_COPY, str(library), str(pdf)
        )
    else:
        missing.append("pdf.js (node and --pdfjs DIR)")
    return found, missing


def pdfs(work: Path) -> Iterator[tuple[str, Path, tuple[peerbrief.Entry, ...]]]:
    """(name, PDF, the entries of its text export) for each PDF there is."""
    sample = pdf_samples.text_brief().entries
    for producer in ("libreoffice", "chromium", "pdftex"):
        yield f"sample {producer}", pdf_samples.path(producer), sample
    for source in sorted(BRIEFS.glob("*.txt")):
        export = peerbrief.read(source, dedupe=False).entries
        for producer, (program, build) in _MAKERS.items():
            if shutil.which(program):
                pdf = build(work / f"{source.stem}-{producer}.pdf", source)
                yield f"{source.stem} {producer}", pdf, export


def _fields_wrong(found: tuple[peerbrief.Entry, ...], export: tuple[peerbrief.Entry, ...]) -> int:
    """The export's fields that the copy read otherwise (a work missed counts each)."""
    wrong = len(accuracy.mismatches(found, export))
    doi = [entry.doi for entry in export]
    return wrong + sum(1 for a, b in zip(doi, [e.doi for e in found], strict=False) if a != b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfjs", type=Path, help="a folder whose node_modules has pdfjs-dist")
    args = parser.parse_args()
    found, missing = extractors(args.pdfjs)
    if missing:
        print(f"not installed, skipped: {', '.join(missing)}")
    print(f"  {'PDF':34} {'extractor':24} {'works':>9} {'fields':>6} {'unexp':>5}  notes")
    with tempfile.TemporaryDirectory() as work:
        for name, pdf, export in pdfs(Path(work)):
            for extractor, extract in found.items():
                brief = peerbrief.parse(extract(pdf), source=name, dedupe=False)
                notes = "; ".join(note.split(":")[0].split(",")[0] for note in copy_notes(brief))
                print(
                    f"  {name:34} {extractor:24} {len(brief.entries):4}/{len(export):<4}"
                    f" {_fields_wrong(brief.entries, export):6} {len(brief.unexplained):5}"
                    f"  {notes}",
                    flush=True,
                )
    print("fields: the export's fields (accuracy.FIELDS and the DOI) read otherwise")
    print("unexp: report items not understood; notes: what peerbrief says about the copy")


if __name__ == "__main__":
    main()
