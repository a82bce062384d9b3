"""A static check that a regular expression runs in linear time on any input.

Python's ``re`` backtracks. A pattern is slow on some input when a run of one character
can be matched in more than one way: by two loops that can follow each other
(``\\s*,?\\s*``: the time grows as the square of the run, or its cube under ``.search``)
or by one loop that can go round in two ways (``(\\w+\\s?)*``: exponential). This module
finds such runs in the parsed pattern, with no timing at all, so the test suite can check
every pattern of the package on every run.

How: the pattern (``re._parser``'s tree) becomes a Thompson automaton. For each
character ``c`` of a probe alphabet, only the moves that consume ``c`` or consume
nothing are kept, with zero-width assertions decided for a run of ``c`` (``\\b`` never
holds inside one, ``(?<=\\d)`` holds iff ``c`` is a digit). Then:

* two distinct loops over ``c``, one reachable from the other → polynomial;
* one loop over ``c`` that can be gone round in two different ways → exponential.

Unless the pattern starts with ``^``/``\\A``, the implicit search loop (``re.search``,
``sub``, ``findall`` and ``split`` try every start) is a loop over every character.

Approximations, all on the side of caution: a bounded repeat of more than
:data:`UNROLL` is treated as a loop; lookarounds longer than one character and
back-references are taken to always hold; runs of two alternating characters are not
considered (no pattern of the package needs them, and the pump tests of the audit
exercise them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import attrs

if sys.version_info >= (3, 11):
    from re import _constants as sre
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

__all__ = ["PROBE", "UNROLL", "Finding", "audit"]

UNROLL = 64
"""A bounded repeat up to this many times is unrolled; a larger one counts as a loop."""

PROBE = (
    "".join(chr(code) for code in range(9, 14))
    + "".join(chr(code) for code in range(32, 127))
    + "\u00a0\u2009\u200b\u2013\u2014\u2019\u201c\u2026\u2022\u00b2\u00e9\u03b7\u0416\u4e2d\ue000\ufeff"
)
"""Characters tried as pumps, besides every character the pattern names."""

Matcher = Callable[[str], bool]


@attrs.frozen
class Finding:
    """Why a pattern is not linear: ``kind`` is "polynomial" or "exponential"."""

    kind: str
    char: str

    def __str__(self) -> str:
        return f"{self.kind} on a run of {self.char!r}"


@attrs.define
class _Automaton:
    """States are ints. ``moves`` consume a character; ``jumps`` consume none and may
    carry a condition on the character around them (an assertion)."""

    moves: list[list[tuple[Matcher, int]]] = attrs.field(factory=list)
    jumps: list[list[tuple[Matcher | None, int]]] = attrs.field(factory=list)
    chars: set[str] = attrs.field(factory=set)

    def state(self) -> int:
        self.moves.append([])
        self.jumps.append([])
        return len(self.moves) - 1

    def jump(self, source: int, target: int, condition: Matcher | None = None) -> None:
        self.jumps[source].append((condition, target))


def _category(code: Any) -> Matcher:
    table: dict[Any, Matcher] = {
        sre.CATEGORY_DIGIT: str.isdecimal,
        sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
        sre.CATEGORY_SPACE: str.isspace,
        sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
        sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
        sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
    }
    return table.get(code, lambda c: True)


def _equal(literal: str) -> Matcher:
    return lambda c: c == literal


def _not_equal(literal: str) -> Matcher:
    return lambda c: c != literal


def _between(low: int, high: int) -> Matcher:
    return lambda c: low <= ord(c) <= high


def _folded(matcher: Matcher, ignore_case: bool) -> Matcher:
    if not ignore_case:
        return matcher
    return lambda c: matcher(c) or matcher(c.lower()) or matcher(c.upper())


class _Builder:
    def __init__(self, flags: int) -> None:
        self.automaton = _Automaton()
        self.flags = flags

    def leaf(self, op: Any, av: Any, flags: int) -> Matcher | None:
        ignore_case = bool(flags & sre.SRE_FLAG_IGNORECASE)
        chars = self.automaton.chars
        if op is sre.LITERAL:
            chars.add(chr(av))
            return _folded(_equal(chr(av)), ignore_case)
        if op is sre.NOT_LITERAL:
            chars.add(chr(av))
            return _folded(_not_equal(chr(av)), ignore_case)
        if op is sre.ANY:
            dotall = bool(flags & sre.SRE_FLAG_DOTALL)
            return lambda c: dotall or c != "\n"
        if op is sre.CATEGORY:
            return _category(av)
        if op is sre.IN:
            return _folded(self._set(av), ignore_case)
        return None

    def _set(self, items: list[tuple[Any, Any]]) -> Matcher:
        negate = bool(items) and items[0][0] is sre.NEGATE
        tests: list[Matcher] = []
        for op, av in items[1:] if negate else items:
            if op is sre.LITERAL:
                self.automaton.chars.add(chr(av))
                tests.append(_equal(chr(av)))
            elif op is sre.RANGE:
                low, high = av
                self.automaton.chars.update((chr(low), chr(high)))
                tests.append(_between(low, high))
            elif op is sre.CATEGORY:
                tests.append(_category(av))
        return lambda c: negate != any(test(c) for test in tests)

    def sequence(self, items: Iterable[tuple[Any, Any]], start: int, flags: int) -> int:
        state = start
        for op, av in items:
            state = self.item(op, av, start=state, flags=flags)
        return state

    def item(self, op: Any, av: Any, *, start: int, flags: int) -> int:
        automaton = self.automaton
        matcher = self.leaf(op, av, flags)
        if matcher is not None:
            end = automaton.state()
            automaton.moves[start].append((matcher, end))
            return end
        if op is sre.SUBPATTERN:
            _group, add, remove, pattern = av
            return self.sequence(pattern, start, (flags | add) & ~remove)
        if op is sre.BRANCH:
            end = automaton.state()
            for alternative in av[1]:
                automaton.jump(self.sequence(alternative, start, flags), end)
            return end
        if op is sre.GROUPREF_EXISTS:
            _group, yes, no = av
            end = automaton.state()
            automaton.jump(self.sequence(yes, start, flags), end)
            automaton.jump(self.sequence(no, start, flags) if no else start, end)
            return end
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) or op is getattr(sre, "POSSESSIVE_REPEAT", None):
            return self.repeat(av, start, flags)
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return self.sequence(av, start, flags)
        if op is sre.AT:
            end = automaton.state()
            automaton.jump(start, end, _at(av, flags))
            return end
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            end = automaton.state()
            automaton.jump(start, end, self.assertion(av, negative=op is sre.ASSERT_NOT))
            return end
        # Back-references and anything else: taken to match without consuming.
        end = automaton.state()
        automaton.jump(start, end)
        return end

    def repeat(self, av: Any, start: int, flags: int) -> int:
        low, high, body = av
        state = start
        for _ in range(min(low, UNROLL)):
            state = self.sequence(body, state, flags)
        if high is sre.MAXREPEAT or high - low > UNROLL:
            loop = self.automaton.state()
            self.automaton.jump(state, loop)
            self.automaton.jump(self.sequence(body, loop, flags), loop)
            return loop
        for _ in range(high - low):
            end = self.automaton.state()
            self.automaton.jump(state, end)
            self.automaton.jump(self.sequence(body, state, flags), end)
            state = end
        return state

    def assertion(self, av: Any, *, negative: bool) -> Matcher | None:
        """A one-character lookaround inside a run of ``c`` sees ``c``; others: always."""
        _direction, pattern = av
        items = list(pattern)
        if len(items) != 1:
            return None
        matcher = self.leaf(items[0][0], items[0][1], self.flags)
        if matcher is None:
            return None
        return (lambda c: not matcher(c)) if negative else matcher


def _at(code: Any, flags: int) -> Matcher | None:
    """Whether an anchor can hold between two characters ``c`` of a run."""
    if code is sre.AT_NON_BOUNDARY:
        return None
    if code is sre.AT_BEGINNING and flags & sre.SRE_FLAG_MULTILINE:
        return lambda c: c == "\n"
    return lambda c: False  # ^ $ \A \Z \b: never inside a run


def _parse(pattern: str, flags: int) -> Any:
    return sre_parse.parse(pattern, flags)


def _anchored(parsed: Any) -> bool:
    """Whether the pattern can start only at the text's start: ``\\A``, or ``^`` without
    MULTILINE (with it ``^`` holds after every newline, and a search tries each)."""
    items = list(parsed)
    if not items or items[0][0] is not sre.AT:
        return False
    if items[0][1] is sre.AT_BEGINNING_STRING:
        return True
    return items[0][1] is sre.AT_BEGINNING and not parsed.state.flags & sre.SRE_FLAG_MULTILINE


def _build(pattern: str, flags: int, *, searched: bool) -> tuple[_Automaton, int]:
    """The automaton of ``pattern`` and its accepting state."""
    parsed = _parse(pattern, flags)
    builder = _Builder(parsed.state.flags)
    automaton = builder.automaton
    start = automaton.state()
    if searched and not _anchored(parsed):
        # re.search tries every start: a loop over any character before the pattern.
        automaton.moves[start].append((lambda c: True, start))
    return automaton, builder.sequence(parsed, start, parsed.state.flags)


def _graph(automaton: _Automaton, char: str) -> list[list[tuple[int, bool]]]:
    """The moves open on a run of ``char``: (target, consumes)."""
    graph: list[list[tuple[int, bool]]] = []
    for moves, jumps in zip(automaton.moves, automaton.jumps, strict=True):
        edges = [(target, True) for matcher, target in moves if matcher(char)]
        edges += [(target, False) for cond, target in jumps if cond is None or cond(char)]
        graph.append(edges)
    return graph


def _components(graph: list[list[tuple[int, bool]]]) -> list[int]:
    """Strongly connected components (Tarjan, iterative): component id per state."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    component = [-1] * len(graph)
    stack: list[int] = []
    on_stack: set[int] = set()
    counter = 0
    found = 0
    for root in range(len(graph)):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            if edge < len(graph[node]):
                work.append((node, edge + 1))
                target = graph[node][edge][0]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            for target, _ in graph[node]:
                if target in on_stack:
                    low[node] = min(low[node], low[target])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = found
                    if member == node:
                        break
                found += 1
    return component


def _loops(graph: list[list[tuple[int, bool]]], component: list[int]) -> set[int]:
    """Components that can consume a character and come back: loops over the run."""
    return {
        component[source]
        for source, edges in enumerate(graph)
        for target, consumes in edges
        if consumes and component[source] == component[target]
    }


def _reachable(graph: list[list[tuple[int, bool]]], sources: Iterable[int]) -> set[int]:
    seen = set(sources)
    todo = list(seen)
    while todo:
        for target, _ in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _committed(automaton: _Automaton, accept: int) -> set[int]:
    """States from which the match succeeds without consuming or testing anything:
    once there, the engine never backtracks, so a loop there cannot be slow."""
    done = {accept}
    changed = True
    while changed:
        changed = False
        for state, jumps in enumerate(automaton.jumps):
            if state not in done and any(c is None and t in done for c, t in jumps):
                done.add(state)
                changed = True
    return done


def _two_loops_in_a_row(
    graph: list[list[tuple[int, bool]]], component: list[int], loops: set[int]
) -> bool:
    for loop in loops:
        members = [state for state, comp in enumerate(component) if comp == loop]
        later = _reachable(graph, members)
        if any(component[state] in loops and component[state] != loop for state in later):
            return True
    return False


def _ambiguous_loop(
    graph: list[list[tuple[int, bool]]], component: list[int], loops: set[int]
) -> bool:
    """A loop state from which one character can be consumed by two different paths
    (two moves, or one move reached by two routes) that both stay in the loop."""
    for state, comp in enumerate(component):
        if comp not in loops:
            continue
        ways: dict[tuple[int, int], int] = {}
        # Count routes over non-consuming jumps to each consuming move; a cycle of
        # jumps inside the loop counts as infinitely many routes.
        todo: list[tuple[int, frozenset[int]]] = [(state, frozenset({state}))]
        while todo:
            node, path = todo.pop()
            for target, consumes in graph[node]:
                if component[target] != comp:
                    continue
                if consumes:
                    ways[(node, target)] = ways.get((node, target), 0) + 1
                elif target in path:
                    return True
                else:
                    todo.append((target, path | {target}))
            if sum(ways.values()) > 1:
                return True
    return False


def audit(pattern: str, flags: int = 0, *, searched: bool = True) -> list[Finding]:
    """Every pump character on which ``pattern`` is not linear (empty: linear).

    ``searched``: whether the pattern is used with ``search``/``sub``/``findall``/``split``
    (the default) rather than only ``match``/``fullmatch``.
    """
    automaton, accept = _build(pattern, flags, searched=searched)
    committed = _committed(automaton, accept)
    findings: list[Finding] = []
    for char in sorted(set(PROBE) | automaton.chars):
        graph = _graph(automaton, char)
        component = _components(graph)
        loops = _loops(graph, component)
        # A loop whose every state may end the match at once is never gone back over.
        loops -= {component[state] for state in committed}
        if not loops:
            continue
        if _ambiguous_loop(graph, component, loops):
            findings.append(Finding("exponential", char))
        elif _two_loops_in_a_row(graph, component, loops):
            findings.append(Finding("polynomial", char))
    return findings
