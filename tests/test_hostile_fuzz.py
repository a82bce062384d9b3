"""Mutation fuzzing as part of the suite: damaged and hostile variants of the sample
brief and of a small PDF, judged by :mod:`hostile_oracle`.

The budget comes from the hypothesis profile: ``dev`` is quick, ``ci`` more, and
``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_hostile_fuzz.py`` runs thousands
of examples. The atheris harnesses in ``fuzz/`` run the same oracle for hours.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from factories import article
from hostile_oracle import check_input
from hypothesis import event, example, given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import peerbrief
from peerbrief import writers
from peerbrief.links import web_link

SAMPLE_LINES = peerbrief.sample_path().read_text(encoding="utf-8").split("\n")
FRONT_MATTER = 60
"""The sample's title, Contents and citation: kept, so that a window of references reads
as a brief and not as noise (noise is refused early and would test little)."""

HOSTILE_SNIPPETS = (
    "\x00",
    "\x1b[2J",
    "\x7f",
    "\x0b",
    "\x0c",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\ud800",
    "\U000e0041",
    "\t",
    "](javascript:alert(1))",
    "[x](file:///etc/passwd)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](doi:10.1000/xyz)",
    "[",
    "](",
    ")",
    "\\",
    "{",
    "}",
    "%",
    "$x^2$",
    "<sup>1</sup>",
    "**",
    "_",
    "&",
    "#",
    "@article{x,",
    "\nER  - \nTY  - JOUR",
    "Author(s): ",
    "Source: ",
    "URL: ",
    "Publication date: ",
    " et al.",
    " 12(3) pp.45-67",
    "Abstract only*",
    "Evidence Brief: ",
    "Contents",
    ". . . . . 12",
    "10.1111/inm.12345/pdf/pdf",
    " " * 40,
    "é",
    "𝔘",
)
"""Pieces that have broken parsers, writers or consumers somewhere (kept short: the
slow-pattern work measures long runs in its own tests and benchmarks)."""

HOSTILE_LINES = (
    "[Evil title](javascript:alert(1))",
    "URL: javascript:alert(1)",
    "URL: file:///C:/Windows/win.ini",
    "DOI: doi:10.1000/ABC",
    "[Trojan \u202eexe.gnp\u202c title](https://example.org/\u202e)",
    "Author(s): \u202eSmith\u202c et al.",
    "Source: Journal of Things 12(3)",
    "- [Part 1](#)",
    "Publication date: Spring-Summer 2018",
    "\x00\x00\x00",
)

Mutation = Callable[[st.DrawFn, list[str]], None]


def _index(draw: st.DrawFn, lines: list[str]) -> int:
    return draw(st.integers(0, len(lines) - 1))


def _delete(draw: st.DrawFn, lines: list[str]) -> None:
    del lines[_index(draw, lines)]


def _duplicate(draw: st.DrawFn, lines: list[str]) -> None:
    index = _index(draw, lines)
    lines.insert(_index(draw, lines), lines[index])


def _swap(draw: st.DrawFn, lines: list[str]) -> None:
    first, second = _index(draw, lines), _index(draw, lines)
    lines[first], lines[second] = lines[second], lines[first]


def _inject(draw: st.DrawFn, lines: list[str]) -> None:
    index = _index(draw, lines)
    line = lines[index]
    at = draw(st.integers(0, len(line)))
    lines[index] = line[:at] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + line[at:]


def _replace_character(draw: st.DrawFn, lines: list[str]) -> None:
    index = _index(draw, lines)
    line = lines[index]
    if line:
        at = draw(st.integers(0, len(line) - 1))
        lines[index] = line[:at] + draw(st.characters()) + line[at + 1 :]


def _insert_line(draw: st.DrawFn, lines: list[str]) -> None:
    lines.insert(_index(draw, lines), draw(st.sampled_from(HOSTILE_LINES)))


MUTATIONS: tuple[Mutation, ...] = (
    _delete,
    _duplicate,
    _swap,
    _inject,
    _inject,  # the most telling mutation, drawn twice as often
    _replace_character,
    _insert_line,
)

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252")


@st.composite
def mutated_briefs(draw: st.DrawFn) -> bytes:
    """A window of the sample (after its front matter), mutated line by line, joined with
    some newline convention, encoded, and perhaps damaged byte by byte."""
    start = draw(st.integers(FRONT_MATTER, len(SAMPLE_LINES) - 20), label="window start")
    size = draw(st.integers(20, 250), label="window size")
    lines = SAMPLE_LINES[:FRONT_MATTER] + SAMPLE_LINES[start : start + size]
    for _ in range(draw(st.integers(0, 12), label="mutations")):
        if lines:
            draw(st.sampled_from(MUTATIONS))(draw, lines)
    text = draw(st.sampled_from(("\n", "\r\n", "\r"))).join(lines)
    encoding = draw(st.sampled_from(ENCODINGS), label="encoding")
    # surrogatepass: a lone surrogate is written as UTF-8/16/32 can; cp1252 has "?".
    errors = "replace" if encoding == "cp1252" else "surrogatepass"
    data = bytearray(text.encode(encoding, errors))
    for _ in range(draw(st.integers(0, 2), label="byte flips")):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@given(mutated_briefs())
# A title line the entry uses, with text after the link that is no access note: reported
# as taken from the line, which counts once (it counted as used and as not understood).
@example(b"[x](#)Contents\n\nSource: NHS England\n\nPublication date: 2020\n")
# A line a converter broke with <br> goes apart: one part used, another reported (the
# oracle counted the line twice, as it counts a table's row only once per part).
@example(b"<<br>[x]()\n")
# A line of markup alone (`<r>`, a table's row `|[]()<r>|`) where a heading may stand:
# its name is empty, and the section it opened raised ValueError (exit 70).
# A link label whose link differs from the title's (the title's stays) reported its line,
# and the text run on after it, no access date, reported the line again.
@example(
    b"[T](https://doi.org/10.1/x)\n"
    b"URL: https://a.org/ Accessed: 2 Jan 2025 Accessed: 3 Jan 2025\nAuthor(s): Jane Smith\n"
)
@example(b"[T]()\n<r>\n[t]()")
@example(b"[T]()\n|[]()<r><r>|\n[t]()")
def test_mutated_text_briefs_are_read_or_refused_and_write_cleanly(data: bytes) -> None:
    event("read" if check_input(data) else "refused")


def _small_pdf() -> bytes:
    """A one-page brief, uncompressed so that mutations hit its operators and numbers."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    y = 780.0
    for line in SAMPLE_LINES[:8] + SAMPLE_LINES[219:230]:
        if line.startswith("[") and "](#)" in line:
            line = line.replace("](#)", "").lstrip("[")
            width = canvas.stringWidth(line[:90], "Helvetica", 10)
            canvas.linkURL("https://doi.org/10.1000/abc", (72, y - 2, 72 + width, y + 9))
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, y, line[:90])
        y -= 14
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


SMALL_PDF = _small_pdf()
PDF_TOKENS = (
    b" NaN ",
    b" 1e999 ",
    b" -99999999999999999999 ",
    b" 0 ",
    b" -0.0 ",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"/Count 99999999",
    b" Tm ",
    b" Tf ",
    b" TJ ",
    b" cm ",
    b"/URI (javascript:alert(1))",
    b"stream",
    b"endobj",
    b"trailer",
)


@st.composite
def mutated_pdfs(draw: st.DrawFn) -> bytes:
    data = bytearray(SMALL_PDF)
    for _ in range(draw(st.integers(1, 6), label="mutations")):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(("flip", "token", "delete", "duplicate", "truncate")))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(PDF_TOKENS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        elif at > 8:
            del data[at:]
    return bytes(data)


@given(mutated_pdfs())
def test_mutated_pdfs_are_read_or_refused(data: bytes) -> None:
    event("read" if check_input(data) else "refused")


# --- what the fuzzers found ----------------------------------------------------------------
# Every input a fuzzer ever failed on stays here as a plain test, so that it is checked
# on every run without the fuzzer (and without atheris installed).


def test_joined_lines_are_reported_by_number() -> None:
    """Found by the hypothesis fuzzer: ``\\x1b[2J`` at the top of a brief becomes ``[2J``,
    which opens a link that the next line's ``](`` closes; the two lines are joined, and
    the report names both (it named line 1 only). Plain text does the same: ``[2J`` /
    ``[Evil title](#)``."""
    lines = ["[2J", "[Evil title](#)", *SAMPLE_LINES[2:300]]
    text = "\n".join(lines)
    brief = peerbrief.parse(text, dedupe=False)
    reported = {n for item in brief.report for n in item.source_lines}
    assert {1, 2} <= reported


@pytest.mark.parametrize(
    "target",
    [
        # atheris, fuzz_links.py: a lone surrogate in the path made quote() raise
        # UnicodeEncodeError, which an Entry built in code carried into every writer.
        "https://stra\ud835\udc9c\u9afd//\udada\udada\u00e4",
        "https://example.org/\udcff",
        "doi:10.1000/\ud800",
        # atheris, fuzz_links.py: an IPv6 zone and text after the bracket, which urllib
        # drops without a word; the address written was another than the one given.
        "http://[::1%20]o2",
        "http://[fe80::1%eth0]/",
    ],
)
def test_link_gate_findings(target: str) -> None:
    assert web_link(target) is None
    entry = article(url=target)
    for name in writers.FORMATS:
        assert target not in writers.render([entry], name)


@pytest.mark.parametrize("markup", ["<sup>1</sup>", "**", "<sup> </sup>", "[]()"])
def test_a_line_of_markup_before_the_labels_is_no_title(markup: str) -> None:
    """Found by the hypothesis fuzzer: a line that is only markup, right before the
    labels that open a reference, was taken for a title that lost its link; with its
    markup stripped the title was empty, and the model refused it (exit 70)."""
    lines = [*SAMPLE_LINES[:FRONT_MATTER], "[A title](#)", "", "Author(s): X et al.", ""]
    text = "\n".join([*lines, markup, "", "Author(s): Y", "Source: Journal 1(2)"])
    brief = check_input(text.encode("utf-8"))
    assert brief is not None
    assert "A title" in [entry.title for entry in brief.entries]
