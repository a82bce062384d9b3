"""BibTeX and biblatex (Zotero, Better BibTeX, JabRef, Mendeley…), through bibtexparser 2
and its middlewares; LaTeX decoded field by field."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..fields import split_place_publisher
from ..limits import Deadline
from ..links import web_link
from ..model import Date, Kind, Pages, Person
from ..model import collapse_spaces as one_line
from ..vocabulary import MONTH_NAMES, PUBSTATE_KEYS, SEASON_ABBREVIATIONS, SEASON_WORDS
from .inheritance import XDATA_TYPE, Node, inherit
from .records import (
    ET_AL,
    GENERIC_TYPES,
    MAX_DIGITS,
    Problem,
    Record,
    access_date,
    access_range,
    date_of,
    either_way_year,
    find_doi,
    given_twice,
    joined_notes,
    kind_of,
    numbered,
    one_of,
    parse_date,
    refuse_beyond_starts,
    split_pages,
    to_int,
    to_person,
    unread_date,
)

BIBTEX_KINDS: Mapping[str, Kind] = {
    "article": Kind.JOURNAL_ARTICLE,
    "periodical": Kind.JOURNAL_ARTICLE,
    "video": Kind.VIDEO,
    "movie": Kind.VIDEO,
}
"""Entry type → kind; every other type is a report."""

BIBTEX_FIELDS: Mapping[str, tuple[str, ...]] = {
    "title": ("title",),
    "container_title": ("journaltitle", "journal", "booktitle", "howpublished", "shortjournal"),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "publisher": ("institution", "publisher", "organization", "school"),
    "place": ("location", "address"),
    "abstract": ("abstract",),
    "access": ("note", "annote", "annotation", "comment", "addendum"),
    "url": ("url", "bdsk-url-1"),
    "doi": ("doi",),
    "status": ("pubstate",),
    "accessed": ("urldate", "lastchecked"),
}
"""Entry field → the BibTeX and biblatex fields that fill it, the first given winning
(``howpublished`` only when it is not a link; of the notes, every one, joined: Zotero
writes its Extra field as ``note`` and notes as ``annote``, JabRef the user's as
``comment``, biblatex its ``addendum``; the link ``url``, else BibDesk's first
``bdsk-url-1``, its attachment ``bdsk-file-1`` not read; the DOI ``doi``, else an
``eprint`` of type ``doi``, see :data:`EPRINT_TYPES`). Built from several fields: ``author``,
``date`` or ``year``/``month``/``day``, ``pages``, ``keywords``. The access date is
``urldate`` (biblatex's, which Zotero writes; Zotero reads ``lastchecked`` too); a
``pubstate`` that is one of biblatex's keys (``inpress``) is the status it prints."""

EPRINT_TYPES: Mapping[str, str] = {"doi": "doi"}
"""biblatex's ``eprinttype`` (or ``archiveprefix``) → the entry field its ``eprint``
fills when the record does not give it: biblatex's generic identifier fields may
give a DOI as ``eprint = {10.…}, eprinttype = {doi}``. Other identifiers (``arxiv``, ``pubmed``,
``jstor``, ``hdl``) have no place in the model."""

_PUBSTATE_WORDS: Mapping[str, str] = {key: status for status, key in PUBSTATE_KEYS.items()}
"""biblatex's ``pubstate`` keys → the status each prints, the writer's table read
backwards (of two statuses written as one key, the later: ``in press``)."""

_INHERITED: tuple[tuple[str, ...], ...] = (
    *(BIBTEX_FIELDS[field] for field in ("container_title", "volume", "issue", "publisher")),
    *(BIBTEX_FIELDS[field] for field in ("place", "status")),
    ("date", "year", "month", "day"),
    ("author",),
)
"""The groups of fields a ``crossref`` or ``xdata`` parent gives a child lacking all of
a group (see :mod:`~peerbrief.library.inheritance`): the book, journal, publisher and
date a work shares with others."""

_TAGS = ("keywords", "mendeley-tags")
"""Fields of tags, a comma or semicolon apart. Mendeley writes its tags into ``keywords``
and again into ``mendeley-tags`` (which names the keywords that are tags): each tag is
read once, and one only in ``mendeley-tags`` is not lost."""

_SUBTYPES = ("entrysubtype", "type")
"""Fields that may name what a generic entry (``@misc``) is."""

_VERBATIM = frozenset(
    {"url", "bdsk-url-1", "doi", "eprint", "file", "pdf", "crossref", "xdata", "date", "urldate"}
)
"""Fields biblatex reads verbatim (``%`` and ``~`` are characters there, not LaTeX), the
citation keys of parents, and ``date``, which biber parses as EDTF (``2019~``: circa)."""
_ESCAPED_IN_LINK = re.compile(r"\{\\([_%#&$])\}|\\([_%#&$])")
r"""Mendeley escapes characters in links as in text (``nt{\_}eau``, ``\%20``); a link
never holds a backslash, so the escape is undone."""
# Text that LaTeX decoding would change: macros, groups, math, comments, ligatures, quotes.
_LATEX_MARKS = re.compile(r"[\\{}$~%`]|--|''")
# BibTeX reads a "%" inside a field as a character (JabRef writes "50%" so), pylatexenc as
# a comment to the end of the line: escaped before decoding.
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
# TeX's opening single quote, which pylatexenc leaves a backquote (it reads ``…'' as “…”);
# a backquote after a backslash is the grave accent (\`e), two are an opening double quote.
_TEX_OPENING_QUOTE = re.compile(r"(?<![\\`])`(?!`)")
_TEXT_SYMBOLS: Mapping[str, str] = {
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textquotedbl": '"',
    "textunderscore": r"\_",
}
"""Text-mode symbols Zotero writes (``{\\textless}i{\\textgreater}`` for an HTML tag in a
note or title) that pylatexenc drops without a word: each as LaTeX it does decode."""
_QUOTING_MACROS = ("mkbibquote", "enquote")
r"""biblatex's and csquotes' quotation macros, which pylatexenc does not know and reads as
their text without its quotation marks: Better BibLaTeX writes a title's “…” as
``\mkbibquote{…}``. Read as “…”, as TeX's ````…''```` is."""
_TEXT_SYMBOL = re.compile(r"\\(" + "|".join(_TEXT_SYMBOLS) + r")(?![A-Za-z])(?:\{\})?")
# pylatexenc gathers a run of characters, or of white space, by appending to a string
# attribute, which copies the run at every step: a run of n characters costs n² (a
# 400,000-character title took 7 s, 100,000 half a second; 200,000 newlines 0.8 s, 50,000
# 0.07 s). So a long value is decoded with its white space runs made one space (a blank
# line a paragraph's two newlines), as BibTeX itself reads them, and an empty group, which
# ends a run and prints nothing, every _DECODED_RUN characters where one changes nothing:
# after a letter or digit of a word (never in a macro's name, \textit, nor before a
# macro's argument, \'e) or inside a run of punctuation that makes no ligature (-- and
# '' do).
_DECODED_RUN = 4000
_WHITE_SPACE_RUN = re.compile(r"\s{2,}")
_BREAKABLE = re.compile(r"(?<![\\\w])[^\W_]+|(?<!\\)[.,;:()[\]/*+=|@!?\"]{2,}")


def _decodable(text: str) -> str:
    """``text`` as pylatexenc decodes it in linear time (see above); a value of up to
    :data:`_DECODED_RUN` characters as it is."""
    if len(text) <= _DECODED_RUN:
        return text
    text = _WHITE_SPACE_RUN.sub(lambda run: "\n\n" if run[0].count("\n") > 1 else " ", text)
    pieces, start = [], 0
    for word in _BREAKABLE.finditer(text):
        cut = max(start + _DECODED_RUN, word.start() + 1)
        while cut <= word.end():
            pieces.append(text[start:cut])
            start = cut
            cut += _DECODED_RUN
    return "{}".join([*pieces, text[start:]])


MAX_DECODED = 100_000
"""Characters of a value pylatexenc decodes at most: it reads a few microseconds a
character, in Python, in one call the deadline cannot stop (a title of 300,000 brace
groups took 38 s). A longer value, which no export holds, is not read but reported."""


def _characters(value: Any) -> int:
    """The characters of a field's value: a string's, or every part of its names'."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        parts = ("first", "von", "last", "jr")
        return sum(len(word) for name in value for part in parts for word in getattr(name, part))
    return 0


_EDTF_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# EDTF's qualifiers after a date's digits: approximate (~), uncertain (?), both (%).
_EDTF_QUALIFIER = re.compile(r"(?<=\d)[~?%]")


def _split_top_level(value: str, separators: str) -> list[str]:
    """Split at separators outside braces, counting braces as BibTeX does."""
    parts, depth, start = [], 0, 0
    for index, character in enumerate(value):
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
        elif depth == 0 and character in separators:
            parts.append(value[start:index])
            start = index + 1
    return [part.strip() for part in [*parts, value[start:]] if part.strip()]


def _unbraced(value: str) -> str:
    """A verbatim value without the braces around all of it (Web of Science writes
    ``DOI = {{10.…}}``; bibtexparser removes the outer pair only)."""
    value = value.strip()
    while value.startswith("{") and _group_end(value) == len(value) - 1:
        value = value[1:-1].strip()
    return value


def _group_end(value: str) -> int | None:
    """Where the brace group opening ``value`` closes; None if it does not."""
    depth = 0
    for index, character in enumerate(value):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0:
            return index
    return None


def _split_page_range(value: str) -> list[str] | None:
    """``451--460`` split at the first ``--`` outside braces; None when there is none."""
    depth = 0
    for index, character in enumerate(value):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0 and value.startswith("--", index):
            return [value[:index].strip(), value[index:].lstrip("-").strip()]
    return None


_UNDECODED = f"not read: more than {MAX_DECODED:,} characters of LaTeX to decode"


# A value's delimiters, as bibtexparser's splitter reads them: one after a backslash is
# text. An operand of a "#" expression that is no brace group or quoted text is a
# macro's name or a number; operands are joined by "#" (white space around it).
_DELIMITER = re.compile(r'(?<!\\)[{}"]')
_BARE_OPERAND = re.compile(r'[^\s#{}"]+')
_SPACE = re.compile(r"\s*")

_MONTH_MACROS: Mapping[str, str] = {name[:3].lower(): name for name in MONTH_NAMES}
"""BibTeX's month macros (``jan``), as its standard styles define them (``"January"``)."""

MAX_EXPANDED = 20_000_000
"""Characters all of a file's macro expansions and concatenations may make: a macro of
100,000 characters used in 100,000 records would make ten billion. A record's values
run to some hundreds."""


def _closing(value: str, start: int) -> int | None:
    """Where the brace group or quoted text opening at ``start`` closes (a quote only
    outside braces); None if it does not."""
    quoted, depth = value[start] == '"', 0
    for mark in _DELIMITER.finditer(value, start + 1):
        if mark[0] == "{":
            depth += 1
        elif mark[0] == "}":
            if depth == 0:
                return None if quoted else mark.start()
            depth -= 1
        elif quoted and depth == 0:
            return mark.start()
    return None


def _operands(value: str) -> list[tuple[str, bool]] | None:
    """A value as BibTeX's ``#`` expression (``apr # "-" # jun``): each operand's text
    (a group's or quotation's inside) and whether it is a macro's name (a word not
    starting with a digit); None if the value is not one."""
    operands, index = [], 0
    while True:
        index = _SPACE.match(value, index).end()  # type: ignore[union-attr]  # \s* matches
        if value[index : index + 1] in ("{", '"'):
            end = _closing(value, index)
            if end is None:
                return None
            operands.append((value[index + 1 : end], False))
            index = end + 1
        elif word := _BARE_OPERAND.match(value, index):
            operands.append((word[0], not word[0][0].isdigit()))
            index = word.end()
        else:
            return None
        index = _SPACE.match(value, index).end()  # type: ignore[union-attr]
        if index == len(value):
            return operands
        if value[index] != "#":
            return None
        index += 1


class _Macros:
    """A file's ``@string`` macros, each resolved once, in the order the file defines
    them (a definition may use those before it, as in BibTeX; a later one of a name
    wins), and BibTeX's month macros; values using them resolved. A macro no
    ``@string`` defines is read as its name and reported (BibTeX warns and reads it as
    nothing; a journal named by a macro of a file not exported, ``IEEE_J_PAMI``, is
    better kept), but in the fields of :data:`_NOT_MACROS`. An
    expression of more than :data:`MAX_DECODED` characters, or beyond
    :data:`MAX_EXPANDED` in all, is not read but reported."""

    def __init__(self, strings: Sequence[Any]) -> None:
        self.budget = MAX_EXPANDED
        self.texts: dict[str, tuple[str | None, tuple[str, ...]]] = {
            name: (f"{{{month}}}", ()) for name, month in _MONTH_MACROS.items()
        }
        for string in strings:
            operands = _operands(string.value) if isinstance(string.value, str) else None
            if operands is not None:
                text, undefined = self._joined(operands)
                self.texts[string.key.lower()] = (
                    None if text is None else f"{{{text}}}",
                    undefined,
                )

    def _joined(self, operands: list[tuple[str, bool]]) -> tuple[str | None, tuple[str, ...]]:
        """The operands' text joined (None if too long), and the macros not defined."""
        parts: list[str] = []
        undefined: list[str] = []
        for text, is_name in operands:
            if not is_name:
                parts.append(text)
                continue
            macro, missing = self.texts.get(text.lower(), (f"{{{text}}}", (text,)))
            undefined += missing
            if macro is None:
                return None, tuple(undefined)
            parts.append(macro[1:-1])
        size = sum(map(len, parts))
        if size > min(MAX_DECODED, self.budget):
            return None, tuple(undefined)
        self.budget -= size
        return "".join(parts), tuple(undefined)

    def resolve(self, value: Any, key: str) -> tuple[str | None, list[str]] | None:
        """A field's value with its macros and concatenations resolved (brace-enclosed,
        as bibtexparser leaves a value for RemoveEnclosingMiddleware; None if not
        read), and why it was not read or read as written; None for a value that is
        no macro nor concatenation."""
        if not isinstance(value, str) or (value[:1] in ("{", '"') and "#" not in value):
            return None  # a brace group or quotation, nearly every value: left as it is
        operands = _operands(value)
        if operands is None or (len(operands) == 1 and not operands[0][1]):
            return None
        if len(operands) == 1:  # one macro: its value as is, not copied for each use
            name = operands[0][0]
            text, undefined = self.texts.get(name.lower(), (f"{{{name}}}", (name,)))
        else:
            joined, undefined = self._joined(operands)
            text = None if joined is None else f"{{{joined}}}"
        reasons = (
            []
            if key in _NOT_MACROS
            else [
                f"{key}: @string {name!r} is not defined in the file; read as its name"
                for name in dict.fromkeys(undefined)
            ]
        )
        if text is None:
            reasons.append(f"{key}: not read: its macros make more than {MAX_DECODED:,} characters")
        return text, reasons


_NOT_MACROS = frozenset({"month", "crossref", "xdata"})
"""Fields whose undefined macro is not reported as one: a month is reported as not
understood when it is none; a bare ``crossref = key`` (unbraced, which bibtexparser
reads as the key, as the user meant) names a parent, and one no entry has is reported
as such."""

_REPEAT = " "
"""Joins a repeated field's key and its count (``annote 2``): no BibTeX key holds a space."""


def _bibtex_stack(deadline: Deadline, unread: dict[int, list[str]]) -> list[Any]:
    """Repeats kept apart, ``@string`` macros and ``#`` concatenations resolved, then
    bibtexparser's middlewares, then LaTeX decoding field by field (``deadline`` checked
    before each field's; a field longer than :data:`MAX_DECODED` is dropped). Why a
    field was not read, or read as written, is kept in ``unread`` by its entry's id, to
    be reported."""
    from bibtexparser.middlewares import (
        BlockMiddleware,
        LatexDecodingMiddleware,
        LibraryMiddleware,
        MonthIntMiddleware,
        RemoveEnclosingMiddleware,
        SeparateCoAuthors,
        SplitNameParts,
    )
    from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

    class ReadRepeats(BlockMiddleware):
        """A record whose citation key another record has (merged files), or with a
        repeated field (Zotero writes an ``annote`` a note), is read: bibtexparser keeps
        it as the failed block's ``ignore_error_block``. Keys are not matched on, so a
        repeated one is made unique. Field keys are lower-cased, as NormalizeFieldKeys
        does, which would keep the last of repeated ones: a repeated field (in any case:
        ``Title``, ``title``) is kept apart as ``annote 2``."""

        def transform_failed_block(self, failed_block: Any, library: Any) -> Any:
            entry = failed_block.ignore_error_block
            repeats = (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)
            if not (isinstance(failed_block, repeats) and isinstance(entry, Entry)):
                return failed_block
            # Unique, or the library would set it aside again (its key may be repeated too).
            entry.key = f"{entry.key}{_REPEAT}(line {entry.start_line})"
            return self.transform_entry(entry, library)

        def transform_entry(self, entry: Any, library: Any) -> Any:
            seen: dict[str, int] = {}
            for field in entry.fields:
                key = field.key.lower()
                seen[key] = seen.get(key, 0) + 1
                field.key = key if seen[key] == 1 else f"{key}{_REPEAT}{seen[key]}"
            return entry

    class DecodeLatex(LatexDecodingMiddleware):
        """bibtexparser's LaTeX decoding, except in verbatim fields; keywords and pages
        are split before decoding (their braces group), names part by part."""

        def __init__(self) -> None:
            super().__init__(decoder=_latex_decoder(_SORTING_MACROS))

        def transform(self, library: Any) -> Any:
            preambles = "".join(p.value for p in library.preambles if isinstance(p.value, str))
            found = (
                name for no_op in _PREAMBLE_NO_OP.finditer(preambles) for name in no_op.groups()
            )
            dropped = {*_SORTING_MACROS, *filter(None, found)}
            if dropped != set(_SORTING_MACROS):
                self._decoder = _latex_decoder(sorted(dropped))
            return super().transform(library)

        def decode(self, text: str, *, quotes: bool = False) -> str:
            """``text`` decoded; with ``quotes``, TeX quotation marks read as typographic."""
            if not _LATEX_MARKS.search(text):
                return text  # pylatexenc works character by character, in Python
            text = _UNESCAPED_PERCENT.sub(r"\\%", text)
            text = _TEXT_SYMBOL.sub(lambda match: _TEXT_SYMBOLS[match[1]], text)
            if quotes:
                text = _TEX_OPENING_QUOTE.sub("‘", text)
            decoded: str = self._transform_python_value_string(_decodable(text))[0]
            return decoded

        def transform_string(self, string: Any, library: Any) -> Any:
            """An ``@string`` as it is: its text was resolved into the values using it
            (decoding it too cost pylatexenc 22 s for a macro of 100,000 characters, in
            one call the deadline cannot stop)."""
            return string

        def transform_entry(self, entry: Any, library: Any) -> Any:
            for field in list(entry.fields):
                deadline.check()
                value = field.value
                if field.key not in _VERBATIM and _characters(value) > MAX_DECODED:
                    unread.setdefault(id(entry), []).append(f"{field.key}: {_UNDECODED}")
                    entry.pop(field.key)
                    continue
                if field.key in _VERBATIM:
                    if isinstance(value, str):
                        value = _ESCAPED_IN_LINK.sub(lambda m: m[1] or m[2], value)
                        field.value = _unbraced(value)
                    continue
                if isinstance(value, list):  # names, split by the middlewares before
                    for name in value:
                        if name.last == [ET_AL] and not (name.first or name.von or name.jr):
                            continue  # "others", unbraced: "et al." ("{others}" is a name)
                        for part in ("first", "von", "last", "jr"):
                            setattr(name, part, [self.decode(word) for word in getattr(name, part)])
                        name.last = [f"{{{word}}}" if word == ET_AL else word for word in name.last]
                elif not isinstance(value, str):
                    continue
                elif field.key in _TAGS:
                    field.value = [self.decode(tag) for tag in _split_top_level(value, ",;")]
                elif field.key == "pages":  # "451--460"; EndNote writes "451-460"
                    parts = _split_page_range(value)
                    first, last = map(self.decode, parts) if parts else ("", "")
                    pages = Pages(first, last) if first.strip() else None
                    field.value = pages or split_pages(self.decode(value))
                else:
                    field.value = self.decode(value, quotes=True)
            return entry

    class ReadNames(SplitNameParts):
        """bibtexparser's name parts, and biblatex's extended name format too (see
        :func:`_extended_name`), which it refuses when it has more than two commas."""

        def _transform_field_value(self, name: Any) -> Any:
            if not isinstance(name, list):
                return super()._transform_field_value(name)  # its error
            return [
                NameParts(**parts)
                if (parts := _extended_name(one))
                else parse_single_name_into_parts(one)
                for one in name
            ]

    class ReadMonths(MonthIntMiddleware):
        """bibtexparser's month names and numbers, except a month of other digits than
        ASCII's (``²``: str.isdigit accepts it, and int, which bibtexparser calls then,
        raises) or of more than :data:`MAX_DIGITS` (int raises beyond 4,300): left as
        written, to be reported as a month not understood."""

        def transform_entry(self, entry: Any, library: Any) -> Any:
            month = entry.fields_dict.get("month")
            value = month.value if month is not None else None
            if isinstance(value, str) and not (value.isascii() and len(value) <= MAX_DIGITS):
                return entry
            return super().transform_entry(entry, library)

    class ResolveMacros(LibraryMiddleware):
        """``@string`` macros and ``#`` concatenations (``month = apr # "-" # jun``,
        ``journal = ijmhn # " Supplement"``) resolved as BibTeX resolves them, which
        bibtexparser 2.1's ResolveStringReferencesMiddleware does not (it replaces a
        value that is one macro's name, and leaves an expression as written: the journal
        read as ``ijmhn # " Supplement"``). See :class:`_Macros`."""

        def transform(self, library: Any) -> Any:
            macros = _Macros(library.strings)
            for entry in library.entries:
                deadline.check()
                for field in list(entry.fields):
                    resolved = macros.resolve(field.value, field.key)
                    if resolved is None:
                        continue
                    value, reasons = resolved
                    unread.setdefault(id(entry), []).extend(reasons)
                    if value is None:
                        entry.pop(field.key)
                    else:
                        field.value = value
            return library

    return [
        ReadRepeats(),
        ResolveMacros(),
        RemoveEnclosingMiddleware(),
        ReadMonths(),
        SeparateCoAuthors(),
        ReadNames(),
        DecodeLatex(),
    ]


_EXTENDED_NAME = re.compile(r'(?:"\s*)?(?:family|given|prefix|suffix)(?:-i)?\s*=')
_NAME_PARTS = {"given": "first", "prefix": "von", "family": "last", "suffix": "jr"}
"""biblatex's name parts (its extended name format) as bibtexparser's."""


def _extended_name(name: str) -> dict[str, list[str]] | None:
    """The parts of a name in biblatex's extended name format (``family=Meij,
    given=Vincent, prefix=van der, useprefix=true``, as Better BibLaTeX writes a name with
    a particle), by bibtexparser's part names; None for a name written otherwise. The
    initials (``given-i``) and options (``useprefix``) are passed over: the prefix is of
    the family name either way, as peerbrief reads a particle."""
    if not _EXTENDED_NAME.match(name.lstrip()):
        return None
    parts: dict[str, list[str]] = {}
    for item in _split_top_level(name.strip().strip('"'), ","):
        key, _, value = item.partition("=")
        if (part := _NAME_PARTS.get(key.strip())) and value.strip():
            parts[part] = [value.strip()]
    return parts


_SORTING_MACROS = ("noopsort",)
r"""``\noopsort{…}``: a macro BibTeX's documentation (btxdoc, "BibTeXing") defines in
``@preamble`` as printing nothing, whose argument sorts an entry (``{\noopsort{a}}The
title``); a title must not read its argument."""
# A macro @preamble defines as printing nothing, of one argument (the sorting trick under
# any name): \newcommand{\noopsort}[1]{}, \providecommand*\sortnoop[1]{ }, \def\noop#1{}.
_PREAMBLE_NO_OP = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand)\*?[\s{]*\\([A-Za-z]+)[\s}]*\[1\]\s*\{\s*\}"
    r"|\\def\s*\\([A-Za-z]+)\s*#1\s*\{\s*\}"
)


def _latex_decoder(dropped: Sequence[str]) -> Any:
    """bibtexparser's decoder (pylatexenc's macros, ``\\url`` its text, math kept as
    written), knowing the :data:`_QUOTING_MACROS` too: their argument when parsing, their
    text when decoding; and the ``dropped`` macros of one argument, which print nothing."""
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )
    from pylatexenc.latexwalker import get_default_latex_context_db as parsing_context
    from pylatexenc.macrospec import MacroSpec

    parsing = parsing_context()
    parsing.add_context_category(
        "peerbrief",
        prepend=True,
        macros=[MacroSpec(name, "{") for name in (*_QUOTING_MACROS, *dropped)],
    )
    texts = [MacroTextSpec("url", simplify_repl="%s")]
    texts += [MacroTextSpec(name, simplify_repl="“%s”") for name in _QUOTING_MACROS]
    texts += [MacroTextSpec(name, discard=True) for name in dropped]
    decoding = get_default_latex_context_db()
    decoding.add_context_category("peerbrief", prepend=True, macros=texts)

    class Decoder(LatexNodes2Text):  # type: ignore[misc]  # pylatexenc is untyped
        def latex_to_text(self, latex: str, **flags: Any) -> str:
            text: str = super().latex_to_text(latex, latex_context=parsing, **flags)
            return text

    return Decoder(latex_context=decoding, math_mode="verbatim")


def _bibtex_people(names: Sequence[Any]) -> tuple[tuple[Person, ...], bool]:
    """Names from bibtexparser's name parts; a last ``others`` is "et al."."""
    truncated = bool(names) and names[-1].last == [ET_AL] and not names[-1].first
    people = []
    for name in names[: len(names) - truncated]:
        last = [ET_AL if word == f"{{{ET_AL}}}" else word for word in name.last]
        family = " ".join([*name.von, *last])
        given = " ".join([*name.first, *name.jr]) or None
        person = to_person(family, given)
        if person is not None:
            people.append(person)
    return tuple(people), truncated


def _access_date(text: str | None) -> tuple[Date | None, str | None]:
    """biblatex's ``urldate``: an ISO date (``2025-01-02``, ``2025-01``; ``1000-01`` too,
    which a brief's date reads as the years 1000-1001); an EDTF range
    (``2025-01-02/2025-01-05``) reported as one, as the other formats' ranges are; else
    as reference managers write one."""
    point = _EDTF_POINT.fullmatch(text.strip()) if text else None
    if point is not None and (found := date_of(*(int(g) if g else None for g in point.groups()))):
        return found, None
    span = _edtf(text) if text else None
    if text and span is not None and span.end is not None:
        return None, access_range(text)
    return access_date(text)


def _edtf(text: str) -> Date | None:
    """biblatex's ``date``: ``2012``, ``2012-04``, ``2012-04-15``, seasons ``2018-21``..``-24``,
    and ranges ``2012-04/2012-06``; anything else as a written date."""
    points = []
    for part in text.strip().split("/"):
        match = _EDTF_POINT.fullmatch(part.strip())
        if match is None:
            return parse_date(text)
        year, month, day = (int(group) if group else None for group in match.groups())
        if month is not None and 21 <= month <= 24:
            points.append(date_of(year, season=month - 20))
        else:
            points.append(date_of(year, month, day))
    start, *end = points
    if start is None or None in end or len(end) > 1:
        return None
    return attrs.evolve(start, end=end[0]) if end else start


def _bibtex_date(fields: Mapping[str, Any]) -> tuple[Date | None, str | None]:
    """The date, and why a value of it was not read."""
    if isinstance(date := fields.get("date"), str) and date.strip():
        found, qualified = _edtf(_EDTF_QUALIFIER.sub("", date)), _EDTF_QUALIFIER.search(date)
        if found is not None and qualified:  # a Date has no approximate or uncertain mark
            reason = (
                f"date {date!r} is approximate or uncertain, which is not kept: read as {found}"
            )
            return _with_seasons(found, str(fields.get("issue", ""))), reason
        start, slash, end = date.strip().partition("/")
        if found is None and slash and end.strip() in ("", "..") and (found := _edtf(start)):
            # biblatex's open-ended range ("2021-03/"): a Date has no open end
            reason = f"date {date!r} is open-ended: its start alone is read"
            return _with_seasons(found, str(fields.get("issue", ""))), reason
        if found is None:
            return either_way_year(date), unread_date(date)
        return _with_seasons(found, str(fields.get("issue", ""))), None
    year = str(fields.get("year", "")).strip()
    if not year:
        return None, None
    month = fields.get("month")
    if isinstance(month, str) and month.strip():  # not a month MonthIntMiddleware knows
        found = parse_date(f"{month} {year}") or _web_of_science_season(month, year)
        if found is None and (found := parse_date(year)) is not None:
            return found, f"month not understood: {month!r}; the year alone is read"
    elif (number := to_int(year)) is not None and len(year) == 4:
        month_number = month if isinstance(month, int) else None
        day, unread_day = _bibtex_day(fields.get("day"), number, month_number)
        found = date_of(number, month_number, day)
        if found is not None and unread_day is not None:
            return found, unread_day
    else:
        found = parse_date(year)
    if found is None:
        written = f"{month or ''} {year}".strip()
        return either_way_year(written), unread_date(written)
    if fields.get("day") is not None and found.day is None:  # beside a month written out
        return found, f"day not understood: {fields['day']!r}; the rest of the date is read"
    return found, None


def _bibtex_day(value: Any, year: int, month: int | None) -> tuple[int | None, str | None]:
    """The ``day`` field as a day of the month, or why it is not one (``{first}``, a
    day without a month, the 31st of February): the year and month are read without it."""
    if value is None or not str(value).strip():
        return None, None
    day = to_int(value)
    if day is None or month is None or date_of(year, month, day) is None:
        return None, f"day not understood: {value!r}; the rest of the date is read"
    return day, None


def _web_of_science_season(month: str, year: str) -> Date | None:
    """``Month = {{SPR}}``: Web of Science's seasons."""
    season = SEASON_ABBREVIATIONS.get(month.strip().lower())
    return date_of(to_int(year), season=season) if season else None


def _container_is_publisher(
    entry_type: str, values: Mapping[str, Sequence[str]], text: Mapping[str, str | None]
) -> bool:
    """See :data:`GENERIC_TYPES`: ``howpublished``, or the ``journal`` Zotero writes as a
    web page's website title."""
    container = one_of(values, BIBTEX_FIELDS["container_title"])
    return (
        entry_type in GENERIC_TYPES
        and not one_of(values, _SUBTYPES)  # biblatex's @misc videos keep it as the container
        and text["publisher"] is None
        and container is not None
        and container in (one_of(values, ("howpublished",)), one_of(values, ("journal",)))
        and not (text["volume"] or text["issue"])
    )


def _publisher_and_place(howpublished: str, place: str | None) -> tuple[str, str | None]:
    """Classic BibTeX's ``@misc`` prints the publisher and its place in ``howpublished``
    (``Nuffield Trust, London``): the place is split off where ``address`` repeats it, or
    where it reads as a place (see :func:`~peerbrief.fields.split_place_publisher`)."""
    if place is not None:
        publisher = howpublished.removesuffix(f", {place}")
        return publisher or howpublished, place
    found, publisher = split_place_publisher(howpublished)
    return publisher, found


def _with_seasons(date: Date, issue: str) -> Date:
    """biblatex's ``issue`` holds the season of a journal's issue ("Spring", "Spring-Summer"),
    its ``date`` the year or years."""
    seasons = _seasons(issue)
    if not seasons or date.month is not None:
        return date
    end = date.end or date
    start = Date(date.year, season=seasons[0])
    if len(seasons) == 1 and date.end is None:
        return start
    return attrs.evolve(start, end=Date(end.year, season=seasons[-1]))


def _seasons(issue: str) -> list[int]:
    """The seasons an issue designation names ("Spring", "Spring-Summer"); none if it is
    anything else."""
    seasons = [SEASON_WORDS.get(word.strip().lower()) for word in issue.split("-")]
    found = [season for season in seasons if season is not None]
    return found if issue.strip() and len(found) == len(seasons) <= 2 else []


def _repeated_notes(
    fields: Mapping[str, Any], line: int, number: int, source: str, problems: list[Problem]
) -> list[str]:
    """Repeated notes, to be joined (Zotero writes an ``annote`` a note); of any other
    repeated field the first value is read and a different one reported."""
    notes = []
    for key, value in fields.items():
        name, repeat, _ = key.partition(_REPEAT)
        if not repeat or value == fields.get(name):
            continue
        if name in BIBTEX_FIELDS["access"] and isinstance(value, str):
            notes.append(value)
        else:
            problems.append(Problem(source, number, given_twice(name, value), line))
    return notes


def _status(pubstate: str | None) -> str | None:
    """The status a ``pubstate`` gives: a biblatex key in words (``inpress``: ``In
    press``), any other value as written."""
    words = _PUBSTATE_WORDS.get((pubstate or "").strip().casefold())
    return words[:1].upper() + words[1:] if words else pubstate


def _with_subtitle(title: str, subtitle: str) -> str:
    """biblatex's ``title`` and ``subtitle`` as one title, a colon between them (as briefs
    and Zotero write it), or a space after a title ending in punctuation (``Why?``)."""
    title = title.rstrip()
    return f"{title} {subtitle}" if title.endswith(("?", "!", ":", ".")) else f"{title}: {subtitle}"


def _from_eprint(
    values: Mapping[str, Sequence[str]], text: Mapping[str, str | None]
) -> tuple[dict[str, str], str | None]:
    """The field an ``eprint`` fills, by its type (see :data:`EPRINT_TYPES`), if empty;
    and why it is not read, when the record gives that field another value."""
    eprint_type = (one_of(values, ("eprinttype", "archiveprefix")) or "").strip().casefold()
    field = EPRINT_TYPES.get(eprint_type)
    eprint = one_of(values, ("eprint",))
    if not field or not eprint:
        return {}, None
    given = text.get(field)
    if not given:
        return {field: eprint}, None
    if _same_doi(given, eprint):  # one DOI written two ways: a link, a bare one, in capitals
        return {}, None
    return {}, f"eprint not read: the {field} field gives another ({one_line(eprint)!r})"


def _same_doi(first: str, second: str) -> bool:
    found = find_doi(first), find_doi(second)
    return found[0] is not None and found[0].casefold() == (found[1] or "").casefold()


def _bibtex_record(
    block: Any, fields: Mapping[str, Any], number: int, source: str, problems: list[Problem]
) -> Record:
    values = {key: [value] for key, value in fields.items() if isinstance(value, str)}
    text = {field: one_of(values, names) for field, names in BIBTEX_FIELDS.items()}
    line = block.start_line + 1
    from_eprint, unread = _from_eprint(values, text)
    text |= from_eprint
    if unread is not None:
        problems.append(Problem(source, number, unread, line))
    if text["title"] and (subtitle := one_of(values, ("subtitle",))):
        text["title"] = _with_subtitle(text["title"], subtitle)
    notes = _repeated_notes(fields, line, number, source, problems)
    given_notes = (fields.get(name) for name in BIBTEX_FIELDS["access"])
    written = [note for note in given_notes if isinstance(note, str)]
    text["access"] = joined_notes(dict.fromkeys([*written, *notes]))
    container = text["container_title"]
    link = web_link(container) if container else None
    if link is not None:  # howpublished = {\url{…}}; "HTTP://" alone is a name, not a link
        text["url"] = text["url"] or link
        text["container_title"] = one_of(values, ("shortjournal",))
    elif container is not None and _container_is_publisher(block.entry_type.lower(), values, text):
        text["publisher"], text["place"] = _publisher_and_place(container, text["place"])
        text["container_title"] = None
    people, truncated = _bibtex_people(fields.get("author") or [])
    if (
        block.entry_type.lower() == "techreport"
        and len(people) == 1
        and not people[0].given
        and people[0].family == text["publisher"]
    ):
        people = ()  # the institution standing in as group author (plain.bst needs one)
    date, unread = _bibtex_date(fields)
    if text["issue"] == fields.get("issue") and _seasons(text["issue"] or ""):
        text["issue"] = None  # biblatex's season of issue, read into the date
    if unread is not None:
        problems.append(Problem(source, number, unread, line))
    accessed, unread = _access_date(text.pop("accessed"))
    if unread is not None:
        problems.append(Problem(source, number, unread, line))
    text["status"] = _status(text["status"])
    pages = fields.get("pages")
    given = {field: value for field, value in text.items() if value is not None}
    return Record(
        number=number,
        lines=(line,),
        kind=kind_of(
            block.entry_type.lower(), BIBTEX_KINDS, given, one_of(values, _SUBTYPES) or ""
        ),
        text=given,
        authors=people,
        truncated=truncated,
        date=date,
        pages=pages if isinstance(pages, Pages) else None,
        tags=tuple(dict.fromkeys(tag for name in _TAGS for tag in fields.get(name) or ())),
        accessed=accessed,
    )


# Where a block starts, anywhere (counted before parsing, against ``max_records``: an
# upper bound on the records, as ``@string`` and ``@comment`` count too).
RECORD_START = re.compile(r"@\s*\w+\s*[{(]")


MAX_FIELDS = 10_000
"""``=`` signs in one block at most (its fields, and any ``=`` in their values): a
record holds some tens. bibtexparser splits the whole file in one call, some 15-40 µs a
field, that no deadline stops; a block with more is taken out before it and reported."""


def _without_crowded_blocks(text: str, source: str, problems: list[Problem]) -> str:
    """``text`` with each block of more than :data:`MAX_FIELDS` fields blanked (its lines
    kept, so the others' line numbers hold), each reported."""
    starts = [match.start() for match in RECORD_START.finditer(text)]
    pieces, kept, line = [], 0, 1
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        if text.count("=", start, end) <= MAX_FIELDS:
            continue
        line += text.count("\n", kept, start)
        reason = f"not read: more than {MAX_FIELDS:,} fields ('=' signs) in one block"
        problems.append(Problem(source, 0, reason, line))
        blank = "\n" * text.count("\n", start, end)
        pieces += [text[kept:start], blank]
        line += len(blank)
        kept = end
    return "".join([*pieces, text[kept:]]) if pieces else text


def read_bibtex(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    refuse_beyond_starts(RECORD_START, text, max_records, source)
    text = _without_crowded_blocks(text, source, problems)
    # Imported here: only BibTeX files need bibtexparser.
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.model import Entry as BibEntry
    from bibtexparser.model import ParsingFailedBlock

    # bibtexparser logs each block it cannot parse; they are reported below, as values.
    unread: dict[int, list[str]] = {}
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        library = parse_string(text, parse_stack=_bibtex_stack(deadline, unread))
    finally:
        logger.setLevel(level)
    entries = [block for block in library.blocks if isinstance(block, BibEntry)]
    nodes = [Node(e.entry_type.lower(), e.key, {f.key: f.value for f in e.fields}) for e in entries]
    inherited = dict(zip(map(id, entries), inherit(nodes, _INHERITED), strict=True))
    blocks = [
        block
        for block in library.blocks
        if isinstance(block, ParsingFailedBlock)
        or (isinstance(block, BibEntry) and block.entry_type.lower() != XDATA_TYPE)
    ]
    records = []
    for number, block in numbered(sorted(blocks, key=lambda b: b.start_line or 0), deadline):
        if isinstance(block, BibEntry):
            fields, unfollowed = inherited[id(block)]
            line = (block.start_line or 0) + 1
            problems.extend(Problem(source, number, reason, line) for reason in unfollowed)
            problems.extend(
                Problem(source, number, reason, line) for reason in unread.get(id(block), ())
            )
            records.append(_bibtex_record(block, fields, number, source, problems))
        else:
            why = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
            reason = f"not read: {one_line(why)}"
            problems.append(Problem(source, number, reason, (block.start_line or 0) + 1))
    return records, len(blocks)
