"""Migration agendas 0005: sections stored with Danish kinds keep their kind, now stored in
English, in the rows, their history and the frozen documents of published versions (and
back again when the migration is reversed)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("agendas", "0004_closed_record")]
AFTER = [("agendas", "0005_section_kind_in_english")]


def migrate(targets):
    """The models as they stand with agendas at `targets` and the other apps at their latest."""
    MigrationExecutor(connection).migrate(targets)
    graph = MigrationExecutor(connection).loader
    # mypages is built on agendas: it goes back with it
    others = [node for node in graph.graph.leaf_nodes() if node[0] not in ("agendas", "mypages")]
    return graph.project_state(targets + others).apps


def document(kind):
    return {"items": [{"id": 1, "sections": [{"id": 1, "kind": kind, "html": "<p>x</p>"}]}]}


@pytest.mark.django_db(transaction=True)
def test_danish_section_kinds_become_english_and_back():
    old = migrate(BEFORE)
    try:
        starts = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
        meeting = old.get_model("meetings", "Meeting").objects.create(
            organiser=old.get_model("meetings", "Organiser").objects.get(name="KKR Midtjylland"),
            kind="kkr",
            title="Møde i KKR Midtjylland",
            starts_at=starts,
            ends_at=starts,
        )
        agenda = old.get_model("agendas", "Agenda").objects.create(
            meeting=meeting, minutes_document=document("beslutning")
        )
        item = old.get_model("agendas", "Item").objects.create(agenda=agenda, title="Orientering")
        Section = old.get_model("agendas", "Section")
        for position, kind in enumerate(["baggrund", "indstilling", "sagsfremstilling", "andet"]):
            Section.objects.create(item=item, kind=kind, position=position, title="Andet")
        old.get_model("agendas", "HistoricalSection").objects.create(
            id=1,
            item_id=item.pk,
            kind="beslutning",
            position=0,
            history_date=starts,
            history_type="+",
        )
        old.get_model("agendas", "AgendaVersion").objects.create(
            agenda=agenda, number=1, document=document("indstilling")
        )
        new = migrate(AFTER)
        kinds = list(new.get_model("agendas", "Section").objects.values_list("kind", flat=True))
        assert kinds == ["background", "recommendation", "case_presentation", "other"]
        history = new.get_model("agendas", "HistoricalSection").objects.get()
        assert history.kind == "decision"
        version = new.get_model("agendas", "AgendaVersion").objects.get()
        assert version.document == document("recommendation")
        agenda = new.get_model("agendas", "Agenda").objects.get()
        assert agenda.minutes_document == document("decision")

        old = migrate(BEFORE)
        kinds = list(old.get_model("agendas", "Section").objects.values_list("kind", flat=True))
        assert kinds == ["baggrund", "indstilling", "sagsfremstilling", "andet"]
        version = old.get_model("agendas", "AgendaVersion").objects.get()
        assert version.document == document("indstilling")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
