"""The pure-Python backend: pypdf reads the file, :mod:`.pypdf_text` places the glyphs.

Slower than :mod:`.pdfium` (it tokenises content streams in Python) but it needs no
binary wheel. Every limit of :class:`~.limits.PdfLimits` is enforced inside pypdf
through its configuration (stream sizes, the page tree) or here (pages, glyphs,
time), and every exception pypdf raises for a broken file becomes an InputError.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from pypdf import PageObject, PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject

from ..errors import InputError
from ..limits import Deadline
from .backend import (
    MAX_ANNOTATIONS,
    MAX_STRUCTURE_NODES,
    PRODUCER_LENGTH,
    SOFT_HYPHEN,
    Box,
    GlyphBudget,
    Link,
    Page,
    RunCollector,
    link,
    page_runs,
    prevailing_turn,
    too_many_annotations,
    turned_box,
    turned_link,
    upright_matrix,
    visible_box,
)
from .filters import undo_predictors
from .limits import PdfLimits
from .pypdf_text import BROKEN, FontCache, TextInterpreter, dictionary, dictionary_value, numbers

__all__ = ["PypdfDocument"]

_REPAIR_BYTES = 1_000_000
_PAGE_ENTRIES = 64
_DECODING_WORK = 8  # pypdf's decoding budget per stream, in multiples of its output cap
_T = TypeVar("_T")


def _configuration(limits: PdfLimits) -> dict[str, Any]:
    """The ``pypdf.Configuration`` overrides that enforce ``limits``."""
    stream = limits.max_stream_bytes
    return {
        "maximum_declared_stream_length": stream,
        "array_based_stream_maximum_output_length": stream,
        "zlib_maximum_output_length": stream,
        "lzw_maximum_output_length": stream,
        "run_length_maximum_output_length": stream,
        "brotli_maximum_output_length": stream,
        # Repairing a damaged Flate stream costs a Python loop per input byte.
        "zlib_maximum_recovery_input_length": min(stream, _REPAIR_BYTES),
        "jbig2_maximum_output_length": stream,
        "image_maximum_buffer_size": stream,
        "stream_decoding_work_maximum_length": max(300_000_000, _DECODING_WORK * stream),
        # Counted in page dictionary entries (a page has about a dozen); the page count
        # itself is checked once the tree is read.
        "page_tree_maximum_page_entries": limits.max_pages * _PAGE_ENTRIES,
        # Reading text never needs images: never run an external decoder on them.
        "jbig2dec_binary": None,
    }


# pypdf's LimitReachedError messages → the PdfLimits value that moves that limit.
_ADJUSTABLE = {
    "decompress": "max_stream_bytes",
    "decoding work": "max_stream_bytes",
    "page tree": "max_pages",
}


def _limit_message(source: str, error: LimitReachedError) -> str:
    text = _one_line(error)
    setting = next((name for key, name in _ADJUSTABLE.items() if key in text.lower()), None)
    if setting is None:
        return (
            f"{source}: the PDF exceeds one of pypdf's fixed safety limits ({text}); "
            "the file is malformed or hostile"
        )
    return (
        f"{source}: the PDF exceeds a safety limit ({text}); if it is genuine, "
        f"raise PdfLimits.{setting}"
    )


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


@contextmanager
def _pypdf_errors(source: str, limits: PdfLimits) -> Iterator[None]:
    """pypdf's limits in force, and its exceptions as one-line InputErrors."""
    with apply_configuration(**_configuration(limits)):
        try:
            yield
        except InputError:
            raise
        except LimitReachedError as error:
            raise InputError(_limit_message(source, error)) from None
        except DependencyError as error:
            raise InputError(f"{source}: cannot decrypt the PDF ({_one_line(error)})") from None
        except BROKEN as error:
            raise InputError(f"{source}: broken PDF ({_one_line(error)})") from None


class PypdfDocument:
    """A PDF opened with pypdf (see :class:`~.backend.Document`)."""

    def __init__(self, data: bytes, source: str, limits: PdfLimits, deadline: Deadline) -> None:
        self.data, self.source, self.limits, self.deadline = data, source, limits, deadline
        self.budget = GlyphBudget(source, limits)
        self.fonts = FontCache()
        undo_predictors(data, source, limits, deadline)
        self.reader = self._guarded(lambda: PdfReader(io.BytesIO(data)))
        self.page_count = self._guarded(self._open)
        self.base_uri = self._guarded(self._base_uri)
        self.producer = self._information("/Producer")
        self.creator = self._information("/Creator")

    def _guarded(self, action: Callable[[], _T]) -> _T:
        with _pypdf_errors(self.source, self.limits):
            return action()

    def _open(self) -> int:
        reader, source = self.reader, self.source
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise InputError(
                f"{source}: the PDF is encrypted with a password; save an unprotected copy "
                "(e.g. print it to PDF) and read that"
            )
        declared = dictionary(dictionary(reader.trailer.get("/Root")).get("/Pages")).get("/Count")
        if isinstance(declared, int) and declared > self.limits.max_pages:
            raise self.limits.too_many_pages(source)
        try:
            if len(reader.pages):
                reader.pages[0]  # reads the whole page tree, which may hold more than declared
            count = len(reader.pages)
        except LimitReachedError as error:
            if "page tree" not in str(error).lower():
                raise
            raise self.limits.too_many_pages(source) from None
        if count > self.limits.max_pages:
            raise self.limits.too_many_pages(source)
        return count

    def _information(self, key: str) -> str:
        """The document information's ``key`` (``/Producer``, ``/Creator``: see
        :class:`.backend.Document`): '' where it cannot be read, which is no reason to
        refuse the text."""
        try:
            value = dictionary(self.reader.trailer.get("/Info")).get(key)
        except BROKEN:
            return ""
        return value[:PRODUCER_LENGTH] if isinstance(value, str) else ""

    def _base_uri(self) -> str:
        """The catalog's ``/URI /Base``, against which relative link URIs are resolved."""
        catalog = dictionary(self.reader.trailer.get("/Root"))
        base = dictionary(catalog.get("/URI")).get("/Base")
        base = base.get_object() if base is not None else None
        return _text(base) if isinstance(base, (str, bytes)) else ""

    def page(self, number: int) -> Page:
        return self._guarded(lambda: self._read_page(number))

    @functools.cached_property
    def soft_hyphens(self) -> dict[int, frozenset[int]]:
        """Each page's (by object number) marked-content ids that a structure element
        marks as a soft hyphen: LibreOffice's tagged PDF draws a hyphen it hyphenated a
        word with as a ``/Span`` whose ``/ActualText`` is U+00AD, in the structure tree,
        not in the content stream as an inline ``/ActualText``."""
        catalog = dictionary(self.reader.trailer.get("/Root"))
        return _soft_hyphen_ids(catalog.get("/StructTreeRoot"), self.deadline)

    def reopen(self) -> PypdfDocument:
        return PypdfDocument(self.data, self.source, self.limits, self.deadline)

    def _read_page(self, number: int) -> Page:
        self.deadline.check()
        page = self.reader.pages[number - 1]
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else None
        if isinstance(annotations, ArrayObject) and len(annotations) > MAX_ANNOTATIONS:
            raise too_many_annotations(self.source, number)
        contents = page.get_contents()
        if contents is None:
            return Page(number, [], self._links(page, number))
        read = self._interpret(page, contents.operations)
        visible = _visible_box(page)
        links = self._links(page, number)
        turn = prevailing_turn(read.shown)
        if turn is not None:
            # Most of the text is turned (see upright_matrix): the page is read turned upright.
            box = page.mediabox
            upright = upright_matrix(turn, float(box.width), float(box.height))
            read = self._interpret(page, contents.operations, upright)
            visible = turned_box(visible, upright) if visible is not None else None
            links = [turned_link(area, upright) for area in links]
        return Page(
            number,
            page_runs(read.runs.runs, visible),
            links,
            read.undecodable,
            read.turned_text(),
            read.invisible,
        )

    def _links(self, page: PageObject, number: int) -> list[Link]:
        """The page's URI links; addresses beyond the limits of
        :meth:`.PdfLimits.check_link` refuse the PDF."""
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else None
        if not isinstance(annotations, ArrayObject):
            return []
        links: list[Link] = []
        page_total = 0
        for annotation in annotations:
            try:
                annotation = annotation.get_object()
                uri = _uri(annotation, self.base_uri)
                boxes = _boxes(annotation) if uri else []
            except BROKEN:
                continue  # one malformed annotation must not cost the whole document
            page_total += len(uri)
            self.limits.check_link(self.source, number, len(uri), page_total)
            links.extend(area for area in (link(box, uri) for box in boxes) if area is not None)
        return links

    def _interpret(
        self,
        page: PageObject,
        operations: list[Any],
        matrix: tuple[float, float, float, float, float, float] | None = None,
    ) -> TextInterpreter:
        """The page's text operators run (its content turned by ``matrix``): the
        interpreter holds the runs and what the page shows (see :class:`TextInterpreter`)."""
        reference = page.indirect_reference
        soft = self.soft_hyphens.get(reference.idnum, frozenset()) if reference else frozenset()
        interpreter = TextInterpreter(
            self.fonts,
            self.deadline,
            page.pdf,
            RunCollector(self.budget),
            soft,
            limits=self.limits,
            source=self.source,
        )
        if matrix is not None:
            interpreter.state.ctm = matrix
        interpreter.run(operations, dictionary(page.get("/Resources")))
        return interpreter

    def close(self) -> None:
        self.reader.close()


def _visible_box(page: PageObject) -> Box | None:
    """See :func:`~.backend.visible_box` (pypdf gives the media box for a missing crop box)."""
    media = numbers(dictionary_value(page, "/MediaBox"), 4)
    crop = numbers(dictionary_value(page, "/CropBox"), 4)
    return visible_box(media, crop) if media is not None else None


def _uri(annotation: Any, base_uri: str) -> str:
    """The address a link annotation's URI action gives ('' for none)."""
    if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") != "/Link":
        return ""
    action = dictionary(annotation.get("/A"))
    if action.get("/S") != "/URI":
        return ""
    uri = action.get("/URI")
    uri = uri.get_object() if uri is not None else None
    if not isinstance(uri, (str, bytes)):
        return ""
    uri = _text(uri)
    # A URI without a scheme is relative to the catalog's base, joined as PDFium joins
    # it (the backends must agree): the base written before it.
    if uri.find(":") <= 0:
        uri = base_uri + uri
    return uri.strip()


def _text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _boxes(annotation: DictionaryObject) -> list[list[float]]:
    """The link's areas: its quadrilaterals when it has them (one per line), else its rectangle."""
    quads = dictionary_value(annotation, "/QuadPoints")
    values = numbers(quads, len(quads)) if isinstance(quads, list) else None
    if values and len(values) % 8 == 0:
        return [
            [min(q[0::2]), min(q[1::2]), max(q[0::2]), max(q[1::2])]
            for q in (values[i : i + 8] for i in range(0, len(values), 8))
        ]
    rect = numbers(dictionary_value(annotation, "/Rect"), 4)
    return [rect] if rect is not None else []


def _soft_hyphen_ids(root: Any, deadline: Deadline) -> dict[int, frozenset[int]]:
    """The marked-content ids under structure elements whose ``/ActualText`` is a soft
    hyphen, by page object number (an element's ``/Pg``, or its nearest ancestor's). The
    walk visits each object once and at most :data:`~.backend.MAX_STRUCTURE_NODES` nodes."""
    found: dict[int, set[int]] = {}
    seen: set[int] = set()
    stack: list[tuple[Any, int | None, bool]] = [(root, None, False)]
    for visited in range(MAX_STRUCTURE_NODES):
        if not stack:
            break
        if visited % 4096 == 0:
            deadline.check()
        node, page, soft = stack.pop()
        number = getattr(node, "idnum", None)  # an indirect reference
        if number is not None:
            if number in seen:
                continue
            seen.add(number)
            node = node.get_object()
        if isinstance(node, int) and not isinstance(node, bool):
            if soft and page is not None:
                found.setdefault(page, set()).add(node)
        elif isinstance(node, ArrayObject):
            stack.extend((kid, page, soft) for kid in node)
        elif isinstance(node, DictionaryObject):
            page = getattr(node.get("/Pg"), "idnum", page)
            soft = soft or _text_value(node.get("/ActualText")) == SOFT_HYPHEN
            kids = node.get("/MCID", node.get("/K"))  # a content reference, or children
            if kids is not None:
                stack.append((kids, page, soft))
    return {page: frozenset(ids) for page, ids in found.items()}


def _text_value(value: Any) -> str | None:
    value = value.get_object() if value is not None else None
    return _text(value) if isinstance(value, (str, bytes)) else None
