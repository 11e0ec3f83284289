"""The public residence and provider pages, and the "Zo rangschikken wij" page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils.html import escape

from residences import availability, taxonomy
from residences.models.pages import ExtraService, ResidenceGalleryImage
from search import ranking
from search.criteria import Criteria, Importance, Wish
from tests.factories import (
    ImageFactory,
    ProviderPageFactory,
    ResidencePageFactory,
    publish_page,
    today,
)


@pytest.fixture
def residence(db):
    provider = ProviderPageFactory(
        title="Zorggroep Maas",
        quality_report_url="https://zorggroep.example.nl/kwaliteit",
        reviews_url="https://www.zorgkaartnederland.nl/zorggroep-maas",
    )
    page = ResidencePageFactory(parent=provider, title="De Tuinkamer")
    ExtraService.objects.create(
        page=page, name="Kapper aan huis", monthly_price=Decimal("45.00"), sort_order=0
    )
    image = ImageFactory(title="Tuin", description="De tuin met bankjes onder een boom")
    ResidenceGalleryImage.objects.create(page=page, image=image, sort_order=0)
    return publish_page(page)


def test_detail_page_groups_attributes_in_plain_dutch(client, residence):
    html = client.get(residence.url).content.decode()
    for heading in ["Voor wie", "Zorg en betaling", "Wonen", "Omgeving en sfeer", "Contact"]:
        assert f">{heading}</h2>" in html
    assert str(taxonomy.TargetGroup.ELDERLY_DEMENTIA.label) in html
    assert escape(str(taxonomy.Support.NIGHT_AWAKE.label)) in html
    assert "Vanaf 65 jaar" in html
    assert "Anja Bakker" in html


def test_detail_page_shows_prices_photos_availability_and_provider_links(client, residence):
    html = client.get(residence.url).content.decode()
    assert "Kapper aan huis – €\xa045,00 per maand" in html
    assert 'alt="De tuin met bankjes onder een boom"' in html
    assert "1 plaats vrij" in html and "Bevestigd op" in html
    assert "https://zorggroep.example.nl/kwaliteit" in html
    assert "zorgkaartnederland" in html
    assert f'name="residence" value="{residence.id}"' in html
    assert '<script id="detail-map-points" type="application/json">' in html


def test_stale_availability_gets_a_warning(client, residence):
    days = availability.STALE_AFTER_DAYS + 1
    residence.availability_confirmed_on = today() - timedelta(days=days)
    publish_page(residence)
    html = client.get(residence.url).content.decode()
    assert "niet recent bevestigd" in html
    assert "lang niet bevestigd" in html


def test_detail_page_says_why_it_fits_when_the_url_carries_a_search(client, residence):
    query = Criteria.build(
        musts={"target_groups": [taxonomy.TargetGroup.ELDERLY_DEMENTIA]},
        wishes=[
            Wish("facilities", taxonomy.Facility.GARDEN, Importance.VERY_IMPORTANT),
            Wish("facilities", taxonomy.Facility.PETS, Importance.NICE),
        ],
    ).to_query()
    html = client.get(f"{residence.url}?{query}").content.decode()
    assert "Waarom dit bij uw zoekopdracht past" in html
    assert "Past bij 1 van uw 2 wensen" in html
    assert '<span class="visually-hidden">wel:</span> Doelgroepen' in html
    assert '<span class="visually-hidden">niet:</span> Huisdieren toegestaan' in html
    assert "Terug naar de zoekresultaten" in html


def test_detail_page_without_a_search_has_no_explanation(client, residence):
    assert "Waarom dit bij" not in client.get(residence.url).content.decode()


def test_detail_page_survives_a_mangled_query_string(client, residence):
    response = client.get(f"{residence.url}?leeftijd=%C2%B2&wens=x:y:z&plaats=%00")
    assert response.status_code == 200


def test_provider_page_lists_its_residences_and_quality_links(client, residence):
    provider = residence.get_parent().specific
    html = client.get(provider.url).content.decode()
    assert "De Tuinkamer" in html
    assert "Kwaliteitsverslag" in html
    assert provider.phone in html


def test_how_we_rank_shows_the_numbers_from_ranking(client, db):
    html = client.get("/zoeken/zo-rangschikken-wij/").content.decode()

    def number(value) -> str:
        return f"{value:g}".replace(".", ",")

    for label, points in ranking.describe()["wishes"]:
        assert f"{label.capitalize()}</th><td>{number(points)}</td>" in html
    for status in ranking.AVAILABILITY_ORDER:
        points = number(ranking.AVAILABILITY_POINTS[status])
        assert f'<th scope="row">{status.label}</th><td>{points}</td>' in html
    for km, points in ranking.describe()["distance_examples"]:
        assert f'<th scope="row">{km} km</th><td>{number(points)}</td>' in html
    assert f"{availability.STALE_AFTER_DAYS} dagen" in html
    assert f"{availability.SHORT_WAIT_MAX_WEEKS} weken" in html
    assert f"{number(ranking.DISTANCE_SCALE_KM)} km afstand" in html
    assert "Niemand kan betalen voor een hogere plaats." in html
    assert "Ook telt niet mee wie de aanbieder is" in html
