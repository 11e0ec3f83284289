"""Template tags for the site shell: menus, breadcrumbs, the language switch, links to the ways
in, query strings."""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import translate_url
from django.utils import translation

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
    """`{% site_settings as support %}`: the editors' site settings for the request's site
    (Wagtail keeps them on the request), with their texts in the visitor's language: the
    editor's English text, or the catalogue's for the shipped defaults, or else the Dutch text
    with `languages` naming it for its `lang` attribute (SiteSettings.in_active_language)."""
    from pages.models import SiteSettings

    request = context.get("request")
    if request is None:
        return None
    return SiteSettings.for_request(request).in_active_language()


@register.simple_tag(takes_context=True)
def language_links(context):
    """`{% language_links as links %}`: for every other language, the address of this page in
    it (same path and query under that language's prefix), so switching needs no form."""
    request = context.get("request")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = translation.get_language_info(code)
        url = translate_url(request.get_full_path(), code) if request else "/"
        links.append({"code": code, "name": info["name_local"], "url": url})
    return links


@register.simple_tag
def home_url():
    return navigation.home_url()


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
    query = request.GET.copy() if request else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag
def content_version():
    """`{% content_version as version %}`: changes whenever a page is published, unpublished,
    moved or deleted, or the navigation changes (pages/signals.py); for `{% cache %}` keys of
    parts that show other pages."""
    return navigation.content_version()
