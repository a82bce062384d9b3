"""Stage 1 for PDFs: a published brief → one :class:`~peerbrief.lines.Line` per paragraph,
in the export's dialect (``[Title](URL)`` links, TABs in the Contents).

The rest of the pipeline reads the markdown dialect of the text export, so this
package rebuilds it from the PDF's glyphs and link annotations, in three steps:

1. a **backend** reads each page into glyph runs and link rectangles
   (:mod:`.backend` is the boundary): :mod:`.pdfium` (PDFium through pypdfium2, the
   default) or :mod:`.pypdf` (pure Python, the fallback when pypdfium2 cannot be
   imported);
2. :mod:`.layout` turns one page's runs into physical lines (words, tabs,
   superscripts, bullets, links), page by page, so that the glyphs of one page at
   most are in memory; :mod:`.pages` does steps 1 and 2 for every page, the second
   half in a second process for a long document;
3. :mod:`.paragraphs` joins the document's physical lines into paragraphs and finds
   running headers, page numbers and hyphenation.

Emphasis (bold, italics) is not written out: it carries no bibliographic meaning.

Hostile or broken files end in :class:`~peerbrief.errors.InputError` with a one-line
message, never a traceback: encrypted files (unless the empty password opens them),
truncated or corrupt ones, files without a text layer or whose text is a cipher of glyph
numbers (:func:`refuse_undecodable`; text PDFium cannot decode is read again with pypdf
first, unless a backend was chosen; fewer such glyphs are left out and reported), and
files beyond
:class:`PdfLimits` (pages, decompressed size, glyphs, time). One deadline covers every
step; any exception from a backend's library or from the layout is an InputError too.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from importlib import import_module

from ..errors import InputError, UsageError
from ..limits import Deadline
from ..lines import Line
from ..model import Reason
from .backend import Document
from .limits import PdfLimits
from .pages import PageRead, Progress, read_pages
from .paragraphs import paragraphs

__all__ = [
    "BACKENDS",
    "GARBLING_PRODUCERS",
    "OCR_PROGRAMS",
    "PdfLimits",
    "Progress",
    "UndecodableText",
    "default_backend",
    "pdf_lines",
    "refuse_undecodable",
]

BACKENDS = ("pdfium", "pypdf")
"""The backends by name: ``pdfium`` (fast, a binary wheel) and ``pypdf`` (pure Python)."""

_EOF_WINDOW = 8192  # a complete PDF ends with %%EOF, give or take trailing junk
_DECODES_GLYPH_NAMES = "pypdf"


UNDECODABLE_SHARE = 0.001
"""The share of undecodable glyphs (:attr:`.backend.Page.undecodable`) from which a PDF's
text is refused. A text layer with a Unicode map for every font has none (none of 36
PDFs from 14 producers, through either backend); a font without a map gives glyph
numbers for characters, so every glyph numbered below 32 (the space among them, several
in every hundred glyphs) is a control character, and the rest of its text a cipher. One
font is enough to do harm: the bold one gone, every heading is lost (0.5 % of the
glyphs)."""
_UNDECODABLE_LEAST = 20  # glyphs: a stray symbol or two is not a cipher


class UndecodableText(InputError):
    """The PDF's text is a cipher of glyph numbers (see :func:`refuse_undecodable`)."""


def _lost(pages: Sequence[PageRead]) -> int:
    """The glyphs left out as undecodable (:attr:`.backend.Page.undecodable`)."""
    return sum(page.undecodable for page in pages)


def refuse_undecodable(pages: Sequence[PageRead], source: str) -> None:
    """Raise :class:`UndecodableText` when the text of the pages is a cipher: more than
    :data:`UNDECODABLE_SHARE` of the glyphs shown are undecodable. Reading it would give
    references made of glyph numbers (``6XSSRUW``), and no report could say so."""
    undecodable = _lost(pages)
    shown = undecodable + sum(page.characters for page in pages)
    if undecodable >= _UNDECODABLE_LEAST and undecodable > UNDECODABLE_SHARE * shown:
        raise UndecodableText(
            f"{source}: the PDF's text cannot be decoded ({undecodable} of {shown} characters "
            "are glyph numbers or control characters: a font has no map to Unicode, or a "
            "wrong one); run OCR on it (e.g. ocrmypdf --force-ocr) and try again"
        )


_PAGES_NAMED = 10  # in a report of undecodable glyphs: the rest are counted


def _undecodable_noted(
    lines: list[Line], pages: Sequence[PageRead], *, pypdf_untried: bool
) -> list[Line]:
    """``lines`` after a line telling how many glyphs were left out as undecodable, and on
    which pages, set aside (:attr:`peerbrief.model.Reason.UNDECODABLE_GLYPHS`), when some
    were: too few to refuse the text as a cipher, but each a character lost. A sound text
    layer has none (see :data:`UNDECODABLE_SHARE`), and nothing else tells that a title
    lost its dash. ``pypdf_untried``: another backend was chosen, so the line names pypdf,
    which decodes more (a Type 3 font's glyph names)."""
    where = [number for number, page in enumerate(pages, 1) if page.undecodable]
    if not where:
        return lines
    lost = _lost(pages)
    why = (
        "its font maps it to a control character, not to the character it draws"
        if lost == 1
        else "their font maps them to control characters, not to the characters they draw"
    )
    text = f"{lost} glyph{'s' * (lost != 1)} left out on {_pages_listed(where)}: {why}"
    if pypdf_untried:
        text += f" (the {_DECODES_GLYPH_NAMES} backend decodes a Type 3 font's glyph names)"
    return [Line(1, text, where[0], (1,), set_aside=Reason.UNDECODABLE_GLYPHS), *lines]


def _pages_listed(numbers: Sequence[int]) -> str:
    """``page 3``, ``pages 3 and 5``, ``pages 1, 2, …, 19 and 4 more``."""
    named = [str(number) for number in numbers[:_PAGES_NAMED]]
    if len(numbers) > _PAGES_NAMED:
        named.append(f"{len(numbers) - _PAGES_NAMED} more")
    if len(named) == 1:
        return f"page {named[0]}"
    return f"pages {', '.join(named[:-1])} and {named[-1]}"


def default_backend() -> str:
    """``pdfium`` when pypdfium2 can be imported (it ships binary wheels for the common
    platforms), else ``pypdf``."""
    try:
        import_module(f"{__name__}.pdfium")  # loads PDFium: only once a PDF is read
    except ImportError:
        return "pypdf"
    return "pdfium"


def pdf_lines(
    data: bytes,
    source: str,
    limits: PdfLimits | None = None,
    *,
    backend: str | None = None,
    progress: Progress | None = None,
    parallel: bool | None = None,
    deadline: Deadline | None = None,
) -> list[Line]:
    """Read a brief's PDF into paragraph lines (see the package documentation).

    ``backend`` is one of :data:`BACKENDS` (default: :func:`default_backend`, and pypdf
    for text PDFium cannot decode: it maps no glyph names of a Type 3 font, as
    Ghostscript writes them for bitmap fonts, without a Unicode map; where PDFium left
    out a few glyphs, too few for a cipher, pypdf's reading when it leaves out fewer);
    ``parallel`` reads the second half of the pages in a second process (default: when
    that pays, see :mod:`.pages`); ``deadline`` is the reading's, when the PDF is one
    stage of it (default: one of ``limits.max_seconds``, started now).
    """
    limits = limits or PdfLimits()
    name = backend or default_backend()
    if name not in BACKENDS:
        raise UsageError(f"unknown PDF backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise InputError(f"{source}: the PDF is truncated (no %%EOF at its end); download it again")
    deadline = deadline or limits.deadline(source)

    def pages_through(name: str) -> _Reading:
        document = _open(name, data, source, limits, deadline)
        pages = read_pages(lambda: document, deadline, progress, parallel=parallel)
        if not any(page.lines for page in pages):
            if any(page.turned for page in pages):
                raise InputError(
                    f"{source}: the PDF's text is all set at an angle (neither upright nor "
                    "turned a quarter), which is not read; rotate its pages upright first"
                )
            raise InputError(
                f"{source}: the PDF has no text layer (scanned?); run OCR on it first "
                "(e.g. ocrmypdf) and try again"
            )
        refuse_undecodable(pages, source)
        return pages, (document.producer, document.creator)

    try:
        pages, (producer, creator) = _decoded(pages_through, name, chosen=backend is not None)
        lines = paragraphs(
            [page.lines for page in pages], deadline, [page.turned for page in pages]
        )
        noted = _producer_noted(lines, producer, data)
        chosen = backend not in (None, _DECODES_GLYPH_NAMES)
        noted = _undecodable_noted(noted, pages, pypdf_untried=chosen)
        return _ocr_noted(noted, pages, lambda: _ocr_program(producer, creator, data))
    except InputError:
        raise
    except Exception as error:  # a library's or the layout's failure on a hostile file
        raise InputError(f"{source}: unreadable PDF ({_one_line(error)})") from None


_Reading = tuple[list[PageRead], tuple[str, str]]
"""A backend's pages, and the document's (producer, creator)."""


def _decoded(pages_through: Callable[[str], _Reading], name: str, *, chosen: bool) -> _Reading:
    """The pages through backend ``name``, or through pypdf where PDFium could not decode
    them, unless the backend was ``chosen``: refused as a cipher, or with a few glyphs left
    out that pypdf leaves out fewer of."""
    try:
        reading = pages_through(name)
    except UndecodableText as error:
        if name == _DECODES_GLYPH_NAMES:
            raise
        if chosen:  # kept to, but the other is named
            raise UndecodableText(
                f"{error}, or read it with the {_DECODES_GLYPH_NAMES} backend, which "
                "decodes the glyph names of Type 3 fonts"
            ) from None
        return pages_through(_DECODES_GLYPH_NAMES)
    if chosen or name == _DECODES_GLYPH_NAMES or not _lost(reading[0]):
        return reading
    # Too few for a cipher, but pypdf may decode them (a Type 3 font's glyph names). Its
    # reading is a second opinion: where it fails (refuses, breaks), PDFium's stands.
    with contextlib.suppress(Exception):
        again = pages_through(_DECODES_GLYPH_NAMES)
        if _lost(again[0]) < _lost(reading[0]):
            return again
    return reading


GARBLING_PRODUCERS = re.compile(r"\bGhostscript (?:9\.56|10\.0[01])\.")
"""The producers known to garble some characters of a PDF they rewrite
(:attr:`peerbrief.model.Reason.GARBLING_PRODUCER`): Ghostscript's new PDF interpreter,
the default from 9.56, until 10.02. 10.00.0 reads a map to Unicode's range of codes
beyond Latin-1 as the sum of the destination's two bytes (``<0210> <0211> <201C>`` gave
``<`` and ``=`` for the quotes; its legacy interpreter, ``-dNEWPDF=false``, does not);
10.01's map of a glyph to two characters takes the first's low byte for the second's
high one (fixed in 10.02.0). 10.00's ligatures, written little-endian, are mended (see
:func:`.backend.page_runs`), but nothing tells the summed characters."""
# Where the garbled maps are: the composite fonts of the PDF Ghostscript rewrote (Chromium,
# Apache FOP and Word write their maps in ranges). What it makes of PostScript (ps2pdf,
# groff, a2ps, dvips) has simple fonts whose maps it wrote itself, from glyph names; and
# before 10.02 it writes every font's dictionary in the file as it is (no object streams).
_COMPOSITE_FONT = re.compile(rb"/Subtype\s*/Type0(?![^\s/<>\[\]()%])")


def _producer_noted(lines: list[Line], producer: str, data: bytes) -> list[Line]:
    """``lines`` after a line of the producer's name, set aside as a garbling producer
    (:data:`GARBLING_PRODUCERS`), when it is one and the PDF has composite fonts."""
    if not GARBLING_PRODUCERS.search(producer) or not _COMPOSITE_FONT.search(data):
        return lines
    return [Line(1, producer, 1, (1,), set_aside=Reason.GARBLING_PRODUCER), *lines]


OCR_PROGRAMS = re.compile(
    r"\b(?:Tesseract|ocrmypdf|ABBYY|FineReader|OmniPage|Readiris|Paper Capture)\b",
    re.IGNORECASE,
)
"""Programs that make a scan's text layer by OCR (:attr:`peerbrief.model.Reason.OCR_TEXT`),
as a PDF's producer or creator names them: Tesseract (``Tesseract 5.3.0``), OCRmyPDF
(``ocrmypdf 16.0.0 / Tesseract OCR-hOCR 5.3.0``), ABBYY FineReader, Nuance OmniPage,
IRIS Readiris and Adobe Acrobat's Paper Capture."""
_OCR_FONT = b"/GlyphLessFont"
"""The font of Tesseract's text layer (OCRmyPDF's too): it names the OCR program where a
tool that merged or rewrote the PDF (``pdfunite``) left no producer."""


def _ocr_program(producer: str, creator: str, data: bytes) -> str | None:
    """The OCR program the PDF names (:data:`OCR_PROGRAMS`) as its producer or creator, or
    by Tesseract's font; None."""
    program = next((name for name in (producer, creator) if OCR_PROGRAMS.search(name)), None)
    if program is None and _OCR_FONT in data:
        program = "Tesseract (its font, GlyphLessFont)"
    return program


_OCR_LEAST = 20  # invisible characters: a word drawn so by no OCR program is no layer


def _ocr_noted(
    lines: list[Line], pages: Sequence[PageRead], named_program: Callable[[], str | None]
) -> list[Line]:
    """``lines`` after a line naming the OCR program, set aside as OCR text, when the text
    read is an OCR layer: drawn invisibly (:attr:`.backend.Page.invisible`) over the page
    images it was read from, most of it, or some of it where an OCR program is named
    (``named_program``: asked only then, as it searches the file's bytes). A misread letter
    or digit looks like any other, so no other report would tell of one. A program named
    over visible text made none of it (``ocrmypdf --skip-text`` leaves a born-digital page
    as it is, and names itself the document's creator)."""
    invisible = sum(page.invisible for page in pages)
    if not invisible:
        return lines
    program = named_program()
    if program is None:
        if invisible < _OCR_LEAST or 2 * invisible < sum(page.characters for page in pages):
            return lines
        program = "text drawn invisibly over the pages (an OCR layer; its program unnamed)"
    return [Line(1, program, 1, (1,), set_aside=Reason.OCR_TEXT), *lines]


def _open(name: str, data: bytes, source: str, limits: PdfLimits, deadline: Deadline) -> Document:
    if name == "pdfium":
        try:
            from .pdfium import PdfiumDocument
        except ImportError as error:
            raise InputError(
                f"{source}: the pdfium backend cannot be loaded ({error}); install "
                "pypdfium2, or choose the pypdf backend"
            ) from None
        return PdfiumDocument(data, source, limits, deadline)
    from .pypdf import PypdfDocument

    return PypdfDocument(data, source, limits, deadline)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    text = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
