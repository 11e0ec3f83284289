"""Production settings: refuse to run without a key, and pass Django's deployment checklist.

Each case runs manage.py in a fresh process, because settings are read once per process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="woonvinder.example.nl",
        CSRF_TRUSTED_ORIGINS="https://woonvinder.example.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_logs_one_json_object_per_line():
    result = run_manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('woonvinder.probe').warning('probe %s', 1)",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="woonvinder.example.nl",
    )
    assert result.returncode == 0, result.stderr
    log_lines = [line for line in result.stderr.splitlines() if line.strip()]
    records = [json.loads(line) for line in log_lines]
    assert any(record.get("message") == "probe 1" for record in records), records
    assert all(record["level"] for record in records)


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="woonvinder.example.nl")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_a_short_or_insecure_secret_key():
    for key in ("too-short", "django-insecure-" + secrets.token_urlsafe(50)):
        result = run_manage("check", SECRET_KEY=key, ALLOWED_HOSTS="woonvinder.example.nl")
        assert result.returncode != 0, key
        assert "ImproperlyConfigured" in result.stderr


def test_production_settings_read_connections_and_names_from_the_environment():
    probe = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.DATABASES['default']['OPTIONS']['connect_timeout'], s.CACHES['default']['BACKEND'], "
        "s.SEARCH_BACKEND, s.ELASTICSEARCH_URL, s.ELASTICSEARCH_API_KEY, s.ALLOWED_HOSTS, "
        "s.CSRF_TRUSTED_ORIGINS, s.EMAIL_HOST, s.SITE_NAME, s.WAGTAIL_SITE_NAME, sep='|')"
    )
    result = run_manage(
        "shell",
        "-c",
        probe,
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://woonvinder:pw@db.internal:5432/woonvinder_prod",
        REDIS_URL="redis://cache.internal:6379/1",
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL="http://search.internal:9200",
        ELASTICSEARCH_API_KEY="key-from-the-environment",
        ALLOWED_HOSTS="a.example.nl,b.example.nl",
        CSRF_TRUSTED_ORIGINS="https://a.example.nl",
        EMAIL_HOST="smtp.example.nl",
        SITE_NAME="Woonvinder Rijnmond",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split("|") == [
        "django.db.backends.postgresql",
        "woonvinder_prod",
        "3",
        "django.core.cache.backends.redis.RedisCache",
        "elasticsearch",
        "http://search.internal:9200",
        "key-from-the-environment",
        "['a.example.nl', 'b.example.nl']",
        "['https://a.example.nl']",
        "smtp.example.nl",
        "Woonvinder Rijnmond",
        "Woonvinder Rijnmond",
    ]


SESSION_ENGINE_PROBE = "from django.conf import settings; print(settings.SESSION_ENGINE)"


def test_sessions_are_read_through_redis_only_when_redis_is_the_shared_cache():
    common = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "woonvinder.example.nl"}

    with_redis = run_manage(
        "shell", "-c", SESSION_ENGINE_PROBE, REDIS_URL="redis://cache:6379/0", **common
    )
    without = run_manage("shell", "-c", SESSION_ENGINE_PROBE, REDIS_URL="", **common)

    assert with_redis.returncode == 0, with_redis.stderr
    assert with_redis.stdout.split()[-1] == "django.contrib.sessions.backends.cached_db"
    assert without.returncode == 0, without.stderr
    assert without.stdout.split()[-1] == "django.contrib.sessions.backends.db"



def test_a_new_release_never_serves_template_fragments_of_the_previous_one(redis_server):
    def render(release: str, text: str) -> str:
        script = (
            "from django.template import engines;"
            "print(engines['django'].from_string("
            "'{% load cache %}{% cache 600 card %}{{ text }}{% endcache %}'"
            f").render({{'text': '{text}'}}))"
        )
        result = run_manage(
            "shell",
            "-c",
            script,
            RELEASE=release,
            REDIS_URL=redis_server,
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="woonvinder.example.nl",
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert render("r1", "old") == "old"
    assert render("r1", "changed") == "old"  # the same release: the stored fragment
    assert render("r2", "changed") == "changed"  # a new release renders afresh
