"""RIS output, read back with rispy."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import rispy
from hypothesis import given
from hypothesis import strategies as st
from strategies import entries, expected_tags, normalise

from peerbrief.model import Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.vocabulary import NAME_COMMA
from peerbrief.writers import to_ris

TYPES = {
    "JOUR": Kind.JOURNAL_ARTICLE,
    "RPRT": Kind.REPORT,
    "CHAP": Kind.REPORT,
    "VIDEO": Kind.VIDEO,
}


def read(ris: str) -> list[dict[str, Any]]:
    # rispy splits UR at ";" by default; a URL may contain one.
    records: list[dict[str, Any]] = rispy.loads(ris, newline="\r\n", delimiter_tags_mapping={})
    return records


def expected_date(date: Date) -> str:
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    season = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}.get(date.season or 0, "")
    return f"{date.year}/{month}/{day}/{season}"


def in_name(part: str | None) -> str:
    return normalise(part).replace(",", NAME_COMMA)


@given(st.lists(entries(), max_size=4))
def test_ris_reads_back_as_written(items: list[Entry]) -> None:
    ris = to_ris(items)
    records = read(ris)
    assert len(records) == len(items)
    assert "\n" not in ris.replace("\r\n", "")
    for entry, record in zip(items, records, strict=True):
        written_type = record.pop("type_of_reference")
        assert TYPES[written_type] is entry.kind
        # A report inside a larger work (a book section) is written as one.
        assert (written_type == "CHAP") is (
            entry.kind is Kind.REPORT and bool(normalise(entry.container_title))
        )
        assert re.fullmatch(r"[a-z0-9]+", record.pop("id"))
        people = [(in_name(p.family), in_name(p.given), p.organisation) for p in entry.authors]
        # An organisation ends with a comma; a comma inside a name is NAME_COMMA.
        expected_authors = [f"{f}, {g}" if g else f + "," * org for f, g, org in people if f]
        assert record.pop("authors", []) == expected_authors
        text = {
            "title": entry.title,
            "secondary_title": entry.container_title,
            "volume": entry.volume,
            "number": entry.issue,
            "publisher": entry.publisher,
            "place_published": entry.place,
            "abstract": entry.abstract,
            "start_page": entry.pages.first if entry.pages else None,
            "end_page": entry.pages.last if entry.pages else None,
            "doi": entry.doi,
        }
        for name, value in text.items():
            assert record.pop(name, "") == normalise(value), name
        assert record.pop("notes", []) == [normalise(entry.access)] * bool(normalise(entry.access))
        assert record.pop("urls", []) == ([entry.url] if entry.url else [])
        keywords = record.pop("keywords", [])
        assert list(dict.fromkeys(keywords)) == expected_tags(entry)
        assert len(keywords) != 1 or "," not in keywords[0]
        if entry.date is None:
            assert not {"year", "date"} & record.keys()
        else:
            assert record.pop("year") == str(entry.date.year)
            assert record.pop("date") == expected_date(entry.date)
        # Y2, in DA's form; the status has no tag (RP is EndNote's reprint status).
        accessed = record.pop("access_date", None)
        assert accessed == (expected_date(entry.accessed) if entry.accessed else None)
        assert record == {}


def test_a_forged_end_of_record_in_any_field_stays_in_its_record() -> None:
    forged = "Title\nER  - \nTY  - JOUR\nTI  - Forged"
    entry = Entry(
        title=forged,
        abstract="A\r\nER  - \r\nTY  - JOUR",
        pages=Pages("1\nER  - ", "2"),
        sections=[Section("Top\u2028ER  - \u2029TY  - BOOK\x85ER  - \x0bX\x0cY")],
        provenance=[Provenance("x", [1], brief="Brief\nTY  - JOUR")],
    )
    records = read(to_ris([entry, Entry(title="Next")]))
    assert [record["title"] for record in records] == [
        "Title ER - TY - JOUR TI - Forged",
        "Next",
    ]
    assert records[0]["keywords"] == ["Top ER - TY - BOOK ER - X Y", "Brief TY - JOUR"]


def test_layout_tags_and_line_ends() -> None:
    entry = Entry(
        title="Peer support roles",
        authors=[
            Person("Cleary", "Michelle"),
            Person("Public Health England", organisation=True),
            Person("Page"),
        ],
        authors_truncated=True,
        container_title="International Journal of Mental Health Nursing",
        volume="27",
        issue="3",
        pages=Pages("987", "1001"),
        date=Date(2012, 4, end=Date(2012, 6)),
        publisher="Wiley",
        place="United States",
        access="Abstract only*",
        doi="10.1111/inm.12382",
        url="https://doi.org/10.1111/inm.12382",
        sections=[Section("Published Peer Reviewed Research", "Challenges/ benefits")],
    )
    assert to_ris([entry]) == (
        "TY  - JOUR\r\n"
        "ID  - cleary2012peer\r\n"
        "AU  - Cleary, Michelle\r\n"
        "AU  - Public Health England,\r\n"
        "AU  - Page\r\n"
        "TI  - Peer support roles\r\n"
        "T2  - International Journal of Mental Health Nursing\r\n"
        "PY  - 2012\r\n"
        "DA  - 2012/04//\r\n"
        "VL  - 27\r\n"
        "IS  - 3\r\n"
        "SP  - 987\r\n"
        "EP  - 1001\r\n"
        "PB  - Wiley\r\n"
        "CY  - United States\r\n"
        "N1  - Abstract only*\r\n"
        "KW  - Published Peer Reviewed Research\r\n"
        "KW  - Challenges/ benefits\r\n"
        "UR  - https://doi.org/10.1111/inm.12382\r\n"
        "DO  - 10.1111/inm.12382\r\n"
        "ER  - \r\n"
    )


def test_a_lone_keyword_with_a_comma_is_written_twice() -> None:
    entry = Entry(title="T", sections=[Section("Health, wellbeing, and work-life balance")])
    assert read(to_ris([entry]))[0]["keywords"] == ["Health, wellbeing, and work-life balance"] * 2
    plain = Entry(title="T", sections=[Section("Statistics")])
    assert read(to_ris([plain]))[0]["keywords"] == ["Statistics"]


def test_seasons_go_in_the_other_part_of_da() -> None:
    records = read(to_ris([Entry(title="T", date=Date(2018, season=1))]))
    assert (records[0]["year"], records[0]["date"]) == ("2018", "2018///Spring")


def test_records_are_separated_by_a_blank_line_with_no_counter_lines() -> None:
    ris = to_ris([Entry(title="Alpha"), Entry(title="Beta")])
    assert ris == (
        "TY  - JOUR\r\nID  - alpha\r\nTI  - Alpha\r\nER  - \r\n"
        "\r\n"
        "TY  - JOUR\r\nID  - beta\r\nTI  - Beta\r\nER  - \r\n"
    )


@pytest.mark.slow  # runs pandoc
def test_an_organisation_with_a_comma_stays_one_name_in_rispy_and_pandoc() -> None:
    """Readers split an AU name at every comma (Zotero: ``split(/\\s*,\\s*/)``; pandoc:
    family, given, suffix): the comma inside the name is one they do not split at."""
    body = "University of Leeds, School of Healthcare"
    entry = Entry(title="T", kind=Kind.REPORT, authors=[Person(body, organisation=True)])
    ris = to_ris([entry])
    [name] = read(ris)[0]["authors"]
    assert name == body.replace(",", NAME_COMMA) + ","
    assert name.split(",") == [body.replace(",", NAME_COMMA), ""]  # Zotero: one last name
    pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary")
    [item] = json.loads(pypandoc.convert_text(ris, "csljson", format="ris"))
    assert item["author"] == [{"family": body.replace(",", NAME_COMMA)}]


def test_a_report_inside_a_book_is_a_book_section() -> None:
    """Zotero reads a ``RPRT``'s ``T2`` as its series title: the book went there."""
    section = Entry(title="Learning", kind=Kind.REPORT, container_title="A book", publisher="P")
    [record] = read(to_ris([section]))
    assert (record["type_of_reference"], record["secondary_title"]) == ("CHAP", "A book")
    assert read(to_ris([Entry(title="Plan", kind=Kind.REPORT)]))[0]["type_of_reference"] == "RPRT"
