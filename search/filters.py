"""The professional's filter form: every code list as checkbox facets, and the rest of a search.

Field names are the URL names of search/criteria.py, so submitting the form (a plain GET) gives
the same shareable URL the questionnaire and every link on the results page use. The search
itself runs in the backend (DESIGN.md: every engine compiles `Criteria`); this FilterSet
validates the query string, shows it as a form with counts, and turns its cleaned data into the
same `Criteria` that `Criteria.from_query` makes of that query string.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from residences import taxonomy
from residences.models import ResidencePage
from search import forms as search_forms
from search.criteria import (
    DISTANCE_CHOICES_KM,
    MAX_AGE,
    MAX_PAGE,
    MAX_TEXT_LENGTH,
    URL_NAMES,
    Criteria,
    Sort,
)

# How each code list is introduced in the sidebar, in the words a visitor uses.
FACET_TITLES = {
    "target_groups": _("Voor wie"),
    "care_profiles": _("Zorgprofiel (Wlz)"),
    "financing": _("Betaling van de zorg"),
    "housing_types": _("Woonvorm"),
    "support": _("Begeleiding en zorg"),
    "facilities": _("Voorzieningen"),
    "environment": _("Omgeving"),
    "life_outlooks": _("Levensovertuiging"),
    "languages": _("Talen van medewerkers"),
}


def _distance_label(km: int) -> str:
    return gettext("Tot %(km)s km") % {"km": km}


# Lazy as the other labels: `gettext_lazy(...) % value` would translate once, at import.
distance_label = lazy(_distance_label, str)


class CodeListFilter(django_filters.MultipleChoiceFilter):
    field_class = search_forms.LenientMultipleChoiceField


class WholeNumberFilter(django_filters.Filter):
    field_class = search_forms.WholeNumberField


class WishFilter(django_filters.Filter):
    field_class = search_forms.WishField


class FlagFilter(django_filters.BooleanFilter):
    field_class = forms.BooleanField


TextFilter = django_filters.CharFilter
SelectFilter = django_filters.ChoiceFilter


def code_list_choices(list_name: str):
    """The list's (code, label) pairs, as a callable: Django's form fields accept one, and a
    form then copies the callable instead of deep-copying every lazily translated label (about
    a third of building the sidebar's form otherwise)."""
    code_list = taxonomy.RESIDENCE_CODE_LISTS[list_name]

    def choices():
        return code_list.choices

    return choices


def code_list_filter(list_name: str) -> CodeListFilter:
    return CodeListFilter(
        field_name=list_name,
        label=FACET_TITLES[list_name],
        choices=code_list_choices(list_name),
        method="filter_by_criteria",
    )


class ResidenceFilterSet(django_filters.FilterSet):
    # One checkbox facet per code list, named as in the URL (criteria.URL_NAMES).
    doelgroep = code_list_filter("target_groups")
    zorgprofiel = code_list_filter("care_profiles")
    financiering = code_list_filter("financing")
    woonvorm = code_list_filter("housing_types")
    begeleiding = code_list_filter("support")
    voorziening = code_list_filter("facilities")
    omgeving = code_list_filter("environment")
    levensovertuiging = code_list_filter("life_outlooks")
    taal = code_list_filter("languages")
    q = TextFilter(
        label=_("Zoekwoorden"),
        method="filter_by_criteria",
        widget=search_forms.SearchInput,
    )
    plaats = TextFilter(
        label=_("Postcode of plaats"),
        method="filter_by_criteria",
        widget=search_forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    afstand = SelectFilter(
        label=_("Hoe ver weg mag het zijn?"),
        method="filter_by_criteria",
        choices=[(str(km), distance_label(km)) for km in DISTANCE_CHOICES_KM],
        empty_label=_("Geen grens"),
        widget=search_forms.Select,
    )
    leeftijd = WholeNumberFilter(
        label=_("Leeftijd"),
        method="filter_by_criteria",
        min_value=0,
        max_value=MAX_AGE,
    )
    vrij = FlagFilter(
        label=_("Alleen woonlocaties met een vrije plaats"),
        method="filter_by_criteria",
        widget=search_forms.FlagCheckbox,
        required=False,
    )
    urgentie = SelectFilter(
        label=_("Hoe snel is een plaats nodig?"),
        method="filter_by_criteria",
        choices=taxonomy.Urgency.choices,
        empty_label=_("Maakt niet uit"),
        widget=search_forms.Select,
    )
    sorteer = SelectFilter(
        label=_("Sorteren op"),
        method="filter_by_criteria",
        choices=Sort.CHOICES,
        empty_label=None,
        widget=search_forms.Select,
    )
    wens = WishFilter(label=_("Wensen"), method="filter_by_criteria")
    pagina = WholeNumberFilter(
        label=_("Pagina"),
        method="filter_by_criteria",
        min_value=1,
        max_value=MAX_PAGE,
        widget=search_forms.HiddenInput,
    )

    class Meta:
        model = ResidencePage
        fields: list[str] = []
        form = search_forms.FilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = ResidencePage.objects.live().specific()
        super().__init__(data, queryset, request=request, prefix=prefix)

    def facet_fields(self):
        """(list name, bound field) for every code list, in taxonomy order."""
        return [(list_name, self.form[url_name]) for list_name, url_name in URL_NAMES.items()]

    # Criteria -----------------------------------------------------------------------------

    def cleaned(self) -> dict:
        """The valid values; a field that fails validation counts as not filled in."""
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @property
    def criteria(self) -> Criteria:
        data = self.cleaned()
        location = self._location(data)
        return Criteria.build(
            text=(data.get("q") or "")[:MAX_TEXT_LENGTH],
            place=location.place,
            latitude=location.latitude,
            longitude=location.longitude,
            place_label=location.place_label,
            max_distance_km=int(data["afstand"])
            if data.get("afstand") and location.place
            else None,
            musts={
                list_name: data.get(url_name) or [] for list_name, url_name in URL_NAMES.items()
            },
            wishes=data.get("wens") or (),
            age=data.get("leeftijd"),
            available_only=bool(data.get("vrij")),
            urgency=data.get("urgentie") or "",
            sort=data.get("sorteer") or Sort.MATCH,
            page=data.get("pagina") or 1,
        )

    @staticmethod
    def _location(data) -> Criteria:
        # Geocoding belongs to the parser (with its notices); reuse it for the place alone.
        place = data.get("plaats") or ""
        return Criteria.from_query({"plaats": [place]})[0] if place else Criteria()

    # Filtering ------------------------------------------------------------------------------

    def filter_by_criteria(self, queryset, name, value):
        # Each field only contributes to `criteria`; `filter_queryset` applies them together.
        return queryset

    def filter_queryset(self, queryset):
        """The live residences that pass the must conditions, as the search backend sees them.

        Views search through the backend (ranked, paged, with facets); this keeps `.qs`
        meaningful for callers that want the plain set, e.g. an export of a filtered list.
        """
        from search.backends import get_backend
        from search.backends.base import EXPORT_LIMIT

        criteria = self.criteria.with_changes(page=1, sort=Sort.MATCH)
        ids = get_backend().matching_ids(criteria, limit=EXPORT_LIMIT)
        return queryset.filter(id__in=ids) if ids else queryset.none()
