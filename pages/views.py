"""Views of the site shell: search over content pages.

The error pages need no views of their own: Django's defaults render site/templates/404.html
(with the request context) and 500.html (without any context, so it cannot fail on the database).
"""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pages.models import ContentPage
from pages.query import clean_value

WORD = re.compile(r"\w+")
RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search_content_pages(query: str):
    """Live, public content pages in the visitor's language matching every word of the query,
    best match first.

    Only the words go to the search backend: its SQLite full-text syntax breaks on a stray
    quote or NUL byte, and punctuation carries no meaning for a visitor's query.
    """
    words = " ".join(WORD.findall(query))
    if not words:
        return ContentPage.objects.none()
    pages = ContentPage.objects.live().public().filter(locale=Locale.get_active())
    return pages.search(words, operator="and")


def site_search(request):
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
