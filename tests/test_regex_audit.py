"""Every regular expression of the package runs in linear time, checked without timing.

The patterns are collected, not listed: every compiled pattern a module of the package
holds (also inside its tuples and dicts), and every pattern written as a literal in a call
of ``re.search``/``sub``/… in its source, so a new pattern is audited as soon as it exists.
Each goes through the static check of ``redos.py`` (two loops that can read one run of a
character in turn, or one loop that can read it two ways), which is itself tested on the
patterns that were found slow in the package's history and on their linear rewrites.
Times at n and 4n are measured by ``benchmarks/bench_linear.py``.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from redos import audit

import peerbrief

_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
# Flags as written in calls: re.I, re.IGNORECASE, re.S…
_FLAG_NAMES = {flag.name: flag.value for flag in re.RegexFlag}
_FLAG_NAMES |= {"I": re.I, "S": re.S, "M": re.M, "X": re.X, "A": re.A}


def _held(value: object, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    """The compiled patterns ``value`` is or holds (bytes ones too)."""
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _held(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _held(item, depth + 1)


def _flags(node: ast.expr | None) -> int:
    if node is None:
        return 0
    if isinstance(node, ast.Attribute):
        return int(_FLAG_NAMES.get(node.attr, 0))
    if isinstance(node, ast.BinOp):
        return _flags(node.left) | _flags(node.right)
    return 0


def _written(path: Path) -> Iterator[tuple[str, int]]:
    """Patterns written as string literals in ``re.<function>(…)`` calls."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _CALLS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        flags = next((kw.value for kw in node.keywords if kw.arg == "flags"), None)
        position = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "split": 3}
        index = position.get(node.func.attr, 4)
        if flags is None and len(node.args) > index:
            flags = node.args[index]
        yield node.args[0].value, _flags(flags)


def _package_patterns() -> dict[str, tuple[str, int]]:
    """Every pattern of the package: "module.NAME" (or "module:line") → (pattern, flags)."""
    found: dict[str, tuple[str, int]] = {}
    for info in pkgutil.walk_packages(peerbrief.__path__, "peerbrief."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            held = (compiled for compiled in _held(value) if isinstance(compiled.pattern, str))
            for number, compiled in enumerate(held):
                flags = int(compiled.flags & ~re.UNICODE)  # implied for str patterns
                found.setdefault(f"{info.name}.{name}#{number}", (compiled.pattern, flags))
        source = Path(str(module.__file__))
        for number, written in enumerate(_written(source)):
            found.setdefault(f"{info.name}:literal#{number}", written)
    unique: dict[tuple[str, int], str] = {}
    for where, key in found.items():
        unique.setdefault(key, where)
    return {where: key for key, where in unique.items()}


PATTERNS = _package_patterns()


def _cases() -> list[object]:
    return [
        pytest.param(pattern, flags, id=where)
        for where, (pattern, flags) in sorted(PATTERNS.items())
    ]


def test_patterns_are_collected() -> None:
    modules = {where.split(".")[1].split(":")[0].split("#")[0] for where in PATTERNS}
    assert {"fields", "blocks", "lines", "entries", "paragraphs"} <= modules
    assert len(PATTERNS) > 50


@pytest.mark.parametrize(("pattern", "flags"), _cases())
def test_every_pattern_of_the_package_is_linear(pattern: str, flags: int) -> None:
    assert [str(finding) for finding in audit(pattern, flags)] == []


# --- the check itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        # Found slow in the package's history (issue 14) …
        r"<sup>\s*[\d,;\s–-]*\s*</sup>",
        r"(?:^|[\s,;:.]+)\(?(?:[pP][pP]\.?|p\.?)\s*(?P<first>\d+)\)?$",
        r"(?:^|[\s,;]+)(?:vol(?:ume)?\.?\s*)?(?P<volume>\d+[A-Za-z]?)(?:\s*,?\s*\((?P<i>[^()]+)\))?$",
        r"[\s,;]*\b(?:et\.?\s*al\b\.?|and\s+others\b\.?)\s*$",
        r"^(?P<heading>\S.*?)(?:[ \t]*[.…]{2,}[ \t]*|[ \t]*\t[ \t]*|[ ]+)(?P<page>\d{1,3})$",
        r"\s*,?\s+(?:and|&)\s+|\s*&\s*",
        # … and the textbook forms.
        r"(a+)+$",
        r"(\w+\s?)*$",
        r"(a|a)*$",
        r"\s+$",
        r"\d+\s*\d+x",
    ],
)
def test_the_check_finds_slow_patterns(pattern: str) -> None:
    assert audit(pattern) != []


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<![^\s,;:.])\(?(?:[pP][pP]\.?|p\.?) ?(?P<first>\d+)\)?$",
        r"(?:\bet\.?\s*al\b\.?|\band\s+others\b\.?)[\s.,;]*$",
        r"(?<!\s)(?:\s*,)?\s+(?:and|&)\s+|(?<!\s)\s*&\s*",
        r"<sup>([^<>]{0,60})</sup>",
        r"^\s*x",
        r"\d+",
        r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)",
    ],
)
def test_the_check_passes_linear_patterns(pattern: str) -> None:
    assert audit(pattern) == []


def test_a_line_start_is_searched_for_after_every_newline() -> None:
    """``^\\s*`` under MULTILINE tries every line start of a run of newlines, and each
    try runs to the run's end: quadratic (the format sniffer's patterns took 119 s on
    80,000 blank lines in a library). Whitespace but newlines after ``^`` is linear."""
    assert audit(r"^\s*%0 ", re.MULTILINE) != []
    assert audit(r"^\s*%0 ") == []  # without MULTILINE, ^ is the text's start
    assert audit(r"^[^\S\n]*%0 ", re.MULTILINE) == []


_PUMPS = st.sampled_from([" ", "\t", ",", ";", ".", "-", "–", "0", "a", "A", "*", "_", "(", "/"])


@given(
    st.lists(st.tuples(_PUMPS, st.integers(1, 200)), min_size=1, max_size=4), st.text(max_size=20)
)
def test_field_parsers_take_pumped_input(pieces: list[tuple[str, int]], tail: str) -> None:
    """The classic pump forms (long runs of separators, spaces, dots, digits) through
    every field parser: they return (the time is the benchmark's business)."""
    from peerbrief import fields

    text = "".join(char * count for char, count in pieces) + tail
    fields.parse_people(text)
    fields.parse_date(text)
    fields.parse_journal_source(text)
    fields.parse_publication_details(text)
    fields.strip_markup(text)
    fields.doi_from_url("https://doi.org/10.1000/" + text)
    fields.split_title_line(f"[{text}]({text})")


# --- what Python 3.10 can compile -------------------------------------------------------


def _every_compiled_pattern() -> Iterator[tuple[str, re.Pattern[Any]]]:
    """Every compiled pattern a module of the package holds, bytes ones too."""
    for info in pkgutil.walk_packages(peerbrief.__path__, "peerbrief."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for compiled in _held(value):
                yield f"{info.name}.{name}", compiled


def _newer_syntax(pattern: re.Pattern[Any]) -> list[str]:
    """The opcodes of Python 3.11's syntax in ``pattern``: possessive quantifiers and atomic
    groups, which 3.10's ``re`` refuses ("multiple repeat") as the package is imported.
    (Read with the standard library's private parser: only it tells them apart.)"""
    from re import _constants, _parser  # type: ignore[attr-defined]

    newer = {_constants.POSSESSIVE_REPEAT, _constants.ATOMIC_GROUP}
    found: list[str] = []

    def walk(items: object) -> None:
        for item in items if isinstance(items, (list, _parser.SubPattern)) else ():
            if not isinstance(item, tuple) or len(item) != 2:
                continue
            opcode, argument = item
            if opcode in newer:
                found.append(str(opcode))
            for part in argument if isinstance(argument, (tuple, list)) else ():
                if isinstance(part, (list, _parser.SubPattern)):
                    walk(part)
                elif isinstance(part, tuple):
                    walk(list(part))

    walk(_parser.parse(pattern.pattern, pattern.flags))
    return found


def test_no_pattern_needs_a_python_newer_than_the_oldest_supported() -> None:
    """pyproject.toml admits Python 3.10, whose ``re`` has no possessive quantifiers
    (``[^()]*+``) nor atomic groups (``(?>…)``): one such pattern at module level makes
    ``import peerbrief`` fail there. (A pre-scan pattern once had them.)"""
    newer = {
        where: found
        for where, pattern in _every_compiled_pattern()
        if (found := _newer_syntax(pattern))
    }
    assert newer == {}


def test_the_syntax_check_finds_possessive_quantifiers_and_atomic_groups() -> None:
    assert _newer_syntax(re.compile(rb"\((?:[^()\\]++|\\.)*+\)")) != []
    assert _newer_syntax(re.compile(r"(?>a|ab)c")) != []
    assert _newer_syntax(re.compile(r"[*+]+(?:a|b)*")) == []
