"""The residence page's parts that follow the search in the address.

A visitor who comes from the results page carries their search in the address of the residence
page. The page itself is alike for every search (so one cached page serves them all, see
pages/page_cache.py and `ResidencePage.page_cache_query_in_parts`); the back link and "why it
fits" are per-visitor parts that read the search here, for each request.
"""

from django import template
from django.utils import timezone

from residences import presenters

register = template.Library()


@register.simple_tag(takes_context=True)
def results_link(context) -> str:
    """The address of the results page of the search the visitor came from, or ""."""
    return presenters.search_context(context["request"]).results_url


@register.simple_tag(takes_context=True)
def search_fit(context, document):
    """Why the residence (its `presenters.fit_document`) fits the search, or None."""
    search = presenters.search_context(context["request"])
    if search.criteria.is_empty:
        return None
    return presenters.why_it_fits(document, search.criteria, timezone.localdate())
