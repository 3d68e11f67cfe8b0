from django.apps import AppConfig


class ThrottlingConfig(AppConfig):
    name = "bob_emploi.web.throttling"
    label = "throttling"
    verbose_name = "Limites de fréquence"
