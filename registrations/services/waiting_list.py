"""The waiting list: a registration's place on it, cancel() (which gives the seat to the first
on the list who fits) and promote_waiting() (when the secretariat adds seats). Both run under
registration.seat_lock() and walk the list with registration._promote(), which register() uses
too when a participant leaves a seat by changing session."""

from django.utils import timezone

from outbox.services import enqueue_template

from ..models import Registration
from .emails import email_context, outbox_scope
from .registration import RegistrationClosed, _promote, seat_lock


def waiting_position(registration):
    """The place on the waiting list (1 is next), or None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.waiting().filter(
        meeting_id=registration.meeting_id, queued_at__lt=registration.queued_at
    )
    return ahead.count() + 1


def cancel(registration, now=None, *, by_staff=False):
    """Cancel a registration and give its seat to the first on the waiting list who fits.
    Returns the registrations promoted. Cancelling twice does nothing the second time. Once
    the meeting has begun only staff (`by_staff`) may cancel."""
    meeting = registration.meeting
    with seat_lock(meeting) as reg_settings:
        now = now or timezone.now()
        if not by_staff and now >= meeting.starts_at:
            raise RegistrationClosed("Mødet er begyndt, så tilmeldingen kan ikke afmeldes.")
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.waiting_reason = ""
        registration.save()
        enqueue_template(
            registration.email,
            "registration_cancelled",
            email_context(registration),
            scope=outbox_scope(registration.meeting),
        )
        return _promote(reg_settings, now)


def promote_waiting(meeting, now=None):
    """Give free seats to the waiting list in sign-up order (after a cancellation, or when the
    secretariat adds seats). Returns the registrations promoted."""
    with seat_lock(meeting) as reg_settings:
        return _promote(reg_settings, now or timezone.now())
