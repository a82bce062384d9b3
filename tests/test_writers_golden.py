"""Golden files: the exact output for a handful of hand-made entries, one file per format,
checked against independent readers.

The files in ``tests/golden/`` are the reviewed output: a change to a writer shows up as
a diff to review. They are not trusted because the writers wrote them: each is read
back by a parser that is not peerbrief's (bibtexparser with pylatexenc, rispy, json with
the CSL schema, pandoc), and what the parser finds is compared with :data:`EXPECTED`,
written by hand from the README's mapping table, field by field. When the output changes
on purpose, regenerate the files and review the diff line by line before committing:

    python -c "import sys; sys.path[:0] = ['.', 'tests']; import test_writers_golden as g; g.regenerate()"
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import rispy
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from pylatexenc.latex2text import LatexNodes2Text

from peerbrief.model import Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.writers import render, validate_csl

GOLDEN = Path(__file__).parent / "golden"
FILES = {
    "bibtex": "entries.bibtex.bib",
    "biblatex": "entries.biblatex.bib",
    "ris": "entries.ris",
    "csl-json": "entries.json",
}
BRIEF = "Evidence Brief: Peer Support Workers"
TRICKY_TITLE = "A {broken title: 100% R&D costs $5 #1 a_b ~x^2 \\ -- ``q'' ER  - TY  - JOUR"

ENTRIES = [
    # A full journal article: every field, a truncated author list, a month range.
    Entry(
        title="Peer support worker training: results of the evaluation of the EX-IN programme",
        authors=[Person("Hegedüs", "Anna"), Person("Burr", "Christian"), Person("Pluess", "D.")],
        authors_truncated=True,
        container_title="International Journal of Mental Health Nursing",
        volume="27",
        issue="3",
        pages=Pages("987", "1001"),
        date=Date(2012, 4, end=Date(2012, 6)),
        publisher="Wiley",
        place="Australia",
        abstract="Background: Peer support workers (PSWs) & their 50% share…",
        access="Abstract only*",
        sections=[
            Section("Published Peer Reviewed Research", "Health, wellbeing, and work-life balance")
        ],
        provenance=[Provenance("peer-support-workers.txt", [120], brief=BRIEF)],
        doi="10.1111/inm.12382",
        url="https://doi.org/10.1111/inm.12382",
    ),
    # A report by an organisation, with no named author and a season.
    Entry(
        title="NHS Long Term Workforce Plan",
        kind=Kind.REPORT,
        publisher="NHS England",
        place="London",
        date=Date(2023, season=2),
        sections=[Section("Key publications – the big picture")],
        provenance=[Provenance("peer-support-workers.txt", [40], brief=BRIEF)],
        url="https://www.england.nhs.uk/publication/nhs-long-term-workforce-plan/",
    ),
    # A video with a corporate author and a full date.
    Entry(
        title="Video: Peer Support",
        kind=Kind.VIDEO,
        authors=[Person("Public Health England", organisation=True)],
        date=Date(2020, 2, 3),
        sections=[Section("Case Studies")],
        url="https://www.youtube.com/watch?v=abc_123",
    ),
    # Every character LaTeX or RIS cares about, an unbalanced brace and a forged record.
    Entry(
        title=TRICKY_TITLE,
        authors=[Person("Smith, Jr", "Ann & Bob"), Person("van der Berg", "Jan"), Person("Page")],
        container_title="Journal of {Tricky} Names",
        volume="30 Suppl 1",
        pages=Pages("e025166"),
        date=Date(2019),
        sections=[Section("Competencies\nER  - ")],
        doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
    ),
    # The same work twice: keys get suffixes.
    Entry(title="Peer support roles", authors=[Person("Cleary", "Michelle")], date=Date(2018)),
    Entry(title="Peer support roles", authors=[Person("Cleary", "Michelle")], date=Date(2018)),
    # An undated report whose title opens with a quotation, by organisations named with
    # "and", and an access note.
    Entry(
        title='"And now I know how you feel": Lived experience',
        kind=Kind.REPORT,
        publisher="Surrey and Sussex Library and Knowledge Services on behalf of HEE",
        place="Tyne and Wear",
        access="Full text available with NHS OpenAthens account*",
    ),
]

# What a reader must find, written by hand from the README's mapping table.
# title: the text, with typographic quotes where the brief had straight ones.
EXPECTED: list[dict[str, Any]] = [
    {
        "key": "hegedus2012peer",
        "title": ENTRIES[0].title,
        "authors": [("Hegedüs", "Anna"), ("Burr", "Christian"), ("Pluess", "D.")],
        "truncated": True,
        "year": 2012,
        "container": "International Journal of Mental Health Nursing",
        "pages": ("987", "1001"),
        "access": "Abstract only*",
        "publisher": "Wiley",  # not in BibTeX: no publisher on articles there
        "place": "Australia",
    },
    {
        "key": "nhs2023nhs",
        "title": "NHS Long Term Workforce Plan",
        "authors": [],
        "truncated": False,
        "year": 2023,
        "publisher": "NHS England",
        "place": "London",
    },
    {
        "key": "publichealthengland2020video",
        "title": "Video: Peer Support",
        "authors": [("Public Health England", None)],
        "truncated": False,
        "year": 2020,
    },
    {
        "key": "smithjr2019broken",
        "title": " ".join(TRICKY_TITLE.split()),
        "authors": [("Smith, Jr", "Ann & Bob"), ("van der Berg", "Jan"), ("Page", None)],
        "truncated": False,
        "year": 2019,
        "container": "Journal of {Tricky} Names",
        "pages": ("e025166", None),
    },
    {
        "key": "cleary2018peer",
        "title": "Peer support roles",
        "authors": [("Cleary", "Michelle")],
        "truncated": False,
        "year": 2018,
    },
    {
        "key": "cleary2018peera",
        "title": "Peer support roles",
        "authors": [("Cleary", "Michelle")],
        "truncated": False,
        "year": 2018,
    },
    {
        "key": "surreynow",  # "and" is a stop word
        "title": "“And now I know how you feel”: Lived experience",
        "authors": [],
        "truncated": False,
        "year": None,
        "publisher": "Surrey and Sussex Library and Knowledge Services on behalf of HEE",
        "place": "Tyne and Wear",
        "access": "Full text available with NHS OpenAthens account*",
    },
]

DECODER = LatexNodes2Text()


def golden(fmt: str) -> str:
    return (GOLDEN / FILES[fmt]).read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", list(FILES))
def test_output_matches_the_reviewed_golden_file(fmt: str) -> None:
    assert render(ENTRIES, fmt) == golden(fmt)


# --- BibTeX and biblatex, through bibtexparser and pylatexenc ------------------------------


def bib_entries(fmt: str) -> list[Any]:
    library = parse_string(golden(fmt), append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    return list(library.entries)


def latex(value: str) -> str:
    return " ".join(DECODER.latex_to_text(value).split())


def names(value: list[Any]) -> tuple[list[tuple[str, str | None]], bool]:
    people = [
        (latex(" ".join(name.von + name.last)), latex(" ".join(name.first)) or None)
        for name in value
    ]
    truncated = people[-1:] == [("others", None)]
    return (people[:-1] if truncated else people), truncated


def unbraced(value: str) -> str:
    """One name braced whole, as written in the list fields."""
    assert value.startswith("{") and value.endswith("}")
    return latex(value[1:-1])


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_goldens_read_back_with_bibtexparser(fmt: str) -> None:
    found = bib_entries(fmt)
    assert [entry.key for entry in found] == [expected["key"] for expected in EXPECTED]
    for entry, expected in zip(found, EXPECTED, strict=True):
        fields = {field.key: field.value for field in entry.fields}
        assert latex(fields["title"]) == expected["title"]
        if expected["authors"]:
            assert names(fields["author"]) == (expected["authors"], expected["truncated"])
        year = fields.get("year") or fields.get("date", "")[:4]
        assert (int(year) if year else None) == expected["year"]
        assert latex(fields.get("annote", "")) == expected.get("access", "")
        assert "note" not in fields  # styles print note inside the reference
        pages = expected.get("pages")
        if pages:
            assert fields["pages"] == "--".join(part for part in pages if part)
    types = [entry.entry_type for entry in found]
    if fmt == "bibtex":
        # plain.bst: a report needs an author (its publisher stands in) and a year, else
        # @misc, whose howpublished carries the publisher; a video is @misc.
        # An article without a journal is @misc too (plain.bst requires the journal).
        assert types == ["article", "techreport", "misc", "article", "misc", "misc", "misc"]
        report, undated = found[1], found[6]
        assert names(report["author"]) == ([("NHS England", None)], False)
        assert unbraced(report["institution"]) == "NHS England"
        assert unbraced(report["address"]) == "London"
        assert latex(undated["howpublished"]) == (
            "Surrey and Sussex Library and Knowledge Services on behalf of HEE, Tyne and Wear"
        )
        assert latex(undated["key"]) == EXPECTED[6]["publisher"]
        assert report["month"] == "Summer"
    else:
        # No @video: the standard styles have no driver for it.
        assert types == ["article", "report", "misc", "article", "article", "article", "report"]
        assert found[2]["entrysubtype"] == "video"
        report, undated = found[1], found[6]
        assert unbraced(report["institution"]) == "NHS England"
        assert unbraced(report["location"]) == "London"
        assert report["date"] == "2023"  # a season: the year (Zotero misreads 2023-22)
        assert unbraced(undated["institution"]) == EXPECTED[6]["publisher"]
        assert unbraced(undated["location"]) == "Tyne and Wear"
        assert found[0]["date"] == "2012-04/2012-06"
        # van der Berg's particle is non-dropping (pandoc, biber: "van der Berg, J.").
        assert found[3]["options"] == "useprefix=true"


# --- RIS, through rispy ---------------------------------------------------------------------


def csl_family(name: dict[str, str]) -> str:
    """The family name with its particle (``non-dropping-particle`` "van der")."""
    if "literal" in name:
        return name["literal"]
    parts = (name.get("dropping-particle"), name.get("non-dropping-particle"), name["family"])
    return " ".join(part for part in parts if part)


def ris_name(family: str, given: str | None) -> str:
    """``Family, Given``; an organisation ends with a comma, EndNote's mark for one. A
    comma inside a name is U+201A, at which no reader splits it."""
    family = family.replace(",", "\u201a")
    if given:
        return f"{family}, {given}"
    return f"{family}," if " " in family else family


def test_ris_golden_reads_back_with_rispy() -> None:
    records = rispy.loads(golden("ris"), newline="\r\n", delimiter_tags_mapping={})
    assert [record["id"] for record in records] == [expected["key"] for expected in EXPECTED]
    types = [record["type_of_reference"] for record in records]
    assert types == ["JOUR", "RPRT", "VIDEO", "JOUR", "JOUR", "JOUR", "RPRT"]
    for record, expected, entry in zip(records, EXPECTED, ENTRIES, strict=True):
        # RIS has no escaping: the title is as the brief gave it, on one line.
        assert record["title"] == " ".join(entry.title.split())
        assert record.get("authors", []) == [ris_name(*name) for name in expected["authors"]]
        assert record.get("year") == (str(expected["year"]) if expected["year"] else None)
        assert record.get("notes") == ([expected["access"]] if "access" in expected else None)
        assert record.get("publisher") == expected.get("publisher")
        assert record.get("place_published") == expected.get("place")
    assert records[0]["date"] == "2012/04//"  # RIS has no ranges: the start
    assert records[1]["date"] == "2023///Summer"
    assert len(records) == golden("ris").count("\r\nER  - ")


# --- CSL-JSON, through json and the CSL schema -----------------------------------------------


def test_csl_golden_is_valid_and_reads_back_with_json() -> None:
    items = json.loads(golden("csl-json"))
    validate_csl(items)
    assert [item["id"] for item in items] == [expected["key"] for expected in EXPECTED]
    types = [item["type"] for item in items]
    assert types == [
        "article-journal",
        "report",
        "motion_picture",
        "article-journal",
        "article-journal",
        "article-journal",
        "report",
    ]
    for item, expected, entry in zip(items, EXPECTED, ENTRIES, strict=True):
        assert item["title"] == " ".join(entry.title.split())
        people = [(csl_family(name), name.get("given")) for name in item.get("author", [])]
        # Never {"literal": "others"}: Zotero makes it a creator named "others".
        assert people == expected["authors"]
        assert item.get("custom", {}).get("authors-truncated", False) == expected["truncated"]
        year = item.get("issued", {}).get("date-parts", [[None]])[0][0]
        assert year == expected["year"]
        assert item.get("annote") == expected.get("access")
        assert "note" not in item
    assert items[0]["issued"]["date-parts"] == [[2012, 4], [2012, 6]]
    assert items[1]["issued"] == {"date-parts": [[2023]], "season": 2, "raw": "Summer 2023"}


# --- every golden, through pandoc ---------------------------------------------------------------

PANDOC_READERS = {"bibtex": "bibtex", "biblatex": "biblatex", "ris": "ris", "csl-json": "csljson"}


@pytest.mark.parametrize("fmt", list(FILES))
def test_pandoc_reads_every_golden(fmt: str) -> None:
    pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary")
    items = json.loads(pypandoc.convert_text(golden(fmt), "csljson", format=PANDOC_READERS[fmt]))
    assert [item["id"] for item in items] == [expected["key"] for expected in EXPECTED]
    for item, expected in zip(items, EXPECTED, strict=True):
        people = [
            (
                " ".join(
                    name[part]
                    for part in (
                        "dropping-particle",
                        "non-dropping-particle",
                        "family",
                        "literal",
                    )
                    if part in name
                ),
                name.get("given"),
            )
            for name in item.get("author", [])
        ]
        truncated = people[-1:] == [("others", None)]
        if fmt == "bibtex" and not expected["authors"] and item["type"] == "report":
            expected = {**expected, "authors": [(expected["publisher"], None)]}
        if fmt == "bibtex" and item["id"] == "surreynow":  # @misc: howpublished
            expected = {**expected, "publisher": f"{expected['publisher']}, Tyne and Wear"}
        comma_in_name = any("," in family for family, _ in expected["authors"])
        if not (fmt == "ris" and comma_in_name):  # RIS splits a name at its first comma
            assert (people[:-1] if truncated else people) == expected["authors"]
        # Only BibTeX has a convention for "et al." that pandoc knows.
        assert truncated == (expected["truncated"] and fmt in ("bibtex", "biblatex"))
        year = item.get("issued", {}).get("date-parts", [[None]])[0][0]
        assert year == expected["year"]
        assert item.get("publisher", expected.get("publisher")) == expected.get("publisher")
        # pandoc reads no note from RIS; from the others the access note is an annote.
        assert "note" not in item
        if fmt != "ris":
            assert item.get("annote") == expected.get("access")


def regenerate() -> None:
    """Rewrite the golden files from the current writers (then review the diff)."""
    for fmt, name in FILES.items():
        (GOLDEN / name).write_bytes(render(ENTRIES, fmt).encode("utf-8"))
