"""Every page of a document → its physical lines, in page order: in this process, or, for a
long document on a machine with a core to spare, the second half in a forked process.

Pages are independent up to :mod:`.layout` (the paragraphs need the whole document,
and are assembled here afterwards), and neither backend can share a document between
threads: PDFium is not thread-safe, and pypdf holds the GIL. So a second *process*
opens the same bytes (:meth:`~.backend.Document.reopen`) and reads the second half of
the pages while this one reads the first; the result is the same as reading them all
here (a test compares the two).
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

from ..errors import InputError
from ..limits import Deadline
from .backend import Document
from .layout import PhysicalLine, page_lines

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["PARALLEL_PAGES", "Progress", "read_pages"]

Progress = Callable[[int, int], None]
"""Called with (pages read, pages in the document) as reading goes on."""

PARALLEL_PAGES = 12


def read_pages(
    open_document: Callable[[], Document],
    deadline: Deadline,
    progress: Progress | None,
    *,
    parallel: bool | None = None,
) -> list[list[PhysicalLine]]:
    """The physical lines of every page; ``parallel`` None: when it pays (see above)."""
    document = open_document()
    try:
        count = document.page_count
        if count == 0:
            raise InputError(f"{document.source}: the PDF has no pages")
        if parallel if parallel is not None else _two_processes_pay(count):
            return _in_two_processes(document, deadline, progress)
        pages = []
        for number in range(1, count + 1):
            pages.append(page_lines(document.page(number), deadline))
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
) -> list[list[PhysicalLine]]:
    import multiprocessing  # only here: a few ms to import, for long documents only

    count = document.page_count
    half = (count + 1) // 2
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read_in_child,
        args=(document, range(half + 1, count + 1), deadline, sender),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        mine: list[list[PhysicalLine]] = []
        theirs: list[list[PhysicalLine]] = []
        for number in range(1, half + 1):
            mine.append(page_lines(document.page(number), deadline))
            _tell(progress, len(mine) + len(theirs), count)
            # (poll() is also true once the child has sent everything and closed.)
            while len(theirs) < count - half and receiver.poll():
                theirs.append(_received(receiver, document.source))
                _tell(progress, len(mine) + len(theirs), count)
        while len(theirs) < count - half:
            if not receiver.poll(deadline.remaining()):
                deadline.check()
                continue
            theirs.append(_received(receiver, document.source))
            _tell(progress, len(mine) + len(theirs), count)
        return mine + theirs
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _tell(progress: Progress | None, done: int, count: int) -> None:
    """One call per page read, whichever process read it: a progress bar never skips."""
    if progress is not None:
        progress(done, count)


def _received(receiver: Connection, source: str) -> list[PhysicalLine]:
    """The next page the child sent; what it raised, raised here."""
    try:
        kind, value = receiver.recv()
    except EOFError:
        raise InputError(f"{source}: broken PDF (the process reading it stopped)") from None
    if kind == "error":
        raise InputError(value)
    lines: list[PhysicalLine] = value
    return lines


def _read_in_child(
    parents: Document, numbers: range, deadline: Deadline, sender: Connection
) -> None:
    """Runs in the forked process: send each page's lines, or the one-line error."""
    try:
        document = parents.reopen()
        try:
            for number in numbers:
                sender.send(("page", page_lines(document.page(number), deadline)))
        finally:
            document.close()
    except InputError as error:
        sender.send(("error", str(error)))
    except Exception as error:  # reported by the parent like its own failures
        sender.send(("error", f"{deadline.source}: unreadable PDF ({type(error).__name__})"))
    finally:
        sender.close()
