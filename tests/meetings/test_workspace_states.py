"""A meeting's state: a draft reaches no public page, feed, calendar or search and its tilmeld
link is closed; one button publishes it; cancelling asks first, closes the tilmeld link, shows
"Aflyst" and tells every confirmed and waiting registrant once, through the outbox."""

import datetime

import pytest
from django.urls import reverse

from agendas.services.publishing import publish_agenda
from agendas.services.text_import import import_agenda_text
from meetings.models import Meeting
from meetings.services import StateError, cancel_meeting, copy_meeting
from outbox.models import Message
from registrations.models import Registration
from registrations.services import registration as services
from registrations.services import waiting_list
from tests import factories
from tests.checks.test_fuzz_admin import empty_inlines
from tests.factories import registration_data

pytestmark = pytest.mark.django_db

# A word of an open item of seed 003's agenda.
SEARCH_WORD = "kommunestyret"


def draft_with_published_agenda():
    """A draft KKR meeting with a tilmeld link whose agenda was published already (the
    secretariat prepares both before the meeting goes public)."""
    meeting = factories.meeting(Meeting.Kind.KKR)
    meeting.status = Meeting.Status.DRAFT
    meeting.registration_slug = "kkr-midt-kladde"
    meeting.save()
    agenda = factories.import_agenda(meeting).agenda
    publish_agenda(agenda)
    return meeting, agenda


def public_channels(client, meeting, agenda):
    """{channel: (status, text)} of every public way to a meeting and its agenda."""
    paths = {
        "meeting list": "/?arrangoer=" + meeting.organiser.slug,
        "meeting page": meeting.get_absolute_url(),
        "meeting ics": f"/moeder/{meeting.pk}/kalender.ics",
        "organiser ics": f"/arrangoerer/{meeting.organiser.slug}/kalender.ics",
        "agenda list": "/dagsordener/",
        "agenda page": agenda.get_absolute_url(),
        "agenda version": f"/dagsordener/{agenda.pk}/version/1/",
        "agenda pdf": f"/dagsordener/{agenda.pk}/dagsorden.pdf",
        "rss": "/dagsordener/feed/",
        "search": f"/dagsordener/soeg/?q={SEARCH_WORD}",
        "tilmeld": f"/tilmeld/{meeting.registration_slug}/",
    }
    channels = {}
    for name, path in paths.items():
        response = client.get(path)
        channels[name] = (response.status_code, response.content.decode(errors="replace"))
    return channels


def test_a_draft_is_absent_from_every_public_channel_until_one_button_publishes_it(
    client, admin_client
):
    meeting, agenda = draft_with_published_agenda()
    meeting.starts_at = meeting.ends_at = meeting.starts_at.replace(year=2099)
    meeting.save()
    channels = public_channels(client, meeting, agenda)
    for name in ("meeting page", "meeting ics", "agenda page", "agenda version", "agenda pdf"):
        assert channels[name][0] == 404, name
    assert channels["tilmeld"][0] == 404  # the tilmeld link is closed
    for name in ("meeting list", "organiser ics", "agenda list", "rss", "search"):
        status, text = channels[name]
        assert status == 200, name
        assert meeting.title not in text, name
        assert f"/dagsordener/{agenda.pk}/" not in text, name
        assert f"meeting-{meeting.pk}@" not in text, name
    assert "Ingen offentliggjorte dagsordener matcher" in channels["search"][1]
    with pytest.raises(services.RegistrationClosed):
        services.register(meeting, registration_data())

    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    html = page.content.decode()
    assert "Status: Kladde" in html and "Offentliggør" in html and "Aflys møde" in html
    response = admin_client.post(
        reverse("admin:meetings_meeting_publish", args=[meeting.pk]), follow=True
    )
    assert "Mødet er offentliggjort" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    channels = public_channels(client, meeting, agenda)
    for name, (status, _text) in channels.items():
        assert status == 200, name
    for name in ("meeting list", "meeting page"):
        assert meeting.title in channels[name][1], name
    for name in ("agenda list", "rss", "search"):
        assert f"/dagsordener/{agenda.pk}/" in channels[name][1], name
    assert "1 dagsorden fundet" in channels["search"][1]
    assert f"meeting-{meeting.pk}@" in channels["organiser ics"][1]
    assert "Tilmeld dig her" in channels["meeting page"][1]


def test_a_meeting_made_in_the_admin_starts_as_a_draft(admin_client):
    organiser = factories.meeting(Meeting.Kind.KKR).organiser
    response = admin_client.post(
        reverse("admin:meetings_meeting_add"),
        {
            "organiser": organiser.pk,
            "kind": Meeting.Kind.KKR,
            "title": "KKR-møde i kladde",
            "starts_at_0": "2099-03-01",
            "starts_at_1": "10:00",
            "ends_at_0": "2099-03-01",
            "ends_at_1": "13:00",
            "signature_greeting": "Med venlig hilsen",
            "invite_all": "on",
            **empty_inlines(admin_client, reverse("admin:meetings_meeting_add")),
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(title="KKR-møde i kladde")
    assert meeting.status == Meeting.Status.DRAFT
    # the new meeting lands on its own page, which says what to do next
    assert response.redirect_chain[-1][0] == reverse(
        "admin:meetings_meeting_workspace", args=[meeting.pk]
    )
    assert "Status: Kladde" in html
    assert "tryk så på Offentliggør" in html


def test_a_meeting_made_in_code_is_a_draft_stored_in_english_and_shown_in_danish(admin_client):
    """The model's default: the shell, the agenda import and a copy all make a draft; only
    the factories and the demo data publish, and they say so."""
    published = factories.meeting(Meeting.Kind.KKR, days_ahead=10)
    shell = Meeting.objects.create(
        organiser=published.organiser,
        kind=Meeting.Kind.KKR,
        title="Møde oprettet i skallen",
        starts_at=published.starts_at,
        ends_at=published.ends_at,
    )
    imported = import_agenda_text(factories.AGENDA_SEED.read_text()).agenda.meeting
    copied = copy_meeting(published, published.starts_at + datetime.timedelta(days=90))
    stored = dict(Meeting.objects.values_list("title", "status").filter(pk=shell.pk))
    assert stored == {"Møde oprettet i skallen": "draft"}
    assert {shell.status, imported.status, copied.status} == {Meeting.Status.DRAFT}
    assert published.status == "published"
    assert [m.pk for m in Meeting.objects.public()] == [published.pk]
    for meeting in (shell, imported, copied):
        page = admin_client.get(reverse("admin:meetings_meeting_workspace", args=[meeting.pk]))
        assert "Status: Kladde" in page.content.decode()


def test_cancelling_asks_first_then_tells_every_confirmed_and_waiting_registrant_once(
    client, admin_client
):
    meeting = factories.meeting(capacity=1)
    services.register(meeting, registration_data(1))
    services.register(meeting, registration_data(2))  # waiting list
    gone = services.register(meeting, registration_data(3)).registration
    waiting_list.cancel(gone)
    Message.objects.all().delete()
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert statuses == {"confirmed", "waiting", "cancelled"}

    url = reverse("admin:meetings_meeting_cancel", args=[meeting.pk])
    question = admin_client.get(url).content.decode()
    assert "Vil du aflyse" in question and "Ja, aflys mødet" in question
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED  # asking changed nothing

    response = admin_client.post(url, follow=True)
    assert "Mødet er aflyst. 2 tilmeldte og ventende får besked på e-mail." in (
        response.content.decode()
    )
    told = Message.objects.order_by("to")
    assert [m.to for m in told] == ["politiker1@example.dk", "politiker2@example.dk"]
    assert all(m.subject == f"Mødet er aflyst: {meeting.title}" for m in told)
    assert all(m.key.startswith(f"cancelled:{meeting.pk}:") for m in told)
    assert "er aflyst" in told[0].body_text

    # A second cancel is refused, and nobody is told twice.
    with pytest.raises(StateError):
        cancel_meeting(meeting)
    assert "allerede aflyst" in admin_client.post(url, follow=True).content.decode()
    assert Message.objects.count() == 2

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Aflyst" in page and "Tilmeld dig her" not in page
    tilmeld = client.get(f"/tilmeld/{meeting.registration_slug}/").content.decode()
    assert "Mødet er aflyst" in tilmeld and 'name="email"' not in tilmeld
    ics = client.get(f"/moeder/{meeting.pk}/kalender.ics").content.decode()
    assert "STATUS:CANCELLED" in ics
    meeting.refresh_from_db()
    with pytest.raises(services.RegistrationClosed):
        services.register(meeting, registration_data(4))


def test_a_held_meeting_takes_no_registrations(client):
    meeting = factories.meeting(days_ahead=-2)
    assert meeting.state == "Afholdt"
    page = client.get(f"/tilmeld/{meeting.registration_slug}/").content.decode()
    assert "Tilmeldingen er lukket" in page
