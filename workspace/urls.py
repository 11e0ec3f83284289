from django.urls import path

import workspace.views_compare as compare_views
import workspace.views_for_client as for_client_views
import workspace.views_questionnaire as questionnaire_views
from workspace import views, views_export, views_requests

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/instellen/", views.setup, name="setup"),
    path("inloggen/code/", views.verify, name="verify"),
    path(
        "uitloggen/",
        views.auth_views.LogoutView.as_view(next_page="workspace:login"),
        name="logout",
    ),
    path("wachtwoord/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("uitnodigen/", views.invite, name="invite"),
    path("cijfers/", views.figures, name="figures"),
    path("voor-client/zoekopdracht/", for_client_views.save_search, name="for_client_search"),
    path("voor-client/bewaarlijst/", for_client_views.shortlist_add, name="for_client_shortlist"),
    path("client/<int:client_id>/", views.client_detail, name="client"),
    path("client/<int:client_id>/zoekopdracht/", views.save_search, name="save_search"),
    path("client/<int:client_id>/zoekopdracht/<int:search_id>/bekijken/", views.look, name="look"),
    path(
        "client/<int:client_id>/zoekopdracht/<int:search_id>/verwijderen/",
        views.delete_search,
        name="delete_search",
    ),
    path(
        "client/<int:client_id>/bewaarlijst/toevoegen/",
        views.shortlist_add,
        name="shortlist_add",
    ),
    path(
        "client/<int:client_id>/bewaarlijst/overnemen/",
        views.shortlist_take_over,
        name="shortlist_take_over",
    ),
    path(
        "client/<int:client_id>/bewaarlijst/verwijderen/",
        views.shortlist_remove,
        name="shortlist_remove",
    ),
    path("client/<int:client_id>/vragenlijst/", questionnaire_views.start, name="questionnaire"),
    path(
        "client/<int:client_id>/vragenlijst/<slug:slug>/",
        questionnaire_views.step,
        name="questionnaire_step",
    ),
    path("client/<int:client_id>/vergelijken/", compare_views.compare, name="compare"),
    path("client/<int:client_id>/notitie/", views.add_note, name="add_note"),
    path("client/<int:client_id>/aanvraag/", views_requests.send, name="send_request"),
    path("client/<int:client_id>/delen/", views.share, name="share"),
    path("client/<int:client_id>/delen/<uuid:link_id>/intrekken/", views.revoke, name="revoke"),
    path("client/<int:client_id>/collega/", views.share_with_colleague, name="colleague"),
    path(
        "client/<int:client_id>/collega/<int:colleague_id>/stoppen/",
        views.stop_sharing,
        name="stop_sharing",
    ),
    path("client/<int:client_id>/export/", views.export, name="export"),
    path("client/<int:client_id>/export/pdf/", views_export.pdf, name="export_pdf"),
    path("client/<int:client_id>/overzicht/", views.overview, name="overview"),
    path("client/<int:client_id>/verwijderen/", views.delete_client, name="delete"),
    path("gedeeld/<str:token>/", views.shared, name="shared"),
    path("gedeeld/<str:token>/vergelijken/", compare_views.shared_compare, name="shared_compare"),
]
