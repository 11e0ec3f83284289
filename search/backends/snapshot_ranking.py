"""Ranking from the process's index snapshot: the SQL ranking query, done in memory.

The database backend ranks with one SQL expression per search (`database_query.score_sql`)
over every row that passes the filters: on PostgreSQL with 10,000 residences that is ~10 ms of
database time for every results page. The bitset snapshot (`database_bitsets.py`) already
knows which rows pass; this module scores those rows with numpy over columns kept next to the
snapshot and picks one page of them, in the same order the SQL gives:

- score = BASE + each wish's points (in criteria order) + distance points + availability
  points, added in the SQL's order. Wish and availability points are small binary fractions
  (exact in floating point); the distance points of every row are computed per search point
  with the database's own expression (`database_bitsets.sql_distance_km`, then
  DISTANCE_WEIGHT * pow(DECAY, pow(d / SCALE, 2))), so scores are the SQL's to the last bit.
- order: score descending, then page id; by distance (NULL last), then score and page id;
  or by availability rank, then score and page id (`CompiledQuery.ordering`).

The columns are built on the first search that ranks from a snapshot, with numpy, except the
distances from each search point, which cost a Python loop over every located row: a snapshot
patched after an index write (`snapshot_updates.py`) takes those over from the older snapshot
and recomputes them for the changed rows only. Rows added since the last full load come after
the others, so the last tie-break is the page id itself, not the row number.

Free text stays in SQL: its relevance comes from the database's full-text index.
"""

from __future__ import annotations

import math
import threading
from datetime import date

import numpy as np

from search import ranking
from search.backends.database_bitsets import BoundedCache, Snapshot, sql_distance_km
from search.criteria import Criteria, Sort

# Per search point (place) and per stale cutoff day; each entry is one float per row.
POINT_CACHE_SIZE = 64
CUTOFF_CACHE_SIZE = 8
# Below this many matching rows a full sort is as cheap as selecting candidates first.
FULL_SORT_ROWS = 512

# Status numbers are positions in AVAILABILITY_ORDER: sorting by availability sorts by them.
STATUS_NUMBER = {status: number for number, status in enumerate(ranking.AVAILABILITY_ORDER)}
FREE = STATUS_NUMBER[ranking.Status.FREE]
SHORT_WAIT = STATUS_NUMBER[ranking.Status.SHORT_WAIT]
LONG_WAIT = STATUS_NUMBER[ranking.Status.LONG_WAIT]
UNKNOWN = STATUS_NUMBER[ranking.Status.UNKNOWN]


def bool_rows(bits: int, size: int) -> np.ndarray:
    """A bitset (bit i = row i) as a boolean array of `size` rows."""
    raw = np.frombuffer(bits.to_bytes((size + 7) // 8 or 1, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little")[:size].view(np.bool_)


class RankColumns:
    """The per-row values the score and the orderings need, in snapshot row order.

    Built on the first search that ranks from a snapshot: vectorised copies of its columns,
    except the distances from each search point (a Python loop over every located row), which
    a patched snapshot carries over from the older one and repairs for the changed rows.
    """

    def __init__(self, snapshot: Snapshot):
        self.size = snapshot.size
        self.page_ids = np.frombuffer(snapshot.page_ids, dtype=np.int64)
        # Rows with both coordinates, with the per-row terms of the SQL haversine.
        self.located_rows = np.frombuffer(snapshot.by_latitude, dtype=np.int32).astype(np.int64)
        self.located_radians = (
            snapshot.radian_latitudes,
            snapshot.cos_latitudes,
            snapshot.radian_longitudes,
        )
        # Per row, for repairing distances of changed rows (an infinite latitude: unlocated).
        self.latitudes, self.longitudes = snapshot.latitudes, snapshot.longitudes
        # The SQL status CASE: stale or unconfirmed, then free places, then the waiting time.
        self.free = bool_rows(snapshot.free, self.size)
        weeks = np.frombuffer(snapshot.waiting_weeks, dtype=np.int32)
        waiting = np.where(weeks <= ranking.SHORT_WAIT_MAX_WEEKS, SHORT_WAIT, LONG_WAIT)
        self.waiting_status = np.where(weeks == -1, UNKNOWN, waiting).astype(np.int8)  # -1: NULL
        # Day numbers (date.toordinal); 1 for never confirmed, which is before every cutoff.
        self.confirmed_days = np.frombuffer(snapshot.confirmed, dtype=np.int32)
        code_bits = snapshot.code_bits
        self.code_bits = code_bits
        self._codes = BoundedCache(256)
        self.points = snapshot.carried_points or BoundedCache(POINT_CACHE_SIZE)
        self._statuses = BoundedCache(CUTOFF_CACHE_SIZE)

    # Columns derived once and kept ----------------------------------------------------

    def has_code(self, list_name: str, code: str) -> np.ndarray:
        return self._codes.get(
            (list_name, code), lambda: bool_rows(self.code_bits[list_name][code], self.size)
        )

    def statuses(self, today: date) -> np.ndarray:
        cutoff = ranking.stale_cutoff(today).toordinal()
        return self._statuses.get(cutoff, lambda: self._statuses_from(cutoff))

    def _statuses_from(self, cutoff_day: int) -> np.ndarray:
        statuses = np.where(self.free, np.int8(FREE), self.waiting_status)
        statuses[self.confirmed_days < cutoff_day] = UNKNOWN
        return statuses

    def distances(self, latitude: float, longitude: float) -> tuple[np.ndarray, np.ndarray]:
        """(distance km, distance points) of every row from a point; inf and 0.0 when NULL."""
        return self.points.get(
            (latitude, longitude),
            lambda: self._distances(latitude, longitude),
            lambda old, rows: self._repaired_distances(latitude, longitude, old, rows),
        )

    def _distances(self, latitude: float, longitude: float):
        kilometres = [
            sql_distance_km(*_origin(latitude, longitude), *row)
            for row in zip(*self.located_radians, strict=True)
        ]
        distance = np.full(self.size, np.inf)
        points = np.zeros(self.size)
        distance[self.located_rows] = kilometres
        points[self.located_rows] = list(map(_distance_points, kilometres))
        return distance, points

    def _repaired_distances(self, latitude: float, longitude: float, old, rows):
        """The distances of an older snapshot's rows, the changed `rows` computed anew."""
        old_distance, old_points = old
        distance = np.full(self.size, np.inf)
        points = np.zeros(self.size)
        distance[: old_distance.size] = old_distance
        points[: old_points.size] = old_points
        origin = _origin(latitude, longitude)
        for row in rows:
            row_latitude = self.latitudes[row]
            if row_latitude == math.inf:
                distance[row], points[row] = np.inf, 0.0
                continue
            radian_latitude = math.radians(row_latitude)
            km = sql_distance_km(
                *origin,
                radian_latitude,
                math.cos(radian_latitude),
                math.radians(self.longitudes[row]),
            )
            distance[row], points[row] = km, _distance_points(km)
        return distance, points


def _origin(latitude: float, longitude: float) -> tuple[float, float, float]:
    origin_latitude = math.radians(latitude)
    return origin_latitude, math.cos(origin_latitude), math.radians(longitude)


def _distance_points(km: float) -> float:
    return ranking.DISTANCE_WEIGHT * math.pow(
        ranking.DISTANCE_DECAY, math.pow(km / ranking.DISTANCE_SCALE_KM, 2)
    )


_BUILD_LOCK = threading.Lock()


def columns_for(snapshot: Snapshot) -> RankColumns:
    """The snapshot's ranking columns, built on the first search that ranks from it."""
    columns = snapshot.rank_columns
    if columns is None:
        with _BUILD_LOCK:
            columns = snapshot.rank_columns
            if columns is None:
                columns = snapshot.rank_columns = RankColumns(snapshot)
    return columns


def answers(criteria: Criteria) -> bool:
    """Whether the snapshot can rank `criteria`: anything without text relevance."""
    return not criteria.text


def ranked_page(
    columns: RankColumns,
    criteria: Criteria,
    today: date,
    matching: int,
    offset: int,
    count: int,
) -> list[tuple[int, float]]:
    """(page id, score) of the rows `offset` to `offset + count` of `matching`, in order."""
    rows = np.flatnonzero(bool_rows(matching, columns.size))
    if offset >= rows.size or count <= 0:
        return []
    score = np.full(rows.size, ranking.BASE_SCORE)
    for wish in criteria.wishes:
        has = columns.has_code(wish.list_name, wish.code)[rows]
        score = score + np.where(has, ranking.wish_points(wish), 0.0)
    distance = None
    if criteria.has_location:
        distance, points = columns.distances(criteria.latitude, criteria.longitude)
        distance = distance[rows]
        score = score + points[rows]
    statuses = columns.statuses(today)[rows]
    by_status = np.array(
        [ranking.availability_points(s, criteria.urgency) for s in ranking.AVAILABILITY_ORDER]
    )
    score = score + by_status[statuses]

    if criteria.sort == Sort.DISTANCE and distance is not None:
        primary = distance
    elif criteria.sort == Sort.AVAILABILITY:
        primary = statuses
    else:
        primary = -score
    page_ids = columns.page_ids
    chosen = _first(primary, -score, page_ids, rows, offset + count)[offset : offset + count]
    return [(int(page_ids[rows[i]]), float(score[i])) for i in chosen]


def _first(
    primary: np.ndarray, secondary: np.ndarray, page_ids: np.ndarray, rows: np.ndarray, needed: int
):
    """Positions of the `needed` smallest by (primary, secondary, page id), in that order.

    Only rows whose primary key is at most the needed-th smallest can be among them (ties
    included), so the full lexicographic sort runs on those candidates alone. Page ids, not
    row numbers, break the last ties: rows added since the snapshot's full load come last.
    """
    candidates = np.arange(rows.size)
    if rows.size > max(FULL_SORT_ROWS, needed):
        threshold = np.partition(primary, needed - 1)[needed - 1]
        candidates = np.flatnonzero(primary <= threshold)
    keys = (page_ids[rows[candidates]], secondary[candidates], primary[candidates])
    return candidates[np.lexsort(keys)][:needed]
