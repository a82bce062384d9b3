"""Plain text without link markup reads like the export: pdftotext (plain, ``-layout``,
``-raw``) and a PDF viewer's copy of each PDF fixture, the export with bare titles, and
text wrapped at any width with page breaks, running headers and page numbers."""

from __future__ import annotations

import random
import re
import shutil
import textwrap

import pytest
from fixtures import accuracy, make_plain_text, pdf_samples
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Date, Kind, Person, Reason, Section
from peerbrief.hyphenation import LINE_END_MARK
from peerbrief.lines import Line, heading_key, running_header_key, split_lines, unquoted
from peerbrief.paragraphs import (
    is_running_line,
    is_wrapped,
    rebuild_paragraphs,
    running_line_keys,
)

HEADER = "Evidence Brief: Peer Support Workers"


@pytest.fixture(scope="module")
def export_entries() -> tuple[peerbrief.Entry, ...]:
    return pdf_samples.text_brief().entries


def _accounted(text: str, brief: peerbrief.Brief) -> None:
    """Each non-blank physical line used by one entry or reported once, not both."""
    nonblank, accounted = accuracy.accounting(text, brief)
    assert accounted == nonblank


@pytest.mark.parametrize("stem", make_plain_text.stems())
def test_a_rendering_reads_to_the_exports_entries(
    stem: str, export_entries: tuple[peerbrief.Entry, ...]
) -> None:
    text = make_plain_text.read(stem)
    brief = peerbrief.parse(text, source=stem, dedupe=False)
    # pdftotext without options drops the hyphen of a word it joins at a line end.
    loose = stem.endswith(".pdftotext")
    wrong = accuracy.mismatches(brief.entries, export_entries, loose_hyphens=loose)
    assert [str(item) for item in wrong] == []
    assert brief.unexplained == ()
    _accounted(text, brief)
    assert [s.name for s in brief.sections] == [s.name for s in pdf_samples.text_brief().sections]


@pytest.mark.parametrize(
    "producer",
    [
        *pdf_samples.PRODUCERS[: pdf_samples.PRODUCER_NAMES.index("pdftex")],
        # Justified, hyphenated TeX pages: lines joined at hyphens, lines split at gaps.
        pytest.param("pdftex", marks=pytest.mark.slow),
    ],
)
def test_pdftotext_output_made_now_reads_the_same(
    producer: str, export_entries: tuple[peerbrief.Entry, ...]
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the committed copies are read")
    for name, options in make_plain_text.PDFTOTEXT_OPTIONS.items():
        text = make_plain_text.pdftotext(pdf_samples.path(producer), options)
        brief = peerbrief.parse(text, dedupe=False)
        loose = name == "pdftotext"
        assert accuracy.mismatches(brief.entries, export_entries, loose_hyphens=loose) == []


@pytest.mark.parametrize("producer", pdf_samples.PRODUCERS)
def test_pdfiums_text_reads_to_the_exports_entries(
    producer: str, export_entries: tuple[peerbrief.Entry, ...]
) -> None:
    """What a viewer built on PDFium copies: lines ended by CR LF, a word broken at a
    line-end hyphen joined and marked (U+FFFE), the page number set right after a page's
    last line when that line ended so, a raised digit on a line of its own."""
    text = make_plain_text.pdfium_copy(pdf_samples.path(producer))
    brief = peerbrief.parse(text, source=producer, dedupe=False)
    assert [str(item) for item in accuracy.mismatches(brief.entries, export_entries)] == []
    assert brief.unexplained == ()
    assert not any(LINE_END_MARK in entry.title + (entry.abstract or "") for entry in brief.entries)


def test_ligatures_set_as_one_character_are_spelt_out(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """A copy of a PDF whose fonts map their ligatures to one character (XeTeX's: ﬀ, ﬁ)."""
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    for letters, ligature in (("ffi", "ﬃ"), ("ffl", "ﬄ"), ("ff", "ﬀ"), ("fi", "ﬁ"), ("fl", "ﬂ")):
        text = text.replace(letters, ligature)
    assert all(ligature in text for ligature in "ﬃﬄﬀﬁﬂ")
    brief = peerbrief.parse(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []


@pytest.mark.parametrize(
    ("copy", "bullets"),
    [
        # pdftotext sets a list's glyphs on lines of their own; a viewer, before each item.
        ("libreoffice.pdftotext", "\uf0b7\uf0a7\uf0d8o–"),
        ("reportlab.viewer", "\uf0b7\uf0a7\uf0d8o"),
    ],
)
def test_word_processor_bullets_mark_list_items(
    copy: str, bullets: str, export_entries: tuple[peerbrief.Entry, ...]
) -> None:
    """Word's bullets are Symbol and Wingdings glyphs that its PDFs map to private-use
    characters (U+F0B7…), and its second level is a Courier New ``o``: the Competency
    Frameworks' parts are references whatever their list's glyph."""
    text = make_plain_text.read(copy)
    assert "•" in text
    for bullet in bullets:
        brief = peerbrief.parse(text.replace("•", bullet), dedupe=False)
        # (pdftotext joins a line-end hyphen's word: some are read as joined, as ever.)
        mismatches = accuracy.mismatches(brief.entries, export_entries, loose_hyphens=True)
        assert mismatches == [], bullet
        if bullet not in "o–":  # (characters of abstracts)
            assert not any(bullet in (entry.abstract or "") for entry in brief.entries)


def test_a_line_mupdf_split_after_a_colon_runs_on(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """MuPDF's text (PyMuPDF, ``mutool draw -F txt``) of a justified PDF breaks a line at
    a wide gap, as after a title's colon: the rest of the line is no new paragraph (the
    title's first part was read as the end of the abstract before it)."""
    whole = "Peer Support Workers: Systematized Review and\nInternational Delphi"
    text = make_plain_text.read("reportlab.viewer")
    assert whole in text
    text = text.replace(whole, whole.replace(": ", ":\n"))
    brief = peerbrief.parse(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []


def test_a_comma_set_apart_from_its_line_is_reported_not_joined(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """pdfminer's text of a justified PDF may set a line's parts apart, its comma alone
    between blank lines inside another reference's title, after a page break
    (``pp.e203-e210.`` / … / ``,`` / ``Netherlands:``): the comma is reported, and the
    title reads whole. (MuPDF's text sets such a comma in sequence, between the lines it
    belongs with: there it goes on with them.)"""
    whole = "Behavioral Health \nWorkforce Abstract only*"
    text = make_plain_text.read("libreoffice.viewer")
    assert whole in text
    page_break = f"\n\n38\n\n{HEADER}\n\n,\n\n"
    brief = peerbrief.parse(text.replace(whole, whole.replace("\n", page_break)), dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []
    assert [item.text for item in brief.unexplained] == [","]
    in_sequence = "pp.e203-e210. , Netherlands:"
    assert in_sequence in text
    copy = text.replace(in_sequence, in_sequence.replace(" ,", "\n,\n"))
    brief = peerbrief.parse(copy, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []
    assert brief.unexplained == ()


def test_a_comma_and_words_set_apart_from_their_line_are_reported_not_joined(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """pdfminer's text of a justified PDF may set the comma after a source and the first
    word of its place apart, between blank lines inside the abstract a page later
    (``…pp.1424-1427.`` / ``States:`` and ``, United`` after the page's number): the
    piece is reported, and the abstract reads whole (it held ``therefore , United call``,
    unreported). The same piece at a page's top with its line's rest after it
    (``, Netherlands:`` then the abstract's label) goes on with the value before it."""
    whole = "Behavioral Health \nWorkforce Abstract only*"
    text = make_plain_text.read("libreoffice.viewer")
    assert whole in text
    page_break = f"\n\n38\n\n{HEADER}\n\n, United\n\n"
    brief = peerbrief.parse(text.replace(whole, whole.replace("\n", page_break)), dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []
    assert [item.text for item in brief.unexplained] == [", United"]
    in_sequence = "pp.e203-e210. , Netherlands:"
    assert in_sequence in text
    broken = in_sequence.replace(" ,", f"\n\n38\n\n{HEADER}\n\n,")
    brief = peerbrief.parse(text.replace(in_sequence, broken), dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []
    assert brief.unexplained == ()


def test_a_lines_parts_pdfminer_set_right_first_go_back_in_order(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """pdfminer's text of a justified PDF breaks a line at the wide gap after a sentence's
    end and may set the line's right part first: the abstract reads in order again."""
    left, right = "either on a one-to-one or group basis.", "It is enabled through relationships"
    text = make_plain_text.read("reportlab.viewer")
    line = f"\n{left} {right} that build mutual\n"
    assert line in text
    swapped = text.replace(line, f"\n{right} that build mutual\n{left}\n")
    brief = peerbrief.parse(swapped, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []


def test_a_lists_first_glyph_set_apart_from_its_item_is_no_second_mark(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """pdfminer's text: the first item, then its glyph alone, then the other items each
    with its own glyph."""
    glyphs = "\n".join(["•"] * 4) + "\n\nService provision and activity\nWorkforce size\n"
    pdfminer = "Service provision and activity\n\n•\n• Workforce size\n"
    text = make_plain_text.read("chromium.pdftotext")
    assert glyphs in text
    text = text.replace(glyphs, pdfminer).replace(
        "\nWorkforce demographics\n", "\n• Workforce demographics\n"
    )
    text = text.replace("\nWorkforce key performance", "\n• Workforce key performance")
    brief = peerbrief.parse(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries, loose_hyphens=True) == []
    _accounted(text, brief)  # (the glyph set apart is the list's line, not lost)


def test_justified_lines_spaced_out_leave_the_width_as_it_was(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """pdfminer's text of a justified PDF: runs of spaces in the lines that fill the width,
    none in a title's: the width is the words', so the title's first line still fills it,
    and ``R2  =`` is still squared."""
    text = make_plain_text.read("libreoffice.pdftotext")
    spaced = "\n".join(
        line.replace(" ", "   ") if len(line) > 85 else line for line in text.split("\n")
    )
    assert spaced.count("   ") > 1000
    brief = peerbrief.parse(spaced.replace("Adj R2 =", "Adj R2  ="), dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries, loose_hyphens=True) == []


@pytest.mark.parametrize("mark", ["o", "§", "–", "-", "•", "\uf0b7"])
def test_list_marks_of_words_plain_text_mark_list_items(
    mark: str, export_entries: tuple[peerbrief.Entry, ...]
) -> None:
    """Word's own plain text (a paragraph a line, links lost) writes a list item's mark and
    a TAB: ``o\tThe Competence Framework - Part 1``."""
    text = re.sub("^- ", f"{mark}\t", make_plain_text.read("bare-titles"), flags=re.MULTILINE)
    assert f"\n{mark}\tThe Competence Framework - Part 1" in text
    brief = peerbrief.parse(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []


def test_a_word_processors_plain_text_loses_superscripts_not_words(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """Word's and LibreOffice's "Save as plain text" (a paragraph a line, not wrapped)
    write a superscript as plain characters: ``practice,1,2 research``, ``Adj R2 =``,
    ``(η2=.24)``. The markers go and the squares come back, as in wrapped text."""
    text = make_plain_text.bare_titles(peerbrief.sample_path().read_text(encoding="utf-8"))
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text).replace("R^2", "R2")
    text = re.sub(r"\$\\eta\^2([^$]*)\$", r"η2\1", text)
    assert "practice,1,2 research" in text and "(η2=.24)" in text and "Adj R2 =" in text
    assert not is_wrapped(split_lines(text))
    brief = peerbrief.parse(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []


def test_non_breaking_hyphens_of_a_word_processors_plain_text_read_as_hyphens(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """A hyphen typed as Word's non-breaking hyphen (U+2011), which LibreOffice's plain
    text keeps, is the hyphen-minus: ``self-management``, not a look-alike."""
    text = make_plain_text.bare_titles(peerbrief.sample_path().read_text(encoding="utf-8"))
    text = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "\u2011", text)
    assert "Supported self\u2011management: peer support guide" in text
    brief = peerbrief.parse(text, dedupe=False)
    assert accuracy.mismatches(brief.entries, export_entries) == []


def test_a_doi_in_a_word_processors_plain_text_keeps_its_digits() -> None:
    """The markers of plain text are dropped outside web addresses and DOIs only."""
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    author = "Author(s): Otte et al."
    assert text.count(author) == 1
    text = text.replace(author, f"URL: https://doi.org/10.1002/ABC.123\n\n{author}")
    (entry,) = [entry for entry in peerbrief.parse(text).entries if entry.url]
    assert entry.url == "https://doi.org/10.1002/ABC.123"


def test_page_breaks_give_pages_and_furniture_is_reported() -> None:
    text = make_plain_text.read("libreoffice.pdftotext")
    brief = peerbrief.parse(text, dedupe=False)
    assert brief.entries[0].provenance[0].pages == (2,)
    assert max(page for e in brief.entries for page in e.provenance[0].pages) >= 40
    reasons = {item.reason for item in brief.report}
    assert {Reason.RUNNING_HEADER, Reason.PAGE_NUMBER, Reason.CONTENTS} <= reasons
    # A reference whose access note was split by a page break (header, number, \f).
    split = next(e for e in brief.entries if e.title.startswith("Peer workers roles and risk"))
    assert split.access == "Full text available with NHS OpenAthens account"
    assert split.authors == (Person("Holley"),)
    assert split.provenance[0].pages == (7, 8)


# --- text wrapped at any width ---------------------------------------------------------


def _wrapped(export: str, width: int, page_lines: int, seed: int) -> str:
    """The export with bare titles, each paragraph wrapped at ``width`` (bullets as
    glyphs, continuation lines indented), no blank lines, and a page break (form feed,
    running header, page number) every ``page_lines`` lines."""
    rng = random.Random(seed)
    lines: list[str] = []
    for paragraph in make_plain_text.bare_titles(export).splitlines():
        if not paragraph.strip() or (paragraph == HEADER and lines):
            continue
        bullet = paragraph.startswith("- ")
        body = paragraph[2:] if bullet else paragraph
        wrapped = textwrap.wrap(body, width - 4 * bullet, break_on_hyphens=False) or [body]
        if len(wrapped) > 1 and wrapped[-1].isdigit():
            # A number alone on a paragraph's last line reads as a page number when a
            # page ends there (the export has one, "… terms, 27", cut at a page break):
            # a renderer keeps it with its word; so do we.
            wrapped[-2:] = [" ".join(wrapped[-2:])]
        if bullet:
            wrapped = [f"• {wrapped[0]}", *(f"  {line}" for line in wrapped[1:])]
        lines.extend(wrapped)
    pages: list[str] = []
    for number, start in enumerate(range(0, len(lines), page_lines), start=1):
        footer = str(number) if rng.random() < 0.8 else f"Page {number} of 99"
        pages.append("\n".join([*lines[start : start + page_lines], "", footer, ""]))
    return f"\f{HEADER}\n\n".join(pages)


@given(st.integers(75, 160), st.integers(25, 70), st.integers(0, 1000))
def test_text_wrapped_at_any_width_reads_like_the_export(
    width: int, page_lines: int, seed: int
) -> None:
    export = peerbrief.sample_path().read_text(encoding="utf-8")
    text = _wrapped(export, width, page_lines, seed)
    brief = peerbrief.parse(text, dedupe=False)
    expected = pdf_samples.text_brief().entries
    assert accuracy.mismatches(brief.entries, expected) == []
    assert brief.unexplained == ()
    _accounted(text, brief)


# --- paragraphs, one case at a time --------------------------------------------------

WRAPPED_BRIEF = """\
Evidence Brief: Nursing Associates
Contents
Key publications – the big picture........................................ 2
Retention .................................................................. 3
Key publications – the big picture
Nursing associate workforce report: a very long title that the PDF wrapped onto
a second line
Source: Public Health England
Publication date: Winter 2023
A report on the workforce, long enough to fill its first line and to run on to the
next line, where it ends.
• First point of the report, long enough to run on to a second line of the page
  before it ends here.
• Second point
Retention
Why nursing associates stay: a survey of the first cohort of the new role Full text
available with NHS
OpenAthens account*
Author(s): Bloggs et al.
Source: Nurse Education Today 120 pp. 105-9
Publication date: December 2022
The abstract runs over a page break: the header and the page number that the PDF put
2

\fEvidence Brief: Nursing Associates

in between belong to no paragraph, and the sentence goes on after them to its end.
"""


def test_paragraphs_rebuilt_from_a_wrapped_brief() -> None:
    lines = split_lines(WRAPPED_BRIEF)
    assert is_wrapped(lines * 2)  # (a real brief has far more than these lines)
    brief = peerbrief.parse(WRAPPED_BRIEF * 1, dedupe=False)
    report, paper = brief.entries
    assert report.title == (
        "Nursing associate workforce report: a very long title that the PDF wrapped onto "
        "a second line"
    )
    assert (report.publisher, report.date, report.kind) == (
        "Public Health England",
        Date(2023, season=4),
        Kind.REPORT,
    )
    assert report.abstract == (
        "A report on the workforce, long enough to fill its first line and to run on to the "
        "next line, where it ends. First point of the report, long enough to run on to a "
        "second line of the page before it ends here. Second point"
    )
    assert (
        paper.title == "Why nursing associates stay: a survey of the first cohort of the new role"
    )
    assert paper.access == "Full text available with NHS OpenAthens account"
    assert paper.sections == (Section("Key publications – the big picture", "Retention"),)
    assert paper.abstract is not None and paper.abstract.endswith("goes on after them to its end.")
    furniture = {item.text: (item.reason, item.page) for item in brief.report}
    assert furniture["2"] == (Reason.PAGE_NUMBER, 1)
    header = next(item for item in brief.report if item.page == 2)
    assert (header.text, header.reason) == (
        "Evidence Brief: Nursing Associates",
        Reason.RUNNING_HEADER,
    )
    _accounted(WRAPPED_BRIEF, brief)


@pytest.mark.parametrize(
    ("label", "first", "rest", "field", "value"),
    [
        (
            "URL",
            "https://bmcprimcare.biomedcentral.com/articles/10.1186/s12875-022-0?utm_sou",
            "rce=brief",
            "url",
            "https://bmcprimcare.biomedcentral.com/articles/10.1186/s12875-022-0?utm_source=brief",
        ),
        (
            "DOI",
            "https://doi.org/10.1186/s12875-022-01234-5.a-long-suffix.supplementary_mat",
            "erial",
            "doi",
            "10.1186/s12875-022-01234-5.a-long-suffix.supplementary_material",
        ),
    ],
)
def test_a_link_a_copy_wrapped_inside_a_word_is_joined_whole(
    label: str, first: str, rest: str, field: str, value: str
) -> None:
    """The line break became a space in the link: ``%20`` in the URL, the DOI cut there."""
    text = WRAPPED_BRIEF.replace(
        "Publication date: December 2022\n",
        f"Publication date: December 2022\n{label}: {first}\n{rest}\n",
    )
    brief = peerbrief.parse(text, dedupe=False)
    paper = brief.entries[1]
    assert getattr(paper, field) == value
    assert paper.abstract is not None and paper.abstract.startswith("The abstract runs over")
    assert brief.unexplained == ()


def test_text_wrapped_but_for_its_web_addresses_is_wrapped() -> None:
    """A markdown writer wraps at a width but never inside a link's address: the lines a
    long address makes longer than the width are no sign of an export's paragraphs."""
    prose = textwrap.wrap(" ".join(["Health visitors described their caseloads."] * 60), 72)
    link = "[Health visiting model](https://www.example.org/publications/health-visiting/"
    links = [f"{link}{'section-' * 8}{number})" for number in range(6)]
    lines = split_lines("\n".join([*prose, *links]))
    assert all(len(line) > 90 for line in links)
    assert is_wrapped(lines)
    # An export's paragraphs, beyond the width by many words, are not.
    assert not is_wrapped(
        split_lines("\n".join([*prose, *(line + " " + line for line in prose[:6])]))
    )


def _emailed(export: str, quote: str = "", width: int = 72) -> str:
    """The export pasted into an email: each paragraph wrapped at ``width`` columns, blank
    lines kept, every line after ``quote`` (``> `` when the message is quoted in a reply)."""
    lines: list[str] = []
    for paragraph in export.splitlines():
        wrapped = textwrap.wrap(paragraph, width - len(quote), break_on_hyphens=False)
        lines.extend(f"{quote}{line}".rstrip() for line in wrapped or [""])
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("bare", [False, True])
@pytest.mark.parametrize("quote", ["", "> ", ">> ", "> > "])
def test_a_brief_pasted_into_an_email_reads_like_the_export(
    quote: str, bare: bool, export_entries: tuple[peerbrief.Entry, ...]
) -> None:
    """Mail wraps at 72 columns; a reply quotes each line. The quotation marks were read
    as text: the labels after them were prose, and 80 of 116 works were lost, unreported.
    (Pandoc's plain text of the brief's Word document is the same shape, without quotes.)
    A title without its link markup wrapped to end on a heading's name (``… in the age
    of`` / ``Covid-19``) lost its reference: the name was read as the heading."""
    export = peerbrief.sample_path().read_text(encoding="utf-8")
    if bare:
        export = make_plain_text.bare_titles(export)
    reply = "On Tue, 5 Dec 2023 at 09:12, Anne Smith <anne@example.org> wrote:\n"
    text = reply + _emailed(export, quote)
    brief = peerbrief.parse(text, dedupe=False)
    assert [str(item) for item in accuracy.mismatches(brief.entries, export_entries)] == []
    assert brief.unexplained == ()
    assert brief.report[0].text == reply.strip()  # (before the brief: front matter)


def _rewrapped(text: str, width: int, marks_kept: bool) -> str:
    """A reply's text re-wrapped narrower: each quoted line longer than ``width`` cut into a
    full line and its rest, with the quotation mark (``marks_kept``) or without it."""
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        quote = "> " if line.startswith("> ") else ""
        first, *rest = textwrap.wrap(line[len(quote) :], width - len(quote), break_on_hyphens=False)
        lines += [f"{quote}{first}", *(f"{quote if marks_kept else ''}{part}" for part in rest)]
    return "\n".join(lines)


@pytest.mark.parametrize("bare", [False, True])
@pytest.mark.parametrize("marks_kept", [True, False])
@pytest.mark.parametrize(("first", "second"), [(72, 66), (80, 72)])
def test_a_brief_quoted_in_an_email_and_wrapped_again_reads_like_the_export(
    first: int,
    second: int,
    marks_kept: bool,
    bare: bool,
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """A reply that wraps the quoted brief again, narrower, cuts most lines into a full line
    and a rest of a word or two (``> … moving towards discharge and supported recovery in``
    / ``> the``), with its quotation mark or without it. The rests read as ending
    paragraphs (54 of the sample's fields were wrong), as headings' names (``management``),
    as the places of a pdftotext line's right part; without their marks, the quotation was
    not seen (a thousand fields wrong). A rest ends where its whole line did."""
    export = peerbrief.sample_path().read_text(encoding="utf-8")
    if bare:
        export = make_plain_text.bare_titles(export)
    reply = "On Tue, 5 Dec 2023 at 09:12, Anne Smith <anne@example.org> wrote:\n"
    text = reply + _rewrapped(_emailed(export, "> ", first), second, marks_kept)
    brief = peerbrief.parse(text, dedupe=False)
    assert [str(item) for item in accuracy.mismatches(brief.entries, export_entries)] == []
    assert brief.unexplained == ()
    # (Every line with words is used or reported; a quotation mark alone is a blank line.)
    nonblank, accounted = accuracy.accounting(text, brief)
    texts = text.split("\n")
    assert {n for n in nonblank if texts[n - 1].strip("> ")} <= set(accounted)


def test_a_line_starting_with_a_quotation_mark_is_no_quoted_email() -> None:
    """Only a text quoted nearly throughout is an email's quotation: one line of an
    abstract may start with ``>``."""
    lines = split_lines("Evidence Brief: X\n> 50% of staff stayed\nSource: NHS England\n")
    assert unquoted(lines) == lines


def test_text_that_is_not_wrapped_passes_unchanged() -> None:
    lines = split_lines(peerbrief.sample_path().read_text(encoding="utf-8"))
    assert not is_wrapped(lines)
    assert rebuild_paragraphs(lines) == lines


@pytest.mark.parametrize(
    ("physical", "paragraph"),
    [
        # A superscript set on its own line joins its word; citation markers go.
        (["job satisfaction, Adj R", "2", "= 0.71, F(9, 271) = 77.77"], "Adj R² = 0.71"),
        (["job satisfaction, Adj R", "2 = 0.71, F(9, 271) = 77.77"], "Adj R² = 0.71"),
        (
            ["health practice,", "1,2", "research, and education.4,5 It"],
            "practice, research, and education. It",
        ),
        (["general health status (η2=.24), psychological experience"], "(η²=.24)"),
        # pdftotext -layout sets a raised digit apart by spaces where it stands.
        (["general health status (η 2 =.24), psychological experience"], "(η²=.24)"),
        # A PDFium copy sets it on the next line, whatever room the line had left.
        (
            [
                "with analyses showing small to moderate effects: health status (η",
                "2=.24), psychological experience",
            ],
            "(η²=.24)",
        ),
        (
            ["in status (η", "2=.24), and recovery (η", "2=.36)."],
            "in status (η²=.24), and recovery (η²=.36).",
        ),
        # A single number glued to a word is a marker where the paragraph cites...
        (
            ["health practice,1,2 and research. The UK requires services1 to offer"],
            "and research. The UK requires services to offer",
        ),
        # ... and elsewhere it is a name's own.
        (["staff were redeployed during the covid19 pandemic to"], "the covid19 pandemic"),
        # A web address's or a DOI's digits after a full stop are its own, not a marker.
        (
            ["the full report is at https://doi.org/10.1002/abc.123 and www.example.org/a.12"],
            "https://doi.org/10.1002/abc.123 and www.example.org/a.12",
        ),
        (
            ["see doi:10.1002/ABC.12 in the practice,1,2 of"],
            "doi:10.1002/ABC.12 in the practice, of",
        ),
        # A hyphen that ends a line joins the word and stays.
        (["the employment of peer workers is role-", "related and long-term"], "role-related"),
        # PDFium's text marks such a hyphen, and sets the page number right after it
        # when the line ended a page.
        (
            ["the posts were studied in a mixed\ufffe2", "methods evaluation of the role"],
            "in a mixed-methods evaluation",
        ),
        # A range broken after its en dash joins as the hyphen does.
        (
            ["the workforce of the community in England and Wales (2015–", "2020) was"],
            "(2015–2020)",
        ),
        # A line broken after a slash that ends a word joins without a space...
        (
            [
                "a survey of certified peer specialists in Pennsylvania ran in Winter/",
                "Spring 2013 with",
            ],
            "in Winter/Spring 2013 with",
        ),
        # ... unless the document writes those two words with a space after the slash
        # (and never without): the line broke at that space.
        (
            [
                "Where a report/ journal article is freely available the link is given; a report/",
                "journal article behind a paywall is marked",
            ],
            "a report/ journal article behind",
        ),
        # ... and one after a slash set apart keeps it.
        (
            [
                "answers on a scale from strongly agree to strongly disagree: agree /",
                "disagree were",
            ],
            "agree / disagree were",
        ),
        # A URL broken after its scheme joins whole.
        (
            [
                "this article was first published in JMIR Mental Health (https://",
                "mental.jmir.org)",
            ],
            "(https://mental.jmir.org)",
        ),
        # ... and one broken inside its scheme, as a typesetter splits a word too long for
        # its line at the margin: no word of prose starts "s://".
        (
            [
                "Theme 2 commits to implementing the framework (see http",
                "s://www.example.org/delivery-plan/#theme-2).",
            ],
            "(see https://www.example.org/delivery-plan/#theme-2).",
        ),
        (
            [
                "Theme 2 commits to implementing the framework (see HTTPS:",
                "//www.example.org/delivery-plan/#theme-2).",
            ],
            "(see HTTPS://www.example.org/delivery-plan/#theme-2).",
        ),
        # A line that ends with a word that merely starts like a scheme keeps its space.
        (
            [
                "the authors describe the h",
                "index of each journal and the http protocol",
            ],
            "describe the h index",
        ),
        # ... and one broken after a dot of its host, as Typst breaks it, goes on with its
        # path; an address's full stop keeps the space before the next sentence.
        (
            [
                "Five databases were searched; 31 studies were included. The strategy is at https://doi.",
                "org/10.5555/dhl.search.2022 and the data",
            ],
            "at https://doi.org/10.5555/dhl.search.2022 and",
        ),
        # A DOI broken after a dot of its suffix goes on too (Pango breaks it there).
        (
            [
                "Any breastfeeding at discharge rose from 71.4% to 76.0%; doi:10.1111/mcn.",
                "13489 gives the full protocol.",
            ],
            "doi:10.1111/mcn.13489 gives",
        ),
        (
            [
                "Any breastfeeding at discharge rose from 71.4% to 76.0% (see 10.1111/mcn.",
                "13489) and the protocol.",
            ],
            "(see 10.1111/mcn.13489) and",
        ),
        (
            [
                "Any breastfeeding at discharge rose (protocol: doi:10.1016/j.",
                "midw.2022.103560) and the data",
            ],
            "(protocol: doi:10.1016/j.midw.2022.103560) and",
        ),
        (
            [
                "Any breastfeeding at discharge rose; the protocol is doi:10.1111/mcn.13489.",
                "the data are held by the authors",
            ],
            "doi:10.1111/mcn.13489. the data",
        ),
        (
            [
                "Five databases were searched; the search strategy is at https://doi.org/10.5555.",
                "the data are held by the authors",
            ],
            "https://doi.org/10.5555. the data",
        ),
        # A whole address an email client's wrap left at a line's end, its path ending in a
        # slash, keeps its space before the prose after it (it ran into the next word:
        # "…/protocol/and"); a path broken after a slash goes on, as a browser breaks it.
        (
            [
                "Five databases were searched; the protocol is at https://example.org/protocol/",
                "and the data are held by the authors",
            ],
            "https://example.org/protocol/ and the data",
        ),
        (
            [
                "Five databases were searched; the protocol is at www.example.org/trials/",
                "Accessed 3 May 2023",
            ],
            "www.example.org/trials/ Accessed",
        ),
        (
            [
                "Five databases were searched; the protocol is at https://example.org/",
                "trials/protocol-2022.pdf and the data",
            ],
            "https://example.org/trials/protocol-2022.pdf and",
        ),
        (
            [
                "Five databases were searched; the protocol (https://example.org/trials/",
                "protocol) and the data",
            ],
            "(https://example.org/trials/protocol) and",
        ),
        # Citation markers set apart from their word, before a full stop.
        (["was analysed using regression models 1,2. Findings suggest"], "models. Findings"),
        # A dash at a line start after a full line is a dash, not a bullet.
        (
            [
                "a randomised controlled trial of peer support in the community",
                "- undertook in-depth interviews",
            ],
            "trial of peer support in the community - undertook",
        ),
    ],
)
def test_line_joins(physical: list[str], paragraph: str) -> None:
    filler = ["x" * 70] * 25  # enough full lines to make the text wrapped at 70
    lines = rebuild_paragraphs(split_lines("\n".join([*filler, *physical])))
    assert paragraph in lines[-1].text


# --- the running header, the title, and titles repeated --------------------------------

# The title on the first page is set large and wraps; the running header at every page
# break is the title on one line, once right after a title, once in the middle of one.
TITLE_WRAPS_BRIEF = """\
Evidence Brief: Retention of Allied
Health Professionals
Contents
Key publications – the big picture........................................ 2
Retention .................................................................. 3
Key publications – the big picture
Staff retention in the allied health professions: a report on the workforce that the
PDF wrapped onto a second line: "we just get on with it"
2

\fEvidence Brief: Retention of Allied Health Professionals

Source: Public Health England
Publication date: Winter 2023
A report on the workforce, long enough to fill its first line and to run on to the
next line, and on to the line after that one, which is full as well, and it goes
on to a fourth line of the page, where it ends.
Retention
Why allied health professionals stay: a survey of the first cohort of the new role in
3

\fEvidence Brief: Retention of Allied Health Professionals

the north of England
Author(s): Bloggs et al.
Journal: Nurse Education Today 120(3), pp. 105-109
Semi-structured interviews were conducted with 24 participants across three trusts in
the region, and their answers were analysed with methods that the paper describes at
length, in a section of its own that this abstract does not cover in any detail.
"""


def test_a_running_header_that_says_more_than_the_title_is_not_the_title(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """Word's header holds the title and, at its right tab, the date; the first page's
    header comes before the title. The brief's title is the title's line."""
    lines = peerbrief.sample_path().read_text(encoding="utf-8").strip().splitlines()
    title = lines[0]
    header = f"{title}\tNovember 2023"
    assert title.startswith("Evidence Brief: ") and lines.count(title) > 2
    body = (header if line == title else line for line in lines[1:])
    brief = peerbrief.parse("\n".join([header, "", title, *body]), dedupe=False)
    assert brief.title == title
    assert accuracy.mismatches(brief.entries, export_entries) == []


def test_the_running_header_is_the_line_that_repeats_when_the_title_wraps() -> None:
    brief = peerbrief.parse(TITLE_WRAPS_BRIEF, dedupe=False)
    assert brief.title == "Evidence Brief: Retention of Allied Health Professionals"
    report, paper = brief.entries
    assert report.title == (
        "Staff retention in the allied health professions: a report on the workforce that"
        ' the PDF wrapped onto a second line: "we just get on with it"'
    )
    assert (report.publisher, report.date) == ("Public Health England", Date(2023, season=4))
    assert paper.title == (
        "Why allied health professionals stay: a survey of the first cohort of the new role"
        " in the north of England"
    )
    assert (paper.container_title, paper.volume, paper.issue) == (
        "Nurse Education Today",
        "120",
        "3",
    )
    headers = [item.line for item in brief.report if item.reason is Reason.RUNNING_HEADER]
    assert headers == [11, 22]
    assert brief.unexplained == ()
    _accounted(TITLE_WRAPS_BRIEF, brief)


@pytest.mark.parametrize(
    ("texts", "key"),
    [
        # The line of the title's shape that repeats most is the header.
        (
            ["Evidence Brief: Retention of Allied", "Health Professionals"]
            + ["Evidence Brief: Retention of Allied Health Professionals"] * 3,
            "evidencebriefretentionofalliedhealthprofessionals",
        ),
        # A title that never repeats (an export without headers) is its own header; the
        # brief's citation, which starts alike, is no header.
        (
            ["Evidence Brief: Nursing", "Evidence Brief: Nursing. Sam Taylor. (2024)."],
            "evidencebriefnursing",
        ),
        (["A reading list", "Contents"], ""),
    ],
)
def test_running_header_key(texts: list[str], key: str) -> None:
    assert running_header_key(texts) == key


def _filled(physical: list[str]) -> list[Line]:
    """The paragraphs of ``physical`` after enough full lines (one paragraph, then a blank
    line) to make the text wrapped at 70 characters."""
    lines = rebuild_paragraphs(split_lines("\n".join([*["x" * 70] * 25, "", *physical])))
    return [line for line in lines if line.text.strip()][1:]


def test_a_sentences_end_set_apart_goes_on_with_the_sentence_above() -> None:
    """MuPDF sets a paragraph's last line apart at the top of a page: it ends the
    sentence the block above left open, and is no part of a stretched line above."""
    background = "Background: interviews were held with 24 participants. This study"
    lines = _filled(
        [background, "explored how staff experience the introduction", "", "of a new role.", ""]
    )
    assert [line.text for line in lines][-2:] == [
        f"{background} explored how staff experience the introduction",
        "of a new role.",
    ]


def test_a_hyphen_pdfium_marked_is_decided_as_one_at_a_line_end() -> None:
    """PDFium's text joins a word broken at a line-end hyphen and marks the place: the
    hyphen goes where the text spells the word whole, and stays where it spells it
    hyphenated; the marked word's parts count as no words of the text."""
    text = [
        "Peer workers occupy new posts in health-care teams across the region and",
        *[
            f"paragraph {n} of a brief that was wrapped at seventy characters in all"
            for n in range(25)
        ],
        f"they occu{LINE_END_MARK}py roles in health{LINE_END_MARK}care teams and in the",
    ]
    lines = rebuild_paragraphs(split_lines("\n".join(text)))
    assert "they occupy roles in health-care teams and in the" in lines[-1].text


def test_the_end_of_a_paragraph_set_apart_at_a_page_break_stays_at_its_end() -> None:
    """MuPDF's copy sets a paragraph's last line, at the top of the next page, apart
    between blank lines: it is not the right part of a justified line split at a wide
    gap (pdftotext's quirk), and never goes back into a one-line value before a label."""
    lines = _filled(
        [
            "Author: Viking, T., Wenzler, J., Hylin, U. and Nilsson, L.",
            "Publication Date: 2022",
            "Publication Details: Journal of interprofessional care, 36, (6) pp.828",
            "Abstract: Interprofessional learning (IPL), which is learning arising",
            "from the interaction between representatives of two or more professions",
            "role. A knowledge gap was",
            "",
            "identified of teams' use of PSWs' expertise.",
            "",
        ]
    )
    texts = [line.text for line in lines]
    assert "Publication Date: 2022" in texts
    assert texts[-2].endswith("role. A knowledge gap was")
    assert texts[-1] == "identified of teams' use of PSWs' expertise."


def test_a_title_and_its_repeated_copy_in_one_paragraph_go_apart() -> None:
    # The export's repeated-title artifact, then the title with its access note; the
    # copy filled its line, so the two (and the abstract before) ran together.
    title = "Supporting newly qualified practitioners in the community (2015–2020)"
    lines = _filled(
        [
            "Background: Participants described both opportunities and tensions in the",
            "teams.",
            title,
            f"{title} Abstract only*",
            "Author: Smith-Jones, Mary, Byrne, M. and Otte, Mary",
        ]
    )
    assert [line.text for line in lines] == [
        "Background: Participants described both opportunities and tensions in the teams.",
        title,
        f"{title} Abstract only*",
        "Author: Smith-Jones, Mary, Byrne, M. and Otte, Mary",
    ]


def test_a_title_before_a_date_first_then_an_opening_label_leaves_the_abstract() -> None:
    # A brief may give the date first; the labels after it still open the reference's
    # metadata, so the title that ran on from the abstract's full last line goes apart.
    abstract = "Staff turnover fell by a third in the two years after the scheme began."
    title = "Keeping staff in remote practices: a survey of managers"
    lines = _filled(
        [
            abstract,
            title,
            "Publication date: June 2022",
            "Source: Community Practice Journal 39(2) pp. 88-94",
        ]
    )
    texts = [line.text for line in lines]
    assert texts[:3] == [abstract, title, "Publication date: June 2022"]


@pytest.mark.parametrize(
    ("physical", "paragraphs"),
    [
        # Prose after a value that ended on its numbers starts the abstract.
        (
            [
                "Journal: Primary Health Care Research & Development 32(7), pp. 834-852",
                "Semi-structured interviews were conducted with 24 participants across.",
            ],
            2,
        ),
        # ... and so after a value that ended on its status, as sources write it instead
        # of their numbers.
        (
            [
                "Evaluating peer support workers in the community",
                "Source: International Journal of Nursing. Epub ahead of print",
                "Managers reported that the new posts released staff for care.",
            ],
            3,
        ),
        # ... and so after any value but an abstract when the line holds a sentence's
        # end, which no source, name or date has.
        (
            [
                "Evaluating peer support workers in the community",
                "Source: Side by Side Partnership funded by Health Education England",
                "Interviews were conducted with 24 participants in trusts. A survey",
                "of 1,204 respondents was analysed.",
            ],
            3,
        ),
        (
            [
                "Abstract: Side by Side Partnership funded by Health Education England",
                "Interviews were conducted with 24 participants in trusts. A survey",
            ],
            1,
        ),
        # A source wrapped after its volume goes on with its numbers and its place.
        (
            [
                "Publication Details: International journal of mental health nursing, 30",
                "Suppl 1, pp.1445-1455. , Australia:",
            ],
            1,
        ),
        # A book's source wrapped before its place and publisher goes on with them: the
        # place's colon is no abstract's sub-heading ("Methods: …").
        (
            [
                "Journal: Digital Health Education, edited by Jones, S. and Li, W.",
                "Oxford: Oxford University Press, pp. 101-118",
            ],
            1,
        ),
        (
            [
                "Journal: Digital Health Education, edited by Jones, S. and Li, W.",
                "Methods: Interviews with 28 doctors in their first year of practice.",
            ],
            2,
        ),
        # A label left empty (a hand-edited brief) and the abstract's sentence after it:
        # no value of the label's (it was read as one: the abstract the journal's name, or
        # a date not understood).
        (["Journal:", "A survey of 3,400 allied health professionals on digital tools."], 2),
        (["Publication date:", "A blended programme for 220 nurses raised their skills."], 2),
        (["Abstract:", "A blended programme for 220 nurses raised their skills."], 1),
    ],
)
def test_where_a_labels_value_ends(physical: list[str], paragraphs: int) -> None:
    assert len(_filled(physical)) == paragraphs


@pytest.mark.parametrize(
    "physical",
    [
        # A label alone on its line (a viewer's copy, MuPDF's, broke the line after the
        # bold label) has its value on the next.
        ["Author:", "Janouskova, Miroslava, Vlckova, Karolina and Harcuba, Vojtech"],
        # ... a source whose pages end with a full stop too: no sentence's end (PyMuPDF's
        # get_text() of a justified PDF: the value was read as the abstract after a label
        # left empty, the journal, volume, issue and pages lost).
        [
            "Publication Details:",
            "International journal of mental health nursing, 30, (2) pp.451-460.",
        ],
        # A line that ends with "and" (or "of", "the", …) goes on, as a title broken there.
        ["Systematized Review and", "International Delphi Consultation"],
        # ... also into what reads as a widened label (a DOI as citations write it), in
        # prose: the sentence's next word.
        ["Data are at https://osf.io/abc12/ and the protocol at", "doi:10.5555/osf.2021."],
        ["The data are available from the authors: see the", "Link: on the trust's pages."],
        # ... and after a comma or semicolon, which end no sentence (a mail client's wrap
        # put the DOI first on its line: the sentence before it was not understood, the
        # rest after it read as the abstract).
        [
            "Any breastfeeding at discharge rose from 71.4% to 76.0%;",
            "doi:10.1111/mcn.13489 gives the full protocol.",
        ],
        ["The protocol, registered before the review began,", "doi:10.5555/osf.2021, is open."],
    ],
)
def test_a_line_left_open_goes_on(physical: list[str]) -> None:
    assert _filled(physical)[-1].text == " ".join(physical)


def test_a_link_broken_inside_its_brackets_goes_on() -> None:
    """pandoc wraps a web page's Contents entry inside its link, counting the page number's
    markup before it, which the line then lost: short as it looks, the line goes on."""
    entries = [
        '<span class="page">3</span>[Key publications – the big',
        "picture](#h0)",
        "",
        '<span class="page">5</span>[Case Studies](#h1)',
    ]
    lines = _filled(["Contents", "", *entries])
    assert [line.text for line in lines][-2:] == [
        "3[Key publications – the big picture](#h0)",
        "5[Case Studies](#h1)",
    ]


@pytest.mark.parametrize(
    ("physical", "paragraphs"),
    [
        # A title after a bullet item that filled its line starts after the item's
        # sentence, not at its own capital ("England") further on.
        (
            [
                "• Semi-structured interviews were conducted with 24 participants in trusts.",
                "A qualitative study of newly qualified practitioners in the community: a",
                "longitudinal qualitative study of staff experiences in the north of",
                "England",
                "Source: Centre for Mental Health",
            ],
            [
                "• Semi-structured interviews were conducted with 24 participants in trusts.",
                "A qualitative study of newly qualified practitioners in the community: a"
                " longitudinal qualitative study of staff experiences in the north of England",
                "Source: Centre for Mental Health",
            ],
        ),
        # ... and its access note, run on after it, is no title.
        (
            [
                "• Does protected learning time reduce turnover? The evidence is mixed.",
                "Evaluating newly qualified practitioners in the community in England",
                "Abstract only*",
                "Author: Nguyen, Ingrid and Church, T.",
            ],
            [
                "• Does protected learning time reduce turnover? The evidence is mixed.",
                "Evaluating newly qualified practitioners in the community in England"
                " Abstract only*",
                "Author: Nguyen, Ingrid and Church, T.",
            ],
        ),
        # The repeated-title artifact ran into the abstract; the title's line goes on
        # with its access note, which the copy lacks.
        (
            [
                "Abstract: This study explored how staff experience the introduction of a",
                "new role and what the staff made of it.",
                'Perceptions of redeployment on staff wellbeing: "we just get on with it"',
                'Perceptions of redeployment on staff wellbeing: "we just get on with it" Full',
                "text available via OpenAthens account*",
                "Item Type: Journal Article",
            ],
            [
                "Abstract: This study explored how staff experience the introduction of a new"
                " role and what the staff made of it.",
                'Perceptions of redeployment on staff wellbeing: "we just get on with it"',
                'Perceptions of redeployment on staff wellbeing: "we just get on with it" Full'
                " text available via OpenAthens account*",
                "Item Type: Journal Article",
            ],
        ),
        # Citation markers that lost their superscript, before the sentence's full stop.
        (
            ["A survey was analysed using regression models1,2. Findings suggest that it"],
            ["A survey was analysed using regression models. Findings suggest that it"],
        ),
        # A section's prose that ends on a quoted word, then a title after it: the title
        # starts after the quote (it ran into the prose, and the reference gained it).
        (
            [
                'You can find relevant statistics on the Health and Care Statistics under "Workforce"',
                "The NMC register: 1 April 2023 – 31 March 2024",
                "Source: Nursing and Midwifery Council",
            ],
            [
                'You can find relevant statistics on the Health and Care Statistics under "Workforce"',
                "The NMC register: 1 April 2023 – 31 March 2024",
                "Source: Nursing and Midwifery Council",
            ],
        ),
        # A numbered reference's title after an abstract that filled its line: the title
        # starts at its number (it ran into the abstract, which the entry then lost).
        (
            [
                "Why adult social care employers have been slower to create nursing posts.",
                "5. The nursing associate role: policy and practice",
                "Author(s): Kessler, Ian, Steils, Nicole and Harris, Jess (eds)",
            ],
            [
                "Why adult social care employers have been slower to create nursing posts.",
                "5. The nursing associate role: policy and practice",
                "Author(s): Kessler, Ian, Steils, Nicole and Harris, Jess (eds)",
            ],
        ),
    ],
)
def test_titles_found_in_wrapped_prose(physical: list[str], paragraphs: list[str]) -> None:
    assert [line.text for line in _filled(physical)] == paragraphs


def test_a_sentence_ending_in_a_two_letter_acronym_ends_the_abstract_before_a_title() -> None:
    """A full stop after "the UK" ends a sentence, as one after "et al." does not: the
    title after it, which the full line ran on into, starts a paragraph of its own."""
    physical = [
        "Publication date: 2013",
        "A scoping review of 87 studies on health visiting staff in the UK.",
        "Home visiting programmes and maternal outcomes: a systematic review",
        "Author(s): Nguyen et al.",
    ]
    assert [line.text for line in _filled(physical)][-4:] == physical


def test_a_list_of_links_whose_items_fill_their_lines_stays_a_list() -> None:
    """A dash that starts a line after a full line may be one the line broke at; not
    where the line before was a listed link and this one lists another."""
    physical = [
        "Competency Frameworks",
        "- [Health visitor competence and curriculum framework – Part 1](#)",
        "- [Health visitor competence and curriculum framework – Part 2](#)",
    ]
    assert all(len(text) >= 65 for text in physical[1:])
    assert [line.text for line in _filled(physical)][-3:] == physical


# A sub-section heading long enough to wrap, in the Contents and in the body, where the
# bullet item before it filled its line.
LONG_HEADING = (
    "Equality, diversity and inclusion in recruitment, progression and retention of the"
    " international workforce"
)


def test_a_heading_that_wraps_is_one_paragraph() -> None:
    lines = _filled(
        [
            "Contents",
            "Equality, diversity and inclusion in recruitment, progression and",
            "retention of the international workforce.....\t4",
            "Produced by the Knowledge Management team.",
            "• This study explored how staff experience the introduction of a role.",
            "Equality, diversity and inclusion in recruitment, progression and",
            "retention of the international workforce",
            "What works in newly qualified practitioners in the community",
            "Author(s): Otte et al.",
        ]
    )
    assert [line.text for line in lines][-4:] == [
        "• This study explored how staff experience the introduction of a role.",
        LONG_HEADING,
        "What works in newly qualified practitioners in the community",
        "Author(s): Otte et al.",
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        ["12", "\fEvidence Brief: Nursing Associates"],  # pdftotext -raw
        ["", "12", "", "\fEvidence Brief: Nursing Associates", ""],  # pdftotext
    ],
)
def test_a_heading_that_wraps_across_a_page_break_is_one_paragraph(furniture: list[str]) -> None:
    lines = _filled(
        [
            "Contents",
            "Equality, diversity and inclusion in recruitment, progression and",
            "retention of the international workforce.....\t4",
            "Produced by the Knowledge Management team.",
            "Methods: Implications for workforce planning and education are discussed.",
            "Equality, diversity and inclusion in recruitment, progression and",
            *furniture,
            "retention of the international workforce",
            "What works in newly qualified practitioners in the community",
            "Author(s): Otte et al.",
        ]
    )
    # (Paragraphs stand at their first line: the furniture, kept apart, comes after.)
    texts = [line.text.strip() for line in lines if line.text.strip()]
    assert texts[-6:] == [
        "Methods: Implications for workforce planning and education are discussed.",
        LONG_HEADING,
        "12",
        "Evidence Brief: Nursing Associates",
        "What works in newly qualified practitioners in the community",
        "Author(s): Otte et al.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Lines of a proportional font: full ones hold 89 to 111 characters, and most
        # lines are short (labels, one-sentence abstracts).
        "\n".join(
            line
            for index in range(12)
            for line in (
                "Title of a reference that is long enough to reach the margin of the page "
                + "x" * (index * 2),
                "Author(s): Otte et al.",
                "Source: Journal of Things 3(2)",
                "Publication date: 2020",
                "One sentence of abstract that fills its line as far as the margin goes "
                + "y" * (index * 2),
                "and ends on the next one.",
            )
        ),
    ],
)
def test_wrapped_text_in_a_proportional_font_is_wrapped(text: str) -> None:
    assert is_wrapped(split_lines(text))


@pytest.mark.parametrize(
    "header",
    [
        "Evidence Brief: Retention of Allied Health Professionals {page}",
        "{page} Evidence Brief: Retention of Allied Health Professionals",
        "Evidence Brief: Retention of Allied Health Professionals           Page {page} of 9",
    ],
)
def test_a_running_header_with_its_page_number_is_a_header(header: str) -> None:
    # pdftotext -layout (or a viewer) sets a page number in the header's line.
    pages = iter(range(2, 9))
    text = re.sub(
        r"(?m)^\d\n\n\fEvidence Brief: Retention of Allied Health Professionals$",
        lambda _match: "\f" + header.format(page=next(pages)),
        TITLE_WRAPS_BRIEF,
    )
    assert header.format(page=2) in text and header.format(page=3) in text
    brief = peerbrief.parse(text, dedupe=False)
    assert [entry.title for entry in brief.entries] == [
        entry.title for entry in peerbrief.parse(TITLE_WRAPS_BRIEF, dedupe=False).entries
    ]
    headers = [item.reason for item in brief.report if "Evidence Brief" in item.text]
    assert headers == [Reason.TITLE, Reason.RUNNING_HEADER, Reason.RUNNING_HEADER]
    assert brief.unexplained == ()


def _paged(pages: list[list[str]]) -> list[Line]:
    """Pages as pdftotext writes them: each ends with a form feed."""
    return split_lines("\n\f".join("\n".join(page) for page in pages))


def test_a_line_every_page_repeats_at_its_end_is_a_running_footer() -> None:
    footer = "Knowledge Management Team, NHS England – page {page}"
    words = ["Retention", "Supervision", "Wellbeing", "Careers", "Education"]
    pages = [
        [f"{word} is the subject here.", "Abstract only*", footer.format(page=page), str(page)]
        for page, word in enumerate(words, start=1)
    ]
    keys = running_line_keys(_paged(pages), "")
    assert keys == {"knowledgemanagementteamnhsenglandpage"}
    assert is_running_line("Knowledge Management Team, NHS England – page 12", keys)
    # An access note that falls at the end of every page is still an access note.
    assert "abstractonly" not in keys


def test_a_line_repeated_inside_the_pages_is_no_running_line() -> None:
    # At the ends of every page, and in their middle too: a sentence the brief repeats.
    words = ["Retention", "Supervision", "Wellbeing", "Careers"]
    pages = [
        [
            f"{word} comes first.",
            "Managers reported benefits.",
            "More text.",
            "Managers reported benefits.",
            "More text.",
            "Managers reported benefits.",
            f"{word} comes last.",
        ]
        for word in words
    ]
    assert running_line_keys(_paged(pages), "") == frozenset()


def test_a_line_at_the_bottom_of_some_pages_and_the_top_of_others_is_no_running_line() -> None:
    # Many titles end with the same second line; page breaks fell before it once and
    # after it twice: a paragraph's line, not a footer (which keeps to the bottom).
    tail = "of staff experiences across three integrated care systems"

    def body(page: int) -> list[str]:
        topic = ("Retention", "Careers", "Wellbeing", "Education")[page - 1]
        return [f"{topic}: sentence {word}." for word in ("one", "two", "three")]

    pages = [
        [*body(1), "Impact of new roles:", tail],
        [tail, "Author(s): Otte et al.", *body(2)],
        [*body(3), "Supervision of new roles:", tail],
        body(4),
    ]
    assert running_line_keys(_paged(pages), "") == frozenset()
    # The same line at the bottom of three of the four pages is a footer.
    pages[1] = ["Author(s): Otte et al.", *body(2), tail]
    assert running_line_keys(_paged(pages), "") == {heading_key(tail)}


def test_a_line_at_another_place_on_each_page_is_no_running_line() -> None:
    # A sentence many abstracts share, which page breaks left first on one page and
    # second on the next: a footer or header keeps its place.
    shared = "Implications for workforce planning and education are discussed."
    topics = ("Retention", "Careers", "Wellbeing", "Education")
    pages = [
        [f"{topic}: one.", shared, f"{topic}: two.", f"{topic}: three.", f"{topic}: four."]
        for topic in topics
    ]
    pages[1][:2] = pages[1][1::-1]
    assert running_line_keys(_paged(pages), "") == frozenset()
    pages[1][:2] = pages[1][1::-1]  # in its place on every page: a header
    assert running_line_keys(_paged(pages), "") == {heading_key(shared)}


def test_lines_that_are_paragraphs_already_are_not_rebuilt() -> None:
    # A PDF's paragraphs (each line holds the physical lines it joined) whose lengths
    # happen to cluster as wrapped text's do: bullet items stay items.
    items = [f"- [Competency framework Part {part}](https://example.org/{part})" for part in (1, 2)]
    texts = [*["x" * 70] * 25, "y" * 67, *items]
    lines = [Line(number, text, 1, (number,)) for number, text in enumerate(texts, start=1)]
    assert len(rebuild_paragraphs(lines)) < len(lines)  # as text: rebuilt
    lines[0] = Line(1, lines[0].text, 1, (1, 2))
    assert rebuild_paragraphs(lines) == lines


def test_a_page_number_glued_to_a_pages_last_word_goes() -> None:
    # pdftotext glues the page number to a page's last line ending in a word broken at a
    # hyphen, and drops the hyphen ("Semi-" + "3" → "Semi3" at the end of page 3).
    text = "\f\f" + "\n".join(  # (pages 1 and 2 are empty)
        [
            *["x" * 70] * 25,
            "",
            "Background: This study explored how staff experience the new role. Semi3",
            "\fEvidence Brief: Nursing Associates",
            "structured interviews were conducted with 24 participants across three trusts.",
        ]
    )
    lines = rebuild_paragraphs(split_lines(text))
    joined = next(line.text for line in lines if line.text.startswith("Background"))
    assert "the new role. Semi-structured interviews were" in joined


@pytest.mark.parametrize(("number", "glued"), [("3", True), ("19", False)])
def test_a_page_number_glued_without_form_feeds_goes_where_the_pages_say(
    number: str, glued: bool
) -> None:
    """Chrome's copy of PDFium's text: no form feeds, the hyphen dropped, the number glued;
    the running header after it and the pages counted by headers so far say whether the
    number is the page's ("Semi3" on page 3) or the word's own ("COVID19")."""
    header = "Evidence Brief: Nursing Associates"
    page = ["x" * 70] * 12
    text = "\n".join(
        [
            *page,
            header,
            *page,
            header,
            *page,
            f"Background: This study explored how staff experience the new role. Semi{number}",
            header,
            "structured interviews were conducted with 24 participants across three trusts.",
        ]
    )
    lines = rebuild_paragraphs(split_lines(text))
    joined = next(line.text for line in lines if "Background" in line.text)
    expected = "Semi-structured" if glued else f"Semi{number} structured"
    assert f"the new role. {expected} interviews were" in joined


def test_wrapped_text_with_dot_leaders_in_its_contents_is_wrapped() -> None:
    # LibreOffice's Contents: dot leaders far beyond the text's width.
    contents = [f"Heading number {n}" + "." * 110 + str(n) for n in range(12)]
    prose = ["A line of prose that fills the width of the page as lines do here."] * 30
    assert is_wrapped(split_lines("\n".join(["Contents", *contents, *prose, "Short."] * 2)))


# --- justified, hyphenated text (TeX) ------------------------------------------------------

_TEX_LINES = [
    "The implementation of the new role occupies managers, and participants",
    "said that the implementation of peer roles across organisations needs",
    "time; participants from three trusts on a low income said so, and the",
    "study of the new role, which occupies a place of its own in the imple-",
    "mentation of the policy, asked how the teams of the partic-",
    "ipants and their low-",
    "income clients work with the peer workers of organi-",
    "sations in the region, and what that means for them.",
]


def test_words_hyphenated_at_line_ends_are_mended_where_the_text_hyphenates() -> None:
    # Most line-end hyphens split words the text spells whole elsewhere: it hyphenates,
    # and the same decision as for a PDF's lines mends its words.
    paragraph = _filled(_TEX_LINES)[0].text
    assert "in the implementation of the policy" in paragraph
    assert "teams of the participants and their" in paragraph
    assert "low-income clients" in paragraph  # two words it prints whole: a compound
    assert "peer workers of organisations in" in paragraph  # spelled nowhere else


def test_a_typesetters_hyphen_mark_at_line_ends_mends_its_words() -> None:
    """WeasyPrint (CSS ``hyphens: auto``) ends a line it hyphenated with U+2010 HYPHEN,
    its ``hyphenate-character``, while the text's own hyphens stay U+002D: where U+2010
    ends several lines and stands nowhere else, it marks a word split at the line end,
    though the words' halves are words of their own (``help``, ``less``)."""
    paragraph = _filled(
        [
            "We are help\u2010",
            "less: in 2 low-in\u2010",
            "come countries, out\u2010",
            "patient teams of peer workers were mental health-",
            "care staff.",
        ]
    )[0].text
    assert paragraph == (
        "We are helpless: in 2 low-income countries, outpatient teams of peer workers"
        " were mental health-care staff."
    )
    # One U+2010 inside a line: the text's own hyphen, kept at a line end too.
    kept = _filled(
        ["a self\u2010help group, help\u2010", "less and out\u2010", "patient x\u2010", "y."]
    )
    assert "help\u2010less" in kept[0].text


@pytest.mark.parametrize("mark", ["\u00ad", "\u2010"])
def test_where_the_typesetter_marks_its_hyphens_a_hyphen_minus_at_a_line_end_stays(
    mark: str,
) -> None:
    """A typesetter that marks the words it hyphenated (soft hyphens: Typst's PDFs and
    LibreOffice's tagged ones; U+2010: WeasyPrint's) leaves a hyphen-minus at a line end
    the text's own, though the text spells the word whole elsewhere (Typst's justified
    brief read ``mental healthcare teams`` and ``Thirtythree``)."""
    paragraph = _filled(
        [
            f"We are help{mark}",
            f"less: in 2 low-in{mark}",
            f"come countries, out{mark}",
            "patient healthcare teams of thirty peer workers were mental health-",
            "care staff, thirty-",
            "three of them.",
        ]
    )[0].text
    assert paragraph == (
        "We are helpless: in 2 low-income countries, outpatient healthcare teams of thirty"
        " peer workers were mental health-care staff, thirty-three of them."
    )


def test_a_u2010_ending_a_line_or_two_and_standing_nowhere_else_is_judged_as_added() -> None:
    """A short brief WeasyPrint hyphenated (``hyphens: auto``) ends only a line or two
    with its U+2010: too few to be sure it is the typesetter's mark (a journal's abstract
    writes its own hyphens so), each is judged as in a document that hyphenates: a
    word's fragments joined (it read ``profes\u2010sion``), two words it prints whole
    kept a compound."""
    paragraph = _filled(
        [
            "Results: one in five left the profes\u2010",
            "sion in the first year; peer\u2010",
            "support workers stayed in peer support teams.",
        ]
    )[0].text
    assert paragraph == (
        "Results: one in five left the profession in the first year; peer\u2010support"
        " workers stayed in peer support teams."
    )


def test_a_hyphen_is_kept_where_the_text_does_not_hyphenate() -> None:
    paragraph = _filled(["the workers of organi-", "sations in the region said so."])[0].text
    assert "the workers of organi-sations in" in paragraph


def test_lines_pdftotext_joined_at_hyphens_do_not_unwrap_justified_text() -> None:
    # pdftotext without -layout joins a line ending in a hyphenated word to the next:
    # such lines are about twice the width, and justified text hyphenates often.
    full = "A line of justified prose that fills the width of the page as TeX sets it."
    joined = full + " " + full
    lines = split_lines("\n".join(([full] * 10 + [joined]) * 4 + ["Short."]))
    assert is_wrapped(lines)
    # Where few lines are near the width, lines twice as long are paragraphs of an export.
    lines = split_lines("\n".join(([full] * 3 + ["Short."] * 6 + [joined]) * 5))
    assert not is_wrapped(lines)


_SPLIT_TITLE = [
    "in the community, as it says.",
    "Recovery-promoting competencies:",
    "consumer-providers and providers",
    "",
    "perspectives of mental health consumers,",
    "",
    "Full text available via OpenAthens account*",
]


def test_a_line_split_at_a_stretched_gap_is_put_back_together() -> None:
    # pdftotext without -layout sets the right part of a line whose gap justification
    # stretched wide after the lines below, alone between blank lines.
    texts = [line.text for line in _filled(_SPLIT_TITLE) if line.text]
    assert texts[1] == (
        "Recovery-promoting competencies: perspectives of mental health consumers,"
        " consumer-providers and providers"
    )


def test_a_lone_line_that_fills_no_line_to_the_width_stays_where_it_is() -> None:
    physical = [*_SPLIT_TITLE[:4], "and more", *_SPLIT_TITLE[5:]]
    texts = [line.text for line in _filled(physical) if line.text]
    assert texts[1:3] == [
        "Recovery-promoting competencies: consumer-providers and providers",
        "and more",
    ]


_LINK = "https://doi.org/10.1016/j.ijnurstu.2016.01.011"
_TITLE = "Does shift length matter? 12-hour shifts and nurse retention"


@pytest.mark.parametrize(
    "head",
    [
        # The link written out on the line after the title, with or without a Contents.
        f"{_TITLE}\n{_LINK}",
        f"Contents\n\nPublished Peer Reviewed Research\t3\n\n{_TITLE}\n{_LINK}",
        # ... or run on to it, as a copy whose paragraphs were rebuilt gives it.
        f"{_TITLE} {_LINK}",
    ],
)
def test_a_title_with_its_link_written_out_keeps_the_title_and_gets_the_link(head: str) -> None:
    contents, _, title = head.rpartition("\n\n")
    text = (
        f"Evidence Brief: Retention\n\n{contents}\n\nPublished Peer Reviewed Research\n\n"
        f"{title}\n\nAuthor(s): Dall'Ora and Griffiths\n\n"
        "Source: International Journal of Nursing Studies 57 pp. 246-8\n\n"
        "Publication date: 2016\n\nNurses working long shifts reported burnout.\n"
    )
    brief = peerbrief.parse(text)
    (entry,) = brief.entries
    assert (entry.title, entry.url, entry.doi) == (
        _TITLE,
        _LINK,
        _LINK.removeprefix("https://doi.org/"),
    )
    assert [section.top for section in entry.sections] == ["Published Peer Reviewed Research"]
    assert entry.abstract == "Nurses working long shifts reported burnout."
    assert brief.unexplained == ()


def test_a_title_after_an_abstract_ending_in_a_bracket_and_a_full_stop_goes_apart() -> None:
    """The abstract's last line, full, ends ``…3.0).``: a sentence's end, so the title run
    on after it (a full line ran on) starts the next paragraph."""
    abstract = "Abstract: Moral distress predicted intention to leave (OR 2.1, 1.4–3.0)."
    title = "Compassion fatigue in intensive care nurses after COVID-19: a study"
    physical = [
        abstract,
        f"{title} Full",
        "text available with NHS OpenAthens account*",
        "Item Type: Journal Article",
    ]
    filler = ["x" * 70] * 25  # wrapped at 70: the abstract's line is full
    texts = [line.text for line in rebuild_paragraphs(split_lines("\n".join([*filler, *physical])))]
    assert texts[-3:] == [
        abstract,
        f"{title} Full text available with NHS OpenAthens account*",
        "Item Type: Journal Article",
    ]


@pytest.mark.parametrize(
    ("title_line", "next_line", "note"),
    [
        # The note wrapped after its first word, which stayed on the title's line...
        ("Part-time working among registered nurses Abstract", "only*", "Abstract only"),
        # ... or before its last word, without the "*" that marks a lone word as one.
        (
            "Part-time working among registered nurses Full text available with NHS OpenAthens",
            "account",
            "Full text available with NHS OpenAthens account",
        ),
    ],
)
def test_an_access_note_wrapped_at_any_word_leaves_the_title_whole(
    title_line: str, next_line: str, note: str
) -> None:
    text = "\n".join(
        [
            "Improving staff retention",
            "Author(s): Smith et al.",
            "Source: BMJ Open 13(2) e065432",
            "Publication date: 2023",
            "The abstract of the first one.",
            title_line,
            next_line,
            "Author(s): Patel et al.",
            "Source: BMJ Open 13(2) e065432",
            "Publication date: 2023",
            "Second abstract.",
        ]
    )
    brief = peerbrief.parse(text)
    first, second = brief.entries
    assert first.abstract == "The abstract of the first one."
    assert (second.title, second.access) == ("Part-time working among registered nurses", note)
    assert brief.unexplained == ()


def test_a_copy_of_some_pages_reports_the_reference_it_starts_inside(
    export_entries: tuple[peerbrief.Entry, ...],
) -> None:
    """A copy of pages 21-23 starts with the labels of a reference whose title is on page
    20: they were front matter, explained away; they are not understood now. No entry is
    made up, and the works the pages hold read as the export's (but for their sections:
    the copy has no Contents, and none of their headings)."""
    pages = make_plain_text.read("reportlab.pdftotext").split("\f")[20:23]
    # (What `pdftotext -f 21 -l 23` writes: each page ended by a form feed.)
    brief = peerbrief.parse("".join(f"{page}\f" for page in pages), dedupe=False)
    by_title = {entry.title: entry for entry in export_entries}
    assert all(entry.title in by_title for entry in brief.entries)
    expected = [by_title[entry.title] for entry in brief.entries]
    wrong = accuracy.mismatches(brief.entries, expected, loose_hyphens=True)
    # (The last work's abstract runs on past the copy's last page: it is cut there.)
    assert {(item.title, item.field) for item in wrong if item.field != "sections"} == {
        (expected[-1].title, "abstract")
    }
    cut, whole = (
        "".join((entry.abstract or "-").split()) for entry in (brief.entries[-1], expected[-1])
    )
    assert whole.startswith(cut)
    assert [item.text.split(":")[0] for item in brief.unexplained] == ["Source", "Publication date"]


def test_a_list_item_cut_on_a_word_no_title_ends_on_lists_no_document() -> None:
    """pdftotext sets a list's glyphs apart from its items; an item whose rest went to the
    next glyph stops on "in": in a brief without links it was read as a listed document (a
    reference titled "International recruitment has supplied … register in")."""
    text = "\n".join(
        [
            "Evidence Brief: International Recruitment",
            "Contents",
            "Key messages\t2",
            "Key publications – the big picture\t3",
            "Key messages",
            "- International recruitment has supplied more than half of the nurses who joined in",
            "- each year since 2021.",
            "Key publications – the big picture",
            "Code of practice for the international recruitment of health personnel",
            "Source: Department of Health and Social Care",
            "Publication date: August 2023",
        ]
    )
    brief = peerbrief.parse(text + "\n", dedupe=False)
    assert [entry.title for entry in brief.entries] == [
        "Code of practice for the international recruitment of health personnel"
    ]
    assert {item.reason for item in brief.report if item.line in (6, 7)} == {
        peerbrief.Reason.SECTION_PROSE
    }


_WRAPPED_PARTS = (
    "The Competence Framework - Part 1 - Supporting document for commissioners, employers and",
    "the peer support workers themselves",
    "The Competence Framework - Part 2 - Full list of competences for peer support workers working",
    "in mental health services",
    "The Competence Framework - Part 3 - Curriculum for the training of peer support workers in",
    "adult mental health services",
)


def test_list_items_that_wrap_after_their_glyphs_each_keep_their_rest() -> None:
    """pdftotext sets a list's glyphs on lines of their own, then its items: where the
    items' lines outnumber the glyphs, an item wrapped, and its rest runs on as any
    paragraph's does (each line took the next glyph: an item's rest was read as the next
    document, and the last document as prose)."""
    text = make_plain_text.read("libreoffice.pdftotext")
    start = text.index("The Competence Framework - Part 1 - ")
    end = text.index("\n\n", start)
    assert text[start:end].count("\n") == 2  # three items, a line each
    brief = peerbrief.parse(text[:start] + "\n".join(_WRAPPED_PARTS) + text[end:], dedupe=False)
    frameworks = [
        entry.title for entry in brief.entries if entry.sections[0].top == "Competency Frameworks"
    ]
    assert frameworks[:3] == [
        f"{first} {rest}"
        for first, rest in zip(_WRAPPED_PARTS[::2], _WRAPPED_PARTS[1::2], strict=True)
    ]
    assert brief.unexplained == ()


_LABEL_LIKE_TITLES = """Evidence Brief: Doctors in Training Wellbeing

Key publications – the big picture

Fatigue and facilities charter

Source: British Medical Association

Publication date: 2022

A charter agreed with NHS employers on rest facilities.

Journal: a year in the life of a resident doctor

Source: Royal College of Physicians

Publication date: Spring 2024

A diary kept by six doctors in training.

Publication details: what rota studies leave out

Item Type: Journal Article

Authors: al-Haddad, Omar and Ó Murchú, Séamus

Publication Date: 2021

Journal: Clinical Medicine 21(Suppl 2), pp. S12–S19
"""


@pytest.mark.parametrize("written", ["{title}", "{title} (https://example.org/{number})"])
def test_a_title_without_its_link_that_opens_like_a_label_is_a_title(written: str) -> None:
    """A title that opens with a label's words (``Journal: a year in …``) lost its link in
    a plain copy: the labels after it give that field again, and a reference gives each
    once, so the line is the next reference's title. It was read as the journal of the
    reference before, and the next reference's labels as not understood."""
    titles = ("Journal: a year in the life", "Publication details: what rota")
    lines = [
        written.format(title=line, number=number) if line.startswith(titles) else line
        for number, line in enumerate(_LABEL_LIKE_TITLES.splitlines())
    ]
    brief = peerbrief.parse("\n".join(lines), dedupe=False)
    assert brief.unexplained == ()
    assert [(e.title, e.kind, e.container_title, e.publisher) for e in brief.entries] == [
        ("Fatigue and facilities charter", Kind.REPORT, None, "British Medical Association"),
        (
            "Journal: a year in the life of a resident doctor",
            Kind.REPORT,
            None,
            "Royal College of Physicians",
        ),
        (
            "Publication details: what rota studies leave out",
            Kind.JOURNAL_ARTICLE,
            "Clinical Medicine",
            None,
        ),
    ]
    assert brief.entries[0].abstract == "A charter agreed with NHS employers on rest facilities."
