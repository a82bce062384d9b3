"""Mutation properties over the sample: a line inserted between two labels of a reference
is reported and changes nothing else; a label line deleted loses only its own field."""

from __future__ import annotations

import functools
import itertools
import string

from fixtures.accuracy import FIELDS
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief.fields import classify_source, is_access_fragment, label_of
from peerbrief.lines import heading_key, is_page_number
from peerbrief.model import Entry, Reason
from peerbrief.vocabulary import NAVIGATION_LINES

SAMPLE = peerbrief.sample_path().read_text(encoding="utf-8").splitlines()
COMPARED = (*FIELDS, "url", "doi", "status", "unparsed")
SOURCE_FIELDS = {"kind", "container_title", "volume", "issue", "pages", "publisher", "status"}
# What each label feeds: deleting its line may change these fields of its entry only.
LABEL_FIELDS = {
    "authors": {"authors", "authors_truncated"},
    "source": SOURCE_FIELDS,
    "date": {"date"},
    "details": {"container_title", "volume", "issue", "pages", "place", "kind"},
    "journal": {"container_title", "volume", "issue", "pages", "kind"},
    "item_type": {"kind"},
}


@functools.cache
def _original() -> peerbrief.Brief:
    return peerbrief.parse("\n".join(SAMPLE), dedupe=False)


@functools.cache
def _label_lines() -> dict[int, tuple[int, str]]:
    """Line index (0-based) of each metadata label a reference uses → (entry, label)."""
    found: dict[int, tuple[int, str]] = {}
    for number, entry in enumerate(_original().entries):
        for line in entry.provenance[0].lines:
            label = label_of(SAMPLE[line - 1].strip())
            if label is not None and label[0] in LABEL_FIELDS:
                found[line - 1] = (number, label[0])
    return found


@functools.cache
def _gaps() -> list[int]:
    """Where a line can go between two label lines of one reference: after the first."""
    lines = sorted(_label_lines())
    return [
        first
        for first, second in itertools.pairwise(lines)
        if _label_lines()[first][0] == _label_lines()[second][0]
    ]


def _source_of(entry: Entry) -> str:
    """The value of the entry's ``Source:`` line, as written ("" if it has none)."""
    for line in entry.provenance[0].lines:
        label = label_of(SAMPLE[line - 1].strip())
        if label is not None and label[0] == "source":
            return label[1]
    return ""


def _fields(entry: Entry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in COMPARED}


@functools.cache
def _known_keys() -> frozenset[str]:
    keys = {heading_key(section.name) for section in _original().sections}
    keys |= {heading_key(section.top) for section in _original().sections}
    keys |= {heading_key(line) for line in NAVIGATION_LINES}  # ("Back to top": explained)
    return frozenset(keys | {heading_key(_original().title)})


def _is_plain_prose(text: str) -> bool:
    """A line the reader can only report: no label, link, note, heading or page number."""
    stripped = text.strip()
    return (
        bool(stripped)
        and label_of(stripped) is None
        and not is_access_fragment(stripped)
        and not is_page_number(stripped)
        and heading_key(stripped) not in _known_keys()
        and not stripped.lower().startswith(("suppl", "http", "www.", "doi", "evidence brief"))
        and stripped[:2] not in {"- ", "* ", "+ ", "• "}
        and not stripped[:1].isdigit()
    )


stray_lines = st.text(
    alphabet=string.ascii_letters + string.digits + " ,.;:'()&?!-–", min_size=1, max_size=80
).filter(_is_plain_prose)


@given(st.data(), stray_lines)
def test_a_line_between_two_labels_is_reported_and_changes_nothing(
    data: st.DataObject, stray: str
) -> None:
    after = data.draw(st.sampled_from(_gaps()), label="after line")
    lines = [*SAMPLE[: after + 1], "", stray, "", *SAMPLE[after + 1 :]]
    brief = peerbrief.parse("\n".join(lines), dedupe=False)
    assert [_fields(e) for e in brief.entries] == [_fields(e) for e in _original().entries]
    inserted = after + 3  # 1-based number of the stray line
    assert [(item.line, item.reason) for item in brief.report if item.line == inserted] == [
        (inserted, Reason.UNEXPLAINED)
    ]


@given(st.data())
def test_deleting_a_label_line_loses_only_its_own_fields(data: st.DataObject) -> None:
    index = data.draw(st.sampled_from(sorted(_label_lines())), label="deleted line")
    number, label = _label_lines()[index]
    brief = peerbrief.parse("\n".join(SAMPLE[:index] + SAMPLE[index + 1 :]), dedupe=False)
    assert len(brief.entries) == len(_original().entries)
    allowed = set(LABEL_FIELDS[label])
    entry = _original().entries[number]
    if label == "authors" and classify_source(_source_of(entry)) == "unknown":
        allowed |= SOURCE_FIELDS  # "et al." was the evidence that the source is a journal
    for at, (before, now) in enumerate(zip(_original().entries, brief.entries, strict=True)):
        changed = {name for name in COMPARED if getattr(before, name) != getattr(now, name)}
        assert changed <= (allowed if at == number else set()), (at, label, changed)
    # A "Supplement 3" line belongs to the source: without one it is reported.
    supplement = (
        set(entry.provenance[0].fields.get("supplement", ())) if label == "source" else set()
    )
    newly = {item.line for item in brief.unexplained} - {i.line for i in _original().unexplained}
    assert {line + (line > index) for line in newly} <= supplement
