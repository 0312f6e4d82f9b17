"""In a real browser (Debian's chromium): the secretary edits an item's text in the admin's
editor, drags an item above another, saves, and sees the numbers follow."""

import pytest
from playwright.sync_api import expect

from agendas.models import Item
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def item_form(page, title):
    title_input = page.locator(f'input[value="{title}"]')
    return page.locator(".agenda-items .inline-related", has=title_input)


def number_of(page, title):
    return item_form(page, title).locator(".field-number .readonly").inner_text().strip()


def open_imported_agenda(live_server, page):
    """A secretary logs in to the agenda page of an imported agenda."""
    agenda = factories.import_agenda().agenda
    factories.admin("sekretaer")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/agendas/agenda/{agenda.pk}/change/")
    page.fill("#id_username", "sekretaer")
    page.fill("#id_password", factories.PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator(".agenda-items")).to_be_visible(timeout=30_000)
    return agenda


def test_edit_text_and_reorder_two_items_by_drag_and_drop(live_server, page):
    agenda = open_imported_agenda(live_server, page)
    assert number_of(page, "Aktuelt om kommunestyret") == "5.1"
    assert number_of(page, "Liste over udpegelser i næste valgperiode") == "5.2"

    first = item_form(page, "Aktuelt om kommunestyret")
    second = item_form(page, "Liste over udpegelser i næste valgperiode")
    editor = first.locator(".field-background .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Oplægget varer 30 minutter.")
    # Both items in view, so that the drag does not scroll the page under the mouse.
    page.set_viewport_size({"width": 1280, "height": 3000})
    page.evaluate("window.scrollTo(0, 0)")
    second.locator("h3.agenda-drag-handle").drag_to(
        first.locator("h3.agenda-drag-handle"),
        source_position={"x": 8, "y": 8},
        target_position={"x": 8, "y": 8},
    )

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible(timeout=30_000)  # 14 items to save
    assert number_of(page, "Liste over udpegelser i næste valgperiode") == "5.1"
    assert number_of(page, "Aktuelt om kommunestyret") == "5.2"
    item = Item.objects.get(title="Aktuelt om kommunestyret")
    body = item.sections.get(kind="background").body
    assert "rollen som kommunalpolitiker." in body
    assert "Oplægget varer 30 minutter." in body
    numbers = {i.title: n for i, n in agenda.numbered_items()}
    assert numbers["Liste over udpegelser i næste valgperiode"] == "5.1"
    assert numbers["Orientering"] == "2.1"  # the others keep their numbers


def test_sags_id_initials_and_closed_are_set_on_the_agenda_page(live_server, page):
    """The position's box is hidden by the drag-and-drop script, not the line beside it."""
    agenda = open_imported_agenda(live_server, page)

    form = item_form(page, "Aktuelt om kommunestyret")
    expect(form.locator("input.agenda-position")).to_be_hidden()
    form.get_by_label("Sags ID").fill("24/01234")
    form.get_by_label("Initialer").fill("akr")
    form.get_by_label("Lukket punkt").check()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible(timeout=30_000)

    item = Item.objects.get(agenda=agenda, title="Aktuelt om kommunestyret")
    assert (item.case_number, item.case_initials, item.closed) == ("24/01234", "akr", True)
    form = item_form(page, "Aktuelt om kommunestyret")
    expect(form.get_by_label("Sags ID")).to_have_value("24/01234")
    expect(form.get_by_label("Lukket punkt")).to_be_checked()
