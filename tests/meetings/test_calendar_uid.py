"""One meeting is one calendar entry: the politician who adds it from the meeting page, from
the organiser's feed and from the confirmation e-mail gets the same event (the same UID), so
the later copies update it instead of doubling it, whatever address the portal runs on."""

import base64

import icalendar
import pytest

from outbox.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


def uids(ics_bytes):
    return {str(event["uid"]) for event in icalendar.Calendar.from_ical(ics_bytes).walk("VEVENT")}


@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8612", "https://moeder.kl.dk"])
def test_the_event_uid_is_the_same_in_the_page_the_feed_and_the_confirmation(
    client, settings, site_url
):
    settings.SITE_URL = site_url
    meeting = factories.meeting()
    page = client.get(f"/moeder/{meeting.pk}/kalender.ics")
    feed = client.get(f"/arrangoerer/{meeting.organiser.slug}/kalender.ics")

    form = factories.registration_data(1)
    form["municipality"] = form["municipality"].pk
    form["consent"] = "on"
    response = client.post(f"/tilmeld/{meeting.registration_slug}/", form)
    assert response.status_code == 302
    confirmation = Message.objects.get(to=form["email"])
    [attachment] = [a for a in confirmation.attachments if a["filename"].endswith(".ics")]
    attached = base64.b64decode(attachment["content_base64"])

    [uid] = uids(page.content)
    assert uid in uids(feed.content)
    assert uids(attached) == {uid}
    assert uid == f"meeting-{meeting.pk}@moeder.kl.dk"  # not tied to the portal's address
