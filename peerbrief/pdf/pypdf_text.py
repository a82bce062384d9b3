"""The pypdf backend's text interpreter: a page's content stream → glyph runs.

pypdf parses the content stream and decodes the fonts; the text operators are
interpreted here (PDF 32000-1, §8.4, §9), so that every character has its exact left
and right edge — glyph widths, kerning, justified spacing and superscript rises
included. pypdf's own text extraction reports runs without widths, which cannot tell
a tab from a space, nor where a link ends inside a line. Only upright text is read.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

import attrs
from attrs import frozen

# pypdf's font decoding tables (encoding, ToUnicode map, glyph widths, the Adobe Glyph
# List) are what its own text extraction uses. pypdf 7 has no public API for them
# (pypdf.generic exports no Font), so the two private imports below (pypdf._codecs,
# pypdf.generic._font) are confined to this module and pyproject pins pypdf's major version.
from pypdf._codecs import adobe_glyphs
from pypdf.errors import PyPdfError
from pypdf.generic import ContentStream, DictionaryObject, NameObject, StreamObject
from pypdf.generic._font import Font

from ..limits import Deadline
from .backend import (
    INVISIBLE_RENDER_MODES,
    MAX_COORDINATE,
    SOFT_HYPHEN,
    SPACE_GAP,
    Run,
    RunCollector,
    Turn,
    font_style,
    quarter_turn,
    stands_upright,
)
from .limits import PdfLimits

__all__ = ["BROKEN", "FontCache", "TextInterpreter", "dictionary", "dictionary_value", "numbers"]

# What pypdf, or Python on a malformed object, raises for a broken file.
BROKEN = (
    PyPdfError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    RecursionError,
    OverflowError,
    ZeroDivisionError,
    EOFError,
    LookupError,
    zlib.error,
    struct.error,
)


def dictionary(value: Any) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 12
_MAX_FORMS_PER_PAGE = 5000


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _number(operands: Sequence[Any], index: int = 0) -> float | None:
    """An operand that must be a number, or None if the operator is malformed (not a
    number, or not finite and sane: overflowing numbers become infinite, then NaN)."""
    if index < len(operands) and isinstance(operands[index], (int, float)):
        value = float(operands[index])
        return value if _sane(value) else None
    return None


def _sane(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_COORDINATE


def numbers(value: Any, count: int) -> list[float] | None:
    """The first ``count`` items of an array as floats, or None if it is malformed."""
    if not isinstance(value, list) or len(value) < count:
        return None
    if not all(isinstance(item, (int, float)) for item in value[:count]):
        return None
    floats = [float(item) for item in value[:count]]
    return floats if all(map(_sane, floats)) else None


def _matrix(operands: Any) -> _Matrix | None:
    values = numbers(operands, 6)
    if values is None:
        return None
    a, b, c, d, e, f = values
    return (a, b, c, d, e, f)


@attrs.define
class _GraphicsState:
    """What q saves and Q restores: the transformation and the text state parameters."""

    ctm: _Matrix = _IDENTITY
    font: _FontMetrics | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    horizontal_scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    invisible: bool = False
    """Text render mode 3 or 7 (:data:`~.backend.INVISIBLE_RENDER_MODES`)."""


@attrs.define
class _Marked:
    """An open marked-content sequence (BMC or BDC … EMC)."""

    artifact: bool
    actual_text: str | None
    """Its ``/ActualText``: the text its glyphs stand for."""
    given: bool = False
    """Whether a glyph shown in it gave that text already."""


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\x80]")  # as PDFium reads them in an /ActualText


class TextInterpreter:
    """Runs a content stream's text operators (PDF 32000-1, §8.4, §9) to place every glyph.

    Every string shown becomes a :class:`~.backend.Run` whose characters carry their
    left and right edges on the page, through form XObjects. Rotated or mirrored text
    is skipped: it is never the body of a brief.
    """

    def __init__(
        self,
        fonts: FontCache,
        deadline: Deadline,
        pdf: Any,
        runs: RunCollector,
        soft_hyphens: frozenset[int] = frozenset(),
        *,
        limits: PdfLimits,
        source: str,
    ) -> None:
        self.limits, self.source = limits, source
        self.soft_hyphens = soft_hyphens
        """The page's marked-content ids that a structure element marks as a soft hyphen
        (see :attr:`.pypdf.PypdfDocument.soft_hyphens`)."""
        self.fonts = fonts
        self.deadline = deadline
        self.pdf = pdf
        self.runs = runs
        self.state = _GraphicsState()
        self.saved: list[_GraphicsState] = []
        self.text_matrix = self.line_matrix = _IDENTITY
        self.font_dicts = DictionaryObject()
        self.xobjects = DictionaryObject()
        self.forms_left = _MAX_FORMS_PER_PAGE
        self.open_forms: set[int] = set()
        self.shown: Counter[Turn | None] = Counter()
        """Characters shown upright (None) and turned by each quarter turn."""
        self.undecodable = 0
        """Glyphs shown whose text is a control character (see ``Page.undecodable``)."""
        self.invisible = 0
        """Characters shown upright and invisibly (see ``Page.invisible``)."""
        self.turned: list[str] = []
        """The text shown at an angle (see ``Page.turned``), a space between two strings
        that do not meet."""
        self.turned_end = (math.nan, math.nan)  # where the last string at an angle ended
        self.marks: list[_Marked] = []  # open marked-content sequences
        self.artifacts = 0
        self.properties = DictionaryObject()
        self.handlers = {
            b"q": self._save,
            b"Q": self._restore,
            b"cm": self._concatenate,
            b"BT": self._begin_text,
            b"Tf": self._set_font,
            b"Tc": self._set_char_spacing,
            b"Tw": self._set_word_spacing,
            b"Tz": self._set_horizontal_scale,
            b"TL": self._set_leading,
            b"Ts": self._set_rise,
            b"Tr": self._set_render_mode,
            b"Td": self._move,
            b"TD": self._move_setting_leading,
            b"Tm": self._set_matrix,
            b"T*": self._next_line,
            b"Tj": self._show_string,
            b"TJ": self._show_array,
            b"'": self._next_line_show,
            b'"': self._next_line_show_spaced,
            b"Do": self._draw_object,
            b"BMC": self._begin_marked,
            b"BDC": self._begin_marked,
            b"EMC": self._end_marked,
        }

    def run(self, operations: list[tuple[Any, bytes]], resources: DictionaryObject) -> None:
        self.font_dicts = dictionary(resources.get("/Font"))
        self.xobjects = dictionary(resources.get("/XObject"))
        self.properties = dictionary(resources.get("/Properties"))
        handlers = self.handlers
        for operands, operator in operations:
            handler = handlers.get(operator)
            if handler is not None:
                handler(operands)

    # -- graphics and text state --

    def _save(self, _operands: list[Any]) -> None:
        self.saved.append(attrs.evolve(self.state))

    def _restore(self, _operands: list[Any]) -> None:
        if self.saved:
            self.state = self.saved.pop()

    def _concatenate(self, operands: list[Any]) -> None:
        matrix = _matrix(operands)
        if matrix is not None:
            self.state.ctm = _multiply(matrix, self.state.ctm)

    def _begin_text(self, _operands: list[Any]) -> None:
        self.text_matrix = self.line_matrix = _IDENTITY

    def _set_font(self, operands: list[Any]) -> None:
        size = _number(operands, 1)
        if size is not None:
            font = self.font_dicts.get(str(operands[0]))
            self.state.font = self.fonts.metrics(font.get_object()) if font is not None else None
            self.state.size = size

    def _set_char_spacing(self, operands: list[Any]) -> None:
        self.state.char_spacing = _number(operands) or 0.0

    def _set_word_spacing(self, operands: list[Any]) -> None:
        self.state.word_spacing = _number(operands) or 0.0

    def _set_horizontal_scale(self, operands: list[Any]) -> None:
        self.state.horizontal_scale = (_number(operands) or 100.0) / 100

    def _set_leading(self, operands: list[Any]) -> None:
        self.state.leading = _number(operands) or 0.0

    def _set_rise(self, operands: list[Any]) -> None:
        self.state.rise = _number(operands) or 0.0

    def _set_render_mode(self, operands: list[Any]) -> None:
        self.state.invisible = _number(operands) in INVISIBLE_RENDER_MODES

    def _begin_marked(self, operands: list[Any]) -> None:
        artifact = bool(operands) and operands[0] == "/Artifact"
        actual_text = self._actual_text(operands[1:2])
        if actual_text is None and self._marks_soft_hyphen(operands[1:2]):
            actual_text = SOFT_HYPHEN
        self.marks.append(_Marked(artifact, actual_text))
        # (Each string shown looks through the open sequences for an /ActualText.)
        if len(self.marks) > self.limits.max_marked_depth:
            raise self.limits.too_deeply_marked(self.source)
        self.artifacts += artifact

    def _marks_soft_hyphen(self, operands: list[Any]) -> bool:
        """Whether the BDC's marked-content id is one the page's structure marks as a soft
        hyphen (a form XObject's ids are its own, not the page's)."""
        if not self.soft_hyphens or self.open_forms:
            return False
        properties = operands[0] if operands else None
        if isinstance(properties, NameObject):
            properties = self.properties.get(properties)
        mcid = dictionary(properties).get("/MCID")
        return isinstance(mcid, int) and mcid in self.soft_hyphens

    def _actual_text(self, operands: list[Any]) -> str | None:
        """The ``/ActualText`` of a BDC's property list (inline or named in the
        resources' /Properties)."""
        properties = operands[0] if operands else None
        if isinstance(properties, NameObject):
            properties = self.properties.get(properties)
        text = dictionary(properties).get("/ActualText")
        text = text.get_object() if text is not None else None
        if isinstance(text, bytes):
            return text.decode("latin-1")
        return text if isinstance(text, str) else None

    def _end_marked(self, _operands: list[Any]) -> None:
        if self.marks:
            self.artifacts -= self.marks.pop().artifact

    def _replaced(
        self, shown: str, lefts: list[float], rights: list[float]
    ) -> tuple[str, list[float], list[float]]:
        """What the glyphs shown stand for, as PDFium reads it: inside a marked-content
        sequence with a non-empty ``/ActualText`` (the innermost), that text, spread
        evenly over the glyphs, given by the first glyphs shown in it, nothing by the
        rest (a ligature drawn as a glyph without a Unicode value, a word drawn in
        pieces). Control characters in it are spaces."""
        marked = next((mark for mark in reversed(self.marks) if mark.actual_text is not None), None)
        if marked is None or not marked.actual_text:
            return shown, lefts, rights
        if marked.given:
            return "", [], []
        marked.given = True
        text = _UNPRINTABLE.sub(" ", marked.actual_text.replace("\ufffd", ""))
        if not text.strip():
            return "", [], []
        self.runs.budget.spend(len(text))
        left, step = lefts[0], (rights[-1] - lefts[0]) / len(text)
        edges = [left + index * step for index in range(len(text) + 1)]
        return text, edges[:-1], edges[1:]

    # -- text positioning --

    def _move(self, operands: list[Any]) -> None:
        x, y = _number(operands, 0), _number(operands, 1)
        if x is not None and y is not None:
            self.line_matrix = _multiply((1.0, 0.0, 0.0, 1.0, x, y), self.line_matrix)
            self.text_matrix = self.line_matrix

    def _move_setting_leading(self, operands: list[Any]) -> None:
        y = _number(operands, 1)
        if y is not None:
            self.state.leading = -y
            self._move(operands)

    def _set_matrix(self, operands: list[Any]) -> None:
        matrix = _matrix(operands)
        if matrix is not None:
            self.text_matrix = self.line_matrix = matrix

    def _next_line(self, _operands: list[Any]) -> None:
        self._move([0.0, -self.state.leading])

    # -- text showing --

    def _show_string(self, operands: list[Any]) -> None:
        self._show(operands[:1])

    def _show_array(self, operands: list[Any]) -> None:
        if operands and isinstance(operands[0], list):
            self._show(operands[0])

    def _next_line_show(self, operands: list[Any]) -> None:
        self._next_line(operands)
        self._show(operands[-1:])

    def _next_line_show_spaced(self, operands: list[Any]) -> None:
        if len(operands) >= 3:
            self._set_word_spacing(operands[:1])
            self._set_char_spacing(operands[1:2])
            self._next_line_show(operands[2:])

    def _show(self, items: list[Any]) -> None:
        """Place the glyphs of a Tj string or a TJ array and advance the text matrix."""
        self.deadline.check()
        state = self.state
        font = state.font or _UNKNOWN_FONT
        a, b, c, d, e, f = _multiply(self.text_matrix, state.ctm)
        if font.flipped:  # the font matrix's flip (diagonal 1, -1) is the text's too
            c, d = -c, -d
        pen = 0.0  # advance in text space since the start of this operator
        text: list[str] = []
        lefts: list[float] = []
        rights: list[float] = []
        for item in items:
            if isinstance(item, (int, float)):
                kerning = float(item)
                if _sane(kerning):
                    moved = pen - kerning / 1000 * state.size * state.horizontal_scale
                    if text and -kerning > 1000 * SPACE_GAP:
                        # A word space drawn as a move, not a glyph (TeX draws no spaces):
                        # a space, as PDFium's text page also gives one.
                        text.append(" ")
                        lefts.append(e + pen * a)
                        rights.append(e + moved * a)
                    pen = moved
            elif isinstance(item, (str, bytes)):
                pen = self._place(_raw_bytes(item), font, pen, (a, e), text, lefts, rights)
        self.text_matrix = _multiply((1.0, 0.0, 0.0, 1.0, pen, 0.0), self.text_matrix)
        shown = "".join(text)
        upright = stands_upright(a, b, c, d)
        self.shown[None if upright else quarter_turn(a, b, c, d)] += len(shown)
        if not upright and shown:
            em = state.size * math.hypot(a, b)
            self._set_aside(shown, (e, f), (e + pen * a, f + pen * b), em)
        if upright and shown:
            shown, lefts, rights = self._replaced(shown, lefts, rights)
        if upright and shown:
            y, size = f + state.rise * d, state.size * d
            artifact = self.artifacts > 0
            self.runs.add(Run(shown, lefts, rights, y, size, font.bold, font.italic, artifact))
            if state.invisible:
                self.invisible += len(shown)

    def _set_aside(
        self, shown: str, start: tuple[float, float], end: tuple[float, float], em: float
    ) -> None:
        """Keep a string shown at an angle, from ``start`` to ``end`` on the page."""
        if self.turned and not math.dist(self.turned_end, start) < SPACE_GAP * em:
            self.turned.append(" ")
        self.turned.append(shown)
        self.turned_end = end

    def turned_text(self) -> str:
        """The page's text set at an angle (see ``Page.turned``)."""
        return " ".join("".join(self.turned).split())

    def _place(
        self,
        raw: bytes,
        font: _FontMetrics,
        pen: float,
        to_page: tuple[float, float],
        text: list[str],
        lefts: list[float],
        rights: list[float],
    ) -> float:
        """Decode one string and add each character with its edges; return the new pen.

        A glyph advances the pen by its width, the character spacing and, for the
        single-byte code 32, the word spacing, all scaled horizontally (§9.4.4).
        """
        state = self.state
        self.runs.budget.spend(len(raw))
        codes = font.codes(raw)
        em = state.size / 1000 * font.glyph_scale
        widths, default, spacing = font.code_widths, font.default, state.char_spacing
        advances = [widths.get(code, default) * em + spacing for code in codes]
        if state.word_spacing and font.single_byte:
            extra = state.word_spacing
            advances = [a + extra if c == " " else a for a, c in zip(advances, codes, strict=True)]
        horizontal = state.horizontal_scale
        positions = list(accumulate((a * horizontal for a in advances), initial=pen))
        scale, origin = to_page
        edges = [origin + position * scale for position in positions]
        characters = [font.unicode.get(code, code) for code in codes]
        joined = "".join(characters)
        if len(joined) == len(codes) and not _CONTROL.search(joined):
            if len(joined) == 2 and spacing >= SPACE_GAP * state.size and " " not in joined:
                # A lone gap is no letter spacing: Ghostscript's pdfwrite draws a word gap
                # as the character spacing of the last letter of a word and the next's
                # first. The space fills the gap (as PDFium's text would have it).
                gap = edges[1] - spacing * horizontal * scale
                joined = f"{joined[0]} {joined[1]}"
                edges = [edges[0], gap, edges[1], edges[2]]
            text.append(joined)
            lefts.extend(edges[:-1])
            rights.extend(edges[1:])
        else:
            self.undecodable += _add_mapped(characters, edges, text, lefts, rights)
        return positions[-1]

    def _draw_object(self, operands: list[Any]) -> None:
        """Interpret a form XObject in place, with its own resources and matrix."""
        xobject = self.xobjects.get(str(operands[0])) if operands else None
        form = xobject.get_object() if xobject is not None else None
        if not isinstance(form, StreamObject) or form.get("/Subtype") != "/Form":
            return
        nested_too_deep = len(self.open_forms) >= _MAX_FORM_DEPTH
        if id(form) in self.open_forms or nested_too_deep or self.forms_left <= 0:
            return  # a cycle, or a file built to make us work forever
        self.forms_left -= 1
        self.deadline.check()
        matrix = form.get("/Matrix")
        matrix = _matrix(matrix.get_object() if matrix is not None else None) or _IDENTITY
        resources = form.get("/Resources")
        fonts, xobjects = self.font_dicts, self.xobjects
        self.open_forms.add(id(form))
        self._save([])
        self.state.ctm = _multiply(matrix, self.state.ctm)
        try:
            self.run(
                ContentStream(form, self.pdf).operations,
                dictionary(resources) if resources is not None else _parent(fonts, xobjects),
            )
        finally:
            self._restore([])
            self.open_forms.discard(id(form))
            self.font_dicts, self.xobjects = fonts, xobjects


def _parent(fonts: DictionaryObject, xobjects: DictionaryObject) -> DictionaryObject:
    """A form without resources uses its page's (PDF 1.1 behaviour)."""
    return DictionaryObject({NameObject("/Font"): fonts, NameObject("/XObject"): xobjects})


def _add_mapped(
    characters: list[str],
    edges: list[float],
    text: list[str],
    lefts: list[float],
    rights: list[float],
) -> int:
    """Glyphs that stand for several characters (ligatures) or none: share out their width.
    How many glyphs gave control characters only (dropped): undecodable ones."""
    undecodable = 0
    for left, right, mapped in zip(edges, edges[1:], characters, strict=False):
        # (a tab is a word space drawn: see the pdfium backend's _visible)
        visible = _CONTROL.sub("", mapped.replace("\t", " "))
        undecodable += not visible and bool(mapped.strip("\t\n\r"))  # (white space is text)
        step = (right - left) / len(visible) if visible else 0.0
        for index, character in enumerate(visible):
            text.append(character)
            lefts.append(left + index * step)
            rights.append(left + (index + 1) * step)
    return undecodable


def _raw_bytes(item: str | bytes) -> bytes:
    original = getattr(item, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    return item if isinstance(item, bytes) else item.encode("latin-1", "replace")


# --- fonts --------------------------------------------------------------------------------

_DEFAULT_WIDTH = 500.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@frozen(eq=False)
class _FontMetrics:
    """How one font turns bytes into characters, and how wide each glyph is (1/1000 em).

    Both maps are keyed by character code as pypdf keys them: ``chr(byte)`` for
    simple fonts; for composite fonts, the code units ``codec`` decodes the bytes to.
    """

    code_widths: dict[str, float]
    unicode: dict[str, str]
    default: float
    bold: bool
    italic: bool
    codec: str | None = None
    glyph_scale: float = 1.0
    """Type 3 glyph widths are in the font's own units (its /FontMatrix), not 1/1000 em."""
    flipped: bool = False
    """A Type 3 font whose /FontMatrix turns its glyphs upside down (Ghostscript's, which
    draws them with a text matrix upside down too: upright on the page)."""

    @property
    def single_byte(self) -> bool:
        return self.codec is None

    def codes(self, raw: bytes) -> str:
        if self.codec is None:
            return raw.decode("latin-1")
        try:
            return raw.decode(self.codec, "surrogatepass")
        except (UnicodeDecodeError, LookupError):
            return raw.decode("utf-16-be", "replace")


# Text in a font that cannot be found or read: shown by its codes, 1/2 em per glyph.
_UNKNOWN_FONT = _FontMetrics({}, {}, _DEFAULT_WIDTH, False, False)


class FontCache:
    """The metrics of each font dictionary, built once per document."""

    def __init__(self) -> None:
        self._metrics: dict[object, _FontMetrics] = {}
        self._keep: list[DictionaryObject] = []

    def metrics(self, font: Any) -> _FontMetrics:
        if not isinstance(font, DictionaryObject):
            return _UNKNOWN_FONT
        reference = getattr(font, "indirect_reference", None)  # none: a direct object
        key = (reference.idnum, reference.generation) if reference is not None else id(font)
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = self._metrics[key] = _font_metrics(font)
            self._keep.append(font)  # a direct object's id must not be reused meanwhile
        return metrics


def _font_metrics(font_dict: DictionaryObject) -> _FontMetrics:
    try:
        font = Font.from_font_resource(font_dict)
    except BROKEN:
        return _UNKNOWN_FONT
    default = _width(font.character_widths.get("default")) or _DEFAULT_WIDTH
    code_widths = {
        code: _width(width) or 0.0
        for code, width in font.character_widths.items()
        if len(code) == 1
    }
    encoding, cmap = font.encoding, font.character_map
    if isinstance(encoding, dict):
        codec = None
        encoded = {
            chr(code): _glyph_name_text(encoding.get(code, chr(code))) for code in range(256)
        }
        if _win_ansi_based(font_dict):
            _bullets_for_unused_codes(encoded, code_widths, cmap)
        unicode = {code: _text(cmap.get(char, char)) for code, char in encoded.items()}
    else:
        codec = encoding
        unicode = {code: _text(text) for code, text in cmap.items() if isinstance(code, str)}
    descriptor = font.font_descriptor
    flags, angle = descriptor.flags, descriptor.italic_angle
    bold, italic = font_style(
        font.name,
        flags if isinstance(flags, int) else 0,
        float(angle) if isinstance(angle, (int, float)) and math.isfinite(angle) else 0.0,
    )
    scale, flipped = _glyph_space(font_dict)
    return _FontMetrics(code_widths, unicode, default, bold, italic, codec, scale, flipped)


_WIN_ANSI = "/WinAnsiEncoding"
_WIN_ANSI_BULLET = "\x95"
_WIN_ANSI_UNUSED = "\x7f\x81\x8d\x8f\x90\x9d"
"""The codes above 40 (octal) WinAnsiEncoding assigns nothing, which map to the bullet
(ISO 32000-1, D.2, note 6), as PDFium maps them: reportlab writes a bullet (U+2022) in
the standard fonts as 177 (octal)."""


def _win_ansi_based(font_dict: DictionaryObject) -> bool:
    encoding = dictionary_value(font_dict, "/Encoding")
    if isinstance(encoding, DictionaryObject):
        encoding = dictionary_value(encoding, "/BaseEncoding")
    return bool(encoding == _WIN_ANSI)


def _bullets_for_unused_codes(
    encoded: dict[str, str], code_widths: dict[str, float], cmap: dict[Any, Any]
) -> None:
    """Map the unused WinAnsi codes that no /Differences name to the bullet, at its width.
    pypdf keeps some names in the character map instead (an embedded font's, with the
    /Encoding an indirect object: Ghostscript's ``140 /fi /fl``): those are named too."""
    for code in _WIN_ANSI_UNUSED:
        if encoded[code] == code and code not in cmap:
            encoded[code] = "\u2022"
            if code not in code_widths and _WIN_ANSI_BULLET in code_widths:
                code_widths[code] = code_widths[_WIN_ANSI_BULLET]


def _glyph_name_text(value: str) -> str:
    """A character of a simple font's encoding, or a glyph name pypdf could not map (TeX's
    ``/quotesingle.ts1``) mapped as the Adobe Glyph List specifies: the part before the
    first period, each of its ``_``-joined components by the list. A name with a
    component the list lacks stays a name, which shows in the text rather than vanish."""
    if len(value) < 2 or not value.startswith("/"):
        return value
    components = value[1:].split(".", 1)[0].split("_")
    mapped = [adobe_glyphs.get("/" + component, "") for component in components]
    return "".join(mapped) if all(mapped) else value


def _width(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _text(text: object) -> str:
    """A font's text for a code; its control characters are dropped (and counted) as
    glyphs are shown."""
    return text if isinstance(text, str) else ""


def _glyph_space(font_dict: DictionaryObject) -> tuple[float, bool]:
    """A Type 3 font's glyph scale, and whether it draws its glyphs upside down in text
    space (other fonts: 1/1000 em, upright). That takes both the /FontMatrix and where
    the glyphs stand in their own space: Ghostscript draws them upright (ink above y 0)
    and flips them in the matrix, so upside down; Chromium draws them upside down (ink
    below y 0, its /FontBBox ``[… 532 … -1635]``) and flips them back, so upright. The
    ink's side is the larger extent of the /FontBBox (ascenders outreach descenders);
    without one, the glyphs are taken as upright."""
    if font_dict.get("/Subtype") != "/Type3":
        return 1.0, False
    matrix = _matrix(dictionary_value(font_dict, "/FontMatrix"))
    if matrix is None:
        return 1.0, False
    box = numbers(dictionary_value(font_dict, "/FontBBox"), 4)
    ink = 0.0 if box is None else max(box[1], box[3], key=abs)
    return matrix[0] * 1000, matrix[0] > 0 and matrix[3] * ink < 0


def dictionary_value(dictionary: DictionaryObject, key: str) -> Any:
    value = dictionary.get(key)
    return value.get_object() if value is not None else None
