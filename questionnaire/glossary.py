"""Words from the care system, explained in plain Dutch (B1) wherever the questionnaire shows them.

A page passes the texts it shows to `explanations_for`, and gets back the entries for the care
words in them, for a "Wat betekent dit?" block next to the question.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

# Each entry: the word as shown, the spellings it is found by, the explanation.
GLOSSARY = (
    (
        "Wlz",
        ("Wlz",),
        _(
            "Wet langdurige zorg. Deze wet betaalt de zorg voor mensen die altijd zorg of "
            "toezicht dichtbij nodig hebben."
        ),
    ),
    (
        "CIZ",
        ("CIZ",),
        _(
            "Centrum indicatiestelling zorg. Het CIZ beslist of iemand zorg krijgt uit de Wlz, "
            "en welke. Dat heet een indicatie. U krijgt daarover een brief."
        ),
    ),
    (
        _("Zorgprofiel"),
        ("zorgprofiel", _("zorgprofiel")),
        _(
            "Zegt welke zorg iemand nodig heeft en hoeveel. Het staat in de brief van het CIZ, "
            "bijvoorbeeld VV05 of VG03."
        ),
    ),
    (
        "ZIN",
        ("Zorg in Natura",),
        _(
            "Zorg in Natura. U woont in een instelling. De zorgaanbieder regelt de zorg en het "
            "wonen. Het zorgkantoor betaalt de zorgaanbieder."
        ),
    ),
    (
        "VPT",
        ("VPT",),
        _(
            "Volledig pakket thuis. U blijft thuis wonen en krijgt daar alle zorg die u nodig "
            "heeft, van één zorgaanbieder."
        ),
    ),
    (
        "MPT",
        ("MPT",),
        _(
            "Modulair pakket thuis. U blijft thuis wonen en krijgt daar een deel van de zorg. "
            "U kiest zelf welke delen."
        ),
    ),
    (
        "Pgb",
        ("pgb",),
        _(
            "Persoonsgebonden budget. U krijgt zelf geld en koopt daarmee de zorg in. U regelt "
            "dan zelf wie de zorg geeft."
        ),
    ),
    (
        "Wmo",
        ("Wmo",),
        _(
            "Wet maatschappelijke ondersteuning. Hiermee betaalt de gemeente hulp en beschermd "
            "wonen voor wie geen Wlz-indicatie heeft."
        ),
    ),
    (
        "Jeugdwet",
        ("Jeugdwet",),
        _("Met de Jeugdwet betaalt de gemeente hulp voor kinderen en jongeren tot 18 jaar."),
    ),
)


def explanations_for(*texts: str) -> list[dict]:
    """The glossary entries for the care words these texts use, in glossary order."""
    words = set(re.findall(r"[^\W\d_]+", " ".join(str(text) for text in texts).casefold()))
    found = []
    for term, spellings, explanation in GLOSSARY:
        if any(set(str(spelling).casefold().split()) <= words for spelling in spellings):
            found.append({"term": str(term), "explanation": str(explanation)})
    return found
