from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Aanvragen")
    default_auto_field = "django.db.models.BigAutoField"
