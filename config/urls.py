from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from residences import lanes

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # Ahead of Wagtail's own route: editors are answered only about pages in their lane.
    path("admin/choose-page/chosen-multiple/", lanes.OwnLaneChosenMultipleView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Django's language form: it sends the visitor to the same page under the chosen language's
    # prefix. The site's own switch is a plain link (components/language_switch.html).
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What visitors read: Dutch at the addresses it always had, English under /en/. The language
# comes from the address, so every page has one address per language and a switch is a link.
# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("pages.urls")),
    path("zoeken/", include("search.urls")),
    path("vragenlijst/", include("questionnaire.urls")),
    path("aanvraag/", include("enquiries.urls")),
    path("werkruimte/", include("workspace.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
