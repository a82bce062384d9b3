"""Notebook and REPL views of entries and briefs: HTML escaping, summaries, filters."""

from __future__ import annotations

import builtins
import html
import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from factories import KEY, RESEARCH, article, brief, provenance, report

from peerbrief.model import Brief, Choice, Date, Kind, Merge, Person
from peerbrief.views import format_date, parse_years, select, short_authors, source_of


class _TextCollector(html.parser.HTMLParser):
    """The text, tag names, links and row texts of an HTML fragment, as a browser would
    see them (the text of a ``<style>`` is not shown, so not collected)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str | None] = []
        self.rows: list[list[str]] = []
        self.classes: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        self.classes.append(values.get("class") or "")
        self._in_style = tag == "style"
        if tag == "a":
            self.links.append(values.get("href"))
        if tag == "tr":
            self.rows.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        if self.rows:
            self.rows[-1].append(data)

    def row_texts(self) -> list[str]:
        return ["".join(row) for row in self.rows]


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
        "2 works in 2 sections, 0 copies merged, 0 unexplained lines",
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
    titles = [row for row in page.row_texts() if HOSTILE in row or "Workforce Plan" in row]
    assert len(titles) == 2


def test_brief_html_names_each_section_once_above_its_works() -> None:
    other = article(title="Another study", sections=(RESEARCH, KEY))
    page = parsed(brief(article(), report(), other)._repr_html_())
    rows = page.row_texts()
    group_rows = [row for row in rows if "Education and training" in row]
    assert len(group_rows) == 1  # the heading only: works do not repeat their section
    heading = rows.index(group_rows[0])
    assert "Peer support workers in mental health" in rows[heading + 1]
    assert "Another study" in rows[heading + 2]
    assert "also in Key publications" in rows[heading + 2]  # listed under both
    assert sum("Another study" in row for row in rows) == 1


def test_html_links_titles_only_to_web_addresses() -> None:
    linked = parsed(article()._repr_html_())
    assert "https://doi.org/10.1177/0020764020904764" in linked.links
    by_url = parsed(brief(article(doi=None, url="http://example.org/a?b=1&c=2"))._repr_html_())
    assert by_url.links == ["http://example.org/a?b=1&c=2"]
    for unsafe in ("javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example"):
        shown = article(doi=None, url=unsafe)._repr_html_()
        assert (
            "href" not in shown and "href" not in brief(article(doi=None, url=unsafe))._repr_html_()
        )
        assert unsafe in "".join(parsed(shown).text)  # shown as text, never a link


def test_entry_html_gives_url_and_doi_as_links_and_each_value_once() -> None:
    entry = report(url="https://www.england.nhs.uk/plan.pdf")
    page = parsed(entry._repr_html_())
    assert page.links == ["https://www.england.nhs.uk/plan.pdf"] * 2  # title and URL row
    text = "".join(page.text)
    assert text.count("NHS England") == 1  # a report's publisher is not its source too
    same = parsed(article(url="https://doi.org/10.1177/0020764020904764")._repr_html_())
    assert "URL" not in same.text  # the DOI row already links there


def test_entry_html_says_et_al_and_where_it_was_read() -> None:
    text = "".join(parsed(article()._repr_html_()).text)
    assert "Otte, Ingrid et al." in text
    assert "brief.txt, lines 120–122" in text


def test_a_pdf_entry_is_placed_by_page_not_by_line() -> None:
    from_pdf = provenance(40, 41, 49, source="/home/me/briefs/brief.pdf", pages=(12,))
    spread = provenance(60, 70, source="/home/me/briefs/brief.pdf", pages=(13, 14))
    text = "".join(parsed(article(provenance=(from_pdf, spread))._repr_html_()).text)
    assert "brief.pdf, page 12" in text and "brief.pdf, pages 13–14" in text
    assert "line" not in text and "/home/me" not in text  # the file name; the path on hover


def test_brief_html_stops_at_html_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peerbrief.views.HTML_ROWS", 1)
    page = parsed(brief(article(), report())._repr_html_())
    assert not any("Workforce Plan" in row for row in page.row_texts())
    assert "1 more" in "".join(page.text)


def test_every_display_is_scoped_and_styles_only_its_own_elements() -> None:
    merge = Merge(article(), (article(), article()), ("same DOI",))
    for fragment in (article()._repr_html_(), brief(article())._repr_html_(), merge._repr_html_()):
        page = parsed(fragment)
        assert page.tags[0] == "div" and page.classes[0].split()[0] == "peerbrief"
        (style,) = page.styles
        selectors = [rule.split("{")[0] for rule in style.split("}") if rule.strip()]
        assert selectors and all(
            part.strip().startswith(".peerbrief") for rule in selectors for part in rule.split(",")
        )
        assert "text-align:left" in style


def test_filtered_brief_counts_the_sections_of_its_works(sample: Brief) -> None:
    one = sample.filter(section="rural")
    assert len(one) == 1
    assert "1 work in 1 section" in str(one)
    assert "1 work in 1 section" in "".join(parsed(one._repr_html_()).text)
    assert f"{len(sample)} works in 27 sections" in str(sample)  # 32 headings; 27 hold works


# --- merges ------------------------------------------------------------------------------


def test_merge_repr_is_one_short_line(sample: Brief) -> None:
    text = repr(sample.merges)
    assert len(text) < 400 and text.count("<Merge of 2 copies") == 2
    assert "Hegedus et al., 2021" in text


def test_merge_html_shows_copies_evidence_and_choices(sample: Brief) -> None:
    merge = sample.merges[1]
    page = parsed(merge._repr_html_())
    text = "".join(page.text)
    assert "2 copies merged" in text and merge.entry.title in text
    assert "peer-support-workers.txt, lines 655–667" in text
    assert all(reason in text for reason in merge.evidence)
    kept = [row for row in page.row_texts() if row.startswith("date")]
    assert kept == ["dateJanuary-February 20202020"]
    assert len(merge._repr_html_()) < 10_000


def test_merge_html_marks_conflicts_and_escapes() -> None:
    entry = article(title=HOSTILE)
    merge = Merge(entry, (entry, entry), ("same <DOI>",), (Choice("issue", "3", ("<4>",), True),))
    page = parsed(merge._repr_html_())
    assert "script" not in page.tags
    text = "".join(page.text)
    assert "same <DOI>" in text and "<4>" in text and "conflict" in text


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


@pytest.mark.parametrize("given", ["", "twenty", "2020-", "2020-2018", "2018..2020", "²", "2018-²"])
def test_parse_years_refuses_what_is_not_a_year(given: str) -> None:
    with pytest.raises(ValueError):
        parse_years(given)


@pytest.mark.parametrize("given", ["9" * 5000, "2018-" + "9" * 5000, "20201"])
def test_parse_years_refuses_more_digits_than_a_year_in_its_own_words(given: str) -> None:
    """int() raised on 5000 digits, and --year printed its advice about
    sys.set_int_max_str_digits."""
    with pytest.raises(ValueError, match="a year is written 2020 or 2018-2020"):
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


def test_counts_use_singulars() -> None:
    one = brief(article(), sections=(RESEARCH,))
    assert one.summary().splitlines()[-1] == (
        "1 work in 1 section, 0 copies merged, 0 unexplained lines"
    )


def test_short_repr_of_a_brief() -> None:
    whole = brief(article(), report())
    assert repr(whole) == (
        "<Brief 'Evidence Brief: Peer Support Workers' from 'brief.txt': "
        "2 works in 2 sections, 0 copies merged, 0 unexplained lines>"
    )


# --- in a real notebook page, in a real browser -------------------------------------------

_REPORT_SCRIPT = """<script>
function background(element) {
  for (let node = element; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
  }
  return 'rgb(255, 255, 255)';
}
const cells = [...document.querySelectorAll('.peerbrief td, .peerbrief th')];
const text = cells.filter(cell => !cell.classList.contains('pb-num'));
const links = [...document.querySelectorAll('.peerbrief a')];
document.body.setAttribute('data-report', JSON.stringify({
  cells: cells.length,
  align: [...new Set(text.map(cell => getComputedStyle(cell).textAlign))],
  rows: [...new Set([...document.querySelectorAll('.peerbrief tr')].map(
    row => getComputedStyle(row).backgroundColor))],
  pairs: [...cells, ...links].map(node => [getComputedStyle(node).color, background(node)]),
}));
</script>"""


def _rgb(colour: str) -> tuple[float, float, float]:
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", colour)[:3])
    return red, green, blue


def _contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two CSS colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [value / 255 for value in _rgb(colour)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_in_jupyterlab_every_cell_is_left_aligned_and_readable(
    sample: Brief, tmp_path: Path, theme: str
) -> None:
    """The displays as JupyterLab shows them (nbconvert's lab template carries its CSS,
    which right-aligns and stripes table cells), measured by Chromium."""
    nbformat = pytest.importorskip("nbformat")
    exporter = pytest.importorskip("nbconvert").HTMLExporter(template_name="lab", theme=theme)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is needed (Debian: chromium)")
    linked = article(url="https://example.org/a", provenance=(provenance(pages=(12,)),))
    displays = [
        sample.filter(section="challenges")._repr_html_(),
        brief(linked)._repr_html_(),
        linked._repr_html_(),
        sample.merges[1]._repr_html_(),
    ]
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": shown}) for shown in displays
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=outputs)])
    page = tmp_path / "page.html"
    body, _ = exporter.from_notebook_node(notebook)
    page.write_text(body.replace("</body>", _REPORT_SCRIPT + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r'data-report="([^"]*)"', dom)
    assert found, dom[-2000:]
    report = json.loads(html.unescape(found[1]))
    assert report["cells"] > 40
    assert report["align"] == ["left"]
    assert report["rows"] == ["rgba(0, 0, 0, 0)"]  # no stripes: the page's own background
    assert min(_contrast(colour, ground) for colour, ground in report["pairs"]) >= 4.5
