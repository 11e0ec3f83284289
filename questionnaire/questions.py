"""The questions, declared once: wording, help, options, when asked, what they add to Criteria.

Answers are a plain dict {question slug: value}. Values are codes (single choice), lists of codes
(multiple choice), an int (age), a small dict for the place (the geocoded place, never the text
the visitor typed) and, on must-or-nice pages, {item field name: "moet" | "1" | "2" | "3"}.

`answers_to_criteria(answers)` is pure: the views, the summary and the tests all call it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from questionnaire import kinds
from questionnaire.kinds import (
    DONT_KNOW,
    FOR_CLIENT,
    FOR_RELATIVE,
    FOR_SELF,
    IMPORTANCE,
    MULTIPLE,
    MUST,
    NUMBER,
    PLACE,
    SINGLE,
    Contribution,
    Item,
    Option,
    Question,
    Wording,
)
from questionnaire.places import clean_place, place_heading
from residences import numbers, taxonomy
from search.criteria import DISTANCE_CHOICES_KM, Criteria, Wish

T = taxonomy

DONT_KNOW_OPTION = Option(DONT_KNOW, _("Ik weet het niet"), "question", exclusive=True)

INDICATION_YES = "ja"
INDICATION_NO = "nee"
AT_HOME = "thuis"  # staying at home with care at home (VPT or MPT): a way to live, not a place
AT_HOME_FINANCING = (T.Financing.VPT.value, T.Financing.MPT.value)
# Without a Wlz indication the municipality pays: youth care under the Jeugdwet, sheltered living
# (beschermd wonen) under the Wmo; either can also come as a personal budget.
MUNICIPAL_FINANCING = (T.Financing.YOUTH, T.Financing.WMO, T.Financing.PGB)
FINANCING_LABELS = {
    T.Financing.YOUTH: _("Jeugdwet: jeugdhulp via de gemeente"),
    T.Financing.WMO: _("Wmo: beschermd wonen via de gemeente"),
}
NEAR_ANYWHERE = "maakt-niet-uit"
NO_HELP = "geen"
DAY_ACTIVITIES_YES = "ja"

# Each option its own pictogram (site/static/icons/sprite.svg); the label always says it too.
TARGET_GROUP_ICONS = {
    T.TargetGroup.INTELLECTUAL: "hand",
    T.TargetGroup.MILD_INTELLECTUAL: "signpost",
    T.TargetGroup.PHYSICAL: "wheelchair",
    T.TargetGroup.VISUAL: "eye",
    T.TargetGroup.AUDITORY: "ear",
    T.TargetGroup.ELDERLY_SOMATIC: "walking-stick",
    T.TargetGroup.ELDERLY_DEMENTIA: "memory",
    T.TargetGroup.PSYCHIATRIC: "sprout",
    T.TargetGroup.BRAIN_INJURY: "head",
    T.TargetGroup.AUTISM: "infinity",
    T.TargetGroup.MULTIPLE_SEVERE: "care",
}
HOUSING_ICONS = {
    T.HousingType.GROUP_HOME: "group",
    T.HousingType.SMALL_SCALE: "houses",
    T.HousingType.INDEPENDENT_SUPPORTED: "key",
    T.HousingType.APARTMENT_24H: "apartment",
    T.HousingType.NURSING_HOME: "nursing-home",
    T.HousingType.RESPITE: "suitcase",
}
FACILITY_ICONS = {
    T.Facility.OWN_ROOM: "door",
    T.Facility.OWN_BATHROOM: "bath",
    T.Facility.OWN_KITCHEN: "kitchen",
    T.Facility.GARDEN: "garden",
    T.Facility.PETS: "pet",
    T.Facility.WHEELCHAIR: "wheelchair",
    T.Facility.LIFT: "lift",
    T.Facility.COUPLES: "rings",
}
ENVIRONMENT_ICONS = {
    T.Environment.QUIET: "tree",
    T.Environment.LIVELY: "music",
    T.Environment.CITY: "city",
    T.Environment.VILLAGE: "village",
    T.Environment.NEAR_SHOPS: "shop",
    T.Environment.NEAR_TRANSPORT: "bus",
}
URGENCY_ICONS = {
    T.Urgency.NOW: "clock",
    T.Urgency.THREE_MONTHS: "calendar",
    T.Urgency.YEAR: "hourglass",
    T.Urgency.ORIENTING: "search",
}
LIFE_OUTLOOK_ICONS = {
    T.LifeOutlook.GENERAL: "group",
    T.LifeOutlook.CHRISTIAN: "cross-latin",
    T.LifeOutlook.CATHOLIC: "rosary",
    T.LifeOutlook.PROTESTANT: "bible",
    T.LifeOutlook.ISLAMIC: "crescent",
    T.LifeOutlook.JEWISH: "star-of-david",
    T.LifeOutlook.HINDU: "lotus",
    T.LifeOutlook.HUMANIST: "happy-human",
    T.LifeOutlook.LGBTI_FRIENDLY: "rainbow",
}
# Every spoken language has the speech bubble; sign language has signing hands.
LANGUAGE_ICONS = {
    code.value: "sign-language" if code == T.Language.SIGN_LANGUAGE else "speech"
    for code in T.Language
}
FINANCING_ICONS = {
    T.Financing.ZIN: "nursing-home",
    T.Financing.VPT: "home-care",
    T.Financing.MPT: "blocks",
    T.Financing.PGB: "wallet",
    T.Financing.WMO: "town-hall",
    T.Financing.YOUTH: "child",
}
# A dial whose needle turns further for each distance further out.
DISTANCE_ICONS = tuple(f"distance-{step}" for step in range(1, len(DISTANCE_CHOICES_KM) + 1))

# Support a visitor can ask for, in words a visitor uses; the codes are the residence's.
DAY_SUPPORT = (
    (T.Support.PRESENCE_24H, _("Er is altijd iemand in de buurt"), "clock"),
    (T.Support.NURSING, _("Verpleging, bijvoorbeeld wondzorg of hulp bij medicijnen"), "first-aid"),
    (T.Support.BEHAVIOUR, _("Begeleiders die goed omgaan met moeilijk gedrag"), "heart"),
)
NIGHT_SUPPORT = (
    (T.Support.NIGHT_AWAKE, _("Iemand die ’s nachts wakker is in huis"), "moon"),
    (T.Support.NIGHT_ASLEEP, _("Iemand die ’s nachts in huis slaapt en gewekt kan worden"), "bed"),
    (T.Support.NIGHT_ON_CALL, _("Iemand die ’s nachts kan komen als je belt"), "phone"),
)


def _options(code_list, icons=None, exclude=()) -> tuple[Option, ...]:
    return tuple(
        Option(choice.value, choice.label, (icons or {}).get(choice.value, ""))
        for choice in code_list
        if choice.value not in exclude
    )


def _codes(answers: dict, slug: str) -> list[str]:
    """The real codes of an answer: without "Ik weet het niet" and other non-code choices."""
    value = answers.get(slug)
    values = value if isinstance(value, list) else [value] if value else []
    return [code for code in values if code not in {DONT_KNOW, NO_HELP, NEAR_ANYWHERE}]


def _musts(list_name: str, slug: str):
    def contribute(answer, answers: dict) -> Contribution:
        codes = _codes(answers, slug)
        return Contribution().add_must(list_name, *codes) if codes else Contribution()

    return contribute


# Branching --------------------------------------------------------------------------------


def _target_groups(answers: dict) -> list[str]:
    return _codes(answers, "doelgroep")


def asks_care_profile(answers: dict) -> bool:
    return answers.get("indicatie") == INDICATION_YES and bool(
        T.care_profiles_for(_target_groups(answers))
    )


def asks_financing(answers: dict) -> bool:
    # Without a Wlz indication the municipality can pay (Jeugdwet, Wmo); someone who does not
    # know or still waits for the CIZ cannot know yet how the care will be paid.
    return answers.get("indicatie") in {INDICATION_YES, INDICATION_NO}


def asks_place(answers: dict) -> bool:
    return "waar" in answers and answers["waar"] != NEAR_ANYWHERE


def asks_distance(answers: dict) -> bool:
    return bool(answers.get("plaats"))


def _asks_rating(*slugs: str):
    def asked_when(answers: dict) -> bool:
        return bool(_rated_items(slugs, answers))

    return asked_when


# Must or nice -----------------------------------------------------------------------------

ITEM_SOURCES = {
    # question slug -> (code list, labels the visitor saw)
    "begeleiding-dag": ("support", {code: label for code, label, _icon in DAY_SUPPORT}),
    "begeleiding-nacht": ("support", {code: label for code, label, _icon in NIGHT_SUPPORT}),
    "voorzieningen": ("facilities", dict(T.Facility.choices)),
    "dagbesteding": ("facilities", {DAY_ACTIVITIES_YES: T.Facility.DAY_ACTIVITIES.label}),
    "omgeving": ("environment", dict(T.Environment.choices)),
    "levensovertuiging": ("life_outlooks", dict(T.LifeOutlook.choices)),
    "taal": ("languages", dict(T.Language.choices)),
}


def _rated_items(slugs, answers: dict) -> list[Item]:
    items = []
    for slug in slugs:
        list_name, labels = ITEM_SOURCES[slug]
        for code in _codes(answers, slug):
            if code not in labels:
                continue
            real_code = T.Facility.DAY_ACTIVITIES.value if slug == "dagbesteding" else code
            items.append(Item(list_name, real_code, str(labels[code])))
    return items


def _rating_items(*slugs: str):
    return lambda answers: _rated_items(slugs, answers)


def _rating_contribution(*slugs: str):
    def contribute(answer, answers: dict) -> Contribution:
        rated = answer or {}
        contribution = Contribution()
        for item in _rated_items(slugs, answers):
            # Not rated yet (a half-finished questionnaire): the wish counts, it does not filter.
            value = rated.get(item.field_name, "1")
            if value == MUST:
                contribution.add_must(item.list_name, item.code)
            else:
                contribution.wishes.append(Wish(item.list_name, item.code, int(value)))
        return contribution

    return contribute


SEVERAL_ANSWERS = Wording(
    _("U mag meer dan één antwoord kiezen."),
    together=_("We mogen meer dan één antwoord kiezen."),
)
RATING_HELP = Wording(
    _(
        "Moet: we laten alleen woonplekken zien die dit hebben. "
        "Fijn: woonplekken die dit hebben, staan hoger in de lijst. "
        "Hoe belangrijker, hoe hoger."
    )
)


def rating_question(
    slug: str, sources: tuple[str, ...], own: str, other: str, together: str
) -> Question:
    return Question(
        slug=slug,
        kind=IMPORTANCE,
        text=Wording(own, other, together),
        help=RATING_HELP,
        items=_rating_items(*sources),
        asked_when=_asks_rating(*sources),
        follows=sources,
        to_criteria=_rating_contribution(*sources),
        icon="star",
    )


# Contributions with a little more thought -------------------------------------------------


def _age(answer, answers: dict) -> Contribution:
    return Contribution(values={"age": answer}) if answer is not None else Contribution()


def _housing(answer, answers: dict) -> Contribution:
    codes = _codes(answers, "woonvorm")
    housing = [code for code in codes if code != AT_HOME]
    contribution = Contribution().add_must("housing_types", *housing) if housing else Contribution()
    if AT_HOME in codes and not housing:
        # Only at home: the provider must deliver care at home.
        contribution.add_must("financing", *AT_HOME_FINANCING)
    elif AT_HOME in codes:
        # At home or in a residence: care at home is a plus, not a filter that hides residences.
        contribution.wishes.extend(Wish("financing", code) for code in AT_HOME_FINANCING)
    return contribution


def _place(answer, answers: dict) -> Contribution:
    if not answer:
        return Contribution()
    return Contribution(
        values={
            "place": answer["query"],
            "latitude": answer["latitude"],
            "longitude": answer["longitude"],
            "place_label": answer["label"],
        }
    )


def _distance(answer, answers: dict) -> Contribution:
    km = numbers.parse_whole_number(answer)
    return Contribution(values={"max_distance_km": km}) if km is not None else Contribution()


def _urgency(answer, answers: dict) -> Contribution:
    return Contribution(values={"urgency": answer}) if answer else Contribution()


def _care_profile_options(answers: dict) -> list[Option]:
    profiles = T.care_profiles_for(_target_groups(answers))
    return [Option(profile.value, profile.label) for profile in profiles] + [DONT_KNOW_OPTION]


def _financing_options(answers: dict) -> list[Option]:
    if answers.get("indicatie") != INDICATION_YES:
        wanted = MUNICIPAL_FINANCING
    elif _codes(answers, "woonvorm") == [AT_HOME]:
        wanted = (T.Financing.VPT, T.Financing.MPT, T.Financing.PGB)
    else:
        wanted = (T.Financing.ZIN, T.Financing.VPT, T.Financing.MPT, T.Financing.PGB)
    return [
        Option(code.value, FINANCING_LABELS.get(code, code.label), FINANCING_ICONS[code])
        for code in wanted
    ] + [DONT_KNOW_OPTION]


def _distance_options(answers: dict) -> list[Option]:
    options = [
        Option(str(km), _("Tot %(km)s kilometer") % {"km": km}, icon)
        for km, icon in zip(DISTANCE_CHOICES_KM, DISTANCE_ICONS, strict=True)
    ]
    return options + [Option(NEAR_ANYWHERE, _("Dat maakt niet uit"), "question")]


def _distance_heading(answers: dict, together: bool = False) -> str:
    place = (answers.get("plaats") or {}).get("label", "")
    return str(_("Hoe ver van %(place)s mag de woonplek zijn?") % {"place": place})


# The questions, in the order they are asked -----------------------------------------------

QUESTIONS: tuple[Question, ...] = (
    Question(
        slug="voor-wie",
        kind=SINGLE,
        text=Wording(
            _("Voor wie zoekt u een woonplek?"),
            together=_("Voor wie zoeken we een woonplek?"),
        ),
        help=Wording(_("Dan stellen we de vragen op de goede manier.")),
        options=(
            Option(FOR_SELF, _("Voor mijzelf"), "person"),
            Option(FOR_RELATIVE, _("Voor mijn kind, partner of iemand uit mijn familie"), "group"),
            Option(FOR_CLIENT, _("Voor iemand die ik in mijn werk begeleid"), "care"),
        ),
        required_message=_("Kies voor wie u zoekt."),
        icon="person",
    ),
    Question(
        slug="leeftijd",
        kind=NUMBER,
        text=Wording(
            _("Hoe oud bent u?"),
            _("Hoe oud is %(naaste)s?"),
            _("Welke leeftijd vullen we in?"),
        ),
        help=Wording(_("Sommige woonplekken zijn alleen voor kinderen, volwassenen of ouderen.")),
        optional=True,
        to_criteria=_age,
        suffix=_("jaar"),
        icon="calendar",
    ),
    Question(
        slug="doelgroep",
        kind=MULTIPLE,
        text=Wording(
            _("Wat past bij u?"),
            _("Wat past bij %(naaste)s?"),
            _("Wat past bij de persoon voor wie we zoeken?"),
        ),
        help=SEVERAL_ANSWERS,
        options=_options(T.TargetGroup, TARGET_GROUP_ICONS) + (DONT_KNOW_OPTION,),
        to_criteria=_musts("target_groups", "doelgroep"),
        required_message=_("Kies wat past, of kies ‘Ik weet het niet’."),
        icon="person",
    ),
    Question(
        slug="indicatie",
        kind=SINGLE,
        text=Wording(
            _("Heeft u een Wlz-indicatie?"),
            _("Heeft %(naaste)s een Wlz-indicatie?"),
            _("Is er een Wlz-indicatie?"),
        ),
        help=Wording(
            _(
                "Met een Wlz-indicatie krijgt iemand zorg uit de Wet langdurige zorg. Het CIZ "
                "beslist dit en stuurt daarover een brief."
            )
        ),
        options=(
            Option(INDICATION_YES, _("Ja"), "check"),
            Option("aangevraagd", _("Nee, maar die is aangevraagd"), "clock"),
            Option(INDICATION_NO, _("Nee"), "cross"),
            DONT_KNOW_OPTION,
        ),
        required_message=_("Kies of er een Wlz-indicatie is."),
        icon="care",
    ),
    Question(
        slug="zorgprofiel",
        kind=SINGLE,
        text=Wording(_("Welk zorgprofiel staat in de brief van het CIZ?")),
        help=Wording(
            _(
                "Het zorgprofiel staat in het besluit van het CIZ, bijvoorbeeld VG03. "
                "Weet u het niet? Kies dan ‘Ik weet het niet’."
            ),
            together=_(
                "Het zorgprofiel staat in het besluit van het CIZ, bijvoorbeeld VG03. "
                "Weten we het niet? Kies dan ‘Ik weet het niet’."
            ),
        ),
        options=_care_profile_options,
        asked_when=asks_care_profile,
        follows=("doelgroep", "indicatie"),
        to_criteria=_musts("care_profiles", "zorgprofiel"),
        required_message=_("Kies een zorgprofiel, of kies ‘Ik weet het niet’."),
        icon="care",
    ),
    Question(
        slug="woonvorm",
        kind=MULTIPLE,
        text=Wording(
            _("Hoe wilt u wonen?"),
            _("Hoe wil %(naaste)s wonen?"),
            _("Welke manier van wonen zoeken we?"),
        ),
        help=Wording(
            _("Kies alles wat goed is. U mag meer dan één antwoord kiezen."),
            together=_("Kies alles wat goed is. We mogen meer dan één antwoord kiezen."),
        ),
        options=_options(T.HousingType, HOUSING_ICONS, exclude={T.HousingType.DAY_ACTIVITIES})
        + (
            Option(AT_HOME, _("Thuis blijven wonen, met zorg thuis (VPT of MPT)"), "home-care"),
            DONT_KNOW_OPTION,
        ),
        to_criteria=_housing,
        required_message=_("Kies hoe u wilt wonen, of kies ‘Ik weet het niet’."),
        icon="home",
    ),
    Question(
        slug="financiering",
        kind=SINGLE,
        text=Wording(_("Hoe wordt de zorg betaald?")),
        help=Wording(
            _(
                "Dit staat in de afspraken met het zorgkantoor of de gemeente. Zorg in Natura: "
                "de zorgaanbieder regelt alles. Pgb: u krijgt zelf geld en koopt de zorg in."
            ),
            together=_(
                "Dit staat in de afspraken met het zorgkantoor of de gemeente. Zorg in Natura: "
                "de zorgaanbieder regelt alles. Pgb: er komt zelf geld, en daarmee koopt de "
                "cliënt de zorg in."
            ),
        ),
        options=_financing_options,
        asked_when=asks_financing,
        follows=("indicatie",),
        to_criteria=_musts("financing", "financiering"),
        required_message=_("Kies hoe de zorg betaald wordt, of kies ‘Ik weet het niet’."),
        icon="euro",
    ),
    Question(
        slug="waar",
        kind=SINGLE,
        text=Wording(
            _("Waar wilt u wonen?"),
            _("Waar wil %(naaste)s wonen?"),
            _("Waar zoeken we een woonplek?"),
        ),
        help=Wording(
            _("Op de volgende pagina vult u de plaats of postcode in."),
            together=_("Op de volgende pagina vullen we de plaats of postcode in."),
        ),
        options=(
            Option("huidig", _("In de buurt van de huidige woning"), "home"),
            Option("familie", _("In de buurt van familie"), "group"),
            Option("elders", _("Ergens anders"), "map-pin"),
            Option(NEAR_ANYWHERE, _("Dat maakt niet uit"), "question"),
        ),
        required_message=_("Kies waar u wilt wonen."),
        icon="map-pin",
    ),
    Question(
        slug="plaats",
        kind=PLACE,
        text=place_heading,
        help=Wording(
            _(
                "Bijvoorbeeld 3011 of Rotterdam. Van een postcode gebruiken we alleen de vier "
                "cijfers."
            )
        ),
        asked_when=asks_place,
        follows=("waar",),
        to_criteria=_place,
        cleaner=clean_place,
        icon="map-pin",
    ),
    Question(
        slug="afstand",
        kind=SINGLE,
        text=_distance_heading,
        options=_distance_options,
        asked_when=asks_distance,
        follows=("plaats",),
        to_criteria=_distance,
        required_message=_("Kies hoe ver de woonplek mag zijn."),
        icon="map-pin",
    ),
    Question(
        slug="begeleiding-dag",
        kind=MULTIPLE,
        text=Wording(
            _("Welke hulp heeft u overdag nodig?"),
            _("Welke hulp heeft %(naaste)s overdag nodig?"),
            _("Welke hulp zoeken we voor overdag?"),
        ),
        help=SEVERAL_ANSWERS,
        options=tuple(Option(code, label, icon) for code, label, icon in DAY_SUPPORT)
        + (Option(NO_HELP, _("Af en toe hulp is genoeg"), "check", exclusive=True),)
        + (DONT_KNOW_OPTION,),
        required_message=_("Kies welke hulp nodig is, of kies ‘Ik weet het niet’."),
        icon="clock",
    ),
    Question(
        slug="begeleiding-nacht",
        kind=SINGLE,
        text=Wording(
            _("Welke hulp heeft u ’s nachts nodig?"),
            _("Welke hulp heeft %(naaste)s ’s nachts nodig?"),
            _("Welke hulp zoeken we voor ’s nachts?"),
        ),
        options=tuple(Option(code, label, icon) for code, label, icon in NIGHT_SUPPORT)
        + (Option(NO_HELP, _("’s Nachts is geen hulp nodig"), "check"), DONT_KNOW_OPTION),
        required_message=_("Kies welke hulp ’s nachts nodig is, of kies ‘Ik weet het niet’."),
        icon="moon",
    ),
    rating_question(
        "belang-begeleiding",
        ("begeleiding-dag", "begeleiding-nacht"),
        _("Welke hulp moet er zijn, en welke is fijn?"),
        _("Welke hulp moet er zijn voor %(naaste)s, en welke is fijn?"),
        _("Welke hulp moet er zijn, en welke vinden we fijn?"),
    ),
    Question(
        slug="voorzieningen",
        kind=MULTIPLE,
        text=Wording(
            _("Wat wilt u in of bij uw woning hebben?"),
            _("Wat wil %(naaste)s in of bij de woning hebben?"),
            _("Wat willen we in of bij de woning hebben?"),
        ),
        help=Wording(
            _("U mag meer dan één antwoord kiezen. Niets kiezen mag ook."),
            together=_("We mogen meer dan één antwoord kiezen. Niets kiezen mag ook."),
        ),
        options=_options(T.Facility, FACILITY_ICONS, exclude={T.Facility.DAY_ACTIVITIES}),
        optional=True,
        icon="home",
    ),
    Question(
        slug="dagbesteding",
        kind=SINGLE,
        text=Wording(
            _("Wilt u overdag iets te doen hebben, zoals dagbesteding of werk?"),
            _("Wil %(naaste)s overdag iets te doen hebben, zoals dagbesteding of werk?"),
            _("Zoeken we ook iets te doen voor overdag, zoals dagbesteding of werk?"),
        ),
        options=(
            Option(DAY_ACTIVITIES_YES, _("Ja, dicht bij de woonplek"), "check"),
            Option("nee", _("Nee, dat is niet nodig"), "cross"),
            DONT_KNOW_OPTION,
        ),
        required_message=_("Kies ja of nee, of kies ‘Ik weet het niet’."),
        icon="star",
    ),
    rating_question(
        "belang-voorzieningen",
        ("voorzieningen", "dagbesteding"),
        _("Wat moet er zijn in of bij de woning, en wat is fijn?"),
        _("Wat moet er zijn in of bij de woning van %(naaste)s, en wat is fijn?"),
        _("Wat moet er zijn in of bij de woning, en wat vinden we fijn?"),
    ),
    Question(
        slug="omgeving",
        kind=MULTIPLE,
        text=Wording(
            _("Hoe is de buurt waar u wilt wonen?"),
            _("Hoe is de buurt waar %(naaste)s wil wonen?"),
            _("In wat voor buurt zoeken we?"),
        ),
        help=Wording(_("Bijvoorbeeld rustig of levendig. Niets kiezen mag ook.")),
        options=_options(T.Environment, ENVIRONMENT_ICONS),
        optional=True,
        icon="tree",
    ),
    rating_question(
        "belang-omgeving",
        ("omgeving",),
        _("Wat moet er zijn in de buurt, en wat is fijn?"),
        _("Wat moet er zijn in de buurt van %(naaste)s, en wat is fijn?"),
        _("Wat moet er zijn in de buurt, en wat vinden we fijn?"),
    ),
    Question(
        slug="levensovertuiging",
        kind=MULTIPLE,
        text=Wording(
            _("Past de woonplek bij uw geloof of levensovertuiging?"),
            _("Past de woonplek bij het geloof of de levensovertuiging van %(naaste)s?"),
            _("Welk geloof of welke levensovertuiging vinden we belangrijk?"),
        ),
        help=Wording(_("Kies wat belangrijk is. Niets kiezen mag ook.")),
        options=_options(T.LifeOutlook, LIFE_OUTLOOK_ICONS),
        optional=True,
        icon="heart",
    ),
    rating_question(
        "belang-levensovertuiging",
        ("levensovertuiging",),
        _("Wat moet er zijn bij geloof en levensovertuiging, en wat is fijn?"),
        _("Wat moet er zijn bij geloof en levensovertuiging, en wat is fijn?"),
        _("Wat moet er zijn bij geloof en levensovertuiging, en wat vinden we fijn?"),
    ),
    Question(
        slug="taal",
        kind=MULTIPLE,
        text=Wording(
            _("In welke taal wilt u praten met de begeleiders?"),
            _("In welke taal wil %(naaste)s praten met de begeleiders?"),
            _("In welke taal willen we praten met de begeleiders?"),
        ),
        help=Wording(
            _("U mag meer dan één taal kiezen. Niets kiezen mag ook."),
            together=_("We mogen meer dan één taal kiezen. Niets kiezen mag ook."),
        ),
        options=_options(T.Language, LANGUAGE_ICONS),
        optional=True,
        icon="language",
    ),
    rating_question(
        "belang-taal",
        ("taal",),
        _("Welke taal moet er zijn, en welke is fijn?"),
        _("Welke taal moet er zijn, en welke is fijn?"),
        _("Welke taal moet er zijn, en welke vinden we fijn?"),
    ),
    Question(
        slug="wanneer",
        kind=SINGLE,
        text=Wording(
            _("Wanneer heeft u een woonplek nodig?"),
            _("Wanneer heeft %(naaste)s een woonplek nodig?"),
            _("Wanneer hebben we een woonplek nodig?"),
        ),
        options=_options(T.Urgency, URGENCY_ICONS),
        to_criteria=_urgency,
        required_message=_("Kies wanneer een woonplek nodig is."),
        icon="calendar",
    ),
)

BY_SLUG: dict[str, Question] = {question.slug: question for question in QUESTIONS}

# The questions that make the must conditions and the place. Once these are answered, the
# results already fit; the questions after them only change the order.
ESSENTIALS = frozenset(
    {
        "doelgroep",
        "indicatie",
        "zorgprofiel",
        "woonvorm",
        "financiering",
        "waar",
        "plaats",
        "afstand",
    }
)

# The fewest questions a visitor gets (no follow-up opens) and the most (every follow-up opens).
FEWEST_QUESTIONS = sum(1 for question in QUESTIONS if not question.is_follow_up)
MOST_QUESTIONS = len(QUESTIONS)
SECONDS_PER_QUESTION = 40


def minutes_for(question_count: int) -> int:
    """About how long this many questions take, rounded to five minutes."""
    return max(5, round(question_count * SECONDS_PER_QUESTION / 60 / 5) * 5)


def effective_answers(answers: dict) -> dict:
    """Only the answers to questions that are asked, given the answers before them.

    A visitor who goes back and changes a branch leaves old answers behind; they stay stored (so
    switching back restores them) but never count and never steer a later question. So does an
    answer that is no longer among its question's choices.
    """
    effective: dict = {}
    for question in QUESTIONS:
        if question.asked_when(effective) and _counts(question, answers, effective):
            effective[question.slug] = answers[question.slug]
    return effective


def _counts(question: Question, answers: dict, effective: dict) -> bool:
    return question.slug in answers and question.still_fits(answers[question.slug], effective)


def asked_questions(answers: dict) -> list[Question]:
    effective: dict = {}
    asked = []
    for question in QUESTIONS:
        if question.asked_when(effective):
            asked.append(question)
            if _counts(question, answers, effective):
                effective[question.slug] = answers[question.slug]
    return asked


def answers_to_criteria(answers: dict) -> Criteria:
    effective = effective_answers(answers)
    total = Contribution()
    for question in asked_questions(answers):
        # Called for unanswered questions too: chosen wishes count before they are rated.
        total.merge(question.to_criteria(effective.get(question.slug), effective))
    return total.to_criteria()


__all__ = [
    "BY_SLUG",
    "DONT_KNOW",
    "MUST",
    "QUESTIONS",
    "answers_to_criteria",
    "asked_questions",
    "effective_answers",
    "kinds",
]
