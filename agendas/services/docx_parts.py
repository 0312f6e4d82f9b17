"""The parts of a .docx the agenda import reads, read with limits: the XML of the document,
its styles, its numbering, headers and footers, never more than `MAX_XML` unpacked (a zip bomb
costs neither memory nor time), parsed without DTDs or entities; and Word's paragraph styles
and automatic numbering (numbering.xml: levels, formats, restarts) made readable."""

import re
import zipfile

from django.core.exceptions import ValidationError
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_XML = 5 * 1024 * 1024  # document, styles, numbering, headers and footers together
NOT_WORD = "Filen kan ikke læses som et Word-dokument (.docx). Gem den som .docx og prøv igen."
TOO_BIG = (
    "Word-dokumentet fylder over 5 MB tekst, når det pakkes ud, og indlæses ikke. "
    "Del dokumentet op, eller gem det som .txt."
)
BULLET_FORMATS = {"bullet"}
HEADING_STYLE_RE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.I)
TOC_STYLE_RE = re.compile(r"^(?:toc|indholdsfortegnelse)\s*\d", re.I)


def w(tag):
    return f"{{{W}}}{tag}"


def number(element, default, attribute="val"):
    """A whole-number attribute of Word's XML, between 0 and 9999, or the default when the
    element or the attribute is missing or not a number."""
    value = element.get(w(attribute)) if element is not None else None
    if value is None or not value.isdigit():
        return default
    return min(int(value), 9999)


def is_on(element):
    """A w:b or similar toggle: present and not switched off."""
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "off")


def read_parts(file):
    """{part name: XML bytes} of the parts the import reads, never more than MAX_XML in all."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(NOT_WORD) from error
    names = archive.namelist()
    if "word/document.xml" not in names:
        raise ValidationError(NOT_WORD)
    wanted = ["word/document.xml", "word/styles.xml", "word/numbering.xml"]
    wanted += sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    wanted += ["word/_rels/document.xml.rels"]
    parts, total = {}, 0
    for name in wanted:
        if name not in names:
            continue
        info = archive.getinfo(name)
        if total + info.file_size > MAX_XML:
            raise ValidationError(TOO_BIG)
        try:
            with archive.open(info) as part:  # read no further than the limit, whatever it says
                data = part.read(MAX_XML - total + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
            raise ValidationError(NOT_WORD) from error
        total += len(data)
        if total > MAX_XML:
            raise ValidationError(TOO_BIG)
        parts[name] = data
    return parts


def parse_xml(data):
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(NOT_WORD) from error


class Styles:
    """Paragraph styles: their heading level, whether they are a table of contents, and the
    numbering they give (a style may carry numPr, and styles inherit from their basedOn)."""

    def __init__(self, root):
        self.styles = {}
        self.cache = {}
        if root is None:
            return
        for style in root.iter(w("style")):
            name = style.find(w("name"))
            ppr = style.find(w("pPr"))
            outline = ppr.find(w("outlineLvl")) if ppr is not None else None
            num = ppr.find(w("numPr")) if ppr is not None else None
            based = style.find(w("basedOn"))
            self.styles[style.get(w("styleId"))] = {
                "name": name.get(w("val")) if name is not None else "",
                "outline": number(outline, None),
                "num": num_pr(num),
                "based": based.get(w("val")) if based is not None else None,
            }

    def _cached(self, what, style_id, find):
        """A style's answer, found once per document (every paragraph asks)."""
        key = (what, style_id)
        if key not in self.cache:
            self.cache[key] = find(style_id)
        return self.cache[key]

    def chain(self, style_id):
        seen = set()
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id]["based"]

    def heading_level(self, style_id):
        return self._cached("level", style_id, self._heading_level)

    def _heading_level(self, style_id):
        for sid, style in self.chain(style_id):
            for text in (style["name"], sid):
                if m := HEADING_STYLE_RE.match(text or ""):
                    return int(m.group(1))
            if style["outline"] is not None and style["outline"] < 9:
                return style["outline"] + 1
        return None

    def is_toc(self, style_id):
        return self._cached("toc", style_id, self._is_toc)

    def _is_toc(self, style_id):
        return any(
            TOC_STYLE_RE.match(style["name"] or "") or TOC_STYLE_RE.match(sid or "")
            for sid, style in self.chain(style_id)
        )

    def numbering(self, style_id):
        return self._cached("num", style_id, self._numbering)

    def _numbering(self, style_id):
        for _sid, style in self.chain(style_id):
            if style["num"]:
                return style["num"]
        return None


def num_pr(num):
    if num is None:
        return None
    num_id, ilvl = num.find(w("numId")), num.find(w("ilvl"))
    return (
        num_id.get(w("val")) if num_id is not None else None,
        number(ilvl, None),
    )


class Numbering:
    """Word's automatic numbers: each w:num points to an abstract list whose levels have a
    start, a format and a text ("%1.%2."); lists that share an abstract list count on together
    unless a w:num restarts a level (startOverride)."""

    def __init__(self, root):
        self.abstract = {}
        self.nums = {}
        self.counters = {}
        self.started = set()
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(w("lvl")):
                start, fmt = lvl.find(w("start")), lvl.find(w("numFmt"))
                text = lvl.find(w("lvlText"))
                levels[number(lvl, 0, "ilvl")] = (
                    number(start, 1),
                    fmt.get(w("val")) if fmt is not None else "decimal",
                    text.get(w("val")) if text is not None else "",
                )
            self.abstract[abstract.get(w("abstractNumId"))] = levels
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                if (start := override.find(w("startOverride"))) is not None:
                    overrides[number(override, 0, "ilvl")] = number(start, 1)
            self.nums[num.get(w("numId"))] = (
                ref.get(w("val")) if ref is not None else None,
                overrides,
            )

    def label(self, num_id, ilvl):
        """(label, format) for the next paragraph of this list at this level, or None."""
        if num_id in (None, "0") or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels:
            return None
        ilvl = min(ilvl or 0, 8)
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        start, fmt, text = levels.get(ilvl, (1, "decimal", ""))
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in BULLET_FORMATS:
            return "", "bullet"
        if fmt == "none":
            return None

        def value(match):
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, (1, "decimal", ""))[1]
            return _format(counters.get(level, levels.get(level, (1,))[0]), level_fmt)

        return re.sub(r"%(\d)", value, text).strip(), fmt


def _format(n, fmt):
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n):
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out
