"""Demo data of registration: an upcoming conference built from seed 002 (KL's Social- og
Sundhedspolitisk Forum), open at /tilmeld/demo-konference/, with the seed's whole programme and
its seven parallel sessions, small capacities, an evening event, and a few registrations so
that the waiting list can be seen.

The conference is dated some weeks after the first run and then left where it is: a second run
finds it by its slug and changes nothing. The seed meetings keep their own (past) dates, so
their tilmeld pages say that registration is closed.
"""

import datetime
import zoneinfo

from django.utils import timezone

from klmeetings import demo
from meetings.models import Meeting, Municipality, Organiser, Role
from meetings.services import copy_programme

from .models import Registration, RegistrationSettings, SessionCapacity
from .services.registration import register

SLUG = "demo-konference"
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")

# The demo conference copies the programme of seed 002 (meetings/demo_seeds.py).
SEED_TITLE = "Social- og Sundhedspolitisk Forum 2022"
SESSION_CAPACITY = 3
MEETING_CAPACITY = 12

# Demo participants: (name, municipality, role, party, session number).
PARTICIPANTS = [
    ("Villy Søvndal", "Kolding", Role.COMMITTEE_CHAIR, "F", 5),
    ("Christian Budde", "Aarhus", Role.ALDERMAN, "V", 1),
    ("Maja Højgaard", "Brøndby", Role.COMMITTEE_CHAIR, "A", 3),
    ("Stefan Lydal", "Sønderborg", Role.COMMITTEE_CHAIR, "O", 3),
    ("Birgit Hansen", "Frederikshavn", Role.MAYOR, "A", 3),
    ("Anne Mette Kjær", "Viborg", Role.COUNCILLOR, "C", 3),
    ("Jens Peter Holm", "Herning", Role.COUNCILLOR, "V", 3),
    ("Lise Bach", "Odense", Role.COUNCILLOR, "B", 2),
]


def _first_tuesday_weeks_ahead(weeks=6):
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=COPENHAGEN)


@demo.loader
def load():
    meeting = Meeting.objects.filter(registration_slug=SLUG).first()
    created = meeting is None
    if created:
        day = _first_tuesday_weeks_ahead()
        meeting = Meeting.objects.create(
            registration_slug=SLUG,
            organiser=Organiser.objects.get(name="KL's Sundheds- og Ældreudvalg"),
            kind=Meeting.Kind.CONFERENCE,
            status=Meeting.Status.PUBLISHED,
            title="Social- og Sundhedspolitisk Forum",
            starts_at=_at(day, 10),
            ends_at=_at(day + datetime.timedelta(days=1), 12),
            venue_name="Aalborg Kongres & Kultur Center",
            address="Europa Plads 4, 9000 Aalborg",
            invited_text="kommunalpolitikere med ansvar for social- og sundhedsområdet",
            only_for_politicians=True,
            invites_all_municipalities=True,
            registration_deadline=_at(day - datetime.timedelta(days=14), 12),
            contact_name="Karen Holm",
            contact_email="kho@kl.dk",
            contact_phone="3370 3370",
        )
    reg_settings, _ = RegistrationSettings.objects.get_or_create(
        meeting=meeting,
        defaults={
            "capacity": MEETING_CAPACITY,
            "session_mode": "required",
            "dinner_label": "Aftenarrangement – middag og underholdning kl. 19.30",
        },
    )
    if created:
        copy_programme(Meeting.objects.get(title=SEED_TITLE), meeting)
    for session in meeting.sessions.all():
        SessionCapacity.objects.get_or_create(
            session=session, defaults={"settings": reg_settings, "capacity": SESSION_CAPACITY}
        )
    added = 0
    if not Registration.objects.filter(meeting=meeting).exists():
        for number, (name, place, role, party, session_number) in enumerate(PARTICIPANTS):
            register(
                meeting,
                {
                    "name": name,
                    "email": f"demo{number + 1}@example.dk",
                    "municipality": Municipality.objects.get(name=place),
                    "role": role,
                    "party_letter": party,
                    "session": meeting.sessions.get(number=session_number),
                    "dinner": number % 2 == 0,
                    "consent": True,
                },
            )
            added += 1
    waiting = Registration.objects.waiting().filter(meeting=meeting).count()
    return (
        f"demokonference {'oprettet' if created else 'findes'} på /tilmeld/{SLUG}/, "
        f"{added} tilmeldinger tilføjet, {waiting} på venteliste"
    )
