"""Build the demo catalogue: providers (onboarded for real) and residences (inserted in bulk)."""

import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from residences.demo import content
from residences.demo.bulk import (
    PlannedResidence,
    bulk_create_residences,
    bulk_delete_pristine_residences,
)
from residences.demo.images import demo_images
from residences.models import ProviderPage, ResidencePage
from residences.onboarding import onboard_provider

DEMO_ID_PREFIX = "demo-"
DEFAULT_RESIDENCES = 300
DEFAULT_PROVIDERS = 30
DEFAULT_SEED = 2024


@dataclass
class SeedReport:
    providers: int
    residences: int
    seconds: float


def remove_demo_catalogue() -> int:
    """Delete earlier demo providers and their residences; other content stays."""
    providers = list(ProviderPage.objects.filter(external_id__startswith=DEMO_ID_PREFIX))
    for provider in providers:
        bulk_delete_pristine_residences(provider)
        ProviderPage.objects.get(pk=provider.pk).delete()
    return len(providers)


def seed_demo(
    *,
    residences: int = DEFAULT_RESIDENCES,
    providers: int = DEFAULT_PROVIDERS,
    seed: int = DEFAULT_SEED,
) -> SeedReport:
    started = time.monotonic()
    rng = random.Random(seed)
    today = timezone.localdate()
    # Providers are committed before their residences exist, so the publish signals' index
    # sync has nothing to do; the caller rebuilds the index once at the end.
    with transaction.atomic():
        remove_demo_catalogue()
        images = demo_images()
        provider_pages = create_providers(rng, providers)
    with transaction.atomic():
        plans = plan_residences(rng, provider_pages, residences, images, today)
        bulk_create_residences(plans)
    return SeedReport(len(provider_pages), len(plans), time.monotonic() - started)


def create_providers(rng: random.Random, count: int) -> list[ProviderPage]:
    pages = []
    for number, name in enumerate(content.provider_names(count), start=1):
        result = onboard_provider(
            name=name, external_id=f"{DEMO_ID_PREFIX}aanbieder-{number:03d}", publish=False
        )
        provider = result.provider
        for key, value in content.provider_fields(rng, name, number).items():
            setattr(provider, key, value)
        provider.save_revision().publish()
        provider.refresh_from_db()
        pages.append(provider)
    return pages


def plan_residences(rng, providers, count, images, today) -> list[PlannedResidence]:
    # Some providers are large, most are small, as in the real register.
    weights = [rng.paretovariate(1.5) for _ in providers]
    postcodes = content.PostcodePicker(rng)
    plans = []
    for number in range(1, count + 1):
        provider = rng.choices(providers, weights)[0]
        fields = content.residence_fields(rng, postcodes, today)
        fields["external_id"] = f"{DEMO_ID_PREFIX}woonlocatie-{number:06d}"
        plans.append(
            PlannedResidence(
                provider=provider,
                fields=fields,
                image_ids=images.for_residence(fields["external_id"]),
                services=content.extra_services(rng),
            )
        )
    # Residences of one provider sit together in the tree; insert them in that order.
    plans.sort(key=lambda plan: plan.provider.path)
    return plans


def catalogue_is_empty() -> bool:
    return not ResidencePage.objects.exists()
