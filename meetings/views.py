"""Public pages about meetings: the coming meetings, a meeting with its programme, and the
meetings as calendar files."""

import functools
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from . import calendar, services
from .models import Meeting, Organiser, page_generation

# In the worker's own memory: a page from Redis would cost two round trips, as much as a
# bare view. The timeout is a safety net; the generation stamp drops a page when data changes.
PAGE_CACHE_SECONDS = 10 * 60
page_cache = LocMemCache(
    "meetings-pages", {"TIMEOUT": PAGE_CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 300}}
)

PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}


def cached_public_page(view):
    """Serve the page from the cache to visitors without a session (docs/benchmarks.md:
    rendering the list of coming meetings costs twenty times a bare Django view).

    Safe because only what every visitor sees alike is stored: a request with a session or
    messages cookie is rendered for itself, and a response that sets a cookie (a CSRF token
    for a form), used the CSP nonce or was rendered inside a transaction (uncommitted rows) is
    not stored. A CSRF cookie alone does not matter: a page that prints a token is never
    stored. The key is the language and the path with its query string under the data's
    generation stamp (meetings.models.page_generation), which every change replaces; a
    meeting that has just ended may stay on the list for PAGE_CACHE_SECONDS."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or PERSONAL_COOKIES & request.COOKIES.keys():
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"{page_generation()}:{translation.get_language()}:{path}"
        if (cached := page_cache.get(key)) is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(request, "_csp_nonce", None)
            and not transaction.get_connection().in_atomic_block
        ):
            page_cache.set(key, (response.content, response["Content-Type"]))
        return response

    return wrapper


@cached_public_page
def meeting_list(request):
    """The coming meetings, filtered by organiser (?arrangoer=slug) and by KKR (?kkr=slug: the
    KKR's own meetings and those inviting municipalities of its region)."""
    organisers = list(Organiser.objects.select_related("region"))
    by_slug = {organiser.slug: organiser for organiser in organisers}
    meetings = Meeting.objects.upcoming().select_related("organiser")
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
    context = services.programme_context(meeting) | {
        "sections": [
            section
            for section in meeting.letter_sections.all()
            if section.kind in ("text", "theme")
        ],
        "has_letter": services.has_letter(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("organiser"), pk=pk)
    return ics_response(calendar.calendar([meeting], meeting.title), f"moede-{meeting.pk}.ics")


def organiser_ics(request, slug):
    """Every meeting the organiser holds or co-organises, to subscribe to."""
    organiser = get_object_or_404(Organiser, slug=slug)
    meetings = (
        Meeting.objects.filter(Q(organiser=organiser) | Q(co_organisers=organiser))
        .select_related("organiser")
        .distinct()
        .order_by("starts_at")
    )
    return ics_response(calendar.calendar(meetings, organiser.name), f"{organiser.slug}.ics")


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
