"""Issue 25: the demo documents keep the seeds' words. Each seed's text (docs/seeds/, a copy of
../shared/seeds/) is compared word by word with pdftotext of the PDF the demo data makes of it;
every difference must be one that docs/seeds/README.md lists with its reason, and every change
listed there must still be made (a stale entry fails too)."""

import difflib
import re
import subprocess
from collections import Counter

import pytest

from meetings import services
from tests import factories
from tests.support import SEEDS_DIR

pytestmark = pytest.mark.django_db

# The letterhead column repeats on every page of the seed and of the PDF, in another place of
# the text flow: both sides are compared without it (its data is tested elsewhere).
LETTERHEAD = re.compile(
    r"^\s*(KL|Dato: .*|Sags ID: .*|Dok\. ID: .*|E-mail: .*|Direkte: .*|Weidekampsgade 10|"
    r"Postboks 3370|2300 København S|www\.kl\.dk|Side \d+ af \d+)\s*$",
    re.M,
)
NOTHING = "(intet)"
PORTAL = "<portal>"
# Seed 001's signatories stand in a grid its text reads across the columns: compared unordered.
UNORDERED = {"001": ("hilsen", "Foreløbig")}
DOCUMENTS = {"000": "invitation", "001": "invitation", "002": "programme", "004": "invitation"}


def seed_words(key):
    text = next(SEEDS_DIR.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url)
    text = re.sub(r"<(https?://[^>]*)>", r"\1", text)
    text = re.sub(r"^\s*[-•]\s+", "", text, flags=re.M)  # list bullets
    text = re.sub(r"^[\s-]*---[\s-]*$", "", text, flags=re.M)  # rules between pages
    text = re.sub(r"[*#]", "", text)
    text = LETTERHEAD.sub("", text)
    # the seeds are PDF text: a word broken at a line's end ("op-\nlevelse") is joined
    text = re.sub(r"(\w)-\s*\n\s*(?!og\b|eller\b)([a-zæøå])", r"\1\2", text)
    return text.split()


def pdf_words(pdf):
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    text = LETTERHEAD.sub("", text)
    # a word broken at its own hyphen ("Corona-\nepidemien") or a link at a "/" is one word
    text = re.sub(r"(\w)-\n(?!og\b|eller\b|samt\b)(\w)", r"\1-\2", text)
    text = re.sub(r"(https?://\S*/)\n([\w.-]+/)", r"\1\2", text)
    return [word for word in text.split() if word != "•"]


def demo_pdf(key):
    meeting = services.meeting_for_documents(factories.seed_meeting(key).pk)
    if DOCUMENTS[key] == "programme":
        return services.programme_pdf(meeting)
    return services.invitation_pdf(meeting)


def differences(seed, printed):
    """[(seed's words, the PDF's words)] where they differ, in order."""
    matcher = difflib.SequenceMatcher(None, seed, printed, autojunk=False)
    return [
        (" ".join(seed[a1:a2]) or NOTHING, " ".join(printed[b1:b2]) or NOTHING)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def bag_difference(seed, printed):
    """The words of an unordered block that differ, as one (seed's, PDF's) pair, or none."""
    missing, extra = Counter(seed) - Counter(printed), Counter(printed) - Counter(seed)
    if not missing and not extra:
        return []
    return [(" ".join(sorted(missing.elements())) or NOTHING,
             " ".join(sorted(extra.elements())) or NOTHING)]  # fmt: skip


def without(words, block):
    """`words` without the words between the block's two markers, and those words."""
    start, end = block
    first = words.index(start) + 1
    last = words.index(end, first)
    return words[:first] + words[last:], words[first:last]


def listed_changes():
    """{seed key: [(in the seed, in the demo PDF)]} from the table in docs/seeds/README.md."""
    table = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d{3}) \| `([^`]*)` \| `([^`]*)` \|", table, re.M)
    changes = {}
    for key, seed, printed in rows:
        changes.setdefault(key, []).append((seed, printed))
    return changes


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_the_demo_document_keeps_the_seeds_words_but_for_the_listed_changes(key, settings):
    seed = seed_words(key)
    printed = [w.replace(settings.SITE_URL, PORTAL) for w in pdf_words(demo_pdf(key))]
    found = []
    if block := UNORDERED.get(key):
        (seed, seed_block), (printed, printed_block) = without(seed, block), without(printed, block)
        found += bag_difference(seed_block, printed_block)
    found += differences(seed, printed)
    listed = listed_changes().get(key, [])
    unlisted = [change for change in found if change not in listed]
    stale = [change for change in listed if change not in found]
    assert not unlisted, f"seed {key}: changes not in docs/seeds/README.md: {unlisted}"
    assert not stale, f"seed {key}: rows of docs/seeds/README.md no longer needed: {stale}"


def test_the_programmes_day_headings_extract_whole():
    """pdftotext's default reading (a PDF reader's copy) gives "MAJ", not "MA J"."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=demo_pdf("002"), capture_output=True, check=True
    ).stdout.decode()
    assert "TIRSDAG DEN 24. MAJ 2022" in text
    assert "ONSDAG DEN 25. MAJ 2022" in text


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_every_heading_and_the_sags_id_extract_whole(key):
    """pdftotext finds the letter's heading, its Sags ID and every section and session heading
    as printed: no spaced letters, no hyphen put into a word (a line may break only at a
    hyphen of the word's own, as in "Sundheds- og")."""
    seed = factories.seed_meeting(key)
    pdf = demo_pdf(key)
    text = " ".join(pdf_words(pdf))
    expected = [seed.heading, *(s.heading for s in seed.letter_sections.all() if s.heading)]
    expected += [session.title for session in seed.sessions.all()]
    for words in expected:
        assert " ".join(words.split()) in text, words
    if seed.case_number:
        raw = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True)
        assert f"Sags ID: {seed.case_number}" in raw.stdout.decode()
