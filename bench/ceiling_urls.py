"""The portal's URLs plus what the benchmarks compare against: the ceiling, a bare Django view
that returns "ok" through the same middleware, server and database settings; and the floor of
a form post, a minimal POST (CSRF check, a form of two fields, one INSERT, redirect), to set
the tilmeld POST against."""

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path

from klmeetings.urls import urlpatterns as portal_urlpatterns
from outbox.models import Message

# The rows the minimal POST writes; bench/run.py deletes them before the outbox is measured.
MINIMAL_POST_KEY = "bench-minimal-post-"


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


class MinimalForm(forms.Form):
    name = forms.CharField(max_length=200)
    email = forms.EmailField()


def minimal_post(request):
    if request.method != "POST":
        token = get_token(request)
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{token}">')
    form = MinimalForm(request.POST)
    if not form.is_valid():
        return HttpResponse("invalid", status=400)
    email = form.cleaned_data["email"]
    Message.objects.create(
        key=MINIMAL_POST_KEY + email, to=email, subject="bench", status=Message.Status.SENT
    )
    return HttpResponseRedirect("/bench/ok")


urlpatterns = [
    path("bench/ok", ok),
    path("bench/minimal-post", minimal_post),
    *portal_urlpatterns,
]
