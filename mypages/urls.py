from django.urls import path

from . import views

app_name = "mypages"

urlpatterns = [
    path("log-ind/", views.sign_in, name="sign_in"),
    path("log-ind/link/", views.link, name="link"),
    path("mine-moeder/", views.home, name="home"),
    path("mine-moeder/kalender/ny-adresse/", views.renew_calendar, name="renew_calendar"),
    path("mine-moeder/kalender/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
    path("mine-moeder/<int:pk>/dagsorden/", views.agenda, name="agenda"),
    path("mine-moeder/<int:pk>/dagsorden-med-mine-noter.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("mine-moeder/noter/<int:item_pk>/", views.save_note, name="save_note"),
]
