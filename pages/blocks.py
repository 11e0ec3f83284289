from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"))
    text = blocks.TextBlock(label=_("tekst"), required=False)
    link_page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    link_url = blocks.CharBlock(
        label=_("of adres"), required=False, help_text=_("Bijvoorbeeld /vragenlijst/")
    )
    link_text = blocks.CharBlock(label=_("knoptekst"))

    class Meta:
        template = "pages/blocks/call_to_action.html"
        icon = "pick"
        label = _("Oproep tot actie")


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("Afbeelding"))
    quote = QuoteBlock()
    faq = FaqBlock()
    call_to_action = CallToActionBlock()
