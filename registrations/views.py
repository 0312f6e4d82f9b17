"""The tilmeld pages: thin over registration.register() and waiting_list.cancel().

Works without JavaScript (plain forms, post/redirect/get). Pages reached through a secret link
are marked noindex and kept out of caches.
"""

import json
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from klmeetings import rate_limit
from klmeetings.page_cache import TOKEN_SLOT, cached_form_page, page_generation
from meetings.models import Meeting

from .forms import RegistrationForm
from .models import Invitation, Registration, find_by_secret
from .services import registration as services
from .services import waiting_list
from .services.personal import cancel_losses

# Submissions per meeting and client address within the window; a town hall behind one
# address must still fit. The personal-link pages count on their own, so a flood of the public
# form from an address cannot lock a politician out of their change page.
RATE_LIMIT = getattr(settings, "REGISTRATION_RATE_LIMIT", 30)
RATE_WINDOW_SECONDS = getattr(settings, "REGISTRATION_RATE_WINDOW", 600)
HONEYPOT_FIELD = "website"
# The receipt page reads what it shows from a signed cookie of its own, for an hour and for
# that page only: a database session would cost a registration four more statements.
RECEIPT_COOKIE = "tilmeld_kvittering"
RECEIPT_SECONDS = 60 * 60
# What an invitation fills in of the form from its person.
PERSON_FIELDS = ["name", "email", "municipality", "role", "party_letter", "phone"]


def _meeting(slug):
    """The meeting of a tilmeld link with its registration settings, sessions and invited
    municipalities; a draft's link does not exist. Kept in the worker's memory under the
    set-up's generation read before it (klmeetings.page_cache), which registrations leave
    alone, so in an invitation's rush a registration reads only the rows it locks and writes,
    and a change by the secretariat shows as soon as it does on the kept pages."""
    key = f"tilmeld-meeting:{page_generation('setup')}:{slug}"
    meeting = caches["local"].get(key)
    if meeting is None:
        meetings = (
            Meeting.objects.public()
            .select_related("organiser", "registration_settings")
            .prefetch_related("sessions", "invited_municipalities")
        )
        meeting = get_object_or_404(meetings, registration_slug=slug)
        transaction.on_commit(lambda: caches["local"].set(key, meeting))
    return meeting


def _private(response):
    """For pages reached by a secret link: not indexed and not cached. The site's Referrer-Policy
    (same-origin) already keeps the link from other sites; "no-referrer" would make browsers
    send "Origin: null" with the page's forms, which the CSRF check rightly refuses."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _rate_limited(request, meeting, page):
    """Counts this submission against the meeting, the client and the kind of `page` ("form"
    or "personal"); True when it is over the limit."""
    purpose = f"tilmeld:{page}:{meeting.pk}"
    return rate_limit.over_limit(request, purpose, RATE_LIMIT, RATE_WINDOW_SECONDS)


def _page(request, template, context, status=200, private=False):
    response = render(request, f"registrations/{template}", context, status=status)
    return _private(response) if private else response


@cached_form_page
def register(request, slug, secret=None):
    """The tilmeld page. Without a personal link the page is the same for every visitor but
    for its CSRF token, so a GET is served from the page cache (klmeetings.page_cache)."""
    meeting = _meeting(slug)
    invitation = None
    if secret is not None:
        invitation = find_by_secret(
            Invitation.objects.filter(meeting=meeting).select_related("person"), secret
        )
        if invitation is None:
            raise Http404
    private = invitation is not None
    reg_settings = services.settings_for(meeting, save=False)
    context = {"meeting": meeting, "reg_settings": reg_settings, "invitation": invitation}
    if meeting.status == Meeting.Status.CANCELLED:
        cancelled = {"meeting": meeting, "invitation": invitation}
        return _page(request, "meeting_cancelled.html", cancelled, private=private)
    if request.method == "GET" and not private:
        context["csrf_token"] = TOKEN_SLOT
    if not reg_settings.is_open():
        return _until_change(_page(request, "closed.html", context, private=private), reg_settings)

    if request.method == "POST":
        if _rate_limited(request, meeting, "personal" if invitation else "form"):
            return _page(request, "too_many.html", context, status=429, private=private)
        if request.POST.get(HONEYPOT_FIELD):
            return _page(request, "refused.html", context, status=400, private=private)
        # Seats only label the sessions of a form shown again with its errors.
        seats = SimpleLazyObject(lambda: services.seats_left(reg_settings))
        form = RegistrationForm(request.POST, reg_settings=reg_settings, seats=seats)
        if form.is_valid():
            try:
                outcome = services.register(
                    meeting,
                    form.cleaned_data,
                    person=invitation.person if invitation else None,
                    source=(
                        Registration.Source.INVITATION if invitation else Registration.Source.WEB
                    ),
                    change_existing=False,
                )
            except services.RegistrationClosed:
                return _page(request, "closed.html", context, private=private)
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                if _own_address(invitation, form.cleaned_data["email"]) and outcome.registration:
                    return _to_confirmation(outcome.registration)
                return _to_receipt(meeting, outcome.receipt)
    else:
        initial = model_to_dict(invitation.person, PERSON_FIELDS) if invitation else {}
        form = RegistrationForm(
            initial=initial, reg_settings=reg_settings, seats=services.seats_left(reg_settings)
        )
    context |= {"form": form, "honeypot_field": HONEYPOT_FIELD}
    return _until_change(_page(request, "register.html", context, private=private), reg_settings)


def _until_change(response, reg_settings):
    """The page cache keeps the page only until registration opens or closes."""
    now = timezone.now()
    moments = [reg_settings.opens_at, reg_settings.closes_at]
    response.page_cache_seconds = min(
        [(moment - now).total_seconds() for moment in moments if moment and moment > now],
        default=None,
    )
    return response


def _own_address(invitation, email):
    """Whether an invitee registered with the address their invitation was sent to: only then
    does the answer show the registration. Any other address gets the public receipt, so the
    answer cannot tell whether that address was known."""
    return invitation is not None and (invitation.person.email or "").strip().lower() == (
        email.strip().lower()
    )


def _to_confirmation(registration):
    return redirect(
        "registrations:confirmed",
        slug=registration.meeting.registration_slug,
        secret=registration.secret,
    )


# What the receipt shows of a registration, as it was when it was made.
RECEIPT_FIELDS = ("email", "name", "status", "waiting_reason", "session_id", "dinner")


def _to_receipt(meeting, registration):
    """The receipt shows the submission's outcome from the cookie alone, so it is the same
    for an address already registered (whose registration is not shown, see register())."""
    receipt = {name: getattr(registration, name) for name in RECEIPT_FIELDS}
    receipt |= {
        "dietary_needs": registration.dietary_needs,
        "queued_at": registration.queued_at.isoformat(),
    }
    response = redirect("registrations:thanks", slug=meeting.registration_slug)
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        json.dumps(receipt),
        salt=RECEIPT_COOKIE,
        max_age=RECEIPT_SECONDS,
        path=response["Location"],
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def thanks(request, slug):
    """The receipt: the status (confirmed, or waiting and as number what), session, dinner,
    diet and calendar link of the registration just made."""
    meeting = _meeting(slug)
    receipt = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE, max_age=RECEIPT_SECONDS
    )
    try:
        receipt = json.loads(receipt)
    except (TypeError, ValueError):  # none, or the previous release's (the address alone)
        return redirect("registrations:register", slug=slug)
    registration = Registration(
        meeting=meeting, **receipt | {"queued_at": datetime.fromisoformat(receipt["queued_at"])}
    )
    sessions = {session.pk: session for session in meeting.sessions.all()}
    registration.session = sessions.get(registration.session_id)
    context = {
        "meeting": meeting,
        "registration": registration,
        "reg_settings": services.settings_for(meeting, save=False),
        "position": waiting_list.waiting_position(registration),
    }
    return _page(request, "thanks.html", context, private=True)


def _registration(slug, secret):
    """The registration a personal link opens; 404 for anything else, so a wrong secret and a
    secret of another meeting look the same."""
    meeting = _meeting(slug)
    registration = find_by_secret(
        Registration.objects.filter(meeting=meeting).select_related("session", "municipality"),
        secret,
    )
    if registration is None:
        raise Http404
    registration.meeting = meeting
    return registration


def manage(request, slug, secret):
    registration = _registration(slug, secret)
    meeting = registration.meeting
    reg_settings = services.settings_for(meeting)
    context = {"meeting": meeting, "registration": registration, "reg_settings": reg_settings}
    now = timezone.now()
    if now >= meeting.ends_at:
        return _page(request, "expired.html", context, status=410, private=True)
    can_change = services.can_change(registration, reg_settings, now)
    form = None
    if can_change:
        data = request.POST if request.method == "POST" else None
        form = RegistrationForm(
            data,
            initial=model_to_dict(registration, services.REGISTRATION_FIELDS)
            | {"consent": registration.consent_at is not None},
            reg_settings=reg_settings,
            seats=services.seats_left(reg_settings),
        )
        form.fields["email"].disabled = True
        if data is not None and _rate_limited(request, meeting, "personal"):
            return _page(request, "too_many.html", context, status=429, private=True)
        if data is not None and form.is_valid():
            was_cancelled = registration.status == Registration.Status.CANCELLED
            try:
                services.register(meeting, form.cleaned_data)
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                if was_cancelled:
                    return _to_confirmation(registration)
                messages.success(request, "Dine ændringer er gemt.")
                return redirect("registrations:manage", slug=slug, secret=registration.secret)
    context |= {
        "form": form,
        "can_change": can_change,
        "can_cancel": services.can_cancel(registration, now),
        "position": waiting_list.waiting_position(registration),
    }
    return _page(request, "manage.html", context, private=True)


def confirmed(request, slug, secret):
    """After registering through a personal link: what the registration holds, the calendar
    entry and the way to the change page."""
    registration = _registration(slug, secret)
    if registration.status == Registration.Status.CANCELLED:
        return redirect("registrations:manage", slug=slug, secret=secret)
    context = {
        "meeting": registration.meeting,
        "registration": registration,
        "reg_settings": services.settings_for(registration.meeting),
        "position": waiting_list.waiting_position(registration),
    }
    return _page(request, "confirmed.html", context, private=True)


def cancel(request, slug, secret):
    """GET asks first, naming what is given up; POST cancels."""
    registration = _registration(slug, secret)
    context = {"meeting": registration.meeting, "registration": registration}
    if request.method != "POST":
        if not services.can_cancel(registration):
            return redirect("registrations:manage", slug=slug, secret=secret)
        reg_settings = services.settings_for(registration.meeting)
        context["losses"] = cancel_losses(registration, reg_settings)
        return _page(request, "cancel.html", context, private=True)
    try:
        waiting_list.cancel(registration)
    except services.RegistrationClosed:
        return _page(request, "expired.html", context, status=410, private=True)
    except services.Busy as error:
        context["message"] = str(error)
        return _page(request, "busy.html", context, status=503, private=True)
    return _page(request, "cancelled.html", context, private=True)
