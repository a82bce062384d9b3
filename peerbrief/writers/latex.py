"""Plain text → the LaTeX that BibTeX and biber pass on, field by field.

Why not pylatexenc's encoder (or bibtexparser's ``LatexEncodingMiddleware``) for all of it:
it writes ``\\{`` for a brace, which BibTeX still counts as a brace (so one unbalanced
``{`` in a title breaks the file), and ``\\textasciicircum`` and ``--`` do not decode back
to what was written. The few ASCII characters that need care are handled here with a
translation table; pylatexenc is used only for what it does well, turning non-ASCII
letters into macros (``é`` → ``{\\'e}``) for classic BibTeX.

Every replacement is brace-balanced as BibTeX counts braces (it ignores backslashes), and
each decodes back to the original character with pylatexenc's ``LatexNodes2Text``.
"""

from __future__ import annotations

import re

from pylatexenc.latexencode import UnicodeToLatexEncoder

from .common import nfc, one_line

__all__ = ["latex_name", "latex_text", "latex_title"]

SPECIALS: dict[str, str] = {
    "\\": r"{\textbackslash}",
    # \{ alone would count as an opening brace for BibTeX; the phantom closes it again
    # (the encoding Zotero uses, after https://tex.stackexchange.com/q/230750).
    "{": r"\{\vphantom{\}}",
    "}": r"\vphantom{\{}\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    # \textasciicircum decodes to U+02C6; \string^ prints the same glyph and decodes to ^.
    "^": r"{\string^}",
    # A lone backquote prints as an opening quote in LaTeX.
    "`": r"{\textasciigrave}",
}
_SPECIALS_TABLE = str.maketrans(SPECIALS)
# str.translate with a dict looks up every character in Python objects; most text has
# no special at all, which one regex scan (in C) tells.
_ANY_SPECIAL = re.compile("[" + re.escape("".join(SPECIALS)) + "]")
# In names every escape is a braced group: bibtexparser's name splitter steps over the
# character after a backslash, so "\& and \&" would come back as one name, not two.
_NAME_SPECIALS_TABLE = str.maketrans(
    {character: latex if latex.startswith("{") else "{" + latex + "}"
     for character, latex in SPECIALS.items()}
)  # fmt: skip

# Pairs that TeX fonts turn into one glyph: -- en dash, '' closing quotes, << >> and ,,
# guillemets and low quotes (T1). An empty group between the two keeps both characters.
_LIGATURE = re.compile(r"([-'<>,])(?=\1)")

# Classic BibTeX spells these the TeX way: pandoc's LaTeX reader drops \textendash,
# \textemdash and \textellipsis (what pylatexenc writes) but reads the ligatures and \ldots.
_TEX_PUNCTUATION = str.maketrans({"–": "{--}", "—": "{---}", "…": r"{\ldots}"})

_TO_MACROS = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)

# Non-ASCII character → its LaTeX, filled as characters are met. pylatexenc scans a
# whole string in Python, character by character, which made classic BibTeX output
# three times slower than the rest; "braces-all" makes every replacement independent
# of its neighbours, so one character at a time gives the same result.
_MACRO_TABLE: dict[int, str] = dict(_TEX_PUNCTUATION)


def _to_macros(text: str) -> str:
    for character in set(text):
        if ord(character) > 127 and ord(character) not in _MACRO_TABLE:
            _MACRO_TABLE[ord(character)] = _TO_MACROS.unicode_to_latex(character)
    return text.translate(_MACRO_TABLE)


_WORD = re.compile(r"[^\W_]+")
_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def latex_text(value: str, *, ascii_only: bool = False) -> str:
    """``value`` as LaTeX text on one line: specials escaped, ligatures broken and, when
    ``ascii_only`` (classic BibTeX), non-ASCII letters as macros.

    A character with no LaTeX macro (an emoji, CJK) stays as UTF-8 even when
    ``ascii_only``: dropping it would lose data, and a UTF-8 LaTeX engine can print it.
    """
    return _encode(one_line(value), ascii_only)


def _encode(text: str, ascii_only: bool, table: dict[int, str] = _SPECIALS_TABLE) -> str:
    if _ANY_SPECIAL.search(text):
        text = text.translate(table)
    if "--" in text or "''" in text or "<<" in text or ">>" in text or ",," in text:
        text = _LIGATURE.sub(r"\1{}", text)
    if ascii_only and not text.isascii():
        text = _to_macros(nfc(text))
    return text


def _needs_case_protection(word: str, *, first: bool) -> bool:
    """Zotero's rule: protect any word with a capital, except the title's first word when
    only its first letter is one. A text that lower-casing changes has a capital, in any
    script (title-case letters such as ``ǅ`` included)."""
    rest = word[1:] if first else word
    return rest != rest.lower()


def latex_title(value: str, *, ascii_only: bool = False) -> str:
    """A title as LaTeX, with every capitalised word wrapped in braces.

    BibTeX styles and biblatex may re-case titles (plain.bst lower-cases article titles;
    pandoc sentence-cases English ones), which would turn "NHS" into "nhs" and "England"
    into "england". Proper nouns cannot be told from Title Case words without a
    dictionary, so every word with a capital keeps its case, as in Zotero's own export
    (``NHS`` → ``{NHS}``, ``COVID-19`` → ``{COVID}-19``, ``eHealth`` → ``{eHealth}``);
    only the first word may be re-cased when its sole capital is its initial. Runs of such
    words share one group (``{Long Term Plan}``).
    """
    text = one_line(value)
    spans: list[list[int]] = []
    for index, match in enumerate(_WORD.finditer(text)):
        if not _needs_case_protection(match.group(), first=index == 0):
            continue
        if spans and text[spans[-1][1] : match.start()].isspace():
            spans[-1][1] = match.end()  # one group for a run of words: {Long Term Plan}
        else:
            spans.append([match.start(), match.end()])
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(_encode(text[position:start], ascii_only))
        pieces.append("{" + _encode(text[start:end], ascii_only) + "}")
        position = end
    pieces.append(_encode(text[position:], ascii_only))
    return "".join(pieces)


def latex_name(value: str, *, ascii_only: bool = False) -> str:
    """One name part (family or given) as LaTeX, braced when BibTeX would misread it.

    BibTeX splits a name list at " and " and a name at commas, and takes a lone
    "others" for "et al."; a part with any of these is kept whole in braces.
    """
    text = _encode(one_line(value), ascii_only, _NAME_SPECIALS_TABLE)
    if "," in text or _AND.search(text) or text.lower() == "others":
        return "{" + text + "}"
    return text
