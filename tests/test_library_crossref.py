"""biblatex's (and BibTeX's) ``crossref`` and ``xdata``: a chapter or a conference paper
whose book, year and publisher live in the entry it points to, as JabRef, Better BibTeX
and hand-kept ``.bib`` files write them. Rules after the biblatex manual's appendix on
inheritance (``title`` of a ``@proceedings`` is the ``booktitle`` of its
``@inproceedings``; of a ``@periodical``, an ``@article``'s ``journaltitle``; other
fields 1:1, the child's own values winning)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import peerbrief
from peerbrief import Bibliography, Date, Kind, Person


def read(text: str) -> Bibliography:
    return peerbrief.read_bibliography(text.encode("utf-8"), name="library.bib")


def titled(library: Bibliography, title: str) -> peerbrief.Entry:
    [found] = [entry for entry in library if entry.title == title]
    return found


PROCEEDINGS = """
@inproceedings{repper2019,
  author = {Repper, Julie},
  title = {Peer workers in crisis teams},
  pages = {12--19},
  crossref = {conf2019},
}
@proceedings{conf2019,
  title = {Proceedings of the Peer Support Conference},
  editor = {Watson, Emma},
  year = {2019},
  month = mar,
  publisher = {Mind},
  location = {London},
  doi = {10.1000/proceedings},
}
"""


def test_a_paper_takes_its_book_year_and_publisher_from_its_proceedings() -> None:
    library = read(PROCEEDINGS)
    paper = titled(library, "Peer workers in crisis teams")
    assert paper.container_title == "Proceedings of the Peer Support Conference"  # title→booktitle
    assert (paper.date, paper.publisher, paper.place) == (Date(2019, 3), "Mind", "London")
    assert paper.authors == (Person("Repper", "Julie"),)  # its own
    assert paper.doi is None  # the volume's DOI names the volume, read on its own record
    assert titled(library, "Proceedings of the Peer Support Conference").doi == (
        "10.1000/proceedings"
    )
    assert library.problems == ()


def test_the_childs_own_values_win_over_the_parents_in_any_spelling() -> None:
    """A child's ``year`` is its date even when the parent writes ``date``; its
    ``publisher`` wins over the parent's ``institution``, read before it."""
    text = """
@incollection{c, title = {Chapter}, booktitle = {Own Book}, year = {2020},
  publisher = {Own Press}, crossref = {p}}
@collection{p, title = {Parent Book}, date = {2018-05}, institution = {Other Body}}
"""
    chapter = titled(read(text), "Chapter")
    assert (chapter.container_title, chapter.date, chapter.publisher) == (
        "Own Book",
        Date(2020),
        "Own Press",
    )


def test_an_article_takes_its_journal_from_a_periodical_and_chains_are_followed() -> None:
    text = """
@article{a, title = {Paper}, author = {Oh, Hans}, crossref = {issue}}
@periodical{issue, title = {Psychiatric Services}, volume = {65}, number = {4},
  crossref = {volume}}
@periodical{volume, title = {Psychiatric Services}, year = {2014}}
"""
    paper = titled(read(text), "Paper")
    assert paper.kind is Kind.JOURNAL_ARTICLE
    assert (paper.container_title, paper.volume, paper.issue, paper.date) == (
        "Psychiatric Services",
        "65",
        "4",
        Date(2014),
    )


def test_a_crossref_key_is_matched_ignoring_case_as_bibtex_does() -> None:
    text = "@inbook{c, title = {Ch}, crossref = {Book1}}\n@book{book1, title = {B}, year = {2001}}"
    chapter = titled(read(text), "Ch")
    assert (chapter.container_title, chapter.date) == ("B", Date(2001))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "@inproceedings{c, title = {T}, crossref = {gone}}",
            "crossref 'gone': no entry of that key in the file; nothing inherited",
        ),
        (
            "@inproceedings{c, title = {T}, xdata = {gone}}",
            "xdata 'gone': no entry of that key in the file; nothing inherited",
        ),
        (
            "@inproceedings{c, title = {T}, crossref = {c}}",
            "crossref 'c': leads back to this entry; nothing inherited",
        ),
    ],
)
def test_a_reference_to_no_entry_is_reported(text: str, reason: str) -> None:
    library = read(text)
    assert [entry.title for entry in library] == ["T"]
    assert [(problem.record, problem.reason) for problem in library.problems] == [(1, reason)]


def test_xdata_fields_are_inherited_and_xdata_entries_are_not_records() -> None:
    text = """
@xdata{mind, publisher = {Mind}, location = {London}}
@report{r, title = {Peer support guide}, year = {2015}, xdata = {mind}}
@report{s, title = {Second guide}, year = {2016}, xdata = {mind}, publisher = {Rethink}}
"""
    library = read(text)
    assert [(e.title, e.publisher, e.place) for e in library] == [
        ("Peer support guide", "Mind", "London"),
        ("Second guide", "Rethink", "London"),
    ]
    assert (library.records, library.problems) == (2, ())


def test_a_cycle_of_crossrefs_is_cut_where_it_closes_and_reported() -> None:
    text = """
@book{a, title = {A}, crossref = {b}}
@book{b, title = {B}, crossref = {a}, year = {2001}}
"""
    library = read(text)
    assert [(entry.title, entry.date) for entry in library] == [
        ("A", Date(2001)),
        ("B", Date(2001)),
    ]
    assert [(problem.record, problem.reason) for problem in library.problems] == [
        (2, "crossref 'a': leads back to this entry; nothing inherited")
    ]


def test_a_long_chain_of_crossrefs_is_read_without_recursing() -> None:
    depth = 5000
    text = "\n".join(
        f"@book{{k{n}, title = {{T{n}}}, crossref = {{k{n + 1}}}}}" for n in range(depth)
    )
    library = read(text + f"\n@book{{k{depth}, title = {{Last}}, year = {{1999}}}}")
    assert {entry.date for entry in library} == {Date(1999)}
    assert library.problems == ()


class _LookedUpOnly(Mapping[str, Any]):
    """A parent's resolved fields that may be looked up, not gone through."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the parent's fields gone through for a child")

    def __len__(self) -> int:
        raise AssertionError("the parent's fields gone through for a child")


def test_a_child_looks_up_its_parents_fields_without_going_through_them() -> None:
    """A parent's fields were copied for each child: a parent of 4,000 fields with as
    many children took 55 s (n²). Each child now looks up the groups it lacks."""
    from peerbrief.library.bibtex import _INHERITED
    from peerbrief.library.inheritance import Node, _merged

    parent = _LookedUpOnly(
        {
            "title": "Proceedings",
            "year": "2019",
            "publisher": "P",
            **{f"f{n}": "v" for n in range(99)},
        }
    )
    child = Node("inproceedings", "c", {"title": "Paper", "crossref": "p"})
    merged = _merged(child, [("crossref", "proceedings", parent)], _INHERITED)
    assert merged["booktitle"] == "Proceedings" and merged["title"] == "Paper"
    assert merged["year"] == "2019" and merged["publisher"] == "P"
    assert "f1" not in merged
