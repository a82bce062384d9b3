"""The README, run: every command and Python block it shows works and shows what it says.

The code blocks are read from README.md itself. Each ``sh`` command runs in a folder
holding what the README says a user has: ``brief.pdf`` (a PDF of the sample brief),
``briefs/`` (a folder of briefs, and a file that is not one) and the ``examples/``
folder of the checkout. Each ``python`` block runs alone, as pasted into a fresh Python
prompt: every expression is displayed, as a REPL or a notebook would display it.

What each line must show is written down below, line by line; a README line with no
expectation here fails the test, so that nothing in the README goes untested. The lines
that install (virtual environment, ``pip install``) and the development commands run in a
fresh virtual environment, in the slow test at the end.
"""

from __future__ import annotations

import ast
import contextlib
import html.parser
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import rispy
from fixtures import pdf_samples

import peerbrief
from peerbrief.writers import write

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    line: int  # of the opening fence, for messages


_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def readme_blocks(language: str) -> list[Block]:
    text = README.read_text(encoding="utf-8")
    return [
        Block(match[1], match[2], text.count("\n", 0, match.start()) + 1)
        for match in _FENCE.finditer(text)
        if match[1] == language
    ]


_COMMENT = re.compile(r"\s+#\s.*$")


def commands(block: Block) -> list[str]:
    """The block's command lines, without their trailing comments."""
    lines = (_COMMENT.sub("", line).strip() for line in block.text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


# --- what each command must show -----------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """A command's exit code, text its stdout or stderr must hold (``out``, ``err``,
    regular expressions), and files it must write (name → text they must hold)."""

    code: int = 0
    out: tuple[str, ...] = ()
    err: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)
    ris_records: dict[str, int] = field(default_factory=dict)


SAMPLE_WORKS = len(peerbrief.read(peerbrief.sample_path()))

SHELL: dict[str, Expect] = {
    # Command line: the sample.
    "peerbrief check --sample": Expect(
        out=(rf"references\s+116 listings → {SAMPLE_WORKS} works \(2 copies merged\)",)
    ),
    "peerbrief show --sample --section challenges --year 2015-2020 --search recovery": Expect(
        out=(r"^Challen.*\s+Cleary\s+2018\s+'Walking", r"^Challen.*\s+Baille\s+2015\s+Effects"),
        err=(rf"5 of {SAMPLE_WORKS} works shown",),
    ),
    "peerbrief cite --sample --style vancouver --format markdown": Expect(
        out=(
            r"^1\. Supported self-management: peer support guide\. NHS England; 2023 Sep\.",
            r"^\d+\. Cheesmond et al\. .*Australian Journal of Rural Health\. 2020",
        )
    ),
    "peerbrief cite --list-styles | grep chicago": Expect(out=(r"^chicago-author-date$",)),
    "peerbrief cite --sample --style harvard --locale en-US": Expect(
        out=(
            r"^Cheesmond et al\. \(2020\) “The role of the peer support worker in increasing rural",
        )
    ),
    "peerbrief convert --sample -o peer-support-workers.bib": Expect(
        files={"peer-support-workers.bib": "@techreport{nhs2023supported,"}
    ),
    # Command line: your own briefs.
    "peerbrief check brief.pdf --verbose": Expect(
        out=(r"brief\.pdf lines \d+-\d+, pages 13-14", r"Lines not used by any reference, and why:")
    ),
    "peerbrief check brief.pdf --pdf-backend pypdf --max-pages 200 --timeout 60": Expect(
        out=(r"references\s+116 listings", r"report lines unexplained\s+0")
    ),
    "peerbrief convert brief.pdf -o brief.ris": Expect(ris_records={"brief.ris": SAMPLE_WORKS}),
    "peerbrief convert briefs/ -o all.ris": Expect(
        err=(
            r"^peerbrief: briefs/?: skipped what is not a \.pdf, \.txt or \.md file: notes\.docx$",
            rf"232 listings → {SAMPLE_WORKS} works \(118 copies merged\) from 2 briefs written",
        ),
        ris_records={"all.ris": SAMPLE_WORKS},  # the PDF and the text export: one brief
    ),
    "peerbrief check brief.pdf briefs/peer-support-workers.txt": Expect(
        out=(rf"^Across the 2 inputs: 232 listings → {SAMPLE_WORKS} works \(118 copies",)
    ),
    "peerbrief convert briefs/*.pdf --to biblatex -o all.bib": Expect(
        files={"all.bib": "@report{nhs2023supported,"}
    ),
    "peerbrief convert brief.pdf --section training --year 2020-2023 -o training.ris": Expect(
        ris_records={"training.ris": 2},
        err=(rf"from 1 brief; 2 of {SAMPLE_WORKS} works selected, written",),
    ),
    "peerbrief convert brief.pdf --to ris | head -3": Expect(
        out=(r"^TY  - RPRT\r?\nID  - nhs2023supported\r?\nTI  - Supported self-management",)
    ),
    # Your own library.
    "peerbrief check brief.pdf --against my-library.ris": Expect(
        out=(
            rf"^  {SAMPLE_WORKS} works: {SAMPLE_WORKS - 10} held, 10 new$",
            r"^  new:  \"Supported self-management: peer support guide\" \(2023\)$",
            r"^  held: \"Case study: Working as a peer supporter\" \(2021\)$",
            r"^    = my-library\.ris record \d+ \(lines \d+-\d+\)",
        )
    ),
    "peerbrief convert brief.pdf --against my-library.ris --only-new -o new.ris": Expect(
        err=(rf"; 10 of {SAMPLE_WORKS} works not in the libraries, written to new\.ris",),
        ris_records={"new.ris": 10},
    ),
    # Examples.
    "python examples/zotero_import.py briefs/ library.ris": Expect(
        out=(r"briefs/peer-support-workers\.pdf: 116 references, 0 not understood",),
        ris_records={"library.ris": SAMPLE_WORKS},
    ),
    "python examples/latex_bibliography.py latex/": Expect(
        out=(r"wrote latex/references\.bib and latex/references\.tex",),
        files={"latex/references.tex": r"\printbibliography"},
    ),
    "python examples/word_reference_list.py word/ --style vancouver": Expect(
        out=(r"wrote word/references\.docx", r"wrote word/references\.html"),
        files={"word/references.html": "Cheesmond"},
    ),
}
"""Every command of the README's ``sh`` blocks but those :data:`NOT_HERE` names."""

SLOW_SHELL = {
    "python examples/latex_bibliography.py latex/",  # runs pdflatex and biber
    "python examples/word_reference_list.py word/ --style vancouver",  # runs pandoc
}

NOT_HERE = re.compile(
    r"^(python3 -m venv|pip install|python -m pytest|bash \.ci/run|python benchmarks/"
    r"|python examples/run_walkthrough\.py|python tests/fixtures/)"
)
"""Installing, the test suite itself and CI: run by the fresh-environment test below;
the benchmarks take minutes each, so that test only checks they are there."""


def shell_commands() -> list[str]:
    return [
        command
        for block in readme_blocks("sh")
        for command in commands(block)
        if not NOT_HERE.match(command)
    ]


def test_every_readme_command_has_an_expectation() -> None:
    in_readme = shell_commands()
    assert len(in_readme) == len(set(in_readme))
    assert set(in_readme) == set(SHELL), "README and SHELL disagree: update one"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """What the README's reader has: brief.pdf (the sample brief as a PDF, made by
    reportlab: the quickest to read of the test PDFs), a folder briefs/, the examples and
    my-library.ris (their reference library, which lacks ten of the brief's works)."""
    pdf = pdf_samples.path("reportlab")
    shutil.copy(pdf, tmp_path / "brief.pdf")
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(pdf, briefs / "peer-support-workers.pdf")
    shutil.copy(peerbrief.sample_path(), briefs / "peer-support-workers.txt")
    (briefs / "notes.docx").write_bytes(b"PK\x03\x04 minutes of the team meeting")
    # The reader's library: the sample's works but the first ten, as exported earlier.
    write(peerbrief.read(peerbrief.sample_path()).entries[10:], tmp_path / "my-library.ris")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


def _run_shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` in bash, with this interpreter's ``peerbrief`` and ``python`` first on
    the PATH and peerbrief importable from this checkout."""
    bin_dir = str(Path(sys.executable).parent)
    environment = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="the README's commands are for bash")
@pytest.mark.parametrize(
    "command",
    [
        pytest.param(command, marks=pytest.mark.slow) if command in SLOW_SHELL else command
        for command in shell_commands()
    ],
)
def test_readme_command(command: str, workspace: Path) -> None:
    expected = SHELL[command]
    result = _run_shell(command, workspace)
    report = f"$ {command}\n--- stdout\n{result.stdout[:3000]}\n--- stderr\n{result.stderr}"
    assert result.returncode == expected.code, report
    assert result.stdout.strip() or expected.files or expected.ris_records, report
    for pattern in expected.out:
        assert re.search(pattern, result.stdout, re.MULTILINE), (pattern, report)
    for pattern in expected.err:
        assert re.search(pattern, result.stderr, re.MULTILINE), (pattern, report)
    for name, text in expected.files.items():
        assert text in (workspace / name).read_text(encoding="utf-8"), (name, report)
    for name, count in expected.ris_records.items():
        records = rispy.loads((workspace / name).read_text(encoding="utf-8"))
        assert len(records) == count, (name, report)


# --- the Python blocks -------------------------------------------------------------------


class _Text(html.parser.HTMLParser):
    """The text a browser shows of an HTML display (not its style sheet)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def displayed(value: Any) -> str:
    """What a notebook shows of a value: its HTML's text if it has one, else its repr."""
    if value is None:
        return ""
    if hasattr(value, "_repr_html_"):
        parser = _Text()
        parser.feed(value._repr_html_())
        return " ".join(parser.parts)
    return repr(value)


def run_block(block: Block) -> Iterator[tuple[str, str]]:
    """Each statement of the block (its source) and what it shows, run as a REPL does:
    in a namespace of its own, so that the block works pasted alone."""
    tree = ast.parse(block.text)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for statement in tree.body:
        source = ast.get_source_segment(block.text, statement) or ""
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            if isinstance(statement, ast.Expr):
                code = compile(ast.Expression(statement.value), "<README>", "eval")
                shown = displayed(eval(code, namespace))
            else:
                exec(compile(ast.Module([statement], []), "<README>", "exec"), namespace)
                shown = ""
        yield source, printed.getvalue() + shown


def _file_holds(name: str, text: str) -> Callable[[Path], bool]:
    return lambda cwd: text in (cwd / name).read_text(encoding="utf-8")


PYTHON: dict[str, str | Callable[[Path], bool]] = {
    # Python.
    "print(brief)": rf"{SAMPLE_WORKS} works in 27 sections, 2 copies merged",
    "len(brief), brief.title, brief.date": (
        rf"^\({SAMPLE_WORKS}, 'Evidence Brief: Peer Support Workers', Date\(year=2023, month=11, day=15"
    ),
    "entry.title, entry.authors, entry.container_title, entry.date, entry.doi": (
        r"^\('Supported self-management: peer support guide', \(\), None, Date\(year=2023, month=9"
    ),
    'entry.provenance[0].fields["title"]': r"^\(\d+,\)$",
    "brief.report[0]": r"ReportItem\(line=\d+, text='Evidence Brief: Peer Support Workers', reason=<Reason\.TITLE",
    "len(brief.unexplained)": r"^0$",
    "print(brief.merges[0])": r"^2 copies merged: \"Peer support worker training",
    'brief.write("peer-support-workers.bib")': _file_holds(
        "peer-support-workers.bib", "@techreport{nhs2023supported,"
    ),
    # In a notebook.
    "brief": r"Published Peer Reviewed Research › +Challenges/ benefits",
    "brief.entries[0]": r"Supported self-management: peer support guide .*Read from .*lines",
    "brief.merges[1]": r"2 copies merged: .*What happens when peer support workers",
    "rural.to_dataframe()": r"The role of the peer support .*Published Peer Reviewed Research / Rural areas",
    'print(rural.cite("apa"))': r"^Cheesmond et al\. \(2020\)\. The role of the peer support worker",
    # Steps after reading.
    "len(new), new.entries[0].title": r"^\(2, 'Supported self-management: peer support guide'\)$",
    # Your own library.
    "len(library), library.problems": rf"^\({SAMPLE_WORKS - 10}, \(\)\)$",
    "[work.title for work in holdings.new][:2]": (
        r"^\['Supported self-management: peer support guide', 'NHS Long Term Workforce Plan'\]$"
    ),
    "holdings.held[0].evidence[:2]": r"^\('titles equal ignoring case.*'same publisher: NHS England'\)$",
}
"""What each displaying statement of the README's Python blocks must show (a regular
expression, or a check of the folder it ran in)."""


@pytest.mark.parametrize("block", readme_blocks("python"), ids=lambda block: f"line {block.line}")
def test_readme_python_block(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if "to_dataframe()" in block.text:
        pytest.importorskip("pandas", reason="the README's notebook block uses pandas")
    monkeypatch.chdir(tmp_path)
    shown_anything = False
    for source, output in run_block(block):
        expectation = PYTHON.get(source)
        if expectation is None:
            assert not output, f"README line {source!r} shows {output[:200]!r}: add to PYTHON"
            continue
        shown_anything = True
        if callable(expectation):
            assert expectation(tmp_path), source
        else:
            assert output.strip(), source
            assert re.search(expectation, output.strip(), re.MULTILINE | re.DOTALL), (
                source,
                output[:2000],
            )
    assert shown_anything


def test_every_python_expectation_is_a_readme_line() -> None:
    sources = {
        ast.get_source_segment(block.text, statement)
        for block in readme_blocks("python")
        for statement in ast.parse(block.text).body
    }
    assert set(PYTHON) <= sources, set(PYTHON) - sources


# --- set-up, as a new user does it -------------------------------------------------------


def test_windows_quick_start_does_what_the_posix_one_does() -> None:
    """No Windows here to run it on: the PowerShell line must take the same steps."""
    (posix,) = [c for b in readme_blocks("sh") for c in commands(b) if "python3 -m venv" in c]
    (windows,) = [c for b in readme_blocks("powershell") for c in commands(b)]
    posix_steps = [step.strip() for step in posix.split("&&")]
    windows_steps = [step.strip() for step in windows.split(";")]
    assert posix_steps[0] == "python3 -m venv .venv" and windows_steps[0] == "py -m venv .venv"
    assert posix_steps[2] == "pip install ."
    assert windows_steps[1] == r".venv\Scripts\python -m pip install ."
    assert windows_steps[2] == rf".venv\Scripts\{posix_steps[3]}"


def _checkout_copy(destination: Path) -> Path:
    """The files git tracks (what a clone has), or the tree without build leftovers."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    names = [name for name in listed.stdout.split("\0") if name] if listed.returncode == 0 else []
    if not names:
        ignore = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".*_cache")
        shutil.copytree(ROOT, destination, ignore=ignore)
        return destination
    for name in names:
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return destination


FRESH_ENVIRONMENT = {
    "pip install pypandoc-binary",
    "pip install '.[notebook]'",
    "python examples/run_walkthrough.py",
    "pip install -e '.[test,notebook,pandas]'",
    "python -m pytest",
}
"""The README's set-up and development commands run, in this order, in the virtual
environment the Quick start made. (``python -m pytest -m "slow or not slow"`` and
``.ci/run`` are what CI runs; this test is part of them.)"""


def test_every_set_up_command_is_run_in_the_fresh_environment() -> None:
    sh = {command for block in readme_blocks("sh") for command in commands(block)}
    assert sh >= FRESH_ENVIRONMENT
    assert {command for command in sh if command.startswith("pip install")} <= FRESH_ENVIRONMENT


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="the README's commands are for bash")
def test_readme_set_up_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    """A new user's first hour: a clean copy of the checkout, the Quick start line as
    written (a new virtual environment, no system site-packages), then the notebook and
    development set-up in that environment."""
    checkout = _checkout_copy(tmp_path / "peerbrief")
    # (HYPOTHESIS_PROFILE is passed on: under CI's profile the suite run inside draws the
    # same examples as CI's own run, so it cannot fail on a draw of its own.)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
    }
    # python3 must not be this test's own virtual environment's python.
    environment["PATH"] = os.pathsep.join(
        part
        for part in environment.get("PATH", "").split(os.pathsep)
        if Path(part) != Path(sys.executable).parent
    )

    def run(command: str) -> str:
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=checkout,
            env=environment,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert result.returncode == 0, (
            f"$ {command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        return result.stdout

    sh = [command for block in readme_blocks("sh") for command in commands(block)]
    (quick_start,) = [command for command in sh if command.startswith("python3 -m venv")]
    run(quick_start)
    records = rispy.loads((checkout / "peer-support-workers.ris").read_text(encoding="utf-8"))
    assert len(records) == SAMPLE_WORKS
    assert "include-system-site-packages = false" in (checkout / ".venv/pyvenv.cfg").read_text()

    notebook = checkout / "examples" / "walkthrough.ipynb"
    saved = notebook.read_bytes()
    for command in sh:
        if command in FRESH_ENVIRONMENT:
            run(f". .venv/bin/activate && {command}")
    assert notebook.read_bytes() == saved  # re-running changed nothing

    for command in sh:
        if command.startswith("python benchmarks/"):
            assert (checkout / command.split()[1]).is_file(), command
    assert (checkout / ".ci" / "run").is_file()
