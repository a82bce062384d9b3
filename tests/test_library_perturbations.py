"""Every work of the sample and of the six test briefs, written as a library record in
every export shape (``tests/export_shapes.py``) with the changes reference managers and
their users make, is held; and with the changes that make it another work, is new.

The matrix (perturbation × shape) is slow: run with ``-m slow``. Each fix it found has a
small test of its own in ``test_library_against.py``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from export_shapes import SHAPES

import peerbrief
from peerbrief import Date, Entry, Kind, Pages, Person

pytestmark = pytest.mark.slow

BRIEFS = Path(__file__).parent / "fixtures" / "briefs"
BIBTEX_SHAPES = ("mendeley-bibtex", "jabref-bibtex", "better-bibtex-biblatex")
RIS_SHAPES = ("zotero-ris", "endnote-ris")

Change = Callable[[Entry], Entry]
Rewrite = Callable[[str], str]


@cache
def works() -> tuple[tuple[Entry, ...], ...]:
    paths = [peerbrief.sample_path(), *sorted(BRIEFS.glob("*.txt"))]
    return tuple(peerbrief.read(path).entries for path in paths)


def titled(change: Callable[[str], str]) -> Change:
    return lambda entry: attrs.evolve(entry, title=change(entry.title))


def named(change: Callable[[Person], Person]) -> Change:
    return lambda entry: attrs.evolve(entry, authors=[change(p) for p in entry.authors])


def decomposed(entry: Entry) -> Entry:
    def nfd(text: str | None) -> str | None:
        return unicodedata.normalize("NFD", text) if text else text

    return attrs.evolve(
        entry,
        title=unicodedata.normalize("NFD", entry.title),
        container_title=nfd(entry.container_title),
        authors=[attrs.evolve(p, family=nfd(p.family), given=nfd(p.given)) for p in entry.authors],
    )


def second_word(template: str) -> Callable[[str], str]:
    def change(title: str) -> str:
        words = title.split(" ")
        if len(words) > 2:
            words[1] = template.format(words[1])
        return " ".join(words)

    return change


def initials(person: Person) -> Person:
    if not person.given:
        return person
    parts = re.split(r"[\s.-]+", person.given)
    return attrs.evolve(person, given=" ".join(f"{part[0]}." for part in parts if part))


def without_marks(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def et_al(others: str) -> Change:
    def change(entry: Entry) -> Entry:
        if len(entry.authors) < 2:
            return entry
        return attrs.evolve(entry, authors=[entry.authors[0], Person(others)])

    return change


NLM = {
    "journal": "J",
    "international": "Int",
    "nursing": "Nurs",
    "advanced": "Adv",
    "medicine": "Med",
    "medical": "Med",
    "british": "Br",
    "services": "Serv",
    "research": "Res",
    "management": "Manag",
    "social": "Soc",
    "mental": "Ment",
    "psychiatric": "Psychiatr",
    "psychology": "Psychol",
    "education": "Educ",
    "practice": "Pract",
    "clinical": "Clin",
    "review": "Rev",
    "occupational": "Occup",
    "quality": "Qual",
    "primary": "Prim",
    "science": "Sci",
    "studies": "Stud",
    "professional": "Prof",
    "human": "Hum",
    "resources": "Resour",
    "systems": "Syst",
    "development": "Dev",
    "rehabilitation": "Rehabil",
    "evaluation": "Eval",
}


def abbreviated(entry: Entry) -> Entry:
    if entry.kind is not Kind.JOURNAL_ARTICLE or not entry.container_title:
        return entry
    words = re.split(r"[\s:]+", entry.container_title)
    kept = [w for w in words if w and w.lower() not in {"of", "the", "and", "in", "for", "&"}]
    return attrs.evolve(entry, container_title=" ".join(NLM.get(w.lower(), w) for w in kept))


def short_range(entry: Entry) -> Entry:
    """``1234-1239`` as ``1234-9``."""
    pages = entry.pages
    if not (pages and pages.last and pages.first.isdigit() and pages.last.isdigit()):
        return entry
    if len(pages.first) != len(pages.last):
        return entry
    same = 0
    while same < len(pages.first) - 1 and pages.first[same] == pages.last[same]:
        same += 1
    return attrs.evolve(entry, pages=Pages(pages.first, pages.last[same:]))


def article_number(entry: Entry) -> Entry:
    """``188`` as ``e188`` and ``e188`` as ``188``."""
    pages = entry.pages
    if pages and pages.first.isdigit() and not pages.last:
        return attrs.evolve(entry, pages=Pages(f"e{pages.first}"))
    if pages and pages.first[:1] == "e" and pages.first[1:].isdigit():
        return attrs.evolve(entry, pages=Pages(pages.first[1:], pages.last))
    return entry


HELD: dict[str, Change] = {
    "as exported": lambda entry: entry,
    "NFD": decomposed,
    "<i> in the title": titled(second_word("<i>{}</i>")),
    "trailing full stop": titled(lambda title: title.rstrip(".") + "."),
    "sentence case": titled(lambda title: title[:1].upper() + title[1:].lower()),
    "upper case": titled(str.upper),
    "subtitle after ' - '": titled(lambda title: title.replace(": ", " - ", 1)),
    "subtitle after '. '": titled(lambda title: title.replace(": ", ". ", 1)),
    "& for and": titled(lambda title: title.replace(" and ", " & ")),
    "quotes swapped": titled(lambda t: t.translate(str.maketrans("“”‘’'\"", "''\"\"’“"))),
    "initials F.": named(initials),
    "family name upper case": named(
        lambda p: attrs.evolve(p, family=p.family.upper()) if p.given else p
    ),
    "diacritics stripped": named(
        lambda p: attrs.evolve(p, family=without_marks(p.family), given=without_marks(p.given))
    ),
    "and others": et_al("others"),
    "et al.": et_al("et al."),
    "journal abbreviated": abbreviated,
    "pages 123-9": short_range,
    "article number e123 / 123": article_number,
    "21<sup>st</sup>": titled(lambda title: title.replace("21st", "21<sup>st</sup>")),
    "subtitle left out": titled(lambda title: title.split(": ")[0]),
    "subtitle added": titled(lambda title: f"{title}: a qualitative study"),
    "leading The": titled(lambda title: f"The {title}"),
}
"""Changes that leave the work the same; "21<sup>st</sup>" is tried on titles ending
": care in the 21st century" (see :func:`works_for`)."""


def rewrite_bibtex(rewrite: Rewrite) -> Callable[[bytes], bytes]:
    return lambda data: rewrite(data.decode("utf-8")).encode("utf-8")


def rewrite_ris(rewrite: Rewrite) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return rewrite(data.decode(encoding)).encode(encoding)

    return change


def string_macros(text: str) -> str:
    journals: dict[str, str] = {}

    def macro(match: re.Match[str]) -> str:
        key = journals.setdefault(match[3], f"j{len(journals)}")
        return f"{match[1]}{match[2]}= {key}"

    text = re.sub(r"(\n\s*)((?:journal|journaltitle)\s*)= \{([^{}]*)\}", macro, text)
    return "".join(f"@string{{{k} = {{{v}}}}}\n" for v, k in journals.items()) + text


def given_family(text: str) -> str:
    def names(match: re.Match[str]) -> str:
        people = match[2].split(" and ")
        flipped = [
            " ".join(reversed(p.split(", ", 1)))
            if ", " in p and p[:1] != "{" and "=" not in p
            else p
            for p in people
        ]
        return match[1] + "{" + " and ".join(flipped) + "}"

    return re.sub(r"(\n\s*author\s*= )\{((?:[^{}]|\{[^{}]*\})*)\}", names, text)


def latex_accents(text: str) -> str:
    """``ü`` as ``{\\"u}``, ``é`` as ``\\'{e}``, dashes and quotes as TeX types them."""
    commands = {
        "\u0308": '\\"',
        "\u0301": "\\'",
        "\u0300": "\\`",
        "\u0302": "\\^",
        "\u0303": "\\~",
        "\u0327": "\\c ",
        "\u030c": "\\v ",
    }
    out = []
    for position, character in enumerate(text):
        parts = unicodedata.normalize("NFD", character)
        if len(parts) == 2 and parts[1] in commands:
            command = commands[parts[1]]
            out.append(f"{{{command}{parts[0]}}}" if position % 2 else f"{command}{{{parts[0]}}}")
        else:
            out.append(
                {"–": "--", "—": "---", "’": "'", "“": "``", "”": "''"}.get(character, character)
            )
    return "".join(out)


def in_latex(entry: Entry) -> Entry:
    def tex(text: str | None) -> str | None:
        return latex_accents(text) if text else text

    return attrs.evolve(
        entry,
        title=latex_accents(entry.title),
        container_title=tex(entry.container_title),
        authors=[attrs.evolve(p, family=tex(p.family), given=tex(p.given)) for p in entry.authors],
    )


def csl_issued(issued: Callable[[str], dict[str, object]]) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        items = json.loads(data)
        for item in items:
            if "issued" in item:
                item["issued"] = issued(str(item["issued"]["date-parts"][0][0]))
        return json.dumps(items, ensure_ascii=False).encode("utf-8")

    return change


def ris_year(form: str) -> Rewrite:
    def change(text: str) -> str:
        text = re.sub(r"^DA  - .*\r?\n", "", text, flags=re.MULTILINE)
        return re.sub(r"^(?:PY|Y1)  - (\d{4})", form, text, flags=re.MULTILINE)

    return change


SHAPED: dict[str, tuple[tuple[str, ...], Change | None, Callable[[bytes], bytes] | None]] = {
    "LaTeX accents, dashes, quotes": (BIBTEX_SHAPES, in_latex, None),
    "\\emph{} in the title": (BIBTEX_SHAPES, titled(second_word("\\emph{{{}}}")), None),
    "{Word} protected": (
        BIBTEX_SHAPES,
        titled(lambda t: re.sub(r"\b([A-Z]\w*)", r"{\1}", t)),
        None,
    ),
    "{{Title}}": (BIBTEX_SHAPES, titled(lambda title: f"{{{title}}}"), None),
    "@string journal": (BIBTEX_SHAPES, None, rewrite_bibtex(string_macros)),
    "author Given Family": (BIBTEX_SHAPES, None, rewrite_bibtex(given_family)),
    "month = mar": (
        ("jabref-bibtex",),
        None,
        rewrite_bibtex(lambda t: re.sub(r"(\n(\s*)year\s*= \{\d{4}\})", r"\1,\n\2month = mar", t)),
    ),
    "biblatex date range": (
        ("better-bibtex-biblatex",),
        None,
        rewrite_bibtex(lambda t: re.sub(r"(\tdate = \{)(\d{4})[^}]*\}", r"\g<1>\2-03/\2-04}", t)),
    ),
    "biblatex @online": (
        ("better-bibtex-biblatex",),
        None,
        rewrite_bibtex(lambda t: re.sub(r"@(report|video)\{", "@online{", t)),
    ),
    "RIS PY 2019///": (RIS_SHAPES, None, rewrite_ris(ris_year(r"PY  - \1///"))),
    "RIS Y1 only": (RIS_SHAPES, None, rewrite_ris(ris_year(r"Y1  - \1/03/01/"))),
    "RIS DA only": (RIS_SHAPES, None, rewrite_ris(ris_year(r"DA  - \1/03/01"))),
    "RIS T1 and JF": (
        RIS_SHAPES,
        None,
        rewrite_ris(
            lambda t: re.sub(
                r"^(T2|JO)  - ", "JF  - ", t.replace("TI  - ", "T1  - "), flags=re.MULTILINE
            )
        ),
    ),
    "RIS web page (ELEC)": (
        RIS_SHAPES,
        None,
        rewrite_ris(lambda t: re.sub(r"^TY  - (VIDEO|RPRT)", "TY  - ELEC", t, flags=re.MULTILINE)),
    ),
    "CSL issued literal": (("zotero-csl-json",), None, csl_issued(lambda year: {"literal": year})),
    "CSL issued raw": (
        ("zotero-csl-json",),
        None,
        csl_issued(lambda year: {"raw": f"{year}-03-01"}),
    ),
    "EndNote XML without style runs": (
        ("endnote-xml",),
        None,
        lambda data: re.sub(rb"<style[^>]*>|</style>", b"", data),
    ),
}
"""Changes a format's writers or users make: which shapes, the change to each entry
before it is written, and to the file after."""


def another_year(entry: Entry) -> Entry:
    return attrs.evolve(entry, date=Date(entry.date.year - 3) if entry.date else Date(1990))


def next_part(entry: Entry) -> Entry:
    if match := re.search(r"\b([Pp]art) (\d+)\b", entry.title):
        following = f"{match[1]} {int(match[2]) + 1}"
        return attrs.evolve(
            entry, title=entry.title[: match.start()] + following + entry.title[match.end() :]
        )
    return attrs.evolve(entry, title=f"{entry.title}: part 2")


def elsewhere(entry: Entry) -> Entry:
    """Another work of the title: in another journal by another author, or by another
    publisher, with its own link."""
    other: dict[str, Any] = {
        "authors": [Person("Lindqvist", "Karin")],
        "url": entry.url and "https://example.org/x",
    }
    if entry.kind is Kind.JOURNAL_ARTICLE:
        return attrs.evolve(
            entry, container_title="Scandinavian Journal of Caring Sciences", **other
        )
    return attrs.evolve(entry, publisher="Wiley", **other)


def _own_doi(change: Change) -> Change:
    """Another work has a DOI of its own: where the brief's work gives one, the changed
    record gives another (an equal DOI holds the work whatever the title says)."""
    return lambda entry: (
        attrs.evolve(change(entry), doi=f"{entry.doi}.2") if entry.doi else change(entry)
    )


NEW: dict[str, Change] = {
    name: _own_doi(change)
    for name, change in {
        "another year": another_year,
        "the next part": next_part,
        "(Part 2)": titled(lambda title: f"{title} (Part 2)"),
        "2nd edition": titled(lambda title: f"{title} (2nd edition)"),
        "Correction to:": titled(lambda title: f"Correction to: {title}"),
        "Erratum:": titled(lambda title: f"Erratum: {title}"),
        # (On a page the work does not start on: a brief's article may start on page 1001.)
        "an erratum on a page of its own": lambda e: (
            attrs.evolve(e, pages=Pages("1001" if e.pages.first != "1001" else "2001"))
            if e.pages
            else titled(lambda t: f"{t} [Erratum]")(e)
        ),
        "the same title elsewhere": elsewhere,
        "Commentary on:": titled(lambda title: f"Commentary on: {title}"),
        "the next article number": lambda e: (
            attrs.evolve(e, pages=Pages(f"e{int(e.pages.first.lstrip('e')) + 1}"))
            if e.pages and e.pages.first.lstrip("e").isdigit()
            else another_year(e)
        ),
        "cut at 255, another year": lambda e: another_year(attrs.evolve(e, title=e.title[:255])),
    }.items()
}
"""Changes that make another work."""

LONG = ": a mixed-methods evaluation of peer support in community mental health teams" * 4


def works_for(name: str) -> list[list[Entry]]:
    """The briefs' works, for a change that needs titles of some sort: long ones to cut,
    ones with an ordinal to mark up."""
    ending = {"21<sup>st</sup>": ": care in the 21st century", "cut at 255, another year": LONG}
    if name not in ending:
        return [list(brief) for brief in works()]
    return [[attrs.evolve(e, title=e.title + ending[name]) for e in brief] for brief in works()]


def held_in(
    shape: str, change: Change, rewrite: Callable[[bytes], bytes] | None, name: str
) -> list[str]:
    """The works held by their own record, changed and written in ``shape``; another
    work's record holding one (a brief's part 2 for part 1's decoy) does not count."""
    held = []
    for brief in works_for(name):
        data = SHAPES[shape]([change(entry) for entry in brief])
        library = peerbrief.read_bibliography(rewrite(data) if rewrite else data, name=shape)
        assert len(library) == len(brief)
        own = {id(record): number for number, record in enumerate(library)}
        for number, match in enumerate(peerbrief.against(brief, library).matches):
            if any(own[id(record)] == number for record in match.records):
                held.append(match.entry.title)
    return held


ALL_SHAPES = [shape for shape in SHAPES if shape != "endnote-ris-utf16"]
WHOLE = sum(map(len, works()))


@pytest.mark.parametrize("name", list(HELD))
def test_a_changed_record_in_every_shape_holds_its_work(name: str) -> None:
    missed = {shape: WHOLE - len(held_in(shape, HELD[name], None, name)) for shape in ALL_SHAPES}
    assert {shape: count for shape, count in missed.items() if count} == MISSED.get(name, {})


@pytest.mark.parametrize("name", list(SHAPED))
def test_a_record_written_as_its_format_allows_holds_its_work(name: str) -> None:
    shapes, change, rewrite = SHAPED[name]
    for shape in shapes:
        held = held_in(shape, change or (lambda entry: entry), rewrite, name)
        assert WHOLE - len(held) == MISSED.get(name, {}).get(shape, 0), shape


@pytest.mark.parametrize("name", list(NEW))
def test_another_work_in_every_shape_leaves_the_work_new(name: str) -> None:
    for shape in ALL_SHAPES:
        assert held_in(shape, NEW[name], None, name) == [], shape


MISSED: dict[str, dict[str, int]] = {
    # A brief's video labelled "Video: …" is written as @misc by classic BibTeX, its label
    # the only sign it is a film: a label written otherwise, or quoted, makes it a report.
    "subtitle after ' - '": dict.fromkeys(
        ("mendeley-bibtex", "jabref-bibtex", "bibdesk-bibtex"), 9
    ),
    "subtitle after '. '": dict.fromkeys(("mendeley-bibtex", "jabref-bibtex", "bibdesk-bibtex"), 9),
    # A body and its unit as one organisation (``Department of Health and Social Care,
    # Workforce and Regulation Directorate``) written as BibTeX's given name first: its
    # comma splits it, and the record is read as another first author. Not yet mended.
    # (Two: a body and its unit of the healthcare-support-workers brief is one too; four
    # with the doctors-in-training-wellbeing brief's two works by a body and its country,
    # ``Department of Health and Social Care, UK``.)
    "author Given Family": dict.fromkeys(
        ("mendeley-bibtex", "jabref-bibtex", "better-bibtex-biblatex"), 4
    ),
    # A title reworded holds an article cited in full (journal, volume, first page, first
    # author) or with the same DOI; the briefs give no DOIs, so reports (whose summary or
    # next edition may share the title's start) and articles without volume or pages are
    # missed. Of the 587 works with the doctors-in-training-wellbeing brief (before it, 552:
    # 177, 308 and 330), of the 552 with the maternity-support-workers brief (before it, 514:
    # 167, 287 and 308), of the 514 with the first-contact-practitioners brief (before it, 470:
    # 143, 259 and 279; the thirteen briefs' 440: 133, 238 and
    # 258; the twelve briefs' 411: 124, 222 and 241; the ten briefs' 333: 110, 191 and 208); before the rule, of the sample's and six
    # briefs' 261: 163, 261 and 261 in every shape, after it 88, 147 and 161. Zotero's
    # refer writes no DOI: more (two preprints and an article without a volume, which their
    # DOI holds in the other shapes, two before the fourteenth brief; and the
    # maternity-support-workers brief's articles whose written DOI holds them, two or one).
    **{
        name: dict.fromkeys(ALL_SHAPES, count) | {"zotero-refer": refer}
        for name, count, refer in (
            ("subtitle left out", 193, 198),
            ("subtitle added", 327, 331),
            ("leading The", 349, 353),
        )
    },
}
"""Misses the matrix knows of, by change and shape, each with its reason."""
