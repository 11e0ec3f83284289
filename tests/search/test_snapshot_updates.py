"""A snapshot brought up to date from the change log counts and ranks as a fresh load and as SQL.

After index writes (entries updated in every column, new ones between and after the others,
deleted ones, deleted ones published again) a process's snapshot loads only the changed
entries and patches its bitsets, columns, latitude index and the derived caches it had (distance
and "free now" bitsets, ranking columns and distances). For many random searches the patched
snapshot must give the same total, facet counts, matching page ids, page of results and scores
as a snapshot loaded in full at the same moment and as the SQL reference; and where the log
cannot bridge the gap (pruned, a rebuild, a write that did not say what it changed, a write
rolled back) or too many rows were added or emptied, it must load in full.
"""

import logging
import random
import threading
import time
from datetime import timedelta

import pytest
from django.db import OperationalError, connections, transaction

from residences import taxonomy
from search import synthetic
from search.backends import database_bitsets, database_facets, snapshot_ranking, snapshot_updates
from search.backends.database_facets import facet_counts, index_generation
from search.backends.database_query import CompiledQuery
from search.criteria import Criteria
from search.models import SearchIndexChange
from tests.factories import ResidencePageFactory
from tests.search import test_facet_bitsets as counting
from tests.search import test_snapshot_ranking as ranking_tests
from tests.search.conftest import TODAY, make_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_snapshot")]

DAYS = [TODAY, TODAY - timedelta(days=30), TODAY + timedelta(days=45)]


@pytest.fixture
def catalogue(index_documents):
    return index_documents(
        [
            *synthetic.documents(300, seed=41, today=TODAY),
            *counting.edge_documents(),
            *ranking_tests.edge_documents(),
        ]
    )


def up_to_date(caplog) -> tuple[database_bitsets.Snapshot, str]:
    """The process's snapshot brought up to date, and whether it was patched or loaded."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=snapshot_updates.__name__):
        snapshot = snapshot_updates.snapshot_for(index_generation())
    assert snapshot is not None
    assert (snapshot.generation, snapshot.sequence) == snapshot_updates.index_state()
    how = "patched" if "Search snapshot patched" in caplog.text else "loaded"
    if "Search snapshot loaded" not in caplog.text and how == "loaded":
        how = "kept"
    return snapshot, how


def fresh_load() -> database_bitsets.Snapshot:
    return database_bitsets.load_snapshot(*snapshot_updates.index_state())


def ranked(snapshot, criteria, today, offset, count):
    columns = snapshot_ranking.columns_for(snapshot)
    matching = snapshot.matching(criteria, today)
    return snapshot_ranking.ranked_page(columns, criteria, today, matching, offset, count)


def sql_ranked(criteria, today, offset, count):
    rows = CompiledQuery(criteria, today).ranked().values_list("pk", "score")
    return list(rows[offset : offset + count])


def searches(seed: int, count: int):
    """Random filters (as the counting tests draw them) with random wishes, urgency and sort."""
    rng = random.Random(seed)
    drawn = []
    for _ in range(count):
        filters = counting.random_criteria(rng)
        extras = ranking_tests.random_criteria(rng)
        criteria = filters.with_changes(
            wishes=extras.wishes, urgency=extras.urgency, sort=extras.sort
        )
        drawn.append((criteria, rng.choice(DAYS), rng.choice([0, 0, 20, 200]), rng.choice([20, 5])))
    return drawn


def assert_same_as_fresh_and_sql(snapshot, drawn) -> int:
    fresh = fresh_load()
    assert snapshot.size - snapshot.tombstones == fresh.size
    nonempty = 0
    for criteria, today, offset, count in drawn:
        counted = snapshot.total_and_counts(criteria, today)
        assert counted == fresh.total_and_counts(criteria, today), criteria
        assert counted == facet_counts(CompiledQuery(criteria, today)), criteria
        matching = snapshot.page_ids_of(snapshot.matching(criteria, today))
        assert matching == counting.sql_ids(criteria, today), criteria
        page = ranked(snapshot, criteria, today, offset, count)
        assert page == ranked(fresh, criteria, today, offset, count), criteria
        assert page == sql_ranked(criteria, today, offset, count), criteria
        nonempty += bool(page)
    return nonempty


def moved(document: dict, rng: random.Random) -> dict:
    """The same residence with other values in every column the snapshot holds."""
    other = synthetic.documents(1, seed=rng.randint(0, 10**6), today=TODAY)[0]
    changed = {**other, "id": document["id"]}
    if rng.random() < 0.2:
        changed.update(latitude=None, longitude=None)
    return changed


def test_a_patched_snapshot_counts_and_ranks_as_a_fresh_load_and_as_sql(
    database_backend, catalogue, caplog
):
    drawn = searches(seed=7, count=60)
    snapshot, how = up_to_date(caplog)
    assert how == "loaded"
    # The derived caches (distance, "free now", ranking columns) exist before the writes.
    assert assert_same_as_fresh_and_sql(snapshot, drawn) > 20
    assert len(snapshot_ranking.columns_for(snapshot).points) > 5

    rng = random.Random(3)
    ids = [document["id"] for document in catalogue]
    deleted: list[int] = []
    for round_number in range(6):
        updated = [moved(document, rng) for document in rng.sample(catalogue, 8)]
        # New ids before, between and after the others; a deleted one published again.
        new = [
            moved({"id": page_id}, rng)
            for page_id in (rng.randint(301, 4999), 6000 + round_number, 100000 + round_number)
        ]
        if deleted:
            new.append(moved({"id": deleted.pop()}, rng))
        database_backend.upsert(updated)
        database_backend.upsert(new)
        gone = rng.sample(ids, 4)
        database_backend.delete(gone)
        deleted += gone
        ids = [page_id for page_id in ids if page_id not in gone]
        previous = snapshot
        snapshot, how = up_to_date(caplog)
        assert how == "patched"
        assert snapshot is not previous
        assert snapshot.appended and snapshot.tombstones
        assert assert_same_as_fresh_and_sql(snapshot, drawn) > 20
        # The older snapshot still answers as it did: searches in flight keep their rows.
        assert previous.size < snapshot.size


def test_a_write_that_changes_nothing_the_snapshot_holds_only_relabels_it(
    database_backend, catalogue, caplog
):
    snapshot, _ = up_to_date(caplog)
    columns = snapshot_ranking.columns_for(snapshot)
    database_backend.delete([999999])  # never indexed
    relabelled, how = up_to_date(caplog)
    assert how == "patched"
    assert relabelled.sequence == snapshot.sequence + 1
    assert relabelled.rank_columns is columns
    assert relabelled.everything == snapshot.everything


def test_a_deleted_entry_published_again_takes_its_old_row_back(
    database_backend, catalogue, caplog
):
    snapshot, _ = up_to_date(caplog)
    row = snapshot.row_of(150)
    document = next(d for d in catalogue if d["id"] == 150)
    database_backend.delete([150])
    without, _ = up_to_date(caplog)
    assert without.tombstones == 1 and not without.everything >> row & 1
    database_backend.upsert([{**document, "facilities": ["tuin"]}])
    back, how = up_to_date(caplog)
    assert how == "patched"
    assert back.row_of(150) == row and back.size == snapshot.size and back.tombstones == 0
    assert 150 in back.page_ids_of(back.code_bits["facilities"]["tuin"])


def test_a_log_pruned_past_the_snapshot_makes_it_load_in_full(
    database_backend, catalogue, caplog, monkeypatch
):
    snapshot, _ = up_to_date(caplog)
    monkeypatch.setattr(database_facets, "KEEP_CHANGES", 2)
    monkeypatch.setattr(database_facets, "PRUNE_EVERY", 1)
    for page_id in (1, 2, 3, 4):
        database_backend.upsert([moved({"id": page_id}, random.Random(page_id))])
    assert not SearchIndexChange.objects.filter(sequence=snapshot.sequence).exists()
    reloaded, how = up_to_date(caplog)
    assert how == "loaded"
    assert assert_same_as_fresh_and_sql(reloaded, searches(seed=8, count=15)) > 5
    database_backend.upsert([moved({"id": 5}, random.Random(5))])
    assert up_to_date(caplog)[1] == "patched"


def test_writes_that_do_not_say_what_they_changed_make_it_load_in_full(
    database_backend, catalogue, caplog
):
    up_to_date(caplog)
    database_backend.rebuild([d for d in catalogue if d["id"] % 3])  # a third no longer live
    rebuilt, how = up_to_date(caplog)
    assert how == "loaded"
    assert not rebuilt.appended and not rebuilt.tombstones
    assert assert_same_as_fresh_and_sql(rebuilt, searches(seed=9, count=15)) > 5

    with transaction.atomic():  # as the delete signal does when a page's entry cascades
        database_facets.bump_generation()
    assert up_to_date(caplog)[1] == "loaded"


def test_deleting_a_residence_page_reloads_in_full_and_unpublishing_one_patches(
    django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        kept, unpublished, deleted = (
            ResidencePageFactory(facilities=["tuin"]) for _ in range(3)
        )
    criteria = Criteria.build(musts={"facilities": ["tuin"]})
    snapshot, _ = up_to_date(caplog)
    assert snapshot.total(criteria, TODAY) == 3
    with django_capture_on_commit_callbacks(execute=True):
        unpublished.unpublish()
    snapshot, how = up_to_date(caplog)
    assert how == "patched"
    assert snapshot.page_ids_of(snapshot.matching(criteria, TODAY)) == sorted(
        [kept.pk, deleted.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()
    snapshot, how = up_to_date(caplog)
    assert how == "loaded"
    assert snapshot.page_ids_of(snapshot.matching(criteria, TODAY)) == [kept.pk]


def test_too_many_new_and_deleted_rows_make_it_load_in_full(
    database_backend, catalogue, caplog, monkeypatch
):
    monkeypatch.setattr(snapshot_updates, "PATCH_MINIMUM", 0)  # a quarter of ~320 rows: 80
    snapshot, _ = up_to_date(caplog)
    database_backend.delete(list(range(1, 51)))
    patched, how = up_to_date(caplog)
    assert (how, patched.tombstones) == ("patched", 50)
    database_backend.upsert(synthetic.documents(40, seed=5, today=TODAY, first_id=20000))
    reloaded, how = up_to_date(caplog)
    assert how == "loaded"
    assert (reloaded.tombstones, reloaded.appended) == (0, {})
    assert reloaded.size == snapshot.size - 50 + 40


def test_a_snapshot_of_a_write_rolled_back_is_not_patched_from(
    database_backend, catalogue, caplog
):
    up_to_date(caplog)
    with pytest.raises(RuntimeError), transaction.atomic():
        database_backend.upsert([make_document(77777, facilities=["tuin"])])
        seen, _ = up_to_date(caplog)
        assert 77777 in seen.page_ids_of(seen.everything)
        raise RuntimeError("the editor's save failed")
    # The next write gets the same sequence number, with another token and other rows: the log
    # from that number on does not start at the snapshot's write.
    database_backend.upsert([make_document(88888)])
    database_backend.upsert([make_document(88889)])
    snapshot, how = up_to_date(caplog)
    assert snapshot.sequence == seen.sequence + 1
    assert how == "loaded"
    ids = snapshot.page_ids_of(snapshot.everything)
    assert 88888 in ids and 77777 not in ids


def canonical(snapshot: database_bitsets.Snapshot) -> dict:
    """Everything a snapshot says about each live page id, whatever its row order."""
    live = [row for row in range(snapshot.size) if snapshot.everything >> row & 1]
    located = dict(
        zip(
            snapshot.by_latitude,
            zip(
                snapshot.sorted_latitudes,
                snapshot.sorted_longitudes,
                snapshot.radian_latitudes,
                snapshot.cos_latitudes,
                snapshot.radian_longitudes,
                strict=True,
            ),
            strict=True,
        )
    )
    assert list(snapshot.sorted_latitudes) == sorted(snapshot.sorted_latitudes)
    assert set(located) <= set(live)

    def held(bitsets: dict, row: int) -> tuple:
        return tuple(sorted(str(key) for key, bits in bitsets.items() if bits >> row & 1))

    return {
        snapshot.page_ids[row]: (
            tuple(held(snapshot.code_bits[name], row) for name in taxonomy.RESIDENCE_CODE_LISTS),
            held(snapshot.min_ages, row),
            held(snapshot.max_ages, row),
            bool(snapshot.free >> row & 1),
            snapshot.confirmed[row],
            snapshot.waiting_weeks[row],
            located.get(row),
        )
        for row in live
    }


@pytest.mark.django_db(transaction=True)
def test_writes_committed_while_it_loads_are_never_missed(database_backend):
    """Writers commit in other threads while this one brings its snapshot up to date again
    and again; once they stop, one more refresh must hold exactly what a full load holds."""
    database_backend.upsert(synthetic.documents(400, seed=13, today=TODAY))
    stop = threading.Event()
    failures = []

    def write(seed: int):
        rng = random.Random(seed)
        try:
            while not stop.is_set():
                page_id = rng.randint(1, 600)
                try:
                    if rng.random() < 0.3:
                        database_backend.delete([page_id])
                    else:
                        database_backend.upsert([moved({"id": page_id}, rng)])
                except OperationalError:  # SQLite's one writer: "database is locked"; try again
                    continue
        except Exception as error:  # reported below
            failures.append(error)
        finally:
            connections.close_all()

    writers = [threading.Thread(target=write, args=(seed,)) for seed in (1, 2)]
    for writer in writers:
        writer.start()
    snapshot, hows = None, []
    try:
        while hows.count("patched") < 8 and len(hows) < 500:
            time.sleep(0.005)  # let the writers commit something
            try:
                with transaction.atomic():
                    snapshot, how = snapshot_updates.refreshed(snapshot)
            except OperationalError:  # SQLite's shared in-memory test database locks tables
                continue
            hows.append(how)
    finally:
        stop.set()
        for writer in writers:
            writer.join()
    assert not failures
    assert hows.count("patched") == 8
    with transaction.atomic():
        snapshot, _ = snapshot_updates.refreshed(snapshot)
    assert canonical(snapshot) == canonical(fresh_load())
    assert snapshot.sequence > 2
