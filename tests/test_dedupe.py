"""De-duplication on hand-built entries; values are copied from the sample brief's text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

from peerbrief.dedupe import dedupe, merge_duplicates, title_key
from peerbrief.library import read_bibliography
from peerbrief.model import Brief, Choice, Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.views import describe_merge as describe
from peerbrief.writers import write

PPRR = "Published Peer Reviewed Research"
SOURCE = "peer-support-workers.txt"


def entry(title: str, line: int, **fields: Any) -> Entry:
    """An entry read from one line of the sample (lines make copies distinguishable)."""
    return Entry(title=title, provenance=(Provenance(SOURCE, (line, line + 2)),), **fields)


# --- The two real duplicates of the sample ----------------------------------------------

HEGEDUS_FULL = (
    Person("Hegedus", "Anna"),
    Person("Burr", "Christian"),
    Person("Pfluger", "Viviane"),
    Person("Sieg", "Daniel"),
    Person("Nienaber", "Andre"),
    Person("Schulz", "Michael"),
)
EDUCATION = Section(PPRR, "Education and training")


def hegedus_detailed() -> Entry:
    return entry(
        "Peer support worker training: Results of the evaluation of the Experienced "
        "Involvement training programme in Switzerland and Germany",
        499,
        authors=HEGEDUS_FULL,
        date=Date(2021),
        container_title="International journal of mental health nursing",
        volume="30",
        issue="2",
        pages=Pages("451", "460"),
        place="Australia",
        abstract="The 'Experienced Involvement' (EX-IN) training programme prepares and "
        "certifies individuals. Copyright © 2020 The Authors.",
        sections=(EDUCATION,),
    )


def hegedus_brief() -> Entry:
    return entry(
        "Peer support worker training: results of the evaluation of the Experienced "
        "Involvement training programme in Switzerland and Germany",
        513,
        authors=(Person("Hegedus"),),
        authors_truncated=True,
        date=Date(2021),
        container_title="International Journal of Mental Health Nursing",
        volume="30",
        pages=Pages("451", "460"),
        abstract="The 'Experienced Involvement' (EX-IN) training programme prepares and "
        "certifies individuals.",
        sections=(EDUCATION,),
    )


EHRLICH_TITLE = (
    "What happens when peer support workers are introduced as members of community-based "
    "clinical mental health service delivery teams: a qualitative study"
)
IMPLEMENTATION = Section(PPRR, "Implementation and evaluation")
TEAMS = Section(PPRR, "Place in integrated/ multidisciplinary teams")


def ehrlich_first() -> Entry:
    return entry(
        EHRLICH_TITLE,
        655,
        authors=(Person("Ehrlich"),),
        authors_truncated=True,
        container_title="Journal of Interprofessional Care",
        volume="34",
        issue="1",
        date=Date(2020),
        access="Full text available with NHS OpenAthens account*",
        sections=(IMPLEMENTATION,),
    )


def ehrlich_second() -> Entry:
    return entry(
        EHRLICH_TITLE,
        875,
        authors=(Person("Ehrlich"),),
        authors_truncated=True,
        container_title="Journal of Interprofessional Care",
        volume="34",
        issue="1",
        pages=Pages("107", "115"),
        date=Date(2020, 1, end=Date(2020, 2)),
        access="Abstract only*",
        sections=(TEAMS,),
    )


def only_merge(entries: list[Entry]) -> Entry:
    result = dedupe(entries)
    assert len(result.entries) == 1
    assert len(result.merges) == 1
    assert result.merges[0].entry == result.entries[0]
    return result.entries[0]


def choice(result_entries: list[Entry], field: str) -> Choice:
    merge = dedupe(result_entries).merges[0]
    found = [c for c in merge.choices if c.field == field]
    assert len(found) == 1, merge.choices
    return found[0]


def test_the_two_metadata_styles_of_the_ex_in_evaluation_merge_into_the_richest() -> None:
    merged = only_merge([hegedus_detailed(), hegedus_brief()])
    assert merged.authors == HEGEDUS_FULL
    assert merged.authors_truncated is False
    assert merged.container_title == "International Journal of Mental Health Nursing"
    assert (merged.volume, merged.issue, merged.pages) == ("30", "2", Pages("451", "460"))
    assert merged.place == "Australia"
    assert merged.abstract is not None and merged.abstract.endswith("The Authors.")
    assert merged.sections == (EDUCATION,)
    assert [p.lines for p in merged.provenance] == [(499, 501), (513, 515)]


def test_the_ex_in_merge_records_every_field_that_differed_and_no_conflict() -> None:
    merge = dedupe([hegedus_brief(), hegedus_detailed()]).merges[0]
    fields = {c.field: c for c in merge.choices}
    assert set(fields) == {"title", "authors", "container_title", "issue", "place", "abstract"}
    assert fields["authors"].over == ("Hegedus et al.",)
    assert fields["authors"].chosen.startswith("Hegedus, Anna; Burr, Christian")
    assert fields["issue"] == Choice("issue", "2", ())
    assert merge.conflicts == ()
    assert merge.occurrences == (hegedus_detailed(), hegedus_brief())


def test_ehrlich_copies_merge_with_pages_month_range_and_both_sections() -> None:
    merged = only_merge([ehrlich_first(), ehrlich_second()])
    assert merged.pages == Pages("107", "115")
    assert merged.date == Date(2020, 1, end=Date(2020, 2))
    assert merged.sections == (IMPLEMENTATION, TEAMS)
    assert merged.access == "Full text available with NHS OpenAthens account*"
    assert [p.first_line for p in merged.provenance] == [655, 875]


def test_ehrlich_merge_says_what_was_chosen() -> None:
    merge = dedupe([ehrlich_first(), ehrlich_second()]).merges[0]
    fields = {c.field: c for c in merge.choices}
    assert fields["date"] == Choice("date", "January-February 2020", ("2020",))
    assert fields["pages"] == Choice("pages", "107-115", ())
    assert fields["sections"].over == (str(IMPLEMENTATION), str(TEAMS))
    assert "title" not in fields and "authors" not in fields
    assert any(line == "same year: 2020" for line in merge.evidence)


def test_merged_entries_keep_the_input_order_of_first_occurrence() -> None:
    moran = entry(
        "Challenges experienced by paid peer providers in mental health recovery: a "
        "qualitative study",
        387,
        authors=(Person("Moran"),),
        date=Date(2013, 6),
    )
    result = dedupe([ehrlich_first(), moran, hegedus_detailed(), ehrlich_second(), hegedus_brief()])
    assert [e.title for e in result.entries] == [
        EHRLICH_TITLE,
        moran.title,
        hegedus_detailed().title,
    ]
    assert [m.entry for m in result.merges] == [result.entries[0], result.entries[2]]


# --- Look-alikes of the sample that are different works ---------------------------------


def test_the_three_parts_of_the_competence_framework_stay_apart() -> None:
    parts = [
        entry("The Competence Framework - Part 1 - Supporting document", 1406),
        entry("The Competence Framework - Part 2 - Full list of competences", 1407),
        entry("The Competence Framework - Part 3 - Curriculum", 1408),
    ]
    assert dedupe(parts).entries == tuple(parts)


def test_parts_with_the_same_words_but_other_numbers_stay_apart() -> None:
    one = entry("The Competence Framework - Part 1", 1, date=Date(2020), volume="3")
    two = entry("The Competence Framework - Part 2", 9, date=Date(2020), volume="3")
    twelve = entry("The Competence Framework - Part 12", 17, date=Date(2020), volume="3")
    one_two = entry("The Competence Framework - Part 1.2", 25, date=Date(2020), volume="3")
    assert len(dedupe([one, two, twelve, one_two]).entries) == 4


@pytest.mark.parametrize(
    ("family", "papers"),
    [
        (
            "Gillard",
            [
                (
                    "Introducing peer worker roles into UK mental health service teams: a "
                    "qualitative analysis of the organisational benefits and challenges",
                    2013,
                ),
                (
                    "The impact of working as a peer worker in mental health services: a "
                    "longitudinal mixed methods study",
                    2022,
                ),
                (
                    "Introducing new peer worker roles into mental health services in England: "
                    "Comparative case study research across a range of organisational contexts",
                    2015,
                ),
                (
                    "Developing a change model for peer worker interventions in mental health "
                    "services: a qualitative research study",
                    2015,
                ),
            ],
        ),
        (
            "Byrne",
            [
                (
                    "'You don't know what you don't know': The essential role of management "
                    "exposure, understanding and commitment in peer workforce development",
                    2019,
                ),
                (
                    "The stigma of identifying as having a lived experience runs before me: "
                    "challenges for lived experience roles",
                    2019,
                ),
            ],
        ),
        (
            "Siantz",
            [
                (
                    "Where do peer providers fit into newly integrated mental health and primary "
                    "care teams? A mixed methods study",
                    2018,
                ),
                (
                    "From physical wellness to cultural brokering: unpacking the roles of peer "
                    "providers in integrated health care settings",
                    2018,
                ),
            ],
        ),
    ],
)
def test_papers_by_one_first_author_in_one_year_stay_apart(
    family: str, papers: list[tuple[str, int]]
) -> None:
    entries = [
        entry(title, 100 * n, authors=(Person(family),), authors_truncated=True, date=Date(year))
        for n, (title, year) in enumerate(papers, 1)
    ]
    assert dedupe(entries).entries == tuple(entries)


def test_a_report_and_its_later_edition_stay_apart() -> None:
    first = entry(
        "Peer support workers: a practice guide to implementation",
        1,
        date=Date(2016),
        publisher="Together for Mental Wellbeing",
    )
    update = entry(
        "Peer support workers: a practice guide to implementation",
        9,
        date=Date(2023),
        publisher="Together for Mental Wellbeing",
    )
    assert len(dedupe([first, update]).entries) == 2


def test_an_undated_copy_is_not_guessed_to_be_either_edition() -> None:
    dated = entry("Peer Support Hub", 1, date=Date(2020), publisher="National Voices")
    undated = entry("Peer Support Hub", 9, publisher="National Voices")
    assert len(dedupe([dated, undated]).entries) == 2


def test_an_undated_copy_merges_with_a_dated_one_carrying_the_same_doi() -> None:
    dated = entry("Peer Support Hub", 1, date=Date(2020), doi="10.1000/hub")
    undated = entry("Peer Support Hub", 9, doi="https://doi.org/10.1000/HUB")
    merged = only_merge([dated, undated])
    assert merged.date == Date(2020)
    assert merged.doi == "10.1000/hub"


def test_two_undated_copies_need_something_besides_the_title() -> None:
    bare = entry("Peer Support Hub", 1)
    published_there = entry("Peer Support Hub", 9, publisher="National Voices")
    assert len(dedupe([bare, published_there]).entries) == 2
    published = [
        entry("Peer Support Hub", 1, publisher="National Voices"),
        entry("Peer support hub", 9, publisher="National Voices"),
    ]
    assert len(dedupe(published).entries) == 1


def test_copies_of_a_bare_title_merge_unless_a_value_both_give_differs() -> None:
    # Listed twice with nothing else to go by (the Competence Framework's parts).
    kind = {"kind": Kind.REPORT, "sections": (Section("Competency Frameworks"),)}
    one = entry("The Competence Framework - Part 1 - Supporting document", 1406, **kind)
    again = entry("The competence framework – part 1 – supporting document", 9406, **kind)
    merge = dedupe([one, again]).merges[0]
    assert [p.first_line for p in merge.entry.provenance] == [1406, 9406]
    assert merge.evidence[-1].startswith("no copy gives a year, DOI, author, journal")
    linked = attrs.evolve(one, url="https://www.hee.nhs.uk/framework-part-1.pdf")  # from a PDF
    assert len(dedupe([linked, again]).entries) == 1
    elsewhere = attrs.evolve(again, url="https://example.org/other.pdf")
    assert len(dedupe([linked, elsewhere]).entries) == 2
    described = entry("Case study", 1, abstract="How one trust employs peer workers.")
    summarised = entry("Case study", 9, abstract="How one trust employs peer workers")
    other = entry("Case study", 17, abstract="A charity's volunteer peer supporters.")
    untold = entry("Case study", 25)
    result = dedupe([described, other, summarised, untold])
    assert [[p.first_line for p in e.provenance] for e in result.entries] == [[1, 9], [17], [25]]
    assert result.entries[2] == untold  # it fits both abstracts, so it joins neither
    assert len(dedupe([described, summarised, untold]).entries) == 1
    assert (
        len(dedupe([entry("Case study", 1, volume="2"), entry("Case study", 9, volume="3")])) == 2
    )


def test_two_undated_copies_with_different_links_are_different_documents() -> None:
    here = entry("Case study", 1, publisher="NHS Employers", url="https://example.org/a")
    there = entry("Case study", 9, publisher="NHS Employers", url="https://example.org/b")
    assert len(dedupe([here, there]).entries) == 2
    again = entry("Case Study", 17, publisher="NHS Employers", url="http://www.example.org/a/")
    assert len(dedupe([here, again]).entries) == 1


def test_different_dois_never_merge() -> None:
    a = entry("Peer support roles", 1, date=Date(2019), doi="10.1000/a")
    b = entry("Peer support roles", 9, date=Date(2019), doi="10.1000/b")
    assert len(dedupe([a, b]).entries) == 2


@pytest.mark.parametrize(
    ("field", "one", "other"),
    [
        ("authors", (Person("Byrne"),), (Person("Wang"),)),
        ("authors", (Person("Byrne", "Louise"),), (Person("Byrne", "Alan"),)),
        ("volume", "28", "27"),
        ("pages", Pages("572", "581"), Pages("560", "571")),
        ("pages", Pages("572", "581"), Pages("572", "590")),
        ("container_title", "BMC Psychiatry", "BMC Public Health"),
        ("container_title", "Journal of Mental Health", "Journal of Mental Health Nursing"),
        ("publisher", "NHS England", "Centre for Mental Health"),
        ("kind", Kind.REPORT, Kind.JOURNAL_ARTICLE),
    ],
)
def test_copies_that_disagree_on_an_identifying_field_stay_apart(
    field: str, one: object, other: object
) -> None:
    a = entry("Peer support roles in mental health services", 1, date=Date(2019), **{field: one})
    b = entry("Peer support roles in mental health services", 9, date=Date(2019), **{field: other})
    assert len(dedupe([a, b]).entries) == 2


def test_similar_but_unequal_titles_stay_apart() -> None:
    common = {"authors": (Person("Otte"),), "date": Date(2020), "volume": "66"}
    titles = [
        "Peer support workers in mental health services",
        "Peer support workers in mental health service",
        "Peer support workers in mental health services: a review",
        "Peer support workers in the mental health services",
    ]
    entries = [entry(title, 10 * n, **common) for n, title in enumerate(titles)]
    assert len(dedupe(entries).entries) == 4


# --- Variants of one work that merge -----------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "PEER SUPPORTERS’ VIEWS ON “RECOVERY” — A STUDY",
        'peer supporters\' views on "recovery": a study.',
        "Peer supporters' views on 'recovery' ‐ a study",
        "*Peer supporters' views on recovery – a study*",
        "Peer supporters&#39; views on <i>recovery</i> &ndash; a study",
        "Peer supporters' views on \\(recovery\\) - a study",
        "Peer supportérs' víews on recovery – a study",
        "Peer sup\u00adporters' views on recovery – a\u00a0study",
    ],
)
def test_restyled_titles_merge(variant: str) -> None:
    original = entry("Peer supporters' views on recovery: a study", 1, date=Date(2019))
    restyled = entry(variant, 9, date=Date(2019))
    merged = only_merge([original, restyled])
    assert merged.provenance == original.provenance + restyled.provenance


def test_title_key_drops_style_but_keeps_words_and_numbers_apart() -> None:
    assert title_key("Peer supporter’s views – Part 1") == "peer supporters views part 1"
    assert title_key("Mental Health & Wellbeing") == title_key("mental health and wellbeing")
    assert title_key("Vol 1.5 of ﬁve") == "vol 1 5 of five"
    assert title_key("Vol 1.5") != title_key("Vol 15")
    assert title_key("Łódź and Ørsted") == "lodz and orsted"
    assert title_key("– …") == ""


def test_titles_of_punctuation_only_never_merge() -> None:
    assert (
        len(dedupe([entry("…", 1, date=Date(2020)), entry("—", 9, date=Date(2020))]).entries) == 2
    )


def test_a_truncated_author_list_agrees_with_the_full_one_it_begins() -> None:
    truncated = entry(
        "Peer workers", 1, date=Date(2020), authors=(Person("Otte"),), authors_truncated=True
    )
    full = entry(
        "Peer workers",
        9,
        date=Date(2020),
        authors=(Person("Otte", "Ina"), Person("Werning", "Anna")),
    )
    merged = only_merge([truncated, full])
    assert merged.authors == full.authors and merged.authors_truncated is False
    assert choice([truncated, full], "authors").conflict is False


def test_diacritics_in_author_names_do_not_matter() -> None:
    a = entry("Peer workers", 1, date=Date(2020), authors=(Person("Hegedűs", "Anna"),))
    b = entry("Peer workers", 9, date=Date(2020), authors=(Person("Hegedus", "A."),))
    assert only_merge([a, b]).authors == (Person("Hegedűs", "Anna"),)


def test_journal_abbreviations_and_publisher_acronyms_agree() -> None:
    a = entry("Peer workers", 1, date=Date(2020), container_title="J Interprof Care")
    b = entry(
        "Peer workers", 9, date=Date(2020), container_title="Journal of Interprofessional Care"
    )
    assert only_merge([a, b]).container_title == "Journal of Interprofessional Care"
    c = entry("Career pathway", 1, date=Date(2021), publisher="HEE", kind=Kind.REPORT)
    d = entry(
        "Career pathway", 9, date=Date(2021), publisher="Health Education England", kind=Kind.REPORT
    )
    assert only_merge([c, d]).publisher == "Health Education England"


def test_volume_with_supplement_and_abbreviated_pages_are_the_same_values() -> None:
    a = entry("Peer workers", 1, date=Date(2020), volume="30", pages=Pages("246", "8"))
    b = entry("Peer workers", 9, date=Date(2020), volume="30 Suppl 1", pages=Pages("246", "248"))
    merged = only_merge([a, b])
    assert (merged.volume, merged.pages) == ("30 Suppl 1", Pages("246", "248"))


def test_equal_dois_also_forgive_word_breaks_articles_and_spelling() -> None:
    a = entry(
        "The work-life balance of peer workers: an organisational view",
        1,
        date=Date(2021),
        doi="10.1000/x",
    )
    b = entry(
        "Worklife balance of peer workers: an organizational view",
        9,
        date=Date(2021),
        doi="doi:10.1000/X",
    )
    merge = dedupe([a, b]).merges[0]
    assert merge.entry.title == a.title
    assert "DOI" in merge.evidence[0]
    without_doi = [attrs.evolve(a, doi=None), attrs.evolve(b, doi=None)]
    assert len(dedupe(without_doi).entries) == 2


def test_equal_dois_do_not_merge_different_numbers_or_years() -> None:
    base = entry("Competence framework part 1", 1, date=Date(2020), doi="10.1000/x")
    other_part = entry("Competence framework part 2", 9, date=Date(2020), doi="10.1000/x")
    other_year = entry("Competence framework part 1", 17, date=Date(2021), doi="10.1000/x")
    assert len(dedupe([base, other_part, other_year]).entries) == 3


# --- Conflicts are recorded, and groups never hold a disagreeing pair ----------------------


def test_two_issues_or_months_or_places_are_recorded_as_conflicts() -> None:
    a = entry(
        "Peer workers",
        1,
        date=Date(2013, 6),
        issue="3",
        place="Australia",
        authors=(Person("Moran"), Person("Russinova")),
    )
    b = entry(
        "Peer workers",
        9,
        date=Date(2013, 7),
        issue="4",
        place="United States",
        authors=(Person("Moran"), Person("Gidugu")),
    )
    merge = dedupe([a, b]).merges[0]
    assert {c.field for c in merge.conflicts} == {"issue", "date", "place", "authors"}
    assert merge.entry.issue == "3"  # equally rich: the copy listed first
    assert 'CONFLICT issue: "3" over "4"' in describe(merge)


def test_a_month_inside_a_month_range_is_no_conflict() -> None:
    a = entry("Peer workers", 1, date=Date(2012, 4, end=Date(2012, 6)))
    b = entry("Peer workers", 9, date=Date(2012, 5))
    c = entry("Peer workers", 17, date=Date(2012, season=1))
    assert choice([a, b], "date") == Choice("date", "April-June 2012", ("May 2012",))
    assert choice([b, c], "date").conflict is False  # May is in spring
    assert choice([a, c], "date").conflict is True  # spring is March-May


def test_a_copy_that_matches_two_disagreeing_copies_is_merged_with_neither() -> None:
    old = entry("Peer Support Hub", 1, date=Date(2019), doi="10.1000/hub")
    undated = entry("Peer Support Hub", 9, doi="10.1000/hub")
    new = entry("Peer Support Hub", 17, date=Date(2023), doi="10.1000/hub")
    assert dedupe([old, undated, new]).entries == (old, undated, new)


def test_agreeing_copies_still_merge_beside_an_ambiguous_one() -> None:
    old = entry("Peer Support Hub", 1, date=Date(2019), doi="10.1000/hub", publisher="NV")
    old_again = entry("Peer support hub", 5, date=Date(2019), publisher="NV")
    undated = entry("Peer Support Hub", 9, doi="10.1000/hub")
    new = entry("Peer Support Hub", 17, date=Date(2023), doi="10.1000/hub")
    result = dedupe([old, old_again, undated, new])
    assert [len(m.occurrences) for m in result.merges] == [2]
    assert result.merges[0].occurrences == (old, old_again)
    assert result.entries[1:] == (undated, new)


def test_a_chain_without_a_disagreement_merges_whole() -> None:
    dated = entry("Peer Support Hub", 1, date=Date(2019), doi="10.1000/hub")
    same_year = entry("Peer Support Hub", 5, date=Date(2019))
    undated = entry("Peer Support Hub", 9, doi="10.1000/hub")
    merged = only_merge([same_year, undated, dated])
    assert [p.first_line for p in merged.provenance] == [1, 5, 9]


def test_copies_from_several_briefs_merge_and_keep_every_provenance() -> None:
    here = Entry("Peer workers", date=Date(2020), provenance=(Provenance("a.pdf", (3,), (1,)),))
    there = Entry("Peer workers", date=Date(2020), provenance=(Provenance("b.txt", (70, 71)),))
    merge = dedupe([there, here]).merges[0]
    assert [p.source for p in merge.entry.provenance] == ["a.pdf", "b.txt"]
    assert "  - a.pdf line 3, page 1\n  - b.txt lines 70-71\n" in describe(merge)


def test_empty_input_gives_an_empty_result() -> None:
    result = dedupe([])
    assert (result.entries, result.merges) == ((), ())


# --- describe ---------------------------------------------------------------------------


def test_describe_names_the_copies_the_evidence_and_the_choices() -> None:
    text = describe(dedupe([ehrlich_first(), ehrlich_second()]).merges[0])
    lines = text.splitlines()
    assert lines[0].startswith('2 copies merged: "What happens when peer support workers')
    assert lines[0].endswith("(Ehrlich et al., 2020)")
    assert lines[1] == (
        f"  - {SOURCE} lines 655-657 — under {PPRR} / Implementation and evaluation"
    )
    assert lines[2].startswith(f"  - {SOURCE} lines 875-877")
    assert "    same first author: Ehrlich" in lines
    assert '    pages: "107-115" (the other copies give none)' in lines
    assert '    date: "January-February 2020" over "2020"' in lines
    assert "CONFLICT" not in text


# --- Recall: one paper in two metadata styles, and copies of a whole brief ---------------


def medline_style(**changes: Any) -> Entry:
    """The "Publication Details" style: full author list, MEDLINE journal title, place."""
    values: dict[str, Any] = {
        "authors": HEGEDUS_FULL,
        "container_title": "The International journal of mental health nursing : the "
        "official journal of the Australian College of Mental Health Nurses Inc",
        "volume": "30",
        "issue": "2",
        "pages": Pages("451", "460"),
        "date": Date(2021),
        "place": "Australia",
        "doi": "https://doi.org/10.1111/inm.12827",
    }
    values.update(changes)
    return entry("Peer support worker training", 499, **values)


def source_style(**changes: Any) -> Entry:
    """The "Source" style: "Family et al." and the journal's short name."""
    values: dict[str, Any] = {
        "authors": (Person("Hegedus"),),
        "authors_truncated": True,
        "container_title": "Int J Ment Health Nurs",
        "volume": "30",
        "issue": "2",
        "pages": Pages("451", "460"),
        "date": Date(2021),
        "url": "http://dx.doi.org/10.1111/INM.12827",
    }
    values.update(changes)
    return entry("Peer support worker training", 513, **values)


def test_the_same_paper_in_two_styles_is_one_entry() -> None:
    merged = only_merge([medline_style(), source_style()])
    assert merged.authors == HEGEDUS_FULL
    assert merged.url == "http://dx.doi.org/10.1111/INM.12827"


def test_an_equal_doi_decides_identity_unless_kind_or_year_contradict() -> None:
    other_journal = source_style(container_title="Journal of Psychiatric Nursing")
    assert len(dedupe([medline_style(), other_journal]).entries) == 1
    merge = dedupe([medline_style(), other_journal]).merges[0]
    assert [c.field for c in merge.conflicts] == ["container_title"]
    assert merge.evidence[-1].startswith("no two copies disagree on kind or year")
    assert len(dedupe([medline_style(), source_style(date=Date(2022))]).entries) == 2
    assert len(dedupe([medline_style(), source_style(kind=Kind.REPORT)]).entries) == 2


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://doi.org/10.1111/INM.12827", "10.1111/inm.12827"),
        ("http://dx.doi.org/10.1111/inm.12827", "doi:10.1111/inm.12827"),
        ("https://www.doi.org/10.1111/inm.12827", "https://doi.org/10.1111%2Finm.12827"),
    ],
)
def test_doi_resolver_forms_are_one_doi(one: str, other: str) -> None:
    without_journal = {"container_title": None, "volume": None, "pages": None}
    a = medline_style(doi=one, **without_journal)
    b = source_style(doi=other, url=None, date=None, **without_journal)  # undated: only the DOI
    assert len(dedupe([a, b]).entries) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("J Ment Health", "Journal of Mental Health"),
        ("The Journal of Mental Health", "journal of mental health."),
        ("Health & Social Care in the Community", "Health and social care in the community"),
        ("Psychiatric services (Washington, D.C.)", "Psychiatr Serv"),
        ("Health expectations : an international journal of public participation", "Health Expect"),
        ("The Australian and New Zealand journal of psychiatry", "Aust N Z J Psychiatry"),
        ("National Health Statistics Reports", "Natl Health Stat Report"),
        ("Journal of Behavioural Health Services", "J Behav Health Serv"),
        ("Journal of Behavioural Health Services", "Journal of Behavioral Health Services"),
        ("BMJ", "British Medical Journal"),
    ],
)
def test_journal_names_agree_across_their_common_forms(one: str, other: str) -> None:
    a = entry("Peer workers", 1, date=Date(2020), container_title=one)
    b = entry("Peer workers", 9, date=Date(2020), container_title=other)
    assert len(dedupe([a, b]).entries) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("J Ment Health", "J Ment Health Nurs"),
        ("BMC Psychiatry", "BMC Public Health"),
        ("Psychol Serv", "Psychiatric Services"),
        ("Journal of Mental Health", "Journal of Mental Hygiene"),
    ],
)
def test_other_journals_still_veto(one: str, other: str) -> None:
    a = entry("Peer workers", 1, date=Date(2020), container_title=one)
    b = entry("Peer workers", 9, date=Date(2020), container_title=other)
    assert len(dedupe([a, b]).entries) == 2


def test_two_and_twenty_copies_of_the_sample_are_its_works(
    sample_listed: Brief, sample: Brief
) -> None:
    for copies in (2, 20):
        result = dedupe(list(sample_listed.entries) * copies)
        bare = [attrs.evolve(e, provenance=()) for e in result.entries]
        assert bare == [attrs.evolve(e, provenance=()) for e in sample.entries]
        assert [len(e.provenance) for e in result.entries] == [
            len(e.provenance) * copies for e in sample.entries
        ]
        listed = len(sample_listed.entries) * copies
        assert result.copies_merged == listed - len(sample.entries)


def test_the_result_is_the_sequence_of_its_entries_and_can_be_written(tmp_path: Path) -> None:
    result = dedupe([ehrlich_first(), ehrlich_second(), hegedus_brief()])
    assert len(result) == 2
    assert list(result) == list(result.entries)
    assert result[1] == hegedus_brief()
    assert result.copies_merged == 1
    write(result, tmp_path / "a.ris")
    assert [e.title for e in read_bibliography(tmp_path / "a.ris")] == [
        EHRLICH_TITLE,
        result[1].title,
    ]


def test_merge_duplicates_is_a_step_from_brief_to_brief(sample_listed: Brief) -> None:
    once = merge_duplicates(sample_listed)
    assert once.entries == dedupe(sample_listed.entries).entries
    twice = merge_duplicates(once)
    assert (twice.entries, twice.merges) == (once.entries, once.merges)


def test_copies_one_doi_merges_say_their_pages_differ_not_that_they_agree() -> None:
    """The DOI decides the rest, pages included; the evidence says they differ."""
    a = entry("Peer workers", 1, date=Date(2017), doi="10.1000/x", pages=Pages("955", "977"))
    b = attrs.evolve(a, pages=Pages("955", "957"), provenance=(Provenance("b.txt", (9,)),))
    merge = dedupe([a, b]).merges[0]
    assert "pages differ: 955-957, 955-977" in merge.evidence  # in the copies' order
    assert not any(line.startswith("same pages") for line in merge.evidence)
