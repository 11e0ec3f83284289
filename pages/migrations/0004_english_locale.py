"""The English locale, so editors can translate pages into English in the admin from the start
(WAGTAIL_I18N_ENABLED). The Dutch one is Wagtail's default locale (LANGUAGE_CODE)."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_navigation_settings_and_figure_block"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
