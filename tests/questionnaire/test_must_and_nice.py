"""Must versus nice, through the real database search backend over a small factory catalogue.

A must never lets a residence through that does not meet it; a nice-to-have never removes a
residence, it only changes the order.
"""

import pytest

from questionnaire.questions import answers_to_criteria
from search import indexing
from search.backends import get_backend, reset_backends
from tests.factories import ProviderPageFactory, ResidencePageFactory, today

from .test_questions import ROTTERDAM_CENTRE


@pytest.fixture
def catalogue(db):
    reset_backends()
    provider = ProviderPageFactory()
    residences = {
        "garden": ResidencePageFactory(parent=provider, facilities=["eigen-kamer", "tuin"]),
        "no_garden": ResidencePageFactory(parent=provider, facilities=["eigen-kamer"]),
        "garden_and_lift": ResidencePageFactory(
            parent=provider, facilities=["eigen-kamer", "tuin", "lift"]
        ),
        "far_away": ResidencePageFactory(
            parent=provider,
            facilities=["eigen-kamer", "tuin"],
            latitude=52.374,
            longitude=4.8897,  # Amsterdam
        ),
    }
    indexing.rebuild_index()
    yield {name: page.pk for name, page in residences.items()}
    reset_backends()


def answers(garden_rating: str, full_answers) -> dict:
    return dict(
        full_answers,
        leeftijd=81,
        plaats=ROTTERDAM_CENTRE,
        voorzieningen=["eigen-kamer", "tuin"],
        **{
            "belang-voorzieningen": {
                "facilities-eigen-kamer": "moet",
                "facilities-tuin": garden_rating,
            }
        },
    )


def found(criteria) -> list[int]:
    page = get_backend().search(criteria, today=today(), facets=False)
    return [match.document["id"] for match in page.matches]


def test_a_must_lets_no_residence_without_it_through(catalogue, full_answers):
    ids = found(answers_to_criteria(answers("moet", full_answers)))
    assert catalogue["no_garden"] not in ids
    assert set(ids) == {catalogue["garden"], catalogue["garden_and_lift"]}


def test_a_nice_to_have_keeps_every_residence_and_ranks_those_with_it_first(
    catalogue, full_answers
):
    ids = found(answers_to_criteria(answers("3", full_answers)))
    assert set(ids) == {catalogue["garden"], catalogue["garden_and_lift"], catalogue["no_garden"]}
    assert ids[-1] == catalogue["no_garden"]


def test_a_nice_to_have_only_reorders_compared_to_not_asking(catalogue, full_answers):
    with_wish = answers_to_criteria(answers("1", full_answers))
    without_wish = with_wish.with_changes(
        wishes=[wish for wish in with_wish.wishes if wish.code != "tuin"]
    )
    assert set(found(with_wish)) == set(found(without_wish))


def test_the_distance_chosen_is_a_must(catalogue, full_answers):
    ids = found(answers_to_criteria(answers("1", full_answers)))
    assert catalogue["far_away"] not in ids
