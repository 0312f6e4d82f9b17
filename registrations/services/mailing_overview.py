"""What the admin shows of a meeting's mailings: each with its due time, whether it is done and
its e-mails in the outbox, a test send of one to a member of staff, and what publishing a draft
would send at once (or publishing it with those passed over)."""

from django.db import transaction
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import Meeting
from outbox import services as outbox
from outbox.models import Message

from ..models import MailingRun
from .emails import outbox_scope
from .mailings import (
    INVITATION,
    Planned,
    attachments,
    key_prefix,
    plan,
    recipients,
    render,
    sample_recipient,
    superseded,
)
from .registration import seat_lock, settings_for

# The mailings sent from the meeting's page (services/invitation_step.py), by their slug's stem.
SENT_FROM_PAGE = {
    "reminder-now": "Påmindelse sendt fra mødets side",
    "invitation": "Invitation til nye inviterede",
}


def overview(meeting, now=None):
    """The meeting's mailings for the admin: each with its due time, whether it is done, and
    its outbox rows counted by status."""
    now = now or timezone.now()
    reg_settings = settings_for(meeting)
    runs = {run.mailing: run for run in MailingRun.objects.filter(meeting=meeting)}
    planned = plan(meeting, reg_settings)
    # Outbox rows by mailing and status; "waiting" is queued or being sent.
    counts = {}
    outbox_rows = Message.objects.filter(key__startswith=f"mailing:{meeting.pk}:")
    for key, status in outbox_rows.values_list("key", "status").iterator():
        status = "waiting" if status in ("queued", "sending") else status
        by_status = counts.setdefault(key.split(":")[2], {"sent": 0, "waiting": 0, "failed": 0})
        by_status[status] += 1
    shown = []
    for mailing in planned:
        mailing.run = runs.pop(mailing.slug, None)
        shown.append((mailing, _state(meeting, mailing, now), True))
    # Done mailings no longer planned (reminder days changed afterwards), and those sent from
    # the meeting's page, stay visible.
    for run in runs.values():
        kind = run.mailing.split("-")[0]
        stem, _, stamp = run.mailing.rpartition("-")
        label = SENT_FROM_PAGE.get(stem, run.mailing) if stamp.isdigit() else run.mailing
        mailing = Planned(run.mailing, kind, label, run.due_at, run.due_at, run=run)
        shown.append((mailing, run.get_status_display(), False))
    rows = [
        {
            "mailing": mailing,
            "prefix": key_prefix(meeting, mailing.slug),
            "counts": counts.get(mailing.slug, {}),
            "state": state,
            "planned": is_planned,
        }
        for mailing, state, is_planned in shown
    ]
    return {"reg_settings": reg_settings, "rows": rows}


def _state(meeting, mailing, now):
    if mailing.run is not None:
        return mailing.run.get_status_display()
    if meeting.status == meeting.Status.DRAFT:
        return "Venter på offentliggørelse"
    if meeting.status == meeting.Status.CANCELLED:
        return "Aflyst – sendes ikke"
    if mailing.due_at > now:
        return "Planlagt"
    if now >= mailing.until:
        return "Ikke sendt (for sent)"
    return "Sendes nu"


def find(meeting, slug):
    """(the meeting's registration settings, its planned mailing `slug` or None)."""
    reg_settings = settings_for(meeting)
    mailing = next((m for m in plan(meeting, reg_settings) if m.slug == slug), None)
    if mailing is None and slug == INVITATION:
        # the invitation step previews its e-mail before the invitation has a time
        now = timezone.now()
        label = "Invitation med personligt link"
        mailing = Planned(INVITATION, INVITATION, label, now, reg_settings.closes_at)
    return reg_settings, mailing


def send_test(meeting, slug, to):
    """The mailing's e-mail, rendered for its first recipient, sent to `to` (a member of
    staff) with its attachments. Returns the outbox row, or None for an unknown mailing."""
    reg_settings, mailing = find(meeting, slug)
    if mailing is None:
        return None
    recipient = sample_recipient(meeting, reg_settings, mailing)
    files = attachments(meeting, mailing)
    subject, body_text, body_html = render(mailing, recipient, files)
    return outbox.enqueue(
        to, f"Prøve: {subject}", body_text, body_html, files, scope=outbox_scope(meeting)
    )


def due_at_once(meeting, now=None):
    """[(mailing, number of recipients)]: the mailings whose time has come and that are not
    done, so the sweep sends them as soon as the meeting is published (a draft's wait). A
    reminder that a later mailing supersedes is left out: it would not be sent."""
    if not meeting.registration_slug:
        return []
    now = now or timezone.now()
    reg_settings = settings_for(meeting)
    done = set(MailingRun.objects.filter(meeting=meeting).values_list("mailing", flat=True))
    planned = plan(meeting, reg_settings)
    due = [m for m in planned if m.is_due(now) and m.slug not in done]
    return [
        (mailing, len(recipients(meeting, reg_settings, mailing)))
        for mailing in due
        if not superseded(mailing, planned, now)
    ]


PASSED_OVER = "Forfalden, da mødet blev offentliggjort; sekretariatet valgte ikke at sende den."


def publish_without_due_mailings(meeting, now=None):
    """Publish a draft and record its due mailings as passed over, so none of them is sent.
    The meeting's row is locked first (as cancelling does), then its seat lock (which the sweep
    takes before it sends): a sweep cannot send a mailing between the two. Returns the number
    passed over; raises meetings.services.StateError for a cancelled meeting."""
    now = now or timezone.now()
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        with seat_lock(meeting):
            passed = due_at_once(meeting, now)
            for mailing, _count in passed:
                MailingRun.objects.get_or_create(
                    meeting=meeting,
                    mailing=mailing.slug,
                    defaults={
                        "due_at": mailing.due_at,
                        "status": MailingRun.Status.SKIPPED,
                        "note": PASSED_OVER,
                    },
                )
            meeting_services.publish_meeting(meeting)
    return len(passed)
