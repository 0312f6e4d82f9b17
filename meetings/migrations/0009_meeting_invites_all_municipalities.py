from django.db import migrations, models


def empty_meant_everyone(apps, schema_editor):
    """Until now a meeting with no invited municipality invited every one: say so."""
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(invited_municipalities=None).update(invites_all_municipalities=True)


def everyone_was_empty(apps, schema_editor):
    """Back to the old reading: every municipality invited is no municipality chosen."""
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.filter(invites_all_municipalities=True):
        meeting.invited_municipalities.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_merge_0007_meeting_status_in_english_0007_person_user"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="invites_all_municipalities",
            field=models.BooleanField(
                default=False, verbose_name="alle landets kommuner inviteret"
            ),
        ),
        migrations.RunPython(empty_meant_everyone, everyone_was_empty),
    ]
