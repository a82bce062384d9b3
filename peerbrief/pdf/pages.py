"""Every page of a document → its physical lines, in page order: in this process, or, for a
long document on a machine with a core to spare, shared with a forked process.

Pages are independent up to :mod:`.layout` (the paragraphs need the whole document,
and are assembled here afterwards), and neither backend can share a document between
threads: PDFium is not thread-safe, and pypdf holds the GIL. So a second *process*
opens the same bytes (:meth:`~.backend.Document.reopen`); this process reads pages from
the front and the child from the back, one page at a time, until they meet, so both
finish together however the work is spread over the pages. The result is the same as
reading them all here (a test compares the two).
The child inherits the deadline (the monotonic clock is the machine's) and is killed
when the deadline passes, which also stops a PDFium call that would not return. Each
process has the whole glyph budget (:attr:`PdfLimits.max_glyphs`) to itself.

Forking is used on Linux only (elsewhere Python's default is to spawn, which would
import everything again), only when this process runs no other thread, only when a
core is idle (by the kernel's count of runnable tasks), and only from
:data:`PARALLEL_PAGES` pages on: below that, starting a process costs more than it saves.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from attrs import frozen

from ..errors import InputError
from ..limits import Deadline
from .backend import Document
from .layout import PhysicalLine, page_lines

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext

__all__ = ["PARALLEL_PAGES", "PageRead", "Progress", "read_pages"]

Progress = Callable[[int, int], None]
"""Called with (pages read, pages in the document) as reading goes on."""

PARALLEL_PAGES = 12


@frozen
class PageRead:
    """One page: its physical lines, the characters of its runs, its glyphs left out as
    undecodable (:attr:`~.backend.Page.undecodable`), its text set at an angle
    (:attr:`~.backend.Page.turned`) and its characters drawn invisibly."""

    lines: list[PhysicalLine]
    characters: int
    undecodable: int
    turned: str = ""
    invisible: int = 0
    """Characters drawn invisibly (:attr:`~.backend.Page.invisible`)."""


def _read(document: Document, number: int, deadline: Deadline) -> PageRead:
    page = document.page(number)
    characters = sum(len(run.text) for run in page.runs)
    lines = page_lines(page, deadline)
    return PageRead(lines, characters, page.undecodable, page.turned, page.invisible)


def read_pages(
    open_document: Callable[[], Document],
    deadline: Deadline,
    progress: Progress | None,
    *,
    parallel: bool | None = None,
) -> list[PageRead]:
    """Every page read, in order; ``parallel`` None: when it pays (see above)."""
    document = open_document()
    try:
        count = document.page_count
        if count == 0:
            raise InputError(f"{document.source}: the PDF has no pages")
        if parallel if parallel is not None else _two_processes_pay(count):
            return _in_two_processes(document, deadline, progress)
        pages = []
        for number in range(1, count + 1):
            pages.append(_read(document, number, deadline))
            _tell(progress, number, count)
        return pages
    finally:
        document.close()


def _two_processes_pay(count: int) -> bool:
    if count < PARALLEL_PAGES or not sys.platform.startswith("linux"):
        return False
    # A second core that is busy already makes two processes slower than one, by the
    # cost of starting and talking.
    cores = len(os.sched_getaffinity(0))
    return threading.active_count() == 1 and cores >= 2 and _runnable_tasks() < cores


def _runnable_tasks() -> float:
    """Tasks runnable now, this one included: the kernel's instant count. The load average
    lags by a minute, so it counts this very command's earlier runs (a script reading one
    PDF after another would never get a second process)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            return int(loadavg.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return os.getloadavg()[0] + 1


def _in_two_processes(
    document: Document, deadline: Deadline, progress: Progress | None
) -> list[PageRead]:
    import multiprocessing  # only here: a few ms to import, for long documents only

    count = document.page_count
    context = multiprocessing.get_context("fork")
    claims = _Claims(context, count)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read_in_child, args=(document, claims, deadline, sender), daemon=True
    )
    child.start()
    sender.close()
    pages: dict[int, PageRead] = {}

    def from_child() -> bool:
        """Keep the child's next page; True once it is done."""
        received = _received(receiver, document.source)
        if received is None:
            return True
        number, page = received
        pages[number] = page
        _tell(progress, len(pages), count)
        return False

    try:
        child_done = False
        while (number := claims.take(_FROM_THE_FRONT, deadline)) is not None:
            pages[number] = _read(document, number, deadline)
            _tell(progress, len(pages), count)
            while not child_done and receiver.poll():
                child_done = from_child()
        while not child_done:
            if not receiver.poll(deadline.remaining()):
                deadline.check()
                continue
            child_done = from_child()
        return [pages[number] for number in range(1, count + 1)]
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


_FROM_THE_FRONT, _FROM_THE_BACK = True, False


class _Claims:
    """The pages not yet read, shared by the two processes: this one takes them one at a
    time from the front, the child from the back, until they meet. So each reads on while
    there is a page left, and neither waits at the end for the other to finish a half
    that was slower (dense pages, a late start on a busy machine)."""

    def __init__(self, context: BaseContext, count: int) -> None:
        self.lock = context.Lock()
        self.ends = context.RawArray("i", [1, count])  # the first and last page not taken

    def take(self, front: bool, deadline: Deadline) -> int | None:
        """The next page for the process at the ``front`` (or back) end; None: none left."""
        while not self.lock.acquire(timeout=max(deadline.remaining(), 0.0)):
            deadline.check()
        try:
            first, last = self.ends
            if first > last:
                return None
            if front:
                self.ends[0] = first + 1
                return int(first)
            self.ends[1] = last - 1
            return int(last)
        finally:
            self.lock.release()


def _tell(progress: Progress | None, done: int, count: int) -> None:
    """One call per page read, whichever process read it: a progress bar never skips."""
    if progress is not None:
        progress(done, count)


def _received(receiver: Connection, source: str) -> tuple[int, PageRead] | None:
    """The child's next page (its number, and the page read), or None once it is done; the
    error it met, raised here."""
    try:
        kind, value = receiver.recv()
    except EOFError:
        raise InputError(f"{source}: broken PDF (the process reading it stopped)") from None
    if kind == "error":
        raise InputError(value)
    page: tuple[int, PageRead] | None = value
    return page


def _read_in_child(
    parents: Document, claims: _Claims, deadline: Deadline, sender: Connection
) -> None:
    """Runs in the forked process: send each page it takes with its lines, then that it is
    done; or the one-line error."""
    try:
        document = parents.reopen()
        try:
            while (number := claims.take(_FROM_THE_BACK, deadline)) is not None:
                sender.send(("page", (number, _read(document, number, deadline))))
            sender.send(("done", None))  # (a page is ("page", (number, PageRead)))
        finally:
            document.close()
    except InputError as error:
        sender.send(("error", str(error)))
    except Exception as error:  # reported by the parent like its own failures
        sender.send(("error", f"{deadline.source}: unreadable PDF ({type(error).__name__})"))
    finally:
        sender.close()
