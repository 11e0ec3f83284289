import pytest
from django.core.management import call_command
from wagtail.models import Page

from residences import geo, taxonomy
from residences.demo.seed import seed_demo
from residences.models import ProviderPage, ResidenceGalleryImage, ResidencePage
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def fingerprint():
    return list(
        ResidencePage.objects.order_by("external_id").values_list(
            "external_id", "title", "postcode", "municipality", "latitude", "longitude",
            "target_groups", "care_profiles", "free_places", "waiting_weeks",
            "availability_confirmed_on",
        )
    )


def test_seeding_builds_a_consistent_live_tree_with_the_requested_counts():
    report = seed_demo(residences=40, providers=5, seed=7)

    assert (report.providers, report.residences) == (5, 40)
    assert ProviderPage.objects.live().count() == 5
    assert ResidencePage.objects.live().count() == 40
    assert Page.find_problems() == ([], [], [], [], [])
    assert ResidenceGalleryImage.objects.count() >= 80
    for provider in ProviderPage.objects.all():
        assert provider.numchild == ResidencePage.objects.child_of(provider).count()


def test_same_seed_gives_the_same_catalogue_and_reseeding_replaces_it():
    seed_demo(residences=25, providers=3, seed=11)
    first = fingerprint()
    seed_demo(residences=25, providers=3, seed=11)

    assert fingerprint() == first
    assert ResidencePage.objects.count() == 25
    assert ProviderPage.objects.count() == 3


def test_seeded_residences_are_valid_and_coherent():
    seed_demo(residences=60, providers=4, seed=3)

    for page in ResidencePage.objects.all():
        page.full_clean()
        assert page.municipality in geo.RIJNMOND_MUNICIPALITIES
        assert page.postcode[:4] in geo.municipality_postcodes(page.municipality)
        allowed = {profile.value for profile in taxonomy.care_profiles_for(page.target_groups)}
        assert set(page.care_profiles) <= allowed
        assert page.free_places <= page.places
        assert page.gallery_images.first().image.description


def test_seeded_pages_render_and_open_in_the_admin(client):
    seed_demo(residences=3, providers=1, seed=1)
    page = ResidencePage.objects.first()
    from tests.factories import UserFactory

    assert client.get(page.url).status_code == 200
    client.force_login(UserFactory(superuser=True))
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_seed_demo_command_if_empty_leaves_an_existing_catalogue_alone(capsys):
    call_command("seed_demo", "--residences", "5", "--providers", "2")
    call_command("seed_demo", "--residences", "9", "--if-empty")

    assert ResidencePage.objects.count() == 5
    assert SearchEntry.objects.count() == 5
    assert "niet opnieuw geladen" in capsys.readouterr().out


def test_demo_pictures_are_varied_deterministic_and_described():
    from residences.demo import images

    seed_demo(residences=40, providers=5, seed=7)
    first_photos = [page.gallery_images.first().image for page in ResidencePage.objects.all()]
    # Not one clip-art house on every residence: several kinds of building lead the cards.
    kinds = {photo.description.split(" met ")[0] for photo in first_photos}
    assert len(kinds) >= 4, kinds
    assert len({photo.pk for photo in first_photos}) >= 15
    for page in ResidencePage.objects.all():
        pictures = [item.image for item in page.gallery_images.all()]
        assert 2 <= len(pictures) <= 4
        assert "woonkamer" not in pictures[0].description  # a building first
        assert "tuin " not in pictures[0].description
        for picture in pictures:
            assert picture.description.startswith("Tekening van ")
            assert picture.default_alt_text == picture.description
    # Drawn the same every time, and different from each other.
    drawn = [images.draw_picture(number) for number in range(1, images.IMAGE_COUNT + 1)]
    assert [picture.data for picture in drawn] == [
        images.draw_picture(number).data for number in range(1, images.IMAGE_COUNT + 1)
    ]
    assert len({picture.data for picture in drawn}) == images.IMAGE_COUNT
    assert len({picture.alt for picture in drawn}) >= images.IMAGE_COUNT * 3 // 4


def test_the_residence_page_and_result_card_show_the_picture_with_its_description(client):
    from search.indexing import rebuild_index

    seed_demo(residences=3, providers=1, seed=1)
    rebuild_index()
    page = ResidencePage.objects.order_by("title").first()
    description = page.gallery_images.first().image.description
    assert f'alt="{description}"' in client.get(page.url).content.decode()
    results = client.get("/zoeken/", {"q": page.title}).content.decode()
    assert f'alt="{description}"' in results
