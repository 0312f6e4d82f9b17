from django.apps import AppConfig
from django.urls import reverse


class RegistrationsConfig(AppConfig):
    """Besides its own pages, it gives the meeting page and the meeting's documents their
    tilmeld link, the meeting's admin page its registrations panel, and tells the registered
    when a meeting is cancelled (see meetings/contributions.py)."""

    name = "registrations"
    verbose_name = "Tilmeldinger"
    page_data = True
    meeting_page_templates = {"facts": ["registrations/_contrib_meeting_facts.html"]}

    def meeting_registration_path(self, meeting):
        """The tilmeld page of a meeting with a registration slug."""
        if not meeting.registration_slug:
            return None
        return reverse("registrations:register", args=[meeting.registration_slug])

    def meeting_admin_panel(self, meeting, request):
        from .admin_panel import meeting_panel

        return meeting_panel(meeting, request)

    def meeting_cancelled(self, meeting):
        """Tells every confirmed and waiting registrant by e-mail, once."""
        from .services.meeting_cancelled import notify_registrants

        told = notify_registrants(meeting)
        return f"{told} tilmeldte og ventende får besked på e-mail." if told else None
