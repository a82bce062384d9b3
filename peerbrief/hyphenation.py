"""How a wrapped line's end meets the next line's start: one decision for a PDF's
physical lines (peerbrief.pdf.paragraphs) and for a plain-text copy's (peerbrief.paragraphs).

Hyphens at line ends are kept (``health-`` + ``care`` → ``health-care``, ``2011-`` +
``2014`` → ``2011-2014``): word processors break at existing hyphens far more often than
they hyphenate. The hyphen is dropped after a soft hyphen (U+00AD), after a U+2010
HYPHEN in a document that sets one only at line ends (a CSS typesetter's
``hyphenate-character``: WeasyPrint's hyphenation), or between two
lower-case (or two all-capitals) word parts whose joined form occurs elsewhere in the
document while the hyphenated form does not; a suspended hyphen (``short-`` + ``and
long-term``, ``3-`` + ``to 5-day``) keeps its hyphen and the space; a compound broken at
a later hyphen (``day-to-`` + ``day``) is judged as the whole compound, not by its last parts. A
document that hyphenates words (TeX: most of its line-end hyphens split words it spells
whole elsewhere) also has a word spelled neither way elsewhere mended, unless both parts
are words it prints whole (``low-`` + ``income``), and one spelled both ways mended as it
is spelled more often. A range broken
after its en or em dash (``2015–`` + ``2020``) joins without a space, as does a line
broken before an unspaced em dash (``Services`` + ``—A review``), after a slash that ends
a word (``Winter/`` + ``Spring``) or after a URL's scheme (``https://`` + ``example.org``):
browsers and other CSS typesetters break lines there; so does an address split inside
its scheme (``http`` + ``s://example.org``), as ReportLab splits a word too long for
any line at the margin. Two words that the document writes
elsewhere only with a space after their slash (``report/ journal``) keep it: the line
broke at that space. A web address whose path's slash
ends a line goes on only where the next line does with more of a path (``guide/`` +
``part-2.pdf``): a word of prose there (``…/protocol/`` + ``and the``) follows a whole
address that an email client's wrap left at a line's end, and keeps its space.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, pairwise

from .vocabulary import SUSPENDING_WORDS

__all__ = ["LINE_END_MARK", "Hyphenation"]

_VOCABULARY = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHENS = "-\u2010\u00ad"
_LINE_ENDS = tuple(_HYPHENS)
_COMPOUND = re.compile("[" + _HYPHENS + "]")
_RANGE_DASHES = ("\u2013", "\u2014")  # en and em dash: a line may break after one
# The word before a line-end hyphen, with the parts of its compound ("day-to" of "day-to-").
_LINE_END_HYPHEN = re.compile(r"(?<!\w)((?:\w+[-\u2010])*\w+)[" + _HYPHENS + r"]$")
_LINE_END_FRAGMENT = re.compile(r"(?<!\w)\w+[" + _HYPHENS + r"]$")  # its last part only
_LEADING_WORD = re.compile(r"\w+")
_WORD_BEFORE_SLASH = re.compile(r"(?<!\w)(\w+)/$")
_WORD_SPAN = 64
LINE_END_MARK = "\ufffe"
"""Where PDFium's text (and so a copy from a viewer built on it) joined a word that a
hyphen broke at a line end: ``health\ufffecare``, ``per\ufffeson``."""
_HYPHENATION_EVIDENCE = 3  # line-end hyphens in words spelled whole elsewhere, at least
_TYPESET_HYPHEN = "\u2010"


class Hyphenation:
    """What a document's lines (in reading order) say about its line-end hyphens."""

    def __init__(self, lines: Sequence[str]) -> None:
        marked: list[tuple[str, str]] = []
        if any(LINE_END_MARK in text for text in lines):
            unmarked = [_without_marked_words(text) for text in lines]
            lines = [text for text, _ in unmarked]
            marked = [split for _, splits in unmarked for split in splits]
        # (One search over the whole text: a word never spans a line break.)
        self.words = Counter(_VOCABULARY.findall("\n".join(lines).casefold()))
        self.compounds = set(filter(_COMPOUND.search, self.words))
        self.lines = lines
        self.hyphenates = self._hyphenates_words(chain(_line_end_splits(lines), marked))
        text = "\n".join(lines) + "\n"
        typeset_ends = text.count(_TYPESET_HYPHEN + "\n")
        typeset_only_at_ends = typeset_ends == text.count(_TYPESET_HYPHEN)
        self.marks_hyphenation = text.count("\u00ad\n") >= _HYPHENATION_EVIDENCE or (
            typeset_ends >= _HYPHENATION_EVIDENCE and typeset_only_at_ends
        )
        """Whether the typesetter marks the words it hyphenated at line ends, so that a
        hyphen-minus ending a line is the text's own: several lines end with a soft
        hyphen (Typst's PDFs and LibreOffice's tagged ones say so of every hyphen they
        add), or with a U+2010 HYPHEN that no line holds anywhere else (CSS typesetters,
        WeasyPrint, end such a line with their ``hyphenate-character`` while the text's
        own hyphens stay U+002D)."""
        self.may_mark_hyphenation = typeset_ends > 0 and typeset_only_at_ends
        """Whether U+2010 ends a line or two and stands nowhere else: too few to be sure
        it is a typesetter's mark (a journal's abstract has its own), each is judged as
        in a document that hyphenates."""

    @functools.cached_property
    def parts(self) -> set[str]:
        """The words the document prints whole (only a document that hyphenates asks)."""
        return _whole_words(self.lines)

    @functools.cached_property
    def slash_spellings(self) -> Counter[tuple[str, str, bool]]:
        """How the document writes two words around a slash inside its lines: (the words
        case-folded, whether a space follows the slash) → how often. A brief's authors
        write ``report/ journal`` and ``Winter/Spring`` alike, and a line broken at the
        space of the first looks like the second broken after its slash."""
        pairs = (
            (left.casefold(), right.casefold(), bool(space))
            for text in self.lines
            if "/" in text
            for left, space, right in re.findall(r"(?<!\w)(\w+)/( ?)(\w+)", text)
        )
        return Counter(pairs)

    def _spaced_after_slash(self, tail: str, head: str) -> bool:
        """Whether the words either side of the slash ending ``tail`` stand elsewhere in
        the document with a space after their slash, and never without one."""
        left = _WORD_BEFORE_SLASH.search(tail[-_WORD_SPAN:])  # (not the whole line: slow)
        right = _LEADING_WORD.match(head)
        if left is None or right is None:
            return False
        first, second = left[1].casefold(), right[0].casefold()
        spellings = self.slash_spellings
        return spellings[first, second, True] > 0 and spellings[first, second, False] == 0

    def mend(self, tail: str, head: str) -> tuple[str, str]:
        """How a wrapped line's end ``tail`` meets the next line's start ``head``:
        (the new end, the joiner to put between them)."""
        if tail.endswith("\u00ad") or (
            self.marks_hyphenation and tail.endswith(_TYPESET_HYPHEN) and head[:1].isalpha()
        ):
            return tail[:-1], ""
        if tail.endswith(_RANGE_DASHES) and tail[-2:-1].isalnum():
            return tail, ""  # a range broken after its dash: "(2015–" + "2020)"
        if tail.endswith("/") and head[:1].isalnum() and _slash_joins(tail, head):
            # Broken after a slash: "and/" + "or"; "either /" keeps its space, and so does
            # a pair the document spells only with one ("report/" + "journal").
            return tail, " " if self._spaced_after_slash(tail, head) else ""
        if tail.endswith(".") and _address_goes_on(tail, head):
            return tail, ""  # a web address broken after a dot: "https://doi." + "org/10.…"
        if _scheme_goes_on(tail, head):
            return tail, ""  # a word too long for its line split at the margin: "http" + "s://…"
        if head.startswith("<") and _sici_goes_on(tail, head):
            return tail, ""  # a DOI broken before its SICI's "<": "…27:4" + "<693::AID…>…"
        if head.startswith("\u2014") and head[1:2].isalnum() and tail[-1:].isalnum():
            return tail, ""  # broken before an unspaced em dash: "Services" + "—A review"
        if not tail.endswith(_LINE_ENDS):
            return tail, " "
        if tail.endswith("-") and tail[-2:-1].isalnum() and _suspends(head):
            return tail, " "  # a suspended hyphen: "short-" + "and long-term"
        if self.marks_hyphenation and tail.endswith("-"):
            return tail, ""  # the typesetter marks its own hyphens: this one is the text's
        split = _word_split(tail, head)
        if split is None:
            return tail, " "
        added = self.may_mark_hyphenation and tail.endswith(_TYPESET_HYPHEN)
        return (tail[:-1], "") if self.hyphenated(*split, added=added) else (tail, "")

    def mend_marked(self, text: str) -> str:
        """``text`` with each line-end hyphen PDFium marked (:data:`LINE_END_MARK`) kept
        or dropped as :meth:`mend` decides it at a line end."""
        mended, *pieces = text.split(LINE_END_MARK)
        for piece in pieces:
            mended, joiner = self.mend(mended + "-", piece)
            mended += joiner + piece
        return mended

    def hyphenated(self, first: str, second: str, *, added: bool = False) -> bool:
        """Whether ``first-`` + ``second`` is one word hyphenated at a line end;
        ``added``: the hyphen may be one a typesetter adds, as in a document that
        hyphenates."""
        # A compound broken at a later hyphen ("day-to-" + "day") is judged whole: its
        # last parts may make a word of their own ("today") that says nothing about it.
        last = _COMPOUND.split(first)[-1]
        if not (first.replace("-", "").replace("\u2010", "").isalpha() and second.isalpha()):
            return False
        if not (second[0].islower() or (last.isupper() and second.isupper())):
            return False  # a hyphen before a name or a capitalised word is the text's own
        evidence = self._evidence(first, second)
        if evidence is not None or not (self.hyphenates or added):
            return evidence == "whole"
        whole, hyphenated = (first + second).casefold(), f"{first}-{second}".casefold()
        if whole in self.words:  # spelled both ways elsewhere: as it is spelled more often
            return self.words[whole] > self.words[hyphenated]
        # Spelled neither way elsewhere: two words of the document joined by a hyphen
        # ("low-income", "experts-by") are a compound; a fragment ("occu-pies") is not.
        return not (last.casefold() in self.parts and second.casefold() in self.parts)

    def _evidence(self, first: str, second: str) -> str | None:
        """How the document spells the word elsewhere: "whole", "hyphenated" or neither."""
        whole = (first + second).casefold() in self.words
        hyphenated = f"{first}-{second}".casefold() in self.compounds
        if whole != hyphenated:
            return "whole" if whole else "hyphenated"
        return None

    def _hyphenates_words(self, splits: Iterable[tuple[str, str]]) -> bool:
        """Whether the producer hyphenates words at line ends (TeX does, justifying every
        line; word processors rarely): of the words split at line-end hyphens, those the
        document spells whole elsewhere clearly outnumber those it spells hyphenated."""
        whole = hyphenated = 0
        for first, second in splits:
            if first.isalpha() and second.isalpha():
                evidence = self._evidence(first, second)
                whole += evidence == "whole"
                hyphenated += evidence == "hyphenated"
        return whole >= _HYPHENATION_EVIDENCE and whole > 2 * hyphenated


def _suspends(head: str) -> bool:
    """Whether ``head`` starts with a word that follows a suspended hyphen, standing alone
    (``and long-term``; not ``to-date`` of ``up-to-date``)."""
    word = head.split(maxsplit=1)[0] if head.strip() else ""
    return word in SUSPENDING_WORDS


def _slash_joins(tail: str, head: str) -> bool:
    """Whether the slash that ends ``tail`` was a break inside a word (``Winter/`` +
    ``Spring``) or a web address (``https://`` + ``example.org``, ``example.org/`` +
    ``publications/guide``), not a slash set apart (``either /``) nor an address that
    ends there, its sentence going on (``…/protocol/`` + ``and the findings``: an email
    client wraps at spaces, so a complete address may end a line)."""
    written = tail[tail.rfind(" ") + 1 :]
    word = written.lstrip("<([{\"'")
    scheme, separator, path = word.partition("://")
    has_scheme = bool(separator) and scheme.isalpha()
    if not has_scheme and not word.casefold().startswith("www."):
        return tail[-2:-1].isalnum()
    return (has_scheme and not path) or _address_goes_on_after_slash(
        head, closing=_CLOSING.get(written[:1])
    )


# What an address's path holds and a word of prose does not: more of the path, a file's
# extension or a query, or digits.
_ADDRESS_PART = re.compile(r"[/.\-_?=&#%~+\d]")
_CLOSING = {"(": ")", "<": ">", "[": "]", "{": "}"}


def _address_goes_on_after_slash(head: str, closing: str | None) -> bool:
    """Whether ``head``, after a line that ended in a web address's slash, goes on with
    the address: its first word holds what a path does (``publication/guide``,
    ``guide.pdf``, ``2023-04``), closes the bracket the address opened with
    (``guidance)``), or is the line's only word (the path's last part)."""
    words = head.split(maxsplit=1)
    first = words[0]
    return (
        len(words) == 1
        or _ADDRESS_PART.search(first.rstrip(".,;:!?)]}>")) is not None
        or (closing is not None and closing in first)
    )


def _address_goes_on(tail: str, head: str) -> bool:
    """Whether a web address ends ``tail`` with a dot that ``head`` goes on from: a path
    or host's next part (``org/10.5555/…``: lower case or digits, holding a slash), or a
    DOI's suffix its next part (``doi:10.1111/mcn.`` + ``13489``, ``10.1016/j.`` +
    ``midw.2022.103560``: a suffix's parts hold no slash), not a sentence after the
    address's full stop."""
    word = tail[tail.rfind(" ") + 1 :].lstrip("<([{\"'")
    following = head.split(maxsplit=1)[0] if head.strip() else ""
    if _DOI_SUFFIX_BROKEN.search(word):
        return following[:1].isdigit() or _more_suffix_parts(following)
    if "://" not in word and not word.casefold().startswith("www."):
        return False
    return (following[:1].islower() or following[:1].isdigit()) and "/" in following


# A DOI (bare or after "doi:") broken after a dot of its suffix, not of its prefix.
_DOI_SUFFIX_BROKEN = re.compile(r"(?:^|doi:)10\.\d{4,9}/\S*\.$", re.IGNORECASE)


def _more_suffix_parts(word: str) -> bool:
    """Whether ``word`` is more of a DOI's suffix in lower case: parts between dots
    (``midw.2022.103560``), as no word of a sentence after the DOI's full stop has."""
    part, _, rest = word.partition(".")
    return part[:1].islower() and part.replace("-", "").isalnum() and rest[:1].isalnum()


_WEB_SCHEMES = ("https://", "http://")
_SCHEME_SPAN = len(_WEB_SCHEMES[0]) + 2  # a scheme's start and a bracket or quote before it


def _scheme_goes_on(tail: str, head: str) -> bool:
    """Whether ``tail`` ends with the start of a web address's scheme that ``head`` goes
    on with (``(see http`` + ``s://example.org``): ReportLab splits a word too long for
    any line at the margin, filling the rest of the line it starts on. Only what the two
    parts make together is a scheme, so no word of prose is joined."""
    end = tail[-_SCHEME_SPAN:]  # (a last word longer than this starts no scheme)
    space = end.rfind(" ")
    if space < 0 and len(tail) > len(end):
        return False
    start = end[space + 1 :].lstrip("<([{\"'").casefold()
    joined = start + head[: len(_WEB_SCHEMES[0])].casefold()
    return any(
        start
        and len(start) < len(scheme)
        and scheme.startswith(start)
        and joined.startswith(scheme)
        for scheme in _WEB_SCHEMES
    )


def _sici_goes_on(tail: str, head: str) -> bool:
    """Whether ``head`` goes on with a DOI that ends ``tail``, as a serial item's DOI (a
    SICI, ``10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0``) does with its
    part in angle brackets: a number then "::"."""
    word = tail[tail.rfind(" ") + 1 :]
    number, colons, _ = head[1:].partition("::")
    return "10." in word and "/" in word and bool(colons) and number.isdigit()


def _without_marked_words(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` without the words PDFium marked as broken at a line end (their parts are
    fragments, no words the text prints whole), and each such word's parts."""
    pieces = text.split(LINE_END_MARK)
    splits = []
    for index in range(len(pieces) - 1):
        split = _word_split(pieces[index] + "-", pieces[index + 1])
        if split is not None:
            splits.append(split)
            pieces[index] = pieces[index][: len(pieces[index]) - len(split[0])]
            pieces[index + 1] = " " + pieces[index + 1][len(split[1]) :]
    return "".join(pieces), splits


def _line_end_splits(lines: Sequence[str]) -> Iterator[tuple[str, str]]:
    """The word parts around each hyphen that ends a line (see :func:`_word_split`)."""
    for above, below in pairwise(lines):
        split = _word_split(above, below)
        if split is not None:
            yield split


def _whole_words(lines: Sequence[str]) -> set[str]:
    """The words the document prints whole, alone or in compounds ("non" of "non-peer"):
    not a line's first word, nor the part before a line-end hyphen (either may be a
    fragment of a hyphenated word)."""
    after_first_words: list[str] = []
    for text in lines:
        if text.endswith(_LINE_ENDS):  # (a search over every whole line is slow)
            text = _LINE_END_FRAGMENT.sub("", text)
        after_first_words.extend(text.split(maxsplit=1)[1:])
    # The parts of the vocabulary's compounds are its runs of letters: one search over the
    # whole text finds them (a line break is no letter), not one per word.
    return set(_LETTERS.findall("\n".join(after_first_words).casefold()))


def _word_split(tail: str, head: str) -> tuple[str, str] | None:
    """The word parts around a hyphen that ends ``tail``: (before, after) or None.
    Only the line's last word matters; searching the whole of a long line is slow."""
    if not tail.endswith(_LINE_ENDS):
        return None  # (cheap refusal, for most lines)
    split, head_word = _LINE_END_HYPHEN.search(tail[-_WORD_SPAN:]), _LEADING_WORD.match(head)
    return None if split is None or head_word is None else (split[1], head_word[0])
