"""Export the catalogue in the exchange format (see format.py)."""

from residences.importexport.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    PROVIDER_FIELDS,
    RESIDENCE_FIELDS,
    SERVICES,
)
from residences.models import ProviderPage, ResidencePage

FALLBACK_ID_PREFIX = "woonvinder-"


def external_id_of(page) -> str:
    # Pages made in the admin have no import key; their page id stands in, and the importer
    # recognises it, so exporting and importing again updates instead of duplicating.
    return page.external_id or f"{FALLBACK_ID_PREFIX}{page.pk}"


def export_catalogue() -> dict:
    residences = {}
    for residence in (
        ResidencePage.objects.order_by("path").prefetch_related("extra_services")
    ):
        residences.setdefault(residence.path[: -ResidencePage.steplen], []).append(residence)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "providers": [
            provider_record(provider, residences.get(provider.path, []))
            for provider in ProviderPage.objects.order_by("path")
        ],
    }


def provider_record(provider: ProviderPage, residences) -> dict:
    record = {"external_id": external_id_of(provider), "name": provider.title}
    for key in PROVIDER_FIELDS:
        if key not in record and key != "residences":
            record[key] = getattr(provider, key)
    record["residences"] = [residence_record(residence) for residence in residences]
    return record


def residence_record(residence: ResidencePage) -> dict:
    record = {"external_id": external_id_of(residence), "name": residence.title}
    for key, (kind, _required, _nullable) in RESIDENCE_FIELDS.items():
        if key in record or kind == SERVICES:
            continue
        value = getattr(residence, key)
        record[key] = value.isoformat() if hasattr(value, "isoformat") else value
    record["extra_services"] = [
        {
            "name": service.name,
            "monthly_price": float(service.monthly_price)
            if service.monthly_price is not None
            else None,
            "description": service.description,
        }
        for service in residence.extra_services.all()
    ]
    return record
