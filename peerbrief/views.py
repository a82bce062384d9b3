"""How entries and briefs look in a notebook, a REPL and the ``show`` command.

The model's display methods (``Entry._repr_html_``, ``Brief.filter``…) call the
functions here. This module uses the model for type checking only, so that the
model can hand work to it without an import cycle: it works on the attributes of
whatever entries and briefs it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .vocabulary import DASHES

if TYPE_CHECKING:
    from .dedupe import Match
    from .model import Brief, Choice, Date, Entry, Kind, Merge, Provenance, Section

__all__ = [
    "HTML_ROWS",
    "access_of",
    "brief_html",
    "brief_repr",
    "brief_summary",
    "copy_notes",
    "describe_match",
    "describe_merge",
    "entry_html",
    "entry_summary",
    "format_date",
    "listing_counts",
    "merge_html",
    "merge_repr",
    "parse_years",
    "select",
    "short_access",
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


# Dashes a user may type, or copy from a brief, for a hyphen: the brief's section names
# have en dashes (Key publications – the big picture), a keyboard has a hyphen.
_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES, "-"))


def parse_years(years: int | str | tuple[int, int]) -> tuple[int, int]:
    """``2020`` → (2020, 2020); ``"2018-2020"`` (or with an en dash) → (2018, 2020).
    Raises ValueError otherwise."""
    if isinstance(years, tuple):
        first, last = years
    elif isinstance(years, int):
        first = last = years
    else:
        start, dash, end = years.strip().translate(_TO_HYPHEN).partition("-")
        if not _is_year(start) or (dash and not _is_year(end)):
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

    ``section`` matches any part of a section's name, ignoring case and which dash is
    typed (``competenc`` finds *Competencies* and *Competency Frameworks*); ``year`` is
    a year or a range and drops undated works; ``kind`` is a
    :class:`~peerbrief.model.Kind` or its value (``"report"``); ``text`` is searched in
    titles, authors, sources and abstracts.
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
    wanted = wanted.casefold().translate(_TO_HYPHEN)
    return any(
        wanted in str(section).casefold().translate(_TO_HYPHEN) for section in entry.sections
    )


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

_STYLE = """\
.peerbrief{font-family:var(--jp-content-font-family,system-ui,-apple-system,"Segoe UI",Roboto,\
"Helvetica Neue",Arial,sans-serif);color:inherit;line-height:1.45;text-align:left;max-width:72rem}
.peerbrief .pb-heading{font-size:1.15em;font-weight:600;margin:0 0 .2em}
.peerbrief .pb-line{margin:.1em 0}
.peerbrief .pb-muted{opacity:.7}
.peerbrief .pb-small{font-size:.85em}
.peerbrief a{color:var(--jp-content-link-color,var(--vscode-textLink-foreground,#1565c0));\
text-decoration:none}
.peerbrief a:hover{text-decoration:underline}
.peerbrief table.pb-table{border-collapse:collapse;border:none;width:100%;margin:.7em 0 0;\
table-layout:auto;color:inherit;font-size:inherit;background:transparent}
.peerbrief table.pb-table tr,.peerbrief table.pb-table tbody tr:nth-child(n){background:transparent}
.peerbrief table.pb-table tbody tr:hover{background:rgba(128,128,128,.1)}
.peerbrief table.pb-table th,.peerbrief table.pb-table td{text-align:left;vertical-align:top;\
padding:.35em .7em .35em 0;border:none;border-bottom:1px solid rgba(128,128,128,.22);\
color:inherit;background:transparent;line-height:1.4;white-space:normal;max-width:none}
.peerbrief table.pb-table thead th{font-weight:600;white-space:nowrap;\
border-bottom:2px solid rgba(128,128,128,.45)}
.peerbrief table.pb-table tr.pb-group th{font-weight:600;padding-top:1em;\
border-bottom:1px solid rgba(128,128,128,.45)}
.peerbrief table.pb-table td.pb-num{opacity:.55;text-align:right;font-variant-numeric:tabular-nums}
.peerbrief table.pb-table td.pb-nowrap{white-space:nowrap}
.peerbrief table.pb-table td.pb-title{min-width:18em}
.peerbrief table.pb-table td.pb-source{min-width:10em;max-width:22em}
.peerbrief table.pb-fields th{width:7.5em;font-weight:600;opacity:.75;white-space:nowrap}
.peerbrief table.pb-fields td{max-width:60em}
.peerbrief .pb-tag{display:inline-block;font-size:.8em;line-height:1.5;padding:0 .5em;\
border-radius:.75em;border:1px solid rgba(128,128,128,.5);white-space:nowrap}
.peerbrief ul.pb-list{margin:.2em 0 0 1.2em;padding:0}
"""
"""Scoped to the ``peerbrief`` class of each display's root. Colours come from the host
(``inherit``, translucent greys), so the display reads on light and dark themes alike;
the selectors are more specific than Jupyter's own table rules (right-aligned cells,
striped rows), which would otherwise win."""


def _escape(value: object) -> str:
    return str(value).translate(_HTML_SPECIALS)


def _root(kind: str, body: str) -> str:
    return f'<div class="peerbrief pb-{kind}"><style>{_STYLE}</style>{body}</div>'


def _web_address(address: str | None) -> str | None:
    """``address`` if it is http(s): a ``javascript:`` URL never becomes a link."""
    if address and address.lower().startswith(("https://", "http://")):
        return address
    return None


def _anchor(address: str | None, text_html: str) -> str:
    safe = _web_address(address)
    if safe is None:
        return text_html
    return f'<a href="{_escape(safe)}" target="_blank" rel="noopener">{text_html}</a>'


def _link(entry: Entry) -> str | None:
    """Where the entry's title points: its DOI, else its URL (when either is http(s))."""
    return _web_address(f"https://doi.org/{entry.doi}" if entry.doi else entry.url)


def _title_html(entry: Entry) -> str:
    return _anchor(_link(entry), _escape(entry.title))


def _table(headers: Iterable[str], rows: Iterable[str], kind: str = "") -> str:
    """A table of rows that are already HTML ``<tr>``s (callers escape their text)."""
    head = "".join(f"<th>{_escape(header)}</th>" for header in headers)
    thead = f"<thead><tr>{head}</tr></thead>" if head else ""
    return f'<table class="pb-table {kind}">{thead}<tbody>{"".join(rows)}</tbody></table>'


def _cell(html: str, kind: str = "") -> str:
    return f'<td class="{kind}">{html}</td>' if kind else f"<td>{html}</td>"


def short_access(entry: Entry) -> str:
    """``abstract``, ``OpenAthens``…: the access note in a word, for tables."""
    from .vocabulary import ACCESS_SHORT_NAMES

    access = access_of(entry)
    lowered = access.lower()
    return next((short for word, short in ACCESS_SHORT_NAMES.items() if word in lowered), access)


def _access_html(entry: Entry) -> str:
    short = short_access(entry)
    if not short:
        return ""
    return f'<span class="pb-tag" title="{_escape(access_of(entry))}">{_escape(short)}</span>'


# A brief: one table, grouped by section.

_BRIEF_COLUMNS = ("#", "Authors", "Year", "Title", "Source", "Access")


def _by_section(entries: Iterable[Entry]) -> list[tuple[Section | None, list[Entry]]]:
    """The entries grouped by the first section each is listed under, groups in the order
    they first appear (a brief's order); a work listed in several sections appears once."""
    groups: dict[Section | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.sections[0] if entry.sections else None, []).append(entry)
    return list(groups.items())


def _group_row(section: Section | None, count: int) -> str:
    if section is None:
        name = "Not in any section"
    elif section.sub:
        name = f'<span class="pb-muted">{_escape(section.top)} ›</span> {_escape(section.sub)}'
    else:
        name = _escape(section.top)
    size = f' <span class="pb-muted pb-small">· {_plural(count, "work")}</span>'
    return f'<tr class="pb-group"><th colspan="{len(_BRIEF_COLUMNS)}">{name}{size}</th></tr>'


def _brief_row(number: int, entry: Entry, group: Section | None) -> str:
    others = [section.name for section in entry.sections if section != group]
    also = (
        f'<div class="pb-muted pb-small">also in {_escape("; ".join(others))}</div>'
        if others
        else ""
    )
    cells = [
        _cell(str(number), "pb-num"),
        _cell(_escape(short_authors(entry)), "pb-nowrap"),
        _cell(_escape(entry.year or ""), "pb-nowrap"),
        _cell(_title_html(entry) + also, "pb-title"),
        _cell(_escape(source_of(entry)), "pb-source"),
        _cell(_access_html(entry)),
    ]
    return f"<tr>{''.join(cells)}</tr>"


def _brief_rows(entries: Sequence[Entry]) -> Iterator[str]:
    number = 0
    for section, group in _by_section(entries):
        yield _group_row(section, len(group))
        for entry in group:
            number += 1
            yield _brief_row(number, entry, section)


def brief_html(brief: Brief) -> str:
    """The brief's title, citation and counts, and its references grouped by section."""
    shown = brief.entries[:HTML_ROWS]
    more = len(brief.entries) - len(shown)
    note = (
        f'<p class="pb-line pb-muted">… and {more} more (all are in <code>.entries</code> '
        "and <code>.to_dataframe()</code>)</p>"
        if more
        else ""
    )
    byline = _brief_byline(brief)
    head = (
        f'<div class="pb-heading">{_escape(brief.title)}</div>'
        + (f'<div class="pb-line pb-muted">{_escape(byline)}</div>' if byline else "")
        + f'<div class="pb-line">{_escape(_html_counts(brief))}</div>'
        + "".join(
            f'<div class="pb-line pb-muted">Note: {_escape(note)}</div>'
            for note in copy_notes(brief)
        )
    )
    return _root("brief", head + _table(_BRIEF_COLUMNS, _brief_rows(shown)) + note)


def _brief_byline(brief: Brief) -> str:
    """``Katie Nicholas · 15 November 2023 · Workforce, Training and …``: who published the
    brief and when; the citation as written when those were not found."""
    names = ", ".join(f"{p.given} {p.family}" if p.given else p.family for p in brief.authors)
    parts = [names, format_date(brief.date), brief.publisher or ""]
    return " · ".join(part for part in parts if part) or (brief.citation or "")


def _html_counts(brief: Brief) -> str:
    unexplained = len(brief.unexplained)
    read = (
        f"{_plural(unexplained, 'line')} not understood (see .unexplained)"
        if unexplained
        else "every line understood"
    )
    return (
        f"{_plural(len(brief.entries), 'work')} in {_plural(_section_count(brief), 'section')} · "
        f"{_copies_merged(brief.merges)} merged · {read}"
    )


# One entry: its title, then its fields.


def _entry_fields(entry: Entry) -> list[tuple[str, str]]:
    """(label, HTML) for every field the entry has, in reading order; each value once."""
    doi_address = f"https://doi.org/{entry.doi}" if entry.doi else None
    fields = [
        ("Authors", _authors_html(entry)),
        ("Date", _escape(format_date(entry.date))),
        ("Status", _escape(entry.status or "")),
        ("Kind", _escape(entry.kind.value.replace("-", " "))),
        ("Source", _escape(source_of(entry)) if entry.container_title else ""),
        ("Publisher", _escape(entry.publisher or "")),
        ("Place", _escape(entry.place or "")),
        ("Access", _escape(access_of(entry))),
        ("Sections", "<br>".join(_escape(section) for section in entry.sections)),
        ("DOI", _anchor(doi_address, _escape(entry.doi)) if entry.doi else ""),
        ("URL", _anchor(entry.url, _escape(entry.url)) if _url_adds(entry) else ""),
        ("Accessed", _escape(format_date(entry.accessed))),
        ("Abstract", _escape(entry.abstract or "")),
        ("Read from", "<br>".join(_where_html(entry))),
    ]
    return [(label, value) for label, value in fields if value]


def _url_adds(entry: Entry) -> bool:
    """Whether the URL says more than the DOI row (a doi.org link to the DOI does not)."""
    if not entry.url:
        return False
    return not (entry.doi and entry.url.lower().endswith(entry.doi.lower()))


def _authors_html(entry: Entry) -> str:
    names = _escape("; ".join(map(str, entry.authors)))
    return f"{names} <i>et al.</i>" if names and entry.authors_truncated else names


def _where_html(entry: Entry) -> Iterator[str]:
    """``brief.pdf, page 12`` (or ``brief.txt, lines 120–131``) for each occurrence; the
    file's name, with its full path on hover."""
    for occurrence in entry.provenance:
        source = occurrence.source
        name = f'<span title="{_escape(source)}">{_escape(_file_name(source))}</span>'
        yield name + _escape(_place_in_file(occurrence))


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rstrip("/").rpartition("/")[2] or source


def _place_in_file(occurrence: Provenance) -> str:
    """``, page 12`` when the pages are known (PDF), else ``, lines 120–131``."""
    if occurrence.pages:
        return _span(", page", occurrence.pages, "–")
    return _span(", line", occurrence.lines, "–")


def entry_summary(entry: Entry) -> str:
    """One line: ``Otte et al. (2020). Title. Journal 66(3).``"""
    who = short_authors(entry) or entry.publisher or "Anon."
    when = f" ({format_date(entry.date)})" if entry.date else ""
    where = f" {source_of(entry)}." if entry.container_title else ""
    return f"{who}{when}. {entry.title.rstrip('.')}.{where}"


def entry_html(entry: Entry) -> str:
    """One reference: its title (a link when it has a web address), then field by field."""
    rows = (
        f"<tr><th>{_escape(label)}</th><td>{value}</td></tr>"
        for label, value in _entry_fields(entry)
    )
    heading = f'<div class="pb-heading">{_title_html(entry)}</div>'
    return _root("entry", heading + _table((), rows, "pb-fields"))


LOST_LINKS = (
    "no reference has a link, so no URL or DOI was recovered: a plain-text copy, or a PDF "
    "printed or saved again as PDF, drops them; the published PDF has them"
)


def lost_links(brief: Brief) -> bool:
    """Whether the brief was read from pages (a PDF, or text copied out of one: see
    :attr:`~peerbrief.model.Brief.read_from_pages`) and none of its references has a link
    or DOI. The published PDF links every title, so this is a copy that dropped them:
    plain text, or the PDF printed or
    saved again as PDF (a browser's "Save as PDF", a virtual printer), which keeps the
    text and not the links. Nothing peerbrief did lost them, but a user would not know
    why the entries lack them. The text export is known to have lost its link targets
    (``[Title](#)``) and has no pages: it is not meant."""
    return brief.read_from_pages and linked_works(brief.entries) == 0


_RUN_TOGETHER = re.compile(r"[^\W\d_]{30,}")
"""Letters longer than any word of a title or an abstract (the series' longest,
``professionalization``, has 19; a drug's or a chemical's name may reach 29): words whose
spaces the copy lost. A PDF set by TeX draws no space glyphs, and pypdf's and
pdfplumber's text of it leaves out the narrower gaps of a justified line
(``Strategicstorytelling: anexplorationof…``). No rule puts the spaces back."""


def run_together(entries: Iterable[Entry]) -> int:
    """How many of the entries have words run together in their title or abstract."""
    return sum(
        1 for entry in entries if _RUN_TOGETHER.search(f"{entry.title} {entry.abstract or ''}")
    )


_OPEN_END = re.compile(r"[\w,;:–-]$")
"""An abstract's end that ends no sentence: a word, a comma or a dash."""


def cut_short(brief: Brief) -> str | None:
    """The title of the work whose abstract the text ends inside, where it ends so: the
    abstract is the last thing read (no later work, heading or closing text: a page's
    furniture, an email's signature aside) and its last words end no sentence. A copy of
    part of a brief (a selection of its pages, a paste into a message) stops so; the
    brief itself ends with its closing boilerplate."""
    ends = [
        (max(lines), entry)
        for entry in brief.entries
        for occurrence in entry.provenance
        if (lines := occurrence.fields.get("abstract"))
    ]
    if not ends:
        return None
    end, entry = max(ends, key=lambda pair: pair[0])
    if not _OPEN_END.search(entry.abstract or ""):
        return None
    later = (
        *(
            n
            for other in brief.entries
            for occurrence in other.provenance
            for n in occurrence.lines
        ),
        *(n for item in brief.report if not item.reason.after_the_end for n in item.source_lines),
    )
    return None if any(n > end for n in later) else entry.title


def cut_at_start(brief: Brief) -> str | None:
    """The text's first line, where it starts inside a sentence (in lower case, or with
    the punctuation that goes on with one): a copy of part of a brief that starts inside
    an abstract. That end of the abstract is front matter, or section prose, to the
    reader: no work of the copy's."""
    first = min(
        (item for item in brief.report if not item.reason.after_the_end),
        key=lambda item: item.line,
        default=None,
    )
    used = (
        n for entry in brief.entries for occurrence in entry.provenance for n in occurrence.lines
    )
    if first is None or any(n < first.line for n in used):
        return None
    text = first.text.lstrip()
    return text if text[:1].islower() or text[:1] in _CONTINUING else None


_CONTINUING = frozenset(",;:)]")
"""What a line starting inside a sentence may start with, besides a word in lower case."""


def copy_notes(brief: Brief) -> list[str]:
    """What a user must know about the copy the brief was read from (not about lines of
    it): links it dropped, spaces between words it lost, an end it was cut at."""
    notes = [LOST_LINKS] if lost_links(brief) else []
    if (start := cut_at_start(brief)) is not None:
        notes.append(
            f"the text starts inside a sentence ({start[:40]!r}): a copy of part of the "
            "brief, cut there (the work it ends is not read)"
        )
    if (title := cut_short(brief)) is not None:
        notes.append(
            f"the text ends inside a sentence, in the abstract of {title!r}: a copy of "
            "part of the brief, cut there (that abstract is cut too)"
        )
    if glued := run_together(brief.entries):
        notes.append(
            f"words run together in the title or abstract of {_plural(glued, 'work')}: the "
            "copy lost the spaces between them (pypdf's and pdfplumber's text of a PDF set "
            "by TeX does); read the PDF itself, or copy its text with another tool"
        )
    return notes


def linked_works(entries: Iterable[Entry]) -> int:
    """How many of the entries have a link: a URL, or a DOI (which is one)."""
    return sum(1 for entry in entries if entry.url or entry.doi)


def brief_summary(brief: Brief) -> str:
    """A few lines: the brief's title and citation, then what was read."""
    notes = [f"Note: {note}" for note in copy_notes(brief)]
    return "\n".join(filter(None, [brief.title, brief.citation, _counts(brief), *notes]))


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
        f"{_plural(len(brief.entries), 'work')} in {_plural(_section_count(brief), 'section')}, "
        f"{_copies_merged(brief.merges)} merged, "
        f"{_plural(len(brief.unexplained), 'unexplained line')}"
    )


def _copies_merged(merges: Iterable[Merge]) -> str:
    """The copies de-duplication dropped (a work listed three times drops two), not the
    number of merged works."""
    merged = sum(len(merge.occurrences) - 1 for merge in merges)
    return "1 copy" if merged == 1 else f"{merged} copies"


def _section_count(brief: Brief) -> int:
    """The sections that hold the brief's works: after a filter, only those of the works
    kept (``brief.sections`` keeps every heading of the brief)."""
    return len({section for entry in brief.entries for section in entry.sections})


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
    "accessed",
    "status",
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
        "accessed": format_date(entry.accessed) or None,
        "status": entry.status,
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


def _span(label: str, numbers: Sequence[int], dash: str = "-") -> str:
    """`` lines 499-511`` or `` line 7``; nothing when there are no numbers."""
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    return f"{label} {low}" if low == high else f"{label}s {low}{dash}{high}"


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


def merge_repr(merge: Merge) -> str:
    """``<Merge of 2 copies: "Title…" (Otte et al., 2020)>``: one line, whatever the size
    of the copies (``print(merge)`` tells the whole story)."""
    return f"<Merge of {len(merge.occurrences)} copies: {_cite(merge.entry)}>"


def merge_html(merge: Merge) -> str:
    """Which copies became one work (where each was read, under which section), the
    evidence, and the values kept over others."""
    entry = merge.entry
    byline = " · ".join(filter(None, [short_authors(entry), str(entry.year or "")]))
    head = (
        f'<div class="pb-heading">{len(merge.occurrences)} copies merged: '
        f"{_title_html(entry)}</div>"
        + (f'<div class="pb-line pb-muted">{_escape(byline)}</div>' if byline else "")
    )
    copies = _table(
        ("Copy", "Read from", "Listed under"),
        (
            "<tr>"
            + _cell(str(number), "pb-num")
            + _cell("<br>".join(_where_html(copy)), "pb-nowrap")
            + _cell("<br>".join(_escape(section) for section in copy.sections))
            + "</tr>"
            for number, copy in enumerate(merge.occurrences, 1)
        ),
    )
    evidence = "".join(f"<li>{_escape(reason)}</li>" for reason in merge.evidence)
    body = (
        head + copies + f'<div class="pb-line">Evidence:</div><ul class="pb-list">{evidence}</ul>'
    )
    if merge.choices:
        body += _table(("Field", "Kept", "Over"), map(_choice_row, merge.choices))
    return _root("merge", body)


def _choice_row(choice: Choice) -> str:
    start = min((_first_difference(choice.chosen, other) for other in choice.over), default=0)
    over = "<br>".join(_escape(_clip(other, start)) for other in choice.over)
    field = _escape(choice.field.replace("_", " "))
    if choice.conflict:
        field += ' <span class="pb-tag">conflict</span>'
    return (
        "<tr>"
        + _cell(field, "pb-nowrap")
        + _cell(_escape(_clip(choice.chosen, start)))
        + _cell(over or '<span class="pb-muted">(the other copies give none)</span>')
        + "</tr>"
    )


def _is_year(text: str) -> bool:
    """Up to four ASCII digits: str.isdigit also takes ``²``, which int() refuses, and
    int() raises on more than 4,300 digits."""
    text = text.strip()
    return text.isascii() and text.isdigit() and len(text) <= 4
