"""What happens to a brief's text after it is copied: read by a program in the wrong
encoding, pasted into a chat or a message with its links, numbered by a word processor.
Each copy is made from the sample and the seven briefs of ``fixtures/briefs`` and must
read to the entries of the brief itself, what changed reported."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from fixtures import accuracy
from hypothesis import given, settings
from hypothesis import strategies as st

import peerbrief
from peerbrief import Reason
from peerbrief.dedupe import merge_duplicates

HERE = Path(__file__).parent
BRIEFS = [peerbrief.sample_path(), *sorted((HERE / "fixtures" / "briefs").glob("*.txt"))]


@pytest.fixture(scope="module", params=BRIEFS, ids=lambda path: path.stem)
def brief(request: pytest.FixtureRequest) -> tuple[str, peerbrief.Brief]:
    text = request.param.read_text(encoding="utf-8")
    return text, peerbrief.parse(text, dedupe=False)


def _read(text: str) -> peerbrief.Brief:
    return peerbrief.parse(text, dedupe=False)


def _fields(brief: peerbrief.Brief) -> list[tuple[object, ...]]:
    return [
        (e.title, e.authors, e.container_title, e.date, e.publisher, e.sections, e.abstract)
        for e in brief.entries
    ]


def _as_windows_1252(text: str) -> str:
    """``text``'s UTF-8 read byte by byte as Windows-1252, as Windows reads it (a byte it
    leaves undefined, 9D the last of ``”``, is the C1 control of its value)."""
    return "".join(
        bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
        for byte in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    "misread",
    [_as_windows_1252, lambda text: text.encode("utf-8").decode("latin-1")],
    ids=["windows-1252", "latin-1"],
)
def test_utf8_read_as_windows_1252_is_repaired_and_reported(
    brief: tuple[str, peerbrief.Brief], misread: object
) -> None:
    """A copy whose UTF-8 a program read as Windows-1252 (or Latin-1) and saved again:
    every curly quote, dash and accented letter was two or three characters (``â€™``,
    ``â€“``, ``Ã©``): sections were ``Key publications â€“ the big picture``, titles and
    authors held them (103 fields wrong over the eight briefs, and the 9D byte of ``”``
    removed as a control). Each is the character again, and reported by line."""
    text, expected = brief
    assert callable(misread)
    copy = _read(misread(text))
    assert _fields(copy) == _fields(expected)
    assert [s.name for s in copy.sections] == [s.name for s in expected.sections]
    assert copy.unexplained == ()
    repaired = [item for item in copy.report if item.reason is Reason.MOJIBAKE_REPAIRED]
    assert repaired
    assert all(item.reason.explained and item.reason.is_removal for item in repaired)


def test_what_is_repaired_is_said_by_line() -> None:
    text = "Evidence Brief: Nurses\n\nKey publications – the big picture\n\n[Nurses’ café](#)\n\nSource: NHS England\n"
    copy = _read(_as_windows_1252(text))
    assert copy.entries[0].title == "Nurses’ café"
    assert [(item.line, item.text) for item in copy.report if item.reason.is_removal] == [
        (3, "â€“ → –"),
        (5, "â€™ → ’, Ã© → é"),
    ]


def test_a_curly_quote_whose_last_byte_was_lost_is_reported_not_guessed() -> None:
    """``”`` is E2 80 9D, and 9D has no character in Windows-1252: a program may drop it or
    write ``?``, leaving ``â€``, which ``”`` shares with four other characters. The title
    keeps what is there, and the line fails the check."""
    text = (
        "Evidence Brief: Nurses\n\nKey publications – the big picture\n\n"
        "[“Who looks after us?” Nurses’ views](#)\n\nSource: NHS England\n"
    )
    for lost in ("", "?"):
        copy = _read(_as_windows_1252(text).replace("\x9d", lost))
        assert copy.entries[0].title == f"“Who looks after us?â€{lost} Nurses’ views"
        assert [(item.line, item.reason) for item in copy.unexplained] == [(5, Reason.MOJIBAKE)]


@pytest.mark.parametrize(
    "words",
    [
        "Straße“ and Grüß“",  # ß then “ is DF 93, a character's UTF-8
        "São Paulo’s clinics",
        "Ångström’s «métier»",
    ],
)
def test_text_never_read_as_windows_1252_is_left_as_it_is(words: str) -> None:
    """Only a text holding what no writer writes (``â€`` or ``Ã``/``Â`` then a symbol)
    is repaired: two characters that happen to spell a character's UTF-8 are words."""
    text = (
        "Evidence Brief: Nurses\n\nKey publications – the big picture\n\n"
        f"[{words}](#)\n\nSource: NHS England\n"
    )
    copy = _read(text)
    assert copy.entries[0].title == words
    assert not [item for item in copy.report if item.reason is Reason.MOJIBAKE_REPAIRED]


def _emailed(text: str, width: int, quote: str, flowed: bool) -> str:
    """``text`` pasted into a message: each paragraph wrapped at ``width`` columns, each
    line after ``quote`` where a reply quotes it; format=flowed (RFC 3676) ends each line
    a paragraph goes on after with a space."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        wrapped = textwrap.wrap(paragraph, width - len(quote), break_on_hyphens=False) or [""]
        ends = [" " if flowed else ""] * (len(wrapped) - 1) + [""]
        lines.extend(f"{quote}{line}{end}" for line, end in zip(wrapped, ends, strict=True))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("width", "quote", "flowed"),
    [(72, "", False), (76, "> ", False), (72, ">> ", False), (78, "> ", True)],
)
def test_a_brief_pasted_into_an_email_reads_like_the_brief(
    brief: tuple[str, peerbrief.Brief], width: int, quote: str, flowed: bool
) -> None:
    """Mail wraps at 72 to 78 columns, quoted (Outlook's ``>>``) or not. A numbered list
    of links (``1. [Dental nurse framework – Part 1 …](#)``, ``2. …``) whose items fill
    less than a line was read as one paragraph once wrapped: the second and third titles
    were text after the first (10 fields wrong, the check failed)."""
    text, expected = brief
    copy = _read(_emailed(text, width, quote, flowed))
    # (An abstract's spacing aside: a web address that ended a line is joined to the next
    # line's first word, as a copy that broke the address there needs.)
    assert [str(item) for item in accuracy.mismatches(copy.entries, expected.entries)] == []
    assert copy.unexplained == ()


SIGNATURE = "-- \nBob Jones\nKnowledge Specialist\nNHS England | bob@example.org\n"


def _part(text: str) -> tuple[str, str]:
    """A copy of part of a brief: from a reference's second label (its title and first
    label left behind) to the middle of a later abstract; and the half line it ends with."""
    lines = text.split("\n")
    labels = [i for i, line in enumerate(lines) if line.startswith(("Source:", "Author"))]
    start = labels[len(labels) // 4] + 2
    end = next(
        i
        for i in range(labels[3 * len(labels) // 4], len(lines))
        if len(lines[i]) > 80 and lines[i].endswith(".") and not lines[i].startswith("[")
    )
    words = lines[end].split()
    half = " ".join(words[: len(words) // 2])
    return "\n".join([*lines[start:end], half]) + "\n", half


@pytest.mark.parametrize("signed", [False, True])
def test_a_copy_cut_inside_an_abstract_says_so(
    brief: tuple[str, peerbrief.Brief], signed: bool
) -> None:
    """A copy of some pages ends where the selection did, inside an abstract, often in a
    message with the sender's signature after it (``-- `` and a name): the signature ran
    on into the abstract (``… many studies – Bob Jones Knowledge Specialist NHS England |
    bob@example.org``), and the cut was told nowhere. The signature is set aside, and the
    check notes the cut; the works before it read as in the brief."""
    text, expected = brief
    part, half = _part(text)
    copy = peerbrief.parse(part + ("\n" + SIGNATURE if signed else ""), dedupe=False)
    last = copy.entries[-1]
    assert last.abstract is not None and last.abstract.split()[-3:] == half.split()[-3:]
    assert copy.summary().endswith(
        f"Note: the text ends inside a sentence, in the abstract of {last.title!r}: a copy "
        "of part of the brief, cut there (that abstract is cut too)"
    )
    signature = [item.text for item in copy.report if item.reason is Reason.SIGNATURE]
    assert signature == (SIGNATURE.replace("-- ", "--").strip().split("\n") if signed else [])
    # The works between the first (it may be one the copy started inside) and the last
    # read as the brief's, but for their sections: the copy has no heading before them.
    middle = [attrs.evolve(entry, sections=()) for entry in copy.entries[1:-1]]
    titles = [entry.title for entry in expected.entries]
    start = next(
        i for i in range(len(titles)) if titles[i : i + len(middle)] == [e.title for e in middle]
    )
    run = [attrs.evolve(e, sections=()) for e in expected.entries[start : start + len(middle)]]
    assert _fields(_brief(middle)) == _fields(_brief(run))


def _brief(entries: list[peerbrief.Entry]) -> peerbrief.Brief:
    return peerbrief.Brief(title="", source="", entries=entries)


def test_a_copy_starting_inside_an_abstract_says_so(brief: tuple[str, peerbrief.Brief]) -> None:
    """A copy whose selection started in the middle of a sentence of an abstract: that
    end of the abstract was front matter to the reader, explained, and the check passed
    without a word of the cut."""
    text, _ = brief
    lines = text.split("\n")
    labels = [i for i, line in enumerate(lines) if line.startswith(("Source:", "Author"))]
    start = next(
        i
        for i in range(labels[len(labels) // 4], len(lines))
        if len(lines[i]) > 80 and lines[i].endswith(".") and not lines[i].startswith("[")
    )
    words = lines[start].split()
    cut = next(i for i in range(len(words) // 2, len(words)) if words[i][0].islower())
    rest = " ".join(words[cut:])
    copy = _read("\n".join([rest, *lines[start + 1 :]]))
    assert f"Note: the text starts inside a sentence ({rest[:40]!r})" in copy.summary()


def test_a_brief_starting_and_ending_as_briefs_do_is_no_cut_copy(
    brief: tuple[str, peerbrief.Brief],
) -> None:
    _, expected = brief
    assert "inside a sentence" not in expected.summary()


def test_two_hyphens_alone_far_from_the_end_are_no_signature() -> None:
    """Only the last few lines after ``--`` are a signature."""
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    brief = _read("--\n" + text)
    assert not [item for item in brief.report if item.reason is Reason.SIGNATURE]


# (A title may hold a pair of brackets: "Titel [Title]".)
_TITLE_LINK = re.compile(
    r"^((?:[-*] |\d+\. )?)\[((?:\\.|\[[^\[\]]*\]|[^\[\]\\])*)\]\(#\)", re.MULTILINE
)


def _written_out(text: str, shape: str) -> tuple[str, dict[str, set[str]]]:
    """``text`` with each title's link written after its title in ``shape`` (a web page or
    a Word document pasted as plain text), and the links written, by title."""
    links: dict[str, set[str]] = {}

    def written(match: re.Match[str]) -> str:
        title = match[2].replace("\\", "")
        link = f"https://example.org/works/{match.start()}"
        links.setdefault(title, set()).add(link)
        return match[1] + shape.format(title=title, link=link)

    return _TITLE_LINK.sub(written, text), links


@pytest.mark.parametrize("shape", ["{title} ({link})", "{title} <{link}>"])
def test_a_title_with_its_link_after_it_in_brackets_has_that_link(
    brief: tuple[str, peerbrief.Brief], shape: str
) -> None:
    """A title with its link written after it, as a web page's or a Word document's text
    pastes it: in parentheses the link was part of the title (``Supported
    self-management: peer support guide (https://…)``, every title of the eight briefs)
    and the work had none."""
    text, expected = brief
    copy, links = _written_out(text, shape)
    read = _read(copy)
    wrong = accuracy.mismatches(read.entries, expected.entries)
    # (A `Source:` that is a link alone, other than the title's, is kept as the publisher
    # rather than lost, as where the brief's own title links elsewhere.)
    assert [str(m) for m in wrong if not (m.field == "publisher" and m.expected is None)] == []
    assert [e.title for e in read.entries if e.url not in links.get(e.title, ())] == []


@pytest.mark.parametrize(
    "copied",
    [
        lambda text: text.translate(
            {code: code + 0xFEE0 for code in range(ord("0"), ord("9") + 1)}
        ),
        lambda text: text.replace("Source: ", "Ｓｏｕｒｃｅ： "),
        lambda text: text.replace("\n", "\u2029"),
    ],
    ids=["fullwidth digits", "fullwidth label", "paragraph separators"],
)
def test_characters_a_paste_brings_read_as_the_characters_they_stand_for(
    brief: tuple[str, peerbrief.Brief], copied: object
) -> None:
    """Fullwidth forms (an East Asian input method's or font's ``２０２１``, ``Ｓｏｕｒｃｅ：``)
    are the ASCII they are wide forms of: volumes, issues and years were read as ``２９``
    or not at all (560 fields wrong over the eight briefs). U+2029 PARAGRAPH SEPARATOR
    ends a paragraph, as Unicode defines it: a text whose paragraphs a Mac application
    or a web page's script ended so was one line, no brief at all."""
    text, expected = brief
    assert callable(copied)
    read = _read(copied(text))
    assert [str(item) for item in accuracy.mismatches(read.entries, expected.entries)] == []
    assert read.unexplained == ()


_LABEL_LINE = re.compile(r"^(?=(?:Author\(s\)|Source|Publication date|Publication Details):)", re.M)


@pytest.mark.parametrize("bullet", ["• ", "▪ ", "\uf0b7\t"])
def test_labels_listed_with_bullets_are_labels(
    brief: tuple[str, peerbrief.Brief], bullet: str
) -> None:
    """A reference's metadata listed with bullets, as a web page or a Word document
    pasted as text writes it (``• Source: NHS England``; Word's Symbol bullet is U+F0B7):
    the labels ran into the abstract as its first words, every value unread and nothing
    reported (1,313 fields wrong over the eight briefs, the check passed)."""
    text, expected = brief
    read = _read(_LABEL_LINE.sub(bullet, text))
    assert [str(item) for item in accuracy.mismatches(read.entries, expected.entries)] == []
    assert read.unexplained == ()


_MIXED = """Evidence Brief: Nursing Associates

Key publications – the big picture

1. [Nursing associates: the first five years](https://example.org/a)

Source: Nursing and Midwifery Council

Publication date: January 2024

The report reviews how the role has developed.

{numbered}

Source: Nursing and Midwifery Council

Publication date: 2018

The standards set out what a nursing associate must know.

Competency Frameworks

The framework is formed in 2 parts:

- Curriculum framework – Part 1 – Supporting document (https://example.org/p1)
- Curriculum framework – Part 2 – Curriculum <https://example.org/p2>
"""


@pytest.mark.parametrize(
    "numbered",
    [
        "2. Standards of proficiency for nursing associates",
        "2. Standards of proficiency for nursing associates (https://example.org/b)",
    ],
)
def test_a_brief_with_links_reads_a_title_that_lost_its_own(numbered: str) -> None:
    """A brief whose titles are links, with one numbered title that lost its link (or has
    it written out after it), and documents listed with their links written out: each is
    a work. They were section prose, an explained reason: three works lost unwarned."""
    brief = peerbrief.parse(_MIXED.format(numbered=numbered), dedupe=False)
    found = [(entry.title, entry.url, entry.publisher) for entry in brief.entries]
    nmc = "Nursing and Midwifery Council"
    second = "https://example.org/b" if "(" in numbered else None
    assert found == [
        ("Nursing associates: the first five years", "https://example.org/a", nmc),
        ("Standards of proficiency for nursing associates", second, nmc),
        ("Curriculum framework – Part 1 – Supporting document", "https://example.org/p1", None),
        ("Curriculum framework – Part 2 – Curriculum", "https://example.org/p2", None),
    ]
    assert brief.unexplained == ()
    assert [item.line for item in brief.report if item.reason is Reason.SECTION_PROSE] == [23]


def test_a_bulleted_label_s_value_wrapped_goes_on_on_the_next_line(
    brief: tuple[str, peerbrief.Brief],
) -> None:
    """A bulleted label whose value wraps in a message (``• Author(s): National Institute
    for Health and Care Research, Evidence`` + ``Synthesis Group``): the paragraph was
    taken for a list item with a title at its end, the value's last line not understood
    and the authors cut short."""
    text, expected = brief
    read = _read(_emailed(_LABEL_LINE.sub("• ", text), 72, "", flowed=False))
    assert [str(item) for item in accuracy.mismatches(read.entries, expected.entries)] == []
    assert read.unexplained == ()


_ANY_LINK = re.compile(r"\[((?:\\.|\[[^\[\]]*\]|[^\[\]\\])*)\]\(#\)")
_LISTED_LINK = re.compile(r"^- \[((?:\\.|[^\]\\])*)\]\(#\)$", re.MULTILINE)


@pytest.mark.parametrize("titles_linked", [True, False], ids=["titles linked", "plain text"])
def test_a_listed_document_with_its_link_on_the_next_line_has_that_link(
    brief: tuple[str, peerbrief.Brief], titles_linked: bool
) -> None:
    """A list pasted from Teams, Slack or a web page puts each item's link on the line
    after it (``- Title`` then ``https://…``; a long item's line goes on with it): the
    template's listed documents (the framework's parts) were section prose and their
    links explained prose, 19 links over the eight briefs lost without a warning."""
    text, expected = brief
    titles = {entry.title for entry in expected.entries}
    links: dict[str, str] = {}

    def listed(match: re.Match[str]) -> str:
        title = match[1].replace("\\", "")
        if title not in titles:
            return match[0]  # (a navigation link)
        links[title] = f"https://example.org/listed/{match.start()}"
        return f"- {title}\n{links[title]}"

    copy = _LISTED_LINK.sub(listed, text)
    if not titles_linked:  # (every other link lost: the plain text of a web page)
        copy = _ANY_LINK.sub(lambda match: match[1].replace("\\", ""), copy)
    read = _read(copy)
    assert {e.title: e.url for e in read.entries if e.title in links} == links
    wrong = accuracy.mismatches(read.entries, expected.entries)
    assert [str(m) for m in wrong if m.field != "url"] == []
    assert read.unexplained == ()


@pytest.mark.parametrize(
    "reference",
    [
        "- [Part 1 of the framework](https://a.example/1)\nhttps://b.example/2\n",
        "[A guide](https://a.example/1)\n\nSource: NHS England\n\nhttps://b.example/2\n\n"
        "Publication date: 2023\n",
    ],
    ids=["listed document", "among labels"],
)
def test_a_second_link_alone_on_a_line_is_reported(reference: str) -> None:
    """A link alone on a line after a work that links elsewhere, neither DOI: the work
    keeps its own, and the other has no field and fails the check (it was taken for the
    same link where the work had no DOI, lost without a warning)."""
    read = _read(
        "Evidence Brief: T\n\nCompetency Frameworks\n\nThe framework is formed in parts:\n\n"
        + reference
    )
    assert read.entries[0].url == "https://a.example/1"
    assert [item.text for item in read.unexplained] == ["https://b.example/2"]


_POPPLER_LATIN1 = str.maketrans({"—": "–", "‘": "'", "’": "'", "“": '"', "”": '"'})
"""What poppler's Latin1 text writes for what Latin-1 lacks, as peerbrief reads it back:
an em dash as ``--`` (read as an en dash), curly quotes straight; the en dash is byte
0xAD, which peerbrief reads as the dash. Anything else Latin-1 lacks is dropped (``(η²``
leaves ``(²``, a raised digit on no word, which peerbrief reads as the digit)."""
_LACKING = re.compile("[^\x00-\xff–]")
_LOST_BEFORE_RAISED = re.compile("[^\x00-\xff–]([¹²³])")


def _as_poppler_latin1(value: str) -> str:
    value = value.translate(_POPPLER_LATIN1)
    value = _LOST_BEFORE_RAISED.sub(lambda match: str(unicodedata.digit(match[1])), value)
    return _LACKING.sub("", value)


@pytest.mark.slow
@pytest.mark.parametrize("producer", ["libreoffice", "chromium"])
def test_pdftotext_latin1_text_reads_with_its_dashes(producer: str, tmp_path: Path) -> None:
    """``pdftotext -enc Latin1`` (xpdf's default encoding, Windows users' pdftotext)
    writes an en dash as byte 0xAD, Latin-1's soft hyphen, and a bullet as 0xB7: read as
    Windows-1252, every dash between words or numbers vanished with the invisible
    character (``Key publications  the big picture``: 16 fields wrong in the sample, 13
    lines reported for their "soft hyphens"). What Latin-1 lacks is the tool's loss."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = HERE / "fixtures" / f"sample-{producer}.pdf"
    copy = tmp_path / "brief.txt"
    subprocess.run(["pdftotext", "-enc", "Latin1", str(pdf), str(copy)], check=True)
    assert b"\xad the big picture" in copy.read_bytes()
    brief = peerbrief.read(copy, dedupe=False)
    sample = peerbrief.read(peerbrief.sample_path(), dedupe=False)
    expected = [
        attrs.evolve(
            entry,
            title=_as_poppler_latin1(entry.title),
            abstract=entry.abstract and _as_poppler_latin1(entry.abstract),
        )
        for entry in sample.entries
    ]
    # (pdftotext drops the hyphen of a word it joins at a line end.)
    wrong = accuracy.mismatches(brief.entries, expected, loose_hyphens=True)
    assert [str(item) for item in wrong] == []
    assert not [item for item in brief.report if item.reason is Reason.FORMAT_CHARACTERS]
    assert [section.name for section in brief.sections] == [
        section.name for section in sample.sections
    ]


_TITLE_LINK_LINE = re.compile(r"^(\d{1,3}\. )?\[((?:\\.|[^\]\\])*)\]\(#\)$", re.MULTILINE)


@pytest.mark.parametrize("titles_linked", [True, False], ids=["titles linked", "plain text"])
def test_a_title_with_its_link_and_access_date_on_the_lines_after_it_has_them(
    brief: tuple[str, peerbrief.Brief], titles_linked: bool
) -> None:
    """A web page's or a reference manager's list pasted as text puts a work's address on
    the line after its title and the day it was read on the next (``Title`` /
    ``https://…`` / ``Accessed 3 May 2023``): the access date was read as the title (the
    title and its link section prose, explained), or, where the copy ran the lines
    together, the address and the date became part of the title."""
    text, expected = brief
    # (A work that has a link or an access date from its labels, `Source: https://…`,
    # `Accessed: …`, keeps that one: a second, other date is reported, not understood.)
    titles = {
        entry.title for entry in expected.entries if entry.url is None and entry.accessed is None
    }
    links: dict[str, str] = {}

    def pasted(match: re.Match[str]) -> str:
        number, title = match[1] or "", match[2].replace("\\", "")
        if title not in titles or (titles_linked and len(links) % 2):
            links.setdefault(title, "")  # (every other one keeps its link: a mixed copy)
            return match[0]
        links[title] = f"https://example.org/pasted/{match.start()}"
        return f"{number}{title}\n{links[title]}\nAccessed 3 May 2023"

    copy = _TITLE_LINK_LINE.sub(pasted, text)
    if not titles_linked:
        copy = _ANY_LINK.sub(lambda match: match[1].replace("\\", ""), copy)
    read = _read(copy)
    pasted_links = {title: url for title, url in links.items() if url}
    assert pasted_links
    urls = set(pasted_links.values())
    found = {e.title: e.url for e in read.entries if e.url in urls}
    assert found == pasted_links
    assert {e.accessed for e in read.entries if e.url in urls} == {peerbrief.Date(2023, 5, 3)}
    wrong = accuracy.mismatches(read.entries, expected.entries)
    assert [str(m) for m in wrong if m.field not in ("url", "accessed")] == []
    assert read.unexplained == ()


def _pages(stem: str) -> list[str]:
    from fixtures import make_plain_text

    return make_plain_text.read(stem).split("\f")


@pytest.mark.parametrize(
    ("stem", "order", "joint", "lower"),  # (order: of the first pages; the rest follow)
    [
        # page 7 pasted before page 6, pdftotext's form feeds kept
        ("libreoffice.pdftotext", [0, 1, 2, 3, 4, 6, 5], "\f", "6"),
        # page 3 pasted after page 6, a viewer's copy (no form feeds)
        ("reportlab.pdftotext-raw", [0, 1, 3, 4, 5, 2], "\n", "3"),
    ],
    ids=["adjacent", "moved-on"],
)
def test_pages_pasted_out_of_order_are_reported(
    stem: str, order: list[int], joint: str, lower: str
) -> None:
    """A copy pasted page by page, one page before the page it follows: the references
    across the pages moved read each other's lines, and nothing else shows it (pages 6
    and 7 swapped: 34 fields wrong, none reported). The page number lower than the one before it fails a check; the
    copy in order has none."""
    pages = _pages(stem)
    order = [*order, *range(len(order), len(pages))]
    moved = _read(joint.join(pages[index] for index in order))
    flagged = [item for item in moved.report if item.reason is Reason.PAGE_OUT_OF_ORDER]
    assert [item.text for item in flagged] == [lower]
    assert flagged[0] in moved.unexplained
    whole = _read(joint.join(pages))
    assert not any(item.reason is Reason.PAGE_OUT_OF_ORDER for item in whole.report)
    assert whole.unexplained == ()


def _page_numbers(numbers: dict[int, int]) -> list[peerbrief.ReportItem]:
    return [
        peerbrief.ReportItem(line, str(number), Reason.PAGE_NUMBER)
        for line, number in numbers.items()
    ]


@pytest.mark.parametrize(
    ("numbers", "lower"),
    [
        # pdftotext's Contents: its page numbers a column of their own, numbers the pages'
        # footers repeat (8 and 9 once, next in value) and then the footers, in order
        ({48: 1, 50: 3, 51: 3, 52: 5, 53: 8, 54: 9, 55: 12, 118: 2, 174: 3, 226: 4}, []),
        # a stray number (a table's cell) between footers in order
        ({60: 2, 120: 3, 150: 8, 180: 4, 240: 5}, []),
        # the same footers, pages 3 and 4 swapped
        ({60: 2, 120: 4, 180: 3, 240: 5}, ["3"]),
    ],
    ids=["contents-column", "stray", "swapped"],
)
def test_only_page_numbers_lines_apart_count_the_pages(
    numbers: dict[int, int], lower: list[str]
) -> None:
    """A page's number is counted where it stands lines from any other number alone on a
    line, written once, next in value to another so written: a Contents list's column of
    numbers that pdftotext sets apart (a synthetic brief's: 9 then the footers' 2, 3, 4)
    or a stray number is no page out of order."""
    from peerbrief.blocks import _pages_out_of_order

    items = _pages_out_of_order(_page_numbers(numbers))
    assert [item.text for item in items if item.reason is Reason.PAGE_OUT_OF_ORDER] == lower


# --- pdftotext's text laid out by column, or wrapped again ------------------------------

_PDF_PRODUCERS = [
    "libreoffice",
    pytest.param("chromium", marks=pytest.mark.slow),
    pytest.param("pdftex", marks=pytest.mark.slow),
]


def _pdftotext(producer: str, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = HERE / "fixtures" / f"sample-{producer}.pdf"
    command = ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")


@functools.cache
def _plain_copy(producer: str) -> peerbrief.Brief:
    """What the sample PDF's ``pdftotext`` copy reads to (itself checked against the export
    in ``test_plain_text.py``)."""
    return _read(_pdftotext(producer))


def _works(brief: peerbrief.Brief) -> list[tuple[str, int]]:
    """The works the brief's entries make, merged: each as its title (its letters: a word
    space or a hyphen a copy may lose aside) and how many listings it was merged from."""
    return [
        ("".join(entry.title.split()).replace("-", ""), len(entry.provenance))
        for entry in merge_duplicates(brief).entries
    ]


def _reads_as_the_plain_copy(copy: str, producer: str, lost_spaces: bool = False) -> None:
    """The copy reads to the plain copy's entries, sections and works, every line used or
    reported, none unexplained; but for words that ``lost_spaces`` ran together."""
    brief, plain = _read(copy), _plain_copy(producer)
    # (pdftotext without options drops a line-end hyphen of a word it joins.)
    wrong = accuracy.mismatches(brief.entries, plain.entries, loose_hyphens=True)
    if lost_spaces:
        wrong = [item for item in wrong if not _only_spaces_lost(item)]
    assert [str(item) for item in wrong] == []
    assert [s.name for s in brief.sections] == [s.name for s in plain.sections]
    assert brief.unexplained == ()
    assert _works(brief) == _works(plain)
    nonblank, accounted = accuracy.accounting(copy, brief)
    assert accounted == nonblank


def _only_spaces_lost(item: accuracy.Mismatch) -> bool:
    """A value as expected but for spaces between its words (``So ifwe like``)."""
    return isinstance(item.found, str) and "".join(item.found.split()) == "".join(
        str(item.expected).split()
    )


@pytest.mark.parametrize("producer", _PDF_PRODUCERS)
@pytest.mark.parametrize("pitch", ["2", "3", "4"])
def test_pdftotext_fixed_pitch_reads_as_the_plain_copy(producer: str, pitch: str) -> None:
    """``pdftotext -fixed 3`` places each word at its column, the words of a justified
    line far apart: a line's length counted its runs of spaces, so most lines looked full
    and a title ran on from the abstract before it (LibreOffice's PDF: 116 listings → 115
    works, a duplicate pair lost); a superscript set on a line of its own above its line
    went to the line before (``job2 satisfaction, Adj R =``), a citation's number set
    apart after a comma stayed (``research, 3 and``). Where two words stood closer than
    the pitch, pdftotext itself ran them together (``So ifwe like``): that alone differs."""
    _reads_as_the_plain_copy(_pdftotext(producer, "-fixed", pitch), producer, lost_spaces=True)


def _folded(text: str, width: int) -> str:
    """``fold -s -w width``: each line cut at its last space within ``width`` bytes (a
    terminal's or a mail client's paste of the lines)."""
    if shutil.which("fold") is None:
        pytest.skip("fold (coreutils) is not installed")
    command = ["fold", "-s", "-w", str(width)]
    return subprocess.run(
        command, input=text.encode(), capture_output=True, check=True
    ).stdout.decode()


def _wrapped_by_line(text: str, width: int) -> str:
    """Python's ``textwrap.wrap`` on each line (a page's form feed kept before it)."""
    return "\n".join(
        line[:1] * line.startswith("\f") + "\n".join(textwrap.wrap(line.lstrip("\f"), width))
        if line.strip()
        else line
        for line in text.split("\n")
    )


@pytest.mark.parametrize("producer", _PDF_PRODUCERS)
@pytest.mark.parametrize("wrap", [_folded, _wrapped_by_line], ids=["fold", "textwrap"])
def test_pdftotext_copy_wrapped_again_at_72_reads_as_the_plain_copy(
    producer: str, wrap: Callable[[str, int], str]
) -> None:
    """pdftotext's lines of about 100 characters pasted where lines are 72 wide: each long
    line is a full line and a rest. The rests were taken for paragraphs' ends (only an
    email's second, slightly narrower wrapping was known): titles lost their first lines
    to the abstract before them, author lists their ends (22 lines not understood), and
    Contents entries cut before their leaders were entries of their own, which ended the
    list early (30 sections of 32)."""
    _reads_as_the_plain_copy(wrap(_pdftotext(producer), 72), producer)


@pytest.mark.parametrize("producer", _PDF_PRODUCERS)
@settings(max_examples=12, deadline=None)
@given(width=st.integers(64, 86), by_fold=st.booleans())
def test_pdftotext_copy_wrapped_again_at_any_width_reads_as_the_plain_copy(
    producer: str, width: int, by_fold: bool
) -> None:
    """Any width from 64 to 86 columns (``fold`` counting bytes, ``textwrap`` characters):
    the rests are where a wrapper cut, as no line the copy had before left room for the
    next word. (Narrower, a line of its own that nearly fills the width is no longer told
    from one cut there; wider, near the copy's own width, too few lines are cut to tell the
    copy was wrapped twice.)"""
    wrap = _folded if by_fold else _wrapped_by_line
    _reads_as_the_plain_copy(wrap(_pdftotext(producer), width), producer)
