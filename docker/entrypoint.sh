#!/bin/sh
# Entry point of the web image.
#   setup      migrate, load the demo catalogue into an empty database (SEED_DEMO=1), rebuild
#              the search index; the compose file runs this once as the `migrate` service.
#   pytest     the test suite, under config.settings.test.
#   anything   run as given (gunicorn by default).
set -eu

# A local stack may let the container make its own key and keep it in the `var` volume, so that
# `docker compose up` works without an .env file. Production sets SECRET_KEY itself, and without
# either the production settings refuse to start.
if [ -z "${SECRET_KEY:-}" ] && [ "${WOONVINDER_GENERATE_SECRET_KEY:-0}" = "1" ]; then
    key_file=/app/var/secret_key
    if [ ! -s "$key_file" ]; then
        umask 077
        python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$key_file"
        echo "entrypoint: generated a SECRET_KEY in $key_file (set SECRET_KEY in production)" >&2
    fi
    SECRET_KEY="$(cat "$key_file")"
    export SECRET_KEY
fi

if [ "${1:-}" = "setup" ]; then
    python manage.py migrate --noinput
    if [ "${SEED_DEMO:-0}" = "1" ]; then
        python manage.py seed_demo --if-empty
    fi
    python manage.py search_index rebuild
    exit 0
fi

# The test suite runs on its own settings (fast hasher, no rate limits), against the stack's
# PostgreSQL and Elasticsearch: `docker compose run --rm web pytest -m elasticsearch`.
if [ "${1:-}" = "pytest" ]; then
    export DJANGO_SETTINGS_MODULE=config.settings.test
fi

exec "$@"
