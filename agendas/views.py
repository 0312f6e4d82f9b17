"""Public pages of published agendas: the agenda (without closed items), its PDFs, bilag, the
referat. The members' edition (with the closed items) is for the organiser's members and
secretariat only (meetings.access)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from klmeetings.downloads import file_response, stored_file_response
from meetings import access

from .models import Agenda, Attachment
from .services import combined, document, minutes_review
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
    context = document.version_context(agenda, version, PUBLIC)
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


@cache_control(private=True, no_store=True)
def agenda_staff_pdf(request, pk, number=None):
    """The members' PDF: the published version with its closed items."""
    agenda, version = _published(pk, number)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    pdf = document.agenda_pdf(agenda, STAFF, version=version)
    filename = f"dagsorden-{pk}-v{version.number}-fuld.pdf"
    return file_response(pdf, "application/pdf", filename, inline=True)


def agenda_combined_pdf(request, pk):
    """The samlet dagsorden: the latest published version with its public bilag in one PDF."""
    agenda, version = _published(pk)
    pdf = combined.combined_pdf(agenda, PUBLIC, version)
    filename = f"dagsorden-{pk}-v{version.number}-samlet.pdf"
    return file_response(pdf, "application/pdf", filename, inline=True)


@cache_control(private=True, no_store=True)
def agenda_members_combined_pdf(request, pk):
    """The members' samlet dagsorden: with the closed items and their bilag."""
    agenda, version = _published(pk)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    pdf = combined.combined_pdf(agenda, STAFF, version)
    filename = f"dagsorden-{pk}-v{version.number}-samlet-fuld.pdf"
    return file_response(pdf, "application/pdf", filename, inline=True)


@cache_control(private=True, no_store=True)
def agenda_members(request, pk):
    """The members' page: the latest published version with its closed items, marked."""
    agenda, version = _published(pk)
    if refusal := access.refuse_closed(request, agenda.meeting):
        return refusal
    context = document.version_context(agenda, version, STAFF)
    context.update(agenda=agenda, current=version)
    return render(request, "agendas/agenda_members.html", context)


@login_required
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


COMMENT_MAX_LENGTH = 5000


@login_required
@cache_control(private=True, no_store=True)
def minutes_review_page(request, pk):
    """A member reads the referat sent til godkendelse (with closed items) and approves it or
    comments; only the meeting's members, and only while it awaits approval."""
    agenda = get_object_or_404(Agenda.objects.public().select_related("meeting__organiser"), pk=pk)
    if not access.is_member(request.user, agenda.meeting):
        raise PermissionDenied("Kun mødets medlemmer godkender referatet.")
    if not agenda.minutes_sent_for_approval_at or agenda.minutes_approved_at:
        raise Http404("Referatet venter ikke på godkendelse.")
    response_row = agenda.minutes_responses.filter(user=request.user).first()
    error = ""
    if request.method == "POST":
        comment = request.POST.get("comment", "")
        approve = request.POST.get("answer") == "approve"
        if len(comment) > COMMENT_MAX_LENGTH:
            error = f"Bemærkningen må højst være {COMMENT_MAX_LENGTH} tegn."
        elif not approve and not comment.strip():
            error = "Skriv en bemærkning, eller godkend referatet."
        else:
            try:
                minutes_review.respond(agenda, request.user, approve=approve, comment=comment)
            except ValidationError as refusal:
                error = refusal.messages[0]
            else:
                messages.success(
                    request, "Du har godkendt referatet." if approve else "Din bemærkning er sendt."
                )
                return redirect("agendas:minutes_review", agenda.pk)
    context = document.document_context(
        document.build_document(agenda, minutes=True),
        STAFF,
        title="Referat til godkendelse",
        hidden=document.closed_now([agenda.pk])[agenda.pk],
    )
    context.update(
        agenda=agenda,
        response_row=response_row,
        error=error,
        comment=request.POST.get("comment", response_row.comment if response_row else ""),
    )
    return render(request, "agendas/minutes_review.html", context)
