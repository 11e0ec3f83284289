"""Views of the site shell: search over content pages.

The error pages need no views of their own: Django's defaults render site/templates/404.html
(with the request context) and 500.html (without any context, so it cannot fail on the database).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from pages.models import ContentPage
from search.criteria import clean_value

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search_content_pages(query: str):
    """Live, public content pages matching the query, best match first."""
    return ContentPage.objects.live().public().search(query, operator="and")


def site_search(request):
    # Control characters (a NUL byte breaks SQLite's full-text query) are dropped as the residence
    # search drops them.
    query = clean_value(request.GET.get("q", ""))
    notice = ""
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notice = _("Uw zoekopdracht was erg lang. We zochten op de eerste %(count)s tekens.") % {
            "count": MAX_QUERY_LENGTH
        }
    results = None
    if query:
        paginator = Paginator(search_content_pages(query), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    context = {"query": query, "results": results, "notice": notice}
    return render(request, "pages/site_search.html", context)
