"""How long reading a brief's PDF takes with each backend, beside poppler's ``pdftotext``.

For each sample PDF (typeset now by reportlab, 46 pages; exported by LibreOffice;
printed by Chromium) it times, COUNT times each and interleaved so that all see the
same machine load:

* whole process: ``pdftotext -q FILE -`` (the practical limit of reading a PDF), and
  ``peerbrief check --quiet --pdf-backend B FILE`` for each backend B (start-up,
  reading, the brief's references, de-duplication);
* in process: ``pdf_lines(data, name, backend=B)`` (the PDF stage alone);
* two floors, whole process, that say how far the target can be reached: ``python -c
  pass`` (the interpreter's start), and a bare pypdfium2 script asking the least the
  pdfium backend asks: each page's text and each character's origin, one process.

It prints the median wall time and the median CPU time (user + system, which a
busy machine disturbs less) of each, and the ratio of each to ``pdftotext``'s whole
process. Target: the default backend at most 5x ``pdftotext`` whole process on
every fixture (the goal after that: 3x). Without ``pdftotext`` it prints times only.
The processes run with byte-code caching on, as after ``pip install`` (see
``timing.bytecode_environment``), each once untimed first. ``peerbrief`` is the command
installed beside this Python (a development install, with whatever start-up its
site-packages add); with ``--as-installed`` it is the one ``pip install .`` puts in a
new virtual environment, as the README's quick start does (a minute more to set up).

    python benchmarks/bench_pdf.py [COUNT] [--as-installed]    # COUNT defaults to 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures import make_reportlab_pdf
from timing import bytecode_environment

from peerbrief.pdf import BACKENDS, pdf_lines

ROOT = Path(__file__).resolve().parent.parent
TARGET, GOAL = 5.0, 3.0

Timed = Callable[[], object]


def _peerbrief() -> list[str]:
    installed = Path(sys.executable).with_name("peerbrief")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "peerbrief"]


def _installed_in_new_environment(work: Path) -> list[str]:
    """``peerbrief`` as ``pip install .`` installs it in a new virtual environment."""
    environment = work / "venv"
    pip = [str(environment / "bin" / "python"), "-m", "pip", "install", "--quiet", str(ROOT)]
    for command in ([sys.executable, "-m", "venv", str(environment)], pip):
        done = subprocess.run(command, check=False, capture_output=True, text=True)
        if done.returncode:  # (pip's warnings are shown only when it fails)
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return [str(environment / "bin" / "peerbrief")]


# The least the pdfium backend asks of PDFium (PdfiumDocument asks more: fonts, sizes, the
# boxes of doubtful glyphs, links), in bulk as it asks it: the floor of reading as it reads today.
_BARE_PDFIUM = """
import ctypes, sys
from collections import deque
from itertools import repeat
import pypdfium2, pypdfium2.raw as raw
document = pypdfium2.PdfDocument(open(sys.argv[1], "rb").read())
x, y = ctypes.c_double(), ctypes.c_double()
for page in document:
    text = raw.FPDFText_LoadPage(page.raw)
    count = raw.FPDFText_CountChars(text)
    raw.FPDFText_GetText(text, 0, count, (ctypes.c_ushort * (count + 1))())
    origin = raw.FPDFText_GetCharOrigin
    places = repeat(ctypes.byref(x), count), repeat(ctypes.byref(y), count)
    deque(map(origin, repeat(text, count), range(count), *places), maxlen=0)
    raw.FPDFText_ClosePage(text)
    page.close()
"""


def whole_process(path: Path, peerbrief: list[str]) -> dict[str, list[str]]:
    commands = {
        f"peerbrief {backend}": [
            *peerbrief,
            "check",
            "--quiet",
            "--pdf-backend",
            backend,
            str(path),
        ]
        for backend in BACKENDS
    }
    floors = {
        "floor: python": [sys.executable, "-c", "pass"],
        "floor: pdfium": [sys.executable, "-c", _BARE_PDFIUM, str(path)],
    }
    pdftotext = shutil.which("pdftotext")
    first = {"pdftotext": [pdftotext, "-q", str(path), "-"]} if pdftotext is not None else {}
    return {**first, **commands, **floors}


def in_process(path: Path) -> dict[str, Timed]:
    data = path.read_bytes()

    def reader(backend: str, parallel: bool) -> Timed:
        return lambda: pdf_lines(data, path.name, backend=backend, parallel=parallel)

    calls = {f"pdf_lines {backend}": reader(backend, False) for backend in BACKENDS}
    calls["pdf_lines pdfium 2p"] = reader("pdfium", True)
    return calls


def _children_cpu() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def _own_cpu() -> float:
    return time.process_time()


def measure(
    commands: dict[str, list[str]],
    calls: dict[str, Timed],
    count: int,
    environment: dict[str, str],
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command and call."""
    wall: dict[str, list[float]] = {name: [] for name in [*commands, *calls]}
    cpu: dict[str, list[float]] = {name: [] for name in wall}
    for name, command in commands.items():  # warm the file cache, write .pyc files; not counted
        warm = subprocess.run(command, check=False, capture_output=True, env=environment)
        if warm.returncode:  # (a command that fails at once would time as the fastest)
            error = warm.stderr.decode(errors="replace").strip().splitlines()
            sys.exit(f"{name} failed (exit {warm.returncode}): {error[-1] if error else ''}")
    for _ in range(count):
        for name, command in commands.items():
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run(command, check=False, capture_output=True, env=environment)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - used)
        for name, call in calls.items():
            start, used = time.perf_counter(), _own_cpu()
            call()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_own_cpu() - used)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in wall}


def report(label: str, result: dict[str, tuple[float, float]]) -> bool:
    base = result.get("pdftotext")
    print(f"\n{label}")
    print(f"  {'':<18} {'wall ms':>9} {'cpu ms':>9}   {'x pdftotext (wall, cpu)':>24}")
    for name, (wall, cpu) in result.items():
        ratio = f"{wall / base[0]:6.1f}x {cpu / base[1]:6.1f}x" if base else ""
        print(f"  {name:<18} {wall * 1000:9.1f} {cpu * 1000:9.1f}   {ratio:>24}")
    if base is None:
        return True
    wall, cpu = result["peerbrief pdfium"]
    print(
        f"  default backend, whole process: {wall / base[0]:.1f}x pdftotext wall, "
        f"{cpu / base[1]:.1f}x CPU (target <= {TARGET:g}x, goal {GOAL:g}x)"
    )
    return wall / base[0] <= TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=5)
    parser.add_argument(
        "--as-installed", action="store_true", help="time pip install . in a new environment"
    )
    arguments = parser.parse_args()
    count = arguments.count
    with tempfile.TemporaryDirectory() as work:
        peerbrief = (
            _installed_in_new_environment(Path(work)) if arguments.as_installed else _peerbrief()
        )
        samples = {
            "reportlab": make_reportlab_pdf.build(Path(work) / "sample-reportlab.pdf"),
            "libreoffice": ROOT / "tests" / "fixtures" / "sample-libreoffice.pdf",
            "chromium": ROOT / "tests" / "fixtures" / "sample-chromium.pdf",
            "pdftex": ROOT / "tests" / "fixtures" / "sample-pdftex.pdf",
        }
        environment = bytecode_environment(Path(work) / "pycache")
        print(f"median of {count} runs, {os.cpu_count()} CPUs; {' '.join(peerbrief)}")
        within = []
        for name, path in samples.items():
            pages = pdf_lines(path.read_bytes(), path.name)[-1].page
            label = f"{name} ({pages} pages, {path.stat().st_size // 1024} KiB)"
            timed = measure(whole_process(path, peerbrief), in_process(path), count, environment)
            within.append(report(label, timed))
    return 0 if all(within) else 1


if __name__ == "__main__":
    sys.exit(main())
