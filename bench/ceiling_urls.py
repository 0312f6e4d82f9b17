"""The portal's URLs plus the ceiling the benchmarks compare against: a bare Django view that
returns "ok" through the same middleware, server and database settings."""

from django.http import HttpResponse
from django.urls import path

from klmeetings.urls import urlpatterns as portal_urlpatterns


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok), *portal_urlpatterns]
