"""De-duplication: find the entries that are one work listed more than once, and merge them;
and the same matching against a reference library (:func:`against`).

Matching is conservative, because a false merge silently loses a reference while a
missed merge only leaves a visible duplicate. Two copies are taken for the same work
only when all three of these hold:

1. **Titles agree** — equal after normalisation (case, punctuation, quote and dash
   styles, markup remnants, HTML entities, ``&``/``and``, diacritics and other Unicode
   variants; word-internal apostrophes dropped). Never fuzzy similarity, so numbers
   in titles (``Part 1`` / ``Part 2``) must agree exactly. With *equal DOIs* the
   titles may also differ in word breaks (``work-life`` / ``worklife``), a leading
   article and ``-ise``/``-ize`` spelling.
2. **Nothing vetoes the pair** — kind and year, when both copies give them, agree,
   and so do DOIs. An *equal DOI* decides the rest; without one, first author (folded
   family name, and initial when both give one), volume, pages, journal and publisher
   must agree too. Journal and publisher names agree across their common forms: a
   leading "The", a subtitle after a colon, a parenthesised place (``(Washington,
   D.C.)``), ``&``/``and``, British/American spelling and ISO 4 / NLM abbreviations
   (``J Ment Health`` is ``Journal of Mental Health``; ``HEE`` is ``Health Education
   England``; NLM's ``Adm Policy Ment Health`` abbreviates the part of Administration
   and Policy in Mental Health and Mental Health Services Research before an "and"):
   see :data:`peerbrief.vocabulary.JOURNAL_ABBREVIATIONS`.
3. **Something besides the title corroborates it** — an equal DOI (a ``doi.org`` or
   publisher link counts), or the same year. When one copy has a year and the other
   has none, only an equal DOI merges them: the undated copy could as well be the
   later edition of a report. When neither has a year, they need an equal link URL,
   or (unless both give links, which then differ) the same first author, journal or
   publisher. Copies that give none of year, DOI, author, journal and publisher merge
   when no value they both give differs (link, abstract, place, volume, issue, pages):
   listed twice with nothing else to go by, a title is one work.

Values that do not decide identity may still disagree inside a merged group (two
issue numbers, two months of one year, further authors, place; and, between copies
with one DOI, journal or pages); they are recorded as ``Choice(conflict=True)``.

How the work stays linear in the number of entries:

- Copies whose *match profiles* (the normalised values compared above) are identical
  are one node; they are the same work without comparing anything.
- Only nodes sharing a normalised title (or a DOI) are candidates, and within a title
  they are joined on every value both give (year, first author, volume, first page,
  the first letter of journal and publisher), so pairs that a value vetoes are never
  enumerated. Copies with one DOI are compared among themselves.
- Matching pairs are joined with union-find. Because matching is not transitive (A~B
  and B~C while A and C disagree), a group with a vetoed pair inside is split: a node
  that matches two nodes which disagree with each other could belong to either side
  and is left alone (its copies too), and if that does not settle the group, none of
  its nodes are merged. Whether a group holds a disagreement is found field by field over its
  distinct values, not pair by pair.

The groups, and every merged value, do not depend on the order of the input; only
the order of the output entries does (each work sits where its first copy was).
"""

from __future__ import annotations

import bisect
import functools
import gc
import html
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import combinations
from typing import Any, Generic, NamedTuple, TypeVar

import attrs
from attrs import frozen

from .fields import HTML_BLOCK_TAG, HTML_TAG, doi_from_url
from .model import Brief, Choice, Date, Entry, EntrySequence, Kind, Merge, Pages, Person, Provenance
from .vocabulary import (
    JOURNAL_ABBREVIATIONS,
    JOURNAL_NAME_FILLERS,
    JOURNAL_SPELLINGS,
    NAME_PARTICLES,
    OTHER_WORK_SUBTITLE_WORDS,
    VIDEO_TITLE_PREFIXES,
)

__all__ = [
    "Deduplication",
    "Holdings",
    "Match",
    "against",
    "dedupe",
    "keep_new",
    "merge_duplicates",
    "title_key",
]


@frozen
class Deduplication(EntrySequence):
    """The result of :func:`dedupe`: every work once, and how each duplicate was merged.

    It is the sequence of its entries, so ``write(dedupe(entries), "a.ris")`` works.
    """

    entries: tuple[Entry, ...]
    """One entry per work, in the order of each work's first occurrence in the input."""
    merges: tuple[Merge, ...]
    """One record per merged entry, in the order of ``entries``."""

    @property
    def copies_merged(self) -> int:
        """How many listings were merged into another: listed = works + copies merged."""
        return sum(len(merge.occurrences) - 1 for merge in self.merges)


# --- Normalisation ------------------------------------------------------------------

# Letters that Unicode decomposition leaves alone but a reader sees as plain ones.
_LETTER_FOLDS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h",
     "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH"}
)  # fmt: skip
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
# The combining marks of Latin, Greek and Cyrillic letters (what NFKD splits off "é").
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W\d_])['’ʼ‘`′](?=[^\W\d_])")
_NOT_A_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Lower-case words separated by single spaces: everything a restyling can change is gone."""
    if "&" in text:
        text = html.unescape(text).replace("&", " and ")
    if "<" in text:
        # Zotero keeps rich text as HTML: an inline tag sits inside a word ("21<sup>st</sup>"
        # is the brief's "21ˢᵗ"), a block tag separates words.
        text = HTML_TAG.sub("", HTML_BLOCK_TAG.sub(" ", text))
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


_DOI_PREFIX = re.compile(r"^(?:https?://(?:www\.)?(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def _doi_key(doi: str | None) -> str | None:
    """DOIs are case-insensitive and are written bare, as ``doi:`` or as a resolver URL
    (``doi.org``, ``dx.doi.org``)."""
    if doi is None:
        return None
    key = _DOI_PREFIX.sub("", doi.strip())
    if "%" in key:  # a DOI copied from a URL may be percent-encoded
        key = urllib.parse.unquote(key)
    return key.casefold().rstrip(".") or None


def _entry_doi(entry: Entry) -> str | None:
    """The entry's DOI, or the one its link holds (a ``doi.org`` or publisher URL)."""
    if entry.doi is not None:
        return _doi_key(entry.doi)
    return doi_from_url(entry.url) if entry.url and "10." in entry.url else None


_URL_SCHEME = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def _url_key(url: str | None) -> str | None:
    if url is None:
        return None
    return _URL_SCHEME.sub("", url.strip()).rstrip("/").casefold() or None


# What journal references add to a name: places that tell same-named journals apart
# ("(Washington, D.C.)"); and subtitles ("… : the journal of the X Society"), which some
# copies drop and others abbreviate, so a name is compared with and without its subtitle.
_NAME_PLACE = re.compile(r"(?<!\s)\s*\([^()]*\)")  # from the start of a run of spaces: linear
_SUBTITLE = ":"


def _canonical_word(word: str) -> str:
    """A journal-title word with its contraction written out and its spelling American."""
    word = JOURNAL_ABBREVIATIONS.get(word, word)
    for british, american in JOURNAL_SPELLINGS.items():
        if word.startswith(british):
            return american + word[len(british) :]
    return word


@functools.lru_cache(maxsize=16384)
def _name_tokens(name: str | None) -> tuple[str, ...] | None:
    """A journal or publisher name as the words that identify it; a ``:`` token marks
    where a subtitle starts."""
    if name is None:
        return None
    main, colon, subtitle = (_NAME_PLACE.sub("", name) or name).partition(":")
    words = _name_words(main) or _name_words(subtitle)
    rest = _name_words(subtitle) if words and colon else ()
    return ((*words, _SUBTITLE, *rest) if rest else words) or None


_AND = "&"
"""Marks where "and" (or "&") joined a name's parts; folding makes every "&" an "and", so
no word is "&". Only :func:`_abbreviates_first_part` reads it."""


def _name_words(text: str) -> tuple[str, ...]:
    words = _fold_short(text).split()
    return tuple(
        _AND if word == "and" else _canonical_word(word)
        for word in words
        if word == "and" or word not in JOURNAL_NAME_FILLERS
    )


def _number_tokens(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(_fold_short(value).split()) or None


def _page_key(pages: Pages | None) -> tuple[str, str | None] | None:
    """First and last page, the last written out in full (``246-8`` is 246–248), an
    article number without its ``e`` (``e188`` is 188)."""
    if pages is None:
        return None
    first = _page_number(pages.first)
    last = _page_number(pages.last) if pages.last else None
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last or None


def _page_number(page: str) -> str:
    """A page as compared: an electronic article number's ``e`` goes, as PubMed writes it
    (``e188``, ``e0212345``) and Crossref, the publisher or a brief often do not."""
    number = _fold_short(page).replace(" ", "")
    return number[1:] if number[:1] == "e" and number[1:].isdigit() else number


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


class _Details(NamedTuple):
    """What is left to compare of a copy that gives nothing but its title (and kind)."""

    abstract: str | None
    place: str | None
    issue: tuple[str, ...] | None


@frozen
class _Profile:
    """The normalised values of one entry that matching compares, computed once.
    Copies with equal profiles are one work (when the title key is not empty)."""

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
    details: _Details | None
    """Only for a bare copy (see :attr:`bare`), which has nothing else to be told by."""

    @property
    def bare(self) -> bool:
        """No year, DOI, first author, journal or publisher (a link may be given)."""
        return self.details is not None


def _profile(entry: Entry, key: str) -> _Profile:
    first = entry.first_author
    initial = _fold_short(first.given)[:1] if first and first.given else ""
    values: dict[str, Any] = {
        "doi": _entry_doi(entry),
        "year": entry.year,
        "first_family": _fold_short(first.family) or None if first else None,
        "container": _name_tokens(entry.container_title),
        "publisher": _name_tokens(entry.publisher),
    }
    bare = all(value is None for value in values.values())
    details = (
        _Details(
            _fold(entry.abstract) if entry.abstract else None,
            _fold_short(entry.place) if entry.place else None,
            _number_tokens(entry.issue),
        )
        if bare
        else None
    )
    return _Profile(
        title=key,
        kind=entry.kind,
        first_initial=initial or None,
        volume=_number_tokens(entry.volume),
        pages=_page_key(entry.pages),
        url=_url_key(entry.url),
        details=details,
        **values,
    )


def _words_agree(a: str, b: str) -> bool:
    """Equal, or one word abbreviates the other ("J" / "Journal"); numbers must be equal."""
    return a == b or (a.isalpha() and b.isalpha() and (a.startswith(b) or b.startswith(a)))


def _names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Journal or publisher names, with or without their subtitles: word by word, or one
    the acronym of the other (HEE)."""
    return (
        any(_forms_agree(x, y) for x in _name_forms(a) for y in _name_forms(b))
        or _abbreviates_first_part(a, b)
        or _abbreviates_first_part(b, a)
    )


def _name_forms(name: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    name = _without_ands(name)
    if _SUBTITLE not in name:
        return (name,)
    cut = name.index(_SUBTITLE)
    return name[:cut], name[:cut] + name[cut + 1 :]


def _without_ands(name: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in name if word != _AND) if _AND in name else name


def _abbreviates_first_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """NLM abbreviates some journals by the part of their title before an "and":
    ``Adm Policy Ment Health`` (Administration and Policy in Mental Health and Mental
    Health Services Research), ``J Child Psychol Psychiatry`` (…, and Allied
    Disciplines). One word after the "and" makes another journal (International Journal
    of Mental Health and Addiction is not Int J Ment Health), so the part left out must
    have two words or more, and the short name must be an abbreviation (a word of it
    cut short): a name written out in full is not cut."""
    abbreviation = _name_forms(short)[0]
    main = full[: full.index(_SUBTITLE)] if _SUBTITLE in full else full
    for cut in (index for index, word in enumerate(main) if word == _AND):
        head, left_out = _without_ands(main[:cut]), _without_ands(main[cut + 1 :])
        if (
            len(left_out) >= 2
            and len(head) == len(abbreviation)
            and all(_words_agree(x, y) for x, y in zip(abbreviation, head, strict=True))
            and any(len(x) < len(y) for x, y in zip(abbreviation, head, strict=True))
        ):
            return True
    return False


def _forms_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
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


def _equal(a: object, b: object) -> bool:
    return a == b


class _SoftField(NamedTuple):
    """A value that vetoes a pair unless the two copies share a DOI."""

    reason: str
    read: Callable[[_Profile], Any]
    agree: Callable[[Any, Any], bool]
    block: Callable[[Any], Any]
    """A key that agreeing values share (their first letter…), to join candidates on."""
    corroborates: bool = False
    """Whether two undated copies that both give it (and agree) are thereby one work."""


def _first_letter(name: tuple[str, ...]) -> str:
    # Word-by-word agreement, an acronym and JOURNAL_ABBREVIATIONS all keep it.
    return name[0][0]


def _volume_block(volume: tuple[str, ...]) -> str:
    return volume[0][0] if volume[0].isalpha() else volume[0]


_SOFT_FIELDS = (
    _SoftField("first authors differ", lambda p: p.first_family, _equal, str, True),
    _SoftField("first authors differ", lambda p: p.first_initial, _equal, str),
    _SoftField("volumes differ", lambda p: p.volume, _refines, _volume_block),
    _SoftField("pages differ", lambda p: p.pages, _pages_agree, lambda pages: pages[0]),
    _SoftField("journals differ", lambda p: p.container, _names_agree, _first_letter, True),
    _SoftField("publishers differ", lambda p: p.publisher, _names_agree, _first_letter, True),
)


def _veto(a: _Profile, b: _Profile) -> str | None:
    """Why two copies cannot be one work (both give a value, and the values disagree)."""
    if a.kind is not b.kind:
        return "kinds differ"
    if _differ(a.doi, b.doi):
        return "DOIs differ"
    if _differ(a.year, b.year):
        return "years differ"
    if _same_doi(a, b):
        return None  # an equal DOI decides the rest
    for soft in _SOFT_FIELDS:
        x, y = soft.read(a), soft.read(b)
        if x is not None and y is not None and not soft.agree(x, y):
            return soft.reason
    if a.details is not None and b.details is not None and not _details_agree(a.details, b.details):
        return "abstracts, places or issues differ"
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


def _details_agree(a: _Details, b: _Details) -> bool:
    return (
        _missing_or_equal(a.abstract, b.abstract)
        and _missing_or_equal(a.place, b.place)
        and (a.issue is None or b.issue is None or _refines(a.issue, b.issue))
    )


def _missing_or_equal(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


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
    if a.details is not None and b.details is not None:
        return True  # bare copies whose details differ were vetoed
    return any(
        soft.read(a) is not None and soft.read(b) is not None
        for soft in _SOFT_FIELDS
        if soft.corroborates
    )


def _same_work(a: _Profile, b: _Profile) -> bool:
    return _titles_agree(a, b) and _veto(a, b) is None and _corroborated(a, b)


def _disagreement(profiles: Sequence[_Profile]) -> bool:
    """Whether some two of ``profiles`` veto each other, found field by field over the
    distinct values rather than pair by pair (groups can be large; their distinct values
    are few)."""
    if len({profile.kind for profile in profiles}) > 1:
        return True
    dois = {profile.doi for profile in profiles} - {None}
    if len(dois) > 1 or len({profile.year for profile in profiles} - {None}) > 1:
        return True
    # With at most one DOI left, the copies without it are the ones soft fields bind.
    without_doi = [profile for profile in profiles if profile.doi is None]
    if not without_doi:
        return False
    for soft in _SOFT_FIELDS:
        everyone = _distinct(map(soft.read, profiles))
        if len(everyone) < 2:
            continue
        loose = _distinct(map(soft.read, without_doi))
        if any(not soft.agree(x, y) for x in loose for y in everyone):
            return True
    details = _distinct(profile.details for profile in profiles)
    return any(not _details_agree(x, y) for x, y in combinations(details, 2))


def _distinct(values: Iterable[Any]) -> list[Any]:
    return [value for value in dict.fromkeys(values) if value is not None]


# --- Candidates ---------------------------------------------------------------------


class _Nodes:
    """Distinct profiles of the entries that share a title key or DOI with another entry;
    each node stands for every entry with that profile."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        keys = [title_key(entry.title) for entry in entries]
        dois = [_entry_doi(entry) for entry in entries]
        self.profiles: list[_Profile] = []
        self.members: list[list[int]] = []
        node_of: dict[_Profile, int] = {}
        for index in _sharing_a_key(keys, dois):
            profile = _profile(entries[index], keys[index])
            node = node_of.setdefault(profile, len(self.profiles))
            if node == len(self.profiles):
                self.profiles.append(profile)
                self.members.append([])
            self.members[node].append(index)

    def candidate_pairs(self) -> Iterator[tuple[int, int]]:
        """Pairs of nodes that may be one work; pairs a value vetoes are never produced,
        except pairs whose journal or publisher share a first letter but disagree."""
        by_title: dict[str, list[int]] = defaultdict(list)
        by_doi: dict[tuple[str, str], list[int]] = defaultdict(list)
        for node, profile in enumerate(self.profiles):
            if profile.title:
                by_title[profile.title].append(node)
            if profile.doi:
                by_doi[profile.doi, _loose_title_key(profile.title)].append(node)
        for block in by_title.values():
            if len(block) > 1:
                yield from self._joined(block)
        for block in by_doi.values():  # one work's copies with one DOI: few, all compared
            yield from combinations(block, 2)

    def _joined(self, block: list[int]) -> Iterator[tuple[int, int]]:
        """Nodes of one title joined on every value both give (see :func:`_join_key`)."""
        by_mask: dict[tuple[bool, ...], list[int]] = defaultdict(list)
        for node in block:
            by_mask[_mask(self.profiles[node])].append(node)
        masks = sorted(by_mask)
        for position, first in enumerate(masks):
            for second in masks[position:]:
                fields = _join_fields(first, second)
                if fields is None:
                    continue
                yield from self._join(by_mask[first], by_mask[second], fields, first == second)

    def _join(
        self, left: list[int], right: list[int], fields: tuple[int, ...], same: bool
    ) -> Iterator[tuple[int, int]]:
        index: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for node in right:
            index[_join_key(self.profiles[node], fields)].append(node)
        for node in left:
            for other in index.get(_join_key(self.profiles[node], fields), ()):
                if not same or node < other:
                    yield node, other


def _sharing_a_key(keys: Sequence[str], dois: Sequence[str | None]) -> list[int]:
    """Positions of the entries whose title key or DOI another entry has too: only
    these can be merged, so only these get a profile."""
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    doi_counts: dict[str, int] = defaultdict(int)
    for doi in dois:
        if doi:
            doi_counts[doi] += 1
    return [
        index
        for index, (key, doi) in enumerate(zip(keys, dois, strict=True))
        if (key and counts[key] > 1) or (doi and doi_counts[doi] > 1)
    ]


# A join key reads, by position: the DOI, the year, the link, then each soft field.
_DOI, _YEAR, _URL = 0, 1, 2
_SOFT_START = 3


def _mask(profile: _Profile) -> tuple[bool, ...]:
    """Which values the profile gives, in join-key order."""
    given = (profile.doi, profile.year, profile.url, *(soft.read(profile) for soft in _SOFT_FIELDS))
    return tuple(value is not None for value in given)


def _join_fields(a: tuple[bool, ...], b: tuple[bool, ...]) -> tuple[int, ...] | None:
    """The values that must be equal for a pair of nodes with these masks to be one work
    without an equal DOI; None when no such pair can be (see :func:`_corroborated`)."""
    if a[_DOI] and b[_DOI]:
        return None  # an equal DOI pairs them in the DOI blocks; different ones veto
    if a[_YEAR] != b[_YEAR]:
        return None  # dated with undated: only an equal DOI corroborates
    shared = tuple(field for field in range(_SOFT_START, len(a)) if a[field] and b[field])
    if a[_YEAR]:
        return (_YEAR, *shared)
    if a[_URL] and b[_URL]:
        return (_URL, *shared)
    if (_is_bare(a) and _is_bare(b)) or set(_IDENTIFYING_SOFT) & set(shared):
        return shared
    return None


# First author, journal and publisher (positions in a mask): an undated pair sharing one
# of them is corroborated; a profile giving none of them, nor DOI or year, is bare.
_IDENTIFYING_SOFT = tuple(
    _SOFT_START + position for position, soft in enumerate(_SOFT_FIELDS) if soft.corroborates
)


def _is_bare(mask: tuple[bool, ...]) -> bool:
    return not any(mask[field] for field in (_DOI, _YEAR, *_IDENTIFYING_SOFT))


def _join_key(profile: _Profile, fields: tuple[int, ...]) -> tuple[Any, ...]:
    key: list[Any] = []
    for field in fields:
        if field == _YEAR:
            key.append(profile.year)
        elif field == _URL:
            key.append(profile.url)
        else:
            soft = _SOFT_FIELDS[field - _SOFT_START]
            key.append(soft.block(soft.read(profile)))
    return tuple(key)


# --- Grouping -----------------------------------------------------------------------


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, node: int) -> int:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, nodes: Iterable[int]) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for node in nodes:
            found[self.find(node)].append(node)
        return list(found.values())


class _Matches:
    """Which nodes are one work: matching pairs joined, groups with a disagreement split."""

    def __init__(self, nodes: _Nodes) -> None:
        self.nodes = nodes
        self.neighbours: dict[int, list[int]] = defaultdict(list)
        self.joined = _UnionFind(len(nodes.profiles))
        profiles = nodes.profiles
        for a, b in nodes.candidate_pairs():
            if _same_work(profiles[a], profiles[b]):
                self.neighbours[a].append(b)
                self.neighbours[b].append(a)
                self.joined.union(a, b)

    def groups(self) -> Iterator[tuple[list[int], bool]]:
        """Groups of nodes, each with whether its copies are one work. A node left alone
        because of a disagreement keeps its copies apart too: identical as they are, each
        could be a copy of either disagreeing work."""
        for component in self.joined.groups(range(len(self.nodes.profiles))):
            if len(component) == 1 or not self._disagree(component):
                yield component, True
            else:
                yield from self._split(component)

    def _disagree(self, nodes: Iterable[int]) -> bool:
        return _disagreement([self.nodes.profiles[node] for node in nodes])

    def _split(self, component: list[int]) -> Iterator[tuple[list[int], bool]]:
        """A node that matches two nodes which disagree could belong with either: alone.
        The rest regroups; a part that still disagrees is not merged at all. Before that,
        a link from a copy with a DOI to one without it is dropped when the latter
        disagrees with another copy of that DOI: the DOI, not the link, says which work
        the former is."""
        cut = self._contradicted_links(component)

        def linked(node: int) -> list[int]:
            return [other for other in self.neighbours[node] if (node, other) not in cut]

        ambiguous = {node for node in component if self._disagree(linked(node))}
        settled = [node for node in component if node not in ambiguous]
        parts = _UnionFind(len(self.nodes.profiles))
        for node in settled:
            for other in linked(node):
                if other not in ambiguous:
                    parts.union(node, other)
        yield from (([node], False) for node in ambiguous)
        for part in parts.groups(settled):
            if len(part) > 1 and self._disagree(part):
                yield from (([node], False) for node in part)
            else:
                yield part, True

    def _contradicted_links(self, component: list[int]) -> set[tuple[int, int]]:
        """Links from a node with a DOI to nodes without one that disagree with a copy
        of that DOI which agrees with the node (a DOI shared by two years anchors nothing)."""
        profiles = self.nodes.profiles
        by_doi: dict[str, list[int]] = defaultdict(list)
        for node in component:
            if (doi := profiles[node].doi) is not None:
                by_doi[doi].append(node)
        cut: set[tuple[int, int]] = set()
        for anchored in by_doi.values():
            for node in anchored:
                mates = [
                    profiles[m] for m in anchored if _veto(profiles[node], profiles[m]) is None
                ]
                for other in self.neighbours[node]:
                    if profiles[other].doi is None and any(
                        _veto(profiles[other], mate) for mate in mates
                    ):
                        cut.update(((node, other), (other, node)))
        return cut


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


def _numbers_agree(a: str, b: str) -> bool:
    """Volumes or issues: one is the other, or the other with more detail (``30 Suppl 1``)."""
    return _refines(_number_tokens(a) or (), _number_tokens(b) or ())


def _pages_equivalent(a: Pages, b: Pages) -> bool:
    pa, pb = _page_key(a), _page_key(b)
    return pa is None or pb is None or _pages_agree(pa, pb)


def _name_values_agree(a: str, b: str) -> bool:
    ta, tb = _name_tokens(a), _name_tokens(b)
    return ta is None or tb is None or _names_agree(ta, tb)


def _accessed_richness(date: Date) -> tuple[int, ...]:
    """The most precise access date; of equally precise ones the latest, the day the page
    was last seen as the brief lists it (the date a style prints after its address)."""
    return (date.precision, date.year, date.month or 0, date.day or 0)


def _always_agree(_a: object, _b: object) -> bool:
    # Fields whose differences are only of style or richness (titles, abstracts).
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
    _FieldRule[str](
        "container_title", lambda e: e.container_title, _text_richness, agree=_name_values_agree
    ),
    _FieldRule[str]("volume", lambda e: e.volume, _text_richness, agree=_numbers_agree),
    _FieldRule[str]("issue", lambda e: e.issue, _text_richness, agree=_numbers_agree),
    _FieldRule[Pages](
        "pages",
        lambda e: e.pages,
        lambda p: (int(p.last is not None), len(str(p))),
        agree=_pages_equivalent,
    ),
    _FieldRule[Date]("date", lambda e: e.date, lambda d: (d.precision,), str, _dates_agree),
    _FieldRule[str]("publisher", lambda e: e.publisher, _text_richness, agree=_name_values_agree),
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
    _FieldRule[str]("status", lambda e: e.status, _text_richness),
    _FieldRule[Date]("accessed", lambda e: e.accessed, _accessed_richness),
)
"""Statuses and access dates never conflict: a work listed "Epub ahead of print" in one
brief and "In press" in another was both, and a page read on two days was read twice."""


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


def _where_read(entry: Entry) -> tuple[tuple[str, str, int, int], ...]:
    return tuple((p.brief or "", p.source, p.record or 0, p.first_line) for p in entry.provenance)


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
_ONE_DOI = "no two copies disagree on kind or year, and the shared DOI decides the rest"
_BARE = "no copy gives a year, DOI, author, journal or publisher, and no other value differs"
_SOME_DISAGREE = "each record agrees with the work, though the records disagree with each other"


def _evidence(copies: Sequence[Entry], profiles: Sequence[_Profile]) -> tuple[str, ...]:
    equal_titles = len({profile.title for profile in profiles}) == 1
    found = [_EQUAL_TITLES if equal_titles else _EQUAL_DOI_AND_LOOSE_TITLES]
    for label, read in _EVIDENCE_FIELDS:
        line = _agreement(label, [read(entry) for entry in copies])
        if line:
            found.append(line)
    dois = {profile.doi for profile in profiles}
    if _disagreement(profiles):
        found.append(_SOME_DISAGREE)
    elif len(dois) == 1 and None not in dois:
        found.append(_ONE_DOI)
    elif all(profile.bare for profile in profiles):
        found.append(_BARE)
    else:
        differing = [
            label
            for label, differ in (
                ("year", _years_differ(copies)),
                ("pages", _pages_differ(entry.pages for entry in copies)),
            )
            if differ
        ]
        found.append(_no_disagreement_but(differing))
    return tuple(found)


def _years_differ(copies: Sequence[Entry]) -> bool:
    return len({entry.year for entry in copies} - {None}) > 1  # see _printed_year


def _pages_differ(pages: Iterable[object]) -> bool:
    """Whether two of the pages given (``Pages`` or None) differ, as matching compares them."""
    return len({_page_key(given) for given in pages if isinstance(given, Pages)}) > 1


def _no_disagreement_but(labels: Sequence[str]) -> str:
    """:data:`_NO_DISAGREEMENT` without the fields whose values differ (held apart)."""
    line = _NO_DISAGREEMENT
    for label in labels:
        line = line.replace(f" {label},", "")
    return line


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
    if label == "year" and len(set(given)) > 1:  # see _printed_year
        years = ", ".join(map(str, dict.fromkeys(given)))
        return f"years one apart, as an article's online and print years: {years}{count}"
    if label == "pages" and _pages_differ(given):  # see _pages_typo
        return f"pages differ: {', '.join(map(str, dict.fromkeys(given)))}{count}"
    return f"same {label}: {given[0]}{count}"


# --- The public functions -------------------------------------------------------------


def dedupe(entries: Iterable[Entry]) -> Deduplication:
    """Merge the entries that are copies of one work (see the module doc for the rules).

    Works on the entries of one brief or of several; each merged entry keeps the richest
    value of every field, the union of the sections and every copy's provenance.
    """
    with _collector_paused():
        return _dedupe(list(entries))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: de-duplication allocates many objects and
    no reference cycles, and each collection would traverse every live object (with
    100,000 entries that made the work grow faster than the input)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _dedupe(listed: list[Entry]) -> Deduplication:
    nodes = _Nodes(listed)
    replacement: dict[int, Merge | None] = {}
    for group, one_work in _Matches(nodes).groups():
        members = sorted(index for node in group for index in nodes.members[node])
        if len(members) < 2 or not one_work or not nodes.profiles[group[0]].title:
            continue
        copies = _canonical_order(listed[i] for i in members)
        profiles = [nodes.profiles[node] for node in group]
        replacement[members[0]] = _merge(copies, profiles)
        replacement.update((i, None) for i in members[1:])
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


def merge_duplicates(brief: Brief) -> Brief:
    """A post-read step: the brief with each work once (``read()`` applies it unless
    ``dedupe=False``). Merges already recorded are kept for the entries that remain."""
    result = dedupe(brief.entries)
    kept = set(result.entries)
    earlier = tuple(merge for merge in brief.merges if merge.entry in kept)
    return attrs.evolve(brief, entries=result.entries, merges=earlier + result.merges)


# --- Matching against a library --------------------------------------------------------


@frozen
class Match:
    """One work of a brief and the library records that hold it (none: the work is new)."""

    entry: Entry
    records: tuple[Entry, ...]
    evidence: tuple[str, ...] = ()
    """Why the records are this work, as in a merge report; empty for a new work."""

    @property
    def is_new(self) -> bool:
        return not self.records


@frozen
class Holdings:
    """The result of :func:`against`: every work of the brief, held by the library or new."""

    matches: tuple[Match, ...]
    """One per work, in the brief's order."""

    @property
    def new(self) -> tuple[Entry, ...]:
        """The works the library lacks, in the brief's order."""
        return tuple(match.entry for match in self.matches if match.is_new)

    @property
    def held(self) -> tuple[Match, ...]:
        """The works the library has, each with its records."""
        return tuple(match for match in self.matches if not match.is_new)


class _Index:
    """The works to look up, by title key (whole, or begun by a title cut short) and by
    DOI, with their profiles."""

    def __init__(self, works: Sequence[Entry]) -> None:
        self.profiles = [_profile(entry, title_key(entry.title)) for entry in works]
        self.keys = [
            _title_keys(entry, p.title) for entry, p in zip(works, self.profiles, strict=True)
        ]
        self.by_title: dict[str, list[int]] = defaultdict(list)
        self.by_doi: dict[str, list[int]] = defaultdict(list)
        self.by_citation: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, profile in enumerate(self.profiles):
            for key in self.keys[index]:
                self.by_title[key].append(index)
            if profile.doi:
                self.by_doi[profile.doi].append(index)
            if (citation := _citation_key(works[index])) is not None:
                self.by_citation[citation].append(index)
        self.sorted_titles = sorted(self.by_title)
        self.cited_pages = {page for _, page in self.by_citation}

    def candidates(self, record: Entry, keys: tuple[str, ...]) -> list[int]:
        if len(keys) == 1:
            found = self.by_title.get(keys[0], [])
        else:  # a video's title with its label and without, a title with its year and without
            found = list(dict.fromkeys(work for key in keys for work in self.by_title.get(key, ())))
        if not found and keys and _cut_short(record.title):
            found = self.begun_by(keys[0])
        doi = _entry_doi(record) if self.by_doi and (record.doi or record.url) else None
        if doi and doi in self.by_doi:
            found = list(dict.fromkeys([*found, *self.by_doi[doi]]))
        # The page first: a family name (nearly every record's its own) costs a fold.
        page = _cited_page(record) if self.by_citation else None
        if page in self.cited_pages and (citation := _citation_key(record)) in self.by_citation:
            found = list(dict.fromkeys([*found, *self.by_citation[citation]]))
        return found

    def begun_by(self, key: str) -> list[int]:
        """The works whose title key is longer than ``key`` and starts with it."""
        found: list[int] = []
        position = bisect.bisect_right(self.sorted_titles, key)
        while position < len(self.sorted_titles) and self.sorted_titles[position].startswith(key):
            found.extend(self.by_title[self.sorted_titles[position]])
            position += 1
        return list(dict.fromkeys(found))


_CUT_LENGTHS = range(240, 256)
"""The lengths of a title a database or reference manager cut at its field's limit of 255
characters (less a partial word, spaces or punctuation it then trims)."""
_ELLIPSIS = re.compile(r"(?:\.\.\.|…|\.)$")


def _cut_short(title: str) -> bool:
    """Whether a title is as long as one cut at 255 characters, an ellipsis or the full
    stop a style adds after the cut aside."""
    if len(title) < _CUT_LENGTHS.start:  # most titles: no pattern to run
        return False
    return len(_ELLIPSIS.sub("", title.strip()).rstrip()) in _CUT_LENGTHS


def _begins(cut: str, whole: str) -> bool:
    """Whether title key ``cut`` is the start of the longer ``whole``."""
    return bool(cut) and len(cut) < len(whole) and whole.startswith(cut)


def against(works: Brief | Iterable[Entry], library: Iterable[Entry]) -> Holdings:
    """Which works of a brief (or of any entries) a reference library already holds.

    A work is held when a library record is the same work by the de-duplication rules
    (see the module doc): so another edition (same title, another year, no shared DOI)
    is not held; but an article a year apart (online and print) is, with the same DOI or
    the same journal, volume and first author; and so is one whose pages differ at one
    end only (a typo), all else agreeing (see :func:`_pages_typo`), and one whose title
    is cut at 255 characters (a field's limit) and begins the work's, all else agreeing;
    and a journal article both cite in full (journal, volume, first page, first author)
    under a title that leaves out or adds a subtitle or words it otherwise (see
    :func:`_cited_in_full`). ``library`` is any iterable of entries, such as what
    :func:`peerbrief.read_bibliography` returns; chain several with ``itertools.chain``.
    Only the library records that share a title key, a DOI, or an article's first author
    and first page with a work are compared.
    """
    listed = list(works.entries if isinstance(works, Brief) else works)
    index = _Index(listed)
    found: dict[int, list[tuple[Entry, _Profile]]] = defaultdict(list)
    read_so: dict[int, list[str]] = defaultdict(list)
    for record in library:
        key = title_key(record.title)
        keys = _title_keys(record, key)
        candidates = index.candidates(record, keys)
        if not candidates:
            continue
        profile = _profile(record, key)
        for work in candidates:
            titled = profile
            whole = index.profiles[work].title
            if profile.title != whole and (
                set(keys) & set(index.keys[work])  # a label, a year
                or (_cut_short(record.title) and _begins(profile.title, whole))
            ):
                titled = attrs.evolve(profile, title=whole)
            in_press = record.status is not None
            as_held = _held_as(index.profiles[work], titled, in_press)
            if as_held is None and (
                named := _named_as(index.profiles[work], titled, listed[work], record)
            ):
                as_held = _held_as(index.profiles[work], named, in_press)
            if as_held is None:
                as_held = _pages_typo(index.profiles[work], titled, listed[work], record)
            if as_held is not None:
                found[work].append((record, as_held))
                read_so[work].extend(_readings(profile, as_held))
                read_so[work].extend(_values_read_otherwise(listed[work], record))
    matches = []
    for work, entry in enumerate(listed):
        held = found.get(work, [])
        evidence: tuple[str, ...] = ()
        if held:
            copies = [entry, *(record for record, _ in held)]
            evidence = _evidence(copies, [index.profiles[work], *(p for _, p in held)])
            evidence += tuple(dict.fromkeys(read_so[work]))
        matches.append(Match(entry, tuple(record for record, _ in held), evidence))
    return Holdings(tuple(matches))


# The label a brief puts before a video's title ("Video: Peer Support"); a library titles
# the film without it.
_VIDEO_LABEL = re.compile(
    r"^(?:" + "|".join(map(re.escape, VIDEO_TITLE_PREFIXES)) + r")\s*:", re.IGNORECASE
)


def _title_keys(entry: Entry, key: str) -> tuple[str, ...]:
    """The title keys an entry is looked up by: its own; a video's without its label; and
    one ending in the entry's own year without it ("Raising the glass ceiling … – 2021",
    a brief's way of telling editions apart, which a library leaves to the date)."""
    keys = [key] if key else []
    if entry.kind is Kind.VIDEO and (label := _VIDEO_LABEL.match(entry.title)):
        keys.append(title_key(entry.title[label.end() :]))
    if entry.year is not None and key.endswith(year := f" {entry.year}"):
        keys.append(key.removesuffix(year))
    return tuple(keys)


def _vancouver(name: str) -> tuple[str, str] | None:
    """Family name and initials of Vancouver's "Family INITIALS" written as one name (no
    comma), as exports made from PubMed's data may give it; None for another name."""
    family, _, initials = name.strip().rpartition(" ")
    if family.strip() and 1 <= len(initials) <= 3 and initials.isascii() and initials.isupper():
        return family, initials
    return None


def _named_as(work: _Profile, record: _Profile, listed: Entry, entry: Entry) -> _Profile | None:
    """The record's profile with its first author read as the work's, when the library
    wrote the name another way: "Hegedus A" as one name (Vancouver's order, without the
    comma RIS wants), "Anna Hegedus" as one name (given name first, without it), an
    organisation BibTeX split for want of braces ("Public Health
    England": given "Public Health", family "England"), or one whose name holds a comma,
    read as "Family, Given" ("Skills for Health, the Sector Skills Council for Health");
    or the same name split elsewhere, as BibTeX splits "Dara Ó Ceallaigh" and "Anke Van
    der Berg" written given name first (family "Ceallaigh", "der Berg"). None when no
    reading gives the work's first author."""
    first = entry.first_author
    if first is None or work.first_family is None or record.first_family == work.first_family:
        return None
    if first.given and (named := listed.first_author) and named.given:
        whole = _fold_short(f"{first.given} {first.family}")
        if whole == _fold_short(f"{named.given} {named.family}"):
            return attrs.evolve(
                record, first_family=work.first_family, first_initial=work.first_initial
            )
    vancouver = _vancouver(first.family) if first.given is None else None
    if vancouver and _fold_short(vancouver[0]) == work.first_family:
        initial = vancouver[1][0].lower()
        return attrs.evolve(record, first_family=work.first_family, first_initial=initial)
    if first.given is None and (given := _given_before(work.first_family, first.family)):
        return attrs.evolve(record, first_family=work.first_family, first_initial=given[0])
    if first.given and work.first_family in (
        _fold_short(f"{first.given} {first.family}"),
        _fold_short(f"{first.family} {first.given}"),
    ):
        return attrs.evolve(record, first_family=work.first_family, first_initial=None)
    return None


def _given_before(family: str, name: str) -> str | None:
    """The given names of ``name``, one name written "Given Family" (a RIS author without
    its comma: Open Journal Systems wrote ``AU - Ingrid Otte`` until 2019), folded, when
    it ends in the folded ``family``; None otherwise, and when a particle comes before
    it (``Ingrid van der Otte`` is another family name)."""
    folded = _fold_short(name)
    given = folded.removesuffix(f" {family}")
    if given == folded or not given or given.rpartition(" ")[2] in NAME_PARTICLES:
        return None
    return given


_READINGS = (
    ("title", "a title read without the brief's video label or the year ending it, as the"
     " start of the brief's (cut at 255 characters), or (with the same DOI) without its"
     " subtitle, or (with the same journal, volume, first page and first author) with a"
     " subtitle left out or added or worded otherwise"),
    ("kind", "a record typed journal article by default (no journal, volume or pages) read"
     " as of the work's kind"),
    ("details", "the record's own abstract, beside the brief's annotation, not compared"
     " (the same link, nothing else to go by)"),
    ("first_family", "a first author written otherwise (Vancouver's order without its comma,"
     " given name first without a comma, an organisation without braces or with a comma in"
     " its name, a name split between given and family names elsewhere) read as the"
     " work's"),
)  # fmt: skip
"""What :func:`against` may read otherwise in a record, and how the evidence says so (the
years of an article's online and print publication say so in their own line)."""


def _readings(record: _Profile, as_held: _Profile) -> list[str]:
    return [said for name, said in _READINGS if getattr(record, name) != getattr(as_held, name)]


def _held_as(work: _Profile, record: _Profile, in_press: bool = False) -> _Profile | None:
    """The record's profile as it holds the work, or None when it does not."""
    record = _default_type_as(work, record)
    if (_same_doi(work, record) and _subtitle_dropped(work.title, record.title)) or (
        _cited_in_full(work, record) and _title_reworded(work.title, record.title)
    ):
        record = attrs.evolve(record, title=work.title)
    record = _own_abstract_as(work, record)
    if _same_work(work, record):
        return record
    return _printed_year(work, record, in_press)


def _own_abstract_as(work: _Profile, record: _Profile) -> _Profile:
    """A bare record (title and link only) with the work's link is compared without its
    abstract: a library keeps the page's own (Zotero, the page's description), a brief its
    annotation; between two listings in a brief, abstracts still tell them apart."""
    if (
        work.details is not None
        and record.details is not None
        and work.url is not None
        and work.url == record.url
        and _differ(work.details.abstract, record.details.abstract)
    ):
        return attrs.evolve(
            record,
            details=work.details._replace(place=record.details.place, issue=record.details.issue),
        )
    return record


def _subtitle_dropped(a: str, b: str) -> bool:
    """One title key is the other's first words, two or more (a subtitle left out: some
    exports keep it apart). Trusted only with the same DOI, or an article's
    citation in full (see :func:`_cited_in_full`)."""
    short, long = sorted((a, b), key=len)
    return short != long and " " in short and long.startswith(short + " ")


def _title_reworded(a: str, b: str) -> bool:
    """Title keys of one article as a library and a brief may word it: a subtitle left out
    or added, or another word break, leading article or ``-ise``/``-ize`` spelling. A
    subtitle that numbers the work or names another (``part 2``, ``erratum``, ``summary``:
    :data:`~peerbrief.vocabulary.OTHER_WORK_SUBTITLE_WORDS`) keeps the titles apart."""
    if _subtitle_dropped(a, b):
        subtitle = max(a, b, key=len)[min(len(a), len(b)) :].split()
        return not any(
            word in OTHER_WORK_SUBTITLE_WORDS or any(char.isdigit() for char in word)
            for word in subtitle
        )
    return bool(a) and _loose_title_key(a) == _loose_title_key(b)


def _cited_page(entry: Entry) -> str | None:
    """The first page of a journal article that gives its journal, volume, first author
    and pages, as its profile folds it (see :func:`_cited_in_full`); None for another
    entry. Read from the entry: a library's records are profiled only when they are a
    work's candidates."""
    if (
        entry.kind is not Kind.JOURNAL_ARTICLE
        or entry.pages is None
        or entry.volume is None
        or entry.container_title is None
        or not entry.authors
    ):
        return None
    return _page_number(entry.pages.first)


def _citation_key(entry: Entry) -> tuple[str, str] | None:
    """First author and first page of a journal article that gives its journal, volume,
    first author and pages, as its profile folds them; None for another entry."""
    page = _cited_page(entry)
    first = entry.first_author
    family = _fold_short(first.family) if page is not None and first is not None else ""
    return (family, page) if family and page is not None else None


def _cited_in_full(work: _Profile, record: _Profile) -> bool:
    """Both journal articles giving their journal, volume, first page and first author,
    which the veto then compares: agreeing, they locate one article (as a citation
    matcher finds it by them), whatever its title's wording. An erratum or a comment
    under the same title has its own page; another edition is no journal article."""
    return _articles_in_one_volume(work, record) and None not in (work.pages, record.pages)


def _default_type_as(work: _Profile, record: _Profile) -> _Profile:
    """A record typed "journal article" that gives no journal, volume or pages has the
    type a reference manager gives by default (EndNote's and Zotero's, for a report
    entered by hand or imported from a type it does not know): it says nothing of the
    kind, and the record is compared as of the work's."""
    if (
        record.kind is Kind.JOURNAL_ARTICLE is not work.kind
        and record.container is None
        and record.volume is None
        and record.pages is None
    ):
        return attrs.evolve(record, kind=work.kind)
    return record


def _printed_year(work: _Profile, record: _Profile, in_press: bool) -> _Profile | None:
    """The record's profile with the work's year, when the two are one work a year apart:
    an article's online and print years (a library dates it when it appeared online, in
    December; the brief, by its issue, in January). Only when the DOI is the same, or both
    are journal articles giving the same journal, volume and first author (a volume is a
    journal's year: one title in one volume by one author is one article), or the record
    is the article in press (its status says so: ``Article in Press``, ``Epub ahead of
    print``) the year before, with no volume or pages yet, in the same journal by the same
    first author; never for a report, whose next year is its next edition."""
    if work.year is None or record.year is None or abs(work.year - record.year) != 1:
        return None
    if not (
        _same_doi(work, record)
        or _articles_in_one_volume(work, record)
        or (in_press and _in_press_before(work, record))
    ):
        return None
    as_printed = attrs.evolve(record, year=work.year)
    return as_printed if _same_work(work, as_printed) else None


def _articles_in_one_volume(work: _Profile, record: _Profile) -> bool:
    return all(
        p.kind is Kind.JOURNAL_ARTICLE and None not in (p.container, p.volume, p.first_family)
        for p in (work, record)
    )


def _in_press_before(work: _Profile, record: _Profile) -> bool:
    """A record of an article in press, a year before the work's (print) year, which
    has no volume or pages yet; both journal articles naming a journal and first author."""
    return (
        record.year is not None
        and work.year == record.year + 1
        and record.volume is None
        and record.pages is None
        and all(
            p.kind is Kind.JOURNAL_ARTICLE and None not in (p.container, p.first_family)
            for p in (work, record)
        )
    )


def _pages_typo(work: _Profile, record: _Profile, listed: Entry, entry: Entry) -> _Profile | None:
    """The record's profile with the work's pages, when the two differ in their pages
    alone, as a typo makes them differ (a brief's ``955-977`` for ``955-957``): both
    journal articles giving the same title, year, first author and journal (and volume,
    if both give one; no other DOI, no other issue), and one end of the two ranges the
    same (a typo changes one number). An erratum or comment under the same title has
    other pages at both ends; never for a report or a record without a year, journal or
    author. Only against a library: within a brief, pages that differ still keep two
    listings apart, as a false merge there loses a reference unseen."""
    if work.pages is None or record.pages is None or _pages_agree(work.pages, record.pages):
        return None
    both = (work, record)
    if not all(
        p.kind is Kind.JOURNAL_ARTICLE and None not in (p.container, p.year, p.first_family)
        for p in both
    ):
        return None
    if listed.issue and entry.issue and not _numbers_agree(listed.issue, entry.issue):
        return None  # two numbers differ: not one typo
    if not _one_end_agrees(work.pages, record.pages):
        return None
    as_listed = attrs.evolve(record, pages=work.pages)
    return as_listed if _same_work(work, as_listed) else None


def _one_end_agrees(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    """Page keys with the same first page, or the same last page."""
    return a[0] == b[0] or (a[1] is not None and a[1] == b[1])


def _values_read_otherwise(listed: Entry, entry: Entry) -> list[str]:
    """The evidence lines of a held record's values that differ from the brief's: its
    pages (see :func:`_pages_typo`) and issue (which matching does not compare), with
    both values; its status, when it is in press a year before the brief's year (see
    :func:`_printed_year`)."""
    lines = []
    brief_pages, record_pages = _page_key(listed.pages), _page_key(entry.pages)
    if brief_pages is not None and record_pages is not None and brief_pages != record_pages:
        typo = _one_end_agrees(brief_pages, record_pages)
        lines.append(
            f"pages differ: {listed.pages} in the brief, {entry.pages} in the record"
            + (" (one end of the range agrees: read as a typo in one of them)" if typo else "")
        )
    if listed.issue and entry.issue and not _numbers_agree(listed.issue, entry.issue):
        lines.append(
            f"issues differ: {listed.issue} in the brief, {entry.issue} in the record (an "
            "issue number does not tell articles apart)"
        )
    if entry.status and listed.year and entry.year and entry.year < listed.year:
        lines.append(
            f"the record is the article in press ({entry.status}, {entry.year}), the brief "
            f"its print ({listed.year})"
        )
    return lines


def keep_new(library: Iterable[Entry]) -> Callable[[Brief], Brief]:
    """A post-read step that keeps only the works ``library`` does not hold:
    ``read("brief.pdf", steps=[keep_new(read_bibliography("my.ris"))])``."""
    records = tuple(library)

    def step(brief: Brief) -> Brief:
        new = against(brief, records).new
        kept = set(new)
        merges = tuple(merge for merge in brief.merges if merge.entry in kept)
        return attrs.evolve(brief, entries=new, merges=merges)

    return step
