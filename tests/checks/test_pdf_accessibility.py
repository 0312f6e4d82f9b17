"""A politician with a screen reader opens an invitation or a programme: the PDF is tagged
(PDF/UA-1), says it is Danish, carries the document's title, and gives every image a text.

Every document goes through klmeetings.documents.render_pdf, which refuses a template that
leaves out the title, the language or an image's alt text; the PDFs of the seed meetings are
read back with pypdf and checked the way a PDF/UA checker does for these points.
"""

import io
import itertools
import xml.etree.ElementTree as ET

import pypdf
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from klmeetings.documents import InaccessibleDocument, check_accessible, parse, render_pdf
from meetings import services
from tests import factories

pytestmark = pytest.mark.django_db

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
HEADINGS = {f"/H{level}" for level in range(1, 7)}
# A 1x1 PNG, as an image a document may carry.
PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
    "hgGAWjR9awAAAABJRU5ErkJggg=="
)


def structure(node):
    """The structure elements under `node`, depth first, as (type, element) pairs."""
    node = node.get_object()
    kids = node.get("/K")
    if kids is None:
        return []
    found = []
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, dict) and "/S" in kid:
            found.append((kid["/S"], kid))
            found += structure(kid)
    return found


def accessibility(pdf):
    """What a screen reader and a PDF/UA checker look at first, read back from the PDF."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    xmp = ET.fromstring(reader.xmp_metadata.stream.get_data())
    elements = structure(catalog["/StructTreeRoot"])
    return {
        "pdfua_part": {d.get(PDFUA_PART) for d in xmp.iter(f"{RDF}Description")} - {None},
        "lang": catalog.get("/Lang"),
        "marked": bool(catalog.get("/MarkInfo", {}).get("/Marked")),
        "display_title": bool(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "title": reader.metadata.title,
        "xmp_title": [li.text for title in xmp.iter(DC_TITLE) for li in title.iter(f"{RDF}li")],
        "headings": [int(kind[2:]) for kind, _ in elements if kind in HEADINGS],
        "figures": [str(element.get("/Alt")) for kind, element in elements if kind == "/Figure"],
    }


def assert_tagged_danish_pdf(pdf, title):
    found = accessibility(pdf)
    assert found["pdfua_part"] == {"1"}
    assert found["lang"] == "da"
    assert found["marked"] is True
    assert found["display_title"] is True
    assert found["title"] == title
    assert found["xmp_title"] == [title]
    # One H1 first, and no level skipped on the way down (PDF/UA, Matterhorn 14-003).
    headings = found["headings"]
    assert headings[0] == 1 and headings.count(1) == 1, headings
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings)), headings
    return found


@pytest.mark.parametrize("key", ["000", "001", "004"])
def test_each_invitation_letter_is_a_tagged_danish_pdf_with_its_heading_as_title(key):
    meeting = services.meeting_for_documents(factories.meeting(seed=key).pk)
    found = assert_tagged_danish_pdf(services.invitation_pdf(meeting), meeting.heading)
    assert found["figures"] == []


def test_the_conference_programme_is_a_tagged_danish_pdf_with_its_title():
    meeting = services.meeting_for_documents(factories.meeting(seed="002").pk)
    found = assert_tagged_danish_pdf(services.programme_pdf(meeting), f"Program: {meeting.title}")
    # The two days and the sessions; the six themes and the seven sessions under them.
    assert found["headings"].count(2) == 3 and found["headings"].count(3) == 6 + 7


@pytest.fixture
def pdf_template(settings):
    """A document template of the test's own, extending pdf/base.html like every document."""
    templates = {}
    engine = dict(django_settings.TEMPLATES[0])
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", templates),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    engine["APP_DIRS"] = False
    settings.TEMPLATES = [engine]
    cache.clear()

    def make(title, content):
        templates["pdf/proeve.html"] = (
            '{% extends "pdf/base.html" %}'
            f"{{% block title %}}{title}{{% endblock %}}"
            f"{{% block content %}}{content}{{% endblock %}}"
        )
        return "pdf/proeve.html"

    return make


def test_an_image_in_a_document_is_read_by_its_alt_text(pdf_template):
    content = f'<h1>Kort over Weidekampsgade</h1><img src="{PNG}" alt="Kort over vejen til KL">'
    pdf = render_pdf(pdf_template("Vejbeskrivelse", content), {"letterhead": {}})
    found = assert_tagged_danish_pdf(pdf, "Vejbeskrivelse")
    assert found["figures"] == ["Kort over vejen til KL"]


@pytest.mark.parametrize(
    "title, content, problem",
    [
        ("Vejbeskrivelse", f'<h1>Kort</h1><img src="{PNG}">', "has no alt text"),
        # WeasyPrint would tag it as a figure without a text; decoration goes in the CSS.
        ("Vejbeskrivelse", f'<h1>Kort</h1><img src="{PNG}" alt=" ">', "has no alt text"),
        ("", "<h1>Uden titel</h1>", "has no <title>"),
    ],
)
def test_a_document_without_title_or_alt_text_is_refused_not_printed(
    pdf_template, title, content, problem
):
    with pytest.raises(InaccessibleDocument, match=problem):
        render_pdf(pdf_template(title, content), {"letterhead": {}})


def test_a_document_that_does_not_say_its_language_is_refused():
    html = "<html><head><title>Dagsorden</title></head><body><h1>Dagsorden</h1></body></html>"
    with pytest.raises(InaccessibleDocument, match="no lang"):
        check_accessible(parse(html))


def assert_declares_pdfua_in_danish_with_a_title(pdf, title_part):
    found = accessibility(pdf)
    assert found["pdfua_part"] == {"1"}
    assert found["lang"] == "da"
    assert found["marked"] is True
    assert title_part in found["title"] and found["xmp_title"] == [found["title"]]


def test_the_dagsorden_and_referat_of_seed_003_are_tagged_danish_pdfs_with_a_title():
    from agendas.services import document as agenda_document

    agenda = factories.import_agenda().agenda
    for audience in (agenda_document.PUBLIC, agenda_document.STAFF):
        assert_declares_pdfua_in_danish_with_a_title(
            agenda_document.agenda_pdf(agenda, audience), "Dagsorden"
        )
        assert_declares_pdfua_in_danish_with_a_title(
            agenda_document.minutes_pdf(agenda, audience), "Referat"
        )


def test_the_participant_list_is_a_tagged_danish_pdf_with_a_title():
    from registrations.services.reports import participant_list_pdf

    meeting = factories.meeting(seed="002")
    assert_declares_pdfua_in_danish_with_a_title(participant_list_pdf(meeting), "Deltagerliste")
