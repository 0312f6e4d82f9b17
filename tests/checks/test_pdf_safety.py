"""Text the secretariat types cannot make a PDF read the server's files or call other hosts,
and cannot carry script into a page or a PDF."""

import http.server
import io
import threading

import pypdf
import pytest

from klmeetings.documents import render_html_to_pdf
from meetings import services
from meetings.models import LetterSection
from tests import factories
from tests.support import pdf_pages

pytestmark = pytest.mark.django_db


class CountingServer(http.server.ThreadingHTTPServer):
    """An HTTP server on loopback that counts every request and answers with a tiny PNG."""

    def __init__(self):
        self.hits = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def loopback_server():
    server = CountingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def images_in(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return sum(len(page.images) for page in reader.pages)


def hostile_html(url):
    return (
        "<p>Indledning</p>"
        '<img src="file:///etc/passwd">'
        f'<img src="{url}/billede.png">'
        f'<p style="background: url({url}/baggrund.png)">Tekst</p>'
        "<script>document.write('skadelig')</script>"
        '<p><a href="javascript:alert(1)" onclick="alert(2)">Klik her</a></p>'
        '<p onmouseover="alert(3)">Afslutning</p>'
    )


def test_a_letter_with_hostile_html_neither_reads_files_nor_calls_the_server(loopback_server):
    meeting = factories.meeting(seed="000")
    # Written straight to the database, as an import or the shell would: no form cleaned it.
    LetterSection.objects.create(
        meeting=meeting, position=99, heading="Farlig tekst", body=hostile_html(loopback_server.url)
    )
    pdf = services.invitation_pdf(services.meeting_for_documents(meeting.pk))

    assert loopback_server.hits == []
    assert images_in(pdf) == 0
    text = "\n".join(pdf_pages(pdf))
    assert "root:" not in text
    assert "skadelig" not in text
    assert "Indledning" in text
    assert "Klik her" in text
    assert b"javascript" not in pdf


def test_the_renderer_refuses_files_and_hosts_even_for_unsanitised_html(loopback_server):
    # The second wall: HTML that skipped sanitising altogether still fetches nothing.
    url = loopback_server.url
    html = (
        '<html lang="da"><head>'
        f'<link rel="stylesheet" href="{url}/stil.css">'
        f"<style>@import url({url}/import.css); body {{ background: url({url}/bg.png) }}</style>"
        "</head><body>"
        '<img src="file:///etc/passwd">'
        '<img src="file:///etc/hostname">'
        '<img src="../../../../../../etc/passwd">'
        f'<img src="{url}/billede.png">'
        f'<object data="{url}/objekt"></object>'
        "<p>Brødtekst</p></body></html>"
    )
    pdf = render_html_to_pdf(html)

    assert loopback_server.hits == []
    assert images_in(pdf) == 0
    assert b"root:x:0:0" not in pdf
    assert "Brødtekst" in "\n".join(pdf_pages(pdf))


def test_the_renderer_still_uses_its_own_fonts_and_stylesheet(loopback_server):
    """The control: the fetcher is not simply refusing everything."""
    pdf = render_html_to_pdf('<html lang="da"><body><p>Æblegrød</p></body></html>')
    fonts = {
        str(font.get("/BaseFont"))
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert any("Open-Sans" in font for font in fonts), fonts
    assert loopback_server.hits == []


def test_the_section_editor_strips_script_handlers_and_javascript_links():
    meeting = factories.meeting(seed="000")
    section = LetterSection(meeting=meeting, kind="text", body=hostile_html("http://127.0.0.1:9"))
    section.full_clean()

    assert "<script" not in section.body
    assert "onclick" not in section.body
    assert "onmouseover" not in section.body
    assert "javascript:" not in section.body
    assert "<img" not in section.body
    assert "style=" not in section.body
    assert "<p>Indledning</p>" in section.body
    assert "Klik her" in section.body


def test_the_public_meeting_page_shows_no_script_from_a_letter(client):
    meeting = factories.meeting(seed="000")
    LetterSection.objects.create(
        meeting=meeting,
        position=99,
        heading="Farlig tekst",
        body=hostile_html("http://127.0.0.1:9"),
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Farlig tekst" in html
    assert "Indledning" in html
    for forbidden in ("<script>document", "javascript:", "onclick", "onmouseover", "file:///"):
        assert forbidden not in html


def test_the_admins_letter_inline_saves_only_sanitised_text(rf, admin_user):
    from django.contrib import admin

    from meetings.admin_forms import LetterSectionInline
    from meetings.models import Meeting

    meeting = factories.meeting(seed="004")
    request = rf.get("/")
    request.user = admin_user
    formset_class = LetterSectionInline(Meeting, admin.site).get_formset(request, meeting)
    data = {
        "letter_sections-TOTAL_FORMS": "1",
        "letter_sections-INITIAL_FORMS": "0",
        "letter_sections-0-position": "9",
        "letter_sections-0-kind": "text",
        "letter_sections-0-heading": "Nyt afsnit",
        "letter_sections-0-body": hostile_html("http://127.0.0.1:9"),
        "letter_sections-0-opener": "",
    }
    formset = formset_class(data, instance=meeting, prefix="letter_sections")
    assert formset.is_valid(), formset.errors
    [section] = formset.save()
    section.refresh_from_db()
    assert "<p>Indledning</p>" in section.body
    for forbidden in ("<script", "onclick", "javascript:", "<img", "style="):
        assert forbidden not in section.body
