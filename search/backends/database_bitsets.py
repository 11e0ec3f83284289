"""Totals and facet counts of the database backend from an in-process bitset snapshot.

The SQL facet pass (`database_facets.facet_counts`) sums ~100 bits over every row that passes
the non-must filters, for every filter not seen before. Here each process keeps a snapshot of
the few SearchEntry columns that filter and count, loaded with one narrow query and keyed by
the index generation: every index write replaces the generation, and the next search brings
the snapshot up to date (`snapshot_updates.py`). For each code of each list the snapshot holds
a Python int used as a bitset (bit i set = row i has the code), so a must condition is an OR
(or, for `MUST_ALL_LISTS`, an AND) of a few ints, a facet count is `(rows & code).bit_count()`,
and ~100 counts over 10,000 rows cost a fraction of a millisecond.

The non-must filters become bitsets too, with the same semantics as the SQL of
`database_query.CompiledQuery.conditions` (NULL never matches a comparison): age, "free now"
against today's stale cutoff, and distance as the same bounding box then the same haversine
expression with the same constants, evaluated with the same C math functions. Bitsets derived
from parameters that repeat (a place and distance, an age, a cutoff date) are kept in small
bounded caches that belong to the snapshot, so they go when it goes.

After an index write the process's snapshot is brought up to date from the index's change log
(`snapshot_updates.py`): only the changed entries are read, and a new snapshot is made from the
old one. So a row is the i-th entry by page id only up to `ordered_size`; entries new since the
last full load get the following rows, and a deleted entry's row stays as a tombstone (in no
bitset, not in `everything`). Derived bitsets carried over from an older snapshot are repaired
for the changed rows only (`BoundedCache` with `Stale` entries, `within_rows`,
`confirmed_rows`).

Free text is not here: it needs the database's full-text index (`facet_counts` serves it).
"""

from __future__ import annotations

import math
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from itertools import islice, repeat

from residences import geo, taxonomy
from search import ranking
from search.backends.database_query import bounding_box, fts5_query
from search.criteria import MUST_ALL_LISTS, Criteria
from search.models import (
    BIT_INDEX,
    SearchEntry,
    mask_field_name,
)

LIST_NAMES = tuple(taxonomy.RESIDENCE_CODE_LISTS)
MASK_COLUMNS = tuple(mask_field_name(name) for name in LIST_NAMES)
OTHER_COLUMNS = (
    "latitude",
    "longitude",
    "min_age",
    "max_age",
    "free_places",
    "availability_confirmed_on",
    "waiting_weeks",
    "page_id",
)
SNAPSHOT_COLUMNS = (*MASK_COLUMNS, *OTHER_COLUMNS)
# Rows are read in chunks so a load never holds every row as Python tuples at once.
LOAD_CHUNK = 5000
# Derived bitsets kept per snapshot (per kind); at 100,000 rows each is 12.5 kB.
DERIVED_CACHE_SIZE = 128

_ZERO, _ONE = ord("0"), ord("1")
# _BIT_TABLES[b] maps a byte to "1" when its bit b is set, else "0" (for bytes.translate).
_BIT_TABLES = [
    bytes(_ONE if value >> bit & 1 else _ZERO for value in range(256)) for bit in range(8)
]
_DIAMETER_KM = 2.0 * geo.EARTH_RADIUS_KM


def answers(criteria: Criteria) -> bool:
    """Whether bitsets can count for `criteria`: anything but words to search for."""
    return not fts5_query(criteria.text)


# Building bitsets -----------------------------------------------------------------------


def bits_from_flags(flags: bytes | bytearray) -> int:
    """A bitset from one ASCII "0"/"1" per row, row 0 first (linear: int() reads base 2 so)."""
    return int(flags[::-1], 2) if flags else 0


def bits_per_mask_bit(masks: array, width: int) -> list[int]:
    """For each bit position below `width`, the bitset of rows whose mask has that bit.

    The masks are laid out as 8 little-endian bytes per row; every 8th byte is one byte of
    every row's mask, and a translate table turns each into "0"/"1": all of it runs in C.
    """
    if not masks:
        return [0] * width
    laid_out = array("q", masks)
    if sys.byteorder != "little":
        laid_out.byteswap()
    raw = laid_out.tobytes()
    return [
        bits_from_flags(raw[position // 8 :: 8].translate(_BIT_TABLES[position % 8]))
        for position in range(width)
    ]


def bits_per_value(values: list) -> dict:
    """Value -> bitset of the rows holding it; fast for columns with few distinct values (ages).

    Each row gets the byte number of its value, and a translate table per value picks its
    rows; more than 255 distinct values take one pass over the rows per 255.
    """
    distinct = list(dict.fromkeys(values))
    result = {}
    for start in range(0, len(distinct), 255):
        number = {value: index for index, value in enumerate(distinct[start : start + 255], 1)}
        numbered = bytes(map(number.get, values, repeat(0)))
        for value, index in number.items():
            table = bytes(_ONE if byte == index else _ZERO for byte in range(256))
            result[value] = bits_from_flags(numbered.translate(table))
    return result


def union(bitsets: Iterable[int]) -> int:
    result = 0
    for bits in bitsets:
        result |= bits
    return result


def bits_at(rows: Iterable[int], size: int) -> int:
    """A bitset of the given rows (below `size`)."""
    rows = list(rows)
    if len(rows) < 16:  # each OR copies the int; a byte buffer costs one conversion of `size`
        bits = 0
        for row in rows:
            bits |= 1 << row
        return bits
    buffer = bytearray((size + 7) // 8)
    for row in rows:
        buffer[row >> 3] |= 1 << (row & 7)
    return int.from_bytes(buffer, "little")


class Stale:
    """A cached value computed before the rows in `rows` changed; valid for every other row."""

    __slots__ = ("value", "rows")

    def __init__(self, value, rows: frozenset[int]):
        self.value = value
        self.rows = rows


class BoundedCache:
    """A small least-recently-used dict, safe to share between threads.

    An entry carried over from an older snapshot is `Stale`: the first `get` repairs it for
    the changed rows (when given a `repair`) instead of computing it from scratch.
    """

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object], repair: Callable | None = None):
        with self._lock:
            entry = self._entries.get(key, _MISSING)
            if entry is not _MISSING and not isinstance(entry, Stale):
                self._entries.move_to_end(key)
                return entry
        # Computed outside the lock: two threads may both compute a missing entry, harmlessly.
        if isinstance(entry, Stale) and repair is not None:
            value = repair(entry.value, entry.rows)
        else:
            value = compute()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def carried_over(self, rows: Iterable[int]) -> BoundedCache:
        """A copy for a newer snapshot in which `rows` changed: every entry stale for them."""
        rows = frozenset(rows)
        carried = BoundedCache(self.size)
        with self._lock:
            for key, entry in self._entries.items():
                if isinstance(entry, Stale):
                    carried._entries[key] = Stale(entry.value, entry.rows | rows)
                else:
                    carried._entries[key] = Stale(entry, rows)
        return carried

    def __len__(self) -> int:
        return len(self._entries)


_MISSING = object()


# The snapshot ---------------------------------------------------------------------------


class Snapshot:
    """The filtering and counting columns of every SearchEntry at one index generation.

    Rows 0 to `ordered_size` - 1 are the entries of the last full load by page id; rows after
    them are entries added since (`appended`: page id -> row). A row whose entry is gone is a
    tombstone: in no bitset, not in `everything`, unlocated.
    """

    def __init__(self, generation: str, rows: Iterable[tuple], sequence: int = 0):
        self.generation = generation
        self.sequence = sequence
        columns = Columns()
        for chunk in _chunks(rows, LOAD_CHUNK):
            columns.add(chunk)
        self.size = self.ordered_size = len(columns.page_ids)
        self.page_ids = columns.page_ids
        self.appended: dict[int, int] = {}
        self.tombstones = 0
        self.everything = bits_from_flags(b"1" * self.size)
        self.code_bits: dict[str, dict[str, int]] = {}
        for name, masks in zip(LIST_NAMES, columns.masks, strict=True):
            positions = BIT_INDEX[name]
            per_bit = bits_per_mask_bit(masks, len(positions))
            self.code_bits[name] = {code: per_bit[bit] for code, bit in positions.items()}
        self.min_ages = bits_per_value(columns.min_ages)
        self.max_ages = bits_per_value(columns.max_ages)
        self.free = bits_from_flags(columns.free)
        self.confirmed = columns.confirmed
        # Only ranking reads waiting times (snapshot_ranking.py, which keeps its own columns
        # here once the first search ranks from this snapshot; `carried_points` are the
        # distance columns of an older snapshot, to repair rather than compute).
        self.waiting_weeks = columns.waiting_weeks
        self.rank_columns = None
        self.carried_points: BoundedCache | None = None
        # Per row; an infinite latitude for a row without both coordinates.
        self.latitudes = columns.latitudes
        self.longitudes = columns.longitudes
        self._index_coordinates()
        self._derived = {
            kind: BoundedCache(DERIVED_CACHE_SIZE) for kind in ("age", "fresh", "near")
        }

    def _index_coordinates(self) -> None:
        # Located rows by latitude (rows without coordinates have an infinite latitude and sort
        # last): a distance filter bisects its box's latitude range and looks only at the rows
        # inside it. The per-row terms of the haversine are computed once, in the same order.
        latitudes = self.latitudes
        located = self.size - latitudes.count(math.inf)
        order = sorted(range(self.size), key=latitudes.__getitem__)[:located]
        self.by_latitude = array("i", order)
        self.sorted_latitudes = array("d", map(latitudes.__getitem__, order))
        self.sorted_longitudes = array("d", map(self.longitudes.__getitem__, order))
        self.radian_latitudes = array("d", map(math.radians, self.sorted_latitudes))
        self.cos_latitudes = array("d", map(math.cos, self.radian_latitudes))
        self.radian_longitudes = array("d", map(math.radians, self.sorted_longitudes))

    def row_of(self, page_id: int) -> int | None:
        """The row of a page id, whether its entry is there or a tombstone; None if never seen."""
        row = bisect_left(self.page_ids, page_id, 0, self.ordered_size)
        if row < self.ordered_size and self.page_ids[row] == page_id:
            return row
        return self.appended.get(page_id)

    def carry_derived(self, older: Snapshot, changed_rows: frozenset[int]) -> None:
        """Take over the derived bitsets of `older`, stale for the rows changed since."""
        self._derived = {
            "age": BoundedCache(DERIVED_CACHE_SIZE),  # cheap to compute again: ~10 ORs
            "fresh": older._derived["fresh"].carried_over(changed_rows),
            "near": older._derived["near"].carried_over(changed_rows),
        }

    @property
    def drift(self) -> int:
        """Rows added or emptied since the last full load."""
        return len(self.appended) + self.tombstones

    # Filters ----------------------------------------------------------------------------

    def base(self, criteria: Criteria, today: date) -> int:
        """Rows meeting every condition but the musts (and but free text; see `answers`)."""
        bits = self.everything
        if criteria.age is not None:
            bits &= self._derived["age"].get(criteria.age, lambda: self.age_bits(criteria.age))
        if criteria.available_only:
            cutoff = ranking.stale_cutoff(today)
            bits &= self._derived["fresh"].get(
                cutoff,
                lambda: self.free_now_bits(cutoff),
                lambda bits, rows: (
                    self._repaired(bits, rows, self.confirmed_rows(cutoff, rows)) & self.free
                ),
            )
        if criteria.has_location and criteria.max_distance_km is not None:
            near = (criteria.latitude, criteria.longitude, criteria.max_distance_km)
            bits &= self._derived["near"].get(
                near,
                lambda: self.within_bits(*near),
                lambda bits, rows: self._repaired(bits, rows, self.within_rows(*near, rows)),
            )
        return bits

    def _repaired(self, bits: int, rows: frozenset[int], now_in: Iterable[int]) -> int:
        """A derived bitset of an older snapshot, with the changed `rows` decided anew."""
        return bits & ~bits_at(rows, self.size) | bits_at(now_in, self.size)

    def must_bits(self, list_name: str, codes: Iterable[str]) -> int:
        """Rows meeting one must: any of the codes, or every code on `MUST_ALL_LISTS`."""
        by_code = self.code_bits[list_name]
        known = [by_code[code] for code in codes if code in by_code]
        if list_name not in MUST_ALL_LISTS:
            return union(known)
        bits = self.everything
        for code_bits in known:
            bits &= code_bits
        return bits

    def age_bits(self, age: int) -> int:
        """(min_age IS NULL OR min_age <= age) AND (max_age IS NULL OR max_age >= age)."""
        young_enough = union(
            bits for low, bits in self.min_ages.items() if low is None or low <= age
        )
        old_enough = union(
            bits for high, bits in self.max_ages.items() if high is None or high >= age
        )
        return young_enough & old_enough

    def free_now_bits(self, cutoff: date) -> int:
        """availability_confirmed_on >= cutoff AND free_places > 0 (NULL dates are 0 here)."""
        first_day = cutoff.toordinal()
        flags = bytes(_ONE if day >= first_day else _ZERO for day in self.confirmed)
        return bits_from_flags(flags) & self.free

    def confirmed_rows(self, cutoff: date, rows: Iterable[int]) -> list[int]:
        """Of `rows`, those confirmed on or after `cutoff` (`free_now_bits` without free places)."""
        first_day, confirmed = cutoff.toordinal(), self.confirmed
        return [row for row in rows if confirmed[row] >= first_day]

    def within_bits(self, latitude: float, longitude: float, km: float) -> int:
        """The SQL distance filter: inside the bounding box, then haversine <= km.

        The database computes a = hav(dlat) + cos(lat0) cos(lat) hav(dlon) and keeps the row
        when 2R asin(sqrt(a)) <= km, that is when a <= sin(km / 2R)^2. With hav(x) = sin(x/2)^2
        between x^2/4 (1 - x^2/12) and x^2/4, a cheap upper bound u of a decides every row far
        from the circle's edge (a relative margin of 1e-9, a million times any rounding), and
        the rows near it get the database's own expression, `sql_distance_km`, bit for bit.
        """
        low_latitude, high_latitude, low_longitude, high_longitude = bounding_box(
            latitude, longitude, km
        )
        start = bisect_left(self.sorted_latitudes, low_latitude)
        end = bisect_right(self.sorted_latitudes, high_latitude)
        latitude_radians = math.radians(latitude)
        cos_latitude = math.cos(latitude_radians)
        longitude_radians = math.radians(longitude)
        limit = float(km)
        if limit < 0:  # no distance is negative
            return 0
        threshold = math.sin(min(limit / _DIAMETER_KM, math.pi / 2)) ** 2
        surely_in = threshold * (1 - 1e-9)
        # Inside the box no angle exceeds its half-width: a >= u * shrink.
        widest = math.radians(max(high_latitude - latitude, high_longitude - longitude))
        shrink = 1 - widest * widest / 12 * 1.01 - 1e-9
        surely_out = threshold * (1 + 1e-9)
        flags = bytearray(b"0") * self.size
        span = slice(start, end)
        for row, row_longitude, radian_latitude, cos_row_latitude, radian_longitude in zip(
            self.by_latitude[span],
            self.sorted_longitudes[span],
            self.radian_latitudes[span],
            self.cos_latitudes[span],
            self.radian_longitudes[span],
            strict=True,
        ):
            if row_longitude < low_longitude or row_longitude > high_longitude:
                continue
            north = radian_latitude - latitude_radians
            east = radian_longitude - longitude_radians
            bound = (north * north + cos_latitude * cos_row_latitude * east * east) * 0.25
            if bound <= surely_in:
                flags[row] = _ONE
            elif bound * shrink > surely_out:
                continue
            elif (
                sql_distance_km(
                    latitude_radians,
                    cos_latitude,
                    longitude_radians,
                    radian_latitude,
                    cos_row_latitude,
                    radian_longitude,
                )
                <= limit
            ):
                flags[row] = _ONE
        return bits_from_flags(flags)

    def within_rows(
        self, latitude: float, longitude: float, km: float, rows: Iterable[int]
    ) -> list[int]:
        """`within_bits` for the given rows only: the box, then the database's own distance."""
        if float(km) < 0:
            return []
        low_latitude, high_latitude, low_longitude, high_longitude = bounding_box(
            latitude, longitude, km
        )
        latitude_radians = math.radians(latitude)
        cos_latitude = math.cos(latitude_radians)
        longitude_radians = math.radians(longitude)
        inside = []
        for row in rows:
            row_latitude, row_longitude = self.latitudes[row], self.longitudes[row]
            if not (
                low_latitude <= row_latitude <= high_latitude
                and low_longitude <= row_longitude <= high_longitude
            ):
                continue  # also every row without coordinates (an infinite latitude)
            radian_latitude = math.radians(row_latitude)
            distance = sql_distance_km(
                latitude_radians,
                cos_latitude,
                longitude_radians,
                radian_latitude,
                math.cos(radian_latitude),
                math.radians(row_longitude),
            )
            if distance <= float(km):
                inside.append(row)
        return inside

    # Counting ---------------------------------------------------------------------------

    def matching(self, criteria: Criteria, today: date) -> int:
        """Rows meeting every condition (but free text; see `answers`)."""
        bits = self.base(criteria, today)
        for list_name, codes in criteria.musts:
            bits &= self.must_bits(list_name, codes)
        return bits

    def total(self, criteria: Criteria, today: date) -> int:
        return self.matching(criteria, today).bit_count()

    def total_and_counts(
        self, criteria: Criteria, today: date
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """The total and, per list, counts per code ignoring that list's own must selection."""
        base = self.base(criteria, today)
        musts = {name: self.must_bits(name, codes) for name, codes in criteria.musts}
        matching = base
        for bits in musts.values():
            matching &= bits
        counts = {}
        for list_name, by_code in self.code_bits.items():
            pool = matching
            if list_name in musts:
                pool = base
                for other, bits in musts.items():
                    if other != list_name:
                        pool &= bits
            counts[list_name] = {code: (pool & bits).bit_count() for code, bits in by_code.items()}
        return matching.bit_count(), counts

    def page_ids_of(self, bits: int) -> list[int]:
        """The page ids of the rows in `bits`, in page id order (for tests and tools)."""
        return sorted(page_id for row, page_id in enumerate(self.page_ids) if bits >> row & 1)

    def nbytes(self) -> int:
        """Roughly what the snapshot holds in memory, derived caches excluded."""
        bitsets = [
            self.everything,
            self.free,
            *self.min_ages.values(),
            *self.max_ages.values(),
            *(bits for by_code in self.code_bits.values() for bits in by_code.values()),
        ]
        arrays = [
            self.page_ids,
            self.confirmed,
            self.waiting_weeks,
            self.latitudes,
            self.longitudes,
            self.by_latitude,
            self.sorted_latitudes,
            self.sorted_longitudes,
            self.radian_latitudes,
            self.cos_latitudes,
            self.radian_longitudes,
        ]
        return sum(map(sys.getsizeof, bitsets)) + sum(a.itemsize * len(a) for a in arrays)


def sql_distance_km(
    latitude_radians: float,
    cos_latitude: float,
    longitude_radians: float,
    row_latitude_radians: float,
    cos_row_latitude: float,
    row_longitude_radians: float,
) -> float:
    """`database_query.distance_sql` term by term, in its order, with the same C functions.

    RADIANS() is x * (pi / 180) on both databases, as math.radians; POWER is C pow.
    """
    haversine = math.pow(math.sin((row_latitude_radians - latitude_radians) / 2.0), 2) + (
        cos_latitude
        * cos_row_latitude
        * math.pow(math.sin((row_longitude_radians - longitude_radians) / 2.0), 2)
    )
    # Rounding can push it past 1 between antipodes, where the database would raise instead.
    return _DIAMETER_KM * math.asin(math.sqrt(min(haversine, 1.0)))


class Columns:
    """Rows converted column by column, chunk by chunk, to compact arrays (for a full load,
    and for the changed rows a snapshot is patched with)."""

    def __init__(self):
        self.masks = [array("q") for _ in LIST_NAMES]
        self.latitudes = array("d")
        self.longitudes = array("d")
        self.min_ages: list = []
        self.max_ages: list = []
        self.free = bytearray()
        self.confirmed = array("i")
        self.waiting_weeks = array("i")
        self.page_ids = array("q")

    def add(self, rows: list[tuple]) -> None:
        # map() over C functions instead of Python loops wherever a column allows it: at
        # 100,000 rows a loop per column costs tens of milliseconds.
        by_column = list(zip(*rows, strict=True))
        for masks, values in zip(self.masks, by_column, strict=False):
            masks.extend(array("q", values))
        latitudes, longitudes, min_ages, max_ages, free, confirmed, waiting, page_ids = by_column[
            len(LIST_NAMES) :
        ]
        # Without both coordinates a row is never within any distance, as in SQL: an infinite
        # latitude keeps it out of every latitude range.
        chunk_latitudes = array("d", map(_INFINITE_IF_NONE.get, latitudes, latitudes))
        chunk_longitudes = array("d", map(_NAN_IF_NONE.get, longitudes, longitudes))
        if None in longitudes:
            for row, longitude in enumerate(longitudes):
                if longitude is None:
                    chunk_latitudes[row] = math.inf
        self.latitudes.extend(chunk_latitudes)
        self.longitudes.extend(chunk_longitudes)
        self.min_ages.extend(min_ages)
        self.max_ages.extend(max_ages)
        self.free.extend(_ONE if places is not None and places > 0 else _ZERO for places in free)
        # A missing date becomes 1 January of year 1, before every stale cutoff.
        self.confirmed.extend(map(date.toordinal, map(_EARLIEST_IF_NONE.get, confirmed, confirmed)))
        # -1 for an unknown waiting time: a residence's waiting time is a positive field.
        self.waiting_weeks.extend(map(_MINUS_ONE_IF_NONE.get, waiting, waiting))
        self.page_ids.extend(array("q", page_ids))


_INFINITE_IF_NONE = {None: math.inf}
_NAN_IF_NONE = {None: math.nan}
_EARLIEST_IF_NONE = {None: date.min}
_MINUS_ONE_IF_NONE = {None: -1}


def _chunks(rows: Iterable[tuple], size: int):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def load_snapshot(generation: str, sequence: int = 0) -> Snapshot:
    """Read the snapshot columns of every entry, by page id, in one query."""
    rows = (
        SearchEntry.objects.order_by("page_id")
        .values_list(*SNAPSHOT_COLUMNS)
        .iterator(chunk_size=LOAD_CHUNK)
    )
    return Snapshot(generation, rows, sequence)
