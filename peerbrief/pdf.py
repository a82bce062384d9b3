"""Stage 1 for PDFs: a published brief → one :class:`Line` per paragraph, in the export's dialect.

The rest of the pipeline reads the markdown dialect of the text export, so this
module rebuilds it from the PDF's glyphs and link annotations:

* **Glyphs.** pypdf parses each page's content stream and decodes its fonts; the
  text operators are then interpreted here (PDF 32000-1, §9), so that every
  character has its exact left and right edge — glyph widths, kerning, justified
  spacing and superscript rises included. pypdf's own text extraction reports runs
  without widths, which cannot tell a tab from a space, nor where a link ends
  inside a line. Only upright text is read.
* **Physical lines.** Runs whose baselines lie within half a font size of each other
  form a line, read left to right. A gap between words wider than two ems that
  stands out from the line's other gaps (a justified line widens them all alike) is
  a TAB — the Contents list's page numbers; ``Heading ..... 6`` leaders become
  ``Heading.....<TAB>6`` as in the export. A smaller run raised above the baseline
  (or a small run of digits) is a superscript and reads ``^{1,2}``. A word drawn
  twice in the same place (fake bold) counts once.
* **Paragraphs.** A line starts a new paragraph after a vertical gap larger than
  the document's line spacing for its font size; when the font size changes or a
  wholly bold line meets a wholly regular one; at a bullet (written ``- ``); at a
  metadata label (``Author(s):``, ``Author:``, ``Authors:``, ``Source:``,
  ``Publication date:``, ``Publication Details:``, ``Journal:``, ``Item Type:``,
  ``Abstract:``); at a line holding a TAB (each Contents entry); when it goes back
  left of a bullet's text; when it starts with a link covering most of it (a
  title); or when the line before stopped short although this line's first word
  would have fitted after it (a hard line break: word processors wrap a line only
  when the next word does not fit). A paragraph continues over a page break by
  the same rules, without the gap test. Wrapped lines are joined with a space.
* **Hyphens at line ends** are kept (``health-`` + ``care`` → ``health-care``,
  ``2011-`` + ``2014`` → ``2011-2014``): word processors break at existing hyphens
  far more often than they hyphenate. The hyphen is dropped only after a soft hyphen
  (U+00AD), or between two lower-case word parts whose joined form occurs elsewhere
  in the document while the hyphenated form does not.
* **Links.** Link annotations with a URI action wrap the text they cover as
  ``[covered text](URL)``, also when a title wraps over lines or pages (one
  annotation per line, or one with a quadrilateral per line, joined when the URL is
  the same). Each word, and each
  punctuation mark, belongs to the link that covers most of its glyphs. Internal
  links (GoTo actions, destinations: the Contents entries) are not URLs; their text
  stays plain. In link text ``\\``, ``[``, ``]``, ``(`` and ``)`` are backslash-escaped,
  as the export does. A URL is written as it is (balanced parentheses, as DOIs have,
  are valid in a CommonMark link), except that spaces, backslashes and unbalanced
  parentheses are percent-encoded.
* **Running headers and footers.** Text a tagged PDF marks as an artifact (Word
  marks headers, footers and page numbers so), and a line that opens (or closes) at
  least a quarter of the pages at the same height with the same text but for
  digits, such as ``Evidence Brief: <Topic>``, is kept as a Line of its own and
  never joined to the text around it; a page number in it is dropped. Bare
  page-number lines at the top or bottom of a page, or marked as artifacts (``12``,
  ``- 12 -``, ``Page 12 of 50``), are dropped.
* **Numbering.** Physical lines, dropped page numbers included, are numbered 1..N
  through the document; a paragraph's ``number`` is its first physical line,
  ``numbers`` all of them, and ``page`` the 1-based page it starts on.

Emphasis (bold, italics) is not written out: it carries no bibliographic meaning.

Hostile or broken files end in :class:`~peerbrief.errors.InputError` with a one-line
message, never a traceback: encrypted files (unless the empty password opens them),
truncated or corrupt ones, files without a text layer, and files beyond
:class:`PdfLimits` (page count, decompressed size, time).
"""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, groupby, pairwise
from typing import Any

import attrs
from attrs import field, frozen
from pypdf import PageObject, PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, StreamObject

# pypdf's font decoding tables (encoding, ToUnicode map, glyph widths) are what its
# own text extraction uses; there is no public API for them.
from pypdf.generic._font import Font

from .errors import InputError
from .lines import Line, normalise
from .vocabulary import LABELS

__all__ = ["PdfLimits", "pdf_lines"]


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value > 0:
        raise ValueError(f"PdfLimits.{attribute.name} must be positive, not {value}")


@frozen
class PdfLimits:
    """What reading one PDF may cost. A brief is 30–60 pages of text and a few MB.

    Raise a limit for an unusual but genuine brief, e.g.
    ``pdf_lines(data, name, PdfLimits(max_pages=5000))``, or lower them for
    untrusted uploads. A PDF beyond a limit is refused with an ``InputError`` naming it.
    """

    max_pages: int = field(default=1000, validator=_positive)
    """PDFs with more pages are refused before any page is read."""
    max_stream_bytes: int = field(default=32 * 1024 * 1024, validator=_positive)
    """The most one stream may decompress to (decompression bombs): pypdf's output cap
    for every filter, and the largest ``/Length`` it accepts."""
    max_seconds: float = field(default=120.0, validator=_positive)
    """Wall-clock budget for reading the whole PDF, checked at every text operator."""

    def pypdf_configuration(self) -> dict[str, Any]:
        """The ``pypdf.Configuration`` overrides that enforce these limits."""
        stream = self.max_stream_bytes
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
            # Counted in page dictionary entries (a page has about a dozen); the page count
            # itself is checked once the tree is read.
            "page_tree_maximum_page_entries": self.max_pages * _PAGE_ENTRIES,
            # Reading text never needs images: never run an external decoder on them.
            "jbig2dec_binary": None,
        }


# What pypdf, or Python on a malformed object, raises for a broken file.
_BROKEN = (
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
_EOF_WINDOW = 8192  # a complete PDF ends with %%EOF, give or take trailing junk
_REPAIR_BYTES = 1_000_000
_PAGE_ENTRIES = 64


def pdf_lines(data: bytes, source: str, limits: PdfLimits | None = None) -> list[Line]:
    """Read a brief's PDF into paragraph lines (see the module documentation)."""
    pages = _read_pages(data, source, limits or PdfLimits())
    if not any(page.runs for page in pages):
        raise InputError(
            f"{source}: the PDF has no text layer (scanned?); run OCR on it first "
            "(e.g. ocrmypdf) and try again"
        )
    return _Assembler(pages).lines()


# --- reading the PDF ----------------------------------------------------------------------


@frozen
class _Link:
    """A rectangle of a page that links to ``url``."""

    x0: float
    y0: float
    x1: float
    y1: float
    url: str

    def covers(self, x: float, y: float) -> bool:
        return self.x0 - 0.5 <= x <= self.x1 + 0.5 and self.y0 - 1 <= y <= self.y1 + 1


@attrs.define(eq=False)
class _Run:
    """Text shown in one style without a break: each character's left and right edge."""

    text: str
    lefts: list[float]
    rights: list[float]
    y: float
    size: float
    bold: bool
    artifact: bool = False
    """Marked as an artifact (``/Artifact BDC``): tagged PDFs mark page headers, footers
    and page numbers so, never the content."""

    @property
    def x(self) -> float:
        return self.lefts[0]

    @property
    def end(self) -> float:
        return self.rights[-1]

    def continued_by(self, other: _Run) -> bool:
        """Whether ``other`` just goes on with this run (programs that place every glyph or
        kerning pair on its own write one word as many operators)."""
        return (
            (other.bold, other.artifact) == (self.bold, self.artifact)
            and abs(other.y - self.y) < 0.01
            and abs(other.size - self.size) < 0.01
            and abs(other.x - self.end) < _SPACE_GAP * other.size
        )

    def extend(self, other: _Run) -> None:
        self.text += other.text
        self.lefts.extend(other.lefts)
        self.rights.extend(other.rights)


@frozen
class _Page:
    number: int
    runs: list[_Run]
    links: list[_Link]


class _Deadline:
    def __init__(self, source: str, seconds: float) -> None:
        self.source = source
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise InputError(
                f"{self.source}: reading the PDF took longer than {self.seconds:g} s "
                "(PdfLimits.max_seconds); the file is unusually large or hostile"
            )


def _read_pages(data: bytes, source: str, limits: PdfLimits) -> list[_Page]:
    deadline = _Deadline(source, limits.max_seconds)
    with apply_configuration(**limits.pypdf_configuration()):
        try:
            reader = _open(data, source)
            fonts = _FontCache()
            return [
                _read_page(page, number, fonts, deadline)
                for number, page in enumerate(_pages(reader, source, limits), start=1)
            ]
        except InputError:
            raise
        except LimitReachedError as error:
            raise InputError(
                f"{source}: the PDF exceeds a safety limit ({_one_line(error)}); if it is "
                "genuine, raise the matching PdfLimits value"
            ) from None
        except DependencyError as error:
            raise InputError(f"{source}: cannot decrypt the PDF ({_one_line(error)})") from None
        except _BROKEN as error:
            raise InputError(f"{source}: broken PDF ({_one_line(error)})") from None


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _open(data: bytes, source: str) -> PdfReader:
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise InputError(f"{source}: the PDF is truncated (no %%EOF at its end); download it again")
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputError(
            f"{source}: the PDF is encrypted with a password; save an unprotected copy "
            "(e.g. print it to PDF) and read that"
        )
    return reader


def _pages(reader: PdfReader, source: str, limits: PdfLimits) -> Iterator[PageObject]:
    too_many = f"{source}: the PDF has more than {limits.max_pages} pages (PdfLimits.max_pages)"
    declared = _dictionary(_dictionary(reader.trailer.get("/Root")).get("/Pages")).get("/Count")
    if isinstance(declared, int) and declared > limits.max_pages:
        raise InputError(too_many)
    try:
        if len(reader.pages):
            reader.pages[0]  # reads the whole page tree, which may hold more than declared
        count = len(reader.pages)
    except LimitReachedError:
        raise InputError(too_many) from None
    if count > limits.max_pages:
        raise InputError(too_many)
    if count == 0:
        raise InputError(f"{source}: the PDF has no pages")
    for index in range(count):
        yield reader.pages[index]


def _read_page(page: PageObject, number: int, fonts: _FontCache, deadline: _Deadline) -> _Page:
    deadline.check()
    contents = page.get_contents()
    runs: list[_Run] = []
    if contents is not None:
        interpreter = _TextInterpreter(fonts, deadline, page.pdf)
        interpreter.run(contents.operations, _dictionary(page.get("/Resources")))
        runs = interpreter.runs
    return _Page(number, runs, _page_links(page))


def _dictionary(value: Any) -> DictionaryObject:
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
    """An operand that must be a number, or None if the operator is malformed."""
    if index < len(operands) and isinstance(operands[index], (int, float)):
        return float(operands[index])
    return None


def _numbers(value: Any, count: int) -> list[float] | None:
    """The first ``count`` items of an array as floats, or None if it is malformed."""
    if not isinstance(value, list) or len(value) < count:
        return None
    if not all(isinstance(item, (int, float)) for item in value[:count]):
        return None
    return [float(item) for item in value[:count]]


def _matrix(operands: Any) -> _Matrix | None:
    numbers = _numbers(operands, 6)
    if numbers is None:
        return None
    a, b, c, d, e, f = numbers
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


class _TextInterpreter:
    """Runs a content stream's text operators (PDF 32000-1, §8.4, §9) to place every glyph.

    Every string shown becomes a :class:`_Run` whose characters carry their left and
    right edges on the page, through form XObjects. Rotated or mirrored text is
    skipped: it is never the body of a brief.
    """

    def __init__(self, fonts: _FontCache, deadline: _Deadline, pdf: Any) -> None:
        self.fonts = fonts
        self.deadline = deadline
        self.pdf = pdf
        self.runs: list[_Run] = []
        self.state = _GraphicsState()
        self.saved: list[_GraphicsState] = []
        self.text_matrix = self.line_matrix = _IDENTITY
        self.font_dicts = DictionaryObject()
        self.xobjects = DictionaryObject()
        self.forms_left = _MAX_FORMS_PER_PAGE
        self.open_forms: set[int] = set()
        self.marks: list[bool] = []  # open marked-content sequences: is each an artifact?
        self.artifacts = 0
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
        self.font_dicts = _dictionary(resources.get("/Font"))
        self.xobjects = _dictionary(resources.get("/XObject"))
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

    def _begin_marked(self, operands: list[Any]) -> None:
        artifact = bool(operands) and operands[0] == "/Artifact"
        self.marks.append(artifact)
        self.artifacts += artifact

    def _end_marked(self, _operands: list[Any]) -> None:
        if self.marks:
            self.artifacts -= self.marks.pop()

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
        pen = 0.0  # advance in text space since the start of this operator
        text: list[str] = []
        lefts: list[float] = []
        rights: list[float] = []
        for item in items:
            if isinstance(item, (int, float)):
                pen -= float(item) / 1000 * state.size * state.horizontal_scale
            elif isinstance(item, (str, bytes)):
                pen = self._place(_raw_bytes(item), font, pen, (a, e), text, lefts, rights)
        self.text_matrix = _multiply((1.0, 0.0, 0.0, 1.0, pen, 0.0), self.text_matrix)
        shown = "".join(text)
        upright = a > 0 and d > 0 and abs(b) <= 1e-6 * a and abs(c) <= 1e-6 * d
        if upright and shown and not shown.isspace():
            run = _Run(
                shown,
                lefts,
                rights,
                f + state.rise * d,
                state.size * d,
                font.bold,
                self.artifacts > 0,
            )
            last = self.runs[-1] if self.runs else None
            if last is not None and last.continued_by(run):
                last.extend(run)
            else:
                self.runs.append(run)

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
            text.append(joined)
            lefts.extend(edges[:-1])
            rights.extend(edges[1:])
        else:
            _add_mapped(characters, edges, text, lefts, rights)
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
                _dictionary(resources) if resources is not None else _parent(fonts, xobjects),
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
) -> None:
    """Glyphs that stand for several characters (ligatures) or none: share out their width."""
    for left, right, mapped in zip(edges, edges[1:], characters, strict=False):
        visible = _CONTROL.sub("", mapped)
        step = (right - left) / len(visible) if visible else 0.0
        for index, character in enumerate(visible):
            text.append(character)
            lefts.append(left + index * step)
            rights.append(left + (index + 1) * step)


def _raw_bytes(item: str | bytes) -> bytes:
    original = getattr(item, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    return item if isinstance(item, bytes) else item.encode("latin-1", "replace")


def _page_links(page: PageObject) -> list[_Link]:
    annotations = page.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else None
    if not isinstance(annotations, ArrayObject):
        return []
    links: list[_Link] = []
    for annotation in annotations:
        try:
            links.extend(_uri_links(annotation.get_object()))
        except _BROKEN:
            continue  # one malformed annotation must not cost the whole document
    return links


def _uri_links(annotation: Any) -> list[_Link]:
    if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") != "/Link":
        return []
    action = _dictionary(annotation.get("/A"))
    if action.get("/S") != "/URI":
        return []
    uri = action.get("/URI")
    uri = uri.get_object() if uri is not None else None
    if isinstance(uri, bytes):
        uri = uri.decode("utf-8", "replace")
    if not isinstance(uri, str) or not uri.strip():
        return []
    return [_Link(*box, uri.strip()) for box in _boxes(annotation)]


def _boxes(annotation: DictionaryObject) -> list[tuple[float, float, float, float]]:
    """The link's areas: its quadrilaterals when it has them (one per line), else its rectangle."""
    quads = _dictionary_value(annotation, "/QuadPoints")
    numbers = _numbers(quads, len(quads)) if isinstance(quads, list) else None
    if numbers and len(numbers) % 8 == 0:
        return [
            (min(q[0::2]), min(q[1::2]), max(q[0::2]), max(q[1::2]))
            for q in (numbers[i : i + 8] for i in range(0, len(numbers), 8))
        ]
    rect = _numbers(_dictionary_value(annotation, "/Rect"), 4)
    if rect is None:
        return []
    x0, y0, x1, y1 = rect
    return [(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]


# --- fonts --------------------------------------------------------------------------------

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_BOLD_WEIGHT = 600
_FORCE_BOLD = 1 << 18
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
    codec: str | None = None
    glyph_scale: float = 1.0
    """Type 3 glyph widths are in the font's own units (its /FontMatrix), not 1/1000 em."""

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
_UNKNOWN_FONT = _FontMetrics({}, {}, _DEFAULT_WIDTH, False)


class _FontCache:
    """The metrics of each font dictionary, built once per document."""

    def __init__(self) -> None:
        self._metrics: dict[object, _FontMetrics] = {}
        self._keep: list[DictionaryObject] = []

    def metrics(self, font: Any) -> _FontMetrics:
        if not isinstance(font, DictionaryObject):
            return _UNKNOWN_FONT
        reference = font.indirect_reference
        key = (reference.idnum, reference.generation) if reference is not None else id(font)
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = self._metrics[key] = _font_metrics(font)
            self._keep.append(font)  # a direct object's id must not be reused meanwhile
        return metrics


def _font_metrics(font_dict: DictionaryObject) -> _FontMetrics:
    try:
        font = Font.from_font_resource(font_dict)
    except _BROKEN:
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
        encoded = {chr(code): encoding.get(code, chr(code)) for code in range(256)}
        unicode = {code: _visible(cmap.get(char, char)) for code, char in encoded.items()}
    else:
        codec = encoding
        unicode = {code: _visible(text) for code, text in cmap.items() if isinstance(code, str)}
    bold = _is_bold(font)
    return _FontMetrics(code_widths, unicode, default, bold, codec, _glyph_scale(font_dict))


def _width(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _visible(text: object) -> str:
    return _CONTROL.sub("", text) if isinstance(text, str) else ""


def _glyph_scale(font_dict: DictionaryObject) -> float:
    if font_dict.get("/Subtype") != "/Type3":
        return 1.0
    matrix = _matrix(_dictionary_value(font_dict, "/FontMatrix"))
    return matrix[0] * 1000 if matrix is not None else 1.0


def _dictionary_value(dictionary: DictionaryObject, key: str) -> Any:
    value = dictionary.get(key)
    return value.get_object() if value is not None else None


def _is_bold(font: Font) -> bool:
    descriptor = font.font_descriptor
    weight, flags = descriptor.weight, descriptor.flags
    return (
        bool(_BOLD_NAME.search(font.name))
        or (isinstance(weight, (int, float)) and weight >= _BOLD_WEIGHT)
        or (isinstance(weight, str) and bool(_BOLD_NAME.search(weight)))
        or (isinstance(flags, int) and bool(flags & _FORCE_BOLD))
    )


# --- physical lines -----------------------------------------------------------------------

_TAB_GAP = 2.0  # ems: a wider gap between words is a tab stop, if it stands out
_SPACE_GAP = 0.15  # ems: a wider gap between glyphs is a word space
_OVERPRINT = 0.3  # of a word's width: the same word drawn again this close is one (fake bold)
_SUPERSCRIPT_SIZE = 0.85
_RAISED = 0.15  # ems above the baseline
_ASCENT, _DESCENT = 0.8, 0.2  # ems a typical font reaches above and below the baseline
_SMALL_DIGITS = re.compile(r"[\d,\-–\s]{1,12}")
_STRONG_BULLETS = frozenset("•·▪■◦●‣⁃○□➢►✓\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8")
_WEAK_BULLETS = frozenset("-–o§")
_WEAK_BULLET_GAP = 0.4  # ems after a dash that make it a list bullet, not punctuation
_NON_SPACE = re.compile(r"\S+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_LEADERS = re.compile(r"^(?P<head>.*?\S)[ \t]*(?:\.[ \t]*){4,}[ \t]*(?P<page>\d{1,4})$")
_LEADER_END = re.compile(r"\.[ \t]*\d{1,4}$")
_CONTENTS_LINE = 300  # characters: a Contents entry is one short line


@frozen
class _Piece:
    """Text in one role: plain, a superscript, or covered by a link to ``url``."""

    text: str
    url: str | None = None
    sup: bool = False


@frozen(eq=False)
class _Word:
    """Characters between spaces in one run: ``run.text[start:start + len(text)]``."""

    text: str
    left: float
    right: float
    run: _Run
    start: int
    sup: bool

    def follows_in_run(self, other: _Word) -> bool:
        """Whether a space separates this word from ``other``, earlier in the same run."""
        return other.run is self.run and other.start < self.start


@attrs.define(eq=False)
class _PhysicalLine:
    """One line of a page as printed, with what paragraph detection needs to know."""

    page: int
    pieces: list[_Piece]
    baseline: float
    size: float
    bold: bool | None  # None: mixed
    x0: float
    x1: float
    first_word_width: float
    reach_up: float = 0.0
    reach_down: float = 0.0
    """How far superscripts (subscripts) rise above (drop below) the line's usual height:
    some programs set such a line further from its neighbours."""
    bullet: bool = False
    artifact: bool = False
    number: int = 0
    role: str = "body"  # body, running (header or footer) or page-number

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def has_tab(self) -> bool:
        return any("\t" in piece.text for piece in self.pieces)

    @property
    def first_url(self) -> str | None:
        return self.pieces[0].url if self.pieces else None

    @property
    def last_url(self) -> str | None:
        return self.pieces[-1].url if self.pieces else None

    def link_share(self, url: str) -> float:
        """The share of this line's visible characters that link to ``url``."""
        total = sum(len(piece.text.replace(" ", "")) for piece in self.pieces)
        linked = sum(len(p.text.replace(" ", "")) for p in self.pieces if p.url == url)
        return linked / total if total else 0.0


def _group_into_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs whose baselines are within half a font size belong to one line (superscripts too)."""
    lines: list[list[_Run]] = []
    anchor_y, anchor_size = 0.0, 0.0
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        if lines and abs(run.y - anchor_y) <= 0.5 * max(run.size, anchor_size):
            lines[-1].append(run)
            if run.size > anchor_size:
                anchor_y, anchor_size = run.y, run.size
        else:
            lines.append([run])
            anchor_y, anchor_size = run.y, run.size
    return lines


def _dominant(line: list[_Run]) -> _Run:
    """A run in the line's main style: the size and baseline most of its characters have."""
    weights: Counter[tuple[float, float]] = Counter()
    for run in line:
        weights[round(run.size, 1), round(run.y, 1)] += len(run.text) - run.text.count(" ")
    style = weights.most_common(1)[0][0]
    return next(run for run in line if (round(run.size, 1), round(run.y, 1)) == style)


def _is_superscript(run: _Run, main: _Run) -> bool:
    if run.size >= _SUPERSCRIPT_SIZE * main.size:
        return False
    if run.y > main.y + _RAISED * main.size:
        return len(run.text.strip()) <= 15
    # Not raised: only small digits (citation markers) count.
    return abs(run.y - main.y) < _RAISED * main.size and bool(_SMALL_DIGITS.fullmatch(run.text))


def _line_words(line: list[_Run], main: _Run) -> list[_Word]:
    """The line's words left to right; a word drawn twice in one place (fake bold) once."""
    words = [
        _Word(
            match[0], run.lefts[match.start()], run.rights[match.end() - 1], run, match.start(), sup
        )
        for run, sup in ((run, _is_superscript(run, main)) for run in line)
        for match in _NON_SPACE.finditer(run.text)
    ]
    words.sort(key=lambda word: word.left)
    kept: list[_Word] = []
    for word in words:
        previous = kept[-1] if kept else None
        if (
            previous
            and word.text == previous.text
            and (abs(word.left - previous.left) < _OVERPRINT * (previous.right - previous.left))
        ):
            continue
        kept.append(word)
    return kept


def _strip_bullet(words: list[_Word], size: float) -> tuple[list[_Word], bool]:
    """Drop a leading bullet glyph; the paragraph will start with ``- `` instead."""
    if len(words) < 2 or len(words[0].text) != 1:
        return words, False
    glyph, gap = words[0].text, words[1].left - words[0].right
    if glyph in _STRONG_BULLETS or (glyph in _WEAK_BULLETS and gap > _WEAK_BULLET_GAP * size):
        return words[1:], True
    return words, False


def _separators(words: list[_Word], size: float) -> list[str]:
    """What stands between consecutive words: a TAB for a gap that is wide and stands out
    (justification widens every space of a line alike), a space, or nothing (a run that
    continues a word, such as a superscript)."""
    gaps = [after.left - before.right for before, after in pairwise(words)]
    if not gaps:
        return []
    runner_up, largest = sorted(gaps)[-2:] if len(gaps) > 1 else (0.0, gaps[0])
    tab = largest if largest > _TAB_GAP * size and largest > 2 * runner_up else None
    return [
        "\t"
        if gap == tab
        else " "
        if gap > _SPACE_GAP * size or after.follows_in_run(before)
        else ""
        for gap, (before, after) in zip(gaps, pairwise(words), strict=True)
    ]


class _LinkFinder:
    """Which link covers each word of a line, or each of its tokens."""

    def __init__(self, links: list[_Link], baseline: float, size: float) -> None:
        self.probe_y = baseline + 0.35 * size
        self.links = [link for link in links if link.y0 - 1 <= self.probe_y <= link.y1 + 1]

    def split(self, word: _Word) -> list[_Piece]:
        """The word as pieces: each token (a word or a punctuation mark) with the link that
        covers most of its glyphs, as glyphs overhang a link's rectangle a little."""
        if not self.links:
            return [_Piece(word.text, None, word.sup)]
        run, start = word.run, word.start
        pieces: list[_Piece] = []
        for token in _TOKEN.finditer(word.text):
            votes = Counter(
                self._at((run.lefts[i] + run.rights[i]) / 2)
                for i in range(start + token.start(), start + token.end())
            )
            url, count = votes.most_common(1)[0]
            url = url if count * 2 >= token.end() - token.start() else None
            if pieces and pieces[-1].url == url:
                pieces[-1] = _Piece(pieces[-1].text + token[0], url, word.sup)
            else:
                pieces.append(_Piece(token[0], url, word.sup))
        return pieces

    def _at(self, x: float) -> str | None:
        return next((link.url for link in self.links if link.covers(x, self.probe_y)), None)


def _line_pieces(words: list[_Word], separators: list[str], links: _LinkFinder) -> list[_Piece]:
    if not links.links and not any(word.sup for word in words):
        rest = "".join(
            separator + word.text for separator, word in zip(separators, words[1:], strict=True)
        )
        return [_Piece(words[0].text + rest)]
    pieces: list[_Piece] = []
    for index, word in enumerate(words):
        split = links.split(word)
        if index:
            # The space between two words of one link belongs to it.
            url = pieces[-1].url if pieces[-1].url == split[0].url else None
            pieces.append(_Piece(separators[index - 1], url))
        pieces.extend(split)
    return _merged(pieces)


def _physical_line(page: int, line: list[_Run], links: list[_Link]) -> _PhysicalLine:
    main = _dominant(line)
    size = main.size
    words, bullet = _strip_bullet(_line_words(line, main), size)
    separators = _separators(words, size)
    pieces = _line_pieces(words, separators, _LinkFinder(links, main.y, size))
    boldness = {word.run.bold for word in words if not word.sup}
    return _PhysicalLine(
        page=page,
        pieces=_contents_leaders(pieces),
        baseline=main.y,
        size=size,
        bold=boldness.pop() if len(boldness) == 1 else None,
        x0=words[0].left,
        x1=words[-1].right,
        first_word_width=_first_word_width(words, separators),
        reach_up=_reach(line, main, 1.0),
        reach_down=_reach(line, main, -1.0),
        bullet=bullet,
        artifact=all(run.artifact for run in line),
    )


def _reach(line: list[_Run], main: _Run, direction: float) -> float:
    """How far the line's runs reach beyond its main ascent (direction 1) or descent (-1)."""
    extent = _ASCENT if direction > 0 else _DESCENT
    furthest = max(direction * run.y + extent * run.size for run in line)
    return max(0.0, furthest - (direction * main.y + extent * main.size))


def _first_word_width(words: list[_Word], separators: list[str]) -> float:
    """The width of the line's first word, which may be drawn as several runs."""
    end = next((index for index, separator in enumerate(separators) if separator), len(words) - 1)
    return words[end].right - words[0].left


def _contents_leaders(pieces: list[_Piece]) -> list[_Piece]:
    """``Heading ........ 6`` → ``Heading.....<TAB>6``, the export's form of a Contents entry."""
    if len(pieces) != 1 or pieces[0].url or pieces[0].sup:
        return pieces
    text = pieces[0].text
    if len(text) > _CONTENTS_LINE or not _LEADER_END.search(text):
        return pieces  # not a Contents entry; and a long line could make _LEADERS slow
    match = _LEADERS.match(text)
    if match is None:
        return pieces
    return [_Piece(f"{match['head']}.....\t{match['page']}")]


# --- paragraphs ---------------------------------------------------------------------------

# A metadata label starts a paragraph; a label is the same words wrapped over spaces.
_LABEL = re.compile(
    "(?:"
    + "|".join(r"\s+".join(map(re.escape, label.split())) for label in sorted(LABELS))
    + r")\s*:",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"[\s\-–—]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—]*", re.IGNORECASE
)
_EDGE_NUMBER = re.compile(r"^\d{1,4}\s+|\s+\d{1,4}$")
_RUNNING_SHARE = 0.25  # of the pages a header or footer opens or closes
_GAP_SLACK = 0.2  # of the line spacing: more extra space than this is a paragraph gap
_MARGIN_PERCENTILE = 0.9  # of line ends: where wrapped lines end, i.e. the right margin
_LEADING_PERCENTILE = 0.2  # of baseline distances: wrapped lines sit closest together
_STYLE_SIZE_CHANGE = 0.6  # points
_VOCABULARY = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_HYPHENS = "-\u2010\u00ad"
_LINE_END_HYPHEN = re.compile(r"(\w+)[" + _HYPHENS + r"]$")
_LEADING_WORD = re.compile(r"\w+")
_WORD_SPAN = 64
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def _size_key(size: float) -> float:
    return round(size * 2) / 2


class _Assembler:
    """Physical lines of all pages → numbered paragraph Lines."""

    def __init__(self, pages: list[_Page]) -> None:
        self.page_count = len(pages)
        self.physical = [
            _physical_line(page.number, line, page.links)
            for page in pages
            for line in _group_into_lines(page.runs)
        ]
        for number, line in enumerate(self.physical, start=1):
            line.number = number
        self._mark_page_furniture()
        self.body = [line for line in self.physical if line.role == "body"]
        self.leading = self._line_spacing()
        ends = [line.x1 for line in self.body if not line.has_tab]
        self.margin = _percentile(ends, _MARGIN_PERCENTILE) if ends else 0.0
        self.words, self.compounds = self._vocabulary()

    # -- headers and footers --

    def _by_page(self) -> Iterator[list[_PhysicalLine]]:
        for _, lines in groupby(self.physical, key=lambda line: line.page):
            yield list(lines)

    def _mark_page_furniture(self) -> None:
        """Find page numbers, and running headers and footers: lines marked as artifacts,
        and lines that open or close many pages alike."""
        candidates: list[_PhysicalLine] = []
        for page_lines in self._by_page():
            marked = [line for line in page_lines if line.artifact]
            for line in (page_lines[-1], page_lines[0], *marked):
                if _PAGE_NUMBER.fullmatch(line.text):
                    line.role = "page-number"
            body = [line for line in page_lines if line.role == "body"]
            edges = body[:1] + body[-1:] if len(body) > 1 else body
            marked_text = [line for line in marked if line.role == "body"]
            candidates.extend(dict.fromkeys(edges + marked_text))
        groups: dict[tuple[str, int], list[_PhysicalLine]] = {}
        for line in candidates:
            groups.setdefault(_furniture_key(line), []).append(line)
        threshold = max(2.0, _RUNNING_SHARE * self.page_count)
        for lines in groups.values():
            if len(lines) >= threshold or all(line.artifact for line in lines):
                _mark_running(lines)

    # -- statistics --

    def _line_spacing(self) -> dict[float, float]:
        """The usual baseline distance of wrapped lines, for each font size."""
        distances: dict[float, list[float]] = {}
        for above, below in pairwise(self.body):
            key, distance = _size_key(above.size), _distance(above, below)
            same_page_and_size = above.page == below.page and key == _size_key(below.size)
            if same_page_and_size and 0 < distance < 3 * above.size:
                distances.setdefault(key, []).append(distance)
        return {key: _percentile(values, _LEADING_PERCENTILE) for key, values in distances.items()}

    def _vocabulary(self) -> tuple[set[str], set[str]]:
        words: set[str] = set()
        for line in self.body:
            words.update(_VOCABULARY.findall(line.text.casefold()))
        return words, {word for word in words if any(h in word for h in _HYPHENS)}

    # -- paragraphs --

    def lines(self) -> list[Line]:
        result: list[Line] = []
        paragraph: list[_PhysicalLine] = []
        for line in self.physical:
            if line.role == "running":
                text = _clean(_render(line.pieces))
                result.append(Line(line.number, text, line.page, (line.number,)))
            elif line.role == "body":
                if paragraph and not self._continues(paragraph, line):
                    result.append(self._paragraph(paragraph))
                    paragraph = []
                paragraph.append(line)
        if paragraph:
            result.append(self._paragraph(paragraph))
        return sorted((line for line in result if line.text), key=lambda line: line.number)

    def _continues(self, paragraph: list[_PhysicalLine], line: _PhysicalLine) -> bool:
        previous = paragraph[-1]
        starts_new = (
            line.bullet
            or line.has_tab
            or previous.has_tab
            or _LABEL.match(line.text) is not None
            or _style_changes(previous, line)
            or (paragraph[0].bullet and line.x0 < paragraph[0].x0 - 0.5 * line.size)
            or self._gap_between(previous, line)
            or self._title_link_starts(previous, line)
            or self._ends_early(previous, line)
        )
        return not starts_new

    def _gap_between(self, above: _PhysicalLine, below: _PhysicalLine) -> bool:
        if above.page != below.page:
            return False
        spacing = self.leading.get(_size_key(above.size), 1.2 * above.size)
        return _distance(above, below) > spacing * (1 + _GAP_SLACK)

    @staticmethod
    def _title_link_starts(previous: _PhysicalLine, line: _PhysicalLine) -> bool:
        url = line.first_url
        return url is not None and previous.last_url != url and line.link_share(url) >= 0.5

    def _ends_early(self, previous: _PhysicalLine, line: _PhysicalLine) -> bool:
        """The line before stopped although this line's first word would have fitted after
        it: a space, the word, and an em of slack for rounding."""
        room = self.margin - previous.x1
        return room > line.first_word_width + 0.3 * line.size + previous.size

    def _paragraph(self, lines: list[_PhysicalLine]) -> Line:
        pieces = list(lines[0].pieces)
        for line in lines[1:]:
            self._join(pieces, line.pieces)
        text = _clean(_render(pieces))
        if lines[0].bullet:
            text = "- " + text
        numbers = tuple(line.number for line in lines)
        return Line(numbers[0], text, lines[0].page, numbers)

    def _join(self, pieces: list[_Piece], following: list[_Piece]) -> None:
        """Append the next line's pieces to a paragraph's, mending the line break."""
        if not pieces or not following:
            pieces.extend(following)
            return
        last, first = pieces[-1], following[0]
        tail, joiner = self._hyphenation(last.text, first.text)
        url = last.url if last.url is not None and last.url == first.url else None
        pieces[-1] = _Piece(tail, last.url, last.sup)
        pieces.append(_Piece(joiner, url))
        pieces.extend(following)

    def _hyphenation(self, tail: str, head: str) -> tuple[str, str]:
        """How a wrapped line's end meets the next line's start: (new end, joiner)."""
        if tail.endswith("\u00ad"):
            return tail[:-1], ""
        if not tail.endswith(tuple(_HYPHENS)):
            return tail, " "
        # Only the line's last word matters; searching the whole of a long line is slow.
        split, head_word = _LINE_END_HYPHEN.search(tail[-_WORD_SPAN:]), _LEADING_WORD.match(head)
        if split is None or head_word is None:
            return tail, " "
        first, second = split[1], head_word[0]
        if (
            first.isalpha()
            and second.isalpha()
            and second[0].islower()
            and (first + second).casefold() in self.words
            and f"{first}-{second}".casefold() not in self.compounds
        ):
            return tail[:-1], ""
        return tail, ""


def _distance(above: _PhysicalLine, below: _PhysicalLine) -> float:
    """From one baseline to the next, less what superscripts or subscripts added."""
    return above.baseline - below.baseline - above.reach_down - below.reach_up


def _furniture_key(line: _PhysicalLine) -> tuple[str, int]:
    """Headers and footers repeat their text, but for page numbers, at the same height."""
    return re.sub(r"\d+", "#", " ".join(line.text.split())), round(line.baseline)


def _mark_running(lines: list[_PhysicalLine]) -> None:
    """Running headers or footers of one text: a page number in them, if any, goes."""
    varies = len({line.text for line in lines}) > 1
    for line in lines:
        line.role = "running"
        if varies:
            line.pieces = [_Piece(_EDGE_NUMBER.sub("", line.text).strip())]


def _style_changes(above: _PhysicalLine, below: _PhysicalLine) -> bool:
    if abs(above.size - below.size) > _STYLE_SIZE_CHANGE:
        return True
    return above.bold is not None and below.bold is not None and above.bold != below.bold


# --- markdown -----------------------------------------------------------------------------


def _escape_text(text: str) -> str:
    return re.sub(r"([\\\[\]()])", r"\\\1", text)


def _escape_url(url: str) -> str:
    """A link destination markdown readers take whole: balanced parentheses may stay
    (CommonMark allows them, and DOIs have them); spaces, backslashes and unbalanced
    parentheses are percent-encoded, which every URL consumer decodes."""
    url = url.replace("\\", "%5C").replace(" ", "%20")
    if not _balanced_parentheses(url):
        url = url.replace("(", "%28").replace(")", "%29")
    return url


def _balanced_parentheses(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0


def _merged(pieces: Iterable[_Piece]) -> list[_Piece]:
    """Neighbouring pieces in the same role made one."""
    return [
        _Piece("".join(piece.text for piece in group), url, sup)
        for (url, sup), group in groupby(
            (piece for piece in pieces if piece.text), key=lambda piece: (piece.url, piece.sup)
        )
    ]


def _render(pieces: Iterable[_Piece]) -> str:
    out: list[str] = []
    for piece in _merged(pieces):
        if piece.url is not None:
            inner = piece.text.strip()
            lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
            trail = piece.text[len(piece.text.rstrip()) :]
            link = f"[{_escape_text(inner)}]({_escape_url(piece.url)})" if inner else ""
            out.append(lead + link + trail)
        elif piece.sup and piece.text.strip():
            out.append("^{" + piece.text.strip() + "}")
        else:
            out.append(piece.text)
    return "".join(out)


def _clean(text: str) -> str:
    """Ligatures spelt out, look-alike spaces plain, runs of spaces single (TABs kept)."""
    return re.sub(r" {2,}", " ", normalise(text.translate(_LIGATURES))).strip(" ")
