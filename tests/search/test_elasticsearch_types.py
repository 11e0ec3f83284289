"""Every request the Elasticsearch backend sends, type-checked against Elastic's own types.

No Elasticsearch server runs here, so the request bodies and the index mapping are written as
TypeScript object literals typed with `estypes` from the official @elastic/elasticsearch package
and checked with `tsc --noEmit --strict`. Object literals get TypeScript's excess-property check,
so a misspelt clause or option ("funtion_score", "geo_pont") fails here, not in production.
"""

import json
import os
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings

from residences import taxonomy
from search.backends.elasticsearch import documents, queries
from search.criteria import Criteria, Importance, Sort, Wish

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "node_modules" / ".bin" / "tsc"
BASE_TSCONFIG = Path(__file__).resolve().parent / "estypes" / "tsconfig.json"
TODAY = date(2025, 3, 1)
ALIAS = settings.ELASTICSEARCH_INDEX


def _require_tsc() -> None:
    if TSC.exists():
        return
    reason = f"{TSC} is missing: run `npm ci` to type-check Elasticsearch requests"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def typecheck(folder: Path, modules: dict[str, str]) -> dict[str, list[str]]:
    """Write the modules, run tsc once, return the error lines per file name."""
    _require_tsc()
    (folder / "tsconfig.json").write_text(
        json.dumps({"extends": str(BASE_TSCONFIG), "include": ["*.ts"]})
    )
    for name, source in modules.items():
        (folder / name).write_text(source)
    result = subprocess.run(
        [str(TSC), "-p", str(folder / "tsconfig.json"), "--noEmit", "--strict"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder,
    )
    errors: dict[str, list[str]] = {name: [] for name in modules}
    for line in result.stdout.splitlines():
        match = re.match(r"^(?:.*/)?([\w.-]+\.ts)\(\d+,\d+\): error", line)
        if match:
            errors.setdefault(match.group(1), []).append(line)
    if result.returncode and not any(errors.values()):
        pytest.fail(f"tsc failed without a file error:\n{result.stdout}\n{result.stderr}")
    return errors


def typed_constants(constants: list[tuple[str, str, object]], preamble: str = "") -> str:
    lines = ["import type { estypes } from '@elastic/elasticsearch'", "", preamble]
    for name, type_name, value in constants:
        lines.append(f"export const {name}: {type_name} = {json.dumps(value, indent=2)}\n")
    return "\n".join(lines)


# What the backend sends --------------------------------------------------------------------

ROTTERDAM = {"place": "Rotterdam", "latitude": 51.9225, "longitude": 4.47917}
EVERY_WISH = [
    Wish(name, code_list.values[0], Importance.IMPORTANT)
    for name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items()
]
CRITERIA = {
    "empty": Criteria.build(),
    "text": Criteria.build(text='tuin "De Linde" -rook'),
    "everything": Criteria.build(
        text="tuin",
        **ROTTERDAM,
        max_distance_km=25,
        musts={
            "target_groups": ["vg", "lvb"],
            "facilities": ["tuin", "lift"],
            "financing": ["pgb"],
        },
        wishes=EVERY_WISH,
        age=67,
        available_only=True,
        urgency=taxonomy.Urgency.NOW,
        page=3,
    ),
    "distance": Criteria.build(**ROTTERDAM, sort=Sort.DISTANCE, wishes=EVERY_WISH[:2]),
    "availability": Criteria.build(sort=Sort.AVAILABILITY, urgency=taxonomy.Urgency.ORIENTING),
    "last_page": Criteria.build(page=500),
}


def search_requests() -> list[tuple[str, str, object]]:
    constants = []
    for name, criteria in CRITERIA.items():
        for facets in (True, False):
            body = queries.search_body(criteria, today=TODAY, facets=facets)
            constants.append(
                (
                    f"search_{name}_{facets}".lower(),
                    "estypes.SearchRequest",
                    {"index": ALIAS, **body},
                )
            )
    return constants


def count_requests() -> list[tuple[str, str, object]]:
    return [
        (
            f"count_{name}",
            "estypes.CountRequest",
            {"index": ALIAS, **queries.count_body(c, today=TODAY)},
        )
        for name, c in CRITERIA.items()
    ]


def sample_document(page_id: int = 7) -> dict:
    """A flat document as the SEARCH-CONTRACT describes it."""
    document = {
        "id": page_id,
        "title": "De Linde",
        "url": "/zorggroep-noord/de-linde/",
        "intro": "Kleinschalig wonen met een tuin.",
        "provider_id": 3,
        "provider_name": "Zorggroep Noord",
        "provider_url": "/zorggroep-noord/",
        "street_address": "Lindelaan 1",
        "postcode": "3011 AA",
        "place": "Rotterdam",
        "municipality": "Rotterdam",
        "district": "Centrum",
        "latitude": 51.92,
        "longitude": 4.48,
        "min_age": 65,
        "max_age": None,
        "places": 12,
        "group_size": 6,
        "free_places": 1,
        "waiting_weeks": None,
        "availability_confirmed_on": "2025-02-20",
        "photo_url": "",
        "photo_alt": "",
        "text": "De Linde Kleinschalig wonen met een tuin. Rotterdam Zorggroep Noord",
        "last_published_at": datetime(2025, 2, 20, 9, 30, tzinfo=UTC).isoformat(),
    }
    for name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items():
        document[name] = list(code_list.values[:2])
    return document


def source_interface() -> str:
    """A TypeScript interface for `_source`, derived from the mapping: unmapped keys fail."""
    ts_types = {
        "keyword": "string",
        "text": "string",
        "integer": "number",
        "double": "number",
        "date": "string",
        "geo_point": "{ lat: number; lon: number }",
    }
    fields = []
    for name, field in sorted(documents.index_body()["mappings"]["properties"].items()):
        ts_type = ts_types[field["type"]]
        if name in documents.CODE_LIST_FIELDS:
            ts_type = f"{ts_type}[]"
        optional = "" if name == "id" else "?"
        fields.append(f"  {name}{optional}: {ts_type} | null")
    return "interface ResidenceSource {\n" + "\n".join(fields) + "\n}\n"


def index_requests(document: dict) -> list[tuple[str, str, object]]:
    new_index = documents.concrete_index_name(ALIAS, datetime(2025, 3, 1, 12, 0, tzinfo=UTC))
    return [
        ("create_index", "estypes.IndicesCreateRequest", documents.create_index_request(new_index)),
        (
            "swap_alias",
            "estypes.IndicesUpdateAliasesRequest",
            {"actions": documents.alias_swap_actions(ALIAS, new_index, [f"{ALIAS}-1", ALIAS])},
        ),
        (
            "bulk_index",
            "estypes.BulkRequest<ResidenceSource>",
            {
                "index": ALIAS,
                "require_alias": True,
                "operations": documents.bulk_index_operations([document]),
            },
        ),
        (
            "bulk_delete",
            "estypes.BulkRequest<ResidenceSource>",
            {
                "index": ALIAS,
                "require_alias": True,
                "operations": documents.bulk_delete_operations([7, 8]),
            },
        ),
        ("versions_first", "estypes.SearchRequest", {"index": ALIAS, **documents.versions_body()}),
        ("versions_next", "estypes.SearchRequest", {"index": ALIAS, **documents.versions_body(42)}),
    ]


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """All valid requests in one tsc run (a run takes a few seconds)."""
    modules = {
        "search.ts": typed_constants(search_requests()),
        "count.ts": typed_constants(count_requests()),
        "index.ts": typed_constants(index_requests(sample_document()), source_interface()),
    }
    return typecheck(tmp_path_factory.mktemp("estypes"), modules)


def test_every_search_body_is_a_valid_search_request(checked):
    assert checked["search.ts"] == []


def test_every_count_body_is_a_valid_count_request(checked):
    assert checked["count.ts"] == []


def test_mapping_settings_bulk_alias_and_scan_requests_are_valid(checked):
    assert checked["index.ts"] == []


def test_the_documents_the_index_pipeline_builds_fit_the_mapping(db, tmp_path):
    # Real pages through search.indexing: a key added there without a mapping fails here.
    from search.indexing import residence_document
    from tests.factories import ResidencePageFactory

    pages = [ResidencePageFactory(), ResidencePageFactory(latitude=None, longitude=None)]
    operations = documents.bulk_index_operations([residence_document(page) for page in pages])
    constants = [
        (
            "pipeline",
            "estypes.BulkRequest<ResidenceSource>",
            {"index": ALIAS, "require_alias": True, "operations": operations},
        )
    ]

    errors = typecheck(tmp_path, {"pipeline.ts": typed_constants(constants, source_interface())})

    assert errors["pipeline.ts"] == []


# The check itself bites ----------------------------------------------------------------------


def test_a_misspelt_query_clause_fails_the_type_check(tmp_path):
    body = queries.search_body(CRITERIA["everything"], today=TODAY)
    misspelt = json.loads(json.dumps(body).replace('"function_score"', '"funtion_score"'))

    errors = typecheck(
        tmp_path, {"bad.ts": typed_constants([("bad", "estypes.SearchRequest", misspelt)])}
    )

    assert any("funtion_score" in line for line in errors["bad.ts"]), errors


def test_a_misspelt_field_type_in_the_mapping_fails_the_type_check(tmp_path):
    request = documents.create_index_request(f"{ALIAS}-20250301120000000000")
    request["mappings"]["properties"]["location"] = {"type": "geo_pont"}

    errors = typecheck(
        tmp_path, {"bad.ts": typed_constants([("bad", "estypes.IndicesCreateRequest", request)])}
    )

    assert errors["bad.ts"], "tsc accepted a geo_pont field type"


def test_a_document_key_missing_from_the_mapping_fails_the_type_check(tmp_path):
    document = {**sample_document(), "unmapped_field": "x"}
    constants = [
        (
            "bad",
            "estypes.BulkRequest<ResidenceSource>",
            {"index": ALIAS, "operations": documents.bulk_index_operations([document])},
        )
    ]

    errors = typecheck(tmp_path, {"bad.ts": typed_constants(constants, source_interface())})

    assert any("unmapped_field" in line for line in errors["bad.ts"]), errors
