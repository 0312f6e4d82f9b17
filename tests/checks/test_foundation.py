"""The foundation as a newcomer meets it: the real database, the reference data, Danish
dates, the public front page, the admin login and the health check."""

import datetime
import os
import subprocess
import sys
import zoneinfo

import pytest
from django.conf import settings
from django.db import connection

from klmeetings import dates
from meetings.models import Municipality, Organiser, Region
from tests.support import ROOT

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
PROJECT = ROOT


@pytest.mark.django_db
def test_the_tests_run_against_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_reference_data_has_all_municipalities_regions_and_kkr():
    assert Municipality.objects.count() == 98
    assert Region.objects.count() == 5
    kkrs = Organiser.objects.filter(kind=Organiser.Kind.KKR)
    assert sorted(k.name for k in kkrs) == [
        "KKR Hovedstaden",
        "KKR Midtjylland",
        "KKR Nordjylland",
        "KKR Sjælland",
        "KKR Syddanmark",
    ]
    assert Municipality.objects.get(name="Viborg").region.name == "Region Midtjylland"
    assert Organiser.objects.get(name="KL's Sundheds- og Ældreudvalg").kind == "committee"
    assert Organiser.objects.get(name="KL's Socialudvalg").kind == "committee"
    assert kkrs.get(name="KKR Midtjylland").region.municipalities.count() == 19


def test_dates_read_as_in_kl_letters():
    start = datetime.datetime(2020, 8, 13, 16, 0, tzinfo=COPENHAGEN)
    end = datetime.datetime(2020, 8, 13, 18, 0, tzinfo=COPENHAGEN)
    assert dates.danish_span(start, end) == "torsdag den 13. august 2020 kl. 16.00-18.00"
    assert dates.danish_date(datetime.date(2020, 8, 10)) == "10. august 2020"
    # Stored in UTC, shown in Copenhagen time.
    utc = datetime.datetime(2021, 8, 30, 8, 0, tzinfo=datetime.UTC)
    assert dates.numeric_datetime(utc) == "30-08-2021 10:00"
    two_days = dates.danish_span(
        datetime.datetime(2022, 5, 24, 10, 0, tzinfo=COPENHAGEN),
        datetime.datetime(2022, 5, 25, 12, 0, tzinfo=COPENHAGEN),
    )
    assert two_days == "tirsdag den 24. maj 2022 kl. 10.00 til onsdag den 25. maj 2022 kl. 12.00"


def test_settings_are_danish_and_in_copenhagen_time():
    assert settings.LANGUAGE_CODE == "da"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert settings.USE_TZ


@pytest.mark.django_db
def test_front_page_is_danish_and_lists_coming_meetings(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Kommende møder" in html


@pytest.mark.django_db
def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "KL-møder" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_health_check_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


@pytest.mark.django_db(transaction=True)
def test_health_check_fails_when_the_broker_is_unreachable(client, settings):
    from klmeetings.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json()["broker"] == "fejl"


def test_deploy_check_warns_only_of_what_the_readme_names():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "a-production-like-secret-key-of-sufficient-length-and-randomness-8sd7f6",
        "SECURE_SSL_REDIRECT": "1",
        "SESSION_COOKIE_SECURE": "1",
        "CSRF_COOKIE_SECURE": "1",
        "ALLOWED_HOSTS": "moeder.kl.dk",
        "EMAIL_HOST": "smtp.kl.dk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # The one deliberate warning (README): HSTS preload is left to KL's decision for kl.dk.
    reported = [line.split(")")[0] + ")" for line in output.splitlines() if line.startswith("?:")]
    assert reported == ["?: (security.W021)"], output


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_unsafe_scripts(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    # Only our own files, or inline scripts with this response's nonce when a page has one.
    assert all(
        source == "'self'" or source.startswith("'nonce-")
        for source in directives["script-src"].split()
    )
    assert directives["frame-ancestors"] == "'none'"
