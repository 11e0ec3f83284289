# syntax=docker/dockerfile:1
# The web image: gunicorn serving Django, static files served by whitenoise, running as a
# non-root user. Built in two stages so compilers' leftovers and gettext stay out of the result.

ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
WORKDIR /app
COPY requirements.in requirements.lock ./
RUN /venv/bin/pip install -r requirements.in -c requirements.lock
COPY . .
# Translations and static files are built into the image; the key below only exists for the
# length of this one command (production settings refuse to load without a key).
RUN /venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 \
    && SECRET_KEY="$(/venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       DJANGO_SETTINGS_MODULE=config.settings.production \
       /venv/bin/python manage.py collectstatic --noinput -v 0

FROM ${PYTHON_IMAGE}
# A new value per deploy (e.g. the commit): cached template fragments of the previous release
# are not served (config/settings/base.py, CACHES["template_fragments"]).
ARG RELEASE=unreleased
ENV RELEASE=${RELEASE} \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/app/media \
    PYTEST_ADDOPTS="-p no:cacheprovider"
RUN groupadd --system --gid 10001 woonvinder \
    && useradd --system --uid 10001 --gid woonvinder --home-dir /app --shell /usr/sbin/nologin woonvinder
COPY --from=build /venv /venv
# The code stays owned by root: the running app cannot change itself. Only uploads, the
# generated local key and test scratch space are writable.
COPY --from=build /app /app
RUN mkdir -p /app/media /app/var /app/test-artifacts /app/.hypothesis \
    && chown woonvinder:woonvinder /app/media /app/var /app/test-artifacts /app/.hypothesis \
    && chmod 0755 /app/docker/entrypoint.sh
WORKDIR /app
USER woonvinder:woonvinder
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "/app/docker/healthcheck.py"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "config.wsgi", "--config", "docker/gunicorn.conf.py"]
