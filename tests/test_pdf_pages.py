"""Reading the second half of a long PDF in a second process gives what reading it here gives."""

from __future__ import annotations

import io
import sys
from typing import Any

import attrs
import pypdf
import pytest
from fixtures import pdf_samples
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from peerbrief.errors import InputError
from peerbrief.pdf import PdfLimits, pdf_lines

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a second process is forked on Linux only"
)


@pytest.mark.parametrize("producer", pdf_samples.PRODUCERS)
def test_two_processes_read_what_one_reads(producer: str) -> None:
    data = pdf_samples.path(producer).read_bytes()
    assert pdf_lines(data, "brief.pdf", parallel=True) == list(pdf_samples.lines(producer))


def test_progress_counts_the_pages_of_both_processes() -> None:
    seen: list[tuple[int, int]] = []
    data = pdf_samples.path("libreoffice").read_bytes()
    pdf_lines(data, "brief.pdf", parallel=True, progress=lambda *at: seen.append(at))
    done = [page for page, _ in seen]
    assert done == sorted(done) and len(set(done)) == len(done)
    assert seen[-1] == (seen[-1][1], seen[-1][1])


@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_an_error_in_the_second_process_is_reported_as_its_own(backend: str) -> None:
    """The second half's pages are wide: the glyph limit is reached in the child."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for page in range(20):
        canvas.setFont("Helvetica", 1)
        canvas.drawString(10, 700, "x" * (5000 if page >= 10 else 10))
        canvas.showPage()
    canvas.save()
    with pytest.raises(InputError, match=r"^brief.pdf: .*\(PdfLimits.max_glyphs\)"):
        pdf_lines(
            buffer.getvalue(),
            "brief.pdf",
            PdfLimits(max_glyphs=20_000),
            backend=backend,
            parallel=True,
        )


def test_a_second_process_is_started_by_the_cores_idle_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not by the load average, which still counts this command's earlier runs."""
    import os

    from peerbrief.pdf import pages

    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (1.9, 1.9, 1.9))
    monkeypatch.setattr(pages, "_runnable_tasks", lambda: 1)
    assert pages._two_processes_pay(pages.PARALLEL_PAGES)
    monkeypatch.setattr(pages, "_runnable_tasks", lambda: 2)
    assert not pages._two_processes_pay(pages.PARALLEL_PAGES)
    assert not pages._two_processes_pay(pages.PARALLEL_PAGES - 1)


def test_the_runnable_tasks_include_this_one() -> None:
    from peerbrief.pdf import pages

    assert pages._runnable_tasks() >= 1


@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_the_second_process_reopens_the_document_without_measuring_it_again(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent measured the streams (a decompression bomb is refused before the fork);
    the reopened document reads the same pages."""
    from peerbrief.pdf import _open, pdfium
    from peerbrief.pdf.layout import page_lines

    measured: list[str] = []
    measure = pdfium._measure_streams

    def counted(data: bytes, source: str, *rest: Any) -> None:
        measured.append(source)
        measure(data, source, *rest)

    monkeypatch.setattr(pdfium, "_measure_streams", counted)
    limits = PdfLimits()
    data = pdf_samples.path("libreoffice").read_bytes()
    deadline = limits.deadline("brief.pdf")
    document = _open(backend, data, "brief.pdf", limits, deadline)
    again = document.reopen()
    try:
        assert again.page_count == document.page_count
        lines = [attrs.asdict(line) for line in page_lines(again.page(3), deadline)]
        assert lines and lines == [
            attrs.asdict(line) for line in page_lines(document.page(3), deadline)
        ]
    finally:
        again.close()
        document.close()
    assert measured == (["brief.pdf"] if backend == "pdfium" else [])


def test_the_processes_share_the_pages_as_they_go(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not by halves: when this process is slower (here made so: before each page it
    takes, it waits until the child has taken four for each of its own), the child reads
    more pages, and the lines are still those of one process reading them all. The wait
    is on the child's progress, not on the clock, so a busy machine does not change it."""
    import os
    import time

    from peerbrief.limits import Deadline
    from peerbrief.pdf import pages

    parent = os.getpid()
    read_here: list[int] = []
    take = pages._Claims.take
    give_up = time.monotonic() + 60

    def slow_here(claims: pages._Claims, front: bool, deadline: Deadline) -> int | None:
        if os.getpid() == parent:
            while time.monotonic() < give_up:  # (a child that never reads fails the test)
                first, last = claims.ends
                taken_here, taken_there = first - 1, page_count - last
                if first > last or taken_there >= 4 * taken_here:
                    break
                time.sleep(0.005)
            number = take(claims, front, deadline)
            if number is not None:
                read_here.append(number)
            return number
        return take(claims, front, deadline)

    expected = list(pdf_samples.lines("libreoffice"))
    data = pdf_samples.path("libreoffice").read_bytes()
    page_count = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    monkeypatch.setattr(pages._Claims, "take", slow_here)
    assert pdf_lines(data, "brief.pdf", parallel=True) == expected
    assert read_here == list(range(1, len(read_here) + 1))  # from the front
    assert 1 <= len(read_here) <= 10  # of 44 pages: about one in five
