"""Shared by the tests of who may do what (test_access_*.py in tests/agendas, tests/meetings
and tests/registrations): users in each role, an agenda with a closed item and a closed
section, and the text of every channel a closed item could leak through."""

import pytest

from agendas.models import Item, Section
from agendas.services.editing import set_sections
from agendas.services.publishing import publish_agenda
from meetings.models import Meeting
from tests import factories
from tests.support import pdf_text

# In seed 003: a closed item's title, a closed section's text added below, and words only in
# the closed item's text.
CLOSED_TITLE = "Aktuelt om kommunestyret"
CLOSED_SECTION = "Ulrik Kjær er forhindret"
CLOSED_WORDS = "idepromotor"
SECRETS = (CLOSED_TITLE, CLOSED_SECTION, CLOSED_WORDS)
# An open item of the same agenda, which every audience sees.
OPEN_TITLE = "Liste over udpegelser i næste valgperiode"
# A closed section of an open item.
CLOSED_SECTION_OF_OPEN_ITEM = "Indstillingen drøftes fortroligt med borgmestrene"

PASSWORD = factories.PASSWORD


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests log in many times; what they test is who gets in, not the hash's cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username, organiser=None, kind=None, *, staff=False, superuser=False):
    """factories.user, where staff get the secretariat's permissions."""
    return factories.user(
        username,
        organiser=organiser,
        kind=kind,
        staff=staff,
        superuser=superuser,
        permissions="secretariat" if staff else (),
    )


member = factories.member
secretary = factories.secretary


def agenda_with_closed_item(organiser="KKR Midtjylland", meeting=None):
    """Seed 003's agenda for a meeting of `organiser` (or for `meeting`), published with a
    closed item (whose text got a line) and, in an open item, a closed section."""
    agenda = factories.import_agenda(
        meeting or factories.meeting(Meeting.Kind.KKR, organiser=organiser)
    ).agenda
    closed = Item.objects.get(agenda=agenda, title=CLOSED_TITLE)
    set_sections(closed, {Section.Kind.BACKGROUND: f"<p>{CLOSED_SECTION}.</p>"})
    closed.closed = True
    closed.save()
    open_item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    Section.objects.create(
        item=open_item,
        kind=Section.Kind.OTHER,
        title="Fortroligt",
        body=f"<p>{CLOSED_SECTION_OF_OPEN_ITEM}.</p>",
        closed=True,
        position=99,
    )
    publish_agenda(agenda)
    return agenda


def pdf_response_text(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def public_channels(client, agenda):
    """{channel: text} of every public way to an agenda and its meeting."""
    meeting = agenda.meeting
    search = {
        f"search {query}": client.get("/dagsordener/soeg/", {"q": query})
        .content.decode()
        .replace(query, "")  # the form echoes the query
        for query in (CLOSED_TITLE, CLOSED_SECTION, CLOSED_WORDS, CLOSED_SECTION_OF_OPEN_ITEM)
    }
    return {
        "page": client.get(agenda.get_absolute_url()).content.decode(),
        "version page": client.get(f"/dagsordener/{agenda.pk}/version/1/").content.decode(),
        "pdf": pdf_response_text(client.get(f"/dagsordener/{agenda.pk}/dagsorden.pdf")),
        "list": client.get("/dagsordener/").content.decode(),
        **search,
        "rss": client.get("/dagsordener/feed/").content.decode(),
        "meeting page": client.get(meeting.get_absolute_url()).content.decode(),
        "meeting ics": client.get(f"/moeder/{meeting.pk}/kalender.ics").content.decode(),
        "organiser ics": client.get(
            f"/arrangoerer/{meeting.organiser.slug}/kalender.ics"
        ).content.decode(),
    }


def assert_no_closed_content(channels):
    for name, text in channels.items():
        for secret in (*SECRETS, CLOSED_SECTION_OF_OPEN_ITEM):
            assert secret not in text, f"{secret!r} leaked through {name}"


def members_edition(client, agenda):
    """The members' page and PDF, as text (each must answer 200)."""
    page = client.get(f"/dagsordener/{agenda.pk}/medlemmer/")
    assert page.status_code == 200, page.status_code
    pdf = pdf_response_text(client.get(f"/dagsordener/{agenda.pk}/dagsorden-fuld.pdf"))
    return page.content.decode(), pdf
