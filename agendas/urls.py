from django.urls import path

from meetings.views import search

from . import views
from .feeds import PublishedAgendasFeed

app_name = "agendas"

urlpatterns = [
    path("", views.agenda_list, name="list"),
    # The search page moved to /soeg/ (meetings and agendas); its old address still answers.
    path("soeg/", search, name="search"),
    path("feed/", PublishedAgendasFeed(), name="feed"),
    path("<int:pk>/", views.agenda_detail, name="detail"),
    path("<int:pk>/version/<int:number>/", views.agenda_detail, name="version"),
    path("<int:pk>/version/<int:number>/sammenlign/", views.agenda_compare, name="compare"),
    path("<int:pk>/dagsorden.pdf", views.agenda_pdf, name="pdf"),
    path("<int:pk>/version/<int:number>/dagsorden.pdf", views.agenda_pdf, name="version_pdf"),
    path("<int:pk>/dagsorden-fuld.pdf", views.agenda_staff_pdf, name="staff_pdf"),
    path("<int:pk>/samlet.pdf", views.agenda_combined_pdf, name="combined_pdf"),
    path(
        "<int:pk>/medlemmer/samlet.pdf",
        views.agenda_members_combined_pdf,
        name="members_combined_pdf",
    ),
    path("medlemmer/", views.members_list, name="members_list"),
    path("<int:pk>/medlemmer/", views.agenda_members, name="members"),
    path("<int:pk>/referat.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/referat/godkend/", views.minutes_review_page, name="minutes_review"),
    path("bilag/<int:pk>/", views.attachment, name="attachment"),
    path("bilag/<int:pk>/medlemmer/", views.members_attachment, name="members_attachment"),
]
