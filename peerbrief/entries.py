"""Stage 3: reference blocks → typed entries, recording which lines gave each field.

A block is a title line, then optional access-note pieces, labelled metadata in one of
the three styles of the series, and an abstract (prose up to the next reference).
Which label feeds which field is data (:data:`LABELS`), as in rispy's tag maps.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import attrs

from .blocks import RefBlock
from .fields import (
    Source,
    apply_supplement,
    classify_source,
    doi_from_url,
    is_access_fragment,
    parse_access_note,
    parse_date,
    parse_journal_line,
    parse_journal_source,
    parse_people,
    parse_publication_details,
    strip_markup,
)
from .lines import Line
from .links import web_link
from .model import Entry, Kind, Provenance, Reason, ReportItem
from .vocabulary import ITEM_TYPES, LABELS, VIDEO_TITLE_PREFIXES

__all__ = ["build_entry"]

_LABEL = re.compile(
    # "**Source:** NHS England" is a label in bold; the markup after the colon is only
    # dropped when it closes markup opened before the label ("Abstract: **AIM:**" keeps it).
    r"^\s*(?P<open>[*_]*)(?P<label>"
    + "|".join(re.escape(label) for label in LABELS)
    + r")[*_]*\s*:\s*(?:(?P=open)(?!\S))?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•▪◦●])\s+")

_VIDEO_TITLE = re.compile(
    r"^(?:" + "|".join(map(re.escape, VIDEO_TITLE_PREFIXES)) + r")\s*:", re.IGNORECASE
)
_NO_SOURCE = Source()  # frozen: one empty source serves every supplement test


@attrs.define
class _Draft:
    """The mutable state while one block is read; frozen into an Entry at the end."""

    values: dict[str, object] = attrs.field(factory=dict)
    lines: defaultdict[str, list[int]] = attrs.field(factory=lambda: defaultdict(list))
    access_parts: list[str] = attrs.field(factory=list)
    abstract_parts: list[str] = attrs.field(factory=list)
    source_text: str | None = None
    item_type: str | None = None
    dropped_links: list[ReportItem] = attrs.field(factory=list)
    """Link targets refused by :func:`peerbrief.links.web_link`: reported, never kept."""

    def set(self, name: str, value: object, line: Line) -> None:
        if value is None:
            return
        self.values[name] = value
        self.lines[name].extend(line.source_lines)


def _label_of(text: str) -> tuple[str, str] | None:
    match = _LABEL.match(text)
    if not match:
        return None
    return LABELS[match["label"].lower()], match["value"].strip()


def _read_title(block: RefBlock, draft: _Draft) -> None:
    title, url, note, rest = block.title
    draft.set("title", title, block.title_line)
    _link(draft, url, block.title_line)
    if note:
        draft.set("access", note, block.title_line)
    elif rest.strip():
        draft.access_parts.append(rest.strip())
        draft.lines["access"].extend(block.title_line.source_lines)


def _read_source(draft: _Draft, value: str, line: Line) -> None:
    draft.source_text = value
    draft.lines["source"].extend(line.source_lines)


def _apply_journal(draft: _Draft, source: Source, line: Line) -> None:
    for name in ("container_title", "volume", "issue", "pages"):
        draft.set(name, getattr(source, name), line)


_Handler = Callable[[_Draft, str, Line], None]


def _authors(draft: _Draft, value: str, line: Line) -> None:
    people, truncated = parse_people(value)
    draft.set("authors", people, line)
    draft.set("authors_truncated", truncated, line)


def _date(draft: _Draft, value: str, line: Line) -> None:
    draft.set("date", parse_date(value), line)


def _details(draft: _Draft, value: str, line: Line) -> None:
    source, place = parse_publication_details(value)
    _apply_journal(draft, source, line)
    draft.set("place", place, line)


def _journal(draft: _Draft, value: str, line: Line) -> None:
    _apply_journal(draft, parse_journal_line(value), line)


def _item_type(draft: _Draft, value: str, line: Line) -> None:
    draft.item_type = value
    draft.lines["kind"].extend(line.source_lines)


def _abstract(draft: _Draft, value: str, line: Line) -> None:
    draft.abstract_parts.append(value)
    draft.lines["abstract"].extend(line.source_lines)


def _publisher(draft: _Draft, value: str, line: Line) -> None:
    draft.set("publisher", strip_markup(value), line)


def _place(draft: _Draft, value: str, line: Line) -> None:
    draft.set("place", strip_markup(value), line)


def _doi(draft: _Draft, value: str, line: Line) -> None:
    draft.set("doi", doi_from_url(value.strip()), line)


def _url(draft: _Draft, value: str, line: Line) -> None:
    _link(draft, strip_markup(value), line)


def _link(draft: _Draft, target: str, line: Line) -> None:
    """A web address or DOI becomes the url (and gives the DOI in it); any other target
    (``javascript:``, ``file:``…) is reported and dropped. ``#`` is no link at all."""
    if target.strip() in ("", "#"):
        return
    url = web_link(target)
    if url is None:
        clipped = target if len(target) <= _SHOWN_TARGET else target[:_SHOWN_TARGET] + "…"
        draft.dropped_links.append(ReportItem(line.number, clipped, Reason.UNSAFE_LINK, line.page))
        return
    draft.set("url", url, line)
    if "doi" not in draft.values:
        draft.set("doi", doi_from_url(url), line)


_SHOWN_TARGET = 200
"""A dropped target longer than this (a ``data:`` URL) is reported by its start."""


_HANDLERS: dict[str, _Handler] = {
    "publisher": _publisher,
    "place": _place,
    "doi": _doi,
    "url": _url,
    "authors": _authors,
    "source": _read_source,
    "date": _date,
    "details": _details,
    "journal": _journal,
    "item_type": _item_type,
    "abstract": _abstract,
}


def _read_body(block: RefBlock, draft: _Draft, report: list[ReportItem]) -> None:
    seen: set[str] = set()
    for line in block.body:
        text = line.text.strip()
        labelled = _label_of(text)
        # Prose ends the metadata, except prose before any label at all (a title the
        # export wrapped onto a second line): the labels after it are still metadata.
        if draft.abstract_parts and (seen or labelled is None or labelled[0] == "abstract"):
            _abstract(draft, text, line)
            continue
        if labelled is not None:
            name, value = labelled
            if name in seen and name != "abstract":
                report.append(ReportItem(line.number, text, Reason.UNEXPLAINED, line.page))
                continue
            seen.add(name)
            _HANDLERS[name](draft, value, line)
            continue
        if "access" not in draft.values and not seen and is_access_fragment(text):
            draft.access_parts.append(text)
            draft.lines["access"].extend(line.source_lines)
            continue
        # Only recognise a supplement line here; _resolve_source applies it to the source.
        supplement = draft.source_text is not None and "supplement" not in seen
        if supplement and apply_supplement(_NO_SOURCE, text) is not None:
            seen.add("supplement")
            draft.set("supplement", text, line)
            continue
        _abstract(draft, text, line)


def _is_journal(draft: _Draft, source: Source) -> bool:
    """Decide whether a ``Source:`` names a journal or the organisation that published."""
    if source.volume or source.issue or source.pages:
        return True
    verdict = classify_source(draft.source_text or "")
    if verdict != "unknown":
        return verdict == "journal"
    # An unknown name: a truncated author list or a database access note mark a paper.
    return (
        bool(draft.values.get("authors_truncated"))
        or bool(draft.access_parts)
        or ("access" in draft.values)
    )


def _resolve_source(draft: _Draft) -> None:
    if draft.source_text is None:
        return
    lines = draft.lines["source"]
    source = parse_journal_source(draft.source_text)
    supplement = draft.values.pop("supplement", None)
    if isinstance(supplement, str):
        source = apply_supplement(source, supplement) or source
    if "container_title" in draft.values or _is_journal(draft, source):
        for name in ("container_title", "volume", "issue", "pages"):
            if name not in draft.values and getattr(source, name) is not None:
                draft.values[name] = getattr(source, name)
                draft.lines[name].extend(lines)
    else:
        draft.values["publisher"] = strip_markup(draft.source_text)
        draft.lines["publisher"].extend(lines)


def _resolve_kind(draft: _Draft) -> Kind:
    if draft.item_type is not None:
        # An Item Type not in the vocabulary falls back to the evidence of the other fields.
        kind = ITEM_TYPES.get(strip_markup(draft.item_type).lower())
        if kind is not None:
            return Kind(kind)
    if _VIDEO_TITLE.match(str(draft.values.get("title", ""))):
        return Kind.VIDEO
    if "container_title" in draft.values:
        return Kind.JOURNAL_ARTICLE
    return Kind.REPORT


def _clean_abstract(parts: list[str]) -> str | None:
    cleaned = [strip_markup(_BULLET.sub("", part)) for part in parts]
    text = " ".join(part for part in cleaned if part)
    return text or None


# The draft's values that go straight into Entry(...); the rest are resolved first.
_ENTRY_FIELDS = {a.name for a in attrs.fields(Entry)} - {
    "kind",
    "abstract",
    "sections",
    "provenance",
}


def build_entry(block: RefBlock, source: str, brief: str | None) -> tuple[Entry, list[ReportItem]]:
    """Read one reference block into an Entry; lines it cannot place go to the report."""
    draft = _Draft()
    report: list[ReportItem] = []
    _read_title(block, draft)
    _read_body(block, draft, report)
    if draft.access_parts and "access" not in draft.values:
        # Text after a title link that is no known access note is still kept, as written.
        joined = " ".join(draft.access_parts)
        draft.values["access"] = parse_access_note(joined) or strip_markup(joined)
    _resolve_source(draft)
    kind = _resolve_kind(draft)
    draft.lines["kind"].extend(block.title_line.source_lines)
    abstract = _clean_abstract(draft.abstract_parts)
    unused = {item.line for item in report}
    used = [block.title_line, *(line for line in block.body if line.number not in unused)]
    provenance = Provenance(
        source=source,
        lines=sorted({number for line in used for number in line.source_lines}),
        pages=sorted({line.page for line in used if line.page is not None}),
        fields={name: sorted(set(numbers)) for name, numbers in draft.lines.items()},
        brief=brief,
    )
    values = {k: v for k, v in draft.values.items() if k in _ENTRY_FIELDS}
    entry = Entry(
        kind=kind,
        abstract=abstract,
        sections=(block.section,),
        provenance=(provenance,),
        **values,  # type: ignore[arg-type]
    )
    return entry, [*report, *draft.dropped_links]
