"""Variants of the format that the sample brief does not show, and how inputs are decoded."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures import accuracy
from fixtures.accuracy import FIELDS

import peerbrief
from peerbrief import Date, Kind, Pages, Person, Reason, Section
from peerbrief.errors import InputError
from peerbrief.lines import heading_key
from peerbrief.vocabulary import TOP_LEVEL_SECTIONS

OTHER_BRIEF = """\
Evidence Brief: Nursing Associates

Contents

Key publications – the big picture........ 3
Published Peer Reviewed Research 5
Retention ........ 5
Education and training\t7

Evidence Brief: Nursing Associates

Date of publication: March 2024

Please acknowledge this work in any resulting paper or presentation as:
Evidence Brief: Nursing Associates. Jo Bloggs and Sam Smith. (March 2024). UK: Workforce, Training and Education Knowledge Management Team

Key publications – the big picture

[Nursing associate workforce
report 2024](https://www.example.org/report)

Source: Public Health England

Publication date: Winter 2023

A report on the
Evidence Brief: Nursing Associates
workforce.

Published Peer Reviewed Research

Retention

[Why nursing associates stay: a survey](https://onlinelibrary.wiley.com/doi/10.5555/NA.2023.01/full)
Full text available with NHS
OpenAthens account*
Authors: Bloggs, Jo A. and van der Berg, Anna
Publication Date: December 2022-January 2023
Journal: Nurse Education Today 120, pp. 105-9
Abstract: **Aim:** to find out.
- first finding
- second finding

Education and training

[Training nursing associates](#)

Author(s): Smith et al.

Source: Nurse Education Today

Publication date: 2021

*Help accessing articles or papers

Where a report is freely available the link has been provided.
"""


@pytest.fixture(scope="module")
def other() -> peerbrief.Brief:
    return peerbrief.parse(OTHER_BRIEF.replace("\n", "\r\n").replace(" a survey", "\u00a0a survey"))


@pytest.mark.parametrize("heading", ["Retention", "Education and training"])
def test_a_heading_set_in_capitals_is_named_as_the_contents_spells_it(heading: str) -> None:
    """A style in capitals (CSS ``text-transform: uppercase``, as a browser prints it) gives
    the heading no other name: the Contents spells its words' case."""
    start = OTHER_BRIEF.index("Published Peer Reviewed Research\n\nRetention")  # the body's
    text = OTHER_BRIEF[:start] + OTHER_BRIEF[start:].replace(
        f"\n{heading}\n", f"\n{heading.upper()}\n"
    )
    brief = peerbrief.parse(text)
    names = [entry.sections[0].name for entry in brief.entries[1:]]
    assert names == ["Retention", "Education and training"]
    assert brief.unexplained == ()


def test_a_heading_the_contents_spells_in_capitals_keeps_its_own_case() -> None:
    """Only a heading in capitals takes the Contents' case: a heading written otherwise is
    named as written (a Contents typed by hand may spell it otherwise)."""
    text = OTHER_BRIEF.replace("Retention ........ 5", "RETENTION ........ 5")
    assert peerbrief.parse(text).entries[1].sections[0].name == "Retention"


def test_other_brief_structure(other: peerbrief.Brief) -> None:
    assert other.title == "Evidence Brief: Nursing Associates"
    assert other.authors == (Person("Bloggs", "Jo"), Person("Smith", "Sam"))
    assert other.date == Date(2024, 3)
    assert [entry.title for entry in other.entries] == [
        "Nursing associate workforce report 2024",
        "Why nursing associates stay: a survey",
        "Training nursing associates",
    ]
    assert [entry.sections for entry in other.entries] == [
        (Section("Key publications – the big picture"),),
        (Section("Published Peer Reviewed Research", "Retention"),),
        (Section("Published Peer Reviewed Research", "Education and training"),),
    ]
    assert other.unexplained == ()


def test_wrapped_title_and_running_header_inside_prose(other: peerbrief.Brief) -> None:
    report = other.entries[0]
    assert report.kind is Kind.REPORT
    assert report.publisher == "Public Health England"
    assert report.url == "https://www.example.org/report"
    assert report.doi is None
    assert report.date == Date(2023, season=4)
    assert report.abstract == "A report on the workforce."
    assert report.provenance[0].fields["title"] == (19, 20)


def test_three_line_access_note_and_journal_style(other: peerbrief.Brief) -> None:
    paper = other.entries[1]
    assert paper.access == "Full text available with NHS OpenAthens account"
    assert paper.authors == (Person("Bloggs", "Jo A."), Person("van der Berg", "Anna"))
    assert paper.date == Date(2022, 12, end=Date(2023, 1))
    assert (paper.container_title, paper.volume, paper.pages) == (
        "Nurse Education Today",
        "120",
        Pages("105", "109"),
    )
    assert paper.doi == "10.5555/na.2023.01"
    assert paper.abstract == "Aim: to find out. first finding second finding"


def test_journal_without_numbers_recognised_from_et_al(other: peerbrief.Brief) -> None:
    paper = other.entries[2]
    assert paper.kind is Kind.JOURNAL_ARTICLE
    assert paper.container_title == "Nurse Education Today"
    assert paper.authors_truncated


def test_closing_boilerplate_is_explained(other: peerbrief.Brief) -> None:
    reasons = {item.text: item.reason for item in other.report}
    assert (
        reasons["Where a report is freely available the link has been provided."]
        is Reason.BOILERPLATE
    )


def test_brief_without_contents_guesses_headings() -> None:
    text = OTHER_BRIEF.split("Contents")[0] + OTHER_BRIEF.split("Education and training\t7")[1]
    brief = peerbrief.parse(text)
    assert [e.sections[0].name for e in brief.entries] == [
        "Key publications – the big picture",
        "Retention",
        "Education and training",
    ]


def test_a_heading_the_contents_does_not_list_is_a_heading() -> None:
    # The Contents lists no "Education and training" (a brief's own slip, or a copy that
    # mangled its Contents): after the abstract's last sentence, right before a title, it
    # is still the section's heading, not the abstract's last words.
    text = OTHER_BRIEF.replace("Education and training\t7\n", "")
    brief = peerbrief.parse(text)
    assert [e.sections[0].name for e in brief.entries] == [
        "Key publications – the big picture",
        "Retention",
        "Education and training",
    ]
    assert brief.entries[1].abstract is not None
    assert not brief.entries[1].abstract.endswith("Education and training")
    assert _reasons_of(brief)["Education and training"] is Reason.HEADING


def test_a_caption_ending_an_unfinished_abstract_stays_in_it() -> None:
    # No sentence ends before it: the short line goes on with the abstract.
    text = OTHER_BRIEF.replace("Education and training\t7\n", "").replace(
        "- second finding\n\nEducation and training",
        "- second finding\nwhich the authors call\n\nEducation and training",
    )
    brief = peerbrief.parse(text)
    assert brief.entries[1].abstract is not None
    assert brief.entries[1].abstract.endswith("Education and training")
    assert brief.entries[2].sections[0].name == "Retention"


def _reasons_of(brief: peerbrief.Brief) -> dict[str, Reason]:
    return {item.text: item.reason for item in brief.report}


@pytest.mark.parametrize("mark", ["### ", "* ", "- ", "• ", "1. "])
def test_title_links_as_list_items_or_headings_read_as_the_sample(
    mark: str, sample_listed: peerbrief.Brief
) -> None:
    # An export (or a user's own copy) may list its references, or make each title a
    # heading: the labels after a listed title are still its metadata, none of it prose.
    lines = peerbrief.sample_path().read_text(encoding="utf-8").splitlines()
    text = "\n".join(
        mark + line if line.startswith("[") and line.endswith("](#)") else line for line in lines
    )
    brief = peerbrief.parse(text, dedupe=False)
    assert len(brief.entries) == len(sample_listed.entries)
    for entry, expected in zip(brief.entries, sample_listed.entries, strict=True):
        assert {name: getattr(entry, name) for name in FIELDS} == {
            name: getattr(expected, name) for name in FIELDS
        }
    assert brief.unexplained == ()


def test_orphan_metadata_before_any_reference_is_unexplained() -> None:
    brief = peerbrief.parse(
        "Evidence Brief: X\n\nSome stray line\n\n[A](#)\n\nSource: NHS England\n"
    )
    assert [item.text for item in brief.report if item.reason is Reason.FRONT_MATTER] == [
        "Some stray line"
    ]
    text = "[A](#)\nSource: NHS England\nSource: NHS Wales\n"
    (unexplained,) = peerbrief.parse(text).unexplained
    assert unexplained.line == 3


def _zipped(*names: str) -> bytes:
    """A zip archive holding ``names`` (an ODF package's ``mimetype`` holds its type)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            text = "application/vnd.oasis.opendocument.text" if name == "mimetype" else "<x/>"
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"Just some notes\nwith no references\n", "not an evidence brief"),
        # A word processor's file or a web page is named, with what to do instead.
        (_zipped("[Content_Types].xml", "word/document.xml"), r"a Word document \(\.docx\)"),
        (_zipped("mimetype", "content.xml"), r"an OpenDocument text \(\.odt\), which is not read"),
        (b"\xef\xbb\xbf <!DOCTYPE html>\n<html><body><p>Evidence Brief: X</p>", "an HTML page"),
        (b"<HTML>\n<body>Evidence Brief: X</body></HTML>", "print it to PDF"),
        # LibreOffice's XHTML, RTF (text: it was read as a brief of its markup), Word
        # 97-2003 and flat ODF.
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML'
            b' 1.1//EN" "x.dtd"><html xmlns="http://www.w3.org/1999/xhtml">',
            "an HTML page",
        ),
        (
            b"{\\rtf1\\ansi\\deff4 {\\fonttbl{\\f0 Arial;}}\n"
            b"\\pard Evidence Brief: Peer Support Workers\\par\n"
            b"\\pard Author(s): Otte et al.\\par}",
            r"a Rich Text Format document \(\.rtf\), which is not read; save it as PDF",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), r"a Word 97-2003 document \(\.doc\)"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n\n<office:document xmlns:office="urn:oasis:'
            b'names:tc:opendocument:xmlns:office:1.0" office:version="1.3">',
            r"an OpenDocument flat XML document \(\.fodt\)",
        ),
        # pdftotext's word boxes (-bbox-layout, -tsv) and its text as HTML (-htmlmeta),
        # as poppler writes them: no web page to print (they were called one, or no brief).
        (
            b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html '
            b'xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<title>Evidence Brief: Peer '
            b'Support Workers</title>\n</head>\n<body>\n<doc>\n  <page width="595.303937" '
            b'height="841.889764">\n    <flow>\n      <block xMin="56.800000" yMin="33.950764"'
            b' xMax="208.648000" yMax="45.650764">\n        <line xMin="56.800000" ',
            r"pdftotext marks it up \(-bbox, -bbox-layout, -tsv: .*\), which is not read",
        ),
        (
            b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html '
            b'xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<title>Evidence Brief: Peer '
            b'Support Workers</title>\n<meta name="Creator" content="Writer"/>\n</head>\n'
            b"<body>\n<pre>\nEvidence Brief: Peer Support Workers\n\nContents\n",
            r"-htmlmeta: an HTML page\), which is not read; read the PDF itself",
        ),
        (
            b"level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth"
            b"\theight\tconf\ttext\n1\t1\t0\t0\t0\t0\t0.000000\t0.000000\t595.303937\t"
            b"841.889764\t-1\t###PAGE###\n5\t1\t0\t0\t0\t0\t56.800000\t33.950764\t"
            b"41.328000\t11.700000\t100\tEvidence\n",
            "read the PDF itself, or the text pdftotext gives without those options",
        ),
    ],
)
def test_unreadable_inputs_are_refused_in_one_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        peerbrief.read(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        peerbrief.read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        peerbrief.read(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings_read_the_same(tmp_path: Path, encoding: str) -> None:
    text = "Evidence Brief: Café workers\n\n[Équipe – “peer” roles](#)\n\nSource: NHS England\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    brief = peerbrief.read(path)
    assert brief.title == "Evidence Brief: Café workers"
    assert brief.entries[0].title == "Équipe – “peer” roles"


def test_old_mac_line_endings_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "cr.txt"
    path.write_bytes(b"Evidence Brief: X\r\r[A\ttitle](#)\rSource:\tNHS England\r")
    (entry,) = peerbrief.read(path).entries
    assert entry.title == "A title"
    assert entry.publisher == "NHS England"
    assert entry.provenance[0].lines == (3, 4)


def test_sample_path_is_packaged() -> None:
    path = peerbrief.sample_path()
    assert path.is_file()
    assert path.read_text(encoding="utf-8").startswith("\n\nEvidence Brief: Peer Support Workers")


def test_a_title_that_lost_its_link_is_still_a_reference() -> None:
    text = """\
Evidence Brief: X

[A linked paper](#)

Author(s): Smith et al.

Source: Journal of Things 3(2)

An abstract that ends here.

An unlinked paper on peer support Abstract only*

Author(s): Jones et al.

Source: Journal of Things 4(1)

Publication date: 2019

[Another linked report](#)

Source: NHS England
"""
    brief = peerbrief.parse(text)
    assert [entry.title for entry in brief.entries] == [
        "A linked paper",
        "An unlinked paper on peer support",
        "Another linked report",
    ]
    unlinked = brief.entries[1]
    assert unlinked.access == "Abstract only"
    assert unlinked.authors == (Person("Jones"),)
    assert unlinked.url is None
    assert brief.entries[0].abstract == "An abstract that ends here."


def test_a_wrapped_title_line_is_not_taken_for_a_reference() -> None:
    text = "[A title that the export](#)\nbroke in two\n\nAuthor(s): Smith et al.\n\nSource: NHS England\n"
    (entry,) = peerbrief.parse(text).entries
    assert entry.title == "A title that the export"
    assert entry.authors == (Person("Smith"),)


# --- the export as a markdown writer rewrites it ----------------------------------------


def _pandoc(text: str, writer: str) -> str:
    pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with pypandoc-binary")
    return str(
        pypandoc.convert_text(text, writer, format="markdown-smart", extra_args=["--wrap=preserve"])
    )


def _backslash_breaks(text: str) -> str:
    """Every line that a paragraph's next line follows ends with a hard line break."""
    return re.sub(r"(?<=\S)\n(?=\S)", "\\\\\n", text)


def _atx_headings(text: str) -> str:
    """Headings as a markdown writer converting a web page writes them: ``# **Name**
    {#id}`` for the template's sections, ``## __Name__ ##`` for the others."""
    tops = {heading_key(name) for name in TOP_LEVEL_SECTIONS}
    subs = {heading_key(section.name) for section in peerbrief.parse(text).sections} - tops
    lines = text.split("\n")
    body = next(index for index, line in enumerate(lines) if line.startswith("Produced by"))
    for index in range(body, len(lines)):
        key = heading_key(lines[index])
        if key in tops:
            lines[index] = f"# **{lines[index]}** {{#h{index}}}"
        elif key in subs:
            lines[index] = f"## __{lines[index]}__ ##"
    return "\n".join(lines)


def _html_breaks(text: str) -> str:
    """Every line ends with ``<br>``, headings and a paragraph's last line too."""
    return re.sub(r"(?<=\S)$", "<br>", text, flags=re.MULTILINE)


@pytest.mark.parametrize(
    "rewrite",
    [
        # pandoc escapes the footnote mark (`Abstract only\*`), a Contents heading's
        # leaders (`Case Studies\.....`), a caret (`\^{1,2}`); gfm sets math as code.
        pytest.param(lambda text: _pandoc(text, "markdown-smart"), id="pandoc-markdown"),
        pytest.param(lambda text: _pandoc(text, "gfm"), id="pandoc-gfm"),
        pytest.param(_backslash_breaks, id="backslash-breaks"),
        pytest.param(_html_breaks, id="br-breaks"),
        pytest.param(_atx_headings, id="atx-headings"),
    ],
)
def test_the_export_rewritten_by_a_markdown_writer_reads_the_same(
    rewrite: Callable[[str], str],
) -> None:
    export = peerbrief.sample_path().read_text(encoding="utf-8")
    rewritten = rewrite(export)
    assert rewritten != export
    expected = peerbrief.parse(export, dedupe=False)
    brief = peerbrief.parse(rewritten, dedupe=False)
    assert accuracy.mismatches(brief.entries, expected.entries) == []
    assert brief.unexplained == ()


def test_a_title_broken_after_its_prefix_is_the_whole_title() -> None:
    """A large title wrapped after ``Evidence Brief:``: both lines are the title."""
    export = peerbrief.sample_path().read_text(encoding="utf-8")
    title = "Evidence Brief: Peer Support Workers"
    assert export.startswith(f"\n\n{title}\n")
    brief = peerbrief.parse(export.replace(title, "Evidence Brief:\nPeer Support Workers", 1))
    assert brief.title == title
    assert [item.line for item in brief.report if item.reason is Reason.TITLE] == [3, 4]
    assert len(brief.entries) == len(peerbrief.parse(export).entries)


def test_bullet_glyphs_set_apart_from_their_items_are_no_words_of_the_abstract() -> None:
    """``pdftotext`` of a short page (not wrapped: read line by line) sets a list's glyphs
    on lines of their own, all before the items."""
    text = OTHER_BRIEF.replace(
        "- first finding\n- second finding\n", "•\n•\n\nfirst finding\nsecond finding\n"
    )
    brief = peerbrief.parse(text, dedupe=False)
    (entry,) = [entry for entry in brief.entries if entry.title.startswith("Why nursing")]
    assert entry.abstract == "Aim: to find out. first finding second finding"
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    ("authors", "people"),
    [
        ("Jane Smith, Raj Patel et al.", (Person("Smith", "Jane"), Person("Patel", "Raj"))),
        ("SMITH Jane, LI Wei et al.", (Person("SMITH", "Jane"), Person("LI", "Wei"))),
    ],
)
def test_author_lists_other_producers_write_read_as_their_people(
    authors: str, people: tuple[Person, ...]
) -> None:
    """Given names first and commas alone, or family names in capitals first: each person
    with their family name, not one person of two names."""
    brief = peerbrief.parse(
        f"Evidence Brief: X\n\n[A paper](#)\n\nAuthor(s): {authors}\n\n"
        "Source: BMJ Open 3(2)\n\nAn abstract.\n"
    )
    (entry,) = brief.entries
    assert (entry.authors, entry.authors_truncated) == (people, True)
    assert brief.unexplained == ()


def test_an_author_value_that_names_nobody_is_reported_and_kept() -> None:
    brief = peerbrief.parse(
        "Evidence Brief: X\n\n[A paper](#)\n\nAuthor(s): see full text\n\n"
        "Source: BMJ Open 3(2)\n\nAn abstract.\n"
    )
    (entry,) = brief.entries
    assert entry.authors == ()
    assert entry.unparsed == {"authors": "see full text"}
    assert [(item.line, item.reason) for item in brief.unexplained] == [
        (5, Reason.VALUE_NOT_UNDERSTOOD)
    ]


@pytest.mark.parametrize(
    "value",
    ["Anonymous", "Anon.", "Unknown", "[Anonymous]", "No author", "[No authors listed]"],
)
def test_an_author_value_that_says_none_is_known_is_no_author_and_reported(value: str) -> None:
    # CSL and Zotero keep such a work without author (the styles cite it by its title),
    # not as one by a person named "Anonymous"; the words are reported as dropped.
    brief = peerbrief.parse(
        f"Evidence Brief: X\n\n[A paper](#)\n\nAuthor(s): {value}\n\n"
        "Source: BMJ Open 3(2)\n\nAn abstract.\n"
    )
    (entry,) = brief.entries
    assert (entry.authors, entry.unparsed, entry.abstract) == ((), {}, "An abstract.")
    assert entry.provenance[0].fields["authors"] == (5,)
    assert [(item.line, item.text, item.reason) for item in brief.report if item.line == 5] == [
        (5, value, Reason.NO_AUTHOR)
    ]
    assert brief.unexplained == ()


def test_an_author_list_broken_after_its_and_keeps_the_names_before_and_reports_the_rest() -> None:
    brief = peerbrief.parse(
        "Evidence Brief: X\n\n[A paper](#)\n\nAuthor(s): Hegedus, Anna, Burr, Christian and\n"
        "Schulz, Michael\n\nSource: BMJ Open 3(2)\n\nAn abstract.\n"
    )
    (entry,) = brief.entries
    assert entry.authors == (Person("Hegedus", "Anna"), Person("Burr", "Christian"))
    assert [(item.line, item.text) for item in brief.unexplained] == [(6, "Schulz, Michael")]
