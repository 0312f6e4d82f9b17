"""Issue 24: the account of every line, as the secretariat sees it in the admin's preview and
in the command's report; the limits of an upload (a zip bomb, a parse that runs too long);
seed 003 imported into a meeting with no place gives its place to the PDFs."""

import html
import io
import re
import time
import tracemalloc
import zipfile
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from agendas.models import Agenda, Item
from agendas.services import agenda_text
from agendas.services.agenda_text import parse_agenda_text
from agendas.services.document import PUBLIC, STAFF, agenda_pdf
from agendas.services.text_import import import_agenda_text, read_document
from meetings.models import Meeting
from tests import factories
from tests.support import pdf_text

from .agenda_shapes import LETTERHEAD, Shape, write_docx, write_text
from .agenda_shapes import Agenda as Shaped
from .agenda_shapes import Item as ShapedItem
from .test_import_family_admin import URL, secretary_client

pytestmark = pytest.mark.django_db


def word_with_a_stray_line():
    """A Word agenda with a letterhead and page numbers in its header and footer, and a line
    under item 1 before any section, which cannot be placed."""
    agenda = Shaped(
        items=[
            ShapedItem((1,), "Godkendelse af dagsorden", "SAG-2024-00001", "akr",
                       sections=[("Indstilling", ["Det indstilles, at dagsordenen godkendes."])]),
            ShapedItem((2,), "Eventuelt", "SAG-2024-00002", "akr"),
        ]
    )  # fmt: skip
    data = write_docx(agenda, Shape(pages=2))
    # the stray line: after item 1's case line, before its Indstilling
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        parts = {name: docx.read(name) for name in docx.namelist()}
    stray = "<w:p><w:r><w:t>En løs sætning uden afsnit.</w:t></w:r></w:p>"
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"SAG-2024-00001 akr</w:t></w:r></w:p>",
        b"SAG-2024-00001 akr</w:t></w:r></w:p>" + stray.encode(),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        for name, content in parts.items():
            docx.writestr(name, content)
    return buffer.getvalue()


def stray_place():
    lines = read_document("d.docx", io.BytesIO(word_with_a_stray_line()))
    return next(line.place for line in lines if line.text.startswith("En løs sætning"))


def test_the_admin_preview_shows_the_account_and_the_confirmation_keeps_the_word_places(client):
    client = secretary_client(client, "KKR Syddanmark")
    upload = SimpleUploadedFile("dagsorden.docx", word_with_a_stray_line())
    page = client.post(URL, {"file": upload}).content.decode()
    place = stray_place().capitalize()  # a paragraph of the Word file, not a text line
    assert place.startswith("Afsnit ")
    assert (
        f"<li>{place}: tekst under punkt 1 før Baggrund/Indstilling/Sagsfremstilling: "
        "&#x27;En løs sætning uden afsnit.&#x27;</li>" in page
    )
    assert "Alt kan placeres." not in page
    assert "<h2>Udeladt</h2>" in page
    assert "Sidehoved/sidefod: 2 linjer udeladt" in page
    # every line, and where it goes
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    assert ("sidehoved", html.escape(LETTERHEAD), "sidehoved/sidefod – udeladt") in [
        (a, b, c) for a, b, c in rows
    ]
    assert ("afsnit 1", "DAGSORDEN", "forside: dagsorden") in rows
    assert any(c == "punkt 1: Sags ID" for _a, _b, c in rows)
    assert not Agenda.objects.exists()
    text = re.search(r'name="text" value="([^"]*)"', page, re.S).group(1)
    places = re.search(r'name="places" value="([^"]*)"', page, re.S).group(1)
    response = client.post(
        URL,
        {"text": html.unescape(text), "places": html.unescape(places), "meeting": "",
         "confirm": "1"},
        follow=True,
    )  # fmt: skip
    shown = response.content.decode()
    assert f"Ikke placeret: {place}: tekst under punkt 1" in shown
    assert Item.objects.count() == 2


def test_a_preview_with_nothing_left_says_so(client):
    client = secretary_client(client, "KKR Syddanmark")
    agenda = Shaped(items=[ShapedItem((1,), "Eventuelt", "SAG-2024-00002", "akr")])
    upload = SimpleUploadedFile("dagsorden.docx", write_docx(agenda, Shape()))
    page = client.post(URL, {"file": upload}).content.decode()
    assert "Alt kan placeres." in page and "<h2>Udeladt</h2>" not in page


def test_the_command_reports_the_account_and_says_alt_blev_placeret_only_when_true(tmp_path):
    docx = tmp_path / "dagsorden.docx"
    docx.write_bytes(word_with_a_stray_line())
    out = io.StringIO()
    call_command("import_agenda", str(docx), stdout=out)
    report = out.getvalue()
    assert "Alt blev placeret" not in report
    assert "1 ting kunne ikke placeres:" in report
    assert f"  - {stray_place().capitalize()}: tekst under punkt 1" in report
    assert "Sidehoved/sidefod: 2 linjer udeladt" in report
    # with -v 2, every line and where it went
    Meeting.objects.all().delete()
    out = io.StringIO()
    call_command("import_agenda", str(docx), stdout=out, verbosity=2)
    assert f"{stray_place()}: ikke placeret: En løs sætning uden afsnit." in out.getvalue()
    assert "sidefod: sidehoved/sidefod – udeladt: Side 1 af 3" in out.getvalue()


def zip_bomb():
    """A small .docx whose document.xml unpacks to 14 MB."""
    paragraph = b"<w:p><w:r><w:t>" + b"a" * 60 + b"</w:t></w:r></w:p>"
    body = paragraph * (14 * 1024 * 1024 // len(paragraph))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr(
            "word/document.xml",
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + body + b"</w:body></w:document>",
        )
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_at_once_with_a_danish_message_and_little_memory(client):
    data = zip_bomb()
    assert len(data) < 60 * 1024
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(ValidationError, match="fylder over 5 MB tekst, når det pakkes ud"):
        read_document("bombe.docx", io.BytesIO(data))
    elapsed = time.monotonic() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 12 * 1024 * 1024
    client = secretary_client(client, "KKR Syddanmark")
    page = client.post(URL, {"file": SimpleUploadedFile("bombe.docx", data)}).content.decode()
    assert "fylder over 5 MB tekst" in page


def test_an_import_that_runs_past_its_time_limit_stops_with_a_message_and_saves_nothing(
    monkeypatch, tmp_path
):
    monkeypatch.setattr(agenda_text, "TIME_LIMIT", -1)
    path = tmp_path / "seed.txt"
    path.write_text(factories.AGENDA_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CommandError, match="Indlæsningen tog over -1 sekunder og er stoppet"):
        call_command("import_agenda", str(path), stdout=io.StringIO())
    assert not Item.objects.exists() and not Meeting.objects.exists()


def test_seed_003_into_a_meeting_of_its_own_without_a_place_carries_scandic_in_both_pdfs():
    meeting = factories.meeting(
        Meeting.Kind.KKR, day=datetime(2021, 8, 30, 10, 0), venue_name="", address=""
    )
    result = import_agenda_text(factories.AGENDA_SEED.read_text(encoding="utf-8"), meeting)
    meeting.refresh_from_db()
    assert meeting.place == "Scandic, Udgårdsvej 2, 8600 Silkeborg"
    for audience in (PUBLIC, STAFF):
        assert "Scandic" in pdf_text(agenda_pdf(result.agenda, audience))


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_the_admin_preview_shows_the_same_account_as_the_import_of_each_shape(client, fmt):
    client = secretary_client(client, "KKR Syddanmark")
    agenda = Shaped(
        attendance=[("Deltagere", ["Allan S. Andersen", "Birgit Hansen"])],
        items=[
            ShapedItem((1,), "Godkendelse af dagsorden", "SAG-2024-00001", "akr"),
            ShapedItem((3,), "Regionale sager"),
            ShapedItem((3, 1), "Praksisplan", "SAG-2024-00031", "abc", bilag=["Notat om planen"],
                       sections=[("Baggrund", ["- første", "- anden"])]),
            ShapedItem((3, 1, 1), "Delplan", "SAG-2024-00311", "abc", closed=True),
        ],
    )  # fmt: skip
    shape = Shape(numbering="punkt", front="split", venue_lines=2, pages=2)
    data = write_docx(agenda, shape) if fmt == "docx" else write_text(agenda, shape).encode()
    parsed = parse_agenda_text(read_document(f"d.{fmt}", io.BytesIO(data)))
    page = client.post(URL, {"file": SimpleUploadedFile(f"d.{fmt}", data)}).content.decode()
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    assert [tuple(html.unescape(c) for c in row) for row in rows] == [
        (place, text if len(text) <= 80 else text[:79] + "…", where)
        for place, text, where in parsed.account
    ]
    for note in parsed.notes + parsed.left_out:
        assert html.escape(note) in page
    assert "Alt kan placeres." in page and parsed.unplaced == []
