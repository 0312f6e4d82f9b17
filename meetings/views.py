"""Public pages about meetings: the coming meetings, a meeting with its programme, and the
meetings as calendar files."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from klmeetings.downloads import file_response
from klmeetings.page_cache import cached_public_page

from . import calendar, contributions, services
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
            Q(organiser=kkr) | Q(invited_municipalities__region=kkr.region_id)
        )
    context = {
        "meetings": meetings.distinct(),
        "committees": [o for o in organisers if o.kind == Organiser.Kind.COMMITTEE],
        "kkrs": [o for o in organisers if o.kind == Organiser.Kind.KKR],
        "chosen": chosen,
        "errors": errors,
    }
    return render(request, "meetings/meeting_list.html", context)


@cached_public_page
def meeting_detail(request, pk):
    try:
        meeting = services.meeting_for_documents(pk)
    except Meeting.DoesNotExist:
        raise Http404("Mødet findes ikke.") from None
    if not meeting.is_public:
        raise Http404("Mødet findes ikke.")
    context = services.programme_context(meeting) | {
        "sections": [
            section
            for section in meeting.letter_sections.all()
            if section.kind in ("text", "theme")
        ],
        "contributed": contributions.page_templates(),
    }
    return render(request, "meetings/meeting_detail.html", context)


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
