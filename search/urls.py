from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("vergelijken/", views.compare, name="compare"),
    path("bewaarlijst/", views.shortlist_page, name="shortlist"),
    path("bewaarlijst/gedeeld/<str:token>/", views.shortlist_shared, name="shortlist_shared"),
    path("bewaarlijst/toevoegen/", views.shortlist_add, name="shortlist_add"),
    path("bewaarlijst/verwijderen/", views.shortlist_remove, name="shortlist_remove"),
    path("zo-rangschikken-wij/", views.how_we_rank, name="how_we_rank"),
]
