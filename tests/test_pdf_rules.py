"""Each rule of ``pdf_lines`` on a small PDF drawn for it, line by line, with reportlab,
read through every backend (the rules are the layout's: both backends must give what
it needs alike).

Lines marked ``full`` are justified to the right margin, as a word processor sets a
line it had to wrap; the others end where their text does.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import reportlab
from fixtures import make_reportlab_pdf
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

import peerbrief.pdf
from peerbrief.errors import InputError
from peerbrief.lines import Line
from peerbrief.model import Reason
from peerbrief.pdf import BACKENDS, pdf_lines
from peerbrief.pdf.backend import Run, page_runs


@pytest.fixture(autouse=True, params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test of this module runs once per backend, as the default."""
    name: str = request.param
    monkeypatch.setattr(peerbrief.pdf, "default_backend", lambda: name)
    return name


LEFT, RIGHT, TOP = 72.0, 400.0, 760.0
LONG = "Peer support workers use their own lived experience of mental health problems to"


class Sheet:
    """A PDF drawn line by line down the page, 10 pt Helvetica on 12.5 pt lines."""

    def __init__(self, *, render_mode: int = 0) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1)
        self.y = TOP
        self.page = 1
        self.render_mode = render_mode
        """How :meth:`line` draws its text (3: invisibly, as an OCR layer over a scan)."""

    def line(
        self,
        text: str,
        *,
        full: bool = False,
        font: str = "Helvetica",
        size: float = 10,
        gap: float = 0.0,
        x: float = LEFT,
        link: tuple[str, str] | None = None,
    ) -> Sheet:
        """Draw one line; ``link`` is (covered words, URL), annotated over those words."""
        self.y -= 12.5 * size / 10 + gap
        natural = self.canvas.stringWidth(text, font, size)
        spacing = (RIGHT - x - natural) / text.count(" ") if full and " " in text else 0.0
        words = self.canvas.beginText(x, self.y)
        words.setFont(font, size)
        words.setWordSpace(spacing)
        words.setTextRenderMode(self.render_mode)
        words.textOut(text)
        self.canvas.drawText(words)
        if link is not None:
            covered, url = link
            start = text.index(covered)
            x0 = x + self._width(text[:start], font, size, spacing)
            x1 = x0 + self._width(covered, font, size, spacing)
            self.canvas.linkURL(url, (x0, self.y - 2, x1, self.y + size), relative=0)
        return self

    def _width(self, text: str, font: str, size: float, spacing: float) -> float:
        return float(self.canvas.stringWidth(text, font, size)) + spacing * text.count(" ")

    def raised(
        self, y: float, before: str, raised: str, after: str, *, size: float, rise: float
    ) -> Sheet:
        """Draw one line at ``y`` in 10 pt Helvetica: ``before``, then ``raised`` in
        ``size`` points ``rise`` points up, then ``after``."""
        words = self.canvas.beginText(LEFT, y)
        words.setFont("Helvetica", 10)
        words.textOut(before)
        words.setFont("Helvetica", size)
        words.setRise(rise)
        words.textOut(raised)
        words.setRise(0)
        words.setFont("Helvetica", 10)
        words.textOut(after)
        self.canvas.drawText(words)
        return self

    def at(self, x: float, y: float, text: str, font: str = "Helvetica", size: float = 10) -> Sheet:
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, text)
        return self

    def new_page(self, header: str | None = None, footer: str | None = None) -> Sheet:
        """End the page (with its header and footer lines) and start the next."""
        if header:
            self.at(LEFT, 800, header, size=9)
        if footer:
            self.at(300, 40, footer, size=9)
        self.canvas.showPage()
        self.y, self.page = TOP, self.page + 1
        return self

    def pdf(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()

    def lines(self, backend: str | None = None) -> list[Line]:
        return pdf_lines(self.pdf(), "sheet.pdf", backend=backend)

    def texts(self) -> list[str]:
        return [line.text for line in self.lines()]


def filler(sheet: Sheet, topic: str = "mental health") -> Sheet:
    """A wrapped paragraph first, so that the page has a right margin to measure."""
    for line in _filler_lines(topic)[:-1]:
        sheet.line(line, full=True)
    return sheet.line(_filler_lines(topic)[-1])


def _filler_lines(topic: str) -> list[str]:
    """Pages of a brief do not end alike, or their last lines would look like footers."""
    last = "support others." if topic == "mental health" else f"support others with {topic}."
    return [LONG.replace("mental health", topic)] * 3 + [last]


def filler_text(topic: str = "mental health") -> str:
    return " ".join(_filler_lines(topic))


FILLER = filler_text()


# -- paragraphs ---------------------------------------------------------------------------


def test_wrapped_lines_join_into_one_paragraph() -> None:
    assert filler(Sheet()).texts() == [FILLER]


def test_a_vertical_gap_starts_a_paragraph() -> None:
    sheet = filler(Sheet()).line("Publication date: 2020", gap=6).line("A new idea.", gap=6)
    assert sheet.texts()[1:] == ["Publication date: 2020", "A new idea."]


def test_a_gap_is_a_gap_where_most_paragraphs_are_one_line() -> None:
    # A brief of labels: most line distances are paragraph gaps, few are wrapped lines.
    # A full abstract line, then a title on the next line after a gap: two paragraphs,
    # though no line stopped short (the title would be the abstract's last words).
    sheet = filler(Sheet())
    for number in range(12):
        sheet.line(f"Source: Journal {number}", gap=6).line("Publication date: 2020", gap=6)
    sheet.line(LONG, full=True, gap=6).line(LONG, full=True).line("A title of a work", gap=6)
    assert sheet.texts()[-2:] == [f"{LONG} {LONG}", "A title of a work"]


def test_two_headings_in_a_size_met_nowhere_else_are_two_paragraphs() -> None:
    """A size set only in a few headings gives no line spacing of its own, only the gaps
    between them (a title above a heading): it is spaced as the body text is."""
    sheet = Sheet().line("Evidence Brief: Peer Support Workers", font="Helvetica-Bold", size=16)
    sheet.line("Contents", font="Helvetica-Bold", size=16, gap=14)
    filler(sheet)
    assert sheet.texts()[:2] == ["Evidence Brief: Peer Support Workers", "Contents"]


def test_a_line_stopped_short_ends_its_paragraph_even_without_a_gap() -> None:
    """ "Background:" would have fitted after "2019": the line was broken on purpose."""
    sheet = filler(Sheet()).line("Publication year is 2019").line("Background: being aware")
    assert sheet.texts()[1:] == ["Publication year is 2019", "Background: being aware"]


def test_a_line_that_could_not_take_the_next_word_continues() -> None:
    sheet = filler(Sheet()).line(LONG[:-3], gap=6).line("help others.")
    assert sheet.texts()[1] == LONG[:-3] + " help others."


def test_metadata_labels_start_paragraphs() -> None:
    sheet = filler(Sheet()).line(
        "Moran et al. Source: a line that runs on to the right margin", full=True, gap=6
    )
    for label in (
        "Author(s): Otte et al.",
        "Authors: Edwards, Jonathan P.",
        "Author: Hans Oh",
        "Source: BMC Health Services Research 13: 188",
        "Publication date: 2013",
        "Publication Date: 2021",
        "Publication Details: Psychiatric services, 73, (12)",
        "Journal: BMC Public Health 23(1), pp. 1-15",
        "Item Type: Journal Article",
        "Abstract: The definitions of the roles",
    ):
        sheet.line(label, full=True)
    assert len(sheet.texts()) == 12


def test_a_change_of_size_or_boldness_starts_a_paragraph() -> None:
    sheet = filler(Sheet())
    sheet.line("Competencies", font="Helvetica-Bold", full=True, size=12)
    sheet.line("Challenges of the role that reach all the way to the right margin", full=True)
    sheet.line("Bold Heading", font="Helvetica-Bold")
    assert sheet.texts()[1:] == [
        "Competencies",
        "Challenges of the role that reach all the way to the right margin",
        "Bold Heading",
    ]


def test_bullets_become_list_items() -> None:
    sheet = filler(Sheet()).line("The themes:", gap=6)
    for item in ("Service provision and activity", "Workforce size"):
        sheet.line("\x95", x=LEFT + 6)  # WinAnsi's bullet
        sheet.y += 12.5
        sheet.line(item, x=LEFT + 18)
    sheet.line("- A dash in prose is punctuation", gap=6)
    assert sheet.texts()[1:] == [
        "The themes:",
        "- Service provision and activity",
        "- Workforce size",
        "- A dash in prose is punctuation",
    ]


def test_a_bullet_glyph_set_against_its_text_is_a_list_item() -> None:
    """MuPDF's Story draws a CSS ``::before`` bullet with no gap before the item's text;
    read as the item's first letter, the item ran into the prose before it and its link
    was no list item's."""
    url = "https://www.example.org/framework-part-1.pdf"
    sheet = filler(Sheet()).line("The framework is formed in 2 parts:", gap=6)
    sheet.line(
        "\u2022The Competence Framework - Part 1", link=("The Competence Framework - Part 1", url)
    )
    sheet.line("\u2022Workforce size")
    assert sheet.texts()[1:] == [
        "The framework is formed in 2 parts:",
        f"- [The Competence Framework - Part 1]({url})",
        "- Workforce size",
    ]


def test_a_dash_set_apart_is_a_bullet_on_a_justified_line_too() -> None:
    """Each item starts a paragraph, though the line before it reached the margin."""
    intro = "The themes that every one of the trusts taking part in the survey named:"
    item = "Service provision and activity in the trusts and teams that took part"
    sheet = filler(Sheet()).line(intro, full=True, gap=6)
    for dash in ("-", "\x96"):  # a hyphen, and WinAnsi's en dash
        sheet.line(dash, x=LEFT)
        sheet.y += 12.5
        sheet.line(item, x=LEFT + 18, full=True)
    sheet.line("Prose after the list.")
    assert sheet.texts()[1:] == [intro, f"- {item}", f"- {item}", "Prose after the list."]


def test_a_dash_that_starts_a_justified_line_of_prose_is_punctuation() -> None:
    """Justification widens the space after the dash as much as the line's others: it is
    a word space, however wide, not a list's indent."""
    sheet = filler(Sheet())
    sheet.line("Peer support workers - people with lived experience of mental", full=True, gap=6)
    sheet.line("- provide mutually supportive relationships in mental health", full=True)
    sheet.line("services.")
    assert sheet.texts()[1] == (
        "Peer support workers - people with lived experience of mental"
        " - provide mutually supportive relationships in mental health services."
    )


def test_going_back_left_of_a_bullets_text_ends_the_item() -> None:
    sheet = filler(Sheet())
    sheet.line("\x95", x=LEFT + 6, gap=6)
    sheet.y += 12.5
    sheet.line("An item that wraps onto a second line at the right margin", x=LEFT + 18, full=True)
    sheet.line("and goes on.", x=LEFT + 18)
    sheet.line("Prose after the list starts at the margin again and runs on", full=True)
    assert sheet.texts()[1:] == [
        "- An item that wraps onto a second line at the right margin and goes on.",
        "Prose after the list starts at the margin again and runs on",
    ]


def test_a_line_starting_with_a_title_link_starts_a_paragraph() -> None:
    sheet = filler(Sheet())
    sheet.line("An abstract whose last line happens to reach the right margin", full=True)
    sheet.line(
        "Challenges faced by peer support workers",
        link=("Challenges faced by peer support workers", "https://doi.org/10.5555/a"),
    )
    assert sheet.texts()[1:] == [
        "An abstract whose last line happens to reach the right margin",
        "[Challenges faced by peer support workers](https://doi.org/10.5555/a)",
    ]


def test_a_plain_copy_of_the_next_title_starts_a_paragraph_after_a_full_line() -> None:
    # The export's repeated-title artifact, at the top of a page, after an abstract whose
    # last line filled the page's: no gap and no short line tells them apart.
    title = "Challenges faced by peer support workers"
    sheet = filler(Sheet())
    sheet.line("An abstract whose last line happens to reach the right margin", full=True)
    sheet.new_page()
    sheet.line(title)
    sheet.line(f"{title} Abstract only*", link=(title, "https://doi.org/10.5555/a"))
    assert sheet.texts()[1:] == [
        "An abstract whose last line happens to reach the right margin",
        title,
        f"[{title}](https://doi.org/10.5555/a) Abstract only*",
    ]


def test_a_wrapped_plain_copy_of_the_next_title_starts_a_paragraph() -> None:
    first, second = "Challenges faced by peer support workers in mental health", "a review"
    url = "https://doi.org/10.5555/a"
    sheet = filler(Sheet())
    sheet.line("An abstract whose last line happens to reach the right margin", full=True)
    sheet.new_page()
    sheet.line(first, full=True).line(second)
    sheet.line(first, full=True, link=(first, url)).line(
        f"{second} Abstract only*", link=(second, url)
    )
    assert sheet.texts()[1:] == [
        "An abstract whose last line happens to reach the right margin",
        f"{first} {second}",
        f"[{first} {second}]({url}) Abstract only*",
    ]


# -- words and hyphens ----------------------------------------------------------------


def test_a_hyphen_at_a_line_end_is_kept() -> None:
    sheet = filler(Sheet()).line("We studied the integration into mental health-", full=True, gap=6)
    sheet.line("care teams in 2011-", full=True).line("2014 across the region.")
    assert sheet.texts()[1] == (
        "We studied the integration into mental health-care teams in 2011-2014 across the region."
    )


def test_a_suspended_hyphen_at_a_line_end_keeps_its_space() -> None:
    """``short-`` + ``and long-term`` became ``short-and long-term``."""
    sheet = filler(Sheet()).line("Outcomes were measured in the short-", full=True, gap=6)
    sheet.line("and long-term over 3-", full=True).line("to 5-day visits and an up-to-", full=True)
    sheet.line("date register.")
    assert sheet.texts()[1] == (
        "Outcomes were measured in the short- and long-term over 3- to 5-day visits and an"
        " up-to-date register."
    )


def test_a_range_broken_after_its_dash_joins_and_a_spaced_dash_keeps_its_space() -> None:
    sheet = filler(Sheet()).line("Staff retention in the community (2015\u2013", full=True, gap=6)
    sheet.line("2020) and after it \u2013", full=True).line("a review.")
    assert sheet.texts()[1] == (
        "Staff retention in the community (2015\u20132020) and after it \u2013 a review."
    )


def test_a_line_broken_after_a_slash_joins_without_a_space() -> None:
    """Browsers and other CSS typesetters break a line after a slash that ends a word."""
    sheet = filler(Sheet()).line("A survey was conducted in Winter/", full=True, gap=6)
    sheet.line("Spring 2013 on supervision /", full=True).line("training.")
    assert (
        sheet.texts()[1]
        == "A survey was conducted in Winter/Spring 2013 on supervision / training."
    )


def test_a_line_broken_after_a_slash_keeps_the_space_the_document_writes_there() -> None:
    """A brief that writes ``integrated/ multidisciplinary`` (its Contents, a heading)
    and wraps a title at that space: the title keeps its space; words the document
    writes both ways join as a browser broke them."""
    sheet = filler(Sheet()).line("Place in integrated/ multidisciplinary teams", gap=6)
    sheet.line("Surveys in Winter/ Spring and in Winter/Spring", gap=6)
    sheet.line("Peer workers in integrated/", full=True, gap=6).line("multidisciplinary teams")
    sheet.line("A survey was conducted in Winter/", full=True, gap=6).line("Spring 2013.")
    assert sheet.texts()[-2:] == [
        "Peer workers in integrated/ multidisciplinary teams",
        "A survey was conducted in Winter/Spring 2013.",
    ]


def test_a_line_broken_in_a_url_or_before_an_unspaced_em_dash_joins_without_a_space() -> None:
    """CSS typesetters break a URL after its scheme's slashes, and a line before an em
    dash, which may stand between two words unspaced."""
    sheet = filler(Sheet()).line(
        "First published in JMIR Mental Health (https://", full=True, gap=6
    )
    sheet.line("mental.jmir.org) as Services", full=True).line("\u2014A leadership perspective.")
    sheet.line("It is cited in Services", full=True, gap=6).line("\u2014 a review of the services.")
    assert sheet.texts()[1:] == [
        "First published in JMIR Mental Health (https://mental.jmir.org) as"
        " Services\u2014A leadership perspective.",
        "It is cited in Services \u2014 a review of the services.",
    ]


def test_a_word_split_by_hyphenation_is_mended_when_the_document_spells_it_whole() -> None:
    sheet = filler(Sheet()).line("The organisation grew.", gap=6)
    sheet.line("Every year the organi-", full=True).line("sation grew again.")
    assert sheet.texts()[2] == "Every year the organisation grew again."


def test_a_doi_broken_before_its_sicis_angle_bracket_is_joined() -> None:
    """A serial item's DOI (a SICI) has no space: a line broken before its ``<`` is not."""
    sheet = filler(Sheet()).line("Its DOI is 10.1002/(SICI)1365-2648(199804)27:4", full=True)
    sheet.line("<693::AID-JAN4>3.0.CO;2-0")
    sheet.line("Less than <20 people: 10.1002/abc", full=True).line("<5 were seen.")
    assert sheet.texts()[1:] == [
        "Its DOI is 10.1002/(SICI)1365-2648(199804)27:4<693::AID-JAN4>3.0.CO;2-0",
        "Less than <20 people: 10.1002/abc <5 were seen.",
    ]


def test_a_compound_broken_at_a_later_hyphen_keeps_it() -> None:
    """``day-to-`` + ``day`` is one compound, though ``today`` is a word of the document;
    in a document that hyphenates, the last part of a compound may be split (``self-
    manage-`` + ``ment``) and is mended as the compound is spelled elsewhere."""
    sheet = filler(Sheet()).line("Today they cope with self-management.", gap=6)
    sheet.line("They found ways of coping with day-to-", full=True, gap=6).line("day work.")
    sheet.line("It was a matter of self-manage-", full=True, gap=6).line("ment for all.")
    assert sheet.texts()[2:] == [
        "They found ways of coping with day-to-day work.",
        "It was a matter of self-management for all.",
    ]


def test_a_soft_hyphen_at_a_line_end_is_dropped_where_the_backend_reports_it(
    backend: str,
) -> None:
    """PDFium reports a hyphen ending a line without saying whether it was a soft one
    (U+00AD): the pdfium backend reads it as a hyphen, mended only by the document's
    vocabulary — the one place where the backends differ by design."""
    sheet = filler(Sheet()).line(
        "A soft hyphen at the end of a line splits a simulta\xad", full=True, gap=6
    )
    sheet.line("neous word for certain.")
    joined = {"pypdf": "simultaneous", "pdfium": "simulta-neous"}[backend]
    assert (
        sheet.texts()[1]
        == f"A soft hyphen at the end of a line splits a {joined} word for certain."
    )


def test_runs_without_space_between_them_make_one_word() -> None:
    sheet = filler(Sheet())
    sheet.line("Peer", gap=6)
    sheet.y += 12.5
    end = LEFT + sheet.canvas.stringWidth("Peer", "Helvetica", 10)
    sheet.line("-led", x=end)
    sheet.y += 12.5
    sheet.line("support", x=end + sheet.canvas.stringWidth("-led ", "Helvetica", 10))
    assert sheet.texts()[1] == "Peer-led support"


def test_a_word_drawn_twice_in_place_is_read_once() -> None:
    """Some programs fake bold by drawing the text again a hair to the right."""
    sheet = filler(Sheet())
    sheet.at(LEFT, 600, "Peer Support Workers").at(LEFT + 0.3, 600, "Peer Support Workers")
    assert sheet.texts()[1] == "Peer Support Workers"


def test_superscripts_are_marked() -> None:
    sheet = filler(Sheet()).raised(600, "in practice,", "1,2", " research", size=6, rise=4)
    assert sheet.texts()[1] == "in practice,^{1,2} research"


def test_raised_citation_digits_barely_smaller_are_superscripts() -> None:
    """CSS's ``font-size: smaller`` may step down a few per cent only (WeasyPrint), and
    a citation marker may keep the text's size: raised, it is a superscript still; a
    raised word that is not digits, at the text's size, is not."""
    sheet = filler(Sheet())
    for y, size, raised in ((600, 9.7, "1,2"), (570, 10, "3"), (540, 10, "note")):
        sheet.raised(y, "in practice,", raised, " research", size=size, rise=4.5)
    assert sheet.texts()[1:] == [
        "in practice,^{1,2} research",
        "in practice,^{3} research",
        "in practice,note research",
    ]


def test_a_superscript_raised_half_an_em_is_in_its_line() -> None:
    """Raised by half an em, give or take the rounding of single precision (PDFium's),
    a superscript is part of its line through both backends alike."""
    sheet = filler(Sheet()).raised(
        600, "overall job satisfaction, Adj R", "2", " = 0.71", size=8, rise=5.005
    )
    assert sheet.texts()[1] == "overall job satisfaction, Adj R^{2} = 0.71"


def test_a_superscript_raised_by_a_wide_fonts_x_height_is_in_its_line() -> None:
    """Apache FOP raises ``baseline-shift="super"`` by the text's x-height, 0.55 em in
    DejaVu Sans or Verdana: more than half an em, the superscript was a line of its own
    before its line (``1,2`` / ``… hospitals . Results``), in both backends; a line of
    smaller text that close above would overprint the text's capitals."""
    sheet = filler(Sheet()).raised(600, "in 40 hospitals", "1,2", ". Results", size=7, rise=5.46)
    assert sheet.texts()[1] == "in 40 hospitals^{1,2}. Results"


def _turned(sheet: Sheet, text: str, x: float, y: float, angle: float) -> Sheet:
    sheet.canvas.saveState()
    sheet.canvas.translate(x, y)
    sheet.canvas.rotate(angle)
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas.drawString(0, 0, text)
    sheet.canvas.restoreState()
    return sheet


def test_rotated_text_is_not_read_but_set_aside_as_text_that_may_matter() -> None:
    """Text at an angle on an upright page is never read as the brief's, and never lost
    in silence either: one Line a page, set aside (the reader reports it)."""
    sheet = _turned(filler(Sheet()), "DRAFT", 300, 400, 45)
    _turned(sheet, "Downloaded from the web", 40, 300, 90)
    lines = sheet.lines()
    assert [line.text for line in lines if line.set_aside is None] == [FILLER]
    assert [(line.text, line.page, line.set_aside) for line in lines if line.set_aside] == [
        ("DRAFT Downloaded from the web", 1, Reason.TURNED_TEXT)
    ]


def test_a_landscape_pages_upright_header_and_page_number_turned_with_it_are_furniture() -> None:
    """A page whose text is mostly turned a quarter is read turned upright, which turns
    the header and page number it kept upright: they are the document's running lines."""
    sheet = Sheet()
    for topic in ("mental health", "housing", "employment"):
        filler(sheet, topic).new_page(header="Evidence Brief: Peer Support", footer="Page 1")
    sheet.canvas.saveState()
    sheet.canvas.translate(A4[0], 0)
    sheet.canvas.rotate(90)
    filler(sheet, "education")
    sheet.canvas.restoreState()
    sheet.new_page(header="Evidence Brief: Peer Support", footer="Page 4")
    aside = [(line.text, line.set_aside) for line in sheet.lines() if line.set_aside]
    assert aside == [("Evidence Brief: Peer Support Page 4", Reason.TURNED_FURNITURE)]


def test_a_pdf_whose_text_is_all_at_an_angle_is_refused_as_such() -> None:
    sheet = Sheet()
    for number, text in enumerate(_filler_lines("mental health")):
        _turned(sheet, text, 100, 700 - 20 * number, 30)
    with pytest.raises(InputError, match="all set at an angle"):
        sheet.lines()


def test_text_at_an_angle_on_many_pages_is_set_aside_as_a_watermark() -> None:
    sheet = Sheet()
    for topic in ("mental health", "housing", "employment"):
        _turned(filler(sheet, topic), "Draft for consultation", 300, 400, 45).new_page()
    _turned(filler(sheet), "Appendix", 40, 300, 90)
    aside = [(line.page, line.set_aside) for line in sheet.lines() if line.set_aside]
    furniture = Reason.TURNED_FURNITURE
    assert aside == [(1, furniture), (2, furniture), (3, furniture), (4, Reason.TURNED_TEXT)]


def test_a_page_whose_text_is_turned_a_quarter_is_read_turned_upright() -> None:
    """A page turned with ``/Rotate`` whose turn was then drawn into its content (``qpdf
    --flatten-rotation``) shows all its text turned: it is read as the reader sees it
    turned back, its links with it, not dropped as a margin's turned note would be."""
    url = "https://doi.org/10.5555/turned"
    sheet = Sheet()
    sheet.canvas.setPageSize((900, 900))
    sheet.canvas.translate(900, 0)
    sheet.canvas.rotate(90)  # the text runs up the page: x is 900 - y, y is x
    filler(sheet).line("Peer support: a review", gap=6)
    width = sheet.canvas.stringWidth("Peer support", "Helvetica", 10)
    sheet.canvas.linkURL(url, (900 - sheet.y - 10, LEFT, 900 - sheet.y + 2, LEFT + width))
    assert sheet.texts() == [FILLER, f"[Peer support]({url}): a review"]


def test_a_page_drawn_turned_as_a_form_is_read_turned_upright() -> None:
    """``pdfjam --nup 2x1`` and LaTeX's ``pdfpages`` draw each page of a handout as a form
    XObject, turned a quarter when the sheet is turned (``/Rotate``): the text is in the
    forms, none on the page itself. PDFium's reading asked the page's own objects only,
    found no text turned and refused the whole handout as text set at an angle."""
    sheet = Sheet()
    sheet.canvas.setPageSize((900, 900))
    sheet.canvas.beginForm("page")
    filler(sheet).line("Peer support: a review", gap=6)
    sheet.canvas.endForm()
    sheet.canvas.translate(900, 0)
    sheet.canvas.rotate(90)
    sheet.canvas.doForm("page")
    assert sheet.texts() == [FILLER, "Peer support: a review"]


def test_text_in_a_form_xobject_is_read_in_place() -> None:
    sheet = filler(Sheet())
    sheet.canvas.beginForm("stamp")
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas.drawString(0, 0, "Reused text")
    sheet.canvas.endForm()
    sheet.canvas.saveState()
    sheet.canvas.translate(LEFT, 600)
    sheet.canvas.doForm("stamp")
    sheet.canvas.restoreState()
    assert sheet.texts()[1] == "Reused text"


def test_character_spacing_and_horizontal_scaling_move_the_glyphs() -> None:
    sheet = filler(Sheet())
    words = sheet.canvas.beginText(LEFT, 600)
    words.setFont("Helvetica", 10)
    words.setCharSpace(1.5)
    words.setHorizScale(120)
    words.textOut("Spaced out")
    sheet.canvas.drawText(words)
    spaced_out = 1.2 * (sheet.canvas.stringWidth("Spaced out", "Helvetica", 10) + 10 * 1.5)
    sheet.at(LEFT + spaced_out + 3, 600, "next")
    assert sheet.texts()[1] == "Spaced out next"


# -- tabs and the Contents -----------------------------------------------------------


def test_a_tab_stop_becomes_a_tab_and_leaders_become_five_dots() -> None:
    sheet = filler(Sheet())
    sheet.at(LEFT, 600, "Key publications – the big picture").at(RIGHT - 5, 600, "3")
    sheet.at(LEFT, 587, "Case Studies " + ". " * 40 + "4")
    sheet.at(LEFT, 574, "Statistics").at(LEFT + 80, 574, "." * 50).at(RIGHT - 5, 574, "5")
    assert sheet.texts()[1:] == [
        "Key publications – the big picture\t3",
        "Case Studies.....\t4",
        "Statistics.....\t5",
    ]


def test_a_contents_entry_wrapped_in_a_narrow_column_is_one_entry() -> None:
    """In a column, a long entry wraps short of the page numbers' column, its first line
    without a TAB: it is not an entry of its own (``Research`` would be a heading)."""
    sheet = filler(Sheet())
    sheet.at(LEFT, 600, "Statistics").at(RIGHT - 5, 600, "6")
    sheet.at(LEFT, 587, "Published Peer Reviewed")
    sheet.at(LEFT, 574, "Research " + ". " * 30).at(RIGHT - 5, 574, "7")
    sheet.at(LEFT, 561, "Scope of practice").at(RIGHT - 5, 561, "7")
    assert sheet.texts()[1:] == [
        "Statistics\t6",
        "Published Peer Reviewed Research.....\t7",
        "Scope of practice\t7",
    ]


def test_a_labels_line_justified_over_one_space_goes_on_as_its_value_does() -> None:
    """TeX justifies a line of two words (a label, a web address it broke at a hyphen) by
    stretching its one space as wide as a tab stop: a label's line is no Contents entry,
    and its value goes on on the next line."""
    url = "https://www.england.nhs.uk/our-nhs-"
    sheet = filler(Sheet())
    sheet.y -= 12.5
    sheet.at(LEFT, sheet.y, "Source:").at(RIGHT - sheet.canvas.stringWidth(url), sheet.y, url)
    sheet.line("people/").line("Seven promises that staff said would improve their work.", gap=6)
    assert sheet.texts()[1:] == [
        "Source:\thttps://www.england.nhs.uk/our-nhs-people/",
        "Seven promises that staff said would improve their work.",
    ]


def test_a_justified_line_is_not_mistaken_for_tab_stops() -> None:
    sheet = filler(Sheet()).line("Wide gaps everywhere here", full=True, gap=6)
    assert sheet.texts()[1] == "Wide gaps everywhere here"


# -- links ----------------------------------------------------------------------------------


def test_a_link_in_prose_is_wrapped_without_the_punctuation_after_it() -> None:
    sheet = filler(Sheet())
    sheet.line("Search for it in the Star.", gap=6, link=("the Star", "https://example.org/star"))
    assert sheet.texts()[1] == "Search for it in [the Star](https://example.org/star)."


def test_a_title_wrapped_over_two_lines_is_one_link() -> None:
    url = "https://doi.org/10.5555/s0140-6736(20)30183-5"
    first, second = "Challenges faced by mental health peer support workers in", "their teams"
    sheet = filler(Sheet()).line(first, full=True, gap=6, link=(first, url))
    sheet.line(second + " Abstract only*", link=(second, url))
    assert sheet.texts()[1] == f"[{first} {second}]({url}) Abstract only*"


def test_a_numbered_title_set_apart_from_its_number_is_no_tab_stop() -> None:
    """A word processor sets a list's number (``10.``) and its text at a tab stop: the
    gap after a two-digit number is wide, yet the line is no Contents entry, and the
    title wrapped under it goes on."""
    url = "https://doi.org/10.5555/effects"
    first, second = "Effects of employment as a peer support worker on personal", "recovery"
    sheet = filler(Sheet())
    sheet.line(first, full=True, gap=6, x=LEFT + 36, link=(first, url))
    sheet.at(LEFT, sheet.y, "10.")
    sheet.line(second + " Abstract only*", x=LEFT + 36, link=(second, url))
    assert sheet.texts()[1] == f"10. [{first} {second}]({url}) Abstract only*"


def test_a_hyphen_hanging_out_of_a_link_at_a_line_end_keeps_the_link_whole() -> None:
    """ConTeXt hangs a line-end hyphen into the margin: the link's rectangle ends at the
    margin, inside the hyphen, whose middle lies beyond. The link goes on on the next
    line, so the hyphen is its, and the title one paragraph."""
    url = "https://doi.org/10.5555/a"
    first, second = "Challenges faced by mental health peer support workers in peer-", "led teams"
    sheet = filler(Sheet()).line(first, full=True, gap=6)
    hyphen = sheet.canvas.stringWidth("-", "Helvetica", 10)
    sheet.canvas.linkURL(url, (LEFT, sheet.y - 2, RIGHT - 0.7 * hyphen, sheet.y + 10))
    sheet.line(second, link=(second, url)).line("Source: NHS England")
    assert sheet.texts()[1:] == [f"[{first}{second}]({url})", "Source: NHS England"]


def test_a_mark_after_a_link_at_a_line_end_stays_out_of_it_when_the_link_ends() -> None:
    url = "https://doi.org/10.5555/a"
    first = "Challenges faced by mental health peer support workers in teams,"
    sheet = filler(Sheet()).line(first, full=True, gap=6)
    comma = sheet.canvas.stringWidth(",", "Helvetica", 10)
    sheet.canvas.linkURL(url, (LEFT, sheet.y - 2, RIGHT - 0.7 * comma, sheet.y + 10))
    sheet.line("as their managers see them.")
    assert sheet.texts()[1] == f"[{first[:-1]}]({url}), as their managers see them."


def test_one_annotation_with_a_quadrilateral_per_line_covers_both_lines() -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    first, second = LONG, "support others"
    sheet = filler(Sheet()).line(first, full=True, gap=6).line(second + " in teams.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sheet.pdf())))
    top, bottom = sheet.y + 12.5, sheet.y
    width = Canvas(io.BytesIO()).stringWidth(second, "Helvetica", 10)
    quads = [
        LEFT,
        top + 10,
        RIGHT,
        top + 10,
        LEFT,
        top - 2,
        RIGHT,
        top - 2,
        LEFT,
        bottom + 10,
        LEFT + width,
        bottom + 10,
        LEFT,
        bottom - 2,
        LEFT + width,
        bottom - 2,
    ]
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(
                FloatObject(v) for v in (LEFT, bottom - 2, RIGHT, top + 10)
            ),
            NameObject("/QuadPoints"): ArrayObject(FloatObject(v) for v in quads),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/URI"),
                    NameObject("/URI"): TextStringObject("https://example.org/report"),
                }
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    output = io.BytesIO()
    writer.write(output)
    texts = [line.text for line in pdf_lines(output.getvalue(), "quads.pdf")]
    assert texts[1] == f"[{first} {second}](https://example.org/report) in teams."


def test_internal_links_leave_their_text_plain() -> None:
    sheet = filler(Sheet())
    sheet.canvas.bookmarkPage("contents")
    sheet.line("Case Studies", gap=6)
    sheet.canvas.linkRect("", "contents", (LEFT, sheet.y - 2, LEFT + 60, sheet.y + 10))
    assert sheet.texts()[1] == "Case Studies"


def test_a_contents_entry_linked_to_an_anchor_of_a_web_page_stays_plain_text() -> None:
    """wkhtmltopdf writes the Contents links of the web page it prints as URI links to
    the page's own address and an anchor: the entries are still the Contents' plain
    headings (else a heading only the Contents names is not known for one)."""
    sheet = filler(Sheet())
    page = "file:///home/user/brief.html"
    for y, heading, number in ((600, "HEE Star", "5"), (587, "Case Studies", "4")):
        sheet.at(LEFT, y, heading).at(RIGHT - 5, y, number)
        width = sheet.canvas.stringWidth(heading, "Helvetica", 10)
        sheet.canvas.linkURL(f"{page}#{number}", (LEFT, y - 2, LEFT + width, y + 10), relative=0)
    sheet.y = 560
    sheet.line("A reference", gap=6, link=("A reference", f"{page}#top"))
    assert sheet.texts()[1:] == [
        "HEE Star\t5",
        "Case Studies\t4",
        f"[A reference]({page}#top)",
    ]


def test_link_text_and_urls_are_escaped_for_markdown() -> None:
    sheet = filler(Sheet())
    sheet.line(
        "National Data Warehouse (NDL) [beta]",
        gap=6,
        link=("National Data Warehouse (NDL) [beta]", "https://example.org/a b(1"),
    )
    assert sheet.texts()[1] == (
        r"[National Data Warehouse \(NDL\) \[beta\]](https://example.org/a%20b%281)"
    )


# -- pages ------------------------------------------------------------------------------------


def test_a_paragraph_goes_on_over_a_page_break_past_header_and_footer() -> None:
    sheet = Sheet()
    topics = ("mental health", "addiction", "eating disorder")
    for page, topic in enumerate(topics, start=1):
        filler(sheet, topic)
        sheet.line(LONG.replace("mental health", topic), full=True, gap=6)
        sheet.new_page(header="Evidence Brief: Peer Support Workers", footer=f"Page {page} of 3")
    found = sheet.lines()
    assert [line.text for line in found] == [
        "Evidence Brief: Peer Support Workers",
        filler_text("mental health"),
        LONG + " " + filler_text("addiction"),
        "Evidence Brief: Peer Support Workers",
        LONG.replace("mental health", "addiction") + " " + filler_text("eating disorder"),
        "Evidence Brief: Peer Support Workers",
        LONG.replace("mental health", "eating disorder"),
    ]
    assert [line.page for line in found] == [1, 1, 1, 2, 2, 3, 3]
    # The header comes first on a page; 7, the footer, is dropped.
    assert [line.source_lines for line in found[:4]] == [
        (1,),
        (2, 3, 4, 5),
        (6, 9, 10, 11, 12),
        (8,),
    ]


def test_a_running_header_of_two_lines_is_stepped_over_as_one() -> None:
    """Under the running header, a second line repeated on every page (the library's
    name) is furniture too: a paragraph goes on past both."""
    sheet = Sheet()
    topics = ("mental health", "addiction", "eating disorder")
    for page, topic in enumerate(topics, start=1):
        filler(sheet, topic)
        sheet.line(LONG.replace("mental health", topic), full=True, gap=6)
        sheet.at(LEFT, 788, "Knowledge and Library Services", size=9)
        sheet.new_page(header="Evidence Brief: Peer Support Workers", footer=f"Page {page} of 3")
    texts = sheet.texts()
    assert texts[:4] == [
        "Evidence Brief: Peer Support Workers",
        "Knowledge and Library Services",
        filler_text("mental health"),
        LONG + " " + filler_text("addiction"),
    ]
    assert texts.count("Knowledge and Library Services") == 3


def test_a_title_without_a_link_after_a_page_break_starts_a_paragraph() -> None:
    """A PDF printed again has no links: an abstract whose sentence ends a full line at
    a page's foot would run on into the title at the next page's head, but the title is
    the last line, within a title's length of the next reference's labels, after a
    full stop."""
    sentence = "Peer support workers use their own lived experience of services."
    sheet = filler(Sheet()).line(LONG, full=True, gap=6).line(sentence, full=True)
    sheet.new_page(header="Evidence Brief: Peer Support Workers", footer="2")
    sheet.line("Peer support in mental health services: a review. A systematic", full=True)
    sheet.line("review of trials Abstract only*")
    sheet.line("Author(s): Smith et al.").line("Source: Journal of Mental Health 28(3)")
    texts = [line.text for line in sheet.lines()]
    assert texts[texts.index(f"{LONG} {sentence}") + 1 :] == [
        "Peer support in mental health services: a review. A systematic review of trials "
        "Abstract only*",
        "Author(s): Smith et al.",
        "Source: Journal of Mental Health 28(3)",
    ]


def test_a_heading_alone_at_a_page_top_after_a_sentence_starts_a_paragraph() -> None:
    """A heading that the page break took its space above from: the abstract before it
    ended a sentence on a full line at the page's foot, and the heading, in the text's
    own font and size, is the one line of its paragraph at the next page's head. Not the
    abstract's last line, which would end a sentence too."""
    title = "Schwartz Rounds and staff wellbeing: a realist evaluation"
    sentence = "Peer support workers use their own lived experience of services."
    sheet = filler(Sheet()).line(LONG, full=True, gap=6).line(sentence, full=True)
    sheet.new_page(header="Evidence Brief: Peer Support Workers", footer="1")
    sheet.at(LEFT, 800, "Evidence Brief: Peer Support Workers", size=9)
    sheet.line("Schwartz Rounds").line(title, link=(title, "https://doi.org/10.5555/sr"))
    sheet.line("Author(s): Maben et al.")
    texts = sheet.texts()
    assert texts[texts.index(f"{LONG} {sentence}") + 1 :] == [
        "Evidence Brief: Peer Support Workers",
        "Schwartz Rounds",
        f"[{title}](https://doi.org/10.5555/sr)",
        "Author(s): Maben et al.",
    ]


def test_the_last_line_of_an_abstract_at_a_page_top_goes_on_with_it() -> None:
    sheet = filler(Sheet()).line(LONG, full=True, gap=6).line(LONG, full=True)
    sheet.new_page(header="Evidence Brief: Peer Support Workers", footer="1")
    sheet.at(LEFT, 800, "Evidence Brief: Peer Support Workers", size=9)
    sheet.line("Workers in their teams.").line("Author(s): Maben et al.", gap=6)
    texts = sheet.texts()
    assert f"{LONG} {LONG} Workers in their teams." in texts


def test_a_labels_value_goes_on_at_a_page_top_whatever_its_line_ended_with() -> None:
    title = "Apprenticeship standards: a guide"
    authors = "Author(s): NHS Employers and Health Education England."
    sheet = Sheet().line(title, link=(title, "https://example.org/guide"))
    filler(sheet.line("Source: NHS Employers", gap=6)).line(authors, full=True)
    sheet.new_page(header="Evidence Brief: Peer Support Workers", footer="1")
    sheet.at(LEFT, 800, "Evidence Brief: Peer Support Workers", size=9)
    sheet.line("Skills for Health").line(title, link=(title, "https://example.org/next"))
    assert f"{authors} Skills for Health" in sheet.texts()


def test_an_unlinked_title_after_a_bracketed_last_sentence_starts_a_paragraph() -> None:
    """Bibliographic databases end an abstract with a sentence in brackets (``(PsycInfo
    Database Record (c) 2019 APA, all rights reserved)``), no full stop after it: on a
    full last line, with no link to start the title (AbiWord writes none), the title ran
    into the abstract and the abstract's end into the title."""
    record = "A useful alternative. (PsycInfo Database Record (c) 2019 APA, all rights reserved)"
    sheet = filler(Sheet()).line(LONG, full=True, gap=6).line(record, full=True)
    sheet.line("Welcoming peer workers in NHS settings: facilitating readiness with an", full=True)
    sheet.line("Early Intervention in Psychosis team Abstract only*")
    sheet.line("Author(s): Proctor et al.").line("Source: Mental Health and Social Inclusion 11")
    texts = [line.text for line in sheet.lines()]
    assert texts[texts.index(f"{LONG} {record}") + 1 :] == [
        "Welcoming peer workers in NHS settings: facilitating readiness with an Early "
        "Intervention in Psychosis team Abstract only*",
        "Author(s): Proctor et al.",
        "Source: Mental Health and Social Inclusion 11",
    ]


def test_an_unlinked_title_after_prose_without_a_full_stop_starts_at_its_capital() -> None:
    """An abstract may end without a full stop (``… available on HEE Star``): on a full
    line, the lines before the next reference's labels run on for longer than any title,
    so the title ran into the prose; it starts at the last line that starts with a
    capital. After a gap, the same lines are two paragraphs already, and the title's own
    capitalised second line starts nothing."""
    prose = "The bulletin summarises a literature review available alongside it on HEE Star"
    title = ("Peer workers' perceptions and experiences of barriers to implementation of", "roles")
    labels = ("Author(s): Vanedwalle et al.", "Source: International Journal of Nursing Studies 60")
    sheet = filler(Sheet()).line(LONG, full=True, gap=6).line(LONG, full=True)
    sheet.line(prose, full=True).line(title[0], full=True).line(title[1])
    for label in labels:
        sheet.line(label)
    texts = [line.text for line in sheet.lines()]
    assert texts[-4:] == [f"{LONG} {LONG} {prose}", " ".join(title), *labels]
    capitalised = (
        "A review of the barriers met in mental health services in the",
        "United Kingdom",
    )
    sheet = filler(Sheet()).line(LONG, full=True, gap=6).line(LONG, full=True).line(prose)
    sheet.line(capitalised[0], full=True, gap=6).line(capitalised[1])
    for label in labels:
        sheet.line(label)
    texts = [line.text for line in sheet.lines()]
    assert texts[-4:] == [f"{LONG} {LONG} {prose}", " ".join(capitalised), *labels]


def test_a_page_number_in_a_running_header_is_dropped() -> None:
    sheet = Sheet()
    for page, topic in enumerate(("mental health", "addiction", "eating disorder"), start=1):
        sheet.at(LEFT, 800, f"Evidence Brief: Peer Support Workers {page}", size=9)
        filler(sheet, topic).new_page()
    texts = sheet.texts()
    assert texts.count("Evidence Brief: Peer Support Workers") == 3
    assert filler_text("addiction") in texts


def test_a_short_documents_title_repeated_atop_a_later_page_is_its_running_header() -> None:
    """Two pages repeat no header often enough to be found so; the second page opens with
    the words of the first page's title (wrapped there, in a larger size): a header, which
    a label's list of names goes on past."""
    sheet = Sheet().line("Evidence Brief: Peer", size=20).line("Support Workers", size=20)
    filler(sheet).line("Author: Halter, Mary, Wheeler, Carly, Pelone, Ferruccio, Gage,", full=True)
    sheet.new_page(footer="1").at(LEFT, 800, "Evidence Brief: Peer Support Workers", size=9)
    sheet.line("Heather and Smith, Jo").line("Publication Date: 2020")
    assert sheet.texts()[3:] == [
        "Author: Halter, Mary, Wheeler, Carly, Pelone, Ferruccio, Gage, Heather and Smith, Jo",
        "Evidence Brief: Peer Support Workers",
        "Publication Date: 2020",
    ]


@pytest.mark.parametrize("inside", [0, 3])
def test_lines_a_tagged_pdf_marks_as_artifacts_are_page_furniture(inside: int) -> None:
    """Word marks headers, footers and page numbers ``/Artifact``: however they look, and
    however many marked-content sequences (``inside``) the artifact's holds within it."""
    header = "Evidence Brief: Peer Support Workers, a header as wide as the text below it"
    sheet = Sheet()
    sheet.canvas._code.append("/Artifact << /Type /Pagination >> BDC")
    sheet.canvas._code.extend(["/Span << >> BDC"] * inside)
    sheet.line(header, full=True)
    sheet.at(LEFT, 60, "12")
    sheet.canvas._code.extend(["EMC"] * (inside + 1))
    filler(sheet)
    assert sheet.texts() == [header, FILLER]


def test_each_mark_around_the_text_is_read_once(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether an object is an artifact is asked of the marks around it, innermost first;
    the objects inside one sequence share its marks, so each is read once (each object
    read them all: n objects in n nested sequences cost n², 20,000 strings in 1,000
    sequences 80 s). (The pypdf backend reads the same text; it asks PDFium nothing.)"""
    import pypdfium2.raw as raw

    names = raw.FPDFPageObjMark_GetName
    read: list[object] = []

    def counted(*arguments: object) -> object:
        read.append(arguments[0])
        return names(*arguments)

    monkeypatch.setattr(raw, "FPDFPageObjMark_GetName", counted)
    header = "Evidence Brief: Peer Support Workers, a header as wide as the text below it"
    sheet = Sheet()
    sheet.canvas._code.extend(["/Artifact << /Type /Pagination >> BDC", "/Span << >> BDC"])
    sheet.line(header, full=True)
    sheet.canvas._code.extend(["EMC", "EMC"] + ["/Span << >> BDC"] * 40)
    filler(sheet)
    sheet.canvas._code.extend(["EMC"] * 40)
    assert sheet.texts() == [header, FILLER]
    assert len(read) <= 2 + 40 if backend == "pdfium" else read == []


def test_every_physical_line_is_numbered() -> None:
    found = filler(Sheet()).line("Source: NHS England", gap=6).lines()
    assert [(line.number, line.source_lines, line.page) for line in found] == [
        (1, (1, 2, 3, 4), 1),
        (5, (5,), 1),
    ]


def test_no_line_is_blank_or_padded() -> None:
    texts = filler(Sheet()).line("  Spaced   words  ", gap=6).texts()
    assert texts[1] == "Spaced words"
    assert all(text == text.strip() and "  " not in text for text in texts)
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f]", text) for text in texts)


# -- TeX's ways -----------------------------------------------------------------------------


def test_a_ligature_ends_where_its_glyph_does() -> None:
    """A ligature glyph (ﬁ) stands for two letters and is wider than the last of them:
    a word that goes on in a new text object right after it (Ghostscript's output) is one
    word, not ``defi ned``."""
    pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts/Vera.ttf")))
    sheet = filler(Sheet())
    start = "Job roles were poorly de\ufb01"
    sheet.canvas.setFont("Vera", 10)
    sheet.canvas.drawString(LEFT, 600, start)
    sheet.canvas.drawString(LEFT + sheet.canvas.stringWidth(start, "Vera", 10), 600, "ned.")
    assert sheet.texts()[1] == "Job roles were poorly defined."


# Ghostscript 10.0's map of a ligature glyph (ffi, ff, fi) to its letters, as it rewrites
# a PDF: UTF-16 code units little-endian, and the last two of three summed.
_GHOSTSCRIPT_LIGATURES = {
    b"<FB03>": b"<6600CF00>",
    b"<FB00>": b"<66006600>",
    b"<FB01>": b"<66006900>",
}


def _maps_rewritten(data: bytes, replacements: dict[bytes, bytes]) -> bytes:
    """``data`` with each font's map to Unicode edited by ``replacements``."""

    def replaced(text: bytes) -> bytes:
        for old, new in replacements.items():
            text = text.replace(old, new)
        return text

    return _maps_edited(data, replaced)


def _maps_edited(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """``data`` with each font's map to Unicode (of its first page) made ``edit`` of it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    resources = writer.pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    for reference in fonts.values():
        font = reference.get_object()
        if "/ToUnicode" in font:
            stream = font["/ToUnicode"].get_object()
            stream.set_data(edit(stream.get_data()))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_ligatures_whose_map_ghostscript_wrote_little_endian_read_as_their_letters() -> None:
    """``gs -sDEVICE=pdfwrite`` (10.0) rewrites a ligature's map as ``<66006900>`` for fi:
    read as the CJK ideographs U+6600 U+6900 (``sta昀昀``), the words were lost."""
    # (the reportlab fixtures' font: Vera, reportlab's own, has no ffi)
    pdfmetrics.registerFont(TTFont("DejaVu", str(make_reportlab_pdf.FONT_DIR / "DejaVuSans.ttf")))
    sheet = filler(Sheet())
    sheet.canvas.setFont("DejaVu", 10)
    sheet.canvas.drawString(LEFT, 600, "The o\ufb03ce sta\ufb00 trained \ufb01rst aiders.")
    lines = pdf_lines(_maps_rewritten(sheet.pdf(), _GHOSTSCRIPT_LIGATURES), "sheet.pdf")
    assert lines[1].text == "The office staff trained first aiders."


def test_a_word_gap_drawn_as_a_glyph_mapped_to_a_tab_is_a_space() -> None:
    """Qt (wkhtmltopdf) maps its space glyph to U+0009; as Ghostscript rewrites such a PDF,
    each word gap is that glyph drawn: dropped as a control character, the words ran
    together (``NHShealthandwellbeing``)."""
    pdfmetrics.registerFont(TTFont("DejaVu", str(make_reportlab_pdf.FONT_DIR / "DejaVuSans.ttf")))
    sheet = filler(Sheet())
    sheet.canvas.setFont("DejaVu", 10)
    sheet.canvas.drawString(LEFT, 600, "NHS health and wellbeing framework")
    lines = pdf_lines(_maps_rewritten(sheet.pdf(), {b"<20> <0020>": b"<20> <0009>"}), "sheet.pdf")
    assert lines[1].text == "NHS health and wellbeing framework"


# A reportlab subset's codes below 32, where it puts the characters beyond ASCII, mapped
# each to itself: ``mutool convert`` (MuPDF 1.21) writes such maps for the fonts it redraws.
_LOW_CODE = re.compile(rb"<([01][0-9A-Fa-f])> <[0-9A-Fa-f]{4}>")


def _low_codes_mapped_to_themselves(data: bytes) -> bytes:
    return _maps_edited(data, lambda text: _LOW_CODE.sub(rb"<\1> <00\1>", text))


def test_glyphs_a_font_maps_to_control_characters_are_reported_as_lost() -> None:
    """The dash is not in the file: left out, its title is wrong (``2019/20 2023/24``),
    too few such glyphs for a cipher to refuse; so how many, and where, is reported, which
    fails a check."""
    pdfmetrics.registerFont(TTFont("DejaVu", str(make_reportlab_pdf.FONT_DIR / "DejaVuSans.ttf")))
    sheet = filler(Sheet())
    sheet.canvas.setFont("DejaVu", 10)
    sheet.canvas.drawString(LEFT, 600, "Implementation Plan 2019/20 \u2013 2023/24")
    data = _low_codes_mapped_to_themselves(sheet.pdf())
    lines = pdf_lines(data, "sheet.pdf")
    assert [(line.text, line.page, line.set_aside) for line in lines] == [
        (
            "1 glyph left out on page 1: its font maps it to a control character, not to the "
            "character it draws",
            1,
            Reason.UNDECODABLE_GLYPHS,
        ),
        (FILLER, 1, None),
        ("Implementation Plan 2019/20 2023/24", 1, None),
    ]
    assert not Reason.UNDECODABLE_GLYPHS.explained


_BEYOND_ASCII = "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u00a3\u00a9\u00e9\u03b7\u00b3"


@settings(max_examples=25)
@given(
    words=st.lists(
        st.text(st.sampled_from(f"abcXYZ09{_BEYOND_ASCII}"), min_size=1, max_size=6),
        min_size=1,
        max_size=6,
    )
)
def test_a_character_lost_to_a_control_character_is_never_lost_silently(
    words: list[str],
) -> None:
    """Whichever characters beyond ASCII a line has, once their map gives control
    characters (reportlab numbers them from 1 in the order they come, so the first is
    U+0001), the text read holds none (a TAB is a gap), and the loss is reported."""
    pdfmetrics.registerFont(TTFont("DejaVu", str(make_reportlab_pdf.FONT_DIR / "DejaVuSans.ttf")))
    sheet = filler(Sheet())
    sheet.canvas.setFont("DejaVu", 10)
    drawn = " ".join(words)
    sheet.canvas.drawString(LEFT, 600, drawn)
    data = _low_codes_mapped_to_themselves(sheet.pdf())
    lines = pdf_lines(data, "sheet.pdf")
    reported = [line.set_aside for line in lines if line.set_aside]
    assert reported == ([Reason.UNDECODABLE_GLYPHS] if not drawn.isascii() else [])
    assert all(line.text.replace("\t", " ").isprintable() for line in lines)


@pytest.mark.parametrize(
    ("producer", "garbles"),
    [
        ("GPL Ghostscript 10.00.0", True),
        ("Artifex Ghostscript 10.01.2", True),
        ("GPL Ghostscript 9.56.1", True),
        ("GPL Ghostscript 9.55.0", False),  # (its legacy interpreter reads the maps right)
        ("GPL Ghostscript 10.02.1", False),
        ("GPL Ghostscript 10.00.0 (converted by a later tool)", True),
        ("Microsoft® Word for Microsoft 365", False),
    ],
)
def test_a_pdf_rewritten_by_a_ghostscript_that_garbles_maps_fails_a_check(
    producer: str, garbles: bool
) -> None:
    """Ghostscript 10.00 rewrote a range of a composite font's map to Unicode beyond
    Latin-1 as the sum of its bytes (“ as ``<``, ’ as ``9``); nothing in the PDF tells
    which characters, so the PDF's producer is reported, which fails a check, and the text
    is read as it stands."""
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))  # a composite (Type0) font
    sheet = filler(Sheet())
    sheet.canvas.setProducer(producer)
    sheet.canvas.setFont("HeiseiMin-W3", 10)
    sheet.canvas.drawString(LEFT, 600, "Peer support workers")
    lines = sheet.lines()
    noted = [(line.text, line.page, line.set_aside) for line in lines if line.set_aside]
    assert noted == ([(producer, 1, Reason.GARBLING_PRODUCER)] if garbles else [])
    assert [line.text for line in lines if not line.set_aside] == [FILLER, "Peer support workers"]


@pytest.mark.parametrize(
    ("producer", "creator", "noted"),
    [
        ("Tesseract 5.3.0", "", "Tesseract 5.3.0"),
        ("pikepdf 8.15.1", "ocrmypdf 16.0.0 / Tesseract OCR-hOCR 5.3.0",
         "ocrmypdf 16.0.0 / Tesseract OCR-hOCR 5.3.0"),
        ("ABBYY FineReader PDF 15", "", "ABBYY FineReader PDF 15"),
        ("Adobe Acrobat Pro DC 15.0 Paper Capture Plug-in", "", "Adobe Acrobat Pro DC 15.0 "
         "Paper Capture Plug-in"),
        ("Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365",
         "text drawn invisibly over the pages (an OCR layer; its program unnamed)"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_pdf_whose_text_an_ocr_program_made_fails_a_check(
    producer: str, creator: str, noted: str, backend: str
) -> None:
    """An OCR'd scan's misread characters read like any others: its text layer, drawn
    invisibly over the page images, is reported with the OCR program's name (which fails a
    check), or as unnamed, and the text is read as it stands."""
    sheet = filler(Sheet(render_mode=3))
    sheet.canvas.setProducer(producer)
    sheet.canvas.setCreator(creator)
    sheet.line("Peer support workers", gap=20)
    lines = sheet.lines(backend=backend)
    reported = [(line.text, line.page, line.set_aside) for line in lines if line.set_aside]
    assert reported == [(noted, 1, Reason.OCR_TEXT)]
    assert [line.text for line in lines if not line.set_aside] == [FILLER, "Peer support workers"]
    assert not Reason.OCR_TEXT.explained


@pytest.mark.parametrize(
    ("producer", "creator", "render_mode"),
    [
        # ocrmypdf --skip-text: a born-digital page left as it was, the creator renamed.
        ("pikepdf 10.18.0", "OCRmyPDF 17.13.0 / OCRmyPDF fpdf2 + Tesseract OCR 5.3.0", 0),
        ("Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365", 0),
        ("Adobe PDF Library 15.0", "Adobe InDesign 16.0 (Windows)", 0),
        ("Adobe PDF Library 15.0", "Adobe InDesign 16.0 (Windows)", 2),  # fill and stroke
    ],
)  # fmt: skip
@pytest.mark.parametrize("backend", BACKENDS)
def test_visible_text_is_no_ocr_layer_whatever_program_is_named(
    producer: str, creator: str, render_mode: int, backend: str
) -> None:
    sheet = filler(Sheet(render_mode=render_mode))
    sheet.canvas.setProducer(producer)
    sheet.canvas.setCreator(creator)
    lines = sheet.line("Peer support workers", gap=20).lines(backend=backend)
    assert [line.set_aside for line in lines] == [None, None]


def test_a_few_invisible_words_unnamed_are_no_ocr_layer() -> None:
    """A word or two drawn invisibly (a search term a producer hides) by no OCR program."""
    sheet = filler(Sheet())
    sheet.render_mode = 3
    lines = sheet.line("Peer support", gap=20).lines()
    assert [line.set_aside for line in lines] == [None, None]


def test_tesseracts_text_layer_is_reported_where_no_producer_names_it() -> None:
    """Tesseract's PDF (``tesseract page.png out pdf`` of three words, 200 dpi) merged by
    ``pdfunite``, which keeps no document information: its font tells the OCR program."""
    data = (Path(__file__).parent / "fixtures" / "ocr-tesseract-merged.pdf").read_bytes()
    lines = pdf_lines(data, "scan.pdf")
    assert [(line.text, line.set_aside) for line in lines] == [
        ("Tesseract (its font, GlyphLessFont)", Reason.OCR_TEXT),
        ("Peer support workers", None),
    ]


def test_a_pdf_ghostscript_made_of_postscript_is_not_reported() -> None:
    """What Ghostscript makes of PostScript (ps2pdf, groff, a2ps) has simple fonts, whose
    maps it writes itself from glyph names: they are right."""
    sheet = filler(Sheet())
    sheet.canvas.setProducer("GPL Ghostscript 10.00.0")
    assert [line.set_aside for line in sheet.lines()] == [None]


def test_ideographs_that_are_no_ligature_stay() -> None:
    """Such ideographs beside other CJK text, or one alone, are that text's own."""
    runs = [
        Run(
            text,
            [float(index) for index in range(len(text))],
            [index + 1.0 for index in range(len(text))],
            700.0,
            10.0,
            False,
        )
        for text in ("\u738b\u6600\u6c00", "\u6600 \u6900", "\u6600\u6c00\uc774")
    ]
    assert [run.text for run in page_runs(runs, None)] == [
        "\u738b\u6600\u6c00",
        "\u6600 \u6900",
        "\u6600\u6c00\uc774",
    ]


def test_a_word_space_drawn_as_a_move_inside_one_tj_is_a_space() -> None:
    """TeX draws no space glyph: a word gap is a number in the TJ array, as is kerning."""
    sheet = filler(Sheet())
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas._code.append("BT /F1 10 Tf 72 600 Td [(Peer)-333(sup)-20(port)28(ed)] TJ ET")
    assert sheet.texts()[1] == "Peer supported"


@pytest.mark.parametrize(("ems", "read"), [(0.13, "UKCPA Annual"), (0.10, "UKCPAAnnual")])
@pytest.mark.parametrize("drawn", ["apart", "in one TJ"])
def test_a_word_space_kerned_narrow_is_a_space_and_a_kern_is_not(
    ems: float, read: str, drawn: str
) -> None:
    """Chromium kerns the word space between two capitals narrow (``UKCPA Annual``:
    0.139 em): a gap from 0.12 em is a space, whether the words are drawn apart or as a
    move inside one ``TJ``; a narrower one (0.10 em, about pdftotext's measure) is a kern
    inside a word."""
    sheet = filler(Sheet())
    sheet.canvas.setFont("Helvetica", 10)
    if drawn == "apart":
        sheet.at(LEFT, 600, "UKCPA")
        sheet.at(
            LEFT + sheet.canvas.stringWidth("UKCPA", "Helvetica", 10) + ems * 10, 600, "Annual"
        )
    else:
        sheet.canvas._code.append(
            f"BT /F1 10 Tf 72 600 Td [(UKCPA)-{ems * 1000:.0f}(Annual)] TJ ET"
        )
    assert sheet.texts()[1] == read


def test_letter_spaced_text_with_word_moves_keeps_its_words_whole() -> None:
    """Character spacing (``Tc``) widens every gap between letters; only the moves between
    words beyond it are word spaces."""
    sheet = filler(Sheet())
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas._code.append(
        "BT /F1 10 Tf 2 Tc 72 600 Td [(Peer)-400(support)-400(workers)] TJ ET"
    )
    assert sheet.texts()[1] == "Peer support workers"


def test_a_word_space_drawn_as_character_spacing_between_two_glyphs_is_a_space() -> None:
    """Ghostscript's pdfwrite (ps2pdf, groff's pdfroff, printing to PDF through CUPS)
    draws some word gaps as the character spacing of a string of two glyphs, the last
    letter of one word and the first of the next; a single gap is no letter spacing."""
    sheet = filler(Sheet())
    sheet.canvas.setFont("Helvetica", 10)
    head, pair = "Source: Centr", "ef"
    pair_advance = sheet.canvas.stringWidth(pair, "Helvetica", 10) + 2 * 2.5
    sheet.canvas._code.append(
        f"BT /F1 10 Tf 72 600 Td ({head}) Tj"
        f" {sheet.canvas.stringWidth(head, 'Helvetica', 10):.3f} 0 Td 2.5 Tc ({pair}) Tj"
        f" 0 Tc {pair_advance - 2.5:.3f} 0 Td (or Mental Health) Tj ET"
    )
    assert sheet.texts()[1] == "Source: Centre for Mental Health"


@pytest.mark.parametrize("slant", [0.21, -0.21])
def test_slanted_text_on_a_level_baseline_is_read(slant: float) -> None:
    """A text matrix that shears the glyphs but keeps the baseline level is a synthetic
    italic (groff slants its Symbol font so for Greek letters; word processors so
    italicise a font without an italic face): the text stands on its line, not at an
    angle."""
    sheet = filler(Sheet())
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas._code.append(
        f"BT /F1 10 Tf 72 600 Td (Effect size ) Tj 1 0 {slant} 1 120.91 600 Tm (eta) Tj"
        " 1 0 0 1 134.81 600 Tm (=.24 in the study.) Tj ET"
    )
    assert sheet.texts()[1] == "Effect size eta=.24 in the study."


def test_a_link_drawn_with_a_margin_leaves_the_full_stop_after_it_out() -> None:
    """pdfTeX draws a link's rectangle 1pt clear of its text (``\\pdflinkmargin``)."""
    sheet = filler(Sheet())
    text, covered = "Search for it in the Star.", "the Star"
    sheet.line(text, gap=6)
    x0 = LEFT + sheet.canvas.stringWidth(text[: text.index(covered)], "Helvetica", 10)
    x1 = x0 + sheet.canvas.stringWidth(covered, "Helvetica", 10)
    sheet.canvas.linkURL("https://example.org/star", (x0 - 1, sheet.y - 3, x1 + 1, sheet.y + 11))
    assert sheet.texts()[1] == "Search for it in [the Star](https://example.org/star)."


def test_a_document_that_hyphenates_words_has_its_fragments_mended() -> None:
    """Where most line-end hyphens split words the document spells whole elsewhere, a
    split word spelled nowhere else is mended too, but not two of its words joined."""
    sheet = filler(Sheet()).line("Staff were recruited, trained, supported: low income.", gap=6)
    for first, second in (("recrui-", "ted early"), ("trai-", "ned well"), ("sup-", "ported")):
        sheet.line(f"All were {first}", full=True, gap=6).line(second + ".")
    sheet.line("They came from low-", full=True, gap=6).line("income areas to support teams.")
    sheet.line("They were occu-", full=True, gap=6).line("pied all day.")
    texts = sheet.texts()
    assert "All were recruited early." in texts
    assert "They came from low-income areas to support teams." in texts
    assert "They were occupied all day." in texts


def test_a_document_that_does_not_hyphenate_keeps_a_hyphen_it_cannot_explain() -> None:
    sheet = filler(Sheet()).line("They were occu-", full=True, gap=6).line("pied all day.")
    assert sheet.texts()[1] == "They were occu-pied all day."


def test_a_running_header_under_a_link_carries_no_link() -> None:
    """pdfTeX draws the rest of a link broken over a page across the next page's header."""
    sheet = Sheet()
    for topic in ("mental health", "addiction", "eating disorder"):
        filler(sheet, topic)
        sheet.canvas.linkURL("https://example.org/t", (LEFT - 1, 795, 400, 810), relative=0)
        sheet.new_page(header="Evidence Brief: Peer Support Workers")
    assert sheet.texts().count("Evidence Brief: Peer Support Workers") == 3


def test_a_dash_and_a_word_space_drawn_as_a_move_are_no_bullet() -> None:
    """XeTeX draws a title's ``– 2021`` in one TJ, the word space a move. PDFium infers a
    space there, at the next glyph's left: it must span the gap, as the pypdf backend
    has it, not share the digit's width and widen the gap after the dash to a bullet's."""
    sheet = filler(Sheet())
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas._code.append("BT /F1 10 Tf 72 600 Td [(\\226) -300 (2021)] TJ ET")
    assert sheet.texts()[1] == "\N{EN DASH} 2021"


def test_a_link_a_sentence_runs_into_at_a_line_start_is_no_title() -> None:
    """A link in an abstract that the wrap set at a line's start (a narrow column) started
    a paragraph: it became a reference of its own, and the abstract stopped before it."""
    sheet = filler(Sheet())
    sheet.line("Peer self-disclosure was coded in sessions using the", full=True)
    sheet.line(
        "Roter Interaction Analysis System (RIAS). It was",
        full=True,
        link=("Roter Interaction Analysis System", "https://example.org/rias"),
    )
    sheet.line("defined as a statement of personal experience.")
    assert sheet.texts()[1:] == [
        "Peer self-disclosure was coded in sessions using the "
        "[Roter Interaction Analysis System](https://example.org/rias) (RIAS). It was "
        "defined as a statement of personal experience."
    ]


@pytest.mark.parametrize("after", ["", " Abstract only*"])
def test_a_title_link_after_a_full_line_ending_mid_sentence_starts_a_paragraph(after: str) -> None:
    sheet = filler(Sheet())
    sheet.line("An abstract whose last line happens to reach the right margin", full=True)
    title = "Challenges faced by peer support workers"
    sheet.line(title + after, link=(title, "https://doi.org/10.5555/a"))
    assert sheet.texts()[1:] == [
        "An abstract whose last line happens to reach the right margin",
        f"[{title}](https://doi.org/10.5555/a){after}",
    ]


def test_a_title_linked_only_up_to_a_page_break_is_read_whole() -> None:
    """A producer that links only the first piece of a title broken over a page or a
    column (Chromium, in columns) left the rest on the title line after the link, where
    it was taken for the access note."""
    sheet = filler(Sheet())
    sheet.line(
        "Challenges faced by peer support workers in",
        full=True,
        link=("Challenges faced by peer support workers in", "https://doi.org/10.5555/a"),
    )
    sheet.new_page(header="Evidence Brief: Peer Support Workers")
    sheet.line("integrated care settings Abstract only*")
    sheet.line("Author(s): Otte et al.")
    sheet.new_page(header="Evidence Brief: Peer Support Workers")
    (entry,) = peerbrief.read(sheet.pdf()).entries
    assert entry.title == "Challenges faced by peer support workers in integrated care settings"
    assert (entry.doi, entry.access) == ("10.5555/a", "Abstract only")


def test_a_link_ending_a_sentence_on_a_line_of_its_own_is_no_title() -> None:
    """A section's prose whose last words, a link, wrapped onto a line of their own after a
    line that ended on ``in``: the link became a reference of its own, and every field of
    the next reference shifted."""
    sheet = filler(Sheet())
    sheet.line('More resources and tools are available by searching "Peer Support" in', full=True)
    sheet.line("the Star", link=("the Star", "https://example.org/star"))
    sheet.line("A heading", font="Helvetica-Bold", size=14, gap=8)
    assert sheet.texts()[1:] == [
        'More resources and tools are available by searching "Peer Support" in '
        "[the Star](https://example.org/star)",
        "A heading",
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Challenges faced by peer support workers in hospital-based", "mental health teams"),
        ("Challenges faced by peer support workers in hospital-based mental", "health teams"),
        ("Challenges faced by peer support workers, their managers,", "Mental Health Teams"),
        ("Challenges faced by peer support workers in hospital-based mental health-", "care teams"),
    ],
)
def test_a_title_linked_on_its_last_line_only_is_read_whole_with_its_link(
    first: str, second: str
) -> None:
    """A PDF that linked only a title's last line: that line started a reference of its
    own, and the title's first line went into the abstract above."""
    sheet = filler(Sheet())
    sheet.line(first, full=True, gap=6)
    sheet.line(f"{second} Abstract only*", link=(second, "https://doi.org/10.5555/a"))
    sheet.line("Author(s): Otte et al.")
    sheet.new_page()
    entry = peerbrief.read(sheet.pdf()).entries[-1]
    joiner = "" if first.endswith("-") else " "
    assert (entry.title, entry.doi) == (f"{first}{joiner}{second}", "10.5555/a")


def test_a_number_alone_after_a_full_line_ending_a_sentence_is_no_part_of_it() -> None:
    """A stray page number of the brief's text at a column's top went on the sentence
    that filled the column's last line (``… were included. 12``), with nothing reported."""
    sheet = filler(Sheet())
    sheet.line("Methods: Nineteen studies were included in the review of burnout.", full=True)
    sheet.line("12").line("Results: burnout was reduced in most of the studies.")
    assert sheet.texts()[1:] == [
        "Methods: Nineteen studies were included in the review of burnout.",
        "12",
        "Results: burnout was reduced in most of the studies.",
    ]


def _letter_spaced(sheet: Sheet, y: float, text: str, size: float = 14) -> Sheet:
    """Draw ``text`` a glyph at a time, as Chromium draws CSS ``letter-spacing: 0.25em``:
    a quarter em after every glyph, the space's own advance included."""
    x = LEFT
    for char in text:
        if char != " ":
            sheet.at(x, y, char, size=size)
        x += sheet.canvas.stringWidth(char, "Helvetica", size) + 0.25 * size
    return sheet


def test_letter_spaced_text_drawn_a_glyph_at_a_time_reads_as_its_words() -> None:
    """Each gap of letter-spaced text is as wide as a word space: each glyph was read as a
    word (``C o n t e n t s``), so the brief's Contents and headings were lost."""
    sheet = _letter_spaced(Sheet(), 700, "Contents")
    _letter_spaced(sheet, 670, "Evidence Brief: Peer Support")
    sheet.at(LEFT, 640, "x = y + z", size=14)
    # (One paragraph: three lines tell no line spacing.)
    assert sheet.texts() == ["Contents Evidence Brief: Peer Support x = y + z"]


def _glyph_run(text: str, widths: list[float], left: float, y: float = 700.0) -> Run:
    """A run of 10 pt glyphs ``widths`` wide, from ``left`` (a negative width: drawn
    back over the glyph before, as an overstruck accent is)."""
    lefts, rights, x = [], [], left
    for width in widths:
        start = x if width >= 0 else x + width
        lefts.append(start)
        rights.append(start + abs(width))
        x = start + abs(width) if width >= 0 else x
    return Run(text, lefts, rights, y, 10.0, False)


def test_an_accent_groff_overstrikes_after_its_letter_is_on_that_letter() -> None:
    """groff sets a letter its font lacks (ş, ğ) as the letter, then the spacing accent
    moved back over it: in one run (``Ays¸e``), or raised a tenth of a point, a run of
    its own between the letter's run and the rest (``Dog`` ``˘`` ``an``). Read as drawn,
    the author line ``Ays¸e Dog˘an`` was not understood. An accent typed apart stays."""
    runs = [
        _glyph_run("Ays¸e Dog", [6.7, 5.0, 4.3, -4.0, 5.0, 2.8, 7.2, 5.6, 5.6], 72.0),
        _glyph_run("˘", [3.6], 110.0, 700.1),
        _glyph_run("an and Children´s", [5.0] * 17, 114.2),
    ]
    assert [run.text for run in page_runs(runs, None)] == [
        "Ayşe Doğ",
        "an and Children´s",
    ]
