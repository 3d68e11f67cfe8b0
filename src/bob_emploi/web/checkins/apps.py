from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "bob_emploi.web.checkins"
    label = "checkins"
    verbose_name = "Points d'étape"
