"""The e-mails of a registration: the confirmation with the meeting as an .ics, and the
context every registration e-mail shares (the personal link to change or cancel)."""

from django.conf import settings
from django.urls import reverse

from klmeetings import dates
from meetings.calendar import calendar
from outbox.services import render

from ..models import Registration


def outbox_scope(meeting):
    """What a meeting's e-mails belong to in the outbox: the personal-data page shows and
    erases an e-mail only for those who may edit its meeting."""
    return f"meeting:{meeting.pk}"


def manage_url(registration):
    """The personal link to change or cancel, absolute for e-mails."""
    path = reverse(
        "registrations:manage", args=[registration.meeting.registration_slug, registration.secret]
    )
    return settings.SITE_URL + path


def email_context(registration):
    meeting = registration.meeting
    return {
        "registration": registration,
        "meeting": meeting,
        "when": dates.danish_span(meeting.starts_at, meeting.ends_at),
        "manage_url": manage_url(registration),
    }


def confirmation(registration, created):
    """The confirmation of `registration` as it stands: (subject, text, HTML, attachments),
    with the meeting as an .ics when the seat is confirmed."""
    context = email_context(registration) | {"created": created}
    confirmed = registration.status == Registration.Status.CONFIRMED
    calendars = [calendar_attachment(registration)] if confirmed else []
    return *render("registration_confirmation", context), calendars


def calendar_attachment(registration):
    """The meeting as an .ics file (filename, bytes, mimetype) for the participant's calendar."""
    meeting = registration.meeting
    lines = [f"Ændr eller afmeld din tilmelding: {manage_url(registration)}"]
    if registration.session_id:
        lines.insert(0, f"Session: {registration.session}")
    return ("moede.ics", calendar([meeting], meeting.title, lines), "text/calendar")
