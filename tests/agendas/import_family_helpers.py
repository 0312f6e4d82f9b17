"""Shared by the issue-15 tests: the documents of the KL/KKR family written for them (not the
seeds), what a reader finds in each by hand, and a Word document built with python-docx."""

import io
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "agendas"
B, R, S, D = "Baggrund", "Indstilling", "Sagsfremstilling", "Beslutning"

REFERAT = FIXTURES / "kkr_syddanmark_referat_2022-03-14.txt"
NORDJYLLAND = FIXTURES / "kkr_nordjylland_dagsorden_2023-05-08.txt"
LONG_DATES = FIXTURES / "kl_socialudvalg_dagsorden_2021-08-30.txt"

# number, title, case line, section headings, closed; read off each file by hand
EXPECTED = {
    REFERAT: [
        ("1", "Godkendelse af dagsorden", "SAG-2022-00123 mnb", [R, D], False),
        ("2", "Regionale sager", "", [], False),
        ("2.1", "Praksisplan for almen praksis", "SAG-2022-00456 abc/def", [B, R, D], False),
        ("2.2", "Køb af ejendom til nyt botilbud", "SAG-2022-00789 xyz", [B, D], True),
        ("3", "Eventuelt", "", [D], False),
    ],
    NORDJYLLAND: [
        ("1", "Godkendelse af referat", "", [], False),
        ("1.1", "Godkendelse af referat fra mødet den 13. marts 2023", "SAG-2023-00011 ajo",
         [R], False),
        ("2", "Udpegninger", "", [], False),
        ("3", "Regionale sager", "", [], False),
        ("3.1", "Status på sundhedsklyngerne", "SAG-2023-00101 ajo/kbn", [B, R, S], False),
        ("3.2", "Erhvervshusets kontrakt 2024", "SAG-2023-00102 lsm", [R], False),
        ("3.3", "Uddannelsesdækning", "SAG-2023-00103 lsm", [R], False),
        ("3.4", "Praktikpladser på SOSU-området", "SAG-2023-00104 lsm", [R], False),
        ("3.5", "Klimaplanerne", "SAG-2023-00105 kbn", [R], False),
        ("3.6", "Det regionale vækstforum", "SAG-2023-00106 kbn", [R], False),
        ("3.7", "Kollektiv trafik", "SAG-2023-00107 kbn", [R], False),
        ("3.8", "Praksisplanen", "SAG-2023-00108 ajo", [R], False),
        ("3.9", "Psykiatriplanen", "SAG-2023-00109 ajo", [R], False),
        ("3.10", "Rammeaftalen på det specialiserede socialområde", "SAG-2023-00110 ajo",
         [R], False),
        ("3.11", "Eventuelle sager fra RAR", "SAG-2023-00111 lsm", [R], False),
    ],
    LONG_DATES: [
        ("1", "meddelelser", "SAG-2021-07001 hkl", [B, R], False),
        ("2", "Handicapområdet", "", [], False),
        ("2.1", "økonomi på handicapområdet", "SAG-2021-07002 hkl/ms", [B, S, "økonomi", D],
         False),
    ],
}  # fmt: skip

# Lines of section text that must be found in order in the PDFs.
SECTION_LINES = {
    REFERAT: ["Dagsordenen blev godkendt.", "Regionen har sendt et udkast",
              "anbefaler kommunerne at afgive høringssvar.", "Intet."],
    NORDJYLLAND: ["Aalborg Universitetshospital", "tager status til efterretning",
                  "./. Kommissoriet for klyngerne er vedlagt.", "Fælles forløb for ældre",
                  "Hvordan følger KKR op?", "udviklingsstrategien"],
    LONG_DATES: ["Formanden orienterer", "Udgifterne på det specialiserede",
                 "Sagen har ingen økonomiske"],
}  # fmt: skip


def word_agenda():
    """A KKR Sjælland agenda as Word writes it: headings in Word's heading styles without
    typed numbers, a bold section heading, a bulleted list and a real table."""
    from docx import Document

    document = Document()
    document.add_paragraph("DAGSORDEN")
    document.add_paragraph().add_run("KKR Sjælland").bold = True
    document.add_paragraph("Dato: 02-02-2024 09:00")
    document.add_paragraph("Sted: Comwell Køge Strand, Strandvejen 111, 4600 Køge")
    document.add_paragraph("Fraværende: Carsten Rasmussen")
    document.add_heading("Godkendelse af referat", level=1)
    document.add_heading("Godkendelse af referat fra sidste møde", level=2)
    document.add_paragraph("SAG-2024-00201 lhe")
    document.add_heading("Indstilling", level=3)
    document.add_paragraph("Det indstilles, at referatet godkendes.")
    document.add_heading("Trafik", level=1)
    document.add_heading("Busplan 2025", level=2)
    document.add_paragraph("SAG-2024-00202 lhe/pmo")
    document.add_paragraph().add_run("Baggrund").bold = True
    document.add_paragraph("Movia har sendt busplanen i høring.")
    document.add_paragraph("Nye linjer i Køge", style="List Bullet")
    document.add_paragraph("Færre afgange i Stevns", style="List Bullet")
    document.add_paragraph().add_run("Sagsfremstilling").bold = True
    table = document.add_table(rows=3, cols=2)
    for row, (a, b) in zip(
        table.rows, [("Linje", "Afgange"), ("101A", "48"), ("245", "12")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = a, b
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD_EXPECTED = [
    ("1", "Godkendelse af referat", "", [], False),
    ("1.1", "Godkendelse af referat fra sidste møde", "SAG-2024-00201 lhe", [R], False),
    ("2", "Trafik", "", [], False),
    ("2.1", "Busplan 2025", "SAG-2024-00202 lhe/pmo", [B, S], False),
]
