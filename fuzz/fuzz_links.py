"""Fuzz the link gate, ``peerbrief.links.web_link``: whatever the target, the result is
None or an ASCII http(s) address with a host, free of spaces, quotes, braces and
backslashes, that the gate returns unchanged.

    python fuzz/fuzz_links.py -dict=fuzz/links.dict fuzz/work/links fuzz/corpus/links
"""

from __future__ import annotations

import re

import atheris
from _harness import run

with atheris.instrument_imports(include=["peerbrief.links"]):
    from peerbrief.links import web_link

# What a link may look like: a host of letters, digits, dots, dashes and underscores (or
# a bracketed IPv6 address), a port, then only RFC 3986 characters.
_SAFE = re.compile(
    r"https?://(?:[a-z0-9._-]+|\[[0-9a-f:.]+\])(?::[0-9]+)?"
    r"(?:[/?#][A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]*)?"
)


def test_one_input(data: bytes) -> None:
    target = atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))
    url = web_link(target)
    if url is None:
        return
    assert url.isascii() and _SAFE.fullmatch(url), url
    assert web_link(url) == url, url


if __name__ == "__main__":
    run(test_one_input)
