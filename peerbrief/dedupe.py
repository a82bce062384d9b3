"""De-duplication: find the entries that are one work listed more than once, and merge them.

Matching is conservative, because a false merge silently loses a reference while a
missed merge only leaves a visible duplicate. Two copies are taken for the same work
only when all three of these hold:

1. **Titles agree** — equal after normalisation (case, punctuation, quote and dash
   styles, markup remnants, HTML entities, ``&``/``and``, diacritics and other Unicode
   variants; word-internal apostrophes dropped). Never fuzzy similarity, so numbers
   in titles (``Part 1`` / ``Part 2``) must agree exactly. With *equal DOIs* the
   titles may also differ in word breaks (``work-life`` / ``worklife``), a leading
   article and ``-ise``/``-ize`` spelling.
2. **Nothing vetoes the pair** — when both copies give a value it agrees: DOI, year,
   kind, first author (folded family name, and initial when both give one), volume,
   pages, journal and publisher (an abbreviation of the other counts as agreement).
3. **Something besides the title corroborates it** — the same year, or an equal DOI.
   When one copy has a year and the other has none, only an equal DOI merges them:
   the undated copy could as well be the later edition of a report. When neither has
   a year, they need an equal DOI or link URL, or (unless both give links, which then
   differ) the same first author, journal or publisher; a bare title merges nothing.

Values that do not decide identity may still disagree inside a merged group (two
issue numbers, two months of one year, further authors, place); they are recorded
as ``Choice(conflict=True)``, not hidden.

Candidates come from blocking: dicts keyed by the normalised title and by the DOI,
so only copies sharing a key are ever compared (the cost is linear in the number of
entries, and quadratic only in how often one title repeats). Matching pairs are joined into
connected groups; because matching is not transitive (A~B and B~C while A and C
disagree), a group with a vetoed pair inside is split: a copy that matches copies
which disagree with each other could belong to either side and is left alone, and if
that does not settle the group, none of its copies are merged. The groups, and every
merged value, do not depend on the order of the input; only the order of the output
entries does (each work sits where its first copy was).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any, Generic, NamedTuple, TypeVar

import attrs
from attrs import frozen

from .model import Choice, Date, Entry, Kind, Merge, Pages, Person, Provenance

__all__ = ["Deduplication", "dedupe", "title_key"]


@frozen
class Deduplication:
    """The result of :func:`dedupe`: every work once, and how each duplicate was merged."""

    entries: tuple[Entry, ...]
    """One entry per work, in the order of each work's first occurrence in the input."""
    merges: tuple[Merge, ...]
    """One record per merged entry, in the order of ``entries``."""


# --- Normalisation ------------------------------------------------------------------

# Letters that Unicode decomposition leaves alone but a reader sees as plain ones.
_LETTER_FOLDS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h",
     "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH"}
)  # fmt: skip
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
# The combining marks of Latin, Greek and Cyrillic letters (what NFKD splits off "é").
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W\d_])['’ʼ‘`′](?=[^\W\d_])")
_NOT_A_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Lower-case words separated by single spaces: everything a restyling can change is gone."""
    if "&" in text:
        text = html.unescape(text).replace("&", " and ")
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    if not text.isascii():
        text = _plain_letters(text)
    # Apostrophes between letters go, so that "peer supporter’s" and "peer supporters"
    # agree; every other non-word character separates words, keeping "1.5" apart from "15".
    text = _APOSTROPHE_IN_WORD.sub("", text.casefold())
    return _NOT_A_WORD.sub(" ", text).strip()


@functools.lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    """``_fold`` for the short values that recur across entries: journals, names, volumes."""
    return _fold(text)


def _plain_letters(text: str) -> str:
    """Compatibility-decompose (ligatures, full-width forms) and drop diacritics and
    invisible characters such as soft hyphens."""
    decomposed = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text).translate(_LETTER_FOLDS))
    return _COMBINING.sub("", decomposed)


def title_key(title: str) -> str:
    """The normalised form of a title under which copies of one work are matched.

    ``title_key("Peer support worker training: Results…") == title_key("peer support
    worker training – results…")``. An empty key (a title of punctuation only) never
    matches anything.
    """
    return _fold(title)


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")
_SPACE_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_]) (?=[^\W\d_])")


def _loose_title_key(key: str) -> str:
    """A looser title key, trusted only between copies with the same DOI. Spaces next
    to a digit stay, so "part 1 2" and "part 12" still differ."""
    key = _SPACE_BETWEEN_LETTERS.sub("", _LEADING_ARTICLE.sub("", key))
    return key.replace("iz", "is").replace("yz", "ys")


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def _doi_key(doi: str | None) -> str | None:
    """DOIs are case-insensitive and are written bare, as ``doi:`` or as a resolver URL."""
    if doi is None:
        return None
    key = _DOI_PREFIX.sub("", doi.strip())
    if "%" in key:  # a DOI copied from a URL may be percent-encoded
        key = urllib.parse.unquote(key)
    return key.casefold().rstrip(".") or None


_URL_SCHEME = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def _url_key(url: str | None) -> str | None:
    if url is None:
        return None
    return _URL_SCHEME.sub("", url.strip()).rstrip("/").casefold() or None


# Words that journal abbreviations and publishers' names drop ("J Ment Health Nurs").
_NAME_FILLERS = frozenset({"the", "of", "and", "for", "in", "on", "a", "an", "to", "de"})


def _name_tokens(name: str | None) -> tuple[str, ...] | None:
    if name is None:
        return None
    return tuple(word for word in _fold_short(name).split() if word not in _NAME_FILLERS) or None


def _number_tokens(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(_fold_short(value).split()) or None


def _page_key(pages: Pages | None) -> tuple[str, str | None] | None:
    """First and last page, the last written out in full (``246-8`` is 246–248)."""
    if pages is None:
        return None
    first = _fold_short(pages.first).replace(" ", "")
    last = _fold_short(pages.last).replace(" ", "") if pages.last else None
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last or None


_SEASON_MONTHS = {1: (3, 4, 5), 2: (6, 7, 8), 3: (9, 10, 11), 4: (12, 1, 2)}


def _point_months(date: Date) -> tuple[int, ...]:
    if date.month is not None:
        return (date.month,)
    return _SEASON_MONTHS[date.season] if date.season is not None else ()


def _months_covered(date: Date | None) -> frozenset[int] | None:
    """The months of the year a date can mean; None for a bare year (it can mean any)."""
    start = _point_months(date) if date else ()
    if date is None or not start:
        return None
    stop = _point_months(date.end) if date.end else ()
    months, month = {*start, *stop}, start[0]
    while stop and month != stop[-1]:
        month = month % 12 + 1
        months.add(month)
    return frozenset(months)


# --- What is compared ---------------------------------------------------------------


@frozen
class _Profile:
    """The normalised values of one entry that matching compares, computed once."""

    title: str
    kind: Kind
    doi: str | None
    year: int | None
    first_family: str | None
    first_initial: str | None
    volume: tuple[str, ...] | None
    pages: tuple[str, str | None] | None
    container: tuple[str, ...] | None
    publisher: tuple[str, ...] | None
    url: str | None


def _profile(entry: Entry, key: str) -> _Profile:
    first = entry.first_author
    initial = _fold_short(first.given)[:1] if first and first.given else ""
    return _Profile(
        title=key,
        kind=entry.kind,
        doi=_doi_key(entry.doi),
        year=entry.year,
        first_family=_fold_short(first.family) or None if first else None,
        first_initial=initial or None,
        volume=_number_tokens(entry.volume),
        pages=_page_key(entry.pages),
        container=_name_tokens(entry.container_title),
        publisher=_name_tokens(entry.publisher),
        url=_url_key(entry.url),
    )


def _words_agree(a: str, b: str) -> bool:
    """Equal, or one word abbreviates the other ("J" / "Journal"); numbers must be equal."""
    return a == b or (a.isalpha() and b.isalpha() and (a.startswith(b) or b.startswith(a)))


def _names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Journal or publisher names: word by word, or one the acronym of the other (HEE)."""
    if len(a) == len(b):
        return all(_words_agree(x, y) for x, y in zip(a, b, strict=True))
    return _is_acronym(a, b) or _is_acronym(b, a)


def _is_acronym(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    return len(short) == 1 and len(full) > 1 and short[0] == "".join(word[0] for word in full)


def _refines(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One value is the other with more detail: volume ``30`` and ``30 Suppl 1``."""
    return all(_words_agree(x, y) for x, y in zip(a, b, strict=False))


def _pages_agree(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


def _differ(a: object | None, b: object | None) -> bool:
    return a is not None and b is not None and a != b


def _veto(a: _Profile, b: _Profile) -> str | None:
    """Why two copies cannot be one work (both give a value, and the values disagree)."""
    if a.kind is not b.kind:
        return "kinds differ"
    if _differ(a.doi, b.doi):
        return "DOIs differ"
    if _differ(a.year, b.year):
        return "years differ"
    if _differ(a.first_family, b.first_family) or _differ(a.first_initial, b.first_initial):
        return "first authors differ"
    if a.volume and b.volume and not _refines(a.volume, b.volume):
        return "volumes differ"
    if a.pages and b.pages and not _pages_agree(a.pages, b.pages):
        return "pages differ"
    if a.container and b.container and not _names_agree(a.container, b.container):
        return "journals differ"
    if a.publisher and b.publisher and not _names_agree(a.publisher, b.publisher):
        return "publishers differ"
    return None


def _same_doi(a: _Profile, b: _Profile) -> bool:
    return a.doi is not None and a.doi == b.doi


def _titles_agree(a: _Profile, b: _Profile) -> bool:
    if a.title == b.title:
        return bool(a.title)
    if not _same_doi(a, b):
        return False
    loose = _loose_title_key(a.title)
    return bool(loose) and loose == _loose_title_key(b.title)


def _corroborated(a: _Profile, b: _Profile) -> bool:
    """Evidence besides the title (assuming no veto, so whatever both give is equal)."""
    if _same_doi(a, b):
        return True
    if a.year is not None or b.year is not None:
        # A dated and an undated copy could be any edition of a report: keep apart.
        return a.year is not None and b.year is not None
    if a.url is not None and b.url is not None:
        # Undated (mostly grey literature): two links say whether it is one document.
        return a.url == b.url
    return any(
        x is not None and y is not None
        for x, y in (
            (a.first_family, b.first_family),
            (a.container, b.container),
            (a.publisher, b.publisher),
        )
    )


def _same_work(a: _Profile, b: _Profile) -> bool:
    return _titles_agree(a, b) and _veto(a, b) is None and _corroborated(a, b)


# --- Grouping -----------------------------------------------------------------------


class _Matches:
    """The matching pairs found by blocking, as an adjacency map over input positions."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self.profiles: dict[int, _Profile] = {}
        self.neighbours: dict[int, set[int]] = defaultdict(set)
        keys = [title_key(entry.title) for entry in entries]
        self._compare_blocks(keys)

    def _compare_blocks(self, keys: list[str]) -> None:
        by_title: dict[str, list[int]] = defaultdict(list)
        by_doi: dict[str, list[int]] = defaultdict(list)
        for index, (entry, key) in enumerate(zip(self.entries, keys, strict=True)):
            if key:
                by_title[key].append(index)
            doi = _doi_key(entry.doi)
            if doi:
                by_doi[doi].append(index)
        for block in by_title.values():
            self._compare_within(block, keys)
        for block in by_doi.values():
            self._compare_within(block, keys, skip_equal_titles=True)

    def _compare_within(
        self, block: list[int], keys: list[str], *, skip_equal_titles: bool = False
    ) -> None:
        if len(block) < 2:
            return
        for i in block:
            if i not in self.profiles:
                self.profiles[i] = _profile(self.entries[i], keys[i])
        for i, j in combinations(block, 2):
            if skip_equal_titles and keys[i] == keys[j]:
                continue  # already compared in the title block
            if _same_work(self.profiles[i], self.profiles[j]):
                self.neighbours[i].add(j)
                self.neighbours[j].add(i)

    def vetoed(self, i: int, j: int) -> bool:
        if j in self.neighbours[i]:
            return False  # a matching pair, so already known to have no veto
        return _veto(self.profiles[i], self.profiles[j]) is not None

    def vetoed_pairs(self, members: Iterable[int]) -> list[tuple[int, int]]:
        return [(i, j) for i, j in combinations(members, 2) if self.vetoed(i, j)]

    def groups(self) -> list[list[int]]:
        """Groups of two or more copies of one work, each a sorted list of positions."""
        found: list[list[int]] = []
        for component in _components(self.neighbours, set(self.neighbours)):
            found.extend(group for group in self._conflict_free(component) if len(group) > 1)
        return found

    def _conflict_free(self, component: list[int]) -> list[list[int]]:
        """Split a connected group that holds two copies which disagree (see module doc)."""
        vetoed = self.vetoed_pairs(component)
        if not vetoed:
            return [component]
        # A copy that matches both of two disagreeing copies could belong with either.
        ambiguous = set().union(*(self.neighbours[i] & self.neighbours[j] for i, j in vetoed))
        settled: list[list[int]] = [[i] for i in sorted(ambiguous)]
        for part in _components(self.neighbours, set(component) - ambiguous):
            settled.extend([[i] for i in part] if self.vetoed_pairs(part) else [part])
        return settled


def _components(neighbours: dict[int, set[int]], nodes: set[int]) -> list[list[int]]:
    """Connected components of the graph restricted to ``nodes``, each sorted."""
    unseen, found = set(nodes), []
    for start in sorted(nodes):
        if start not in unseen:
            continue
        unseen.discard(start)
        component, frontier = [start], [start]
        while frontier:
            for other in neighbours[frontier.pop()] & unseen:
                unseen.discard(other)
                component.append(other)
                frontier.append(other)
        found.append(sorted(component))
    return found


# --- Merging ------------------------------------------------------------------------

_V = TypeVar("_V")


def _text_richness(text: str) -> tuple[int, ...]:
    """Longer (an abbreviation spelt out), then typographically richer (diacritics,
    curly quotes), then more capitals unless shouting ("Journal of…" over "journal of…")."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    capitals = sum(map(str.isupper, text))
    return len(text), non_ascii, int(not text.isupper()), capitals


class _Authors(NamedTuple):
    people: tuple[Person, ...]
    truncated: bool


def _author_richness(authors: _Authors) -> tuple[int, ...]:
    given = sum(1 for person in authors.people if person.given)
    return int(not authors.truncated), len(authors.people), given, len(_show_authors(authors))


def _show_authors(authors: _Authors) -> str:
    names = "; ".join(str(person) for person in authors.people)
    return f"{names} et al." if authors.truncated else names


def _families(authors: _Authors) -> tuple[str, ...]:
    return tuple(_fold_short(person.family) for person in authors.people)


def _author_lists_agree(a: _Authors, b: _Authors) -> bool:
    """A truncated list agrees with any list it begins; two full lists must be equal."""
    fa, fb = _families(a), _families(b)
    if a.truncated and b.truncated:
        return fa == fb[: len(fa)] or fb == fa[: len(fb)]
    if a.truncated:
        return fa == fb[: len(fa)]
    if b.truncated:
        return fb == fa[: len(fb)]
    return fa == fb


def _dates_agree(a: Date, b: Date) -> bool:
    """Dates of one year agree when one is within the other (``January 2020`` within
    ``January-February 2020``); two different days of one month do not."""
    ma, mb = _months_covered(a), _months_covered(b)
    if ma is not None and mb is not None and not (ma <= mb or mb <= ma):
        return False
    return not (a.end is None and b.end is None and a.month == b.month and _differ(a.day, b.day))


def _issues_agree(a: str, b: str) -> bool:
    ta, tb = _number_tokens(a) or (), _number_tokens(b) or ()
    return _refines(ta, tb)


def _always_agree(_a: object, _b: object) -> bool:
    # For fields the veto already compared, or whose differences are only of style.
    return True


@frozen
class _FieldRule(Generic[_V]):
    """How one field of the copies becomes the merged entry's value."""

    name: str
    read: Callable[[Entry], _V | None]
    richness: Callable[[_V], tuple[int, ...]]
    show: Callable[[_V], str] = str
    agree: Callable[[_V, _V], bool] = _always_agree
    """False when two values contradict each other (a conflict), not just differ in detail."""
    write: Callable[[_V], dict[str, Any]] | None = None
    """The entry fields the value sets; by default the field of the same name."""


_FIELD_RULES: tuple[_FieldRule[Any], ...] = (
    _FieldRule[str]("title", lambda e: e.title, _text_richness),
    _FieldRule[_Authors](
        "authors",
        lambda e: _Authors(e.authors, e.authors_truncated) if e.authors else None,
        _author_richness,
        show=_show_authors,
        agree=_author_lists_agree,
        write=lambda a: {"authors": a.people, "authors_truncated": a.truncated},
    ),
    _FieldRule[str]("container_title", lambda e: e.container_title, _text_richness),
    _FieldRule[str]("volume", lambda e: e.volume, _text_richness),
    _FieldRule[str]("issue", lambda e: e.issue, _text_richness, agree=_issues_agree),
    _FieldRule[Pages]("pages", lambda e: e.pages, lambda p: (int(p.last is not None), len(str(p)))),
    _FieldRule[Date]("date", lambda e: e.date, lambda d: (d.precision,), str, _dates_agree),
    _FieldRule[str]("publisher", lambda e: e.publisher, _text_richness),
    _FieldRule[str](
        "place",
        lambda e: e.place,
        _text_richness,
        agree=lambda a, b: _fold_short(a) == _fold_short(b),
    ),
    _FieldRule[str]("abstract", lambda e: e.abstract, lambda text: (len(text),)),
    _FieldRule[str]("access", lambda e: e.access, _text_richness),
    _FieldRule[str]("url", lambda e: e.url, lambda url: (int(url.startswith("https:")),)),
    _FieldRule[str]("doi", lambda e: e.doi, lambda doi: (int(doi.startswith("10.")),)),
)


def _decide(rule: _FieldRule[_V], copies: Sequence[Entry]) -> tuple[_V | None, Choice | None]:
    """The richest value of one field (the earliest copy's on a tie), and the Choice
    recording it if the copies' values differ."""
    values = [rule.read(entry) for entry in copies]
    if all(value == values[0] for value in values):
        return values[0], None
    given = [(rule.show(value), value) for value in values if value is not None]
    distinct = dict.fromkeys(shown for shown, _ in given)
    if len(distinct) == 1:
        shown, value = given[0]
        return value, None if len(given) == len(copies) else Choice(rule.name, shown, ())
    _, (shown, chosen) = max(
        enumerate(given), key=lambda item: (rule.richness(item[1][1]), -item[0])
    )
    others = [value for text, value in given if text != shown]
    return chosen, Choice(
        field=rule.name,
        chosen=shown,
        over=tuple(text for text in distinct if text != shown),
        conflict=any(not rule.agree(chosen, value) for value in others),
    )


def _sections_choice(copies: Sequence[Entry], union: str) -> Choice | None:
    listed = dict.fromkeys("; ".join(map(str, entry.sections)) for entry in copies)
    if len(listed) < 2:
        return None
    return Choice("sections", union, tuple(text for text in listed if text != union))


def _canonical_order(copies: Iterable[Entry]) -> list[Entry]:
    """Copies in an order that does not depend on the input's: by where they were read
    (brief, source, line), then, for copies read from the same place, by content."""
    placed = sorted(((_where_read(entry), entry) for entry in copies), key=lambda pair: pair[0])
    places = [place for place, _ in placed]
    if len(set(places)) == len(places):
        return [entry for _, entry in placed]
    return sorted(
        (entry for _, entry in placed), key=lambda entry: (_where_read(entry), repr(entry))
    )


def _where_read(entry: Entry) -> tuple[tuple[str, str, int], ...]:
    return tuple((p.brief or "", p.source, p.first_line) for p in entry.provenance)


def _merge(copies: Sequence[Entry], profiles: Sequence[_Profile]) -> Merge:
    changes: dict[str, Any] = {}
    choices: list[Choice] = []
    for rule in _FIELD_RULES:
        value, choice = _decide(rule, copies)
        if value is not None:
            changes.update(rule.write(value) if rule.write else {rule.name: value})
        if choice is not None:
            choices.append(choice)
    sections = tuple(dict.fromkeys(section for entry in copies for section in entry.sections))
    sections_choice = _sections_choice(copies, "; ".join(map(str, sections)))
    if sections_choice is not None:
        choices.append(sections_choice)
    provenance: tuple[Provenance, ...] = tuple(p for entry in copies for p in entry.provenance)
    merged = attrs.evolve(copies[0], **changes, sections=sections, provenance=provenance)
    return Merge(merged, copies, _evidence(copies, profiles), choices)


# --- Evidence -----------------------------------------------------------------------


_EQUAL_TITLES = (
    "titles equal ignoring case, punctuation, quote and dash styles, markup and diacritics"
)
_EQUAL_DOI_AND_LOOSE_TITLES = (
    "the same DOI, and titles equal ignoring also word breaks, a leading article and"
    " -ise/-ize spelling"
)
_NO_DISAGREEMENT = (
    "no two copies disagree on kind, DOI, year, first author, volume, pages, journal or publisher"
)


def _evidence(copies: Sequence[Entry], profiles: Sequence[_Profile]) -> tuple[str, ...]:
    equal_titles = len({profile.title for profile in profiles}) == 1
    found = [_EQUAL_TITLES if equal_titles else _EQUAL_DOI_AND_LOOSE_TITLES]
    for label, read in _EVIDENCE_FIELDS:
        line = _agreement(label, [read(entry) for entry in copies])
        if line:
            found.append(line)
    found.append(_NO_DISAGREEMENT)
    return tuple(found)


def _first_family(entry: Entry) -> str | None:
    return entry.first_author.family if entry.first_author else None


_EVIDENCE_FIELDS: tuple[tuple[str, Callable[[Entry], object | None]], ...] = (
    ("DOI", lambda e: e.doi),
    ("year", lambda e: e.year),
    ("first author", _first_family),
    ("journal", lambda e: e.container_title),
    ("volume", lambda e: e.volume),
    ("pages", lambda e: e.pages),
    ("publisher", lambda e: e.publisher),
    ("URL", lambda e: e.url),
)


def _agreement(label: str, values: Sequence[object | None]) -> str | None:
    """A line such as ``same year: 2021`` when two or more copies give the value (they
    agree, or they would not have been merged), saying how many gave it if not all."""
    given = [value for value in values if value is not None]
    if len(given) < 2:
        return None
    count = "" if len(given) == len(values) else f" (in {len(given)} of {len(values)} copies)"
    return f"same {label}: {given[0]}{count}"


# --- The public functions -------------------------------------------------------------


def dedupe(entries: Iterable[Entry]) -> Deduplication:
    """Merge the entries that are copies of one work (see the module doc for the rules).

    Works on the entries of one brief or of several; each merged entry keeps the richest
    value of every field, the union of the sections and every copy's provenance.
    """
    listed = list(entries)
    matches = _Matches(listed)
    replacement: dict[int, Merge | None] = {}
    for group in matches.groups():
        copies = _canonical_order(listed[i] for i in group)
        profiles = [matches.profiles[i] for i in group]
        replacement[group[0]] = _merge(copies, profiles)
        replacement.update((i, None) for i in group[1:])
    kept: list[Entry] = []
    merges: list[Merge] = []
    for index, entry in enumerate(listed):
        merge = replacement.get(index, entry)
        if isinstance(merge, Merge):
            merges.append(merge)
            kept.append(merge.entry)
        elif merge is not None:
            kept.append(merge)
    return Deduplication(tuple(kept), tuple(merges))
