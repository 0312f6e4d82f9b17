"""The four seed documents (../shared/seeds/ 000, 001, 002 and 004) as meeting data, read from
meetings/data/seeds/<key>.toml: the seeds' words are data, this module only gives them the
shape meetings.demo.create_seed_meeting takes.

In the files: times are Danish wall-clock ("2020-08-13T16:00:00", a slot's "10.00"); a section
has either `paragraphs` (plain text, each made a <p>) or `body` (HTML); a speaker is
[name, title, organisation, party letter], trailing empty parts left out. Where the data keeps
other words than the seed, docs/seeds/README.md lists the change and why, and
tests/meetings/test_seed_fidelity.py holds the PDFs to exactly that list."""

import datetime
import tomllib
import zoneinfo
from pathlib import Path

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
SEED_DIR = Path(__file__).resolve().parent / "data" / "seeds"


def _aware(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=COPENHAGEN)
    return value


def _time(text):
    hour, minute = (int(part) for part in text.split("."))
    return datetime.time(hour, minute)


def _speaker(row):
    name, title, organisation, party = [*row, "", "", ""][:4]
    return {"name": name, "title": title, "organisation": organisation, "party_letter": party}


def _section(section):
    section = dict(section)
    if "paragraphs" in section:
        section["body"] = "".join(f"<p>{text}</p>" for text in section.pop("paragraphs"))
    return section


def _slot(slot):
    values = {
        "starts_at": _time(slot["time"]),
        "title": slot["title"],
        "kind": slot.get("kind", "talk"),
        "description": slot.get("description", ""),
        "speakers": [_speaker(row) for row in slot.get("speakers", [])],
        "speakers_intro": slot.get("speakers_intro", ""),
    }
    if "ends" in slot:
        values["ends_at"] = _time(slot["ends"])
    if values["kind"] == "theme":
        values["slots"] = [_slot(child) for child in slot.get("slots", [])]
    return values


def load_seed(path):
    """The seed in `path` as create_seed_meeting takes it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    seed = {
        key: data[key]
        for key in (
            "invited_municipalities",
            "invited_region",
            "co_organisers",
            "preliminary_agenda",
            "attachments",
        )
        if key in data
    }
    seed["meeting"] = {key: _aware(value) for key, value in data["meeting"].items()}
    for key in ("sections", "signatories"):
        if key in data:
            seed[key] = [_section(row) for row in data[key]] if key == "sections" else data[key]
    if "days" in data:
        seed["days"] = [(day["date"], [_slot(s) for s in day["slots"]]) for day in data["days"]]
    if "sessions" in data:
        seed["sessions"] = [
            {**session, "speakers": [_speaker(row) for row in session.get("speakers", [])]}
            for session in data["sessions"]
        ]
    return seed


SEEDS = {path.stem: load_seed(path) for path in sorted(SEED_DIR.glob("*.toml"))}
