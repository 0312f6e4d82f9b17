"""Personal invitations: who a meeting invites, their links, made once per person."""

from django.conf import settings
from django.urls import reverse

from meetings.models import Person

from ..models import Invitation


def invitation_candidates(meeting):
    """The people a meeting invites, as far as their records say: in an invited municipality
    (any, when every one is invited) and an invited role (no roles chosen means all),
    politicians when only they may come, and with an e-mail address to send the link to."""
    people = Person.objects.exclude(email="")
    if meeting.invited_roles:
        people = people.filter(role__in=meeting.invited_roles)
    if meeting.only_for_politicians:
        people = people.politicians()
    if not meeting.invites_all_municipalities:
        people = people.filter(municipality__in=meeting.invited_municipalities.all())
    return people


def create_invitations(meeting):
    """A personal invitation link for each invited person who has none yet; returns how many
    were made. Running it again makes only the missing ones."""
    existing = Invitation.objects.filter(meeting=meeting).values("person_id")
    invitations = [
        Invitation(meeting=meeting, person=person)
        for person in invitation_candidates(meeting).exclude(pk__in=existing)
    ]
    # A concurrent run's rows are skipped; each row's digest is made as it is written.
    return len(Invitation.objects.bulk_create(invitations, ignore_conflicts=True))


def invitation_url(invitation):
    """The personal invitation link, absolute for letters and e-mails."""
    path = reverse(
        "registrations:invitation", args=[invitation.meeting.registration_slug, invitation.secret]
    )
    return settings.SITE_URL + path
