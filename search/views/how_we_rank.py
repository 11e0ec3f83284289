"""'Zo rangschikken wij': the ranking explained, with the numbers read from search/ranking.py."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search import ranking
from search.criteria import Importance


@require_GET
def how_we_rank(request):
    description = ranking.describe()
    top_wish = max(points for _label, points in description["wishes"])
    context = {
        "ranking": description,
        "example": {
            "wish_label": dict(Importance.CHOICES)[Importance.VERY_IMPORTANT],
            "wish_points": ranking.WISH_POINTS[Importance.VERY_IMPORTANT],
            "near_points": description["distance_examples"][0][1],
            "top_wish": top_wish,
        },
    }
    return render(request, "search/how_we_rank.html", context)
