"""The secretariat imports an agenda written as plain text (seed 003) and an item's text from a
Word document; what cannot be placed is reported, and bad input saves nothing."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agendas.models import Agenda, Item, Section
from agendas.services.document import build_document
from agendas.services.editing import import_docx
from agendas.services.text_import import import_agenda_text
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

B, R, S = "Baggrund", "Indstilling", "Sagsfremstilling"
# Read off seed 003 by hand: number, title, case line, section headings.
SEED_ITEMS = [
    ("1", "Godkendelse af referat", "", []),
    ("1.1", "Godkendelse af referat fra møde i KKR Midtjylland den 8. juni 2021",
     "SAG-2021-03487 jhp", [B, R]),
    ("2", "Siden sidst", "", []),
    ("2.1", "Orientering", "SAG-2021-03487 jhp", [B, R, S]),
    ("3", "Regionalpolitiske sager", "", []),
    ("3.1", "Ny femårig aftale og fordeling af lærepladser på SOSU-uddannelserne 2022",
     "SAG-2021-03487 udy/jhp", [B, R, S]),
    ("4", "Udpegninger", "", []),
    ("5", "KKR", "", []),
    ("5.1", "Aktuelt om kommunestyret", "SAG-2021-03487 jhp", [B, R, S]),
    ("5.2", "Liste over udpegelser i næste valgperiode", "SAG-2021-03487 jhp", [B, R, S]),
    ("6", "Punkter til næste møde", "", []),
    ("6.1", "Foreløbig oversigt over punkter til KKR Midtjyllands næste møde",
     "SAG-2021-03487 jhp", [B, R, S]),
    ("7", "Eventuelt", "", []),
    ("7.1", "Eventuelt", "SAG-2021-03487 jhp", []),
]  # fmt: skip


def test_importing_seed_003_gives_the_items_numbers_case_ids_initials_and_sections_of_the_seed():
    result = factories.import_agenda()
    assert result.unplaced == []
    doc = build_document(result.agenda)
    got = [
        (i["number"], i["title"], i["case_line"], [s["heading"] for s in i["sections"]])
        for i in doc["items"]
    ]
    assert got == SEED_ITEMS
    item = Item.objects.get(
        title="Ny femårig aftale og fordeling af lærepladser på SOSU-uddannelserne 2022"
    )
    assert (item.case_number, item.case_initials) == ("SAG-2021-03487", "udy/jhp")
    assert result.agenda.mission.startswith("KL bidrager til at udvikle")
    assert result.agenda.vision.endswith("til gavn for borgerne og samfundet.")


def test_the_imported_text_keeps_bullets_nested_bullets_links_and_tab_separated_tables():
    factories.import_agenda()
    orientering = Item.objects.get(title="Orientering")
    background = orientering.sections.get(kind=Section.Kind.BACKGROUND).body
    assert "<li><p>Ungetopmødet 8. juni 2021</p></li>" in background
    sosu = Item.objects.get(title__startswith="Ny femårig").sections.get(kind="case_presentation")
    # the distribution table: 9 rows of 5 cells, numbers intact
    assert sosu.body.count("<tr>") == 9
    assert "<td><p>Region Midtjylland</p></td><td><p>660</p></td><td><p>663</p></td>" in sosu.body
    assert "<ul><li><p>Indenfor gældende lovgivning" in sosu.body  # the nested list
    referat = Item.objects.get(title__startswith="Godkendelse af referat fra")
    # the seed's placeholder link (#) keeps its text; only absolute links keep an address
    assert "kan ses <a>her</a>" in referat.sections.get(kind="background").body
    udpegelser = Item.objects.get(title__startswith="Liste over udpegelser").sections.get(
        kind="case_presentation"
    )
    # the table of appointments, with its blank line inside, is one table
    assert udpegelser.body.count("<table>") == 1
    assert "<td><p>Områder/udvalg</p></td>" in udpegelser.body


def test_import_agenda_command_finds_the_meeting_and_reports_what_it_could_not_place(tmp_path):
    factories.meeting(Meeting.Kind.KKR)
    text = factories.AGENDA_SEED.read_text(encoding="utf-8").replace(
        "SAG-2021-03487 jhp\n\nBaggrund\n\nDer er valg",
        "SAG-2021-03487 jhp\n\nEn løs sætning uden afsnit.\n\nBaggrund\n\nDer er valg",
    )
    text = text.replace("7.1. Eventuelt\t17", "7.1. Eventuelt\t17\n8. Et punkt der mangler\t18")
    path = tmp_path / "dagsorden.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_agenda", str(path), stdout=out)
    report = out.getvalue()
    assert "14 punkter indlæst" in report
    assert "2 ting kunne ikke placeres" in report
    assert "En løs sætning uden afsnit." in report
    assert "punkt 5.1" in report
    assert "8. Et punkt der mangler" in report


def test_import_refuses_a_meeting_that_already_has_items_and_saves_nothing():
    # Issue 15: a meeting that does not exist is made as a draft from the header (see
    # tests/agendas/test_import_family.py); a meeting that has an agenda is still refused.
    text = factories.AGENDA_SEED.read_text(encoding="utf-8")
    meeting = factories.meeting(Meeting.Kind.KKR)
    import_agenda_text(text)
    with pytest.raises(ValidationError, match="allerede en dagsorden"):
        import_agenda_text(text, meeting)
    assert Item.objects.count() == 14
    with pytest.raises(ValidationError, match="ingen nummererede punkter"):
        import_agenda_text("Bare en linje tekst.", meeting)


OPENXML = "application/vnd.openxmlformats"


def minimal_docx(body_xml):
    """A Word document built by hand: the three parts a .docx needs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{OPENXML}-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{OPENXML}'
            '-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        docx.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        docx.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body_xml}</w:body></w:document>",
        )
    buffer.seek(0)
    return buffer


def paragraph(text, bold=False):
    run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:r>{run_props}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_an_items_text_is_imported_from_a_word_document_as_clean_html():
    docx = minimal_docx(
        paragraph("Kommunerne giver tilsagn om udviklingsbidraget.", bold=True)
        + paragraph("Æbler, øl og ål: 115 kr. pr. indbygger.")
        + "<w:tbl><w:tr><w:tc>"
        + paragraph("Region Midtjylland")
        + "</w:tc><w:tc>"
        + paragraph("663")
        + "</w:tc></w:tr></w:tbl>"
    )
    body, _warnings = import_docx(docx)
    assert "<strong>Kommunerne giver tilsagn om udviklingsbidraget.</strong>" in body
    assert "Æbler, øl og ål: 115 kr. pr. indbygger." in body
    assert "<td><p>Region Midtjylland</p></td><td><p>663</p></td>" in body


def test_the_demo_holds_seed_003_published_and_loading_it_twice_changes_nothing(client):
    from agendas import demo

    demo.load()
    agenda = Agenda.objects.get(meeting__organiser__name="KKR Midtjylland")
    assert agenda.meeting.venue_name == "Scandic"
    assert agenda.items.count() == 14 and agenda.versions.count() == 1
    assert demo.load() == "dagsordenen fandtes; 0 standardpunkter oprettet"
    assert agenda.items.count() == 14 and agenda.versions.count() == 1
    page = client.get(agenda.get_absolute_url()).content.decode()
    assert "5.2. Liste over udpegelser i næste valgperiode" in page


def test_import_agenda_command_says_in_danish_what_is_wrong_with_the_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="kan ikke læses"):
        call_command("import_agenda", str(tmp_path / "findes-ikke.txt"))
    pdf = tmp_path / "dagsorden.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(CommandError, match="En PDF-fil kan ikke indlæses. Åbn dokumentet i Word"):
        call_command("import_agenda", str(pdf))
    windows = tmp_path / "windows.txt"  # read in Windows' own encoding: what it lacks is said
    windows.write_bytes("Dagsorden for Sjælland".encode("cp1252"))
    with pytest.raises(CommandError, match="Teksten indeholder ingen nummererede punkter"):
        call_command("import_agenda", str(windows))
    seed = tmp_path / "seed.txt"
    seed.write_text(factories.AGENDA_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    unknown = tmp_path / "ukendt.txt"
    unknown.write_text(
        factories.AGENDA_SEED.read_text(encoding="utf-8").replace("KKR MIDTJYLLAND", "KKR Atlantis")
    )
    with pytest.raises(CommandError, match="Ukendt arrangør: 'KKR Atlantis'"):
        call_command("import_agenda", str(unknown))
    with pytest.raises(CommandError, match="Intet møde med id 999999"):
        call_command("import_agenda", str(seed), "--meeting", "999999")
