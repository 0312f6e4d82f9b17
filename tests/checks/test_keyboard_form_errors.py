"""A form sent back with errors, as the tilmeld form will show it (crispy-bootstrap5 fields and
includes/form_errors.html): a screen reader hears the errors at once, and a keyboard user goes
from each error straight to its field and puts it right.

The page is a form of the test's own in base.html, served to the browser at a path of the live
server, so it runs with the portal's real stylesheet, script and Content Security Policy. The
page is also one of PUBLIC_PAGES in tests/checks/test_accessibility.py (axe, HTML checker,
reflow)."""

import pytest
from django import forms
from django.template import Context, Template
from playwright.sync_api import expect

from tests.a11y_helpers import PublicPage, focused, tab_to, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class RegistrationForm(forms.Form):
    name = forms.CharField(label="Navn")
    email = forms.EmailField(label="E-mail")
    municipality = forms.ChoiceField(
        label="Kommune", choices=[("", "Vælg kommune"), ("aarhus", "Aarhus"), ("skive", "Skive")]
    )
    attendance = forms.ChoiceField(
        label="Deltagelse",
        choices=[("fysisk", "Jeg deltager fysisk"), ("online", "Jeg deltager online")],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label="Jeg har læst, hvordan KL behandler mine oplysninger")


PAGE = Template(
    '{% extends "base.html" %}{% load crispy_forms_tags %}'
    "{% block title %}Tilmelding{% endblock %}"
    "{% block content %}<h1>Tilmelding</h1>"
    '{% include "includes/form_errors.html" with form=form %}'
    '<form method="post" novalidate>{{ form|crispy }}'
    '<button type="submit" class="btn btn-primary">Tilmeld</button></form>'
    "{% endblock %}"
)


def form_with_errors():
    form = RegistrationForm({"email": "ikke-en-adresse"})
    assert not form.is_valid()
    return PAGE.render(Context({"form": form}))


FORM_WITH_ERRORS = PublicPage(
    "formular med fejl (mønstret til tilmeldingen)", "/formular/", body=form_with_errors
)


def test_the_error_summary_takes_focus_and_its_links_lead_into_the_fields(live_server, page):
    visit(page, live_server.url, FORM_WITH_ERRORS)

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_have_text("Der er 5 fejl i formularen")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Navn: Dette felt er påkrævet.",
            "E-mail: Indtast en gyldig e-mail-adresse.",
            "Kommune: Dette felt er påkrævet.",
            "Deltagelse: Dette felt er påkrævet.",
            "Jeg har læst, hvordan KL behandler mine oplysninger: Dette felt er påkrævet.",
        ]
    )
    # Each field says it is wrong and why, in words a screen reader reads with the field.
    email = page.get_by_label("E-mail")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Indtast en gyldig e-mail-adresse.")

    # From the summary to the e-mail field with Tab and Enter, then put it right.
    tab_to(page, "E-mail: Indtast en gyldig")
    page.keyboard.press("Enter")
    expect(email).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("jette.skive@viborg.dk")
    expect(email).to_have_value("jette.skive@viborg.dk")

    # A radio group's link leads to its first choice, which Space then picks.
    summary.focus()
    tab_to(page, "Deltagelse: Dette felt")
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "Jeg deltager fysisk"
    page.keyboard.press("Space")
    expect(page.get_by_label("Jeg deltager fysisk")).to_be_checked()


def test_a_form_without_errors_has_no_summary_and_keeps_the_focus_where_it_was(live_server, page):
    page.route(
        live_server.url + "/formular/",
        lambda route: route.fulfill(
            body=PAGE.render(Context({"form": RegistrationForm()})),
            content_type="text/html; charset=utf-8",
        ),
    )
    page.goto(live_server.url + "/formular/")
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    assert focused(page)["tag"] == "body"
