from django.contrib.auth import views as auth_views
from django.urls import path

from klmeetings.login_forms import LoginForm

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("moeder/<int:pk>/", views.meeting_detail, name="detail"),
    path("moeder/<int:pk>/kalender.ics", views.meeting_ics, name="ics"),
    path(
        "moeder/<int:pk>/invitation.pdf",
        views.meeting_pdf,
        {"document": "invitation"},
        name="invitation_pdf",
    ),
    path(
        "moeder/<int:pk>/program.pdf",
        views.meeting_pdf,
        {"document": "program"},
        name="programme_pdf",
    ),
    path("soeg/", views.search, name="search"),
    path("arrangoerer/<slug:slug>/kalender.ics", views.organiser_ics, name="organiser_ics"),
    # The password login, for staff and members who keep a password; politicians sign in
    # by an e-mail link at /log-ind/ (mypages).
    path(
        "log-ind/adgangskode/",
        auth_views.LoginView.as_view(
            template_name="meetings/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(next_page="meetings:list"), name="logout"),
]
