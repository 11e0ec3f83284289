from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.i18n import ServedInEveryLanguage
from residences import geo, taxonomy
from residences.attachments import attachment_errors
from residences.fields import BoundedRichTextField, CodeListField
from residences.page_forms import ProviderContentPageForm
from residences.validators import validate_postcode

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image"]
DAY_IN_THE_LIFE_FEATURES = ["bold", "italic", "ol", "ul"]
DESCRIPTION_MAX_LENGTH = 20_000
DAY_IN_THE_LIFE_MAX_LENGTH = 5_000


class ProviderPage(ServedInEveryLanguage, Page):
    """A care provider (zorgaanbieder); its residences are its children."""

    external_id = models.CharField(
        _("extern kenmerk"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Vaste sleutel voor import en export. Laat leeg als u niet importeert."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.CharField(_("korte omschrijving"), max_length=300, blank=True)
    description = BoundedRichTextField(
        _("beschrijving"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        max_length=DESCRIPTION_MAX_LENGTH,
    )
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    region = models.CharField(
        _("regio"),
        max_length=32,
        choices=taxonomy.Region.choices,
        default=taxonomy.Region.ROTTERDAM,
    )
    quality_report_url = models.URLField(
        _("kwaliteitsverslag"),
        blank=True,
        help_text=_("Link naar het openbare kwaliteitsverslag van uw organisatie."),
    )
    reviews_url = models.URLField(
        _("ervaringen van cliënten"),
        blank=True,
        help_text=_("Bijvoorbeeld uw pagina op ZorgkaartNederland."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("region"),
        MultiFieldPanel(
            [FieldPanel("quality_report_url"), FieldPanel("reviews_url")],
            heading=_("Kwaliteit"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("external_id")]
    # A copy is a new residence: it must not take over the import key (unique).
    exclude_fields_in_copy = ["external_id"]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["residences.ResidencePage"]
    template = "residences/provider_page.html"
    base_form_class = ProviderContentPageForm

    class Meta:
        verbose_name = _("zorgaanbieder")
        verbose_name_plural = _("zorgaanbieders")

    def attachment_provider(self, parent=None) -> "ProviderPage | None":
        """The provider whose collection this page's images and documents must come from."""
        return self if self.pk is not None else None

    def clean(self):
        super().clean()
        raise_attachment_errors(self, self.attachment_provider())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["residences"] = (
            ResidencePage.objects.child_of(self).live().specific().order_by("title")
        )
        return context


class ResidencePage(ServedInEveryLanguage, Page):
    """A residence (woonlocatie) of a provider."""

    external_id = models.CharField(
        _("extern kenmerk"), max_length=64, unique=True, null=True, blank=True
    )
    intro = models.CharField(
        _("korte omschrijving"),
        max_length=300,
        blank=True,
        help_text=_("Eén of twee zinnen voor de zoekresultaten."),
    )

    street_address = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    district = models.CharField(_("wijk"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        help_text=_(
            "Laat leeg om de ligging te bepalen uit de postcode. U kunt hem hier verbeteren."
        ),
    )
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    target_groups = CodeListField(_("doelgroepen"), code_list=taxonomy.TargetGroup)
    care_profiles = CodeListField(_("zorgprofielen (Wlz)"), code_list=taxonomy.CareProfile)
    financing = CodeListField(_("financiering"), code_list=taxonomy.Financing)
    housing_types = CodeListField(_("woonvormen"), code_list=taxonomy.HousingType)
    support = CodeListField(_("begeleiding en zorg"), code_list=taxonomy.Support)
    facilities = CodeListField(_("voorzieningen"), code_list=taxonomy.Facility)
    environment = CodeListField(_("omgeving"), code_list=taxonomy.Environment)
    life_outlooks = CodeListField(
        _("levensovertuiging en identiteit"), code_list=taxonomy.LifeOutlook
    )
    languages = CodeListField(_("talen van medewerkers"), code_list=taxonomy.Language)

    min_age = models.PositiveSmallIntegerField(_("minimumleeftijd"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximumleeftijd"), null=True, blank=True)
    places = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=0, validators=[MinValueValidator(0)]
    )
    group_size = models.PositiveSmallIntegerField(
        _("groepsgrootte"), null=True, blank=True, validators=[MinValueValidator(0)]
    )

    free_places = models.PositiveSmallIntegerField(
        _("vrije plaatsen nu"), default=0, validators=[MinValueValidator(0)]
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("verwachte wachttijd in weken"),
        null=True,
        blank=True,
        help_text=_("Laat leeg als u het niet weet."),
    )
    availability_confirmed_on = models.DateField(
        _("beschikbaarheid bevestigd op"), null=True, blank=True
    )

    description = BoundedRichTextField(
        _("beschrijving"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        max_length=DESCRIPTION_MAX_LENGTH,
    )
    day_in_the_life = BoundedRichTextField(
        _("een dag in dit huis"),
        blank=True,
        features=DAY_IN_THE_LIFE_FEATURES,
        max_length=DAY_IN_THE_LIFE_MAX_LENGTH,
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("municipality"), FieldPanel("district")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adres en ligging"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("free_places"), FieldPanel("waiting_weeks")]),
                FieldPanel("availability_confirmed_on"),
            ],
            heading=_("Beschikbaarheid"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_groups"),
                FieldPanel("care_profiles"),
                FieldPanel("financing"),
                FieldPanel("housing_types"),
                FieldPanel("support"),
            ],
            heading=_("Voor wie en welke zorg"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldRowPanel([FieldPanel("places"), FieldPanel("group_size")]),
            ],
            heading=_("Leeftijd en grootte"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facilities"),
                FieldPanel("environment"),
                FieldPanel("life_outlooks"),
                FieldPanel("languages"),
            ],
            heading=_("Wonen en omgeving"),
        ),
        FieldPanel("description"),
        FieldPanel("day_in_the_life"),
        InlinePanel("gallery_images", heading=_("Foto's"), label=_("Foto")),
        InlinePanel("extra_services", heading=_("Extra diensten"), label=_("Dienst")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contactpersoon"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("external_id")]
    # A copy is a new residence: it must not take over the import key (unique).
    exclude_fields_in_copy = ["external_id"]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
        index.FilterField("municipality"),
    ]

    parent_page_types = ["residences.ProviderPage"]
    subpage_types: list[str] = []
    template = "residences/residence_page.html"
    base_form_class = ProviderContentPageForm

    class Meta:
        verbose_name = _("woonlocatie")
        verbose_name_plural = _("woonlocaties")

    @property
    def provider(self) -> ProviderPage | None:
        """The provider the residence belongs to (its parent), in one query."""
        return ProviderPage.objects.filter(path=self.path[: -self.steplen]).first()

    def codes(self, field_name: str) -> list[str]:
        return list(getattr(self, field_name) or [])

    def attachment_provider(self, parent=None) -> ProviderPage | None:
        """The provider whose collection this page's images and documents must come from."""
        if self.path:
            return self.provider
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, ProviderPage) else None

    def clean(self):
        super().clean()
        self.clean_residence()
        if self.path:  # a new page's provider is known to its form and to the import
            raise_attachment_errors(self, self.attachment_provider())

    def clean_residence(self):
        """The residence's own rules, without the page-tree checks (the importer uses this)."""
        errors: dict[str, list] = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = [
                _("De maximumleeftijd moet gelijk zijn aan of hoger zijn dan de minimumleeftijd.")
            ]
        if self.places is not None and self.free_places and self.free_places > self.places:
            errors["free_places"] = [_("Er kunnen niet meer plaatsen vrij zijn dan er zijn.")]
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = [_("Vul beide coördinaten in, of laat beide leeg.")]
        elif self.latitude is not None and not geo.is_in_netherlands(self.latitude, self.longitude):
            errors["latitude"] = [_("Deze coördinaten liggen niet in Nederland.")]
        if errors:
            raise ValidationError(errors)
        self.fill_location()

    def fill_location(self) -> None:
        """Geocode from postcode (or place) where the editor gave no coordinates."""
        if self.postcode:
            self.postcode = geo.normalise_postcode(self.postcode) or self.postcode
        if self.latitude is not None and self.municipality:
            return
        query = self.postcode or self.place
        if not query:
            return
        try:
            location = geo.geocode(query)
        except geo.GeocodingError as error:
            if self.latitude is None:
                raise ValidationError({"postcode": [error.message]}) from error
            return
        if self.latitude is None:
            self.latitude, self.longitude = location.latitude, location.longitude
        self.municipality = self.municipality or location.municipality
        self.place = self.place or location.place
        self.district = self.district or location.district


def raise_attachment_errors(page, provider) -> None:
    """Another provider's image or document on this page is refused, whoever saves it."""
    errors = attachment_errors(page, provider)
    concrete = {field.name for field in page._meta.concrete_fields}
    if errors:
        raise ValidationError(
            {
                (name if name in concrete else NON_FIELD_ERRORS): messages
                for name, messages in errors.items()
            }
        )


class ResidenceGalleryImage(Orderable):
    page = ParentalKey(ResidencePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("foto"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("onderschrift"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ExtraService(Orderable):
    page = ParentalKey(ResidencePage, on_delete=models.CASCADE, related_name="extra_services")
    name = models.CharField(_("dienst"), max_length=120)
    monthly_price = models.DecimalField(
        _("prijs per maand (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.CharField(_("toelichting"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("monthly_price"), FieldPanel("description")]
