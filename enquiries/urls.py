from django.urls import path

from enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("", views.start, name="start"),
    path("controle/", views.check, name="check"),
    path("verstuurd/", views.sent, name="sent"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/wijzigen/", views.status_action, name="status_action"),
    path("vraag/<slug:slug>/", views.step, name="step"),
]
