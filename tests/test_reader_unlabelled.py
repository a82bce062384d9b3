"""A reference written without labels (title, source, date, abstract on lines of their
own). The format labels every reference's metadata, so such lines are not read as one:
they are reported as what they look like, never run into the abstract before them nor
passed over as a section's prose. A section's own prose stays its prose."""

from __future__ import annotations

import pytest

import peerbrief
from peerbrief import Reason

FRONT = """\
Evidence Brief: Community Pharmacy

Contents

Key publications – the big picture\t3
*Help accessing articles or papers\t5

Key publications – the big picture

"""

CLOSING = """
*Help accessing articles or papers

Where a report is freely available the link has been provided.
"""

LABELLED = """\
[Pharmacy workforce in England](#)

Source: NHS England

Publication date: 2021

A report on the pharmacy workforce in England.

"""

UNLABELLED = [
    "Pharmacist prescribing in primary care\n\nSmith et al.\n\nBMJ Open 12(3)\n\n2022\n\n"
    "Background: Pharmacist prescribers are increasing.\n\n",
    "Pharmacy technicians in primary care\n\nHealth Education England, 2020\n\n"
    "This report looks at pharmacy technicians in general practice.\n\n",
    "Community pharmacy workforce survey\n\nNHS Business Services Authority\n\nJune 2022\n\n"
    "The survey collects data on the workforce.\n\n",
]

INTRO = "This section lists the key national publications on the pharmacy workforce.\n\n"


def _reasons(brief: peerbrief.Brief) -> dict[str, Reason]:
    return {item.text: item.reason for item in brief.report}


def _lines(reference: str) -> list[str]:
    return [line for line in reference.split("\n") if line]


@pytest.mark.parametrize("reference", UNLABELLED)
@pytest.mark.parametrize("before", ["intro", "reference"])
def test_an_unlabelled_reference_is_reported_as_one(reference: str, before: str) -> None:
    parts = [LABELLED, reference] if before == "reference" else [INTRO, reference, LABELLED]
    brief = peerbrief.parse(FRONT + "".join(parts) + CLOSING, dedupe=False)
    reasons = _reasons(brief)
    assert {reasons.get(line) for line in _lines(reference)} == {Reason.UNLABELLED_REFERENCE}
    assert Reason.UNLABELLED_REFERENCE.explained is False
    # The labelled reference keeps its abstract whole, before or after.
    assert [entry.abstract for entry in brief.entries] == [
        "A report on the pharmacy workforce in England."
    ]
    if before == "intro":
        assert reasons[INTRO.strip()] is Reason.SECTION_PROSE


@pytest.mark.parametrize(
    "prose",
    [
        # A caption and sentences, a list, a year opening a sentence: prose.
        "Key findings\n\nStaff stayed longer where they were supported.\n\n",
        "The workforce grew by a third:\n\n- in England\n\n- in Wales\n\n",
        "Workforce numbers\n\n2022 was the first year of the survey.\n\n",
        "Funding\n\nNHS England funds the programme.\n\n",
    ],
)
def test_a_sections_prose_stays_its_prose(prose: str) -> None:
    brief = peerbrief.parse(FRONT + INTRO + prose + LABELLED + CLOSING, dedupe=False)
    reasons = _reasons(brief)
    assert {reasons.get(line) for line in _lines(prose)} == {Reason.SECTION_PROSE}
    assert brief.unexplained == ()
    assert len(brief.entries) == 1


def test_a_linked_titles_unlabelled_metadata_is_reported_not_abstract() -> None:
    reference = "[A linked report](#)\n\nRoyal Pharmaceutical Society\n\n2019\n\nIt is linked.\n\n"
    brief = peerbrief.parse(FRONT + reference + CLOSING, dedupe=False)
    (entry,) = brief.entries
    assert (entry.title, entry.abstract) == ("A linked report", "It is linked.")
    reasons = _reasons(brief)
    assert [reasons.get(line) for line in ("Royal Pharmaceutical Society", "2019")] == [
        Reason.UNLABELLED_REFERENCE
    ] * 2
