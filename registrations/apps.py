from django.apps import AppConfig
from django.urls import reverse


class RegistrationsConfig(AppConfig):
    """Besides its own pages, it gives the meeting page and the meeting's documents their
    tilmeld link (see meetings/contributions.py)."""

    name = "registrations"
    verbose_name = "Tilmeldinger"
    page_data = True
    meeting_page_templates = {"facts": ["registrations/_contrib_meeting_facts.html"]}

    def meeting_registration_path(self, meeting):
        """The tilmeld page of a meeting with a registration slug."""
        if not meeting.registration_slug:
            return None
        return reverse("registrations:register", args=[meeting.registration_slug])
