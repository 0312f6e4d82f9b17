"""Operations on meetings' data that span several rows."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Municipality, Person, Role

# Column names in the CSV file, as the secretariat writes them in Excel.
PEOPLE_COLUMNS = {
    "navn": "name",
    "rolle": "role",
    "titel": "title",
    "kommune": "municipality",
    "organisation": "organisation",
    "parti": "party_letter",
    "e-mail": "email",
    "telefon": "phone",
}
ROLE_BY_LABEL = {label.lower(): value for value, label in Role.choices} | {
    value: value for value in Role.values
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _person_values(row, municipalities):
    """The Person fields of one CSV row, or raise ValueError with the reason in Danish."""
    values = {PEOPLE_COLUMNS[k]: (v or "").strip() for k, v in row.items() if k in PEOPLE_COLUMNS}
    if not values.get("name"):
        raise ValueError("navn mangler")
    role = values.get("role", "").lower() or Role.OTHER
    if role not in ROLE_BY_LABEL:
        raise ValueError(f"ukendt rolle '{values['role']}'")
    values["role"] = ROLE_BY_LABEL[role]
    municipality = values.pop("municipality", "")
    municipality_key = municipality.lower().removesuffix(" kommune")
    if municipality and municipality_key not in municipalities:
        raise ValueError(f"ukendt kommune '{municipality}'")
    values["municipality"] = municipalities.get(municipality_key)
    return values


def import_people(text):
    """Import people from CSV text (semicolon or comma separated, Danish headers).

    All or nothing: a file with any bad row imports nothing, and every bad row is reported by
    its line number and reason. A person with the same e-mail as an existing one updates it.
    """
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=";,")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    result = ImportResult()
    if not reader.fieldnames or "navn" not in [name.strip().lower() for name in reader.fieldnames]:
        result.errors.append("Linje 1: kolonnen 'navn' mangler i overskriften")
        return result
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    municipalities = {m.name.lower(): m for m in Municipality.objects.all()}
    rows = []
    for row in reader:
        try:
            values = _person_values(row, municipalities)
            Person(**values).full_clean(validate_unique=False)
        except ValueError as error:
            result.errors.append(f"Linje {reader.line_num}: {error}")
            continue
        except ValidationError as error:
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()
            )
            result.errors.append(f"Linje {reader.line_num}: {messages}")
            continue
        rows.append(values)
    if result.errors:
        return result
    with transaction.atomic():
        for values in rows:
            existing = (
                Person.objects.filter(email__iexact=values["email"]).first()
                if values.get("email")
                else Person.objects.filter(
                    name=values["name"], municipality=values["municipality"]
                ).first()
            )
            if existing:
                for name, value in values.items():
                    setattr(existing, name, value)
                existing.save()
                result.updated += 1
            else:
                Person.objects.create(**values)
                result.created += 1
    return result
