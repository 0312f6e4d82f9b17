"""Helpers for the meetings tests: the seed meetings, and reading a PDF back as text."""

import io
import re
from pathlib import Path

import pypdf

from meetings.demo import create_seed_meeting
from meetings.demo_seeds import SEEDS

# Copies of the seed documents this app reproduces, beside the PNGs of their PDFs.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "docs" / "seeds"


def seed_text(key):
    """The text of seed document `key` ("000"), markdown emphasis removed."""
    path = next(SEEDS_DIR.glob(f"{key}_*.txt"))
    return re.sub(r"[*#]", "", path.read_text(encoding="utf-8"))


def seed_meeting(key):
    return create_seed_meeting(SEEDS[key])


def pdf_pages(pdf):
    """The text of each page of a PDF."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def squash(text):
    """Text without whitespace, so that line breaks and wrapped words do not matter."""
    return re.sub(r"\s+", "", text)


def assert_in_order(text, expected, where="PDF"):
    """Each of `expected` occurs in `text`, each after the one before."""
    text = squash(text)
    position = 0
    for item in expected:
        found = text.find(squash(item), position)
        assert found >= 0, f"{where}: '{item}' not found after position {position}"
        position = found + len(squash(item))


def assert_page_numbers(pages):
    count = len(pages)
    assert f"Side 1 af {count}" in pages[0]
    assert f"Side {count} af {count}" in pages[-1]
