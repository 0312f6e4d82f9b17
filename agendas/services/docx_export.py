"""The dagsorden and the referat as Word documents (.docx), laid out as KL's own: the letterhead
in the first page's header (KL, the address, Dato, the meeting's Sags ID), "Side X af Y" in the
footer and a table of contents, both Word fields that Word fills in when it opens the file;
headings 1/2/3 without a skipped level and tables as tables. The public edition leaves out the
closed items, like the PDFs; the members' edition says in its header that it is theirs."""

import io
from datetime import datetime
from html.parser import HTMLParser

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .document import STAFF, build_document, closed_now, for_audience

KL_GREEN = RGBColor(0x00, 0x59, 0x4F)
ADDRESS = "Weidekampsgade 10 · Postboks 3370 · 2300 København S · www.kl.dk"
MEMBERS_EDITION = "Medlemsudgave med lukkede punkter: kun til mødets medlemmer"
# A section heading right under an item of level 1 is a heading 2 like a sub-item's title, but
# the table of contents lists items only: its style is this one, based on Heading 2, which
# Word's TOC \o "1-2" (built-in heading styles) passes over.
SECTION_STYLE = "Afsnitsoverskrift"


def _field(paragraph, instruction, shown=""):
    """A Word field (PAGE, NUMPAGES, TOC ...) in `paragraph`, showing `shown` until updated."""

    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")  # Word computes it again on opening
        run._r.append(element)

    char("begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _page_footer(footer):
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Side ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" af ")
    _field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _letterhead(section, doc, title, starts_at, audience):
    """The first page's header: KL's letterhead as in the PDFs; later pages a short header."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    lines = first.paragraphs[0]
    lines.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = lines.add_run("KL")
    mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(22), KL_GREEN
    details = [f"Dato: {starts_at:%d-%m-%Y}"]
    if doc.get("case_number"):
        details.append(f"Sags ID: {doc['case_number']}")
    details.append(ADDRESS)
    if audience == STAFF:
        details.append(MEMBERS_EDITION)
    for text in details:
        paragraph = first.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.runs[0].font.size = Pt(8)
        paragraph.paragraph_format.space_after = Pt(0)
    later = section.header.paragraphs[0]
    later.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    later.add_run(f"KL · {title}: {doc['organiser']} {starts_at:%d-%m-%Y}").font.size = Pt(8)
    if audience == STAFF:
        later.add_run(f" · {MEMBERS_EDITION}").font.size = Pt(8)
    _page_footer(section.footer)
    _page_footer(section.first_page_footer)


def _styles(word):
    styles = word.styles
    styles["Normal"].font.name = "Open Sans"
    styles["Normal"].font.size = Pt(10)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        styles[name].font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    styles["Title"].font.color.rgb = KL_GREEN
    section_style = styles.add_style(SECTION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    section_style.base_style = styles["Heading 2"]
    section_style.font.size = Pt(11)
    # Word updates the fields (the table of contents, the page count) when it opens the file.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    word.settings.element.append(update)


class _Word:
    """The document being written, with paragraphs of a named style added by style id:
    python-docx finds a style by name by scanning every style each time, which took two
    thirds of the time of a long agenda."""

    def __init__(self, document):
        self.document = document
        self.style_ids = {}

    def paragraph(self, text="", style=None):
        paragraph = self.document.add_paragraph(text)
        if style:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        return paragraph

    def heading(self, text, level, style=None):
        return self.paragraph(text, style or ("Title" if level == 0 else f"Heading {level}"))


class _Body(HTMLParser):
    """Sanitised section HTML into python-docx paragraphs, lists and tables; its own headings
    one level below the section's (`heading_level`)."""

    def __init__(self, word):
        super().__init__()
        self.word = word
        self.document = word.document
        self.paragraph = None
        self.lists = []
        self.bold = self.italic = 0
        self.table = None  # [[cell text]]
        self.cell = None
        self.heading_level = 3

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            if len(self.lists) > 1:
                style += " 2"
            self.paragraph = self.word.paragraph(style=style)
        elif tag == "p" and self.table is None and not (self.paragraph and self.lists):
            self.paragraph = self.document.add_paragraph()
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            self.paragraph = self.word.heading("", self.heading_level)
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
        elif tag in ("p", "h2", "h3", "h4", "h5", "h6") and not self.lists:
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


def _table_of_contents(word, items):
    """A TOC field over the items' headings (1-2); until Word fills in the page numbers it
    shows the items' titles."""
    paragraph = word.add_paragraph()
    paragraph.add_run("Indholdsfortegnelse").bold = True
    paragraph = word.add_paragraph()
    shown = "\n".join(f"{item['number']}. {item['title']}" for item in items)
    _field(paragraph, 'TOC \\o "1-2" \\h \\z', shown)


def _docx(document_dict, audience, title, hidden):
    doc = for_audience(document_dict, audience, hidden)
    starts_at = datetime.fromisoformat(doc["starts_at"])
    word = Document()
    _styles(word)
    word.core_properties.title = f"{title}: {doc['organiser']}"
    word.core_properties.author = "KL"
    word.core_properties.language = "da-DK"
    _letterhead(word.sections[0], doc, title, starts_at, audience)
    word.add_paragraph(f"{title} {starts_at.year}")
    writer = _Word(word)
    writer.heading(doc["organiser"], 0)
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
    _table_of_contents(word, doc["items"])
    body = _Body(writer)
    for item in doc["items"]:
        mark = " (lukket)" if item["closed"] else ""
        heading = writer.heading(f"{item['number']}. {item['title']}{mark}", item["level"])
        if item["level"] == 1:
            heading.paragraph_format.page_break_before = True
        if item["case_line"]:
            word.add_paragraph(item["case_line"])
        section_level = item["level"] + 1
        for section in item["sections"]:
            style = SECTION_STYLE if section_level == 2 else None
            closed = " (lukket)" if section["closed"] else ""
            writer.heading(section["heading"] + closed, section_level, style)
            body.heading_level = section_level + 1
            body.feed(section["html"])
            body.paragraph = None
        if item["attachments"]:
            bilag = "; ".join(a["title"] for a in item["attachments"])
            word.add_paragraph(f"Bilag: {bilag}").runs[0].italic = True
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
