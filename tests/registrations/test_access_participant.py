"""A registered participant reaches their own registration through the signed personal link
and nothing else: not another's registration, not the same secret on another meeting, not a
tampered one, not after the meeting; the link gives no members' rights; and no e-mail the
portal sends to participants (confirmation, waiting list, promotion, cancellation, with its
.ics) carries a closed agenda item."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from outbox import services as outbox
from outbox.models import Message
from registrations.services import registration as services
from registrations.services import waiting_list
from tests import factories
from tests.agendas.access_helpers import (
    CLOSED_SECTION_OF_OPEN_ITEM,
    SECRETS,
    agenda_with_closed_item,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    """A KKR Midtjylland meeting open for registration, with one seat, whose published agenda
    has a closed item."""
    meeting = factories.meeting(Meeting.Kind.KKR, days_ahead=30, slug="midtjylland", capacity=1)
    agenda_with_closed_item(meeting=meeting)
    return meeting


def manage_path(meeting, secret):
    return f"/tilmeld/{meeting.registration_slug}/min-tilmelding/{secret}/"


def test_the_personal_link_opens_only_its_own_registration(client, meeting):
    first = services.register(meeting, factories.registration_data(1)).registration
    second = services.register(meeting, factories.registration_data(2)).registration
    page = client.get(manage_path(meeting, first.secret))
    assert page.status_code == 200
    html = page.content.decode()
    assert first.email in html and second.email not in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Cache-Control"] == "private, no-store"
    tampered = ("A" if first.secret[0] != "A" else "B") + first.secret[1:]
    other = factories.meeting(slug="andet-moede", title="Et andet møde")
    for path in (
        manage_path(meeting, tampered),
        manage_path(meeting, first.secret[:-1]),
        manage_path(other, first.secret),  # a real secret on another meeting
        f"/tilmeld/{meeting.registration_slug}/min-tilmelding/{first.pk}/",
    ):
        assert client.get(path).status_code == 404, path


def test_the_personal_link_expires_when_the_meeting_is_over(client, meeting):
    registration = services.register(meeting, factories.registration_data(1)).registration
    past = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=past - datetime.timedelta(hours=2), ends_at=past
    )
    assert client.get(manage_path(meeting, registration.secret)).status_code == 410
    response = client.post(manage_path(meeting, registration.secret) + "afmeld/")
    assert response.status_code == 410
    registration.refresh_from_db()
    assert registration.status == registration.Status.CONFIRMED


def test_a_participant_link_gives_no_members_rights(client, meeting):
    registration = services.register(meeting, factories.registration_data(1)).registration
    assert client.get(manage_path(meeting, registration.secret)).status_code == 200
    agenda = meeting.agenda
    for path in (
        f"/dagsordener/{agenda.pk}/medlemmer/",
        f"/dagsordener/{agenda.pk}/dagsorden-fuld.pdf",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/log-ind/")


def test_no_email_to_participants_carries_a_closed_item(meeting, smtp_server):
    first = services.register(meeting, factories.registration_data(1)).registration
    second = services.register(meeting, factories.registration_data(2)).registration
    assert second.status == second.Status.WAITING
    promoted = waiting_list.cancel(first)
    assert [r.pk for r in promoted] == [second.pk]
    for message in Message.objects.order_by("pk"):
        assert outbox.deliver(message.pk) == Message.Status.SENT
    # confirmation and cancellation to the first, waiting list and promotion to the second
    assert len(smtp_server.messages) == 4
    for received in smtp_server.messages:
        parts = [received.get_body(("plain",)).get_content()]
        parts.append(received.get_body(("html",)).get_content())
        parts += [part.get_content() for part in received.iter_attachments()]
        text = "\n".join(p.decode() if isinstance(p, bytes) else p for p in parts)
        assert "Møde i KKR Midtjylland" in text  # the e-mail is about this meeting
        for secret in (*SECRETS, CLOSED_SECTION_OF_OPEN_ITEM):
            assert secret not in text, (received["Subject"], secret)
    attachments = [a.get_filename() for m in smtp_server.messages for a in m.iter_attachments()]
    assert "moede.ics" in attachments
