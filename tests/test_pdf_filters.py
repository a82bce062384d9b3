"""The pdfium backend's pre-scan decodes a stream's filters as PDFium does
(peerbrief/pdf/filters.py): each decoder against an encoder of the format, or against
PDFium's loop written out in Python, on any data."""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf.filters import FlateDecode
from pypdf.generic import DictionaryObject, NameObject, NumberObject

from peerbrief.limits import Deadline
from peerbrief.pdf import PdfLimits
from peerbrief.pdf.filters import (
    Ambiguous,
    Objects,
    Parameters,
    PredictorBudget,
    decoded,
    possible_filters,
    stream_dictionaries,
    stream_filters,
)

LIMIT = 1 << 24


def budget() -> PredictorBudget:
    return PredictorBudget(PdfLimits(max_stream_bytes=LIMIT), "brief.pdf")


def decode(data: bytes, *names: str, parameters: Parameters | None = None) -> bytes:
    deadline = Deadline("brief.pdf", 60, setting="PdfLimits.max_seconds")
    stages = tuple((name.encode(), parameters or Parameters()) for name in names)
    return decoded(data, stages, LIMIT, deadline, budget())


def objects(data: bytes = b"") -> Objects:
    deadline = Deadline("brief.pdf", 60, setting="PdfLimits.max_seconds")
    return Objects(data, LIMIT, deadline, budget())


def pdfium_ascii85(data: bytes) -> bytes:
    """PDFium's A85Decode, a byte at a time (its value is 32 bits and wraps)."""
    out = bytearray()
    state = value = 0
    for byte in data:
        if byte in b" \t\r\n":
            continue
        if byte == ord("z"):
            out += bytes(4)
            state = value = 0
            continue
        if not ord("!") <= byte <= ord("u"):
            break
        value = (value * 85 + byte - 33) & 0xFFFFFFFF
        if state < 4:
            state += 1
            continue
        out += value.to_bytes(4, "big")
        state = value = 0
    if state:
        for _ in range(state, 5):
            value = (value * 85 + 84) & 0xFFFFFFFF
        out += value.to_bytes(4, "big")[: state - 1]
    return bytes(out)


@given(st.binary(max_size=200), st.integers(min_value=0, max_value=12))
def test_ascii85_is_what_was_encoded(data: bytes, width: int) -> None:
    assert decode(base64.a85encode(data, wrapcol=width) + b"~>", "ASCII85Decode") == data


@given(st.lists(st.sampled_from([b"!", b"u", b"s8W-", b"z", b" ", b"\n", b"~>", b"A", b"v"])))
def test_ascii85_reads_any_text_as_pdfium_does(pieces: list[bytes]) -> None:
    """Groups cut by ``z``, values beyond 32 bits, a short last group, a stray byte."""
    text = b"".join(pieces)
    assert decode(text, "ASCII85Decode") == pdfium_ascii85(text)


@given(st.binary(max_size=200), st.sampled_from([b"", b" ", b"\n", b"xy"]))
def test_ascii_hex_passes_over_what_is_no_digit(data: bytes, between: bytes) -> None:
    digits = data.hex().upper().encode()
    text = between.join(digits[at : at + 3] for at in range(0, len(digits), 3))
    assert decode(text + b">4142", "ASCIIHexDecode") == data
    assert decode(b"414", "ASCIIHexDecode") == b"A@"  # (a last digit alone: its high half)


@given(st.binary(max_size=300))
def test_lzw_is_what_was_encoded(data: bytes) -> None:
    from pypdf._codecs._codecs import LzwCodec

    assert decode(LzwCodec().encode(data), "LZWDecode") == data


@given(st.lists(st.tuples(st.booleans(), st.binary(min_size=1, max_size=130))))
def test_run_length_is_what_was_encoded(runs: list[tuple[bool, bytes]]) -> None:
    encoded, expected = bytearray(), bytearray()
    for repeated, run in runs:
        if repeated:
            count = min(len(run) + 1, 128)
            encoded += bytes([257 - count]) + run[:1]
            expected += run[:1] * count
        else:
            encoded += bytes([len(run[:128]) - 1]) + run[:128]
            expected += run[:128]
    assert decode(bytes(encoded) + b"\x80junk", "RunLengthDecode") == expected


@given(
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=9),
    st.lists(st.tuples(st.integers(min_value=0, max_value=4), st.binary(min_size=36, max_size=36))),
)
def test_png_predictors_are_undone_as_pypdf_does(
    colors: int, columns: int, rows: list[tuple[int, bytes]]
) -> None:
    size = colors * columns
    data = zlib.compress(b"".join(bytes([tag]) + row[:size] for tag, row in rows))
    parameters = DictionaryObject(
        {
            NameObject("/Predictor"): NumberObject(12),
            NameObject("/Colors"): NumberObject(colors),
            NameObject("/Columns"): NumberObject(columns),
        }
    )
    expected = FlateDecode.decode(data, parameters)
    assert decode(data, "FlateDecode", parameters=Parameters(12, colors, 8, columns)) == expected


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=9), st.binary())
def test_the_tiff_predictor_is_undone_as_pypdf_does(colors: int, columns: int, rows: bytes) -> None:
    rows = rows[: len(rows) - len(rows) % (colors * columns)]
    data = zlib.compress(rows)
    parameters = DictionaryObject(
        {
            NameObject("/Predictor"): NumberObject(2),
            NameObject("/Colors"): NumberObject(colors),
            NameObject("/Columns"): NumberObject(columns),
        }
    )
    expected = FlateDecode.decode(data, parameters)
    assert decode(data, "FlateDecode", parameters=Parameters(2, colors, 8, columns)) == expected


FLATE, HEXADECIMAL = b"FlateDecode", b"ASCIIHexDecode"
PLAIN = Parameters()


def test_a_chain_is_decoded_in_its_order_to_the_first_filter_left_to_an_image() -> None:
    content = b"/P BMC EMC"
    data = base64.a85encode(zlib.compress(content.hex().encode()))
    assert decode(data, "ASCII85Decode", "FlateDecode", "ASCIIHexDecode") == content
    chain = b"obj << /Filter [/AHx /DCTDecode /AHx] >>"
    assert stream_filters(chain, objects()) == ((HEXADECIMAL, PLAIN),)
    assert stream_filters(b"obj << /Filter /DCTDecode >>", objects()) == ()  # (as it stands)


def test_the_filters_are_read_from_the_stream_dictionary() -> None:
    none = objects()
    assert stream_filters(b"4 0 obj << /Length 9 /Filter [/A85 /Fl] >>", none) == (
        (b"ASCII85Decode", PLAIN),
        (FLATE, PLAIN),
    )
    assert stream_filters(b"obj << /Filter/ASCIIHex#44ecode >>", none) == ((HEXADECIMAL, PLAIN),)
    predictor = b"obj << /DecodeParms << /Predictor 12 /Columns 5 >> /Filter /FlateDecode >>"
    assert stream_filters(predictor, none) == ((FLATE, Parameters(12, 1, 8, 5)),)
    # Flate alone, or no filter: every stream is tried as zlib data as it stands.
    assert stream_filters(b"obj << /Filter /FlateDecode /Length 5 >>", none) is None
    assert stream_filters(b"obj << /Length 5 >>", none) is None
    # Parameters that change nothing are none.
    assert stream_filters(b"obj << /Filter /Fl /DecodeParms << /Predictor 1 >> >>", none) is None


def test_each_filter_of_an_array_takes_the_parameters_at_its_index() -> None:
    """PDFium pairs an array of filters with an array of parameters, index by index, a
    filter's name with a dictionary, and neither with the other: the pre-scan gave every
    stage the parameters it found anywhere (a predictor on the second of two Flate
    filters hid 16,000 nested sequences: 17 s and 1.6 GB in PDFium)."""
    none = objects()
    predicted = Parameters(12, 1, 8, 8)
    staged = b"obj << /Filter [/Fl /Fl] /DecodeParms [null << /Predictor 12 /Columns 8 >>] >>"
    assert stream_filters(staged, none) == ((FLATE, PLAIN), (FLATE, predicted))
    named = b"obj << /Filter /Fl /DecodeParms [<< /Predictor 12 /Columns 8 >>] >>"
    assert stream_filters(named, none) is None
    listed = b"obj << /Filter [/Fl] /DecodeParms << /Predictor 12 /Columns 8 >> >>"
    assert stream_filters(listed, none) is None
    # LZW's early change is kept without a predictor; a stage PDFium gives none gets none.
    lzw = b"obj << /Filter [/AHx /LZW] /DecodeParms [<< /Predictor 12 >> << /EarlyChange 0 >>] >>"
    assert stream_filters(lzw, none) == (
        (HEXADECIMAL, PLAIN),
        (b"LZWDecode", Parameters(early_change=0)),
    )


def test_a_filter_given_by_reference_is_read_from_its_object() -> None:
    """``/Filter 9 0 R``: PDFium reads the name from object 9 (8,000 nested sequences behind
    an ASCIIHex so named cost it 3 s, unmeasured), and so every name, parameters or number
    given by reference."""
    data = (
        b"1 0 obj << /Filter 9 0 R >>\nstream\n...endstream endobj 9 0 obj\n/ASCIIHexDecode\nendobj"
        b" 10 0 obj << /Predictor 12 /Columns 8 >> endobj 11 0 obj 12 endobj"
    )
    found = objects(data)
    assert stream_filters(b"obj << /Filter 9 0 R >>", found) == ((HEXADECIMAL, PLAIN),)
    assert stream_filters(b"obj << /Filter 8 0 R >>", found) is None  # (tried as zlib)
    assert stream_filters(b"obj << /Filter [/Fl 9 0 R] >>", found) == (
        (FLATE, PLAIN),
        (HEXADECIMAL, PLAIN),
    )
    predicted = ((FLATE, Parameters(12, 1, 8, 8)),)
    assert stream_filters(b"obj << /Filter /Fl /DecodeParms 10 0 R >>", found) == predicted
    assert stream_filters(b"obj << /Filter [/Fl] /DecodeParms [10 0 R] >>", found) == predicted
    by_number = b"obj << /Filter /Fl /DecodeParms << /Predictor 11 0 R /Columns 8 >> >>"
    assert stream_filters(by_number, found) == predicted


def test_a_filter_kept_in_an_object_stream_is_read_from_it() -> None:
    """An object may be kept in an object stream (``/Type /ObjStm``), compressed: a
    ``/Filter`` there was not found, and the stream was tried as zlib data (16,000 nested
    sequences behind ASCIIHex: 22 s and 1.6 GB in PDFium)."""
    packed = b"9 0 10 16 /ASCIIHexDecode [/Fl /AHx]"
    data = b"7 0 obj << /Type /ObjStm /N 2 /First 10 /Filter /FlateDecode >>\nstream\n"
    data += zlib.compress(packed) + b"\nendstream\nendobj\n"
    found = objects(data)
    assert stream_filters(b"obj << /Filter 9 0 R >>", found) == ((HEXADECIMAL, PLAIN),)
    assert stream_filters(b"obj << /Filter 10 0 R >>", found) == (
        (FLATE, PLAIN),
        (HEXADECIMAL, PLAIN),
    )
    assert stream_filters(b"obj << /Filter 11 0 R >>", found) is None


def test_every_filter_since_the_previous_stream_is_a_possible_one() -> None:
    """The dictionary's last ``/Filter`` first, then every other one since the previous
    stream's keyword (a nested dictionary's, a string's, one before an ``obj`` that a
    string spells), each once, with every ``/DecodeParms``, with every parameter spelt,
    and with none."""
    data = b"endstream 4 0 obj << /Filter /AHx /N (1 0 obj) /Q << /Filter /Fl >> /DecodeParms"
    data += b" << /Predictor 12 >> /Filter /AHx >>\nstream\n"
    keyword = data.index(b"stream\n", 10)
    dictionary = data[data.rindex(b"obj", 0, keyword) : keyword]
    assert possible_filters(data, 10, keyword, dictionary, objects(data)) == [
        ((HEXADECIMAL, PLAIN),),
        None,  # (Flate alone: tried as zlib)
        ((FLATE, Parameters(predictor=12)),),
    ]


def test_a_stream_whose_filters_may_be_read_too_many_ways_is_ambiguous() -> None:
    """Each way is a decoding of the stream: 20,000 ``/Filter`` spelt in one dictionary
    took the pre-scan to the time limit. Ways that decode alike are one."""
    alike = b"obj << " + b"".join(b"/N%d [/AHx /X%d] " % (n, n) for n in range(5000))
    data = alike + b"/Filter /AHx >>\nstream\n"
    keyword = data.index(b"stream\n")
    assert possible_filters(data, 0, keyword, data[:keyword], objects(data)) == [
        ((HEXADECIMAL, PLAIN),)
    ]
    many = b"obj << " + b"".join(b"/Filter [%s] " % (b"/AHx " * n) for n in range(1, 40))
    data = many + b">>\nstream\n"
    keyword = data.index(b"stream\n")
    with pytest.raises(Ambiguous):
        possible_filters(data, 0, keyword, data[:keyword], objects(data))


class _CountingDeadline(Deadline):
    def __init__(self) -> None:
        super().__init__("brief.pdf", 60, setting="PdfLimits.max_seconds")
        self.checks = 0

    def check(self) -> None:
        self.checks += 1


def test_the_deadline_is_checked_inside_one_dictionary_of_many_tokens() -> None:
    """One dictionary may hold millions of tokens, read one at a time (a page's 200,000
    link annotations: 31 s in one call): the deadline is checked among them."""
    deadline = _CountingDeadline()
    data = b"1 0 obj\n<< /Annots [" + b"<< /A << /S /URI >> >> " * 10_000 + b"] >>\nendobj\n"
    stream_dictionaries(data, deadline)
    assert deadline.checks >= 40_000 // 256
