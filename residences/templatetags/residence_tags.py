"""The residence page's own template tags (what depends on the search in the address, such as
"why it fits", is in the search app's search_tags)."""

from django import template

from residences import presenters

register = template.Library()


@register.simple_tag
def residence_detail(page):
    """Everything the residence page shows beyond its fields: see residences/presenters.py."""
    return presenters.detail_context(page)
