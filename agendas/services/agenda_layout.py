"""What the lines of an agenda are: the words and patterns of an item's lines (section
headings, Sags ID and case numbers, closed markers), where the items are, typed item numbers ("1.",
"2.1.", "2.1.1", "1)", "Punkt 1:", "Pkt. 1", a referat's "Ad 1." and "Ad pkt. 1", and "3 Title"
without its full stop where the agenda numbers so), a table of contents (typed, with page
numbers or dot leaders, or styled as one by Word), and page furniture: page numbers ("Side 2 af
9"), the letterhead repeated beside them, the text of the Word header and footer parts."""

import re
from collections import Counter

from ..models import Section
from .agenda_front import MONTH, heading_text, is_page_line

SECTION_HEADINGS = {
    "baggrund": Section.Kind.BACKGROUND,
    "indstilling": Section.Kind.RECOMMENDATION,
    "sagsfremstilling": Section.Kind.PRESENTATION,
    "beslutning": Section.Kind.DECISION,
    "beslutninger": Section.Kind.DECISION,
}
# Headings the case systems put under an item besides the four: kept as "Anden overskrift".
OTHER_HEADINGS = {
    "bilag", "økonomi", "økonomiske konsekvenser", "kommunikation", "videre proces", "proces",
    "resumé", "resume", "sammenfatning", "lovgrundlag", "tidsplan", "supplerende sagsfremstilling",
    "opfølgning", "konklusion", "handling", "indstillingen", "referat", "bemærkninger",
}  # fmt: skip
INITIALS = r"[a-zæøå]{2,8}(?:\s*[/,&]\s*[a-zæøå]{2,8})*"
CASE_RE = re.compile(
    r"^(?:sags?\s*(?:id|nr\.?|nummer)\s*:?\s*)?(SAG-\d{4}-\d{5})"
    rf"(?:\s*[-–,;/]?\s*(?:sagsbehandler\s*:?\s*)?\(?({INITIALS})\)?)?\s*$",
    re.I,
)
# Other case systems' numbers written alone under the heading: "21/12345", "2021-012345".
BARE_CASE_RE = re.compile(
    rf"^(\d{{2,4}}/\d{{4,6}}(?:-\d{{1,3}})?|\d{{4}}-\d{{6}})(?:\s+\(?({INITIALS})\)?)?$", re.I
)
OTHER_CASE_RE = re.compile(r"^(?:sags?\s*(?:id|nr\.?|nummer)|sagsnr\.?)\s*:\s*(\S.*)$", re.I)
HANDLER_RE = re.compile(r"^(?:sagsbehandler|(?:sags)?ansvarlig)\s*:\s*(\S.*)$", re.I)
CLOSED_LINE_RE = re.compile(
    r"^[(\[]?\s*lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?\s*[)\]]?[.:]?$", re.I
)

NUMBER = r"\d{1,4}(?:\.\d{1,3}){0,2}"
PUNKT = r"(?:(?:dagsordens)?punkt|pkt\.?)"  # "Punkt 1:", "Pkt. 1", "Dagsordenspunkt 1"
ITEM_RE = re.compile(
    rf"^(?P<ad>ad\.?\s+)?(?:{PUNKT}\s*(?P<punkt>{NUMBER})(?P<sep>\.?\s*[:–-]?)"
    rf"|(?P<plain>\d{{1,4}}\.(?:\d{{1,3}}(?:\.\d{{1,3}})?\.?)?|{NUMBER}\))"
    rf"|(?P<bare>{NUMBER}):?)\s+(?P<title>\S.*)$",
    re.I,
)
# A number standing alone on its line, its title on the next ("1." / "Godkendelse af ..."); a
# bare "1" needs "Ad" or "Punkt" before it ("2.1" does not), as a page number may stand alone.
NUMBER_ALONE_RE = re.compile(
    rf"^(?:(?:ad\.?\s+)?{PUNKT}\s*{NUMBER}[.):]?|(?:ad\.?\s+)?{NUMBER}[.):]"
    rf"|ad\.?\s+{NUMBER}|\d{{1,4}}(?:\.\d{{1,3}}){{1,2}})$",
    re.I,
)
PAGE_TAIL_RE = re.compile(r"(?:\s*\.{2,}\s*\d*|\t\s*\d+|\s{2,}\d+)\s*$")
NOT_A_TITLE_RE = re.compile(rf"^({MONTH})\b", re.I)  # "1. september 2021 ..." is text


def item_number(text, bare=False):
    """The typed item number of a line as a list ([2, 1] for "2.1. Title"), or None. A number
    without its full stop ("3 Title") counts after "Ad" or when `bare` is asked for: the
    parser asks only where the agenda numbers its items so."""
    m = ITEM_RE.match(text)
    if not m or NOT_A_TITLE_RE.match(m["title"]):
        return None
    unmarked = (m["punkt"] and not m["sep"].strip()) or m["bare"]
    if unmarked and not m["title"][0].isupper():
        return None  # "Punkt 3 i aftalen ..." is a sentence; "Pkt. 3 Budget" a heading
    if m["bare"] and not (bare or m["ad"]):
        return None
    return [int(part) for part in re.findall(r"\d+", m["punkt"] or m["plain"] or m["bare"])]


def clean_title(title):
    return PAGE_TAIL_RE.sub("", title).strip().rstrip(".").strip() or title.strip()


def toc_lines(lines):
    """The indices of a table of contents: lines Word styled as one, numbered lines with page
    numbers or dot leaders before the items, or the run of numbered lines whose first entry
    is repeated later."""
    skip = {n for n, line in enumerate(lines) if line.kind == "toc"}
    numbered = []
    for n, line in enumerate(lines):
        text, _ = heading_text(line.text)
        if text.casefold() in ("indholdsfortegnelse", "indhold"):
            skip.add(n)
        elif line.kind not in ("toc", "header", "table-head") and item_number(text):
            numbered.append((n, clean_title(text).casefold()))
    if not numbered:
        return skip
    first_n, first_text = numbered[0]
    again = next((n for n, t in numbered[1:] if t == first_text), None)
    if again is not None:
        listed = {n for n, _ in numbered if n < again}
        if all(n in listed or not lines[n].text.strip() for n in range(first_n, again)):
            return skip | listed | set(range(first_n, again))
    for n, _title in numbered:
        if PAGE_TAIL_RE.search(lines[n].text.rstrip(" ")):
            skip.add(n)
        else:
            break
    return skip


def page_furniture(lines):
    """Indices of header and footer text: the lines of Word's header and footer parts, page
    numbers ("Side 2 af 9"), and the letterhead of a text file: a line repeated beside page
    numbers every time it occurs. A line that is part of the agenda (a heading, a case line)
    never is."""
    furniture = {n for n, line in enumerate(lines) if line.kind == "header"}
    pages = [n for n, line in enumerate(lines) if is_page_line(line.text)]
    furniture.update(pages)
    near = {k for n in pages for k in range(n - 3, n + 4)}
    keys = [" ".join(line.text.split()).casefold() for line in lines]
    total = Counter(keys)
    beside = Counter(keys[n] for n in near if 0 <= n < len(lines) and n not in furniture)
    for key, count in beside.items():
        repeated = key and count >= 2 and count == total[key]
        if repeated and not item_number(key) and not is_structure(key):
            furniture.update(n for n in near if 0 <= n < len(lines) and keys[n] == key)
    return furniture


def is_structure(key):
    """Whether a line (casefolded) is a heading, a case line or a closed marker: never taken
    for a letterhead, however often it stands beside a page number."""
    heading = key.rstrip(":").strip()
    return bool(
        heading in SECTION_HEADINGS
        or heading in OTHER_HEADINGS
        or CASE_RE.match(key)
        or BARE_CASE_RE.match(key)
        or OTHER_CASE_RE.match(key)
        or HANDLER_RE.match(key)
        or CLOSED_LINE_RE.match(key)
    )
