"""A brief printed with its headings (and title) in capitals, as Word's All caps or a
style's ``text-transform: uppercase`` prints them: the same entries as the brief in its
own case, each section named as the Contents spells it, the brief's title as its citation
spells it."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from fixtures import make_chromium_pdf, pdf_samples
from fixtures.accuracy import mismatches
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Reason
from peerbrief.lines import cased_as, heading_key
from peerbrief.writers.common import tags

BRIEFS = Path(__file__).parent / "fixtures" / "briefs"
SAMPLE = peerbrief.sample_path()


@functools.cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def _read(path: Path) -> peerbrief.Brief:
    return peerbrief.parse(_text(path), source=str(path), dedupe=False)


def _heading_lines(path: Path) -> list[int]:
    """The numbers of the lines the brief, read in its own case, takes for headings."""
    return [item.line for item in _read(path).report if item.reason is Reason.HEADING]


def _in_capitals(text: str, numbers: Iterable[int]) -> str:
    """``text`` with the lines numbered ``numbers`` (from 1) in capitals."""
    lines = text.split("\n")
    for number in numbers:
        lines[number - 1] = lines[number - 1].upper()
    return "\n".join(lines)


def _headings_in_capitals(path: Path) -> peerbrief.Brief:
    return peerbrief.parse(_in_capitals(_text(path), _heading_lines(path)), dedupe=False)


_CONTENTS_SPELLS_OTHER_CASE = pytest.mark.xfail(
    strict=True,
    reason="a heading in capitals keeps no case of its own and the Contents, typed by hand, "
    "spells it in another ('Acute and Community Trusts' for 'Acute and community trusts')",
)
_CONTENTS_NAMES_IT_OTHERWISE = pytest.mark.xfail(
    strict=True,
    reason="the Contents names the heading otherwise (a typo, fewer words): it is read as a "
    "heading the Contents does not list, named as written, in capitals",
)
_CONTENTS_LEAVES_IT_OUT = pytest.mark.xfail(
    strict=True,
    reason="the Contents leaves the heading out ('Systematic reviews'): nothing spells its "
    "case, and it is named as written, in capitals",
)
_KNOWN = {
    "doctors-in-training-wellbeing": _CONTENTS_LEAVES_IT_OUT,
    "flexible-working": _CONTENTS_SPELLS_OTHER_CASE,
    "paramedics-in-primary-care": _CONTENTS_SPELLS_OTHER_CASE,
    "apprenticeships": _CONTENTS_NAMES_IT_OTHERWISE,
    "dental-nurses": _CONTENTS_NAMES_IT_OTHERWISE,
    "staff-wellbeing": _CONTENTS_NAMES_IT_OTHERWISE,
}
_BRIEFS = [
    pytest.param(SAMPLE, id="sample"),
    *(
        pytest.param(path, id=path.stem, marks=[_KNOWN[path.stem]] if path.stem in _KNOWN else [])
        for path in sorted(BRIEFS.glob("*.txt"))
    ),
]


@pytest.mark.parametrize("path", _BRIEFS)
def test_headings_in_capitals_give_the_same_entries(path: Path) -> None:
    assert _heading_lines(path)
    brief = _headings_in_capitals(path)
    assert mismatches(brief.entries, _read(path).entries) == []
    assert brief.unexplained == ()


@pytest.mark.parametrize("path", [SAMPLE, *sorted(BRIEFS.glob("*.txt"))], ids=lambda p: p.stem)
def test_entries_in_capitals_make_no_heading(path: Path) -> None:
    """Capitals are no sign of a heading: every line of every entry in capitals (titles,
    labels, abstracts), the same lines are headings and the entries are in the same
    sections."""
    listed = _read(path)
    used = {number for entry in listed.entries for p in entry.provenance for number in p.lines}
    brief = peerbrief.parse(_in_capitals(_text(path), used), dedupe=False)
    assert _heading_lines(path) == [
        item.line for item in brief.report if item.reason is Reason.HEADING
    ]
    assert [entry.sections for entry in brief.entries] == [
        entry.sections for entry in listed.entries
    ]
    assert brief.unexplained == ()


def test_a_heading_the_contents_names_otherwise_keeps_its_capitals() -> None:
    """No Contents entry spells it: it is still a heading, named as written."""
    path = BRIEFS / "dental-nurses.txt"
    names = {
        section.sub for entry in _headings_in_capitals(path).entries for section in entry.sections
    }
    assert "EXTENDED DUTIES AND SKILL MIX" in names
    assert "Recruitment and retention" in names  # which the Contents lists


def test_a_heading_in_capitals_takes_the_contents_case_keeping_its_punctuation() -> None:
    """A heading and its Contents entry may differ in punctuation (a comma, a colon): in
    capitals it is named as written, as a heading in its own case is, in the Contents' case."""
    text = _text(SAMPLE)
    body = text.index("Please acknowledge")
    heading = "\nHealth, wellbeing, and work-life balance\n"
    assert heading in text[body:]
    capitals = "\nHEALTH, WELLBEING AND WORK-LIFE BALANCE:\n"
    brief = peerbrief.parse(text[:body] + text[body:].replace(heading, capitals), dedupe=False)
    [named] = {
        section.sub
        for entry in brief.entries
        for section in entry.sections
        if section.sub and heading_key(section.sub) == heading_key(capitals)
    }
    assert named == "Health, wellbeing and work-life balance:"


def test_a_title_in_capitals_is_spelt_as_the_brief_cites_itself() -> None:
    text = _text(SAMPLE)
    title = "Evidence Brief: Peer Support Workers"
    # (The title and the running headers, the brief's citation of itself as it is.)
    brief = peerbrief.parse(text.replace(f"\n{title}\n", f"\n{title.upper()}\n"), dedupe=False)
    assert brief.title == title
    assert {tags(entry)[-1] for entry in brief.entries} == {title}
    assert mismatches(brief.entries, _read(SAMPLE).entries) == []


def test_a_title_in_capitals_the_citation_does_not_spell_keeps_its_capitals() -> None:
    text = _text(SAMPLE)
    capitals = "EVIDENCE BRIEF: PEER SUPPORT WORKERS"
    start = text.index("Evidence Brief: Peer Support Workers")
    retitled = text[:start] + capitals + " AND PEER MENTORS" + text[start + len(capitals) :]
    assert peerbrief.parse(retitled, dedupe=False).title == capitals + " AND PEER MENTORS"


@given(st.data())
def test_any_headings_in_capitals_give_the_same_entries(data: st.DataObject) -> None:
    path = BRIEFS / "health-visitors.txt"
    chosen = data.draw(st.sets(st.sampled_from(_heading_lines(path))))
    brief = peerbrief.parse(_in_capitals(_text(path), chosen), dedupe=False)
    assert mismatches(brief.entries, _read(path).entries) == []


# Letters whose capital is one letter that gives them back (not ß, not a titlecase ǅ), with
# the same key: digits, punctuation and spaces stay as they are.
_CASED = st.characters(
    codec="utf-8",
    categories=("Ll", "Lu", "Nd", "Po", "Pd", "Zs"),
).filter(
    lambda char: (
        len(char.upper()) == 1
        and char in (char.upper(), char.upper().lower())
        and heading_key(char.upper()) == heading_key(char)
    )
)


@given(st.text(_CASED, max_size=40))
def test_text_in_capitals_takes_back_its_case(text: str) -> None:
    assert cased_as(text.upper(), text) == text


@given(st.text(max_size=30), st.text(max_size=30))
def test_capitals_change_in_case_alone(capitals: str, spelling: str) -> None:
    cased = cased_as(capitals.upper(), spelling)
    assert cased.casefold() == capitals.upper().casefold()
    if heading_key(capitals) != heading_key(spelling):
        assert cased == capitals.upper()


# --- Chromium: the page styled in capitals ------------------------------------------


_CAPITALS = """
.title, h1, h2 { text-transform: uppercase; }
@page { @top-left { text-transform: uppercase; } }
"""


@pytest.mark.slow
def test_chromium_capitals_give_the_fields_of_the_pdf_in_its_own_case(tmp_path: Path) -> None:
    """The sample printed with its title, running header and headings in capitals reads
    as the committed PDF of the same page in its own case does."""
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        pytest.skip("chromium is not installed: apt-get install --no-install-recommends chromium")
    pdf = make_chromium_pdf.build(tmp_path / "capitals.pdf", style=_CAPITALS)
    capitals = peerbrief.read(pdf, dedupe=False)
    own_case = pdf_samples.brief("chromium")
    assert capitals.title == own_case.title == "Evidence Brief: Peer Support Workers"
    assert capitals.unexplained == ()
    assert len(capitals.entries) == len(own_case.entries) == 116
    assert mismatches(capitals.entries, own_case.entries) == []
    for entry, other in zip(capitals.entries, own_case.entries, strict=True):
        assert (entry.url, entry.doi, tags(entry)) == (other.url, other.doi, tags(other))
    assert capitals.sections == own_case.sections
