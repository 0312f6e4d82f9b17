"""SQL queries per page: every public page of the meetings and the admin change pages of a
meeting, a person, an organiser and an outbox message, fetched in-process with Django's test
client. The same pages are counted again after bench.data.multiply(), and must cost the same.
"""

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meetings.demo_seeds import SEEDS
from meetings.models import Meeting, Organiser, Person
from outbox import services as outbox_services
from outbox.models import Message

ADMIN_USERNAME = "bench-admin"


def seed_meetings():
    """The seed meetings by key ("002"), found by their title and start."""
    meetings = {}
    for key, seed in SEEDS.items():
        meeting = Meeting.objects.filter(
            title=seed["meeting"]["title"], starts_at=seed["meeting"]["starts_at"]
        ).first()
        if meeting:
            meetings[key] = meeting
    return meetings


def pages():
    """(group, name, path) of every page counted."""
    meetings = seed_meetings()
    conference = meetings["002"]
    organiser = conference.organiser
    kkr = Organiser.objects.filter(kind=Organiser.Kind.KKR).order_by("pk").first()
    person = Person.objects.filter(signatures__isnull=False).order_by("pk").first()
    message = Message.objects.order_by("pk").first() or outbox_services.enqueue(
        "bench@example.dk", "Benchmark", "Tekst", key="bench:admin-page"
    )
    listed = [
        ("offentlig", "Kommende møder", "/"),
        ("offentlig", "Kommende møder, filter arrangør", f"/?arrangoer={organiser.slug}"),
        ("offentlig", "Kommende møder, filter KKR", f"/?kkr={kkr.slug}"),
        (
            "offentlig",
            f"Arrangørens kalender ({organiser.slug})",
            f"/arrangoerer/{organiser.slug}/kalender.ics",
        ),
    ]
    for key, meeting in sorted(meetings.items()):
        listed += [
            ("offentlig", f"Mødeside, seed {key}", f"/moeder/{meeting.pk}/"),
            ("offentlig", f"Mødets kalender, seed {key}", f"/moeder/{meeting.pk}/kalender.ics"),
        ]
    for key, meeting in sorted(meetings.items()):
        listed.append(
            ("admin", f"Møde, seed {key}", f"/admin/meetings/meeting/{meeting.pk}/change/")
        )
    listed += [
        ("admin", "Person (underskriver)", f"/admin/meetings/person/{person.pk}/change/"),
        (
            "admin",
            f"Arrangør ({organiser.slug})",
            f"/admin/meetings/organiser/{organiser.pk}/change/",
        ),
        ("admin", "E-mail i udbakken", f"/admin/outbox/message/{message.pk}/change/"),
    ]
    return listed


def admin_client():
    user, _ = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def count(client, path):
    """Queries of one request to `path` (a second request, so per-process caches are warm),
    rendered anew: the public page cache is emptied first, since a page served from it runs
    no query at all."""
    client.get(path)
    caches["local"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def count_all():
    """{(group, name): queries} for every page of pages(): public ones as a visitor, admin
    ones as a superuser."""
    clients = {"offentlig": Client(), "admin": admin_client()}
    return {(group, name): count(clients[group], path) for group, name, path in pages()}
