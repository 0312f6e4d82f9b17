"""The meeting's own page in the admin: its state and next step, its registrations (counts,
waiting list, the list filtered to the meeting), its mailings with their times, its agenda with
the publish and approve buttons, its documents and links. Every task for a meeting starts
there."""

import pytest
from django.urls import reverse

from agendas.models import AgendaVersion
from registrations.models import RegistrationSettings
from registrations.services import registration as services
from tests import factories
from tests.factories import registration_data

pytestmark = pytest.mark.django_db


def test_the_meetings_page_gathers_state_registrations_mailings_agenda_and_links(admin_client):
    meeting = factories.meeting(capacity=1)
    RegistrationSettings.objects.filter(meeting=meeting).update(reminder_days="2")
    services.register(meeting, registration_data(1))
    services.register(meeting, registration_data(2, name="Ventende Vibeke"))
    agenda = factories.import_agenda(meeting).agenda

    listing = admin_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    url = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
    assert url in listing  # the list links each meeting's page
    change = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert url in admin_client.get(change).content.decode()

    html = admin_client.get(url).content.decode()
    assert "Status: Offentliggjort" in html and "Næste skridt" in html
    assert "Tilmeldt: <strong>1</strong>" in html and "På venteliste: <strong>1</strong>" in html
    assert "Ventende Vibeke" in html
    filtered = reverse("admin:registrations_registration_changelist")
    assert f"{filtered}?meeting__id__exact={meeting.pk}" in html
    assert "Påmindelse" in html or "påmindelse" in html  # the planned reminder, with its time
    assert "Planlagt" in html
    assert f"/tilmeld/{meeting.registration_slug}/" in html
    assert f"/moeder/{meeting.pk}/kalender.ics" in html
    assert reverse("admin:meetings_meeting_pdf", args=[meeting.pk, "invitation"]) in html
    assert "Kladde: ikke offentliggjort endnu" in html
    assert "Offentliggør dagsordenen" in html and "Godkend referat" in html

    response = admin_client.post(
        reverse("admin:agendas_agenda_publish", args=[agenda.pk]), {"next": url}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert "Dagsordenen er offentliggjort: Dagsorden (version 1)." in response.content.decode()
    assert AgendaVersion.objects.filter(agenda=agenda).count() == 1
    assert "Offentliggør rettet dagsorden" in response.content.decode()

    filtered_list = admin_client.get(f"{filtered}?meeting__id__exact={meeting.pk}")
    assert "Ventende Vibeke" in filtered_list.content.decode()


def test_the_agenda_change_page_has_the_publish_and_approve_buttons(admin_client):
    agenda = factories.import_agenda().agenda
    html = admin_client.get(
        reverse("admin:agendas_agenda_change", args=[agenda.pk])
    ).content.decode()
    assert reverse("admin:agendas_agenda_publish", args=[agenda.pk]) in html
    assert reverse("admin:agendas_agenda_approve_minutes", args=[agenda.pk]) in html
    # a GET changes nothing
    admin_client.get(reverse("admin:agendas_agenda_publish", args=[agenda.pk]))
    assert not AgendaVersion.objects.exists()


def test_the_admins_own_pages_have_breadcrumbs_the_admin_styles(admin_client):
    """Django 6's admin styles `ol.breadcrumbs`; the pages of our own had a bare div."""
    meeting = factories.meeting()
    pages = [
        reverse("admin:meetings_meeting_workspace", args=[meeting.pk]),
        reverse("admin:meetings_meeting_copy", args=[meeting.pk]),
        reverse("admin:registrations_mailings", args=[meeting.pk]),
        reverse("admin:agendas_agenda_import"),
    ]
    for page in pages:
        html = admin_client.get(page).content.decode()
        crumbs = html[html.index('<ol class="breadcrumbs">') :]
        crumbs = crumbs[: crumbs.index("</ol>")]
        assert ">Hjem</a></li>" in crumbs, page
        assert '<li aria-current="page">' in crumbs, page
        assert 'class="breadcrumbs"' not in html.replace('<ol class="breadcrumbs">', ""), page
