from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("zoeken-op-site/", views.site_search, name="site_search"),
]
