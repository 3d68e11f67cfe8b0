"""The team's pages, under /equipe/ (linked only from the account page of staff who may see them)."""

from django.urls import path

from bob_emploi.web.insights import views

app_name = "insights"

urlpatterns = [
    path("equipe/chiffres", views.figures_page, name="figures"),
    path("equipe/chiffres.csv", views.figures_csv, name="figures_csv"),
]
