"""The database search index: one SearchEntry row per live residence.

The row keeps the flat search document (what results render) and flattened columns that the
database backend filters and scores on: one bitmask per code list (bit i = the i-th code of the
list in taxonomy order), the coordinates, age range and availability. Free text lives in an
SQLite FTS5 table kept in sync by triggers, or in `search_vector` on PostgreSQL; both are created
by migration 0002 for the database in use.

`SearchIndexState` holds one row: the index generation, a random token every index write
replaces, so entries of Django's cache keyed by it (facet counts, the results sidebar) never
serve an older index.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from residences import taxonomy
from residences.models import ResidencePage


def mask_field_name(list_name: str) -> str:
    return f"{list_name}_mask"


def code_bit(list_name: str, code: str) -> int:
    """The bit of `code` in the mask of `list_name`."""
    return 1 << BIT_INDEX[list_name][code]


def codes_mask(list_name: str, codes) -> int:
    index = BIT_INDEX[list_name]
    mask = 0
    for code in codes or ():
        if code in index:
            mask |= 1 << index[code]
    return mask


BIT_INDEX: dict[str, dict[str, int]] = {
    list_name: {code: position for position, code in enumerate(code_list.values)}
    for list_name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items()
}
# Every column the database backend filters, scores or counts facets on.
SEARCH_COLUMNS = [
    "latitude",
    "longitude",
    *(mask_field_name(name) for name in taxonomy.RESIDENCE_CODE_LISTS),
    "min_age",
    "max_age",
    "free_places",
    "waiting_weeks",
    "availability_confirmed_on",
    # Last: PostgreSQL can rank and tie-break by page id without visiting the table.
    "page",
]

# The primary key of the one SearchIndexState row.
STATE_PK = 1

# A signed 64-bit column holds 63 usable bits; every list must fit.
assert all(len(index) <= 63 for index in BIT_INDEX.values()), "a code list outgrew its mask"


class SearchEntry(models.Model):
    # No database-level constraint: the benchmark inserts entries without pages. Django's delete
    # collector still cascades when a residence is deleted, and `search_index check` reports
    # orphans either way.
    page = models.OneToOneField(
        ResidencePage,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    document = models.JSONField()
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    last_published_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(db_index=True)

    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    min_age = models.SmallIntegerField(null=True)
    max_age = models.SmallIntegerField(null=True)
    free_places = models.IntegerField(null=True)
    waiting_weeks = models.IntegerField(null=True)
    availability_confirmed_on = models.DateField(null=True)

    target_groups_mask = models.BigIntegerField(default=0)
    care_profiles_mask = models.BigIntegerField(default=0)
    financing_mask = models.BigIntegerField(default=0)
    housing_types_mask = models.BigIntegerField(default=0)
    support_mask = models.BigIntegerField(default=0)
    facilities_mask = models.BigIntegerField(default=0)
    environment_mask = models.BigIntegerField(default=0)
    life_outlooks_mask = models.BigIntegerField(default=0)
    languages_mask = models.BigIntegerField(default=0)

    # Filled on PostgreSQL only (Dutch configuration, GIN index from migration 0002).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        # One index over every column searches filter, score and count facets on, as key
        # columns (SQLite has no INCLUDE): both databases answer from the index alone, and a
        # distance search ranges over its leading latitude. Narrower indexes on age or
        # availability made the planners fetch each wide row from the table instead.
        indexes = [models.Index(fields=SEARCH_COLUMNS, name="search_entry_covering")]

    def __str__(self) -> str:
        return self.title


class SearchIndexState(models.Model):
    """One row (pk 1): the generation of the database index, replaced by every index write.

    A random token rather than a counter: a write rolled back restores the old token with the
    old rows, and a later write can never reuse a token some cache entry was computed under.
    """

    generation = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search index state"

    def __str__(self) -> str:
        return self.generation


class IndexRebuildLock(models.Model):
    """A rebuild in progress (search/locks.py): the unique name is the lock."""

    name = models.CharField(max_length=100, primary_key=True)
    acquired_at = models.DateTimeField()

    class Meta:
        verbose_name = "index rebuild lock"

    def __str__(self) -> str:
        return self.name
