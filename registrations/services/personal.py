"""What the personal change page tells a participant before they cancel: what they give up.
Reads only; seats change hands in registration.py."""

from ..models import Registration
from .registration import seats_left
from .waiting_list import waiting_position


def cancel_losses(registration, reg_settings):
    """What cancelling gives up, as Danish sentences: the seat (said plainly when the session or
    the meeting is full, so it cannot be had back), a place on the waiting list, the evening
    event."""
    losses = []
    if registration.status == Registration.Status.CONFIRMED:
        meeting_left, sessions_left = seats_left(reg_settings)
        session = registration.session
        if session is not None and sessions_left.get(session.pk) == 0:
            losses.append(
                f"Du mister din plads i session {session.number}, som er fuld. "
                "Fortryder du, kommer du på venteliste."
            )
        elif meeting_left == 0:
            losses.append(
                "Du mister din plads ved mødet, som er fuldt. "
                "Fortryder du, kommer du på venteliste."
            )
        elif session is not None:
            losses.append(f"Du mister din plads ved mødet og i session {session.number}.")
        else:
            losses.append("Du mister din plads ved mødet.")
    elif registration.status == Registration.Status.WAITING:
        position = waiting_position(registration)
        losses.append(f"Du mister din plads som nummer {position} på ventelisten.")
    if registration.dinner and reg_settings.dinner_label:
        event = reg_settings.dinner_label
        losses.append(f"Du afmelder dig også {event[:1].lower()}{event[1:]}.")
    return losses
