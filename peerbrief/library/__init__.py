"""Your own library: RIS, BibTeX/biblatex, CSL-JSON, EndNote XML, Refer/EndNote tagged
(``.enw``), Zotero CSV, Zotero RDF and PubMed MEDLINE (``.nbib``) files → the entry model.

``read_bibliography(path)`` reads what Zotero, EndNote, Mendeley and JabRef export, and
what peerbrief writes, into the same :class:`~peerbrief.model.Entry` objects a brief
gives, each with its provenance (the file, the record's number and its lines: for
EndNote XML and Zotero RDF, the line its element starts on). UTF-8 with or without a
BOM, UTF-16 (EndNote on Windows, Excel's "Unicode text") and Windows-1252 (Excel's CSV)
are read. The format is recognised by content: a JSON array or object is CSL-JSON (Zotero's
web API's ``{"items": […]}`` too; Zotero's own JSON, ``itemType`` and ``creators``, is
refused), a file starting with ``<`` Zotero RDF when its root is ``rdf:RDF``, else
EndNote XML (other XML, MODS, is refused naming its root); a
``"Key","Item Type"`` header row Zotero CSV; a ``PMID-`` line among the first five
MEDLINE; ``%X`` tag lines (``%0 Journal Article``) Refer, a ``TY  -`` line (or ``TY -``) RIS, an
``@type{`` entry BibTeX. Web of Science's plain-text and tab-delimited exports,
RefWorks' tagged format, CSL YAML (pandoc's ``references:``, or its list alone) and a
web page saved in place of an export (a sign-in page), are recognised and refused with what to do
instead; so are a zip archive (named with its first files) or a gzip-compressed file,
and a reference manager's own SQLite database.

A DOI field's value is read however it is written (see
:func:`~peerbrief.library.records.find_doi`); one holding no DOI is reported.

A record that cannot be read, and a value that cannot be understood (a day the month
does not have, a tag read once given twice, a CSL variable of another shape than text),
is reported in ``Bibliography.problems`` as (file, record, reason); reading goes on. A
date that is a publication status (``Epub ahead of print``), biblatex's ``pubstate``
and CSL's ``status`` are the entry's ``status`` (a biblatex key, ``inpress``, in words:
``In press``). The access date is RIS ``Y2``, BibTeX's ``urldate`` (or ``lastchecked``),
CSL's ``accessed``, EndNote XML's ``access-date``, Refer's ``%[``, Zotero CSV's
``Access Date`` and Zotero RDF's ``dcterms:dateSubmitted`` (``2019-03-04 15:12:33``:
the day is read); one not understood, or a range, is reported. A day written in numbers
that reads as two (``08/01/2018``: 8 January in the UK, 1 August in the US) gives its
year alone, and is reported; one that reads one way (``25/01/2018``) is read. Fields the model
has no place for (ISSN, language, call number, citation key,
attachments…) are not read.

Which tag or field fills which entry field is data (the tables of each format's module:
``ris``, ``bibtex``, ``csl``, ``endnote_xml``, ``refer``, ``zotero_csv``,
``zotero_rdf``, ``medline``), read in order: the first one a record gives wins (``T2`` before ``JF``
before ``JO``…).

* **RIS** (split into records here, each record's tags read by rispy; a record ends at
  ``ER  - `` or a line ``ER`` alone, and tags written before its ``TY`` line are its own,
  reported): ``TY``; ``TI``/
  ``T1``; ``AU``/``A1`` (``Family, Given``; no comma: one name; ending in a comma, as
  EndNote writes them: an organisation);
  ``T2``/``JF``/``JO``/``JA``/``J2`` (full titles before abbreviations); ``DA``/``Y1``/
  ``PY`` (``YYYY/MM/DD/other``; EndNote's yearless ``DA`` takes ``Y1``'s or ``PY``'s
  year); ``SP`` (EndNote writes ``451-460`` there)/``EP``; ``AB``/``N2``; ``N1``;
  ``KW``; ``UR``; ``DO`` (or a DOI in EndNote's ``M3``).
* **BibTeX and biblatex** (bibtexparser 2 and its middlewares: string and month macros,
  and their ``#`` concatenations resolved here; co-authors and name parts, ``and
  others``; LaTeX decoded field by field, never in
  ``url`` and ``doi``, where only Mendeley's escaping of ``_``, ``%``, ``&`` is undone;
  a value of more than 100,000 characters is reported, not read, as is a block of more
  than 10,000 fields):
  ``journaltitle``/``journal``/``booktitle``/``howpublished``; ``date`` (EDTF: ranges,
  seasons ``2018-21``) or ``year``/``month``/``day``;
  ``institution``/``publisher``/``organization``/``school``; ``location``/``address``.
  ``crossref`` and ``xdata`` are followed (:mod:`~peerbrief.library.inheritance`).
* **CSL-JSON**: ``container-title`` (else ``container-title-short``), ``issued``
  (``date-parts`` as numbers or strings, ``season``, ``raw``, ``literal``),
  ``{"literal": "others"}``.
* **EndNote XML** (defusedxml over the standard library's expat: no entity expansion,
  no external entities, nesting capped): ``ref-type`` (its ``name``, else its number);
  ``contributors/authors/author`` (style runs joined; ``secondary-authors`` are
  editors, not read); ``titles/title``; ``titles/secondary-title`` /
  ``periodical/full-title`` / ``abbr-1``; ``pages``, ``volume``, ``number``;
  ``dates/pub-dates/date`` (``2015/03/01``, ``March 2015``, or ``Mar`` with
  ``dates/year``'s year); ``electronic-resource-num`` (a DOI within it); the first
  ``http(s)`` link of ``urls/web-urls`` then ``urls/related-urls``; ``abstract``;
  ``keywords/keyword``; ``publisher``; ``pub-location``; ``notes``/``research-notes``.
  Records before a break in the XML are read, the break is a problem.
* **Refer/BibIX and EndNote tagged** (records apart by blank lines or started by
  ``%0``, continuation lines joined): ``%0`` type (EndNote's names), ``%A``, ``%T``,
  ``%J``/``%B``, ``%V``, ``%N``, ``%P``, ``%8``/``%D`` (a yearless ``%8`` takes ``%D``'s
  year), ``%R`` (when it holds a DOI), ``%U``, ``%X``, ``%K`` (a keyword a line), ``%I``,
  ``%C``, ``%Z``.
* **Zotero CSV** (the standard library's ``csv``; columns by name, so a file a
  spreadsheet saved again, ``;``- or tab-separated, reads too): ``Item Type``, ``Title``,
  ``Author`` (``Family, Given`` ``; `` apart), ``Publication Title``/``Journal
  Abbreviation``, ``Volume``, ``Issue``, ``Pages``, ``Date`` (else ``Publication Year``),
  ``DOI``, ``Url``, ``Abstract Note``, ``Publisher``, ``Place``, ``Notes`` and ``Extra``,
  ``Manual Tags`` and ``Automatic Tags``. A row of another number of fields than the
  header is reported, not read.
* **Zotero RDF** (RDF/XML gathered into resources here, parsed safely as EndNote XML
  is): the resources with a ``z:itemType`` (not attachments or notes); ``dc:title``,
  ``bib:authors`` (and directors…) of ``foaf:Person``, the container's (``dcterms:
  isPartOf``: ``bib:Journal``…) ``dc:title``/``dcterms:alternative``, ``prism:volume``,
  ``prism:number`` and ``DOI …`` identifier, ``dc:date``, ``bib:pages``, the link
  (``dcterms:URI``), ``dcterms:abstract``, ``dc:publisher``'s ``foaf:name`` and
  ``vcard:locality``, notes (``bib:Memo``) and Extra, tags (``dc:subject``, automatic ones
  too).
* **PubMed MEDLINE** (``.nbib``; records started by ``PMID-``, apart by blank lines,
  values over lines indented six spaces): ``TI`` (else a book's ``BTI``), ``FAU`` (else
  ``AU``, ``Otte I`` read as ``Otte, I``; else ``CN``), ``JT``/``TA`` (a chapter's
  ``BTI``), ``VI``, ``IP``, ``PG`` (else the ``LID`` marked ``[pii]``), ``DP``, the
  ``AID``/``LID`` marked ``[doi]``, ``AB``, ``PB`` and ``PL`` beside it, ``MH``/``OT``
  tags, ``PT`` (a video, a report or book, else a journal article).

Tags (RIS ``KW``, ``keywords`` and Mendeley's ``mendeley-tags``, CSL ``keyword``, EndNote
keywords, Zotero's tags) become the entry's
sections, as peerbrief writes sections as tags: a tag naming one of the template's
top-level sections starts a section and the tags after it are its sub-sections; the tag
that is an evidence brief's title ("Evidence Brief: …") is the provenance's ``brief``.
Record types other than journal articles and videos are reports, as in a brief; a
generic record (``GEN``, ``@misc``, CSL's and Zotero's ``document``, EndNote ``Generic``)
is classified by its values (see :data:`~peerbrief.library.records.GENERIC_TYPES`). A web
page's website is its publisher when it names none, and a web page (or generic record)
linking to a video site or titled ``Video: …`` is a video, as in a brief
(:data:`~peerbrief.library.records.WEB_PAGE_TYPES`).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Mapping
from itertools import islice
from pathlib import Path

from ..errors import InputError, UsageError, printable
from ..inputs import (
    MAX_LIBRARY_BYTES,
    MAX_LIBRARY_RECORDS,
    MAX_LIBRARY_SECONDS,
    decode_text,
    other_document,
    read_capped,
    too_large,
)
from ..limits import Deadline
from .bibtex import BIBTEX_FIELDS, BIBTEX_KINDS, read_bibtex
from .csl import CSL_FIELDS, CSL_KINDS, read_csl
from .endnote_xml import ENDNOTE_KINDS, ENDNOTE_REF_TYPES, ENDNOTE_XML_FIELDS, read_endnote_xml
from .medline import MEDLINE_KINDS, MEDLINE_TAGS, read_medline
from .medline import RECORD_START as MEDLINE_RECORD_START
from .records import EXPORT_HINT, Bibliography, Problem, Record, numbered, to_entry
from .refer import REFER_TAGS, read_refer
from .ris import RECORD_START as RIS_RECORD_START
from .ris import RIS_KINDS, RIS_TAGS, read_ris
from .zotero_csv import HEADER_START as ZOTERO_CSV_HEADER
from .zotero_csv import ZOTERO_CSV_COLUMNS, ZOTERO_KINDS, read_zotero_csv
from .zotero_rdf import ZOTERO_RDF_FIELDS, read_zotero_rdf

__all__ = [
    "BIBTEX_FIELDS",
    "BIBTEX_KINDS",
    "CSL_FIELDS",
    "CSL_KINDS",
    "ENDNOTE_KINDS",
    "ENDNOTE_REF_TYPES",
    "ENDNOTE_XML_FIELDS",
    "MAX_LIBRARY_BYTES",
    "MAX_LIBRARY_RECORDS",
    "MAX_LIBRARY_SECONDS",
    "MEDLINE_KINDS",
    "MEDLINE_TAGS",
    "REFER_TAGS",
    "RIS_KINDS",
    "RIS_TAGS",
    "ZOTERO_CSV_COLUMNS",
    "ZOTERO_KINDS",
    "ZOTERO_RDF_FIELDS",
    "Bibliography",
    "Problem",
    "read_bibliography",
]

_READERS: Mapping[
    str, Callable[[str, str, list[Problem], int, Deadline], tuple[list[Record], int]]
] = {
    "ris": read_ris,
    "bibtex": read_bibtex,
    "csl-json": read_csl,
    "endnote-xml": read_endnote_xml,
    "refer": read_refer,
    "zotero-csv": read_zotero_csv,
    "zotero-rdf": read_zotero_rdf,
    "medline": read_medline,
}
_XML_NAME = re.compile(r"[\w.:-]+")
_REFER_LINE = re.compile(r"%[^\s%](?: |$)")
# After ^, whitespace but newlines: ^ holds after each newline anyway, and a \s* there
# would run from every line start of a blank run to its end (quadratic).
_REFER_TYPE = re.compile(r"^[^\S\n]*%0 ", re.MULTILINE)
_BIBTEX_START = re.compile(r"^[^\S\n]*@\s*\w+\s*[{(]", re.MULTILINE)
_REFUSED: tuple[tuple[re.Pattern[str], str], ...] = (
    # Web of Science's "Plain text file" (and Tab-delimited) exports: a header naming the
    # file ("FN Clarivate Analytics Web of Science"), or the tags' first row ("PT\tAU\t…").
    (
        re.compile(r"FN (?:Clarivate|Thomson|ISI)|PT\tAU\t"),
        "a Web of Science plain-text or tab-delimited export, which is not read; export the "
        "records from Web of Science as BibTeX or RIS (other reference software)",
    ),
    # RefWorks' own tagged format: "RT Journal Article", then "A1 Viking,T."…
    (
        re.compile(r"RT [A-Z][a-z]"),
        "a RefWorks tagged export (RT Journal Article…), which is not read; export the "
        "references from RefWorks as RIS (Export › RIS Format) or BibTeX",
    ),
    # CSL YAML's list alone ("- type: article-journal", "- id: otte2020"), which pandoc
    # reads under a references: key.
    (
        re.compile(r"- [\w-]+:(?: |$)", re.MULTILINE),
        "a YAML list, which is not read (CSL YAML is CSL JSON written as YAML); add a line "
        "'references:' above it and convert it to CSL JSON with pandoc (pandoc refs.yaml "
        "--metadata-file refs.yaml -f markdown -t csljson -o refs.json), or export the "
        "library as CSL JSON",
    ),
    # CSL YAML: pandoc's references: metadata (a markdown file's front matter, --bib2yaml,
    # Better BibTeX's "Better CSL YAML"), a YAML document ("---") or its references: key.
    # CSL JSON holds the same, and pandoc writes it from either shape.
    (
        re.compile(r"---[^\S\n]*$|references:", re.MULTILINE),
        "YAML, which is not read (CSL YAML, pandoc's references:, is CSL JSON written as "
        "YAML); convert it to CSL JSON with pandoc (pandoc refs.yaml --metadata-file "
        "refs.yaml -f markdown -t csljson -o refs.json) or export the library as CSL JSON",
    ),
)
"""Exports recognised and refused by what they start with, each with what to export
instead."""


def _format_of(text: str, source: str) -> str:
    """The format, by content (extensions lie: ``.txt`` RIS, ``.bib`` RIS, ``.txt`` Refer)."""
    start = text.lstrip()[:1]
    if start in ("[", "{"):
        return "csl-json"
    if start == "<":
        return "zotero-rdf" if _root_element(text).rpartition(":")[2] == "RDF" else "endnote-xml"
    if ZOTERO_CSV_HEADER.match(text.lstrip("\ufeff \t\r\n")):  # first: a value may look like others
        return "zotero-csv"
    if _starts_medline(text):  # before Refer and RIS: an abstract's line may look like theirs
        return "medline"
    if _starts_refer(text) or _REFER_TYPE.search(text):
        return "refer"
    if RIS_RECORD_START.search(text):
        return "ris"
    if _BIBTEX_START.search(text):
        return "bibtex"
    for opening, refusal in _REFUSED:
        if opening.match(text.lstrip("\ufeff \t\r\n")):
            raise InputError(f"{source}: {refusal}")
    raise InputError(
        f"{source}: not a RIS, BibTeX, CSL-JSON, EndNote XML, Refer/EndNote (.enw), "
        "Zotero CSV, Zotero RDF or PubMed (MEDLINE) bibliography"
    )


def _root_element(text: str) -> str:
    """The name of an XML file's first element (``rdf:RDF``, ``xml``), after its
    declaration, comments and doctype; "" if it has none."""
    position = 0
    while (start := text.find("<", position)) != -1:
        if not text.startswith(("<?", "<!"), start):
            name = _XML_NAME.match(text, start + 1)
            return name.group() if name else ""
        closing = "-->" if text.startswith("<!--", start) else ">"
        end = text.find(closing, start + 2)
        if end == -1:
            return ""
        position = end + len(closing)
    return ""


def _starts_medline(text: str) -> bool:
    """One of the first five lines that are not blank starts a MEDLINE record (``PMID-``),
    as Zotero decides."""
    lines = (line for line in io.StringIO(text) if line.strip())
    return any(MEDLINE_RECORD_START.match(line) for line in islice(lines, 5))


def _starts_refer(text: str) -> bool:
    """The first two lines that are not blank are ``%X`` tags, as Zotero decides."""
    found = 0
    for line in io.StringIO(text):
        if line.strip():
            if not _REFER_LINE.match(line.strip()):
                return False
            found += 1
            if found == 2:
                return True
    return found == 1


def read_bibliography(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    name: str | None = None,
    max_bytes: int = MAX_LIBRARY_BYTES,
    max_records: int = MAX_LIBRARY_RECORDS,
    max_seconds: float = MAX_LIBRARY_SECONDS,
) -> Bibliography:
    """Read a reference library exported as RIS, BibTeX/biblatex, CSL-JSON, EndNote XML,
    Refer/EndNote tagged (``.enw``), Zotero CSV, Zotero RDF or PubMed MEDLINE (``.nbib``).

    ``format`` (``ris``, ``bibtex``, ``csl-json``, ``endnote-xml``, ``refer``,
    ``zotero-csv``, ``zotero-rdf``, ``medline``) overrides
    recognition by content; ``name`` is what provenance calls the source (by default the
    path). Records that cannot be read are in ``problems``; only a file that cannot be
    read at all (missing, binary, not a bibliography, broken JSON, XML broken before its
    first record, hostile XML, longer than ``max_bytes``) raises
    :class:`~peerbrief.errors.InputError`; the cap holds while the file is read (a pipe
    or a device may never end). A library of more than ``max_records`` records is refused
    as well, before they are read, and one that takes longer than ``max_seconds`` to
    read (checked before each record and each BibTeX entry's LaTeX decoding: a hostile
    file can make a record cost far more than the 40 µs a real one does).
    """
    if max_bytes <= 0:
        raise UsageError(f"max_bytes must be positive, not {max_bytes}")
    if max_records <= 0:
        raise UsageError(f"max_records must be positive, not {max_records}")
    if not max_seconds > 0:
        raise UsageError(f"max_seconds must be positive, not {max_seconds}")
    label = name or ("<bytes>" if isinstance(source, bytes) else printable(os.fspath(source)))
    data = _read(source, label, max_bytes)
    deadline = Deadline(label, max_seconds, setting="max_seconds, --timeout")
    if (document := other_document(data)) is not None:
        raise InputError(
            f"{label}: {document}, not a bibliography (a sign-in or error page saved in "
            f"place of the export?); {EXPORT_HINT}"
        )
    if (packed := _packed(data)) is not None:
        raise InputError(f"{label}: {packed}")
    problems: list[Problem] = []
    text = _without_lone_surrogates(
        decode_text(data, label, what="a bibliography"), label, problems
    )
    chosen = format or _format_of(text, label)
    if chosen not in _READERS:
        raise InputError(
            f"unknown bibliography format {chosen!r}; choose one of {', '.join(_READERS)}"
        )
    records, count = _READERS[chosen](text, label, problems, max_records, deadline)
    entries = [to_entry(record, label, problems) for _, record in numbered(records, deadline)]
    found = tuple(entry for entry in entries if entry is not None)
    ordered = tuple(sorted(problems, key=lambda problem: (problem.record, problem.line or 0)))
    return Bibliography(label, chosen, found, ordered, count)


_ZIP_START = b"PK\x03\x04"
_PACKED_STARTS = (
    (
        b"\x1f\x8b",
        "a gzip-compressed file, which is not read; decompress it (gunzip) and give the "
        "bibliography inside",
    ),
    (
        b"SQLite format 3\x00",
        "an SQLite database (a reference manager's own library file, such as Zotero's "
        f"zotero.sqlite), which is not read; {EXPORT_HINT}",
    ),
)
"""Files a library is sent or kept in rather than exported as, by how they start (an
archive's own magic), each with what to do."""
_NAMES_SHOWN = 3


def _packed(data: bytes) -> str | None:
    """What a compressed file or a database given as a library is, and what to do; None
    for anything else. A zip archive names its first files (only its directory is read,
    nothing is decompressed)."""
    if data.startswith(_ZIP_START):
        names = _zip_names(data)
        shown = ", ".join(printable(name) for name in names[:_NAMES_SHOWN])
        more = ", …" if len(names) > _NAMES_SHOWN else ""
        holding = f" holding {shown}{more}" if names else ""
        return (
            f"a zip archive{holding}, which is not read; unzip it and give the bibliography inside"
        )
    return next((what for start, what in _PACKED_STARTS if data.startswith(start)), None)


def _zip_names(data: bytes) -> list[str]:
    """The names of the files in a zip archive, folders left out; none for a broken one."""
    import zipfile  # only here: a few ms to import, for an input that is refused

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [name for name in archive.namelist() if not name.endswith("/")]
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(text: str, label: str, problems: list[Problem]) -> str:
    """``text`` with each lone surrogate (a file that encoded one: the decoder lets it
    through, as damage to report, not a reason to refuse) made U+FFFD, and a problem
    saying how many: the XML parsers and every writer refuse to encode one."""
    replaced, count = _LONE_SURROGATE.subn("\ufffd", text)
    if count:
        problems.append(Problem(label, 0, f"{count} lone surrogate(s) replaced by U+FFFD"))
    return replaced


def _read(source: str | os.PathLike[str] | bytes, label: str, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise too_large(label, max_bytes, "a bibliography")
        return source
    return read_capped(Path(source), label, max_bytes, "a bibliography")
