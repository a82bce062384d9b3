"""Which works of the sample brief a library lacks, when the library is the sample's own
export through every format: whole, less ten works, re-styled as reference managers and
their users leave records, and holding other editions of some of the ten."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pytest
from factories import article, report, video
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Brief, Date, Entry, Kind, Pages, Person
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
        "a title read without the brief's video label or the year ending it, as the start of"
        " the brief's (cut at 255 characters), or (with the same DOI) without its subtitle,"
        " or (with the same journal, volume, first page and first author) with a subtitle"
        " left out or added or worded otherwise"
    )
    assert (read_without in match.evidence) is (in_brief != in_library)


YOUTUBE = "https://www.youtube.com/watch?v=peer1"
CSL_WEB_PAGE = (
    f'[{{"type": "webpage", "title": "Peer Support", "URL": "{YOUTUBE}",'
    ' "issued": {"date-parts": [[2016]]}}]'
)


@pytest.mark.parametrize(
    ("library", "held"),
    [
        (f"TY  - ELEC\nTI  - Peer Support\nUR  - {YOUTUBE}\nPY  - 2016\nER  - \n", True),
        (
            "@online{k, title = {Video: Peer Support}, date = {2016-03}, urldate = {2023-11-20}}",
            True,
        ),
        (
            "@online{k, title = {Peer Support}, date = {2016-03}, url = {https://youtu.be/peer1}}",
            True,
        ),
        ("@misc{k, title = {Peer Support}, year = 2016, url = {https://vimeo.com/1234}}", True),
        (f"%0 Web Page\n%T Peer Support\n%U {YOUTUBE}\n%D 2016\n", True),
        (CSL_WEB_PAGE, True),
        # Not a film: a web page elsewhere, or a report that links to one.
        (
            "@online{k, title = {Peer Support}, date = {2016-03}, url = {https://nhs.uk/peer}}",
            False,
        ),
        (f"TY  - RPRT\nTI  - Peer Support\nUR  - {YOUTUBE}\nPY  - 2016\nER  - \n", False),
    ],
)
def test_a_web_page_of_a_film_holds_the_video(library: str, held: bool) -> None:
    """Mendeley and biblatex have no type for a film, and a YouTube video is often saved as
    a web page: the record was a report, so the brief's video was new."""
    work = video(url=YOUTUBE)
    records = peerbrief.read_bibliography(library.encode(), name="library")
    assert peerbrief.against([work], records).new == (() if held else (work,))


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


@pytest.mark.parametrize(
    ("title", "held"),
    [
        ("Nurses of the 21<sup>st</sup> century and CO<sub>2</sub> at work", True),
        ("<i>Nurses</i> of the 21<sup>st</sup> century and CO<sub>2</sub> at work", True),
        ('<span class="nocase">Nurses</span> of the 21st century and CO2 at work', True),
        ("Nurses of the 21<sup>st</sup> century and CO<sub>3</sub> at work", False),
        ("Nurses of the 20<sup>th</sup> century and CO<sub>2</sub> at work", False),
        ("Nurses<br>of the 21<sup>st</sup> century and CO<sub>2</sub> at<br/>work", True),
        ("Nurses of the 21<sup>st</sup> century and CO<sub>2</sub> at<p>work", True),
    ],
)
def test_a_zotero_title_with_inline_html_holds_the_work(title: str, held: bool) -> None:
    """Zotero keeps rich text as HTML: a tag inside a word made two words of it ("21
    st"), so the brief's "21ˢᵗ century" was new."""
    work = article(title="Nurses of the 21ˢᵗ century and CO₂ at work")
    record = attrs.evolve(work, title=title)
    assert peerbrief.against([work], [record]).new == (() if held else (work,))


@pytest.mark.parametrize(
    ("brief", "record", "held"),
    [
        (Pages("e188"), Pages("188"), True),
        (Pages("188"), Pages("e188"), True),
        (Pages("e025166"), Pages("025166"), True),
        (Pages("e12", "e20"), Pages("12", "20"), True),
        (Pages("e188"), Pages("e189"), False),
        (Pages("e188"), Pages("189"), False),
        (Pages("188"), Pages("p188"), False),
    ],
)
def test_an_article_number_with_or_without_its_e_holds_the_work(
    brief: Pages, record: Pages, held: bool
) -> None:
    """PubMed writes an electronic article number ``e188``, Crossref and publishers often
    ``188``: the same article was new, its pages differing."""
    work = article(doi=None, pages=brief)
    records = [attrs.evolve(work, pages=record, provenance=())]
    assert peerbrief.against([work], records).new == (() if held else (work,))


LONG_TITLE = (
    "Peer support workers in community mental health teams: a realist evaluation of how "
    "training, supervision, line management and organisational readiness shape the "
    "introduction, retention and sustainability of lived experience roles across "
    "statutory and voluntary sector services in England, Scotland and Wales, 2015 to 2021"
)


@pytest.mark.parametrize(
    ("title", "changes", "held"),
    [
        (LONG_TITLE[:255], {}, True),
        (LONG_TITLE[:255].rstrip(), {}, True),  # a cut before a space, trimmed
        (LONG_TITLE[:252] + "...", {}, True),
        (LONG_TITLE[:250] + "…", {}, True),
        (LONG_TITLE[:255] + ".", {}, True),  # a style's full stop after the cut
        (LONG_TITLE[:248].rpartition(" ")[0], {}, True),  # back to a whole word
        (LONG_TITLE[:255], {"date": Date(2017)}, False),  # another year
        (LONG_TITLE[:255], {"authors": (Person("Smith", "Jane"),)}, False),
        (LONG_TITLE[:255], {"container_title": "Health Expectations"}, False),
        (LONG_TITLE[:200], {}, False),  # not cut at a field's limit: another title
        (LONG_TITLE[:255].replace("realist", "realistic"), {}, False),
    ],
)
def test_a_title_cut_at_255_characters_holds_the_work(
    title: str, changes: dict[str, Any], held: bool
) -> None:
    """Databases and reference managers cut a title at their field's 255 characters: the
    work was new. The record must begin the brief's title and agree on all else."""
    work = article(title=LONG_TITLE, doi=None)
    record = attrs.evolve(work, title=title, provenance=(), **changes)
    holdings = peerbrief.against([work], [record])
    assert holdings.new == (() if held else (work,))
    if held:
        assert any("cut at 255 characters" in line for line in holdings.matches[0].evidence)


def test_a_title_cut_short_is_held_by_a_ris_record() -> None:
    work = article(title=LONG_TITLE, doi=None)
    first = work.authors[0]
    tags: list[tuple[str, object]] = [("TY", "JOUR"), ("TI", LONG_TITLE[:255])]
    tags += [("AU", f"{first.family}, {first.given}")]
    tags += [("PY", "2020"), ("T2", work.container_title), ("VL", "66"), ("ER", "")]
    text = "".join(f"{tag}  - {value}\n" for tag, value in tags)
    library = peerbrief.read_bibliography(text.encode(), name="library.ris")
    assert peerbrief.against([work], library).new == ()


PROMISE = Entry(
    title="Looking after our people: the people promise",
    kind=Kind.REPORT,
    url="https://www.england.nhs.uk/our-nhs-people/",
    abstract="Seven promises that NHS staff said would most improve their working experience.",
)


@pytest.mark.parametrize(
    ("changes", "held"),
    [
        ({"abstract": "The NHS People Promise: what staff want."}, True),
        ({"abstract": None}, True),
        ({"abstract": "Other", "url": "https://www.england.nhs.uk/people-plan/"}, False),
        ({"abstract": "Other", "url": None}, False),
        ({"abstract": "Other", "place": "Leeds"}, True),
        ({"abstract": "Other", "issue": "2"}, True),
    ],
)
def test_a_bare_record_with_the_works_link_is_held_whatever_its_abstract(
    changes: dict[str, Any], held: bool
) -> None:
    """A report a brief gives with its link and annotation only; the library's record
    (title, link and the page's own abstract, as Zotero or Mendeley saves it) was new."""
    record = attrs.evolve(PROMISE, **changes)
    holdings = peerbrief.against([PROMISE], [record])
    assert holdings.new == (() if held else (PROMISE,))


def test_within_a_brief_abstracts_still_tell_bare_listings_apart() -> None:
    other = attrs.evolve(PROMISE, abstract="Another annotation altogether.")
    assert len(peerbrief.dedupe([PROMISE, other]).entries) == 2


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
    ("author", "held"),
    [
        ("Ilona Otte", True),
        ("I. R. Otte", True),
        ("Ilona van der Otte", False),
        ("Karin Otte", False),  # another initial
        ("Ilona Otter", False),
    ],
)
def test_a_name_given_first_without_a_comma_is_the_first_author(author: str, held: bool) -> None:
    """Open Journal Systems' RIS (2017-2019) wrote ``AU - Given Family``: read as one name,
    "Ilona Otte" was another first author than Otte, Ilona, and the work was new."""
    work = article(doi=None, authors=(Person("Otte", "Ilona"),))
    text = (
        f"TY - JOUR\nAU - {author}\nPY - 2020/03/01\nTI - {work.title}\n"
        f"JF - {work.container_title}\nVL - {work.volume}\nIS - 3\nER -\n"
    )
    records = peerbrief.read_bibliography(text.encode(), name="ojs.ris")
    [match] = peerbrief.against([work], records).matches
    assert match.is_new is not held
    if held:
        assert any("given name first without a comma" in line for line in match.evidence)


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


@pytest.mark.parametrize(
    ("author", "held"),
    [
        ("Skills for Health, the Sector Skills Council for Health", True),
        ("Skills for Health, Sector Skills Council", False),  # another body
        ("Skills, Health", False),
    ],
)
@pytest.mark.parametrize("form", ["TY  - RPRT\nAU  - {author}\n", "%0 Report\n%A {author}\n"])
def test_an_organisation_with_a_comma_read_as_family_and_given_is_the_first_author(
    author: str, held: bool, form: str
) -> None:
    """RIS and Refer read a name with a comma as "Family, Given": the body "Skills for
    Health, the Sector Skills Council for Health" was another first author, so new."""
    body = "Skills for Health, the Sector Skills Council for Health"
    work = report(authors=(Person(body, organisation=True),), date=Date(2023))
    tags = ("TI  - {title}\nPY  - 2023\nER  -\n", "%T {title}\n%D 2023\n")[form.startswith("%")]
    text = (form + tags).format(author=author, title=work.title)
    records = peerbrief.read_bibliography(text.encode(), name="library")
    assert peerbrief.against([work], records).new == (() if held else (work,))


@pytest.mark.parametrize(
    ("family", "given", "author", "held"),
    [
        ("Ó Ceallaigh", "Dara", "Dara Ó Ceallaigh", True),  # family "Ceallaigh"
        ("Ó Ceallaigh", "Dara", "Dara {Ó Ceallaigh}", True),
        ("Van der Berg", "Anke", "Anke Van der Berg", True),  # family "der Berg"
        ("Ó Ceallaigh", "Dara", "Niamh Ó Ceallaigh", False),  # another person
        ("Ó Ceallaigh", "Dara", "Dara Ó Ceallach", False),
        ("Van der Berg", "Anke", "Anke Van der Bergh", False),
    ],
)
def test_a_name_bibtex_splits_elsewhere_is_the_first_author(
    family: str, given: str, author: str, held: bool
) -> None:
    """Written given name first, BibTeX takes "Ó" for a given name and "Van" too, so the
    first author was another than the brief's "Ó Ceallaigh, Dara": the work was new."""
    work = article(doi=None, authors=(Person(family, given),))
    text = (
        f"@article{{k, title = {{{work.title}}}, author = {{{author} and Jo Smith}},"
        f" journal = {{{work.container_title}}}, year = 2020, volume = 66}}"
    )
    records = peerbrief.read_bibliography(text.encode(), name="library.bib")
    assert peerbrief.against([work], records).new == (() if held else (work,))


def test_a_title_without_its_subtitle_holds_the_work_with_the_same_doi() -> None:
    work = article(title="Peer support workers in mental health: a qualitative study")
    record = attrs.evolve(work, title="Peer support workers in mental health", pages=None)
    assert peerbrief.against([work], [record]).new == ()


@pytest.mark.parametrize(
    ("changes", "held"),
    [
        ({}, True),  # the same journal, volume, first page and first author
        ({"pages": Pages("263")}, True),  # the first page alone
        ({"container_title": "Int J Soc Psychiatry"}, True),
        ({"date": Date(2019)}, True),  # online the year before its print
        ({"pages": None}, False),
        ({"pages": Pages("270", "276")}, False),  # another article of the volume
        ({"volume": None}, False),
        ({"volume": "67"}, False),
        ({"container_title": None}, False),
        ({"container_title": "Health Expectations"}, False),
        ({"authors": ()}, False),
        ({"authors": (Person("Lindqvist", "Karin"),)}, False),
        ({"authors": (Person("Otte", "Karin"),)}, False),
        ({"date": Date(2017)}, False),
        ({"kind": Kind.REPORT, "container_title": None, "publisher": "Sage"}, False),
    ],
)
@pytest.mark.parametrize(
    "title",
    [
        "Peer support workers in mental health",  # the subtitle left out
        "Peer support workers in mental health: a qualitative study of their roles",  # added
        "The peer-support workers in mental health: a qualitative study",  # worded otherwise
    ],
)
def test_a_title_reworded_holds_the_work_only_with_the_same_doi_or_citation(
    title: str, changes: dict[str, Any], held: bool
) -> None:
    """A library that left out a subtitle (an import from Crossref's title alone), added one,
    or wrote a word break or leading article otherwise, holds an article it cites in full:
    the same journal, volume, first page and first author locate one article."""
    work = article(title="Peer support workers in mental health: a qualitative study", doi=None)
    record = attrs.evolve(work, title=title, provenance=(), **changes)
    [match] = peerbrief.against([work], [record]).matches
    assert match.is_new is not held
    if held:
        assert any("worded otherwise" in line for line in match.evidence)


@pytest.mark.parametrize(
    "subtitle",
    ["part 2", "Part II", "2nd edition", "phase 3 results", "erratum", "a reply", "summary"],
)
@pytest.mark.parametrize("added", [True, False])
def test_a_subtitle_numbering_or_naming_another_work_keeps_it_apart(
    subtitle: str, added: bool
) -> None:
    """Even citing the same journal, volume, first page and first author (a record
    mistyped, or a brief), "Title: part 2" or "Title: erratum" is not "Title"."""
    title = "Peer support workers in mental health"
    work = article(title=f"{title}: {subtitle}" if not added else title, doi=None)
    record = attrs.evolve(work, title=f"{title}: {subtitle}" if added else title, provenance=())
    assert peerbrief.against([work], [record]).new == (work,)


# --- A video's place, which classic BibTeX joins to its publisher ---------------------------


@pytest.mark.parametrize("place", ["London", "London, UK", "Harrogate"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_video_with_a_place_is_held_by_its_own_export(place: str, fmt: str) -> None:
    """Classic BibTeX writes a video as ``@misc``, publisher and place joined in
    ``howpublished = {Publisher, Place}``; read back, the work is still the same."""
    work = video(publisher="Royal Pharmaceutical Society", place=place)
    assert peerbrief.against([work], library_of([work], fmt)).new == ()


# --- A number given otherwise: a typo in the brief or the library ---------------------------

CHINMAN = article(
    title="Establishing a research agenda for understanding the role and impact of mental "
    "health peer specialists",
    authors=(Person("Chinman"),),
    container_title="Psychiatric Services",
    volume="68",
    issue="9",
    pages=peerbrief.Pages("955", "977"),  # as the sample brief gives them; 955-957 in print
    date=Date(2017),
    doi=None,
)


def evidence_of(work: Entry, record: Entry) -> tuple[str, ...]:
    (match,) = peerbrief.against([work], [record]).matches
    assert not match.is_new
    return match.evidence


@pytest.mark.parametrize(
    ("pages", "shown"),
    [
        (peerbrief.Pages("955", "957"), "955-957"),  # the last page mistyped
        (peerbrief.Pages("959", "977"), "959-977"),  # the first
        (peerbrief.Pages("955", "7"), "955-7"),  # abbreviated, as PubMed writes it
    ],
)
def test_pages_differing_at_one_end_alone_hold_the_article(
    pages: peerbrief.Pages, shown: str
) -> None:
    evidence = evidence_of(CHINMAN, attrs.evolve(restyled(CHINMAN), pages=pages))
    assert (
        f"pages differ: 955-977 in the brief, {shown} in the record (one end of the range "
        "agrees: read as a typo in one of them)" in evidence
    )
    assert not any(line.startswith("same pages") for line in evidence)
    assert not any(line.startswith("no two copies disagree") and "pages" in line
                   for line in evidence)  # fmt: skip


def test_an_issue_differing_alone_holds_the_article_and_says_so() -> None:
    evidence = evidence_of(CHINMAN, attrs.evolve(CHINMAN, issue="8"))
    assert "issues differ: 9 in the brief, 8 in the record" in "\n".join(evidence)


@pytest.mark.parametrize(
    "decoy",
    [
        # The same title and author, another year: another paper (or edition).
        {"date": Date(2018), "pages": peerbrief.Pages("955", "957")},
        # The same journal, volume and pages, another title.
        {"title": "Peer specialists in the VA: a survey", "pages": peerbrief.Pages("955", "957")},
        # An erratum or correction: its own title, or the article's, on a page of its own.
        {"title": f"Correction to: {CHINMAN.title}", "pages": peerbrief.Pages("1010")},
        {"pages": peerbrief.Pages("1010")},
        {"pages": peerbrief.Pages("1010", "1011")},
        # Part 1 and part 2 of one title.
        {"title": f"{CHINMAN.title}: part 2", "pages": peerbrief.Pages("955", "957")},
        # Two numbers differ, not one.
        {"issue": "10", "pages": peerbrief.Pages("955", "957")},
        {"volume": "69", "pages": peerbrief.Pages("955", "957")},
        # Another first author, another journal.
        {"authors": (Person("McInnes"),), "pages": peerbrief.Pages("955", "957")},
        {"container_title": "Psychiatric Rehabilitation Journal",
         "pages": peerbrief.Pages("955", "957")},
        # Not an article: no journal to hold the pages to.
        {"kind": peerbrief.Kind.REPORT, "container_title": None,
         "pages": peerbrief.Pages("955", "957")},
    ],
)  # fmt: skip
def test_a_decoy_differing_in_more_than_its_pages_stays_new(decoy: dict[str, Any]) -> None:
    record = attrs.evolve(CHINMAN, **decoy)
    assert peerbrief.against([CHINMAN], [record]).new == (CHINMAN,)


def test_a_reports_next_edition_stays_new_whatever_its_pages() -> None:
    work = report(pages=peerbrief.Pages("1", "40"))
    next_edition = attrs.evolve(work, date=Date(2024, 6), pages=peerbrief.Pages("1", "44"))
    assert peerbrief.against([work], [next_edition]).new == (work,)
    assert peerbrief.against([work], [attrs.evolve(next_edition, date=work.date)]).new == (work,)


def test_within_a_brief_pages_that_differ_keep_two_listings_apart() -> None:
    """De-duplication stays strict: a false merge loses a reference unseen."""
    copy = attrs.evolve(CHINMAN, pages=peerbrief.Pages("955", "957"))
    assert len(peerbrief.dedupe([CHINMAN, copy])) == 2


def test_the_sample_brief_s_mistyped_pages_are_held_by_the_printed_record(sample: Brief) -> None:
    """The sample lists Chinman 2017 as pp. 955-977; PubMed's record says 955-7."""
    library = peerbrief.read_bibliography(
        b"PMID- 28712356\nDP  - 2017 Sep 1\nTI  - Establishing a Research Agenda for "
        b"Understanding the Role and Impact of Mental Health Peer Specialists.\nPG  - 955-7\n"
        b"VI  - 68\nIP  - 9\nFAU - Chinman, Matthew\nJT  - Psychiatric services (Washington, "
        b"D.C.)\nPT  - Journal Article\n",
        name="pubmed.nbib",
    )
    (held,) = peerbrief.against(sample, library).held
    assert held.entry.title.startswith("Establishing a research agenda")


_PAGE = st.integers(1, 3000)


@given(first=_PAGE, length=st.integers(1, 60), data=st.data(), end=st.booleans())
def test_any_one_mistyped_end_of_the_pages_holds_the_article(
    first: int, length: int, data: st.DataObject, end: bool
) -> None:
    last = first + length
    work = attrs.evolve(CHINMAN, pages=peerbrief.Pages(str(first), str(last)))
    if end:  # a last page mistyped, after the first
        pages = peerbrief.Pages(
            str(first), str(data.draw(st.integers(first, 9999).filter(lambda n: n != last)))
        )
    else:  # a first page mistyped, before the last (a range written backwards is abbreviated)
        pages = peerbrief.Pages(
            str(data.draw(st.integers(1, last).filter(lambda n: n != first))), str(last)
        )
    assert peerbrief.against([work], [attrs.evolve(work, pages=pages)]).new == ()


@given(
    first=_PAGE,
    typo=st.integers(1, 999),
    other=st.sampled_from(
        [
            {"date": Date(2016)},
            {"volume": "67"},
            {"issue": "4"},
            {"authors": (Person("Eisen"),)},
            {"container_title": "Psychiatric Rehabilitation Journal"},
            {"title": "Establishing a research agenda: a reply"},
        ]
    ),
)
def test_pages_and_any_other_value_differing_keep_the_record_apart(
    first: int, typo: int, other: dict[str, Any]
) -> None:
    work = attrs.evolve(CHINMAN, pages=peerbrief.Pages(str(first), str(first + 2)), doi=None)
    record = attrs.evolve(work, pages=peerbrief.Pages(str(first), str(first + 2 + typo)), **other)
    assert peerbrief.against([work], [record]).new == (work,)


# --- An article in press the year before its print ----------------------------------------

IN_PRESS = article(
    title="Peer workers in co-production and co-creation in mental health and substance "
    "use services: a scoping review",
    authors=(Person("Akerblom", "Kristina Bakke"), Person("Ness", "Ottar")),
    authors_truncated=False,
    container_title="Administration and Policy in Mental Health",
    volume="50",
    issue="2",
    pages=peerbrief.Pages("296", "316"),
    date=Date(2023),
    doi=None,
)


def in_press(**changes: Any) -> Entry:
    """The library's record of ``IN_PRESS`` while it was in press: no volume or pages."""
    values: dict[str, Any] = {"volume": None, "issue": None, "pages": None,
                              "date": Date(2022, 11), "status": "Article in Press",
                              "doi": "10.1007/s10488-022-01233-0"}  # fmt: skip
    return attrs.evolve(IN_PRESS, **{**values, **changes})


def test_an_article_in_press_the_year_before_holds_its_print() -> None:
    evidence = evidence_of(IN_PRESS, in_press())
    assert "the record is the article in press (Article in Press, 2022), the brief its print " \
        "(2023)" in evidence  # fmt: skip


@pytest.mark.parametrize(
    "decoy",
    [
        {"status": None},  # not in press: an earlier paper of the same title
        {"date": Date(2021)},  # two years before
        {"date": Date(2024)},  # after the print
        {"container_title": "Research Square"},  # a preprint elsewhere
        {"authors": (Person("Ness", "Ottar"),)},
        {"volume": "49"},  # given a volume, it is the volume's year
        {"kind": peerbrief.Kind.REPORT, "container_title": None},
    ],
)
def test_a_record_in_press_otherwise_stays_new(decoy: dict[str, Any]) -> None:
    assert peerbrief.against([IN_PRESS], [in_press(**decoy)]).new == (IN_PRESS,)


# --- Restyled as reference managers leave records, and decoys: any title --------------------

_WORDS = st.lists(
    st.from_regex(r"[A-Za-zÀ-ÖØ-öø-ÿ]{1,12}", fullmatch=True), min_size=3, max_size=50
)
_INLINE_TAGS = ("i", "b", "sup", "sub", 'span class="nocase"')


def _restyled_title(data: st.DataObject, words: list[str]) -> str:
    """The title as a library may hold it: its case changed, a word in an inline HTML tag
    (Zotero), a trailing full stop, decomposed accents; cut at 255 characters if longer."""
    cases: list[Callable[[str], str]] = [str.lower, str.upper, str.title, str.strip]
    case = data.draw(st.sampled_from(cases))
    styled = [case(word) for word in words]
    where = data.draw(st.integers(0, len(styled) - 1))
    tag = data.draw(st.sampled_from(_INLINE_TAGS))
    styled[where] = f"<{tag}>{styled[where]}</{tag.split()[0]}>"
    title = unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), " ".join(styled))
    return title[:255] + data.draw(st.sampled_from(["", "."]))


@given(words=_WORDS, data=st.data(), article_number=st.integers(1, 99999))
def test_any_work_restyled_as_a_library_holds_it(
    words: list[str], data: st.DataObject, article_number: int
) -> None:
    work = article(title=" ".join(words), doi=None, pages=Pages(f"e{article_number}"))
    record = attrs.evolve(
        work,
        title=_restyled_title(data, words),
        pages=Pages(data.draw(st.sampled_from([f"e{article_number}", str(article_number)]))),
        provenance=(),
    )
    assert peerbrief.against([work], [record]).new == ()


@given(
    words=_WORDS,
    data=st.data(),
    decoy=st.sampled_from(
        [
            {"date": Date(2017)},  # another year
            # Another article under the title: on its own page, as each is.
            {"title": "Correction to: {}", "pages": Pages("e1301")},
            {"title": "Erratum: {}", "pages": Pages("e1301")},
            {"title": "{} (Part 2)", "pages": Pages("e1235")},
            {"title": "{}: a commentary", "pages": Pages("e1240")},
            {"container_title": "Health Expectations", "authors": (Person("Lindqvist", "K"),)},
            {"pages": Pages("e99999")},  # another article number
        ]
    ),
)
def test_a_decoy_of_any_work_restyled_as_a_library_stays_new(
    words: list[str], data: st.DataObject, decoy: dict[str, Any]
) -> None:
    work = article(title=" ".join(words), doi=None, pages=Pages("e1234"))
    restyled = _restyled_title(data, words)
    changes = {**decoy, "title": decoy.get("title", "{}").format(restyled)}
    record = attrs.evolve(work, provenance=(), **changes)
    assert peerbrief.against([work], [record]).new == (work,)
