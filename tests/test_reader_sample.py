"""Whole-sample tests: the built-in brief read field by field, against the text as written.

Every expected value below was copied by hand from ``peer-support-workers.txt``.
"""

from __future__ import annotations

import re

import pytest

import peerbrief
from peerbrief import Date, Kind, Pages, Person, Reason, Section

PPRR = "Published Peer Reviewed Research"


@pytest.fixture(scope="module")
def brief() -> peerbrief.Brief:
    return peerbrief.read(peerbrief.sample_path(), dedupe=False)


def entry_titled(brief: peerbrief.Brief, start: str, nth: int = 0) -> peerbrief.Entry:
    found = [entry for entry in brief.entries if entry.title.startswith(start)]
    assert found, f"no entry titled {start!r}"
    return found[nth]


def test_every_listed_reference_is_read(brief: peerbrief.Brief) -> None:
    assert len(brief.entries) == 116


def test_every_title_line_of_the_sample_is_an_entry(brief: peerbrief.Brief) -> None:
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    written = [m[1] for m in re.finditer(r"^(?:- )?\[(.+)\]\(#\)", text, re.MULTILINE)]
    navigation = [title for title in written if title.startswith("Complete Evidence Brief list")]
    expected = [
        title.replace("\\(", "(").replace("\\)", ")")
        for title in written
        if title not in navigation
    ]
    assert [entry.title for entry in brief.entries] == expected


def test_nothing_unexplained_and_every_line_accounted_for(brief: peerbrief.Brief) -> None:
    assert brief.unexplained == ()
    lines = peerbrief.sample_path().read_text(encoding="utf-8").splitlines()
    nonblank = {number for number, text in enumerate(lines, 1) if text.strip()}
    used = {n for entry in brief.entries for p in entry.provenance for n in p.lines}
    reported = {item.line for item in brief.report}
    assert used.isdisjoint(reported)
    assert used | reported == nonblank


def test_the_brief_cites_itself(brief: peerbrief.Brief) -> None:
    assert brief.title == "Evidence Brief: Peer Support Workers"
    assert brief.topic == "Peer Support Workers"
    assert brief.authors == (Person("Nicholas", "Katie"),)
    assert brief.date == Date(2023, 11, 15)
    assert brief.place == "UK"
    assert brief.publisher == "Workforce, Training and Education Knowledge Management Team"


def test_sections_follow_the_contents_and_the_template(brief: peerbrief.Brief) -> None:
    tops = [section.top for section in brief.sections if section.sub is None]
    assert tops == [
        "Key publications – the big picture",
        "Case Studies",
        "The Star for workforce redesign",
        "Statistics",
        "National Data Programme",
        PPRR,
        "Competency Frameworks",
        "Help accessing articles or papers",
    ]
    subs = [section.sub for section in brief.sections if section.sub]
    assert subs[0] == "Challenges/ benefits"
    assert subs[-1] == "Views, perceptions, and experiences"
    assert len(subs) == 24  # every sub-section heading of the Contents list
    assert all(section.top == PPRR for section in brief.sections if section.sub)


def test_prose_only_sections_are_explained(brief: peerbrief.Brief) -> None:
    prose = [item.text for item in brief.report if item.reason is Reason.SECTION_PROSE]
    assert any(text.startswith("More resources and tools are available") for text in prose)
    assert any(
        text.startswith("The peer support worker framework is formed in 3 parts") for text in prose
    )


def test_running_headers_navigation_artifact_and_boilerplate_are_reported(
    brief: peerbrief.Brief,
) -> None:
    reasons = {item.reason for item in brief.report}
    assert {
        Reason.RUNNING_HEADER,
        Reason.NAVIGATION,
        Reason.TITLE_ARTIFACT,
        Reason.BOILERPLATE,
    } <= reasons
    artifacts = [item.text for item in brief.report if item.reason is Reason.TITLE_ARTIFACT]
    assert artifacts == [
        "'Walking the tightrope': The role of peer support workers in facilitating consumers' "
        "participation in decision-making Abstract only*"
    ]


def test_grey_literature_has_a_publisher_not_a_journal(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "Supported self-management: peer support guide")
    assert entry.kind is Kind.REPORT
    assert entry.publisher == "NHS England"
    assert entry.container_title is None
    assert entry.date == Date(2023, 9)
    assert entry.sections == (Section("Key publications – the big picture"),)
    assert entry.abstract is not None and entry.abstract.startswith("Peer support is a supported")
    equal = entry_titled(brief, "The role of Peer Support for families")
    assert equal.publisher == "Equal Vision funded by Health Education England"


def test_grey_literature_without_a_date(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "Peer Support Workers use lived experience")
    assert entry.publisher == "NHS England"
    assert entry.date is None
    assert entry.sections == (Section("Case Studies"),)


def test_season_and_video(brief: peerbrief.Brief) -> None:
    assert entry_titled(brief, "Regional Peer Support Workers Forum").date == Date(2018, season=1)
    video = entry_titled(brief, "Video: Peer Support")
    assert video.kind is Kind.VIDEO
    assert video.publisher == "Henry Shepherd"
    assert video.date == Date(2016, 3)


def test_abstract_survives_a_page_header_and_bullets(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "Peer Support Workers' Benchmarking report")
    assert entry.abstract is not None
    assert "size and shape of the Peer Support Worker profession's contribution" in entry.abstract
    assert entry.abstract.endswith(
        "Workforce key performance indicators including sickness, vacancies and temporary staffing"
    )
    assert "Evidence Brief" not in entry.abstract


def test_author_s_style_with_et_al(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "Challenges faced by peer support workers during the integration")
    assert entry.kind is Kind.JOURNAL_ARTICLE
    assert entry.authors == (Person("Otte"),)
    assert entry.authors_truncated
    assert entry.container_title == "The International Journal of Social Psychiatry"
    assert (entry.volume, entry.issue, entry.pages) == ("66", "3", None)
    assert entry.date == Date(2020)
    assert entry.access == "Abstract only"
    assert entry.sections == (Section(PPRR, "Challenges/ benefits"),)
    assert entry.abstract is not None and entry.abstract.startswith("Background: Being aware")
    assert entry.abstract.endswith("multidisciplinary mental health-care teams.")


def test_author_publication_details_style(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "The Challenges of Inter-role Conflicts for Peer Support Workers")
    assert entry.authors == (
        Person("Janouskova", "Miroslava"),
        Person("Vlckova", "Karolina"),
        Person("Harcuba", "Vojtech"),
        Person("Kluckova", "Tereza"),
        Person("Motlova", "Julie"),
        Person("Bankovska Motlova", "Lucie"),
    )
    assert not entry.authors_truncated
    assert entry.container_title == "Psychiatric services (Washington, D.C.)"
    assert (entry.volume, entry.issue, entry.pages) == ("73", "12", Pages("1424", "1427"))
    assert entry.place == "United States"
    assert entry.date == Date(2022)
    assert entry.access == "Abstract only"  # alone in the paragraph after the title
    assert entry.abstract is not None and entry.abstract.startswith("The definitions of the roles")


def test_item_type_style(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "Work-life boundary management of peer support workers")
    assert entry.kind is Kind.JOURNAL_ARTICLE
    assert entry.authors == (Person("Mirbahaeddin", "Elmira"), Person("Chreim", "Samia"))
    assert entry.container_title == "BMC Public Health"
    assert (entry.volume, entry.issue, entry.pages) == ("23", "1", Pages("1", "15"))
    assert entry.date == Date(2023)
    assert entry.sections == (Section(PPRR, "Health, wellbeing, and work-life balance"),)
    edwards = entry_titled(
        brief, "Explaining Job Satisfaction Among Mental Health Peer Support Workers"
    )
    assert edwards.authors == (Person("Edwards", "Jonathan P."), Person("Solomon", "Phyllis L."))
    assert edwards.access == "Abstract only"
    cleary = entry_titled(brief, "Exploring the role of practitioner lived experience")
    assert cleary.container_title == "Counselling & Psychotherapy Research"
    assert cleary.pages == Pages("1100", "1111")


def test_access_note_split_over_two_paragraphs(brief: peerbrief.Brief) -> None:
    holley = entry_titled(brief, "Peer workers roles and risk in mental health services")
    assert holley.access == "Full text available with NHS OpenAthens account"
    assert holley.authors == (Person("Holley"),) and holley.authors_truncated
    assert holley.date == Date(2015, 5)
    byrne = entry_titled(brief, "The stigma of identifying as having a lived experience")
    assert byrne.access == "Full text available with NHS OpenAthens account"


def test_access_note_via_openathens(brief: peerbrief.Brief) -> None:
    notes = {entry.access for entry in brief.entries}
    assert "Full text available via OpenAthens account" in notes
    assert "Abstracts only" in notes


def test_given_family_names(brief: peerbrief.Brief) -> None:
    assert entry_titled(brief, "The contribution of experiential wisdom").authors == (
        Person("Fox", "Joanna"),
    )
    mancini = [e for e in brief.entries if e.authors == (Person("Mancini", "Michael A."),)]
    assert len(mancini) == 1
    glass = entry_titled(brief, "Raising the glass ceiling")
    assert glass.authors == (Person("Ball", "Melanie"), Person("Skinner", "Syena"))
    assert glass.publisher == "Health Education England"
    assert glass.kind is Kind.REPORT
    assert glass.sections == (Section("Competency Frameworks"),)


def test_family_only_pairs(brief: peerbrief.Brief) -> None:
    entry = entry_titled(brief, "Our recovery journey")
    assert entry.authors == (Person("Skipper"), Person("Page"))
    assert not entry.authors_truncated
    assert entry.container_title == "Mental Health and Social Inclusion"
    assert (entry.volume, entry.issue) == ("19", "1")
    assert entry.date == Date(2015, 3)
    assert entry.sections == (Section("Case Studies"),)


def test_initials_and_multiword_given_names(brief: peerbrief.Brief) -> None:
    viking = [e for e in brief.entries if e.authors and e.authors[0] == Person("Viking", "T.")]
    assert len(viking) == 1
    assert viking[0].authors[-1] == Person("Nilsson", "L.")
    akerblom = entry_titled(brief, "Peer Workers in Co-production and Co-creation")
    assert akerblom.authors == (Person("Akerblom", "Kristina Bakke"), Person("Ness", "Ottar"))
    assert akerblom.container_title == "Administration and Policy in Mental Health"
    assert (akerblom.volume, akerblom.issue, akerblom.pages) == ("50", "2", Pages("296", "316"))


def test_journal_source_forms(brief: peerbrief.Brief) -> None:
    flanagan = entry_titled(brief, "Does stigma towards mental illness affect")
    assert (flanagan.container_title, flanagan.volume, flanagan.issue) == (
        "The Psychiatry Quarterly",
        "87",
        None,
    )
    assert flanagan.pages == Pages("203", "210")
    gillard = [
        e
        for e in brief.entries
        if e.container_title == "BMC Health Services Research" and e.volume == "13"
    ]
    assert len(gillard) == 1 and gillard[0].pages == Pages("188")
    keynejad = [e for e in brief.entries if e.container_title == "Globalisation and Health"]
    assert (keynejad[0].volume, keynejad[0].pages) == ("12", Pages("82"))
    bmj = [e for e in brief.entries if e.container_title == "BMJ Open"]
    assert (bmj[0].volume, bmj[0].pages) == ("9", Pages("e025166"))
    proctor = [
        e
        for e in brief.entries
        if e.container_title == "Mental Health and Social Inclusion" and e.volume == "11"
    ]
    assert len(proctor) == 1 and proctor[0].issue is None
    scanlan = [
        e for e in brief.entries if e.container_title == "BMC Psychiatry" and e.volume == "270"
    ]
    assert len(scanlan) == 1
    emphasis = [
        e
        for e in brief.entries
        if e.container_title == "Epidemiology and Psychiatric Sciences" and e.volume == "25"
    ]
    assert emphasis[0].pages == Pages("113", "122")


def test_abbreviated_page_ranges(brief: peerbrief.Brief) -> None:
    ashton = [e for e in brief.entries if e.container_title == "Australasian Psychiatry"]
    assert ashton[0].pages == Pages("246", "248")
    collins = [e for e in brief.entries if e.pages == Pages("278", "283")]
    assert len(collins) == 1 and collins[0].volume == "25"


def test_supplement_belongs_to_the_issue(brief: peerbrief.Brief) -> None:
    chapman = entry_titled(brief, "Emerging roles for peer providers")
    assert chapman.container_title == "American Journal of Preventative Medicine"
    assert chapman.volume == "54"
    assert chapman.issue == "6 Supplement 3"
    assert chapman.date == Date(2018, 6)
    assert chapman.access == "Full text available with NHS OpenAthens account"


def test_suppl_in_publication_details(brief: peerbrief.Brief) -> None:
    entry = next(e for e in brief.entries if e.pages == Pages("1445", "1455"))
    assert (entry.volume, entry.issue, entry.place) == ("30", "Suppl 1", "Australia")


def test_date_ranges(brief: peerbrief.Brief) -> None:
    kemp = [e for e in brief.entries if e.date == Date(2012, 4, end=Date(2012, 6))]
    assert len(kemp) == 1 and kemp[0].container_title == "Psychiatric Rehabilitation Journal"
    ehrlich = entry_titled(brief, "What happens when peer support workers are introduced", nth=1)
    assert ehrlich.date == Date(2020, 1, end=Date(2020, 2))
    assert ehrlich.pages == Pages("107", "115")
    gates = [e for e in brief.entries if e.date == Date(2010, 10, end=Date(2010, 12))]
    assert len(gates) == 1


def test_markup_goes_words_stay(brief: peerbrief.Brief) -> None:
    stirrup = next(
        e for e in brief.entries if e.authors and e.authors[0] == Person("Stirrup", "Victoria")
    )
    assert stirrup.abstract is not None and stirrup.abstract.startswith("BACKGROUND: The value")
    assert "**" not in stirrup.abstract
    fox = entry_titled(brief, "The contribution of experiential wisdom")
    assert (
        fox.abstract is not None
        and "^{" not in fox.abstract
        and "empathy with service recipients." in fox.abstract
    )
    lxp = entry_titled(
        brief, "Developing and evaluating mental health lived experience practitioner (LXP) roles"
    )
    assert "\\" not in lxp.title


def test_competency_framework_parts_are_references(brief: peerbrief.Brief) -> None:
    parts = [e for e in brief.entries if e.title.startswith("The Competence Framework - Part")]
    assert [p.title for p in parts] == [
        "The Competence Framework - Part 1 - Supporting document",
        "The Competence Framework - Part 2 - Full list of competences",
        "The Competence Framework - Part 3 - Curriculum",
    ]
    assert all(
        p.sections == (Section("Competency Frameworks"),) and p.kind is Kind.REPORT for p in parts
    )


def test_journals_without_numbers_are_still_journals(brief: peerbrief.Brief) -> None:
    for name in ("PLoS One", "Cochrane Database of Systematic Reviews"):
        found = [e for e in brief.entries if e.container_title == name]
        assert found and all(e.kind is Kind.JOURNAL_ARTICLE and e.publisher is None for e in found)
    viking = entry_titled(brief, "Interprofessional education for mental health professions")
    assert viking.container_title == "Mental Health and Social Inclusion"
    assert viking.authors == (Person("Viking"), Person("Repper"))


def test_provenance_points_at_the_lines_of_each_field(brief: peerbrief.Brief) -> None:
    lines = peerbrief.sample_path().read_text(encoding="utf-8").splitlines()
    entry = entry_titled(brief, "Challenges faced by peer support workers during the integration")
    (provenance,) = entry.provenance
    assert provenance.source == str(peerbrief.sample_path())
    assert provenance.brief == "Evidence Brief: Peer Support Workers"
    assert lines[provenance.fields["title"][0] - 1].startswith("[Challenges faced")
    assert lines[provenance.fields["authors"][0] - 1] == "Author(s): Otte et al."
    assert lines[provenance.fields["volume"][0] - 1].startswith("Source: ")
    assert lines[provenance.fields["date"][0] - 1] == "Publication date: 2020"


def test_bare_number_volume_and_grey_with_authors(brief: peerbrief.Brief) -> None:
    moran = [
        e for e in brief.entries if e.authors == (Person("Moran"),) and not e.authors_truncated
    ]
    assert len(moran) == 1 and moran[0].container_title == "Epidemiology and Psychiatric Sciences"
    assert moran[0].pages == Pages("420", "426") and moran[0].volume == "27"
