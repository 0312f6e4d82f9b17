"""Public pages of published agendas: the agenda (without closed items), its PDFs, bilag, the
referat, and a search across published agendas. The members' edition (page and PDF with the
closed items) is for the organiser's members and secretariat only (meetings.access)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy

from meetings import access

from . import services
from .models import Agenda, AgendaVersion, Attachment


def _published(pk, number=None):
    agenda = get_object_or_404(Agenda.objects.select_related("meeting__organiser"), pk=pk)
    versions = agenda.versions.all()
    version = (
        get_object_or_404(versions, number=number)
        if number
        else versions.order_by("-number").first()
    )
    if version is None:
        raise Http404("Dagsordenen er ikke offentliggjort.")
    return agenda, version


def agenda_list(request):
    """Every published agenda, newest meeting first."""
    agendas = (
        Agenda.objects.filter(versions__isnull=False)
        .distinct()
        .select_related("meeting__organiser")
        .annotate(latest=Max("versions__number"))
        .order_by("-meeting__starts_at")
    )
    return render(request, "agendas/agenda_list.html", {"agendas": agendas})


def agenda_detail(request, pk, number=None):
    agenda, version = _published(pk, number)
    context = services.document_context(
        version.document,
        services.PUBLIC,
        title=version.label,
        version=version.number,
        changes=version.changes,
        hidden=services.closed_now([agenda.pk])[agenda.pk],
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
    hidden = services.closed_now([agenda.pk])[agenda.pk]
    context = services.document_context(
        version.document, services.PUBLIC, title=version.label, version=number,
        changes=version.changes, hidden=hidden,
    )  # fmt: skip
    context.update(
        agenda=agenda,
        current=version,
        previous=previous,
        pairs=services.compare_versions(previous.document, version.document, hidden=hidden),
    )
    return render(request, "agendas/agenda_compare.html", context)


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def agenda_pdf(request, pk, number=None):
    agenda, version = _published(pk, number)
    pdf = services.agenda_pdf(agenda, services.PUBLIC, version=version)
    return _pdf_response(pdf, f"dagsorden-{pk}-v{version.number}.pdf")


def agenda_staff_pdf(request, pk, number=None):
    """The members' PDF: the published version with its closed items."""
    agenda, version = _published(pk, number)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    pdf = services.agenda_pdf(agenda, services.STAFF, version=version)
    response = _pdf_response(pdf, f"dagsorden-{pk}-v{version.number}-fuld.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


def agenda_members(request, pk):
    """The members' page: the latest published version with its closed items, marked."""
    agenda, version = _published(pk)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    context = services.document_context(
        version.document, services.STAFF, title=version.label, version=version.number,
        changes=version.changes,
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
    agenda = get_object_or_404(Agenda, pk=pk, minutes_approved_at__isnull=False)
    return _pdf_response(services.minutes_pdf(agenda, services.PUBLIC), f"referat-{pk}.pdf")


def attachment(request, pk):
    """A bilag, only when it is part of the latest published version and not closed."""
    bilag = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    version = (
        AgendaVersion.objects.filter(agenda_id=bilag.item.agenda_id).order_by("-number").first()
    )
    hidden = services.closed_now([bilag.item.agenda_id])[bilag.item.agenda_id]
    public = services.for_audience(version.document, services.PUBLIC, hidden) if version else None
    if not public or not any(
        a["id"] == bilag.pk for item in public["items"] for a in item["attachments"]
    ):
        raise Http404("Bilaget er ikke offentligt.")
    return FileResponse(bilag.file.open("rb"), filename=bilag.file.name.rsplit("/", 1)[-1])


def members_attachment(request, pk):
    """A bilag of the latest published version, closed items' too, for those who may read
    them; the same 404 as the public one for a bilag that was never published."""
    bilag = get_object_or_404(Attachment.objects.select_related("item__agenda__meeting"), pk=pk)
    agenda = bilag.item.agenda
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    version = agenda.versions.order_by("-number").first()
    items = version.document["items"] if version else []
    if not any(a["id"] == bilag.pk for item in items for a in item["attachments"]):
        raise Http404("Bilaget er ikke offentliggjort.")
    response = FileResponse(bilag.file.open("rb"), filename=bilag.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


def search(request):
    query = request.GET.get("q", "")[:200]
    results = services.search_agendas(query) if query.strip() else []
    return render(request, "agendas/search.html", {"query": query, "results": results})
