"""The rate limit on the cache production uses: Redis, shared by every gunicorn worker."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings as django_settings
from django.test import Client

from config import ratelimit


def test_the_fixed_window_counts_in_redis_and_expires_with_the_window(rf, redis_cache):
    limit = ratelimit.Limit("/zoeken/", 2, 60)
    request = rf.get("/zoeken/", REMOTE_ADDR="198.51.100.20")
    start = 3_000_000.0
    assert [ratelimit.hit(request, limit, now=start + offset) for offset in (0, 1, 2)] == [1, 2, 3]
    assert ratelimit.hit(request, limit, now=start + 60) == 1
    server = redis.Redis.from_url(django_settings.CACHES["default"]["LOCATION"])
    keys = server.keys("*ratelimit*")
    assert keys and all(0 < server.ttl(key) <= 61 for key in keys)


def test_the_production_cache_stores_counts_and_values_for_every_worker(redis_cache):
    redis_cache.set("a", {"menu": ["Home"]}, 30)
    assert redis_cache.add("a", "other") is False
    assert redis_cache.get("a") == {"menu": ["Home"]}
    redis_cache.set("n", 1, 30)
    assert redis_cache.incr("n", 2) == 3
    assert redis_cache.get_many(["a", "n", "missing"]) == {"a": {"menu": ["Home"]}, "n": 3}
    redis_cache.delete_many(["a", "n"])
    assert redis_cache.get("a") is None


# A separate Python process stands for another gunicorn worker.
OTHER_WORKER = """
import sys
import django

django.setup()
from django.test import RequestFactory, override_settings
from config import ratelimit

YEAR = 365 * 24 * 3600
backend = "django.core.cache.backends.redis.RedisCache"
with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": sys.argv[1]}}):
    request = RequestFactory().get("/zoeken/", REMOTE_ADDR="198.51.100.30")
    print(ratelimit.hit(request, ratelimit.Limit("/zoeken/", 3, YEAR)))
"""


def hit_from_another_process(redis_url: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", OTHER_WORKER, redis_url],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_workers_in_separate_processes_share_one_count(settings, redis_cache, redis_server):
    # A window of a year: the four hits cannot straddle a window boundary.
    settings.RATE_LIMITS = {"/zoeken/": (3, 365 * 24 * 3600)}
    assert hit_from_another_process(redis_server) == 1
    assert hit_from_another_process(redis_server) == 2
    client = Client(raise_request_exception=False, REMOTE_ADDR="198.51.100.30")
    assert client.get("/zoeken/").status_code != 429
    assert client.get("/zoeken/").status_code == 429
