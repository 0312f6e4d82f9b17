"""The PDF renderer is the wall between a document and the server's files: whatever HTML
reaches it (sanitised or written straight to a row), a PDF reads only the project's stylesheet
and fonts and carries no embedded file."""

import io

import pypdf
import pytest
import weasyprint

from klmeetings import documents
from klmeetings.documents import ALLOWED_ASSETS, render_html_to_pdf
from tests.support import pdf_text

STATIC = documents.STATIC_DIR.as_uri()

# Ways a link or a resource can try to climb out of static/ to a file of the server.
TARGETS = [
    "file:///etc/passwd",
    "/etc/passwd",
    "../klmeetings/settings.py",
    "%2e%2e/klmeetings/settings.py",
    "%2E%2E%2Fklmeetings%2Fsettings.py",
    "%252e%252e/klmeetings/settings.py",
    f"{STATIC}/%2e%2e/klmeetings/settings.py",
    f"{STATIC}/pdf/..%2f..%2fklmeetings/settings.py",
    "/static/../klmeetings/settings.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "file:///proc/self/environ",
    "data:text/plain;base64,cm9vdDp4OjA6MA==",
]


def hostile_body(target):
    return (
        f'<p><a rel="attachment" href="{target}">bilag</a></p>'
        f'<p><a href="{target}" rel="attachment noopener">igen</a></p>'
        f'<link rel="attachment" href="{target}">'
        f'<img src="{target}" alt="billede">'
        f"<p style=\"background: url('{target}')\">baggrund</p>"
        f"<style>@import url('{target}'); p {{ background-image: url('{target}') }}</style>"
        f'<object data="{target}"></object><embed src="{target}">'
        "<p>Brødtekst</p>"
    )


def embedded_files(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                names.append("annotation")
    return names


@pytest.fixture
def opened(monkeypatch):
    """Every URL the renderer really opened (what passed its fetcher)."""
    urls = []
    original = weasyprint.URLFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(weasyprint.URLFetcher, "fetch", spy)
    return urls


def opened_outside_assets(urls):
    from pathlib import Path
    from urllib.parse import unquote, urlsplit

    return [
        url
        for url in urls
        if urlsplit(url).scheme != "file"
        or Path(unquote(urlsplit(url).path)).resolve() not in ALLOWED_ASSETS
    ]


@pytest.mark.parametrize("target", TARGETS)
def test_no_spelling_of_a_path_gets_a_server_file_into_the_pdf(target, opened):
    html = (
        '<html lang="da"><head><title>Dagsorden</title>'
        f'<link rel="attachment" href="{target}"><link rel="stylesheet" href="{target}">'
        f"</head><body>{hostile_body(target)}</body></html>"
    )
    pdf = render_html_to_pdf(html)

    assert embedded_files(pdf) == []
    assert opened_outside_assets(opened) == []
    text = pdf_text(pdf)
    assert "Brødtekst" in text
    assert "root:x:0:0" not in text


def test_the_control_the_same_attachment_to_an_asset_is_still_not_embedded(opened):
    """Even a file the renderer may read (its own stylesheet) is not attached: attaching is
    refused as such, not only for forbidden paths."""
    html = (
        '<html lang="da"><head><title>Brev</title></head><body>'
        '<p><a rel="attachment" href="pdf/kl.css">stil</a></p></body></html>'
    )
    pdf = render_html_to_pdf(html)
    assert embedded_files(pdf) == []
    assert opened_outside_assets(opened) == []


@pytest.mark.parametrize(
    "link",
    [
        '<a href="../klmeetings/settings.py">x</a>',
        '<a href="/static/%2e%2e/%2e%2e/etc/passwd">x</a>',
        '<a href="file:///etc/passwd">x</a>',
        '<a href="//andet.example/x">x</a>',
        '<a href="https://www.kl.dk/" rel="attachment">x</a>',
    ],
)
def test_rich_text_keeps_only_absolute_web_and_mail_links_and_no_rel(link):
    from klmeetings.richtext import sanitize_html

    cleaned = sanitize_html(f"<p>{link}</p>")
    assert "rel=" not in cleaned
    assert "etc/passwd" not in cleaned and "settings.py" not in cleaned
    assert "andet.example" not in cleaned
    assert ">x</a>" in cleaned


def test_rich_text_keeps_ordinary_links():
    from klmeetings.richtext import sanitize_html

    html = '<p><a href="https://www.kl.dk/kkr">KKR</a> og <a href="mailto:kkr@kl.dk">skriv</a></p>'
    assert sanitize_html(html) == html


# Every payload, every spelling: what a hostile row holds in the per-kind test below.
EVERY_PAYLOAD = "".join(hostile_body(target) for target in TARGETS)


def hostile_document(document):
    """A frozen agenda document (a version's or the referat's JSON) whose every section holds
    every payload, as if written to the row without the sanitiser."""
    items = [
        {**item, "sections": [{**s, "html": EVERY_PAYLOAD} for s in item["sections"]]}
        for item in document["items"]
    ]
    return {**document, "items": items}


@pytest.fixture
def hostile_rows(db):
    """Seed 002's meeting (letter and programme) and seed 003's agenda, with every payload
    written straight into their rows (.update(), so no sanitiser ran): letter sections and
    background, programme and session descriptions, agenda sections, the published version's
    and the referat's JSON, and a registration for the participant list."""
    from django.utils import timezone

    from agendas.models import Agenda, AgendaVersion, Section
    from agendas.services.publishing import publish_agenda
    from meetings.models import LetterSection, Meeting, ParallelSession, ProgrammeSlot
    from registrations.models import Registration, RegistrationSettings
    from tests import factories

    meeting = factories.seed_meeting("002")
    LetterSection.objects.create(meeting=meeting, heading="Indledning", body="<p>x</p>")
    LetterSection.objects.filter(meeting=meeting).update(body=EVERY_PAYLOAD)
    Meeting.objects.filter(pk=meeting.pk).update(background=EVERY_PAYLOAD)
    ProgrammeSlot.objects.filter(day__meeting=meeting).update(description=EVERY_PAYLOAD)
    ParallelSession.objects.filter(meeting=meeting).update(description=EVERY_PAYLOAD)
    RegistrationSettings.objects.create(
        meeting=meeting, invitations_at=timezone.now(), summary_email="sekretariat@kl.dk"
    )
    Registration.objects.create(
        meeting=meeting,
        name=f'<img src="{TARGETS[0]}"><a rel="attachment" href="{TARGETS[3]}">x</a>',
        email="politiker@example.dk",
        status=Registration.Status.CONFIRMED,
        queued_at=timezone.now(),
        comment=EVERY_PAYLOAD,
    )

    agenda = factories.import_agenda().agenda
    Section.objects.filter(item__agenda=agenda).update(body=EVERY_PAYLOAD)
    version = publish_agenda(agenda)
    AgendaVersion.objects.filter(pk=version.pk).update(document=hostile_document(version.document))
    Agenda.objects.filter(pk=agenda.pk).update(minutes_document=hostile_document(version.document))
    return meeting, Agenda.objects.get(pk=agenda.pk)


def _meeting_pdf(kind):
    def render(meeting, agenda):
        from meetings import services

        documents = services.meeting_for_documents(meeting.pk)
        return {"invitation": services.invitation_pdf, "programme": services.programme_pdf}[kind](
            documents
        )

    return render


def _agenda_pdf(audience, version=None):
    def render(meeting, agenda):
        from agendas.services import document

        return document.agenda_pdf(agenda, audience, version=version)

    return render


def _referat(meeting, agenda):
    from agendas.services import document

    return document.minutes_pdf(agenda, document.PUBLIC)


def _participant_list(meeting, agenda):
    from registrations.services import reports

    return reports.participant_list_pdf(meeting)


def _mailing_attachment(slug):
    def render(meeting, agenda):
        from registrations.services import mailing_overview, mailings

        _settings, mailing = mailing_overview.find(meeting, slug)
        (pdf,) = [c for name, c, _type in mailings.attachments(meeting, mailing) if ".pdf" in name]
        return pdf

    return render


PDF_KINDS = {
    "invitation": _meeting_pdf("invitation"),
    "programme": _meeting_pdf("programme"),
    "agenda, public, published version": _agenda_pdf("public"),
    "agenda, members', published version": _agenda_pdf("staff"),
    "agenda, public, draft from the rows": _agenda_pdf("public", "draft"),
    "agenda, members', draft from the rows": _agenda_pdf("staff", "draft"),
    "referat": _referat,
    "participant list": _participant_list,
    "invitation mailing's attachment": _mailing_attachment("invitation"),
    "summary mailing's attachment": _mailing_attachment("summary"),
}


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_no_pdf_kind_carries_a_server_file_or_fetches_outside_the_assets(
    kind, hostile_rows, opened
):
    pdf = PDF_KINDS[kind](*hostile_rows)

    assert pdf.startswith(b"%PDF")
    assert embedded_files(pdf) == []
    assert opened_outside_assets(opened) == []
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "root:x:0:0" not in text and "SECRET_KEY" not in text
