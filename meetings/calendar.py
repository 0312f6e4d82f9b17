"""Meetings as iCalendar (RFC 5545): the one place that builds calendars, for a meeting's
.ics, an organiser's feed and the confirmation e-mail's attachment alike.

A meeting's event has the same UID everywhere and whatever address the portal runs on, so a
politician who adds the meeting from the page and again from the confirmation gets one entry
that each later copy updates."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from klmeetings.dates import danish_span

UID_DOMAIN = "moeder.kl.dk"


def event_uid(meeting):
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def meeting_event(meeting, extra_description=()):
    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    if meeting.status == meeting.Status.CANCELLED:
        # calendars that imported the meeting mark it cancelled rather than keep it
        event.add("status", "CANCELLED")
        event.add("summary", f"Aflyst: {meeting.title}")
    else:
        event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    description = [f"{meeting.organiser.name}: {danish_span(meeting.starts_at, meeting.ends_at)}"]
    description.extend(extra_description)
    if not extra_description and meeting.registration_url:
        description.append(f"Tilmelding: {meeting.registration_url}")
    event.add("description", "\n".join(description))
    return event


def calendar(meetings, name, extra_description=()):
    """The .ics bytes of `meetings` (with their organisers selected); `extra_description`
    lines (a participant's own link and session) replace the tilmeld line."""
    cal = Calendar()
    cal.add("prodid", "-//KL//KL-møder//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, extra_description))
    return cal.to_ical()
