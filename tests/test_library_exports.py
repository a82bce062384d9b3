"""What reference managers and databases really write that a first reader misses: a
record with a repeated field or citation key, DOIs and links not written bare, ``%`` in
a BibTeX title, Refer records without a blank line between them, Web of Science
seasons, HTML notes, CSL dates as strings. Each library is a few lines written here
after the exporter's convention."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Bibliography


def read(text: str, name: str = "library") -> Bibliography:
    return peerbrief.read_bibliography(text.encode("utf-8"), name=name)


# --- A repeated field or citation key ----------------------------------------------------

ZOTERO_TWO_NOTES = """@article{jacobson_what_2012,
\ttitle = {What do peer support workers do? {A} job description},
\tjournal = {BMC Health Services Research},
\tauthor = {Jacobson, Nora},
\tyear = {2012},
\tannote = {Key paper for chapter 2},
\tannote = {Compare with Gillard 2013},
}
"""


def test_a_record_with_two_notes_is_read_with_both() -> None:
    library = read(ZOTERO_TWO_NOTES)
    [entry] = library
    assert entry.title == "What do peer support workers do? A job description"
    assert entry.access == "Key paper for chapter 2; Compare with Gillard 2013"
    assert library.problems == ()


def test_a_repeated_field_keeps_its_first_value_and_reports_the_other() -> None:
    library = read("@article{k,\n title = {First},\n Title = {Second},\n year = 2020,\n}\n")
    [entry] = library
    assert entry.title == "First"
    [problem] = library.problems
    assert problem.record == 1 and "title given twice" in problem.reason
    assert "Second" in problem.reason


def test_records_sharing_a_citation_key_are_all_read() -> None:
    text = (
        "@article{Byrne2019, title = {Taking a gamble for high rewards?}, year = {2018}}\n"
        "@article{Byrne2019, title = {You don't know what you don't know}, year = {2019}}\n"
        "@article{Byrne2019, title = {A third one}, year = {2020}, note = {x}, note = {y}}\n"
    )
    library = read(text)
    assert [entry.title for entry in library] == [
        "Taking a gamble for high rewards?",
        "You don't know what you don't know",
        "A third one",
    ]
    assert [entry.provenance[0].record for entry in library] == [1, 2, 3]
    assert library.entries[2].access == "x; y"
    assert library.problems == ()


BIB_KEYS = ["title", "Title", "note", "annote", "journal", "year"]


@given(st.lists(st.lists(st.sampled_from(BIB_KEYS), max_size=6), min_size=1, max_size=4))
def test_repeats_never_cost_a_record(records: list[list[str]]) -> None:
    text = "".join(
        "@article{same,\n" + "".join(f" {key} = {{v{i}}},\n" for i, key in enumerate(keys)) + "}\n"
        for keys in records
    )
    library = read(text)
    titled = [keys for keys in records if any(key.lower() == "title" for key in keys)]
    assert len(library) == len(titled)
    untitled = [problem for problem in library.problems if problem.reason == "no title"]
    assert len(untitled) == len(records) - len(titled)
