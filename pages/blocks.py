from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from pages.i18n import editor_text
from pages.navigation import in_active_language, language_mark

SAFE_URL_PREFIXES = ("/", "https://", "http://", "mailto:", "tel:")


def validate_link_url(value: str) -> None:
    """Only site paths and ordinary web, mail and phone links: never javascript: or data:."""
    cleaned = value.strip().lower() if value else ""
    if cleaned and (cleaned.startswith("//") or not cleaned.startswith(SAFE_URL_PREFIXES)):
        raise ValidationError(
            _("Gebruik een adres op deze site dat begint met / of een volledige link met https://.")
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tekst"))
    level = blocks.ChoiceBlock(
        label=_("niveau"), choices=[("h2", "H2"), ("h3", "H3")], default="h2"
    )

    class Meta:
        template = "pages/blocks/heading.html"
        icon = "title"
        label = _("Kop")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("van wie"), required=False)

    class Meta:
        template = "pages/blocks/quote.html"
        icon = "openquote"
        label = _("Citaat")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("vraag"))
    answer = blocks.RichTextBlock(
        label=_("antwoord"), features=["bold", "italic", "link", "ul", "ol"]
    )


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("vragen"))

    class Meta:
        template = "pages/blocks/faq.html"
        icon = "help"
        label = _("Veelgestelde vragen")


class FigureBlock(blocks.StructBlock):
    """An image with its alt text. Wagtail's ImageBlock refuses an image without alt text unless
    the editor marks it as decorative on purpose."""

    image = ImageBlock(label=_("afbeelding"))
    caption = blocks.CharBlock(label=_("onderschrift"), required=False)

    class Meta:
        template = "pages/blocks/figure.html"
        icon = "image"
        label = _("Afbeelding")


class LinkStructValue(blocks.StructValue):
    def url(self, request=None):
        page = self.page_in_active_language()
        if page is not None:
            return page.specific.get_url(request=request) if page.live else ""
        return in_active_language(self.get("link_url") or "")

    def page_in_active_language(self):
        """The linked page's translation in the visitor's language, when it has a live one."""
        page = self.get("link_page")
        if page is None:
            return None
        translated = page.localized
        return translated if translated.live else page

    def label(self) -> str:
        return self.label_and_language()[0]

    def label_and_language(self) -> tuple[str, str]:
        """The editor's text, and its language when that is not the visitor's ("" if it is).

        A link that carries its page's title follows the page's translation; any other text is
        the editor's English text in English (pages.i18n.editor_text)."""
        text = self.get("text") or ""
        page = self.get("link_page")
        if page is not None and text == page.title:
            shown = self.page_in_active_language()
            return shown.title, language_mark(shown.locale.language_code)
        return editor_text(text, self.get("text_en") or "")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"))
    text = blocks.TextBlock(label=_("tekst"), required=False)
    link_page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    link_url = blocks.CharBlock(
        label=_("of adres"),
        required=False,
        help_text=_("Bijvoorbeeld /vragenlijst/"),
        validators=[validate_link_url],
    )
    link_text = blocks.CharBlock(label=_("knoptekst"))

    def clean(self, value):
        value = super().clean(value)
        require_one_target(value)
        return value

    class Meta:
        template = "pages/blocks/call_to_action.html"
        icon = "pick"
        label = _("Oproep tot actie")
        value_class = LinkStructValue


def require_one_target(value) -> None:
    if not value.get("link_page") and not value.get("link_url"):
        raise StructBlockValidationError(
            block_errors={"link_page": ValidationError(_("Kies een pagina of vul een adres in."))}
        )


class LinkBlock(blocks.StructBlock):
    """A menu or footer link: a page on the site or an address."""

    text = blocks.CharBlock(label=_("tekst"), max_length=60)
    text_en = blocks.CharBlock(
        label=_("tekst in het Engels"),
        max_length=60,
        required=False,
        help_text=_(
            "Voor de Engelse site. Leeg: de titel van de Engelse pagina, of anders de "
            "Nederlandse tekst."
        ),
    )
    link_page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    link_url = blocks.CharBlock(
        label=_("of adres"),
        required=False,
        help_text=_("Bijvoorbeeld /zoeken/ of https://www.rijksoverheid.nl"),
        validators=[validate_link_url],
    )

    def clean(self, value):
        value = super().clean(value)
        require_one_target(value)
        return value

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue


class LinkStreamBlock(blocks.StreamBlock):
    link = LinkBlock()


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = FigureBlock()
    quote = QuoteBlock()
    faq = FaqBlock()
    call_to_action = CallToActionBlock()
