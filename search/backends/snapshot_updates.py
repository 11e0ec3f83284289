"""The process's index snapshot, brought up to date from the index's change log.

Each process keeps one `database_bitsets.Snapshot`, labelled with the index generation and
change sequence it was read at. A search whose generation differs brings it up to date, under a
lock, before counting (`snapshot_for`). Every index write advances the sequence and logs the
page ids it wrote or deleted (`database_facets.bump_generation`), so a snapshot at sequence N
reads the log from N to the current sequence and the current rows of only those page ids, and a
new snapshot is made from the old one (`patched`; the old one stays intact for searches still
using it). Row identity is stable: a full load numbers the rows by page id, an entry new since
gets the next free row, and a deleted entry's row becomes a tombstone (no bit set anywhere, out
of `everything`) that its page id takes back if it returns. Bitsets get one AND and one OR each;
the latitude index is merged in C (numpy) rather than sorted again. Derived bitsets and ranking
distances are carried over as stale cache entries and repaired for the changed rows only when a
search first asks for them; whatever is cheap to derive again is dropped.

The snapshot loads in full instead when the log cannot bridge the gap (pruned, a write that did
not say which entries it changed: a cascading delete, a rebuild's sweep; or a snapshot whose own
write was rolled back and its number reused) or when rows new or emptied since the last full
load pass a quarter of the rows.

Consistency: the state row is read before the log and the rows. Writers advance the sequence
under that row's lock after writing their entries, so once sequence S is visible every write up
to S is committed and the log and rows read afterwards (in later statements, on PostgreSQL's
READ COMMITTED, or in the same read transaction on SQLite) hold them. Rows newer than S may be
read too; their writes are logged after S, so the next refresh reads them again.
"""

from __future__ import annotations

import copy
import logging
import math
import threading
import time
from array import array
from collections.abc import Iterable

import numpy as np
from django.db import transaction

from search.backends import database_bitsets
from search.backends.database_bitsets import (
    BIT_INDEX,
    LIST_NAMES,
    LOAD_CHUNK,
    SNAPSHOT_COLUMNS,
    Columns,
    Snapshot,
    bits_at,
)
from search.models import STATE_PK, SearchEntry, SearchIndexChange, SearchIndexState

logger = logging.getLogger(__name__)

_ONE = ord("1")  # a row's flag in `Columns.free`

# A snapshot is patched while rows new or emptied since its full load stay under a quarter of
# its rows, and always below this many.
PATCH_MINIMUM = 1000
# After a failed load, searches use SQL for this long before the load is tried again.
RETRY_AFTER_SECONDS = 30.0


# Reading the change log -----------------------------------------------------------------


def index_state() -> tuple[str, int] | None:
    """(generation, sequence) of the index, or None without a state row."""
    return (
        SearchIndexState.objects.filter(pk=STATE_PK).values_list("generation", "sequence").first()
    )


def changes_since(snapshot: Snapshot, sequence: int) -> list[int] | None:
    """Page ids written or deleted after `snapshot` up to `sequence`; None when the log cannot
    say: pruned past the snapshot, a write that did not log its page ids, or a snapshot whose
    own write is not the logged one (rolled back, or a state row created anew)."""
    log = list(
        SearchIndexChange.objects.filter(sequence__gte=snapshot.sequence, sequence__lte=sequence)
        .order_by("sequence")
        .values_list("sequence", "generation", "page_ids")
    )
    if [entry[0] for entry in log] != list(range(snapshot.sequence, sequence + 1)):
        return None
    if log[0][1] != snapshot.generation:
        return None
    changed: set[int] = set()
    for _, _, page_ids in log[1:]:
        if page_ids is None:
            return None
        changed.update(page_ids)
    return sorted(changed)


def entry_rows(page_ids: list[int]) -> list[tuple]:
    """SNAPSHOT_COLUMNS of those of `page_ids` still in the index."""
    rows = []
    for start in range(0, len(page_ids), LOAD_CHUNK):
        chunk = page_ids[start : start + LOAD_CHUNK]
        rows += SearchEntry.objects.filter(page_id__in=chunk).values_list(*SNAPSHOT_COLUMNS)
    return rows


def patch_limit(snapshot: Snapshot) -> int:
    """How many rows may be new or tombstones before a full load is cheaper and tidier."""
    return max(PATCH_MINIMUM, snapshot.ordered_size // 4)


def refreshed(previous: Snapshot | None) -> tuple[Snapshot | None, str]:
    """The snapshot of the index as it is now, from `previous` when the log allows; and how
    ("kept", "patched", "loaded"). None without a state row.

    The state is read first: every write up to its sequence is committed by then, so the log
    and rows read after hold it (and maybe newer rows, which the next write's log names again).
    """
    state = index_state()
    if state is None:
        return None, "kept"
    generation, sequence = state
    if previous is not None:
        if (previous.generation, previous.sequence) == state:
            return previous, "kept"
        changed = changes_since(previous, sequence) if previous.sequence < sequence else None
        if changed is not None and previous.drift + len(changed) <= patch_limit(previous):
            return patched(previous, generation, sequence, changed, entry_rows(changed)), "patched"
    return database_bitsets.load_snapshot(generation, sequence), "loaded"


# Patching ---------------------------------------------------------------------------------


def patched(
    old: Snapshot, generation: str, sequence: int, changed: Iterable[int], rows: list[tuple]
) -> Snapshot:
    """A new snapshot: `old` with the `changed` page ids as in `rows` (SNAPSHOT_COLUMNS of those
    still in the index; the others are gone). `old` stays as it was, for searches using it."""
    new = copy.copy(old)
    new.generation, new.sequence = generation, sequence
    current = {row[-1]: row for row in rows}
    slots, added = [], []
    for page_id in changed:
        slot = old.row_of(page_id)
        if slot is None:
            if page_id not in current:
                continue  # neither in the snapshot nor in the index: nothing to do
            slot = old.size + len(added)
            added.append(page_id)
        slots.append(slot)
    if not slots:
        return new  # same rows: share the derived caches and ranking columns too
    new.size = old.size + len(added)
    new.appended = dict(old.appended)
    new.appended.update(zip(added, range(old.size, new.size), strict=True))
    new.page_ids = old.page_ids + array("q", added)
    live = [(slot, new.page_ids[slot]) for slot in slots if new.page_ids[slot] in current]
    values = Columns()
    if live:
        values.add([current[page_id] for _, page_id in live])
    live_slots = [slot for slot, _ in live]
    _patch_columns(new, old, slots, live_slots, values, len(added))
    _patch_bitsets(new, old, slots, live_slots, values)
    _patch_coordinates(new, old, slots)
    new.tombstones = new.size - new.everything.bit_count()
    changed_rows = frozenset(slots)
    new.carry_derived(old, changed_rows)
    points = old.rank_columns.points if old.rank_columns is not None else old.carried_points
    new.rank_columns = None
    new.carried_points = points.carried_over(changed_rows) if points is not None else None
    return new


def _patch_columns(new: Snapshot, old: Snapshot, slots, live_slots, values: Columns, added: int):
    # Gone rows get the values of an empty row: unlocated, never confirmed, no waiting time.
    blank = {"latitudes": math.inf, "longitudes": math.nan, "confirmed": 1, "waiting_weeks": -1}
    per_row = {
        "latitudes": values.latitudes,
        "longitudes": values.longitudes,
        "confirmed": values.confirmed,
        "waiting_weeks": values.waiting_weeks,
    }
    for name, empty in blank.items():
        column = getattr(old, name)
        column = column + array(column.typecode, [empty]) * added
        for slot in slots:
            column[slot] = empty
        for slot, value in zip(live_slots, per_row[name], strict=True):
            column[slot] = value
        setattr(new, name, column)


def _patch_bitsets(new: Snapshot, old: Snapshot, slots, live_slots, values: Columns) -> None:
    size = new.size
    keep = ~bits_at(slots, size)
    new.everything = old.everything & keep | bits_at(live_slots, size)
    new.free = old.free & keep | bits_at(
        (slot for slot, flag in zip(live_slots, values.free, strict=True) if flag == _ONE),
        size,
    )
    new.code_bits = {}
    for name, masks in zip(LIST_NAMES, values.masks, strict=True):
        by_bit = {bit: [] for bit in range(len(BIT_INDEX[name]))}
        for slot, mask in zip(live_slots, masks, strict=True):
            while mask:
                lowest = mask & -mask
                by_bit[lowest.bit_length() - 1].append(slot)
                mask ^= lowest
        new.code_bits[name] = {
            code: bits & keep | bits_at(by_bit[BIT_INDEX[name][code]], size)
            for code, bits in old.code_bits[name].items()
        }
    for name, new_values in (("min_ages", values.min_ages), ("max_ages", values.max_ages)):
        by_value: dict = {}
        for slot, value in zip(live_slots, new_values, strict=True):
            by_value.setdefault(value, []).append(slot)
        by_age = {value: bits & keep for value, bits in getattr(old, name).items()}
        for value, value_slots in by_value.items():
            by_age[value] = by_age.get(value, 0) | bits_at(value_slots, size)
        setattr(new, name, {value: bits for value, bits in by_age.items() if bits})


def _patch_coordinates(new: Snapshot, old: Snapshot, slots) -> None:
    # The latitude index without the changed rows, then their new places merged in: copies
    # in C (numpy) instead of a new sort. Order among equal latitudes does not matter.
    keep = ~np.isin(np.frombuffer(old.by_latitude, np.int32), np.array(slots, np.int32))
    located = sorted(
        (new.latitudes[slot], slot) for slot in slots if new.latitudes[slot] != math.inf
    )
    kept_latitudes = np.frombuffer(old.sorted_latitudes, np.float64)[keep]
    at = np.searchsorted(kept_latitudes, [latitude for latitude, _ in located], side="right")
    radian_latitudes = [math.radians(latitude) for latitude, _ in located]
    longitudes = [new.longitudes[slot] for _, slot in located]
    for name, new_values in (
        ("by_latitude", [slot for _, slot in located]),
        ("sorted_latitudes", [latitude for latitude, _ in located]),
        ("sorted_longitudes", longitudes),
        ("radian_latitudes", radian_latitudes),
        ("cos_latitudes", list(map(math.cos, radian_latitudes))),
        ("radian_longitudes", list(map(math.radians, longitudes))),
    ):
        column = getattr(old, name)
        dtype = np.int32 if column.typecode == "i" else np.float64
        merged = np.insert(np.frombuffer(column, dtype)[keep], at, np.array(new_values, dtype))
        patched_column = array(column.typecode)
        patched_column.frombytes(merged.data.cast("B"))
        setattr(new, name, patched_column)


# The process's current snapshot ---------------------------------------------------------


class _State:
    snapshot: Snapshot | None = None
    failed_generation: str | None = None
    failed_at: float = 0.0
    lock = threading.Lock()


def snapshot_for(generation: str | None) -> Snapshot | None:
    """The snapshot at `generation` or newer, brought up to date if need be; None when it
    cannot be had.

    None (no generation, or a failed load) sends the caller to the SQL path. A load runs in a
    savepoint, so a database error in it cannot spoil a surrounding transaction.
    """
    if generation is None:
        return None
    snapshot = _State.snapshot
    if snapshot is not None and snapshot.generation == generation:
        return snapshot
    with _State.lock:
        snapshot = _State.snapshot
        if snapshot is not None and snapshot.generation == generation:
            return snapshot
        if (
            _State.failed_generation == generation
            and time.monotonic() - _State.failed_at < RETRY_AFTER_SECONDS
        ):
            return None
        started = time.perf_counter()
        try:
            with transaction.atomic():
                snapshot, how = refreshed(_State.snapshot)
        except Exception:  # counting falls back to SQL; a results page never fails for this
            logger.warning("Search snapshot could not be loaded; counting in SQL", exc_info=True)
            _State.failed_generation, _State.failed_at = generation, time.monotonic()
            return None
        if snapshot is None:
            return None
        if how != "kept":
            logger.info(
                "Search snapshot %s: %d entries at sequence %d in %.1f ms",
                how,
                snapshot.size - snapshot.tombstones,
                snapshot.sequence,
                (time.perf_counter() - started) * 1000,
            )
        _State.snapshot = snapshot
        _State.failed_generation = None
        return snapshot


def current_snapshot() -> Snapshot | None:
    """The snapshot this process holds now, whatever its generation (for tests and tools)."""
    return _State.snapshot


def forget_snapshot() -> None:
    """Drop the snapshot and any failure memory; the next search loads afresh."""
    with _State.lock:
        _State.snapshot = None
        _State.failed_generation = None
