"""Broken, hostile and text-less PDFs: one clear InputError each, in bounded memory and time,
through every backend. Hostile files are made here, at test time."""

from __future__ import annotations

import base64
import io
import random
import re
import tracemalloc
import zlib
from collections.abc import Callable

import pytest
from fixtures import pdf_samples
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf._codecs._codecs import LzwCodec
from pypdf.filters import FlateDecode
from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import peerbrief.pdf
import peerbrief.pdf.pdfium
from peerbrief.errors import InputError, UsageError
from peerbrief.inputs import load_lines
from peerbrief.model import Reason
from peerbrief.pdf import BACKENDS, PdfLimits, pdf_lines

GIB = 1 << 30


@pytest.fixture(autouse=True, params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test of this module runs once per backend, as the default."""
    name: str = request.param
    monkeypatch.setattr(peerbrief.pdf, "default_backend", lambda: name)
    return name


def typeset(*pages: str) -> bytes:
    """A small, sound PDF with one line of text per page."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for text in pages:
        canvas.drawString(72, 700, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def handmade(
    page_content: bytes | list[bytes],
    *,
    extra: str = "",
    content_dict: str = "",
    pages_dict: str = "/Kids [3 0 R] /Count 1",
    font: str | None = None,
) -> bytes:
    """A PDF written object by object, for what no producer would write: one page whose
    content stream is ``page_content`` (raw, already encoded; a list: an array of
    streams), Helvetica as /F1."""
    font = (
        font or "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    streams = page_content if isinstance(page_content, list) else [page_content]
    numbers = [4, *range(6, 5 + len(streams))]
    contents = " ".join(f"{number} 0 R" for number in numbers)
    contents = f"[{contents}]" if isinstance(page_content, list) else contents

    def stream(content: bytes) -> bytes:
        return (
            f"<< /Length {len(content)} {content_dict} >>\nstream\n".encode()
            + content
            + b"\nendstream"
        )

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages {pages_dict} >>".encode(),
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {contents} "
            f"/Resources << /Font << /F1 5 0 R >> {extra} >> >>"
        ).encode(),
        stream(streams[0]),
        font.encode(),
        *map(stream, streams[1:]),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def refused(data: bytes, pattern: str, limits: PdfLimits | None = None) -> str:
    """The one-line message ``pdf_lines`` refuses ``data`` with."""
    with pytest.raises(InputError) as caught:
        pdf_lines(data, "brief.pdf", limits)
    message = str(caught.value)
    assert message.startswith("brief.pdf: ")
    assert "\n" not in message
    assert re.search(pattern, message), message
    return message


def texts(data: bytes, limits: PdfLimits | None = None) -> list[str]:
    return [line.text for line in pdf_lines(data, "brief.pdf", limits)]


def encrypted(user_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(typeset("Peer support"))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# -- encryption -------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_a_password_protected_pdf_is_refused(algorithm: str) -> None:
    refused(encrypted("secret", algorithm), r"encrypted with a password")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_encrypted_with_an_empty_user_password_opens(algorithm: str) -> None:
    assert texts(encrypted("", algorithm)) == ["Peer support"]


def test_load_lines_passes_the_refusal_on() -> None:
    with pytest.raises(InputError, match="encrypted"):
        load_lines(encrypted("secret", "AES-256"), name="upload.pdf")


# -- damage -------------------------------------------------------------------------------


def test_a_truncated_pdf_is_refused() -> None:
    data = typeset("Peer support", "Workers")
    refused(data[: len(data) // 2], r"truncated")
    refused(b"%PDF-", r"truncated")


def test_garbage_after_the_signature_is_refused() -> None:
    noise = random.Random(7).randbytes(20_000)
    refused(b"%PDF-1.7\n" + noise + b"\n%%EOF\n", r"broken PDF")


def test_a_damaged_cross_reference_table_is_rebuilt() -> None:
    data = typeset("Peer support")
    start = data.rindex(b"startxref")
    damaged = data[:start] + b"startxref\n999999\n%%EOF\n"
    assert texts(damaged) == ["Peer support"]


def test_malformed_annotations_are_skipped() -> None:
    data = handmade(
        b"BT /F1 10 Tf 72 700 Td (Peer support) Tj ET",
        extra="",
    ).replace(
        b"/Contents 4 0 R",
        b"/Contents 4 0 R /Annots [<< /Subtype /Link /Rect [1 2] /A << /S /URI /URI 7 >> >>"
        b" << /Subtype /Link /Rect (x) /A (y) >> 12]",
    )
    assert texts(_fix_xref(data)) == ["Peer support"]


def test_a_missing_or_broken_font_still_gives_the_text() -> None:
    missing = handmade(b"BT /F9 10 Tf 72 700 Td (Peer support) Tj ET")
    broken = handmade(
        b"BT /F1 10 Tf 72 700 Td (Peer support) Tj ET",
        font="<< /Type /Font /Subtype /TrueType /Widths 12 /FirstChar (a) /FontDescriptor 9 >>",
    )
    assert texts(missing) == ["Peer support"]
    assert texts(broken) == ["Peer support"]


def test_malformed_operators_do_no_harm(backend: str) -> None:
    """The backends differ here by design: pypdf's interpreter skips an operator whose
    operands are wrong, PDFium reads missing numbers as 0, and a matrix of zeros hides
    the text (here all of it, through the broken ``cm``)."""
    content = (
        b"1 0 cm BT /F1 Tf /F1 10 Tf (x) Tz 1 Td 72 700 Td (Peer ) Tj [(x) (y)] Tm [ (support) ] TJ"
        b" 3 TJ ET"
    )
    if backend == "pypdf":
        assert texts(handmade(content)) == ["Peer support"]
    else:
        refused(handmade(content), r"no text layer")
    assert texts(handmade(b"BT /F1 10 Tf 72 700 Td (Peer ) Tj [ (support) ] TJ 3 TJ ET")) == [
        "Peer support"
    ]


def test_a_form_that_draws_itself_does_not_loop() -> None:
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >>"
        b" /XObject << /Me 6 0 R >> >> /Length 41 >>\nstream\nBT /F1 10 Tf 72 700 Td (Loop) Tj ET /Me Do\nendstream"
    )
    data = handmade(b"/Me Do", extra="/XObject << /Me 6 0 R >>")
    data = _append_object(data, form)
    assert texts(data) == ["Loop"]


# -- no text ---------------------------------------------------------------------------------


def test_a_pdf_without_text_is_refused_as_scanned() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.rect(72, 72, 300, 500, fill=1)
    canvas.showPage()
    canvas.save()
    refused(buffer.getvalue(), r"no text layer \(scanned\?\)")


def without_unicode_maps(data: bytes, fonts_named: str = "") -> bytes:
    """``data`` with the /ToUnicode map removed from every font whose name holds
    ``fonts_named``, as some PDF printers write."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        for reference in fonts.values():
            font = reference.get_object()
            assert isinstance(font, DictionaryObject)
            if fonts_named in str(font.get("/BaseFont")):
                font.pop("/ToUnicode", None)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_text_whose_fonts_have_no_unicode_map_is_refused() -> None:
    """Chromium's fonts number their glyphs (space: 3): without the map, text comes out
    as a cipher of glyph numbers (``6XSSRUW``) that no later stage could tell from words."""
    cipher = without_unicode_maps(pdf_samples.path("chromium").read_bytes())
    refused(cipher, r"text cannot be decoded \(\d+ of \d+ characters are glyph numbers")


def test_one_font_without_a_unicode_map_is_enough_to_refuse() -> None:
    """Without its bold font's map, LibreOffice's brief loses every heading (a cipher of
    punctuation), so every entry its section: 0.5 % of the glyphs, and no line reported."""
    assert not pdf_samples.brief("libreoffice").unexplained
    cipher = without_unicode_maps(pdf_samples.path("libreoffice").read_bytes(), "Bold")
    refused(cipher, r"text cannot be decoded")


def test_a_few_glyphs_without_text_are_dropped_and_reported_not_refused() -> None:
    """A stray glyph whose code is a control character is no cipher, but a character lost,
    reported (which fails a check); dozens in a short text are a cipher."""
    lines = pdf_lines(handmade(b"BT /F1 10 Tf 72 700 Td (Peer\x01 support) Tj ET"), "brief.pdf")
    assert [(line.text, line.page, line.set_aside) for line in lines] == [
        (
            "1 glyph left out on page 1: its font maps it to a control character, not to the "
            "character it draws",
            1,
            Reason.UNDECODABLE_GLYPHS,
        ),
        ("Peer support", 1, None),
    ]
    assert not Reason.UNDECODABLE_GLYPHS.explained
    numbers = b"(" + b"\x03\x04\x05\x06\x07\x08" * 6 + b") Tj 0 -20 Td (Peer support) Tj"
    refused(handmade(b"BT /F1 10 Tf 72 700 Td " + numbers + b" ET"), r"36 of 48 characters")


def flipped_type3(content: bytes, *, as_chromium: bool = False) -> bytes:
    """A page drawing ``content`` in /F1, a Type 3 font as Ghostscript writes bitmap fonts:
    a /FontMatrix that turns glyphs upside down (drawn with a text matrix upside down too),
    glyph names for an encoding (a ligature and a dash at TeX's codes, below 32), and no
    map to Unicode. Every glyph is a box. ``as_chromium``: as Chromium writes a Type 3
    font instead, its glyphs drawn upside down in their own space (ink below y 0) for the
    font matrix to turn upright, on a page whose matrix and text matrix are both upside
    down."""
    names = "21 /endash 28 /fi 32 /space 80 /P 101 /e 108 /l 111 /o /p 114 /r /s /t /u"
    glyphs = " ".join(f"/{name} 6 0 R" for name in names.split() if name.startswith("/"))
    font = (
        "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 -0.001 0 0] "
        f"/FontBBox {'[0 0 500 -700]' if as_chromium else '[0 0 500 700]'} "
        "/FirstChar 21 /LastChar 117 "
        f"/Widths [{' '.join(['500'] * 97)}] /Resources << >> "
        f"/Encoding << /Type /Encoding /Differences [{names}] >> /CharProcs << {glyphs} >> >>"
    )
    glyph = b"500 0 0 0 400 700 d1 0 0 400 700 re f"
    page = b"BT /F1 10 Tf 1 0 0 -1 72 700 Tm " + content + b" ET"
    if as_chromium:
        glyph = b"500 0 0 -700 400 0 d1 0 -700 400 700 re f"
        page = b"1 0 0 -1 0 842 cm BT /F1 10 Tf 1 0 0 -1 72 142 Tm " + content + b" ET"
    data = handmade(page, font=font)
    return _append_object(data, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(glyph), glyph))


@pytest.mark.parametrize("as_chromium", [False, True], ids=["Ghostscript", "Chromium"])
@pytest.mark.parametrize("chosen", BACKENDS)
def test_a_type3_font_upside_down_drawn_upside_down_is_read_upright(
    chosen: str, as_chromium: bool
) -> None:
    """PDFium's character matrix leaves the font's own matrix out: its boxes tell. Whether
    the font matrix's flip turns the glyphs upside down or back upright depends on where
    they stand in their own space (their /FontBBox)."""
    data = flipped_type3(b"(Peer support) Tj", as_chromium=as_chromium)
    lines = pdf_lines(data, "brief.pdf", backend=chosen)
    assert [line.text for line in lines] == ["Peer support"]


def test_text_in_a_type3_font_at_a_tenth_of_a_point_is_read() -> None:
    """Ghostscript's PostScript round trip (``pdf2ps | ps2pdf``) turns a PDF's CID fonts
    into Type 3 fonts drawn at ``0.1 Tf``, the glyphs' size in their /FontMatrix: read
    without it, every size rounds to none, and lines whose baselines differ by less than
    a quarter point failed the reading with ``ZeroDivisionError``."""
    names = "32 /space 80 /P 101 /e 108 /l 111 /o /p 114 /r /s /t /u"
    glyphs = " ".join(f"{name} 6 0 R" for name in names.split() if name.startswith("/"))
    font = (
        "<< /Type /Font /Subtype /Type3 /FontMatrix [1 0 0 1 0 0] /FontBBox [0 0 50 70] "
        f"/FirstChar 32 /LastChar 117 /Widths [{' '.join(['50'] * 86)}] /Resources << >> "
        f"/Encoding << /Type /Encoding /Differences [{names}] >> /CharProcs << {glyphs} >> >>"
    )
    glyph = b"50 0 0 0 40 70 d1 0 0 40 70 re f"
    lines = b"".join(
        b"BT /F1 0.1 Tf 72 %.1f Td (Peer support) Tj ET " % (700 - 0.2 * line) for line in range(6)
    )
    data = _append_object(
        handmade(lines, font=font), b"<< /Length %d >>\nstream\n%s\nendstream" % (len(glyph), glyph)
    )
    read = texts(data)
    assert read and all(text.startswith("Peer") for text in read)


def test_glyph_names_pdfium_cannot_decode_are_read_through_pypdf() -> None:
    """PDFium maps no glyph names of a Type 3 font: a ligature at TeX's code 28 comes out
    as a control character. The default reading turns to pypdf, which maps them; PDFium
    chosen refuses the text, naming pypdf."""
    cipher = flipped_type3(b"(" + b"pro\x1cle " * 30 + b"\x15 supported) Tj")
    assert [line.text for line in pdf_lines(cipher, "brief.pdf")] == [
        "profile " * 30 + "– supported"
    ]
    with pytest.raises(InputError, match=r"cannot be decoded .* read it with the pypdf backend"):
        pdf_lines(cipher, "brief.pdf", backend="pdfium")


def test_a_few_glyph_names_pdfium_cannot_decode_are_read_through_pypdf() -> None:
    """Too few such glyphs for a cipher (a dash and a ligature in a page of text) are no
    reason to refuse, but still characters PDFium loses: the default reading turns to
    pypdf, which leaves none out; PDFium chosen reports them, naming pypdf."""
    few = flipped_type3(b"(" + b"Peer support " * 200 + b"\x15 \x1crst) Tj")
    assert [line.text for line in pdf_lines(few, "brief.pdf")] == [
        "Peer support " * 200 + "– first"
    ]
    [report, text] = pdf_lines(few, "brief.pdf", backend="pdfium")
    assert (report.text, report.set_aside) == (
        "2 glyphs left out on page 1: their font maps them to control characters, not to "
        "the characters they draw (the pypdf backend decodes a Type 3 font's glyph names)",
        Reason.UNDECODABLE_GLYPHS,
    )
    assert text.text == "Peer support " * 200 + "rst"


def test_a_pdf_without_pages_is_refused(backend: str) -> None:
    """PDFium will not open a document without pages: to it, the file is broken."""
    output = io.BytesIO()
    PdfWriter().write(output)
    refused(output.getvalue(), {"pypdf": r"no pages", "pdfium": r"broken PDF"}[backend])


# -- limits ------------------------------------------------------------------------------------


def _bomb(inflated: int = GIB) -> bytes:
    """A page content stream of ``inflated`` zero bytes, Flate-compressed to about 1/1000."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor starts afresh: every further MiB compresses alike.
    body = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)[:-4]
    checksum = 1
    for _ in range(inflated >> 20):
        checksum = zlib.adler32(chunk, checksum)
    stream = head + body * ((inflated >> 20) - 2) + tail + checksum.to_bytes(4, "big")
    return handmade(stream, content_dict="/Filter /FlateDecode")


def test_a_decompression_bomb_is_refused_in_bounded_memory() -> None:
    bomb = _bomb()
    assert len(bomb) < 2_000_000
    tracemalloc.start()
    try:
        refused(bomb, r"exceeds a safety limit.*PdfLimits")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * PdfLimits().max_stream_bytes


def test_the_bomb_check_is_the_stream_limit() -> None:
    small = _bomb(inflated=4 << 20)
    refused(small, r"safety limit", PdfLimits(max_stream_bytes=1 << 20))
    with pytest.raises(InputError, match="no text layer"):
        pdf_lines(small, "brief.pdf", PdfLimits(max_stream_bytes=8 << 20))


def test_a_page_image_beyond_the_stream_limit_is_no_bomb(backend: str) -> None:
    """A scan's page image inflates beyond the limit (ocrmypdf's 400 dpi A4 pages: 46 MB),
    and reading text decodes no image: an OCR'd scan's invisible text is read (the pdfium
    backend refused every one as a decompression bomb)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(typeset("Peer support workers"))))
    pixels = 4 << 20
    image = StreamObject()
    image.set_data(zlib.compress(bytes(pixels), 9))
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(1024),
            NameObject("/Height"): NumberObject(pixels // 3 // 1024),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/FlateDecode"),
        }
    )
    page = writer.pages[0]
    resources = page["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    resources[NameObject("/XObject")] = DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)}
    )
    contents = page.get_contents()
    assert contents is not None
    contents.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q " + contents.get_data())
    page.replace_contents(contents)
    output = io.BytesIO()
    writer.write(output)
    limits = PdfLimits(max_stream_bytes=1 << 20)
    assert [line.text for line in pdf_lines(output.getvalue(), "scan.pdf", limits)] == [
        "Peer support workers"
    ]


def test_a_content_stream_calling_itself_an_image_is_measured_all_the_same(
    backend: str,
) -> None:
    """A stream's dictionary may say ``/Subtype /Image`` whatever the stream is: the
    page's content (which PDFium inflates whole) so marked is measured as content where
    the page's ``/Contents`` names it, not allowed eight times the limit as a scan's
    image is. (pypdf inflates the content itself, to the limit.)"""
    content = b"BT /F1 10 Tf 72 700 Td (x) Tj ET\n" + b" " * (16 << 20)
    data = handmade(zlib.compress(content, 9), content_dict="/Filter /FlateDecode /Subtype /Image")
    refused(data, r"safety limit", PdfLimits(max_stream_bytes=4 << 20))
    if backend == "pdfium":
        refused(data, r"more than 4194304 bytes", PdfLimits(max_stream_bytes=4 << 20))
    assert texts(data, PdfLimits(max_stream_bytes=17 << 20)) == ["x"]


def _nested(depth: int, inside: bytes = b"") -> bytes:
    """Content nesting ``depth`` marked-content sequences, ``inside`` within each."""
    return (
        (b"/Span <</Lang (en)>> BDC " + inside) * depth
        + b"BT /F1 10 Tf 72 700 Td (x) Tj ET"
        + b" EMC" * depth
    )


@pytest.mark.parametrize("compressed", [False, True])
def test_deeply_nested_marked_content_is_refused(compressed: bool) -> None:
    """PDFium copies the open marked-content sequences for each one begun, in a call the
    deadline cannot stop: 17,000 nested cost 5 s, four times that for twice as many (the
    pypdf backend looks through them for each string shown). No brief nests more than a
    few; beyond :attr:`PdfLimits.max_marked_depth` the file is refused before PDFium
    reads it, in a compressed stream too."""
    limit = PdfLimits().max_marked_depth

    def made(depth: int) -> bytes:
        content = _nested(depth)
        if compressed:
            return handmade(zlib.compress(content), content_dict="/Filter /FlateDecode")
        return handmade(content)

    assert texts(made(limit)) == ["x"]
    refused(made(limit + 1), rf"nests more than {limit} .*PdfLimits\.max_marked_depth")
    refused(made(17_000), r"PdfLimits\.max_marked_depth")
    assert texts(made(limit + 1), PdfLimits(max_marked_depth=limit + 1)) == ["x"]


def test_nesting_split_over_a_pages_content_streams_is_refused() -> None:
    """PDFium reads a page's array of content streams as one, and a sequence may go on
    from one stream to the next: 300 streams that each open 60 nest 18,000 deep (3 s
    and 2 GB in PDFium). What the streams leave open is bounded; a producer that leaves
    one open in each of thirty streams is read."""
    slip = b"/P <<>> BDC "
    assert texts(handmade([slip] * 29 + [slip + b"BT /F1 10 Tf 72 700 Td (x) Tj ET"])) == ["x"]
    opened = b"/Span <<>> BDC " * 60
    closing = b"BT /F1 10 Tf 72 700 Td (x) Tj ET" + b" EMC" * (60 * 300)
    refused(handmade([opened] * 299 + [opened + closing]), r"PdfLimits\.max_marked_depth")


# Tokens of content and how each changes the marked-content depth: operators, and what
# holds their names without being one (a name, a hexadecimal string, a string, a comment,
# an inline image's data, a longer word).
_TOKENS = {
    b"/Span <</MCID 3>> BDC": 1,
    b"/Artifact BMC": 1,
    b"EMC": -1,
    b"BT /F1 9 Tf <0BDC> Tj ET": 0,
    b"/EMC": 0,
    b"(EMC) Tj": 0,
    b"(a (BDC) \\) EMC) Tj": 0,
    b"% EMC\n": 0,
    b"BI /W 1 /H 1 ID EMC EI": 0,
    b"xBDC": 0,
    b"q 1 0 0 1 0 0 cm Q": 0,
    # What PDFium reads as operands: an array's, a dictionary's, a hexadecimal string's.
    b"[EMC] pop": 0,
    b"<EMC> pop": 0,
    b"<</A EMC>> pop": 0,
    b"[<0BDC> 3 <EMC>] TJ": 0,
    b"/P <</A [1 2] /B <</C 3>>>> BDC": 1,
    b"ID": 0,  # (an image's data follows BI's dictionary only)
}


@given(
    st.lists(st.sampled_from(sorted(_TOKENS)), max_size=40),
    st.sampled_from([b" ", b"\n", b"\r\n"]),
    st.integers(1, 13),
)
def test_the_nesting_is_measured_whatever_the_chunks(
    tokens: list[bytes], space: bytes, size: int
) -> None:
    """The pre-scan reads a stream a chunk at a time, by a search for the operators where
    nothing can hide their names and token by token elsewhere: the depth it finds, and
    what the stream leaves open, are the tokens' however the stream is cut. From an
    inline image's data on, every ``BDC``/``BMC`` counts as begun, and no ``EMC`` ends one
    (where PDFium ends the data is not known)."""
    limit, depth, deepest = 3, 0, 0
    content = space.join(tokens)
    for number, token in enumerate(tokens):
        if token.startswith(b"BI "):
            rest = space.join([token.partition(b" ID")[2], *tokens[number + 1 :]])
            depth += rest.count(b"BDC") + rest.count(b"BMC")
            deepest = max(deepest, depth)
            break
        depth = max(depth + _TOKENS[token], 0)
        deepest = max(deepest, depth)
    chunks = [content[at : at + size] for at in range(0, len(content), size)]
    measure = peerbrief.pdf.pdfium._MarkedDepth("brief.pdf", PdfLimits(max_marked_depth=limit))
    if deepest > limit:
        with pytest.raises(InputError, match="max_marked_depth"):
            measure.read(chunks, PdfLimits().deadline("brief.pdf"))
    else:
        measure.read(chunks, PdfLimits().deadline("brief.pdf"))
        assert measure.carried == depth


def _streams(*contents: bytes) -> bytes:
    """Stream objects of ``contents``, Flate-compressed, as the pre-scan sees a file."""
    return b"%PDF-1.7\n" + b"".join(
        b"%d 0 obj\n<< /Filter /FlateDecode >>\nstream\n" % number
        + zlib.compress(content)
        + b"\nendstream\nendobj\n"
        for number, content in enumerate(contents, start=1)
    )


def test_a_stream_whose_bytes_spell_an_operator_by_chance_is_not_read_token_by_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A scan's page image (40 MB) holds ``BDC`` a few times by chance: reading it token
    by token took 0.6 s. A stream with fewer than one a 64 KiB counts them as left open."""

    def never(*_arguments: object) -> None:
        raise AssertionError("read token by token")

    monkeypatch.setattr(peerbrief.pdf.pdfium._MarkedDepth, "read", never)
    image = bytes(range(256)) * 4096 + b" BDC " * 4
    peerbrief.pdf.pdfium._measure_streams(
        _streams(image), "brief.pdf", PdfLimits(), PdfLimits().deadline("brief.pdf")
    )


def test_a_few_operator_names_in_a_documents_streams_are_not_read_token_by_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A brief names BMC Public Health here and there: the streams where it stands are
    counted as leaving a sequence open, up to ``max_marked_depth`` over the document,
    rather than read token by token."""

    def never(*_arguments: object) -> None:
        raise AssertionError("read token by token")

    monkeypatch.setattr(peerbrief.pdf.pdfium._MarkedDepth, "read", never)
    page = b"BT /F1 10 Tf 72 700 Td (BMC Public Health) Tj ET"
    peerbrief.pdf.pdfium._measure_streams(
        _streams(*[page] * 60), "brief.pdf", PdfLimits(), PdfLimits().deadline("brief.pdf")
    )


def test_streams_beyond_the_few_counted_unread_are_read() -> None:
    """400 streams each beginning three sequences and ending them leave none open: were
    all counted as leaving three open, 1,200 would pass 16 times ``max_marked_depth``."""
    page = b"/P BMC EMC " * 3
    peerbrief.pdf.pdfium._measure_streams(
        _streams(*[page] * 400), "brief.pdf", PdfLimits(), PdfLimits().deadline("brief.pdf")
    )


def test_nesting_behind_a_filter_given_by_reference_is_refused() -> None:
    """``/Filter 9 0 R``, object 9 ``/ASCIIHexDecode``: PDFium reads the name there (8,000
    nested sequences so hidden cost it 3 s, and passed the pre-scan)."""
    data = (
        b"%PDF-1.7\n1 0 obj\n<< /Filter 9 0 R >>\nstream\n"
        + _nested(200).hex().encode()
        + b">\nendstream\nendobj\n9 0 obj\n/ASCIIHexDecode\nendobj\n"
    )
    with pytest.raises(InputError, match=r"PdfLimits\.max_marked_depth"):
        peerbrief.pdf.pdfium._measure_streams(
            data, "brief.pdf", PdfLimits(), PdfLimits().deadline("brief.pdf")
        )


def test_sparse_streams_cannot_hide_nesting_split_over_them() -> None:
    """What a sparse stream begins counts as left open: 20 streams of 4 MB of spaces that
    each open 60 leave as many open as dense ones (beyond 16 times the limit)."""
    sparse = b" " * (4 << 20) + b"/P BMC " * 60
    with pytest.raises(InputError, match=r"PdfLimits\.max_marked_depth"):
        peerbrief.pdf.pdfium._measure_streams(
            _streams(*[sparse] * 20), "brief.pdf", PdfLimits(), PdfLimits().deadline("x")
        )


def _run_length(content: bytes) -> bytes:
    """RunLength data of ``content``: literal runs of up to 128 bytes, then the end."""
    runs = (content[at : at + 128] for at in range(0, len(content), 128))
    return b"".join(bytes([len(run) - 1]) + run for run in runs) + b"\x80"


def _png_sub(content: bytes, columns: int = 8) -> bytes:
    """``content`` in rows of ``columns`` bytes, each told as its difference from the
    byte before it (PNG's Sub predictor, tag 1)."""
    rows = (content[at : at + columns] for at in range(0, len(content), columns))
    return b"".join(
        b"\x01" + bytes((row[at] - (row[at - 1] if at else 0)) & 0xFF for at in range(len(row)))
        for row in rows
    )


@pytest.mark.parametrize(
    ("encode", "filters"),
    [
        (lambda content: content.hex().encode() + b">", "/ASCIIHexDecode"),
        (lambda content: content.hex(" ", 3).encode() + b">", "/AHx"),
        (lambda content: content.hex().encode() + b">", "/ASCIIHex#44ecode"),
        (
            lambda content: base64.a85encode(zlib.compress(content)) + b"~>",
            "[/ASCII85Decode /FlateDecode]",
        ),
        (lambda content: base64.a85encode(content, wrapcol=70) + b"~>", "/A85"),
        (lambda content: zlib.compress(zlib.compress(content)), "[/FlateDecode /Fl]"),
        (lambda content: LzwCodec().encode(content), "/LZWDecode"),
        (_run_length, "/RunLengthDecode"),
        (
            lambda content: _run_length(content.hex().encode() + b">"),
            "[/RunLengthDecode /ASCIIHexDecode]",
        ),
        (lambda content: zlib.compress(content), "/FlateDecode /DecodeParms << /Predictor 1 >>"),
        (
            lambda content: zlib.compress(_png_sub(content)),
            "/FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
        ),
    ],
    ids=[
        "hex",
        "hex-abbreviated",
        "hex-escaped",
        "ascii85-flate",
        "ascii85",
        "flate-twice",
        "lzw",
        "run-length",
        "run-length-hex",
        "parameters",
        "predictor",
    ],
)
def test_nesting_behind_other_filters_is_refused(
    encode: Callable[[bytes], bytes], filters: str, backend: str
) -> None:
    """A stream decoded with other filters than Flate (or with parameters) hides its
    nesting from a scan of inflated bytes (16,000 sequences behind ASCIIHex cost PDFium
    2 s and 1.6 GB); what it does not hide is read."""
    if backend == "pypdf" and re.search(r"/(AHx|A85|Fl)\b", filters):
        # pypdf 7 reads a filter's abbreviation only in an inline image: a clear refusal.
        refused(handmade(encode(_nested(3)), content_dict=f"/Filter {filters}"), "unreadable PDF")
        return
    assert texts(handmade(encode(_nested(3)), content_dict=f"/Filter {filters}")) == ["x"]
    refused(
        handmade(encode(_nested(200)), content_dict=f"/Filter {filters}"),
        r"PdfLimits\.max_marked_depth",
    )


@pytest.mark.parametrize(
    "filters",
    [
        "/Filter /ASCIIHexDecode /Note << /Filter /FlateDecode >>",
        "/Filter /ASCIIHexDecode /Note (/Filter /FlateDecode)",
        "/Filter /ASCIIHexDecode /Note (10 0 obj)",
        "/Filter /ASCIIHexDecode /Note /obj",
    ],
    ids=["nested-dictionary", "string", "obj-in-string", "obj-in-name"],
)
def test_nesting_behind_a_filter_the_pre_scan_misread_is_refused(filters: str) -> None:
    """PDFium decodes a stream by its dictionary's own last ``/Filter``: the pre-scan took
    the last in its bytes, a nested dictionary's or a string's, and looked for the
    dictionary from the last ``obj``, which a string or a name in it may hold (16,000
    sequences so hidden behind ASCIIHex: 2 s and 1.6 GB in PDFium). Each ``/Filter``
    since the previous stream is tried."""
    assert texts(handmade(_nested(3).hex().encode(), content_dict=filters)) == ["x"]
    refused(
        handmade(_nested(200).hex().encode(), content_dict=filters),
        r"PdfLimits\.max_marked_depth",
    )


def test_parameters_pdfium_does_not_apply_hide_no_nesting(backend: str) -> None:
    """PDFium gives an array of filters no parameters where ``/DecodeParms`` is no array:
    the pre-scan undid a PNG predictor (a row as long as the content, tagged Sub by its
    first byte, a word PDFium passes over) that PDFium never applied, and read garbled
    bytes (16,000 nested sequences: 12 s and 1.3 GB in PDFium)."""
    filters = "/Filter [/FlateDecode] /DecodeParms << /Predictor 12 /Columns 9999999 >>"
    content = b"\x01 " + _nested(200)
    # (pypdf applies the parameters, and refuses so many columns.)
    reason = "pypdf's fixed safety limits" if backend == "pypdf" else r"PdfLimits\.max_marked_depth"
    refused(handmade(zlib.compress(content), content_dict=filters), reason)


@pytest.mark.parametrize(
    ("encode", "filters"),
    [
        (
            lambda content: zlib.compress(zlib.compress(_png_sub(content))),
            "/Filter [/FlateDecode /FlateDecode] "
            "/DecodeParms [null << /Predictor 12 /Columns 8 >>]",
        ),
        (
            lambda content: zlib.compress(_png_sub(content)),
            "/Filter /FlateDecode /DecodeParms 6 0 R",
        ),
    ],
    ids=["per-stage", "by-reference"],
)
def test_nesting_behind_parameters_pdfium_applies_is_refused(
    encode: Callable[[bytes], bytes], filters: str
) -> None:
    """PDFium gives each filter of an array the parameters at its index, and reads
    parameters given by reference: the pre-scan gave every stage the parameters it found
    in the dictionary, and read none in another object (16,000 nested sequences so hidden
    behind a predictor: 17 s and 25 s, 1.6 GB in PDFium)."""

    def made(depth: int) -> bytes:
        data = handmade(encode(_nested(depth)), content_dict=filters)
        return _append_object(data, b"<< /Predictor 12 /Columns 8 >>")

    assert texts(made(3)) == ["x"]
    refused(made(200), r"PdfLimits\.max_marked_depth")


def test_nesting_behind_a_filter_kept_in_an_object_stream_is_refused() -> None:
    """``/Filter 6 0 R``, object 6 compressed in an object stream: the pre-scan did not find
    it, and tried the stream as zlib data (16,000 nested sequences behind the ASCIIHex so
    named: 22 s and 1.6 GB in PDFium)."""
    assert texts(_packed(_nested(3).hex().encode(), b"/ASCIIHexDecode")) == ["x"]
    refused(_packed(_nested(200).hex().encode(), b"/ASCIIHexDecode"), r"max_marked_depth")


def test_nesting_in_content_calling_itself_an_image_is_refused() -> None:
    """The content of a page is read whatever its dictionary calls it: the pre-scan took a
    stream marked ``/Subtype /Image`` for an image, and measured it as zlib data alone
    (16,000 nested sequences behind ASCIIHex: 29 s and 1.6 GB in PDFium)."""
    image = "/Subtype /Image /Filter /ASCIIHexDecode"
    assert texts(handmade(_nested(3).hex().encode(), content_dict=image)) == ["x"]
    refused(handmade(_nested(200).hex().encode(), content_dict=image), r"max_marked_depth")


@pytest.mark.parametrize(
    ("encode", "filters"),
    [
        (lambda content: zlib.compress(_png_sub(content)), "/Predictor 12 /Columns 8"),
        (lambda content: LzwCodec().encode(content), "/LZW"),
        (
            lambda content: (
                b"".join(
                    bytes([len(pair) - 1]) + pair
                    for pair in (content[at : at + 2] for at in range(0, len(content), 2))
                )
                + b"\x80"
            ),
            "/RunLengthDecode",
        ),
    ],
    ids=["predictor", "lzw", "run-length"],
)
@pytest.mark.parametrize("named", ["/Contents 4 0 R", "/Contents [4 0 R]", "/Contents 6 0 R"])
def test_nesting_in_content_calling_itself_an_image_behind_python_stages_is_refused(
    encode: Callable[[bytes], bytes], filters: str, named: str
) -> None:
    """The pre-scan leaves an image's predictor, LZW and RunLength undone (a byte at a time
    in Python: a minute for a scan's page image), but content called an image is read
    all the same (16,000 nested sequences behind a PNG predictor, LZW or two-byte runs:
    7-13 s and 1.6 GB in PDFium): where a page's ``/Contents`` names the stream, directly,
    in an array or by reference to one, they are undone."""
    if filters.startswith("/P"):
        filters = f"/Filter /FlateDecode /DecodeParms << {filters} >>"
    elif filters == "/LZW":
        filters = "/Filter /LZWDecode"
    else:
        filters = f"/Filter {filters}"

    def made(depth: int) -> bytes:
        data = handmade(encode(_nested(depth)), content_dict=f"/Subtype /Image {filters}")
        data = data.replace(b"/Contents 4 0 R", named.encode(), 1)
        return _append_object(data, b"[4 0 R]")

    assert texts(made(3)) == ["x"]
    refused(made(200), r"max_marked_depth")


def test_a_form_spelt_after_image_is_measured_as_content() -> None:
    """PDFium takes a dictionary's last ``/Subtype``, however spelt (``/Sub#74ype``): a
    stream so named is no image, and its predictor is undone wherever it is named."""
    filters = "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>"
    for subtype in ("/Subtype /Form", "/Sub#74ype /F#6frm"):
        data = handmade(
            zlib.compress(_png_sub(_nested(200))),
            content_dict=f"/Subtype /Image {subtype} {filters}",
        )
        refused(data, r"max_marked_depth")


def test_an_images_predictor_is_not_undone_where_nothing_reads_it_as_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page image behind a predictor (a scan's, tens of MB) is not undone by the
    pre-scan where no ``/Contents`` or ``/CharProcs`` names it."""
    image = zlib.compress(_png_sub(bytes(64)))
    data = _append_object(
        handmade(b"BT /F1 10 Tf 72 700 Td (x) Tj ET"),
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >> "
        b"/Length %d >>\nstream\n%s\nendstream" % (len(image), image),
    )

    def never(*_arguments: object) -> bytes:
        raise AssertionError("the image's predictor was undone")

    monkeypatch.setattr(peerbrief.pdf.filters, "_png", never)
    assert texts(data) == ["x"]


def _png_rows(content: bytes, tag: int, columns: int = 8) -> bytes:
    """``content`` in rows of ``columns`` bytes tagged ``tag`` (PNG's 2, Up: each told as
    its difference from the row above; others: the bytes as they are, which undoing them
    turns into other bytes)."""
    rows = [content[at : at + columns] for at in range(0, len(content), columns)]
    above = [bytes(columns), *rows]
    if tag == 2:
        rows = [
            bytes((a - b) & 0xFF for a, b in zip(row, up, strict=False))
            for row, up in zip(rows, above, strict=False)
        ]
    return b"".join(bytes([tag]) + row for row in rows)


def _undone_a_byte_at_a_time(*_arguments: object) -> bytes:
    raise AssertionError("a predictor was undone a byte at a time beyond the budget")


@pytest.mark.parametrize("tag", [1, 3, 4], ids=["Sub", "Average", "Paeth"])
@pytest.mark.parametrize("streams", [1, 8])
def test_a_predictor_undone_a_byte_at_a_time_beyond_the_budget_is_refused_first(
    tag: int, streams: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PNG's Sub, Average and Paeth rows are undone a byte at a time in Python, by the
    pre-scan and by pypdf: 51 KB of Flate holding 24 MB of Paeth rows ran both backends to
    the time limit (over a minute). What a file's streams other than images may have so
    undone is bounded (a 64th of ``max_stream_bytes``, all streams together), and
    counted from a stream's rows' tags before any is undone (the streams before it within
    the budget are undone)."""
    if streams == 1:
        monkeypatch.setattr(peerbrief.pdf.filters, "_png_row", _undone_a_byte_at_a_time)
        monkeypatch.setattr(FlateDecode, "_decode_png_prediction", _undone_a_byte_at_a_time)
    limits = PdfLimits(max_stream_bytes=1 << 20)
    content = zlib.compress(_png_rows(b" " * ((32 << 10) // streams), tag), 9)
    data = handmade(
        [content] * streams if streams > 1 else content,
        content_dict="/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
    )
    refused(
        data,
        r"safety limit \(its streams have a predictor undo more than 16384 bytes one at a "
        r"time\); if it is genuine, raise PdfLimits\.max_stream_bytes$",
        limits,
    )


def test_a_predictor_key_spelt_with_escapes_is_counted_too() -> None:
    """``/Pr#65dictor`` is ``/Predictor`` to PDFium and to pypdf: its rows are counted."""
    content = zlib.compress(_png_rows(b" " * (32 << 10), 4), 9)
    data = handmade(
        content, content_dict="/Filter /FlateDecode /DecodeParms << /Pr#65dictor 12 /Columns 8 >>"
    )
    refused(data, r"predictor undo more than 16384 bytes", PdfLimits(max_stream_bytes=1 << 20))


def test_up_rows_are_undone_a_row_at_a_time() -> None:
    """Up rows (an xref stream's) are undone a row at a time, each counted as one byte
    (a row's own work costs about a byte's): 256 KiB of them in rows of 64 bytes are
    read, as many in rows of one byte (Columns 1) are refused."""
    content = b"BT /F1 10 Tf 72 700 Td (x) Tj ET\n" + b" " * (256 << 10)
    limits = PdfLimits(max_stream_bytes=1 << 20)

    def made(columns: int) -> bytes:
        return handmade(
            zlib.compress(_png_rows(content, 2, columns)),
            content_dict=(
                f"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns {columns} >>"
            ),
        )

    assert texts(made(64), limits) == ["x"]
    refused(made(1), r"predictor undo more than 16384 bytes", limits)


@pytest.mark.parametrize(
    "note",
    [
        "/Note (stream\n)",
        "/Note (a (stream\n) b)",
        "% stream\n",
        "/stream\n",
        "/Note <</A (stream\n)>>",
    ],
    ids=["string", "nested-string", "comment", "name", "nested-dictionary"],
)
def test_a_keyword_spelt_in_a_streams_dictionary_hides_no_nesting(note: str, backend: str) -> None:
    """A ``stream`` keyword spelt in a string, a comment or a name of a stream's
    dictionary is none for PDFium, which reads the dictionary's tokens from its ``obj``:
    the pre-scan looked for the stream's filters after it only, and read the data as
    having none (16,000 nested sequences behind ASCIIHex: 9-13 s and 1.6 GB in PDFium).
    (pypdf takes the name for the keyword, and finds no text.)"""
    filters = f"/Filter /ASCIIHexDecode {note} "
    if backend == "pypdf" and note.startswith("/stream"):
        refused(handmade(_nested(3).hex().encode() + b">", content_dict=filters), "no text")
        return
    assert texts(handmade(_nested(3).hex().encode() + b">", content_dict=filters)) == ["x"]
    refused(
        handmade(_nested(200).hex().encode() + b">", content_dict=filters),
        r"PdfLimits\.max_marked_depth",
    )


def test_a_bomb_behind_a_keyword_spelt_in_its_dictionary_is_refused(backend: str) -> None:
    """A zlib bomb behind ASCIIHex, its dictionary spelling ``stream`` in a string (8 s and
    2.1 GB in PDFium), is refused at the stream limit. (pypdf refuses the abbreviation.)"""
    bomb = zlib.compress(bytes(40 << 20), 9).hex().encode() + b">"
    data = handmade(bomb, content_dict="/Filter [/AHx /Fl] /Note (stream\n)")
    refused(data, "unreadable PDF" if backend == "pypdf" else r"PdfLimits\.max_stream_bytes")


@pytest.mark.parametrize(
    "keyword", [b"stream  \t\n", b"stream%c\n", b"stream x\r\n"], ids=["spaces", "comment", "word"]
)
def test_a_keyword_followed_by_more_on_its_line_hides_no_nesting(
    keyword: bytes, backend: str
) -> None:
    """PDFium passes over what follows ``stream`` to the line's end: the pre-scan took
    ``stream`` followed by spaces, a comment or a word for no keyword (16,000 nested
    sequences behind ASCIIHex: 13-49 s and 1.6 GB in PDFium). (pypdf refuses it.)"""

    def made(depth: int) -> bytes:
        data = handmade(_nested(depth).hex().encode() + b">", content_dict="/Filter /AHx")
        return data.replace(b">>\nstream\n", b">>\n" + keyword, 1)

    if backend == "pypdf":
        refused(made(3), "broken PDF")
        return
    assert texts(made(3)) == ["x"]
    refused(made(200), r"PdfLimits\.max_marked_depth")


def test_objects_spelt_within_one_another_are_refused(backend: str) -> None:
    """Every ``obj`` is read from, as the cross-reference table may point PDFium at any:
    objects spelt within one another's dictionaries would read the file's bytes n² times;
    beyond four times, the file is refused."""
    inside = b"1 0 obj << " * 3000
    data = handmade(b"BT /F1 10 Tf 72 700 Td (x) Tj ET", content_dict=f"/N ({inside.decode()})")
    if backend == "pypdf":
        assert texts(data) == ["x"]
    else:
        refused(data, r"safety limit \(its objects are spelt within one another")


@pytest.mark.parametrize("word", [b"\nstream\n", b"\nendstream\n"], ids=["stream", "endstream"])
def test_a_keyword_spelt_in_a_streams_data_hides_no_nesting(word: bytes, backend: str) -> None:
    """ASCIIHex passes over what is no digit, and PDFium reads a stream's data to its
    ``/Length`` where ``endstream`` follows: the pre-scan decoded the data only to the next
    ``stream`` spelt in it, and what followed as a stream of no filter (16,000 nested
    sequences so cut into pieces of 48: 18 s and 1.6 GB in PDFium). (pypdf refuses what
    is no digit.)"""
    pieces = [b"/P <<>> BDC ".hex().encode() * 48] * 10
    rest = b"BT /F1 10 Tf 72 700 Td (x) Tj ET" + b" EMC" * 480
    data = handmade(
        word.join([*pieces, rest.hex().encode() + b">"]), content_dict="/Filter /ASCIIHexDecode"
    )
    refused(data, "broken PDF" if backend == "pypdf" else r"PdfLimits\.max_marked_depth")


def test_a_stream_whose_filters_may_be_read_too_many_ways_is_refused(backend: str) -> None:
    """Each ``/Filter`` spelt before a stream is a way PDFium may decode it, each tried in
    turn: 20,000 spelt in one dictionary took the pre-scan to the time limit (227 s).
    Ways that decode alike are tried once; beyond 32 others, the file is refused. (pypdf
    reads the dictionary's own ``/Filter``.)"""
    ways = "".join(f"/N{n} << /Filter [{'/AHx ' * n}] >> " for n in range(1, 40))
    data = handmade(_nested(3).hex().encode(), content_dict=ways + "/Filter /ASCIIHexDecode")
    if backend == "pypdf":
        assert texts(data) == ["x"]
    else:
        refused(data, r"safety limit \(the filters of one of its streams may be read more than 32")


@pytest.mark.parametrize(
    "inside",
    [
        b"(EMC) Tj ",  # a string
        b"((a) EMC) Tj ",  # a string nesting parentheses
        b"(\\) EMC) Tj ",  # an escaped parenthesis
        b"% EMC\n",  # a comment
        b"BI /W 4 /H 1 /BPC 8 /CS /G ID EMC EI ",  # an inline image's data
    ],
)
def test_the_nesting_is_measured_as_pdfium_reads_the_operators(inside: bytes) -> None:
    """An ``EMC`` that is no operator ends no sequence: the nesting stays too deep."""
    refused(handmade(_nested(100, inside)), r"PdfLimits\.max_marked_depth")


@pytest.mark.parametrize(
    "content",
    [
        b"/P BMC BI /W 8 /H 1 /BPC 8 /CS /G ID  EI EMC  EI ",  # "EI" in the image's data
        b"BI /W 0 /H 1 ID (x)EI /P BMC  EI ",  # the data ended by an "EI" after a string
    ],
    ids=["ei-in-data", "ei-after-a-string"],
)
def test_an_inline_images_end_hides_no_nesting(content: bytes, backend: str) -> None:
    """PDFium ends an inline image's data after as many bytes as its dictionary makes (8
    here), then at the first ``EI`` token: the pre-scan ended it at the first " EI " in
    the bytes, and counted the ``EMC`` after it in the data (16,000 so "ended" nested
    16,000 deep in PDFium: 3.3 s), or passed over the ``BMC`` read after a string's
    ``)EI``."""
    reason = r"PdfLimits\.max_marked_depth"
    if backend == "pypdf" and b"(x)EI" in content:
        reason = "no text layer"  # (pypdf reads the rest as the image's data: no text)
    refused(handmade(content * 100), reason)


def test_marked_content_after_an_inline_image_is_read() -> None:
    """Sequences begun and ended after an inline image are read, as many as the limit
    allows: only its stream's ``BDC`` after it count, as begun."""
    limit = PdfLimits().max_marked_depth
    image = b"q 8 0 0 1 72 600 cm BI /W 8 /H 1 /BPC 8 /CS /G ID 01234567 EI Q "
    assert texts(handmade(image + _nested(limit))) == ["x"]
    refused(handmade(image + _nested(limit + 1)), r"PdfLimits\.max_marked_depth")


@pytest.mark.parametrize(
    "hiding",
    [b"[EMC]", b"<EMC>", b"<</A EMC>>", b"[ <0A> EMC ]", b"<</A [EMC]>>"],
    ids=["array", "hexadecimal", "dictionary", "array-of-strings", "nested"],
)
def test_an_emc_that_pdfium_reads_as_an_operand_ends_no_sequence(
    hiding: bytes, backend: str
) -> None:
    """PDFium reads an array's, a dictionary's and a hexadecimal string's words as
    operands: ``/P BMC [EMC] pop`` 8,000 times nested 8,000 deep in PDFium (1 s, four
    times that for twice as many), and the pre-scan counted each EMC. (pypdf refuses a
    word in an array or a dictionary as a broken PDF.)"""
    reason = r"PdfLimits\.max_marked_depth" + (r"|broken PDF" if backend == "pypdf" else "")
    refused(handmade((b"/P BMC " + hiding + b" pop ") * 100), reason)


@pytest.mark.parametrize("where", [b"ID", b"[ID]", b"<</A ID>>"])
def test_an_id_after_no_inline_images_dictionary_hides_nothing(where: bytes, backend: str) -> None:
    """Only ``BI``'s dictionary ends at ``ID`` with the image's data: a bare ``ID`` (or one
    in an array, a dictionary) is no image, and the pre-scan skipped to an ``EI`` that never
    came, passing over the nesting after it."""
    reason = r"PdfLimits\.max_marked_depth" + (r"|broken PDF" if backend == "pypdf" else "")
    refused(handmade(where + b" " + b"/P BMC " * 100), reason)


def test_marked_content_operators_that_are_no_operators_are_not_counted() -> None:
    """A string, a name or a word that holds ``BDC`` begins no sequence (BMC Public
    Health is a journal a brief cites on every page)."""
    content = (
        b"BT /F1 10 Tf 72 700 Td "
        + b"(BMC Public Health BDC) Tj /BDC /BMC 1 Tz xBDC " * 200
        + b"(x) Tj ET"
        + b" /P <</MCID 0>> BDC EMC" * 200
    )
    assert texts(handmade(content))[-1].endswith("x")


def test_a_huge_declared_page_count_is_refused_or_ignored(backend: str) -> None:
    """pypdf refuses the declared count before reading; PDFium ignores it and counts the
    page tree itself (one page here)."""
    data = handmade(
        b"BT /F1 10 Tf 72 700 Td (x) Tj ET", pages_dict="/Kids [3 0 R] /Count 900000000"
    )
    if backend == "pypdf":
        refused(data, r"more than 1000 pages")
    else:
        assert texts(data) == ["x"]


def test_a_page_tree_listing_one_page_many_times_is_refused_or_read_once(backend: str) -> None:
    """pypdf counts every entry (and refuses 50,000); PDFium reads the repeated page once."""
    kids = " ".join(["3 0 R"] * 50_000)
    data = handmade(b"BT /F1 10 Tf 72 700 Td (x) Tj ET", pages_dict=f"/Kids [{kids}] /Count 1")
    if backend == "pypdf":
        refused(data, r"more than 1000 pages")
    else:
        assert texts(data) == ["x"]


def test_the_page_limit_can_be_adjusted() -> None:
    data = typeset("one", "two", "three")
    refused(data, r"more than 2 pages \(PdfLimits.max_pages, --max-pages\)", PdfLimits(max_pages=2))
    assert " ".join(texts(data, PdfLimits(max_pages=3))) == "one two three"


def test_the_time_limit_is_checked() -> None:
    refused(
        typeset("Peer support"),
        r"took longer than 1e-09 s \(PdfLimits.max_seconds, --timeout\)",
        PdfLimits(max_seconds=1e-9),
    )


@pytest.mark.parametrize(
    "field",
    [
        "max_pages",
        "max_stream_bytes",
        "max_seconds",
        "max_glyphs",
        "max_marked_depth",
        "max_link_length",
    ],
)
def test_limits_must_be_positive(field: str) -> None:
    with pytest.raises(UsageError, match=field):  # a PeerbriefError, and a ValueError
        PdfLimits(**{field: 0})


def test_the_glyph_limit_bounds_what_is_kept() -> None:
    """Wide runs on many pages (a few KB compressed) cost memory per glyph: refused at the
    limit, whichever page reaches it."""
    wide = b"BT /F1 1 Tf 0 700 Td " + (b"(" + b"x" * 4000 + b") Tj ") * 50 + b"ET"
    data = handmade(zlib.compress(wide), content_dict="/Filter /FlateDecode")
    assert len(data) < 5000
    refused(
        data, r"more than 100000 characters \(PdfLimits.max_glyphs\)", PdfLimits(max_glyphs=100_000)
    )
    assert len(texts(data, PdfLimits(max_glyphs=200_000))) == 1


@pytest.mark.parametrize(
    "operand", [b"9" * 60, b"-" + b"9" * 40 + b".5", b"1e999", b"nan", b"-Infinity"]
)
@pytest.mark.parametrize(
    "template",
    [
        b"BT /F1 10 Tf {} 0 0 1 72 700 Tm (Peer) Tj ET",
        b"{} 0 0 1 0 0 cm BT /F1 10 Tf 72 700 Td (Peer) Tj ET",
        b"BT /F1 {} Tf 72 700 Td (Peer) Tj ET",
        b"BT /F1 10 Tf 72 700 Td [(Pe) {} (er)] TJ ET",
        b"BT /F1 10 Tf {} Tc 72 700 Td (Peer) Tj ET",
        # Sane numbers whose product overflows: infinity, then NaN (inf * 0).
        b"q " + b"{} 0 0 1000000 0 0 cm " * 60 + b"BT /F1 10 Tf 72 700 Td (Peer) Tj ET Q",
    ],
)
def test_absurd_numbers_never_crash(template: bytes, operand: bytes) -> None:
    """Numbers beyond any page, and products of numbers that overflow to infinity (then NaN),
    are rejected where they enter: the text they place is kept or dropped, or the file is
    refused (pypdf refuses tokens it cannot parse), in one line — never a crash."""
    data = handmade(template.replace(b"{}", operand))
    try:
        found = texts(data)
    except InputError as error:
        assert str(error).startswith("brief.pdf: ") and "\n" not in str(error), error
    else:
        assert all(set(text) <= set("Per ") for text in found), found


def test_an_absurd_link_rectangle_is_ignored() -> None:
    rect = "[" + "9" * 40 + ".0 0 1000 -" + "9" * 40 + "]"
    data = handmade(b"BT /F1 10 Tf 72 700 Td (Peer support) Tj ET").replace(
        b"/Contents 4 0 R",
        f"/Contents 4 0 R /Annots [<< /Subtype /Link /Rect {rect} /A << /S /URI /URI (https://example.org) >> >>]".encode(),
    )
    assert texts(_fix_xref(data)) == ["Peer support"]


def test_thousands_of_links_on_a_line_are_matched_by_lookup() -> None:
    """5,000 link rectangles over one line: the first that covers a word is its link."""
    links = " ".join(
        f"<< /Subtype /Link /Rect [{72 + i % 50} 695 {300 - i % 50} 712] "
        f"/A << /S /URI /URI (https://example.org/{i}) >> >>"
        for i in range(5000)
    )
    data = handmade(b"BT /F1 10 Tf 72 700 Td (Peer support) Tj ET").replace(
        b"/Contents 4 0 R", f"/Contents 4 0 R /Annots [{links}]".encode()
    )
    assert texts(_fix_xref(data)) == ["[Peer support](https://example.org/0)"]


def _linked(uri: str, *, base: str = "", count: int = 1) -> bytes:
    """A ``handmade`` PDF whose one line of text links to ``uri``, by ``count`` link
    annotations (the catalog's ``/URI /Base``: ``base``, when given)."""
    annotation = b"<< /Subtype /Link /Rect [72 695 300 712] /A << /S /URI /URI (%s) >> >>"
    annotations = b" ".join([annotation % uri.encode()] * count)
    data = handmade(b"BT /F1 10 Tf 72 700 Td (Peer support) Tj ET").replace(
        b"/Contents 4 0 R", b"/Contents 4 0 R /Annots [" + annotations + b"]"
    )
    if base:
        catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
        data = data.replace(catalog, catalog[:-2] + b"/URI << /Base (" + base.encode() + b") >> >>")
    return _fix_xref(data)


@pytest.mark.parametrize("limit", [100, PdfLimits().max_link_length])
def test_a_link_longer_than_the_limit_refuses_the_pdf(limit: int) -> None:
    """No genuine link is 64 KiB long; one of 5 MB cost every stage after the backend
    seconds and 750 MB. A link of the limit's length is read; one character more is refused."""
    limits = PdfLimits(max_link_length=limit)
    address = "https://example.org/"
    address += "a" * (limit - len(address))
    assert texts(_linked(address), limits) == [f"[Peer support]({address})"]
    message = refused(_linked(address + "a"), r"PdfLimits\.max_link_length", limits)
    assert f"a link on page 1 gives an address longer than {limit} characters" in message


def test_a_relative_link_is_measured_joined_to_its_base() -> None:
    """A relative address is read joined to the catalog's base: a long base makes every
    relative link on every page long."""
    limits = PdfLimits(max_link_length=100)
    assert texts(_linked("guide", base="https://example.org/"), limits) == [
        "[Peer support](https://example.org/guide)"
    ]
    refused(_linked("guide", base="https://example.org/" + "a" * 80), r"max_link_length", limits)


def test_links_sharing_one_address_are_measured_together() -> None:
    """Links within the limit each, on one page, together beyond 16 times it: each is
    copied out and matched on its own, even when all share one address (10,000 of 60 KB
    took 630 MB)."""
    limits = PdfLimits(max_link_length=100)
    address = "https://example.org/" + "a" * 80
    assert texts(_linked(address, count=16), limits) == [f"[Peer support]({address})"]
    message = refused(_linked(address, count=17), r"PdfLimits\.max_link_length", limits)
    assert "the links on page 1 give addresses longer than 1600 characters" in message


def test_a_page_of_more_annotations_than_any_brief_is_refused_before_they_are_read() -> None:
    """Each link is read and matched to the text: 200,000 on a page ran both backends
    over a minute (30 MB). A page may hold 10,000 annotations (5,000 over one line are
    read: :func:`test_thousands_of_links_on_a_line_are_matched_by_lookup`); one beyond
    is refused before any is read."""
    link = b"<< /Subtype /Link /Rect [72 695 300 712] /A << /S /URI /URI (https://a.org/) >> >>"

    def made(count: int) -> bytes:
        data = handmade(b"BT /F1 10 Tf 72 700 Td (Peer support) Tj ET")
        annotations = b"/Contents 4 0 R /Annots [" + b" ".join([link] * count) + b"]"
        return _fix_xref(data.replace(b"/Contents 4 0 R", annotations))

    assert texts(made(2)) == ["[Peer support](https://a.org/)"]
    refused(made(10_001), r"safety limit \(page 1 has more than 10000 annotations\); the file")


def test_a_fixed_pypdf_limit_names_no_setting_that_does_not_exist(backend: str) -> None:
    """An array longer than pypdf allows (100,000 items) is one of pypdf's fixed limits;
    PDFium has no such limit and reads the page."""
    huge = b"BT /F1 10 Tf 72 700 Td [" + b"0 " * 100_001 + b"(Peer)] TJ ET"
    data = handmade(zlib.compress(huge), content_dict="/Filter /FlateDecode")
    if backend == "pdfium":
        assert texts(data) == ["Peer"]
        return
    message = refused(data, r"fixed safety limit")
    assert "PdfLimits" not in message


@pytest.mark.parametrize("limit", ["max_stream_bytes", "max_pages"])
def test_every_setting_a_message_names_exists(limit: str) -> None:
    small = PdfLimits(max_stream_bytes=1 << 20, max_pages=1)
    data = _bomb(inflated=4 << 20) if limit == "max_stream_bytes" else typeset("one", "two")
    message = refused(data, rf"PdfLimits\.{limit}", small)
    named = re.findall(r"PdfLimits\.(\w+)", message)
    assert all(hasattr(PdfLimits(), name) for name in named), message


def test_a_failure_inside_the_layout_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong past the backends' own checks is still one line and exit 2."""
    import peerbrief.pdf.paragraphs

    def broken(*_args: object) -> None:
        raise StopIteration

    monkeypatch.setattr(peerbrief.pdf, "paragraphs", broken)
    refused(typeset("Peer support"), r"unreadable PDF \(StopIteration\)")


# -- helpers for hand-made files ----------------------------------------------------------------


def _append_object(data: bytes, body: bytes) -> bytes:
    """Add object 6 to a ``handmade`` PDF, rewriting its cross-reference table."""
    start = data.index(b"xref\n")
    return _fix_xref(data[:start] + b"6 0 obj\n" + body + b"\nendobj\n")


def _packed(page_content: bytes, filters: bytes) -> bytes:
    """A ``handmade`` PDF whose content stream's ``/Filter`` is object 6, ``filters``, kept
    compressed in an object stream (7), as a cross-reference stream (8) lists it."""
    data = handmade(page_content, content_dict="/Filter 6 0 R")
    data = data[: data.index(b"xref\n")]
    packed = zlib.compress(b"6 0 " + filters)
    data += b"7 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\n" % len(
        packed
    )
    data += b"stream\n" + packed + b"\nendstream\nendobj\n"
    offsets = {int(m[1]): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj\n", data)}
    xref = len(data)
    offsets[8] = xref
    rows = b"\x00" + bytes(4) + b"\xff"
    for number in range(1, 9):
        kind, where = (2, 7) if number == 6 else (1, offsets[number])
        rows += bytes([kind]) + where.to_bytes(4, "big") + b"\x00"
    data += b"8 0 obj\n<< /Type /XRef /Size 9 /W [1 4 1] /Root 1 0 R /Length %d >>\n" % len(rows)
    return data + b"stream\n" + rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref


def _fix_xref(data: bytes) -> bytes:
    """Rewrite the cross-reference table of a PDF whose objects were edited in place."""
    head = data[: data.index(b"xref\n")] if b"xref\n" in data else data
    offsets = [match.start() for match in re.finditer(rb"(?m)^\d+ 0 obj\n", head)]
    xref = len(head)
    table = f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    table += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return head + table + trailer.encode()


# -- forms drawing forms -----------------------------------------------------------------------


def _forms(
    depth: int, draws: int, *, name: str = "/Next", indirect: bool = False, inherit: bool = False
) -> bytes:
    """A ``handmade`` PDF whose page draws form 6, which shows a word and draws form 7
    ``draws`` times as ``name`` (the name its ``/XObject`` dictionary gives is /Next), and
    so on, ``depth`` forms deep; ``depth`` 0: form 6 draws itself. ``indirect``: each
    form's ``/XObject`` dictionary is an object of its own; ``inherit``: forms have none,
    and PDFium looks their names up in the page's."""
    count = max(depth, 1)
    data = handmade(b"/Next Do", extra="/XObject << /Next 6 0 R >>")
    data = data[: data.index(b"xref\n")]
    for level in range(count):
        number = 6 + level
        target = number if depth == 0 else number + 1
        drawn = depth == 0 or level + 1 < depth
        content = f"BT /F1 10 Tf 72 {700 - 20 * level} Td (Level{level}) Tj ET".encode()
        content += f" {name} Do".encode() * draws if drawn else b""
        xobjects = f"<< /Next {target} 0 R >>" if drawn else "<< >>"
        if indirect:
            xobjects = f"{number + count} 0 R"
        xobjects = "" if inherit else f"/XObject {xobjects}"
        data += (
            (
                f"{number} 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources "
                f"<< /Font << /F1 5 0 R >> {xobjects} >> /Length {len(content)} >>\n"
                "stream\n"
            ).encode()
            + content
            + b"\nendstream\nendobj\n"
        )
    for level in range(count if indirect else 0):
        target = 6 + level if depth == 0 else 7 + level
        mapping = f"<< /Next {target} 0 R >>" if depth == 0 or level + 1 < depth else "<< >>"
        data += f"{6 + count + level} 0 obj\n{mapping}\nendobj\n".encode()
    return _fix_xref(data)


@pytest.mark.parametrize(
    ("depth", "name", "indirect", "inherit"),
    [
        (24, "/Next", False, False),
        (0, "/Next", False, False),
        (24, "/N#65xt", False, False),
        (24, "/Next", True, False),
        (0, "/Next", False, True),
    ],
)
def test_forms_drawing_forms_exponentially_are_refused_before_pdfium_reads_them(
    depth: int, name: str, indirect: bool, inherit: bool, backend: str
) -> None:
    """Each form draws the next twice (or itself twice): PDFium parses a form again at each
    draw, 2^24 times in one call (minutes, 1.5 GB); pypdf reads a bounded number."""
    data = _forms(depth, 2, name=name, indirect=indirect, inherit=inherit)
    if backend == "pdfium":
        refused(data, r"draws more than 10000 forms.*PdfLimits\.max_form_draws")
    else:
        assert "Level0" in " ".join(texts(data))


def test_forms_drawing_forms_a_few_times_are_read(backend: str) -> None:
    data = _forms(3, 3)
    words = " ".join(texts(data)).split()
    assert {"Level0", "Level1", "Level2"} <= set(words)


def test_the_form_draws_limit_is_a_setting() -> None:
    data = _forms(6, 3)  # (1 + 3 + 9 + 27 + 81 + 243 + 729 forms drawn from the page)
    assert "Level5" in " ".join(texts(data))
    if peerbrief.pdf.default_backend() == "pdfium":
        refused(data, "more than 1000 forms", PdfLimits(max_form_draws=1000))
