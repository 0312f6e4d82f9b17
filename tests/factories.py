"""The one way the tests make a meeting, in whatever shape a test needs, and what goes with
it: sessions, invitees, an agenda, a registration's form data; and the users: an admin,
staff, a secretariat's member of staff, a committee's member."""

import copy
import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from agendas.services.text_import import import_agenda_text
from meetings.demo import create_seed_meeting
from meetings.demo_seeds import SEEDS
from meetings.models import (
    Meeting,
    Membership,
    Municipality,
    Organiser,
    ParallelSession,
    Person,
    Role,
)
from registrations.models import Invitation, Registration, RegistrationSettings, SessionCapacity
from registrations.services import registration as registration_services
from registrations.services.invitations import create_invitations

ROOT = Path(__file__).resolve().parent.parent
# Seed 003: the agenda of KKR Midtjylland's meeting on 30 August 2021, as text to import.
AGENDA_SEED = ROOT / "agendas" / "data" / "kkr_midtjylland_2021-08-30.txt"
AGENDA_SEED_DAY = datetime.datetime(2021, 8, 30, 10, 0)
DEFAULT = object()


def meeting(
    kind=Meeting.Kind.CONFERENCE,
    *,
    seed=None,
    organiser=None,
    day=None,
    days_ahead=None,
    slug=DEFAULT,
    capacity=None,
    invitees=None,
    agenda=False,
    **fields,
):
    """A meeting; by default an upcoming conference (in 30 days) of KL's Sundheds- og
    Ældreudvalg in Aalborg, open for registration at /tilmeld/sundhedsforum/ until a week
    before it starts.

    - `kind=Meeting.Kind.KKR`: a meeting of KKR Midtjylland in Silkeborg, on the day of seed
      003's agenda (30 August 2021) and without registration, unless told otherwise;
    - `organiser`: an Organiser or its name;
    - `day` (a naive datetime in the portal's time zone) or `days_ahead`: when it starts;
    - `slug`: registration at /tilmeld/`slug`/ (None: no registration);
    - `seed="000"`: seed 000's meeting as `make seed` makes it, or with `days_ahead` moved to
      start that many days from today (nothing else applies);
    - `capacity`: registration settings with that capacity;
    - `invitees=n`: n councillors of Aalborg, and a personal invitation for each politician
      the meeting invites;
    - `agenda=True`: seed 003's agenda imported into it (`meeting.agenda`);
    - published, unless `status=Meeting.Status.DRAFT` (or CANCELLED) says otherwise;
    - every municipality invited, unless `invites_all_municipalities=False` says otherwise;
    - any other Meeting field overrides the default."""
    if seed is not None:
        return seed_meeting(seed, days_ahead)
    kkr = kind == Meeting.Kind.KKR
    organiser = organiser or ("KKR Midtjylland" if kkr else "KL's Sundheds- og Ældreudvalg")
    if isinstance(organiser, str):
        organiser = Organiser.objects.get(name=organiser)
    if day is not None:
        starts_at = timezone.make_aware(day)
    elif kkr and days_ahead is None:
        starts_at = timezone.make_aware(AGENDA_SEED_DAY)
    else:
        starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(
            days=30 if days_ahead is None else days_ahead
        )
    if kkr:
        values = {
            "title": f"Møde i {organiser.name}",
            "ends_at": starts_at + datetime.timedelta(hours=3),
            "venue_name": "Scandic",
            "address": "Udgårdsvej 2, 8600 Silkeborg",
        }
    else:
        values = {
            "title": "Social- og Sundhedspolitisk Forum",
            "ends_at": starts_at + datetime.timedelta(days=1, hours=2),
            "venue_name": "Aalborg Kongres & Kultur Center",
            "address": "Europa Plads 4, 9000 Aalborg",
        }
    slug = (None if kkr else "sundhedsforum") if slug is DEFAULT else slug
    if slug:
        values |= {
            "registration_slug": slug,
            "registration_deadline": starts_at - datetime.timedelta(days=7),
            "contact_name": "Karen Holm",
            "contact_email": "kho@kl.dk",
            "contact_phone": "3370 3370",
        }
    made = Meeting.objects.create(
        organiser=organiser,
        kind=kind,
        **(
            {
                "starts_at": starts_at,
                "status": Meeting.Status.PUBLISHED,
                "invites_all_municipalities": True,
            }
            | values
            | fields
        ),
    )
    if capacity is not None:
        RegistrationSettings.objects.create(meeting=made, capacity=capacity)
    if invitees is not None:
        invite(made, invitees)
    if agenda:
        import_agenda(made)
    return made


def seed_meeting(key, days_ahead=None):
    """Seed `key`'s meeting (made once; the one already made if it exists). Moved by
    `days_ahead`, its slug gets "-kommende", so both copies can exist."""
    seed = copy.deepcopy(SEEDS[key])
    values = seed["meeting"]
    if days_ahead is not None:
        start = timezone.localtime(values["starts_at"])
        shift = datetime.timedelta(days=(timezone.localdate() - start.date()).days + days_ahead)
        for field in ("starts_at", "ends_at", "registration_deadline"):
            if values.get(field):
                values[field] += shift
        if values.get("registration_slug"):
            values["registration_slug"] += "-kommende"
        seed["days"] = [(date + shift, slots) for date, slots in seed.get("days", [])]
    create_seed_meeting(seed)
    return Meeting.objects.get(title=values["title"], starts_at=values["starts_at"])


def session(meeting, number, capacity=None, title=None):
    """Parallel session `number` of `meeting`; with `capacity`, its own limit."""
    made = ParallelSession.objects.create(
        meeting=meeting, number=number, title=title or f"Session nummer {number}"
    )
    if capacity is not None:
        reg_settings, _ = RegistrationSettings.objects.get_or_create(meeting=meeting)
        SessionCapacity.objects.create(settings=reg_settings, session=made, capacity=capacity)
    return made


def import_agenda(into=None):
    """Seed 003's agenda imported into meeting `into` (by default a new KKR meeting); the
    import's result (`.agenda`, `.unplaced`)."""
    return import_agenda_text(
        AGENDA_SEED.read_text(encoding="utf-8"), into or meeting(Meeting.Kind.KKR)
    )


def invite(meeting, count):
    """`count` councillors of Aalborg, then a personal invitation for each politician
    `meeting` invites who has none."""
    aalborg = Municipality.objects.get(name="Aalborg")
    Person.objects.bulk_create(
        Person(
            name=f"Inviteret {number}",
            email=f"inviteret{number}@example.dk",
            role=Role.COUNCILLOR,
            municipality=aalborg,
        )
        for number in range(count)
    )
    create_invitations(meeting)


def invitations(meeting):
    return list(Invitation.objects.filter(meeting=meeting).select_related("person").order_by("pk"))


def tilmeld_form(**overrides):
    """What a mayor types into the public tilmeld form (as POST data)."""
    return {
        "name": "Birgit Hansen",
        "email": "birgit.hansen@example.dk",
        "municipality": str(Municipality.objects.get(name="Frederikshavn").pk),
        "role": Role.MAYOR,
        "consent": "on",
    } | overrides


def registration_data(number=1, **overrides):
    """What a politician fills in (as cleaned form data)."""
    return {
        "name": f"Politiker {number}",
        "email": f"politiker{number}@example.dk",
        "municipality": Municipality.objects.get(name="Aalborg"),
        "role": Role.COUNCILLOR,
        "party_letter": "",
        "phone": "",
        "dietary_needs": "",
        "dinner": False,
        "comment": "",
        "consent": True,
    } | overrides


def register_invitee(invitation, now=None, **overrides):
    """The invitee registers through their personal link."""
    person = invitation.person
    data = registration_data(name=person.name, email=person.email) | overrides
    return registration_services.register(
        invitation.meeting,
        data,
        person=person,
        source=Registration.Source.INVITATION,
        now=now,
    ).registration


# Every user a factory makes logs in with this password.
PASSWORD = "et-langt-kodeord-til-test-42"
SECRETARIAT_APPS = ["meetings", "agendas", "registrations"]


def user(
    username="bruger",
    *,
    organiser=None,
    kind=None,
    staff=False,
    superuser=False,
    permissions=(),
):
    """A user who logs in with PASSWORD. With `organiser` (an Organiser or its name) and
    `kind` (a Membership.Kind) a membership there; `staff` may log in to the admin;
    `permissions` are codenames, or "secretariat" for every permission on meetings, agendas
    and registrations (the secretariat's group in production)."""
    made = get_user_model().objects.create_user(
        username,
        f"{username}@example.dk",
        PASSWORD,
        is_staff=staff or superuser,
        is_superuser=superuser,
    )
    if organiser:
        if isinstance(organiser, str):
            organiser = Organiser.objects.get(name=organiser)
        Membership.objects.create(user=made, organiser=organiser, kind=kind)
    if permissions == "secretariat":
        made.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
        )
    elif permissions:
        made.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    return made


def admin(username="admin"):
    """A superuser: sees and may do everything in the admin."""
    return user(username, superuser=True)


def staff(username="medarbejder", permissions=()):
    """A member of staff who may log in to the admin, with only `permissions`."""
    return user(username, staff=True, permissions=permissions)


def secretary(organiser="KKR Midtjylland", username="sekretaer", permissions="secretariat"):
    """A member of `organiser`'s secretariat: edits its meetings, agendas and registrations in
    the admin (and only its own)."""
    return user(
        username,
        organiser=organiser,
        kind=Membership.Kind.SECRETARIAT,
        staff=True,
        permissions=permissions,
    )


def member(organiser="KKR Midtjylland", username="medlem"):
    """A member of `organiser` (a committee or KKR): reads its closed agenda items."""
    return user(username, organiser=organiser, kind=Membership.Kind.MEMBER)
