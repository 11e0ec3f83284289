"""The Elasticsearch backend against servers that misbehave, with the real client over a socket.

Each test starts tests/search/fake_elasticsearch.py playing one situation a real cluster (or a
proxy in front of it) produces: an 8.x node, an unsupported version, a key without `monitor`,
a 200 with a body we do not expect, item-level 429s, an alias swap that answers too late. None
of them claims ranking or a working mapping: that is test_elasticsearch_integration.py's job.
"""

import copy
import hashlib
import ssl
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.backends import FALLBACK_NOTICE, get_backend_by_name
from search.backends.base import EXPORT_LIMIT
from search.backends.circuit import CircuitBreaker
from search.backends.elasticsearch import backend as es_backend
from search.backends.elasticsearch import documents, queries
from search.backends.elasticsearch.backend import ElasticsearchBackend, RebuildRunning
from search.backends.fallback import FallbackBackend
from search.criteria import Criteria
from search.indexing import rebuild_index
from search.models import IndexRebuildLock
from tests.factories import ProviderPageFactory, ResidencePageFactory
from tests.search.fake_elasticsearch import FakeElasticsearch, slow

ALIAS = "woonvinder-residences"


@pytest.fixture
def fake():
    servers = []

    def start(version="9.1.5", tls=None) -> FakeElasticsearch:
        server = FakeElasticsearch(version=version)
        server.url = server.serve(tls)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def configured(settings):
    def configure(url: str, **values):
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_INDEX = ALIAS
        for name, value in values.items():
            setattr(settings, name, value)
        return ElasticsearchBackend()

    return configure


def with_live_index(server: FakeElasticsearch, name: str = f"{ALIAS}-20250101000000000000"):
    """The fake as a rebuild left it: one concrete index with our mapping behind the alias."""
    body = copy.deepcopy(documents.index_body())
    server.indices[name] = {
        "aliases": {ALIAS: {}},
        "mappings": body["mappings"],
        "settings": {"index": body["settings"]},
    }
    server.aliases[ALIAS] = {name}
    return name


# 1. Versions --------------------------------------------------------------------------------


def test_an_8x_server_refuses_the_9_header_and_health_says_which_setting_to_change(
    fake, configured
):
    server = fake(version="8.19.3")
    backend = configured(server.url, ELASTICSEARCH_VERSION="9")

    report = backend.health()

    assert report["status"] == "error"
    assert "media_type_header_exception" in report["detail"]
    assert "ELASTICSEARCH_VERSION" in report["detail"]
    assert "compatible-with=9" in server.requests[0].headers["accept"]


def test_with_version_8_every_request_asks_an_8x_server_for_8(fake, configured):
    server = fake(version="8.19.3")
    with_live_index(server)
    backend = configured(server.url, ELASTICSEARCH_VERSION="8")

    report = backend.health()
    backend.upsert([{"id": 1, "title": "De Linde"}])

    assert report["status"] == "ok"
    assert "Elasticsearch 8.19.3" in report["detail"]
    assert len(server.requests) == 3
    for request in server.requests:
        assert "compatible-with=8" in request.headers["accept"]
        if request.body:
            assert "compatible-with=8" in request.headers["content-type"]


def test_a_9x_server_is_asked_for_9_by_default(fake, configured):
    server = fake(version="9.1.5")
    with_live_index(server)

    report = configured(server.url).health()

    assert report["status"] == "ok"
    assert "compatible-with=9" in server.requests[0].headers["accept"]


def test_health_and_check_name_an_unsupported_server_version(fake, configured, db):
    server = fake(version="10.0.0")
    with_live_index(server)
    configured(server.url, ELASTICSEARCH_VERSION="9")

    report = ElasticsearchBackend().health()
    output = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("search_index", "check", "--backend", "elasticsearch", stdout=output)

    assert report["status"] == "error"
    assert "Elasticsearch 10.0.0 is not supported (supported: 8.x and 9.x)" in report["detail"]
    assert exit_info.value.code == 1
    assert "10.0.0 is not supported" in output.getvalue()


def test_a_9x_server_with_version_8_configured_is_reported_as_a_mismatch(fake, configured):
    server = fake(version="9.1.5")
    with_live_index(server)

    report = configured(server.url, ELASTICSEARCH_VERSION="8").health()

    assert report["status"] == "error"
    assert "set ELASTICSEARCH_VERSION=9" in report["detail"]


def test_an_unknown_configured_version_is_named_in_health_and_visitors_get_the_database(
    fake, configured, catalogue, client, settings
):
    server = fake()
    settings.SEARCH_BACKEND = "elasticsearch"

    report = configured(server.url, ELASTICSEARCH_VERSION="7").health()
    response = client.get("/zoeken/")

    assert report["status"] == "error"
    assert "ELASTICSEARCH_VERSION='7' is not supported; use 8 or 9" in report["detail"]
    assert response.status_code == 200
    assert str(FALLBACK_NOTICE) in response.content.decode()
    assert server.requests == []


# 2. Credentials, TLS, least privilege ------------------------------------------------------


def test_the_api_key_goes_to_the_server_and_health_needs_no_cluster_privilege(fake, configured):
    server = fake()
    with_live_index(server)
    # A key with read and write on the alias only: GET / (cluster:monitor/main) is refused.
    server.on("GET", "/", lambda request: (403, {"error": "unauthorized", "status": 403}))

    report = configured(server.url, ELASTICSEARCH_API_KEY="a2V5LWlkOmtleQ==").health()

    assert report["status"] == "ok"
    assert {request.headers["authorization"] for request in server.requests} == {
        "ApiKey a2V5LWlkOmtleQ=="
    }
    assert "_cluster" not in " ".join(server.paths())
    assert server.paths() == ["/", f"/{ALIAS}/_count"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    created = subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        capture_output=True,
    )  # fmt: skip
    if created.returncode != 0:
        pytest.skip(f"openssl could not make a test certificate: {created.stderr[:200]!r}")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    return {"path": str(cert), "context": context, "sha256": hashlib.sha256(der).hexdigest()}


def test_https_with_a_private_ca_works_when_its_certificate_is_configured(
    fake, configured, certificate
):
    server = fake(tls=certificate["context"])
    with_live_index(server)

    trusted = configured(server.url, ELASTICSEARCH_CA_CERTS=certificate["path"]).health()
    untrusted = configured(server.url, ELASTICSEARCH_CA_CERTS="").health()

    assert server.url.startswith("https://")
    assert trusted["status"] == "ok"
    assert untrusted["status"] == "error"
    assert "certificate" in untrusted["detail"].lower()


def test_https_with_a_pinned_fingerprint_accepts_only_that_certificate(
    fake, configured, certificate
):
    server = fake(tls=certificate["context"])
    with_live_index(server)

    pinned = configured(
        server.url, ELASTICSEARCH_SSL_ASSERT_FINGERPRINT=certificate["sha256"]
    ).health()
    wrong = configured(server.url, ELASTICSEARCH_SSL_ASSERT_FINGERPRINT="00" * 32).health()

    assert pinned["status"] == "ok"
    assert wrong["status"] == "error"


# 3. A breaker that heals --------------------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def catalogue(db):
    provider = ProviderPageFactory()
    pages = [ResidencePageFactory(parent=provider) for _ in range(3)]
    rebuild_index(backends=[get_backend_by_name("database")])
    return pages


def test_an_odd_answer_opens_the_breaker_fails_the_trial_and_a_healthy_answer_closes_it(
    fake, configured, catalogue
):
    server = fake()
    healthy = {"on": False}

    def search(request):
        # A proxy (or a changed API) answering 200 without "hits": KeyError in the backend.
        return 200, (server.empty_hits() if healthy["on"] else {"status": "ok"})

    server.on("POST", f"/{ALIAS}/_search", search)
    clock = FakeClock()
    breaker = CircuitBreaker(failures=1, reset_seconds=30, clock=clock)
    backend = FallbackBackend(
        primary=configured(server.url),
        fallback=get_backend_by_name("database"),
        breaker=breaker,
    )
    criteria = Criteria.build()

    first = backend.search(criteria)
    assert breaker.is_open
    clock.now += 10
    while_open = backend.search(criteria)
    calls_while_open = len(server.requests)
    clock.now += 21  # past reset_seconds: one trial
    trial = backend.search(criteria)
    assert breaker.is_open  # the KeyError ended the trial as a failure
    clock.now += 29
    still_open = backend.search(criteria)
    assert len(server.requests) == calls_while_open + 1
    healthy["on"] = True
    clock.now += 2
    healed = backend.search(criteria)

    for served in (first, while_open, trial, still_open):
        assert served.backend == "database"
        assert served.notices == [str(FALLBACK_NOTICE)]
        assert len(served.matches) == 3
    assert calls_while_open == 1
    assert not breaker.is_open
    assert healed.backend == "elasticsearch"
    assert healed.notices == []


def test_an_interrupted_trial_still_ends_so_the_next_request_may_try(fake, configured, db):
    clock = FakeClock()
    breaker = CircuitBreaker(failures=1, reset_seconds=30, clock=clock)
    breaker.allow()
    breaker.record_failure()
    clock.now += 31

    class Interrupted(BaseException):
        pass

    class Primary(ElasticsearchBackend):
        def count(self, criteria, *, today=None):
            raise Interrupted

    backend = FallbackBackend(
        primary=Primary(url=""), fallback=get_backend_by_name("database"), breaker=breaker
    )
    with pytest.raises(Interrupted):
        backend.count(Criteria.build())

    assert breaker.allow()  # not stuck in a trial that never ends


def test_a_visitor_never_gets_a_500_from_an_odd_answer(fake, client, settings, catalogue):
    server = fake()
    server.on("POST", f"/{ALIAS}/_search", lambda request: (200, {"unexpected": True}))
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = server.url
    settings.ELASTICSEARCH_INDEX = ALIAS

    response = client.get("/zoeken/")

    assert response.status_code == 200
    assert str(FALLBACK_NOTICE) in response.content.decode()
    assert server.paths("POST")  # Elasticsearch was asked, and its answer was not trusted


# 4. Safe rebuilds ---------------------------------------------------------------------------


OLD_INDEX = f"{ALIAS}-20250101000000000000"
KEPT_INDEX = f"{ALIAS}-20240101000000000000"  # ours by name, but not behind the alias


def test_a_rebuild_deletes_only_the_indexes_that_were_behind_the_alias(fake, configured, db):
    server = fake()
    with_live_index(server, OLD_INDEX)
    server.indices[KEPT_INDEX] = {"aliases": {}, "mappings": {}, "settings": {}}

    count = configured(server.url).rebuild([{"id": 1, "title": "De Linde"}])

    (new_index,) = server.aliases[ALIAS]
    assert count == 1
    assert new_index not in (OLD_INDEX, KEPT_INDEX)
    assert set(server.indices) == {new_index, KEPT_INDEX}


def test_a_swap_that_timed_out_but_was_applied_keeps_the_new_live_index(
    fake, configured, db, monkeypatch
):
    server = fake()
    with_live_index(server, OLD_INDEX)
    monkeypatch.setattr(es_backend, "OPERATOR_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(es_backend, "OPERATOR_MAX_RETRIES", 0)
    # The server applies the swap, then answers after the client has given up.
    server.on("POST", "/_aliases", slow(1.0, server.lifecycle))

    count = configured(server.url).rebuild([{"id": 1, "title": "De Linde"}])

    (live,) = server.aliases[ALIAS]
    assert count == 1
    assert live in server.indices and live != OLD_INDEX
    assert f"/{live}" not in server.paths("DELETE")
    assert OLD_INDEX not in server.indices


def test_a_failed_bulk_load_deletes_the_half_built_index_and_keeps_the_live_one(
    fake, configured, db
):
    server = fake()
    with_live_index(server, OLD_INDEX)
    server.on("PUT", f"/{ALIAS}-\\d+/_bulk", lambda request: (500, {"error": "boom"}))

    with pytest.raises(es_backend.SearchUnavailable):
        configured(server.url).rebuild([{"id": 1, "title": "De Linde"}])

    assert set(server.indices) == {OLD_INDEX}
    assert server.aliases[ALIAS] == {OLD_INDEX}


def test_only_one_rebuild_runs_at_a_time(fake, configured, db):
    server = fake()
    IndexRebuildLock.objects.create(name=f"elasticsearch:{ALIAS}", acquired_at=timezone.now())

    with pytest.raises(RebuildRunning, match="another rebuild"):
        configured(server.url).rebuild([{"id": 1}])

    assert server.requests == []


def test_a_lock_left_by_a_crashed_rebuild_expires(fake, configured, db):
    from search.locks import LOCK_EXPIRY

    server = fake()
    IndexRebuildLock.objects.create(
        name=f"elasticsearch:{ALIAS}", acquired_at=timezone.now() - LOCK_EXPIRY * 2
    )

    assert configured(server.url).rebuild([{"id": 1}]) == 1
    assert not IndexRebuildLock.objects.exists()  # released after the rebuild


def test_bulk_items_rejected_with_429_are_retried_with_back_off(fake, configured, monkeypatch):
    server = fake()
    with_live_index(server)
    monkeypatch.setattr(es_backend, "BULK_INITIAL_BACKOFF_SECONDS", 0.01)
    rejected = {"once": True}

    def busy(request):
        lines = request.ndjson()
        if not rejected["once"]:
            return None  # the fake's normal bulk answer
        rejected["once"] = False
        items = [
            {"index": {"_id": line["index"]["_id"], "status": 429 if i == 0 else 201}}
            for i, line in enumerate(lines[::2])
        ]
        items[0]["index"]["error"] = {"type": "es_rejected_execution_exception"}
        return 200, {"took": 1, "errors": True, "items": items}

    server.on("PUT", f"/{ALIAS}/_bulk", busy)
    server.on("POST", f"/{ALIAS}/_bulk", busy)

    configured(server.url).upsert([{"id": 1}, {"id": 2}, {"id": 3}])

    bulks = [r for r in server.requests if r.path.endswith("/_bulk")]
    assert len(bulks) == 2
    assert [line["index"]["_id"] for line in bulks[1].ndjson()[::2]] == ["1"]


def test_check_exits_non_zero_when_the_live_mapping_differs_from_the_code(fake, configured, db):
    server = fake()
    live = with_live_index(server)
    server.indices[live]["mappings"]["properties"]["title"]["analyzer"] = "standard"
    server.indices[live]["settings"]["index"]["number_of_shards"] = "3"
    configured(server.url)

    output = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("search_index", "check", "--backend", "elasticsearch", stdout=output)

    assert exit_info.value.code == 1
    text = output.getvalue()
    assert "mapping properties.title.analyzer is 'standard', the code says 'woonvinder_dutch'" in (
        text
    )
    assert "setting number_of_shards is '3', the code says '1'" in text


def test_check_passes_when_the_live_index_is_what_the_code_builds(fake, configured, db):
    server = fake()
    with_live_index(server)
    configured(server.url)

    output = StringIO()
    call_command("search_index", "check", "--backend", "elasticsearch", stdout=output)

    assert output.getvalue() == "elasticsearch: 0 missing, 0 stale, 0 orphaned\n"


def test_settings_as_the_server_returns_them_match_the_code():
    expected = documents.index_body()
    # Elasticsearch answers settings as strings under "index" and booleans in mappings as
    # strings where they were given as such ("dynamic": "false").
    live = {
        "mappings": {**expected["mappings"], "dynamic": "false"},
        "settings": {
            "index": {
                "number_of_shards": "1",
                "auto_expand_replicas": "0-1",
                "analysis": expected["settings"]["analysis"],
                "uuid": "x1",
                "creation_date": "1735689600000",
                "provided_name": OLD_INDEX,
            }
        },
    }

    assert documents.index_differences(live, expected) == []


def test_check_and_update_use_the_operators_client_not_the_2_second_one(fake, configured, db):
    server = fake()
    with_live_index(server)
    # Walking the whole index on a busy cluster: longer than a visitor may wait.
    server.on("POST", f"/{ALIAS}/_search", slow(2.5, lambda r: (200, server.empty_hits())))
    configured(server.url)

    output = StringIO()
    call_command("search_index", "update", "--backend", "elasticsearch", stdout=output)

    assert "elasticsearch: repaired" in output.getvalue()


# 6. Limits ---------------------------------------------------------------------------------


def test_an_export_walks_a_point_in_time_past_the_result_window(fake, configured, monkeypatch):
    server = fake()
    with_live_index(server)
    monkeypatch.setattr(queries, "EXPORT_PAGE_SIZE", 1000)
    ids = list(range(1, EXPORT_LIMIT + 5_001))  # far more than index.max_result_window

    def open_pit(request):
        return 200, {"id": "pit-1"}

    def page(request):
        body = request.json()
        start = body["search_after"][1] if "search_after" in body else 0  # id n is at n - 1
        chunk = ids[start : start + body["size"]]
        hits = [{"_source": {"id": i}, "_score": 1.0, "sort": [1.0, i]} for i in chunk]
        return 200, {"pit_id": "pit-1", "hits": {"hits": hits}}

    server.on("POST", f"/{ALIAS}/_pit", open_pit)
    server.on("POST", "/_search", page)
    server.on("DELETE", "/_pit", lambda request: (200, {"succeeded": True, "num_freed": 1}))

    found = configured(server.url).matching_ids(Criteria.build(), limit=EXPORT_LIMIT)

    assert found == ids[:EXPORT_LIMIT]  # the database's limit too (base.EXPORT_LIMIT)
    searches = [r.json() for r in server.requests if r.path == "/_search"]
    assert all("from" not in body and body["pit"]["id"] == "pit-1" for body in searches)
    assert server.paths("DELETE") == ["/_pit"]


def test_the_export_body_sorts_by_score_then_id_over_a_point_in_time():
    body = queries.export_body(Criteria.build(), today=timezone.localdate(), pit_id="p")

    assert body["sort"] == queries.SCORE_THEN_ID
    assert body["pit"] == {"id": "p", "keep_alive": queries.EXPORT_KEEP_ALIVE}
    assert "from" not in body and "search_after" not in body
    assert body["size"] == queries.EXPORT_PAGE_SIZE
