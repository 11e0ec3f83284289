"""Backend choice, the Elasticsearch fallback, and the circuit breaker."""

import threading

import pytest

from search.backends import (
    FALLBACK_NOTICE,
    get_backend,
    get_index_backends,
    index_backends_named,
)
from search.backends.circuit import CircuitBreaker
from search.backends.database import DatabaseBackend
from search.backends.fallback import FallbackBackend
from search.criteria import Criteria
from tests.search.conftest import TODAY, make_document


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SEARCH_CIRCUIT_FAILURES = 3
    settings.SEARCH_CIRCUIT_RESET_SECONDS = 30


def test_the_database_backend_is_the_default(settings):
    settings.SEARCH_BACKEND = "database"
    assert isinstance(get_backend(), DatabaseBackend)
    assert get_backend() is get_backend()
    assert [backend.name for backend in get_index_backends()] == ["database"]


def test_with_elasticsearch_configured_both_indexes_are_fed(unreachable_elasticsearch):
    assert [backend.name for backend in get_index_backends()] == ["database", "elasticsearch"]
    assert [b.name for b in index_backends_named("database")] == ["database"]
    assert isinstance(get_backend(), FallbackBackend)


@pytest.mark.django_db
def test_unreachable_elasticsearch_serves_database_results_with_a_quiet_notice(
    unreachable_elasticsearch, index_documents
):
    index_documents([make_document(1), make_document(2)])
    result = get_backend().search(Criteria.build(), today=TODAY)
    assert [match.document["id"] for match in result.matches] == [1, 2]
    assert result.backend == "database"
    assert result.notices == [str(FALLBACK_NOTICE)]
    assert get_backend().count(Criteria.build(), today=TODAY) == 2
    assert get_backend().health()["status"] in {"degraded", "error"}


@pytest.mark.django_db
def test_after_three_failures_the_circuit_opens_and_elasticsearch_is_not_tried(
    unreachable_elasticsearch, index_documents
):
    index_documents([make_document(1)])
    backend = get_backend()
    calls = []
    original = backend.primary.search

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    backend.primary.search = counted
    for _ in range(5):
        result = backend.search(Criteria.build(), today=TODAY)
        assert result.total == 1 and result.notices == [str(FALLBACK_NOTICE)]
    assert len(calls) == 3
    assert backend.breaker.is_open
    assert backend.health()["status"] == "degraded"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_circuit_half_opens_after_the_reset_time_and_closes_on_success():
    clock = FakeClock()
    breaker = CircuitBreaker(failures=2, reset_seconds=30, clock=clock)
    breaker.record_failure()
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    clock.now = 29.9
    assert not breaker.allow()
    clock.now = 30.0
    assert breaker.allow()  # the one trial call
    assert not breaker.allow()  # nobody else while it runs
    breaker.record_success()
    assert breaker.allow() and not breaker.is_open


def test_a_failed_trial_opens_the_circuit_again_for_the_full_time():
    clock = FakeClock()
    breaker = CircuitBreaker(failures=1, reset_seconds=10, clock=clock)
    breaker.record_failure()
    clock.now = 10
    assert breaker.allow()
    breaker.record_failure()
    clock.now = 19
    assert not breaker.allow()
    clock.now = 20
    assert breaker.allow()


def test_the_circuit_counts_failures_from_many_threads_exactly():
    breaker = CircuitBreaker(failures=1000, reset_seconds=30)

    def fail_many():
        for _ in range(100):
            breaker.record_failure()

    threads = [threading.Thread(target=fail_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert breaker._consecutive_failures == 800
    assert breaker.allow()
    for _ in range(200):
        breaker.record_failure()
    assert breaker.is_open
