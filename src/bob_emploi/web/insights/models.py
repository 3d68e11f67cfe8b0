"""No table: only the permission that opens the team's figures (`insights.view_aggregates`)."""

from __future__ import annotations

from django.db import models


class Aggregates(models.Model):
    """Holds the permission; Django needs a model to hang a custom permission on."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_aggregates", "Voir les chiffres agrégés pour l'équipe")]
        verbose_name = "chiffres agrégés"
