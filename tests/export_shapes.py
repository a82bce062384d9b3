"""Entries written as reference managers write them: the test side's stand-ins for a real
export of a library holding some of a brief's works.

Each function follows one tool's export, as read in its source or in files it wrote (see
``tests/fixtures/libraries/SOURCES.md``), with the quirks that tool has: Zotero's
``DA  - 2020/03//`` and split ``SP``/``EP``, EndNote's BOM, CRLF, ``SP  - 451-460`` and
DOI in ``M3``, Mendeley's ``{{double-braced}}`` titles and ``file = {:path:pdf}``,
JabRef's metadata comment, Better BibTeX's biblatex ``date``/``journaltitle``/``langid``,
BibDesk's ``bdsk-url-1`` in a file kept by hand (``@string`` journals, ``apr # "~15"``,
``\\noopsort``), Zotero's CSL-JSON string date parts (or ``raw`` dates and a report's DOI
in ``note``), EndNote XML's style runs, Refer's ``%`` tags, Zotero's
CSV (every value quoted, ``; `` between names) and RDF (``bib:Journal`` containers,
``rdf:Seq`` of ``foaf:Person``). They
are written from those conventions, never from peerbrief's readers.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from xml.sax.saxutils import escape

from peerbrief import Date, Entry, Kind, Person

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
SEASONS = ["Spring", "Summer", "Autumn", "Winter"]

# Each tool's name for the three kinds of work a brief lists.
RIS_TYPES = {Kind.JOURNAL_ARTICLE: "JOUR", Kind.REPORT: "RPRT", Kind.VIDEO: "VIDEO"}
BIBTEX_TYPES = {Kind.JOURNAL_ARTICLE: "article", Kind.REPORT: "techreport", Kind.VIDEO: "misc"}
BIBLATEX_TYPES = {Kind.JOURNAL_ARTICLE: "article", Kind.REPORT: "report", Kind.VIDEO: "video"}
CSL_TYPES = {Kind.JOURNAL_ARTICLE: "article-journal", Kind.REPORT: "report", Kind.VIDEO: "motion_picture"}  # fmt: skip
ZOTERO_TYPES = {Kind.JOURNAL_ARTICLE: "journalArticle", Kind.REPORT: "report", Kind.VIDEO: "videoRecording"}  # fmt: skip
ENDNOTE_TYPES = {Kind.JOURNAL_ARTICLE: ("Journal Article", 17), Kind.REPORT: ("Report", 27),
                 Kind.VIDEO: ("Film or Broadcast", 21)}  # fmt: skip


def name(person: Person, corporate_comma: bool = False) -> str:
    """``Family, Given``; an organisation alone (EndNote: with a comma after it)."""
    if person.given:
        return f"{person.family}, {person.given}"
    return f"{person.family}," if corporate_comma else person.family


def pages(entry: Entry, dash: str) -> str | None:
    if entry.pages is None:
        return None
    return entry.pages.first + (f"{dash}{entry.pages.last}" if entry.pages.last else "")


def lines(pairs: Iterable[tuple[str, str | None]], form: str) -> list[str]:
    return [form.format(tag, value) for tag, value in pairs if value]


# --- RIS ---------------------------------------------------------------------------------


def zotero_ris_date(date: Date | None) -> str | None:
    """RIS.js: ``YYYY/MM/DD/``, empty parts kept, a season in the last part."""
    if date is None:
        return None
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    season = SEASONS[date.season - 1] if date.season else ""
    return f"{date.year}/{month}/{day}/{season}"


def zotero_ris(entries: Iterable[Entry]) -> bytes:
    out = []
    for entry in entries:
        pairs: list[tuple[str, str | None]] = [("TY", RIS_TYPES[entry.kind]), ("TI", entry.title)]
        pairs += [("AU", name(person)) for person in entry.authors]
        pairs += [("T2", entry.container_title), ("AB", entry.abstract)]
        pairs += [("CY", entry.place), ("DA", zotero_ris_date(entry.date))]
        pairs += [("PY", str(entry.date.year) if entry.date else None), ("DO", entry.doi)]
        pairs += [("VL", entry.volume), ("IS", entry.issue), ("PB", entry.publisher)]
        if entry.pages:
            pairs += [("SP", entry.pages.first), ("EP", entry.pages.last)]
        pairs += [("LA", "en"), ("UR", entry.url), ("Y2", "2023/11/20/09:14:52")]
        out += [*lines(pairs, "{}  - {}"), "ER  - ", ""]
    return "\n".join(out).encode("utf-8")


def endnote_ris(entries: Iterable[Entry], encoding: str = "utf-8-sig") -> bytes:
    """EndNote's RefMan (RIS) export: BOM, CRLF, ``Y1``, a month and day without the year
    in ``DA``, pages as one range in ``SP``, the DOI in ``M3``, two blank lines after
    ``ER``; on Windows, optionally UTF-16."""
    out = []
    for entry in entries:
        date = entry.date
        day = f"{MONTHS[date.month - 1].title()}{f' {date.day}' if date.day else ''}" if date and date.month else None  # fmt: skip
        pairs: list[tuple[str, str | None]] = [("TY", RIS_TYPES[entry.kind])]
        pairs += [("AU", name(person, corporate_comma=True)) for person in entry.authors]
        pairs += [("TI", entry.title), ("JO", entry.container_title), ("PB", entry.publisher)]
        pairs += [("CY", entry.place), ("Y1", str(date.year) if date else None), ("DA", day)]
        pairs += [("VL", entry.volume), ("IS", entry.issue), ("SP", pages(entry, "-"))]
        pairs += [("M3", entry.doi), ("N1", "Accession Number: 1234"), ("UR", entry.url)]
        out += [*lines(pairs, "{}  - {}"), "ER  - ", "", ""]
    return "\r\n".join(out).encode(encoding)


# --- BibTeX and biblatex ----------------------------------------------------------------

LATEX_SPECIALS = str.maketrans({"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"})


def latex(text: str) -> str:
    return text.translate(LATEX_SPECIALS)


def bib_names(entry: Entry) -> str | None:
    names = [f"{{{p.family}}}" if not p.given else name(p) for p in entry.authors]
    return " and ".join(names) or None


def bibtex_entry(kind: str, key: str, fields: Mapping[str, str | None], form: str) -> str:
    body = ",\n".join(form.format(field, value) for field, value in fields.items() if value)
    return f"@{kind}{{{key},\n{body}\n}}"


def mendeley_bib(entries: Iterable[Entry]) -> bytes:
    """Mendeley Desktop: fields in alphabetical order, titles in double braces, ``{\\%}`` in
    abstracts, ``file = {:path:pdf}``, ``mendeley-tags``, no comma after the last field."""
    out = ["Automatically generated by Mendeley Desktop 1.19.8", "Any changes to this file will be lost if it is regenerated by Mendeley.", "", "BibTeX export options can be customized via Options -> BibTeX in Mendeley Desktop", ""]  # fmt: skip
    for number, entry in enumerate(entries):
        fields = {
            "abstract": "Peer workers made up 10{\\%} of the staff.",
            "author": bib_names(entry),
            "doi": entry.doi,
            "file": f":home/me/Documents/Mendeley Desktop/paper{number}.pdf:pdf",
            "institution": entry.publisher if entry.kind is Kind.REPORT else None,
            "journal": latex(entry.container_title or "") or None,
            "keywords": "peer support,workforce",
            "mendeley-tags": "peer support",
            "month": MONTHS[entry.date.month - 1] if entry.date and entry.date.month else None,
            "number": entry.issue,
            "pages": pages(entry, "--"),
            "publisher": entry.publisher if entry.kind is not Kind.REPORT else None,
            "title": f"{{{latex(entry.title)}}}",
            "url": entry.url,
            "volume": entry.volume,
            "year": str(entry.date.year) if entry.date else None,
        }
        kind = BIBTEX_TYPES[entry.kind]
        out += [bibtex_entry(kind, f"Work{number}", fields, "{} = {{{}}}"), ""]
    return "\n".join(out).encode("utf-8")


def jabref_bib(entries: Iterable[Entry]) -> bytes:
    """JabRef (BibTeX mode): ``% Encoding`` header, capitalised types, aligned fields,
    ``groups``/``owner``/``timestamp``, and its metadata comments at the end (the
    database type, the groups tree with its ``\\;``-escaped fields)."""
    out = ["% Encoding: UTF-8", ""]
    for number, entry in enumerate(entries):
        fields = {
            "author": bib_names(entry),
            "title": latex(entry.title),
            "journal": latex(entry.container_title or "") or None,
            "year": str(entry.date.year) if entry.date else None,
            "volume": entry.volume,
            "number": entry.issue,
            "pages": pages(entry, "--"),
            "institution": entry.publisher if entry.kind is Kind.REPORT else None,
            "publisher": entry.publisher if entry.kind is not Kind.REPORT else None,
            "doi": entry.doi,
            "url": entry.url,
            "groups": "Peer work",
            "owner": "librarian",
            "timestamp": "2023-11-20",
        }
        kind = BIBTEX_TYPES[entry.kind].title()
        out += [bibtex_entry(kind, f"Work{number}", fields, "  {:<11} = {{{}}}") + "", ""]
    out += ["@Comment{jabref-meta: databaseType:bibtex;}", ""]
    out += ["@Comment{jabref-meta: grouping:", "0 AllEntriesGroup:;",
            "1 StaticGroup:Peer work\\;0\\;1\\;0x8a8a8aff\\;\\;\\;;", "}", ""]  # fmt: skip
    return "\n".join(out).encode("utf-8")


BIBDESK_PREAMBLE = r"""%% This BibTeX bibliography file was created using BibDesk.
%% https://bibdesk.sourceforge.io/

%% Created for Me at 2024-01-15 10:22:31 +0000


%% Saved with string encoding Unicode (UTF-8)

@preamble{"\newcommand{\noopsort}[1]{} "}
"""


def bibdesk_month(date: Date | None) -> str | None:
    """A month as BibTeX's macro, joined to its day (``apr # "~15"``) or the end of a
    range (``apr # "--" # jun``) with ``#``, as a BibTeX file kept by hand writes them."""
    if date is None or date.month is None:
        return None
    month = MONTHS[date.month - 1]
    if date.end is not None and date.end.month and date.end.year == date.year:
        return f'{month} # "--" # {MONTHS[date.end.month - 1]}'
    return f'{month} # "~{date.day}"' if date.day else month


def bibdesk_bib(entries: Iterable[Entry]) -> bytes:
    """BibDesk's file (its header, tab indent, ``Author:2021aa`` keys, ``date-added``, the
    link as ``bdsk-url-1``, the PDF as a base64 ``bdsk-file-1`` alias), kept by hand as
    BibTeX users keep theirs: journals as ``@string`` macros, months as macros joined to
    a day with ``#``, and a title sorted by ``{\noopsort{…}}`` defined in ``@preamble``."""
    journals: dict[str, str] = {}
    out = [BIBDESK_PREAMBLE]
    records = []
    for number, entry in enumerate(entries):
        journal = latex(entry.container_title) if entry.container_title else None
        if journal is not None:
            journals.setdefault(journal, f"j{len(journals)}")
        fields = {
            "author": bib_names(entry),
            "date-added": "2024-01-15 10:20:11 +0000",
            "doi": entry.doi,
            "institution": entry.publisher if entry.kind is Kind.REPORT else None,
            "month": bibdesk_month(entry.date),
            "number": entry.issue,
            "pages": pages(entry, "--"),
            "publisher": entry.publisher if entry.kind is not Kind.REPORT else None,
            "title": f"{{\\noopsort{{{number:04d}}}}}{latex(entry.title)}",
            "volume": entry.volume,
            "year": str(entry.date.year) if entry.date else None,
            "bdsk-file-1": "YnBsaXN0MDDSAQIDBFxyZWxhdGl2ZVBhdGhZYWxpYXNEYXRh" if number % 2 else None,
            "bdsk-url-1": entry.url,
        }  # fmt: skip
        body = ",\n".join(
            f"\t{field} = {value}" if field == "month" else f"\t{field} = {{{value}}}"
            for field, value in fields.items()
            if value
        )
        macro = f",\n\tjournal = {journals[journal]}" if journal is not None else ""
        family = re.sub(r"[^A-Za-z]", "", entry.authors[0].family) if entry.authors else ""
        key = f"{family or 'Anon'}:{number}aa"  # BibDesk's cite key: letters, as ASCII
        records.append(f"@{BIBTEX_TYPES[entry.kind]}{{{key},\n{body}{macro}}}")
    out += [f"@string{{{macro} = {{{journal}}}}}" for journal, macro in journals.items()]
    out += ["", *"\n\n".join(records).split("\n"), ""]
    return "\n".join(out).encode("utf-8")


def edtf(date: Date | None) -> str | None:
    if date is None:
        return None
    if date.season:
        return f"{date.year}-{20 + date.season}"
    return "-".join([str(date.year)] + [f"{part:02d}" for part in (date.month, date.day) if part])


def biblatex_name(person: Person) -> str:
    """Better BibLaTeX's name: a family name led by a particle (``de Souza Pereira``) in
    biblatex's extended name format (retorquere/zotero-better-bibtex#3281, on by default),
    the others as BibTeX writes them."""
    particle = re.match(r"((?:[a-z]+ )+)(?=[A-Z])", person.family)
    if person.organisation or not person.given or not particle:
        return f"{{{person.family}}}" if not person.given else name(person)
    family = person.family[particle.end() :]
    return f"family={family}, given={person.given}, prefix={particle[1].strip()}, useprefix=true"


def better_biblatex(entries: Iterable[Entry]) -> bytes:
    """Better BibTeX for Zotero, biblatex: tab indent, ``date``, ``journaltitle`` and
    ``shortjournal``, ``langid``, capitals protected, ``file`` with Zotero's path, names
    with a particle in biblatex's extended name format."""
    out = []
    for number, entry in enumerate(entries):
        title = re.sub(r"\b([A-Z]{2,}\w*)", r"{\1}", latex(entry.title))
        fields = {
            "title": title,
            "volume": entry.volume,
            "doi": entry.doi,
            "langid": "english",
            "number": entry.issue,
            "journaltitle": latex(entry.container_title or "") or None,
            "institution": entry.publisher if entry.kind is Kind.REPORT else None,
            "publisher": entry.publisher if entry.kind is Kind.VIDEO else None,
            "location": entry.place,
            "author": " and ".join(map(biblatex_name, entry.authors)) or None,
            "date": edtf(entry.date),
            "pages": pages(entry, "--"),
            "url": entry.url,
            "urldate": "2023-11-20",
            "file": f"Full Text:/home/me/Zotero/storage/ABCD{number:04d}/paper.pdf:application/pdf",
        }
        kind = BIBLATEX_TYPES[entry.kind]
        out += [bibtex_entry(kind, f"work{number}", fields, "\t{} = {{{}}}"), ""]
    return "\n".join(out).encode("utf-8")


# --- CSL-JSON, EndNote XML, Refer ----------------------------------------------------------


def zotero_csl(entries: Iterable[Entry], doi_in_note: bool = False) -> bytes:
    """Zotero's CSL JSON: tab indent, string years in ``date-parts``, literal names for
    organisations; with ``doi_in_note``, a report's or video's DOI in ``note`` as Zotero
    keeps it in Extra for item types without a DOI field (``DOI: 10.…``, below another
    line), and dates as ``raw`` text."""
    items = []
    for number, entry in enumerate(entries):
        item: dict[str, object] = {"id": f"http://zotero.org/users/local/x/items/W{number}"}
        item["type"] = CSL_TYPES[entry.kind]
        values = {"title": entry.title, "container-title": entry.container_title,
                  "volume": entry.volume, "issue": entry.issue, "page": pages(entry, "-"),
                  "publisher": entry.publisher, "publisher-place": entry.place,
                  "DOI": entry.doi, "URL": entry.url}  # fmt: skip
        if doi_in_note and entry.kind is not Kind.JOURNAL_ARTICLE and entry.doi:
            values |= {"DOI": None, "note": f"tex.ids: W{number}\nDOI: {entry.doi}"}
        item.update({key: value for key, value in values.items() if value})
        item["author"] = [
            {"family": p.family, "given": p.given} if p.given else {"literal": p.family}
            for p in entry.authors
        ]
        if entry.date:
            parts: list[object] = [str(entry.date.year)]
            parts += [part for part in (entry.date.month, entry.date.day) if part]
            item["issued"] = {"raw": str(entry.date)} if doi_in_note else {"date-parts": [parts]}
        items.append(item)
    return json.dumps(items, indent="\t", ensure_ascii=False).encode("utf-8")


def styled(text: str | None) -> str:
    return f'<style face="normal" font="default" size="100%">{escape(text or "")}</style>'


def element(tag: str, text: str | None) -> str:
    return f"<{tag}>{styled(text)}</{tag}>" if text else ""


def endnote_xml(entries: Iterable[Entry]) -> bytes:
    """EndNote's XML export: one line, every value in a style run."""
    records = []
    for number, entry in enumerate(entries, 1):
        type_name, type_number = ENDNOTE_TYPES[entry.kind]
        date = entry.date
        authors = "".join(element("author", name(p, corporate_comma=True)) for p in entry.authors)
        records.append(
            '<record><database name="My Library.enl" path="C:\\My Library.enl">My Library.enl'
            '</database><source-app name="EndNote" version="20.6">EndNote</source-app>'
            f'<rec-number>{number}</rec-number><ref-type name="{type_name}">{type_number}</ref-type>'
            + (f"<contributors><authors>{authors}</authors></contributors>" if authors else "")
            + f"<titles>{element('title', entry.title)}{element('secondary-title', entry.container_title)}</titles>"
            + (f"<periodical>{element('full-title', entry.container_title)}</periodical>" if entry.container_title else "")
            + element("pages", pages(entry, "-")) + element("volume", entry.volume)
            + element("number", entry.issue)
            + (f"<dates>{element('year', str(date.year))}<pub-dates>{element('date', MONTHS[date.month - 1].title() if date.month else None)}</pub-dates></dates>" if date else "")
            + element("pub-location", entry.place) + element("publisher", entry.publisher)
            + element("electronic-resource-num", entry.doi)
            + (f"<urls><related-urls>{element('url', entry.url)}</related-urls></urls>" if entry.url else "")
            + element("access-date", str(entry.accessed) if entry.accessed else None)
            + "</record>"
        )  # fmt: skip
    body = (
        f'<?xml version="1.0" encoding="UTF-8" ?><xml><records>{"".join(records)}</records></xml>'
    )
    return body.encode("utf-8")


def zotero_refer(entries: Iterable[Entry]) -> bytes:
    """ReferBibIX.js's export: CRLF, its tag order, the date as written, a blank line after
    each record."""
    out = []
    names = {Kind.JOURNAL_ARTICLE: "Journal Article", Kind.REPORT: "Report", Kind.VIDEO: "Film or Broadcast"}  # fmt: skip
    for entry in entries:
        pairs: list[tuple[str, str | None]] = [("0", names[entry.kind]), ("T", entry.title)]
        pairs += [("V", entry.volume), ("N", entry.issue), ("C", entry.place)]
        pairs += [("I", entry.publisher), ("P", pages(entry, "-")), ("U", entry.url)]
        pairs += [("J" if entry.kind is Kind.JOURNAL_ARTICLE else "B", entry.container_title)]
        pairs += [("A", name(person)) for person in entry.authors]
        pairs += [("D", str(entry.date) if entry.date else None)]
        out += [*lines(pairs, "%{} {}"), ""]
    return "\r\n".join(out).encode("utf-8")


def endnote_enw(entries: Iterable[Entry]) -> bytes:
    """EndNote's tagged export: ``%D`` the year, ``%8`` the month, ``%R`` the DOI."""
    out = []
    for entry in entries:
        date = entry.date
        type_name = ENDNOTE_TYPES[entry.kind][0]
        pairs: list[tuple[str, str | None]] = [("0", type_name)]
        pairs += [("A", name(person, corporate_comma=True)) for person in entry.authors]
        pairs += [("D", str(date.year) if date else None), ("T", entry.title)]
        pairs += [("J", entry.container_title), ("V", entry.volume), ("N", entry.issue)]
        pairs += [("P", pages(entry, "-")), ("8", MONTHS[date.month - 1].title() if date and date.month else None)]  # fmt: skip
        pairs += [("I", entry.publisher), ("C", entry.place), ("R", entry.doi), ("U", entry.url)]
        pairs += [("[", str(entry.accessed) if entry.accessed else None)]
        out += [*lines(pairs, "%{} {}"), "", ""]
    return "\r\n".join(out).encode("utf-8-sig")


# --- Zotero's CSV and RDF -------------------------------------------------------------------

ZOTERO_CSV_HEADER = (
    "Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title", "ISBN",
    "ISSN", "DOI", "Url", "Abstract Note", "Date", "Date Added", "Date Modified",
    "Access Date", "Pages", "Num Pages", "Issue", "Volume", "Number Of Volumes",
    "Journal Abbreviation", "Short Title", "Series", "Series Number", "Series Text",
    "Series Title", "Publisher", "Place", "Language", "Rights", "Type", "Archive",
    "Archive Location", "Library Catalog", "Call Number", "Extra", "Notes",
    "File Attachments", "Link Attachments", "Manual Tags", "Automatic Tags", "Editor",
    "Series Editor", "Translator", "Contributor", "Attorney Agent", "Book Author",
    "Cast Member", "Commenter", "Composer", "Cosponsor", "Counsel", "Interviewer",
    "Producer", "Recipient", "Reviewed Author", "Scriptwriter", "Words By", "Guest",
    "Number", "Edition", "Running Time", "Scale", "Medium", "Artwork Size", "Filing Date",
    "Application Number", "Assignee", "Issuing Authority", "Country", "Meeting Name",
    "Conference Name", "Court", "References", "Reporter", "Legal Status",
    "Priority Numbers", "Programming Language", "Version", "System", "Code", "Code Number",
    "Section", "Session", "Committee", "History", "Legislative Body",
)  # fmt: skip
"""CSV.js's columns: its ``exportedFields``, each named as ``writeColumnHeaders`` names it."""


def iso_date(date: Date | None) -> str | None:
    """``Zotero.Utilities.strToISO``: ``2018``, ``2018-08``, ``2018-08-15`` (no season)."""
    if date is None:
        return None
    parts = [f"{date.year:04d}"] + [f"{part:02d}" for part in (date.month, date.day) if part]
    return "-".join(parts if date.month else parts[:1])


def zotero_timestamp(date: Date | None) -> str | None:
    """Zotero's ``accessDate``, an SQL timestamp in UTC: a day and a time, never less."""
    return f"{iso_date(date)} 09:14:52" if date and date.day else None


def zotero_csv(entries: Iterable[Entry]) -> bytes:
    """CSV.js: a BOM, the header, then ``\n`` and a row for each item, every value quoted
    (quotes doubled, newlines made spaces), several values ``; `` apart."""
    out = "\ufeff" + ",".join(f'"{label}"' for label in ZOTERO_CSV_HEADER)
    for number, entry in enumerate(entries):
        values = {
            "Key": f"K{number:07d}", "Item Type": ZOTERO_TYPES[entry.kind],
            "Publication Year": str(entry.date.year) if entry.date else None,
            "Author": "; ".join(name(person) for person in entry.authors),
            "Title": entry.title, "Publication Title": entry.container_title,
            "DOI": entry.doi, "Url": entry.url, "Date": iso_date(entry.date),
            "Date Added": "2024-01-15 10:22:31", "Pages": pages(entry, "-"),
            "Access Date": zotero_timestamp(entry.accessed),
            "Issue": entry.issue, "Volume": entry.volume, "Publisher": entry.publisher,
            "Place": entry.place, "Manual Tags": "; ".join(s.top for s in entry.sections),
        }  # fmt: skip
        quoted = (re.sub(r"[\r\n]+", " ", values.get(label) or "").replace('"', '""') for label in ZOTERO_CSV_HEADER)  # fmt: skip
        out += "\n" + ",".join(f'"{value}"' for value in quoted)
    return out.encode("utf-8")


ZOTERO_RDF_START = """<rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:z="http://www.zotero.org/namespaces/export#"
 xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:bib="http://purl.org/net/biblio#"
 xmlns:foaf="http://xmlns.com/foaf/0.1/"
 xmlns:link="http://purl.org/rss/1.0/modules/link/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:prism="http://prismstandard.org/namespaces/1.2/basic/"
 xmlns:vcard="http://nwalsh.com/rdf/vCard#">"""
ZOTERO_RDF_CLASSES = {Kind.JOURNAL_ARTICLE: "bib:Article", Kind.REPORT: "bib:Report", Kind.VIDEO: "bib:Recording"}  # fmt: skip


def rdf_text(tag: str, text: str | None) -> str:
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def rdf_person(person: Person) -> str:
    given = rdf_text("foaf:givenName", person.given)
    return f"<rdf:li><foaf:Person>{rdf_text('foaf:surname', person.family)}{given}</foaf:Person></rdf:li>"


def zotero_rdf(entries: Iterable[Entry]) -> bytes:
    """Zotero RDF.js: an item a resource named ``#item_N`` with its ``z:itemType``; the
    journal (title, volume, issue, the DOI as ``DOI …``) a nested ``bib:Journal``; the
    publisher a ``foaf:Organization`` with its place; authors a ``bib:authors`` Seq; a
    PDF attachment a ``z:Attachment`` of its own."""
    out = [ZOTERO_RDF_START]
    for number, entry in enumerate(entries):
        container = "".join((
            rdf_text("prism:volume", entry.volume), rdf_text("dc:title", entry.container_title),
            rdf_text("dc:identifier", entry.doi and f"DOI {entry.doi}"),
            rdf_text("prism:number", entry.issue),
        ))  # fmt: skip
        place = rdf_text("vcard:locality", entry.place)
        organisation = (
            "<dc:publisher><foaf:Organization>"
            + (f"<vcard:adr><vcard:Address>{place}</vcard:Address></vcard:adr>" if place else "")
            + f"{rdf_text('foaf:name', entry.publisher)}</foaf:Organization></dc:publisher>"
        )
        authors = "".join(rdf_person(person) for person in entry.authors)
        url = f"<dc:identifier><dcterms:URI><rdf:value>{escape(entry.url)}</rdf:value></dcterms:URI></dc:identifier>" if entry.url else ""  # fmt: skip
        out += [
            f'    <{ZOTERO_RDF_CLASSES[entry.kind]} rdf:about="#item_{number}">',
            f"        <z:itemType>{ZOTERO_TYPES[entry.kind]}</z:itemType>",
            f"        <dcterms:isPartOf><bib:Journal>{container}</bib:Journal></dcterms:isPartOf>" if container else "",
            f"        {organisation}" if entry.publisher or entry.place else "",
            f"        <bib:authors><rdf:Seq>{authors}</rdf:Seq></bib:authors>" if authors else "",
            f'        <link:link rdf:resource="#item_{number}_pdf"/>',
            *(f"        {rdf_text('dc:subject', section.top)}" for section in entry.sections),
            f"        {rdf_text('dc:title', entry.title)}",
            f"        {rdf_text('dc:date', iso_date(entry.date))}",
            f"        {url}",
            f"        {rdf_text('bib:pages', pages(entry, '-'))}",
            f"        {rdf_text('dcterms:dateSubmitted', zotero_timestamp(entry.accessed))}",
            f"    </{ZOTERO_RDF_CLASSES[entry.kind]}>",
            f'    <z:Attachment rdf:about="#item_{number}_pdf"><z:itemType>attachment</z:itemType>'
            "<dc:title>Full Text PDF</dc:title><link:type>application/pdf</link:type></z:Attachment>",
        ]  # fmt: skip
    out.append("</rdf:RDF>")
    return "\n".join(line for line in out if line.strip()).encode("utf-8")


# --- PubMed's MEDLINE ---------------------------------------------------------------------

MEDLINE_TYPES = {Kind.JOURNAL_ARTICLE: "Journal Article", Kind.REPORT: "Technical Report", Kind.VIDEO: "Video-Audio Media"}  # fmt: skip


def medline_lines(tag: str, value: str | None) -> list[str]:
    """``TAG - value``, the tag in four columns, the value wrapped at 82 columns with six
    spaces before each further line, as PubMed writes them."""
    if not value:
        return []
    wrapped = textwrap.wrap(value, 76, break_long_words=False, break_on_hyphens=False)
    return [f"{tag:<4}- {wrapped[0]}", *(f"      {line}" for line in wrapped[1:])]


def pubmed_medline(entries: Iterable[Entry]) -> bytes:
    """PubMed's "Send to › Citation manager" (``.nbib``): a blank line before each record,
    ``PMID-`` first, ``FAU`` and ``AU`` for each author, ``DP  - 2019 Mar``, the DOI as
    ``AID - … [doi]``, the journal as ``TA`` and ``JT``."""
    out = []
    for number, entry in enumerate(entries, 1):
        date = entry.date
        published = f"{date.year} {MONTHS[date.month - 1].title()}" if date and date.month else str(date.year) if date else None  # fmt: skip
        lines = ["", *medline_lines("PMID", f"{30000000 + number}"), "OWN - NLM"]
        lines += medline_lines("VI", entry.volume) + medline_lines("IP", entry.issue)
        lines += medline_lines("DP", published) + medline_lines("TI", entry.title)
        lines += medline_lines("PG", pages(entry, "-"))
        for person in entry.authors:
            lines += medline_lines("FAU", name(person))
            short = f"{person.family} {''.join(part[0] for part in person.given.split())}" if person.given else person.family  # fmt: skip
            lines += medline_lines("AU", short)
        lines += medline_lines("PT", MEDLINE_TYPES[entry.kind])
        if entry.publisher:  # a book's publisher and place
            lines += medline_lines("PB", entry.publisher) + medline_lines("PL", entry.place)
        else:
            lines += ["PL  - England"]  # a journal's country
        lines += medline_lines("JT", entry.container_title)
        lines += medline_lines("AID", entry.doi and f"{entry.doi} [doi]")
        out += lines
    return "\n".join(out).encode("utf-8")


SHAPES: Mapping[str, Callable[[Iterable[Entry]], bytes]] = {
    "zotero-ris": zotero_ris,
    "endnote-ris": endnote_ris,
    "endnote-ris-utf16": lambda entries: endnote_ris(entries, encoding="utf-16"),
    "mendeley-bibtex": mendeley_bib,
    "jabref-bibtex": jabref_bib,
    "bibdesk-bibtex": bibdesk_bib,
    "better-bibtex-biblatex": better_biblatex,
    "zotero-csl-json": zotero_csl,
    "zotero-csl-json-extra": lambda entries: zotero_csl(entries, doi_in_note=True),
    "endnote-xml": endnote_xml,
    "zotero-refer": zotero_refer,
    "endnote-enw": endnote_enw,
    "zotero-csv": zotero_csv,
    "zotero-rdf": zotero_rdf,
    "pubmed-medline": pubmed_medline,
}
"""Each export shape by name (the tool, the format)."""

NOT_EXPORTED: Mapping[str, frozenset[str]] = {
    "zotero-refer": frozenset({"doi", "accessed"}),
    "pubmed-medline": frozenset({"url", "accessed"}),
}
"""Entry fields a shape's tool does not write (ReferBibIX.js has no tag for the DOI or
the access date, MEDLINE none for a link or an access date)."""

DAYS_ONLY = frozenset({"zotero-csv", "zotero-rdf"})
"""Shapes whose tool holds an access date only as a day (Zotero's timestamp); EndNote's
is text, written as typed."""
