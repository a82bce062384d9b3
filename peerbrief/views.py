"""How entries and briefs look in a notebook and a REPL (mixed into the model classes).

The model imports this module, so the model is imported here only for type checking;
everything that needs model classes at run time imports them inside the function.
The plain-text helpers (:func:`short_authors`, :func:`format_date`, :func:`source_of`)
are shared with the ``show`` command.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from .model import Brief, Date, Entry, Kind

__all__ = [
    "HTML_ROWS",
    "BriefViews",
    "EntryViews",
    "access_of",
    "format_date",
    "parse_years",
    "select",
    "short_authors",
    "source_of",
]

HTML_ROWS = 200
"""Rows a brief's HTML table shows; more would make a notebook slow to scroll."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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
    """``2020``, ``June 2013``, ``Spring 2018``, ``15 November 2023``, ``April-June 2012``."""
    if date is None:
        return ""
    start = _format_single_date(date)
    if date.end is None:
        return start
    end = _format_single_date(date.end)
    if date.end.year == date.year and date.day is None and date.end.day is None:
        start = start.removesuffix(f" {date.year}")
        return f"{start}-{end}"
    return f"{start} - {end}"


def _format_single_date(date: Date) -> str:
    from .model import SEASONS

    parts: list[str] = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(_MONTHS[date.month - 1])
    elif date.season is not None:
        parts.append(SEASONS[date.season])
    parts.append(str(date.year))
    return " ".join(parts)


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
    wanted_kind = _kind(kind) if kind is not None else None
    for entry in entries:
        if section is not None and not _in_section(entry, section):
            continue
        if years is not None and not (entry.year and years[0] <= entry.year <= years[1]):
            continue
        if wanted_kind is not None and entry.kind is not wanted_kind:
            continue
        if text is not None and text.casefold() not in _searchable(entry):
            continue
        yield entry


def _kind(kind: Kind | str) -> Kind:
    from .model import Kind

    if isinstance(kind, Kind):
        return kind
    try:
        return Kind(kind)
    except ValueError:
        names = ", ".join(member.value for member in Kind)
        raise ValueError(f"kind must be one of {names}, not {kind!r}") from None


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


# --- the mixins ----------------------------------------------------------------------
# mypy cannot type ``self`` as the model class a mixin ends up in, so each method casts
# it once and leaves the work to a function of the model class.


class EntryViews:
    """Display methods of :class:`peerbrief.model.Entry`."""

    def summary(self) -> str:
        """One line: ``Otte et al. (2020). Title. Journal 66(3).``"""
        return _entry_summary(cast("Entry", self))

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return _entry_html(cast("Entry", self))

    def cite(self, style: str = "apa", format: str = "text") -> str:
        """This one work formatted in a citation style (see :func:`peerbrief.cite.cite`)."""
        from .cite import format_references

        return format_references([cast("Entry", self)], style, format)[0]


class BriefViews:
    """Display and convenience methods of :class:`peerbrief.model.Brief`."""

    def summary(self) -> str:
        """A few lines: the brief's title and citation, then what was read."""
        brief = cast("Brief", self)
        return "\n".join(filter(None, [brief.title, brief.citation, _counts(brief)]))

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        """``<Brief 'Evidence Brief: …' from 'brief.pdf': 114 works in 32 sections, …>``.

        attrs's generated repr of a brief spells out every entry and abstract (hundreds
        of kilobytes at a REPL prompt); this one is used once ``Brief`` is declared with
        ``@frozen(repr=False)``.
        """
        brief = cast("Brief", self)
        return f"<Brief {brief.title!r} from {brief.source!r}: {_counts(brief)}>"

    def _repr_html_(self) -> str:
        return _brief_html(cast("Brief", self))

    def filter(
        self,
        section: str | None = None,
        year: int | str | tuple[int, int] | None = None,
        kind: Kind | str | None = None,
        text: str | None = None,
    ) -> Brief:
        """A copy holding only the entries that match every filter given (see :func:`select`).

        The report is kept whole; merges are kept for the entries that remain.
        """
        import attrs

        brief = cast("Brief", self)
        entries = tuple(select(brief.entries, section=section, year=year, kind=kind, text=text))
        merges = tuple(merge for merge in brief.merges if merge.entry in entries)
        return attrs.evolve(brief, entries=entries, merges=merges)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one row per entry (needs ``pip install 'peerbrief[pandas]'``)."""
        try:
            import pandas
        except ImportError:
            raise ImportError(
                "Brief.to_dataframe() needs pandas: pip install 'peerbrief[pandas]'"
            ) from None
        records = [_record(entry) for entry in cast("Brief", self).entries]
        frame = pandas.DataFrame(records, columns=_COLUMNS)
        # Undated works would otherwise turn the year column into floats (2020.0).
        frame["year"] = frame["year"].astype("Int64")
        return frame

    def cite(self, style: str = "apa", format: str = "text") -> str:
        """The reference list in a citation style (see :func:`peerbrief.cite.cite`)."""
        from .cite import cite

        return cite(cast("Brief", self).entries, style, format)


def _entry_summary(entry: Entry) -> str:
    who = short_authors(entry) or entry.publisher or "Anon."
    when = f" ({format_date(entry.date)})" if entry.date else ""
    where = f" {source_of(entry)}." if entry.container_title else ""
    return f"{who}{when}. {entry.title.rstrip('.')}.{where}"


def _entry_html(entry: Entry) -> str:
    rows = (
        f"<tr><th>{_escape(label)}</th><td>{value}</td></tr>"
        for label, value in _entry_fields(entry)
    )
    return f'<table class="peerbrief-entry">{"".join(rows)}</table>'


def _brief_html(brief: Brief) -> str:
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
