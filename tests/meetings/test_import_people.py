"""The secretariat imports politicians from a spreadsheet saved as CSV."""

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Person, is_politician_role

GOOD = """navn;rolle;titel;kommune;parti;e-mail;telefon
Frank Heidemann;udvalgsformand;formand for Sundhedsudvalget;Ikast-Brande;V;fh@example.dk;
Villy Søvndal;Udvalgsformand;formand Socialudvalget;Kolding Kommune;F;vs@example.dk;
Christian Budde;rådmand;rådmand for sundhed og omsorg;Aarhus;V;cb@example.dk;12345678
"""


@pytest.fixture
def csv_file(tmp_path):
    def write(text):
        path = tmp_path / "personer.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.mark.django_db
def test_import_people_creates_politicians_with_municipality_and_party(csv_file, capsys):
    call_command("import_people", csv_file(GOOD))
    assert "3 nye" in capsys.readouterr().out
    budde = Person.objects.get(email="cb@example.dk")
    assert budde.municipality.name == "Aarhus"
    assert budde.municipality.region.name == "Region Midtjylland"
    assert budde.role == "raadmand" and budde.party_letter == "V" and is_politician_role(budde.role)
    assert Person.objects.get(name="Villy Søvndal").municipality.name == "Kolding"


@pytest.mark.django_db
def test_importing_the_same_file_twice_updates_instead_of_duplicating(csv_file):
    call_command("import_people", csv_file(GOOD))
    call_command("import_people", csv_file(GOOD))
    assert Person.objects.count() == 3


@pytest.mark.django_db
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(csv_file, capsys):
    bad = GOOD + "Maja Højgaard;udvalgsformand;formand;Atlantis;A;mh@example.dk;\n"
    with pytest.raises(CommandError, match="intet er importeret"):
        call_command("import_people", csv_file(bad))
    assert "Linje 5: ukendt kommune 'Atlantis'" in capsys.readouterr().err
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_each_bad_row_is_reported_with_its_reason(csv_file, capsys):
    bad = (
        "navn;rolle;kommune;e-mail\n"
        ";borgmester;Viborg;x@example.dk\n"
        "Ib Terp;kejser;Brøndby;ib@example.dk\n"
        "Ninna Thomsen;borgmester;København;ikke-en-adresse\n"
    )
    with pytest.raises(CommandError):
        call_command("import_people", csv_file(bad))
    err = capsys.readouterr().err
    assert "Linje 2: navn mangler" in err
    assert "Linje 3: ukendt rolle 'kejser'" in err
    assert "Linje 4: email:" in err
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Kan ikke læse"):
        call_command("import_people", str(tmp_path / "findes-ikke.csv"))
