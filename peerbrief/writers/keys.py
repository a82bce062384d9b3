"""Citation keys in the Better BibTeX style: ``hegedus2021peer``.

A key is the first author's family name, the year and the first significant word of the
title, folded to ASCII and lower-cased. Keys use only ``[a-z0-9]``, so they are safe as
BibTeX keys, CSL ids, pandoc ``@citations`` and file names. Colliding keys get ``a``,
``b``, … ``z``, ``aa`` … in the order of the entries, so the same entries in the same
order always get the same keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import count
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Entry

__all__ = ["citation_keys", "suffixes"]

FALLBACK_KEY = "ref"
"""The key of an entry with no usable author, publisher, year or title word."""

STOP_WORDS = frozenset(
    (
         "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for",
         "from", "by", "with", "without", "into", "onto", "upon", "about", "as", "via", "vs",
         "is", "are", "was", "were", "be", "been", "do", "does", "did", "can", "could", "should",
         "would", "will", "may", "what", "when", "where", "which", "who", "whom", "whose", "why",
         "how", "that", "this", "these", "those", "it", "its", "we", "our", "you", "your",
         "they", "their", "there", "here", "not", "no",
    )
)  # fmt: skip
"""Words skipped when choosing the title word (``The NHS Long Term Plan`` → ``nhs``)."""

# Letters that NFKD does not decompose into an ASCII base letter, so they would
# otherwise vanish from a key (``Straße`` → ``strae``).
_UNDECOMPOSABLE = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i"}
)
_NOT_KEY_CHARACTER = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")
_TITLE_WORD = re.compile(r"[\w'’ʼ`]+")  # a word with its apostrophes (don't → dont)


def fold(text: str) -> str:
    """``text`` as lower-case ASCII letters and digits, words separated by single spaces."""
    text = _APOSTROPHES.sub("", text.lower())
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
        text = text.encode("ascii", "ignore").decode()
    return _NOT_KEY_CHARACTER.sub(" ", text).strip()


def _name_part(entry: Entry) -> str:
    """The first author's whole family name, else the publisher's first word, folded."""
    if entry.first_author is not None:
        folded = fold(entry.first_author.family).replace(" ", "")
        if folded:
            return folded
    words = fold(entry.publisher or "").split()
    return words[0] if words else ""


def _title_word(title: str) -> str:
    """The first folded title word that has a letter and is no stop word.

    Words are folded one at a time, as met: the first or second word is nearly always
    the one, and folding a whole title costs more than the rest of the key.
    """
    for match in _TITLE_WORD.finditer(title):
        for word in fold(match.group()).split():
            if word not in STOP_WORDS and not word.isdigit():
                return word
    return ""


def base_key(entry: Entry) -> str:
    """The key of ``entry`` before collisions are resolved; never empty."""
    year = str(entry.year) if entry.year is not None else ""
    return _name_part(entry) + year + _title_word(entry.title) or FALLBACK_KEY


def suffixes() -> Iterator[str]:
    """``a`` … ``z``, ``aa`` … ``zz``, ``aaa`` …: bijective base 26, like spreadsheet columns."""
    for number in count(1):
        letters = ""
        while number:
            number, digit = divmod(number - 1, 26)
            letters = chr(ord("a") + digit) + letters
        yield letters


def citation_keys(entries: Sequence[Entry]) -> list[str]:
    """One unique key per entry, in order.

    The first entry with a given key keeps it bare; later ones get the first free suffix.
    A suffixed key never takes a key already given, so ``smith2020a`` stays unique even
    beside an entry whose own key is ``smith2020a``.
    """
    taken: set[str] = set()
    # One suffix sequence per base key, resumed at each collision, so that n entries
    # sharing a key cost O(n) rather than O(n²).
    sequences: dict[str, Iterator[str]] = {}
    keys: list[str] = []
    for entry in entries:
        key = base_key(entry)
        if key in taken:
            sequence = sequences.setdefault(key, suffixes())
            key = next(key + suffix for suffix in sequence if key + suffix not in taken)
        taken.add(key)
        keys.append(key)
    return keys
