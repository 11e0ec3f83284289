"""Shared factories: real Wagtail pages, users, collections, images and documents.

Pages are created through `parent.add_child()` and published through `save_revision().publish()`,
so treebeard paths, revisions and the publish signals (search index sync) are the real ones.
"""

import io
from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page

from residences import taxonomy
from residences.models import ProviderPage, ResidencePage

DEFAULT_PASSWORD = "correct-horse-battery-staple"


def home_page() -> Page:
    from pages.models import HomePage

    return HomePage.default_home()


def publish_page(page: Page, user=None) -> Page:
    """Publish the page's current state as a new revision, firing the real publish signals."""
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def today() -> date:
    return timezone.localdate()


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda number: f"gebruiker{number}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    first_name = "Sam"
    last_name = factory.Sequence(lambda number: f"de Vries {number}")
    password = factory.django.Password(DEFAULT_PASSWORD)
    is_active = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class BasePageFactory(DjangoModelFactory):
    """Creates a page as a child of `parent`; published unless `publish=False`."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(home_page)
    publish = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        page.live = False
        parent.add_child(instance=page)
        if publish:
            publish_page(page)
        else:
            page.save_revision()
        return page

    @classmethod
    def _build(cls, model_class, *args, parent=None, publish=True, **kwargs):
        return model_class(*args, **kwargs)


class ProviderPageFactory(BasePageFactory):
    class Meta:
        model = ProviderPage

    title = factory.Sequence(lambda number: f"Zorggroep De Linde {number}")
    external_id = factory.Sequence(lambda number: f"aanbieder-{number}")
    intro = "Wonen met zorg in Rotterdam en omgeving."
    phone = "010 123 45 67"
    email = factory.Sequence(lambda number: f"info{number}@zorggroep.example.nl")
    website = "https://zorggroep.example.nl"
    region = taxonomy.Region.ROTTERDAM


class ResidencePageFactory(BasePageFactory):
    """A residence for older people with dementia in Rotterdam-Centrum, confirmed today."""

    class Meta:
        model = ResidencePage

    parent = factory.SubFactory(ProviderPageFactory)
    title = factory.Sequence(lambda number: f"Huize Rozenhof {number}")
    external_id = factory.Sequence(lambda number: f"woonlocatie-{number}")
    intro = "Kleinschalig wonen voor ouderen met dementie, midden in de stad."
    street_address = "Coolsingel 40"
    postcode = "3011 AD"
    place = "Rotterdam"
    municipality = "Rotterdam"
    district = "Centrum"
    latitude = 51.9225
    longitude = 4.4792
    target_groups = factory.LazyFunction(lambda: [taxonomy.TargetGroup.ELDERLY_DEMENTIA.value])
    care_profiles = factory.LazyFunction(
        lambda: [taxonomy.CareProfile.VV05.value, taxonomy.CareProfile.VV07.value]
    )
    financing = factory.LazyFunction(lambda: [taxonomy.Financing.ZIN.value])
    housing_types = factory.LazyFunction(lambda: [taxonomy.HousingType.SMALL_SCALE.value])
    support = factory.LazyFunction(
        lambda: [taxonomy.Support.PRESENCE_24H.value, taxonomy.Support.NIGHT_AWAKE.value]
    )
    facilities = factory.LazyFunction(
        lambda: [taxonomy.Facility.OWN_ROOM.value, taxonomy.Facility.GARDEN.value]
    )
    environment = factory.LazyFunction(
        lambda: [taxonomy.Environment.CITY.value, taxonomy.Environment.NEAR_TRANSPORT.value]
    )
    life_outlooks = factory.LazyFunction(lambda: [taxonomy.LifeOutlook.GENERAL.value])
    languages = factory.LazyFunction(lambda: [taxonomy.Language.DUTCH.value])
    min_age = 65
    max_age = None
    places = 12
    group_size = 6
    free_places = 1
    waiting_weeks = 4
    availability_confirmed_on = factory.LazyFunction(today)
    description = "<p>Een warm huis met een eigen kamer voor iedereen.</p>"
    contact_name = "Anja Bakker"
    contact_phone = "010 765 43 21"
    contact_email = "wonen@zorggroep.example.nl"


class CollectionFactory(DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda number: f"Collectie {number}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or Collection.get_first_root_node()
        return parent.add_child(instance=model_class(*args, **kwargs))


def png_bytes(colour=(200, 120, 80), size=(32, 24)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda number: f"Foto {number}")
    description = factory.LazyAttribute(lambda image: f"Beschrijving van {image.title}")
    file = factory.LazyAttribute(
        lambda image: ContentFile(png_bytes(), name=f"{image.title.replace(' ', '-')}.png")
    )
    collection = factory.LazyFunction(Collection.get_first_root_node)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda number: f"Document {number}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(b"Kwaliteitsverslag", name="kwaliteitsverslag.txt")
    )
    collection = factory.LazyFunction(Collection.get_first_root_node)
