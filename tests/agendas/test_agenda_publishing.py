"""Publishing: a published agenda is frozen; a correction makes "Rettet dagsorden" with what
changed; who changed what is kept. Closed items stay out of every public page, PDF, search
result and feed; unsafe markup in an item's text reaches neither the HTML nor the PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from agendas.models import Item, Section
from agendas.services.document import PUBLIC, agenda_pdf
from agendas.services.editing import set_sections
from agendas.services.publishing import publish_agenda, refresh_search_text
from tests import factories
from tests.support import pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.secretary(username="sekretær", permissions=())


def test_a_published_agenda_is_frozen_and_a_correction_makes_rettet_dagsorden(client, secretary):
    agenda = factories.import_agenda().agenda
    assert client.get(agenda.get_absolute_url()).status_code == 404  # a draft is not public
    assert "ingen offentliggjorte dagsordener" in client.get("/dagsordener/").content.decode()
    publish_agenda(agenda, secretary)
    assert "mandag den 30. august 2021" in client.get("/dagsordener/").content.decode()
    item = Item.objects.get(title="Aktuelt om kommunestyret")
    set_sections(
        item,
        {
            Section.Kind.RECOMMENDATION: "<p>Det indstilles, at KKR tager oplægget til "
            "efterretning.</p>"
        },
    )

    page = client.get(agenda.get_absolute_url()).content.decode()
    assert "drøfter, hvilke overvejelser" in page  # still version 1's text
    assert "tager oplægget til efterretning" not in page

    version = publish_agenda(agenda, secretary)
    assert (version.number, version.label) == (2, "Rettet dagsorden")
    page = client.get(agenda.get_absolute_url()).content.decode()
    assert "Rettet dagsorden" in page
    assert "Teksten er ændret: 5.1. Aktuelt om kommunestyret" in page
    assert "tager oplægget til efterretning" in page
    side_by_side = client.get(f"{agenda.get_absolute_url()}version/2/sammenlign/").content
    side_by_side = side_by_side.decode()
    assert "drøfter, hvilke overvejelser" in side_by_side
    assert "tager oplægget til efterretning" in side_by_side
    assert "Orientering" not in side_by_side  # unchanged items are left out
    old = client.get(f"{agenda.get_absolute_url()}version/1/").content.decode()
    assert "drøfter, hvilke overvejelser" in old
    with pytest.raises(ValidationError, match="Intet er ændret siden version 2"):
        publish_agenda(agenda, secretary)
    assert agenda.versions.count() == 2


def test_history_keeps_who_changed_an_item_and_when(client, secretary):
    agenda = factories.import_agenda().agenda
    item = Item.objects.get(title="Orientering")
    client.force_login(secretary)
    secretary.is_superuser = True
    secretary.save()
    response = client.post(
        f"/admin/agendas/item/{item.pk}/change/",
        {
            "agenda": agenda.pk, "parent": item.parent_id, "position": 0,
            "title": "Orientering fra formandskabet", "case_number": "SAG-2021-03487",
            "case_initials": "jhp", "docx_kind": "case_presentation",
            "sections-TOTAL_FORMS": 0, "sections-INITIAL_FORMS": 0,
            "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = item.history.first()
    assert latest.title == "Orientering fra formandskabet"
    assert latest.history_user == secretary
    assert latest.prev_record.title == "Orientering"


def close_item_and_publish(secretary):
    agenda = factories.import_agenda().agenda
    Item.objects.filter(title="Aktuelt om kommunestyret").update(closed=True)
    publish_agenda(agenda, secretary)
    return agenda


def search_page(client, query):
    """The search page without the echo of the query in the form."""
    page = client.get("/dagsordener/soeg/", {"q": query}).content.decode()
    return page.replace(query, "")


SECRETS = ("Aktuelt om kommunestyret", "Ulrik Kjær", "idepromotor")


def test_a_closed_item_is_on_no_public_page_pdf_search_result_or_feed(client, secretary):
    agenda = close_item_and_publish(secretary)
    # a correction of the closed item: the change list must not name it either
    set_sections(
        Item.objects.get(title="Aktuelt om kommunestyret"),
        {Section.Kind.BACKGROUND: "<p>Ulrik Kjær er forhindret.</p>"},
    )
    publish_agenda(agenda, secretary)
    public = [
        client.get(agenda.get_absolute_url()).content.decode(),
        client.get(f"{agenda.get_absolute_url()}version/1/").content.decode(),
        client.get("/dagsordener/").content.decode(),
        client.get(f"{agenda.get_absolute_url()}version/2/sammenlign/").content.decode(),
        *(search_page(client, q) for q in ("Ulrik Kjær", "idepromotor", "Aktuelt kommunestyret")),
        client.get("/dagsordener/feed/").content.decode(),
        "\n".join(pdf_pages(client.get(f"/dagsordener/{agenda.pk}/dagsorden.pdf").content)),
    ]
    for text in public:
        for secret in SECRETS:
            assert secret not in text
    assert "Liste over udpegelser i næste valgperiode" in public[0]
    assert "Liste over udpegelser i næste valgperiode" in public[7]
    assert "Ingen offentlige punkter er ændret" in public[3]
    assert "Ingen offentliggjorte dagsordener" in public[4]
    # the staff PDF has it; only staff may fetch it
    assert client.get(f"/dagsordener/{agenda.pk}/dagsorden-fuld.pdf").status_code == 302
    client.force_login(secretary)
    staff = "\n".join(pdf_pages(client.get(f"/dagsordener/{agenda.pk}/dagsorden-fuld.pdf").content))
    assert "5.1. Aktuelt om kommunestyret" in staff
    assert "Ulrik Kjær er forhindret" in staff


def test_search_finds_published_agendas_with_danish_stemming(client, secretary):
    close_item_and_publish(secretary)
    page = client.get("/dagsordener/soeg/?q=udpegning").content.decode()
    assert "1 dagsorden fundet" in page
    assert "4. Udpegninger" in page
    assert "Ingen offentliggjorte" in client.get("/dagsordener/soeg/?q=xyzzy").content.decode()


UNSAFE = (
    '<p onclick="steal()">Indstillingen<script>alert("x")</script>'
    '<img src="https://evil.example/spy.png">'
    '<a href="javascript:alert(1)">klik her</a> og '
    '<a href="https://www.kl.dk/">KL</a></p>'
)


@pytest.mark.parametrize("way", ["save", "update"])
def test_script_handlers_javascript_links_and_external_images_reach_neither_html_nor_pdf(
    client, secretary, way
):
    agenda = factories.import_agenda().agenda
    section = Item.objects.get(title="Orientering").sections.get(kind="recommendation")
    if way == "save":
        section.body = UNSAFE
        section.save()
    else:  # a bulk write bypasses save(): the document is sanitised again on the way out
        Section.objects.filter(pk=section.pk).update(body=UNSAFE)
    publish_agenda(agenda, secretary)
    page = client.get(agenda.get_absolute_url()).content.decode()
    pdf = agenda_pdf(agenda, PUBLIC)
    text = "\n".join(pdf_pages(pdf))
    for html in (page,):
        for bad in ("<script", "alert(", "onclick", "steal()", "javascript:", "evil.example"):
            assert bad not in html
        assert '<a href="https://www.kl.dk/">KL</a>' in html
    assert "Indstillingen" in text and "alert" not in text
    uris = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
    ]
    assert "https://www.kl.dk/" in uris
    assert not [u for u in uris if u and ("javascript" in u or "evil" in u)]


def test_bilag_of_open_items_are_served_and_those_of_closed_items_are_not(
    client, secretary, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from agendas.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    agenda = factories.import_agenda().agenda
    sosu = Item.objects.get(title__startswith="Ny femårig")
    kommunestyret = Item.objects.get(title="Aktuelt om kommunestyret")
    table = Attachment(item=sosu, title="Tabel over fordeling for de enkelte kommuner")
    table.file.save("fordeling.pdf", ContentFile(b"%PDF-1.4 fordeling"))
    slides = Attachment(item=kommunestyret, title="Ulrik Kjærs oplæg")
    slides.file.save("oplaeg.pdf", ContentFile(b"%PDF-1.4 oplaeg"))
    kommunestyret.closed = True
    kommunestyret.save()
    late = Attachment(item=sosu, title="Bilag efter offentliggørelsen")
    assert client.get(f"/dagsordener/bilag/{table.pk}/").status_code == 404  # not published yet
    publish_agenda(agenda, secretary)
    late.file.save("sent.pdf", ContentFile(b"%PDF-1.4 sent"))

    page = client.get(agenda.get_absolute_url()).content.decode()
    assert "Tabel over fordeling for de enkelte kommuner" in page
    assert "Ulrik Kjærs oplæg" not in page
    response = client.get(f"/dagsordener/bilag/{table.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 fordeling"
    assert client.get(f"/dagsordener/bilag/{slides.pk}/").status_code == 404
    assert client.get(f"/dagsordener/bilag/{late.pk}/").status_code == 404  # frozen version


def test_the_public_referat_is_there_once_approved_and_has_no_closed_item(client, secretary):
    from agendas.services.publishing import approve_minutes

    agenda = close_item_and_publish(secretary)
    assert client.get(f"/dagsordener/{agenda.pk}/referat.pdf").status_code == 404
    for item, _number in agenda.numbered_items():
        if item.parent_id or item.title == "Udpegninger":
            set_sections(item, {Section.Kind.DECISION: f"<p>Beslutning om {item.title}.</p>"})
    approve_minutes(agenda, secretary)
    assert "Referat som PDF" in client.get(agenda.get_absolute_url()).content.decode()
    text = "\n".join(pdf_pages(client.get(f"/dagsordener/{agenda.pk}/referat.pdf").content))
    assert "Beslutning om Liste over udpegelser i næste valgperiode." in text
    assert "kommunestyret" not in text


def test_an_item_closed_after_publishing_vanishes_from_every_public_place_at_once(
    client, secretary
):
    agenda = factories.import_agenda().agenda
    publish_agenda(agenda, secretary)
    set_sections(
        Item.objects.get(title="Aktuelt om kommunestyret"),
        {Section.Kind.BACKGROUND: "<p>Ulrik Kjær kommer.</p>"},
    )
    publish_agenda(agenda, secretary)  # version 2 lists the change to 5.1
    assert "Aktuelt om kommunestyret" in client.get(agenda.get_absolute_url()).content.decode()
    item = Item.objects.get(title="Aktuelt om kommunestyret")
    item.closed = True
    item.save()  # closed, not yet published again
    section = Item.objects.get(title="Orientering").sections.get(kind="case_presentation")
    section.closed = True
    section.save()
    refresh_search_text(agenda)  # as the admin does after saving
    public = [
        client.get(agenda.get_absolute_url()).content.decode(),
        client.get(f"{agenda.get_absolute_url()}version/1/").content.decode(),
        client.get(f"{agenda.get_absolute_url()}version/2/sammenlign/").content.decode(),
        client.get("/dagsordener/feed/").content.decode(),
        search_page(client, "Ulrik Kjær"),
        search_page(client, "idepromotor"),
        "\n".join(pdf_pages(client.get(f"/dagsordener/{agenda.pk}/dagsorden.pdf").content)),
        search_page(client, "Klimatopmøde Skive"),
    ]
    for text in public:
        for secret in SECRETS:
            assert secret not in text
    assert "Ingen offentliggjorte dagsordener" in public[4]
    assert "Ingen offentliggjorte dagsordener" in public[7]
    for text in public[:2] + public[6:7]:
        assert "Klimatopmøde den 19. august" not in text  # from the closed section
        assert "KKR Midtjyllands formandskab orienterer" in text  # the open one stays


def test_the_public_page_runs_a_fixed_number_of_queries(
    client, secretary, django_assert_num_queries
):
    agenda = factories.import_agenda().agenda
    publish_agenda(agenda, secretary)
    client.get(agenda.get_absolute_url())  # warm the session machinery
    # agenda, latest version, closed items, closed sections, list of versions
    with django_assert_num_queries(5):
        response = client.get(agenda.get_absolute_url())
    assert response.status_code == 200
