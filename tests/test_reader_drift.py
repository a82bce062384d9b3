"""Template drift and stray lines that a team's briefs gather over the years (found by
the made-up briefs ``apprenticeships.txt`` and ``staff-wellbeing.txt``): a template
section spelt otherwise, a running header broken after its prefix, a footnote whose
page was lost, a caption, a title that is also a sub-section's name, a link back to the
contents in text wrapped at a width. Each is read as the format means, or reported."""

from __future__ import annotations

import textwrap

import pytest

import peerbrief
from peerbrief import Reason, Section
from peerbrief.vocabulary import TOP_LEVEL_SECTIONS

HEADER = "Evidence Brief: Community Pharmacy"
PPRR = "Published Peer Reviewed Research"


# A reference whose long abstract makes a text wrapped at a width known as wrapped (most
# of its lines near one width).
_FILLER = (
    f"{PPRR}\n\nPharmacy staff survey\n\nSource: NHS England\n\nPublication date: 2020\n\n"
    + " ".join(["Staff in community pharmacies described their work and its pressures."] * 25)
)


def _brief(contents: list[str], body: str, wrap: int | None = None) -> peerbrief.Brief:
    listed = "\n".join(f"{heading}\t{page}" for page, heading in enumerate(contents, 3))
    filler = f"\n\n{_FILLER}" if wrap else ""
    text = (
        f"{HEADER}\n\nContents\n\n{listed}\n\n{body}{filler}\n\n"
        "*Help accessing articles or papers\n"
    )
    if wrap:
        # As pdftotext writes a PDF's text: lines of a width, no blank line between
        # paragraphs.
        text = "\n".join(
            "\n".join(textwrap.wrap(line, wrap, break_on_hyphens=False))
            for line in text.split("\n")
            if line.strip()
        )
    return peerbrief.parse(text, dedupe=False)


def _reference(title: str, abstract: str, link: bool = True) -> str:
    shown = f"[{title}](#)" if link else title
    return f"{shown}\n\nSource: NHS England\n\nPublication date: 2021\n\n{abstract}\n\n"


def _reasons(brief: peerbrief.Brief, reason: Reason) -> list[str]:
    return [item.text for item in brief.report if item.reason is reason]


@pytest.mark.parametrize(
    "spelt",
    ["Key publications - the big picture", "Key Publications – the big picture", "Case studies"],
)
def test_a_template_section_spelt_otherwise_is_the_templates(spelt: str) -> None:
    brief = _brief([spelt], f"{spelt}\n\n" + _reference("Pharmacy workforce", "A report."))
    [entry] = brief.entries
    [template] = [name for name in TOP_LEVEL_SECTIONS if name.lower()[:6] == spelt.lower()[:6]]
    assert entry.sections == (Section(template),)


# An abstract whose lines fill a width of 40: wrapped, each runs on into the next.
_FULL_LINES = "Guidance for line managers on how they\ncan support colleagues in the menopause."
_FULL_ABSTRACT = " ".join(_FULL_LINES.split())


@pytest.mark.parametrize("wrap", [None, 40])
def test_a_running_header_broken_after_its_prefix_leaves_the_abstract(wrap: int | None) -> None:
    abstract = f"{_FULL_LINES}\n\nEvidence Brief:\nCommunity Pharmacy\n\nMost said it had grown."
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n" + _reference("Pharmacy workforce", abstract),
        wrap,
    )
    entry = brief.entries[0]
    assert " ".join((entry.abstract or "").split()) == f"{_FULL_ABSTRACT} Most said it had grown."
    assert brief.unexplained == ()


@pytest.mark.parametrize("mark", ["¹", "^{1}", "^1^", "<sup>1</sup>"])
def test_the_note_of_a_raised_citation_after_its_paragraph_is_a_footnote(mark: str) -> None:
    cited = f"Levy-paying employers{mark} moved funds to social care."
    note = f"{mark} Employers with a pay bill of more than £3 million pay the levy."
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n"
        + _reference("Levy report", f"{cited}\n\n{note}")
        + _reference("Next report", "Another report."),
    )
    assert brief.entries[0].abstract == "Levy-paying employers moved funds to social care."
    assert _reasons(brief, Reason.FOOTNOTE) == [note]


def test_a_note_no_citation_calls_stays_in_the_abstract() -> None:
    abstract = "Employers moved funds to social care.\n\n¹ Most of them were trusts."
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n" + _reference("Levy report", abstract),
    )
    assert (brief.entries[0].abstract or "").endswith("Most of them were trusts.")
    assert _reasons(brief, Reason.FOOTNOTE) == []


@pytest.mark.parametrize("wrap", [None, 40])
@pytest.mark.parametrize(
    "caption", ["Figure 1: Starts by level, 2017/18 to 2022/23", "Image: Staff at a hub"]
)
def test_a_caption_is_neither_abstract_nor_title(caption: str, wrap: int | None) -> None:
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n"
        + _reference("Standards guide", f"{_FULL_LINES}\n\n{caption}", link=wrap is None)
        + _reference("Funding rules for apprenticeships", "The rules.", link=wrap is None),
        wrap,
    )
    assert [entry.title for entry in brief.entries][:2] == [
        "Standards guide",
        "Funding rules for apprenticeships",
    ]
    assert " ".join((brief.entries[0].abstract or "").split()) == _FULL_ABSTRACT
    assert [" ".join(text.split()) for text in _reasons(brief, Reason.CAPTION)] == [caption]


def test_a_title_that_is_also_a_sub_sections_name_is_a_title_without_its_link() -> None:
    contents = ["Key publications – the big picture", PPRR, "Widening participation"]
    body = (
        "Key publications – the big picture\n\n"
        + _reference("Widening participation", "The strategy.", link=False)
        + f"{PPRR}\n\nWidening participation\n\n"
        + _reference("Apprentices from deprived areas", "A study.", link=False)
    )
    brief = _brief(contents, body)
    assert [(entry.title, entry.sections) for entry in brief.entries] == [
        ("Widening participation", (Section("Key publications – the big picture"),)),
        ("Apprentices from deprived areas", (Section(PPRR, "Widening participation"),)),
    ]
    assert _reasons(brief, Reason.SECTION_PROSE) == []


def test_a_link_back_to_the_contents_in_wrapped_text_is_no_abstract() -> None:
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n"
        + _reference("Menopause guidance", _FULL_LINES, link=False)
        + "Back to contents",
        wrap=40,
    )
    assert " ".join((brief.entries[0].abstract or "").split()) == _FULL_ABSTRACT
    assert _reasons(brief, Reason.NAVIGATION) == ["Back to contents"]


def test_a_heading_the_contents_lacks_after_a_full_line_of_wrapped_text() -> None:
    body = (
        f"{PPRR}\n\nPsychological support\n\n"
        + _reference("Staff support after patient suicide", _FULL_LINES, link=False)
        + "Schwartz Rounds\n\n"
        + _reference("Schwartz Rounds and staff wellbeing", "Staff had less distress.", link=False)
    )
    brief = _brief([PPRR, "Psychological support"], body, wrap=40)
    assert [(entry.abstract, entry.sections) for entry in brief.entries[:2]] == [
        (_FULL_ABSTRACT, (Section(PPRR, "Psychological support"),)),
        ("Staff had less distress.", (Section(PPRR, "Schwartz Rounds"),)),
    ]


@pytest.mark.parametrize(
    ("item_type", "kind"),
    [
        ("Thesis", peerbrief.Kind.REPORT),
        ("Preprint", peerbrief.Kind.JOURNAL_ARTICLE),
        ("Conference Paper", peerbrief.Kind.JOURNAL_ARTICLE),
        ("Dataset", peerbrief.Kind.REPORT),
        ("Government Document", peerbrief.Kind.REPORT),
        ("Newspaper Article", peerbrief.Kind.JOURNAL_ARTICLE),
        ("Online Multimedia", peerbrief.Kind.VIDEO),
    ],
)
def test_a_reference_managers_other_item_types_are_read(
    item_type: str, kind: peerbrief.Kind
) -> None:
    body = (
        f"{PPRR}\n\n[Reflective practice groups](#)\n\nItem Type: {item_type}\n\n"
        "Authors: Bennett, Harriet\n\nPublication Date: 2020\n\nJournal: BJPsych Open 9(Suppl 1)"
        "\n\nA study.\n"
    )
    brief = _brief([PPRR], body)
    [entry] = brief.entries
    assert (entry.kind, dict(entry.unparsed)) == (kind, {})
    assert brief.unexplained == ()


def test_an_item_type_of_no_kind_is_reported() -> None:
    body = (
        f"{PPRR}\n\n[Reflective practice groups](#)\n\nItem Type: Podcast\n\n"
        "Authors: Bennett, Harriet\n\nPublication Date: 2020\n\nA study.\n"
    )
    brief = _brief([PPRR], body)
    [entry] = brief.entries
    assert dict(entry.unparsed) == {"kind": "Podcast"}
    assert [item.reason for item in brief.unexplained] == [Reason.VALUE_NOT_UNDERSTOOD]


_LONG_HEADING = (
    "Equality, diversity and inclusion in recruitment, progression and retention of the"
    " international workforce"
)


@pytest.mark.parametrize("leaders", ["", "....."])
def test_a_page_number_floated_inside_a_wrapped_contents_heading_leaves_it(leaders: str) -> None:
    """A page number floated right of a long heading's first line (HTML printed by a
    browser) sits inside the entry once the PDF's lines are one paragraph."""
    first, rest = _LONG_HEADING.rsplit(" the ", 1)
    text = (
        f"{HEADER}\n\nContents\n\n{PPRR}\t3\n\n{first} the 4 {rest}{leaders}\n\n"
        "Top 10 tips for new managers\n\n"
        f"{PPRR}\n\n{_LONG_HEADING}\n\n"
        + _reference("Recruiting nurses from overseas", "Nurses were recruited.", link=True)
        + "Top 10 tips for new managers\n\n"
        + _reference("Induction of new managers", "Managers were inducted.", link=True)
        + "*Help accessing articles or papers\n"
    )
    brief = peerbrief.parse(text)
    assert [entry.sections for entry in brief.entries] == [
        (Section(PPRR, _LONG_HEADING),),
        (Section(PPRR, "Top 10 tips for new managers"),),
    ]
    assert brief.unexplained == ()


@pytest.mark.parametrize("wrap", [None, 40])
def test_a_box_the_contents_does_not_list_is_reported_not_read_into_the_abstract(
    wrap: int | None,
) -> None:
    # A heading and its list between two references: no part of the abstract before it,
    # no section of the reference after it.
    box = ["Key messages", "- Retention depends on the first year.", "- Support matters."]
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n"
        + _reference("Standards guide", f"{_FULL_LINES}\n\n" + "\n\n".join(box), link=not wrap)
        + _reference("Funding rules for apprenticeships", "The rules.", link=not wrap),
        wrap,
    )
    first, second = brief.entries[:2]
    assert (first.title, second.title) == ("Standards guide", "Funding rules for apprenticeships")
    assert " ".join((first.abstract or "").split()) == _FULL_ABSTRACT
    assert second.sections == (Section("Key publications – the big picture"),)
    assert [" ".join(text.split()) for text in _reasons(brief, Reason.BOX)] == box
    assert {item.reason for item in brief.unexplained} == {Reason.BOX}


def test_a_headed_list_before_a_further_paragraph_stays_in_the_abstract() -> None:
    abstract = "The survey found three themes.\n\nKey findings\n\n- Pay.\n\n- Hours.\n\nMost left."
    brief = _brief(
        ["Key publications – the big picture"],
        "Key publications – the big picture\n\n" + _reference("Standards guide", abstract),
    )
    assert brief.entries[0].abstract == " ".join(
        part.removeprefix("- ") for part in abstract.split("\n\n")
    )
    assert _reasons(brief, Reason.BOX) == []
