"""Checking a brief against a large library: the sample brief (114 works) against a
generated library of 50,000 records, in RIS, biblatex, CSL-JSON, Zotero CSV and Zotero
RDF.

The library holds 100 of the brief's works (as a reference manager keeps them: titles in
Title Case, journals abbreviated, no abstracts) and 49,900 other works with titles,
authors, journals, years, DOIs and abstracts like a real library's. For each format, in
the same run:

- **bare**: the file parsed by the bare library (``rispy.loads``, bibtexparser's
  ``parse_string`` with its default middlewares, ``json.loads``, ``csv.reader``,
  defusedxml's ``fromstring``): the baseline;
- **read**: ``peerbrief.read_bibliography`` (parse, decode, build entries);
- **match**: ``peerbrief.against(brief, library)`` on the entries read.

Target: match ≤ 1× bare (matching adds at most the bare reading time again); the
whole check (read + match) is printed too, and each format's reading time against RIS's
(the same records). Zotero's CSV and RDF are written here as Zotero writes them
(``CSV.js``: every value quoted, ``; `` between names; ``Zotero RDF.js``: a resource an
item, its journal nested), peerbrief having no writer for them. Times are
CPU seconds of this process, medians of 3 runs; the check of the result (100 held, 14
new) makes sure the numbers measure the real work.

With ``--memory`` (Linux), the memory each format's bare parse and check (read and
match) add at their peak too, each in a process of its own (see :data:`_PEAK`;
tracemalloc made reading 20,000 records take minutes).

    python benchmarks/bench_library.py [--records 50000] [--seed 7] [--memory]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import attrs
import rispy
from bibtexparser.entrypoint import parse_string
from defusedxml.ElementTree import fromstring
from timing import median_seconds

import peerbrief
from peerbrief import Date, Entry, Pages, Person, Section
from peerbrief.writers import render

VOCABULARY = """access action adults advocacy agency allies anxiety approach balance barriers
boundaries capacity care careers carers change choice clinics coaching cohort community
confidence conflict connection context culture decisions delivery design dignity discharge
distress diversity education empathy employment equity ethics evidence experience families
friendship funding governance growth guidance hope housing identity impact inclusion
influence insight integration justice knowledge language leadership learning listening
loneliness management meaning mentoring models motivation networks outcomes ownership
participation partnership pathways policy power practice pressure quality readiness
recovery reflection relationships resilience respect safety satisfaction skills stigma
strengths stress supervision sustainability teamwork training transition trust values
voice wellbeing workload youth"""
WORDS = tuple(VOCABULARY.split())
FAMILIES = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Wood", "Jackson", "Clarke", "Müller", "García", "Nguyen",
            "O'Brien")  # fmt: skip
JOURNALS = ("Journal of Mental Health", "BMC Psychiatry", "Psychiatric Services",
            "International Journal of Mental Health Nursing", "Community Mental Health Journal",
            "Social Science & Medicine", "Health Expectations", "BMJ Open",
            "Journal of Advanced Nursing", "Psychiatric Rehabilitation Journal")  # fmt: skip
NLM = {"Journal": "J", "International": "Int", "Mental": "Ment", "Nursing": "Nurs",
       "Psychiatric": "Psychiatr", "Services": "Serv", "Health": "Health",
       "Rehabilitation": "Rehabil", "Community": "Community", "Social": "Soc"}  # fmt: skip
FORMATS = ("ris", "biblatex", "csl-json", "zotero-csv", "zotero-rdf")


def _other_work(pick: random.Random, number: int) -> Entry:
    words = pick.sample(WORDS, 7)
    page = pick.randint(1, 900)
    return Entry(
        title=f"{words[0].capitalize()} and {words[1]} in peer support: {' '.join(words[2:])}",
        authors=tuple(
            Person(pick.choice(FAMILIES), pick.choice(("Anna", "J.", "Mary-Kate")))
            for _ in range(pick.randint(1, 6))
        ),
        container_title=pick.choice(JOURNALS),
        volume=str(pick.randint(1, 60)),
        issue=str(pick.randint(1, 12)),
        pages=Pages(str(page), str(page + pick.randint(5, 20))),
        date=Date(pick.randint(1990, 2024), pick.choice((None, pick.randint(1, 12)))),
        abstract=" ".join(pick.choices(WORDS, k=120)).capitalize() + ".",
        doi=f"10.9999/bench.{number}",
        sections=(Section(pick.choice(WORDS).capitalize()),),
    )


def _as_kept(entry: Entry) -> Entry:
    """A brief's work as a reference manager keeps it."""
    journal = entry.container_title
    if journal:
        journal = " ".join(NLM.get(word, word) for word in journal.split() if word != "of")
    return attrs.evolve(
        entry,
        title=re.sub(r"\b[a-z]", lambda match: match.group().upper(), entry.title),
        container_title=journal,
        abstract=None,
        sections=(),
        provenance=(),
    )


def _library(brief: peerbrief.Brief, records: int, seed: int) -> list[Entry]:
    pick = random.Random(seed)
    held = [_as_kept(entry) for entry in brief.entries[:100]]
    entries = held + [_other_work(pick, number) for number in range(records - len(held))]
    pick.shuffle(entries)
    return entries


ZOTERO_TYPES = {"journal-article": "journalArticle", "report": "report", "video": "videoRecording"}
CSV_COLUMNS = ("Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title",
               "ISBN", "ISSN", "DOI", "Url", "Abstract Note", "Date", "Date Added", "Pages",
               "Issue", "Volume", "Journal Abbreviation", "Publisher", "Place", "Extra",
               "Notes", "Manual Tags", "Automatic Tags", "Editor")  # fmt: skip


def _names(entry: Entry) -> str:
    return "; ".join(f"{p.family}, {p.given}" if p.given else p.family for p in entry.authors)


def _iso(entry: Entry) -> str:
    date = entry.date
    if date is None:
        return ""
    return f"{date.year}-{date.month:02d}" if date.month else str(date.year)


def _pages(entry: Entry) -> str | None:
    pages = entry.pages
    return "-".join(filter(None, (pages.first, pages.last))) if pages else None


def _zotero_csv(entries: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for number, entry in enumerate(entries):
        values = {"Key": f"K{number:07d}", "Item Type": ZOTERO_TYPES[entry.kind.value],
                  "Author": _names(entry), "Title": entry.title,
                  "Publication Title": entry.container_title, "DOI": entry.doi,
                  "Abstract Note": entry.abstract, "Date": _iso(entry),
                  "Pages": _pages(entry),
                  "Issue": entry.issue, "Volume": entry.volume, "Publisher": entry.publisher,
                  "Manual Tags": "; ".join(s.top for s in entry.sections)}  # fmt: skip
        writer.writerow(values.get(column) or "" for column in CSV_COLUMNS)
    return "\ufeff" + out.getvalue()


RDF_START = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:z="http://www.zotero.org/namespaces/export#" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:bib="http://purl.org/net/biblio#" xmlns:foaf="http://xmlns.com/foaf/0.1/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:prism="http://prismstandard.org/namespaces/1.2/basic/">\n'
)


def _xml(tag: str, text: str | None) -> str:
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def _zotero_rdf(entries: list[Entry]) -> str:
    items = []
    for number, entry in enumerate(entries):
        people = "".join(
            f"<rdf:li><foaf:Person>{_xml('foaf:surname', p.family)}"
            f"{_xml('foaf:givenName', p.given)}</foaf:Person></rdf:li>"
            for p in entry.authors
        )
        publisher = _xml("foaf:name", entry.publisher)
        journal = (_xml("dc:title", entry.container_title) + _xml("prism:volume", entry.volume)
                   + _xml("prism:number", entry.issue)
                   + _xml("dc:identifier", entry.doi and f"DOI {entry.doi}"))  # fmt: skip
        items.append(
            f'<bib:Article rdf:about="#item_{number}">\n'
            f"    <z:itemType>{ZOTERO_TYPES[entry.kind.value]}</z:itemType>\n"
            f"    <dcterms:isPartOf><bib:Journal>{journal}</bib:Journal></dcterms:isPartOf>\n"
            f"    <bib:authors><rdf:Seq>{people}</rdf:Seq></bib:authors>\n"
            + (
                f"    <dc:publisher><foaf:Organization>{publisher}</foaf:Organization>"
                "</dc:publisher>\n"
                if publisher
                else ""
            )
            + "".join(f"    {_xml('dc:subject', s.top)}\n" for s in entry.sections)
            + f"    {_xml('dc:title', entry.title)}\n"
            f"    {_xml('dcterms:abstract', entry.abstract)}\n"
            f"    {_xml('dc:date', _iso(entry))}\n    {_xml('bib:pages', _pages(entry))}\n"
            "</bib:Article>\n"
        )
    return RDF_START + "".join(items) + "</rdf:RDF>\n"


def _text(entries: list[Entry], fmt: str) -> str:
    writers = {"zotero-csv": _zotero_csv, "zotero-rdf": _zotero_rdf}
    return writers[fmt](entries) if fmt in writers else render(entries, fmt)


BARE: dict[str, Callable[[str], Any]] = {
    "ris": rispy.loads,
    "biblatex": parse_string,
    "csl-json": json.loads,
    "zotero-csv": lambda text: list(csv.reader(io.StringIO(text, newline=""))),
    "zotero-rdf": fromstring,
}


_PEAK = """
import re, sys
import peerbrief, bench_library

def status(key):  # kB
    return int(re.search(key + r":\\s+(\\d+)", open("/proc/self/status").read())[1])

fmt, path, what = sys.argv[1:4]
data = open(path, "rb").read()
brief = peerbrief.read(peerbrief.sample_path())
open("/proc/self/clear_refs", "w").write("5")  # the peak (VmHWM) from here on
before = status("VmRSS")
if what == "check":
    result = peerbrief.against(brief, peerbrief.read_bibliography(data))
else:
    result = bench_library.BARE[fmt](data.decode("utf-8"))
print((status("VmHWM") - before) / 1000)
"""
"""The memory a parse (bare) or a check adds at its peak, in MB, in a fresh process that
has read the file and the brief: Linux's peak resident size (``VmHWM``, reset through
``/proc/self/clear_refs``) less the resident size before."""


def peak_mb(fmt: str, data: bytes, what: str) -> float:
    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as file:
        file.write(data)
        file.flush()
        run = [sys.executable, "-c", _PEAK, fmt, file.name, what]
        paths = [str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
        done = subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    return float(done.stdout.strip())


def _memory(fmt: str, data: bytes) -> str:
    bare, check = peak_mb(fmt, data, "bare"), peak_mb(fmt, data, "check")
    return f"  +MB bare {bare:.0f}, check {check:.0f} ({check / max(bare, 1):.1f}x)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory", action="store_true", help="peak memory too (slower)")
    args = parser.parse_args()
    brief = peerbrief.read(peerbrief.sample_path())
    library = _library(brief, args.records, args.seed)
    print(f"{len(brief.entries)} works against {len(library)} records; CPU seconds, medians of 3")
    print(f"{'format':>10} {'MB':>6} {'bare':>8} {'read':>8} {'match':>8} {'read/bare':>10}"
          f" {'match/bare':>11} {'check/bare':>11} {'read/RIS':>9}  held/new")  # fmt: skip
    ris_read = 0.0
    for fmt in FORMATS:
        text = _text(library, fmt)
        data = text.encode("utf-8")
        bare = median_seconds(lambda: BARE[fmt](text), 3, cpu=True)  # noqa: B023  (run in this iteration)
        read = median_seconds(lambda: peerbrief.read_bibliography(data), 3, cpu=True)  # noqa: B023
        records = peerbrief.read_bibliography(data)
        match = median_seconds(lambda: peerbrief.against(brief, records), 3, cpu=True)  # noqa: B023
        holdings = peerbrief.against(brief, records)
        assert (len(records), records.format) == (len(library), fmt.replace("biblatex", "bibtex"))
        ris_read = ris_read or read
        print(
            f"{fmt:>10} {len(data) / 1e6:>6.1f} {bare:>7.2f}s {read:>7.2f}s {match:>7.2f}s "
            f"{read / bare:>9.1f}x {match / bare:>10.2f}x {(read + match) / bare:>10.1f}x "
            f"{read / ris_read:>8.2f}x  {len(holdings.held)}/{len(holdings.new)}"
            + (_memory(fmt, data) if args.memory else "")
        )
    print("target: match/bare <= 1 (matching adds at most the bare reading time);")
    print("check = read + match: reading builds validated entries (names, dates, provenance)")


if __name__ == "__main__":
    main()
