from django.apps import AppConfig
from django.urls import reverse


class RegistrationsConfig(AppConfig):
    """Besides its own pages, it gives the meeting page and the meeting's documents their
    tilmeld link, the meeting's admin page its registrations panel, tells the registered when
    a meeting is cancelled, and copies its settings with a copied meeting (see
    meetings/contributions.py)."""

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
        from .services.meeting_changes import notify_registrants

        told = notify_registrants(meeting)
        return f"{told} tilmeldte og ventende får besked på e-mail." if told else None

    def meeting_copied(self, source, copy, delta):
        from .services.meeting_changes import copy_settings

        copy_settings(source, copy, delta)
