"""The real thing: bibtex (plain.bst, apalike.bst) and biber (authoryear, numeric) read the
.bib files without a warning and without any preamble from the user, pdflatex typesets
the result without an error, and what they print is parsed: no access note, no
"others", one institution per organisation, a quoted title's first word keeps its case.
Skipped where TeX is not installed (Debian: texlive-latex-base texlive-latex-recommended
texlive-bibtex-extra biber)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import consumer_cases

from peerbrief.model import Brief, Date, Entry, Kind, Pages, Person, Provenance, Section
from peerbrief.writers import write

pytestmark = pytest.mark.slow  # runs TeX

needs_tex = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdflatex", "bibtex", "biber")),
    reason="pdflatex, bibtex and biber are needed",
)

TRICKY = [
    Entry(
        title="A {broken} title } with 50% R&D, $5, #1, a_b, ~x^2, \\, <<q>>, x--y, ``q'' é ü ß",
        authors=[
            Person("Hegedüs", "Anna"),
            Person("van der Berg", "Jan"),
            Person("Smith, Jr", "Ann & Bob"),
            Person("Public Health England", organisation=True),
            Person("others"),
            Person("{Brace", "Open_Given"),
        ],
        authors_truncated=True,
        container_title="Journal of R&D {and} 100% things",
        volume="27 Suppl 1",
        issue="3",
        pages=Pages("451", "460"),
        date=Date(2012, 4, end=Date(2012, 6)),
        abstract="Results: 50% ^ ~ \\ { } $ # _ & – — … “quotes” ’",
        access="Full text available with NHS OpenAthens account*",
        sections=[Section("Published Peer Reviewed Research", "Health, wellbeing, and balance")],
        provenance=[Provenance("x.txt", [1], brief="Evidence Brief: Peer Support Workers")],
        url="https://example.org/a_b%20c?x=1&y=~z#frag",
        doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
    ),
    *consumer_cases(),
]

BIBTEX_DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\begin{document}
\nocite{*}
\bibliographystyle{%s}
\bibliography{refs}
\end{document}
"""

# No preamble beyond loading biblatex: every entry type must print in the standard styles.
BIBLATEX_DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[backend=biber, style=%s]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""

ORGANISATION = "Surrey and Sussex Library and Knowledge Services on behalf of HEE"
PLACE = "Tyne and Wear"
BOOK = "Apprenticeship in health and care: policy and practice"
ACCESS_NOTES = ("Abstract only", "OpenAthens")

# What the consumers must get right, beyond reading every entry without a warning.
CHECKED = [
    Entry(
        title='"And now I know how you feel": lived experience of peer workers',
        authors=[Person("Bhattacharya", "Prama"), Person("Page")],
        authors_truncated=True,
        container_title="Psychological Services",
        volume="19",
        issue="1",
        date=Date(2022, 2),
        access="Abstract only*",
    ),
    Entry(
        title="Peer support workers: evidence-based workforce knowledge summary",
        kind=Kind.REPORT,
        publisher=ORGANISATION,
        place=PLACE,
        date=Date(2017, 3),
        access="Full text available with NHS OpenAthens account*",
    ),
    Entry(
        title="Case study: working as a peer supporter",
        kind=Kind.REPORT,
        authors=[Person("NHS Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust")],
        publisher="Equal Vision funded by Health Education England",
        date=Date(2021, 6),
    ),
    Entry(
        title="Video: Peer Support",
        kind=Kind.VIDEO,
        publisher="Henry and Shepherd",
        date=Date(2016),
    ),
    Entry(title="The Competence Framework - Part 1 - Supporting document", kind=Kind.REPORT),
    Entry(
        title="“I just keep going”: burnout and presenteeism among ambulance staff",
        authors=[Person("Dvořák", "Tomáš")],
        container_title="Emergency Medicine Journal",
        date=Date(2022),
    ),
    Entry(  # a book section: a report inside a book
        title="Learning on the job: apprentices in the operating theatre",
        kind=Kind.REPORT,
        authors=[Person("Fuller", "Alison")],
        container_title=BOOK,
        publisher="Routledge",
        date=Date(2020),
        pages=Pages("45", "62"),
    ),
]


def run(tool: str, *args: str, cwd: Path) -> None:
    subprocess.run(
        [tool, *args],
        cwd=cwd,
        check=False,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def latex_errors(directory: Path) -> list[str]:
    log = (directory / "doc.log").read_text(encoding="latin-1")
    return [line for line in log.splitlines() if line.startswith("!")]


def latex_warnings(directory: Path) -> list[str]:
    log = (directory / "doc.log").read_text(encoding="latin-1")
    return [line for line in log.splitlines() if "Package biblatex Warning" in line]


@pytest.fixture(scope="module")
def entries(sample: Brief) -> list[Entry]:
    return TRICKY + CHECKED + list(sample.entries)


def compile_bibtex(entries: list[Entry], style: str, folder: Path) -> tuple[str, str]:
    """Run pdflatex, bibtex, pdflatex; the .blg and the .bbl."""
    write(entries, folder / "refs.bib", "bibtex")
    (folder / "doc.tex").write_text(BIBTEX_DOCUMENT % style)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=folder)
    run("bibtex", "doc", cwd=folder)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=folder)
    blg = (folder / "doc.blg").read_text(encoding="latin-1")
    return blg, (folder / "doc.bbl").read_text(encoding="latin-1")


def bibtex_warnings(blg: str) -> list[str]:
    # bibtex reports "Warning--empty journal in …" and "(There were 2 warnings)".
    return [line for line in blg.splitlines() if "Warning--" in line]


def bbl_items(bbl: str) -> list[str]:
    """Each \\bibitem of a .bbl as one line of text."""
    return [" ".join(item.split()) for item in bbl.split("\\bibitem")[1:]]


@needs_tex
def test_bibtex_plain_reads_every_entry_without_a_warning(
    tmp_path: Path, entries: list[Entry]
) -> None:
    blg, bbl = compile_bibtex(entries, "plain", tmp_path)
    assert "Database file #1: refs.bib" in blg
    assert bibtex_warnings(blg) == []
    assert bbl.count(r"\bibitem") == len(entries)
    assert latex_errors(tmp_path) == []
    check_formatted(bbl_items(bbl))
    # A book section with its publisher: @incollection, which prints the book.
    assert f"In {{\\em {BOOK}}}, pages 45--62" in " ".join(bbl.split())


@needs_tex
def test_bibtex_apalike_prints_every_entry_and_no_title_twice(
    tmp_path: Path, entries: list[Entry]
) -> None:
    blg, bbl = compile_bibtex(entries, "apalike", tmp_path)
    # apalike warns about nothing but works without a date (it prints no "n.d.").
    undated = sum(1 for entry in entries if entry.date is None)
    assert len([w for w in bibtex_warnings(blg) if "empty year" in w]) == undated
    assert [w for w in bibtex_warnings(blg) if "empty year" not in w] == []
    assert latex_errors(tmp_path) == []
    items = bbl_items(bbl)
    assert len(items) == len(entries)
    check_formatted(items)
    anonymous = next(item for item in items if "Competence Framework" in item)
    assert anonymous.count("{Supporting} document") == 1


@needs_tex
def test_bibtex_prints_a_hyphened_lower_case_family_name_with_its_hyphen(tmp_path: Path) -> None:
    # Unbraced, plain.bst printed "Omar al~Haddad": "al" read as a von part.
    entry = Entry(
        title="Rota studies",
        authors=[Person("al-Haddad", "Omar"), Person("el-Sayed")],
        date=Date(2021),
        kind=Kind.REPORT,
    )
    blg, bbl = compile_bibtex([entry], "plain", tmp_path)
    assert bibtex_warnings(blg) == []
    assert "Omar {al-Haddad} and {el-Sayed}" in " ".join(bbl.split())


def check_formatted(items: list[str]) -> None:
    """What a formatted bibliography from any consumer must show, and must not."""
    text = "\n".join(items)
    assert not any(note in text for note in ACCESS_NOTES), "an access note was printed"
    # "and others" is printed "et al." (the author named {others} of TRICKY is braced).
    assert not re.search(r"(?<![{\w])others\b", text)
    assert "et~al." in text or "et al." in text
    # One organisation each: never split at "and" into several.
    assert text.count(ORGANISATION) >= 1
    # A title that opens with a quotation keeps its first word's case, in TeX quotes.
    quoted = next(item for item in items if "know how you feel" in item)
    assert "``{And} now" in quoted, quoted


@needs_tex
@pytest.mark.parametrize("style", ["authoryear", "numeric"])
def test_biber_reads_every_entry_without_a_warning(
    tmp_path: Path, entries: list[Entry], style: str
) -> None:
    write(entries, tmp_path / "refs.bib", "biblatex")
    (tmp_path / "doc.tex").write_text(BIBLATEX_DOCUMENT % style)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    run("biber", "doc", cwd=tmp_path)
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8")
    assert [line for line in blg.splitlines() if "WARN" in line or "ERROR" in line] == []
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count(r"\entry{") == len(entries)
    # One institution per organisation, and one place: nothing split at "and".
    assert f"\\list{{institution}}{{1}}{{%\n        {{{ORGANISATION}}}%" in bbl
    assert f"\\list{{location}}{{1}}{{%\n        {{{PLACE}}}%" in bbl
    assert "\\list{organization}{1}{%\n        {Henry and Shepherd}%" in bbl
    # The access note is biblatex's annotation, which the standard styles do not print.
    assert r"\field{annotation}{Abstract only*}" in bbl
    for _ in range(2):  # biblatex asks for a second run once the labels are known
        run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    assert latex_errors(tmp_path) == []
    assert latex_warnings(tmp_path) == []  # e.g. "No driver for 'video'"
    printed = pdf_text(tmp_path / "doc.pdf")
    assert not any(note in printed for note in ACCESS_NOTES), "an access note was printed"
    assert not re.search(r"(?<![{\w])others\b", printed) and "et al." in printed
    # The title that opens with a quotation: TeX quotes (single: biblatex sets an article
    # title in double quotes; biber writes \textquoteleft and \textquoteright as UTF-8),
    # its first word keeps its capital.
    assert r"\field{title}{{‘}{And} now {I} know how you feel{’}: lived" in bbl
    assert "And now I know how you feel" in printed
    assert "Henry and Shepherd" in printed  # a video's publisher
    # A title's own curly quotes inside the style's: single, not ““I just keep going”…”.
    assert r"\field{title}{‘{I} just keep going’: burnout" in bbl
    # A book section prints its book (@report prints no booktitle or howpublished).
    assert f"In: {BOOK}" in printed
    # The day a page was read, and a status as biblatex's key, printed in English.
    assert "\\field{urlyear}{2025}" in bbl and "visited on 01/02/2025" in printed
    assert "\\field{pubstate}{inpress}" in bbl and "In press" in printed


def pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF")
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Undo line-end hyphenation and wrapping.
    return " ".join(text.replace("-\n", "").split())


def biblatex_style_installed(style: str) -> bool:
    found = subprocess.run(
        ["kpsewhich", f"{style}.bbx"], capture_output=True, text=True, check=False
    ).stdout
    return bool(found.strip())


PARTICLE_WORKS = [
    Entry(title="Handover", authors=[Person("van der Berg", "Jan")], date=Date(2019)),
    Entry(title="Rosters", authors=[Person("von Moltke", "Helmut")], date=Date(2019)),
    Entry(title="Rotas", authors=[Person("Moltke", "Karl")], date=Date(2019)),
]


@needs_tex
@pytest.mark.parametrize(
    ("style", "printed"),
    [
        # APA: a non-dropping particle stays in front ("van der Berg, J."), "von" goes
        # after the initials, as citeproc prints them (peerbrief cite --style apa).
        ("apa", ["Moltke, H. von. (2019)", "Moltke, K. (2019)", "van der Berg, J. (2019)"]),
        # biber's default would print "Berg, Jan van der": the particle is kept in front.
        ("authoryear", ["Moltke, Helmut von (2019)", "Moltke, Karl (2019)", "Van der Berg, Jan"]),
    ],
)
def test_biber_prints_particles_as_the_style_wants(
    tmp_path: Path, style: str, printed: list[str]
) -> None:
    if not biblatex_style_installed(style):
        pytest.skip(f"biblatex style {style} is not installed (Debian: texlive-bibtex-extra)")
    write(PARTICLE_WORKS, tmp_path / "refs.bib", "biblatex")
    (tmp_path / "doc.tex").write_text(BIBLATEX_DOCUMENT % style)
    run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    run("biber", "doc", cwd=tmp_path)
    for _ in range(2):
        run("pdflatex", "-interaction=nonstopmode", "doc.tex", cwd=tmp_path)
    text = pdf_text(tmp_path / "doc.pdf")
    positions = [text.find(name) for name in printed]
    assert -1 not in positions, text
    assert positions == sorted(positions), text
