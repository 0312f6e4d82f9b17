"""A meeting's mailings: the invitations with personal links, reminders before the deadline to
invitees who have not registered, the programme to the registered, and the participant list to
the secretariat when the deadline has passed.

Nothing is scheduled ahead. Each mailing's due time is computed from the meeting and its
registration settings whenever it is looked at (plan()), so a moved meeting or deadline moves
its mailings, and a mailing once due is never sent for a time that no longer holds.

Exactly once: beat runs send_due_mailings() every minute. For each due mailing it takes the
meeting's seat lock (registration.seat_lock(), the one register() takes), computes the due
time and the recipients again from what is committed, writes one outbox row per recipient
under a key `mailing:<meeting>:<mailing>:<recipient>` (enqueue_many skips keys already
written) and a MailingRun row, unique per meeting and mailing, in the same transaction. A
second sweep at the same time waits for the lock, then finds the MailingRun and does nothing;
a registration waits for the sweep, so whoever registered before it is not reminded.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from klmeetings import dates
from meetings import services as meeting_services
from meetings.models import Meeting, Person
from outbox import services as outbox

from ..models import Invitation, MailingRun, Registration, RegistrationSettings
from . import reports
from .emails import manage_url, outbox_scope
from .invitations import invitation_url
from .registration import Busy, seat_lock, settings_for

logger = logging.getLogger(__name__)

INVITATION = "invitation"
REMINDER = "reminder"
PROGRAMME = "programme"
SUMMARY = "summary"
TEMPLATES = {
    INVITATION: "mailing_invitation",
    REMINDER: "reminder_deadline",
    PROGRAMME: "mailing_programme",
    SUMMARY: "mailing_summary",
}
# What the admin shows when no real recipient exists yet.
SAMPLE_NAME = "Anna Eksempel"
SAMPLE_EMAIL = "anna.eksempel@example.dk"


@dataclass
class Planned:
    """One mailing of a meeting: due from `due_at` until, not including, `until`."""

    slug: str
    kind: str
    label: str
    due_at: object
    until: object
    days: int | None = None
    run: MailingRun | None = field(default=None, compare=False)

    def is_due(self, now):
        return self.due_at <= now < self.until


@dataclass
class Recipient:
    key: str
    email: str
    context: dict
    # What their e-mail was rendered from, besides the meeting (see send_mailing()).
    version: tuple = ()


def _days_before(moment, days):
    """`days` calendar days before `moment`, at the same Danish wall-clock time (across a
    change to or from summer time)."""
    return timezone.localtime(moment) - timedelta(days=days)


def plan(meeting, reg_settings):
    """The meeting's mailings with their due times, in the order they fall due."""
    deadline = reg_settings.closes_at
    planned = []
    if reg_settings.invitations_at:
        label = "Invitation med personligt link"
        planned.append(
            Planned(INVITATION, INVITATION, label, reg_settings.invitations_at, deadline)
        )
    for days in reg_settings.reminder_day_list:
        planned.append(
            Planned(
                f"{REMINDER}-{days}",
                REMINDER,
                f"Påmindelse {days} dage før fristen",
                _days_before(deadline, days),
                deadline,
                days,
            )
        )
    if reg_settings.summary_recipient:
        planned.append(
            Planned(SUMMARY, SUMMARY, "Deltagerliste til sekretariatet", deadline, meeting.ends_at)
        )
    if reg_settings.programme_days is not None:
        planned.append(
            Planned(
                PROGRAMME,
                PROGRAMME,
                f"Program til de tilmeldte {reg_settings.programme_days} dage før mødet",
                _days_before(meeting.starts_at, reg_settings.programme_days),
                meeting.starts_at,
                reg_settings.programme_days,
            )
        )
    return sorted(planned, key=lambda mailing: mailing.due_at)


def key_prefix(meeting, slug):
    return f"mailing:{meeting.pk}:{slug}:"


def _common_context(meeting, reg_settings):
    deadline = reg_settings.closes_at
    return {
        "meeting": meeting,
        "when": dates.danish_span(meeting.starts_at, meeting.ends_at),
        "deadline": deadline,
        "deadline_text": f"{dates.danish_long_date(deadline)} kl. {dates.danish_time(deadline)}",
    }


def _not_registered(meeting):
    """Invitations whose person has no registration at the meeting (in any status: someone
    who cancelled has answered), matched by person or by e-mail address."""
    registered = Registration.objects.filter(meeting=meeting).filter(
        Q(person=OuterRef("person")) | Q(email__iexact=OuterRef("person__email"))
    )
    return (
        Invitation.objects.filter(meeting=meeting)
        .exclude(person__email="")
        .exclude(Exists(registered))
        .select_related("person")
        .order_by("pk")
    )


def _invitee(meeting, invitation, common):
    invitation.meeting = meeting
    context = common | {"name": invitation.person.name, "link": invitation_url(invitation)}
    person = invitation.person
    return Recipient(str(invitation.pk), person.email, context, (person.name, person.email))


def _participant(meeting, registration, common):
    registration.meeting = meeting
    context = common | {
        "name": registration.name,
        "registration": registration,
        "manage_url": manage_url(registration),
    }
    version = (registration.email, registration.updated_at)
    return Recipient(str(registration.pk), registration.email, context, version)


def recipients(meeting, reg_settings, mailing):
    """Who gets `mailing` now, each with the key and context of their e-mail."""
    common = _common_context(meeting, reg_settings)
    if mailing.kind in (INVITATION, REMINDER):
        return [_invitee(meeting, invitation, common) for invitation in _not_registered(meeting)]
    if mailing.kind == PROGRAMME:
        registrations = (
            Registration.objects.confirmed()
            .filter(meeting=meeting)
            .select_related("session")
            .order_by("pk")
        )
        return [_participant(meeting, registration, common) for registration in registrations]
    counts = Registration.objects.filter(meeting=meeting)
    context = common | {
        "name": meeting.contact_name,
        "confirmed": counts.filter(status=Registration.Status.CONFIRMED).count(),
        "waiting": counts.filter(status=Registration.Status.WAITING).count(),
    }
    version = (context["confirmed"], context["waiting"])
    return [Recipient("secretariat", reg_settings.summary_recipient, context, version)]


def sample_recipient(meeting, reg_settings, mailing):
    """The first real recipient, or a made-up one, for the admin's preview and test."""
    real = recipients(meeting, reg_settings, mailing)
    if real:
        return real[0]
    common = _common_context(meeting, reg_settings)
    if mailing.kind in (INVITATION, REMINDER):
        person = Person(name=SAMPLE_NAME, email=SAMPLE_EMAIL)
        return _invitee(meeting, Invitation(meeting=meeting, person=person), common)
    registration = Registration(meeting=meeting, name=SAMPLE_NAME, email=SAMPLE_EMAIL)
    return _participant(meeting, registration, common)


def attachments(meeting, mailing):
    """The files every e-mail of `mailing` carries: the invitation letter with the invitation,
    the programme (or, without one, the invitation) with the programme mailing, the
    participant list as PDF and CSV with the summary."""
    if mailing.kind in (INVITATION, PROGRAMME):
        documents = meeting_services.meeting_for_documents(meeting.pk)
        if mailing.kind == PROGRAMME and meeting_services.has_programme(documents):
            filename = meeting_services.document_filename(documents, "program")
            return [(filename, meeting_services.programme_pdf(documents), "application/pdf")]
        if meeting_services.has_letter(documents):
            filename = meeting_services.document_filename(documents, "invitation")
            return [(filename, meeting_services.invitation_pdf(documents), "application/pdf")]
        return []
    if mailing.kind == SUMMARY:
        stem = f"deltagerliste-{meeting.registration_slug or meeting.pk}"
        active = Registration.objects.active().filter(meeting=meeting)
        return [
            (f"{stem}.pdf", reports.participant_list_pdf(meeting), "application/pdf"),
            (f"{stem}.csv", reports.export_csv(active), "text/csv"),
        ]
    return []


def render(mailing, recipient, files=()):
    """(subject, text, HTML) of one recipient's e-mail; `files` are its attachments."""
    names = [filename for filename, _content, _mimetype in files]
    context = recipient.context | {
        "mailing": mailing,
        "attachment_names": names,
        "programme": any(name.startswith("program-") for name in names),
    }
    return outbox.render(TEMPLATES[mailing.kind], context)


def superseded(mailing, planned, now):
    """A reminder that is due while a later reminder or the invitation is too (a deadline or
    invitation time set late): only the later one is sent, so nobody gets two at once."""
    return mailing.kind == REMINDER and any(
        other.kind in (REMINDER, INVITATION) and other.due_at > mailing.due_at and other.is_due(now)
        for other in planned
    )


def outbox_emails(meeting, reg_settings, mailing, people, files, drafts=None):
    """The outbox rows of `people`, keyed; a draft rendered earlier from the same meeting,
    settings and recipient is used as it is."""
    prefix = key_prefix(meeting, mailing.slug)
    state = (meeting.updated_at, reg_settings.closes_at, mailing.due_at)
    emails = {}
    for recipient in people:
        key = prefix + recipient.key
        draft = (drafts or {}).get(key)
        if draft is not None and draft[0] == (state, recipient.version):
            emails[key] = draft
            continue
        subject, body_text, body_html = render(mailing, recipient, files)
        email = {
            "to": recipient.email,
            "subject": subject,
            "body_text": body_text,
            "body_html": body_html,
            "attachments": files,
            "key": key,
            "scope": outbox_scope(meeting),
        }
        emails[key] = ((state, recipient.version), email)
    return emails


def send_mailing(meeting_id, slug, now=None, files=None):
    """Do one mailing of one meeting if it is due and not done. Returns the MailingRun
    written, or None when there was nothing to do.

    The e-mails are rendered first, without a lock. Then everything is decided again under
    the meeting's registration lock, from what is committed: whether the mailing is still due
    (a meeting or deadline moved meanwhile makes it do nothing), whether another sweep has
    done it, and who gets it; only e-mails whose meeting, settings or recipient changed
    meanwhile are rendered again. `files` are the attachments if the caller made them."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_related("organiser").get(pk=meeting_id)
    if meeting.status != Meeting.Status.PUBLISHED:
        return None
    reg_settings = settings_for(meeting)
    planned = plan(meeting, reg_settings)
    mailing = next((m for m in planned if m.slug == slug), None)
    if mailing is None or not mailing.is_due(now):
        return None
    if files is None:
        files = attachments(meeting, mailing)
    drafts = {}
    if not superseded(mailing, planned, now):
        people = recipients(meeting, reg_settings, mailing)
        drafts = outbox_emails(meeting, reg_settings, mailing, people, files)
    with seat_lock(meeting) as reg_settings:
        meeting.refresh_from_db()
        if meeting.status != Meeting.Status.PUBLISHED:  # cancelled (or unpublished) meanwhile
            return None
        planned = plan(meeting, reg_settings)
        mailing = next((m for m in planned if m.slug == slug), None)
        if mailing is None or not mailing.is_due(now):
            return None
        if MailingRun.objects.filter(meeting=meeting, mailing=slug).exists():
            return None
        run = MailingRun(meeting=meeting, mailing=slug, due_at=mailing.due_at)
        if superseded(mailing, planned, now):
            run.status = MailingRun.Status.SKIPPED
            run.note = (
                "En senere udsendelse til de samme var også forfalden og blev sendt i stedet."
            )
        else:
            people = recipients(meeting, reg_settings, mailing)
            emails = outbox_emails(meeting, reg_settings, mailing, people, files, drafts)
            # Keys already in the outbox (a mailing whose record was lost) are not written again.
            run.recipients = outbox.enqueue_many([email for _version, email in emails.values()])
            run.status = MailingRun.Status.SENT
        run.save()
        return run


def due_mailings(now=None):
    """(meeting, mailing) for each mailing that is due and not done, in three queries. Only a
    published meeting's: a draft's links answer 404, and a cancelled meeting's people have been
    told it is off (the cancellation notice is not a mailing: cancel_meeting sends it)."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.exclude(registration_slug=None)
        .filter(ends_at__gt=now, status=Meeting.Status.PUBLISHED)
        .select_related("registration_settings")
    )
    done = set(MailingRun.objects.filter(meeting__in=meetings).values_list("meeting_id", "mailing"))
    due = []
    for meeting in meetings:
        try:
            reg_settings = meeting.registration_settings
        except RegistrationSettings.DoesNotExist:
            reg_settings = RegistrationSettings(meeting=meeting)
        for mailing in plan(meeting, reg_settings):
            if mailing.is_due(now) and (meeting.pk, mailing.slug) not in done:
                due.append((meeting, mailing))
    return due


def send_due_mailings(now=None):
    """What beat runs every minute: do every due mailing. Safe to run twice at once. Returns
    the MailingRuns written."""
    runs = []
    for meeting, mailing in due_mailings(now):
        # The PDFs are made before the lock is taken: registrations need not wait for them.
        files = attachments(meeting, mailing)
        try:
            run = send_mailing(meeting.pk, mailing.slug, now, files)
        except Busy:
            # Many registering at this moment: the next sweep tries again.
            logger.warning("Mailing %s of meeting %s waits for the sweep", mailing.slug, meeting.pk)
            continue
        except IntegrityError:
            # Another sweep recorded the mailing first: the unique record is the last guard
            # (under the lock this cannot happen), and this sweep's rows were rolled back.
            continue
        if run is not None:
            runs.append(run)
    return runs
