"""The Elasticsearch side of the flat search document: its mapping, analyzer and index settings.

`search/indexing.py` builds one flat dict per live residence; this module only says how
Elasticsearch stores it. The whole dict is kept in `_source`, so a result renders without a
database query, and `dynamic: false` keeps any key added to the document later in `_source`
without letting Elasticsearch guess a mapping for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Double,
    GeoPoint,
    Integer,
    Keyword,
    MetaField,
    Text,
    analyzer,
    mapped_field,
    token_filter,
)

from residences import taxonomy

# Dutch full text: folding first, so "cafe" and "café" stem alike; then Dutch stop words and
# the Snowball Dutch stemmer ("woningen" and "woning" meet).
dutch = analyzer(
    "woonvinder_dutch",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("woonvinder_dutch_stop", "stop", stopwords="_dutch_"),
        token_filter("woonvinder_dutch_stemmer", "stemmer", language="dutch"),
    ],
)

# Fields the visitor's words are matched against, with their weight in the text relevance.
TEXT_FIELDS = ("title^2", "text")

CODE_LIST_FIELDS = tuple(taxonomy.RESIDENCE_CODE_LISTS)


def _dutch_text(**kwargs) -> Text:
    return Text(analyzer=dutch, **kwargs)


def _stored_only() -> Keyword:
    # Kept for rendering; never searched, filtered or sorted on.
    return Keyword(index=False, doc_values=False)


class Residence(Document):
    """One live ResidencePage, as `search.indexing.residence_document()` flattens it."""

    id: int = mapped_field(Integer(required=True))
    title: str = mapped_field(_dutch_text(fields={"raw": Keyword()}))
    intro: str = mapped_field(_dutch_text())
    text: str = mapped_field(_dutch_text())
    url: str = mapped_field(_stored_only())
    provider_id: int = mapped_field(Integer())
    provider_name: str = mapped_field(_dutch_text(fields={"raw": Keyword()}))
    provider_url: str = mapped_field(_stored_only())
    street_address: str = mapped_field(_stored_only())
    postcode: str = mapped_field(Keyword())
    place: str = mapped_field(_dutch_text(fields={"raw": Keyword()}))
    municipality: str = mapped_field(Keyword())
    district: str = mapped_field(Keyword())
    latitude: float = mapped_field(Double(index=False, doc_values=False))
    longitude: float = mapped_field(Double(index=False, doc_values=False))
    location: dict = mapped_field(GeoPoint())
    min_age: int = mapped_field(Integer())
    max_age: int = mapped_field(Integer())
    places: int = mapped_field(Integer())
    group_size: int = mapped_field(Integer())
    free_places: int = mapped_field(Integer())
    waiting_weeks: int = mapped_field(Integer())
    availability_confirmed_on: date = mapped_field(Date(format="strict_date"))
    photo_url: str = mapped_field(_stored_only())
    photo_alt: str = mapped_field(_stored_only())
    last_published_at: datetime = mapped_field(Date())

    target_groups: list[str] = mapped_field(Keyword(multi=True))
    care_profiles: list[str] = mapped_field(Keyword(multi=True))
    financing: list[str] = mapped_field(Keyword(multi=True))
    housing_types: list[str] = mapped_field(Keyword(multi=True))
    support: list[str] = mapped_field(Keyword(multi=True))
    facilities: list[str] = mapped_field(Keyword(multi=True))
    environment: list[str] = mapped_field(Keyword(multi=True))
    life_outlooks: list[str] = mapped_field(Keyword(multi=True))
    languages: list[str] = mapped_field(Keyword(multi=True))

    class Meta:
        dynamic = MetaField(False)

    class Index:
        # The alias searches and writes go through; concrete indexes are "<alias>-<timestamp>".
        name = settings.ELASTICSEARCH_INDEX
        settings = {
            # One shard: a catalogue of thousands fits easily, and text relevance statistics
            # are then the same for every query.
            "number_of_shards": 1,
            # A single-node cluster stays green; a second node gets a replica.
            "auto_expand_replicas": "0-1",
        }


def index_body() -> dict:
    """Settings, analysis and mappings for a new concrete index (the body of indices.create)."""
    return Residence._index.to_dict()


def to_source(document: dict) -> dict:
    """The stored `_source`: the flat document plus a geo_point built from latitude/longitude."""
    source = dict(document)
    latitude, longitude = document.get("latitude"), document.get("longitude")
    if latitude is not None and longitude is not None:
        source["location"] = {"lat": latitude, "lon": longitude}
    else:
        source.pop("location", None)
    return source


def from_source(source: dict) -> dict:
    """Back to the flat document the rest of the site renders (without the derived geo_point)."""
    document = dict(source)
    document.pop("location", None)
    return document


# Index lifecycle requests: pure, so tests type-check exactly what the backend sends ----------

BULK_CHUNK = 500
VERSIONS_PAGE = 1000
_TIMESTAMP_FORMAT = "%Y%m%d%H%M%S%f"


def concrete_index_name(alias: str, moment: datetime) -> str:
    return f"{alias}-{moment.strftime(_TIMESTAMP_FORMAT)}"


def is_concrete_index_of(alias: str, name: str) -> bool:
    """Only "<alias>-<20-digit timestamp>" belongs to us, not "<alias>-test-..." of a neighbour."""
    prefix = f"{alias}-"
    suffix = name[len(prefix) :]
    return name.startswith(prefix) and len(suffix) == 20 and suffix.isdigit()


def create_index_request(name: str) -> dict:
    """Keyword arguments of indices.create for a new concrete index."""
    return {"index": name, **index_body()}


def bulk_index_operations(documents: list[dict]) -> list[dict]:
    operations: list[dict] = []
    for document in documents:
        operations.append({"index": {"_id": str(document["id"])}})
        operations.append(to_source(document))
    return operations


def bulk_delete_operations(ids: list[int]) -> list[dict]:
    return [{"delete": {"_id": str(page_id)}} for page_id in ids]


def bulk_actions(documents: Iterable[dict]) -> Iterator[dict]:
    """The same index operations, as `helpers.streaming_bulk` takes them (it chunks and
    retries 429s)."""
    for document in documents:
        yield {"_op_type": "index", "_id": str(document["id"]), "_source": to_source(document)}


def bulk_delete_actions(ids: Iterable[int]) -> Iterator[dict]:
    for page_id in ids:
        yield {"_op_type": "delete", "_id": str(page_id)}


def alias_swap_actions(alias: str, new_index: str, behind_alias: list[str]) -> list[dict]:
    """One atomic update_aliases call: searches see the old index or the new one, never none.

    A concrete index that carries the alias's own name (created by hand, or by a write before
    the first rebuild) would block the alias; it is removed in the same atomic step.
    """
    actions: list[dict] = [{"add": {"index": new_index, "alias": alias}}]
    for index in behind_alias:
        if index == alias:
            actions.append({"remove_index": {"index": index}})
        else:
            actions.append({"remove": {"index": index, "alias": alias}})
    return actions


def versions_body(after: int | None = None) -> dict:
    """One page of stored documents, walked with search_after on id (no deep from)."""
    body: dict = {
        "query": {"match_all": {}},
        "sort": [{"id": {"order": "asc"}}],
        "size": VERSIONS_PAGE,
        "track_total_hits": False,
    }
    if after is not None:
        body["search_after"] = [after]
    return body


# Schema drift: the live index against the code's index_body() ----------------------------


def index_differences(live: dict, expected: dict) -> list[str]:
    """What differs between a live index (as GET /<index> returns it) and `expected`.

    Elasticsearch returns settings as strings under "index" and leaves out what was never set,
    so values are compared as text; mappings must be equal, analysis must be equal, and every
    other setting the code sets must have the code's value (the server adds its own, such as
    uuid and creation_date, which are not ours to compare).
    """
    differences = []
    live_settings = (live.get("settings") or {}).get("index", {})
    wanted_settings = expected.get("settings", {})
    for key, wanted in _flatten(wanted_settings).items():
        if key.startswith("analysis."):
            continue
        found = _flatten(live_settings).get(key)
        if found != wanted:
            differences.append(f"setting {key} is {found!r}, the code says {wanted!r}")
    differences.extend(
        _compare(
            "analysis",
            _flatten(live_settings.get("analysis", {})),
            _flatten(wanted_settings.get("analysis", {})),
        )
    )
    differences.extend(
        _compare(
            "mapping",
            _flatten(live.get("mappings") or {}),
            _flatten(expected.get("mappings", {})),
        )
    )
    return differences


def _compare(label: str, live: dict, wanted: dict) -> list[str]:
    differences = []
    for key in sorted(live.keys() | wanted.keys()):
        if key not in wanted:
            differences.append(f"{label} {key} is only in the live index ({live[key]!r})")
        elif key not in live:
            differences.append(f"{label} {key} is missing from the live index")
        elif live[key] != wanted[key]:
            differences.append(f"{label} {key} is {live[key]!r}, the code says {wanted[key]!r}")
    return differences


def _flatten(tree: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        elif isinstance(value, list | tuple):
            flat[path] = tuple(_text(item) for item in value)
        else:
            flat[path] = _text(value)
    return flat


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
