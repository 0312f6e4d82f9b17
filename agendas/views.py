"""Public pages of published agendas: the agenda (without closed items), its PDFs, bilag, the
referat. The members' edition (page and PDF with the
closed items) is for the organiser's members and secretariat only (meetings.access)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy

from klmeetings.downloads import file_response, stored_file_response
from meetings import access

from .models import Agenda, Attachment
from .services import document
from .services.document import PUBLIC, STAFF
from .services.publishing import compare_versions


def _published(pk, number=None):
    agendas = Agenda.objects.public().select_related("meeting__organiser")
    agenda = get_object_or_404(agendas, pk=pk)
    if number:
        version = get_object_or_404(agenda.versions, number=number)
    else:
        version = agenda.latest_version()
    if version is None:
        raise Http404("Dagsordenen er ikke offentliggjort.")
    return agenda, version


def agenda_list(request):
    """Every published agenda, newest meeting first."""
    agendas = (
        Agenda.objects.public()
        .filter(versions__isnull=False)
        .distinct()
        .select_related("meeting__organiser")
        .annotate(latest=Max("versions__number"))
        .order_by("-meeting__starts_at")
    )
    return render(request, "agendas/agenda_list.html", {"agendas": agendas})


def agenda_detail(request, pk, number=None):
    agenda, version = _published(pk, number)
    context = document.document_context(
        version.document,
        PUBLIC,
        title=version.label,
        version=version.number,
        changes=version.changes,
        hidden=document.closed_now([agenda.pk])[agenda.pk],
    )
    context.update(
        agenda=agenda,
        current=version,
        versions=list(agenda.versions.order_by("number").only("number", "published_at", "agenda")),
    )
    context["latest"] = context["versions"][-1].number
    return render(request, "agendas/agenda_detail.html", context)


def agenda_compare(request, pk, number):
    """Version `number` beside the one before it: only the items that changed."""
    agenda, version = _published(pk, number)
    previous = agenda.versions.filter(number=number - 1).first()
    if previous is None:
        raise Http404("Der er ingen tidligere version at sammenligne med.")
    hidden = document.closed_now([agenda.pk])[agenda.pk]
    context = document.document_context(
        version.document, PUBLIC, title=version.label, version=number,
        changes=version.changes, hidden=hidden,
    )  # fmt: skip
    context.update(
        agenda=agenda,
        current=version,
        previous=previous,
        pairs=compare_versions(previous.document, version.document, hidden=hidden),
    )
    return render(request, "agendas/agenda_compare.html", context)


def agenda_pdf(request, pk, number=None):
    agenda, version = _published(pk, number)
    pdf = document.agenda_pdf(agenda, PUBLIC, version=version)
    filename = f"dagsorden-{pk}-v{version.number}.pdf"
    return file_response(pdf, "application/pdf", filename, inline=True)


def agenda_staff_pdf(request, pk, number=None):
    """The members' PDF: the published version with its closed items."""
    agenda, version = _published(pk, number)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    pdf = document.agenda_pdf(agenda, STAFF, version=version)
    filename = f"dagsorden-{pk}-v{version.number}-fuld.pdf"
    response = file_response(pdf, "application/pdf", filename, inline=True)
    response["Cache-Control"] = "private, no-store"
    return response


def agenda_members(request, pk):
    """The members' page: the latest published version with its closed items, marked."""
    agenda, version = _published(pk)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    context = document.document_context(
        version.document, STAFF, title=version.label, version=version.number,
        changes=version.changes, hidden=document.closed_now([agenda.pk])[agenda.pk],
    )  # fmt: skip
    context.update(agenda=agenda, current=version)
    response = render(request, "agendas/agenda_members.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required(login_url=reverse_lazy("meetings:login"))
def members_list(request):
    """The published agendas whose closed items the logged-in user may read."""
    agendas = (
        Agenda.objects.filter(versions__isnull=False)
        .distinct()
        .select_related("meeting__organiser")
        .order_by("-meeting__starts_at")
    )
    if not access.is_administrator(request.user):
        agendas = agendas.filter(
            access.held_by(access.reader_organiser_ids(request.user), "meeting__")
        )
    return render(request, "agendas/members_list.html", {"agendas": agendas})


def minutes_pdf(request, pk):
    agendas = Agenda.objects.public()
    agenda = get_object_or_404(agendas, pk=pk, minutes_approved_at__isnull=False)
    pdf = document.minutes_pdf(agenda, PUBLIC)
    return file_response(pdf, "application/pdf", f"referat-{pk}.pdf", inline=True)


def attachment(request, pk):
    """A bilag, only when it is part of the latest published version and not closed."""
    public = Attachment.objects.filter(item__agenda__in=Agenda.objects.public())
    bilag = get_object_or_404(public.select_related("item__agenda__meeting"), pk=pk)
    if not document.attachment_is_published(bilag, PUBLIC):
        raise Http404("Bilaget er ikke offentligt.")
    return stored_file_response(bilag.file)


def members_attachment(request, pk):
    """A bilag of the latest published version, closed items' too, for those who may read
    them; the same 404 as the public one for a bilag that was never published."""
    bilag = get_object_or_404(Attachment.objects.select_related("item__agenda__meeting"), pk=pk)
    agenda = bilag.item.agenda
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    if not document.attachment_is_published(bilag, STAFF):
        raise Http404("Bilaget er ikke offentliggjort.")
    return stored_file_response(bilag.file, members_only=True)
