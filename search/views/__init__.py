"""Views of the search app; each module keeps one page thin (parsing input, rendering)."""

from search.views.compare import compare
from search.views.how_we_rank import how_we_rank
from search.views.results import results
from search.views.shortlist import (
    shortlist_add,
    shortlist_page,
    shortlist_remove,
    shortlist_shared,
)

__all__ = [
    "compare",
    "how_we_rank",
    "results",
    "shortlist_add",
    "shortlist_page",
    "shortlist_remove",
    "shortlist_shared",
]
