"""De-duplication at scale: speed against a bare baseline, accuracy against known truth.

Synthetic briefs of 1,000 / 10,000 / 100,000 entries are made from the sample brief's
works (or from synthetic ones if the sample cannot be read): each work gets a unique
title, restyled copies of it (case, quotes, dashes, markup, diacritics, "et al.",
fewer or more details: the kinds of duplicate briefs hold) and look-alikes that are
other works (another year, part number, title word, first author, volume or DOI).
Each entry remembers its work, so pairwise precision and recall are exact. A second
series lists one title N times (N = 1k, 4k, 16k): copies of N/16 works sharing it,
reporting time per copy and memory (tracemalloc peak; the run's peak resident size).

The baseline, timed in the same run, groups the same entries in a dict by a bare
normalised title (case-folded, punctuation to spaces). Targets: precision 1.0, recall
≥ 0.99, 100k ≤ 25× baseline, time(100k) / time(10k) ≤ 11.

Times are CPU seconds of this process (a shared machine's other work does not count).
With ``--shuffle`` the entries come in random order, which scatters them in memory:
then the baseline too grows faster than linearly, from cache misses.

    python benchmarks/bench_dedupe.py [--sizes 1000 10000 100000] [--seed 7] [--shuffle]
                                      [--copies 1000 4000 16000]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import combinations
from typing import NamedTuple

import attrs
from timing import median_seconds

import peerbrief
from peerbrief import Date, Entry, Pages, Person, Provenance
from peerbrief.dedupe import dedupe

VOCABULARY = """access action adults advocacy agency allies alliance anxiety approach balance
barriers boundaries capacity care careers carers change choice clinics coaching cohort
commitment community confidence conflict connection context contracts culture decisions
delivery design dignity discharge distress diversity education empathy employment equity
ethics evidence experience families friendship funding governance growth guidance hope
housing identity impact inclusion influence insight integration justice knowledge language
leadership learning legitimacy listening loneliness management meaning mentoring models
motivation networks outcomes ownership participation partnership pathways policy power
practice pressure quality readiness recovery reflection relationships resilience respect
safety satisfaction skills stigma strengths stress supervision sustainability
teamwork training transition trust uncertainty values voice wellbeing workload youth"""
WORDS = tuple(VOCABULARY.split())
FAMILIES = ("Otte", "Gillard", "Byrne", "Moran", "Debyser", "Siantz", "Ehrlich", "Hegedus",
            "Mancini", "Cleary", "Viking", "Åkerblom", "Skinner", "Nicholas")  # fmt: skip
QUOTES = (("'", "'"), ("‘", "’"), ("“", "”"), ('"', '"'))
DASHES = (" – ", " — ", " ‐ ", " - ")
SOURCE = "synthetic.txt"

_BARE_NON_WORD = re.compile(r"\W+")


def _bare_baseline(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[_BARE_NON_WORD.sub(" ", entry.title.casefold()).strip()].append(entry)
    return groups


def _base_works() -> list[Entry]:
    try:
        return list(peerbrief.read(peerbrief.sample_path()).entries)
    except Exception as error:  # any failure only means synthetic bases
        print(f"(sample unreadable: {error}; using synthetic base works)")
        return [
            Entry(
                f"Peer support in {word} and {other}",
                authors=(Person(family),),
                date=Date(2000 + n % 24),
                container_title="Journal of Mental Health",
                volume=str(n % 50 + 1),
                pages=Pages(str(n + 1), str(n + 9)),
            )
            for n, (word, other, family) in enumerate(
                zip(WORDS, WORDS[1:], FAMILIES * 20, strict=False)
            )
        ]


class _Synthesiser:
    """Makes entries with known truth: ``work_of[line]`` is the work an entry copies.

    A look-alike that differs from a work only by its DOI makes every copy of either
    that lacks a DOI fit both works; dedupe rightly merges such a copy with neither.
    Their lines are in ``ambiguous``, so that recall can also be given without them.
    """

    def __init__(self, bases: Sequence[Entry], seed: int) -> None:
        self.bases = bases
        self.random = random.Random(seed)
        self.entries: list[Entry] = []
        self.work_of: dict[int, int] = {}
        self.ambiguous: set[int] = set()
        self.copies: set[int] = set()
        self.works = 0

    def build(self, size: int, *, shuffle: bool) -> list[Entry]:
        """``size`` entries: every work once, then the further copies (as a second brief
        would list them), or all shuffled, which scatters their order in memory."""
        while len(self.entries) < size:
            self._add_work_with_copies()
        del self.entries[size:]
        self.work_of = {line: work for line, work in self.work_of.items() if line <= size}
        if shuffle:
            self.random.shuffle(self.entries)
        else:
            self.entries.sort(key=lambda entry: entry.provenance[0].first_line in self.copies)
        return self.entries

    def _add(self, entry: Entry, work: int, *, ambiguous_without_doi: bool) -> int:
        line = len(self.entries) + 1
        self.work_of[line] = work
        if ambiguous_without_doi and entry.doi is None:
            self.ambiguous.add(line)
        self.entries.append(attrs.evolve(entry, provenance=(Provenance(SOURCE, (line,)),)))
        return line

    def _add_with_copies(self, work: Entry, copies: int, *, ambiguous_without_doi: bool) -> None:
        self.works += 1
        self._add(work, self.works, ambiguous_without_doi=ambiguous_without_doi)
        for _ in range(copies):
            copy = self._restyled(work)
            self.copies.add(
                self._add(copy, self.works, ambiguous_without_doi=ambiguous_without_doi)
            )

    def _add_work_with_copies(self) -> None:
        work = self._unique_work()
        look_alike = self._look_alike(work) if self.random.random() < 0.2 else None
        doi_only = look_alike is not None and attrs.evolve(look_alike, doi=work.doi) == work
        chance = self.random.random()
        copies = 2 if chance < 0.05 else 1 if chance < 0.35 else 0
        self._add_with_copies(work, copies, ambiguous_without_doi=doi_only)
        if look_alike is not None:
            copies = int(self.random.random() < 0.3)
            self._add_with_copies(look_alike, copies, ambiguous_without_doi=doi_only)

    def _unique_work(self) -> Entry:
        base = self.bases[self.works % len(self.bases)]
        # A different word triple for every work makes every title unique.
        n, k = self.works, len(WORDS)
        suffix = f"{WORDS[n % k]}, {WORDS[n // k % k]} and {WORDS[n // k // k % k]}"
        doi = f"10.9999/synthetic.{self.works}" if self.random.random() < 0.5 else None
        first = Person(self.random.choice(FAMILIES), self.random.choice(("Anna", "J.", None)))
        page = self.random.randint(1, 900)
        return attrs.evolve(
            base,
            title=f"{base.title}: {suffix}",
            authors=(first, Person(self.random.choice(FAMILIES))),
            authors_truncated=False,
            date=Date(self.random.randint(1995, 2024)),
            volume=str(self.random.randint(1, 60)),
            pages=Pages(str(page), str(page + self.random.randint(1, 30))),
            doi=doi,
        )

    def _restyled(self, work: Entry) -> Entry:
        pick = self.random.choice
        words = work.title.split(" ")
        at = self.random.randrange(len(words) - 1)
        opening, closing = pick(QUOTES)
        words[at : at + 2] = [f"{opening}{words[at]}{closing}{pick(DASHES)}{words[at + 1]}"]
        title = pick((str.lower, str.upper, str.title, str.capitalize))(" ".join(words))
        title = pick(("{}", "{}.", "*{}*", "{} ")).format(title)
        if self.random.random() < 0.2:
            title = title.replace("e", "é")
        copy = attrs.evolve(work, title=title, container_title=(work.container_title or "").lower())
        if self.random.random() < 0.5:
            copy = attrs.evolve(
                copy, authors=(Person(work.authors[0].family),), authors_truncated=True
            )
        if self.random.random() < 0.4:
            copy = attrs.evolve(copy, pages=None, issue=None)
        if self.random.random() < 0.4 and work.date is not None:
            copy = attrs.evolve(copy, date=Date(work.date.year, self.random.randint(1, 12)))
        if self.random.random() < 0.3:
            copy = attrs.evolve(copy, doi=None)  # one metadata style may lack the link
        return copy

    def _look_alike(self, work: Entry) -> Entry:
        """Another work that shares most of this one's metadata."""
        year = work.date.year if work.date else 2000
        changes: list[Callable[[], Entry]] = [
            lambda: attrs.evolve(work, date=Date(year + self.random.randint(1, 5)), doi=None),
            lambda: attrs.evolve(work, title=f"{work.title} - Part 2", doi=None),
            lambda: attrs.evolve(work, title=work.title.replace(":", ": new", 1), doi=None),
            lambda: attrs.evolve(
                work, authors=(Person("Zhang"),), authors_truncated=True, doi=None
            ),
            lambda: attrs.evolve(work, volume=str(int(work.volume or "1") + 1), doi=None),
        ]
        if work.doi:  # only a DOI tells these apart: copies that lack it are ambiguous
            changes.append(lambda: attrs.evolve(work, doi=f"10.9999/other.{self.works}"))
        return self.random.choice(changes)()


def _pairs(groups: Iterable[Sequence[int]]) -> set[tuple[int, int]]:
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


class _Accuracy(NamedTuple):
    precision: float
    recall: float
    decidable_recall: float
    """Recall over the pairs without an ambiguous copy (see :class:`_Synthesiser`)."""


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _accuracy(result_entries: Sequence[Entry], synthesiser: _Synthesiser) -> _Accuracy:
    found = _pairs([p.first_line for p in entry.provenance] for entry in result_entries)
    by_work: dict[int, list[int]] = defaultdict(list)
    for line, work in synthesiser.work_of.items():
        by_work[work].append(line)
    truth = _pairs(by_work.values())
    decidable = {pair for pair in truth if synthesiser.ambiguous.isdisjoint(pair)}
    return _Accuracy(
        precision=_ratio(len(found & truth), len(found)),
        recall=_ratio(len(found & truth), len(truth)),
        decidable_recall=_ratio(len(found & decidable), len(decidable)),
    )


def _peak_megabytes(job: Callable[[], object]) -> float:
    tracemalloc.start()
    job()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


class _Row(NamedTuple):
    works: int
    baseline: float
    seconds: float
    accuracy: _Accuracy
    peak_mb: float
    baseline_peak_mb: float


def _measure(bases: Sequence[Entry], size: int, seed: int, *, shuffle: bool) -> _Row:
    synthesiser = _Synthesiser(bases, seed)
    entries = synthesiser.build(size, shuffle=shuffle)
    repeat = 3
    return _Row(
        works=len(set(synthesiser.work_of.values())),
        baseline=median_seconds(lambda: _bare_baseline(entries), repeat, cpu=True),
        seconds=median_seconds(lambda: dedupe(entries), repeat, cpu=True),
        accuracy=_accuracy(dedupe(entries).entries, synthesiser),
        peak_mb=_peak_megabytes(lambda: dedupe(entries)),
        baseline_peak_mb=_peak_megabytes(lambda: _bare_baseline(entries)),
    )


COLUMNS = (
    ("entries", 8), ("works", 7), ("baseline", 9), ("dedupe", 9), ("ratio", 6),
    ("precision", 9), ("recall", 7), ("decidable", 9), ("peak MB", 8), ("base MB", 8),
)  # fmt: skip


def _line(cells: Sequence[str]) -> str:
    return " ".join(cell.rjust(width) for cell, (_, width) in zip(cells, COLUMNS, strict=True))


def _cells(size: int, row: _Row) -> list[str]:
    accuracy = row.accuracy
    return [
        str(size),
        str(row.works),
        f"{row.baseline:.3f}s",
        f"{row.seconds:.3f}s",
        f"{row.seconds / row.baseline:.1f}x",
        f"{accuracy.precision:.4f}",
        f"{accuracy.recall:.4f}",
        f"{accuracy.decidable_recall:.4f}",
        f"{row.peak_mb:.1f}",
        f"{row.baseline_peak_mb:.1f}",
    ]


# --- One title, many copies -------------------------------------------------------------

COPIES_PER_WORK = 16
"""The "one title, N copies" series: N listings of one title, copies of N / 16 works that
share it (a report's yearly editions, papers by several authors, one title per DOI)."""


def _one_title(bases: Sequence[Entry], size: int, seed: int) -> _Synthesiser:
    synthesiser = _Synthesiser(bases, seed)
    base = attrs.evolve(bases[0], title="Peer support workers: a review")
    pick = synthesiser.random
    told_apart: dict[tuple[int, str], int] = defaultdict(int)  # (year, first author) → works
    works = []
    for number in range(max(1, size // COPIES_PER_WORK)):
        family = FAMILIES[number % len(FAMILIES)]
        year = 1990 + number // len(FAMILIES) % 35
        work = attrs.evolve(
            base,
            authors=(Person(family, pick.choice(("Anna", None))),),
            date=Date(year),
            doi=f"10.9999/one-title.{number}",
            pages=Pages(str(number + 1), str(number + 12)),
        )
        told_apart[year, family] += 1
        works.append(work)
    for work in works:
        assert work.date is not None and work.first_author is not None
        # Works only a DOI tells apart make their copies without one fit several works.
        shared = told_apart[work.date.year, work.first_author.family] > 1
        synthesiser._add_with_copies(work, COPIES_PER_WORK - 1, ambiguous_without_doi=shared)
    del synthesiser.entries[size:]
    synthesiser.work_of = {line: w for line, w in synthesiser.work_of.items() if line <= size}
    return synthesiser


def _rss_megabytes() -> float:
    """The process's peak resident memory so far (Linux and macOS report it differently)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1e6 if sys.platform == "darwin" else 1e3)


def _one_title_series(bases: Sequence[Entry], sizes: Sequence[int], seed: int) -> None:
    print(f"\none title, N copies ({COPIES_PER_WORK} copies of each of N/{COPIES_PER_WORK} works)")
    print("      N   works   dedupe  per copy  traced MB   precision  decidable")
    for size in sizes:
        synthesiser = _one_title(bases, size, seed)
        job = partial(dedupe, synthesiser.entries)
        seconds = median_seconds(job, 3, cpu=True)
        peak = _peak_megabytes(job)
        accuracy = _accuracy(job().entries, synthesiser)
        print(
            f"{size:>7} {synthesiser.works:>7} {seconds:>7.3f}s {seconds / size * 1e6:>6.1f}µs "
            f"{peak:>9.1f}   {accuracy.precision:>9.4f}  {accuracy.decidable_recall:>9.4f}"
        )
    print(f"peak resident memory of the whole run: {_rss_megabytes():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shuffle", action="store_true", help="entries in random order")
    parser.add_argument("--copies", type=int, nargs="*", default=[1000, 4000, 16_000])
    args = parser.parse_args()
    bases = _base_works()
    order = "shuffled" if args.shuffle else "works first, then their further copies"
    print(f"{len(bases)} base works; {order}; times are CPU seconds, medians of 3 runs")
    print(_line([name for name, _ in COLUMNS]))
    timings: dict[int, float] = {}
    baselines: dict[int, float] = {}
    for size in args.sizes:
        row = _measure(bases, size, args.seed, shuffle=args.shuffle)
        timings[size], baselines[size] = row.seconds, row.baseline
        print(_line(_cells(size, row)))
    if 10_000 in timings and 100_000 in timings:
        growth = timings[100_000] / timings[10_000]
        baseline_growth = baselines[100_000] / baselines[10_000]
        print(f"time(100k) / time(10k) = {growth:.1f} (baseline: {baseline_growth:.1f})")
    print("decidable: recall without copies that fit two works differing only by DOI")
    print("targets: precision 1.0, recall >= 0.99, 100k <= 25x baseline, 100k/10k <= 11")
    if args.copies:
        _one_title_series(bases, args.copies, args.seed)
        print("target: time per copy flat as N grows (linear in copies)")


if __name__ == "__main__":
    main()
