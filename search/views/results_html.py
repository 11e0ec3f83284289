"""Repetitive parts of the results page rendered in Python, each under a template's guard.

With about a hundred checkboxes per page, template loops were most of the time the results page
spent rendering. Each part here keeps its markup in a template under search/templates/ and has
a Python version of that template (search/form_html.py, `Transcription`), used only while the
template is exactly the text it transcribes. tests/search/test_results_html.py renders both and
holds them to the same output.
"""

from __future__ import annotations

from django.utils.translation import ngettext

from search.form_html import Transcription
from search.fragments import shown, shown_label, translated

# Facet groups ----------------------------------------------------------------------------

FACET_GROUP = "search/includes/facet_group.html"
FACET_GROUP_SOURCE = (
    "{% load i18n %}{% comment %}\n"
    "  One code list of the filter sidebar (presentation.facet_groups): its checkboxes with"
    " counts.\n"
    "  search_tags.facet_groups renders this in Python while it is the text in"
    " FACET_GROUP_SOURCE.\n"
    '{% endcomment %}<details class="facet"{% if group.selected_count %} open{% endif %}>\n'
    "    <summary>{{ group.title }}{% if group.selected_count %}"
    ' <span class="facet__count">({% blocktranslate count count=group.selected_count %}'
    "{{ count }} gekozen{% plural %}{{ count }} gekozen{% endblocktranslate %})</span>"
    "{% endif %}</summary>\n"
    '    <fieldset class="facet__fieldset">\n'
    '      <legend class="visually-hidden">{{ group.title }}</legend>\n'
    '      {% if group.rule %}<p class="hint">'
    '{% translate "Woonlocaties hebben alles wat u aanvinkt." %}</p>{% else %}<p class="hint">'
    '{% translate "Woonlocaties hebben minstens één van wat u aanvinkt." %}</p>{% endif %}\n'
    '      <ul class="checkbox-list">\n'
    "        {% for option in group.options %}\n"
    '        <li class="choice">\n'
    '          <input type="checkbox" name="{{ group.url_name }}" value="{{ option.code }}"'
    ' id="{{ option.id }}"{% if option.checked %} checked{% endif %}>\n'
    '          <label for="{{ option.id }}">{{ option.label }}'
    '{% if option.count is not None %} <span class="facet__count">({{ option.count }}'
    '<span class="visually-hidden"> {% translate "woonlocaties" %}</span>)</span>'
    "{% endif %}</label>\n"
    "        </li>\n"
    "        {% endfor %}\n"
    "      </ul>\n"
    "    </fieldset>\n"
    "  </details>\n"
)


def facet_groups_html(groups) -> str:
    """Each group as the template shows it, between the spaces of the loop it replaced."""
    if not facet_group.is_usable():
        return "".join(f"\n  {facet_group.render(group=group)}  " for group in groups)
    words = _facet_words()
    return "".join(f"\n  {_facet_group(group, words)}  " for group in groups)


def _facet_words() -> tuple[str, str, str]:
    return (
        translated("Woonlocaties hebben alles wat u aanvinkt."),
        translated("Woonlocaties hebben minstens één van wat u aanvinkt."),
        translated("woonlocaties"),
    )


def _facet_group(group, words=None) -> str:
    all_hint, any_hint, residences = words or _facet_words()
    title = shown(group["title"])
    selected = group["selected_count"]
    chosen = ""
    if selected:
        chosen_words = ngettext("%(count)s gekozen", "%(count)s gekozen", selected)
        chosen = f' <span class="facet__count">({chosen_words % {"count": shown(selected)}})</span>'
    hint = all_hint if group["rule"] else any_hint
    name = shown(group["url_name"])
    counted = f'<span class="visually-hidden"> {residences}</span>)</span>'
    options = []
    append = options.append
    for option in group["options"]:
        unchecked, checked = _option_parts(name, option)
        append(checked if option["checked"] else unchecked)
        count = option["count"]
        if count is not None:
            append(f' <span class="facet__count">({shown(count)}{counted}')
        append(OPTION_END)
    return (
        f'<details class="facet"{" open" if selected else ""}>\n'
        f"    <summary>{title}{chosen}</summary>\n"
        '    <fieldset class="facet__fieldset">\n'
        f'      <legend class="visually-hidden">{title}</legend>\n'
        f'      <p class="hint">{hint}</p>\n'
        '      <ul class="checkbox-list">\n'
        f"        {''.join(options)}\n"
        "      </ul>\n"
        "    </fieldset>\n"
        "  </details>\n"
    )


OPTION_END = "</label>\n        </li>\n        "

# An option's markup up to its count, unchecked and checked, by list, id, code and label: made
# from the code lists, the same for every visitor, escaped once per process.
_options: dict[tuple, tuple[str, str]] = {}
MAX_OPTIONS = 5000


def _option_parts(name: str, option) -> tuple[str, str]:
    label = option["label"]
    if type(label) is not str:  # a lazy label: not remembered across languages
        return _option_markup(name, option)
    key = (name, option["id"], option["code"], label)
    parts = _options.get(key)
    if parts is None:
        if len(_options) >= MAX_OPTIONS:
            _options.clear()
        parts = _options[key] = _option_markup(name, option)
    return parts


def _option_markup(name: str, option) -> tuple[str, str]:
    option_id = shown(option["id"])
    start = (
        '\n        <li class="choice">\n'
        f'          <input type="checkbox" name="{name}" value="{shown(option["code"])}"'
        f' id="{option_id}"'
    )
    label = f'          <label for="{option_id}">{shown(option["label"])}'
    return f"{start}>\n{label}", f"{start} checked>\n{label}"


facet_group = Transcription(FACET_GROUP, FACET_GROUP_SOURCE, _facet_group)


# Pagination ------------------------------------------------------------------------------

PAGINATION = "search/includes/pagination.html"
PAGINATION_SOURCE = (
    "{% load i18n %}{% comment %}\n"
    "  Links to the pages of results (presentation.page_links), with the previous and next"
    " page.\n"
    "  search/views/results_html.py renders this in Python while it is the text in"
    " PAGINATION_SOURCE.\n"
    '{% endcomment %}<nav class="pagination" aria-label="{% translate \'Paginering\' %}">\n'
    "  <ul>\n"
    '    {% if previous_url %}<li><a href="{{ previous_url }}" rel="prev">'
    '{% translate "Vorige" %}<span class="visually-hidden"> '
    '{% translate "pagina" %}</span></a></li>{% endif %}\n'
    "    {% for link in page_links %}{% if link.number %}\n"
    '    <li><a href="{{ link.url }}"{% if link.current %} aria-current="page"'
    '{% endif %}><span class="visually-hidden">{% translate "Pagina" %} '
    "</span>{{ link.number }}</a></li>{% else %}\n"
    '    <li><span aria-hidden="true">…</span></li>{% endif %}{% endfor %}\n'
    '    {% if next_url %}<li><a href="{{ next_url }}" rel="next">'
    '{% translate "Volgende" %}<span class="visually-hidden"> '
    '{% translate "pagina" %}</span></a></li>{% endif %}\n'
    "  </ul>\n"
    "</nav>\n"
)


def _pagination(page_links, previous_url, next_url) -> str:
    page = translated("pagina")
    previous = (
        f'<li><a href="{shown(previous_url)}" rel="prev">{translated("Vorige")}'
        f'<span class="visually-hidden"> {page}</span></a></li>'
        if previous_url
        else ""
    )
    following = (
        f'<li><a href="{shown(next_url)}" rel="next">{translated("Volgende")}'
        f'<span class="visually-hidden"> {page}</span></a></li>'
        if next_url
        else ""
    )
    number_word = translated("Pagina")
    links = []
    for link in page_links:
        if link.number:
            current = ' aria-current="page"' if link.current else ""
            links.append(
                f'\n    <li><a href="{shown(link.url)}"{current}><span class="visually-hidden">'
                f"{number_word} </span>{shown(link.number)}</a></li>"
            )
        else:
            links.append('\n    <li><span aria-hidden="true">…</span></li>')
    return (
        f'<nav class="pagination" aria-label="{translated("Paginering")}">\n'
        "  <ul>\n"
        f"    {previous}\n"
        f"    {''.join(links)}\n"
        f"    {following}\n"
        "  </ul>\n"
        "</nav>\n"
    )


pagination = Transcription(PAGINATION, PAGINATION_SOURCE, _pagination)


# The sort form ---------------------------------------------------------------------------

SORT_FORM = "search/includes/sort_form.html"
SORT_FORM_SOURCE = (
    "{% load i18n %}{% comment %}\n"
    "  The order of the results: the rest of the search travels in hidden fields (works"
    " without\n"
    "  JavaScript). search/views/results_html.py renders this in Python while it is the text"
    " in\n"
    "  SORT_FORM_SOURCE.\n"
    '{% endcomment %}<form class="sort-form" method="get" action="{{ action }}">\n'
    '  {% for key, value in hidden_pairs %}<input type="hidden" name="{{ key }}" value="{{'
    ' value }}">{% endfor %}\n'
    '  <label class="label" for="sorteer-boven">{% translate "Sorteren op" %}</label>\n'
    '  <select id="sorteer-boven" name="sorteer">\n'
    '    {% for value, label in choices %}<option value="{{ value }}"'
    "{% if value == selected %} selected{% endif %}>{{ label }}</option>{% endfor %}\n"
    "  </select>\n"
    '  <button type="submit" class="button button--secondary button--small">'
    '{% translate "Sorteren" %}</button>\n'
    "</form>\n"
)


def _sort_form(action, hidden_pairs, choices, selected) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{shown(key)}" value="{shown(value)}">'
        for key, value in hidden_pairs
    )
    options = "".join(
        f'<option value="{shown(value)}"{" selected" if value == selected else ""}>'
        f"{shown_label(label)}</option>"
        for value, label in choices
    )
    return (
        f'<form class="sort-form" method="get" action="{shown(action)}">\n'
        f"  {hidden}\n"
        f'  <label class="label" for="sorteer-boven">{translated("Sorteren op")}</label>\n'
        '  <select id="sorteer-boven" name="sorteer">\n'
        f"    {options}\n"
        "  </select>\n"
        '  <button type="submit" class="button button--secondary button--small">'
        f"{translated('Sorteren')}</button>\n"
        "</form>\n"
    )


sort_form = Transcription(SORT_FORM, SORT_FORM_SOURCE, _sort_form)
