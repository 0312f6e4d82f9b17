"""The agenda's documents of a meeting, as agendas contributes them to meetings' export
(`AgendaParts.documents`): the dagsorden and the referat, each public and for members,
as PDF and as Word."""

from meetings.services import document_filename

from ..models import Agenda, Section
from .document import PUBLIC, STAFF, agenda_pdf, minutes_pdf
from .docx_export import agenda_docx, minutes_docx


def meeting_documents(meeting):
    """[(filename, bytes)]: nothing for a meeting without an agenda with items; the
    referat only once there is a decision or an approved referat."""
    agenda = Agenda.objects.filter(meeting=meeting).first()
    if agenda is None or not agenda.items.exists():
        return []
    documents = [
        (document_filename(meeting, "dagsorden"), agenda_pdf(agenda, PUBLIC)),
        (document_filename(meeting, "dagsorden-medlemmer"), agenda_pdf(agenda, STAFF)),
        (_word(meeting, "dagsorden"), agenda_docx(agenda, PUBLIC)),
        (_word(meeting, "dagsorden-medlemmer"), agenda_docx(agenda, STAFF)),
    ]
    has_minutes = (
        agenda.minutes_document
        or Section.objects.filter(item__agenda=agenda, kind=Section.Kind.DECISION).exists()
    )
    if has_minutes:
        documents += [
            (document_filename(meeting, "referat"), minutes_pdf(agenda, PUBLIC)),
            (document_filename(meeting, "referat-medlemmer"), minutes_pdf(agenda, STAFF)),
            (_word(meeting, "referat"), minutes_docx(agenda, PUBLIC)),
            (_word(meeting, "referat-medlemmer"), minutes_docx(agenda, STAFF)),
        ]
    return documents


def _word(meeting, document):
    return document_filename(meeting, document).removesuffix(".pdf") + ".docx"
