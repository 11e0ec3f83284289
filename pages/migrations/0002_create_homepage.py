"""Replace Wagtail's placeholder root child with our HomePage, and point the default site at it."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("pages.HomePage")

    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="pages")
    locale, _ = Locale.objects.get_or_create(language_code="nl")
    home = HomePage.objects.create(
        title="Woonvinder",
        draft_title="Woonvinder",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale.id,
        intro="Vind een woonplek met zorg die bij u past.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page_id": home.id, "site_name": "Woonvinder", "port": 80},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("pages.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
