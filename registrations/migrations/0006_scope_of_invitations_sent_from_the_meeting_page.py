"""Invitations and reminders sent from the meeting's page were written to the outbox without
the meeting's scope, so the persondata page did not show, export or erase them; the key
("mailing:<meeting>:<mailing>:<recipient>") says which meeting they belong to."""

from django.db import migrations


def scope_from_key(apps, schema_editor):
    Message = apps.get_model("outbox", "Message")
    unscoped = Message.objects.filter(scope="", key__startswith="mailing:")
    for message in unscoped.only("key").iterator():
        meeting = message.key.split(":")[1]
        if meeting.isdigit():
            Message.objects.filter(pk=message.pk).update(scope=f"meeting:{meeting}")


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0005_one_deadline"),
        ("outbox", "0002_message_scope"),
    ]

    operations = [migrations.RunPython(scope_from_key, migrations.RunPython.noop)]
