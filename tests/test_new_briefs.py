"""Six briefs of the series' template that no rule was written from (made-up works on
other topics: reports, videos, a book section, bullet lists, a work listed in two
sections, all three metadata styles; the last four read field by field in
``test_briefs_more.py``), read as users get them: with Windows line endings
and non-breaking spaces, hard-wrapped at 80 columns, and as pandoc's markdown and gfm of
their web page (headings as `# **Name** {#id}`, wrapped at 72, links whose addresses go
beyond the width). Each reads to the entries of the clean text."""

from __future__ import annotations

import functools
import random
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixtures import accuracy, brief_source, briefs_truth, make_chromium_pdf

import peerbrief

BRIEFS = Path(__file__).parent / "fixtures" / "briefs"


def _windows_copy(text: str) -> str:
    """CRLF line endings; every other line's spaces non-breaking, as a copy from a web page."""
    rng = random.Random(1)
    lines = [
        line.replace(" ", "\u00a0") if rng.random() < 0.5 else line for line in text.split("\n")
    ]
    return "\r\n".join(lines)


def _wrapped_at_80(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, 80, break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def _pandoc(writer: str) -> Callable[[Path], str]:
    def convert(path: Path) -> str:
        pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary")
        page = make_chromium_pdf.html(brief_source.load(path))
        return str(pypandoc.convert_text(page, writer, format="html"))

    return convert


RENDERINGS: dict[str, Callable[[Path], str]] = {
    "windows-copy": lambda path: _windows_copy(path.read_text(encoding="utf-8")),
    "wrapped-at-80": lambda path: _wrapped_at_80(path.read_text(encoding="utf-8")),
    "pandoc-markdown": _pandoc("markdown"),
    "pandoc-gfm": _pandoc("gfm"),
}


def _as_linked_copy(name: str, rendering: str, entry: peerbrief.Entry) -> peerbrief.Entry:
    """The clean text's entry as a copy that keeps its title links reads it; pandoc's
    markdown writer also sets typographic quotes and apostrophes straight (its ``smart``
    extension, on by default, reads them back curly)."""
    changed: dict[str, Any] = briefs_truth.LINKED_DIFFERENCES.get(name, {}).get(entry.title, {})
    if rendering == "pandoc-markdown":
        straight = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
        changed = {"title": entry.title.translate(straight)} | changed
    return attrs.evolve(entry, **changed)


@pytest.mark.parametrize("rendering", list(RENDERINGS))
@pytest.mark.parametrize(
    "name",
    [
        "physician-associates",
        "health-visitors",
        "advanced-clinical-practitioners",
        "retention-of-nurses",
        "apprenticeships",
        "staff-wellbeing",
        "dental-nurses",
    ],
)
def test_a_copy_reads_to_the_clean_texts_entries(name: str, rendering: str) -> None:
    path = BRIEFS / f"{name}.txt"
    clean = peerbrief.read(path, dedupe=False)
    assert len(clean.entries) >= 12
    assert clean.unexplained == ()
    brief = peerbrief.parse(RENDERINGS[rendering](path), source=rendering, dedupe=False)
    expected = clean.entries
    if rendering.startswith("pandoc"):
        expected = tuple(map(functools.partial(_as_linked_copy, name, rendering), expected))
    assert [str(item) for item in accuracy.mismatches(brief.entries, expected)] == []
    assert brief.unexplained == ()
