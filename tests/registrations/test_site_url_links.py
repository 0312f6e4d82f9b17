"""Run on another address (`PORT=8612 make run` sets SITE_URL), every link a politician gets
in the confirmation e-mail, its calendar file and the invitation PDF leads to that address:
nothing is built from a fixed host or the request's."""

import io
import re

import icalendar
import pypdf
import pytest

from meetings.services import invitation_pdf, meeting_for_documents
from outbox import services as outbox_services
from outbox.models import Message
from registrations.services import registration as services
from tests import factories
from tests.support import pdf_text, squash

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8612"
URL = re.compile(r"https?://[^\s\"'<>]+")


def links_in(text):
    return URL.findall(text)


def assert_all_on_site(links, where):
    assert links, f"{where}: no links found"
    elsewhere = [link for link in links if not link.startswith(SITE + "/")]
    assert not elsewhere, f"{where}: links not on {SITE}: {elsewhere}"


def test_every_link_in_the_confirmation_its_calendar_file_and_the_invitation_starts_with_site_url(
    settings, smtp_server
):
    settings.SITE_URL = SITE
    meeting = factories.meeting(seed="000", days_ahead=20)
    invited = meeting.invited_municipalities.first()
    data = factories.registration_data(municipality=invited, dietary_needs="Vegetar")
    services.register(meeting, data)

    # The e-mail as the politician receives it, through SMTP.
    assert outbox_services.deliver(Message.objects.get().pk) == "sent"
    received = smtp_server.messages[0]
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert_all_on_site(links_in(text), "e-mail text")
    assert_all_on_site(re.findall(r'href="([^"]+)"', html), "e-mail HTML links")
    assert_all_on_site(links_in(html), "e-mail HTML")
    assert f"{SITE}/moeder/{meeting.pk}/kalender.ics" in text
    assert re.search(rf"{re.escape(SITE)}/tilmeld/\S+/min-tilmelding/\S+/", text)

    [attachment] = list(received.iter_attachments())
    ics = attachment.get_content()
    ics = ics.decode() if isinstance(ics, bytes) else ics
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    ics_links = [str(event["url"])] + links_in(str(event["description"]))
    assert_all_on_site(ics_links, "the .ics")
    assert len(ics_links) >= 2  # the meeting's page and the personal link

    pdf = invitation_pdf(meeting_for_documents(meeting.pk))
    annotations = [
        annotation.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    assert_all_on_site(annotations, "the invitation's link annotations")
    # Printed links may wrap over lines: read the text without whitespace.
    printed = links_in(squash(pdf_text(pdf)).replace("http", " http"))
    assert_all_on_site(printed, "the invitation's text")
    assert f"{SITE}{meeting.registration_path}" in squash(pdf_text(pdf))
