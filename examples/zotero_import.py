"""Make one RIS file for Zotero, EndNote or Mendeley from a folder of evidence briefs.

Every brief in the folder (PDFs and text exports: .pdf, .txt, .md) is read, the
references of all of them are pooled and de-duplicated (a paper listed in two briefs
becomes one record tagged with the sections of both), and the result is written as RIS.
Other files are skipped with a message, and so is a .txt that is not a brief. The
output must be a .ris file, and is never one of the briefs (not even through a link).

    python examples/zotero_import.py BRIEFS_FOLDER library.ris

Then in Zotero: File > Import… > library.ris. In EndNote: File > Import > File…,
import option "Reference Manager (RIS)".

Exit codes as for the ``peerbrief`` command: 0 done; 1 done, but a file was skipped or
a line not understood; 2 no brief could be read; 3 the RIS file could not be written;
64 the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

import peerbrief
from peerbrief.errors import ExitCode, InputError, PeerbriefError, UsageError
from peerbrief.model import Brief
from peerbrief.vocabulary import BRIEF_EXTENSIONS
from peerbrief.writers import format_for_path, write

PROG = Path(__file__).name


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {message}\n")


def brief_files(folder: Path) -> list[Path]:
    """The files of the folder with a brief's extension (hidden files left out)."""
    try:
        paths = sorted(folder.iterdir())
    except FileNotFoundError:
        raise InputError(f"{folder}: no such folder") from None
    except NotADirectoryError:
        raise InputError(
            f"{folder}: not a folder (give the folder that holds the briefs)"
        ) from None
    return [
        path
        for path in paths
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower() in BRIEF_EXTENSIONS
    ]


def read_briefs(paths: list[Path]) -> tuple[list[Brief], int]:
    """Each brief as listed (de-duplication comes later, across all of them), and how
    many files were skipped as not briefs."""
    briefs, skipped = [], 0
    for path in paths:
        try:
            briefs.append(peerbrief.read(path, dedupe=False))
        except InputError as error:
            print(f"{PROG}: skipped {error}", file=sys.stderr)
            skipped += 1
    return briefs, skipped


def check_output_name(output: Path) -> None:
    """The output is RIS, so its name says .ris: a brief's name (``briefs/brief.txt``) or
    another format's (``library.bib``) given by mistake is refused before anything is read."""
    try:
        named = format_for_path(output)
    except PeerbriefError:
        named = None
    if named != "ris":
        raise UsageError(f"{output}: the output is a RIS file; give a name ending in .ris")


def run(folder: Path, output: Path) -> int:
    check_output_name(output)
    paths = brief_files(folder)
    if not paths:
        raise InputError(f"{folder}: no {', '.join(BRIEF_EXTENSIONS)} files in this folder")
    briefs, skipped = read_briefs(paths)
    if not briefs:
        raise InputError(f"{folder}: none of its files is an evidence brief")
    result = peerbrief.dedupe([entry for brief in briefs for entry in brief.entries])
    # protect: the output never replaces a brief read, however it is reached (a link).
    write(result.entries, output, "ris", protect=paths)
    for brief in briefs:
        unexplained = len(brief.unexplained)
        print(f"{brief.source}: {len(brief.entries)} references, {unexplained} not understood")
    print(f"{output}: {len(result)} records ({result.copies_merged} copies merged)")
    if skipped or any(brief.unexplained for brief in briefs):
        return ExitCode.UNEXPLAINED
    return ExitCode.OK


def main() -> int:
    parser = Parser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding the briefs")
    parser.add_argument("output", type=Path, help="the RIS file to write")
    args = parser.parse_args()
    try:
        return run(args.folder, args.output)
    except PeerbriefError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
