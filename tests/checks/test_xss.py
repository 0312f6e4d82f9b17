"""Known XSS payloads typed (or imported, or written straight to the database) into every
rich-text field, meeting letter sections and agenda item sections, come out harmless in the
public pages and in the PDFs (text and link annotations read back).

No e-mail carries rich text: the registration e-mails print only the meeting's plain fields,
escaped by the template engine; the last test holds them to that.
"""

import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from django.conf import settings

from agendas.models import Item, Section
from agendas.services.document import agenda_pdf
from agendas.services.publishing import publish_agenda
from meetings import services as meeting_services
from meetings.models import LetterSection
from tests import factories
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">klik</a>',
    '<a href=" \x01javascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<p style="width: expression(alert(1))">stil</p>',
    '<p style="background:url(javascript:alert(1))">stil</p>',
    '<body onload="alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>send</button></form>',
    '<details open ontoggle="alert(1)">',
    '<img src="x" """><script>alert(1)</script>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<p onmouseover="alert(1)" <a href=x>tekst</p>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
]
# Elements that must never come from rich text, and URL schemes that must never survive.
FORBIDDEN_TAGS = {
    "script", "style", "svg", "math", "iframe", "object", "embed", "form", "button", "img",
    "meta", "base", "link", "details", "body",
}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "content"}


def body(number, payload):
    return f"<p>FØR{number}</p>{payload}<p>EFTER{number}</p>"


class Audit(HTMLParser):
    """Collects what a browser would act on in a fragment of HTML."""

    def __init__(self, forbidden_tags):
        super().__init__(convert_charrefs=True)
        self.forbidden_tags = forbidden_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in self.forbidden_tags:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag} {name}={value!r}")
            cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value))
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(cleaned):
                self.problems.append(f"{tag} {name}={value!r}")


def audit(fragment, forbidden_tags=FORBIDDEN_TAGS):
    """What is wrong with `fragment`; pass no forbidden tags for a whole page, whose head and
    body legitimately hold <meta>, <link> and <body>."""
    parser = Audit(forbidden_tags)
    parser.feed(fragment)
    parser.close()
    return parser.problems


def rich_text_part(page):
    """The part of a page that the payloads were written into."""
    start = page.index("FØR0")
    return page[start : page.rindex(f"EFTER{len(PAYLOADS) - 1}")]


def pdf_links_and_actions(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                assert action.get("/S") == "/URI", action
                uris.append(str(action["/URI"]))
    assert "/OpenAction" not in reader.trailer["/Root"]
    assert "/JavaScript" not in (reader.trailer["/Root"].get("/Names") or {})
    assert b"/JS" not in pdf and b"/JavaScript" not in pdf
    return uris, pdf_text(pdf)


@pytest.fixture
def hostile_letter():
    meeting = factories.meeting(seed="000")
    # Straight to the database, as an import or the shell would write: no form cleaned it.
    LetterSection.objects.bulk_create(
        LetterSection(meeting=meeting, position=100 + n, heading=f"Afsnit {n}", body=body(n, p))
        for n, p in enumerate(PAYLOADS)
    )
    return meeting


@pytest.fixture
def hostile_agenda():
    agenda = factories.import_agenda().agenda
    item = Item.objects.filter(agenda=agenda).exclude(parent=None).first()
    Section.objects.bulk_create(
        Section(item=item, kind=Section.Kind.OTHER, title=f"Afsnit {n}", body=body(n, p),
                position=100 + n)
        for n, p in enumerate(PAYLOADS)
    )  # fmt: skip
    publish_agenda(agenda)
    return agenda


def test_the_meeting_page_neutralises_every_payload(hostile_letter, client):
    page = client.get(hostile_letter.get_absolute_url()).content.decode()
    assert audit(rich_text_part(page)) == []
    assert audit(page, forbidden_tags={"script", "iframe", "object", "embed"}) == []
    assert "klik" in page and "stil" in page  # the text around the payloads is kept


def test_the_invitation_pdf_neutralises_every_payload(hostile_letter):
    pdf = meeting_services.invitation_pdf(meeting_services.meeting_for_documents(hostile_letter.pk))
    uris, text = pdf_links_and_actions(pdf)
    assert not [uri for uri in uris if BAD_SCHEME.match(uri.strip())]
    assert "FØR0" in text and f"EFTER{len(PAYLOADS) - 1}" in text


def test_the_agenda_page_neutralises_every_payload(hostile_agenda, client):
    page = client.get(f"/dagsordener/{hostile_agenda.pk}/").content.decode()
    assert audit(rich_text_part(page)) == []
    assert audit(page, forbidden_tags={"script", "iframe", "object", "embed"}) == []


def test_the_agenda_pdf_neutralises_every_payload(hostile_agenda):
    uris, text = pdf_links_and_actions(agenda_pdf(hostile_agenda, "public"))
    assert not [uri for uri in uris if BAD_SCHEME.match(uri.strip())]
    assert "FØR0" in text and f"EFTER{len(PAYLOADS) - 1}" in text


def test_the_editors_sanitiser_saves_no_payload():
    agenda = factories.import_agenda().agenda
    item = Item.objects.filter(agenda=agenda).exclude(parent=None).first()
    for n, payload in enumerate(PAYLOADS):
        section = Section.objects.create(item=item, kind="other", title="x", body=body(n, payload))
        assert audit(section.body) == [], payload


def test_no_email_template_prints_rich_text_unescaped():
    templates = Path(settings.BASE_DIR, "templates", "email").glob("*")
    for template in templates:
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source and "autoescape off" not in source, template.name
        assert "body_html" not in source and "section" not in source, template.name
