"""Plain text → the LaTeX that BibTeX and biber pass on, field by field.

Why not pylatexenc's encoder (or bibtexparser's ``LatexEncodingMiddleware``) for all of it:
it writes ``\\{`` for a brace, which BibTeX still counts as a brace (so one unbalanced
``{`` in a title breaks the file), and ``\\textasciicircum`` and ``--`` do not decode back
to what was written. The few ASCII characters that need care are handled here with a
translation table; pylatexenc is used only for what it does well, turning Western and
Central European letters into macros (``é`` → ``{\\'e}``) for classic BibTeX, corrected
where its macro reads back as another character (:data:`MACRO_OVERRIDES`).

Every replacement is brace-balanced as BibTeX counts braces (it ignores backslashes), and
each decodes back to the original character with pylatexenc's ``LatexNodes2Text``.
"""

from __future__ import annotations

import re

from pylatexenc.latexencode import UnicodeToLatexEncoder

from .common import QuoteMark, nfc, one_line, quote_marks

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
_TEX_PUNCTUATION = {"–": "{--}", "—": "{---}", "…": r"{\ldots}"}

MACRO_CHARACTERS = frozenset(
    [chr(code) for code in range(0xA0, 0x180)]  # Latin-1 Supplement, Latin Extended-A
    + list("‘’“”„‹›†•")
    + list(_TEX_PUNCTUATION)
)
"""The non-ASCII characters classic BibTeX may write as LaTeX macros: Western and Central
European letters and the common punctuation. For these (less :data:`KEPT_AS_UTF8`) the
macro is checked (tests/test_writers_characters.py) to read back as the same character
in pylatexenc, pandoc's BibTeX reader and bibtex + pdflatex with T1 fonts. Outside it
pylatexenc writes math (``{\\ensuremath{\\lambda}}``, and Latin ``E`` for a capital
Epsilon) or nothing, so every other character is written as UTF-8."""

MACRO_OVERRIDES: dict[str, str] = {
    # pylatexenc writes \'{u} (ú) for ű: the double acute is \H.
    "ű": r"{\H{u}}",
    "Ű": r"{\H{U}}",
    # pylatexenc writes \'\i (a dotless i under the accent), which pandoc reads as ı plus a
    # combining accent; T1's composite glyphs print \'i with the same dotless i.
    "ì": r"{\`i}",
    "í": r"{\'i}",
    "î": r"{\^i}",
    "ï": r"{\"i}",
}
"""Characters whose pylatexenc macro reads back wrong: the macro that reads back right."""

KEPT_AS_UTF8 = frozenset(
    # pandoc's LaTeX reader drops these macros (\dh, \th, \dj, \ng, \ij, \texttimes,
    # \textperiodcentered…) and has no other ASCII spelling of the character; pdflatex's
    # UTF-8 input prints each of them with T1 fonts.
    "ðÐþÞđĐŋŊĳĲ¡¢¤¨ª¬¯±²³´·¹º¿×÷"
    # pandoc reads \textmu as the Greek letter μ, not the micro sign.
    "µ"
    # pylatexenc has no macro for these, or one for another letter (\={H} for Ħ); pdflatex
    # stops on them ("not set up for use with LaTeX") rather than print a wrong letter.
    "ĦħŦŧĿŀĸŉ"
)
"""Characters of :data:`MACRO_CHARACTERS` that classic BibTeX writes as UTF-8."""

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
_MACRO_TABLE: dict[int, str] = {ord(character): tex for character, tex in _TEX_PUNCTUATION.items()}


def _classic_latex(character: str) -> str:
    """The character as classic BibTeX writes it: a macro, or the character itself."""
    if character in MACRO_OVERRIDES:
        return MACRO_OVERRIDES[character]
    if character in MACRO_CHARACTERS and character not in KEPT_AS_UTF8:
        latex: str = _TO_MACROS.unicode_to_latex(character)
        if latex.isascii():
            return latex
    return character


def _to_macros(text: str) -> str:
    for character in set(text):
        if ord(character) > 127 and ord(character) not in _MACRO_TABLE:
            _MACRO_TABLE[ord(character)] = _classic_latex(character)
    return text.translate(_MACRO_TABLE)


TEX_QUOTES: dict[tuple[bool, str], str] = {
    (False, "open"): "``",
    (False, "close"): "''",
    (True, "open"): r"{\textquoteleft}",
    (True, "close"): r"{\textquoteright}",
}
"""(inner?, role) → the TeX quote a paired straight quote (:func:`.common.quote_marks`)
becomes. A straight ``"`` prints as a closing mark in every LaTeX font, so ``"And now…"``
printed as ”And now…”. As in typesetting, quotations alternate double and single with
depth, whichever straight mark the text used.

Single quotes are the text-mode macros, which print the same as TeX's ````` and ``'``:
Zotero's BibTeX import (translators' BibTeX.js ``reversemappingTable``) reads ``````,
``''``, ``{\textquoteleft}`` and ``{\textquoteright}`` as curly quotes but leaves a
lone backquote as it is, so ```Walking the tightrope'`` arrived as that, backquote
and all; pandoc and pylatexenc read the macros as ``‘`` and ``’``."""

_WORD = re.compile(r"[^\W_]+")
# bibtex is 8-bit: abbreviating "Þóra" it would print the first byte of Þ. A braced group
# that opens with a macro is one "special character" to bibtex, kept whole ({\relax Þ}.).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def latex_text(value: str, *, ascii_only: bool = False, quotes: bool = True) -> str:
    """``value`` as LaTeX text on one line: specials escaped, ligatures broken, paired
    straight quotes as TeX quotes (unless not ``quotes``: a name keeps its characters)
    and, when ``ascii_only`` (classic BibTeX), the characters of
    :data:`MACRO_CHARACTERS` as macros.

    Any other character (Greek, CJK, an emoji, ``ǅ``) stays UTF-8 even when
    ``ascii_only``: dropping it would lose data, a LaTeX macro for it is read wrong by
    pandoc or Citation.js, and pdflatex prints it or stops with an error naming it.
    """
    text = one_line(value)
    return _encode_spans(text, [], quote_marks(text) if quotes else [], ascii_only)


def _encode_spans(
    text: str,
    protected: list[list[int]],
    marks: list[QuoteMark],
    ascii_only: bool,
    *,
    quoted: bool = False,
) -> str:
    """``text`` encoded, each ``protected`` [start, end) span in braces and each quote
    mark as its TeX quote; ``quoted`` when the style sets the whole text in double
    quotes, so that its outermost quotations take single ones."""
    cuts = sorted(
        [(mark.position, mark.position + 1, mark) for mark in marks]
        + [(start, end, None) for start, end in protected]
    )
    pieces: list[str] = []
    position = 0
    depth = 1 if quoted else 0
    for start, end, mark in cuts:
        pieces.append(_encode(text[position:start], ascii_only))
        if mark is None:
            pieces.append("{" + _encode(text[start:end], ascii_only) + "}")
        else:
            depth -= mark.role == "close"
            pieces.append(TEX_QUOTES[depth % 2 == 1, mark.role])
            depth += mark.role == "open"
        position = end
    pieces.append(_encode(text[position:], ascii_only))
    return "".join(_unligated(pieces))


def _unligated(pieces: list[str]) -> list[str]:
    """The pieces with an empty group wherever two of them meet in a TeX ligature
    (``'`` + ``'`` would print one closing double quote)."""
    pieces = [piece for piece in pieces if piece]
    for index in range(1, len(pieces)):
        left, right = pieces[index - 1], pieces[index]
        if left[-1] == right[0] and left[-1] in "-'<>,`":
            pieces[index] = "{}" + right
    return pieces


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


_CURLY_DOUBLE_TO_SINGLE = str.maketrans({"“": "‘", "”": "’"})
r"""A title the style sets in double quotes takes single ones inside, curly marks too: the
standard styles' ``\mkbibquote`` prints ``“…”`` around the title whatever it holds, so a
title's own ``“I just keep going”`` would print as ``““I just keep going”…”``. Left alone
where the title already holds single quotes (``‘``), whose closing mark cannot be told
from an apostrophe."""


def latex_title(value: str, *, ascii_only: bool = False, quoted: bool = False) -> str:
    """A title as LaTeX, with every capitalised word wrapped in braces.

    BibTeX styles and biblatex may re-case titles (plain.bst lower-cases article titles;
    pandoc sentence-cases English ones), which would turn "NHS" into "nhs" and "England"
    into "england". Proper nouns cannot be told from Title Case words without a
    dictionary, so every word with a capital keeps its case, as in Zotero's own export
    (``NHS`` → ``{NHS}``, ``COVID-19`` → ``{COVID}-19``, ``eHealth`` → ``{eHealth}``);
    only the title's first word may be re-cased when its sole capital is its initial and
    it is the title's very first character: styles keep the first character's case, so
    after an opening quote (``"And now…``) the word is protected too. Runs of such words
    share one group (``{Long Term Plan}``). ``quoted``: the style prints this title in
    double quotes (biblatex's article titles), so quotations inside it take single ones,
    straight and curly alike.
    """
    text = one_line(value)
    if quoted and "‘" not in text:
        text = text.translate(_CURLY_DOUBLE_TO_SINGLE)
    spans: list[list[int]] = []
    for index, match in enumerate(_WORD.finditer(text)):
        first = index == 0 and match.start() == 0
        if not _needs_case_protection(match.group(), first=first):
            continue
        if spans and text[spans[-1][1] : match.start()].isspace():
            spans[-1][1] = match.end()  # one group for a run of words: {Long Term Plan}
        else:
            spans.append([match.start(), match.end()])
    return _encode_spans(text, spans, quote_marks(text), ascii_only, quoted=quoted)


def latex_name(value: str, *, ascii_only: bool = False) -> str:
    """One name part (family or given) as LaTeX, braced when BibTeX would misread it.

    BibTeX splits a name list at " and " and a name at commas, and takes a lone
    "others" for "et al."; a part with any of these is kept whole in braces.
    """
    text = _encode(one_line(value), ascii_only, _NAME_SPECIALS_TABLE)
    if ascii_only and not text.isascii():
        text = _NON_ASCII.sub(r"{\\relax \g<0>}", text)
    if "," in text or _AND.search(text) or text.lower() == "others":
        return "{" + text + "}"
    return text
