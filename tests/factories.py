"""Model objects for tests and benchmarks: realistic defaults, any field overridden.

>>> article(title="Other", date=Date(2019))       # doctest: +SKIP
>>> brief(article(), report(), title="Evidence Brief: Retention")  # doctest: +SKIP

Defaults are copied from the sample brief, so a test reads like the briefs it stands for.
Hypothesis strategies for arbitrary entries live in ``strategies.py``.
"""

from __future__ import annotations

from typing import Any

from peerbrief.model import Brief, Date, Entry, Kind, Pages, Person, Provenance, Section

__all__ = [
    "KEY",
    "RESEARCH",
    "article",
    "brief",
    "person",
    "provenance",
    "report",
    "video",
]

RESEARCH = Section("Published Peer Reviewed Research", "Education and training")
KEY = Section("Key publications – the big picture")


def person(family: str = "Otte", given: str | None = "Ingrid") -> Person:
    return Person(family, given)


def provenance(*lines: int, source: str = "brief.txt", **changes: Any) -> Provenance:
    values: dict[str, Any] = {
        "source": source,
        "lines": lines or (120, 121, 122),
        "brief": "Evidence Brief: Peer Support Workers",
    }
    values.update(changes)
    return Provenance(**values)


def article(**changes: Any) -> Entry:
    """A journal article with every field a brief gives one."""
    values: dict[str, Any] = {
        "title": "Peer support workers in mental health",
        "authors": (person(),),
        "authors_truncated": True,
        "container_title": "The International Journal of Social Psychiatry",
        "volume": "66",
        "issue": "3",
        "pages": Pages("263", "269"),
        "date": Date(2020),
        "sections": (RESEARCH,),
        "access": "Abstract only*",
        "doi": "10.1177/0020764020904764",
        "provenance": (provenance(),),
    }
    values.update(changes)
    return Entry(**values)


def report(**changes: Any) -> Entry:
    """A report of grey literature: a publisher, no journal, no authors."""
    values: dict[str, Any] = {
        "title": "NHS Long Term Workforce Plan",
        "kind": Kind.REPORT,
        "publisher": "NHS England",
        "date": Date(2023, 6),
        "sections": (KEY,),
    }
    values.update(changes)
    return Entry(**values)


def video(**changes: Any) -> Entry:
    values: dict[str, Any] = {
        "title": "Video: Peer Support",
        "kind": Kind.VIDEO,
        "publisher": "Henry Shepherd",
        "date": Date(2016, 3),
        "sections": (Section("Case Studies"),),
    }
    values.update(changes)
    return Entry(**values)


def brief(*entries: Entry, **changes: Any) -> Brief:
    values: dict[str, Any] = {
        "title": "Evidence Brief: Peer Support Workers",
        "source": "brief.txt",
        "entries": entries,
        "sections": (KEY, RESEARCH),
        "citation": "Evidence Brief: Peer Support Workers. Katie Nicholas. (15 November 2023).",
    }
    values.update(changes)
    return Brief(**values)
