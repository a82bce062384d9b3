"""XML libraries (EndNote XML, Zotero RDF), parsed safely and element by element.

Parsed by the standard library's expat parser through defusedxml, which refuses what a
hostile file could use against the reader (entity expansion, external entities);
nesting deeper than any export is refused here. The elements a format wants are kept
with the line each starts on, as they end, so those before a syntax error are still
read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from ..errors import InputError
from ..model import collapse_spaces as one_line
from .records import Problem

MAX_XML_DEPTH = 64
"""How deeply elements may nest: an EndNote record goes seven deep (``xml/records/record/
contributors/authors/author/style``), a Zotero RDF item as deep (``rdf:RDF/bib:Book/
dc:publisher/foaf:Organization/vcard:adr/vcard:Address/vcard:locality``); a file
nesting far deeper is not an export."""

_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")

Keep = Callable[[str, int], bool]
"""Whether an element (its tag in ``{namespace}name`` form, its depth from 1 for the
root) is one the format reads."""


class _TooDeep(Exception):
    """Raised inside the parser's callbacks: nesting past :data:`MAX_XML_DEPTH`."""


class _Kept:
    """A parser target that keeps each element ``keep`` wants as it ends, with the line
    it started on."""

    def __init__(self, keep: Keep) -> None:
        self.keep = keep
        self.builder = TreeBuilder()
        self.kept: list[tuple[Element, int]] = []
        self.open: list[int | None] = []  # per open element: its start line if kept
        self.root: str | None = None
        self.position: Any = None  # the expat parser, for line numbers

    def start(self, tag: str, attributes: dict[str, str]) -> Element:
        if len(self.open) >= MAX_XML_DEPTH:
            raise _TooDeep
        self.root = self.root or tag
        kept = self.keep(tag, len(self.open) + 1)
        line = (self.position.CurrentLineNumber if self.position else 0) if kept else None
        self.open.append(line)
        return self.builder.start(tag, attributes)

    def end(self, tag: str) -> Element:
        element = self.builder.end(tag)
        line = self.open.pop() if self.open else None
        if line is not None:
            self.kept.append((element, line))
        return element

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self) -> Element | None:
        return None  # the kept elements are what is read, not the tree


def parse_xml(
    text: str, source: str, problems: list[Problem], keep: Keep
) -> tuple[str | None, list[tuple[Element, int]]]:
    """The root element's tag, and the elements ``keep`` wants with their start lines.
    A file broken before the first of them is an :class:`InputError`; a break after
    one is a problem, and the elements before it are returned."""
    # defusedxml, not the bare standard library: ElementTree expands internal entities
    # (a "billion laughs" file takes gigabytes) and its expat may fetch external ones;
    # defusedxml's parser refuses both. Imported here: only XML files need it.
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    target = _Kept(keep)
    parser = DefusedXMLParser(target=target)
    target.position = getattr(parser, "parser", None)
    # The text is decoded already; its declaration may name the encoding it had.
    body = _DECLARATION.sub(lambda match: " " * len(match.group()), text, count=1)
    try:
        parser.feed(body)
        parser.close()
    except DefusedXmlException as error:
        raise InputError(f"{source}: refused, the XML {_refusal(error)}") from None
    except _TooDeep:
        raise InputError(
            f"{source}: refused, elements nest deeper than {MAX_XML_DEPTH} levels"
        ) from None
    except ParseError as error:
        line, column = error.position
        if not target.kept:
            raise InputError(
                f"{source}: not well-formed XML (line {line}, column {column})"
            ) from None
        reason = f"the XML breaks off here ({one_line(str(error))}); records after it not read"
        problems.append(Problem(source, 0, reason, line))
    return target.root, target.kept


def _refusal(error: Exception) -> str:
    from defusedxml import DTDForbidden, EntitiesForbidden

    if isinstance(error, EntitiesForbidden):
        return "declares entities (a file could expand them to gigabytes)"
    if isinstance(error, DTDForbidden):
        return "has a document type declaration"
    return "refers to external files or addresses"
