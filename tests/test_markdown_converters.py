"""Markdown that PDF-to-markdown converters make of a brief: the shapes their output
takes (generated here from the export and the links of the reportlab fixture, so that
the tests need no converter), and, where a converter is installed, its output itself.

pymupdf4llm (``to_markdown``) underlines each link (``<u>[Title](URL)</u>``) and writes a
link wrapped over lines as one link per line, each with the target; with its layout
engine (pymupdf-layout, its default since 1.x) it keeps no target (``<u>Title</u>``) and
runs a reference's title, access note and labels together in one paragraph. Others write
inline HTML anchors, bold labels in HTML and ``<br>`` between a block's lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fixtures import accuracy, make_converter_markdown, pdf_samples

import peerbrief
from peerbrief.lines import split_lines
from peerbrief.paragraphs import mend_converted_paragraphs

_TITLE_LINK = re.compile(r"^(\s*(?:- )?)\[([^\]]+)\]\(#\)(.*)$")


def _links() -> dict[str, str]:
    return {
        link["text"]: link["url"]
        for link in pdf_samples.truth("reportlab")
        if link["role"] in ("title", "document")
    }


def _export() -> str:
    return peerbrief.sample_path().read_text(encoding="utf-8")


def _with_targets(shape: Callable[[str, str, str, str], str]) -> str:
    """The export with each title line rewritten by ``shape(lead, title, url, rest)``."""
    links = _links()
    lines = []
    for line in _export().splitlines():
        found = _TITLE_LINK.match(line)
        url = links.get(re.sub(r"\\(.)", r"\1", found[2])) if found else None
        if found and url:
            line = shape(found[1], found[2], url, found[3])
        lines.append(line)
    return "\n".join(lines) + "\n"


def _check(text: str, *, with_links: bool) -> peerbrief.Brief:
    brief = peerbrief.parse(text, dedupe=False)
    expected = pdf_samples.text_brief().entries
    assert [str(item) for item in accuracy.mismatches(brief.entries, expected)] == []
    assert brief.unexplained == ()
    if with_links:
        links = _links()
        assert [e.title for e in brief.entries if e.url != links[e.title]] == []
    return brief


def _underlined(lead: str, title: str, url: str, rest: str) -> str:
    return f"{lead}<u>[{title}]({url})</u>{rest}"


def _underlined_and_wrapped(lead: str, title: str, url: str, rest: str) -> str:
    """pymupdf4llm's link wrapped over two lines, and over a page break when long."""
    words = title.split()
    if len(words) < 6:
        return _underlined(lead, title, url, rest)
    half = len(words) // 2
    first, second = " ".join(words[:half]), " ".join(words[half:])
    page_break = "\n\n12\n\nEvidence Brief: Peer Support Workers\n\n" if len(words) > 12 else "\n"
    return f"{lead}<u>[{first}]({url})</u>{page_break}<u>[{second}]({url})</u>{rest}"


def _anchor(lead: str, title: str, url: str, rest: str) -> str:
    return f'{lead}<a href="{url}">{title}</a>{rest}'


@pytest.mark.parametrize("shape", [_underlined, _underlined_and_wrapped, _anchor])
def test_links_in_a_converters_html_keep_their_targets(
    shape: Callable[[str, str, str, str], str],
) -> None:
    """``<u>[Title](URL)</u>`` was no link to the reader: every URL and DOI was lost, and
    a title a converter wrote as two links was read as two references."""
    _check(_with_targets(shape), with_links=True)


def _bold_labels(text: str) -> str:
    return re.sub(r"^(Source|Author\(s\)|Publication date):", r"<b>\1:</b>", text, flags=re.M)


def test_labels_in_html_bold_are_labels() -> None:
    _check(_bold_labels(_export()), with_links=False)


_BLOCK_LINE = re.compile(
    r"^(?:Author\(s\)|Source|Publication date|Author|Publication Date|Publication Details"
    r"|Item Type|Authors|Journal):"
)


def _run_together(separator: str, title: str) -> str:
    """Each reference's title line and labelled lines as one paragraph, ``separator``
    between them; the title a link (``link``), underlined without its target
    (``underline``) or bare (``bare``)."""
    paragraphs: list[str] = []
    for line in _export().splitlines():
        if not line.strip():
            continue
        if (
            _BLOCK_LINE.match(line)
            and paragraphs
            and (
                _TITLE_LINK.match(paragraphs[-1])
                or _BLOCK_LINE.match(paragraphs[-1])
                or paragraphs[-1].startswith("<u>")
            )
        ):
            paragraphs[-1] += separator + line
            continue
        found = _TITLE_LINK.match(line)
        if found and not found[1] and title != "link":
            line = (f"<u>{found[2]}</u>" if title == "underline" else found[2]) + found[3]
        paragraphs.append(line)
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize(
    ("separator", "title"),
    [(" ", "underline"), (" ", "link"), (" ", "bare"), ("<br>", "link"), ("<br/>", "underline")],
)
def test_a_references_lines_run_together_are_read_apart(separator: str, title: str) -> None:
    """pymupdf4llm's layout mode: ``<u>Title</u> Abstract only* Author(s): Otte et al.
    Source: … Publication date: 2020`` in one paragraph. The labels' values were read as
    the access note (``Source: NHS England``), silently; after a title that is no link,
    the reference was lost."""
    text = _run_together(separator, title)
    assert "Author(s): Otte et al. Source:" in text.replace("<br>", " ").replace("<br/>", " ")
    _check(text, with_links=False)


@pytest.mark.parametrize(
    "text",
    [
        # An abstract's own labels and a label's value that names one are left alone.
        "Abstract: Methods: we asked. Source: a survey of staff. Journal: none.",
        "We asked staff. Source: the survey of 2019, and its Journal: a diary.",
        "Publication Details: Journal of Things, 3, (1) pp.1-2. , Canada:",
        # A title that holds a label's word, inside its link.
        "[Source: a history of the role](#) Abstract only*",
    ],
)
def test_text_that_only_looks_run_together_stays_whole(text: str) -> None:
    lines = split_lines(text)
    assert [line.text for line in mend_converted_paragraphs(lines)] == [text]


def test_bullet_links_the_export_lost_are_never_joined() -> None:
    """Links whose target the export lost (``#``) say nothing of belonging together: the
    competency framework's parts 1-3 stay three references."""
    text = "- [Part 1](#)\n- [Part 2](#)\n[A](#) [B](#)"
    lines = split_lines(text)
    assert [line.text for line in mend_converted_paragraphs(lines)] == text.splitlines()


def test_links_to_one_page_that_start_over_stay_apart() -> None:
    """Two parts of a series on one page, each its title's link to that page, on lines of
    their own: they repeat their opening words, as one title's lines never do, and stay
    two titles (joined, the second part was lost in the first's title)."""
    target = "https://www.example.org/framework/"
    text = f"[Support worker framework – Part 1 – Core]({target})\n" + (
        f"[Support worker framework – Part 2 – Clinical]({target})"
    )
    lines = split_lines(text)
    assert [line.text for line in mend_converted_paragraphs(lines)] == text.splitlines()


def test_a_title_written_a_link_a_line_still_joins() -> None:
    target = "https://www.example.org/framework/"
    lines = split_lines(f"[Support worker framework, part of a]({target})\n[series]({target})")
    assert [line.text for line in mend_converted_paragraphs(lines)] == [
        f"[Support worker framework, part of a series]({target})"
    ]


def test_pymupdf4llms_markdown_without_its_layout_engine() -> None:
    """pymupdf4llm's markdown of the reportlab PDF (committed: see
    ``fixtures/make_converter_markdown.py``), links kept: at most a few fields wrong."""
    brief = peerbrief.parse(make_converter_markdown.read(), dedupe=False)
    wrong = accuracy.mismatches(brief.entries, pdf_samples.text_brief().entries)
    assert len(wrong) <= 5, [str(item) for item in wrong]


def _as_table_rows(text: str) -> str:
    """markitdown's shape of justified lines and pymupdf4llm's of the Contents: a line's
    words in the cells of a table row, a rule row after a table's first row."""
    rows = []
    for line in text.splitlines():
        if "\t" in line:  # a Contents entry: heading | page
            rows.append("|" + "|".join(line.split("\t")) + "|")
        elif _BLOCK_LINE.match(line):
            label, value = line.split(":", 1)
            words = value.split()
            rows.append(f"| {label}: | {' | '.join(words)} |")
            rows.append("| --- |" + " --- |" * len(words))
        else:
            rows.append(line)
    return "\n".join(rows) + "\n"


def test_a_markdown_tables_rows_are_lines_of_text() -> None:
    """The rows were read as prose: the labels in them were lost, and so were the works."""
    text = _as_table_rows(_export())
    assert "| Source: | NHS | England |" in text and "|Competency Frameworks|49|" in text
    _check(text, with_links=False)


_LAYOUT_MODE = """\
Evidence Brief: Peer Support Workers

Contents

Published Peer Reviewed Research\t6

Published Peer Reviewed Research

'Walking the tightrope': The role of peer support workers in facilitating consumers' \
participation in decision-making Abstract only*

'Walking the tightrope': The role of peer support workers in facilitating consumers' \
<u>participation in decision-making</u> Abstract only* Author(s): Cleary et al. \
Source: International Journal of Mental Health Nursing 27(4) Publication date: August 2018

In adult mental health services, the participation of consumers is essential.
"""


def test_an_unlinked_title_with_its_labels_run_on_is_a_reference() -> None:
    """pymupdf4llm's layout mode after the repeated-title artifact, underlining part of
    the title: the reference was explained away as section prose, twice."""
    brief = peerbrief.parse(_LAYOUT_MODE, dedupe=False)
    [entry] = brief.entries
    assert entry.title.endswith("consumers' participation in decision-making")
    assert (entry.container_title, entry.volume, entry.issue) == (
        "International Journal of Mental Health Nursing",
        "27",
        "4",
    )
    assert (entry.date, entry.access, entry.authors_truncated) == (
        peerbrief.Date(2018, 8),
        "Abstract only",
        True,
    )
    assert (
        entry.abstract
        == "In adult mental health services, the participation of consumers is essential."
    )
    reasons = [item.reason for item in brief.report]
    assert peerbrief.Reason.TITLE_ARTIFACT in reasons
    assert peerbrief.Reason.SECTION_PROSE not in reasons


def test_a_contents_list_of_underlined_internal_links_is_the_contents() -> None:
    """pymupdf4llm underlines a Contents entry of LibreOffice's PDF (an internal link),
    leaders and page run together: it is the Contents, not a reference's title link (the
    sub-sections' entries had no section: 64 fields)."""
    lines = []
    for line in _export().splitlines():
        heading, tab, page = line.partition("\t")
        lines.append(f"<u>{heading.rstrip('.')}{'.' * 40}{page}</u>" if tab else line)
    text = "\n".join(lines) + "\n"
    assert "<u>Challenges/ benefits....." in text
    _check(text, with_links=False)


_WHOLE_LINE_LINK = re.compile(r"^([^\[\n]{5,}?)\[([^\]]+)\]\(#\)([^\n]*)$", re.MULTILINE)


def test_a_link_covering_a_paragraphs_first_words_is_no_reference() -> None:
    """pymupdf4llm's link of Chromium's PDF covers the whole line it starts on: a
    paragraph of prose (an abstract, a section's prose) opened with a link, and was read as
    a reference of its own, the abstract it cut short lost."""

    def whole_line(match: re.Match[str]) -> str:
        words = f"{match[1]}{match[2]}{match[3]}".split(" ")
        return f"[{' '.join(words[:12])}](https://example.org/x) {' '.join(words[12:])}"

    text = _WHOLE_LINE_LINK.sub(whole_line, _export())
    assert "[Peer support is a supported self-management intervention. It" in text
    assert "[You can find relevant statistics on the Health and Care" in text
    _check(text, with_links=False)


def test_a_publication_date_in_bold_is_the_briefs_date() -> None:
    """pandoc's markdown of the Word document sets the front matter's label in bold: the
    brief's date went unread (and the line was taken for a reference's label)."""
    export = _export().replace(
        "Date of publication: November 2023", "**Date of publication:** November 2023"
    )
    citation = "Evidence Brief: Peer Support Workers. Katie Nicholas. (15 November 2023)."
    without_citation = "\n".join(line for line in export.splitlines() if citation not in line)
    brief = peerbrief.parse(without_citation, dedupe=False)
    assert brief.date == peerbrief.Date(2023, 11)
    assert brief.unexplained == ()


def test_a_title_line_repeated_before_its_split_access_note_keeps_its_reference() -> None:
    """(Found by the deleting-or-repeating property.) A title link whose line goes on with
    the first words of an access note (``Full text available with NHS``) is no paragraph
    of prose, even where no labels follow it at once: the copy is a reference (as it was)."""
    lines = _export().splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("[Challenges experienced"))
    assert lines[at].endswith("](#) Full text available with NHS")
    lines.insert(at, lines[at])
    brief = peerbrief.parse("\n".join(lines), dedupe=False)
    title = re.sub(r"\\(.)", r"\1", lines[at][1 : lines[at].index("](#)")])
    assert [entry.title for entry in brief.entries].count(title) == 2
