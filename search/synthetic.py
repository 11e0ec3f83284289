"""Generated search documents, for property tests and the benchmark.

They have the shape of `search.indexing.residence_document` and a spread like the real
catalogue (Rijnmond coordinates, a few codes per list, mixed availability), seeded so a run is
repeatable. They are written straight to an index backend; there are no pages behind them.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from residences import taxonomy

PLACES = [
    ("Rotterdam", 51.9225, 4.4792),
    ("Schiedam", 51.9192, 4.3889),
    ("Vlaardingen", 51.9122, 4.3419),
    ("Capelle aan den IJssel", 51.9292, 4.5778),
    ("Spijkenisse", 51.8450, 4.3290),
    ("Barendrecht", 51.8567, 4.5347),
    ("Ridderkerk", 51.8700, 4.6000),
    ("Maassluis", 51.9233, 4.2500),
    ("Hellevoetsluis", 51.8333, 4.1333),
    ("Lansingerland", 52.0000, 4.5000),
]
WORDS = [
    "tuin", "tuinen", "rustig", "kleinschalig", "dementie", "huiskamer", "zorg", "wonen",
    "begeleiding", "dagbesteding", "huisdieren", "centrum", "park", "water", "muziek",
]  # fmt: skip
NAMES = ["De Linde", "Rozenhof", "De Meerkoet", "Het Anker", "Zonnehuis", "De Wilg", "Vreugdehof"]


def documents(count: int, *, seed: int = 7, today: date, first_id: int = 1) -> list[dict]:
    rng = random.Random(seed)
    return [_document(rng, first_id + index, today) for index in range(count)]


def _document(rng: random.Random, page_id: int, today: date) -> dict:
    place, latitude, longitude = rng.choice(PLACES)
    located = rng.random() > 0.02
    min_age = rng.choice([None, None, 18, 55, 65])
    max_age = rng.choice([None, None, None, 30, 65]) if min_age is None else None
    free_places = rng.choice([0, 0, 0, 1, 2])
    confirmed = _confirmed_on(rng, today)
    name = f"{rng.choice(NAMES)} {page_id}"
    document = {
        "id": page_id,
        "title": name,
        "url": f"/aanbieder-{page_id % 97}/woonlocatie-{page_id}/",
        "intro": " ".join(rng.sample(WORDS, 4)),
        "provider_id": 100000000 + page_id % 97,
        "provider_name": f"Zorggroep {page_id % 97}",
        "provider_url": f"/aanbieder-{page_id % 97}/",
        "street_address": f"Dorpsstraat {page_id % 300 + 1}",
        "postcode": "3011 AD",
        "place": place,
        "municipality": place,
        "district": "",
        "latitude": round(latitude + rng.uniform(-0.06, 0.06), 5) if located else None,
        "longitude": round(longitude + rng.uniform(-0.09, 0.09), 5) if located else None,
        "min_age": min_age,
        "max_age": max_age,
        "places": 12,
        "group_size": rng.choice([None, 6, 8]),
        "free_places": free_places,
        "waiting_weeks": rng.choice([None, 2, 8, 12, 13, 30]),
        "availability_confirmed_on": confirmed.isoformat() if confirmed else None,
        "photo_url": "",
        "photo_alt": "",
        "text": " ".join([name, *rng.sample(WORDS, 6), place]),
        "last_published_at": _published(rng, today).isoformat(),
    }
    for list_name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items():
        values = list(code_list.values)
        document[list_name] = sorted(
            rng.sample(values, rng.randint(0, min(4, len(values)))), key=values.index
        )
    return document


def _confirmed_on(rng: random.Random, today: date) -> date | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.3:
        return today - timedelta(days=rng.randint(61, 400))  # stale
    return today - timedelta(days=rng.randint(0, 60))


def _published(rng: random.Random, today: date) -> datetime:
    moment = datetime(today.year, today.month, today.day, 12, tzinfo=UTC)
    return moment - timedelta(minutes=rng.randint(0, 500000))
