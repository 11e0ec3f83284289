import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from residences import presenters, taxonomy
from search import shortlist
from search.fragments import shown

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
def result_cards(context, cards):
    """The result cards (search/includes/result_card.html), their fixed part from the cache."""
    from search.cards import render_cards

    return render_cards(cards, context)


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


@register.simple_tag
def filter_field(field, hint=None, short=False):
    """One field of the filter sidebar: label, hint, errors and the described widget.

    Built in Python (it was an include per field); the widget comes from the form's renderer.
    A field left empty, or set to one of its choices, looks the same to every visitor: those
    renderings are made together, for every choice, once per language and process
    (`_common_fields`), so what is kept does not depend on what anyone chose. Anything else
    (what a visitor typed, a value with an error) is rendered for that request alone.
    """
    key = _common_field_key(field, hint, short)
    if key is None or not (field.data is None or type(field.data) is str):
        return _filter_field(field, hint, short)
    renderings = _common_fields.get(key)
    if renderings is None:
        if len(_common_fields) >= MAX_COMMON_FIELDS:  # not expected: one per field and language
            _common_fields.clear()
        renderings = _common_fields[key] = _common_renderings(field, hint, short)
    html = renderings.get(field.data)
    return _filter_field(field, hint, short) if html is None else html


_common_fields: dict[tuple, dict] = {}
MAX_COMMON_FIELDS = 200


def _common_field_key(field, hint, short) -> tuple | None:
    """What the field's common renderings depend on; None when this form's field differs."""
    if field.errors:
        return None
    form = field.form
    base = form.base_fields.get(field.name)
    if base is None or not _as_defined(field.field, base):
        return None
    return (
        get_language(),
        type(form),
        form.renderer,
        form.prefix,
        form.auto_id,
        field.name,
        hint,
        short,
    )


def _common_renderings(field, hint, short) -> dict:
    """The field as shown empty and set to each of its choices, by value."""
    form = field.form
    values = [None]
    for value, _label in getattr(field.field, "choices", ()):
        if type(value) is str and value:
            values.append(value)
    renderings = {}
    for value in values:
        data = QueryDict(mutable=True)
        if value is not None:
            data[field.html_name] = value
        fresh = type(form)(data, prefix=form.prefix, auto_id=form.auto_id, renderer=form.renderer)
        bound = fresh[field.name]
        if bound.data == value and not bound.errors:
            renderings[value] = _filter_field(bound, hint, short)
    return renderings


def _as_defined(field, base) -> bool:
    """Whether a form's copy of a field is still what the form class defines."""
    return (
        field.label is base.label
        and field.required == base.required
        and getattr(field, "choices", None) is getattr(base, "choices", None)
        and type(field.widget) is type(base.widget)
        and field.widget.attrs == base.widget.attrs
    )


def _filter_field(field, hint, short) -> str:
    field_id = shown(field.id_for_label)
    errors = field.errors
    hint_html = f'<p class="hint" id="{field_id}-hint">{shown(hint)}</p>' if hint else ""
    error_html = "".join(
        f'<p class="field-error" id="{field_id}-error"><span class="visually-hidden">'
        f"{gettext('Fout:')} </span>{shown(error)}</p>"
        for error in errors
    )
    return mark_safe(
        f'<div class="form-group{" form-group--error" if errors else ""}">\n'
        f'  <label class="label" for="{field_id}">{shown(field.label)}</label>\n'
        f"  {hint_html}\n"
        f"  {error_html}\n"
        f"  {described_widget(field, hint, short)}\n"
        "</div>\n"
    )


@register.simple_tag
def facet_groups(groups):
    """Each facet group (presentation.facet_groups) as search/includes/facet_group.html shows
    it, in Python while that template is the one transcribed (search/views/results_html.py)."""
    from search.views.results_html import facet_groups_html

    return mark_safe(facet_groups_html(groups))


@register.simple_tag
def pagination(*, page_links, previous_url, next_url):
    """search/includes/pagination.html (in Python: search/views/results_html.py)."""
    from search.views import results_html

    return results_html.pagination.render(
        page_links=page_links, previous_url=previous_url, next_url=next_url
    )


@register.simple_tag
def sort_form(*, action, hidden_pairs, choices, selected):
    """search/includes/sort_form.html (in Python: search/views/results_html.py)."""
    from search.views import results_html

    return results_html.sort_form.render(
        action=action, hidden_pairs=hidden_pairs, choices=choices, selected=selected
    )


@register.filter
def json_data(value, element_id) -> str:
    """What `value|json_script:element_id` renders, several times faster for a map's points.

    Django escapes the JSON text with `str.translate`, character by character; three
    replacements give the same text (none of the escapes holds a character that is replaced).
    """
    text = json.dumps(value, cls=DjangoJSONEncoder)
    for character, escaped in JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return format_html(
        '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text)
    )


JSON_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


@register.filter
def points(value) -> str:
    """A ranking number as people write it: 3, 1,5, 0,25 (no trailing zeros)."""
    from decimal import Decimal

    from django.utils import formats

    return formats.number_format(Decimal(f"{float(value):g}"), use_l10n=True)


@register.simple_tag(takes_context=True)
def results_main(context):
    """search/includes/results_main.html, the results page's content (in Python:
    search/views/results_page.py)."""
    from search.views.results_page import results_main as main

    return main.render_in(context)
