"""The whole journey through the Django test client: steps, errors, back links, check, results."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from tests.questionnaire.conftest import step_url


def test_start_page_links_to_the_first_question(client, db):
    response = client.get(reverse("questionnaire:start"))
    assert response.status_code == 200
    assert step_url("voor-wie") in response.content.decode()


def test_complete_journey_reaches_check_page_and_results_with_the_criteria(visitor, client):
    visited = visitor.complete()
    # The dagbesteding "nee" answer and empty life outlook skip those must-or-nice pages.
    assert "belang-levensovertuiging" not in visited
    assert visited[0] == "voor-wie" and visited[-1] == "wanneer"
    check = client.get(reverse("questionnaire:check"))
    assert check.status_code == 200
    html = check.content.decode()
    assert "Kloppen uw antwoorden?" in html
    assert step_url("plaats", returning=True) in html
    response = client.post(reverse("questionnaire:check"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("search:results")
    query = parse_qs(location.query)
    assert query["plaats"] == ["3011"]
    assert query["doelgroep"] == ["vv-pg"]
    assert query["begeleiding"] == ["aanwezig-24u"]
    assert query["voorziening"] == ["eigen-kamer"]
    assert sorted(query["wens"]) == sorted(
        ["begeleiding:nacht-wakend:3", "voorziening:tuin:2", "omgeving:rustig:1", "taal:tr:2"]
    )
    assert query["bron"] == ["vragenlijst"]


def test_results_page_renders_for_the_handoff(visitor, client):
    visitor.complete()
    response = client.post(reverse("questionnaire:check"), follow=True)
    assert response.status_code == 200
    assert reverse("questionnaire:check") in response.content.decode()


def test_each_step_shows_progress_back_link_and_question_as_heading(visitor, client):
    visitor.answer("voor-wie", "zelf")
    response = client.get(step_url("leeftijd"))
    html = response.content.decode()
    assert 'class="back-link" href="{}"'.format(step_url("voor-wie")) in html
    assert "Vraag 2 · nog hoogstens 21 vragen" in html
    assert '<h1 class="legend legend--large" id="vraag-titel" tabindex="-1">' in html
    assert "Hoe oud bent u?" in html
    heading = html.split('id="vraag-titel"')[1].split("</h1>")[0]
    assert "(niet verplicht)" in heading and "*" not in heading


def test_wording_follows_for_whom(visitor, client):
    visitor.answer("voor-wie", "client")
    html = client.get(step_url("leeftijd")).content.decode()
    assert "Hoe oud is uw cliënt?" in html


def test_missing_answer_shows_error_summary_linked_to_the_first_option(visitor, client):
    response = client.post(step_url("voor-wie"), {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert '<a href="#voor-wie-zelf">Kies voor wie u zoekt.</a>' in html
    assert 'id="voor-wie-zelf"' in html
    assert 'aria-describedby="voor-wie-hint voor-wie-error"' in html
    assert "<title>Fout:" in html


def test_wrong_age_is_explained_and_keeps_what_was_typed(visitor, client):
    visitor.answer("voor-wie", "zelf")
    response = visitor.answer("leeftijd", "honderd")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#leeftijd"' in html
    assert "Vul een getal in, bijvoorbeeld 45." in html
    assert 'value="honderd"' in html
    assert 'aria-invalid="true"' in html


def test_unknown_place_gives_the_geocoders_dutch_message_with_suggestions(visitor, client):
    for slug, value in [
        ("voor-wie", "zelf"),
        ("leeftijd", ""),
        ("doelgroep", ["weet-niet"]),
        ("indicatie", "weet-niet"),
        ("woonvorm", ["weet-niet"]),
        ("waar", "elders"),
    ]:
        assert visitor.answer(slug, value).status_code == 302
    response = visitor.answer("plaats", "Rotterdm")
    html = response.content.decode()
    assert "Bedoelt u: Rotterdam" in html
    assert 'href="#plaats"' in html


def test_dont_know_cannot_be_combined_with_other_choices(visitor):
    visitor.answer("voor-wie", "zelf")
    visitor.answer("leeftijd", "40")
    response = visitor.answer("doelgroep", ["vg", "weet-niet"])
    assert response.status_code == 200
    assert "niet samen met andere antwoorden" in response.content.decode()


def test_skipping_ahead_by_url_goes_to_the_first_open_question(visitor, client):
    visitor.answer("voor-wie", "zelf")
    response = client.get(step_url("wanneer"))
    assert response.status_code == 302
    assert response["Location"] == step_url("leeftijd")


def test_unknown_step_is_404(client, db):
    assert client.get(step_url("bestaat-niet")).status_code == 404


def test_check_page_before_the_end_sends_to_the_open_question(visitor, client):
    visitor.answer("voor-wie", "zelf")
    response = client.get(reverse("questionnaire:check"))
    assert response["Location"] == step_url("leeftijd")


def test_change_from_check_returns_to_check(visitor, client):
    visitor.complete()
    response = visitor.answer("wanneer", "nu", returning=True)
    assert response["Location"] == reverse("questionnaire:check")
    page = client.get(step_url("wanneer", returning=True)).content.decode()
    assert 'class="back-link" href="{}"'.format(reverse("questionnaire:check")) in page


def test_change_from_check_asks_the_new_follow_up_first(visitor, client):
    visitor.complete()
    response = visitor.answer("voorzieningen", ["eigen-kamer", "tuin", "lift"], returning=True)
    assert response["Location"] == step_url("belang-voorzieningen", returning=True)
    follow_up = client.get(response["Location"]).content.decode()
    assert "Lift" in follow_up
    response = visitor.answer(
        "belang-voorzieningen",
        {
            "facilities-eigen-kamer": "moet",
            "facilities-tuin": "2",
            "facilities-lift": "moet",
        },
        returning=True,
    )
    assert response["Location"] == reverse("questionnaire:check")
    results = client.post(reverse("questionnaire:check"))["Location"]
    assert parse_qs(urlsplit(results).query)["voorziening"] == ["eigen-kamer", "lift"]


def test_must_or_nice_page_requires_a_choice_per_item(visitor, client):
    visitor.complete()
    response = visitor.answer("belang-voorzieningen", {"facilities-tuin": "2"}, returning=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#facilities-eigen-kamer-moet"' in html
    assert "Kies bij ‘Eigen kamer’ of het moet of fijn is." in html
    assert 'id="facilities-tuin-2" name="facilities-tuin" value="2" checked' in html


def test_forget_clears_the_answers(visitor, client):
    visitor.complete()
    response = client.post(reverse("questionnaire:forget"))
    assert response["Location"] == reverse("questionnaire:start")
    assert client.get(reverse("questionnaire:check"))["Location"] == step_url("voor-wie")


def test_answers_expire_after_24_hours_with_a_notice(visitor, client, monkeypatch):
    from questionnaire import clock

    visitor.complete()
    real_now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: real_now + 24 * 3600 + 1)
    response = client.get(reverse("questionnaire:check"), follow=True)
    assert response.redirect_chain[-1][0] == step_url("voor-wie")
    assert "na 24 uur gewist" in response.content.decode()


def test_questionnaire_pages_are_not_cached(visitor, client):
    visitor.complete()
    for url in [
        reverse("questionnaire:check"),
        step_url("wanneer"),
        reverse("questionnaire:summary"),
    ]:
        assert "no-store" in client.get(url)["Cache-Control"]


YOUTH_ANSWERS = {
    "voor-wie": "client",
    "leeftijd": "16",
    "doelgroep": ["lvb"],
    "indicatie": "nee",
    "woonvorm": ["weet-niet"],
    "financiering": "jeugdwet",
    "waar": "maakt-niet-uit",
    "begeleiding-dag": ["weet-niet"],
    "begeleiding-nacht": "weet-niet",
    "voorzieningen": [],
    "dagbesteding": "nee",
    "omgeving": [],
    "levensovertuiging": [],
    "taal": [],
    "wanneer": "nu",
}


def test_a_professional_placing_a_sixteen_year_old_under_the_jeugdwet_sees_only_jeugdwet_homes(
    visitor, client
):
    from search.indexing import rebuild_index
    from tests.factories import ProviderPageFactory, ResidencePageFactory

    provider = ProviderPageFactory()
    youth = {"target_groups": ["lvb"], "min_age": 12, "max_age": 23, "parent": provider}
    ResidencePageFactory(title="Jongerenhuis De Brug", financing=["jeugdwet"], **youth)
    ResidencePageFactory(title="Woonhuis Wlz", financing=["zin"], **youth)
    ResidencePageFactory(title="Beschermd Wonen Kade", financing=["wmo"], **youth)
    rebuild_index()

    visited = visitor.complete(YOUTH_ANSWERS)
    assert "financiering" in visited
    step = client.get(step_url("financiering")).content.decode()
    assert "Jeugdwet: jeugdhulp via de gemeente" in step
    assert "Wmo: beschermd wonen via de gemeente" in step

    response = client.post(reverse("questionnaire:check"))
    assert parse_qs(urlsplit(response["Location"]).query)["financiering"] == ["jeugdwet"]
    results = client.get(response["Location"]).content.decode()
    assert "Jongerenhuis De Brug" in results
    assert "Woonhuis Wlz" not in results and "Beschermd Wonen Kade" not in results
