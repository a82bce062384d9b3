"""Footnotes at a page's foot (plain text out of a PDF): reported, never run into an
abstract; lines of the same shape elsewhere stay where they are."""

from __future__ import annotations

import pytest

import peerbrief
from peerbrief import Reason

HEADER = "Evidence Brief: Community Pharmacy"

FRONT = f"""\
{HEADER}

Contents

Key publications – the big picture\t3
*Help accessing articles or papers\t5

Key publications – the big picture

"""

CLOSING = """
*Help accessing articles or papers

Where a report is freely available the link has been provided.
"""


def _reference(title: str, abstract: str) -> str:
    return f"[{title}](#)\n\nSource: NHS England\n\nPublication date: 2021\n\n{abstract}\n\n"


def _brief(*parts: str) -> peerbrief.Brief:
    return peerbrief.parse(FRONT + "".join(parts) + CLOSING, dedupe=False)


def _abstracts(brief: peerbrief.Brief) -> list[str | None]:
    return [entry.abstract for entry in brief.entries]


def _footnotes(brief: peerbrief.Brief) -> list[str]:
    return [item.text for item in brief.report if item.reason is Reason.FOOTNOTE]


@pytest.mark.parametrize(
    "note",
    [
        "¹ Data from the 2019 survey.",
        "^1^ Data from the 2019 survey.",
        "* Abstract only available",
        "† Figures for England only.",
        "1 See the appendix for the full list of trusts.",
    ],
)
@pytest.mark.parametrize("page_break", [f"\n{HEADER}\n\n", "\f"])
def test_a_footnote_at_a_pages_foot_is_reported_not_abstract(note: str, page_break: str) -> None:
    brief = _brief(
        _reference(
            "Pharmacy workforce", "A report on the workforce.\n\n" + note + "\n" + page_break
        ),
        _reference("Pharmacy training", "A report on training."),
    )
    assert _abstracts(brief) == ["A report on the workforce.", "A report on training."]
    assert _footnotes(brief) == [note]
    assert brief.unexplained == ()


def test_a_pages_footnotes_in_a_row_and_the_abstract_going_on_after_the_break() -> None:
    abstract = "The survey ran in 2019.\n\n¹ Data from NHS trusts.\n\n² Weighted.\n\f\nIt ended."
    brief = _brief(_reference("Pharmacy workforce", abstract))
    assert _abstracts(brief) == ["The survey ran in 2019. It ended."]
    assert _footnotes(brief) == ["¹ Data from NHS trusts.", "² Weighted."]


@pytest.mark.parametrize(
    "abstract",
    [
        # A footnote's shape away from a page's foot is the abstract's.
        "A report on the workforce.\n\n1 See the appendix.\n\nIt ended.",
        # A list item, a number opening a sentence, a page broken mid-sentence.
        "Three findings:\n\n* Staff stayed longer\n\f",
        "A report on the workforce.\n\n1 in 4 pharmacists left.\n\f",
        "A report on the workforce\n\n1 Data came from trusts.\n\f",
        "A report on the workforce.\n\n2019 Data came from trusts.\n\f",
    ],
)
def test_lines_shaped_like_footnotes_elsewhere_stay_in_the_abstract(abstract: str) -> None:
    brief = _brief(_reference("Pharmacy workforce", abstract))
    assert _footnotes(brief) == []
    last = [part for part in abstract.replace("\f", "").split("\n") if part][-1]
    words = last.split(maxsplit=1)[1]
    assert (brief.entries[0].abstract or "").endswith(words)
