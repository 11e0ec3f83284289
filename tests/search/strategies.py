"""Hypothesis strategies for Criteria (shared by the round-trip and backend property tests)."""

from hypothesis import strategies as st

from residences import geo, taxonomy
from search.criteria import DISTANCE_CHOICES_KM, MAX_PAGE, Criteria, Importance, Sort, Wish

PLACES = ["Rotterdam", "3011", ""]
WORDS = ["tuin", "rustig", "zorg", "huiskamer", "dementie", "water"]
LIST_NAMES = list(taxonomy.RESIDENCE_CODE_LISTS)


def codes(list_name):
    return st.sampled_from(list(taxonomy.RESIDENCE_CODE_LISTS[list_name].values))


@st.composite
def must_selections(draw, max_lists=3):
    chosen = draw(st.lists(st.sampled_from(LIST_NAMES), max_size=max_lists, unique=True))
    return {
        name: draw(st.lists(codes(name), min_size=1, max_size=3, unique=True)) for name in chosen
    }


@st.composite
def wish_lists(draw, max_size=5):
    count = draw(st.integers(0, max_size))
    wishes = []
    for _ in range(count):
        name = draw(st.sampled_from(LIST_NAMES))
        wishes.append(Wish(name, draw(codes(name)), draw(st.sampled_from(Importance.VALUES))))
    return wishes


@st.composite
def criteria(draw, *, with_text=True, with_page=True):
    place = draw(st.sampled_from(PLACES))
    location = {}
    if place:
        found = geo.geocode(place)
        location = {
            "place": place,
            "latitude": found.latitude,
            "longitude": found.longitude,
            "max_distance_km": draw(st.none() | st.sampled_from(DISTANCE_CHOICES_KM)),
        }
    text = ""
    if with_text:
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=2)))
    return Criteria.build(
        text=text,
        musts=draw(must_selections()),
        wishes=draw(wish_lists()),
        age=draw(st.none() | st.integers(0, 120)),
        available_only=draw(st.booleans()),
        urgency=draw(st.sampled_from(["", *taxonomy.Urgency.values])),
        sort=draw(st.sampled_from(Sort.VALUES)),
        page=draw(st.integers(1, MAX_PAGE)) if with_page else 1,
        **location,
    )
