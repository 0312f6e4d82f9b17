"""The invitation as one step on the meeting's page: who is invited (derived from the invited
municipalities and roles), their personal links made and the invitation sent now or at a time,
then per invitee whether it went out and how they answered, and a reminder to those who have
not answered.

Sending goes through the meeting's mailings (mailings.py): "send nu" sets the invitation's time
to now and does that mailing at once; a time is left to the sweep. An invitation or reminder
sent from here after the planned one is a mailing of its own (`invitation-<stamp>`,
`reminder-now-<stamp>`), written under the seat lock with its MailingRun, as the sweep writes."""

from dataclasses import dataclass

from django.utils import timezone

from meetings.models import Meeting
from outbox import services as outbox
from outbox.models import Message

from ..models import Invitation, MailingRun, Registration
from . import mailings
from .invitations import create_invitations, invitation_candidates
from .registration import seat_lock, settings_for

SENT_LABELS = {"sent": "Sendt", "queued": "I kø", "sending": "I kø", "failed": "Fejlet"}


@dataclass
class Invitee:
    person: object
    invitation: Invitation | None
    sent: str  # "Sendt", "I kø", "Fejlet" or "Ikke sendt"
    sent_at: object
    answer: str  # "Tilmeldt", "På venteliste", "Afmeldt" or "Intet svar"

    @property
    def answered(self):
        return self.answer != "Intet svar"


def invitees(meeting):
    """Everyone the meeting invites or has invited, by name: the people its municipalities and
    roles admit (with an e-mail address) and anyone who has a personal link, each with what
    became of their invitation and their answer. Four queries."""
    invitations = {
        inv.person_id: inv
        for inv in Invitation.objects.filter(meeting=meeting).select_related("person__municipality")
    }
    people = {p.pk: p for p in invitation_candidates(meeting).select_related("municipality")}
    people.update({pk: inv.person for pk, inv in invitations.items()})
    registrations = Registration.objects.filter(meeting=meeting).only("person", "email", "status")
    answers = {}
    for registration in registrations:
        answers[registration.person_id] = registration.get_status_display()
        answers[registration.email.lower()] = registration.get_status_display()
    # The invitation e-mails of the planned mailing and of any sent from the page.
    sent = {}
    rows = Message.objects.filter(key__startswith=f"mailing:{meeting.pk}:invitation")
    for key, status, sent_at in rows.values_list("key", "status", "sent_at").order_by("pk"):
        invitation_pk = int(key.rsplit(":", 1)[1])
        if sent.get(invitation_pk, ("",))[0] != "sent":
            sent[invitation_pk] = (status, sent_at)
    result = []
    for person in sorted(people.values(), key=lambda p: (str(p.municipality or ""), p.name)):
        invitation = invitations.get(person.pk)
        status, sent_at = sent.get(invitation.pk if invitation else None, ("", None))
        answer = answers.get(person.pk) or answers.get(person.email.lower()) or "Intet svar"
        label = SENT_LABELS.get(status, "Ikke sendt")
        result.append(Invitee(person, invitation, label, sent_at, answer))
    return result


def summary(meeting):
    """The counts the meeting's page shows above the list."""
    rows = invitees(meeting)
    sent = [row for row in rows if row.sent != "Ikke sendt"]
    return {
        "invitees": rows,
        "sent": len(sent),
        "unsent": len(rows) - len(sent),
        "unanswered": sum(1 for row in sent if not row.answered),
        "answers": {
            label: sum(1 for row in rows if row.answer == label)
            for label in ("Tilmeldt", "På venteliste", "Afmeldt", "Intet svar")
        },
    }


class NothingToSend(Exception):
    """Said in Danish to the secretary: why nothing was sent."""


def send_invitations(meeting, at=None, now=None):
    """Make the missing personal links, then send the invitation now (`at` None) or set it for
    `at`. A draft's invitation waits for publishing, which asks first. Returns a Danish
    sentence for the secretary; raises NothingToSend."""
    now = now or timezone.now()
    reg_settings = settings_for(meeting)
    deadline = reg_settings.closes_at
    if (at or now) >= deadline:
        raise NothingToSend("Tidspunktet er efter tilmeldingsfristen. Vælg et tidligere.")
    made = create_invitations(meeting)
    if not Invitation.objects.filter(meeting=meeting).exists():
        raise NothingToSend(
            "Ingen at invitere: ingen personer med e-mail i de inviterede kommuner og roller."
        )
    done = MailingRun.objects.filter(meeting=meeting, mailing=mailings.INVITATION).exists()
    if done:
        if at is not None:
            raise NothingToSend("Invitationen er sendt. Nye inviterede kan få den nu.")
        if not (newcomers := _not_invited(meeting)):
            raise NothingToSend("Alle inviterede har allerede fået invitationen.")
        count = _send_now(meeting, mailings.INVITATION, "invitation", newcomers, now)
        return f"Invitationen er sendt til {count} nye inviterede."
    reg_settings.invitations_at = at or now
    reg_settings.save(update_fields=["invitations_at"])
    links = f"{made} personlige links er lavet. " if made else ""
    if meeting.status != Meeting.Status.PUBLISHED:
        return links + "Invitationen sendes, når mødet er offentliggjort."
    if at is not None:
        return links + "Invitationen sendes på det valgte tidspunkt."
    run = mailings.send_mailing(meeting.pk, mailings.INVITATION, now)
    sent = run.recipients if run else 0
    return links + f"Invitationen er sendt til {sent} inviterede."


def remind_unanswered(meeting, now=None):
    """A reminder now to every invitee who got the invitation and has not answered. Returns
    how many; raises NothingToSend."""
    now = now or timezone.now()
    if meeting.status != Meeting.Status.PUBLISHED:
        raise NothingToSend("Mødet er ikke offentliggjort.")
    invited = _invitation_written(meeting)
    people = [r for r in _unanswered(meeting) if int(r.key) in invited]
    if not people:
        raise NothingToSend("Alle, der har fået invitationen, har svaret.")
    return _send_now(meeting, mailings.REMINDER, "reminder-now", people, now)


def _unanswered(meeting):
    """The invitees who have not registered in any way, as the reminders' recipients."""
    now = timezone.now()
    reminder = mailings.Planned("reminder-now", mailings.REMINDER, "", now, now)
    return mailings.recipients(meeting, settings_for(meeting), reminder)


def _invitation_written(meeting):
    """The invitations (their pks) whose invitation e-mail is in the outbox."""
    keys = Message.objects.filter(key__startswith=f"mailing:{meeting.pk}:invitation")
    return {int(key.rsplit(":", 1)[1]) for key in keys.values_list("key", flat=True)}


def _not_invited(meeting):
    """Invitees not registered who have no invitation e-mail yet (added after it went out)."""
    invited = _invitation_written(meeting)
    return [r for r in _unanswered(meeting) if int(r.key) not in invited]


def _send_now(meeting, kind, name, people, now):
    """One mailing of `kind` to `people` now, under its own slug; returns how many."""
    if not people:
        raise NothingToSend("Der er ingen at sende til.")
    slug = f"{name}-{timezone.localtime(now):%Y%m%d%H%M%S}"
    mailing = mailings.Planned(slug, kind, "", now, now)
    files = mailings.attachments(meeting, mailing)
    drafts = mailings.outbox_emails(meeting, settings_for(meeting), mailing, people, files)
    emails = [email for _version, email in drafts.values()]
    with seat_lock(meeting):
        # whoever registered meanwhile is left out
        unanswered = {recipient.key for recipient in _unanswered(meeting)}
        emails = [e for e in emails if e["key"].rsplit(":", 1)[1] in unanswered]
        written = outbox.enqueue_many(emails) if emails else 0
        MailingRun.objects.create(
            meeting=meeting,
            mailing=slug,
            due_at=now,
            status=MailingRun.Status.SENT,
            recipients=written,
            note="Sendt fra mødets side.",
        )
    return written
