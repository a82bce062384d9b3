"""Every example script runs, in a temporary folder, and makes what it promises."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import rispy
from bibtexparser.entrypoint import parse_string

import peerbrief
from peerbrief.model import Brief

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLE = peerbrief.sample_path()


@pytest.fixture(scope="module")
def sample() -> Brief:
    return peerbrief.read(SAMPLE)


def run_example(script: str, *argv: str | Path, cwd: Path) -> str:
    """Run an example as a user would (``python examples/x.py …``); its stdout."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}  # peerbrief from this tree
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *map(str, argv)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_zotero_import_pools_a_folder_of_briefs(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(SAMPLE, briefs / "peer-support-workers.txt")
    shutil.copy(SAMPLE, briefs / "same-brief-again.md")
    (briefs / "notes.docx").write_bytes(b"not a brief, and not read")
    output = run_example("zotero_import.py", briefs, "library.ris", cwd=tmp_path)

    listed = peerbrief.read(SAMPLE, dedupe=False).entries
    expected = peerbrief.dedupe([*listed, *listed]).entries
    records = rispy.loads((tmp_path / "library.ris").read_text(encoding="utf-8"))
    assert [record["title"] for record in records] == [entry.title for entry in expected]
    assert f"library.ris: {len(expected)} records" in output


def test_latex_bibliography(tmp_path: Path, sample: Brief) -> None:
    run_example("latex_bibliography.py", "out", cwd=tmp_path)
    out = tmp_path / "out"
    library = parse_string((out / "references.bib").read_text(encoding="utf-8"))
    assert len(library.entries) == len(sample.entries)
    tex = (out / "references.tex").read_text(encoding="utf-8")
    assert r"\addbibresource{references.bib}" in tex and r"\nocite{*}" in tex
    if shutil.which("pdflatex") and shutil.which("biber"):
        assert (out / "references.pdf").stat().st_size > 0
        log = (out / "references.log").read_text(encoding="utf-8", errors="replace")
        assert "Package biblatex Warning" not in log  # e.g. an entry type with no driver


def test_word_reference_list(tmp_path: Path, sample: Brief) -> None:
    output = run_example("word_reference_list.py", "out", "--style", "vancouver", cwd=tmp_path)
    out = tmp_path / "out"
    items = json.loads((out / "references.json").read_text(encoding="utf-8"))
    assert len(items) == len(sample.entries)
    if "pandoc not found" in output:
        pytest.skip("pandoc is not installed")
    page = (out / "references.html").read_text(encoding="utf-8")
    assert page.count('class="csl-entry"') == len(sample.entries)
    with zipfile.ZipFile(out / "references.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert escape(sample.entries[0].title) in document


def test_walkthrough_is_saved_with_outputs() -> None:
    notebook = json.loads((EXAMPLES / "walkthrough.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] and cell["execution_count"] for cell in code)
    outputs = [output for cell in code for output in cell["outputs"]]
    assert not any(output["output_type"] == "error" for output in outputs)
    assert any("text/html" in output.get("data", {}) for output in outputs)


def test_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    notebook = nbformat.read(EXAMPLES / "walkthrough.ipynb", as_version=4)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the kernel imports peerbrief from this tree
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
