"""Where a seat changes hands: register() here, cancel() and promote_waiting() in waiting_list.py.

Each runs under seat_lock(), one transaction that locks the meeting's RegistrationSettings row
(SELECT ... FOR UPDATE), re-checks the deadline and capacity against what is committed, writes,
and enqueues the e-mails into the outbox. Seats are counted from the registrations each time (as
pretix does; index scans bounded by the seats) rather than kept in a counter that could drift.
register() does all else (eligibility, the e-mail and its .ics) before it takes the lock, which
it then holds for four statements (docs/benchmarks.md)."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from outbox.services import enqueue, enqueue_template

from ..models import Registration, RegistrationSettings, SessionCapacity, StaffOverride
from .emails import calendar_attachment, confirmation, email_context, outbox_scope

REGISTRATION_FIELDS = ["name", "email", "municipality", "role", "party_letter", "phone"]
REGISTRATION_FIELDS += ["dietary_needs", "session", "dinner", "comment"]


# PostgreSQL's error when a statement waited longer than the lock_timeout (settings.DATABASES).
LOCK_NOT_AVAILABLE = "55P03"


class RegistrationError(Exception):
    """A registration that cannot be made; the message is Danish and meant for the user."""


class RegistrationClosed(RegistrationError):
    pass


class NotEligible(RegistrationError):
    pass


class Busy(RegistrationError):
    pass


@dataclass
class Outcome:
    registration: Registration
    created: bool
    promoted: list = field(default_factory=list)
    # What the public receipt shows: the registration, or for an address already registered
    # the unsaved one this submission would have made, so the receipt cannot tell the two apart.
    receipt: Registration = None


def settings_for(meeting, save=True):
    """The meeting's registration settings, made with the defaults when it has none yet (kept
    only with `save`: a page that shows them writes nothing); no query when they were read
    along with the meeting (select_related)."""
    if type(meeting).registration_settings.is_cached(meeting):
        try:
            kept = meeting.registration_settings
        except RegistrationSettings.DoesNotExist:
            pass
        else:
            if not (save and kept._state.adding):
                return kept
    if save:
        reg_settings, _ = RegistrationSettings.objects.get_or_create(meeting=meeting)
    else:
        reg_settings = RegistrationSettings.objects.filter(meeting=meeting).first()
        reg_settings = reg_settings or RegistrationSettings(meeting=meeting)
    reg_settings.meeting = meeting
    return reg_settings


@contextmanager
def seat_lock(meeting, reg_settings=None):
    """`with seat_lock(meeting) as reg_settings:` a transaction holding the meeting's one seat
    lock (its settings row, SELECT ... FOR UPDATE), which every change of a seat at the meeting
    and every mailing takes. On PostgreSQL a wait longer than the lock_timeout gives up with Busy
    (a "try again" page) rather than holding a web worker indefinitely."""
    if reg_settings is None:
        settings_for(meeting)  # makes the row the lock is taken on
    try:
        with transaction.atomic():
            yield _lock_settings(meeting)
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) != LOCK_NOT_AVAILABLE:
            raise
        raise Busy(
            "Rigtig mange tilmelder sig lige nu, så vi nåede ikke at gemme din tilmelding. "
            "Prøv igen om et øjeblik."
        ) from error


def _lock_settings(meeting):
    """The settings row, locked until the transaction ends, with the meeting's committed state
    (its status and deadline) read in the same statement; only the settings row is locked. On
    PostgreSQL the wait is bounded by the connection's lock_timeout. SQLite (make run) has no
    row locks: its writing transactions take turns on the database. (A test takes the lock
    away here.)"""
    locked = RegistrationSettings.objects.select_for_update(of=("self",)).select_related("meeting")
    return locked.get(meeting_id=meeting.pk)


FULL = "Mødet er fuldt."
session_full = "Session {0.number} er fuld.".format


@dataclass
class Seats:
    """Confirmed seats taken at the meeting and in one session, and that session's capacity
    (None: no limit of its own)."""

    meeting: int
    session: int = 0
    session_capacity: int | None = None


def _place(reg_settings, session, seats):
    """(status, reason) for a registration that would be made now in `session`, given the
    `seats` taken by others."""
    if reg_settings.capacity is not None and seats.meeting >= reg_settings.capacity:
        return Registration.Status.WAITING, FULL
    capacity = seats.session_capacity
    if session is not None and capacity is not None and seats.session >= capacity:
        return Registration.Status.WAITING, session_full(session)
    return Registration.Status.CONFIRMED, ""


# The one statement written out: built by the ORM it cost three times its run time, all of it
# while the lock is held (docs/benchmarks.md). The seats are counted in one pass over the
# meeting's confirmed registrations (the (meeting, status, ...) index), so its cost grows with
# the seats and not with a waiting list of thousands; the address is found through the unique
# (lower(email), meeting) index.
COUNT_AND_FIND = """
    SELECT
        count(*),
        count(*) FILTER (WHERE session_id = %(session)s),
        (SELECT id FROM {table} WHERE meeting_id = %(meeting)s AND lower(email) = lower(%(email)s)),
        (SELECT capacity FROM {capacities} WHERE session_id = %(session)s)
    FROM {table}
    WHERE meeting_id = %(meeting)s AND status = %(confirmed)s AND lower(email) <> lower(%(email)s)
"""


def _count_and_find(reg_settings, session, email):
    """In one statement under the lock: the Seats taken in the meeting and `session` by others
    than the address `email`, and the id of the registration with that address (None if new)."""
    params = {
        "meeting": reg_settings.meeting_id,
        "confirmed": Registration.Status.CONFIRMED.value,
        "session": session.pk if session is not None else None,
        "email": email,
    }
    tables = {"table": Registration._meta.db_table, "capacities": SessionCapacity._meta.db_table}
    with connection.cursor() as cursor:
        cursor.execute(COUNT_AND_FIND.format(**tables), params)
        meeting, in_session, known, capacity = cursor.fetchone()
    return Seats(meeting, in_session, capacity), known


def seats_left(reg_settings):
    """Free seats now: (at the meeting or None for no limit, {session id: free or None})."""
    confirmed = Registration.objects.confirmed().filter(meeting_id=reg_settings.meeting_id)
    meeting_left = None
    if reg_settings.capacity is not None:
        meeting_left = max(reg_settings.capacity - confirmed.count(), 0)
    taken = dict(
        confirmed.exclude(session=None)
        .values("session")
        .annotate(n=Count("pk"))
        .values_list("session", "n")
    )
    sessions = {}
    for capacity in SessionCapacity.objects.filter(settings_id=reg_settings.meeting_id):
        left = max(capacity.capacity - taken.get(capacity.session_id, 0), 0)
        sessions[capacity.session_id] = left if meeting_left is None else min(left, meeting_left)
    return meeting_left, sessions


def register(
    meeting,
    data,
    *,
    person=None,
    source=Registration.Source.WEB,
    staff_user=None,
    pass_capacity=False,
    note="",
    now=None,
    change_existing=True,
):
    """Register someone for `meeting`, or update their registration when the e-mail is known.

    The public form passes `change_existing=False`: anyone may type anyone's address there, so
    a known address (cancelled included) changes nothing; its owner is sent their personal
    link instead, and the outcome carries no registration, only the receipt a new address
    would have got, so the answer cannot tell. An invitation (`person`) still changes its own
    person's registration, nobody else's.

    1. Without the lock: check eligibility (not for staff: they register whom they decide to),
       and prepare the new registration and its e-mail for the likely outcome.
    2. Under the meeting's lock: re-check the opening and closing times (staff may pass them;
       that is logged), count the seats and find a known address.
    3. Place the registration: confirmed if the meeting and the chosen session have a seat,
       otherwise waiting with the reason (a confirmed participant who changes to a full
       session keeps the seat they have, and is told so).
    4. Write it and enqueue its e-mail in the same transaction; a participant who moved to
       another session leaves a seat for the waiting list.
    """
    session = data.get("session")
    _check_eligible(meeting, data, session, staff_user)
    reg_settings = settings_for(meeting)
    fresh = Registration(meeting=meeting, source=source, email=data["email"].strip())
    _fill(fresh, data, person)
    fresh.status, fresh.waiting_reason = likely = _likely_outcome(meeting, session)
    prepared = confirmation(fresh, created=True)

    with seat_lock(meeting, reg_settings) as reg_settings:
        now = now or timezone.now()
        passed_deadline = not reg_settings.is_open(now)
        if passed_deadline and staff_user is None:
            raise RegistrationClosed("Tilmeldingen er lukket.")
        seats, known = _count_and_find(reg_settings, session, fresh.email)
        registration = Registration.objects.get(pk=known) if known is not None else None
        if registration is not None and not (change_existing or _belongs_to(registration, person)):
            enqueue_template(
                registration.email,
                "registration_known",
                email_context(registration),
                scope=outbox_scope(meeting),
            )
            _set_status(fresh, True, *_place(reg_settings, session, seats), False, now)
            return Outcome(None, False, [], receipt=fresh)

        created = registration is None
        was_confirmed = not created and registration.status == Registration.Status.CONFIRMED
        status, reason = _place(reg_settings, session, seats)
        waiting = status == Registration.Status.WAITING
        passed_capacity = waiting and staff_user is not None and pass_capacity
        if passed_capacity:
            status, reason = Registration.Status.CONFIRMED, ""
        elif waiting and was_confirmed:
            raise RegistrationError(
                f"{reason} Din tilmelding er ikke ændret, og du beholder din plads."
            )
        _remember_outcome(meeting, session, (status, reason))

        if created:
            registration = fresh
        else:
            _fill(registration, data, person)
        _set_status(registration, created, status, reason, was_confirmed, now)
        if data.get("consent"):
            registration.consent_at = registration.consent_at or now
        registration.save()
        if passed_deadline or passed_capacity:
            StaffOverride.objects.create(
                registration=registration,
                user=staff_user,
                passed_deadline=passed_deadline,
                passed_capacity=passed_capacity,
                note=note,
            )
        if not (created and (status, reason) == likely):
            prepared = confirmation(registration, created)
        enqueue(registration.email, *prepared, scope=outbox_scope(meeting))
        promoted = _promote(reg_settings, now) if was_confirmed else []
    return Outcome(registration, created, promoted, receipt=registration)


def _check_eligible(meeting, data, session, staff_user):
    if session is not None and session.meeting_id != meeting.pk:
        raise RegistrationError("Den valgte session hører ikke til mødet.")
    if staff_user is None:
        error = meeting.eligibility_error(data.get("municipality"), data.get("role", ""))
        if error:
            raise NotEligible(error)


def _outcome_key(meeting, session):
    return f"tilmeld-outcome:{meeting.pk}:{session.pk if session is not None else ''}"


def _likely_outcome(meeting, session):
    """The outcome last given at this meeting and session in this worker: in a rush nearly
    every registration gets the same (a seat, or the waiting list), so its e-mail is rendered
    before the lock, and only an e-mail for another outcome under it."""
    default = (Registration.Status.CONFIRMED, "")
    return caches["local"].get(_outcome_key(meeting, session), default)


def _remember_outcome(meeting, session, outcome):
    caches["local"].set(_outcome_key(meeting, session), outcome)


def _set_status(registration, created, status, reason, was_confirmed, now):
    if created or registration.status == Registration.Status.CANCELLED:
        registration.queued_at = now  # a place at the end of the queue
        registration.cancelled_at = None
    if status == Registration.Status.CONFIRMED and not was_confirmed:
        registration.confirmed_at = now
    registration.status, registration.waiting_reason = status, reason


def _fill(registration, data, person):
    for name in REGISTRATION_FIELDS:
        if name in data:
            setattr(registration, name, data[name])
    registration.email = data["email"].strip()
    registration.person = person or registration.person


def _belongs_to(registration, person):
    """Whether an invitation's `person` may change `registration`: it is theirs."""
    return person is not None and (
        registration.person_id == person.pk
        or registration.email.lower() == (person.email or "").strip().lower()
    )


def can_change(registration, reg_settings, now=None):
    """Whether the participant may still change their registration themselves (a cancelled
    one registers again here: the public form no longer re-activates it)."""
    return reg_settings.is_open(now)


def can_cancel(registration, now=None):
    """Whether the registration may still be cancelled: until the meeting begins."""
    now = now or timezone.now()
    return (
        registration.status != Registration.Status.CANCELLED
        and now < registration.meeting.starts_at
    )


def _promote(reg_settings, now):
    """Under the lock: walk the waiting list in sign-up order, confirm everyone who now fits,
    and keep each remaining person's reason for waiting up to date. The seats are counted once
    for the whole walk, and counted on as people are confirmed."""
    confirmed = Registration.objects.confirmed().filter(meeting_id=reg_settings.meeting_id)
    by_session = dict(confirmed.values_list("session").annotate(n=Count("pk")).order_by())
    capacities = dict(
        SessionCapacity.objects.filter(settings=reg_settings).values_list("session", "capacity")
    )
    at_meeting = sum(by_session.values())
    waiting = (
        Registration.objects.waiting()
        .filter(meeting_id=reg_settings.meeting_id)
        .select_related("session", "meeting")
    )
    promoted = []
    for registration in waiting:
        session_id = registration.session_id
        seats = Seats(at_meeting, by_session.get(session_id, 0), capacities.get(session_id))
        status, reason = _place(reg_settings, registration.session, seats)
        if status == Registration.Status.CONFIRMED:
            registration.status = status
            registration.waiting_reason = ""
            registration.confirmed_at = now
            registration.save(update_fields=["status", "waiting_reason", "confirmed_at"])
            enqueue_template(
                registration.email,
                "registration_promoted",
                email_context(registration),
                attachments=[calendar_attachment(registration)],
                scope=outbox_scope(registration.meeting),
            )
            promoted.append(registration)
            at_meeting += 1
            by_session[session_id] = by_session.get(session_id, 0) + 1
        elif reason != registration.waiting_reason:
            registration.waiting_reason = reason
            registration.save(update_fields=["waiting_reason"])
    return promoted
