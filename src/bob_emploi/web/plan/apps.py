from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "bob_emploi.web.plan"
    label = "plan"
    verbose_name = "Plans d'action"
