"""Property tests: the reader never crashes, and damage to a brief stays local."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief.errors import InputError
from peerbrief.lines import clean_line, split_lines
from peerbrief.vocabulary import OPENING_LABELS

SAMPLE_LINES = peerbrief.sample_path().read_text(encoding="utf-8").splitlines()
TITLE = re.compile(r"^(?:- )?\[(.+)\]\(#\)")
FIRST_LABEL = re.compile("^(?:" + "|".join(map(re.escape, OPENING_LABELS)) + "):", re.I)


def _titles_in(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        match = TITLE.match(line)
        if match and not match[1].startswith("Complete Evidence Brief list"):
            found.append(match[1].replace("\\(", "(").replace("\\)", ")"))
    return found


def assert_every_line_accounted_for(text: str, brief: peerbrief.Brief) -> None:
    """Each non-blank line is used by exactly one entry or reported exactly once (a
    paragraph rebuilt from wrapped lines accounts for each of its lines); a line left
    blank by removing its control or format characters is reported by that removal."""
    cleaned = [clean_line(line) for line in split_lines(text)]
    nonblank = [line.number for line, _ in cleaned if not line.is_blank]
    used = [n for entry in brief.entries for p in entry.provenance for n in p.lines]
    reported = [n for item in brief.report if not item.reason.is_removal for n in item.source_lines]
    assert sorted(used + reported) == nonblank
    removals = {item.line for item in brief.report if item.reason.is_removal}
    assert {line.number for line, removed in cleaned if removed} <= removals


@given(st.text(max_size=2000))
def test_arbitrary_text_is_read_or_refused_clearly(text: str) -> None:
    try:
        brief = peerbrief.parse(text, dedupe=False)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert_every_line_accounted_for(text, brief)


@given(
    st.lists(
        st.sampled_from(
            [*SAMPLE_LINES[:200], "[A title](#)", "Author(s): X et al.", "Source: Y 1(2)"]
        ),
        max_size=80,
    )
)
def test_shuffled_brief_lines_never_crash(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        brief = peerbrief.parse(text, dedupe=False)
    except InputError:
        assert not _titles_in(lines)
        return
    assert_every_line_accounted_for(text, brief)


@given(st.data())
def test_deleting_or_repeating_lines_keeps_every_remaining_title(data: st.DataObject) -> None:
    lines = list(SAMPLE_LINES)
    for _ in range(data.draw(st.integers(0, 25), label="edits")):
        index = data.draw(st.integers(0, len(lines) - 1), label="line")
        if data.draw(st.booleans(), label="delete"):
            del lines[index]
        else:
            lines.insert(index, lines[index])
    text = "\n".join(lines)
    brief = peerbrief.parse(text, dedupe=False)
    assert_every_line_accounted_for(text, brief)
    read = [entry.title for entry in brief.entries]
    remaining = iter(read)
    assert all(title in remaining for title in _titles_in(lines))  # all, in order
    # Anything more is a title that lost its link line: plain text right before "Author…:".
    nonblank = [line for line in lines if line.strip()]
    unlinked = sum(
        1
        for line, after in itertools.pairwise(nonblank)
        if not TITLE.match(line) and FIRST_LABEL.match(after)
    )
    assert len(read) - len(_titles_in(lines)) <= unlinked
