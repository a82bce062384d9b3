"""Hostile libraries: whatever a file holds, reading gives a Bibliography (records that
cannot be read among its problems) or, for a file that is not a bibliography at all,
one InputError; never another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_shapes import ZOTERO_RDF_START
from fixtures.cli import Run
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief.errors import InputError, UsageError
from peerbrief.library.bibtex import MAX_FIELDS
from peerbrief.writers import write

RIS_TAGS = ["TY", "ER", "TI", "T1", "AU", "A1", "T2", "JO", "PY", "DA", "Y1", "SP", "EP",
            "VL", "IS", "KW", "N1", "UR", "DO", "M3", "AB", "PB", "CY", "XX"]  # fmt: skip
VALUES = st.text(max_size=20) | st.sampled_from(
    ["2020", "2020/13/40/", "Jan 99", "--", "-", "1-", ",", "others", "Video: x", "0000"]
)


def read_or_refuse(data: bytes) -> None:
    try:
        library = peerbrief.read_bibliography(data, name="hostile")
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert len(library) + len(library.problems) >= 0
    for problem in library.problems:
        assert problem.source == "hostile" and "\n" not in str(problem)


@given(st.lists(st.tuples(st.sampled_from(RIS_TAGS), VALUES) | st.text(max_size=10)))
def test_hostile_ris(lines: list[tuple[str, str] | str]) -> None:
    text = "\n".join(
        f"{line[0]}  - {line[1]}" if isinstance(line, tuple) else line for line in lines
    )
    read_or_refuse(("TY  - JOUR\n" + text).encode("utf-8", "surrogatepass"))


BIB_FIELDS = ["title", "author", "journal", "year", "month", "date", "pages", "keywords",
              "url", "doi", "institution", "note", "number"]  # fmt: skip


@given(
    st.sampled_from(["article", "misc", "report", "string", "comment", "video"]),
    st.lists(
        st.tuples(st.sampled_from(BIB_FIELDS), VALUES | st.sampled_from(["{", "}", "\\", "$"]))
    ),
    st.text(max_size=10),
)
def test_hostile_bibtex(kind: str, fields: list[tuple[str, str]], tail: str) -> None:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    read_or_refuse(f"@{kind}{{key,\n{body}\n}}{tail}".encode("utf-8", "surrogatepass"))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | VALUES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(VALUES, inner, max_size=4),
    max_leaves=12,
)
CSL_KEYS = ["title", "type", "author", "issued", "page", "container-title", "keyword",
            "date-parts", "season", "literal", "family", "given", "raw", "DOI"]  # fmt: skip


@given(st.lists(st.dictionaries(st.sampled_from(CSL_KEYS), JSON, max_size=6) | JSON, max_size=4))
def test_hostile_csl_json(items: list[object]) -> None:
    read_or_refuse(json.dumps(items).encode())


def test_json_nested_past_pythons_recursion_limit_is_an_input_error(
    run: Run, tmp_path: Path
) -> None:
    """json.loads raised RecursionError: exit code 70, "internal error"."""
    nested = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(InputError, match="the JSON nests too deeply"):
        peerbrief.read_bibliography(nested, name="deep.json")
    library = tmp_path / "deep.json"
    library.write_bytes(nested)
    result = run("check", "--sample", "--against", library)
    assert (result.code, result.err.count("\n")) == (2, 1)


# --- sizes ------------------------------------------------------------------------------


def test_a_device_that_never_ends_is_refused_at_the_cap() -> None:
    with pytest.raises(InputError, match=r"larger than 4096 bytes, .*--max-library-bytes"):
        peerbrief.read_bibliography("/dev/zero", max_bytes=4096)


def test_bytes_over_the_cap_are_refused_and_the_cap_must_be_positive() -> None:
    record = b"TY  - JOUR\nTI  - A title\nER  - \n"
    assert len(peerbrief.read_bibliography(record, max_bytes=len(record))) == 1
    with pytest.raises(InputError, match="larger than"):
        peerbrief.read_bibliography(record, max_bytes=len(record) - 1)
    with pytest.raises(UsageError, match="max_bytes must be positive"):
        peerbrief.read_bibliography(record, max_bytes=0)


def _library(format: str, count: int) -> bytes:
    """``count`` records in ``format``, each written as its exporters write one."""
    if format == "csl-json":
        items = [{"id": f"r{n}", "type": "article-journal", "title": f"T{n}"} for n in range(count)]
        return json.dumps(items).encode()
    if format == "endnote-xml":
        record = '<record><ref-type name="Journal Article">17</ref-type><titles><title>T{n}</title></titles></record>'
        body = "".join(record.format(n=n) for n in range(count))
        return f"<?xml version='1.0'?><xml><records>{body}</records></xml>".encode()
    if format == "zotero-csv":
        rows = "".join(f'\n"K{n}","report","T{n}"' for n in range(count))
        return f'"Key","Item Type","Title"{rows}'.encode()
    if format == "zotero-rdf":
        item = '<bib:Report rdf:about="#i{n}"><z:itemType>report</z:itemType><dc:title>T{n}</dc:title></bib:Report>'
        body = "".join(item.format(n=n) for n in range(count))
        return f"{ZOTERO_RDF_START}{body}</rdf:RDF>".encode()
    record = {
        "ris": "TY  - JOUR\nTI  - T{n}\nER  - \n\n",
        "bibtex": "@article{{key{n},\n  title = {{T{n}}},\n}}\n\n",
        "refer": "%0 Journal Article\n%T T{n}\n\n",
        "medline": "PMID- {n}\nTI  - T{n}\n\n",
        "refer-untyped": "%T T{n}\n%A Smith, Jane\n\n",  # records apart by blank lines only
    }[format]
    return "".join(record.format(n=n) for n in range(count)).encode()


@pytest.mark.parametrize(
    "format",
    [
        "ris",
        "bibtex",
        "csl-json",
        "endnote-xml",
        "refer",
        "refer-untyped",
        "zotero-csv",
        "zotero-rdf",
    ],
)
def test_a_library_of_more_records_than_the_cap_is_refused(format: str) -> None:
    data = _library(format, 3)
    assert len(peerbrief.read_bibliography(data, max_records=3)) == 3
    with pytest.raises(InputError, match=r"more than 2 records, .*--max-library-records"):
        peerbrief.read_bibliography(data, max_records=2)
    with pytest.raises(UsageError, match="max_records must be positive"):
        peerbrief.read_bibliography(data, max_records=0)


@pytest.mark.parametrize(
    "format",
    ["ris", "bibtex", "csl-json", "endnote-xml", "refer", "medline", "zotero-csv", "zotero-rdf"],
)
def test_a_library_read_past_its_deadline_is_refused(format: str) -> None:
    """A hostile file can make a record cost seconds (a BibTeX value of 300 brace groups
    takes pylatexenc 25 ms: 2,000 such records, a minute): reading is given up, with one
    clear error, at the first record read after ``max_seconds`` (``--timeout``)."""
    data = _library(format, 3)
    assert len(peerbrief.read_bibliography(data, max_seconds=60)) == 3
    with pytest.raises(InputError, match=r"longer than 1e-09 s \(max_seconds, --timeout\)"):
        peerbrief.read_bibliography(data, max_seconds=1e-9)
    with pytest.raises(UsageError, match="max_seconds must be positive"):
        peerbrief.read_bibliography(data, max_seconds=0)


def test_a_bibtex_value_too_long_to_decode_is_reported_not_read() -> None:
    """pylatexenc decodes a value in one call no deadline stops, a few microseconds a
    character (a title of 300,000 brace groups: 38 s): a value of more than
    ``MAX_DECODED`` characters is reported, and the rest of its record read."""
    abstract = '{"}' * 40_000
    library = peerbrief.read_bibliography(
        f'@article{{k, title={{T}}, abstract="{abstract}"}}'.encode(), name="lib"
    )
    assert [entry.abstract for entry in library] == [None]
    assert [str(problem) for problem in library.problems] == [
        "lib record 1 (line 1): abstract: not read: more than 100,000 characters of LaTeX to decode"
    ]


def test_a_bibtex_block_of_more_fields_than_a_record_holds_is_reported_not_read() -> None:
    """bibtexparser splits the whole file in one call no deadline stops, some 15-40 µs a
    field: one record of 300,000 fields was refused at ``--timeout 5`` after 12.7 s. A
    block of more than ``MAX_FIELDS`` is taken out before parsing, and reported; the
    records around it are read, on their own lines."""
    crowded = ",\n".join(f"f{number}={{v}}" for number in range(MAX_FIELDS + 1))
    text = f"@article{{a, title={{Before}}}}\n@misc{{k,\n{crowded}}}\n@article{{b,\ntitle={{After}}}}\n"
    library = peerbrief.read_bibliography(text.encode(), name="lib")
    assert [(entry.title, entry.provenance[0].lines) for entry in library] == [
        ("Before", (1,)),
        ("After", (MAX_FIELDS + 4,)),
    ]
    assert [str(problem) for problem in library.problems] == [
        f"lib (line 2): not read: more than {MAX_FIELDS:,} fields ('=' signs) in one block"
    ]


def test_a_bibtex_record_of_many_equals_signs_within_the_cap_is_read() -> None:
    values = ", ".join(f"f{number}={{a=b}}" for number in range(MAX_FIELDS // 2 - 1))
    library = peerbrief.read_bibliography(f"@article{{k, title={{T}}, {values}}}".encode())
    assert [entry.title for entry in library] == ["T"] and library.problems == ()


def test_records_written_shortest_are_counted_before_parsing() -> None:
    """``@a{`` is a BibTeX record to the parser, which takes some 40 µs and 1.5 KB for each:
    a megabyte of them would take minutes and gigabytes. Counted first, they are refused."""
    with pytest.raises(InputError, match="more than 1000 records"):
        peerbrief.read_bibliography(b"@a{" * 1001, max_records=1000)


def test_the_command_refuses_a_library_over_its_cap(
    run: Run, tmp_path: Path, sample_listed: peerbrief.Brief
) -> None:
    library = tmp_path / "library.ris"
    write(sample_listed.entries, library)
    result = run("check", "--sample", "--against", library, "--max-library-bytes", "1K")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "larger than 1024 bytes" in result.err and "--max-library-bytes" in result.err
    assert run("check", "--sample", "--against", library).code in (0, 1)
    result = run("check", "--sample", "--against", library, "--max-library-records", "100")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "more than 100 records" in result.err and "--max-library-records" in result.err


# --- numbers longer than int() reads ------------------------------------------------------

DIGITS = "9" * 5000  # int() raises ValueError beyond 4,300 digits


@pytest.mark.parametrize(
    ("library", "problem"),
    [
        (f"@article{{k, title={{T}}, year={{{DIGITS}}}}}", "date not understood"),
        (f"@article{{k, title={{T}}, year={{2020}}, month={{{DIGITS}}}}}", "month not understood"),
        (f"@article{{k, title={{T}}, year={{2020}}, month={{nov}}, day={{{DIGITS}}}}}", "day"),
        (f'[{{"title": "T", "issued": {{"date-parts": [["{DIGITS}"]]}}}}]', "date not"),
        (f'[{{"title": "T", "issued": {{"date-parts": [[{DIGITS}]]}}}}]', "date not"),
        (f'[{{"title": "T", "issued": {{"date-parts": [[-{DIGITS}]]}}}}]', "date not"),
        (f'[{{"title": "T", "issued": {{"date-parts": [[2020]], "season": {DIGITS}}}}}]', "season"),
    ],
    ids=[
        "bibtex year",
        "bibtex month",
        "bibtex day",
        "csl string",
        "csl number",
        "negative",
        "season",
    ],
)
def test_a_number_of_thousands_of_digits_is_a_value_not_understood(
    library: str, problem: str
) -> None:
    """int() raised ValueError on the digits: exit code 70, "internal error"."""
    read = peerbrief.read_bibliography(library.encode(), name="digits")
    assert [entry.title for entry in read] == ["T"]
    assert len(read.problems) == 1 and problem in str(read.problems[0])


def test_a_long_value_reaches_pylatexenc_in_runs_it_decodes_in_linear_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pylatexenc copies a run of characters or of white space at each step (n²: a
    400,000-letter title took 7 s): a long value is handed over with its white space
    runs made one and an empty group ending each run of _DECODED_RUN characters, and
    decodes to the same text."""
    from bibtexparser.middlewares import LatexDecodingMiddleware

    from peerbrief.library.bibtex import _DECODED_RUN

    handed: list[str] = []
    decode = LatexDecodingMiddleware._transform_python_value_string

    def recorded(self: LatexDecodingMiddleware, value: str) -> tuple[str, str]:
        handed.append(value)
        return decode(self, value)

    monkeypatch.setattr(LatexDecodingMiddleware, "_transform_python_value_string", recorded)
    words = r"Caf{\'e} na\"{\i}ve \textit{peer} support, 2.5 -- workers." + "\n\n" * 3
    title = words * (3 * _DECODED_RUN // len(words)) + "x" * 3 * _DECODED_RUN
    library = peerbrief.read_bibliography(f"@article{{k, title={{{title}}}}}".encode())
    [value] = [value for value in handed if "Caf" in value]
    runs = [len(run) for piece in value.split("{}") for run in piece.split(" ")]
    assert max(runs) <= _DECODED_RUN
    decoded = "Café naïve peer support, 2.5 – workers."
    expected = " ".join([decoded] * (3 * _DECODED_RUN // len(words))) + " " + "x" * 3 * _DECODED_RUN
    assert " ".join(library.entries[0].title.split()) == expected


@pytest.mark.parametrize(
    ("library", "format"),
    [
        (b"TY  - JOUR\nTI  - A \xed\xa0\x80 title\nPY  - 2020\nER  - \n", "ris"),
        (b"@article{k, title={A \xed\xa0\x80 title}, year={2020}}\n", "bibtex"),
        (b'[{"type": "article", "title": "A \xed\xa0\x80 title"}]', "csl-json"),
        # JSON's own escape of one: alone, a high or a low half (a pair is a character).
        (b'[{"type": "article", "title": "A \\ud800 title"}]', "csl-json"),
        (b'[{"type": "article", "title": "A \\uDFFF title"}]', "csl-json"),
    ],
)
def test_a_lone_surrogate_in_a_library_is_replaced_and_reported(
    library: bytes, format: str, tmp_path: Path
) -> None:
    """A file that encoded a lone surrogate (UTF-8's ED A0 80): the decoder lets it through
    as damage, and it reached the entries unreported, where writing them raised
    UnicodeEncodeError (and Zotero RDF's XML parser did, exit 70)."""
    read = peerbrief.read_bibliography(library, name="lib")
    assert (read.format, read.entries[0].title) == (format, "A \ufffd title")
    assert [str(problem) for problem in read.problems] == [
        "lib: 1 lone surrogate(s) replaced by U+FFFD"
    ]
    write(read, tmp_path / "copy.ris")
    assert "A \ufffd title" in (tmp_path / "copy.ris").read_text(encoding="utf-8")


def test_json_escapes_that_are_characters_stay_as_they_are() -> None:
    """A surrogate pair is one character, and an escaped backslash before ``u`` is text,
    not an escape."""
    library = rb'[{"type": "book", "title": "A \ud83d\ude00 and \\ud800 title"}]'
    read = peerbrief.read_bibliography(library, name="lib")
    assert (read.entries[0].title, read.problems) == ("A \U0001f600 and \\ud800 title", ())
