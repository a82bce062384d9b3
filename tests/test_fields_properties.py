"""Property tests of the field parsers: what a brief writes, they read back; nothing raises."""

from __future__ import annotations

import calendar

from hypothesis import given
from hypothesis import strategies as st

from peerbrief.fields import (
    Source,
    apply_supplement,
    classify_source,
    doi_from_url,
    is_access_fragment,
    looks_like_organisation,
    parse_access_note,
    parse_brief_citation,
    parse_date,
    parse_journal_line,
    parse_journal_source,
    parse_people,
    parse_publication_details,
    split_title_line,
    strip_markup,
)
from peerbrief.model import Date, Pages, Person
from peerbrief.vocabulary import (
    FAMILY_NAME_ORGANISATION_WORDS,
    JOURNAL_WORDS,
    NAME_PARTICLES,
    NATIONAL_BODY_WORDS,
    ORGANISATION_WORDS,
    PUBLICATION_STATUSES,
    SEASONS,
    SUBJECT_WORDS,
)

# Words a name may never be made of: they are the format's own connectors, name
# particles, honorifics and the acronyms that mark an organisation.
_RESERVED = {
    "and", "et", "al", "others", "of", "for", "the", "on", "van", "von", "de", "da", "del",
    "der", "den", "di", "du", "la", "le", "les", "ten", "ter", "dos", "das", "vom", "dei",
    "della", "el", "bin", "ibn", "jr", "sr", "who", "uk", "nhs", "nhse", "hee", "nice", "cqc",
    "ons", "nihr", "cic", "plc", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx",
    "sir", "dame",
} | NAME_PARTICLES  # fmt: skip
# Family names that are also places or organisation words: a person's when the name is
# written as one ("England, Mary", "Wales, J.", "Church et al.").
PLACE_SURNAMES = sorted(
    {word.capitalize() for word in ORGANISATION_WORDS}
    | {"London", "Church", "Bishop", "Hall", "House", "Chapel", "Street", "Bank"}
)

LETTERS = "abcdefghijklmnopqrstuvwxyz"
name_word = st.one_of(
    st.text(alphabet=LETTERS, min_size=2, max_size=9).map(str.capitalize),
    st.sampled_from(["O'Brien", "McCarthy", "MacInnes", "Ngakongwa", "Åkerblom", "Müller"]),
).filter(lambda word: word.lower() not in _RESERVED and word not in PLACE_SURNAMES)
place_surname = st.sampled_from(PLACE_SURNAMES)
initial = st.sampled_from(LETTERS.upper()).map(lambda letter: f"{letter}.")
given_name = st.one_of(
    name_word,
    initial,
    st.tuples(name_word, initial).map(" ".join),
    st.tuples(name_word, name_word).map(" ".join),
)
simple_family = st.one_of(name_word, st.tuples(name_word, name_word).map("-".join))
comma_family = st.one_of(
    simple_family, place_surname, st.tuples(name_word, name_word).map(" ".join)
)
particles = st.sampled_from(["van", "von", "de", "van der", "da", "de la"])
particle_family = st.tuples(particles, name_word).map(" ".join)
lone_family = st.one_of(
    simple_family, place_surname, st.tuples(particles, place_surname).map(" ".join)
)


def _and_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@given(st.lists(st.tuples(comma_family, given_name), min_size=1, max_size=8))
def test_family_given_pairs_round_trip(names: list[tuple[str, str]]) -> None:
    text = _and_list([f"{family}, {given_}" for family, given_ in names])
    assert parse_people(text) == (tuple(Person(f, g) for f, g in names), False)


@given(
    st.lists(
        st.tuples(st.one_of(simple_family, particle_family), given_name), min_size=1, max_size=6
    )
)
def test_given_family_names_round_trip(names: list[tuple[str, str]]) -> None:
    text = _and_list([f"{given_} {family}" for family, given_ in names])
    assert parse_people(text) == (tuple(Person(f, g) for f, g in names), False)


@given(st.lists(st.one_of(simple_family, place_surname), min_size=1, max_size=4), st.booleans())
def test_family_names_only_round_trip(families: list[str], oxford: bool) -> None:
    text = _and_list(families)
    if oxford and len(families) > 2:
        text = text.replace(" and ", ", and ")
    assert parse_people(text) == (tuple(Person(f) for f in families), False)


@given(
    st.one_of(lone_family, particle_family),
    st.sampled_from(["et al.", "et al", "et. al.", ", et al.", "et al.,"]),
)
def test_et_al_marks_a_truncated_list(family: str, et_al: str) -> None:
    assert parse_people(f"{family} {et_al}") == ((Person(family),), True)


# Family names that are also nations' names, and the given names (or initials) that may
# precede them: no word that opens a body's name ("Sport England", "Public Health Wales").
nation_surname = st.sampled_from(sorted(w.capitalize() for w in FAMILY_NAME_ORGANISATION_WORDS))
_ORGANISATION_OPENERS = NATIONAL_BODY_WORDS | SUBJECT_WORDS | JOURNAL_WORDS
plain_given = st.one_of(
    name_word.filter(lambda word: word.lower() not in _ORGANISATION_OPENERS), initial
)


@given(st.lists(st.tuples(nation_surname, plain_given), min_size=1, max_size=4))
def test_given_names_before_a_nations_name_are_a_person(names: list[tuple[str, str]]) -> None:
    text = _and_list([f"{given_} {family}" for family, given_ in names])
    assert parse_people(text) == (tuple(Person(f, g) for f, g in names), False)


@given(st.sampled_from(sorted(NATIONAL_BODY_WORDS)), nation_surname)
def test_a_national_body_is_an_organisation(word: str, nation: str) -> None:
    name = f"{word.capitalize()} {nation}"
    assert parse_people(name) == ((Person(name, organisation=True),), False)


several_words_family = st.lists(name_word, min_size=2, max_size=3).map(" ".join)


@given(several_words_family, st.sampled_from(["et al.", "et al", ", et al."]))
def test_several_words_before_et_al_are_one_family_name(family: str, et_al: str) -> None:
    assert parse_people(f"{family} {et_al}") == ((Person(family),), True)


@given(
    st.lists(st.one_of(several_words_family, simple_family), min_size=1, max_size=3), simple_family
)
def test_beside_a_lone_family_name_several_words_are_one_family_name(
    families: list[str], lone: str
) -> None:
    names = [*families, lone]
    assert parse_people(_and_list(names)) == (tuple(Person(f) for f in names), False)


@given(st.lists(st.tuples(comma_family, given_name), min_size=2, max_size=5))
def test_semicolon_lists_round_trip(names: list[tuple[str, str]]) -> None:
    text = "; ".join(f"{family}, {given_}" for family, given_ in names)
    assert parse_people(text) == (tuple(Person(f, g) for f, g in names), False)


# Given names that no body's name opens with: the words of a person's whole name.
whole_name_word = name_word.filter(lambda word: word.lower() not in _ORGANISATION_OPENERS)
whole_given = st.one_of(
    whole_name_word,
    initial,
    st.tuples(whole_name_word, initial).map(" ".join),
    st.tuples(whole_name_word, whole_name_word).map(" ".join),
)


@given(
    st.lists(st.tuples(simple_family, whole_given), min_size=2, max_size=6),
    st.sampled_from(["", " et al.", ", et al.", " et al"]),
)
def test_given_first_names_listed_with_commas_round_trip(
    names: list[tuple[str, str]], et_al: str
) -> None:
    # Whole names of two words or more, with commas alone: before "et al.", or more than
    # two of them (a pair alone, "García López, María José", is one person's name).
    if len(names) == 2 and not et_al:
        names = [*names, names[0]]
    text = ", ".join(f"{given_} {family}" for family, given_ in names) + et_al
    assert parse_people(text) == (tuple(Person(f, g) for f, g in names), bool(et_al))


# Past four capitals no run of initials ("JRR", "J-PA") is written so.
capitals_family = st.one_of(
    name_word.filter(lambda word: len(word) > 4),
    st.tuples(name_word, name_word).filter(lambda words: min(map(len, words)) > 2).map("-".join),
).map(str.upper)
short_capitals = st.text(alphabet=LETTERS.upper(), min_size=2, max_size=4).filter(
    lambda word: word.lower() not in _RESERVED
)


@given(
    capitals_family,
    whole_given,
    st.lists(st.tuples(st.one_of(capitals_family, short_capitals), whole_given), max_size=4),
    st.sampled_from([", ", "; "]),
)
def test_family_names_in_capitals_open_the_names(
    first: str, first_given: str, more: list[tuple[str, str]], separator: str
) -> None:
    # "SMITH Jane, LI Wei": capitals mark the family name; from two letters where the
    # list writes a longer one so.
    names = [(first, first_given), *more]
    text = separator.join(f"{family} {given_}" for family, given_ in names)
    assert parse_people(text) == (tuple(Person(f, g) for f, g in names), False)


# --- dates ----------------------------------------------------------------------------

MONTH_NAMES = list(calendar.month_name)[1:]
DASHES = st.sampled_from(["-", "–", "—", " - ", " – "])
years = st.integers(1900, 2100)
months = st.integers(1, 12)


def _month(number: int, abbreviated: bool) -> str:
    name = MONTH_NAMES[number - 1]
    return name[:3] if abbreviated else name


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, Date]:
    """A date as a brief writes it, and the Date it means."""
    year = draw(years)
    month = draw(months)
    short = draw(st.booleans())
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    form = draw(st.integers(0, 8))
    if form == 0:
        return str(year), Date(year)
    if form == 1:
        return f"{_month(month, short)} {year}", Date(year, month)
    if form == 2:
        season = draw(st.sampled_from(sorted(SEASONS)))
        return f"{SEASONS[season]} {year}", Date(year, season=season)
    if form == 3:
        end = draw(st.integers(month, 12).filter(lambda m: m != month)) if month < 12 else 12
        if end == month:
            return f"{_month(month, short)} {year}", Date(year, month)
        dash = draw(DASHES)
        text = f"{_month(month, short)}{dash}{_month(end, short)} {year}"
        return text, Date(year, month, end=Date(year, end))
    if form == 4:
        later = draw(st.integers(year + 1, year + 5))
        return f"{year}{draw(DASHES)}{later}", Date(year, end=Date(later))
    if form == 5:
        return f"{day} {_month(month, short)} {year}", Date(year, month, day)
    if form == 6:
        return f"{_month(month, short)} {day}, {year}", Date(year, month, day)
    if form == 7:
        return f"{year}-{month:02d}-{day:02d}", Date(year, month, day)
    text = f"December {year}{draw(DASHES)}January {year + 1}"
    return text, Date(year, 12, end=Date(year + 1, 1))


@given(written_dates(), st.sampled_from(["", ".", ",", " "]))
def test_dates_round_trip(written: tuple[str, Date], trailing: str) -> None:
    text, date = written
    assert parse_date(text + trailing) == date


# --- journal sources ------------------------------------------------------------------

# (A status, such as "Forthcoming", stands where a journal's name would: it is no name.)
# A status's words, alone or run together (a copy may lose the spaces: ``Inpress``).
STATUS_WORDS = frozenset(
    "".join(words[start:end])
    for words in (status.split() for status in PUBLICATION_STATUSES)
    for start in range(len(words))
    for end in range(start + 1, len(words) + 1)
)
journal_word = (
    st.text(alphabet=LETTERS, min_size=3, max_size=12)
    .map(str.capitalize)
    .filter(lambda word: word not in {"Article", "Vol", "Volume", "Issue", "Suppl"})
    .filter(lambda word: word.lower() not in STATUS_WORDS)
)
journal_name = st.lists(
    st.one_of(journal_word, st.sampled_from(["of", "and", "&", "Journal", "BMC", "F1000Research"])),
    min_size=1,
    max_size=7,
).map(" ".join)
number = st.integers(1, 999).map(str)


@st.composite
def abbreviated_ranges(draw: st.DrawFn) -> tuple[int, int, str]:
    """(first, last, last as abbreviated by dropping the digits it shares with first)."""
    first = draw(st.integers(10, 99999))
    last = draw(st.integers(first + 1, first + 2000))
    if len(str(last)) != len(str(first)):
        return first, last, str(last)
    shared = 0  # leading digits both share, of which any may be dropped (never all)
    while shared < len(str(first)) - 1 and str(first)[shared] == str(last)[shared]:
        shared += 1
    dropped = draw(st.integers(0, shared))
    return first, last, str(last)[dropped:]


@given(abbreviated_ranges(), DASHES)
def test_abbreviated_page_ranges_expand(pages: tuple[int, int, str], dash: str) -> None:
    first, last, written = pages
    source = parse_journal_source(f"Journal of Things 12(3) pp. {first}{dash}{written}")
    assert source.pages == Pages(str(first), str(last))


@given(journal_name, number, st.one_of(st.none(), number), st.integers(1, 9999), st.integers(0, 99))
def test_journal_sources_round_trip(
    name: str, volume: str, issue: str | None, first: int, length: int
) -> None:
    pages = Pages(str(first), str(first + length) if length else None)
    issue_part = f"({issue})" if issue else ""
    assert parse_journal_source(f"{name} {volume}{issue_part} pp. {pages}") == Source(
        name, volume, issue, pages
    )
    assert parse_journal_line(f"{name} {volume}{issue_part}, pp. {pages}") == Source(
        name, volume, issue, pages
    )
    assert parse_journal_source(f"{name} {volume}{issue_part}") == Source(name, volume, issue)


@given(
    journal_name,
    number,
    st.one_of(st.none(), number),
    st.integers(1, 9999),
    st.sampled_from(["England", "United States", "Australia"]),
)
def test_publication_details_round_trip(
    name: str, volume: str, issue: str | None, first: int, place: str
) -> None:
    issue_part = f" ({issue})" if issue else ""
    text = f"{name.lower()}, {volume},{issue_part} pp.{first}-{first + 9}. , {place}:"
    assert parse_publication_details(text) == (
        Source(name.lower(), volume, issue, Pages(str(first), str(first + 9))),
        place,
    )


# --- titles and DOIs ------------------------------------------------------------------

title_text = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" :;,'?!-–()"),
    min_size=1,
    max_size=60,
).filter(lambda title: strip_markup(title) == title and any(c.isalnum() for c in title))
notes = st.sampled_from(
    [
        None,
        "Abstract only",
        "Abstracts only",
        "Full text available with NHS OpenAthens account",
        "Full text available via OpenAthens account",
    ]
)


@given(title_text, st.sampled_from(["#", "https://doi.org/10.1177/0020764019895212"]), notes)
def test_title_lines_round_trip(title: str, url: str, note: str | None) -> None:
    escaped = title.replace("(", "\\(").replace(")", "\\)")
    line = f"[{escaped}]({url})" + (f" {note}*" if note else "")
    assert split_title_line(line) == (title, url, note, "")


doi_suffix = st.from_regex(r"[a-z][a-z0-9._-]{0,20}[0-9]", fullmatch=True)


@given(
    st.from_regex(r"10\.[0-9]{4,5}", fullmatch=True),
    doi_suffix,
    st.sampled_from(
        [
            "https://doi.org/{}",
            "http://dx.doi.org/{}",
            "doi:{}",
            "https://onlinelibrary.wiley.com/doi/full/{}",
            "https://journals.sagepub.com/doi/abs/{}?journalCode=x",
            "https://link.springer.com/article/{}",
            "https://www.tandfonline.com/doi/pdf/{}#top",
        ]
    ),
)
def test_dois_are_found_in_links(prefix: str, suffix: str, template: str) -> None:
    doi = f"{prefix}/{suffix.upper()}"
    assert doi_from_url(template.format(doi)) == doi.lower()


# --- nothing raises -------------------------------------------------------------------

# Text built from the characters the grammars react to, so that near-misses are tried.
format_text = st.lists(
    st.sampled_from([*"aAzZ019 .,;:()[]{}*_^\\#-–—&/%'\"<>\t", "et al", " and ", "pp.", "Suppl"]),
    max_size=60,
).map("".join)
any_text = st.one_of(st.text(max_size=120), format_text)


@given(any_text)
def test_no_parser_raises(text: str) -> None:
    strip_markup(text)
    parse_people(text)
    parse_date(text)
    parse_journal_source(text)
    parse_journal_line(text)
    parse_publication_details(text)
    apply_supplement(Source("J", "1", "2"), text)
    parse_access_note(text)
    is_access_fragment(text)
    split_title_line(text)
    doi_from_url(text)
    classify_source(text)
    looks_like_organisation(text)
    parse_brief_citation(text)


@given(st.text(alphabet=st.characters(whitelist_categories=("L", "Nd")), max_size=20), any_text)
def test_strip_markup_keeps_plain_words(word: str, text: str) -> None:
    plain = strip_markup(text)
    assert plain == " ".join(plain.split())
    assert strip_markup(f"{word} {word}") == " ".join(f"{word} {word}".split())


@given(any_text)
def test_people_are_never_blank(text: str) -> None:
    people, truncated = parse_people(text)
    assert all(person.family.strip() for person in people)
    assert people or not truncated
