"""BibTeX and biblatex output, read back with bibtexparser and decoded with pylatexenc."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from bibtexparser.model import Entry as BibEntry
from hypothesis import given
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text
from strategies import LATIN, entries, expected_tags, normalise, texts

from peerbrief.errors import OutputError
from peerbrief.model import Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.writers import to_bibtex

DECODER = LatexNodes2Text()
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
SEASONS = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}


def decode(latex: str | None) -> str:
    return DECODER.latex_to_text(latex) if latex else ""


def parse(bib: str) -> list[BibEntry]:
    library = parse_string(bib, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    return list(library.entries)


def fields_of(entry: BibEntry) -> dict[str, Any]:
    return {field.key: field.value for field in entry.fields}


def split_top_level(value: str, separator: str = ",") -> list[str]:
    """Split at separators outside braces, counting braces as BibTeX does."""
    parts, depth, current = [], 0, ""
    for character in value:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if character == separator and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += character
    return [*parts, current.strip()] if value else []


def unbrace(text: str) -> str:
    """``text`` without a pair of braces enclosing all of it."""
    depth = 0
    for index, character in enumerate(text):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0:
            return text[1:-1] if index == len(text) - 1 and index > 0 else text
    return text


def read_names(value: object) -> tuple[list[tuple[str, str | None]], bool]:
    """(family, given) pairs and whether the list ends with BibTeX's ``others``."""
    assert isinstance(value, list)
    people = []
    truncated = False
    for index, name in enumerate(value):
        if name.last == ["others"] and not (name.first or name.von or name.jr):
            assert index == len(value) - 1
            truncated = True
            continue
        assert name.jr == []
        given = decode(" ".join(name.first)) if name.first else None
        people.append((decode(" ".join(name.von + name.last)), given))
    return people, truncated


def check_common(entry: Entry, bib: BibEntry, flavour: str) -> dict[str, str]:
    fields = fields_of(bib)
    text = {key: value for key, value in fields.items() if isinstance(value, str)}
    fold = (lambda s: unicodedata.normalize("NFC", s)) if flavour == "bibtex" else (lambda s: s)
    assert decode(text.get("title")) == fold(normalise(entry.title))
    expected = [(normalise(p.family), normalise(p.given) or None) for p in entry.authors]
    expected = [(family, given) for family, given in expected if family]
    if expected:
        people, truncated = read_names(fields["author"])
        assert people == [(fold(f), g and fold(g)) for f, g in expected]
        assert truncated == entry.authors_truncated
    elif bib.entry_type == "techreport":
        # plain.bst requires an author: the publisher stands in as group author.
        assert read_names(fields["author"]) == ([(fold(normalise(entry.publisher)), None)], False)
    else:
        assert "author" not in fields
    assert decode(text.get("abstract")) == fold(normalise(entry.abstract))
    assert decode(text.get("note")) == fold(normalise(entry.access))
    assert text.get("url") == entry.url
    assert text.get("doi") == entry.doi
    keywords = [decode(unbrace(k)) for k in split_top_level(text.get("keywords", ""))]
    assert keywords == [fold(tag) for tag in expected_tags(entry)]
    if entry.pages is None:
        assert "pages" not in fields
    else:
        written = [decode(part) for part in text.get("pages", "").split("--")]
        pages = [normalise(entry.pages.first), normalise(entry.pages.last)]
        assert [part for part in written if part] == [fold(part) for part in pages if part]
    container = "journal" if flavour == "bibtex" else "journaltitle"
    container = container if bib.entry_type == "article" else "howpublished"
    assert decode(text.get(container)) == fold(normalise(entry.container_title))
    assert decode(text.get("volume")) == fold(normalise(entry.volume))
    assert decode(text.get("number")) == fold(normalise(entry.issue))
    return text


def read_edtf(value: str) -> list[Date]:
    """Parse biblatex's EDTF date back: ``2012-04/2012-06``, ``2018-21``, ``2020-02-03``."""
    points = []
    for point in value.split("/"):
        year, *rest = (int(part) for part in point.split("-"))
        month, day = [*rest, 0, 0][:2]
        if month > 20:
            points.append(Date(year, season=month - 20))
        else:
            points.append(Date(year, month or None, day or None))
    return points


@given(st.lists(entries(), max_size=4))
def test_biblatex_reads_back_as_written(items: list[Entry]) -> None:
    parsed = parse(to_bibtex(items, "biblatex"))
    assert len(parsed) == len(items)
    assert len({bib.key for bib in parsed}) == len(items)
    for entry, bib in zip(items, parsed, strict=True):
        assert re.fullmatch(r"[a-z0-9]+", bib.key)
        kinds = {"article": Kind.JOURNAL_ARTICLE, "report": Kind.REPORT, "video": Kind.VIDEO}
        assert kinds[bib.entry_type] is entry.kind
        text = check_common(entry, bib, "biblatex")
        if entry.date is None:
            assert "date" not in text
        else:
            start, *end = read_edtf(text["date"])
            assert (start.year, start.month, start.day, start.season) == (
                entry.date.year,
                entry.date.month,
                entry.date.day,
                entry.date.season,
            )
            assert end == ([entry.date.end] if entry.date.end else [])
        if entry.kind is not Kind.JOURNAL_ARTICLE:
            publisher = "institution" if entry.kind is Kind.REPORT else "publisher"
            assert decode(text.get(publisher)) == normalise(entry.publisher)
            assert decode(text.get("location")) == normalise(entry.place)
        else:
            assert not {"publisher", "institution", "location", "address"} & text.keys()
        assert (text.get("type") == "Report") is (entry.kind is Kind.REPORT)


PLAIN_REQUIRED = {
    "article": {"author", "title", "journal", "year"},
    "techreport": {"author", "title", "institution", "year"},
}


@given(st.lists(entries(text=texts(alphabet=LATIN)), max_size=4))
def test_classic_bibtex_reads_back_as_written(items: list[Entry]) -> None:
    bib_text = to_bibtex(items, "bibtex")
    assert bib_text.isascii()
    parsed = parse(bib_text)
    assert len(parsed) == len(items)
    for entry, bib in zip(items, parsed, strict=True):
        natural = {"journal-article": "article", "report": "techreport", "video": "misc"}
        assert bib.entry_type in {natural[entry.kind.value], "misc"}
        text = check_common(entry, bib, "bibtex")
        # plain.bst warns when a required field is missing: such entries become @misc.
        required = PLAIN_REQUIRED.get(natural[entry.kind.value], set())
        assert (text.get("type") == "Report") is (bib.entry_type == "techreport")
        missing = not required <= fields_of(bib).keys()
        assert (bib.entry_type == "misc") == (natural[entry.kind.value] == "misc" or missing)
        if entry.date is None:
            assert not {"year", "month"} & text.keys()
        else:
            assert text["year"] == str(entry.date.year)
            month = (
                MONTHS[entry.date.month - 1]
                if entry.date.month
                else SEASONS.get(entry.date.season or 0)
            )
            assert text.get("month") == month
        if "author" not in fields_of(bib):
            sort_by = normalise(entry.publisher) or normalise(entry.title) or bib.key
            assert decode(text["key"]) == sort_by


def test_month_is_an_unquoted_macro_and_biblatex_date_is_edtf() -> None:
    entry = Entry(title="T", date=Date(2012, 4, end=Date(2012, 6)))
    assert "  month = apr,\n" in to_bibtex([entry], "bibtex")
    assert "  date = {2012-04/2012-06}" in to_bibtex([entry], "biblatex")
    spring = Entry(title="T", date=Date(2018, season=1, end=Date(2018, season=2)))
    assert "  date = {2018-21/2018-22}" in to_bibtex([spring], "biblatex")
    assert "  month = {Spring}" in to_bibtex([spring], "bibtex")


def test_an_unbalanced_brace_in_a_title_parses_back_identical() -> None:
    entry = Entry(title="A {broken title with } two } braces {", authors=[Person("Smith", "J")])
    for flavour in ("bibtex", "biblatex"):
        bib = to_bibtex([entry, Entry(title="Next")], flavour)
        parsed = parse(bib)
        assert [decode(fields_of(b)["title"]) for b in parsed] == [entry.title, "Next"]
        # BibTeX counts braces without regard to backslashes: they must balance as is.
        assert bib.count("{") == bib.count("}")


def test_capitals_are_protected_except_a_sentence_initial_capital() -> None:
    entry = Entry(title="Peer support in the NHS: COVID-19, eHealth and England")
    assert "title = {Peer support in the {NHS}: {COVID}-19, {eHealth} and {England}}\n" in (
        to_bibtex([entry], "biblatex")
    )
    assert "title = {{NHS Long Term Plan}}" in to_bibtex([Entry(title="NHS Long Term Plan")])


def test_corporate_authors_are_braced_and_et_al_is_others() -> None:
    entry = Entry(
        title="T",
        authors=[
            Person("Public Health England", organisation=True),
            Person("Smith, Jr", "Ann"),
            Person("Skipper"),
        ],
        authors_truncated=True,
    )
    assert (
        "author = {{Public Health England} and {Smith, Jr}, Ann and Skipper and others}"
        in to_bibtex([entry], "biblatex")
    )


def test_specials_are_escaped_in_text_but_never_in_url_or_doi() -> None:
    entry = Entry(
        title="50% of R&D costs $5 #1 a_b ~x^2 \\",
        url="https://example.org/a_b%20c#frag",
        doi="10.1000/a_b%c#d",
    )
    bib = to_bibtex([entry], "biblatex")
    assert (
        r"title = {50\% of {R}\&{D} costs \$5 \#1 a\_b {\textasciitilde}x{\string^}2 "
        r"{\textbackslash}}" in bib
    )
    assert "url = {https://example.org/a_b%20c#frag}" in bib
    assert "doi = {10.1000/a_b%c#d}" in bib


def test_braces_and_spaces_in_a_url_are_percent_encoded() -> None:
    bib = to_bibtex([Entry(title="T", url="https://example.org/{x}\\y z")], "biblatex")
    assert "url = {https://example.org/%7Bx%7D%5Cy%20z}" in bib


def test_classic_bibtex_is_ascii_with_accent_macros_and_biblatex_keeps_utf8() -> None:
    entry = Entry(title="Étude", authors=[Person("Hegedüs", "Anna")])
    assert r"author = {Heged{\"u}s, Anna}" in to_bibtex([entry], "bibtex")
    assert r"title = {{\'E}tude}" in to_bibtex([entry], "bibtex")
    assert "author = {Hegedüs, Anna}" in to_bibtex([entry], "biblatex")


def test_a_keyword_with_commas_stays_one_braced_keyword() -> None:
    entry = Entry(
        title="T",
        sections=[Section("Published Peer Reviewed Research", "Health, wellbeing, and balance")],
        provenance=[Provenance("x", [1], brief="Evidence Brief: Peer Support Workers")],
    )
    assert (
        "keywords = {Published Peer Reviewed Research, {Health, wellbeing, and balance}, "
        "Evidence Brief: Peer Support Workers}" in to_bibtex([entry], "biblatex")
    )


def test_publisher_and_place_are_left_off_articles() -> None:
    article = Entry(
        title="T",
        authors=[Person("Smith", "A")],
        container_title="J",
        date=Date(2020),
        publisher="Wiley",
        place="United States",
    )
    for flavour in ("bibtex", "biblatex"):
        bib = to_bibtex([article], flavour)
        assert bib.startswith("@article{")
        assert "Wiley" not in bib and "United States" not in bib


def test_classic_bibtex_writes_an_incomplete_article_as_misc_keeping_its_fields() -> None:
    article = Entry(title="T", container_title="J", publisher="Wiley", date=Date(2020))
    bib = to_bibtex([article], "bibtex")
    assert bib.startswith("@misc{wiley2020t,")
    assert "howpublished = {J}" in bib and "publisher = {Wiley}" in bib
    assert "key = {Wiley}" in bib
    assert to_bibtex([article], "biblatex").startswith("@article{")


def test_reports_use_institution_and_place_per_flavour() -> None:
    report = Entry(
        title="Plan",
        kind=Kind.REPORT,
        authors=[Person("Smith", "A")],
        publisher="NHS England",
        place="London",
        date=Date(2023),
        pages=Pages("1", "20"),
    )
    classic = parse(to_bibtex([report], "bibtex"))[0]
    assert classic.entry_type == "techreport"
    assert (fields_of(classic)["institution"], fields_of(classic)["address"]) == (
        "NHS England",
        "London",
    )
    modern = fields_of(parse(to_bibtex([report], "biblatex"))[0])
    assert (modern["institution"], modern["location"], modern["type"]) == (
        "NHS England",
        "London",
        "Report",
    )
    assert modern["pages"] == "1--20"


def test_unknown_flavour_is_an_output_error() -> None:
    with pytest.raises(OutputError, match="unknown BibTeX flavour 'bibtexx'"):
        to_bibtex([Entry(title="T")], "bibtexx")  # type: ignore[arg-type]
