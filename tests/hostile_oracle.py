"""What must hold for any input, however hostile: the oracle of the fuzzers.

The hypothesis fuzzer (``tests/test_hostile_fuzz.py``) and the atheris harnesses
(``fuzz/``) both judge an input with :func:`check_input`:

- reading it gives a Brief or an InputError with a one-line message, never another
  exception;
- every non-blank line is used by one entry or reported once (a line that only held
  removed characters is reported by that removal; a line joined to the one before is
  reported inside that line's item);
- every writer's output is read back by an independent parser (bibtexparser, rispy,
  json + the CSL schema) as the same number of records with the same titles, and holds
  no control or invisible format character and no link but http(s).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

import rispy
from bibtexparser.entrypoint import parse_string

import peerbrief
from peerbrief import writers
from peerbrief.errors import InputError
from peerbrief.inputs import decode_text
from peerbrief.lines import clean_line, split_lines, unquoted
from peerbrief.model import Brief, Entry
from peerbrief.paragraphs import mend_converted_paragraphs, rebuild_paragraphs
from peerbrief.writers.common import one_line

__all__ = ["assert_lines_accounted_for", "assert_outputs_read_back", "check_input"]

WEB = ("http://", "https://")


def check_input(data: bytes) -> Brief | None:
    """Read ``data`` and check everything that must hold; the Brief, or None if the
    input was refused (with a proper InputError)."""
    try:
        brief = peerbrief.read(data, dedupe=False)
    except InputError as error:
        assert "\n" not in str(error), str(error)
        return None
    if not data.lstrip().startswith(b"%PDF-"):
        assert_lines_accounted_for(decode_text(data, "<fuzz>"), brief)
    assert_outputs_read_back(brief.entries)
    merged = peerbrief.dedupe(brief.entries).entries
    assert_outputs_read_back(merged)
    return brief


def assert_lines_accounted_for(text: str, brief: Brief) -> None:
    """Each non-blank line is used by one entry or reported once, as the reader saw it
    (a reported paragraph joined from several lines names each of them). A line the reader
    split into several (a table of works' row: its title, then a line per value) is
    accounted for at least once and at most once per part: its title used, a value of it
    reported."""
    cleaned = [clean_line(line) for line in split_lines(text)]
    parts = Counter(line.number for line, _ in cleaned if not line.is_blank)
    # A paragraph a converter broke with <br> or ran labels into goes apart in parts that
    # keep its lines: each such line too is accounted for at most once per part.
    mended = mend_converted_paragraphs(rebuild_paragraphs(unquoted([c for c, _ in cleaned])))
    parts |= Counter(n for line in mended if not line.is_blank for n in line.source_lines)
    items = [item for item in brief.report if not item.reason.is_removal]
    used = [n for entry in brief.entries for p in entry.provenance for n in p.lines]
    accounted = Counter(used + [n for item in items for n in item.source_lines])
    assert accounted.keys() == parts.keys(), (accounted - parts, parts - accounted)
    overcounted = {n: times for n, times in accounted.items() if times > parts[n]}
    assert not overcounted, overcounted
    removals = {item.line for item in brief.report if item.reason.is_removal}
    assert {line.number for line, removed in cleaned if removed} <= removals


def _assert_clean(text: str, where: str) -> None:
    for char in set(text):
        category = unicodedata.category(char)
        assert category != "Cf", f"{where}: invisible U+{ord(char):04X}"
        assert category != "Cs", f"{where}: lone surrogate U+{ord(char):04X}"
        assert category != "Cc" or char in "\t\n\r", f"{where}: control U+{ord(char):04X}"


def assert_outputs_read_back(entries: Sequence[Entry]) -> None:
    titles = [one_line(entry.title) for entry in entries]
    for name in writers.FORMATS:
        _assert_clean(writers.render(entries, name), name)
    _check_bibtex(entries, "bibtex")
    _check_bibtex(entries, "biblatex")
    _check_ris(entries, titles)
    _check_csl(entries, titles)


def _check_bibtex(entries: Sequence[Entry], flavour: str) -> None:
    library = parse_string(writers.render(entries, flavour))
    assert not library.failed_blocks, library.failed_blocks[0].error
    assert [entry.key for entry in library.entries] == writers.citation_keys(entries)
    for entry in library.entries:
        url = entry.fields_dict.get("url")
        assert url is None or str(url.value).startswith(WEB), url


def _check_ris(entries: Sequence[Entry], titles: list[str]) -> None:
    # rispy splits UR at ";" by default; a URL may contain one.
    records: list[dict[str, Any]] = rispy.loads(
        writers.render(entries, "ris"), newline="\r\n", delimiter_tags_mapping={}
    )
    assert [record["title"] for record in records] == titles
    for record in records:
        assert all(url.startswith(WEB) for url in record.get("urls", []))


def _check_csl(entries: Sequence[Entry], titles: list[str]) -> None:
    items = json.loads(writers.render(entries, "csl-json"))
    writers.validate_csl(items)
    assert [item["title"] for item in items] == titles
    assert all(item.get("URL", "https://").startswith(WEB) for item in items)
