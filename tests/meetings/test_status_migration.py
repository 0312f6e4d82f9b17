"""Migration meetings 0007: the meetings stored with Danish states keep their state, now
stored in English (and back again when the migration is reversed)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0006_meeting_status")]
AFTER = [("meetings", "0007_meeting_status_in_english")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def stored_states():
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, status FROM meetings_meeting ORDER BY title")
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_danish_states_become_english_and_back():
    old = migrate(BEFORE)
    Meeting = old.get_model("meetings", "Meeting")
    organiser = old.get_model("meetings", "Organiser").objects.get(name="KKR Midtjylland")
    starts = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
    for status in ("kladde", "offentliggjort", "aflyst"):
        Meeting.objects.create(
            organiser=organiser,
            kind="kkr",
            title=f"Møde ({status})",
            status=status,
            starts_at=starts,
            ends_at=starts,
        )
    try:
        migrate(AFTER)
        assert stored_states() == {
            "Møde (aflyst)": "cancelled",
            "Møde (kladde)": "draft",
            "Møde (offentliggjort)": "published",
        }
        migrate(BEFORE)
        assert set(stored_states().values()) == {"kladde", "offentliggjort", "aflyst"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
