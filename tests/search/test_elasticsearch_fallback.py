"""When Elasticsearch cannot answer, visitors still get results: from the database, quickly.

No server is needed: a closed port refuses connections at once, and a "black hole" (a local
socket that accepts connections and never answers) makes the client wait for its timeout.
Both are real network conditions for the real client; nothing of ours is replaced.
"""

import socket
import threading
import time

import pytest

from search.backends import FALLBACK_NOTICE, get_backend, get_backend_by_name, reset_backends
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.backend import MAX_RETRIES, REQUEST_TIMEOUT_SECONDS
from search.criteria import Criteria
from search.indexing import rebuild_index
from tests.factories import ProviderPageFactory, ResidencePageFactory

CLOSED_PORT_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there
WORST_CASE_SECONDS = REQUEST_TIMEOUT_SECONDS * (1 + MAX_RETRIES)


class BlackHole:
    """Accepts TCP connections, counts them and never sends a byte."""

    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(32)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return  # closed
            self.connections.append(connection)

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.close()


@pytest.fixture
def catalogue(db):
    provider = ProviderPageFactory()
    pages = [
        ResidencePageFactory(parent=provider, title="De Linde", free_places=2),
        ResidencePageFactory(parent=provider, title="Het Anker", free_places=0),
        ResidencePageFactory(parent=provider, title="Rozenhof", availability_confirmed_on=None),
    ]
    rebuild_index(backends=[get_backend_by_name("database")])
    return pages


@pytest.fixture
def elasticsearch_at(settings):
    def configure(url: str, failures: int = 3):
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_CIRCUIT_FAILURES = failures
        settings.SEARCH_CIRCUIT_RESET_SECONDS = 60
        reset_backends()
        return get_backend()

    yield configure
    reset_backends()


def database_ids(criteria: Criteria) -> list[int]:
    return [match.id for match in get_backend_by_name("database").search(criteria).matches]


def test_a_closed_port_serves_database_results_with_a_quiet_notice_quickly(
    catalogue, elasticsearch_at
):
    backend = elasticsearch_at(CLOSED_PORT_URL)
    criteria = Criteria.build()

    started = time.perf_counter()
    result = backend.search(criteria)
    elapsed = time.perf_counter() - started

    assert elapsed < 3
    assert [match.id for match in result.matches] == database_ids(criteria)
    assert len(result.matches) == 3
    assert result.backend == "database"
    assert result.notices == [str(FALLBACK_NOTICE)]
    assert sum(value.count for value in result.facets["target_groups"]) >= 3


def test_a_count_also_falls_back(catalogue, elasticsearch_at):
    backend = elasticsearch_at(CLOSED_PORT_URL)

    assert backend.count(Criteria.build(available_only=True)) == 1


def test_the_circuit_opens_after_the_configured_number_of_failures(catalogue, elasticsearch_at):
    backend = elasticsearch_at(CLOSED_PORT_URL, failures=3)

    for _ in range(2):
        backend.search(Criteria.build())
    assert not backend.breaker.is_open
    backend.search(Criteria.build())

    assert backend.breaker.is_open
    assert backend.health()["status"] == "degraded"
    result = backend.search(Criteria.build())
    assert result.notices == [str(FALLBACK_NOTICE)]
    assert len(result.matches) == 3


def test_a_server_that_never_answers_falls_back_after_one_timeout_and_one_retry(
    catalogue, elasticsearch_at, black_hole
):
    backend = elasticsearch_at(black_hole.url, failures=1)

    started = time.perf_counter()
    result = backend.search(Criteria.build())
    elapsed = time.perf_counter() - started

    assert REQUEST_TIMEOUT_SECONDS <= elapsed < WORST_CASE_SECONDS + 1.5
    assert 1 <= len(black_hole.connections) <= 1 + MAX_RETRIES
    assert result.notices == [str(FALLBACK_NOTICE)]
    assert len(result.matches) == 3


def test_an_open_circuit_makes_no_further_connection_attempts(
    catalogue, elasticsearch_at, black_hole
):
    backend = elasticsearch_at(black_hole.url, failures=1)
    backend.search(Criteria.build())
    attempts = len(black_hole.connections)

    results, timings = [], []
    for _ in range(5):
        started = time.perf_counter()
        results.append(backend.search(Criteria.build()))
        timings.append(time.perf_counter() - started)

    assert backend.breaker.is_open
    assert len(black_hole.connections) == attempts
    # Any attempt at the black hole would wait out the request timeout.
    assert max(timings) < REQUEST_TIMEOUT_SECONDS
    assert all(result.notices == [str(FALLBACK_NOTICE)] for result in results)


def test_health_of_an_unanswering_server_reports_an_error_without_retrying(black_hole):
    backend = ElasticsearchBackend(url=black_hole.url)

    started = time.perf_counter()
    report = backend.health()
    elapsed = time.perf_counter() - started

    assert report["status"] == "error"
    assert "unreachable" in report["detail"]
    assert elapsed < REQUEST_TIMEOUT_SECONDS + 1
    assert len(black_hole.connections) == 1


def test_without_a_url_the_backend_is_unavailable_and_the_database_answers(
    catalogue, elasticsearch_at
):
    backend = elasticsearch_at("")

    result = backend.search(Criteria.build())

    assert result.backend == "database"
    assert result.notices == [str(FALLBACK_NOTICE)]


def test_bad_input_is_refused_without_counting_against_the_engine(catalogue, elasticsearch_at):
    from search.backends.base import InvalidSearch

    backend = elasticsearch_at(CLOSED_PORT_URL, failures=1)
    unknown_page = Criteria.build().with_changes(page=0)

    for call in (backend.search, backend.count):
        with pytest.raises(InvalidSearch):
            call(unknown_page)
    assert not backend.breaker.is_open  # the engine was never asked
