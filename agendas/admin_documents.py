"""The agenda's documents as the secretariat downloads them from the admin: the dagsorden
(members' or public edition) and the referat, as PDF or Word, from the draft before
publishing or the latest published version after."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from klmeetings.downloads import file_response

from .models import Agenda
from .services import document, docx_export

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AUDIENCES = {"fuld": document.STAFF, "offentlig": document.PUBLIC}


def links(agenda):
    """(url, label) of every document of `agenda`, for its admin page."""
    pdf, word = "admin:agendas_agenda_pdf", "admin:agendas_agenda_word"
    return [
        (reverse(pdf, args=[agenda.pk, "fuld"]), "PDF til medlemmer"),
        (reverse(pdf, args=[agenda.pk, "offentlig"]), "Offentlig PDF"),
        (reverse("admin:agendas_agenda_minutes_pdf", args=[agenda.pk]), "Referat (PDF)"),
        (reverse(word, args=[agenda.pk, "dagsorden", "fuld"]), "Word til medlemmer"),
        (reverse(word, args=[agenda.pk, "dagsorden", "offentlig"]), "Offentlig Word"),
        (reverse(word, args=[agenda.pk, "referat", "fuld"]), "Referat (Word)"),
    ]


def _agenda(model_admin, request, pk):
    agenda = get_object_or_404(Agenda, pk=pk)
    return agenda if model_admin.has_view_permission(request, agenda) else None


def pdf_view(model_admin, request, pk, audience):
    """The dagsorden as it stands now, before publishing."""
    agenda = _agenda(model_admin, request, pk)
    if agenda is None or audience not in AUDIENCES:
        return HttpResponse(status=403 if agenda is None else 404)
    pdf = document.agenda_pdf(agenda, AUDIENCES[audience], version="draft")
    return file_response(pdf, "application/pdf", f"dagsorden-{pk}-{audience}.pdf", inline=True)


def minutes_pdf_view(model_admin, request, pk):
    agenda = _agenda(model_admin, request, pk)
    if agenda is None:
        return HttpResponse(status=403)
    pdf = document.minutes_pdf(agenda, document.STAFF)
    return file_response(pdf, "application/pdf", f"referat-{pk}.pdf", inline=True)


def word_view(model_admin, request, pk, kind, audience):
    """The dagsorden or the referat in Word, for members and municipalities who ask for it."""
    agenda = _agenda(model_admin, request, pk)
    if agenda is None:
        return HttpResponse(status=403)
    make = {"dagsorden": docx_export.agenda_docx, "referat": docx_export.minutes_docx}.get(kind)
    if make is None or audience not in AUDIENCES:
        return HttpResponse(status=404)
    content = make(agenda, AUDIENCES[audience])
    return file_response(content, WORD, f"{kind}-{pk}-{audience}.docx")
