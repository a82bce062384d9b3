"""A real consumer: pandoc reads every format back to CSL-JSON.

pandoc (shipped by pypandoc-binary) is strict — one syntax error fails the whole file —
and it is what turns a bibliography into a Word or HTML reference list.

Two pandoc habits are style, not loss, and the comparison allows for them:
* typography: a straight apostrophe or quote comes back curly (’ “ ”), as LaTeX and
  citeproc print them;
* from BibTeX, English titles are sentence-cased: a letter starting the title or
  following ``:``, ``?``, ``!`` or ``.`` comes back capitalised. Every other letter keeps
  its case because the writer braces each capitalised word.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from factories import consumer_cases, report

from peerbrief.model import Brief, Date, Entry, Kind, Person
from peerbrief.writers import render

pytestmark = pytest.mark.slow  # runs pandoc

pypandoc = pytest.importorskip("pypandoc")

PANDOC_READERS = {"bibtex": "bibtex", "biblatex": "biblatex", "ris": "ris", "csl-json": "csljson"}
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": "'", "”": "'", '"': "'"})
SENTENCE_START = re.compile(r"(^|[:?!.]\s+)(\w)")


def fold_title(title: str) -> str:
    return SENTENCE_START.sub(lambda m: m[1] + m[2].upper(), title.translate(QUOTES))


def read_with_pandoc(entries: list[Entry], fmt: str) -> list[dict[str, Any]]:
    text = render(entries, fmt)
    items: list[dict[str, Any]] = json.loads(
        pypandoc.convert_text(text, "csljson", format=PANDOC_READERS[fmt])
    )
    return items


def pandoc_names(item: dict[str, Any]) -> list[tuple[str, str | None]]:
    names: list[tuple[str, str | None]] = []
    for name in item.get("author", []):
        if "literal" in name:
            names.append((name["literal"], None))
            continue
        parts = (name.get(k) for k in ("dropping-particle", "non-dropping-particle", "family"))
        names.append((" ".join(part for part in parts if part), name.get("given")))
    return names


def expected_names(entry: Entry, fmt: str) -> list[tuple[str, str | None]]:
    names = [(person.family, person.given) for person in entry.authors]
    complete_report = entry.kind is Kind.REPORT and entry.publisher and entry.date
    if fmt == "bibtex" and not names and complete_report:
        # plain.bst requires an author for @techreport: the publisher is group author.
        names = [(entry.publisher or "", None)]
    # BibTeX's "and others" is read as the literal "others", which pandoc prints as
    # "et al."; RIS has no way to say it, and CSL-JSON keeps it where Zotero does not
    # make it a creator (custom).
    if entry.authors_truncated and names and fmt in ("bibtex", "biblatex"):
        names.append(("others", None))
    return names


def check(entry: Entry, item: dict[str, Any], fmt: str) -> None:
    assert fold_title(item["title"]) == fold_title(entry.title)
    assert pandoc_names(item) == expected_names(entry, fmt)
    issued = item.get("issued", {}).get("date-parts", [[None]])
    assert issued[0][0] == entry.year
    assert item.get("container-title") == entry.container_title
    assert item.get("volume") == entry.volume
    assert item.get("issue") == entry.issue
    assert item.get("page") == (str(entry.pages) if entry.pages else None)
    # pandoc's RIS reader reads no Y2, and RIS has no status; biblatex's "inpress"
    # pandoc reads as "in press".
    read = entry.accessed
    accessed = read and [[part for part in (read.year, read.month, read.day) if part]]
    assert item.get("accessed", {}).get("date-parts") == (None if fmt == "ris" else accessed)
    status = entry.status if fmt == "csl-json" else entry.status and entry.status.lower()
    assert item.get("status") == (None if fmt == "ris" else status)


HAND_MADE = consumer_cases()


@pytest.mark.parametrize("fmt", list(PANDOC_READERS))
def test_pandoc_reads_hand_made_entries(fmt: str) -> None:
    items = read_with_pandoc(HAND_MADE, fmt)
    assert len(items) == len(HAND_MADE)
    for entry, item in zip(HAND_MADE, items, strict=True):
        check(entry, item, fmt)
    assert items[1]["type"] == "report"
    assert items[1]["publisher"] == "NHS England"
    assert items[0].get("DOI") == "10.1111/inm.12382"
    assert items[1].get("URL") == "https://www.england.nhs.uk/long-read/plan/?a=1;b=2"


@pytest.fixture(scope="module")
def sample_entries(sample: Brief) -> list[Entry]:
    return list(sample.entries)


@pytest.mark.parametrize("fmt", list(PANDOC_READERS))
def test_pandoc_reads_the_whole_sample(sample_entries: list[Entry], fmt: str) -> None:
    items = read_with_pandoc(sample_entries, fmt)
    assert len(items) == len(sample_entries)
    for entry, item in zip(sample_entries, items, strict=True):
        check(entry, item, fmt)


PANDOC_SEASONS = {1: 13, 2: 14, 3: 15, 4: 16}
"""CSL season → the month number pandoc's citeproc gives it."""


@pytest.mark.parametrize("season", [1, 2, 3, 4])
def test_pandoc_reads_every_season_and_season_range_from_csl_json(season: int) -> None:
    """pandoc takes a date's ``raw`` first; a season name it does not know (it reads
    "Autumn 2021" as no date) would lose the whole date."""
    dated = [
        report(title="Single", date=Date(2021, season=season)),
        report(title="Range", date=Date(2021, season=1, end=Date(2021, season=season))),
    ]
    single, season_range = read_with_pandoc(dated, "csl-json")
    assert single["issued"]["date-parts"] == [[2021, PANDOC_SEASONS[season]]]
    # "Spring-Summer 2021" pandoc reads as no date; each end in full it reads.
    assert season_range["issued"]["date-parts"] == [[2021, 13], [2021, PANDOC_SEASONS[season]]]


ACCESS_NOTES = ("Abstract only", "Abstracts only", "OpenAthens")


@pytest.mark.parametrize("fmt", list(PANDOC_READERS))
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_pandoc_citeproc_prints_no_access_note_and_no_others(
    sample_entries: list[Entry], fmt: str, style: str, tmp_path: Path
) -> None:
    """A formatted bibliography from every format: what pandoc prints holds no access note
    and no person named "others"; from BibTeX, "et al." where the list was truncated."""
    from peerbrief.cite import style_path

    # pandoc picks its reader by extension: .bibtex for BibTeX, .bib for biblatex.
    extension = {"bibtex": "bibtex", "biblatex": "bib", "ris": "ris", "csl-json": "json"}[fmt]
    bibliography = tmp_path / f"refs.{extension}"
    bibliography.write_text(render(sample_entries, fmt), encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    printed = subprocess.run(
        [pypandoc.get_pandoc_path(), "doc.md", "--citeproc", f"--bibliography={bibliography.name}",
         f"--csl={style_path(style)}", "-t", "plain", "--wrap=none"],
        cwd=tmp_path, capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    references = [block for block in printed.split("\n\n") if block.strip()]
    assert len(references) == len(sample_entries)
    assert not any(note in printed for note in ACCESS_NOTES)
    assert not re.search(r"\bothers\b", printed)
    if fmt in ("bibtex", "biblatex"):
        truncated = sum(entry.authors_truncated for entry in sample_entries)
        assert printed.count("et al.") >= truncated


@pytest.mark.parametrize("fmt", ["biblatex", "csl-json"])
def test_pandoc_reads_each_particle_as_the_kind_it_is(fmt: str) -> None:
    """pandoc reads a biblatex "von" part as CSL's dropping particle unless the entry says
    ``useprefix=true``: "van der Berg" then printed "Berg, J. van der" in APA."""
    entry = Entry(
        title="T", authors=(Person("van der Berg", "Jan"), Person("Smith", "Ann")), date=Date(2019)
    )
    dropping = Entry(title="U", authors=(Person("von Moltke", "Helmut"),), date=Date(2019))
    first, second = read_with_pandoc([entry, dropping], fmt)
    assert first["author"][0] == {
        "family": "Berg", "given": "Jan", "non-dropping-particle": "van der"
    }  # fmt: skip
    assert second["author"] == [{"family": "Moltke", "given": "Helmut", "dropping-particle": "von"}]
