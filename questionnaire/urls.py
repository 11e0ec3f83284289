from django.urls import path

from questionnaire.views import saving, steps, summary

app_name = "questionnaire"

urlpatterns = [
    path("", steps.start, name="start"),
    path("controle/", steps.check, name="check"),
    path("bewaren/", saving.save, name="save"),
    path("hervatten/", saving.resume, name="resume"),
    path("vergeten/", saving.forget, name="forget"),
    path("mijn-wensen/", summary.summary, name="summary"),
    path("mijn-wensen.json", summary.summary_json, name="summary_json"),
    path("meetellen/", summary.demand_opt_in, name="demand_opt_in"),
    path("vraag/<slug:slug>/", steps.step, name="step"),
]
