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
from peerbrief.writers.bibtex import Flavour
from peerbrief.writers.latex import KEPT_AS_UTF8

DECODER = LatexNodes2Text()
QUOTES = str.maketrans(dict.fromkeys("\"'`“”‘’", "'"))
"""Paired straight quotes are written as TeX quotes (double or single by depth), which
decode to typographic ones: every quote mark compares as one."""
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
SEASONS = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}
LIST_FIELDS = {"institution", "organization", "publisher", "address", "location"}
"""biber's list fields (and address, its alias for location)."""


def decode(latex: str | None) -> str:
    return DECODER.latex_to_text(latex) if latex else ""


def decode_text(latex: str | None) -> str:
    """A text field decoded, its quote marks folded (see :data:`QUOTES`)."""
    return decode(latex).translate(QUOTES)


def text_of(value: str | None) -> str:
    """What a text field must decode to, its quote marks folded."""
    return normalise(value).translate(QUOTES)


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
    assert decode_text(text.get("title")) == fold(text_of(entry.title))
    expected = [(normalise(p.family), normalise(p.given) or None) for p in entry.authors]
    expected = [(family, given) for family, given in expected if family]
    if expected:
        people, truncated = read_names(fields["author"])
        assert people == [(fold(f), g and fold(g)) for f, g in expected]
        assert truncated == entry.authors_truncated
    elif bib.entry_type == "techreport":
        # plain.bst requires an author: the publisher stands in as group author.
        group = [(fold(text_of(entry.publisher)), None)]
        assert [(f.translate(QUOTES), g) for f, g in read_names(fields["author"])[0]] == group
    else:
        assert "author" not in fields
    assert decode_text(text.get("abstract")) == fold(text_of(entry.abstract))
    # The access note is a note for reference managers, never printed: annote, not note.
    assert "note" not in fields
    assert decode_text(text.get("annote")) == fold(text_of(entry.access))
    assert text.get("url") == entry.url
    assert text.get("doi") == entry.doi
    keywords = [decode_text(unbrace(k)) for k in split_top_level(text.get("keywords", ""))]
    assert keywords == [fold(tag.translate(QUOTES)) for tag in expected_tags(entry)]
    if entry.pages is None:
        assert "pages" not in fields
    else:
        written = [decode_text(part) for part in text.get("pages", "").split("--")]
        pages = [text_of(entry.pages.first), text_of(entry.pages.last)]
        assert [part for part in written if part] == [fold(part) for part in pages if part]
    container = "journal" if flavour == "bibtex" else "journaltitle"
    if bib.entry_type == "article":
        assert decode_text(text.get(container)) == fold(text_of(entry.container_title))
    elif bib.entry_type == "incollection":  # a report inside a book: its book
        assert decode_text(text.get("booktitle")) == fold(text_of(entry.container_title))
    elif bib.entry_type != "misc" or flavour == "biblatex":
        assert decode_text(text.get("howpublished")) == fold(text_of(entry.container_title))
    assert decode_text(text.get("volume")) == fold(text_of(entry.volume))
    assert decode_text(text.get("number")) == fold(text_of(entry.issue))
    for name in LIST_FIELDS & text.keys():
        # One name each: braced whole, so that nobody splits it at " and ".
        assert text[name].startswith("{") and unbrace(text[name]) != text[name]
    # Both flavours: the access date as an ISO date, the status as biblatex's key.
    assert text.get("urldate") == (iso_date(entry.accessed) if entry.accessed else None)
    status = text_of(entry.status)
    assert decode_text(text.get("pubstate")) == fold(PUBSTATE.get(status.lower(), status))
    return text


PUBSTATE = {"in press": "inpress", "article in press": "inpress", "forthcoming": "forthcoming"}
PUBSTATE |= {"submitted": "submitted", "prepublished": "prepublished"}


def iso_date(date: Date) -> str:
    """``2025``, ``2025-01``, ``2025-01-02``: a season's date as its year."""
    parts = [f"{date.year:04d}", *(f"{part:02d}" for part in (date.month, date.day) if part)]
    return "-".join(parts)


def list_field(text: dict[str, str], name: str) -> str:
    return decode_text(unbrace(text.get(name, "")))


def read_edtf(value: str) -> list[Date]:
    """Parse biblatex's EDTF date back: ``2012-04/2012-06``, ``2020-02-03``."""
    points = []
    for point in value.split("/"):
        year, *rest = (int(part) for part in point.split("-"))
        month, day = [*rest, 0, 0][:2]
        points.append(Date(year, month or None, day or None))
    return points


@given(st.lists(entries(), max_size=4))
def test_biblatex_reads_back_as_written(items: list[Entry]) -> None:
    parsed = parse(to_bibtex(items, "biblatex"))
    assert len(parsed) == len(items)
    assert len({bib.key for bib in parsed}) == len(items)
    for entry, bib in zip(items, parsed, strict=True):
        assert re.fullmatch(r"[a-z0-9]+", bib.key)
        # The standard styles have no @video driver: a video is @misc, entrysubtype video.
        kinds = {"article": Kind.JOURNAL_ARTICLE, "report": Kind.REPORT, "misc": Kind.VIDEO}
        kinds["incollection"] = Kind.REPORT  # a report inside a larger work
        assert kinds[bib.entry_type] is entry.kind
        in_book = entry.kind is Kind.REPORT and bool(text_of(entry.container_title))
        assert (bib.entry_type == "incollection") is in_book
        text = check_common(entry, bib, "biblatex")
        assert (text.get("entrysubtype") == "video") is (entry.kind is Kind.VIDEO)
        if entry.date is None:
            assert "date" not in text
        elif seasons := [p.season for p in (entry.date, entry.date.end) if p and p.season]:
            # Zotero reads EDTF seasons (2018-21) as year ranges: the years, and on an
            # article the seasons as biblatex's issue.
            years = {entry.date.year, (entry.date.end or entry.date).year}
            assert text["date"] == "/".join(f"{year:04d}" for year in sorted(years))
            names = "-".join(SEASONS[season] for season in seasons)
            assert text.get("issue") == (names if entry.kind is Kind.JOURNAL_ARTICLE else None)
        else:
            start, *end = read_edtf(text["date"])
            assert (start.year, start.month, start.day) == (
                entry.date.year,
                entry.date.month,
                entry.date.day,
            )
            assert end == ([entry.date.end] if entry.date.end else [])
        publisher = {Kind.REPORT: "institution", Kind.VIDEO: "organization"}.get(entry.kind)
        if in_book:
            publisher = "publisher"
        if publisher is not None:
            assert list_field(text, publisher) == text_of(entry.publisher)
            assert list_field(text, "location") == text_of(entry.place)
        else:
            assert not {"publisher", "institution", "location", "address"} & text.keys()
        assert (text.get("type") == "Report") is (bib.entry_type == "report")


PLAIN_REQUIRED = {
    "article": {"author", "title", "journal", "year"},
    "techreport": {"author", "title", "institution", "year"},
    "incollection": {"author", "title", "booktitle", "publisher", "year"},
}


@given(st.lists(entries(text=texts(alphabet=LATIN)), max_size=4))
def test_classic_bibtex_reads_back_as_written(items: list[Entry]) -> None:
    bib_text = to_bibtex(items, "bibtex")
    assert {character for character in bib_text if not character.isascii()} <= KEPT_AS_UTF8 | {"¸"}
    parsed = parse(bib_text)
    assert len(parsed) == len(items)
    for entry, bib in zip(items, parsed, strict=True):
        natural = {"journal-article": "article", "report": "techreport", "video": "misc"}
        expected = natural[entry.kind.value]
        if expected == "techreport" and text_of(entry.container_title):
            expected = "incollection"  # a report inside a book
        assert bib.entry_type in {expected, "misc"}
        text = check_common(entry, bib, "bibtex")
        # plain.bst warns when a required field is missing: such entries become @misc.
        required = PLAIN_REQUIRED.get(expected, set())
        assert (text.get("type") == "Report") is (bib.entry_type == "techreport")
        missing = not required <= fields_of(bib).keys()
        assert (bib.entry_type == "misc") == (expected == "misc" or missing)
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
        if bib.entry_type == "misc":
            # plain.bst prints no publisher in @misc: howpublished carries it.
            parts = (entry.container_title, entry.publisher, entry.place)
            published = ", ".join(text_of(part) for part in parts if text_of(part))
            assert decode_text(text.get("howpublished")) == published
        elif bib.entry_type == "techreport":
            assert list_field(text, "institution") == text_of(entry.publisher)
            assert list_field(text, "address") == text_of(entry.place)
        elif bib.entry_type == "incollection":
            assert list_field(text, "publisher") == text_of(entry.publisher)
            assert list_field(text, "address") == text_of(entry.place)
        if "author" not in fields_of(bib):
            # apalike prints the key where the author goes: the publisher, or the first
            # words of the title, never the whole of a long title a second time.
            key = decode_text(text["key"])
            if text_of(entry.publisher):
                assert key == text_of(entry.publisher)
            else:
                assert text_of(entry.title).startswith(key)
                assert 0 < len(key.split()) <= 4


def test_month_is_an_unquoted_macro_and_biblatex_date_is_edtf() -> None:
    entry = Entry(title="T", date=Date(2012, 4, end=Date(2012, 6)))
    assert "  month = apr,\n" in to_bibtex([entry], "bibtex")
    assert "  date = {2012-04/2012-06}" in to_bibtex([entry], "biblatex")
    spring = Entry(title="T", date=Date(2018, season=1, end=Date(2018, season=2)))
    # Zotero reads biblatex's EDTF season (2018-21) as the years 2018-2021: the year,
    # and on an article the season in biblatex's issue field.
    assert "  date = {2018},\n  issue = {Spring-Summer}\n" in to_bibtex([spring], "biblatex")
    report = Entry(title="T", kind=Kind.REPORT, date=Date(2018, season=1))
    assert "issue" not in to_bibtex([report], "biblatex")
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


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_a_family_name_opening_with_a_hyphened_lower_case_word_is_braced(
    flavour: Flavour,
) -> None:
    # BibTeX takes "al" of "al-Haddad" for the von part and prints a tie where the hyphen
    # was ("Omar al~Haddad"); braced, the family name is one part. A capitalised word
    # before the hyphen is no von part, and stays unbraced.
    entry = Entry(
        title="T",
        authors=[Person("al-Haddad", "Omar"), Person("el-Sayed"), Person("Smith-de Wit", "A.")],
    )
    assert "author = {{al-Haddad}, Omar and {el-Sayed} and Smith-de Wit, A.}" in to_bibtex(
        [entry], flavour
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
    assert "howpublished = {J, Wiley}" in bib and "publisher" not in bib
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
        "{NHS England}",
        "{London}",
    )
    modern = fields_of(parse(to_bibtex([report], "biblatex"))[0])
    assert (modern["institution"], modern["location"], modern["type"]) == (
        "{NHS England}",
        "{London}",
        "Report",
    )
    assert modern["pages"] == "1--20"


def test_unknown_flavour_is_an_output_error() -> None:
    with pytest.raises(OutputError, match="unknown BibTeX flavour 'bibtexx'"):
        to_bibtex([Entry(title="T")], "bibtexx")  # type: ignore[arg-type]


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_a_title_opening_with_a_quote_keeps_its_first_word_and_gets_tex_quotes(
    flavour: Flavour,
) -> None:
    entry = Entry(title='"And now I know how you feel...": Lived experience', kind=Kind.REPORT)
    assert "title = {``{And} now {I} know how you feel...'': {Lived} experience}" in to_bibtex(
        [entry], flavour
    )


def test_quotations_alternate_double_and_single_and_apostrophes_stay() -> None:
    # Outermost quotations take double quotes, the ones inside them single, whichever
    # straight mark the brief used.
    entry = Entry(title="Peer workers' role: 'a \"lay\" worker'", kind=Kind.REPORT)
    assert (
        r"title = {Peer workers' role: ``a {\textquoteleft}lay{\textquoteright} worker''}"
        in to_bibtex([entry])
    )
    # biblatex prints an article's title in double quotes: its quotations start single.
    article = Entry(title='More "milk" than "tablets"', authors=[Person("Moore", "T")])
    assert (
        r"title = {More {\textquoteleft}milk{\textquoteright} than "
        r"{\textquoteleft}tablets{\textquoteright}}" in to_bibtex([article], "biblatex")
    )


ZOTERO_TEX_QUOTES = {"``": "\u201c", "''": "\u201d", r"{\textquoteleft}": "\u2018",
                     r"{\textquoteright}": "\u2019"}  # fmt: skip
"""The TeX quotes Zotero's BibTeX import reads as curly quotes (zotero/translators
BibTeX.js, ``reversemappingTable``: ``"``"``, ``"''"``, ``"{\\textquoteleft}"``,
``"{\\textquoteright}"``); it has no entry for a lone backquote, which stays one."""


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_single_quotes_are_ones_zotero_reads_as_quotes(flavour: Flavour) -> None:
    """``'Walking the tightrope': the role…`` was written with TeX's single quotes
    (a backquote and an apostrophe), and Zotero's BibTeX import gave the title with that
    backquote (BibTeX.js maps two backquotes to a quote, not one). Every quotation now
    arrives as curly quotes, nested ones too."""
    article = Entry(
        title="'Walking the tightrope': the role of \"peer 'lay' workers\"",
        authors=[Person("Cleary", "M")],
        abstract="The 'Experienced Involvement' (\"EX-IN 'peer'\") training",
    )
    fields = fields_of(parse(to_bibtex([article], flavour))[0])
    for name in ("title", "abstract"):
        text = fields[name]
        for tex, character in ZOTERO_TEX_QUOTES.items():
            text = text.replace(tex, character)
        assert "`" not in text, (name, fields[name])
        assert text.count("\u2018") == text.count("\u2019") > 0


def test_a_season_leaves_zotero_the_issue_number() -> None:
    """biblatex's article has the issue number in ``number`` and the season in ``issue``;
    Zotero's BibTeX import (zotero/translators BibTeX.js ``processField``: ``number`` →
    ``item.issue`` for an article, ``issue`` → ``issue`` by ``inputFieldMap``) makes both
    the Issue, the later replacing the earlier: issue 6 of Autumn 2019 arrived as issue
    "Autumn". ``issue`` is written first, so the number is what stays."""
    article = Entry(
        title="Annualised hours",
        authors=[Person("Smith", "A")],
        container_title="Nursing Times",
        volume="115",
        issue="6",
        date=Date(2019, season=3),
    )
    fields = fields_of(parse(to_bibtex([article], "biblatex"))[0])
    assert (fields["number"], fields["issue"]) == ("6", "Autumn")
    zotero_issue = [fields[name] for name in fields if name in ("number", "issue")][-1]
    assert zotero_issue == "6"


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_organisation_names_are_braced_whole_in_list_fields(flavour: Flavour) -> None:
    report = Entry(
        title="Case study",
        kind=Kind.REPORT,
        authors=[Person("NHS Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust")],
        publisher="Surrey and Sussex Library and Knowledge Services on behalf of HEE",
        place="Tyne and Wear",
        date=Date(2021),
    )
    fields = fields_of(parse(to_bibtex([report], flavour))[0])
    assert fields["institution"] == (
        "{Surrey and Sussex Library and Knowledge Services on behalf of HEE}"
    )
    assert fields["address" if flavour == "bibtex" else "location"] == "{Tyne and Wear}"
    people, _ = read_names(fields["author"])
    assert people == [("NHS Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust", None)]


def test_a_video_prints_its_publisher_without_a_preamble() -> None:
    video = Entry(title="Video", kind=Kind.VIDEO, publisher="Henry Shepherd", date=Date(2016))
    biblatex = to_bibtex([video], "biblatex")
    assert biblatex.startswith("@misc{")
    assert "entrysubtype = {video}" in biblatex
    assert "organization = {{Henry Shepherd}}" in biblatex
    assert "howpublished = {Henry Shepherd}" in to_bibtex([video], "bibtex")


@pytest.mark.parametrize(
    ("people", "option"),
    [
        ([Person("Smith", "Ann"), Person("van der Berg", "Jan")], "useprefix=true"),
        ([Person("von Moltke", "Helmut"), Person("de Vries", "Anna")], "useprefix=false"),
        ([Person("De Vries", "Anna"), Person("Smith", "Ann")], None),
    ],
)
def test_biblatex_says_whether_a_particle_sorts_and_prints_with_the_family_name(
    people: list[Person], option: str | None
) -> None:
    """biber's default treats every "von" part as dropping ("Berg, Jan van der") and
    biblatex-apa's none ("von Moltke, H."): ``useprefix`` carries CSL's non-dropping
    ("van der", "de") or dropping ("von") particle of the entry's first such name."""
    entry = Entry(title="T", authors=people)
    fields = fields_of(parse(to_bibtex([entry], "biblatex"))[0])
    assert fields.get("options") == option
    assert "options" not in fields_of(parse(to_bibtex([entry], "bibtex"))[0])
