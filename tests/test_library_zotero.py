"""Zotero's CSV and RDF exports as libraries: the fixtures written in Zotero's shapes
(``tests/fixtures/libraries/realistic/zotero.csv``, ``zotero.rdf``, and the CSV saved
again by Excel, ``zotero-excel.csv``; see SOURCES.md there), one field at a time, broken
records, and arbitrary input.

Expected values are copied by hand from the fixtures.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import attrs
import pytest
from export_shapes import ZOTERO_CSV_HEADER, ZOTERO_RDF_START
from fixtures.cli import Run
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import dois

import peerbrief
from peerbrief import Bibliography, Brief, Date, Entry, Kind, Pages, Person, Section
from peerbrief.errors import InputError

REALISTIC = Path(__file__).parent / "fixtures" / "libraries" / "realistic"


def csv_of(*rows: dict[str, str], header: tuple[str, ...] = ZOTERO_CSV_HEADER) -> bytes:
    """Rows as Zotero's CSV writes them (every value quoted, a BOM, ``\\n`` before each)."""
    lines = [",".join(f'"{label}"' for label in header)]
    for row in rows:
        values = (row.get(label, "").replace('"', '""') for label in header)
        lines.append(",".join(f'"{value}"' for value in values))
    return ("\ufeff" + "\n".join(lines)).encode("utf-8")


def read_csv(*rows: dict[str, str]) -> Bibliography:
    return peerbrief.read_bibliography(csv_of(*rows), name="lib.csv")


def rdf_of(body: str) -> bytes:
    return f"{ZOTERO_RDF_START}\n{body}\n</rdf:RDF>\n".encode()


def read_rdf(body: str) -> Bibliography:
    return peerbrief.read_bibliography(rdf_of(body), name="lib.rdf")


def folded(name: str) -> str:
    """A name without its accents (the brief writes ``Janouskova`` for ``Janoušková``)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


# --- The fixtures against the sample --------------------------------------------------------


@pytest.mark.parametrize("name", ["zotero.csv", "zotero-excel.csv", "zotero.rdf"])
def test_each_record_held_agrees_with_its_work(name: str, sample: Brief) -> None:
    """A record held is its work: the year, volume, first page and first author the brief
    gives, where both give one."""
    holdings = peerbrief.against(sample, peerbrief.read_bibliography(REALISTIC / name))
    assert holdings.held
    for match in holdings.held:
        work = match.entry
        for record in match.records:
            if work.date and record.date:
                assert record.date.year == work.date.year
            if work.volume and record.volume:
                assert record.volume == work.volume
            if work.pages and record.pages:
                assert record.pages.first == work.pages.first
            if work.authors and record.authors:
                assert folded(record.authors[0].family) == folded(work.authors[0].family)


def test_zoteros_csv_reads_every_column_the_model_has() -> None:
    library = peerbrief.read_bibliography(REALISTIC / "zotero.csv", name="zotero.csv")
    assert (library.format, library.records, len(library)) == ("zotero-csv", 14, 14)
    cleary = library.entries[0]
    assert cleary.title.startswith("'Walking the tightrope': The role")
    assert cleary.kind is Kind.JOURNAL_ARTICLE
    assert cleary.authors[:2] == (Person("Cleary", "Michelle"), Person("Raeburn", "Toby"))
    assert len(cleary.authors) == 5
    assert (cleary.container_title, cleary.volume, cleary.issue, cleary.pages) == (
        "International Journal of Mental Health Nursing",  # Publication Title
        "27",
        "4",
        Pages("1266", "1272"),
    )
    assert cleary.date == Date(2018, 8)  # Date 2018-08
    assert (cleary.doi, cleary.url) == (
        "10.1111/inm.12432",
        "https://onlinelibrary.wiley.com/doi/abs/10.1111/inm.12432",
    )
    assert cleary.abstract is not None and cleary.abstract.startswith("Peer support workers (PSW)")
    # Manual Tags, then Automatic Tags, each "; " apart
    assert [section.top for section in cleary.sections] == [
        "Decision-making",
        "Peer support",
        "consumer participation",
        "mental health",
        "peer support workers",
    ]
    assert cleary.provenance[0].lines == (2,) and cleary.provenance[0].record == 1
    edwards = library.entries[1]
    assert edwards.access == "PMID: 37141021"  # Extra
    assert edwards.provenance[0].brief == "Evidence Brief: Peer support workers"
    plan = library.entries[2]
    assert (plan.kind, plan.authors, plan.publisher, plan.place, plan.date) == (
        Kind.REPORT,
        (Person("NHS England"),),
        "NHS England",
        "London",
        Date(2023, 6, 30),
    )
    video = library.entries[3]
    assert (video.kind, video.authors) == (Kind.VIDEO, (Person("Shepherd", "Henry"),))
    assert library.entries[5].pages == Pages("828", "838")  # an en dash
    web_page = library.entries[9]  # a web page's website is its publisher
    assert (web_page.container_title, web_page.publisher) == (None, "GOV.UK")
    assert library.entries[12].kind is Kind.REPORT  # "document", classified by its values
    assert (library.entries[12].doi, library.entries[12].access) == (  # DOI kept in Extra
        "10.5281/zenodo.3560913",
        None,
    )
    assert [str(problem) for problem in library.problems] == [
        "zotero.csv record 13 (line 14): date not understood: 'Michaelmas term 2019'",
        "zotero.csv record 14 (line 15): no DOI in the DOI field: 'PMC8123456'",
    ]
    assert library.entries[12].date == Date(2019)  # the Publication Year


def test_a_csv_saved_again_by_excel_reads(sample: Brief) -> None:
    """Semicolons, Windows-1252, CRLF, quotes only where needed, a note over two lines; a
    row typed in afterwards with an unquoted semicolon is reported, not read."""
    library = peerbrief.read_bibliography(REALISTIC / "zotero-excel.csv", name="excel.csv")
    assert (library.format, library.records, len(library)) == ("zotero-csv", 4, 3)
    cleary = library.entries[0]
    assert cleary.access == "Read for the team meeting. Discussed 12/02/2024 – see minutes."
    assert cleary.provenance[0].lines == (2, 3)
    assert library.entries[1].provenance[0].lines == (4,)
    assert [str(problem) for problem in library.problems] == [
        "excel.csv record 4 (line 6): a row of 88 fields where the header has 87: not read "
        "(a value's quotes or separators broken?)"
    ]


def test_zotero_rdf_reads_every_property_the_model_has() -> None:
    library = peerbrief.read_bibliography(REALISTIC / "zotero.rdf", name="zotero.rdf")
    assert (library.format, library.records, len(library)) == ("zotero-rdf", 12, 12)
    conflicts = library.entries[0]
    assert [person.family for person in conflicts.authors] == [
        "Janoušková", "Vlčková", "Harcuba", "Klučková", "Motlová", "Bankovská Motlová",
    ]  # fmt: skip
    # The journal is a resource of its own (urn:issn:…), after the article.
    assert (conflicts.container_title, conflicts.volume, conflicts.issue) == (
        "Psychiatric Services",
        "73",
        "12",
    )
    assert (conflicts.doi, conflicts.pages, conflicts.date) == (
        "10.1176/appi.ps.202100529",
        Pages("1424", "1427"),
        Date(2022, 12, 1),
    )
    assert conflicts.url == "https://psychiatryonline.org/doi/10.1176/appi.ps.202100529"
    assert conflicts.access == "Read for the team meeting."  # its bib:Memo, HTML
    assert conflicts.sections == (
        Section("Peer support"),
        Section("Role conflict"),
        Section("Psychiatric Services"),  # a z:AutomaticTag
    )
    assert conflicts.provenance[0].lines == (11,)
    burnout = library.entries[1]  # the journal nested in the article
    assert (burnout.container_title, burnout.doi) == (
        "American Journal of Orthopsychiatry",
        "10.1037/ort0000640",
    )
    glass = library.entries[2]  # a series is not a container; a call number not a tag
    assert (glass.container_title, glass.sections) == (None, ())
    assert (glass.publisher, glass.place) == ("Health Education England", "Leeds")
    assert library.entries[3].authors == (Person("NHS England"),)
    web_page = library.entries[5]
    assert (web_page.kind, web_page.publisher, web_page.date) == (Kind.REPORT, "NHS England", None)
    chapter = library.entries[9]  # editors are not authors
    assert chapter.authors == (Person("Hartley", "Joanne"),)
    assert chapter.container_title == "Women and leadership in health care"
    broadcast = library.entries[11]  # its programme title, a second dc:title
    assert (broadcast.kind, broadcast.title, broadcast.container_title, broadcast.publisher) == (
        Kind.VIDEO,
        "Peer Support",
        "Inside the NHS",
        "BBC Two",
    )
    # attachments, notes and the collection are not works
    assert "Full Text PDF" not in [entry.title for entry in library]
    assert [str(problem) for problem in library.problems] == [
        "zotero.rdf record 11 (line 425): date not understood: 'Michaelmas term 2019'",
        "zotero.rdf record 11 (line 425): no DOI in the DOI field: 'DOI pending'",
    ]


@pytest.mark.parametrize(
    ("name", "records", "held"), [("zotero.csv", 14, 8), ("zotero.rdf", 12, 7)]
)
def test_check_against_a_zotero_export(
    run: Run, sample: Brief, name: str, records: int, held: int
) -> None:
    library = REALISTIC / name
    result = run("check", "--sample", "--against", library)
    assert result.code == 1  # records with a value not understood
    assert f"Against {library} ({records} records, 2 problems):" in result.out
    works = len(sample.entries)
    assert f"  {works} works: {held} held, {works - held} new" in result.out


# --- CSV, column by column ------------------------------------------------------------------


def test_columns_are_read_by_name_wherever_they_are() -> None:
    header = ("Title", "Item Type", "Key", "Author", "Date")  # moved and deleted columns
    data = csv_of({"Title": "T", "Item Type": "film", "Author": "Doe, Jo", "Date": "2020"},
                  header=header)  # fmt: skip
    with pytest.raises(InputError, match="not a Zotero CSV export"):
        peerbrief.read_bibliography(data, name="x", format="zotero-csv")  # no Key, Item Type
    header = ("Key", "Item Type", "Date", "Title", "Author")
    data = csv_of({"Title": "T", "Item Type": "film", "Author": "Doe, Jo", "Date": "2020"},
                  header=header)  # fmt: skip
    (entry,) = peerbrief.read_bibliography(data, name="x")
    assert (entry.title, entry.kind, entry.authors, entry.date) == (
        "T",
        Kind.VIDEO,
        (Person("Doe", "Jo"),),
        Date(2020),
    )


def test_journal_abbreviation_stands_in_for_the_publication_title() -> None:
    (entry,) = read_csv({"Item Type": "journalArticle", "Title": "T", "Journal Abbreviation": "J"})
    assert entry.container_title == "J"


@pytest.mark.parametrize(
    ("item_type", "kind"),
    [
        ("journalArticle", Kind.JOURNAL_ARTICLE),
        ("magazineArticle", Kind.JOURNAL_ARTICLE),
        ("report", Kind.REPORT),
        ("book", Kind.REPORT),
        ("bookSection", Kind.REPORT),
        ("webpage", Kind.REPORT),
        ("videoRecording", Kind.VIDEO),
        ("film", Kind.VIDEO),
    ],
)
def test_item_types(item_type: str, kind: Kind) -> None:
    assert read_csv({"Item Type": item_type, "Title": "T"}).entries[0].kind is kind


def test_a_document_is_classified_by_its_values() -> None:
    library = read_csv(
        {"Item Type": "document", "Title": "T", "Publication Title": "J", "Volume": "3"},
        {"Item Type": "document", "Title": "Video: T"},
        {"Item Type": "document", "Title": "T"},
    )
    assert [entry.kind for entry in library] == [Kind.JOURNAL_ARTICLE, Kind.VIDEO, Kind.REPORT]


def test_notes_and_extra_are_read_html_as_text() -> None:
    (entry,) = read_csv(
        {
            "Title": "T",
            "Notes": '<div data-schema-version="8"><p>One</p></div>; <p>Two</p>',
            "Extra": "PMID: 1",
        }
    )
    assert entry.access == "One ; Two; PMID: 1"


@pytest.mark.parametrize(
    ("extra", "doi", "access"),
    [
        ("DOI: 10.1000/report.7", "10.1000/report.7", None),
        # Zotero's CSV writes Extra's lines a space apart; the other lines stay a note.
        ("PMID: 1 DOI: 10.1000/report.7 tex.key: x", "10.1000/report.7", "PMID: 1 tex.key: x"),
        ("doi:10.1000/report.7", "10.1000/report.7", None),
        ("DOI: pending", None, "DOI: pending"),  # no DOI: a note
    ],
)
def test_a_doi_in_extra_is_the_doi(extra: str, doi: str | None, access: str | None) -> None:
    (entry,) = read_csv({"Item Type": "report", "Title": "T", "Extra": extra})
    assert (entry.doi, entry.access) == (doi, access)


_EXTRA_LINE = st.text(
    st.characters(codec="ascii", exclude_categories=["Cc"], exclude_characters="<"), max_size=20
)  # "<" could open an HTML note


@given(
    doi=dois(), before=st.lists(_EXTRA_LINE, max_size=3), after=st.lists(_EXTRA_LINE, max_size=3)
)
def test_any_doi_line_of_extra_is_the_doi_and_the_other_lines_stay(
    doi: str, before: list[str], after: list[str]
) -> None:
    """Zotero's CSV writes Extra's lines a space apart: the DOI line is read wherever it
    is; the other lines are the note, as written (spaces aside)."""
    others = [line for line in [*before, *after] if "doi:" not in line.casefold()]
    extra = "\n".join([*others[: len(before)], f"DOI: {doi}", *others[len(before) :]])
    row = {"Item Type": "report", "Title": "T", "Extra": extra.replace("\n", " ")}
    (entry,) = read_csv(row)
    assert entry.doi == doi
    assert (entry.access or "").split() == " ".join(others).split()


def test_a_doi_in_extra_beside_the_doi_column_stays_a_note() -> None:
    (entry,) = read_csv({"Title": "T", "DOI": "10.1000/a", "Extra": "DOI: 10.1000/b"})
    assert (entry.doi, entry.access) == ("10.1000/a", "DOI: 10.1000/b")


def test_a_doi_in_rdfs_extra_is_the_doi() -> None:
    (entry,) = read_rdf(
        """
        <bib:Report rdf:about="#r"><z:itemType>report</z:itemType><dc:title>T</dc:title>
            <dc:description>PMID: 1
DOI: 10.1000/report.7</dc:description></bib:Report>
        """
    )
    assert (entry.doi, entry.access) == ("10.1000/report.7", "PMID: 1")


def test_a_broadcasts_programme_title_is_its_container() -> None:
    """Zotero RDF writes a broadcast's programme title as a second ``dc:title``."""
    library = read_rdf(
        """
        <bib:Recording rdf:about="#v"><z:itemType>tvBroadcast</z:itemType>
            <dc:publisher><foaf:Organization><foaf:name>BBC Two</foaf:name></foaf:Organization>
            </dc:publisher><dc:title>Peer support on the ward</dc:title>
            <dc:title>Horizon</dc:title><prism:number>4</prism:number>
            <dc:date>2016-03-07</dc:date></bib:Recording>
        <bib:Article rdf:about="#a"><z:itemType>journalArticle</z:itemType>
            <dcterms:isPartOf><bib:Journal><dc:title>J</dc:title></bib:Journal></dcterms:isPartOf>
            <dc:title>One</dc:title><dc:title>Two</dc:title></bib:Article>
        """
    )
    broadcast, article = library
    assert (broadcast.kind, broadcast.title, broadcast.container_title, broadcast.publisher) == (
        Kind.VIDEO,
        "Peer support on the ward",
        "Horizon",
        "BBC Two",
    )
    assert (article.title, article.container_title) == ("One", "J")
    assert [problem.reason for problem in library.problems] == [
        "dc:title given twice: only the first is read, not the next ('Two')"
    ]


def test_broken_rows_are_reported_and_the_others_read() -> None:
    header = ",".join(f'"{label}"' for label in ZOTERO_CSV_HEADER[:5])
    data = (
        f'{header}\n"K1","report","2020","Doe, Jo","One"\n"K2","report","2020","Two"\n'
        '"K3","report","2020","Doe, Jo","Three","extra"\n\n"K4","report","2020","","Four"\n'
        '"K5","report","","","  "\n'
    )
    library = peerbrief.read_bibliography(data.encode(), name="x.csv")
    assert [entry.title for entry in library] == ["One", "Four"]
    assert library.records == 5
    assert [(p.record, p.line, p.reason) for p in library.problems] == [
        (2, 3, "a row of 4 fields where the header has 5: not read (a value's quotes or "
               "separators broken?)"),
        (3, 4, "a row of 6 fields where the header has 5: not read (a value's quotes or "
               "separators broken?)"),
        (5, 7, "no title"),
    ]  # fmt: skip


def test_an_unclosed_quote_takes_the_rest_of_the_file_and_is_reported() -> None:
    data = b'"Key","Item Type","Title"\n"K1","report","One\n"K2","report","Two"\n'
    library = peerbrief.read_bibliography(data, name="x.csv")
    assert len(library) == 0
    [problem] = library.problems
    assert "(lines 2-3): not read" in problem.reason


def test_a_value_longer_than_the_csv_modules_limit_reads() -> None:
    import csv

    limit = csv.field_size_limit()
    abstract = "word " * 100_000  # 500 KB, past the csv module's 128 KiB
    (entry,) = read_csv({"Title": "T", "Abstract Note": abstract})
    assert entry.abstract is not None and len(entry.abstract) == len(abstract.strip())
    assert csv.field_size_limit() == limit  # left as it was


def test_tab_separated_utf16_as_excels_unicode_text_reads() -> None:
    text = "Key\tItem Type\tTitle\tAuthor\r\nK1\tjournalArticle\tÅ title\tÅkerblom, Kristina\r\n"
    (entry,) = peerbrief.read_bibliography(text.encode("utf-16"), name="x.txt")
    assert (entry.title, entry.authors) == ("Å title", (Person("Åkerblom", "Kristina"),))


def test_a_header_without_a_title_column_or_rows_is_an_error_or_empty() -> None:
    with pytest.raises(InputError, match="a Zotero CSV export without its Title column"):
        peerbrief.read_bibliography(b'"Key","Item Type","Date"\n"K","report","2020"\n')
    assert len(peerbrief.read_bibliography(csv_of())) == 0


def test_a_csv_record_limit_is_kept() -> None:
    data = csv_of(*({"Title": f"T{n}"} for n in range(3)))
    assert len(peerbrief.read_bibliography(data, max_records=3)) == 3
    with pytest.raises(InputError, match="more than 2 records"):
        peerbrief.read_bibliography(data, max_records=2)


VALUES = st.text(max_size=12) | st.sampled_from(
    ["2020", "2020-13-40", '"', '""', ";", "; ", ",", "\n", "\r", "\x00", "journalArticle",
     "document", "videoRecording", "Doe, Jo", "10.1/x", "1-", "-"]
)  # fmt: skip


@given(st.lists(st.lists(VALUES, max_size=8), max_size=5), st.sampled_from([",", ";", "\t"]))
def test_any_rows_under_a_zotero_header_read_or_are_refused(
    rows: list[list[str]], separator: str
) -> None:
    header = separator.join(ZOTERO_CSV_HEADER[:6])
    body = "\n".join(separator.join(row) for row in rows)
    read_or_refuse(f"{header}\n{body}".encode("utf-8", "surrogatepass"), "zotero-csv")


@given(st.binary(max_size=300))
def test_any_bytes_after_a_zotero_header_read_or_are_refused(data: bytes) -> None:
    read_or_refuse(b'"Key","Item Type","Title"\n' + data, None)


def read_or_refuse(data: bytes, format: str | None) -> None:
    try:
        library = peerbrief.read_bibliography(data, name="hostile", format=format)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert library.format == (format or library.format)
    for problem in library.problems:
        assert problem.source == "hostile" and "\n" not in str(problem)


# --- RDF, property by property --------------------------------------------------------------


def test_rdf_written_another_way_reads_the_same() -> None:
    """rdf:Description with rdf:type, rdf:nodeID, parseType="Resource", rdf:_1, property
    attributes: RDF/XML's other spellings of the same statements."""
    library = read_rdf(
        """
        <rdf:Description rdf:about="#a" dc:title="Peer support">
            <rdf:type rdf:resource="http://purl.org/net/biblio#Article"/>
            <z:itemType>journalArticle</z:itemType>
            <dcterms:isPartOf rdf:nodeID="j"/>
            <bib:authors><rdf:Seq><rdf:_1 rdf:parseType="Resource">
                <foaf:surname>Doe</foaf:surname><foaf:givenName>Jo</foaf:givenName>
            </rdf:_1></rdf:Seq></bib:authors>
        </rdf:Description>
        <bib:Journal rdf:nodeID="j"><dc:title>J</dc:title><prism:volume>3</prism:volume></bib:Journal>
        """
    )
    (entry,) = library
    assert (entry.title, entry.kind, entry.authors, entry.container_title, entry.volume) == (
        "Peer support",
        Kind.JOURNAL_ARTICLE,
        (Person("Doe", "Jo"),),
        "J",
        "3",
    )


def test_a_newspaper_section_is_passed_through_to_the_newspaper() -> None:
    (entry,) = read_rdf(
        """
        <bib:Article rdf:about="#a"><z:itemType>newspaperArticle</z:itemType>
            <dcterms:isPartOf><bib:Part><dc:title>Health</dc:title>
                <dcterms:isPartOf><bib:Newspaper><dc:title>The Guardian</dc:title></bib:Newspaper>
                </dcterms:isPartOf></bib:Part></dcterms:isPartOf>
            <dc:title>T</dc:title></bib:Article>
        """
    )
    assert entry.container_title == "The Guardian"


def test_a_directors_list_gives_a_videos_authors() -> None:
    (entry,) = read_rdf(
        """
        <bib:Recording rdf:about="#v"><z:itemType>videoRecording</z:itemType>
            <z:directors><rdf:Seq><rdf:li><foaf:Person><foaf:surname>Shepherd</foaf:surname>
            <foaf:givenName>Henry</foaf:givenName></foaf:Person></rdf:li></rdf:Seq></z:directors>
            <dc:title>Peer Support</dc:title><dc:date>2016-03</dc:date></bib:Recording>
        """
    )
    assert (entry.kind, entry.authors, entry.date) == (
        Kind.VIDEO,
        (Person("Shepherd", "Henry"),),
        Date(2016, 3),
    )


def test_records_before_a_break_in_the_xml_are_read() -> None:
    data = rdf_of(
        '<bib:Report rdf:about="#r"><z:itemType>report</z:itemType><dc:title>One</dc:title>'
        '</bib:Report>\n<bib:Report rdf:about="#s"><z:itemType>report</z:itemType><dc:title>Tw'
    )[: -len("</rdf:RDF>\n")]
    library = peerbrief.read_bibliography(data, name="cut.rdf")
    assert [entry.title for entry in library] == ["One"]
    assert "the XML breaks off here" in library.problems[0].reason


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            ZOTERO_RDF_START.encode() + b"<unclosed></rdf:RDF>",
            r"not well-formed XML \(line 10",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<rdf:RDF '
            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&a;</rdf:RDF>',
            "refused, the XML declares entities",
        ),
        (
            rdf_of("<rdf:Description>" * 100 + "</rdf:Description>" * 100),
            "refused, elements nest deeper than 64 levels",
        ),
        (
            b'<x:RDF xmlns:x="http://example.org/not-rdf#"><x:a/></x:RDF>',
            r"XML, but not RDF \(its root is not rdf:RDF\)",
        ),
    ],
)
def test_hostile_or_other_xml_is_one_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        peerbrief.read_bibliography(data, name="x.rdf")


def test_an_rdf_export_is_recognised_after_a_declaration_and_comments() -> None:
    body = rdf_of(
        '<bib:Report rdf:about="#r"><z:itemType>report</z:itemType><dc:title>T</dc:title>'
        "</bib:Report>"
    )
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- saved by hand -->\n' + body
    assert peerbrief.read_bibliography(data).format == "zotero-rdf"
    assert peerbrief.read_bibliography(b"<xml><records></records></xml>").format == "endnote-xml"


def test_only_notes_and_attachments_is_an_empty_library() -> None:
    library = read_rdf(
        '<bib:Memo rdf:about="#n"><z:itemType>note</z:itemType><rdf:value>x</rdf:value></bib:Memo>'
    )
    assert (len(library), library.records, library.problems) == (0, 0, ())


RDF_TAGS = ["bib:Article", "bib:Report", "bib:Journal", "rdf:Description", "rdf:Seq", "rdf:li",
            "foaf:Person", "z:itemType", "dc:title", "dc:date", "dc:identifier", "bib:pages",
            "dcterms:isPartOf", "bib:authors", "foaf:surname", "dc:subject", "rdf:value",
            "z:AutomaticTag", "bib:Part", "bib:Series", "dcterms:URI"]  # fmt: skip
RDF_ATTRIBUTES = ['rdf:about="#a"', 'rdf:resource="#a"', 'rdf:nodeID="n"',
                  'rdf:parseType="Resource"', 'rdf:resource="#b"', ""]  # fmt: skip
RDF_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8).map(
    lambda text: text.replace("&", "&amp;").replace("<", "&lt;")
) | st.sampled_from(["journalArticle", "report", "attachment", "DOI 10.1/x", "2020", "1-"])


TREES = st.recursive(
    RDF_TEXT,
    lambda inner: st.builds(
        lambda tag, attribute, children: f"<{tag} {attribute}>{''.join(children)}</{tag}>",
        st.sampled_from(RDF_TAGS),
        st.sampled_from(RDF_ATTRIBUTES),
        st.lists(inner, max_size=3),
    ),
    max_leaves=15,
)


@given(st.lists(TREES, max_size=4))
def test_any_tree_of_zotero_rdf_elements_reads_or_is_refused(trees: list[str]) -> None:
    read_or_refuse(rdf_of("".join(trees)), "zotero-rdf")


@given(st.binary(max_size=200))
@example(b"\xc2\x80\xed\xa0\x80")  # a UTF-8-encoded lone surrogate: Expat could not encode it
def test_any_bytes_read_as_zotero_rdf_or_are_refused(data: bytes) -> None:
    read_or_refuse(ZOTERO_RDF_START.encode() + data, "zotero-rdf")


def test_a_work_read_from_either_zotero_export_is_the_same(sample: Brief) -> None:
    """The CSV and the RDF of the same items give the same entries (as Zotero wrote them
    from one library: tests/export_shapes.py)."""
    from export_shapes import zotero_csv, zotero_rdf

    works: list[Entry] = list(sample.entries)
    from_csv = peerbrief.read_bibliography(zotero_csv(works), name="x")
    from_rdf = peerbrief.read_bibliography(zotero_rdf(works), name="x")
    assert from_csv.problems == from_rdf.problems == ()
    assert len(from_csv) == len(works)
    for one, other in zip(from_csv, from_rdf, strict=True):  # all but where each was read
        assert attrs.evolve(one, provenance=()) == attrs.evolve(other, provenance=())


def test_a_part_of_itself_ends() -> None:
    library = read_rdf(
        '<bib:Part rdf:about="#p"><dcterms:isPartOf rdf:resource="#p"/></bib:Part>'
        '<bib:Article rdf:about="#a"><z:itemType>journalArticle</z:itemType><dc:title>T'
        '</dc:title><dcterms:isPartOf rdf:resource="#p"/></bib:Article>'
    )
    assert [(entry.title, entry.container_title) for entry in library] == [("T", None)]


def test_items_sharing_a_resource_of_thousands_of_values_are_refused() -> None:
    """Each of 3,000 items would read the journal's 3,000 identifiers again: 9 million
    steps for a file of 600 KB. Zotero gives each item its own journal."""
    items = "".join(
        f'<bib:Article rdf:about="#a{n}"><z:itemType>journalArticle</z:itemType>'
        f'<dc:title>T{n}</dc:title><dcterms:isPartOf rdf:resource="#j"/></bib:Article>'
        for n in range(3000)
    )
    journal = '<bib:Journal rdf:about="#j">' + "<dc:identifier>ISSN 1</dc:identifier>" * 3000
    with pytest.raises(InputError, match="refused, its items share resources far more"):
        read_rdf(items + journal + "</bib:Journal>")
