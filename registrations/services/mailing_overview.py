"""What the admin shows of a meeting's mailings: each with its due time, whether it is done and
its e-mails in the outbox, and a test send of one to a member of staff."""

from django.utils import timezone

from outbox import services as outbox
from outbox.models import Message

from ..models import MailingRun
from .emails import outbox_scope
from .mailings import Planned, attachments, key_prefix, plan, render, sample_recipient
from .registration import settings_for


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
    rows = []
    for mailing in planned:
        mailing.run = runs.pop(mailing.slug, None)
        rows.append(
            {
                "mailing": mailing,
                "prefix": key_prefix(meeting, mailing.slug),
                "counts": counts.get(mailing.slug, {}),
                "state": _state(meeting, mailing, now),
                "planned": True,
            }
        )
    # Done mailings no longer planned (reminder days changed afterwards) stay visible.
    for run in runs.values():
        kind = run.mailing.split("-")[0]
        mailing = Planned(run.mailing, kind, run.mailing, run.due_at, run.due_at, run=run)
        rows.append(
            {
                "mailing": mailing,
                "prefix": key_prefix(meeting, run.mailing),
                "counts": counts.get(run.mailing, {}),
                "state": run.get_status_display(),
                "planned": False,
            }
        )
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
