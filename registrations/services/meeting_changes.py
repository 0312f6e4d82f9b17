"""What registrations does when its meeting changes (meetings/signals.py): when the meeting
is cancelled, everyone confirmed or on the waiting list is told by e-mail through the outbox,
once each; when it is copied, its settings (and so its mailings) go with the copy."""

import copy as copy_module

from klmeetings import dates
from outbox import services as outbox

from ..models import Invitation, Registration, RegistrationSettings, SessionCapacity
from .emails import outbox_scope
from .invitations import create_invitations
from .registration import seat_lock


def notify_registrants(meeting):
    """One e-mail per confirmed or waiting registration, under the key
    `cancelled:<meeting>:<registration>`, so cancelling twice never tells anyone twice.
    Returns the number of e-mails written. Runs inside the cancelling transaction, under the
    meeting's seat lock: a registration being written now is committed first and told too,
    and one that waits for the lock finds the meeting cancelled."""
    with seat_lock(meeting):
        return _notify(meeting)


def _notify(meeting):
    # active(): everyone confirmed or on the waiting list
    registrations = Registration.objects.filter(meeting=meeting).active().order_by("pk")
    when = dates.danish_span(meeting.starts_at, meeting.ends_at)
    emails = []
    for registration in registrations:
        context = {"registration": registration, "meeting": meeting, "when": when}
        subject, body_text, body_html = outbox.render("meeting_cancelled", context)
        emails.append(
            {
                "to": registration.email,
                "subject": subject,
                "body_text": body_text,
                "body_html": body_html,
                "key": f"cancelled:{meeting.pk}:{registration.pk}",
                "scope": outbox_scope(meeting),
            }
        )
    return outbox.enqueue_many(emails) if emails else 0


def copy_settings(source, target, delta):
    """The settings of `source` for `target`, every time moved by `delta`; the sessions' seats
    go to the target's sessions of the same number. When the source had personal invitations,
    the target gets its own for whoever its invited municipalities and roles admit now, so
    its invitation mailing has someone to go to."""
    if Invitation.objects.filter(meeting=source).exists() and target.registration_slug:
        create_invitations(target)
    reg_settings = RegistrationSettings.objects.filter(meeting=source).first()
    if reg_settings is None:
        return
    capacities = list(reg_settings.session_capacities.select_related("session"))
    copied = copy_module.copy(reg_settings)
    copied.meeting = target
    for name in ("opens_at", "invitations_at"):
        moment = getattr(reg_settings, name)
        setattr(copied, name, moment + delta if moment else None)
    copied.save(force_insert=True)
    sessions = {session.number: session for session in target.sessions.all()}
    SessionCapacity.objects.bulk_create(
        SessionCapacity(settings=copied, session=sessions[c.session.number], capacity=c.capacity)
        for c in capacities
        if c.session.number in sessions
    )
