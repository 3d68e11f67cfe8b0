from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "bob_emploi.web.pages"
    label = "pages"
    verbose_name = "Pages"
