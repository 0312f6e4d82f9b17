"""Public pages of published agendas: the agenda (without closed items), its PDFs, bilag, the
referat, and a search across published agendas. Staff get the full PDF as well."""

from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

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


@staff_member_required
def agenda_staff_pdf(request, pk, number=None):
    agenda, version = _published(pk, number)
    pdf = services.agenda_pdf(agenda, services.STAFF, version=version)
    return _pdf_response(pdf, f"dagsorden-{pk}-v{version.number}-fuld.pdf")


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


def search(request):
    query = request.GET.get("q", "")[:200]
    results = services.search_agendas(query) if query.strip() else []
    return render(request, "agendas/search.html", {"query": query, "results": results})
