"""The compose stack and the Dockerfile, checked without a Docker engine (CI has none)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
COMPOSE_FILE = ROOT / "docker-compose.yml"
SECURE_OVERRIDE = ROOT / "docker" / "compose.secure.yml"
DOCKERFILE = ROOT / "Dockerfile"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_compose_has_web_database_search_and_a_one_shot_migrate_service(compose):
    assert set(compose["services"]) == {"proxy", "web", "db", "search", "cache", "migrate"}
    assert compose["services"]["db"]["image"] == "postgres:16"
    assert compose["services"]["search"]["image"].startswith(
        "docker.elastic.co/elasticsearch/elasticsearch:${ELASTIC_VERSION:-9."
    )
    assert compose["services"]["migrate"]["command"] == ["setup"]
    assert compose["services"]["migrate"]["restart"] == "no"


def test_every_long_running_service_has_a_healthcheck(compose):
    for name in ("proxy", "web", "db", "search", "cache"):
        healthcheck = compose["services"][name]["healthcheck"]
        assert healthcheck["test"], name
        assert not healthcheck.get("disable"), name
        assert healthcheck["retries"] >= 3, name


def test_services_start_in_order_of_health(compose):
    services = compose["services"]
    assert services["migrate"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "search": {"condition": "service_healthy"},
        "cache": {"condition": "service_healthy"},
    }
    assert services["web"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert services["web"]["depends_on"]["db"] == {"condition": "service_healthy"}


def test_data_lives_in_named_volumes(compose):
    assert {"pgdata", "esdata", "media"} <= set(compose["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    assert "esdata:/usr/share/elasticsearch/data" in compose["services"]["search"]["volumes"]
    assert "media:/app/media" in compose["services"]["web"]["volumes"]


def test_elasticsearch_is_single_node_with_bounded_memory(compose):
    search = compose["services"]["search"]
    environment = search["environment"]
    assert environment["discovery.type"] == "single-node"
    assert environment["ES_JAVA_OPTS"] == "-Xms512m -Xmx512m"
    assert search["mem_limit"] == "1g"
    # Security is off only in the local stack, and the override turns it on.
    secure = yaml.safe_load(SECURE_OVERRIDE.read_text())["services"]
    assert secure["search"]["environment"]["xpack.security.enabled"] == "true"
    assert "ELASTICSEARCH_PASSWORD" in secure["web"]["environment"]
    assert "ports" not in search, "Elasticsearch must not be published outside the network"


def test_the_secured_stack_signs_in_with_least_privilege_users_never_the_superuser():
    secure = yaml.safe_load(SECURE_OVERRIDE.read_text())["services"]
    setup = secure["search-setup"]
    script = (ROOT / "docker" / "search-users.sh").read_text()

    assert secure["web"]["environment"]["ELASTICSEARCH_USERNAME"] == "woonvinder_web"
    assert secure["migrate"]["environment"]["ELASTICSEARCH_USERNAME"] == "woonvinder_operator"
    assert setup["restart"] == "no" and setup["mem_limit"]
    assert setup["depends_on"] == {"search": {"condition": "service_healthy"}}
    for name in ("web", "migrate"):
        assert secure[name]["depends_on"]["search-setup"] == {
            "condition": "service_completed_successfully"
        }
    web_role = script.split("role/woonvinder_web")[1].split("role/woonvinder_operator")[0]
    assert '\\"privileges\\": [\\"read\\", \\"write\\"]' in web_role
    assert "cluster" not in web_role
    assert "elastic:" not in str(secure["web"]) and "elastic:" not in str(secure["migrate"])


def test_production_refuses_the_elastic_superuser_for_the_web_tier(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ELASTICSEARCH_USERNAME", "elastic")
    with pytest.raises(ImproperlyConfigured, match="least-privilege"):
        importlib.reload(importlib.import_module("config.settings.production"))


def test_every_service_has_a_memory_limit(compose):
    for name in ("proxy", "web", "db", "search", "cache"):
        assert compose["services"][name]["mem_limit"], name


def test_web_environment_names_are_settings_the_project_reads(compose):
    """A typo in the compose file would silently leave a setting at its default."""
    read_by_settings = _environment_names_read_by_project()
    web_environment = compose["services"]["web"]["environment"]
    unknown = sorted(set(web_environment) - read_by_settings)
    assert unknown == []


def test_production_settings_read_what_the_issue_requires():
    read_by_settings = _environment_names_read_by_project()
    required = {
        "DATABASE_URL",
        "SEARCH_BACKEND",
        "ELASTICSEARCH_URL",
        "ELASTICSEARCH_USERNAME",
        "ELASTICSEARCH_PASSWORD",
        "ELASTICSEARCH_API_KEY",
        "ELASTICSEARCH_OPERATOR_API_KEY",
        "ELASTICSEARCH_VERSION",
        "ELASTICSEARCH_CA_CERTS",
        "ELASTICSEARCH_SSL_ASSERT_FINGERPRINT",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "REDIS_URL",
        "EMAIL_HOST",
        "SITE_NAME",
    }
    assert required <= read_by_settings


def _environment_names_read_by_project() -> set[str]:
    """Names read through env()/os.environ in settings, the entrypoint and gunicorn's config."""
    sources = list((ROOT / "config" / "settings").glob("*.py"))
    sources += [ROOT / "docker" / "entrypoint.sh", ROOT / "docker" / "gunicorn.conf.py"]
    names = set()
    pattern = re.compile(
        r"""(?:env(?:_bool|_list)?\(|os\.environ\.get\(|os\.environ\[)\s*["']([A-Z_][A-Z0-9_]*)"""
        r"""|\$\{([A-Z_][A-Z0-9_]*)"""
    )
    for source in sources:
        for match in pattern.finditer(source.read_text()):
            names.add(match.group(1) or match.group(2))
    # Read by Django itself or by the image.
    names |= {"DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}
    return names


def _compose_client() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, text=True, timeout=20
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_config_accepts_the_files():
    client = _compose_client()
    if client is None:
        pytest.skip("no docker compose client on this machine (the structural checks above ran)")
    base = subprocess.run(
        [*client, "-f", str(COMPOSE_FILE), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert base.returncode == 0, base.stderr
    secure = subprocess.run(
        [*client, "-f", str(COMPOSE_FILE), "-f", str(SECURE_OVERRIDE), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={
            **os.environ,
            "ELASTIC_PASSWORD": "only-for-this-check",
            "ELASTICSEARCH_WEB_PASSWORD": "only-for-this-check-web",
            "ELASTICSEARCH_OPERATOR_PASSWORD": "only-for-this-check-operator",
        },
    )
    assert secure.returncode == 0, secure.stderr


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def test_dockerfile_builds_on_slim_python_and_runs_as_a_non_root_user():
    instructions = _dockerfile_instructions()
    arguments = dict(rest.split("=", 1) for keyword, rest in instructions if keyword == "ARG")
    assert arguments["PYTHON_IMAGE"] == "python:3.11-slim"
    assert all(rest.startswith("${PYTHON_IMAGE}") for key, rest in instructions if key == "FROM")
    final_stage = instructions[
        max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM") :
    ]
    users = [rest for keyword, rest in final_stage if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert ("CMD", '["gunicorn", "config.wsgi", "--config", "docker/gunicorn.conf.py"]') in (
        final_stage
    )
    assert any(keyword == "HEALTHCHECK" for keyword, _ in final_stage)


def test_dockerfile_and_build_context_carry_no_secrets():
    for keyword, rest in _dockerfile_instructions():
        if keyword in {"ENV", "ARG"}:
            assert not re.search(r"(SECRET|PASSWORD|TOKEN|API_KEY)\w*\s*=", rest), rest
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".git", ".venv", "db.sqlite3", "media"} <= set(ignored)


def test_entrypoint_runs_migrations_then_rebuilds_the_search_index():
    script = (ROOT / "docker" / "entrypoint.sh").read_text()
    migrate = script.index("manage.py migrate --noinput")
    rebuild = script.index("manage.py search_index rebuild")
    assert migrate < rebuild
    assert script.startswith("#!/bin/sh\n") and "set -eu" in script


def run_entrypoint(*command: str, path: str) -> str:
    result = subprocess.run(
        ["sh", str(ROOT / "docker" / "entrypoint.sh"), *command],
        env={"PATH": path, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pytest_in_the_container_runs_on_the_test_settings(tmp_path):
    """`docker compose run --rm web pytest ...` must not test under production settings."""
    # A `pytest` first on PATH that reports the settings module it was started with.
    reporter = tmp_path / "pytest"
    reporter.write_text('#!/bin/sh\necho "$DJANGO_SETTINGS_MODULE $*"\n')
    reporter.chmod(0o755)
    path = f"{tmp_path}:{os.environ['PATH']}"
    assert run_entrypoint("pytest", "-m", "elasticsearch", path=path) == (
        "config.settings.test -m elasticsearch"
    )
    assert run_entrypoint("sh", "-c", "echo $DJANGO_SETTINGS_MODULE", path=path) == (
        "config.settings.production"
    )


def test_every_worker_shares_one_cache_so_limits_hold_across_them(compose):
    assert compose["services"]["web"]["environment"]["REDIS_URL"] == (
        "${REDIS_URL:-redis://cache:6379/0}"
    )
    assert compose["services"]["web"]["depends_on"]["cache"] == {"condition": "service_healthy"}


NGINX_CONF = ROOT / "docker" / "nginx.conf"


def test_only_the_proxy_is_published_and_it_serves_media_read_only(compose):
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert "media:/app/media:ro" in services["proxy"]["volumes"]
    assert services["proxy"]["depends_on"]["web"] == {"condition": "service_healthy"}
    assert services["web"]["environment"]["TRUSTED_PROXY_IP_HEADER"] == "HTTP_X_FORWARDED_FOR"


def test_the_proxy_hides_stored_documents_and_logs_no_query_strings():
    config = NGINX_CONF.read_text()
    assert re.search(r"location /media/documents/ \{\s*return 404;", config)
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config
    log_format = config[config.index("log_format") : config.index(";", config.index("log_format"))]
    for leaky in ("$request ", "$request_uri", "$args", "$remote_addr", "$http_referer"):
        assert leaky not in log_format
    limit = re.search(r"client_max_body_size (\d+)m;", config)
    assert int(limit.group(1)) * 1024 * 1024 > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def test_nginx_accepts_the_proxy_configuration(tmp_path):
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed here (the structural checks above ran)")
    # `web` only resolves inside the compose network; the syntax check needs a resolvable name.
    site = NGINX_CONF.read_text().replace("http://web:8000", "http://127.0.0.1:8000")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
