"""Every public page meets WCAG 2.1 AA by axe-core's audit in a real browser, and its HTML
passes the Nu Html Checker (webtilgængelighedsloven)."""

import pytest

from tests.a11y_helpers import axe_violations, html_errors

PUBLIC_PAGES = {
    "forside": "/",
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(live_server, page, name):
    page.goto(live_server.url + PUBLIC_PAGES[name])
    assert axe_violations(page) == []


@pytest.mark.django_db
def test_public_pages_are_valid_html(client):
    documents = {name: client.get(url).content.decode() for name, url in PUBLIC_PAGES.items()}
    assert html_errors(documents) == []


def test_the_html_checker_finds_errors_when_there_are_some():
    broken = (
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head>'
        "<body><p><div></p></body></html>"
    )
    assert html_errors({"broken": broken})


@pytest.mark.browser
def test_axe_finds_violations_when_there_are_some(page):
    page.set_content('<html><body><img src="data:,"><input type="text"></body></html>')
    found = " ".join(axe_violations(page))
    assert "image-alt" in found and "html-has-lang" in found
