"""Layout, first half: one page's glyph runs → its physical lines, as printed.

Runs whose baselines lie within half a font size of each other form a line, read
left to right; text set side by side (columns, a sidebar) is read column by column
(:func:`_in_columns`). A gap between words wider than two ems that stands out from the
line's other gaps (a justified line widens them all alike) is a TAB — the Contents
list's page numbers; ``Heading ..... 6`` leaders become ``Heading.....<TAB>6`` as in
the export. A smaller run raised above the baseline (or a small run of digits; raised
digits up to the text's size) is a superscript and reads ``^{1,2}``. A word drawn
twice in the same place (fake bold) counts once. Each word, and each punctuation mark,
belongs to the link that covers most of its glyphs; a mark that ends the line hanging
out of the link before it (ConTeXt hangs punctuation into the margin) is noted, for
:mod:`.paragraphs` to give it to the link if the link goes on on the next line.

Pages are independent here: :func:`page_lines` runs wherever the page was read
(another process, when pages are read in parallel); :mod:`.paragraphs` then works
on the whole document.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import groupby, pairwise

import attrs
from attrs import frozen

from ..limits import Deadline
from ..vocabulary import BULLET_GLYPHS, WEAK_BULLETS
from .backend import SPACE_GAP, Link, Page, Run

__all__ = ["PhysicalLine", "Piece", "merged", "page_lines"]

_TAB_GAP = 2.0  # ems: a wider gap between words is a tab stop, if it stands out
# Ems: the least gap between two columns of text. LaTeX's \columnsep is an em of 10 pt
# text, which a large glyph ending the line left of it narrows by its ink (PDFium's box
# of pdfTeX's ff ligature at 17 pt reaches 1.2 pt past its advance: 0.88 em was left).
# Below backend.WORD_GAP, across which backends join no runs (a narrower gap inside a run
# is no gutter: it is never looked at).
_GUTTER = 0.8
# Of the gutter's least width: what a word overflowing its column into the gutter leaves
# of it at least, a space's width (Chromium's URL left 0.5 em of a 2.3 em gutter).
_OVERFLOW_GAP = SPACE_GAP / _GUTTER
_COLUMN_LINES = 2  # lines of more than one word on each side of a gutter, at least
_COLUMN_SHARE = 0.5  # of a page's lines: the least a block of columns spans
_COLUMN_DEPTH = 8  # blocks of columns found within one another: no page has more
_COLUMN_MOST_LINES = 500  # lines: a page with more (hostile) is not looked at for columns
_COLUMN_MOST_GAPS = 24  # gaps followed: a page with more (real ones: 6 at most) is a grid
_BASELINE_SLACK = 0.01  # points: baselines closer than this are one (see _group_into_lines)
_OVERPRINT = 0.3  # of a word's width: the same word drawn again this close is one (fake bold)
_SUPERSCRIPT_SIZE = 0.85
_RAISED = 0.15  # ems above the baseline
_SUPERSCRIPT_REACH = 0.6  # ems a smaller run's baseline may stand above the text's, in its line
_ASCENT, _DESCENT = 0.8, 0.2  # ems a typical font reaches above and below the baseline
_SMALL_DIGITS = re.compile(r"[\d,\-–\s]{1,12}")
_STRONG_BULLETS = frozenset(BULLET_GLYPHS)
_WEAK_BULLETS = frozenset(WEAK_BULLETS)
_WEAK_BULLET_GAP = 0.4  # ems after a dash that make it a list bullet, not punctuation
_BULLET_INDENT_STANDS_OUT = 1.2  # times the line's usual word space (justified: all alike)
_NON_SPACE = re.compile(r"\S+")
_LIST_NUMBER = re.compile(r"\(?(?:\d{1,3}|[a-z])[.)]")  # 1. 10. 2) (a) a.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_PAGE_AT_END = re.compile(r"(?<!\d)\d{1,4}$")
_LEADER_CHARACTERS = " \t."
_LEADER_DOTS = 4  # the fewest dots that make a leader rather than a full stop
_CONTENTS_LINE = 300  # characters: a Contents entry is one short line
_LINK_MARGIN = 0.3  # ems: a wider clearance around a link's text is not a margin


@frozen
class Piece:
    """Text in one role: plain, a superscript, or covered by a link to ``url``."""

    text: str
    url: str | None = None
    sup: bool = False


@attrs.define(eq=False)  # not frozen: a page makes thousands, and frozen ones are slower to make
class _Word:
    """Characters between spaces in one run: ``run.text[start:start + len(text)]``."""

    text: str
    left: float
    right: float
    run: Run
    start: int
    sup: bool

    def follows_in_run(self, other: _Word) -> bool:
        """Whether a space separates this word from ``other``, earlier in the same run."""
        return other.run is self.run and other.start < self.start


@attrs.define(eq=False)
class PhysicalLine:
    """One line of a page as printed, with what paragraph detection needs to know."""

    page: int
    pieces: list[Piece]
    """(Replaced with :meth:`replace_pieces` only, which joins their text anew.)"""
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
    hanging_url: str | None = None
    """The link the line's last glyph, a punctuation mark, hangs out of (see
    :func:`_hanging_url`): the mark is the link's if the link goes on on the next line."""
    number: int = 0
    role: str = "body"  # body, running (header or footer) or page-number
    column_end: float | None = None
    """Where the column the line stands in ends, if a gutter ends it (the line is left of
    another column): its lines wrap at a right margin of their own."""
    text: str = attrs.field(init=False)
    """The pieces' text, joined once: paragraph detection asks for it many times."""

    @text.default
    def _text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def replace_pieces(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.text = "".join(piece.text for piece in pieces)

    @property
    def has_tab(self) -> bool:
        return "\t" in self.text

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


def _group_into_lines(runs: list[Run]) -> list[list[Run]]:
    """Runs whose baselines are within half a font size belong to one line (superscripts too).

    Producers raise superscripts by round fractions of an em, half of one too: the
    baselines are compared to a hundredth of a point, so that both backends (PDFium
    answers in single precision) group such a line alike."""
    lines: list[list[Run]] = []
    anchor_y, anchor_size = 0.0, 0.0
    for run in sorted(runs, key=lambda r: (-round(r.y, 2), r.x)):
        reach = 0.5 * max(run.size, anchor_size)
        if anchor_size <= _SUPERSCRIPT_SIZE * run.size:
            # The line so far is smaller text above this run's baseline: a superscript
            # raised by the text's x-height (Apache FOP's "super"), more than half an em
            # in a wide font; below the text's cap height, no line of its own.
            reach = _SUPERSCRIPT_REACH * run.size
        if lines and abs(run.y - anchor_y) <= reach + _BASELINE_SLACK:
            lines[-1].append(run)
            if run.size > anchor_size:
                anchor_y, anchor_size = run.y, run.size
        else:
            lines.append([run])
            anchor_y, anchor_size = run.y, run.size
    return lines


def _in_columns(
    lines: list[list[Run]],
    deadline: Deadline,
    column_end: float | None = None,
    depth: int = 0,
    span: float | None = None,
) -> list[tuple[list[Run], float | None]]:
    """The lines again, with side-by-side columns read one after the other, each line with
    where its column ends (None: at the page's margin).

    Columns (a two-column layout, a sidebar beside the text) share baselines, so their
    runs group into one line each. A gutter is an x band at least :data:`_GUTTER` ems
    wide that no run crosses over a block of consecutive lines spanning
    :data:`_COLUMN_SHARE` of the lines or more, with text of more than one word on each
    side in :data:`_COLUMN_LINES` lines or more: a Contents list's page numbers or a
    list's numbers at a tab stop are one word each, and a right-aligned header, a table
    or a tab stop in a few lines spans too few. The block's runs left of the band are
    read before those right of it, each side grouped into lines again (the baselines of
    two columns need not meet); each side, and the lines above and below the block, may
    hold columns of their own (above and below: spanning as many lines, ``span``, as the
    page asks for, lest a header of two lines be split at its tab stop)."""
    span = _COLUMN_SHARE * len(lines) if span is None else span
    found = _column_block(lines, deadline, span) if depth < _COLUMN_DEPTH else None
    if found is None:
        return [(line, column_end) for line in lines]
    start, end, (left_edge, right_edge) = found
    runs = [run for line in lines[start:end] for run in line]
    left = _group_into_lines([run for run in runs if run.x < right_edge])
    right = _group_into_lines([run for run in runs if run.x >= right_edge])
    return [
        *_in_columns(lines[:start], deadline, column_end, depth + 1, span),
        *_in_columns(left, deadline, left_edge, depth + 1),
        *_in_columns(right, deadline, column_end, depth + 1),
        *_in_columns(lines[end:], deadline, column_end, depth + 1, span),
    ]


def _column_block(
    lines: list[list[Run]], deadline: Deadline, span: float
) -> tuple[int, int, tuple[float, float]] | None:
    """The longest block of columns among the lines (start, end, gutter), ``span`` lines
    long at least, or None.

    Each wide gap of each line is followed up and down; a gap within a band already
    followed through its line is taken to lead to that band again, and skipped. Most pages
    have no gap wide enough, and cost one pass over their runs; a page with more gaps
    to follow than :data:`_COLUMN_MOST_GAPS` is a grid (or hostile), not columns."""
    if len(lines) > _COLUMN_MOST_LINES:
        return None
    best: tuple[int, int, tuple[float, float]] | None = None
    followed: list[tuple[int, int, tuple[float, float]]] = []
    for index, line in enumerate(lines):
        for gap, least in _gutters(line):
            if any(
                start <= index < end and gap[0] <= band[0] and band[1] <= gap[1]
                for start, end, band in followed
            ):
                continue
            if len(followed) == _COLUMN_MOST_GAPS:
                return None
            deadline.check()
            block = _along_the_gutter(lines, index, gap, least)
            followed.append(block)
            start, end, band = block
            if (
                end - start >= span
                and (best is None or end - start > best[1] - best[0])
                and min(_wordy_sides(lines[start:end], band)) >= _COLUMN_LINES
            ):
                best = block
    return best


def _gutters(line: list[Run]) -> list[tuple[tuple[float, float], float]]:
    """The gaps between the line's runs wide enough for a gutter: each as (x from, to) and
    the least width a gutter there needs, :data:`_GUTTER` ems of the smaller text beside
    it (a heading at a column's top stands as far from the next column as its text does,
    not an em of its own size further)."""
    if len(line) < 2:
        return []
    ordered = sorted(line, key=lambda run: run.x)
    reaching = ordered[0]
    gaps = []
    for run in ordered[1:]:
        least = _GUTTER * min(reaching.size, run.size)
        if run.x - reaching.end >= least:
            gaps.append(((reaching.end, run.x), least))
        if run.end > reaching.end:
            reaching = run
    return gaps


def _along_the_gutter(
    lines: list[list[Run]], index: int, band: tuple[float, float], least: float
) -> tuple[int, int, tuple[float, float]]:
    """The block of lines around line ``index`` that no run crosses ``band`` in (start,
    end), and the band, which each line narrows to the widest part it leaves free,
    ``least`` wide at least.

    A line that leaves less than ``least`` free but does not cross the band is passed
    over, the band kept, if the line beyond it leaves ``least`` free: a word that cannot
    be broken (a long URL) overflows its column into the gutter (Chromium's CSS columns),
    and the gutter goes on past it."""
    down, band = _lines_along(lines, range(index, len(lines)), band, least)
    up, band = _lines_along(lines, range(index - 1, -1, -1), band, least)
    return index - up, index + down, band


def _lines_along(
    lines: list[list[Run]], indexes: range, band: tuple[float, float], least: float
) -> tuple[int, tuple[float, float]]:
    """How many of the lines at ``indexes``, in order, leave the band free (see
    :func:`_along_the_gutter`), and the band as they narrow it."""
    taken = 0
    overflowing = False
    for count, index in enumerate(indexes, 1):
        narrower = _narrowed(lines[index], band, least)
        if narrower is not None:
            band, taken, overflowing = narrower, count, False
        elif overflowing or not _narrowed(lines[index], band, least * _OVERFLOW_GAP):
            break
        else:
            overflowing = True
    return taken, band


def _narrowed(
    line: list[Run], band: tuple[float, float], least: float
) -> tuple[float, float] | None:
    free = [part for part in _free(line, band) if part[1] - part[0] >= least]
    return max(free, key=lambda part: part[1] - part[0]) if free else None


def _wordy_sides(lines: list[list[Run]], band: tuple[float, float]) -> tuple[int, int]:
    """How many of the lines hold more than one word left of the band, and right of it."""
    left = sum(
        sum(len(run.text.split()) for run in line if run.end <= band[0]) > 1 for line in lines
    )
    right = sum(
        sum(len(run.text.split()) for run in line if run.x >= band[1]) > 1 for line in lines
    )
    return left, right


def _free(line: list[Run], band: tuple[float, float]) -> list[tuple[float, float]]:
    """The parts of ``band`` (x from, to) that none of the line's runs covers."""
    low, high = band
    parts = []
    for left, right in sorted((run.x, run.end) for run in line if run.end > low and run.x < high):
        if left > low:
            parts.append((low, left))
        low = max(low, right)
    if low < high:
        parts.append((low, high))
    return parts


def _dominant(line: list[Run]) -> Run:
    """A run in the line's main style: the size and baseline most of its characters have
    (the first such style, and its first run, on a tie)."""
    if len(line) == 1:
        return line[0]
    styles = [(round(run.size, 1), round(run.y, 1)) for run in line]
    weights: dict[tuple[float, float], int] = {}
    for style, run in zip(styles, line, strict=True):
        weights[style] = weights.get(style, 0) + len(run.text) - run.text.count(" ")
    return line[styles.index(max(weights, key=weights.__getitem__))]


def _is_superscript(run: Run, main: Run) -> bool:
    if run.size >= _SUPERSCRIPT_SIZE * main.size:
        # CSS's "smaller" may step the size down by a few per cent only (WeasyPrint goes
        # to the next size keyword): raised citation digits are a superscript all the same.
        return (
            run.size <= main.size
            and run.y > main.y + _RAISED * main.size
            and _is_citation_marker(run.text)
        )
    if run.y > main.y + _RAISED * main.size:
        return len(run.text.strip()) <= 15
    # Not raised: only small digits (citation markers) count.
    return abs(run.y - main.y) < _RAISED * main.size and _is_citation_marker(run.text)


def _is_citation_marker(text: str) -> bool:
    return bool(_SMALL_DIGITS.fullmatch(text)) and any(char.isdigit() for char in text)


def _line_words(line: list[Run], main: Run) -> list[_Word]:
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
    if words and _glued_bullet(words[0].text):
        return [_after_first_glyph(words[0]), *words[1:]], True
    if len(words) < 2 or len(words[0].text) != 1:
        return words, False
    glyph = words[0].text
    if glyph in _STRONG_BULLETS or (glyph in _WEAK_BULLETS and _set_apart(words, size)):
        return words[1:], True
    return words, False


def _glued_bullet(text: str) -> bool:
    """Whether a line's first word starts with a bullet glyph set against its text, with
    no gap: MuPDF's Story draws a CSS ``::before`` bullet so. A bullet glyph is no letter
    of a word (a dash, which may be, counts only when set apart: :func:`_set_apart`)."""
    return len(text) > 1 and text[0] in _STRONG_BULLETS and text[1] not in _STRONG_BULLETS


def _after_first_glyph(word: _Word) -> _Word:
    start = word.start + 1
    return _Word(word.text[1:], word.run.lefts[start], word.right, word.run, start, word.sup)


def _set_apart(words: list[_Word], size: float) -> bool:
    """Whether the gap after the line's first word (a dash) is a list item's indent: wide,
    and wider than the line's word spaces. A justified line widens all its word spaces
    alike, the one after a dash that happens to start it (``- provide …``) too, while a
    list's text starts at a tab stop or indent of its own."""
    gap = words[1].left - words[0].right
    if gap <= _WEAK_BULLET_GAP * size:
        return False
    spaces = sorted(
        space
        for before, after in pairwise(words[1:])
        if (space := after.left - before.right) > SPACE_GAP * size
    )
    return not spaces or gap > _BULLET_INDENT_STANDS_OUT * spaces[len(spaces) // 2]


def _separators(words: list[_Word], size: float) -> list[str]:
    """What stands between consecutive words: a TAB for a gap that is wide and stands out
    (justification widens every space of a line alike), a space, or nothing (a run that
    continues a word, such as a superscript). A list's number (``10.``) and its text
    stand at tab stops: the gap after the number is the list's, never a TAB."""
    gaps = [after.left - before.right for before, after in pairwise(words)]
    if not gaps:
        return []
    first = 1 if _LIST_NUMBER.fullmatch(words[0].text) else 0
    stops = sorted(range(first, len(gaps)), key=gaps.__getitem__)
    runner_up = gaps[stops[-2]] if len(stops) > 1 else 0.0
    largest = stops[-1] if stops else None
    tab = (
        largest
        if largest is not None and gaps[largest] > _TAB_GAP * size and gaps[largest] > 2 * runner_up
        else None
    )
    return [
        "\t"
        if index == tab
        else " "
        if gap > SPACE_GAP * size or after.follows_in_run(before)
        else ""
        for index, (gap, (before, after)) in enumerate(zip(gaps, pairwise(words), strict=True))
    ]


class _LinkFinder:
    """Which link covers each word of one line, or each of its tokens.

    A point may lie in several rectangles; the first link in annotation order wins.
    The line's links are cut into elementary intervals between their edges, each
    knowing its first covering link, so that a glyph is looked up by bisection, not
    by trying every link (a hostile page may carry thousands)."""

    def __init__(self, links: list[tuple[int, Link]]) -> None:
        self.any = bool(links)
        self.bounds = sorted({x for _, link in links for x in _span(link)})
        self.owners: list[str | None] = []
        by_start = sorted(links, key=lambda item: _span(item[1])[0])
        active: list[tuple[int, float, str]] = []  # (annotation order, end, url): a heap
        taken = 0
        for left in self.bounds[:-1]:
            while taken < len(by_start) and _span(by_start[taken][1])[0] <= left:
                order, link = by_start[taken]
                heapq.heappush(active, (order, _span(link)[1], link.url))
                taken += 1
            while active and active[0][1] <= left:
                heapq.heappop(active)
            self.owners.append(active[0][2] if active else None)

    def split(self, word: _Word) -> list[Piece]:
        """The word as pieces: each token (a word or a punctuation mark) with the link that
        covers most of its glyphs, as glyphs overhang a link's rectangle a little."""
        if not self.any:
            return [Piece(word.text, None, word.sup)]
        run, start = word.run, word.start
        pieces: list[Piece] = []
        for token in _TOKEN.finditer(word.text):
            votes = Counter(
                self.at((run.lefts[i] + run.rights[i]) / 2)
                for i in range(start + token.start(), start + token.end())
            )
            url, count = votes.most_common(1)[0]
            url = url if count * 2 >= token.end() - token.start() else None
            if pieces and pieces[-1].url == url:
                pieces[-1] = Piece(pieces[-1].text + token[0], url, word.sup)
            else:
                pieces.append(Piece(token[0], url, word.sup))
        return pieces

    def at(self, x: float) -> str | None:
        """The link that covers ``x`` (with the slack of :func:`_span`), if any."""
        index = bisect_right(self.bounds, x) - 1
        return self.owners[index] if 0 <= index < len(self.owners) else None


def _without_margins(
    crossing: list[tuple[int, Link]], words: list[_Word], size: float
) -> list[tuple[int, Link]]:
    """The links with the margin some producers leave around the text trimmed off (pdfTeX:
    ``\\pdflinkmargin``, 1pt with hyperref), lest a full stop after a link fall inside it.
    A margin shows where both edges stand clear of the glyphs they are nearest to: the
    smaller clearance goes from both sides, as producers draw margins alike."""
    if not crossing:
        return crossing
    lefts = sorted(word.run.lefts[i] for word in words for i in _glyphs(word))
    rights = sorted(word.run.rights[i] for word in words for i in _glyphs(word))
    trimmed = []
    for order, link in crossing:
        margin = min(_clearance(lefts, link.x0, 1.0), _clearance(rights, link.x1, -1.0))
        if 0 < margin < _LINK_MARGIN * size:
            link = attrs.evolve(link, x0=link.x0 + margin, x1=link.x1 - margin)
        trimmed.append((order, link))
    return trimmed


def _glyphs(word: _Word) -> range:
    return range(word.start, word.start + len(word.text))


def _clearance(edges: list[float], at: float, inward: float) -> float:
    """How far inward (1: rightwards) of ``at`` the nearest glyph edge lies; negative if
    the nearest lies outward, i.e. the link's edge cuts into a glyph."""
    index = bisect_left(edges, at)
    near = [edges[i] for i in (index - 1, index) if 0 <= i < len(edges)]
    if not near:
        return 0.0
    nearest = min(near, key=lambda edge: abs(edge - at))
    return (nearest - at) * inward


def _span(link: Link) -> tuple[float, float]:
    """How far a link reaches across a line: glyphs overhang its rectangle a little."""
    return link.x0 - 0.5, link.x1 + 0.5


def _probe(main: Run) -> float:
    """The height at which a line meets link rectangles: mid x-height."""
    return main.y + 0.35 * main.size


def _links_by_line(
    probes: list[float], links: list[Link], deadline: Deadline
) -> list[list[tuple[int, Link]]]:
    """For each line (by its probe height), the links whose rectangle it crosses, each with
    its annotation order: bisection over the lines' heights, not every link for every line."""
    order = sorted(range(len(probes)), key=probes.__getitem__)
    heights = [probes[index] for index in order]
    found: list[list[tuple[int, Link]]] = [[] for _ in probes]
    for number, link in enumerate(links):
        deadline.check()
        for position in range(
            bisect_left(heights, link.y0 - 1), bisect_right(heights, link.y1 + 1)
        ):
            found[order[position]].append((number, link))
    return found


def _line_pieces(words: list[_Word], separators: list[str], links: _LinkFinder) -> list[Piece]:
    if not links.any and not any(word.sup for word in words):
        rest = "".join(
            separator + word.text for separator, word in zip(separators, words[1:], strict=True)
        )
        return [Piece(words[0].text + rest)]
    pieces: list[Piece] = []
    for index, word in enumerate(words):
        split = links.split(word)
        if index:
            # The space between two words of one link belongs to it.
            url = pieces[-1].url if pieces[-1].url == split[0].url else None
            pieces.append(Piece(separators[index - 1], url))
        pieces.extend(split)
    return merged(pieces)


def page_lines(page: Page, deadline: Deadline) -> list[PhysicalLine]:
    """The page's physical lines, top to bottom (columns one after the other)."""
    columns = _in_columns(_group_into_lines(page.runs), deadline)
    mains = [_dominant(line) for line, _ in columns]
    links = _links_by_line([_probe(main) for main in mains], page.links, deadline)
    lines = []
    for (line, column_end), main, crossing in zip(columns, mains, links, strict=True):
        deadline.check()
        lines.append(_physical_line(page.number, line, main, crossing, column_end))
    return lines


def _physical_line(
    page: int,
    line: list[Run],
    main: Run,
    crossing: list[tuple[int, Link]],
    column_end: float | None,
) -> PhysicalLine:
    size = main.size
    words, bullet = _strip_bullet(_line_words(line, main), size)
    links = _LinkFinder(_without_margins(crossing, words, size))
    separators = _separators(words, size)
    pieces = _line_pieces(words, separators, links)
    hanging_url = _hanging_url(pieces, words[-1], links)
    boldness = {word.run.bold for word in words if not word.sup}
    return PhysicalLine(
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
        hanging_url=hanging_url,
        column_end=column_end,
    )


def _hanging_url(pieces: list[Piece], last: _Word, links: _LinkFinder) -> str | None:
    """The link out of which the line's last glyph hangs: a punctuation mark that starts
    inside the link the text before it belongs to but lies mostly beyond its rectangle,
    so that it was given no link. Typesetters that hang punctuation into the margin
    (ConTeXt) set a hyphen or comma inside a link at the line end so."""
    if len(pieces) < 2 or not links.any:
        return None
    mark, before = pieces[-1], pieces[-2]
    if mark.url is not None or before.url is None or len(mark.text) != 1:
        return None
    if mark.text.isalnum() or mark.text.isspace():
        return None
    left = last.run.lefts[last.start + len(last.text) - 1]
    return before.url if links.at(left) == before.url else None


def _reach(line: list[Run], main: Run, direction: float) -> float:
    """How far the line's runs reach beyond its main ascent (direction 1) or descent (-1)."""
    extent = _ASCENT if direction > 0 else _DESCENT
    furthest = max(direction * run.y + extent * run.size for run in line)
    return max(0.0, furthest - (direction * main.y + extent * main.size))


def _first_word_width(words: list[_Word], separators: list[str]) -> float:
    """The width of the line's first word, which may be drawn as several runs."""
    end = next((index for index, separator in enumerate(separators) if separator), len(words) - 1)
    return words[end].right - words[0].left


def _contents_leaders(pieces: list[Piece]) -> list[Piece]:
    """``Heading ........ 6`` → ``Heading.....<TAB>6``, the export's form of a Contents entry."""
    if len(pieces) != 1 or pieces[0].url or pieces[0].sup:
        return pieces
    text = pieces[0].text
    page = _PAGE_AT_END.search(text) if len(text) <= _CONTENTS_LINE else None
    if page is None:
        return pieces
    before = text[: page.start()]
    head = before.rstrip(_LEADER_CHARACTERS)
    if not head or before[len(head) :].count(".") < _LEADER_DOTS:
        return pieces
    return [Piece(f"{head}.....\t{page[0]}")]


# --- paragraphs ---------------------------------------------------------------------------


def merged(pieces: Iterable[Piece]) -> list[Piece]:
    """Neighbouring pieces in the same role made one."""
    return [
        Piece("".join(piece.text for piece in group), url, sup)
        for (url, sup), group in groupby(
            (piece for piece in pieces if piece.text), key=lambda piece: (piece.url, piece.sup)
        )
    ]
