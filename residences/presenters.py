"""A residence's attributes in plain Dutch, grouped, for the detail page and the comparison.

The detail page and the compare table read the same list of attributes, so a residence never
shows a fact on one page that the other leaves out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from residences import taxonomy
from residences.availability import availability_status, is_stale


@dataclass(frozen=True)
class Availability:
    """What a page shows of a residence's availability, by the catalogue's rules
    (residences/availability.py). The same attribute names as the search's explanation, so one
    template shows either."""

    availability: taxonomy.AvailabilityStatus
    confirmed_on: date | None
    free_places: int | None
    waiting_weeks: int | None
    is_stale: bool


def availability(page, today: date) -> Availability:
    confirmed_on = page.availability_confirmed_on
    return Availability(
        availability=availability_status(page.free_places, page.waiting_weeks, confirmed_on, today),
        confirmed_on=confirmed_on,
        free_places=page.free_places,
        waiting_weeks=page.waiting_weeks,
        is_stale=is_stale(confirmed_on, today),
    )


def format_euro(amount: Decimal | float | None) -> str:
    if amount is None:
        return ""
    number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return f"€\u00a0{number}"


def code_labels(page, list_name: str) -> list[str]:
    code_list = taxonomy.RESIDENCE_CODE_LISTS[list_name]
    labels = []
    for code in page.codes(list_name):
        if code in code_list.values:
            labels.append(str(code_list(code).label))
    return labels


def age_text(page) -> str:
    if page.min_age is not None and page.max_age is not None:
        return str(
            _("%(low)s tot en met %(high)s jaar") % {"low": page.min_age, "high": page.max_age}
        )
    if page.min_age is not None:
        return str(_("Vanaf %(low)s jaar") % {"low": page.min_age})
    if page.max_age is not None:
        return str(_("Tot en met %(high)s jaar") % {"high": page.max_age})
    return str(_("Alle leeftijden"))


def address_text(page) -> list[str]:
    lines = [page.street_address, f"{page.postcode} {page.place}".strip()]
    if page.district:
        lines.append(str(_("Wijk: %(district)s") % {"district": page.district}))
    return [line for line in lines if line]


def places_text(page) -> str:
    if not page.places:
        return ""
    return ngettext("%(count)s plaats", "%(count)s plaatsen", page.places) % {"count": page.places}


def group_size_text(page) -> str:
    if not page.group_size:
        return ""
    return ngettext(
        "Groepen van %(count)s bewoner", "Groepen van %(count)s bewoners", page.group_size
    ) % {"count": page.group_size}


def extra_services(page) -> list[str]:
    lines = []
    for service in page.extra_services.all():
        text = service.name
        if service.monthly_price is not None:
            text += " – " + str(
                _("%(price)s per maand") % {"price": format_euro(service.monthly_price)}
            )
        if service.description:
            text += f" ({service.description})"
        lines.append(text)
    return lines


@dataclass(frozen=True)
class Attribute:
    key: str
    label: str
    values: Callable  # page -> str | list[str]


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    attributes: tuple[Attribute, ...]


def _codes(list_name: str) -> Callable:
    return lambda page: code_labels(page, list_name)


GROUPS: tuple[Group, ...] = (
    Group(
        "address",
        _("Adres"),
        (
            Attribute("address", _("Adres"), address_text),
            Attribute("municipality", _("Gemeente"), lambda page: page.municipality),
        ),
    ),
    Group(
        "who",
        _("Voor wie"),
        (
            Attribute("target_groups", _("Doelgroep"), _codes("target_groups")),
            Attribute("ages", _("Leeftijd"), age_text),
        ),
    ),
    Group(
        "care",
        _("Zorg en betaling"),
        (
            Attribute("care_profiles", _("Zorgprofielen (Wlz)"), _codes("care_profiles")),
            Attribute("financing", _("Betaling van de zorg"), _codes("financing")),
            Attribute("support", _("Begeleiding en zorg"), _codes("support")),
        ),
    ),
    Group(
        "housing",
        _("Wonen"),
        (
            Attribute("housing_types", _("Woonvorm"), _codes("housing_types")),
            Attribute("places", _("Aantal plaatsen"), places_text),
            Attribute("group_size", _("Groepsgrootte"), group_size_text),
            Attribute("facilities", _("Voorzieningen"), _codes("facilities")),
        ),
    ),
    Group(
        "surroundings",
        _("Omgeving en sfeer"),
        (
            Attribute("environment", _("Omgeving"), _codes("environment")),
            Attribute("life_outlooks", _("Levensovertuiging"), _codes("life_outlooks")),
            Attribute("languages", _("Talen van medewerkers"), _codes("languages")),
        ),
    ),
    Group(
        "extras",
        _("Extra diensten"),
        (Attribute("extra_services", _("Extra diensten en prijzen"), extra_services),),
    ),
)


@dataclass(frozen=True)
class Row:
    label: str
    values: list[str]


@dataclass(frozen=True)
class FilledGroup:
    key: str
    heading: str
    rows: list[Row]


def as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def attribute_groups(page) -> list[FilledGroup]:
    """The page's attributes, grouped; empty attributes and empty groups are left out."""
    filled = []
    for group in GROUPS:
        rows = [
            Row(str(attribute.label), values)
            for attribute in group.attributes
            if (values := as_list(attribute.values(page)))
        ]
        if rows:
            filled.append(FilledGroup(group.key, str(group.heading), rows))
    return filled


@dataclass(frozen=True)
class ComparedRow:
    label: str
    cells: list[list[str]]


@dataclass(frozen=True)
class ComparedGroup:
    key: str
    heading: str
    rows: list[ComparedRow]


def compare_groups(pages) -> list[ComparedGroup]:
    """Every attribute for every page, so the table's rows line up even where a value is empty."""
    return [
        ComparedGroup(
            group.key,
            str(group.heading),
            [
                ComparedRow(
                    str(attribute.label),
                    [as_list(attribute.values(page)) for page in pages],
                )
                for attribute in group.attributes
            ],
        )
        for group in GROUPS
    ]


# The residence page -----------------------------------------------------------------------


def fit_document(page) -> dict:
    """The residence's facts that matching and ranking look at, as plain data: part of its search
    document, and what the residence page's "why it fits" box is worked out from (no query)."""
    confirmed_on = page.availability_confirmed_on
    document = {
        "latitude": page.latitude,
        "longitude": page.longitude,
        "min_age": page.min_age,
        "max_age": page.max_age,
        "free_places": page.free_places,
        "waiting_weeks": page.waiting_weeks,
        "availability_confirmed_on": confirmed_on.isoformat() if confirmed_on else None,
    }
    for list_name in taxonomy.RESIDENCE_CODE_LISTS:
        document[list_name] = list(getattr(page, list_name) or [])
    return document


def map_point(page) -> list[dict]:
    if page.latitude is None or page.longitude is None:
        return []
    return [{"title": page.title, "place": page.place, "lat": page.latitude, "lon": page.longitude}]


class Detail:
    """What the residence page shows beyond its fields, alike for every visitor. Each part is
    read when the template first asks for it: "why it fits" (outside the cached fragments) needs
    only `fit_document`, which costs no query, while the provider, the gallery and the extra
    services are read only when the cached body is rendered afresh. What depends on the search in
    the address ("why it fits", the back link) comes from the search app's template tags, which
    the residence template loads."""

    def __init__(self, page, today: date | None = None):
        from django.utils import timezone

        self.page = page
        self.today = today or timezone.localdate()

    @cached_property
    def groups(self) -> list[FilledGroup]:
        return attribute_groups(self.page)

    @cached_property
    def availability(self) -> Availability:
        return availability(self.page, self.today)

    @cached_property
    def provider(self):
        return self.page.provider

    @cached_property
    def gallery(self) -> list:
        return list(self.page.gallery_images.select_related("image"))

    @cached_property
    def fit_document(self) -> dict:
        return fit_document(self.page)

    @cached_property
    def map_points(self) -> list[dict]:
        return map_point(self.page)

    @property
    def map_tile_url(self) -> str:
        return settings.MAP_TILE_URL

    @property
    def map_attribution(self) -> str:
        return settings.MAP_TILE_ATTRIBUTION


def detail_context(page, today: date | None = None) -> Detail:
    return Detail(page, today)
