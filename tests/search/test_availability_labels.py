"""What every page says about availability (issue 13.2), for every combination of free places,
waiting weeks and confirmation date: on the result card, the residence page, the compare page,
and in the ranking. Stale means only: never confirmed, or confirmed more than STALE_AFTER_DAYS
ago. A fresh "0 free, waiting time not given" says exactly that."""

import re
from datetime import timedelta

import pytest
from django.utils import formats

from residences import availability, taxonomy
from residences.availability import STALE_AFTER_DAYS
from search import ranking
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page, today
from tests.search.conftest import make_document
from tests.search.test_result_cards import render

Status = taxonomy.AvailabilityStatus

FREE = {"none": None, "zero": 0, "some": 3}
WAITING = {"none": None, "zero": 0, "long": 20}
CONFIRMED = {
    "never": None,
    "fresh": 5,
    "exactly the limit": STALE_AFTER_DAYS,
    "older": STALE_AFTER_DAYS + 1,
}


def expected(free, waiting, days_ago):
    """(status, points without urgency, words that must be shown, words that must not)."""
    stale = days_ago is None or days_ago > STALE_AFTER_DAYS
    if stale:
        words = "niet recent bevestigd" if days_ago is not None else "nog niet bevestigd"
        return Status.UNKNOWN, 0.0, [words], ["Geen plaats vrij", "plaatsen vrij"]
    if free:
        return Status.FREE, 2.0, [f"{free} plaatsen vrij"], ["niet recent bevestigd"]
    if waiting is None:
        words = "Geen plaats vrij" if free == 0 else "Aantal vrije plaatsen niet opgegeven"
        return (
            Status.UNKNOWN,
            0.0,
            [f"{words} · wachttijd niet opgegeven · bevestigd op"],
            ["niet recent bevestigd", "Onbekend"],
        )
    if waiting <= availability.SHORT_WAIT_MAX_WEEKS:
        return Status.SHORT_WAIT, 1.0, [f"Wachttijd ongeveer {waiting} weken"], ["niet recent"]
    return Status.LONG_WAIT, 0.25, [f"Wachttijd ongeveer {waiting} weken"], ["niet recent"]


def availability_text(html: str) -> str:
    found = re.search(r'<p class="availability">(.*?)</p>', html, re.S)
    assert found, "no availability shown"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()).replace(" .", ".")


def check(text: str, shown: list[str], hidden: list[str], days_ago):
    for words in shown:
        assert words in text, text
    for words in hidden:
        assert words not in text, text
    if days_ago is not None and days_ago <= STALE_AFTER_DAYS:
        assert formats.date_format(today() - timedelta(days=days_ago), "j F Y") in text


def combinations(free_places=FREE):
    return [
        pytest.param(free, waiting, days, id=f"free {f}, waiting {w}, confirmed {c}")
        for f, free in free_places.items()
        for w, waiting in WAITING.items()
        for c, days in CONFIRMED.items()
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("free", "waiting", "days_ago"), combinations())
def test_card_and_ranking(free, waiting, days_ago):
    confirmed = None if days_ago is None else (today() - timedelta(days=days_ago)).isoformat()
    document = make_document(
        9, free_places=free, waiting_weeks=waiting, availability_confirmed_on=confirmed
    )
    status, points, shown, hidden = expected(free, waiting, days_ago)
    assert ranking.document_availability(document, today()) == status
    assert ranking.availability_points(status, "") == points
    check(availability_text(render([document])), shown, hidden, days_ago)


# A residence page always has a number of free places (0 when none is given).
@pytest.mark.django_db
@pytest.mark.parametrize(("free", "waiting", "days_ago"), combinations({"zero": 0, "some": 3}))
def test_residence_page_and_compare_page(client, free, waiting, days_ago):
    confirmed = None if days_ago is None else today() - timedelta(days=days_ago)
    page = ResidencePageFactory(
        parent=ProviderPageFactory(),
        free_places=free,
        waiting_weeks=waiting,
        availability_confirmed_on=confirmed,
    )
    page = publish_page(page)
    status, _points, shown, hidden = expected(free, waiting, days_ago)
    detail = client.get(page.url).content.decode()
    check(availability_text(detail), shown, hidden, days_ago)
    compare = client.get(f"/zoeken/vergelijken/?id={page.id}").content.decode()
    check(availability_text(compare), shown, hidden, days_ago)
    stale_warning = "lang niet bevestigd" in detail
    assert stale_warning == (days_ago is None or days_ago > STALE_AFTER_DAYS)
