"""The sample brief's works exported as each reference manager exports them (see
``tests/export_shapes.py``): a library less ten works lacks exactly those ten, and a
library holding them all lacks none."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from export_shapes import NOT_EXPORTED, SHAPES

import peerbrief
from peerbrief import Brief, Entry


def ten_of(sample: Brief) -> list[Entry]:
    """Ten works of every sort: reports, articles, a video, bare titles, merged copies."""
    return [entry for number, entry in enumerate(sample.entries) if number % 11 == 5][:10]


@pytest.fixture(scope="module", params=list(SHAPES))
def shape(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def library_of(entries: list[Entry], shape: str) -> peerbrief.Bibliography:
    library = peerbrief.read_bibliography(SHAPES[shape](entries), name=f"library ({shape})")
    assert library.problems == ()
    assert len(library) == library.records == len(entries)
    return library


def test_an_export_less_ten_works_lacks_exactly_those(sample: Brief, shape: str) -> None:
    ten = ten_of(sample)
    kept = [entry for entry in sample.entries if entry not in ten]
    assert peerbrief.against(sample, library_of(kept, shape)).new == tuple(ten)


def test_an_export_of_every_work_lacks_none(sample: Brief, shape: str) -> None:
    assert peerbrief.against(sample, library_of(list(sample.entries), shape)).new == ()


def with_links(entries: Sequence[Entry]) -> list[Entry]:
    """The sample's entries with a DOI and a link each (the brief gives neither)."""
    return [
        attrs.evolve(entry, doi=f"10.1000/peer.{n}", url=f"https://example.org/w?id={n}&x=1")
        for n, entry in enumerate(entries)
    ]


def test_every_field_a_tool_exports_reads_back(sample: Brief, shape: str) -> None:
    written_entries = with_links(sample.entries)
    library = library_of(written_entries, shape)
    lost: dict[str, Any] = dict.fromkeys(NOT_EXPORTED.get(shape, ()))
    for exported, read in zip(written_entries, library, strict=True):
        written = attrs.evolve(exported, **lost)
        assert (read.title, read.kind) == (written.title, written.kind)
        assert [p.family for p in read.authors] == [p.family for p in written.authors]
        assert (read.container_title, read.volume, read.issue) == (
            written.container_title,
            written.volume,
            written.issue,
        )
        assert (read.pages, read.doi, read.url) == (written.pages, written.doi, written.url)
        assert read.publisher == written.publisher
        assert (read.date and read.date.year) == (written.date and written.date.year)
