from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "bob_emploi.web.insights"
    label = "insights"
    verbose_name = "Chiffres pour l'équipe"
