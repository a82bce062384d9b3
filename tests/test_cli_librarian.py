"""The command line as a librarian meets it: folders and patterns of briefs, a terminal
that must not be flooded, file names that must agree with formats, typos, and pipes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rispy
from fixtures.cli import Run

import peerbrief
from peerbrief.errors import ExitCode
from peerbrief.model import Brief

SAMPLE = peerbrief.sample_path()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A librarian's folder: two briefs, and what else collects in such a folder."""
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(SAMPLE, briefs / "peer-support-workers.txt")
    shutil.copy(SAMPLE, briefs / "the same brief, as markdown.MD")
    (briefs / "notes.docx").write_bytes(b"PK\x03\x04 a word document")
    (briefs / "README.txt").write_text("These are the briefs for the team.\n", encoding="utf-8")
    (briefs / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (briefs / "old").mkdir()
    return briefs


def ris_titles(path: Path) -> list[str]:
    return [record["title"] for record in rispy.loads(path.read_text(encoding="utf-8"))]


# --- inputs: folders and patterns ----------------------------------------------------------


def test_a_folder_is_read_brief_by_brief_and_the_rest_reported(
    run: Run, folder: Path, tmp_path: Path
) -> None:
    output = tmp_path / "all.ris"
    result = run("convert", folder, "-o", output)
    assert result.code == ExitCode.UNEXPLAINED  # written, but a file was not understood
    listed = peerbrief.read(SAMPLE, dedupe=False).entries
    expected = peerbrief.dedupe([*listed, *listed]).entries  # the two briefs, merged
    assert ris_titles(output) == [entry.title for entry in expected]
    assert "from 2 briefs written to" in result.err
    skipped = f"peerbrief: {folder}: skipped what is not a .pdf, .txt or .md file: notes.docx, old/"
    assert skipped in result.err.splitlines()
    assert "README.txt: not an evidence brief" in result.err
    assert ".DS_Store" not in result.err


def test_a_folder_of_briefs_only_reads_cleanly(run: Run, tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(SAMPLE, briefs / "one.txt")
    result = run("check", briefs, "--quiet")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_a_brief_named_on_the_command_line_still_stops_the_run(run: Run, folder: Path) -> None:
    result = run("check", folder / "peer-support-workers.txt", folder / "README.txt")
    assert result.code == ExitCode.BAD_INPUT
    assert result.err.splitlines()[-1].startswith("peerbrief: error: ")
    assert "README.txt" in result.err


def test_a_pattern_no_shell_expanded_is_expanded(run: Run, folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "some.ris"
    result = run("convert", folder / "peer-*.txt", "--no-dedupe", "-o", output)
    assert result.code == 0, result.err
    assert "from 1 brief written" in result.err
    assert len(ris_titles(output)) == len(peerbrief.read(SAMPLE, dedupe=False).entries)


def test_a_pattern_matching_nothing_is_one_error(run: Run, tmp_path: Path) -> None:
    result = run("check", tmp_path / "*.pdf")
    assert result.code == ExitCode.BAD_INPUT
    assert result.err == f"peerbrief: error: {tmp_path / '*.pdf'}: no file matches this pattern\n"


# --- convert: where and how to write -------------------------------------------------------


def test_convert_without_output_on_a_terminal_asks_for_one(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = run("convert", "--sample")
    assert result.code == ExitCode.USAGE
    assert result.out == ""
    assert "-o FILE" in result.err and "-o -" in result.err
    printed = run("convert", "--sample", "-o", "-", "--to", "ris")
    assert printed.code == 0 and printed.out.startswith("TY  - ")


@pytest.mark.parametrize(
    ("fmt", "name"), [("ris", "refs.bib"), ("bibtex", "refs.ris"), ("csl-json", "refs.RIS")]
)
def test_a_format_contradicting_the_file_name_is_refused(
    run: Run, tmp_path: Path, fmt: str, name: str
) -> None:
    result = run("convert", "--sample", "--to", fmt, "-o", tmp_path / name)
    assert result.code == ExitCode.USAGE
    assert f"--to {fmt} contradicts" in result.err
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("fmt", "name"), [("biblatex", "refs.bib"), ("ris", "refs.txt")])
def test_a_format_the_file_name_allows_is_written(
    run: Run, tmp_path: Path, fmt: str, name: str
) -> None:
    result = run("convert", "--sample", "--to", fmt, "-o", tmp_path / name)
    assert result.code == 0, result.err
    assert (tmp_path / name).stat().st_size > 0


def test_format_names_ignore_case(run: Run, sample: Brief) -> None:
    ris = run("convert", "--sample", "--to", "RIS")
    assert ris.code == 0 and ris.out.count("TY  - ") == len(sample.entries)
    cite = run("cite", "--sample", "--section", "rural", "--format", "Markdown")
    assert (
        cite.code == 0
        and cite.out == run("cite", "--sample", "--section", "rural", "--format", "markdown").out
    )
    assert "*Australian Journal of Rural Health*" in cite.out


def test_convert_takes_the_filters_of_show(run: Run, tmp_path: Path, sample: Brief) -> None:
    output = tmp_path / "recent-training.ris"
    result = run(
        "convert", "--sample", "--section", "training", "--year", "2021-2023", "-o", output
    )
    assert result.code == 0, result.err
    expected = sample.filter(section="training", year="2021-2023")
    assert len(expected) == 2
    assert ris_titles(output) == [entry.title for entry in expected]
    assert f"2 of {len(sample)} works" in result.err


# --- the parser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["convrt", "--sample"], "did you mean 'convert'?"),
        (["chekc", "--sample"], "did you mean 'check'?"),
        (["convert", "--sample", "--to", "bibtx"], "did you mean 'bibtex'?"),
        (["cite", "--sample", "--format", "markdwn"], "did you mean 'markdown'?"),
    ],
)
def test_a_typo_gets_a_suggestion(run: Run, argv: list[str], suggestion: str) -> None:
    result = run(*argv)
    assert result.code == ExitCode.USAGE
    assert suggestion in result.err and result.err.count("\n") == 1


def test_help_lists_every_exit_code(run: Run) -> None:
    codes = {value for name, value in vars(ExitCode).items() if name.isupper()}
    assert {0, 1, 2, 3, 64, 70, 130, 141} <= codes
    help_text = run("--help").out
    for code in codes:
        assert f"\n  {code} " in help_text, code


# --- pipes (whole processes: a closed pipe is a property of the real stdout) -----------------


def _environment(unbuffered: bool) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if unbuffered:
        environment["PYTHONUNBUFFERED"] = "1"
    return environment


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_reader_leaving_mid_export_is_exit_141_and_never_success(unbuffered: bool) -> None:
    """``peerbrief convert --sample --to ris -o - | head -c 100``: the export (188 KB) is
    larger than a pipe holds, so most of it is still to be written when the reader goes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "peerbrief", "convert", "--sample", "--to", "ris", "-o", "-"],
        cwd=ROOT,
        env=_environment(unbuffered),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b"TY  - ")
    process.stdout.close()
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == ExitCode.BROKEN_PIPE, error
    assert error == ""  # above all, no "written to stdout"


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "argv",
    [
        ["cite", "--sample", "--style", "vancouver"],
        ["check", "--sample", "--verbose"],
        ["show", "--sample", "--width", "0"],
    ],
    ids=["cite", "check", "show"],
)
def test_a_reader_gone_before_any_output_is_exit_141(argv: list[str], unbuffered: bool) -> None:
    """Output smaller than a pipe holds waits in Python's buffer until the end: its failure
    must still be exit code 141, not a message from the interpreter's exit (code 120)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = subprocess.run(
            [sys.executable, "-m", "peerbrief", *argv],
            cwd=ROOT,
            env=_environment(unbuffered),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert process.returncode == ExitCode.BROKEN_PIPE, process.stderr
    assert process.stderr == b""


def test_a_bug_is_one_line_that_says_where_to_report_it(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import metadata

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something peerbrief did not expect")

    monkeypatch.setattr(peerbrief, "read", broken)
    result = run("check", "--sample")
    assert result.code == ExitCode.INTERNAL_ERROR
    assert result.err.count("\n") == 1
    assert "internal error (RuntimeError: something peerbrief did not expect)" in result.err
    urls = dict(
        entry.split(", ", 1)
        for entry in metadata.metadata("peerbrief").get_all("Project-URL") or ()
    )
    assert urls["Issues"].startswith("https://")
    assert result.err.endswith(f"please report it at {urls['Issues']}\n")
