"""Full-text structures for SearchEntry, for the database in use.

SQLite: an FTS5 table (rowid = page id) kept in sync by triggers; ranked with bm25().
PostgreSQL: `search_vector` kept in sync by the built-in tsvector_update_trigger with the Dutch
configuration (stemming), and a GIN index.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_searchentry_fts USING fts5("
    "text, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(rowid, text) VALUES (new.page_id, new.text); END",
    "CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_searchentry_fts WHERE rowid = old.page_id; END",
    "CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE OF text ON search_searchentry "
    "BEGIN DELETE FROM search_searchentry_fts WHERE rowid = old.page_id; "
    "INSERT INTO search_searchentry_fts(rowid, text) VALUES (new.page_id, new.text); END",
    "INSERT INTO search_searchentry_fts(rowid, text) SELECT page_id, text FROM search_searchentry",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
POSTGRES_CREATE = [
    "CREATE TRIGGER search_searchentry_vector BEFORE INSERT OR UPDATE OF text "
    "ON search_searchentry FOR EACH ROW EXECUTE FUNCTION "
    "tsvector_update_trigger(search_vector, 'pg_catalog.dutch', text)",
    "UPDATE search_searchentry SET text = text",
    "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_searchentry_vector_gin",
    "DROP TRIGGER IF EXISTS search_searchentry_vector ON search_searchentry",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
