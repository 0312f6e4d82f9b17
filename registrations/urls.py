"""The public tilmeld pages. Personal pages are reached by a secret in the URL, never by a
registration's id."""

from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("tilmeld/<slug:slug>/", views.register, name="register"),
    path("tilmeld/<slug:slug>/invitation/<str:secret>/", views.register, name="invitation"),
    path("tilmeld/<slug:slug>/tak/", views.thanks, name="thanks"),
    path("tilmeld/<slug:slug>/min-tilmelding/<str:secret>/", views.manage, name="manage"),
    path(
        "tilmeld/<slug:slug>/min-tilmelding/<str:secret>/tilmeldt/",
        views.confirmed,
        name="confirmed",
    ),
    path("tilmeld/<slug:slug>/min-tilmelding/<str:secret>/afmeld/", views.cancel, name="cancel"),
]
