"""Zotero RDF (File › Export Library… › Zotero RDF): Zotero's own export, RDF/XML.

Each item is a resource (``bib:Article``, ``bib:Report``, ``bib:Book``…, always with
its ``z:itemType``) named by its link, ``urn:isbn:…`` or ``#item_N``; its journal,
website or book a ``dcterms:isPartOf`` resource (``bib:Journal``…, nested, or apart and
named ``urn:issn:…``) holding the journal's title, volume, issue and the article's DOI
(``dc:identifier`` ``DOI 10.…``); its authors a ``bib:authors`` ``rdf:Seq`` of
``foaf:Person``; its publisher a ``foaf:Organization`` with the place as a
``vcard:locality``. Attachments (``z:Attachment``), notes (``bib:Memo``: the text of an
item's notes is read with it) and collections are not works.

The XML is parsed safely (:mod:`~peerbrief.library.safexml`), then its statements
gathered into resources here: RDF/XML's node and property elements, ``rdf:about``,
``rdf:resource``, ``rdf:nodeID``, ``rdf:parseType="Resource"``, ``rdf:li``. Written
by hand: rdflib, the RDF library, parses XML without defusedxml's refusals, and refuses
Zotero's own files (an attachment's ``<rdf:resource rdf:resource="files/…"/>`` is not a
legal property element); what Zotero writes needs only this much of RDF/XML. (On the
fixtures, the statements gathered here agree with rdflib's, that element removed.)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from xml.etree.ElementTree import Element

from attrs import define, field, frozen

from ..errors import InputError
from ..limits import Deadline
from ..model import collapse_spaces as one_line
from .records import (
    EXPORT_HINT,
    Problem,
    Record,
    access_date,
    given_twice,
    joined_notes,
    kind_of,
    numbered,
    refuse_beyond,
    split_pages,
    status_or_unread,
    to_person,
    unread_date,
    website_as_publisher,
    written_or_year,
)
from .safexml import parse_xml
from .zotero_csv import ZOTERO_AUTHOR_TYPES, ZOTERO_KINDS, extra_fields

NAMESPACES: Mapping[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "z": "http://www.zotero.org/namespaces/export#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "bib": "http://purl.org/net/biblio#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prism": "http://prismstandard.org/namespaces/1.2/basic/",
    "vcard": "http://nwalsh.com/rdf/vCard#",
}
"""The prefixes Zotero's export declares, as the paths below spell names."""

ZOTERO_RDF_FIELDS: Mapping[str, tuple[str, ...]] = {
    "title": ("dc:title",),
    "container_title": ("dcterms:isPartOf/dc:title", "dcterms:isPartOf/dcterms:alternative"),
    "volume": ("prism:volume", "dcterms:isPartOf/prism:volume"),
    "issue": ("prism:number", "dcterms:isPartOf/prism:number"),
    "publisher": ("dc:publisher/foaf:name",),
    "place": ("dc:publisher/vcard:adr/vcard:locality",),
    "abstract": ("dcterms:abstract",),
    "url": ("dc:identifier[dcterms:URI]/rdf:value",),
    "doi": ("dc:identifier", "dcterms:isPartOf/dc:identifier"),
    # Values built from several.
    "access": ("dcterms:isReferencedBy[bib:Memo]/rdf:value",),
    "extra": ("dc:description",),
    "date": ("dc:date",),
    "accessed": ("dcterms:dateSubmitted",),
    "pages": ("bib:pages",),
    "tags": ("dc:subject", "dc:subject[z:AutomaticTag]/rdf:value"),
    "kind": ("z:itemType",),
}
"""Entry field → paths from an item's resource to the values that fill it, the first given
winning: ``property/property``, a ``[type]`` keeping only resources of that type. An
item without a container (``tvBroadcast``, ``radioBroadcast``) has its programme title
(Zotero's ``programTitle``, written as its base field ``publicationTitle``) as a second
``dc:title``, after the title (Zotero writes fields in the order of their numbers, the
title's first): that is its container's title. ``dcterms:isPartOf`` leads to the item's
container (a newspaper section's ``bib:Part`` is passed through; a ``bib:Series`` is not
a container). The DOI is the ``dc:identifier`` written ``DOI 10.…`` (others are ``ISSN
…``, ``ISBN …``, an accession number, or a link); notes (HTML) and Extra
(``dc:description``) are all read, Extra's ``DOI: 10.…`` line as the DOI when the item
gives none (:data:`~peerbrief.library.zotero_csv.ZOTERO_EXTRA_FIELDS`). Authors are the
members of ``bib:authors`` and of the lists of the creator types Zotero counts as
authors (:data:`~peerbrief.library.zotero_csv.ZOTERO_AUTHOR_TYPES`: ``z:directors``…),
each a ``foaf:Person``'s ``foaf:surname`` and ``foaf:givenName``. The access date is
``dcterms:dateSubmitted`` (``2019-03-04 15:12:33``). Editors, series,
ISSN/ISBN, language, call number
(``dc:subject`` ``dcterms:LCC``), archive, rights and attachments have no place in the
model."""

DOI_PREFIX = "DOI "
"""How Zotero writes a DOI among a resource's ``dc:identifier`` values."""

STEPS_PER_STATEMENT = 64
"""How many steps reading a file may take for each statement it makes: an export's item
is read in a few steps for each of its own statements (one for each of the paths that
reach it); far more means resources shared among items (see ``_Graph.spend``)."""

_NOT_WORKS = frozenset({"attachment", "note"})
"""``z:itemType`` values of resources that are not works."""


def _uri(name: str) -> str:
    """``dc:title`` → ``{http://purl.org/dc/elements/1.1/}title``, as ElementTree names
    elements and attributes (compared as they come: no name converted per element)."""
    prefix, _, local = name.partition(":")
    return "{" + NAMESPACES[prefix] + "}" + local


def _from_uri(uri: str) -> str:
    """An ``rdf:type``'s URI (``http://purl.org/net/biblio#Article``) named as an element."""
    cut = max(uri.rfind("#"), uri.rfind("/")) + 1
    return "{" + uri[:cut] + "}" + uri[cut:] if cut else uri


_ABOUT, _RESOURCE, _NODE_ID, _ID, _PARSE_TYPE = (
    _uri(f"rdf:{name}") for name in ("about", "resource", "nodeID", "ID", "parseType")
)
_DESCRIPTION, _TYPE, _LI, _ROOT = (
    _uri(f"rdf:{name}") for name in ("Description", "type", "li", "RDF")
)
_MEMBER = _uri("rdf:_")  # rdf:_1, rdf:_2…
_SYNTAX = frozenset({_ABOUT, _RESOURCE, _NODE_ID, _ID, _PARSE_TYPE})
_PART_OF = _uri("dcterms:isPartOf")
_PASSED_THROUGH = _uri("bib:Part")
_NOT_CONTAINERS = frozenset({_uri("bib:Series")})
_ITEM_TYPE = _uri("z:itemType")
_SURNAME, _GIVEN = _uri("foaf:surname"), _uri("foaf:givenName")
_AUTHOR_LISTS = tuple(
    _uri(f"bib:{name}s" if name in ("author", "contributor") else f"z:{name}s")
    for name in ZOTERO_AUTHOR_TYPES
)
"""The properties holding the lists of an item's authors (Zotero writes ``bib:`` for
authors, editors and contributors, ``z:`` for the other creator types)."""


@frozen
class _Ref:
    """A property's value that is a resource, by its name."""

    name: str


@define
class _Resource:
    """What the file says about one resource."""

    line: int
    """The line its top-level element starts on."""
    types: list[str] = field(factory=list)
    properties: dict[str, list[str | _Ref]] = field(factory=dict)

    def add(self, name: str, value: str | _Ref) -> None:
        self.properties.setdefault(name, []).append(value)


class _Graph:
    """The resources of an RDF/XML document, by name (blank ones named here), and the
    budget of steps reading them may take."""

    def __init__(self, source: str) -> None:
        self.resources: dict[str, _Resource] = {}
        self.statements = 0
        self._blank = itertools.count(1)
        self._source = source
        self._steps = 0

    def spend(self, steps: int) -> None:
        """Count steps through the graph, refusing a file that takes more than an export
        could: each item's resources are its own in Zotero's export (its journal, its
        people), but a hand-made file may have thousands of items share a resource of
        thousands of values, read again for each (quadratic time and memory)."""
        self._steps += steps
        if self._steps > STEPS_PER_STATEMENT * self.statements + 10_000:
            raise InputError(
                f"{self._source}: refused, its items share resources far more than an export "
                "does (reading them would take time and memory out of proportion to its size)"
            )

    def node(self, element: Element, line: int) -> str:
        """Read a node element (a resource and what it says); its name."""
        if (about := element.get(_ABOUT)) is not None:
            name = about
        elif (node_id := element.get(_NODE_ID)) is not None:
            name = f"_:{node_id}"
        else:
            name = f"_:#{next(self._blank)}"
        resource = self.resources.setdefault(name, _Resource(line))
        if element.tag != _DESCRIPTION:
            resource.types.append(element.tag)
        self._properties(element, resource, line)
        return name

    def _properties(self, element: Element, resource: _Resource, line: int) -> None:
        for attribute, value in element.attrib.items():
            if attribute not in _SYNTAX:  # a property written as an attribute
                self._add(resource, attribute, value)
        for child in element:
            self._add(resource, child.tag, self._value(child, line))

    def _add(self, resource: _Resource, name: str, value: str | _Ref) -> None:
        if name.startswith(_MEMBER):  # members, as rdf:li
            name = _LI
        self.statements += 1
        if name == _TYPE:
            resource.types.append(_from_uri(value.name if isinstance(value, _Ref) else value))
        else:
            resource.add(name, value)

    def _value(self, element: Element, line: int) -> str | _Ref:
        """A property element's value: a resource named or nested, or text."""
        if (named := element.get(_RESOURCE)) is not None:
            return _Ref(named)
        if (node_id := element.get(_NODE_ID)) is not None:
            return _Ref(f"_:{node_id}")
        if element.get(_PARSE_TYPE) == "Resource":
            name = f"_:#{next(self._blank)}"
            self._properties(element, self.resources.setdefault(name, _Resource(line)), line)
            return _Ref(name)
        if len(element):
            return _Ref(self.node(element[0], line))
        return element.text or ""

    def followed(
        self, resource: _Resource, name: str, passed: frozenset[int] = frozenset()
    ) -> Iterator[_Resource]:
        """The resources a property of ``resource`` names (``dcterms:isPartOf``: its
        containers, see :data:`ZOTERO_RDF_FIELDS`; ``passed``: the parts passed through,
        so that a part of itself ends)."""
        values = resource.properties.get(name, ())
        self.spend(len(values))
        for value in values:
            if isinstance(value, _Ref) and (target := self.resources.get(value.name)):
                if name != _PART_OF:
                    yield target
                elif _PASSED_THROUGH in target.types:
                    if id(target) not in passed:
                        yield from self.followed(target, _PART_OF, passed | {id(target)})
                elif _NOT_CONTAINERS.isdisjoint(target.types):
                    yield target

    def literals(self, resource: _Resource, name: str) -> list[str]:
        """The texts a property of ``resource`` gives."""
        values = resource.properties.get(name, ())
        self.spend(len(values))
        return [value for value in values if isinstance(value, str)]


@frozen
class _Step:
    name: str
    type: str | None


def _steps(path: str) -> tuple[_Step, ...]:
    """``dc:identifier[dcterms:URI]/rdf:value`` → its steps, names as URIs."""
    steps = []
    for step in path.split("/"):
        name, _, wanted = step.partition("[")
        steps.append(_Step(_uri(name), _uri(wanted.rstrip("]")) if wanted else None))
    return tuple(steps)


_PATHS = {
    field: tuple(_steps(path) for path in paths) for field, paths in ZOTERO_RDF_FIELDS.items()
}


def _texts(graph: _Graph, item: _Resource, field: str) -> list[str]:
    """Every text the paths of ``field`` lead to, path by path, on one line each."""
    found: list[str] = []
    for path in _PATHS[field]:
        *through, last = path
        resources = [item]
        for step in through:
            resources = [
                target
                for resource in resources
                for target in graph.followed(resource, step.name)
                if step.type is None or step.type in target.types
            ]
        for resource in resources:
            found.extend(one_line(value) for value in graph.literals(resource, last.name))
    return [value for value in found if value]


def _authors(graph: _Graph, item: _Resource) -> Iterator[tuple[str, str | None]]:
    for name in _AUTHOR_LISTS:
        for listed in graph.followed(item, name):
            for person in graph.followed(listed, _LI):
                family = next(iter(graph.literals(person, _SURNAME)), "")
                yield family, next(iter(graph.literals(person, _GIVEN)), None)


_TEXT_FIELDS = ("title", "container_title", "volume", "issue", "publisher", "place",
                "abstract", "url")  # fmt: skip


def _record(
    graph: _Graph, item: _Resource, number: int, source: str, problems: list[Problem]
) -> Record:
    texts = {name: _texts(graph, item, name) for name in ZOTERO_RDF_FIELDS}
    text = {name: next(iter(texts[name]), None) for name in _TEXT_FIELDS}
    other_titles = texts["title"][1:]
    if other_titles and text["container_title"] is None:
        # An item type without a container (a TV or radio broadcast) gets its programme
        # title (its publicationTitle) as a second dc:title, after its own title.
        text["container_title"], *other_titles = other_titles
    for other in other_titles:
        problems.append(Problem(source, number, given_twice("dc:title", other), item.line))
    text["doi"] = next((value for value in texts["doi"] if value.startswith(DOI_PREFIX)), None)
    extras = []
    for extra in texts["extra"]:
        from_extra, rest = extra_fields(extra, text)
        text |= from_extra
        extras.append(rest)
    text["access"] = joined_notes([*texts["access"], *extras])
    date, unread = written_or_year(next(iter(texts["date"]), None), None)
    text["status"], unread = status_or_unread(unread)
    if unread is not None:
        problems.append(Problem(source, number, unread_date(unread), item.line))
    accessed, unread = access_date(next(iter(texts["accessed"]), None))
    if unread is not None:
        problems.append(Problem(source, number, unread, item.line))
    type_name = next(iter(texts["kind"]), "")
    given = website_as_publisher(
        type_name, {name: value for name, value in text.items() if value is not None}
    )
    pages = next(iter(texts["pages"]), None)
    found = (to_person(family, given) for family, given in _authors(graph, item))
    return Record(
        number=number,
        lines=(item.line,) if item.line else (),
        kind=kind_of(type_name, ZOTERO_KINDS, given),
        text=given,
        authors=tuple(person for person in found if person is not None),
        date=date,
        accessed=accessed,
        pages=split_pages(pages) if pages else None,
        tags=tuple(dict.fromkeys(texts["tags"])),
    )


def _items(graph: _Graph) -> Iterable[_Resource]:
    """The resources that are works, in the file's order."""
    for resource in graph.resources.values():
        item_type = next(iter(graph.literals(resource, _ITEM_TYPE)), None)
        if item_type is not None and item_type.strip() not in _NOT_WORKS:
            yield resource


def read_zotero_rdf(
    text: str, source: str, problems: list[Problem], max_records: int, deadline: Deadline
) -> tuple[list[Record], int]:
    root, elements = parse_xml(text, source, problems, lambda _tag, depth: depth == 2)
    if root != _ROOT:
        raise InputError(f"{source}: XML, but not RDF (its root is not rdf:RDF)")
    graph = _Graph(source)
    for element, line in elements:
        graph.node(element, line)
    items = list(_items(graph))
    if graph.resources and not any(graph.literals(r, _ITEM_TYPE) for r in graph.resources.values()):
        raise InputError(
            f"{source}: RDF, but not Zotero RDF (no resource has a z:itemType); {EXPORT_HINT}"
        )
    refuse_beyond(len(items), max_records, source)
    records = [
        _record(graph, item, number, source, problems) for number, item in numbered(items, deadline)
    ]
    return records, len(items)
