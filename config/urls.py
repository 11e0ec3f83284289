from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from pages import page_cache

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("pages.urls")),
    path("zoeken/", include("search.urls")),
    path("vragenlijst/", include("questionnaire.urls")),
    path("aanvraag/", include("enquiries.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last. Pages are served through the
# page cache (same pattern and name as Wagtail's own serve view, which it calls on a miss).
urlpatterns += [
    *(route for route in wagtail_urls.urlpatterns if route.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, page_cache.serve, name="wagtail_serve"),
]
