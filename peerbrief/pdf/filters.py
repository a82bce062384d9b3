"""A stream's data as PDFium decodes it, for the pdfium backend's pre-scan to measure
(:func:`peerbrief.pdf.pdfium._measure_streams`): the filters PDFium applies to a
content stream (Flate, LZW, ASCII85, ASCIIHex, RunLength, in any chain), each as
PDFium's decoder reads its data, with the parameters PDFium pairs with it (by index
where both are arrays; a name, parameters or a number given by reference read from
its object, in an object stream too), to :data:`limit` bytes and a chunk beyond at
most.

Flate is zlib's; ASCIIHex and ASCII85 are decoded by bytes operations in C (ASCII85's
five digits a group as 40-bit lanes of one integer: ``base64.a85decode`` loops in
Python, 14 ms for the content of a 46-page reportlab PDF, which writes all its content
as ASCII85 then Flate); LZW and RunLength loop in Python, a code or a run at a time
(linear in the data, rare in content streams, and checked against the deadline). A
predictor's None and Up rows are undone a row at a time by bytes operations; its other
rows, a byte at a time, are linear in what they decode to, not in the data, so they are
counted first against the file's :class:`PredictorBudget`. :func:`undo_predictors`
spends that budget for the pypdf backend, which undoes predictors in Python too.
"""

from __future__ import annotations

import binascii
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import attrs
from attrs import frozen

from ..limits import Deadline
from .limits import PdfLimits

__all__ = [
    "MOST_READINGS",
    "Ambiguous",
    "Keyword",
    "Objects",
    "Parameters",
    "PredictorBudget",
    "Reading",
    "TooTangled",
    "decoded",
    "images_only",
    "in_c",
    "inflated",
    "is_image",
    "named_as_content",
    "object_number",
    "possible_filters",
    "spelt_out",
    "stream_dictionaries",
    "stream_filters",
    "stream_keywords",
    "undo_predictors",
]

CHUNK = 1 << 16
"""Bytes of compressed data given to zlib at a time."""
_OUTPUT = 1 << 20
"""Bytes zlib inflates at most a call."""


@frozen
class Parameters:
    """The ``/DecodeParms`` of one Flate or LZW stage that change what it decodes to."""

    predictor: int = 1
    colors: int = 1
    bits: int = 8
    columns: int = 1
    early_change: int = 1


class PredictorBudget:
    """What a file's streams may have a predictor undo a byte at a time
    (:attr:`.PdfLimits.predicted_bytes`), spent before the work is done."""

    def __init__(self, limits: PdfLimits, source: str) -> None:
        self.limits, self.source = limits, source
        self.left = limits.predicted_bytes

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise self.limits.too_much_prediction(self.source)


Stage = tuple[bytes, Parameters]
"""A filter's name (spelt out) and its parameters."""
Reading = tuple[Stage, ...] | None
"""A stream's filters, as a chain of stages to the first PDFium leaves to an image (none
at all: its data as it stands); None where the stream is tried as zlib data as it
stands (no filter named, Flate alone, or a filter in an object not found)."""

Chain = tuple[bool, tuple[bytes, ...]]
"""Filters' names, and whether an array gave them."""
Given = tuple[bool, tuple[Parameters, ...]]
"""A ``/DecodeParms`` value's parameters, and whether an array gave them (one a stage)."""
NameTargets = dict[bytes, set[tuple[int, int]]]
"""The objects each name is mapped to by ``/XObject`` resource dictionaries."""

_NAME_TEXT = rb"/[^\0\t\n\x0c\r /\[\]<>(){}%]*"
_REFERENCE_TEXT = rb"\d{1,10}\s+\d{1,5}\s+R\b"
_KEYS = re.compile(
    rb"/(Filter|DecodeParms)\s*(\[[^\]]*\]|<<[^<>]*>>|"
    + _NAME_TEXT
    + rb"|"
    + _REFERENCE_TEXT
    + rb")"
)
"""A stream's filters and their parameters, each key with its value (one in one pass)."""
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJ = re.compile(rb"obj\b\s*")
_NUMBERED = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+\Z")
_NUMBERS_REACH = 32  # bytes: two numbers and the white space between them, at most


def _objects(data: bytes) -> Iterator[tuple[tuple[int, int], int]]:
    """Each ``obj`` keyword after an object's number and generation: those numbers, and
    where the value begins (white space passed over). The keyword is searched for, the
    numbers read back from it (a pattern beginning with the numbers, tried at every byte,
    took 120 ms over a 650 KB PDF)."""
    for keyword in _OBJ.finditer(data):
        numbered = object_number(data, keyword.start())
        if numbered is not None:
            yield numbered, keyword.end()


_NAME_CHARACTERS = rb"[^\0\t\n\x0c\r /\[\]<>(){}%]"
_CONTENT_KEY = re.compile(
    rb"/(Contents|CharProcs|[^\0\t\n\x0c\r /\[\]<>(){}%#]*#" + _NAME_CHARACTERS + rb"*)\s*"
    rb"(\[[^\]]*\]|<<[^<>]*>>|\d{1,10}\s+\d{1,5}\s+R)"
)
"""A key PDFium reads a stream as content by, however spelt, and its value."""
_CONTENT_KEYS = frozenset({b"Contents", b"CharProcs"})


def object_number(data: bytes, keyword: int) -> tuple[int, int] | None:
    """The number and generation before the ``obj`` at ``keyword``; None for none."""
    numbers = _NUMBERED.search(data, max(0, keyword - _NUMBERS_REACH), keyword)
    return (int(numbers[1]), int(numbers[2])) if numbers else None


_VALUE = re.compile(rb"\[[^\]]*\]|<<[^<>]*>>|\d{1,10}\b|" + _NAME_TEXT)
_ITEM = re.compile(_NAME_TEXT + rb"|" + _REFERENCE_TEXT + rb"|<<[^<>]*>>|[^\0\t\n\x0c\r /\[\]<>]+")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PARAMETER = re.compile(
    rb"/(Predictor|Colors|BitsPerComponent|Columns|EarlyChange|[^\0\t\n\x0c\r /\[\]<>(){}%#]*#"
    + _NAME_CHARACTERS
    + rb"*)\s+(\d{1,6})(?:\s+(\d{1,5})\s+R\b)?"
)
"""A parameter that changes what a filter decodes to, its key however spelt (``/Pr#65dictor``
is ``/Predictor`` to PDFium and pypdf), and its value."""
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM_WORD = re.compile(rb"stream(?![^\0\t\n\x0c\r ()<>\[\]{}/%])")
_LINE_END = re.compile(rb"\r\n?|\n")


class Keyword(NamedTuple):
    """A stream's keyword: where it begins, and where the stream's data does."""

    start: int
    end: int


def stream_keywords(data: bytes, position: int = 0) -> Iterator[Keyword]:
    """Each ``stream`` spelt as a word from ``position`` on (in ``endstream`` too), as a
    keyword whose data begins after its line's end: PDFium passes over what follows the
    keyword to there (``stream \\n``, ``stream%c\\n`` or ``stream x\\n`` before the data
    hid 16,000 nested sequences behind ASCIIHex: 13-49 s and 1.6 GB in PDFium). A line
    end found is kept for the keywords before it (a search from each would cost n² on a
    long line spelling many)."""
    line_end = None
    for word in _STREAM_WORD.finditer(data, position):
        if line_end is None or line_end.start() < word.end():
            line_end = _LINE_END.search(data, word.end())
            if line_end is None:
                return
        yield Keyword(word.start(), line_end.end())


_FIRST = re.compile(rb"/First\s+(\d{1,10})")
_INTEGER = re.compile(rb"\d{1,10}")
_SPACE = re.compile(rb"[\0\t\n\x0c\r ]*")
_PARAMETER_FIELDS = {
    b"Predictor": "predictor",
    b"Colors": "colors",
    b"BitsPerComponent": "bits",
    b"Columns": "columns",
    b"EarlyChange": "early_change",
}
_ABBREVIATIONS = {
    b"Fl": b"FlateDecode",
    b"LZW": b"LZWDecode",
    b"A85": b"ASCII85Decode",
    b"AHx": b"ASCIIHexDecode",
    b"RL": b"RunLengthDecode",
}


class Objects:
    """The values of a file's objects by number and generation (a name, an array, a
    dictionary that nests none, an integer), for a ``/Filter`` or a ``/DecodeParms`` that
    refers to one: where each begins is found once, on the first such reference (a search
    of the file per reference would cost n²); those of the file's object streams
    (``/Type /ObjStm``) are decoded once, where one is not found among the file's (a
    ``/Filter`` so kept hid 16,000 nested sequences behind ASCIIHex)."""

    def __init__(
        self, data: bytes, limit: int, deadline: Deadline, budget: PredictorBudget
    ) -> None:
        self.data, self.limit, self.deadline, self.budget = data, limit, deadline, budget
        self.starts: dict[tuple[int, int], int] | None = None
        self.packed: dict[tuple[int, int], bytes] | None = None
        self.unpacked: list[bytes] = []  # the object streams' decoded data
        self.contents: frozenset[tuple[int, int]] | None = None

    def named_as_content(self, number: int, generation: int) -> bool:
        """Whether a ``/Contents`` or a ``/CharProcs`` value anywhere (in an object stream
        too) names the object, as PDFium reads such a stream as content whatever its
        dictionary says; a value given by reference is read from its object."""
        if self.contents is None:
            self._unpack()
            named: set[tuple[int, int]] = set()
            for text in (self.data, *self.unpacked):
                for key, value in _CONTENT_KEY.findall(text):
                    if spelt_out(b"/" + key) in _CONTENT_KEYS:
                        named.update(self._references(value))
            self.contents = frozenset(named)
        return (number, generation) in self.contents

    def drawable(self, text: bytes | None = None) -> NameTargets:
        """The objects the ``/XObject`` resource dictionaries in ``text`` (given by
        reference too) map each name to, the names spelt out; ``text`` None: those of the
        whole file, in its object streams too."""
        if text is None:
            self._unpack()
        targets: NameTargets = {}
        for part in (self.data, *self.unpacked) if text is None else (text,):
            for key, value in _XOBJECT_KEY.findall(part):
                if spelt_out(b"/" + key) != b"XObject":
                    continue
                if _REFERENCE.fullmatch(value):
                    value = self.resolved(value)
                for name, number, generation in _ENTRY.findall(value):
                    targets.setdefault(spelt_out(name), set()).add((int(number), int(generation)))
        return targets

    def text(self, number: int, generation: int) -> bytes | None:
        """The text of object ``number`` ``generation`` in the file, to its ``endobj``;
        None for none found."""
        if self.starts is None:
            self.starts = dict(_objects(self.data))
        start = self.starts.get((number, generation))
        end = self.data.find(b"endobj", start) if start is not None else -1
        return self.data[start:end] if start is not None and end >= 0 else None

    def _references(self, value: bytes) -> Iterator[tuple[int, int]]:
        """The objects ``value`` refers to, and those the object it is refers to."""
        for number, generation in _REFERENCE.findall(value):
            yield int(number), int(generation)
        if _REFERENCE.fullmatch(value):
            for number, generation in _REFERENCE.findall(self.resolved(value)):
                yield int(number), int(generation)

    def value(self, number: int, generation: int) -> bytes:
        """The value object ``number`` ``generation`` holds; b"" for none found."""
        if self.starts is None:
            self.starts = dict(_objects(self.data))
        start = self.starts.get((number, generation))
        if start is not None:
            value = _VALUE.match(self.data, start)
            return value[0] if value else b""
        return self._unpack().get((number, generation), b"")

    def _unpack(self) -> dict[tuple[int, int], bytes]:
        """The values of the objects in the file's object streams, decoded once."""
        if self.packed is None:
            self.packed = {}
            self.packed = self._unpacked()
        return self.packed

    def _unpacked(self) -> dict[tuple[int, int], bytes]:
        """The values of the objects in the file's object streams, each decoded by its
        dictionary's own filters (those referring to a packed object not followed)."""
        values: dict[tuple[int, int], bytes] = {}
        for found in _OBJECT_STREAM.finditer(self.data):
            keyword = next(stream_keywords(self.data, found.end()), None)
            if keyword is None:
                break
            self.deadline.check()
            opening = self.data.rfind(b"obj", 0, found.start())
            dictionary = self.data[max(opening, 0) : keyword.start]
            end = self.data.find(b"endstream", keyword.end)
            raw = self.data[keyword.end : end if end >= 0 else len(self.data)]
            reading = stream_filters(dictionary, self)
            content = decoded(raw, reading, self.limit, self.deadline, self.budget)
            self.unpacked.append(content[: self.limit])
            first = _FIRST.search(dictionary)
            if first is None or len(content) > self.limit:
                continue
            head = _INTEGER.findall(content, 0, int(first[1]))
            for number, offset in zip(head[0::2], head[1::2], strict=False):
                at = _SPACE.match(content, int(first[1]) + int(offset))
                value = _VALUE.match(content, at.end()) if at else None
                if value:
                    values.setdefault((int(number), 0), value[0])
        return values

    def resolved(self, text: bytes) -> bytes:
        """``text``, or the value of the object it refers to where it is a reference."""
        reference = _REFERENCE.fullmatch(text)
        return self.value(int(reference[1]), int(reference[2])) if reference else text


# The patterns below match as PDFium reads, without backtracking into what they matched
# (a comment or a string taken in part would let a ``stream`` inside it pass for the
# keyword): each is written "unrolled", every repetition starting with a character the
# one before cannot take, so there is one way to match and giving back finds none other.
# (Possessive quantifiers would say so shorter, but Python 3.10 has none.)
_WHITE = rb"[\0\t\n\x0c\r ]"
_SKIP = _WHITE + rb"*(?:%[^\r\n]*(?![^\r\n])" + _WHITE + rb"*)*"
"""White space and comments (each to its line's end), which PDFium passes over between two
words."""
_WORD_END = rb"(?![^\0\t\n\x0c\r ()<>\[\]{}/%])"
_XOBJECT_KEY = re.compile(
    rb"/(XObject|[^\0\t\n\x0c\r /\[\]<>(){}%#]*#"
    + _NAME_CHARACTERS
    + rb"*)"
    + _SKIP
    + rb"(<<[^<>]*>>|\d{1,10}\s+\d{1,5}\s+R)"
)
"""A resource dictionary's ``/XObject`` key, however spelt, and its value."""
_ENTRY = re.compile(rb"(/" + _NAME_CHARACTERS + rb"*)" + _SKIP + rb"(\d{1,10})\s+(\d{1,5})\s+R\b")
"""A name and the object it maps to, in an ``/XObject`` dictionary."""
_RESOURCES = re.compile(rb"/Resources" + _SKIP + rb"(\d{1,10})\s+(\d{1,5})\s+R\b")
"""A form's ``/Resources`` given by reference."""
_OPENED = re.compile(rb"obj" + _SKIP + rb"<<")
"""An object's keyword and the ``<<`` that opens its dictionary."""
_FLAT_STRING = rb"\([^()\\]*(?:\\.[^()\\]*)*\)"
_PLAIN_TEXT = rb"[^()<>%]*"
_FLAT_TEXT = _PLAIN_TEXT + rb"(?:(?:" + _FLAT_STRING + rb"|<[^<>]*>)" + _PLAIN_TEXT + rb")*"
_PLAIN_DICTIONARY = re.compile(
    _PLAIN_TEXT
    + rb"(?:(?:"
    + _FLAT_STRING
    + rb"|<<"
    + _FLAT_TEXT
    + rb">>|<[^<>]*>)"
    + _PLAIN_TEXT
    + rb")*>>(?:"
    + _SKIP
    + rb"(stream)"
    + _WORD_END
    + rb")?",
    re.DOTALL,
)
"""The rest of a dictionary after its ``<<`` that holds no comment, no string nesting
parentheses, no dictionary nesting another, and a stream's keyword after it (most
dictionaries: one match, not a token at a time; an ``endobj`` in it, where PDFium ends
the object, is taken for a key)."""
_DICTIONARY_TOKEN = re.compile(
    _FLAT_STRING + rb"|\(|%[^\r\n]*|<<|>>|<[^<>]*>"
    rb"|(?<![^\0\t\n\x0c\r ()<>\[\]{}])endobj" + _WORD_END,
    re.DOTALL,
)
"""In a dictionary: a string whole where it nests no parentheses, what opens one that
does, a comment, a dictionary's ends, a hexadecimal string, ``endobj`` as a word (which
ends the object where PDFium reads it in a dictionary)."""
_KEYWORD = re.compile(_SKIP + rb"(stream)" + _WORD_END)
_STRING_MARK = re.compile(rb"\\.|[()]", re.DOTALL)
TANGLE = 4
"""How many times the file's bytes reading its objects' dictionaries may take, each
read from its ``obj`` on (a dictionary is read once in a sound file; only objects
spelt inside others' dictionaries read the same bytes again)."""
_CHECK_EVERY = 256  # dictionaries read between two deadline checks


class TooTangled(Exception):
    """Reading the file's objects' dictionaries took more than :data:`TANGLE` times its
    bytes (objects spelt within objects: reading each from its own ``obj`` costs n²)."""


def stream_dictionaries(data: bytes, deadline: Deadline) -> dict[int, list[int]]:
    """Where each stream's dictionary may begin (its object's ``obj``), by where its
    ``stream`` keyword does, as PDFium reads an object from its ``obj``: the
    dictionary's tokens, strings (nested parentheses, escapes), comments and names whole,
    to its ``>>``, then the keyword, white space and comments before it passed over. A
    ``stream`` spelt in a string, a comment or a name inside the dictionary
    (``/Note (stream\n)``) is no keyword, and the pre-scan, which takes every one for a
    stream's, looked for the stream's filters after it only (16,000 nested sequences so
    hidden behind ASCIIHex: 9-13 s and 1.6 GB in PDFium; a zlib bomb behind ASCIIHex: 8 s
    and 2.1 GB). Every ``obj`` is read from, those a string spells too (the
    cross-reference table may point PDFium at any); raise :class:`TooTangled` where that
    reads the file's bytes more than :data:`TANGLE` times."""
    starts: dict[int, list[int]] = {}
    budget = TANGLE * len(data) + CHUNK
    for count, opened in enumerate(_OPENED.finditer(data)):
        at = opened.start()
        if data.endswith(b"end", 0, at):  # (``endobj``)
            continue
        end, keyword = _dictionary_end(data, opened.end(), deadline)
        budget -= end - at
        if budget < 0:
            raise TooTangled
        if keyword >= 0:
            starts.setdefault(keyword, []).append(at)
        if not count % _CHECK_EVERY:
            deadline.check()
    return starts


def _dictionary_end(data: bytes, position: int, deadline: Deadline) -> tuple[int, int]:
    """Where the dictionary whose ``<<`` ends at ``position`` ends (after its ``>>``), as
    PDFium reads its tokens, and where a stream's keyword after it begins (-1: none; the
    object, at ``endobj``, or the file may end first). The deadline is checked every
    :data:`_CHECK_EVERY` tokens too: one dictionary may hold millions (a page's 200,000
    link annotations, 1.25 million tokens: 31 s)."""
    plain = _PLAIN_DICTIONARY.match(data, position)
    if plain:
        return plain.end(), plain.start(1)
    depth = 1
    tokens = 0
    while depth:
        tokens += 1
        if not tokens % _CHECK_EVERY:
            deadline.check()
        token = _DICTIONARY_TOKEN.search(data, position)
        if token is None:
            return len(data), -1
        position = token.end()
        word = token[0]
        if word == b"(":
            position = _string_end(data, position)
        elif word == b"<<":
            depth += 1
        elif word == b">>":
            depth -= 1
        elif word == b"endobj":
            return position, -1
    keyword = _KEYWORD.match(data, position)
    return position, keyword.start(1) if keyword else -1


def _string_end(data: bytes, position: int) -> int:
    """Where a string whose ``(`` ends at ``position`` ends, its parentheses nested."""
    open_ = 1
    for mark in _STRING_MARK.finditer(data, position):
        if mark[0] == b"(":
            open_ += 1
        elif mark[0] == b")":
            open_ -= 1
            if not open_:
                return mark.end()
    return len(data)


def stream_filters(dictionary: bytes, objects: Objects) -> Reading:
    """The filters a stream's ``dictionary`` names, as PDFium reads them: its last
    ``/Filter`` (a name, an array of names, either given by reference to one of
    ``objects``; abbreviations and ``#`` escapes spelt out), each stage with its
    parameters from its last ``/DecodeParms`` (see :func:`_paired`)."""
    last = dict(_KEYS.findall(dictionary))
    if b"Filter" not in last:
        return None
    given = _given(last[b"DecodeParms"], objects) if b"DecodeParms" in last else None
    return _paired(_chain(last[b"Filter"], objects), given)


MOST_READINGS = 32
"""The most ways a stream's filters and parameters are tried: where a file spells more
before one stream, the pre-scan cannot tell which PDFium reads in time (each is a
decoding of the stream: 20,000 ``/Filter`` spelt in one dictionary ran to the time
limit)."""


class Ambiguous(Exception):
    """A stream's filters may be read more than :data:`MOST_READINGS` ways."""


def possible_filters(
    data: bytes, start: int, end: int, dictionary: bytes, objects: Objects
) -> list[Reading]:
    """What the stream's filters may be: every ``/Filter`` in ``data`` from ``start`` (the
    previous stream's keyword) to ``end`` (its own), :func:`stream_filters`' among them,
    with every ``/DecodeParms`` there, with every parameter its ``dictionary`` spells for
    each stage, or with none, each reading once. Its dictionary is found by the last
    ``obj`` before the stream, which a string or a name in it may spell after the true
    ``/Filter``; and a ``/Filter`` in a dictionary or a string nested in it, after the
    true one, was taken for PDFium's (both hid 16,000 nested sequences behind ASCIIHex);
    PDFium gives an array of filters no parameters where ``/DecodeParms`` is no array (a
    predictor so applied hid as many). Raise :class:`Ambiguous` beyond
    :data:`MOST_READINGS`."""
    found = _KEYS.findall(data, start, end)
    filters = dict.fromkeys(_chain(value, objects) for key, value in found if key == b"Filter")
    if not filters:
        return [None]
    given = (_given(value, objects) for key, value in found if key == b"DecodeParms")
    choices = [None, _parameters(dictionary, objects), *dict.fromkeys(given)]
    if len(filters) * len(choices) > MOST_READINGS:
        raise Ambiguous
    return list(dict.fromkeys(_paired(chain, choice) for chain in filters for choice in choices))


def _chain(value: bytes, objects: Objects) -> Chain | None:
    """The filters a ``/Filter`` value names (an array of them or one), spelt out to the
    first PDFium leaves to an image; None for an object not found."""
    value = objects.resolved(value)
    if not value or value.startswith(b"<<"):  # (an object not found; no filter's value)
        return None
    listed = value.startswith(b"[")
    items = _ITEM.findall(value[1:-1] if listed else value)
    names = [
        _ABBREVIATIONS.get(name, name) for name in map(spelt_out, map(objects.resolved, items))
    ]
    known = next((at for at, name in enumerate(names) if name not in _DECODERS), len(names))
    return listed, tuple(names[:known])


def _given(value: bytes, objects: Objects) -> Given | None:
    """A ``/DecodeParms`` value's parameters: an array's, a dictionary's; None for neither."""
    value = objects.resolved(value)
    if value.startswith(b"["):
        items = _ITEM.findall(value[1:-1])
        return True, tuple(_parameters(objects.resolved(item), objects) for item in items)
    return (False, (_parameters(value, objects),)) if value.startswith(b"<<") else None


def _paired(chain: Chain | None, choice: Given | Parameters | None) -> Reading:
    """A chain of filters with parameters as PDFium pairs them: a filter's name with a
    dictionary, an array of filters with an array, each filter with the one at its index
    (none where there is none); one :class:`Parameters` (every parameter the dictionary
    spells) with every stage."""
    if chain is None:
        return None
    listed, names = chain
    each: list[Parameters] = []
    if isinstance(choice, Parameters):
        each = [choice] * len(names)
    elif choice is not None and choice[0] == listed:
        each = list(choice[1][: len(names)])
    each += [Parameters()] * (len(names) - len(each))
    stages = tuple(map(_stage, names, each))
    return None if stages == ((b"FlateDecode", Parameters()),) else stages


def spelt_out(name: bytes) -> bytes:
    """A name's text without its slash, its ``#`` escapes spelt out (b"" for no name)."""
    if not name.startswith(b"/"):
        return b""
    return _ESCAPE.sub(lambda escape: bytes.fromhex(escape[1].decode()), name[1:])


def _parameters(text: bytes, objects: Objects) -> Parameters:
    """The parameters ``text`` spells (a value given by reference read from its object)."""
    fields = {}
    for key, number, generation in _PARAMETER.findall(text):
        field = _PARAMETER_FIELDS.get(spelt_out(b"/" + key))
        value = objects.value(int(number), int(generation)) if generation else number
        if field and value.isdigit():
            fields[field] = int(value)
    return Parameters(**fields)


def _stage(name: bytes, parameters: Parameters) -> Stage:
    """Filter ``name`` with those of ``parameters`` that change what it decodes to (a
    predictor :func:`_predicted` applies, LZW's early change)."""
    if name not in _PREDICTED or parameters == _PLAIN:
        return name, _PLAIN
    predicted = parameters.predictor >= 10 or (parameters.predictor == 2 and parameters.bits == 8)
    kept = parameters if predicted else Parameters()
    early_change = parameters.early_change if name == b"LZWDecode" else 1
    return name, attrs.evolve(kept, early_change=early_change)


_PREDICTED = (b"FlateDecode", b"LZWDecode")
_PLAIN = Parameters()
_IN_C = frozenset(
    {
        (b"FlateDecode", Parameters()),
        (b"ASCIIHexDecode", Parameters()),
        (b"ASCII85Decode", Parameters()),
    }
)


def in_c(reading: Reading) -> bool:
    """Whether every stage of ``reading`` is decoded in C (zlib, bytes operations), not a
    byte or a code at a time in Python (LZW, RunLength, a predictor)."""
    return reading is None or all(stage in _IN_C for stage in reading)


def decoded(
    data: bytes, reading: Reading, limit: int, deadline: Deadline, budget: PredictorBudget
) -> bytes:
    """``data`` decoded by ``reading``'s stages in turn, as PDFium does for a content
    stream (None: as zlib data, or as it stands where it is none), each to ``limit``
    bytes and a chunk beyond at most, its predictors undone within ``budget``."""
    for name, parameters in reading if reading is not None else [(b"FlateDecode", Parameters())]:
        deadline.check()
        decoding = _DECODERS[name](data, parameters, limit, deadline, budget)
        if reading is None and not decoding:
            return data
        data = decoding
        if len(data) > limit:
            break
    return data


def inflated(view: memoryview, start: int, limit: int, deadline: Deadline) -> Iterator[bytes]:
    """What the zlib data at ``start`` inflates to, to ``limit`` and a chunk beyond at most:
    nothing for what is not zlib data (PDFium decides what to make of it, damaged)."""
    inflater = zlib.decompressobj()
    total = 0
    position = start
    try:
        while not inflater.eof and position < len(view):
            pending = bytes(view[position : position + CHUNK])
            position += CHUNK
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, _OUTPUT)
                yield chunk
                total += len(chunk)
                if total > limit:
                    return
                deadline.check()
                pending = inflater.unconsumed_tail
    except zlib.error:
        return


def _flate(
    data: bytes, parameters: Parameters, limit: int, deadline: Deadline, budget: PredictorBudget
) -> bytes:
    whole = b"".join(inflated(memoryview(data), 0, limit, deadline))
    return _predicted(whole, parameters, deadline, budget)


_NOT_HEX = bytes(sorted(set(range(256)) - set(b"0123456789abcdefABCDEF")))


def _hexadecimal(data: bytes, _parameters: Parameters, *_: object) -> bytes:
    """ASCIIHex: the digits before the first ``>``, anything else passed over; an odd
    last digit is a byte's high half."""
    end = data.find(b">")
    digits = data[: end if end >= 0 else len(data)].translate(None, _NOT_HEX)
    return binascii.a2b_hex(digits + b"0" * (len(digits) % 2))


_A85_END = re.compile(rb"[^!-uz \t\r\n]")
_A85_TEXT = bytes(range(ord("!"), ord("u") + 1)) + b"z \t\r\n"
_A85_DIGITS = bytes.maketrans(bytes(range(33, 118)), bytes(range(85)))
_LANE = 5  # bytes: a group's value is below 85**5 < 2**40


def _ascii85(data: bytes, _parameters: Parameters, *_: object) -> bytes:
    """ASCII85 to the first byte that is no digit, ``z`` or white space (``~>`` ends it):
    ``z`` is four zero bytes and drops the digits of a group begun before it; a last
    group short of five digits is padded with ``u`` and loses as many bytes."""
    end = data.find(b"~")  # (where a producer ends it, ``~>``)
    text = data[:end] if end >= 0 else data
    if text.translate(None, _A85_TEXT):  # (else a search a byte at a time for the end)
        stray = _A85_END.search(data)
        text = data[: stray.start() if stray else len(data)]
    pieces = text.translate(None, b" \t\r\n").split(b"z")
    # (``!!!!!`` is the group of four zero bytes.)
    whole = [piece[: len(piece) - len(piece) % 5] for piece in pieces[:-1]]
    digits = b"!!!!!".join([*whole, pieces[-1]])
    short = len(digits) % 5
    groups = _a85_groups(digits + b"u" * (5 - short) if short else digits)
    return groups[: len(groups) - (5 - short) % 5]


def _a85_groups(digits: bytes) -> bytes:
    """Groups of five ASCII85 digits as four bytes each, all groups at once: column by
    column into 40-bit lanes of one integer (``value * 85 + digit``), whose low four
    bytes a lane are the group's (PDFium's value is 32 bits and wraps, as they do)."""
    values = digits.translate(_A85_DIGITS)
    groups = len(values) // 5
    total = 0
    for column in range(5):
        lanes = bytearray(_LANE * groups)
        lanes[0::_LANE] = values[column::5]
        total = total * 85 + int.from_bytes(lanes, "little")
    lanes = bytearray(total.to_bytes(_LANE * groups, "little"))
    out = bytearray(4 * groups)
    for place in range(4):
        out[place::4] = lanes[3 - place :: _LANE]
    return bytes(out)


def _run_length(
    data: bytes, _parameters: Parameters, limit: int, deadline: Deadline, _budget: PredictorBudget
) -> bytes:
    """RunLength: a length byte below 128 copies that many bytes and one more (zeros
    where the data ends first), above it repeats the next byte 257 less it times, 128
    ends the data."""
    out = bytearray()
    position = 0
    while position < len(data) and len(out) <= limit:
        length = data[position]
        if length == 128:
            break
        if length < 128:
            copied = data[position + 1 : position + 2 + length]
            out += copied + bytes(length + 1 - len(copied))
            position += length + 2
        else:
            out += data[position + 1 : position + 2][:1] * (257 - length) or bytes(257 - length)
            position += 2
        if not position % CHUNK:
            deadline.check()
    return bytes(out)


_LZW_CLEAR, _LZW_END, _LZW_LARGEST = 256, 257, 4096


def _lzw(
    data: bytes, parameters: Parameters, limit: int, deadline: Deadline, budget: PredictorBudget
) -> bytes:
    """LZW: codes of 9 to 12 bits, a code's width growing one code early where
    ``/EarlyChange`` is 1 (its default); 256 clears the table, 257 ends the data."""
    table = [bytes([code]) for code in range(256)] + [b"", b""]
    width, buffered, bits = 9, 0, 0
    previous = b""
    out = bytearray()
    for count, byte in enumerate(data):
        buffered = (buffered << 8 | byte) & 0xFFFFFF
        bits += 8
        if bits < width:
            continue
        bits -= width
        code = buffered >> bits & ((1 << width) - 1)
        if code == _LZW_CLEAR:
            del table[258:]
            width, previous = 9, b""
            continue
        if code == _LZW_END or code > len(table) or (code == len(table) and not previous):
            break
        entry = table[code] if code < len(table) else previous + previous[:1]
        if previous and len(table) < _LZW_LARGEST:
            table.append(previous + entry[:1])
        out += entry
        previous = entry
        if len(table) + parameters.early_change >= 1 << width and width < 12:
            width += 1
        if len(out) > limit:
            break
        if not count % CHUNK:
            deadline.check()
    return _predicted(bytes(out), parameters, deadline, budget)


def _predicted(
    data: bytes, parameters: Parameters, deadline: Deadline, budget: PredictorBudget
) -> bytes:
    """Flate or LZW data undone its predictor: PNG's (10 to 15: each row tagged with its
    own) or TIFF's (2, 8-bit components); others leave it as it is."""
    if parameters.predictor >= 10:
        return _png(data, parameters, deadline, budget)
    if parameters.predictor == 2 and parameters.bits == 8:
        budget.spend(len(data))
        return _tiff(data, parameters, deadline)
    return data


_BYTE_AT_A_TIME = (1, 3, 4)  # PNG's Sub, Average and Paeth rows


def _png(data: bytes, parameters: Parameters, deadline: Deadline, budget: PredictorBudget) -> bytes:
    """PNG rows undone: None's and Up's a row at a time (bytes operations in C, as an
    xref stream's are), the others' a byte at a time, within ``budget``, counted first:
    a byte for each of the first, a byte for each byte of the others."""
    step = max(1, parameters.colors * parameters.bits // 8)
    size = (parameters.colors * parameters.bits * parameters.columns + 7) // 8
    if size >= 1 << 31:  # (PDFium refuses such parameters: no data)
        return b""
    tags = data[:: size + 1]
    slow = sum(map(tags.count, _BYTE_AT_A_TIME))
    budget.spend(size * slow + len(tags) - slow)  # (a row's own work costs a byte's)
    width = min(size, len(data))
    above = bytes(width)
    adding = _BytesAdder(width)
    out = bytearray()
    for start in range(0, len(data), size + 1):
        deadline.check()
        tag, row = data[start], data[start + 1 : start + 1 + size]
        if tag == 2:
            row = adding.sum(row, above)
        elif tag in _BYTE_AT_A_TIME:
            row = _png_row(tag, bytearray(row), above, step)
        out += row
        above = row
    return bytes(out)


class _BytesAdder:
    """Two rows of ``width`` bytes added byte by byte (each modulo 256) in one sum of two
    integers: the low seven bits of each byte added with no carry into the next byte,
    the high bit by exclusive or."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.low = int.from_bytes(b"\x7f" * width, "big")
        self.high = self.low << 1 & ~self.low

    def sum(self, row: bytes, above: bytes) -> bytes:
        short = self.width - len(row)
        current = int.from_bytes(row + bytes(short), "big")
        previous = int.from_bytes(above[: len(row)] + bytes(short), "big")
        low = (current & self.low) + (previous & self.low)
        total = (low ^ ((current ^ previous) & self.high)).to_bytes(self.width, "big")
        return total[: len(row)]


def _png_row(tag: int, row: bytearray, above: bytes, step: int) -> bytes:
    for at in range(len(row)):
        left = row[at - step] if at >= step else 0
        up = above[at]
        corner = above[at - step] if at >= step else 0
        row[at] = (row[at] + _png_guess(tag, left, up, corner)) & 0xFF
    return bytes(row)


def _png_guess(tag: int, left: int, up: int, corner: int) -> int:
    if tag == 1:
        return left
    if tag == 3:
        return (left + up) // 2
    guess = left + up - corner
    near = min((abs(guess - left), 0), (abs(guess - up), 1), (abs(guess - corner), 2))
    return (left, up, corner)[near[1]]


def _tiff(data: bytes, parameters: Parameters, deadline: Deadline) -> bytes:
    step = parameters.colors
    size = max(1, parameters.colors * parameters.columns)
    out = bytearray(data)
    for start in range(0, len(out), size):
        deadline.check()
        for at in range(start + step, min(start + size, len(out))):
            out[at] = (out[at] + out[at - step]) & 0xFF
    return bytes(out)


_DECODERS: dict[bytes, Callable[[bytes, Parameters, int, Deadline, PredictorBudget], bytes]] = {
    b"FlateDecode": _flate,
    b"LZWDecode": _lzw,
    b"ASCII85Decode": _ascii85,
    b"ASCIIHexDecode": _hexadecimal,
    b"RunLengthDecode": _run_length,
}


_NAME_RUN = _NAME_CHARACTERS + rb"*"
_SUBTYPE = re.compile(
    rb"(/Subtype|/" + _NAME_RUN + rb"#" + _NAME_RUN + rb")\s*(/" + _NAME_RUN + rb")?"
)
"""A ``/Subtype`` key, or a name that may spell one, and its value where it is a name."""


def is_image(data: bytes, reach: int, keyword: int) -> bool:
    """Whether the dictionary of the stream whose keyword is at ``keyword`` (from its
    object's ``obj`` on, looked for from ``reach``) is an image's: every ``/Subtype``
    in it ``/Image``, however spelt (PDFium takes the last: ``/Subtype /Form`` after
    it makes a form, which content draws)."""
    return images_only(subtypes(data, reach, keyword))


def images_only(kinds: list[bytes] | None) -> bool:
    """Whether :func:`subtypes` ``kinds`` are an image's: one ``/Image`` or more, no other."""
    return bool(kinds) and all(kind == b"Image" for kind in kinds or [])


def subtypes(data: bytes, reach: int, keyword: int) -> list[bytes] | None:
    """The ``/Subtype`` values, spelt out, of the dictionary of :func:`is_image` (b"" for
    one not a name); None where no ``obj`` is found from ``reach``."""
    start = data.rfind(b"obj", reach, keyword)
    if start < 0:
        return None
    found = _SUBTYPE.findall(data, start, keyword)
    return [spelt_out(value) for key, value in found if spelt_out(key) == b"Subtype"]


_NO_FORMS = frozenset({b"Image", b"XML", b"Type1C", b"CIDFontType0C", b"OpenType"})
"""Subtypes of streams a brief holds that are no form."""


def may_be_form(kinds: list[bytes] | None) -> bool:
    """Whether a stream of :func:`subtypes` ``kinds`` may be a form PDFium draws."""
    return kinds is None or not _NO_FORMS.issuperset(kinds)


def named_as_content(data: bytes, openings: list[int], objects: Objects) -> bool:
    """Whether a page's ``/Contents`` or a Type 3 font's ``/CharProcs`` names the object
    any of whose ``obj`` keywords is at one of ``openings`` (one not read: named)."""
    numbers = [object_number(data, at) for at in openings if at >= 0]
    return not numbers or any(
        number is None or objects.named_as_content(*number) for number in numbers
    )


def undo_predictors(data: bytes, source: str, limits: PdfLimits, deadline: Deadline) -> None:
    """Refuse, before pypdf reads it, a file whose streams other than images would have
    pypdf undo more predictor bytes one at a time than :attr:`.PdfLimits.predicted_bytes`
    (pypdf does so in Python, a stream at a time, and cannot be interrupted: 24 MB of
    Paeth rows in 51 KB took 36 s). Each stream's dictionary is read from its object's
    ``obj`` on (a reference followed, in an object stream too); one whose filters name
    a predictor is decoded within the budget, the rest are not read. A file that spells
    no predictor, no ``#`` escape and no object stream is passed at once."""
    if data.find(b"Predictor") < 0 and data.find(b"#") < 0 and not _OBJECT_STREAM.search(data):
        return
    budget = PredictorBudget(limits, source)
    objects = Objects(data, limits.max_stream_bytes, deadline, budget)
    previous = 0
    for keyword in stream_keywords(data):
        if data.endswith(b"end", 0, keyword.start):
            continue  # (endstream)
        deadline.check()
        reach, previous = previous, keyword.end
        opening = data.rfind(b"obj", reach, keyword.start)
        reading = stream_filters(data[max(opening, reach) : keyword.start], objects)
        if not _undoes_predictor(reading) or (
            is_image(data, reach, keyword.start) and not named_as_content(data, [opening], objects)
        ):
            continue
        end = data.find(b"endstream", keyword.end)
        raw = data[keyword.end : end if end >= 0 else len(data)]
        decoded(raw, reading, limits.max_stream_bytes, deadline, budget)


def _undoes_predictor(reading: Reading) -> bool:
    return reading is not None and any(parameters.predictor != 1 for _, parameters in reading)


_DRAW = re.compile(rb"(/" + _NAME_RUN + rb")" + _SKIP + rb"Do" + _WORD_END)
"""A ``Do`` operator and the name it draws (in a string or a comment too: more, never
fewer, than PDFium draws)."""
_DO = re.compile(rb"[\0\t\n\x0c\r ]Do" + _WORD_END)
"""A ``Do`` operator, after the white space that ends its operand."""
_NAME_REACH = 256  # bytes before an operator looked back at for its operand's slash
_FORM_DEPTH = 64
"""Forms within forms counted (PDFium stops nesting them sooner)."""


def drawn_names(text: bytes, start: int = 0, end: int | None = None) -> Counter[bytes]:
    """How often content ``text`` (from ``start`` to ``end``) draws each name, spelt out.
    Each operator's name is read back from the operator, found by a search (a pattern
    for the name tried at every byte took 10 ms over a 145 KB page of no ``Do``); where
    that finds none (a comment between them holds a slash), the text is read whole."""
    end = len(text) if end is None else end
    names: Counter[bytes] = Counter()
    for operator in _operators(text, start, end):
        slash = text.rfind(b"/", max(start, operator - _NAME_REACH), operator)
        drawn = _DRAW.match(text, slash, operator + 3) if slash >= 0 else None
        if drawn is None or drawn.end() != operator + 3:
            return Counter(spelt_out(name) for name in _DRAW.findall(text, start, end))
        names[spelt_out(drawn[1])] += 1
    return names


_FEW = 64  # "Do"s in a stream checked one by one in Python; more, by a pattern


def _operators(text: bytes, start: int, end: int) -> Iterable[int]:
    """Where each ``Do`` operator's white space before it stands in ``text``: each
    ``Do`` found by a search in C, and checked (a pattern's search, byte by byte, took 3
    ms over a page of none)."""
    spelt = text.count(b"Do", start, end)
    if spelt > _FEW:
        return [operator.start() for operator in _DO.finditer(text, start, end)]
    found = []
    at = text.find(b"Do", start, end)
    while at >= 0:
        if at > start and _DO.match(text, at - 1, end):
            found.append(at - 1)
        at = text.find(b"Do", at + 2, end)
    return found


class FormDraws:
    """How many forms a content stream draws, those its forms draw counted, as PDFium
    parses a form again at each draw (a chain of forms each drawing the next twice draws
    2^depth). A name a form draws counts as the most any form its own ``/Resources``'
    ``/XObject`` dictionaries map it to draws; a name a page's content (or a form whose
    dictionary spells no ``/Resources``) draws, as the most any form any ``/XObject``
    dictionary of the file maps it to draws (one read by PDFium is among them). An image,
    or an object no stream is, counts as none. Forms are followed :data:`_FORM_DEPTH`
    deep (a form drawing itself counts that deep), and each count is kept once a form
    and a depth, and once a dictionary, a name and a depth, beyond ``most`` as ``most +
    1``: linear in the ``Do`` operators and the names mapped."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.found: list[tuple[tuple[int, ...], int, Counter[bytes]]] = []
        self.drawing = False  # (whether any stream draws: else nothing is counted)
        self.streams: dict[tuple[int, int], tuple[Counter[bytes], int]] = {}
        self.mappings: list[NameTargets] = []  # (0: every dictionary of the file's)
        self.counted: dict[tuple[tuple[int, int], int], int] = {}
        self.named: dict[tuple[int, bytes, int], int] = {}

    def add(self, openings: tuple[int, ...], keyword: int, names: Counter[bytes]) -> None:
        """Count a stream other than an image: where its object's ``obj`` keywords may be,
        where its ``stream`` keyword is, and the names it draws (numbers and resources are
        read only where some stream draws)."""
        self.found.append((openings, keyword, names))
        self.drawing = self.drawing or bool(names)

    def exceeded(self, data: bytes, objects: Objects) -> bool:
        """Whether one stream draws more than ``most`` forms."""
        if not self.drawing:
            return False
        self.mappings.append(objects.drawable())
        shared: dict[tuple[int, int], int] = {}  # (a resources object's mapping, by number)
        for openings, keyword, names in self.found:
            for at in openings:
                number = object_number(data, at) if at >= 0 else None
                if number is not None:
                    self._count(number, names, self._own(data[at:keyword], objects, shared))
        return any(self._drawing(names, 0, 1) > self.most for _, _, names in self.found)

    def _count(self, number: tuple[int, int], names: Counter[bytes], mapping: int) -> None:
        """Count a stream of object ``number`` (one of several so numbered: what each
        draws, through the mappings of all)."""
        if number in self.streams:
            drawn, other = self.streams[number]
            names = drawn | names
            if other != mapping:
                mapping = self._joined(other, mapping)
        self.streams[number] = (names, mapping)

    def _joined(self, *indexes: int) -> int:
        """The index of a new mapping of every name that of ``indexes`` map."""
        joined: NameTargets = {}
        for index in indexes:
            for name, targets in self.mappings[index].items():
                joined.setdefault(name, set()).update(targets)
        self.mappings.append(joined)
        return len(self.mappings) - 1

    def _own(self, dictionary: bytes, objects: Objects, shared: dict[tuple[int, int], int]) -> int:
        """The index of the mapping of the form whose dictionary is ``dictionary``: of its
        own ``/Resources`` (an object's, by reference), or 0 where it spells none or they
        map no name (PDFium then looks a name up in the page's)."""
        if b"/Resources" not in dictionary:
            return 0
        referred = _RESOURCES.findall(dictionary)
        if not referred:
            self.mappings.append(objects.drawable(dictionary))
            return len(self.mappings) - 1 if self.mappings[-1] else 0
        indexes = []
        for number, generation in referred:
            key = (int(number), int(generation))
            if key not in shared:
                text = objects.text(*key)
                if text is None:
                    return 0
                self.mappings.append(objects.drawable(text))
                shared[key] = len(self.mappings) - 1
            indexes.append(shared[key])
        self.mappings.append(objects.drawable(dictionary))
        joined = self._joined(*indexes, len(self.mappings) - 1)
        return joined if self.mappings[joined] else 0

    def _drawing(self, names: Counter[bytes], mapping: int, depth: int) -> int:
        """The forms ``names`` drawn at ``depth`` through ``mapping`` draw, themselves
        included."""
        total = 0
        for name, times in names.items():
            total += times * self._name(mapping, name, depth)
            if total > self.most:
                return self.most + 1
        return total

    def _name(self, mapping: int, name: bytes, depth: int) -> int:
        key = (mapping, name, depth)
        if key not in self.named:
            targets = self.mappings[mapping].get(name, ())
            self.named[key] = max((self._form(target, depth) for target in targets), default=0)
        return self.named[key]

    def _form(self, number: tuple[int, int], depth: int) -> int:
        if number not in self.streams:  # (an image, or no stream)
            return 0
        names, mapping = self.streams[number]
        if depth >= _FORM_DEPTH or not names:
            return 1
        key = (number, depth)
        if key not in self.counted:
            self.counted[key] = min(1 + self._drawing(names, mapping, depth + 1), self.most + 1)
        return self.counted[key]
