"""A secretary puts an invitation from the seeds into the portal and gets KL's letter back as
a PDF: every heading, time, signatory, Sags ID, Dok. ID and deadline of the seed, in the
seed's order, with the letterhead column and "Side X af Y" on every page."""

import io

import pypdf
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from meetings import services
from meetings.models import LetterSection, Meeting, Organiser
from tests import factories
from tests.support import assert_in_order, assert_page_numbers, pdf_pages, seed_text, squash

pytestmark = pytest.mark.django_db

KL_ADDRESS = ["Weidekampsgade 10", "Postboks 3370", "2300 København S", "www.kl.dk"]

SEED_000_IN_ORDER = [
    "Udvalgspolitikere",
    "Invitation til politisk møde med KL's Sundheds- og Ældreudvalg den 13. august 2020 i Viborg",
    "kommunalpolitikere fra Ikast-Brande, Herning, Hedensted, Odder, Silkeborg og Viborg",
    "Hvad kan vi lære af arbejdet under Corona-epidemien?",
    "Rekruttering og kompetencer på sundheds- og ældreområdet",
    "Dagen afsluttes med et politisk møde",
    "Hvad kan vi lære af arbejdet under Corona-epidemien?",
    "Punktet indledes med oplæg fra KL's Sundheds- og Ældreudvalg.",
    "Rekruttering og kompetencer på sundheds- og ældreområdet",
    "Punktet indledes med oplæg af formand for Sundheds- og Omsorgsudvalget Frank Heidemann, "
    "Ikast-Brande Kommune.",
    "Temaerne er udvalgt på baggrund af kommunernes tilbagemelding",
    "Det politiske møde afholdes torsdag den 13. august 2020 kl. 16.00-18.00 på Golf Hotel "
    "Viborg, Hans Tausens Alle 2, 8800 Viborg.",
    "Tilmelding skal ske via følgende link:",
    "Senest den 10. august 2020.",
    "Vi håber på jeres deltagelse og ser frem til gode drøftelser.",
    "På vegne af KL's Sundheds- og Ældreudvalg",
    "Med venlig hilsen",
    "Jette Skive",
    "formand for KL's Sundheds- og Ældreudvalg",
]
SEED_000_LETTERHEAD = [
    "Dato: 18. juni 2020",
    "Sags ID: SAG-2020-03286",
    "Dok. ID: 2936351",
    "E-mail: ASFP@kl.dk",
    "Direkte: 3370 3700",
]

SEED_001_IN_ORDER = [
    "Hvordan udvikler vi det nære sundhedsvæsen sammen?",
    "Kære borgmester og udvalgsformand",
    "Vi vil gerne invitere jer til dialogmøde",
    "Onsdag den 23. januar",
    "16.30-19.00",
    "Festsalen, De Gamles By, Edith Rodes Vej 2-4, 2200 København N",
    "Det skal vi samles om",
    "Papiret fremlægges til godkendelse på KKR Hovedstadens møde den 4. februar 2013.",
    "Tilmelding på afp@kl.dk senest den 15. januar 2013.",
    "Med venlig hilsen",
    "Steen Christiansen",
    "Ninna Thomsen",
    "Jørgen Glenthøj",
    "Thomas Lykke Pedersen",
    "Ib Terp",
    "Birgit Roswall",
    "Foreløbig dagsorden for mødet",
    "Velkomst ved KKR's formand Steen Christiansen",
    "Oplæg fra KL om sundhedsudspillet og det videre arbejde",
    "Drøftelse og spørgsmål",
    "Oplæg fra medlem af SKU som forslag til fokusområder og initiativer i hovedstadsregionen",
    "Drøftelse",
    "Opsamling og videre proces",
    "Fokus på det nære sundhedsvæsen",
    "På Kommunalpolitisk Topmøde 2012 lancerede KL udspillet",
    "http://www.kl.dk/Aktuelle-temaer/Det-nare-sundhedsvasen/",
]
# The seed's six signatures sit in columns that its text jumbles; each title is checked alone.
SEED_001_SIGNATORY_TITLES = [
    "Formand for KKR Hovedstaden",
    "Sundheds- og Omsorgsborgmester København,",
    "Borgmester Frederiksberg,",
    "Borgmester Fredensborg,",
    "Borgmester Brøndby,",
    "Kommunalbestyrelsesmedlem Gribskov,",
    "Medlem af Sundhedskoordinationsudvalget",
]

SEED_004_IN_ORDER = [
    "Invitation til regionalt debatmøde om kommunernes socialpolitik d. 16. marts",
    "Socialområdet fylder meget i den politiske debat",
    "KL's Socialudvalg inviterer derfor kommunale fagudvalg",
    "Mødet er kun for kommunalpolitikere.",
    "Mødet i Region Midtjylland foregår",
    "16. marts",
    "16.30",
    "18.30",
    "Multisalen, Viborg Rådhus",
    "Prinsens Alle 5, 8800 Viborg",
    "Konkret vil vi på møderne drøfte",
    "Med invitationen til mødet er der også udsendt et debatoplæg",
    "Tilmeldingen sker via dette link:",
    "Har du spørgsmål omkring debatmødet kan de stilles til Andreas Schløer Madsen, KL, på "
    "ansm@kl.dk eller 30571267.",
    "På Socialudvalgets vegne",
    "Thomas Adelskov",
    "Formand KL's Socialudvalg",
    "Ulrik Wilbek",
    "Næstformand KL's Socialudvalg",
]
SEED_004_LETTERHEAD = [
    "Dato: 28. november 2019",
    "Sags ID: SAG-2019-03279",
    "Dok. ID: 2869390",
    "E-mail: ANSM@kl.dk",
    "Direkte: 3370 3153",
]


# Where the letter says more than the seed on purpose (docs/seeds/README.md): the deadline
# with its time.
DELIBERATE_CHANGES = {
    "Senest den 10. august 2020.": "Senest den 10. august 2020 kl. 23.59.",
    "Tilmelding på afp@kl.dk senest den 15. januar 2013.": (
        "Tilmelding på afp@kl.dk senest den 15. januar 2013 kl. 23.59."
    ),
}


def invitation(meeting):
    return services.invitation_pdf(services.meeting_for_documents(meeting.pk))


@pytest.mark.parametrize(
    ("key", "in_order", "letterhead"),
    [
        ("000", SEED_000_IN_ORDER, SEED_000_LETTERHEAD),
        # Seed 001 is a letter without case data: the column holds KL's address alone.
        ("001", SEED_001_IN_ORDER, []),
        ("004", SEED_004_IN_ORDER, SEED_004_LETTERHEAD),
    ],
)
def test_each_seed_invitation_comes_out_as_kls_letter_in_the_seeds_order(key, in_order, letterhead):
    # The expectations are the seed's own words, in the seed's order.
    assert_in_order(seed_text(key), in_order, where=f"seed {key}")
    for line in letterhead:
        assert line in seed_text(key)

    pages = pdf_pages(invitation(factories.meeting(seed=key)))

    assert_in_order("\n".join(pages), [DELIBERATE_CHANGES.get(item, item) for item in in_order])
    assert_page_numbers(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {len(pages)}" in page
        assert_in_order(page, letterhead + KL_ADDRESS, where=f"letterhead of page {number}")


def test_seed_001_prints_every_signatory_with_title_and_membership():
    text = "\n".join(pdf_pages(invitation(factories.meeting(seed="001"))))
    for title in SEED_001_SIGNATORY_TITLES:
        assert_in_order(text, [title])
    assert squash(text).count(squash("Medlem af Sundhedskoordinationsudvalget")) == 5


def test_the_letter_points_to_the_portals_tilmeld_page(settings):
    settings.SITE_URL = "https://moeder.kl.dk"
    text = "\n".join(pdf_pages(invitation(factories.meeting(seed="000"))))
    assert_in_order(
        text,
        [
            "Tilmelding skal ske via følgende link:",
            "https://moeder.kl.dk/tilmeld/politiskmoede2020/",
            "Senest den 10. august 2020 kl. 23.59.",
        ],
    )


def test_the_pdf_carries_title_author_language_and_bookmarks():
    reader = pypdf.PdfReader(io.BytesIO(invitation(factories.meeting(seed="000"))))
    assert reader.metadata.title == (
        "Invitation til politisk møde med KL's Sundheds- og Ældreudvalg den 13. august 2020 "
        "i Viborg"
    )
    assert reader.metadata.author == "KL's Sundheds- og Ældreudvalg"
    assert reader.trailer["/Root"]["/Lang"] == "da"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [child.title for item in reader.outline if isinstance(item, list) for child in item]
    assert titles[0].startswith("Invitation til politisk møde")
    assert "Rekruttering og kompetencer på sundheds- og ældreområdet" in nested


def test_gathering_a_letter_takes_a_few_queries_however_long_it_is(
    django_assert_max_num_queries,
):
    # One query per kind of row (eleven at most, fewer where a kind has no rows at all),
    # never one per section, signatory, slot or speaker.
    for key in ("004", "001", "002"):
        meeting = factories.meeting(seed=key)
        with django_assert_max_num_queries(services.DOCUMENT_QUERIES):
            gathered = services.meeting_for_documents(meeting.pk)
            services.invitation_context(gathered)
            services.programme_context(gathered)


def test_export_pdf_writes_the_letters_of_one_meeting_or_of_all(tmp_path):
    letter = factories.meeting(seed="000")
    conference = factories.meeting(seed="002")
    call_command("export_pdf", str(letter.pk), "--dir", str(tmp_path / "one"))
    written = list((tmp_path / "one").iterdir())
    assert [path.name for path in written] == [
        "invitation-2020-08-13-politisk-moede-med-kls-sundheds-og-aeldreudvalg-i-viborg.pdf"
    ]
    assert written[0].read_bytes().startswith(b"%PDF-")

    call_command("export_pdf", "--all", str(tmp_path / "all"))
    names = sorted(path.name for path in (tmp_path / "all").iterdir())
    assert names == [
        "invitation-2020-08-13-politisk-moede-med-kls-sundheds-og-aeldreudvalg-i-viborg.pdf",
        "program-2022-05-24-social-og-sundhedspolitisk-forum-2022.pdf",
    ]
    assert conference.pk


def test_export_pdf_of_a_missing_meeting_says_so_in_danish(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Der findes intet møde med id 999999"):
        call_command("export_pdf", "999999", "--dir", str(tmp_path))


def test_a_letter_without_slug_or_email_prints_no_empty_tilmelding():
    meeting = factories.meeting(seed="004")
    Meeting.objects.filter(pk=meeting.pk).update(registration_slug=None)
    text = "\n".join(pdf_pages(invitation(meeting)))
    assert "Tilmeldingen sker via dette link:" not in text
    assert Organiser.objects.filter(pk=meeting.organiser_id).exists()
    assert LetterSection.objects.filter(meeting=meeting, kind="registration").exists()


def test_staff_download_the_pdfs_from_the_meetings_admin_page(admin_client):
    letter = factories.meeting(seed="000")
    conference = factories.meeting(seed="002")
    change_page = admin_client.get(f"/admin/meetings/meeting/{letter.pk}/change/")
    html = change_page.content.decode()
    assert change_page.status_code == 200
    assert f"/admin/meetings/meeting/{letter.pk}/pdf/invitation/" in html
    assert "Invitation (PDF)" in html
    assert "Sundheds- og Omsorgsudvalget Frank" in html  # a section, in its inline

    response = admin_client.get(f"/admin/meetings/meeting/{letter.pk}/pdf/invitation/")
    assert response["Content-Type"] == "application/pdf"
    assert "invitation-2020-08-13-" in response["Content-Disposition"]
    assert "Jette Skive" in "\n".join(pdf_pages(response.content))

    response = admin_client.get(f"/admin/meetings/meeting/{conference.pk}/pdf/program/")
    assert "Konferencens ordstyrer" in "\n".join(pdf_pages(response.content))

    response = admin_client.get(f"/admin/meetings/meeting/{letter.pk}/pdf/referat/", follow=True)
    assert "Ukendt dokument." in response.content.decode()


def test_the_pdf_button_is_for_staff_only(client):
    letter = factories.meeting(seed="000")
    response = client.get(f"/admin/meetings/meeting/{letter.pk}/pdf/invitation/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_secretary_edits_a_days_slots_and_a_slots_speakers_in_the_admin(admin_client):
    conference = factories.meeting(seed="002")
    day = conference.programme_days.first()
    html = admin_client.get(f"/admin/meetings/programmeday/{day.pk}/change/").content.decode()
    assert "Velkomst og åbning af konferencen" in html
    slot = day.slots.get(starts_at="12:00")
    html = admin_client.get(f"/admin/meetings/programmeslot/{slot.pk}/change/").content.decode()
    assert "Villy Søvndal" in html
    session = conference.sessions.get(number=3)
    html = admin_client.get(
        f"/admin/meetings/parallelsession/{session.pk}/change/"
    ).content.decode()
    assert "Ove Gaardboe" in html


def test_a_secretary_picks_invited_roles_as_check_boxes(admin_client):
    meeting = factories.meeting(seed="001")
    html = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert 'type="checkbox" name="invited_roles" value="borgmester"' in html
    assert 'value="borgmester" id="id_invited_roles_0" checked' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_a_secretary_adds_a_letter_section_and_it_reaches_the_pdf(
    live_server, page, django_user_model
):
    meeting = factories.meeting(seed="004")
    factories.admin("sekretaer")

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "sekretaer")
    page.fill("#id_password", factories.PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/")
    page.click("#letter_sections-group .add-row a")
    form = page.locator("#letter_sections-5")
    form.locator("input[name$='-position']").fill("8")
    form.locator("input[name$='-heading']").fill("Praktisk")
    editor = form.locator("[contenteditable=true]")
    editor.click()
    page.keyboard.type("Der serveres kaffe fra kl. 16.00.")
    page.click("input[name=_continue]")
    expect(page.locator("ul.messagelist li.success")).to_have_count(1)

    section = LetterSection.objects.get(meeting=meeting, heading="Praktisk")
    assert section.body == "<p>Der serveres kaffe fra kl. 16.00.</p>"
    text = "\n".join(pdf_pages(invitation(meeting)))
    assert_in_order(text, ["Har du spørgsmål omkring debatmødet", "Praktisk", "Der serveres kaffe"])
