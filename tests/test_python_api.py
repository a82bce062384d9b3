"""The researcher's first hour in Python: a Brief behaves as the collection of its works,
writes itself, and a missing file is the error Python programmers already catch."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import rispy
from factories import article, brief, report

import peerbrief
from peerbrief.errors import InputError, MissingInputError, PeerbriefError, UsageError
from peerbrief.model import Brief
from peerbrief.writers import render, write


def test_a_brief_has_a_length_and_iterates_over_its_entries(sample: Brief) -> None:
    assert len(sample) == len(sample.entries) == 114
    assert list(sample) == list(sample.entries)
    assert [entry.title for entry in sample.filter(section="rural")] == [
        "The role of the peer support worker in increasing rural mental health help-seeking"
    ]
    assert len(brief()) == 0


def test_render_and_write_take_a_brief_or_any_iterable(sample: Brief, tmp_path: Path) -> None:
    expected = render(sample.entries, "ris")
    assert render(sample, "ris") == expected
    assert render((entry for entry in sample), "ris") == expected
    assert render(sample, "RIS") == expected
    write(sample, tmp_path / "refs.ris")
    assert (tmp_path / "refs.ris").read_bytes() == expected.encode("utf-8")


def test_brief_write_takes_the_format_from_the_extension_or_by_name(tmp_path: Path) -> None:
    two = brief(article(), report())
    two.write(tmp_path / "refs.ris")
    records = rispy.loads((tmp_path / "refs.ris").read_text(encoding="utf-8"))
    assert [record["title"] for record in records] == [entry.title for entry in two]
    two.write(tmp_path / "refs.bib", "biblatex")
    assert "@report{" in (tmp_path / "refs.bib").read_text(encoding="utf-8")
    two.write(tmp_path / "refs.bib")
    assert "@techreport{" in (tmp_path / "refs.bib").read_text(encoding="utf-8")


def test_a_missing_file_is_file_not_found_and_peerbriefs_own(tmp_path: Path) -> None:
    missing = tmp_path / "nosuch.pdf"
    with pytest.raises(FileNotFoundError) as caught:
        peerbrief.read(missing)
    error = caught.value
    assert isinstance(error, MissingInputError)
    assert isinstance(error, InputError) and isinstance(error, PeerbriefError)
    assert error.errno == errno.ENOENT and error.filename == str(missing)
    assert str(error) == f"{missing}: no such file"
    assert error.exit_code == 2


def test_the_library_readers_load_on_first_use() -> None:
    """``import peerbrief`` (and the command) leave peerbrief.library unloaded until one of
    its names is used; every public name is listed by dir() and imports by name."""
    code = (
        "import sys, peerbrief, peerbrief.cli; "
        "before = 'peerbrief.library' in sys.modules; "
        "from peerbrief import Bibliography, Problem, read_bibliography; "
        "print(before, 'peerbrief.library' in sys.modules, "
        "set(peerbrief.__all__) <= set(dir(peerbrief)), Bibliography.__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["False", "True", "True", "Bibliography"]
    with pytest.raises(AttributeError, match="no attribute 'read_library'"):
        peerbrief.read_library  # noqa: B018


SAMPLE = peerbrief.sample_path()

WRONG_ARGUMENTS = {
    "year not a year": lambda sample: sample.filter(year="abc"),
    "kind unknown": lambda sample: sample.filter(kind="article"),
    "cite format unknown": lambda sample: sample.cite("apa", format="rtf"),
    "max_bytes zero": lambda _sample: peerbrief.read(SAMPLE, max_bytes=0),
    "max_bytes as on the command line": lambda _sample: peerbrief.read(SAMPLE, max_bytes="1M"),  # type: ignore[arg-type]
    "max_lines None": lambda _sample: peerbrief.read(SAMPLE, max_lines=None),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", WRONG_ARGUMENTS.values(), ids=WRONG_ARGUMENTS)
def test_a_wrong_argument_is_peerbriefs_usage_error_and_a_value_error(
    sample: Brief, call: Any
) -> None:
    with pytest.raises(UsageError) as raised:
        call(sample)
    assert isinstance(raised.value, PeerbriefError) and isinstance(raised.value, ValueError)
    assert raised.value.exit_code == 64 and "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE.read_text(encoding="utf-8"),
        "Evidence Brief: Peer Support Workers\nNovember 2023",
        "x" * 5000,
    ],
    ids=["the sample", "two lines", "one long line"],
)
def test_read_given_text_says_to_parse_it_in_one_short_line(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        peerbrief.read(text)
    message = str(raised.value)
    assert "peerbrief.parse(text)" in message and len(message) < 200
