"""Approving the referat with the members: the secretariat sends it "til godkendelse", each
member approves it or comments from Mine møder, the secretariat sees who has approved and
when, and then marks it approved (publishing.approve_minutes), which publishes it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from klmeetings.dates import danish_span
from meetings import access
from meetings.models import Person
from outbox.services import enqueue_template

from ..models import Agenda, MinutesResponse
from .publishing import missing_decisions


def _name(user):
    """The member's name: her person's (tied at her first sign-in, or with her address)."""
    person = getattr(user, "person", None)
    if person is None and user.email:
        person = Person.objects.filter(email__iexact=user.email).first()
    return person.name if person else (user.get_full_name() or user.get_username())


@transaction.atomic
def send_for_approval(agenda):
    """Send the draft referat to the members (one e-mail each through the outbox); earlier
    approvals are asked for again, comments stay. Returns the number of members e-mailed."""
    agenda = (
        Agenda.objects.select_for_update().select_related("meeting__organiser").get(pk=agenda.pk)
    )
    if agenda.minutes_approved_at:
        raise ValidationError("Referatet er allerede godkendt.")
    if missing := missing_decisions(agenda):
        raise ValidationError("Disse punkter mangler en beslutning: " + "; ".join(missing))
    now = timezone.now()
    agenda.minutes_sent_for_approval_at = now
    agenda.save(update_fields=["minutes_sent_for_approval_at", "updated_at"])
    MinutesResponse.objects.filter(agenda=agenda).update(approved_at=None)
    meeting = agenda.meeting
    link = settings.SITE_URL + reverse("agendas:minutes_review", args=[agenda.pk])
    sent = 0
    for user in access.members(meeting).select_related("person"):
        email = user.email or getattr(getattr(user, "person", None), "email", "")
        if not email:
            continue
        enqueue_template(
            email,
            "minutes_for_approval",
            {
                "name": _name(user),
                "meeting": meeting,
                "when": danish_span(meeting.starts_at, meeting.ends_at),
                "link": link,
            },
            # once per member and sending: two sendings within a second are two rounds
            key=f"minutes-review:{agenda.pk}:{now.isoformat()}:{user.pk}",
        )
        sent += 1
    return sent


def respond(agenda, user, *, approve, comment=""):
    """A member's answer; refused unless the referat awaits approval and she is a member."""
    if not agenda.minutes_sent_for_approval_at or agenda.minutes_approved_at:
        raise ValidationError("Referatet venter ikke på godkendelse.")
    if not access.is_member(user, agenda.meeting):
        raise ValidationError("Kun mødets medlemmer godkender referatet.")
    defaults = {"comment": comment.strip()}
    if approve:
        defaults["approved_at"] = timezone.now()
    response, _ = MinutesResponse.objects.update_or_create(
        agenda=agenda, user=user, defaults=defaults
    )
    return response


def review(agenda):
    """[(name, response or None)] for every member, those who approved first, then by name."""
    responses = {r.user_id: r for r in MinutesResponse.objects.filter(agenda=agenda)}
    rows = [
        (_name(user), responses.get(user.pk))
        for user in access.members(agenda.meeting).select_related("person")
    ]
    return sorted(rows, key=lambda row: (not (row[1] and row[1].approved_at), row[0]))
