"""Django set up for the database benchmark (benchmarks/search.py):
a fresh database of its own, migrated."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def setup_django(database_url: str | None, prefix: str = "woonvinder-bench-") -> str:
    """Recreate the PostgreSQL database at `database_url` (or a new SQLite file when it is not a
    PostgreSQL address), migrate it, and return the database vendor."""
    if database_url and database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        admin = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
    else:
        path = Path(tempfile.mkdtemp(prefix=prefix)) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor
