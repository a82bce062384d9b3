"""EndNote XML libraries: the fixture written in EndNote 20's shape (see its header), one
element at a time, and files a hostile sender could make (entity expansion, external
entities, deep nesting, broken XML).

Expected values are copied by hand from ``tests/fixtures/libraries/endnote.xml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerbrief
from peerbrief import Bibliography, Date, Kind, Pages, Person, Section
from peerbrief.errors import InputError
from peerbrief.library import ENDNOTE_XML_FIELDS
from peerbrief.library.safexml import MAX_XML_DEPTH

LIBRARY = Path(__file__).parent / "fixtures" / "libraries" / "endnote.xml"


def styled(text: str) -> str:
    return f'<style face="normal" font="default" size="100%">{text}</style>'


def record(body: str, ref_type: str = '<ref-type name="Journal Article">17</ref-type>') -> str:
    return f"<record>{ref_type}{body}</record>"


def library_of(*records: str, head: str = '<?xml version="1.0" encoding="UTF-8" ?>') -> str:
    return f"{head}<xml><records>{''.join(records)}</records></xml>"


def read(text: str | bytes) -> Bibliography:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return peerbrief.read_bibliography(data, name="lib.xml")


def one(
    body: str, ref_type: str = '<ref-type name="Journal Article">17</ref-type>'
) -> peerbrief.Entry:
    titled = f"<titles><title>{styled('A title')}</title></titles>{body}"
    library = read(library_of(record(titled, ref_type)))
    assert library.problems == ()
    (entry,) = library.entries
    return entry


# --- The fixture -------------------------------------------------------------------------


def test_the_endnote_fixture_reads_every_field_the_model_has() -> None:
    library = peerbrief.read_bibliography(LIBRARY)
    assert (library.format, len(library), library.records) == ("endnote-xml", 6, 7)
    oh = library.entries[0]
    assert (oh.kind, oh.title, oh.authors) == (
        Kind.JOURNAL_ARTICLE,
        "Do stereotype threats affect peer providers?",
        (Person("Oh", "Hans"),),
    )
    assert (oh.container_title or "").startswith("Administration and Policy")  # not the abbr-1
    assert (oh.volume, oh.issue, oh.date) == ("41", "5", Date(2014, 9))  # "Sep" + 2014
    assert oh.doi == "10.1007/s10488-013-0507-3"  # "DOI 10.…"
    assert oh.url is None  # only "<Go to ISI>://…" and an internal PDF
    assert oh.sections == (Section("Peer support"), Section("Stigma"))
    byrne = library.entries[1]
    assert byrne.title.endswith("in the age of Covid-19")  # two style runs joined
    assert byrne.date == Date(2020, 5, 18)  # "May 18" + 2020
    assert byrne.pages == Pages("243", "246")
    assert byrne.url == "https://www.tandfonline.com/doi/full/10.1080/09638237.2020.1766002"
    assert byrne.access == "Times Cited: 42 Cited References Count: 12"  # &#xD; lines
    assert byrne.abstract == "Lived experience leadership matters. It matters more in a pandemic."
    guide = library.entries[2]
    assert (guide.kind, guide.authors) == (Kind.REPORT, ())  # an editor is not an author
    assert (guide.publisher, guide.place, guide.date) == (
        "Centre for Mental Health",
        "London",
        Date(2012, 10),
    )
    video = library.entries[3]
    assert video.kind is Kind.VIDEO  # <ref-type>21</ref-type>, no name: Film or Broadcast
    assert video.authors == (
        Person("Henry Shepherd", organisation=True),
    )  # EndNote's corporate "Name,"
    assert video.date == Date(2016, 3, 1)  # 2016/03/01
    assert library.entries[4].date == Date(2014, season=1)  # "Spring" + 2014
    chapter = library.entries[5]
    assert (chapter.kind, chapter.container_title) == (Kind.REPORT, "Recovery: a handbook")
    assert chapter.authors == (Person("Repper", "Julie"),)


def test_the_endnote_fixture_reports_what_it_cannot_read() -> None:
    library = peerbrief.read_bibliography(LIBRARY, name="lib.xml")
    assert [str(problem) for problem in library.problems] == ["lib.xml record 6 (line 3): no title"]
    # A year that is a publication status is the entry's status.
    assert [(entry.date, entry.status) for entry in library.entries][-1] == (None, "in press")


# --- One element at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Journal Article", Kind.JOURNAL_ARTICLE),
        ("Electronic Article", Kind.JOURNAL_ARTICLE),
        ("Newspaper Article", Kind.JOURNAL_ARTICLE),
        ("Film or Broadcast", Kind.VIDEO),
        ("Audiovisual Material", Kind.VIDEO),
        ("Report", Kind.REPORT),
        ("Government Document", Kind.REPORT),
        ("Web Page", Kind.REPORT),
        ("Thesis", Kind.REPORT),
        ("Conference Proceedings", Kind.REPORT),
        ("Book Section", Kind.REPORT),
        ("Book", Kind.REPORT),
    ],
)
def test_ref_type_names_give_kinds(name: str, kind: Kind) -> None:
    assert one("", f'<ref-type name="{name}">99</ref-type>').kind is kind


def test_ref_type_numbers_stand_in_for_a_missing_name_and_generic_is_classified() -> None:
    assert one("", "<ref-type>17</ref-type>").kind is Kind.JOURNAL_ARTICLE
    assert one("", "<ref-type>27</ref-type>").kind is Kind.REPORT
    generic = '<ref-type name="Generic">13</ref-type>'
    journal = f"<periodical><full-title>J Ment Health</full-title></periodical><volume>{styled('2')}</volume>"
    assert one(journal, generic).kind is Kind.JOURNAL_ARTICLE
    assert one("", generic).kind is Kind.REPORT


def test_authors_in_style_runs_corporate_names_and_editors() -> None:
    people = (
        "<contributors><authors>"
        f"<author>{styled('Byrne, ')}{styled('Louise')}</author>"
        "<author>NHS England</author>"
        f"<author>{styled('Health Education England,')}</author>"
        "</authors><secondary-authors><author>Editor, Ed</author></secondary-authors>"
        "</contributors>"
    )
    assert one(people).authors == (
        Person("Byrne", "Louise"),
        Person("NHS England"),
        Person("Health Education England", organisation=True),
    )


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ("<year>2015</year>", Date(2015)),
        ("<year>2015</year><pub-dates><date>Mar</date></pub-dates>", Date(2015, 3)),
        ("<year>2015</year><pub-dates><date>March 2015</date></pub-dates>", Date(2015, 3)),
        ("<year>2015</year><pub-dates><date>2015/03/01</date></pub-dates>", Date(2015, 3, 1)),
        ("<pub-dates><date>2015/03/01</date></pub-dates>", Date(2015, 3, 1)),
        ("<year>2015</year><pub-dates><date>Mar 12</date></pub-dates>", Date(2015, 3, 12)),
        ("<year>2015</year><pub-dates><date>Winter</date></pub-dates>", Date(2015, season=4)),
    ],
)
def test_dates(dates: str, expected: Date) -> None:
    assert one(f"<dates>{dates}</dates>").date == expected


def test_a_written_date_that_is_not_one_gives_way_to_the_year_and_is_reported() -> None:
    dates = "<year>2015</year><pub-dates><date>after the spring</date></pub-dates>"
    library = read(library_of(record(f"<titles><title>T</title></titles><dates>{dates}</dates>")))
    assert [entry.date for entry in library.entries] == [Date(2015)]
    assert [p.reason for p in library.problems] == ["date not understood: 'after the spring'"]


def test_a_date_that_is_not_one_is_a_problem_and_the_entry_is_read() -> None:
    text = library_of(
        record(f"<titles><title>T</title></titles><dates><year>{styled('n.d.')}</year></dates>")
    )
    library = read(text)
    assert [(p.record, p.reason) for p in library.problems] == [(1, "date not understood: 'n.d.'")]
    assert library.entries[0].date is None


@pytest.mark.parametrize(
    ("periodical", "expected"),
    [
        (
            "<titles><title>T</title><secondary-title>Journal of Mental Health</secondary-title></titles>",
            "Journal of Mental Health",
        ),
        (
            "<titles><title>T</title></titles><periodical><full-title>Journal of Mental Health</full-title><abbr-1>J Ment Health</abbr-1></periodical>",
            "Journal of Mental Health",
        ),
        (
            "<titles><title>T</title></titles><periodical><abbr-1>J Ment Health</abbr-1></periodical>",
            "J Ment Health",
        ),
        ("<titles><title>T</title><alt-title>J Ment Health</alt-title></titles>", "J Ment Health"),
    ],
)
def test_journal_from_secondary_title_periodical_or_abbreviation(
    periodical: str, expected: str
) -> None:
    (entry,) = read(library_of(record(periodical))).entries
    assert entry.container_title == expected


@pytest.mark.parametrize(
    ("value", "doi"),
    [
        ("10.1080/09638237.2020.1766002", "10.1080/09638237.2020.1766002"),
        ("DOI 10.1002/jcc.540080605", "10.1002/jcc.540080605"),
        ("https://doi.org/10.1111/inm.12432", "10.1111/inm.12432"),
    ],
)
def test_the_doi_is_found_within_electronic_resource_num(value: str, doi: str | None) -> None:
    assert one(f"<electronic-resource-num>{styled(value)}</electronic-resource-num>").doi == doi


def test_links_are_web_urls_then_related_urls_never_isi_or_pdf_attachments() -> None:
    urls = (
        "<urls><related-urls><url>&lt;Go to ISI&gt;://WOS:1</url><url>https://b.example/x</url>"
        "</related-urls><pdf-urls><url>internal-pdf://1/a.pdf</url></pdf-urls>"
        "<web-urls><url>https://a.example/</url></web-urls></urls>"
    )
    assert one(urls).url == "https://a.example/"
    assert (
        one(urls.replace("<web-urls><url>https://a.example/</url></web-urls>", "")).url
        == "https://b.example/x"
    )


def test_plain_fields() -> None:
    entry = one(
        f"<pages>{styled('451-460')}</pages><volume>12</volume><number>3</number>"
        f"<publisher>{styled('NHS England')}</publisher><pub-location>London</pub-location>"
        f"<abstract>{styled('One.&#xD;Two.')}</abstract><notes>A note</notes>"
        f"<research-notes>{styled('Read it')}</research-notes><label>key2020</label>"
        "<keywords><keyword>Peer support</keyword><keyword>Peer support</keyword></keywords>"
    )
    assert (entry.pages, entry.volume, entry.issue) == (Pages("451", "460"), "12", "3")
    assert (entry.publisher, entry.place, entry.abstract) == ("NHS England", "London", "One. Two.")
    assert entry.access == "A note; Read it"
    assert entry.sections == (Section("Peer support"),)


def test_what_zotero_writes_reads_too() -> None:
    # Zotero's "EndNote XML" export: no style runs, web-urls, a Zotero-style date.
    text = library_of(
        '<record><database name="MyLibrary">MyLibrary</database><source-app name="Zotero">'
        'Zotero</source-app><ref-type name="Report">27</ref-type><contributors><authors>'
        "<author>NHS England</author></authors></contributors><titles><title>"
        "The NHS Long Term Plan</title></titles><dates><year>2019</year><pub-dates><date>"
        "2019-01</date></pub-dates></dates><urls><web-urls><url>https://www.longtermplan.nhs.uk/"
        "</url></web-urls></urls></record>",
        head='<?xml version="1.0" encoding="UTF-8"?>\n',
    )
    (entry,) = read(text).entries
    assert (entry.date, entry.url) == (Date(2019, 1), "https://www.longtermplan.nhs.uk/")


def test_utf16_with_its_declaration_reads() -> None:
    text = library_of(
        record("<titles><title>Pflüger</title></titles>"),
        head='<?xml version="1.0" encoding="UTF-16"?>',
    )
    assert read(text.encode("utf-16")).entries[0].title == "Pflüger"


def test_an_empty_library_is_empty_and_other_xml_is_refused() -> None:
    assert len(read("<xml><records></records></xml>")) == 0
    with pytest.raises(InputError, match=r"neither EndNote XML .* \(its root is <svg>\)"):
        read("<svg><g>Not a library</g></svg>")
    with pytest.raises(InputError, match="an HTML page, not a bibliography"):
        read("<html><body>Not a library</body></html>")


def test_the_table_names_only_paths_below_a_record() -> None:
    paths = [path for names in ENDNOTE_XML_FIELDS.values() for path in names]
    assert all(not path.startswith(("/", "record")) for path in paths)


# --- Hostile XML -------------------------------------------------------------------------

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]><xml><records><record><titles><title>&j;</title></titles></record></records></xml>"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (LAUGHS, "declares entities"),
        (
            '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><records><record>'
            "<titles><title>&x;</title></titles></record></records></xml>",
            "refused, the XML",
        ),
        ("<xml>" + "<a>" * 100_000 + "</a>" * 100_000 + "</xml>", f"deeper than {MAX_XML_DEPTH}"),
        ("<xml><records><record><titles><title>Unclosed", "not well-formed XML"),
    ],
)
def test_hostile_xml_is_one_input_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        read(text)
    assert "\n" not in str(raised.value)


def test_records_before_a_break_are_read_and_the_break_is_a_problem() -> None:
    text = library_of(record("<titles><title>Whole</title></titles>"))[:-10] + "<record><titles><ti"
    library = read(text)
    assert [entry.title for entry in library] == ["Whole"]
    assert library.problems[0].reason.startswith("the XML breaks off here")


ELEMENTS = ["xml", "records", "record", "ref-type", "titles", "title", "contributors", "authors",
            "author", "dates", "year", "pub-dates", "date", "urls", "web-urls", "url", "style",
            "pages", "electronic-resource-num", "periodical", "full-title", "keywords", "keyword"]  # fmt: skip
TREES = st.recursive(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12).map(
        lambda text: text.replace("&", "&amp;").replace("<", "&lt;")
    ),
    lambda inner: st.tuples(st.sampled_from(ELEMENTS), st.lists(inner, max_size=4)).map(
        lambda node: f"<{node[0]}>{''.join(node[1])}</{node[0]}>"
    ),
    max_leaves=20,
)


def read_or_refuse(data: bytes) -> None:
    try:
        library = peerbrief.read_bibliography(data, name="hostile", format="endnote-xml")
    except InputError as error:
        assert "\n" not in str(error)
        return
    for problem in library.problems:
        assert problem.source == "hostile" and "\n" not in str(problem)


@given(TREES)
def test_any_tree_of_endnote_elements_reads_or_is_refused(body: str) -> None:
    read_or_refuse(f"<xml><records><record>{body}</record></records></xml>".encode())


@given(st.binary(max_size=200))
def test_any_bytes_read_as_endnote_xml_or_are_refused(data: bytes) -> None:
    read_or_refuse(b"<xml>" + data)


def test_an_external_dtd_is_never_fetched() -> None:
    # Port 9 (discard) on this machine: a fetch would fail or hang; the DTD is not read.
    doctype = '<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://127.0.0.1:9/endnote.dtd">'
    library = read(library_of(record("<titles><title>T</title></titles>"), head=doctype))
    assert ([entry.title for entry in library], library.problems) == (["T"], ())


def test_an_electronic_resource_number_holding_no_doi_is_reported() -> None:
    """As a DOI field holding none is in every other format; it was dropped unsaid."""
    body = "<titles><title>T</title></titles><electronic-resource-num>PMC7123456</electronic-resource-num>"
    library = read(library_of(record(body)))
    assert [entry.doi for entry in library.entries] == [None]
    assert [p.reason for p in library.problems] == ["no DOI in the DOI field: 'PMC7123456'"]
