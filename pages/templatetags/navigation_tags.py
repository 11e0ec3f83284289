"""Template tags for the site shell: menus, breadcrumbs, links to the ways in, query strings."""

from django import template

from pages import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    return navigation.main_menu(context.get("request"))


@register.simple_tag(takes_context=True)
def footer_menu(context):
    return navigation.footer_menu(context.get("request"))


@register.simple_tag(takes_context=True)
def site_settings(context):
    """`{% site_settings as support %}`: the editors' site settings, cached (no query)."""
    return navigation.site_settings(context.get("request"))


@register.simple_tag(takes_context=True)
def shell_part(context, template_name):
    """`{% shell_part "components/header.html" %}`: a part of the page shell, rendered once per
    site, language, content version and current menu links (pages/navigation.py). It gets the
    request's context, not the page's."""
    return navigation.shell_part(context.get("request"), template_name)


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current=None, wide=False):
    """`{% breadcrumbs page=page %}` for Wagtail pages, `{% breadcrumbs current=_("Titel") %}`
    for other views (Home › Titel)."""
    items = navigation.breadcrumb_items(page=page, current=current, request=context.get("request"))
    return {"items": items, "wide": wide}


@register.simple_tag
def questionnaire_url():
    return navigation.questionnaire_url()


@register.simple_tag
def search_url():
    return navigation.search_url()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced: `?{% query_with page=2 %}`."""
    request = context.get("request")
    query = request.GET.copy() if request else None
    if query is None:
        from django.http import QueryDict

        query = QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
