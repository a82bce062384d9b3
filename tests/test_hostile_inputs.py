"""Hostile inputs, the encodings and byte-cap rows of issue 14: stray control bytes,
unmarked UTF-16, UTF-32, file names that would split an error line, and inputs that
never end (devices, pipes). Large inputs are generated here, at test time."""

from __future__ import annotations

import os
import random
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief.cli import main
from peerbrief.errors import InputError, OutputError, PeerbriefError, printable
from peerbrief.inputs import MAX_INPUT_BYTES, MAX_INPUT_LINES, decode_text
from peerbrief.lines import count_lines, split_lines
from peerbrief.model import Brief, Reason
from peerbrief.pdf import PdfLimits

SAMPLE_TEXT = peerbrief.sample_path().read_text(encoding="utf-8")
SAMPLE_BYTES = SAMPLE_TEXT.encode("utf-8")
MIB = 1024 * 1024


def titles(brief: Brief) -> list[str]:
    return [entry.title for entry in brief.entries]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    code = main([str(arg) for arg in argv])
    return code, capsys.readouterr().err


def assert_one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("peerbrief: error: "), err


# --- encodings ---------------------------------------------------------------------------


def _with_bytes_in_lines(insert: bytes, lines: tuple[int, ...]) -> bytes:
    """The sample with ``insert`` placed inside each of the given (1-based) lines."""
    rows = SAMPLE_BYTES.split(b"\n")
    for number in lines:
        row = rows[number - 1]
        rows[number - 1] = row[: len(row) // 2] + insert + row[len(row) // 2 :]
    return b"\n".join(rows)


@pytest.mark.parametrize(
    ("insert", "lines"),
    [
        (b"\x00", (3,)),  # one stray NUL
        (b"\x00", (40, 200, 900)),  # a few, far apart
        (b"\x01\x1b\x7f", (120,)),  # other C0 controls and DEL
        (b"\x1b[31m", (300,)),  # a terminal escape sequence
    ],
)
def test_stray_control_bytes_are_dropped_and_reported(
    insert: bytes, lines: tuple[int, ...]
) -> None:
    brief = peerbrief.read(_with_bytes_in_lines(insert, lines))
    clean = peerbrief.read(SAMPLE_BYTES)
    assert titles(brief) == titles(clean)
    reported = [item for item in brief.report if item.reason is Reason.CONTROL_CHARACTERS]
    assert [item.line for item in reported] == list(lines)
    assert all("U+00" in item.text or "U+007F" in item.text for item in reported)
    everything = "".join(str(entry) + (entry.abstract or "") for entry in brief.entries)
    assert not any(chr(byte) in everything for byte in insert if byte < 32 or byte == 127)


def _random_binary(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_random_binary(4096, 1), id="random bytes"),
        pytest.param(_random_binary(300_000, 2), id="large random bytes"),
        pytest.param(bytes(range(256)) * 64, id="every byte value"),
        pytest.param(b"\x7fELF\x02\x01\x01" + bytes(2000), id="executable header"),
        pytest.param(b"\x00\x01\x02binary\x00", id="tiny and mostly control"),
        pytest.param(SAMPLE_BYTES[:2000] + _random_binary(60_000, 3), id="text then binary"),
    ],
)
def test_mostly_binary_files_are_still_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"binary data|not UTF-8") as caught:
        peerbrief.read(data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "encoding",
    ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32-be", "utf-32", "utf-8-sig"],
)
def test_wide_encodings_with_and_without_bom_read_like_utf8(encoding: str) -> None:
    brief = peerbrief.read(SAMPLE_TEXT.encode(encoding))
    assert titles(brief) == titles(peerbrief.read(SAMPLE_BYTES))
    assert not [item for item in brief.report if item.reason.is_removal]


def test_utf32_bom_is_not_taken_for_utf16() -> None:
    text = "Evidence Brief: Caf\u00e9 \U0001f600 workers\n"
    assert decode_text(text.encode("utf-32"), "x") == text  # LE BOM starts with FF FE
    assert decode_text(text.encode("utf-32-be"), "x") == text  # no BOM at all


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SAMPLE_TEXT.encode("utf-16-le")[:-1], "broken UTF-16"),  # odd length: truncated
        (b"\xff\xfe" + b"\x00\xdc" * 3, "not an evidence brief"),  # three lone surrogates
        (b"\xff\xfe\x00\x00", "empty"),  # a UTF-32 BOM and nothing else
        (b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff", "broken UTF-32"),  # beyond Unicode
    ],
)
def test_broken_wide_text_is_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        peerbrief.read(data)
    assert "\n" not in str(caught.value)


def test_lone_surrogate_encoded_in_a_file_is_replaced_and_reported() -> None:
    # UTF-16 and CESU-style UTF-8 can encode an unpaired surrogate; decoding keeps it as
    # damage to repair, not a reason to refuse the brief.
    line = SAMPLE_TEXT.splitlines()[2]
    damaged = SAMPLE_TEXT.replace(line, line + "\ud800", 1)
    for data in (
        damaged.encode("utf-16", "surrogatepass"),
        damaged.encode("utf-8", "surrogatepass"),
    ):
        brief = peerbrief.read(data)
        (item,) = [item for item in brief.report if item.reason is Reason.LONE_SURROGATES]
        assert item.line == 3 and "U+D800" in item.text


# --- names in messages -----------------------------------------------------------------------

HOSTILE_NAMES = [
    "two\nlines.txt",
    "carriage\rreturn.txt",
    "escape\x1b[2J.txt",
    "bidi\u202etxt.exe",
    "separator\u2028line.txt",
    "tab\tname.txt",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize(
    "content",
    [None, b"", b"\x00" * 100, b"notes without references\n"],
    ids=["missing", "empty", "binary", "not a brief"],
)
def test_file_names_cannot_split_or_spoof_the_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, err = run_cli(capsys, "check", path)
    assert code == 2
    assert_one_line(err)
    assert err[:-1].isprintable()
    assert printable(name) in err


@pytest.mark.parametrize("error_class", [InputError, OutputError])
def test_every_peerbrief_error_is_one_line_by_construction(
    error_class: type[PeerbriefError],
) -> None:
    # pdf.py and the writers quote libraries' messages, which may hold line breaks.
    error = error_class("brief.pdf: pypdf says: incorrect startxref\nparsing \u202eagain")
    assert str(error) == "brief.pdf: pypdf says: incorrect startxref\\nparsing \\u202eagain"


def test_printable_escapes_exactly_what_cannot_be_shown() -> None:
    assert printable("Évidence brief – 2023.pdf") == "Évidence brief – 2023.pdf"
    assert printable("a\nb\u202ec\x00\udcff") == "a\\nb\\u202ec\\x00\\udcff"


# --- the byte cap ------------------------------------------------------------------------------


def test_the_cap_holds_for_a_device_that_never_ends(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    code, err = run_cli(capsys, "check", "/dev/zero", "--max-bytes", "4M")
    assert code == 2
    assert_one_line(err)
    assert "4194304 bytes" in err and "--max-bytes" in err


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Callable[[bytes], Path]]:
    """A named pipe fed with the given bytes by a thread (which stops when the reader
    closes its end)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    threads: list[threading.Thread] = []

    def feed(data: bytes) -> Path:
        path = tmp_path / f"pipe{len(threads)}"
        os.mkfifo(path)

        def write() -> None:
            try:
                with path.open("wb") as pipe:
                    for start in range(0, len(data), 65536):
                        pipe.write(data[start : start + 65536])
            except BrokenPipeError:
                pass  # the reader stopped at its cap

        thread = threading.Thread(target=write, daemon=True)
        thread.start()
        threads.append(thread)
        return path

    yield feed
    for thread in threads:
        thread.join(timeout=30)


def test_the_cap_holds_for_a_pipe(
    fifo: Callable[[bytes], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = fifo(SAMPLE_BYTES * 40)  # ~4.6 MB through a pipe that reports no size
    code, err = run_cli(capsys, "check", path, "--max-bytes", "1M")
    assert code == 2
    assert_one_line(err)
    assert f"{MIB} bytes" in err and "--max-bytes" in err


def test_a_pipe_within_the_cap_is_read_whole(
    fifo: Callable[[bytes], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # On a terminal the command peeks at inputs to see if they are PDFs; a pipe's bytes
    # can be read only once, so it must not be peeked at.
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    path = fifo(SAMPLE_BYTES)
    assert stat.S_ISFIFO(path.stat().st_mode)
    code = main(["convert", str(path), "--to", "ris"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("TY  - ") == len(peerbrief.read(SAMPLE_BYTES).entries)


@pytest.mark.parametrize("excess", [1, MIB])
def test_a_regular_file_over_the_cap_is_refused_unread(tmp_path: Path, excess: int) -> None:
    cap = 2 * MIB
    path = tmp_path / "large.txt"
    with path.open("wb") as file:
        file.truncate(cap + excess)  # sparse: no disk, and all NUL, were it read
    with pytest.raises(InputError, match=r"larger than 2097152 bytes.*max_bytes"):
        peerbrief.read(path, max_bytes=cap)


def test_the_cap_applies_to_bytes_and_accepts_exactly_its_size() -> None:
    assert titles(peerbrief.read(SAMPLE_BYTES, max_bytes=len(SAMPLE_BYTES)))
    with pytest.raises(InputError, match="max_bytes"):
        peerbrief.read(SAMPLE_BYTES, max_bytes=len(SAMPLE_BYTES) - 1)


def test_the_default_caps_are_documented_and_positive_caps_only() -> None:
    assert MAX_INPUT_BYTES == 64 * MIB
    assert MAX_INPUT_LINES == 200_000
    with pytest.raises(ValueError, match="positive"):
        peerbrief.read(SAMPLE_BYTES, max_bytes=0)
    with pytest.raises(ValueError, match="positive"):
        peerbrief.read(SAMPLE_BYTES, max_lines=0)


# --- the line cap: a line costs far more than its bytes --------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Evidence Brief: x" + b"\n" * (MAX_INPUT_LINES + 1), id="empty lines"),
        pytest.param(b"a\r\n" * (MAX_INPUT_LINES + 1), id="short CRLF lines"),
        pytest.param(b"x\r" * (MAX_INPUT_LINES + 1), id="old Mac line ends"),
        pytest.param(SAMPLE_BYTES + b"\n" * MAX_INPUT_LINES, id="a brief, then empty lines"),
        pytest.param(("x\n" * (MAX_INPUT_LINES + 1)).encode("utf-16"), id="lines in UTF-16"),
    ],
)
def test_inputs_of_too_many_lines_are_refused_before_splitting(data: bytes) -> None:
    with pytest.raises(InputError, match=r"more than 200000 lines.*--max-lines"):
        peerbrief.read(data)


def test_the_line_cap_counts_lines_as_the_reader_splits_them() -> None:
    lines = len(SAMPLE_TEXT.split("\n"))
    assert titles(peerbrief.read(SAMPLE_BYTES, max_lines=lines))
    for text in (SAMPLE_TEXT, SAMPLE_TEXT.replace("\n", "\r\n"), SAMPLE_TEXT.replace("\n", "\r")):
        with pytest.raises(InputError, match="max_lines"):
            peerbrief.parse(text, max_lines=lines - 1)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_file_of_exactly_the_cap_in_lines_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ending: str
) -> None:
    """N lines each ended by a newline are N lines (as ``wc -l`` counts them), not N+1."""
    lines = SAMPLE_TEXT.rstrip("\n").split("\n")
    path = tmp_path / "brief.txt"
    path.write_bytes(ending.join([*lines, ""]).encode("utf-8"))
    assert titles(peerbrief.read(path, max_lines=len(lines)))
    with pytest.raises(InputError, match=f"more than {len(lines) - 1} lines"):
        peerbrief.read(path, max_lines=len(lines) - 1)
    result, _err = run_cli(capsys, "check", str(path), "--quiet", f"--max-lines={len(lines)}")
    assert result == 0


def test_the_line_cap_holds_for_pdfs_too() -> None:
    from test_hostile_fuzz import SMALL_PDF

    assert peerbrief.read(SMALL_PDF).entries
    with pytest.raises(InputError, match="more than 3 lines"):
        peerbrief.read(SMALL_PDF, max_lines=3)


@pytest.mark.parametrize(("value", "code"), [("5000", 0), ("0", 64), ("many", 64), ("10", 2)])
def test_max_lines_option(capsys: pytest.CaptureFixture[str], value: str, code: int) -> None:
    result, err = run_cli(capsys, "check", "--sample", "--quiet", f"--max-lines={value}")
    assert result == code
    if code:
        assert_one_line(err)
        assert "--max-lines" in err


@pytest.mark.parametrize(
    ("value", "code"),
    [("200M", 0), ("1g", 0), ("500KiB", 0), ("123456789", 0), ("0", 64), ("-5", 64), ("lots", 64)],
)
def test_max_bytes_option(capsys: pytest.CaptureFixture[str], value: str, code: int) -> None:
    result, err = run_cli(capsys, "check", "--sample", "--quiet", f"--max-bytes={value}")
    assert result == code
    if code:
        assert_one_line(err)
        assert "--max-bytes" in err


@given(st.text(alphabet=st.sampled_from("ab \r\n\u2028\x0b"), max_size=60))
def test_count_lines_is_the_number_split_lines_makes(text: str) -> None:
    assert count_lines(text) == len(split_lines(text))


def test_one_deadline_covers_the_text_stages_too() -> None:
    """The reading's deadline (``PdfLimits.max_seconds``, ``--timeout``) is checked by
    every stage, not only by the PDF code: a text brief past it is refused, naming it."""
    data = peerbrief.sample_path().read_bytes()
    with pytest.raises(InputError, match=r"took longer than .*--timeout"):
        peerbrief.read(data, limits=PdfLimits(max_seconds=1e-9))
    assert peerbrief.read(data, limits=PdfLimits(max_seconds=60)).entries


def test_the_timeout_option_applies_to_text_briefs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sample", "--timeout", "1e-9"]) == 2
    assert "--timeout" in capsys.readouterr().err


def test_windows_1252_read_as_latin_1_reads_as_windows_1252() -> None:
    """A copy that went through a program reading Windows-1252 as Latin-1 holds C1
    controls where quotes and dashes were (U+0096 for an en dash): they are those
    characters, not controls to drop, which would join ``2019–2020`` into ``20192020``."""
    typographic = SAMPLE_BYTES.decode("utf-8").replace("'", "\u2019")
    typographic = typographic.encode("cp1252", "replace").decode("cp1252")  # (superscripts)
    mojibake = typographic.encode("cp1252").decode("latin-1").encode("utf-8")
    assert "\x96".encode() in mojibake  # the sample's en dashes, as C1 controls
    brief, clean = peerbrief.read(mojibake), peerbrief.read(typographic.encode("utf-8"))
    assert [item for item in brief.report if item.reason.is_removal] == []
    for entry, expected in zip(brief.entries, clean.entries, strict=True):
        assert (entry.title, entry.date, entry.abstract) == (
            expected.title,
            expected.date,
            expected.abstract,
        )
