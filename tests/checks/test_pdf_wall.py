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
