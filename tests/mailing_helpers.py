"""Helpers for the mailing and reminder tests: a meeting with invitees, each with a personal
invitation link, and registering some of them."""

from meetings.models import Municipality, Person, Role
from registrations.models import Invitation, Registration
from registrations.services import registration as services
from registrations.services.invitations import create_invitations

from .registration_helpers import open_meeting, registration_data


def meeting_with_invitees(count, **meeting_fields):
    """An open meeting (deadline in 23 days, meeting in 30) and `count` invited councillors,
    each with a personal invitation."""
    meeting = open_meeting(**meeting_fields)
    aalborg = Municipality.objects.get(name="Aalborg")
    Person.objects.bulk_create(
        Person(
            name=f"Inviteret {number}",
            email=f"inviteret{number}@example.dk",
            role=Role.COUNCILLOR,
            municipality=aalborg,
        )
        for number in range(count)
    )
    create_invitations(meeting)
    return meeting


def invitations(meeting):
    return list(Invitation.objects.filter(meeting=meeting).select_related("person").order_by("pk"))


def register_invitee(invitation, now=None, **overrides):
    """The invitee registers through their personal link."""
    person = invitation.person
    data = registration_data(name=person.name, email=person.email) | overrides
    return services.register(
        invitation.meeting,
        data,
        person=person,
        source=Registration.Source.INVITATION,
        now=now,
    ).registration
