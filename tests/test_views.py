"""Notebook and REPL views of entries and briefs: HTML escaping, summaries, filters."""

from __future__ import annotations

import builtins
import html.parser
from typing import Any

import pytest
from factories import RESEARCH, article, brief, report

from peerbrief.model import Date, Kind, Merge, Person
from peerbrief.views import format_date, parse_years, select, short_authors, source_of


class _TextCollector(html.parser.HTMLParser):
    """The text and the tag names of an HTML fragment, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(fragment: str) -> _TextCollector:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return collector


HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


# --- plain text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "truncated", "expected"),
    [
        ((), False, ""),
        ((Person("Mancini", "Michael A."),), False, "Mancini"),
        ((Person("Skipper"), Person("Page")), False, "Skipper and Page"),
        ((Person("Otte"),), True, "Otte et al."),
        ((Person("A"), Person("B"), Person("C")), False, "A et al."),
    ],
)
def test_short_authors(authors: tuple[Person, ...], truncated: bool, expected: str) -> None:
    assert short_authors(article(authors=authors, authors_truncated=truncated)) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (None, ""),
        (Date(2020), "2020"),
        (Date(2013, 6), "June 2013"),
        (Date(2018, season=1), "Spring 2018"),
        (Date(2023, 11, 15), "15 November 2023"),
        (Date(2012, 4, end=Date(2012, 6)), "April-June 2012"),
        (Date(2019, 12, end=Date(2020, 1)), "December 2019 - January 2020"),
    ],
)
def test_format_date(date: Date | None, expected: str) -> None:
    assert format_date(date) == expected


def test_source_of_an_article_and_a_report() -> None:
    assert source_of(article()) == "The International Journal of Social Psychiatry 66(3), 263-269"
    assert source_of(report()) == "NHS England"


def test_entry_str_is_a_one_line_reference() -> None:
    assert str(article()) == (
        "Otte et al. (2020). Peer support workers in mental health. "
        "The International Journal of Social Psychiatry 66(3), 263-269."
    )
    assert str(report()) == "NHS England (June 2023). NHS Long Term Workforce Plan."


def test_brief_str_gives_title_citation_and_counts() -> None:
    text = str(brief(article(), report()))
    assert text.splitlines() == [
        "Evidence Brief: Peer Support Workers",
        "Evidence Brief: Peer Support Workers. Katie Nicholas. (15 November 2023).",
        "2 works in 2 sections, 0 duplicates merged, 0 unexplained lines",
    ]


# --- HTML ------------------------------------------------------------------------------


def test_entry_html_escapes_every_field() -> None:
    entry = article(title=HOSTILE, abstract=HOSTILE, authors=(Person("<i>Evil</i>", "&amp;"),))
    page = parsed(entry._repr_html_())
    assert "script" not in page.tags and "b" not in page.tags
    text = "".join(page.text)
    assert HOSTILE in text
    assert "<i>Evil</i>, &amp;" in text


def test_brief_html_escapes_titles_and_lists_every_entry() -> None:
    page = parsed(brief(article(title=HOSTILE), report(), title="Brief <script>")._repr_html_())
    assert "script" not in page.tags
    text = "".join(page.text)
    assert HOSTILE in text and "Brief <script>" in text
    assert page.tags.count("tr") == 3  # header and two entries


def test_html_links_titles_only_to_web_addresses() -> None:
    linked = article()._repr_html_()
    assert 'href="https://doi.org/10.1177/0020764020904764"' in linked
    unsafe = article(doi=None, url="javascript:alert(1)")._repr_html_()
    assert "href" not in unsafe


def test_brief_html_stops_at_html_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peerbrief.views.HTML_ROWS", 1)
    fragment = brief(article(), report())._repr_html_()
    assert parsed(fragment).tags.count("tr") == 2
    assert "1 more" in fragment


# --- filtering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (2020, (2020, 2020)),
        ("2020", (2020, 2020)),
        ("2018-2020", (2018, 2020)),
        (" 2018 - 2020 ", (2018, 2020)),
        ((2001, 2002), (2001, 2002)),
    ],
)
def test_parse_years(given: int | str | tuple[int, int], expected: tuple[int, int]) -> None:
    assert parse_years(given) == expected


@pytest.mark.parametrize("given", ["", "twenty", "2020-", "2020-2018", "2018..2020"])
def test_parse_years_refuses_what_is_not_a_year(given: str) -> None:
    with pytest.raises(ValueError):
        parse_years(given)


def test_filter_by_each_criterion() -> None:
    old = article(title="Old study", date=Date(2010), abstract="Loneliness in rural areas")
    undated = report(title="Undated guide", date=None)
    whole = brief(article(), report(), old, undated)
    assert [e.title for e in whole.filter(section="TRAINING").entries] == [
        "Peer support workers in mental health",
        "Old study",
    ]
    assert [e.title for e in whole.filter(year="2009-2020").entries] == [
        "Peer support workers in mental health",
        "Old study",
    ]
    assert [e.title for e in whole.filter(kind="report").entries] == [
        "NHS Long Term Workforce Plan",
        "Undated guide",
    ]
    assert [e.title for e in whole.filter(kind=Kind.REPORT, year=2023).entries] == [
        "NHS Long Term Workforce Plan"
    ]
    assert [e.title for e in whole.filter(text="loneliness").entries] == ["Old study"]
    assert [e.title for e in whole.filter(text="otte").entries] == [
        "Peer support workers in mental health",
        "Old study",
    ]


def test_filter_keeps_the_brief_and_the_merges_of_kept_entries() -> None:
    kept, dropped = article(), report()
    merges = (
        Merge(kept, (kept, kept), ("same DOI",)),
        Merge(dropped, (dropped, dropped), ("same title",)),
    )
    filtered = brief(kept, dropped, merges=merges).filter(kind="journal-article")
    assert filtered.entries == (kept,)
    assert filtered.merges == merges[:1]
    assert filtered.title == "Evidence Brief: Peer Support Workers"


def test_filter_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="journal-article, report, video"):
        brief(article()).filter(kind="book")


def test_select_with_no_filters_keeps_everything() -> None:
    entries = [article(), report()]
    assert list(select(entries)) == entries


# --- pandas ------------------------------------------------------------------------------


def test_to_dataframe_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"pip install 'peerbrief\[pandas\]'"):
        brief(article()).to_dataframe()


def test_to_dataframe_has_a_row_per_entry() -> None:
    pandas = pytest.importorskip("pandas")
    frame = brief(article(), report(date=None)).to_dataframe()
    assert list(frame["title"]) == [
        "Peer support workers in mental health",
        "NHS Long Term Workforce Plan",
    ]
    assert str(frame["year"].dtype) == "Int64"
    assert frame["year"][0] == 2020 and frame["year"][1] is pandas.NA
    assert frame["sections"][0] == "Published Peer Reviewed Research / Education and training"
    assert frame["access"][0] == "Abstract only"


def test_entry_html_says_et_al_and_where_it_was_read() -> None:
    text = "".join(parsed(article()._repr_html_()).text)
    assert "Otte, Ingrid et al." in text
    assert "brief.txt, lines 120-122" in text


def test_counts_use_singulars() -> None:
    one = brief(article(), sections=(RESEARCH,))
    assert one.summary().splitlines()[-1] == (
        "1 work in 1 section, 0 duplicates merged, 0 unexplained lines"
    )


def test_short_repr_of_a_brief() -> None:
    whole = brief(article(), report())
    assert repr(whole) == (
        "<Brief 'Evidence Brief: Peer Support Workers' from 'brief.txt': "
        "2 works in 2 sections, 0 duplicates merged, 0 unexplained lines>"
    )
