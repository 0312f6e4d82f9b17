"""Meetings as iCalendar (RFC 5545): one event per meeting, for a meeting or an organiser."""

from django.conf import settings
from icalendar import Calendar, Event

from klmeetings.dates import danish_span


def meeting_event(meeting):
    event = Event()
    # Stable across edits, so a calendar that subscribed updates the event instead of adding one.
    event.add("uid", f"meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    description = [f"{meeting.organiser.name}: {danish_span(meeting.starts_at, meeting.ends_at)}"]
    if meeting.registration_url:
        description.append(f"Tilmelding: {meeting.registration_url}")
    event.add("description", "\n".join(description))
    return event


def calendar(meetings, name):
    """The .ics bytes of `meetings` (with their organisers selected)."""
    cal = Calendar()
    cal.add("prodid", "-//KL//KL-møder//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    return cal.to_ical()
