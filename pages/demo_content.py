"""The editorial demo content: real Dutch information pages in plain language (B1).

Each page is a dict with title, slug, intro, search_description and a body in StreamField's raw
form ({"type": ..., "value": ...}). `pages/demo.py` turns these into live ContentPages, and
their English translations from pages/demo_content_en.py.
"""


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def faq(title, items):
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": question, "answer": answer} for question, answer in items],
        },
    }


def quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def call_to_action(title, text, link_text, link_url="", link_page=None):
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "link_text": link_text,
            "link_url": link_url,
            "link_page": link_page,
        },
    }


WLZ = {
    "slug": "wat-is-de-wlz",
    "title": "Wat is de Wlz?",
    "show_in_menus": True,
    "intro": (
        "De Wet langdurige zorg (Wlz) is voor mensen die hun hele leven veel zorg nodig hebben, "
        "dag en nacht."
    ),
    "search_description": "Uitleg over de Wet langdurige zorg: voor wie, hoe u die aanvraagt en "
    "wat het kost.",
    "body": [
        heading("Voor wie is de Wlz?"),
        paragraph(
            "<p>De Wlz is voor mensen die <b>blijvend</b> zorg nodig hebben. Zij hebben de hele "
            "dag iemand in de buurt nodig, of iemand die steeds let op wat er gebeurt. Dat noemen "
            "we ook wel 'toezicht'.</p>"
            "<p>Het gaat bijvoorbeeld om:</p>"
            "<ul><li>ouderen met dementie of ernstige lichamelijke klachten;</li>"
            "<li>mensen met een verstandelijke beperking;</li>"
            "<li>mensen met een lichamelijke beperking of een zintuiglijke beperking (zien of "
            "horen);</li>"
            "<li>mensen met langdurige psychische problemen die beschermd moeten wonen.</li></ul>"
            "<p>Ook kinderen kunnen Wlz-zorg krijgen.</p>"
        ),
        heading("Wat krijgt u via de Wlz?"),
        paragraph(
            "<p>Met de Wlz kunt u wonen in een instelling met zorg, zoals een verpleeghuis of een "
            "woongroep. U kunt de zorg soms ook thuis krijgen. Bij de zorg horen bijvoorbeeld "
            "begeleiding, verzorging, verpleging en soms behandeling, zoals fysiotherapie.</p>"
        ),
        heading("Hoe vraagt u de Wlz aan?"),
        paragraph(
            "<ol><li>U vraagt een <b>indicatie</b> aan bij het CIZ (Centrum indicatiestelling "
            "zorg). Dat is gratis. Dat kan op <a href=\"https://www.ciz.nl\">ciz.nl</a>. Iemand "
            "anders mag u helpen, bijvoorbeeld familie of een cliëntondersteuner.</li>"
            "<li>Het CIZ praat met u en kijkt welke zorg u nodig heeft.</li>"
            "<li>U krijgt een brief met het besluit. Daarin staat uw <b>zorgprofiel</b>.</li>"
            "<li>Daarna kiest u hoe u de zorg krijgt, en bij welke zorgaanbieder. Het zorgkantoor "
            "in uw regio regelt dat met u.</li></ol>"
        ),
        heading("Wat kost de Wlz?"),
        paragraph(
            "<p>U betaalt een <b>eigen bijdrage</b>. Hoe hoog die is, hangt af van uw inkomen, uw "
            "spaargeld en de manier waarop u de zorg krijgt. Het CAK berekent de eigen bijdrage en "
            "stuurt u de rekening. Op <a href=\"https://www.hetcak.nl\">hetcak.nl</a> kunt u "
            "uitrekenen hoeveel u ongeveer gaat betalen.</p>"
        ),
        faq(
            "Veelgestelde vragen over de Wlz",
            [
                (
                    "Wat is het verschil tussen de Wlz en de Wmo?",
                    "<p>De Wmo is de wet voor hulp van uw gemeente, zodat u thuis kunt blijven "
                    "wonen. De Wlz is voor mensen die blijvend de hele dag zorg of toezicht nodig "
                    "hebben. Die zorg is zwaarder.</p>",
                ),
                (
                    "Moet ik verhuizen als ik Wlz-zorg krijg?",
                    "<p>Nee, dat hoeft niet altijd. Soms kunt u de zorg thuis krijgen, met een "
                    "volledig pakket thuis, een modulair pakket thuis of een persoonsgebonden "
                    "budget. Lees meer over deze vormen.</p>",
                ),
                (
                    "Hoe lang duurt het voordat ik een besluit krijg?",
                    "<p>Het CIZ moet binnen zes weken beslissen. Soms duurt het langer, "
                    "bijvoorbeeld als het CIZ meer informatie nodig heeft. Is het dringend? "
                    "Vertel dat dan bij uw aanvraag.</p>",
                ),
            ],
        ),
        call_to_action(
            "Een woonplek zoeken",
            "Heeft u al een indicatie? Beantwoord een paar vragen en zie welke woonplekken bij "
            "u passen.",
            "Help mij stap voor stap kiezen",
            link_url="/vragenlijst/",
        ),
    ],
}

INDICATION = {
    "slug": "indicatie-en-zorgprofiel",
    "title": "Indicatie en zorgprofiel",
    "show_in_menus": False,
    "intro": (
        "Om Wlz-zorg te krijgen heeft u een indicatie nodig. Daarin staat uw zorgprofiel: welke "
        "zorg u ongeveer nodig heeft."
    ),
    "search_description": "Wat een Wlz-indicatie en een zorgprofiel zijn, en hoe u ze leest.",
    "body": [
        heading("Wat is een indicatie?"),
        paragraph(
            "<p>Een indicatie is een besluit van het CIZ. Daarin staat dat u recht heeft op zorg "
            "uit de Wlz. U vraagt de indicatie zelf aan, of iemand doet het voor u, bijvoorbeeld "
            "een familielid, de huisarts of de zorgaanbieder. Een indicatie voor de Wlz blijft "
            "meestal geldig zolang u leeft, omdat uw zorg blijvend is.</p>"
        ),
        heading("Wat is een zorgprofiel?"),
        paragraph(
            "<p>In uw indicatie staat een zorgprofiel. Het zorgprofiel zegt welke zorg bij u past "
            "en hoeveel. Een zorgprofiel bestaat uit letters en een cijfer, bijvoorbeeld "
            "<b>VV05</b> of <b>VG06</b>.</p>"
            "<ul><li><b>VV</b>: verpleging en verzorging, vaak voor ouderen.</li>"
            "<li><b>VG</b>: voor mensen met een verstandelijke beperking.</li>"
            "<li><b>LG</b>: voor mensen met een lichamelijke beperking.</li>"
            "<li><b>ZGvis</b> en <b>ZGaud</b>: voor mensen die slecht zien of slecht horen.</li>"
            "<li><b>GGZ-B</b> en <b>GGZ-W</b>: voor mensen met langdurige psychische "
            "problemen.</li></ul>"
            "<p>Hoe hoger het cijfer, hoe meer zorg u meestal nodig heeft. Een woonplek past bij "
            "u als de zorgaanbieder zorg geeft voor uw zorgprofiel.</p>"
        ),
        heading("Waar vindt u uw zorgprofiel?"),
        paragraph(
            "<p>Uw zorgprofiel staat in de brief van het CIZ met het besluit over uw aanvraag "
            "(het indicatiebesluit). Kunt u de brief niet vinden? Bel dan het CIZ. Of vraag het "
            "aan het zorgkantoor.</p>"
        ),
        heading("Bent u het niet eens met het besluit?"),
        paragraph(
            "<p>Dan kunt u <b>bezwaar</b> maken bij het CIZ. Dat moet binnen zes weken na de "
            "datum op de brief. Een onafhankelijke cliëntondersteuner kan u daarbij helpen. Dat "
            "is gratis.</p>"
        ),
        faq(
            "Veelgestelde vragen",
            [
                (
                    "Mijn zorg verandert. Wat nu?",
                    "<p>Heeft u veel meer of andere zorg nodig? Dan kunt u een nieuwe indicatie "
                    "aanvragen bij het CIZ. Uw zorgaanbieder kan dat ook voor u doen.</p>",
                ),
                (
                    "Ik weet mijn zorgprofiel niet. Kan ik toch zoeken?",
                    "<p>Ja. U kunt ook zoeken zonder zorgprofiel. U ziet dan meer woonplekken. "
                    "Vraag de zorgaanbieder daarna of de plek bij uw indicatie past.</p>",
                ),
            ],
        ),
    ],
}

FINANCING = {
    "slug": "zorg-in-natura-vpt-mpt-en-pgb",
    "title": "Zorg in Natura, VPT, MPT en pgb",
    "show_in_menus": False,
    "intro": (
        "Met een Wlz-indicatie kiest u hoe u de zorg krijgt: in een instelling, thuis van één "
        "zorgaanbieder, thuis in losse delen, of met een eigen budget."
    ),
    "search_description": "De vier manieren om Wlz-zorg te krijgen: verblijf in een instelling, "
    "VPT, MPT en persoonsgebonden budget.",
    "body": [
        paragraph(
            "<p>De manier waarop u de zorg krijgt, heet de <b>leveringsvorm</b>. U kiest die samen "
            "met het zorgkantoor. Een onafhankelijke cliëntondersteuner kan u helpen kiezen.</p>"
        ),
        heading("Wonen in een instelling (Zorg in Natura)"),
        paragraph(
            "<p>U woont in een instelling, bijvoorbeeld een verpleeghuis of een woongroep. De "
            "zorgaanbieder regelt uw wonen, eten en zorg. Het zorgkantoor betaalt de "
            "zorgaanbieder. U betaalt een eigen bijdrage aan het CAK.</p>"
        ),
        heading("Volledig pakket thuis (VPT)"),
        paragraph(
            "<p>U blijft thuis wonen, of u woont in een woning van de zorgaanbieder. Eén "
            "zorgaanbieder geeft u alle zorg die u nodig heeft, ook 's nachts. Soms hoort ook eten "
            "erbij. U betaalt zelf de huur en de vaste lasten.</p>"
        ),
        heading("Modulair pakket thuis (MPT)"),
        paragraph(
            "<p>U woont thuis en kiest welke zorg u van een zorgaanbieder krijgt. Bijvoorbeeld "
            "alleen verzorging, of alleen begeleiding. Andere zorg regelt u zelf, bijvoorbeeld "
            "met hulp van familie of met een pgb. Een MPT kan alleen als zorg thuis verantwoord "
            "is.</p>"
        ),
        heading("Persoonsgebonden budget (pgb)"),
        paragraph(
            "<p>U krijgt een budget en u koopt zelf uw zorg in. U kiest zelf wie de zorg geeft. "
            "Dat kan ook een wooninitiatief zijn, bijvoorbeeld een kleinschalige woonvorm die "
            "ouders samen hebben opgezet. Met een pgb heeft u meer vrijheid, maar ook meer werk: "
            "u sluit zelf contracten en houdt de administratie bij. De Sociale Verzekeringsbank "
            "(SVB) betaalt de zorgverleners uit uw budget. Meer informatie staat op "
            "<a href=\"https://www.svb.nl/nl/pgb\">svb.nl/pgb</a>.</p>"
        ),
        faq(
            "Veelgestelde vragen",
            [
                (
                    "Welke vorm past bij mij?",
                    "<p>Dat hangt af van uw zorg, van waar u wilt wonen en van wat u zelf kunt "
                    "regelen. Wilt u alles op één plek? Kies dan voor wonen in een instelling. "
                    "Wilt u zelf bepalen wie u helpt? Dan past een pgb misschien beter.</p>",
                ),
                (
                    "Kan ik later nog veranderen?",
                    "<p>Ja. U kunt een andere leveringsvorm kiezen als uw situatie verandert. "
                    "Neem daarvoor contact op met het zorgkantoor.</p>",
                ),
                (
                    "Betaal ik overal dezelfde eigen bijdrage?",
                    "<p>Nee. Bij wonen in een instelling betaalt u vaak een hogere eigen "
                    "bijdrage, omdat wonen en eten erbij horen. Bij zorg thuis betaalt u meestal "
                    "een lagere eigen bijdrage. Het CAK rekent het voor u uit.</p>",
                ),
            ],
        ),
    ],
}

CLIENT_SUPPORT = {
    "slug": "onafhankelijke-clientondersteuning",
    "title": "Onafhankelijke cliëntondersteuning",
    "show_in_menus": True,
    "intro": (
        "Een cliëntondersteuner helpt u gratis bij alles rond de Wlz. Hij of zij staat aan uw "
        "kant en werkt niet voor een zorgaanbieder."
    ),
    "search_description": "Gratis hulp van een onafhankelijke cliëntondersteuner bij de Wlz en "
    "bij het kiezen van een woonplek.",
    "body": [
        heading("Wat doet een cliëntondersteuner?"),
        paragraph(
            "<p>Een cliëntondersteuner denkt met u mee en helpt u bijvoorbeeld:</p>"
            "<ul><li>bij het aanvragen van een indicatie bij het CIZ;</li>"
            "<li>bij het kiezen tussen wonen in een instelling of zorg thuis;</li>"
            "<li>bij het zoeken en bekijken van een woonplek;</li>"
            "<li>bij gesprekken met een zorgaanbieder of het zorgkantoor;</li>"
            "<li>als u het ergens niet mee eens bent, bijvoorbeeld met een besluit.</li></ul>"
        ),
        heading("Wat kost het?"),
        paragraph(
            "<p>Niets. Iedereen met (een aanvraag voor) een Wlz-indicatie heeft recht op gratis "
            "onafhankelijke cliëntondersteuning. Ook uw familie of mantelzorger mag om hulp "
            "vragen.</p>"
        ),
        heading("Hoe komt u in contact?"),
        paragraph(
            "<p>Neem contact op met een organisatie voor cliëntondersteuning in uw regio. In de "
            "regio Rotterdam is dat onder andere MEE Rotterdam Rijnmond. U kunt ook het "
            "zorgkantoor vragen welke cliëntondersteuners er zijn.</p>"
        ),
        quote(
            "Ik wist niet waar ik moest beginnen. De cliëntondersteuner ging mee naar twee "
            "woonplekken en hielp mij met de vragen die ik wilde stellen.",
            "Dochter van een bewoner",
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "toegankelijkheidsverklaring",
    "title": "Toegankelijkheidsverklaring",
    "show_in_menus": False,
    "intro": "Iedereen moet Woonvinder kunnen gebruiken. Hier leest u hoe we daarvoor zorgen.",
    "search_description": "Hoe toegankelijk Woonvinder is, wat nog niet goed gaat en hoe u een "
    "probleem meldt.",
    "body": [
        heading("Onze standaard"),
        paragraph(
            "<p>Woonvinder wil voldoen aan de <b>WCAG 2.2 op niveau AA</b>. Dat is de standaard "
            "voor toegankelijke websites van de Nederlandse overheid (via de Europese norm "
            "EN 301 549).</p>"
        ),
        heading("Wat we doen"),
        paragraph(
            "<ul><li>De website werkt met alleen een toetsenbord en met een schermlezer.</li>"
            "<li>De website werkt op een kleine telefoon en als u tot 200% inzoomt.</li>"
            "<li>De teksten zijn in eenvoudig Nederlands. Er is ook een Engelse versie van "
            "de knoppen en formulieren.</li>"
            "<li>Informatie staat nooit alleen in een kleur: er staan altijd woorden of een "
            "pictogram bij.</li>"
            "<li>Foto's van woonplekken hebben altijd een beschrijving. Zorgaanbieders kunnen een "
            "foto niet plaatsen zonder beschrijving.</li>"
            "<li>Bij elke nieuwe versie van de website controleren we elke soort pagina "
            "automatisch met axe-core. We testen ook met alleen een toetsenbord.</li></ul>"
        ),
        heading("Wat nog niet goed gaat"),
        paragraph(
            "<ul><li>De kaart met woonplekken is niet goed te gebruiken met een schermlezer. "
            "Dezelfde informatie staat daarom altijd ook in de lijst.</li>"
            "<li>Documenten die zorgaanbieders zelf plaatsen, zoals folders in pdf, zijn niet "
            "altijd toegankelijk. Vraag de zorgaanbieder om een andere vorm als u een document "
            "niet kunt lezen.</li>"
            "<li>Een onderzoek door een onafhankelijke deskundige is nog niet gedaan. We "
            "plannen dit en zetten de uitkomst op deze pagina.</li></ul>"
        ),
        heading("Een probleem melden"),
        paragraph(
            "<p>Kunt u iets op Woonvinder niet gebruiken? Laat het ons weten via het e-mailadres "
            "onderaan deze pagina. Schrijf erbij op welke pagina het was en wat er misging. We "
            "antwoorden binnen vijf werkdagen.</p>"
        ),
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy",
    "show_in_menus": False,
    "intro": (
        "Uw antwoorden over zorg zijn gevoelig. We gaan er zorgvuldig mee om en bewaren zo "
        "weinig mogelijk."
    ),
    "search_description": "Welke gegevens Woonvinder gebruikt, hoe lang we ze bewaren en welke "
    "cookies we plaatsen.",
    "body": [
        heading("Uw antwoorden op de vragen"),
        paragraph(
            "<p>Als u de vragen beantwoordt, onthouden we uw antwoorden alleen tijdens uw bezoek. "
            "Na één dag zijn ze weg. We bewaren uw antwoorden alleen langer als u daar zelf om "
            "vraagt. We zetten uw antwoorden nooit in onze logbestanden.</p>"
        ),
        heading("Zoeken en delen"),
        paragraph(
            "<p>Uw zoekopdracht staat in het adres (de link) van de pagina met resultaten. Zo "
            "kunt u de resultaten bewaren, printen of delen met bijvoorbeeld een familielid of "
            "cliëntondersteuner. Wie de link heeft, ziet uw zoekopdracht. Deel de link dus alleen "
            "met mensen die u vertrouwt.</p>"
        ),
        heading("Cookies"),
        paragraph(
            "<p>We gebruiken alleen cookies die nodig zijn om de website te laten werken:</p>"
            "<ul><li>een cookie om uw bezoek te onthouden (bijvoorbeeld uw antwoorden). Deze "
            "cookie verdwijnt na een dag;</li>"
            "<li>een cookie met uw bewaarlijst: alleen de woonplekken die u bewaart, niets over "
            "u. Deze cookie blijft 30 dagen;</li>"
            "<li>een cookie die formulieren beveiligt;</li>"
            "<li>een cookie die onthoudt welke taal u kiest.</li></ul>"
            "<p>We gebruiken geen cookies om u te volgen en we laten geen andere bedrijven "
            "meekijken.</p>"
        ),
        heading("De kaart"),
        paragraph(
            "<p>Bekijkt u woonplekken op de kaart? Dan haalt uw browser de kaartplaatjes op bij "
            "OpenStreetMap. OpenStreetMap ziet dan uw IP-adres, maar niet wat u zoekt. Wilt u dat "
            "niet? Gebruik dan de lijst.</p>"
        ),
        heading("Uw rechten"),
        paragraph(
            "<p>U mag vragen welke gegevens we van u hebben, en vragen om ze te veranderen of te "
            "verwijderen. Stuur daarvoor een e-mail naar het adres onderaan deze pagina. Bent u "
            "niet tevreden over hoe we met uw gegevens omgaan? Dan kunt u een klacht indienen bij "
            "de <a href=\"https://www.autoriteitpersoonsgegevens.nl\">Autoriteit "
            "Persoonsgegevens</a>.</p>"
        ),
    ],
}

ABOUT = {
    "slug": "over-woonvinder",
    "title": "Over Woonvinder",
    "show_in_menus": False,
    "intro": (
        "Woonvinder is van het zorgkantoor Rotterdam Rijnmond en de gemeenten in de regio. U "
        "ziet elke woonplek met Wlz-zorg in de regio, en niemand kan betalen om hoger te staan."
    ),
    "search_description": "Wie Woonvinder maakt, hoe woonplekken op Woonvinder komen en hoe we "
    "de volgorde van de resultaten bepalen.",
    "body": [
        heading("Wie maakt Woonvinder?"),
        paragraph(
            "<p>Woonvinder is een dienst van het zorgkantoor Rotterdam Rijnmond, samen met de "
            "gemeenten in de regio. Het zorgkantoor regelt de Wlz-zorg voor iedereen in de regio. "
            "Het wil dat mensen en hun familie een woonplek vinden die past, zonder dat ze elke "
            "zorgaanbieder hoeven te bellen.</p>"
            "<p>Woonvinder is gratis. Er staan geen advertenties op en we verkopen geen "
            "gegevens.</p>"
        ),
        heading("Hoe komen woonplekken op Woonvinder?"),
        paragraph(
            "<p>Elke zorgaanbieder met een contract met het zorgkantoor voor Wlz-zorg in de regio "
            "kan zijn woonplekken op Woonvinder zetten. De redacteuren van elke zorgaanbieder "
            "houden hun eigen woonplekken bij: de beschrijving, de zorg, de foto's en of er plek "
            "is. Een regiocoördinator kijkt een nieuwe woonplek na voordat die zichtbaar "
            "wordt.</p>"
            "<p>Bij elke woonplek ziet u wanneer voor het laatst is bevestigd of er plek is. Is "
            "dat lang geleden? Dan zeggen we dat erbij.</p>"
        ),
        heading("Niemand kan betalen voor een hogere plek"),
        paragraph(
            "<p>De volgorde van de resultaten hangt alleen af van uw wensen, de afstand en of er "
            "plek is. Zorgaanbieders kunnen niet betalen om hoger te staan. Bij elk resultaat "
            "staat waarom het er staat.</p>"
        ),
    ],
}

CONTENT_PAGES = [WLZ, INDICATION, FINANCING, CLIENT_SUPPORT, ACCESSIBILITY, PRIVACY, ABOUT]

HOME_INTRO = (
    "Woonvinder helpt u een woonplek met zorg te vinden als u een Wlz-indicatie heeft, of "
    "binnenkort krijgt. Voor uzelf, of voor iemand om wie u geeft."
)

HOME_HOW_IT_WORKS = (
    "<ol><li>Beantwoord een paar vragen, of zoek direct op plaats.</li>"
    "<li>U ziet de woonplekken die passen, met uitleg waarom ze passen en of er plek is.</li>"
    "<li>Bewaar de woonplekken die u aanspreken, vergelijk ze en print uw lijst.</li>"
    "<li>Neem contact op met de zorgaanbieder om te gaan kijken.</li></ol>"
)

SUPPORT_URL = "https://www.meerotterdamrijnmond.nl"
