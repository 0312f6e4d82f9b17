"""Demo data of the meetings app: the people named in the seed documents."""

from pathlib import Path

from .services import import_people

PEOPLE_CSV = Path(__file__).resolve().parent / "data" / "demo_people.csv"


def load():
    result = import_people(PEOPLE_CSV.read_text(encoding="utf-8"))
    if result.errors:
        raise ValueError("; ".join(result.errors))
    return f"{result.created} personer oprettet, {result.updated} opdateret"
