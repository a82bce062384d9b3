"""CSL-JSON output: schema-valid, and read back with json."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import entries, expected_tags, normalise

from peerbrief.errors import OutputError
from peerbrief.model import Brief, Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.writers import to_csl_items, to_csl_json, validate_csl

TYPES = {
    "article-journal": Kind.JOURNAL_ARTICLE,
    "report": Kind.REPORT,
    "chapter": Kind.REPORT,
    "motion_picture": Kind.VIDEO,
}


def expected_names(entry: Entry) -> list[dict[str, str]]:
    names = []
    for person in entry.authors:
        family, given = normalise(person.family), normalise(person.given)
        if not family:
            continue
        if given:
            names.append({"family": family, "given": given})
        else:
            names.append({"literal" if person.organisation else "family": family})
    # {"literal": "others"} would become a creator named "others" in Zotero.
    return names


def expected_parts(date: Date) -> list[int]:
    return [part for part in (date.year, date.month, date.day) if part]


@given(st.lists(entries(), max_size=4))
def test_csl_json_is_valid_and_reads_back_as_written(items: list[Entry]) -> None:
    written = json.loads(to_csl_json(items))
    validate_csl(written)
    assert len({item["id"] for item in written}) == len(items)
    for entry, item in zip(items, written, strict=True):
        assert re.fullmatch(r"[a-z0-9]+", item["id"])
        assert item.pop("citation-key") == item.pop("id")
        written_type = item.pop("type")
        assert TYPES[written_type] is entry.kind
        # A report inside a larger work (a book section) is written as one.
        assert (written_type == "chapter") is (
            entry.kind is Kind.REPORT and bool(normalise(entry.container_title))
        )
        truncated = entry.authors_truncated and "author" in item
        assert item.pop("author", []) == expected_names(entry)
        for variable, date in (("issued", entry.date), ("accessed", entry.accessed)):
            if date is None:
                assert variable not in item
                continue
            written_date = item.pop(variable)
            points = [date, date.end] if date.end else [date]
            assert written_date.pop("date-parts") == [expected_parts(point) for point in points]
            assert written_date.pop("season", None) == date.season
            # Zotero reads a numeric season as "1 2018": the date as text too, in raw.
            raw = written_date.pop("raw", None)
            assert (raw is not None) == (date.season is not None)
            assert written_date == {}
        assert item.pop("custom", None) == ({"authors-truncated": True} if truncated else None)
        if entry.pages is not None:
            parts = [normalise(entry.pages.first), normalise(entry.pages.last)]
            assert item.pop("page", "") == "-".join(part for part in parts if part)
        tags = expected_tags(entry)
        keyword = item.pop("keyword", None)
        if not any(";" in tag for tag in tags):
            assert (keyword.split("; ") if keyword else []) == tags
        plain = {
            "title": entry.title,
            "container-title": entry.container_title,
            "volume": entry.volume,
            "issue": entry.issue,
            "publisher": entry.publisher,
            "publisher-place": entry.place,
            "abstract": entry.abstract,
            "annote": entry.access,
            "status": entry.status,
            "URL": entry.url,
            "DOI": entry.doi,
        }
        assert item == {name: normalise(value) for name, value in plain.items() if normalise(value)}


def test_a_full_item() -> None:
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
        pages=Pages("451", "460"),
        date=Date(2012, 4, end=Date(2012, 6)),
        access="Abstract only*",
        sections=[Section("Published Peer Reviewed Research", "Health, wellbeing, and balance")],
        provenance=[Provenance("x", [1], brief="Evidence Brief: Peer Support Workers")],
        doi="10.1111/inm.12382",
    )
    assert to_csl_items([entry]) == [
        {
            "id": "cleary2012peer",
            "citation-key": "cleary2012peer",
            "type": "article-journal",
            "author": [
                {"family": "Cleary", "given": "Michelle"},
                {"literal": "Public Health England"},
                {"family": "Page"},
            ],
            "title": "Peer support roles",
            "container-title": "International Journal of Mental Health Nursing",
            "issued": {"date-parts": [[2012, 4], [2012, 6]]},
            "volume": "27",
            "issue": "3",
            "page": "451-460",
            "annote": "Abstract only*",
            "keyword": "Published Peer Reviewed Research; Health, wellbeing, and balance; "
            "Evidence Brief: Peer Support Workers",
            "DOI": "10.1111/inm.12382",
            "custom": {"authors-truncated": True},
        }
    ]


def test_a_season_is_csl_season_number_and_raw_text() -> None:
    [item] = to_csl_items([Entry(title="T", kind=Kind.REPORT, date=Date(2018, season=3))])
    # "Fall": pandoc's date parser reads "Autumn 2018" as no date at all.
    assert item["issued"] == {"date-parts": [[2018]], "season": 3, "raw": "Fall 2018"}
    assert item["type"] == "report"


def test_a_season_range_is_raw_text_with_both_ends_in_full() -> None:
    date = Date(2018, season=1, end=Date(2018, season=2))
    [item] = to_csl_items([Entry(title="T", kind=Kind.REPORT, date=date)])
    assert item["issued"]["raw"] == "Spring 2018 - Summer 2018"


def test_json_is_utf8_text_not_ascii_escapes() -> None:
    assert '"title": "Étude – “quoted”"' in to_csl_json([Entry(title="Étude – “quoted”")])


@pytest.mark.parametrize(
    ("items", "where"),
    [
        ([{"id": "a", "type": "book-chapter"}], "/0/type"),
        ([{"id": "a", "type": "report", "keywords": "x"}], "/0"),
        ([{"type": "report"}], "/0"),
        ([{"id": "a", "type": "report", "issued": {"date-parts": [[2020, 1, 2, 3]]}}], "/0/issued"),
    ],
)
def test_validate_csl_names_the_first_error(items: list[dict[str, object]], where: str) -> None:
    with pytest.raises(OutputError, match=f"^invalid CSL-JSON at {re.escape(where)}"):
        validate_csl(items)


def test_the_sample_brief_is_valid_csl(sample: Brief) -> None:
    entries = sample.entries
    items = json.loads(to_csl_json(entries))
    validate_csl(items)
    assert [item["title"] for item in items] == [entry.title for entry in entries]


@pytest.mark.parametrize(
    ("person", "name"),
    [
        (Person("van der Berg", "Jan"), {"family": "van der Berg", "given": "Jan"}),
        (Person("da Silva"), {"family": "da Silva"}),
        (Person("de Souza Pereira", "Ana"), {"family": "de Souza Pereira", "given": "Ana"}),
        # A dropping particle after the given name, where Zotero and citeproc-js keep it.
        (Person("von Moltke", "Helmut"), {"family": "Moltke", "given": "Helmut von"}),
        (Person("De Vries", "Karel"), {"family": "De Vries", "given": "Karel"}),
        (Person("de la"), {"family": "de la"}),
        (Person("van der Berg", organisation=True), {"literal": "van der Berg"}),
    ],
)
def test_a_particle_stays_in_the_name_parts_zotero_reads(
    person: Person, name: dict[str, str]
) -> None:
    """Zotero's CSL-JSON import reads a name's ``family``, ``given`` and ``literal`` only
    (zotero/utilities utilities_item.js ``itemFromCSLJSON``: ``creator.lastName =
    cslAuthor.family``, ``creator.firstName = cslAuthor.given``): "de Souza Pereira"
    written as ``non-dropping-particle`` "de" + ``family`` "Souza Pereira" arrived as
    "Souza Pereira", "ap Dafydd" as "Dafydd". Every word of the name is now in those."""
    [item] = to_csl_items([Entry(title="T", authors=[person])])
    assert item["author"] == [name]
    validate_csl([item])
    [written] = item["author"]
    zotero_creator = {
        "lastName": written.get("family", written.get("literal")),
        "firstName": written.get("given", ""),
    }
    assert sorted(" ".join(zotero_creator.values()).split()) == sorted(
        f"{person.given or ''} {person.family}".split()
    )
