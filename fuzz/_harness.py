"""What the atheris harnesses share: the oracle from ``tests/`` and instrumented imports.

Each harness is one file, ``python fuzz/fuzz_NAME.py [libFuzzer options] CORPUS...``;
see the README's "Reliability" section for how to run them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
# The oracle lives with the tests (the hypothesis fuzzer uses it too).
sys.path.insert(0, str(ROOT / "tests"))

# Coverage feedback needs the code instrumented as it is imported; peerbrief imports
# its writers and PDF reader lazily, so they are imported here, inside the hook.
with atheris.instrument_imports(include=["peerbrief", "bibtexparser", "rispy", "pypdf"]):
    import bibtexparser  # noqa: F401
    import pypdf  # noqa: F401
    import rispy  # noqa: F401
    from hostile_oracle import check_input

    import peerbrief.pdf
    import peerbrief.writers  # noqa: F401

__all__ = ["check_input", "run"]


def run(test_one_input: Callable[[bytes], None]) -> None:
    """Hand the harness to libFuzzer with the command line's options and corpora."""
    # pypdf logs every repair it makes; on damaged input that drowns libFuzzer's output
    # (the command silences it the same way).
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
