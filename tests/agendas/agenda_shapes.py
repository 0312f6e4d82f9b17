"""Agendas of the KL/KKR family, described as data and written out as a text file or a Word
document (the XML written by hand: styles, numbering.xml, tables, header and footer parts), so
the import tests can say what a document holds before the import reads it.

`Agenda` holds what a reader would find; `write_text` and `write_docx` put it in one of the
family's shapes (`Shape`); the tests compare the import with the `Agenda`."""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

VENUE = ("Hotel Koldingfjord", "Fjordvej 154, 6000 Kolding")
LETTERHEAD = "KL · Weidekampsgade 10 · 2300 København S · www.kl.dk"


@dataclass
class Item:
    number: tuple  # as typed: (3,), (3, 1), (3, 1, 1)
    title: str
    case: str = ""  # "SAG-2024-00012" or another ESDH format
    initials: str = ""
    closed: bool = False
    sections: list = field(default_factory=list)  # [(heading, [lines])]; lines "- x", "1. x"
    bilag: list = field(default_factory=list)  # titles, numbered 1. 2. ... under "Bilag:"


@dataclass
class Agenda:
    organiser: str = "KKR Syddanmark"
    kind: str = "DAGSORDEN"
    starts_at: datetime = datetime(2024, 3, 14, 9, 30)
    ends_hour: int = 12
    venue: list = field(default_factory=lambda: list(VENUE))
    attendance: list = field(default_factory=list)  # [(label, [names])]
    items: list = field(default_factory=list)


@dataclass
class Shape:
    # "typed" 1., "punkt" Punkt 1:, "pkt" Pkt. 1, "ad" Ad 1., "paren" 1), "bare" 1 (no full
    # stop), "alone" 1. on a line of its own above the title; Word only: "auto" (numbering.xml,
    # "%1."), "auto-paren" ("%1)")
    numbering: str = "typed"
    front: str = "lines"  # "lines", "split" (Mødedato + Mødetid), "table" (Word only)
    venue_lines: int = 1  # the place on one line or two
    case_style: str = "line"  # "line" SAG-... akr, "labels" Sags ID: / Sagsbehandler:
    closed_style: str = "title"  # "title" (lukket) after the title, "line" Lukket punkt
    heading_in_table: bool = False  # Word: the item heading in a cell beside its Sags ID
    pages: int = 0  # page breaks with letterhead and "Side k af n" (text) / header+footer (Word)


def number_text(number, shape):
    joined = ".".join(map(str, number))
    if shape.numbering == "punkt":
        return f"Punkt {joined}:"
    if shape.numbering == "pkt":
        return f"Pkt. {joined}"
    if shape.numbering == "paren":
        return f"{joined})"
    if shape.numbering == "bare":
        return joined
    typed = f"{joined}." if len(number) < 3 else joined
    return f"Ad {typed}" if shape.numbering == "ad" else typed


def _front_lines(agenda, shape):
    """[(label or None, [values])] of the front matter, in order."""
    day = agenda.starts_at
    rows = [(None, [agenda.kind]), (None, [agenda.organiser])]
    if shape.front == "lines":
        rows.append(("Dato", [f"{day:%d-%m-%Y %H:%M}"]))
    else:
        months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                  "september", "oktober", "november", "december"]  # fmt: skip
        rows.append(("Mødedato", [f"{day.day}. {months[day.month - 1]} {day.year}"]))
        rows.append(("Mødetid", [f"{day:%H.%M}-{agenda.ends_hour}.00"]))
    venue = agenda.venue if shape.venue_lines == 2 else [", ".join(agenda.venue)]
    rows.append(("Sted", venue))
    rows += [(label, names) for label, names in agenda.attendance]
    return rows


def _item_lines(item, shape):
    """[(kind, text)] of an item: kind "heading", "case", "closed", "section", "text"."""
    mark = " (lukket)" if item.closed and shape.closed_style == "title" else ""
    if shape.numbering == "alone":
        out = [("number", number_text(item.number, shape)), ("heading", f"{item.title}{mark}")]
    else:
        out = [("heading", f"{number_text(item.number, shape)} {item.title}{mark}")]
    if item.case:
        if shape.case_style == "labels":
            out.append(("case", f"Sags ID: {item.case}"))
            if item.initials:
                out.append(("case", f"Sagsbehandler: {item.initials}"))
        else:
            out.append(("case", f"{item.case} {item.initials}".strip()))
    if item.closed and shape.closed_style == "line":
        out.append(("closed", "Lukket punkt"))
    for heading, lines in item.sections:
        out.append(("section", heading))
        out += [("text", line) for line in lines]
    if item.bilag:
        out.append(("section", "Bilag:"))
        out += [("text", f"{n}. {title}") for n, title in enumerate(item.bilag, start=1)]
    return out


def write_text(agenda, shape):
    lines = []
    for label, values in _front_lines(agenda, shape):
        if label is None:
            lines += [values[0], ""]
        else:
            lines += [f"{label}: {values[0]}", *values[1:], ""]
    body = []
    for item in agenda.items:
        for _kind, text in _item_lines(item, shape):
            body += [text, ""]
    if shape.pages:
        step = max(len(body) // (shape.pages + 1), 1)
        for page in range(shape.pages, 0, -1):
            at = page * step
            body[at:at] = ["", LETTERHEAD, f"Side {page + 1} af {shape.pages + 1}", ""]
    return "\n".join(lines + body) + "\n"


# -- Word ------------------------------------------------------------------------------------
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PKG = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
HEADING_NUM, BULLET_NUM = 1, 2  # list 3 and up: one numbered list each, restarting at 1

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>
</w:styles>"""  # noqa: E501


def numbering_xml(lists, end="."):
    """numbering.xml: list 1 the headings' three levels, 2 bullets, 3 and up one numbered list
    each, restarting at 1."""
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(k + 1))}{end}"/></w:lvl>'
        for k in range(3)
    )
    bullet = '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    plain = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0">'
        f'<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for n in range(3, 3 + lists)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}>'
        f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2">{bullet}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="3">{plain}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        f'<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>{nums}</w:numbering>'
    )


def paragraph(text, *, style=None, num=None, bold=False):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        ppr += f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def table(rows):
    """rows of cells; a cell is a string of paragraph XML."""
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{cell or '<w:p/>'}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


class _WordWriter:
    def __init__(self, shape):
        self.shape = shape
        self.lists = 0

    def heading(self, item):
        cells = self.heading_cells(item)
        return table([cells]) if len(cells) > 1 else cells[0]

    def heading_cells(self, item):
        """The heading's paragraph; with the "alone" numbering, as item tables write it, the
        number in a cell of its own and the title in the next."""
        depth = len(item.number)
        style = f"Overskrift{min(depth, 2)}"
        mark = " (lukket)" if item.closed and self.shape.closed_style == "title" else ""
        text = f"{item.title}{mark}"
        if self.shape.numbering.startswith("auto"):
            return [paragraph(text, style=style, num=(HEADING_NUM, depth - 1))]
        if self.shape.numbering == "alone":
            return [paragraph(number_text(item.number, self.shape)), paragraph(text)]
        return [paragraph(f"{number_text(item.number, self.shape)} {text}", style=style)]

    def body(self, lines):
        xml = []
        list_id = None
        rows = []
        for line in lines:
            if "\t" in line:
                rows.append(line.split("\t"))
                continue
            if rows:
                xml.append(table([[paragraph(c) for c in row] for row in rows]))
                rows = []
            if line.startswith("- "):
                xml.append(paragraph(line[2:], num=(BULLET_NUM, 0)))
            elif line[:1].isdigit() and ". " in line[:5]:
                if list_id is None:
                    self.lists += 1
                    list_id = 2 + self.lists
                xml.append(paragraph(line.split(". ", 1)[1], num=(list_id, 0)))
                continue
            else:
                xml.append(paragraph(line))
            list_id = None
        if rows:
            xml.append(table([[paragraph(c) for c in row] for row in rows]))
        return xml

    def item(self, item):
        xml = []
        in_table = self.shape.heading_in_table and item.case
        for kind, text in _item_lines(item, self.shape):
            if kind == "heading" and not in_table:
                xml.append(self.heading(item))
            elif kind == "case" and in_table and not text.startswith("Sagsbehandler"):
                xml.append(table([[*self.heading_cells(item), paragraph(text)]]))
            elif kind in ("case", "closed"):
                xml.append(paragraph(text))
            elif kind == "section":
                xml.append(paragraph(text, style="Overskrift3"))
                xml += self.body(self._section_lines(item, text))
        return xml

    def _section_lines(self, item, heading):
        if heading == "Bilag:":
            return [f"{n}. {t}" for n, t in enumerate(item.bilag, start=1)]
        return next(lines for h, lines in item.sections if h == heading)


def write_docx(agenda, shape):
    writer = _WordWriter(shape)
    front = _front_lines(agenda, shape)
    body = []
    if shape.front == "table":
        body += [paragraph(v[0], bold=k == 1) for k, (label, v) in enumerate(front) if not label]
        body.append(
            table(
                [[paragraph(label), "".join(paragraph(v) for v in values)]
                 for label, values in front if label]
            )
        )  # fmt: skip
    else:
        for label, values in front:
            if label is None:
                body.append(paragraph(values[0]))
            else:
                body.append(paragraph(f"{label}: {values[0]}"))
                body += [paragraph(v) for v in values[1:]]
    for item in agenda.items:
        body += writer.item(item)
    sect = ""
    parts = {}
    if shape.pages:
        sect = (
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
            '<w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>'
        )
        parts["word/header1.xml"] = f"<w:hdr {W_NS}>{paragraph(LETTERHEAD)}</w:hdr>"
        parts["word/footer1.xml"] = (
            f'<w:ftr {W_NS}><w:p><w:r><w:t xml:space="preserve">Side </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f'<w:r><w:t xml:space="preserve"> af {shape.pages + 1}</w:t></w:r></w:p></w:ftr>'
        )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS} {R_NS}>'
        f"<w:body>{''.join(body)}{sect}</w:body></w:document>"
    )
    end = ")" if shape.numbering == "auto-paren" else "."
    numbering = numbering_xml(writer.lists, end)
    return package(document, styles=STYLES, numbering=numbering, parts=parts)


def package(document, *, styles=None, numbering=None, parts=None):
    """The bytes of a .docx from its parts' XML."""
    parts = dict(parts or {})
    overrides = {"/word/document.xml": f"{MAIN}.document.main+xml"}
    rels = []
    if styles:
        parts["word/styles.xml"] = styles
        overrides["/word/styles.xml"] = f"{MAIN}.styles+xml"
        rels.append(("rIdS", "styles", "styles.xml"))
    if numbering:
        parts["word/numbering.xml"] = numbering
        overrides["/word/numbering.xml"] = f"{MAIN}.numbering+xml"
        rels.append(("rIdN", "numbering", "numbering.xml"))
    if "word/header1.xml" in parts:
        overrides["/word/header1.xml"] = f"{MAIN}.header+xml"
        overrides["/word/footer1.xml"] = f"{MAIN}.footer+xml"
        rels += [("rIdH", "header", "header1.xml"), ("rIdF", "footer", "footer1.xml")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(
                f'<Override PartName="{name}" ContentType="{kind}"/>'
                for name, kind in overrides.items()
            )
            + "</Types>",
        )
        docx.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
            f'<Relationship Id="rId1" Target="word/document.xml" Type="{OFFICE}/officeDocument"/>'
            "</Relationships>",
        )
        docx.writestr(
            "word/_rels/document.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
            + "".join(
                f'<Relationship Id="{rid}" Type="{OFFICE}/{kind}" Target="{target}"/>'
                for rid, kind, target in rels
            )
            + "</Relationships>",
        )
        docx.writestr("word/document.xml", document)
        for name, xml in parts.items():
            docx.writestr(name, xml)
    return buffer.getvalue()
