"""Whatever text is handed to the import commands, they either import it or stop with a
Danish CommandError, and a file they refuse leaves the database as it was."""

import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import example, given
from hypothesis import strategies as st

from agendas.models import Agenda, Item, Section
from meetings.models import Meeting, Person
from tests import factories
from tests.agendas import agenda_shapes as shapes
from tests.checks.fuzz_helpers import budget, counts, nasty_text, rolled_back

pytestmark = pytest.mark.django_db

SEED_LINES = factories.AGENDA_SEED.read_text(encoding="utf-8").splitlines()

# Lines shaped like the parts of an agenda, and lines that look almost right.
agenda_line = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from([
        "1. Punkt", "1.1. Underpunkt", "2.7. Punkt uden overpunkt", "0. Nul", "99999999999. Stort",
        "Baggrund", "Indstilling", "Sagsfremstilling", "Beslutning", "SAG-2021-03487 jhp",
        "Dato: 31-02-2021 25:61", "Dato: 00-00-0000 00:00", "Dato: 30-08-2021 10:00",
        "KKR Midtjylland", "Mission", "Vision", "- punkt", "• punkt", "[link](javascript:x)",
        "*fed", "1. Godkendelse af referat\t3", "1.1. Titel.....\t12",
    ]),
    nasty_text,
)  # fmt: skip

csv_cell = st.one_of(
    st.sampled_from(["Birgit Hansen", "borgmester", "Aalborg", "Aalborg Kommune", "a@b.dk",
                     "Medlem af kommunalbestyrelsen", "Ø", "ukendt", '"', '"""', ";", ","]),
    nasty_text,
)  # fmt: skip
csv_header = st.one_of(
    st.sampled_from([["navn"], ["navn", "e-mail"], ["navn", "rolle", "kommune", "e-mail"]]),
    st.lists(
    st.sampled_from(["navn", "Navn ", "rolle", "titel", "kommune", "parti", "e-mail", "email",
                     "telefon", "organisation", "", "ukendt", "navn"]),
        max_size=8,
    ),
)  # fmt: skip


def write(tmp_path, text):
    path = tmp_path / "input.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def imports_or_refuses_with_nothing_saved(path, with_meeting):
    """`manage.py import_agenda` on `path`, into a new KKR meeting or the one it names: it
    imports items, or refuses with a message and leaves no agenda, item or section behind."""
    with rolled_back():
        meeting = factories.meeting(Meeting.Kind.KKR)
        before = counts(Agenda, Item, Section)
        options = {"meeting": meeting.pk} if with_meeting else {}
        try:
            call_command("import_agenda", str(path), stdout=io.StringIO(), **options)
        except CommandError as error:
            assert str(error)
            assert counts(Agenda, Item, Section) == before
        else:
            assert Item.objects.count() > before["Item"]


@budget(40)
@example(lines=["Dato: 31-02-2021 25:61", "1. Punkt"], with_meeting=False)
@example(lines=["1. Punkt\x00", "1.1. Under", "Baggrund", "Tekst\x00"], with_meeting=True)
@given(lines=st.lists(agenda_line, max_size=40), with_meeting=st.booleans())
def test_import_agenda_imports_or_refuses_with_nothing_saved(tmp_path_factory, lines, with_meeting):
    path = write(tmp_path_factory.mktemp("agenda"), "\n".join(lines))
    imports_or_refuses_with_nothing_saved(path, with_meeting)


@budget(40)
@example(header=["navn"], rows=[["Birgit\x00 Hansen"]], delimiter=";")
@given(
    header=csv_header,
    rows=st.lists(st.lists(csv_cell, max_size=9), max_size=3),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_import_people_imports_or_refuses_with_nothing_saved(
    tmp_path_factory, header, rows, delimiter
):
    text = "\n".join(delimiter.join(cells) for cells in [header, *rows])
    path = write(tmp_path_factory.mktemp("people"), text)
    with rolled_back():
        before = Person.objects.count()
        try:
            call_command(
                "import_people",
                str(path),
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
        except CommandError as error:
            assert "intet er importeret" in str(error) or "Kan ikke læse" in str(error)
            assert Person.objects.count() == before
        else:
            assert Person.objects.count() >= before


# Word documents built from parts that look almost right: any text, styles and numbering that
# may not exist, numbering.xml with levels, formats and numbers out of range or not numbers.
xml_safe = nasty_text.map(lambda t: "".join(c for c in t if c in "\t\n" or " " <= c < "\ufffe"))
word_value = st.one_of(st.sampled_from(["0", "1", "2", "8", "9", "99999999", "-1", "x", ""]),
                       st.integers(0, 12).map(str))  # fmt: skip
word_paragraph = st.builds(
    lambda text, style, num, bold: shapes.paragraph(
        text.replace("]]>", ""), style=style, num=num, bold=bold
    ),
    st.one_of(xml_safe, st.sampled_from(SEED_LINES)),
    st.sampled_from([None, "Overskrift1", "Overskrift2", "Overskrift3", "Heading2", "TOC1", "x"]),
    st.one_of(st.none(), st.tuples(word_value, word_value)),
    st.booleans(),
)
word_numbering = st.builds(
    lambda fmt, text, start, ilvl: (
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="9"/><w:lvlOverride w:ilvl="x">'
        f'<w:startOverride w:val="{start}"/></w:lvlOverride></w:num></w:numbering>'
    ),
    st.sampled_from(["decimal", "bullet", "lowerLetter", "upperRoman", "none", "ukendt"]),
    st.sampled_from(["%1.", "%1.%2.", "Punkt %1:", "%0", "%9", "", "%1)"]),
    word_value,
    word_value,
)


@budget(30)
@given(
    paragraphs=st.lists(
        st.one_of(word_paragraph, st.lists(word_paragraph, max_size=3).map(
            lambda cells: shapes.table([cells, cells[::-1]]))),
        max_size=30,
    ),
    numbering=st.one_of(st.none(), word_numbering),
    with_meeting=st.booleans(),
)  # fmt: skip
def test_import_agenda_reads_any_word_document_or_refuses_it_with_nothing_saved(
    tmp_path_factory, paragraphs, numbering, with_meeting
):
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(paragraphs)}</w:body></w:document>"
    )
    path = tmp_path_factory.mktemp("word") / "dagsorden.docx"
    path.write_bytes(shapes.package(document, styles=shapes.STYLES, numbering=numbering))
    imports_or_refuses_with_nothing_saved(path, with_meeting)
