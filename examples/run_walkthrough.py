"""Re-run examples/walkthrough.ipynb, so that the outputs saved in it are current.

    python examples/run_walkthrough.py           # run every cell, save the notebook
    python examples/run_walkthrough.py --check   # run it, and say whether the saved one differs

Every cell runs in a fresh Python kernel with the notebook's folder as the working
directory (the notebook reads the sample brief by a path relative to it). What changes
from one run to the next without the notebook changing, the cells' timings and the
Python version, is not saved: re-running an unchanged notebook leaves the file
byte-identical. Needs the notebook extra: ``pip install '.[notebook]'``.

Exit codes: 0 done (with --check: the saved notebook is current); 1 with --check, the
saved notebook differs from a fresh run (run without --check to update it); 2 a cell
failed, the notebook cannot be read, or the notebook extra is missing; 64 the command
line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NoReturn

PROG = Path(__file__).name
NOTEBOOK = Path(__file__).resolve().with_name("walkthrough.ipynb")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(64, f"{self.prog}: error: {message}\n")


def executed(path: Path) -> Any:
    """The notebook at ``path`` with every cell run afresh."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # The kernel's warnings (a local kernel on TCP) are not the reader's business.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.execute()
    return notebook


def without_run_details(notebook: Any) -> Any:
    """Drop what differs between two runs of the same notebook."""
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.get("language_info", {}).pop("version", None)
    return notebook


def saved_text(notebook: Any) -> str:
    """The notebook as ``nbformat.write`` saves it (one-space indents, a final newline)."""
    import nbformat

    text: str = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def main() -> int:
    parser = Parser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebook", nargs="?", type=Path, default=NOTEBOOK, help="default: %(default)s"
    )
    parser.add_argument(
        "--check", action="store_true", help="do not save; exit 1 if the saved one differs"
    )
    args = parser.parse_args()
    try:
        from nbclient.exceptions import CellExecutionError
    except ImportError:
        print(
            f"{PROG}: error: the notebook extra is needed: pip install '.[notebook]'",
            file=sys.stderr,
        )
        return 2
    try:
        text = saved_text(without_run_details(executed(args.notebook)))
    except CellExecutionError as error:
        last = str(error).strip().splitlines()[-1:] or ["a cell failed"]
        print(f"{PROG}: error: {args.notebook}: {last[0]}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"{PROG}: error: {args.notebook}: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = args.notebook.read_text(encoding="utf-8") == text
        print(f"{args.notebook}: {'current' if current else 'differs from a fresh run'}")
        return 0 if current else 1
    args.notebook.write_text(text, encoding="utf-8", newline="\n")
    print(f"{args.notebook}: every cell run, saved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
