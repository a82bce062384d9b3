"""The pipeline in one place: input → lines → blocks → entries → (de-duplicated) Brief."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from .blocks import segment
from .dedupe import dedupe as dedupe_entries
from .entries import brief_evidence, build_entry
from .errors import InputError
from .fields import parse_brief_citation, parse_date, strip_markup
from .inputs import load_lines
from .lines import Line, split_lines
from .model import Brief, ReportItem
from .paragraphs import rebuild_paragraphs

if TYPE_CHECKING:
    from .pdf import PdfLimits, Progress

__all__ = ["parse", "parse_lines", "read"]


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    dedupe: bool = True,
    pdf_backend: str | None = None,
    limits: PdfLimits | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Read a brief from a path (text export or PDF, recognised by content) or raw bytes.

    For a PDF: ``pdf_backend`` is ``"pdfium"`` (the default when pypdfium2 is installed)
    or ``"pypdf"``; ``limits`` bounds the work (:class:`peerbrief.pdf.PdfLimits`);
    ``progress(pages_read, pages)`` is called as pages are read.
    """
    name = "<bytes>" if isinstance(source, bytes) else os.fspath(source)
    lines = load_lines(source, pdf_backend=pdf_backend, limits=limits, progress=progress)
    return parse_lines(lines, name, dedupe=dedupe)


def parse(text: str, *, source: str = "<string>", dedupe: bool = True) -> Brief:
    """Read a brief from a string holding its text export."""
    if not text.strip():
        raise InputError(f"{source}: the input is empty")
    return parse_lines(split_lines(text), source, dedupe=dedupe)


def parse_lines(lines: Sequence[Line], source: str, *, dedupe: bool = True) -> Brief:
    """Read a brief from lines with provenance (see :mod:`peerbrief.lines`)."""
    layout = segment(rebuild_paragraphs(lines))
    citation = parse_brief_citation(layout.citation.text) if layout.citation else None
    if layout.title is not None:
        title = strip_markup(layout.title.text)
    elif citation is not None:
        title = citation.title
    else:
        title = ""
    entries = []
    report: list[ReportItem] = list(layout.report)
    evidence = brief_evidence(layout.blocks)
    for block in layout.blocks:
        entry, unused = build_entry(block, source, title or None, evidence)
        entries.append(entry)
        report.extend(unused)
    if not entries:
        what = "no references" if title else "no 'Evidence Brief:' title and no references"
        raise InputError(f"{source}: not an evidence brief ({what} found)")
    date = citation.date if citation else None
    if date is None and layout.publication_date is not None:
        date = parse_date(layout.publication_date.text.split(":", 1)[-1])
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
    if not dedupe:
        return brief
    result = dedupe_entries(brief.entries)
    return attrs.evolve(brief, entries=result.entries, merges=result.merges)
