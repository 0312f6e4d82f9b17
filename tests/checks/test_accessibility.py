"""Every public page, in every state a visitor can meet it in, meets WCAG 2.1 AA by axe-core's
audit in a real browser, reflows on a phone at 200 % zoom without horizontal scrolling, and its
HTML passes the Nu Html Checker (webtilgængelighedsloven).

The pages are filled with the demo data (`load_demo`) and with coming copies of the seed
meetings, so the audit sees real content: a conference programme, KKR letters, long Danish
titles. To audit another page or state, add a `PublicPage` to PUBLIC_PAGES (see
tests/a11y_helpers.py): a path, or a function that makes the data and returns the path, and
optionally what the visitor does there (`then`).
"""

import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.views.defaults import server_error

from agendas.models import Agenda
from meetings.models import Meeting, Municipality, Organiser
from registrations.services import registration as registration_services
from tests import factories
from tests.a11y_helpers import (
    PHONE_AT_200_PERCENT,
    PROJECT,
    PublicPage,
    axe_violations,
    horizontal_overflow,
    html_errors,
    visit,
)

from .test_keyboard_form_errors import FORM_WITH_ERRORS

# The seed meetings again, as coming meetings this many days from today.
COMING_SEEDS = {"000": 14, "001": 30, "002": 60, "004": 90}


def demo_data():
    """The demo data, and the seed meetings again as coming meetings."""
    call_command("load_demo", verbosity=0)
    for key, days in COMING_SEEDS.items():
        factories.meeting(seed=key, days_ahead=days)


def meeting_page(key):
    """The path of the coming copy of seed `key`'s meeting."""
    return lambda: factories.meeting(seed=key, days_ahead=COMING_SEEDS[key]).get_absolute_url()


def organiser_filter(parameter, name):
    return lambda: f"/?{parameter}={Organiser.objects.get(name=name).slug}"


def fill_in_registration(page, email="tove.tastesen@example.dk"):
    page.get_by_label("Navn").fill("Tove Tastesen")
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("combobox", name=re.compile("Kommune")).select_option(
        str(Municipality.objects.get(name="Viborg").pk)
    )
    page.get_by_role("combobox", name=re.compile("Rolle eller titel")).select_option(
        "kommunalbestyrelsesmedlem"
    )
    page.get_by_label("1. Fælles data").check()
    page.get_by_label(re.compile("Jeg giver samtykke")).check()


def submit_registration(page):
    page.get_by_role("button", name="Tilmeld mig").click()
    page.wait_for_load_state()


def register_in_browser(page):
    fill_in_registration(page)
    submit_registration(page)


def personal_link():
    """The change/cancel page of a demo registration, reached by its secret link."""
    meeting = Meeting.objects.get(registration_slug="demo-konference")
    registration = registration_services.register(
        meeting,
        {
            "name": "Per Personlig",
            "email": "per.personlig@example.dk",
            "municipality": Municipality.objects.get(name="Herning"),
            "role": "kommunalbestyrelsesmedlem",
            "session": meeting.sessions.get(number=2),
            "consent": True,
        },
    ).registration
    return f"/tilmeld/demo-konference/min-tilmelding/{registration.secret}/"


def cancel_registration(page):
    page.get_by_role("button", name="Afmeld mig mødet").click()
    page.wait_for_load_state()


def published_agenda():
    return f"/dagsordener/{Agenda.objects.get(meeting__title__contains='KKR Midtjylland').pk}/"


def server_error_page():
    return server_error(RequestFactory().get("/")).content.decode()


PUBLIC_PAGES = [
    PublicPage("kommende møder", "/"),
    PublicPage("møder for én arrangør", organiser_filter("arrangoer", "KL's Socialudvalg")),
    PublicPage("møder i én KKR", organiser_filter("kkr", "KKR Midtjylland")),
    PublicPage("filter uden møder", organiser_filter("arrangoer", "KKR Nordjylland")),
    PublicPage("ukendt filter", "/?arrangoer=findes-ikke&kkr=kl-socialudvalg"),
    PublicPage("politisk møde med invitation (seed 000)", meeting_page("000")),
    PublicPage("KKR-møde med seks underskrivere (seed 001)", meeting_page("001")),
    PublicPage("konference med program og sessioner (seed 002)", meeting_page("002")),
    PublicPage("debatmøde med baggrund (seed 004)", meeting_page("004")),
    PublicPage("møde der ikke findes", "/moeder/999999/", status=404),
    PublicPage("side der ikke findes", "/findes-ikke/", status=404),
    PublicPage("serverfejl", "/serverfejl/", status=500, body=server_error_page),
    FORM_WITH_ERRORS,
    PublicPage("tilmeldingsformular", "/tilmeld/demo-konference/"),
    PublicPage("tilmelding sendt tom", "/tilmeld/demo-konference/", then=submit_registration),
    PublicPage("tilmelding gennemført", "/tilmeld/demo-konference/", then=register_in_browser),
    PublicPage("min tilmelding (personligt link)", personal_link),
    PublicPage("afmeldt", personal_link, then=cancel_registration),
    PublicPage("tilmelding lukket (seed 000)", "/tilmeld/politiskmoede2020/"),
    PublicPage("dagsordener", "/dagsordener/"),
    PublicPage("offentliggjort dagsorden (seed 003)", published_agenda),
    PublicPage("søgning i dagsordener", "/dagsordener/soeg/?q=sundhedsklynger"),
    PublicPage("søgning uden resultater", "/dagsordener/soeg/?q=rumfart"),
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_passes_axe_the_html_checker_and_reflows_on_a_phone(live_server, page):
    """One browser page walks all pages (a fresh page per state would double the time)."""
    demo_data()
    problems = {}
    served = {}
    for public_page in PUBLIC_PAGES:
        page.set_viewport_size({"width": 1280, "height": 800})
        status, served[public_page.name] = visit(page, live_server.url, public_page)
        found = [f"HTTP {status}"] if status != public_page.status else []
        found += axe_violations(page)
        page.set_viewport_size(PHONE_AT_200_PERCENT)
        if overflow := horizontal_overflow(page):
            found.append(f"{overflow} px horizontal scrolling at 320 CSS px (200 % zoom)")
        if found:
            problems[public_page.name] = found
    if errors := html_errors(served):
        problems["Nu Html Checker"] = errors
    assert not problems, "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items()
    )


def test_the_html_checker_finds_errors_when_there_are_some():
    broken = (
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head>'
        "<body><p><div></p></body></html>"
    )
    assert html_errors({"broken": broken})


@pytest.mark.browser
def test_axe_finds_violations_when_there_are_some(page):
    page.set_content(
        '<html><body><img src="data:,"><input type="text"><h1>Møder</h1><h3>Et møde</h3>'
        "</body></html>"
    )
    found = " ".join(axe_violations(page))
    assert "image-alt" in found and "html-has-lang" in found
    assert "heading-order" in found and "landmark-one-main" in found


@pytest.mark.browser
def test_the_reflow_check_sees_a_page_wider_than_a_phone(page):
    page.set_viewport_size(PHONE_AT_200_PERCENT)
    page.set_content('<html lang="da"><body><p style="width: 400px">Bred</p></body></html>')
    assert horizontal_overflow(page) > 0


def contrast(foreground, background):
    """WCAG 2.1's contrast ratio of two colours written #rrggbb or #rgb."""

    def luminance(colour):
        digits = colour.lstrip("#")
        digits = "".join(d * 2 for d in digits) if len(digits) == 3 else digits
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_kl_colours_have_enough_contrast_in_every_state():
    """axe checks the colours a page shows; this checks those it shows only on hover or focus
    (the darker accent, the error colour, the edges of fields) as well."""
    css = (PROJECT / "static" / "css" / "klmeetings.css").read_text(encoding="utf-8")
    kl = dict(re.findall(r"--kl-([a-z-]+):\s*(#[0-9a-fA-F]{3,6});", css))
    for text in ("text", "accent", "accent-hover", "muted", "error"):
        assert contrast(kl[text], "#fff") >= 4.5, text
    for background in ("accent", "accent-hover"):  # the KL mark, buttons, hovered buttons
        assert contrast("#fff", kl[background]) >= 4.5, background
    assert contrast(kl["control-edge"], "#fff") >= 3
    # Links take the accent, not Bootstrap's blue.
    accent_rgb = ", ".join(str(int(kl["accent"][i : i + 2], 16)) for i in (1, 3, 5))
    assert f"--bs-link-color-rgb: {accent_rgb};" in css


def test_the_contrast_check_knows_a_pale_colour_when_it_sees_one():
    assert round(contrast("#777", "#fff"), 1) == 4.5
    assert contrast("#dee2e6", "#fff") < 3  # Bootstrap's own field edges
