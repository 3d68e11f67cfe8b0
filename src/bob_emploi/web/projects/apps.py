from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "bob_emploi.web.projects"
    label = "projects"
    verbose_name = "Projets"
