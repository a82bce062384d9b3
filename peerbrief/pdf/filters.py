"""A stream's data as PDFium decodes it, for the pdfium backend's pre-scan to measure
(:func:`peerbrief.pdf.pdfium._measure_streams`): the filters PDFium applies to a
content stream (Flate, LZW, ASCII85, ASCIIHex, RunLength, in any chain), each as
PDFium's decoder reads its data, to :data:`limit` bytes and a chunk beyond at most.

Flate is zlib's; ASCIIHex and ASCII85 are decoded by bytes operations in C (ASCII85's
five digits a group as 40-bit lanes of one integer: ``base64.a85decode`` loops in
Python, 14 ms for the content of a 46-page reportlab PDF, which writes all its content
as ASCII85 then Flate); LZW, RunLength and predictors loop in Python, a code, a run or
a byte at a time (linear, rare in content streams, and checked against the deadline).
"""

from __future__ import annotations

import binascii
import re
import zlib
from collections.abc import Callable, Iterator

from attrs import frozen

from ..limits import Deadline

__all__ = ["Objects", "Parameters", "decoded", "inflated", "possible_filters", "stream_filters"]

CHUNK = 1 << 16
"""Bytes of compressed data given to zlib at a time."""
_OUTPUT = 1 << 20
"""Bytes zlib inflates at most a call."""


@frozen
class Parameters:
    """A stream's ``/DecodeParms`` that change what Flate and LZW data decode to (one
    set for all the stream's filters: a producer gives one Flate filter at most)."""

    predictor: int = 1
    colors: int = 1
    bits: int = 8
    columns: int = 1
    early_change: int = 1


_FILTER = re.compile(
    rb"/Filter\s*(\[[^\]]*\]|/[^\0\t\n\x0c\r /\[\]<>(){}%]*|\d{1,10}\s+\d{1,5}\s+R\b)"
)
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJECT = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b\s*")
_VALUE = re.compile(rb"\[[^\]]*\]|/[^\0\t\n\x0c\r /\[\]<>(){}%]*")
_NAME = re.compile(rb"/([^\0\t\n\x0c\r /\[\]<>(){}%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PARAMETER = re.compile(rb"/(Predictor|Colors|BitsPerComponent|Columns|EarlyChange)\s+(\d{1,6})")
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
    """The values of a file's objects by number and generation, for a ``/Filter`` that
    refers to one: where each begins is found once, on the first such reference (a
    search of the file per reference would cost n²)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts: dict[tuple[int, int], int] | None = None

    def value(self, reference: re.Match[bytes]) -> bytes:
        """The name or array the object of ``reference`` (``7 0 R``) holds; b"" for none."""
        if self.starts is None:
            found = _OBJECT.finditer(self.data)
            self.starts = {(int(m[1]), int(m[2])): m.end() for m in found}
        start = self.starts.get((int(reference[1]), int(reference[2])))
        value = _VALUE.match(self.data, start) if start is not None else None
        return value[0] if value else b""


def stream_filters(dictionary: bytes, objects: Objects) -> tuple[list[bytes], Parameters] | None:
    """The filters a stream's ``dictionary`` names (its last ``/Filter``, whose value is
    a name, an array of names, or a reference to one of ``objects``; abbreviations and
    ``#`` escapes spelt out), with its parameters; None where it names none (or refers
    to an object not found), or Flate alone without a predictor (the pre-scan tries
    every stream as zlib data, as it stands)."""
    found = _FILTER.findall(dictionary)
    return _chain(found[-1], dictionary, objects) if found else None


def possible_filters(
    data: bytes, start: int, end: int, dictionary: bytes, objects: Objects
) -> list[tuple[list[bytes], Parameters] | None]:
    """What the stream's filters may be, as :func:`stream_filters` reads them: its
    ``dictionary``'s, then those of every other ``/Filter`` in ``data`` from ``start`` (the
    previous stream's keyword) to ``end`` (its own), with the dictionary's parameters. Its
    dictionary is found by the last ``obj`` before the stream, which a string or a name
    in it may spell after the true ``/Filter``; and a ``/Filter`` in a dictionary or a
    string nested in it, after the true one, was taken for PDFium's (both hid 16,000
    nested sequences behind ASCIIHex). Each with no parameters too (see :func:`_plain`).
    Each is decoded in turn: an attacker's many cost the time limit (each a decoding of
    the stream, checked against the deadline)."""
    primary = stream_filters(dictionary, objects)
    found = dict.fromkeys(_FILTER.findall(data, start, end))
    others = (_chain(value, dictionary, objects) for value in found)
    readings = [primary, *others]
    plain = (_plain(reading[0]) for reading in readings if reading and reading[1] != Parameters())
    return list({_key(reading): reading for reading in (*readings, *plain)}.values())


def _plain(names: list[bytes]) -> tuple[list[bytes], Parameters] | None:
    """``names`` with no parameters: PDFium gives none to an array of filters where
    ``/DecodeParms`` is no array (a predictor so applied hid 16,000 nested sequences in
    plain Flate data: 12 s and 1.3 GB in PDFium)."""
    return None if names == [b"FlateDecode"] else (names, Parameters())


def _key(reading: tuple[list[bytes], Parameters] | None) -> object:
    return reading and (tuple(reading[0]), reading[1])


def _chain(
    found: bytes, dictionary: bytes, objects: Objects
) -> tuple[list[bytes], Parameters] | None:
    reference = _REFERENCE.fullmatch(found)
    value = objects.value(reference) if reference else found
    if not value:  # (an object not found: in an object stream, say)
        return None
    names = [
        _ABBREVIATIONS.get(name, name)
        for name in (
            _ESCAPE.sub(lambda escape: bytes.fromhex(escape[1].decode()), raw)
            for raw in _NAME.findall(value)
        )
    ]
    parameters = Parameters(
        **{_PARAMETER_FIELDS[key]: int(value) for key, value in _PARAMETER.findall(dictionary)}
    )
    if names == [b"FlateDecode"] and parameters.predictor < 2:
        return None
    return names, parameters


def decoded(
    data: bytes, filters: list[bytes], parameters: Parameters, limit: int, deadline: Deadline
) -> bytes:
    """``data`` decoded by ``filters`` in turn, as PDFium does for a content stream: to
    the first it does not decode there (an image's, such as DCT: PDFium leaves the data
    so), each to ``limit`` bytes and a chunk beyond at most."""
    for name in filters:
        decoder = _DECODERS.get(name)
        if decoder is None:
            break
        deadline.check()
        data = decoder(data, parameters, limit, deadline)
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


def _flate(data: bytes, parameters: Parameters, limit: int, deadline: Deadline) -> bytes:
    whole = b"".join(inflated(memoryview(data), 0, limit, deadline))
    return _predicted(whole, parameters, deadline)


_NOT_HEX = bytes(sorted(set(range(256)) - set(b"0123456789abcdefABCDEF")))


def _hexadecimal(data: bytes, _parameters: Parameters, _limit: int, _deadline: Deadline) -> bytes:
    """ASCIIHex: the digits before the first ``>``, anything else passed over; an odd
    last digit is a byte's high half."""
    end = data.find(b">")
    digits = data[: end if end >= 0 else len(data)].translate(None, _NOT_HEX)
    return binascii.a2b_hex(digits + b"0" * (len(digits) % 2))


_A85_END = re.compile(rb"[^!-uz \t\r\n]")
_A85_TEXT = bytes(range(ord("!"), ord("u") + 1)) + b"z \t\r\n"
_A85_DIGITS = bytes.maketrans(bytes(range(33, 118)), bytes(range(85)))
_LANE = 5  # bytes: a group's value is below 85**5 < 2**40


def _ascii85(data: bytes, _parameters: Parameters, _limit: int, _deadline: Deadline) -> bytes:
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


def _run_length(data: bytes, _parameters: Parameters, limit: int, deadline: Deadline) -> bytes:
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


def _lzw(data: bytes, parameters: Parameters, limit: int, deadline: Deadline) -> bytes:
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
    return _predicted(bytes(out), parameters, deadline)


def _predicted(data: bytes, parameters: Parameters, deadline: Deadline) -> bytes:
    """Flate or LZW data undone its predictor: PNG's (10 to 15: each row tagged with its
    own) or TIFF's (2, 8-bit components); others leave it as it is."""
    if parameters.predictor >= 10:
        return _png(data, parameters, deadline)
    if parameters.predictor == 2 and parameters.bits == 8:
        return _tiff(data, parameters, deadline)
    return data


def _png(data: bytes, parameters: Parameters, deadline: Deadline) -> bytes:
    step = max(1, parameters.colors * parameters.bits // 8)
    size = (parameters.colors * parameters.bits * parameters.columns + 7) // 8
    if size >= 1 << 31:  # (PDFium refuses such parameters: no data)
        return b""
    above = bytes(min(size, len(data)))
    out = bytearray()
    for start in range(0, len(data), size + 1):
        deadline.check()
        tag, row = data[start], bytearray(data[start + 1 : start + 1 + size])
        for at in range(len(row)):
            left = row[at - step] if at >= step else 0
            up = above[at]
            corner = above[at - step] if at >= step else 0
            row[at] = (row[at] + _png_guess(tag, left, up, corner)) & 0xFF
        out += row
        above = bytes(row)
    return bytes(out)


def _png_guess(tag: int, left: int, up: int, corner: int) -> int:
    if tag == 1:
        return left
    if tag == 2:
        return up
    if tag == 3:
        return (left + up) // 2
    if tag == 4:
        guess = left + up - corner
        near = min((abs(guess - left), 0), (abs(guess - up), 1), (abs(guess - corner), 2))
        return (left, up, corner)[near[1]]
    return 0


def _tiff(data: bytes, parameters: Parameters, deadline: Deadline) -> bytes:
    step = parameters.colors
    size = max(1, parameters.colors * parameters.columns)
    out = bytearray(data)
    for start in range(0, len(out), size):
        deadline.check()
        for at in range(start + step, min(start + size, len(out))):
            out[at] = (out[at] + out[at - step]) & 0xFF
    return bytes(out)


_DECODERS: dict[bytes, Callable[[bytes, Parameters, int, Deadline], bytes]] = {
    b"FlateDecode": _flate,
    b"LZWDecode": _lzw,
    b"ASCII85Decode": _ascii85,
    b"ASCIIHexDecode": _hexadecimal,
    b"RunLengthDecode": _run_length,
}
