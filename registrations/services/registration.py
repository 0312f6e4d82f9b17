"""Where a seat changes hands: register(), cancel() and promote_waiting().

Each runs under seat_lock(), one transaction that locks the meeting's RegistrationSettings row
(SELECT ... FOR UPDATE), re-checks the deadline and capacity against what is committed, writes,
and enqueues the e-mails into the outbox. Seats are counted from the registrations each time (as
pretix does; index scans bounded by the seats) rather than kept in a counter that could drift.
register() does all else (eligibility, the e-mail and its .ics) before it takes the lock, which
it then holds for four statements (docs/benchmarks.md)."""

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from klmeetings import rows
from meetings.models import Meeting
from outbox.services import enqueue, enqueue_template

from ..models import Registration, RegistrationSettings, SessionCapacity, StaffOverride
from .emails import calendar_attachment, confirmation, email_context, outbox_scope

REGISTRATION_FIELDS = ["name", "email", "municipality", "role", "party_letter", "phone"]
REGISTRATION_FIELDS += ["dietary_needs", "session", "dinner", "comment"]


# How long a registration waits for the meeting's lock (docs/benchmarks.md: how long 300 queue).
LOCK_TIMEOUT = "20s"
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


def settings_for(meeting):
    """The meeting's registration settings, made with the defaults when it has none yet; no
    query when they were read along with the meeting (select_related)."""
    if type(meeting).registration_settings.is_cached(meeting):
        try:
            return meeting.registration_settings
        except RegistrationSettings.DoesNotExist:
            pass
    reg_settings, _ = RegistrationSettings.objects.get_or_create(meeting=meeting)
    reg_settings.meeting = meeting
    return reg_settings


@contextmanager
def seat_lock(meeting, reg_settings=None):
    """`with seat_lock(meeting) as reg_settings:` a transaction holding the meeting's one seat
    lock (its settings row, SELECT ... FOR UPDATE), which every change of a seat at the meeting
    and every mailing takes. On PostgreSQL a wait longer than LOCK_TIMEOUT gives up with Busy
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


# Written out, and its row read by klmeetings.rows: the ORM spent longer building the statement
# and reading the row than PostgreSQL took to run it (docs/benchmarks.md). The meeting's status
# comes along, unlocked, so a meeting cancelled meanwhile is seen as such.
LOCK = "SELECT {columns}, m.status FROM {settings} s JOIN {meeting} m ON m.id = s.meeting_id "
LOCK += "WHERE s.meeting_id = %s"
# lock_timeout is set in the statement that waits for the lock: PostgreSQL evaluates a condition
# on no column once, before the first row is locked. Only the settings row is locked.
POSTGRESQL_LOCK = " AND set_config('lock_timeout', %s, true) IS NOT NULL FOR UPDATE OF s"


def _lock_settings(meeting):
    """The settings row, locked until the transaction ends (a test takes the lock away here).
    SQLite (make run) has no row locks: its writing transactions take turns on the database."""
    sql, params = _lock_statement(connection.vendor), [meeting.pk]
    if connection.vendor == "postgresql":
        params.append(LOCK_TIMEOUT)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise RegistrationSettings.DoesNotExist
    *values, meeting.status = row
    reg_settings = rows.from_row(RegistrationSettings, values)
    reg_settings.meeting = meeting
    return reg_settings


@functools.cache
def _lock_statement(vendor):
    sql = LOCK.format(
        columns=rows.columns(RegistrationSettings, "s"),
        settings=RegistrationSettings._meta.db_table,
        meeting=Meeting._meta.db_table,
    )
    return sql + POSTGRESQL_LOCK if vendor == "postgresql" else sql


FULL = "Mødet er fuldt."
session_full = "Session {0.number} er fuld.".format

# The outcome last given at each (meeting, session) in this worker: a registration renders its
# e-mail for that outcome before the lock, as in a rush nearly every one gets the same (a
# seat, or the waiting list); an e-mail for another is rendered under the lock.
_last_placed = {}


def _place(reg_settings, session, taken):
    """(status, reason) for a registration that would be made now, given the confirmed seats
    `taken` at the meeting and in `session` (by others than the registration itself) and the
    session's seats (_count_and_find)."""
    if reg_settings.capacity is not None and taken["meeting"] >= reg_settings.capacity:
        return Registration.Status.WAITING, FULL
    seats = taken["session_seats"]
    if session is not None and seats is not None and taken["session"] >= seats:
        return Registration.Status.WAITING, session_full(session)
    return Registration.Status.CONFIRMED, ""


# Written out because the ORM spent three times the statement's run time building it, all of
# it while the lock is held (docs/benchmarks.md). The seats are counted in one pass over the
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
    """In one statement under the lock: the confirmed seats taken at the meeting and in
    `session` by others than the address `email` (one registration a meeting has it), the id
    of the registration with that address as "known" (None if new), and `session`'s seats."""
    params = {
        "meeting": reg_settings.meeting_id,
        "confirmed": Registration.Status.CONFIRMED.value,
        "session": session.pk if session is not None else None,
        "email": email,
    }
    tables = {"table": Registration._meta.db_table, "capacities": SessionCapacity._meta.db_table}
    with connection.cursor() as cursor:
        cursor.execute(COUNT_AND_FIND.format(**tables), params)
        meeting, in_session, known, session_seats = cursor.fetchone()
    return {
        "meeting": meeting,
        "session": in_session,
        "known": known,
        "session_seats": session_seats,
    }


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
    for capacity in SessionCapacity.objects.filter(settings=reg_settings):
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
    link instead, and the outcome carries no registration, so the answer cannot tell. An
    invitation (`person`) still changes its own person's registration, nobody else's.

    Before the lock: check eligibility (not for staff: they register whom they decide to) and
    prepare a new registration with its e-mail for the likely outcome. Under the meeting's lock:
    re-check the opening and closing times (staff may pass them; that is logged); place the
    registration: confirmed if the meeting and the chosen session have a seat, otherwise
    waiting with the reason (a confirmed participant who changes to a full session keeps the
    seat they have, and is told so); write it and enqueue its e-mail in the same transaction.
    """
    reg_settings = settings_for(meeting)
    session = data.get("session")
    if session is not None and session.meeting_id != meeting.pk:
        raise RegistrationError("Den valgte session hører ikke til mødet.")
    if staff_user is None:
        error = meeting.eligibility_error(data.get("municipality"), data.get("role", ""))
        if error:
            raise NotEligible(error)
    email = data["email"].strip()
    fresh = Registration(meeting=meeting, source=source, email=email, person=person)
    _fill(fresh, data, person)
    place = (meeting.pk, session.pk if session is not None else None)
    likely = _last_placed.get(place, (Registration.Status.CONFIRMED, ""))
    fresh.status, fresh.waiting_reason = likely
    prepared = confirmation(fresh, created=True)

    with seat_lock(meeting, reg_settings) as reg_settings:
        now = now or timezone.now()
        passed_deadline = not reg_settings.is_open(now)
        if passed_deadline and staff_user is None:
            raise RegistrationClosed("Tilmeldingen er lukket.")
        taken = _count_and_find(reg_settings, session, email)
        known = taken["known"]
        registration = Registration.objects.get(pk=known) if known is not None else None
        if registration is not None and not (change_existing or _belongs_to(registration, person)):
            enqueue_template(
                registration.email,
                "registration_known",
                email_context(registration),
                scope=outbox_scope(meeting),
            )
            return Outcome(None, False, [])
        created = registration is None
        if created:
            registration = fresh
            registration.queued_at = now
        elif registration.status == Registration.Status.CANCELLED:
            registration.queued_at = now
            registration.cancelled_at = None
        was_confirmed = not created and registration.status == Registration.Status.CONFIRMED

        status, reason = _place(reg_settings, session, taken)
        passed_capacity = False
        if status == Registration.Status.WAITING and staff_user is not None and pass_capacity:
            status, reason, passed_capacity = Registration.Status.CONFIRMED, "", True
        elif status == Registration.Status.WAITING and was_confirmed:
            raise RegistrationError(
                f"{reason} Din tilmelding er ikke ændret, og du beholder din plads."
            )
        if not created:
            _fill(registration, data, person)
        if data.get("consent"):
            registration.consent_at = registration.consent_at or now
        if status == Registration.Status.CONFIRMED and not was_confirmed:
            registration.confirmed_at = now
        registration.status, registration.waiting_reason = status, reason
        if created:
            rows.insert(registration)  # the ORM took longer to build the INSERT than to run it
        else:
            registration.save()
        if staff_user is not None and (passed_deadline or passed_capacity):
            StaffOverride.objects.create(
                registration=registration,
                user=staff_user,
                passed_deadline=passed_deadline,
                passed_capacity=passed_capacity,
                note=note,
            )
        if len(_last_placed) > 1000:
            _last_placed.clear()
        _last_placed[place] = (status, reason)
        if not (created and (status, reason) == likely):
            prepared = confirmation(registration, created)
        enqueue(registration.email, *prepared, scope=outbox_scope(meeting))
        # A participant who moved to another session left a seat in the old one.
        promoted = _promote(reg_settings, now) if was_confirmed else []
    return Outcome(registration, created, promoted)


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


def _promote(reg_settings, now):
    """Under the lock: walk the waiting list in order, confirm everyone who now fits, and keep
    each remaining person's reason for waiting up to date."""
    promoted = []
    waiting = (
        Registration.objects.waiting()
        .filter(meeting_id=reg_settings.meeting_id)
        .select_related("session", "meeting")
    )
    for registration in waiting:
        taken = _count_and_find(reg_settings, registration.session, registration.email)
        status, reason = _place(reg_settings, registration.session, taken)
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
        elif reason != registration.waiting_reason:
            registration.waiting_reason = reason
            registration.save(update_fields=["waiting_reason"])
    return promoted
