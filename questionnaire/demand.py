"""The anonymous demand signal: recording an opted-in search, and the region's report on it.

The report shows, per municipality and per wish or must, how often searches found few or no
residences. A group is only shown when at least MIN_GROUP_SIZE searches are in it, so no row
can point to one person's search (k-anonymity with k = MIN_GROUP_SIZE).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from questionnaire import clock
from questionnaire.models import DemandSignal
from residences import taxonomy
from residences.roles import may_view_region_figures
from search.criteria import Criteria

MIN_GROUP_SIZE = 10
FEW_MATCHES = 5  # fewer than this many residences counts as "few"
UNKNOWN_MUNICIPALITY = _("Onbekend")


def year_week(moment: float) -> str:
    local = datetime.fromtimestamp(moment, tz=timezone.get_current_timezone())
    year, week, _weekday = local.isocalendar()
    return f"{year}-W{week:02d}"


def coded(criteria: Criteria) -> tuple[list[str], list[str]]:
    musts = [f"{name}:{code}" for name, code in criteria.must_conditions()]
    wishes = [f"{wish.list_name}:{wish.code}" for wish in criteria.wishes]
    return musts, wishes


def count_matches(criteria: Criteria) -> int:
    from search.backends import get_backend

    return get_backend().count(criteria)


def record(*, criteria: Criteria, municipality: str) -> DemandSignal:
    musts, wishes = coded(criteria)
    return DemandSignal.objects.create(
        year_week=year_week(clock.now()),
        municipality=municipality,
        musts=musts,
        wishes=wishes,
        match_count=count_matches(criteria),
    )


@dataclass(frozen=True)
class ReportRow:
    municipality: str
    kind: str  # "must" | "wish"
    item: str  # "list_name:code"
    searches: int
    few: int
    none: int

    @property
    def label(self) -> str:
        list_name, code = self.item.split(":", 1)
        code_list = taxonomy.RESIDENCE_CODE_LISTS.get(list_name)
        if code_list is None or code not in code_list.values:
            return self.item
        return str(code_list(code).label)

    @property
    def kind_label(self) -> str:
        return str(_("moet")) if self.kind == "must" else str(_("fijn"))

    @property
    def few_percent(self) -> int:
        return round(100 * self.few / self.searches)


def report(signals=None) -> list[ReportRow]:
    """Groups of at least MIN_GROUP_SIZE searches, those that most often find few matches first."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    rows = signals if signals is not None else DemandSignal.objects.all()
    for signal in rows.iterator() if hasattr(rows, "iterator") else rows:
        municipality = signal.municipality or str(UNKNOWN_MUNICIPALITY)
        for kind, items in (("must", signal.musts), ("wish", signal.wishes)):
            for item in set(items or ()):
                groups[(municipality, kind, item)].append(signal.match_count)
    result = [
        ReportRow(
            municipality=municipality,
            kind=kind,
            item=item,
            searches=len(counts),
            few=sum(1 for count in counts if count < FEW_MATCHES),
            none=sum(1 for count in counts if count == 0),
        )
        for (municipality, kind, item), counts in groups.items()
        if len(counts) >= MIN_GROUP_SIZE
    ]
    result.sort(
        key=lambda row: (-row.few / row.searches, -row.searches, row.municipality, row.item)
    )
    return result


def may_view_report(user) -> bool:
    """Coordinators, and providers' editors as the opt-in text promises visitors ("zo zien
    zorgaanbieders welke woonplekken nog te weinig zijn"): the same people who see the region's
    anonymous figures on requests, by that one rule."""
    return may_view_region_figures(user)
