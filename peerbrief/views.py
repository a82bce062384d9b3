"""How entries and briefs look in a notebook, a REPL and the ``show`` command.

The model's display methods (``Entry._repr_html_``, ``Brief.filter``…) call the
functions here. This module uses the model for type checking only, so that the
model can hand work to it without an import cycle: it works on the attributes of
whatever entries and briefs it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dedupe import Match
    from .model import Brief, Choice, Date, Entry, Kind, Merge, Provenance

__all__ = [
    "HTML_ROWS",
    "access_of",
    "brief_html",
    "brief_repr",
    "brief_summary",
    "describe_match",
    "describe_merge",
    "entry_html",
    "entry_summary",
    "format_date",
    "listing_counts",
    "parse_years",
    "select",
    "short_authors",
    "source_of",
    "to_dataframe",
]

HTML_ROWS = 200
"""Rows a brief's HTML table shows; more would make a notebook slow to scroll."""

# --- plain-text pieces -------------------------------------------------------------


def short_authors(entry: Entry) -> str:
    """``Otte``, ``Skipper and Page``, ``Otte et al.``; empty when no author is known."""
    families = [person.family for person in entry.authors]
    if not families:
        return ""
    if entry.authors_truncated or len(families) > 2:
        return f"{families[0]} et al."
    return " and ".join(families)


def format_date(date: Date | None) -> str:
    """``2020``, ``June 2013``, ``Spring 2018``, ``April-June 2012``; empty for no date."""
    return str(date) if date is not None else ""


def source_of(entry: Entry) -> str:
    """Where a work appeared: ``Journal 66(3), 987-1001`` or, for a report, its publisher."""
    if not entry.container_title:
        return entry.publisher or ""
    numbering = entry.volume or ""
    if entry.issue:
        numbering += f"({entry.issue})"
    text = f"{entry.container_title} {numbering}".strip()
    return f"{text}, {entry.pages}" if entry.pages else text


def access_of(entry: Entry) -> str:
    """The access note without the footnote star the brief marks it with."""
    return (entry.access or "").rstrip("*").strip()


# --- selecting entries -------------------------------------------------------------


def parse_years(years: int | str | tuple[int, int]) -> tuple[int, int]:
    """``2020`` → (2020, 2020); ``"2018-2020"`` → (2018, 2020). Raises ValueError otherwise."""
    if isinstance(years, tuple):
        first, last = years
    elif isinstance(years, int):
        first = last = years
    else:
        start, dash, end = years.strip().partition("-")
        if not start.strip().isdigit() or (dash and not end.strip().isdigit()):
            raise ValueError(f"a year is written 2020 or 2018-2020, not {years!r}")
        first = int(start)
        last = int(end) if dash else first
    if first > last:
        raise ValueError(f"the year range {first}-{last} runs backwards")
    return first, last


def select(
    entries: Iterable[Entry],
    *,
    section: str | None = None,
    year: int | str | tuple[int, int] | None = None,
    kind: Kind | str | None = None,
    text: str | None = None,
) -> Iterator[Entry]:
    """The entries matching every filter given.

    ``section`` matches any part of a section's name, ignoring case (``competenc``
    finds *Competencies* and *Competency Frameworks*); ``year`` is a year or a range and
    drops undated works; ``kind`` is a :class:`~peerbrief.model.Kind` or its value
    (``"report"``); ``text`` is searched in titles, authors, sources and abstracts.
    """
    years = parse_years(year) if year is not None else None
    wanted_kind = _kind_value(kind) if kind is not None else None
    for entry in entries:
        if section is not None and not _in_section(entry, section):
            continue
        if years is not None and not (entry.year and years[0] <= entry.year <= years[1]):
            continue
        if wanted_kind is not None and entry.kind.value != wanted_kind:
            continue
        if text is not None and text.casefold() not in _searchable(entry):
            continue
        yield entry


def _kind_value(kind: Kind | str) -> str:
    """The value of a Kind, given as one or as its value (``"report"``)."""
    from .vocabulary import KIND_NAMES

    value = kind if isinstance(kind, str) else kind.value
    if value not in KIND_NAMES:
        raise ValueError(f"kind must be one of {', '.join(KIND_NAMES)}, not {kind!r}")
    return value


def _in_section(entry: Entry, wanted: str) -> bool:
    wanted = wanted.casefold()
    return any(wanted in str(section).casefold() for section in entry.sections)


def _searchable(entry: Entry) -> str:
    parts = [entry.title, entry.container_title, entry.publisher, entry.abstract]
    parts.extend(str(person) for person in entry.authors)
    return "\n".join(part for part in parts if part).casefold()


# --- HTML ----------------------------------------------------------------------------


_HTML_SPECIALS = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)
"""What ``html.escape`` replaces. The html module is not imported: it builds a table of
2,000 entities on import, and the model imports this module on every start."""


def _escape(value: object) -> str:
    return str(value).translate(_HTML_SPECIALS)


def _link(entry: Entry) -> str | None:
    """The entry's web address if it is http(s): a ``javascript:`` URL never becomes a link."""
    address = f"https://doi.org/{entry.doi}" if entry.doi else entry.url
    if address and address.lower().startswith(("https://", "http://")):
        return address
    return None


def _title_html(entry: Entry) -> str:
    address = _link(entry)
    title = _escape(entry.title)
    return f'<a href="{_escape(address)}">{title}</a>' if address else title


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table of cells that are already HTML (callers escape their text)."""
    head = "".join(f"<th>{_escape(header)}</th>" for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_ENTRY_COLUMNS = ("#", "Section", "Authors", "Year", "Title", "Source", "Access")


def _entry_row(number: int, entry: Entry) -> list[str]:
    sections = "<br>".join(_escape(section.name) for section in entry.sections)
    return [
        str(number),
        sections,
        _escape(short_authors(entry)),
        _escape(entry.year or ""),
        _title_html(entry),
        _escape(source_of(entry)),
        _escape(access_of(entry)),
    ]


def _entry_fields(entry: Entry) -> list[tuple[str, str]]:
    """(label, HTML) for every field the entry has, in reading order."""
    fields = [
        ("Title", _title_html(entry)),
        ("Kind", _escape(entry.kind.value)),
        ("Authors", _authors_html(entry)),
        ("Date", _escape(format_date(entry.date))),
        ("Source", _escape(source_of(entry))),
        ("Publisher", _escape(entry.publisher or "")),
        ("Place", _escape(entry.place or "")),
        ("Access", _escape(access_of(entry))),
        ("Sections", "<br>".join(_escape(section) for section in entry.sections)),
        ("DOI", _escape(entry.doi or "")),
        ("URL", _escape(entry.url or "")),
        ("Abstract", _escape(entry.abstract or "")),
        ("Read from", _escape("; ".join(_where(entry)))),
    ]
    return [(label, value) for label, value in fields if value]


def _authors_html(entry: Entry) -> str:
    names = _escape("; ".join(map(str, entry.authors)))
    return f"{names} <i>et al.</i>" if names and entry.authors_truncated else names


def _where(entry: Entry) -> Iterator[str]:
    """``brief.txt, lines 120-131`` for each occurrence the entry was read from."""
    for occurrence in entry.provenance:
        lines = occurrence.lines
        if not lines:
            yield occurrence.source
        elif len(lines) == 1:
            yield f"{occurrence.source}, line {lines[0]}"
        else:
            yield f"{occurrence.source}, lines {min(lines)}-{max(lines)}"


def entry_summary(entry: Entry) -> str:
    """One line: ``Otte et al. (2020). Title. Journal 66(3).``"""
    who = short_authors(entry) or entry.publisher or "Anon."
    when = f" ({format_date(entry.date)})" if entry.date else ""
    where = f" {source_of(entry)}." if entry.container_title else ""
    return f"{who}{when}. {entry.title.rstrip('.')}.{where}"


def entry_html(entry: Entry) -> str:
    """One reference, field by field, as an HTML table."""
    rows = (
        f"<tr><th>{_escape(label)}</th><td>{value}</td></tr>"
        for label, value in _entry_fields(entry)
    )
    return f'<table class="peerbrief-entry">{"".join(rows)}</table>'


def brief_html(brief: Brief) -> str:
    """The brief's title, counts and citation, and a table of its references."""
    shown = brief.entries[:HTML_ROWS]
    table = _table(_ENTRY_COLUMNS, (_entry_row(n, e) for n, e in enumerate(shown, 1)))
    more = len(brief.entries) - len(shown)
    note = (
        f"<p>… and {more} more (all are in <code>.entries</code> and "
        "<code>.to_dataframe()</code>)</p>"
        if more
        else ""
    )
    citation = f"<p>{_escape(brief.citation)}</p>" if brief.citation else ""
    return (
        f'<div class="peerbrief-brief"><p><strong>{_escape(brief.title)}</strong>: '
        f"{_escape(_counts(brief))}</p>{citation}{table}{note}</div>"
    )


def brief_summary(brief: Brief) -> str:
    """A few lines: the brief's title and citation, then what was read."""
    return "\n".join(filter(None, [brief.title, brief.citation, _counts(brief)]))


def brief_repr(brief: Brief) -> str:
    """``<Brief 'Evidence Brief: …' from 'brief.pdf': 114 works in 32 sections, …>``."""
    return f"<Brief {brief.title!r} from {brief.source!r}: {_counts(brief)}>"


def to_dataframe(entries: Iterable[Entry]) -> Any:
    """A pandas DataFrame, one row per entry (needs ``pip install 'peerbrief[pandas]'``)."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "Brief.to_dataframe() needs pandas: pip install 'peerbrief[pandas]'"
        ) from None
    frame = pandas.DataFrame([_record(entry) for entry in entries], columns=_COLUMNS)
    # Undated works would otherwise turn the year column into floats (2020.0).
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _counts(brief: Brief) -> str:
    return (
        f"{_plural(len(brief.entries), 'work')} in {_plural(len(brief.sections), 'section')}, "
        f"{_plural(len(brief.merges), 'duplicate')} merged, "
        f"{_plural(len(brief.unexplained), 'unexplained line')}"
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


_COLUMNS = [
    "title",
    "kind",
    "authors",
    "authors_truncated",
    "year",
    "date",
    "container_title",
    "volume",
    "issue",
    "pages",
    "publisher",
    "place",
    "access",
    "sections",
    "doi",
    "url",
    "abstract",
]


def _record(entry: Entry) -> dict[str, object]:
    return {
        "title": entry.title,
        "kind": entry.kind.value,
        "authors": "; ".join(map(str, entry.authors)),
        "authors_truncated": entry.authors_truncated,
        "year": entry.year,
        "date": format_date(entry.date) or None,
        "container_title": entry.container_title,
        "volume": entry.volume,
        "issue": entry.issue,
        "pages": str(entry.pages) if entry.pages else None,
        "publisher": entry.publisher,
        "place": entry.place,
        "access": access_of(entry) or None,
        "sections": "; ".join(map(str, entry.sections)),
        "doi": entry.doi,
        "url": entry.url,
        "abstract": entry.abstract,
    }


# --- merges ------------------------------------------------------------------------

_SHOWN_CHARACTERS = 80


def describe_merge(merge: Merge) -> str:
    """A few lines for a person: which copies became one entry, why, and what was kept."""
    entry = merge.entry
    lines = [f"{len(merge.occurrences)} copies merged: {_cite(entry)}"]
    lines += [f"  - {_copy_where(copy)}" for copy in merge.occurrences]
    lines.append("  evidence:")
    lines += [f"    {reason}" for reason in merge.evidence]
    if merge.choices:
        lines.append("  kept:")
        lines += [f"    {_show_choice(choice)}" for choice in merge.choices]
    return "\n".join(lines)


def describe_match(match: Match) -> str:
    """A few lines: a work of a brief, and the library records that hold it and why."""
    if match.is_new:
        return f"new:  {_cite(match.entry)}"
    lines = [f"held: {_cite(match.entry)}"]
    lines += [f"  = {_copy_where(record)}" for record in match.records]
    lines += [f"    {reason}" for reason in match.evidence]
    return "\n".join(lines)


def listing_counts(listed: int, works: int) -> str:
    """``232 listings → 114 works (118 copies merged)``."""
    merged = listed - works
    copies = "1 copy" if merged == 1 else f"{merged} copies"
    return f"{_plural(listed, 'listing')} → {_plural(works, 'work')} ({copies} merged)"


def _cite(entry: Entry) -> str:
    details = [text for text in (short_authors(entry), str(entry.year or "")) if text]
    return f'"{_clip(entry.title)}"' + (f" ({', '.join(details)})" if details else "")


def _copy_where(entry: Entry) -> str:
    places = [_show_provenance(p) for p in entry.provenance] or ["(where it was read is unknown)"]
    sections = "; ".join(map(str, entry.sections))
    return ", ".join(places) + (f" — under {sections}" if sections else "")


def _show_provenance(provenance: Provenance) -> str:
    record = f" record {provenance.record}" if provenance.record is not None else ""
    lines = _span(" line", provenance.lines)
    return (
        provenance.source
        + record
        + (f" ({lines.strip()})" if record and lines else lines)
        + (_span(", page", provenance.pages))
    )


def _span(label: str, numbers: Sequence[int]) -> str:
    """`` lines 499-511`` or `` line 7``; nothing when there are no numbers."""
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    return f"{label} {low}" if low == high else f"{label}s {low}-{high}"


def _show_choice(choice: Choice) -> str:
    mark = "CONFLICT " if choice.conflict else ""
    if not choice.over:
        return f'{mark}{choice.field}: "{_clip(choice.chosen)}" (the other copies give none)'
    # Long values are shown from just before where they first differ from the kept one,
    # so that "Results" over "results" is visible in the middle of a long title.
    start = min(_first_difference(choice.chosen, other) for other in choice.over)
    over = ", ".join(f'"{_clip(other, start)}"' for other in choice.over)
    return f'{mark}{choice.field}: "{_clip(choice.chosen, start)}" over {over}'


def _first_difference(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


_CONTEXT_CHARACTERS = 20


def _clip(text: str, difference: int = 0) -> str:
    """At most about ``_SHOWN_CHARACTERS`` of ``text``, starting a little before the
    position ``difference`` when the text is too long to show whole."""
    if len(text) <= _SHOWN_CHARACTERS:
        return text
    start = max(0, min(difference - _CONTEXT_CHARACTERS, len(text) - _SHOWN_CHARACTERS))
    end = start + _SHOWN_CHARACTERS
    head = "…" + text[start:].lstrip() if start else text
    return head[: end - start].rstrip() + ("…" if end < len(text) else "")
