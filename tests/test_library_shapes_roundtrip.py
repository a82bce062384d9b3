"""Any entry a reference manager could hold, exported as EndNote (XML, ``.enw``), Zotero
(Refer, CSV, RDF) and PubMed (MEDLINE) write it, reads back the same in every field those
exports carry.

A library holds text on one line without control characters (``strategies.normalise``);
names hold no comma (the exports' ``Family, Given`` separator) and pages no dash.
"""

from __future__ import annotations

from typing import Any

import attrs
from export_shapes import DAYS_ONLY, NOT_EXPORTED, SHAPES
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import UNICODE, entries, normalise, pages, persons, texts

import peerbrief
from peerbrief.model import Entry, Pages, Person

SEPARATORS = ",;-‐‑‒–—―"
# XML 1.0 has no place for the two non-characters; no tool writes them.
HELD_TEXT = texts(UNICODE).map(normalise).filter(lambda text: bool(text) and not set(text) & set("\ufffe\uffff"))  # fmt: skip
NAMES = HELD_TEXT.filter(lambda text: not set(text) & set(SEPARATORS))


def held(entry: Entry, authors: list[Person]) -> Entry:
    """The entry as a library holds it: one-line text, no brief's sections."""
    fields = ("container_title", "volume", "issue", "publisher", "place", "abstract", "access")
    values: dict[str, Any] = {field: normalise(getattr(entry, field)) or None for field in fields}
    return attrs.evolve(entry, title=normalise(entry.title), authors=authors, sections=(), **values)


@given(
    st.lists(
        st.tuples(
            entries(HELD_TEXT), st.lists(persons(NAMES), max_size=3), st.none() | pages(NAMES)
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(
        ["endnote-xml", "endnote-enw", "zotero-refer", "zotero-csv", "zotero-rdf", "pubmed-medline"]
    ),
)
def test_endnote_and_refer_exports_read_back(
    drawn: list[tuple[Entry, list[Person], Pages | None]], shape: str
) -> None:
    originals = [attrs.evolve(held(entry, authors), pages=page) for entry, authors, page in drawn]
    if shape == "pubmed-medline":  # MEDLINE's PL is a place beside a publisher, else a country
        originals = [attrs.evolve(o, place=o.place if o.publisher else None) for o in originals]
    assume(all(entry.title for entry in originals))
    library = peerbrief.read_bibliography(SHAPES[shape](originals), name="export")
    assert library.problems == ()
    lost = NOT_EXPORTED.get(shape, frozenset())
    for original, read in zip(originals, library, strict=True):
        assert (read.title, read.kind) == (original.title, original.kind)
        assert [(p.family, p.given) for p in read.authors] == [
            (p.family, p.given) for p in original.authors
        ]
        for field in ("container_title", "volume", "issue", "publisher", "place", "url", "pages"):
            assert getattr(read, field) == (None if field in lost else getattr(original, field))
        assert read.doi == (None if "doi" in lost else original.doi)
        assert (read.date and read.date.year) == (original.date and original.date.year)
        accessed = original.accessed
        if "accessed" in lost or (shape in DAYS_ONLY and accessed and not accessed.day):
            accessed = None
        assert read.accessed == accessed
