"""What print shops, PDF tools and word processors do to a PDF, read alike by both
backends: text outside the crop box (a print-ready PDF's slug lines) is not the page's;
a link URI relative to the catalog's ``/URI /Base`` is resolved against it; text drawn
twice for fake bold reads once."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

import peerbrief.pdf
from peerbrief.pdf import BACKENDS

_WIN_ANSI = NameObject("/WinAnsiEncoding")
_BODY = (
    b"BT /F1 10 Tf 72 700 Td (Peer support roles in mental health services) Tj ET "
    b"BT /F1 10 Tf 72 686 Td (Abstract: a guide to peer support in teams.) Tj ET "
)


def one_page_pdf(
    content: bytes,
    *,
    media: tuple[float, ...] = (0, 0, 595, 842),
    crop: tuple[float, ...] | None = None,
    link: tuple[tuple[float, ...], str] | None = None,
    base_uri: str | None = None,
    encoding: PdfObject = _WIN_ANSI,
    boxes_in_page_tree: bool = False,
) -> bytes:
    """``boxes_in_page_tree``: the boxes are set on the page tree's root, for the page to
    inherit (as xdvipdfmx writes them), not on the page."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    tree = writer.root_object["/Pages"].get_object()
    assert isinstance(tree, DictionaryObject)
    holder = tree if boxes_in_page_tree else page
    del page[NameObject("/MediaBox")]
    holder[NameObject("/MediaBox")] = ArrayObject(FloatObject(value) for value in media)
    if crop is not None:
        holder[NameObject("/CropBox")] = ArrayObject(FloatObject(value) for value in crop)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): encoding,
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    stream = ContentStream(None, writer)
    stream.set_data(content)
    page.replace_contents(stream)
    if link is not None:
        rect, uri = link
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(FloatObject(value) for value in rect),
                NameObject("/A"): DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/URI"),
                        NameObject("/URI"): TextStringObject(uri),
                    }
                ),
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    if base_uri is not None:
        writer._root_object[NameObject("/URI")] = DictionaryObject(
            {NameObject("/Base"): TextStringObject(base_uri)}
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _texts(data: bytes, backend: str) -> list[str]:
    return [line.text for line in peerbrief.pdf.pdf_lines(data, "box.pdf", backend=backend)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_outside_the_crop_box_is_not_read(backend: str) -> None:
    """A print-ready PDF: the media box holds the crop marks and a printer's notes around
    the page, the crop box is the page. The notes are on no page anyone sees; read, one
    ran into the middle of an abstract."""
    slugs = (
        b"BT /F1 7 Tf 10 852 Td (Printer note: colour profile ISO Coated v2) Tj ET "
        b"BT /F1 7 Tf 10 -25 Td (brief_final_v3.indd 3 30/11/2026 10:23) Tj ET "
        b"BT /F1 7 Tf -38 400 Td (Proof) Tj ET "
    )
    data = one_page_pdf(_BODY + slugs, media=(-40, -40, 635, 882), crop=(0, 0, 595, 842))
    assert _texts(data, backend) == [
        "Peer support roles in mental health services",
        "Abstract: a guide to peer support in teams.",
    ]
    # The same text inside the page is read: the boxes, not the words, decide.
    inside = one_page_pdf(_BODY + slugs, media=(-40, -40, 635, 882))
    assert any("Printer note" in text for text in _texts(inside, backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_page_reads_to_the_boxes_it_inherits_from_the_page_tree(backend: str) -> None:
    """xdvipdfmx (XeLaTeX) sets the media box on the page tree, not on each page. Read as
    a US Letter page (PDFium's answer for a page without a box of its own), an A4 page
    lost its top 50 points, the running header, without a word."""
    header = b"BT /F1 9 Tf 72 815 Td (Evidence Brief: Peer Support Workers) Tj ET "
    data = one_page_pdf(header + _BODY, boxes_in_page_tree=True)
    assert _texts(data, backend)[0] == "Evidence Brief: Peer Support Workers"
    slug = b"BT /F1 7 Tf 10 852 Td (Printer note: colour profile ISO Coated v2) Tj ET "
    cropped = one_page_pdf(
        _BODY + slug, media=(-40, -40, 635, 882), crop=(0, 0, 595, 842), boxes_in_page_tree=True
    )
    assert "Printer note" not in " ".join(_texts(cropped, backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_outside_the_media_box_is_not_read(backend: str) -> None:
    hidden = b"BT /F1 10 Tf 72 -200 Td (Hidden words off the page) Tj ET "
    assert "Hidden" not in " ".join(_texts(one_page_pdf(_BODY + hidden), backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_line_overflowing_the_page_edge_is_read_whole(backend: str) -> None:
    """``dvips`` cannot break a link across lines: a long title runs off the page. What
    starts on the page is text the document has."""
    long_title = (
        b"BT /F1 10 Tf 400 600 Td (Peer support workers: a practice guide to implementation) Tj ET"
    )
    assert _texts(one_page_pdf(long_title), backend) == [
        "Peer support workers: a practice guide to implementation"
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_relative_link_is_resolved_against_the_documents_base_uri(backend: str) -> None:
    data = one_page_pdf(
        _BODY,
        link=((70, 695, 300, 712), "publication/peer-support-roles/"),
        base_uri="https://www.england.nhs.uk/",
    )
    assert _texts(data, backend)[0] == (
        "[Peer support roles in mental health services]"
        "(https://www.england.nhs.uk/publication/peer-support-roles/)"
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_drawn_twice_for_fake_bold_reads_once(backend: str) -> None:
    """A word processor's fake bold: each piece of a line (a link's colour starts one)
    drawn, then drawn again a third of a point to the right. PDFium leaves the repeats
    out; the pypdf backend joined each repeat to the next piece, ``intervention`` to
    the full stop after it, and read ``interventionintervention..``."""
    pieces = ["Peer support is a ", "supported self-management intervention", ". It happens"]
    content, x = b"", 72.0
    for piece in pieces:
        for shift in (0.0, 0.35):
            content += f"BT /F1 10 Tf {x + shift:.2f} 700 Td ({piece}) Tj ET ".encode()
        x += stringWidth(piece, "Helvetica", 10)
    assert _texts(one_page_pdf(content), backend) == [
        "Peer support is a supported self-management intervention. It happens"
    ]


def _renamed_glyphs_pdf(content: bytes) -> bytes:
    """A PDF whose font names the semicolon and the hyphen as MuPDF's ``mutool convert``
    writes them: U+037E GREEK QUESTION MARK and U+00AD SOFT HYPHEN."""
    return one_page_pdf(
        content,
        encoding=DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Encoding"),
                NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
                NameObject("/Differences"): ArrayObject(
                    [
                        NumberObject(45),
                        NameObject("/uni00AD"),
                        NumberObject(59),
                        NameObject("/uni037E"),
                    ]
                ),
            }
        ),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_font_naming_hyphens_soft_and_semicolons_greek_reads_as_drawn(backend: str) -> None:
    """The semicolon looked right and matched nothing; the hyphens were removed as
    invisible (``cooccurrence``, ``workers people``) or, at a line end, joined the
    compound as a word hyphenated there (``healthcare``)."""
    from peerbrief.pdf import PdfLimits, _open

    content = (
        b"BT /F1 10 Tf 72 700 Td (Peer workers - people with co-occurrence; the) Tj ET "
        b"BT /F1 10 Tf 72 686 Td (multidisciplinary mental health-) Tj ET "
        b"BT /F1 10 Tf 72 672 Td (care teams) Tj ET "
    )
    limits = PdfLimits()
    data = _renamed_glyphs_pdf(content)
    document = _open(backend, data, "mutool.pdf", limits, limits.deadline("mutool.pdf"))
    try:
        runs = [run.text for run in document.page(1).runs]
    finally:
        document.close()
    assert runs == [
        "Peer workers - people with co-occurrence; the",
        "multidisciplinary mental health-",
        "care teams",
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_soft_hyphen_only_at_line_ends_still_joins_its_word(backend: str) -> None:
    """A word processor's soft hyphen, drawn where it broke a line: the word is whole."""
    content = (
        b"BT /F1 10 Tf 72 700 Td (Peer workers in multidisciplinary teams and inter-) Tj ET "
        b"BT /F1 10 Tf 72 686 Td (professional care settings) Tj ET "
    )
    whole = {
        "pypdf": "interprofessional",
        # PDFium does not say whether a line-end hyphen was soft (see the README).
        "pdfium": "inter-professional",
    }[backend]
    assert _texts(_renamed_glyphs_pdf(content), backend) == [
        f"Peer workers in multidisciplinary teams and {whole} care settings"
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_actual_text_stands_for_its_glyphs_in_both_backends(backend: str) -> None:
    """A ligature drawn as a glyph with no Unicode value, a word drawn broken: the
    marked content's ``/ActualText`` says what they are. PDFium reads it; the pypdf
    backend read the glyphs (``oxcers``), and the backends gave different entries."""
    ligature = b"/Span <</ActualText (ffi)>> BDC (x) Tj EMC"
    pieces = b"/Span <</ActualText (self-management)>> BDC (selfmanage-) Tj EMC"
    content = (
        b"/P <</MCID 0>> BDC BT /F1 10 Tf 72 700 Td (Peer support o) Tj "
        + ligature
        + b" (cers in a ) Tj "
        + pieces
        + b" ( tool) Tj ET EMC"
    )
    assert _texts(one_page_pdf(content), backend) == [
        "Peer support officers in a self-management tool"
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_code_win_ansi_leaves_unused_is_a_bullet_in_both_backends(backend: str) -> None:
    """reportlab writes a bullet (U+2022) in the standard fonts as code 177 (octal), which
    WinAnsiEncoding leaves unused and the PDF standard maps to the bullet, as PDFium
    does; read as a control character, the pypdf backend dropped the list's bullets."""
    items = (
        b"BT /F1 10 Tf 72 700 Td (The themes:) Tj ET "
        b"BT /F1 10 Tf 80 686 Td (\\177) Tj ET BT /F1 10 Tf 92 686 Td (Workforce size) Tj ET "
        b"BT /F1 10 Tf 80 672 Td (\\201) Tj ET BT /F1 10 Tf 92 672 Td (Workforce demographics) Tj ET "
    )
    assert _texts(one_page_pdf(items), backend) == [
        "The themes:",
        "- Workforce size",
        "- Workforce demographics",
    ]


def _tagged_pdf(content: bytes, elements: list[tuple[str, str | None]]) -> bytes:
    """A one-page tagged PDF: ``elements`` are (structure type, /ActualText or None), one
    structure element per marked-content id 0, 1, … of ``content``, as LibreOffice tags
    a page (a parent tree, the page's /StructParents, /MarkInfo)."""
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(one_page_pdf(content))))
    page = writer.pages[0]
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_reference = writer._add_object(root)
    kids = ArrayObject()
    for mcid, (kind, actual_text) in enumerate(elements):
        element = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/" + kind),
                NameObject("/P"): root_reference,
                NameObject("/Pg"): page.indirect_reference,
                NameObject("/K"): NumberObject(mcid),
            }
        )
        if actual_text is not None:
            element[NameObject("/ActualText")] = TextStringObject(actual_text)
        kids.append(writer._add_object(element))
    root[NameObject("/K")] = kids
    root[NameObject("/ParentTree")] = DictionaryObject(
        {NameObject("/Nums"): ArrayObject([NumberObject(0), kids])}
    )
    page[NameObject("/StructParents")] = NumberObject(0)
    writer._root_object[NameObject("/StructTreeRoot")] = root_reference
    writer._root_object[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_hyphen_the_structure_tree_marks_soft_joins_its_word(backend: str) -> None:
    """LibreOffice's tagged PDF draws a hyphen it hyphenated a word with as a ``/Span``
    of its own whose structure element's ``/ActualText`` is a soft hyphen: the word is
    one (``interprofessional``), though the document spells it nowhere else. A hyphen
    whose element says nothing is the text's own, and stays."""
    first = "Peer workers in multidisciplinary teams and inter"
    end = 72 + stringWidth(first, "Helvetica", 10)
    content = (
        b"/P <</MCID 0>> BDC BT /F1 10 Tf 72 700 Td (" + first.encode() + b") Tj ET EMC "
        b"/Span <</MCID 1>> BDC BT /F1 10 Tf %.3f 700 Td (-) Tj ET EMC "
        b"/P <</MCID 2>> BDC BT /F1 10 Tf 72 686 Td (professional care settings) Tj ET EMC"
    ) % end
    soft = _tagged_pdf(content, [("P", None), ("Span", "\u00ad"), ("P", None)])
    assert _texts(soft, backend) == [
        "Peer workers in multidisciplinary teams and interprofessional care settings"
    ]
    plain = _tagged_pdf(content, [("P", None), ("Span", None), ("P", None)])
    assert _texts(plain, backend) == [
        "Peer workers in multidisciplinary teams and inter-professional care settings"
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_soft_hyphen_pdfium_reads_out_of_its_lines_order_joins_its_word(backend: str) -> None:
    """LibreOffice draws a line's superscripts after its text, and its soft hyphen (a
    ``/Span`` the structure tree marks) last: PDFium reads the superscript between the
    word and the hyphen, so does not mark the hyphen as one ending a line, and the pdfium
    backend kept it (``ser-vice users`` in the hyphenated sample)."""
    words = "Peer workers in teams"
    width = stringWidth(words, "Helvetica", 10)
    after = 72 + width + 4
    end = after + stringWidth(" and inter", "Helvetica", 10)
    content = (
        b"/P <</MCID 0>> BDC BT /F1 10 Tf 72 700 Td (" + words.encode() + b") Tj ET "
        b"BT /F1 10 Tf %.3f 700 Td ( and inter) Tj ET EMC "
        % after
        + b"/Span <</MCID 1>> BDC BT /F1 6 Tf %.3f 704 Td (6) Tj ET EMC " % (72 + width + 0.5)
        + b"/Span <</MCID 2>> BDC BT /F1 10 Tf %.3f 700 Td (-) Tj ET EMC " % end
        + b"/P <</MCID 3>> BDC BT /F1 10 Tf 72 686 Td (professional care settings) Tj ET EMC"
    )
    soft = _tagged_pdf(content, [("P", None), ("Span", None), ("Span", "\u00ad"), ("P", None)])
    assert _texts(soft, backend) == [
        "Peer workers in teams^{6} and interprofessional care settings"
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_hyphen_an_inline_actual_text_marks_soft_joins_its_word(backend: str) -> None:
    """Typst draws a hyphen it hyphenated a word with in a marked-content sequence whose
    inline ``/ActualText`` is a soft hyphen (UTF-16 with its byte order mark), in a
    ``BT`` of its own. PDFium's text page reads it as any hyphen at a line end, and the
    pdfium backend kept it (``inter-professional``) where the pypdf backend joined the
    word; a tagged PDF is not needed."""
    first = "Peer workers in multidisciplinary teams and inter"
    end = 72 + stringWidth(first, "Helvetica", 10)
    content = (
        b"BT /F1 10 Tf 72 700 Td (" + first.encode() + b") Tj ET "
        b"/Span <</ActualText <FEFF00AD>>> BDC BT /F1 10 Tf %.3f 700 Td (-) Tj ET EMC "
        b"BT /F1 10 Tf 72 686 Td (professional care settings) Tj ET"
    ) % end
    assert _texts(one_page_pdf(content), backend) == [
        "Peer workers in multidisciplinary teams and interprofessional care settings"
    ]
