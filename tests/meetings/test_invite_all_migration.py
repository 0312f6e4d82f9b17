"""Migration meetings 0009: a meeting stored with no invited municipality meant every one, and
now says so with its flag; one that named some keeps them (and back again when reversed)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0008_merge_0007_meeting_status_in_english_0007_person_user")]
AFTER = [("meetings", "0009_meeting_invites_all_municipalities")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def stored():
    """{title: (flag, invited municipalities)} as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.title, m.invites_all_municipalities, count(i.id) FROM meetings_meeting m "
            "LEFT JOIN meetings_meeting_invited_municipalities i ON i.meeting_id = m.id "
            "GROUP BY m.id ORDER BY m.title"
        )
        return {title: (flag, count) for title, flag, count in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_nobody_chosen_becomes_everyone_invited_and_back():
    old = migrate(BEFORE)
    Meeting = old.get_model("meetings", "Meeting")
    organiser = old.get_model("meetings", "Organiser").objects.get(name="KKR Midtjylland")
    viborg = old.get_model("meetings", "Municipality").objects.get(name="Viborg")
    starts = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
    for title in ("Alle", "Viborg"):
        meeting = Meeting.objects.create(
            organiser=organiser, kind="kkr", title=title, starts_at=starts, ends_at=starts
        )
    meeting.invited_municipalities.set([viborg])
    try:
        new = migrate(AFTER)
        assert stored() == {"Alle": (True, 0), "Viborg": (False, 1)}
        # a meeting the new admin saved with everyone ticked and, stale, a list beside it
        everyone = new.get_model("meetings", "Meeting").objects.get(title="Alle")
        everyone.invited_municipalities.set([viborg.pk])
        migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT m.title, count(i.id) FROM meetings_meeting m LEFT JOIN "
                "meetings_meeting_invited_municipalities i ON i.meeting_id = m.id GROUP BY m.id"
            )
            assert dict(cursor.fetchall()) == {"Alle": 0, "Viborg": 1}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
