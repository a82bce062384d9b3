"""Where output may go: ``-o`` never destroys what it should not, leaves no temporary file
behind on any signal, and every way of failing is one line with its documented exit code.

Each row of the tables below is a hostile or awkward output, the exit code it must give
and the gist of the message; the file system is checked afterwards.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import peerbrief
from peerbrief.cli import main
from peerbrief.errors import OutputError
from peerbrief.model import Entry, Person
from peerbrief.writers import render, write

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TEXT = peerbrief.sample_path().read_bytes()
ENTRIES = [Entry(title="Peer support roles", authors=[Person("Cleary", "Michelle")])]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and signals are POSIX")


def brief(folder: Path) -> Path:
    path = folder / "brief.txt"
    path.write_bytes(SAMPLE_TEXT)
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files the writer may have left (``.NAME.HEX.tmp``)."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# --- the command line: (set-up, -o, exit code, message gist) ---------------------------------


def output_is_the_input(folder: Path) -> str:
    return str(folder / "brief.txt")


def output_is_a_link_to_the_input(folder: Path) -> str:
    (folder / "link.ris").symlink_to(folder / "brief.txt")
    return str(folder / "link.ris")


def output_is_a_hard_link_to_the_input(folder: Path) -> str:
    os.link(folder / "brief.txt", folder / "hard.ris")
    return str(folder / "hard.ris")


def output_is_the_input_spelt_otherwise(folder: Path) -> str:
    (folder / "sub").mkdir()
    return str(folder / "sub" / ".." / "." / "brief.txt")


def output_is_a_fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.ris")
    return str(folder / "pipe.ris")


def output_is_a_directory(folder: Path) -> str:
    (folder / "out.ris").mkdir()
    return str(folder / "out.ris")


def output_is_a_device(_folder: Path) -> str:
    return os.devnull


def output_is_empty(_folder: Path) -> str:
    return ""


REFUSED: list[tuple[Callable[[Path], str], int, str]] = [
    (output_is_the_input, 3, "it is the input"),
    (output_is_a_link_to_the_input, 3, "it is the input"),
    (output_is_a_hard_link_to_the_input, 3, "it is the input"),
    (output_is_the_input_spelt_otherwise, 3, "it is the input"),
    (output_is_a_fifo, 3, "it is a FIFO"),
    (output_is_a_directory, 3, "it is a directory"),
    (output_is_a_device, 3, "it is a character device"),
    (output_is_empty, 64, "-o needs a file name"),
]


@POSIX
@pytest.mark.parametrize(
    ("make", "code", "gist"), REFUSED, ids=[make.__name__ for make, _, _ in REFUSED]
)
def test_an_output_that_must_not_be_replaced_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], str],
    code: int,
    gist: str,
) -> None:
    source = brief(tmp_path)
    before = {path.name: path.lstat() for path in tmp_path.iterdir()}
    output = make(tmp_path)
    assert main(["convert", str(source), "--to", "ris", "-o", output]) == code
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("peerbrief: error: ") and gist in error
    assert source.read_bytes() == SAMPLE_TEXT  # the brief is intact
    for path in tmp_path.iterdir():  # nothing replaced: same kind of file as before
        if path.name in before:
            assert stat.S_IFMT(path.lstat().st_mode) == stat.S_IFMT(before[path.name].st_mode)
    assert leftovers(tmp_path) == []


@POSIX
def test_a_symlink_is_written_through_and_stays(tmp_path: Path) -> None:
    source = brief(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "link.ris").symlink_to(tmp_path / "real" / "refs.ris")  # dangling: created
    assert main(["convert", str(source), "-q", "-o", str(tmp_path / "link.ris")]) == 0
    assert (tmp_path / "link.ris").is_symlink()
    assert (tmp_path / "real" / "refs.ris").read_bytes().startswith(b"TY  - ")
    assert main(["convert", str(source), "-q", "-o", str(tmp_path / "link.ris")]) == 0
    assert (tmp_path / "link.ris").is_symlink()  # replacing its target keeps the link
    assert leftovers(tmp_path) == leftovers(tmp_path / "real") == []


@pytest.mark.parametrize("length", [230, 240, 255])
def test_the_longest_file_names_are_written(tmp_path: Path, length: int) -> None:
    name = "r" * (length - len(".ris")) + ".ris"
    write(ENTRIES, tmp_path / name)
    assert (tmp_path / name).read_bytes() == render(ENTRIES, "ris").encode()
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_writing_a_file_is_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    code = main(["convert", str(brief(tmp_path)), "-o", str(tmp_path / "refs.ris")])
    assert code == 3
    assert "No space left on device" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["brief.txt"]


def test_ctrl_c_after_the_file_is_written_is_success(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = os.replace

    def replace_then_interrupt(source: str, target: str) -> None:
        replace(source, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    output = tmp_path / "refs.ris"
    assert main(["convert", str(brief(tmp_path)), "-o", str(output)]) == 0
    assert "interrupted" not in capsys.readouterr().err
    assert output.read_bytes().startswith(b"TY  - ")


def test_ctrl_c_before_the_file_is_written_is_130_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    (tmp_path / "refs.ris").write_text("old")
    assert main(["convert", str(brief(tmp_path)), "-o", str(tmp_path / "refs.ris")]) == 130
    assert capsys.readouterr().err == "peerbrief: error: interrupted\n"
    assert (tmp_path / "refs.ris").read_text() == "old"
    assert leftovers(tmp_path) == []


# --- whole processes: stdout on a full disk, signals while writing ----------------------------


def peerbrief_process(*argv: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peerbrief", *argv],
        cwd=ROOT,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "--sample", "--to", "ris"],
        ["cite", "--sample"],
        ["show", "--sample", "--width", "0"],
        ["check", "--sample"],
    ],
)
def test_a_full_disk_on_stdout_is_exit_3(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = peerbrief_process(*argv, stdout=full.fileno())
    assert result.returncode == 3, result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("peerbrief: error: cannot write the output: No space left")


# Writes the sample with os.fsync replaced by a function that signals the process itself,
# as if the signal arrived while the temporary file is on disk.
SIGNALLED_WRITE = """
import os, signal, sys
import peerbrief
from peerbrief.writers import write
number = getattr(signal, sys.argv[2])
os.fsync = lambda fd: os.kill(os.getpid(), number)
try:
    write(peerbrief.read(peerbrief.sample_path()).entries, sys.argv[1])
except KeyboardInterrupt:
    sys.exit(130)
"""


@POSIX
@pytest.mark.parametrize(
    ("name", "returncode"),
    [("SIGTERM", -signal.SIGTERM), ("SIGHUP", -signal.SIGHUP), ("SIGINT", 130)],
)
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, name: str, returncode: int
) -> None:
    output = tmp_path / "refs.ris"
    result = subprocess.run(
        [sys.executable, "-c", SIGNALLED_WRITE, str(output), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == returncode, result.stderr
    assert list(tmp_path.iterdir()) == []  # neither the file nor a temporary one


def test_write_refuses_its_protected_paths_in_python(tmp_path: Path) -> None:
    source = brief(tmp_path)
    with pytest.raises(OutputError, match="it is the input"):
        write(ENTRIES, source.with_name("brief.txt"), "ris", protect=[source])
    with pytest.raises(OutputError, match="no output file name"):
        write(ENTRIES, "", "ris")
    assert source.read_bytes() == SAMPLE_TEXT


@POSIX
def test_a_read_only_output_file_is_refused_as_the_shell_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mode 0444 in a writable folder: renaming a new file over it would replace it (root
    or not), so the file's own mode is heeded; it stays as it was."""
    source = brief(tmp_path)
    kept = tmp_path / "kept.ris"
    kept.write_bytes(b"TY  - GEN\r\nTI  - mine\r\nER  - \r\n")
    kept.chmod(0o444)
    assert main(["convert", str(source), "-o", str(kept)]) == 3
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "it is read-only (mode 0444)" in error
    assert kept.read_bytes() == b"TY  - GEN\r\nTI  - mine\r\nER  - \r\n"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o444 and leftovers(tmp_path) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="giving a file away needs root on POSIX"
)
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    output = tmp_path / "theirs.ris"
    output.write_text("old\n")
    os.chown(output, 65534, 65534)
    write(ENTRIES, output)
    status = output.stat()
    assert (status.st_uid, status.st_gid) == (65534, 65534)
    assert output.read_bytes() == render(ENTRIES, "ris").encode("utf-8")
