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


def run_script(
    script: str, *argv: str | Path, cwd: Path, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run an example as a user would (``python examples/x.py …``)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}  # peerbrief from this tree
    if path is not None:
        environment["PATH"] = path
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *map(str, argv)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_example(script: str, *argv: str | Path, cwd: Path) -> str:
    """Run an example that must succeed; its stdout."""
    result = run_script(script, *argv, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def assert_one_error_line(result: subprocess.CompletedProcess[str], script: str, code: int) -> None:
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"{script}: error: ")
    assert "Traceback" not in result.stderr


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


def test_zotero_import_skips_a_text_file_that_is_not_a_brief(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(SAMPLE, briefs / "peer-support-workers.txt")
    (briefs / "README.txt").write_text("Briefs for the team, November.\n", encoding="utf-8")
    result = run_script("zotero_import.py", briefs, "library.ris", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # written, but not everything was a brief
    assert result.stderr == (
        f"zotero_import.py: skipped {briefs / 'README.txt'}: not an evidence brief "
        "(no 'Evidence Brief:' title and no references found)\n"
    )
    records = rispy.loads((tmp_path / "library.ris").read_text(encoding="utf-8"))
    assert len(records) == len(peerbrief.read(SAMPLE).entries)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["missing-folder", "library.ris"], 2, "missing-folder: no such folder"),
        (["empty", "library.ris"], 2, "empty: no .pdf, .txt, .md files in this folder"),
        (["only-prose", "library.ris"], 2, "only-prose: none of its files is an evidence brief"),
        (["briefs"], 64, "the following arguments are required: output"),
    ],
)
def test_zotero_import_errors_are_one_line(
    tmp_path: Path, argv: list[str], code: int, message: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-prose").mkdir()
    (tmp_path / "only-prose" / "letter.txt").write_text("Dear colleague,\n", encoding="utf-8")
    result = run_script("zotero_import.py", *argv, cwd=tmp_path)
    if code == 2:
        assert result.stderr.endswith(f"zotero_import.py: error: {message}\n")
    else:
        assert_one_error_line(result, "zotero_import.py", code)
        assert message in result.stderr
    assert result.returncode == code
    assert not (tmp_path / "library.ris").exists()


@pytest.mark.parametrize(
    ("output", "code", "message"),
    [
        ("briefs/peer-support-workers.txt", 64, "the output is a RIS file"),
        ("library.bib", 64, "the output is a RIS file"),
        ("link.ris", 3, "it is the input"),  # a link to a brief
    ],
)
def test_zotero_import_never_writes_over_a_brief_or_another_format(
    tmp_path: Path, output: str, code: int, message: str
) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    brief = briefs / "peer-support-workers.txt"
    shutil.copy(SAMPLE, brief)
    (tmp_path / "library.bib").write_text("@misc{mine, title={Mine}}\n", encoding="utf-8")
    (tmp_path / "link.ris").symlink_to(brief)
    result = run_script("zotero_import.py", briefs, output, cwd=tmp_path)
    assert_one_error_line(result, "zotero_import.py", code)
    assert message in result.stderr
    assert brief.read_bytes() == SAMPLE.read_bytes()
    assert (tmp_path / "library.bib").read_text(encoding="utf-8") == "@misc{mine, title={Mine}}\n"


@pytest.mark.parametrize("script", ["latex_bibliography.py", "word_reference_list.py"])
def test_a_missing_brief_is_one_line_and_exit_2(tmp_path: Path, script: str) -> None:
    result = run_script(script, "out", "nosuch.pdf", cwd=tmp_path)
    assert_one_error_line(result, script, 2)
    assert "nosuch.pdf: no such file" in result.stderr


def test_word_reference_list_without_pandoc_fails_and_says_what_to_do(tmp_path: Path) -> None:
    """No pypandoc (a stand-in module that fails to import) and no pandoc on the PATH."""
    blocker = tmp_path / "no-pypandoc"
    blocker.mkdir()
    (blocker / "pypandoc.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    environment_path = str(tmp_path / "empty-path")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "word_reference_list.py"), "out"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": f"{blocker}{os.pathsep}{ROOT}", "PATH": environment_path},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert_one_error_line(result, "word_reference_list.py", 3)
    assert "pandoc not found" in result.stderr and "pip install pypandoc-binary" in result.stderr
    assert (tmp_path / "out" / "references.json").stat().st_size > 0  # the inputs are left
    assert not (tmp_path / "out" / "references.docx").exists()


@pytest.mark.slow
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


@pytest.mark.slow
def test_word_reference_list(tmp_path: Path, sample: Brief) -> None:
    pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary (the test extra)")
    run_example("word_reference_list.py", "out", "--style", "vancouver", cwd=tmp_path)
    out = tmp_path / "out"
    items = json.loads((out / "references.json").read_text(encoding="utf-8"))
    assert len(items) == len(sample.entries)
    page = (out / "references.html").read_text(encoding="utf-8")
    assert page.count('class="csl-entry"') == len(sample.entries)
    with zipfile.ZipFile(out / "references.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert escape(sample.entries[0].title) in document


def test_walkthrough_is_saved_with_outputs_and_no_machine_paths() -> None:
    text = (EXAMPLES / "walkthrough.ipynb").read_text(encoding="utf-8")
    notebook = json.loads(text)
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] and cell["execution_count"] for cell in code)
    outputs = [output for cell in code for output in cell["outputs"]]
    assert not any(output["output_type"] == "error" for output in outputs)
    assert any("text/html" in output.get("data", {}) for output in outputs)
    for machine_path in (str(ROOT), str(Path.home()), "/home/", "/Users/", "/tmp/", ":\\\\"):
        assert machine_path not in text
    assert all("execution" not in cell["metadata"] for cell in code)  # no timings saved


@pytest.mark.slow
def test_rerunning_the_walkthrough_leaves_it_byte_identical() -> None:
    """What the README says to run; --check runs every cell and compares, saving nothing."""
    for module in ("nbclient", "nbformat", "ipykernel", "pandas"):
        pytest.importorskip(module, reason="the notebook extra: pip install '.[notebook]'")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "run_walkthrough.py"), "--check"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # the kernel imports peerbrief from here
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("walkthrough.ipynb: current\n")
    assert result.stderr == ""


@pytest.mark.slow
def test_run_walkthrough_reports_a_failing_cell_in_one_line(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    for module in ("nbclient", "ipykernel"):
        pytest.importorskip(module, reason="the notebook extra: pip install '.[notebook]'")
    broken = tmp_path / "broken.ipynb"
    cell = nbformat.v4.new_code_cell("import peerbrief\npeerbrief.read('nosuch.pdf')")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), broken)
    before = broken.read_bytes()
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "run_walkthrough.py"), str(broken)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nosuch.pdf: no such file" in result.stderr
    assert broken.read_bytes() == before  # nothing saved
