"""The invitation letter is built from the meeting: with no prose typed (no sections, no
signatories) it still states date, time, place, deadline, tilmeld link, contact and sender."""

import datetime

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import LetterSection, Meeting, Organiser
from tests.support import pdf_pages, squash

pytestmark = pytest.mark.django_db


def bare_kkr_meeting():
    starts_at = timezone.make_aware(datetime.datetime(2099, 3, 2, 10, 0))
    return Meeting.objects.create(
        organiser=Organiser.objects.get(name="KKR Midtjylland"),
        kind=Meeting.Kind.KKR,
        title="Møde i KKR Midtjylland",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        venue_name="Scandic Silkeborg",
        address="Udgårdsvej 2, 8600 Silkeborg",
        registration_slug="kkr-midt-marts",
        registration_deadline=starts_at - datetime.timedelta(days=7, hours=-2),
        contact_name="Karen Holm",
        contact_email="kho@kl.dk",
    )


def test_a_letter_with_no_prose_states_date_time_place_deadline_link_and_contact():
    meeting = bare_kkr_meeting()
    assert not meeting.letter_sections.exists() and not meeting.signatories.exists()
    text = squash("\n".join(pdf_pages(services.invitation_pdf(services.meeting_for_documents(
        meeting.pk
    )))))  # fmt: skip
    expected = [
        "mandag den 2. marts 2099",  # the date
        "kl. 10.00-13.00",  # the time
        "Scandic Silkeborg, Udgårdsvej 2, 8600 Silkeborg",  # the place
        "senest den 23. februar 2099 kl. 12.00",  # the deadline
        "/tilmeld/kkr-midt-marts/",
        "Karen Holm",
        "kho@kl.dk",
        "Med venlig hilsen",
        "KKR Midtjylland",
    ]
    for fact in expected:
        assert squash(fact) in text, (fact, text)


def test_typed_sections_print_each_fact_once():
    meeting = bare_kkr_meeting()
    for position, kind in enumerate(
        [LetterSection.Kind.TIME_AND_PLACE, LetterSection.Kind.REGISTRATION]
    ):
        LetterSection.objects.create(meeting=meeting, position=position, kind=kind)
    text = squash("\n".join(pdf_pages(services.invitation_pdf(services.meeting_for_documents(
        meeting.pk
    )))))  # fmt: skip
    assert text.count(squash("/tilmeld/kkr-midt-marts/")) == 1
    assert text.count(squash("Scandic Silkeborg, Udgårdsvej 2")) == 1
