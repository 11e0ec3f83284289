"""Every code list of the catalogue, in one place.

Values are stable codes (official Wlz codes where they exist); labels are Dutch, the source
language of this site, and translated to English through gettext. Nothing else in the project
spells out a code as a string literal: import it from here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    INTELLECTUAL = "vg", _("Mensen met een verstandelijke beperking")
    MILD_INTELLECTUAL = "lvb", _("Mensen met een licht verstandelijke beperking")
    PHYSICAL = "lg", _("Mensen met een lichamelijke beperking")
    VISUAL = "zg-vis", _("Mensen met een visuele beperking")
    AUDITORY = "zg-aud", _("Mensen met een auditieve beperking")
    ELDERLY_SOMATIC = "vv-som", _("Ouderen met lichamelijke klachten")
    ELDERLY_DEMENTIA = "vv-pg", _("Ouderen met dementie")
    PSYCHIATRIC = "ggz", _("Mensen met psychische problemen")
    BRAIN_INJURY = "nah", _("Mensen met niet-aangeboren hersenletsel")
    AUTISM = "ass", _("Mensen met autisme")
    MULTIPLE_SEVERE = "emb", _("Mensen met ernstige meervoudige beperkingen")


class CareProfile(models.TextChoices):
    """Wlz care profiles (zorgprofielen, formerly ZZP), by their official codes."""

    VV01 = "VV01", _("VV01 Beschut wonen met enige begeleiding")
    VV02 = "VV02", _("VV02 Beschut wonen met begeleiding en verzorging")
    VV03 = "VV03", _("VV03 Beschut wonen met begeleiding en intensieve verzorging")
    VV04 = "VV04", _("VV04 Beschut wonen met intensieve begeleiding en uitgebreide verzorging")
    VV05 = "VV05", _("VV05 Beschermd wonen met intensieve dementiezorg")
    VV06 = "VV06", _("VV06 Beschermd wonen met intensieve verzorging en verpleging")
    VV07 = "VV07", _("VV07 Beschermd wonen met zeer intensieve zorg, nadruk op begeleiding")
    VV08 = "VV08", _("VV08 Beschermd wonen met zeer intensieve zorg, nadruk op verzorging")
    VV09 = "VV09", _("VV09 Herstelgerichte behandeling met verpleging en verzorging")
    VV10 = "VV10", _("VV10 Beschermd verblijf met intensieve palliatief-terminale zorg")
    VG01 = "VG01", _("VG01 Wonen met enige begeleiding")
    VG02 = "VG02", _("VG02 Wonen met begeleiding en enige verzorging")
    VG03 = "VG03", _("VG03 Wonen met begeleiding en verzorging")
    VG04 = "VG04", _("VG04 Wonen met begeleiding en intensieve verzorging")
    VG05 = "VG05", _("VG05 Wonen met zeer intensieve begeleiding en zeer intensieve verzorging")
    VG06 = "VG06", _("VG06 Wonen met intensieve begeleiding, verzorging en gedragsregulering")
    VG07 = "VG07", _("VG07 Wonen met zeer intensieve begeleiding, verzorging en gedragsregulering")
    VG08 = "VG08", _("VG08 Wonen met zeer intensieve verzorging en verpleging")
    LG01 = "LG01", _("LG01 Wonen met begeleiding en enige verzorging")
    LG02 = "LG02", _("LG02 Wonen met begeleiding en verzorging")
    LG03 = "LG03", _("LG03 Wonen met begeleiding en intensieve verzorging")
    LG04 = "LG04", _("LG04 Wonen met intensieve begeleiding en verzorging")
    LG05 = "LG05", _("LG05 Wonen met intensieve begeleiding en intensieve verzorging")
    LG06 = "LG06", _("LG06 Wonen met intensieve begeleiding en zeer intensieve verzorging")
    LG07 = "LG07", _("LG07 Wonen met zeer intensieve begeleiding en zeer intensieve verzorging")
    ZGVIS01 = "ZGvis01", _("ZGvis01 Wonen met enige begeleiding")
    ZGVIS02 = "ZGvis02", _("ZGvis02 Wonen met begeleiding en verzorging")
    ZGVIS03 = "ZGvis03", _("ZGvis03 Wonen met begeleiding en intensieve verzorging")
    ZGVIS04 = "ZGvis04", _("ZGvis04 Wonen met intensieve begeleiding en verzorging")
    ZGVIS05 = "ZGvis05", _("ZGvis05 Wonen met zeer intensieve begeleiding en verzorging")
    ZGAUD01 = "ZGaud01", _("ZGaud01 Wonen met begeleiding en enige verzorging")
    ZGAUD02 = "ZGaud02", _("ZGaud02 Wonen met begeleiding en verzorging")
    ZGAUD03 = "ZGaud03", _("ZGaud03 Wonen met intensieve begeleiding en verzorging")
    ZGAUD04 = "ZGaud04", _("ZGaud04 Wonen met zeer intensieve begeleiding en verzorging")
    GGZ_B = "GGZ-B", _("GGZ-B Beschermd wonen met intensieve begeleiding")
    GGZ_W = "GGZ-W", _("GGZ-W Wonen met intensieve begeleiding en verzorging")


# Which care-profile series fits which target group: the questionnaire asks only these.
CARE_PROFILE_PREFIXES_BY_TARGET_GROUP: dict[str, tuple[str, ...]] = {
    TargetGroup.INTELLECTUAL: ("VG",),
    TargetGroup.MILD_INTELLECTUAL: ("VG",),
    TargetGroup.PHYSICAL: ("LG",),
    TargetGroup.VISUAL: ("ZGvis",),
    TargetGroup.AUDITORY: ("ZGaud",),
    TargetGroup.ELDERLY_SOMATIC: ("VV",),
    TargetGroup.ELDERLY_DEMENTIA: ("VV",),
    TargetGroup.PSYCHIATRIC: ("GGZ",),
    TargetGroup.BRAIN_INJURY: ("LG", "VV"),
    TargetGroup.AUTISM: ("VG", "GGZ"),
    TargetGroup.MULTIPLE_SEVERE: ("VG", "LG"),
}


def care_profiles_for(target_groups) -> list[CareProfile]:
    """The care profiles that belong to any of the given target groups, in official order."""
    prefixes = {
        prefix
        for group in target_groups
        for prefix in CARE_PROFILE_PREFIXES_BY_TARGET_GROUP.get(group, ())
    }
    return [profile for profile in CareProfile if profile.value.startswith(tuple(prefixes))]


class Financing(models.TextChoices):
    ZIN = "zin", _("Verblijf in een instelling (Zorg in Natura)")
    VPT = "vpt", _("Volledig pakket thuis (VPT)")
    MPT = "mpt", _("Modulair pakket thuis (MPT)")
    PGB = "pgb", _("Persoonsgebonden budget (pgb)")
    WMO = "wmo", _("Wmo (gemeente)")
    YOUTH = "jeugdwet", _("Jeugdwet")
    PRIVATE = "particulier", _("Particulier (zelf betalen)")


class HousingType(models.TextChoices):
    GROUP_HOME = "groepswoning", _("Groepswoning")
    SMALL_SCALE = "kleinschalig", _("Kleinschalig wonen")
    INDEPENDENT_SUPPORTED = "zelfstandig", _("Zelfstandig wonen met begeleiding in de buurt")
    APARTMENT_24H = "appartement-24u", _("Appartement met 24-uurszorg")
    NURSING_HOME = "verpleeghuis", _("Verpleeghuis")
    RESPITE = "logeren", _("Logeren of kort verblijf")
    DAY_ACTIVITIES = "dagbesteding", _("Dagbesteding")


class Support(models.TextChoices):
    PRESENCE_24H = "aanwezig-24u", _("De hele dag en nacht iemand aanwezig")
    NIGHT_AWAKE = "nacht-wakend", _("'s Nachts wakende begeleiding")
    NIGHT_ASLEEP = "nacht-slapend", _("'s Nachts slapende begeleiding")
    NIGHT_ON_CALL = "nacht-oproep", _("'s Nachts begeleiding op afroep")
    NURSING = "verpleging", _("Verpleging")
    BEHAVIOUR = "gedrag", _("Deskundig bij moeilijk gedrag")


class Facility(models.TextChoices):
    OWN_ROOM = "eigen-kamer", _("Eigen kamer")
    OWN_BATHROOM = "eigen-badkamer", _("Eigen badkamer")
    OWN_KITCHEN = "eigen-keuken", _("Eigen keuken")
    GARDEN = "tuin", _("Tuin")
    PETS = "huisdieren", _("Huisdieren toegestaan")
    WHEELCHAIR = "rolstoel", _("Geschikt voor een rolstoel")
    LIFT = "lift", _("Lift")
    COUPLES = "stellen", _("Samenwonen met partner kan")
    DAY_ACTIVITIES = "dagbesteding", _("Dagbesteding of werk in de buurt")


class Environment(models.TextChoices):
    QUIET = "rustig", _("Rustige omgeving")
    LIVELY = "levendig", _("Levendige omgeving")
    CITY = "stad", _("In de stad")
    VILLAGE = "dorp", _("In een dorp")
    NEAR_SHOPS = "winkels", _("Winkels dichtbij")
    NEAR_TRANSPORT = "ov", _("Openbaar vervoer dichtbij")


class LifeOutlook(models.TextChoices):
    GENERAL = "algemeen", _("Algemeen (geen bepaalde levensovertuiging)")
    CHRISTIAN = "christelijk", _("Christelijk")
    CATHOLIC = "katholiek", _("Katholiek")
    PROTESTANT = "protestants", _("Protestants")
    ISLAMIC = "islamitisch", _("Islamitisch")
    JEWISH = "joods", _("Joods")
    HINDU = "hindoeistisch", _("Hindoeïstisch")
    HUMANIST = "humanistisch", _("Humanistisch")
    LGBTI_FRIENDLY = "lhbti", _("Lhbti-vriendelijk (Roze Loper)")


class Language(models.TextChoices):
    """Languages spoken by staff, by ISO 639 code."""

    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
    TURKISH = "tr", _("Turks")
    ARABIC = "ar", _("Arabisch")
    BERBER = "ber", _("Tamazight (Berbers)")
    PAPIAMENTO = "pap", _("Papiaments")
    SRANAN = "srn", _("Sranantongo")
    POLISH = "pl", _("Pools")
    CHINESE = "zh", _("Chinees")
    SIGN_LANGUAGE = "ngt", _("Nederlandse Gebarentaal")


class Region(models.TextChoices):
    """Care-office regions (zorgkantoorregio's) this site may serve."""

    ROTTERDAM = "rotterdam", _("Rotterdam-Rijnmond")
    SOUTH_HOLLAND_ISLANDS = "zuid-hollandse-eilanden", _("Zuid-Hollandse Eilanden")
    HAAGLANDEN = "haaglanden", _("Haaglanden")
    ZUID_HOLLAND_NORTH = "zuid-holland-noord", _("Zuid-Holland Noord")
    WATERWEG = "waardenland", _("Waardenland")


class Urgency(models.TextChoices):
    NOW = "nu", _("Zo snel mogelijk")
    THREE_MONTHS = "3-maanden", _("Binnen drie maanden")
    YEAR = "jaar", _("Binnen een jaar")
    ORIENTING = "orienteren", _("Ik kijk alleen rond")


class AvailabilityStatus(models.TextChoices):
    FREE = "vrij", _("Plaats vrij")
    SHORT_WAIT = "korte-wachtlijst", _("Korte wachttijd")
    LONG_WAIT = "lange-wachtlijst", _("Lange wachttijd")
    UNKNOWN = "onbekend", _("Onbekend of niet recent bevestigd")


# The code lists a residence carries, by the name of its field. Search, import and the
# questionnaire walk this mapping instead of naming each list again.
RESIDENCE_CODE_LISTS: dict[str, type[models.TextChoices]] = {
    "target_groups": TargetGroup,
    "care_profiles": CareProfile,
    "financing": Financing,
    "housing_types": HousingType,
    "support": Support,
    "facilities": Facility,
    "environment": Environment,
    "life_outlooks": LifeOutlook,
    "languages": Language,
}
