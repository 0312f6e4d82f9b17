from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("moeder/<int:pk>/", views.meeting_detail, name="detail"),
    path("moeder/<int:pk>/kalender.ics", views.meeting_ics, name="ics"),
    path("arrangoerer/<slug:slug>/kalender.ics", views.organiser_ics, name="organiser_ics"),
]
