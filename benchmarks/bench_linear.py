"""Time at n and 4n for every field parser and for the whole reader, on hostile inputs.

Each case builds an input of about n characters in a form once found slow (a run of
separators, spaces, dots or digits where a pattern used to try every split; a DOI link
with many view suffixes; a long Contents line; many formulas) and times the parser on it
and on the input four times as long. Linear work gives a ratio near 4; a quadratic
pattern gives 16, a cubic one 64. The verdict column flags any ratio above 8.

    python benchmarks/bench_linear.py [--size N] [--repeat R]
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from pypdf._codecs._codecs import LzwCodec
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

import peerbrief
from peerbrief import fields
from peerbrief.blocks import segment
from peerbrief.lines import (
    contents_entry,
    drop_prefix_by_key,
    heading_key,
    set_signature_aside,
    split_lines,
    unquoted,
)
from peerbrief.paragraphs import mend_converted_paragraphs, rebuild_paragraphs
from peerbrief.pdf import PdfLimits, pdf_lines
from peerbrief.pdf.pdfium import _measure_streams

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_pdf_post_processing import one_page_pdf

Case = tuple[str, Callable[[int], str], Callable[[str], object]]
_LIMITS = PdfLimits()
# The hyphen-minus's code drawn as /minus (U+2212), as PostScript's ISOLatin1Encoding has it.
_MINUS_AT_HYPHEN = DictionaryObject(
    {
        NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
        NameObject("/Differences"): ArrayObject([NumberObject(45), NameObject("/minus")]),
    }
)


def _uncached(function: Callable[..., object], *args: object) -> object:
    """Call ``function`` with heading_key's cache empty, as each new read starts."""
    heading_key.cache_clear()
    return function(*args)


@functools.cache
def _stream(filters: str, data: bytes) -> str:
    """A stream object of ``data`` whose dictionary names ``filters``, as text."""
    head = f"4 0 obj << /Filter {filters} >>\nstream\n".encode()
    return (head + data + b"\nendstream\nendobj\n").decode("latin-1")


def _packed_filter(count: int) -> str:
    """An object stream of ``count`` names, and a stream whose ``/Filter`` is the last."""
    names = [b"/ASCIIHexDecode"] * count
    head, offset = [], 0
    for number, name in enumerate(names, start=10):
        head.append(b"%d %d" % (number, offset))
        offset += len(name) + 1
    first = len(b" ".join(head)) + 1
    packed = zlib.compress(b" ".join(head) + b" " + b" ".join(names))
    objects = b"7 0 obj << /Type /ObjStm /N %d /First %d /Filter /FlateDecode >>\nstream\n" % (
        count,
        first,
    )
    objects += packed + b"\nendstream\nendobj\n"
    return objects.decode("latin-1") + _stream(f"{count + 9} 0 R", b"/P BMC EMC".hex().encode())


def _sample() -> peerbrief.Brief:
    return peerbrief.read(peerbrief.sample_path())


def _cut_titles(n: int) -> str:
    """A RIS library of records whose titles are as long as titles cut at 255 characters,
    each beginning the next one's (every record looks up the works its title begins)."""
    title = "peer support " * 19
    return "".join(f"TY  - RPRT\nTI  - {title}{number}\nER  - \n" for number in range(n // 270))


def _one_citation(n: int) -> str:
    """A RIS library of records citing one article of the sample (journal, volume, first
    page, first author) under its title with a subtitle added: every record is a
    candidate of the work, and holds it."""
    work = next(e for e in _sample() if e.volume and e.pages and e.authors and e.container_title)
    first_page = work.pages.first if work.pages else ""
    record = (
        f"TY  - JOUR\nTI  - {work.title}: a subtitle\nAU  - {work.authors[0].family}\n"
        f"T2  - {work.container_title}\nVL  - {work.volume}\nSP  - {first_page}\n"
        f"PY  - {work.year}\nER  - \n"
    )
    return record * max(1, n // len(record))


def _sample_times(count: int) -> str:
    text = peerbrief.sample_path().read_text(encoding="utf-8")
    return "\n".join([text] * max(1, count))


CASES: list[Case] = [
    ("strip_markup: <sup> with spaces", lambda n: "<sup>" + " " * n + "x", fields.strip_markup),
    ("strip_markup: TeX formulas", lambda n: "$\\eta^2=.24$ " * (n // 13), fields.strip_markup),
    ("strip_markup: citation markers", lambda n: "word^{1,2} " * (n // 11), fields.strip_markup),
    ("strip_markup: emphasis stars", lambda n: "**a *b " * (n // 7), fields.strip_markup),
    (
        "parse_people: separators at the end",
        lambda n: "Smith" + ", ;" * (n // 3) + "x",
        fields.parse_people,
    ),
    (
        "parse_people: et al. after separators",
        lambda n: "Smith" + " ," * (n // 2) + "et al.",
        fields.parse_people,
    ),
    (
        "parse_people: many names",
        lambda n: "Smith, J. and " * (n // 14) + "Jones",
        fields.parse_people,
    ),
    ("parse_date: dashes", lambda n: "2020" + "-" * n, fields.parse_date),
    (
        "split_series: many series parts",
        lambda n: "National Audit Office" + ", Research report 412" * (n // 21),
        fields.split_series,
    ),
    (
        "parse_journal_source: separators",
        lambda n: "Journal" + " ,;" * (n // 3) + "x",
        fields.parse_journal_source,
    ),
    (
        "parse_journal_source: numbers",
        lambda n: "Journal " + "1 " * (n // 2) + "x",
        fields.parse_journal_source,
    ),
    (
        "parse_journal_source: pp. runs",
        lambda n: "Journal " + "pp. " * (n // 4),
        fields.parse_journal_source,
    ),
    (
        "parse_journal_source: month words",
        lambda n: "Journal " + "12 May " * (n // 7) + "2020",
        fields.parse_journal_source,
    ),
    (
        "parse_publication_details: commas",
        lambda n: "Journal" + ", " * (n // 2) + "x:",
        fields.parse_publication_details,
    ),
    (
        "doi_from_url: /pdf suffixes",
        lambda n: "https://doi.org/10.1000/abc" + "/pdf" * (n // 4),
        fields.doi_from_url,
    ),
    (
        "doi_from_url: brackets",
        lambda n: "https://doi.org/10.1000/a" + ")" * n,
        fields.doi_from_url,
    ),
    ("split_title_line: brackets", lambda n: "[" * n + "](#)", fields.split_title_line),
    ("label_of: long line", lambda n: "Source" + " " * n + ":", fields.label_of),
    ("contents_entry: spaces", lambda n: "Heading" + " " * n + "x", contents_entry),
    ("contents_entry: dots", lambda n: "Heading" + "." * n + "12x", contents_entry),
    (
        "drop_prefix_by_key: long line",
        lambda n: "é" * n,
        lambda t: _uncached(drop_prefix_by_key, t, "e" * len(t) + "b"),
    ),
    ("heading_key: long line", lambda n: "Ab-" * (n // 3), lambda t: _uncached(heading_key, t)),
    (
        "segment: one long line",
        lambda n: "Evidence Brief: X\n[A](#)\n" + "word " * (n // 5),
        lambda t: segment(split_lines(t)),
    ),
    (
        "segment: notes of raised citations",
        lambda n: (
            "Evidence Brief: X\n\n[A](#)\n\nAuthor(s): Otte et al.\n\n"
            + "Text citing a note\u00b9.\n\n\u00b9 The note.\n\n" * (n // 36)
        ),
        lambda t: segment(split_lines(t)),
    ),
    (
        "segment: notes of flattened citations",
        lambda n: (
            "Evidence Brief: X\n\n[A](#)\n\nAuthor(s): Otte et al.\n\n"
            + "Text citing notes1 and2 of it3.\n\n1 The note.\n\n" * (n // 48)
        ),
        lambda t: segment(split_lines(t)),
    ),
    (
        "segment: boxes between references",
        lambda n: (
            "Evidence Brief: X\n\n[A](#)\n\nSource: NHS England\n\nAn abstract.\n\n"
            + "Key messages\n\n- An item.\n\n[B](#)\n\nSource: NHS England\n\nText.\n\n" * (n // 72)
        ),
        lambda t: segment(split_lines(t)),
    ),
    (
        "segment: titles, each link and access date on the next lines",
        lambda n: (
            "Evidence Brief: X\n\n[A](#)\n\nSource: NHS England\n\n"
            + "A title\nhttps://x.org/a\nAccessed 3 May 2023\n\nSource: NHS England\n\n" * (n // 70)
        ),
        lambda t: segment(split_lines(t)),
    ),
    (
        "segment: a box's long list",
        lambda n: (
            "Evidence Brief: X\n\n[A](#)\n\nSource: NHS England\n\nAn abstract.\n\n"
            + "Key messages\n\n"
            + "- An item.\n\n" * (n // 12)
            + "[B](#)\n\nSource: NHS England\n\nText.\n"
        ),
        lambda t: segment(split_lines(t)),
    ),
    (
        "segment: a Contents list's column of page numbers",
        lambda n: "Evidence Brief: X\n\nContents\n\n" + "3\n" * (n // 2) + "Case Studies.....\n",
        lambda t: segment(split_lines(t)),
    ),
    (
        "split_lines: a table of works",
        lambda n: (
            "| Title | Source | Date |\n|---|---|---|\n"
            + "| [A report](#) | NHS England | 2021 |\n" * (n // 38)
        ),
        split_lines,
    ),
    (
        "split_lines: table heads, each a table of none",
        lambda n: "| Title | Source |\n|---|---|\n" * (n // 30),
        split_lines,
    ),
    (
        "mend_converted_paragraphs: links to one target",
        lambda n: "[word](https://x.org/u)\n\n" * (n // 25),
        lambda t: mend_converted_paragraphs(split_lines(t)),
    ),
    (
        "parse: a title's line of links to other targets",
        lambda n: (
            "[A guide](https://x.org/a) "
            + "[Easy read](https://x.org/b) | " * (n // 32)
            + "\n\nSource: NHS England\n"
        ),
        lambda t: peerbrief.parse(t, dedupe=False),
    ),
    (
        "rebuild_paragraphs: web addresses ending lines at a slash",
        lambda n: ("see https://x.org/" + "p" * 50 + "/\nand then " + "x" * 60 + "\n") * (n // 140),
        lambda t: rebuild_paragraphs(split_lines(t)),
    ),
    (
        "rebuild_paragraphs: wrapped",
        lambda n: ("x" * 70 + "\n") * (n // 71),
        lambda t: rebuild_paragraphs(split_lines(t)),
    ),
    (
        "rebuild_paragraphs: list glyphs, each before wrapped lines, no blank line",
        lambda n: ("\u2022\n" + (("word " * 16).strip() + "\n") * 3) * (n // 242),
        lambda t: rebuild_paragraphs(split_lines(t)),
    ),
    (
        "parse: a run of labels without titles (each line asks what follows it)",
        lambda n: (
            "[A title](https://x.org/a)\n\n" + "Journal: a\nSource: b\nAuthor: c\n" * (n // 30)
        ),
        lambda t: peerbrief.parse(t, dedupe=False),
    ),
    (
        "rebuild_paragraphs: soft hyphens and hyphens at line ends",
        lambda n: ("peer support work" + "x" * 50 + "\u00ad\nhealth-\ncare ") * (n // 80),
        lambda t: rebuild_paragraphs(split_lines(t)),
    ),
    (
        "split_lines: UTF-8 read as Windows-1252, one long line and many",
        lambda n: ("Nursesâ€™ cafÃ© Ã" + "â€" * 20 + "\n") * (n // 58) + "Ã©" * (n // 4),
        split_lines,
    ),
    (
        "set_signature_aside: blank lines after a separator",
        lambda n: "--\n" + "\n" * n + "x\n" * 10,
        lambda t: set_signature_aside(split_lines(t)),
    ),
    (
        "rebuild_paragraphs: wrapped twice, quoted",
        lambda n: ("> " + "x " * 32 + "\nyy\n") * (n // 70),
        lambda t: rebuild_paragraphs(unquoted(split_lines(t))),
    ),
    (
        "pdfium: stream keywords, dictionaries looked back at",
        lambda n: ("1 0 obj << /Subtype /Image >> " + "x" * 40 + "stream\n") * (n // 77),
        lambda t: _measure_streams(t.encode(), "x.pdf", PdfLimits(), PdfLimits().deadline("x")),
    ),
    (
        "pdfium: hyphens inside as many nested marked-content sequences as allowed",
        lambda n: (
            "/Span <<>> BDC " * PdfLimits().max_marked_depth
            + "BT /F1 10 Tf 72 700 Td ("
            + "a- " * (n // 36)
            + ") Tj ET"
            + " EMC" * PdfLimits().max_marked_depth
        ),
        lambda t: pdf_lines(one_page_pdf(t.encode()), "x", backend="pdfium"),
    ),
    (
        "pdfium: minus signs on a page, none joining letters",
        lambda n: "BT /F1 10 Tf 72 700 Td (" + "1-2 " * (n // 4) + ") Tj ET",
        lambda t: pdf_lines(one_page_pdf(t.encode(), encoding=_MINUS_AT_HYPHEN), "x"),
    ),
    (
        "pdfium: strings, each an object, inside as many nested sequences as allowed",
        lambda n: (
            "/Span <<>> BDC " * PdfLimits().max_marked_depth
            + "BT /F1 10 Tf 72 700 Td "
            + "(a) Tj " * (n // 7)
            + "ET"
            + " EMC" * PdfLimits().max_marked_depth
        ),
        lambda t: pdf_lines(one_page_pdf(t.encode()), "x", backend="pdfium"),
    ),
    (
        "pdfium: marked-content sequences one after another, each measured",
        lambda n: "/P <</MCID 0>> BDC EMC " * (n // 23),
        lambda t: _measure_streams(one_page_pdf(t.encode()), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        # (After an inline image every BDC of its stream counts as begun: one image, last.)
        "pdfium: marked-content sequences among strings, comments; then an inline image",
        lambda n: (
            "/P <<>> BDC ((a) EMC) Tj % EMC\nEMC " * (n // 80) + "BI ID " + "EMC " * (n // 8) + "EI"
        ),
        lambda t: _measure_streams(one_page_pdf(t.encode()), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: marked-content sequences among arrays, dictionaries, hexadecimal strings",
        lambda n: "/P <</MCID 0>> BDC [<0A> 1 <0B>] TJ <</A [1]>> pop EMC " * (n // 58),
        lambda t: _measure_streams(one_page_pdf(t.encode()), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: a content stream behind ASCII85 (groups cut by z), decoded",
        lambda n: _stream("/ASCII85Decode", ("s8W-!z" * (n // 6)).encode() + b"~>"),
        lambda t: _measure_streams(t.encode("latin-1"), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: a content stream behind RunLength (runs of one byte), decoded",
        lambda n: _stream("/RunLengthDecode", b"\0a\xffb" * (n // 4)),
        lambda t: _measure_streams(t.encode("latin-1"), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: a content stream behind LZW, decoded",
        lambda n: _stream("/LZWDecode", LzwCodec().encode(b"/P BMC EMC " * (n // 11))),
        lambda t: _measure_streams(t.encode("latin-1"), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: a content stream behind PNG-predicted rows of one byte, decoded",
        lambda n: _stream(
            "/FlateDecode /DecodeParms << /Predictor 12 /Columns 1 >>",
            zlib.compress(b"\x04a\x01b" * (n // 4)),
        ),
        lambda t: _measure_streams(t.encode("latin-1"), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: a /Filter spelt again and again before one stream, each tried once",
        lambda n: _stream(
            "/ASCIIHexDecode"
            + "".join(f" /N{i} << /Filter [/AHx /X{i}] >>" for i in range(n // 9)),
            b"/P BMC EMC".hex().encode(),
        ),
        lambda t: _measure_streams(t.encode("latin-1"), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "pdfium: a /Filter kept in an object stream of names",
        lambda n: _packed_filter(n // 5),
        lambda t: _measure_streams(t.encode("latin-1"), "x", _LIMITS, _LIMITS.deadline("x")),
    ),
    (
        "against: titles cut at 255 characters",
        _cut_titles,
        lambda t: peerbrief.against(_sample(), peerbrief.read_bibliography(t.encode())),
    ),
    (
        "against: records citing one article, subtitled",
        _one_citation,
        lambda t: peerbrief.against(_sample(), peerbrief.read_bibliography(t.encode())),
    ),
    (
        "read_bibliography: a RIS note over n lines",
        lambda n: (
            "TY  - JOUR\nTI  - T\nN1  - note\n" + "a line of a note\n" * (n // 17) + "ER  - \n"
        ),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: RIS, one space before each dash",
        lambda n: "TY - JOUR\nTI - T\nAU - A, B\nER - \n" * (n // 33),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a RIS title, then n blank lines",
        lambda n: "TY  - JOUR\nTI  - T\n" + "\n" * n + "ER  - \n",
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a Refer value over n lines",
        lambda n: "%0 Journal Article\n%T T\n%X abstract\n" + "a line of it\n" * (n // 13),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a MEDLINE value over n lines",
        lambda n: "PMID- 1\nTI  - T\nAB  - abstract\n" + "      a line of it\n" * (n // 19),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a BibTeX title of n/2 letters (LaTeX decoded: below MAX_DECODED)",
        lambda n: "@article{k, title={{\\'E" + "a" * (n // 2) + "}}}\n",
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a BibTeX title over n/2 lines (LaTeX decoded: below MAX_DECODED)",
        lambda n: "@article{k, title={{\\'E" + "\n" * (n // 2) + "x}}}\n",
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: n/128 names in biblatex's extended name format",
        lambda n: (
            "@article{k, title={T}, author={"
            + " and ".join(
                ["family=Meij, given=Vincent, prefix=van der, useprefix=true"] * (n // 128)
            )
            + "}}\n"
        ),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: one extended name of n/3 commas",
        lambda n: "@article{k, title={T}, author={family=Meij" + ", x" * (n // 3) + "}}\n",
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a CSL-JSON title of n escapes (lone surrogates, backslashes)",
        lambda n: '[{"type": "book", "title": "' + "\\ud800\\\\" * (n // 8) + '"}]',
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: a BibTeX parent of n/40 fields, crossref'd by as many children",
        lambda n: (
            ("@book{p, title={B}," + "".join(f"f{i}={{v}}," for i in range(n // 40)) + "}\n")
            + "".join(f"@inbook{{c{i}, title={{T}}, crossref={{p}}}}\n" for i in range(n // 40))
        ),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: n/25 BibTeX records (fields counted in each block)",
        lambda n: "".join(f"@misc{{k{i}, title={{T}}}}\n" for i in range(n // 25)),
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "read_bibliography: blank lines before a record",
        lambda n: "\n" * n + "@article{k, title={T}}\n",
        lambda t: peerbrief.read_bibliography(t.encode()),
    ),
    (
        "peerbrief.parse: the sample, n copies",
        lambda n: _sample_times(n // 20000),
        lambda t: peerbrief.parse(t, dedupe=False),
    ),
]


def _best(job: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40_000, help="n, in characters")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.size
    print(f"n = {n} characters; best of {args.repeat}; linear: ratio near 4")
    print(f"  {'case':42} {'t(n) ms':>10} {'t(4n) ms':>10} {'ratio':>7}")
    for name, make, run in CASES:
        small, large = make(n), make(4 * n)
        t_small = _best(functools.partial(run, small), args.repeat)
        t_large = _best(functools.partial(run, large), args.repeat)
        ratio = t_large / t_small if t_small > 0 else float("nan")
        verdict = "" if ratio <= 8 else "  NOT LINEAR"
        print(f"  {name:42} {t_small * 1000:10.3f} {t_large * 1000:10.3f} {ratio:7.1f}{verdict}")


if __name__ == "__main__":
    main()
