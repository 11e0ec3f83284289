from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidencesConfig(AppConfig):
    name = "residences"
    verbose_name = _("Woonlocaties")
