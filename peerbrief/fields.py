"""The text of one labelled field of a reference → typed values of the model.

Every function here is pure and total: it takes whatever text a brief holds and
returns the best reading it can, or ``None`` — it never raises. The rules come from
the series template (``brief-format.md``), never from particular references.

Why hand-written parsers: the fields mix conventions no library covers together —
names in three orders with a corporate fallback, journal sources in the brief's own
shorthand (``Name 27(3) pp. 987-1001``, ``Name 13: 188``, ``Name, 30 Suppl 1,
pp.1445-1455. , Australia:``), season and month-range dates. Name splitters such as
``bibtexparser``'s read one order and take "NHS England" for a person; date parsers
know neither seasons nor "April-June 2012" ranges.
"""

from __future__ import annotations

import calendar
import functools
import html
import itertools
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import Literal
from urllib.parse import unquote, urlsplit

import attrs
from attrs import frozen

from .links import web_link
from .model import Date, Pages, Person
from .model import collapse_spaces as _collapse
from .vocabulary import (
    ACCESS_NOTES,
    ACCESSED_LABELS,
    BODY_HEAD_WORDS,
    BULLET_GLYPHS,
    BULLETS,
    CIRCA_WORDS,
    CITED_LABELS,
    DASHES,
    DATE_VALUE_WORDS,
    DEGREE_WORDS,
    EDITION_ORDINALS,
    FAMILY_NAME_ORGANISATION_WORDS,
    HONORIFICS,
    IRISH_FAMILY_OPENINGS,
    IRISH_MUTATION_PREFIXES,
    IRISH_PATRONYMICS,
    ITEM_TYPES,
    JOURNAL_WORDS,
    LABELS,
    MEDIUM_DESIGNATORS,
    MONTH_NAMES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONAL_BODY_WORDS,
    NO_AUTHOR,
    NO_DATE,
    NOT_TOWN_WORDS,
    NUMBERED_NOT_VOLUME,
    ONLINE_MARKS,
    ORGANISATION_ACRONYMS,
    ORGANISATION_JOINERS,
    ORGANISATION_WORDS,
    POST_NOMINALS,
    PUBLICATION_CITIES,
    PUBLICATION_COUNTRIES,
    PUBLICATION_STATUSES,
    PUBLISHER_WORDS,
    REGION_WORDS,
    SEASON_WORDS,
    SERIES_WORDS,
    SUBJECT_WORDS,
    SURNAME_JOINERS,
    TEMPLATE_LABELS,
    THESIS_WORDS,
    TRUNCATING_WORDS,
    UK_NATIONS,
    UNIT_WORDS,
    UPDATED_WORDS,
    VIDEO_HOSTS,
    WEAK_BULLETS,
    WEAK_ORGANISATION_WORDS,
)

__all__ = [
    "HTML_BLOCK_TAG",
    "HTML_TAG",
    "LIST_MARK",
    "AccessDate",
    "BookSource",
    "BriefCitation",
    "Source",
    "apply_supplement",
    "classify_source",
    "date_value_status",
    "doi_from_url",
    "doi_locator_link",
    "ends_with_status",
    "is_access_fragment",
    "is_bare_link",
    "is_title_end",
    "is_video_link",
    "is_year_like",
    "label_of",
    "link_targets",
    "looks_like_organisation",
    "note_begun_before",
    "opens_with_date_word",
    "parse_access_note",
    "parse_accessed",
    "parse_accessed_date",
    "parse_book_source",
    "parse_brief_citation",
    "parse_circa",
    "parse_date",
    "parse_date_value",
    "parse_journal_line",
    "parse_journal_source",
    "parse_people",
    "parse_publication_details",
    "source_marks",
    "spell_out_links",
    "split_details_publisher",
    "split_names_year",
    "split_place_publisher",
    "split_title_line",
    "split_trailing_link",
    "stated_family_names",
    "states_no_author",
    "states_no_date",
    "strip_markup",
    "take_accessed",
    "take_medium",
    "take_other_links",
    "take_thesis_type",
    "targets_written_out",
    "unglue_access_note",
    "unlabelled_metadata",
    "without_link_label",
    "written_link",
]

_DASH = f"[{DASHES}]"


# ---------------------------------------------------------------------------
# Markup
# ---------------------------------------------------------------------------

# Markdown backslash escapes (CommonMark: any ASCII punctuation may be escaped).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An escaped character is parked in the Private Use Area while emphasis is removed,
# so that ``\*`` is never taken for an emphasis marker.
_PARK_BASE = 0xE000
_PARKED = re.compile("[\ue000-\ue07f]")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
# A code span: `text` (a markdown writer sets what it cannot write otherwise so).
_CODE = re.compile(r"`([^`\n]+)`")
# A pandoc span: ``[text]{.underline}`` (a class, an id or attributes in the braces).
_SPAN = re.compile(r"\[([^\[\]]*)\]\{[.#][^{}]*\}")
# Markdown's typographic dashes, as pandoc's writer spells them: "--" an en dash, "---"
# an em dash (a longer run of hyphens is a rule, not a dash).
_TYPED_DASHES = re.compile(r"(?<!-)-{2,3}(?!-)")
_IMAGE = re.compile(r"!(?=\[[^\[\]]*\]\()")
# A superscript or subscript holds a few characters: bounded, so no run is re-read.
_SUP_TAG = re.compile(r"<sup>([^<>]{0,60})</sup>", re.IGNORECASE)
_SUB_TAG = re.compile(r"<sub>([^<>]{0,60})</sub>", re.IGNORECASE)
# Block tags separate words; inline tags (<i>, <sub>) sit inside one.
HTML_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|h[1-6])\b[^<>]*>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# Pandoc's footnote reference ("…the role.[^1]"): a marker, as a superscript number is.
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\[\]\s]{1,20}\]")
# Pandoc's subscript ("CO~2~", "HbA~1c~": letters or digits after a letter or digit, so
# not a web address's "/~user/") and strikeout ("~~text~~").
_TILDE_SUB = re.compile(r"(?<=[^\W_])~([^\W_]{1,10})~(?![~\w])")
_STRIKEOUT = re.compile(r"~~(?=\S)([^~]{1,200}?)(?<=\S)~~")
# Markdown superscripts: ^{1,2}, ^1, ^(1-3), pandoc's ^2^.
_CARET_SUP = re.compile(r"\^\{([^{}]{0,60})\}|\^\(?([\d,–-]{1,20})\)?\^?")
_UNICODE_SUP = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+")
# Emphasis never spans its own marker, which also keeps matching linear on long abstracts.
_STRONG_STARS = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*")
_STRONG_UNDERSCORES = re.compile(r"__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
# The lookbehind for the character before the opening marker is written after the
# marker, one character wider (the same test), so the regex engine skips from marker
# to marker instead of trying the lookbehind at every position of a long abstract.
_EM_STAR = re.compile(r"\*(?<![*\w]\*)([^\s*](?:[^*]*[^\s*])?)\*(?![*\w])")
_EM_UNDERSCORE = re.compile(r"_(?<![_\w]_)([^\s_](?:[^_]*[^\s_])?)_(?![_\w])")
# Every pattern above needs one of these characters; most abstract lines have none,
# and skipping the dozen substitutions for them is most of the reader's speed.
_MARKUP_HINT = re.compile("[\\\\&<^\\[*_$`~⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻\ue000-\ue07f]|--")
# Inline TeX math as exports write statistics ("$\\eta^2=.24$", "$p < .01$"). A dollar
# followed by a digit or a space is money ("$5 and $10"), not math. A formula holds at
# most 200 characters, so converting each is bounded and the whole text linear.
_TEX_MATH = re.compile(r"(?<!\\)\$(?=[^\s\d$])([^$\n]{1,200}?)(?<=[^\s\\])\$")

# Unicode has super- and subscript forms for digits, signs and most small letters
# (no superscript q; subscripts for a few letters only).
_SUPERSCRIPT = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyz",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ",
        strict=True,
    )
)
_SUBSCRIPT = dict(
    zip("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
_FROM_SUPERSCRIPT = {sup: plain for plain, sup in _SUPERSCRIPT.items() if plain.isdigit()} | {
    "⁺": "+",
    "⁻": "-",
}
_MARKER_CHARACTERS = frozenset("0123456789,;–- ")
_AFTER_MARKER = frozenset(".,;:!?)]\"'’”*")


def _scripted(text: str, table: dict[str, str], mark: str) -> str:
    """``2`` → ``²`` (or ``₂``); what Unicode cannot raise or lower keeps its mark: ``^(ab)``."""
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def _is_citation_marker(before: str, content: str) -> bool:
    """Whether a superscript is a citation marker (dropped) rather than content (kept).

    Markers are digit lists glued to the end of a word or sentence: ``practice,¹``,
    ``research^{1,2}``, ``Foucault^1``. A superscript after a symbol of one or two letters
    (``η²``, ``χ²``, ``R²``, ``km²``) or a number (``10⁹``) is part of the text.
    """
    content = content.strip()
    if not content or not set(content) <= _MARKER_CHARACTERS:
        return False
    if any(char in ",;–-" for char in content):
        return True  # a list or range of notes
    last = before[-1:]
    if not last or last.isspace() or last in _AFTER_MARKER:
        return True
    if last.isdigit():
        return False
    letters = sum(1 for _ in itertools.takewhile(str.isalpha, reversed(before)))
    return letters >= 3


def _before(match: re.Match[str]) -> str:
    """A few characters before the match: enough to judge a superscript, and no copy of
    the whole text for each of many markers."""
    return match.string[max(0, match.start() - 8) : match.start()]


def _superscript(match: re.Match[str], content: str) -> str:
    before = _before(match)
    if _is_citation_marker(before, content):
        return ""
    if before[-1:].isdigit() and content.isalpha():
        return content  # an ordinal written raised: 19^{th}
    return _scripted(content, _SUPERSCRIPT, "^")


def _caret_superscript(match: re.Match[str]) -> str:
    return _superscript(match, match[1] if match[1] is not None else match[2])


def _tag_superscript(match: re.Match[str]) -> str:
    return _superscript(match, _collapse(match[1]))


def _tag_subscript(match: re.Match[str]) -> str:
    return _scripted(_collapse(match[1]), _SUBSCRIPT, "_")


def _unicode_superscript(match: re.Match[str]) -> str:
    digits = "".join(_FROM_SUPERSCRIPT[char] for char in match[0])
    return "" if _is_citation_marker(_before(match), digits) else match[0]


# --- TeX math --------------------------------------------------------------------------
# Why a small converter of our own rather than pylatexenc's LatexNodes2Text: that one
# drops superscripts and subscripts (η^2 becomes η2 or η), and parsing each formula
# with it costs milliseconds. The macro table, though, is pylatexenc's.

_TEX_TOKEN = re.compile(r"\\(?:[A-Za-z]+|.)|.", re.DOTALL)  # a macro or one character
_TEX_SPACES = {",": " ", ";": " ", ":": " ", " ": " ", "!": "", "quad": " ", "qquad": " "}
_TEX_DELIMITERS = frozenset({"left", "right", "big", "Big", "bigg", "Bigg"})
_TEX_MACRO_ARGUMENTS = {"frac": "{}/{}", "dfrac": "{}/{}", "tfrac": "{}/{}", "sqrt": "√({})"}


@functools.cache
def _tex_macro(name: str) -> str | None:
    """A macro's text (``eta`` → ``η``, ``leq`` → ``≤``); "" for a style macro whose
    argument is the text (``\\text``, ``\\mathrm``); None when pylatexenc does not know it."""
    from pylatexenc.latex2text import get_default_latex_context_db

    spec = get_default_latex_context_db().get_macro_spec(name)
    if spec is None:
        return None
    replacement = getattr(spec, "simplify_repl", None)
    if isinstance(replacement, str) and "%" not in replacement:
        return replacement
    return ""


class _TexReader:
    """One formula's tokens → text, keeping super- and subscripts."""

    def __init__(self, latex: str) -> None:
        self.tokens = _TEX_TOKEN.findall(latex)
        self.at = 0

    def text(self, closing: bool = False) -> str:
        parts: list[str] = []
        while self.at < len(self.tokens):
            token = self.tokens[self.at]
            self.at += 1
            if token == "}":
                if closing:
                    break
            elif token == "{":
                parts.append(self.text(closing=True))
            elif token in ("^", "_"):
                table = _SUPERSCRIPT if token == "^" else _SUBSCRIPT
                parts.append(_scripted(self.argument().strip(), table, token))
            elif token.startswith("\\"):
                parts.append(self.macro(token[1:]))
            else:
                parts.append(token)
        return "".join(parts)

    def argument(self) -> str:
        """The next group (``{…}``), macro or character."""
        while self.at < len(self.tokens) and self.tokens[self.at].isspace():
            self.at += 1
        if self.at >= len(self.tokens):
            return ""
        token = self.tokens[self.at]
        self.at += 1
        if token == "{":
            return self.text(closing=True)
        if token.startswith("\\"):
            return self.macro(token[1:])
        return "" if token in ("}", "^", "_") else token

    def macro(self, name: str) -> str:
        if name in _TEX_SPACES:
            return _TEX_SPACES[name]
        if not name.isalpha():
            return name  # an escaped character: \\% \\$ \\{
        if name in _TEX_DELIMITERS:
            return ""
        if name in _TEX_MACRO_ARGUMENTS:
            template = _TEX_MACRO_ARGUMENTS[name]
            return template.format(*(self.argument() for _ in range(template.count("{}"))))
        known = _tex_macro(name)
        return name if known is None else known


def _tex_math_to_text(match: re.Match[str]) -> str:
    """A formula as Unicode text: ``\\eta^2=.24`` → ``η²=.24``, ``p \\leq .05`` → ``p ≤ .05``."""
    return _TexReader(match[1]).text()


def _park_escape(match: re.Match[str]) -> str:
    return chr(_PARK_BASE + ord(match.group(1)))


def _unpark(match: re.Match[str]) -> str:
    return chr(ord(match.group(0)) - _PARK_BASE)


_Step = tuple[tuple[str, ...], re.Pattern[str], str | Callable[[re.Match[str]], str]]
# strip_markup's substitutions in order, each after the marks of which every match of
# its pattern holds one: a line holds few kinds of markup, and looking for a string is
# far cheaper than a pass of the pattern, so a pattern runs only where it may match.
_ESCAPE_STEPS: tuple[_Step, ...] = (
    (("$",), _TEX_MATH, _tex_math_to_text),
    (("\\",), _ESCAPE, _park_escape),
)
_TAG_STEPS: tuple[_Step, ...] = (
    (("[^",), _FOOTNOTE_REFERENCE, ""),
    (("~~",), _STRIKEOUT, r"\1"),
    (("~",), _TILDE_SUB, _tag_subscript),
    (("<",), _SUP_TAG, _tag_superscript),
    (("<",), _SUB_TAG, _tag_subscript),
    (("<",), HTML_BLOCK_TAG, " "),
    (("<",), HTML_TAG, ""),
    (("^",), _CARET_SUP, _caret_superscript),
    (tuple("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻"), _UNICODE_SUP, _unicode_superscript),
    (("![",), _IMAGE, ""),
    (("--",), _TYPED_DASHES, lambda match: "–" if len(match[0]) == 2 else "—"),
)
_EMPHASIS_STEPS: tuple[_Step, ...] = (
    (("](",), _LINK, r"\1"),
    (("]{",), _SPAN, r"\1"),
    (("`",), _CODE, r"\1"),
    (("**",), _STRONG_STARS, r"\1"),
    (("__",), _STRONG_UNDERSCORES, r"\1"),
    (("*",), _EM_STAR, r"\1"),
    (("_",), _EM_UNDERSCORE, r"\1"),
)


def _substitute(text: str, steps: tuple[_Step, ...]) -> str:
    for marks, pattern, replacement in steps:
        if any(mark in text for mark in marks):
            text = pattern.sub(replacement, text)
    return text


def strip_markup(text: str) -> str:
    """Markdown/HTML/TeX → plain words: markup goes, the words stay; whitespace collapsed.

    Removes ``**bold**``/``*italics*``/``_x_`` markers, ``[text](url)`` link targets and
    HTML tags; citation markers (``^{1,2}``, ``^1``, ``<sup>3</sup>``, ``³`` after a word)
    go too. Superscripts and subscripts that are content become Unicode (``η^2``,
    ``<sup>2</sup>`` → ``²``, ``CO<sub>2</sub>`` → ``CO₂``); inline TeX math becomes its
    characters (``$\\chi^2$`` → ``χ²``, ``$p \\leq .05$`` → ``p ≤ .05``); HTML entities
    and backslash escapes become their characters. A lone ``*`` (a footnote marker such
    as ``Abstract only*``) is left alone.
    """
    if not _MARKUP_HINT.search(text):
        return _collapse(text)
    text = _PARKED.sub("", text)  # nothing of ours may already sit where escapes park
    text = _substitute(text, _ESCAPE_STEPS)
    if "&" in text:
        text = html.unescape(text)
    text = _substitute(text, _TAG_STEPS)
    previous = None
    while previous != text:  # links may nest emphasis and vice versa
        previous = text
        text = _substitute(text, _EMPHASIS_STEPS)
    text = _PARKED.sub(_unpark, text)
    return _collapse(text)


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

# "et al." at the end; the separators before it are stripped separately, so that no
# pattern starts inside a run of them (each start would re-read the run).
_ET_AL = re.compile(
    r"(?:\bet\.?\s*al\b\.?|(?:\band\s+|&\s*)(?:" + "|".join(TRUNCATING_WORDS) + r")\b\.?)[\s.,;]*$",
    re.IGNORECASE,
)
# "Smith et al.; RETAIN Group" (after "on behalf of"): "et al." closing a chunk of the list.
_ET_AL_IN_LIST = re.compile(r"\bet\.?\s*al\b\.?(?=\s*;)", re.IGNORECASE)
# " and ", ", and ", " & ": each match starts where a run of spaces starts.
_AND = re.compile(r"(?<!\s)(?:\s*,)?\s+(?:and|&)\s+|(?<!\s)\s*&\s*", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.?(?:-[A-Z]\.?)?){1,4}$")
_EDITOR_MARK = re.compile(r"\((?:eds?|editors?)\.?\)", re.IGNORECASE)
# What a paper prints after a name and is no part of it: affiliation numbers and marks,
# glued or set apart (``Smith J1,2``, ``Jones K*``, ``Smith, John 1 and``), raised as a
# PDF's copy sets them (``Smith J¹,²``: re's letters take them in), and ORCID iDs.
_NAME_MARKS = re.compile(
    r"(?<=[^\W\d_.⁰¹²³⁴-⁹])(?:\d{1,2}(?:,\d{1,2})*|[*†‡§¶]+|[⁰¹²³⁴-⁹]+(?:,[⁰¹²³⁴-⁹]+)*)"
    r"(?= ?(?:[,;&]|and\b|$))"
    r"|(?<=\S) \d{1,2}(?:,\d{1,2})*(?= ?(?:[,;&]|and\b|$))"
    r"| ?\(?(?:https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]\)?",
    re.IGNORECASE,
)
# "…, Jones K on behalf of the RETAIN Study Group": the group is an author of its own.
_ON_BEHALF = re.compile(r";? ?\bon behalf of (?:the )?", re.IGNORECASE)
# "Smith, Jane, PhD": a degree after a name (case-sensitive: "PhD", not initials).
_POST_NOMINAL = re.compile(r",\s*(?:" + "|".join(POST_NOMINALS) + r")\.?(?=\s*(?:[,;&]|and\b|$))")
# "King, Martin Luther, Jr.", "Martin Luther King, Jr.": a suffix set apart by a comma
# (not "II" or "IV", which may as well be initials: "Ivanov, IV").
_SUFFIX_AFTER_COMMA = re.compile(r",\s*((?:Jr|Sr)\b\.?|III\b)(?=\s*(?:[,;&]|and\b|$))")
# "Smith, Jane and the PEER Study Group": "and the" before a body's name.
_AND_THE = re.compile(r",? (?:and|&) the ", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"(?:(?<=^)|(?<=,\s)|(?<=;\s)|(?<=\sand\s)|(?<=&\s))"
    r"(?:" + "|".join(HONORIFICS) + r")\.?\s+(?=[A-Z])"
)
_CONNECTORS = frozenset({"and", "&", *TRUNCATING_WORDS})
_WORD = re.compile(r"[\w'’&.-]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_organisation_name(text: str) -> bool:
    words = text.split()
    bare = [w.strip(".,;:()'’") for w in words]
    if any(w in ORGANISATION_ACRONYMS or w.lower() in ORGANISATION_WORDS for w in bare):
        return True
    return len(words) > 1 and any(word in ORGANISATION_JOINERS for word in words[1:-1])


def _single_family(text: str) -> bool:
    """One family name: a word, after particles if any (``England``, ``van der Berg``),
    and not an acronym such as ``NHS``. Written as a name, it names a person."""
    *particles, last = text.split() or [""]
    return (
        bool(last)
        and all(word.lower() in NAME_PARTICLES for word in particles)
        and last.strip(".,;:()'’") not in ORGANISATION_ACRONYMS
    )


_GIVEN_INITIALS = re.compile(r"^(?:[A-Z]\.(?:-?[A-Z]\.)*|[A-Z])$")
# Words that say "organisation" (or "journal") wherever they stand in a name.
_NOT_GIVEN_NAMES = (
    ORGANISATION_WORDS | SUBJECT_WORDS | JOURNAL_WORDS | NATIONAL_BODY_WORDS | ORGANISATION_JOINERS
)


def _could_be_given(word: str) -> bool:
    """A given name or an initial (``Aoife``, ``Tomás``, ``J.``): capitalised, no acronym,
    and no word that opens or makes an organisation's name (``Sport``, ``Public``)."""
    if _GIVEN_INITIALS.match(word):
        return True
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.lower().strip(".,") not in _NOT_GIVEN_NAMES
        and word.strip(".,") not in ORGANISATION_ACRONYMS
    )


def _given_names_and_place_family(text: str) -> bool:
    """``Aoife England``, ``Mary Ann Wales``, ``J. England``: given names before a family
    name that is also a nation's name. ``Sport England``, ``NHS England``, ``Public Health
    England`` are bodies: a word before the nation opens organisations' names, is an
    organisation or subject word, or an acronym."""
    *given, family = text.split() or [""]
    return (
        bool(given)
        and family.lower() in FAMILY_NAME_ORGANISATION_WORDS
        and all(map(_could_be_given, given))
    )


def _is_body(text: str) -> bool:
    """An organisation's name: organisation words in a name that is not one family name,
    nor given names before a family name that is also a place (``Aoife England``)."""
    return (
        _is_organisation_name(text)
        and not _single_family(text)
        and not _given_names_and_place_family(text)
    )


def _organisation(text: str) -> Person:
    return Person(_collapse(text), organisation=True)


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word))


def _person_from_given_family(
    text: str, families: AbstractSet[str], capitals_first: bool = False
) -> Person | None:
    """``Michael A. Mancini`` / ``Ludwig van Beethoven`` / ``Smith JA`` / ``Moran``.

    The family name is the last word (with its particles), as BibTeX reads names, unless
    the brief writes a longer family name elsewhere (``families``), or two family names
    joined by "y" (``José Ortega y Gasset``; :data:`SURNAME_JOINERS`): ``Lucie Bankovska
    Motlova`` where ``Bankovska Motlova, L.`` is written too, and ``Bankovska Motlova``
    alone is that family name; or unless capitals mark it first (``SMITH Jane``, see
    :func:`_capitals_family_end`). A suffix stays with the family name (``Martin Luther
    King Jr.``, ``King ML Jr``)."""
    words = text.split()
    if not words:
        return None
    if len(words) == 1 or " ".join(words) in families:
        return Person(" ".join(words))  # a family name alone
    suffix = words[-1:] if words[-1] in NAME_SUFFIXES and len(words) > 2 else []
    words = words[: len(words) - len(suffix)]
    capitals = _capitals_family_end(words, capitals_first)
    if capitals:
        return Person(" ".join(words[:capitals] + suffix), " ".join(words[capitals:]))
    if _is_initials(words[-1]) and not _is_initials(words[0]):
        # Vancouver order: "Smith JA", "van der Berg J", "King ML Jr"
        return Person(" ".join([*words[:-1], *suffix]), words[-1])
    if words[0] in NAME_PARTICLES:
        return Person(" ".join(words + suffix))  # "van der Berg et al.": a family name alone
    start = len(words) - 1
    for index in range(1, len(words) - 1):
        if words[index] in SURNAME_JOINERS:
            start = index - 1  # "José Ortega y Gasset": the name before "y" is a family name
            break
        if (
            words[index].lower() in NAME_PARTICLES
            or words[index].lower() in IRISH_PATRONYMICS  # after a given name: "Siobhán Nic Aodha"
            or " ".join(words[index:]) in families
            or (words[index].lower(), words[index + 1].lower()) in IRISH_FAMILY_OPENINGS
        ):
            start = index
            break
    return Person(" ".join(words[start:] + suffix), " ".join(words[:start]) or None)


def _is_capitals_family(word: str, short: bool) -> bool:
    """``SMITH``, ``O'NEILL``, ``SMITH-JONES``: a family name in capitals, as many lists
    mark it. No acronym of a body, and no run of initials: up to four capitals (``JR``,
    ``WANG``) are initials as well (``JR Smith``), which ``short`` admits where the list
    marks a longer family name so."""
    return (
        word.isupper()
        and sum(char.isalpha() for char in word) > 1
        and word.strip(".,") not in ORGANISATION_ACRONYMS
        and (not _is_initials(word) or (short and word.isalpha()))
    )


def _capitals_family_end(words: list[str], short: bool) -> int:
    """Where the family name in capitals that opens a name ends (``SMITH Jane``, ``LI
    Wei`` in a list that writes ``PATEL Raj`` too): 0 where none does, or where what
    follows it is not all given names (``NHS England`` is a body's)."""
    end = 0
    while end < len(words) - 1 and _is_capitals_family(words[end], short):
        end += 1
    return (
        end
        if end
        and all(
            _could_be_given(word) and not _is_capitals_family(word, True) for word in words[end:]
        )
        else 0
    )


def _person_from_family_given(family: str, given: str) -> Person | None:
    """``Smith, Jane``; a suffix after the given names goes with the family name, as it
    does in the other order (``King, Martin Luther Jr.``: ``King Jr.``)."""
    family, words = family.strip(), given.split()
    if not family:
        return None
    if len(words) > 1 and words[-1] in NAME_SUFFIXES:
        family, words = f"{family} {words[-1]}", words[:-1]
    return Person(family, " ".join(words) or None)


def _is_family_of_words(text: str) -> bool:
    """Capitalised words and no initial: where the brief writes family names only
    (before "et al.", beside a lone family name) this is one family name of several words
    (``Bankovska Motlova``), unless capitals mark the family name (``SMITH Jane``)."""
    words = text.split()
    return (
        len(words) > 1
        and not _capitals_family_end(words, False)
        and all(
            word[:1].isupper() and not _GIVEN_INITIALS.match(word) and not _is_initials(word)
            for word in words
        )
    )


def _one_name(
    text: str, families: AbstractSet[str], family_only: bool = False, capitals_first: bool = False
) -> tuple[Person, bool] | None:
    """A single name in either order: ``Family, Given`` or ``Given Family``, or a body;
    with whether its family name is stated as such (not guessed from the order).

    A family name that is also a place or an organisation word is a person's when the
    name is written as one: ``England, Mary``, ``Wales, J.``, ``England`` alone, ``Aoife
    England``. Where the list holds family names only (``family_only``), a name of
    several capitalised words is one family name.
    """
    text = text.strip(" ,;:")
    if not any(char.isalpha() for char in text) or text.lower() in _CONNECTORS:
        return None
    if "," in text:
        family, given = text.split(",", 1)
        if _is_body(family.strip()):
            return _organisation(text), False
        person = _person_from_family_given(family, given)
        return (person, True) if person else None
    if _is_body(text):
        return _organisation(text), False
    if family_only and _is_family_of_words(text):
        return Person(_collapse(text)), True
    person = _person_from_given_family(text, families, capitals_first)
    return (person, person.given is None) if person else None


def _comma_tokens(text: str) -> list[str]:
    return [token.strip() for token in _AND.sub(",", text).split(",") if token.strip()]


def _pairs_fit(tokens: list[str]) -> bool:
    """Do the tokens read as (family, given) pairs? Families are never bare initials."""
    if len(tokens) % 2:
        return False
    families, givens = tokens[0::2], tokens[1::2]
    return all(_could_be_family(family) for family in families) and all(
        len(given.split()) <= 4 for given in givens
    )


def _could_be_family(token: str) -> bool:
    """Not initials, not a body, and not a whole name: Vancouver's ``Smith JA``, a given
    name's initials first (``J. Smith``, ``Jane A. Smith``) or a family name in capitals
    (``SMITH Jane``)."""
    words = token.split()
    whole = (
        _is_initials(words[-1])
        or any(map(_is_given_initial, words[:-1]))
        or bool(_capitals_family_end(words, False))
    )
    return not (whole or _is_body(token) or len(words) > 4)


def _is_given_initial(word: str) -> bool:
    """An initial before another word of a name (``J. Smith``, ``Jane A. Smith``): given
    names, which no family name holds (``III`` is a suffix)."""
    return _is_initials(word) and word not in NAME_SUFFIXES


def _is_pair_list(text: str) -> bool:
    """``Hegedus, Anna, … and Schulz, Michael``: "Family, Given" pairs joined by commas.

    In such a list the last name after "and" still holds its comma, while a list of
    whole names (``Smith, Jones and Brown``) has none after the "and".
    """
    parts = _AND.split(text)
    if len(parts) > 1 and "," not in parts[-1]:
        return False
    tokens = _comma_tokens(text)
    return _pairs_fit(tokens)


def _are_whole_names(text: str, tokens: list[str], truncated: bool) -> bool:
    """``Jane Smith, Raj Patel et al.``, ``Jane Smith, Raj Patel, Kim Jones, Ann Lee``:
    names of two words or more listed with commas alone, each a person's whole name.
    Read as "Family, Given" pairs, every family name and every given name of the list
    would have several words (``García López, María José``), where whole names need only
    a given and a family name each. One such pair alone is the series' own way to write
    one author of that name, and an "and" before a last part with a comma (``…, and
    García López, María José``) says pairs; a part that opens with a particle (``de Souza
    Pereira``) is a family name."""
    return (
        (truncated or len(tokens) > 2)
        and _AND.search(text) is None
        and all(
            _is_whole_personal_name(token) and token.split()[0].lower() not in NAME_PARTICLES
            for token in tokens
        )
    )


def _is_one_pair(text: str) -> bool:
    """``Smith, J.``: one "Family, Given" name, not a list (``Smith J, Jones K``, where
    the first part ends with initials)."""
    family, _, given = text.partition(",")
    words = family.split()
    return "," not in given and bool(words) and not _is_initials(words[-1])


def _split_and(text: str) -> list[str]:
    return [part for part in _AND.split(text) if part.strip()]


_Named = tuple[Person, bool]
"""A person read, and whether the family name was stated as such."""


def _names(
    parts: list[str], families: AbstractSet[str], truncated: bool, capitals_first: bool
) -> list[_Named | None]:
    """Each part one name. The series writes family names only before "et al." and in
    lists such as ``Skipper and Page``: beside a lone family name, or alone before "et
    al.", a name of several capitalised words is one family name."""
    family_only = (truncated and len(parts) == 1) or any(
        _single_family(part.strip(" ,;:")) and not _is_body(part) for part in parts
    )
    return [_one_name(part, families, family_only, capitals_first) for part in parts]


def _people_of(
    text: str, families: AbstractSet[str], truncated: bool, capitals_first: bool
) -> list[_Named | None]:
    if (
        _is_one_body_of_listed_words(text)
        or _is_body_in_apposition(text)
        or _is_body_and_its_unit(text)
        or _is_body_and_its_region(text)
        or _is_body_and_its_country(text)
    ):
        return [(_organisation(text), False)]
    if ";" in text:
        # Each chunk is a name, or a list of its own ("Smith J, Jones K; RETAIN Group").
        return [
            name
            for chunk in text.split(";")
            if chunk.strip()
            for name in (
                _people_of(chunk.strip(), families, False, capitals_first)
                if "," in chunk and not _is_one_pair(chunk)
                else _names(_split_and(chunk), families, False, capitals_first)
            )
        ]
    if "," in text:
        tokens = _comma_tokens(text)
        if _is_pair_list(text) and not _are_whole_names(text, tokens, truncated):
            pairs = zip(tokens[0::2], tokens[1::2], strict=True)
            return [(person, True) for f, g in pairs if (person := _person_from_family_given(f, g))]
        return _names(_list_tokens(text), families, truncated, capitals_first)
    parts = _split_and(text)
    if _is_one_body_with_and(parts):
        return [(_organisation(text), False)]
    return _names(parts, families, truncated, capitals_first)


def _is_one_body_with_and(parts: list[str]) -> bool:
    """``Department of Health and Social Care``: the "and" is inside one body's name
    (its parts are a body's start and words that name no body and no person)."""
    return (
        len(parts) > 1
        and _is_body(parts[0])
        and not all(map(_is_organisation_name, parts))
        and not any(map(_is_whole_personal_name, parts[1:]))
    )


def _list_tokens(text: str) -> list[str]:
    """The names of a list written with commas: split at its commas and each "and",
    except the "and" inside a body's name (``National Institute for Health and Care
    Research, Evidence Synthesis Group``)."""
    return [
        token
        for chunk in text.split(",")
        for token in (
            [chunk.strip()] if _is_one_body_with_and(_split_and(chunk)) else _comma_tokens(chunk)
        )
        if token
    ]


def _is_whole_personal_name(text: str) -> bool:
    """``Karen Hughes``, ``Anna Ó Briain``: given names and a family name, every word one
    a person's name may be (``Social Care``, ``Care Research`` are the ends of bodies'
    names: a body joined to a person by "and" is an author beside that person)."""
    words = text.split()
    return (
        len(words) > 1
        and not _is_body(text)
        and all(_could_be_given(word) or word.lower() in NAME_PARTICLES for word in words)
    )


def _is_body_in_apposition(text: str) -> bool:
    """``Skills for Health, the Sector Skills Council for Health``: a body's name, then
    after a comma and a lower-case "the" what that body is. Two authors are joined by
    "and" (the series' lists end so), never by a comma alone."""
    name, apposition, what = text.partition(", the ")
    return (
        bool(apposition)
        and "," not in name
        and "," not in what
        and ";" not in text
        and _AND.search(text) is None
        and _is_body(name)
        and _is_organisation_name(what)
    )


def _is_body_and_its_unit(text: str) -> bool:
    """``Department of Health and Social Care, Workforce and Regulation Directorate``,
    ``NHS England, Workforce, Training and Education Directorate``: a body's name, then
    after a comma the part of it that wrote the work, whose name ends in a unit word and
    lists single words before it (the fields it covers); a unit within that unit may
    follow (``…Education Directorate, Nursing and Midwifery Team``). Another author after
    the body would be a body or a person in its own right, not single words before a unit
    word."""
    body, comma, unit = text.partition(",")
    if not comma or ";" in text or not _is_body(body.strip()):
        return False
    *fields, last = _name_parts(unit) or [""]
    return (
        _ends_in_unit_word(last)
        and all(
            (len(word.split()) == 1 and word[:1].isupper()) or _ends_in_unit_word(word)
            for word in fields
        )
        and not any(map(_is_initials, fields))
    )


def _is_body_and_its_region(text: str) -> bool:
    """``NHS England, North East and Yorkshire``, ``Health Education England, South
    West``: a body's name, then after a comma its regional team, named by a region's words
    (``North East``, ``Midlands``) and maybe other places after it. A person's name after a
    body starts with no region's word."""
    body, comma, region = text.partition(",")
    if not comma or ";" in text or not _is_body(body.strip()):
        return False
    first = (_name_parts(region) or [""])[0].lower().split()
    return bool(first) and all(word in REGION_WORDS for word in first)


def _is_body_and_its_country(text: str) -> bool:
    """``Department of Health and Social Care, UK``, ``Department of Health, Ireland``: a
    body's name, then after a comma the country it is of (as a publisher's name may end
    with one). A second author would not be a country's name alone."""
    body, comma, country = text.partition(",")
    country = country.strip().lower()
    return (
        bool(comma)
        and ";" not in text
        and (country in PUBLICATION_COUNTRIES or country in UK_NATIONS)
        and _is_body(body.strip())
    )


def _ends_in_unit_word(name: str) -> bool:
    words = name.split()
    return bool(words) and words[-1].lower() in UNIT_WORDS


def _is_one_body_of_listed_words(text: str) -> bool:
    """``Nursing and Midwifery Council``, ``Tees, Esk and Wear Valleys NHS Foundation
    Trust``: single words listed with commas and "and" before a body's name are its
    first words (bodies name their fields and places so). A person is not written as one
    word before a body; family names alone are listed without one (``Skipper and Page``)."""
    if ";" in text or _AND.search(text) is None:
        return False
    *words, last = _comma_tokens(text)
    return (
        bool(words)
        and _is_body(last)
        and all(
            len(word.split()) == 1 and word[:1].isupper() and not _is_initials(word)
            for word in words
        )
    )


def _read_people(text: str, families: AbstractSet[str]) -> tuple[list[_Named], bool]:
    text = _NAME_MARKS.sub("", _EDITOR_MARK.sub("", strip_markup(text)))
    text = _group_apart(_ON_BEHALF.sub("; ", text).strip(" ;"))
    text = _POST_NOMINAL.sub("", _HONORIFIC.sub("", text))
    text = _SUFFIX_AFTER_COMMA.sub(r" \1", text).strip(" ,;:")
    match = _ET_AL.search(text)
    truncated = match is not None
    if match:
        text = text[: match.start()].strip(" ,;:")
    elif _ET_AL_IN_LIST.search(text):
        text, truncated = _ET_AL_IN_LIST.sub("", text), True
    text = _without_open_end(text)
    if not text or not any(char.isalpha() for char in text):
        return [], False
    # Capitals that mark one family name mark the list's: "SMITH Jane, LI Wei".
    capitals_first = any(_capitals_family_end(name.split(), False) for name in _name_parts(text))
    named = [
        name for name in _people_of(text, families, truncated, capitals_first) if name is not None
    ]
    if not all(person.organisation or _is_written_name(person) for person, _stated in named):
        return [], False  # no name, or not one read with confidence: reported, not guessed
    return named, truncated and bool(named)


def _is_written_name(person: Person) -> bool:
    """Every word of a person's name one a name is written with (``Smith``, ``J.``,
    ``O'Neill``, ``van``, ``Jr.``); not ``see full text``, ``[No authors listed]``,
    ``N/A``, or the numbers of a journal that a name was read from."""
    words = f"{person.family} {person.given or ''}".split()
    return all(_is_name_word(word) or _is_name_word(word.removesuffix(".")) for word in words)


def _without_open_end(text: str) -> str:
    """``Hegedus, Anna, Burr, Christian and``: a list a copy broke after its "and" (the
    names after it, on a line of their own, are reported there); the "and" joins no name
    and is no given name's word."""
    head, _, last = text.rpartition(" ")
    return head.rstrip(" ,;") if head and last.lower() in ("and", "&") else text


def _name_parts(text: str) -> list[str]:
    """The parts of a list between its commas, semicolons and "and"s."""
    return _comma_tokens(text.replace(";", ","))


def _group_apart(text: str) -> str:
    """``Smith, Jane and the PEER Study Group`` → ``Smith, Jane; PEER Study Group``: a body
    joined by "and the" is an author of its own (as one "on behalf of" whom is), not the
    end of one body's name whose first words the names before it would be (``Tees, Esk
    and Wear Valleys …``)."""
    match = _AND_THE.search(text)
    if match is None or not _is_body(re.split("[,;]", text[match.end() :], maxsplit=1)[0]):
        return text
    return f"{text[: match.start()]}; {text[match.end() :]}"


# "Smith et al. (2020)": the year a citation sets after its names.
_YEAR_AFTER_NAMES = re.compile(r"\(((?:19|20)\d{2})[a-z]?\)$")


def split_names_year(text: str) -> tuple[str, Date | None]:
    """``Smith et al. (2020)`` → (``Smith et al.``, 2020): an author field that ends on
    the year, as a citation writes it; (``text``, None) for names alone."""
    match = _YEAR_AFTER_NAMES.search(text.rstrip())
    if match is None:
        return text, None
    return text[: match.start()].rstrip(), parse_date(match[1])


def parse_people(
    text: str, families: AbstractSet[str] = frozenset()
) -> tuple[tuple[Person, ...], bool]:
    """An author field → (people, truncated). ``truncated`` means the list ended "et al.".

    Reads ``Otte et al.``, ``Skipper and Page`` (family names only, also of several
    words: ``Chen and Bankovska Motlova``), ``Michael A. Mancini`` (given family;
    particles such as "van der" stay with the family), ``Hegedus, Anna, Burr, Christian
    and Schulz, Michael`` (family, given pairs), ``Smith, J.; Jones, K.`` and corporate
    authors (``NHS England``), which become one Person with ``organisation`` set. Junk
    gives ``((), False)``. ``families``: family names of several words the brief writes
    elsewhere (:func:`stated_family_names`), which split a given-family name there.
    """
    named, truncated = _read_people(text, families)
    return tuple(person for person, _stated in named), truncated


def states_no_author(text: str) -> bool:
    """Whether an author's value says the work has none known (``Anonymous``, ``Anon.``,
    ``[No authors listed]``; :data:`NO_AUTHOR`)."""
    return strip_markup(text).strip(" []()").lower() in NO_AUTHOR


def _has_capitalised_pair(text: str) -> bool:
    """Two capitalised words in a row, the first not ending a name (``Bankovska
    Motlova``): where a family name of several words can be."""
    return any(
        first[:1].isupper() and second[:1].isupper() and first[-1].isalpha() and len(first) > 1
        for first, second in itertools.pairwise(text.split())
    )


def stated_family_names(text: str) -> frozenset[str]:
    """The family names of several capitalised words an author field states as such
    (``Bankovska Motlova, Lucie``, ``Bankovska Motlova et al.``), not guessed from the
    order. (Particles mark the others wherever they stand: ``van der Berg``.)"""
    if not _has_capitalised_pair(text):
        return frozenset()  # (a cheap refusal: most author fields have no such name)
    named, _truncated = _read_people(text, frozenset())
    return frozenset(
        person.family
        for person, stated in named
        if stated and not person.organisation and len(person.family.split()) > 1
    )


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_MONTHS = {
    spelling: number
    for number, name in enumerate((month.lower() for month in MONTH_NAMES), start=1)
    for spelling in (name, name[:3])
} | {"sept": 9}
_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_YEAR_MONTH_OR_RANGE = re.compile(r"^(\d{4})[-/](\d{2})$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")  # 15/01/2021, as the UK writes
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})[/.](\d{4})$")  # 01/2021
_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?|[a-z]+")
_DATE_SEPARATORS = re.compile(r"[\s,.]")
_RANGE_WORD = re.compile(_DASH + r"+|\bto\b")
_RANGE_SPLIT = re.compile(r"(?<!\s)\s*[-/]\s*")


@frozen
class _DateParts:
    """One side of a written date, any part possibly missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | None = None

    @property
    def empty(self) -> bool:
        return self == _NO_DATE_PARTS


_NO_DATE_PARTS = _DateParts()


_DATE_WORDS = frozenset(_MONTHS) | frozenset(SEASON_WORDS)


def opens_with_date_word(text: str) -> bool:
    """Whether ``text`` opens with a month or a season (``Jun. Epub 2021 May 12``, as
    PubMed writes a date: more of a date, not a sentence after one)."""
    words = text.split(maxsplit=1)
    return bool(words) and words[0].lower().strip(".,") in _DATE_WORDS


def _date_parts(text: str) -> _DateParts | None:
    """``15 November 2023`` / ``November 15, 2023`` / ``Sept.`` / ``Spring 2018`` / ``17``."""
    parts: dict[str, int] = {}
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != _DATE_SEPARATORS.sub("", text):
        return None  # something other than words, numbers, commas and dots
    for token in tokens:
        reading = _date_token(token)
        if reading is None or reading[0] in parts:
            return None
        parts[reading[0]] = reading[1]
    return _DateParts(**parts)


def _date_token(token: str) -> tuple[str, int] | None:
    """One word or number of a date → (which part, value); None if it is neither."""
    if token in _MONTHS:
        return "month", _MONTHS[token]
    if token in SEASON_WORDS:
        return "season", SEASON_WORDS[token]
    digits = token.rstrip("stndrh")  # "15th", "1st", "2nd", "3rd"
    if not digits.isdigit():
        return None
    if len(digits) == 4:
        return "year", int(digits)
    if len(digits) <= 2 and 1 <= int(digits) <= 31:
        return "day", int(digits)
    return None


def _to_date(parts: _DateParts) -> Date | None:
    """Build a Date; an impossible day is dropped (``31 February 2020`` → February 2020)."""
    year, month, day, season = parts.year, parts.month, parts.day, parts.season
    if year is None or not 1000 <= year <= 9999:
        return None
    if month is not None and season is not None:
        return None
    if day is not None and month is None:
        return None  # a number that is no year, beside no month: not a date read whole
    if (
        day is not None
        and month is not None
        and not 1 <= day <= calendar.monthrange(year, month)[1]
    ):
        day = None
    return Date(year, month, day, season)


def _range(start: _DateParts, end: _DateParts) -> Date | None:
    # "April-June 2012": the start borrows the year; "15-17 November 2023": the month too.
    if end.day is not None and end.month is None and end.season is None:
        end = attrs.evolve(end, month=start.month)
    if start.year is None:
        start = attrs.evolve(start, year=end.year)
        if start.day is not None and start.month is None and start.season is None:
            start = attrs.evolve(start, month=end.month)
    if end.year is None:
        if end == _DateParts(day=end.day) and start.year is not None and start.day is None:
            # "Winter 2022/23": the end is the next year, written short.
            if end.day != (start.year + 1) % 100:
                return None
            end = _DateParts(year=start.year + 1)
        else:
            end = attrs.evolve(end, year=start.year)
    first, last = _to_date(start), _to_date(end)
    if first is None or last is None:
        return None
    return first if first == last else attrs.evolve(first, end=last)


def _iso_date(text: str) -> Date | None:
    if match := _ISO_DAY.match(text):
        year, month, day = (int(group) for group in match.groups())
        if 1 <= month <= 12:
            return _to_date(_DateParts(year, month, day))
        return None
    if match := _YEAR_MONTH_OR_RANGE.match(text):
        year, tail = int(match.group(1)), int(match.group(2))
        if tail == (year + 1) % 100:  # "2019-20", "2019/20": a financial or academic year
            return _range(_DateParts(year), _DateParts(year + 1))
        if 1 <= tail <= 12:
            return _to_date(_DateParts(year, tail))
    if match := _NUMERIC_DAY.match(text):
        day, month, year = (int(group) for group in match.groups())
        if month > 12 >= day:  # 01/15/2021: the US order, unmistakably
            day, month = month, day
        return _to_date(_DateParts(year, month, day)) if 1 <= month <= 12 else None
    if match := _NUMERIC_MONTH.match(text):
        month, year = int(match.group(1)), int(match.group(2))
        return _to_date(_DateParts(year, month)) if 1 <= month <= 12 else None
    return None


def _clean_date_text(text: str) -> str:
    text = strip_markup(text).lower()
    text = _RANGE_WORD.sub("-", text)
    return text.strip(" .,;:()[]-")


def states_no_date(text: str) -> bool:
    """Whether a date's value says the work has none (``n.d.``, ``[no date]``, ``Undated``)."""
    return strip_markup(text).strip(" []()").lower() in NO_DATE


def parse_date(text: str) -> Date | None:
    """A written date → Date, or None when it is not one.

    Reads ``2020``, ``June 2013``, ``Sept 2013``, ``Spring 2018``, ``April-June 2012``
    (any dash), ``December 2019-January 2020``, ``2019-2020``, ``15 November 2023``,
    ``November 15, 2023``, ``2023-11-15``, ``15/11/2023`` (the UK's order; ``11/15/2023``
    only where the US order is certain), ``11/2023`` and ``Winter 2022/23``. A day the
    month does not have (``31 February 2020``) is dropped, keeping year and month.
    """
    text = _clean_date_text(text)
    if not text:
        return None
    if iso := _iso_date(text):
        return iso
    pieces = [piece.strip() for piece in _RANGE_SPLIT.split(text)]
    if len(pieces) > 2:
        return None
    sides = [side for side in map(_date_parts, pieces) if side is not None and not side.empty]
    if len(sides) != len(pieces):
        return None
    return _to_date(sides[0]) if len(sides) == 1 else _range(sides[0], sides[1])


def _opening_words(words: Sequence[str]) -> re.Pattern[str]:
    """Any of ``words`` (lower case, longest first) at the start of a text, whole, and
    the colon after it if any."""
    return re.compile(
        r"(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])\s?[:：]?", re.IGNORECASE
    )


_DATE_VALUE_WORDS = _opening_words(DATE_VALUE_WORDS)
# "(online)", "[Epub ahead of print]" ending a date's value.
_ONLINE_MARK = re.compile(
    r"\s[(\[](?:" + "|".join(map(re.escape, ONLINE_MARKS)) + r")[)\]]\Z", re.IGNORECASE
)


def parse_date_value(text: str) -> Date | None:
    """A publication date's value → Date, as :func:`parse_date` reads it, after a word
    that some pages print before their date (``Published: 12 June 2024``, ``Last
    updated 3 March 2025``, ``Epub 2021 May 12``; see :data:`DATE_VALUE_WORDS`) and
    before a mark after it that says it is the online publication's (``2021 (online)``;
    :data:`ONLINE_MARKS`)."""
    plain = strip_markup(text).strip()
    words = _DATE_VALUE_WORDS.match(plain)
    plain = plain[words.end() :] if words else plain
    return parse_date(_ONLINE_MARK.sub("", plain))


def date_value_status(text: str) -> str | None:
    """The publication status a date's value ends on, as written (``Epub ahead of print``
    of ``2021 May 12 [Epub ahead of print]``): where the work is on its way to print, which
    the date is read past. A mark that only says the date is the online one (``(online)``)
    is no status."""
    mark = _ONLINE_MARK.search(strip_markup(text).strip())
    return None if mark is None else _take_status(mark[0])[1]


_CIRCA_WORDS = _opening_words(CIRCA_WORDS)


def parse_circa(text: str) -> Date | None:
    """A publication date's value that says it is approximate (``c. 2015``, ``circa
    2015``; :data:`CIRCA_WORDS`) → the date it approximates; None for any other text.
    One date: a range is not approximated so."""
    plain = strip_markup(text).strip()
    words = _CIRCA_WORDS.match(plain)
    date = parse_date(plain[words.end() :]) if words else None
    return date if date is not None and date.end is None else None


_ACCESSED_WORDS = _opening_words(ACCESSED_LABELS)
_CITED_WORDS = _opening_words(CITED_LABELS)
_UPDATED_WORDS = _opening_words(UPDATED_WORDS)
# How far into a text the words reach: the longest, after a bracket, markup and indent.
_ACCESSED_REACH = max(map(len, (*ACCESSED_LABELS, *CITED_LABELS, *UPDATED_WORDS))) + 8
# A word every one of them holds, in lower case.
_ACCESSED_STEMS = ("access", *CITED_LABELS, *(words.split()[-1] for words in UPDATED_WORDS))
_BRACKETS = {"(": ")", "[": "]"}
# The most dates one pair of brackets gives: the access date and an update date or two.
_ACCESS_PARTS = 3


@frozen
class AccessDate:
    """An access date written without a label, and the update date written with it."""

    date: Date
    updated: str | None = None
    """NLM's date of update in the same brackets (``updated 2024 Dec 1`` of ``[updated
    2024 Dec 1; cited 2025 Jan 2]``), as written: no field holds it, so it is reported."""


def parse_accessed_date(text: str) -> Date | None:
    """The value of an ``Accessed:`` label → Date. One day (or month) is when a page was
    read: a range is no such date, and is not read."""
    date = parse_date(text)
    return date if date is not None and date.end is None else None


def parse_accessed(text: str) -> AccessDate | None:
    """``Accessed 2 January 2025``, ``[Accessed 2 January 2025]``, ``(accessed: 2 Jan
    2025)``, ``Last accessed on 2 January 2025.``, NLM's ``[cited 2025 Jan 2]``: an access
    date written whole, with one of :data:`ACCESSED_LABELS` (or, in brackets only, of
    :data:`CITED_LABELS`) and without a label's colon needed → AccessDate; None for any
    other text. In brackets an update date may stand before or after it, set apart by a
    semicolon, as NLM writes it (``[updated 2024 Dec 1; cited 2025 Jan 2]``)."""
    opening = text[:_ACCESSED_REACH].lower()
    if not any(stem in opening for stem in _ACCESSED_STEMS):
        return None  # cheap refusal: the words open the text (every abstract line comes here)
    inner = strip_markup(text).strip().removesuffix(".").rstrip()
    closing = _BRACKETS.get(inner[:1])
    if closing is None:
        date = _access_part(inner, False)
        return AccessDate(date) if date is not None else None
    if not inner.endswith(closing):
        return None
    parts = inner[1:-1].split(";", _ACCESS_PARTS)
    if len(parts) > _ACCESS_PARTS:
        return None  # (no NLM bracket: a hostile run of parts is not read date by date)
    dates: list[Date] = []
    updated: list[str] = []
    for part in map(str.strip, parts):
        if (date := _access_part(part, True)) is not None:
            dates.append(date)
        elif (words := _UPDATED_WORDS.match(part)) and parse_date(part[words.end() :]):
            updated.append(part)
        else:
            return None  # (any other part: the brackets say more than dates)
    if len(dates) != 1:
        return None
    return AccessDate(dates[0], "; ".join(updated) or None)


def _access_part(text: str, bracketed: bool) -> Date | None:
    """``Accessed 2 January 2025`` (``cited 2025 Jan 2`` only in brackets) → Date."""
    words = _ACCESSED_WORDS.match(text) or (bracketed and _CITED_WORDS.match(text))
    return parse_accessed_date(text[words.end() :]) if words else None


def take_accessed(text: str) -> tuple[str, AccessDate | None]:
    """Text that ends in an access date in brackets (``Abstract only* [Accessed 2
    January 2025]``, a title's link then ``(accessed 2 Jan 2025)``), or written without
    them after a web address or alone (``… https://… Accessed 3 May 2023``: a title, its
    address and the date on lines a copy ran together; or the text after a title's link)
    → (the text before it, the date); (``text``, None) when it ends otherwise."""
    split = _trailing_bracket(text)
    date = parse_accessed(split[1]) if split is not None else None
    if split is not None and date is not None:
        return split[0], date
    return _take_unbracketed_accessed(text, text.rstrip(" ."))


def _trailing_bracket(text: str) -> tuple[str, str] | None:
    """Text that ends in a part in brackets, spaces and full stops after it aside (``… [Accessed
    2 January 2025]``, ``… (PDF, 2 MB)``) → (the text before it, the part with its brackets);
    None when it ends otherwise."""
    end = text.rstrip(" .")
    opening = _BRACKET_OPENING.get(end[-1:])
    start = end.rfind(opening) if opening else -1
    return (end[:start].rstrip(), end[start:]) if start >= 0 else None


_BRACKET_OPENING = {")": "(", "]": "["}


# The most words an access date written out takes ("Date last accessed 2 January 2025").
_ACCESSED_MOST_WORDS = max(len(label.split()) for label in ACCESSED_LABELS) + 3


def _take_unbracketed_accessed(text: str, end: str) -> tuple[str, AccessDate | None]:
    """:func:`take_accessed` of an access date without brackets: only where a web
    address, or nothing, stands before it (after prose it may be the prose's own)."""
    if not any(stem in end[-_ACCESSED_REACH - 20 :].lower() for stem in _ACCESSED_STEMS):
        return text, None  # cheap refusal (every title line comes here)
    starts: list[int] = []  # where each of the last words starts, the last first
    at = len(end)
    while len(starts) < _ACCESSED_MOST_WORDS and at > 0:
        at = end.rfind(" ", 0, at)
        starts.append(at + 1)
    for start in reversed(starts):  # the longest date first
        date = parse_accessed(end[start:])
        if date is not None:
            before = end[:start].rstrip()
            last = before.rpartition(" ")[2].strip("()")
            return (before, date) if not before or is_bare_link(last) else (text, None)
    return text, None


# A publisher's value that opens with the kind of thesis, then the university: the word
# "thesis" after a few words (the degree), or with the degree in brackets after it.
_THESIS = re.compile(
    r"\b(?:" + "|".join(THESIS_WORDS) + r")(?:\s?[(\[][^()\[\]]{1,40}[)\]])?(?=\s?[,.:;–-])",
    re.IGNORECASE,
)
_THESIS_REACH = 60  # how far into the value the word may stand (after three words)
_THESIS_BRACKETS = {"(": ")", "[": "]"}


def take_thesis_type(text: str) -> tuple[str, str | None]:
    """A publisher's value that opens with the kind of thesis (``Thesis (PhD), University
    of Leeds``, ``PhD thesis. University of Manchester``, APA's ``(Doctoral dissertation,
    University of Leeds)``), or ends with it (``University of Leeds, PhD thesis``) → (the
    university, as written; the kind, as written); (``text``, None) for any other value."""
    inner = text.strip()
    if _THESIS_BRACKETS.get(inner[:1]) == inner[-1:]:
        inner = inner[1:-1].strip()
    elif (split := _trailing_bracket(inner)) is not None:
        before, bracketed = split  # "University of Nottingham (Doctoral thesis)"
        if before and _names_thesis(bracketed[1:-1]):
            return before.rstrip(" ,"), bracketed[1:-1].strip()
    before, comma, last = inner.rstrip(" .").rpartition(",")
    if comma and before.strip() and _names_thesis(last):  # "University of Leeds, PhD thesis"
        return before.strip(), last.strip()
    match = _THESIS.search(inner, 0, _THESIS_REACH)
    if match is None:
        return text, None
    rest = inner[match.end() :].lstrip(" ,.:;–-")
    if not rest or not _degree(inner[: match.start()]):
        return text, None
    return rest, inner[: match.end()].strip()


def _degree(text: str) -> bool:
    """Whether ``text`` is what may stand before "thesis": up to three words that name
    the degree (:data:`DEGREE_WORDS`), or none."""
    words = text.split()
    return len(words) <= 3 and all(word.lower() in DEGREE_WORDS for word in words)


def _names_thesis(text: str) -> bool:
    """Whether ``text`` (in brackets after a university) is the kind of thesis alone
    (``Doctoral thesis``, ``PhD dissertation``)."""
    before, _, last = text.strip().rpartition(" ")
    return last.lower() in THESIS_WORDS and _degree(before)


# "PDF" and its size, as a web page writes a file's: ``(PDF, 2 MB)``, ``[PDF 345KB]``.
_FILE_SIZE = re.compile(r"pdf,?\s*\d{1,6}(?:[.,]\d{1,3})?\s?[kmg]i?b", re.IGNORECASE)


def take_medium(text: str) -> tuple[str, str | None]:
    """Text that ends in a medium designator in brackets (``Title [Internet]``, ``[Online]``,
    ``(PDF, 2 MB)``; :data:`MEDIUM_DESIGNATORS`) → (the text before it, the designator as
    written); (``text``, None) when it ends otherwise."""
    split = _trailing_bracket(text)
    if split is None:
        return text, None
    inner = split[1][1:-1].strip()
    if inner.lower() not in MEDIUM_DESIGNATORS and not _FILE_SIZE.fullmatch(inner):
        return text, None
    return split


def take_kind_of_work(text: str) -> tuple[str, str | None]:
    """A source that ends with what the work is in brackets, as an ``Item Type:`` names it
    (``RCN Congress 2024, Liverpool (conference abstract)``; :data:`ITEM_TYPES`) → (the
    text before it, the kind as written); (``text``, None) when it ends otherwise."""
    split = _trailing_bracket(text)
    if split is None or not split[0]:
        return text, None
    inner = split[1][1:-1].strip()
    if inner.lower() not in ITEM_TYPES or _PREPRINT_MARK.fullmatch(split[1]):
        return text, None  # (a preprint's server is read as its journal, the mark dropped)
    return split[0].rstrip(" ,"), inner


# ---------------------------------------------------------------------------
# Journal sources
# ---------------------------------------------------------------------------


@frozen
class Source:
    """Where a journal article appeared, as far as the brief says."""

    container_title: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: Pages | None = None
    date: Date | None = None
    """A date written inside the source (Vancouver order: ``Name. 2020;12(3):45-67``)."""
    status: str | None = None
    """``In press``, ``Epub ahead of print``: written in the source instead of numbers."""
    doi: str | None = None
    """A DOI written at the end of the source (``… 45-67. doi:10.1000/xyz``)."""
    doi_link: str | None = None
    """That DOI's web address, where it was written with a place in the work after it
    (``doi:10.1000/xyz#sec1``): see :func:`doi_locator_link`."""


# The patterns below read a source from its right end. Their text has had its
# whitespace collapsed (strip_markup), so a single optional space stands for any spacing;
# each pattern starts only right after a separator or a digit, never inside a run of
# separators, so that no run is read again from each of its characters.
_PAGE = r"[A-Za-z]{0,2}\d+[A-Za-z]?"
_PAGE_RANGE = rf"(?P<first>{_PAGE})(?: ?{_DASH}+ ?(?P<last>{_PAGE}))?"
# A capital "P" without its dot may end a journal's name; "pp", "PP" and "P." may not.
_PAGE_MARKER = r"(?:[pP][pP]\.?|p\.?|P\.|(?i:article|art\.)(?: ?(?i:no\.?|number))?:?)"
# After a page marker, a locator of letters and digits is the page as well (BJGP's
# "pp. bjgp24X737901"): nothing else follows "pp.".
_LOCATOR = r"[A-Za-z]{1,8}\d[A-Za-z\d]{1,20}"
_PAGES_MARKED = re.compile(
    rf"(?<![^\s,;:.])\(?{_PAGE_MARKER} ?(?:{_PAGE_RANGE}|(?P<locator>{_LOCATOR}))\)?$"
)
_PAGES_AFTER_COLON = re.compile(rf"(?<=[\d)]) ?: ?{_PAGE_RANGE}$")
# "Name 12(3), 45-67": only a range, since "Name 12, 45" may as well be volume and issue.
_RANGE_AFTER_COMMA = re.compile(rf"(?<=[\d)]), ?(?P<first>{_PAGE}) ?{_DASH}+ ?(?P<last>{_PAGE})$")
# "The Lancet Psychiatry 7(6) 503-512": numbers right after the issue are the pages.
_RANGE_AFTER_ISSUE = re.compile(rf"(?<=\)) {_PAGE_RANGE}$")
# "BMJ Open 9 e025166", "Primary Care Research 22 e45", "9 (1) e12": an electronic
# article number after the volume or issue; Oxford Academic's run to four letters
# ("Age and Ageing 53(2) afae012", "Occupational Medicine 73 kqad041").
_ARTICLE_NUMBER = re.compile(r"(?<=[\d)])[ ,]{1,3}(?P<first>e\d{1,9}|[A-Za-z]{1,4}\d{3,12})$")
# "Int J Nurs Stud 140, 104453", "Name 12(3), 45", "Nurse Educ Today 119 105577": one
# number after the volume (and issue) is the first page or the article number, as APA,
# Harvard and Nature print it; an issue is written in brackets. The match starts at
# the volume, which must stand alone ("COVID-19 12" has none), and is cut at ``cut``.
_PAGE_AFTER_VOLUME = re.compile(
    rf"(?<![^\s,;])\d{{1,9}}[A-Za-z]?(?: ?\([^()]{{1,40}}\))?(?P<cut>, ?| )(?P<first>{_PAGE})$"
)
# "Name 34:6, 789-796" (Taylor & Francis), "Name; 116: 8, 20-23" (Nursing Times), "Name.
# 35, 4, 45-50": volume and issue, once the pages after them are taken; with nothing
# after them ("Name 13: 188", "Name 12, 45") the number after the volume is the page.
_VOLUME_ISSUE = re.compile(
    r"(?<![^\s,;])(?:vol(?:ume)?\.? ?)?(?P<volume>\d{1,9}[A-Za-z]?)"
    r"(?:[:,] ?(?P<colon_issue>\d{1,4})"
    r"|,? ?(?:\((?P<issue>[^()]{1,40})\)(?: (?P<issue_supplement>suppl(?:ement)?\.? ?\w{1,10}))?"
    r"|(?:no|issue|iss|n)\.? ?(?P<number>[\w-]{1,20})"
    r"|(?P<suppl>suppl(?:ement)?\.?(?: ?\w{1,10})?)))?$",
    re.IGNORECASE,
)
# Vancouver order: "Name. 2020;12(3):45-67", "Name 2020 Mar 3;12:45": a date, then ";".
_VANCOUVER_DATE = re.compile(r"(?<![^\s.,])(\d{4})(?: ([A-Za-z]{3,9})\.?(?: (\d{1,2}))?)?$")
_VANCOUVER_NUMBERS = re.compile(
    r"^ ?(?P<volume>\d{1,9}[A-Za-z]?)? ?(?:\((?P<issue>[^()]{1,40})\))? ?(?:: ?(?P<pages>.+))?$"
)
_PAGE_RANGE_ALONE = re.compile(_PAGE_RANGE)
_STATUS = re.compile(
    r"[\[(]?\b(?:"
    + "|".join(" ?".join(map(re.escape, status.split())) for status in PUBLICATION_STATUSES)
    + r")\b\.?[\])]?",
    re.IGNORECASE,
)
_STATUS_AT_END = re.compile(_STATUS.pattern + r"[\s.]*$", re.IGNORECASE)
_SOURCE_DOI = re.compile(
    r"\b(?:doi|(?:https?://)?(?:dx\.)?doi\.org/) ?:? ?(10\.\d{4,9}/\S+)$", re.IGNORECASE
)


def _expand_last_page(first: str, last: str) -> str:
    """``246-8`` → 248, ``1305-22`` → 1322; a last page that cannot be shortened stays."""
    prefix = first.rstrip("0123456789")
    digits = first[len(prefix) :]
    if not digits or not last.isdigit() or len(last) >= len(digits):
        return last
    expanded = digits[: len(digits) - len(last)] + last
    if expanded <= digits:  # equal lengths: comparing the strings compares the numbers
        return last
    return prefix + expanded


def _pages(first: str, last: str | None) -> Pages:
    return Pages(first, _expand_last_page(first, last) if last else None)


_PAGE_PATTERNS = (
    _PAGES_MARKED,
    _PAGES_AFTER_COLON,
    _RANGE_AFTER_COMMA,
    _RANGE_AFTER_ISSUE,
    _ARTICLE_NUMBER,
    _PAGE_AFTER_VOLUME,
)
"""Where a source's pages stand, tried in this order from the end of the source."""


def _take_pages(text: str) -> tuple[str, Pages | None]:
    for pattern in _PAGE_PATTERNS:
        if match := pattern.search(text):
            groups = match.groupdict()
            cut = match.start("cut") if "cut" in groups else match.start()
            return text[:cut], _pages(groups["first"] or groups["locator"], groups.get("last"))
    return text, None


_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")


def is_year_like(text: str) -> bool:
    """Whether ``text`` is a number that reads as a year of the series' works (1900–2099)."""
    return _YEAR_LIKE.fullmatch(text) is not None


# "Cochrane Database Syst Rev (3)": an issue in brackets with no volume before it.
_ISSUE_ALONE = re.compile(r"(?<=[^\W\d_]) \((?P<issue>\d{1,3}(?:[-–/]\d{1,3})?)\)$")


def _take_volume_issue(text: str) -> tuple[str, str | None, str | None]:
    if alone := _ISSUE_ALONE.search(text):
        return text[: alone.start()], None, alone["issue"]
    match = _VOLUME_ISSUE.search(text.rstrip("."))  # ("2022, Issue 3." before "Art. No.")
    if match is None or not text[: match.start()].strip(" ,;:."):
        return text, None, None  # a number alone is no journal
    if _MONTH_BEFORE.search(text, 0, match.start()) and is_year_like(match["volume"] or ""):
        return text, None, None  # "19-23 May 2024 (conference abstract)": a year, no volume
    if _NUMBERED_NOT_VOLUME.search(text, 0, match.start()):
        return text, None, None  # "… podcast, episode 47"
    issue = (
        match.group("issue")
        or match.group("colon_issue")
        or match.group("number")
        or match.group("suppl")
    )
    if issue and match.group("issue_supplement"):
        issue = f"{issue} {match.group('issue_supplement')}"  # "54(6) Supplement 3"
    return text[: match.start()], match.group("volume"), _collapse(issue) if issue else None


def _take_status(text: str) -> tuple[str, str | None]:
    """``Name. Epub ahead of print`` → (``Name.``, ``Epub ahead of print``)."""
    match = _STATUS.search(text)
    if match is None:
        return text, None
    status = match[0].strip("[]().")
    return f"{text[: match.start()]} {text[match.end() :]}".strip(" ,;."), status


def ends_with_status(text: str) -> bool:
    """``Name. Epub ahead of print``: a source that ends on its publication status (as
    a complete one ends on its numbers)."""
    return _STATUS_AT_END.search(text) is not None


def _take_doi(text: str) -> tuple[str, str | None, str | None]:
    """The source without its trailing DOI, the DOI, and its link if it has a locator."""
    match = _SOURCE_DOI.search(text)
    if match is None:
        return text, None, None
    head = text[: match.start()].strip(" ,;.")
    return head, doi_from_url(match[1]), doi_locator_link(match[1])


# "Community Ment Health J 55, 1–10 (2019)": the year after the numbers, as Nature's
# style and Springer's pages cite.
_YEAR_AFTER_NUMBERS = re.compile(r"(?<=\d) \((?P<year>\d{4})\)$")


def _take_year_after_numbers(text: str) -> tuple[str, Date | None]:
    match = _YEAR_AFTER_NUMBERS.search(text)
    if match is None:
        return text, None
    return text[: match.start()], parse_date(match["year"])


# "Int J Nurs Stud, 2020, 112", "Human Resources for Health (2020) 18" (once the pages
# are taken): the year between the name and the volume, set apart by a comma or brackets
# (a year a journal's name ends with, as "Nursing 2020" once did, is not).
_YEAR_BEFORE_VOLUME = re.compile(
    r"(?:, ?| \()(?P<year>(?:19|20)\d{2})\)?(?=,? ?\d{1,9}[A-Za-z]?(?: ?\([^()]{1,40}\))?$)"
)


def _take_year_before_volume(text: str) -> tuple[str, Date | None]:
    match = _YEAR_BEFORE_VOLUME.search(text)
    if match is None:
        return text, None
    return f"{text[: match.start()]} {text[match.end() :].lstrip(' ,')}", parse_date(match["year"])


# "Nursing Times, May 2020", "Health Serv J 12 May 2019", "Name 116(5), Spring 2021" (once
# the pages are taken): a date with its month or season at the end, as a magazine or a
# meeting's source writes it. Its year is no volume ("Nursing Times, May" volume 2020).
_MONTH_OR_SEASON = "|".join(sorted([*_MONTHS, *SEASON_WORDS], key=len, reverse=True))
_DATE_AT_END = re.compile(
    r"(?:^|(?<=[\s,;]))(?P<day>\d{1,2}(?:st|nd|rd|th)?(?: ?[-–] ?\d{1,2}(?:st|nd|rd|th)?)? )?"
    rf"(?P<month>(?:{_MONTH_OR_SEASON})\.?,? (?:19|20)\d{{2}})$",
    re.IGNORECASE,
)
_NUMBERED_NOT_VOLUME = re.compile(
    r"\b(?:" + "|".join(NUMBERED_NOT_VOLUME) + r")\.? ?$", re.IGNORECASE
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_OR_SEASON})\.?,?\s*$", re.IGNORECASE)


def _take_date_at_end(text: str) -> tuple[str, Date | None]:
    """The source without the date it ends with (see :data:`_DATE_AT_END`), and the date;
    a day that is none (``35 May 2020``: a volume) is left to the text."""
    match = _DATE_AT_END.search(text)
    if match is None:
        return text, None
    if match["day"] and (date := parse_date(match[0])) is not None:
        return text[: match.start()], date
    date = parse_date(match["month"])
    return (text[: match.start("month")], date) if date is not None else (text, None)


def _vancouver(text: str) -> Source | None:
    """``Name. 2020;12(3):45-67``: the name, a date and ``;`` before the numbers."""
    name_and_date, semicolon, numbers = text.partition(";")
    date_match = _VANCOUVER_DATE.search(name_and_date) if semicolon else None
    if date_match is None:
        return None
    year, month, day = date_match.groups()
    date = parse_date(" ".join(part for part in (day, month, year) if part))
    numbers_match = _VANCOUVER_NUMBERS.match(numbers.strip(" .,"))
    name = name_and_date[: date_match.start()].strip(" .,;:")
    if date is None or numbers_match is None or not name:
        return None
    pages = None
    if numbers_match["pages"]:
        range_match = _PAGE_RANGE_ALONE.fullmatch(numbers_match["pages"].strip(" ."))
        if range_match is None:
            return None
        pages = _pages(range_match["first"], range_match["last"])
    volume, issue = numbers_match["volume"], numbers_match["issue"]
    return Source(name, volume, _collapse(issue) if issue else None, pages, date)


# "Nursing Times [online]", "BMJ [Internet]": the medium, as NLM writes it, is no part
# of the journal's name; nor is "(online)" after the pages, as publishers note it.
_MEDIUM_WORDS = r"(?:online|internet|electronic resource|print)"
_MEDIUM = re.compile(rf" ?(?:\[{_MEDIUM_WORDS}\]|\({_MEDIUM_WORDS}\))", re.IGNORECASE)
# "medRxiv (preprint)": what the work is, as an Item Type says; no part of the server's name.
_PREPRINT_MARK = re.compile(r" ?[(\[]preprint[)\]]", re.IGNORECASE)


def source_marks(text: str) -> tuple[list[str], list[str]]:
    """The marks a journal source is read without (``Nursing Times [online]``, ``medRxiv
    (preprint)``), as written: (the media, the preprint marks). No field holds either: the
    caller that keeps the source reports them."""
    media = [match[0].strip() for match in _MEDIUM.finditer(text)]
    return media, [match[0].strip() for match in _PREPRINT_MARK.finditer(text)]


def _parse_source(text: str) -> Source:
    """The one grammar of journal sources, read from the right: ``Name vol(issue) pp. pages``,
    or in Vancouver order ``Name. Year;vol(issue):pages``; a status (``In press``) and a
    trailing DOI are taken out first, and the marks of :func:`source_marks`."""
    text = _PREPRINT_MARK.sub("", _MEDIUM.sub("", strip_markup(text))).strip(" ,;.")
    text, status = _take_status(text)
    text, doi, doi_link = _take_doi(text)
    text, supplement = _take_supplement(text)
    source = _vancouver(text)
    if source is None:
        text, year = _take_year_after_numbers(text)
        text, pages = _take_pages(text)
        if year is None:  # "Health Policy 125 (2021) 1100-1108": the year before the pages
            text, year = _take_year_after_numbers(text)
        if year is None:  # "BMJ Open, 2019, 9(3), e025166"
            text, year = _take_year_before_volume(text)
        if year is None:  # "Nursing Times 116(5), May 2020"
            text, year = _take_date_at_end(text.rstrip(" ,;"))
        text, volume, issue = _take_volume_issue(text.strip(" ,;"))
        source = Source(text.strip(" ,;:") or None, volume, issue, pages, year)
    source = attrs.evolve(source, status=status, doi=doi, doi_link=doi_link)
    if supplement is None:
        return source
    return apply_supplement(source, supplement) or source


_TRAILING_SUPPLEMENT = re.compile(
    r"(?<=[\d)])[,.]? (?P<supplement>suppl(?:ement)?\.? ?\w{1,10})$", re.I
)


def _take_supplement(text: str) -> tuple[str, str | None]:
    """``… pp. 123–135 Supplement 2`` → (``… pp. 123–135``, ``Supplement 2``): a supplement
    after the numbers (as a source wrapped onto the next line writes the export's
    ``Supplement 2`` paragraph), which joins the issue."""
    match = _TRAILING_SUPPLEMENT.search(text)
    if match is None or apply_supplement(Source(), match["supplement"]) is None:
        return text, None
    return text[: match.start()], match["supplement"]


def parse_journal_source(text: str) -> Source:
    """A ``Source:`` value: ``The International Journal of Social Psychiatry 66(3)``,
    ``Name 27(3) pp. 987-1001``, ``Name 13: 188``, ``Name 9 e025166``, ``Name 22 e45``,
    ``Name 11`` (a bare number is the volume, as written), ``Name vol. 12, no. 3, pp.
    45–67``, ``Name. 2020;12(3):45-67``, ``Name. Epub ahead of print``, any of these
    followed by ``Supplement 2``, ``*Name*`` or the name alone."""
    return _parse_source(text)


@attrs.frozen
class BookSource:
    """A book section's source: the book it is in, as far as the brief says."""

    book: str
    editors: str | None = None
    """The book's editors as written (an entry has no field for them)."""
    place: str | None = None
    publisher: str | None = None
    pages: Pages | None = None
    edition: str | None = None
    """The book's edition as written after its title (``5th edn``; no field holds it)."""


def _take_book_publisher(text: str) -> tuple[str, str | None, str | None]:
    """``… Handbook of migration. Cham: Springer`` → (``… Handbook of migration``,
    ``Cham``, ``Springer``): the place and publisher after the title's full stop, as
    Harvard writes them; ``… Nursing teams. Oxford University Press`` → (``… Nursing
    teams``, None, ``Oxford University Press``): a publisher without its place, where the
    words after the title's last full stop name an organisation (a subtitle does not); the
    text whole where there are none (or a year follows them)."""
    head, colon, publisher = text.rpartition(": ")
    title, stop, place = head.rpartition(". ")
    if not (colon and stop) or any(char.isdigit() for char in publisher):
        return _take_book_publisher_alone(text)
    found_place, found_publisher = split_place_publisher(f"{place}: {publisher}")
    if found_place is None:
        return text, None, None
    return title, found_place, found_publisher


def _take_book_publisher_alone(text: str) -> tuple[str, None, str | None]:
    title, stop, publisher = text.rpartition(". ")
    if not stop or any(char.isdigit() for char in publisher):
        return text, None, None
    if classify_source(publisher) != "organisation":
        return text, None, None
    return title, None, publisher


def parse_book_source(text: str) -> BookSource | None:
    """A source that names the book a chapter is in, as Harvard writes it: ``In: Kuhlmann,
    Ellen (ed.), Handbook of migration. Cham: Springer, pp. 45-67``, or ``Digital Health
    Education, edited by Jones, S. and Li, W. Oxford: Oxford University Press, pp.
    101-118``. "In:" (or "In" before editors marked ``(ed.)``, ``(eds)``) or ", edited by"
    says so; None for any other source. The place and publisher are the ``Place:
    Publisher`` after the book's title, the pages marked ``pp.`` at the end."""
    text = strip_markup(text).strip(" .,;")
    lowered = text.lower()
    opens_in = lowered.startswith("in:") or (
        lowered.startswith("in ") and _EDITOR_MARK.search(text) is not None
    )
    if not opens_in and ", edited by " not in lowered:
        return None
    body, pages = text, None
    if marked := _PAGES_MARKED.search(text):
        body = text[: marked.start()].rstrip(" ,;.")
        pages = _pages(marked["first"] or marked["locator"], marked["last"])
    body, place, publisher = _take_book_publisher(body)
    editors: str | None = None
    if opens_in:
        body = body[3:].strip(" :")
        if mark := _EDITOR_MARK.search(body):
            editors, body = body[: mark.start()], body[mark.end() :]
    else:
        cut = body.lower().find(", edited by ")
        body, editors = body[:cut], body[cut + len(", edited by ") :]
    book, edition = _split_book_edition(body.strip(" ,;."))
    if not book:
        return None
    editors = editors.strip(" ,;.") if editors else None
    return BookSource(book, editors, place, publisher, pages, edition)


def _split_book_edition(book: str) -> tuple[str, str | None]:
    """A book's title then its edition → (the title, the edition as written)."""
    match = _BOOK_EDITION.search(book)
    if match is None:
        return book, None
    return book[: match.start()].strip(" ,;."), match["edition"].rstrip(".")


def parse_journal_line(text: str) -> Source:
    """A ``Journal:`` value: ``BMC Public Health 23(1), pp. 1-15``."""
    return _parse_source(text)


def _take_place(text: str) -> tuple[str, str | None]:
    """``…pp.1424-1427. , United States:`` → the words after the last comma, before ':';
    failing that, after the sentence's end (``…pp.1424-1427. States:``, where a text
    extraction moved ``, United`` away)."""
    body = text.rstrip()
    if not body.endswith(":"):
        return text, None
    for separator in (",", ". "):
        head, found, place = body[:-1].rpartition(separator)
        place = place.strip()
        if found and place and not any(char.isdigit() or char == ":" for char in place):
            return head + found.strip(" ,"), place
    return text, None


# "…pp.812-820. , England: Wiley-Blackwell": a publisher after the country's colon.
_DETAILS_PUBLISHER = re.compile(r"(?<=\.) ?, ?[^,:\d]+:(?P<publisher> [^:]+)$")


def split_details_publisher(text: str) -> tuple[str, str | None]:
    """``…pp.812-820. , England: Wiley-Blackwell`` → (``…pp.812-820. , England:``,
    ``Wiley-Blackwell``): a ``Publication Details:`` value that names its publisher after
    the country of publication; (``text``, None) for one that ends at the country."""
    match = _DETAILS_PUBLISHER.search(text.rstrip())
    if match is None:
        return text, None
    return text[: match.start("publisher")], match["publisher"].strip()


def parse_publication_details(text: str) -> tuple[Source, str | None]:
    """A ``Publication Details:`` value → (source, country of publication).

    ``Psychiatric services (Washington, D.C.), 73, (12) pp.1424-1427. , United States:``
    The words after the last comma and before the closing ':' are the place.
    """
    text, place = _take_place(strip_markup(text))
    return _parse_source(text), place


_SUPPLEMENT = re.compile(
    r"^(?:supplement|suppl)\.?(?:\s*(?:no\.?\s*)?(?:\d+[A-Za-z]?|[ivxlc]+|[A-Z]))?\.?$",
    re.IGNORECASE,
)


def apply_supplement(source: Source, text: str) -> Source | None:
    """A paragraph ``Supplement 3`` after a source joins its issue (``6`` → ``6 Supplement 3``).

    Returns None if the text is not a supplement line.
    """
    if not text.lstrip(" *_").lower().startswith("suppl"):
        return None  # cheap refusal: the reader asks this of every abstract's first line
    text = strip_markup(text)
    if not _SUPPLEMENT.match(text):
        return None
    issue = f"{source.issue} {text}" if source.issue else text
    return attrs.evolve(source, issue=issue.rstrip("."))


# ---------------------------------------------------------------------------
# Labelled lines
# ---------------------------------------------------------------------------

_LABEL = re.compile(
    # "**Source:** NHS England" is a label in bold; the markup after the colon is only
    # dropped when it closes markup opened before the label ("Abstract: **AIM:**" keeps it).
    # A drawn bullet may stand before it: a web page or a Word document that listed a
    # reference's metadata, pasted as text ("• Source: NHS England", Word's "\uf0b7 ").
    r"^\s*(?:["
    + re.escape(BULLET_GLYPHS)
    + r"]\s+)?(?P<open>[*_]*)(?P<label>"
    + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
    # The label ends at its colon (a full-width one too), or at a dash set apart by spaces
    # ("Source – NHS England"), which some exports put in the colon's place.
    + r")[*_]*(?:\s*[:：]|\s+[-–—](?=\s))",
    re.IGNORECASE,
)


_LABEL_END = re.compile(r"[:：]|\s[-–—]\s")
# How far into a line a label's colon can be: the longest label, with markup and indent.
_LABEL_REACH = max(map(len, LABELS)) + 24


def label_of(text: str) -> tuple[str, str] | None:
    """A line that starts with a metadata label → (the field it fills, the value);
    ``Source: NHS England`` → (``source``, ``NHS England``). None for other lines,
    such as an abstract's ``Background:``."""
    if not _LABEL_END.search(text, 0, _LABEL_REACH):
        return None  # cheap refusal: every label is short and ends with a colon or dash
    match = _LABEL.match(text)
    if not match:
        return None
    value = text[match.end() :].lstrip()
    opened = match["open"]
    # "**Source:** NHS England": the bold opened before the label closes after the colon.
    if opened and value.startswith(opened) and value[len(opened) : len(opened) + 1] in ("", " "):
        value = value[len(opened) :]
    label = match["label"].lower()
    name, value = LABELS[label], value.strip()
    if label not in TEMPLATE_LABELS and name in _SHORT_FIELDS and _is_prose(name, value):
        return None  # "Issue: Nurses are leaving early in their careers.": a sentence
    if name in _NAMING_FIELDS and _opens_a_sentence(value):
        return None  # "Source: data from the NHS Staff Survey were analysed.": an abstract's
    return name, value


# Fields that name someone or something: their values start with a capital or a
# particle (``NHS England``, ``van der Berg``, ``eLife``), never with two lower-case
# words, as a sentence in an abstract may after such a word and a colon.
_NAMING_FIELDS = frozenset({"authors", "source"})


def _opens_a_sentence(value: str) -> bool:
    words = value.split()
    return (
        len(words) >= _PROSE_WORDS
        and all(word.isalpha() and word.islower() for word in words[:2])
        and not any(word in NAME_PARTICLES for word in words[:2])
    )


# Fields whose values are a few words at most (numbers, a date, a type, a link): a widened
# label before a sentence is the sentence's first word, not a label.
_SHORT_FIELDS = frozenset(
    {"volume", "issue", "pages", "date", "accessed", "item_type", "url", "doi"}
)
_PROSE_WORDS = 6


def _is_prose(name: str, value: str) -> bool:
    words = value.split()
    if name in ("url", "doi") and words and ("/" in words[0] or words[0].startswith("10.")):
        return False  # a link, then what ran on after it (read apart by the entry)
    return len(words) >= _PROSE_WORDS


# ---------------------------------------------------------------------------
# Access notes and title lines
# ---------------------------------------------------------------------------

_ACCESS_WORDS = [note.split() for note in ACCESS_NOTES]
# The pieces a note may be split into over paragraphs: its first two words or more, its
# last two or more, or its last word alone when it keeps the closing "*".
_WHOLE_NOTES = frozenset(tuple(words) for words in _ACCESS_WORDS)
_NOTE_PIECES = frozenset(
    piece
    for words in _ACCESS_WORDS
    for size in range(2, len(words))
    for piece in (tuple(words[:size]), tuple(words[-size:]))
)
_LAST_WORDS = frozenset((words[-1],) for words in _ACCESS_WORDS if len(words) > 1)
# The longest an access note can be written: the longest note, with markup and spacing.
_LONGEST_ACCESS_TEXT = 2 * max(map(len, ACCESS_NOTES)) + 20
_OPEN_ATHENS = re.compile(r"open\s+athens")


def _access_words(text: str) -> tuple[str, list[str]]:
    """(the note as written without markers, its lower-case words for matching)."""
    plain = _collapse(text.replace("*", " ")).strip(" ()[].:;," + DASHES)
    words = _OPEN_ATHENS.sub("openathens", plain.lower()).split()
    return plain, words


def parse_access_note(text: str) -> str | None:
    """``Abstract only*`` / ``Full text available with NHS OpenAthens account*`` → the note
    as written (asterisk dropped, whitespace collapsed); anything else → None."""
    if len(text) > _LONGEST_ACCESS_TEXT:
        return None
    plain, words = _access_words(text)
    return plain if words in _ACCESS_WORDS else None


# The first word of an access note glued to the word before it ("time’Abstract only*"):
# a text extraction may drop the space between a title and its note.
_GLUED_NOTE = re.compile(
    r"(?<=\S)(?=(?:"
    + "|".join(sorted({note.split()[0].capitalize() for note in ACCESS_NOTES}, reverse=True))
    + r") )"
)


def unglue_access_note(text: str) -> str:
    """``… about time’Abstract only*`` → ``… about time’ Abstract only*``, where the text
    ends with an access note (or its first piece) once the space is back."""
    tail_start = max(0, len(text) - _LONGEST_ACCESS_TEXT)
    for match in _GLUED_NOTE.finditer(text, tail_start):
        if is_access_fragment(text[match.start() :]):
            return f"{text[: match.start()]} {text[match.start() :]}"
    return text


# What ends a sentence after a link written out, and is no part of it (as linkifiers
# such as GitHub's decide: a URL's last character is hardly ever one of these).
_SENTENCE_END = ".,;:!?"


def written_link(text: str) -> str:
    """A web address or DOI as prose writes it, without what prose adds around it: the
    punctuation ending the sentence after it (``… /staff-wellbeing/.``) and the angle
    brackets that set it apart (``<https://…>``; a SICI's own ``<…>`` inside is kept)."""
    text = text.strip().rstrip(_SENTENCE_END)
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1].strip()
    return text


_LINK_LABELS = tuple(label for label, name in LABELS.items() if name == "url")
_LINK_STARTS = ("http://", "https://", "www.")


def split_trailing_link(text: str) -> tuple[str, str | None]:
    """``NHS England. Available at: https://…`` → (``NHS England``, ``https://…``): a web
    address written at the end of a value (in brackets or not, after a link label such
    as ``Available at:`` or not) is the work's link, not part of the name before it;
    ("", link) for a value that is the link alone. (``text``, None) when the value does
    not end in one."""
    head, _, last = text.rstrip().rpartition(" ")
    link = written_link(last)
    if link.startswith("(") and link.endswith(")"):
        link = written_link(link[1:-1])
    if not link.lower().startswith(_LINK_STARTS):
        return text, None
    return without_link_label(head), link


def without_link_label(text: str) -> str:
    """``NHS England. Available at:`` → ``NHS England``: text that stood before a web
    address, without the label that named it (:data:`LABELS` of the link) and the
    punctuation between."""
    head = text.rstrip(" ,;:.(")
    label = next((label for label in _LINK_LABELS if head.lower().endswith(label)), None)
    if label is not None:
        head = head[: len(head) - len(label)].rstrip(" ,;:.(")
    return head


_BARE_LINK = re.compile(r"^<?(?:https?://|www\.|doi:\s?10\.)\S+?>?$", re.IGNORECASE)


def is_bare_link(text: str) -> bool:
    """A line that is a web address or DOI and nothing else (``https://doi.org/10.…``,
    ``<www.…>``): a title's link written out, where a copy lost the link itself."""
    return _BARE_LINK.match(text.strip()) is not None


def is_video_link(url: str | None) -> bool:
    """A link to a video site (``https://www.youtube.com/watch?v=…``)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # not a web address (a library's "http://[x")
        return False
    return any(host == site or host.endswith("." + site) for site in VIDEO_HOSTS)


_NOTE_WORDS_MAX = max(len(note.split()) for note in ACCESS_NOTES)


def note_begun_before(before: str, rest: str) -> int:
    """How many of ``before``'s last words begin the access note ``rest`` ends, where a
    copy wrapped the note (``… nurses Abstract`` / ``only*``, ``… NHS OpenAthens`` /
    ``account``); 0 if none do. The fewest such words win."""
    words = before.split()[-_NOTE_WORDS_MAX:]
    if not any(char.isalpha() for char in rest) or parse_access_note(rest) is not None:
        return 0  # nothing, or a whole note already: no word before it is needed
    for count in range(1, len(words) + 1):
        if parse_access_note(" ".join([*words[-count:], rest])) is not None:
            return count
    return 0


def is_access_fragment(text: str) -> bool:
    """True for a whole access note or a piece of one split over paragraphs.

    A head piece needs two words (``Full text available with NHS``); a tail piece
    needs the closing ``*`` or two words (``OpenAthens account*``, ``account*``).
    """
    if len(text) > _LONGEST_ACCESS_TEXT:
        return False  # cheap refusal: the reader asks this of every line of prose
    _plain, words = _access_words(text)
    if not words:
        return False
    found = tuple(words)
    if found in _WHOLE_NOTES or found in _NOTE_PIECES:
        return True
    return found in _LAST_WORDS and text.rstrip().endswith("*")


_LEADING_MARKS = re.compile(r"^[^\w*]+")


def is_title_end(text: str) -> bool:
    """What may follow a title's words on its line: its closing punctuation (a quote, a
    question mark), then maybe (a piece of) its access note."""
    rest = _LEADING_MARKS.sub("", text)
    return not any(char.isalnum() for char in rest) or is_access_fragment(rest)


LIST_MARK = (
    r"(?:[" + re.escape(BULLETS) + r"]\s+|[" + re.escape(WEAK_BULLETS) + r"]\t\s*|o (?=[A-Z]))"
)
"""A bullet-list item's mark, as a regular expression: a bullet and the space after it;
a weak bullet and a TAB (Word's plain text writes its list marks so: ``o\t``); or Word's
second-level ``o`` before a capital, as a viewer copies it (no sentence's line starts
so)."""

# What may stand before a title link: a list item's mark, or a markdown heading's; then
# emphasis around the whole link ("**[Title](url)**", as a bold title exports).
_BULLET = re.compile(
    r"^\s*(?:" + LIST_MARK + r"|(?:\d{1,3}[.)]|#{1,6})\s+)?(?P<emphasis>\*{1,3}|_{1,3})?"
)
# Pandoc's attributes after a link ("[Title](url){.underline}"): the link's style.
_LINK_ATTRIBUTES = re.compile(r"^\{[^{}]*\}")


# What _balanced looks at, by opening bracket: a backslash escape with the character it
# escapes (DOTALL: any character), or a bracket of the pair. The regex skips the text
# between them far faster than a loop over characters.
_BRACKET_TOKENS = {
    "[": re.compile(r"\\.|[\[\]]", re.DOTALL),
    "(": re.compile(r"\\.|[()]", re.DOTALL),
}


def _balanced(text: str, start: int, opening: str, closing: str) -> int | None:
    """Index just after the bracket closing the one at ``start``; backslash escapes skipped."""
    depth = 0
    for token in _BRACKET_TOKENS[opening].finditer(text, start):
        if token[0] == opening:
            depth += 1
        elif token[0] == closing:
            depth -= 1
            if depth == 0:
                return token.end()
    return None


# Markdown's optional link title after the target (``url "tooltip"``): a tooltip, not
# part of the address.
_LINK_TOOLTIP = re.compile(r"""(?<!\s)\s+(?:"[^"]*"|'[^']*'|\([^()]*\))$""")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _target_of(link: re.Match[str]) -> str:
    """The target of a markdown link matched by ``_LINK`` (``#`` for none)."""
    return _link_target(link[0][len(link[1]) + 3 : -1])


def spell_out_links(text: str) -> str:
    """Each markdown link with a target written as its text and the target in angle
    brackets (``[Summary](https://…)`` → ``Summary <https://…>``), as text kept for a
    person to read must keep where a link led; a link to nowhere (``#``) is its text."""

    def spelt(link: re.Match[str]) -> str:
        target = _target_of(link)
        return link[0] if target in ("", "#") else f"{link[1]} <{target}>"

    return _LINK.sub(spelt, text)


def take_other_links(text: str, target: str) -> tuple[list[str], str]:
    """The markdown links in ``text`` that lead to a target other than ``target``, spelt
    out (``[Easy read version](https://…)`` → ``Easy read version <https://…>``), and the
    text without them. A link to nowhere (``#``, the export's) is left in the text: where
    it led, the title's own place or another, no one can tell."""
    taken: list[str] = []

    def take(link: re.Match[str]) -> str:
        linked = _target_of(link)
        if linked in ("", "#", target):
            return link[0]
        taken.append(f"{link[1]} <{linked}>")
        return " "

    return taken, _LINK.sub(take, text)


def targets_written_out(text: str) -> str:
    """``text`` with each markdown link that leads somewhere replaced by its target
    (``URL: [the report](https://…)`` → ``URL: https://…``): a value whose link is what
    it gives; other markup stays, for :func:`strip_markup`."""

    def target(link: re.Match[str]) -> str:
        found = _target_of(link)
        return link[0] if found in ("", "#") else found

    return _LINK.sub(target, text)


def link_targets(text: str) -> list[str]:
    """The targets of the markdown links in ``text``, in order (``#`` for none)."""
    return [_target_of(link) for link in _LINK.finditer(text)]


def _link_target(raw: str) -> str:
    """The address of a markdown link's target: without its tooltip (``url "title"``) and
    the angle brackets that may enclose it (``<url with spaces>``), its backslash escapes
    undone. Whatever else it holds stays (angle brackets inside it, as in a SICI's
    ``49:8<693::AID-ASI4>3.0.CO;2-0`` or a query's ``q=<term>``, words after a space), for
    :func:`peerbrief.links.web_link` to encode: cutting there would lose part of it."""
    raw = _LINK_TOOLTIP.sub("", raw.strip())
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1].strip()
    return _MARKDOWN_ESCAPE.sub(r"\1", raw)


def split_title_line(text: str) -> tuple[str, str, str | None, str] | None:
    """``[Title](url) Abstract only*`` → (title, url, access note, rest).

    A trailing access note is returned as the note; anything else after the link —
    including a piece of a note split over paragraphs — is returned raw in ``rest``.
    Returns None if the line does not start with a link, or the link has no words.
    """
    start = _BULLET.match(text)
    position = start.end() if start else 0
    if not text.startswith("[", position):
        return None
    title_end = _balanced(text, position, "[", "]")
    if title_end is None or not text.startswith("(", title_end):
        return None
    url_end = _balanced(text, title_end, "(", ")")
    if url_end is None:
        return None
    title = strip_markup(text[position + 1 : title_end - 1])
    if not title:
        return None
    url = _link_target(text[title_end + 1 : url_end - 1])
    rest = _LINK_ATTRIBUTES.sub("", text[url_end:])
    emphasis = start["emphasis"] if start else None
    if emphasis and rest.startswith(emphasis):
        rest = rest[len(emphasis) :]  # the emphasis around the link closes
    rest = rest.strip()
    note = parse_access_note(rest) if rest else None
    return title, url, note, "" if note else rest


# ---------------------------------------------------------------------------
# DOIs
# ---------------------------------------------------------------------------

_DOI = re.compile(r"(?<![\w.])10\.\d{4,9}/\S+", re.IGNORECASE)
_DOI_END = re.compile(r"[?#\s\"<>]")
# A SICI (Wiley's DOIs before 2000) holds angle brackets: "…55:10<1281::AID-JCLP9>3.0.CO;2-N".
_SICI = re.compile(r"<\d+::[^<>\s]+>")
# What publishers' links add after a DOI to choose a view of the article.
_DOI_VIEW_SUFFIXES = (
    "/full",
    "/abstract",
    "/pdf",
    "/epdf",
    "/fulltext",
    "/summary",
    "/meta",
    "/html",
    "/references",
    ".pdf",
)


def _trim_doi(doi: str) -> str:
    """Cut what a link adds after a DOI: query, fragment, view suffix, punctuation.

    One pass from the right end, however many suffixes are stacked: each step removes
    at least one character, looking only at the end (the bracket counts are kept, not
    recounted), so the work is linear in the length of the DOI.
    """
    sici = _SICI.search(doi)
    if end_match := _DOI_END.search(doi, sici.end() if sici else 0):
        doi = doi[: end_match.start()]
    end = len(doi)
    unbalanced = doi.count(")") - doi.count("(")
    while end:
        tail = doi[max(0, end - 11) : end].lower()
        cut = next((len(s) for s in _DOI_VIEW_SUFFIXES if tail.endswith(s)), 0)
        if doi[end - 1] in ".,;:'/":
            cut = 1
        elif doi[end - 1] == ")" and unbalanced > 0:
            cut = 1  # a ")" closing nothing in the DOI closed the text around the link
        if not cut:
            break
        removed = doi[end - cut : end]
        unbalanced -= removed.count(")") - removed.count("(")
        end -= cut
    return doi[:end]


def doi_from_url(url: str) -> str | None:
    """The DOI in a link — ``https://doi.org/10.1111/INM.12345``, ``doi:10.…``, or a
    publisher URL holding one (``/doi/full/10.…``, ``/article/10.1007/…``) — lower-cased;
    None when there is none."""
    url = unquote(url)
    match = _DOI.search(url)
    if match is None:
        return None
    doi = match.group()
    if "?" in url[: match.start()]:
        # Inside a query string the next parameter ends it: "?id=10.1371/…&type=printable",
        # a mail scanner's "?url=https%3A%2F%2Fdoi.org%2F10.1177%2F…&data=…".
        doi = doi.split("&", 1)[0]
    doi = _trim_doi(doi)
    return doi.lower() if "/" in doi and not doi.endswith("/") else None


def doi_locator_link(text: str) -> str | None:
    """The web address of a DOI written with a place in the work after it — a fragment
    or a query (``10.1136/bmjopen-2018-025166#supplementary``, ``doi:10.1000/x?page=3``),
    which a DOI field cannot hold and :func:`doi_from_url` cuts — so that the reader keeps
    it as the link instead of losing it; None when nothing follows the DOI but what
    :func:`doi_from_url` trims as a link's decoration (punctuation, a view suffix)."""
    text = text.strip().rstrip(".,;")
    doi = doi_from_url(text)
    if doi is None:
        return None
    plain = unquote(text)
    end = plain.lower().find(doi) + len(doi)
    if plain[end : end + 1] not in ("#", "?") or len(plain) - end < 2:
        return None
    return web_link(text)


# ---------------------------------------------------------------------------
# Source kind (heuristic)
# ---------------------------------------------------------------------------

_STRONG_ORGANISATION_WORDS = ORGANISATION_WORDS - WEAK_ORGANISATION_WORDS
# "Skills for Care", "Centre for Mental Health": journals say "Journal for", bodies "for".
_ORGANISATION_PHRASES = re.compile(
    r"\b(?:on behalf of|funded by|in partnership with|for)\b", re.IGNORECASE
)


def _lower_words(text: str) -> set[str]:
    return {word.strip(".'’-").lower() for word in _words(text)}


_HEAD_ENDS = frozenset({"of", "for"})


def _head_word(text: str) -> str | None:
    """The word a name is built on, in lower case: its last, or the one before its first
    "of" or "for" (``Royal Society of Medicine``), before any comma (``British Medical
    Association, London``); None where "and" joins it to the words before it."""
    words = [word.strip(".'’").lower() for word in text.partition(",")[0].split()]
    end = next((index for index, word in enumerate(words) if word in _HEAD_ENDS), len(words))
    if end == 0 or (end > 1 and words[end - 2] in ("and", "&")):
        return None
    return words[end - 1]


def classify_source(text: str) -> Literal["journal", "organisation", "unknown"]:
    """Guess whether a ``Source:`` value names a journal or an organisation (publisher).

    A heuristic on word lists, for a value with no volume, issue or pages: the caller
    weighs it with other evidence (authors "et al.", an access note, a volume).
    """
    plain = strip_markup(text)
    words = _lower_words(plain)
    if not words:
        return "unknown"
    if words & JOURNAL_WORDS:
        return "journal"
    if words & PUBLISHER_WORDS:
        return "organisation"
    acronyms = {word.strip(".'’-") for word in _words(plain) if word.isupper()}
    if (
        words & _STRONG_ORGANISATION_WORDS
        or acronyms & ORGANISATION_ACRONYMS
        or _ORGANISATION_PHRASES.search(plain)
    ):
        return "organisation"
    if _head_word(plain) in BODY_HEAD_WORDS:
        return "organisation"
    if words & SUBJECT_WORDS or any(word.endswith(("ology", "iatry")) for word in words):
        return "journal"
    if words & WEAK_ORGANISATION_WORDS or any(len(word) >= 3 for word in acronyms):
        return "organisation"  # "SCIE", "RCN": an unknown acronym is more often a body
    return "unknown"


# "London: The King's Fund": a place of one to three capitalised words, then the publisher.
_PLACE_PUBLISHER = re.compile(
    r"^(?P<place>[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2}): (?P<publisher>\S.*)$"
)


# "Research report 412", "HC 1350", "Session 2023–24", "Briefing no. 7": a series word
# (two words may name the series before it) and a number.
_SERIES = re.compile(
    r"^(?:[^\W\d_]{1,30} ){0,2}(?:"
    + "|".join(SERIES_WORDS)
    + r")\.? (?:no\.? ?)?[\w/–-]{0,20}\d[\w/–-]{0,20}$",
    re.IGNORECASE,
)


def split_series(text: str) -> tuple[str, str | None]:
    """A body's name then its report's series and number after commas (``National Audit
    Office, HC 1350, Session 2023–24``) → (the name, the series as written); (text, None)
    where the parts after the name are no series or the name is no organisation's."""
    parts = text.split(",")
    cut = len(parts)
    while cut > 1 and _SERIES.match(parts[cut - 1].strip()):
        cut -= 1
    head = ",".join(parts[:cut]).strip()
    if cut == len(parts) or classify_source(head) != "organisation":
        return text, None
    return head, ",".join(parts[cut:]).strip()


# "3rd edition", "Second edn.", "revised ed.": a report's edition, after a comma.
_EDITION = re.compile(
    r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(EDITION_ORDINALS) + r") (?:edition|edn|ed)\.?",
    re.IGNORECASE,
)


# "Grieve's Modern Musculoskeletal Physiotherapy. 5th edn": Harvard's edition after the
# book's title and its full stop (or a comma, or in brackets).
_BOOK_EDITION = re.compile(
    r"(?:[.,] |\s\()(?P<edition>" + _EDITION.pattern + r")\)?$", re.IGNORECASE
)


def split_edition(text: str) -> tuple[str, str | None]:
    """A publisher's name (and place) then the report's edition after a comma (``Royal
    Pharmaceutical Society, London, 3rd edition``) → (the name and place, the edition as
    written); (text, None) where the last part is no edition."""
    head, comma, last = text.rstrip().rpartition(",")
    if not comma or not head.strip() or _EDITION.fullmatch(last.strip()) is None:
        return text, None
    return head.strip(), last.strip()


def split_place_publisher(text: str) -> tuple[str | None, str]:
    """``London: The King's Fund`` → (``London``, ``The King's Fund``), as citations write a
    publisher, and ``The King's Fund, London`` or ``Nuffield Trust, London, UK`` as
    sources write it; (None, text) for a name alone, or where the part before the colon
    names a body (``NHS England: Workforce Team``) rather than a place."""
    match = _PLACE_PUBLISHER.match(text)
    if match is None:
        return _split_trailing_place(text)
    place = match["place"]
    if not all(word[0].isupper() for word in place.split()) or classify_source(place) != "unknown":
        return None, text
    return place, match["publisher"]


def _split_trailing_place(text: str) -> tuple[str | None, str]:
    """A publisher's name then its place after a comma: a city (``London``), a city and
    its country or nation (``London, UK``, ``Cardiff, Wales``), or a country alone. A
    nation alone stays, as do words that are no place by themselves: both can be the
    body's name (``Royal College of Nursing, Wales``, ``Birkbeck, University of London``)."""
    parts = [part.strip() for part in text.split(",")]
    for size in (2, 1):
        head, tail = parts[:-size], parts[-size:]
        if head and all(head) and _is_place(tail) and not _is_place(head):
            return ", ".join(tail), ", ".join(head)
    if len(parts) > 1 and _is_unlisted_town(parts[-1], ", ".join(parts[:-1])):
        return parts[-1], ", ".join(parts[:-1])
    return None, text


# "Bridgwater", "Stoke-on-Trent": a town's name of one capitalised word. (Two words are
# as often a body's region or part, "Thames Valley", "Policy Institute", as a town.)
_TOWN = re.compile(r"[A-Z][a-z]+(?:-(?:[a-z]+-)?[A-Z][a-z]+)?")


def _is_unlisted_town(tail: str, head: str) -> bool:
    """Whether the last part of ``College of Paramedics, Bridgwater`` is the town the body
    is in though no list names it: after a comma, a name of one capitalised word (maybe
    hyphenated) that is nothing else (no body, journal, nation, region or series word) following a
    body's name. A body's branch is a nation or a region (``Royal College of Nursing,
    Wales``, ``NHS England, North West``) or an organisation (``Birkbeck, University of
    London``), and none of them is taken."""
    words = set(tail.lower().replace("-", " ").split())
    return (
        _TOWN.fullmatch(tail) is not None
        and not words & NOT_TOWN_WORDS
        and tail.lower() not in UK_NATIONS
        and classify_source(tail) == "unknown"
        and classify_source(head) == "organisation"
    )


def _is_place(parts: Sequence[str]) -> bool:
    """``[city]``, ``[country]`` or ``[city, country or UK nation]``."""
    keys = [part.lower() for part in parts]
    if len(keys) == 1:
        return keys[0] in PUBLICATION_CITIES or keys[0] in PUBLICATION_COUNTRIES
    return (
        len(keys) == 2
        and keys[0] in PUBLICATION_CITIES
        and (keys[1] in PUBLICATION_COUNTRIES or keys[1] in UK_NATIONS)
    )


# "Smith et al.", "Van der Berg et al": a first author's family name before "et al.".
_ET_AL_LINE = re.compile(r"^[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,3},? et al\.?$")
# "Health Education England, 2020": a body's name and a year.
_NAME_YEAR = re.compile(r"^(?P<name>[^\W\d_].{0,150}?),? \(?(?:19|20)\d\d\)?\.?$")
_LONGEST_METADATA_WORDS = 12
_LONGEST_DATE = 30


def unlabelled_metadata(text: str) -> Literal["strong", "weak"] | None:
    """What a line of metadata written without its label looks like: ``strong`` for what
    nothing but metadata looks like (a date alone, ``Smith et al.``, a journal with its
    numbers, a body's name and a year); ``weak`` for a body's name alone, which a
    caption can be too; None for anything else."""
    text = strip_markup(text).strip()
    if not text or len(text.split()) > _LONGEST_METADATA_WORDS or label_of(text) is not None:
        return None
    if len(text) <= _LONGEST_DATE and parse_date(text) is not None:
        return "strong"
    if _ET_AL_LINE.match(text):
        return "strong"
    name_year = _NAME_YEAR.match(text)
    if name_year and classify_source(name_year["name"]) == "organisation":
        return "strong"
    if text.endswith((".", ":", ";", ",", "?", "!")):
        return None
    source = parse_journal_source(text)
    numbered = source.volume or source.issue or source.pages
    if source.container_title and numbered and classify_source(source.container_title) == "journal":
        return "strong"
    return "weak" if classify_source(text) == "organisation" else None


def looks_like_organisation(text: str) -> bool:
    """True unless the value reads as a journal: grey literature names its publisher
    (``NHS England``, ``Iriss``, even a person such as a video's maker). Heuristic."""
    return bool(strip_markup(text)) and classify_source(text) != "journal"


# ---------------------------------------------------------------------------
# The brief's own citation
# ---------------------------------------------------------------------------


@frozen
class BriefCitation:
    """``Evidence Brief: Topic. Author. (15 November 2023). UK: Publisher``, read."""

    title: str
    authors: tuple[Person, ...]
    date: Date | None
    place: str | None
    publisher: str | None


# A brief names its compilers, a few people; longer text after a ". " is title.
_LONGEST_AUTHOR_LIST = 300
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_SENTENCE_STOP = re.compile(r"\.\s")
# A word of a person's name: capitalised letters (with apostrophes and hyphens: O'Neill,
# Anne-Marie; any script's capitals: Ó Briain, Łukasz), initials (J., J.-P., JA), a
# particle (van, de) or "and". ``[^\W\d_]`` is a letter; Python's re has no class for
# capitals, so the first letter is checked with str.isupper.
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]|(?:-?[^\W\d_]\.)+)$")


def _is_name_word(word: str) -> bool:
    """A capitalised word (or one of a script without case), initials, "and", or a
    particle, alone or before an apostrophe or hyphen (``van``, ``d'Alembert``,
    ``al-Sayed``)."""
    if word in ("and", "&"):
        return True
    if _NAME_WORD.match(word) is None or not all(map(_is_name_character, word)):
        return False
    if not word[0].islower():
        return True
    if word.islower():
        return len(word) <= 3 or word in NAME_PARTICLES
    particle = re.split("(?<=['’])|-", word, maxsplit=1)[0]
    return particle in NAME_PARTICLES or _is_irish_mutation(word)


def _is_irish_mutation(word: str) -> bool:
    """``tSaoir``, ``hAodha``, ``bhFáilte``: an Irish prefix then the name's capital."""
    capital = next((index for index, char in enumerate(word) if char.isupper()), 0)
    return word[:capital] in IRISH_MUTATION_PREFIXES and word[capital + 1 :].islower()


def _is_name_character(char: str) -> bool:
    """A letter, or a mark within a name (the pattern's class of letters also takes a
    raised digit, ``¹``, for one)."""
    return char.isalpha() or char in ".'’-"


def _date_anchor(text: str) -> tuple[int, int, Date] | None:
    """Where the citation's date is: the last ``(date)``, else the first sentence after
    the title that is a date alone (``… Katie Nicholas. 15 November 2023. UK: …``)."""
    found = None
    for match in _PARENTHESES.finditer(text):
        date = parse_date(match.group(1))
        if date is not None:
            found = (match.start(), match.end(), date)
    if found:
        return found
    stops = [*_sentence_stops(text), len(text)]
    for start, end in itertools.pairwise(stops):
        date = parse_date(text[start + 1 : end])
        if date is not None:
            return start + 1, end, date
    return None


def _looks_like_person_list(text: str) -> bool:
    """Names of people given in full, or one organisation (``Knowledge Management Team``,
    a team credited as the brief's author)."""
    if not all(map(_is_name_word, text.replace(",", " ").split())):
        return False
    people, _ = parse_people(text)
    if len(people) == 1 and people[0].organisation:
        return True
    return bool(people) and all(person.given and not person.organisation for person in people)


def _split_title_authors(text: str) -> tuple[str, tuple[Person, ...]]:
    """The authors follow the title after ". "; the leftmost split that leaves only
    names wins, so a title may itself contain full stops."""
    for stop in _sentence_stops(text):
        title, rest = text[:stop].strip(), text[stop + 1 :].strip()
        if len(rest) > _LONGEST_AUTHOR_LIST:
            continue
        if title and _looks_like_person_list(rest):
            return title, parse_people(rest)[0]
    return text, ()


def _sentence_stops(text: str) -> list[int]:
    return [match.start() for match in _SENTENCE_STOP.finditer(text)]


def parse_brief_citation(text: str) -> BriefCitation | None:
    """The "Please acknowledge this work … as:" line, anchored on its ``(date)`` part:
    title and authors before it, ``place: publisher`` after it.

    Returns None when there is no date or no title before it.
    """
    text = strip_markup(text)
    anchor = _date_anchor(text)
    if anchor is None:
        return None
    start, end, date = anchor
    before = text[:start].strip().rstrip(".").strip()
    title, authors = _split_title_authors(before)
    if not title:
        return None
    after = text[end:].strip().lstrip(".").strip().rstrip(".")
    place, publisher = None, after or None
    if ":" in after:
        head, tail = (part.strip() for part in after.split(":", 1))
        if head and len(head.split()) <= 4:
            place, publisher = head, tail or None
    return BriefCitation(title, authors, date, place, publisher)
