"""Stage 1: input text → lines with provenance, and what one line can say on its own.

Every later stage works on :class:`Line` objects, whatever the input was. A line is
one paragraph of the brief in the markdown dialect of the text export: a linked
title reads ``[Title](URL)`` (``#`` when the export lost the target). The PDF reader
(:mod:`peerbrief.pdf`) produces the same kind of lines, with page numbers; plain text
wrapped at a width (``pdftotext``, a copy from a PDF viewer) is made into such lines by
:mod:`peerbrief.paragraphs`.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import attrs
from attrs import field, frozen

from .model import Reason
from .vocabulary import (
    BRIEF_TITLE_PREFIX,
    CAPTION_WORDS,
    CITATION_INTRO,
    CLOSING_SECTION,
    DASHES,
    LABELS,
    NAVIGATION_LINES,
    TOP_LEVEL_SECTIONS,
    TOP_LEVEL_SPELLINGS,
)

__all__ = [
    "ENDS_WITH_FULL_STOP",
    "OLDER_TEMPLATE_KEYS",
    "TEMPLATE_KEYS",
    "Line",
    "cased_as",
    "clean_line",
    "contents_entry",
    "count_lines",
    "has_lost_byte",
    "heading_key",
    "introduces_citation",
    "is_brief_title",
    "is_contents_title",
    "is_page_number",
    "is_running_header",
    "normalise",
    "read_contents",
    "repair_mojibake",
    "running_header_key",
    "set_signature_aside",
    "single_spaced",
    "split_lines",
    "unquoted",
]

ENDS_WITH_FULL_STOP = re.compile(r"(?:[^.\s]{3}|\b[A-Z]{2}|\))[.][\"'’”)\]]?$")
"""A line that ends a sentence with a full stop: not an initial's, nor an ellipsis, nor a
short abbreviation's (``et al.``, ``pp.``); after an acronym of two capitals (``… in the
UK.``), or a closing bracket, whatever it closed (``… (95% CI 1.4–3.0).``)."""

# Characters that are a space, or break a line where a space would do (vertical tab,
# form feed, NEL, the Unicode line and paragraph separators): made plain spaces, which
# loses nothing. TAB stays (the Contents uses it); CR and LF have split the lines already.
_SPACE_CODES = (0x0B, 0x0C, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029)
_SPACES = str.maketrans(dict.fromkeys((*_SPACE_CODES, 0x202F, 0x205F, 0x3000), " "))
_LINE_BREAKS = str.maketrans(dict.fromkeys((0x0A, 0x0D), " "))


def _windows_1252(code: int) -> str:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


_WINDOWS_1252_C1 = {
    code: char for code in range(0x80, 0xA0) if code != 0x85 and (char := _windows_1252(code))
}
"""C1 control characters (U+0080–U+009F) read as Windows-1252's characters: U+0096 is an
en dash, U+0092 a right quote. Controls have no use in text: where one stands, a byte of
Windows-1252 was read as Latin-1 by a program the text passed through. NEL (U+0085)
stays a line break, and the five codes Windows-1252 leaves undefined stay controls."""
_SPACES_AND_C1 = {**_SPACES, **_WINDOWS_1252_C1}

# UTF-8 read as Windows-1252 and saved again (a program, an email or a web form that took
# the bytes for the other encoding): each byte of a character's UTF-8 became a character
# of its own, `’` (E2 80 99) `â€™`, `é` (C3 A9) `Ã©`. A byte Windows-1252 leaves undefined
# became the C1 control of its value (as Windows reads it), and a copy read as Latin-1
# holds C1 controls for all of 80-9F: both stand for that byte.
_BYTE_OF = {chr(code): code for code in range(0x80, 0x100)}
_BYTE_OF.update({char: code for code, char in _WINDOWS_1252_C1.items()})
_BYTE_OF[_windows_1252(0x85)] = 0x85  # the ellipsis (NEL stays a line break above)


def _characters(first: int, last: int) -> str:
    """A character class of the characters that stand for the bytes first to last."""
    return "[" + re.escape("".join(c for c, b in _BYTE_OF.items() if first <= b <= last)) + "]"


_CONTINUATION = _characters(0x80, 0xBF)
_MOJIBAKE = re.compile(
    f"{_characters(0xC2, 0xDF)}{_CONTINUATION}"
    f"|{_characters(0xE0, 0xEF)}{_CONTINUATION}{{2}}"
    f"|{_characters(0xF0, 0xF4)}{_CONTINUATION}{{3}}"
)
"""A character's UTF-8 read as Windows-1252: its lead byte's character, then those of its
continuation bytes (a fixed length each: linear on any text)."""
_SURE_MOJIBAKE = re.compile(f"â[€\x80]{_CONTINUATION}|[ÂÃ]{_CONTINUATION}")
"""What no text writes but UTF-8 read as Windows-1252 (or Latin-1) does: `â€` then a
symbol (U+2000 to U+203F: the curly quotes and dashes every brief has), `Â` or `Ã` then
a symbol (U+0080 to U+00FF: `Ã©` é, `Â£` £). Only a text holding one was read so."""
_LOST_BYTE = "â€"
"""What is left of a curly quote or dash whose last byte was lost (undefined in
Windows-1252, dropped or replaced by `?` or U+FFFD), once the rest is repaired: `”`,
U+2001, U+200D, U+200F and U+2010 all leave `â€`. Not repaired: reported."""


def _as_utf8(wrong: str) -> str:
    """The character whose UTF-8 ``wrong`` is, read as Windows-1252; itself if none is (an
    overlong form, a surrogate's)."""
    try:
        return bytes(_BYTE_OF[char] for char in wrong).decode("utf-8")
    except UnicodeDecodeError:
        return wrong


def _shown(text: str) -> str:
    return "".join(char if char.isprintable() else f"<U+{ord(char):04X}>" for char in text)


def repair_mojibake(raw_lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """The lines with each character's UTF-8 read as Windows-1252 (:data:`_MOJIBAKE`) made
    that character again where the text holds what only such a reading writes
    (:data:`_SURE_MOJIBAKE`); and what was repaired in each line (``â€™ → ’ ×2``, ""
    where nothing was). Other text is returned as it is."""
    if not any(_SURE_MOJIBAKE.search(raw) for raw in raw_lines if not raw.isascii()):
        return list(raw_lines), [""] * len(raw_lines)
    repaired: list[str] = []
    notes: list[str] = []
    for raw in raw_lines:
        found = Counter(match[0] for match in _MOJIBAKE.finditer(raw))
        right = {wrong: _as_utf8(wrong) for wrong in found}
        repaired.append(_MOJIBAKE.sub(lambda match: _as_utf8(match[0]), raw) if found else raw)
        notes.append(
            ", ".join(
                f"{_shown(wrong)} → {_shown(char)}"
                + (f" ×{found[wrong]}" if found[wrong] > 1 else "")
                for wrong, char in right.items()
                if char != wrong
            )
        )
    return repaired, notes


def has_lost_byte(text: str) -> bool:
    """Whether ``text`` holds the rest of a character read as Windows-1252 whose last byte
    was lost (:data:`_LOST_BYTE`), which no repair can tell."""
    return _LOST_BYTE in text


# Ligatures as one character (ﬁ, ﬀ…): a PDF's text layer has them where the font has no
# better mapping, and copies of it keep them. Spelt out, which loses nothing: a search,
# a sort or a duplicate check wants "staffing", not "staﬀing".
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Fullwidth forms of ASCII (U+FF01-U+FF5E: `２０２１`, `Ｓｏｕｒｃｅ：`), which an East Asian
# input method or font writes and a copy keeps: the characters they are wide forms of
# (their compatibility decomposition), or a year, a volume, a label are not read.
_FULLWIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
# A non-breaking hyphen (U+2011, Word's Ctrl+Shift+-) only forbids a line break there;
# LibreOffice's plain text keeps it, and titles and abstracts then held a character no
# search for "self-management" finds. It is the hyphen-minus the author typed.
_LOOK_ALIKES = {**_LIGATURES, "\u2011": "-", **_FULLWIDTH}
_SPELT_OUT = str.maketrans(_LOOK_ALIKES)
_LOOK_ALIKE = re.compile("[" + re.escape("".join(_LOOK_ALIKES)) + "]")
# A soft hyphen (U+00AD) only says where a word may break: between letters. One standing
# as a word of its own (`Key publications \xad the big picture`) or between two numbers
# (`0\xad1 year`) is an en dash that xpdf's and poppler's Latin1 text wrote as byte 0xAD
# (`pdftotext -enc Latin1`, xpdf's default encoding): read as Latin-1 or Windows-1252,
# the dash vanished with the invisible character (titles, headings and ranges lost it).
_SOFT_HYPHEN_AS_DASH = re.compile(r"(?:(?<=\s)|^)\xad(?=\s|$)|(?<=\d)\xad(?=\d)")

# Unicode general category → what replaces such a character in clean_line: controls and
# format characters go; a lone surrogate (from a str built in code, or a file that
# encoded one) becomes U+FFFD, which says a character was there and can be encoded.
_REMOVED_CATEGORIES: dict[str, str | None] = {"Cc": None, "Cf": None, "Cs": "\ufffd"}


@frozen
class Line:
    """One line (paragraph) of the input. ``number`` is 1-based; ``page`` is a PDF page."""

    number: int
    text: str
    page: int | None = None
    numbers: tuple[int, ...] = field(default=())
    """Every physical line this paragraph was joined from (PDF); empty means just ``number``."""
    set_aside: Reason | None = None
    """Why the input stage set this text aside (a PDF's text set at an angle): the reader
    reports it, and reads on without it."""
    repaired: str = ""
    """What the input stage repaired in this line's text (:func:`repair_mojibake`), for
    the reader to report: ``â€™ → ’ ×2``."""

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def source_lines(self) -> tuple[int, ...]:
        return self.numbers or (self.number,)


def normalise(text: str) -> str:
    """Make look-alike spaces and hyphens plain, spell ligatures out, fullwidth forms as
    ASCII, read C1 controls as Windows-1252 (:data:`_WINDOWS_1252_C1`) and drop trailing
    spaces; keep TAB (the Contents uses it). Other control and invisible format
    characters are left for :func:`clean_line`, which removes them and says what it
    removed."""
    if not text.isascii() and _LOOK_ALIKE.search(text):
        text = text.translate(_SPELT_OUT)
    if "\xad" in text:
        text = _SOFT_HYPHEN_AS_DASH.sub("–", text)
    if text.isprintable():
        return text.rstrip()  # every character _SPACES_AND_C1 replaces is non-printable
    return text.translate(_SPACES_AND_C1).rstrip()


_SPACE_RUN = re.compile(r" {2,}")


def single_spaced(text: str) -> str:
    """Each run of spaces as one, TABs kept (the Contents uses them): a paragraph's text,
    whatever spacing its lines had (a PDF's justified lines, pdfminer's spaced-out ones)."""
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def clean_line(line: Line) -> tuple[Line, dict[str, int]]:
    """The line without control characters (TAB kept) and invisible format characters
    (bidirectional controls, zero-width characters, soft hyphens…), with each lone
    surrogate replaced by U+FFFD; and what was removed or replaced, counted by character.

    Bidirectional controls can make a line display in another order than it reads
    ("Trojan Source"); the others have no bibliographic value and break pdflatex and
    line-based formats. Private-use and unassigned characters are kept: some fonts map
    real glyphs there.
    """
    text = line.text
    if text.isprintable():
        return line, {}
    table: dict[int, str | None] = {}
    removed: dict[str, int] = {}
    # The distinct characters of a line are few, even when the line is long.
    for char in set(text):
        if char.isprintable() or char == "\t":
            continue
        code = ord(char)
        if code in _SPACES or code in _LINE_BREAKS:
            table[code] = " "
            continue
        category = unicodedata.category(char)
        if category in _REMOVED_CATEGORIES:
            table[code] = _REMOVED_CATEGORIES[category]
            removed[char] = text.count(char)
    if not table:
        return line, {}
    return attrs.evolve(line, text=text.translate(table).rstrip()), removed


def count_lines(text: str) -> int:
    """How many lines :func:`split_lines` would make of ``text``, without making them
    (a line costs far more memory than its characters: a limit is checked first)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + text.count("\u2029") + 1


def split_lines(text: str) -> list[Line]:
    """Split decoded text on any newline convention (CRLF, CR, LF, U+2029) into numbered
    lines, UTF-8 read as Windows-1252 repaired (:func:`repair_mojibake`).

    A form feed (``pdftotext`` starts each page with one) starts a new page: the lines of
    such text carry their page number, as a PDF's do.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2029" in text:
        # The paragraph separator ends a paragraph, as Unicode defines it (a text a Mac
        # application or a web page's script copied). Unlike the line separator, which a
        # word processor writes for a line break inside a paragraph: a space.
        text = text.replace("\u2029", "\n")
    raw_lines, repairs = repair_mojibake(text.split("\n"))
    paged = "\f" in text
    lines = []
    page = 1
    for number, (raw, repaired) in enumerate(zip(raw_lines, repairs, strict=True), start=1):
        page += raw.count("\f")
        lines.append(Line(number, _text_line(raw), page if paged else None, repaired=repaired))
    return _read_tables_of_works(raw_lines, lines) if "|" in text else lines


# An email's quotation marks: `> `, nested as `>> ` or `> > ` (a reply to a reply).
_QUOTE_MARKS = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?")
_QUOTED_SHARE = 0.9
"""A text is a quoted email when this share of its non-blank lines is quoted: the rest
are what the sender wrote around the quotation (``On 3 May, Anne wrote:``)."""


def unquoted(lines: Sequence[Line]) -> Sequence[Line]:
    """The lines without an email's quotation marks where the text is a quoted email:
    the brief was pasted into a message and quoted in a reply. (The series' text has no
    block quotes: where nearly every line starts with ``>``, the marks are the mail's,
    and every line read with them was prose.) Other text is returned as it is."""
    texts = [line.text for line in lines if line.text.strip()]
    marked = [_QUOTE_MARKS.match(text) is not None for text in texts]
    # A reply that re-wrapped the quotation narrower set each quoted line's rest on a line
    # of its own, without the marks (``> … to`` / ``meet increasing needs.``): quoted too.
    quoted = sum(1 for index, mark in enumerate(marked) if mark or (index and marked[index - 1]))
    if not texts or quoted < _QUOTED_SHARE * len(texts):
        return lines
    return [
        attrs.evolve(line, text=_QUOTE_MARKS.sub("", line.text, count=1))
        if _QUOTE_MARKS.match(line.text)
        else line
        for line in lines
    ]


_SIGNATURE_SEPARATOR = "--"
"""The line that opens an email's signature, ``-- `` (RFC 3676, 4.3), its space gone."""
_SIGNATURE_LINES = 10
"""The most lines with words after a signature's separator: a signature is a few lines
(RFC 3676 asks for four at most; a sender's name, role, organisation and numbers)."""


def set_signature_aside(lines: Sequence[Line]) -> Sequence[Line]:
    """The lines with an email's signature at the text's end set aside: the separator and
    the few lines after it (:data:`_SIGNATURE_LINES`), the sender's name and role, which
    would otherwise run on into the last abstract of a copy pasted into a message. (The
    series' text never has a line of two hyphens alone.) Other text is returned as it is."""
    words = 0
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text.strip()
        if text == _SIGNATURE_SEPARATOR:
            return [
                *lines[:index],
                *(
                    line if line.is_blank else attrs.evolve(line, set_aside=Reason.SIGNATURE)
                    for line in lines[index:]
                ),
            ]
        words += bool(text)
        if words > _SIGNATURE_LINES:
            break
    return lines


# A markdown writer (pandoc's) escapes punctuation the series' export writes bare: the
# access note's footnote mark (`Abstract only\*`), a Contents line's leaders (`Case
# Studies\.....`); and it ends a line broken inside a paragraph with a backslash or
# `<br>`, which the export never does. Such lines are read as the export would have
# written them: a superscript's caret too (`\^{1,2}`: pandoc's markdown knows only
# `^1,2^`). The escapes of characters that are markup to the reader (brackets, emphasis
# marks, `$`, `<`) stay for :func:`~peerbrief.fields.strip_markup`.
_MARKDOWN_ESCAPE = re.compile(r"\\([*.\-!:;,'\"?/@%&+=|~^])")
_MARKDOWN_LINE_BREAK = re.compile(r"(?:(?<!\\)\\|<br\s*/?>)$", re.IGNORECASE)


# A markdown writer's heading (ATX): `# Name`, `## Name ##`, with pandoc's attributes
# (`# **Name** {#id}`). The text export writes a heading as a line of its own, so the
# marks go and the name stays.
_ATX_OPENING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?=\S)")
_ATTRIBUTES = re.compile(r"\{[#.][^{}]*\}[ \t]*$")


# A PDF-to-markdown converter's inline HTML: a link it kept as an HTML anchor, and the
# underline it gives a link's text (pymupdf4llm: `<u>[Title](URL)</u>`, or `<u>Title</u>`
# where it lost the target). A title opening a paragraph underlined is a link that lost
# its target, which the export writes `[Title](#)`; other underlines, spans and marks are
# styles and go, bold and italics become markdown's (a label in bold is still a label).
_ANCHOR = re.compile(r"""<a\s[^<>]*?\bhref\s*=\s*["']([^"'<>\s]+)["'][^<>]*>([^<>]*)</a>""", re.I)
_UNDERLINED_OPENING = re.compile(r"^(\s*)<(u|ins)>((?:(?!</?\2>)[^\[\]])+)</\2>", re.IGNORECASE)
_STYLE_TAG = re.compile(r"</?(?:u|ins|span|mark|font)(?:\s[^<>]*)?>", re.IGNORECASE)
_BOLD_TAG = re.compile(r"</?(?:b|strong)>", re.IGNORECASE)
_ITALIC_TAG = re.compile(r"</?(?:i|em)>", re.IGNORECASE)


def _underlined_title(match: re.Match[str]) -> str:
    """An underlined opening as a link, but a Contents entry (an internal link) as text."""
    lead, words = match[1], match[3]
    return lead + words if contents_entry(words) else f"{lead}[{words}](#)"


def _markdown_html(text: str) -> str:
    """A line's inline HTML as the export's markdown (:data:`_ANCHOR`)."""
    text = _ANCHOR.sub(r"[\2](\1)", text)
    text = _UNDERLINED_OPENING.sub(_underlined_title, text)
    text = _STYLE_TAG.sub("", text)
    return _ITALIC_TAG.sub("*", _BOLD_TAG.sub("**", text))


# A markdown table's row (`| Source: | NHS England |`): a converter that took a PDF's
# lines for a table's (markitdown's of justified text, pymupdf4llm's of the Contents)
# writes each line so. Its cells, in order, are the line's text; a rule row is none.
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_RULE_CHARACTERS = frozenset(" \t|:-")


def _is_table_row(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|"


def _is_rule_row(text: str) -> bool:
    """The rule under a table's head row (``|---|:---:|``)."""
    stripped = text.strip()
    return "-" in stripped and set(stripped) <= _RULE_CHARACTERS


def _cells(text: str) -> list[str]:
    stripped = text.strip()
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR.split(stripped[1:-1])]


def _table_row_text(text: str) -> str:
    if _is_rule_row(text):
        return ""  # the rule under a table's head row
    return " ".join(cell for cell in _cells(text) if cell)


def _label_heads(text: str) -> list[str] | None:
    """The heads of a table of works (``| Title | Source | Date |``): its first column the
    works' titles, every other a metadata label (:data:`~peerbrief.vocabulary.LABELS`),
    as written; None for another table's head."""
    heads = [cell.strip("*_: ") for cell in _cells(text)]
    if len(heads) < 2 or not all(head.lower() in LABELS for head in heads[1:]):
        return None
    return heads[1:]


def _work_lines(line: Line, cells: Sequence[str], heads: Sequence[str]) -> list[Line]:
    """A row of a table of works as the series writes a reference: its title link, then
    a paragraph for each value under its column's label. A row that is no such reference
    (no title link first, more or fewer cells than heads) stays one line."""
    if len(cells) != len(heads) + 1 or not cells[0].startswith("["):
        return [line]
    texts = [
        cells[0],
        *(f"{head}: {value}" for head, value in zip(heads, cells[1:], strict=True) if value),
    ]
    blank = attrs.evolve(line, text="")
    return [part for text in texts for part in (attrs.evolve(line, text=_text_line(text)), blank)]


def _read_tables_of_works(raw_lines: Sequence[str], lines: list[Line]) -> list[Line]:
    """The rows of a table of works (a converter's or a web page's, whose head names the
    labels) as the references they are; its head row goes, as its rule does, its words
    given to every row's values. Every paragraph of a row keeps the row's number."""
    read: list[Line] = []
    heads: list[str] | None = None
    for index, (raw, line) in enumerate(zip(raw_lines, lines, strict=True)):
        # (split_lines normalised every line already: only a line with a cell is again)
        text = normalise(raw) if "|" in raw else ""
        if not ("|" in text and _is_table_row(text)):
            heads = None
        elif heads is not None:
            if not _is_rule_row(text):
                read.extend(_work_lines(line, _cells(text), heads))
                continue
        elif index + 1 < len(raw_lines) and _is_rule_row(raw_lines[index + 1]):
            heads = _label_heads(text)
            if heads is not None:
                read.append(attrs.evolve(line, text=""))
                continue
        read.append(line)
    return read


def _text_line(raw: str) -> str:
    text = normalise(raw)
    if "|" in text and _is_table_row(text):
        text = _table_row_text(text)
    if "<" in text:
        text = _markdown_html(text)
    if "\\" in text or "<" in text:
        text = _MARKDOWN_LINE_BREAK.sub("", _MARKDOWN_ESCAPE.sub(r"\1", text)).rstrip()
    if text.lstrip(" ").startswith("#"):
        text = _heading_name(text)
    return text


def _heading_name(text: str) -> str:
    """The name of a markdown heading (``## **Name** ## {#id}`` → ``Name``); any other
    line as it is."""
    opening = _ATX_OPENING.match(text)
    if opening is None:
        return text
    name = _ATTRIBUTES.sub("", text[opening.end() :]).rstrip()
    closed = name.rstrip("#")
    if closed != name and closed[-1:] in (" ", "\t"):
        name = closed.rstrip()
    for bold in ("**", "__"):  # the heading's style, not its name (`## **Wellbeing**`)
        if len(name) > 2 * len(bold) and name.startswith(bold) and name.endswith(bold):
            name = name[len(bold) : -len(bold)]
    return name or text


_NOT_ALNUM = re.compile(r"[\W_]+")
# The ASCII characters _NOT_ALNUM removes: all but letters and digits.
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


@functools.lru_cache(maxsize=8192)
def heading_key(text: str) -> str:
    """A comparison key that ignores case, accents, punctuation, spacing and markup.

    Cached: segmentation compares every line with the headings and its neighbours.
    The key of a text is the keys of its characters, one after the other.
    """
    if text.isascii():
        # Fast path for most lines, long abstract lines too: NFKD leaves ASCII as it is
        # and casefold() is lower() on it, so deleting bytes gives the same key.
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).lower().decode("ascii")
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())


def cased_as(capitals: str, spelling: str) -> str:
    """``capitals``, a line printed in capitals (Word's All caps, a style's
    ``text-transform: uppercase``), with each letter in the case ``spelling`` gives it,
    where the two spell the same letters and digits one for one (each character's
    :func:`heading_key`); its own punctuation and spacing stay. As it is where they do not:
    capitals keep no case of their own, and no other spelling tells it."""
    model = (char for char in spelling if heading_key(char))
    cased = []
    for char in capitals:
        if not heading_key(char):
            cased.append(char)
            continue
        like = next(model, None)
        if like is None or heading_key(like) != heading_key(char):
            return capitals
        cased.append(char.lower() if like.islower() else char)
    return capitals if next(model, None) is not None else "".join(cased)


_TITLE_PREFIX_KEY = heading_key(BRIEF_TITLE_PREFIX)
_NAVIGATION_LINE_KEYS = frozenset(heading_key(line) for line in NAVIGATION_LINES)


def is_title_prefix(text: str) -> bool:
    """``Evidence Brief:`` alone: the start of the brief's title or of its running header,
    where a page set it over two lines."""
    return heading_key(text) == _TITLE_PREFIX_KEY


def is_navigation_line(text: str) -> bool:
    """A link back through the document alone (``Back to contents``, ``↑ Back to top``)."""
    return heading_key(text) in _NAVIGATION_LINE_KEYS


def drop_prefix_by_key(text: str, key: str) -> str | None:
    """``text`` without its shortest prefix whose heading key is ``key``; None if none.

    One pass, character by character, as a key is the keys of its characters.
    """
    if not key:
        return text
    found = 0
    for cut, char in enumerate(text, start=1):
        piece = heading_key(char) if not char.isascii() else char.lower() if char.isalnum() else ""
        if piece:
            if not key.startswith(piece, found):
                return None
            found += len(piece)
            if found == len(key):
                return text[cut:]
    return None


_PAGE_NUMBER = re.compile(r"^(?:page )?\d{1,3}(?: ?(?:of|/) ?\d{1,3})?$", re.IGNORECASE)
_LONGEST_PAGE_NUMBER = 40  # "Page 12 of 52", with room for the spacing of a layout
_PAGE_NUMBER_DASHES = " -–—"


# A caption: its word, a number if any, and a colon before its text (`Figure 1: Starts by
# level`, `Fig. 2: Trends`, `Image: Staff at a hub`). Not a full stop: `Table 1. The…`
# may be a wrapped sentence's next line.
_CAPTION = re.compile(
    r"^(?:" + "|".join(CAPTION_WORDS) + r")\.?(?:\s+\d{1,2}(?:\.\d{1,2})?[a-z]?)?\s*:\s+\S",
    re.IGNORECASE,
)
_LONGEST_CAPTION_WORDS = 40


def is_caption(text: str) -> bool:
    """A caption of a figure, table or image the page shows, as a paragraph of its own:
    no part of the abstract before it, nor of the title after it."""
    return _CAPTION.match(text) is not None and len(text.split()) <= _LONGEST_CAPTION_WORDS


def is_page_number(text: str) -> bool:
    """A page number on a line of its own: ``7``, ``- 7 -``, ``Page 7``, ``7 of 52``,
    ``7/52``."""
    if len(text) > _LONGEST_PAGE_NUMBER:
        return False
    text = " ".join(text.split()).strip(_PAGE_NUMBER_DASHES)
    return _PAGE_NUMBER.match(text) is not None


_STRAY_WORDS = 3
"""The most words after the comma of a stray piece (``, United``: a place's first word)."""


def is_stray_piece(text: str) -> bool:
    """A comma or semicolon alone on a line, or one and a few words after it: a piece of
    another line that a text extraction set apart (pdfminer's of a justified PDF:
    ``pp.e203-e210.`` / ``,`` / ``Netherlands:``, or ``, United`` inside an abstract a
    page later, ``States:`` left after the source). No typesetter breaks a line before a
    comma. It continues nothing, so it is neither joined to its neighbours nor taken for
    one, and it is reported."""
    stripped = text.strip()
    if not stripped or stripped[0] not in ",;":
        return False
    words = stripped[1:].split()
    return not words or (stripped[1] == " " and len(words) <= _STRAY_WORDS)


_CONTENTS_LEADERS = " \t.…"


def _dotted(leaders: str) -> bool:
    """Whether the run between a Contents heading and its page is leader dots (two or more)."""
    return leaders.count(".") + leaders.count("…") >= 2


def contents_entry(text: str) -> tuple[str, str] | None:
    """A Contents line → (heading, page): ``Heading.....\t12``, ``Heading 12``,
    ``Heading ..... 12``; None for other lines.

    Read from the right by hand: the leaders between heading and number may be any run of
    dots, spaces and tabs, and a pattern trying every split of such a run is quadratic.
    """
    text = text.strip()
    head = text.rstrip("0123456789")
    page = text[len(head) :]
    if not 1 <= len(page) <= 3:
        return None
    heading = head.rstrip(_CONTENTS_LEADERS)
    leaders = head[len(heading) :]
    if not heading or not leaders or heading[0].isspace():
        return None
    if _dotted(leaders) or "\t" in leaders or leaders.strip(" ") == "":
        return heading, page
    return None


_CONTENTS_TITLE = re.compile(r"^\W*(?:contents|table of contents)\W*$", re.IGNORECASE)
# A Contents heading without its page number is short; one with its number on the next
# line may be as long as a heading gets.
_LONGEST_BARE_HEADING = 12
_LONGEST_NUMBERED_HEADING = 30


def is_contents_title(text: str) -> bool:
    """``Contents`` or ``Table of contents``, on a line of its own."""
    return len(text) < 40 and _CONTENTS_TITLE.match(text) is not None


def _could_be_bare_entry(text: str, longest: int = _LONGEST_BARE_HEADING) -> bool:
    """A Contents heading whose page number a PDF's text extraction put on the next line
    (or in a column of its own): a short line that is no sentence, label or link."""
    bare = text.rstrip(_CONTENTS_LEADERS)
    return (
        0 < len(bare.split()) <= longest
        and any(char.isalpha() for char in bare)  # (a column of page numbers names none)
        and (bare[-1] not in ".:;,!?" or len(text) - len(bare) >= 2)
        and "](" not in text
        and _no_label(bare)
    )


def _no_label(text: str) -> bool:
    """Whether a line opens with no metadata label (``Date of publication: …``): a
    heading may hold a colon (``Appendix 1: Search strategy``), a label's line is none."""
    head, colon, _ = text[:40].partition(":")
    return not colon or head.strip(" *_").lower() not in LABELS


def _number_cut(texts: Sequence[str], before: int, index: int) -> bool:
    """Whether the leaders line at ``index`` ends inside its page number, which a wrapper
    cut where it cut the line ``before`` (as wide): ``…..2`` / ``9``."""
    text = texts[index].strip()
    digits = len(text) - len(text.rstrip("0123456789"))
    after = texts[index + 1].strip() if index + 1 < len(texts) else ""
    return (
        0 < digits < 3
        and after.isdigit()
        and digits + len(after) <= 3
        and len(text) >= len(texts[before].strip())
    )


def _leads_to_page_number(texts: Sequence[str], index: int) -> bool:
    """Whether the line at ``index`` ends with dot leaders that lead to a page number, on
    it or at the end of more leaders on the lines after it (``Studies.......`` /
    ``.....4``); a Contents whose page numbers stand apart in a column has leaders leading
    nowhere."""
    text = texts[index].strip()
    if not text.rstrip("0123456789").rstrip(" \t").endswith(("..", "…")):
        return False
    while not text[-1:].isdigit():
        index += 1
        text = texts[index].strip() if index < len(texts) else ""
        if not _is_leaders_line(text):
            return False  # (a page number alone may be a column's, set after the headings)
    return True


def _is_leaders_line(text: str) -> bool:
    """Dot leaders alone on a line, maybe before a page number: ``. . . . . 14``, or the
    last dot of leaders a narrower wrapping cut before its page number: ``.37``."""
    head = text.rstrip("0123456789")
    dots = head.count(".") + head.count("…")
    return (
        len(text) - len(head) <= 3
        and not head.strip(_CONTENTS_LEADERS)
        and dots >= (1 if head != text else 2)
    )


def _skip_blank(texts: Sequence[str], index: int, skip: Callable[[str], bool]) -> int:
    """The index of the next line at or after ``index`` that is not blank or skipped (a
    page number is never skipped: it may be an entry's)."""
    while index < len(texts):
        text = texts[index].strip()
        if text and not (skip(text) and not is_page_number(text)):
            break
        index += 1
    return index


def _heading_goes_on(
    texts: Sequence[str], index: int, unled: bool
) -> tuple[str, tuple[str, str] | None] | None:
    """If the line at ``index`` goes on with a heading that wrapped, as a line starting in
    lower case does, or after a heading's line with neither leaders nor a page number
    (``unled``) one that ends with the leaders (``Case`` / ``Studies.....``: a copy
    wrapped narrower than the Contents' lines): (its part of the heading, its entry if it
    holds the page number)."""
    if index >= len(texts):
        return None
    text = texts[index].strip()
    # (Any word: a hyphen's wrap leaves `Covid-` / `19.....`.)
    led = unled and text[:1].isalnum() and _leads_to_page_number(texts, index)
    if not (text[:1].islower() or led):
        return None
    entry = contents_entry(text)
    if entry is None and not (led or _could_be_bare_entry(text)):
        return None
    return (entry[0] if entry else text.rstrip(_CONTENTS_LEADERS)), entry


TEMPLATE_KEYS: Mapping[str, str] = {
    heading_key(name): name.lstrip("*") for name in TOP_LEVEL_SECTIONS
}
"""The heading key of each top-level section of the series template → its name (without
the closing section's footnote mark)."""
OLDER_TEMPLATE_KEYS: Mapping[str, str] = {
    heading_key(old): name.lstrip("*") for old, name in TOP_LEVEL_SPELLINGS.items()
}
"""The heading key of an older edition's name of a top-level section → the template's
name: a section only where a brief's Contents lists it (or it has none), as its words
may end a sentence elsewhere (``… available on HEE Star``)."""


def _template_section_follows(
    texts: Sequence[str], index: int, skip: Callable[[str], bool]
) -> bool:
    """Whether a top-level section of the series template is named further down a column
    of Contents headings that starts at ``index`` (before any line that is no entry)."""
    while index < len(texts):
        text = texts[index].strip()
        if text and not skip(text) and not is_page_number(text):
            entry = contents_entry(text)
            heading = entry[0] if entry else text.rstrip(_CONTENTS_LEADERS)
            if (key := heading_key(heading)) in TEMPLATE_KEYS or key in OLDER_TEMPLATE_KEYS:
                return True
            if entry is None and not _could_be_bare_entry(text):
                return False
        index += 1
    return False


ContentsEntry = tuple[str, tuple[int, ...]]
"""A Contents heading and the indices of the lines it was read from."""


def read_contents(
    texts: Sequence[str], start: int, skip: Callable[[str], bool]
) -> tuple[list[ContentsEntry], int]:
    """The Contents list that starts at ``texts[start]`` (after its title): its entries,
    and the index where it ended. Blank lines and lines ``skip`` accepts (a running
    header) are passed over.

    An entry is one line (heading, leaders, page number), or a heading whose page number
    a PDF's text extraction put on the next line or elsewhere. The list ends at the first
    line that is none of these, or that repeats a heading (the body has begun).
    """
    entries: list[ContentsEntry] = []
    seen: set[str] = set()
    numbers, index = _numbers_column(texts, start, skip)
    while index < len(texts):
        text = texts[index].strip()
        if not text or skip(text):
            index += 1
            continue
        if entries and _ends_page(texts, index, skip) and _complete(entries[-1], texts):
            index += 1  # the page's number at its foot, the running header after it
            continue
        if entries and _is_leaders_line(text):
            # The last heading's leaders, set on a line of their own (PyMuPDF's text of
            # TeX's Contents), and its page number (on that line or the next) are its.
            heading, used_lines = entries[-1]
            used = [*used_lines, index]
            cut = _number_cut(texts, used_lines[-1], index)
            index = _skip_blank(texts, index + 1, skip)
            if (
                (cut or not text[-1].isdigit())
                and index < len(texts)
                and is_page_number(texts[index])
            ):
                used.append(index)
                index += 1
            entries[-1] = (heading, tuple(used))
            continue
        entry = contents_entry(text) or _floated_number_entry(text) or _page_first_entry(text)
        heading = entry[0] if entry is not None else text.rstrip(_CONTENTS_LEADERS)
        following = _skip_blank(texts, index + 1, skip)
        numbered = following < len(texts) and is_page_number(texts[following])
        if entry is None and not numbered and _closed(entries):
            # The template's closing section is the list's last: a short line after it
            # with no page number is the front matter's (``Produced by the HEE
            # Knowledge Management team``), no heading.
            break
        if entry is None and not _could_be_bare_entry(text):
            # A long heading: its page number or its leaders follow it, or a section of
            # the template comes later in the column of headings.
            # (A heading typed with a colon, "Primary care:", is one where these say so.)
            long = _could_be_bare_entry(text.removesuffix(":"), _LONGEST_NUMBERED_HEADING)
            led = following < len(texts) and _is_leaders_line(texts[following].strip())
            if not (
                long and (numbered or led or _template_section_follows(texts, following, skip))
            ):
                break
        used = [index]
        after = following
        unled = entry is None and heading == text
        if entry is None and numbered:
            # The page number a PDF's text extraction put on the next line.
            entry = (heading, texts[after].strip())
            used.append(after)
            after = _skip_blank(texts, after + 1, skip)
        if (wrapped := _heading_goes_on(texts, after, unled and not numbered)) is not None:
            # A long heading wrapped: its next line goes on in lower case (the page
            # number on the first line, on the second, or between them).
            rest, rest_entry = wrapped
            used.append(after)
            # (A wrap at a hyphen keeps it and takes no space: `Covid-` / `19…`.)
            heading = f"{heading}{'' if heading.endswith('-') else ' '}{rest}"
            entry = entry or rest_entry
            after = _skip_blank(texts, after + 1, skip)
            if entry is None and after < len(texts) and is_page_number(texts[after]):
                used.append(after)
                after += 1
        key = heading_key(heading)
        if key in seen:
            break  # the body has begun
        seen.add(key)
        index = after
        entries.append((heading, (*numbers, *used)))
        numbers = ()
    return entries, index


_CLOSING_KEY = heading_key(CLOSING_SECTION)


def _ends_page(texts: Sequence[str], index: int, skip: Callable[[str], bool]) -> bool:
    """Whether the line at ``index`` is a page number before the next page's running
    header (past blank lines)."""
    if not is_page_number(texts[index]):
        return False
    after = index + 1
    while after < len(texts) and not texts[after].strip():
        after += 1
    return after < len(texts) and skip(texts[after].strip()) and not is_page_number(texts[after])


def _complete(entry: ContentsEntry, texts: Sequence[str]) -> bool:
    """Whether the entry's last line ends with its page number: a number after it is
    none of its."""
    return texts[entry[1][-1]].strip()[-1:].isdigit()


def _closed(entries: Sequence[ContentsEntry]) -> bool:
    """Whether the last Contents heading read is the template's closing section."""
    return bool(entries) and heading_key(entries[-1][0]) == _CLOSING_KEY


# A page number floated right of a wrapped heading's first line, which a PDF's paragraph
# joined to the heading's rest and leaders ("… retention of the 16 international
# workforce....."): a number between words, the next in lower case.
_FLOATED_NUMBER = re.compile(r" (\d{1,3}) (?=[^\W\d_])")


# "3[Key publications – the big picture](#h1)": a web page's Contents entry, whose page
# number floats to the right and so is written first (pandoc's gfm of the page; its
# markdown keeps the number's span, "[3]{.page}[…](#h1)"), then the link to its
# heading's anchor.
_PAGE_FIRST_LINK = re.compile(
    r"^(?:\[(?P<spanned>\d{1,3})\]\{[^{}]{0,100}\}|(?P<page>\d{1,3})) ?"
    r"\[(?P<heading>[^\[\]]{1,300})\]\(#[^()\s]{0,100}\)$"
)


# The same entry without its link ("13Carers' leave", "[13]{.page}Carers' leave"): a
# Contents typed by hand whose heading the body spells otherwise leads nowhere. The
# number is glued to the heading's capital, as only the page's floated number is.
_PAGE_FIRST_UNLINKED = re.compile(
    r"^(?:\[(?P<spanned>\d{1,3})\]\{[^{}]{0,100}\}|(?P<page>\d{1,3}))(?=[^\W\d_])"
)


def _page_first_entry(text: str) -> tuple[str, str] | None:
    """A Contents entry written page first, its heading a link to the heading's anchor
    (or no link): (the heading without leaders, the page)."""
    text = text.strip()
    match = _PAGE_FIRST_LINK.match(text) or _PAGE_FIRST_UNLINKED.match(text)
    if match is None:
        return None
    if "heading" in match.groupdict():
        heading = match["heading"].rstrip(_CONTENTS_LEADERS)
    else:
        heading = text[match.end() :]
        if not (heading[0].isupper() and _could_be_bare_entry(heading.removesuffix(":"))):
            return None
    return (heading, match["page"] or match["spanned"]) if heading else None


def _floated_number_entry(text: str) -> tuple[str, str] | None:
    """An entry of a heading long enough to wrap (or ended by leaders) whose page number
    stands inside it, none at its end: (the heading without the number, the number). A
    short heading holding a number of its own (``Top 10 tips``) is never read so, nor is
    one with its page number at its end."""
    stripped = text.strip()
    heading = stripped.rstrip(_CONTENTS_LEADERS)
    if not (_dotted(stripped[len(heading) :]) or len(heading.split()) > _LONGEST_BARE_HEADING):
        return None
    found = list(itertools.islice(_FLOATED_NUMBER.finditer(heading), 2))
    if len(found) != 1 or not heading[found[0].end() :][:1].islower():
        return None
    number = found[0]
    return f"{heading[: number.start()]} {heading[number.end() :]}", number[1]


def _numbers_column(
    texts: Sequence[str], start: int, skip: Callable[[str], bool]
) -> tuple[tuple[int, ...], int]:
    """The column of page numbers that a text extraction set before a Contents list's
    headings (pdfminer's without its layout analysis, pdf.js's of a list whose numbers
    float right: ``Contents`` / ``3`` / ``5`` / … / ``Case Studies.....``): the indices of
    its lines (the first entry's), and where the headings start. Two numbers at least: one
    alone may be a page's number."""
    used: list[int] = []
    index = _skip_blank(texts, start, skip)
    while index < len(texts) and texts[index].strip().isdecimal() and is_page_number(texts[index]):
        used.append(index)
        index = _skip_blank(texts, index + 1, skip)
    if len(used) < 2:
        return (), start
    return tuple(used), index


_LONGEST_HEADER = 200
_HEADER_REACH = 40  # the prefix starts a header, after its page number if any
# A page number at either end of a header's key ("12 Evidence Brief: …", "… Page 3 of 40").
_PAGE_IN_KEY = re.compile(r"^(?:page)?\d{1,4}|(?:page)?\d{1,4}(?:of\d{1,4})?$")
_HEADER_WORDS = BRIEF_TITLE_PREFIX.rstrip(":")
_HEADER_START = heading_key(BRIEF_TITLE_PREFIX)


def _header_key(text: str) -> str:
    """The heading key of a running header, without a page number set on its line."""
    return _PAGE_IN_KEY.sub("", heading_key(text))


def running_header_key(texts: Sequence[str]) -> str:
    """The key of the brief's running page header (for :func:`is_running_header`), "" if
    it has none.

    The header is the brief's title line (``Evidence Brief: <Topic>``) repeated at page
    breaks, maybe with the page number on its line: the line of that shape that repeats
    most. The title on the first page may be set larger and wrap, so it is the header
    only when no such line repeats.
    """
    counts: Counter[str] = Counter()
    first = ""
    for index, indented in enumerate(texts):
        if index and introduces_citation(texts[index - 1]):
            continue  # the brief's citation, which starts as the title does
        text = indented.strip()  # (a copy set by column indents every line)
        if is_title_prefix(text):
            continue  # the header (or the title) broken after its prefix: its first line
        if len(text) <= _LONGEST_HEADER and _HEADER_WORDS in text[:_HEADER_REACH].lower():
            key = _header_key(text)
            if key.startswith(_HEADER_START):
                counts[key] += 1
                first = first or key
    if not counts:
        return ""
    key, count = counts.most_common(1)[0]
    return key if count > 1 else first


# "Evidence Brief: <Topic>", its colon also written as a dash ("Evidence Brief – <Topic>").
_BRIEF_TITLE = re.compile(
    r"\s+".join(map(re.escape, _HEADER_WORDS.split())) + rf"\s*[:{re.escape(DASHES)}]",
    re.IGNORECASE,
)


def introduces_citation(text: str) -> bool:
    """Whether ``text`` is the line before the brief's own citation (``Please acknowledge
    this work … as:``), which starts as the title line does and is no title or header."""
    return CITATION_INTRO in text.lower()


def is_brief_title(text: str) -> bool:
    """Whether ``text`` opens as the brief's title line does: ``Evidence Brief:``, or
    ``Evidence Brief –``, in any case."""
    return _BRIEF_TITLE.match(text.lstrip()) is not None


def is_running_header(text: str, key: str) -> bool:
    """Whether ``text`` is the running header whose key is ``key``."""
    # Cheap refusal first: a key is no longer than its text (most lines are refused here).
    if not key or len(text) < len(key) or len(text) > _LONGEST_HEADER:
        return False
    return _HEADER_WORDS in text[:_HEADER_REACH].lower() and _header_key(text) == key
