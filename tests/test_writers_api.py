"""The writers' public API: formats, rendering and atomic file writing."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from factories import brief

from peerbrief.errors import OutputError, UsageError
from peerbrief.model import Entry, Person
from peerbrief.writers import FORMATS, format_for_path, render, write

ENTRIES = [Entry(title="Peer support roles", authors=[Person("Cleary", "Michelle")])]


def test_formats_and_extensions() -> None:
    assert {name: format_.extension for name, format_ in FORMATS.items()} == {
        "bibtex": ".bib",
        "biblatex": ".bib",
        "ris": ".ris",
        "csl-json": ".json",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [("refs.bib", "bibtex"), ("a/b/refs.RIS", "ris"), ("refs.json", "csl-json")],
)
def test_format_for_path(name: str, expected: str) -> None:
    assert format_for_path(name) == expected
    assert format_for_path(Path(name)) == expected


@pytest.mark.parametrize("name", ["refs.txt", "refs", "refs.bib.gz"])
def test_an_unknown_extension_is_an_output_error(name: str) -> None:
    with pytest.raises(OutputError, match="cannot tell the output format"):
        format_for_path(name)


def test_render_dispatches_and_rejects_unknown_formats() -> None:
    assert render(ENTRIES, "bibtex").startswith("@misc{clearypeer,")  # no journal: @misc
    assert render(ENTRIES, "biblatex").startswith("@article{clearypeer,")
    assert render(ENTRIES, "ris").startswith("TY  - JOUR\r\n")
    assert json.loads(render(ENTRIES, "csl-json"))[0]["id"] == "clearypeer"
    with pytest.raises(OutputError, match="unknown format 'endnote'"):
        render(ENTRIES, "endnote")


def test_write_picks_the_format_from_the_extension(tmp_path: Path) -> None:
    for name in ("refs.bib", "refs.ris", "refs.json"):
        write(ENTRIES, tmp_path / name)
        expected = render(ENTRIES, format_for_path(name)).encode("utf-8")
        assert (tmp_path / name).read_bytes() == expected
    write(ENTRIES, tmp_path / "modern.bib", "biblatex")
    assert (tmp_path / "modern.bib").read_bytes() == render(ENTRIES, "biblatex").encode()
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "modern.bib",
        "refs.bib",
        "refs.json",
        "refs.ris",
    ]


def test_write_replaces_a_file_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "refs.ris"
    target.write_text("old content, much longer than the new one " * 100)
    target.chmod(0o640)
    write(ENTRIES, target)
    assert target.read_bytes() == render(ENTRIES, "ris").encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write(ENTRIES, tmp_path / "refs.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "refs.json").stat().st_mode) == 0o640


def test_a_missing_directory_is_a_one_line_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as raised:
        write(ENTRIES, tmp_path / "missing" / "refs.bib")
    assert "\n" not in str(raised.value)
    assert "No such file or directory" in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", fail)
    (tmp_path / "refs.bib").write_text("old")
    with pytest.raises(OutputError, match=r"cannot write .*Input/output error"):
        write(ENTRIES, tmp_path / "refs.bib")
    assert [path.name for path in tmp_path.iterdir()] == ["refs.bib"]
    assert (tmp_path / "refs.bib").read_text() == "old"


def test_a_failing_writer_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="unknown format"):
        write(ENTRIES, tmp_path / "refs.bib", "bibtexx")
    assert list(tmp_path.iterdir()) == []


def test_an_unencodable_character_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="unencodable character"):
        write([Entry(title="lone \ud800 surrogate")], tmp_path / "refs.json")
    assert list(tmp_path.iterdir()) == []


NOBODY = 65534


def _written_by_nobody(path: Path) -> str:
    """What ``write`` raised in a forked child running as user nobody: root writes into
    any directory, so the read-only case needs a user the permission bits bind."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit code only
        code = 0
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            write(ENTRIES, path)
        except OutputError as error:
            code = 10 if "Permission denied" in str(error) else 11
        except BaseException:
            code = 12
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return {0: "written", 10: "Permission denied", 11: "other OutputError"}.get(
        os.waitstatus_to_exitcode(status), "crashed"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX permission bits")
def test_a_read_only_directory_is_an_output_error(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(OutputError, match="Permission denied"):
                write(ENTRIES, tmp_path / "refs.bib")
        finally:
            tmp_path.chmod(0o700)
        return
    # As root: a directory in /tmp (pytest's own is private to root) nobody may enter.
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o555)
        assert _written_by_nobody(folder / "refs.bib") == "Permission denied"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
        shutil.rmtree(folder)


def test_no_entries_make_an_empty_but_valid_file() -> None:
    assert render([], "bibtex") == render([], "biblatex") == render([], "ris") == ""
    assert json.loads(render([], "csl-json")) == []


@pytest.mark.parametrize(
    ("name", "fmt"), [("refs.bib", "ris"), ("refs.json", "bibtex"), ("refs.RIS", "csl-json")]
)
def test_a_format_contradicting_the_extension_is_refused(
    tmp_path: Path, name: str, fmt: str
) -> None:
    with pytest.raises(UsageError, match=f"format {fmt} contradicts the output file name"):
        write(ENTRIES, tmp_path / name, fmt)
    with pytest.raises(UsageError, match="contradicts"):
        brief(*ENTRIES).write(tmp_path / name, fmt.upper())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "fmt"), [("refs.bib", "biblatex"), ("refs.txt", "ris")])
def test_a_format_the_extension_allows_or_says_nothing_about_is_written(
    tmp_path: Path, name: str, fmt: str
) -> None:
    write(ENTRIES, tmp_path / name, fmt)
    assert (tmp_path / name).read_bytes() == render(ENTRIES, fmt).encode("utf-8")
