"""Make one RIS file for Zotero, EndNote or Mendeley from a folder of evidence briefs.

Every brief in the folder (PDFs and text exports) is read, the references of all of
them are pooled and de-duplicated (a paper listed in two briefs becomes one record
tagged with the sections of both), and the result is written as RIS.

    python examples/zotero_import.py BRIEFS_FOLDER library.ris

Then in Zotero: File > Import… > library.ris. In EndNote: File > Import > File…,
import option "Reference Manager (RIS)".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import peerbrief
from peerbrief.writers import write

BRIEF_SUFFIXES = {".pdf", ".txt", ".md"}


def brief_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in BRIEF_SUFFIXES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding the briefs")
    parser.add_argument("output", type=Path, help="the RIS file to write")
    args = parser.parse_args()

    paths = brief_files(args.folder)
    if not paths:
        parser.error(f"no .pdf, .txt or .md files in {args.folder}")

    # Read each brief as listed, then de-duplicate across all of them at once.
    briefs = [peerbrief.read(path, dedupe=False) for path in paths]
    result = peerbrief.dedupe([entry for brief in briefs for entry in brief.entries])

    write(result.entries, args.output, "ris")
    for brief in briefs:
        unexplained = len(brief.unexplained)
        print(f"{brief.source}: {len(brief.entries)} references, {unexplained} not understood")
    print(f"{args.output}: {len(result.entries)} records ({len(result.merges)} duplicates merged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
