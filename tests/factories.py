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
    "consumer_cases",
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


def consumer_cases() -> list[Entry]:
    """Entries with what has tripped a consumer somewhere (bibtex, biber, pandoc, Zotero):
    specials in a title (``&``, ``%``, ``#``, ``_``, ``~``, ``^``, a backslash, braces),
    accents and particles in names, an organisation among the authors and "et al.", a
    month range, a season and a place, a URL with a ``;`` and the day it was read, a
    video, a report with neither date nor publisher, an article missing its journal, an
    electronic article number, a status."""
    return [
        article(
            title="Peer support & recovery: 50% of NHS {trusts} use #peer_work ~ ^ \\ in Wales",
            authors=[
                person("Hegedüs", "Anna"),
                person("van der Berg", "Jan"),
                Person("Public Health England", organisation=True),
                person("Skipper", None),
            ],
            container_title="International Journal of Mental Health Nursing",
            volume="27",
            pages=Pages("451", "460"),
            date=Date(2012, 4, end=Date(2012, 6)),
            doi="10.1111/inm.12382",
            access=None,
            sections=[
                Section("Published Peer Reviewed Research", "Health, wellbeing, and balance")
            ],
        ),
        report(
            title="NHS Long Term Workforce Plan – 2023/24",
            place="London",
            date=Date(2018, season=1),
            url="https://www.england.nhs.uk/long-read/plan/?a=1;b=2",
            accessed=Date(2025, 1, 2),
        ),
        video(publisher=None, date=Date(2020)),
        article(
            title="Effects of employment as a peer support worker",
            authors=[person("Bankovska Motlova", "Lucie"), person("Ørsted", "Åse")],
            authors_truncated=False,
            container_title="BMJ Open",
            volume="9",
            issue=None,
            pages=Pages("e025166"),
            date=Date(2019, 1, 5),
            access=None,
            doi=None,
            status="In press",
        ),
        report(title="A report with no date or publisher", publisher=None, date=None),
        Entry(
            title="An article missing its journal",
            authors=[person("Page", None)],
            pages=Pages("e1"),
        ),
    ]


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
