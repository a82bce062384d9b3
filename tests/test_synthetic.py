"""Briefs nobody has seen: synthetic briefs in the series template, read from their text
export, their PDF (reportlab, also with a running footer; Chromium and LibreOffice in the
slow run) and ``pdftotext``'s renderings of the PDF (plain, ``-layout``, ``-raw``), scored
against the truth they were written from
(``tests/fixtures/synthetic.py``).

What must hold on every one: every reference found; field accuracy at least what the
reader achieves on 60 such briefs (``benchmarks/bench_accuracy.py``); and nothing lost
without a report — a value wrong and unreported is at worst misfiled (all its words in
its entry: a bare ``Source:`` journal read as the publisher, a given-first name of three
words split after the second), which only evidence elsewhere in the brief can settle.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from fixtures import synthetic

import peerbrief
from peerbrief import Reason
from peerbrief.lines import split_lines
from peerbrief.paragraphs import is_wrapped

SEEDS = range(6)
"""Briefs of the quick run: each is read in every rendering in a fraction of a second."""
SLOW_SEEDS = range(6, 30)
CHROMIUM_SEEDS = range(10)
"""Chromium prints a brief in about a second and a half; LibreOffice exports one in one."""

PDFTOTEXT = ("pdftotext", "pdftotext -layout", "pdftotext -raw")
RENDERINGS = ("text", "pdf", *PDFTOTEXT)

LEAST_ACCURACY = 0.98
"""Per brief and rendering: the least any of 60 briefs reads at (seeds 0–59: every
rendering reads at 98.1 % or more; 56 of them at 100 %). What is wrong is a reasonable
guess the text allows (see the module's docstring)."""
LEAST_MEAN_ACCURACY = 0.995
"""Over the briefs of a run, per rendering (60 briefs: 99.9 %)."""


def _work() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="peerbrief-synthetic-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


WORK = functools.cache(_work)


@functools.cache
def _generated(seed: int) -> tuple[str, tuple[synthetic.Expected, ...]]:
    text, truth = synthetic.generate(seed)
    return text, tuple(truth)


PRODUCERS = ("footer", "chromium", "libreoffice")
"""Renderings are named ``[producer ]pdf`` or ``[producer ]pdftotext[ options]``: the
reportlab PDF, the reportlab PDF with a running footer, Chromium's or LibreOffice's."""


@functools.cache
def _pdf(seed: int, producer: str) -> Path:
    text, name = _generated(seed)[0], f"brief-{seed}-{producer}"
    if producer == "chromium":
        if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
            pytest.skip("chromium is not installed")
        return synthetic.render_chromium_pdf(text, WORK(), name)
    if producer == "libreoffice":
        if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
            pytest.skip("LibreOffice (soffice) is not installed")
        return synthetic.render_libreoffice_pdf(text, WORK(), name)
    footer = synthetic.FOOTER if producer == "footer" else None
    return synthetic.render_pdf(text, WORK(), name, footer)


def _split(rendering: str) -> tuple[str, str]:
    """``chromium pdftotext -raw`` → (``chromium``, ``pdftotext -raw``)."""
    producer, _space, rest = rendering.partition(" ")
    return (producer, rest) if producer in PRODUCERS else ("reportlab", rendering)


@functools.cache
def _read(seed: int, rendering: str) -> peerbrief.Brief:
    """The brief read from one rendering (``dedupe=False``: every listing is scored)."""
    producer, form = _split(rendering)
    if form == "text":
        return peerbrief.parse(_generated(seed)[0], dedupe=False)
    if form == "pdf":
        return peerbrief.read(_pdf(seed, producer), dedupe=False)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    plain = subprocess.run(
        ["pdftotext", *form.split()[1:], str(_pdf(seed, producer)), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return peerbrief.parse(plain, source=rendering, dedupe=False)


def _loose(rendering: str) -> bool:
    """``pdftotext`` without options drops a hyphen that ends a line as it joins the word."""
    return _split(rendering)[1] == "pdftotext"


def _check(seed: int, rendering: str) -> dict[str, float]:
    brief = _read(seed, rendering)
    truth = _generated(seed)[1]
    loose = _loose(rendering)
    score = synthetic.score(brief, truth, loose_hyphens=loose)
    assert score["found"] == 1.0, synthetic.mismatches(brief, truth, loose_hyphens=loose)
    assert score["overall"] >= LEAST_ACCURACY, synthetic.mismatches(
        brief, truth, loose_hyphens=loose
    )
    assert synthetic.lost(brief, truth, loose_hyphens=loose) == []
    return score


def _cases(seeds: range, renderings: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(seed, rendering) for seed in seeds for rendering in renderings]


@pytest.mark.parametrize(("seed", "rendering"), _cases(SEEDS, RENDERINGS))
def test_an_unseen_brief_reads_whole(seed: int, rendering: str) -> None:
    _check(seed, rendering)


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "rendering"), _cases(SLOW_SEEDS, RENDERINGS))
def test_more_unseen_briefs_read_whole(seed: int, rendering: str) -> None:
    _check(seed, rendering)


@pytest.mark.parametrize(
    ("seed", "rendering"),
    _cases(SEEDS, ("footer pdf", "footer pdftotext", "footer pdftotext -raw")),
)
def test_a_running_footer_is_page_furniture(seed: int, rendering: str) -> None:
    _check(seed, rendering)
    footers = [item for item in _read(seed, rendering).report if synthetic.FOOTER in item.text]
    assert footers, "the footer is on every page"
    assert {item.reason for item in footers} <= {Reason.RUNNING_FOOTER, Reason.BOILERPLATE}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "rendering"),
    _cases(CHROMIUM_SEEDS, tuple(f"chromium {rendering}" for rendering in RENDERINGS[1:])),
)
def test_an_unseen_brief_printed_by_chromium_reads_whole(seed: int, rendering: str) -> None:
    _check(seed, rendering)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "rendering"),
    _cases(CHROMIUM_SEEDS, tuple(f"libreoffice {rendering}" for rendering in RENDERINGS[1:])),
)
def test_an_unseen_brief_from_a_word_processor_reads_whole(seed: int, rendering: str) -> None:
    _check(seed, rendering)


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_accuracy_over_the_briefs(rendering: str) -> None:
    scores = [
        synthetic.score(
            _read(seed, rendering), _generated(seed)[1], loose_hyphens=_loose(rendering)
        )
        for seed in SEEDS
    ]
    assert sum(score["overall"] for score in scores) / len(scores) >= LEAST_MEAN_ACCURACY


@pytest.mark.parametrize("seed", SEEDS)
def test_a_wrong_value_is_reported_or_misfiled(seed: int) -> None:
    # Whatever the reader gets wrong in a rendering without a report near it is a
    # misfiling (silent) that loses no words (lost); the export's mistakes, if any,
    # are the same guesses in every rendering.
    truth = _generated(seed)[1]
    export = {(title, name) for title, name, *_ in synthetic.silent(_read(seed, "text"), truth)}
    for rendering in RENDERINGS:
        brief = _read(seed, rendering)
        quiet = synthetic.silent(brief, truth, loose_hyphens=_loose(rendering))
        assert {(title, name) for title, name, *_ in quiet} <= export, rendering


@pytest.mark.parametrize("seed", SEEDS)
def test_an_export_is_not_wrapped_and_its_renderings_are(seed: int) -> None:
    assert not is_wrapped(split_lines(_generated(seed)[0]))
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    for rendering in PDFTOTEXT:
        plain = subprocess.run(
            ["pdftotext", *rendering.split()[1:], str(_pdf(seed, "reportlab")), "-"],
            capture_output=True,
            text=True,
        ).stdout
        assert is_wrapped(split_lines(plain)), rendering


def test_a_lost_value_is_told_apart_from_a_misfiled_one() -> None:
    # The instrument itself: a reading that drops a reference, or a value, or files a
    # journal as the publisher, is scored so.
    text = (
        "Case Studies\n\n[A paper](#)\n\nAuthor(s): Otte et al.\n\n"
        "Source: Human Resources for Health\n\nPublication date: 2020\n\nAn abstract.\n\n"
        "[Another paper](#)\n\nSource: Nurse Education Today 3(2)\n"
    )
    truth = [
        synthetic.Expected(
            title="A paper",
            authors=(("Otte", None),),
            authors_truncated=True,
            container_title="Human Resources for Health",
            date="2020",
            section="Case Studies",
            abstract="An abstract.",
        ),
        synthetic.Expected(
            title="Another paper",
            container_title="Nurse Education Today",
            volume="3",
            issue="2",
            date="2021",
            section="Case Studies",
        ),
        synthetic.Expected(title="A third paper", section="Case Studies"),
    ]
    brief = peerbrief.parse(text, dedupe=False)
    assert [(t, n) for t, n, *_ in synthetic.mismatches(brief, truth)] == [
        ("A paper", "kind"),
        ("A paper", "container_title"),
        ("A paper", "publisher"),
        ("Another paper", "date"),
        ("A third paper", "<missing>"),
    ]
    assert [(t, n) for t, n, *_ in synthetic.lost(brief, truth)] == [
        ("Another paper", "date"),
        ("A third paper", "<missing>"),
    ]
    score = synthetic.score(brief, truth)
    assert score["found"] == pytest.approx(2 / 3)
