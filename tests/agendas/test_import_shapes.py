"""Issue 24: documents of the family written for these tests, one for each shape the issue
names, each as .txt and as .docx: they import with every fact in order, or say exactly what
could not be placed and where."""

import io
from datetime import datetime

import docx
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agendas.models import Item as ItemRow
from agendas.services.agenda_parsed import text_lines
from agendas.services.agenda_text import parse_agenda_text
from agendas.services.text_import import import_agenda_text, read_document
from meetings.models import Meeting
from tests import factories

from .agenda_shapes import (
    LETTERHEAD,
    STYLES,
    W_NS,
    Agenda,
    Item,
    Shape,
    numbering_xml,
    package,
    paragraph,
    table,
    write_docx,
    write_text,
)

pytestmark = pytest.mark.django_db
FORMATS = ["txt", "docx"]


def source(agenda, shape, fmt):
    if fmt == "txt":
        return write_text(agenda, shape)
    return read_document("dagsorden.docx", io.BytesIO(write_docx(agenda, shape)))


def imported(agenda, shape, fmt, meeting=None):
    result = import_agenda_text(source(agenda, shape, fmt), meeting)
    rows = [
        (number, i.title, i.case_number, i.case_initials, i.closed)
        for i, number in result.agenda.numbered_items()
    ]
    return result, rows


def leaf(number, title, case="", initials="akr", **kwargs):
    case = case or f"SAG-2024-{sum(n * 100**k for k, n in enumerate(number)):05d}"
    return Item(number, title, case, initials, **kwargs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_item_numbers_of_any_length_are_items(fmt):
    agenda = Agenda(items=[leaf((n,), f"Sag nummer {n}") for n in range(1, 121)])
    result, rows = imported(agenda, Shape(), fmt)
    assert result.unplaced == []
    assert rows[99:101] == [
        ("100", "Sag nummer 100", "SAG-2024-00100", "akr", False),
        ("101", "Sag nummer 101", "SAG-2024-00101", "akr", False),
    ]
    assert len(rows) == 120


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_gap_in_the_numbering_is_reported_and_every_item_after_it_comes_in(fmt):
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden"),
            Item((3,), "Regionale sager"),
            leaf((3, 2), "Praksisplan", sections=[("Baggrund", ["Planen er sendt i høring."])]),
            leaf((4,), "Eventuelt"),
        ]
    )
    result, rows = imported(agenda, Shape(), fmt)
    assert [r[:2] for r in rows] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Regionale sager"),
        ("2.1", "Praksisplan"),
        ("3", "Eventuelt"),
    ]
    assert result.unplaced == []
    gaps = [note.split(": ", 1)[1] for note in result.notes if "springer" in note]
    assert gaps == [
        "nummereringen springer fra 1 til 3: punkt 2 findes ikke i dokumentet. "
        "Punkterne nummereres i rækkefølge i portalen.",
        "nummereringen springer fra 3 til 3.2: punkt 3.1 findes ikke i dokumentet. "
        "Punkterne nummereres i rækkefølge i portalen.",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_third_level_comes_in_as_sub_items_with_their_own_case_ids_and_is_said(fmt):
    agenda = Agenda(
        items=[
            Item((2,), "Regionale sager"),
            leaf((2, 1), "Sundhed", "SAG-2024-00210", "abc"),
            leaf((2, 1, 1), "Praksisplan", "SAG-2024-00211", "def", closed=True),
            leaf((2, 1, 2), "Psykiatriplan", "SAG-2024-00212", "ghi"),
            leaf((2, 2), "Trafik", "SAG-2024-00220", "jkl"),
        ]
    )
    agenda.items.insert(0, leaf((1,), "Godkendelse af dagsorden"))
    result, rows = imported(agenda, Shape(), fmt)
    assert rows[1:] == [
        ("2", "Regionale sager", "", "", False),
        ("2.1", "Sundhed", "SAG-2024-00210", "abc", False),
        ("2.2", "Praksisplan", "SAG-2024-00211", "def", True),
        ("2.3", "Psykiatriplan", "SAG-2024-00212", "ghi", False),
        ("2.4", "Trafik", "SAG-2024-00220", "jkl", False),
    ]
    assert any(
        "punkt 2.1.1 'Praksisplan' er indlæst som underpunkt under 2, efter 2.1: portalen har "
        "to niveauer" in note
        for note in result.notes
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bilag_list_typed_with_numbers_is_the_items_bilag_and_the_next_item_comes_in(fmt):
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden"),
            leaf(
                (2,),
                "Praksisplan",
                sections=[("Indstilling", ["Det indstilles, at planen godkendes."])],
                bilag=["Referat af mødet i følgegruppen", "Notat om økonomien"],
            ),
            leaf((3,), "Eventuelt"),
        ]
    )
    result, rows = imported(agenda, Shape(), fmt)
    assert result.unplaced == []
    assert [r[0:2] for r in rows] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Praksisplan"),
        ("3", "Eventuelt"),
    ]
    bilag = ItemRow.objects.get(title="Praksisplan").sections.get(title="Bilag")
    assert bilag.body == (
        "<ol><li><p>Referat af mødet i følgegruppen</p></li><li><p>Notat om økonomien</p></li></ol>"
    )


def test_word_automatic_numbering_in_a_table_cell_beside_the_sags_id_and_a_closed_line():
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden"),
            Item((2,), "Regionale sager"),
            leaf((2, 1), "Praksisplan", closed=True),
            leaf((2, 2), "Trafik", sections=[("Baggrund", ["Movia har sendt planen."])]),
            leaf((3,), "Eventuelt"),
        ]
    )
    shape = Shape(numbering="auto", heading_in_table=True, closed_style="line")
    lines = source(agenda, shape, "docx")
    assert [
        line.text for line in lines if line.place == "tabel 2, række 1, celle 1" and line.text
    ] == [
        "2.1. Praksisplan"  # the number is in numbering.xml, not in the text
    ]
    result, rows = imported(agenda, shape, "docx")
    assert result.unplaced == []
    assert rows == [
        ("1", "Godkendelse af dagsorden", "SAG-2024-00001", "akr", False),
        ("2", "Regionale sager", "", "", False),
        ("2.1", "Praksisplan", "SAG-2024-00102", "akr", True),  # "Lukket punkt" closes it only
        ("2.2", "Trafik", "SAG-2024-00202", "akr", False),
        ("3", "Eventuelt", "SAG-2024-00003", "akr", False),
    ]


def test_word_numbering_restarts_and_levels_come_from_numbering_xml():
    numbering = (
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="Punkt %1:"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="1">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>'
    )
    body = "".join(
        [
            paragraph("KKR Syddanmark"),
            paragraph("Dato: 14-03-2024 09:30"),
            paragraph("Godkendelse af dagsorden", num=(5, 0)),
            paragraph("SAG-2024-00001 akr"),
            paragraph("Indstilling", bold=True),
            paragraph("første mulighed", num=(5, 1)),
            paragraph("anden mulighed", num=(5, 1)),
            paragraph("Eventuelt", num=(6, 0)),
            paragraph("SAG-2024-00002 akr"),
            paragraph("Indstilling", bold=True),
            paragraph("kun denne", num=(6, 1)),
        ]
    )
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    lines = read_document("d.docx", io.BytesIO(package(document, numbering=numbering)))
    texts = [line.text for line in lines if line.text]
    assert texts[2:] == [
        "Punkt 1: Godkendelse af dagsorden", "SAG-2024-00001 akr", "### Indstilling",
        "a) første mulighed", "b) anden mulighed",
        "Punkt 2: Eventuelt", "SAG-2024-00002 akr", "### Indstilling", "a) kun denne",
    ]  # fmt: skip
    parsed = parse_agenda_text(lines)
    assert [(i["number"], i["title"]) for i in parsed.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Eventuelt"),
    ]


@pytest.mark.parametrize("numbering", ["punkt", "pkt"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_punkt_and_pkt_numbers_as_esdh_templates_write_them(fmt, numbering):
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden"),
            Item((2,), "Regionale sager"),
            leaf((2, 1), "Praksisplan"),
        ]
    )
    result, rows = imported(agenda, Shape(numbering=numbering), fmt)
    assert result.unplaced == []
    assert [r[:3] for r in rows] == [
        ("1", "Godkendelse af dagsorden", "SAG-2024-00001"),
        ("2", "Regionale sager", ""),
        ("2.1", "Praksisplan", "SAG-2024-00102"),
    ]


@pytest.mark.parametrize("typed", [True, False])
def test_a_heading_2_with_no_heading_1_above_it_is_a_top_level_item(typed):
    styles = (
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        "</w:style></w:styles>"
    )
    titles = ["Godkendelse af dagsorden", "Eventuelt"]
    body = paragraph("KKR Syddanmark") + paragraph("Dato: 14-03-2024 09:30")
    for n, title in enumerate(titles, start=1):
        body += paragraph(f"Punkt {n}: {title}" if typed else title, style="Heading2")
        body += paragraph(f"SAG-2024-0000{n} akr")
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    lines = read_document("d.docx", io.BytesIO(package(document, styles=styles)))
    parsed = parse_agenda_text(lines)
    assert [(i["number"], i["title"], i["children"]) for i in parsed.items] == [
        ("1", "Godkendelse af dagsorden", []),
        ("2", "Eventuelt", []),
    ]
    assert parsed.unplaced == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_front_matter_with_date_and_time_apart_attendance_and_a_two_line_place(fmt):
    agenda = Agenda(
        attendance=[
            ("Deltagere", ["Albertslund", "Allan S. Andersen", "Birgit Hansen"]),
            ("Afbud", ["Jens Møller"]),
            ("Referent", ["Anne Kristensen"]),
        ],
        items=[leaf((1,), "Godkendelse af dagsorden")],
    )
    shape = Shape(front="table" if fmt == "docx" else "split", venue_lines=2)
    result, _rows = imported(agenda, shape, fmt)
    assert result.unplaced == []
    meeting = result.agenda.meeting
    assert f"{meeting.starts_at.astimezone():%d-%m-%Y %H:%M}" == "14-03-2024 09:30"  # not 00:00
    assert f"{meeting.ends_at.astimezone():%H:%M}" == "12:00"
    assert (meeting.venue_name, meeting.address) == (
        "Hotel Koldingfjord",
        "Fjordvej 154, 6000 Kolding",
    )
    assert result.agenda.attendance.splitlines() == [
        "Deltagere: Albertslund, Allan S. Andersen, Birgit Hansen",  # the cell's paragraphs apart
        "Afbud: Jens Møller",
        "Referent: Anne Kristensen",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_sags_id_and_sagsbehandler_lines_and_another_case_systems_number(fmt):
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden", "SAG-2024-00001", "akr"),
            leaf((2,), "Praksisplan", "21/12345", "udy/jhp"),
            leaf((3,), "Eventuelt", "Sagsnr. 2024-0001-XYZ", "mnb"),
        ]
    )
    result, rows = imported(agenda, Shape(case_style="labels"), fmt)
    assert rows[:2] == [
        ("1", "Godkendelse af dagsorden", "SAG-2024-00001", "akr", False),
        ("2", "Praksisplan", "21/12345", "udy/jhp", False),
    ]
    # a case number too long for the field is listed with its place, never lost
    lines = source(agenda, Shape(case_style="labels"), fmt)
    place = next(
        line.place
        for line in (text_lines(lines) if fmt == "txt" else lines)
        if "2024-0001-XYZ" in line.text
    )
    assert result.unplaced == [
        f"{place.capitalize()}: sagsnummeret 'Sagsnr. 2024-0001-XYZ' er for langt (højst 20 tegn)"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_indstilling_on_one_line_and_resume_as_a_section(fmt):
    text = (
        "DAGSORDEN\n\nKKR Syddanmark\n\nDato: 14-03-2024 09:30\n\n"
        "1. Praksisplan\n\nSAG-2024-00001 akr\n\nResumé\n\nPlanen er klar.\n\n"
        "Indstilling: Det indstilles, at planen godkendes.\n"
    )
    if fmt == "docx":
        body = "".join(paragraph(line) for line in text.split("\n") if line)
        document = (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        )
        text = read_document("d.docx", io.BytesIO(package(document)))
    result = import_agenda_text(text)
    assert result.unplaced == []
    sections = [(s.heading, s.body) for s in ItemRow.objects.get().sections.order_by("position")]
    assert sections == [
        ("Resumé", "<p>Planen er klar.</p>"),
        ("Indstilling", "<p>Det indstilles, at planen godkendes.</p>"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_header_and_footer_text_is_left_out_and_said(fmt):
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden", sections=[("Baggrund", ["Tekst.", "Mere."])]),
            leaf((2,), "Praksisplan", sections=[("Baggrund", ["Planen.", "Høring.", "Svar."])]),
        ]
    )
    result, _rows = imported(agenda, Shape(pages=2), fmt)
    assert result.unplaced == []
    said = " ".join(result.left_out)
    assert said.startswith("Sidehoved/sidefod:")
    assert LETTERHEAD[:30] in said
    assert ("Side 2 af 3" if fmt == "txt" else "Side 1 af 3") in said
    bodies = " ".join(s.body for item in ItemRow.objects.all() for s in item.sections.all())
    assert "Side" not in bodies and "Weidekampsgade" not in bodies


def test_into_a_meeting_without_place_or_time_the_document_fills_them_and_disagreement_is_said():
    meeting = factories.meeting(
        Meeting.Kind.KKR,
        organiser="KKR Syddanmark",
        day=datetime(2024, 3, 14, 0, 0),  # the day, but no time yet
        venue_name="",
        address="",
    )
    agenda = Agenda(items=[leaf((1,), "Godkendelse af dagsorden")])  # 14-03-2024 09:30
    result, _rows = imported(agenda, Shape(venue_lines=2), "txt", meeting)
    meeting.refresh_from_db()
    assert meeting.place == "Hotel Koldingfjord, Fjordvej 154, 6000 Kolding"
    assert f"{meeting.starts_at.astimezone():%H:%M}" == "09:30"
    assert "Mødets sted var tom og udfyldes fra dokumentet: Hotel Koldingfjord." in result.notes
    assert "Mødets mødetid var tom og udfyldes fra dokumentet: 09:30." in result.notes
    # a second document that disagrees changes nothing and says so
    other = Agenda(venue=["Comwell Kolding", "Skovbrynet 1"], items=agenda.items)
    other.starts_at = agenda.starts_at.replace(hour=13)
    result.agenda.items.all().delete()
    again, _rows = imported(other, Shape(), "txt", meeting)
    meeting.refresh_from_db()
    assert meeting.venue_name == "Hotel Koldingfjord"
    assert f"{meeting.starts_at.astimezone():%H:%M}" == "09:30"
    assert (
        "Teksten siger sted 'Comwell Kolding, Skovbrynet 1', mødet har 'Hotel Koldingfjord, "
        "Fjordvej 154, 6000 Kolding'." in again.notes
    )
    assert "Teksten siger kl. 13:30, mødet er kl. 09:30." in again.notes


def test_table_paragraphs_in_one_data_cell_stay_apart():
    body = paragraph("KKR Syddanmark") + paragraph("Dato: 14-03-2024 09:30")
    body += paragraph("1. Praksisplan") + paragraph("SAG-2024-00001 akr")
    body += paragraph("Sagsfremstilling", bold=True)
    body += table(
        [
            [paragraph("Kommune"), paragraph("Kontakt")],
            [paragraph("Albertslund"), paragraph("Allan S. Andersen") + paragraph("Borgmester")],
        ]
    )
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    result = import_agenda_text(read_document("d.docx", io.BytesIO(package(document))))
    assert result.unplaced == []
    html = ItemRow.objects.get().sections.get().body
    assert "<td><p>Allan S. Andersen<br>Borgmester</p></td>" in html


def test_word_contents_text_boxes_and_content_controls_are_read_once_and_accounted():
    toc_style = (
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:style w:type="paragraph" w:styleId="Indholdsfortegnelse1"><w:name w:val="toc 1"/>'
        "</w:style></w:styles>"
    )
    box = (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        f"{paragraph('Mødet holdes i lokale 2.')}</w:txbxContent></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent>{paragraph('Mødet holdes i lokale 2.')}"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    tab = "<w:p><w:r><w:t>{}</w:t><w:tab/><w:t>{}</w:t></w:r></w:p>"
    body = "".join(
        [
            paragraph("KKR Syddanmark"),
            paragraph("Dato: 14-03-2024 09:30"),
            paragraph("1. Godkendelse af dagsorden\t2", style="Indholdsfortegnelse1"),
            tab.format("2. Eventuelt", "3"),  # a typed contents line: title, tab, page
            box,
            "<w:sdt><w:sdtContent>",
            paragraph("1. Godkendelse af dagsorden"),
            paragraph("SAG-2024-00001 akr"),
            "</w:sdtContent></w:sdt>",
            paragraph("2. Eventuelt"),
            paragraph("SAG-2024-00002 akr"),
        ]
    )
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    lines = read_document("d.docx", io.BytesIO(package(document, styles=toc_style)))
    parsed = parse_agenda_text(lines)
    assert [(i["number"], i["title"], i["case_number"]) for i in parsed.items] == [
        ("1", "Godkendelse af dagsorden", "SAG-2024-00001"),
        ("2", "Eventuelt", "SAG-2024-00002"),
    ]
    where = {text: (place, what) for place, text, what in parsed.account}
    assert where["2. Eventuelt\t3"] == ("afsnit 4", "indholdsfortegnelse – udeladt")
    assert where["1. Godkendelse af dagsorden 2"][1] == "indholdsfortegnelse – udeladt"
    # the text box is read once (not again from its fallback) and said not to be placed
    assert [p for p, t, _ in parsed.account if t == "Mødet holdes i lokale 2."] == [
        "afsnit 5, tekstboks 1"
    ]
    assert parsed.unplaced == [
        "Afsnit 5, tekstboks 1: forsiden: 'Mødet holdes i lokale 2.' blev ikke brugt"
    ]


def test_a_heading_beside_page_numbers_is_kept_and_text_like_the_word_header_is_not_lost():
    text = (
        "DAGSORDEN\n\nKKR Syddanmark\n\nDato: 14-03-2024 09:30\n\n"
        "1. Praksisplan\n\nSAG-2024-00001 akr\n\nSide 2 af 3\nBaggrund\n\nTekst et.\n\n"
        "2. Trafik\n\nSAG-2024-00002 akr\n\nSide 3 af 3\nBaggrund\n\nTekst to.\n"
    )
    parsed = parse_agenda_text(text)
    assert parsed.unplaced == []
    sections = [
        [(s["kind"], [t for t in s["lines"] if t]) for s in item["sections"]]
        for item in parsed.items
    ]
    assert sections == [[("background", ["Tekst et."])], [("background", ["Tekst to."])]]
    # the Word header says the organiser's name too: the body's line is still the organiser
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(paragraph(line) for line in text.split("\n") if line and "Side" not in line)
    document = f"<w:document {w}><w:body>{body}</w:body></w:document>"
    parts = {
        "word/header1.xml": f"<w:hdr {w}>{paragraph('KKR Syddanmark')}</w:hdr>",
        "word/footer1.xml": f"<w:ftr {w}>{paragraph('Side 1 af 3')}</w:ftr>",
    }
    lines = read_document("d.docx", io.BytesIO(package(document, parts=parts)))
    parsed = parse_agenda_text(lines)
    assert parsed.organiser == "KKR Syddanmark" and parsed.unplaced == []
    assert parsed.left_out == [
        "Sidehoved/sidefod: 2 linjer udeladt ('Side 1 af 3', 'KKR Syddanmark')"
    ]


def test_an_esdh_table_with_the_number_title_and_sags_id_in_cells_of_their_own():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rows = [
        [paragraph(n), paragraph(title), paragraph(case)]
        for n, title, case in [
            ("1.", "Godkendelse af dagsorden", "SAG-2024-00001 akr"),
            ("2.", "Budget 2025", "SAG-2024-00002 udy/jhp"),
        ]
    ]
    body = paragraph("KKR Syddanmark") + paragraph("Dato: 14-03-2024 09:30")
    body += table(rows[:1]) + paragraph("Indstilling", bold=True) + paragraph("Godkendes.")
    body += table(rows[1:])
    document = f"<w:document {w}><w:body>{body}</w:body></w:document>"
    parsed = parse_agenda_text(read_document("d.docx", io.BytesIO(package(document))))
    assert parsed.unplaced == []
    assert [
        (i["number"], i["title"], i["case_number"], i["case_initials"]) for i in parsed.items
    ] == [
        ("1", "Godkendelse af dagsorden", "SAG-2024-00001", "akr"),
        ("2", "Budget 2025", "SAG-2024-00002", "udy/jhp"),
    ]


def test_a_sentence_that_begins_with_punkt_and_a_number_is_text_not_an_item():
    text = (
        "KKR Syddanmark\n\nDato: 14-03-2024 09:30\n\nPkt. 1 Godkendelse af dagsorden\n\n"
        "SAG-2024-00001 akr\n\nBaggrund\n\nPunkt 2 i aftalen gælder fortsat.\n\n"
        "Punkt 2: Eventuelt\n\nSAG-2024-00002 akr\n"
    )
    parsed = parse_agenda_text(text)
    assert [(i["number"], i["title"]) for i in parsed.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Eventuelt"),
    ]
    assert parsed.items[0]["sections"][0]["lines"][1] == "Punkt 2 i aftalen gælder fortsat."


def test_a_referat_written_ad_1_over_its_agenda_gives_each_item_the_text_under_it():
    """A referat as many secretariats write it: the organiser in its title line, "Ad 1." and
    what was decided right under each item, no Beslutning heading."""
    agenda = Agenda(
        items=[
            leaf((1,), "Godkendelse af dagsorden"),
            leaf((2,), "Budget 2027"),
            leaf((3,), "Eventuelt"),
        ]
    )
    imported_agenda = import_agenda_text(write_text(agenda, Shape())).agenda
    referat = (
        "Referat af møde i KKR Syddanmark\n\nDato: 14-03-2024 09:30\n\n"
        "Ad 1. Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\n"
        "Ad 2. Budget 2027\nKKR drøftede budgettet.\nFormanden følger op.\n\n"
        "Ad 3. Eventuelt\nIntet.\n"
    )
    result = import_agenda_text(referat)
    assert result.agenda == imported_agenda
    assert result.unplaced == [] and result.decisions == 3
    decisions = {
        number: " ".join(s.body for s in item.sections.filter(kind="decision"))
        for item, number in imported_agenda.numbered_items()
    }
    assert "Dagsordenen blev godkendt." in decisions["1"]
    assert "KKR drøftede budgettet." in decisions["2"] and "Formanden følger op." in decisions["2"]
    assert "Intet." in decisions["3"]


@pytest.mark.parametrize(
    "front",
    [
        "Dagsorden for møde i KKR Sjælland\nTidspunkt: Torsdag den 10. september 2026, "
        "kl. 10.00 - 12.30\nMødelokale: Byrådssalen\nAdresse: Rådhusvej 1, 4180 Sorø",
        "Dagsorden for møde i KKR Sjælland\nMøde: 10-09-2026 kl. 10:00-12:30\n"
        "Lokation: Byrådssalen, Rådhusvej 1, 4180 Sorø",
        # the organiser and the date in the title line
        "Dagsorden for møde i KKR Sjælland den 10. september 2026 kl. 10.00-12.30\n"
        "Sted: Byrådssalen, Rådhusvej 1, 4180 Sorø",
        "Dagsorden til mødet i KKR Sjælland, 10-09-2026 kl. 10:00\n"
        "Sted: Byrådssalen, Rådhusvej 1, 4180 Sorø",
    ],
)
def test_the_organiser_date_and_place_are_read_where_other_templates_put_them(front):
    result = import_agenda_text(f"{front}\n\n1. Godkendelse af dagsorden\n")
    meeting = result.agenda.meeting
    assert result.unplaced == []
    assert meeting.organiser.name == "KKR Sjælland"
    assert timezone.localtime(meeting.starts_at) == timezone.make_aware(datetime(2026, 9, 10, 10))
    assert (meeting.venue_name, meeting.address) == ("Byrådssalen", "Rådhusvej 1, 4180 Sorø")


def _python_docx(build):
    """A Word document written by python-docx (Word's own styles, not our writer's XML)."""
    document = docx.Document()
    for line in ["DAGSORDEN", "KKR Syddanmark", "Dato: 14-04-2026 09:30", "Sted: Odense Rådhus"]:
        document.add_paragraph(line)
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return read_document("dagsorden.docx", io.BytesIO(buffer.getvalue()))


def test_a_word_heading_after_a_numbered_bilag_list_is_the_next_item_not_the_lists_next_entry():
    def build(document):
        document.add_heading("1. Godkendelse af dagsorden", level=1)
        document.add_heading("2. Praksisplan", level=1)
        document.add_paragraph("SAG-2026-00021 akr")
        document.add_heading("Bilag", level=3)
        document.add_paragraph("Høringsbrev", style="List Number")
        document.add_paragraph("Planudkast", style="List Number")
        document.add_heading("3. Eventuelt", level=1)

    result = import_agenda_text(_python_docx(build))
    assert [(number, item.title) for item, number in result.agenda.numbered_items()] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Praksisplan"),
        ("3", "Eventuelt"),
    ]
    assert result.unplaced == [] and not any("listen" in note for note in result.notes)


def test_the_head_row_of_an_item_table_is_left_out_and_said():
    def build(document):
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ["Pkt.", "Emne", "Sags ID"], strict=True):
            cell.text = text
        for number, title, case in [
            (1, "Godkendelse af dagsorden", ""),
            (2, "Sundhed", "SAG-2026-00301"),
        ]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = f"{number}.", title, case

    result = import_agenda_text(_python_docx(build))
    rows = [(n, i.title, i.case_number) for i, n in result.agenda.numbered_items()]
    assert rows == [("1", "Godkendelse af dagsorden", ""), ("2", "Sundhed", "SAG-2026-00301")]
    assert result.unplaced == []
    assert result.agenda.meeting.venue_name == "Odense Rådhus"
    assert "Tabelhoved: 3 linjer udeladt ('Pkt.', 'Emne', 'Sags ID')" in result.left_out


AFTER_A_BILAG_LIST = """DAGSORDEN
KKR Syddanmark
Dato: 14-04-2026 09:30
Sted: Odense Rådhus

1. Godkendelse af dagsorden

2. Praksisplan
SAG-2026-00021 akr
Baggrund
Planen er i høring.
Bilag:
1. Høringsbrev
2. Planudkast

3. Eventuelt
"""


def test_the_last_item_after_a_bilag_list_whose_number_goes_on_with_it_is_an_item():
    """The list stands line after line and the item after a blank line; in Word, the list is
    numbered by Word and the item typed. Before, "3. Eventuelt" became the list's third entry."""

    def build(document):
        document.add_paragraph("1. Godkendelse af dagsorden")
        document.add_paragraph("2. Praksisplan")
        document.add_paragraph("SAG-2026-00021 akr")
        document.add_paragraph("Bilag:")
        document.add_paragraph("Høringsbrev", style="List Number")
        document.add_paragraph("Planudkast", style="List Number")
        document.add_paragraph("3. Eventuelt")

    for source in (AFTER_A_BILAG_LIST, _python_docx(build)):
        result = import_agenda_text(source)
        titles = [(n, i.title) for i, n in result.agenda.numbered_items()]
        assert titles == [
            ("1", "Godkendelse af dagsorden"),
            ("2", "Praksisplan"),
            ("3", "Eventuelt"),
        ]
        assert result.unplaced == [] and not any("listen" in note for note in result.notes)
        result.agenda.meeting.delete()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_a_text_file_saved_by_windows_in_its_own_encodings_comes_in_with_its_danish_letters(
    encoding,
):
    text = AFTER_A_BILAG_LIST.replace("Praksisplan", "Økonomi og ældrepleje på Ærø")
    result = import_agenda_text(read_document("dagsorden.txt", io.BytesIO(text.encode(encoding))))
    titles = [item.title for item, _number in result.agenda.numbered_items()]
    assert titles[1] == "Økonomi og ældrepleje på Ærø"
    assert result.unplaced == []


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("dagsorden.pdf", b"%PDF-1.7\n...", "En PDF-fil kan ikke indlæses."),
        ("dagsorden.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Det gamle Word-format (.doc)"),
        ("dagsorden.odt", b"PK\x03\x04...", "En OpenDocument-fil kan ikke indlæses."),
        ("dagsorden.txt", b"%PDF-1.7\n...", "Filen hedder .txt, men er ikke en tekstfil."),
    ],
)
def test_a_document_in_another_format_is_refused_with_what_to_do(name, data, said):
    with pytest.raises(ValidationError) as refused:
        read_document(name, io.BytesIO(data))
    assert said in refused.value.messages[0]
    assert "gem det som Word-dokument (.docx) eller som tekst (.txt)" in refused.value.messages[0]


def test_lettered_sub_items_a_title_wrapped_over_two_lines_and_an_ansvarlig_line_are_placed():
    text = """DAGSORDEN
KKR Nordjylland
Dato: 12-03-2026 10:00
Sted: Aalborg

1. Godkendelse af dagsorden

2. Orientering
a) Nyt fra KL
b) Nyt fra regionen

3. Forslag til rammeaftale for det specialiserede socialområde og
specialundervisningen 2027-2028
Sagsnr.: 26/01234
Ansvarlig: akr
Indstilling
Det indstilles, at KKR godkender rammeaftalen.
"""
    result = import_agenda_text(text)
    rows = [(n, i.title, i.case_number, i.case_initials) for i, n in result.agenda.numbered_items()]
    assert rows == [
        ("1", "Godkendelse af dagsorden", "", ""),
        ("2", "Orientering", "", ""),
        ("2.1", "Nyt fra KL", "", ""),
        ("2.2", "Nyt fra regionen", "", ""),
        (
            "3",
            "Forslag til rammeaftale for det specialiserede socialområde og "
            "specialundervisningen 2027-2028",
            "26/01234",
            "akr",
        ),
    ]
    assert result.unplaced == []
    assert "Linje 9: 'a) Nyt fra KL' er indlæst som underpunkt 2.1" in result.notes


def test_page_numbers_standing_alone_as_text_out_of_a_pdf_has_them_are_left_out_and_said():
    text = (
        "1\nDAGSORDEN\nKKR Syddanmark\nDato: 14-04-2026 09:30\nSted: Odense\n\n"
        "1. Godkendelse af dagsorden\n2. Praksisplan\nSAG-2026-00021 akr\nBaggrund\n"
        "Planen er i høring.\n2\nDen sendes til kommunerne.\n3. Eventuelt\n"
    )
    result = import_agenda_text(text)
    assert result.agenda.meeting.organiser.name == "KKR Syddanmark"
    assert [i.title for i, _n in result.agenda.numbered_items()] == [
        "Godkendelse af dagsorden",
        "Praksisplan",
        "Eventuelt",
    ]
    assert result.unplaced == []
    assert "Sidehoved/sidefod: 2 linjer udeladt ('1', '2')" in result.left_out


def test_a_referats_text_under_an_item_before_its_beslutning_heading_tells_the_case():
    referat = (
        "Referat af møde i KKR Syddanmark\n\nDato: 14-03-2024 09:30\n\n"
        "Ad 1. Budget 2027\nKL har forhandlet med regeringen.\n"
        "Beslutning\nKKR tog det til efterretning."
    )
    parsed = parse_agenda_text(referat)
    sections = [(s["kind"], [x for x in s["lines"] if x]) for s in parsed.items[0]["sections"]]
    assert sections == [
        ("case_presentation", ["KL har forhandlet med regeringen."]),
        ("decision", ["KKR tog det til efterretning."]),
    ]
    assert parsed.unplaced == []


def test_dagsordenspunkt_n_is_an_item_as_punkt_n_is():
    text = (
        "DAGSORDEN\nKKR Syddanmark\nDato: 14-04-2026 09:30\nSted: Odense\n\n"
        "Dagsordenspunkt 1: Godkendelse af dagsorden\nDagsordenspunkt 2: Eventuelt\n"
    )
    result = import_agenda_text(text)
    assert [(n, i.title) for i, n in result.agenda.numbered_items()] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Eventuelt"),
    ]
    assert result.unplaced == []


def test_an_item_of_words_own_item_list_after_a_bilag_list_of_its_own_is_an_item():
    """The items are one numbered list in Word, the bilag another: "3. Eventuelt", numbered on
    by the items' list, is the next item, not the bilag list's third entry."""
    front = ["DAGSORDEN", "KKR Syddanmark", "Dato: 14-04-2026 09:30", "Sted: Odense Rådhus"]
    items, bilag = (3, 0), (4, 0)  # two of numbering_xml's lists
    body = [paragraph(line) for line in front] + [
        paragraph("Godkendelse af dagsorden", num=items),
        paragraph("Praksisplan", num=items),
        paragraph("SAG-2026-00021 akr"),
        paragraph("Bilag:"),
        paragraph("Høringsbrev", num=bilag),
        paragraph("Planudkast", num=bilag),
        paragraph("Eventuelt", num=items),
    ]
    document = f"<w:document {W_NS}><w:body>{''.join(body)}</w:body></w:document>"
    docx = package(document, styles=STYLES, numbering=numbering_xml(2))
    result = import_agenda_text(read_document("dagsorden.docx", io.BytesIO(docx)))
    titles = [(n, i.title) for i, n in result.agenda.numbered_items()]
    assert titles == [("1", "Godkendelse af dagsorden"), ("2", "Praksisplan"), ("3", "Eventuelt")]
    assert result.unplaced == [] and not any("listen" in note for note in result.notes)


def test_an_overview_table_of_the_items_with_words_numbers_is_left_out_and_ends_the_front():
    """A table "Pkt. | Emne | Sags ID" listing the items before them, its numbers given by Word
    in cells of their own: a contents, left out and said; the attendance above it keeps only
    its own names."""
    overview = table(
        [
            [paragraph("Pkt."), paragraph("Emne"), paragraph("Sags ID")],
            [paragraph("", num=(3, 0)), paragraph("Godkendelse af dagsorden"), ""],
            [paragraph("", num=(3, 0)), paragraph("Eventuelt"), ""],
        ]
    )
    front = ["REFERAT", "KKR Midtjylland", "Dato: 02-02-2026 13:00", "Sted: Viborg"]
    body = [paragraph(line) for line in [*front, "Afbud: Carl Nielsen, Struer"]] + [overview]
    for number, title in [(1, "Godkendelse af dagsorden"), (2, "Eventuelt")]:
        body += [paragraph(f"{number}. {title}"), paragraph("Beslutning"), paragraph("Godkendt.")]
    document = f"<w:document {W_NS}><w:body>{''.join(body)}</w:body></w:document>"
    docx = package(document, styles=STYLES, numbering=numbering_xml(1))
    parsed = parse_agenda_text(read_document("referat.docx", io.BytesIO(docx)))
    assert [(i["number"], i["title"]) for i in parsed.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Eventuelt"),
    ]
    assert parsed.attendance == [["Afbud", "Carl Nielsen, Struer"]]
    assert parsed.unplaced == []
    assert "Tabelhoved: 3 linjer udeladt ('Pkt.', 'Emne', 'Sags ID')" in parsed.left_out
    assert any(note.startswith("Indholdsfortegnelse: 2 linjer udeladt") for note in parsed.left_out)
