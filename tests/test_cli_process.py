"""The installed entry points as whole processes: ``python -m peerbrief``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peerbrief(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peerbrief", *map(str, argv)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_version_and_help() -> None:
    assert peerbrief("--version").stdout.startswith("peerbrief ")
    result = peerbrief("convert", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout


def test_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = peerbrief("check", tmp_path / "missing.txt")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("peerbrief: error: ")
    assert result.stdout == ""


def test_convert_stdout_is_only_data() -> None:
    result = peerbrief("convert", "--sample", "--to", "ris")
    assert result.returncode == 0
    assert result.stdout.lstrip().startswith(("TY  -", "1."))
    assert "peerbrief:" not in result.stdout and "peerbrief:" in result.stderr


def test_closed_stdout_ends_quietly() -> None:
    """``peerbrief convert … | head``: when the reader has gone, no traceback follows."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: the first write fails with EPIPE
    try:
        process = subprocess.run(
            [sys.executable, "-m", "peerbrief", "convert", "--sample", "--to", "csl-json"],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert process.returncode == 141
    assert process.stderr == b""


def test_reports_reach_a_stdout_that_cannot_encode_them() -> None:
    """A stdout in ASCII or cp1252 (a Windows console redirected to a file, a C locale
    without UTF-8 mode): ``→`` in check's counts and ``…`` in show's table raised
    UnicodeEncodeError, exit code 70. They are written as escapes, as on stderr."""
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for command in (["check", "--sample"], ["show", "--sample"]):
        result = subprocess.run(
            [sys.executable, "-m", "peerbrief", *command],
            cwd=ROOT,
            capture_output=True,
            env=environment,
            timeout=120,
        )
        assert (result.returncode, result.stderr.count(b"error")) == (0, 0), result.stderr
        assert result.stdout.isascii() and b"\\u2" in result.stdout
