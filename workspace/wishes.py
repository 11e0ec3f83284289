"""The questionnaire filled in together with a client: the answers are kept with the client
(Client.answers, encrypted) and, once complete, kept in step with one saved search.

The questions, their validation and their branching stay in questionnaire/: this module only
says where a client's answers live and what follows from them.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from questionnaire import flow, summary
from questionnaire.kinds import FOR_CLIENT
from questionnaire.questions import QUESTIONS, answers_to_criteria
from questionnaire.views.common import RETURN_PARAMETER, RETURN_TO_CHECK
from questionnaire.views.steps import Route, answer_rows
from workspace import services
from workspace.models import Client, SavedSearch

# The workspace asks about the client; the professional need not say so first.
FIRST_ANSWERS = {"voor-wie": FOR_CLIENT}
# Going through all questions again starts after "for whom".
FIRST_QUESTION = QUESTIONS[1]


def answers_of(client: Client) -> dict:
    """The client's answers so far, or a fresh start."""
    return dict(client.answers) if client.answers else dict(FIRST_ANSWERS)


def is_finished(client: Client) -> bool:
    return bool(client.answers) and flow.is_finished(client.answers)


def search_of(client: Client) -> SavedSearch | None:
    return client.searches.filter(from_answers=True).first()


@transaction.atomic
def keep(*, client: Client, answers: dict) -> SavedSearch | None:
    """Store the answers with the client; complete answers make or update their saved search."""
    client.answers = answers
    client.save(update_fields=["answers"])
    client.touch()
    if not flow.is_finished(answers):
        return None
    return sync_search(client)


def sync_search(client: Client) -> SavedSearch:
    """The saved search "Onze wensen" follows the answers. When they change, what fits now
    counts as seen: "new since" then means new for these wishes, not for the old ones."""
    criteria = answers_to_criteria(client.answers).with_changes(page=1)
    search = search_of(client)
    if search is None:
        search = services.save_search(client=client, name=_("Onze wensen"), criteria=criteria)
        search.from_answers = True
        search.save(update_fields=["from_answers"])
    elif search.query != criteria.to_query():
        search.query = criteria.to_query()
        search.save(update_fields=["query"])
        services.mark_seen(search=search)
    return search


WISHES_ANCHOR = "onze-wensen"


def route_for(client) -> Route:
    def step_url(question, returning: bool) -> str:
        url = reverse("workspace:questionnaire_step", args=[client.pk, question.slug])
        return f"{url}?{RETURN_PARAMETER}={RETURN_TO_CHECK}" if returning else url

    client_url = reverse("workspace:client", args=[client.pk])
    return Route(
        step=step_url,
        check=f"{client_url}#{WISHES_ANCHOR}",
        start=client_url,
        together=True,
    )


def wishes_context(client) -> dict:
    """What the client's page shows of the questionnaire: "Onze wensen", or how far it got."""
    if not client.answers:
        return {"state": "empty"}
    if not is_finished(client):
        return {"state": "started"}
    return {
        "state": "finished",
        "rows": answer_rows(client.answers, route_for(client)),
        "search": search_of(client),
    }


def shared_wishes(client) -> list[dict]:
    """Onze wensen, read-only, for the client's share link: each question and its answer."""
    if not is_finished(client):
        return []
    return summary.answer_list(client.answers, together=True)
