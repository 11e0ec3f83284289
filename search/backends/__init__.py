"""Backend loader, driven by a config dict and the SEARCH_BACKEND setting.

`get_backend()` is what views and selectors search with. With SEARCH_BACKEND="elasticsearch"
it is Elasticsearch wrapped in a FallbackBackend, so trouble there serves database results with
a quiet notice. `get_index_backends()` is what the index pipeline writes to: always the database
table, plus Elasticsearch when it is configured.

Backend classes are constructed without arguments and read their own settings. Instances are
cached per process, keyed by the settings that choose them, so tests that change settings get a
fresh instance and production keeps one (and one circuit breaker) per process.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import (  # noqa: F401  (re-exported for callers)
    FALLBACK_NOTICE,
    PAGE_SIZE,
    FacetValue,
    Match,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
)

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
DEFAULT_BACKEND = "database"

_cache: dict[tuple, SearchBackend] = {}
_lock = threading.Lock()


def configured_name() -> str:
    name = getattr(settings, "SEARCH_BACKEND", DEFAULT_BACKEND) or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND must be one of {sorted(BACKENDS)}, not {name!r}")
    return name


def get_backend_by_name(name: str) -> SearchBackend:
    """The plain backend `name` ("database" or "elasticsearch"), without fallback."""
    return _cached(("plain", name, *_settings_key()), lambda: import_string(BACKENDS[name])())


def get_backend() -> SearchBackend:
    name = configured_name()
    if name == DEFAULT_BACKEND:
        return get_backend_by_name(DEFAULT_BACKEND)
    return _cached(("fallback", name, *_settings_key()), lambda: _fallback_for(name))


def get_index_backends() -> list[SearchBackend]:
    """Every index the pipeline keeps in sync: the database, plus the configured engine."""
    backends = [get_backend_by_name(DEFAULT_BACKEND)]
    name = configured_name()
    if name != DEFAULT_BACKEND:
        backends.append(get_backend_by_name(name))
    return backends


def index_backends_named(choice: str) -> list[SearchBackend]:
    """For the management command: "database", "elasticsearch" or "all" (= configured)."""
    if choice == "all":
        return get_index_backends()
    if choice not in BACKENDS:
        raise ValueError(f"Unknown backend {choice!r}; choose from {sorted(BACKENDS)} or 'all'")
    return [get_backend_by_name(choice)]


def reset_backends() -> None:
    """Forget cached instances (and their circuit state); for tests and reconfiguration."""
    with _lock:
        _cache.clear()


def _fallback_for(name: str) -> SearchBackend:
    from search.backends.circuit import CircuitBreaker
    from search.backends.fallback import FallbackBackend

    breaker = CircuitBreaker(
        failures=getattr(settings, "SEARCH_CIRCUIT_FAILURES", 3),
        reset_seconds=getattr(settings, "SEARCH_CIRCUIT_RESET_SECONDS", 30),
    )
    return FallbackBackend(
        primary=get_backend_by_name(name),
        fallback=get_backend_by_name(DEFAULT_BACKEND),
        breaker=breaker,
    )


def _settings_key() -> tuple:
    return (
        getattr(settings, "ELASTICSEARCH_URL", None),
        getattr(settings, "ELASTICSEARCH_INDEX", None),
        getattr(settings, "SEARCH_CIRCUIT_FAILURES", 3),
        getattr(settings, "SEARCH_CIRCUIT_RESET_SECONDS", 30),
    )


def _cached(key: tuple, factory) -> SearchBackend:
    with _lock:
        backend = _cache.get(key)
    if backend is not None:
        return backend
    backend = factory()
    with _lock:
        return _cache.setdefault(key, backend)
