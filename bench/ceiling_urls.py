"""The portal's URLs plus what the benchmarks compare against: the ceiling, a bare Django view
that returns "ok" through the same middleware, server and database settings; the floor of a
form post, a minimal POST (CSRF check, a form of two fields, one INSERT, redirect); and the
locked floor, the same POST taking one row lock shared by every request before its INSERT, as
every registration for a meeting takes its meeting's lock. The tilmeld POST is set against
them."""

from django import forms
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path

from klmeetings.urls import urlpatterns as portal_urlpatterns
from outbox.models import Message
from registrations.models import RegistrationSettings

# The rows the minimal POST writes; bench/run.py deletes them before the outbox is measured.
MINIMAL_POST_KEY = "bench-minimal-post-"
LOCKED_MEETING = "demo-konference"


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


class MinimalForm(forms.Form):
    name = forms.CharField(max_length=200)
    email = forms.EmailField()


def minimal_post(request, lock=False):
    if request.method != "POST":
        token = get_token(request)
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{token}">')
    form = MinimalForm(request.POST)
    if not form.is_valid():
        return HttpResponse("invalid", status=400)
    email = form.cleaned_data["email"]
    if lock:
        with transaction.atomic():  # the lock the demo conference's registrations take
            locked = RegistrationSettings.objects.select_for_update(of=("self",))
            locked.filter(meeting__registration_slug=LOCKED_MEETING).exists()
            _write(email, "locked-")
    else:
        _write(email)
    return HttpResponseRedirect("/bench/ok")


def _write(email, kind=""):
    Message.objects.create(
        key=MINIMAL_POST_KEY + kind + email, to=email, subject="bench", status=Message.Status.SENT
    )


def locked_post(request):
    return minimal_post(request, lock=True)


urlpatterns = [
    path("bench/ok", ok),
    path("bench/minimal-post", minimal_post),
    path("bench/locked-post", locked_post),
    *portal_urlpatterns,
]
