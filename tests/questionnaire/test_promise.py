"""The questionnaire keeps its promise: an honest range up front, a count that never grows by
surprise, results after the essential questions, care words explained, a Dutch date, and each
option its own pictogram. Everything is read from the pages a visitor gets, over HTTP."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from questionnaire.questions import ESSENTIALS, FEWEST_QUESTIONS, MOST_QUESTIONS, QUESTIONS
from tests.questionnaire.conftest import FULL_ANSWERS, step_url

# Every follow-up opens: day activities and a life outlook are chosen, so all rating pages come.
MOST_FOLLOW_UPS = {
    **FULL_ANSWERS,
    "dagbesteding": "ja",
    "belang-voorzieningen": {
        "facilities-eigen-kamer": "moet",
        "facilities-tuin": "2",
        "facilities-dagbesteding": "1",
    },
    "levensovertuiging": ["humanistisch"],
    "belang-levensovertuiging": {"life_outlooks-humanistisch": "2"},
}
# No follow-up opens.
FEWEST_FOLLOW_UPS = {
    "voor-wie": "zelf",
    "leeftijd": "",
    "doelgroep": ["weet-niet"],
    "indicatie": "weet-niet",
    "woonvorm": ["weet-niet"],
    "waar": "maakt-niet-uit",
    "begeleiding-dag": ["geen"],
    "begeleiding-nacht": "geen",
    "voorzieningen": [],
    "dagbesteding": "nee",
    "omgeving": [],
    "levensovertuiging": [],
    "taal": [],
    "wanneer": "orienteren",
}
DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
PROGRESS = re.compile(
    r'<p class="progress__text">Vraag (\d+) · '
    r"(?:nog (?:hoogstens )?(\d+) (?:vraag|vragen)|dit is de laatste vraag)</p>"
)
EARLY_RESULTS = re.compile(r'<a href="([^"]+)">Bekijk nu al de woonplekken die passen</a>')


def _post(client, slug: str, value):
    data = value if isinstance(value, dict) else {slug: value}
    return client.post(step_url(slug), data)


def walk(client, answers: dict) -> list[dict]:
    """Answer every question from the first; what each page showed before it was answered."""
    pages = []
    url = step_url("voor-wie")
    while url != reverse("questionnaire:check"):
        slug = urlsplit(url).path.rstrip("/").split("/")[-1]
        html = client.get(url).content.decode()
        number, left = PROGRESS.search(html).groups()
        early = EARLY_RESULTS.search(html)
        pages.append(
            {
                "slug": slug,
                "number": int(number),
                "left": int(left or 0),
                "early_url": early.group(1).replace("&amp;", "&") if early else None,
            }
        )
        response = _post(client, slug, answers[slug])
        assert response.status_code == 302, (slug, response.content[:1500])
        url = response["Location"]
    return pages


def test_start_page_promises_the_range_of_questions_and_minutes(client, db):
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert (FEWEST_QUESTIONS, MOST_QUESTIONS) == (14, 23)
    assert "We stellen u tussen 14 en 23 vragen, één per pagina." in html
    assert "Dat duurt ongeveer 10 tot 15 minuten." in html
    assert "een paar vragen" not in html


def test_the_promised_range_is_what_visitors_really_get(client, django_app_client):
    assert len(walk(client, FEWEST_FOLLOW_UPS)) == FEWEST_QUESTIONS
    assert len(walk(django_app_client, MOST_FOLLOW_UPS)) == MOST_QUESTIONS


def test_count_only_goes_down_and_never_passes_the_promised_maximum(client, db):
    pages = walk(client, MOST_FOLLOW_UPS)
    assert [page["number"] for page in pages] == list(range(1, MOST_QUESTIONS + 1))
    for before, after in zip(pages, pages[1:], strict=False):
        # One question further, at least one question fewer to go.
        assert after["left"] < before["left"], (before, after)
        assert after["number"] + after["left"] <= before["number"] + before["left"]
    assert all(page["number"] + page["left"] <= MOST_QUESTIONS for page in pages)
    assert pages[0]["left"] == MOST_QUESTIONS - 1
    assert pages[-1]["left"] == 0


def test_count_drops_as_soon_as_an_answer_closes_a_branch(client, db):
    pages = {page["slug"]: page for page in walk(client, FEWEST_FOLLOW_UPS)}
    assert pages["voor-wie"]["left"] == MOST_QUESTIONS - 1
    # Not knowing the indication closes the care profile and financing questions.
    assert pages["woonvorm"]["left"] == pages["indicatie"]["left"] - 3
    # "Dat maakt niet uit" closes the place and the distance.
    assert pages["begeleiding-dag"]["left"] == pages["waar"]["left"] - 3


def test_last_question_says_so(client, db):
    walk(client, FEWEST_FOLLOW_UPS)
    html = client.get(step_url("wanneer")).content.decode()
    assert "Vraag 14 · dit is de laatste vraag" in html


def test_results_can_be_seen_after_the_essential_questions(client, db):
    pages = walk(client, MOST_FOLLOW_UPS)
    essentials_done = False
    for page in pages:
        if not essentials_done and page["slug"] not in ESSENTIALS | {"voor-wie", "leeftijd"}:
            essentials_done = True
        assert bool(page["early_url"]) == essentials_done, page["slug"]
    first = next(page for page in pages if page["early_url"])
    assert first["slug"] == "begeleiding-dag"
    address = urlsplit(first["early_url"])
    assert address.path == reverse("search:results")
    query = parse_qs(address.query)
    assert query["doelgroep"] == ["vv-pg"]
    assert query["zorgprofiel"] == ["VV05"]
    assert query["woonvorm"] == ["kleinschalig"]
    assert query["financiering"] == ["zin"]
    assert query["plaats"] == ["3011"]
    assert query["afstand"] == ["10"]
    assert query["bron"] == ["vragenlijst"]
    # Nothing asked later is in it yet.
    assert "begeleiding" not in query and "wens" not in query
    assert client.get(first["early_url"]).status_code == 200


def test_care_words_are_explained_where_they_appear(visitor, client):
    for slug in ("voor-wie", "leeftijd", "doelgroep"):
        visitor.answer(slug, FULL_ANSWERS[slug])
    html = client.get(step_url("indicatie")).content.decode()
    assert "<summary>Wat betekent dit?</summary>" in html
    assert "<dt>CIZ</dt>" in html and "Centrum indicatiestelling zorg." in html
    assert "<dt>Wlz</dt>" in html and "Wet langdurige zorg." in html
    for slug in ("indicatie", "zorgprofiel"):
        visitor.answer(slug, FULL_ANSWERS[slug])
    html = client.get(step_url("woonvorm")).content.decode()
    assert "Volledig pakket thuis. U blijft thuis wonen" in html
    assert "Modulair pakket thuis." in html
    visitor.answer("woonvorm", ["kleinschalig"])
    html = client.get(step_url("financiering")).content.decode()
    for word, explanation in (
        ("ZIN", "Zorg in Natura. U woont in een instelling."),
        ("VPT", "Volledig pakket thuis."),
        ("MPT", "Modulair pakket thuis."),
        ("Pgb", "Persoonsgebonden budget. U krijgt zelf geld"),
    ):
        assert f"<dt>{word}</dt>" in html and explanation in html, word
    # A page without care words has no explanation block.
    visitor.answer("financiering", "zin")
    assert "Wat betekent dit?" not in client.get(step_url("waar")).content.decode()


def test_municipal_financing_is_explained_too(visitor, client):
    for slug, value in (("voor-wie", "zelf"), ("leeftijd", "16"), ("doelgroep", ["lvb"])):
        visitor.answer(slug, value)
    visitor.answer("indicatie", "nee")
    visitor.answer("woonvorm", ["groepswoning"])
    html = client.get(step_url("financiering")).content.decode()
    assert "<dt>Jeugdwet</dt>" in html and "<dt>Wmo</dt>" in html


def test_my_wishes_shows_the_date_in_dutch_words(visitor, client):
    visitor.complete()
    html = client.get(reverse("questionnaire:summary")).content.decode()
    today = timezone.localdate()
    assert f"Gemaakt op {today.day} {DUTCH_MONTHS[today.month - 1]} {today.year}" in html
    assert today.isoformat() not in html
    # The printed answers explain the care words they use.
    assert "<dt>ZIN</dt>" in html and "<dt>CIZ</dt>" in html


def _options_and_icons(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<input type="(?:radio|checkbox)" id="([^"]+)"[^>]*>\s*<label for="[^"]+">'
        r'(?:<svg class="icon[^"]*" aria-hidden="true" focusable="false">'
        r'<use href="[^"#]+#([^"]+)"></use></svg>)?',
        html,
    )


def test_each_option_has_its_own_pictogram_from_the_sprite(client, db):
    sprite = (Path(settings.BASE_DIR) / "site/static/icons/sprite.svg").read_text()
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite))
    answers = dict(MOST_FOLLOW_UPS, taal=["tr", "ngt"])
    answers["belang-taal"] = {"languages-tr": "2", "languages-ngt": "moet"}
    # Code lists whose options are codes read from a letter, or ratings: no pictograms.
    without = {"leeftijd", "zorgprofiel", "plaats"} | {
        question.slug for question in QUESTIONS if question.slug.startswith("belang-")
    }
    checked = []
    for page in walk(client, answers):
        if page["slug"] in without:
            continue
        html = client.get(step_url(page["slug"])).content.decode()
        options = _options_and_icons(html)
        assert options, page["slug"]
        icons = [icon for _option, icon in options]
        assert all(icons), (page["slug"], options)
        assert set(icons) <= symbols, set(icons) - symbols
        # Every spoken language shares the speech bubble; everything else is its own.
        spoken = page["slug"] == "taal"
        unique = [icon for icon in icons if not (spoken and icon == "speech")]
        if spoken:
            assert dict(options)["taal-ngt"] == "sign-language"
        assert len(unique) == len(set(unique)), (page["slug"], icons)
        checked.append(page["slug"])
    assert {"doelgroep", "woonvorm", "financiering", "voorzieningen", "levensovertuiging"} <= set(
        checked
    )


def test_visual_and_hearing_impairment_have_different_pictograms(visitor, client):
    visitor.answer("voor-wie", "zelf")
    visitor.answer("leeftijd", "40")
    options = dict(_options_and_icons(client.get(step_url("doelgroep")).content.decode()))
    assert options["doelgroep-zg-vis"] == "eye"
    assert options["doelgroep-zg-aud"] == "ear"


def test_question_heading_is_focusable_by_script_only_and_css_gives_it_no_frame(client, db):
    html = client.get(step_url("voor-wie")).content.decode()
    assert '<h1 id="vraag-titel" tabindex="-1">' in html
    css = Path(settings.BASE_DIR) / "questionnaire/static/questionnaire/questionnaire.css"
    rules = css.read_text()
    assert "#vraag-titel" not in rules and "h1:focus" not in rules
