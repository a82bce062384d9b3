"""The pipeline in one place: input → lines → blocks → entries → Brief → post-read steps.

The post-read steps are functions ``Brief → Brief`` applied in order, the way
bibtexparser 2 stacks middlewares: de-duplication (:func:`~peerbrief.dedupe.merge_duplicates`)
unless ``dedupe=False``, then whatever ``steps`` the caller gives (library matching with
:func:`~peerbrief.dedupe.keep_new`, ``Brief.filter``…).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .blocks import segment
from .dedupe import merge_duplicates
from .entries import brief_evidence, build_entry
from .errors import InputError, printable
from .fields import BriefCitation, parse_brief_citation, parse_date, strip_markup
from .inputs import MAX_INPUT_BYTES, MAX_INPUT_LINES, check_text_lines, load_lines
from .lines import (
    Line,
    cased_as,
    clean_line,
    has_lost_byte,
    set_signature_aside,
    split_lines,
    unquoted,
)
from .model import Brief, Reason, ReportItem
from .paragraphs import mend_converted_paragraphs, rebuild_paragraphs

if TYPE_CHECKING:
    from .limits import Deadline
    from .pdf import PdfLimits, Progress

__all__ = ["Step", "parse", "parse_lines", "read"]

Step = Callable[[Brief], Brief]
"""A post-read step: takes a brief and returns a new one."""


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    dedupe: bool = True,
    steps: Sequence[Step] = (),
    max_bytes: int = MAX_INPUT_BYTES,
    max_lines: int = MAX_INPUT_LINES,
    pdf_backend: str | None = None,
    limits: PdfLimits | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Read a brief from a path (text export or PDF, recognised by content) or raw bytes,
    then apply the post-read steps (see the module doc).

    Inputs longer than ``max_bytes`` or ``max_lines`` are refused; the byte cap holds
    while reading, so a pipe or a device such as ``/dev/zero`` is bounded too. One
    deadline, ``limits.max_seconds`` (:class:`peerbrief.pdf.PdfLimits`, 120 s by default),
    covers the whole reading: every stage of a PDF and every stage after it. For a PDF:
    ``pdf_backend`` is ``"pdfium"`` (the default when pypdfium2 is installed) or
    ``"pypdf"``; ``limits`` also bounds pages, streams and glyphs;
    ``progress(pages_read, pages)`` is called as pages are read.
    """
    from .pdf import PdfLimits  # light: the backends are imported when a PDF is read

    name = "<bytes>" if isinstance(source, bytes) else printable(os.fspath(source))
    deadline = (limits or PdfLimits()).deadline(name)
    lines = load_lines(
        source,
        name,
        max_bytes=max_bytes,
        max_lines=max_lines,
        pdf_backend=pdf_backend,
        limits=limits,
        progress=progress,
        deadline=deadline,
    )
    return parse_lines(lines, name, dedupe=dedupe, steps=steps, deadline=deadline)


def parse(
    text: str,
    *,
    source: str = "<string>",
    dedupe: bool = True,
    steps: Sequence[Step] = (),
    max_lines: int = MAX_INPUT_LINES,
) -> Brief:
    """Read a brief from a string holding its text export (of at most ``max_lines``)."""
    source = printable(source)
    if not text.strip():
        raise InputError(f"{source}: the input is empty")
    check_text_lines(text, source, max_lines)
    return parse_lines(split_lines(text), source, dedupe=dedupe, steps=steps)


def parse_lines(
    lines: Sequence[Line],
    source: str,
    *,
    dedupe: bool = True,
    steps: Sequence[Step] = (),
    deadline: Deadline | None = None,
) -> Brief:
    """Read a brief from lines with provenance (see :mod:`peerbrief.lines`).

    Control characters, invisible format characters and lone surrogates are taken out
    of every line first, and reported (:func:`_cleaned`); so are the lines the input
    stage set aside (:attr:`Line.set_aside`), which are read no further. An email's
    quotation marks go (:func:`~peerbrief.lines.unquoted`), and so does its signature
    (:func:`~peerbrief.lines.set_signature_aside`), and paragraphs a markdown
    converter ran together go apart (:func:`~peerbrief.paragraphs.mend_converted_paragraphs`).
    ``deadline`` is checked between the stages and for every reference (each stage is
    linear in its input).
    """
    check = deadline.check if deadline is not None else _no_deadline
    lines, removals = _cleaned(lines)
    lines = set_signature_aside(unquoted(lines))
    set_aside = [
        ReportItem(line.number, line.text, line.set_aside, line.page, line.numbers)
        for line in lines
        if line.set_aside is not None
    ]
    if set_aside:
        lines = [line for line in lines if line.set_aside is None]
    check()
    paragraphs = mend_converted_paragraphs(rebuild_paragraphs(lines))
    check()
    layout = segment(paragraphs)
    citation = parse_brief_citation(layout.citation.text) if layout.citation else None
    if layout.title is not None:
        title = _in_citations_case(strip_markup(layout.title.text), citation)
    elif citation is not None:
        title = citation.title
    else:
        title = ""
    entries = []
    report: list[ReportItem] = [*layout.report, *removals, *set_aside]
    evidence = brief_evidence(layout.blocks)
    for block in layout.blocks:
        check()
        entry, unused = build_entry(block, source, title or None, evidence)
        entries.append(entry)
        report.extend(unused)
    if not entries:
        what = "no references" if title else "no 'Evidence Brief:' title and no references"
        raise InputError(f"{source}: not an evidence brief ({what} found)")
    date = citation.date if citation else None
    if date is None and layout.publication_date is not None:
        date = parse_date(layout.publication_date.text.split(":", 1)[-1].strip(" *_"))
    brief = Brief(
        title=title or "Untitled evidence brief",
        source=source,
        entries=entries,
        sections=layout.sections,
        report=sorted(report, key=lambda item: item.line),
        authors=citation.authors if citation else (),
        date=date,
        publisher=citation.publisher if citation else None,
        place=citation.place if citation else None,
        citation=strip_markup(layout.citation.text) if layout.citation else None,
    )
    for step in ((merge_duplicates,) if dedupe else ()) + tuple(steps):
        check()
        brief = step(brief)
    return brief


def _in_citations_case(title: str, citation: BriefCitation | None) -> str:
    """A title printed in capitals (Word's All caps, a style's ``text-transform``) keeps no
    case of its own: the brief's citation of itself spells the same title in its case."""
    return cased_as(title, citation.title) if citation is not None and title.isupper() else title


def _no_deadline() -> None:
    """The check of a reading without a deadline (a string given to :func:`parse`)."""


# What each kind of removed character is reported as, by Unicode general category.
_REMOVAL_REASONS = {
    "Cc": Reason.CONTROL_CHARACTERS,
    "Cf": Reason.FORMAT_CHARACTERS,
    "Cs": Reason.LONE_SURROGATES,
}


def _cleaned(lines: Sequence[Line]) -> tuple[list[Line], list[ReportItem]]:
    """The lines as :func:`peerbrief.lines.clean_line` leaves them, and one report item
    per line and kind of character removed: ``U+202E RIGHT-TO-LEFT OVERRIDE ×2``; and one
    for what the input stage repaired in a line (UTF-8 read as Windows-1252) or could not."""
    cleaned: list[Line] = []
    report: list[ReportItem] = []
    for line in lines:
        clean, removed = clean_line(line)
        cleaned.append(clean)
        if line.repaired:
            report.append(
                ReportItem(line.number, line.repaired, Reason.MOJIBAKE_REPAIRED, line.page)
            )
        if has_lost_byte(clean.text):
            report.append(ReportItem(line.number, clean.text, Reason.MOJIBAKE, line.page))
        by_reason: dict[Reason, list[str]] = {}
        for char in sorted(removed):
            reason = _REMOVAL_REASONS[unicodedata.category(char)]
            by_reason.setdefault(reason, []).append(_describe(char, removed[char]))
        report.extend(
            ReportItem(line.number, ", ".join(chars), reason, line.page)
            for reason, chars in by_reason.items()
        )
    return cleaned, report


def _describe(char: str, count: int) -> str:
    name = unicodedata.name(char, "")
    described = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return described if count == 1 else f"{described} ×{count}"
