"""How the apps built on meetings plug in (meetings/contributions.py, meetings/signals.py,
klmeetings/demo.py): one declared interface, registered in ready(); a misspelt part stops the
portal at start-up instead of being ignored."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from agendas.contributions import AgendaParts
from klmeetings import demo
from meetings import contributions, signals
from meetings.contributions import MeetingParts
from meetings.models import Meeting
from meetings.search import MeetingSearch
from registrations.contributions import RegistrationParts

ROOT = Path(__file__).resolve().parents[2]


def test_each_app_registers_its_parts_in_the_order_of_installed_apps():
    assert [type(parts) for parts in contributions.registered()] == [
        MeetingSearch,
        AgendaParts,
        RegistrationParts,
    ]
    assert contributions.page_templates() == {
        "facts": ["registrations/_contrib_meeting_facts.html"],
        "actions": ["registrations/_contrib_meeting_actions.html"],
        "documents": ["agendas/_contrib_meeting_documents.html"],
        "panels": ["agendas/_contrib_meeting_panels.html"],
    }


def test_a_misspelt_part_is_refused_when_its_class_is_made():
    with pytest.raises(ImproperlyConfigured, match="meeting_page_context"):

        class OldName(MeetingParts):
            def meeting_page_context(self, meeting):
                return {}

    with pytest.raises(ImproperlyConfigured, match="serch"):

        class Misspelt(MeetingParts):
            def serch(self, query):
                return None

    with pytest.raises(ImproperlyConfigured, match="panel"):

        class NoSuchPlace(MeetingParts):
            page_templates = {"panel": ["x/_contrib_panel.html"]}

    with pytest.raises(ImproperlyConfigured, match="not a MeetingParts"):
        contributions.register(object())


def test_a_misspelt_part_stops_the_portal_at_start_up(tmp_path):
    """An app whose ready() registers parts with a misspelt method: django.setup() fails."""
    app = tmp_path / "misspelt"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "apps.py").write_text(
        textwrap.dedent(
            """
            from django.apps import AppConfig

            class MisspeltConfig(AppConfig):
                name = "misspelt"

                def ready(self):
                    from meetings import contributions

                    class Parts(contributions.MeetingParts):
                        def registraton_path(self, meeting):
                            return "/tilmeld/"

                    contributions.register(Parts())
            """
        )
    )
    (tmp_path / "misspelt_settings.py").write_text(
        "from klmeetings.settings import *  # noqa\n"
        "INSTALLED_APPS = [*INSTALLED_APPS, 'misspelt']\n"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "misspelt_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
    }
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "started" not in started.stdout
    assert "django.core.exceptions.ImproperlyConfigured" in started.stderr
    assert "Parts defines registraton_path, which MeetingParts does not declare" in started.stderr

    # the same app spelt right starts: the failure above is the misspelling's
    (app / "apps.py").write_text(
        (app / "apps.py").read_text().replace("registraton_path", "registration_path")
    )
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.stdout.strip() == "started", started.stderr


def test_registrations_receives_the_meetings_events():
    assert signals.meeting_cancelled.has_listeners(Meeting)
    assert signals.meeting_copied.has_listeners(Meeting)


def test_load_demo_finds_each_apps_demo_module_in_the_order_of_installed_apps():
    from agendas import demo as agendas_demo
    from meetings import demo as meetings_demo
    from registrations import demo as registrations_demo

    assert [(config.label, load) for config, load in demo.loaders()] == [
        ("meetings", meetings_demo.load),
        ("agendas", agendas_demo.load),
        ("registrations", registrations_demo.load),
    ]
