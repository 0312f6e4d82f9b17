"""In a real browser: the secretariat's admin speaks Danish throughout: the inlines' "add"
links with the noun's gender, the rich-text editor's toolbar and menus (no "Heading 3", no
"Insert table", no missing glyph), breadcrumbs with their spaces, a favicon, and help texts
that show what they say (no "/tilmeld//")."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = ["Heading", "Paragraph", "Insert table", "bold", "italic", "undo", "ordered list"]


def log_in(page, live_server, path):
    get_user_model().objects.create_superuser("sekretaer", "s@kl.dk", "hemmeligt-kodeord")
    page.goto(f"{live_server.url}/admin/login/?next={path}")
    page.fill("#id_username", "sekretaer")
    page.fill("#id_password", "hemmeligt-kodeord")
    page.click("input[type=submit]")


def test_the_meeting_form_and_its_editor_are_danish(live_server, page):
    log_in(page, live_server, "/admin/meetings/meeting/add/")
    add_section = page.locator("#letter_sections-group .add-row a")
    expect(add_section).to_have_text("Tilføj endnu et afsnit")
    expect(page.locator("#attachments-group .add-row a")).to_have_text("Tilføj endnu et bilag")
    add_section.click()  # a section's editor, made as the row is added
    menubar = page.locator("#letter_sections-0 .prose-menubar")
    expect(menubar).to_be_visible()
    titles = menubar.evaluate(
        "bar => [...bar.querySelectorAll('[title]')].map(e => e.title + ' ' + e.ariaLabel)"
    )
    # the words shown (icons are ligatures named by their text, "format_bold")
    text = menubar.evaluate(
        "bar => [...bar.querySelectorAll(':not(.material-icons)')]"
        ".filter(e => !e.children.length).map(e => e.textContent).join(' ')"
    )
    assert "Overskrift 3" in text and "Afsnit" in text
    assert "Fed" in " ".join(titles) and "Indsæt tabel" in " ".join(titles)
    for word in ENGLISH:
        assert not any(word in title for title in titles), (word, titles)
        assert word not in text, (word, text)
    arrow = page.evaluate(
        "getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content"
    )
    assert arrow == '"▾"'
    assert page.locator("link[rel=icon]").count() == 1
    help_text = page.locator(".field-registration_slug .help").inner_text()
    assert "/tilmeld/kortnavn/" in help_text and "/tilmeld//" not in help_text


def test_breadcrumbs_keep_their_spaces(live_server, page):
    meeting = factories.meeting()
    log_in(page, live_server, f"/admin/meetings/meeting/{meeting.pk}/side/")
    crumbs = page.locator(".breadcrumbs li")
    assert crumbs.all_inner_texts() == ["Hjem", "Møder", meeting.title]
    # the "›" comes from the stylesheet at the end of each crumb; the space after it is the
    # white space between the crumbs
    gaps = crumbs.evaluate_all(
        "items => items.slice(1).map((item, i) =>"
        " item.getBoundingClientRect().left - items[i].getBoundingClientRect().right)"
    )
    assert all(gap >= 3 for gap in gaps), gaps
