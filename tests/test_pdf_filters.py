"""The pdfium backend's pre-scan decodes a stream's filters as PDFium does
(peerbrief/pdf/filters.py): each decoder against an encoder of the format, or against
PDFium's loop written out in Python, on any data."""

from __future__ import annotations

import base64
import zlib

from hypothesis import given
from hypothesis import strategies as st
from pypdf.filters import FlateDecode
from pypdf.generic import DictionaryObject, NameObject, NumberObject

from peerbrief.limits import Deadline
from peerbrief.pdf.filters import Objects, Parameters, decoded, possible_filters, stream_filters

LIMIT = 1 << 24


def decode(data: bytes, *names: str, parameters: Parameters | None = None) -> bytes:
    deadline = Deadline("brief.pdf", 60, setting="PdfLimits.max_seconds")
    filters = [name.encode() for name in names]
    return decoded(data, filters, parameters or Parameters(), LIMIT, deadline)


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


def test_a_chain_is_decoded_in_its_order_to_the_first_filter_left_to_an_image() -> None:
    content = b"/P BMC EMC"
    data = base64.a85encode(zlib.compress(content.hex().encode()))
    assert decode(data, "ASCII85Decode", "FlateDecode", "ASCIIHexDecode") == content
    assert decode(content.hex().encode(), "ASCIIHexDecode", "DCTDecode") == content


def test_the_filters_are_read_from_the_stream_dictionary() -> None:
    none = Objects(b"")
    assert stream_filters(b"4 0 obj << /Length 9 /Filter [/A85 /Fl] >>", none) == (
        [b"ASCII85Decode", b"FlateDecode"],
        Parameters(),
    )
    assert stream_filters(b"obj << /Filter/ASCIIHex#44ecode >>", none) == (
        [b"ASCIIHexDecode"],
        Parameters(),
    )
    predictor = b"obj << /DecodeParms << /Predictor 12 /Columns 5 >> /Filter /FlateDecode >>"
    assert stream_filters(predictor, none) == ([b"FlateDecode"], Parameters(12, 1, 8, 5))
    # Flate alone, or no filter: every stream is tried as zlib data as it stands.
    assert stream_filters(b"obj << /Filter /FlateDecode /Length 5 >>", none) is None
    assert stream_filters(b"obj << /Length 5 >>", none) is None


def test_a_filter_given_by_reference_is_read_from_its_object() -> None:
    """``/Filter 9 0 R``: PDFium reads the name from object 9 (8,000 nested sequences behind
    an ASCIIHex so named cost it 3 s, unmeasured)."""
    data = (
        b"1 0 obj << /Filter 9 0 R >>\nstream\n...endstream endobj 9 0 obj\n/ASCIIHexDecode\nendobj"
    )
    objects = Objects(data)
    assert stream_filters(b"obj << /Filter 9 0 R >>", objects) == (
        [b"ASCIIHexDecode"],
        Parameters(),
    )
    assert stream_filters(b"obj << /Filter 8 0 R >>", objects) is None  # (tried as zlib)


def test_every_filter_since_the_previous_stream_is_a_possible_one() -> None:
    """The dictionary's last ``/Filter`` first, then every other one since the previous
    stream's keyword (a nested dictionary's, a string's, one before an ``obj`` that a
    string spells), each once, with the dictionary's parameters and with none."""
    data = b"endstream 4 0 obj << /Filter /AHx /N (1 0 obj) /Q << /Filter /Fl >> /DecodeParms"
    data += b" << /Predictor 12 >> /Filter /AHx >>\nstream\n"
    keyword = data.index(b"stream\n", 10)
    dictionary = data[data.rindex(b"obj", 0, keyword) : keyword]
    hexadecimal = ([b"ASCIIHexDecode"], Parameters(predictor=12))
    assert possible_filters(data, 10, keyword, dictionary, Objects(data)) == [
        hexadecimal,
        ([b"FlateDecode"], Parameters(predictor=12)),
        ([b"ASCIIHexDecode"], Parameters()),  # (each with no parameters too)
        None,  # (Flate alone: tried as zlib)
    ]
