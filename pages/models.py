import copy
import functools

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, get_page_models
from wagtail.search import index

from pages.blocks import ContentStreamBlock, LinkStreamBlock
from pages.i18n import ServedInEveryLanguage, editor_text


class HomePage(Page):
    intro = models.CharField(_("introductie"), max_length=300, blank=True)
    how_it_works = RichTextField(
        _("zo werkt het"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("how_it_works"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ContentPage", "residences.ProviderPage"]
    max_count = 1
    template = "pages/home_page.html"

    def route(self, request, path_components):
        """A page below a translation of the home page (the English home) that has no
        translation of its own (a provider, a residence) is found below the Dutch home and
        served in the visitor's language (`ServedInEveryLanguage`)."""
        try:
            return self.route_in_tree(request, path_components)
        except Http404:
            source = self.source_home()
            if source is None:
                raise
            return source.route_in_tree(request, path_components)

    def source_home(self) -> "HomePage | None":
        """The home page in the default language, when this one is a translation of it."""
        default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        if default is None or self.locale_id == default.pk:
            return None
        return HomePage.objects.filter(translation_key=self.translation_key, locale=default).first()

    @classmethod
    def default_home(cls) -> "HomePage":
        """The site's (Dutch) home page; its translations are the same home in other languages."""
        return cls.objects.get(locale__language_code=settings.LANGUAGE_CODE)

    def route_in_tree(self, request, path_components):
        """Find a page below a child of the home page (a residence) by its address in one query,
        instead of one child query plus one `.specific` query per level.

        Wagtail's own walk takes each path component as a child's slug; a page's `url_path` is
        its parent's `url_path` plus its slug, so the page found is the page the walk finds.
        Only while no page type routes on its own (no `route()` of its own, such as a routable
        page, which could read the rest of the path): otherwise, and when nothing is found
        (the walk then raises its usual 404), Wagtail walks the tree.
        """
        if len(path_components) > 1 and _only_default_routing():
            url_path = self.url_path + "/".join(path_components) + "/"
            # url_path has no index of its own; the slug (indexed) leaves a handful of rows.
            page = (
                Page.objects.filter(
                    slug=path_components[-1], url_path=url_path, path__startswith=self.path
                )
                .specific()
                .first()
            )
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    class Meta:
        verbose_name = _("startpagina")


@functools.cache
def _only_default_routing() -> bool:
    """Whether no page type below the home page has a `route()` of its own."""
    return all(
        model.route is Page.route for model in get_page_models() if model is not HomePage
    )


class ContentPage(ServedInEveryLanguage, Page):
    intro = models.CharField(_("introductie"), max_length=300, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("inhoudspagina")


ENGLISH_HELP = _(
    "Voor de Engelse site. Leeg: de Nederlandse tekst (de tekst die Woonvinder meelevert, staat "
    "al in het Engels klaar)."
)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    support_name = models.CharField(
        _("naam cliëntondersteuning"), max_length=120, default="MEE Rotterdam Rijnmond"
    )
    support_phone = models.CharField(_("telefoon cliëntondersteuning"), max_length=32, blank=True)
    support_url = models.URLField(_("website cliëntondersteuning"), blank=True)
    support_text = models.TextField(
        _("uitleg cliëntondersteuning"),
        blank=True,
        default=(
            "Een onafhankelijke cliëntondersteuner helpt u gratis bij het kiezen van een "
            "woonplek. Hij of zij werkt niet voor een zorgaanbieder."
        ),
    )
    support_text_en = models.TextField(
        _("uitleg cliëntondersteuning in het Engels"), blank=True, help_text=ENGLISH_HELP
    )
    contact_email = models.EmailField(_("e-mail Woonvinder"), blank=True)
    footer_text = models.CharField(_("tekst onderaan"), max_length=300, blank=True)
    footer_text_en = models.CharField(
        _("tekst onderaan in het Engels"), max_length=300, blank=True, help_text=ENGLISH_HELP
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("support_name"),
                FieldPanel("support_phone"),
                FieldPanel("support_url"),
                FieldPanel("support_text"),
                FieldPanel("support_text_en"),
            ],
            heading=_("Onafhankelijke cliëntondersteuning"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        FieldPanel("footer_text_en"),
    ]

    TRANSLATED_TEXTS = ("support_text", "footer_text")

    def in_active_language(self) -> "SiteSettings":
        """A copy for showing (never saved) with its texts in the active language
        (pages.i18n.editor_text). `languages` names the texts shown in Dutch on the English site,
        for their `lang` attribute."""
        shown = copy.copy(self)
        shown.languages = {}
        for field in self.TRANSLATED_TEXTS:
            text, language = editor_text(getattr(self, field), getattr(self, f"{field}_en"))
            setattr(shown, field, text)
            if language:
                shown.languages[field] = language
        return shown

    class Meta:
        verbose_name = _("site-instellingen")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu and footer links, managed by editors. An empty main menu falls back to the
    two ways in and the pages marked "show in menus" (see pages/navigation.py)."""

    main_links = StreamField(
        LinkStreamBlock(),
        verbose_name=_("hoofdmenu"),
        blank=True,
        help_text=_(
            "Leeg laten toont Home, de vragenlijst, zoeken en pagina's met 'In menu's tonen'."
        ),
    )
    footer_links = StreamField(LinkStreamBlock(), verbose_name=_("links onderaan"), blank=True)

    panels = [FieldPanel("main_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigatie")
