"""biblatex's ``crossref`` and ``xdata`` inheritance (the biblatex manual, appendix B),
for the fields peerbrief reads. bibtexparser 2 leaves it undone (a "TODO" in its
``interpolate`` middlewares), so it is written here, over plain field mappings.

A child takes a group of fields (all the spellings of one entry field: ``journaltitle``,
``journal``, ``booktitle``…; the date's ``date``, ``year``, ``month``, ``day``) from its
parent only when it has none of that group: its own ``year`` is its date even when the
parent writes ``date``. A parent's ``title`` is inherited only where biblatex maps it
(a ``@proceedings``' title is its ``@inproceedings``' ``booktitle``; a ``@periodical``'s,
an ``@article``'s ``journaltitle``). ``xdata`` entries give their fields 1:1, and are
not records themselves. Fields that name one work rather than its book, journal or
publisher (title, DOI, link, abstract, notes, tags, pages) are not inherited, which
biblatex does: a paper carrying its volume's DOI would match the volume. The parent is
read as its own record, so its values are not lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from attrs import frozen

XDATA_TYPE = "xdata"
"""biblatex's entry type holding fields for others to inherit: not a record."""

TITLE_BECOMES: Mapping[tuple[str, str], str] = {
    **{("book", child): "booktitle" for child in ("inbook", "bookinbook", "suppbook")},
    **{
        (parent, child): "booktitle"
        for parent in ("collection", "reference")
        for child in ("incollection", "inreference", "suppcollection")
    },
    **{("proceedings", child): "booktitle" for child in ("inproceedings", "conference")},
    **{("periodical", child): "journaltitle" for child in ("article", "suppperiodical")},
}
"""(Parent type, child type) → the field the parent's ``title`` fills in the child."""


@frozen
class Node:
    """One entry: its type and key, its own fields (names lower-cased), and what it
    points to."""

    type: str
    key: str
    fields: Mapping[str, Any]


def _references(node: Node) -> Iterator[tuple[str, str]]:
    """(``xdata`` or ``crossref``, key), in the order biber resolves them: xdata first."""
    xdata = node.fields.get("xdata")
    if isinstance(xdata, str):
        for key in dict.fromkeys(part.strip() for part in xdata.split(",")):
            if key:
                yield "xdata", key
    crossref = node.fields.get("crossref")
    if isinstance(crossref, str) and crossref.strip():
        yield "crossref", crossref.strip()


def inherit(
    nodes: Sequence[Node], groups: Iterable[tuple[str, ...]]
) -> list[tuple[dict[str, Any], list[str]]]:
    """Each node's fields with what it inherits, and why a reference was not followed
    (no entry has its key; it leads back to the entry). Parents are resolved before their
    children, so chains are followed; depth first without recursion, as a hostile file
    may chain thousands."""
    groups = tuple(groups)
    by_key: dict[str, int] = {}
    for index, node in enumerate(nodes):
        by_key.setdefault(node.key.casefold(), index)  # BibTeX matches keys in any case
    resolved: dict[int, dict[str, Any]] = {}
    reasons: list[list[str]] = [[] for _ in nodes]
    for start in range(len(nodes)):
        if start in resolved:
            continue
        stack = [_Frame(start, deque(_references(nodes[start])))]
        visiting = {start}
        while stack:
            frame = stack[-1]
            if not frame.pending:
                stack.pop()
                visiting.discard(frame.index)
                parents = [
                    (name, nodes[parent].type, resolved[parent]) for name, parent in frame.followed
                ]
                resolved[frame.index] = _merged(nodes[frame.index], parents, groups)
                continue
            name, key = frame.pending[0]
            parent = by_key.get(key.casefold())
            if parent is not None and parent not in visiting and parent not in resolved:
                visiting.add(parent)
                stack.append(_Frame(parent, deque(_references(nodes[parent]))))
                continue
            frame.pending.popleft()
            if parent is None:
                why = "no entry of that key in the file"
            elif parent in visiting:
                why = "leads back to this entry"
            else:
                frame.followed.append((name, parent))
                continue
            reasons[frame.index].append(f"{name} {key!r}: {why}; nothing inherited")
    return [(resolved[index], reasons[index]) for index in range(len(nodes))]


@attrs.define
class _Frame:
    """An entry being resolved: the references still to follow, and those followed."""

    index: int
    pending: deque[tuple[str, str]]
    followed: list[tuple[str, int]] = attrs.field(factory=list)


def _merged(
    node: Node,
    parents: Sequence[tuple[str, str, Mapping[str, Any]]],
    groups: Sequence[tuple[str, ...]],
) -> dict[str, Any]:
    """The node's fields with each group it lacks taken from its parents (reference
    name, type, resolved fields), in order: its xdata first, then its crossref."""
    fields = dict(node.fields)
    for name, parent_type, given in parents:
        # (Looked up group by group: a parent's fields are not copied for each child, a
        # hostile parent of 4,000 fields with as many children took 55 s.)
        target = TITLE_BECOMES.get((parent_type, node.type)) if name == "crossref" else None
        for group in groups:
            if any(field in fields for field in group):
                continue
            if target in group:  # (the title is in no group: never inherited 1:1)
                fields.update({target: given["title"]} if "title" in given else {})
            else:
                fields.update({field: given[field] for field in group if field in given})
    return fields
