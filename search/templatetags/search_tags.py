from django import template

from residences import presenters, taxonomy
from search import shortlist

register = template.Library()

Status = taxonomy.AvailabilityStatus
STATUS_TAGS = {
    Status.FREE: "tag--success",
    Status.SHORT_WAIT: "tag--info",
    Status.LONG_WAIT: "tag--neutral",
    Status.UNKNOWN: "tag--neutral",
}


@register.filter
def availability_tag(status) -> str:
    """The tag modifier of an availability status; the words come with it in the template."""
    return STATUS_TAGS.get(status, "tag--neutral")


@register.filter
def euro(amount) -> str:
    return presenters.format_euro(amount)


@register.inclusion_tag("search/includes/shortlist_button.html", takes_context=True)
def shortlist_button(context, residence_id, title, small=True):
    request = context["request"]
    return {
        "residence_id": residence_id,
        "title": title,
        "on_list": shortlist.contains(request.session, residence_id),
        "next": context.get("current_url") or request.get_full_path(),
        "small": small,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def residence_detail(context, page):
    """Everything the residence page shows beyond its fields: see residences/presenters.py."""
    return presenters.detail_context(page, context["request"])


@register.simple_tag
def described_widget(field, hint=None, short=False):
    """The field's widget, pointing aria-describedby at its hint and error, as the CSS expects."""
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
    return field.as_widget(attrs=attrs)


@register.filter
def points(value) -> str:
    """A ranking number as people write it: 3, 1,5, 0,25 (no trailing zeros)."""
    from decimal import Decimal

    from django.utils import formats

    return formats.number_format(Decimal(f"{float(value):g}"), use_l10n=True)
