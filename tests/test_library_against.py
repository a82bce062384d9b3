"""Which works of the sample brief a library lacks, when the library is the sample's own
export through every format: whole, less ten works, re-styled as reference managers and
their users leave records, and holding other editions of some of the ten."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from factories import article, report, video

import peerbrief
from peerbrief import Brief, Date, Entry, Person
from peerbrief.writers import FORMATS, render

# A handful of NLM title-word abbreviations, to re-style journal names as a library would.
NLM = {"journal": "J", "international": "Int", "mental": "Ment", "nursing": "Nurs",
       "psychiatric": "Psychiatr", "services": "Serv", "research": "Res", "social": "Soc",
       "psychology": "Psychol", "rehabilitation": "Rehabil", "community": "Community"}  # fmt: skip
DROPPED = {"of", "the", "and", "in", "for", "&"}


def abbreviated(journal: str) -> str:
    """As NLM abbreviates: no place qualifier "(Abingdon, England)", no MEDLINE subtitle."""
    journal = re.sub(r"\s*\([^)]*\)|\s+:\s.*", "", journal)
    words = [word for word in re.split(r"[\s-]+", journal) if word.lower() not in DROPPED]
    return " ".join(NLM.get(word.lower(), word[:5] if len(word) > 6 else word) for word in words)


def restyled(entry: Entry) -> Entry:
    """As a library holds it: journal abbreviated, title in Title Case, no abstract, no tags."""
    return attrs.evolve(
        entry,
        title=re.sub(r"\b[a-z]", lambda match: match.group().upper(), entry.title),
        container_title=abbreviated(entry.container_title) if entry.container_title else None,
        abstract=None,
        sections=(),
        provenance=(),
    )


def library_of(entries: Sequence[Entry], fmt: str) -> peerbrief.Bibliography:
    text = render(entries, fmt)
    library = peerbrief.read_bibliography(text.encode("utf-8"), name=f"library.{fmt}")
    assert library.problems == ()
    return library


def ten_of(sample: Brief) -> list[Entry]:
    """Ten works of every sort: reports, articles, a video, bare titles, merged copies."""
    return [entry for number, entry in enumerate(sample.entries) if number % 11 == 5][:10]


@pytest.fixture(scope="module", params=list(FORMATS))
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_against_its_own_export_nothing_is_new(sample: Brief, fmt: str) -> None:
    holdings = peerbrief.against(sample, library_of(sample.entries, fmt))
    assert holdings.new == ()
    assert all(len(match.records) == 1 for match in holdings.matches)


def test_against_an_export_less_ten_works_exactly_those_are_new(sample: Brief, fmt: str) -> None:
    ten = ten_of(sample)
    kept = [entry for entry in sample.entries if entry not in ten]
    assert peerbrief.against(sample, library_of(kept, fmt)).new == tuple(ten)


def test_a_restyled_library_still_holds_what_it_has(sample: Brief, fmt: str) -> None:
    ten = ten_of(sample)
    kept = [restyled(entry) for entry in sample.entries if entry not in ten]
    assert peerbrief.against(sample, library_of(kept, fmt)).new == tuple(ten)


def test_another_edition_of_a_missing_work_does_not_hold_it(sample: Brief, fmt: str) -> None:
    ten = ten_of(sample)
    dated = [entry for entry in ten if entry.date is not None]
    editions = [attrs.evolve(e, date=Date(e.date.year + 3), doi=None) for e in dated if e.date]
    kept = [restyled(entry) for entry in sample.entries if entry not in ten]
    holdings = peerbrief.against(sample, library_of(kept + editions, fmt))
    assert len(editions) >= 5
    assert holdings.new == tuple(ten)


def test_keep_new_is_a_post_read_step(sample: Brief) -> None:
    ten = ten_of(sample)
    library = library_of([entry for entry in sample.entries if entry not in ten], "ris")
    brief = peerbrief.read(peerbrief.sample_path(), steps=[peerbrief.keep_new(library)])
    assert brief.entries == tuple(ten)


# --- An article's online and print years ------------------------------------------------


def test_an_article_dated_a_year_apart_in_the_same_volume_is_held(sample: Brief) -> None:
    """A library dates an article when it appeared online (December 2020); the brief by its
    issue (2021). The same journal, volume and first author make it one article."""
    articles = [e for e in sample.entries if e.volume and e.authors and e.date][:10]
    online = [attrs.evolve(restyled(e), date=Date(e.date.year - 1, 12)) for e in articles if e.date]
    holdings = peerbrief.against(articles, library_of(online, "ris"))
    assert holdings.new == ()
    for match in holdings.held:
        assert any(line.startswith("years one apart") for line in match.evidence)
        assert not any(line.startswith("no two copies disagree") and "year" in line
                       for line in match.evidence)  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {"volume": None},  # only title, journal and author: the next year's paper?
        {"volume": "67"},
        {"date": Date(2018)},  # two years apart
        {"authors": ()},
    ],
)
def test_an_article_a_year_apart_without_its_volume_agreeing_is_not_held(
    change: dict[str, Any],
) -> None:
    work = article(doi=None)
    record = attrs.evolve(work, **{"date": Date(2019), **change})
    assert peerbrief.against([work], [record]).new == (work,)


def test_an_article_a_year_apart_with_its_doi_is_held() -> None:
    work = article(volume=None)
    assert peerbrief.against([work], [attrs.evolve(work, date=Date(2019, 12))]).new == ()


def test_a_report_a_year_apart_is_another_edition_unless_the_doi_is_one() -> None:
    work = report(doi="10.1000/report")
    next_year = attrs.evolve(work, date=Date(2024), doi=None)
    assert peerbrief.against([work], [next_year]).new == (work,)
    assert peerbrief.against([work], [attrs.evolve(next_year, doi=work.doi)]).new == ()


# --- A reference manager's default type ----------------------------------------------------

ENDNOTE_DEFAULT_TYPE = """TY  - JOUR
AU  - NHS England,
TI  - NHS long term workforce plan
PY  - 2023
PB  - NHS England
{more}ER  -
"""


def test_a_report_typed_journal_article_by_default_holds_the_report() -> None:
    """EndNote types a record "Journal Article" unless told otherwise: a report entered so,
    with no journal, volume or pages, was another kind of work, so new."""
    work = report()
    library = peerbrief.read_bibliography(ENDNOTE_DEFAULT_TYPE.format(more="").encode())
    assert peerbrief.against([work], library).new == ()


@pytest.mark.parametrize("more", ["T2  - Health Service Journal\n", "VL  - 12\n", "SP  - 4\n"])
def test_a_journal_article_giving_its_journal_is_not_a_report(more: str) -> None:
    library = peerbrief.read_bibliography(ENDNOTE_DEFAULT_TYPE.format(more=more).encode())
    assert peerbrief.against([report()], library).new == (report(),)


# --- A video's label -----------------------------------------------------------------------


@pytest.mark.parametrize(("in_brief", "in_library"), [(True, False), (False, True), (True, True)])
def test_a_video_is_held_with_or_without_the_briefs_label(in_brief: bool, in_library: bool) -> None:
    """A brief titles a film "Video: Peer Support"; a library, "Peer Support"."""
    work = video(title="Video: Peer Support" if in_brief else "Peer Support")
    record = video(title="Video: Peer Support" if in_library else "Peer Support")
    [match] = peerbrief.against([work], [record]).held
    read_without = (
        "a title read without the brief's video label, the year ending it, or (with the same"
        " DOI) its subtitle"
    )
    assert (read_without in match.evidence) is (in_brief != in_library)


def test_a_label_does_not_make_a_report_of_the_title_a_video() -> None:
    work = video()
    assert peerbrief.against([work], [report(title="Peer Support", date=Date(2016, 3))]).new == (
        work,
    )


# --- A title ending in its year ----------------------------------------------------------


@pytest.mark.parametrize(
    ("in_brief", "in_library"),
    [
        ("Raising the glass ceiling – 2021", "Raising the glass ceiling"),
        ("Raising the glass ceiling", "Raising the glass ceiling (2021)"),
    ],
)
def test_a_title_ending_in_its_own_year_is_held_by_one_without_it(
    in_brief: str, in_library: str
) -> None:
    work = report(title=in_brief, date=Date(2021))
    assert peerbrief.against([work], [report(title=in_library, date=Date(2021))]).new == ()


@pytest.mark.parametrize(
    ("in_brief", "date"),
    [
        ("Raising the glass ceiling – 2021", Date(2022)),  # another edition
        ("Raising the glass ceiling – 2020", Date(2021)),  # the title's year is another
    ],
)
def test_a_year_in_a_title_tells_editions_apart_when_the_date_does(
    in_brief: str, date: Date
) -> None:
    work = report(title=in_brief, date=Date(2021))
    record = report(title="Raising the glass ceiling", date=date)
    assert peerbrief.against([work], [record]).new == (work,)


# --- A first author written another way ------------------------------------------------


@pytest.mark.parametrize(
    ("library", "held"),
    [
        ("TY  - JOUR\nTI  - {title}\nAU  - Otte I\nPY  - 2020\nER  -\n", True),
        ("TY  - JOUR\nTI  - {title}\nAU  - Otte IR\nPY  - 2020\nER  -\n", True),
        ("TY  - JOUR\nTI  - {title}\nAU  - Otte Q\nPY  - 2020\nER  -\n", False),  # initial
        ("TY  - JOUR\nTI  - {title}\nAU  - Otter I\nPY  - 2020\nER  -\n", False),
    ],
)
def test_a_vancouver_name_without_its_comma_is_the_first_author(library: str, held: bool) -> None:
    """ "Otte I" as one name was another first author than Otte, Ilona: the work was new."""
    work = article(doi=None, authors=(Person("Otte", "Ilona"),))
    records = peerbrief.read_bibliography(library.format(title=work.title).encode())
    assert peerbrief.against([work], records).new == (() if held else (work,))


@pytest.mark.parametrize(
    ("author", "held"), [("Public Health England", True), ("Health England", False)]
)
def test_an_organisation_bibtex_split_for_want_of_braces_is_the_first_author(
    author: str, held: bool
) -> None:
    """BibTeX reads "Public Health England" as given "Public Health", family "England"."""
    work = report(authors=(Person("Public Health England", organisation=True),))
    text = f"@techreport{{k, title = {{{work.title}}}, author = {{{author}}}, year = 2023}}"
    records = peerbrief.read_bibliography(text.encode(), name="library.bib")
    assert peerbrief.against([work], records).new == (() if held else (work,))


@pytest.mark.parametrize(("doi", "held"), [("10.1177/0020764020904764", True), (None, False)])
def test_a_title_without_its_subtitle_holds_the_work_only_with_the_same_doi(
    doi: str | None, held: bool
) -> None:
    work = article(title="Peer support workers in mental health: a qualitative study")
    record = attrs.evolve(work, title="Peer support workers in mental health", doi=doi)
    assert peerbrief.against([work], [record]).new == (() if held else (work,))


# --- A video's place, which classic BibTeX joins to its publisher ---------------------------


@pytest.mark.parametrize("place", ["London", "London, UK", "Harrogate"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_video_with_a_place_is_held_by_its_own_export(place: str, fmt: str) -> None:
    """Classic BibTeX writes a video as ``@misc``, publisher and place joined in
    ``howpublished = {Publisher, Place}``; read back, the work is still the same."""
    work = video(publisher="Royal Pharmaceutical Society", place=place)
    assert peerbrief.against([work], library_of([work], fmt)).new == ()
