"""Import the catalogue: validate every record first, then write all of it or nothing.

Each error names its record (external id, or position in the file) and its field, in the active
language (Dutch source strings, English from the catalogue).
Re-importing updates pages in place, keyed by `external_id`, and creates no duplicates.

Rich text, lengths and attachments are checked by the models' own validation, the same the
editor's form runs (residences/fields.py, residences/attachments.py). The file is refused past
CATALOGUE_IMPORT_MAX_BYTES before it is parsed, and numbers are read as decimals, so a price
such as 18.95 arrives as exported.
"""

import datetime
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from residences.attachments import attachment_errors
from residences.importexport import format as spec
from residences.importexport.exporting import FALLBACK_ID_PREFIX
from residences.models import ExtraService, ProviderPage, ResidencePage
from residences.onboarding import onboard_provider
from residences.taxonomy import RESIDENCE_CODE_LISTS

TREE_FIELDS = [
    "path", "depth", "numchild", "url_path", "slug", "draft_title", "content_type",
    "locale", "translation_key", "live", "has_unpublished_changes",
]
FALLBACK_ID = re.compile(rf"^{FALLBACK_ID_PREFIX}(\d+)$")


@dataclass
class ImportError_:
    record: str
    field: str
    message: str

    def __str__(self):
        return _("%(record)s, veld '%(field)s': %(message)s") % {
            "record": self.record, "field": self.field, "message": self.message
        }


@dataclass
class ImportReport:
    errors: list[ImportError_] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class CatalogueImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} fout(en)")
        self.errors = errors


@dataclass
class PlannedProvider:
    record: dict
    label: str
    existing: ProviderPage | None
    page: ProviderPage  # validated values
    residences: list = field(default_factory=list)


@dataclass
class PlannedResidence:
    record: dict
    label: str
    existing: ResidencePage | None
    page: ResidencePage  # validated, unsaved values
    services: list


def max_file_bytes() -> int:
    return settings.CATALOGUE_IMPORT_MAX_BYTES


def read_catalogue(handle, name: str):
    """Parse an import file opened in binary mode; refuse it unread past the size limit."""
    limit = max_file_bytes()
    content = handle.read(limit + 1)
    if len(content) > limit:
        raise CatalogueImportFailed(
            [
                ImportError_(
                    _("bestand %(name)s") % {"name": name},
                    "-",
                    _(
                        "Het bestand is groter dan %(limit)s MB. Splits het in kleinere "
                        "bestanden, bijvoorbeeld per zorgaanbieder."
                    )
                    % {"limit": f"{limit / (1024 * 1024):g}"},
                )
            ]
        )
    try:
        return json.loads(content, parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogueImportFailed(
            [
                ImportError_(
                    _("bestand %(name)s") % {"name": name},
                    "-",
                    _("Dit is geen geldig JSON-bestand: %(error)s") % {"error": error},
                )
            ]
        ) from error


def import_catalogue(data) -> ImportReport:
    """Validate `data` (parsed JSON) and, only if all of it is valid, write it."""
    report = ImportReport()
    plan = validate(data, report.errors)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            write(plan, report)
    except ValidationError as error:  # a last-moment clash, e.g. a page changed meanwhile
        report.errors.append(ImportError_(_("bestand"), "-", "; ".join(error.messages)))
        report.created = report.updated = 0
    return report


# Validation ---------------------------------------------------------------------------


def validate(data, errors) -> list[PlannedProvider]:
    if not isinstance(data, dict):
        errors.append(
            ImportError_(_("bestand"), "-", _("Het bestand moet een JSON-object zijn."))
        )
        return []
    if data.get("format") != spec.FORMAT_NAME or data.get("version") != spec.FORMAT_VERSION:
        errors.append(
            ImportError_(
                _("bestand"), "format/version",
                _("Verwacht format '%(format)s' versie %(version)s.")
                % {"format": spec.FORMAT_NAME, "version": spec.FORMAT_VERSION},
            )
        )
        return []
    providers = data.get("providers")
    if not isinstance(providers, list):
        errors.append(ImportError_(_("bestand"), "providers", _("Moet een lijst zijn.")))
        return []
    seen: set[str] = set()
    plan = []
    for index, record in enumerate(providers, start=1):
        planned = validate_provider(record, index, errors, seen)
        if planned is not None:
            plan.append(planned)
    return plan


def label_for(kind: str, record, index_label: str) -> str:
    external_id = record.get("external_id") if isinstance(record, dict) else None
    if isinstance(external_id, str) and external_id:
        return f"{kind} '{external_id}' ({index_label})"
    return f"{kind} {index_label}"


def validate_provider(record, index, errors, seen) -> PlannedProvider | None:
    label = label_for(_("zorgaanbieder"), record, _("nr. %(number)s") % {"number": index})
    if not check_record(record, spec.PROVIDER_FIELDS, label, errors):
        return None
    check_unique(record["external_id"], label, errors, seen)
    existing = find_existing(ProviderPage, record["external_id"])
    if existing is None and isinstance(record.get("name"), str):
        namesake = ProviderPage.objects.filter(slug=slugify(record["name"])).first()
        if namesake is not None:
            errors.append(
                ImportError_(
                    label, "name",
                    _(
                        "Er bestaat al een zorgaanbieder met deze naam (extern kenmerk "
                        "'%(external_id)s'). Gebruik dat kenmerk om hem bij te werken."
                    )
                    % {"external_id": namesake.external_id or "-"},
                )
            )
    candidate = existing or ProviderPage()
    assign(candidate, record, spec.PROVIDER_FIELDS)
    if model_errors(candidate, label, errors, exclude=["logo"]) is False:
        add_attachment_errors(candidate, existing, label, errors)
    planned = PlannedProvider(record=record, label=label, existing=existing, page=candidate)
    for number, residence in enumerate(record.get("residences", []), start=1):
        planned_residence = validate_residence(
            residence, _("nr. %(number)s") % {"number": f"{index}.{number}"}, errors, seen,
            existing,
        )
        if planned_residence is not None:
            planned.residences.append(planned_residence)
    return planned


def validate_residence(record, index_label, errors, seen, provider) -> PlannedResidence | None:
    label = label_for(_("woonlocatie"), record, index_label)
    if not check_record(record, spec.RESIDENCE_FIELDS, label, errors):
        return None
    check_unique(record["external_id"], label, errors, seen)
    existing = find_existing(ResidencePage, record["external_id"])
    if existing is not None and (provider is None or not existing.is_child_of(provider)):
        errors.append(
            ImportError_(
                label, "external_id", _("Deze woonlocatie hoort bij een andere zorgaanbieder.")
            )
        )
    page = ResidencePage()
    assign(page, record, spec.RESIDENCE_FIELDS)
    if model_errors(page, label, errors) is False:
        try:
            page.clean_residence()
        except ValidationError as error:
            add_validation_errors(error, label, errors)
        add_attachment_errors(page, provider, label, errors)
    services = []
    for number, service in enumerate(record.get("extra_services", []), start=1):
        service_label = _("%(label)s, extra dienst %(number)s") % {
            "label": label, "number": number
        }
        if check_record(service, spec.SERVICE_FIELDS, service_label, errors):
            item = ExtraService(
                name=service["name"],
                monthly_price=service.get("monthly_price"),
                description=service.get("description", ""),
            )
            model_errors(item, service_label, errors, exclude=["page"])
            services.append(item)
    return PlannedResidence(record, label, existing, page, services)


def check_record(record, fields, label, errors) -> bool:
    if not isinstance(record, dict):
        errors.append(ImportError_(label, "-", _("Moet een JSON-object zijn.")))
        return False
    valid = True
    for key in record:
        if key not in fields:
            errors.append(ImportError_(label, key, _("Onbekend veld.")))
            valid = False
    for key, (kind, required, nullable) in fields.items():
        if key not in record:
            if required:
                errors.append(ImportError_(label, key, _("Dit veld is verplicht.")))
                valid = False
            continue
        message = check_value(record[key], kind, nullable, key)
        if message:
            errors.append(ImportError_(label, key, message))
            valid = False
    return valid


def check_value(value, kind, nullable, key) -> str | None:
    if value is None:
        return None if nullable else _("Mag niet leeg (null) zijn.")
    if kind == spec.TEXT and not isinstance(value, str):
        return _("Moet tekst zijn.")
    if kind == spec.INTEGER and (isinstance(value, bool) or not isinstance(value, int)):
        return _("Moet een geheel getal zijn.")
    if kind == spec.NUMBER and (
        isinstance(value, bool)
        or not isinstance(value, int | float | Decimal)
        or not math.isfinite(value)
    ):
        return _("Moet een getal zijn.")
    if kind == spec.DATE:
        try:
            datetime.date.fromisoformat(value if isinstance(value, str) else "")
        except ValueError:
            return _("Moet een datum zijn als JJJJ-MM-DD.")
    if kind == spec.REGION and value not in spec.REGIONS:
        return _("Onbekende regio. Kies uit: %(regions)s.") % {"regions": ", ".join(spec.REGIONS)}
    if kind == spec.CODES:
        return check_codes(value, RESIDENCE_CODE_LISTS[key])
    if kind in (spec.SERVICES, spec.RESIDENCES) and not isinstance(value, list):
        return _("Moet een lijst zijn.")
    return None


def check_codes(value, code_list) -> str | None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        return _("Moet een lijst met codes zijn.")
    unknown = [code for code in value if code not in code_list.values]
    if unknown:
        allowed = ", ".join(code_list.values)
        return _("Onbekende code(s): %(codes)s. Toegestaan: %(allowed)s.") % {
            "codes": ", ".join(unknown), "allowed": allowed
        }
    return None


def check_unique(external_id, label, errors, seen) -> None:
    if external_id in seen:
        errors.append(ImportError_(label, "external_id", _("Komt vaker voor in dit bestand.")))
    seen.add(external_id)


def find_existing(model, external_id):
    page = model.objects.filter(external_id=external_id).first()
    match = FALLBACK_ID.match(external_id)
    if page is None and match:
        page = model.objects.filter(pk=int(match.group(1)), external_id__isnull=True).first()
    return page


def assign(page, record, fields) -> None:
    for key, (kind, _required, _nullable) in fields.items():
        if key not in record or kind in (spec.SERVICES, spec.RESIDENCES):
            continue
        value = record[key]
        if key == "name":
            page.title = value
        elif kind == spec.DATE and value is not None:
            page.availability_confirmed_on = datetime.date.fromisoformat(value)
        elif kind == spec.NUMBER:
            setattr(page, key, page._meta.get_field(key).to_python(value))
        else:
            setattr(page, key, value)


def model_errors(instance, label, errors, exclude=()) -> bool:
    """Field validation of the model; returns whether any error was found."""
    fields = [name for name in TREE_FIELDS if hasattr(instance, name)]
    try:
        instance.clean_fields(exclude=[*fields, *exclude, "page_ptr", "external_id"])
    except ValidationError as error:
        add_validation_errors(error, label, errors)
        return True
    return False


def add_attachment_errors(page, provider, label, errors) -> None:
    for name, messages in attachment_errors(page, provider).items():
        for message in messages:
            errors.append(ImportError_(label, name, message))


def add_validation_errors(error: ValidationError, label, errors) -> None:
    for key, messages in error.message_dict.items():
        name = "name" if key == "title" else key
        for message in messages:
            errors.append(ImportError_(label, name, message))


# Writing ------------------------------------------------------------------------------


def write(plan: list[PlannedProvider], report: ImportReport) -> None:
    for planned in plan:
        provider = write_provider(planned, report)
        for residence in planned.residences:
            write_residence(provider, residence, report)


def write_provider(planned: PlannedProvider, report: ImportReport) -> ProviderPage:
    record = planned.record
    if planned.existing is not None:
        provider = planned.existing.specific
        report.updated += 1
    else:
        provider = onboard_provider(
            name=record["name"],
            region=record.get("region", spec.REGIONS[0]),
            external_id=record["external_id"],
        ).provider
        report.created += 1
    copy_validated(planned.page, provider, record, spec.PROVIDER_FIELDS)
    provider.external_id = record["external_id"]
    provider.save_revision().publish()
    provider.refresh_from_db()
    return provider


def write_residence(provider, planned: PlannedResidence, report: ImportReport) -> None:
    if planned.existing is not None:
        page = planned.existing.specific
        report.updated += 1
    else:
        page = ResidencePage(title=planned.page.title, slug=free_slug(provider, planned.page.title))
        report.created += 1
    copy_validated(planned.page, page, planned.record, spec.RESIDENCE_FIELDS)
    for key in ("postcode", "latitude", "longitude", "municipality", "place", "district"):
        setattr(page, key, getattr(planned.page, key))  # as geocoded during validation
    page.external_id = planned.record["external_id"]
    page.extra_services.clear()
    for order, service in enumerate(planned.services):
        page.extra_services.add(
            ExtraService(
                name=service.name,
                monthly_price=to_decimal(service.monthly_price),
                description=service.description,
                sort_order=order,
            )
        )
    if planned.existing is None:
        page.live = False
        provider.add_child(instance=page)
    page.save_revision().publish()


def copy_validated(source, target, record, fields) -> None:
    """Write what validation cleaned (rich text reduced to its features), not the raw record."""
    for key, (kind, _required, _nullable) in fields.items():
        if key not in record or kind in (spec.SERVICES, spec.RESIDENCES):
            continue
        attribute = "title" if key == "name" else key
        setattr(target, attribute, getattr(source, attribute))


def free_slug(parent, title: str) -> str:
    base = slugify(title)[:60] or "woonlocatie"
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def to_decimal(value):
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
