"""The ``peerbrief`` command, run in-process through :func:`peerbrief.cli.main`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import rispy
from fixtures.cli import Result, Run

import peerbrief
from peerbrief.model import Brief

SAMPLE = peerbrief.sample_path()


@pytest.fixture(scope="module")
def sample() -> Brief:
    return peerbrief.read(SAMPLE)


@pytest.fixture
def unexplained_brief(tmp_path: Path) -> Path:
    """The sample with a line nothing explains: a second source given for one reference."""
    text = SAMPLE.read_text(encoding="utf-8")
    marker = "Source: NHS England\n"
    path = tmp_path / "odd.txt"
    path.write_text(
        text.replace(marker, f"{marker}\nSource: Zq vexing blorp 77\n", 1), encoding="utf-8"
    )
    return path


def assert_one_error_line(result: Result, code: int) -> None:
    assert result.code == code
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("peerbrief: error: ")
    assert "Traceback" not in result.err


# --- the parser ------------------------------------------------------------------------


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.startswith("peerbrief ") and result.out.split()[1][0].isdigit()


def test_no_command_is_a_usage_error(run: Run) -> None:
    result = run()
    assert_one_error_line(result, 64)
    assert "check, convert, show or cite" in result.err and result.out == ""


@pytest.mark.parametrize("command", ["check", "convert", "show", "cite"])
def test_every_command_has_help_with_examples(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.code == 0
    assert "examples:" in result.out and f"peerbrief {command} " in result.out


def test_main_help_documents_exit_codes(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    for code in ("0", "1", "2", "3", "64"):
        assert f"\n  {code} " in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["convert", "--sample", "-o", "references.txt"],
        ["check"],
        ["convert", "--sample", "--to", "docx"],
        ["show", "--sample", "--year", "20x0"],
        ["show", "--sample", "--year", "2020-2018"],
        ["cite", "--sample", "--style", "chicago"],
        ["cite", "--sample", "--format", "rtf"],
        ["check", "--sample", "--no-such-option"],
    ],
)
def test_usage_errors_exit_64_with_one_line(run: Run, argv: list[str]) -> None:
    result = run(*argv)
    assert_one_error_line(result, 64)
    assert result.out == ""


def test_quiet_before_or_after_the_command(run: Run) -> None:
    for argv in (["--quiet", "convert", "--sample"], ["convert", "--sample", "--quiet"]):
        result = run(*argv)
        assert result.code == 0 and result.err == "" and result.out


# --- bad inputs ----------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    prose = tmp_path / "letter.txt"
    prose.write_text("Dear colleague,\n\nThank you for your letter.\n", encoding="utf-8")
    folder = tmp_path / "no-briefs-here"
    folder.mkdir()
    return {
        "empty": empty,
        "binary": binary,
        "not a brief": prose,
        "missing": tmp_path / "missing.pdf",
        "folder without briefs": folder,
    }


@pytest.mark.parametrize("command", ["check", "convert", "show", "cite"])
@pytest.mark.parametrize(
    "kind", ["empty", "binary", "not a brief", "missing", "folder without briefs"]
)
def test_bad_input_is_one_line_and_exit_2(
    run: Run, tmp_path: Path, command: str, kind: str
) -> None:
    path = bad_inputs(tmp_path)[kind]
    result = run(command, path)
    assert_one_error_line(result, 2)
    assert str(path) in result.err
    assert result.out == ""


# --- check ---------------------------------------------------------------------------------


def test_check_sample_counts(run: Run, sample: Brief) -> None:
    result = run("check", "--sample")
    assert result.code == 0
    listed = len(sample.entries) + sum(len(m.occurrences) - 1 for m in sample.merges)
    explained = sum(1 for item in sample.report if item.reason.explained)
    works = len(sample.entries)
    counts = f"{listed} listings → {works} works ({listed - works} copies merged)"
    assert f"references                  {counts}\n" in result.out
    assert f"sections                    {len(sample.sections)}\n" in result.out
    assert f"report lines explained      {explained}\n" in result.out
    assert "report lines unexplained    0\n" in result.out
    assert result.err == ""


def test_check_reports_merges(run: Run, sample: Brief) -> None:
    from peerbrief.views import describe_merge as describe

    result = run("check", "--sample")
    assert "Duplicates merged:" in result.out
    for merge in sample.merges:
        assert describe(merge).splitlines()[0] in result.out


def test_check_summarises_explained_lines_and_verbose_lists_them(run: Run, sample: Brief) -> None:
    summary = run("check", "--sample").out
    verbose = run("check", "--sample", "--verbose").out
    heading = next(item for item in sample.report if item.reason.value == "section heading")
    assert str(heading) not in summary
    assert "section heading" in summary
    assert str(heading) in verbose


def test_check_quiet_gives_only_the_exit_status(run: Run, unexplained_brief: Path) -> None:
    assert run("check", "--sample", "--quiet")._asdict() == {"code": 0, "out": "", "err": ""}
    assert run("check", unexplained_brief, "--quiet")._asdict() == {"code": 1, "out": "", "err": ""}


def test_check_with_unexplained_lines_exits_1_and_lists_them(
    run: Run, unexplained_brief: Path
) -> None:
    result = run("check", unexplained_brief)
    assert result.code == 1
    assert "report lines unexplained    1\n" in result.out
    assert "Lines not understood:" in result.out
    assert "Zq vexing blorp 77" in result.out


def test_check_several_inputs_reports_each_and_the_worst_status(
    run: Run, unexplained_brief: Path
) -> None:
    result = run("check", "--sample", unexplained_brief)
    assert result.code == 1
    assert result.out.count("\n  references  ") == 2


def test_check_reports_each_bad_input_and_checks_the_good_ones(run: Run, tmp_path: Path) -> None:
    """As for a folder, a bad file does not hide the report of the others; named on the
    command line, it is an error (exit 2), not a file skipped (exit 1)."""
    (tmp_path / "letter.txt").write_text("Dear colleague,\n", encoding="utf-8")
    missing, letter = tmp_path / "missing.txt", tmp_path / "letter.txt"
    result = run("check", "--sample", missing, letter)
    assert result.code == 2
    assert result.err == (
        f"peerbrief: error: {missing}: no such file\n"
        f"peerbrief: error: {letter}: not an evidence brief "
        "(no 'Evidence Brief:' title and no references found)\n"
    )
    assert result.out.startswith(f"{peerbrief.sample_path()}: Evidence Brief: Peer Support")
    assert run("check", missing, letter).code == 2


def test_convert_stops_at_a_bad_input_among_good_ones(run: Run, tmp_path: Path) -> None:
    result = run("convert", "--sample", tmp_path / "missing.txt", "--to", "ris")
    assert_one_error_line(result, 2)
    assert result.out == ""


# --- convert -------------------------------------------------------------------------------


def ris_records(text: str) -> list[dict[str, object]]:
    return list(rispy.loads(text))


def test_convert_to_ris_on_stdout(run: Run, sample: Brief) -> None:
    result = run("convert", "--sample", "--to", "ris")
    assert result.code == 0
    records = ris_records(result.out)
    assert len(records) == len(sample.entries)
    assert {record["title"] for record in records} == {entry.title for entry in sample.entries}
    assert f"{len(sample.entries)} works" in result.err


def test_convert_defaults_to_csl_json_on_stdout(run: Run, sample: Brief) -> None:
    for argv in (["convert", "--sample"], ["convert", "--sample", "-o", "-"]):
        result = run(*argv)
        assert result.code == 0
        assert len(json.loads(result.out)) == len(sample.entries)


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.ris", lambda text: text.lstrip().startswith(("TY  -", "1."))),
        ("out.json", lambda text: isinstance(json.loads(text), list)),
        ("out.bib", lambda text: text.lstrip().startswith("@")),
    ],
)
def test_convert_format_follows_the_output_extension(
    run: Run, tmp_path: Path, name: str, check: Callable[[str], bool]
) -> None:
    target = tmp_path / name
    result = run("convert", "--sample", "-o", target)
    assert result.code == 0
    assert result.out == ""
    assert check(target.read_text(encoding="utf-8"))
    assert str(target) in result.err


def test_convert_several_briefs_merges_duplicates_across_them(run: Run, sample: Brief) -> None:
    listed = peerbrief.read(SAMPLE, dedupe=False).entries
    expected = peerbrief.dedupe([*listed, *listed]).entries
    twice = run("convert", "--sample", SAMPLE, "--to", "csl-json")
    assert twice.code == 0
    works = json.loads(twice.out)
    assert [work["title"] for work in works] == [entry.title for entry in expected]
    assert len(works) < 2 * len(sample.entries)
    assert "from 2 briefs" in twice.err


def test_convert_no_dedupe_keeps_every_occurrence(run: Run, sample: Brief) -> None:
    listed = len(sample.entries) + sum(len(m.occurrences) - 1 for m in sample.merges)
    result = run("convert", "--sample", SAMPLE, "--no-dedupe", "--to", "csl-json")
    assert result.code == 0
    assert len(json.loads(result.out)) == 2 * listed


def test_convert_reads_every_input_before_writing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.ris"
    result = run("convert", "--sample", tmp_path / "missing.txt", "-o", target)
    assert_one_error_line(result, 2)
    assert not target.exists()

    target.write_text("precious", encoding="utf-8")
    run("convert", "--sample", tmp_path / "missing.txt", "-o", target)
    assert target.read_text(encoding="utf-8") == "precious"


def test_convert_to_an_unwritable_place_exits_3(run: Run, tmp_path: Path) -> None:
    result = run("convert", "--sample", "-o", tmp_path / "no" / "such" / "dir" / "out.ris")
    assert_one_error_line(result, 3)
    assert not (tmp_path / "no").exists()


def test_convert_writes_data_then_exits_1_for_unexplained_lines(
    run: Run, unexplained_brief: Path, sample: Brief
) -> None:
    result = run("convert", unexplained_brief, "--to", "csl-json")
    assert result.code == 1
    assert len(json.loads(result.out)) == len(sample.entries)
    assert f"{unexplained_brief}: 1 line not understood" in result.err
    quiet = run("convert", unexplained_brief, "--quiet")
    assert quiet.code == 1 and quiet.err == ""


# --- show ------------------------------------------------------------------------------------


def table_rows(out: str) -> list[str]:
    return out.splitlines()[1:]


def test_show_fits_the_width_and_lists_every_work(run: Run, sample: Brief) -> None:
    result = run("show", "--sample", "--width", "100")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["Section", "First", "author", "Year", "Title", "Source", "Access"]
    assert len(lines) == 1 + len(sample.entries)
    assert max(len(line) for line in lines) <= 100
    assert f"{len(sample.entries)} of {len(sample.entries)} works shown" in result.err


def test_show_narrow_and_unlimited_widths(run: Run, sample: Brief) -> None:
    narrow = run("show", "--sample", "--width", "70").out.splitlines()
    assert max(len(line) for line in narrow) <= 70
    wide = run("show", "--sample", "--width", "0").out
    for entry in sample.entries:
        assert entry.title in wide


def test_show_filters(run: Run, sample: Brief) -> None:
    expected = sample.filter(section="rural", year="2010-2023", text="peer")
    result = run(
        "show",
        "--sample",
        "--section",
        "rural",
        "--year",
        "2010-2023",
        "--search",
        "peer",
        "--width",
        "0",
    )
    assert result.code == 0
    rows = table_rows(result.out)
    assert 0 < len(rows) == len(expected.entries) < len(sample.entries)
    for entry in expected.entries:
        assert entry.title in result.out


def test_show_single_year(run: Run, sample: Brief) -> None:
    rows = table_rows(run("show", "--sample", "--year", "2020", "--width", "0").out)
    assert len(rows) == sum(1 for entry in sample.entries if entry.year == 2020)
    assert all("  2020  " in row for row in rows)


# --- cite -------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["vancouver", "harvard"])
def test_cite_prints_the_reference_list(run: Run, sample: Brief, style: str) -> None:
    from peerbrief.cite import cite

    result = run("cite", "--sample", "--style", style)
    assert result.code == 0
    assert len(result.out.splitlines()) == len(sample.entries)
    assert result.out == cite(sample.entries, style)


def test_cite_markdown_and_html(run: Run, sample: Brief) -> None:
    markdown = run("cite", "--sample", "--style", "harvard", "--format", "markdown").out
    assert len(markdown.strip().split("\n\n")) == len(sample.entries)
    assert "<i>" not in markdown and "*" in markdown
    page = run("cite", "--sample", "--style", "harvard", "--format", "html").out
    assert page.count('<div class="csl-entry">') == len(sample.entries)


def test_cite_with_a_csl_file(run: Run, tmp_path: Path, sample: Brief) -> None:
    from peerbrief.cite import style_path

    own = tmp_path / "house-style.csl"
    shutil.copy(style_path("harvard"), own)
    result = run("cite", "--sample", "--style", own)
    assert result.code == 0
    assert len(result.out.splitlines()) == len(sample.entries)


def test_cite_with_any_shipped_style(run: Run) -> None:
    result = run("cite", "--sample", "--style", "vancouver-nlm", "--search", "rural")
    assert result.code == 0 and result.out.startswith("1. ")


def test_cite_with_a_missing_csl_file_is_bad_input(run: Run, tmp_path: Path) -> None:
    result = run("cite", "--sample", "--style", tmp_path / "none.csl")
    assert_one_error_line(result, 2)


# --- failures that are not the input's fault ------------------------------------------------


def test_interrupt_exits_130_without_traceback(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> Brief:
        raise KeyboardInterrupt

    monkeypatch.setattr(peerbrief, "read", interrupted)
    assert_one_error_line(run("check", "--sample"), 130)


def test_a_bug_is_one_line_and_exit_70(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> Brief:
        raise RuntimeError("something impossible")

    monkeypatch.setattr(peerbrief, "read", broken)
    result = run("convert", "--sample")
    assert_one_error_line(result, 70)
    assert "RuntimeError: something impossible" in result.err


def test_progress_on_a_terminal_only_for_long_work(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "reading" not in run("convert", "--sample", SAMPLE).err  # not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert "reading 2/2" in run("convert", "--sample", SAMPLE).err
    assert "reading" not in run("convert", "--sample").err  # one text brief is quick
    assert "reading" not in run("convert", "--sample", SAMPLE, "--quiet").err


def test_format_names_are_the_writers_formats() -> None:
    from peerbrief.vocabulary import FORMAT_NAMES
    from peerbrief.writers import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES


# --- a PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample brief typeset as a PDF with link annotations (tests/fixtures)."""
    pytest.importorskip("reportlab")
    path = tmp_path_factory.mktemp("pdf") / "peer-support-workers.pdf"
    maker = Path(__file__).parent / "fixtures" / "make_reportlab_pdf.py"
    subprocess.run([sys.executable, str(maker), str(path)], check=True, capture_output=True)
    return path


def test_a_pdf_brief_converts_with_its_links(run: Run, sample_pdf: Path) -> None:
    brief = peerbrief.read(sample_pdf)
    result = run("convert", sample_pdf, "--to", "csl-json")
    assert result.code == 0
    works = json.loads(result.out)
    assert [work["title"] for work in works] == [entry.title for entry in brief.entries]
    assert sum(1 for work in works if "DOI" in work) == sum(1 for e in brief.entries if e.doi) > 0


def test_reading_a_pdf_shows_progress_on_a_terminal(
    run: Run, sample_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert "reading 1/1" in run("check", sample_pdf).err


@pytest.mark.parametrize("command", ["convert", "show", "cite"])
def test_filters_that_match_nothing_write_nothing_and_list_the_sections(
    run: Run, sample: Brief, tmp_path: Path, command: str
) -> None:
    output = ["-o", tmp_path / "x.ris"] if command == "convert" else []
    result = run(command, "--sample", "--section", "xyz", *output)
    assert result.code == 64 and result.out == ""
    assert result.err.endswith(
        f"peerbrief: error: no work matches --section 'xyz' (of {len(sample)} works); "
        "nothing was written\n"
    )
    listed = dict.fromkeys(str(section) for entry in sample for section in entry.sections)
    assert result.err.count("\n  ") == len(listed) > 3
    for section in listed:
        assert f"\n  {section}\n" in result.err
    assert not (tmp_path / "x.ris").exists()


def test_a_typed_hyphen_matches_a_sections_en_dash_and_an_en_dash_joins_years(
    run: Run, sample: Brief
) -> None:
    expected = sample.filter(section="Key publications – the big picture", year="2015-2020")
    assert len(expected) > 0
    argv = ["--section", "Key publications - the big picture", "--year", "2015–2020"]
    result = run("convert", "--sample", *argv, "--to", "csl-json")
    assert result.code == 0
    assert [item["title"] for item in json.loads(result.out)] == [e.title for e in expected]


def test_an_option_the_command_lacks_points_at_the_commands_help(run: Run) -> None:
    result = run("check", "--sample", "--no-dedupe")
    assert_one_error_line(result, 64)
    assert "unrecognized arguments: --no-dedupe (see 'peerbrief check --help')" in result.err
