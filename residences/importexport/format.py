"""The catalogue exchange format (version 1), as data. Documented for people in
residences/schema/catalogue.schema.json; a test keeps the two in step.

Keys are the model field names, except `name` (the page title). Photos are not exchanged:
they live in each provider's own image collection.
"""

from residences.taxonomy import RESIDENCE_CODE_LISTS, Region

FORMAT_NAME = "woonvinder-catalogus"
FORMAT_VERSION = 1

TEXT, INTEGER, NUMBER, DATE, CODES, SERVICES, RESIDENCES, REGION = (
    "text", "integer", "number", "date", "codes", "services", "residences", "region",
)

# key -> (kind, required, nullable)
PROVIDER_FIELDS: dict[str, tuple[str, bool, bool]] = {
    "external_id": (TEXT, True, False),
    "name": (TEXT, True, False),
    "region": (REGION, False, False),
    "intro": (TEXT, False, False),
    "description": (TEXT, False, False),
    "phone": (TEXT, False, False),
    "email": (TEXT, False, False),
    "website": (TEXT, False, False),
    "quality_report_url": (TEXT, False, False),
    "reviews_url": (TEXT, False, False),
    "residences": (RESIDENCES, False, False),
}

RESIDENCE_FIELDS: dict[str, tuple[str, bool, bool]] = {
    "external_id": (TEXT, True, False),
    "name": (TEXT, True, False),
    "intro": (TEXT, False, False),
    "street_address": (TEXT, True, False),
    "postcode": (TEXT, True, False),
    "place": (TEXT, False, False),
    "municipality": (TEXT, False, False),
    "district": (TEXT, False, False),
    "latitude": (NUMBER, False, True),
    "longitude": (NUMBER, False, True),
    **{name: (CODES, False, False) for name in RESIDENCE_CODE_LISTS},
    "min_age": (INTEGER, False, True),
    "max_age": (INTEGER, False, True),
    "places": (INTEGER, False, False),
    "group_size": (INTEGER, False, True),
    "free_places": (INTEGER, False, False),
    "waiting_weeks": (INTEGER, False, True),
    "availability_confirmed_on": (DATE, False, True),
    "description": (TEXT, False, False),
    "day_in_the_life": (TEXT, False, False),
    "contact_name": (TEXT, False, False),
    "contact_phone": (TEXT, False, False),
    "contact_email": (TEXT, False, False),
    "extra_services": (SERVICES, False, False),
}

SERVICE_FIELDS: dict[str, tuple[str, bool, bool]] = {
    "name": (TEXT, True, False),
    "monthly_price": (NUMBER, False, True),
    "description": (TEXT, False, False),
}

REGIONS = tuple(Region.values)
