"""`{% per_visitor "template.html" name=value %}`: a part of a page that differs per visitor.

The part is rendered on its own (with the request's context processors and the given values,
not the page's context), so the page around it can come from the cache: see pages/page_cache.py.
Values must be plain data (strings, numbers, booleans, lists and dicts of those) because they are
stored with the page. `query_only=True` marks a part that shows only what the address's query
string asks for: without a query string it is left empty, unrendered.
"""

from django import template

from pages import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def per_visitor(context, template_name, **values):
    return page_cache.per_visitor(context.get("request"), template_name, values)
