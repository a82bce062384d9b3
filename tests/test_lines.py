"""What one line, or the Contents list, says: Contents entries in the forms a PDF's text
extraction leaves them, headings wrapped over two lines among them."""

from __future__ import annotations

import pytest

from peerbrief.lines import clean_line, read_contents, split_lines

LONG = (
    "Equality, diversity and inclusion in recruitment, progression and retention of the"
    " international workforce"
)

PRODUCED = (
    "Produced by the Knowledge Management team Evidence Briefs offer an overview of the"
    " published reports, research, and evidence on a workforce-related topic."
)


@pytest.mark.parametrize(
    "lines",
    [
        # One line per entry, a TAB before the page number.
        ["Retention\t3", f"{LONG}\t4", "Wellbeing.....\t5"],
        # The long heading wrapped, the page number on its first line (Chromium's
        # floated page numbers) ...
        [
            "Retention\t3",
            "Equality, diversity and inclusion in recruitment, progression and retention"
            " of the international\t4",
            "workforce.....",
            "Wellbeing.....\t5",
        ],
        # ... or on its second.
        [
            "Retention\t3",
            "Equality, diversity and inclusion in recruitment, progression and retention of the",
            "international workforce.....\t4",
            "Wellbeing.....\t5",
        ],
        # pdftotext: each page number on the line after its heading, also between the
        # two lines of a wrapped heading; and a heading longer than a bare one can be.
        ["Retention", "3", LONG, "4", "Wellbeing.....", "5"],
        [
            "Retention",
            "3",
            "Equality, diversity and inclusion in recruitment, progression and retention"
            " of the international",
            "4",
            "workforce.....",
            "Wellbeing.....",
            "5",
        ],
        # A column of headings (pdftotext puts their page numbers after the front
        # matter's first paragraph; -raw, before the list), a long one among them: a
        # section of the template comes later in the column.
        ["Retention", LONG, "Wellbeing.....", "Competency Frameworks"],
        # ... and one that wrapped.
        [
            "Retention",
            "Equality, diversity and inclusion in recruitment, progression and",
            "retention of the international workforce.....",
            "Wellbeing.....",
        ],
    ],
)
def test_contents_entries_whatever_the_extraction(lines: list[str]) -> None:
    texts = [*lines, PRODUCED, "Retention"]
    entries, end = read_contents(texts, 0, lambda text: False)
    headings = [heading for heading, _lines in entries]
    assert headings[:3] == ["Retention", LONG, "Wellbeing"]
    assert headings[3:] in ([], ["Competency Frameworks"])
    assert texts[end] == PRODUCED


def test_contents_ends_where_a_heading_repeats() -> None:
    texts = [
        "Retention",
        "Equality, diversity and inclusion in recruitment, progression and",
        "retention of the international workforce",
        "Retention",
        "Equality, diversity and inclusion in recruitment, progression and",
        "retention of the international workforce",
    ]
    entries, end = read_contents(texts, 0, lambda text: False)
    assert [heading for heading, _lines in entries] == ["Retention", LONG]
    assert end == 3


def test_a_long_line_with_no_template_section_after_it_ends_the_contents() -> None:
    texts = ["Retention", "Wellbeing", LONG + " and more words than any heading has at all"]
    entries, end = read_contents(texts, 0, lambda text: False)
    assert ([heading for heading, _lines in entries], end) == (["Retention", "Wellbeing"], 2)


def test_contents_leaders_on_lines_of_their_own_are_their_headings() -> None:
    """PyMuPDF's text of TeX's Contents: a heading, its dot leaders on the next line, the
    page number on that line or the one after."""
    texts = ["Retention", ". . . . . . . . .", "3", "Wellbeing", ". . . . . . . 14", LONG]
    texts += [". . . . . . . . . . 15", PRODUCED]
    entries, end = read_contents(texts, 0, lambda text: False)
    assert entries == [
        ("Retention", (0, 1, 2)),
        ("Wellbeing", (3, 4)),
        (LONG, (5, 6)),
    ]
    assert texts[end] == PRODUCED


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("# Case Studies", "Case Studies"),
        ("## Wellbeing ##", "Wellbeing"),
        ("# **Key publications – the big picture** {#h0}", "Key publications – the big picture"),
        ("## __Wellbeing__ {.unnumbered}", "Wellbeing"),
        ("# **\\*Help accessing articles or papers**", "*Help accessing articles or papers"),
        ("### C# and F# in practice", "C# and F# in practice"),
        # No heading: no space after the marks, seven marks, nothing after them.
        ("#hashtag", "#hashtag"),
        ("####### Seven", "####### Seven"),
        ("# ", "#"),
    ],
)
def test_a_markdown_heading_is_its_name(raw: str, text: str) -> None:
    (line,) = split_lines(raw)
    assert line.text == text


def test_a_column_of_page_numbers_after_the_headings_names_no_entry() -> None:
    """pdftotext sets the page numbers of a Contents whose numbers float right apart,
    after all its headings (the first page's number under the last): a number names no
    heading (a page number at a later page's foot would be read as one)."""
    texts = ["Retention", "Wellbeing.....", "1", "", "3", "4", PRODUCED]
    entries, end = read_contents(texts, 0, lambda text: False)
    assert [heading for heading, _lines in entries] == ["Retention", "Wellbeing"]
    assert texts[end] == "3"


@pytest.mark.parametrize(
    "form",
    [
        "{page}[{heading}](#h{index})",  # pandoc's gfm of the web page: its span's number
        "[{page}]{{.page}}[{heading}](#h{index})",  # pandoc's markdown: the span kept
    ],
)
def test_a_contents_entry_written_page_first_before_its_link(form: str) -> None:
    """A web page's Contents floats each page number right, so a copy of the page writes it
    first, then the link to the heading's anchor: the Contents (it was read as front
    matter, and a heading such as ``Appendix 1: Search strategy`` was then no heading)."""
    headings = ["Retention", "Appendix 1: Search strategy", "Wellbeing....."]
    texts = [
        *(form.format(page=3 + index, heading=h, index=index) for index, h in enumerate(headings)),
        PRODUCED,
    ]
    entries, end = read_contents(texts, 0, lambda text: False)
    assert [heading for heading, _lines in entries] == [
        "Retention",
        "Appendix 1: Search strategy",
        "Wellbeing",
    ]
    assert texts[end] == PRODUCED


def test_a_bare_contents_heading_may_hold_a_colon_a_label_may_not() -> None:
    """pdftotext sets a Contents' page numbers apart from its headings: a heading with a
    colon (``Appendix 1: Search strategy``) is one of them. It ended the list, and the
    closing section's entry after it was read as that section's heading: the whole brief
    after it was boilerplate, no reference read."""
    headings = ["Retention", "Appendix 1: Search strategy", "*Help accessing articles or papers"]
    texts = [*headings, PRODUCED, "Date of publication: 12 March 2024"]
    entries, end = read_contents(texts, 0, lambda text: False)
    assert [heading for heading, _lines in entries] == headings
    assert texts[end] == PRODUCED
    entries, end = read_contents(["Retention", "Date of publication: 2024"], 0, lambda _: False)
    assert ([heading for heading, _lines in entries], end) == (["Retention"], 1)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # An en dash that Latin1 text (xpdf's, poppler's -enc Latin1) wrote as byte 0xAD,
        # between words, at a line's end or start, and between numbers: the dash.
        ("Key publications \xad the big picture", "Key publications – the big picture"),
        ("Peer support workers \xad", "Peer support workers –"),
        ("\xad either on a one-to-one basis", "– either on a one-to-one basis"),
        ("whose last stay was 0\xad1 year before", "whose last stay was 0–1 year before"),
        # A soft hyphen inside a word says where it may break: it goes (and is reported).
        ("self\xadmanagement and recov\xad", "selfmanagement and recov"),
    ],
)
def test_a_soft_hyphen_standing_for_no_break_is_a_dash(raw: str, text: str) -> None:
    line, removed = clean_line(split_lines(raw)[0])
    assert line.text == text
    assert removed == ({"\xad": raw.count("\xad")} if "–" not in text else {})


@pytest.mark.parametrize(
    ("texts", "heading"),
    [
        # fold -s -w 40: a heading cut before its leaders, leaders cut anywhere, a last
        # dot and the page number alone.
        (["Case ", "Studies.................................", "......4"], "Case Studies"),
        (
            ["Published Peer Reviewed ", "Research................................", ".37"],
            "Published Peer Reviewed Research",
        ),
        # Python's textwrap at 40: cut at the heading's own hyphen, and inside the number.
        (
            ["Covid-", "19......................................", "." * 39 + "2", "9"],
            "Covid-19",
        ),
    ],
)
def test_a_contents_entry_wrapped_narrower_than_its_line_is_one_entry(
    texts: list[str], heading: str
) -> None:
    """A copy of pdftotext's Contents wrapped again at 60-90 columns (a mail client, a
    terminal, ``fold``) cuts each entry's line of leaders: the heading's first words were
    an entry of their own, its rest another (``Research`` twice ended the list there),
    and a page number cut in two lost its first digit."""
    entries, end = read_contents([*texts, "Retention.....5", PRODUCED], 0, lambda text: False)
    assert [(h, len(lines)) for h, lines in entries] == [(heading, len(texts)), ("Retention", 1)]
    assert end == len(texts) + 1


def test_leaders_that_lead_to_no_page_number_join_no_heading() -> None:
    """pdftotext -raw sets a Contents' page numbers apart, in a column before it: a heading
    with no leaders before one whose leaders end without a number are two entries."""
    texts = ["Competencies", "Covid-19.....", "Defining the role", PRODUCED]
    entries, _end = read_contents(texts, 0, lambda text: False)
    assert [heading for heading, _lines in entries] == [
        "Competencies",
        "Covid-19",
        "Defining the role",
    ]


def test_a_page_number_at_a_contents_pages_foot_ends_no_list() -> None:
    """The page's number and the next page's running header inside a Contents list that
    goes on over a page: the list ended at the number (the closing section's entry after
    it, and a copy wrapped again, read as front matter not understood)."""
    header = "Evidence Brief: Nurses"
    texts = ["Retention.....3", "Wellbeing.....4", "1", "", header, "", "*Help accessing.....9"]
    entries, end = read_contents(texts, 0, lambda text: text == header)
    assert [heading for heading, _lines in entries] == [
        "Retention",
        "Wellbeing",
        "*Help accessing",
    ]
    assert end == len(texts)
