from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnaireConfig(AppConfig):
    name = "questionnaire"
    verbose_name = _("Vragenlijst")

    def ready(self):
        from questionnaire import logging_filters

        logging_filters.install()
