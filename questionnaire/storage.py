"""Where the answers live: encrypted in the server-side session, and in resume links.

Django's database session store writes readable (base64, signed) JSON to the django_session
table. Answers are health data, so what we put in the session is a Fernet token (crypto.py):
the session row holds only ciphertext, and so does the copy in Redis where production reads
sessions from (`cached_db`). We keep sessions on the server (the site's setting) rather than in
cookies: cookies would send the answers to the browser and back on every request and hit the
4 kB limit.

Answers expire 24 hours after the visitor started (or resumed). A resume link is the answers
sealed with another key, valid for 30 days. Nothing is stored for it on the server, so there is
no record to leak or to forget; the link itself is the only copy, and it is useless without our
secret key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from questionnaire import clock, crypto

SESSION_KEY = "questionnaire"
ANSWERS_TTL_SECONDS = 24 * 60 * 60
RESUME_TTL_SECONDS = 30 * 24 * 60 * 60
FORMAT_VERSION = 1


@dataclass
class State:
    answers: dict = field(default_factory=dict)
    started: float = field(default_factory=clock.now)
    # Whether this set of answers was already counted in the anonymous demand signal.
    counted: bool = False

    @property
    def expires_at(self) -> float:
        return self.started + ANSWERS_TTL_SECONDS


def load(request) -> tuple[State, bool]:
    """The visitor's state, and whether their earlier answers had expired (and were wiped)."""
    token = request.session.get(SESSION_KEY)
    if not token:
        return State(), False
    try:
        payload = crypto.unseal(token, crypto.SESSION_PURPOSE, ANSWERS_TTL_SECONDS)
    except crypto.TokenExpired:
        clear(request)
        return State(), True
    except crypto.TokenInvalid:
        clear(request)
        return State(), False
    state = State(
        answers=payload.get("answers") or {},
        started=float(payload.get("started") or 0),
        counted=bool(payload.get("counted")),
    )
    if clock.now() > state.expires_at:
        clear(request)
        return State(), True
    return state, False


def save(request, state: State) -> None:
    payload = {"v": FORMAT_VERSION, "answers": state.answers, "started": state.started}
    if state.counted:
        payload["counted"] = True
    request.session[SESSION_KEY] = crypto.seal(payload, crypto.SESSION_PURPOSE)


def clear(request) -> None:
    request.session.pop(SESSION_KEY, None)


def resume_token(state: State) -> str:
    return crypto.seal({"v": FORMAT_VERSION, "answers": state.answers}, crypto.RESUME_PURPOSE)


def resume_expires_at() -> float:
    return clock.now() + RESUME_TTL_SECONDS


def restore(token: str) -> State:
    """Raises crypto.TokenInvalid or crypto.TokenExpired."""
    payload = crypto.unseal(token.strip(), crypto.RESUME_PURPOSE, RESUME_TTL_SECONDS)
    answers = payload.get("answers")
    if payload.get("v") != FORMAT_VERSION or not isinstance(answers, dict):
        raise crypto.TokenInvalid
    return State(answers=answers)
