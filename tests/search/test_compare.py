"""Compare up to four residences in one table; the URL is the share link."""

from decimal import Decimal

import pytest

from residences import taxonomy
from residences.models.pages import ExtraService
from search.criteria import Criteria, Importance, Wish
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page

COMPARE = "/zoeken/vergelijken/"


@pytest.fixture
def residences(db):
    provider = ProviderPageFactory()
    pages = [ResidencePageFactory(parent=provider, title=f"Huis {n}") for n in range(5)]
    ExtraService.objects.create(page=pages[0], name="Wasservice", monthly_price=Decimal("1234.5"))
    publish_page(pages[0])
    return pages


def compare_url(pages, extra="") -> str:
    ids = "&".join(f"id={page.id}" for page in pages)
    return f"{COMPARE}?{ids}{extra}"


def test_table_has_a_column_per_residence_and_rows_for_every_group(client, residences):
    html = client.get(compare_url(residences[:3])).content.decode()
    assert html.count('<th scope="col">') == 3
    for heading in ["Adres", "Voor wie", "Zorg en betaling", "Wonen", "Omgeving en sfeer",
                    "Extra diensten", "Beschikbaarheid"]:  # fmt: skip
        assert (
            f'<th scope="rowgroup" colspan="4" class="compare-table__group">{heading}</th>' in html
        )
    for label in ["Zorgprofielen (Wlz)", "Talen van medewerkers", "Groepsgrootte", "Leeftijd"]:
        assert f'<th scope="row">{label}</th>' in html
    assert str(taxonomy.CareProfile.VV05.label) in html
    assert "€\xa01.234,50 per maand" in html


def test_more_than_four_shows_the_first_four_with_a_message(client, residences):
    html = client.get(compare_url(residences)).content.decode()
    assert html.count('<th scope="col">') == 4
    assert "U kunt 4 woonlocaties tegelijk vergelijken" in html
    assert "Huis 4</a>" not in html


def test_without_ids_the_shortlist_is_compared(client, residences):
    for page in residences[:2]:
        client.post("/zoeken/bewaarlijst/toevoegen/", {"residence": page.id})
    html = client.get(COMPARE).content.decode()
    assert html.count('<th scope="col">') == 2


def test_criteria_in_the_url_add_the_explanation_per_residence(client, residences):
    query = Criteria.build(wishes=[Wish("facilities", "tuin", Importance.IMPORTANT)]).to_query()
    html = client.get(compare_url(residences[:2], "&" + query)).content.decode()
    assert html.count("Past bij 1 van uw 1 wens:") == 2


def test_bad_and_unknown_ids_are_left_out_politely(client, residences):
    response = client.get(f"{COMPARE}?id=abc&id=999999&id={residences[0].id}")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<th scope="col">') == 1
    assert "Een onbekende woonlocatie is weggelaten." in html


def test_empty_comparison_explains_how_to_start(client, db):
    assert "Er is nog niets om te vergelijken." in client.get(COMPARE).content.decode()
