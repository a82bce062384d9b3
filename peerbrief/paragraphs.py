"""Stage 1b: text wrapped at a width → one line per paragraph, as the later stages expect.

Text copied from a PDF viewer, or made by ``pdftotext`` (with or without ``-layout``),
breaks each paragraph into lines of about the same width, puts running headers, page
numbers and form feeds between them, sets bullet glyphs on lines of their own (often
all of a list's glyphs first, then its items) and leaves no blank line between
paragraphs. This stage rebuilds the paragraphs from that: a line that filled the width
(the next word would not have fitted) runs on into the next line; page furniture inside
a paragraph is stepped over and kept as a line of its own; each bullet glyph goes back to
its item. Every physical line number stays in the paragraph's provenance
(:attr:`Line.numbers`), as the PDF reader keeps them.

What decides a break besides the width comes from the format: a metadata label, a
bullet, a Contents entry and a heading of the Contents list (or of the series template)
start a paragraph of their own. A line that leaves its sentence open (a bare label, an
open parenthesis, a closing ``and`` or ``of``; a raised digit the copy set on the next
line) runs on whatever its width. Text that is not wrapped (an export: one line per
paragraph, of any length) passes through unchanged; in any text, a word that PDFium's
text joined at a line-end hyphen and marked (:data:`~peerbrief.hyphenation.LINE_END_MARK`)
is mended as a hyphen at a line end is.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence, Set

import attrs

from .fields import (
    LIST_MARK,
    ends_with_status,
    is_access_fragment,
    is_title_end,
    label_of,
    parse_access_note,
    unglue_access_note,
)
from .hyphenation import LINE_END_MARK, Hyphenation
from .lines import (
    ENDS_WITH_FULL_STOP,
    TEMPLATE_KEYS,
    Line,
    contents_entry,
    drop_prefix_by_key,
    heading_key,
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
    single_spaced,
)
from .vocabulary import (
    BULLETS,
    MARKDOWN_BULLETS,
    OPENING_FIELDS,
    PUBLICATION_CITIES,
    TEMPLATE_LABELS,
    WEAK_BULLETS,
)

__all__ = [
    "ACCESS_PIECES",
    "is_running_line",
    "is_wrapped",
    "mend_converted_paragraphs",
    "rebuild_paragraphs",
    "running_line_keys",
]

_MIN_LINES = 20
"""Fewer lines than this say too little about a width: such text is taken as it is."""

_FULL = 0.9
"""A line is full when it and the next word would reach this share of the width: the
width is the 90th percentile of line lengths, and proportional fonts fit more or fewer
characters on a line depending on the letters."""

_HEADING_LINES = 3
"""A heading wraps over at most this many lines."""
_LONGEST_HEADING = 200
"""No heading (nor running header) is longer: an abstract's key is never computed."""

_LONGEST_TITLE = 250
"""No title is longer (the series' longest has about 190 characters)."""

_WRAPPED_SHARE = 0.15
"""Wrapped text has at least this share of its lines near the common width (pdftotext
output: a fifth to two thirds, fewer where abstracts are short; an export, whose lines
are paragraphs: a few per cent)..."""
_BEYOND_SHARE = 0.025
"""... and at most this share beyond it: the width is where its lines stop (pdftotext
output: 0–2 %), while an export's longest paragraphs reach far beyond its 90th
percentile (3–10 % of its lines)."""
_MOSTLY_NEAR = 0.5
"""Text with at least this share of its lines near the width is wrapped for sure (an
export: a few per cent); then a line up to twice the width is two of its lines joined:
``pdftotext`` without ``-layout`` joins a line that ends in a word hyphenated there to
the next, dropping the hyphen, and TeX, justifying every line, hyphenates often."""
_NEAR = (0.8, 1.25)
"""Near the width, as a share of it: a proportional font fits more or fewer characters on
a line depending on the letters (Chromium's full lines: 89 to 111 characters)."""

_SPLIT_LINE = 1.1
"""A line split in two at a gap is at most this share of the width when joined back."""

_SHORT_LINE = 0.5
"""A line shorter than this share of the width ended early: a paragraph's end or a heading."""
ACCESS_PIECES = 3
"""How many paragraphs an access note may be split over (it is four words long)."""
_LABELS_RUN = 4
"""The most labels before one that opens a reference's metadata (each field once: the
date, the journal, the details may come first)."""
_HEADING_WORDS = 6
"""The most words of a heading the Contents does not list (as the reader guesses them)."""

_BULLET_ITEM = re.compile("^" + LIST_MARK)
_LISTED_LINK = re.compile("^" + LIST_MARK + r"\[")
# A numbered list's item (`1. `, `2) `, Word's `3.` and a TAB): its number.
_NUMBERED_ITEM = re.compile(r"(\d{1,3})[.)]\s")
# Characters no paragraph starts with: a line starting so continues the one before.
_CONTINUATION_STARTS = frozenset("=),;:%]}")
# Nor with a raised digit that PDFium set on the next line: "Adj R" + "2 = 0.71".
_RAISED_START = re.compile(r"\d{1,2} ?[=<>≤≥]")
# A footnote's raised number before its note's first word ("¹ Employers with …").
_NOTE_START = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2} [A-Z]")
# An abstract's sub-heading ("Background:", "Design/methodology/approach:").
_SUBHEADING = re.compile(r"^[A-Z][\w/&-]{0,30}(?: [\w/&-]{1,20}){0,2}: \S")
# Characters no paragraph ends with: the line after goes on with it.
_OPEN_ENDS = (",", "(", "[", "–", "=")
# Nor does a sentence or a title end with a conjunction, an article or a preposition.
# (A line may be that word alone: the rest of a line wrapped twice.)
_CLAUSE_ENDS = (",", ";")  # a sentence goes on after them
_OPEN_WORD_END = re.compile(r"(?<!\S)(?:and|or|of|the|a|an|to|for|with|by|from|in|on|at|into)$")
# A line that ends a sentence, a database's closing note ("… all rights reserved)") or
# a title's access note ("Abstract only*").
_SENTENCE_END = re.compile(r"[.!?)*][\"'’”)\]]?$")
_NUMBER_END = re.compile(r"\d[).\]]?$")
_SENTENCE_INSIDE = re.compile(r"[^.\s]{3}[.?!] [A-Z]")  # "… three trusts. A survey"
_STRONG_END = re.compile(r"(?:[^.\s]{3}[.][\"'’”)\]]?|\))$")


def _width(lines: Sequence[Line]) -> int | None:
    """The width text was wrapped at, in characters; None if it was not wrapped. (A
    line's last word holding a web address may go beyond the width: it is not counted. A
    Contents line's length is its leaders', set by the page: it says nothing of it. A
    run of spaces inside a line counts as one: pdfminer spaces justified lines out, which
    would make every line that is not justified, a title's, look short.)"""
    lengths = sorted(
        _unbroken_length(line.text)
        for line in lines
        if line.text.strip() and not ("..." in line.text and contents_entry(line.text))
    )
    if len(lengths) < _MIN_LINES:
        return None
    width = lengths[(len(lengths) - 1) * 9 // 10]
    low, high = _NEAR[0] * width, _NEAR[1] * width
    near = sum(1 for length in lengths if low <= length <= high)
    if near >= _MOSTLY_NEAR * len(lengths):
        high *= 2
    beyond = sum(1 for length in lengths if length > high)
    wrapped = near >= _WRAPPED_SHARE * len(lengths) and beyond <= _BEYOND_SHARE * len(lengths)
    return width if width >= 30 and wrapped else None


def _unbroken_length(text: str) -> int:
    """The line's length without its last word where that word holds a web address
    (which no wrapper breaks: a markdown writer's link), as it may have gone beyond the
    width alone; the line's length otherwise."""
    head, _space, last = text.rstrip().rpartition(" ")
    return _length(head) if "://" in last else _length(text)


def _length(text: str) -> int:
    """The line's length with each run of spaces inside it as one (its indent kept)."""
    if "  " not in text.strip():
        return len(text)
    body = text.lstrip()
    return len(text) - len(body) + len(" ".join(body.split()))


def is_wrapped(lines: Sequence[Line]) -> bool:
    """Whether the text is wrapped at a width (a PDF's text) rather than one line per
    paragraph (an export)."""
    return _width(lines) is not None


def _short_key(text: str) -> str:
    """The heading key of a line that could be (part of) a heading; "" for prose."""
    return heading_key(text) if len(text) <= _LONGEST_HEADING else ""


class _Furniture:
    """What the whole text says about single lines: its running header, its headings."""

    def __init__(self, lines: Sequence[Line], hyphenation: Hyphenation) -> None:
        self.hyphenation = hyphenation
        self.header = running_header_key([line.text for line in lines])
        self.running = running_line_keys(lines, self.header)
        self.headings = set(TEMPLATE_KEYS)
        self.contents = range(0)
        """The indices of the Contents list's lines."""
        self.contents_texts: set[str] = set()
        self.contents_lines: set[int] = set()
        """The numbers of the Contents list's lines: each a paragraph of its own, an entry's
        pieces read together by :func:`~peerbrief.lines.read_contents`."""
        texts = [line.text for line in lines]
        for index, text in enumerate(texts):
            if is_contents_title(text):
                entries, end = read_contents(texts, index + 1, self.is_furniture)
                self.headings.update(heading_key(heading) for heading, _lines in entries)
                self.contents = range(index, end)
                self.contents_texts = {text.strip() for text in texts[index:end]}
                self.contents_lines = {line.number for line in lines[index:end]}
                break
        self.headings.discard("")
        self.wrapped_headings = self._wrapped_headings(lines)
        """Line number → the last line number of a heading wrapped from it."""
        self.heading_lines = {
            number
            for first, last in self.wrapped_headings.items()
            for number in range(first, last + 1)
        }

    def _wrapped_headings(self, lines: Sequence[Line]) -> dict[int, int]:
        """Headings wrapped over lines that follow each other (a long sub-section name in
        a large font), maybe across a page break: each line's key starts a heading's, and
        together they make it."""
        found: dict[int, int] = {}
        for index, line in enumerate(lines):
            if index in self.contents:
                continue
            key = _short_key(line.text)
            if not key or key in self.headings:
                continue
            wholes = {heading for heading in self.headings if heading.startswith(key)}
            end = index
            for _part in range(1, _HEADING_LINES):
                end = self._after_page_break(lines, end + 1)
                if not wholes or end >= len(lines):
                    break
                key += _short_key(lines[end].text) or "\n"  # (a blank or long line: none)
                if key in wholes:
                    found[line.number] = lines[end].number
                    break
                wholes = {heading for heading in wholes if heading.startswith(key)}
        return found

    def _after_page_break(self, lines: Sequence[Line], index: int) -> int:
        """The first line of text from ``index`` on past a page break's furniture (page
        number, running header, the blank lines around them) if a page break comes there;
        else ``index``."""
        end = index
        while end < len(lines) and (
            not lines[end].text.strip() or self.is_furniture(lines[end].text.strip())
        ):
            end += 1
        new_page = end < len(lines) and lines[end].page != lines[index - 1].page
        furniture = any(lines[at].text.strip() for at in range(index, end))
        return end if new_page or furniture else index

    def is_furniture(self, text: str) -> bool:
        """A running header or footer or a page number: never part of a paragraph."""
        return (
            is_page_number(text)
            or is_running_header(text, self.header)
            or is_running_line(text, self.running)
        )

    def completes_title(self, paragraph: Sequence[Line], text: str) -> bool:
        """Whether ``text`` goes on with the brief's title, which ``paragraph`` starts:
        the title on the first page is set large and may wrap where its header does not."""
        if not self.header or not is_brief_title(paragraph[0].text):
            return False
        start = heading_key(_join(paragraph, self.hyphenation))
        return start != self.header and self.header.startswith(start + heading_key(text))

    def is_header_prefix(self, text: str) -> bool:
        """``Evidence Brief:`` alone: the running header's first line, where a page set
        the header over two lines."""
        return bool(self.header) and is_title_prefix(text)

    def stands_alone(self, text: str) -> bool:
        """A heading, a Contents entry or a link back through the document (``Back to
        contents``): a paragraph of its own. (The last line of a
        paragraph may be a heading's word too, but it ends the sentence: ``management.``)"""
        if text in self.contents_texts or is_navigation_line(text):
            return True
        return (
            len(text) < 200
            and not text.endswith((".", ",", ";"))
            and heading_key(text) in self.headings
        )


def _join(parts: Sequence[Line], hyphenation: Hyphenation, raised: Set[int] = frozenset()) -> str:
    """The paragraph's text: lines joined with a space, or as the document's hyphenation
    says (:class:`Hyphenation`: a word hyphenated at a line end is mended, a hyphen of
    the text's own and a range broken after its dash are kept and join the words); a
    superscript set on a line of its own (``raised``: line numbers) joins its word."""
    text = parts[0].text.strip()
    for part in parts[1:]:
        piece = part.text.strip()
        if part.number in raised:
            text += piece
        else:
            text, joiner = hyphenation.mend(text, piece)
            text += joiner + piece
    return text


# What a PDF's text loses when its superscripts become plain characters: citation
# markers glued to the end of a word, before or after its punctuation ("practice,1,2
# research", "models1,2."), or
# a list of note numbers on its own ("recipients. 4,5 This", "models 1,2."); and the squares of
# statistics ("η2=.24", "R2 = 0.71").
# (Each pattern starts with the character it is about and looks back from there: a
# lookbehind at the start would be tried at every position of a long abstract.)
_MARKER_AFTER_PUNCTUATION = re.compile(
    r"([,.;:])(?<=[^\W\d_]{3}[,.;:])\d{1,3}(?:[,–-]\d{1,3})*(?=\s|$)"
)
_MARKER_AFTER_WORD = re.compile(r"\d(?<=[^\W\d_]{3}\d)\d?(?:,\d{1,2})+(?=[.,;:!?)]?(?:\s|$))")
_SPACED_MARKER = re.compile(r"\s\d{1,2}(?:,\d{1,2})+(?=[.,;:!?)](?:\s|$))")
# A single number glued to a word in lower case ("services1 to"): a marker too, in a
# paragraph whose other markers show that it cites (elsewhere "covid19" is a name).
_SINGLE_MARKER = re.compile(r"\b([a-z]{3,})\d{1,2}(?=[.,;:!?)]?(?:\s|$))")
_LISTED_MARKER = re.compile(r"\d(?<!\S\d)\d?(?:,\d{1,2})+(?=[.,;:!?)]?(?:\s|$))")
# A single number set apart after a word's punctuation, before the sentence goes on in
# lower case ("research, 3 and"): a marker in a paragraph whose lists of numbers set apart
# so show that it cites (a copy that sets words by column: pdftotext -fixed).
_SPACED_SINGLE_MARKER = re.compile(r"([,.;:])(?<=[^\W\d_]{3}[,.;:]) \d{1,2}(?= [a-z])")
# A line holding a superscript alone (some extractions set it apart: "R" / "2" / "= 0.71").
_RAISED_LINE = re.compile(r"^\d{1,3}(?:[,–-]\d{1,3}){0,5}$")
_GREEK_SQUARE = re.compile(r"([α-ωΑ-Ω])(?<![^\W\d_][α-ωΑ-Ω])2(?![\w²])")
# pdftotext -layout sets a raised digit apart by spaces where it stands: "η 2 =.24"; a
# PDFium copy puts it on a line of its own, which joins with a space: "η 2=.24".
_SPACED_GREEK_SQUARE = re.compile(r"([α-ωΑ-Ω])(?<![^\W\d_][α-ωΑ-Ω]) 2 ?(?=[=<>≤≥])")
_R_SQUARE = re.compile(r"\bR ?2(?= ?[=<>≤≥])")  # "R 2 =": a PDFium copy, as "η 2="


_DIGIT = re.compile(r"\d")
_GLUED_NUMBER = re.compile(r"[^\W\d_](\d{1,3})$")
_MARKED_PAGE_NUMBER = re.compile(LINE_END_MARK + r"\d{1,4}$")


# A web address or a DOI, whose digits after a full stop or comma are its own
# ("https://doi.org/10.1002/abc.123"), never a citation marker. (Words are found first
# and then tested: a pattern reaching back over a word from "://" would not be linear.)
_WORD = re.compile(r"\S+")
_DOI_IN_WORD = re.compile(r"(?<![\d.])10\.\d{4,9}/")


def _left_open(text: str) -> bool:
    """Whether a line ends where no sentence or title ends: on a comma, an open bracket or
    dash, or a conjunction, article or preposition."""
    return text.endswith(_OPEN_ENDS) or _OPEN_WORD_END.search(text[-8:]) is not None


def _is_address(word: str) -> bool:
    return "://" in word or "www." in word.lower() or _DOI_IN_WORD.search(word) is not None


def _plain_marks(text: str) -> str:
    """Drop citation markers that lost their superscript; square what was squared (web
    addresses and DOIs untouched)."""
    if not _DIGIT.search(text):
        return text
    parts: list[str] = []
    position = 0
    for word in _WORD.finditer(text):
        if _is_address(word[0]):
            parts.append(_plain_marks_in_prose(text[position : word.start()]))
            parts.append(word[0])
            position = word.end()
    parts.append(_plain_marks_in_prose(text[position:]))
    return "".join(parts)


def _plain_marks_in_prose(text: str) -> str:
    if _DIGIT.search(text):
        marked = text
        text = _MARKER_AFTER_PUNCTUATION.sub(r"\1", text)
        text = _SPACED_MARKER.sub("", _MARKER_AFTER_WORD.sub("", text))
        listed = _LISTED_MARKER.sub("", text)
        if listed != text:
            listed = _SPACED_SINGLE_MARKER.sub(r"\1", listed)
        text = listed
        if text != marked:
            text = _SINGLE_MARKER.sub(r"\1", text)
        text = _SPACED_GREEK_SQUARE.sub(r"\1²", _GREEK_SQUARE.sub(r"\1²", text))
        text = _R_SQUARE.sub("R²", text)
    return text


def _ends_with_access_note(text: str) -> bool:
    """``… decision-making Abstract only*``: a title line, which ends its paragraph."""
    if not text.endswith("*"):
        return False
    words = unglue_access_note(text).split()
    return any(parse_access_note(" ".join(words[-size:])) for size in range(2, 9))


# "5. The nursing associate role": a numbered reference's title, as some briefs number
# theirs; it starts as a title does after its number.
_NUMBERED_TITLE = re.compile(r"^\s*\d{1,3}\. [A-Z“‘\"']")


# A line that ends on a quoted word (`… under "Workforce"`): a section's prose may end so,
# a line of a title rarely (a title that ends so ends before its labels, no cut is made).
_QUOTED_END = re.compile(r"[^\W\d_][\"”]$")


def _capitalised(line: Line) -> bool:
    """Starts as a title or a sentence does: a capital, maybe after an opening quote, or
    a name written with a small letter first (``eHealth``, ``mHealth``, ``iPads``)."""
    return _capitalised_text(line.text)


def _capitalised_text(text: str) -> bool:
    start = text.lstrip().lstrip("\"'“‘([")[:2]
    return start[:1].isupper() or (start[:1].islower() and start[1:2].isupper())


_PROSE_WORD = re.compile(r"^[a-z]+[,.;:]?$")
_PROSE_WORDS = 3
"""A line with this many lower-case words is a sentence's (or a title's), not the rest of
a source ("Suppl 1, pp.1445-1455. , Australia:") or of a name."""


def _starts_prose(line: Line) -> bool:
    """Starts with a capitalised word and goes on in words: a sentence or a title."""
    words = line.text.split()
    return (
        _capitalised(line) and sum(1 for word in words if _PROSE_WORD.match(word)) >= _PROSE_WORDS
    )


def _opens_with_place(text: str) -> bool:
    """``Oxford: Oxford University Press, pp. 101-118``: a place of publication and its
    colon, as a book's source writes them before its publisher (``… edited by Li, W.``
    wrapped before them), not an abstract's sub-heading (``Methods: …``)."""
    return text.partition(":")[0].lower() in PUBLICATION_CITIES


def _value_ended(field: str, before: str, text: str) -> bool:
    """Whether a label's value ended with the line ``before``, so that ``text``, which
    starts prose, is the abstract: the value ended on its numbers (a source's pages, a
    year) or its status (``Epub ahead of print``); or, but for an abstract's own, ``text``
    holds the end of a sentence, which no source, name or date has (a full stop after a
    number ends a source's pages: ``… 30, (2) pp.451-460.``, the value of a label alone
    on the line before, as MuPDF breaks a justified line at its wide gap)."""
    if _NUMBER_END.search(before) or ends_with_status(before):
        return True
    ends_sentence = ENDS_WITH_FULL_STOP.search(text) is not None and not _NUMBER_END.search(text)
    return field != "abstract" and (_SENTENCE_INSIDE.search(text) is not None or ends_sentence)


def _lower_word(text: str) -> bool:
    """Whether ``text`` starts with a word in lower case (not ``eHealth``, a name)."""
    first = text.split(maxsplit=1)[0] if text else ""
    return first.islower() and first[:1].isalpha()


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


_REWRAPPED_SHARE = 0.6
"""Text wrapped twice (at one width, then at a narrower one: an email quoted and re-wrapped
by the reply) leaves a short rest after this share of its full lines at least, where a
wrapped text's short lines end its paragraphs only (a tenth to a half of its full lines)."""
_REWRAPPED_WIDER = 1.3
"""The first width is at most this much wider than the second (72 and 66 columns): a full
line and the short line after it make a line no wider (in a wrapped text they are as
wide as they come, a line and a half)."""
_OPEN_RESTS_SHARE = 0.4
"""A copy of a wider text wrapped again at 60 to 90 columns (``fold -s -w 72``, a mail
client's or a terminal's paste of ``pdftotext``'s lines of about 100 characters): a rest
up to most of the width, which goes on with its paragraph (it ends no sentence and text
that is no label follows) after this share of its full lines at least, where a wrapped
text's line after a full one goes on so after a third of them at most."""
_CHAINED = 0.5
"""At most this share of a second wrapping's rests look cut themselves (a rest of about the
width, of a line nearly twice as wide: 4 % at 72 columns, 38 % at 60)."""
_RESTS_WIDER = 2.0
"""Wider still the first lines were cut into three: no full line and its rest."""


def _rewrapped_rests(lines: Sequence[Line], width: int) -> tuple[dict[int, int], int, bool]:
    """Text wrapped at a width and then again at a narrower ``width``: each line that
    the second wrapping cut breaks into a full line and a rest. (Line number of a
    rest → the length of the line it was cut from; that line's width; whether every line
    not cut ended where its line did), or ({}, 0, False) where the text was wrapped once.
    A rest is read as ending where its line did: whether the next line's first word would
    have fitted the first width decides if it runs on.

    Two widths close together (72 and 66) leave a short rest after most full lines; a
    first width up to twice the second leaves rests of any length, which go on with
    their paragraphs."""
    texts = [line.text.rstrip() for line in lines]
    # A wrapper cut a line only where the next word would have gone beyond its width,
    # which its longest line shows (a line that left room for the next word ended there
    # before: `… potential expansion` / `Peer Support Hub`, a title). It counts
    # characters, or bytes of UTF-8 (`fold`: an em dash is three).
    widest = (max(map(len, texts), default=0), max(map(_bytes, texts), default=0))
    full = cut = open_rests = 0
    short: dict[int, int] = {}
    rests: dict[int, int] = {}
    wide: dict[int, int] = {}
    """Rests as wide as a full line: of a line up to twice the second width, or none."""
    for index, (text, rest) in enumerate(itertools.pairwise(texts)):
        piece = rest.strip()
        word = piece.split(maxsplit=1)[0] if piece else ""
        if not piece or len(text) + 1 + len(word) < width * _FULL:
            continue
        full += 1
        fits = len(rest) < width * _FULL
        is_short = fits and len(piece) < width * _SHORT_LINE
        is_cut = _cut(text, word, widest)
        if not (is_short or is_cut) or _BULLET_ITEM.match(piece) or label_of(piece):
            continue
        joined = len(text) + 1 + len(piece)
        if is_short:
            cut += 1
            short[lines[index + 1].number] = joined
        if not is_cut:
            continue
        (rests if fits else wide)[index + 1] = joined
        after = texts[index + 2].strip() if index + 2 < len(texts) else ""
        if fits and after and not _SENTENCE_END.search(piece) and label_of(after) is None:
            open_rests += 1
    # (Where most rests would be cut too, the lines merely come in two lengths: text
    # wrapped once, a sentence that repeats. A line a wrapper cut is cut once.)
    chained = sum(1 for index in rests if index + 1 in rests or index + 1 in wide)
    if rests and open_rests >= _OPEN_RESTS_SHARE * full and chained <= _CHAINED * len(rests):
        first = _percentile_90(rests.values())
        if first <= width * _RESTS_WIDER:
            rests.update(
                (index, joined) for index, joined in wide.items() if joined * _FULL <= first
            )
            rests = _one_cut_each(texts, rests)
            numbers = {lines[index].number: joined for index, joined in rests.items()}
            return numbers, _first_width(texts, rests), True
    if short and cut >= _REWRAPPED_SHARE * full:
        first = _percentile_90(short.values())
        if first <= width * _REWRAPPED_WIDER:
            return (
                {number: length for number, length in short.items() if length <= first},
                first,
                False,
            )
    return {}, 0, False


def _first_width(texts: Sequence[str], rests: dict[int, int]) -> int:
    """The width the lines were wrapped at first, as :func:`_width` measures a text: of
    the lines before the second wrapping, each cut line and its rest joined."""
    lengths = [
        rests[index + 1] if index + 1 in rests else len(text)
        for index, text in enumerate(texts)
        if text.strip() and index not in rests
    ]
    return _percentile_90(lengths)


def _one_cut_each(texts: Sequence[str], rests: dict[int, int]) -> dict[int, int]:
    """The rests (index → length joined) without a rest of a rest: a line cut in two is a
    full line and its rest. Of a line that looks both, the rest is the one after no
    sentence's end (`… mental health services.` / `Patient, client … alternatives?` /
    `A scoping review …`: a title's first line, cut); else the first."""
    kept: dict[int, int] = {}
    for index in sorted(rests):
        if index - 1 not in kept:
            kept[index] = rests[index]
        elif _STRONG_END.search(texts[index - 2]) and _capitalised_text(texts[index - 1]):
            del kept[index - 1]
            kept[index] = rests[index]
    return kept


def _bytes(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _cut(text: str, word: str, widest: tuple[int, int]) -> bool:
    """Whether a wrapper whose longest line is ``widest`` (characters, bytes) cut the line
    ``text`` before ``word``: the word would not have fitted after it, or only without the
    space after it (`fold -s` keeps a line's last space within the width)."""
    return len(text) + 1 + len(word) >= widest[0] or _bytes(text) + 1 + _bytes(word) >= widest[1]


def _percentile_90(lengths: Iterable[int]) -> int:
    ordered = sorted(lengths)
    return ordered[(len(ordered) - 1) * 9 // 10]


def _text_lines_ahead(lines: Sequence[Line]) -> list[int]:
    """For each line, how many lines from it on hold text before the next blank line:
    counted once, from the end (asked at every list, it would be quadratic on a hostile
    text of lists without blank lines)."""
    ahead = [0] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        ahead[index] = ahead[index + 1] + 1 if lines[index].text.strip() else 0
    return ahead


class _Rebuilder:
    def __init__(self, lines: Sequence[Line], width: int) -> None:
        self.lines = list(lines)
        self.positions = {line.number: index for index, line in enumerate(self.lines)}
        """Line number → index in ``lines`` (a line replaced there keeps its number)."""
        self.full = width * _FULL
        self.rests, first_width, self.uncut_ends = _rewrapped_rests(self.lines, width)
        """(``uncut_ends``: a line the second wrapping did not cut is full at the first
        width only, as a wrapper leaves a rest after each line it cut.)"""
        self.first_width = first_width
        self.first_full = first_width * _FULL
        self.first_near = (first_width * _NEAR[0], first_width * _NEAR[1])
        self.near = (width * _NEAR[0], width * _NEAR[1])
        self.hyphenation = Hyphenation([line.text.strip() for line in lines])
        self.furniture = _Furniture(lines, self.hyphenation)
        self.paragraphs: list[list[Line]] = []
        self.alone: list[Line] = []
        """Lines that are no part of a paragraph: headers, page numbers, blank lines."""
        self.glyphs: dict[int, Line] = {}
        """Paragraph index → the bullet glyph line that goes with it."""
        self.raised: set[int] = set()
        """Numbers of lines that hold only a superscript (``2``, ``1,2``)."""
        self.width = width
        self.split_after: set[int] = set()
        """Numbers of lines whose next line is the rest of the same line (MuPDF's text)."""

    def continues(self, previous: Line, line: Line, gap: str) -> bool:
        """Whether ``line`` runs on from ``previous`` across ``gap`` ("", "blank", "page")."""
        if gap == "blank":
            return False
        if line.number in self.furniture.contents_lines:
            return False
        before, text = previous.text.strip(), line.text.strip()
        if previous.number in self.split_after or (
            line.number in self.rests and not self.after_caption(before, line)
        ):
            return True  # the rest of the same line (even a heading's word: `integration`)
        if before.rfind("[") > before.rfind("]") and "](" in text.partition("[")[0]:
            # A link's text broken inside its brackets and closed here, short as the line
            # looks where markup before it filled the line as written (pandoc's `<span
            # class="page">3</span>[Key … the` + `big picture](#h0)` in a Contents list).
            return True
        if self.furniture.completes_title(self.paragraphs[-1], text):
            return True
        if self.furniture.is_header_prefix(text):
            return False  # the running header broken after its prefix: its first line
        if self.furniture.is_header_prefix(before):
            return is_running_header(f"{before} {text}", self.furniture.header)
        headings = self.furniture.heading_lines
        if line.number in headings or previous.number in headings:
            # A wrapped heading's lines go together, apart from the text around them.
            return line.number in headings and line.number not in self.furniture.wrapped_headings
        if label_of(text) is not None:
            # A widened label's word (``doi:10.…``, ``Link:``) after a line that left its
            # sentence open on an article or preposition (``… and the protocol at``), a
            # comma or a semicolon (``… to 76.0%;``) is the sentence's next word, in prose;
            # the template's own labels always start a line, as does any label after a
            # label's value.
            return (
                _TEMPLATE_LABEL_START.match(text) is None
                and (
                    _OPEN_WORD_END.search(before[-8:]) is not None or before.endswith(_CLAUSE_ENDS)
                )
                and label_of(self.paragraphs[-1][0].text.strip()) is None
            )
        if is_caption(text):
            return False  # (a caption starts a paragraph, and may wrap like any other)
        if self.furniture.stands_alone(text):
            # A heading's name may end a line that a wrapped title ends with ("… in the
            # age of" / "Covid-19"): after a line left open it is that line's end; so is
            # one a wrapper cut off a full line whose sentence goes on in lower case after
            # it ("… high-quality" / "research" / "is required to …"), as after no heading.
            if gap or _STRONG_END.search(before):
                return False
            return _left_open(before) or (
                self.is_full(previous, text) and _lower_word(self.text_after(line))
            )
        alone = self.furniture.stands_alone(before) and previous.number not in self.rests
        if alone or _ends_with_access_note(before):
            return False
        if is_caption(before):
            # A caption is short and ends where its line does (a title may follow it at
            # once), unless it left its words open: `… 2017/18 to` + `2022/23`.
            return (
                before.endswith(_OPEN_ENDS)
                or _OPEN_WORD_END.search(before[-8:]) is not None
                or text[0].islower()
                or text[0].isdigit()
            )
        opened = label_of(before)
        if opened is not None and not opened[1]:
            # A label alone (a viewer's copy broke the line after it) has its value on the
            # next line; but a sentence there is the abstract after a label left empty.
            return not (_starts_prose(line) and _value_ended(opened[0], before, text))
        if self.opens_next_numbered_item(text):
            return False
        full = self.is_full(previous, text)
        if _BULLET_ITEM.match(text):
            # A glyph starts an item; "-" (or "*", "+") may be a dash the line broke at,
            # but not one that lists a link after a listed link.
            listed_links = (
                bool(_LISTED_LINK.match(text)) and self.in_bullet_item() and "](" in before
            )
            # Nor one that opens the item after an item opened by the same mark: a list.
            next_item = self.paragraphs[-1][0].text.lstrip().startswith(text[:2])
            return full and text[0] in MARKDOWN_BULLETS and not listed_links and not next_item
        if _indent(line) < _indent(previous) and self.in_bullet_item():
            return False  # pdftotext -layout: the text after an indented list item
        label = label_of(self.paragraphs[-1][0].text.strip())
        if label is not None and (
            (_SUBHEADING.match(text) and not _opens_with_place(text))
            or (_starts_prose(line) and _value_ended(label[0], before, text))
        ):
            # "Background: …" after a label, or prose after a value that ended: the
            # abstract (or the next title) begins.
            return False
        if _NOTE_START.match(text) and _STRONG_END.search(before):
            return False  # a note after a sentence: its page's foot, or where a page set it
        if full and not self.stands_apart(before, text):
            return True
        # A line that cannot start a paragraph goes on with the sentence the line before
        # left open (a superscript or a page break can end a physical line early).
        return (
            text[0] in _CONTINUATION_STARTS
            or _RAISED_START.match(text) is not None
            or _left_open(before)
            or before.rfind("(") > before.rfind(")")  # "(η" + "2=.24)": a PDFium copy
            or (text[0].islower() and not _capitalised(line) and not _SENTENCE_END.search(before))
        )

    def text_after(self, line: Line) -> str:
        """The next line of text after ``line``, past a page break ("" at the end)."""
        # (By position, not list.index: a hostile text of many such lines would be quadratic.)
        for following in itertools.islice(self.lines, self.positions[line.number] + 1, None):
            text = following.text.strip()
            if text and not self.furniture.is_furniture(text):
                return text
        return ""

    def is_furniture(self, index: int, text: str, edges: Set[int]) -> bool:
        """A running header, or a page number where one stands: near a page break or
        a header (elsewhere a number alone on a line is a word the line wrapped at)."""
        if is_page_number(text):
            return index in edges
        return self.furniture.is_furniture(text)

    def stands_apart(self, before: str, text: str) -> bool:
        """A few capitalised words with no end after a sentence's end (``… in their
        care.`` + ``Schwartz Rounds``): a heading the Contents does not list, or a
        paragraph's own short last sentence. Set apart, the reader takes it for a heading
        only where a reference follows; elsewhere it joins its paragraph's text as before."""
        return (
            len(text) < self.width * _SHORT_LINE
            and len(text.split()) <= _HEADING_WORDS
            and text[0].isupper()
            and text[-1].isalpha()
            and _STRONG_END.search(before) is not None
        )

    @staticmethod
    def after_caption(before: str, line: Line) -> bool:
        """Whether ``line`` starts as a title does after a caption that left nothing open,
        which ends where its line does: `Figure 1: … 2017/18 to 2022/23` / `Apprenticeship
        funding rules 2024 to 2025` looks a line and its rest."""
        return is_caption(before) and _capitalised(line) and not _left_open(before)

    def surely_rest(self, before: Line, line: Line, last: bool) -> bool:
        """Whether ``line`` is the rest of the line ``before`` that a second wrapping cut,
        as no line of its own can be: the two make a line no wider than most lines were,
        and ``line`` is not a capitalised ``last`` line of its paragraph after a sentence's
        end. (A line of about the width, then a short one, may be lines of their own: `…
        in the community.` / `Case study: Working as a peer supporter`, a paragraph's last
        line and the next title.)"""
        cut_from = self.rests.get(line.number)
        if cut_from is None or cut_from > self.first_width:
            return False
        return not (last and _capitalised(line) and _STRONG_END.search(before.text.rstrip()))

    def is_full(self, previous: Line, text: str) -> bool:
        """Whether ``previous`` ended because the first word of ``text`` did not fit (the
        rest of a line wrapped twice: its whole line, at the first width)."""
        word = len(text.split(maxsplit=1)[0])
        if (cut_from := self.rests.get(previous.number)) is not None:
            return cut_from + 1 + word >= self.first_full
        if self.uncut_ends:
            return len(previous.text.rstrip()) + 1 + word >= self.first_full
        return len(previous.text.rstrip()) + 1 + word >= self.full

    def join(self, parts: Sequence[Line]) -> str:
        return _join(parts, self.hyphenation)

    def opens_next_numbered_item(self, text: str) -> bool:
        """Whether ``text`` opens the item numbered after the one the paragraph opens with
        (a numbered list: ``1. …`` then ``2. …``, Word's ``1.`` and a TAB): an item of its
        own, whether or not the line before filled the width (a list of titles does)."""
        item = _NUMBERED_ITEM.match(text)
        opening = _NUMBERED_ITEM.match(self.paragraphs[-1][0].text.lstrip())
        return item is not None and opening is not None and int(item[1]) == int(opening[1]) + 1

    def in_bullet_item(self) -> bool:
        first = self.paragraphs[-1][0].text.strip() if self.paragraphs else ""
        return _BULLET_ITEM.match(first) is not None or len(self.paragraphs) - 1 in self.glyphs

    def page_edges(self) -> set[int]:
        """Indices of the lines between two pages: from a page break or a running header,
        the blank lines and bare numbers on either side. A bare number there is a page
        number (or a column of them: a Contents list's, set apart); elsewhere it is a
        word the line wrapped at, or a superscript that lost its line."""
        edges = set(self.furniture.contents)
        texts = [line.text.strip() for line in self.lines]

        def between_pages(index: int) -> bool:
            text = texts[index]
            return not text or is_page_number(text) or self.furniture.is_furniture(text)

        for index, line in enumerate(self.lines):
            new_page = index > 0 and line.page != self.lines[index - 1].page
            header = bool(texts[index]) and not is_page_number(texts[index])
            if not (new_page or (header and self.furniture.is_furniture(texts[index]))):
                continue
            edges.add(index)
            before, after = index - 1, index + 1
            while before >= 0 and before not in edges and between_pages(before):
                edges.add(before)
                before -= 1
            while after < len(texts) and between_pages(after):
                edges.add(after)
                after += 1
        return edges

    def unglue_page_numbers(self) -> None:
        """``… a new role. Semi4``: pdftotext glues the page number to a page's last line
        when it ends in a word broken at a hyphen, and drops the hyphen. The number (the
        page's own) goes, and the hyphen is back: the word goes on on the next page.
        PDFium's text does the same (``a mixed\ufffe2``), marking the hyphen, and so does
        Chrome's copy of it, without the mark and without form feeds to give the pages:
        there the number is the page's when the running header follows and the pages
        counted by headers so far make it so."""
        headers = 0  # running headers so far: about the pages before
        for index, line in enumerate(self.lines):
            if is_running_header(line.text, self.furniture.header):
                headers += 1
            cut = self._glued_page_number(index, headers)
            if cut is not None:
                text = line.text[:cut] + "-"
                self.lines[index] = Line(line.number, text, line.page, line.numbers)

    def _glued_page_number(self, index: int, headers: int) -> int | None:
        """Where the page number glued to the line at ``index`` starts, if one is."""
        line = self.lines[index]
        if not line.text[-1:].isdigit():
            return None  # (most lines: no search of the whole line)
        marked = _MARKED_PAGE_NUMBER.search(line.text)
        if marked is not None:
            return marked.start()
        glued = _GLUED_NUMBER.search(line.text)
        if glued is not None and self._page_ends_here(index, glued[1], headers):
            return glued.start(1)
        return None

    def _page_ends_here(self, index: int, number: str, headers: int) -> bool:
        """Whether the line at ``index``, ending in ``number``, ends page ``number``: a
        form feed comes within two lines (the number is the line's page), or else the
        running header does, and that many pages have gone by."""
        line, following = self.lines[index], self.lines[index + 1 : index + 3]
        if line.page is not None:
            return number == str(line.page) and any(other.page != line.page for other in following)
        after = next((other.text for other in following if other.text.strip()), "")
        counted = abs(int(number) - headers) <= 2  # (the title may read like a header)
        return counted and is_running_header(after, self.furniture.header)

    def restore_split_lines(self) -> None:
        """pdftotext without ``-layout`` takes a gap that justification stretched wide
        for a column's edge: it sets the line's right part after the lines below its left
        part, alone between blank lines. Such a part (a line starting in lower case) goes
        back after the nearest short line above, in the sentence (not after its end, nor
        the last before a label), that it fills to about the width (the stretched line has
        fewer characters than a full one: that is why it stretched). Unless the part ends
        a sentence the block above left open: then it goes on with that (MuPDF's copy
        sets a paragraph's last line, at the top of a page, apart so)."""
        lines = self.lines
        for index in range(2, len(lines) - 1):
            part = lines[index].text.strip()
            blanks = not lines[index - 1].text.strip() and not lines[index + 1].text.strip()
            if not (blanks and part[:1].islower()) or self.is_full(lines[index], "."):
                continue
            end = index - 1
            while end > 0 and not lines[end].text.strip():
                end -= 1
            if _SENTENCE_END.search(part) and not _SENTENCE_END.search(lines[end].text.strip()):
                continue  # it ends the sentence the block above left open
            start = end
            while start > 0 and lines[start - 1].text.strip():
                start -= 1
            for left in range(end - 1, start - 1, -1):  # the nearest such line
                text = lines[left].text.strip()
                # (Of a copy wrapped again, the lines as they were before: the first width.)
                near = self.first_near if self.uncut_ends else self.near
                fills = near[0] <= len(text) + 1 + len(part) <= near[1]
                same_page = lines[left].page == lines[index].page
                # A line before a label ends its paragraph: never stretched
                # ("Publication date: 2022" above "Source: …").
                last = label_of(lines[left + 1].text.strip()) is not None
                # (Nor is the rest of a line wrapped twice, which ended where its line did.)
                rest = lines[left].number in self.rests
                if same_page and fills and not (last or rest) and not _SENTENCE_END.search(text):
                    lines.insert(left + 1, lines.pop(index))
                    break

    def restore_swapped_parts(self) -> None:
        """pdfminer.six's text of a justified PDF breaks a line at a wide gap (after a
        sentence's end) and may set its right part first: ``… provide mutually`` /
        ``Increasing numbers are being`` / ``supportive relationships in … services.``.
        The two lines go back in order when the second starts in lower case and ends the
        sentence the line before them left open on a full line, the first starts a
        sentence and leaves it open for the line after them, neither is full, and together
        they make a line of the width."""
        lines = self.lines
        for index in range(1, len(lines) - 2):
            texts = [line.text.strip() for line in lines[index - 1 : index + 3]]
            before, right, left, after = texts
            # (The line after goes on with the right part's open sentence: after the left
            # part's sentence end, no other line starts in lower case.)
            if not (right[:1].isupper() and left[:1].islower() and _lower_word(after)):
                continue
            if label_of(right) is not None or _SENTENCE_END.search(right):
                continue
            if label_of(before) is not None or _SUBHEADING.match(right):
                continue  # (a label's value, an abstract's sub-heading: a paragraph starts)
            if not _SENTENCE_END.search(left) or _SENTENCE_END.search(before):
                continue
            fills = self.near[0] <= len(right) + 1 + len(left) <= self.near[1]
            if self.is_full(lines[index], left) or self.is_full(lines[index + 1], right):
                continue  # a full line is no part of one
            same_page = lines[index - 1].page == lines[index].page == lines[index + 1].page
            if fills and same_page and self.is_full(lines[index - 1], left):
                lines[index], lines[index + 1] = lines[index + 1], lines[index]

    def find_lines_split_at_colons(self) -> None:
        """MuPDF's text (PyMuPDF, ``mutool``) breaks a justified line where a gap is
        wide, as after a colon: ``… Peer Support Workers:`` / ``Systematized Review and``
        / ``International Delphi Consultation``. The line after the colon is the rest of
        the same line when the two make a line of the width that the next line's first word
        would not have fitted (a title's subtitle, a sub-heading's sentence); a colon
        that ends its own short line (``… the links below:``) is no such split."""
        texts = [line.text.strip() for line in self.lines]
        for index in range(len(texts) - 2):
            before, text, after = texts[index : index + 3]
            if not (before.endswith(":") and text[:1].isupper() and after):
                continue
            if label_of(before) is not None or label_of(text) is not None:
                continue
            if label_of(after) is not None or self.furniture.stands_alone(text):
                continue
            joined = Line(self.lines[index].number, f"{before} {text}")
            fits = len(joined.text) <= self.width * _SPLIT_LINE
            same_page = self.lines[index].page == self.lines[index + 1].page
            if fits and same_page and self.is_full(joined, after):
                self.split_after.add(self.lines[index].number)

    def set_apart(self, index: int, both: bool = False) -> bool:
        """Whether a blank line comes right before or after the line at ``index`` (a
        comma in sequence, as MuPDF's text sets ``pp.451-460.`` / ``,`` / ``Australia:``,
        goes on with its lines); ``both``: before and after (a comma and words at a page's
        top, ``, Australia:``, are the rest of the value the page before broke)."""
        blank = [
            not self.lines[near].text.strip()
            for near in (index - 1, index + 1)
            if 0 <= near < len(self.lines)
        ]
        return all(blank) if both else any(blank)

    def run(self) -> list[Line]:
        pending_glyphs: list[Line] = []
        wrapped: int | None = None
        """Of the lines of the items after a list's glyphs, how many are still to come
        that no glyph is left for: an item's rest (None before the items start)."""
        gap = ""
        self.restore_split_lines()
        self.restore_swapped_parts()
        self.unglue_page_numbers()
        self.find_lines_split_at_colons()
        edges = self.page_edges()
        ahead = _text_lines_ahead(self.lines)
        for index, line in enumerate(self.lines):
            text = line.text.strip()
            page_break = bool(self.paragraphs) and line.page != self.paragraphs[-1][-1].page
            if (
                self.paragraphs
                and not gap
                and index not in edges
                and _RAISED_LINE.match(text)
                and not self.is_full(self.paragraphs[-1][-1], text)
                and line.number not in self.rests  # (a number a wrapper cut off: `1,528`)
            ):
                # A superscript that broke the line before early (a wrapped number
                # follows a full line).
                self.raised.add(line.number)
                if _NUMBER_END.search(self.paragraphs[-1][-1].text.rstrip()):
                    # Not after a value's number (``Spring 2022``, ``pp. 1-9``), which
                    # its digits would join: a citation's mark that the copy set apart
                    # (pdfplumber's, above the line citing it). The line is the
                    # paragraph's; its mark goes, as a mark glued to a word does.
                    line = attrs.evolve(line, text="")
                self.paragraphs[-1].append(line)
                continue
            if not text or self.is_furniture(index, text, edges):
                self.alone.append(line)
                if text or page_break:
                    gap = "page"
                elif gap != "page":
                    gap = "blank"
                continue
            if is_stray_piece(text) and self.set_apart(index, both=text[1:].strip(",; ") != ""):
                self.alone.append(line)  # (reported by the blocks stage)
                continue
            if page_break:
                gap = "page"
            if len(text) == 1 and (text in BULLETS or text in WEAK_BULLETS):
                pending_glyphs.append(line)
                gap = "blank"  # the item after a glyph starts a paragraph
                wrapped = None
                continue
            if pending_glyphs and wrapped is None:
                # The glyphs' items start here: lines beyond one an item are items' rests.
                wrapped = ahead[index] - len(pending_glyphs)
                item_rest = False
            else:
                item_rest = bool(pending_glyphs) and wrapped is not None and wrapped > 0
            if (
                self.paragraphs
                and (not pending_glyphs or item_rest)
                and self.continues(self.paragraphs[-1][-1], line, gap)
            ):
                self.paragraphs[-1].append(line)
                if item_rest and wrapped is not None:
                    wrapped -= 1
            else:
                if pending_glyphs:
                    self.glyphs[len(self.paragraphs)] = pending_glyphs.pop(0)
                self.paragraphs.append([line])
            gap = ""
        self.alone.extend(pending_glyphs)
        self.split_titles_from_prose()
        return self.lines_out()

    def split_titles_from_prose(self) -> None:
        """A paragraph right before a reference's opening labels is its title; if the
        abstract before it ended on a full line, the two ran together. Split them after
        the last physical line that ends a sentence."""
        result: list[list[Line]] = []
        glyphs: dict[int, Line] = {}
        for index, paragraph in enumerate(self.paragraphs):
            if index in self.glyphs:
                glyphs[len(result)] = self.glyphs[index]
            cuts = self._doubled_title_cuts(index) if len(paragraph) > 1 else ()
            if not cuts:
                cut = self._title_cut(index) if len(paragraph) > 1 else 0
                cuts = (cut or self._repeated_title_cut(index),)
            starts = [0, *(cut for cut in cuts if cut)]
            for start, end in zip(starts, [*starts[1:], len(paragraph)], strict=True):
                result.append(paragraph[start:end])
        self.paragraphs, self.glyphs = result, glyphs

    def _doubled_title_cuts(self, index: int) -> tuple[int, ...]:
        """Where the export's repeated-title artifact (a plain copy of the title) and the
        title itself start, when both ran into one paragraph right before a reference's
        labels (maybe after the end of an abstract): ``(copy, title)``; () if they did not.
        The title's line may end with its access note, which the copy lacks."""
        if not self._before_labels(index + 1):
            return ()
        paragraph = self.paragraphs[index]
        for title in range(len(paragraph) - 1, 0, -1):
            text = self.join(paragraph[title:])
            if len(text) > _LONGEST_TITLE:
                break
            for copy in range(title - 1, -1, -1):
                key = heading_key(self.join(paragraph[copy:title]))
                if len(key) > len(heading_key(text)):
                    break
                rest = drop_prefix_by_key(text, key)
                if key and rest is not None and is_title_end(rest):
                    return (copy, title)
        return ()

    def _repeated_title_cut(self, index: int) -> int:
        """Where a copy of the next paragraph's title ends this one (the export's
        repeated-title artifact, run into the abstract before it): it goes apart."""
        if index + 1 >= len(self.paragraphs) or not self._before_labels(index + 2):
            return 0
        paragraph, title = self.paragraphs[index], self.join(self.paragraphs[index + 1])
        for cut in range(len(paragraph) - 1, 0, -1):
            tail = self.join(paragraph[cut:])
            if len(tail) > _LONGEST_TITLE:
                break
            # The title's line may go on with its access note, which the copy lacks.
            rest = drop_prefix_by_key(title, heading_key(tail))
            if rest is not None and is_title_end(rest):
                return cut
        return 0

    def _title_cut(self, index: int) -> int:
        """Where the title starts in the paragraph before a reference's labels.

        A list item is no title: the title starts after its last line that ends a
        sentence, or failing that at its last line that starts with a capital. Otherwise
        the title starts after the last line that ends a sentence (in a paragraph of a
        title's length, with a full stop: a title's first line may end with its
        question); failing that, in a paragraph longer than any title, at the last line
        within a title's length that starts with a capital (a title's own lines after the
        first mostly do not: sentence case).
        """
        if not self._before_labels(index + 1):
            return 0
        paragraph = self.paragraphs[index]
        first = paragraph[0].text.strip()
        # (A label after a bullet, `• Author(s): …`, lists a value, no item a title ends.)
        listed = (index in self.glyphs or _BULLET_ITEM.match(first)) and label_of(first) is None
        long = len(self.join(paragraph)) > _LONGEST_TITLE
        # (The title's access note may have run on after it: no title starts there; nor in
        # the rest of a line a second wrapping cut.)
        capitalised = [
            c
            for c in range(len(paragraph) - 1, 0, -1)
            if (_capitalised(paragraph[c]) or _NUMBERED_TITLE.match(paragraph[c].text))
            and not is_access_fragment(self.join(paragraph[c:]))
            and not self.surely_rest(paragraph[c - 1], paragraph[c], c == len(paragraph) - 1)
        ]
        if listed:
            # After the item's last sentence (a full stop before a question mark: a
            # title's first line may end with its question); else at the last capital (an
            # item that is no sentence; a title's own capitals, "… north of" / "England",
            # come later).
            ended = (
                cut
                for ends in (_STRONG_END, _SENTENCE_END)
                for cut in capitalised
                if ends.search(paragraph[cut - 1].text.rstrip())
            )
            return next(ended, capitalised[0] if capitalised else 0)
        if long:
            capitalised = [
                c for c in capitalised if len(self.join(paragraph[c:])) <= _LONGEST_TITLE
            ]
        # A full stop ends a sentence for sure (and a bracket a database's closing note);
        # a question mark may end a title's first line: it counts last, and only in a
        # paragraph longer than a title.
        for ends in (_STRONG_END, _SENTENCE_END) if long else (ENDS_WITH_FULL_STOP, _QUOTED_END):
            for cut in capitalised:
                if ends.search(paragraph[cut - 1].text.rstrip()):
                    return cut
        return capitalised[0] if capitalised and long else 0

    def _before_labels(self, index: int) -> bool:
        """Whether the paragraphs from ``index`` on are access-note pieces, then labels
        in any order (a brief may give the date first), one of which opens a reference's
        metadata."""
        labelled = False
        for paragraph in self.paragraphs[index : index + ACCESS_PIECES + _LABELS_RUN]:
            label = label_of(paragraph[0].text.strip())
            if label is not None:
                if label[0] in OPENING_FIELDS:
                    return True
                labelled = True
            elif labelled or not is_access_fragment(self.join(paragraph)):
                return False
        return False

    def lines_out(self) -> list[Line]:
        out = list(self.alone)
        for index, parts in enumerate(self.paragraphs):
            text = _plain_marks(single_spaced(_join(parts, self.hyphenation, self.raised)))
            numbers = tuple(sorted(number for part in parts for number in part.source_lines))
            glyph = self.glyphs.get(index)
            if glyph is not None:
                # Any glyph, "o" and "–" too, as the list mark all inputs share. (An item
                # with a mark of its own took a glyph whose item came before it: pdfminer
                # sets the first glyph of a list apart from its item, the others not; the
                # glyph's line is still the list's.)
                if not _BULLET_ITEM.match(text):
                    text = f"- {text}"
                numbers = (*glyph.source_lines, *numbers)
            out.append(Line(numbers[0], text, parts[0].page, numbers))
        out.sort(key=lambda line: line.number)
        return out


_EDGE_LINES = 3
"""Lines at each end of a page (besides its header and page number) where a running
footer stands (a PDF's sidebar of three lines, read before the text beside it)."""
_RUNNING_SHARE = 0.5
"""A running line stands on at least this share of the pages (and on three)..."""
_AT_EDGES = 0.9
"""... and nearly only at their ends."""
_DIGITS = str.maketrans("", "", "0123456789")
_LONGEST_RUNNING = 200


def _running_key(text: str) -> str:
    """A running line's key, whatever page number it holds."""
    return heading_key(text).translate(_DIGITS) if len(text) <= _LONGEST_RUNNING else ""


def _is_reference_text(text: str) -> bool:
    """A label or an access note: what a brief repeats anywhere, also at a page's end."""
    return label_of(text) is not None or is_access_fragment(text)


def _edges(texts: Sequence[str]) -> set[tuple[int, str]]:
    """A page's lines at its ends, each with its place: 0, 1, … from the top, -1, -2, …
    from the bottom."""
    count = len(texts)
    tops = {(index, texts[index]) for index in range(min(_EDGE_LINES, count))}
    return tops | {
        (index - count, texts[index]) for index in range(max(0, count - _EDGE_LINES), count)
    }


def running_line_keys(lines: Sequence[Line], header: str) -> frozenset[str]:
    """Keys (:func:`is_running_line`) of the lines the pages repeat at their top or bottom
    besides the running header (``header``: its key) and page numbers: a running footer
    such as the publisher's name, which a PDF's text extraction puts among the text. Only
    for text with pages (a PDF's, ``pdftotext``'s form feeds)."""
    pages: dict[int, list[str]] = {}
    for line in lines:
        text = line.text.strip()
        if line.page is None or not text or is_page_number(text):
            continue
        if not is_running_header(text, header):
            pages.setdefault(line.page, []).append(text)
    least = max(3, _RUNNING_SHARE * len(pages))
    if len(pages) < least:
        return frozenset()
    # A running line keeps its place on the pages: the same line from their top (a
    # header) or from their bottom (a footer). A line of the text that page breaks leave
    # at the ends of pages stands at one place on one page and another on the next (a
    # title's second line that many titles share, at the bottom of a page and the top
    # of the next; a sentence that many abstracts share).
    placed: Counter[tuple[str, int]] = Counter()
    for texts in pages.values():
        placed.update(
            {
                (_running_key(text), slot)
                for slot, text in _edges(texts)
                if not _is_reference_text(text)
            }
        )
    at_edges: Counter[str] = Counter()
    for (key, _slot), count in placed.items():
        at_edges[key] = max(at_edges[key], count)
    candidates = {key for key, count in at_edges.items() if key and count >= least}
    if not candidates:
        return frozenset()
    anywhere = Counter(
        key
        for texts in pages.values()
        for text in texts
        if (key := _running_key(text)) in candidates
    )
    return frozenset(key for key in candidates if at_edges[key] >= _AT_EDGES * anywhere[key])


def is_running_line(text: str, keys: frozenset[str]) -> bool:
    """Whether ``text`` is one of the running lines whose keys are ``keys``."""
    return bool(keys) and _running_key(text) in keys


def rebuild_paragraphs(lines: Sequence[Line]) -> list[Line]:
    """One line per paragraph from text wrapped at a width; other text unchanged, and
    lines that are paragraphs already (a PDF's layout joined the physical lines of
    some: see :attr:`Line.numbers`), whose lengths may happen to look wrapped."""
    if any(len(line.numbers) > 1 for line in lines):
        return list(lines)
    width = _width(lines)
    if width is None:
        # A word processor's plain text (one paragraph a line) lost its superscripts too.
        return _mend_marked_hyphens([_plain_marked(line) for line in lines])
    lines = _raised_into_their_lines(lines)
    return _mend_marked_hyphens(_Rebuilder([_spaced_once(line) for line in lines], width).run())


def _raised_into_their_lines(lines: Sequence[Line]) -> list[Line]:
    """A copy that sets words by column (``pdftotext -fixed``) sets a superscript on a line
    of its own above its line, at its column: it goes after the word of the line below
    that ends before that column (``Adj R`` + ``2`` → ``Adj R2``, read as R²), and the two
    lines are one."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        if out and out[-1].numbers and out[-1].numbers[-1] == line.number:
            continue  # (taken into the line before)
        if not line.text.startswith(" "):
            out.append(line)  # (most lines: no mark set by column)
            continue
        below = lines[index + 1] if index + 1 < len(lines) else None
        same_page = below is not None and below.page == line.page
        spliced = _spliced_mark(line.text, below.text) if below and same_page else None
        if below is None or spliced is None:
            out.append(line)
        else:
            out.append(attrs.evolve(below, text=spliced, numbers=(line.number, below.number)))
    return out


def _spliced_mark(raised: str, below: str) -> str | None:
    """``below`` with the mark ``raised`` holds after the word that ends before its
    column; None if ``raised`` is no such mark (a number at the margin is a word the line
    wrapped at, or a page number)."""
    mark = raised.strip()
    column = len(raised) - len(raised.lstrip(" "))
    if not mark or not _RAISED_LINE.match(mark) or column <= _indent_of(below):
        return None
    if len(below.rstrip()) <= column + len(mark):
        return None  # (over no text: a page number above the next page's header)
    word_end = len(below[:column].rstrip(" "))
    if not below[word_end - 1 : word_end].strip() or below[column : column + len(mark)].strip():
        return None  # (no word before the column, or the mark would cover one)
    return below[:word_end] + mark + below[word_end:]


def _indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _spaced_once(line: Line) -> Line:
    """The line with each run of spaces after its indent as one: every length the
    rebuilder compares is in characters, as the width is (:func:`_length`), however far
    apart a copy set the words (``pdftotext -fixed``, a justified line spaced out)."""
    body = line.text.lstrip(" ")
    if "  " not in body:
        return line
    return attrs.evolve(line, text=line.text[: len(line.text) - len(body)] + single_spaced(body))


def _plain_marked(line: Line) -> Line:
    text = _plain_marks(line.text)
    return line if text == line.text else attrs.evolve(line, text=text)


def _mend_marked_hyphens(lines: list[Line]) -> list[Line]:
    """PDFium's text marks a line-end hyphen it joined the word at
    (:data:`~peerbrief.hyphenation.LINE_END_MARK`): decided as a hyphen at a line end is."""
    if not any(LINE_END_MARK in line.text for line in lines):
        return lines
    hyphenation = Hyphenation([line.text for line in lines])
    return [
        attrs.evolve(line, text=hyphenation.mend_marked(line.text))
        if LINE_END_MARK in line.text
        else line
        for line in lines
    ]


# A reference's title and labelled values run together in one paragraph: a converter
# that joins a block's lines (pymupdf4llm's layout mode: `Title Abstract only* Author(s):
# Otte et al. Source: … Publication date: 2020`) or keeps them apart by `<br>` alone. The
# template's labels (capitalised, followed by a colon) after a title link or a label's
# value start the paragraphs they would have started; an abstract's text is never split.
_MID_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TEMPLATE_LABEL_NAMES = "|".join(
    re.escape(label) for label in sorted(TEMPLATE_LABELS, key=len, reverse=True)
)
_RUN_TOGETHER_LABEL = re.compile(
    r"(?<=\s)(?P<label>" + _TEMPLATE_LABEL_NAMES + r") ?:\s", re.IGNORECASE
)
_TEMPLATE_LABEL_START = re.compile(
    r"^[*_]{0,2}(?:" + _TEMPLATE_LABEL_NAMES + r") ?:", re.IGNORECASE
)
_OPENING_LINK = re.compile(r"^\s*(?:" + LIST_MARK + r")?\[[^\[\]]+\]\((?:[^()\s]|\([^()\s]*\))*\)")


# A converter writes a link wrapped over lines as one link per line, each with the
# target (pymupdf4llm: `[Title's start](URL)` / `[end](URL)`): one link, once joined.
# (A target the export lost, `#`, says nothing of which link a text was.)
# A link's target: no space, brackets only in pairs (`10.1016/s0140-6736(20)30001-x`).
_TARGET = r"(?!#)((?:[^()\s]|\([^()\s]*\))+)"
_SAME_TARGET_LINKS = re.compile(r"\]\(" + _TARGET + r"\)\s+\[([^\[\]]*)\]\(\1\)")


def mend_converted_paragraphs(lines: Sequence[Line]) -> list[Line]:
    """Paragraphs as a PDF-to-markdown converter's may need them mended: links to one
    target side by side made one; a paragraph that holds a title link or a labelled
    value and, after it, more of the template's labels split before each such label (the
    parts keep the paragraph's line numbers); a ``<br>`` inside a paragraph breaks it
    too. Other lines as they are."""
    split: list[Line] = []
    for line in _join_links_to_one_target(lines):
        text = line.text
        if "](" in text:
            text = _SAME_TARGET_LINKS.sub(r" \2](\1)", text)
        broken = _MID_LINE_BREAK.split(text) if "<" in text else [text]
        if len(broken) > 1:
            broken = [part.strip() for part in broken if part.strip()]
        parts = [piece for part in broken for piece in _label_parts(part)]
        if len(parts) == 1:
            split.append(line if text == line.text else attrs.evolve(line, text=text))
        else:
            split.extend(attrs.evolve(line, text=part) for part in parts)
    return split


_LINK_AT_END = re.compile(r"\]\(" + _TARGET + r"\)$")
_MOST_LINK_PIECES = 8
_LINK_AT_START = re.compile(r"^\s*\[[^\[\]]*\]\(" + _TARGET + r"\)")


def _join_links_to_one_target(lines: Sequence[Line]) -> list[Line]:
    """A paragraph ending in a link and the next paragraph opening with a link to the same
    target, maybe past a page break's furniture, made one (the furniture kept after it):
    one link that a converter wrote one line at a time, and that stood apart as two. At
    most :data:`_MOST_LINK_PIECES` pieces make one link (a title's lines), so that the
    work stays linear whatever the input."""
    header: str | None = None  # (found only where a link is open: most texts have none)
    out: list[Line] = []
    held: list[Line] = []  # furniture after an open link, kept to follow it
    open_target: str | None = None  # the target the last paragraph's link ends with
    pieces = 0
    for line in lines:
        if open_target is not None:
            if header is None:
                header = running_header_key([line.text for line in lines])
            if _is_page_furniture(line.text, header):
                held.append(line)
                continue
        opening = _LINK_AT_START.match(line.text) if open_target is not None else None
        if (
            opening is not None
            and opening[1] == open_target
            and pieces < _MOST_LINK_PIECES
            and not _repeats_opening(out[-1].text, opening[0])
        ):
            first = out[-1]
            out[-1] = Line(
                first.number,
                f"{first.text.rstrip()} {line.text.strip()}",
                first.page,
                (*first.source_lines, *line.source_lines),
            )
            pieces += 1  # (the furniture passed stays held, to follow the joined line)
        else:
            out.extend(held)
            held = []
            out.append(line)
            pieces = 1
        text = line.text.rstrip()
        end = _LINK_AT_END.search(text) if text.endswith(")") else None
        open_target = end[1] if end else None
    out.extend(held)
    return out


_SERIES_OPENING_WORDS = 3


def _link_words(link: str) -> list[str]:
    return link.strip().lstrip("[").partition("](")[0].casefold().split()


def _repeats_opening(before: str, opening: str) -> bool:
    """Whether a link that opens a paragraph opens with the first words of the link the
    paragraph before ends with (``[… framework – Part 1 …](t)`` + ``[… framework – Part 2
    …](t)``): two parts of a series that one page holds, each a title, not one title
    written a line at a time (its next line never starts over)."""
    start = before.rfind("[", 0, before.rfind("]("))
    first, next_ = _link_words(before[start:]), _link_words(opening)
    count = _SERIES_OPENING_WORDS
    return len(first) >= count and first[:count] == next_[:count]


def _is_page_furniture(text: str, header: str) -> bool:
    stripped = text.strip()
    return not stripped or is_page_number(stripped) or is_running_header(stripped, header)


def _label_parts(text: str) -> list[str]:
    """``text`` split before each template label it runs on to (see above)."""
    if ":" not in text:
        return [text]  # (cheap refusal, for most paragraphs: every label has its colon)
    link = _OPENING_LINK.match(text)
    label = label_of(text)
    if link is None and label is not None and label[0] == "abstract":
        return [text]
    if link is None and label is None and text.count(":") < 2:
        return [text]  # (prose splits before two labels at least, each with its colon)
    # (After the link, or the label: its value is the rest of the line.)
    search_from = link.end() if link else len(text.rstrip()) - len(label[1]) if label else 0
    cuts = []
    # (A colon after the value's start is a cheap refusal: most values hold none.)
    labels = _RUN_TOGETHER_LABEL.finditer(text, search_from) if ":" in text[search_from:] else ()
    for found in labels:
        if found["label"][0].isupper():
            cuts.append(found.start())
            if found["label"].lower() == "abstract":
                break  # the abstract's text is its own, labels and all
    if link is None and label is None and not _opens_metadata(text, cuts):
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].rstrip() for a, b in itertools.pairwise(bounds)]


def _opens_metadata(text: str, cuts: Sequence[int]) -> bool:
    """Whether an unlinked line's labels are a reference's metadata run on after its
    title: two or more, the first of them one that opens a reference's metadata (an
    abstract's prose may hold one such word and a colon, not a run of them)."""
    first = label_of(text[cuts[0] :]) if cuts else None
    return len(cuts) >= 2 and first is not None and first[0] in OPENING_FIELDS
