"""Golden files: the exact output for a handful of hand-made entries, one file per format.

The files in ``tests/golden/`` were checked by eye against the mapping in
the README's "Format mapping" section; when the output changes on purpose, regenerate them
and review the diff line by line before committing:

    python -c "import sys; sys.path[:0] = ['.', 'tests']; import test_writers_golden as g; g.regenerate()"
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peerbrief.model import Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.writers import render

GOLDEN = Path(__file__).parent / "golden"
FILES = {
    "bibtex": "entries.bibtex.bib",
    "biblatex": "entries.biblatex.bib",
    "ris": "entries.ris",
    "csl-json": "entries.json",
}
BRIEF = "Evidence Brief: Peer Support Workers"

ENTRIES = [
    # A full journal article: every field, a truncated author list, a month range.
    Entry(
        title="Peer support worker training: results of the evaluation of the EX-IN programme",
        authors=[Person("Hegedüs", "Anna"), Person("Burr", "Christian"), Person("Pluess", "D.")],
        authors_truncated=True,
        container_title="International Journal of Mental Health Nursing",
        volume="27",
        issue="3",
        pages=Pages("987", "1001"),
        date=Date(2012, 4, end=Date(2012, 6)),
        publisher="Wiley",
        place="Australia",
        abstract="Background: Peer support workers (PSWs) & their 50% share…",
        access="Abstract only*",
        sections=[
            Section("Published Peer Reviewed Research", "Health, wellbeing, and work-life balance")
        ],
        provenance=[Provenance("peer-support-workers.txt", [120], brief=BRIEF)],
        doi="10.1111/inm.12382",
        url="https://doi.org/10.1111/inm.12382",
    ),
    # A report by an organisation, with no named author and a season.
    Entry(
        title="NHS Long Term Workforce Plan",
        kind=Kind.REPORT,
        publisher="NHS England",
        place="London",
        date=Date(2023, season=2),
        sections=[Section("Key publications – the big picture")],
        provenance=[Provenance("peer-support-workers.txt", [40], brief=BRIEF)],
        url="https://www.england.nhs.uk/publication/nhs-long-term-workforce-plan/",
    ),
    # A video with a corporate author and a full date.
    Entry(
        title="Video: Peer Support",
        kind=Kind.VIDEO,
        authors=[Person("Public Health England", organisation=True)],
        date=Date(2020, 2, 3),
        sections=[Section("Case Studies")],
        url="https://www.youtube.com/watch?v=abc_123",
    ),
    # Every character LaTeX or RIS cares about, an unbalanced brace and a forged record.
    Entry(
        title="A {broken title: 100% R&D costs $5 #1 a_b ~x^2 \\ -- ``q'' ER  - TY  - JOUR",
        authors=[Person("Smith, Jr", "Ann & Bob"), Person("van der Berg", "Jan"), Person("Page")],
        container_title="Journal of {Tricky} Names",
        volume="30 Suppl 1",
        pages=Pages("e025166"),
        date=Date(2019),
        sections=[Section("Competencies\nER  - ")],
        doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
    ),
    # The same work twice: keys get suffixes.
    Entry(title="Peer support roles", authors=[Person("Cleary", "Michelle")], date=Date(2018)),
    Entry(title="Peer support roles", authors=[Person("Cleary", "Michelle")], date=Date(2018)),
]


@pytest.mark.parametrize("fmt", list(FILES))
def test_output_matches_the_reviewed_golden_file(fmt: str) -> None:
    expected = (GOLDEN / FILES[fmt]).read_bytes().decode("utf-8")
    assert render(ENTRIES, fmt) == expected


def regenerate() -> None:
    """Rewrite the golden files from the current writers (then review the diff)."""
    for fmt, name in FILES.items():
        (GOLDEN / name).write_bytes(render(ENTRIES, fmt).encode("utf-8"))
