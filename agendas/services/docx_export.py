"""The dagsorden and the referat as Word documents (.docx), for the members and municipalities
who ask for Word: KL's headings and numbering (1., 1.1.), the Sags ID line, the sections, and
their text with lists and tables; the public edition without closed items, like the PDFs."""

import io
from datetime import datetime
from html.parser import HTMLParser

from .document import STAFF, build_document, closed_now, for_audience


class _Body(HTMLParser):
    """Sanitised section HTML into python-docx paragraphs, lists and tables."""

    def __init__(self, document):
        super().__init__()
        self.document = document
        self.paragraph = None
        self.lists = []
        self.bold = self.italic = 0
        self.table = None  # [[cell text]]
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            if len(self.lists) > 1:
                style += " 2"
            self.paragraph = self.document.add_paragraph(style=style)
        elif tag == "p" and self.table is None and not (self.paragraph and self.lists):
            self.paragraph = self.document.add_paragraph()
        elif tag in ("h3", "h4"):
            self.paragraph = self.document.add_heading(level=4)
        elif tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag in ("td", "th") and self.cell is not None:
            self.table[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.table:
            self._table(self.table)
            self.table = None
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag in ("p", "h3", "h4") and not self.lists:
            self.paragraph = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
            return
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self.paragraph = self.document.add_paragraph()
        run = self.paragraph.add_run(data)
        run.bold, run.italic = bool(self.bold) or None, bool(self.italic) or None

    def _table(self, rows):
        from docx.oxml import OxmlElement

        width = max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
        for cell in table.rows[0].cells:
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.bold = True
        # Word repeats the header row on a new page
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _docx(document_dict, audience, title, hidden):
    from docx import Document

    doc = for_audience(document_dict, audience, hidden)
    starts_at = datetime.fromisoformat(doc["starts_at"])
    word = Document()
    word.core_properties.title = f"{title}: {doc['organiser']}"
    word.add_paragraph(f"{title.upper()} {starts_at.year}")
    word.add_heading(doc["organiser"], level=0)
    word.add_paragraph(f"Dato: {starts_at:%d-%m-%Y %H:%M}")
    if doc.get("venue"):
        word.add_paragraph(f"Sted: {doc['venue']}")
    for row in doc.get("attendance", []):
        paragraph = word.add_paragraph()
        if row["label"]:
            paragraph.add_run(f"{row['label']}: ").bold = True
        paragraph.add_run(row["names"])
    word.add_paragraph(
        "Fuld udgave med lukkede punkter: kun til mødets medlemmer."
        if audience == STAFF
        else "Offentlig udgave."
    )
    body = _Body(word)
    for item in doc["items"]:
        mark = " (lukket)" if item["closed"] else ""
        word.add_heading(f"{item['number']}. {item['title']}{mark}", level=item["level"])
        if item["case_line"]:
            word.add_paragraph(item["case_line"])
        for section in item["sections"]:
            word.add_heading(section["heading"], level=3)
            body.feed(section["html"])
            body.paragraph = None
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def agenda_docx(agenda, audience):
    """The dagsorden as .docx: the latest published version, or the draft before publishing."""
    version = agenda.latest_version()
    document = version.document if version else build_document(agenda)
    title = "Dagsorden" if not version or version.number == 1 else "Rettet dagsorden"
    return _docx(document, audience, title, closed_now([agenda.pk])[agenda.pk])


def minutes_docx(agenda, audience):
    document = agenda.minutes_document or build_document(agenda, minutes=True)
    return _docx(document, audience, "Referat", closed_now([agenda.pk])[agenda.pk])
