"""One row per answer to "Où en êtes-vous ?" (a person may answer again as things change)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bob_emploi.web.projects.models import Project


class CheckIn(models.Model):
    class Status(models.TextChoices):
        SEARCHING = "searching", "Je cherche toujours"
        FOUND_JOB = "found_job", "J'ai trouvé un emploi"
        TRAINING = "training", "Je suis en formation"
        STOPPED = "stopped", "J'ai arrêté de chercher pour le moment"

    class Contract(models.TextChoices):
        CDI = "cdi", "CDI"
        LONG_CDD = "long_cdd", "CDD de 6 mois ou plus"
        SHORT_CDD = "short_cdd", "CDD de moins de 6 mois"
        INTERIM = "interim", "Intérim"
        ALTERNANCE = "alternance", "Alternance"
        OWN_BUSINESS = "own_business", "Création ou reprise d'entreprise"
        OTHER = "other", "Autre"

    class Helped(models.TextChoices):
        A_LOT = "a_lot", "Oui, beaucoup"
        A_LITTLE = "a_little", "Un peu"
        NOT_AT_ALL = "not_at_all", "Non"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="checkins")
    status = models.CharField(max_length=16, choices=Status.choices)
    contract = models.CharField(max_length=16, choices=Contract.choices, blank=True)  # with a job found
    in_target_job = models.BooleanField(null=True, blank=True)  # the job found is the one of the project
    helped = models.CharField(max_length=16, choices=Helped.choices, blank=True)  # blank: not answered
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "point d'étape"
