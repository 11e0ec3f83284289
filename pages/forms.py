"""Editor forms. Images must carry a description: it is their alt text wherever they appear."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description (used as default alt text) required.

    Wagtail has no setting that makes alt text mandatory for uploads, so this base form does it
    (settings: WAGTAILIMAGES_IMAGE_FORM_BASE). The multiple uploader keeps an upload without a
    description aside and asks for it before the image is created.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Alt-tekst (beschrijving van de afbeelding)")
            description.help_text = _(
                "Beschrijf wat er op de foto te zien is, voor wie de foto niet kan zien. "
                "Bijvoorbeeld: 'Zonnige woonkamer met grote ramen en een bank'."
            )
            description.error_messages["required"] = _(
                "Vul een alt-tekst in: beschrijf wat er op de afbeelding te zien is."
            )
