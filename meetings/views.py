"""Public pages about meetings: the coming meetings, a meeting with its programme, its
invitation and programme as PDFs, the meetings as calendar files, and the search page."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from klmeetings.downloads import file_response
from klmeetings.page_cache import cached_public_page

from . import calendar, contributions, services
from . import search as meeting_search
from .models import Meeting, Organiser


@cached_public_page
def meeting_list(request):
    """The coming meetings, filtered by organiser (?arrangoer=slug) and by KKR (?kkr=slug: the
    KKR's own meetings and those inviting municipalities of its region)."""
    organisers = list(Organiser.objects.select_related("region"))
    by_slug = {organiser.slug: organiser for organiser in organisers}
    meetings = Meeting.objects.public().upcoming().select_related("organiser")
    errors = []
    chosen = {}
    for parameter, kinds in (("arrangoer", None), ("kkr", {Organiser.Kind.KKR})):
        slug = request.GET.get(parameter, "")
        if not slug:
            continue
        organiser = by_slug.get(slug)
        if organiser is None or (kinds and organiser.kind not in kinds):
            errors.append(f"Der findes ingen {'KKR' if kinds else 'arrangør'} ved navn '{slug}'.")
            continue
        chosen[parameter] = organiser
    if organiser := chosen.get("arrangoer"):
        meetings = meetings.filter(Q(organiser=organiser) | Q(co_organisers=organiser))
    if kkr := chosen.get("kkr"):
        meetings = meetings.filter(
            Q(organiser=kkr)
            | Q(invites_all_municipalities=True)
            | Q(invited_municipalities__region=kkr.region_id)
        )
    context = {
        "meetings": meetings.distinct(),
        "committees": [o for o in organisers if o.kind == Organiser.Kind.COMMITTEE],
        "kkrs": [o for o in organisers if o.kind == Organiser.Kind.KKR],
        "chosen": chosen,
        "errors": errors,
    }
    return render(request, "meetings/meeting_list.html", context)


# What the page shows of the meeting's rows: the documents' less the signatories and the
# letter's attachments, leaving room for the queries the apps' contributions make.
PAGE_PREFETCHES = [
    prefetch
    for prefetch in services.DOCUMENT_PREFETCHES
    if prefetch not in ("signatories", "attachments")
]


@cached_public_page
def meeting_detail(request, pk):
    meetings = Meeting.objects.public().select_related("organiser")
    meeting = get_object_or_404(meetings.prefetch_related(*PAGE_PREFETCHES), pk=pk)
    context = (
        services.programme_context(meeting)
        | {
            "sections": [
                section
                for section in meeting.letter_sections.all()
                if section.kind in ("text", "theme")
            ],
            "has_letter": services.has_letter(meeting),
            "contributed": contributions.page_templates(),
        }
        | contributions.page_context(meeting)
    )
    response = render(request, "meetings/meeting_detail.html", context)
    if changes_at := context["page_changes_at"]:
        response.page_cache_seconds = (changes_at - timezone.now()).total_seconds()
    return response


# The meeting's documents on its public page: the maker of each, and whether it has one.
PUBLIC_DOCUMENTS = {
    "invitation": (services.invitation_pdf, services.has_letter),
    "program": (services.programme_pdf, services.has_programme),
}


def meeting_pdf(request, pk, document):
    """The invitation or programme PDF of a public meeting."""
    make, has = PUBLIC_DOCUMENTS[document]
    try:
        meeting = services.meeting_for_documents(pk, Meeting.objects.public())
    except Meeting.DoesNotExist:
        raise Http404("Mødet findes ikke.") from None
    if not has(meeting):
        raise Http404("Mødet har ikke det dokument.")
    filename = services.document_filename(meeting, document)
    return file_response(make(meeting), "application/pdf", filename, inline=True)


def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting.objects.public().select_related("organiser"), pk=pk)
    return ics_response(calendar.calendar([meeting], meeting.title), f"moede-{meeting.pk}.ics")


def organiser_ics(request, slug):
    """Every meeting the organiser holds or co-organises, to subscribe to."""
    organiser = get_object_or_404(Organiser, slug=slug)
    meetings = (
        Meeting.objects.public()
        .filter(Q(organiser=organiser) | Q(co_organisers=organiser))
        .select_related("organiser")
        .distinct()
        .order_by("starts_at")
    )
    return ics_response(calendar.calendar(meetings, organiser.name), f"{organiser.slug}.ics")


def ics_response(content, filename):
    return file_response(content, "text/calendar; charset=utf-8", filename, inline=True)


def search(request):
    """Meetings and what the apps add (published agendas) matching ?q=, each app's hits under
    its own heading."""
    query = meeting_search.clean_query(request.GET.get("q", ""))
    groups = contributions.search(query) if query else []
    return render(request, "meetings/search.html", {"query": query, "groups": groups})
