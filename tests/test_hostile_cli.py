"""The command under interruption and failure, the crash row of issue 14 (its non-PDF
part): Ctrl-C at any moment, start-up imports included, is one line and exit 130 —
or the run's own status once its output is complete — and a library failing on an
input is one line and exit 2."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from _pytest.mark.structures import ParameterSet

import peerbrief
from peerbrief import _startup, cli
from peerbrief.cli import main
from peerbrief.model import Brief

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TEXT = peerbrief.sample_path().read_text(encoding="utf-8")

# A sitecustomize that sends the process SIGINT when a given module starts importing:
# an interrupt at a chosen moment of start-up, every time.
INTERRUPTING_SITECUSTOMIZE = """
import os, signal, sys

class _InterruptOnImport:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["INTERRUPT_AT"]:
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, _InterruptOnImport())
"""


def _entry_points() -> list[ParameterSet]:
    points = [pytest.param([sys.executable, "-m", "peerbrief"], id="python -m peerbrief")]
    script = Path(sys.executable).parent / "peerbrief"
    if script.exists():
        points.append(pytest.param([str(script)], id="console script"))
    return points


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to oneself is POSIX")
@pytest.mark.parametrize("command", _entry_points())
@pytest.mark.parametrize(
    "module", ["peerbrief.dedupe", "attr", "peerbrief.fields", "peerbrief.reader", "peerbrief.cli"]
)
def test_ctrl_c_during_start_up_imports_is_one_line(
    tmp_path: Path, command: list[str], module: str
) -> None:
    (tmp_path / "sitecustomize.py").write_text(INTERRUPTING_SITECUSTOMIZE, encoding="utf-8")
    result = subprocess.run(
        [*command, "check", "--sample"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "INTERRUPT_AT": module, "PATH": ""},
    )
    assert result.returncode == 130
    assert result.stderr == "peerbrief: error: interrupted\n"
    assert result.stdout == ""


def test_importing_the_library_leaves_ctrl_c_alone() -> None:
    # Only the command quiets Ctrl-C at start-up; a program importing peerbrief keeps
    # Python's KeyboardInterrupt.
    code = (
        "import signal, peerbrief; "
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize(("argv0", "command"), [("peerbrief", True), ("notebook.py", False)])
def test_only_the_command_makes_the_collector_run_less_often(argv0: str, command: bool) -> None:
    # The console script's argv[0] ends in "peerbrief"; a program importing peerbrief
    # keeps Python's collector thresholds.
    code = (
        f"import gc, sys; sys.argv = [{argv0!r}]; default = gc.get_threshold(); "
        "import peerbrief, peerbrief._startup as start; "
        "print(gc.get_threshold()[0] == start.GC_THRESHOLD, gc.get_threshold() == default)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == [str(command), str(not command)]


def _interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("peerbrief.read", 130),  # while reading: nothing written
        ("peerbrief.writers.write", 130),  # while writing: nothing (the writer cleans up)
        ("peerbrief.cli._note", 0),  # after the file is complete: the run's status
    ],
)
def test_ctrl_c_in_process_gives_the_state_of_the_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    expected: int,
) -> None:
    monkeypatch.setattr(where, _interrupt)
    output = tmp_path / "out.ris"
    code = main(["convert", "--sample", "-o", str(output)])
    err = capsys.readouterr().err
    assert code == expected
    if expected == 130:
        assert err == "peerbrief: error: interrupted\n"
        assert not output.exists()
    else:
        assert output.read_text(encoding="utf-8").count("TY  - ") > 100
        assert "error" not in err


def test_ctrl_c_after_a_complete_output_keeps_status_1_for_lines_not_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tmp_path / "odd.txt"
    brief.write_text(
        SAMPLE_TEXT.replace("Source: NHS England\n", "Source: NHS England\n\nSource: Zq 7\n", 1),
        encoding="utf-8",
    )
    monkeypatch.setattr("peerbrief.cli._note", _interrupt)
    assert main(["convert", str(brief), "--to", "ris"]) == 1
    assert capsys.readouterr().out.count("TY  - ") > 100


def test_after_main_the_command_ignores_ctrl_c(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the command (start-up installed its guard), main() turns Ctrl-C back into
    KeyboardInterrupt while it runs, and leaves it ignored for the exit that follows."""
    guard = next(
        handler
        for handler in vars(_startup).values()
        if callable(handler) and _startup.is_start_guard(handler)
    )
    seen: list[object] = []
    run = cli._run

    def spy(argv: Sequence[str] | None, outcome: cli._Outcome) -> int:
        seen.append(signal.getsignal(signal.SIGINT))
        return run(argv, outcome)

    monkeypatch.setattr(cli, "_run", spy)
    previous = signal.signal(signal.SIGINT, guard)
    try:
        assert main(["check", "--sample", "--quiet"]) == 0
        assert seen == [signal.default_int_handler]
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    capsys.readouterr()


def _library_failure(*_args: object, **_kwargs: object) -> Brief:
    import rispy

    rispy.loads(12345)  # not text: rispy itself raises
    raise AssertionError("rispy accepted a number")


def _own_bug(*_args: object, **_kwargs: object) -> Brief:
    raise RuntimeError("something impossible\nin two lines")


def _out_of_memory(*_args: object, **_kwargs: object) -> Brief:
    raise MemoryError


@pytest.mark.parametrize(
    ("failure", "code", "gist"),
    [
        (_library_failure, 2, "rispy failed on it (AttributeError"),
        (_own_bug, 70, "internal error (RuntimeError: something impossible\\nin two lines)"),
        (_out_of_memory, 2, "not enough memory to read it"),
    ],
)
def test_unexpected_exceptions_are_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: Callable[..., Brief],
    code: int,
    gist: str,
) -> None:
    monkeypatch.setattr(peerbrief, "read", failure)
    assert main(["check", "--sample"]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("peerbrief: error: ")
    assert gist in err


def test_main_gives_stdout_back_as_it_found_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Characters stdout's encoding lacks are escaped while main() runs (the check of
    ``tests/test_cli_process.py``), and only then."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["check", "--sample"]) == 0
    assert stdout.errors == "strict"
    stdout.seek(0)
    assert "\\u2192" in stdout.read()
