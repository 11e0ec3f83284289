"""Template tags of the search pages, and of the residence page's parts that follow the search
in its address ("why it fits", the back link): residences knows nothing of search, so its
template loads these."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.template import engines
from django.utils import formats, timezone
from django.utils.safestring import mark_safe

from residences import presenters, taxonomy
from search import ranking, shortlist
from search.criteria import QUICK_DEFAULT_DISTANCE_KM, QUICK_DISTANCE_CHOICES_KM, Criteria
from search.views.presentation import results_url

register = template.Library()

Status = taxonomy.AvailabilityStatus
STATUS_TAGS = {
    Status.FREE: "tag--success",
    Status.SHORT_WAIT: "tag--info",
    Status.LONG_WAIT: "tag--neutral",
    Status.UNKNOWN: "tag--neutral",
}


@register.simple_tag
def quick_search_distances() -> dict:
    """The distances of the home page's "Direct zoeken" form, and the one chosen at first."""
    return {"choices": QUICK_DISTANCE_CHOICES_KM, "default": QUICK_DEFAULT_DISTANCE_KM}


@register.simple_tag
def map_tile_source() -> str:
    """Who serves the map tiles (MAP_TILE_SOURCE): named before the map is opened."""
    return settings.MAP_TILE_SOURCE


@register.filter
def availability_tag(status) -> str:
    """The tag modifier of an availability status; the words come with it in the template."""
    return STATUS_TAGS.get(status, "tag--neutral")


@register.filter
def euro(amount) -> str:
    return presenters.format_euro(amount)


@register.filter
def points(value) -> str:
    """A ranking number as people write it: 3, 1,5, 0,25 (no trailing zeros)."""
    return formats.number_format(Decimal(f"{float(value):g}"), use_l10n=True)


@register.simple_tag(takes_context=True)
def include_jinja(context, template_name, **values):
    """Include one of the Jinja2 templates (search/jinja2/, config/jinja2.py says why) in a
    Django template, with `values` as its context and the request's CSRF token."""
    template = engines["jinja2"].get_template(template_name)
    return mark_safe(template.render(values, context.get("request")))  # the template escapes


@register.simple_tag(takes_context=True)
def shortlist_button(context, residence_id, title, small=True):
    request = context["request"]
    return include_jinja(
        context,
        "search/includes/shortlist_button.html",
        residence_id=residence_id,
        title=title,
        on_list=shortlist.contains(request, residence_id),
        next=context.get("current_url") or request.get_full_path(),
        small=small,
    )


@register.inclusion_tag("search/includes/filter_field.html")
def filter_field(field, hint=None, short=False):
    """One field of the filter sidebar: label, hint, errors and the widget, which points
    aria-describedby at its hint and error, as the CSS expects."""
    described = []
    if hint:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if short:
        attrs["class"] = "input--short"
    return {"field": field, "hint": hint, "widget": field.as_widget(attrs=attrs)}


# The residence page: what follows the search in its address ------------------------------


def _search_in_address(request) -> Criteria:
    criteria, _notices = Criteria.from_query(request.GET)
    return criteria


@register.simple_tag(takes_context=True)
def results_link(context) -> str:
    """The address of the results page of the search the visitor came from, or ""."""
    criteria = _search_in_address(context["request"])
    return "" if criteria.is_empty else results_url(criteria)


@register.simple_tag(takes_context=True)
def search_fit(context, document):
    """Why the residence (its `presenters.fit_document`) fits the search in the address, as a
    ranking.Explanation, or None without a search."""
    criteria = _search_in_address(context["request"])
    if criteria.is_empty:
        return None
    return ranking.explain(criteria, document, timezone.localdate())
