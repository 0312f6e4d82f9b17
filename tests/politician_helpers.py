"""Shared by the politician's-path tests (issue 16): a coming KKR meeting with its published
agenda of seed 003, an approved referat and a public bilag."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agendas.models import Attachment, Item
from agendas.services.document import build_document
from agendas.services.publishing import publish_agenda
from klmeetings.documents import render_html_to_pdf

from .agenda_helpers import import_seed, make_meeting


def small_pdf(title="Debatoplæg"):
    return render_html_to_pdf(
        f'<html lang="da"><head><title>{title}</title></head><body><p>{title}</p></body></html>'
    )


def meeting_with_agenda(days_ahead=20):
    """A coming KKR meeting whose agenda is published with a bilag on item 4 and whose
    referat is approved; the agenda."""
    day = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0, tzinfo=None)
    meeting = make_meeting(day=day + datetime.timedelta(days=days_ahead))
    agenda = import_seed(meeting).agenda
    item = Item.objects.get(agenda=agenda, title="Udpegninger")
    Attachment.objects.create(
        item=item,
        title="Oversigt over udpegninger",
        file=SimpleUploadedFile("oversigt.pdf", small_pdf(), content_type="application/pdf"),
    )
    publish_agenda(agenda)
    agenda.minutes_document = build_document(agenda, minutes=True)
    agenda.minutes_approved_at = timezone.now()
    agenda.save(update_fields=["minutes_document", "minutes_approved_at"])
    agenda.refresh_from_db()
    return agenda
