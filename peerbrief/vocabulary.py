"""Every word list peerbrief reads or writes by, as data, in one place.

The reader (blocks, entries, field parsers), the PDF layout, the writers and the command
line share these lists; nothing else in the package spells a label, a section of the
template, an access note or a format name. To teach peerbrief a new metadata label, add
it to :data:`LABELS`; a new access-note wording, to :data:`ACCESS_NOTES`.

Where a list was first seeded from the sample brief it has been widened from the series
template (``brief-format.md``) and from what other exports of the series and reference
managers write; the comments say so.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "ACCESSED_LABELS",
    "ACCESS_NOTES",
    "ACCESS_SHORT_NAMES",
    "BODY_HEAD_WORDS",
    "BRIEF_EXTENSIONS",
    "BRIEF_TITLE_PREFIX",
    "BULLETS",
    "BULLET_GLYPHS",
    "CAPTION_WORDS",
    "CIRCA_WORDS",
    "CITATION_INTRO",
    "CITED_LABELS",
    "CLOSING_SECTION",
    "CSL_RAW_SEASONS",
    "DASHES",
    "DATE_VALUE_WORDS",
    "DROPPING_PARTICLES",
    "FAMILY_NAME_ORGANISATION_WORDS",
    "FOOTNOTE_MARKS",
    "FORMAT_EXTENSIONS",
    "FORMAT_NAMES",
    "HONORIFICS",
    "ITEM_TYPES",
    "JOURNAL_ABBREVIATIONS",
    "JOURNAL_NAME_FILLERS",
    "JOURNAL_SPELLINGS",
    "JOURNAL_WORDS",
    "KIND_NAMES",
    "LABELS",
    "MARKDOWN_BULLETS",
    "MEDIUM_DESIGNATORS",
    "MONTH_NAMES",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "NATIONAL_BODY_WORDS",
    "NAVIGATION_LINES",
    "NAVIGATION_PHRASE",
    "NOT_TOWN_WORDS",
    "NO_AUTHOR",
    "NO_DATE",
    "NUMBERED_NOT_VOLUME",
    "ONLINE_MARKS",
    "OPENING_FIELDS",
    "OPENING_LABELS",
    "ORGANISATION_ACRONYMS",
    "ORGANISATION_JOINERS",
    "ORGANISATION_WORDS",
    "OTHER_WORK_SUBTITLE_WORDS",
    "POST_NOMINALS",
    "PUBLICATION_CITIES",
    "PUBLICATION_COUNTRIES",
    "PUBLICATION_STATUSES",
    "PUBLISHER_WORDS",
    "PUBSTATE_KEYS",
    "REGION_WORDS",
    "SAME_FIELD",
    "SEASONS",
    "SEASON_ABBREVIATIONS",
    "SEASON_WORDS",
    "SUBJECT_WORDS",
    "SURNAME_JOINERS",
    "TEMPLATE_LABELS",
    "TOP_LEVEL_SECTIONS",
    "TOP_LEVEL_SPELLINGS",
    "TRUNCATING_WORDS",
    "UK_NATIONS",
    "UNIT_WORDS",
    "UPDATED_WORDS",
    "VIDEO_HOSTS",
    "VIDEO_TITLE_PREFIXES",
    "WEAK_BULLETS",
    "WEAK_ORGANISATION_WORDS",
]


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string: long word lists read best as prose."""
    return frozenset(text.split())


# --- The template of the series --------------------------------------------------------

BRIEF_TITLE_PREFIX = "evidence brief:"
"""The brief's title line (and its running page header) starts so, in any case."""

CITATION_INTRO = "please acknowledge this work"
"""The front matter's line before the brief's own citation (``Please acknowledge this work
in any resulting paper or presentation as:``), in any case."""

TOP_LEVEL_SECTIONS = (
    "Key publications – the big picture",
    "Case Studies",
    "The Star for workforce redesign",
    "Statistics",
    "National Data Programme",
    "Published Peer Reviewed Research",
    "Competency Frameworks",
    "*Help accessing articles or papers",
)
"""The series template's top-level sections; every other Contents heading is a topic
sub-section of the top-level section before it."""

TOP_LEVEL_SPELLINGS: Mapping[str, str] = {
    "HEE Star": "The Star for workforce redesign",
    "HEE National Data Programme": "National Data Programme",
}
"""Other names of the template's top-level sections → the template's name: the briefs
Health Education England published before it joined NHS England (2021-2022) name its tool
and data programme after itself. They name a section where a brief's Contents lists
them (or it has none): the sample's abstracts mention the "HEE Star"."""

CLOSING_SECTION = "*Help accessing articles or papers"
"""The section whose heading starts the closing boilerplate."""

NAVIGATION_PHRASE = "complete evidence brief list"
"""Links holding this phrase lead to the list of briefs; they are not references."""

NAVIGATION_LINES = (
    "back to contents",
    "back to the contents",
    "back to table of contents",
    "back to top",
    "back to the top",
    "return to contents",
    "return to top",
)
"""A line that is one of these alone (a link or not, with an arrow or not) leads back
through the document, as long reports put one after each section; it is no content."""

BULLET_GLYPHS = "•·▪■◦●‣⁃○□➢►✓\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8"
"""The bullets documents draw. Word draws its bullets in the Symbol and Wingdings fonts,
whose PDFs map them to private-use characters (U+F0B7 is Symbol's bullet, U+F0A7
Wingdings' square, U+F0D8 its arrowhead…), as ``pdftotext`` and viewers then copy them."""
DASHES = "-‐‑‒–—―−"
"""Every dash a word processor or PDF may put in a range or a name (the first is the
keyboard's hyphen-minus, which a user types for any of them)."""

MARKDOWN_BULLETS = "-*+"
"""Markdown's list marks: also a dash, an asterisk or a plus that a line broke at."""
BULLETS = MARKDOWN_BULLETS + BULLET_GLYPHS
"""Characters that open a bullet-list item (followed by a space): markdown's and the
drawn ones."""
WEAK_BULLETS = "-–o§"
"""Characters that are a bullet only set apart: alone on a line of copied text, or with a
wide gap after them on a PDF's line. Word's second-level bullet is a Courier New ``o``;
Wingdings' square read without its font's mapping is ``§``."""

CAPTION_WORDS = (
    *("figure", "fig", "table", "image", "picture", "photo", "photograph", "chart", "graph"),
    *("diagram", "infographic", "illustration", "map"),
)
"""Words that open a caption of what a page shows (``Figure 1:``, ``Fig. 2.``, ``Image:``),
in lower case: a caption after an abstract is no part of it."""

FOOTNOTE_MARKS = "*†‡"
"""The symbols that mark a footnote, as a page's foot repeats them before its note (the
series' access notes end in ``*``). Not ``§``: a copy may give it for a list's bullet."""

# --- Labelled metadata -----------------------------------------------------------------

ACCESSED_LABELS = (
    *("date last accessed", "last accessed on", "date accessed", "date of access"),
    *("last accessed", "access date", "accessed on", "accessed"),
)
"""How a reference says when its web page was read (``Accessed: 2 January 2025``): the
wordings of Harvard styles (Cite Them Right's ``(Accessed: 2 January 2025)``, others'
``[Accessed 2 January 2025]``) and of reference managers (Zotero's "Accessed",
EndNote's "Access Date", "Date Accessed"), in lower case. Each is a label of the
``accessed`` field; without a colon it is read in brackets after a link, or alone on
a line (:func:`peerbrief.fields.parse_accessed`). Longer forms first."""

CITED_LABELS = ("cited",)
"""The word NLM's style (Citing Medicine, Vancouver) writes before the date a web page
was read, in brackets after its title or link: ``[cited 2025 Jan 2]``. Read as an access
date only in brackets (:func:`peerbrief.fields.parse_accessed`), never as a label: ``Cited``
opens other texts (``Cited by 12``)."""

UPDATED_WORDS = ("last updated", "last modified", "updated", "modified", "revised")
"""Words before the date a web page was last changed, where NLM's style writes it in the
brackets of the access date: ``[updated 2024 Dec 1; cited 2025 Jan 2]`` (Citing
Medicine: "updated", "modified", "revised"). No field holds that date beside the
access date: it is reported (:func:`peerbrief.fields.parse_accessed`). Longer forms
first."""

LABELS: Mapping[str, str] = {
    # The three styles of the series (brief-format.md).
    "author(s)": "authors",
    "author": "authors",
    "authors": "authors",
    "source": "source",
    "publication date": "date",
    "publication details": "details",
    "journal": "journal",
    "item type": "item_type",
    "abstract": "abstract",
    # Widened from the format: the spellings other exports of the series, reference
    # managers' reports and hand-edited briefs use for the same fields.
    "author (s)": "authors",
    "authors(s)": "authors",
    "author/s": "authors",
    "by": "authors",
    "date": "date",
    "date of publication": "date",
    "date published": "date",
    "published": "date",
    "publication year": "date",
    "year of publication": "date",
    "year": "date",
    "published in": "journal",
    "journal title": "journal",
    "publication title": "journal",
    "item type/format": "item_type",
    "type": "item_type",
    "document type": "item_type",
    "publication type": "item_type",
    "resource type": "item_type",
    "publisher": "publisher",
    "published by": "publisher",
    "place of publication": "place",
    "place published": "place",
    "country of publication": "place",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
    "doi": "doi",
    # PubMed's identifiers, which no field holds: read (a line of their own is no abstract)
    # and reported.
    "pmid": "identifier",
    "pmcid": "identifier",
    "pubmed id": "identifier",
    "pmc id": "identifier",
    "url": "url",
    "link": "url",
    "available from": "url",
    "available at": "url",
    "web address": "url",
    # When a web page was read (its own field, not the access note's).
    **dict.fromkeys(ACCESSED_LABELS, "accessed"),
}
"""Label (lower case, as written before the colon) → the field it fills."""

DATE_VALUE_WORDS = (
    *("first published online", "published online", "first published", "published on"),
    *("published", "last updated", "updated on", "updated", "epub"),
)
"""Words a publication date's value may open with (``Publication date: Published: 12 June
2024``, as GOV.UK and NHS England pages print their dates): the date after them is read.
``Updated`` too: its date is that of the version the brief lists, which is the date the
citation styles cite a web page by (APA 7 section 9.15, Cite Them Right: the date last
updated). ``Published online`` (publishers' pages) and PubMed's ``Epub 2021 May 12``: a
work published online first is dated by its online publication when no other date is
given (APA 7 section 9.14; Citing Medicine gives the Epub date alone so). Longer forms
first."""

CIRCA_WORDS = ("circa", "ca.", "c.")
"""Words before a date that say it is approximate (``c. 2015``, ``circa 2015``, APA's and
Chicago's ``ca. 1850``), in lower case. The date is read and the approximation
reported, as a library's circa date is (:func:`peerbrief.fields.parse_circa`): a Date
has no mark for it. Not NLM's ``c2015``, which is a copyright date."""

THESIS_WORDS = ("thesis", "dissertation")
"""Words that name a thesis in a publisher's value (``Thesis (PhD), University of Leeds``,
``PhD thesis. University of Manchester``, ``MSc dissertation, King's College London``)."""

DEGREE_WORDS = _words(
    """
    phd ph.d. ph.d dphil d.phil. mphil m.phil. msc m.sc. ma m.a. mres md m.d. dclinpsy
    edd ed.d. dnp dprof dsc mba mph mmed mst bsc b.sc. ba b.a. llm
    doctoral doctorate master's masters master bachelor's bachelors honours hons
    undergraduate postgraduate professional research clinical unpublished
    """
)
"""Words that may stand before :data:`THESIS_WORDS` to say the degree or the kind of
thesis (``Unpublished doctoral thesis``, ``MSc dissertation``), in lower case. No field
holds them (:func:`peerbrief.fields.take_thesis_type`)."""

ONLINE_MARKS = ("online", "epub ahead of print", "epub")
"""Words a date's value may end with in brackets to say the date is the online
publication's (``2021 (online)``, Harvard's ``[online]``, PubMed's ``[Epub ahead of
print]``): the date before them is read (see :data:`DATE_VALUE_WORDS`). Longer forms
first."""

MEDIUM_DESIGNATORS = frozenset(
    {
        "internet",
        "online",
        "online resource",
        "electronic resource",
        "serial on the internet",
        "monograph on the internet",
        "database on the internet",
        "serial online",
        "monograph online",
        "pdf",
    }
)
"""What a title may be followed by, in brackets, to say the medium the work is in, not
more of its title: NLM's ``[Internet]`` (Citing Medicine, and its older ``[serial
online]``), Harvard's ``[Online]``, a library catalogue's ``[electronic resource]``, a web
page's ``(PDF)`` or ``(PDF, 2 MB)`` (its size is allowed after it). Compared in lower case.
No field holds a medium: it is taken from the title and reported
(:func:`peerbrief.fields.take_medium`)."""

TEMPLATE_LABELS = frozenset(list(LABELS)[:9])
"""The labels of the series' three metadata styles (the first entries of :data:`LABELS`);
the others are widened spellings, some of them words an abstract may open a sentence with
(``Issue:``, ``Type:``, ``Link:``)."""

OPENING_FIELDS = frozenset({"authors", "source", "item_type"})
"""Fields whose labels open a reference's metadata in one of the three styles: a plain
line right before one is a title that lost its link."""

SAME_FIELD: Mapping[str, str] = {"details": "source", "journal": "source"}
"""Label names that give the same field as another name: ``Publication Details:`` and
``Journal:`` give the journal, as ``Source:`` does. A reference gives each field once."""

OPENING_LABELS = frozenset(label for label, name in LABELS.items() if name in OPENING_FIELDS)
"""The labels of :data:`OPENING_FIELDS`."""

ITEM_TYPES: Mapping[str, str] = {
    "journal article": "journal-article",
    "article": "journal-article",
    "report": "report",
    "book": "report",
    "book section": "report",
    "document": "report",
    "web page": "report",
    "thesis": "report",
    "dissertation": "report",
    "preprint": "journal-article",
    "conference paper": "journal-article",
    "conference abstract": "journal-article",
    "video": "video",
    "film": "video",
    "video recording": "video",
    "webinar": "video",
    # EndNote's and Zotero's other names for the same three (a brief copies the type its
    # reference manager gave): an article in a magazine, a newspaper or online is one of
    # a journal's; a document a body issues, whatever its form, is a report.
    "electronic article": "journal-article",
    "magazine article": "journal-article",
    "newspaper article": "journal-article",
    "webpage": "report",
    "website": "report",
    "blog": "report",
    "blog post": "report",
    "government document": "report",
    "statute": "report",
    "legal rule or regulation": "report",
    "pamphlet": "report",
    "standard": "report",
    "manuscript": "report",
    "presentation": "report",
    "poster": "report",
    "electronic book": "report",
    "conference proceedings": "report",
    "dataset": "report",
    "data set": "report",
    "film or broadcast": "video",
    "online multimedia": "video",
    "audiovisual material": "video",
}
"""``Item Type:`` values → the kind of work (a :class:`peerbrief.model.Kind` value).
Widened with reference managers' other item types that briefs list: a thesis is a
report its university issues, as a dataset or a statute is one its publisher issues; a
preprint and a conference paper are read as articles of the server or journal
(supplement) their ``Journal:`` names. A type none of these names (``Podcast``) is
reported as not understood."""

KIND_NAMES = ("journal-article", "report", "video")
"""The kinds of work a brief lists, as :class:`peerbrief.model.Kind` values."""

VIDEO_TITLE_PREFIXES = ("video", "film", "webinar recording", "webinar")
"""A title ``Video: …`` names a video."""

VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com")
"""Sites whose links lead to a video: a work linked there is one, unless an ``Item
Type:`` says otherwise (compared with the link's host and its parent domains)."""

# --- Access notes ----------------------------------------------------------------------

ACCESS_NOTES = (
    "abstract only",
    "abstracts only",
    "full text available with nhs openathens account",
    "full text available with an nhs openathens account",
    "full text available with your nhs openathens account",
    "full text available via nhs openathens account",
    "full text available via an nhs openathens account",
    "full text available via openathens account",
    "full text available via an openathens account",
    "full text available with openathens account",
    "full text available with an openathens account",
    # Widened from the format: how other briefs and databases mark open access.
    "free full text",
    "free full text available",
    "full text freely available",
    "open access",
    "free access",
)
"""Access notes as their lower-case words (``OpenAthens`` also written ``Open Athens``)."""

ACCESS_SHORT_NAMES: Mapping[str, str] = {"abstract": "abstract", "openathens": "OpenAthens"}
"""A word of an access note → how a narrow table column shows the note."""

# --- Dates -----------------------------------------------------------------------------

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Spelt out rather than taken from ``calendar``, whose names follow the locale."""

EDIT_MARKS = frozenset(
    {
        "new",
        "updated",
        "update",
        "added",
        "amended",
        "revised",
        "edited",
        "changed",
        "tbc",
        "tbd",
        "todo",
        "draft",
        "removed",
        "deleted",
    }
)
"""Words a person editing a reading list writes on a line of their own beside a
reference (``NEW``, ``TBC``, ``Added March 2024``, ``Updated 12/03/2024``): a mark, not a
heading, where the Contents does not list it."""

NO_DATE = frozenset(
    {"n.d.", "n.d", "nd", "n. d.", "no date", "undated", "not dated", "date unknown"}
)
"""How a reference says it has no date (``n.d.``, ``[no date]``, in lower case and without
the brackets around it): a value understood, the work's date none."""

SEASONS: Mapping[int, str] = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}
"""CSL's season numbers."""

CSL_RAW_SEASONS: Mapping[int, str] = {1: "Spring", 2: "Summer", 3: "Fall", 4: "Winter"}
"""The season names pandoc's citeproc reads in a CSL date's ``raw`` text (its parser
knows "Fall", not "Autumn": ``raw: "Autumn 2021"`` reads as no date at all)."""

SEASON_WORDS: Mapping[str, int] = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

SEASON_ABBREVIATIONS: Mapping[str, int] = {"spr": 1, "sum": 2, "fal": 3, "win": 4}
"""Web of Science's seasons in a BibTeX ``month`` (``Month = {{SPR}}``)."""

# --- Words a sentence goes on after -----------------------------------------------------

SENTENCE_GOES_ON = _words(
    """
    a an the of in on at to for from with by into onto about as and or nor but than via
    per its their our your his her this that these those
    """
)
"""Words no paragraph ends on (articles, prepositions, conjunctions, determiners): a line
that fills its measure and ends on one is mid-sentence, so a link that starts the next
line is a phrase of the sentence, not a title starting a paragraph."""

SUSPENDING_WORDS = _words("and or to nor")
"""Words after a suspended hyphen (``short- and long-term``, ``3- to 5-day``): a line
that ends with a word's hyphen and goes on with one of these keeps the hyphen, and the
space after it."""

# --- Names -----------------------------------------------------------------------------

NAME_PARTICLES = _words(
    """
    van von vom der den de del della da das dos du la le les ten ter di dei d' al el bin
    ibn ó ní uí ap ab ferch verch
    """
)
"""Words that belong to a family name (``van der Berg``, ``de la Cruz``, Irish ``Ó Briain``,
``Ní Bhriain``, ``Uí Bhriain``, Welsh ``ap Dafydd``, ``ab Owen``, ``ferch Rhys``), compared
in lower case. Not Irish ``Nic`` and ``Mac``, which are given names too (``Nic Jones``):
see :data:`IRISH_PATRONYMICS`."""

IRISH_MUTATION_PREFIXES = frozenset({"t", "h", "n", "m", "bh", "mb", "gc", "nd", "bp", "dt", "ng"})
"""The lower-case letters Irish writes before a name's capital after ``an``, ``Ó``, ``Ní``
(t-prothesis, h-prothesis, eclipsis): ``Mac an tSaoir``, ``Ó hAodha``, ``Ní hÉigeartaigh``,
``Ó gCeallaigh``. The word is a name word, its capital after the prefix."""

IRISH_PATRONYMICS = frozenset({"mac", "nic", "mhic"})
"""Irish ``Mac`` (son of), ``Nic`` and ``Mhic`` (daughter, wife of), compared in lower
case: after a given name they open the family name (``Siobhán Nic Aodha``, ``Seán Mac
Mathúna``); first in a name they may be given names (``Nic Jones``)."""

IRISH_FAMILY_OPENINGS = frozenset(
    (patronymic, next_word)
    for patronymic in IRISH_PATRONYMICS
    for next_word in ("an", "giolla", "ghiolla")
)
"""The two words that open an Irish family name of three (``Mac an tSaoir``, ``Nic Giolla
Easpaig``, ``Mac Giolla Phádraig``), compared in lower case: written given name first
(``Seán Mac an tSaoir``), the family name starts there. ``Mac`` or ``Nic`` alone may be a
given name (``Nic Jones``), but not before these."""

SURNAME_JOINERS = frozenset({"y", "e", "i"})
"""The lower-case "and" that joins a person's two family names in Spanish (``Ortega y
Gasset``), Portuguese (``Souza e Silva``) and Catalan (``Puig i Cadafalch``): written
given name first (``José Ortega y Gasset``), the family name starts at the name before
it. Case-sensitive: a capital ``E`` or ``I`` is an initial (``John E Smith``)."""

DROPPING_PARTICLES = _words("von vom zu zum zur")
"""Particles that leave the family name when it is inverted or shortened, as CSL's
*dropping* particle does: German ``von`` (CSL's example, "Humboldt, Alexander von"; APA's
"Moltke, H. von"). Every other lower-case particle of :data:`NAME_PARTICLES` stays with
the family name (CSL's *non-dropping* particle: "van Gogh", "de Vries", "da Silva"), and
the style decides whether it sorts with it (CSL ``demote-non-dropping-particle``)."""

TRUNCATING_WORDS = ("others", "colleagues")
"""Words that close an author list cut short after "and" or "&" (``Smith and others``,
``Kaur and colleagues``), as "et al." does: no name of a person."""

NO_AUTHOR = frozenset(
    {"anonymous", "anon.", "anon", "unknown", "author unknown", "unknown author"}
    | {"no author", "no authors", "no author listed", "no authors listed"}
)
"""How a reference says its author is not known (``Anonymous``, ``Anon.``, ``[Anonymous]``,
PubMed's ``[No authors listed]``), in lower case and without the brackets around it: no
author, as CSL and Zotero record a work without one (the styles then cite it by its
title), not a person named "Anonymous". The value is reported as dropped."""

NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})

HONORIFICS = ("Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Mx", "Sir", "Dame")

POST_NOMINALS = (
    *("PhD", "DPhil", "MPhil", "MSc", "BSc", "MRes", "MBChB", "EdD", "DClinPsy", "PGCert"),
    *("PGDip", "MBE", "OBE", "CBE", "FRCN", "FRCP", "FRCS", "FRCGP", "FRCPsych"),
)
"""Degrees and honours written after a name (``Smith, Jane, PhD``), in their case: no part
of the name. Left out are those that read as initials too (``RN``, ``MA``, ``MD``)."""

ORGANISATION_WORDS = _words(
    """
    england scotland wales ireland council centre center trust association institute
    institution university department agency organisation organization network group
    foundation commission service services board society college alliance partnership team
    unit office ministry committee federation government authority library libraries
    charity collaboration collaborative consortium forum programme program executive
    directorate fund ltd limited company school hospital hospitals academy faculty
    """
)
"""Words that make a name an organisation rather than a person, unless the name is
written as a person's (``England, Mary``, ``Wales, J.``, ``Church et al.``)."""

UNIT_WORDS = _words("directorate department division team unit office branch faculty school")
"""Words that end the name of a part of a body (``Workforce and Regulation Directorate``,
``Knowledge Management Team``), in lower case: after a body's name and a comma, such a
name is the part of it that wrote the work (``Department of Health and Social Care,
Workforce and Regulation Directorate``), one author. Not "group", which also ends the
names of study groups that sign beside a body."""

BODY_HEAD_WORDS = _words("association society")
"""Weak organisation words that name a body when the name is built on them: its last word,
or the word before "of" or "for" (``British Medical Association``, ``British Psychological
Society``, ``Royal Society of Medicine``), whatever subject words come before; not after
"and" (``Health, Risk & Society`` is a journal), nor where a journal word says otherwise
(``Journal of the American Medical Association``)."""

PUBLISHER_WORDS = _words(
    """
    elsevier springer wiley routledge sage palgrave macmillan emerald karger thieme kluwer
    lippincott publisher publishers publishing press
    """
)
"""Words that name a book publisher (``Elsevier``, ``Policy Press``): a source of them and no
journal word is the publisher, not a journal. Not organisation words for authors, where
``Pearson`` or ``Sage`` is as likely a person."""

FAMILY_NAME_ORGANISATION_WORDS = _words("england scotland wales ireland")
"""Organisation words (nations' names) that are also family names: after given names
they name a person (``Aoife England``, ``Mary Wales``), unless a word before them opens
the names of national bodies (:data:`NATIONAL_BODY_WORDS`) or is an organisation,
subject or journal word or an acronym (``Sport England``, ``Public Health Wales``,
``NHS England``)."""

NATIONAL_BODY_WORDS = _words(
    """
    sport sports natural historic public healthcare healthwatch police transport visit
    careers audit carers business disability digital housing improvement innovation
    skills arts heritage tourism cancer age youth play children volunteering citizens
    advice environment food water energy finance genomics statistics legal welfare
    """
)
"""Words that open the names of bodies named after a nation ("Sport England", "Natural
England", "Healthcare Improvement Scotland", "Careers Wales"), which no given name is.
Seeded from the national bodies of the four UK nations that briefs cite as publishers."""

ORGANISATION_ACRONYMS = _words("NHS NHSE WHO UK HEE NICE CQC ONS NIHR CIC PLC")
"""Acronyms count only in capitals: "Nice" and "Cic" are also family names."""

NUMBERED_NOT_VOLUME = ("episode", "ep", "chapter", "ch")
"""Words whose number in a source is no volume (``NHS Employers podcast, episode 47``: it
was the volume of the journal "NHS Employers podcast, episode"), compared in lower case."""

SERIES_WORDS = (
    *("report", "paper", "briefing", "bulletin", "note", "series"),
    *("number", "no", "hc", "session"),
)
"""Words that name a report's series and number after its publisher in a ``Source:``
(``Institute for Employment Studies, Research report 412``, ``National Audit Office, HC
1350, Session 2023–24``, ``The Health Foundation, Briefing no. 7``), compared in lower
case: no field holds the series, so it is reported."""

EDITION_ORDINALS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "revised", "updated", "new", "expanded"),
)
"""Words that say which edition a report is (``Royal Pharmaceutical Society, London, Third
edition``), besides ordinal numbers (``3rd``), compared in lower case: no field holds the
edition, so it is reported."""

PUBLICATION_CITIES = frozenset(
    name.lower()
    for name in (
        *("London", "Edinburgh", "Cardiff", "Belfast", "Manchester", "Birmingham", "Leeds"),
        *("Glasgow", "Liverpool", "Bristol", "Sheffield", "Newcastle", "Newcastle upon Tyne"),
        *("Nottingham", "Leicester", "Oxford", "Cambridge", "York", "Southampton", "Exeter"),
        *("Norwich", "Aberdeen", "Dundee", "Swansea", "Brighton", "Coventry", "Plymouth"),
        *("Dublin", "Geneva", "Copenhagen", "Paris", "Brussels", "Amsterdam", "Ottawa"),
        *("Toronto", "Sydney", "Melbourne", "Canberra", "Wellington", "Washington"),
        *("Washington DC", "New York", "Boston", "Chicago", "Philadelphia"),
        # Where book publishers are: Springer, Routledge, Palgrave, Open University Press,
        # Wiley, Sage.
        *("Cham", "Abingdon", "Basingstoke", "Maidenhead", "Chichester", "Hoboken"),
        *("Thousand Oaks", "Berlin", "Heidelberg"),
    )
)
"""Cities that publishers of the series' grey literature and books name after themselves
(``The King's Fund, London``): the capitals and large cities of the UK and the seats of
the international bodies briefs cite. A place read after a publisher's name must be one,
or a country."""

PUBLICATION_COUNTRIES = frozenset(
    name.lower()
    for name in (
        *("UK", "U.K.", "United Kingdom", "Great Britain", "Ireland", "Republic of Ireland"),
        *("USA", "US", "U.S.", "United States", "United States of America", "Canada"),
        *("Australia", "New Zealand", "Switzerland", "Denmark", "Netherlands", "France"),
        *("Belgium", "Germany", "Sweden", "Norway"),
    )
)
"""Countries a publisher's name may end with (``The Health Foundation, UK``)."""

REGION_WORDS = frozenset(
    {
        *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
        *("midlands", "central"),
        # the regions NHS bodies' local teams take a name of one word from (Health
        # Education England's local offices, networks): no town, though written as one
        *("wessex", "yorkshire", "humber", "anglia", "mersey", "merseyside", "cumbria"),
        *("kent", "surrey", "sussex", "essex", "thames", "lancashire", "cheshire"),
        *("devon", "cornwall", "dorset", "somerset", "wiltshire", "hampshire"),
        *("norfolk", "suffolk", "northumberland", "lincolnshire", "cambridgeshire"),
    }
)
"""Words a region of England is named with (``North East and Yorkshire``, ``Midlands``,
``South West``, ``Wessex``, ``Kent, Surrey and Sussex``), compared in lower case: after a
body's name, the body's regional team."""

NOT_TOWN_WORDS = frozenset(
    {
        *SERIES_WORDS,
        *REGION_WORDS,
        *("region", "regional", "national", "international"),
        *("online", "internet", "web", "pdf", "summary", "update", "updated", "draft"),
        *("consultation", "guidance", "toolkit", "policy", "strategy", "programme"),
        *("directorate", "team", "unit", "division", "branch", "office", "secretariat"),
        *("thesis", "dissertation", "preprint", "abstract", "poster", "video", "podcast"),
    }
)
"""Words that make the last part of a ``Source:`` after a body's name and a comma no town
though they look like one's name: a region or branch of the body (``NHS England, North
West``), a part of it (``…, Workforce Team``), a kind or version of the document
(``…, Summary``, ``…, Poster``), compared in lower case."""

UK_NATIONS = frozenset({"england", "scotland", "wales", "northern ireland"})
"""The nations of the UK: a place after a city (``Cardiff, Wales``), but not alone after a
body's name, where they name the body's branch (``Royal College of Nursing, Wales``,
``Department of Health, Northern Ireland``)."""

ORGANISATION_JOINERS = frozenset({"of", "for", "the", "on"})
"""Lower-case joining words: frequent in organisation names, absent from personal names."""

# --- Journals and publishers -----------------------------------------------------------

JOURNAL_WORDS = _words(
    """
    journal journals review reviews bulletin quarterly annals archives lancet bmj bmc
    plos jama jmir nejm cmaj database proceedings transactions letters cochrane
    preprint preprints medrxiv biorxiv arxiv psyarxiv socarxiv edarxiv ssrn
    """
)
"""Words only journal titles use; and preprint servers' names and the word "preprint"
(``Source: medRxiv (preprint)``): a preprint is read as an article of its server, as an
``Item Type: Preprint`` with ``Journal: medRxiv`` is (:data:`ITEM_TYPES`)."""

SUBJECT_WORDS = _words(
    """
    research psychiatry psychiatric psychology psychological medicine medical nursing
    science sciences health mental social care clinical therapy therapies rehabilitation
    studies practice inclusion policy epidemiology psychotherapy counselling counseling
    education gerontologist gerontology pediatrics paediatrics surgery pharmacy
    dentistry nurse nurses psychiatrist psychologist behavioral behavioural disorders
    disease diseases illness sociology economics ethics perspectives open one advances
    international american british european australian evidence-based
    """
)
"""Subject words: a title built of them and no organisation word is a journal."""

WEAK_ORGANISATION_WORDS = _words(
    """
    service services network group association voices national forum hub programme
    program society
    """
)
"""Organisation words that also occur in journal names ("Psychiatric Services"): they
only count when no subject word says "journal"."""

PUBLICATION_STATUSES = (
    "epub ahead of print",
    "e-pub ahead of print",
    "published online ahead of print",
    "online ahead of print",
    "ahead of print",
    "article in press",
    "in press",
    "forthcoming",
    "online first",
    "early view",
    "advance online publication",
)
"""Where a work is on its way to print, as sources write it instead of (or after) its
numbers: the forms PubMed, publishers' sites and reference managers use (first seen
as ``Epub ahead of print`` and ``In press``; widened from CSL's ``status`` and biblatex's
``pubstate`` values). Longer forms first: the first that matches is taken."""

PUBSTATE_KEYS: Mapping[str, str] = {
    "article in press": "inpress",
    "in press": "inpress",
    "forthcoming": "forthcoming",
    "submitted": "submitted",
    "prepublished": "prepublished",
}
"""A status (lower case) → the biblatex localisation key its ``pubstate`` is written as:
biblatex prints a key in the document's language ("in press", "im Druck") and pandoc
reads it as CSL's ``status`` ("in press"); any other status (``Epub ahead of print``)
is written as it is, which biblatex prints as it is."""
# --- Titles of another work ---------------------------------------------------------------

OTHER_WORK_SUBTITLE_WORDS = _words(
    """part parts volume vol edition ed phase stage series chapter section supplement
    appendix addendum update erratum errata corrigendum correction retraction reply
    response comment commentary editorial letter summary abstract protocol
    ii iii iv v vi vii viii ix x xi xii"""
)
"""Words (as title keys fold them) that make a title with a subtitle added another work
than the title alone: its part, edition or phase (a number does too), a note on it
(erratum, reply, commentary), a summary, an abstract or protocol of it. A subtitle left
out or added that holds one is never read as the same title (see
:func:`peerbrief.dedupe.against`)."""

# --- Journal names compared across their common forms ------------------------------------

JOURNAL_NAME_FILLERS = _words("the of and for in on a an to de la le der die des du et")
"""Words that journal abbreviations drop (ISO 4 omits articles, prepositions and
conjunctions: "J Ment Health" for "Journal of Mental Health")."""

JOURNAL_ABBREVIATIONS: Mapping[str, str] = {
    # ISO 4 (the LTWA) contracts these words instead of cutting them short.
    "natl": "national",
    "jt": "joint",
    "ctry": "country",
    "wkly": "weekly",
    "yrbk": "yearbook",
    "jpn": "japan",
    "dtsch": "deutsch",
    "ztg": "zeitung",
    "bd": "band",
    "hft": "heft",
    "bldg": "building",
    # Older NLM and publishers' own abbreviations found in reference managers.
    "hlth": "health",
    "intl": "international",
    "mgmt": "management",
    "mgt": "management",
    "govt": "government",
    "dept": "department",
    "assn": "association",
    "ctr": "center",
    "pt": "patient",
    "qtly": "quarterly",
    "rsch": "research",
    "svc": "service",
    "svcs": "services",
}
"""Abbreviations of journal-title words (folded, without the full stop) that are not the
word cut short, → the word. Every other ISO 4 / NLM abbreviation is a truncation
("Ment" for "Mental", "Psychiatr" for "Psychiatric"), which matching recognises
without a table. Each abbreviation starts with the letter of its word."""

JOURNAL_SPELLINGS: Mapping[str, str] = {
    "behaviour": "behavior",
    "paediatr": "pediatr",
    "haemat": "hemat",
    "anaesth": "anesth",
    "gynaecol": "gynecol",
    "orthopaed": "orthoped",
    "oesophag": "esophag",
    "organis": "organiz",
    "centre": "center",
    "programme": "program",
    "labour": "labor",
    "ageing": "aging",
    "tumour": "tumor",
    "foet": "fet",
}
"""British word beginnings in journal titles → the American ones NLM abbreviations use
("Behavioural" and "Behav" and "Behavioral" are one word)."""

# --- Output formats --------------------------------------------------------------------

FORMAT_EXTENSIONS: Mapping[str, str] = {
    "bibtex": ".bib",
    "biblatex": ".bib",
    "ris": ".ris",
    "csl-json": ".json",
}
"""Output format name → the extension its files are saved with. For an extension shared
by several formats (``.bib``) the first listed is the one a file name selects."""

FORMAT_NAMES = tuple(FORMAT_EXTENSIONS)

# --- Input files -----------------------------------------------------------------------

BRIEF_EXTENSIONS = (".pdf", ".txt", ".md")
"""The extensions of the files in a folder that are read as briefs (a brief is recognised
by its content; in a folder, the extension decides which files to try)."""

NAME_COMMA = "\u201a"
"""A comma inside a name (``University of X, School of Y``), as the RIS writer sets it:
it looks like a comma, and no reader splits a name at it (RIS has no quoting, and Zotero
splits an author at every comma). The libraries' readers read it back as a comma."""
