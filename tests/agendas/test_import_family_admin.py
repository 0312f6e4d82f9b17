"""Issue 15: in the admin the secretariat uploads a .txt or .docx, sees what goes where (the
meeting, items, sections, closed flags, what could not be placed) and confirms; nothing is saved
before the confirmation."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agendas.models import Agenda, Item
from meetings.models import Meeting
from tests import factories

from .import_family_helpers import REFERAT, word_agenda

pytestmark = pytest.mark.django_db
URL = "/admin/agendas/agenda/importer/"


def secretary_client(client, organiser):
    permissions = ["add_agenda", "change_agenda", "view_agenda"]
    client.force_login(factories.secretary(organiser, "sekr", permissions))
    return client


def test_upload_previews_what_goes_where_and_saves_nothing_until_confirmed(client):
    client = secretary_client(client, "KKR Syddanmark")
    upload = SimpleUploadedFile("referat.txt", REFERAT.read_bytes(), "text/plain")
    page = client.post(URL, {"file": upload}).content.decode()
    assert "oprettes som kladde" in page
    for text in ("2.2.", "Køb af ejendom til nyt botilbud", "SAG-2022-00789 xyz", "Lukket",
                 "Beslutning", "Alt kan placeres."):  # fmt: skip
        assert text in page
    assert not Meeting.objects.exists() and not Agenda.objects.exists()
    text = re.search(r'name="text" value="([^"]*)"', page, re.S).group(1)
    response = client.post(URL, {"text": html.unescape(text), "meeting": "", "confirm": "1"})
    assert response.status_code == 302
    agenda = Agenda.objects.get()
    assert agenda.meeting.status == Meeting.Status.DRAFT
    assert Item.objects.get(title="Køb af ejendom til nyt botilbud").closed


def test_a_docx_upload_previews_and_another_organisers_document_is_refused(client):
    client = secretary_client(client, "KKR Syddanmark")
    upload = SimpleUploadedFile("dagsorden.docx", word_agenda())
    page = client.post(URL, {"file": upload}).content.decode()
    assert "Du er ikke sekretariat for KKR Sjælland" in page
    bad = SimpleUploadedFile("dagsorden.pdf", b"%PDF-1.4")
    assert (
        "En PDF-fil kan ikke indlæses. Åbn dokumentet i Word, og gem det som Word-dokument (.docx) "
        "eller som tekst (.txt)." in client.post(URL, {"file": bad}).content.decode()
    )
    broken = SimpleUploadedFile("dagsorden.docx", b"not a zip")
    assert (
        "kan ikke læses som et Word-dokument" in client.post(URL, {"file": broken}).content.decode()
    )
    assert not Meeting.objects.exists()
