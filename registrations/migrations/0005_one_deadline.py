"""One deadline: a meeting's registration closes at `Meeting.registration_deadline`. Where the
registration settings had a closing time of their own, it becomes the meeting's deadline."""

from django.db import migrations


def closing_time_to_deadline(apps, schema_editor):
    settings = apps.get_model("registrations", "RegistrationSettings")
    meetings = apps.get_model("meetings", "Meeting")
    for meeting_id, closes_at in settings.objects.exclude(closes_at=None).values_list(
        "meeting_id", "closes_at"
    ):
        meetings.objects.filter(pk=meeting_id).update(registration_deadline=closes_at)


def deadline_to_closing_time(apps, schema_editor):
    """Back: each closing time is the meeting's deadline again (which it already keeps)."""


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_meeting_status"),
        ("registrations", "0004_secret_digest_field"),
    ]

    operations = [
        migrations.RunPython(closing_time_to_deadline, deadline_to_closing_time),
        migrations.RemoveField(model_name="registrationsettings", name="closes_at"),
    ]
