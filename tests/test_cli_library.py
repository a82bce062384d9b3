"""The command line with several briefs and against libraries: counts in listings, the
merges between inputs, `check --against` and `convert --against … --only-new`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.cli import Run

import peerbrief
from peerbrief.cli import MAX_PROBLEMS_SHOWN
from peerbrief.model import Brief
from peerbrief.views import describe_merge
from peerbrief.writers import render

SAMPLE = peerbrief.sample_path()
LIBRARIES = Path(__file__).parent / "fixtures" / "libraries"


def test_check_of_two_inputs_reports_the_merges_between_them(run: Run, sample: Brief) -> None:
    result = run("check", SAMPLE, SAMPLE)
    assert result.code == 0
    listed = 2 * 116
    works = len(sample.entries)
    assert f"Across the 2 inputs: {listed} listings → {works} works ({listed - works} copies" in (
        result.out
    )
    across = result.out.split("Across the 2 inputs")[1]
    between = peerbrief.dedupe([*sample.entries, *sample.entries]).merges
    assert len(between) == works
    for merge in between[:3]:
        assert describe_merge(merge) in across.replace("\n  ", "\n")


def test_check_against_a_library_lists_every_work_held_or_new(run: Run, sample: Brief) -> None:
    library = LIBRARIES / "mendeley.ris"
    result = run("check", "--sample", "--against", library)
    assert result.code == 0
    assert f"Against {library} (2 records):" in result.out
    assert f"  {len(sample.entries)} works: 2 held, {len(sample.entries) - 2} new" in result.out
    assert result.out.count("\n  new:  ") == len(sample.entries) - 2
    held = result.out.split('held: "Exploring the role of practitioner')[1]
    assert f"= {library} record 1 (lines 1-16)" in held
    assert "same year: 2022" in held


def test_check_against_a_library_with_unread_records_exits_1(run: Run) -> None:
    library = LIBRARIES / "endnote.ris"
    result = run("check", "--sample", "--against", library)
    assert result.code == 1
    assert f"{library} record 5 (line 47): no title" in result.out


def test_check_of_a_file_that_is_no_brief_exits_2_whatever_the_librarys_problems(
    run: Run, tmp_path: Path
) -> None:
    """A library's problem made the exit code 1: a brief that could not be read (2) was
    reported as one read with lines not understood."""
    brief = tmp_path / "notes.txt"
    brief.write_text("Nothing here is a reference.\n", encoding="utf-8")
    result = run("check", brief, "--against", LIBRARIES / "endnote.ris")
    assert result.code == 2
    assert "not an evidence brief" in result.err


@pytest.mark.parametrize("verbose", [False, True])
def test_check_against_prints_the_first_problems_and_verbose_all(
    run: Run, tmp_path: Path, verbose: bool
) -> None:
    """A hostile library of 300,000 bad records printed 300,000 lines."""
    library = tmp_path / "library.ris"
    library.write_text("".join(f"TY  - JOUR\nAU  - Author {n}\nER  - \n" for n in range(45)))
    result = run("check", "--sample", "--against", library, *(["--verbose"] if verbose else []))
    assert result.code == 1  # as with one problem
    assert f"Against {library} (45 records, 45 problems):" in result.out
    problems = [line for line in result.out.splitlines() if line.endswith(": no title")]
    assert len(problems) == (45 if verbose else MAX_PROBLEMS_SHOWN)
    assert problems[0] == f"  {library} record 1 (line 1): no title"
    more = f"  … and {45 - MAX_PROBLEMS_SHOWN} more problems (--verbose lists them all)"
    assert (more in result.out) is not verbose


@pytest.mark.parametrize(("count", "verbose"), [(MAX_PROBLEMS_SHOWN, ""), (45, " --verbose")])
def test_convert_names_the_check_that_lists_every_problem(
    run: Run, tmp_path: Path, count: int, verbose: str
) -> None:
    library = tmp_path / "library.ris"
    library.write_text("".join(f"TY  - JOUR\nAU  - Author {n}\nER  - \n" for n in range(count)))
    result = run("convert", "--sample", "--against", library, "--only-new", "--to", "ris")
    assert f"'peerbrief check --against {library}{verbose}' lists them" in result.err


def test_convert_only_new_counts_records_and_values_not_read_apart(
    run: Run, tmp_path: Path
) -> None:
    """Two values not read in records that were read made "2 records not read"."""
    library = tmp_path / "library.bib"
    library.write_text(
        "@article{a, title = {A}, year = 2020, month = sep, day = {first}}\n"
        "@article{b, title = {B}, year = 2020, day = {12}}\n@article{c, year = 2020}\n"
    )
    result = run("convert", "--sample", "--against", library, "--only-new", "--to", "ris")
    assert result.code == 1
    assert f"warning: {library}: 1 record not read, 2 other problems; " in result.err


def test_convert_only_new_writes_exactly_the_works_the_library_lacks(
    run: Run, sample: Brief, tmp_path: Path
) -> None:
    ten = sample.entries[::12][:10]
    library = tmp_path / "library.bib"
    library.write_text(render([e for e in sample.entries if e not in ten], "biblatex"))
    target = tmp_path / "new.ris"
    result = run("convert", "--sample", "--against", library, "--only-new", "-o", target)
    assert result.code == 0
    written = peerbrief.read_bibliography(target)
    assert [entry.title for entry in written] == [entry.title for entry in ten]
    assert f"; 10 of {len(sample.entries)} works not in the libraries, written to" in result.err


def test_convert_only_new_against_the_full_export_writes_nothing(
    run: Run, sample: Brief, tmp_path: Path
) -> None:
    library = tmp_path / "library.json"
    library.write_text(render(sample.entries, "csl-json"))
    result = run("convert", "--sample", "--against", library, "--only-new", "--to", "ris")
    assert (result.code, result.out) == (0, "")


@pytest.mark.parametrize("options", [["--only-new"], ["--against", "lib.ris"]])
def test_only_new_and_against_go_together_in_convert(run: Run, options: list[str]) -> None:
    result = run("convert", "--sample", *options)
    assert result.code == 64
    assert "--only-new and --against LIBRARY go together" in result.err


def test_a_library_that_is_not_one_is_bad_input(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Some notes, not a library.\n")
    result = run("check", "--sample", "--against", notes)
    assert result.code == 2
    assert "not a RIS, BibTeX, CSL-JSON, EndNote XML, Refer" in result.err


@pytest.mark.parametrize("reach", ["same path", "symbolic link", "hard link"])
def test_convert_only_new_never_writes_over_the_library(
    run: Run, sample: Brief, tmp_path: Path, reach: str
) -> None:
    library = tmp_path / "library.ris"
    held = render(sample.entries[:5], "ris").encode()
    library.write_bytes(held)
    target = tmp_path / "out.ris"
    if reach == "symbolic link":
        target.symlink_to(library)
    elif reach == "hard link":
        target.hardlink_to(library)
    else:
        target = library
    result = run("convert", "--sample", "--against", library, "--only-new", "-o", target)
    assert result.code == 3
    assert result.err.count("\n") == 1 and "it is the input" in result.err
    assert library.read_bytes() == held
