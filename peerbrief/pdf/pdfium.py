"""The default backend: PDFium (the engine in Chrome) through pypdfium2.

PDFium parses the page and decodes its fonts in C; its text page lists every
character with its Unicode value, its origin and box, and the text object that
drew it. Characters are read here in bulk, one pass over the page, through
prototypes bound once to the same C functions as :mod:`pypdfium2.raw` (asking for
the text of one rectangle at a time is far slower). A run is the characters of
one text object (one ``Tj``/``TJ``), as in the pypdf backend.

PDFium is not thread-safe (pypdfium2 says so): one document is read by one thread.
Its limits differ from pypdf's: it caps Flate and LZW output at 1 GiB per stream and
RunLength at 20 MB, with no setting, so streams are decoded here (:mod:`.filters`),
before PDFium sees them, and measured against :attr:`PdfLimits.max_stream_bytes`. A
PDFium call cannot be interrupted: the deadline is checked between pages and while
reading characters.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import heapq
import math
import re
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, compress, count, islice, pairwise, repeat
from operator import add, eq, ne, not_, sub
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from attrs import frozen

from ..errors import InputError
from ..limits import Deadline
from .backend import (
    INVISIBLE_RENDER_MODES,
    MAX_ANNOTATIONS,
    MAX_STRUCTURE_NODES,
    PRODUCER_LENGTH,
    SOFT_HYPHEN,
    SPACE_GAP,
    GlyphBudget,
    Link,
    Page,
    Run,
    RunCollector,
    Turn,
    font_style,
    link,
    page_runs,
    prevailing_turn,
    quarter_turn,
    stands_upright,
    too_many_annotations,
    turned_box,
    turned_link,
    upright_matrix,
    visible_box,
)
from .filters import (
    CHUNK,
    MOST_READINGS,
    TANGLE,
    Ambiguous,
    FormDraws,
    Objects,
    PredictorBudget,
    Reading,
    TooTangled,
    decoded,
    drawn_names,
    images_only,
    in_c,
    inflated,
    may_be_form,
    named_as_content,
    possible_filters,
    stream_dictionaries,
    stream_keywords,
    subtypes,
)
from .limits import PdfLimits

if TYPE_CHECKING:
    from ctypes import _CArgObject

__all__ = ["PdfiumDocument"]

_ARTIFACT = "Artifact".encode("utf-16-le")
# A soft hyphen as a PDF text string: UTF-16BE with its byte order mark, or PDFDocEncoding.
_SOFT_HYPHEN_STRINGS = (b"\xfe\xff\x00\xad", b"\xad")
_ACTUAL_TEXT_BUFFER = 8  # bytes: only a soft hyphen is looked for
# The marks around an object looked at for a soft hyphen's /ActualText: the innermost
# (a typesetter wraps the hyphen itself) and the one around it. Looking at all cost n² on
# a hostile page of n hyphens inside n nested sequences (8,000: 85 s).
_MARKS_LOOKED_AT = 2
_CHECK_EVERY = 4096  # characters between two deadline checks
_PROBE = 64  # characters whose objects tell one glyph per object from one line
_NAME_BUFFER = 256
_TURN_SAMPLE = 16  # page objects whose matrices tell whether the page's text is turned
_FORM_DEPTH = 3  # forms within forms looked into for text that is turned
_TURN_BUDGET = 4 * _TURN_SAMPLE  # objects looked at at most, within forms too
_TURNED_KINDS = (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM)


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The C function behind a pypdfium2.raw function, declared with ``argtypes``
    (object handles as plain ints) or with none, called without releasing the GIL.

    With none, ctypes passes each argument as what it is: an int as a C int, a ctypes
    instance as itself. The cheapest to pass is a ``byref`` (its pointer is copied as
    it is; a ``c_void_p`` costs a look-up of its type's converter each time, and a
    declared type a call of its ``from_param``), so the functions called once per
    character are declared so: they take the text page as a ``byref``
    (:func:`_pointer_to`), indexes as ints, and pointers made once (:class:`_Slots`).
    Nothing is checked then (a structure passed by value where a pointer is due would
    crash PDFium): every call passes a pointer or an int. Releasing the GIL around a
    call of a few hundred nanoseconds (as pypdfium2's functions do) costs a tenth of
    it: these calls are short, and PDFium never calls back into Python."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError(f"pypdfium2 lacks {function.__name__}")
    return ctypes.PYFUNCTYPE(restype, *argtypes)(address)


def _pointer_to(handle: Any) -> _CArgObject:
    """A pointer to what PDFium's ``handle`` points at, as :func:`_bind`'s functions take
    it fastest: a ``byref`` of a byte at that address (none is read or written)."""
    address = ctypes.cast(handle, ctypes.c_void_p).value
    return ctypes.byref(ctypes.c_char.from_address(address or 0))


_VOID, _INT, _UINT = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint
# Called with a text page (a byref), ints, and pointers (byrefs or arrays):
_count_chars = _bind(raw.FPDFText_CountChars, _INT)
_unicode = _bind(raw.FPDFText_GetUnicode, _UINT)
_text_object = _bind(raw.FPDFText_GetTextObject, _VOID)
_loose_box = _bind(raw.FPDFText_GetLooseCharBox, _INT)
_char_origin = _bind(raw.FPDFText_GetCharOrigin, _INT)
_char_matrix = _bind(raw.FPDFText_GetMatrix, _INT)
_font_size = _bind(raw.FPDFText_GetFontSize, ctypes.c_double)
_is_hyphen = _bind(raw.FPDFText_IsHyphen, _INT)
_page_text = _bind(raw.FPDFText_GetText, _INT)
# Called with the plain-int handles the functions above return:
_object_font = _bind(raw.FPDFTextObj_GetFont, _VOID, _VOID)
_count_marks = _bind(raw.FPDFPageObj_CountMarks, _INT, _VOID)
_content_id = _bind(raw.FPDFPageObj_GetMarkedContentID, _INT, _VOID)
_render_mode = _bind(raw.FPDFTextObj_GetTextRenderMode, _INT, _VOID)
_glyph_width = _bind(raw.FPDFFont_GetGlyphWidth, _INT, _VOID, _UINT, ctypes.c_float, _VOID)

# PDFium replaces a hyphen that ends a line before a word by U+0002, and does not say
# whether it was a hyphen or a soft hyphen (U+00AD): it is read as a hyphen, which the
# layout keeps unless the document spells the word whole elsewhere.
_HYPHEN_MARKS = frozenset((0x2, 0xFFFE))  # one per character, 0xFFFE in the page's text
_HYPHEN, _SPACE = ord("-"), ord(" ")
_SOFT_HYPHEN = ord(SOFT_HYPHEN)

# Error codes of FPDF_GetLastError (fpdfview.h).
_PASSWORD, _SECURITY = 4, 6


def _information(pdf: pdfium.PdfDocument, key: str) -> str:
    """The document information's ``key`` (``Producer``, ``Creator``: see
    :class:`.backend.Document`)."""
    try:
        return str(pdf.get_metadata_value(key))[:PRODUCER_LENGTH]
    except (pdfium.PdfiumError, ValueError):
        return ""


class PdfiumDocument:
    """A PDF opened with PDFium (see :class:`~.backend.Document`)."""

    def __init__(
        self,
        data: bytes,
        source: str,
        limits: PdfLimits,
        deadline: Deadline,
        *,
        streams_measured: bool = False,
    ) -> None:
        self.data, self.source, self.limits, self.deadline = data, source, limits, deadline
        self.budget = GlyphBudget(source, limits)
        self.fonts: dict[int, _Font] = {}
        self.slots = _Slots(_CHECK_EVERY)
        if not streams_measured:
            _measure_streams(data, source, limits, deadline)
        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise InputError(_open_error(source, error)) from None
        self.page_count = len(self.pdf)
        self.producer = _information(self.pdf, "Producer")
        self.creator = _information(self.pdf, "Creator")
        self.tagged = bool(raw.FPDFCatalog_IsTagged(self.pdf.raw))
        """Only a tagged PDF's structure may mark a hyphen soft (:func:`_soft_hyphen_ids`)."""
        if self.page_count > limits.max_pages:
            self.close()
            raise limits.too_many_pages(source)

    def page(self, number: int) -> Page:
        self.deadline.check()
        try:
            page = self.pdf[number - 1]
        except pdfium.PdfiumError as error:
            raise InputError(f"{self.source}: broken PDF (page {number}: {error})") from None
        try:
            if raw.FPDFPage_GetAnnotCount(page.raw) > MAX_ANNOTATIONS:
                raise too_many_annotations(self.source, number)
            turn = _turn_upright(page)
            textpage = raw.FPDFText_LoadPage(page.raw)
            if not textpage:
                raise InputError(f"{self.source}: broken PDF (page {number} has no text page)")
            try:
                soft = (
                    functools.cache(lambda: _soft_hyphen_ids(page, self.deadline))
                    if self.tagged
                    else None
                )
                runs, undecodable, turned, invisible = self._runs(_pointer_to(textpage), soft)
            finally:
                raw.FPDFText_ClosePage(textpage)
            links = _links(page, number, self.source, self.limits)
            # The page's own boxes or those it inherits from the page tree (xdvipdfmx
            # sets the media box there): PDFium's get_mediabox and get_cropbox read the
            # page's dictionary only and answer US Letter for a box it does not hold.
            visible = visible_box(page.get_bbox(), None)
            if turn is not None:
                links = [turned_link(area, turn) for area in links]
                visible = turned_box(visible, turn) if visible is not None else None
            runs = page_runs(runs, visible)
            return Page(number, runs, links, undecodable, turned, invisible)
        finally:
            page.close()

    def reopen(self) -> PdfiumDocument:
        return PdfiumDocument(
            self.data, self.source, self.limits, self.deadline, streams_measured=True
        )

    def close(self) -> None:
        self.pdf.close()

    def _runs(
        self, textpage: _CArgObject, soft_hyphens: Callable[[], frozenset[int]] | None
    ) -> tuple[list[Run], int, str, int]:
        """The page's runs, how many of its characters are undecodable (see
        :attr:`~.backend.Page.undecodable`), its text set at an angle
        (:attr:`~.backend.Page.turned`) and how many characters are drawn invisibly
        (:attr:`~.backend.Page.invisible`); ``soft_hyphens``: see :func:`_soft_hyphen_ids`."""
        count = _count_chars(textpage)
        self.budget.spend(max(count, 0))
        runs = RunCollector(self.budget)
        reader = _TextPage(textpage, self.fonts, self.slots, runs, soft_hyphens)
        codes = _all_codes(textpage, count)
        chunk = self.slots.capacity
        for start in range(0, count, chunk):
            self.deadline.check()
            end = min(count, start + chunk)
            reader.read(start, end, codes[start:end])
        return reader.finish(), _undecodable(codes), reader.turned_text(), reader.invisible


_UNKNOWN = -1  # no text object's handle


def _spans(textpage: _CArgObject, start: int, end: int) -> list[tuple[int, int, int]]:
    """The characters ``start`` to ``end`` as (first, stop, text object) spans, without
    the characters PDFium inferred (spaces and line breaks between objects: no object).

    A text object's characters are consecutive in PDFium's list (for text written left
    to right: right-to-left runs are reordered, which briefs do not have). A word
    processor's object holds a line: where it ends is found by galloping and bisection,
    not by asking every character. Chromium's holds one glyph: there, every character
    is asked, in bulk. The first characters tell which of the two the page is."""
    probe = min(end, start + _PROBE)
    owners = list(map(_text_object, repeat(textpage, probe - start), range(start, probe)))
    if len(set(owners)) <= _PROBE // 8:
        return [
            (first, stop, owner)
            for first, stop, owner in _galloping(textpage, start, end)
            if owner is not None
        ]
    owners.extend(map(_text_object, repeat(textpage, end - probe), range(probe, end)))
    cuts = [0, *compress(count(1), map(ne, owners, islice(owners, 1, None))), len(owners)]
    return [
        (start + first, start + stop, owners[first])
        for first, stop in pairwise(cuts)
        if owners[first] is not None
    ]


def _galloping(
    textpage: _CArgObject, start: int, end: int
) -> Iterator[tuple[int, int, int | None]]:
    """The spans of :func:`_spans` found by galloping: inferred characters one by one."""
    index = start
    owner = _text_object(textpage, start) if start < end else None
    while index < end:
        low, step = index, 1  # low: known to be owner's; high: the first known not to be
        high, after = end, _UNKNOWN
        if owner is None:  # characters PDFium inferred: no object, so no span to find
            high = low + 1
        while high == end and low + step < end:
            probe = _text_object(textpage, low + step)
            if probe != owner:
                high, after = low + step, probe
                break
            low, step = low + step, step * 2
        while high - low > 1:
            middle = (low + high) // 2
            probe = _text_object(textpage, middle)
            if probe == owner:
                low = middle
            else:
                high, after = middle, probe
        yield index, high, owner
        index = high
        if index < end:
            owner = _text_object(textpage, index) if after is _UNKNOWN else after


def _all_codes(textpage: _CArgObject, count: int) -> Sequence[int]:
    """Every character's Unicode value: the page's text in one call when it holds one UTF-16
    unit per character (the usual case), else one call per character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = _page_text(textpage, 0, count, buffer) if count else 0
    if written == count + 1:  # with the terminating NUL
        return memoryview(buffer).cast("B").cast("H")[:count]
    return [_unicode(textpage, index) for index in range(count)]


# Control characters but those PDFium writes itself: line breaks (CR LF) and its marks of
# a hyphen at a line end (_HYPHEN_MARKS).
_NATIVE_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_UNDECODABLE = re.compile(r"[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _undecodable(codes: Sequence[int]) -> int:
    """How many of the page's characters are control characters that a glyph gave."""
    if isinstance(codes, memoryview):  # (one pass in C over the page's text)
        text = codes.tobytes().decode(_NATIVE_UTF16, "surrogatepass")
    else:
        text = "".join(map(chr, codes))
    return len(_UNDECODABLE.findall(text))


def _origins(
    textpage: _CArgObject, start: int, end: int, slots: _Slots
) -> tuple[list[float], list[float]]:
    """Every character's origin from ``start`` to ``end``: (x values, y values)."""
    count = end - start
    _each(
        _char_origin,
        repeat(textpage, count),
        range(start, end),
        islice(slots.xs, count),
        islice(slots.ys, count),
    )
    return slots.origins[0 : 2 * count : 2], slots.origins[1 : 2 * count : 2]


def _each(function: Any, *arguments: Iterable[Any]) -> None:
    """Call ``function`` on each tuple of ``arguments``, for its side effects only."""
    deque(map(function, *arguments), maxlen=0)


class _Slots:
    """Room for the answers about ``capacity`` characters, and a pointer to each place: made
    once per document and reused by every chunk (see :func:`_bind`). Cleared before each
    chunk, so that a call that fails leaves zeros, never an earlier chunk's answer."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.origins = (ctypes.c_double * (2 * capacity))()
        self.matrices = (raw.FS_MATRIX * capacity)()
        double = ctypes.sizeof(ctypes.c_double)
        self.xs = _pointers(self.origins, 2 * double, capacity)
        self.ys = _pointers(self.origins, 2 * double, capacity, offset=double)
        self.matrix = _pointers(self.matrices, ctypes.sizeof(raw.FS_MATRIX), capacity)

    def clear(self) -> None:
        ctypes.memset(self.origins, 0, ctypes.sizeof(self.origins))
        ctypes.memset(self.matrices, 0, ctypes.sizeof(self.matrices))


def _pointers(array: Any, step: int, count: int, offset: int = 0) -> list[_CArgObject]:
    return [ctypes.byref(array, offset + index * step) for index in range(count)]


class _Font:
    """What a run needs of one font: its style, and its glyph advances in 1/1000 em by
    Unicode value, asked of PDFium once each."""

    def __init__(self, font: int) -> None:
        self.font = font
        name, flags, angle = _font_facts(font) if font else ("", 0, 0)
        self.bold, self.italic = font_style(name, flags, angle)
        self.widths: dict[int, float] = {}
        self.checked: set[int] = set()
        """Characters whose advance a box of PDFium's has confirmed."""

    def advance(self, code: int) -> float:
        width = self.widths.get(code)
        if width is None:
            value = ctypes.c_float()
            found = self.font and _glyph_width(self.font, code, 1000.0, ctypes.addressof(value))
            width = value.value if found and math.isfinite(value.value) else 0.0
            self.widths[code] = width
        return width


@frozen
class _Style:
    """What the characters of one text object share."""

    font: _Font
    y: float
    size: float
    scale: float
    """Page points per 1/1000 em of advance."""
    artifact: bool


class _TextPage:
    """Reads PDFium's characters of one page into runs.

    A run is the characters of one text object; consecutive objects in one style that
    continue each other are joined as they come (Chromium draws every glyph as an
    object of its own), by the same rule as :class:`RunCollector` (:meth:`Run.take`).

    PDFium answers one character (or one object) per call, and a call through ctypes
    costs more than the C work behind it; so every question is asked for a whole chunk
    of characters at once, by ``map`` over the C function (no Python code runs between
    two calls), and Python then works on the lists of answers."""

    def __init__(
        self,
        textpage: _CArgObject,
        fonts: dict[int, _Font],
        slots: _Slots,
        runs: RunCollector,
        soft_hyphens: Callable[[], frozenset[int]] | None,
    ) -> None:
        self.textpage, self.fonts, self.slots, self.runs = textpage, fonts, slots, runs
        self.box = raw.FS_RECTF()
        self.box_pointer = ctypes.byref(self.box)
        self.owner: int | None = None
        self.style: _Style | None = None
        self.codes: list[int] = []
        self.lefts: list[float] = []
        self.rights: list[float] = []
        self.indexes: list[int] = []
        """Each character's index in PDFium's list (to ask for its box later)."""
        self.pending: Run | None = None
        self.pending_style: _Style | None = None
        self.styles: dict[tuple[int, float, float, float, float, bool], _Style] = {}
        """One object per style: Chromium's glyphs, one object each, share theirs."""
        self.artifact_marks: dict[int, bool] = {}
        """Marks seen (by address) and whether one of them or of the marks around it is an
        ``/Artifact`` (see :func:`_is_artifact`)."""
        self.soft_hyphens = soft_hyphens
        """The page's marked-content ids whose hyphens are soft ones (see
        :func:`_soft_hyphen_ids`), asked for only when a hyphen is drawn alone in one;
        None for an untagged PDF."""
        self.turned: list[str] = []
        """The text of the objects set at an angle, with a space where PDFium put
        characters of its own (spaces and line breaks) or upright text between them."""
        self.turned_end = 0
        self.invisible = 0
        """Upright characters drawn invisibly (see :attr:`~.backend.Page.invisible`)."""

    def read(self, start: int, end: int, codes: Sequence[int]) -> None:
        """Read characters ``start`` to ``end``; ``codes`` are their Unicode values."""
        self.slots.clear()
        spans = _spans(self.textpage, start, end)
        if _holds_hyphen(codes):
            codes = self._with_soft_hyphens(spans, start, codes, self.soft_hyphens)
        lefts, baselines = _origins(self.textpage, start, end, self.slots)
        owners = [owner for _, _, owner in spans]
        styles = self._styles(spans, owners, baselines, start)
        self._count_invisible(spans, owners, styles)
        for (first, stop, owner), style in zip(spans, styles, strict=True):
            offset = first - start
            if owner != self.owner:
                if self.codes:
                    self._end_object()
                self.owner, self.style = owner, style
                if style is None:
                    self._set_aside(first, codes[offset : stop - start])
                    continue
                # (An object at the chunk's end may go on in the next chunk: not whole.)
                if (
                    stop - first == 1
                    and stop < end
                    and self._add_glyph(style, codes[offset], lefts[offset])
                ):
                    continue
            elif self.style is None:  # the object goes on from the last chunk
                self._set_aside(first, codes[offset : stop - start])
                continue
            self._place(first, codes[offset : stop - start], lefts[offset : stop - start])

    def _count_invisible(
        self, spans: list[tuple[int, int, int]], owners: list[int], styles: list[_Style | None]
    ) -> None:
        """Count the upright characters drawn invisibly (see :attr:`~.backend.Page.invisible`)."""
        modes = list(map(_render_mode, owners))
        if INVISIBLE_RENDER_MODES.isdisjoint(modes):  # (the usual page: found in bulk)
            return
        self.invisible += sum(
            stop - first
            for (first, stop, _), style, mode in zip(spans, styles, modes, strict=True)
            if style is not None and mode in INVISIBLE_RENDER_MODES
        )

    def _set_aside(self, first: int, codes: Sequence[int]) -> None:
        """Keep the text of an object set at an angle, from character ``first`` on."""
        if self.turned and first != self.turned_end:
            self.turned.append(" ")
        self.turned.append("".join(map(chr, codes)))
        self.turned_end = first + len(codes)

    def turned_text(self) -> str:
        """The page's text set at an angle (see :attr:`~.backend.Page.turned`)."""
        return " ".join(_CONTROL.sub("", "".join(self.turned)).split())

    @staticmethod
    def _with_soft_hyphens(
        spans: list[tuple[int, int, int]],
        start: int,
        codes: Sequence[int],
        soft_hyphens: Callable[[], frozenset[int]] | None,
    ) -> Sequence[int]:
        """``codes`` with a soft hyphen for each hyphen (PDFium marks one that ends a
        line, soft or not; one it reads out of the line's order, after a superscript
        drawn later, it leaves a hyphen) that the PDF says is one: drawn in a
        marked-content sequence whose inline ``/ActualText`` is a soft hyphen (Typst's),
        or, in a tagged PDF (``soft_hyphens`` given), drawn alone in one whose structure
        element says so (see :func:`_soft_hyphen_ids`). The structure tree costs PDFium
        a millisecond or two a page to build: it is built only for such a hyphen."""
        soft = []
        for index in compress(count(), map(_HYPHENS.__contains__, codes)):
            at = bisect.bisect_right(spans, start + index, key=_span_first) - 1
            if at < 0:
                continue
            owner = spans[at][2]
            if _marked_soft_hyphen(owner) or (
                soft_hyphens is not None
                and _drawn_alone(spans, at)
                and _content_id(owner) in soft_hyphens()
            ):
                soft.append(index)
        if not soft:
            return codes
        codes = list(codes)
        for index in soft:
            codes[index] = _SOFT_HYPHEN
        return codes

    def _add_glyph(self, style: _Style, code: int, left: float) -> bool:
        """Add an object of one glyph, whole, to the runs if it is in no doubt (Chromium
        draws every glyph so): the quick way; else False, having done nothing."""
        font = style.font
        width = font.widths.get(code, 0.0)
        if width <= 0 or code not in font.checked or code in _HYPHEN_MARKS:
            return False
        text = _glyph_text(code)
        if text:
            self._append(style, text, [left], [left + width * style.scale])
        return True

    def _styles(
        self,
        spans: list[tuple[int, int, int]],
        owners: list[int],
        baselines: list[float],
        start: int,
    ) -> list[_Style | None]:
        """The style of each span's text object (``owners``: the spans' objects; None: not
        upright, so rotated or mirrored, never the body of a brief). What the characters
        of one object share is asked of its first."""
        textpage, total = self.textpage, len(spans)
        if not total:  # characters PDFium inferred only
            return []
        firsts = [first for first, _, _ in spans]
        _each(_char_matrix, repeat(textpage, total), firsts, islice(self.slots.matrix, total))
        sizes = list(map(_font_size, repeat(textpage, total), firsts))
        fonts = list(map(_object_font, owners))
        # Tagged content carries a marked-content id; artifacts never do (ISO 32000-1,
        # 14.8.2.2), so only marks without one need reading by name.
        content_ids = list(map(_content_id, owners))
        artifacts = [False] * total
        for index in compress(range(total), map((0).__gt__, content_ids)):  # no id
            owner = owners[index]
            artifacts[index] = _count_marks(owner) > 0 and _is_artifact(owner, self.artifact_marks)
        # (FS_MATRIX is six floats: a, b, c, d, e, f.)
        numbers = memoryview(self.slots.matrices).cast("B").cast("f")
        a, b, c, d = (numbers[place : 6 * total : 6].tolist() for place in range(4))
        baselines_at = [baselines[first - start] for first in firsts]
        for index in compress(range(total), map((0.0).__gt__, d)):  # (rare: so found)
            if a[index] > 0 and self._stands_upright(firsts[index], baselines_at[index]):
                c[index], d[index] = -c[index], -d[index]
        keys = list(zip(fonts, sizes, a, d, baselines_at, artifacts, b, c, strict=True))
        # Chromium's glyphs, one object each, come a line or more in one style: each
        # stretch of equal keys is looked up once.
        cuts = [0, *compress(count(1), map(ne, keys, islice(keys, 1, None))), total]
        styles: list[_Style | None] = []
        for first, stop in pairwise(cuts):
            styles.extend(repeat(self._style(*keys[first]), stop - first))
        return styles

    def _stands_upright(self, index: int, baseline: float) -> bool:
        """Whether character ``index``, drawn with a matrix upside down, stands upright all
        the same: its box is above its baseline more than below. PDFium's matrix leaves
        out a Type 3 font's /FontMatrix, which Ghostscript flips as it flips the text
        matrix; its boxes take it in."""
        if not _loose_box(self.textpage, index, self.box_pointer):
            return False
        top, bottom = float(self.box.top), float(self.box.bottom)
        return top - baseline > baseline - bottom

    def _style(
        self,
        font: int | None,
        font_size: float,
        a: float,
        d: float,
        y: float,
        artifact: bool,
        b: float,
        c: float,
    ) -> _Style | None:
        """The style of text drawn in ``font`` at ``font_size`` with the matrix (a b c d),
        or None if that text is not upright."""
        if not stands_upright(a, b, c, d):
            return None
        address = font or 0
        key = (address, font_size, a, d, y, artifact)
        style = self.styles.get(key)
        if style is None:
            style = self.styles[key] = self._new_style(address, y, font_size, a, d, artifact)
        return style

    def _new_style(
        self, address: int, y: float, font_size: float, a: float, d: float, artifact: bool
    ) -> _Style:
        font = self.fonts.get(address)
        if font is None:
            font = self.fonts[address] = _Font(address)
        return _Style(font, y, font_size * d, font_size / 1000 * a, artifact)

    def _place(self, first: int, codes: Sequence[int], lefts: list[float]) -> None:
        """Give the characters of one object, from character ``first`` on, their right edges.

        The right edge is where the glyph's advance ends, as the pypdf backend has it;
        PDFium's box also takes in the ink, which reaches further in italics (an f) and
        would close the gap to the next word. The box is asked for only where the advance
        is in doubt (:meth:`_doubtful`); the other characters are placed in bulk."""
        style = self.style
        assert style is not None
        font, scale = style.font, style.scale
        widths = font.widths
        if not widths.keys() >= set(codes):
            for code in codes:
                font.advance(code)
        advances = [widths[code] * scale for code in codes]
        rights = list(map(add, lefts, advances))
        # (A ligature may straddle two chunks: its first letter ended the last one.)
        previous = self.lefts[-1] if self.lefts else math.nan
        doubtful = self._doubtful(font, codes, lefts, advances, previous)
        if not doubtful:
            self.codes.extend(codes)
            self.indexes.extend(range(first, first + len(codes)))
            self.lefts.extend(lefts)
            self.rights.extend(rights)
            return
        codes = list(codes)
        kept = [True] * len(codes)
        box, pointer, textpage, checked = self.box, self.box_pointer, self.textpage, font.checked
        while doubtful:
            offset = heapq.heappop(doubtful)
            index, code, left = first + offset, codes[offset], lefts[offset]
            before = offset - 1
            while before >= 0 and not kept[before]:
                before -= 1
            previous_left = lefts[before] if before >= 0 else previous
            if code in _HYPHEN_MARKS and _is_hyphen(textpage, index):
                code = codes[offset] = _HYPHEN
            advance = font.advance(code) * scale
            if not (advance <= 0 or left == previous_left or code not in checked):
                rights[offset] = left + advance
                continue
            _loose_box(textpage, index, pointer)
            if box.right == box.left and code != _SPACE:
                kept[offset] = False  # no glyph: the next one's predecessor changes
                if offset + 1 < len(codes) and offset + 1 not in doubtful:
                    heapq.heappush(doubtful, offset + 1)
                continue
            # A space of no width is one PDFium put in place of the real one, which it
            # then dropped as a double space: it stands where the real one began (or
            # one it inferred from a gap: see _share_ligatures).
            ligature = left == previous_left
            if left + advance <= box.right + 0.01 and not ligature:
                checked.add(code)
            # A ligature's characters (fi → f, i) share its glyph, whose advance (the
            # loose box) ends it, not the last letter's: that would leave a gap before
            # the next letter where a producer starts a new text object (Ghostscript).
            if ligature or not 0 < advance <= box.right + 0.01 - left:
                rights[offset] = box.right
            else:
                rights[offset] = left + advance
        self.codes.extend(compress(codes, kept))
        self.indexes.extend(compress(range(first, first + len(codes)), kept))
        self.lefts.extend(compress(lefts, kept))
        self.rights.extend(compress(rights, kept))

    def _reach_gaps(
        self, codes: list[int], lefts: list[float], rights: list[float], least: float
    ) -> None:
        """Where a glyph of the object just read seems to end ``least`` or more short of the
        next, end it where PDFium's box does if that is further: an advance asked by
        Unicode value may be another glyph's (pdfTeX's hyphen in the T1 encoding: half its
        own), which :func:`_spaced` would take for a word space. (A space glyph's gap,
        a justified line's, is no word to mend.)"""
        box, pointer, textpage, indexes = self.box, self.box_pointer, self.textpage, self.indexes
        gaps = map(sub, islice(lefts, 1, None), rights)
        for offset in compress(count(), map(least.__le__, gaps)):
            if codes[offset] == _SPACE:
                continue
            _loose_box(textpage, indexes[offset], pointer)
            if rights[offset] < box.right:
                rights[offset] = min(box.right, lefts[offset + 1])

    @staticmethod
    def _doubtful(
        font: _Font,
        codes: Sequence[int],
        lefts: list[float],
        advances: list[float],
        previous: float,
    ) -> list[int]:
        """The offsets of the characters whose advance is in doubt, as a heap: unknown
        (0), not checked yet for this glyph, at a hyphen PDFium marked, or in a ligature
        (whose characters PDFium all places at its start). Found in bulk: in a typical
        line none are."""
        doubtful = set(compress(count(), map((0.0).__ge__, advances)))  # advance <= 0
        if not font.checked.issuperset(codes):
            doubtful.update(compress(count(), map(not_, map(font.checked.__contains__, codes))))
        if not _HYPHEN_MARKS.isdisjoint(codes):
            doubtful.update(compress(count(), map(_HYPHEN_MARKS.__contains__, codes)))
        doubtful.update(compress(count(), map(eq, lefts, chain([previous], lefts))))
        heap = list(doubtful)
        heapq.heapify(heap)
        return heap

    def finish(self) -> list[Run]:
        self._end_object()
        if self.pending is not None:
            self.runs.add(self.pending)
        return self.runs.runs

    def _end_object(self) -> None:
        """The characters of the text object just read become a run, or go on the last."""
        style, codes = self.style, self.codes
        if style is None or not codes:
            return
        if len(codes) == 1:  # as Chromium draws: quick
            text, lefts, rights = chr(codes[0]), self.lefts, self.rights
            if _CONTROL.match(text):
                text = ""
        else:
            lefts, rights = _share_ligatures(codes, self.lefts, self.rights)
            least = SPACE_GAP * style.size
            # (In most objects no gap is as wide as a word space: found in bulk.)
            wide = max(map(sub, islice(lefts, 1, None), rights)) >= least
            if wide:
                self._reach_gaps(codes, lefts, rights, least)
            text, lefts, rights = _visible("".join(map(chr, codes)), lefts, rights)
            if wide:
                text, lefts, rights = _spaced(text, lefts, rights, least)
        self.codes, self.lefts, self.rights, self.indexes = [], [], [], []
        if not text or text.isspace():
            return  # the collector would drop it: it must not join two runs either
        self._append(style, text, lefts, rights)

    def _append(self, style: _Style, text: str, lefts: list[float], rights: list[float]) -> None:
        """Join the text on to the run in progress if it goes on with it (see
        :meth:`Run.take`; in the same style object, the gap is all there is to ask), else
        collect that run and start the next."""
        font, pending = style.font, self.pending
        if pending is not None:
            if (
                style is self.pending_style
                or pending.in_style(font.bold, font.italic, style.artifact, style.y, style.size)
            ) and pending.take(text, lefts, rights, style.size):
                return
            self.runs.add(pending)
        self.pending_style = style
        self.pending = Run(
            text, lefts, rights, style.y, style.size, font.bold, font.italic, style.artifact
        )


def _share_ligatures(
    codes: list[int], lefts: list[float], rights: list[float]
) -> tuple[list[float], list[float]]:
    """PDFium gives each character of a ligature (fi → f, i) the ligature's box: share its
    width out among them, as the pypdf backend does.

    A space that shares its left with the next character is no ligature's: PDFium puts
    the space it infers from a gap inside a text object (XeTeX's word spaces, kerns in
    one ``TJ``) at the next glyph's left, with no width. It is given the gap, from the
    glyph before to the next, as the pypdf backend places such a space; shared out with
    the next glyph instead, it would halve it and widen the gap before it."""
    repeated = list(compress(count(1), map(eq, lefts, islice(lefts, 1, None))))
    if not repeated:
        return lefts, rights
    groups: list[list[int]] = []  # runs of consecutive repeated indexes
    for index in repeated:
        if groups and groups[-1][-1] == index - 1:
            groups[-1].append(index)
        else:
            groups.append([index])
    new_lefts, new_rights = list(lefts), list(rights)
    for group in groups:
        start, end = group[0] - 1, group[-1] + 1  # the ligature's first is not repeated
        if codes[start] == _SPACE:
            gap_start = rights[start - 1] if start else lefts[start]
            new_lefts[start] = min(gap_start, lefts[start])
            new_rights[start] = lefts[start]
            start += 1
        left, right = lefts[start], max(rights[start:end])
        step = (right - left) / (end - start)
        for offset in range(end - start):
            new_lefts[start + offset] = left + offset * step
            new_rights[start + offset] = left + (offset + 1) * step
    return new_lefts, new_rights


def _spaced(
    text: str, lefts: list[float], rights: list[float], least: float
) -> tuple[str, list[float], list[float]]:
    """A space in each gap of ``least`` (:data:`SPACE_GAP` ems) or more that the object's
    glyphs leave beyond their usual spacing, where PDFium inferred none.

    A word space drawn as a move inside one ``TJ`` (TeX, typst) is a space, as the pypdf
    backend reads it and as :meth:`Run.take` joins runs; PDFium infers one by its own
    measure, which misses some (LuaTeX's CFF fonts, which map no code to a space, before a
    wide letter: ``Support`` + 0.17 em + ``Workers``). Gaps are measured beyond the
    object's median one, so that letter-spaced text (``Tc``) keeps its words whole; a lone
    gap (two glyphs) shows no letter spacing: Ghostscript's pdfwrite draws a word gap so,
    as the character spacing of the last letter of one word and the first of the next."""
    gaps = list(map(sub, islice(lefts, 1, None), rights))
    wide = [
        index
        for index in compress(count(), map(least.__le__, gaps))
        if not (text[index].isspace() or text[index + 1].isspace())
    ]
    if not wide:  # (TeX's word spaces: PDFium inferred them all)
        return text, lefts, rights
    usual = max(0.0, sorted(gaps)[len(gaps) // 2]) if len(gaps) > 1 else 0.0
    cuts = [index + 1 for index in wide if gaps[index] - usual >= least]
    if not cuts:
        return text, lefts, rights
    pieces, new_lefts, new_rights, start = [], [], [], 0
    for cut in cuts:
        pieces += [text[start:cut], " "]
        new_lefts += [*lefts[start:cut], rights[cut - 1]]
        new_rights += [*rights[start:cut], lefts[cut]]
        start = cut
    pieces.append(text[start:])
    new_lefts += lefts[start:]
    new_rights += rights[start:]
    return "".join(pieces), new_lefts, new_rights


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


@functools.cache
def _glyph_text(code: int) -> str:
    """The text of a glyph drawn alone: empty for a control character or white space,
    which a run neither keeps nor is joined across."""
    text = chr(code)
    return "" if _CONTROL.match(text) or text.isspace() else text


def _visible(
    text: str, lefts: list[float], rights: list[float]
) -> tuple[str, list[float], list[float]]:
    """Control characters dropped, as the pypdf backend drops them; a tab a glyph gives is
    a space. Qt (wkhtmltopdf) maps its space glyph to U+0009, and Ghostscript, rewriting
    such a PDF, draws every word gap as that glyph: dropped, its words ran together."""
    if not _CONTROL.search(text):
        return text, lefts, rights
    text = text.replace("\t", " ")
    kept = [index for index, char in enumerate(text) if not _CONTROL.match(char)]
    return (
        "".join(text[index] for index in kept),
        [lefts[index] for index in kept],
        [rights[index] for index in kept],
    )


def _font_facts(address: int) -> tuple[str, int, int]:
    font = ctypes.cast(address, raw.FPDF_FONT)
    buffer = ctypes.create_string_buffer(_NAME_BUFFER)
    length = raw.FPDFFont_GetBaseFontName(font, buffer, _NAME_BUFFER)
    name = buffer.raw[: max(0, min(length, _NAME_BUFFER) - 1)].decode("latin-1")
    flags = raw.FPDFFont_GetFlags(font)
    angle = ctypes.c_int()
    if not raw.FPDFFont_GetItalicAngle(font, ctypes.byref(angle)):
        angle.value = 0
    return name, max(flags, 0), angle.value


def _is_artifact(owner: int, known: dict[int, bool]) -> bool:
    """Whether the object is inside an ``/Artifact`` marked-content sequence, among all the
    marks around it, innermost first, up to one ``known`` already. PDFium's objects share
    the marks of the sequences open around them, and a mark's outer marks are those open
    when it began, whatever is drawn inside it: so each mark of the page is read once, not
    once for each object inside it (n objects in n nested sequences cost n²)."""
    handle = ctypes.cast(owner, raw.FPDF_PAGEOBJECT)
    buffer = (ctypes.c_ushort * _NAME_BUFFER)()
    written = ctypes.c_ulong()
    read: list[int] = []
    found = False
    for index in reversed(range(raw.FPDFPageObj_CountMarks(handle))):
        mark = raw.FPDFPageObj_GetMark(handle, index)
        address = ctypes.cast(mark, ctypes.c_void_p).value
        if not address:
            continue
        if address in known:
            found = known[address]
            break
        read.append(address)
        named = raw.FPDFPageObjMark_GetName(mark, buffer, 2 * _NAME_BUFFER, written)
        # The name comes as UTF-16LE with a terminating NUL.
        if named and bytes(buffer)[: max(0, written.value - 2)] == _ARTIFACT:
            found = True
            break
    known.update(dict.fromkeys(read, found))
    return found


def _marked_soft_hyphen(owner: int) -> bool:
    """Whether the object is inside a marked-content sequence whose inline ``/ActualText``
    is a soft hyphen: Typst draws the hyphen it hyphenated a word with so, and PDFium's
    text page reads it as any hyphen at a line end (the pypdf backend applies it)."""
    handle = ctypes.cast(owner, raw.FPDF_PAGEOBJECT)
    buffer = (ctypes.c_ubyte * _ACTUAL_TEXT_BUFFER)()
    written = ctypes.c_ulong()
    count = raw.FPDFPageObj_CountMarks(handle)
    for index in range(max(count - _MARKS_LOOKED_AT, 0), count):  # (innermost last)
        mark = raw.FPDFPageObj_GetMark(handle, index)
        # A text string's raw bytes: PDFium's string getter does not decode UTF-16.
        found = mark and raw.FPDFPageObjMark_GetParamBlobValue(
            mark, b"ActualText", buffer, _ACTUAL_TEXT_BUFFER, written
        )
        if found and bytes(buffer)[: written.value] in _SOFT_HYPHEN_STRINGS:
            return True
    return False


def _sample(count: int) -> range:
    """The indexes of at most about :data:`_TURN_SAMPLE` of ``count`` objects, spread out."""
    return range(0, count, max(1, count // _TURN_SAMPLE))


def _count_turns(
    objects: Iterable[Any],
    outer: tuple[float, float, float, float],
    depth: int,
    turns: Counter[Turn | None],
    budget: int,
) -> int:
    """Count in ``turns`` how each text object of ``objects`` is turned, drawn inside
    forms whose matrices come to ``outer`` (a b c d); a sample of each form's objects is
    looked into, ``depth`` forms deep, ``budget`` objects at most in all (what is left of
    it is returned). ``pdfjam`` and ``pdfpages`` draw each page of a 2-up sheet as a form,
    turned when the sheet is /Rotate'd."""
    matrix = raw.FS_MATRIX()
    oa, ob, oc, od = outer
    for handle in objects:
        if budget <= 0:
            break
        budget -= 1
        kind = raw.FPDFPageObj_GetType(handle)
        if kind not in _TURNED_KINDS or not raw.FPDFPageObj_GetMatrix(handle, ctypes.byref(matrix)):
            continue
        # The object's matrix, then the forms' around it.
        a, b = matrix.a * oa + matrix.b * oc, matrix.a * ob + matrix.b * od
        c, d = matrix.c * oa + matrix.d * oc, matrix.c * ob + matrix.d * od
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            upright = a > 0 and d > 0 and b == c == 0  # (the usual case: quick)
            turns[None if upright else quarter_turn(a, b, c, d)] += 1
        elif depth > 0:
            inner = max(0, raw.FPDFFormObj_CountObjects(handle))
            found = (raw.FPDFFormObj_GetObject(handle, index) for index in _sample(inner))
            budget = _count_turns(found, (a, b, c, d), depth - 1, turns, budget)
    return budget


def _turn_upright(page: pdfium.PdfPage) -> tuple[float, float, float, float, float, float] | None:
    """If most of the page's text objects are turned a quarter, half or three quarters
    (see :func:`~.backend.upright_matrix`), turn every object of the page (in memory)
    so that they stand upright, and return the matrix that did; else None. The objects
    asked are a sample of :data:`_TURN_SAMPLE` at most: Chromium draws every glyph as
    one."""
    count = max(0, raw.FPDFPage_CountObjects(page.raw))
    turns: Counter[Turn | None] = Counter()
    objects = (raw.FPDFPage_GetObject(page.raw, index) for index in _sample(count))
    _count_turns(objects, (1.0, 0.0, 0.0, 1.0), _FORM_DEPTH, turns, _TURN_BUDGET)
    turn = prevailing_turn(turns)
    if turn is None:
        return None
    width, height = page.get_size()
    upright = upright_matrix(turn, width, height)
    for index in range(count):
        raw.FPDFPageObj_Transform(raw.FPDFPage_GetObject(page.raw, index), *upright)
    return upright


def _links(page: pdfium.PdfPage, number: int, source: str, limits: PdfLimits) -> list[Link]:
    """The page's URI links; addresses beyond the limits of :meth:`.PdfLimits.check_link`
    refuse the PDF before they are copied out of PDFium."""
    links: list[Link] = []
    page_total = 0
    position = ctypes.c_int(0)
    handle = raw.FPDF_LINK()
    document = page.pdf.raw
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(handle)):
        action = raw.FPDFLink_GetAction(handle)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(document, action, None, 0)  # with its NUL
        page_total += max(length - 1, 0)
        limits.check_link(source, number, length - 1, page_total)
        url = _uri(document, action, length)
        if url:
            links.extend(area for area in map(lambda box: link(box, url), _boxes(handle)) if area)
    return links


def _uri(document: Any, action: Any, length: int) -> str:
    """The action's address, ``length`` bytes with the NUL that ends it."""
    if length <= 1:
        return ""
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFAction_GetURIPath(document, action, buffer, length)
    data = buffer.raw[: length - 1]
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):
        return data.decode("utf-16", "replace").strip()
    return data.decode("utf-8", "replace").strip()


def _boxes(handle: Any) -> list[list[float]]:
    """The link's areas: its quadrilaterals when it has them (one per line), else its rectangle."""
    quads = []
    quad = raw.FS_QUADPOINTSF()
    for index in range(max(0, raw.FPDFLink_CountQuadPoints(handle))):
        if raw.FPDFLink_GetQuadPoints(handle, index, ctypes.byref(quad)):
            xs = (quad.x1, quad.x2, quad.x3, quad.x4)
            ys = (quad.y1, quad.y2, quad.y3, quad.y4)
            quads.append([min(xs), min(ys), max(xs), max(ys)])
    if quads:
        return quads
    rect = raw.FS_RECTF()
    if not raw.FPDFLink_GetAnnotRect(handle, ctypes.byref(rect)):
        return []
    return [[rect.left, rect.bottom, rect.right, rect.top]]


def _open_error(source: str, error: pdfium.PdfiumError) -> str:
    code = getattr(error, "err_code", None)
    if code == _PASSWORD:
        return (
            f"{source}: the PDF is encrypted with a password; save an unprotected copy "
            "(e.g. print it to PDF) and read that"
        )
    if code == _SECURITY:
        return f"{source}: cannot decrypt the PDF (unsupported security handler)"
    return f"{source}: broken PDF ({error})"


# --- decompressed size and marked-content depth -------------------------------------------

_DICTIONARY_REACH = 4096
"""Bytes looked back from a ``stream`` keyword for its object's dictionary: an image's is
a few hundred (a longer one is measured as any stream is)."""
_IMAGE_ALLOWANCE = 8
"""An image may inflate to this many times ``max_stream_bytes``: reading text, PDFium
decodes no image, but a hostile file could call a content stream an image."""
_CARRIED_ALLOWANCE = 16
"""All the document's streams together may leave this many times ``max_marked_depth``
sequences open at their ends (see :meth:`_MarkedDepth.read`)."""
_SPARSE = 1 << 16
"""Bytes a stream holds for each ``BDC``/``BMC`` at least, for its operators not to be
read: an image's or a font's bytes that happen to spell one (a scan's 40 MB page image,
four times: 0.6 s to read token by token) are counted as sequences left open instead.
A stream so sparse cannot leave more open than the document holds such bytes."""
_STRAY = 64
"""Sequences the document's streams may begin, all told, for them to be counted as left
open without their operators being read: a brief's text names ``BMC Public Health`` here
and there (reportlab's 46 pages, 6 streams: 3 ms to read them). The rest of the
:data:`_CARRIED_ALLOWANCE` stays for what streams read truly leave open."""


def _measure_streams(data: bytes, source: str, limits: PdfLimits, deadline: Deadline) -> None:
    """Refuse, before PDFium reads them, a Flate stream that inflates beyond
    ``max_stream_bytes`` (a decompression bomb) and a stream that nests more than
    ``max_marked_depth`` marked-content sequences (see :class:`_MarkedDepth`). Every
    ``stream`` keyword is tried as the start of zlib data; what is not zlib fails at its
    first bytes and is read as it stands, up to the next keyword (``endstream``'s). zlib
    inflates in C, and the output is looked at and dropped, a chunk at a time. A stream
    whose dictionary names other filters, a chain of them or a predictor (ASCIIHex hides
    16,000 nested sequences from a scan of its bytes: 2 s and 1.6 GB in PDFium) is
    decoded as PDFium decodes it (:func:`.filters.decoded`), to the limit.

    An image is allowed :data:`_IMAGE_ALLOWANCE` times as much: reading text, PDFium
    never decodes one, and a scan's page image inflates beyond the limit (ocrmypdf's 400
    dpi pages: 46 MB), which refused every OCR'd scan. Only so much: a stream's
    dictionary may call it an image whatever it is (the page's content, which PDFium
    inflates whole), so its filters are decoded as any stream's (16,000 nested sequences
    behind ASCIIHex in a stream so called: 29 s and 1.6 GB in PDFium), but those decoded
    in Python, a byte or a code at a time (a predictor, LZW, RunLength: a minute for a
    scan's page image), which leave its data tried as zlib data alone. A stream is no
    image where a ``/Contents`` or ``/CharProcs`` value names it, as PDFium reads it as
    content (16,000 nested sequences behind a predictor, LZW or RunLength in content so
    called: 7-13 s and 1.6 GB), or where a ``/Subtype`` other than ``/Image`` is spelt
    in its dictionary (see :func:`.filters.is_image`)."""
    view = memoryview(data)
    previous = 0  # (each byte is looked back at once at most)
    stray = 0  # sequences counted as left open by streams that begin few
    forms = False  # whether a stream may be a form (see _count_form_draws)
    budget = PredictorBudget(limits, source)
    objects = Objects(data, limits.max_stream_bytes, deadline, budget)
    depth = _MarkedDepth(source, limits)
    drawers: list[_Drawer] = []  # (the streams that may draw a form)
    try:
        dictionaries = stream_dictionaries(data, deadline)
    except TooTangled:
        raise InputError(
            f"{source}: the PDF exceeds a safety limit (its objects are spelt within one "
            f"another: reading their dictionaries reads its bytes more than {TANGLE} times)"
        ) from None
    keywords = stream_keywords(data)
    match = next(keywords, None)
    ending = 0  # the first "endstream" at or after the keyword (-1: none is left)
    while match is not None:
        deadline.check()
        following = next(keywords, None)
        start, stop = match.end, following.start if following is not None else len(data)
        if 0 <= ending < start:
            ending = data.find(b"endstream", start)
        kinds = subtypes(data, max(previous, match.start - _DICTIONARY_REACH), match.start)
        image = images_only(kinds)
        openings = dictionaries.get(match.start, [])
        opening = openings[0] if openings else data.rfind(b"obj", previous, match.start)
        region = min(previous, opening) if opening >= 0 else previous
        dictionary = data[opening if opening >= 0 else previous : match.start]
        try:
            readings = possible_filters(data, region, match.start, dictionary, objects)
        except Ambiguous:
            raise InputError(
                f"{source}: the PDF exceeds a safety limit (the filters of one of its streams "
                f"may be read more than {MOST_READINGS} ways)"
            ) from None
        if not (image or forms or data.endswith(b"end", 0, match.start)):
            forms = may_be_form(kinds)  # (an ``endstream`` begins no form)
        if image:  # (no image where content is: see the docstring)
            numbered = [*openings, data.rfind(b"obj", previous, match.start)]
            image = not named_as_content(data, numbered, objects)
        if image:
            readings = [reading for reading in readings if in_c(reading)] or [None]
        if readings != [None]:
            end = _data_end(data, (region, start), stop, ending, objects)
        previous = start
        limit = limits.max_stream_bytes * (_IMAGE_ALLOWANCE if image else 1)
        for filters in readings:
            content: Iterable[bytes]
            if filters is not None:
                content = [decoded(data[start:end], filters, limit, deadline, budget)]
            else:
                # (Content inflated is kept to be read again, up to the limit; an image's is not.)
                content = inflated(view, start, limit, deadline)
                content = content if image else list(content)
            size, begun = _size_and_begun(content)
            if size > limit:
                raise InputError(
                    f"{source}: the PDF exceeds a safety limit (a stream decodes to more than "
                    f"{limit} bytes); if it is genuine, raise "
                    "PdfLimits.max_stream_bytes"
                )
            if not size and filters is None:
                _, begun = _size_and_begun(_raw(view, start, stop))
            sparse = begun * _SPARSE <= (size or stop - start)
            if begun <= limits.max_marked_depth and (sparse or stray + begun <= _STRAY):
                stray += 0 if sparse else begun
                depth.leave_open(begun)  # (none begun: none left open)
            else:
                if not size and filters is None:
                    content = _raw(view, start, stop)
                elif image and filters is None:
                    content = inflated(view, start, limit, deadline)
                depth.read(content, deadline)
        if not image:
            places = (*openings, data.rfind(b"obj", 0, match.start))
            drawers.append(
                (places, match.start, start, end if readings != [None] else stop, readings)
            )
        match = following
    if forms:
        _count_form_draws(data, drawers, source, limits, objects)


_Drawer = tuple[tuple[int, ...], int, int, int, list[Reading]]
"""A stream other than an image: where its ``obj`` keywords may be, where its keyword is,
where its data begins and may end, and how its filters may be read (see
:func:`_measure_streams`)."""


def _count_form_draws(
    data: bytes, drawers: list[_Drawer], source: str, limits: PdfLimits, objects: Objects
) -> None:
    """Refuse a file one of whose streams draws more than ``max_form_draws`` forms, forms
    within forms counted (see :class:`.filters.FormDraws`). The streams are decoded again
    (their sizes and predictors measured already), only in a file that may hold a form:
    looking for ``Do`` in every stream as it is measured cost a fifth more on the samples."""
    view = memoryview(data)
    budget = PredictorBudget(limits, source)
    draws = FormDraws(limits.max_form_draws)
    for numbered, keyword, start, end, readings in drawers:
        objects.deadline.check()
        drawn: Counter[bytes] = Counter()
        for filters in readings:
            if filters is not None:
                content = decoded(
                    data[start:end], filters, limits.max_stream_bytes, objects.deadline, budget
                )
                found = drawn_names(content)
            else:
                chunks = list(inflated(view, start, limits.max_stream_bytes, objects.deadline))
                found = drawn_names(b"".join(chunks)) if chunks else drawn_names(data, start, end)
            drawn = drawn | found if drawn else found
        draws.add(numbered, keyword, drawn)
    if draws.exceeded(data, objects):
        raise limits.too_many_form_draws(source)


_LENGTH = re.compile(rb"/Length\s+(\d{1,10})(?:\s+(\d{1,5})\s+R\b)?")
_AT_END = re.compile(rb"[\0\t\n\x0c\r ]*endstream")


def _data_end(
    data: bytes, region: tuple[int, int], stop: int, ending: int, objects: Objects
) -> int:
    """Where PDFium may end the data of a stream whose dictionary lies in ``region`` (to
    its keyword's end, where the data begins): at the first ``endstream`` after it
    (``ending``), or where a ``/Length`` spelt in the region ends it before an
    ``endstream``; at the next keyword (``stop``) at least. The data may spell either
    keyword: ASCIIHex passes over what is no digit (16,000 nested sequences so cut off
    from their filter by ``stream`` spelt in the data: 18 s and 1.6 GB in PDFium)."""
    previous, start = region
    ends = [stop, ending]
    for number, generation in _LENGTH.findall(data, previous, start):
        length = objects.value(int(number), int(generation)) if generation else number
        if length.isdigit() and _AT_END.match(data, start + int(length)):
            ends.append(start + int(length))
    return max(ends)


def _raw(view: memoryview, start: int, stop: int) -> Iterator[bytes]:
    """The bytes from ``start`` to ``stop``, a chunk at a time."""
    for position in range(start, stop, CHUNK):
        yield bytes(view[position : min(stop, position + CHUNK)])


_BEGINS = (b"BDC", b"BMC")


_DELIMITERS = frozenset(b"\0\t\n\x0c\r ()<>[]{}")


def _may_hide_words(text: bytes) -> bool:
    """Whether ``text`` may hold an operator's name that is none: in a string, a comment
    or an inline image's data (``ID`` as a word: ``/MCID`` holds it too)."""
    if b"(" in text or b"%" in text:
        return True
    return any(at == 0 or text[at - 1] in _DELIMITERS for at in _places(text, b"ID", 0, len(text)))


def _places(text: bytes, word: bytes, start: int, end: int) -> Iterator[int]:
    """Where ``word`` begins in ``text``, from ``start`` to before ``end``."""
    at = text.find(word, start, end + len(word) - 1)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, end + len(word) - 1)


def _size_and_begun(chunks: Iterable[bytes]) -> tuple[int, int]:
    """How many bytes ``chunks`` hold, and how often a marked-content sequence's operator
    stands in them, as a word or not (more often than a sequence is begun, never less:
    one split between two chunks is counted too, where their ends meet)."""
    size = begun = 0
    tail = b""
    for chunk in chunks:
        size += len(chunk)
        meeting = tail + chunk[:2]
        begun += sum(chunk.count(word) + meeting.count(word) for word in _BEGINS)
        tail = (tail + chunk[-2:])[-2:]
    return size, begun


_NOT_MARKS = bytes(sorted(set(range(256)) - set(b"[]<>")))
_CLOSED_MARKS = re.compile(rb"(?:<>|<<>>|\[(?:<>)*\])*")
"""The marks of text at the content's top level at its end: hexadecimal strings,
dictionaries of no arrays or dictionaries, arrays of hexadecimal strings, each whole
(what Chromium's content and BDC's properties hold)."""
_OPEN_TAIL = 4096
"""Bytes at a chunk's end, from the last place known at the content's top level, kept
to be read again with the next chunk when a structure there is cut (a longer stretch is
read token by token)."""


def _closed(text: bytes, start: int, stop: int) -> bool:
    """Whether ``text`` from ``start`` (at the content's top level) to ``stop`` is at its
    top level again there, told by its marks alone, which bytes operations in C pick out
    (a regular expression over the whole text took Chromium's scan from 63 to 200 ms):
    each hexadecimal string, array and dictionary closed within it (one that nests
    another, or holds a mark in a hexadecimal string, is taken as open)."""
    return _CLOSED_MARKS.fullmatch(text[start:stop].translate(None, _NOT_MARKS)) is not None


class _MarkedDepth:
    """How deeply a content stream nests marked-content sequences, read as PDFium reads
    its operators, a chunk at a time: ``BMC``/``BDC`` begin one where they stand as
    words, not inside a string (nested parentheses, escapes), a comment, a name
    (``/BDC``) or an inline image's dictionary (``BI`` to ``ID``); ``EMC`` ends one only
    at the content's top level, not inside a hexadecimal string, an array or a
    dictionary either, which PDFium reads as operands (``[EMC]``,
    ``<EMC>``, ``<</A EMC>>`` end nothing: 8,000 sequences so "ended" nested 8,000 deep
    in PDFium). Begun where PDFium begins none (``[/P BMC]``) counts: more than PDFium
    begins, never fewer; ended, never more than PDFium ends.

    Where an inline image's data ends is not known here: PDFium reads as many bytes as
    the image's size and colour space make (a colour space named by the page's
    resources), or as its filters' decoder takes, then tokens to an ``EI``; an ``EI``
    looked for in the data ended it early (` EI EMC ` in it ended 16,000 sequences that
    PDFium never ended: 1.8 s). So from an image's data on, every ``BDC``/``BMC`` in the
    stream counts as begun, as a word or not, and no ``EMC`` as ending one."""

    # In content: a string whole where it nests no parentheses (one step), what opens a
    # string, a comment, an array or a dictionary, a hexadecimal string whole or what
    # opens one, or an operator looked for, ended by a delimiter (one at a chunk's end is
    # kept for the next chunk, with the byte before it, as is a last "<").
    _CONTENT = re.compile(
        rb"\([^()\\]*(?:\\.[^()\\]*)*\)|[(%\[\]]|<<|>>|<[^<>]*>|<(?=[^<])"
        rb"|(?<![^\0\t\n\x0c\r ()<>\[\]{}])(BDC|BMC|EMC|BI|ID)(?=[\0\t\n\x0c\r ()<>\[\]{}/%])",
        re.DOTALL,
    )
    _STRING = re.compile(rb"\\.|[()]", re.DOTALL)
    _LINE_END = re.compile(rb"[\r\n]")
    _HEXADECIMAL_END = re.compile(rb">")
    _KEPT = 4
    _WORDS = (b"BDC", b"BMC", b"EMC", b"BI")
    _AFTER = _DELIMITERS | frozenset(b"/%")

    def __init__(self, source: str, limits: PdfLimits) -> None:
        self.source, self.limits = source, limits
        self.depth = 0
        self.parentheses = 0  # open in the string being read
        self.arrays = self.dictionaries = 0  # open around what is read
        self.comment = self.hexadecimal = self.inline = self.image = False
        self.carried = 0
        """Sequences the streams read so far left open at their ends."""

    def read(self, chunks: Iterable[bytes], deadline: Deadline) -> None:
        """Read one stream; raise the limits' error where more than ``max_marked_depth``
        sequences are open in it, or where the streams read leave more than
        :data:`_CARRIED_ALLOWANCE` times as many open at their ends. A page's content
        may be an array of streams that PDFium reads as one (a sequence may go on from
        one to the next: 300 streams that open 60 each nest 18,000 deep), and which
        streams make a page is not known here: so each stream's sequences are counted
        from none, and what all leave open is bounded (a producer may leave one open a
        page)."""
        self.depth = self.parentheses = self.arrays = self.dictionaries = 0
        self.comment = self.hexadecimal = self.inline = self.image = False
        kept, position = b"", 0
        rest = iter(chunks)
        for chunk in rest:
            deadline.check()
            text = kept + chunk
            nested = self.arrays or self.dictionaries or self.hexadecimal or self.inline
            if nested or self.parentheses or self.comment or _may_hide_words(text):
                kept, position = self._read(text, position)
            else:
                kept, position = self._read_words(text, position)
            if self.image:
                break
        if self.image:  # (the rest from the image's data on: see the class's comment)
            self.depth += _size_and_begun(chain([kept], rest))[1]
            self._check_depth()
        else:  # (The stream's end ends its last word: line ends to read up to it.)
            self._read(kept + b"\n" * self._KEPT, position)
        self.leave_open(self.depth)

    def leave_open(self, count: int) -> None:
        """Count ``count`` sequences a stream left open (see :meth:`read`)."""
        self.carried += count
        if self.carried > _CARRIED_ALLOWANCE * self.limits.max_marked_depth:
            raise self.limits.too_deeply_marked(self.source)

    def _read_words(self, text: bytes, position: int) -> tuple[bytes, int]:
        """:meth:`_read` for text that holds no string, comment or inline image (as
        Chromium's content, its text in hexadecimal strings), from the content's top
        level: each operator found by a search in C, rather than every token by the
        pattern (a tenth of the time). An ``EMC`` ends a sequence where the text before
        it is at the top level again (see :func:`_closed`); where that is not known, the
        text is read token by token from the last place known."""
        end = max(position, len(text) - self._KEPT)
        found = sorted(
            (at, word)
            for word in self._WORDS
            for at in _places(text, word, position, end)
            if (at == 0 or text[at - 1] in _DELIMITERS) and text[at + len(word)] in self._AFTER
        )
        known, begun = position, 0  # (at the top level; sequences begun since)
        for at, word in found:
            if word == b"BI":  # (an inline image: its data is read token by token)
                return self._read(text, known)
            if word != b"EMC":
                begun += 1
                continue
            if not _closed(text, known, at):
                return self._read(text, known)
            for _ in range(begun):
                self._token(b"BMC")
            self._token(word)
            known, begun = at + 3, 0
        if _closed(text, known, end):
            for _ in range(begun):
                self._token(b"BMC")
            return (text[end - 1 :], 1) if end else (text, 0)
        if end - known <= _OPEN_TAIL:
            return (text[known - 1 :], 1) if known else (text, 0)
        return self._read(text, known)

    def _read(self, text: bytes, position: int) -> tuple[bytes, int]:
        """Read ``text`` from ``position``: what of its end is kept for the next chunk,
        and where in it reading goes on (after the byte that tells whether a word
        begins there)."""
        while True:
            if self.parentheses:
                position = self._string(text, position)
                if self.parentheses:  # (an escape's backslash ending the chunk waits)
                    return text[position:], 0
                continue
            found = self._pattern().search(text, position)
            if found is None:
                if self.comment or self.hexadecimal:
                    return b"", 0
                start = max(position, len(text) - self._KEPT)
                return (text[start - 1 :], 1) if start else (text, 0)
            position = found.end()
            if self.comment or self.hexadecimal:
                self.comment = self.hexadecimal = False
            else:
                self._token(found[0])
                if self.image:
                    return text[position:], 0

    def _pattern(self) -> re.Pattern[bytes]:
        if self.comment:
            return self._LINE_END
        if self.hexadecimal:
            return self._HEXADECIMAL_END
        return self._CONTENT

    def _string(self, text: bytes, position: int) -> int:
        """Read a string's text from ``position``: where it ends, or where the chunk does
        (short of an escape's lone backslash)."""
        for found in self._STRING.finditer(text, position):
            position = found.end()
            if found[0] == b"(":
                self.parentheses += 1
            elif found[0] == b")":
                self.parentheses -= 1
                if not self.parentheses:
                    return position
        return len(text) - 1 if text.endswith(b"\\") and position < len(text) else len(text)

    def _token(self, token: bytes) -> None:
        top = not (self.arrays or self.dictionaries or self.inline)
        if token == b"(":
            self.parentheses = 1
        elif token in _OPENINGS:
            setattr(self, _OPENINGS[token], True)
        elif token in _STRUCTURES:
            name, step = _STRUCTURES[token]
            setattr(self, name, max(getattr(self, name) + step, 0))
        elif token == b"BI":
            self.inline = self.inline or top
        elif token == b"ID":
            self.image, self.inline = self.inline, False
        elif token == b"EMC":
            self.depth = max(self.depth - 1, 0) if top else self.depth
        elif token in _BEGINS:
            self.depth += 1
            self._check_depth()

    def _check_depth(self) -> None:
        if self.depth > self.limits.max_marked_depth:
            raise self.limits.too_deeply_marked(self.source)


_OPENINGS = {b"%": "comment", b"<": "hexadecimal"}
_STRUCTURES = {
    b"[": ("arrays", 1),
    b"]": ("arrays", -1),
    b"<<": ("dictionaries", 1),
    b">>": ("dictionaries", -1),
}


_HYPHENS = _HYPHEN_MARKS | {_HYPHEN}
_HYPHEN_UNITS = tuple(code.to_bytes(2, sys.byteorder) for code in _HYPHENS)


def _holds_hyphen(codes: Sequence[int]) -> bool:
    """Whether ``codes`` hold a hyphen, or a hyphen PDFium marked at a line end: a search
    of the page's text in C (a UTF-16 unit found at an odd offset is a false alarm,
    which costs only the exact search after it)."""
    if isinstance(codes, memoryview):
        text = codes.tobytes()
        return any(unit in text for unit in _HYPHEN_UNITS)
    return not _HYPHENS.isdisjoint(codes)


def _span_first(span: tuple[int, int, int]) -> int:
    return span[0]


def _drawn_alone(spans: list[tuple[int, int, int]], at: int) -> bool:
    """Whether span ``at`` is one glyph, in a marked-content sequence of its own: tagged
    content (an id), and neither neighbour in the same sequence."""
    first, stop, owner = spans[at]
    if stop - first != 1:
        return False
    mcid = _content_id(owner)
    neighbours = [spans[index][2] for index in (at - 1, at + 1) if 0 <= index < len(spans)]
    return mcid >= 0 and all(_content_id(other) != mcid for other in neighbours)


def _soft_hyphen_ids(page: pdfium.PdfPage, deadline: Deadline) -> frozenset[int]:
    """The page's marked-content ids under structure elements whose ``/ActualText`` is a
    soft hyphen: LibreOffice's tagged PDF draws a hyphen it hyphenated a word with as a
    ``/Span`` so, in the structure tree, which PDFium's text page does not apply (an
    inline ``/ActualText`` it does). As the pypdf backend reads them."""
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return frozenset()
    found: set[int] = set()
    try:
        stack = [
            (raw.FPDF_StructTree_GetChildAtIndex(tree, index), False)
            for index in range(raw.FPDF_StructTree_CountChildren(tree))
        ]
        for visited in range(MAX_STRUCTURE_NODES):
            if not stack:
                break
            if visited % _CHECK_EVERY == 0:
                deadline.check()
            element, soft = stack.pop()
            if not element:
                continue
            soft = soft or _element_actual_text(element) == SOFT_HYPHEN
            if soft:
                found.update(
                    raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index)
                    for index in range(raw.FPDF_StructElement_GetMarkedContentIdCount(element))
                )
            stack.extend(
                (raw.FPDF_StructElement_GetChildAtIndex(element, index), soft)
                for index in range(raw.FPDF_StructElement_CountChildren(element))
            )
    finally:
        raw.FPDF_StructTree_Close(tree)
    found.discard(-1)
    return frozenset(found)


def _element_actual_text(element: Any) -> str:
    """A structure element's ``/ActualText`` ("" for none): only a short one is read, as
    only a soft hyphen is looked for."""
    buffer = ctypes.create_string_buffer(8)
    size = raw.FPDF_StructElement_GetActualText(element, buffer, len(buffer))
    if not 2 < size <= len(buffer):
        return ""
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")
