"""Shared by the politician's-path tests (issue 16): a coming KKR meeting with its published
agenda of seed 003, an approved referat and a public bilag."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agendas.models import Attachment, Item
from agendas.services.document import build_document
from agendas.services.publishing import publish_agenda
from klmeetings.documents import render_html_to_pdf
from meetings.models import Meeting
from tests import factories


def small_pdf(title="Debatoplæg"):
    return render_html_to_pdf(
        f'<html lang="da"><head><title>{title}</title></head><body><p>{title}</p></body></html>'
    )


def meeting_with_agenda(days_ahead=20):
    """A coming KKR meeting whose agenda is published with a bilag on item 4 and whose
    referat is approved; the agenda."""
    agenda = factories.meeting(Meeting.Kind.KKR, days_ahead=days_ahead, agenda=True).agenda
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
