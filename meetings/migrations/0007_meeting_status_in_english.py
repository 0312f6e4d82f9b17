"""Meeting.status stored in English (draft, published, cancelled) like Registration's, its
labels still Danish; and a draft by default, so every way of making a meeting makes a draft."""

from django.db import migrations, models

DANISH_TO_ENGLISH = {"kladde": "draft", "offentliggjort": "published", "aflyst": "cancelled"}


def to_english(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for danish, english in DANISH_TO_ENGLISH.items():
        Meeting.objects.filter(status=danish).update(status=english)


def to_danish(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for danish, english in DANISH_TO_ENGLISH.items():
        Meeting.objects.filter(status=english).update(status=danish)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_meeting_status"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Kladde"),
                    ("published", "Offentliggjort"),
                    ("cancelled", "Aflyst"),
                ],
                db_index=True,
                default="draft",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(to_english, to_danish),
    ]
