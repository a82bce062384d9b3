"""Fuzz PDF input through ``peerbrief.read``: any bytes give a Brief (whose outputs
read back) or an InputError, never another exception, within the PDF limits.

    python fuzz/fuzz_pdf.py -timeout=150 -rss_limit_mb=4096 fuzz/work/pdf fuzz/corpus/pdf
"""

from __future__ import annotations

from _harness import check_input, run


def test_one_input(data: bytes) -> None:
    check_input(data)


if __name__ == "__main__":
    run(test_one_input)
