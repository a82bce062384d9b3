"""Field parsers, on every distinct form of the sample brief and the other forms of the format."""

from __future__ import annotations

import pytest

import peerbrief
from peerbrief.fields import (
    BookSource,
    BriefCitation,
    Source,
    apply_supplement,
    classify_source,
    doi_from_url,
    doi_locator_link,
    ends_with_status,
    is_access_fragment,
    looks_like_organisation,
    parse_access_note,
    parse_book_source,
    parse_brief_citation,
    parse_date,
    parse_journal_line,
    parse_journal_source,
    parse_people,
    parse_publication_details,
    split_details_publisher,
    split_title_line,
    split_trailing_link,
    stated_family_names,
    strip_markup,
    unglue_access_note,
    written_link,
)
from peerbrief.model import Date, Kind, Pages, Person, Reason

# --- strip_markup -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("**Background:** peer *support* _workers_", "Background: peer support workers"),
        (
            "UK mental health practice,^{1,2} research,³ and education.^{4,5} It",
            "UK mental health practice, research, and education. It",
        ),
        ("Foucault^1 argued", "Foucault argued"),
        (
            "lived experience practitioner \\(LXP\\) roles",
            "lived experience practitioner (LXP) roles",
        ),
        ("\\[sic\\] \\*not emphasis\\* \\_x\\_ \\# 1", "[sic] *not emphasis* _x_ # 1"),
        (
            "a [supported self-management intervention](#). It",
            "a supported self-management intervention. It",
        ),
        ("see [the guide](https://x.org/a_(b)) now", "see the guide now"),
        ("H<sub>2</sub>O and x<sup>3</sup>", "H₂O and x³"),
        ("practice<sup>1</sup> and 5 m<sup>2</sup>", "practice and 5 m²"),
        ("CO<sub>2</sub> and CO_2 outside math", "CO₂ and CO_2 outside math"),
        # Pandoc's subscripts, strikeout and footnote references; a web address's tildes.
        ("CO~2~ and SpO~2~.", "CO₂ and SpO₂."),
        ("~~withdrawn~~ text", "withdrawn text"),
        ("the role.[^1] Next, the team[^note-2].", "the role. Next, the team."),
        (
            "https://x.org/~a/~b/ and https://x.org/a~b~c",
            "https://x.org/~a/~b/ and https://x.org/a~b~c",
        ),
        ("approximately ~20 people and ~30 staff", "approximately ~20 people and ~30 staff"),
        ("the 19^{th} century", "the 19th century"),
        ("an area of 5 km² and research,³ and data¹", "an area of 5 km² and research, and data"),
        ("η^{2} printed by a PDF reader", "η² printed by a PDF reader"),
        ("10^9 cells", "10⁹ cells"),
        ("one<br/>two <i>three</i>", "one two three"),
        ("Abstract only*", "Abstract only*"),
        ("*", "*"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("  many \t spaces\n here ", "many spaces here"),
        ("**bold with *italic* inside**", "bold with italic inside"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        # What pandoc's markdown writers spell so: spans, code spans, typographic dashes.
        ("[Peer support guide]{.underline} now", "Peer support guide now"),
        ("[[A title]{.underline}](https://x.org) now", "A title now"),
        ("status (`η²=.24`), and", "status (η²=.24), and"),
        ("the big picture -- a guide---in brief", "the big picture – a guide—in brief"),
        ("pp. 12--15 and a rule ----", "pp. 12–15 and a rule ----"),
        ("[a]{b} stays", "[a]{b} stays"),
        # An escaped dollar is a dollar, never the start of math.
        ("\\$Adj R\\$, \\$p\\$", "$Adj R$, $p$"),
    ],
)
def test_strip_markup(text: str, plain: str) -> None:
    assert strip_markup(text) == plain


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("effect size ($\\eta^2=.24$)", "effect size (η²=.24)"),
        ("$\\chi^{2}(3) = 4.1$, $p \\leq .05$", "χ²(3) = 4.1, p ≤ .05"),
        ("$p < .001$ and $r \\geq 0.3$", "p < .001 and r ≥ 0.3"),
        ("$\\mathrm{CO}_2$ emissions", "CO₂ emissions"),
        ("$x_{ij} \\times \\alpha$", "xᵢⱼ × α"),
        ("$\\frac{1}{2}$ of $\\sqrt{n}$", "1/2 of √(n)"),
        ("$\\text{SD} = 3\\%$", "SD = 3%"),
        ("$\\beta_{adj}^{\\ast}$", "β_(adj)^∗"),
        ("$R^{2}_{adj}$", "R²_(adj)"),
        ("costs $5 and $10", "costs $5 and $10"),
    ],
)
def test_tex_math_becomes_unicode_keeping_scripts_and_relations(text: str, plain: str) -> None:
    assert strip_markup(text) == plain


# --- parse_people -------------------------------------------------------------------


def _people(*names: tuple[str, str | None]) -> tuple[Person, ...]:
    return tuple(Person(family, given) for family, given in names)


def _bodies(*names: str) -> tuple[Person, ...]:
    return tuple(Person(name, organisation=True) for name in names)


@pytest.mark.parametrize(
    ("text", "people", "truncated"),
    [
        ("Otte et al.", _people(("Otte", None)), True),
        ("Otte et al", _people(("Otte", None)), True),
        ("Otte et. al.", _people(("Otte", None)), True),
        ("Otte, et al.", _people(("Otte", None)), True),
        ("Moran", _people(("Moran", None)), False),
        ("Skipper and Page", _people(("Skipper", None), ("Page", None)), False),
        # Affiliation marks and ORCID iDs printed after names are no part of them.
        ("Smith J1,2, Jones K3", _people(("Smith", "J"), ("Jones", "K")), False),
        ("Smith J*, Jones K†", _people(("Smith", "J"), ("Jones", "K")), False),
        ("Smith J¹,², Jones K³", _people(("Smith", "J"), ("Jones", "K")), False),
        # A list a copy broke after its "and": the names before it (the line after is
        # reported).
        (
            "Hegedus, Anna, Burr, Christian and",
            _people(("Hegedus", "Anna"), ("Burr", "Christian")),
            False,
        ),
        ("J. Smith, R. Patel &", _people(("Smith", "J."), ("Patel", "R.")), False),
        ("Smith, John 1 and Jones, Kate 2", _people(("Smith", "John"), ("Jones", "Kate")), False),
        (
            "Smith, John (0000-0002-1825-0097) and Jones, Kate",
            _people(("Smith", "John"), ("Jones", "Kate")),
            False,
        ),
        # A Vancouver list in a chunk of a ";" list, and a group "on behalf of" whom.
        (
            "Smith J, Jones K; on behalf of the RETAIN Study Group",
            (*_people(("Smith", "J"), ("Jones", "K")), *_bodies("RETAIN Study Group")),
            False,
        ),
        (
            "Smith J, Jones K on behalf of the RETAIN Study Group",
            (*_people(("Smith", "J"), ("Jones", "K")), *_bodies("RETAIN Study Group")),
            False,
        ),
        # A group joined by "and the" is an author of its own, as one "on behalf of" whom.
        (
            "Smith, Jane and the PEER Study Group",
            (*_people(("Smith", "Jane")), *_bodies("PEER Study Group")),
            False,
        ),
        (
            "Smith J, Jones K & the RETAIN Collaborative",
            (*_people(("Smith", "J"), ("Jones", "K")), *_bodies("RETAIN Collaborative")),
            False,
        ),
        # Degrees and honours after a name are no names.
        ("Smith, Jane, PhD", _people(("Smith", "Jane")), False),
        (
            "Jane Smith, PhD, MSc and Kate Jones, MBE",
            _people(("Smith", "Jane"), ("Jones", "Kate")),
            False,
        ),
        ("Smith MA, Jones KL", _people(("Smith", "MA"), ("Jones", "KL")), False),
        ("Michael A. Mancini", _people(("Mancini", "Michael A.")), False),
        ("Roxanne C. Keynejad", _people(("Keynejad", "Roxanne C.")), False),
        ("Hans Oh", _people(("Oh", "Hans")), False),
        (
            "Melanie Ball and Syena Skinner",
            _people(("Ball", "Melanie"), ("Skinner", "Syena")),
            False,
        ),
        ("Ludwig van Beethoven", _people(("van Beethoven", "Ludwig")), False),
        ("Johannes van der Waals", _people(("van der Waals", "Johannes")), False),
        (
            "Hegedus, Anna, Burr, Christian, Pfluger, Viviane, Sieg, Daniel, Nienaber, Andre"
            " and Schulz, Michael",
            _people(
                ("Hegedus", "Anna"),
                ("Burr", "Christian"),
                ("Pfluger", "Viviane"),
                ("Sieg", "Daniel"),
                ("Nienaber", "Andre"),
                ("Schulz", "Michael"),
            ),
            False,
        ),
        (
            "Viking, T., Wenzler, J., Hylin, U. and Nilsson, L.",
            _people(("Viking", "T."), ("Wenzler", "J."), ("Hylin", "U."), ("Nilsson", "L.")),
            False,
        ),
        (
            "Edwards, Jonathan P. and Solomon, Phyllis L.",
            _people(("Edwards", "Jonathan P."), ("Solomon", "Phyllis L.")),
            False,
        ),
        (
            "Janouskova, Miroslava, Motlova, Julie and Bankovska Motlova, Lucie",
            _people(
                ("Janouskova", "Miroslava"), ("Motlova", "Julie"), ("Bankovska Motlova", "Lucie")
            ),
            False,
        ),
        (
            "Akerblom, Kristina Bakke, Mohn-Haugen, Torbjorn, Agdal, Rita and Ness, Ottar",
            _people(
                ("Akerblom", "Kristina Bakke"),
                ("Mohn-Haugen", "Torbjorn"),
                ("Agdal", "Rita"),
                ("Ness", "Ottar"),
            ),
            False,
        ),
        (
            "Meir, Lion Gai, Mpango, Richard S. and Mahlke, Candelaria",
            _people(("Meir", "Lion Gai"), ("Mpango", "Richard S."), ("Mahlke", "Candelaria")),
            False,
        ),
        ("Cleary, Rua and Armour, Cherie", _people(("Cleary", "Rua"), ("Armour", "Cherie")), False),
        ("Smith, J.; Jones, K.", _people(("Smith", "J."), ("Jones", "K.")), False),
        # Initials first: whole names, never a "family, given" pair ("J. Smith", "K. Jones").
        ("J. Smith, K. Jones", _people(("Smith", "J."), ("Jones", "K.")), False),
        (
            "J. Smith, K. L. Jones and A. Brown",
            _people(("Smith", "J."), ("Jones", "K. L."), ("Brown", "A.")),
            False,
        ),
        ("Smith, J., Jones, K., et al.", _people(("Smith", "J."), ("Jones", "K.")), True),
        ("Smith JA, Jones K", _people(("Smith", "JA"), ("Jones", "K")), False),
        (
            "Smith, Jones, and Brown",
            _people(("Smith", None), ("Jones", None), ("Brown", None)),
            False,
        ),
        ("A. Smith & B. Jones", _people(("Smith", "A."), ("Jones", "B.")), False),
        ("Public Health England", _bodies("Public Health England"), False),
        ("NHS England", _bodies("NHS England"), False),
        (
            "Department of Health and Social Care",
            _bodies("Department of Health and Social Care"),
            False,
        ),
        (
            "Public Health England and NHS England",
            _bodies("Public Health England", "NHS England"),
            False,
        ),
        # Single words listed before a body's name are its first words, not people.
        ("Nursing and Midwifery Council", _bodies("Nursing and Midwifery Council"), False),
        (
            "Tees, Esk and Wear Valleys NHS Foundation Trust",
            _bodies("Tees, Esk and Wear Valleys NHS Foundation Trust"),
            False,
        ),
        # A body and a person joined by "and": two authors (the "and" after a body's
        # first words is its own only before words that name no person).
        (
            "NHS Employers and Karen Hughes",
            (*_bodies("NHS Employers"), *_people(("Hughes", "Karen"))),
            False,
        ),
        (
            "Royal College of Nursing and Anna Ó Briain",
            (*_bodies("Royal College of Nursing"), *_people(("Ó Briain", "Anna"))),
            False,
        ),
        (
            "Health Education England and Aoife England",
            (*_bodies("Health Education England"), *_people(("England", "Aoife"))),
            False,
        ),
        # The "and" inside a body's name, in a list written with commas.
        (
            "National Institute for Health and Care Research, Evidence Synthesis Group",
            _bodies("National Institute for Health and Care Research", "Evidence Synthesis Group"),
            False,
        ),
        (
            "Royal College of Psychiatrists, Royal College of Nursing and NHS Employers",
            _bodies("Royal College of Psychiatrists", "Royal College of Nursing", "NHS Employers"),
            False,
        ),
        # After a comma, a lower-case "the" and a body: what the body is, not a second one.
        (
            "Skills for Health, the Sector Skills Council for Health",
            _bodies("Skills for Health, the Sector Skills Council for Health"),
            False,
        ),
        (
            "Skills for Health, the King's Fund and NHS Employers",
            _bodies("Skills for Health", "the King's Fund", "NHS Employers"),
            False,
        ),
        # After a comma, the part of the body that wrote the work (a unit word at its
        # end, the fields it covers listed before it): one author, not its words apart.
        (
            "Department of Health and Social Care, Workforce and Regulation Directorate",
            _bodies("Department of Health and Social Care, Workforce and Regulation Directorate"),
            False,
        ),
        (
            "NHS England, Workforce, Training and Education Directorate",
            _bodies("NHS England, Workforce, Training and Education Directorate"),
            False,
        ),
        # A unit within the unit, and a body's regional team: one author too.
        (
            "NHS England, Workforce, Training and Education Directorate, Nursing and Midwifery"
            " Team",
            _bodies(
                "NHS England, Workforce, Training and Education Directorate, Nursing and"
                " Midwifery Team"
            ),
            False,
        ),
        (
            "NHS England, North East and Yorkshire",
            _bodies("NHS England, North East and Yorkshire"),
            False,
        ),
        (
            "Health Education England, South West",
            _bodies("Health Education England, South West"),
            False,
        ),
        # After a comma, the country the body is of (as a publisher's name ends with
        # one): one author, not the country a second body.
        (
            "Department of Health and Social Care, UK",
            _bodies("Department of Health and Social Care, UK"),
            False,
        ),
        ("Department of Health, Ireland", _bodies("Department of Health, Ireland"), False),
        (
            "NHS England, UK Health Security Agency",
            _bodies("NHS England", "UK Health Security Agency"),
            False,
        ),
        (
            "NHS England, Finance Directorate and Public Health England",
            _bodies("NHS England", "Finance Directorate", "Public Health England"),
            False,
        ),
        ("Skipper and Page", _people(("Skipper", None), ("Page", None)), False),
        ("**Otte** et al.", _people(("Otte", None)), True),
        ("van der Berg et al.", _people(("van der Berg", None)), True),
        ("Ó Murchú et al.", _people(("Ó Murchú", None)), True),
        ("Seán Ó Murchú", _people(("Ó Murchú", "Seán")), False),
        (
            "Dr Jane Smith and Professor John Brown",
            _people(("Smith", "Jane"), ("Brown", "John")),
            False,
        ),
        ("Smith, J. (ed.)", _people(("Smith", "J.")), False),
        ("Drake, Tom", _people(("Drake", "Tom")), False),
        ("Nice, John and Cic, Ann", _people(("Nice", "John"), ("Cic", "Ann")), False),
        ("World Health Organization", _bodies("World Health Organization"), False),
        # Family names that are also places or organisation words: people, when
        # written as names.
        (
            "Smith, John and England, Mary",
            _people(("Smith", "John"), ("England", "Mary")),
            False,
        ),
        ("Wales, J.", _people(("Wales", "J.")), False),
        ("Church et al.", _people(("Church", None)), True),
        ("England et al.", _people(("England", None)), True),
        ("Skipper and England", _people(("Skipper", None), ("England", None)), False),
        (
            "Bishop, Hall and House",
            _people(("Bishop", None), ("Hall", None), ("House", None)),
            False,
        ),
        ("London, Jack, Church, Ann", _people(("London", "Jack"), ("Church", "Ann")), False),
        ("de la Cruz et al.", _people(("de la Cruz", None)), True),
        ("NHS", _bodies("NHS"), False),
        ("Skills for Care", _bodies("Skills for Care"), False),
        # A family name that is also a nation's, after given names: a person. A word
        # before the nation that opens organisations' names, or is an organisation,
        # subject or journal word or an acronym: a body.
        ("Aoife England", _people(("England", "Aoife")), False),
        (
            "Mary Wales and Tomás England",
            _people(("Wales", "Mary"), ("England", "Tomás")),
            False,
        ),
        ("J. England", _people(("England", "J.")), False),
        ("Mary Ann Scotland", _people(("Scotland", "Mary Ann")), False),
        ("Sport England", _bodies("Sport England"), False),
        ("Natural England", _bodies("Natural England"), False),
        ("Health Education England", _bodies("Health Education England"), False),
        ("Public Health Wales", _bodies("Public Health Wales"), False),
        ("Social Care Wales", _bodies("Social Care Wales"), False),
        ("HEE England", _bodies("HEE England"), False),
        ("Nuffield Trust", _bodies("Nuffield Trust"), False),
        # Family names only (before "et al.", beside a lone family name): a name of
        # several capitalised words is one family name.
        ("Bankovska Motlova et al.", _people(("Bankovska Motlova", None)), True),
        (
            "Chen and Bankovska Motlova",
            _people(("Chen", None), ("Bankovska Motlova", None)),
            False,
        ),
        (
            "Bankovska Motlova, Hall, and Otte",
            _people(("Bankovska Motlova", None), ("Hall", None), ("Otte", None)),
            False,
        ),
        ("Michael A. Mancini et al.", _people(("Mancini", "Michael A.")), True),
        (
            "Anna Bankovska Motlova and Syena Skinner",
            _people(("Motlova", "Anna Bankovska"), ("Skinner", "Syena")),
            False,
        ),
        # Whole names of several words listed with commas alone, before "et al." or more
        # than two of them: given first, not "Family, Given" pairs of several words each.
        ("Jane Smith, Raj Patel et al.", _people(("Smith", "Jane"), ("Patel", "Raj")), True),
        (
            "Jane Smith, Raj Patel, Kim Jones, Ann Lee",
            _people(("Smith", "Jane"), ("Patel", "Raj"), ("Jones", "Kim"), ("Lee", "Ann")),
            False,
        ),
        # An initial before another word makes a whole name: no family name holds one.
        ("Jane A. Smith, Raj K. Patel", _people(("Smith", "Jane A."), ("Patel", "Raj K.")), False),
        # One pair alone, pairs joined by "and", or a family name opening with a particle:
        # "Family, Given" pairs, however many words.
        ("García López, María José", _people(("García López", "María José")), False),
        (
            "García López, María José and Fernández Ruiz, Ana Belén",
            _people(("García López", "María José"), ("Fernández Ruiz", "Ana Belén")),
            False,
        ),
        ("de Souza Pereira, Ana Paula et al.", _people(("de Souza Pereira", "Ana Paula")), True),
        # Vancouver order with particles, and suffixes, which stay with the family name.
        ("van der Berg J, Smith K", _people(("van der Berg", "J"), ("Smith", "K")), False),
        ("John Smith III", _people(("Smith III", "John")), False),
        ("King ML Jr, Smith J", _people(("King Jr", "ML"), ("Smith", "J")), False),
        ("Martin Luther King Jr.", _people(("King Jr.", "Martin Luther")), False),
        ("Martin Luther King, Jr.", _people(("King Jr.", "Martin Luther")), False),
        (
            "King, Martin Luther, Jr. and Smith, Jane",
            _people(("King Jr.", "Martin Luther"), ("Smith", "Jane")),
            False,
        ),
        ("Smith, J. R., Jr., & Jones, K.", _people(("Smith Jr.", "J. R."), ("Jones", "K.")), False),
        # Two capitals after a comma may be initials: no suffix.
        ("Ivanov, IV, Smith, J.", _people(("Ivanov", "IV"), ("Smith", "J.")), False),
        # A family name in capitals opens the name (``SMITH Jane``); where the list marks
        # its family names so, two capitals do too (``LI Wei``); alone they are initials.
        ("SMITH Jane", _people(("SMITH", "Jane")), False),
        ("O'NEILL Mary Anne", _people(("O'NEILL", "Mary Anne")), False),
        ("SMITH-JONES Kate et al.", _people(("SMITH-JONES", "Kate")), True),
        (
            "SMITH Jane, LI Wei and PATEL Raj",
            _people(("SMITH", "Jane"), ("LI", "Wei"), ("PATEL", "Raj")),
            False,
        ),
        ("Jane SMITH and Raj PATEL", _people(("SMITH", "Jane"), ("PATEL", "Raj")), False),
        ("JR Smith and RK Patel", _people(("Smith", "JR"), ("Patel", "RK")), False),
        ("SMITH JA, PATEL R", _people(("SMITH", "JA"), ("PATEL", "R")), False),
        ("RCN Scotland", _bodies("RCN Scotland"), False),
        ("NHS England and NICE", _bodies("NHS England", "NICE"), False),
    ],
)
def test_parse_people(text: str, people: tuple[Person, ...], truncated: bool) -> None:
    assert parse_people(text) == (people, truncated)


def test_a_family_name_the_brief_states_elsewhere_splits_a_given_first_name() -> None:
    # "Anna Bankovska Motlova" alone reads as BibTeX reads it (the last word is the
    # family name); where the brief writes "Bankovska Motlova" as a family name, there.
    families = frozenset({"Bankovska Motlova"})
    assert parse_people("Anna Bankovska Motlova and Syena Skinner", families) == (
        _people(("Bankovska Motlova", "Anna"), ("Skinner", "Syena")),
        False,
    )
    assert parse_people("Mary Ann Motlova", families) == (_people(("Motlova", "Mary Ann")), False)
    # The whole name is that family name (no given names are written).
    assert parse_people("Bankovska Motlova and Bankovska Motlova", families) == (
        _people(("Bankovska Motlova", None), ("Bankovska Motlova", None)),
        False,
    )


@pytest.mark.parametrize(
    ("text", "families"),
    [
        ("Church, Li, Bankovska Motlova, T. and Kowalczyk, Anna", {"Bankovska Motlova"}),
        ("Bankovska Motlova et al.", {"Bankovska Motlova"}),
        ("Chen and Bankovska Motlova", {"Bankovska Motlova"}),
        # Particles mark a family name of several words wherever it stands.
        ("van der Berg et al.", set()),
        # Given-first: the split is a guess, so nothing is stated.
        ("Anna Bankovska Motlova", set()),
        ("Public Health England", set()),
        ("Hegedus, Anna and Schulz, Michael", set()),
    ],
)
def test_stated_family_names(text: str, families: set[str]) -> None:
    assert stated_family_names(text) == families


@pytest.mark.parametrize("text", ["", "   ", "et al.", "*", ", and ,", "1234", ";;"])
def test_parse_people_junk_gives_nobody(text: str) -> None:
    assert parse_people(text) == ((), False)


@pytest.mark.parametrize(
    "text",
    [
        "[No authors listed]",
        "see full text",
        "N/A",
        "Not stated",
        # A citation's journal after the names, which a name would be read from.
        "Smith J, Patel R. BMJ Open 2020;3(2)",
    ],
)
def test_parse_people_that_reads_no_name_with_confidence_gives_nobody(text: str) -> None:
    # Nobody, so that the reader reports the value, rather than a name made of it.
    assert parse_people(text) == ((), False)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Jean d'Alembert", _people(("d'Alembert", "Jean"))),
        ("Omar al-Sayed", _people(("al-Sayed", "Omar"))),
        ("St. John, Ann", _people(("St. John", "Ann"))),
        ("王伟", _people(("王伟", None))),
    ],
)
def test_names_lower_case_particles_or_scripts_without_case_are_names(
    text: str, people: tuple[Person, ...]
) -> None:
    assert parse_people(text) == (people, False)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # Two family names joined by "y", "e" or "i", given name first: both are the family's.
        ("José Ortega y Gasset", _people(("Ortega y Gasset", "José"))),
        ("Maria Luisa Ortega y Gasset", _people(("Ortega y Gasset", "Maria Luisa"))),
        ("Rui Barbosa e Silva", _people(("Barbosa e Silva", "Rui"))),
        ("Josep Puig i Cadafalch", _people(("Puig i Cadafalch", "Josep"))),
        ("Ana Maria de Souza e Silva", _people(("de Souza e Silva", "Ana Maria"))),
        (
            "José Ortega y Gasset and Jane Smith",
            _people(("Ortega y Gasset", "José"), ("Smith", "Jane")),
        ),
        # Before "et al." a family name alone.
        ("Ortega y Gasset", _people(("Ortega y Gasset", None))),
        # A capital is an initial, no joiner.
        ("John E Smith", _people(("Smith", "John E"))),
        ("Jane I. Smith", _people(("Smith", "Jane I."))),
    ],
)
def test_two_family_names_joined_by_y_stay_one_family_name(
    text: str, people: tuple[Person, ...]
) -> None:
    assert parse_people(text) == (people, False)


def test_parse_people_odd_comma_list_keeps_every_name() -> None:
    # Three names and no pairing possible: each comma part is one name, never an error.
    people, truncated = parse_people("Smith, Jones, Brown")
    assert [p.family for p in people] == ["Smith", "Jones", "Brown"]
    assert not truncated


# --- parse_date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020", Date(2020)),
        ("June 2013", Date(2013, 6)),
        ("Sept 2013", Date(2013, 9)),
        ("Sep. 2013", Date(2013, 9)),
        ("Spring 2018", Date(2018, season=1)),
        ("Summer 2018", Date(2018, season=2)),
        ("Autumn 2018", Date(2018, season=3)),
        ("Fall 2018", Date(2018, season=3)),
        ("Winter 2018", Date(2018, season=4)),
        ("April-June 2012", Date(2012, 4, end=Date(2012, 6))),
        ("April – June 2012", Date(2012, 4, end=Date(2012, 6))),
        ("April—June 2012", Date(2012, 4, end=Date(2012, 6))),
        ("January-February 2020", Date(2020, 1, end=Date(2020, 2))),
        ("October-December 2010", Date(2010, 10, end=Date(2010, 12))),
        ("December 2019-January 2020", Date(2019, 12, end=Date(2020, 1))),
        ("2019-2020", Date(2019, end=Date(2020))),
        ("2019/20", Date(2019, end=Date(2020))),
        ("15 November 2023", Date(2023, 11, 15)),
        ("15th November 2023", Date(2023, 11, 15)),
        ("November 15, 2023", Date(2023, 11, 15)),
        ("2023-11-15", Date(2023, 11, 15)),
        ("15-17 November 2023", Date(2023, 11, 15, end=Date(2023, 11, 17))),
        ("2020.", Date(2020)),
        ("June 2013;", Date(2013, 6)),
        ("(15 November 2023)", Date(2023, 11, 15)),
        ("*June 2013*", Date(2013, 6)),
        # a day the month does not have is dropped, year and month kept
        ("31 February 2020", Date(2020, 2)),
        ("29 February 2020", Date(2020, 2, 29)),
        ("March 2020-", Date(2020, 3)),
        ("Spring/Summer 2018", Date(2018, season=1, end=Date(2018, season=2))),
        ("November 15 - December 3, 2023", Date(2023, 11, 15, end=Date(2023, 12, 3))),
        ("1999-05", Date(1999, 5)),
        # Numeric dates in the UK's order; the US order only where it is certain.
        ("15/01/2021", Date(2021, 1, 15)),
        ("05/06/2021", Date(2021, 6, 5)),
        ("01/15/2021", Date(2021, 1, 15)),
        ("01/2021", Date(2021, 1)),
        ("Winter 2022/23", Date(2022, season=4, end=Date(2023))),
    ],
)
def test_parse_date(text: str, date: Date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nonsense",
        "June",
        "n.d.",
        "0999",
        "12345",
        "2020 2021",
        "Spring June 2020",
        "45 June 2020",
        # A number beside no month is no day: refused, never read as the year alone.
        "13/2021",
        "5 2020",
        "Winter 2022/24",
        "Nov-23",
    ],
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


# --- journal sources ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The International Journal of Social Psychiatry 66(3)",
            Source("The International Journal of Social Psychiatry", "66", "3"),
        ),
        (
            "International Journal of Mental Health Nursing 27(3) pp. 987-1001",
            Source(
                "International Journal of Mental Health Nursing", "27", "3", Pages("987", "1001")
            ),
        ),
        (
            "The Psychiatry Quarterly 87 pp. 203-210",
            Source("The Psychiatry Quarterly", "87", None, Pages("203", "210")),
        ),
        (
            "BMC Health Services Research 13: 188",
            Source("BMC Health Services Research", "13", None, Pages("188")),
        ),
        (
            "Globalisation and Health 12:82",
            Source("Globalisation and Health", "12", None, Pages("82")),
        ),
        # A DOI after the numbers, its resolver printed without the scheme.
        (
            "BMJ Open 9 e025166. doi.org/10.1136/bmjopen-2018-025166",
            Source("BMJ Open", "9", None, Pages("e025166"), doi="10.1136/bmjopen-2018-025166"),
        ),
        # Nursing Times' own order, and volume, issue and pages set apart by commas.
        (
            "Nursing Times [online]; 116: 8, 20-23",
            Source("Nursing Times", "116", "8", Pages("20", "23")),
        ),
        ("Nursing Standard 35, 4, 45-50", Source("Nursing Standard", "35", "4", Pages("45", "50"))),
        # The year between the name and the volume.
        (
            "Int J Nurs Stud, 2020, 112, 103456",
            Source("Int J Nurs Stud", "112", None, Pages("103456"), Date(2020)),
        ),
        (
            "Human Resources for Health (2020) 18:56",
            Source("Human Resources for Health", "18", None, Pages("56"), Date(2020)),
        ),
        (
            "BMJ Open, 2019, 9(3), e025166",
            Source("BMJ Open", "9", "3", Pages("e025166"), Date(2019)),
        ),
        # Taylor & Francis: volume:issue, then the pages.
        (
            "Journal of Interprofessional Care, 34:6, 789-796",
            Source("Journal of Interprofessional Care", "34", "6", Pages("789", "796")),
        ),
        (
            "Journal of Interprofessional Care 34:6 pp. 789-96",
            Source("Journal of Interprofessional Care", "34", "6", Pages("789", "796")),
        ),
        (
            "Social Psychiatry and Psychiatric Epidemiology 55: 285-293",
            Source(
                "Social Psychiatry and Psychiatric Epidemiology", "55", None, Pages("285", "293")
            ),
        ),
        ("BMJ Open 9 e025166", Source("BMJ Open", "9", None, Pages("e025166"))),
        (
            "Mental Health and Social Inclusion 11",
            Source("Mental Health and Social Inclusion", "11"),
        ),
        ("BMC Psychiatry 270", Source("BMC Psychiatry", "270")),
        ("BMC Psychiatry 22(373)", Source("BMC Psychiatry", "22", "373")),
        ("PLoS One", Source("PLoS One")),
        ("PLoS One 12(3)", Source("PLoS One", "12", "3")),
        (
            "Cochrane Database of Systematic Reviews",
            Source("Cochrane Database of Systematic Reviews"),
        ),
        (
            "*Epidemiology and Psychiatric Sciences* 25 pp. 113-122",
            Source("Epidemiology and Psychiatric Sciences", "25", None, Pages("113", "122")),
        ),
        (
            "*Sociology of Health & Illness* 41(7) pp. 1305-1322",
            Source("Sociology of Health & Illness", "41", "7", Pages("1305", "1322")),
        ),
        (
            "Australasian Psychiatry 21(3) pp. 246-8",
            Source("Australasian Psychiatry", "21", "3", Pages("246", "248")),
        ),
        (
            "Journal of Mental Health 25(3) pp. 278-83",
            Source("Journal of Mental Health", "25", "3", Pages("278", "283")),
        ),
        (
            "Psychiatry: Interpersonal and Biological Processes 75(2)",
            Source("Psychiatry: Interpersonal and Biological Processes", "75", "2"),
        ),
        (
            "Community Mental Health journal 54 pp. 127-137",
            Source("Community Mental Health journal", "54", None, Pages("127", "137")),
        ),
        ("Name 12 pp. 1305–22", Source("Name", "12", None, Pages("1305", "1322"))),
        ("Name 12 pp. e203-e210", Source("Name", "12", None, Pages("e203", "e210"))),
        ("Name 12 p. 12", Source("Name", "12", None, Pages("12"))),
        (
            "Journal of X, Vol. 12, No. 3, pp. 45-67",
            Source("Journal of X", "12", "3", Pages("45", "67")),
        ),
        ("F1000Research 7", Source("F1000Research", "7")),
        ("F1000Research", Source("F1000Research")),
        ("Journal 12(3):e1234", Source("Journal", "12", "3", Pages("e1234"))),
        (
            "Frontiers in Psychiatry 12 Article 645",
            Source("Frontiers in Psychiatry", "12", None, Pages("645")),
        ),
        ("Name 12(3), 45-67", Source("Name", "12", "3", Pages("45", "67"))),
        ("Name 12(3-4)", Source("Name", "12", "3-4")),
        ("Journal P 12", Source("Journal P", "12")),
        ("Name 12 PP. 3-9", Source("Name", "12", None, Pages("3", "9"))),
        # Numbers right after the issue are pages; a year in brackets after them, the date.
        (
            "The Lancet Psychiatry 7(6) 503-512",
            Source("The Lancet Psychiatry", "7", "6", Pages("503", "512")),
        ),
        ("Name 12(3) 45", Source("Name", "12", "3", Pages("45"))),
        (
            "Community Ment Health J 55, 1–10 (2019)",
            Source("Community Ment Health J", "55", None, Pages("1", "10"), Date(2019)),
        ),
        ("Journal of Things (2019)", Source("Journal of Things (2019)")),
        # One number after the volume (and issue) is the first page or article number.
        (
            "International Journal of Nursing Studies 140, 104453",
            Source("International Journal of Nursing Studies", "140", None, Pages("104453")),
        ),
        ("Nurse Educ Today 119 105577", Source("Nurse Educ Today", "119", None, Pages("105577"))),
        (
            "Name 119, 105577 (2022)",
            Source("Name", "119", None, Pages("105577"), Date(2022)),
        ),
        ("Name 12(3), 45", Source("Name", "12", "3", Pages("45"))),
        # ... but only after a volume standing alone.
        ("Journal of COVID-19 12", Source("Journal of COVID-19", "12")),
        # Elsevier's year in brackets between the volume and the pages.
        (
            "Health Policy 125 (2021) 1100-1108",
            Source("Health Policy", "125", None, Pages("1100", "1108"), Date(2021)),
        ),
        # Cochrane's issue without a volume, and its own citation form.
        (
            "Cochrane Database Syst Rev (3) CD012345",
            Source("Cochrane Database Syst Rev", None, "3", Pages("CD012345")),
        ),
        (
            "Cochrane Database of Systematic Reviews 2022, Issue 3. Art. No.: CD012345",
            Source("Cochrane Database of Systematic Reviews", "2022", "3", Pages("CD012345")),
        ),
        # The medium NLM writes after a name is no part of it.
        ("Nursing Times [online] 119(5)", Source("Nursing Times", "119", "5")),
        # ... nor is the medium in round brackets after the pages, as a publisher notes it.
        ("BMJ Open 13(4) pp. 1–8 (online)", Source("BMJ Open", "13", "4", Pages("1", "8"))),
        ("BMJ Open 13(4), pp. 1–8 (Online)", Source("BMJ Open", "13", "4", Pages("1", "8"))),
    ],
)
def test_parse_journal_source(text: str, source: Source) -> None:
    assert parse_journal_source(text) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A volume and a short electronic article number, with or without an issue.
        ("Primary Care Research 22 e45", Source("Primary Care Research", "22", None, Pages("e45"))),
        ("BMJ Open 13:e068123", Source("BMJ Open", "13", None, Pages("e068123"))),
        ("Journal of Things 9 (1) e12", Source("Journal of Things", "9", "1", Pages("e12"))),
        # Vancouver order: the date before the numbers, after the name.
        (
            "J Ment Health. 2020;12(3):45-67",
            Source("J Ment Health", "12", "3", Pages("45", "67"), Date(2020)),
        ),
        (
            "Nurse Educ Today 2019 Mar 3;74:1-7",
            Source("Nurse Educ Today", "74", None, Pages("1", "7"), Date(2019, 3, 3)),
        ),
        ("Name. 2021;9(2)", Source("Name", "9", "2", None, Date(2021))),
        # Spelt-out markers.
        ("Name, vol. 12, no. 3, pp. 45–67", Source("Name", "12", "3", Pages("45", "67"))),
        ("Name volume 12 issue 3", Source("Name", "12", "3")),
        # A supplement after the issue.
        ("Name 54(6) Supplement 3", Source("Name", "54", "6 Supplement 3")),
        # ... and after the pages (the export's "Supplement 2" paragraph, which a PDF's
        # full line ran on into the source).
        (
            "Name vol. 2, no. 10, pp. 123–135 Supplement 2",
            Source("Name", "2", "10 Supplement 2", Pages("123", "135")),
        ),
        ("Name 12(3):45-67 Suppl. 1", Source("Name", "12", "3 Suppl. 1", Pages("45", "67"))),
        ("Journal of Supplements 4", Source("Journal of Supplements", "4")),
        # A status, and a DOI at the end.
        ("Name. Epub ahead of print", Source("Name", status="Epub ahead of print")),
        (
            "Name 12(3) [Epub ahead of print]",
            Source("Name", "12", "3", status="Epub ahead of print"),
        ),
        ("Name, in press", Source("Name", status="in press")),
        (
            "Name. Published online ahead of print",
            Source("Name", status="Published online ahead of print"),
        ),
        (
            "Lancet. 2019;393:e12. doi:10.1016/S0140-6736(19)30001-1",
            Source(
                "Lancet", "393", None, Pages("e12"), Date(2019), doi="10.1016/s0140-6736(19)30001-1"
            ),
        ),
        # Not Vancouver: a semicolon with no date before it.
        ("Name; Other Name 12(3)", Source("Name; Other Name", "12", "3")),
        # A date with its month or season at the end, as a magazine's source writes it:
        # its year is no volume (it was "Nursing Times, May", volume 2020).
        ("Nursing Times, May 2020", Source("Nursing Times", date=Date(2020, 5))),
        ("Health Serv J 12 May 2019", Source("Health Serv J", date=Date(2019, 5, 12))),
        (
            "Nursing Times 116(5), May 2020, 20-23",
            Source("Nursing Times", "116", "5", Pages("20", "23"), Date(2020, 5)),
        ),
        ("Journal of Things, Spring 2021", Source("Journal of Things", date=Date(2021, season=1))),
        # (no such day: the number is the volume)
        ("Nursing Standard 35 May 2020", Source("Nursing Standard", "35", date=Date(2020, 5))),
        # An episode's number is no volume (it was "NHS Employers podcast, episode", 47).
        ("NHS Employers podcast, episode 47", Source("NHS Employers podcast, episode 47")),
        ("Name, Ep. 12", Source("Name, Ep. 12")),
        # A meeting's dates, then more: the year is still no volume, and nothing is taken.
        (
            "RCN Congress 2024, Liverpool, 19-23 May 2024 (conference abstract)",
            Source("RCN Congress 2024, Liverpool, 19-23 May 2024 (conference abstract)"),
        ),
    ],
)
def test_parse_journal_source_more_forms(text: str, source: Source) -> None:
    assert parse_journal_source(text) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "BMC Public Health 23(1), pp. 1-15",
            Source("BMC Public Health", "23", "1", Pages("1", "15")),
        ),
        (
            "Counselling & Psychotherapy Research 22(4), pp. 1100-1111",
            Source("Counselling & Psychotherapy Research", "22", "4", Pages("1100", "1111")),
        ),
        (
            "Psychiatric Rehabilitation Journal 46(3), pp. 223-231",
            Source("Psychiatric Rehabilitation Journal", "46", "3", Pages("223", "231")),
        ),
        # After "pp." a locator of letters and digits is the page (BJGP's e-locators).
        (
            "British Journal of General Practice 74(suppl 1), pp. bjgp24X737901",
            Source("British Journal of General Practice", "74", "suppl 1", Pages("bjgp24X737901")),
        ),
        ("Name 12, p. BMJ2023a12", Source("Name", "12", pages=Pages("BMJ2023a12"))),
    ],
)
def test_parse_journal_line(text: str, source: Source) -> None:
    assert parse_journal_line(text) == source


@pytest.mark.parametrize(
    ("text", "source", "place"),
    [
        (
            "Psychiatric services (Washington, D.C.), 73, (12) pp.1424-1427. , United States:",
            Source("Psychiatric services (Washington, D.C.)", "73", "12", Pages("1424", "1427")),
            "United States",
        ),
        (
            "International journal of mental health nursing, 30 Suppl 1, pp.1445-1455. , Australia:",
            Source(
                "International journal of mental health nursing",
                "30",
                "Suppl 1",
                Pages("1445", "1455"),
            ),
            "Australia",
        ),
        (
            "Patient education and counseling, 114, pp.107858. , Ireland:",
            Source("Patient education and counseling", "114", None, Pages("107858")),
            "Ireland",
        ),
        (
            "International journal of mental health systems, 17, (1) pp.17. , England:",
            Source("International journal of mental health systems", "17", "1", Pages("17")),
            "England",
        ),
        (
            "American Journal of Preventive Medicine, 61, (4) pp.e203-e210. , Netherlands:",
            Source("American Journal of Preventive Medicine", "61", "4", Pages("e203", "e210")),
            "Netherlands",
        ),
        (
            "Health expectations : an international journal of public participation in health care"
            " and health policy, 24, (2) pp.234-242. , England:",
            Source(
                "Health expectations : an international journal of public participation in health"
                " care and health policy",
                "24",
                "2",
                Pages("234", "242"),
            ),
            "England",
        ),
        (
            "Journal of mental health (Abingdon, England), 31, (2) pp.255-262. , England:",
            Source("Journal of mental health (Abingdon, England)", "31", "2", Pages("255", "262")),
            "England",
        ),
        (
            "JMIR mental health, 8, (5) pp.e25528. , Canada:",
            Source("JMIR mental health", "8", "5", Pages("e25528")),
            "Canada",
        ),
        ("Some journal, 12.", Source("Some journal", "12"), None),
        # The place after the sentence's end (a text extraction moved ", United" away),
        # but never a place's own full stop taken for it.
        (
            "Psychiatric services, 73, (12) pp.1424-1427. States:",
            Source("Psychiatric services", "73", "12", Pages("1424", "1427")),
            "States",
        ),
        (
            "J. Res., 12, pp.1-2. , St. Louis:",
            Source("J. Res.", "12", pages=Pages("1", "2")),
            "St. Louis",
        ),
    ],
)
def test_parse_publication_details(text: str, source: Source, place: str | None) -> None:
    assert parse_publication_details(text) == (source, place)


@pytest.mark.parametrize(
    ("issue", "line", "result"),
    [
        ("6", "Supplement 3", "6 Supplement 3"),
        (None, "Supplement 3", "Supplement 3"),
        ("6", "Suppl. 1", "6 Suppl. 1"),
        ("6", "Suppl 2", "6 Suppl 2"),
        ("6", "Supplement", "6 Supplement"),
    ],
)
def test_apply_supplement(issue: str | None, line: str, result: str) -> None:
    source = Source("American Journal of Preventative Medicine", "54", issue)
    assert apply_supplement(source, line) == Source(
        "American Journal of Preventative Medicine", "54", result
    )


@pytest.mark.parametrize(
    "line",
    ["Supplement information: This article is part of a supplement", "Publication date: 2018", ""],
)
def test_apply_supplement_ignores_other_lines(line: str) -> None:
    assert apply_supplement(Source("J", "1", "2"), line) is None


# --- access notes and title lines ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Abstract only*", "Abstract only"),
        ("Abstracts only*", "Abstracts only"),
        ("abstract only", "abstract only"),
        (
            "Full text available with NHS OpenAthens account*",
            "Full text available with NHS OpenAthens account",
        ),
        (
            "Full text available via OpenAthens account*",
            "Full text available via OpenAthens account",
        ),
        (
            "Full text  available with an NHS OpenAthens account",
            "Full text available with an NHS OpenAthens account",
        ),
        ("Background: peer support", None),
        ("Full text available with NHS", None),
        ("Abstract only* and more words", None),
        ("", None),
    ],
)
def test_parse_access_note(text: str, note: str | None) -> None:
    assert parse_access_note(text) == note


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Full text available with NHS", True),
        ("OpenAthens account*", True),
        ("Full text available", True),
        ("account*", True),
        ("Abstract only*", True),
        ("Full text available with NHS OpenAthens account*", True),
        ("Abstract", False),
        ("Background: peer support", False),
        ("", False),
        ("Publication date: 2020", False),
    ],
)
def test_is_access_fragment(text: str, fragment: bool) -> None:
    assert is_access_fragment(text) is fragment


def test_split_access_note_joins_back() -> None:
    head, tail = "Full text available with NHS", "OpenAthens account*"
    assert is_access_fragment(head) and is_access_fragment(tail)
    assert parse_access_note(f"{head} {tail}") == "Full text available with NHS OpenAthens account"


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        (
            "[Our recovery journey: two stories](#) Abstract only*",
            ("Our recovery journey: two stories", "#", "Abstract only", ""),
        ),
        (
            "[Peer workers roles and risk](#) Full text available with NHS",
            ("Peer workers roles and risk", "#", None, "Full text available with NHS"),
        ),
        ("[Title](https://doi.org/10.1111/x)", ("Title", "https://doi.org/10.1111/x", None, "")),
        (
            "[Developing mental health lived experience practitioner \\(LXP\\) roles](#)",
            ("Developing mental health lived experience practitioner (LXP) roles", "#", None, ""),
        ),
        (
            "[Peer support [online]: a review](#)",
            ("Peer support [online]: a review", "#", None, ""),
        ),
        (
            "- [The Competence Framework - Part 1 - Supporting document](#)",
            ("The Competence Framework - Part 1 - Supporting document", "#", None, ""),
        ),
        ("* [Part 2](#)", ("Part 2", "#", None, "")),
        # Emphasis around the whole link, and pandoc's attributes after it, are markup.
        (
            "**[Bold title](https://x.org/a)** Abstract only*",
            ("Bold title", "https://x.org/a", "Abstract only", ""),
        ),
        ("*[Italic title](https://x.org/a)*", ("Italic title", "https://x.org/a", None, "")),
        ("- __[Part 1](https://x.org/1)__", ("Part 1", "https://x.org/1", None, "")),
        ("[Styled](https://x.org/a){.underline}", ("Styled", "https://x.org/a", None, "")),
        (
            '[Styled](https://x.org/a){target="_blank"} Abstract only*',
            ("Styled", "https://x.org/a", "Abstract only", ""),
        ),
        ("3. [Part 3](#)", ("Part 3", "#", None, "")),
        ('[Angle](<https://x.org/a b> "tooltip")', ("Angle", "https://x.org/a b", None, "")),
        # Angle brackets inside the target, and words after a space, are part of it.
        (
            "[Query](<https://x.org/search?q=<nurse>&page=2>)",
            ("Query", "https://x.org/search?q=<nurse>&page=2", None, ""),
        ),
        (
            "[SICI](<https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0>)",
            (
                "SICI",
                "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
                None,
                "",
            ),
        ),
        (
            "[Spaced](https://x.org/annual report 2020.pdf)",
            ("Spaced", "https://x.org/annual report 2020.pdf", None, ""),
        ),
        ("[Escaped](https://x.org/a\\_b\\(c\\))", ("Escaped", "https://x.org/a_b(c)", None, "")),
        (
            "[Article](https://example.org/a_(b)/c) Full text available via OpenAthens account*",
            (
                "Article",
                "https://example.org/a_(b)/c",
                "Full text available via OpenAthens account",
                "",
            ),
        ),
        (
            "[*Emphasised* title](#) trailing words",
            ("Emphasised title", "#", None, "trailing words"),
        ),
    ],
)
def test_split_title_line(line: str, parts: tuple[str, str, str | None, str]) -> None:
    assert split_title_line(line) == parts


@pytest.mark.parametrize(
    "line",
    [
        "Peer support roles in mental health services",
        "Source: NHS England",
        "[unclosed title](#",
        "[no target]",
        "[](#)",
        "text before [Title](#)",
    ],
)
def test_split_title_line_needs_a_leading_link(line: str) -> None:
    assert split_title_line(line) is None


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("<https://x.org/a/(b)/?q=1#frag>.", "https://x.org/a/(b)/?q=1#frag"),
        ("https://x.org/staff-wellbeing/.", "https://x.org/staff-wellbeing/"),
        ("https://x.org/report;", "https://x.org/report"),
        ("https://x.org/a_(b)", "https://x.org/a_(b)"),
        (
            "<https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0>",
            "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
        ),
    ],
)
def test_written_link_drops_what_prose_adds_around_a_link(text: str, link: str) -> None:
    assert written_link(text) == link


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("NHS England. Available at: https://x.org/a", ("NHS England", "https://x.org/a")),
        ("NHS England (https://x.org/a_(b)).", ("NHS England", "https://x.org/a_(b)")),
        ("NHS England, <https://x.org/a?q=1>.", ("NHS England", "https://x.org/a?q=1")),
        ("Skills for Care https://x.org/a", ("Skills for Care", "https://x.org/a")),
        # No address at the end: nothing to split; an address alone is the link.
        ("NHS England", ("NHS England", None)),
        ("https://x.org/a", ("", "https://x.org/a")),
        ("Available at: <https://x.org/a>.", ("", "https://x.org/a")),
        (
            "The Health Foundation www.health.org.uk",
            ("The Health Foundation", "www.health.org.uk"),
        ),
    ],
)
def test_split_trailing_link(text: str, parts: tuple[str, str | None]) -> None:
    assert split_trailing_link(text) == parts


# --- DOIs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link"),
    [
        (
            "10.1136/bmjopen-2018-025166#supplementary",
            "https://doi.org/10.1136/bmjopen-2018-025166#supplementary",
        ),
        ("doi:10.1000/XYZ.1?page=3.", "https://doi.org/10.1000/XYZ.1?page=3"),
        ("https://doi.org/10.1000/xyz#sec2", "https://doi.org/10.1000/xyz#sec2"),
        # Nothing after the DOI but what a link decorates it with: the DOI says it all.
        ("10.1000/xyz", None),
        ("https://doi.org/10.1000/xyz.", None),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/jpm.1", None),
        ("10.1000/xyz#", None),
        ("no DOI here#frag", None),
    ],
)
def test_doi_locator_link_keeps_what_the_doi_field_cannot(text: str, link: str | None) -> None:
    assert doi_locator_link(text) == link


@pytest.mark.parametrize(
    ("url", "doi"),
    [
        ("https://doi.org/10.1111/INM.12345", "10.1111/inm.12345"),
        ("http://dx.doi.org/10.1111/inm.12345.", "10.1111/inm.12345"),
        ("doi:10.1002/jpm.12345", "10.1002/jpm.12345"),
        ("https://doi.org/10.1007%2Fs10597-015-9820-1", "10.1007/s10597-015-9820-1"),
        ("https://onlinelibrary.wiley.com/doi/10.1002/jpm.1", "10.1002/jpm.1"),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/jpm.1", "10.1002/jpm.1"),
        ("https://onlinelibrary.wiley.com/doi/abs/10.1002/jpm.1", "10.1002/jpm.1"),
        ("https://onlinelibrary.wiley.com/doi/pdf/10.1002/jpm.1", "10.1002/jpm.1"),
        ("https://onlinelibrary.wiley.com/doi/epdf/10.1002/jpm.1", "10.1002/jpm.1"),
        ("https://journals.sagepub.com/doi/10.1177/0020764019895212", "10.1177/0020764019895212"),
        (
            "https://link.springer.com/article/10.1007/s10597-015-9820-1",
            "10.1007/s10597-015-9820-1",
        ),
        (
            "https://link.springer.com/content/pdf/10.1007/s10597-015-9820-1.pdf",
            "10.1007/s10597-015-9820-1",
        ),
        (
            "https://www.tandfonline.com/doi/full/10.1080/09638237.2019.1581350?scroll=top",
            "10.1080/09638237.2019.1581350",
        ),
        (
            "https://bmcpsychiatry.biomedcentral.com/articles/10.1186/s12888-022-04001-1",
            "10.1186/s12888-022-04001-1",
        ),
        ("https://psycnet.apa.org/doi/10.1037/ser0000234", "10.1037/ser0000234"),
        ("https://academic.oup.com/bjsw/article/doi/10.1093/bjsw/bcad1/7", "10.1093/bjsw/bcad1/7"),
        ("https://journals.sagepub.com/doi/abs/10.1177/002076401#abstract", "10.1177/002076401"),
        ("https://www.bmj.com/doi/10.1136/bmj.m1/full", "10.1136/bmj.m1"),
        ("https://doi.org/10.1016/S0140-6736(20)30183-5", "10.1016/s0140-6736(20)30183-5"),
        ("(https://doi.org/10.1016/j.x.2020.1)", "10.1016/j.x.2020.1"),
        (
            "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456&type=printable",
            "10.1371/journal.pone.0123456",
        ),
        # A SICI keeps its angle brackets (percent-encoded in a link); an autolink's go.
        (
            "https://doi.org/10.1002/(SICI)1097-4679(199910)55:10%3C1281::AID-JCLP9%3E3.0.CO;2-N",
            "10.1002/(sici)1097-4679(199910)55:10<1281::aid-jclp9>3.0.co;2-n",
        ),
        ("<https://doi.org/10.1016/j.x.2020.1>", "10.1016/j.x.2020.1"),
        ("#", None),
        ("", None),
        ("https://academic.oup.com/schizophreniabulletin/article/43/3/486/3605120", None),
        ("https://www.england.nhs.uk/long-read/peer-support/", None),
    ],
)
def test_doi_from_url(url: str, doi: str | None) -> None:
    assert doi_from_url(url) == doi


# --- journal or organisation --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "NHS England",
        "Centre for Mental Health",
        "Equal Vision funded by Health Education England",
        "Surrey and Sussex Library and Knowledge Services on behalf of HEE",
        "Healthcare Library Northern Ireland",
        "Iriss",
        "National Voices",
        "Henry Shepherd",
        "NHS Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust",
        "Health Education England",
    ],
)
def test_organisations_are_publishers(text: str) -> None:
    assert looks_like_organisation(text)


@pytest.mark.parametrize(
    "text",
    [
        "PLoS One",
        "Cochrane Database of Systematic Reviews",
        "Mental Health and Social Inclusion",
        "BMJ Open",
        "The Lancet",
        "Psychiatric Services",
        "Clinical Gerontologist",
        "*Community Mental Health Journal*",
    ],
)
def test_journals_are_not_organisations(text: str) -> None:
    assert not looks_like_organisation(text)
    assert classify_source(text) == "journal"


@pytest.mark.parametrize(
    "text",
    [
        "London School of Economics",
        "London School of Hygiene and Tropical Medicine",
        "Great Ormond Street Hospital",
        "Academy of Medical Royal Colleges",
        "Faculty of Intensive Care Medicine",
    ],
)
def test_a_school_hospital_or_academy_is_a_body_whatever_its_subject(text: str) -> None:
    """Subject words (economics, medicine) make a journal only where no body is named."""
    assert classify_source(text) == "organisation"


def test_classify_source_admits_it_does_not_know() -> None:
    assert classify_source("Iriss") == "unknown"
    assert classify_source("") == "unknown"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NHS England", "organisation"),
        ("Skills for Care", "organisation"),
        ("The King's Fund", "organisation"),
        ("SCIE", "organisation"),
        ("Royal College of Nursing", "organisation"),
        ("Lancet Psychiatry", "journal"),
        ("JAMA Psychiatry", "journal"),
        ("Nursing Times", "journal"),
        ("Frontiers in Psychiatry", "journal"),
    ],
)
def test_classify_source(text: str, kind: str) -> None:
    assert classify_source(text) == kind


# --- the brief's own citation -------------------------------------------------------


def test_parse_brief_citation_of_the_sample() -> None:
    line = (
        "Evidence Brief: Peer Support Workers. Katie Nicholas. (15 November 2023). UK: Workforce,"
        " Training and Education Knowledge Management Team"
    )
    assert parse_brief_citation(line) == BriefCitation(
        title="Evidence Brief: Peer Support Workers",
        authors=(Person("Nicholas", "Katie"),),
        date=Date(2023, 11, 15),
        place="UK",
        publisher="Workforce, Training and Education Knowledge Management Team",
    )


def test_parse_brief_citation_two_authors_and_a_dotted_title() -> None:
    line = (
        "Evidence Brief: Retention v. 2. Katie Nicholas and Jo Bloggs. (November 2023). UK: KM Team"
    )
    assert parse_brief_citation(line) == BriefCitation(
        title="Evidence Brief: Retention v. 2",
        authors=(Person("Nicholas", "Katie"), Person("Bloggs", "Jo")),
        date=Date(2023, 11),
        place="UK",
        publisher="KM Team",
    )


@pytest.mark.parametrize(
    ("names", "authors"),
    [
        # Capitals beyond ASCII and one-letter words; Irish particles stay with the family.
        ("Tomás Ó Briain", (Person("Ó Briain", "Tomás"),)),
        ("Ó Briain, Tomás", (Person("Ó Briain", "Tomás"),)),
        # Welsh patronymics and the other Irish particles stay with the family too.
        ("Gwenllïan ap Dafydd", (Person("ap Dafydd", "Gwenllïan"),)),
        ("Rhys ab Owen", (Person("ab Owen", "Rhys"),)),
        ("Nia ferch Rhys", (Person("ferch Rhys", "Nia"),)),
        ("Niamh Uí Bhriain", (Person("Uí Bhriain", "Niamh"),)),
        ("Łucja Żak and Áine Ní Bhriain", (Person("Żak", "Łucja"), Person("Ní Bhriain", "Áine"))),
    ],
)
def test_parse_brief_citation_names_in_any_script(names: str, authors: tuple[Person, ...]) -> None:
    citation = parse_brief_citation(f"Evidence Brief: Retention. {names}. (March 2024). UK: Team")
    assert citation is not None
    assert (citation.title, citation.authors) == ("Evidence Brief: Retention", authors)


def test_parse_brief_citation_with_a_team_as_author() -> None:
    """The team was read as the end of the brief's title, and the brief had no author."""
    citation = parse_brief_citation(
        "Evidence Brief: Advanced Clinical Practice. Knowledge Management Team. (Autumn 2024). "
        "UK: Workforce, Training and Education Knowledge Management Team"
    )
    assert citation is not None
    assert (citation.title, citation.authors) == (
        "Evidence Brief: Advanced Clinical Practice",
        (Person("Knowledge Management Team", organisation=True),),
    )


def test_parse_brief_citation_without_author() -> None:
    line = "Evidence Brief: Nursing Associates. (March 2022). UK: Knowledge Management Team"
    citation = parse_brief_citation(line)
    assert citation is not None
    assert (citation.title, citation.authors, citation.date) == (
        "Evidence Brief: Nursing Associates",
        (),
        Date(2022, 3),
    )


def test_parse_brief_citation_with_initials() -> None:
    citation = parse_brief_citation("Evidence Brief: Ageing. K. Nicholas. (2021). UK: Team")
    assert citation is not None
    assert (citation.title, citation.authors) == (
        "Evidence Brief: Ageing",
        (Person("Nicholas", "K."),),
    )


def test_parse_brief_citation_with_a_bare_date() -> None:
    line = "Evidence Brief: Ageing. Katie Nicholas. 15 November 2023. UK: Team"
    assert parse_brief_citation(line) == BriefCitation(
        "Evidence Brief: Ageing", (Person("Nicholas", "Katie"),), Date(2023, 11, 15), "UK", "Team"
    )


@pytest.mark.parametrize(
    "line", ["Please acknowledge this work as:", "Evidence Brief: Peer Support Workers", "(2020)."]
)
def test_parse_brief_citation_needs_a_title_and_a_date(line: str) -> None:
    assert parse_brief_citation(line) is None


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (r"a large effect ($\eta^2=.24$) on", "a large effect (η²=.24) on"),
        (r"($F(9, 271) = 77.77$, $p < .01$)", "(F(9, 271) = 77.77, p < .01)"),
        ("it costs $5 and $10 a month", "it costs $5 and $10 a month"),
        ("a lone $ sign", "a lone $ sign"),
    ],
)
def test_tex_math_becomes_its_words_and_money_stays(text: str, plain: str) -> None:
    assert strip_markup(text) == plain


def test_doi_inside_a_wrapped_link_ends_at_the_next_parameter() -> None:
    safelink = (
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fdoi.org"
        "%2F10.1177%2F0020764020904764&data=05%7C01&reserved=0"
    )
    assert doi_from_url(safelink) == "10.1177/0020764020904764"


@pytest.mark.parametrize(
    ("text", "unglued"),
    [
        # A text extraction dropped the space between a title and its note.
        ("About time’Abstract only*", "About time’ Abstract only*"),
        ("A title?Full text available with NHS", "A title? Full text available with NHS"),
        # Nothing glued, or no note once unglued: as it was.
        ("A title Abstract only*", "A title Abstract only*"),
        ("The OpenAthens account*", "The OpenAthens account*"),
        ("Evaluating Free text entry", "Evaluating Free text entry"),
    ],
)
def test_unglue_access_note(text: str, unglued: str) -> None:
    assert unglue_access_note(text) == unglued


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("Source: Nursing Times. Epub ahead of print", True),
        ("Source: BMJ Open [In press].", True),
        ("Source: In press and media studies 3(4)", False),  # a status, not at the end
        ("Source: Nursing Times", False),
    ],
)
def test_a_source_that_ends_on_its_status(text: str, ends: bool) -> None:
    assert ends_with_status(text) is ends


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Journal, 28, (4) pp.812-820. , England: John Wiley & Sons Ltd",
            ("Journal, 28, (4) pp.812-820. , England:", "John Wiley & Sons Ltd"),
        ),
        # Ending at the country, or a colon inside the name: nothing to split.
        ("journal, 73, (12) pp.1424-1427. , United States:", None),
        ("Nursing: research and reviews, 5, pp.1-9", None),
    ],
)
def test_split_details_publisher(text: str, parts: tuple[str, str] | None) -> None:
    assert split_details_publisher(text) == (parts or (text, None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In: Kuhlmann, Ellen (ed.), Handbook on health workforce migration. Cham: Springer,"
            " pp. 45-67",
            BookSource(
                "Handbook on health workforce migration",
                "Kuhlmann, Ellen",
                "Cham",
                "Springer",
                Pages("45", "67"),
            ),
        ),
        (
            "Digital Health Education, edited by Jones, S. and Li, W. Oxford: Oxford University"
            " Press, pp. 101-118",
            BookSource(
                "Digital Health Education",
                "Jones, S. and Li, W",
                "Oxford",
                "Oxford University Press",
                Pages("101", "118"),
            ),
        ),
        (
            "In: Handbook of nursing. London: Sage",
            BookSource("Handbook of nursing", None, "London", "Sage"),
        ),
        # A publisher without its place; a subtitle after a full stop is no publisher.
        (
            "In: Taylor R (ed.) Nursing teams in practice. Oxford University Press, pp. 45-60",
            BookSource(
                "Nursing teams in practice",
                "Taylor R",
                None,
                "Oxford University Press",
                Pages("45", "60"),
            ),
        ),
        (
            "In: Taylor R (ed.) Nursing teams. A practical guide, pp. 45-60",
            BookSource("Nursing teams. A practical guide", "Taylor R", pages=Pages("45", "60")),
        ),
        # A year after the publisher (Vancouver): the book's text kept whole, not cut.
        (
            "In Smith J, Li W (eds) Nursing workforce. Bristol: Policy Press; 2020. p. 12-30",
            BookSource(
                "Nursing workforce. Bristol: Policy Press; 2020",
                "Smith J, Li W",
                pages=Pages("12", "30"),
            ),
        ),
        ("Nurse Education Today 12", None),
        ("Intensive and Critical Care Nursing 70", None),
        ("In: ", None),
    ],
)
def test_parse_book_source(text: str, expected: BookSource | None) -> None:
    assert parse_book_source(text) == expected


def test_a_book_sections_source_gives_the_book_place_publisher_and_pages() -> None:
    """``Source: In: Editor (ed.), Book. Place: Publisher, pp.``: a book section (a report
    in its book), its editors reported; before, the whole value was a journal's name."""
    brief = peerbrief.parse(
        "[Health workforce migration in Europe](#)\n\nAuthor(s): Buchan, James\n\n"
        "Source: In: Kuhlmann, Ellen (ed.), Handbook on health workforce migration. Cham:"
        " Springer, pp. 45-67\n\nPublication date: 2022\n"
    )
    [entry] = brief.entries
    assert (entry.kind, entry.container_title, entry.place, entry.publisher, entry.pages) == (
        Kind.REPORT,
        "Handbook on health workforce migration",
        "Cham",
        "Springer",
        Pages("45", "67"),
    )
    assert [(item.reason, item.text) for item in brief.report if item.line == 5] == [
        (Reason.BOOK_EDITORS, "Kuhlmann, Ellen")
    ]
    assert brief.unexplained == ()


@pytest.mark.parametrize(
    "label",
    ["Source: In:", "Journal: In:", "Publication Details: In:"],
)
def test_a_book_sections_edition_is_reported_under_every_label(label: str) -> None:
    """Harvard writes a book's edition after its title (``Book. 5th edn. Place:
    Publisher``): reported as an edition, not left in the book's title; and a
    ``Publication Details:`` value that names a book is a book section as a ``Source:``
    one is (its whole value was the journal's name)."""
    brief = peerbrief.parse(
        "[Advanced practice in musculoskeletal care](#)\n\nAuthor: Langridge, Neil\n\n"
        f"{label} Jull, Gwendolen, Moore, Ann and Falla, Deborah (eds.) Grieve's Modern"
        " Musculoskeletal Physiotherapy. 5th edn. Edinburgh: Elsevier, pp.312-320.\n\n"
        "Publication Date: 2021\n"
    )
    [entry] = brief.entries
    assert (entry.kind, entry.container_title, entry.place, entry.publisher, entry.pages) == (
        Kind.REPORT,
        "Grieve's Modern Musculoskeletal Physiotherapy",
        "Edinburgh",
        "Elsevier",
        Pages("312", "320"),
    )
    assert [(item.reason, item.text) for item in brief.report if item.line == 5] == [
        (Reason.BOOK_EDITORS, "Jull, Gwendolen, Moore, Ann and Falla, Deborah"),
        (Reason.EDITION, "5th edn"),
    ]
    assert brief.unexplained == ()
