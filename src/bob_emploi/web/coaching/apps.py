from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "bob_emploi.web.coaching"
    label = "coaching"
    verbose_name = "E-mails de suivi"

    def ready(self) -> None:
        from bob_emploi.web.coaching import signals  # noqa: F401  (a job found ends the coaching e-mails)
