"""When a meeting is cancelled (meetings.services.cancel_meeting): everyone confirmed or on the
waiting list is told by e-mail through the outbox, once each."""

from klmeetings import dates
from outbox import services as outbox

from ..models import Registration


def notify_registrants(meeting):
    """One e-mail per confirmed or waiting registration, under the key
    `cancelled:<meeting>:<registration>`, so cancelling twice never tells anyone twice.
    Returns the number of e-mails written. Runs inside the cancelling transaction."""
    registrations = Registration.objects.filter(
        meeting=meeting,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
    ).order_by("pk")
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
            }
        )
    return outbox.enqueue_many(emails) if emails else 0
