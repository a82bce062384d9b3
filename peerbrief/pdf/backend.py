"""The boundary between PDF backends and the layout: pages of glyph runs and links.

A backend (:mod:`.pdfium`, :mod:`.pypdf`) turns PDF bytes into :class:`Page` objects,
one at a time: the runs of upright text each page shows, every character with its
left and right edge, and its URI link annotations. The layout (:mod:`.layout`,
:mod:`.paragraphs`) reads nothing else, so backends are interchangeable and must
agree on what they give.

Coordinates are PDF user space of the page (points, y upwards). Every number that
enters here is finite and within :data:`MAX_COORDINATE`: :class:`RunCollector` and
:func:`link` drop anything else, so no NaN or infinity reaches the layout.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

import attrs
from attrs import frozen

from ..errors import InputError
from .limits import PdfLimits

__all__ = [
    "MAX_ANNOTATIONS",
    "MAX_COORDINATE",
    "MAX_STRUCTURE_NODES",
    "SOFT_HYPHEN",
    "SPACE_GAP",
    "WORD_GAP",
    "Document",
    "GlyphBudget",
    "Link",
    "Page",
    "Run",
    "RunCollector",
    "Turn",
    "font_style",
    "link",
    "page_runs",
    "prevailing_turn",
    "quarter_turn",
    "stands_upright",
    "too_many_annotations",
    "turned_link",
    "upright_matrix",
    "visible_box",
]

MAX_COORDINATE = 1e6
"""Points (350 m): nothing on a real page is further out; larger numbers are rejected."""
MAX_ANNOTATIONS = 10_000
"""Annotations one page may hold: a brief's page of references links a few hundred, and
each is read and matched to the text (200,000 links on a page: over a minute on both
backends)."""
MAX_STRUCTURE_NODES = 1_000_000
"""Nodes of a tagged PDF's structure tree walked, at most, looking for soft hyphens."""
SOFT_HYPHEN = "\u00ad"
SPACE_GAP = 0.12
"""Ems: a wider gap between glyphs is a word space (the layout uses the same measure).
Chromium kerns a word space between two capitals to 0.139 em (``UKCPA Annual``); the
narrower gaps between visible glyphs seen in the producers' PDFs are few (Chromium's
``file:///`` at 0.09 em, leader dots at 0.08 em and up), and pdftotext takes about 0.1."""
WORD_GAP = 0.9
"""Ems: a gap from :data:`SPACE_GAP` up to this wide between two runs in one style is a
word space drawn as a move, not a glyph (Chromium draws body text without spaces, TeX
moves the pen): the runs are one, with a space from one word to the next. A wider gap,
a tab's or a column's (LaTeX sets two columns an em apart), keeps them apart. The layout
reads words and gaps from the edges alike either way; a line as one run is only less
work than a run a word."""


@frozen
class Link:
    """A rectangle of a page that links to ``url`` (a URI action)."""

    x0: float
    y0: float
    x1: float
    y1: float
    url: str


def link(box: Sequence[float], url: str) -> Link | None:
    """A link over ``box`` (x0, y0, x1, y1 in any order), or None for an absurd box."""
    if len(box) != 4 or not all(_sane(value) for value in box):
        return None
    x0, y0, x1, y1 = box
    return Link(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), url)


Turn = tuple[int, int, int, int]
"""The a b c d of a matrix that turns text a quarter, half or three quarters, unscaled."""

_QUARTER_TURNS: tuple[Turn, ...] = (
    (0, 1, -1, 0),
    (-1, 0, 0, -1),
    (0, -1, 1, 0),
)


def stands_upright(a: float, b: float, c: float, d: float) -> bool:
    """Whether text drawn with the matrix (a b c d) runs left to right on a level baseline,
    its glyphs standing on it: upright, or slanted less than 45 degrees either way (a
    synthetic italic shears the glyphs, ``c``, and keeps the baseline: groff so slants its
    Symbol font for Greek letters, word processors a font without an italic face)."""
    return a > 0 and d > 0 and abs(b) <= 1e-6 * a and abs(c) < d


def quarter_turn(a: float, b: float, c: float, d: float) -> Turn | None:
    """Which of :data:`_QUARTER_TURNS` text drawn with the matrix (a b c d) is turned by,
    if any (upright, mirrored or slanted text: None)."""
    scale = math.hypot(a, b)
    if not (scale > 0 and math.isfinite(scale)):
        return None
    for turn in _QUARTER_TURNS:
        if all(
            abs(value / scale - sign) < 1e-3 for value, sign in zip((a, b, c, d), turn, strict=True)
        ):
            return turn
    return None


def prevailing_turn(shown: Counter[Turn | None]) -> Turn | None:
    """The quarter turn most of a page's text shows (``shown``: how much text is upright,
    None, and how much turned by each), when more of it is so turned than upright; else
    None (the page is read as it is)."""
    turn, most = shown.most_common(1)[0] if shown else (None, 0)
    return None if turn is None or most <= shown[None] else turn


def upright_matrix(
    turn: Turn, width: float, height: float
) -> tuple[float, float, float, float, float, float]:
    """The matrix that turns a ``width`` by ``height`` page whose text is turned by ``turn``
    so that its text stands upright, the page still in the positive quadrant. A page
    turned with ``/Rotate`` and its rotation then drawn into its content (``qpdf
    --flatten-rotation``), or a landscape page drawn turned on a portrait sheet, shows
    its text so: read as it is, not a word of it would be."""
    a, b, c, d = turn
    inverse = (a, c, b, d)  # (a turn's inverse is its transpose)
    xs = [
        inverse[0] * x + inverse[2] * y
        for x, y in ((0, 0), (width, 0), (0, height), (width, height))
    ]
    ys = [
        inverse[1] * x + inverse[3] * y
        for x, y in ((0, 0), (width, 0), (0, height), (width, height))
    ]
    return (float(a), float(c), float(b), float(d), -min(xs), -min(ys))


Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 with x0 <= x1 and y0 <= y1."""


def turned_box(box: Box, matrix: tuple[float, float, float, float, float, float]) -> Box:
    """The box as the page turned by ``matrix`` (see :func:`upright_matrix`) shows it."""
    a, b, c, d, e, f = matrix
    corners = [(box[0], box[1]), (box[2], box[3])]
    (x0, y0), (x1, y1) = [(a * x + c * y + e, b * x + d * y + f) for x, y in corners]
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def turned_link(area: Link, matrix: tuple[float, float, float, float, float, float]) -> Link:
    """The link's area as the page turned by ``matrix`` (see :func:`upright_matrix`) shows it."""
    return Link(*turned_box((area.x0, area.y0, area.x1, area.y1), matrix), area.url)


def visible_box(media: Sequence[float], crop: Sequence[float] | None) -> Box | None:
    """The part of the page a viewer shows and a printer prints: the crop box (the media
    box when there is none) within the media box; None for an absurd box."""
    boxes = [media] if crop is None else [media, crop]
    if not all(len(box) == 4 and all(_sane(value) for value in box) for box in boxes):
        return None
    x0, y0, x1, y1 = (
        max(min(box[0], box[2]) for box in boxes),
        max(min(box[1], box[3]) for box in boxes),
        min(max(box[0], box[2]) for box in boxes),
        min(max(box[1], box[3]) for box in boxes),
    )
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def page_runs(runs: list[Run], box: Box | None) -> list[Run]:
    """The runs a page shows, as the layout is to read them: those on the visible page
    (:func:`visible_box`), canonical look-alikes made the characters they stand for
    (:class:`_CanonicalSingletons`), ligatures whose letters a map wrote in the wrong byte
    order made letters (:func:`_unswap_ligatures`), soft hyphens that are hyphens made so
    (:func:`_drawn_soft_hyphens`), and minus signs that are hyphens
    (:func:`_minus_signs_as_hyphens`). A run wholly outside the box is never seen: a
    printer's slug line or proof note set above or below a crop box smaller than the
    media box (print-ready PDFs with crop marks) would otherwise be read into the text of
    the page, the middle of an abstract. A run only partly outside is kept whole: a long
    line overflowing the page edge (``dvips`` cannot break a link) is text the document
    has."""
    if box is not None:
        x0, y0, x1, y1 = box
        runs = [
            run
            for run in runs
            if y0 <= run.y + _MIDDLE * run.size <= y1 and run.rights[-1] > x0 and run.lefts[0] < x1
        ]
    accent_first = False
    for run in runs:
        if not run.text.isascii():
            run.text = run.text.translate(_CANONICAL)
            if _BYTE_SWAPPED.search(run.text):
                _unswap_ligatures(run)
        if _SPACING_ACCENT.search(run.text):
            _compose_accents(run)
            accent_first = accent_first or run.text[0] in _COMBINING
        if _LETTER_SPACED.search(run.text):
            _close_letter_spacing(run)
    if accent_first:
        runs = _accents_put_on_letters(runs)
    return _minus_signs_as_hyphens(_drawn_soft_hyphens(runs))


_MINUS = "\u2212"
# A compound's dash: between two letters.
_HYPHEN_JOINED = re.compile(r"[^\W\d_]-[^\W\d_]")
_MINUS_JOINED = re.compile(r"[^\W\d_]\u2212[^\W\d_]")


def _minus_signs_as_hyphens(runs: list[Run]) -> list[Run]:
    """The runs with every minus sign (U+2212) a hyphen-minus, when the page joins two
    letters with a minus sign and none with a hyphen-minus: PostScript's
    ISOLatin1Encoding names the keyboard's hyphen-minus ``/minus`` (its ``/hyphen`` is the
    soft hyphen's code), so text a PostScript program sets in it (``a2ps``), made a PDF by
    Ghostscript, draws each hyphen as a minus sign (``Lloyd−Jones``, ``cross−sectional``),
    and a list's dash too. A page with minus signs of its own (``−0.5``) joins its
    compounds with hyphens."""
    if not any(_MINUS in run.text for run in runs):
        return runs
    if any(_HYPHEN_JOINED.search(run.text) for run in runs) or not any(
        _MINUS_JOINED.search(run.text) for run in runs
    ):
        return runs
    for run in runs:
        run.text = run.text.replace(_MINUS, "-")
    return runs


# Text set letter-spaced (CSS `letter-spacing`, a heading's tracking) drawn a glyph at a
# time (Chromium): each gap is as wide as a word space, so each glyph read as a word
# (`C o n t e n t s`). Four letters or more, each alone between single spaces, are read
# as such text (prose has no `a b c d`; `x = y + z` has three letters).
_LETTER_SPACED = re.compile(r"(?<!\S)\S(?: \S){3,}(?!\S)")
_SPACED_LETTERS = 4


def _close_letter_spacing(run: Run) -> None:
    """The spaces of the run's letter-spaced spans (:data:`_LETTER_SPACED`) kept only
    where the gap is wider than the span's usual gap (its letters') by a word space's
    threshold: the words' own gaps (`E v i d e n c e  B r i e f` → `Evidence Brief`)."""
    drop: set[int] = set()  # indices of the spaces that only letter-spacing set
    for span in _LETTER_SPACED.finditer(run.text):
        glyphs = range(span.start(), span.end(), 2)
        if sum(run.text[index].isalpha() for index in glyphs) < _SPACED_LETTERS:
            continue
        gaps = [run.lefts[after] - run.rights[before] for before, after in pairwise(glyphs)]
        usual = sorted(gaps)[len(gaps) // 2]
        drop.update(
            before + 1
            for before, gap in zip(glyphs, gaps, strict=False)  # (the last glyph has none)
            if gap < usual + SPACE_GAP * run.size
        )
    if drop:
        kept = [index for index in range(len(run.text)) if index not in drop]
        run.text = "".join(run.text[index] for index in kept)
        run.lefts = [run.lefts[index] for index in kept]
        run.rights = [run.rights[index] for index in kept]


# Spacing accents and the combining marks they stand for. TeX sets a letter its font
# lacks (ē, ő, ǎ) as the accent's glyph moved back over the letter's: read as written,
# ``Hēnare`` was ``H¯enare``. (The grave accent is TeX's backtick, only over a letter.)
_COMBINING = {
    "`": "̀",
    "´": "́",
    "ˆ": "̂",
    "˜": "̃",
    "¯": "̄",
    "˘": "̆",
    "˙": "̇",
    "¨": "̈",
    "˚": "̊",
    "˝": "̋",
    "ˇ": "̌",
    "¸": "̧",
    "˛": "̨",
}
_SPACING_ACCENT = re.compile("[" + "".join(_COMBINING) + "]")


def _compose_accents(run: Run) -> None:
    """Put each spacing accent drawn over the letter after it (their boxes overlap) on
    that letter, as the composed character (or the letter and the combining mark where
    Unicode composes none), at the letter's place. An accent that stands apart, as
    ``Children´s`` typed with an acute accent for an apostrophe, stays as it is."""
    text, lefts, rights = run.text, run.lefts, run.rights
    out: list[str] = []
    out_lefts: list[float] = []
    out_rights: list[float] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in _COMBINING and _drawn_over(run, index):
            composed = unicodedata.normalize("NFC", text[index + 1] + _COMBINING[char])
            out.append(composed)
            out_lefts.extend([lefts[index + 1]] * len(composed))
            out_rights.extend([rights[index + 1]] * len(composed))
            index += 2
            continue
        if (
            char in _COMBINING
            and out
            and _over_letter(out[-1], out_rights[-1], (lefts[index] + rights[index]) / 2)
        ):
            # groff overstrikes the accent after its letter (a font without ş: s, then ¸
            # moved back over it).
            composed = unicodedata.normalize("NFC", out[-1] + _COMBINING[char])
            added = len(composed) - len(out[-1])
            out[-1] = composed
            out_lefts.extend([out_lefts[-1]] * added)
            out_rights.extend([out_rights[-1]] * added)
            index += 1
            continue
        out.append(char)
        out_lefts.append(lefts[index])
        out_rights.append(rights[index])
        index += 1
    run.text, run.lefts, run.rights = "".join(out), out_lefts, out_rights


def _over_letter(before: str, letter_right: float, accent_middle: float) -> bool:
    """Whether an accent is drawn back over the text ``before`` it, a letter ending at
    ``letter_right``: the accent's middle lies inside the letter."""
    return before[-1].isalpha() and accent_middle < letter_right


def _accents_put_on_letters(runs: list[Run]) -> list[Run]:
    """A spacing accent that begins a run, drawn over a letter of another (groff raises
    ˘ a tenth of a point over the g of ``Dog˘an``; a run may also begin where a program
    moved back to draw the accent), put on that letter (:func:`_compose_accents`) and
    taken from its run; one over no letter stays, and so do those beyond the first
    :data:`_MOST_ACCENTS` of the page (a hostile page's thousands cost no search)."""
    by_baseline = sorted(runs, key=lambda run: run.y)
    baselines = [run.y for run in by_baseline]
    accents = [run for run in runs if run.text[0] in _COMBINING][:_MOST_ACCENTS]
    for accent in accents:
        reach = _ACCENT_BASELINE * accent.size
        near = by_baseline[
            bisect_left(baselines, accent.y - reach) : bisect_right(baselines, accent.y + reach)
        ]
        letter = _letter_under(near[:_MOST_NEAR], accent)
        if letter is None:
            continue
        under, index = letter
        composed = unicodedata.normalize("NFC", under.text[index] + _COMBINING[accent.text[0]])
        added = len(composed) - 1
        under.text = under.text[:index] + composed + under.text[index + 1 :]
        under.lefts[index + 1 : index + 1] = [under.lefts[index]] * added
        under.rights[index + 1 : index + 1] = [under.rights[index]] * added
        accent.text, accent.lefts, accent.rights = (
            accent.text[1:],
            accent.lefts[1:],
            accent.rights[1:],
        )
    return [run for run in runs if run.text and not run.text.isspace()]


def _letter_under(runs: list[Run], accent: Run) -> tuple[Run, int] | None:
    """The run and index of the letter that the accent beginning ``accent`` stands over
    by its middle (among ``runs``, on baselines near the accent's), if any."""
    middle = (accent.lefts[0] + accent.rights[0]) / 2
    for run in runs:
        if run is not accent and run.x <= middle < run.end:
            index = bisect_right(run.lefts, middle) - 1
            if (
                0 <= index < len(run.text)
                and run.text[index].isalpha()
                and middle < run.rights[index]
            ):
                return run, index
    return None


_MOST_ACCENTS = 64  # accents beginning runs put on letters of other runs, on one page
_MOST_NEAR = 400  # runs on baselines near an accent's looked at for its letter
_ACCENT_BASELINE = 0.5  # ems: a lone accent's baseline is this near its letter's at most


def _drawn_over(run: Run, accent: int) -> bool:
    """Whether the run's character at ``accent`` is drawn over the letter after it: the
    letter starts left of the accent's last tenth."""
    letter = accent + 1
    if letter >= len(run.text) or not run.text[letter].isalpha():
        return False
    width = run.rights[accent] - run.lefts[accent]
    return run.lefts[letter] < run.rights[accent] - 0.1 * width


class _CanonicalSingletons(dict[int, str]):
    """A :meth:`str.translate` table: a character that Unicode makes canonically the
    same as another (a singleton decomposition: NFC replaces it) becomes that other.
    Fonts name a glyph by any of its code points, and MuPDF's ``mutool convert`` names
    the semicolon U+037E GREEK QUESTION MARK, which looks the same and matches nothing
    (nor does the Ohm sign, U+2126, an omega). One character for one, so each keeps its
    edges; computed when first met."""

    def __missing__(self, code: int) -> str:
        decomposition = unicodedata.decomposition(chr(code))
        single = decomposition and not decomposition.startswith("<") and " " not in decomposition
        value = chr(int(decomposition, 16)) if single else chr(code)
        self[code] = value
        return value


_CANONICAL = _CanonicalSingletons()

# A ligature's letters (fi, st) as UTF-16 code units written little-endian: each letter
# U+00XX read as U+XX00, a CJK ideograph (U+6600 for f). Ghostscript 10.0's PDF
# interpreter writes a font's map so when it rewrites a PDF (``gs -sDEVICE=pdfwrite``:
# printed to PDF, compressed for the web) wherever the map gave one glyph several
# characters: ``sta昀昀`` for ``staff``. A three-letter ligature (ffi, ffl: every font's
# are f, f and a letter) keeps its first unit and the sum of the other two, a Hangul
# syllable (U+CF00 for f + i). Two or more such characters, with no ideograph or
# syllable beside them, are read so: CJK and Korean text has no run of them (they are
# rare, 256 code points apart).
_UNSWAPPED = {chr(ord(letter) << 8): letter for letter in string.ascii_letters} | {
    chr((ord("f") + ord(letter)) << 8): "f" + letter for letter in string.ascii_lowercase
}
_SWAPPED = "".join(_UNSWAPPED)
# (the run's own characters too: a run is matched from its start only, a linear search)
_CJK = f"\u3400-\u9fff\uac00-\ud7a3{_SWAPPED}"
_BYTE_SWAPPED = re.compile(f"(?<![{_CJK}])[{_SWAPPED}]{{2,}}(?![{_CJK}])")


def _unswap_ligatures(run: Run) -> None:
    """The run's ligatures whose letters a map wrote in the wrong byte order
    (:data:`_BYTE_SWAPPED`) made those letters, each at its ligature's place."""
    text, lefts, rights = run.text, run.lefts, run.rights
    out: list[str] = []
    out_lefts: list[float] = []
    out_rights: list[float] = []
    done = 0
    for match in _BYTE_SWAPPED.finditer(text):
        out.append(text[done : match.start()])
        out_lefts.extend(lefts[done : match.start()])
        out_rights.extend(rights[done : match.start()])
        for index in range(match.start(), match.end()):
            letters = _UNSWAPPED[text[index]]
            out.append(letters)
            out_lefts.extend([lefts[index]] * len(letters))
            out_rights.extend([rights[index]] * len(letters))
        done = match.end()
    out.append(text[done:])
    out_lefts.extend(lefts[done:])
    out_rights.extend(rights[done:])
    run.text, run.lefts, run.rights = "".join(out), out_lefts, out_rights


PRODUCER_LENGTH = 200
"""The most of a PDF's producer's or creator's name kept (a hostile file's may be any length)."""


def _drawn_soft_hyphens(runs: list[Run]) -> list[Run]:
    """The runs with every soft hyphen (U+00AD) a hyphen, when one is drawn inside a run.
    A page shows a soft hyphen only where a line breaks, so one inside a line is a
    hyphen that the font's map to Unicode names so, and so are the page's others, at
    line ends too: the font names every hyphen so (MuPDF's ``mutool convert`` writes
    such fonts; the text read ``cooccurrence``, ``workers people``, and a compound broken
    at its hyphen was joined as a word hyphenated at the line end: ``healthcare``). A
    page whose soft hyphens all end runs keeps them, for the layout to join each word
    across its line break."""
    if not any(SOFT_HYPHEN in run.text[:-1] for run in runs):
        return runs
    for run in runs:
        run.text = run.text.replace(SOFT_HYPHEN, "-")
    return runs


_MIDDLE = 0.3
"""Ems above the baseline: about the middle of a lower-case letter, where a line counts
as being (a descender below the box's edge, or a baseline on it, is still the page)."""


@attrs.define(eq=False)
class Run:
    """Text shown in one style without a break: each character's left and right edge."""

    text: str
    lefts: list[float]
    rights: list[float]
    y: float
    """The baseline (superscripts: raised)."""
    size: float
    """The font size on the page, in points."""
    bold: bool
    italic: bool = False
    artifact: bool = False
    """Marked as an artifact (``/Artifact BDC``): tagged PDFs mark page headers, footers
    and page numbers so, never the content."""

    @property
    def x(self) -> float:
        return self.lefts[0]

    @property
    def end(self) -> float:
        return self.rights[-1]

    def in_style(self, bold: bool, italic: bool, artifact: bool, y: float, size: float) -> bool:
        """Whether text in this style (on this baseline) may go on with this run."""
        return (
            bold == self.bold
            and italic == self.italic
            and artifact == self.artifact
            and abs(y - self.y) < 0.01
            and abs(size - self.size) < 0.01
        )

    def take(self, text: str, lefts: list[float], rights: list[float], size: float) -> bool:
        """Append text in this run's style if it goes on with the run: straight on (programs
        that place every glyph or kerning pair on its own write one word as many
        operators) or after a word space (see :data:`WORD_GAP`); else False, unchanged."""
        end, start = self.rights[-1], lefts[0]
        gap = start - end
        if SPACE_GAP * size <= gap < WORD_GAP * size:
            self.text += " "
            self.lefts.append(end)
            self.rights.append(start)
        elif not abs(gap) < SPACE_GAP * size:
            return False
        self.text += text
        self.lefts.extend(lefts)
        self.rights.extend(rights)
        return True


@frozen
class Page:
    number: int
    """1-based."""
    runs: list[Run]
    links: list[Link]
    undecodable: int = 0
    """Glyphs shown whose text is a control character, left out of the runs: a font
    without a map to Unicode gives its glyph numbers instead of characters (U+0003 for
    the third glyph). Other text is then a cipher of the words (see
    :func:`peerbrief.pdf.refuse_undecodable`)."""
    turned: str = ""
    """The page's text set at an angle (rotated or mirrored, once the page itself is turned
    upright), left out of the runs: a watermark, a margin label, or text that was lost
    (the paragraphs report it; see :attr:`peerbrief.model.Reason.TURNED_TEXT`). Its words
    apart by single spaces."""
    invisible: int = 0
    """Characters of the runs drawn invisibly (text render mode 3 or 7, ISO 32000-1,
    9.3.6): an OCR layer over a scan draws its text so, over the image it was read from.
    They stay in the runs (see :attr:`peerbrief.model.Reason.OCR_TEXT`)."""


INVISIBLE_RENDER_MODES = frozenset((3, 7))
"""Text render modes that paint nothing: invisible, and invisible adding to the clip."""


class Document(Protocol):
    """An open PDF, read page by page (pages are independent: any order, any process)."""

    source: str
    page_count: int
    producer: str
    """The program that wrote the PDF, as its document information names it ('' for none)."""
    creator: str
    """The program the PDF's content was made with, as its document information names it
    (``/Creator``: a word processor that printed to a PDF library; '' for none)."""

    def page(self, number: int) -> Page:
        """Page ``number`` (1-based); raises InputError for what cannot be read."""

    def reopen(self) -> Document:
        """The same PDF opened anew (in a second process), without the checks that opening
        it made already."""

    def close(self) -> None: ...


class RunCollector:
    """The runs of one page, as a backend finds them: whitespace-only and absurd runs
    dropped, a run that goes on with the one before joined to it (:meth:`Run.take`).
    ``budget`` is the reader's :class:`GlyphBudget`, which the backend spends before
    placing glyphs."""

    def __init__(self, budget: GlyphBudget) -> None:
        self.runs: list[Run] = []
        self.budget = budget
        self.recent: deque[tuple[str, float, float, float, float]] = deque(maxlen=_RECENT)

    def add(self, run: Run) -> None:
        """Keep ``run`` (its glyphs were paid for with :meth:`GlyphBudget.spend` before
        they were placed: a backend must not build a run it cannot afford), unless it
        repeats one of the last runs added (:meth:`_repeats`)."""
        if not run.text or run.text.isspace() or not _sane_run(run) or self._repeats(run):
            return
        self.recent.append((run.text, run.x, run.end, run.y, run.size))
        last = self.runs[-1] if self.runs else None
        if (
            last is None
            or not last.in_style(run.bold, run.italic, run.artifact, run.y, run.size)
            or not last.take(run.text, run.lefts, run.rights, run.size)
        ):
            self.runs.append(run)

    def _repeats(self, run: Run) -> bool:
        """Whether ``run`` is text just drawn again over itself: word processors draw
        fake bold (and some PDF tools a shadow) as the same text twice, a fraction of a
        point apart, piece by piece. PDFium leaves such a repeat out of its text page; so
        does this, for both backends (a repeat joined to the piece after it, a word
        with its full stop, hid from the layout's own check for a word drawn twice:
        ``intervention`` and ``intervention.`` read ``interventionintervention..``). It is
        a repeat when it has the same text in the same size on the same baseline as one
        of the last :data:`_RECENT` runs, and overlaps it by over half its width."""
        width = run.end - run.x
        return any(
            text == run.text
            and abs(size - run.size) < 0.01
            and abs(y - run.y) < _REPEAT_SHIFT * run.size
            and min(end, run.end) - max(left, run.x) > width / 2
            for text, left, end, y, size in self.recent
        )


_RECENT = 5
"""Runs looked back over for a repeat (PDFium looks back over five text objects)."""
_REPEAT_SHIFT = 0.5
"""Ems: a repeat's baseline is less than this far from the first's (a shadow, drawn a
fraction of an em lower, repeats the text as much as fake bold's sideways copy does)."""


class GlyphBudget:
    """How many more characters one reader of the document may collect."""

    def __init__(self, source: str, limits: PdfLimits) -> None:
        self.source = source
        self.limit = limits.max_glyphs
        self.left = limits.max_glyphs

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise InputError(
                f"{self.source}: the PDF shows more than {self.limit} characters "
                "(PdfLimits.max_glyphs); the file is unusually large or hostile"
            )


_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_FORCE_BOLD = 1 << 18
_ITALIC = 1 << 6


def font_style(name: str, flags: int, italic_angle: float) -> tuple[bool, bool]:
    """(bold, italic) from what every backend reads alike: the font's name (``Arial-BoldMT``,
    ``ABCDEF+Calibri-Italic``), its descriptor's flags and italic angle. The descriptor's
    /FontWeight is not used: pdfium reports a weight guessed from /StemV instead, and
    font names carry the weight in practice."""
    bold = bool(_BOLD_NAME.search(name)) or bool(flags & _FORCE_BOLD)
    italic = bool(_ITALIC_NAME.search(name)) or bool(flags & _ITALIC) or italic_angle != 0
    return bold, italic


def _sane(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_COORDINATE


def _sane_run(run: Run) -> bool:
    if not (_sane(run.y) and _sane(run.size) and run.size > 0):
        return False
    if len(run.lefts) != len(run.text) or len(run.rights) != len(run.text):
        return False
    # A NaN or infinity anywhere makes the sum NaN or infinite (C loops: cheap per glyph).
    if not (math.isfinite(sum(run.lefts)) and math.isfinite(sum(run.rights))):
        return False
    return _sane(min(run.lefts)) and _sane(max(run.rights))


def too_many_annotations(source: str, number: int) -> InputError:
    """The error for page ``number`` holding more than :data:`MAX_ANNOTATIONS`."""
    return InputError(
        f"{source}: the PDF exceeds a safety limit (page {number} has more than "
        f"{MAX_ANNOTATIONS} annotations); the file is malformed or hostile"
    )
