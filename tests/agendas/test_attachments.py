"""A secretary attaches a document to a letter or an agenda item: PDF, Word, Excel and images
are taken by what their bytes say, anything else (or too large, or wearing a false extension)
is refused in Danish with nothing saved, and the stored name keeps no path or control
characters but keeps its Danish letters."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from agendas.models import Attachment as Bilag
from agendas.models import Item
from klmeetings.documents import render_html_to_pdf
from klmeetings.uploads import safe_filename, validate_document
from meetings.models import Attachment
from tests import factories

from .test_agenda_admin import item_post
from .test_agenda_import import minimal_docx, paragraph


def image(format_name):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format_name)
    return buffer.getvalue()


def workbook():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word.exe", b"MZ")
    return buffer.getvalue()


def pdf():
    return render_html_to_pdf(
        '<html lang="da"><head><title>Debatoplæg</title></head>'
        "<body><p>Debatoplæg</p></body></html>"
    )


GOOD = {
    "debatoplæg.pdf": pdf,
    "notat.docx": lambda: minimal_docx(paragraph("Notat")).read(),
    "budget.xlsx": workbook,
    "gammelt.doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "foto.JPG": lambda: image("JPEG"),
    "kort.png": lambda: image("PNG"),
    "logo.gif": lambda: image("GIF"),
    "billede.webp": lambda: image("WEBP"),
}

BAD = {
    "program.exe": (b"MZ\x90\x00" + bytes(60), "Filtypen kan ikke bruges"),
    "virus.pdf": (b"MZ\x90\x00" + bytes(60), "Filtypen kan ikke bruges"),
    "tegning.svg": (b'<svg onload="alert(1)"/>', "Filtypen kan ikke bruges"),
    "side.html": (b"<html><script>alert(1)</script>", "Filtypen kan ikke bruges"),
    "arkiv.zip": (None, "Filtypen kan ikke bruges"),
    "brudt.docx": (b"PK\x03\x04 not really a zip", "Filtypen kan ikke bruges"),
    "notat.pdf": (minimal_docx(paragraph("Ikke en PDF")).read(), "indholdet er .docx"),
    "tom.pdf": (b"", "Filtypen kan ikke bruges"),
}


@pytest.mark.parametrize("name", GOOD)
def test_documents_and_images_are_taken_by_their_content(name):
    validate_document(SimpleUploadedFile(name, GOOD[name]()))


@pytest.mark.parametrize("name", BAD)
def test_other_content_or_a_false_extension_is_refused_in_danish(name):
    content, message = BAD[name]
    if content is None:
        content = plain_zip()
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile(name, content))
    assert message in refused.value.messages[0]


def test_a_file_above_the_limit_is_refused_before_it_is_read(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile("stor.pdf", b"%PDF-1.7\n" + bytes(2000)))
    message = "Filen er for stor (2,0\xa0KB). Den må højst fylde 1000\xa0bytes."
    assert refused.value.messages == [message]


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\kho\\Desktop\\Høring om ældrepleje.pdf", "Høring_om_ældrepleje.pdf"),
        ("bilag\x00\x1b[31m.pdf", "bilag_31m.pdf"),
        ("rapport\u202egpj.exe", "rapportgpj.exe"),
        (".htaccess", "htaccess"),
        ("Æblegrød & <script>.PDF", "Æblegrød_script.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
        ("...", "bilag"),
        ("/", "bilag"),
    ],
)
def test_stored_names_lose_paths_and_control_characters_but_keep_danish_letters(name, safe):
    assert safe_filename(name) == safe


@pytest.mark.django_db
def test_a_letter_attachment_is_stored_under_its_sanitised_name(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        }
    }
    meeting = factories.meeting()
    attachment = Attachment(meeting=meeting, title="Debatoplæg")
    attachment.file = SimpleUploadedFile("../Debatoplæg\x07 til KKR.pdf", pdf())
    attachment.full_clean()
    attachment.save()
    assert attachment.file.name.endswith("/Debatoplæg_til_KKR.pdf")
    assert attachment.file.name.startswith("bilag/")


@pytest.fixture
def admin_client(client):
    user = factories.admin()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_item_page_refuses_a_program_dressed_as_a_pdf_and_saves_nothing(
    admin_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    factories.import_agenda()
    item = Item.objects.get(title="Aktuelt om kommunestyret")
    upload = SimpleUploadedFile("bilag.pdf", b"MZ\x90\x00" + bytes(60))
    data = item_post(
        item,
        title="Ændret titel",
        **{
            "attachments-TOTAL_FORMS": 1,
            "attachments-0-title": "Bilag",
            "attachments-0-file": upload,
            "attachments-0-position": 0,
        },
    )
    response = admin_client.post(f"/admin/agendas/item/{item.pk}/change/", data)
    assert response.status_code == 200
    assert "Filtypen kan ikke bruges" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Aktuelt om kommunestyret"
    assert not Bilag.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))
