"""The results page's main column and filter sidebar in Python, under their templates' guard.

search/results.html has one tag in its content block, `{% results_main %}`, which renders
search/includes/results_main.html: the heading, notices, "Wat u zocht", the result cards, map,
pagination and the filter sidebar (search/includes/filters.html, with the map widget of
search/includes/map_widget.html). Rendered by the template engine, their tags, loops and
translations were most of what the page cost beyond the search itself. Each has a Python
version here, used only while the template is exactly the text it transcribes
(search/form_html.py, `Transcription`): an edited template renders the ordinary way until its
Python follows. tests/search/test_results_page.py holds both to the same output, piece by piece
and for whole pages.

The fixed words of these templates are translated once per language and process (`words`).
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from search.form_html import NotTranscribed, PageTranscription, Transcription
from search.fragments import shown, shown_label

# The fixed words of the transcribed templates (msgids as the templates write them).
WORDS = {
    "heading": "Woonlocaties die bij u passen",
    "asked": "Wat u zocht",
    "change_answers": "Uw antwoorden wijzigen",
    "adjust_filters": "Filters aanpassen",
    "how_we_rank": "Zo rangschikken wij",
    "shortlist": "Uw bewaarlijst",
    "distance_needs_place": (
        "Vul een postcode of plaats in om op afstand te sorteren. We sorteren nu op beste match."
    ),
    "more_results": "Meer woonlocaties vinden?",
    "find_results": "Zo vindt u wel woonlocaties",
    "try_fewer": "Probeer minder keuzes aan te vinken, of zoek in een grotere straal.",
    "map_label": "Kaart met de woonlocaties op deze pagina",
    "not_for_sale": "Geen aanbieder kan betalen voor een hogere plaats.",
    "read_how_we_rank": "Lees hoe wij rangschikken",
    # filters.html
    "filters": "Filters",
    "error_title": "Er is iets niet goed ingevuld",
    "place_hint": "Bijvoorbeeld 3011 AD of Schiedam.",
    "apply_filters": "Filters toepassen",
    "clear_all": "Alles wissen",
    # map_widget.html
    "map_hide": "Kaart verbergen",
    "map_show": "Toon op de kaart",
    "map_loading": "De kaart wordt geladen…",
    "map_failed": "De kaart kon niet worden geladen. Probeer het later nog eens.",
}

_words: dict[str | None, dict[str, str]] = {}
MAX_LANGUAGES = 20


def words() -> dict[str, str]:
    """WORDS in the active language, as `{% translate %}` shows them (translated, not escaped:
    a literal in a template is safe text)."""
    language = get_language()
    found = _words.get(language)
    if found is None:
        if len(_words) >= MAX_LANGUAGES:
            _words.clear()
        found = _words[language] = {key: gettext(text) for key, text in WORDS.items()}
    return found


@receiver(setting_changed)
def _forget_words(**kwargs) -> None:
    # Languages, locale paths and the like: translate again.
    _words.clear()


# The main column and sidebar -------------------------------------------------------------

RESULTS_MAIN = "search/includes/results_main.html"
RESULTS_MAIN_SOURCE = (
    "{% load i18n search_tags %}{% comment %}\n"
    "  The results page's main column and filter sidebar (the content block of"
    " search/results.html).\n"
    "  search/views/results_page.py renders this in Python while it is the text in"
    " RESULTS_MAIN_SOURCE.\n"
    "{% endcomment %}\n"
    '<h1>{% translate "Woonlocaties die bij u passen" %}</h1>\n'
    "\n"
    '<div class="search-notices" role="status">\n'
    "  {% if notices %}\n"
    '  <div class="notice notice--info">\n'
    "    <ul>{% for notice in notices %}<li>{{ notice }}</li>{% endfor %}</ul>\n"
    "  </div>\n"
    "  {% endif %}\n"
    "</div>\n"
    "\n"
    "{% if summary_rows %}\n"
    '<section class="search-summary" aria-labelledby="wat-u-zocht">\n'
    '  <h2 id="wat-u-zocht">{% translate "Wat u zocht" %}</h2>\n'
    '  <dl class="summary-list">\n'
    "    {% for row in summary_rows %}\n"
    '    <div class="summary-list__row"><dt>{{ row.label }}</dt><dd>{{ row.value'
    " }}</dd></div>\n"
    "    {% endfor %}\n"
    "  </dl>\n"
    '  <p class="cluster no-print">\n'
    "    {% if came_from_questionnaire %}\n"
    '    <a href="{{ questionnaire_check_url }}">{% translate "Uw antwoorden'
    ' wijzigen" %}</a>\n'
    "    {% endif %}\n"
    '    <a href="#filters">{% translate "Filters aanpassen" %}</a>\n'
    "  </p>\n"
    "</section>\n"
    "{% endif %}\n"
    "\n"
    '<div class="layout-sidebar search-layout">\n'
    "\n"
    '  <div class="layout-sidebar__main">\n'
    '    <h2 class="results-count" id="resultaten">{{ count_text }}</h2>\n'
    '    <div class="results-tools cluster no-print">\n'
    "      {% if result.total > 1 %}\n"
    "      {% sort_form action=paths.results hidden_pairs=sort_hidden_pairs"
    " choices=sort_choices selected=criteria.sort %}\n"
    "      {% endif %}\n"
    '      <a href="{{ paths.how_we_rank }}">{% translate "Zo rangschikken wij" %}</a>\n'
    '      <a href="{{ paths.shortlist }}">{% translate "Uw bewaarlijst" %}</a>\n'
    "    </div>\n"
    "\n"
    '    {% if criteria.sort == "afstand" and not criteria.has_location %}\n'
    '    <p class="muted">{% translate "Vul een postcode of plaats in om op afstand'
    ' te sorteren. We sorteren nu op beste match." %}</p>\n'
    "    {% endif %}\n"
    "\n"
    "    {% if relaxations %}\n"
    '    <section class="notice notice--info relaxations"'
    ' aria-labelledby="minder-streng">\n'
    '      <h3 id="minder-streng" class="notice__title">{% if result.total %}{%'
    ' translate "Meer woonlocaties vinden?" %}{% else %}{% translate "Zo vindt u wel'
    ' woonlocaties" %}{% endif %}</h3>\n'
    "      <ul>\n"
    "        {% for relaxation in relaxations %}\n"
    '        <li><a href="{{ paths.results }}?{{ relaxation.criteria.to_query }}">{{'
    " relaxation.label }}</a></li>\n"
    "        {% endfor %}\n"
    "      </ul>\n"
    "    </section>\n"
    "    {% elif not result.total %}\n"
    '    <p>{% translate "Probeer minder keuzes aan te vinken, of zoek in een'
    ' grotere straal." %}</p>\n'
    "    {% endif %}\n"
    "\n"
    "    {% if cards %}\n"
    '    <div class="results-layout">\n'
    '      <ol class="search-results results-list" start="{{ cards.0.position }}">\n'
    "        {% result_cards cards %}\n"
    "      </ol>\n"
    '      {% translate "Kaart met de woonlocaties op deze pagina" as map_label %}\n'
    '      {% include "search/includes/map_widget.html" with map_id="results-map"'
    ' classes="results-map-wrap map-widget no-print" label=map_label'
    " points=map_points tile_url=map_tile_url attribution=map_attribution %}\n"
    "    </div>\n"
    "    {% endif %}\n"
    "\n"
    "    {% if page_links %}\n"
    "    {% pagination page_links=page_links previous_url=previous_url next_url=next_url %}\n"
    "    {% endif %}\n"
    "\n"
    '    <p class="how-we-rank-note">{% translate "Geen aanbieder kan betalen voor'
    ' een hogere plaats." %} <a href="{{ paths.how_we_rank }}">{% translate "Lees'
    ' hoe wij rangschikken" %}</a></p>\n'
    "  </div>\n"
    "\n"
    '  <aside class="layout-sidebar__aside" aria-labelledby="filters-titel">\n'
    '    {% include "search/includes/filters.html" %}\n'
    "  </aside>\n"
    "</div>\n"
)

# What the results view puts in the context for it; without one of them, the template renders.
MAIN_NAMES = (
    "notices",
    "summary_rows",
    "came_from_questionnaire",
    "questionnaire_check_url",
    "count_text",
    "result",
    "criteria",
    "paths",
    "sort_hidden_pairs",
    "sort_choices",
    "relaxations",
    "cards",
    "map_points",
    "map_tile_url",
    "map_attribution",
    "page_links",
    "previous_url",
    "next_url",
    "filter_form",
    "extra_pairs",
    "facet_groups",
)


def _results_main(context) -> str:
    if not all(name in context for name in MAIN_NAMES):
        raise NotTranscribed(RESULTS_MAIN)
    from search.templatetags import search_tags

    w = words()
    result = context["result"]
    criteria = context["criteria"]
    paths = context["paths"]
    total = result.total
    parts = [f'\n<h1>{w["heading"]}</h1>\n\n<div class="search-notices" role="status">\n  ']
    notices = context["notices"]
    if notices:
        items = "".join(f"<li>{shown(notice)}</li>" for notice in notices)
        parts.append(f'\n  <div class="notice notice--info">\n    <ul>{items}</ul>\n  </div>\n  ')
    parts.append("\n</div>\n\n")
    summary_rows = context["summary_rows"]
    if summary_rows:
        rows = "".join(
            '\n    <div class="summary-list__row">'
            f"<dt>{shown(row.label)}</dt><dd>{shown(row.value)}</dd></div>\n    "
            for row in summary_rows
        )
        change = (
            f'\n    <a href="{shown(context["questionnaire_check_url"])}">'
            f"{w['change_answers']}</a>\n    "
            if context["came_from_questionnaire"]
            else ""
        )
        parts.append(
            '\n<section class="search-summary" aria-labelledby="wat-u-zocht">\n'
            f'  <h2 id="wat-u-zocht">{w["asked"]}</h2>\n'
            f'  <dl class="summary-list">\n    {rows}\n  </dl>\n'
            f'  <p class="cluster no-print">\n    {change}\n'
            f'    <a href="#filters">{w["adjust_filters"]}</a>\n  </p>\n</section>\n'
        )
    how_we_rank = shown(paths["how_we_rank"])
    sort_form = ""
    if total > 1:
        form = search_tags.sort_form(
            action=paths["results"],
            hidden_pairs=context["sort_hidden_pairs"],
            choices=context["sort_choices"],
            selected=criteria.sort,
        )
        sort_form = f"\n      {form}\n      "
    parts.append(
        '\n\n<div class="layout-sidebar search-layout">\n\n'
        '  <div class="layout-sidebar__main">\n'
        f'    <h2 class="results-count" id="resultaten">{shown(context["count_text"])}</h2>\n'
        f'    <div class="results-tools cluster no-print">\n      {sort_form}\n'
        f'      <a href="{how_we_rank}">{w["how_we_rank"]}</a>\n'
        f'      <a href="{shown(paths["shortlist"])}">{w["shortlist"]}</a>\n'
        "    </div>\n\n    "
    )
    if criteria.sort == "afstand" and not criteria.has_location:
        parts.append(f'\n    <p class="muted">{w["distance_needs_place"]}</p>\n    ')
    parts.append("\n\n    ")
    relaxations = context["relaxations"]
    if relaxations:
        results_path = shown(paths["results"])
        title = w["more_results"] if total else w["find_results"]
        items = "".join(
            f'\n        <li><a href="{results_path}?{shown(relaxation.criteria.to_query())}">'
            f"{shown(relaxation.label)}</a></li>\n        "
            for relaxation in relaxations
        )
        parts.append(
            '\n    <section class="notice notice--info relaxations"'
            ' aria-labelledby="minder-streng">\n'
            f'      <h3 id="minder-streng" class="notice__title">{title}</h3>\n'
            f"      <ul>\n        {items}\n      </ul>\n    </section>\n    "
        )
    elif not total:
        parts.append(f"\n    <p>{w['try_fewer']}</p>\n    ")
    parts.append("\n\n    ")
    cards = context["cards"]
    if cards:
        map_widget_html = map_widget.render(
            map_id="results-map",
            classes="results-map-wrap map-widget no-print",
            label=mark_safe(w["map_label"]),
            points=context["map_points"],
            tile_url=context["map_tile_url"],
            attribution=context["map_attribution"],
        )
        parts.append(
            '\n    <div class="results-layout">\n'
            f'      <ol class="search-results results-list" start="{shown(cards[0].position)}">\n'
            f"        {search_tags.result_cards(context, cards)}\n      </ol>\n      \n"
            f"      {map_widget_html}\n    </div>\n    "
        )
    parts.append("\n\n    ")
    page_links = context["page_links"]
    if page_links:
        pagination = search_tags.pagination(
            page_links=page_links,
            previous_url=context["previous_url"],
            next_url=context["next_url"],
        )
        parts.append(f"\n    {pagination}\n    ")
    parts.append(
        "\n\n"
        f'    <p class="how-we-rank-note">{w["not_for_sale"]}'
        f' <a href="{how_we_rank}">{w["read_how_we_rank"]}</a></p>\n'
        "  </div>\n\n"
        '  <aside class="layout-sidebar__aside" aria-labelledby="filters-titel">\n'
        f"    {filters.render_in(context)}\n"
        "  </aside>\n</div>\n"
    )
    return "".join(parts)


results_main = PageTranscription(RESULTS_MAIN, RESULTS_MAIN_SOURCE, _results_main)


# The filter sidebar ----------------------------------------------------------------------

FILTERS = "search/includes/filters.html"
FILTERS_SOURCE = (
    "{% load i18n search_tags %}{% comment %}\n"
    "  The professional's filters: a GET form with the URL names of the contract, so"
    " applying it gives\n"
    "  the same shareable address. Each code list is a collapsible group with counts.\n"
    '{% endcomment %}<form id="filters" class="filters" method="get" action="{{'
    ' paths.results }}" novalidate>\n'
    '  <h2 id="filters-titel">{% translate "Filters" %}</h2>\n'
    "  {% with form=filter_form %}\n"
    "  {% if form.errors %}\n"
    '  <div class="error-summary" role="alert" tabindex="-1">\n'
    '    <h3 class="error-summary__title">{% translate "Er is iets niet goed'
    ' ingevuld" %}</h3>\n'
    '    <ul>{% for field in form %}{% for error in field.errors %}<li><a href="#{{'
    ' field.id_for_label }}">{{ field.label }}: {{ error }}</a></li>{% endfor %}{%'
    " endfor %}</ul>\n"
    "  </div>\n"
    "  {% endif %}\n"
    '  {% for field in form.hidden_fields %}{% if field.name != "pagina" %}{{ field'
    " }}{% endif %}{% endfor %}\n"
    '  {% for pair in extra_pairs %}<input type="hidden" name="{{ pair.0 }}"'
    ' value="{{ pair.1 }}">{% endfor %}\n'
    "\n"
    "  {% filter_field form.q %}\n"
    '  {% filter_field form.plaats hint=_("Bijvoorbeeld 3011 AD of Schiedam.")'
    " short=True %}\n"
    "  {% filter_field form.afstand %}\n"
    "  {% filter_field form.leeftijd short=True %}\n"
    '  <div class="form-group{% if form.vrij.errors %} form-group--error{% endif %}">\n'
    '    <div class="choice">{{ form.vrij }}<label for="{{ form.vrij.id_for_label'
    ' }}">{{ form.vrij.label }}</label></div>\n'
    "  </div>\n"
    "  {% filter_field form.urgentie %}\n"
    "\n"
    "  {% facet_groups facet_groups %}\n"
    "\n"
    "  {% filter_field form.sorteer %}\n"
    "  {% endwith %}\n"
    '  <div class="button-group">\n'
    '    <button type="submit" class="button">{% translate "Filters toepassen"'
    " %}</button>\n"
    '    <a href="{{ paths.results }}" class="button button--link">{% translate'
    ' "Alles wissen" %}</a>\n'
    "  </div>\n"
    "</form>\n"
)

FILTERS_NAMES = ("paths", "filter_form", "extra_pairs", "facet_groups")


def _filters(context) -> str:
    if not all(name in context for name in FILTERS_NAMES):
        raise NotTranscribed(FILTERS)
    from search.templatetags.search_tags import filter_field
    from search.views.results_html import facet_groups_html

    w = words()
    form = context["filter_form"]
    results_path = shown(context["paths"]["results"])
    errors = ""
    if form.errors:
        items = "".join(
            f'<li><a href="#{shown(field.id_for_label)}">{shown(field.label)}: {shown(error)}'
            "</a></li>"
            for field in form
            for error in field.errors
        )
        errors = (
            '\n  <div class="error-summary" role="alert" tabindex="-1">\n'
            f'    <h3 class="error-summary__title">{w["error_title"]}</h3>\n'
            f"    <ul>{items}</ul>\n  </div>\n  "
        )
    hidden = "".join(shown(field) for field in form.hidden_fields() if field.name != "pagina")
    extra = "".join(
        f'<input type="hidden" name="{shown(key)}" value="{shown(value)}">'
        for key, value in _pairs(context["extra_pairs"])
    )
    flag = form["vrij"]
    flag_error = " form-group--error" if flag.errors else ""
    # `_("...")` in a tag's arguments: translated, safe like every template literal.
    place_hint = mark_safe(w["place_hint"])
    return (
        f'<form id="filters" class="filters" method="get" action="{results_path}" novalidate>\n'
        f'  <h2 id="filters-titel">{w["filters"]}</h2>\n'
        f"  \n  {errors}\n  {hidden}\n  {extra}\n\n"
        f"  {filter_field(form['q'])}\n"
        f"  {filter_field(form['plaats'], hint=place_hint, short=True)}\n"
        f"  {filter_field(form['afstand'])}\n"
        f"  {filter_field(form['leeftijd'], short=True)}\n"
        f'  <div class="form-group{flag_error}">\n'
        f'    <div class="choice">{shown(flag)}<label for="{shown(flag.id_for_label)}">'
        f"{shown_label(flag.label)}</label></div>\n"
        "  </div>\n"
        f"  {filter_field(form['urgentie'])}\n\n"
        f"  {facet_groups_html(context['facet_groups'])}\n\n"
        f"  {filter_field(form['sorteer'])}\n"
        "  \n"
        '  <div class="button-group">\n'
        f'    <button type="submit" class="button">{w["apply_filters"]}</button>\n'
        f'    <a href="{results_path}" class="button button--link">{w["clear_all"]}</a>\n'
        "  </div>\n"
        "</form>\n"
    )


def _pairs(pairs):
    # `pair.0` and `pair.1`
    for pair in pairs:
        yield pair[0], pair[1]


filters = PageTranscription(FILTERS, FILTERS_SOURCE, _filters)


# The map widget --------------------------------------------------------------------------

MAP_WIDGET = "search/includes/map_widget.html"
MAP_WIDGET_SOURCE = (
    "{% load i18n assets search_tags %}{% comment %}\n"
    "  A map on request, for the results page and the residence page. Shown by"
    " search/map.js; Leaflet\n"
    "  itself is only downloaded when the visitor opens the map. `map_id` is the"
    " map's id and class\n"
    '  (its points are in the script element "<map_id>-points"), `classes` the'
    " widget's classes,\n"
    "  `label` the map's accessible name, `points`, `tile_url` and `attribution`"
    " what map.js draws.\n"
    '{% endcomment %}{% with points_id=map_id|add:"-points" %}<div class="{{ classes'
    ' }}" data-map hidden>\n'
    '  <button type="button" class="button button--secondary button--small'
    ' map-widget__toggle" data-map-toggle\n'
    '          aria-expanded="false" aria-controls="{{ map_id }}"\n'
    "          data-label-hide=\"{% translate 'Kaart verbergen' %}\">{% translate"
    ' "Toon op de kaart" %}</button>\n'
    '  <p class="map-widget__status" role="status" data-map-status\n'
    "     data-loading=\"{% translate 'De kaart wordt geladen…' %}\"\n"
    "     data-failed=\"{% translate 'De kaart kon niet worden geladen. Probeer het"
    " later nog eens.' %}\"></p>\n"
    '  <div id="{{ map_id }}" class="{{ map_id }}" hidden\n'
    '       data-tile-url="{{ tile_url }}" data-attribution="{{ attribution }}"\n'
    '       data-points="{{ points_id }}"\n'
    "       data-leaflet-css=\"{% asset 'search/vendor/leaflet/leaflet.css' %}\"\n"
    "       data-leaflet-js=\"{% asset 'search/vendor/leaflet/leaflet.js' %}\"\n"
    '       role="region" aria-label="{{ label }}"></div>\n'
    "  {{ points|json_data:points_id }}\n"
    "</div>{% endwith %}\n"
)


def _map_widget(map_id, classes, label, points, tile_url, attribution) -> str:
    from pages.templatetags.assets import asset_url
    from search.templatetags.search_tags import json_data

    w = words()
    points_id = f"{map_id}-points"  # map_id|add:"-points" (a text, not a number)
    shown_id = shown(map_id)
    return (
        f'<div class="{shown(classes)}" data-map hidden>\n'
        '  <button type="button" class="button button--secondary button--small'
        ' map-widget__toggle" data-map-toggle\n'
        f'          aria-expanded="false" aria-controls="{shown_id}"\n'
        f'          data-label-hide="{w["map_hide"]}">{w["map_show"]}</button>\n'
        '  <p class="map-widget__status" role="status" data-map-status\n'
        f'     data-loading="{w["map_loading"]}"\n'
        f'     data-failed="{w["map_failed"]}"></p>\n'
        f'  <div id="{shown_id}" class="{shown_id}" hidden\n'
        f'       data-tile-url="{shown(tile_url)}" data-attribution="{shown(attribution)}"\n'
        f'       data-points="{shown(points_id)}"\n'
        f'       data-leaflet-css="{shown(asset_url("search/vendor/leaflet/leaflet.css"))}"\n'
        f'       data-leaflet-js="{shown(asset_url("search/vendor/leaflet/leaflet.js"))}"\n'
        f'       role="region" aria-label="{shown(label)}"></div>\n'
        f"  {json_data(points, points_id)}\n"
        "</div>\n"
    )


map_widget = Transcription(MAP_WIDGET, MAP_WIDGET_SOURCE, _map_widget)
