"""The politician's own pages: signing in by an e-mail link, Mine møder, her calendar feed,
her agenda with her private notes (page, saving, PDF). Every page but the sign-in pages and
the feed (opened by its secret) is for the signed-in user alone and never cached."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from klmeetings.dates import danish_time
from klmeetings.downloads import file_response
from meetings import calendar
from registrations.models import find_by_secret

from . import services, signin
from .models import NOTE_MAX_LENGTH, CalendarFeed


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Din e-mailadresse",
        max_length=254,
        error_messages={
            "required": "Skriv din e-mailadresse.",
            "invalid": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _safe_next(request, url):
    """`url` if it is a path on this site (where to go after signing in), else ""."""
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if url and allowed and url.startswith("/") else ""


@never_cache
def sign_in(request):
    """Ask for a sign-in link. Known address or not, the same page follows."""
    if request.method == "POST" and "password" in request.POST:
        # The password form was here until issue 27: a saved form or a password manager
        # posting to the old address goes on to the new one with its data (307).
        return HttpResponseRedirect(reverse("meetings:login"), status=307)
    form = SignInForm(request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if signin.over_the_limit(request, email):
            return render(request, "mypages/sign_in_too_many.html", status=429)
        signin.send_link(email, next_url)
        return render(request, "mypages/sign_in_sent.html", {"email": email})
    return render(request, "mypages/sign_in.html", {"form": form, "next": next_url})


@never_cache
def link(request):
    """The link from the e-mail: GET shows a button (so a mail scanner that opens the link
    does not spend it), POST signs in."""
    data = request.POST if request.method == "POST" else request.GET
    token, next_url = data.get("sesame"), _safe_next(request, data.get("next", ""))
    if request.method == "POST":
        if signin.sign_in(request, token) is not None:
            return redirect(next_url or "mypages:home")
        return render(request, "mypages/link_expired.html", status=410)
    user = signin.user_of_link(token)
    if user is None:
        return render(request, "mypages/link_expired.html", status=410)
    context = {"token": token, "next": next_url, "person": services.person_of(user)}
    return render(request, "mypages/link.html", context)


@login_required
def home(request):
    upcoming, past = services.my_meetings(request.user)
    feed = services.calendar_feed(request.user)
    feed_url = request.build_absolute_uri(reverse("mypages:calendar_feed", args=[feed.secret]))
    context = {
        "upcoming": upcoming,
        "past": past,
        "person": services.person_of(request.user),
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
    }
    return _private(render(request, "mypages/home.html", context))


@login_required
@require_POST
def renew_calendar(request):
    services.renew_calendar_feed(request.user)
    messages.success(request, "Din kalender har fået en ny adresse. Den gamle virker ikke mere.")
    return redirect("mypages:home")


def calendar_feed(request, secret):
    """The user's meetings as a calendar to subscribe to; the secret is the only key."""
    feed = find_by_secret(CalendarFeed.objects.select_related("user"), secret)
    if feed is None or not feed.user.is_active:
        raise Http404("Kalenderen findes ikke.")
    meetings = services.meetings_of(feed.user)
    response = file_response(
        calendar.calendar(meetings, "Mine KL-møder"),
        "text/calendar; charset=utf-8",
        "mine-moeder.ics",
        inline=True,
    )
    return _private(response)


def _my_meeting(request, pk):
    meeting = services.readable_meeting(request.user, pk)
    if meeting is None:
        raise Http404("Mødet er ikke blandt dine møder.")
    return meeting


@login_required
def agenda(request, pk):
    """The agenda with a private note under each item. Without JavaScript the notes are
    saved together by the form's button; with it each is saved as it is typed."""
    meeting = _my_meeting(request, pk)
    context = services.agenda_with_notes(request.user, meeting)
    if context is None:
        raise Http404("Mødet har ingen offentliggjort dagsorden endnu.")
    if request.method == "POST":
        errors, texts = [], {}
        for item in context["doc"]["items"]:
            key = f"note-{item['id']}"
            if key not in request.POST or not item["can_note"]:
                continue
            item["note"] = request.POST[key]
            if len(item["note"]) > NOTE_MAX_LENGTH:
                errors.append(
                    f"Noten til punkt {item['number']} må højst være {NOTE_MAX_LENGTH} tegn; "
                    "den er ikke gemt."
                )
            else:
                texts[item["id"]] = item["note"]
        services.save_notes(request.user, context["agenda"], texts)
        if not errors:
            messages.success(request, "Dine noter er gemt.")
            return redirect("mypages:agenda", pk)
        context["errors"] = errors
    context["meeting"] = meeting
    return _private(render(request, "mypages/agenda.html", context))


@login_required
@require_POST
def save_note(request, item_pk):
    """One note, saved as it is typed (static/js/my-notes.js)."""
    text = request.POST.get("text", "")
    if len(text) > NOTE_MAX_LENGTH:
        return JsonResponse(
            {"error": f"Noten må højst være {NOTE_MAX_LENGTH} tegn; den er ikke gemt."}, status=400
        )
    item = services.notable_item(request.user, item_pk)
    if item is None:
        return JsonResponse({"error": "Punktet findes ikke på dine dagsordener."}, status=404)
    services.save_note(request.user, item, text)
    return _private(JsonResponse({"saved": f"Gemt kl. {danish_time(timezone.now())}"}))


@login_required
def agenda_pdf(request, pk):
    """ "Dagsorden med mine noter" as a PDF, for the signed-in user alone."""
    meeting = _my_meeting(request, pk)
    pdf = services.agenda_with_notes_pdf(request.user, meeting)
    if pdf is None:
        raise Http404("Mødet har ingen offentliggjort dagsorden endnu.")
    response = file_response(pdf, "application/pdf", f"dagsorden-med-mine-noter-{pk}.pdf")
    return _private(response)
