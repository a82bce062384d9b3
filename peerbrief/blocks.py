"""Stage 2: lines → the brief's layout: front matter, sections, and one block per reference.

Every non-blank line ends up in exactly one place: a reference block, or the report
with the reason it is not part of any reference. Nothing is dropped silently.

The Contents list is the authority on which lines are headings; the series template
fixes which headings are top-level sections (every other heading is a topic
sub-section of the top-level section before it).

A reference starts at its title link. Where the title lost its link (plain text: a copy
from a PDF viewer, ``pdftotext``, an export with bare titles) a reference starts at the
plain line right before the labels that open a reference's metadata (after its access
note, if any), when those labels cannot belong to the reference read so far.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

import attrs
from attrs import field, frozen

from .fields import (
    LIST_MARK,
    is_access_fragment,
    is_bare_link,
    is_title_end,
    label_of,
    link_targets,
    note_begun_before,
    parse_access_note,
    parse_accessed,
    split_title_line,
    strip_markup,
    take_accessed,
    take_medium,
    unglue_access_note,
    unlabelled_metadata,
    without_link_label,
)
from .lines import (
    OLDER_TEMPLATE_KEYS,
    TEMPLATE_KEYS,
    Line,
    cased_as,
    drop_prefix_by_key,
    heading_key,
    introduces_citation,
    is_brief_title,
    is_caption,
    is_contents_title,
    is_navigation_line,
    is_page_number,
    is_running_header,
    is_stray_piece,
    is_title_prefix,
    read_contents,
    running_header_key,
)
from .model import Reason, ReportItem, Section
from .paragraphs import ACCESS_PIECES, is_running_line, running_line_keys
from .vocabulary import (
    ACCESS_NOTES,
    CITATION_INTRO,
    CLOSING_SECTION,
    EDIT_MARKS,
    FOOTNOTE_MARKS,
    LABELS,
    MONTH_NAMES,
    NAVIGATION_PHRASE,
    OPENING_FIELDS,
    SAME_FIELD,
    SENTENCE_GOES_ON,
)

__all__ = ["Layout", "RefBlock", "heading_key", "segment"]

_ACKNOWLEDGE = re.compile(re.escape(CITATION_INTRO), re.IGNORECASE)
_ACKNOWLEDGED_AS = re.compile(r"\bas\s*:")
# (In bold too, as a markdown writer may set it: `**Date of publication:** November 2023`.)
_PUBLICATION_DATE = re.compile(r"^[*_]{0,2}date of publication[*_]{0,2}\s*:", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:" + LIST_MARK + r"|\d+[.)]\s+)")
_NAVIGATION = re.compile(re.escape(NAVIGATION_PHRASE), re.IGNORECASE)

# A footnote's mark: raised digits (Unicode, or the export's and pandoc's carets), a
# symbol (not opening emphasis: `*italics*`), or a note's number before a capitalised word
# (`1 See …`; not `1 in 4…`, nor a list's `1.`).
_FOOTNOTE = re.compile(
    r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|\^\{\d{1,2}\}|\^\d{1,2}\^|<sup>\d{1,2}</sup>)\s*\S"
    r"|^[" + re.escape(FOOTNOTE_MARKS) + r"](?![*\s]*$)[^*]*$"
    r"|^[1-9]\d?\s+[A-Z][a-z]"
)
# A footnote's raised mark (as `_FOOTNOTE` has it) and the raised citations of notes in the
# text: `employers¹`, `employers^{1,2}`, pandoc's `^1^`, HTML's `<sup>1</sup>`.
_RAISED_MARK = re.compile(
    r"^(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|\^\{(\d{1,2})\}|\^(\d{1,2})\^|<sup>(\d{1,2})</sup>)"
)
_RAISED_CITATION = re.compile(
    r"(?<=\S)(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:,[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*)|\^\{([\d, ]+)\}|\^([\d,]+)\^"
    r"|<sup>([\d, ]+)</sup>)"
)
_PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A raised citation that a copy set on the line (``employers1 in``, ``hospitals1.``): a
# number of a note right after a word's letters, before a space or a sentence's
# punctuation; and a note's number, raised or flattened (``¹ Employers…``, ``1 Employers…``).
_FLAT_CITATION = re.compile(r"(?<=[^\W\d_]{2})([1-9]\d?)(?=[.,;:)]?(?:\s|$))")
_NOTE_NUMBER = re.compile(r"^(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|([1-9]\d?)(?=\s))")


def _raised_numbers(match: re.Match[str]) -> set[str]:
    marks = next(group for group in match.groups() if group is not None)
    return {number.strip() for number in marks.translate(_PLAIN_DIGITS).split(",")}


# What ends the paragraph before a page's footnotes: a sentence.
_SENTENCE_ENDS = (".", "?", "!", ")", "”", '"', "’")
# How many lines of furniture a page break puts between a page's text and the next's
# (footer, page number, header), at most.
_PAGE_BREAK_LINES = 4

# No heading, running header or Contents entry is this long; abstracts often are, and
# skipping their keys keeps segmentation linear in practice as well as in theory.
_LONGEST_HEADING = 200
# A title is a few dozen words at most; a bullet item longer than this is prose.
_LONGEST_TITLE_WORDS = 40
# A title written above unlabelled metadata: a few words (not a caption of one or two).
_FEWEST_TITLE_WORDS = 3
# How many unlabelled lines of metadata a reference may have (authors, source, date).
_MOST_METADATA_LINES = 4


def _short_key(text: str) -> str:
    """The heading key of a line that could be a heading or header; "" for prose. A
    section number before a heading (``4. Published Peer Reviewed Research``, ``4.2
    Governance``) is no part of its name."""
    return heading_key(_unnumbered(text)) if len(text) <= _LONGEST_HEADING else ""


# "1. ", "4) ", "4.2 ", "4.2.1. ": a heading's number (a number and a space alone, as in
# "10 Steps to retention", may be its first word).
_SECTION_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)])\s+")


def _unnumbered(text: str) -> str:
    number = _SECTION_NUMBER.match(text.lstrip())
    return text.lstrip()[number.end() :] if number else text


_CLOSING_KEY = heading_key(CLOSING_SECTION)


TitleParts = tuple[str, str, str | None, str]
Label = tuple[str, str]


@frozen
class RefBlock:
    """The lines of one reference: its title line and everything up to the next reference."""

    title_line: Line
    title: TitleParts
    """What the title line says: (title, link target, access note, rest), parsed once."""
    section: Section
    body: tuple[Line, ...] = field(default=())
    bullet: bool = False
    """A bare bullet link (``- [Part 1](#)``): a document listed without metadata."""
    labels: tuple[Label | None, ...] = field(default=())
    """What each body line's label says (:func:`peerbrief.fields.label_of`), read once."""


@frozen
class Layout:
    """What :func:`segment` found in a brief."""

    title: Line | None
    citation: Line | None
    publication_date: Line | None
    sections: tuple[Section, ...]
    blocks: tuple[RefBlock, ...]
    report: tuple[ReportItem, ...]


class _Report:
    def __init__(self) -> None:
        self.items: list[ReportItem] = []

    def add(self, line: Line, reason: Reason) -> None:
        self.items.append(
            ReportItem(line.number, line.text.strip(), reason, line.page, line.numbers)
        )


@functools.lru_cache(maxsize=8192)
def _title_parts(text: str) -> TitleParts | None:
    return split_title_line(text)


def _is_title_line(line: Line) -> bool:
    return _title_parts(line.text) is not None


def _is_bullet(line: Line) -> bool:
    return bool(_BULLET.match(line.text))


def _find_title(lines: Sequence[Line], header_key: str) -> list[Line]:
    """The brief's title line; with the line after it when the title broke after its
    prefix (``Evidence Brief:`` / ``Peer Support Workers``, a large title wrapped).

    The first page's running header comes before the title: where the header says more
    than the title (``Evidence Brief: Peer Support Workers<TAB>November 2023``, a date set
    at its right), the title is the first such line that is no header."""
    candidates = [
        index
        for index, line in enumerate(lines[:200])
        # (The brief's citation starts as the title does: no title line.)
        if is_brief_title(line.text) and not (index and introduces_citation(lines[index - 1].text))
    ]
    if not candidates:
        return []
    index = next(
        (at for at in candidates if not is_running_header(lines[at].text, header_key)),
        candidates[0],
    )
    line = lines[index]
    rest = lines[index + 1] if index + 1 < len(lines) else None
    if is_title_prefix(line.text) and rest is not None and _is_topic(rest):
        return [line, rest]
    return [line]


def _is_topic(line: Line) -> bool:
    """A short line that can finish the title: no label, link, Contents title or sentence."""
    text = line.text.strip()
    return (
        len(text) < _LONGEST_HEADING
        and label_of(text) is None
        and not _is_title_line(line)
        and not is_contents_title(text)
        and not text.endswith((".", ":"))
    )


class _Sections:
    """Turns heading lines into Sections, following the template's top level."""

    def __init__(self, contents: Sequence[str]) -> None:
        named = (_unnumbered(name) for name in contents)
        self.known = {heading_key(name): name for name in named if heading_key(name)}
        self.guess = not self.known
        # An older edition's name of a template section is that section where the
        # Contents lists it, or where there is no Contents to ask.
        self.tops = {
            **TEMPLATE_KEYS,
            **{
                key: name
                for key, name in OLDER_TEMPLATE_KEYS.items()
                if self.guess or key in self.known
            },
        }
        self.top: str | None = None
        self.found: list[Section] = []

    def lists(self, line: Line) -> bool:
        """Whether ``line`` is the template's heading or one the Contents lists (or one
        already read as a heading)."""
        key = _short_key(line.text)
        return key in self.tops or key in self.known

    def recognises(self, line: Line) -> bool:
        """Whether ``line`` is a known heading (changes nothing; for the front matter)."""
        key = _short_key(line.text)
        return bool(key) and (key in self.tops or key in self.known) and not _is_title_line(line)

    def match(
        self, line: Line, before_reference: Callable[[], bool], after_paragraph: Callable[[], bool]
    ) -> Section | None:
        """The section ``line`` opens, if it is a heading. ``before_reference``: whether a
        title follows it; ``after_paragraph``: whether the line before it ended a paragraph
        (asked only of a line shaped like a heading the Contents does not list)."""
        key = _short_key(line.text)
        if not key or _is_title_line(line) or line.text.endswith((".", ",", ";")):
            return None  # a heading's word ending a sentence is the end of a paragraph
        # No Contents list to consult: a short caption right before a title is a heading.
        # With one, a heading it does not list (or lost in a copy) is too, where it also
        # stands after a paragraph's end: a caption ending an abstract would otherwise run
        # into it, and the section be lost without a word.
        if (
            key not in self.known
            and _looks_like_heading(line)
            and (self.guess or _looks_like_unlisted_heading(line))
            and before_reference()
            and (self.guess or after_paragraph())
        ):
            self.known[key] = _unnumbered(line.text.strip())
        if key in self.tops:
            # The template's own name, however this brief spells it (`Key publications -
            # the big picture`, `Case studies`, `HEE Star`): the sections of every brief of
            # the series tag alike.
            self.top = self.tops[key]
            section = Section(self.top)
        elif key in self.known and (name := self._name(key, line)):
            section = Section(self.top, name) if self.top else Section(name)
        else:
            return None  # (markup alone, `<r>`, names no section)
        self.found.append(section)
        return section

    def _name(self, key: str, line: Line) -> str:
        """A known heading's section name: as it is written where it stands, for a
        Contents typed by hand may spell it otherwise (`Primary care:`, `Acute and
        Community Trusts`), and a copy of the page (pandoc's) names it by the heading;
        but as the Contents spells it where the two differ in spaces alone (a heading
        wrapped at a slash in a narrow column, `integrated/` + `multidisciplinary`, gains
        one that the Contents' line has not). A heading in capitals (Word's All caps, a
        style's ``text-transform: uppercase``) keeps no case of its own: it is named as the
        Contents spells it where the two differ in case and spaces alone, and otherwise
        as written with each letter in the Contents' case (`HEALTH, WELLBEING, AND
        WORK-LIFE BALANCE` under `Health, wellbeing and work-life balance`)."""
        written = strip_markup(_unnumbered(line.text.strip()))
        listed = strip_markup(self.known[key])
        if not written.isupper():
            return listed if _spaceless(listed) == _spaceless(written) else written
        if _spaceless(listed).casefold() == _spaceless(written).casefold():
            return listed
        return cased_as(written, listed)


def _spaceless(text: str) -> str:
    return "".join(text.split())


_PARAGRAPH_ENDS = (".", "?", "!", ")", "*", "”", '"', "’")


def _looks_like_heading(line: Line) -> bool:
    text = line.text.strip()
    return (
        len(text) <= 80
        and len(text.split()) <= 10
        and text[-1] not in ".:;,!?*"
        and ":" not in text
        and not _is_bullet(line)
        and not is_access_fragment(text)
        and not is_page_number(text)  # "Page 17 of 99"
    )


# The words of an edit mark's date: `Added March 2024`, `Updated on 12/03/2024`, `New Jan 24`.
_DATE_WORDS = frozenset(
    {*(month.lower() for month in MONTH_NAMES), *(month[:3].lower() for month in MONTH_NAMES)}
    | {"on", "in"}
)


def is_edit_mark(text: str) -> bool:
    """Whether ``text`` is an editor's mark (:data:`EDIT_MARKS`: ``NEW``, ``TBC``,
    ``**Updated**``), a date after it at most (``Added March 2024``)."""
    words = text.strip("*_ ").split()
    return (
        bool(words)
        and words[0].strip(":!()[]").lower() in EDIT_MARKS
        and all(
            word.strip(",.()").lower() in _DATE_WORDS
            or (bool(word) and all(char.isdigit() or char in "/-.,()" for char in word))
            for word in words[1:]
        )
    )


def _looks_like_unlisted_heading(line: Line) -> bool:
    """Stricter than :func:`_looks_like_heading`, as the Contents did not list it: a few
    words starting with a capital letter (``Competencies``, ``Defining the role``)."""
    text = line.text.strip().strip("*").strip()
    return text[:1].isupper() and len(text.split()) <= _UNLISTED_HEADING_WORDS


_UNLISTED_HEADING_WORDS = 6


def join_wrapped_titles(lines: Sequence[Line]) -> list[Line]:
    """Join a title link the export wrapped over several lines (``[Start of`` / ``end](#)``)."""
    joined: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        end = _wrapped_link_end(lines, index)
        if end is None:
            joined.append(line)
            index += 1
            continue
        joined.append(_joined(lines[index : end + 1]))
        index = end + 1
    return joined


def _joined(parts: Sequence[Line]) -> Line:
    """Lines as one, at the first one's place."""
    text = " ".join(part.text.strip() for part in parts)
    numbers = tuple(number for part in parts for number in part.source_lines)
    return Line(parts[0].number, text, parts[0].page, numbers)


_OPEN_LINK = re.compile(r"^\s*(?:" + LIST_MARK + r")?\[")


def _wrapped_link_end(lines: Sequence[Line], start: int) -> int | None:
    """Where a link opened but not closed on ``lines[start]`` closes, within three lines."""
    text = lines[start].text
    if not _OPEN_LINK.match(text) or "](" in text:
        return None
    for index in range(start + 1, min(start + 4, len(lines))):
        if lines[index].is_blank:
            return None
        if "](" in lines[index].text:
            return index
    return None


# The words an access note (or its first piece) can end with.
_NOTE_WORDS = frozenset(word for note in ACCESS_NOTES for word in note.split())


def _unlinked_title(text: str) -> TitleParts:
    """The parts of a title line that lost its link: title, target, and a trailing access
    note — whole, or the first piece of one split over lines (kept as the rest). The
    target is ``#`` (none), the link written out after the title, where a plain-text
    copy ran the line holding it on to the title's, or the one target of the links over
    part of it (a PDF that linked only a title's last line)."""
    text, accessed = _split_accessed(_BULLET.sub("", text))
    text, medium = _split_medium(text)
    words = unglue_access_note(text).split()
    note: str | None = None
    rest = ""
    if words and words[-1].strip("*").lower() in _NOTE_WORDS:
        for cut in range(max(1, len(words) - 8), len(words)):
            tail = " ".join(words[cut:])
            note = parse_access_note(tail)
            if note is not None:
                words = words[:cut]
                break
            if len(words) - cut >= 2 and is_access_fragment(tail) and not tail.endswith("*"):
                words, rest = words[:cut], tail
                break
    target = "#"
    before, link = _written_out_link(" ".join(words))
    if link is not None:
        words, target = before.split(), link
        if before.endswith(":"):  # NLM's "Title [Internet]. Available from: https://…"
            before, medium = _split_medium(without_link_label(before), medium)
            words = before.split()
    elif len(inner := set(link_targets(" ".join(words))) - {"#"}) == 1:
        target = inner.pop()  # a link over part of the title (its last line, say) is its link
    # The medium and access date are given as the rest, where they follow a linked
    # title's link.
    rest = " ".join(filter(None, (rest, medium, accessed)))
    return strip_markup(" ".join(words)), target, note, rest


def _split_medium(text: str, found: str = "") -> tuple[str, str]:
    """A title line without its link, and the medium in brackets it ends with (``…
    survey [Internet]``; :func:`peerbrief.fields.take_medium`), as written, or
    ``found``."""
    before, medium = take_medium(text)
    return (before, medium) if medium is not None and before else (text, found)


def _written_out_link(text: str) -> tuple[str, str | None]:
    """A line's text before the web address it ends with, written out after a space
    (``Title <https://…>``, ``Title (https://…)``: a web page or a Word document pasted as
    plain text), and the address; (``text``, None) where it ends with none."""
    before, _, last = text.rpartition(" ")
    if last.startswith("(") and last.endswith(")"):
        last = last[1:-1]
    if not before.strip() or not is_bare_link(last):
        return text, None
    return before.rstrip(), last.strip("<>")


def _split_accessed(text: str) -> tuple[str, str]:
    """A title line without its link, and the access date in brackets it ends with
    (``… survey (accessed 2 Jan 2025)``, ``… [cited 2025 Jan 2]``), as written."""
    before, accessed = take_accessed(text)
    if accessed is None:
        return text, ""
    return before, text.rstrip(" .")[len(before) :].strip()


def _runs_on_into_a_sentence(rest: str) -> bool:
    """Whether the text after a link goes on with a sentence the link began (a word in
    lower case first, or a sentence's worth of words ending as one ends: ``(NDL)
    SharePoint site to find out more about datasets.``), rather than giving an access
    note (``Full text available …``) or a short note (``(PDF, 2 MB)``). An access date
    ending it (``(accessed 2 Jan 2025)``) is a note of the reference, not a sentence."""
    rest = take_accessed(rest)[0]
    first = next((char for char in rest if char.isalpha()), "")
    if first.islower():
        return True
    return (
        len(rest.split()) >= _SENTENCE_WORDS
        and rest.rstrip().endswith(_SENTENCE_END)
        and not is_access_fragment(rest)
    )


_SENTENCE_WORDS = 6
_SENTENCE_END = (".", "!", "?")


class _Body:
    """The body of a brief as its non-blank lines, each classified once, with the
    segmentation state: the reference being read and the section it is in."""

    def __init__(
        self, lines: Sequence[Line], header_key: str, running: frozenset[str], report: _Report
    ) -> None:
        self.lines = lines
        self.texts = [line.text.strip() for line in lines]
        self.header_key = header_key
        self.running = running
        """Keys of the running lines besides the header (a footer)."""
        self.split_header = self._split_header_lines()
        """Indices of the two lines of a running header broken after its prefix
        (``Evidence Brief:`` / ``Apprenticeships``)."""
        self.furniture = [
            self._is_furniture(text) or index in self.split_header
            for index, text in enumerate(self.texts)
        ]
        self.labels = [label_of(text) for text in self.texts]
        self.access = [is_access_fragment(text) for text in self.texts]
        """Whether each line is (a piece of) an access note."""
        self._opening: dict[int, frozenset[str] | None] = {}
        self.titles = [_title_parts(line.text) if "](" in line.text else None for line in lines]
        self.next = self._next_content()
        self.linked = any(
            parts is not None and not _NAVIGATION.search(text)
            for parts, text in zip(self.titles, self.texts, strict=True)
        )
        """Whether the brief links its titles; if not (plain text), titles are found by
        what follows them alone."""
        self.sections = _Sections(())
        """Set once the front matter (and its Contents list) has been read."""
        self.report = report
        self.blocks: list[RefBlock] = []
        self.opened: tuple[Line, TitleParts] | None = None
        self.body: list[int] = []
        """Indices of the lines of the reference being read."""
        self.cited: set[str] = set()
        """The numbers the reference being read cites raised, in its first
        :attr:`cited_lines` lines (gathered as notes ask, so each line is read once)."""
        self.cited_lines = 0
        self.flat_cited: dict[str, int] = {}
        """The numbers the reference being read cites on the line (:data:`_FLAT_CITATION`):
        number → the index of the last line citing it, in its first :attr:`cited_lines`."""
        self.uncited: dict[int, str] = {}
        """Lines of the reference being read without the flattened citations of the notes
        found: index → text."""
        self.bullet = False
        self.section: Section | None = None
        self.block_labels: set[str] = set()
        self.prose_after_labels = False
        self.prose = 0
        self.heading_at = -1
        """The index of the last heading line read."""
        self.unlabelled_through = -1
        """The index of the last line of unlabelled metadata found (see
        :meth:`unlabelled_metadata_end`)."""
        self.in_unlabelled = False
        """Whether the lines read are an unlabelled reference's, up to the next heading or
        reference."""
        self.box_through = -1
        """The index of the last line of a box found between references (see
        :meth:`box_end`)."""
        self.footnotes: set[int] = set()
        """Indices of the footnotes found so far (a page's notes are found at its first)."""

    def _is_furniture(self, text: str) -> bool:
        """A running header or footer, a bare page number or a stray piece of another
        line: never content, never a neighbour."""
        return (
            self.is_header(text)
            or is_page_number(text)
            or is_running_line(text, self.running)
            or is_stray_piece(text)
        )

    def is_header(self, text: str) -> bool:
        """The running page header (the brief's title line, repeated)."""
        return is_running_header(text, self.header_key)

    def _split_header_lines(self) -> frozenset[int]:
        """The running header set over two lines, its prefix alone on the first: each
        line alone is no header (the topic alone may be a heading's or a title's words)."""
        return frozenset(
            index
            for first, (prefix, rest) in enumerate(itertools.pairwise(self.texts))
            if is_title_prefix(prefix) and self.is_header(f"{prefix} {rest}")
            for index in (first, first + 1)
        )

    def _next_content(self) -> list[int]:
        """For each line, the index of the next line that is not page furniture."""
        following = [len(self.lines)] * len(self.lines)
        upcoming = len(self.lines)
        for index in range(len(self.lines) - 1, -1, -1):
            following[index] = upcoming
            if not self.furniture[index]:
                upcoming = index
        return following

    # -- what follows a line ---------------------------------------------------------

    def opening_labels(self, index: int) -> frozenset[str] | None:
        """What :meth:`_opening_labels` says, asked once per line."""
        if index not in self._opening:
            self._opening[index] = self._opening_labels(index)
        return self._opening[index]

    def _opening_labels(self, index: int) -> frozenset[str] | None:
        """If the lines after ``index`` are (pieces of) an access note, then labels of
        which one opens a reference's metadata: the fields of those labels. In a
        brief without links, an access note alone after the line will do (empty set).
        None otherwise. The title's link written out on a line of its own (a copy that
        lost the link itself, in a brief whose other titles are links or not) may stand
        before the note or the labels, and so may the date its page was read on, alone on
        a line (``Accessed 3 May 2023``)."""
        at = self.next[index]
        if at < len(self.lines) and is_bare_link(self.texts[at]):
            at = self.next[at]
        if at < len(self.lines) and parse_accessed(self.texts[at]) is not None:
            at = self.next[at]
        pieces: list[str] = []
        while at < len(self.lines) and self.labels[at] is None and len(pieces) < ACCESS_PIECES:
            if self.titles[at] is not None:
                break
            if not (
                self.access[at] or self._ends_note(pieces[-1] if pieces else self.texts[index], at)
            ):
                break
            pieces.append(self.texts[at])
            at = self.next[at]
        # The labels in any order (a brief may give the date first): one of them opens a
        # reference's metadata.
        run: list[str] = []
        while (
            at < len(self.lines)
            and (label := self.labels[at]) is not None
            and len(run) < _MOST_LABELS_READ
        ):
            run.append(label[0])
            at = self.next[at]
        run = _before_field_given_again(run)
        names = {SAME_FIELD.get(name, name) for name in run}
        if any(name in OPENING_FIELDS for name in run):
            return frozenset(names)
        if self.linked:
            return None
        if parse_access_note(" ".join(pieces)) or _unlinked_title(self.texts[index])[2]:
            return frozenset()
        return None

    def _ends_note(self, before: str, index: int) -> bool:
        """``account`` after ``… Full text available with NHS OpenAthens``: the note's last
        word, wrapped without its ``*`` (which makes a lone word a piece of a note)."""
        text = self.texts[index]
        return not self.linked and " " not in text and note_begun_before(before, text) > 0

    def starts_unlinked_reference(self, index: int) -> bool:
        """A plain line that is the title of a reference whose link was lost."""
        text = self.texts[index]
        if self.access[index] or not text:
            return False
        if self.labels[index] is not None and not self._label_given_again(index):
            return False
        if not _unlinked_title(text)[0] or is_bare_link(text):
            # Markup alone ("<sup>1</sup>") has no words to be a title, nor has an access
            # date alone; a link alone is the title's before it, written out.
            return False
        names = self.opening_labels(index)
        if names is None:
            return False
        if self.opened is None or self.bullet:
            return True
        # The labels that follow cannot belong to the reference read so far.
        return (
            bool(names & self.block_labels)
            or self.prose_after_labels
            or (not self.block_labels and self.prose > 1)
        )

    def _label_given_again(self, index: int) -> bool:
        """A line opened by a label's words (``Journal: a year in the life of …``) whose
        field the labels after it give again: a title that lost its link, of the
        reference those labels open, as a reference gives each field once."""
        label = self.labels[index]
        if label is None:
            return False
        names = self.opening_labels(index)
        return names is not None and SAME_FIELD.get(label[0], label[0]) in names

    def is_title_artifact(self, index: int) -> bool:
        """A plain line repeating the next reference's title (an artifact of the export)."""
        if self.titles[index] is not None:
            return False
        following = self.next[index]
        if following >= len(self.lines):
            return False
        parts = self.titles[following]
        if parts is None:
            if self.labels[following] is not None or not self.opening_labels(following):
                return False
            parts = _unlinked_title(self.texts[following])
        repeated = heading_key(parts[0])
        text = self.texts[index]
        if not repeated or not heading_key(text).startswith(repeated):
            return False
        rest = drop_prefix_by_key(text, repeated)
        # Whatever follows the repeated title may only be its closing punctuation and
        # (part of) an access note.
        return rest is not None and is_title_end(rest)

    def unlabelled_metadata_end(self, index: int) -> int | None:
        """Where the unlabelled metadata that starts at ``lines[index]`` ends: one to four
        lines each shaped as metadata (:func:`~peerbrief.fields.unlabelled_metadata`),
        one at least as nothing but metadata is, and no label after them (a reference
        labelled in part is read as such). None if none starts there."""
        end, strong = None, False
        at = index
        while at < len(self.lines) and at - index < _MOST_METADATA_LINES:
            if self.labels[at] is not None or self.titles[at] is not None:
                break
            if self.opening_labels(at) is not None:
                break  # a title its link or access date, then labels, follow
            shape = unlabelled_metadata(self.texts[at])
            if shape is None:
                break
            end, strong = at, strong or shape == "strong"
            at = self.next[at]
        if end is None or not strong:
            return None
        if at < len(self.lines) and self.labels[at] is not None:
            return None
        return end

    def is_unlabelled_title(self, index: int) -> bool:
        """A line shaped as a title (a few words, no sentence's end, no list item) that
        unlabelled metadata follows: a reference written without labels, which the format
        does not allow, so reported rather than read."""
        text = self.texts[index]
        words = len(text.split())
        if (
            not _FEWEST_TITLE_WORDS <= words <= _LONGEST_TITLE_WORDS
            or text.endswith((".", ":", ";", ","))
            or _is_bullet(self.lines[index])
            or self.labels[index] is not None
            or self.access[index]
            or unlabelled_metadata(text) is not None
            or not self._after_paragraph(index)
        ):
            return False
        following = self.next[index]
        end = self.unlabelled_metadata_end(following) if following < len(self.lines) else None
        if end is None:
            return False
        self.unlabelled_through = end
        return True

    def is_caption(self, index: int) -> bool:
        """A caption of a figure, table or image the page shows: a short paragraph of its
        own opened by ``Figure 1:``, ``Table 2:``, ``Image:``."""
        return (
            is_caption(self.texts[index])
            and self.labels[index] is None
            and not _is_bullet(self.lines[index])
        )

    def is_footnote(self, index: int) -> bool:
        """A footnote at a page's foot: a line opened by a footnote's mark after a
        paragraph that ended a sentence, ending its page, or followed there by more such
        lines only. Away from a page's foot (text whose pages are lost, too) the same shape
        may be the abstract's own, and stays there."""
        if index in self.footnotes:
            return True
        if not self._footnote_shaped(index):
            return False
        if self._ends_sentence(self._content_before(index)) and self._notes_a_citation(index):
            # (after a page break too: a web page printed sets its note where it flows)
            self.footnotes.add(index)
            return True
        previous = index - 1
        if previous < 0 or self.furniture[previous] or not self._ends_sentence(previous):
            return False  # (a page that holds nothing else)
        run = [index]
        while not self._ends_page(run[-1]):
            if not self._footnote_shaped(run[-1] + 1):
                return False
            run.append(run[-1] + 1)
        self.footnotes.update(run)
        return True

    def _content_before(self, index: int) -> int:
        """The index of the last line before ``index`` that is no page furniture (a page
        break's header, number and footer), -1 if none is near."""
        previous = index - 1
        while previous >= 0 and self.furniture[previous] and index - previous <= _PAGE_BREAK_LINES:
            previous -= 1
        return previous if previous >= 0 and not self.furniture[previous] else -1

    def _ends_sentence(self, index: int) -> bool:
        """Whether the line at ``index`` ends a sentence, and no list's item (a list's
        next item may open with a number too)."""
        return (
            index >= 0
            and not _is_bullet(self.lines[index])
            and self.texts[index].endswith(_SENTENCE_ENDS)
        )

    def _notes_a_citation(self, index: int) -> bool:
        """A note whose raised mark the reference being read cites raised (``employers¹``
        … ``¹ Employers with…``): the note of that citation wherever it stands, as a
        text whose pages are lost puts a page's notes after the paragraph citing them."""
        if self.opened is None or self.bullet:
            return False
        for line in self.body[self.cited_lines :]:
            for citation in _RAISED_CITATION.finditer(self.texts[line]):
                self.cited.update(_raised_numbers(citation))
            for citation in _FLAT_CITATION.finditer(self.texts[line]):
                self.flat_cited[citation[1]] = line
        self.cited_lines = len(self.body)
        mark = _RAISED_MARK.match(self.texts[index])
        if mark is not None and _raised_numbers(mark) <= self.cited:
            return True
        return self._notes_a_flattened_citation(index)

    def _notes_a_flattened_citation(self, index: int) -> bool:
        """A note whose number the reference cites on the line, as a copy flattens a
        raised citation (``employers1 in`` … ``¹ Employers with…``): the note is the
        page's, and the number goes from the citing line (where it would read as the
        text's, ``employers1``)."""
        note = _NOTE_NUMBER.match(self.texts[index])
        if note is None:
            return False
        number = (note[1] or note[2]).translate(_PLAIN_DIGITS)
        line = self.flat_cited.pop(number, None)
        if line is None:
            return False
        text = self.uncited.get(line, self.lines[line].text)
        citations = [match for match in _FLAT_CITATION.finditer(text) if match[1] == number]
        last = citations[-1]
        self.uncited[line] = text[: last.start()] + text[last.end() :]
        return True

    def _footnote_shaped(self, index: int) -> bool:
        return (
            index < len(self.lines)
            and self.labels[index] is None
            and not self.access[index]
            and not self.furniture[index]
            and self.titles[index] is None
            and _FOOTNOTE.match(self.texts[index]) is not None
        )

    def _ends_page(self, index: int) -> bool:
        """Whether ``lines[index]`` is the last content of its page: page furniture or
        another page follows it."""
        following = index + 1
        if following >= len(self.lines):
            return False  # (the end of the text, where the closing boilerplate stands)
        page, next_page = self.lines[index].page, self.lines[following].page
        return self.furniture[following] or (page is not None and next_page != page)

    def is_bullet_reference(self, index: int) -> bool:
        """In a brief without links, a title-like bullet item in a section's prose lists a
        document (the template's framework parts); in one with links too where its link
        is written out after it, or on the line after it (:meth:`is_listed_link`)."""
        line, text = self.lines[index], self.texts[index]
        if not (
            self.section is not None
            and (self.opened is None or self.bullet)
            and _is_bullet(line)
            and len(text.split()) <= _LONGEST_TITLE_WORDS
            and not text.endswith((":", "."))
            # (Nor one that stops on a word no title ends on: a sentence's item whose
            # rest a copy set apart from it, `… joined the NMC register in`.)
            and text.rsplit(maxsplit=1)[-1].lower() not in SENTENCE_GOES_ON
        ):
            return False  # (the cheap tests first: every line of an abstract comes here)
        title, target, _note, _rest = _unlinked_title(text)
        return bool(title) and (not self.linked or self.link_written_after(index) or target != "#")

    def link_written_after(self, index: int) -> bool:
        """Whether the line after ``lines[index]`` is a link alone (its link written out,
        where a copy lost the link itself)."""
        following = self.next[index]
        return following < len(self.lines) and is_bare_link(self.texts[following])

    # -- building blocks -------------------------------------------------------------

    def close(self) -> None:
        if self.opened is not None and self.is_bare_link_paragraph():
            # A link opening a paragraph of prose, with nothing of a reference after it: a
            # converter's link that covered a sentence's first words (pymupdf4llm's of a
            # whole line), a PDF's sentence set apart from its start. It is prose, no work.
            reason = Reason.SECTION_PROSE if self.section else Reason.UNEXPLAINED
            for line in (self.opened[0], *(self.lines[index] for index in self.body)):
                self.report.add(line, reason)
            self.opened = None
        if self.opened is not None:
            where = self.section or Section("Untitled section")
            body = tuple(
                attrs.evolve(self.lines[index], text=self.uncited[index])
                if index in self.uncited
                else self.lines[index]
                for index in self.body
            )
            labels = tuple(self.labels[index] for index in self.body)
            block = RefBlock(self.opened[0], self.opened[1], where, body, self.bullet, labels)
            self.blocks.append(block)
            self.opened = None
        self.body = []
        self.cited, self.cited_lines = set(), 0
        self.flat_cited, self.uncited = {}, {}
        self.block_labels = set()
        self.prose_after_labels = False
        self.prose = 0

    def goes_on_with_abstract(self, index: int, parts: TitleParts) -> bool:
        """Whether a paragraph that opens with a link is the abstract of the reference
        before it: its labels read, the link runs on into prose, and no reference's
        metadata follows (the export writes such a link inside a sentence: `Peer
        support is a [supported self-management intervention](#). It …`)."""
        _title, _url, note, rest = parts
        return (
            self.opened is not None
            and not self.bullet
            and bool(self.block_labels)
            and not note
            and _runs_on_into_a_sentence(rest)
            and self.opening_labels(index) is None
        )

    def is_bare_link_paragraph(self) -> bool:
        """Whether the open block is a title link and prose alone: no label, no access
        note, no list item (the series' only references without labels are listed
        documents), and its title runs on into a sentence."""
        assert self.opened is not None
        _title, _url, note, rest = self.opened[1]
        return (
            not self.bullet
            and not self.block_labels
            and not note
            and not any(self.access[index] for index in self.body)
            and _runs_on_into_a_sentence(rest)
        )

    def open(self, line: Line, parts: TitleParts, bullet: bool) -> None:
        self.close()
        self.opened, self.bullet = (line, parts), bullet
        self.in_unlabelled = False

    def append(self, index: int) -> None:
        self.body.append(index)
        label = self.labels[index]
        if label is not None and label[0] != "abstract":
            self.block_labels.add(SAME_FIELD.get(label[0], label[0]))
            self.prose_after_labels = False
        elif not self.access[index]:
            self.prose += 1
            self.prose_after_labels = bool(self.block_labels)

    def run(self, start: int) -> list[RefBlock]:
        """Read the blocks of the body, which starts at ``lines[start]``."""
        closing = False
        for index in range(start, len(self.lines)):
            line, text = self.lines[index], self.texts[index]
            if is_stray_piece(text):
                self.report.add(line, Reason.UNEXPLAINED)
                continue
            if self.furniture[index] and not is_page_number(text):
                header = self.is_header(text) or index in self.split_header
                self.report.add(line, Reason.RUNNING_HEADER if header else Reason.RUNNING_FOOTER)
                continue
            if closing:
                self.report.add(line, Reason.BOILERPLATE)
                continue
            # (A link back through the document is no heading, though a heading follows it.)
            if _is_navigation_line(text, self.titles[index]):
                self.report.add(line, Reason.NAVIGATION)
                continue
            # A plain line repeating the next title is no heading, though shaped like one.
            if not self.sections.recognises(line) and self.is_title_artifact(index):
                self.report.add(line, Reason.TITLE_ARTIFACT)
                continue
            if self.is_edit_mark(index):
                # Shaped as a heading, but a mark beside a reference that no section is named
                # by: read as one, the works after it were tagged with it and nothing failed.
                self.report.add(line, Reason.UNEXPLAINED)
                continue
            # A line its reference's labels follow is that reference's title, though the
            # Contents lists its words as a heading (a copy without links: a report
            # titled "Widening participation" in a brief with that sub-section), or its
            # link written out on the next line (in a copy that kept other links too).
            heading = (
                None
                if (not self.linked or self.link_written_after(index))
                and self.opening_labels(index)
                else self.sections.match(
                    line,
                    functools.partial(self._before_reference, index),
                    functools.partial(self._after_paragraph, index),
                )
            )
            if heading is not None:
                self.close()
                self.report.add(line, Reason.HEADING)
                self.heading_at = index
                self.section = heading
                self.in_unlabelled = False
                closing = heading_key(text) == _CLOSING_KEY
                continue
            if is_page_number(text):
                self.report.add(line, Reason.PAGE_NUMBER)
                continue
            parts = self.titles[index]
            if parts is not None:
                if _NAVIGATION.search(text):
                    self.report.add(line, Reason.NAVIGATION)
                    continue
                # A listed title link followed by its labels is a reference like any other
                # (a brief that lists its references); without labels, a listed document.
                bullet = _is_bullet(line) and self.opening_labels(index) is None
                if not bullet and self.goes_on_with_abstract(index, parts):
                    self.append(index)
                    continue
                self.open(line, parts, bullet)
                continue
            if self.starts_unlinked_reference(index):
                self.open(line, _unlinked_title(text), bullet=False)
                continue
            if self.is_bullet_reference(index) and not _NAVIGATION.search(text):
                self.open(line, _unlinked_title(text), bullet=True)
                continue
            if index <= self.box_through or self.opens_box(index):
                self.close()  # (the abstract before it ends there)
                self.report.add(line, Reason.BOX)
                continue
            if self.is_caption(index):
                self.report.add(line, Reason.CAPTION)
                continue
            if self.is_footnote(index):
                self.report.add(line, Reason.FOOTNOTE)
                continue
            if self.reads_unlabelled(index):
                self.report.add(line, Reason.UNLABELLED_REFERENCE)
                continue
            if self.is_listed_link(index):
                self.append(index)
                continue
            if self.opened is None or self.bullet:
                self.close()
                self.report.add(line, self.prose_reason(index))
                continue
            self.append(index)
        self.close()
        return self.blocks

    def prose_reason(self, index: int) -> Reason:
        """Why a line outside any reference is reported: a section's prose, or not
        understood outside a section, or where it holds a reference's labelled value
        (``Source: …``): labels are metadata wherever they stand, and one outside a
        reference is a work's value the reader could not place, never prose."""
        if self.section is None or self.labels[index] is not None:
            return Reason.UNEXPLAINED
        return Reason.SECTION_PROSE

    def is_edit_mark(self, index: int) -> bool:
        """Whether ``lines[index]`` is an editor's mark on a line of its own (``NEW``,
        ``TBC``, ``Added March 2024``: :func:`is_edit_mark`) that the Contents does not list
        as a heading and that no reference's labels follow (a report titled so)."""
        return (
            self.titles[index] is None
            and is_edit_mark(self.texts[index])
            and not self.sections.lists(self.lines[index])
            and self.opening_labels(index) is None
        )

    def is_listed_link(self, index: int) -> bool:
        """Whether ``lines[index]`` is a listed document's link, written out alone on the
        line after its item (``- Title`` then ``https://…``: a list pasted from Teams,
        Slack or a web page, which puts a link's address after its text), or the date its
        page was read on, alone on the line after the item or its link (``Accessed 3 May
        2023``). Where the item has a link already, the entry keeps it and reports another."""
        if not self.bullet or self.opened is None or len(self.body) > 1:
            return False
        text = self.texts[index]
        if not self.body:
            return is_bare_link(text) or parse_accessed(text) is not None
        return is_bare_link(self.texts[self.body[0]]) and parse_accessed(text) is not None

    def reads_unlabelled(self, index: int) -> bool:
        """Whether ``lines[index]`` belongs to a reference written without labels: its
        title and metadata, or the prose after them up to the next heading or reference;
        or unlabelled metadata right after a title link (never the abstract's)."""
        if index <= self.unlabelled_through:
            return True
        reading_prose = self.opened is None or self.bullet or self.prose_after_labels
        if reading_prose and self.is_unlabelled_title(index):
            self.close()  # (the abstract before it ends there)
            self.in_unlabelled = True
            return True
        if self.opened is None or self.bullet:
            return self.in_unlabelled
        if self.block_labels or self.prose or self.body:
            return False
        end = self.unlabelled_metadata_end(index)
        if end is None:
            return False
        self.unlabelled_through = end
        return True

    def opens_box(self, index: int) -> bool:
        """Whether ``lines[index]`` heads a box set between references (``Key messages``
        and its list): a few capitalised words with no end, which the Contents does not
        list (else they name a section), after an abstract's end, then list items only,
        then a reference or a heading. A box is no part of the abstract before it, nor
        does its heading open a section; but an abstract's own list may have such a
        heading, so the box is reported as not read."""
        line = self.lines[index]
        if (
            self.opened is None
            or self.bullet
            or not self.prose
            or self.labels[index] is not None
            or self.access[index]
            or not _looks_like_heading(line)
            or not _looks_like_unlisted_heading(line)
            or not self._after_paragraph(index)
        ):
            return False
        last, at = index, self.next[index]
        while at < len(self.lines) and _is_bullet(self.lines[at]) and self.titles[at] is None:
            last, at = at, self.next[at]
        if last == index or at >= len(self.lines):
            return False
        if not (self._before_reference(last) or self.sections.recognises(self.lines[at])):
            return False
        self.box_through = last
        return True

    def _after_paragraph(self, index: int) -> bool:
        """Whether the content line before ``lines[index]`` ended a paragraph (a sentence,
        an access note, a closing bracket or quote, a list item) or was a heading, page
        furniture stepped over."""
        previous = index - 1
        while previous >= 0 and self.furniture[previous]:
            previous -= 1
        return (
            previous < 0
            or previous == self.heading_at
            or self.texts[previous].endswith(_PARAGRAPH_ENDS)
            or _is_bullet(self.lines[previous])  # a list ends where a non-item follows it
        )

    def _before_reference(self, index: int, empty_sections: int = 1) -> bool:
        """Whether a reference's title follows ``lines[index]``, or (``empty_sections``
        times, where this line is a few words, as a heading is) a heading shaped line that
        stands before one: a section that lists no works has its heading right before
        the next heading (a sentence of section prose without its full stop is longer)."""
        following = self.next[index]
        if following >= len(self.lines) or (
            not self.linked and is_bare_link(self.texts[following])
        ):
            return False  # (a line before its link written out is a title, not a heading)
        if self.is_title_artifact(following):
            # The export's plain copy of the next title belongs to neither: the reference
            # after it is the one the heading stands before.
            following = self.next[following]
        # (Where (a piece of) an access note follows, this line is the title it belongs to.)
        return (
            self.titles[following] is not None
            or (
                self.labels[following] is None
                and not self.access[following]
                and self.opening_labels(following) is not None
            )
            or (
                empty_sections > 0
                and _looks_like_unlisted_heading(self.lines[index])
                and _looks_like_heading(self.lines[following])
                and self._before_reference(following, empty_sections - 1)
            )
        )


def _is_navigation_line(text: str, parts: TitleParts | None) -> bool:
    """``Back to contents``, ``[Back to top](#contents)``, ``↑ Return to contents``; its
    link written out after it (``Back to contents (https://…#contents)``)."""
    if parts is not None:
        return is_navigation_line(parts[0])
    return is_navigation_line(_written_out_link(text)[0] if text.endswith((")", ">")) else text)


def _read_contents(
    lines: Sequence[Line], start: int, body: _Body, report: _Report
) -> tuple[list[str], int]:
    """Read the Contents list after its heading; return the headings and where it ended."""

    def is_running(text: str) -> bool:
        return body.is_header(text) or is_running_line(text, body.running)

    texts = [line.text for line in lines]
    entries, end = read_contents(texts, start, is_running)
    used = {index for _heading, indices in entries for index in indices}
    for index in range(start, end):
        if index in used:
            report.add(lines[index], Reason.CONTENTS)
        elif is_page_number(texts[index]):
            report.add(lines[index], Reason.PAGE_NUMBER)
        else:
            header = body.is_header(texts[index])
            report.add(lines[index], Reason.RUNNING_HEADER if header else Reason.RUNNING_FOOTER)
    return [heading for heading, _indices in entries], end


_MOST_LABELS_READ = 2 * len(set(LABELS.values()))
"""The most labels of a run read after a line: two references' worth, each giving every
field once, which no brief comes near. Every line of a run of labels asks what follows it
(a title that lost its link may open like a label): read to the end, a hostile run of
labels would cost its length squared."""


def _before_field_given_again(run: list[str]) -> list[str]:
    """The labels of a run up to the line between two references' labels: a line opened
    like a label (``Journal: a year in the life of …``, the next reference's title in a
    copy that lost its link) whose field the labels after it give again. A reference
    gives each field once, so the labels before that line and those after it repeat no
    field; the run as it is if no line splits it so."""
    fields = [SAME_FIELD.get(name, name) for name in run]
    last = {name: position for position, name in enumerate(fields)}
    first_repeat, seen = len(fields), set()  # fields[:first_repeat] repeat no field
    for position, name in enumerate(fields):
        if name in seen:
            first_repeat = position
            break
        seen.add(name)
    seen = set()
    unique_from = len(fields)  # fields[unique_from:] repeat no field
    while unique_from > 0 and fields[unique_from - 1] not in seen:
        unique_from -= 1
        seen.add(fields[unique_from])
    for split in range(max(unique_from - 1, 0), min(first_repeat, len(fields) - 1) + 1):
        if last[fields[split]] > split:
            return run[:split]
    return run


def _front_matter_reason(label: tuple[str, str] | None, has_front: bool) -> Reason:
    """A line before the body that is none of the front matter's parts: the front matter's
    prose (``Produced by …``), where the brief has a front (a title or a Contents list);
    else not understood, as is a labelled value anywhere there. A copy of some pages
    starts with the end of a reference whose title it has not: its abstract and labels,
    which belong to no reference read."""
    if has_front and label is None:
        return Reason.FRONT_MATTER
    return Reason.UNEXPLAINED


def segment(lines: Sequence[Line]) -> Layout:
    """Find the front matter, the headings and the reference blocks of a brief."""
    # The caches serve the many looks at one line within a read, not later reads.
    heading_key.cache_clear()
    _title_parts.cache_clear()
    report = _Report()
    lines = [line for line in join_wrapped_titles(lines) if not line.is_blank]
    header_key = running_header_key([line.text for line in lines])
    title_lines = _find_title(lines, header_key)
    contents: list[str] = []
    citation: Line | None = None
    publication_date: Line | None = None
    sections = _Sections(contents)
    body = _Body(lines, header_key, running_line_keys(lines, header_key), report)

    # Front matter: everything before the first heading or reference of the body.
    expect_citation = False
    index = 0
    body_start = len(lines)
    has_contents = False
    loose: list[tuple[Line, tuple[str, str] | None]] = []
    """Front matter's other lines: its prose, or the end of a reference cut off before."""
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if any(line is part for part in title_lines):
            report.add(line, Reason.TITLE)
        elif is_contents_title(text) and not contents:
            has_contents = True
            report.add(line, Reason.CONTENTS)
            contents, index = _read_contents(lines, index + 1, body, report)
            sections = _Sections(contents)
            continue
        elif body.is_header(text):
            report.add(line, Reason.RUNNING_HEADER)
        elif is_running_line(text, body.running):
            report.add(line, Reason.RUNNING_FOOTER)
        elif sections.recognises(line):
            body_start = index
            break
        elif _is_title_line(line) and not _NAVIGATION.search(text):
            body_start = index  # a reference before any heading: the body starts here
            break
        elif expect_citation:
            citation = line
            report.add(line, Reason.CITATION)
            expect_citation = False
        elif acknowledge := _ACKNOWLEDGE.search(text):
            # A copy whose paragraphs were rebuilt may run the citation on after "as:".
            after = text[acknowledge.end() :]
            colon = _ACKNOWLEDGED_AS.search(after)
            if colon and (run_on := after[colon.end() :].strip()):
                citation = attrs.evolve(line, text=run_on)
                report.add(line, Reason.CITATION)
            else:
                report.add(line, Reason.FRONT_MATTER)
                expect_citation = True
        elif _PUBLICATION_DATE.match(text):
            publication_date = line
            report.add(line, Reason.FRONT_MATTER)
        elif _NAVIGATION.search(text):
            report.add(line, Reason.NAVIGATION)
        elif body.labels[index] is None and body.opening_labels(index):
            body_start = index  # an unlinked title before its labels
            break
        else:
            loose.append((line, body.labels[index]))
        index += 1
    for line, label in loose:
        report.add(line, _front_matter_reason(label, has_contents or bool(title_lines)))

    body.sections = sections
    blocks = body.run(body_start)
    return Layout(
        title=_joined(title_lines) if title_lines else None,
        citation=citation,
        publication_date=publication_date,
        sections=tuple(sections.found),
        blocks=tuple(blocks),
        report=tuple(_pages_out_of_order(sorted(report.items, key=lambda item: item.line))),
    )


_PAGE_NUMBERS_APART = 4
"""Lines at least between one page's number and the next page's (its text is between)."""


def _page_series(items: Sequence[ReportItem]) -> list[tuple[int, int]]:
    """(index in ``items``, number) of the page numbers that count the pages: each number
    written once, lines apart from the others, next in value to another so written (a
    Contents list's numbers, a column that repeats the pages', and a stray number set
    alone on a line, such as a table's cell or a raised citation, count no page)."""
    found = [
        (index, item.line, int(digits[0]))
        for index, item in enumerate(items)
        if item.reason is Reason.PAGE_NUMBER and (digits := re.search(r"\d+", item.text))
    ]
    lines = [line for _index, line, _number in found]
    numbers = [
        (index, number)
        for place, (index, line, number) in enumerate(found)
        if (place == 0 or line - lines[place - 1] >= _PAGE_NUMBERS_APART)
        and (place + 1 == len(lines) or lines[place + 1] - line >= _PAGE_NUMBERS_APART)
    ]
    counts: dict[int, int] = {}
    for _index, number in numbers:
        counts[number] = counts.get(number, 0) + 1
    once = {number for number, count in counts.items() if count == 1}
    return [
        (index, number)
        for index, number in numbers
        if number in once and (number - 1 in once or number + 1 in once)
    ]


def _pages_out_of_order(items: list[ReportItem]) -> list[ReportItem]:
    """``items`` with each page number lower than the page's before it reported as such: a
    copy whose pages were pasted out of order (page 3 before page 2) reads the references
    across them with each other's lines, and nothing else shows it."""
    before = 0
    for index, number in _page_series(items):
        if number < before:
            items[index] = attrs.evolve(items[index], reason=Reason.PAGE_OUT_OF_ORDER)
        before = number
    return items
