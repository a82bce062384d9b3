"""What reading one PDF may cost: :class:`PdfLimits`, honoured by every backend."""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field, frozen

from ..errors import InputError, UsageError
from ..limits import Deadline

__all__ = ["PdfLimits"]


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value > 0:
        raise UsageError(f"PdfLimits.{attribute.name} must be positive, not {value}")


@frozen
class PdfLimits:
    """What reading one PDF may cost. A brief is 30–60 pages, 200k glyphs and a few MB.

    Raise a limit for an unusual but genuine brief, e.g.
    ``peerbrief.read(path, limits=PdfLimits(max_pages=5000))``, or lower them for
    untrusted uploads. A PDF beyond a limit is refused with an ``InputError`` naming it.
    """

    max_pages: int = field(default=1000, validator=_positive)
    """PDFs with more pages are refused before any page is read."""
    max_stream_bytes: int = field(default=32 * 1024 * 1024, validator=_positive)
    """The most one stream may decompress to (decompression bombs). The pypdf backend
    caps every filter's output at this; pdfium decodes in C with no such setting, so
    the pdfium backend refuses a PDF whose streams declare more than this in total.
    A 64th of it bounds what the file's streams other than images may have a predictor
    undo a byte at a time, in Python (:attr:`predicted_bytes`)."""
    max_seconds: float = field(default=120.0, validator=_positive)
    """Wall-clock budget for the whole PDF: reading every page, layout, link matching
    and paragraphs."""
    max_glyphs: int = field(default=5_000_000, validator=_positive)
    """The most characters the document may show (a brief shows about 4,000 a page):
    what reading it keeps in memory is proportional to this."""
    max_marked_depth: int = field(default=64, validator=_positive)
    """The most marked-content sequences (``BMC``/``BDC`` … ``EMC``) one content stream
    may hold open at once; a tagged brief nests a handful. PDFium copies the open ones
    for each sequence begun, in a call that cannot be interrupted (17,000 nested: 5 s,
    four times that for twice as many), so the pdfium backend measures every stream
    before PDFium reads it; the pypdf backend stops where one opens too many."""
    max_form_draws: int = field(default=10_000, validator=_positive)
    """The most form XObjects one content stream may draw, forms drawn by the forms it
    draws counted (a brief draws a few dozen). PDFium parses a form again at each draw,
    in a call that cannot be interrupted: 900 bytes of forms each drawing the next
    twice keep it busy for minutes in 1.5 GB. The pdfium backend counts them before
    PDFium reads a page; pypdf bounds them itself."""
    max_link_length: int = field(default=64 * 1024, validator=_positive)
    """The longest address (URI) a link annotation may give, relative ones joined to the
    document's base: a brief's longest are a few hundred characters, browsers take 2 MB
    at most. Every stage after the backend (layout, paragraphs, the entries) works on the
    address as text: one of 5 MB cost both backends 7 to 30 s and 750 MB. The pdfium
    backend measures it (in bytes) before PDFium copies it out; the pypdf backend counts
    its characters, the same for the ASCII an address is written in. A page's addresses
    together may be 16 times this (:attr:`page_link_length`)."""

    @property
    def predicted_bytes(self) -> int:
        """The most bytes a file's streams other than images may have a predictor undo a
        byte at a time (PNG's Sub, Average and Paeth rows, TIFF's), as pypdf and the
        pdfium backend's pre-scan do in Python at a microsecond or more a byte: 50 KB of
        Flate inflate to 24 MB of Paeth rows (minutes). Text never needs a predictor
        (an xref stream's rows are Up rows, undone a row at a time, each counted as one
        byte: a row's own work in Python costs about as much)."""
        return self.max_stream_bytes // 64

    def too_much_prediction(self, source: str) -> InputError:
        """The error for streams beyond :attr:`predicted_bytes`."""
        return InputError(
            f"{source}: the PDF exceeds a safety limit (its streams have a predictor undo "
            f"more than {self.predicted_bytes} bytes one at a time); if it is genuine, raise "
            "PdfLimits.max_stream_bytes"
        )

    def too_many_pages(self, source: str) -> InputError:
        """The error for a PDF of more than :attr:`max_pages` pages."""
        return InputError(
            f"{source}: the PDF has more than {self.max_pages} pages "
            "(PdfLimits.max_pages, --max-pages)"
        )

    def too_deeply_marked(self, source: str) -> InputError:
        """The error for content nesting more than :attr:`max_marked_depth` sequences."""
        return InputError(
            f"{source}: the PDF exceeds a safety limit (its content nests more than "
            f"{self.max_marked_depth} marked-content sequences); if it is genuine, raise "
            "PdfLimits.max_marked_depth"
        )

    def too_many_form_draws(self, source: str) -> InputError:
        """The error for a stream drawing more than :attr:`max_form_draws` forms."""
        return InputError(
            f"{source}: the PDF exceeds a safety limit (its content draws more than "
            f"{self.max_form_draws} forms, forms within forms counted); if it is genuine, "
            "raise PdfLimits.max_form_draws"
        )

    @property
    def page_link_length(self) -> int:
        """The most characters the link addresses of one page may give together: 16 times
        :attr:`max_link_length` (1 MiB; a page of references links a few hundred short
        ones). A page may hold 10,000 links, each copied out and matched on its own even
        where all share one address: 10,000 of 60 KB on a page took 630 MB."""
        return 16 * self.max_link_length

    def check_link(self, source: str, page: int, length: int, page_total: int) -> None:
        """Refuse a link on ``page`` whose address is ``length`` long beyond
        :attr:`max_link_length`, or one that brings the page's addresses to ``page_total``
        beyond :attr:`page_link_length`."""
        if length > self.max_link_length:
            excess = f"a link on page {page} gives an address longer than {self.max_link_length}"
        elif page_total > self.page_link_length:
            excess = f"the links on page {page} give addresses longer than {self.page_link_length}"
        else:
            return
        raise InputError(
            f"{source}: the PDF exceeds a safety limit ({excess} characters); if it is "
            "genuine, raise PdfLimits.max_link_length"
        )

    def deadline(self, source: str) -> Deadline:
        """The deadline for reading ``source``, started now."""
        return Deadline(source, self.max_seconds, setting="PdfLimits.max_seconds, --timeout")
