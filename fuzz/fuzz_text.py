r"""Fuzz the reader and every writer with text briefs: bytes as a file holds them, and
str as ``peerbrief.parse`` takes it (lone surrogates included).

    python fuzz/fuzz_text.py -dict=fuzz/text.dict -max_len=65536 -timeout=120 \
        fuzz/work/text fuzz/corpus/text
"""

from __future__ import annotations

import atheris
from _harness import check_input, run
from hostile_oracle import assert_lines_accounted_for, assert_outputs_read_back

import peerbrief
from peerbrief.errors import InputError


def test_one_input(data: bytes) -> None:
    if data.lstrip().startswith(b"%PDF-"):
        return  # fuzz_pdf.py's
    if data[:1] != b"\x01":
        check_input(data)
        return
    # A leading 0x01 asks for the str path: the rest as code points, surrogates and all.
    text = atheris.FuzzedDataProvider(data[1:]).ConsumeUnicode(len(data))
    try:
        brief = peerbrief.parse(text, dedupe=False)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert_lines_accounted_for(text, brief)
    assert_outputs_read_back(brief.entries)


if __name__ == "__main__":
    run(test_one_input)
