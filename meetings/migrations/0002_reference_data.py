"""The 98 municipalities with their regions, the five KKR and KL's political committees."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

KOMMUNER_CSV = Path(__file__).resolve().parent.parent / "data" / "kommuner.csv"

# KL's political committees: those in the seeds and the rest of the standing committees.
COMMITTEES = [
    "KL's Bestyrelse",
    "KL's Arbejdsmarkeds- og Erhvervsudvalg",
    "KL's Børne- og Undervisningsudvalg",
    "KL's Klima-, Miljø- og Teknikudvalg",
    "KL's Kultur-, Erhvervs- og Planudvalg",
    "KL's Socialudvalg",
    "KL's Sundheds- og Ældreudvalg",
    "KL's Udvalg for Digitalisering og Organisation",
]


def danish_slug(text):
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelled).replace(letter.upper(), spelled.capitalize())
    return slugify(text)


def load(apps, schema_editor):
    Region = apps.get_model("meetings", "Region")
    Municipality = apps.get_model("meetings", "Municipality")
    Organiser = apps.get_model("meetings", "Organiser")
    with KOMMUNER_CSV.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        region, _ = Region.objects.get_or_create(name=row["region"])
        Organiser.objects.get_or_create(
            name=row["kkr"],
            defaults={"kind": "kkr", "slug": danish_slug(row["kkr"]), "region": region},
        )
        Municipality.objects.get_or_create(name=row["kommune"], defaults={"region": region})
    for name in COMMITTEES:
        Organiser.objects.get_or_create(
            name=name,
            defaults={"kind": "committee", "slug": danish_slug(name.replace("KL's ", "kl-"))},
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
