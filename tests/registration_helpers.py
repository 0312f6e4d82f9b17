"""Helpers for the registration tests: a meeting open for registration, people, form data."""

import datetime

from django.utils import timezone

from meetings.models import Meeting, Municipality, Organiser, ParallelSession, Role
from registrations.models import RegistrationSettings, SessionCapacity


def open_meeting(slug="sundhedsforum", capacity=None, days_ahead=30, **meeting_fields):
    """An upcoming meeting whose registration is open until a week before it starts."""
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_ahead)
    values = {
        "organiser": Organiser.objects.get(name="KL's Sundheds- og Ældreudvalg"),
        "kind": Meeting.Kind.CONFERENCE,
        "title": "Social- og Sundhedspolitisk Forum",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(days=1, hours=2),
        "venue_name": "Aalborg Kongres & Kultur Center",
        "address": "Europa Plads 4, 9000 Aalborg",
        "registration_slug": slug,
        "registration_deadline": starts_at - datetime.timedelta(days=7),
        "contact_name": "Karen Holm",
        "contact_email": "kho@kl.dk",
        "contact_phone": "3370 3370",
    } | meeting_fields
    meeting = Meeting.objects.create(**values)
    if capacity is not None:
        RegistrationSettings.objects.create(meeting=meeting, capacity=capacity)
    return meeting


def add_session(meeting, number, capacity=None, title=None):
    session = ParallelSession.objects.create(
        meeting=meeting, number=number, title=title or f"Session nummer {number}"
    )
    if capacity is not None:
        reg_settings, _ = RegistrationSettings.objects.get_or_create(meeting=meeting)
        SessionCapacity.objects.create(settings=reg_settings, session=session, capacity=capacity)
    return session


def registration_data(number=1, **overrides):
    """What a politician fills in (as cleaned form data)."""
    return {
        "name": f"Politiker {number}",
        "email": f"politiker{number}@example.dk",
        "municipality": Municipality.objects.get(name="Aalborg"),
        "role": Role.COUNCILLOR,
        "party_letter": "",
        "phone": "",
        "dietary_needs": "",
        "dinner": False,
        "comment": "",
        "consent": True,
    } | overrides
