"""A Word document (.docx) as the lines `agenda_text` reads, each with its place (paragraph or
table cell), so .txt and .docx go through the one parser and the one account of every line.

Read from the document's XML itself, not through a converter: Word's automatic numbering
(numbering.xml: levels, formats, restarts) is written into the text as "1." / "2.1.", heading
styles without a number are numbered by their level, tables that carry the structure (a heading
beside its Sags ID, front matter as label and value) are read cell by cell, and tables of data
stay tab-separated rows. Header and footer parts are read too, as lines to leave out and say so.
The unpacked XML is read only up to `MAX_XML`, so a zip bomb costs neither memory nor time."""

import re
import time as clock

from django.core.exceptions import ValidationError

from . import agenda_text
from .agenda_front import LONG_DATE_RE
from .agenda_layout import (
    BARE_CASE_RE,
    CASE_RE,
    OTHER_CASE_RE,
    OTHER_HEADINGS,
    SECTION_HEADINGS,
    item_number,
)
from .agenda_parsed import Line
from .docx_parts import (
    MC_FALLBACK,
    NOT_WORD,
    REL,
    Numbering,
    Styles,
    is_on,
    num_pr,
    number,
    parse_xml,
    read_parts,
    w,
)

FRONT_LABELS = {
    "dato", "mødedato", "tid", "mødetid", "tidspunkt", "klokkeslæt", "sted", "mødested",
    "adresse", "mødelokale", "deltagere", "afbud", "referent", "til stede", "fraværende",
    "mødeleder", "gæster", "desuden deltog", "fra kl", "fra sekretariatet", "suppleanter",
}  # fmt: skip
# The head row of an item table ("Pkt. | Emne | Sags ID"): left out, said so.
ITEM_TABLE_HEAD = {"pkt", "punkt", "nr", "emne", "sag", "titel", "overskrift", "dagsordenspunkt"}
TABLE_HEAD = ITEM_TABLE_HEAD | {
    "sags id", "sagsnr", "sagsnummer", "j.nr", "journalnr", "sagsbehandler", "ansvarlig", "side",
    "bilag", "tid", "tidspunkt",
}  # fmt: skip
CELL_BREAK = "\u2028"  # several paragraphs of one data cell, kept apart inside its row


class _Reader:
    def __init__(self, parts):
        styles = parts.get("word/styles.xml")
        self.styles = Styles(parse_xml(styles) if styles else None)
        self.numbering = Numbering(
            parse_xml(parts["word/numbering.xml"]) if "word/numbering.xml" in parts else None
        )
        self.links = {}
        if rels := parts.get("word/_rels/document.xml.rels"):
            for rel in parse_xml(rels):
                if rel.get("TargetMode") == "External":
                    self.links[rel.get("Id")] = rel.get("Target")
        self.parts = parts
        self.counters = [0, 0, 0]  # heading numbers given by level
        self.paragraph_no = 0
        self.table_no = 0

    # -- paragraphs -------------------------------------------------------------------------
    def paragraph(self, p):
        """{text, level, bold, label, format, toc, boxes} of a w:p; text boxes inside it are
        returned as paragraphs of their own in "boxes"."""
        ppr = p.find(w("pPr"))
        style = None
        num = None
        outline = None
        if ppr is not None:
            if (ps := ppr.find(w("pStyle"))) is not None:
                style = ps.get(w("val"))
            num = num_pr(ppr.find(w("numPr")))
            if (level := number(ppr.find(w("outlineLvl")), 9)) < 9:
                outline = level + 1
        style_num = self.styles.numbering(style)
        if num is None or num[0] is None:
            num = (style_num[0], num[1] if num else None) if style_num else num
        if num and num[1] is None:
            num = (num[0], style_num[1] if style_num and style_num[1] is not None else 0)
        parts, boxes = [], []
        bold = [True, False]  # all visible text bold, any text at all
        self._runs(p, parts, boxes, bold)
        text = "".join(parts)
        label = self.numbering.label(*num) if num else None
        return {
            "text": text,
            "level": outline or self.styles.heading_level(style),
            "bold": bold[0] and bold[1],
            "label": label,
            "list": num[0] if label and label[1] != "bullet" else None,  # Word's list (numId)
            "ilvl": num[1] if num else 0,
            "toc": self.styles.is_toc(style),
            "boxes": boxes,
        }

    def _runs(self, element, parts, boxes, bold, run_bold=False):
        for child in element:
            tag = child.tag
            if tag == MC_FALLBACK:
                continue  # the same content as mc:Choice, for older readers
            if tag == w("txbxContent"):
                boxes.extend(self.paragraph(p) for p in child.iter(w("p")))
                continue
            if tag == w("r"):
                rpr = child.find(w("rPr"))
                inner_bold = is_on(rpr.find(w("b"))) if rpr is not None else False
                self._runs(child, parts, boxes, bold, inner_bold)
            elif tag == w("t"):
                if child.text:
                    parts.append(child.text)
                    if child.text.strip():
                        bold[1] = True
                        bold[0] = bold[0] and run_bold
            elif tag == w("tab"):
                parts.append("\t")
            elif tag in (w("br"), w("cr")):
                parts.append("\n")
            elif tag == w("noBreakHyphen"):
                parts.append("-")
            elif tag == w("hyperlink"):
                inner = []
                self._runs(child, inner, boxes, bold, run_bold)
                target = self.links.get(child.get(f"{{{REL}}}id"))
                text = "".join(inner)
                parts.append(f"[{text}]({target})" if target and text.strip() else text)
            elif tag not in (w("pPr"), w("rPr"), w("instrText"), w("delText")):
                self._runs(child, parts, boxes, bold, run_bold)

    def text_of(self, para, after_front):
        """The paragraph's line: its automatic number written in, a heading numbered by its
        level when Word numbers it by style only, a list paragraph marked as in a text file."""
        # a tab only before a page number at the end (a typed table of contents) stays one
        page = re.search(r"\t\s*(\d{1,4})\s*$", para["text"])
        text = re.sub(r"[ \t]+", " ", para["text"][: page.start()] if page else para["text"])
        text = "\n".join(part.strip() for part in text.split("\n")).strip()
        if page and text:
            typed = item_number(text) or (para["label"] and para["label"][1] != "bullet")
            text = f"{text}\t{page.group(1)}" if typed else f"{text} {page.group(1)}"
        if not text:
            return ""
        label = para["label"]
        if label and label[1] == "bullet":
            return "  " * para["ilvl"] + "- " + text
        if label and label[0]:
            written = label[0]
            if written[-1].isdigit() and not written.lower().startswith(("punkt", "pkt")):
                written += "."
            if not text.startswith(written):
                text = f"{written} {text}"
            return text
        level = para["level"]
        if level and not para["toc"]:
            key = text.rstrip(":").strip().casefold()
            if key in SECTION_HEADINGS or key in OTHER_HEADINGS or key in FRONT_LABELS:
                return f"### {text}"
            return self._numbered(level, text) if after_front else text
        if para["bold"] and len(text) <= 120 and not item_number(text):
            return f"### {text}"
        return text

    def _numbered(self, level, text):
        """Word numbers its headings itself: the text has no "1." then. The shallowest heading
        level that carries items is the top (a Heading 2 with no Heading 1 above it is one)."""
        parts = item_number(text)
        bare = item_number(text, bare=True)  # "3 Title" as the next number; "2027 ..." is a title
        if parts or (bare and bare[0] <= self.counters[0] + 1):
            self.counters = ((parts or bare) + [0, 0])[:3]
            return text
        depth = level - self.top_level
        if depth >= 2:
            return f"### {text}"
        if depth <= 0 or self.counters[0] == 0:
            self.counters = [self.counters[0] + 1, 0, 0]
            return f"{self.counters[0]}. {text}"
        self.counters[1] += 1
        return f"{self.counters[0]}.{self.counters[1]}. {text}"

    # -- blocks -----------------------------------------------------------------------------
    def blocks(self, container):
        """Body-level paragraphs and tables in order, through content controls and the like."""
        for child in container:
            if child.tag in (w("p"), w("tbl")):
                yield child
            elif child.tag in (w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")):
                yield from self.blocks(child)

    def read(self):
        body = parse_xml(self.parts["word/document.xml"]).find(w("body"))
        if body is None:
            raise ValidationError(NOT_WORD)
        deadline = clock.monotonic() + agenda_text.TIME_LIMIT
        blocks = []  # (paragraph, None) or (None, rows of cells of paragraphs), in order
        for n, block in enumerate(self.blocks(body)):
            if n % 256 == 0 and clock.monotonic() > deadline:
                raise ValidationError(agenda_text.too_long())
            if block.tag == w("p"):
                blocks.append((self.paragraph(block), None))
            else:
                blocks.append((None, self._rows(block)))
        self.top_level = self._top_level(blocks)
        self.after_front = False
        lines = self.header_footer_lines()
        for para, rows in blocks:
            if para is not None:
                self.paragraph_no += 1
                self._emit(lines, para, f"afsnit {self.paragraph_no}")
            else:
                self.table_no += 1
                self._table(lines, rows, f"tabel {self.table_no}")
        return lines

    def _rows(self, table):
        """A table's rows of cells of paragraphs (a nested table's read into its cell)."""
        return [
            [
                [self.paragraph(p) for p in tc.iter(w("p")) if not _in_text_box(p)]
                for tc in tr.findall(w("tc"))
            ]
            for tr in table.iter(w("tr"))
            if not _in_text_box(tr)
        ]

    def _top_level(self, blocks):
        """The shallowest heading level among the headings after the date that are not a
        section heading; looked at before the numbers are given."""
        levels = []
        seen_date = False
        for para, rows in blocks:
            paras = [para] if para else [p for row in rows for cell in row for p in cell]
            for p in paras:
                text = p["text"].strip()
                if not seen_date and (
                    re.match(r"^(mødedato|dato|tid)\b", text, re.I) or LONG_DATE_RE.search(text)
                ):
                    seen_date = True
                key = text.rstrip(":").strip().casefold()
                if (
                    seen_date
                    and p["level"]
                    and not p["toc"]
                    and text
                    and key not in SECTION_HEADINGS
                    and key not in OTHER_HEADINGS
                ):
                    levels.append(p["level"])
        return min(levels, default=1)

    def _emit(self, lines, para, place):
        if para["toc"]:
            text = " ".join(para["text"].split())
            if text:
                lines += [Line(text, place, "toc"), Line("", place)]
            return
        for n, box in enumerate(para["boxes"], start=1):
            self._emit(lines, box, f"{place}, tekstboks {n}")
        text = self.text_of(para, self.after_front)
        for part in text.split("\n"):
            part = part.strip()
            if part:
                if not self.after_front and (
                    re.match(r"^(mødedato|dato|tid)\b", part, re.I) or LONG_DATE_RE.search(part)
                ):
                    self.after_front = True
                lines += [Line(part, place, _kind(para)), Line("", place)]

    def _table(self, lines, rows, place):
        if self._carries_structure(rows):
            for r, cells in enumerate(rows, start=1):
                self._layout_row(lines, cells, f"{place}, række {r}")
        else:
            for r, cells in enumerate(rows, start=1):
                texts = [
                    CELL_BREAK.join(t for p in cell if (t := " ".join(p["text"].split())))
                    for cell in cells
                ]
                if any(texts):
                    lines.append(Line("\t".join(texts), f"{place}, række {r}"))
            lines.append(Line("", place))

    def _carries_structure(self, rows):
        """A table that lays out the agenda (front matter as label and value, an item's
        heading or number beside its Sags ID, a heading) rather than a table of data."""
        if rows and _is_head_row([[p["text"] for p in cell] for cell in rows[0]]):
            return True  # an item table: "Pkt. | Emne | Sags ID"
        for cells in rows:
            for c, cell in enumerate(cells):
                for para in cell:
                    text = " ".join(para["text"].split())
                    key = text.rstrip(":").strip().casefold()
                    if c == 0 and key in FRONT_LABELS:
                        return True
                    case = any(r.match(text) for r in (CASE_RE, BARE_CASE_RE, OTHER_CASE_RE))
                    if case or para["level"] or key in SECTION_HEADINGS:
                        return True
        return False

    def _layout_row(self, lines, cells, place):
        texts = [[self.text_of(p, self.after_front) or _number(p) for p in cell] for cell in cells]
        texts = [[t for t in cell if t] for cell in texts]
        first = " ".join(texts[0]).rstrip(":").strip() if texts else ""
        if len(texts) >= 2 and first.casefold() in FRONT_LABELS:
            values = [t for cell in texts[1:] for t in cell]
            self.after_front = self.after_front or first.casefold() in ("dato", "mødedato")
            lines += [Line(f"{first}: {', '.join(values)}", f"{place}, celle 1-2"), Line("", place)]
            return
        if _is_head_row(texts):
            for c, cell in enumerate(texts, start=1):
                lines += [Line(t, f"{place}, celle {c}", "table-head") for t in cell]
            lines.append(Line("", place))
            return
        # a number alone in its cell, the title in the next: one heading
        if (
            len(texts) >= 2
            and len(texts[0]) == 1
            and re.fullmatch(r"\d{1,4}(\.\d{1,3}){0,2}\.?", texts[0][0])
            and texts[1]
        ):
            number = texts[0][0] if texts[0][0].endswith(".") else texts[0][0] + "."
            texts[1][0] = f"{number} {texts[1][0]}"
            texts[0] = []
        for c, cell in enumerate(texts, start=1):
            for k, text in enumerate(cell, start=1):
                where = f"{place}, celle {c}" + (f", afsnit {k}" if len(cell) > 1 else "")
                for part in text.split("\n"):
                    if part.strip():
                        lines += [Line(part.strip(), where), Line("", where)]

    def header_footer_lines(self):
        lines = []
        for name in self.parts:
            if m := re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                where = "sidehoved" if m.group(1) == "header" else "sidefod"
                for p in parse_xml(self.parts[name]).iter(w("p")):
                    text = " ".join("".join(t.text or "" for t in p.iter(w("t"))).split())
                    if text:
                        lines.append(Line(text, where, "header"))
        return lines


def _is_head_row(texts):
    """Whether a row's cells (their texts) are the head of an item table."""
    heads = [" ".join(" ".join(cell).split()).rstrip(".:").casefold() for cell in texts if cell]
    heads = [head for head in heads if head]
    return len(heads) >= 2 and set(heads) <= TABLE_HEAD and bool(set(heads) & ITEM_TABLE_HEAD)


def _number(para):
    """The number Word gives a paragraph with no text of its own (an item table's number
    column), as text_of writes it; "" for any other empty paragraph."""
    label = para["label"]
    if not label or label[1] == "bullet" or not label[0]:
        return ""
    return label[0] + "." if label[0][-1].isdigit() else label[0]


def _kind(para):
    """What a paragraph's line is known to be: a heading, or an entry of a list Word numbers
    ("list:<its numId>")."""
    if para["level"]:
        return "heading"
    return f"list:{para['list']}" if para["list"] else ""


def _in_text_box(element):
    return any(a.tag == w("txbxContent") for a in element.iterancestors())


def docx_to_lines(file):
    """The lines of a .docx, each with its place; ValidationError (in Danish) when it is not
    a Word document or unpacks to more than MAX_XML."""
    return _Reader(read_parts(file)).read()
