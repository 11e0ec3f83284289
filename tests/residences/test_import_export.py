import copy
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from residences.demo.seed import seed_demo
from residences.importexport import format as spec
from residences.importexport.exporting import export_catalogue
from residences.importexport.importing import import_catalogue
from residences.models import ExtraService, ProviderPage, ResidencePage
from residences.taxonomy import RESIDENCE_CODE_LISTS
from tests.factories import ResidencePageFactory
from tests.residences import catalogues
from tests.residences.catalogues import write

pytestmark = pytest.mark.django_db
SCHEMA = Path(settings.BASE_DIR) / "residences" / "schema" / "catalogue.schema.json"


def residence(external_id, **overrides):
    record = {
        "external_id": external_id,
        "name": f"Huize {external_id}",
        "street_address": "Coolsingel 40",
        "postcode": "3011AD",
        "target_groups": ["vv-pg"],
        "care_profiles": ["VV05"],
        "financing": ["zin"],
        "places": 10,
        "free_places": 2,
        "waiting_weeks": None,
        "availability_confirmed_on": "2026-11-01",
        "extra_services": [{"name": "Kapper aan huis", "monthly_price": 24.5}],
    }
    record.update(overrides)
    return record


def catalogue(*residences):
    return catalogues.catalogue(
        *residences, region="rotterdam", website="https://maaskant.example.nl"
    )


def test_valid_file_creates_live_provider_and_geocoded_residences(tmp_path, capsys):
    path = write(tmp_path, catalogue(residence("w-1"), residence("w-2", postcode="3111 AA")))

    call_command("import_catalogue", path)

    provider = ProviderPage.objects.get(external_id="aanbieder-1")
    first, second = ResidencePage.objects.order_by("external_id")
    assert provider.live and first.live and second.live
    assert first.get_parent().pk == provider.pk
    assert (first.municipality, second.municipality) == ("Rotterdam", "Schiedam")
    assert first.latitude and first.longitude
    assert first.postcode == "3011 AD"
    assert ExtraService.objects.get(page=first).monthly_price == pytest.approx(24.5)
    assert "Klaar: 3 nieuw, 0 bijgewerkt." in capsys.readouterr().out
    assert ProviderPage.objects.count() == 1


def test_one_bad_record_writes_nothing_and_names_record_and_field(tmp_path, capsys):
    data = catalogue(residence("w-1"), residence("w-2", care_profiles=["VV99"]))
    path = write(tmp_path, data)

    with pytest.raises(CommandError, match="Er is niets opgeslagen"):
        call_command("import_catalogue", path)

    errors = capsys.readouterr().err
    assert "woonlocatie 'w-2' (nr. 1.2), veld 'care_profiles': Onbekende code(s): VV99" in errors
    assert not ProviderPage.objects.exists()
    assert not ResidencePage.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"postcode": "301 AB"}, "postcode", "Vul een Nederlandse postcode in"),
        ({"postcode": "1000 AA"}, "postcode", "Postcode 1000 kennen we niet"),
        ({"latitude": 48.85, "longitude": 2.35}, "latitude", "niet in Nederland"),
        ({"min_age": 70, "max_age": 60}, "max_age", "maximumleeftijd"),
        ({"free_places": 11}, "free_places", "niet meer plaatsen vrij"),
        ({"places": -1}, "places", "minstens 0"),
        ({"availability_confirmed_on": "1-11-2026"}, "availability_confirmed_on", "JJJJ-MM-DD"),
        ({"colour": "rood"}, "colour", "Onbekend veld"),
        ({"street_address": 12}, "street_address", "Moet tekst zijn"),
    ],
)
def test_each_kind_of_bad_value_is_reported_in_dutch(overrides, field, message):
    report = import_catalogue(catalogue(residence("w-1", **overrides)))

    assert not report.ok
    assert any(error.field == field and message in error.message for error in report.errors), [
        str(error) for error in report.errors
    ]
    assert not ResidencePage.objects.exists()


def test_missing_required_field_and_duplicate_ids_are_reported():
    no_name = residence("w-1")
    del no_name["name"]
    report = import_catalogue(catalogue(no_name, residence("w-2"), residence("w-2")))

    messages = {(error.record, error.field, error.message) for error in report.errors}
    assert ("woonlocatie 'w-1' (nr. 1.1)", "name", "Dit veld is verplicht.") in messages
    assert ("woonlocatie 'w-2' (nr. 1.3)", "external_id", "Komt vaker voor in dit bestand.") in (
        messages
    )


def test_reimport_updates_in_place_without_duplicates(tmp_path):
    data = catalogue(residence("w-1"), residence("w-2"))
    call_command("import_catalogue", write(tmp_path, data))
    ids = set(ResidencePage.objects.values_list("pk", flat=True))
    changed = copy.deepcopy(data)
    changed["providers"][0]["residences"][0]["free_places"] = 0
    changed["providers"][0]["residences"][0]["extra_services"] = []

    call_command("import_catalogue", write(tmp_path, changed, "opnieuw.json"))

    assert set(ResidencePage.objects.values_list("pk", flat=True)) == ids
    assert ProviderPage.objects.count() == 1
    assert ResidencePage.objects.get(external_id="w-1").free_places == 0
    assert not ExtraService.objects.filter(page__external_id="w-1").exists()


def test_export_then_import_round_trips_without_duplicates(tmp_path, home_page):
    page = ResidencePageFactory(external_id=None)
    exported = export_catalogue()

    report = import_catalogue(json.loads(json.dumps(exported)))

    assert report.ok, [str(error) for error in report.errors]
    assert ResidencePage.objects.count() == 1
    assert ResidencePage.objects.get().pk == page.pk
    assert export_catalogue()["providers"][0]["residences"][0]["name"] == page.title


def test_export_command_writes_the_documented_format(tmp_path):
    ResidencePageFactory()
    target = tmp_path / "export.json"

    call_command("export_catalogue", str(target))

    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (spec.FORMAT_NAME, spec.FORMAT_VERSION)
    record = data["providers"][0]["residences"][0]
    assert set(record) == set(spec.RESIDENCE_FIELDS)


def test_not_json_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "kapot.json"
    path.write_text("{niet json", encoding="utf-8")

    with pytest.raises(CommandError, match="Er is niets opgeslagen"):
        call_command("import_catalogue", str(path))

    assert "bestand kapot.json, veld '-': Dit is geen geldig JSON-bestand" in (
        capsys.readouterr().err
    )


def test_schema_documents_exactly_the_fields_and_codes_the_importer_accepts():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    definitions = schema["$defs"]

    assert set(definitions["provider"]["properties"]) == set(spec.PROVIDER_FIELDS)
    assert set(definitions["residence"]["properties"]) == set(spec.RESIDENCE_FIELDS)
    assert set(definitions["extra_service"]["properties"]) == set(spec.SERVICE_FIELDS)
    for name, code_list in RESIDENCE_CODE_LISTS.items():
        items = definitions["residence"]["properties"][name]["items"]["enum"]
        assert items == list(code_list.values)
    required = {k for k, (_kind, req, _null) in spec.RESIDENCE_FIELDS.items() if req}
    assert set(definitions["residence"]["required"]) == required


def test_demo_catalogue_exports_and_imports_unchanged_byte_for_byte(tmp_path, home_page):
    """Prices such as 18.95 travel as JSON numbers and come back as the same decimals."""
    seed_demo(residences=40, providers=6)
    exported = tmp_path / "demo.json"
    call_command("export_catalogue", str(exported))
    assert '"monthly_price": 18.95' in exported.read_text(encoding="utf-8")

    call_command("import_catalogue", str(exported))
    over_itself = tmp_path / "over-zichzelf.json"
    call_command("export_catalogue", str(over_itself))

    assert over_itself.read_bytes() == exported.read_bytes()

    for provider in ProviderPage.objects.all():
        provider.delete()
    call_command("import_catalogue", str(exported))
    into_empty = tmp_path / "in-lege-catalogus.json"
    call_command("export_catalogue", str(into_empty))

    assert into_empty.read_bytes() == exported.read_bytes()
