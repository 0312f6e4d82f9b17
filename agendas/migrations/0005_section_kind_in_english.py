"""Section.kind stored in English (background, recommendation, case_presentation, decision,
other), its labels still Danish: in the sections, their history, and the frozen documents of
published versions and approved referater, so a version published before compares equal to
the same agenda published after."""

from django.db import migrations, models

DANISH_TO_ENGLISH = {
    "baggrund": "background",
    "indstilling": "recommendation",
    "sagsfremstilling": "case_presentation",
    "beslutning": "decision",
    "andet": "other",
}
CHOICES = [
    ("background", "Baggrund"),
    ("recommendation", "Indstilling"),
    ("case_presentation", "Sagsfremstilling"),
    ("decision", "Beslutning"),
    ("other", "Anden overskrift"),
]


def _renamed(document, names):
    if document:
        for item in document.get("items", []):
            for section in item.get("sections", []):
                section["kind"] = names.get(section.get("kind"), section.get("kind"))
    return document


def _rename(apps, names):
    for model in ("Section", "HistoricalSection"):
        rows = apps.get_model("agendas", model).objects
        for old, new in names.items():
            rows.filter(kind=old).update(kind=new)
    for version in apps.get_model("agendas", "AgendaVersion").objects.all():
        version.document = _renamed(version.document, names)
        version.save(update_fields=["document"])
    Agenda = apps.get_model("agendas", "Agenda")
    for agenda in Agenda.objects.exclude(minutes_document=None):
        agenda.minutes_document = _renamed(agenda.minutes_document, names)
        agenda.save(update_fields=["minutes_document"])


def to_english(apps, schema_editor):
    _rename(apps, DANISH_TO_ENGLISH)


def to_danish(apps, schema_editor):
    _rename(apps, {english: danish for danish, english in DANISH_TO_ENGLISH.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0004_closed_record"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalsection",
            name="kind",
            field=models.CharField(choices=CHOICES, max_length=20, verbose_name="afsnit"),
        ),
        migrations.AlterField(
            model_name="section",
            name="kind",
            field=models.CharField(choices=CHOICES, max_length=20, verbose_name="afsnit"),
        ),
        migrations.RunPython(to_english, to_danish),
    ]
