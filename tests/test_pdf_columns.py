"""Text set side by side is read column by column: the sample brief typeset by reportlab
in two columns, and beside a sidebar repeated on every page, gives the entries of the
same text set in one column as wide (through both backends)."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures import make_chromium_pdf, make_pdftex_pdf, make_reportlab_pdf, pdf_samples
from fixtures.accuracy import FIELDS
from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

import peerbrief
from peerbrief.pdf import BACKENDS, pdf_lines


def _entries(pdf: Path, backend: str) -> tuple[peerbrief.Entry, ...]:
    brief = peerbrief.parse_lines(pdf_lines(pdf.read_bytes(), pdf.name, backend=backend), pdf.name)
    assert brief.unexplained == ()
    return brief.entries


@pytest.fixture(scope="module")
def typeset(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("layouts")
    return {
        layout: make_reportlab_pdf.build(work / f"{layout}.pdf", layout=layout)
        for layout in ("columns", "column", "sidebar", "beside")
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_sidebar_on_every_page_stays_out_of_the_text(
    typeset: dict[str, Path], backend: str
) -> None:
    beside = _entries(typeset["sidebar"], backend)
    alone = _entries(typeset["beside"], backend)
    assert len(beside) == len(alone) > 100
    for with_sidebar, without in zip(beside, alone, strict=True):
        for name in FIELDS:
            assert getattr(with_sidebar, name) == getattr(without, name), (name, without.title)


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_columns_are_read_one_after_the_other(typeset: dict[str, Path], backend: str) -> None:
    columns = _entries(typeset["columns"], backend)
    column = _entries(typeset["column"], backend)
    assert len(columns) == len(column) > 100
    for in_two, in_one in zip(columns, column, strict=True):
        for name in FIELDS:
            if name != "abstract":
                assert getattr(in_two, name) == getattr(in_one, name), (name, in_one.title)
        # A heading at the top of a column after an abstract's full last line goes on
        # the abstract, as at a page break (no gap tells them apart): never less.
        assert (in_two.abstract or "").startswith(in_one.abstract or ""), in_one.title


def _page(rows: list[tuple[str, str]], *, right: float, footer: str = "") -> bytes:
    """One page of 10 pt lines on shared baselines: each row's left text at the left
    margin, its right text at ``right``; ``footer`` at the bottom left."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    for number, (left, beside) in enumerate(rows):
        y = 760 - 12.5 * number
        canvas.drawString(72, y, left)
        canvas.drawString(right, y, beside)
    canvas.drawString(72, 60, footer)
    canvas.save()
    return buffer.getvalue()


LONG = "Peer support workers use their own lived experience of mental health problems to"
LEFT_COLUMN = [
    "Peer support workers use their own lived",
    "experience of mental health problems to",
    "support others who are going through",
    "similar difficulties in their recovery.",
]
RIGHT_COLUMN = [
    "Services that employ peer workers report",
    "better engagement of the people they see",
    "and a culture that is more focused on",
    "recovery than on symptoms alone.",
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_columns_on_shared_baselines_are_read_one_after_the_other(backend: str) -> None:
    pdf = _page(list(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)), right=320)
    texts = [line.text for line in pdf_lines(pdf, "columns.pdf", backend=backend)]
    assert texts == [" ".join(LEFT_COLUMN + RIGHT_COLUMN)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_word_overflowing_into_the_gutter_does_not_end_the_columns(backend: str) -> None:
    """Chromium cannot break a long web address in a narrow CSS column: it runs on into
    the gutter, leaving less of it than a gutter's width before the next column. The
    columns go on past that line (they were read line by line across the page when the
    line cut the block of columns into two, each too short to count)."""
    address = "https://www.example.org/services/peer-support"
    overflow = stringWidth(address, "Helvetica", 10)
    widest = max(stringWidth(line, "Helvetica", 10) for line in LEFT_COLUMN)
    right = 72 + overflow + 4  # 0.4 em of the 2 em gutter beside the other lines left
    assert widest + 20 < right
    left = [*LEFT_COLUMN[:2], address, *LEFT_COLUMN[2:]]
    beside = [*RIGHT_COLUMN[:3], "recovery than on symptoms alone in the", "services surveyed."]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    for x, column in ((72, left), (right, beside)):  # a column at a time, as browsers draw
        for number, line in enumerate(column):
            canvas.drawString(x, 760 - 12.5 * number, line)
    canvas.save()
    texts = [line.text for line in pdf_lines(buffer.getvalue(), "columns.pdf", backend=backend)]
    assert texts == [" ".join(left + beside)]


@pytest.mark.parametrize(
    ("lines", "size", "gap"),
    [
        # The gutter beside a 15 pt heading is one for the 10 pt text around it (0.8 of
        # its ems), though narrower than an em of the heading's: the heading and the next
        # column's first line were read as one line, the heading lost into an abstract.
        (("Workforce redesign for", "peer roles"), 15, 12.0),
        # LaTeX's gutter is an em of the 10 pt text; a 17 pt title's last glyph (pdfTeX's
        # ff ligature, as PDFium boxes it) reached 1.2 pt into it, and the title's line
        # and the next column's first line (an ``Author(s):`` label) were read as one.
        (("Evidence Brief: Staff", "Wellbeing"), 17, 8.8),
    ],
)
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_larger_line_atop_a_column_keeps_the_gutter_beside_it(
    lines: tuple[str, str], size: float, gap: float, backend: str
) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    right = 72 + canvas.stringWidth(lines[0], "Helvetica-Bold", size) + gap
    canvas.setFont("Helvetica-Bold", size)
    canvas.drawString(72, 760, lines[0])
    canvas.drawString(72, 760 - 1.2 * size, lines[1])
    canvas.setFont("Helvetica", 10)
    top = 760 - 2.5 * size
    for number, (left, beside) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
        canvas.drawString(72, top - 12.5 * number, left[:30])
        canvas.drawString(right, 760 - 12.5 * number, beside)
    canvas.save()
    texts = [line.text for line in pdf_lines(buffer.getvalue(), "columns.pdf", backend=backend)]
    cut = [line[:30].strip() for line in LEFT_COLUMN]
    assert texts == [" ".join(lines), " ".join(cut + RIGHT_COLUMN)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_columns_an_em_apart_are_columns(backend: str) -> None:
    """LaTeX's two columns stand 10 pt apart (\\columnsep), an em of 10 pt text: read as
    one line each, every line of a brief set so was mixed with its neighbour's."""
    widest = max(stringWidth(line, "Helvetica", 10) for line in LEFT_COLUMN)
    pdf = _page(list(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)), right=72 + widest + 10)
    texts = [line.text for line in pdf_lines(pdf, "columns.pdf", backend=backend)]
    assert texts == [" ".join(LEFT_COLUMN + RIGHT_COLUMN)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_page_number_under_the_first_column_is_still_the_pages(backend: str) -> None:
    pdf = _page(list(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)), right=320, footer="7")
    texts = [line.text for line in pdf_lines(pdf, "columns.pdf", backend=backend)]
    assert texts == [" ".join(LEFT_COLUMN + RIGHT_COLUMN)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_page_numbers_at_a_tab_stop_are_no_column(backend: str) -> None:
    rows = [(heading, str(page)) for page, heading in enumerate(LEFT_COLUMN, start=3)]
    pdf = _page(rows, right=480)
    texts = [line.text for line in pdf_lines(pdf, "contents.pdf", backend=backend)]
    assert texts == [f"{heading}\t{page}" for heading, page in rows]


def _two_up(pdf: Path, out: Path) -> Path:
    """``pdf`` printed as a 2-up handout (``pdfjam --nup 2x1``): each pair of pages shrunk
    side by side on one landscape sheet, links dropped as such tools drop them."""
    pages = PdfReader(pdf).pages
    writer = PdfWriter()
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    scale = 0.7  # two A4 pages side by side on an A4 sheet turned landscape
    for first in range(0, len(pages), 2):
        sheet = writer.add_blank_page(height, width)
        for slot, page in enumerate(pages[first : first + 2]):
            place = Transformation().scale(scale).translate(slot * height / 2 + 10, 20)
            sheet.merge_transformed_page(page, place)
    writer.write(out)
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_two_up_handout_reads_as_its_pages(
    typeset: dict[str, Path], tmp_path: Path, backend: str
) -> None:
    """Two pages side by side on a sheet are two columns, each with its own running
    header and page number: the handout gives the works of the pages, read one by one."""
    handout = _entries(_two_up(typeset["column"], tmp_path / "2up.pdf"), backend)
    column = _entries(typeset["column"], backend)
    assert [entry.title for entry in handout] == [entry.title for entry in column]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_last_page_whose_text_stops_in_the_first_column_keeps_its_paragraphs(
    backend: str,
) -> None:
    """That page shows no gutter: measured against the page's margin, each of its lines
    seemed to end a paragraph, and a wrapped heading broke in two."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    for number in range(40):
        y = 760 - 12.5 * number
        canvas.drawString(72, y, LEFT_COLUMN[number % 4])
        canvas.drawString(320, y, RIGHT_COLUMN[number % 4])
    canvas.showPage()
    canvas.setFont("Helvetica", 10)
    last = [  # wrapped at the first column's measure
        "Workers in these roles draw on what",
        "they have lived through to offer hope",
        "and a practical example of recovery to",
        "people who use the service and to the",
        "teams that work with them.",
    ]
    for number, line in enumerate(last):
        canvas.drawString(72, 760 - 12.5 * number, line)
    canvas.save()
    texts = [line.text for line in pdf_lines(buffer.getvalue(), "columns.pdf", backend=backend)]
    assert texts[-1].endswith(" ".join(last))


# Real producers setting the sample in columns: (builder, columns, its program).
_IN_COLUMNS: dict[str, tuple[Callable[..., Path], int, str]] = {
    "chromium": (make_chromium_pdf.build, 3, "chromium"),
    "pdftex": (make_pdftex_pdf.build, 2, "pdflatex"),
}


def _unhyphenated(text: str | None) -> str | None:
    return None if text is None else re.sub(r"[\s-]", "", text)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("producer", list(_IN_COLUMNS))
def test_the_sample_set_in_columns_by_a_real_producer_reads_as_in_one(
    producer: str, backend: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Chromium's three columns 0.8 cm apart, and LaTeX's two an em apart: every entry as
    the same producer's one-column PDF gives it, nothing not understood. pdfLaTeX
    hyphenates many more words in its narrow columns, and a line-end hyphen it added
    cannot always be told from a word's own without a dictionary: its titles and
    abstracts are compared without hyphens and spaces."""
    build, columns, program = _IN_COLUMNS[producer]
    if shutil.which(program) is None:
        pytest.skip(f"{program} is not installed (it sets the sample in columns)")
    pdf = tmp_path_factory.mktemp("in-columns") / f"{producer}.pdf"
    set_in_columns = build(pdf, columns=columns)
    brief = peerbrief.parse_lines(
        pdf_lines(set_in_columns.read_bytes(), pdf.name, backend=backend), pdf.name, dedupe=False
    )
    assert brief.unexplained == ()
    in_one = pdf_samples.brief(producer, backend).entries
    assert len(brief.entries) == len(in_one)
    for entry, expected in zip(brief.entries, in_one, strict=True):
        for name in FIELDS:
            found, wanted = getattr(entry, name), getattr(expected, name)
            if producer == "pdftex" and name in ("title", "abstract"):
                found, wanted = _unhyphenated(found), _unhyphenated(wanted)
            assert found == wanted, (name, expected.title)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_short_page_of_a_brief_in_one_column_keeps_the_pages_margin(backend: str) -> None:
    """Only a brief set in columns gives a page without a gutter its first column's
    margin: in one set in one column, with two columns on one page, a page of short
    lines would have run them together."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    words = LONG.split()
    for page in range(3):
        canvas.setFont("Helvetica", 10)
        for number in range(12):
            shift = 3 * page + number  # no line the same as another (no running header)
            canvas.drawString(72, 760 - 12.5 * number, " ".join(words[shift:] + words[:shift]))
        canvas.showPage()
    canvas.setFont("Helvetica", 10)
    for number in range(12):
        canvas.drawString(72, 760 - 12.5 * number, LEFT_COLUMN[number % 4])
        canvas.drawString(320, 760 - 12.5 * number, RIGHT_COLUMN[number % 4])
    canvas.showPage()
    canvas.setFont("Helvetica", 10)
    short = ["Peer support workers use their own", "experience of recovery"]
    for number, line in enumerate(short):
        canvas.drawString(72, 760 - 12.5 * number, line)
    canvas.save()
    texts = [line.text for line in pdf_lines(buffer.getvalue(), "columns.pdf", backend=backend)]
    assert texts[-1] == short[1]
    assert texts[-2].endswith(short[0])
