"""Deterministic, realistic demo content for the Rotterdam region.

Everything is drawn from one `random.Random(seed)`, so the same seed gives the same catalogue.
Names are invented; places and postcodes are real (from residences.geo).
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from residences import geo, taxonomy
from residences.taxonomy import (
    Environment,
    Facility,
    Financing,
    HousingType,
    Language,
    LifeOutlook,
    Support,
    TargetGroup,
)

PROVIDER_PREFIXES = ("Zorggroep", "Stichting", "Woonzorg", "Zorgcentra", "Stichting Wonen en Zorg")
PROVIDER_CORES = (
    "Maaskant", "Rijnmond", "De Waterweg", "Havenstad", "Nieuwe Maas", "IJsselmonde",
    "Zuiderpark", "De Rotte", "Kralingen", "Voorne", "De Hoeksche Waard", "Delfshaven",
    "De Lage Zijde", "Schiehaven", "Het Kruispunt", "De Zellingen", "Het Baken", "Oude Maas",
    "Goeree", "De Linge", "Lansingh", "De Vliet",
)
RESIDENCE_PREFIXES = ("Huize", "Woonzorgcentrum", "Residentie", "Woonhuis", "Hof", "Villa", "De")
RESIDENCE_NAMES = (
    "Lindehof", "Rozenburg", "Maaszicht", "Kastanjehof", "Vlinderhuis", "Zonnebloem",
    "Eikenhorst", "Waterkant", "Havenzicht", "Molenwiek", "Boomgaard", "Dijkzicht", "Wilgenhof",
    "Klaproos", "Meidoorn", "Vogelzang", "Parkzicht", "Zeeweg", "Koornmolen", "Lelie",
    "Schutterstuin", "Beukenrode", "Singelhuis", "Populier", "Tuinstede", "Hoogerwerf",
    "Oranjehof", "Bloemhof", "Waalhaven", "Rivierduin",
)
STREETS = (
    "Dorpsstraat", "Kerkstraat", "Molenweg", "Lindelaan", "Julianalaan", "Wilhelminastraat",
    "Havenkade", "Dijkweg", "Parklaan", "Schoolstraat", "Emmastraat", "Burgemeester de Vlugtlaan",
    "Koninginneweg", "Rozenstraat", "Singel", "Voorstraat", "Prinses Beatrixlaan", "Zuidsingel",
)
FIRST_NAMES = (
    "Anja", "Fatima", "Joost", "Mehmet", "Sanne", "Priya", "Kees", "Esra", "Wendy", "Rachid",
    "Ingrid", "Dewi", "Marco", "Yvonne", "Sevda", "Peter", "Naima", "Bas", "Lotte", "Ramon",
)
LAST_NAMES = (
    "de Vries", "Bakker", "Yılmaz", "Jansen", "El Amrani", "Visser", "Smit", "Ramdin", "de Boer",
    "Mulder", "Kok", "Öztürk", "van Dijk", "Martina", "Hendriks", "Bouzid", "van der Berg",
)
EXTRA_SERVICES = (
    ("Was- en strijkservice", Decimal("35.00"), "Wij wassen en strijken uw kleding."),
    ("Kapper aan huis", Decimal("24.50"), "Eens per maand knippen in het huis."),
    ("Eigen telefoon- en tv-aansluiting", Decimal("18.95"), "Op uw eigen kamer."),
    ("Extra dagbesteding", Decimal("120.00"), "Een extra dagdeel per week."),
    ("Maaltijd voor bezoek", Decimal("12.50"), "Eet samen met uw familie."),
    ("Pedicure", Decimal("29.00"), "Eens per zes weken voetverzorging."),
    ("Vervoer naar familie", Decimal("45.00"), "Twee ritten per maand in de regio."),
)


@dataclass(frozen=True)
class Profile:
    """A kind of residence: which target groups, care and housing belong together."""

    target_groups: tuple[str, ...]
    housing: tuple[str, ...]
    support: tuple[str, ...]
    financing: tuple[str, ...]
    ages: tuple[int | None, int | None]
    places: tuple[int, int]
    weight: int
    activity: str
    extra_languages: tuple[str, ...] = field(default=())


PROFILES = (
    Profile(
        (TargetGroup.ELDERLY_DEMENTIA,), (HousingType.SMALL_SCALE, HousingType.NURSING_HOME),
        (Support.PRESENCE_24H, Support.NIGHT_AWAKE, Support.NURSING),
        (Financing.ZIN, Financing.PGB, Financing.PRIVATE), (65, None), (8, 90), 28,
        "samen koken, een wandeling in de tuin en muziek van vroeger",
    ),
    Profile(
        (TargetGroup.ELDERLY_SOMATIC,), (HousingType.NURSING_HOME, HousingType.APARTMENT_24H),
        (Support.PRESENCE_24H, Support.NURSING, Support.NIGHT_ON_CALL),
        (Financing.ZIN, Financing.VPT, Financing.PRIVATE), (60, None), (20, 120), 18,
        "koffie in het restaurant, bewegen op muziek en een spelletje",
    ),
    Profile(
        (TargetGroup.INTELLECTUAL,), (HousingType.GROUP_HOME, HousingType.SMALL_SCALE),
        (Support.PRESENCE_24H, Support.NIGHT_ASLEEP, Support.BEHAVIOUR),
        (Financing.ZIN, Financing.PGB), (18, None), (6, 24), 14,
        "werken bij de dagbesteding, boodschappen doen en 's avonds samen eten",
    ),
    Profile(
        (TargetGroup.MILD_INTELLECTUAL,), (HousingType.INDEPENDENT_SUPPORTED,),
        (Support.NIGHT_ON_CALL,), (Financing.ZIN, Financing.PGB, Financing.WMO), (18, 35),
        (8, 30), 6, "naar school of werk, zelf koken met hulp en sporten",
    ),
    Profile(
        (TargetGroup.PHYSICAL,), (HousingType.APARTMENT_24H, HousingType.INDEPENDENT_SUPPORTED),
        (Support.NIGHT_ON_CALL, Support.NURSING), (Financing.ZIN, Financing.VPT, Financing.PGB),
        (18, None), (10, 40), 6, "werken of studeren, fysiotherapie en uitgaan in de stad",
    ),
    Profile(
        (TargetGroup.VISUAL,), (HousingType.GROUP_HOME, HousingType.INDEPENDENT_SUPPORTED),
        (Support.PRESENCE_24H, Support.NIGHT_ASLEEP), (Financing.ZIN, Financing.PGB),
        (18, None), (6, 20), 2, "braille-les, wandelen met een begeleider en luisterboeken",
    ),
    Profile(
        (TargetGroup.AUDITORY,), (HousingType.GROUP_HOME, HousingType.INDEPENDENT_SUPPORTED),
        (Support.NIGHT_ON_CALL,), (Financing.ZIN, Financing.PGB), (18, None), (6, 20), 2,
        "gebarentaalcafé, creatieve dagbesteding en samen eten",
        (Language.SIGN_LANGUAGE,),
    ),
    Profile(
        (TargetGroup.PSYCHIATRIC,), (HousingType.GROUP_HOME, HousingType.INDEPENDENT_SUPPORTED),
        (Support.PRESENCE_24H, Support.NIGHT_AWAKE, Support.BEHAVIOUR),
        (Financing.ZIN, Financing.PGB), (18, None), (8, 30), 7,
        "een vaste dagstructuur, gesprekken met uw begeleider en werk in de moestuin",
    ),
    Profile(
        (TargetGroup.BRAIN_INJURY,), (HousingType.SMALL_SCALE, HousingType.APARTMENT_24H),
        (Support.PRESENCE_24H, Support.NIGHT_ASLEEP, Support.BEHAVIOUR),
        (Financing.ZIN, Financing.PGB), (18, 70), (8, 24), 4,
        "oefenen met dagelijkse dingen, rust op vaste momenten en een activiteit buiten",
    ),
    Profile(
        (TargetGroup.AUTISM, TargetGroup.INTELLECTUAL), (HousingType.GROUP_HOME,),
        (Support.PRESENCE_24H, Support.NIGHT_ASLEEP, Support.BEHAVIOUR),
        (Financing.ZIN, Financing.PGB), (16, None), (4, 16), 6,
        "een voorspelbaar dagritme met pictogrammen, een eigen plek en werk in de fietsenmakerij",
    ),
    Profile(
        (TargetGroup.MULTIPLE_SEVERE,), (HousingType.GROUP_HOME, HousingType.DAY_ACTIVITIES),
        (Support.PRESENCE_24H, Support.NIGHT_AWAKE, Support.NURSING),
        (Financing.ZIN,), (0, None), (4, 16), 3,
        "zintuigen prikkelen in de snoezelruimte, zwemmen in warm water en een rondje buiten",
    ),
    Profile(
        (TargetGroup.ELDERLY_SOMATIC, TargetGroup.ELDERLY_DEMENTIA), (HousingType.RESPITE,),
        (Support.PRESENCE_24H, Support.NURSING), (Financing.ZIN, Financing.WMO, Financing.PRIVATE),
        (60, None), (4, 12), 2, "logeren zodat uw mantelzorger even kan uitrusten",
    ),
)
PROFILE_WEIGHTS = tuple(profile.weight for profile in PROFILES)
# Rotterdam holds over half of the region's inhabitants; its share of homes reflects that.
MUNICIPALITY_WEIGHT = {"Rotterdam": 10}
URBAN_MUNICIPALITIES = {"Rotterdam", "Schiedam", "Vlaardingen", "Capelle aan den IJssel"}
SURROUNDINGS = (
    Environment.QUIET, Environment.LIVELY, Environment.NEAR_SHOPS, Environment.NEAR_TRANSPORT
)
FORBIDDEN_LETTERS = {"SA", "SD", "SS"}
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"


def provider_names(count: int) -> list[str]:
    names = [f"{prefix} {core}" for core in PROVIDER_CORES for prefix in PROVIDER_PREFIXES]
    ordered = [names[(index * 7) % len(names)] for index in range(len(names))]
    unique = list(dict.fromkeys(ordered))
    return [
        unique[index] if index < len(unique) else f"{unique[index % len(unique)]} {index}"
        for index in range(count)
    ]


class PostcodePicker:
    """Real PC4 areas of the region, with their geocoded centre (looked up once each)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.areas: list[tuple[str, str]] = []
        weights = []
        for municipality in geo.RIJNMOND_MUNICIPALITIES:
            postcodes = geo.municipality_postcodes(municipality)
            for postcode in postcodes:
                self.areas.append((municipality, postcode))
                weights.append(MUNICIPALITY_WEIGHT.get(municipality, 1))
        self.weights = weights
        self.centres: dict[str, geo.Location] = {}

    def centre(self, pc4: str) -> geo.Location:
        if pc4 not in self.centres:
            self.centres[pc4] = geo.geocode(pc4)
        return self.centres[pc4]

    def pick(self) -> dict:
        municipality, pc4 = self.rng.choices(self.areas, self.weights)[0]
        letters = "SA"
        while letters in FORBIDDEN_LETTERS:
            letters = self.rng.choice(LETTERS) + self.rng.choice(LETTERS)
        location = self.centre(pc4)
        latitude = round(location.latitude + self.rng.uniform(-0.008, 0.008), 6)
        longitude = round(location.longitude + self.rng.uniform(-0.012, 0.012), 6)
        if not geo.is_in_netherlands(latitude, longitude):
            latitude, longitude = location.latitude, location.longitude
        return {
            "postcode": f"{pc4} {letters}",
            "municipality": location.municipality or municipality,
            "place": location.place or municipality,
            "district": location.district,
            "latitude": latitude,
            "longitude": longitude,
        }


def pick_some(rng: random.Random, options, low: int, high: int) -> list:
    options = list(options)
    count = min(len(options), rng.randint(low, high))
    chosen = set(rng.sample(options, count))
    return [option for option in options if option in chosen]


def codes(values) -> list[str]:
    return [str(getattr(value, "value", value)) for value in values]


def availability(rng: random.Random, places: int, today: date) -> dict:
    roll = rng.random()
    if roll < 0.25:
        free, weeks = rng.randint(1, max(1, min(3, places))), 0
    elif roll < 0.65:
        free, weeks = 0, rng.randint(2, 12)
    elif roll < 0.88:
        free, weeks = 0, rng.randint(13, 80)
    else:
        free, weeks = 0, None
    age = rng.random()
    if age < 0.70:
        confirmed = today - timedelta(days=rng.randint(0, 30))
    elif age < 0.84:
        confirmed = today - timedelta(days=rng.randint(31, 60))
    elif age < 0.97:
        confirmed = today - timedelta(days=rng.randint(61, 300))
    else:
        confirmed = None
    return {"free_places": free, "waiting_weeks": weeks, "availability_confirmed_on": confirmed}


def residence_fields(rng: random.Random, postcodes: PostcodePicker, today: date) -> dict:
    profile = rng.choices(PROFILES, PROFILE_WEIGHTS)[0]
    care = taxonomy.care_profiles_for(profile.target_groups)
    start = rng.randrange(len(care))
    care_profiles = care[start : start + rng.randint(1, 4)]
    places = rng.randint(*profile.places)
    name = f"{rng.choice(RESIDENCE_PREFIXES)} {rng.choice(RESIDENCE_NAMES)}"
    address = postcodes.pick()
    urban = address["municipality"] in URBAN_MUNICIPALITIES
    environment = [Environment.CITY if urban else Environment.VILLAGE]
    environment += pick_some(rng, SURROUNDINGS, 1, 3)
    facilities = pick_some(rng, Facility, 2, 6)
    if profile.housing[0] in {HousingType.APARTMENT_24H, HousingType.INDEPENDENT_SUPPORTED}:
        facilities = sorted(set(facilities) | {Facility.OWN_ROOM, Facility.OWN_KITCHEN})
    languages = [Language.DUTCH, *profile.extra_languages]
    languages += pick_some(rng, (Language.ENGLISH, Language.TURKISH, Language.ARABIC,
                                 Language.BERBER, Language.PAPIAMENTO, Language.SRANAN), 0, 2)
    contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    place = address["place"]
    return {
        "title": name,
        "intro": intro_text(profile, place, rng),
        "street_address": f"{rng.choice(STREETS)} {rng.randint(1, 240)}",
        **address,
        "target_groups": codes(profile.target_groups),
        "care_profiles": codes(care_profiles),
        "financing": codes(pick_some(rng, profile.financing, 1, len(profile.financing))),
        "housing_types": codes(profile.housing[: rng.randint(1, len(profile.housing))]),
        "support": codes(pick_some(rng, profile.support, 1, len(profile.support))),
        "facilities": codes(facilities),
        "environment": codes(environment),
        "life_outlooks": codes([rng.choices(list(LifeOutlook), [30, 6, 5, 4, 3, 1, 1, 2, 2])[0]]),
        "languages": codes(languages),
        "min_age": profile.ages[0],
        "max_age": profile.ages[1],
        "places": places,
        "group_size": min(places, rng.randint(4, 12)),
        **availability(rng, places, today),
        "description": description_html(name, profile, place, places),
        "day_in_the_life": f"<p>Een gewone dag bestaat uit {profile.activity}. "
        "U bepaalt zelf hoe laat u opstaat en wat u wilt doen.</p>",
        "contact_name": contact,
        "contact_phone": f"010 {rng.randint(200, 799)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "contact_email": f"wonen{rng.randint(1, 999)}@demo.woonvinder.nl",
    }


def intro_text(profile: Profile, place: str, rng: random.Random) -> str:
    housing = HousingType(profile.housing[0]).label
    group = TargetGroup(profile.target_groups[0]).label
    return f"{housing} in {place}. Voor {str(group)[0].lower()}{str(group)[1:]}."


def description_html(name: str, profile: Profile, place: str, places: int) -> str:
    group = str(TargetGroup(profile.target_groups[0]).label).lower()
    return (
        f"<p>{name} is een woonplek in {place} voor {group}. Er wonen {places} mensen. "
        "Iedereen heeft een eigen plek en er is altijd iemand in de buurt die u kent.</p>"
        "<p>U kunt eerst komen kijken. Bel of mail de contactpersoon voor een afspraak.</p>"
    )


def extra_services(rng: random.Random) -> list[tuple[str, Decimal, str]]:
    return rng.sample(EXTRA_SERVICES, rng.choice((0, 1, 1, 2, 2, 3)))


def provider_fields(rng: random.Random, name: str, number: int) -> dict:
    domain = f"aanbieder{number}.demo.woonvinder.nl"
    return {
        "intro": f"{name} biedt wonen met zorg en begeleiding in de regio Rotterdam-Rijnmond.",
        "description": f"<p>{name} werkt al jaren in de regio. Wij kijken naar wat u nog wél kunt, "
        "en wat u nodig heeft om fijn te wonen.</p>",
        "phone": f"010 {rng.randint(200, 799)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "email": f"info@{domain}",
        "website": f"https://{domain}",
        "quality_report_url": f"https://{domain}/kwaliteitsverslag",
        "reviews_url": f"https://www.zorgkaartnederland.nl/zorginstelling/demo-{number}",
    }
