"""Layout, second half: the physical lines of every page → numbered paragraph Lines.

* **Paragraphs.** A line starts a new paragraph after a vertical gap larger than
  the document's line spacing for its font size; when the font size changes or a
  wholly bold line meets a wholly regular one; at a bullet (written ``- ``); at a
  metadata label (``Author(s):``, ``Author:``, ``Authors:``, ``Source:``,
  ``Publication date:``, ``Publication Details:``, ``Journal:``, ``Item Type:``,
  ``Abstract:``); at a line holding a TAB (each Contents entry, but for the last line of
  one that wrapped in a narrow column, after one) and after one (but for a label's line:
  TeX stretches the one space of a justified line of two words as wide as a tab stop);
  when it goes back left of a bullet's text; when it starts with a link covering most
  of it (a title), or starts a plain copy of the title such a link sets on the next lines
  (the export's repeated-title artifact); when, without a link (a PDF printed
  again), it is the last line after a full stop within a title's length of a
  reference's opening label (a title after an abstract's full last line; a sentence in
  brackets after a full stop ends one too, as databases end abstracts), or failing that,
  where the lines before the label run on for longer than any title, the last one that
  starts with a capital (prose that ended without a full stop); or when the
  line before stopped short although this line's first word would have fitted after
  it (a hard line break: word processors wrap a line only when the next word does not
  fit; a column left of a gutter has a right margin of its own). A paragraph continues
  over a page or column break by the same rules, without the gap test; there a line that
  starts with a capital, ends no sentence and is the one line of its paragraph starts a
  paragraph after a sentence's end (a heading whose space above the break took away).
  Wrapped lines are joined with a space.
* **Hyphens at line ends**: :class:`peerbrief.hyphenation.Hyphenation` decides
  (kept, but for words hyphenated at a line end; ranges broken after a dash).
* **Links** are written ``[covered text](URL)``, also when a title wraps over lines
  or pages (joined when the URL is the same; a hyphen or comma hanging out of the link's
  rectangle at the line end is the link's, and does not start a new paragraph). In
  link text ``\\``, ``[``, ``]``, ``(`` and ``)`` are backslash-escaped, as the export
  does. A URL is written as it is (balanced parentheses, as DOIs have, are valid in a
  CommonMark link), except that spaces, backslashes and unbalanced parentheses are
  percent-encoded.
* **Running headers and footers.** Text a tagged PDF marks as an artifact (Word
  marks headers, footers and page numbers so), and a line that opens (or closes) at
  least a quarter of the pages at the same height with the same text but for
  digits, such as ``Evidence Brief: <Topic>``, or that opens a later page with the
  words of the first page's opening lines (a short document's title repeated), is kept
  as a Line of its own and never joined to the text around it; a page number in it, and
  any link over it, are dropped. Bare page-number lines at the top or bottom of a page,
  or marked as artifacts (``12``, ``- 12 -``, ``Page 12 of 50``), are dropped.
* **Numbering.** Physical lines, dropped page numbers included, are numbered 1..N
  through the document; a paragraph's ``number`` is its first physical line,
  ``numbers`` all of them, and ``page`` the 1-based page it starts on.
* **Text set at an angle** (:attr:`~.backend.Page.turned`) is one Line a page, set aside
  (:attr:`peerbrief.lines.Line.set_aside`): as furniture when the same text is set so on
  as many pages as a running header opens (a watermark) or when it holds nothing but
  page numbers and running lines' text (the header of a landscape page turned upright),
  else as text that may matter. It takes the number of its page's last physical line (or
  of the last line before).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise, takewhile

from ..fields import is_access_fragment
from ..hyphenation import Hyphenation
from ..limits import Deadline
from ..lines import (
    ENDS_WITH_FULL_STOP,
    Line,
    contents_entry,
    is_page_number,
    normalise,
    single_spaced,
)
from ..model import Reason
from ..vocabulary import LABELS, OPENING_LABELS, SENTENCE_GOES_ON, TEMPLATE_LABELS
from .layout import PhysicalLine, Piece, merged

__all__ = ["paragraphs"]

_CHECK_EVERY = 256  # physical lines between two deadline checks


def _labels(labels: Iterable[str]) -> re.Pattern[str]:
    """Any of ``labels`` and its colon; a label is the same words wrapped over spaces."""
    words = (r"\s+".join(map(re.escape, label.split())) for label in sorted(labels))
    return re.compile("(?:" + "|".join(words) + r")\s*:", re.IGNORECASE)


_LABEL = _labels(LABELS)  # a metadata label starts a paragraph
_TEMPLATE_LABEL = _labels(TEMPLATE_LABELS)  # (the series' own: always)
# A label that opens a reference's metadata: the line before it ends the reference's title.
_OPENING_LABEL = _labels(OPENING_LABELS)
_LONGEST_TITLE = 300  # characters, with its access note (the series' longest: about 190)
# A sentence in brackets standing after a sentence's end, as bibliographic databases end
# an abstract: "… a useful alternative. (PsycInfo Database Record (c) 2019 APA, all rights
# reserved)". One level of brackets nested inside it.
_BRACKETED_SENTENCE = re.compile(r"[.?!][\"'’”]?\s+\((?:[^()]|\([^()]*\))*\)$")
# A running header's page number, at either end: "12 Evidence Brief: …", "… Brief: … 12".
_LEADING_NUMBER = re.compile(r"^\d{1,4}\s+")
_TRAILING_NUMBER = re.compile(r"(?<![\d])\d{1,4}$")
_DIGITS = re.compile(r"\d+")
_RUNNING_SHARE = 0.25  # of the pages a header or footer opens or closes
_FURNITURE_LAYERS = 6  # lines of a running header or footer, or a sidebar under a header
_INNER_RUNNING_SHARE = 0.5  # of the pages a header's or footer's inner line opens or closes
_GAP_SLACK = 0.2  # of the line spacing: more extra space than this is a paragraph gap
_DEFAULT_LINE_SPACING = 1.2  # font sizes: single spacing, where the document tells none
_MARGIN_PERCENTILE = 0.9  # of line ends: where wrapped lines end, i.e. the right margin
_LEADING_SHARE = 0.05  # of baseline distances: the least share the line spacing holds
_STYLE_SIZE_CHANGE = 0.6  # points


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def _closest_usual(distances: Sequence[float]) -> float | None:
    """The line spacing: wrapped lines sit closest together, so it is the smallest
    distance that is usual (a twentieth of them at least: a superscript or a tight pair
    is not). Not a low percentile: in a brief of one-line paragraphs (labels) wrapped
    lines may be fewer than the paragraph gaps. None when no distance recurs: a size
    met in a few headings gives only the gaps between them (a title above a heading)."""
    counts = Counter(round(distance * 4) / 4 for distance in distances)
    least = max(2, _LEADING_SHARE * len(distances))
    usual = [distance for distance, count in counts.items() if count >= least]
    return min(usual) if usual else None


def _size_key(size: float) -> float:
    return round(size * 2) / 2


def paragraphs(
    pages: Sequence[list[PhysicalLine]], deadline: Deadline, turned: Sequence[str]
) -> list[Line]:
    """Every page's physical lines (a page without text: none) → numbered paragraphs;
    ``turned``: every page's text set at an angle (see the module doc)."""
    assembler = _Assembler(pages, deadline)
    lines = assembler.lines()
    if any(turned):  # (rare: the running lines' texts are gathered only then)
        running = [line.text for line in assembler.physical if line.role != "body"]
        lines += _set_aside(pages, turned, running)
    return sorted(lines, key=lambda line: line.number)


def _set_aside(
    pages: Sequence[list[PhysicalLine]], turned: Sequence[str], running: Sequence[str]
) -> list[Line]:
    """One Line a page for its text set at an angle (see the module doc); ``running``: the
    texts of the document's running headers, footers and page numbers."""
    recurring = max(2.0, _RUNNING_SHARE * len(pages))
    counts = Counter(text.casefold() for text in turned if text)
    furniture = sorted({_without_digits(text) for text in running} - {""}, key=len, reverse=True)
    lines, number = [], 1
    for page, (physical, text) in enumerate(zip(pages, turned, strict=True), start=1):
        number = physical[-1].number if physical else number
        if text:
            recurs = counts[text.casefold()] >= recurring or _is_furniture(text, furniture)
            reason = Reason.TURNED_FURNITURE if recurs else Reason.TURNED_TEXT
            lines.append(Line(number, text, page, (number,), set_aside=reason))
    return lines


def _without_digits(text: str) -> str:
    return " ".join(_DIGITS.sub(" ", text.casefold()).split())


def _is_furniture(text: str, furniture: Sequence[str]) -> bool:
    """Whether ``text`` holds nothing but page numbers and the text of running lines (a
    landscape page turned upright turns its upright header and footer)."""
    rest = _without_digits(text)
    for running in furniture:
        rest = rest.replace(running, " ")
    return not any(char.isalpha() for char in rest)


class _Assembler:
    """Physical lines of all pages → numbered paragraph Lines."""

    def __init__(self, pages: Sequence[list[PhysicalLine]], deadline: Deadline) -> None:
        self.page_count = len(pages)
        self.deadline = deadline
        self.pages = [lines for lines in pages if lines]
        self.physical = [line for lines in self.pages for line in lines]
        for number, line in enumerate(self.physical, start=1):
            line.number = number
        self._mark_page_furniture()
        self.body = [line for line in self.physical if line.role == "body"]
        self.before = {below: above for above, below in pairwise(self.body)}
        self._fill_first_columns()
        self.leading = self._line_spacing()
        self.margins = self._right_margins()
        self.hyphenation = Hyphenation([line.text for line in self.body])
        self.title_copies = self._title_copies()
        self.unlinked_titles = self._unlinked_titles()

    # -- headers and footers --

    def _mark_page_furniture(self) -> None:
        """Find page numbers, and running headers and footers: lines marked as artifacts,
        and lines that open or close many pages alike. Furniture may stand in layers (a
        header of two lines, a page number above a footer): once the outer lines are
        known, the lines they covered are tried in turn."""
        for page_lines in self.pages:
            artifacts = [line for line in page_lines if line.artifact]
            for line in (*_edges(page_lines), *artifacts):
                if is_page_number(line.text):
                    line.role = "page-number"
        for layer in range(_FURNITURE_LAYERS):
            if not self._mark_furniture_layer(outermost=layer == 0):
                break
        self._mark_title_headers()

    def _mark_title_headers(self) -> None:
        """A short document's running header: the line opening a later page with the words
        of the first page's opening lines (the title, set larger there, maybe wrapped),
        where too few pages repeat it to be found by repetition (a brief of two pages)."""
        body = [line for line in self.pages[0] if line.role == "body"] if self.pages else []
        if not body:
            return
        size = body[0].size
        opening = takewhile(lambda line: line.size == size, body)
        title = _words(" ".join(line.text for line in opening))
        for page_lines in self.pages[1:]:
            top = max(
                (line for line in page_lines if line.role == "body"),
                key=lambda line: line.baseline,
                default=None,
            )
            if top is not None and top.size < size and _words(top.text) == title:
                _mark_running([top])

    def _mark_furniture_layer(self, *, outermost: bool) -> bool:
        """Mark the running lines among the first and last text lines of each page (the
        outermost layer: and those marked as artifacts); whether any was found. Under the
        outermost layer, a bare page number is furniture too, and a line must open (or
        close) half the pages, three at least: there the text's own first lines are tried."""
        candidates: list[PhysicalLine] = []
        for page_lines in self.pages:
            self.deadline.check()
            body = [line for line in page_lines if line.role == "body"]
            if not outermost:
                for line in _edges(body):
                    if is_page_number(line.text):
                        line.role = "page-number"
                body = [line for line in body if line.role == "body"]
            edges = _edges(body)
            marked = [line for line in body if line.artifact] if outermost else []
            candidates.extend(dict.fromkeys(edges + marked))
        groups: dict[tuple[str, int], list[PhysicalLine]] = {}
        for line in candidates:
            groups.setdefault(_furniture_key(line), []).append(line)
        if outermost:
            threshold = max(2.0, _RUNNING_SHARE * self.page_count)
        else:
            threshold = max(3.0, _INNER_RUNNING_SHARE * self.page_count)
        found = False
        for lines in groups.values():
            if len(lines) >= threshold or (outermost and all(line.artifact for line in lines)):
                _mark_running(lines)
                found = True
        return found

    # -- statistics --

    def _line_spacing(self) -> dict[float, float]:
        """The usual baseline distance of wrapped lines, for each font size."""
        distances: dict[float, list[float]] = {}
        for above, below in pairwise(self.body):
            key, distance = _size_key(above.size), _distance(above, below)
            same_page_and_size = above.page == below.page and key == _size_key(below.size)
            if same_page_and_size and 0 < distance < 3 * above.size:
                distances.setdefault(key, []).append(distance)
        spacing = {key: _closest_usual(values) for key, values in distances.items()}
        known = {key: value for key, value in spacing.items() if value is not None}
        # A size without a usual distance is spaced as the best-attested size, in
        # proportion (a document sets every size at one line spacing, single or 1.5).
        # Sizes below a quarter point come as key 0 (a Type 3 font's size read without
        # its /FontMatrix, as Ghostscript's PostScript round trip writes them): no measure.
        best = max(known, key=lambda key: len(distances[key]), default=None)
        ratio = known[best] / best if best else _DEFAULT_LINE_SPACING
        return {key: known.get(key, key * ratio) for key in spacing}

    def _fill_first_columns(self) -> None:
        """Give a page without a gutter the end of its columns' first column, when its
        body lines all end before it and most pages are set in columns: the text of a
        brief set so may stop in the first column of its last page, which then shows no
        gutter, and measured against the page's margin each of its lines would seem to
        end a paragraph. (A brief set in one column with a table in two on some page
        keeps its margin.)"""
        firsts = sorted({line.column_end for line in self.body if line.column_end is not None})
        bodies = [[line for line in lines if line.role == "body"] for lines in self.pages]
        set_in_columns = sum(any(line.column_end is not None for line in body) for body in bodies)
        if not firsts or 2 * set_in_columns < len(bodies):
            return
        for body in bodies:
            if not body or any(line.column_end is not None for line in body):
                continue
            reach = max(line.x1 for line in body)
            end = next((end for end in firsts if reach <= end), None)
            for line in body:
                line.column_end = end

    def _right_margins(self) -> dict[float | None, float]:
        """Where wrapped lines end, for each column end (None: the page's margin): a
        column left of a gutter has a right margin of its own."""
        ends: dict[float | None, list[float]] = {}
        for line in self.body:
            if not line.has_tab:
                ends.setdefault(line.column_end, []).append(line.x1)
        return {key: _percentile(values, _MARGIN_PERCENTILE) for key, values in ends.items()}

    def _title_copies(self) -> set[int]:
        """Numbers of the lines that start a plain copy of the title a link sets on the
        next line or the one after (the export's repeated-title artifact, maybe wrapped):
        a paragraph of its own, even where the abstract before it filled its last line
        (at a page break no gap tells them apart)."""
        copies: set[int] = set()
        for index, line in enumerate(self.body):
            if line.first_url is not None:
                continue
            for end in range(index + 1, min(index + 3, len(self.body))):
                title = self.body[end]
                if self._title_link_starts(self.body[end - 1], title):
                    copy = " ".join(other.text for other in self.body[index:end])
                    if _words(copy) == _words(self._linked_text(end)):
                        copies.add(line.number)
                    break
        return copies

    def _unlinked_titles(self) -> set[int]:
        """Numbers of the lines that start a title without a link (a PDF printed again
        has none) right after an abstract's full last line: nothing else parts the two at
        a page break, where there is no gap. Such a title is the last line, within a
        title's length of the next reference's opening label, that starts with a capital
        after a line ending in a full stop (not a question mark: a title's first line may
        end with its question), or in a sentence in brackets after one. Failing that,
        where the lines before the label run on for longer than any title (no gap, no
        hard line break parts them), the title ran into prose that ended without a full
        stop (``… available on HEE Star``): it starts at the last line that starts with a
        capital."""
        starts: set[int] = set()
        for index, line in enumerate(self.body):
            if not _OPENING_LABEL.match(line.text):
                continue
            length, capital, run_on = 0, None, True
            for start in range(index - 1, 0, -1):
                candidate, before = self.body[start], self.body[start - 1]
                length += len(candidate.text) + 1
                # (No title holds a label: each line is looked at once, for one label.)
                linked = candidate.first_url is not None
                if linked or _LABEL.match(candidate.text):
                    break
                if length > _LONGEST_TITLE:
                    if capital is not None and run_on:
                        starts.add(capital)
                    break
                if candidate.text[:1].isupper():
                    if _ends_sentence(before.text.rstrip()):
                        starts.add(candidate.number)
                        break
                    if capital is None and not is_access_fragment(candidate.text):
                        capital = candidate.number
                run_on = run_on and not self._parted(before, candidate)
        return starts

    def _parted(self, above: PhysicalLine, below: PhysicalLine) -> bool:
        """Whether ``below`` starts a paragraph whatever its text: after a gap, a change
        of style or a line that stopped short."""
        return (
            self._gap_between(above, below)
            or _style_changes(above, below)
            or self._ends_early(above, below)
        )

    def _linked_text(self, index: int) -> str:
        """The text of the link the body line at ``index`` starts, over the lines it wraps
        onto."""
        url = self.body[index].first_url
        lines = [self.body[index]]
        for line in self.body[index + 1 : index + 4]:
            if line.first_url != url:
                break
            lines.append(line)
        return " ".join("".join(p.text for p in line.pieces if p.url == url) for line in lines)

    # -- paragraphs --

    def lines(self) -> list[Line]:
        result: list[Line] = []
        paragraph: list[PhysicalLine] = []
        following = dict(pairwise(self.body))
        for index, line in enumerate(self.physical):
            if index % _CHECK_EVERY == 0:
                self.deadline.check()
            if line.role == "running":
                text = _clean(_render(line.pieces))
                result.append(Line(line.number, text, line.page, (line.number,)))
            elif line.role == "body":
                if paragraph and not self._continues(paragraph, line, following.get(line)):
                    result.append(self._paragraph(paragraph))
                    paragraph = []
                paragraph.append(line)
        if paragraph:
            result.append(self._paragraph(paragraph))
        return [line for line in result if line.text]

    def _continues(
        self, paragraph: list[PhysicalLine], line: PhysicalLine, following: PhysicalLine | None
    ) -> bool:
        previous = paragraph[-1]
        # (An entry wraps short of the page numbers' column: not a line that stopped early.)
        wrapped_entry = line.has_tab and self._wrapped_entry(paragraph, line)
        starts_new = (
            line.bullet
            or (line.has_tab and not wrapped_entry)
            or (previous.has_tab and _LABEL.match(previous.text) is None)
            or (_LABEL.match(line.text) is not None and not _word_of_sentence(paragraph, line))
            or _style_changes(previous, line)
            or (paragraph[0].bullet and line.x0 < paragraph[0].x0 - 0.5 * line.size)
            or self._gap_between(previous, line)
            or self._title_link_starts(previous, line)
            or (self._ends_early(previous, line) and not wrapped_entry)
            or (is_page_number(line.text) and _ends_sentence(previous.text))
            or line.number in self.title_copies
            or line.number in self.unlinked_titles
            or self._alone_after_break(paragraph, line, following)
        )
        return not starts_new

    def _wrapped_entry(self, paragraph: list[PhysicalLine], line: PhysicalLine) -> bool:
        """Whether the line holding a TAB ends a Contents entry that wrapped onto it in a
        narrow column (``Published Peer Reviewed`` / ``Research.....⇥7``, as word processors
        set the page number after the entry's text): the entry's first line holds no TAB,
        follows another entry's line, starts with a capital, and stops short of the column's
        margin, where the entries' column ends (the page numbers' column is right of it). A
        line in lower case goes on the entry above, whose number a page floated right of
        its first line, and so does one that reaches the margin (holding that number)."""
        before = self.before.get(paragraph[0])
        return (
            len(paragraph) == 1
            and self._ends_early(paragraph[0], line)
            and before is not None
            and before.has_tab
            and paragraph[0].text.lstrip()[:1].isupper()
            and not (paragraph[0].has_tab or paragraph[0].bullet)
        )

    def _alone_after_break(
        self, paragraph: list[PhysicalLine], line: PhysicalLine, following: PhysicalLine | None
    ) -> bool:
        """A one-line paragraph that opens a page or column after a sentence ended the one
        before (a heading or a title, whose space above the break took away): it starts
        with a capital, ends no sentence, and the line under it starts a paragraph. The last
        line of a paragraph that went on over the break would end a sentence. (A label's
        value, a list of names, goes on whatever its lines end with.)"""
        previous, text = paragraph[-1], line.text.strip()
        return (
            following is not None
            and _LABEL.match(paragraph[0].text) is None
            and (previous.page != line.page or _distance(previous, line) <= 0)
            and following.page == line.page
            and _distance(line, following) > 0
            and _ends_sentence(previous.text)
            and text[:1].isupper()
            and not _ends_sentence(text)
            and not text.endswith((",", "-", ";"))
            and not self._continues([line], following, None)
        )

    def _gap_between(self, above: PhysicalLine, below: PhysicalLine) -> bool:
        if above.page != below.page:
            return False
        spacing = self.leading.get(_size_key(above.size), _DEFAULT_LINE_SPACING * above.size)
        return _distance(above, below) > spacing * (1 + _GAP_SLACK)

    def _title_link_starts(self, previous: PhysicalLine, line: PhysicalLine) -> bool:
        url = line.first_url
        goes_on = url in (previous.last_url, previous.hanging_url)
        return (
            url is not None
            and not goes_on
            and line.link_share(url) >= 0.5
            and not self._runs_into(previous, line)
        )

    def _runs_into(self, previous: PhysicalLine, line: PhysicalLine) -> bool:
        """A sentence runs into the link that starts ``line``: the text above filled its
        measure, with no link of its own, and stopped on a comma or a hyphen, or on a
        lower-case word that is one no paragraph ends on (``in``, ``the``), or before a
        link whose text starts in lower case, or before a link that prose follows on its
        line (after a title, only an access note may). Such a link is a phrase of an
        abstract or a section's prose (a page it names) that the wrap set at a line's
        start, or the last line of a title a PDF linked there only."""
        text = previous.text.rstrip()
        if previous.last_url is not None or self._ends_early(previous, line):
            return False
        if text.endswith((",", "-")):
            return True  # no paragraph ends on these
        if not text[-1:].islower():
            return False
        if text.rsplit(maxsplit=1)[-1] in SENTENCE_GOES_ON or line.text.lstrip()[:1].islower():
            return True
        after = "".join(piece.text for piece in line.pieces if piece.url != line.first_url)
        return any(char.isalpha() for char in after) and not is_access_fragment(after.strip())

    def _ends_early(self, previous: PhysicalLine, line: PhysicalLine) -> bool:
        """The line before stopped although this line's first word would have fitted after
        it: a space, the word, and an em of slack for rounding."""
        room = self.margins.get(previous.column_end, 0.0) - previous.x1
        return room > line.first_word_width + 0.3 * line.size + previous.size

    def _paragraph(self, lines: list[PhysicalLine]) -> Line:
        pieces = list(lines[0].pieces)
        for previous, line in pairwise(lines):
            if previous.hanging_url is not None and previous.hanging_url == line.first_url:
                _take_hanging_mark(pieces)
            self._join(pieces, line.pieces)
        if _is_linked_contents_entry(pieces):
            pieces = [Piece(piece.text, None, piece.sup) for piece in pieces]
        text = _clean(_render(pieces))
        if lines[0].bullet:
            text = "- " + text
        numbers = tuple(line.number for line in lines)
        return Line(numbers[0], text, lines[0].page, numbers)

    def _join(self, pieces: list[Piece], following: list[Piece]) -> None:
        """Append the next line's pieces to a paragraph's, mending the line break."""
        if not pieces or not following:
            pieces.extend(following)
            return
        last, first = pieces[-1], following[0]
        tail, joiner = self.hyphenation.mend(last.text, first.text)
        url = last.url if last.url is not None and last.url == first.url else None
        pieces[-1] = Piece(tail, last.url, last.sup)
        pieces.append(Piece(joiner, url))
        pieces.extend(following)


def _is_linked_contents_entry(pieces: Sequence[Piece]) -> bool:
    """Whether the pieces are a Contents entry (heading, TAB, page number) whose link
    points at a place in a page (``…#h2``): wkhtmltopdf writes a web page's links to its
    own anchors as URI links to the page's address, where other producers write internal
    links, which leave their text plain. A Contents entry is navigation, never a
    reference, and the Contents names the headings by its plain text."""
    if not any(piece.url is not None and "#" in piece.url for piece in pieces):
        return False
    text = "".join(piece.text for piece in pieces)
    return "\t" in text and contents_entry(text) is not None


def _take_hanging_mark(pieces: list[Piece]) -> None:
    """Give the punctuation mark that ends the pieces, hanging out of the link before it,
    to that link (which goes on on the next line)."""
    mark, before = pieces[-1], pieces[-2]
    pieces[-2:] = [Piece(before.text + mark.text, before.url, before.sup)]


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _distance(above: PhysicalLine, below: PhysicalLine) -> float:
    """From one baseline to the next, less what superscripts or subscripts added."""
    return above.baseline - below.baseline - above.reach_down - below.reach_up


def _edges(lines: list[PhysicalLine]) -> list[PhysicalLine]:
    """The lines that open and close a page: the first and last read, and the highest and
    lowest (columns are read one after the other, so a page number under the first of
    them is read before the next; on a page of one column they are the same lines)."""
    if not lines:
        return []
    ends = (lines[0], lines[-1])
    heights = (
        max(lines, key=lambda line: line.baseline),
        min(lines, key=lambda line: line.baseline),
    )
    return list(dict.fromkeys(ends + heights))


def _furniture_key(line: PhysicalLine) -> tuple[str, int]:
    """Headers and footers repeat their text, but for page numbers, at the same height."""
    return re.sub(r"\d+", "#", " ".join(line.text.split())), round(line.baseline)


def _mark_running(lines: list[PhysicalLine]) -> None:
    """Running headers or footers of one text: a page number in them, if any, goes."""
    varies = len({line.text for line in lines}) > 1
    for line in lines:
        line.role = "running"
        # Furniture links nowhere: a link over it spilt from the text (pdfTeX draws the
        # rest of a link broken across pages over the next page's header too).
        line.replace_pieces([Piece(_without_edge_number(line.text) if varies else line.text)])


def _without_edge_number(text: str) -> str:
    text = _LEADING_NUMBER.sub("", text.strip())
    trailing = _TRAILING_NUMBER.search(text)
    if trailing and text[: trailing.start()].endswith((" ", "\t")):
        text = text[: trailing.start()]
    return text.strip()


def _style_changes(above: PhysicalLine, below: PhysicalLine) -> bool:
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


def _render(pieces: Iterable[Piece]) -> str:
    out: list[str] = []
    for piece in merged(pieces):
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
    """As :func:`normalise` leaves it, with runs of spaces single (TABs kept)."""
    return single_spaced(normalise(text)).strip(" ")


def _word_of_sentence(paragraph: list[PhysicalLine], line: PhysicalLine) -> bool:
    """Whether a widened label's word opening ``line`` (``doi:10.…``, ``Link:``) is the
    next word of a sentence in prose that the line before left open on a word no sentence
    ends on (``… and the protocol at``). The series' own labels always start a paragraph,
    as does any label after a label's value."""
    last = paragraph[-1].text.rsplit(maxsplit=1)[-1:]
    return (
        bool(last)
        and last[0] in SENTENCE_GOES_ON
        and _TEMPLATE_LABEL.match(line.text) is None
        and _LABEL.match(paragraph[0].text) is None
    )


def _ends_sentence(text: str) -> bool:
    return bool(ENDS_WITH_FULL_STOP.search(text) or _BRACKETED_SENTENCE.search(text))
