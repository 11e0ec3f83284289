"""The load benchmark's search URLs must be ones the site understands, or it measures notices."""

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict

from search.criteria import Criteria

LOAD_SCRIPT = Path(settings.BASE_DIR) / "benchmarks" / "load.py"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("woonvinder_load_benchmark", LOAD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_every_generated_search_query_parses_without_notices(load):
    rng = random.Random(1)
    for _ in range(300):
        query = load.search_query(rng)
        criteria, notices = Criteria.from_query(QueryDict(query))
        assert notices == [], query
        assert (
            criteria.to_query() == Criteria.from_query(QueryDict(criteria.to_query()))[0].to_query()
        )


def test_generated_queries_vary_location_musts_wishes_and_sort(load):
    rng = random.Random(2)
    parsed = [Criteria.from_query(QueryDict(load.search_query(rng)))[0] for _ in range(200)]
    assert len({criteria.place for criteria in parsed}) >= 8
    assert len({criteria.musts for criteria in parsed}) >= 20
    assert sum(1 for criteria in parsed if criteria.wishes) >= 100
    assert {criteria.sort for criteria in parsed} == {"match", "afstand", "beschikbaarheid"}


def test_the_form_reader_answers_the_first_option_of_each_question(load):
    reader = load.FormReader(wanted=lambda action: action.startswith("/vragenlijst/"))
    reader.feed(
        '<form method="get" action="/zoeken/"><input name="q"></form>'
        '<form action="/i18n/setlang/" method="post"><input type="hidden" name="next" value="/">'
        '<button type="submit" name="language" value="en">English</button></form>'
        '<form method="post" action="/vragenlijst/vraag/voor-wie/">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
        '<input type="radio" name="voor-wie" value="mijzelf">'
        '<input type="radio" name="voor-wie" value="naaste">'
        '<input type="checkbox" name="wensen" value="tuin">'
        '<input type="checkbox" name="wensen" value="rustig">'
        '<button type="submit" name="actie" value="verder">Verder</button></form>'
    )
    assert reader.action == "/vragenlijst/vraag/voor-wie/"
    assert reader.answers() == {
        "csrfmiddlewaretoken": ["abc"],
        "voor-wie": ["mijzelf"],
        "wensen": ["tuin"],
    }


def test_percentiles_use_the_nearest_rank(load):
    values = [float(number) for number in range(1, 101)]
    assert load.percentile(values, 0.50) == 50.0
    assert load.percentile(values, 0.95) == 95.0
    assert load.percentile(values, 0.99) == 99.0
    assert load.percentile([], 0.95) == 0.0


def test_the_load_generator_refuses_hosts_other_than_this_machine(load):
    with pytest.raises(SystemExit):
        load.parse_arguments(["--base-url", "http://192.0.2.10:8000"])
    assert load.parse_arguments(["--base-url", "http://127.0.0.1:8001"]).clients == 8
