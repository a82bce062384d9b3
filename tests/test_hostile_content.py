"""Hostile content, the unsafe-content row of issue 14: link targets that execute or
open local files, bidirectional controls that reorder what a reader sees ("Trojan
Source"), other invisible characters, and lone surrogates. Each is removed where it
enters, reported, and never reaches an output."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from factories import article
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import peerbrief
from peerbrief import writers
from peerbrief.cli import main
from peerbrief.links import web_link
from peerbrief.model import Brief, Entry, Reason

SAMPLE_TEXT = peerbrief.sample_path().read_text(encoding="utf-8")
TITLE = "The Challenges of Inter-role Conflicts for Peer Support Workers"
TITLE_LINE = f"[{TITLE}](#)"
AUTHOR_LINE = "Author: Janouskova, Miroslava, Vlckova, Karolina"
ABSTRACT_START = "Abstract: The definitions of the roles"


def line_number(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def the_entry(brief: Brief) -> Entry:
    (entry,) = [entry for entry in brief.entries if entry.title.startswith("The Challenges of")]
    return entry


def every_output(entries: tuple[Entry, ...]) -> dict[str, str]:
    return {name: writers.render(entries, name) for name in writers.FORMATS}


# --- invisible characters ------------------------------------------------------------------

BIDI_CONTROLS = [*"\u202a\u202b\u202c\u202d\u202e", *"\u2066\u2067\u2068\u2069", "\u200e", "\u200f"]
OTHER_INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u061c",
    "\U000e0041",
]


@pytest.mark.parametrize("char", BIDI_CONTROLS + OTHER_INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_format_characters_are_removed_from_every_field_and_reported(char: str) -> None:
    text = (
        SAMPLE_TEXT.replace(
            TITLE_LINE,
            f"[The Chall{char}enges of Inter-role{char} Conflicts"
            f" for Peer Support Workers{char}](#)",
            1,
        )
        .replace(AUTHOR_LINE, f"Author: Janousk{char}ova, Miroslava, Vlckova, Karolina", 1)
        .replace(ABSTRACT_START, f"Abstract: The defini{char}tions of the roles", 1)
    )
    brief = peerbrief.parse(text)
    entry = the_entry(brief)
    assert entry.title == TITLE
    assert entry.authors[0].family == "Janouskova"
    assert entry.abstract is not None and entry.abstract.startswith("The definitions of the roles")
    reported = {
        item.line: item.text for item in brief.report if item.reason is Reason.FORMAT_CHARACTERS
    }
    code = f"U+{ord(char):04X}"
    assert set(reported) == {
        line_number(text, "[The Chall"),
        line_number(text, "Author: Janousk"),
        line_number(text, "Abstract: The defini"),
    }
    assert all(code in description for description in reported.values())
    assert reported[line_number(text, "[The Chall")].endswith("×3")
    for name, output in every_output(brief.entries).items():
        assert char not in output, name
        assert not any(unicodedata.category(c) == "Cf" for c in output), name


def test_trojan_source_title_reads_in_logical_order_in_every_output() -> None:
    # Displayed, "\u202e" would show "exe.gnp" reversed: a title that reads differently
    # from what it is. Removed, the outputs hold the characters in their real order.
    text = SAMPLE_TEXT.replace(TITLE_LINE, f"[{TITLE} \u202eexe.gnp\u202c](#)", 1)
    brief = peerbrief.parse(text)
    assert the_entry(brief).title == f"{TITLE} exe.gnp"
    for output in every_output(brief.entries).values():
        assert "\u202e" not in output and "\u202c" not in output


def test_lone_surrogates_are_replaced_at_input_and_every_writer_succeeds(tmp_path: Path) -> None:
    text = SAMPLE_TEXT.replace(TITLE_LINE, f"[{TITLE} \ud83d](#)", 1).replace(
        AUTHOR_LINE, "Author: Janouskova\udcff, Miroslava, Vlckova, Karolina", 1
    )
    brief = peerbrief.parse(text)
    assert the_entry(brief).title == f"{TITLE} \ufffd"
    reported = [item for item in brief.report if item.reason is Reason.LONE_SURROGATES]
    assert [item.text for item in reported] == ["U+D83D", "U+DCFF"]
    for name, format_ in writers.FORMATS.items():
        path = tmp_path / f"out-{name}{format_.extension}"
        writers.write(brief.entries, path, name)
        path.read_bytes().decode("utf-8")  # valid UTF-8, written whole


# --- link targets ----------------------------------------------------------------------------

DOI_URL = "https://doi.org/10.1002/ABC.123"


@pytest.mark.parametrize(
    ("target", "url"),
    [
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(document.domain)", None),
        ("<javascript:alert(1)>", None),
        ("file:///etc/passwd", None),
        ("file://server/share/brief.pdf", None),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", None),
        ("vbscript:msgbox(1)", None),
        ("mailto:someone@example.org", None),
        ("//evil.example/x", None),
        ("https://nhs.uk@evil.example/login", None),
        ("relative/page.html", None),
        ("https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("HTTP://Example.ORG/Path", "http://example.org/Path"),
        ("https://example.org/{x}\\y", "https://example.org/%7Bx%7D%5Cy"),
        (DOI_URL, DOI_URL),
        ("doi:10.1002/ABC.123", DOI_URL),
        # Printed without its scheme, as documents print web addresses.
        ("www.kingsfund.org.uk/publications", "http://www.kingsfund.org.uk/publications"),
        ("WWW.Example.ORG/Path", "http://www.example.org/Path"),
        ("www.nhs.uk@evil.example/login", None),
        # The resolver's address printed without its scheme is the DOI's.
        ("doi.org/10.1002/ABC.123", DOI_URL),
        ("dx.doi.org/10.1002/ABC.123", DOI_URL),
    ],
)
@pytest.mark.parametrize("where", ["title link", "URL label"])
def test_only_web_and_doi_links_become_urls(target: str, url: str | None, where: str) -> None:
    if where == "title link":
        text = SAMPLE_TEXT.replace(TITLE_LINE, f"[{TITLE}]({target})", 1)
        start = f"[{TITLE}]"
    else:
        text = SAMPLE_TEXT.replace(AUTHOR_LINE, f"URL: {target}\n\n{AUTHOR_LINE}", 1)
        start = "URL: "
    brief = peerbrief.parse(text)
    entry = the_entry(brief)
    assert entry.url == url
    dropped = [item for item in brief.report if item.reason is Reason.UNSAFE_LINK]
    if url is None:
        assert [item.line for item in dropped] == [line_number(text, start)]
        assert entry.doi is None
        for name, output in every_output(brief.entries).items():
            assert target.strip("<>") not in output, name
    else:
        assert not dropped
        if "doi.org" in url:
            assert entry.doi == "10.1002/abc.123"


def test_check_lists_dropped_links_and_removed_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(
        SAMPLE_TEXT.replace(TITLE_LINE, f"[{TITLE}\u202e](javascript:alert(1))", 1),
        encoding="utf-8",
    )
    assert main(["check", "--verbose", str(path)]) == 0
    out = capsys.readouterr().out
    assert "link dropped" in out and "javascript:alert(1)" in out
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in out
    assert out.count("and why") == 2  # each list's heading says it once
    assert "\nRemoved from lines, or set aside, and why:\n" in out
    assert main(["check", str(path)]) == 0
    assert "\nRemoved from lines, or set aside, by reason" in capsys.readouterr().out
    assert main(["convert", str(path), "--to", "ris"]) == 0
    captured = capsys.readouterr()
    assert "javascript" not in captured.out
    assert "content removed or set aside in 1 line" in captured.err


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:,x", "ftp://example.org/"]
)
def test_writers_never_write_a_non_web_link_whoever_built_the_entry(url: str) -> None:
    entry = article(url=url)
    outputs = every_output((entry,))
    for name, output in outputs.items():
        assert url not in output, name
    item = json.loads(outputs["csl-json"])[0]
    assert "URL" not in item


def test_writers_write_web_links_in_their_normal_form() -> None:
    outputs = every_output((article(url="https://Example.org/a b/{c}"),))
    for name, output in outputs.items():
        assert "https://example.org/a%20b/%7Bc%7D" in output, name


@pytest.mark.parametrize(
    "target",
    [
        "https://example.org/",
        "https://doi.org/10.1111/inm.12345",
        "http://[2001:db8::1]:8080/x?y=1#z",
        "https://straße.example/ä?q=ü",
        "doi:10.1000/182",
    ],
)
def test_web_link_is_idempotent(target: str) -> None:
    once = web_link(target)
    assert once is not None and once.startswith(("http://", "https://"))
    assert web_link(once) == once
    assert once.isascii()


def _brief_pdf(link_target: str) -> bytes:
    """A one-page brief typeset with reportlab whose first title links to ``link_target``
    through a PDF link annotation."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    lines = [
        "Evidence Brief: Hostile links",
        "",
        "Peer support in rural areas: a study",
        "Author(s): Smith et al.",
        "Source: Journal of Rural Health 12(3)",
        "Publication date: 2020",
    ]
    y = 780.0
    for line in lines:
        if line:
            canvas.drawString(72, y, line)
        if line.startswith("Peer support"):
            width = canvas.stringWidth(line, "Helvetica", 12)
            canvas.linkURL(link_target, (72, y - 2, 72 + width, y + 10), relative=0)
        y -= 16
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("target", "url"),
    [
        ("javascript:app.alert(1)", None),
        ("file:///C:/Windows/System32/calc.exe", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("https://doi.org/10.1000/abc", "https://doi.org/10.1000/abc"),
    ],
)
def test_pdf_link_annotations_pass_the_same_gate(target: str, url: str | None) -> None:
    brief = peerbrief.read(_brief_pdf(target))
    (entry,) = brief.entries
    assert entry.url == url
    dropped = [item for item in brief.report if item.reason is Reason.UNSAFE_LINK]
    assert len(dropped) == (url is None)
    if url is None:
        for output in every_output(brief.entries).values():
            assert target not in output
